/*
** iclamp.c: IClamp, a current pulse (nA, positive into the cell) on during
** del <= t < del + dur, evaluated at the step's midpoint (spec 4.6). An electrode
** current: it adds to the right-hand side with the opposite sign of a membrane current,
** scaled by 100/area so the node equation stays in mA/cm2 (nA at zero-area nodes).
*/
#include "../src/engine/nrn_mech.h"

enum { IC_DEL, IC_DUR, IC_AMP, IC_I };

static const nrn_var_info iclamp_vars[] = {
    {"del", NRN_PARAM, "ms", 0, "onset (also called delay)"},
    {"dur", NRN_PARAM, "ms", 0, "duration"},
    {"amp", NRN_PARAM, "nA", 0, "amplitude"},
    {"i", NRN_ASSIGNED, "nA", 0, "current injected"},
};

static void iclamp_init(const nrn_mech_ctx *c, nrn_mech_data *md)
{
    (void)c;
    for (int i = 0; i < md->n; i++)
        md->col[IC_I][i] = 0;
}

static void iclamp_cur(const nrn_mech_ctx *c, nrn_mech_data *md)
{
    const double *del = md->col[IC_DEL], *dur = md->col[IC_DUR], *amp = md->col[IC_AMP];
    double *cur = md->col[IC_I];
    double t = c->t;
    for (int i = 0; i < md->n; i++) {
        int nd = md->node[i];
        nrn_at_time(c, del[i]);
        nrn_at_time(c, del[i] + dur[i]);
        double on = (t < del[i] + dur[i] && t >= del[i]) ? amp[i] : 0;
        double gv = 0, r = 0;
        gv += on;
        cur[i] = on;
        r += on;
        md->g[i] = nrn_pp_current(c, nd, gv, r, 1);
    }
}

const nrn_mech_type nrn_mech_iclamp = {
    .name = "IClamp",
    .kind = NRN_POINT,
    .nvar = 4,
    .vars = iclamp_vars,
    .electrode = 1,
    .init = iclamp_init,
    .cur = iclamp_cur,
};
