/*
** seclamp.c: SEClamp, the single-electrode voltage clamp: three levels amp1..3 for
** dur1..3, series resistance rs; i = (vc - v)/rs into the cell. The current is
** recomputed with the new v after each step, so the recorded i is the one at t (4.10).
**
** Hand-written, not NMODL: svclmp.mod recomputes its current after each step through
** `SOLVE ... METHOD after_cvode`, a method the translator does not have yet.
*/
#include "../src/engine/nrn_mech.h"

enum { SE_RS, SE_DUR1, SE_AMP1, SE_DUR2, SE_AMP2, SE_DUR3, SE_AMP3, SE_I, SE_VC, SE_TC2,
       SE_TC3, SE_ON };

static const nrn_var_info seclamp_vars[] = {
    {"rs", NRN_PARAM, "megohm", 1, "series resistance"},
    {"dur1", NRN_PARAM, "ms", 0, "duration of level 1"},
    {"amp1", NRN_PARAM, "mV", 0, "level 1"},
    {"dur2", NRN_PARAM, "ms", 0, "duration of level 2"},
    {"amp2", NRN_PARAM, "mV", 0, "level 2"},
    {"dur3", NRN_PARAM, "ms", 0, "duration of level 3"},
    {"amp3", NRN_PARAM, "mV", 0, "level 3"},
    {"i", NRN_ASSIGNED, "nA", 0, "clamp current (positive into the cell)"},
    {"vc", NRN_ASSIGNED, "mV", 0, "command voltage"},
    {"tc2", NRN_ASSIGNED, "ms", 0, "end of level 2"},
    {"tc3", NRN_ASSIGNED, "ms", 0, "end of level 3"},
    {"on", NRN_ASSIGNED, "1", 0, "1 while clamping"},
};

static void seclamp_init(const nrn_mech_ctx *c, nrn_mech_data *md)
{
    (void)c;
    double **col = md->col;
    for (int i = 0; i < md->n; i++) {
        col[SE_TC2][i] = col[SE_DUR1][i] + col[SE_DUR2][i];
        col[SE_TC3][i] = col[SE_TC2][i] + col[SE_DUR3][i];
        col[SE_ON][i] = 0;
    }
}

/* PROCEDURE icur(): i from the command and v. */
static double icur(double *const *col, int i, double v)
{
    return col[SE_ON][i] != 0 ? (col[SE_VC][i] - v) / col[SE_RS][i] : 0;
}

/* PROCEDURE vstim(): the command level at time t. */
static void vstim(double *const *col, int i, double t)
{
    col[SE_ON][i] = 1;
    if (t < col[SE_DUR1][i])
        col[SE_VC][i] = col[SE_AMP1][i];
    else if (t < col[SE_TC2][i])
        col[SE_VC][i] = col[SE_AMP2][i];
    else if (t < col[SE_TC3][i])
        col[SE_VC][i] = col[SE_AMP3][i];
    else {
        col[SE_VC][i] = 0;
        col[SE_ON][i] = 0;
    }
}

static void seclamp_cur(const nrn_mech_ctx *c, nrn_mech_data *md)
{
    double **col = md->col;
    for (int i = 0; i < md->n; i++) {
        int nd = md->node[i];
        double v = c->v[nd];
        double gv = 0, r = 0;
        nrn_at_time(c, col[SE_DUR1][i]); /* vstim's at_time calls */
        nrn_at_time(c, col[SE_TC2][i]);
        nrn_at_time(c, col[SE_TC3][i]);
        vstim(col, i, c->t);
        col[SE_I][i] = icur(col, i, v + .001);
        gv += col[SE_I][i];
        vstim(col, i, c->t);
        col[SE_I][i] = icur(col, i, v);
        r += col[SE_I][i];
        md->g[i] = nrn_pp_current(c, nd, gv, r, 1);
    }
}

static void seclamp_state(const nrn_mech_ctx *c, nrn_mech_data *md)
{
    for (int i = 0; i < md->n; i++)
        md->col[SE_I][i] = icur(md->col, i, c->v[md->node[i]]);
}

const nrn_mech_type nrn_mech_seclamp = {
    .name = "SEClamp",
    .kind = NRN_POINT,
    .nvar = 12,
    .vars = seclamp_vars,
    .electrode = 1,
    .init = seclamp_init,
    .cur = seclamp_cur,
    .state = seclamp_state,
};
