/*
** layout.h: where each part of nrn-tui's screen goes, computed without a terminal (pure
** functions, unit-tested in tests/unit/test_tui_layout.c). draw.c paints into these
** rectangles; nothing else knows the screen's geometry.
*/
#ifndef TUI_LAYOUT_H
#define TUI_LAYOUT_H

/* A rectangle of cells; h or w 0 means the part is not shown. */
struct rect {
    int y, x, h, w;
};

/* The panes, in Tab order. */
enum tui_pane { PANE_TREE = 0, PANE_TABLE = 1, PANE_VIEW = 2, PANE_COUNT = 3 };

/* The screen: a header line, the three panes (each with its title line) and the status line. */
struct layout {
    int ok;                       /* 0: too small for panes; only msg is shown */
    struct rect header;           /* line 0: model, t, tstop, run state */
    struct rect pane[PANE_COUNT]; /* tree, parameter table, view (traces, shape, summary) */
    struct rect sep;              /* the vertical line between the tree and the right side */
    struct rect status;           /* the last line: messages, or the : / Enter prompt */
    struct rect msg;              /* where "terminal too small" goes when !ok */
};

/* Smallest screen that gets panes; below it only a message line is drawn. */
#define LAYOUT_MIN_COLS 20
#define LAYOUT_MIN_ROWS 5
/* Below this width the panes are stacked instead of side by side. */
#define LAYOUT_SIDE_COLS 60

/*
** Lays out a cols x rows screen. zoom is a pane that takes the whole body, or -1 for the
** normal layout. Never fails: any size (even 0 x 0) gives a layout whose rectangles lie
** inside the screen.
*/
void layout_compute(int cols, int rows, int zoom, struct layout *lo);

/*
** The first visible line of a list of n lines shown in height lines so that line sel is
** visible, moving as little as possible from top. Returns the new top (0 when all fit).
*/
int layout_scroll(int sel, int top, int height, int n);

/* The next pane in Tab order (dir +1) or Shift-Tab order (dir -1) that lo shows. */
int layout_next_pane(const struct layout *lo, int pane, int dir);

#endif /* TUI_LAYOUT_H */
