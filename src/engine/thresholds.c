/*
** thresholds.c: spike detection at the fixed step's start. Each spike source watches one
** value; the check reads a compact copy of the live sources (value pointer, threshold,
** flag) in vector passes and looks at a block one by one only when a source changes side;
** 8 sources that watch 8 consecutive values (interleaved cells) are one vector load.
** Every writer of a source's threshold, flag, NetCons, gid or owner calls
** ev_sources_changed, which makes the next check rebuild the copy.
*/
#include <math.h>
#include <stdint.h>
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

/* x - thr > 0 on the bits of the difference (positive and not NaN: 1 .. the bits of +inf),
** so that GCC vectorizes the pass: it keeps a loop scalar whose floating-point compare
** might trap. */
static inline int64_t above_bits(double x, double thr)
{
    double d = x - thr;
    int64_t b;
    memcpy(&b, &d, sizeof b);
    return (b > 0) & (b <= INT64_C(0x7ff0000000000000));
}

/* Sources per run: 8 cells interleaved (interleave.c) watch 8 consecutive values, which the
** check then loads as one vector instead of 8 loads through their pointers. */
enum { RUN = 8 };

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
        c->run = grow(m, c->run, (n / RUN + 1) * sizeof *c->run, &ok);
        if (!ok)
            return NRN_ENOMEM;
        c->cap = m->npre;
    }
    c->n = 0;
    c->build++;
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
    for (int g = 0; g < c->n / RUN; g++) {
        const double *const *x = c->ptr + g * RUN;
        int run = 1;
        for (int l = 1; l < RUN; l++)
            run &= x[l] == x[0] + l;
        c->run[g] = run ? x[0] : NULL;
    }
    c->run[c->n / RUN] = NULL;
    c->gen = m->gen;
    c->npre = m->npre;
    c->ok = 1;
    return NRN_OK;
}

/* thr_changed for a lone cell's few sources (k1 - k0 < RUN): a plain loop, no vector setup
** (inline in the step's check: a call would cost hh1 4% of its step). */
static inline int few_changed(const struct thr_cache *c, int k0, int k1)
{
    int any = 0;
    for (int k = k0; k < k1; k++)
        any |= (*c->ptr[k] - c->thr[k] > 0) != c->flag[k];
    return any;
}

/* The vector pass of the check: 1 if some source k0 <= k < k1 is on the other side of its
** threshold than its flag says. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#endif
int thr_changed(const nrn_model *m, int k0, int k1)
{
    const struct thr_cache *c = &m->thr;
    const double *const *ptr = c->ptr;
    const double *thr = c->thr;
    const int *flag = c->flag;
    int64_t any = 0, acc[RUN] = { 0 }; /* lane by lane, then once: a reduction per run costs
                                       ** more than the run's compares */
    if (k1 - k0 < RUN)
        return few_changed(c, k0, k1);
    int g0 = k0;
    for (; g0 < k1 && g0 % RUN; g0++) /* up to the first whole run */
        any |= above_bits(*ptr[g0], thr[g0]) ^ (int64_t)flag[g0];
    for (; g0 < k1; g0 += RUN) {
        const double *x = g0 + RUN <= k1 ? c->run[g0 / RUN] : NULL;
        if (x) {
#pragma omp simd
            for (int l = 0; l < RUN; l++)
                acc[l] |= above_bits(x[l], thr[g0 + l]) ^ (int64_t)flag[g0 + l];
            continue;
        }
        int n = k1 - g0 < RUN ? k1 - g0 : RUN;
#pragma omp simd
        for (int l = 0; l < n; l++)
            acc[l] |= above_bits(*ptr[g0 + l], thr[g0 + l]) ^ (int64_t)flag[g0 + l];
    }
    for (int l = 0; l < RUN; l++)
        any |= acc[l];
    return any != 0;
}

int thr_ready(nrn_model *m)
{
    struct thr_cache *c = &m->thr;
    if ((c->ok && c->gen == m->gen && c->npre == m->npre) || (m->npre == 0 && c->cap == 0))
        return NRN_OK; /* (no source ever: the cache holds none, c->n 0) */
    return thr_build(m);
}

/* Threshold detection at the start of a fixed step (spec 5.2): a vector pass over the compact
** copy finds the blocks of sources whose side of the threshold changed, and only those are
** checked one by one, in source order, as NEURON does. */
int ev_check_thresholds(nrn_model *m)
{
    enum { BLOCK = 64 };
    struct thr_cache *c = &m->thr;
    if ((!c->ok || c->gen != m->gen || c->npre != m->npre) && thr_build(m))
        return check_from(m, 0); /* no room for the copy: the plain loop */
    for (int k0 = 0; k0 < c->n; k0 += BLOCK) {
        int k1 = k0 + BLOCK < c->n ? k0 + BLOCK : c->n;
        if (!(k1 - k0 < RUN ? few_changed(c, k0, k1) : thr_changed(m, k0, k1)))
            continue;
        for (int k = k0; k < k1; k++) {
            if (!thr_flip(m, k))
                continue;
            int i = c->idx[k];
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
