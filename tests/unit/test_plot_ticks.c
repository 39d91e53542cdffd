/*
** test_plot_ticks.c: tick choice and labels (ticks.c) and axis mapping (scale.c).
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/plot/plot.h"

/* Debian's cmocka casts assert_float_equal to float; compare doubles ourselves. */
static void assert_close(double got, double want, double tol)
{
    if (!(fabs(got - want) <= tol))
        fail_msg("got %.17g, want %.17g (tolerance %g)", got, want, tol);
}

/* 1-2-5 progression, up and down, across powers of ten. */
static void test_steps(void **state)
{
    (void)state;
    assert_close(ticks_step_floor(0.3), 0.2, 1e-15);
    assert_close(ticks_step_floor(7), 5, 0);
    assert_close(ticks_step_floor(1000), 1000, 0);
    assert_close(ticks_step_floor(999.9), 500, 0);
    assert_close(ticks_step_floor(1.9e-7), 1e-7, 1e-22);
    assert_close(ticks_step_up(1), 2, 0);
    assert_close(ticks_step_up(2), 5, 0);
    assert_close(ticks_step_up(5), 10, 0);
    assert_close(ticks_step_up(0.05), 0.1, 1e-17);
}

/* Multiples are exact decimals: 0.1 * 3 prints as 0.3, and -0 never appears. */
static void test_linear_values(void **state)
{
    struct ticks t;
    (void)state;
    assert_int_equal(ticks_linear(-0.05, 0.35, 0.1, &t), 4);
    assert_string_equal(t.label[0], "0.0");
    assert_string_equal(t.label[3], "0.3");
    assert_true(t.v[3] == 0.3);
    assert_false(signbit(t.v[0]));
    assert_int_equal(ticks_linear(-65, 40, 20, &t), 6);
    assert_string_equal(t.label[0], "-60");
    assert_string_equal(t.label[5], "40");
    assert_int_equal(ticks_linear(0, 1e6, 1, &t), -1); /* too many */
    assert_int_equal(t.n, 0);
}

/* ticks_choose never exceeds maxn, stays inside the range and uses round steps. */
static void test_choose_linear(void **state)
{
    struct scale s;
    struct ticks t;
    int maxn, i;
    (void)state;
    assert_int_equal(scale_set(&s, 0, 10, 0), 0);
    for (maxn = 2; maxn <= 20; maxn++) {
        ticks_choose(&s, maxn, &t);
        assert_true(t.n >= 2 && t.n <= maxn);
        for (i = 0; i < t.n; i++)
            assert_true(t.v[i] >= 0 && t.v[i] <= 10);
    }
    ticks_choose(&s, 6, &t);
    assert_int_equal(t.n, 6); /* 0 2 4 6 8 10 */
    assert_string_equal(t.label[5], "10");
    assert_int_equal(scale_set(&s, -64.99, 41.3, 0), 0);
    ticks_choose(&s, 7, &t);
    assert_string_equal(t.label[0], "-60");
    assert_close(t.v[1] - t.v[0], 20, 1e-12);
}

/* Very small and very large steps use compact exponents. */
static void test_format(void **state)
{
    char buf[TICKS_LABEL_MAX];
    (void)state;
    ticks_format(1.5e-5, 5e-6, buf, sizeof buf);
    assert_string_equal(buf, "1.5e-5");
    ticks_format(3e6, 1e6, buf, sizeof buf);
    assert_string_equal(buf, "3e6");
    ticks_format(0, 1e-9, buf, sizeof buf);
    assert_string_equal(buf, "0");
    ticks_format(0.025, 0.005, buf, sizeof buf);
    assert_string_equal(buf, "0.025");
    ticks_format(-12, 2, buf, sizeof buf);
    assert_string_equal(buf, "-12");
}

/* Log axes: decades, thinned when many, 2-5 fill-in when few. */
static void test_log(void **state)
{
    struct scale s;
    struct ticks t;
    (void)state;
    assert_int_equal(scale_set(&s, 1e-3, 1e3, 1), 0);
    ticks_choose(&s, 10, &t);
    assert_int_equal(t.n, 7);
    assert_string_equal(t.label[0], "0.001");
    assert_string_equal(t.label[6], "1000");
    ticks_choose(&s, 3, &t);
    assert_true(t.n <= 3 && t.n >= 2);
    assert_close(t.v[0], 1e-3, 1e-18); /* decades that are multiples of the stride: 1e-3, 1, 1e3 */
    assert_int_equal(scale_set(&s, 1e-12, 1e12, 1), 0);
    ticks_choose(&s, 6, &t);
    assert_true(t.n <= 6 && t.n >= 2);
    assert_string_equal(t.label[0], "1e-10"); /* every 5th decade */
    assert_int_equal(scale_set(&s, 1, 30, 1), 0);
    ticks_choose(&s, 8, &t);
    assert_int_equal(t.n, 5); /* 1 2 5 10 20 */
    assert_string_equal(t.label[1], "2");
    assert_int_equal(scale_set(&s, 2.1, 2.9, 1), 0); /* less than a decade, no 1-2-5 inside */
    ticks_choose(&s, 5, &t);
    assert_true(t.n >= 2);
}

/* scale_unit: linear and log placement, invalid values, and widening of empty ranges. */
static void test_scale(void **state)
{
    struct scale s;
    double lo = 5, hi = 5;
    (void)state;
    assert_int_equal(scale_set(&s, 0, 10, 0), 0);
    assert_close(scale_unit(&s, 2.5), 0.25, 1e-15);
    assert_close(scale_value(&s, 0.25), 2.5, 1e-15);
    assert_true(isnan(scale_unit(&s, NAN)));
    assert_int_equal(scale_set(&s, 1, 1000, 1), 0);
    assert_close(scale_unit(&s, 10), 1.0 / 3, 1e-15);
    assert_true(isnan(scale_unit(&s, -1)));
    assert_true(isnan(scale_unit(&s, 0)));
    assert_int_equal(scale_set(&s, 0, 10, 1), -1);
    assert_int_equal(scale_set(&s, 3, 3, 0), -1);
    assert_int_equal(scale_set(&s, 0, INFINITY, 0), -1);
    scale_widen(&lo, &hi, 0);
    assert_close(lo, 4.5, 1e-15);
    assert_close(hi, 5.5, 1e-15);
    lo = hi = 0;
    scale_widen(&lo, &hi, 0);
    assert_close(lo, -1, 0);
    assert_close(hi, 1, 0);
    lo = hi = 10;
    scale_widen(&lo, &hi, 1);
    assert_true(lo < 10 && hi > 10 && lo > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_steps),      cmocka_unit_test(test_linear_values),
        cmocka_unit_test(test_choose_linear), cmocka_unit_test(test_format),
        cmocka_unit_test(test_log),        cmocka_unit_test(test_scale),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
