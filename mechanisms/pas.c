/*
** pas.c: the passive leak, NEURON's pas: i = g (v - e), as nocmodl translates it
** (di/dv by the finite difference at v + 0.001, like every BREAKPOINT current).
*/
#include "../src/engine/nrn_mech.h"

enum { PAS_G, PAS_E, PAS_I };

static const nrn_var_info pas_vars[] = {
    {"g", NRN_PARAM, "S/cm2", 0.001, "leak conductance"},
    {"e", NRN_PARAM, "mV", -70, "leak reversal potential"},
    {"i", NRN_ASSIGNED, "mA/cm2", 0, "leak current"},
};

static void pas_cur(const nrn_mech_ctx *c, nrn_mech_data *md)
{
    const double *g = md->col[PAS_G], *e = md->col[PAS_E];
    double *cur = md->col[PAS_I];
    const int *node = md->node;
    for (int i = 0; i < md->n; i++) {
        int nd = node[i];
        double v = c->v[nd];
        double gv = 0, r = 0;
        gv += g[i] * ((v + .001) - e[i]);
        cur[i] = g[i] * (v - e[i]);
        r += cur[i];
        double gg = (gv - r) / .001;
        md->g[i] = gg;
        c->rhs[nd] -= r;
        c->d[nd] += gg;
    }
}

const nrn_mech_type nrn_mech_pas = {
    .name = "pas",
    .kind = NRN_DENSITY,
    .nvar = 3,
    .vars = pas_vars,
    .cur = pas_cur,
};
