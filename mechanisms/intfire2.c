/*
** intfire2.c: IntFire2, an integrate-and-fire artificial cell driven by a synaptic
** current that decays with taus (plus a bias ib) through a membrane with taum < taus.
** The firing time is found by Newton's method on the analytic solution and kept as a
** self event that later inputs move (net_move), as in NEURON's intfire2.mod.
*/
#include <math.h>
#include <stdio.h>
#include "../src/engine/nrn_mech.h"

enum { IF2_TAUS, IF2_TAUM, IF2_IB, IF2_I, IF2_M, IF2_T0 };

static const nrn_var_info intfire2_vars[] = {
    {"taus", NRN_PARAM, "ms", 20, "synaptic current time constant"},
    {"taum", NRN_PARAM, "ms", 10, "membrane time constant (< taus)"},
    {"ib", NRN_PARAM, "1", 0, "bias current"},
    {"i", NRN_ASSIGNED, "1", 0, "synaptic current at t0"},
    {"m", NRN_ASSIGNED, "1", 0, "membrane state at t0"},
    {"t0", NRN_ASSIGNED, "ms", 0, "time of the last update"},
};

/* Solves 1 = a + b x^r + c x for x in (0, 1], starting from x. */
static double newton1(double a, double b, double c, double r, double x)
{
    double dx = 1, f = 0;
    int iter = 0;
    while (fabs(dx) > 1e-6 || fabs(f - 1) > 1e-6) {
        f = a + b * pow(x, r) + c * x;
        double df = r * b * pow(x, r - 1) + c;
        dx = (1 - f) / df;
        x = x + dx;
        if (x <= 0)
            x = 1e-4;
        else if (x > 1)
            x = 1;
        iter = iter + 1;
        if (iter > 10) {
            f = 1;
            dx = 0;
        }
    }
    return x;
}

/* Time until 1 = a + b exp(-t/taus) + (c - a - b) exp(-t/taum), or 1e9 if never. */
static double firetime(double taus, double taum, double a, double b, double c)
{
    double r = taum / taus;
    if (a <= 1 && a + b <= 1)
        return 1e9;
    if (a > 1 && b <= 0) {
        double cab = c - a - b;
        double m = r * b + cab;
        if (m >= 0)
            return -taus * log(newton1(a, cab, b, 1 / r, 0));
        double x = (1 - c + m) / m;
        if (x <= 0)
            return -taus * log(newton1(a, cab, b, 1 / r, 0));
        return -taum * log(newton1(a, b, cab, r, x));
    }
    double cab = c - a - b;
    double x = pow(-cab / (r * b), 1 / (r - 1));
    double f = a + b * pow(x, r) + cab * x;
    if (x >= 1 || f <= 1)
        return 1e9;
    double m = r * b + cab;
    x = (1 - c + m) / m;
    return -taum * log(newton1(a, b, cab, r, x));
}

static void intfire2_init(const nrn_mech_ctx *c, nrn_mech_data *md)
{
    double **col = md->col;
    for (int i = 0; i < md->n; i++) {
        col[IF2_I][i] = col[IF2_IB][i];
        col[IF2_M][i] = 0;
        if (col[IF2_TAUS][i] <= col[IF2_TAUM][i])
            col[IF2_TAUS][i] = col[IF2_TAUM][i] + .1;
        col[IF2_T0][i] = c->t;
        nrn_net_send(c, md, i, firetime(col[IF2_TAUS][i], col[IF2_TAUM][i], col[IF2_IB][i], 0, 0),
                     1);
    }
}

static void intfire2_receive(const nrn_mech_ctx *c, nrn_mech_data *md, int i, double *w,
                             double flag)
{
    double **col = md->col;
    double t = c->t, taus = col[IF2_TAUS][i], taum = col[IF2_TAUM][i], ib = col[IF2_IB][i];
    double f = taus / (taus - taum);
    double x = (col[IF2_I][i] - ib) * exp(-(t - col[IF2_T0][i]) / taus);
    double inew = ib + x;
    if (flag == 1) {
        nrn_net_event(c, md, i, t);
        col[IF2_M][i] = 0;
        double ibf = (inew - ib) * f;
        nrn_net_send(c, md, i, firetime(taus, taum, ib, ibf, 0), 1);
    } else {
        col[IF2_M][i] = ib + f * x +
                        (col[IF2_M][i] - (ib + (col[IF2_I][i] - ib) * f)) *
                            exp(-(t - col[IF2_T0][i]) / taum);
        inew = inew + w[0];
        if (col[IF2_M][i] >= 1) {
            nrn_net_move(c, md, i, t);
        } else {
            double ibf = (inew - ib) * f;
            nrn_net_move(c, md, i, firetime(taus, taum, ib, ibf, col[IF2_M][i]) + t);
        }
    }
    col[IF2_T0][i] = t;
    col[IF2_I][i] = inew;
}

const nrn_mech_type nrn_mech_intfire2 = {
    .name = "IntFire2",
    .kind = NRN_ARTCELL,
    .nvar = 6,
    .vars = intfire2_vars,
    .init = intfire2_init,
    .net_receive = intfire2_receive,
    .nweight = 1,
};
