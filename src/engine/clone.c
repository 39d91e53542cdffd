/*
** clone.c: nrn_model_clone, a deep copy of a model (nrn.h). nrn-sweep gives each of its
** worker threads a copy, so threads share no mutable engine state. Everything that decides
** the numbers is copied as it is, creation numbers and random-stream keys included, so a
** copy runs exactly as its original.
*/
#include <stdlib.h>
#include <string.h>
#include "nrn_int.h"
#include "nrn_mechlib.h"

/* Name of point process id in c, for the name index. */
static const char *clone_pp_name(const nrn_model *c, int id)
{
    return id < c->npp && c->pps[id] ? c->pps[id]->name : NULL;
}

/* Copies n elements of size elem from src into a new array of capacity n (at least 1). Not
** zeroed first: a part per cell of a large network copies every spike source's entry. */
static void *clone_array(nrn_model *c, const void *src, int n, size_t elem, int *cap)
{
    void *p = n > 0 ? model_malloc(c, elem * (size_t)n) : model_alloc(c, elem);
    if (p && n > 0)
        memcpy(p, src, elem * (size_t)n);
    *cap = n > 0 ? n : 1;
    return p;
}

/* The hash indexes of c's NetCon and vector names and value-watching spike sources. */
static int clone_index(nrn_model *c)
{
    for (int i = 0; i < c->nnc; i++)
        if (c->ncs[i] && names_add(c, &c->ncnames, c->ncs[i]->name, i, nc_name_of))
            return NRN_ENOMEM;
    for (int i = 0; i < c->nvec; i++)
        if (names_add(c, &c->vecnames, c->vecs[i].name, i, vec_name_of))
            return NRN_ENOMEM;
    for (int i = 0; i < c->npre; i++)
        if (c->pre[i].pp == -1 &&
            index_add(c, &c->prerefs, names_hash_ref(&c->pre[i].ref), i, presyn_rehash, NULL))
            return NRN_ENOMEM;
    return NRN_OK;
}

/* p (a copy of o, its pointers dropped) gets its own NetCon list and label. */
static int clone_presyn_lists(nrn_model *c, struct presyn *p, const struct presyn *o)
{
    p->ptr = NULL, p->gen = -1, p->flag = 0;
    if (o->nc && !(p->nc = clone_array(c, o->nc, o->nnc, sizeof(int), &p->capnc)))
        return NRN_ENOMEM;
    if (!o->nc)
        p->capnc = 0;
    return (p->label = model_strdup(c, o->label)) ? NRN_OK : NRN_ENOMEM;
}

/* A value path of m into the part's ids: its object or NetCon is the part's (-1 if not). */
static void part_ref(const nrn_model *m, const int *ppown, const int *preown, int part,
                     const struct part_keep *keep, nrn_ref *ref)
{
    if (ref->obj >= 0 && ref_obj_is_pp(ref))
        ref->obj = ref->obj < m->npp && m->pps[ref->obj] && ppown[ref->obj] == part
                       ? keep->ppl[ref->obj]
                       : -1;
    else if (ref->obj >= 0 && ref_obj_is_netcon(ref))
        ref->obj = part_nc_id(m, ppown, preown, keep, part, ref->obj);
}

/*
** The spike sources of part, renumbered (a part per cell of a large network copies its
** cell's, not all): its own as they are, and the others with NetCons to the part's
** targets (keep->pre lists both), with only those NetCons and no label (they never call
** the spike callback). keep->lid[i]: m's source i in c (until the clone is made);
** *premap: c's source k is m's (*premap)[k].
*/
static int clone_part_presyns(nrn_model *m, nrn_model *c, const int *ppown, const int *preown,
                              int part, const struct part_keep *keep, int **premap)
{
    int n = keep->npre;
    for (int j = 0; j < n; j++)
        keep->lid[keep->pre[j]] = j;
    if (!(c->pre = model_malloc(c, sizeof *c->pre * (size_t)(n + 1))) ||
        !(*premap = model_malloc(c, sizeof(int) * (size_t)(n + 1))))
        return NRN_ENOMEM;
    c->cappre = n + 1;
    for (int j = 0; j < n; j++) {
        int i = keep->pre[j];
        struct presyn *p = &c->pre[c->npre];
        const struct presyn *o = &m->pre[i];
        (*premap)[c->npre++] = i;
        *p = *o;
        p->nc = NULL, p->label = NULL, p->ptr = NULL, p->gen = -1, p->flag = 0;
        if (preown[i] == part) { /* all its NetCons are the part's */
            if (clone_presyn_lists(c, p, o))
                return NRN_ENOMEM;
            for (int k = 0; k < p->nnc; k++)
                p->nc[k] = keep->ncl[0][p->nc[k]];
            if (p->pp >= 0)
                p->pp = keep->ppl[p->pp];
            else if (p->pp == -1)
                part_ref(m, ppown, preown, part, keep, &p->ref);
            continue;
        }
        p->nnc = p->capnc = 0;
        for (int k = 0; k < o->nnc; k++) {
            int id = part_nc_id(m, ppown, preown, keep, part, o->nc[k]);
            if (id < 0)
                continue;
            if (!p->nc && !(p->nc = model_malloc(c, sizeof(int) * (size_t)o->nnc)))
                return NRN_ENOMEM;
            p->capnc = o->nnc;
            p->nc[p->nnc++] = id;
        }
    }
    return NRN_OK;
}

/* Copies m's n records (rec) or plays (play) listed in ids (all when NULL) into a new
** array of c, their pointers dropped and their paths in the part's ids. */
static void *clone_refs(nrn_model *m, nrn_model *c, const int *ids, int n, int rec, int *cap,
                        const int *ppown, const int *preown, int part,
                        const struct part_keep *keep)
{
    size_t elem = rec ? sizeof(struct record) : sizeof(struct play);
    char *p = model_malloc(c, elem * (size_t)(n > 0 ? n : 1));
    *cap = n > 0 ? n : 1;
    for (int j = 0; p && j < n; j++) {
        int i = ids ? ids[j] : j;
        if (rec) {
            struct record *x = (struct record *)p + j;
            *x = m->recs[i];
            x->ptr = NULL, x->gen = -1, x->data = NULL, x->n = x->cap = 0;
            if (ids)
                part_ref(m, ppown, preown, part, keep, &x->ref);
        } else {
            struct play *x = (struct play *)p + j;
            *x = m->plays[i];
            x->ptr = NULL, x->gen = -1;
            if (ids) {
                part_ref(m, ppown, preown, part, keep, &x->ref);
                x->y = keep->vid[x->y];
                x->tvec = x->tvec >= 0 ? keep->vid[x->tvec] : -1;
            }
        }
    }
    return p;
}

/*
** Fills c (new, empty) with m's contents. NRN_OK or NRN_ENOMEM (c then freed by caller).
** With secown, ppown and preown (owners of the sections, objects and spike sources), the
** sections, objects, NetCons, records and plays that are not part's are left out and the
** others renumbered (keep lists the part's): threads.c's parts cost a cell's copy, not the
** model's.
*/
static int clone_into(nrn_model *m, nrn_model *c, const int *secown, const int *ppown,
                      const int *preown, int part, const struct part_keep *keep, int **premap,
                      const int *vlist, int nvec)
{
    c->t = m->t, c->dt = m->dt, c->celsius = m->celsius, c->tstop = m->tstop;
    c->v_init = m->v_init, c->steps_per_ms = m->steps_per_ms, c->secondorder = m->secondorder;
    c->nstep_steprun = m->nstep_steprun, c->multi_max = m->multi_max, c->seed = m->seed, c->rec_every = m->rec_every;
    c->pp_serial = m->pp_serial;
    c->pinned = m->pinned;
    memcpy(c->pin_why, m->pin_why, sizeof c->pin_why);
    memcpy(c->pin_value, m->pin_value, sizeof c->pin_value);
    if (cvode_copy_settings(c, m))
        return NRN_ENOMEM;
    /* a part's sections, objects and NetCons are its own only, numbered in id order
    ** (threads_split.c renumbers the sections' links). The loops go over the part's lists,
    ** as a part per cell of a large network would otherwise pass over every id of the
    ** model once per cell. */
    int nsec = secown ? keep->nsec : m->nsec, npp = secown ? keep->npp : m->npp;
    if (!(c->secs = model_alloc(c, sizeof *c->secs * (size_t)(nsec + 1))))
        return NRN_ENOMEM;
    c->capsec = nsec + 1;
    for (int i = 0; i < nsec; i++) {
        struct section *s = model_copy_section(c, m->secs[secown ? keep->sec[i] : i], 0, 0);
        c->nsec = i; /* names_add may look up the sections so far */
        if (!s || (!secown && names_add(c, &c->secnames, s->name, i, nrn_section_name))) {
            section_free(s);
            return NRN_ENOMEM;
        }
        c->secs[i] = s;
    }
    c->nsec = nsec;
    if (!(c->pps = model_alloc(c, sizeof *c->pps * (size_t)(npp + 1))))
        return NRN_ENOMEM;
    c->cappp = npp + 1;
    for (int j = 0; j < npp; j++) {
        int i = secown ? keep->pp[j] : j;
        if (!m->pps[i])
            continue;
        struct pproc *p = model_copy_pp(c, m->pps[i], 0, 0);
        c->npp = j;
        if (!p || names_add(c, &c->ppnames, p->name, j, clone_pp_name)) {
            if (p)
                free(p->name), free(p->vals), free(p);
            return NRN_ENOMEM;
        }
        if (secown && p->recvec >= 0)
            p->recvec = keep->vid[p->recvec];
        c->pps[j] = p;
    }
    c->npp = npp;
    if (secown) { /* a part's own sources and those reaching it, renumbered */
        if (clone_part_presyns(m, c, ppown, preown, part, keep, premap))
            return NRN_ENOMEM;
        for (int i = 0; i < c->npp; i++)
            if (c->pps[i] && c->pps[i]->presyn >= 0)
                c->pps[i]->presyn = keep->lid[c->pps[i]->presyn];
    } else {
        if (!(c->pre = clone_array(c, m->pre, m->npre, sizeof *c->pre, &c->cappre)))
            return NRN_ENOMEM;
        for (int i = 0; i < m->npre; i++) { /* shared pointers first dropped, then copied */
            c->pre[i].nc = NULL;
            c->pre[i].label = NULL;
        }
        c->npre = m->npre;
        for (int i = 0; i < m->npre; i++)
            if (clone_presyn_lists(c, &c->pre[i], &m->pre[i]))
                return NRN_ENOMEM;
    }
    int nnc = secown ? keep->nnc : m->nnc;
    if (!(c->ncs = model_alloc(c, sizeof *c->ncs * (size_t)(nnc + 1))))
        return NRN_ENOMEM;
    c->capnc = nnc + 1;
    c->nnc = nnc;
    for (int j = 0; j < nnc; j++) {
        int i = secown ? keep->nc[j] : j;
        struct netcon *nc = NULL;
        if (!m->ncs[i])
            continue;
        if (!(nc = model_alloc(c, sizeof *nc)))
            return NRN_ENOMEM;
        *nc = *m->ncs[i];
        if (secown) { /* a target in another part: none here (that part delivers) */
            int t = nc->target;
            nc->presyn = keep->lid[nc->presyn];
            nc->target = t >= 0 && m->pps[t] && ppown[t] == part ? keep->ppl[t] : -1;
        }
        if (!(nc->name = model_strdup(c, m->ncs[i]->name))) {
            free(nc);
            return NRN_ENOMEM;
        }
        c->ncs[j] = nc;
    }
    if (!(c->vecs = model_alloc(c, sizeof *c->vecs * (size_t)(nvec + 1))))
        return NRN_ENOMEM;
    c->capvec = nvec + 1;
    for (int j = 0; j < nvec; j++) {
        int i = vlist ? vlist[j] : j;
        struct vec *v = &c->vecs[c->nvec];
        int cap;
        memset(v, 0, sizeof *v);
        if (!(v->name = model_strdup(c, m->vecs[i].name)))
            return NRN_ENOMEM;
        c->nvec++;
        if (!(v->data = clone_array(c, m->vecs[i].data, (int)m->vecs[i].n, sizeof(double), &cap)))
            return NRN_ENOMEM;
        v->n = m->vecs[i].n;
        v->cap = (size_t)cap;
    }
    int nplay = secown ? keep->nplay : m->nplay, nrec = secown ? keep->nrec : m->nrec;
    if (!(c->plays = clone_refs(m, c, secown ? keep->play : NULL, nplay, 0, &c->capplay, ppown,
                                preown, part, keep)))
        return NRN_ENOMEM;
    c->nplay = nplay;
    if (!(c->recs = clone_refs(m, c, secown ? keep->rec : NULL, nrec, 1, &c->caprec, ppown,
                               preown, part, keep)))
        return NRN_ENOMEM;
    c->nrec = nrec;
    if (pointer_clone(c, m, secown ? keep->pb : NULL, secown ? keep->npb : 0) != NRN_OK ||
        functable_clone(c, m) != NRN_OK)
        return NRN_ENOMEM;
    return secown ? NRN_OK : clone_index(c); /* nothing looks names up in a part */
}

/* v, a vector part uses, listed (vlist, *n) once: keep->vid[v] its id in the part. */
static void part_vec(const struct part_keep *keep, int *vlist, int *n, int v)
{
    if (v >= 0 && keep->vid[v] < 0)
        keep->vid[v] = *n, vlist[(*n)++] = v;
}

/* The vectors part uses (its plays' and its objects'), in the order first used: a part per
** cell of a network whose cells each record into a vector would otherwise copy them all. */
static int *part_vecs(const nrn_model *m, const struct part_keep *keep, int *n)
{
    int *vlist = malloc(sizeof(int) * (size_t)(2 * keep->nplay + keep->npp + 1));
    *n = 0;
    for (int j = 0; vlist && j < keep->nplay; j++) {
        part_vec(keep, vlist, n, m->plays[keep->play[j]].y);
        part_vec(keep, vlist, n, m->plays[keep->play[j]].tvec);
    }
    for (int j = 0; vlist && j < keep->npp; j++)
        if (m->pps[keep->pp[j]])
            part_vec(keep, vlist, n, m->pps[keep->pp[j]]->recvec);
    return vlist;
}

static int clone(nrn_model *m, const int *secown, const int *ppown, const int *preown, int part,
                 const struct part_keep *keep, nrn_model **out, int **premap, int **vecmap)
{
    nrn_model *c;
    int rc;
    *out = NULL;
    if (m->nrep > 1)
        return model_err(m, NRN_EINVAL, "a replicated model cannot be cloned");
    model_flush(m);
    if (!(c = model_new_like(m))) /* the types in m's order, their values m's */
        return model_err(m, NRN_ENOMEM, "out of memory (a model copy)");
    int nvec = m->nvec, *vlist = secown ? part_vecs(m, keep, &nvec) : NULL;
    rc = secown && !vlist ? NRN_ENOMEM
                          : clone_into(m, c, secown, ppown, preown, part, keep, premap, vlist,
                                       nvec);
    for (int j = 0; secown && j < keep->npre; j++) /* the scratch as it was */
        keep->lid[keep->pre[j]] = -1;
    for (int j = 0; vlist && j < nvec; j++)
        keep->vid[vlist[j]] = -1;
    if (vecmap)
        *vecmap = vlist;
    else
        free(vlist);
    if (rc != NRN_OK) {
        model_err(m, rc, "%s", c->err);
        nrn_model_free(&c);
        if (premap)
            free(*premap), *premap = NULL;
        if (vecmap)
            free(*vecmap), *vecmap = NULL;
        return rc;
    }
    *out = c;
    return NRN_OK;
}

int nrn_model_clone(nrn_model *m, nrn_model **out)
{
    return clone(m, NULL, NULL, NULL, 0, NULL, out, NULL, NULL);
}

int model_clone_part(nrn_model *m, const int *secown, const int *ppown, const int *preown, int k,
                     const struct part_keep *keep, nrn_model **out, int **premap, int **vecmap)
{
    *premap = NULL;
    *vecmap = NULL;
    return clone(m, secown, ppown, preown, k, keep, out, premap, vecmap);
}
