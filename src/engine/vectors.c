/*
** vectors.c: the model's named vectors (Tcl `vector`, `record` targets, NetCon and APCount
** spike records): lookup by name through the hashed name table, creation and overwrite,
** and appending as a run records into them.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nrn_int.h"

/* names_* callback: the name of vector id, NULL past the end (rolled-back ids). */
const char *vec_name_of(const nrn_model *m, int id)
{
    return id >= 0 && id < m->nvec ? m->vecs[id].name : NULL;
}

int nrn_vector_find(const nrn_model *m, const char *name)
{
    return names_find(m, &m->vecnames, name, vec_name_of);
}

int nrn_vector_set(nrn_model *m, const char *name, const double *data, size_t n, int *id)
{
    m->wseq++; /* see nrn_model.wseq */
    if (!name || !*name)
        return model_err(m, NRN_EINVAL, "empty vector name");
    int i = nrn_vector_find(m, name);
    if (i < 0) {
        if (m->nvec == m->capvec) {
            int cap = m->capvec ? 2 * m->capvec : 8;
            struct vec *v = model_realloc(m, m->vecs, sizeof *v * (size_t)cap);
            if (!v)
                return NRN_ENOMEM;
            m->vecs = v;
            m->capvec = cap;
        }
        char *nm = model_strdup(m, name);
        if (!nm || names_add(m, &m->vecnames, name, m->nvec, vec_name_of)) {
            free(nm);
            return NRN_ENOMEM;
        }
        i = m->nvec++;
        m->vecs[i] = (struct vec){ .name = nm };
    }
    struct vec *v = &m->vecs[i];
    if (n > v->cap) {
        double *d = model_realloc(m, v->data, sizeof(double) * n);
        if (!d)
            return NRN_ENOMEM;
        v->data = d;
        v->cap = n;
    }
    if (n)
        memcpy(v->data, data, sizeof(double) * n);
    v->n = n;
    if (id)
        *id = i;
    return NRN_OK;
}

const double *nrn_vector_data(const nrn_model *m, int id, size_t *n)
{
    if (id < 0 || id >= m->nvec)
        return NULL;
    if (n)
        *n = m->vecs[id].n;
    return m->vecs[id].data ? m->vecs[id].data : (const double *)"";
}

const char *nrn_vector_name(const nrn_model *m, int id)
{
    return id >= 0 && id < m->nvec ? m->vecs[id].name : NULL;
}

int nrn_vector_count(const nrn_model *m)
{
    return m->nvec;
}

/* Appends x to vector id (growing by doubling); sets m->ev_err on ENOMEM. */
void ev_vec_append(nrn_model *m, int id, double x)
{
    struct vec *v = &m->vecs[id];
    if (v->n == v->cap) {
        size_t cap = v->cap ? 2 * v->cap : 16;
        double *d = model_realloc(m, v->data, sizeof(double) * cap);
        if (!d) {
            m->ev_err = NRN_ENOMEM;
            return;
        }
        v->data = d;
        v->cap = cap;
    }
    v->data[v->n++] = x;
}
