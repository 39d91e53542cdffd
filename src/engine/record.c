/*
** record.c: records, NEURON's Vector.record: a value sampled at finitialize and after
** every step (or every rec_every ms on the nearest step), kept in growing arrays and
** optionally handed to a caller's callback as each sample is taken (streaming CSV).
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "nrn_int.h"

int nrn_record_add(nrn_model *m, const nrn_ref *ref, int *id)
{
    double v;
    int rc = nrn_ref_get(m, ref, &v);
    if (rc)
        return rc;
    if (m->nrec == m->caprec) {
        int cap = m->caprec ? 2 * m->caprec : 8;
        struct record *r = model_realloc(m, m->recs, sizeof *r * (size_t)cap);
        if (!r)
            return NRN_ENOMEM;
        m->recs = r;
        m->caprec = cap;
    }
    struct record *r = &m->recs[m->nrec];
    r->ref = *ref;
    r->ptr = NULL;
    r->gen = -1;
    r->data = NULL;
    r->n = r->cap = 0;
    r->gone[0] = '\0';
    if (id)
        *id = m->nrec;
    m->nrec++;
    m->rec_seq++;
    return NRN_OK;
}

void nrn_record_clear(nrn_model *m)
{
    for (int i = 0; i < m->nrec; i++)
        free(m->recs[i].data);
    m->nrec = 0;
    m->nsamples = 0;
    m->rec_seq++;
}

int nrn_record_count(const nrn_model *m)
{
    return m->nrec;
}

size_t nrn_record_len(const nrn_model *m, int id)
{
    return id >= 0 && id < m->nrec ? m->recs[id].n : 0;
}

const double *nrn_record_data(const nrn_model *m, int id)
{
    return id >= 0 && id < m->nrec ? m->recs[id].data : NULL;
}

int nrn_record_set_interval(nrn_model *m, double every)
{
    if (!(every >= 0) || every != every)
        return model_err(m, NRN_EINVAL, "record interval must be >= 0, got %g", every);
    m->rec_every = every;
    return NRN_OK;
}

void nrn_record_set_callback(nrn_model *m, nrn_sample_fn fn, void *ud)
{
    m->sample_fn = fn;
    m->sample_ud = ud;
}

/* Empties every record (finitialize) and restarts the sampling schedule. */
void record_reset(nrn_model *m)
{
    for (int i = 0; i < m->nrec; i++)
        m->recs[i].n = 0;
    m->nsamples = 0;
    m->rec_next = 0;
}

/*
** A point process or NetCon is being deleted: each record of one of its values keeps the
** value's path, so that the next sample can say what went (rather than record NaN).
*/
void record_object_gone(nrn_model *m, int is_netcon, int obj)
{
    for (int i = 0; i < m->nrec; i++) {
        struct record *r = &m->recs[i];
        if (r->ref.obj == obj && ref_obj_is_netcon(&r->ref) == is_netcon && !r->gone[0])
            ref_label(m, &r->ref, r->gone, sizeof r->gone);
    }
}

/* The error for a record whose value can no longer be read (its object was deleted). */
static int record_unreadable(nrn_model *m, const struct record *r)
{
    if (r->gone[0])
        return model_err(m, NRN_ENOTFOUND, "record %s: its object was deleted after the "
                         "record was made (a record cannot outlive what it records)", r->gone);
    char label[128], why[sizeof m->err];
    snprintf(why, sizeof why, "%s", m->err);
    ref_label(m, &r->ref, label, sizeof label);
    return model_err(m, NRN_ENOTFOUND, "record %s: %s", label, why);
}

/* Appends the current value of every record, then calls the sample callback. */
int record_sample(nrn_model *m)
{
    for (int i = 0; i < m->nrec; i++) {
        struct record *r = &m->recs[i];
        if (r->n == r->cap) {
            size_t cap = r->cap ? 2 * r->cap : 64;
            double *d = model_realloc(m, r->data, sizeof(double) * cap);
            if (!d)
                return NRN_ENOMEM;
            r->data = d;
            r->cap = cap;
        }
        double v;
        if (record_ptr(m, r))
            v = *r->ptr;
        else if (nrn_ref_get(m, &r->ref, &v) != NRN_OK)
            return record_unreadable(m, r);
        r->data[r->n++] = v;
    }
    m->nsamples++;
    if (m->sample_fn)
        m->sample_fn(m->sample_ud, m, m->nsamples - 1);
    return NRN_OK;
}

/*
** Makes room for the samples a run to tstop will take, so the buffers grow once to their
** size rather than by doubling (each doubling copies, and a page first touched costs a
** fault: many records of a short run should share pages). Best effort: a failure here
** leaves the growth to record_sample.
*/
void record_reserve(nrn_model *m, double tstop)
{
    double every = m->rec_every > 0 ? m->rec_every : m->dt;
    double more = (tstop - m->t) / every;
    if (!(more > 0) || more > 1e8)
        return;
    for (int i = 0; i < m->nrec; i++) {
        struct record *r = &m->recs[i];
        size_t need = r->n + (size_t)more + 2;
        if (need > r->cap) {
            double *d = realloc(r->data, sizeof(double) * need);
            if (!d)
                return;
            r->data = d;
            r->cap = need;
        }
    }
}

/* Takes every interval sample due at or before tlimit (NEURON's record(&x, Dt) events,
** whose times accumulate by repeated addition). */
int record_due(nrn_model *m, double tlimit)
{
    double tsave = m->t;
    int rc = NRN_OK;
    while (rc == NRN_OK && m->rec_next <= tlimit) {
        m->t = m->rec_next; /* an event sees t = its own time, so a record of t shows it */
        rc = record_sample(m);
        m->rec_next += m->rec_every;
    }
    m->t = tsave;
    return rc;
}
