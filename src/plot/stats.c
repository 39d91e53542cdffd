/*
** stats.c: running ranges of the data, the input to automatic axis limits.
**
** The y range only counts rows whose x will be on screen (inside --xlim when one is given), so
** zooming in on x rescales y to what is visible. Only positive values count on a log axis.
** Whether x ever decreased decides how the data is drawn: binned into per-column envelopes when
** x is monotonic (time), joined point to point when it is not (phase plots).
*/
#include <math.h>
#include <stdlib.h>

#include "plot.h"

/*
** Prepares st for ny series with the given filters (NaN = unbounded).
*/
int stats_init(struct stats *st, int ny, int logx, int logy, double fxlo, double fxhi)
{
    int i;
    st->ny = ny;
    st->rows = 0;
    st->logx = logx;
    st->logy = logy;
    st->fxlo = fxlo;
    st->fxhi = fxhi;
    st->xlo = st->xhi = NAN;
    st->monotonic = 1;
    st->xlast = NAN;
    st->ylo = malloc((size_t)(ny > 0 ? ny : 1) * sizeof *st->ylo);
    st->yhi = malloc((size_t)(ny > 0 ? ny : 1) * sizeof *st->yhi);
    if (!st->ylo || !st->yhi) {
        stats_release(st);
        return -1;
    }
    for (i = 0; i < ny; i++)
        st->ylo[i] = st->yhi[i] = NAN;
    return 0;
}

/*
** Frees the per-series arrays; st may be initialised again afterwards.
*/
void stats_release(struct stats *st)
{
    free(st->ylo);
    free(st->yhi);
    st->ylo = st->yhi = NULL;
}

/*
** Accounts for one row. Rows without a usable x are ignored entirely.
*/
void stats_add(struct stats *st, const double *row)
{
    double x = row[0];
    int i, visible;
    if (isnan(x) || (st->logx && !(x > 0)))
        return;
    if (st->rows == 0) {
        st->xlo = st->xhi = x;
    } else {
        if (x < st->xlast)
            st->monotonic = 0;
        if (x < st->xlo)
            st->xlo = x;
        if (x > st->xhi)
            st->xhi = x;
    }
    st->xlast = x;
    st->rows++;
    visible = !(x < st->fxlo) && !(x > st->fxhi); /* NaN bounds compare false: no filter */
    if (!visible)
        return;
    for (i = 0; i < st->ny; i++) {
        double y = row[1 + i];
        if (isnan(y) || (st->logy && !(y > 0)))
            continue;
        if (isnan(st->ylo[i]) || y < st->ylo[i])
            st->ylo[i] = y;
        if (isnan(st->yhi[i]) || y > st->yhi[i])
            st->yhi[i] = y;
    }
}

/*
** Union of all series' y ranges.
*/
int stats_yrange(const struct stats *st, double *lo, double *hi)
{
    int i, any = 0;
    for (i = 0; i < st->ny; i++) {
        if (isnan(st->ylo[i]))
            continue;
        if (!any || st->ylo[i] < *lo)
            *lo = st->ylo[i];
        if (!any || st->yhi[i] > *hi)
            *hi = st->yhi[i];
        any = 1;
    }
    return any ? 0 : -1;
}
