/*
** threads_split.c: the rank's model split into one model per thread (or, under the local
** step, per cell), each a copy of the rank's pruned to its cells (nrn_model_clone's part
** form): its sections, objects, NetCons, records, plays, vectors and spike sources
** renumbered from 0 (the maps back are the part's: secmap, ppmap, ncmap, recmap, playmap,
** vecmap, premap), other parts' spike sources inputs; the queued events routed to the
** parts of their targets. At the end of the run each part's
** values, GLOBALs, vectors and pending events go back into the rank's model. The rounds
** that run the parts are threads.c's.
*/
#include <stdlib.h>
#include <string.h>
#include "threads_int.h"

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
    th->out[th->nout++] = (struct tspike){ t, th->premap[sub->spike_ps], sub->spike_gid, th->id };
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
int thr_presyn_owner(const struct run *r, int ps)
{
    const struct presyn *p = &r->m->pre[ps];
    if (p->pp >= 0)
        return r->ppown[p->pp];
    return p->pp == -1 ? ref_owner(r, &p->ref) : -1;
}

/* The cells: owner of each section and object. Returns the number of cells. */
int thr_partition(struct run *r, int nthread)
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

static int uf_root(int *up, int k)
{
    while (up[k] != k)
        k = up[k] = up[up[k]];
    return k;
}

/*
** The local step's parts joined by a NetCon of delay 0 become one part (one CVODE for
** them): a round between them would have no length. NEURON's cells share one queue and
** take such an event at the spike's time; in a part it is delivered at that time too.
** Parts keep the order of their first cell; returns their number.
*/
int thr_group_zero_delay(struct run *r)
{
    nrn_model *m = r->m;
    int n = r->n, *up = model_alloc(m, sizeof(int) * (size_t)(2 * n + 1)), *id = up + n;
    if (!up)
        return n;
    for (int k = 0; k < n; k++)
        up[k] = k;
    int merged = 0;
    for (int i = 0; i < m->nnc; i++) {
        const struct netcon *nc = m->ncs[i];
        if (!nc || nc->target < 0 || !m->pps[nc->target] || nc->delay > 0)
            continue;
        int a = thr_presyn_owner(r, nc->presyn), b = r->ppown[nc->target];
        if (a >= 0 && (a = uf_root(up, a)) != (b = uf_root(up, b)))
            up[a > b ? a : b] = a < b ? a : b, merged = 1;
    }
    if (!merged) {
        free(up);
        return n;
    }
    int ng = 0;
    for (int k = 0; k < n; k++)
        id[k] = uf_root(up, k) == k ? ng++ : id[uf_root(up, k)];
    for (int i = 0; i < m->nsec; i++)
        r->secown[i] = id[r->secown[i]];
    for (int i = 0; i < m->npp; i++)
        r->ppown[i] = id[r->ppown[i]];
    free(up);
    return ng;
}

/* The POINTER bindings of th's cells, renumbered (newid: m's section ids to th's, r->ppl
** and the part's NetCon ids its objects and NetCons). A POINTER of one cell to a value of
** a cell on another thread would read a copy that thread never updates: NRN_EINVAL with
** one line naming both. */
static int prune_pointers(struct run *r, struct thr *th, const int *newid,
                          const struct part_keep *keep)
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
        else
            b.pp = r->ppl[b.pp];
        if (b.src.sec >= 0)
            b.src.sec = newid[b.src.sec];
        if (b.src.obj >= 0 && ref_obj_is_pp(&b.src))
            b.src.obj = r->ppl[b.src.obj];
        else if (b.src.obj >= 0 && ref_obj_is_netcon(&b.src))
            b.src.obj = part_nc_id(m, r->ppown, r->preown, keep, th->id, b.src.obj);
        s->pbs[n++] = b;
    }
    s->npb = n;
    return NRN_OK;
}

/* A copy of the n ints of a (at least one int). */
static int *dup_ids(nrn_model *m, const int *a, int n)
{
    int *p = model_malloc(m, sizeof(int) * (size_t)(n + 1));
    if (p && n)
        memcpy(p, a, sizeof(int) * (size_t)n);
    return p;
}

/*
** Renumbers th's part (its own sections only, objects, spike sources, records and plays:
** see the file comment) into its own section ids: newid maps m's section ids to their
** part's (valid for the part's own sections, the only ones it refers to). The maps back
** to m's ids are th's.
*/
static int prune(struct run *r, struct thr *th, const struct part_keep *keep, const int *newid)
{
    nrn_model *m = r->m, *s = th->sub;
    int k = th->id;
    th->secmap = dup_ids(m, keep->sec, keep->nsec);
    th->recmap = dup_ids(m, keep->rec, keep->nrec);
    th->playmap = dup_ids(m, keep->play, keep->nplay);
    th->ppmap = dup_ids(m, keep->pp, keep->npp);
    th->ncmap = dup_ids(m, keep->nc, keep->nnc);
    th->vecn = model_alloc(m, sizeof(size_t) * (size_t)(s->nvec + 1));
    if (!th->secmap || !th->recmap || !th->playmap || !th->ppmap || !th->ncmap || !th->vecn)
        return NRN_ENOMEM;
    th->nsec = s->nsec;
    for (int i = 0; i < s->nsec; i++) {
        struct section *sec = s->secs[i];
        if (sec->parent >= 0)
            sec->parent = newid[sec->parent];
        for (int c = 0; c < sec->nchild; c++)
            sec->child[c] = newid[sec->child[c]];
    }
    for (int j = 0; j < keep->npp; j++) {
        struct pproc *p = s->pps[j];
        if (!p)
            continue;
        if (p->sec >= 0)
            p->sec = newid[p->sec];
        p->draws = m->pps[keep->pp[j]]->draws;
    }
    int rc = prune_pointers(r, th, newid, keep);
    if (rc)
        return rc;
    for (int i = 0; i < s->npre; i++) { /* renumbered: m's premap[i] */
        struct presyn *p = &s->pre[i];
        p->recvec = -1; /* NetCon.record: the rank's model gets the spike at the exchange */
        if (p->pp == PRESYN_INPUT || p->pp == -2)
            continue;
        if (r->preown[th->premap[i]] != k) {
            p->pp = PRESYN_INPUT;
            continue;
        }
        if (p->pp == -1 && p->ref.sec >= 0)
            p->ref.sec = newid[p->ref.sec];
        p->flag = m->pre[th->premap[i]].flag;
    }
    ev_sources_changed(s);
    for (int i = 0; i < s->nrec; i++) /* the part's only (model_clone_part) */
        if (s->recs[i].ref.sec >= 0)
            s->recs[i].ref.sec = newid[s->recs[i].ref.sec];
    for (int i = 0; i < s->nplay; i++)
        if (s->plays[i].ref.sec >= 0)
            s->plays[i].ref.sec = newid[s->plays[i].ref.sec];
    for (int i = 0; i < s->nvec; i++)
        th->vecn[i] = s->vecs[i].n;
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

/* A queued event to sort: of a thread (going back to m's queue), or of m (route_events). */
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
    /* (t, seq) order: equal times keep their first in, first out order (seq is unique) */
    if (nev > 1) {
        struct pend *pe = model_alloc(m, sizeof *pe * (size_t)nev);
        if (!pe) {
            free(slots);
            return NRN_ENOMEM;
        }
        for (int i = 0; i < nev; i++)
            pe[i] = (struct pend){ m->ev[slots[i]].t, m->ev[slots[i]].seq, 0, slots[i] };
        qsort(pe, (size_t)nev, sizeof *pe, pend_cmp);
        for (int i = 0; i < nev; i++)
            slots[i] = pe[i].slot;
        free(pe);
    }
    for (int i = 0; i < nev && rc == NRN_OK; i++) {
        const struct event *e = &m->ev[slots[i]];
        int k = 0, a = e->a;
        if (e->kind == EV_EXCHANGE)
            continue;
        if (e->kind == EV_NETCON) { /* the target's part's copy of the NetCon */
            const struct netcon *nc = a < m->nnc ? m->ncs[a] : NULL;
            if (!nc || nc->target < 0 || !m->pps[nc->target])
                continue;
            k = r->ppown[nc->target];
            a = r->nctl[a];
        } else if (e->kind == EV_SELF) {
            if (a >= m->npp || !m->pps[a])
                continue;
            k = r->ppown[a];
            a = r->ppl[a];
        } else if (e->kind == EV_PLAY) {
            k = ref_owner(r, &m->plays[a].ref);
            a = play_in(&r->th[k], a);
        }
        nrn_model *s = r->th[k].sub;
        int slot = ev_push(s, e->t, e->kind, a, e->b, e->flag);
        if (slot < 0)
            rc = NRN_ENOMEM;
        else if (e->kind == EV_SELF && m->pps[e->a]->tqitem == slots[i])
            s->pps[a]->tqitem = slot;
    }
    free(slots);
    return rc;
}

/* The parts each list in id order, as offsets into one array (CSR). */
struct lists {
    int *off, *id;
};

/*
** What each part keeps of m's NetCons (those from or to its cells) and spike sources (its
** own and those with NetCons to its cells), listed once for all parts: a part per cell of
** a large network would otherwise look at every NetCon once per cell.
*/
static int keep_lists(const struct run *r, struct lists *nc, struct lists *pre)
{
    const nrn_model *m = r->m;
    int n = r->n, total = 0;
    nc->off = calloc((size_t)n + 2, sizeof(int));
    pre->off = calloc((size_t)n + 2, sizeof(int));
    int *stamp = malloc(sizeof(int) * ((size_t)n + 1));
    nc->id = malloc(sizeof(int) * (2 * (size_t)m->nnc + 1));
    if (!nc->off || !pre->off || !stamp || !nc->id) {
        free(stamp);
        return NRN_ENOMEM;
    }
    for (int pass = 0; pass < 2; pass++) { /* count, then fill */
        for (int i = 0; i < m->nnc; i++) {
            const struct netcon *c = m->ncs[i];
            if (!c)
                continue;
            int a = r->preown[c->presyn];
            int b = c->target >= 0 && m->pps[c->target] ? r->ppown[c->target] : -1;
            if (a >= 0)
                pass ? (void)(nc->id[nc->off[a + 1]++] = i) : (void)nc->off[a + 2]++;
            if (b >= 0 && b != a)
                pass ? (void)(nc->id[nc->off[b + 1]++] = i) : (void)nc->off[b + 2]++;
        }
        for (int k = 0; !pass && k < n; k++)
            nc->off[k + 2] += nc->off[k + 1];
    }
    for (int pass = 0; pass < 2; pass++) {
        for (int k = 0; k < n; k++)
            stamp[k] = -1;
        for (int i = 0; i < m->npre; i++) {
            const struct presyn *p = &m->pre[i];
            for (int j = -1; j < p->nnc; j++) {
                int k = r->preown[i];
                if (j >= 0) {
                    const struct netcon *c = m->ncs[p->nc[j]];
                    k = c && c->target >= 0 && m->pps[c->target] ? r->ppown[c->target] : -1;
                }
                if (k < 0 || stamp[k] == i)
                    continue;
                stamp[k] = i;
                pass ? (void)(pre->id[pre->off[k + 1]++] = i) : (void)pre->off[k + 2]++;
            }
        }
        if (!pass) {
            for (int k = 0; k < n; k++)
                pre->off[k + 2] += pre->off[k + 1];
            total = pre->off[n + 1];
            if (!(pre->id = malloc(sizeof(int) * ((size_t)total + 1)))) {
                free(stamp);
                return NRN_ENOMEM;
            }
        }
    }
    free(stamp);
    return NRN_OK;
}

/* The n parts' members by owner (own[i]: the part of member i, -1 for none), as a CSR
** list in id order. */
static int own_list(int n, const int *own, int nid, struct lists *l)
{
    l->off = calloc((size_t)n + 2, sizeof(int));
    l->id = malloc(sizeof(int) * ((size_t)nid + 1));
    if (!l->off || !l->id)
        return NRN_ENOMEM;
    for (int i = 0; i < nid; i++)
        if (own[i] >= 0)
            l->off[own[i] + 2]++;
    for (int k = 0; k < n; k++)
        l->off[k + 2] += l->off[k + 1];
    for (int i = 0; i < nid; i++)
        if (own[i] >= 0)
            l->id[l->off[own[i] + 1]++] = i;
    return NRN_OK;
}

/* Frees the lists thr_split made. */
static void free_lists(struct lists *l, int n)
{
    for (int i = 0; i < n; i++)
        free(l[i].off), free(l[i].id);
}

/* Each member's id in its part (the parts' lists l, CSR): its offset in its part's list. */
static void local_ids(int n, const struct lists *l, int *id)
{
    for (int k = 0; k < n; k++)
        for (int j = l->off[k]; j < l->off[k + 1]; j++)
            id[l->id[j]] = j - l->off[k];
}

/* n + 1 ints, each x; NULL when out of memory. */
static int *ints(int n, int x)
{
    int *p = malloc(sizeof(int) * ((size_t)n + 1));
    for (int i = 0; p && i <= n; i++)
        p[i] = x;
    return p;
}

/* Makes the threads' models. */
int thr_split(struct run *r)
{
    nrn_model *m = r->m;
    int rc = NRN_OK;
    if (!(r->preown = model_alloc(m, sizeof(int) * (size_t)(m->npre + 1))))
        return NRN_ENOMEM;
    for (int i = 0; i < m->npre; i++)
        r->preown[i] = thr_presyn_owner(r, i);
    /* nc, pre, sections, objects, records, plays, POINTER bindings; newid: each section's
    ** id in its part; own: the owners of the objects, then of the records, plays, bindings
    ** and NetCons' targets */
    struct lists l[7] = { { 0 } };
    int nown = m->npp > m->nrec ? m->npp : m->nrec;
    nown = nown > m->nplay ? nown : m->nplay;
    nown = nown > m->nnc ? nown : m->nnc;
    nown = nown > m->npb ? nown : m->npb;
    /* the ids in the parts: -1 where a part has none; lid and vid are clone.c's scratch */
    int *own = ints(nown, -1), *newid = ints(m->nsec, -1), *ncl = ints(m->nnc, -1);
    int *lid = ints(m->npre, -1), *vid = ints(m->nvec, -1);
    r->ppl = ints(m->npp, -1);
    r->nctl = ints(m->nnc, -1);
    int fail = !own || !newid || !ncl || !lid || !vid || !r->ppl || !r->nctl;
    for (int i = 0; !fail && i < m->npp; i++)
        own[i] = m->pps[i] ? r->ppown[i] : -1;
    fail = fail || keep_lists(r, &l[0], &l[1]) || own_list(r->n, r->secown, m->nsec, &l[2]) ||
           own_list(r->n, own, m->npp, &l[3]);
    for (int i = 0; !fail && i < m->nrec; i++)
        own[i] = ref_owner(r, &m->recs[i].ref);
    fail = fail || own_list(r->n, own, m->nrec, &l[4]);
    for (int i = 0; !fail && i < m->nplay; i++)
        own[i] = ref_owner(r, &m->plays[i].ref);
    fail = fail || own_list(r->n, own, m->nplay, &l[5]);
    for (int i = 0; !fail && i < m->npb; i++) {
        const struct pbind *b = &m->pbs[i];
        own[i] = b->pp >= 0 ? (b->pp < m->npp && m->pps[b->pp] ? r->ppown[b->pp] : -1)
                            : (b->sec < m->nsec ? r->secown[b->sec] : -1);
    }
    fail = fail || own_list(r->n, own, m->npb, &l[6]);
    if (fail) {
        free_lists(l, 7), free(own), free(newid), free(ncl), free(lid), free(vid);
        return model_err(m, NRN_ENOMEM, "out of memory (thread models)");
    }
    local_ids(r->n, &l[2], newid);
    local_ids(r->n, &l[3], r->ppl);
    /* a NetCon is listed in its source's part and, when another, its target's: its id in
    ** each (ncl, r->nctl) */
    for (int k = 0; k < r->n; k++)
        for (int j = l[0].off[k]; j < l[0].off[k + 1]; j++) {
            const struct netcon *c = m->ncs[l[0].id[j]];
            if (r->preown[c->presyn] == k)
                ncl[l[0].id[j]] = j - l[0].off[k];
            if (c->target >= 0 && m->pps[c->target] && r->ppown[c->target] == k)
                r->nctl[l[0].id[j]] = j - l[0].off[k];
        }
    for (int k = 0; k < r->n; k++) {
        struct thr *th = &r->th[k];
        const struct part_keep keep = {
            .pre = l[1].id + l[1].off[k], .npre = l[1].off[k + 1] - l[1].off[k],
            .nc = l[0].id + l[0].off[k], .nnc = l[0].off[k + 1] - l[0].off[k],
            .sec = l[2].id + l[2].off[k], .nsec = l[2].off[k + 1] - l[2].off[k],
            .pp = l[3].id + l[3].off[k], .npp = l[3].off[k + 1] - l[3].off[k],
            .rec = l[4].id + l[4].off[k], .nrec = l[4].off[k + 1] - l[4].off[k],
            .play = l[5].id + l[5].off[k], .nplay = l[5].off[k + 1] - l[5].off[k],
            .pb = l[6].id + l[6].off[k], .npb = l[6].off[k + 1] - l[6].off[k],
            .ppl = r->ppl, .ncl = { ncl, r->nctl }, .lid = lid, .vid = vid
        };
        rc = model_clone_part(m, r->secown, r->ppown, r->preown, k, &keep, &th->sub,
                              &th->premap, &th->vecmap);
        if (rc)
            break;
        nrn_model *s = th->sub;
        if ((rc = prune(r, th, &keep, newid))) {
            if (rc == NRN_ENOMEM)
                model_err(m, rc, "out of memory (thread models)");
            break;
        }
        s->t = m->t;
        s->nsteps = m->nsteps;
        s->rec_next = m->rec_next;
        s->evseq = m->evseq;
        s->cancel = m->cancel;
        s->watching = m->watching; /* the objects' WATCH conditions came with them */
        nrn_set_spike_collector(s, spike_cb, th);
        if (r->local)
            cvl_part(m, s);
        if ((rc = model_compile(s))) {
            model_err(m, rc, "%s", s->err);
            break;
        }
        s->cj = m->cj;
        s->dt_synced = m->dt_synced;
    }
    free_lists(l, 7), free(own), free(newid), free(ncl), free(lid), free(vid);
    return rc ? rc : route_events(r);
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
void thr_join_state(struct run *r, struct thr *th)
{
    nrn_model *m = r->m, *s = th->sub;
    /* the part stays compiled (the local step's fadvance goes on with it); its objects are
    ** found through the compiled lists, its values go from there into m's sections and
    ** objects in one pass (the part's own sections are not brought up to date) */
    if (!s->compiled && model_compile(s))
        model_flush(s);
    int direct = s->compiled;
    if (direct)
        cable_free(s), model_sync_into(s, m, th->secmap, th->ppmap);
    for (int i = 0; i < th->nsec; i++) {
        struct section *a = m->secs[th->secmap[i]];
        const struct section *b = s->secs[i];
        if (!direct) {
            memcpy(a->v, b->v, sizeof(double) * (size_t)(b->nseg + 1));
            memcpy(a->cm, b->cm, sizeof(double) * (size_t)b->nseg);
            a->vroot = b->vroot;
        }
        for (int k = 0; k < a->nmech; k++) {
            if (!direct)
                memcpy(a->mech[k].vals, b->mech[k].vals,
                       sizeof(double) * (size_t)(b->nseg * m->types[a->mech[k].type].d->nvar));
            join_globals(m, s, a->mech[k].type);
        }
    }
    /* the part's objects by type, its NetCons by source: the part's size, not the model's */
    for (int t = 0; t < s->ntype; t++) {
        const struct mtype *mt = &s->types[t];
        if (mt->d->kind != NRN_POINT && mt->d->kind != NRN_ARTCELL)
            continue;
        for (int k = 0; k < mt->md.n; k++) {
            const struct pproc *b = s->pps[mt->md.obj[k]];
            struct pproc *a = m->pps[th->ppmap[mt->md.obj[k]]];
            if (!direct)
                memcpy(a->vals, b->vals, sizeof(double) * (size_t)m->types[a->type].d->nvar);
            a->draws = b->draws;
            join_globals(m, s, a->type);
            a->wmask = b->wmask;
            a->wabove = b->wabove;
            memcpy(a->wflag, b->wflag, sizeof a->wflag);
            if (b->wmask)
                m->watching = 1;
        }
    }
    for (int j = 0; j < s->npre; j++)
        for (int k = 0; k < s->pre[j].nnc; k++) {
            int c = s->pre[j].nc[k], i = th->ncmap[c];
            if (m->ncs[i] && m->ncs[i]->target >= 0 && r->ppown[m->ncs[i]->target] == th->id)
                memcpy(m->ncs[i]->weight, s->ncs[c]->weight, sizeof m->ncs[i]->weight);
        }
    for (int i = 0; i < s->npre; i++)
        if (r->preown[th->premap[i]] == th->id)
            m->pre[th->premap[i]].flag = s->pre[i].flag;
    ev_sources_changed(m);
    if (r->local && !r->sums)
        cvl_join(m, s);
    for (int i = 0; i < s->nvec; i++) {
        for (size_t j = th->vecn[i]; j < s->vecs[i].n; j++)
            ev_vec_append(m, th->vecmap[i], s->vecs[i].data[j]);
        th->vecn[i] = s->vecs[i].n;
    }
}


/*
** The threads' queued events go back into m's queue. parts (np of them), when given, lists
** the parts that have events or whose queue changed since the last join into m (the local
** fadvance's: a part per cell, most of them with nothing queued); else all parts.
*/
int thr_join_events(struct run *r, const int *parts, int np)
{
    nrn_model *m = r->m;
    int n = 0, rc = NRN_OK;
    long long seq = m->evseq;
    if (!parts)
        np = r->n;
    for (int j = 0; j < np; j++)
        n += r->th[parts ? parts[j] : j].sub->nheap;
    struct pend *pe = model_alloc(m, sizeof *pe * (size_t)(n + 1));
    if (!pe)
        return NRN_ENOMEM;
    n = 0;
    for (int j = 0; j < np; j++) {
        int k = parts ? parts[j] : j;
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
        int a = e->kind == EV_PLAY     ? th->playmap[e->a]
                : e->kind == EV_SELF   ? th->ppmap[e->a]
                : e->kind == EV_NETCON ? th->ncmap[e->a]
                                       : e->a;
        int slot = ev_push(m, e->t, e->kind, a, e->b, e->flag);
        if (slot < 0)
            rc = NRN_ENOMEM;
        else if (e->kind == EV_SELF && m->pps[a] && th->sub->pps[e->a] &&
                 th->sub->pps[e->a]->tqitem == pe[i].slot)
            m->pps[a]->tqitem = slot;
    }
    if (m->evseq < seq)
        m->evseq = seq;
    free(pe);
    return rc;
}
