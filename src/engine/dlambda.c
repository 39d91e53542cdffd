/*
** dlambda.c: the d_lambda rule as NEURON's CellBuilder applies it (celgeom.hoc),
** nseg = int((L/(d_lambda*lambda_f(freq)) + .999)/2)*2 + 1,
** with lambda_f exactly as NEURON 8.2.2's stdlib.hoc computes it: from diam, Ra and cm
** for a section without 3-D points, else by summing (arc3d(i) - arc3d(i-1)) /
** sqrt(diam3d(i-1) + diam3d(i)) over the 3-D points (same operations, same order).
** Uses the public API only; every nseg is computed before any is set, so a failure
** leaves the model unchanged.
*/
#include <math.h>
#include <stdlib.h>
#include "nrn_int.h"

#define DLAMBDA_PI 3.14159265358979323846 /* hoc's PI */

/* stdlib.hoc's lambda_f($1 = freq) for section sec; NRN_OK or an error on m. */
static int dlambda_lambda_f(nrn_model *m, int sec, double freq, double *out)
{
    double Ra, cm, L;
    int rc;
    if ((rc = nrn_section_get(m, sec, NRN_SEC_RA, &Ra)) ||
        (rc = nrn_section_get(m, sec, NRN_SEC_CM, &cm)) ||
        (rc = nrn_section_get(m, sec, NRN_SEC_L, &L)))
        return rc;
    if (cm == 0) {
        *out = 1e10;
        return NRN_OK;
    }
    int n = nrn_n3d(m, sec);
    if (n < 2) {
        double diam;
        if ((rc = nrn_section_get(m, sec, NRN_SEC_DIAM, &diam)))
            return rc;
        *out = 1e5 * sqrt(diam / (4 * DLAMBDA_PI * freq * Ra * cm));
        return NRN_OK;
    }
    double p[4], x1, x2, d1, d2, lam = 0;
    if ((rc = nrn_pt3d_get(m, sec, 0, p, &x1)))
        return rc;
    d1 = fabs(p[3]);
    for (int i = 1; i < n; i++) {
        if (d1 == 0)
            return model_err(m, NRN_EINVAL, "lambda_f: 0 diameter for 3-D point %d of %s", i - 1,
                             nrn_section_name(m, sec));
        if ((rc = nrn_pt3d_get(m, sec, i, p, &x2)))
            return rc;
        d2 = fabs(p[3]);
        lam += (x2 - x1) / sqrt(d1 + d2);
        x1 = x2;
        d1 = d2;
    }
    lam *= sqrt(2) * 1e-5 * sqrt(4 * DLAMBDA_PI * freq * Ra * cm);
    *out = L / lam;
    return NRN_OK;
}

/* The d_lambda nseg of one section. */
static int dlambda_nseg(nrn_model *m, int sec, double freq, double d_lambda, int *nseg)
{
    double lf = 0, L = 0;
    int rc = dlambda_lambda_f(m, sec, freq, &lf);
    if (rc)
        return rc;
    if ((rc = nrn_section_get(m, sec, NRN_SEC_L, &L)))
        return rc;
    double v = trunc((L / (d_lambda * lf) + .999) / 2) * 2 + 1;
    if (!(v >= 1 && v <= 32767))
        return model_err(m, NRN_EINVAL, "d_lambda: %s would get nseg %g (L %g, lambda %g um)",
                         nrn_section_name(m, sec), v, L, lf);
    *nseg = (int)v;
    return NRN_OK;
}

int nrn_geom_nseg(nrn_model *m, const int *secs, int nsecs, double freq, double d_lambda,
                  int *total)
{
    if (!m)
        return NRN_EINVAL;
    if (!(freq > 0) || !isfinite(freq) || !(d_lambda > 0) || !isfinite(d_lambda))
        return model_err(m, NRN_EINVAL, "geom_nseg: freq (%g) and d_lambda (%g) must be > 0",
                         freq, d_lambda);
    if (nsecs < 0 || (nsecs > 0 && !secs))
        return model_err(m, NRN_EINVAL, "geom_nseg: bad section list");
    int n = nsecs ? nsecs : nrn_section_count(m);
    int *val = malloc(sizeof *val * (size_t)(n ? n : 1));
    if (!val)
        return model_err(m, NRN_ENOMEM, "geom_nseg: out of memory");
    int rc = NRN_OK;
    for (int k = 0; k < n && rc == NRN_OK; k++) {
        int sec = nsecs ? secs[k] : k;
        if ((rc = model_check_sec(m, sec)) == NRN_OK)
            rc = dlambda_nseg(m, sec, freq, d_lambda, &val[k]);
    }
    long sum = 0;
    for (int k = 0; k < n && rc == NRN_OK; k++) {
        int sec = nsecs ? secs[k] : k;
        double cur;
        rc = nrn_section_get(m, sec, NRN_SEC_NSEG, &cur);
        if (rc == NRN_OK && cur != val[k])
            rc = nrn_section_set(m, sec, NRN_SEC_NSEG, val[k]);
        sum += val[k];
    }
    free(val);
    if (rc == NRN_OK && total)
        *total = (int)sum;
    return rc;
}
