/*
** test_exp.c: nrn_exp (exp_exact.c) returns the C library's exp bit for bit. Checked on
** millions of arguments over every range where exp's result is finite and nonzero, with
** extra weight on the places where an implementation slips: the edges of the reduction
** (multiples of ln2/128 and the points halfway between), the overflow and subnormal edges,
** tiny arguments, and the special values. Run with GLIBC_TUNABLES masking FMA, glibc falls
** back to its plain build and the test then checks the plain variant against it. nrn_hexp
** (exp_hoc.c, exp with NEURON's range for mechanisms) is checked at its edges and its vector
** forms lane by lane, and so is the inline form of the generated kernels (nrn_exp_inline.h).
*/
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "exp_exact.h"

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint64_t next_u64(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* A uniform double in [lo, hi). */
static double uniform(double lo, double hi)
{
    return lo + (hi - lo) * (double)(next_u64() >> 11) * 0x1p-53;
}

static uint64_t bits(double x)
{
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    return u;
}

/* Which variant glibc runs here: the one that agrees with it on arguments where the two
** variants differ. */
static double (*variant)(double);

static void pick_variant(void)
{
    variant = exp_exact_plain;
    if (!exp_exact_have_fma())
        return;
    for (int i = 0; i < 1000000; i++) {
        double x = uniform(-700, 700);
        if (bits(exp_exact_fma(x)) != bits(exp_exact_plain(x))) {
            variant = bits(exp(x)) == bits(exp_exact_fma(x)) ? exp_exact_fma : exp_exact_plain;
            return;
        }
    }
}

static int nbad;

static void same(double x)
{
    double want = exp(x), got = variant(x), disp = nrn_exp(x);
    if (bits(want) != bits(got) && !(isnan(want) && isnan(got))) {
        if (nbad++ < 10)
            print_error("exp(%a): libc %a, ours %a\n", x, want, got);
    }
    if (variant == exp_exact_fma && bits(got) != bits(disp) && !(isnan(got) && isnan(disp)))
        if (nbad++ < 10)
            print_error("exp(%a): nrn_exp %a differs from the FMA variant %a\n", x, disp, got);
}

static void test_ranges(void **state)
{
    (void)state;
    static const double ranges[][2] = {
        { -1, 1 }, { -10, 10 }, { -100, 100 }, { -745.2, 709.8 },
        { -1e-5, 1e-5 }, { -0.01, 0.01 }, { 700, 709.79 }, { -745.14, -700 },
        { -760, -708 }, { 500, 520 }, { -520, -500 },
    };
    nbad = 0;
    for (size_t k = 0; k < sizeof ranges / sizeof ranges[0]; k++)
        for (int i = 0; i < 1000000; i++)
            same(uniform(ranges[k][0], ranges[k][1]));
    assert_int_equal(nbad, 0);
}

/* The argument as seen by the rate functions of channel models: (v + c) / k at every
** voltage a 0.025 ms run visits, one in a million apart. */
static void test_near_reduction_points(void **state)
{
    (void)state;
    nbad = 0;
    const double step = 0x1.62e42fefa39efp-1 / 128; /* ln2 / 128 */
    for (int k = -95000; k < 90000; k++)
        for (int j = 0; j < 8; j++) {
            double x = k * step + (j - 4) * step / 8;
            same(x);
            same(nextafter(x, INFINITY));
            same(nextafter(x, -INFINITY));
        }
    assert_int_equal(nbad, 0);
}

static void test_random_bits(void **state)
{
    (void)state;
    nbad = 0;
    for (int i = 0; i < 2000000; i++) {
        double x;
        uint64_t u = next_u64();
        memcpy(&x, &u, sizeof x);
        same(x);
    }
    assert_int_equal(nbad, 0);
}

static void test_specials(void **state)
{
    (void)state;
    static const double xs[] = {
        0.0, -0.0, 0x1p-1074, -0x1p-1074, 0x1p-55, -0x1p-55, 0x1p-54, -0x1p-54,
        0x1p-53, 709.782712893384, 709.7827128933841, 710, -745.1332191019411,
        -745.1332191019412, -746, -708.3964185322641, -708.3964185322642, 512, -512, 1024, -1024,
        1023.9999999999999, -1023.9999999999999, INFINITY, -INFINITY, NAN, 1e300, -1e300,
    };
    nbad = 0;
    for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++)
        same(xs[i]);
    assert_int_equal(nbad, 0);
    assert_true(isnan(nrn_exp(NAN)));
    assert_true(nrn_exp(-INFINITY) == 0 && !signbit(nrn_exp(-INFINITY)));
    assert_true(isinf(nrn_exp(800)));
}

/* The vector forms give each lane the scalar result, for arguments of every kind mixed in
** one vector (a lane outside the main range must not disturb the others). */
static void test_vector_forms(void **state)
{
    (void)state;
    enum { N = 1 << 16 };
    static double x[N], y[N];
    static const double odd[] = { 0x1p-60, -0x1p-60, 600, -600, 800, -800, INFINITY, -INFINITY,
                                  NAN, 0.0, -0.0, 709.78, -745.1, 1e-300 };
    for (int width = 4; width <= 8; width += 4)
        for (int round = 0; round < 40; round++) {
            for (int i = 0; i < N; i++) {
                uint64_t u = next_u64();
                x[i] = u % 17 == 0 ? odd[u % (sizeof odd / sizeof odd[0])] : uniform(-50, 50);
            }
            exp_simd_array(x, y, N, width);
            int bad = 0;
            for (int i = 0; i < N; i++) {
                double want = nrn_exp(x[i]);
                if (bits(want) != bits(y[i]) && !(isnan(want) && isnan(y[i])) && bad++ < 5)
                    print_error("width %d: exp(%a) = %a, vector form %a\n", width, x[i], want, y[i]);
            }
            assert_int_equal(bad, 0);
        }
}

/* nrn_hexp, NEURON's hoc_Exp: 0 below -700, exp(700) above, nrn_exp's bits between and NaN
** for NaN; its vector forms give each lane the scalar result. */
static void test_hoc_range(void **state)
{
    (void)state;
    assert_true(bits(nrn_hexp(-700.0000000000001)) == 0);
    assert_true(bits(nrn_hexp(-INFINITY)) == 0);
    assert_true(bits(nrn_hexp(-700)) == bits(nrn_exp(-700)));
    assert_true(bits(nrn_hexp(700)) == bits(nrn_exp(700)));
    assert_true(bits(nrn_hexp(800)) == bits(nrn_exp(700)));
    assert_true(bits(nrn_hexp(INFINITY)) == bits(nrn_exp(700)));
    assert_true(bits(nrn_hexp(1.5)) == bits(nrn_exp(1.5)));
    assert_true(isnan(nrn_hexp(NAN)));
    enum { N = 1 << 14 };
    static double x[N], y[N];
    static const double odd[] = { 700, -700, 700.0000000000001, -700.0000000000001, 710, -746,
                                  INFINITY, -INFINITY, NAN, 600, -600, 0.0 };
    static const int forms[] = { 2, 3, 4, 8 };
    for (size_t f = 0; f < sizeof forms / sizeof forms[0]; f++)
        for (int round = 0; round < 10; round++) {
            for (int i = 0; i < N; i++) {
                uint64_t u = next_u64();
                x[i] = u % 5 == 0 ? odd[u % (sizeof odd / sizeof odd[0])] : uniform(-900, 900);
            }
            exp_hoc_array(x, y, N, forms[f]);
            int bad = 0;
            for (int i = 0; i < N; i++) {
                double want = nrn_hexp(x[i]);
                if (bits(want) != bits(y[i]) && !(isnan(want) && isnan(y[i])) && bad++ < 5)
                    print_error("form %d: hexp(%a) = %a, vector form %a\n", forms[f], x[i], want,
                                y[i]);
            }
            assert_int_equal(bad, 0);
        }
}

/* nrn_exp_inline.h's exp, in the vector loops of the generated kernels' builds (v4, v3):
** nrn_hexp's bits in every lane, over every range it treats apart (above 700, 512..700,
** -700..-512, below -700, tiny, NaN and infinities) and on any bits. */
static void test_inline_form(void **state)
{
    (void)state;
    enum { N = 1 << 16 };
    static double x[N], y[N];
    static const double odd[] = { 700, -700, 700.0000000000001, -700.0000000000001, 512, -512,
                                  0x1.fffffffffffffp8, -0x1.fffffffffffffp8, 0x1p-54, -0x1p-54,
                                  0x1p-55, -0x1p-1074, 1e300, -1e300, INFINITY, -INFINITY, NAN,
                                  -NAN, 0.0, -0.0 };
    static const double lohi[][2] = { { -900, 900 }, { -720, -500 }, { 500, 720 }, { -2, 2 },
                                      { -1e-14, 1e-14 } };
    for (int isa = 3; isa <= 4; isa++)
        for (int round = 0; round < 60; round++) {
            for (int i = 0; i < N; i++) {
                uint64_t u = next_u64();
                if (round % 6 == 5)
                    memcpy(&x[i], &u, sizeof x[i]);
                else
                    x[i] = u % 13 == 0 ? odd[u % (sizeof odd / sizeof odd[0])]
                                       : uniform(lohi[round % 6][0], lohi[round % 6][1]);
            }
            if (!exp_inline_array(x, y, N, isa))
                break;
            int bad = 0;
            for (int i = 0; i < N; i++) {
                double want = nrn_hexp(x[i]);
                if (bits(want) != bits(y[i]) && bad++ < 5)
                    print_error("v%d: hexp(%a) = %a, inline %a\n", isa, x[i], want, y[i]);
            }
            assert_int_equal(bad, 0);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_specials),
        cmocka_unit_test(test_ranges),
        cmocka_unit_test(test_near_reduction_points),
        cmocka_unit_test(test_random_bits),
        cmocka_unit_test(test_vector_forms),
        cmocka_unit_test(test_hoc_range),
        cmocka_unit_test(test_inline_form),
    };
    pick_variant();
    return cmocka_run_group_tests(tests, NULL, NULL);
}
