/*
** scale.c: maps data values along an axis to [0,1], linearly or by log10.
**
** Every placement in the library (envelope columns, canvas pixels, tick marks, SVG coordinates)
** goes through scale_unit, so a log axis is one flag here and nothing special elsewhere.
*/
#include <float.h>
#include <math.h>

#include "plot.h"

/*
** Sets the range. Returns 0, or -1 with s unchanged when the range cannot be drawn.
*/
int scale_set(struct scale *s, double lo, double hi, int log)
{
    double flo, fhi;
    if (!isfinite(lo) || !isfinite(hi) || !(lo < hi))
        return -1;
    if (log && !(lo > 0))
        return -1;
    flo = log ? log10(lo) : lo;
    fhi = log ? log10(hi) : hi;
    /* a span beyond the largest double (-1e308 to 1e308) is mapped at half scale, which is
    ** exact; ordinary ranges keep full scale, where halving would lose denormals' last bit */
    s->half = !isfinite(fhi - flo);
    if (s->half) {
        flo *= 0.5;
        fhi *= 0.5;
    }
    if (!(fhi - flo > 0))
        return -1;
    s->lo = lo;
    s->hi = hi;
    s->log = log;
    s->flo = flo;
    s->fspan = fhi - flo;
    return 0;
}

/*
** Position of v on the axis, 0 at lo and 1 at hi; NaN when v has no place on it.
*/
double scale_unit(const struct scale *s, double v)
{
    if (!isfinite(v))
        return NAN;
    if (s->log) {
        if (!(v > 0))
            return NAN;
        v = log10(v);
    }
    return ((s->half ? v * 0.5 : v) - s->flo) / s->fspan;
}

/*
** The value at position u; the inverse of scale_unit.
*/
double scale_value(const struct scale *s, double u)
{
    double f = s->flo + u * s->fspan;
    if (s->half)
        f *= 2;
    return s->log ? pow(10.0, f) : f;
}

/*
** Makes an automatic range drawable. A constant series (lo == hi) gets a band around it: ten
** percent of its size each way (or 1 around zero) on a linear axis, half a decade each way on a
** log one, within the finite doubles. Non-finite input becomes [0,1] ([1,10] on log).
*/
void scale_widen(double *lo, double *hi, int log)
{
    if (!isfinite(*lo) || !isfinite(*hi) || (log && !(*lo > 0 && *hi > 0))) {
        *lo = log ? 1 : 0;
        *hi = log ? 10 : 1;
        return;
    }
    if (*lo > *hi) {
        double t = *lo;
        *lo = *hi;
        *hi = t;
    }
    if (*lo < *hi)
        return;
    /* at the ends of the double range the band is cut to what a double holds */
    if (log) {
        *lo /= sqrt(10.0);
        *hi *= sqrt(10.0);
        if (!(*lo > 0))
            *lo = DBL_TRUE_MIN;
    } else {
        double d = fabs(*lo) * 0.1;
        if (d == 0) /* zero, or a denormal whose tenth is zero */
            d = *lo != 0 ? fabs(*lo) : 1;
        *lo -= d;
        *hi += d;
        if (*lo < -DBL_MAX)
            *lo = -DBL_MAX;
    }
    if (*hi > DBL_MAX)
        *hi = DBL_MAX;
}
