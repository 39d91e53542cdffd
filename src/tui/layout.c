/*
** layout.c: the geometry of nrn-tui's screen (see layout.h). Wide screens put the topology
** tree on the left and the parameter table over the view on the right; narrow ones stack
** the three; tiny ones show a message. Pure: no curses, no globals.
*/
#include "layout.h"

static struct rect rect_make(int y, int x, int h, int w)
{
    struct rect r;
    r.y = y;
    r.x = x;
    r.h = h > 0 ? h : 0;
    r.w = w > 0 ? w : 0;
    if (r.h == 0 || r.w == 0)
        r.h = r.w = 0;
    return r;
}

static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* The body (between header and status) split for the normal layout. */
static void layout_body(struct layout *lo, int cols, int top, int bh)
{
    if (cols >= LAYOUT_SIDE_COLS) {
        int tw = clamp(cols * 3 / 10, 18, 40);
        int rw = cols - tw - 1;
        int th = clamp(bh / 2, 3, bh);
        if (bh < 8)
            th = bh; /* too low for two panes on the right: the table alone */
        lo->pane[PANE_TREE] = rect_make(top, 0, bh, tw);
        lo->sep = rect_make(top, tw, bh, 1);
        lo->pane[PANE_TABLE] = rect_make(top, tw + 1, th, rw);
        lo->pane[PANE_VIEW] = rect_make(top + th, tw + 1, bh - th, rw);
    } else {
        int h1 = bh / 3, h2 = bh / 3;
        if (bh < 9) {
            h1 = bh / 2;
            h2 = bh - h1;
        }
        lo->pane[PANE_TREE] = rect_make(top, 0, h1, cols);
        lo->pane[PANE_TABLE] = rect_make(top + h1, 0, h2, cols);
        lo->pane[PANE_VIEW] = rect_make(top + h1 + h2, 0, bh - h1 - h2, cols);
    }
}

void layout_compute(int cols, int rows, int zoom, struct layout *lo)
{
    struct rect none = rect_make(0, 0, 0, 0);
    int bh;

    if (cols < 0)
        cols = 0;
    if (rows < 0)
        rows = 0;
    lo->header = lo->sep = lo->status = lo->msg = none;
    for (int i = 0; i < PANE_COUNT; i++)
        lo->pane[i] = none;
    lo->ok = cols >= LAYOUT_MIN_COLS && rows >= LAYOUT_MIN_ROWS;
    if (!lo->ok) {
        lo->msg = rect_make(0, 0, rows > 0 ? 1 : 0, cols);
        return;
    }
    lo->header = rect_make(0, 0, 1, cols);
    lo->status = rect_make(rows - 1, 0, 1, cols);
    bh = rows - 2;
    if (zoom >= 0 && zoom < PANE_COUNT)
        lo->pane[zoom] = rect_make(1, 0, bh, cols);
    else
        layout_body(lo, cols, 1, bh);
}

int layout_scroll(int sel, int top, int height, int n)
{
    if (height <= 0 || n <= height)
        return 0;
    if (sel < 0)
        sel = 0;
    if (sel >= n)
        sel = n - 1;
    if (sel < top)
        top = sel;
    if (sel >= top + height)
        top = sel - height + 1;
    return clamp(top, 0, n - height);
}

int layout_next_pane(const struct layout *lo, int pane, int dir)
{
    for (int k = 1; k <= PANE_COUNT; k++) {
        int p = ((pane + dir * k) % PANE_COUNT + PANE_COUNT) % PANE_COUNT;
        if (lo->pane[p].h > 0)
            return p;
    }
    return pane;
}
