/*
** vclamp.c: VClamp, the two-electrode voltage clamp with three levels (dur0..2,
** amp0..2; also dur[k], amp[k] in paths): a control amplifier of the given gain and
** time constants whose three internal voltages (e, vo, vi) are solved implicitly from
** a linear system every time the current is evaluated (spec 4.11, vclmp.mod).
**
** Hand-written, not NMODL: vclmp.mod updates through `SOLVE ... METHOD after_cvode` and
** solves its amplifier as a LINEAR block SOLVEd from a FUNCTION, neither of which the
** translator has yet.
*/
#include <math.h>
#include "../src/engine/nrn_mech.h"

enum { VC_DUR0, VC_DUR1, VC_DUR2, VC_AMP0, VC_AMP1, VC_AMP2, VC_GAIN, VC_RSTIM, VC_TAU1,
       VC_TAU2, VC_E0, VC_VO0, VC_VI0, VC_FAC, VC_I, VC_STIM, VC_TC, VC_E, VC_VO, VC_VI, VC_NVAR };

static const nrn_var_info vclamp_vars[VC_NVAR] = {
    {"dur0", NRN_PARAM, "ms", 0, "duration of level 0"},
    {"dur1", NRN_PARAM, "ms", 0, "duration of level 1"},
    {"dur2", NRN_PARAM, "ms", 0, "duration of level 2"},
    {"amp0", NRN_PARAM, "mV", 0, "level 0"},
    {"amp1", NRN_PARAM, "mV", 0, "level 1"},
    {"amp2", NRN_PARAM, "mV", 0, "level 2"},
    {"gain", NRN_PARAM, "1", 1e5, "amplifier gain"},
    {"rstim", NRN_PARAM, "megohm", 1, "electrode resistance"},
    {"tau1", NRN_PARAM, "ms", .001, "input amplifier time constant"},
    {"tau2", NRN_PARAM, "ms", 0, "control amplifier time constant"},
    {"e0", NRN_ASSIGNED, "mV", 0, "e at the last step"},
    {"vo0", NRN_ASSIGNED, "mV", 0, "vo at the last step"},
    {"vi0", NRN_ASSIGNED, "mV", 0, "vi at the last step"},
    {"fac", NRN_PARAM, "1", 0, "feedback fraction"},
    {"i", NRN_ASSIGNED, "nA", 0, "clamp current (positive into the cell)"},
    {"stim", NRN_ASSIGNED, "mV", 0, "command voltage"},
    {"tc", NRN_ASSIGNED, "ms", 0, "end of the clamp"},
    {"e", NRN_STATE, "mV", 0, "amplifier input"},
    {"vo", NRN_STATE, "mV", 0, "amplifier output"},
    {"vi", NRN_STATE, "mV", 0, "measured voltage"},
};

#define C(k) col[k][i]

/* PROCEDURE vstim(): the command at t and the end of the clamp. */
static void vstim(double *const *col, int i, double t)
{
    C(VC_TC) = 0;
    for (int j = 0; j < 3; j++) {
        C(VC_STIM) = col[VC_AMP0 + j][i];
        C(VC_TC) = C(VC_TC) + col[VC_DUR0 + j][i];
        if (t < C(VC_TC)) {
            C(VC_TC) = C(VC_TC) + 100;
            break;
        }
    }
}

/*
** LINEAR clamp: the three amplifier equations, rows in the order written in vclmp.mod and
** unknowns in their order of appearance (vi, vo, e), solved by Gaussian elimination with
** partial pivoting. NEURON's elimination order differs in the last bits; because the gain
** (1e5) amplifies them, the amplifier's internal voltages and i agree with NEURON to about
** 1e-6 relative while v agrees to better than 1e-9 mV (tests/golden/vclamp).
*/
static void clamp(double *const *col, int i, double v, double dt)
{
    double t1 = C(VC_TAU1) / dt, t2 = C(VC_TAU2) / dt, fac = C(VC_FAC), gain = C(VC_GAIN);
    double a[3][4] = {
        {1, -fac, 0, v - fac * v},
        {0, t2 + 1, gain, t2 * C(VC_VO0)},
        {1 + t1, 0, -2 - t1, C(VC_STIM) + t1 * (C(VC_VI0) - C(VC_E0))},
    };
    int perm[3] = { 0, 1, 2 };
    for (int j = 0; j < 3; j++) {
        double pivot = 0;
        int ip = j;
        for (int r = j; r < 3; r++)
            if (fabs(a[perm[r]][j]) > pivot) {
                pivot = fabs(a[perm[r]][j]);
                ip = r;
            }
        int tmp = perm[j];
        perm[j] = perm[ip];
        perm[ip] = tmp;
        for (int r = j + 1; r < 3; r++) {
            if (a[perm[r]][j] == 0)
                continue;
            double f = a[perm[r]][j] / a[perm[j]][j];
            for (int k = j + 1; k < 4; k++)
                a[perm[r]][k] -= f * a[perm[j]][k];
        }
    }
    double x[3];
    for (int r = 2; r >= 0; r--) {
        x[r] = a[perm[r]][3];
        for (int k = r + 1; k < 3; k++)
            x[r] -= a[perm[r]][k] * x[k];
        x[r] /= a[perm[r]][r];
    }
    C(VC_VI) = x[0];
    C(VC_VO) = x[1];
    C(VC_E) = x[2];
}

/* FUNCTION icur() */
static double icur(double *const *col, int i, double v, double t, double dt)
{
    if (t > C(VC_TC)) {
        C(VC_E0) = 0;
        C(VC_VO0) = 0;
        return 0;
    }
    clamp(col, i, v, dt);
    return (C(VC_VO) - v) / C(VC_RSTIM);
}

static void vclamp_init(const nrn_mech_ctx *c, nrn_mech_data *md)
{
    double **col = md->col;
    for (int i = 0; i < md->n; i++) {
        double v = c->v[md->node[i]];
        C(VC_E0) = 0;
        C(VC_VO) = v;
        C(VC_VO0) = v;
        C(VC_VI) = v;
        C(VC_VI0) = v;
        C(VC_E) = 0;
    }
}

static void vclamp_cur(const nrn_mech_ctx *c, nrn_mech_data *md)
{
    double **col = md->col;
    for (int i = 0; i < md->n; i++) {
        int nd = md->node[i];
        double v = c->v[nd];
        double gv = 0, r = 0;
        nrn_at_time(c, C(VC_DUR0)); /* the level changes (variable step) */
        nrn_at_time(c, C(VC_DUR0) + C(VC_DUR1));
        nrn_at_time(c, C(VC_DUR0) + C(VC_DUR1) + C(VC_DUR2));
        vstim(col, i, c->t);
        C(VC_I) = icur(col, i, v + .001, c->t, c->dt);
        gv += C(VC_I);
        vstim(col, i, c->t);
        C(VC_I) = icur(col, i, v, c->t, c->dt);
        r += C(VC_I);
        md->g[i] = nrn_pp_current(c, nd, gv, r, 1);
    }
}

/* PROCEDURE update(), run after the voltage update with the new v. */
static void vclamp_state(const nrn_mech_ctx *c, nrn_mech_data *md)
{
    double **col = md->col;
    for (int i = 0; i < md->n; i++) {
        C(VC_I) = icur(col, i, c->v[md->node[i]], c->t, c->dt);
        C(VC_E0) = C(VC_E);
        C(VC_VO0) = C(VC_VO);
        C(VC_VI0) = C(VC_VI);
    }
}

const nrn_mech_type nrn_mech_vclamp = {
    .name = "VClamp",
    .kind = NRN_POINT,
    .nvar = VC_NVAR,
    .vars = vclamp_vars,
    .electrode = 1,
    .init = vclamp_init,
    .cur = vclamp_cur,
    .state = vclamp_state,
};
