/*
** model.c: the model handle: creation with NEURON's defaults, the mechanism type
** registry, error messages and the allocation seam every engine allocation goes through.
*/
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "oneline.h"
#include "nrn_int.h"
#include "nrn_mechlib.h"
#include "exp_exact.h"

/* Mechanism libraries loaded at run time (nrn-build mod) call nrn_exp's vector forms
** (exp_simd.c) by name from their vectorized loops: this reference links them into every
** program that links the engine, also where no built-in loop was vectorized (-O1 builds). */
void (*const nrn_exp_simd_link)(const double *, double *, int, int) = exp_simd_array;

/* Built-in types in NEURON 8.2.2's registration order (spec 2.3); it fixes the order
** in which mechanisms add their currents into a node, hence the last bits of v. */
static const nrn_mech_type *const builtin_types[] = {
    &nrn_mech_na_ion, &nrn_mech_k_ion, &nrn_mech_ca_ion,
    &nrn_mech_pas, &nrn_mech_iclamp, &nrn_mech_alphasynapse, &nrn_mech_expsyn,
    &nrn_mech_exp2syn, &nrn_mech_seclamp, &nrn_mech_vclamp, &nrn_mech_apcount, &nrn_mech_hh,
    &nrn_mech_netstim, &nrn_mech_intfire1, &nrn_mech_intfire2, &nrn_mech_intfire4,
};

/* Leaves a formatted message on m and returns rc. */
int model_err(nrn_model *m, int rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m->err, sizeof m->err, fmt, ap);
    va_end(ap);
    text_oneline(m->err, sizeof m->err); /* names and cells quoted in it stay on the line */
    return rc;
}

/* Zeroed allocation; NULL with an ENOMEM message on failure. */
void *model_alloc(nrn_model *m, size_t size)
{
    void *p = calloc(1, size ? size : 1);
    if (!p)
        model_err(m, NRN_ENOMEM, "out of memory (%zu bytes)", size);
    return p;
}

void *model_malloc(nrn_model *m, size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        model_err(m, NRN_ENOMEM, "out of memory (%zu bytes)", size);
    return p;
}

/* realloc that leaves p valid and sets the message on failure. */
void *model_realloc(nrn_model *m, void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);
    if (!q)
        model_err(m, NRN_ENOMEM, "out of memory (%zu bytes)", size);
    return q;
}

/* strdup through the seam. */
char *model_strdup(nrn_model *m, const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = model_alloc(m, n);
    if (p)
        memcpy(p, s, n);
    return p;
}

/* NRN_OK if sec is a valid section id, else EINVAL with a message. */
int model_check_sec(nrn_model *m, int sec)
{
    if (sec < 0 || sec >= m->nsec)
        return model_err(m, NRN_ENOTFOUND, "no section with id %d", sec);
    return NRN_OK;
}

/* Index of the type named name, or -1. */
int model_type_index(const nrn_model *m, const char *name)
{
    for (int i = 0; i < m->ntype; i++)
        if (strcmp(m->types[i].d->name, name) == 0)
            return i;
    return -1;
}

/* Registers descriptor d in m; ions used by d must already be registered. */
static int register_type(nrn_model *m, const nrn_mech_type *d)
{
    struct mtype *mt = &m->types[m->ntype];
    memset(mt, 0, sizeof *mt);
    mt->d = d;
    if (d->nglobal) {
        mt->gvals = model_alloc(m, sizeof(double) * (size_t)d->nglobal);
        if (!mt->gvals)
            return NRN_ENOMEM;
        for (int i = 0; i < d->nglobal; i++)
            mt->gvals[i] = d->globals[i].def;
    }
    if (d->gpriv_size && !(mt->gpriv = model_alloc(m, d->gpriv_size)))
        return NRN_ENOMEM;
    for (int k = 0; k < d->nion && k < 4; k++) {
        char ion[32];
        snprintf(ion, sizeof ion, "%s_ion", d->ions[k].ion);
        mt->ion_type[k] = model_type_index(m, ion);
    }
    m->ntype++;
    return NRN_OK;
}

int nrn_mech_register(nrn_model *m, const nrn_mech_type *d)
{
    if (model_type_index(m, d->name) >= 0)
        return model_err(m, NRN_EEXIST, "a mechanism named %s is already loaded", d->name);
    if (m->ntype == NRN_MAX_TYPES)
        return model_err(m, NRN_EINVAL, "%s: more than %d mechanism types", d->name,
                         NRN_MAX_TYPES);
    if (m->nrep > 1)
        return model_err(m, NRN_EINVAL, "%s: a replicated model takes no new mechanisms",
                         d->name);
    if (d->nion > 4)
        return model_err(m, NRN_EINVAL, "%s: uses more than 4 ions", d->name);
    int rc = ion_register_uses(m, d);
    if (rc)
        return rc;
    model_flush(m);
    return register_type(m, d);
}

/* A model with NEURON's defaults and no types. */
static nrn_model *model_bare(void)
{
    /* zeroed but for the types not yet registered (register_type zeroes each it takes):
    ** 11 KiB a model never touches, pages that a local step's thousand parts (a model per
    ** cell) would otherwise fault in and clear */
    nrn_model *m = malloc(sizeof *m);
    if (!m)
        return NULL;
    size_t lo = offsetof(nrn_model, types), hi = lo + sizeof m->types;
    memset(m, 0, lo);
    memset((char *)m + hi, 0, sizeof *m - hi);
    m->t = 0;
    m->dt = 0.025;
    m->celsius = 6.3;
    m->tstop = 5;
    m->v_init = -65;
    m->steps_per_ms = 40;
    m->nstep_steprun = 1;
    m->multi_max = 32;
    m->secondorder = 0;
    m->seed = 1;
    m->freeev = -1;
    return m;
}

nrn_model *nrn_model_new(void)
{
    nrn_model *m = model_bare();
    for (size_t i = 0; m && i < sizeof builtin_types / sizeof builtin_types[0]; i++)
        if (register_type(m, builtin_types[i]) != NRN_OK) {
            nrn_model_free(&m);
            return NULL;
        }
    return m;
}

/* Bytes of x rounded up to whole cache lines, so that each type's part of the block starts
** on one, as an allocation of its own would be aligned. */
static size_t lines(size_t x)
{
    return (x + 63) & ~(size_t)63;
}

nrn_model *model_new_like(const nrn_model *src)
{
    /* a clone (a local step's part per cell, a sweep's copy) would otherwise make two
    ** allocations per type, for values it copies from src anyway */
    nrn_model *m = model_bare();
    if (!m)
        return NULL;
    size_t total = 0;
    for (int k = 0; k < src->ntype; k++)
        total += lines(sizeof(double) * (size_t)src->types[k].d->nglobal) +
                 lines(src->types[k].d->gpriv_size);
    char *b = aligned_alloc(64, total ? total : 64);
    if (!b) {
        free(m);
        return NULL;
    }
    m->types_block = b;
    for (int k = 0; k < src->ntype; k++) {
        const struct mtype *s = &src->types[k];
        struct mtype *mt = &m->types[k];
        size_t ng = sizeof(double) * (size_t)s->d->nglobal, np = s->d->gpriv_size;
        memset(mt, 0, sizeof *mt);
        mt->d = s->d;
        memcpy(mt->ion_type, s->ion_type, sizeof mt->ion_type);
        if (ng)
            mt->gvals = memcpy(b, s->gvals, ng);
        b += lines(ng);
        if (np)
            mt->gpriv = memcpy(b, s->gpriv, np);
        b += lines(np);
    }
    m->ntype = m->ntype_block = src->ntype;
    return m;
}

void nrn_model_free(nrn_model **pm)
{
    if (!pm || !*pm)
        return;
    nrn_model *m = *pm;
    model_flush(m);
    for (int i = 0; i < m->nsec; i++)
        section_free(m->secs[i]);
    free(m->secs);
    for (int i = 0; i < m->npp; i++)
        if (m->pps[i]) {
            free(m->pps[i]->name);
            free(m->pps[i]->vals);
            free(m->pps[i]);
        }
    free(m->pps);
    ev_free_all(m);
    cvode_free(m);
    par_free(m);
    names_free(&m->secnames);
    names_free(&m->ppnames);
    names_free(&m->ncnames);
    names_free(&m->vecnames);
    names_free(&m->prerefs);
    for (int i = m->ntype_block; i < m->ntype; i++) {
        free(m->types[i].gvals);
        free(m->types[i].gpriv);
    }
    free(m->types_block);
    for (int i = 0; i < m->nrec; i++)
        free(m->recs[i].data);
    free(m->recs);
    free(m->pbs);
    functable_free(m);
    replica_free(m);
    lag_free(m);
    free(m);
    *pm = NULL;
}

void nrn_set_cancel(nrn_model *m, const volatile int *flag)
{
    m->cancel = flag;
}

void nrn_set_notice_callback(nrn_model *m, nrn_notice_fn fn, void *ud)
{
    m->notice_fn = fn;
    m->notice_ud = ud;
}

const char *nrn_errmsg(const nrn_model *m)
{
    return m ? m->err : "no model";
}

const char *nrn_status_name(int rc)
{
    static const char *const names[] = {
        "OK", "EINVAL", "ENOTFOUND", "EEXIST", "ENOMEM", "ETOPOLOGY", "ENUMERIC", "EIO",
        "EFORMAT", "ECANCELED",
    };
    if (rc < 0 || rc >= (int)(sizeof names / sizeof names[0]))
        return "EUNKNOWN";
    return names[rc];
}

int nrn_mech_count(const nrn_model *m)
{
    return m->ntype;
}

const char *nrn_mech_name(const nrn_model *m, int i)
{
    return i >= 0 && i < m->ntype ? m->types[i].d->name : NULL;
}

int nrn_mech_kind_of(const nrn_model *m, int i)
{
    return i >= 0 && i < m->ntype ? (int)m->types[i].d->kind : -1;
}

int nrn_mech_find(const nrn_model *m, const char *name)
{
    return model_type_index(m, name);
}

int nrn_mech_records(const nrn_model *m, int i)
{
    return i >= 0 && i < m->ntype ? m->types[i].d->records : 0;
}

/* The catalogue's variables: a translated mechanism's internal columns ("_ina", an ion
** current it writes, kept per instance) come last and are not part of it. */
static int visible_nvar(const nrn_mech_type *d)
{
    int n = d->nvar;
    while (n > 0 && d->vars[n - 1].name[0] == '_')
        n--;
    return n;
}

int nrn_mech_nvar(const nrn_model *m, int i)
{
    return i >= 0 && i < m->ntype ? visible_nvar(m->types[i].d) : 0;
}

const nrn_var_info *nrn_mech_var(const nrn_model *m, int i, int j)
{
    if (i < 0 || i >= m->ntype || j < 0 || j >= visible_nvar(m->types[i].d))
        return NULL;
    return &m->types[i].d->vars[j];
}

double nrn_time(const nrn_model *m)
{
    return m->t;
}

long nrn_step_count(const nrn_model *m)
{
    return m->nsteps;
}
