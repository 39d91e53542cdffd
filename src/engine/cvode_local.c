/*
** cvode_local.c: the local variable time step (cvode -local 1, NEURON's use_local_dt): each
** cell integrates on its own CVODE instance, so that a quiet cell takes long steps while
** its neighbours spike.
**
** The run reuses pc nthread's split (threads.c): the model becomes one model per cell (the
** artificial cells go with the first cell), each a clone pruned to its cell with the global
** step's integrator (cvode*.c) of its own. The parts integrate independently to the end of
** a round no longer than the smallest NetCon delay between two cells (CVODE's stop time, as
** NEURON's ParallelContext does under CVODE), then exchange the round's spikes: a spike at
** ts in the round is due at ts + delay, after the round's end, so it is queued in the
** receiving cell before that cell reaches it and delivered at its exact time, as NEURON's
** local step does. Cells joined by a zero delay are one part (threads_split.c).
**
** Records: the cells step at their own times, so rows are written on a common grid, each
** cell's values interpolated from its CVODE history: every `record -dt X` ms when set,
** else every dt ms (nrn-run --record-dt). This file sets a part up and joins its
** statistics back; the rounds live in threads.c.
*/
#include <string.h>
#include "cvode_int.h"

void cvl_part(const nrn_model *m, nrn_model *part)
{
    if (part->cv) { /* the part is one cell: the global step's code runs it */
        part->cv->local = 0;
        part->cv->part = 1;
    }
    if (part->nrec == 0) { /* no rows to interpolate: threads.c merges the others' */
        part->rec_every = 0;
        return;
    }
    if (m->rec_every > 0)
        return;
    /* rows every dt after the one at the run's start (finitialize's, or the last run's) */
    part->rec_every = m->dt;
    part->rec_next = m->t + m->dt;
}

/*
** A part's own spike sources: the others are inputs (threads.c) that a part of a thousand
** cells would otherwise visit at every threshold check.
*/
int cvl_own_sources(nrn_model *m)
{
    struct cvode *cv = m->cv;
    int n = 0;
    for (int i = 0; i < m->npre; i++)
        n += m->pre[i].pp != PRESYN_INPUT;
    cv->own = model_alloc(m, sizeof(int) * (size_t)(n + 1));
    if (!cv->own)
        return NRN_ENOMEM;
    cv->nown = 0;
    for (int i = 0; i < m->npre; i++)
        if (m->pre[i].pp != PRESYN_INPUT)
            cv->own[cv->nown++] = i;
    return NRN_OK;
}

/* A part's counters, in cvl_join's order: steps, fevals, nonlinear iterations and
** failures, error-test failures, linear solves, setups, initializations. */
void cvl_counts(const nrn_model *part, long c[8])
{
    nrn_cvode_stats st;
    nrn_cvode_stats_get(part, &st);
    const long x[8] = { st.steps, st.fevals, st.nonlin_iters, st.nonlin_fails, st.err_fails,
                        st.linsolves, st.jacobians, st.inits };
    memcpy(c, x, sizeof x);
}

/* A part's counters join the model's: cvode stats sums the cells'. */
void cvl_join(nrn_model *m, const nrn_model *part)
{
    long c[8];
    cvl_counts(part, c);
    cvl_add_counts(m, c);
    m->cv->need_init = 1; /* a later global step restarts from the joined state */
}

void cvl_add_counts(nrn_model *m, const long c[8])
{
    struct cvode *cv = m->cv;
    long *f[8] = { &cv->acc_steps, &cv->acc_fevals, &cv->acc_niters, &cv->acc_nfails,
                   &cv->acc_efails, &cv->linsolves, &cv->setups, &cv->inits };
    for (int i = 0; i < 8; i++)
        *f[i] += c[i];
}

/* A part parked inside its step (cvode_run.c's park) stays so while the rounds end before
** this: its step's end or its first event; -inf when it is not parked. */
double cvl_parked_until(const nrn_model *part)
{
    const struct cvode *cv = part->cv;
    if (!cv || !cv->parked)
        return -INFINITY;
    double tev = part->nheap ? part->ev[part->heap[0]].t : INFINITY;
    return cv->tn < tev ? cv->tn : tev;
}

int cvode_local(const nrn_model *m)
{
    return cvode_active(m) && m->cv->local;
}

/*
** A zero delay between parts would give rounds of no length. Parts joined by one are
** merged (thr_group_zero_delay), so this is left for a delay below 0 or one between
** ranks. netcon: NULL when the NetCon is on another rank.
*/
int cvl_zero_delay(nrn_model *m, const char *netcon, double delay)
{
    if (!netcon)
        return model_err(m, NRN_EINVAL, "a delay between two cells on another rank is %g ms; "
                         "the local step (cvode -local 1) needs delays > 0 between cells", delay);
    return model_err(m, NRN_EINVAL,
                     "NetCon %s: delay %g ms between two cells; the local step (cvode -local "
                     "1) needs delays > 0 between cells (use the global step: cvode -local 0)",
                     netcon, delay);
}
