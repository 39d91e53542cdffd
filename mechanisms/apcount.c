/*
** apcount.c: APCount counts upward crossings of thresh by v at its location (checked
** after every step with the new v) and records their times (APCount.record).
**
** Hand-written, not NMODL: apcount.mod checks after each step through `METHOD after_cvode`
** and records into a Vector through VERBATIM, neither of which the translator has.
*/
#include "../src/engine/nrn_mech.h"

enum { AP_N, AP_THRESH, AP_TIME, AP_FIRING };

static const nrn_var_info apcount_vars[] = {
    {"n", NRN_PARAM, "1", 0, "number of crossings"},
    {"thresh", NRN_PARAM, "mV", -20, "threshold"},
    {"time", NRN_PARAM, "ms", 0, "time of the last crossing"},
    {"firing", NRN_ASSIGNED, "1", 0, "1 while above threshold"},
};

/* PROCEDURE check() */
static void check(const nrn_mech_ctx *c, nrn_mech_data *md, int i)
{
    double **col = md->col;
    double v = c->v[md->node[i]];
    if (v >= col[AP_THRESH][i] && !col[AP_FIRING][i]) {
        col[AP_FIRING][i] = 1;
        col[AP_TIME][i] = c->t;
        col[AP_N][i] += 1.;
        nrn_mech_record(c, md, i, c->t);
    }
    if (col[AP_FIRING][i] && v < col[AP_THRESH][i] && c->t > col[AP_TIME][i])
        col[AP_FIRING][i] = 0;
}

static void apcount_init(const nrn_mech_ctx *c, nrn_mech_data *md)
{
    for (int i = 0; i < md->n; i++) {
        md->col[AP_N][i] = 0;
        md->col[AP_FIRING][i] = 0;
        check(c, md, i);
    }
}

static void apcount_state(const nrn_mech_ctx *c, nrn_mech_data *md)
{
    for (int i = 0; i < md->n; i++)
        check(c, md, i);
}

const nrn_mech_type nrn_mech_apcount = {
    .name = "APCount",
    .kind = NRN_POINT,
    .nvar = 4,
    .vars = apcount_vars,
    .init = apcount_init,
    .state = apcount_state,
};
