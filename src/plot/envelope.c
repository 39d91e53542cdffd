/*
** envelope.c: min/max binning of a series into pixel columns.
**
** When there are more samples than pixel columns, drawing every sample wastes time and
** decimating (keeping every k-th) loses spikes. Instead each column keeps four numbers: the
** first, smallest, largest and last sample that fell in it. A vertical stroke from the smallest
** to the largest shows everything in the column, and a line from one column's last sample to
** the next column's first reproduces the joins of the full-resolution line exactly. Memory is
** four doubles per column whatever the input length. This assumes x does not go backwards
** (stats.c checks; other data is drawn point to point instead).
*/
#include <limits.h>
#include <math.h>
#include <stdlib.h>

#include "plot.h"

/*
** Allocates an empty envelope.
*/
struct envelope *envelope_new(int ncols, const struct scale *x, int ypos)
{
    struct envelope *e = calloc(1, sizeof *e);
    if (!e || ncols < 1) {
        free(e);
        return NULL;
    }
    e->ncols = ncols;
    e->ypos = ypos;
    e->first = malloc((size_t)ncols * sizeof(double));
    e->min = malloc((size_t)ncols * sizeof(double));
    e->max = malloc((size_t)ncols * sizeof(double));
    e->last = malloc((size_t)ncols * sizeof(double));
    if (!e->first || !e->min || !e->max || !e->last) {
        envelope_free(&e);
        return NULL;
    }
    envelope_reset(e, x);
    return e;
}

/*
** Frees e; NULL-safe.
*/
void envelope_free(struct envelope **pe)
{
    struct envelope *e = pe ? *pe : NULL;
    if (!e)
        return;
    free(e->first);
    free(e->min);
    free(e->max);
    free(e->last);
    free(e);
    *pe = NULL;
}

/*
** Empties every column and takes a new x scale.
*/
void envelope_reset(struct envelope *e, const struct scale *x)
{
    int i;
    e->x = *x;
    for (i = 0; i < e->ncols; i++)
        e->first[i] = NAN;
    e->seen = e->has_before = e->has_after = 0;
}

/*
** Column of x, rounding to the nearest so that lo and hi land on the first and last column
** centres (where the axis ticks are drawn).
*/
int envelope_column(const struct envelope *e, double x)
{
    double u = scale_unit(&e->x, x), c;
    if (isnan(u))
        return INT_MIN;
    c = floor(u * (e->ncols - 1) + 0.5);
    if (c < -1)
        return -1;
    if (c > e->ncols)
        return e->ncols;
    return (int)c;
}

/*
** Adds a sample to its column, or remembers it as the neighbour just outside the range.
*/
void envelope_add(struct envelope *e, double x, double y)
{
    int c;
    if (isnan(y) || (e->ypos && !(y > 0)))
        return;
    c = envelope_column(e, x);
    if (c == INT_MIN)
        return;
    if (c < 0) {
        if (!e->seen) {
            e->has_before = 1;
            e->bx = x;
            e->by = y;
        }
        return;
    }
    if (c >= e->ncols) {
        if (e->seen && !e->has_after) {
            e->has_after = 1;
            e->ax = x;
            e->ay = y;
        }
        return;
    }
    e->seen = 1;
    if (isnan(e->first[c])) {
        e->first[c] = e->min[c] = e->max[c] = y;
    } else {
        if (y < e->min[c])
            e->min[c] = y;
        if (y > e->max[c])
            e->max[c] = y;
    }
    e->last[c] = y;
}
