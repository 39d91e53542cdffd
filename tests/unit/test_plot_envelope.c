/*
** test_plot_envelope.c: min/max binning (envelope.c), braille cells (braille.c), the canvas
** and its clipping (canvas.c), drawing envelopes (trace.c) and running ranges (stats.c).
*/
#include <limits.h>
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

/* Counts the set dots of a canvas. */
static int dots(const struct canvas *c)
{
    int i, n = 0, k;
    for (i = 0; i < c->cols * c->rows; i++)
        for (k = 0; k < 8; k++)
            n += (c->dots[i] >> k) & 1;
    return n;
}

/* Columns: ends land on the first and last column centres; outside and unusable values. */
static void test_columns(void **state)
{
    struct scale x;
    struct envelope *e;
    (void)state;
    scale_set(&x, 0, 10, 0);
    e = envelope_new(11, &x, 0);
    assert_non_null(e);
    assert_int_equal(envelope_column(e, 0), 0);
    assert_int_equal(envelope_column(e, 10), 10);
    assert_int_equal(envelope_column(e, 4.6), 5);
    assert_int_equal(envelope_column(e, -5), -1);
    assert_int_equal(envelope_column(e, 99), 11);
    assert_int_equal(envelope_column(e, NAN), INT_MIN);
    envelope_free(&e);
    assert_null(e);
    envelope_free(&e); /* NULL-safe */
}

/* A million samples into 100 columns: one-sample spikes survive as the column's max or min. */
static void test_spike_survives(void **state)
{
    struct scale x;
    struct envelope *e;
    long i, n = 1000000;
    int c;
    (void)state;
    scale_set(&x, 0, (double)(n - 1), 0);
    e = envelope_new(100, &x, 0);
    for (i = 0; i < n; i++) {
        double y = sin(i * 1e-4);
        if (i == 123457)
            y = 50;
        if (i == 876543)
            y = -70;
        envelope_add(e, (double)i, y);
    }
    c = envelope_column(e, 123457);
    assert_close(e->max[c], 50, 0);
    c = envelope_column(e, 876543);
    assert_close(e->min[c], -70, 0);
    for (c = 0; c < 100; c++) {
        assert_false(isnan(e->first[c]));
        assert_true(e->min[c] <= e->first[c] && e->first[c] <= e->max[c]);
        assert_true(e->min[c] <= e->last[c] && e->last[c] <= e->max[c]);
    }
    envelope_free(&e);
}

/* first/last follow arrival order; neighbours outside the range are kept; resets empty it. */
static void test_order_and_edges(void **state)
{
    struct scale x;
    struct envelope *e;
    (void)state;
    scale_set(&x, 0, 1, 0);
    e = envelope_new(2, &x, 1);
    envelope_add(e, -2, 7);
    envelope_add(e, -1, 8);     /* latest before the range */
    envelope_add(e, 0, 3);
    envelope_add(e, 0.1, 1);
    envelope_add(e, 0.2, 2);
    envelope_add(e, 0.2, -5);   /* ignored: log y */
    envelope_add(e, 0.3, NAN);  /* ignored: missing */
    envelope_add(e, 2, 9);      /* first after */
    envelope_add(e, 3, 10);
    assert_true(e->has_before);
    assert_close(e->by, 8, 0);
    assert_close(e->first[0], 3, 0);
    assert_close(e->min[0], 1, 0);
    assert_close(e->max[0], 3, 0);
    assert_close(e->last[0], 2, 0);
    assert_true(isnan(e->first[1]));
    assert_true(e->has_after);
    assert_close(e->ay, 9, 0);
    envelope_reset(e, &x);
    assert_true(isnan(e->first[0]));
    assert_false(e->has_before || e->has_after || e->seen);
    envelope_free(&e);
}

/* Braille: dot numbering and UTF-8 of the whole block. */
static void test_braille(void **state)
{
    char out[3];
    (void)state;
    assert_int_equal(braille_bit(0, 0), 0x01);
    assert_int_equal(braille_bit(0, 3), 0x40);
    assert_int_equal(braille_bit(1, 0), 0x08);
    assert_int_equal(braille_bit(1, 3), 0x80);
    assert_int_equal(braille_bit(2, 0), 0);
    assert_int_equal(braille_utf8(0, out), 3);
    assert_memory_equal(out, "\xe2\xa0\x80", 3); /* U+2800 */
    braille_utf8(0xFF, out);
    assert_memory_equal(out, "\xe2\xa3\xbf", 3); /* U+28FF */
    braille_utf8(0x47, out);
    assert_memory_equal(out, "\xe2\xa1\x87", 3); /* U+2847: left column full */
}

/* Canvas: pixels to cells, ownership, ASCII markers. */
static void test_canvas(void **state)
{
    struct canvas *c = canvas_new(3, 2, CANVAS_BRAILLE);
    char g[4];
    int owner, n;
    (void)state;
    assert_int_equal(c->px, 6);
    assert_int_equal(c->py, 8);
    canvas_set(c, 0, 0, 0);
    canvas_set(c, 1, 3, 2);
    canvas_set(c, -1, 0, 0);   /* ignored */
    canvas_set(c, 6, 0, 0);    /* ignored */
    n = canvas_glyph(c, 0, 0, g, &owner);
    assert_int_equal(n, 3);
    assert_memory_equal(g, "\xe2\xa2\x81", 3); /* dots 1 and 8: 0x81 */
    assert_int_equal(owner, 2);
    n = canvas_glyph(c, 1, 1, g, &owner);
    assert_int_equal(n, 1);
    assert_int_equal(g[0], ' ');
    assert_int_equal(owner, -1);
    canvas_free(&c);
    c = canvas_new(4, 4, CANVAS_ASCII);
    canvas_set(c, 2, 1, 1);
    canvas_glyph(c, 2, 1, g, &owner);
    assert_int_equal(g[0], '+');
    assert_int_equal(canvas_marker(8), '*');
    canvas_free(&c);
}

/* Lines: clipping of far-away ends, no gaps, nothing for lines fully outside or NaN. */
static void test_lines(void **state)
{
    struct canvas *c = canvas_new(10, 5, CANVAS_BRAILLE); /* 20 x 20 pixels */
    (void)state;
    canvas_line(c, 0, 0, 19, 0, 0);
    assert_int_equal(dots(c), 20);
    canvas_clear(c);
    canvas_line(c, -1e300, 5, 1e300, 5, 0); /* clipped to the full width */
    assert_int_equal(dots(c), 20);
    canvas_clear(c);
    canvas_line(c, 0, 0, 19, 19, 0);
    assert_int_equal(dots(c), 20);
    canvas_clear(c);
    canvas_line(c, -5, -5, -1, 30, 0);
    canvas_line(c, 0, 0, NAN, 3, 0);
    canvas_line(c, 25, 0, 40, 19, 0);
    assert_int_equal(dots(c), 0);
    canvas_line(c, 3, 3, 3, 3, 0); /* a point */
    assert_int_equal(dots(c), 1);
    canvas_free(&c);
}

/* trace_envelope: a spike in one column becomes a vertical stroke to the top of the canvas. */
static void test_trace(void **state)
{
    struct canvas *c = canvas_new(10, 5, CANVAS_BRAILLE);
    struct scale x, y;
    struct envelope *e;
    int i, top = 0;
    (void)state;
    scale_set(&x, 0, 1999, 0);
    scale_set(&y, 0, 1, 0);
    e = envelope_new(c->px, &x, 0);
    for (i = 0; i < 2000; i++)
        envelope_add(e, i, i == 1000 ? 1.0 : 0.0);
    trace_envelope(c, e, &y, 0);
    for (i = 0; i < c->cols; i++)
        top |= c->dots[i] & 0x09; /* any dot on the top pixel row */
    assert_true(top);
    assert_true(dots(c) >= 20 + 19); /* baseline plus the stroke */
    envelope_free(&e);
    canvas_free(&c);
}

/* stats: ranges, the x filter for y ranges, log axes and monotonicity. */
static void test_stats(void **state)
{
    struct stats st;
    double r1[3] = { 0, -1, 5 }, r2[3] = { 2, 3, NAN }, r3[3] = { 1, 100, -2 }, lo, hi;
    (void)state;
    assert_int_equal(stats_init(&st, 2, 0, 1, NAN, 1.5), 0);
    stats_add(&st, r1);
    stats_add(&st, r2); /* x beyond the filter: no y ranges */
    stats_add(&st, r3); /* x goes back */
    assert_int_equal(st.rows, 3);
    assert_close(st.xlo, 0, 0);
    assert_close(st.xhi, 2, 0);
    assert_false(st.monotonic);
    assert_close(st.ylo[0], 100, 0); /* -1 is not positive */
    assert_close(st.ylo[1], 5, 0);
    assert_int_equal(stats_yrange(&st, &lo, &hi), 0);
    assert_close(lo, 5, 0);
    assert_close(hi, 100, 0);
    stats_release(&st);
    assert_int_equal(stats_init(&st, 1, 0, 0, NAN, NAN), 0);
    assert_int_equal(stats_yrange(&st, &lo, &hi), -1);
    stats_release(&st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_columns), cmocka_unit_test(test_spike_survives),
        cmocka_unit_test(test_order_and_edges), cmocka_unit_test(test_braille),
        cmocka_unit_test(test_canvas), cmocka_unit_test(test_lines),
        cmocka_unit_test(test_trace), cmocka_unit_test(test_stats),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
