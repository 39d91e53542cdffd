/*
** cvode_h0.c: the first step size after a (re)initialization, chosen as the CVODES bundled
** with NEURON 8.2.2 chooses it, and handed to SUNDIALS 6.4 with CVodeSetInitStep.
**
** Why: the algorithm is the same in both versions (a geometric mean of the bounds, refined
** by estimates of y'' from difference quotients, then halved), but SUNDIALS 6.4 bounds h0
** with 1/ewt where NEURON's version uses atol itself; 1/(1/atol) is not always atol, so the
** first step, and after it the whole step sequence, differed from NEURON's in the last bits.
*/
#include <math.h>
#include <nvector/nvector_serial.h>
#include "cvode_int.h"

#define HLB_FACTOR 100.
#define HUB_FACTOR .1
#define H_BIAS .5
#define MAX_ITERS 4

/* The upper bound: a tenth of the distance to tout, and no component of y growing by more
** than a tenth of |y| + atol in a forward Euler step. */
static double upper_bound(const struct cvode *cv, double tdist, const double *y,
                          const double *f0, const double *atol)
{
    double hub_inv = 0;
    for (int i = 0; i < cv->neq; i++) {
        double r = fabs(f0[i]) / (HUB_FACTOR * fabs(y[i]) + atol[i]);
        if (r > hub_inv)
            hub_inv = r;
    }
    double hub = HUB_FACTOR * tdist;
    if (hub * hub_inv > 1)
        hub = 1 / hub_inv;
    return hub;
}

/* The weighted RMS norm of y'' estimated from f at t0 + hg along the Euler step. */
static int ydd_norm(nrn_model *m, double t0, double hg, double *nrm)
{
    struct cvode *cv = m->cv;
    const double *y = N_VGetArrayPointer(cv->y), *f0 = N_VGetArrayPointer(cv->hv[0]);
    const double *w = N_VGetArrayPointer(cv->hv[1]);
    double *yg = N_VGetArrayPointer(cv->hv[2]), *fg = N_VGetArrayPointer(cv->yi);
    for (int i = 0; i < cv->neq; i++)
        yg[i] = hg * f0[i] + y[i];
    cv->extra_f++;
    if (cv_rhs_fn(t0 + hg, cv->hv[2], cv->yi, m))
        return 1;
    double s = 0, r = 1. / hg;
    for (int i = 0; i < cv->neq; i++) {
        double p = r * (fg[i] - f0[i]) * w[i];
        s += p * p;
    }
    *nrm = sqrt(s / (double)cv->neq);
    return 0;
}

/*
** h0 toward tout from the state at t0 (cv->y) and f there (cv->hv[0], cv_init's), as
** NEURON's CVODES computes it; 0 leaves the choice to CVODE (tout too close, or f failed).
*/
double cv_h0(nrn_model *m, double tout)
{
    struct cvode *cv = m->cv;
    double t0 = cv->tn, tdiff = tout - t0;
    if (tdiff == 0 || cv->neq == 0)
        return 0;
    double sign = tdiff > 0 ? 1 : -1, tdist = fabs(tdiff);
    double tround = DBL_EPSILON * fmax(fabs(t0), fabs(tout));
    if (tdist < 2 * tround)
        return 0;
    if (cv->nafter) { /* after_cvode ran since cv_init's f: CVODE's f at t0 is another */
        cv->extra_f++;
        if (cv_rhs_fn(t0, cv->y, cv->hv[0], m))
            return 0;
    }
    const double *y = N_VGetArrayPointer(cv->y), *atol = N_VGetArrayPointer(cv->atolv);
    double *w = N_VGetArrayPointer(cv->hv[1]);
    for (int i = 0; i < cv->neq; i++) /* the error weights at t0 */
        w[i] = 1. / (cv->rtol * fabs(y[i]) + atol[i]);
    double hlb = HLB_FACTOR * tround;
    double hub = upper_bound(cv, tdist, y, N_VGetArrayPointer(cv->hv[0]), atol);
    double hg = sqrt(hlb * hub), hnew = hg;
    if (hub < hlb)
        return sign * hg;
    for (int count = 1;; count++) {
        double yddnrm;
        if (ydd_norm(m, t0, hg * sign, &yddnrm)) {
            cv_scatter(m, y);
            return 0;
        }
        hnew = yddnrm * hub * hub > 2 ? sqrt(2 / yddnrm) : sqrt(hg * hub);
        if (count >= MAX_ITERS)
            break;
        double hrat = hnew / hg;
        if (hrat > .5 && hrat < 2)
            break;
        if (count >= 2 && hrat > 2) {
            hnew = hg;
            break;
        }
        hg = hnew;
    }
    cv_scatter(m, y); /* the model arrays back at t0's state (CVODE's first f redoes the rest) */
    double h0 = H_BIAS * hnew;
    if (h0 < hlb)
        h0 = hlb;
    if (h0 > hub)
        h0 = hub;
    return sign * h0;
}
