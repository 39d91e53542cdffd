/*
** trace.c: puts a series onto a canvas, from an envelope or point by point.
**
** This is where data coordinates become canvas pixels: x through the scale to [0, px-1], y the
** same but flipped, since pixel rows count down from the top.
*/
#include <math.h>

#include "plot.h"

/*
** Maps (x, y) to fractional pixels of c. Returns 0, or -1 if the point has no place on a log
** axis or is not finite.
*/
int trace_pixel(const struct canvas *c, const struct scale *xs, const struct scale *ys, double x,
                double y, double *px, double *py)
{
    double u = scale_unit(xs, x), v = scale_unit(ys, y);
    if (isnan(u) || isnan(v))
        return -1;
    *px = u * (c->px - 1);
    *py = (1 - v) * (c->py - 1);
    return 0;
}

/*
** Fractional pixel row of y, or NaN.
*/
static double trace_row(const struct canvas *c, const struct scale *ys, double y)
{
    double v = scale_unit(ys, y);
    return isnan(v) ? NAN : (1 - v) * (c->py - 1);
}

/*
** Draws an envelope whose columns match the canvas' pixel columns (e->ncols == c->px; with
** fewer columns the strokes are spread out proportionally).
*/
void trace_envelope(struct canvas *c, const struct envelope *e, const struct scale *ys, int series)
{
    double prevx = NAN, prevy = NAN;
    double k = e->ncols > 1 ? (double)(c->px - 1) / (e->ncols - 1) : 0;
    int i;
    if (e->has_before) {
        double u = scale_unit(&e->x, e->bx);
        prevx = u * (c->px - 1);
        prevy = trace_row(c, ys, e->by);
    }
    for (i = 0; i < e->ncols; i++) {
        double x;
        if (isnan(e->first[i]))
            continue;
        x = i * k;
        if (!isnan(prevx))
            canvas_line(c, prevx, prevy, x, trace_row(c, ys, e->first[i]), series);
        canvas_line(c, x, trace_row(c, ys, e->min[i]), x, trace_row(c, ys, e->max[i]), series);
        prevx = x;
        prevy = trace_row(c, ys, e->last[i]);
    }
    if (e->has_after && !isnan(prevx)) {
        double u = scale_unit(&e->x, e->ax);
        canvas_line(c, prevx, prevy, u * (c->px - 1), trace_row(c, ys, e->ay), series);
    }
}
