/*
** test_plot_extremes.c: axes at the ends of the double range: denormal spans (1e-320),
** spans wider than the largest double (-1e308 to 1e308), equal and one-sided limits. Every
** finite range must get ticks with finite values inside it, without undefined behaviour
** (make asan runs this under UBSan: ticks.c once negated INT_MIN here).
*/
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/plot/plot.h"

/* Ticks of [lo, hi] with at most maxn: checks each is finite, inside, increasing and labelled. */
static int check_ticks(double lo, double hi, int log, int maxn, struct ticks *t)
{
    struct scale s;
    assert_int_equal(scale_set(&s, lo, hi, log), 0);
    int n = ticks_choose(&s, maxn, t);
    assert_true(n >= 1);
    assert_true(n <= maxn);
    for (int i = 0; i < n; i++) {
        assert_true(isfinite(t->v[i]));
        assert_true(t->v[i] >= lo && t->v[i] <= hi);
        assert_true(i == 0 || t->v[i] > t->v[i - 1]);
        assert_true(t->label[i][0] != '\0');
        double u = scale_unit(&s, t->v[i]);
        assert_true(u >= 0 && u <= 1);
    }
    return n;
}

/* Denormal spans: the two ends, as printf writes them. */
static void test_denormal(void **state)
{
    struct ticks t;
    (void)state;
    assert_int_equal(check_ticks(0, 1e-320, 0, 8, &t), 2);
    assert_string_equal(t.label[0], "0");
    assert_string_equal(t.label[1], "9.99989e-321"); /* 1e-320 as a double holds it */
    assert_int_equal(check_ticks(0, 5e-324, 0, 8, &t), 2);
    assert_int_equal(check_ticks(-DBL_TRUE_MIN, DBL_TRUE_MIN, 0, 8, &t), 2);
    assert_int_equal(check_ticks(DBL_MIN, 2 * DBL_MIN, 0, 8, &t), 2);
    assert_int_equal(check_ticks(0, 1e-320, 0, 1, &t), 1); /* room for one: lo only */
    /* spans small but not denormal still get round steps */
    assert_true(check_ticks(0, 1e-280, 0, 8, &t) >= 2);
    assert_string_equal(t.label[0], "0");
    /* a log axis down to the smallest double */
    assert_true(check_ticks(5e-324, 1e308, 1, 8, &t) >= 2);
    assert_true(check_ticks(5e-324, 1e-323, 1, 8, &t) >= 1);
}

/* Spans beyond DBL_MAX: round ticks of the half-scale axis. */
static void test_huge(void **state)
{
    struct ticks t;
    struct scale s;
    (void)state;
    int n = check_ticks(-1e308, 1e308, 0, 8, &t);
    assert_true(n >= 3);
    assert_int_equal(scale_set(&s, -1e308, 1e308, 0), 0);
    assert_true(fabs(scale_unit(&s, 0) - 0.5) < 1e-15);
    assert_true(scale_unit(&s, -1e308) == 0 && scale_unit(&s, 1e308) == 1);
    assert_true(scale_value(&s, 1) == 1e308 && scale_value(&s, 0) == -1e308);
    check_ticks(-DBL_MAX, DBL_MAX, 0, 8, &t);
    check_ticks(-DBL_MAX, DBL_MAX, 0, 1, &t);
    check_ticks(0, DBL_MAX, 0, 32, &t);
    check_ticks(DBL_MAX / 2, DBL_MAX, 0, 8, &t);
    check_ticks(1e-300, DBL_MAX, 1, 8, &t);
}

/* Equal limits are widened before drawing; non-finite ranges are refused, not drawn. */
static void test_equal_and_bad(void **state)
{
    struct ticks t;
    struct scale s;
    double lo, hi;
    (void)state;
    lo = hi = 5e-324;
    scale_widen(&lo, &hi, 0);
    check_ticks(lo, hi, 0, 8, &t);
    assert_true(lo == 0 && hi == 1e-323);
    lo = hi = 0;
    scale_widen(&lo, &hi, 0);
    check_ticks(lo, hi, 0, 8, &t);
    lo = hi = 1e308;
    scale_widen(&lo, &hi, 0);
    check_ticks(lo, hi, 0, 8, &t);
    lo = hi = -DBL_MAX;
    scale_widen(&lo, &hi, 0);
    check_ticks(lo, hi, 0, 8, &t);
    lo = hi = DBL_MAX;
    scale_widen(&lo, &hi, 1);
    check_ticks(lo, hi, 1, 8, &t);
    lo = hi = 5e-324;
    scale_widen(&lo, &hi, 1);
    check_ticks(lo, hi, 1, 8, &t);
    assert_int_equal(scale_set(&s, 1, 1, 0), -1);
    assert_int_equal(scale_set(&s, -INFINITY, 0, 0), -1);
    assert_int_equal(scale_set(&s, NAN, 1, 0), -1);
    /* ticks_linear with steps it cannot use: no ticks, no undefined behaviour */
    assert_int_equal(ticks_linear(0, 1, 0, &t), -1);
    assert_int_equal(ticks_linear(0, 1, 1e-320, &t), -1);
    assert_int_equal(ticks_linear(0, 1, INFINITY, &t), -1);
    assert_int_equal(ticks_linear(-1e308, 1e308, 1e-300, &t), -1);
    assert_int_equal(ticks_linear(-INFINITY, INFINITY, 1, &t), -1);
    assert_true(isfinite(ticks_step_floor(1e-320)) && ticks_step_floor(1e-320) > 0);
    assert_true(ticks_step_floor(INFINITY) > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_denormal),
        cmocka_unit_test(test_huge),
        cmocka_unit_test(test_equal_and_bad),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
