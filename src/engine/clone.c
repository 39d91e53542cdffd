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

/* A part's NetCon i: its source or its target is the part's (the others never act there). */
static int part_keeps_nc(const nrn_model *m, const int *ppown, const int *preown, int part, int i)
{
    const struct netcon *nc = m->ncs[i];
    return nc && (preown[nc->presyn] == part ||
                  (nc->target >= 0 && m->pps[nc->target] && ppown[nc->target] == part));
}

/*
** The spike sources of part, renumbered (a part per cell of a large network copies its
** cell's, not all): its own as they are, and the others with NetCons to the part's
** targets (keep->pre lists both), with only those NetCons and no label (they never call
** the spike callback). lid[i]: m's source i in c, or -1; *premap: c's source k is m's
** (*premap)[k].
*/
static int clone_part_presyns(nrn_model *m, nrn_model *c, const int *ppown, const int *preown,
                              int part, const struct part_keep *keep, int *lid, int **premap)
{
    int n = keep->npre;
    for (int i = 0; i < m->npre; i++)
        lid[i] = -1;
    for (int j = 0; j < n; j++)
        lid[keep->pre[j]] = j;
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
        if (preown[i] == part) {
            if (clone_presyn_lists(c, p, o))
                return NRN_ENOMEM;
            continue;
        }
        p->nnc = p->capnc = 0;
        for (int k = 0; k < o->nnc; k++) {
            if (!part_keeps_nc(m, ppown, preown, part, o->nc[k]))
                continue;
            if (!p->nc && !(p->nc = model_malloc(c, sizeof(int) * (size_t)o->nnc)))
                return NRN_ENOMEM;
            p->capnc = o->nnc;
            p->nc[p->nnc++] = o->nc[k];
        }
    }
    return NRN_OK;
}

/*
** Fills c (new, empty) with m's contents. NRN_OK or NRN_ENOMEM (c then freed by caller).
** With secown, ppown and preown (owners of the sections, objects and spike sources), the
** sections, objects and NetCons that are not part's are left out (keep lists the part's):
** threads.c's parts cost a cell's copy, not the model's.
*/
static int clone_into(nrn_model *m, nrn_model *c, const int *secown, const int *ppown,
                      const int *preown, int part, const struct part_keep *keep, int *lid,
                      int **premap)
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
    for (int k = 0; k < m->ntype; k++) {
        const nrn_mech_type *d = m->types[k].d;
        if (d->nglobal)
            memcpy(c->types[k].gvals, m->types[k].gvals, sizeof(double) * (size_t)d->nglobal);
        if (d->gpriv_size)
            memcpy(c->types[k].gpriv, m->types[k].gpriv, d->gpriv_size);
    }
    /* a part's sections are its own only, numbered in id order (threads_split.c renumbers
    ** their links); its objects keep their ids, the others' entries NULL. The loops go over
    ** the part's lists, as a part per cell of a large network would otherwise pass over
    ** every id of the model once per cell. */
    int nsec = secown ? keep->nsec : m->nsec, npp = m->npp;
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
    for (int j = 0; j < (ppown ? keep->npp : npp); j++) {
        int i = ppown ? keep->pp[j] : j;
        if (!m->pps[i])
            continue;
        struct pproc *p = model_copy_pp(c, m->pps[i], 0, 0);
        c->npp = i;
        if (!p || names_add(c, &c->ppnames, p->name, i, clone_pp_name)) {
            if (p)
                free(p->name), free(p->vals), free(p);
            return NRN_ENOMEM;
        }
        c->pps[i] = p;
    }
    c->npp = npp;
    if (secown) { /* a part's own sources and those reaching it, renumbered */
        if (clone_part_presyns(m, c, ppown, preown, part, keep, lid, premap))
            return NRN_ENOMEM;
        for (int i = 0; i < c->npp; i++)
            if (c->pps[i] && c->pps[i]->presyn >= 0)
                c->pps[i]->presyn = lid[c->pps[i]->presyn];
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
    if (!(c->ncs = model_alloc(c, sizeof *c->ncs * (size_t)(m->nnc + 1))))
        return NRN_ENOMEM;
    c->capnc = m->nnc + 1;
    c->nnc = m->nnc; /* a part's are keep->nc's, the others NULL */
    for (int j = 0; j < (secown ? keep->nnc : m->nnc); j++) {
        int i = secown ? keep->nc[j] : j;
        struct netcon *nc = NULL;
        if (!m->ncs[i])
            continue;
        if (!(nc = model_alloc(c, sizeof *nc)))
            return NRN_ENOMEM;
        *nc = *m->ncs[i];
        if (secown)
            nc->presyn = lid[nc->presyn];
        if (!(nc->name = model_strdup(c, m->ncs[i]->name))) {
            free(nc);
            return NRN_ENOMEM;
        }
        c->ncs[i] = nc;
    }
    if (!(c->vecs = model_alloc(c, sizeof *c->vecs * (size_t)(m->nvec + 1))))
        return NRN_ENOMEM;
    c->capvec = m->nvec + 1;
    for (int i = 0; i < m->nvec; i++) {
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
    if (!(c->plays = clone_array(c, m->plays, m->nplay, sizeof *c->plays, &c->capplay)))
        return NRN_ENOMEM;
    c->nplay = m->nplay;
    for (int i = 0; i < c->nplay; i++) {
        c->plays[i].ptr = NULL;
        c->plays[i].gen = -1;
    }
    if (!(c->recs = clone_array(c, m->recs, m->nrec, sizeof *c->recs, &c->caprec)))
        return NRN_ENOMEM;
    for (int i = 0; i < m->nrec; i++) {
        c->recs[i].ptr = NULL;
        c->recs[i].gen = -1;
        c->recs[i].data = NULL;
        c->recs[i].n = c->recs[i].cap = 0;
    }
    c->nrec = m->nrec;
    if (pointer_clone(c, m) != NRN_OK || functable_clone(c, m) != NRN_OK)
        return NRN_ENOMEM;
    return secown ? NRN_OK : clone_index(c); /* nothing looks names up in a part */
}

static int clone(nrn_model *m, const int *secown, const int *ppown, const int *preown, int part,
                 const struct part_keep *keep, nrn_model **out, int **premap)
{
    nrn_model *c;
    int rc;
    *out = NULL;
    if (m->nrep > 1)
        return model_err(m, NRN_EINVAL, "a replicated model cannot be cloned");
    model_flush(m);
    if (!(c = nrn_model_new()))
        return model_err(m, NRN_ENOMEM, "out of memory (a model copy)");
    for (int k = c->ntype; k < m->ntype; k++) /* the loaded types, in their order */
        if ((rc = nrn_mech_register(c, m->types[k].d)) != NRN_OK) {
            model_err(m, rc, "%s", c->err);
            nrn_model_free(&c);
            return rc;
        }
    int *lid = secown ? model_malloc(m, sizeof(int) * (size_t)(m->npre + 1)) : NULL;
    if (secown && !lid)
        rc = NRN_ENOMEM;
    else
        rc = clone_into(m, c, secown, ppown, preown, part, keep, lid, premap);
    free(lid);
    if (rc != NRN_OK) {
        model_err(m, rc, "%s", c->err);
        nrn_model_free(&c);
        if (premap)
            free(*premap), *premap = NULL;
        return rc;
    }
    *out = c;
    return NRN_OK;
}

int nrn_model_clone(nrn_model *m, nrn_model **out)
{
    return clone(m, NULL, NULL, NULL, 0, NULL, out, NULL);
}

int model_clone_part(nrn_model *m, const int *secown, const int *ppown, const int *preown, int k,
                     const struct part_keep *keep, nrn_model **out, int **premap)
{
    *premap = NULL;
    return clone(m, secown, ppown, preown, k, keep, out, premap);
}
