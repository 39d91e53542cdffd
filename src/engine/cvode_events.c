/*
** cvode_events.c: spike thresholds and event delivery under the variable step (spec 7.6):
** a crossing's time, and whether a delivery changed the state so that the integrator must
** restart.
*/
#include <string.h>
#include <nvector/nvector_serial.h>
#include "cvode_int.h"

/*
** Spike sources watching a value (spec 7.6): a crossing found at t fires at t
** (condition_order 1) or at the linearly interpolated time since the last check (2).
*/
int cv_thresholds(nrn_model *m)
{
    struct cvode *cv = m->cv;
    if (cv->part && !cv->own && cvl_own_sources(m))
        return NRN_ENOMEM;
    /* the distances at the last check, per source checked (a local step's part: its own) */
    int n = cv->part ? cv->nown : m->npre;
    if (cv->nprev < n) {
        double *p = model_realloc(m, cv->prev, sizeof(double) * (size_t)n);
        if (!p)
            return NRN_ENOMEM;
        for (int i = cv->nprev; i < n; i++)
            p[i] = NAN;
        cv->prev = p;
        cv->nprev = n;
    }
    for (int k = 0; k < n; k++) {
        /* a local step's part watches its cell's sources only (cvode_local.c) */
        int i = cv->part ? cv->own[k] : k;
        struct presyn *p = &m->pre[i];
        if (p->pp == PRESYN_INPUT || !ev_presyn_value(m, i))
            continue;
        double x = *p->ptr - p->threshold, xo = cv->prev[k];
        if (x > 0) {
            if (!p->flag) {
                p->flag = 1;
                double ts = m->t;
                if (cv->condition_order == 2 && xo <= 0 && m->t > cv->tcheck) {
                    double th = -xo / (x - xo);
                    ts = th * m->t + (1 - th) * cv->tcheck;
                }
                ev_presyn_fire(m, i, ts);
            }
        } else {
            p->flag = 0;
        }
        cv->prev[k] = x;
    }
    cv->tcheck = m->t;
    ev_sources_changed(m); /* the flags the fixed step's check copies */
    int rc = m->ev_err;
    m->ev_err = 0;
    return rc;
}

/* 1 if a Vector.play element is due by t (it changes a parameter: re-initialize). */
static int play_due(const nrn_model *m, double t)
{
    for (int k = 0; k < m->nheap; k++) {
        const struct event *e = &m->ev[m->heap[k]];
        if (e->kind == EV_PLAY && e->t <= t)
            return 1;
    }
    return 0;
}

/*
** 1 if an event due by t goes to a point process on a cell: NEURON's delivery to one always
** re-initializes its integrator (its NET_RECEIVE may change what f is, as WATCH handlers
** switching a conductance do, without changing a state).
*/
static int cell_target_due(const nrn_model *m, double t)
{
    for (int k = 0; k < m->nheap; k++) {
        const struct event *e = &m->ev[m->heap[k]];
        int obj = -1;
        if (e->t > t)
            continue;
        if (e->kind == EV_SELF)
            obj = e->a;
        else if (e->kind == EV_NETCON && e->a >= 0 && e->a < m->nnc && m->ncs[e->a])
            obj = m->ncs[e->a]->target;
        const struct pproc *p = obj >= 0 && obj < m->npp ? m->pps[obj] : NULL;
        if (p && m->types[p->type].d->kind != NRN_ARTCELL)
            return 1;
    }
    return 0;
}

/*
** Delivers the events due by m->t; re-initializes when they changed a state (a synapse's
** conductance) or a played parameter, or went to a point process on a cell, not for
** artificial cells alone (NetStim ticks).
*/
int cv_deliver_now(nrn_model *m, int *reinit)
{
    struct cvode *cv = m->cv;
    int play = (m->nplay && play_due(m, m->t)) || cell_target_due(m, m->t);
    if (!cv->mem) { /* no equations: nothing to restart */
        *reinit = play;
        return ev_deliver(m, m->t);
    }
    double *before = N_VGetArrayPointer(cv->tmp), *now = N_VGetArrayPointer(cv->yi);
    cv_gather(m, before);
    int rc = ev_deliver(m, m->t);
    if (rc)
        return rc;
    cv_gather(m, now);
    *reinit = play || memcmp(before, now, sizeof(double) * (size_t)cv->neq) != 0;
    return *reinit ? cv_init(m) : NRN_OK;
}
