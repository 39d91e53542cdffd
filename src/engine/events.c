/*
** events.c: the event system (spec 5): one binary heap of timed events (NetCon
** deliveries, self events of point processes and artificial cells, Vector.play
** assignments), spike sources and NetCons, and the event services mechanisms call
** (net_send, net_move, net_event). The threshold check is thresholds.c's, the named
** vectors vectors.c's.
**
** Equal-time events are delivered first in, first out (a sequence number breaks ties).
** A fixed step checks thresholds at its start (a crossing found at grid time t is a
** spike at t + 1e-10), delivers the events due before its midpoint, and after the
** step delivers those due by its end (spec 2.2, 5.2, 5.3).
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nrn_int.h"

/* ---- the heap ---- */

static int ev_less(const nrn_model *m, int a, int b)
{
    const struct event *x = &m->ev[a], *y = &m->ev[b];
    return x->t < y->t || (x->t == y->t && x->seq < y->seq);
}

static void heap_set(nrn_model *m, int pos, int slot)
{
    m->heap[pos] = slot;
    m->ev[slot].hpos = pos;
}

static void sift_up(nrn_model *m, int pos)
{
    int slot = m->heap[pos];
    while (pos > 0) {
        int parent = (pos - 1) / 2;
        if (!ev_less(m, slot, m->heap[parent]))
            break;
        heap_set(m, pos, m->heap[parent]);
        pos = parent;
    }
    heap_set(m, pos, slot);
}

static void sift_down(nrn_model *m, int pos)
{
    int slot = m->heap[pos];
    for (;;) {
        int c = 2 * pos + 1;
        if (c >= m->nheap)
            break;
        if (c + 1 < m->nheap && ev_less(m, m->heap[c + 1], m->heap[c]))
            c++;
        if (!ev_less(m, m->heap[c], slot))
            break;
        heap_set(m, pos, m->heap[c]);
        pos = c;
    }
    heap_set(m, pos, slot);
}

/* Removes the event in slot from the heap and frees the slot. */
static void heap_remove(nrn_model *m, int slot)
{
    int pos = m->ev[slot].hpos;
    int last = m->heap[--m->nheap];
    if (pos < m->nheap) {
        heap_set(m, pos, last);
        sift_down(m, pos);
        sift_up(m, m->ev[last].hpos);
    }
    m->ev[slot].hpos = -1;
    m->ev[slot].a = m->freeev;
    m->freeev = slot;
    m->nev--;
}

/* Queues an event; returns its slot, or -1 when out of memory (m->ev_err set). */
int ev_push(nrn_model *m, double t, int kind, int a, int b, double flag)
{
    if (m->freeev < 0) {
        int cap = m->capev ? 2 * m->capev : 64;
        struct event *ev = model_realloc(m, m->ev, sizeof *ev * (size_t)cap);
        int *heap = ev ? model_realloc(m, m->heap, sizeof(int) * (size_t)cap) : NULL;
        if (ev)
            m->ev = ev;
        if (!heap) {
            m->ev_err = NRN_ENOMEM;
            return -1;
        }
        m->heap = heap;
        for (int i = cap - 1; i >= m->capev; i--) {
            m->ev[i].hpos = -1;
            m->ev[i].a = m->freeev;
            m->freeev = i;
        }
        m->capev = cap;
    }
    int slot = m->freeev;
    struct event *e = &m->ev[slot];
    m->freeev = e->a;
    e->t = t;
    e->seq = m->evseq++;
    e->kind = kind;
    e->a = a;
    e->b = b;
    e->flag = flag;
    m->heap[m->nheap] = slot;
    e->hpos = m->nheap++;
    m->nev++;
    sift_up(m, e->hpos);
    return slot;
}

/* Empties the queue (finitialize). */
void ev_clear(nrn_model *m)
{
    while (m->nheap)
        heap_remove(m, m->heap[0]);
    for (int i = 0; i < m->npp; i++)
        if (m->pps[i])
            m->pps[i]->tqitem = -1;
}


/* 1 if two references name the same value (field by field: the struct has padding). */
static int same_ref(const nrn_ref *a, const nrn_ref *b)
{
    return a->kind == b->kind && a->sec == b->sec && a->x == b->x && a->mech == b->mech &&
           a->var == b->var && a->obj == b->obj;
}

/* index_* callbacks of m->prerefs: spike sources that watch a value (not an object). */
static int presyn_match(const nrn_model *m, int id, const void *key)
{
    return id < m->npre && m->pre[id].pp == -1 && same_ref(&m->pre[id].ref, key);
}

int presyn_rehash(const nrn_model *m, int id, const void *ctx, unsigned *hash)
{
    (void)ctx;
    if (id >= m->npre || m->pre[id].pp != -1)
        return 0;
    *hash = names_hash_ref(&m->pre[id].ref);
    return 1;
}

/* The presyn watching ref (or made of object pp), created if new; -1 on ENOMEM. NetCons
** watching the same value share one detector and one threshold, as in NEURON. pp
** PRESYN_INPUT (ref NULL) always makes a new source standing for another rank's cell. */
int ev_presyn_get(nrn_model *m, const nrn_ref *ref, int pp, const char *label)
{
    int found = pp >= 0               ? m->pps[pp]->presyn
                : pp == PRESYN_INPUT ? -1
                                      : index_find(m, &m->prerefs, names_hash_ref(ref),
                                                   presyn_match, ref);
    if (found >= 0)
        return found;
    if (pp == -1 && index_add(m, &m->prerefs, names_hash_ref(ref), m->npre, presyn_rehash, NULL))
        return -1;
    if (m->npre == m->cappre) {
        int cap = m->cappre ? 2 * m->cappre : 16;
        struct presyn *p = model_realloc(m, m->pre, sizeof *p * (size_t)cap);
        if (!p)
            return -1;
        m->pre = p;
        m->cappre = cap;
    }
    char *lab = model_strdup(m, label);
    if (!lab)
        return -1;
    struct presyn *p = &m->pre[m->npre];
    memset(p, 0, sizeof *p);
    if (ref)
        p->ref = *ref;
    p->pp = pp;
    p->gen = -1;
    p->threshold = 10;
    p->recvec = -1;
    p->gid = -1;
    p->label = lab;
    if (pp >= 0)
        m->pps[pp]->presyn = m->npre;
    ev_sources_changed(m);
    return m->npre++;
}

/* names_* callback: the name of NetCon id, NULL when deleted or past the end. */
const char *nc_name_of(const nrn_model *m, int id)
{
    return id >= 0 && id < m->nnc && m->ncs[id] ? m->ncs[id]->name : NULL;
}

int nrn_netcon_find(const nrn_model *m, const char *name)
{
    return names_find(m, &m->ncnames, name, nc_name_of);
}

/* NRN_OK if a new NetCon may be called name and deliver to target_pp (-1: none). */
static int netcon_check(nrn_model *m, const char *name, int target_pp)
{
    if (!name || !*name)
        return model_err(m, NRN_EINVAL, "empty NetCon name");
    if (nrn_netcon_find(m, name) >= 0 || nrn_pp_find(m, name) >= 0)
        return model_err(m, NRN_EEXIST, "an object named \"%s\" already exists", name);
    if (target_pp >= 0 && (target_pp >= m->npp || !m->pps[target_pp]))
        return model_err(m, NRN_ENOTFOUND, "NetCon %s: no target object %d", name, target_pp);
    const nrn_mech_type *td = target_pp >= 0 ? m->types[m->pps[target_pp]->type].d : NULL;
    if (td && !td->net_receive)
        return model_err(m, NRN_EINVAL, "NetCon %s: %s (%s) does not receive events", name,
                         m->pps[target_pp]->name, td->name);
    return NRN_OK;
}

int nrn_netcon_new(nrn_model *m, const char *name, const nrn_ref *source, int source_pp,
                   int target_pp, int *id)
{
    m->wseq++; /* see nrn_model.wseq */
    int ps, rc = netcon_check(m, name, target_pp);
    if (rc || (rc = ev_source(m, name, source, source_pp, &ps)))
        return rc;
    return ev_netcon_add(m, name, ps, target_pp, id);
}

/* The spike source of value source, or else of object source_pp, made if new, in *ps;
** what names the caller in messages. */
int ev_source(nrn_model *m, const char *what, const nrn_ref *source, int source_pp, int *ps)
{
    if (!source && (source_pp < 0 || source_pp >= m->npp || !m->pps[source_pp]))
        return model_err(m, NRN_EINVAL, "%s: no source", what);
    char label[256];
    if (source) {
        double v;
        int rc = nrn_ref_get(m, source, &v);
        if (rc)
            return rc;
        ref_label(m, source, label, sizeof label);
    } else {
        snprintf(label, sizeof label, "%s", m->pps[source_pp]->name);
    }
    *ps = ev_presyn_get(m, source, source ? -1 : source_pp, label);
    return *ps < 0 ? NRN_ENOMEM : NRN_OK;
}

/* A new NetCon name from spike source ps (checked by netcon_check) to target_pp. */
int ev_netcon_add(nrn_model *m, const char *name, int ps, int target_pp, int *id)
{
    int rc = netcon_check(m, name, target_pp);
    if (rc)
        return rc;
    const nrn_mech_type *td = target_pp >= 0 ? m->types[m->pps[target_pp]->type].d : NULL;
    if (m->nnc == m->capnc) {
        int cap = m->capnc ? 2 * m->capnc : 16;
        struct netcon **n = model_realloc(m, m->ncs, sizeof *n * (size_t)cap);
        if (!n)
            return NRN_ENOMEM;
        m->ncs = n;
        m->capnc = cap;
    }
    struct netcon *nc = model_alloc(m, sizeof *nc);
    if (!nc || !(nc->name = model_strdup(m, name))) {
        free(nc);
        return NRN_ENOMEM;
    }
    struct presyn *p = &m->pre[ps];
    if (p && p->nnc == p->capnc) {
        int cap = p->capnc ? 2 * p->capnc : 4;
        int *l = model_realloc(m, p->nc, sizeof(int) * (size_t)cap);
        if (l)
            p->nc = l, p->capnc = cap;
        else
            p = NULL;
    }
    if (!p || names_add(m, &m->ncnames, name, m->nnc, nc_name_of)) {
        free(nc->name), free(nc);
        return NRN_ENOMEM;
    }
    nc->presyn = ps;
    nc->target = target_pp;
    nc->delay = 1;
    nc->nweight = td && td->nweight > 0 ? td->nweight : 1;
    nc->active = 1;
    p->nc[p->nnc++] = m->nnc;
    ev_sources_changed(m);
    m->ncs[m->nnc] = nc;
    if (id)
        *id = m->nnc;
    m->nnc++;
    return NRN_OK;
}

/* The live NetCon nc, or NULL with a message. */
static struct netcon *get_nc(nrn_model *m, int nc)
{
    if (nc < 0 || nc >= m->nnc || !m->ncs[nc]) {
        model_err(m, NRN_ENOTFOUND, "no NetCon with id %d", nc);
        return NULL;
    }
    return m->ncs[nc];
}

int nrn_netcon_delete(nrn_model *m, int id)
{
    m->wseq++; /* see nrn_model.wseq */
    struct netcon *nc = get_nc(m, id);
    if (!nc)
        return NRN_ENOTFOUND;
    struct presyn *p = &m->pre[nc->presyn];
    for (int k = 0; k < p->nnc; k++)
        if (p->nc[k] == id) {
            memmove(p->nc + k, p->nc + k + 1, sizeof(int) * (size_t)(p->nnc - k - 1));
            p->nnc--;
            ev_sources_changed(m);
            break;
        }
    record_object_gone(m, 1, id);
    free(nc->name);
    free(nc);
    m->ncs[id] = NULL;
    return NRN_OK;
}

int nrn_netcon_set(nrn_model *m, int id, nrn_ncprop prop, double value)
{
    m->wseq++; /* see nrn_model.wseq */
    struct netcon *nc = get_nc(m, id);
    if (!nc)
        return NRN_ENOTFOUND;
    if (!isfinite(value))
        return model_err(m, NRN_EINVAL, "NetCon %s: value must be finite", nc->name);
    switch (prop) {
    case NRN_NC_THRESHOLD:
        m->pre[nc->presyn].threshold = value;
        ev_sources_changed(m);
        return NRN_OK;
    case NRN_NC_DELAY:
        if (value < 0)
            return model_err(m, NRN_EINVAL, "delay must be >= 0, got %g", value);
        nc->delay = value;
        return NRN_OK;
    case NRN_NC_WEIGHT:
        nc->weight[0] = value;
        return NRN_OK;
    case NRN_NC_ACTIVE:
        nc->active = value != 0;
        return NRN_OK;
    }
    return model_err(m, NRN_EINVAL, "unknown NetCon property %d", (int)prop);
}

int nrn_netcon_get(nrn_model *m, int id, nrn_ncprop prop, double *value)
{
    struct netcon *nc = get_nc(m, id);
    if (!nc)
        return NRN_ENOTFOUND;
    switch (prop) {
    case NRN_NC_THRESHOLD: *value = m->pre[nc->presyn].threshold; return NRN_OK;
    case NRN_NC_DELAY: *value = nc->delay; return NRN_OK;
    case NRN_NC_WEIGHT: *value = nc->weight[0]; return NRN_OK;
    case NRN_NC_ACTIVE: *value = nc->active; return NRN_OK;
    }
    return model_err(m, NRN_EINVAL, "unknown NetCon property %d", (int)prop);
}

int nrn_netcon_set_weight(nrn_model *m, int id, int k, double w)
{
    m->wseq++; /* see nrn_model.wseq */
    struct netcon *nc = get_nc(m, id);
    if (!nc)
        return NRN_ENOTFOUND;
    if (k < 0 || k >= nc->nweight)
        return model_err(m, NRN_EINVAL, "NetCon %s has %d weights, no weight[%d]", nc->name,
                         nc->nweight, k);
    if (!isfinite(w))
        return model_err(m, NRN_EINVAL, "weight must be finite");
    nc->weight[k] = w;
    return NRN_OK;
}

int nrn_netcon_get_weight(nrn_model *m, int id, int k, double *w)
{
    struct netcon *nc = get_nc(m, id);
    if (!nc)
        return NRN_ENOTFOUND;
    if (k < 0 || k >= nc->nweight)
        return model_err(m, NRN_EINVAL, "NetCon %s has %d weights, no weight[%d]", nc->name,
                         nc->nweight, k);
    *w = nc->weight[k];
    return NRN_OK;
}

int nrn_netcon_weight_count(const nrn_model *m, int id)
{
    return id >= 0 && id < m->nnc && m->ncs[id] ? m->ncs[id]->nweight : 0;
}

/* Pointer to weight k of NetCon id (value paths), or NULL. */
double *netcon_weight_ptr(nrn_model *m, int id, int k)
{
    struct netcon *nc = id >= 0 && id < m->nnc ? m->ncs[id] : NULL;
    return nc && k >= 0 && k < nc->nweight ? &nc->weight[k] : NULL;
}

int nrn_netcon_record(nrn_model *m, int id, int vec)
{
    struct netcon *nc = get_nc(m, id);
    if (!nc)
        return NRN_ENOTFOUND;
    if (vec >= m->nvec)
        return model_err(m, NRN_ENOTFOUND, "no vector with id %d", vec);
    m->pre[nc->presyn].recvec = vec < 0 ? -1 : vec;
    return NRN_OK;
}

void nrn_set_spike_callback(nrn_model *m, nrn_spike_fn fn, void *ud)
{
    m->spike_fn = fn;
    m->spike_ud = ud;
    m->spike_collects = 0;
}

void nrn_set_spike_collector(nrn_model *m, nrn_spike_fn fn, void *ud)
{
    nrn_set_spike_callback(m, fn, ud);
    m->spike_collects = 1;
}

/* Source ps spikes at ts: record it and queue a delivery per active NetCon with a target.
** A cell with a gid also sends its spike to the other ranks; a cell of another rank
** (PRESYN_INPUT) was recorded there. */
void ev_presyn_fire(nrn_model *m, int ps, double ts)
{
    struct presyn *p = &m->pre[ps];
    if (p->nnc == 0 && p->gid < 0)
        return; /* NEURON drops a source with its last NetCon */
    if (p->recvec >= 0)
        ev_vec_append(m, p->recvec, ts);
    if (p->pp != PRESYN_INPUT) {
        if (m->spike_fn) {
            m->spike_gid = p->gid;
            m->spike_ps = ps;
            m->spike_fn(m->spike_ud, m, p->label, ts);
        }
        if (p->gid >= 0)
            par_spike_out(m, p->gid, ts);
    }
    for (int k = 0; k < p->nnc; k++) {
        const struct netcon *nc = m->ncs[p->nc[k]];
        if (nc->active && nc->target >= 0 && m->pps[nc->target])
            ev_push(m, ts + nc->delay, EV_NETCON, p->nc[k], 0, 0);
    }
}

/* ---- Vector.play ---- */

int nrn_play(nrn_model *m, const nrn_ref *ref, int y, int tvec, double dt_play, int continuous)
{
    m->wseq++; /* see nrn_model.wseq */
    double v;
    int rc = nrn_ref_get(m, ref, &v);
    if (rc)
        return rc;
    if (y < 0 || y >= m->nvec || tvec >= m->nvec)
        return model_err(m, NRN_ENOTFOUND, "play: no such vector");
    if (tvec < 0 && !(dt_play > 0))
        return model_err(m, NRN_EINVAL, "play: the time step must be > 0, got %g", dt_play);
    if (tvec < 0 && !isfinite(dt_play))
        return model_err(m, NRN_EINVAL, "play: the time step must be finite, got %g", dt_play);
    if (tvec >= 0 && m->vecs[tvec].n < m->vecs[y].n)
        return model_err(m, NRN_EINVAL, "play: the time vector %s is shorter than %s",
                         m->vecs[tvec].name, m->vecs[y].name);
    if (tvec >= 0) { /* equal times are a step (NEURON's discontinuities), decreasing ones not */
        const double *t = m->vecs[tvec].data;
        for (size_t i = 0; i < m->vecs[y].n; i++)
            if (!isfinite(t[i]) || (i > 0 && t[i] < t[i - 1]))
                return model_err(m, NRN_EINVAL, isfinite(t[i])
                                 ? "play: times must not decrease: %s[%zu] = %g after %g"
                                 : "play: times must be finite: %s[%zu] = %g",
                                 m->vecs[tvec].name, i, t[i], i > 0 ? t[i - 1] : 0.0);
    }
    if (m->nplay == m->capplay) {
        int cap = m->capplay ? 2 * m->capplay : 4;
        struct play *p = model_realloc(m, m->plays, sizeof *p * (size_t)cap);
        if (!p)
            return NRN_ENOMEM;
        m->plays = p;
        m->capplay = cap;
    }
    m->plays[m->nplay++] = (struct play){ .ref = *ref, .gen = -1, .y = y, .tvec = tvec,
                                          .dt_play = dt_play, .continuous = continuous };
    return NRN_OK;
}

void nrn_play_clear(nrn_model *m)
{
    m->wseq++; /* see nrn_model.wseq */
    m->nplay = 0;
}

/* Time of element i of play p. */
static double play_time(const nrn_model *m, const struct play *p, int i)
{
    return p->tvec >= 0 ? m->vecs[p->tvec].data[i] : i * p->dt_play;
}

static double *play_ptr(nrn_model *m, struct play *p)
{
    if (p->gen != m->gen) {
        p->ptr = ref_ptr(m, &p->ref);
        p->gen = m->gen;
    }
    return p->ptr;
}

/*
** Continuous plays: the value at t interpolated linearly between the two bracketing
** points; before the first time the first value; after the last time the last segment
** is extended (NEURON's VecPlayContinuous does the same).
*/
void ev_play_continuous(nrn_model *m, double t)
{
    for (int k = 0; k < m->nplay; k++) {
        struct play *p = &m->plays[k];
        const struct vec *y = &m->vecs[p->y];
        double *dst = play_ptr(m, p);
        if (!p->continuous || !dst || y->n == 0)
            continue;
        int n = (int)y->n, hi;
        if (t <= play_time(m, p, 0) || n == 1) {
            *dst = y->data[0];
            continue;
        }
        if (t >= play_time(m, p, n - 1)) {
            hi = n - 1;
        } else {
            int lo = 0;
            hi = n - 1; /* play_time(lo) < t < play_time(hi) */
            while (hi - lo > 1) {
                int mid = (lo + hi) / 2;
                if (play_time(m, p, mid) <= t)
                    lo = mid;
                else
                    hi = mid;
            }
        }
        double x0 = y->data[hi - 1], x1 = y->data[hi];
        double t0 = play_time(m, p, hi - 1), t1 = play_time(m, p, hi);
        *dst = t0 == t1 ? (x0 + x1) / 2. : x0 + (x1 - x0) * (t - t0) / (t1 - t0);
    }
}

/* ---- delivery ---- */

/* Runs NET_RECEIVE of object pp at time te. */
static void receive(nrn_model *m, int pp, double te, double *w, double flag)
{
    double zero[NRN_MAXWEIGHT]; /* not static: models on other threads deliver at once */
    struct pproc *p = pp >= 0 && pp < m->npp ? m->pps[pp] : NULL;
    if (!p)
        return;
    struct mtype *mt = &m->types[p->type];
    if (!mt->d->net_receive)
        return;
    nrn_mech_ctx c = ev_ctx(m, te);
    if (!w) {
        memset(zero, 0, sizeof zero);
        w = zero;
    }
    mt->d->net_receive(&c, &mt->md, p->inst, w, flag);
}

/* Delivers every queued event with time <= tlimit, in time order; each sees t = its
** time. Events queued meanwhile that are also due are delivered in the same pass. */
int ev_deliver(nrn_model *m, double tlimit)
{
    double tsave = m->t;
    unsigned long count = 0;
    while (m->nheap && m->ev[m->heap[0]].t <= tlimit) {
        int slot = m->heap[0];
        if ((++count & 4095) == 0 && m->cancel && *m->cancel) {
            m->t = tsave;
            return model_err(m, NRN_ECANCELED, "cancelled at t = %g", m->t);
        }
        struct event e = m->ev[slot];
        heap_remove(m, slot);
        m->t = e.t;
        switch (e.kind) {
        case EV_NETCON: {
            struct netcon *nc = e.a < m->nnc ? m->ncs[e.a] : NULL;
            if (nc && nc->target >= 0)
                receive(m, nc->target, e.t, nc->weight, 0);
            break;
        }
        case EV_SELF: {
            struct pproc *p = e.a < m->npp ? m->pps[e.a] : NULL;
            if (p && p->tqitem == slot)
                p->tqitem = -1;
            receive(m, e.a, e.t, NULL, e.flag);
            break;
        }
        case EV_PLAY: {
            struct play *p = e.a < m->nplay ? &m->plays[e.a] : NULL;
            double *dst = p ? play_ptr(m, p) : NULL;
            if (dst && !p->continuous && (size_t)e.b < m->vecs[p->y].n)
                *dst = m->vecs[p->y].data[e.b];
            if (p && (size_t)(e.b + 1) < m->vecs[p->y].n)
                ev_push(m, play_time(m, p, e.b + 1), EV_PLAY, e.a, e.b + 1, 0);
            break;
        }
        case EV_EXCHANGE:
            if ((m->ev_err = par_exchange(m, e.t)) != NRN_OK) {
                int rc = m->ev_err;
                m->ev_err = 0;
                m->t = tsave;
                return rc;
            }
            break;
        }
    }
    m->t = tsave;
    int rc = m->ev_err;
    m->ev_err = 0;
    /* an unset POINTER (pointer.c) left its own message */
    return rc == NRN_ENOMEM ? model_err(m, rc, "out of memory in the event queue") : rc;
}

/* finitialize's part (spec 3 steps 5-6, 10): clear the queue, reset spike sources and
** their record vectors, start the discrete plays, and under CVODE the continuous ones too
** (their t <= 0 events are delivered by the caller), reset the random streams. */
int ev_init(nrn_model *m)
{
    ev_clear(m);
    m->evseq = 0;
    ev_sources_changed(m);
    for (int i = 0; i < m->npre; i++) {
        m->pre[i].flag = 0;
        if (m->pre[i].recvec >= 0)
            m->vecs[m->pre[i].recvec].n = 0;
    }
    for (int i = 0; i < m->npp; i++)
        if (m->pps[i]) {
            m->pps[i]->draws = 0;
            if (m->pps[i]->recvec >= 0)
                m->vecs[m->pps[i]->recvec].n = 0;
        }
    /* under CVODE a continuous play's times are events too, as NEURON's: each one
    ** restarts the integrator there (the value itself is interpolated at every f) */
    for (int k = 0; k < m->nplay; k++)
        if ((!m->plays[k].continuous || cvode_active(m)) && m->vecs[m->plays[k].y].n)
            ev_push(m, play_time(m, &m->plays[k], 0), EV_PLAY, k, 0, 0);
    ev_play_continuous(m, 0);
    watch_clear(m);
    par_init(m);
    int rc = m->ev_err;
    m->ev_err = 0;
    return rc;
}

/* Frees everything the event system owns (model destruction). */
void ev_free_all(nrn_model *m)
{
    for (int i = 0; i < m->npre; i++) {
        free(m->pre[i].nc);
        free(m->pre[i].label);
    }
    free(m->pre);
    free(m->thr.ptr), free(m->thr.run), free(m->thr.thr), free(m->thr.flag), free(m->thr.idx);
    memset(&m->thr, 0, sizeof m->thr);
    for (int i = 0; i < m->nnc; i++)
        if (m->ncs[i]) {
            free(m->ncs[i]->name);
            free(m->ncs[i]);
        }
    free(m->ncs);
    for (int i = 0; i < m->nvec; i++) {
        free(m->vecs[i].name);
        free(m->vecs[i].data);
    }
    free(m->vecs);
    free(m->plays);
    free(m->ev);
    free(m->heap);
}

/* ---- services for mechanisms ---- */

void nrn_net_send(const nrn_mech_ctx *c, nrn_mech_data *md, int inst, double delay, double flag)
{
    nrn_model *m = c->model;
    int pp = md->obj[inst];
    int slot = ev_push(m, c->t + delay, EV_SELF, pp, 0, flag);
    if (slot >= 0)
        m->pps[pp]->tqitem = slot;
}

void nrn_net_move(const nrn_mech_ctx *c, nrn_mech_data *md, int inst, double t)
{
    nrn_model *m = c->model;
    struct pproc *p = m->pps[md->obj[inst]];
    if (p->tqitem < 0)
        return;
    double flag = m->ev[p->tqitem].flag;
    heap_remove(m, p->tqitem);
    p->tqitem = ev_push(m, t, EV_SELF, md->obj[inst], 0, flag);
}

void nrn_net_event(const nrn_mech_ctx *c, nrn_mech_data *md, int inst, double t)
{
    nrn_model *m = c->model;
    struct pproc *p = m->pps[md->obj[inst]];
    if (p->presyn >= 0)
        ev_presyn_fire(m, p->presyn, t);
}

void nrn_mech_record(const nrn_mech_ctx *c, nrn_mech_data *md, int inst, double value)
{
    nrn_model *m = c->model;
    struct pproc *p = m->pps[md->obj[inst]];
    if (p->recvec >= 0)
        ev_vec_append(m, p->recvec, value);
}
