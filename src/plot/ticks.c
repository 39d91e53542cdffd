/*
** ticks.c: round tick values for an axis and their labels.
**
** Linear axes use steps of 1, 2 or 5 times a power of ten, the most ticks that fit the room the
** caller allows; values are computed as integer multiples of the step (i * m / 10^k rather than
** by repeated addition) so labels print as 0.3, not 0.30000000000000004. Log axes put ticks on
** powers of ten, thinned to every k-th decade when there are many, or filled in with 2 and 5
** (or 3) multiples when a range spans only a decade or two.
**
** Every finite range gets ticks: one narrower than the powers of ten a double can hold in
** full precision (data like 1e-320) or wider than the largest double (-1e308 to 1e308) gets
** its two ends instead of round steps.
*/
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plot.h"

/* Relative slack when deciding whether a multiple of the step lies inside the range. */
#define TICKS_EPS 1e-9

/* The smallest step of round ticks: its power of ten and that of every label are normal
** doubles (10^-k stays finite), with room for the 17 digits of a label. */
#define TICKS_STEP_MIN 1e-290

/* 1 if step can be split into m * 10^k and multiplied out (see TICKS_STEP_MIN). */
static int ticks_usable(double step)
{
    return step >= TICKS_STEP_MIN && step <= DBL_MAX;
}

/*
** Splits a 1-2-5 step into mantissa m (1, 2 or 5) and exponent k: step = m * 10^k.
*/
static void ticks_split(double step, int *m, int *k)
{
    if (!ticks_usable(step)) { /* callers check first; never a non-finite exponent */
        *m = 1;
        *k = step > 1 ? 308 : -290;
        return;
    }
    int e = (int)floor(log10(step) + TICKS_EPS);
    double mm = step / pow(10.0, e);
    if (mm >= 9.5) {
        e++;
        mm /= 10;
    }
    *k = e;
    *m = mm >= 3.5 ? 5 : mm >= 1.5 ? 2 : 1;
}

/*
** The value i * m * 10^k, computed so that it is the double nearest the decimal number.
*/
static double ticks_multiple(long i, int m, int k)
{
    double v = (double)i * m;
    v = k >= 0 ? v * pow(10.0, k) : v / pow(10.0, -k);
    return v == 0 ? 0.0 : v; /* no "-0" labels */
}

/*
** Next step in the 1, 2, 5, 10 progression.
*/
double ticks_step_up(double step)
{
    int m, k;
    ticks_split(step, &m, &k);
    if (m == 1)
        return ticks_multiple(1, 2, k);
    if (m == 2)
        return ticks_multiple(1, 5, k);
    return ticks_multiple(1, 1, k + 1);
}

/*
** Largest 1-2-5 step not above x.
*/
double ticks_step_floor(double x)
{
    if (!ticks_usable(x))
        return x > 1 ? 1e308 : TICKS_STEP_MIN;
    int k = (int)floor(log10(x));
    double m = x / pow(10.0, k);
    if (m >= 10) { /* log10 rounded down across a power of ten */
        k++;
        m /= 10;
    } else if (m < 1) {
        k--;
        m *= 10;
    }
    return ticks_multiple(1, m >= 5 ? 5 : m >= 2 ? 2 : 1, k);
}

/*
** Shortens an exponent as printf writes it: "1.5e-05" -> "1.5e-5", "3e+06" -> "3e6".
*/
static void ticks_compact_exp(char *buf)
{
    char *e = strchr(buf, 'e');
    char *src, *dst;
    if (!e)
        return;
    dst = e + 1;
    src = e + 1;
    if (*src == '+')
        src++;
    else if (*src == '-')
        *dst++ = *src++;
    while (*src == '0' && src[1])
        src++;
    memmove(dst, src, strlen(src) + 1);
}

/*
** Label text for v on an axis whose ticks are step apart.
*/
void ticks_format(double v, double step, char *buf, size_t n)
{
    int m, k;
    if (!isfinite(step) || !(step > 0)) {
        snprintf(buf, n, "%g", v);
        return;
    }
    ticks_split(step, &m, &k);
    if (k >= 5 || k < -4) {
        if (v == 0) {
            snprintf(buf, n, "0");
            return;
        }
        int digits = (int)floor(log10(fabs(v)) + TICKS_EPS) - k + 1;
        if (digits < 1)
            digits = 1;
        if (digits > 17)
            digits = 17;
        snprintf(buf, n, "%.*e", digits - 1, v);
        ticks_compact_exp(buf);
    } else {
        snprintf(buf, n, "%.*f", k < 0 ? -k : 0, v);
    }
}

/*
** Fills t with the multiples of step inside [lo, hi]. Returns the count, or -1 (t->n = 0)
** when there would be more than TICKS_MAX.
*/
int ticks_linear(double lo, double hi, double step, struct ticks *t)
{
    int m, k;
    double unit, first, last;
    long i, i0, i1;
    t->n = 0;
    if (!ticks_usable(step) || !(hi >= lo) || !isfinite(lo) || !isfinite(hi))
        return -1;
    ticks_split(step, &m, &k);
    unit = ticks_multiple(1, m, k);
    first = ceil(lo / unit - TICKS_EPS);
    last = floor(hi / unit + TICKS_EPS);
    if (!(last - first + 1 <= TICKS_MAX)) /* also when lo / unit overflowed */
        return -1;
    i0 = (long)first;
    i1 = (long)last;
    for (i = i0; i <= i1; i++) {
        t->v[t->n] = ticks_multiple(i, m, k);
        ticks_format(t->v[t->n], unit, t->label[t->n], TICKS_LABEL_MAX);
        t->n++;
    }
    return t->n;
}

/*
** Linear choice: the smallest 1-2-5 step that gives at most maxn ticks.
*/
static int ticks_choose_linear(double lo, double hi, int maxn, struct ticks *t)
{
    /* half of each end: the span of -1e308 to 1e308 overflows, half of it does not */
    double step = (hi * 0.5 - lo * 0.5) / maxn * 2;
    int guard;
    if (ticks_usable(step)) {
        step = ticks_step_floor(step);
        for (guard = 0; guard < 64 && ticks_usable(step); guard++) {
            if (ticks_linear(lo, hi, step, t) >= 0 && t->n <= maxn)
                return t->n;
            step = ticks_step_up(step);
        }
    }
    /* no round step fits: the two ends, as printf writes them */
    t->n = 0;
    if (!isfinite(lo) || !isfinite(hi))
        return 0;
    t->v[t->n] = lo;
    ticks_format(lo, 0, t->label[t->n], TICKS_LABEL_MAX);
    t->n++;
    if (maxn >= 2 && hi > lo) {
        t->v[t->n] = hi;
        ticks_format(hi, 0, t->label[t->n], TICKS_LABEL_MAX);
        t->n++;
    }
    return t->n;
}

/*
** Appends value v to a log axis' ticks, labelled with the precision of its own decade.
*/
static void ticks_add_log(struct ticks *t, double v)
{
    if (t->n >= TICKS_MAX)
        return;
    t->v[t->n] = v;
    ticks_format(v, pow(10.0, floor(log10(v) + TICKS_EPS)), t->label[t->n], TICKS_LABEL_MAX);
    t->n++;
}

/*
** Fills t with every m * 10^d inside [lo, hi] for the multipliers mult[0..nm). Stops early once
** there are more than maxn (the caller rejects those). Returns t->n.
*/
static int ticks_log_set(double lo, double hi, const int *mult, int nm, int maxn, struct ticks *t)
{
    int d0 = (int)floor(log10(lo)), d1 = (int)floor(log10(hi)), d, j;
    t->n = 0;
    for (d = d0; d <= d1 && t->n <= maxn; d++)
        for (j = 0; j < nm; j++) {
            double v = mult[j] * pow(10.0, d);
            if (isfinite(v) && v >= lo * (1 - TICKS_EPS) && v <= hi * (1 + TICKS_EPS))
                ticks_add_log(t, v);
        }
    return t->n;
}

/*
** Log choice: the densest of 1-2-5, 1-3 and 1 (decades) multiples that gives between 2 and
** maxn ticks; with too many decades even for that, every k-th decade (multiples of k, so the
** labels read 1, 1e3, 1e6); for a range too narrow for two such values, linear ticks.
*/
static int ticks_choose_log(double lo, double hi, int maxn, struct ticks *t)
{
    static const int m125[3] = { 1, 2, 5 }, m13[2] = { 1, 3 }, m1[1] = { 1 };
    int d0 = (int)ceil(log10(lo) - TICKS_EPS);
    int d1 = (int)floor(log10(hi) + TICKS_EPS);
    int nd = d1 - d0 + 1, kstep, d, n;

    if ((n = ticks_log_set(lo, hi, m125, 3, maxn, t)) >= 2 && n <= maxn)
        return n;
    if ((n = ticks_log_set(lo, hi, m13, 2, maxn, t)) >= 2 && n <= maxn)
        return n;
    if ((n = ticks_log_set(lo, hi, m1, 1, maxn, t)) >= 2 && n <= maxn)
        return n;
    if (nd >= 2) {
        t->n = 0;
        for (kstep = 2; kstep < 400; kstep++)
            if ((nd + kstep - 1) / kstep <= maxn)
                break;
        for (d = d0; d <= d1; d++)
            if (d % kstep == 0)
                ticks_add_log(t, pow(10.0, d));
        if (t->n >= 1)
            return t->n;
        ticks_add_log(t, pow(10.0, d0));
        return t->n;
    }
    return ticks_choose_linear(lo, hi, maxn, t);
}

/*
** Chooses ticks for axis s, at most maxn of them.
*/
int ticks_choose(const struct scale *s, int maxn, struct ticks *t)
{
    if (maxn < 1)
        maxn = 1;
    if (maxn > TICKS_MAX)
        maxn = TICKS_MAX;
    return s->log ? ticks_choose_log(s->lo, s->hi, maxn, t)
                  : ticks_choose_linear(s->lo, s->hi, maxn, t);
}
