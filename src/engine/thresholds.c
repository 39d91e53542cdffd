/*
** thresholds.c: spike detection at the fixed step's start. Each spike source watches one
** value; the check reads a compact copy of the live sources (value pointer, threshold,
** flag) in vector passes and looks at a block one by one only when a source changes side.
** Every writer of a source's threshold, flag, NetCons, gid or owner calls
** ev_sources_changed, which makes the next check rebuild the copy.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nrn_int.h"

/* The value spike source p watches, or NULL (an object's net_event, no NetCon left). */
static inline double *presyn_value(nrn_model *m, struct presyn *p)
{
    /* not for an object's net_event, a dead source, or one nothing listens to (a cell
    ** with a gid is heard on the other ranks) */
    if (p->pp != -1 || (p->nnc == 0 && p->gid < 0))
        return NULL;
    if (p->gen != m->gen) {
        p->ptr = ref_ptr(m, &p->ref);
        p->gen = m->gen;
    }
    return p->ptr;
}

/* The same for source i (the step's threshold check inlines presyn_value). */
double *ev_presyn_value(nrn_model *m, int i)
{
    return presyn_value(m, &m->pre[i]);
}

/* The sources' check one by one from source i on (the sources may change as it fires). */
static int check_from(nrn_model *m, int i)
{
    for (; i < m->npre; i++) {
        struct presyn *p = &m->pre[i]; /* again each time: a spike callback may add sources */
        const double *x = presyn_value(m, p);
        if (!x)
            continue;
        int above = *x - p->threshold > 0;
        if (above == p->flag)
            continue;
        p->flag = above;
        if (above)
            ev_presyn_fire(m, i, m->t + 1e-10);
    }
    int rc = m->ev_err;
    m->ev_err = 0;
    return rc;
}

/* p reallocated to size bytes, or p itself with *ok cleared when out of memory. */
static void *grow(nrn_model *m, void *p, size_t size, int *ok)
{
    void *q = model_realloc(m, p, size);
    if (!q)
        *ok = 0;
    return q ? q : p;
}

/* Makes the check's compact copy of the live sources; 0, or NRN_ENOMEM. */
static int thr_build(nrn_model *m)
{
    struct thr_cache *c = &m->thr;
    if (m->npre > c->cap) {
        size_t n = (size_t)m->npre;
        int ok = 1;
        c->ptr = grow(m, c->ptr, n * sizeof *c->ptr, &ok);
        c->thr = grow(m, c->thr, n * sizeof *c->thr, &ok);
        c->flag = grow(m, c->flag, n * sizeof *c->flag, &ok);
        c->idx = grow(m, c->idx, n * sizeof *c->idx, &ok);
        if (!ok)
            return NRN_ENOMEM;
        c->cap = m->npre;
    }
    c->n = 0;
    for (int i = 0; i < m->npre; i++) {
        struct presyn *p = &m->pre[i];
        const double *x = presyn_value(m, p);
        if (!x)
            continue;
        c->ptr[c->n] = x;
        c->thr[c->n] = p->threshold;
        c->flag[c->n] = p->flag;
        c->idx[c->n++] = i;
    }
    c->gen = m->gen;
    c->npre = m->npre;
    c->ok = 1;
    return NRN_OK;
}

/* Threshold detection at the start of a fixed step (spec 5.2): a vector pass over the compact
** copy finds the blocks of sources whose side of the threshold changed, and only those are
** checked one by one, in source order, as NEURON does. */
int ev_check_thresholds(nrn_model *m)
{
    enum { BLOCK = 32 };
    struct thr_cache *c = &m->thr;
    if ((!c->ok || c->gen != m->gen || c->npre != m->npre) && thr_build(m))
        return check_from(m, 0); /* no room for the copy: the plain loop */
    for (int k0 = 0; k0 < c->n; k0 += BLOCK) {
        int k1 = k0 + BLOCK < c->n ? k0 + BLOCK : c->n, any = 0;
        const double *const *ptr = c->ptr;
        const double *thr = c->thr;
        const int *flag = c->flag;
#pragma omp simd reduction(| : any)
        for (int k = k0; k < k1; k++)
            any |= (*ptr[k] - thr[k] > 0) != flag[k];
        if (!any)
            continue;
        for (int k = k0; k < k1; k++) {
            int above = *c->ptr[k] - c->thr[k] > 0;
            if (above == c->flag[k]) /* the source's own flag, while the copy is valid */
                continue;
            int i = c->idx[k];
            m->pre[i].flag = above;
            c->flag[k] = above;
            if (!above)
                continue;
            ev_presyn_fire(m, i, m->t + 1e-10);
            /* a spike callback may have changed the sources: the rest one by one */
            if (!c->ok || c->gen != m->gen || c->npre != m->npre)
                return check_from(m, i + 1);
        }
    }
    int rc = m->ev_err;
    m->ev_err = 0;
    return rc;
}
