/*
** test_tui_layout.c: nrn-tui's screen geometry (src/tui/layout.c), without a terminal:
** every rectangle inside the screen and apart from the others, at any size, the side by
** side and stacked arrangements, zoom, scrolling and Tab order.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "../../src/tui/layout.h"

/* Cell (y, x) belongs to at most one part, and every part lies inside the screen. */
static void check_disjoint(const struct layout *lo, int cols, int rows)
{
    const struct rect *parts[] = { &lo->header, &lo->pane[0], &lo->pane[1], &lo->pane[2],
                                   &lo->sep, &lo->status, &lo->msg };
    for (int i = 0; i < 7; i++) {
        const struct rect *r = parts[i];
        if (r->h == 0)
            continue;
        assert_true(r->y >= 0 && r->x >= 0 && r->y + r->h <= rows && r->x + r->w <= cols);
        for (int j = i + 1; j < 7; j++) {
            const struct rect *q = parts[j];
            if (q->h == 0)
                continue;
            int apart = r->y + r->h <= q->y || q->y + q->h <= r->y || r->x + r->w <= q->x ||
                        q->x + q->w <= r->x;
            assert_true(apart);
        }
    }
}

static void test_every_size(void **state)
{
    (void)state;
    for (int cols = 0; cols <= 220; cols += 3)
        for (int rows = 0; rows <= 70; rows++)
            for (int zoom = -1; zoom < PANE_COUNT; zoom++) {
                struct layout lo;
                layout_compute(cols, rows, zoom, &lo);
                check_disjoint(&lo, cols, rows);
                assert_int_equal(lo.ok, cols >= LAYOUT_MIN_COLS && rows >= LAYOUT_MIN_ROWS);
                if (lo.ok) {
                    assert_int_equal(lo.status.y, rows - 1);
                    assert_int_equal(lo.header.y, 0);
                }
            }
}

static void test_side_by_side(void **state)
{
    struct layout lo;
    (void)state;
    layout_compute(100, 30, -1, &lo);
    assert_true(lo.ok);
    /* the tree on the left, full height; table above the view on the right */
    assert_int_equal(lo.pane[PANE_TREE].x, 0);
    assert_int_equal(lo.pane[PANE_TREE].h, 28);
    assert_int_equal(lo.pane[PANE_TREE].w, 30);
    assert_int_equal(lo.sep.x, 30);
    assert_int_equal(lo.pane[PANE_TABLE].x, 31);
    assert_int_equal(lo.pane[PANE_TABLE].w, 69);
    assert_int_equal(lo.pane[PANE_VIEW].y, lo.pane[PANE_TABLE].y + lo.pane[PANE_TABLE].h);
    assert_int_equal(lo.pane[PANE_TABLE].h + lo.pane[PANE_VIEW].h, 28);
    /* 80x24: still three panes */
    layout_compute(80, 24, -1, &lo);
    for (int p = 0; p < PANE_COUNT; p++)
        assert_true(lo.pane[p].h >= 3);
}

static void test_stacked_and_tiny(void **state)
{
    struct layout lo;
    (void)state;
    layout_compute(50, 30, -1, &lo);
    assert_int_equal(lo.pane[PANE_TREE].w, 50);
    assert_int_equal(lo.pane[PANE_TABLE].y, lo.pane[PANE_TREE].y + lo.pane[PANE_TREE].h);
    assert_int_equal(lo.sep.h, 0);
    layout_compute(19, 30, -1, &lo);
    assert_false(lo.ok);
    assert_int_equal(lo.msg.w, 19);
    layout_compute(0, 0, -1, &lo);
    assert_false(lo.ok);
    assert_int_equal(lo.msg.h, 0);
}

static void test_zoom(void **state)
{
    struct layout lo;
    (void)state;
    layout_compute(100, 30, PANE_VIEW, &lo);
    assert_int_equal(lo.pane[PANE_VIEW].h, 28);
    assert_int_equal(lo.pane[PANE_VIEW].w, 100);
    assert_int_equal(lo.pane[PANE_TREE].h, 0);
    assert_int_equal(layout_next_pane(&lo, PANE_VIEW, 1), PANE_VIEW);
}

static void test_scroll_and_tab(void **state)
{
    struct layout lo;
    (void)state;
    assert_int_equal(layout_scroll(5, 0, 10, 8), 0);   /* all fit */
    assert_int_equal(layout_scroll(15, 0, 10, 100), 6); /* down: sel on the last line */
    assert_int_equal(layout_scroll(3, 20, 10, 100), 3); /* up: sel on the first line */
    assert_int_equal(layout_scroll(50, 45, 10, 100), 45); /* visible: no move */
    assert_int_equal(layout_scroll(99, 0, 10, 100), 90);
    assert_int_equal(layout_scroll(5, 0, 0, 100), 0);
    layout_compute(100, 30, -1, &lo);
    assert_int_equal(layout_next_pane(&lo, PANE_TREE, 1), PANE_TABLE);
    assert_int_equal(layout_next_pane(&lo, PANE_VIEW, 1), PANE_TREE);
    assert_int_equal(layout_next_pane(&lo, PANE_TREE, -1), PANE_VIEW);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_size),
        cmocka_unit_test(test_side_by_side),
        cmocka_unit_test(test_stacked_and_tiny),
        cmocka_unit_test(test_zoom),
        cmocka_unit_test(test_scroll_and_tab),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
