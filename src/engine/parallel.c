/*
** parallel.c: NEURON's ParallelContext model of a network split over ranks (nrn.h,
** "Parallel networks"): the gid table, spike records by gid, and the spike exchange.
**
** A gid this rank owns points to the spike source of its cell (a presyn with that gid:
** its spikes also go to the send buffer). A gid connected to but not owned here gets a
** source of its own (PRESYN_INPUT) that fires only when the exchange brings the owner's
** spikes. The exchange is an event (EV_EXCHANGE) every `interval` ms, interval being at
** most the smallest delay of a NetCon from another rank's cell: a spike at ts is sent at
** the first exchange after ts and delivered at ts + delay, which is never earlier than
** that exchange, so every delivery happens at the time it would on one rank.
**
** The communication itself belongs to the caller (nrn_comm): the engine stays free of
** MPI, and a model without a communicator is the only rank.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "nrn_int.h"

/* One gid known on this rank. */
struct gident {
    int gid;   /* -1: empty slot */
    int ps;    /* its spike source, or -1 (owned, no cell yet) */
    int owned; /* 1: this rank owns it; 0: a cell of another rank (ps is PRESYN_INPUT) */
};

/* A pc.spike_record. */
struct sprec {
    int gid;         /* -1: every owned gid */
    int tvec, idvec; /* vector ids */
};

struct par {
    nrn_comm comm;         /* size 1 without a communicator */
    int has_comm;
    struct gident *tab;    /* open addressing on gid, capacity a power of two */
    int cap, n;
    int *owned;            /* owned gids in declaration order (the ownership check) */
    int nowned, capowned;
    int dirty;             /* gids changed since the last check */
    struct sprec *rec;
    int nrec, caprec;
    nrn_spike *out;        /* spikes to send at the next exchange */
    int nout, capout;
    double maxstep;        /* pc.set_maxstep */
    double interval;       /* between exchanges; HUGE_VAL: none needed */
    int xslot;             /* the queued exchange event's slot, or -1 */
    nrn_par_counts counts;     /* counters (nrn_par_stats) */
    int together;              /* nrn_par_failed_together */
    int nthread;               /* pc.nthread: threads splitting this rank's cells */
    nrn_exchange_fn xfn;       /* nrn_par_set_exchange_callback */
    void *xud;
};

/* m's parallel state, made on first use; NULL after ENOMEM (message on m). */
static struct par *par_get(nrn_model *m)
{
    if (m->par)
        return m->par;
    struct par *p = model_alloc(m, sizeof *p);
    if (!p)
        return NULL;
    memset(p, 0, sizeof *p);
    p->comm.size = 1;
    p->maxstep = 1e9;
    p->interval = HUGE_VAL;
    p->xslot = -1;
    p->nthread = 1;
    m->par = p;
    return p;
}

void par_free(nrn_model *m)
{
    struct par *p = m->par;
    if (!p)
        return;
    free(p->tab);
    free(p->owned);
    free(p->rec);
    free(p->out);
    free(p);
    m->par = NULL;
}

static unsigned gid_hash(int gid)
{
    unsigned h = (unsigned)gid * 2654435761u;
    return h ^ (h >> 16);
}

/* The entry of gid, or NULL. */
static struct gident *gid_find(const struct par *p, int gid)
{
    if (!p || !p->cap)
        return NULL;
    for (unsigned i = gid_hash(gid) & (unsigned)(p->cap - 1);; i = (i + 1) & (unsigned)(p->cap - 1)) {
        if (p->tab[i].gid == gid)
            return &p->tab[i];
        if (p->tab[i].gid < 0)
            return NULL;
    }
}

/* A new entry for gid (not present); NULL on ENOMEM. */
static struct gident *gid_add(nrn_model *m, struct par *p, int gid)
{
    if (2 * (p->n + 1) > p->cap) {
        int cap = p->cap ? 2 * p->cap : 64;
        struct gident *t = model_alloc(m, sizeof *t * (size_t)cap);
        if (!t)
            return NULL;
        for (int i = 0; i < cap; i++)
            t[i].gid = -1;
        struct gident *old = p->tab;
        int oldcap = p->cap;
        p->tab = t;
        p->cap = cap;
        p->n = 0;
        for (int i = 0; i < oldcap; i++)
            if (old[i].gid >= 0)
                *gid_add(m, p, old[i].gid) = old[i];
        free(old);
    }
    unsigned i = gid_hash(gid) & (unsigned)(p->cap - 1);
    while (p->tab[i].gid >= 0)
        i = (i + 1) & (unsigned)(p->cap - 1);
    p->n++;
    p->tab[i] = (struct gident){ .gid = gid, .ps = -1 };
    return &p->tab[i];
}

int nrn_par_set_comm(nrn_model *m, const nrn_comm *comm)
{
    struct par *p = par_get(m);
    if (!p)
        return NRN_ENOMEM;
    if (comm) {
        p->comm = *comm;
        p->has_comm = 1;
    } else {
        memset(&p->comm, 0, sizeof p->comm);
        p->comm.size = 1;
        p->has_comm = 0;
    }
    return NRN_OK;
}

static int check_gid(nrn_model *m, int gid)
{
    return gid < 0 ? model_err(m, NRN_EINVAL, "gid must be >= 0, got %d", gid) : NRN_OK;
}

int nrn_gid_declare(nrn_model *m, int gid)
{
    struct par *p = par_get(m);
    int rc = check_gid(m, gid);
    if (!p || rc)
        return p ? rc : NRN_ENOMEM;
    struct gident *e = gid_find(p, gid);
    if (e && e->owned)
        return model_err(m, NRN_EEXIST, "gid %d is already set on rank %d", gid, p->comm.rank);
    if (p->nowned == p->capowned) {
        int cap = p->capowned ? 2 * p->capowned : 64;
        int *o = model_realloc(m, p->owned, sizeof(int) * (size_t)cap);
        if (!o)
            return NRN_ENOMEM;
        p->owned = o;
        p->capowned = cap;
    }
    if (!e && !(e = gid_add(m, p, gid)))
        return NRN_ENOMEM;
    e->owned = 1; /* NetCons made from it before wait on its input source for pc cell */
    p->owned[p->nowned++] = gid;
    p->dirty = 1;
    return NRN_OK;
}

/* 1 if entry e's source is still the input source of gid_connects made before pc cell. */
static int waits_for_cell(const nrn_model *m, const struct gident *e)
{
    return e->ps < 0 || m->pre[e->ps].pp == PRESYN_INPUT;
}

int nrn_gid_exists(const nrn_model *m, int gid)
{
    const struct gident *e = gid_find(m->par, gid);
    return !e || !e->owned ? 0 : waits_for_cell(m, e) ? 1 : 3;
}

/* The NetCons of source from go to source to (after its own), and from is dropped. */
static int move_netcons(nrn_model *m, int from, int to)
{
    struct presyn *f = &m->pre[from], *t = &m->pre[to];
    if (t->nnc + f->nnc > t->capnc) {
        int cap = t->nnc + f->nnc;
        int *l = model_realloc(m, t->nc, sizeof(int) * (size_t)cap);
        if (!l)
            return NRN_ENOMEM;
        t->nc = l;
        t->capnc = cap;
    }
    for (int k = 0; k < f->nnc; k++) {
        t->nc[t->nnc++] = f->nc[k];
        m->ncs[f->nc[k]]->presyn = to;
    }
    f->nnc = 0;
    f->gid = -1;
    f->pp = -2; /* a dead source (pproc.c's convention) */
    ev_sources_changed(m);
    return NRN_OK;
}

int nrn_gid_cell(nrn_model *m, int gid, const nrn_ref *source, int source_pp,
                 double threshold)
{
    struct gident *e = gid_find(m->par, gid);
    int rc = check_gid(m, gid);
    if (rc)
        return rc;
    if (!e || !e->owned)
        return model_err(m, NRN_ENOTFOUND, "gid %d is not set on rank %d (pc set_gid2node)",
                         gid, m->par ? m->par->comm.rank : 0);
    if (!waits_for_cell(m, e))
        return model_err(m, NRN_EEXIST, "gid %d already has a cell (%s)", gid,
                         m->pre[e->ps].label);
    char what[32];
    int ps;
    snprintf(what, sizeof what, "gid %d", gid);
    if ((rc = ev_source(m, what, source, source_pp, &ps)))
        return rc;
    if (m->pre[ps].gid >= 0)
        return model_err(m, NRN_EEXIST, "%s is already the cell of gid %d", m->pre[ps].label,
                         m->pre[ps].gid);
    if (e->ps >= 0 && (rc = move_netcons(m, e->ps, ps)))
        return rc;
    m->pre[ps].gid = gid;
    if (!isnan(threshold))
        m->pre[ps].threshold = threshold;
    ev_sources_changed(m);
    e->ps = ps;
    return NRN_OK;
}

int nrn_gid_connect(nrn_model *m, const char *name, int gid, int target_pp, int *id)
{
    m->wseq++; /* see nrn_model.wseq */
    struct par *p = par_get(m);
    int rc = check_gid(m, gid);
    if (!p || rc)
        return p ? rc : NRN_ENOMEM;
    struct gident *e = gid_find(p, gid);
    if (!e || e->ps < 0) {
        /* another rank's cell, or this rank's before its pc cell: an input source for now */
        char label[32];
        snprintf(label, sizeof label, "gid %d", gid);
        int ps = ev_presyn_get(m, NULL, PRESYN_INPUT, label);
        if (ps < 0 || (!e && !(e = gid_add(m, p, gid))))
            return NRN_ENOMEM;
        m->pre[ps].gid = gid;
        ev_sources_changed(m);
        e->ps = ps;
        p->dirty = 1;
    }
    return ev_netcon_add(m, name, e->ps, target_pp, id);
}

int nrn_spike_record(nrn_model *m, int gid, int tvec, int idvec)
{
    struct par *p = par_get(m);
    if (!p)
        return NRN_ENOMEM;
    if (gid < -1)
        return model_err(m, NRN_EINVAL, "gid must be >= 0 or -1 (all), got %d", gid);
    if (tvec < 0 || tvec >= m->nvec || idvec < 0 || idvec >= m->nvec)
        return model_err(m, NRN_ENOTFOUND, "spike_record: no such vector");
    if (p->nrec == p->caprec) {
        int cap = p->caprec ? 2 * p->caprec : 4;
        struct sprec *r = model_realloc(m, p->rec, sizeof *r * (size_t)cap);
        if (!r)
            return NRN_ENOMEM;
        p->rec = r;
        p->caprec = cap;
    }
    p->rec[p->nrec++] = (struct sprec){ .gid = gid, .tvec = tvec, .idvec = idvec };
    return NRN_OK;
}

/* A cell of this rank with gid spiked at t: record it, and send it when others listen. */
void par_spike_out(nrn_model *m, int gid, double t)
{
    struct par *p = m->par;
    if (!p)
        return;
    for (int k = 0; k < p->nrec; k++)
        if (p->rec[k].gid == -1 || p->rec[k].gid == gid) {
            ev_vec_append(m, p->rec[k].tvec, t);
            ev_vec_append(m, p->rec[k].idvec, gid);
        }
    if (p->comm.size < 2 || p->interval == HUGE_VAL)
        return;
    if (p->nout == p->capout) {
        int cap = p->capout ? 2 * p->capout : 64;
        nrn_spike *o = model_realloc(m, p->out, sizeof *o * (size_t)cap);
        if (!o) {
            m->ev_err = NRN_ENOMEM;
            return;
        }
        p->out = o;
        p->capout = cap;
    }
    p->out[p->nout++] = (nrn_spike){ .t = t, .gid = gid };
    p->counts.spikes_sent++;
}

/* finitialize: the spike records start empty, nothing is waiting to be sent. */
void par_init(nrn_model *m)
{
    struct par *p = m->par;
    if (!p)
        return;
    for (int k = 0; k < p->nrec; k++) {
        m->vecs[p->rec[k].tvec].n = 0;
        m->vecs[p->rec[k].idvec].n = 0;
    }
    p->nout = 0;
    p->xslot = -1;
    p->together = 0;
}

static int spike_cmp(const void *a, const void *b)
{
    const nrn_spike *x = a, *y = b;
    if (x->t != y->t)
        return x->t < y->t ? -1 : 1;
    return (x->gid > y->gid) - (x->gid < y->gid);
}

/*
** Every rank's spikes since the last exchange, in (t, gid) order so that what is done with
** them does not depend on the split: *all (malloc'ed, the caller frees it), *nall of them.
** Collective; counted in nrn_par_stats.
*/
int par_gather(nrn_model *m, double t, nrn_spike **all, int *nall)
{
    struct par *p = m->par;
    struct timespec t0, t1;
    *all = NULL;
    *nall = 0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (p->comm.allgather_spikes(p->comm.ud, p->out, p->nout, all, nall))
        return model_err(m, NRN_EIO, "spike exchange at t = %g failed", t);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    p->counts.exchange_s +=
        (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    p->nout = 0;
    p->counts.exchanges++;
    p->counts.spikes_received += *nall;
    qsort(*all, (size_t)*nall, sizeof **all, spike_cmp);
    return NRN_OK;
}

/* After an exchange between ranks: the caller's callback. */
void par_exchanged(nrn_model *m)
{
    if (m->par->xfn)
        m->par->xfn(m->par->xud, m);
}

int nrn_par_set_exchange_callback(nrn_model *m, nrn_exchange_fn fn, void *ud)
{
    struct par *p = par_get(m);
    if (!p)
        return NRN_ENOMEM;
    p->xfn = fn;
    p->xud = ud;
    return NRN_OK;
}

/* The input source standing for gid of another rank, or -1 (owned here, or unknown). */
int par_input_ps(const nrn_model *m, int gid)
{
    const struct gident *e = gid_find(m->par, gid);
    return e && !e->owned ? e->ps : -1;
}

/*
** The exchange event at t: every rank's spikes since the last one reach the cells that
** listen here, in (t, gid) order so that the queue's order does not depend on the split;
** the next exchange is queued.
*/
int par_exchange(nrn_model *m, double t)
{
    struct par *p = m->par;
    nrn_spike *all;
    int nall, rc = par_gather(m, t, &all, &nall);
    if (rc)
        return rc;
    for (int i = 0; i < nall; i++) {
        int ps = par_input_ps(m, all[i].gid);
        if (ps >= 0)
            ev_presyn_fire(m, ps, all[i].t);
    }
    free(all);
    par_exchanged(m);
    p->xslot = ev_push(m, t + p->interval, EV_EXCHANGE, 0, 0, 0);
    return p->xslot < 0 ? NRN_ENOMEM : NRN_OK;
}

/* The name of a NetCon from source ps, for messages. */
static const char *nc_of(const nrn_model *m, int ps)
{
    const struct presyn *s = &m->pre[ps];
    for (int k = 0; k < s->nnc; k++)
        if (m->ncs[s->nc[k]])
            return m->ncs[s->nc[k]]->name;
    return "?";
}

/* x combined over the ranks (op as nrn_comm.allreduce). */
static int reduce(nrn_model *m, struct par *p, double *x, int n, int op)
{
    if (p->comm.size > 1 && p->comm.allreduce(p->comm.ud, x, n, op))
        return model_err(m, NRN_EIO, "allreduce failed");
    return NRN_OK;
}

/*
** Ownership: every gid owned by one rank only, every connected gid owned by some rank.
** Collective when there are several ranks. On failure every rank returns an error: the
** rank that found it names the gid.
*/
static int check_owners(nrn_model *m, struct par *p)
{
    int *all = p->owned, nall = p->nowned, rc = NRN_OK;
    struct par seen = { 0 };
    if (p->comm.size > 1 && p->comm.allgather_ints(p->comm.ud, p->owned, p->nowned, &all, &nall))
        return model_err(m, NRN_EIO, "gid exchange failed");
    /* rank of each entry of all: counts per rank are unknown, so ranks are not named */
    for (int i = 0; i < nall && !rc; i++) {
        struct gident *e = gid_find(&seen, all[i]);
        if (e)
            rc = model_err(m, NRN_EEXIST, "gid %d is set on two ranks (pc set_gid2node)",
                           all[i]);
        else if (!gid_add(m, &seen, all[i]))
            rc = NRN_ENOMEM;
    }
    for (int i = 0; i < p->cap && !rc; i++) {
        const struct gident *e = &p->tab[i];
        if (e->gid >= 0 && !e->owned && !gid_find(&seen, e->gid))
            rc = model_err(m, NRN_ENOTFOUND, "gid %d is owned by no rank (NetCon %s)",
                           e->gid, nc_of(m, e->ps));
        else if (e->gid >= 0 && e->owned && e->ps >= 0 && waits_for_cell(m, e))
            rc = model_err(m, NRN_ENOTFOUND, "gid %d is owned by rank %d but has no cell "
                           "(pc cell; NetCon %s)", e->gid, p->comm.rank, nc_of(m, e->ps));
    }
    free(seen.tab);
    if (all != p->owned)
        free(all);
    double bad = rc != NRN_OK;
    int rrc = reduce(m, p, &bad, 1, 1);
    if (rrc)
        return rrc;
    if (bad)
        p->together = rc ? 1 : 2;
    if (bad && !rc)
        rc = model_err(m, NRN_EINVAL, "another rank found an error in the gids");
    if (!rc)
        p->dirty = 0;
    return rc;
}

/* The exchange interval: maxstep, or less when a NetCon from another rank is shorter.
** Collective. */
static int set_interval(nrn_model *m, struct par *p)
{
    double x[2] = { p->dirty, HUGE_VAL };
    int where = -1, rc;
    p->together = 0;
    for (int i = 0; i < p->cap; i++) {
        const struct gident *e = &p->tab[i];
        if (e->gid < 0 || e->owned)
            continue;
        const struct presyn *s = &m->pre[e->ps];
        for (int k = 0; k < s->nnc; k++) {
            const struct netcon *nc = m->ncs[s->nc[k]];
            if (nc && nc->delay < x[1])
                x[1] = nc->delay, where = s->nc[k];
        }
    }
    double mine = x[1];
    if ((rc = reduce(m, p, &x[0], 1, 1)) || (rc = reduce(m, p, &x[1], 1, 2)))
        return rc;
    if (x[0] && (rc = check_owners(m, p)))
        return rc;
    if (x[1] < m->dt) {
        p->together = mine == x[1] && where >= 0 ? 1 : 2;
        if (mine == x[1] && where >= 0)
            return model_err(m, NRN_EINVAL, "NetCon %s: delay %g ms between ranks is less "
                             "than dt = %g ms", m->ncs[where]->name, x[1], m->dt);
        return model_err(m, NRN_EINVAL, "a delay between ranks (%g ms) is less than dt = %g "
                         "ms", x[1], m->dt);
    }
    p->interval = p->comm.size > 1 && x[1] < HUGE_VAL
                      ? (x[1] < p->maxstep ? x[1] : p->maxstep) : HUGE_VAL;
    return NRN_OK;
}

int nrn_par_set_maxstep(nrn_model *m, double maxstep, double *interval)
{
    struct par *p = par_get(m);
    if (!p)
        return NRN_ENOMEM;
    if (!(maxstep > 0))
        return model_err(m, NRN_EINVAL, "maxstep must be > 0, got %g", maxstep);
    p->maxstep = maxstep;
    int rc = set_interval(m, p);
    if (!rc && interval)
        *interval = p->interval < HUGE_VAL ? p->interval : maxstep;
    return rc;
}

int nrn_psolve(nrn_model *m, double tstop)
{
    struct par *p = par_get(m);
    int rc;
    if (!p)
        return NRN_ENOMEM;
    if (!isfinite(tstop))
        return model_err(m, NRN_EINVAL, "tstop must be finite");
    p->counts.psolves++;
    if ((rc = set_interval(m, p)))
        return rc;
    if (cvode_local(m)) /* a part per cell, rounds as pc nthread's (cvode_local.c) */
        return thr_local_psolve(m, tstop);
    /* replicas are nrn-sweep's parallelism already */
    if (p->nthread > 1 && m->nrep <= 1 && thr_usable(m))
        return thr_psolve(m, tstop);
    int queued = p->xslot >= 0 && m->ev[p->xslot].hpos >= 0 &&
                 m->ev[p->xslot].kind == EV_EXCHANGE;
    if (!queued && p->interval < HUGE_VAL &&
        (p->xslot = ev_push(m, m->t + p->interval, EV_EXCHANGE, 0, 0, 0)) < 0)
        return model_err(m, NRN_ENOMEM, "out of memory in the event queue");
    if (cvode_active(m)) /* the variable step stops at tstop exactly, as NEURON's psolve;
                          ** the exchanges are events on the way */
        return cvode_continuerun(m, tstop);
    /* NEURON's psolve takes whole steps: as many as fit, to within 1e-9 of a step */
    double steps = (tstop - m->t) / m->dt + 1e-9;
    long n = steps > 0 ? (long)steps : 0;
    record_reserve(m, tstop);
    return fixed_nsteps(m, n);
}

int nrn_par_set_nthread(nrn_model *m, int n)
{
    struct par *p = par_get(m);
    if (!p)
        return NRN_ENOMEM;
    if (n < 1)
        return model_err(m, NRN_EINVAL, "nthread must be >= 1, got %d", n);
    p->nthread = n;
    return NRN_OK;
}

int nrn_par_nthread(const nrn_model *m)
{
    return m->par ? m->par->nthread : 1;
}

/* What threads.c needs of the rank side: the rank interval (HUGE_VAL: no exchange between
** ranks), pc.set_maxstep, and a collective minimum. */
double par_interval(const nrn_model *m)
{
    return m->par->interval;
}

double par_maxstep(const nrn_model *m)
{
    return m->par->maxstep;
}

int par_min(nrn_model *m, double *x)
{
    return reduce(m, m->par, x, 1, 2);
}

/* A collective check of threads.c failed on every rank: 1 here, 2 on another rank only. */
void par_failed_together(nrn_model *m, int how)
{
    m->par->together = how;
}

/* Seconds the threads spent exchanging (waiting for each other included). */
void par_add_thread_time(nrn_model *m, double s, int exchanges)
{
    m->par->counts.exchange_s += s;
    if (m->par->comm.size < 2 || m->par->interval == HUGE_VAL)
        m->par->counts.exchanges += exchanges;
}

void nrn_par_stats(const nrn_model *m, nrn_par_counts *c)
{
    if (m->par)
        *c = m->par->counts;
    else
        memset(c, 0, sizeof *c);
}

int nrn_spike_gid(const nrn_model *m)
{
    return m->spike_gid;
}

int nrn_par_failed_together(const nrn_model *m)
{
    return m->par ? m->par->together : 0;
}
