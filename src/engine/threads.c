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
** Each thread's model is a copy of the rank's (nrn_model_clone) pruned to its cells: its
** sections are renumbered, every other id (objects, spike sources, NetCons, vectors) is
** kept, other threads' objects are holes, and their spike sources are inputs (PRESYN_INPUT)
** that fire only when the exchange brings their spikes, so that NetCons to absent targets
** are skipped by ev_presyn_fire.
*/
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "nrn_int.h"

/* A spike of a thread's cell, kept for the exchange. */
struct tspike {
    double t;
    int ps;   /* its source (the same index in every model) */
    int gid;  /* -1 without one */
    int from; /* the thread, -1 for another rank */
};

struct thr;

/* Most steps a round takes, so that rows stream while a long run goes (a round costs two
** barriers, some microseconds). */
#define MAX_ROUND 400

/* A barrier whose number of parties is set once the workers have started (a thread that
** could not start is run by the main thread instead). */
struct gate {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int count, waiting;
    unsigned gen;
};

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

/* The run: what every thread shares. */
struct run {
    nrn_model *m;          /* the rank's model */
    struct thr *th;
    int n;                 /* threads */
    int *secown, *ppown;   /* owner thread of each section and object of m */
    long steps;            /* steps in the current round */
    int stop;              /* workers leave */
    struct gate go, done;  /* the workers start a round, finish it */
    int nworker;           /* workers started */
    int ranks;             /* exchange with the other ranks too */
    int lanes;             /* threads: lane k runs parts k, k + lanes, ... */
    int local;             /* cvode -local 1: a part per cell, each its own CVODE */
    double tend;           /* local: the round's end */
    double interval;       /* local: the rounds' length */
    double tstop;          /* local: the run's end, CVODE's stop time */
};

/* One thread's part. */
struct thr {
    struct run *run;
    int id;
    nrn_model *sub;
    int *secmap;           /* sub's section i is m's secmap[i] */
    int nsec;
    int *recmap;           /* sub's record i is m's recmap[i] */
    int *playmap;          /* sub's play i is m's playmap[i] */
    size_t *vecn;          /* length of each vector when the run began */
    struct tspike *out;    /* the current round's spikes */
    int nout, capout, oom;
    int rc;                /* the round's status */
    pthread_t tid;
    int started;
    int heard;             /* local: 1 + the last spike delivered to it in an exchange */
};

static void spike_cb(void *ud, nrn_model *sub, const char *source, double t)
{
    struct thr *th = ud;
    (void)source;
    if (th->nout == th->capout) {
        int cap = th->capout ? 2 * th->capout : 64;
        struct tspike *o = realloc(th->out, sizeof *o * (size_t)cap);
        if (!o) {
            th->oom = 1;
            return;
        }
        th->out = o;
        th->capout = cap;
    }
    th->out[th->nout++] = (struct tspike){ t, sub->spike_ps, sub->spike_gid, th->id };
}

/* The thread owning what ref names (its section, object, or NetCon target); 0 for
** model-wide values. */
static int ref_owner(const struct run *r, const nrn_ref *ref)
{
    const nrn_model *m = r->m;
    if (ref->obj >= 0 && ref_obj_is_netcon(ref)) {
        const struct netcon *nc = ref->obj < m->nnc ? m->ncs[ref->obj] : NULL;
        return nc && nc->target >= 0 ? r->ppown[nc->target] : 0;
    }
    if (ref->obj >= 0)
        return ref->obj < m->npp ? r->ppown[ref->obj] : 0;
    return ref->sec >= 0 ? r->secown[ref->sec] : 0;
}

/* The thread of spike source ps, or -1 (another rank's cell, or a dead source). */
static int presyn_owner(const struct run *r, int ps)
{
    const struct presyn *p = &r->m->pre[ps];
    if (p->pp >= 0)
        return r->ppown[p->pp];
    return p->pp == -1 ? ref_owner(r, &p->ref) : -1;
}

/* The cells: owner of each section and object. Returns the number of cells. */
static int partition(struct run *r, int nthread)
{
    nrn_model *m = r->m;
    int ncell = 0;
    for (int i = 0; i < m->nsec; i++)
        if (m->secs[i]->parent < 0)
            r->secown[i] = ncell++ % nthread;
    for (int i = 0; i < m->nsec; i++) {
        int k = i;
        while (m->secs[k]->parent >= 0)
            k = m->secs[k]->parent;
        r->secown[i] = r->secown[k];
    }
    for (int i = 0; i < m->npp; i++)
        r->ppown[i] = m->pps[i] && m->pps[i]->sec >= 0 ? r->secown[m->pps[i]->sec] : 0;
    return ncell;
}

/* The POINTER bindings of th's cells, renumbered (newid: m's section ids to th's). A
** POINTER of one cell to a value of a cell on another thread would read a copy that
** thread never updates: NRN_EINVAL with one line naming both. */
static int prune_pointers(struct run *r, struct thr *th, const int *newid)
{
    nrn_model *m = r->m, *s = th->sub;
    int n = 0;
    for (int i = 0; i < s->npb; i++) {
        struct pbind b = s->pbs[i];
        int own = b.pp >= 0 ? (b.pp < m->npp ? r->ppown[b.pp] : -1)
                            : (b.sec < m->nsec ? r->secown[b.sec] : -1);
        if (own != th->id)
            continue;
        if (!nrn_ref_is_global(&b.src) && ref_owner(r, &b.src) != th->id) {
            const nrn_mech_type *d = m->types[b.type].d;
            const char *sn = b.src.obj < 0 ? m->secs[b.src.sec]->name
                             : ref_obj_is_netcon(&b.src) ? m->ncs[b.src.obj]->name
                                                         : m->pps[b.src.obj]->name;
            if (b.pp >= 0)
                return model_err(m, NRN_EINVAL, "POINTER %s.%s reads a value of %s, which is in "
                                 "a cell on another thread (POINTERs between cells need one "
                                 "thread)",
                                 m->pps[b.pp]->name, d->pointers[b.k], sn);
            return model_err(m, NRN_EINVAL, "POINTER %s(%g).%s_%s reads a value of %s, which "
                             "is in a cell on another thread (POINTERs between cells need "
                             "one thread)",
                             m->secs[b.sec]->name, b.x, d->pointers[b.k], d->name, sn);
        }
        if (b.pp < 0)
            b.sec = newid[b.sec];
        if (b.src.sec >= 0)
            b.src.sec = newid[b.src.sec];
        s->pbs[n++] = b;
    }
    s->npb = n;
    return NRN_OK;
}

/* Drops sub's parts that belong to other threads (see the file comment). */
static int prune(struct run *r, struct thr *th)
{
    nrn_model *m = r->m, *s = th->sub;
    int k = th->id, n = 0;
    int *newid = model_alloc(m, sizeof(int) * (size_t)(m->nsec + 1));
    th->secmap = model_alloc(m, sizeof(int) * (size_t)(m->nsec + 1));
    th->recmap = model_alloc(m, sizeof(int) * (size_t)(m->nrec + 1));
    th->playmap = model_alloc(m, sizeof(int) * (size_t)(m->nplay + 1));
    th->vecn = model_alloc(m, sizeof(size_t) * (size_t)(m->nvec + 1));
    if (!newid || !th->secmap || !th->recmap || !th->playmap || !th->vecn) {
        free(newid);
        return NRN_ENOMEM;
    }
    for (int i = 0; i < m->nsec; i++) {
        if (r->secown[i] == k) {
            newid[i] = n;
            th->secmap[n] = i;
            s->secs[n++] = s->secs[i];
        } else {
            newid[i] = -1;
            section_free(s->secs[i]);
        }
    }
    s->nsec = th->nsec = n;
    names_free(&s->secnames); /* nothing looks names up in a thread's model */
    for (int i = 0; i < n; i++) {
        struct section *sec = s->secs[i];
        if (sec->parent >= 0)
            sec->parent = newid[sec->parent];
        for (int c = 0; c < sec->nchild; c++)
            sec->child[c] = newid[sec->child[c]];
    }
    for (int i = 0; i < s->npp; i++) {
        struct pproc *p = s->pps[i];
        if (!p)
            continue;
        if (r->ppown[i] != k) {
            free(p->name), free(p->vals), free(p);
            s->pps[i] = NULL;
            continue;
        }
        if (p->sec >= 0)
            p->sec = newid[p->sec];
        p->draws = m->pps[i]->draws;
    }
    int rc = prune_pointers(r, th, newid);
    if (rc) {
        free(newid);
        return rc;
    }
    for (int i = 0; i < s->npre; i++) {
        struct presyn *p = &s->pre[i];
        p->recvec = -1; /* NetCon.record: the rank's model gets the spike at the exchange */
        if (p->pp == PRESYN_INPUT || p->pp == -2)
            continue;
        if (presyn_owner(r, i) != k) {
            p->pp = PRESYN_INPUT;
            continue;
        }
        if (p->pp == -1 && p->ref.sec >= 0)
            p->ref.sec = newid[p->ref.sec];
        p->flag = m->pre[i].flag;
    }
    int nr = 0;
    for (int i = 0; i < s->nrec; i++)
        if (ref_owner(r, &m->recs[i].ref) == k) {
            s->recs[nr] = s->recs[i];
            if (s->recs[nr].ref.sec >= 0)
                s->recs[nr].ref.sec = newid[s->recs[nr].ref.sec];
            th->recmap[nr++] = i;
        }
    s->nrec = nr;
    int np = 0;
    for (int i = 0; i < s->nplay; i++)
        if (ref_owner(r, &m->plays[i].ref) == k) {
            s->plays[np] = s->plays[i];
            if (s->plays[np].ref.sec >= 0)
                s->plays[np].ref.sec = newid[s->plays[np].ref.sec];
            th->playmap[np++] = i;
        }
    s->nplay = np;
    for (int i = 0; i < m->nvec; i++)
        th->vecn[i] = m->vecs[i].n;
    free(newid);
    return NRN_OK;
}

/* The index of m's play i in thread th's model, or -1. */
static int play_in(const struct thr *th, int i)
{
    for (int j = 0; j < th->sub->nplay; j++)
        if (th->playmap[j] == i)
            return j;
    return -1;
}

/* m's queued events go to the threads of their targets, in queue order. */
static int route_events(struct run *r)
{
    nrn_model *m = r->m;
    int nev = m->nheap, rc = NRN_OK;
    int *slots = model_alloc(m, sizeof(int) * (size_t)(nev + 1));
    if (!slots)
        return NRN_ENOMEM;
    if (nev)
        memcpy(slots, m->heap, sizeof(int) * (size_t)nev);
    /* (t, seq) order: equal times keep their first in, first out order */
    for (int i = 1; i < nev; i++)
        for (int j = i; j > 0; j--) {
            const struct event *a = &m->ev[slots[j - 1]], *b = &m->ev[slots[j]];
            if (a->t < b->t || (a->t == b->t && a->seq < b->seq))
                break;
            int x = slots[j];
            slots[j] = slots[j - 1];
            slots[j - 1] = x;
        }
    for (int i = 0; i < nev && rc == NRN_OK; i++) {
        const struct event *e = &m->ev[slots[i]];
        int k = 0, a = e->a;
        if (e->kind == EV_EXCHANGE)
            continue;
        if (e->kind == EV_NETCON) {
            const struct netcon *nc = a < m->nnc ? m->ncs[a] : NULL;
            if (!nc || nc->target < 0)
                continue;
            k = r->ppown[nc->target];
        } else if (e->kind == EV_SELF) {
            k = a < m->npp ? r->ppown[a] : 0;
        } else if (e->kind == EV_PLAY) {
            k = ref_owner(r, &m->plays[a].ref);
            a = play_in(&r->th[k], a);
        }
        nrn_model *s = r->th[k].sub;
        int slot = ev_push(s, e->t, e->kind, a, e->b, e->flag);
        if (slot < 0)
            rc = NRN_ENOMEM;
        else if (e->kind == EV_SELF && m->pps[a] && m->pps[a]->tqitem == slots[i])
            s->pps[a]->tqitem = slot;
    }
    free(slots);
    return rc;
}

/* Makes the threads' models. */
static int split(struct run *r)
{
    nrn_model *m = r->m;
    int rc;
    for (int k = 0; k < r->n; k++) {
        struct thr *th = &r->th[k];
        if ((rc = model_clone_part(m, r->secown, r->ppown, k, &th->sub)))
            return rc;
        nrn_model *s = th->sub;
        if ((rc = prune(r, th))) {
            if (rc == NRN_ENOMEM)
                model_err(m, rc, "out of memory (thread models)");
            return rc;
        }
        s->t = m->t;
        s->nsteps = m->nsteps;
        s->rec_next = m->rec_next;
        s->evseq = m->evseq;
        s->cancel = m->cancel;
        s->watching = m->watching; /* the objects' WATCH conditions came with them */
        nrn_set_spike_callback(s, spike_cb, th);
        if (r->local)
            cvl_part(m, s);
        if ((rc = model_compile(s))) {
            model_err(m, rc, "%s", s->err);
            return rc;
        }
        s->cj = m->cj;
        s->dt_synced = m->dt_synced;
    }
    return route_events(r);
}

/* Steps a thread's model through the round. */
static void run_round(struct thr *th)
{
    nrn_model *s = th->sub;
    th->rc = NRN_OK;
    if (th->run->local)
        th->rc = cvode_run_held(s, th->run->tstop, th->run->tend);
    for (long i = 0; i < th->run->steps && th->rc == NRN_OK; i++) {
        th->rc = nrn_fadvance(s);
        if (th->rc == NRN_OK && s->cancel && *s->cancel)
            th->rc = model_err(s, NRN_ECANCELED, "cancelled at t = %g", s->t);
    }
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
static int merge_records(struct run *r, size_t *taken)
{
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
** The spikes all[0 .. n) reach the parts holding their NetCons' targets (each part once a
** spike, in the order of all, as the loop over every part would deliver them); frees all.
*/
static int local_deliver(struct run *r, struct tspike *all, int n, int rc)
{
    const nrn_model *m = r->m;
    for (int i = 0; i < n && rc == NRN_OK; i++) {
        const struct presyn *p = &m->pre[all[i].ps];
        for (int j = 0; j < p->nnc; j++) {
            const struct netcon *nc = m->ncs[p->nc[j]];
            if (!nc || nc->target < 0 || !m->pps[nc->target])
                continue;
            struct thr *th = &r->th[r->ppown[nc->target]];
            if (th->id == all[i].from || th->heard == i + 1)
                continue;
            th->heard = i + 1;
            ev_presyn_fire(th->sub, all[i].ps, all[i].t);
        }
    }
    for (int k = 0; k < r->n; k++) {
        nrn_model *s = r->th[k].sub;
        r->th[k].heard = 0;
        if (s->ev_err && rc == NRN_OK)
            rc = s->ev_err;
        s->ev_err = 0;
    }
    free(all);
    return rc;
}

/*
** The exchange after a round (main thread, the others waiting): the threads' spikes are
** replayed on m in the order one thread finds them (records, callback, the ranks' send
** buffer), the ranks exchange theirs, and every spike reaches the threads that did not
** fire it.
*/
static int exchange(struct run *r, double t)
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
    if (r->local) /* a part per cell: only the parts its NetCons reach hear a spike */
        return local_deliver(r, all, n, rc);
    for (int k = 0; k < r->n && rc == NRN_OK; k++) {
        nrn_model *s = r->th[k].sub;
        for (int i = 0; i < n; i++)
            if (all[i].from != k)
                ev_presyn_fire(s, all[i].ps, all[i].t);
        if (s->ev_err)
            rc = s->ev_err, s->ev_err = 0;
    }
    if (rc == NRN_OK && r->ranks && par_interval(m) < HUGE_VAL)
        par_exchanged(m);
out:
    free(all);
    free(remote);
    return rc;
}

/* The GLOBALs of type k, which thread model s has instances of, back into m: what
** mechanism code wrote during the run (all threads' copies when none wrote them; of the
** last thread with instances when several did, as their order of writing is the threads'). */
static void join_globals(nrn_model *m, const nrn_model *s, int k)
{
    const nrn_mech_type *d = m->types[k].d;
    if (d->nglobal)
        memcpy(m->types[k].gvals, s->types[k].gvals, sizeof(double) * (size_t)d->nglobal);
}

/* Moves a thread's state back into m: values, GLOBALs, vectors' new elements, spike
** sources. */
static void join_state(struct run *r, struct thr *th)
{
    nrn_model *m = r->m, *s = th->sub;
    model_flush(s);
    for (int i = 0; i < th->nsec; i++) {
        struct section *a = m->secs[th->secmap[i]];
        const struct section *b = s->secs[i];
        memcpy(a->v, b->v, sizeof(double) * (size_t)(b->nseg + 1));
        memcpy(a->cm, b->cm, sizeof(double) * (size_t)b->nseg);
        a->vroot = b->vroot;
        for (int k = 0; k < a->nmech; k++) {
            memcpy(a->mech[k].vals, b->mech[k].vals,
                   sizeof(double) * (size_t)(b->nseg * m->types[a->mech[k].type].d->nvar));
            join_globals(m, s, a->mech[k].type);
        }
    }
    for (int i = 0; i < m->npp; i++)
        if (m->pps[i] && r->ppown[i] == th->id) {
            memcpy(m->pps[i]->vals, s->pps[i]->vals,
                   sizeof(double) * (size_t)m->types[m->pps[i]->type].d->nvar);
            m->pps[i]->draws = s->pps[i]->draws;
            join_globals(m, s, m->pps[i]->type);
            m->pps[i]->wmask = s->pps[i]->wmask;
            m->pps[i]->wabove = s->pps[i]->wabove;
            memcpy(m->pps[i]->wflag, s->pps[i]->wflag, sizeof m->pps[i]->wflag);
            if (s->pps[i]->wmask)
                m->watching = 1;
        }
    for (int i = 0; i < m->nnc; i++)
        if (m->ncs[i] && m->ncs[i]->target >= 0 && r->ppown[m->ncs[i]->target] == th->id)
            memcpy(m->ncs[i]->weight, s->ncs[i]->weight, sizeof m->ncs[i]->weight);
    for (int i = 0; i < m->npre; i++)
        if (presyn_owner(r, i) == th->id)
            m->pre[i].flag = s->pre[i].flag;
    if (r->local)
        cvl_join(m, s);
    for (int i = 0; i < m->nvec; i++)
        for (size_t j = th->vecn[i]; j < s->vecs[i].n; j++)
            ev_vec_append(m, i, s->vecs[i].data[j]);
}

/* One pending event of a thread, to go back to m's queue. */
struct pend {
    double t;
    long long seq;
    int k, slot;
};

static int pend_cmp(const void *a, const void *b)
{
    const struct pend *x = a, *y = b;
    if (x->t != y->t)
        return x->t < y->t ? -1 : 1;
    if (x->seq != y->seq)
        return x->seq < y->seq ? -1 : 1;
    return (x->k > y->k) - (x->k < y->k);
}

/* The threads' queued events go back into m's queue. */
static int join_events(struct run *r)
{
    nrn_model *m = r->m;
    int n = 0, rc = NRN_OK;
    long long seq = m->evseq;
    for (int k = 0; k < r->n; k++)
        n += r->th[k].sub->nheap;
    struct pend *pe = model_alloc(m, sizeof *pe * (size_t)(n + 1));
    if (!pe)
        return NRN_ENOMEM;
    n = 0;
    for (int k = 0; k < r->n; k++) {
        const nrn_model *s = r->th[k].sub;
        for (int i = 0; i < s->nheap; i++) {
            const struct event *e = &s->ev[s->heap[i]];
            pe[n++] = (struct pend){ e->t, e->seq, k, s->heap[i] };
        }
        if (s->evseq > seq)
            seq = s->evseq;
    }
    if (n)
        qsort(pe, (size_t)n, sizeof *pe, pend_cmp);
    ev_clear(m);
    for (int i = 0; i < n && rc == NRN_OK; i++) {
        const struct thr *th = &r->th[pe[i].k];
        const struct event *e = &th->sub->ev[pe[i].slot];
        int a = e->kind == EV_PLAY ? th->playmap[e->a] : e->a;
        int slot = ev_push(m, e->t, e->kind, a, e->b, e->flag);
        if (slot < 0)
            rc = NRN_ENOMEM;
        else if (e->kind == EV_SELF && m->pps[a] && th->sub->pps[a] &&
                 th->sub->pps[a]->tqitem == pe[i].slot)
            m->pps[a]->tqitem = slot;
    }
    if (m->evseq < seq)
        m->evseq = seq;
    free(pe);
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
        int from = presyn_owner(r, nc->presyn);
        if (from >= 0 && from != r->ppown[nc->target] && nc->delay < d)
            d = nc->delay, where = i;
    }
    double mine = d;
    if (ranks && (rc = par_min(m, &d)))
        return rc;
    if (r->local) {
        *mindelay = d;
        return d > 0 ? NRN_OK : cvl_zero_delay(m, where >= 0 ? m->ncs[where]->name : "?", d);
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

static void free_run(struct run *r)
{
    for (int k = 0; k < r->n; k++) {
        struct thr *th = &r->th[k];
        nrn_model_free(&th->sub);
        free(th->secmap), free(th->recmap), free(th->playmap), free(th->vecn), free(th->out);
    }
    free(r->th), free(r->secown), free(r->ppown);
}

/* The rounds, after the split: every thread steps, then the exchange, to the last step. */
static int rounds(struct run *r, long nsteps, long per)
{
    nrn_model *m = r->m;
    size_t taken = 0;
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
        if (rc == NRN_OK && (rc = merge_records(r, &taken)) == NRN_OK)
            rc = exchange(r, r->th[0].sub->t);
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
static int thr_run(nrn_model *m, long nsteps, int ranks, double tlocal)
{
    struct run r = { .m = m, .local = isfinite(tlocal), .tstop = tlocal };
    int rc = NRN_OK, nthread = nrn_par_nthread(m), lanes = nthread;
    if (cvode_active(m) && !r.local)
        return model_err(m, NRN_EINVAL, "pc nthread %d: threads need the fixed step (cvode "
                         "is active)", nthread);
    if ((rc = model_compile(m)))
        return rc;
    /* the rank's model is left flushed: the threads' models hold its values meanwhile */
    model_flush(m);
    r.secown = model_alloc(m, sizeof(int) * (size_t)(m->nsec + 1));
    r.ppown = model_alloc(m, sizeof(int) * (size_t)(m->npp + 1));
    if (r.local) /* a part per cell (at most one per section) */
        nthread = m->nsec > 0 ? m->nsec : 1;
    r.th = model_alloc(m, sizeof *r.th * (size_t)nthread);
    if (!r.secown || !r.ppown || !r.th) {
        free(r.secown), free(r.ppown), free(r.th);
        return NRN_ENOMEM;
    }
    memset(r.th, 0, sizeof *r.th * (size_t)nthread);
    int ncell = partition(&r, nthread);
    /* more threads than cells: the others would have nothing to do */
    r.n = ncell < nthread ? (ncell > 0 ? ncell : 1) : nthread;
    if (r.n < nthread)
        partition(&r, r.n);
    for (int k = 0; k < r.n; k++)
        r.th[k].run = &r, r.th[k].id = k;
    r.lanes = r.n < lanes ? r.n : lanes;
    double delay = HUGE_VAL;
    if ((rc = thread_delay(&r, ranks, &delay)) || (rc = split(&r))) {
        free_run(&r);
        return rc;
    }
    /* a round: whole steps that fit the interval (NEURON's psolve takes whole steps too),
    ** at most MAX_ROUND so that the rows stream */
    double interval = r.local ? HUGE_VAL : par_maxstep(m);
    if (ranks && par_interval(m) < interval)
        interval = par_interval(m);
    if (delay < interval)
        interval = delay;
    double per = interval / m->dt + 1e-9;
    long lper = per < MAX_ROUND ? (long)per : MAX_ROUND;
    r.interval = delay < MAX_ROUND * m->dt ? delay : MAX_ROUND * m->dt;
    for (int k = 0; k < r.n && !r.local; k++)
        record_reserve(r.th[k].sub, r.th[k].sub->t + lper * m->dt);
    pthread_mutex_init(&r.go.mu, NULL), pthread_cond_init(&r.go.cv, NULL);
    pthread_mutex_init(&r.done.mu, NULL), pthread_cond_init(&r.done.cv, NULL);
    r.go.count = r.done.count = 1 << 30; /* set below, once the workers are known */
    for (int k = 1; k < r.lanes; k++)
        r.nworker += r.th[k].started =
            pthread_create(&r.th[k].tid, NULL, worker, &r.th[k]) == 0;
    gate_count(&r.go, 1 + r.nworker);
    gate_count(&r.done, 1 + r.nworker);
    r.ranks = ranks;
    rc = rounds(&r, nsteps, lper > 0 ? lper : 1);
    r.stop = 1;
    if (r.nworker)
        gate_wait(&r.go);
    for (int k = 1; k < r.lanes; k++)
        if (r.th[k].started)
            pthread_join(r.th[k].tid, NULL);
    pthread_mutex_destroy(&r.go.mu), pthread_cond_destroy(&r.go.cv);
    pthread_mutex_destroy(&r.done.mu), pthread_cond_destroy(&r.done.cv);
    model_flush(m); /* in case a callback compiled it meanwhile: the threads' values win */
    for (int k = 0; k < r.n; k++)
        join_state(&r, &r.th[k]);
    m->t = r.th[0].sub->t;
    m->nsteps = r.th[0].sub->nsteps;
    if (!r.local || m->rec_every > 0)
        m->rec_next = r.th[0].sub->rec_next;
    int jrc = join_events(&r);
    free_run(&r);
    return rc ? rc : jrc ? model_err(m, jrc, "out of memory (events)") : NRN_OK;
}

const char *nrn_thread_unsafe(nrn_model *m)
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
