/*
** test_plot_chart.c: layout and rendering of whole frames (chart.c), writing them in place
** (frame.c), SVG pieces (svg.c) and UTF-8 width (utf8.c).
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/plot/plot.h"

/* Display width of a frame line: code points, not counting ANSI escape sequences. */
static size_t visible_width(const char *s)
{
    size_t w = 0;
    while (*s) {
        if (*s == '\033') {
            while (*s && *s != 'm')
                s++;
            if (*s)
                s++;
            continue;
        }
        if (((unsigned char)*s & 0xC0) != 0x80)
            w++;
        s++;
    }
    return w;
}

/* Renders a two-series chart of size w x h and checks every line fits. */
static void render_and_check(int w, int h, int ascii, int color, const char *title)
{
    static const char *const names[] = { "soma(0.5).v", "a rather long series name for wrapping" };
    struct chart ch;
    struct canvas *cv;
    struct frame *f;
    int i;
    memset(&ch, 0, sizeof ch);
    ch.width = w;
    ch.height = h;
    ch.title = title;
    ch.xlabel = "t [ms]";
    ch.yunit = "mV";
    ch.nseries = 2;
    ch.names = names;
    ch.ascii = ascii;
    ch.color = color;
    scale_set(&ch.x, 0, 100, 0);
    scale_set(&ch.y, -80, 40, 0);
    assert_int_equal(chart_layout(&ch), 0);
    assert_true(ch.plot_rows >= 2);
    assert_true(ch.margin + ch.plot_cols <= w - 1);
    cv = canvas_new(ch.plot_cols, ch.plot_rows, ascii ? CANVAS_ASCII : CANVAS_BRAILLE);
    canvas_line(cv, 0, 0, cv->px - 1, cv->py - 1, 0);
    canvas_line(cv, 0, cv->py - 1, cv->px - 1, 0, 1);
    f = frame_new(h);
    assert_int_equal(chart_render(&ch, cv, f), 0);
    for (i = 0; i < h; i++)
        if (visible_width(f->line[i]) > (size_t)w - 1)
            fail_msg("%dx%d line %d is %zu wide: %s", w, h, i, visible_width(f->line[i]), f->line[i]);
    if (!color)
        for (i = 0; i < h; i++)
            assert_null(strchr(f->line[i], '\033'));
    else
        assert_non_null(strstr(f->line[h - 1], "\033[34m"));
    frame_free(&f);
    canvas_free(&cv);
}

/* Many sizes, both modes: nothing exceeds the width, everything fits the height. */
static void test_sizes(void **state)
{
    int w, h;
    (void)state;
    for (w = CHART_MIN_WIDTH; w <= 130; w += 11)
        for (h = CHART_MIN_HEIGHT; h <= 40; h += 5) {
            render_and_check(w, h, 0, 0, "HH soma");
            render_and_check(w, h, 1, 0, NULL);
        }
    render_and_check(100, 30, 0, 1, "a title much longer than the frame is wide, which must be cut");
}

/* Too small is refused. */
static void test_too_small(void **state)
{
    struct chart ch;
    (void)state;
    memset(&ch, 0, sizeof ch);
    ch.width = CHART_MIN_WIDTH - 1;
    ch.height = 20;
    scale_set(&ch.x, 0, 1, 0);
    scale_set(&ch.y, 0, 1, 0);
    assert_int_equal(chart_layout(&ch), -1);
    ch.width = 80;
    ch.height = CHART_MIN_HEIGHT - 1;
    assert_int_equal(chart_layout(&ch), -1);
}

/* The golden shape of a small ASCII chart: axes, ticks, labels and legend where expected. */
static void test_ascii_layout(void **state)
{
    static const char *const names[] = { "v" };
    struct chart ch;
    struct canvas *cv;
    struct frame *f;
    (void)state;
    memset(&ch, 0, sizeof ch);
    ch.width = 30;
    ch.height = 8;
    ch.xlabel = "t";
    ch.nseries = 1;
    ch.names = names;
    ch.ascii = 1;
    scale_set(&ch.x, 0, 10, 0);
    scale_set(&ch.y, 0, 1, 0);
    assert_int_equal(chart_layout(&ch), 0);
    cv = canvas_new(ch.plot_cols, ch.plot_rows, CANVAS_ASCII);
    canvas_line(cv, 0, cv->py - 1, cv->px - 1, cv->py - 1, 0);
    f = frame_new(ch.height);
    chart_render(&ch, cv, f);
    assert_string_equal(f->line[0], "1 +");
    assert_string_equal(f->line[3], "0 +**************************");
    assert_string_equal(f->line[4], "  ++------------+-----------+");
    assert_string_equal(f->line[5], "   0            5          10");
    assert_string_equal(f->line[6], "               t");
    assert_string_equal(f->line[7], " * v");
    frame_free(&f);
    canvas_free(&cv);
}

/* frame_update sends only changed lines, with relative cursor moves. */
static void test_update(void **state)
{
    struct frame *a = frame_new(3), *b = frame_new(3);
    char *buf = NULL;
    size_t len = 0;
    FILE *out;
    long n;
    (void)state;
    frame_puts(a, 0, "one");
    frame_puts(a, 1, "two");
    frame_puts(a, 2, "three");
    frame_puts(b, 0, "ONE");
    frame_puts(b, 1, "two");
    frame_puts(b, 2, "three");
    out = open_memstream(&buf, &len);
    n = frame_update(NULL, a, out);
    assert_int_equal(n, 13);
    fclose(out);
    assert_string_equal(buf, "one\ntwo\nthree");
    free(buf);
    out = open_memstream(&buf, &len);
    frame_update(a, b, out);
    fclose(out);
    assert_string_equal(buf, "\r\033[2AONE\033[K\033[2B");
    free(buf);
    out = open_memstream(&buf, &len);
    assert_int_equal(frame_update(b, b, out), 0);
    fclose(out);
    assert_int_equal(len, 0);
    free(buf);
    frame_free(&a);
    frame_free(&b);
}

/* SVG text is escaped and the document is complete. */
static void test_svg(void **state)
{
    static const char *const names[] = { "a<b & \"c\"" };
    struct svg_plot p;
    struct envelope *e;
    char *buf = NULL;
    size_t len = 0;
    FILE *out;
    int i;
    (void)state;
    memset(&p, 0, sizeof p);
    p.width = 400;
    p.height = 300;
    p.title = "x > y";
    p.nseries = 1;
    p.names = names;
    scale_set(&p.x, 0, 1, 0);
    scale_set(&p.y, 0, 1, 0);
    svg_layout(&p);
    assert_true(p.pw > 100 && p.ph > 100);
    e = envelope_new(svg_columns(&p), &p.x, 0);
    for (i = 0; i <= 100; i++)
        envelope_add(e, i / 100.0, (i % 7) / 7.0);
    out = open_memstream(&buf, &len);
    assert_int_equal(svg_begin(&p, out), 0);
    assert_int_equal(svg_envelope(&p, e, 0, out), 0);
    assert_int_equal(svg_points_begin(&p, 0, out), 0);
    svg_points_add(&p, 0.5, 0.5, out);
    svg_points_add(&p, 0.5, NAN, out); /* skipped */
    svg_points_end(&p, out);
    assert_int_equal(svg_end(&p, out), 0);
    fclose(out);
    assert_non_null(strstr(buf, "a&lt;b &amp; &quot;c&quot;"));
    assert_non_null(strstr(buf, "x &gt; y"));
    assert_non_null(strstr(buf, "stroke-linecap=\"round\""));
    assert_non_null(strstr(buf, "</svg>\n"));
    free(buf);
    envelope_free(&e);
}

/* UTF-8 width and prefixes never split a character. */
static void test_utf8(void **state)
{
    (void)state;
    assert_int_equal(utf8_width("abc"), 3);
    assert_int_equal(utf8_width("\xe2\xa0\x80x"), 2);
    assert_int_equal(utf8_prefix("\xc3\xa9t\xc3\xa9", 2), 3);
    assert_int_equal(utf8_prefix("ab", 5), 2);
    assert_int_equal(utf8_prefix("ab", 0), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sizes),  cmocka_unit_test(test_too_small),
        cmocka_unit_test(test_ascii_layout), cmocka_unit_test(test_update),
        cmocka_unit_test(test_svg),    cmocka_unit_test(test_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
