/*
** exp2syn.c: Exp2Syn, a two-exponential synapse: A' = -A/tau1, B' = -B/tau2,
** g = B - A, normalized so one event of weight w peaks at w (spec 4.8).
*/
#include <math.h>
#include "../src/engine/nrn_mech.h"

enum { E2_TAU1, E2_TAU2, E2_E, E2_I, E2_G, E2_FACTOR, E2_A, E2_B };

static const nrn_var_info exp2syn_vars[] = {
    {"tau1", NRN_PARAM, "ms", 0.1, "rise time constant"},
    {"tau2", NRN_PARAM, "ms", 10, "decay time constant"},
    {"e", NRN_PARAM, "mV", 0, "reversal potential"},
    {"i", NRN_ASSIGNED, "nA", 0, "synaptic current"},
    {"g", NRN_ASSIGNED, "uS", 0, "conductance"},
    {"factor", NRN_ASSIGNED, "1", 0, "normalization of the peak"},
    {"A", NRN_STATE, "uS", 0, "rising component"},
    {"B", NRN_STATE, "uS", 0, "decaying component"},
};

static void exp2syn_init(const nrn_mech_ctx *c, nrn_mech_data *md)
{
    (void)c;
    double **col = md->col;
    for (int i = 0; i < md->n; i++) {
        double tau1 = col[E2_TAU1][i], tau2 = col[E2_TAU2][i];
        if (tau1 / tau2 > .9999)
            tau1 = col[E2_TAU1][i] = .9999 * tau2;
        if (tau1 / tau2 < 1e-9)
            tau1 = col[E2_TAU1][i] = tau2 * 1e-9;
        col[E2_A][i] = 0;
        col[E2_B][i] = 0;
        double tp = (tau1 * tau2) / (tau2 - tau1) * log(tau2 / tau1);
        double factor = -nrn_exp(-tp / tau1) + nrn_exp(-tp / tau2);
        col[E2_FACTOR][i] = 1 / factor;
    }
}

static void exp2syn_cur(const nrn_mech_ctx *c, nrn_mech_data *md)
{
    double **col = md->col;
    for (int i = 0; i < md->n; i++) {
        int nd = md->node[i];
        double v = c->v[nd];
        double gv = 0, r = 0;
        col[E2_G][i] = col[E2_B][i] - col[E2_A][i];
        gv += col[E2_G][i] * ((v + .001) - col[E2_E][i]);
        col[E2_I][i] = col[E2_G][i] * (v - col[E2_E][i]);
        r += col[E2_I][i];
        md->g[i] = nrn_pp_current(c, nd, gv, r, 0);
    }
}

static void exp2syn_state(const nrn_mech_ctx *c, nrn_mech_data *md)
{
    double *A = md->col[E2_A], *B = md->col[E2_B];
    const double *tau1 = md->col[E2_TAU1], *tau2 = md->col[E2_TAU2];
    double dt = c->dt;
    for (int i = 0; i < md->n; i++) {
        A[i] = A[i] + (1. - nrn_exp(dt * ((-1.0) / tau1[i]))) * (-(0.0) / ((-1.0) / tau1[i]) - A[i]);
        B[i] = B[i] + (1. - nrn_exp(dt * ((-1.0) / tau2[i]))) * (-(0.0) / ((-1.0) / tau2[i]) - B[i]);
    }
}

static void exp2syn_receive(const nrn_mech_ctx *c, nrn_mech_data *md, int inst, double *w,
                            double flag)
{
    (void)c;
    (void)flag;
    double f = md->col[E2_FACTOR][inst];
    md->col[E2_A][inst] = md->col[E2_A][inst] + w[0] * f;
    md->col[E2_B][inst] = md->col[E2_B][inst] + w[0] * f;
}

static void exp2syn_ode_spec(const nrn_mech_ctx *c, nrn_mech_data *md, double **out)
{
    (void)c;
    for (int i = 0; i < md->n; i++) {
        out[0][i] = -md->col[E2_A][i] / md->col[E2_TAU1][i];
        out[1][i] = -md->col[E2_B][i] / md->col[E2_TAU2][i];
    }
}

static void exp2syn_ode_matsol(const nrn_mech_ctx *c, nrn_mech_data *md, double gamma, double **b)
{
    (void)c;
    for (int i = 0; i < md->n; i++) {
        b[0][i] /= 1.0 - gamma * (-1.0 / md->col[E2_TAU1][i]);
        b[1][i] /= 1.0 - gamma * (-1.0 / md->col[E2_TAU2][i]);
    }
}

static const int exp2syn_states[] = { E2_A, E2_B };

const nrn_mech_type nrn_mech_exp2syn = {
    .name = "Exp2Syn",
    .kind = NRN_POINT,
    .nvar = 8,
    .vars = exp2syn_vars,
    .init = exp2syn_init,
    .cur = exp2syn_cur,
    .state = exp2syn_state,
    .nstate = 2,
    .state_vars = exp2syn_states,
    .ode_spec = exp2syn_ode_spec,
    .ode_matsol = exp2syn_ode_matsol,
    .net_receive = exp2syn_receive,
    .nweight = 1,
};
