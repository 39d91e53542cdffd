/*
** cvode_record.c: record rows under the variable step: one per step, or rows every
** rec_every ms with the state interpolated from CVODE's history (record -dt).
*/
#include <nvector/nvector_serial.h>
#include "cvode_int.h"

/* The state at tnow back in the model arrays: the step's end, or inside the step taken. */
static void restore(nrn_model *m, double tnow)
{
    struct cvode *cv = m->cv;
    if (cv->ahead) {
        CVodeGetDky(cv->mem, tnow, 0, cv->yi);
        cv_scatter(m, N_VGetArrayPointer(cv->yi));
    } else {
        cv_scatter(m, N_VGetArrayPointer(cv->y));
    }
    cv_eval(m, tnow, NULL, NULL);
}

/* Interval records due in (told, m->t]: the state interpolated at each sample time. */
static int record_interp(nrn_model *m, double told)
{
    struct cvode *cv = m->cv;
    double tnow = m->t;
    int rc = NRN_OK, moved = 0;
    while (rc == NRN_OK && m->rec_next <= tnow) {
        double tr = m->rec_next;
        /* a sample time passed before this step (a restart after a discontinuity): the
        ** state at the step's start, just after it */
        double ti = tr > told ? tr : told;
        if (ti < tnow && cv->stepped) {
            CVodeGetDky(cv->mem, ti, 0, cv->tmp);
            cv_scatter(m, N_VGetArrayPointer(cv->tmp));
            cv_eval(m, tr, NULL, NULL);
            moved = 1;
        } else if (moved) {
            restore(m, tnow);
            moved = 0;
        }
        m->t = tr;
        rc = record_sample(m);
        m->rec_next += m->rec_every;
    }
    if (moved)
        restore(m, tnow);
    m->t = tnow;
    return rc;
}

/* NMODL's BEFORE STEP: NEURON runs it where the records of a step (or an init) are taken. */
static void before_step(nrn_model *m)
{
    if (m->ba_mask) {
        nrn_mech_ctx c = cv_ctx(m, m->t);
        ba_run(m, NRN_BA_BEFORE_STEP, &c);
    }
}

/* A record row (every step), or the interval rows since told. */
int cv_record_step(nrn_model *m, double told)
{
    before_step(m);
    return m->rec_every > 0 ? record_interp(m, told) : record_sample(m);
}

/* A row at a re-initialization (every-step records only: interval rows are on a grid). */
int cv_record_init(nrn_model *m)
{
    before_step(m);
    return m->rec_every > 0 ? NRN_OK : record_sample(m);
}
