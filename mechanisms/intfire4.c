/*
** intfire4.c: IntFire4, an artificial cell with a fast excitatory current (taue), an
** alpha-like inhibitory current (taui1, taui2) and a slow membrane (taum), all solved
** analytically between events; the firing time is approached by successive self events
** at a lower bound (NEURON's intfire4.mod and its proof of the bound).
**
** Still hand-written: intfire4.mod (FUNCTIONs and PROCEDUREs only, no VERBATIM) looks
** translatable, but has not been written as our own .mod and checked against this file's
** numbers yet.
*/
#include <math.h>
#include "../src/engine/nrn_mech.h"

enum { F4_TAUE, F4_TAUI1, F4_TAUI2, F4_TAUM, F4_IB, F4_E, F4_I1, F4_I2, F4_M, F4_ENEW, F4_I1NEW,
       F4_I2NEW, F4_MNEW, F4_T0, F4_NSELF, F4_NEXCITE, F4_NINHIBIT, F4_KE, F4_KI1, F4_KI2, F4_KM,
       F4_AE, F4_AI1, F4_AI2, F4_BE, F4_BI1, F4_BI2, F4_A, F4_B, F4_NVAR };

static const nrn_var_info intfire4_vars[F4_NVAR] = {
    {"taue", NRN_PARAM, "ms", 5, "excitatory current time constant"},
    {"taui1", NRN_PARAM, "ms", 10, "inhibitory rise time constant"},
    {"taui2", NRN_PARAM, "ms", 20, "inhibitory decay time constant"},
    {"taum", NRN_PARAM, "ms", 50, "membrane time constant"},
    {"ib", NRN_PARAM, "1", 0, "unused bias (kept from the NMODL source)"},
    {"e", NRN_ASSIGNED, "1", 0, "excitatory current"},
    {"i1", NRN_ASSIGNED, "1", 0, "inhibitory first stage"},
    {"i2", NRN_ASSIGNED, "1", 0, "inhibitory current"},
    {"m", NRN_ASSIGNED, "1", 0, "membrane state"},
    {"enew", NRN_ASSIGNED, "1", 0, ""}, {"i1new", NRN_ASSIGNED, "1", 0, ""},
    {"i2new", NRN_ASSIGNED, "1", 0, ""}, {"mnew", NRN_ASSIGNED, "1", 0, ""},
    {"t0", NRN_ASSIGNED, "ms", 0, "time of the last update"},
    {"nself", NRN_ASSIGNED, "1", 0, "self events received"},
    {"nexcite", NRN_ASSIGNED, "1", 0, "excitatory events received"},
    {"ninhibit", NRN_ASSIGNED, "1", 0, "inhibitory events received"},
    {"ke", NRN_ASSIGNED, "1/ms", 0, ""}, {"ki1", NRN_ASSIGNED, "1/ms", 0, ""},
    {"ki2", NRN_ASSIGNED, "1/ms", 0, ""}, {"km", NRN_ASSIGNED, "1/ms", 0, ""},
    {"ae", NRN_ASSIGNED, "1/ms", 0, ""}, {"ai1", NRN_ASSIGNED, "1/ms", 0, ""},
    {"ai2", NRN_ASSIGNED, "1/ms", 0, ""}, {"be", NRN_ASSIGNED, "1", 0, ""},
    {"bi1", NRN_ASSIGNED, "1", 0, ""}, {"bi2", NRN_ASSIGNED, "1", 0, ""},
    {"a", NRN_ASSIGNED, "1", 0, ""}, {"b", NRN_ASSIGNED, "1", 0, ""},
};

static const nrn_global_info intfire4_globals[] = {
    {"eps_IntFire4", "1", 1e-6, "firing tolerance: fire when m > 1 - eps", 0},
};

#define C(k) col[k][i]

/* PROCEDURE newstates(d) */
static void newstates(double *const *col, int i, double d)
{
    double ee = exp(-C(F4_KE) * d);
    double ei1 = exp(-C(F4_KI1) * d);
    double ei2 = exp(-C(F4_KI2) * d);
    double em = exp(-C(F4_KM) * d);
    C(F4_ENEW) = C(F4_E) * ee;
    C(F4_I1NEW) = C(F4_I1) * ei1;
    C(F4_I2NEW) = C(F4_I2) * ei2 + C(F4_BI1) * C(F4_I1) * (ei2 - ei1);
    C(F4_MNEW) = C(F4_M) * em + C(F4_BE) * C(F4_E) * (em - ee) +
                 (C(F4_BI2) * C(F4_I2) + C(F4_A) * C(F4_I1)) * (em - ei2) -
                 C(F4_B) * C(F4_I1) * (em - ei1);
}

/* PROCEDURE update() */
static void update(double *const *col, int i, double t)
{
    C(F4_E) = C(F4_ENEW);
    C(F4_I1) = C(F4_I1NEW);
    C(F4_I2) = C(F4_I2NEW);
    C(F4_M) = C(F4_MNEW);
    C(F4_T0) = t;
}

/* FUNCTION deriv(d): proportional to dm/dt of the normalization solution. */
static double deriv(double *const *col, int i, double d)
{
    return -C(F4_KM) * (C(F4_KI1) - C(F4_KI2)) * exp(-C(F4_KM) * d) +
           C(F4_KI2) * (C(F4_KI1) - C(F4_KM)) * exp(-C(F4_KI2) * d) -
           C(F4_KI1) * (C(F4_KI2) - C(F4_KM)) * exp(-C(F4_KI1) * d);
}

/* FUNCTION search(): the zero of deriv by bisection. */
static double search(double *const *col, int i)
{
    double ki1 = C(F4_KI1), ki2 = C(F4_KI2), km = C(F4_KM), s = 0;
    double t1 = -log(ki1 * (ki2 - km) / ki2 / (ki1 - km)) / (ki1 - ki2);
    if (deriv(col, i, t1) < 0)
        t1 = log(ki1 / ki2) / (ki1 - ki2);
    double t2 = log(km * (ki1 - ki2) / ki2 / (ki1 - km)) / (km - ki2);
    while (t2 - t1 > 1e-6) {
        s = (t1 + t2) / 2;
        if (deriv(col, i, s) > 0)
            t1 = s;
        else
            t2 = s;
    }
    return s;
}

/* PROCEDURE factors(): rate constants and normalizations. */
static void factors(double *const *col, int i)
{
    if (C(F4_TAUE) >= C(F4_TAUI1))
        C(F4_TAUI1) = C(F4_TAUE) + .01;
    if (C(F4_TAUI1) >= C(F4_TAUI2))
        C(F4_TAUI2) = C(F4_TAUI1) + .01;
    if (C(F4_TAUI2) >= C(F4_TAUM))
        C(F4_TAUM) = C(F4_TAUI2) + .01;
    C(F4_KE) = 1 / C(F4_TAUE);
    C(F4_KI1) = 1 / C(F4_TAUI1);
    C(F4_KI2) = 1 / C(F4_TAUI2);
    C(F4_KM) = 1 / C(F4_TAUM);
    double ke = C(F4_KE), ki1 = C(F4_KI1), ki2 = C(F4_KI2), km = C(F4_KM);
    double tp = log(km / ke) / (km - ke);
    C(F4_BE) = 1 / (exp(-km * tp) - exp(-ke * tp));
    C(F4_AE) = C(F4_BE) * (ke - km);
    tp = log(ki2 / ki1) / (ki2 - ki1);
    C(F4_BI1) = 1 / (exp(-ki2 * tp) - exp(-ki1 * tp));
    C(F4_AI1) = C(F4_BI1) * (ki1 - ki2);
    C(F4_E) = 0;
    C(F4_I1) = 1;
    C(F4_I2) = 0;
    C(F4_M) = 0;
    C(F4_BI2) = 1;
    C(F4_AI2) = C(F4_BI2) * (ki2 - km);
    C(F4_A) = C(F4_BI2) * C(F4_BI1);
    C(F4_B) = C(F4_A) * (ki2 - km) / (ki1 - km);
    tp = search(col, i);
    newstates(col, i, tp);
    C(F4_BI2) = 1 / C(F4_MNEW);
    C(F4_AI2) = C(F4_BI2) * (ki2 - km);
    C(F4_A) = C(F4_BI2) * C(F4_BI1);
    C(F4_B) = C(F4_A) * (ki2 - km) / (ki1 - km);
    newstates(col, i, tp);
    C(F4_I1) = 0;
}

/* FUNCTION firetimebound(): a lower bound of the time to firing. */
static double firetimebound(double *const *col, int i)
{
    double slope = -C(F4_KM) * C(F4_M) + C(F4_AE) * C(F4_E) + C(F4_AI2) * C(F4_I2);
    if (slope <= 1e-9)
        return 1e9;
    return (1 - C(F4_M)) / slope;
}

static void intfire4_init(const nrn_mech_ctx *c, nrn_mech_data *md)
{
    double **col = md->col;
    for (int i = 0; i < md->n; i++) {
        factors(col, i);
        C(F4_E) = 0;
        C(F4_I1) = 0;
        C(F4_I2) = 0;
        C(F4_M) = 0;
        C(F4_T0) = c->t;
        nrn_net_send(c, md, i, firetimebound(col, i), 1);
        C(F4_NSELF) = 0;
        C(F4_NEXCITE) = 0;
        C(F4_NINHIBIT) = 0;
    }
}

static void intfire4_receive(const nrn_mech_ctx *c, nrn_mech_data *md, int i, double *w,
                             double flag)
{
    double **col = md->col;
    double t = c->t;
    newstates(col, i, t - C(F4_T0));
    update(col, i, t);
    if (C(F4_M) > 1 - md->gvals[0]) {
        nrn_net_event(c, md, i, t);
        C(F4_M) = 0;
    }
    if (flag == 1) {
        C(F4_NSELF) = C(F4_NSELF) + 1;
        nrn_net_send(c, md, i, firetimebound(col, i), 1);
    } else {
        if (w[0] > 0) {
            C(F4_NEXCITE) = C(F4_NEXCITE) + 1;
            C(F4_E) = C(F4_E) + w[0];
        } else {
            C(F4_NINHIBIT) = C(F4_NINHIBIT) + 1;
            C(F4_I1) = C(F4_I1) + w[0];
        }
        nrn_net_move(c, md, i, firetimebound(col, i) + t);
    }
}

const nrn_mech_type nrn_mech_intfire4 = {
    .name = "IntFire4",
    .kind = NRN_ARTCELL,
    .nvar = F4_NVAR,
    .vars = intfire4_vars,
    .nglobal = 1,
    .globals = intfire4_globals,
    .init = intfire4_init,
    .net_receive = intfire4_receive,
    .nweight = 1,
};
