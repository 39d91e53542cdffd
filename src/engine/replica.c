/*
** replica.c: copies of a whole model inside the same model (nrn.h "Replicas").
**
** A parameter sweep of a small cell spends most of each step on the per-step framework,
** not on the cell: one HH compartment costs about 120 ns a step alone and under 50 ns as
** one of many cells in a model. So nrn-sweep runs a batch of points as replicas of the
** model in one simulation. Replicas are independent cells, and every operation on a
** cell's nodes, mechanism instances and events is the one a lone run would do, in the
** same order (node order keeps each cell's breadth-first order, point processes at one
** node keep their creation order, equal-time events their queue order), so each replica
** gives the lone run's numbers bit for bit.
**
** Replica r > 0 is laid out at fixed offsets: its sections are r*rep_nsec + i, its point
** processes r*rep_npp + i (deleted ones copied as holes), its spike sources r*rep_npre + i
** and its NetCons r*rep_nnc + i. Records are mapped through rep_rec because a record of a
** model-wide value (t) is shared, not copied.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nrn_int.h"

/* Copy of n bytes at p (NULL stays NULL); *ok cleared on failure. */
static void *dup_mem(nrn_model *m, const void *p, size_t n, int *ok)
{
    if (!p)
        return NULL;
    void *q = model_alloc(m, n);
    if (q)
        memcpy(q, p, n);
    else
        *ok = 0;
    return q;
}

/* "name@r" for replica r (r 0: name itself); NULL (ENOMEM) on failure. */
static char *replica_name(nrn_model *m, const char *name, int r)
{
    char *s = model_alloc(m, strlen(name) + 16);
    if (s && r > 0)
        sprintf(s, "%s@%d", name, r);
    else if (s)
        strcpy(s, name);
    return s;
}

/* Name of a point process id for the name index (NULL when deleted). */
static const char *pp_name_of(const nrn_model *m, int id)
{
    return id < m->npp && m->pps[id] ? m->pps[id]->name : NULL;
}

/* Grows an array of elem-sized entries to hold need; 0 or NRN_ENOMEM. */
static int grow(nrn_model *m, void **arr, int *cap, int need, size_t elem)
{
    if (need <= *cap)
        return NRN_OK;
    void *p = model_realloc(m, *arr, elem * (size_t)need);
    if (!p)
        return NRN_ENOMEM;
    *arr = p;
    *cap = need;
    return NRN_OK;
}

/* Section o copied into m for replica r (0: same name; ids moved by off), or NULL (message
** left on m). Also clone.c's. */
struct section *model_copy_section(nrn_model *m, const struct section *o, int r, int off)
{
    struct section *s = model_alloc(m, sizeof *s);
    int ok = 1;
    if (!s)
        return NULL;
    *s = *o;
    s->name = NULL;
    s->child = NULL;
    s->diam = s->cm = s->v = s->arc = NULL;
    s->mech = NULL;
    s->p3 = NULL;
    s->nmech = 0;
    s->name = replica_name(m, o->name, r);
    ok = s->name != NULL;
    s->diam = dup_mem(m, o->diam, sizeof(double) * (size_t)o->nseg, &ok);
    s->cm = dup_mem(m, o->cm, sizeof(double) * (size_t)o->nseg, &ok);
    s->v = dup_mem(m, o->v, sizeof(double) * (size_t)(o->nseg + 1), &ok);
    s->p3 = dup_mem(m, o->p3, sizeof(float) * 4 * (size_t)o->npt, &ok);
    s->arc = dup_mem(m, o->arc, sizeof(double) * (size_t)o->npt, &ok);
    s->ptcap = o->npt;
    s->child = dup_mem(m, o->child, sizeof(int) * (size_t)o->nchild, &ok);
    if (ok && o->nmech) {
        s->mech = model_alloc(m, sizeof *s->mech * (size_t)o->nmech);
        ok = s->mech != NULL;
        for (int k = 0; ok && k < o->nmech; k++) {
            int nv = m->types[o->mech[k].type].d->nvar;
            s->mech[k] = o->mech[k];
            s->mech[k].vals = dup_mem(m, o->mech[k].vals, sizeof(double) * (size_t)(o->nseg * nv),
                                      &ok);
            s->nmech = k + 1;
        }
    }
    if (!ok) {
        section_free(s);
        return NULL;
    }
    if (s->parent >= 0)
        s->parent += off;
    for (int c = 0; c < s->nchild; c++)
        s->child[c] += off;
    return s;
}

/* Point process o copied into m for replica r (0: same name and creation number; its spike
** source is mapped by the caller), or NULL. Also clone.c's. */
struct pproc *model_copy_pp(nrn_model *m, const struct pproc *o, int r, int secoff)
{
    struct pproc *p = model_alloc(m, sizeof *p);
    int ok = 1;
    if (!p)
        return NULL;
    *p = *o;
    p->name = replica_name(m, o->name, r);
    p->vals = dup_mem(m, o->vals, sizeof(double) * (size_t)(m->types[o->type].d->nvar + 1), &ok);
    if (!p->name || !ok) {
        free(p->name);
        free(p->vals);
        free(p);
        return NULL;
    }
    if (p->sec >= 0)
        p->sec += secoff;
    if (r > 0) {
        p->serial = m->pp_serial++;
        p->recvec = -1;
    }
    p->tqitem = -1;
    p->draws = 0; /* the key stays: the copy draws its original's random numbers */
    return p;
}

/* ref of replica 0 moved to replica r (sections and objects at r's offsets). */
static nrn_ref map_ref(const nrn_model *m, const nrn_ref *ref, int r)
{
    nrn_ref out = *ref;
    if (nrn_ref_is_global(ref))
        return out;
    if (out.sec >= 0)
        out.sec += r * m->rep_nsec;
    if (out.obj >= 0)
        out.obj += r * (ref_obj_is_netcon(ref) ? m->rep_nnc : m->rep_npp);
    return out;
}

/* Frees everything beyond the counts of replica 0 (a failed nrn_replicate). */
static void rollback(nrn_model *m, int nsec, int npp, int npre, int nnc, int nrec, int nplay)
{
    for (int i = nsec; i < m->nsec; i++)
        section_free(m->secs[i]);
    m->nsec = nsec;
    for (int i = npp; i < m->npp; i++)
        if (m->pps[i]) {
            free(m->pps[i]->name);
            free(m->pps[i]->vals);
            free(m->pps[i]);
        }
    m->npp = npp;
    for (int i = npre; i < m->npre; i++) {
        free(m->pre[i].nc);
        free(m->pre[i].label);
    }
    m->npre = npre;
    for (int i = nnc; i < m->nnc; i++)
        if (m->ncs[i]) {
            free(m->ncs[i]->name);
            free(m->ncs[i]);
        }
    m->nnc = nnc;
    for (int i = nrec; i < m->nrec; i++)
        free(m->recs[i].data);
    m->nrec = nrec;
    m->nplay = nplay;
    m->npb = m->rep_npb;
    free(m->rep_rec);
    free(m->rep_err);
    m->rep_rec = NULL;
    m->rep_err = NULL;
    m->nrep = 0;
}

/* Adds replica r's copies of everything (counts of replica 0 in m->rep_*). */
static int add_replica(nrn_model *m, int r, int nplay0)
{
    int secoff = r * m->rep_nsec, ppoff = r * m->rep_npp, preoff = r * m->rep_npre;
    int ncoff = r * m->rep_nnc;

    for (int i = 0; i < m->rep_nsec; i++) {
        struct section *s = model_copy_section(m, m->secs[i], r, secoff);
        if (!s)
            return NRN_ENOMEM;
        if (nrn_section_find(m, s->name) >= 0) {
            model_err(m, NRN_EEXIST, "section \"%s\" already exists", s->name);
            section_free(s);
            return NRN_EEXIST;
        }
        if (names_add(m, &m->secnames, s->name, m->nsec, nrn_section_name)) {
            section_free(s);
            return NRN_ENOMEM;
        }
        m->secs[m->nsec++] = s;
    }
    for (int i = 0; i < m->rep_npp; i++) {
        struct pproc *p = NULL;
        if (m->pps[i]) {
            if (!(p = model_copy_pp(m, m->pps[i], r, secoff)))
                return NRN_ENOMEM;
            if (nrn_pp_find(m, p->name) >= 0 || nrn_netcon_find(m, p->name) >= 0) {
                model_err(m, NRN_EEXIST, "an object named \"%s\" already exists", p->name);
                free(p->name), free(p->vals), free(p);
                return NRN_EEXIST;
            }
            if (names_add(m, &m->ppnames, p->name, m->npp, pp_name_of)) {
                free(p->name), free(p->vals), free(p);
                return NRN_ENOMEM;
            }
            if (p->presyn >= 0)
                p->presyn += preoff;
        }
        m->pps[m->npp++] = p;
    }
    for (int i = 0; i < m->rep_npre; i++) {
        const struct presyn *o = &m->pre[i];
        struct presyn *p = &m->pre[m->npre];
        int ok = 1;
        *p = *o;
        p->nc = NULL;
        p->label = NULL;
        p->nc = dup_mem(m, o->nc, sizeof(int) * (size_t)(o->capnc ? o->capnc : 1), &ok);
        p->label = dup_mem(m, o->label, strlen(o->label) + 1, &ok);
        if (!ok) {
            free(p->nc), free(p->label);
            return NRN_ENOMEM;
        }
        if (!o->nc)
            p->capnc = 0;
        if (o->pp < 0)
            p->ref = map_ref(m, &o->ref, r);
        else
            p->pp = o->pp + ppoff;
        p->ptr = NULL;
        p->gen = -1;
        p->flag = 0;
        p->recvec = -1;
        p->gid = -1; /* a copy is no cell of the parallel network */
        for (int k = 0; k < p->nnc; k++)
            p->nc[k] += ncoff;
        if (p->pp == -1 &&
            index_add(m, &m->prerefs, names_hash_ref(&p->ref), m->npre, presyn_rehash, NULL)) {
            free(p->nc), free(p->label);
            return NRN_ENOMEM;
        }
        m->npre++;
    }
    ev_sources_changed(m);
    for (int i = 0; i < m->rep_nnc; i++) {
        const struct netcon *o = m->ncs[i];
        struct netcon *nc = NULL;
        if (o) {
            if (!(nc = model_alloc(m, sizeof *nc)))
                return NRN_ENOMEM;
            *nc = *o;
            if (!(nc->name = replica_name(m, o->name, r))) {
                free(nc);
                return NRN_ENOMEM;
            }
            if (nrn_netcon_find(m, nc->name) >= 0 || nrn_pp_find(m, nc->name) >= 0) {
                model_err(m, NRN_EEXIST, "an object named \"%s\" already exists", nc->name);
                free(nc->name), free(nc);
                return NRN_EEXIST;
            }
            if (nc->presyn >= 0)
                nc->presyn += preoff;
            if (nc->target >= 0)
                nc->target += ppoff;
            if (names_add(m, &m->ncnames, nc->name, m->nnc, nc_name_of)) {
                free(nc->name), free(nc);
                return NRN_ENOMEM;
            }
        }
        m->ncs[m->nnc++] = nc;
    }
    for (int i = 0; i < nplay0; i++) {
        if (nrn_ref_is_global(&m->plays[i].ref))
            continue; /* one value for all: played once */
        struct play p = m->plays[i];
        p.ref = map_ref(m, &p.ref, r);
        p.ptr = NULL;
        p.gen = -1;
        m->plays[m->nplay++] = p;
    }
    for (int i = 0; i < m->rep_nrec; i++) {
        const struct record *o = &m->recs[i];
        int id = i;
        if (!nrn_ref_is_global(&o->ref)) {
            struct record *c = &m->recs[m->nrec];
            c->ref = map_ref(m, &o->ref, r);
            c->ptr = NULL;
            c->gen = -1;
            c->data = NULL;
            c->n = c->cap = 0;
            c->gone[0] = '\0';
            id = m->nrec++;
        }
        m->rep_rec[r * m->rep_nrec + i] = id;
    }
    for (int i = 0; i < m->rep_npb; i++) { /* setpointers, within the copy */
        struct pbind b = m->pbs[i];
        if (b.pp >= 0)
            b.pp += ppoff;
        else
            b.sec += secoff;
        b.src = map_ref(m, &b.src, r);
        m->pbs[m->npb++] = b;
    }
    return NRN_OK;
}

int nrn_replicate(nrn_model *m, int copies)
{
    if (copies < 1 || copies > 1000000)
        return model_err(m, NRN_EINVAL, "replicas: the count must be in 1..1000000, got %d", copies);
    model_flush(m);
    if (m->nrep > 0) { /* back to the original first; queued events may name copies */
        if (copies == m->nrep)
            return NRN_OK;
        ev_clear(m);
        rollback(m, m->rep_nsec, m->rep_npp, m->rep_npre, m->rep_nnc, m->rep_nrec, m->rep_nplay);
        if (copies == 1)
            return NRN_OK;
    }
    int nsec = m->nsec, npp = m->npp, npre = m->npre, nnc = m->nnc, nrec = m->nrec;
    int nplay = m->nplay;
    size_t c = (size_t)copies;
    int rc = NRN_ENOMEM;

    m->rep_nsec = nsec, m->rep_npp = npp, m->rep_npre = npre, m->rep_nnc = nnc;
    m->rep_nrec = nrec, m->rep_nplay = nplay, m->rep_npb = m->npb;
    m->rep_rec = model_alloc(m, sizeof(int) * c * (size_t)(nrec ? nrec : 1));
    m->rep_err = model_alloc(m, sizeof(char *) * c);
    if (!m->rep_rec || !m->rep_err)
        goto fail;
    for (int i = 0; i < nrec; i++)
        m->rep_rec[i] = i;
    m->nrep = copies;
    if (grow(m, (void **)&m->secs, &m->capsec, (int)(c * (size_t)nsec) + 1, sizeof *m->secs) ||
        grow(m, (void **)&m->pps, &m->cappp, (int)(c * (size_t)npp) + 1, sizeof *m->pps) ||
        grow(m, (void **)&m->pre, &m->cappre, (int)(c * (size_t)npre) + 1, sizeof *m->pre) ||
        grow(m, (void **)&m->ncs, &m->capnc, (int)(c * (size_t)nnc) + 1, sizeof *m->ncs) ||
        grow(m, (void **)&m->plays, &m->capplay, (int)(c * (size_t)nplay) + 1, sizeof *m->plays) ||
        grow(m, (void **)&m->recs, &m->caprec, (int)(c * (size_t)nrec) + 1, sizeof *m->recs) ||
        grow(m, (void **)&m->pbs, &m->cappb, (int)(c * (size_t)m->npb) + 1, sizeof *m->pbs))
        goto fail;
    for (int r = 1; r < copies; r++)
        if ((rc = add_replica(m, r, nplay)) != NRN_OK)
            goto fail;
    return NRN_OK;
fail:
    rollback(m, nsec, npp, npre, nnc, nrec, nplay);
    return rc;
}

int nrn_replica_count(const nrn_model *m)
{
    return m->nrep > 0 ? m->nrep : 1;
}

int nrn_replica_ref(const nrn_model *m, int r, const nrn_ref *ref, nrn_ref *out)
{
    if (r < 0 || r >= nrn_replica_count(m))
        return model_err((nrn_model *)m, NRN_EINVAL, "no replica %d", r);
    if (r > 0 && !nrn_ref_is_global(ref) &&
        (ref->sec >= m->rep_nsec ||
         ref->obj >= (ref_obj_is_netcon(ref) ? m->rep_nnc : m->rep_npp)))
        return model_err((nrn_model *)m, NRN_EINVAL, "the value was made after the replicas");
    *out = r > 0 ? map_ref(m, ref, r) : *ref;
    return NRN_OK;
}

int nrn_replica_record(const nrn_model *m, int r, int rec)
{
    if (r < 0 || r >= nrn_replica_count(m) || rec < 0 || rec >= m->nrec)
        return -1;
    if (m->nrep <= 0 || r == 0)
        return rec;
    return rec < m->rep_nrec ? m->rep_rec[r * m->rep_nrec + rec] : -1;
}

int nrn_replica_pp(const nrn_model *m, int r, int pp)
{
    if (r < 0 || r >= nrn_replica_count(m) || pp < 0 || pp >= m->npp)
        return -1;
    if (m->nrep <= 0 || r == 0)
        return pp;
    return pp < m->rep_npp ? pp + r * m->rep_npp : -1;
}

const char *nrn_replica_error(const nrn_model *m, int r)
{
    if (m->nrep <= 0 || r < 0 || r >= m->nrep)
        return NULL;
    return m->rep_err[r];
}

/*
** v became non-finite in section sec (msg says how): its replica is marked failed with the message a
** lone run would have stopped with (the first one only; its values stay non-finite and
** the other replicas go on).
*/
void replica_fail(nrn_model *m, int sec, const char *msg)
{
    int r = m->rep_nsec > 0 ? sec / m->rep_nsec : 0;
    if (r >= m->nrep || m->rep_err[r])
        return;
    size_t n = strlen(msg) + 1;
    if ((m->rep_err[r] = malloc(n)) != NULL)
        memcpy(m->rep_err[r], msg, n);
}

/* Clears every replica's failure (finitialize). */
void replica_reset(nrn_model *m)
{
    for (int r = 0; r < m->nrep; r++) {
        free(m->rep_err[r]);
        m->rep_err[r] = NULL;
    }
}

/* Frees the replica bookkeeping (the copies themselves are ordinary model objects). */
void replica_free(nrn_model *m)
{
    replica_reset(m);
    free(m->rep_rec);
    free(m->rep_err);
}
