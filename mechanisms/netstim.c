/*
** netstim.c: NetStim, an artificial cell emitting number spikes every interval ms from
** start (spec 4.9). With noise = 0 the times match NEURON exactly (repeated addition,
** not snapped to the step grid). With noise > 0 the intervals are drawn from this
** engine's counter-based generator (nrn_mech_random), so the sequence differs from
** NEURON's but does not depend on creation order, worker count or how a run is split.
**
** Hand-written, not NMODL: its noise comes from nrn_mech_random, a per-object counter-based
** stream the translator has no NMODL name for (NEURON's netstim.mod reaches its generator
** through VERBATIM into NEURON's internals, which the translator refuses).
*/
#include <math.h>
#include "../src/engine/nrn_mech.h"

enum { NS_INTERVAL, NS_NUMBER, NS_START, NS_NOISE, NS_EVENT, NS_ON, NS_ISPIKE };

static const nrn_var_info netstim_vars[] = {
    {"interval", NRN_PARAM, "ms", 10, "mean time between spikes"},
    {"number", NRN_PARAM, "1", 10, "number of spikes"},
    {"start", NRN_PARAM, "ms", 50, "time of the first spike (on average, with noise)"},
    {"noise", NRN_PARAM, "1", 0, "0: deterministic .. 1: Poisson intervals"},
    {"event", NRN_ASSIGNED, "ms", 0, "time to the next spike"},
    {"on", NRN_ASSIGNED, "1", 0, "1 while spiking"},
    {"ispike", NRN_ASSIGNED, "1", 0, "spikes emitted"},
};

/* FUNCTION invl(mean) */
static double invl(const nrn_mech_ctx *c, nrn_mech_data *md, int i, double mean)
{
    double noise = md->col[NS_NOISE][i];
    if (mean <= 0.)
        mean = .01;
    if (noise == 0)
        return mean;
    double erand = -log(nrn_mech_random(c, md, i, 0));
    return (1. - noise) * mean + noise * mean * erand;
}

/* PROCEDURE next_invl() */
static void next_invl(const nrn_mech_ctx *c, nrn_mech_data *md, int i)
{
    double **col = md->col;
    if (col[NS_NUMBER][i] > 0)
        col[NS_EVENT][i] = invl(c, md, i, col[NS_INTERVAL][i]);
    if (col[NS_ISPIKE][i] >= col[NS_NUMBER][i])
        col[NS_ON][i] = 0;
}

/* PROCEDURE init_sequence() */
static void init_sequence(double *const *col, int i)
{
    if (col[NS_NUMBER][i] > 0) {
        col[NS_ON][i] = 1;
        col[NS_EVENT][i] = 0;
        col[NS_ISPIKE][i] = 0;
    }
}

static void netstim_init(const nrn_mech_ctx *c, nrn_mech_data *md)
{
    double **col = md->col;
    for (int i = 0; i < md->n; i++) {
        col[NS_ON][i] = 0;
        col[NS_ISPIKE][i] = 0;
        if (col[NS_NOISE][i] < 0)
            col[NS_NOISE][i] = 0;
        if (col[NS_NOISE][i] > 1)
            col[NS_NOISE][i] = 1;
        if (col[NS_START][i] >= 0 && col[NS_NUMBER][i] > 0) {
            double interval = col[NS_INTERVAL][i], noise = col[NS_NOISE][i];
            col[NS_ON][i] = 1;
            col[NS_EVENT][i] = col[NS_START][i] + invl(c, md, i, interval) - interval * (1. - noise);
            if (col[NS_EVENT][i] < 0)
                col[NS_EVENT][i] = 0;
            nrn_net_send(c, md, i, col[NS_EVENT][i], 3);
        }
    }
}

static void netstim_receive(const nrn_mech_ctx *c, nrn_mech_data *md, int i, double *w,
                            double flag)
{
    double **col = md->col;
    if (flag == 0) {
        if (w[0] > 0 && col[NS_ON][i] == 0) {
            init_sequence(col, i);
            next_invl(c, md, i);
            col[NS_EVENT][i] = col[NS_EVENT][i] - col[NS_INTERVAL][i] * (1. - col[NS_NOISE][i]);
            nrn_net_send(c, md, i, col[NS_EVENT][i], 1);
        } else if (w[0] < 0) {
            col[NS_ON][i] = 0;
        }
    }
    if (flag == 3 && col[NS_ON][i] == 1) {
        init_sequence(col, i);
        nrn_net_send(c, md, i, 0, 1);
    }
    if (flag == 1 && col[NS_ON][i] == 1) {
        col[NS_ISPIKE][i] = col[NS_ISPIKE][i] + 1;
        nrn_net_event(c, md, i, c->t);
        next_invl(c, md, i);
        if (col[NS_ON][i] == 1)
            nrn_net_send(c, md, i, col[NS_EVENT][i], 1);
    }
}

const nrn_mech_type nrn_mech_netstim = {
    .name = "NetStim",
    .kind = NRN_ARTCELL,
    .nvar = 7,
    .vars = netstim_vars,
    .init = netstim_init,
    .net_receive = netstim_receive,
    .nweight = 1,
};
