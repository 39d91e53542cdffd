/*
** expsyn.c: ExpSyn, a synapse whose conductance jumps by the NetCon weight and decays
** with time constant tau: g' = -g/tau (cnexp, literal form), i = g (v - e) nA (spec 4.7).
*/
#include <math.h>
#include "../src/engine/nrn_mech.h"

enum { ES_TAU, ES_E, ES_I, ES_G };

static const nrn_var_info expsyn_vars[] = {
    {"tau", NRN_PARAM, "ms", 0.1, "decay time constant"},
    {"e", NRN_PARAM, "mV", 0, "reversal potential"},
    {"i", NRN_ASSIGNED, "nA", 0, "synaptic current"},
    {"g", NRN_STATE, "uS", 0, "conductance"},
};

static void expsyn_init(const nrn_mech_ctx *c, nrn_mech_data *md)
{
    (void)c;
    for (int i = 0; i < md->n; i++)
        md->col[ES_G][i] = 0;
}

static void expsyn_cur(const nrn_mech_ctx *c, nrn_mech_data *md)
{
    const double *g = md->col[ES_G], *e = md->col[ES_E];
    double *cur = md->col[ES_I];
    for (int i = 0; i < md->n; i++) {
        int nd = md->node[i];
        double v = c->v[nd];
        double gv = 0, r = 0;
        gv += g[i] * ((v + .001) - e[i]);
        cur[i] = g[i] * (v - e[i]);
        r += cur[i];
        md->g[i] = nrn_pp_current(c, nd, gv, r, 0);
    }
}

static void expsyn_state(const nrn_mech_ctx *c, nrn_mech_data *md)
{
    double *g = md->col[ES_G];
    const double *tau = md->col[ES_TAU];
    for (int i = 0; i < md->n; i++)
        g[i] = g[i] + (1. - nrn_exp(c->dt * ((-1.0) / tau[i]))) * (-(0.0) / ((-1.0) / tau[i]) - g[i]);
}

static void expsyn_receive(const nrn_mech_ctx *c, nrn_mech_data *md, int inst, double *w,
                           double flag)
{
    (void)c;
    (void)flag;
    md->col[ES_G][inst] = md->col[ES_G][inst] + w[0];
}

static void expsyn_ode_spec(const nrn_mech_ctx *c, nrn_mech_data *md, double **out)
{
    (void)c;
    for (int i = 0; i < md->n; i++)
        out[0][i] = -md->col[ES_G][i] / md->col[ES_TAU][i];
}

static void expsyn_ode_matsol(const nrn_mech_ctx *c, nrn_mech_data *md, double gamma, double **b)
{
    (void)c;
    for (int i = 0; i < md->n; i++)
        b[0][i] /= 1.0 - gamma * (-1.0 / md->col[ES_TAU][i]);
}

static const int expsyn_states[] = { ES_G };

const nrn_mech_type nrn_mech_expsyn = {
    .name = "ExpSyn",
    .kind = NRN_POINT,
    .nvar = 4,
    .vars = expsyn_vars,
    .init = expsyn_init,
    .cur = expsyn_cur,
    .state = expsyn_state,
    .nstate = 1,
    .state_vars = expsyn_states,
    .ode_spec = expsyn_ode_spec,
    .ode_matsol = expsyn_ode_matsol,
    .net_receive = expsyn_receive,
    .nweight = 1,
};
