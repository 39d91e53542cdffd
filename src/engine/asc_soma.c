/*
** asc_soma.c: the soma-contour geometry of the Neurolucida reader (asc.c), as NEURON 8.2.2's
** Import3d computes it:
**  - connect2soma moves the soma contours first, groups overlapping ones into a stack and
**    hangs every tree root on the soma whose bounding box holds its first point (or the
**    nearest soma centre), through the contour centre (contourcenter: 100 perimeter
**    steps, Vector.interpolate, mean);
**  - at instantiate, a soma contour becomes contour2centroid's 21 points along the major
**    axis (Matrix.symmeig = meschach Hfactor + makeHQ + trieig, ported with the same
**    operation order), a stack the centres and mean diameters of its contours.
*/
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "asc_int.h"

#define ASC_PI 3.14159265358979323846
#define ASC_INDGEN_EPSILON 1e-9

/* ------------------------------------------------------------------------------------
** Numerics: Vector and Matrix methods as NEURON computes them
*/

/* Vector.interpolate(xd, xs) of ys into yd (nd values). */
static void v_interpolate(double *yd, const double *xd, int nd, const double *xs,
                          const double *ys, int ns)
{
    int id, is;
    for (id = 0; id < nd && xd[id] <= xs[0]; ++id)
        yd[id] = ys[0];
    for (is = 1; is < ns && id < nd; ++is) {
        if (xs[is] <= xs[is - 1])
            continue;
        while (xd[id] <= xs[is]) {
            double thet = (xd[id] - xs[is - 1]) / (xs[is] - xs[is - 1]);
            yd[id] = (1. - thet) * ys[is - 1] + thet * ys[is];
            ++id;
            if (id >= nd)
                break;
        }
    }
    for (; id < nd; ++id)
        yd[id] = ys[ns - 1];
}

static double v_sum(const double *v, int n)
{
    double s = 0.;
    for (int i = 0; i < n; i++)
        s += v[i];
    return s;
}

static double v_dot3(const double a[3], const double b[3])
{
    double s = 0.;
    for (int i = 0; i < 3; i++)
        s += a[i] * b[i];
    return s;
}

static int v_max_ind(const double *v, int n)
{
    int k = 0;
    for (int i = 1; i < n; i++)
        if (v[k] < v[i])
            k = i;
    return k;
}

static int v_min_ind(const double *v, int n)
{
    int k = 0;
    for (int i = 1; i < n; i++)
        if (v[i] < v[k])
            k = i;
    return k;
}

/*
** Import3d_Section.contourcenter: the contour (n points) resampled at 101 equally spaced
** perimeter positions (perimeter in the xy plane, closing edge excluded) into xo, yo, zo;
** returns their mean in c.
*/
static int contourcenter(const double *x, const double *y, const double *z, int n,
                         double *xo, double *yo, double *zo, double c[3])
{
    double *perim = malloc(sizeof(double) * (size_t)n);
    if (!perim)
        return -1;
    perim[0] = 0;
    for (int i = 1; i < n; i++) {
        double dx = x[i] - x[i - 1], dy = y[i] - y[i - 1], dz = 0. - 0.;
        double s = 0.;
        s += dx * dx;
        s += dy * dy;
        s += dz * dz;
        perim[i] = perim[i - 1] + sqrt(s);
    }
    double d[101], step = perim[n - 1] / 100;
    for (int i = 0; i < 101; i++)
        d[i] = (double)i * step + 0.;
    v_interpolate(xo, d, 101, perim, x, n);
    v_interpolate(yo, d, 101, perim, y, n);
    v_interpolate(zo, d, 101, perim, z, n);
    free(perim);
    c[0] = v_sum(xo, 101) / 101;
    c[1] = v_sum(yo, 101) / 101;
    c[2] = v_sum(zo, 101) / 101;
    return 0;
}

/* meschach __ip__ (no unrolling in NEURON's build). */
static double m_ip(const double *a, const double *b, int len)
{
    double s = 0.0;
    for (int i = 0; i < len; i++)
        s += a[i] * b[i];
    return s;
}

/* meschach __mltadd__: a += s*b. */
static void m_mltadd(double *a, const double *b, double s, int len)
{
    for (int i = 0; i < len; i++)
        a[i] += s * b[i];
}

#define MN 3

static void hhtrcols(double M[MN][MN], int i0, int j0, const double *hh, double beta)
{
    if (beta == 0.0)
        return;
    double w[MN] = {0, 0, 0};
    for (int i = i0; i < MN; i++)
        if (hh[i] != 0.0)
            m_mltadd(&w[j0], &M[i][j0], hh[i], MN - j0);
    for (int i = i0; i < MN; i++)
        if (hh[i] != 0.0)
            m_mltadd(&M[i][j0], &w[j0], -beta * hh[i], MN - j0);
}

static void hhtrrows(double M[MN][MN], int i0, int j0, const double *hh, double beta)
{
    if (beta == 0.0)
        return;
    for (int i = i0; i < MN; i++) {
        double ip = m_ip(&M[i][j0], &hh[j0], MN - j0);
        double scale = beta * ip;
        if (scale == 0.0)
            continue;
        m_mltadd(&M[i][j0], &hh[j0], -scale, MN - j0);
    }
}

/* rot_cols(Q, i, k, c, s, Q) */
static void rot_cols(double Q[MN][MN], int i, int k, double c, double s)
{
    for (int j = 0; j < MN; j++) {
        double temp = c * Q[j][i] + s * Q[j][k];
        Q[j][k] = -s * Q[j][i] + c * Q[j][k];
        Q[j][i] = temp;
    }
}

static void givens(double x, double y, double *c, double *s)
{
    double norm = sqrt(x * x + y * y);
    if (norm == 0.0)
        *c = 1.0, *s = 0.0;
    else
        *c = x / norm, *s = y / norm;
}

#define SQRT2 1.4142135623730949
#define sgn(x) ((x) >= 0 ? 1 : -1)

/*
** The rotation of one trieig step: givens(x, y) with s negated, then c^2 and s^2 (the one
** of the smaller of |c| and |s| squared, the other 1 minus it) and c*s.
*/
static void trieig_rot(double x, double y, double *c, double *s, double *c2, double *s2,
                       double *cs)
{
    givens(x, y, c, s);
    *s = -*s;
    if (fabs(*c) < SQRT2) {
        *c2 = *c * *c;
        *s2 = 1 - *c2;
    } else {
        *s2 = *s * *s;
        *c2 = 1 - *s2;
    }
    *cs = *c * *s;
}

/* meschach trieig; 0, or -1 if it does not converge (NEURON would loop forever). */
static int trieig(double *a_ve, double *b_ve, double Q[MN][MN])
{
    int i, i_min, i_max, n = MN, split, iter = 0;
    double b_sqr, bk, ak1, bk1, ak2, bk2, z, c, c2, cs, s, s2, d, mu;
    i_min = 0;
    while (i_min < n) {
        i_max = n - 1;
        for (i = i_min; i < n - 1; i++)
            if (b_ve[i] == 0.0) {
                i_max = i;
                break;
            }
        if (i_max <= i_min) {
            i_min = i_max + 1;
            continue;
        }
        split = 0;
        while (!split) {
            if (++iter > 10000)
                return -1;
            d = (a_ve[i_max - 1] - a_ve[i_max]) / 2;
            b_sqr = b_ve[i_max - 1] * b_ve[i_max - 1];
            mu = a_ve[i_max] - b_sqr / (d + sgn(d) * sqrt(d * d + b_sqr));
            trieig_rot(a_ve[i_min] - mu, b_ve[i_min], &c, &s, &c2, &s2, &cs);
            ak1 = c2 * a_ve[i_min] + s2 * a_ve[i_min + 1] - 2 * cs * b_ve[i_min];
            bk1 = cs * (a_ve[i_min] - a_ve[i_min + 1]) + (c2 - s2) * b_ve[i_min];
            ak2 = s2 * a_ve[i_min] + c2 * a_ve[i_min + 1] + 2 * cs * b_ve[i_min];
            bk2 = (i_min < i_max - 1) ? c * b_ve[i_min + 1] : 0.0;
            z = (i_min < i_max - 1) ? -s * b_ve[i_min + 1] : 0.0;
            a_ve[i_min] = ak1;
            a_ve[i_min + 1] = ak2;
            b_ve[i_min] = bk1;
            if (i_min < i_max - 1)
                b_ve[i_min + 1] = bk2;
            rot_cols(Q, i_min, i_min + 1, c, -s);
            for (i = i_min + 1; i < i_max; i++) {
                trieig_rot(b_ve[i - 1], z, &c, &s, &c2, &s2, &cs);
                bk = c * b_ve[i - 1] - s * z;
                ak1 = c2 * a_ve[i] + s2 * a_ve[i + 1] - 2 * cs * b_ve[i];
                bk1 = cs * (a_ve[i] - a_ve[i + 1]) + (c2 - s2) * b_ve[i];
                ak2 = s2 * a_ve[i] + c2 * a_ve[i + 1] + 2 * cs * b_ve[i];
                bk2 = (i + 1 < i_max) ? c * b_ve[i + 1] : 0.0;
                z = (i + 1 < i_max) ? -s * b_ve[i + 1] : 0.0;
                a_ve[i] = ak1;
                a_ve[i + 1] = ak2;
                b_ve[i] = bk1;
                if (i < i_max - 1)
                    b_ve[i + 1] = bk2;
                if (i > i_min)
                    b_ve[i - 1] = bk;
                rot_cols(Q, i, i + 1, c, -s);
            }
            for (i = i_min; i < i_max; i++)
                if (fabs(b_ve[i]) < DBL_EPSILON * (fabs(a_ve[i]) + fabs(a_ve[i + 1]))) {
                    b_ve[i] = 0.0;
                    split = 1;
                }
        }
    }
    return 0;
}

/* Matrix.symmeig: eigenvalues of the symmetric A in ev, eigenvectors in the columns of Q
** (meschach symmeig: Hfactor, makeHQ, trieig). 0 or -1. */
static int symmeig(const double A[MN][MN], double Q[MN][MN], double ev[MN])
{
    double t[MN][MN], diag[MN], beta[MN], b[MN - 1], tmp1[MN], tmp2[MN];
    memcpy(t, A, sizeof t);
    int limit = MN - 1;
    for (int k = 0; k < limit; k++) { /* Hfactor */
        for (int i = 0; i < MN; i++)
            tmp1[i] = t[i][k];
        double norm = sqrt(m_ip(&tmp1[k + 1], &tmp1[k + 1], MN - k - 1));
        if (norm <= 0.0)
            beta[k] = 0.0;
        else {
            beta[k] = 1.0 / (norm * (norm + fabs(tmp1[k + 1])));
            t[k + 1][k] = tmp1[k + 1] > 0.0 ? -norm : norm;
            tmp1[k + 1] -= t[k + 1][k];
        }
        diag[k] = tmp1[k + 1];
        hhtrcols(t, k + 1, k + 1, tmp1, beta[k]);
        hhtrrows(t, 0, k + 1, tmp1, beta[k]);
    }
    for (int i = 0; i < MN; i++) { /* makeHQ */
        for (int j = 0; j < MN; j++)
            tmp1[j] = 0.0;
        tmp1[i] = 1.0;
        for (int j = limit - 1; j >= 0; j--) {
            for (int r = 0; r < MN; r++)
                tmp2[r] = t[r][j];
            tmp2[j + 1] = diag[j];
            double scale = beta[j] * m_ip(&tmp2[j + 1], &tmp1[j + 1], MN - j - 1);
            m_mltadd(&tmp1[j + 1], &tmp2[j + 1], -scale, MN - j - 1);
        }
        for (int r = 0; r < MN; r++)
            Q[r][i] = tmp1[r];
    }
    int i;
    for (i = 0; i < MN - 1; i++) {
        ev[i] = t[i][i];
        b[i] = t[i][i + 1];
    }
    ev[i] = t[i][i];
    return trieig(ev, b, Q);
}

/* Vector.remove(j) */
static void v_remove(double *v, int *n, int j)
{
    memmove(v + j, v + j + 1, sizeof(double) * (size_t)(*n - j - 1));
    (*n)--;
}

/*
** Makes v (n values) increasing as contour2centroid does, from the end: a value not above
** its predecessor + float_epsilon is removed, and the value of w at the same index.
*/
static void v_monotonic(double *v, double *w, int *n)
{
    for (int j = *n - 1; j > 0; j--)
        if (v[j] <= v[j - 1] + ASC_HOC_EPSILON) {
            int nn = *n;
            v_remove(v, n, j);
            v_remove(w, &nn, j);
            if (j != *n)
                j++;
        }
}

static int centroid_alloc(struct centroid *c, int n)
{
    c->n = n;
    c->x = malloc(sizeof(double) * (size_t)(n ? n : 1));
    c->y = malloc(sizeof(double) * (size_t)(n ? n : 1));
    c->z = malloc(sizeof(double) * (size_t)(n ? n : 1));
    c->d = malloc(sizeof(double) * (size_t)(n ? n : 1));
    return c->x && c->y && c->z && c->d ? 0 : -1;
}

void asc_soma_centroid_free(struct centroid *c)
{
    free(c->x), free(c->y), free(c->z), free(c->d);
    memset(c, 0, sizeof *c);
}

/*
** Import3d_GUI.contour2centroid for a single contour: points along the major axis of the
** resampled contour, diameters across it. Returns 0, -1 (no memory) or 1 (degenerate).
*/
static int contour2centroid(const struct asec *s, struct centroid *out)
{
    double X[101], Y[101], Z[101], mean[3];
    if (contourcenter(s->x, s->y, s->z, s->npt, X, Y, Z, mean))
        return -1;
    double P[3][101];
    for (int k = 0; k < 101; k++) {
        P[0][k] = X[k] - mean[0];
        P[1][k] = Y[k] - mean[1];
        P[2][k] = Z[k] - mean[2];
    }
    double M[MN][MN], Q[MN][MN], ev[MN];
    for (int i = 0; i < 3; i++)
        for (int j = i; j < 3; j++) {
            double sum = 0.;
            for (int k = 0; k < 101; k++)
                sum += P[i][k] * P[j][k];
            M[i][j] = M[j][i] = sum;
        }
    memcpy(Q, M, sizeof Q);
    if (symmeig(M, Q, ev))
        return 1;
    int imx = v_max_ind(ev, 3), imn = v_min_ind(ev, 3);
    if (imx == imn)
        return 1;
    double major[3], minor[3];
    for (int r = 0; r < 3; r++) {
        major[r] = Q[r][imx];
        minor[r] = Q[r][3 - imn - imx];
    }
    minor[2] = 0;
    double mag = sqrt(v_dot3(minor, minor));
    if (!(mag > 0))
        return 1;
    for (int r = 0; r < 3; r++)
        minor[r] /= mag;
    double d[101], rad[101], t[101];
    for (int k = 0; k < 101; k++) {
        double pt[3] = {P[0][k], P[1][k], P[2][k]};
        d[k] = v_dot3(pt, major);
        rad[k] = v_dot3(pt, minor);
    }
    /* d.rotate(-imax), rad.rotate(-imax): start at the maximum */
    int imax = v_max_ind(d, 101);
    for (int k = 0; k < 101; k++)
        t[k] = d[(k + imax) % 101];
    memcpy(d, t, sizeof d);
    for (int k = 0; k < 101; k++)
        t[k] = rad[(k + imax) % 101];
    memcpy(rad, t, sizeof rad);
    int imin = v_min_ind(d, 101);
    if (imin < 1)
        return 1;
    double side2[101], rad2[101];
    int n2 = 101 - imin, n1 = imin;
    memcpy(side2, d + imin, sizeof(double) * (size_t)n2);
    memcpy(rad2, rad + imin, sizeof(double) * (size_t)n2);
    for (int k = 0; k < n1 / 2; k++) { /* resize(imin).reverse */
        double u = d[k];
        d[k] = d[n1 - 1 - k], d[n1 - 1 - k] = u;
        u = rad[k];
        rad[k] = rad[n1 - 1 - k], rad[n1 - 1 - k] = u;
    }
    /* make both sides monotonic */
    v_monotonic(d, rad, &n1);
    v_monotonic(side2, rad2, &n2);
    /* tobj = d.c.append(side2).sort; indgen(tobj[1], tobj[size-2], (j-i)/20) */
    double all[202];
    int na = n1 + n2;
    memcpy(all, d, sizeof(double) * (size_t)n1);
    memcpy(all + n1, side2, sizeof(double) * (size_t)n2);
    for (int i = 1; i < na; i++) { /* insertion sort: values only, order of ties moot */
        double v = all[i];
        int j = i - 1;
        while (j >= 0 && all[j] > v) {
            all[j + 1] = all[j];
            j--;
        }
        all[j + 1] = v;
    }
    if (na < 3)
        return 1;
    double i0 = all[1], j0 = all[na - 2], step = (j0 - i0) / 20;
    if (!(step > 0))
        return 1;
    double xn = floor((j0 - i0) / step + ASC_INDGEN_EPSILON) + 1.;
    if (!(xn >= 2 && xn <= 1000))
        return 1;
    int nt = (int)xn; /* 2..1000 */
    if (nt < 2)
        return 1; /* cannot happen; tells the compiler tt below is filled */
    double *tt = malloc(sizeof(double) * (size_t)nt * 3);
    if (!tt)
        return -1;
    double *ra = tt + nt, *rb = tt + 2 * nt;
    for (int k = 0; k < nt; k++)
        tt[k] = (double)k * step + i0;
    v_interpolate(ra, tt, nt, d, rad, n1);
    v_interpolate(rb, tt, nt, side2, rad2, n2);
    if (centroid_alloc(out, nt)) {
        free(tt);
        return -1;
    }
    for (int k = 0; k < nt; k++) {
        out->x[k] = major[0] * tt[k] + mean[0];
        out->y[k] = major[1] * tt[k] + mean[1];
        out->z[k] = major[2] * tt[k] + mean[2];
        out->d[k] = fabs(ra[k] - rb[k]);
    }
    out->d[0] = (out->d[0] + out->d[1]) / 2;
    out->d[nt - 1] = (out->d[nt - 1] + out->d[nt - 2]) / 2;
    free(tt);
    return 0;
}

/* Import3d_Section.approximate_contour_by_circle: centre c and diameter *diam. */
static int contour_circle(const struct asec *s, double c[3], double *diam)
{
    int n = s->npt;
    double perim = 0;
    for (int i = 0; i < n; i++) {
        int j = (i + 1) % n;
        double e[3] = {s->x[i] - s->x[j], s->y[i] - s->y[j], s->z[i] - s->z[j]};
        perim += sqrt(v_dot3(e, e));
    }
    double X[101], Y[101], Z[101];
    if (contourcenter(s->x, s->y, s->z, n, X, Y, Z, c))
        return -1;
    for (int k = 0; k < 101; k++) {
        X[k] = (X[k] - c[0]) * (X[k] - c[0]);
        Y[k] = (Y[k] - c[1]) * (Y[k] - c[1]);
        Z[k] = (Z[k] - c[2]) * (Z[k] - c[2]);
        X[k] = sqrt(X[k] + Y[k] + Z[k]);
    }
    *diam = v_sum(X, 101) / 101 + perim / (2 * ASC_PI);
    return 0;
}

/*
** The points that replace soma contour k (a single contour or the head of a stack) at
** instantiate: contour2centroid's for a single contour, contourstack2centroid's (the
** centres and diameters of its circles) for a stack. Returns 0, -1 (no memory) or 1
** (degenerate contour).
*/
int asc_soma_points(const struct asc *a, int k, struct centroid *c)
{
    const struct asec *s = &a->sec[k];
    if (s->stack_next < 0)
        return contour2centroid(s, c);
    /* contourstack2centroid */
    int nc = 0, rc;
    for (int q = k; q >= 0; q = a->sec[q].stack_next)
        nc++;
    rc = centroid_alloc(c, nc);
    nc = 0;
    for (int q = k; q >= 0 && !rc; q = a->sec[q].stack_next, nc++) {
        double cc[3];
        rc = contour_circle(&a->sec[q], cc, &c->d[nc]);
        c->x[nc] = cc[0], c->y[nc] = cc[1], c->z[nc] = cc[2];
    }
    return rc;
}

/* ------------------------------------------------------------------------------------
** connect2soma and the soma stacks
*/

static void bbox(const struct asec *s, double bb[6])
{
    const double *v[3] = {s->x, s->y, s->z};
    for (int r = 0; r < 3; r++) {
        double lo = v[r][0], hi = v[r][0];
        for (int i = 1; i < s->npt; i++) {
            if (v[r][i] < lo)
                lo = v[r][i];
            if (v[r][i] > hi)
                hi = v[r][i];
        }
        bb[r] = lo, bb[r + 3] = hi;
    }
}

static int xy_intersect(const double a[6], const double b[6])
{
    for (int i = 0; i < 2; i++)
        if (a[i] > b[3 + i] + ASC_HOC_EPSILON || b[i] > a[3 + i] + ASC_HOC_EPSILON)
            return 0;
    return 1;
}

/* sec.insrt(0, x, y, z, d); first = 1 */
static int sec_insert0(struct asec *s, const double c[3], double d)
{
    if (s->npt + 1 > s->cap) {
        int cap = 2 * s->cap + 1;
        double **v[4] = {&s->x, &s->y, &s->z, &s->d};
        for (int k = 0; k < 4; k++) {
            double *q = realloc(*v[k], sizeof(double) * (size_t)cap);
            if (!q)
                return -1;
            *v[k] = q;
        }
        s->cap = cap;
    }
    memmove(s->x + 1, s->x, sizeof(double) * (size_t)s->npt);
    memmove(s->y + 1, s->y, sizeof(double) * (size_t)s->npt);
    memmove(s->z + 1, s->z, sizeof(double) * (size_t)s->npt);
    memmove(s->d + 1, s->d, sizeof(double) * (size_t)s->npt);
    s->x[0] = c[0], s->y[0] = c[1], s->z[0] = c[2], s->d[0] = d;
    s->npt++;
    s->first = 1;
    return 0;
}

/* stk_center: the point half way along the polyline of the stack's contour centres. */
static int stk_center(struct asc *a, int head, double c[3])
{
    int n = 1;
    for (int k = a->sec[head].stack_next; k >= 0; k = a->sec[k].stack_next)
        n++;
    double *cen = malloc(sizeof(double) * 3 * (size_t)n), *lenvec = malloc(sizeof(double) * (size_t)n);
    double X[101], Y[101], Z[101];
    if (!cen || !lenvec) {
        free(cen), free(lenvec);
        return -1;
    }
    int i = 0, k = head, rc = 0;
    double len = 0, cc[3] = {0, 0, 0};
    for (; k >= 0 && !rc; k = a->sec[k].stack_next, i++) {
        const struct asec *s = &a->sec[k];
        rc = contourcenter(s->x, s->y, s->z, s->npt, X, Y, Z, cc);
        memcpy(cen + 3 * i, cc, sizeof cc);
        if (i == 0)
            lenvec[0] = 0;
        else {
            double e[3] = {cc[0] - cen[3 * (i - 1)], cc[1] - cen[3 * (i - 1) + 1],
                           cc[2] - cen[3 * (i - 1) + 2]};
            len += sqrt(v_dot3(e, e));
            lenvec[i] = len;
        }
    }
    if (!rc) {
        len = len / 2;
        if (hoc_eq(len, 0))
            memcpy(c, cen, sizeof(double) * 3);
        else {
            for (i = 0; i < n && !(lenvec[i] > len + ASC_HOC_EPSILON); i++)
                ;
            if (i < 1 || i >= n)
                i = n - 1; /* NEURON: index -1 (cannot happen for len > 0) */
            double th = (len - lenvec[i - 1]) / (lenvec[i] - lenvec[i - 1]);
            for (int j = 0; j < 3; j++)
                c[j] = th * cen[3 * i + j] + (1 - th) * cen[3 * (i - 1) + j];
        }
    }
    free(cen), free(lenvec);
    return rc;
}

/*
** connect2soma: soma contours first (stable), overlapping consecutive ones stacked,
** roots hung on the soma whose bounding box holds their first point, else on the nearest
** soma centre. order receives the section list order.
*/
int asc_soma_connect(struct asc *a, int *order)
{
    int n = a->nsec, j = 0;
    for (int i = 0; i < n; i++)
        if (a->sec[i].iscontour)
            order[j++] = i;
    int nsoma = j;
    for (int i = 0; i < n; i++)
        if (!a->sec[i].iscontour)
            order[j++] = i;
    if (nsoma == 0)
        return 0;
    int *somas = malloc(sizeof(int) * (size_t)nsoma), *roots = malloc(sizeof(int) * (size_t)n);
    double *centers = malloc(sizeof(double) * 3 * (size_t)nsoma);
    if (!somas || !roots || !centers) {
        free(somas), free(roots), free(centers);
        return -1;
    }
    /* soma_contour_stack */
    int ns = 0, firsts = order[0], last = order[0];
    double bb1[6], bb2[6];
    somas[ns++] = order[0];
    bbox(&a->sec[order[0]], bb1);
    for (int i = 1; i < nsoma; i++) {
        int nx = order[i];
        bbox(&a->sec[nx], bb2);
        if (xy_intersect(bb1, bb2)) {
            if (a->sec[firsts].stack_next < 0)
                a->sec[firsts].stack_next = nx;
            else
                a->sec[last].stack_next = nx;
            last = nx;
            a->sec[nx].is_subsidiary = 1;
        } else {
            firsts = last = nx;
            somas[ns++] = nx;
        }
        memcpy(bb1, bb2, sizeof bb1);
    }
    int nr = 0, rc = 0;
    for (int i = 0; i < n; i++) {
        const struct asec *s = &a->sec[order[i]];
        if (!s->iscontour && s->parent < 0)
            roots[nr++] = order[i];
    }
    /* connect2soma_2 for each soma */
    for (int k = 0; k < ns && !rc; k++) {
        struct asec *so = &a->sec[somas[k]];
        double xmin, xmax, ymin, ymax, *c = centers + 3 * k;
        if (so->stack_next >= 0) {
            rc = stk_center(a, somas[k], c);
            double bb[6], b2[6];
            bbox(so, bb);
            for (int q = so->stack_next; q >= 0; q = a->sec[q].stack_next) {
                bbox(&a->sec[q], b2);
                for (int t = 0; t < 3; t++) {
                    if (bb[t] > b2[t])
                        bb[t] = b2[t];
                    if (bb[t + 3] < b2[t + 3])
                        bb[t + 3] = b2[t + 3];
                }
            }
            xmin = bb[0], xmax = bb[3], ymin = bb[1], ymax = bb[4];
        } else {
            double bb[6], X[101], Y[101], Z[101];
            bbox(so, bb);
            xmin = bb[0] - .5, xmax = bb[3] + .5;
            ymin = bb[1] - .5, ymax = bb[4] + .5;
            rc = contourcenter(so->x, so->y, so->z, so->npt, X, Y, Z, c);
        }
        for (int i = nr - 1; i >= 0 && !rc; i--) {
            struct asec *s = &a->sec[roots[i]];
            /* GUIMath.inside compares as floats (InterViews Coord) */
            float x0 = (float)s->x[0], y0 = (float)s->y[0];
            if (x0 >= (float)xmin && x0 <= (float)xmax && y0 >= (float)ymin &&
                y0 <= (float)ymax) {
                s->parent = somas[k];
                s->parentx = .5;
                rc = sec_insert0(s, c, .01);
                memmove(roots + i, roots + i + 1, sizeof(int) * (size_t)(nr - i - 1));
                nr--;
            }
        }
    }
    /* the rest: a logical connection to the nearest soma centre */
    for (int i = 0; i < nr && !rc; i++) {
        struct asec *s = &a->sec[roots[i]];
        double dmin = 1e9;
        int imin = 0;
        for (int k = 0; k < ns; k++) {
            double e[3] = {s->x[0] - centers[3 * k], s->y[0] - centers[3 * k + 1],
                           s->z[0] - centers[3 * k + 2]};
            double dd = sqrt(v_dot3(e, e));
            if (dd < dmin - ASC_HOC_EPSILON)
                imin = k, dmin = dd;
        }
        if (!a->nfar++)
            a->farline = a->pline[s->id];
        s->parent = somas[imin];
        s->parentx = .5;
        rc = sec_insert0(s, centers + 3 * imin, .01);
    }
    free(somas), free(roots), free(centers);
    return rc;
}

