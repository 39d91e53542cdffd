/*
** threads.c: pc psolve, run and continuerun with nthread > 1 (nrn.h, nrn_par_set_nthread),
** NEURON's NrnThread model. The rank's model is split into one model per thread, each holding its cells only
** (a cell is a root section and everything attached to it; cells go round robin in
** creation order, artificial cells to thread 0): its own node arrays, mechanism data and
** event queue. The threads step their models independently for an interval no longer than
** the smallest delay of a NetCon between threads (or ranks), then the main thread
** exchanges the interval's spikes, as the ranks do, and streams the records; at the end
** the state goes back into the rank's model, which the threads' models then leave.
**
** Why the numbers do not change: a cell's arithmetic does not depend on the other cells
** (each is its own tree in the node order), and a spike from another thread, fired at ts in
** the interval that ends at step boundary tx, is due at ts + delay > tx, so it is queued
** before the step that delivers it, at its own time, as on one thread. A thread's spikes are
** replayed on the rank's model in (t, source) order, the order one thread detects them in:
** the spike callback, NetCon.record vectors and pc spike_record see the one-thread sequence.
**
** Each thread's model (threads_split.c) is a copy of the rank's (nrn_model_clone) pruned
** to its cells: its sections, objects, NetCons, records, plays, vectors and spike sources
** (its own, and other threads' with NetCons to it as inputs, PRESYN_INPUT) are renumbered
** from 0, so that a part per cell costs a cell; the exchange queues a spike's deliveries in
** the threads holding its NetCons' targets (route_spike, through r->nctl).
*/
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "threads_int.h"

struct thr;

/* Most steps a round takes, so that rows stream while a long run goes (a round costs two
** barriers, some microseconds). */
#define MAX_ROUND 400


static void gate_wait(struct gate *g)
{
    pthread_mutex_lock(&g->mu);
    unsigned gen = g->gen;
    if (++g->waiting >= g->count) {
        g->waiting = 0;
        g->gen++;
        pthread_cond_broadcast(&g->cv);
    } else {
        while (gen == g->gen)
            pthread_cond_wait(&g->cv, &g->mu);
    }
    pthread_mutex_unlock(&g->mu);
}

static void gate_count(struct gate *g, int count)
{
    pthread_mutex_lock(&g->mu);
    g->count = count;
    pthread_mutex_unlock(&g->mu);
}


/* Steps a thread's model through the round. */
static void run_round(struct thr *th)
{
    nrn_model *s = th->sub;
    struct run *r = th->run;
    th->rc = NRN_OK;
    if (r->local) {
        /* a part parked inside its step stays parked through a round that ends before
        ** the step's end and its first event (not the run's end): not visited at all, as a
        ** thousand quiet cells would otherwise be each round */
        if (r->tend < th->wake && r->tend < r->tstop)
            return;
        th->rc = cvode_run_held(s, r->tstop, r->tend);
        th->wake = th->rc == NRN_OK ? cvl_parked_until(s) : -INFINITY;
    }
    if (th->rc == NRN_OK)
        th->rc = fixed_nsteps(s, th->run->steps);
    if (th->rc == NRN_OK && th->oom)
        th->rc = model_err(s, NRN_ENOMEM, "out of memory (spikes)");
}

static void *worker(void *arg)
{
    struct thr *th = arg;
    struct run *r = th->run;
    for (;;) {
        gate_wait(&r->go);
        if (r->stop)
            return NULL;
        for (int k = th->id; k < r->n; k += r->lanes)
            run_round(&r->th[k]);
        gate_wait(&r->done);
    }
}

static int tspike_cmp(const void *a, const void *b)
{
    const struct tspike *x = a, *y = b;
    if (x->t != y->t)
        return x->t < y->t ? -1 : 1;
    return (x->ps > y->ps) - (x->ps < y->ps);
}

/* Delivery order: (t, gid, source), as the ranks' exchange. */
static int deliver_cmp(const void *a, const void *b)
{
    const struct tspike *x = a, *y = b;
    if (x->t != y->t)
        return x->t < y->t ? -1 : 1;
    if (x->gid != y->gid)
        return x->gid < y->gid ? -1 : 1;
    return (x->ps > y->ps) - (x->ps < y->ps);
}

/* Appends x to m's record i. */
static int rec_append(nrn_model *m, int i, double x)
{
    struct record *rec = &m->recs[i];
    if (rec->n == rec->cap) {
        size_t cap = rec->cap ? 2 * rec->cap : 64;
        double *d = model_realloc(m, rec->data, sizeof(double) * cap);
        if (!d)
            return NRN_ENOMEM;
        rec->data = d;
        rec->cap = cap;
    }
    rec->data[rec->n++] = x;
    return NRN_OK;
}

/* The round's samples join m's records, and each is handed to the sample callback. */
static int merge_records(struct run *r)
{
    size_t *taken = &r->taken;
    nrn_model *m = r->m;
    int ref = 0; /* local: parts without records take no rows (cvl_part); one that has */
    while (r->local && ref < r->n && r->th[ref].sub->nrec == 0)
        ref++;
    if (ref == r->n)
        return NRN_OK;
    size_t ns = r->th[ref].sub->nsamples - *taken;
    for (size_t j = 0; j < ns; j++) {
        for (int k = 0; k < r->n; k++) {
            nrn_model *s = r->th[k].sub;
            for (int i = 0; i < s->nrec; i++)
                if (rec_append(m, r->th[k].recmap[i], s->recs[i].data[j]))
                    return model_err(m, NRN_ENOMEM, "out of memory (records)");
        }
        m->nsamples++;
        if (m->sample_fn)
            m->sample_fn(m->sample_ud, m, m->nsamples - 1);
    }
    for (int k = 0; k < r->n; k++) {
        nrn_model *s = r->th[k].sub;
        for (int i = 0; i < s->nrec; i++)
            s->recs[i].n = 0;
    }
    *taken += ns;
    return NRN_OK;
}

/*
** Spike sp reaches the parts holding its NetCons' targets (not the part that fired it): a
** delivery per active NetCon of the part's copy, in the source's NetCon order, as that
** part's copy of the source would queue them (a part's sources are renumbered).
*/
static void route_spike(struct run *r, const struct tspike *sp)
{
    const nrn_model *m = r->m;
    const struct presyn *p = &m->pre[sp->ps];
    for (int j = 0; j < p->nnc; j++) {
        int id = p->nc[j];
        const struct netcon *nc = m->ncs[id];
        if (!nc || nc->target < 0 || !m->pps[nc->target] || r->ppown[nc->target] == sp->from)
            continue;
        nrn_model *s = r->th[r->ppown[nc->target]].sub;
        int sid = r->nctl[id]; /* the NetCon in its target's part */
        const struct netcon *sc = sid >= 0 ? s->ncs[sid] : NULL;
        r->th[r->ppown[nc->target]].wake = -INFINITY; /* its queue changed: visit it */
        if (sc && sc->active && sc->target >= 0 && s->pps[sc->target] &&
            ev_push(s, sp->t + sc->delay, EV_NETCON, sid, 0, 0) < 0)
            s->ev_err = NRN_ENOMEM;
    }
}

/*
** The exchange after a round (main thread, the others waiting): the threads' spikes are
** replayed on m in the order one thread finds them (records, callback, the ranks' send
** buffer), the ranks exchange theirs, and every spike reaches the threads that did not
** fire it.
*/
int thr_exchange(struct run *r, double t)
{
    nrn_model *m = r->m;
    struct tspike *all = NULL;
    nrn_spike *remote = NULL;
    int n = 0, nremote = 0, rc = NRN_OK;
    for (int k = 0; k < r->n; k++)
        n += r->th[k].nout;
    if (n && !(all = model_alloc(m, sizeof *all * (size_t)n)))
        return NRN_ENOMEM;
    n = 0;
    for (int k = 0; k < r->n; k++) {
        if (r->th[k].nout) /* memcpy's arguments must not be NULL, even for no bytes */
            memcpy(all + n, r->th[k].out, sizeof *all * (size_t)r->th[k].nout);
        n += r->th[k].nout;
        r->th[k].nout = 0;
    }
    if (n)
        qsort(all, (size_t)n, sizeof *all, tspike_cmp);
    for (int i = 0; i < n; i++) {
        const struct presyn *p = &m->pre[all[i].ps];
        if (p->recvec >= 0)
            ev_vec_append(m, p->recvec, all[i].t);
        if (m->spike_fn) {
            m->spike_gid = p->gid;
            m->spike_ps = all[i].ps;
            m->spike_fn(m->spike_ud, m, p->label, all[i].t);
        }
        if (p->gid >= 0)
            par_spike_out(m, p->gid, all[i].t);
    }
    if (m->ev_err)
        rc = m->ev_err, m->ev_err = 0;
    if (rc == NRN_OK && r->ranks && par_interval(m) < HUGE_VAL &&
        (rc = par_gather(m, t, &remote, &nremote)))
        goto out;
    if (nremote) {
        struct tspike *more = model_realloc(m, all, sizeof *all * (size_t)(n + nremote));
        if (!more) {
            rc = NRN_ENOMEM;
            goto out;
        }
        all = more;
        for (int i = 0; i < nremote; i++) {
            int ps = par_input_ps(m, remote[i].gid);
            if (ps >= 0) {
                all[n++] = (struct tspike){ remote[i].t, ps, remote[i].gid, -1 };
                if (m->pre[ps].recvec >= 0)
                    ev_vec_append(m, m->pre[ps].recvec, remote[i].t);
            }
        }
    }
    if (n)
        qsort(all, (size_t)n, sizeof *all, deliver_cmp);
    for (int i = 0; i < n && rc == NRN_OK; i++)
        route_spike(r, &all[i]);
    for (int k = 0; k < r->n; k++) {
        nrn_model *s = r->th[k].sub;
        if (s->ev_err && rc == NRN_OK)
            rc = s->ev_err;
        s->ev_err = 0;
    }
    if (rc == NRN_OK && r->ranks && par_interval(m) < HUGE_VAL)
        par_exchanged(m);
out:
    free(all);
    free(remote);
    return rc;
}


static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/*
** The smallest delay of a NetCon between two threads of this rank, over every rank when
** ranks (collective), named in the message when under dt.
*/
static int thread_delay(struct run *r, int ranks, double *mindelay)
{
    nrn_model *m = r->m;
    double d = HUGE_VAL;
    int where = -1, rc;
    for (int i = 0; i < m->nnc; i++) {
        const struct netcon *nc = m->ncs[i];
        if (!nc || nc->target < 0 || !m->pps[nc->target])
            continue;
        int from = thr_presyn_owner(r, nc->presyn);
        if (from >= 0 && from != r->ppown[nc->target] && nc->delay < d)
            d = nc->delay, where = i;
    }
    double mine = d;
    if (ranks && (rc = par_min(m, &d)))
        return rc;
    if (r->local) {
        *mindelay = d;
        if (d > 0)
            return NRN_OK;
        if (ranks)
            par_failed_together(m, mine == d && where >= 0 ? 1 : 2);
        return cvl_zero_delay(m, mine == d && where >= 0 ? m->ncs[where]->name : NULL, d);
    }
    if (d < m->dt) {
        if (ranks)
            par_failed_together(m, mine == d && where >= 0 ? 1 : 2);
        if (mine == d && where >= 0)
            return model_err(m, NRN_EINVAL, "NetCon %s: delay %g ms between threads is less "
                             "than dt = %g ms (pc nthread)", m->ncs[where]->name, d, m->dt);
        return model_err(m, NRN_EINVAL, "a delay between threads (%g ms) is less than dt = "
                         "%g ms (pc nthread)", d, m->dt);
    }
    *mindelay = d;
    return NRN_OK;
}

void thr_free_run(struct run *r)
{
    for (int k = 0; k < r->n; k++) {
        struct thr *th = &r->th[k];
        nrn_model_free(&th->sub);
        free(th->secmap), free(th->recmap), free(th->playmap), free(th->vecn), free(th->out);
        free(th->premap), free(th->ppmap), free(th->ncmap), free(th->vecmap);
    }
    free(r->th), free(r->secown), free(r->ppown), free(r->preown), free(r->ppl), free(r->nctl);
}

/* The rounds, after the split: every thread steps, then the exchange, to the last step. */
static int rounds(struct run *r, long nsteps, long per)
{
    nrn_model *m = r->m;
    int rc = NRN_OK, nex = 0;
    double tex = 0;
    double t = m->t, tstop = r->tstop;
    for (long done = 0; rc == NRN_OK && (r->local ? t < tstop : done < nsteps);) {
        r->steps = r->local ? 0 : nsteps - done < per ? nsteps - done : per;
        if (r->local) /* the smallest delay between cells, as NEURON's ParallelContext */
            r->tend = t = t + r->interval < tstop ? t + r->interval : tstop;
        if (r->nworker)
            gate_wait(&r->go);
        for (int k = 0; k < r->n; k++)
            if (!r->th[k % r->lanes].started)
                run_round(&r->th[k]);
        double t0 = now_s();
        if (r->nworker)
            gate_wait(&r->done);
        done += r->steps;
        for (int k = 0; k < r->n && rc == NRN_OK; k++)
            if ((rc = r->th[k].rc))
                model_err(m, rc, "%s", r->th[k].sub->err);
        if (rc == NRN_OK && (rc = merge_records(r)) == NRN_OK)
            rc = thr_exchange(r, r->local ? r->tend : r->th[0].sub->t);
        tex += now_s() - t0;
        nex++;
    }
    if (!r->local) /* pc nthread's statistics (the local step may run without pc) */
        par_add_thread_time(m, tex, nex);
    return rc;
}

/*
** nsteps steps on the threads; ranks: exchange with the other ranks too (pc psolve, which
** every rank calls together), else this rank alone (run, continuerun).
*/
/*
** r's parts: m partitioned into nthread parts (a part per cell when r->local), r->th
** allocated; m is left flushed (the parts hold its values meanwhile).
*/
int thr_parts(struct run *r, int nthread)
{
    nrn_model *m = r->m;
    int rc;
    if ((rc = model_compile(m)))
        return rc;
    model_flush(m);
    r->secown = model_alloc(m, sizeof(int) * (size_t)(m->nsec + 1));
    r->ppown = model_alloc(m, sizeof(int) * (size_t)(m->npp + 1));
    if (r->local) /* a part per cell (at most one per section) */
        nthread = m->nsec > 0 ? m->nsec : 1;
    r->th = model_alloc(m, sizeof *r->th * (size_t)nthread);
    if (!r->secown || !r->ppown || !r->th) {
        free(r->secown), free(r->ppown), free(r->th);
        r->secown = r->ppown = NULL, r->th = NULL;
        return NRN_ENOMEM;
    }
    memset(r->th, 0, sizeof *r->th * (size_t)nthread);
    int ncell = thr_partition(r, nthread);
    /* more threads than cells: the others would have nothing to do */
    r->n = ncell < nthread ? (ncell > 0 ? ncell : 1) : nthread;
    if (r->n < nthread)
        thr_partition(r, r->n);
    if (r->local)
        r->n = thr_group_zero_delay(r);
    for (int k = 0; k < r->n; k++)
        r->th[k].run = r, r->th[k].id = k, r->th[k].wake = -INFINITY;
    return NRN_OK;
}

/*
** The parts of a run: split from m; under the local step, the last run's when m is as it
** left them (threads_local.c; with ranks, on every rank), so that the cells' integrators go
** on. *kept: the parts stay after the run.
*/
static struct run *parts_of(nrn_model *m, struct run *tmp, int ranks, double tlocal, int *kept,
                            int *rc)
{
    struct run *r = tmp;
    int fresh = 1;
    *kept = isfinite(tlocal);
    *rc = NRN_OK;
    if (*kept && (*rc = thr_local_run(m, ranks, &r, &fresh)))
        return NULL;
    if (!*kept) {
        thr_local_end(m); /* a run after fadvance: m holds the state already */
        *r = (struct run){ .m = m, .local = isfinite(tlocal) };
    }
    r->tstop = tlocal;
    if (!fresh) {
        for (int k = 0; k < r->n; k++) /* what m may have changed without a setter */
            r->th[k].sub->cancel = m->cancel;
        return r;
    }
    r->delay = HUGE_VAL;
    if ((*rc = thr_parts(r, nrn_par_nthread(m))) == NRN_OK &&
        (*rc = thread_delay(r, ranks, &r->delay)) == NRN_OK)
        *rc = thr_split(r);
    if (*rc == NRN_OK)
        return r;
    if (*kept)
        thr_local_end(m);
    else
        thr_free_run(r);
    return NULL;
}

static int thr_run(nrn_model *m, long nsteps, int ranks, double tlocal)
{
    struct run tmp, *r;
    int rc = NRN_OK, nthread = nrn_par_nthread(m), kept;
    if (cvode_active(m) && !isfinite(tlocal))
        return model_err(m, NRN_EINVAL, "pc nthread %d: threads need the fixed step (cvode "
                         "is active)", nthread);
    if (!(r = parts_of(m, &tmp, ranks, tlocal, &kept, &rc)))
        return rc;
    r->lanes = r->n < nthread ? r->n : nthread;
    r->nworker = r->stop = 0;
    for (int k = 0; k < r->n; k++)
        r->th[k].started = 0;
    double delay = r->delay;
    /* a round: whole steps that fit the interval (NEURON's psolve takes whole steps too),
    ** at most MAX_ROUND so that the rows stream */
    double interval = r->local ? HUGE_VAL : par_maxstep(m);
    if (ranks && par_interval(m) < interval)
        interval = par_interval(m);
    if (delay < interval)
        interval = delay;
    double per = interval / m->dt + 1e-9;
    long lper = per < MAX_ROUND ? (long)per : MAX_ROUND;
    /* local: the smallest delay between cells (and ranks, pc psolve), at most MAX_ROUND dt */
    r->interval = interval < MAX_ROUND * m->dt ? interval : MAX_ROUND * m->dt;
    for (int k = 0; k < r->n && !r->local; k++)
        record_reserve(r->th[k].sub, r->th[k].sub->t + lper * m->dt);
    pthread_mutex_init(&r->go.mu, NULL), pthread_cond_init(&r->go.cv, NULL);
    pthread_mutex_init(&r->done.mu, NULL), pthread_cond_init(&r->done.cv, NULL);
    r->go.count = r->done.count = 1 << 30; /* set below, once the workers are known */
    for (int k = 1; k < r->lanes; k++)
        r->nworker += r->th[k].started =
            pthread_create(&r->th[k].tid, NULL, worker, &r->th[k]) == 0;
    gate_count(&r->go, 1 + r->nworker);
    gate_count(&r->done, 1 + r->nworker);
    r->ranks = ranks;
    rc = rounds(r, nsteps, lper > 0 ? lper : 1);
    r->stop = 1;
    if (r->nworker)
        gate_wait(&r->go);
    for (int k = 1; k < r->lanes; k++)
        if (r->th[k].started)
            pthread_join(r->th[k].tid, NULL);
    pthread_mutex_destroy(&r->go.mu), pthread_cond_destroy(&r->go.cv);
    pthread_mutex_destroy(&r->done.mu), pthread_cond_destroy(&r->done.cv);
    model_flush(m); /* in case a callback compiled it meanwhile: the threads' values win */
    for (int k = 0; k < r->n; k++)
        thr_join_state(r, &r->th[k]);
    m->t = r->th[0].sub->t;
    m->nsteps = r->th[0].sub->nsteps;
    for (int k = 0; k < r->n; k++)
        m->multi_steps += r->th[k].sub->multi_steps, r->th[k].sub->multi_steps = 0;
    /* cj follows a dt changed during the run (sync_dt) but not secondorder, as NEURON's: the
    ** next split must start from the parts' cj, not from the one m had before the run */
    m->cj = r->th[0].sub->cj;
    m->dt_synced = r->th[0].sub->dt_synced;
    if (!r->local || m->rec_every > 0)
        m->rec_next = r->th[0].sub->rec_next;
    int jrc = thr_join_events(r, NULL, 0);
    if (kept && !rc && !jrc)
        thr_local_ran(m); /* the parts stay for the next continuerun */
    else if (kept)
        thr_local_end(m);
    else
        thr_free_run(r);
    return rc ? rc : jrc ? model_err(m, jrc, "out of memory (events)") : NRN_OK;
}

const char *nrn_thread_unsafe(nrn_model *m)
{
    if (model_compile(m))
        return NULL;
    for (int k = 0; k < m->ntype; k++)
        if (m->types[k].d->not_threadsafe == 1 && m->types[k].md.n)
            return m->types[k].d->name;
    return NULL;
}

const char *nrn_replica_unsafe(nrn_model *m)
{
    if (model_compile(m))
        return NULL;
    for (int k = 0; k < m->ntype; k++)
        if (m->types[k].d->not_threadsafe && m->types[k].md.n)
            return m->types[k].d->name;
    return NULL;
}

int thr_usable(nrn_model *m)
{
    const char *name = nrn_thread_unsafe(m);
    if (!name)
        return 1;
    if (m->notice_fn) { /* NEURON refuses to run ("NAME is not thread safe"); we use one thread */
        char msg[200];
        snprintf(msg, sizeof msg, "%s is not thread safe: running on one thread instead of %d",
                 name, nrn_par_nthread(m));
        m->notice_fn(m->notice_ud, m, msg);
    }
    return 0;
}

int thr_psolve(nrn_model *m, double tstop)
{
    /* NEURON's psolve takes whole steps: as many as fit, to within 1e-9 of a step */
    double steps = (tstop - m->t) / m->dt + 1e-9;
    return thr_run(m, steps > 0 ? (long)steps : 0, 1, NAN);
}

int thr_continuerun(nrn_model *m, double tstop)
{
    /* the steps continuerun's loop would take: t grows by two half steps a step, and the
    ** loop tests t < tstop - dt/2 after every nstep_steprun steps */
    double t = m->t, ts = tstop - m->dt / 2;
    long n = 0;
    while (t < ts)
        for (int i = 0; i < m->nstep_steprun; i++, n++) {
            t += .5 * m->dt;
            t += .5 * m->dt;
        }
    return thr_run(m, n, 0, NAN);
}

int thr_local_continuerun(nrn_model *m, double tstop)
{
    return thr_run(m, 0, 0, tstop);
}

int thr_local_psolve(nrn_model *m, double tstop)
{
    return thr_run(m, 0, 1, tstop);
}
