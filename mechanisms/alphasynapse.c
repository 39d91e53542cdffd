/*
** alphasynapse.c: AlphaSynapse, a conductance g = gmax alpha((t - onset)/tau) with
** alpha(x) = x exp(1 - x) on [0, 10], evaluated at the step's midpoint (spec 4.12).
*/
#include <math.h>
#include "../src/engine/nrn_mech.h"

enum { AS_ONSET, AS_TAU, AS_GMAX, AS_E, AS_I, AS_G };

static const nrn_var_info alpha_vars[] = {
    {"onset", NRN_PARAM, "ms", 0, "start of the conductance"},
    {"tau", NRN_PARAM, "ms", 0.1, "time to peak"},
    {"gmax", NRN_PARAM, "uS", 0, "peak conductance"},
    {"e", NRN_PARAM, "mV", 0, "reversal potential"},
    {"i", NRN_ASSIGNED, "nA", 0, "synaptic current"},
    {"g", NRN_ASSIGNED, "uS", 0, "conductance"},
};

static double alpha(double x)
{
    if (x < 0 || x > 10)
        return 0;
    return x * exp(1 - x);
}

static void alpha_cur(const nrn_mech_ctx *c, nrn_mech_data *md)
{
    double **col = md->col;
    double t = c->t;
    for (int i = 0; i < md->n; i++) {
        int nd = md->node[i];
        double v = c->v[nd];
        double onset = col[AS_ONSET][i];
        nrn_at_time(c, onset);
        double g = t < onset ? 0 : col[AS_GMAX][i] * alpha((t - onset) / col[AS_TAU][i]);
        double gv = 0, r = 0;
        gv += g * ((v + .001) - col[AS_E][i]);
        col[AS_G][i] = g;
        col[AS_I][i] = g * (v - col[AS_E][i]);
        r += col[AS_I][i];
        md->g[i] = nrn_pp_current(c, nd, gv, r, 0);
    }
}

const nrn_mech_type nrn_mech_alphasynapse = {
    .name = "AlphaSynapse",
    .kind = NRN_POINT,
    .nvar = 6,
    .vars = alpha_vars,
    .cur = alpha_cur,
};
