/*
** pproc.c: point processes (IClamp now; synapses and clamps later): named objects
** at a location, holding their own parameter values while the model is not compiled.
*/
#include <string.h>
#include <stdlib.h>
#include "nrn_int.h"

/* Name of object id, NULL when deleted (the name index skips it). */
static const char *pp_name(const nrn_model *m, int id)
{
    return id < m->npp && m->pps[id] ? m->pps[id]->name : NULL;
}

int nrn_pp_new(nrn_model *m, const char *type, const char *name, int sec, double x, int *id)
{
    int t = model_type_index(m, type);
    if (t < 0)
        return model_err(m, NRN_ENOTFOUND, "unknown point process type \"%s\"", type);
    const nrn_mech_type *d = m->types[t].d;
    if (d->kind != NRN_POINT && d->kind != NRN_ARTCELL)
        return model_err(m, NRN_EINVAL, "%s is not a point process", type);
    if (!name || !*name || strchr(name, '(') || strchr(name, ')') || strchr(name, ' '))
        return model_err(m, NRN_EINVAL, "bad object name \"%s\"", name ? name : "");
    if (nrn_pp_find(m, name) >= 0)
        return model_err(m, NRN_EEXIST, "an object named \"%s\" already exists", name);
    if (d->kind == NRN_ARTCELL) {
        sec = -1;
        x = 0.5;
    } else {
        int rc = model_check_sec(m, sec);
        if (rc)
            return rc;
        if (!(x >= 0 && x <= 1))
            return model_err(m, NRN_EINVAL, "x must be in [0,1], got %g", x);
    }
    if (nrn_netcon_find(m, name) >= 0)
        return model_err(m, NRN_EEXIST, "an object named \"%s\" already exists", name);
    if (m->npp == m->cappp) {
        int cap = m->cappp ? 2 * m->cappp : 16;
        struct pproc **p = model_realloc(m, m->pps, sizeof *p * (size_t)cap);
        if (!p)
            return NRN_ENOMEM;
        m->pps = p;
        m->cappp = cap;
    }
    struct pproc *p = model_alloc(m, sizeof *p);
    if (!p)
        return NRN_ENOMEM;
    p->name = model_strdup(m, name);
    p->vals = model_alloc(m, sizeof(double) * (size_t)(d->nvar + 1));
    if (!p->name || !p->vals || names_add(m, &m->ppnames, name, m->npp, pp_name)) {
        free(p->name), free(p->vals), free(p);
        return NRN_ENOMEM;
    }
    model_flush(m);
    for (int k = 0; k < d->nvar; k++)
        p->vals[k] = d->vars[k].def;
    p->type = t;
    p->sec = sec;
    p->x = x;
    p->serial = m->pp_serial++;
    p->presyn = -1;
    p->recvec = -1;
    p->tqitem = -1;
    p->key = 1469598103934665603ULL; /* FNV-1a of the name keys the random streams */
    for (const char *c = name; *c; c++)
        p->key = (p->key ^ (unsigned char)*c) * 1099511628211ULL;
    m->pps[m->npp] = p;
    if (id)
        *id = m->npp;
    m->npp++;
    return NRN_OK;
}

/* The live point process pp, or NULL with a message. */
static struct pproc *get_pp(nrn_model *m, int pp)
{
    if (pp < 0 || pp >= m->npp || !m->pps[pp]) {
        model_err(m, NRN_ENOTFOUND, "no object with id %d", pp);
        return NULL;
    }
    return m->pps[pp];
}

int nrn_pp_delete(nrn_model *m, int pp)
{
    m->wseq++; /* see nrn_model.wseq */
    struct pproc *p = get_pp(m, pp);
    if (!p)
        return NRN_ENOTFOUND;
    model_flush(m);
    if (p->presyn >= 0)
        m->pre[p->presyn].pp = -2; /* a dead source: never fires, never matches */
    ev_sources_changed(m);
    record_object_gone(m, 0, pp);
    free(p->name);
    free(p->vals);
    free(p);
    m->pps[pp] = NULL;
    return NRN_OK;
}

int nrn_pp_find(const nrn_model *m, const char *name)
{
    return names_find(m, &m->ppnames, name, pp_name);
}

const char *nrn_pp_type(const nrn_model *m, int pp)
{
    if (pp < 0 || pp >= m->npp || !m->pps[pp])
        return NULL;
    return m->types[m->pps[pp]->type].d->name;
}

int nrn_pp_loc(const nrn_model *m, int pp, int *sec, double *x)
{
    if (pp < 0 || pp >= m->npp || !m->pps[pp])
        return NRN_ENOTFOUND;
    if (sec)
        *sec = m->pps[pp]->sec;
    if (x)
        *x = m->pps[pp]->x;
    return NRN_OK;
}

/* NEURON's nrn_arc_position of the node: the ends as they are, else the segment centre. */
int nrn_pp_segment(nrn_model *m, int pp, int *sec, double *x)
{
    const struct pproc *p = get_pp(m, pp);
    if (!p)
        return NRN_ENOTFOUND;
    if (p->sec < 0)
        return model_err(m, NRN_EINVAL, "%s is an artificial cell: it has no location", p->name);
    const struct section *s = m->secs[p->sec];
    *sec = p->sec;
    if (p->x == 0 || p->x == 1) {
        *x = p->x;
    } else {
        double c = (model_segment_of(s, p->x) + 0.5) / s->nseg;
        *x = s->childend == 1 ? 1 - c : c;
    }
    return NRN_OK;
}

int nrn_pp_record(nrn_model *m, int pp, int vec)
{
    struct pproc *p = get_pp(m, pp);
    if (!p)
        return NRN_ENOTFOUND;
    if (vec >= nrn_vector_count(m))
        return model_err(m, NRN_ENOTFOUND, "no vector with id %d", vec);
    p->recvec = vec < 0 ? -1 : vec;
    return NRN_OK;
}

int nrn_pp_move(nrn_model *m, int pp, int sec, double x)
{
    m->wseq++; /* see nrn_model.wseq */
    struct pproc *p = get_pp(m, pp);
    if (!p)
        return NRN_ENOTFOUND;
    if (p->sec < 0)
        return model_err(m, NRN_EINVAL, "%s is an artificial cell: it has no location", p->name);
    int rc = model_check_sec(m, sec);
    if (rc)
        return rc;
    if (!(x >= 0 && x <= 1))
        return model_err(m, NRN_EINVAL, "x must be in [0,1], got %g", x);
    model_flush(m);
    p->sec = sec;
    p->x = x;
    return NRN_OK;
}
