/*
** watch.c: the NET_RECEIVE services beyond sending events: WATCH conditions (checked
** where NEURON checks them, with the spike thresholds at the start of each step; under
** CVODE with condition_order 2 at each step's end, the crossing interpolated), the
** per-NetCon INITIAL inside NET_RECEIVE at finitialize, and FOR_NETCONS's walk over the
** NetCons of a target.
*/
#include "nrn_int.h"

void nrn_watch(const nrn_mech_ctx *c, nrn_mech_data *md, int inst, int k, double flag,
               int first)
{
    nrn_model *m = c->model;
    struct pproc *p = m->pps[md->obj[inst]];
    const nrn_mech_type *d = m->types[md->type].d;
    if (first)
        p->wmask = p->wabove = 0;
    if (k < 0 || k >= NRN_MAXWATCH)
        return;
    unsigned bit = 1u << k;
    p->wmask |= bit;
    p->wflag[k] = flag;
    /* as NEURON's activation: a condition already true fires only after it was false */
    double val = d->watch_value(c, md, inst, k);
    if (val > 0.)
        p->wabove |= bit;
    else
        p->wabove &= ~bit;
    p->wval[k] = val;
    p->wt = c->t;
    m->watching = 1;
}

/* finitialize: no condition is active until mechanism code activates it again. */
void watch_clear(nrn_model *m)
{
    for (int i = 0; i < m->npp; i++)
        if (m->pps[i])
            m->pps[i]->wmask = m->pps[i]->wabove = 0;
    m->watching = 0;
}

/* Each active condition that turned true sends its object its flag at t. */
void watch_check(nrn_model *m)
{
    nrn_mech_ctx c = ev_ctx(m, m->t);
    int any = 0;
    for (int i = 0; i < m->npp; i++) {
        struct pproc *p = m->pps[i];
        if (!p || !p->wmask)
            continue;
        any = 1;
        struct mtype *mt = &m->types[p->type];
        for (int k = 0; k < NRN_MAXWATCH; k++) {
            unsigned bit = 1u << k;
            if (!(p->wmask & bit))
                continue;
            if (mt->d->watch_value(&c, &mt->md, p->inst, k) > 0.) {
                if (!(p->wabove & bit)) {
                    p->wabove |= bit;
                    ev_push(m, m->t, EV_SELF, i, 0, p->wflag[k]);
                }
            } else {
                p->wabove &= ~bit;
            }
        }
    }
    m->watching = any;
}

/*
** CVODE with condition_order 2, at each step's end (as NEURON's ConditionEvent::condition):
** a condition that became true since the last check sends its flag at the time its value
** crossed zero, interpolated linearly between the two checks (the run loop goes back there).
*/
void watch_check_interp(nrn_model *m)
{
    nrn_mech_ctx c = ev_ctx(m, m->t);
    for (int i = 0; i < m->npp; i++) {
        struct pproc *p = m->pps[i];
        if (!p || !p->wmask)
            continue;
        struct mtype *mt = &m->types[p->type];
        for (int k = 0; k < NRN_MAXWATCH; k++) {
            unsigned bit = 1u << k;
            if (!(p->wmask & bit))
                continue;
            double val = mt->d->watch_value(&c, &mt->md, p->inst, k), old = p->wval[k];
            if (!(p->wabove & bit) && val >= 0.) {
                p->wabove |= bit;
                double ts = m->t;
                if (m->t > p->wt && old < 0.)
                    ts = p->wt + (-old / (val - old)) * (m->t - p->wt);
                ev_push(m, ts, EV_SELF, i, 0, p->wflag[k]);
            } else if ((p->wabove & bit) && val < 0.) {
                p->wabove &= ~bit;
            }
            p->wval[k] = val;
        }
        p->wt = m->t;
    }
}

/*
** finitialize, after the INITIAL blocks: each NetCon's target runs its NET_RECEIVE's
** INITIAL on the NetCon's weights, or has the weights after the first zeroed; by source,
** each source's NetCons last to first, as NEURON's init_events walks them.
*/
void netcon_init(nrn_model *m)
{
    for (int i = 0; i < m->npre; i++) {
        const struct presyn *ps = &m->pre[i];
        for (int j = ps->nnc - 1; j >= 0; j--) {
            struct netcon *nc = ps->nc[j] < m->nnc ? m->ncs[ps->nc[j]] : NULL;
            const struct pproc *p = nc && nc->target >= 0 ? m->pps[nc->target] : NULL;
            if (!p)
                continue;
            struct mtype *mt = &m->types[p->type];
            if (mt->d->net_init) {
                nrn_mech_ctx c = ev_ctx(m, m->t);
                mt->d->net_init(&c, &mt->md, p->inst, nc->weight, 0.);
            } else {
                for (int k = 1; k < mt->d->nweight && k < NRN_MAXWEIGHT; k++)
                    nc->weight[k] = 0.;
            }
        }
    }
}

double *nrn_for_netcons(const nrn_mech_ctx *c, nrn_mech_data *md, int inst, int *it)
{
    nrn_model *m = c->model;
    int target = md->obj[inst];
    for (int i = *it; i < m->nnc; i++) {
        struct netcon *nc = m->ncs[i];
        if (nc && nc->target == target) {
            *it = i + 1;
            return nc->weight;
        }
    }
    *it = m->nnc;
    return NULL;
}
