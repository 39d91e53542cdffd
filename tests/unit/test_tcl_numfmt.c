/*
** test_tcl_numfmt.c: numfmt_double against Python's repr(float) (the table below was
** printed by Python 3.11 for these bit patterns: powers of two and their neighbours,
** the fixed/scientific boundaries, subnormals, NEURON values), plus --precision forms
** and a round-trip sweep.
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/tcl/numfmt.h"

/* A double by its bits and what Python's repr prints for it. */
struct repr_case {
    uint64_t bits; /* IEEE-754 bit pattern */
    const char *want; /* repr(x) */
};

static const struct repr_case repr_cases[] = {
    { 0x0000000000000000ULL, "0.0" },
    { 0x8000000000000000ULL, "-0.0" },
    { 0x3ff0000000000000ULL, "1.0" },
    { 0xbff0000000000000ULL, "-1.0" },
    { 0x3fb999999999999aULL, "0.1" },
    { 0x3f9999999999999aULL, "0.025" },
    { 0x3fe0000000000000ULL, "0.5" },
    { 0x4004000000000000ULL, "2.5" },
    { 0x4024000000000000ULL, "10.0" },
    { 0x4059000000000000ULL, "100.0" },
    { 0x430c6bf526340000ULL, "1000000000000000.0" },
    { 0x4341c37937e08000ULL, "1e+16" },
    { 0x434aa535d3d0c000ULL, "1.5e+16" },
    { 0x437b69b4ba630f35ULL, "1.2345678901234568e+17" },
    { 0x4341c37937e07fffULL, "9999999999999998.0" },
    { 0x3f1a36e2eb1c432dULL, "0.0001" },
    { 0x3ee4f8b588e368f1ULL, "1e-05" },
    { 0x3f1f75104d551d69ULL, "0.00012" },
    { 0x3eef75104d551d69ULL, "1.5e-05" },
    { 0x3eff75104d551d6aULL, "3.0000000000000004e-05" },
    { 0x0000000000000001ULL, "5e-324" },
    { 0x0010000000000000ULL, "2.2250738585072014e-308" },
    { 0x7fefffffffffffffULL, "1.7976931348623157e+308" },
    { 0x4480f0cf064dd592ULL, "1e+22" },
    { 0x44b52d02c7e14af6ULL, "1e+23" },
    { 0x442043561a882930ULL, "1.5e+20" },
    { 0x46293e5939a08ceaULL, "1e+30" },
    { 0x54b249ad2594c37dULL, "1e+100" },
    { 0x2b2bff2ee48e0530ULL, "1e-100" },
    { 0x400921fb54442d18ULL, "3.141592653589793" },
    { 0x0000000000000003ULL, "1.5e-323" },
    { 0x43b0000000000000ULL, "1.152921504606847e+18" },
    { 0x3eb0000000000000ULL, "9.5367431640625e-07" },
    { 0x4630000000000000ULL, "1.2676506002282294e+30" },
    { 0xc0503ff3c944b553ULL, "-64.99925452909274" },
    { 0x3fab19f77a26daefULL, "0.05293248525724958" },
    { 0xbf53fd4a6b04d1b3ULL, "-0.0012200571764654333" },
    { 0x3fd5555555555555ULL, "0.3333333333333333" },
    { 0x3fe5555555555555ULL, "0.6666666666666666" },
    { 0x3fd3333333333334ULL, "0.30000000000000004" },
    { 0x3e7ad7f29abcaf48ULL, "1e-07" },
    { 0x405edd2f1a9fbe77ULL, "123.456" },
    { 0x44b52d02c7e14af6ULL, "1e+23" },
    { 0x4011666666666666ULL, "4.35" },
    { 0x3fd3333333333333ULL, "0.3" },
    { 0x4132d68700000000ULL, "1234567.0" },
    { 0x3f202e85be111841ULL, "0.000123456789" },
    { 0x0000000000000002ULL, "1e-323" },
    { 0x000fffffffffffffULL, "2.225073858507201e-308" },
    { 0x0010000000000001ULL, "2.225073858507202e-308" },
    { 0x20afffffffffffffULL, "3.0549363634996043e-151" },
    { 0x20b0000000000001ULL, "3.0549363634996054e-151" },
    { 0x3eafffffffffffffULL, "9.536743164062499e-07" },
    { 0x3eb0000000000001ULL, "9.536743164062502e-07" },
    { 0x3fdfffffffffffffULL, "0.49999999999999994" },
    { 0x3fe0000000000001ULL, "0.5000000000000001" },
    { 0x3fefffffffffffffULL, "0.9999999999999999" },
    { 0x3ff0000000000001ULL, "1.0000000000000002" },
    { 0x3fffffffffffffffULL, "1.9999999999999998" },
    { 0x4000000000000001ULL, "2.0000000000000004" },
    { 0x408fffffffffffffULL, "1023.9999999999999" },
    { 0x4090000000000001ULL, "1024.0000000000002" },
    { 0x432fffffffffffffULL, "4503599627370495.5" },
    { 0x4330000000000001ULL, "4503599627370497.0" },
    { 0x433fffffffffffffULL, "9007199254740991.0" },
    { 0x4340000000000001ULL, "9007199254740994.0" },
    { 0x462fffffffffffffULL, "1.2676506002282293e+30" },
    { 0x4630000000000001ULL, "1.2676506002282297e+30" },
    { 0x7fdfffffffffffffULL, "8.988465674311579e+307" },
    { 0x7fe0000000000001ULL, "8.988465674311582e+307" },
};

/* The double with these bits. */
static double from_bits(uint64_t b)
{
    double x;
    memcpy(&x, &b, sizeof x);
    return x;
}

/* Every table entry prints as Python prints it. */
static void test_repr_table(void **state)
{
    char buf[NUMFMT_BUFSIZE];
    (void)state;
    for (size_t i = 0; i < sizeof repr_cases / sizeof repr_cases[0]; i++)
        assert_string_equal(numfmt_double(buf, from_bits(repr_cases[i].bits), 0),
                            repr_cases[i].want);
}

/* nan, inf, -inf as Python prints them (sign of NaN dropped). */
static void test_special(void **state)
{
    char buf[NUMFMT_BUFSIZE];
    (void)state;
    assert_string_equal(numfmt_double(buf, NAN, 0), "nan");
    assert_string_equal(numfmt_double(buf, -NAN, 0), "nan");
    assert_string_equal(numfmt_double(buf, INFINITY, 0), "inf");
    assert_string_equal(numfmt_double(buf, -INFINITY, 0), "-inf");
}

/* Significant digits, laid out the repr way. */
static void test_precision(void **state)
{
    char buf[NUMFMT_BUFSIZE];
    (void)state;
    assert_string_equal(numfmt_double(buf, -64.99925452909274, 6), "-64.9993");
    assert_string_equal(numfmt_double(buf, 0.025, 3), "0.025");
    assert_string_equal(numfmt_double(buf, 0.0, 3), "0.0");
    assert_string_equal(numfmt_double(buf, 1.0, 5), "1.0");
    assert_string_equal(numfmt_double(buf, 99.99, 2), "100.0");
    assert_string_equal(numfmt_double(buf, 1.23456e-7, 3), "1.23e-07");
    assert_string_equal(numfmt_double(buf, 1e30, 1), "1e+30");
    assert_string_equal(numfmt_double(buf, 0.1, 17), "0.10000000000000001");
    assert_string_equal(numfmt_double(buf, 0.1, 0), "0.1");
    assert_string_equal(numfmt_double(buf, 0.1, 99), "0.1"); /* out of range: shortest */
}

/* Pseudo-random doubles (any bit pattern) read back exactly from what is printed. */
static void test_roundtrip(void **state)
{
    char buf[NUMFMT_BUFSIZE];
    uint64_t s = 0x9e3779b97f4a7c15ULL;
    (void)state;
    for (int i = 0; i < 200000; i++) {
        double x, y;
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        x = from_bits(s);
        if (!isfinite(x))
            continue;
        numfmt_double(buf, x, 0);
        y = strtod(buf, NULL);
        assert_memory_equal(&x, &y, sizeof x);
        assert_true(strlen(buf) < NUMFMT_BUFSIZE);
    }
}

/* A value of the kind k (0..5) from the random word r: any bit pattern, a 53-bit integer
** scaled by a power of two, a ratio, a power of two or ten and its neighbours, a short
** decimal. The last four stay where the exact integer route applies. */
static double numfmt_sample(int k, uint64_t r, uint64_t r2)
{
    double x;
    switch (k) {
    case 0: return from_bits(r);
    case 1: return ldexp((double)(r >> 11), (int)(r2 % 140) - 120);
    case 2: return (double)((long long)(r % 2000001) - 1000000) / (double)(1 + r2 % 100000);
    case 3:
        x = ldexp(1.0, (int)(r % 300) - 150);
        return r2 & 1 ? nextafter(x, r2 & 2 ? 0 : INFINITY) : x;
    case 4:
        x = pow(10, (int)(r % 60) - 25);
        return r2 % 3 == 1 ? nextafter(x, 0) : r2 % 3 == 2 ? nextafter(x, INFINITY) : x;
    default: return (double)(r % 100000) / pow(10, (int)(r2 % 12));
    }
}

/* The exact integer route gives what the libc route (checked against Python above and by
** round trips) gives, shortest and with 1..17 digits, over values of every kind, including
** the awkward ones: powers of two (uneven gaps), powers of ten, ties, carries to 10.0. */
static void test_exact_route(void **state)
{
    char a[NUMFMT_BUFSIZE], b[NUMFMT_BUFSIZE];
    uint64_t s = 0x243f6a8885a308d3ULL;
    (void)state;
    for (int i = 0; i < 300000; i++) {
        uint64_t r, r2;
        double x;
        int digits = i % 5 == 0 ? i / 5 % 17 + 1 : 0;
        s ^= s << 13, s ^= s >> 7, s ^= s << 17;
        r = s;
        s ^= s << 13, s ^= s >> 7, s ^= s << 17;
        r2 = s;
        x = numfmt_sample(i % 6, r, r2);
        if (!isfinite(x))
            continue;
        numfmt_double(a, x, digits);
        numfmt_double_libc(b, x, digits);
        if (strcmp(a, b) != 0)
            fail_msg("%a with %d digits: %s, libc %s", x, digits, a, b);
    }
    assert_string_equal(numfmt_double(a, 0.125, 2), "0.12");  /* tie to even */
    assert_string_equal(numfmt_double(a, 0.375, 2), "0.38");
    assert_string_equal(numfmt_double(a, 9.9999999999999995, 15), "10.0");
    assert_string_equal(numfmt_double(a, ldexp(1, 60), 0), "1.152921504606847e+18");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_repr_table),
        cmocka_unit_test(test_special),
        cmocka_unit_test(test_precision),
        cmocka_unit_test(test_roundtrip),
        cmocka_unit_test(test_exact_route),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
