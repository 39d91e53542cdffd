/*
** chart.c: the text around the data: title, y tick labels and axis, x axis with ticks and
** labels, x axis name and legend, laid out to fit a fixed number of cells.
**
** Frame, top to bottom:
**     [header: y unit at the left, title centred over the plot]
**     plot rows: right-aligned y labels, axis line with tick marks, canvas cells
**     x axis line with tick marks
**     x tick labels, centred under their marks, shifted to stay inside the frame
**     [x axis name, centred]
**     [legend, wrapped]
** Nothing is written in the last column of the frame: terminals defer the wrap after it and a
** later "erase to end of line" would wipe that character (this matters when redrawing in
** place). When space is short the optional lines go first: x name, then header, then legend.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plot.h"

/* Spaces between legend entries and at least between x tick labels. */
#define CHART_LEGEND_GAP 3
#define CHART_LABEL_GAP 2
/* Fewest plot rows worth drawing before optional lines give way. */
#define CHART_GOOD_ROWS 4

/*
** ANSI colour of series i: the six basic colours, then their bright forms.
*/
int chart_color(int series)
{
    static const int colors[] = { 34, 31, 32, 33, 35, 36, 94, 91, 92, 93, 95, 96 };
    return colors[(series < 0 ? 0 : series) % 12];
}

/* Usable width: all but the last column (see the top of the file). */
static int chart_usable(const struct chart *ch) { return ch->width - 1; }

/* Pixel geometry of the canvas the chart expects. */
static int chart_dots_x(const struct chart *ch) { return ch->ascii ? 1 : BRAILLE_DOTS_X; }
static int chart_dots_y(const struct chart *ch) { return ch->ascii ? 1 : BRAILLE_DOTS_Y; }

/*
** The plot-area cell column of x tick i.
*/
static int chart_xtick_col(const struct chart *ch, int i)
{
    int px = ch->plot_cols * chart_dots_x(ch);
    double u = scale_unit(&ch->x, ch->xt.v[i]);
    long p = lround(u * (px - 1));
    if (p < 0)
        p = 0;
    if (p > px - 1)
        p = px - 1;
    return (int)p / chart_dots_x(ch);
}

/*
** The plot-area row of y tick i (0 at the top).
*/
static int chart_ytick_row(const struct chart *ch, int i)
{
    int py = ch->plot_rows * chart_dots_y(ch);
    double u = scale_unit(&ch->y, ch->yt.v[i]);
    long p = lround((1 - u) * (py - 1));
    if (p < 0)
        p = 0;
    if (p > py - 1)
        p = py - 1;
    return (int)p / chart_dots_y(ch);
}

/*
** Where x tick label i starts in the frame: centred under its mark, kept inside [0, usable).
*/
static int chart_xlabel_start(const struct chart *ch, int i)
{
    int len = (int)strlen(ch->xt.label[i]);
    int s = ch->margin + chart_xtick_col(ch, i) - (len - 1) / 2;
    if (s + len > chart_usable(ch))
        s = chart_usable(ch) - len;
    if (s < 0)
        s = 0;
    return s;
}

/*
** 1 if the x tick labels leave a gap between each other.
*/
static int chart_xlabels_fit(const struct chart *ch)
{
    int i, end = -CHART_LABEL_GAP;
    for (i = 0; i < ch->xt.n; i++) {
        int s = chart_xlabel_start(ch, i);
        if (s < end + CHART_LABEL_GAP)
            return 0;
        end = s + (int)strlen(ch->xt.label[i]);
        if (end > chart_usable(ch))
            return 0;
    }
    return 1;
}

/*
** 1 if every y tick has its own row with an empty row between neighbours.
*/
static int chart_yticks_fit(const struct chart *ch)
{
    int i, prev = 1 << 30;
    for (i = 0; i < ch->yt.n; i++) { /* values increase, rows decrease */
        int r = chart_ytick_row(ch, i);
        if (r > prev - 2)
            return 0;
        prev = r;
    }
    return 1;
}

/*
** Legend entry text width: marker, space, name.
*/
static int chart_entry_width(const struct chart *ch, int i)
{
    return (ch->ascii ? 1 : 2) + 1 + (int)utf8_width(ch->names[i]);
}

/*
** Lines the legend needs when wrapped to the usable width.
*/
static int chart_legend_lines(const struct chart *ch)
{
    int i, lines = 0, x = 0, w = chart_usable(ch);
    for (i = 0; i < ch->nseries; i++) {
        int e = chart_entry_width(ch, i) + 1; /* one leading space */
        if (lines == 0 || x + CHART_LEGEND_GAP + e > w) {
            lines++;
            x = e;
        } else {
            x += CHART_LEGEND_GAP + e;
        }
    }
    return lines;
}

/*
** Computes geometry and ticks; see plot.h.
*/
int chart_layout(struct chart *ch)
{
    int rest, maxn, i, lw = 0;
    if (ch->width < CHART_MIN_WIDTH || ch->height < CHART_MIN_HEIGHT)
        return -1;
    ch->header = (ch->title && *ch->title) || (ch->yunit && *ch->yunit);
    ch->has_xlabel = ch->xlabel && *ch->xlabel;
    ch->legend_rows = chart_legend_lines(ch);
    rest = ch->height - 2; /* x axis and tick labels */
    if (rest - ch->header - ch->has_xlabel - ch->legend_rows < CHART_GOOD_ROWS)
        ch->has_xlabel = 0;
    if (rest - ch->header - ch->legend_rows < CHART_GOOD_ROWS && !(ch->title && *ch->title))
        ch->header = 0;
    if (rest - ch->header - ch->legend_rows < CHART_GOOD_ROWS)
        ch->legend_rows = 0;
    if (rest - ch->header < CHART_GOOD_ROWS)
        ch->header = 0;
    ch->plot_rows = rest - ch->header - ch->has_xlabel - ch->legend_rows;
    ch->plot_top = ch->header;
    if (ch->plot_rows < 2)
        return -1;

    for (maxn = ch->plot_rows / 3 + 1; maxn >= 1; maxn--) {
        ticks_choose(&ch->y, maxn, &ch->yt);
        if (chart_yticks_fit(ch))
            break;
    }
    if (maxn < 1)
        ch->yt.n = 0;
    for (i = 0; i < ch->yt.n; i++) {
        int l = (int)strlen(ch->yt.label[i]);
        if (l > lw)
            lw = l;
    }
    ch->margin = lw + 2;
    ch->plot_cols = chart_usable(ch) - ch->margin;
    if (ch->plot_cols < 8)
        return -1;

    for (maxn = ch->plot_cols / 8 + 1; maxn >= 1; maxn--) {
        ticks_choose(&ch->x, maxn > TICKS_MAX ? TICKS_MAX : maxn, &ch->xt);
        if (chart_xlabels_fit(ch))
            break;
    }
    if (maxn < 1)
        ch->xt.n = 0;
    return 0;
}

/*
** Appends at most maxw columns of s (UTF-8) to a line.
*/
static int chart_text(struct frame *f, int row, const char *s, int maxw)
{
    if (maxw <= 0)
        return 0;
    return frame_put(f, row, s, utf8_prefix(s, (size_t)maxw));
}

/*
** Appends an SGR sequence (code 0 resets).
*/
static int chart_sgr(struct frame *f, int row, int code)
{
    char buf[16];
    int n = snprintf(buf, sizeof buf, "\033[%dm", code);
    return frame_put(f, row, buf, (size_t)n);
}

/*
** The first line: y unit at the left, title centred over the plot area.
*/
static int chart_render_header(const struct chart *ch, struct frame *f)
{
    int at = 0, w = chart_usable(ch), rc = 0;
    if (ch->yunit && *ch->yunit) {
        char u[64];
        snprintf(u, sizeof u, "[%s]", ch->yunit);
        rc |= chart_text(f, 0, u, w);
        at = (int)utf8_width(u);
        if (at > w)
            at = w;
    }
    if (ch->title && *ch->title) {
        int tw = (int)utf8_width(ch->title), s;
        if (tw > w)
            tw = w;
        s = ch->margin + (ch->plot_cols - tw) / 2;
        if (s + tw > w)
            s = w - tw;
        if (s < at + (at ? 1 : 0))
            s = at + (at ? 1 : 0);
        if (s >= w)
            return rc;
        rc |= frame_pad(f, 0, (size_t)(s - at));
        if (ch->color)
            rc |= chart_sgr(f, 0, 1);
        rc |= chart_text(f, 0, ch->title, w - s);
        if (ch->color)
            rc |= chart_sgr(f, 0, 0);
    }
    return rc;
}

/*
** One plot row: y label or blank, axis character, then the canvas cells with a colour change
** only where the owning series changes.
*/
static int chart_render_row(const struct chart *ch, const struct canvas *cv, struct frame *f, int r)
{
    int row = ch->plot_top + r, i, cur = -1, rc = 0, tick = -1, last;
    for (i = 0; i < ch->yt.n; i++)
        if (chart_ytick_row(ch, i) == r)
            tick = i;
    if (tick >= 0) {
        int l = (int)strlen(ch->yt.label[tick]);
        rc |= frame_pad(f, row, (size_t)(ch->margin - 2 - l));
        rc |= frame_puts(f, row, ch->yt.label[tick]);
        rc |= frame_puts(f, row, ch->ascii ? " +" : " \xe2\x94\xa4"); /* ┤ */
    } else {
        rc |= frame_pad(f, row, (size_t)(ch->margin - 1));
        rc |= frame_puts(f, row, ch->ascii ? "|" : "\xe2\x94\x82"); /* │ */
    }
    /* blank cells need no reset (a foreground colour does not show on a space), and blanks
       after the last drawn cell are not sent at all */
    for (last = ch->plot_cols - 1; last >= 0; last--) {
        char g[4];
        int owner;
        canvas_glyph(cv, last, r, g, &owner);
        if (owner >= 0)
            break;
    }
    for (i = 0; i <= last; i++) {
        char g[4];
        int owner, n = canvas_glyph(cv, i, r, g, &owner);
        if (ch->color && owner >= 0 && owner != cur) {
            rc |= chart_sgr(f, row, chart_color(owner));
            cur = owner;
        }
        rc |= frame_put(f, row, g, (size_t)n);
    }
    if (cur >= 0)
        rc |= chart_sgr(f, row, 0);
    return rc;
}

/*
** The x axis line with a mark under each tick.
*/
static int chart_render_axis(const struct chart *ch, struct frame *f, int row)
{
    int i, j, rc = 0;
    rc |= frame_pad(f, row, (size_t)(ch->margin - 1));
    rc |= frame_puts(f, row, ch->ascii ? "+" : "\xe2\x94\x94"); /* └ */
    for (i = 0; i < ch->plot_cols; i++) {
        int tick = 0;
        for (j = 0; j < ch->xt.n; j++)
            if (chart_xtick_col(ch, j) == i)
                tick = 1;
        if (ch->ascii)
            rc |= frame_puts(f, row, tick ? "+" : "-");
        else
            rc |= frame_puts(f, row, tick ? "\xe2\x94\xac" : "\xe2\x94\x80"); /* ┬ ─ */
    }
    return rc;
}

/*
** The x tick labels.
*/
static int chart_render_xlabels(const struct chart *ch, struct frame *f, int row)
{
    int i, at = 0, rc = 0;
    for (i = 0; i < ch->xt.n; i++) {
        int s = chart_xlabel_start(ch, i);
        if (s < at)
            continue;
        rc |= frame_pad(f, row, (size_t)(s - at));
        rc |= frame_puts(f, row, ch->xt.label[i]);
        at = s + (int)strlen(ch->xt.label[i]);
    }
    return rc;
}

/*
** The legend: " marker name   marker name", wrapped; a name too long for a line is cut.
*/
static int chart_render_legend(const struct chart *ch, struct frame *f, int row0)
{
    int i, line = -1, x = 0, w = chart_usable(ch), rc = 0;
    for (i = 0; i < ch->nseries; i++) {
        int e = chart_entry_width(ch, i) + 1, row;
        if (line < 0 || x + CHART_LEGEND_GAP + e > w) {
            line++;
            if (line >= ch->legend_rows)
                return rc;
            x = 0;
        } else {
            rc |= frame_pad(f, row0 + line, CHART_LEGEND_GAP);
            x += CHART_LEGEND_GAP;
        }
        row = row0 + line;
        rc |= frame_pad(f, row, 1);
        if (ch->color)
            rc |= chart_sgr(f, row, chart_color(i));
        if (ch->ascii) {
            char m[2] = { canvas_marker(i), '\0' };
            rc |= frame_puts(f, row, m);
        } else {
            rc |= frame_puts(f, row, "\xe2\x94\x81\xe2\x94\x81"); /* ━━ */
        }
        if (ch->color)
            rc |= chart_sgr(f, row, 0);
        rc |= frame_pad(f, row, 1);
        rc |= chart_text(f, row, ch->names[i], w - x - (ch->ascii ? 3 : 4));
        x += e;
    }
    return rc;
}

/*
** Renders the whole frame; see plot.h.
*/
int chart_render(const struct chart *ch, const struct canvas *cv, struct frame *f)
{
    int r, row, rc = 0;
    frame_clear(f);
    if (ch->header)
        rc |= chart_render_header(ch, f);
    for (r = 0; r < ch->plot_rows; r++)
        rc |= chart_render_row(ch, cv, f, r);
    row = ch->plot_top + ch->plot_rows;
    rc |= chart_render_axis(ch, f, row++);
    rc |= chart_render_xlabels(ch, f, row++);
    if (ch->has_xlabel) {
        int w = (int)utf8_width(ch->xlabel), s;
        if (w > ch->plot_cols)
            w = ch->plot_cols;
        s = ch->margin + (ch->plot_cols - w) / 2;
        rc |= frame_pad(f, row, (size_t)s);
        rc |= chart_text(f, row, ch->xlabel, w);
        row++;
    }
    if (ch->legend_rows)
        rc |= chart_render_legend(ch, f, row);
    frame_trim(f);
    return rc ? -1 : 0;
}
