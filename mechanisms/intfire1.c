/*
** intfire1.c: IntFire1, a leaky integrate-and-fire artificial cell: m decays with tau
** between events, jumps by the weight, fires when it exceeds 1, then is refractory
** for refrac ms (spec 4.13).
*/
#include <math.h>
#include "../src/engine/nrn_mech.h"

enum { IF1_TAU, IF1_REFRAC, IF1_M, IF1_T0, IF1_REFRACTORY };

static const nrn_var_info intfire1_vars[] = {
    {"tau", NRN_PARAM, "ms", 10, "membrane time constant"},
    {"refrac", NRN_PARAM, "ms", 5, "refractory period"},
    {"m", NRN_ASSIGNED, "1", 0, "membrane state at t0"},
    {"t0", NRN_ASSIGNED, "ms", 0, "time of the last update"},
    {"refractory", NRN_ASSIGNED, "1", 0, "1 while refractory"},
};

static void intfire1_init(const nrn_mech_ctx *c, nrn_mech_data *md)
{
    for (int i = 0; i < md->n; i++) {
        md->col[IF1_M][i] = 0;
        md->col[IF1_T0][i] = c->t;
        md->col[IF1_REFRACTORY][i] = 0;
    }
}

static void intfire1_receive(const nrn_mech_ctx *c, nrn_mech_data *md, int i, double *w,
                             double flag)
{
    double **col = md->col;
    double t = c->t;
    if (col[IF1_REFRACTORY][i] == 0) {
        col[IF1_M][i] = col[IF1_M][i] * exp(-(t - col[IF1_T0][i]) / col[IF1_TAU][i]);
        col[IF1_T0][i] = t;
        col[IF1_M][i] = col[IF1_M][i] + w[0];
        if (col[IF1_M][i] > 1) {
            col[IF1_REFRACTORY][i] = 1;
            col[IF1_M][i] = 2;
            nrn_net_send(c, md, i, col[IF1_REFRAC][i], col[IF1_REFRACTORY][i]);
            nrn_net_event(c, md, i, t);
        }
    } else if (flag == 1) {
        col[IF1_T0][i] = t;
        col[IF1_REFRACTORY][i] = 0;
        col[IF1_M][i] = 0;
    }
}

const nrn_mech_type nrn_mech_intfire1 = {
    .name = "IntFire1",
    .kind = NRN_ARTCELL,
    .nvar = 5,
    .vars = intfire1_vars,
    .init = intfire1_init,
    .net_receive = intfire1_receive,
    .nweight = 1,
};
