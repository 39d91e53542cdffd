/*
** geometry.c: areas and axial resistances of a section's nodes, from L and diam
** (cylinders) or from 3-D points (frusta), exactly as NEURON 8.2.2 computes them
** (spec 1.4 and 1.5), including the order of every floating-point operation.
*/
#include <math.h>
#include "nrn_int.h"

/* Sets the cumulative arc length of s's last 3-D point from the point before, as NEURON's
** stor_pt3d does (so adding n points costs n steps, and after an L change the new point
** extends the scaled arcs). Coordinates are floats and NEURON takes their differences in
** float before squaring in double (spec 1.5). */
void geom_arc_last(struct section *s)
{
    int i = s->npt - 1;
    if (i < 0)
        return;
    if (i == 0) {
        s->arc[0] = 0;
        return;
    }
    const float *a = s->p3 + 4 * (i - 1), *b = s->p3 + 4 * i;
    float f1 = b[0] - a[0], f2 = b[1] - a[1], f3 = b[2] - a[2];
    double t1 = f1, t2 = f2, t3 = f3;
    s->arc[i] = s->arc[i - 1] + sqrt(t1 * t1 + t2 * t2 + t3 * t3);
}

/* Cylinder segments: area = pi d dx; each node's rinv couples it to the previous one
** through two half segments (only the child's own half for pnode[0]). */
static void geom_cylinder(const struct section *s, double *area, double *rinv)
{
    int n = s->nseg;
    double dx = s->L / (double)n;
    double rright = 0;
    for (int j = 0; j < n; j++) {
        double diam = s->diam[j] > 0 ? s->diam[j] : 1e-6;
        area[j] = NRN_PI * diam * dx;
        double rleft = 1e-2 * s->Ra * (dx / 2) / (NRN_PI * diam * diam / 4.);
        rinv[j] = 1. / (rleft + rright);
        rright = rleft;
    }
    area[n] = 1.e2;
    rinv[n] = 1. / rright;
}

/* 3-D points: walk the piecewise-linear diameter profile once, integrating lateral
** frustum area and resistance over each half segment (spec 1.5). Also refreshes the
** stored segment diams, but only when they differ by more than 1e-9, as NEURON does. */
static void geom_pt3d(struct section *s, double *area, double *rinv)
{
    int n = s->nseg, npt = s->npt;
    const double *arc = s->arc;
    double ds = arc[npt - 1] / (double)n;
    int j = 0;
    double x1 = arc[0];
    double y1 = fabs((double)s->p3[3]);
    double rparent = 0;
    for (int inode = 0; inode < n; inode++) {
        double si = inode * ds;
        double diamsum = 0, ar = 0, rleft = 0, rright = 0;
        for (int half = 0; half < 2; half++) {
            double ri = 0;
            double sip = si + ds / 2;
            for (;;) {
                int jp = j + 1, jnext;
                double x2, y2;
                double dj = fabs((double)s->p3[4 * j + 3]), djp = fabs((double)s->p3[4 * jp + 3]);
                if (arc[jp] > sip || jp == npt - 1) {
                    double frac;
                    if (fabs(arc[jp] - arc[j]) < 1e-10)
                        frac = 1;
                    else
                        frac = (sip - arc[j]) / (arc[jp] - arc[j]);
                    x2 = sip;
                    y2 = (1 - frac) * dj + frac * djp;
                    jnext = j;
                } else {
                    x2 = arc[jp];
                    y2 = djp;
                    jnext = jp;
                }
                double delta = x2 - x1;
                diamsum += (y2 + y1) * delta;
                if (delta < 1e-15)
                    delta = 1e-15;
                double temp = y2 * y1 / delta;
                if (temp == 0)
                    temp = 1e-15;
                ri += 1 / temp;
                temp = 0.5 * (y2 - y1);
                temp = sqrt(delta * delta + temp * temp);
                ar += (y2 + y1) * temp;
                x1 = x2;
                y1 = y2;
                if (j == jnext)
                    break;
                j = jnext;
            }
            if (half == 0)
                rleft = ri * s->Ra / NRN_PI * (4. * .01);
            else
                rright = ri * s->Ra / NRN_PI * (4. * .01);
            si = sip;
        }
        rinv[inode] = 1. / (rparent + rleft);
        double dseg = diamsum * (.5 / ds);
        if (fabs(dseg - s->diam[inode]) > 1e-9 || dseg < 1e-5)
            s->diam[inode] = dseg;
        area[inode] = ar * .5 * NRN_PI;
        rparent = rright;
    }
    area[n] = 1.e2;
    rinv[n] = 1. / rparent;
}

/*
** Fills area[0..nseg] and rinv[0..nseg] for the nodes pnode[0..nseg] of s
** (area in um2, 100 for the 1-end node; rinv in uS to the previous node).
*/
void geom_section(struct section *s, double *area, double *rinv)
{
    if (s->npt >= 2)
        geom_pt3d(s, area, rinv);
    else
        geom_cylinder(s, area, rinv);
}

/* A frustum's volume without its factor pi/12, as NEURON's seg.volume() sums them. */
static double frustum12(double len, double d0, double d1)
{
    return len * (d0 * d0 + d0 * d1 + d1 * d1);
}

/* y on the line through (x0, y0) and (x1, y1) at xnew; y0 when the two x coincide. */
static double lerp(double x0, double x1, double y0, double y1, double xnew)
{
    if (x1 == x0)
        return y0;
    return y0 + (y1 - y0) * (xnew - x0) / (x1 - x0);
}

/*
** Volume of the segment containing x, as NEURON 8.2.2's seg.volume(): 0 at the ends;
** with 3-D points the frusta between the segment's arc bounds (the ends interpolated),
** else a cylinder of the segment's diam. The operations are NEURON's, in its order.
*/
int nrn_segment_volume(nrn_model *m, int sec, double x, double *vol)
{
    int rc = model_check_sec(m, sec);
    if (rc)
        return rc;
    if (!(x >= 0 && x <= 1))
        return model_err(m, NRN_EINVAL, "x must be in [0,1], got %g", x);
    const struct section *s = m->secs[sec];
    double a = 0;
    *vol = 0;
    if (x == 0 || x == 1)
        return NRN_OK;
    int n = s->nseg, npt = s->npt;
    if (npt < 2) {
        double len = s->L / n, diam = s->diam[model_segment_of(s, x)];
        *vol = NRN_PI * diam * diam / 4 * len;
        return NRN_OK;
    }
    const double *arc = s->arc;
    double len = arc[npt - 1] / n;
    int iseg = (int)(x * n);
    double left = iseg * len, right = (iseg + 1) * len;
    /* the last point whose arc is below left (never the last point) */
    int lo = 0, hi = npt;
    while (hi - lo > 1) {
        int mid = (lo + hi) / 2;
        if (arc[mid] < left)
            lo = mid;
        else
            hi = mid;
    }
    double dl = fabs(s->p3[4 * lo + 3]), dr = fabs(s->p3[4 * (lo + 1) + 3]);
    double larc = left;
    dl = lerp(arc[lo], arc[lo + 1], dl, dr, larc);
    int i;
    for (i = lo + 1; i < npt && arc[i] < right; i++) {
        dr = fabs(s->p3[4 * i + 3]);
        a += frustum12(arc[i] - larc, dl, dr);
        larc = arc[i];
        dl = dr;
    }
    if (i < npt) {
        dr = lerp(larc, arc[i], dl, fabs(s->p3[4 * i + 3]), right);
        a += frustum12(right - larc, dl, dr);
    }
    a *= NRN_PI / 12;
    *vol = a;
    return NRN_OK;
}
