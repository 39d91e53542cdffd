/*
** fixed.c: NEURON's fixed-step method (spec 2 and 3): finitialize, fadvance with
** secondorder 0, 1 or 2, and stdrun's setdt/continuerun/run.
**
** Where quantities are in time after a step from t to t+dt: v at t+dt; states were
** advanced with the new v (they live half a step ahead of v); currents and other
** assigned BREAKPOINT values were computed at t+dt/2 with the old v and old states.
*/
#include <math.h>
#include "nrn_int.h"

/* Zeroes the system and adds every mechanism's current at t, in type order. */
void matrix_currents(nrn_model *m, const nrn_mech_ctx *c)
{
    int n = m->nnode;
    double *rhs = m->rhs, *d = m->d;
    for (int i = 0; i < n; i++) {
        rhs[i] = 0;
        d[i] = 0;
    }
    for (int k = 0; k < m->ncur; k++) {
        struct mtype *mt = &m->types[m->curlist[k]];
        mt->d->cur(c, &mt->md);
    }
}

/* Adds the axial currents to the right-hand side and their terms to the diagonal. */
void matrix_axial(nrn_model *m)
{
    int n = m->nnode;
    double *rhs = m->rhs, *d = m->d, *v = m->v;
    const double *a = m->a, *b = m->b;
    const int *parent = m->parent;
    for (int i = m->ncell; i < n; i++) {
        int p = parent[i];
        double dv = v[p] - v[i];
        rhs[i] -= b[i] * dv;
        rhs[p] += a[i] * dv;
    }
    for (int i = m->ncell; i < n; i++) {
        d[i] -= b[i];
        d[parent[i]] -= a[i];
    }
}

/*
** Fills the linear system for the voltage changes (spec 2.3): mechanism currents in
** type order, capacitance on the diagonal, then the axial terms. The order of every
** addition is NEURON's.
*/
void fixed_setup_matrix(nrn_model *m, double t)
{
    int n = m->nnode;
    double *d = m->d;
    const double *cm = m->cm;
    nrn_mech_ctx c = ev_ctx(m, t);
    matrix_currents(m, &c);
    double cfac = .001 * m->cj;
    for (int i = 0; i < n; i++)
        d[i] += cfac * cm[i];
    matrix_axial(m);
}

/* Hines elimination on the tree (spec 2.4); rhs then holds the voltage changes. */
void matrix_solve(nrn_model *m)
{
    int n = m->nnode, ncell = m->ncell;
    double *rhs = m->rhs, *d = m->d;
    const double *a = m->a, *b = m->b;
    const int *parent = m->parent;
    for (int i = n - 1; i >= ncell; i--) {
        int p = parent[i];
        double f = a[i] / d[i];
        d[p] -= f * b[i];
        rhs[p] -= f * rhs[i];
    }
    for (int i = 0; i < ncell; i++)
        rhs[i] /= d[i];
    for (int i = ncell; i < n; i++) {
        rhs[i] -= b[i] * rhs[parent[i]];
        rhs[i] /= d[i];
    }
}

/* secondorder 2: ion currents are moved to the step's midpoint voltage (spec 2.7). */
static void second_order_cur(nrn_model *m)
{
    for (int k = 0; k < m->ntype; k++) {
        struct mtype *mt = &m->types[k];
        if (mt->d->kind != NRN_ION)
            continue;
        nrn_mech_data *md = &mt->md;
        double *cur = md->col[3], *dcur = md->col[4];
        for (int i = 0; i < md->n; i++)
            cur[i] += dcur[i] * m->rhs[md->node[i]];
    }
}

/* Recomputes cj when dt changed since the last sync (spec 2.1). */
static void sync_dt(nrn_model *m)
{
    if (m->dt != m->dt_synced) {
        m->cj = m->secondorder ? 2.0 / m->dt : 1.0 / m->dt;
        m->dt_synced = m->dt;
    }
}

int nrn_finitialize(nrn_model *m, double v)
{
    int rc = model_compile(m);
    if (rc)
        return rc;
    m->t = 0;
    m->nsteps = 0;
    replica_reset(m);
    m->cj = m->secondorder ? 2.0 / m->dt : 1.0 / m->dt;
    m->dt_synced = m->dt;
    if ((rc = ev_init(m)) || (rc = ev_deliver(m, 0)))
        return rc;
    if (!isnan(v))
        for (int i = 0; i < m->nnode; i++)
            m->v[i] = v;
    nrn_mech_ctx c = ev_ctx(m, 0);
    for (int k = 0; k < m->ntype; k++) {
        struct mtype *mt = &m->types[k];
        if (mt->d->init && mt->md.n)
            mt->d->init(&c, &mt->md);
    }
    if ((rc = ev_deliver(m, 0)))
        return rc;
    /* Assigned values (ina, gna, IClamp.i) get their t = 0 values before recording. */
    fixed_setup_matrix(m, 0);
    cvode_finitialize(m);
    record_reset(m);
    return m->rec_every > 0 ? record_due(m, 0) : record_sample(m);
}

int nrn_fadvance(nrn_model *m)
{
    int rc;
    if (cvode_active(m))
        return cvode_fadvance(m);
    if (!m->compiled && (rc = model_compile(m)))
        return rc;
    sync_dt(m);
    double dt = m->dt;
    /* most steps of most models have no sources or no events due: skip the calls */
    if (m->npre && (rc = ev_check_thresholds(m)))
        return rc;
    if ((m->nheap || m->ev_err) && (rc = ev_deliver(m, m->t + .5 * dt)))
        return rc;
    /* A sample due within the first half step is taken before it, at t (spec 6.1). */
    if (m->rec_every > 0 && (rc = record_due(m, m->t + dt / 2)))
        return rc;
    m->t += .5 * dt;
    if (m->nplay)
        ev_play_continuous(m, m->t);
    fixed_setup_matrix(m, m->t);
    matrix_solve(m);
    if (m->secondorder == 2)
        second_order_cur(m);
    int n = m->nnode;
    double *v = m->v;
    const double *rhs = m->rhs;
    if (m->secondorder)
        for (int i = 0; i < n; i++)
            v[i] += 2. * rhs[i];
    else
        for (int i = 0; i < n; i++)
            v[i] += rhs[i];
    m->t += .5 * dt;
    if (m->nplay)
        ev_play_continuous(m, m->t);
    nrn_mech_ctx c = ev_ctx(m, m->t);
    for (int k = 0; k < m->nstate; k++) {
        struct mtype *mt = &m->types[m->statelist[k]];
        mt->d->state(&c, &mt->md);
    }
    m->nsteps++;
    for (int i = 0; i < n; i++)
        if (!isfinite(v[i])) {
            int s = m->sec_of_node[i];
            if (m->nrep > 1) { /* only that replica fails (replica.c) */
                replica_fail(m, s, v[i]);
                continue;
            }
            return model_err(m, NRN_ENUMERIC, "v became %g in %s at t = %g (dt too large?)",
                             v[i], m->secs[s]->name, m->t);
        }
    rc = m->rec_every > 0 ? record_due(m, m->t) : record_sample(m);
    if (rc == NRN_OK && (m->nheap || m->ev_err))
        rc = ev_deliver(m, m->t);
    return rc;
}

int nrn_continuerun(nrn_model *m, double tstop)
{
    if (!isfinite(tstop))
        return model_err(m, NRN_EINVAL, "tstop must be finite");
    if (cvode_active(m))
        return cvode_continuerun(m, tstop);
    double ts = tstop - m->dt / 2;
    record_reserve(m, tstop);
    while (m->t < ts)
        for (int i = 0; i < m->nstep_steprun; i++) {
            int rc = nrn_fadvance(m);
            if (rc)
                return rc;
            if (m->cancel && *m->cancel)
                return model_err(m, NRN_ECANCELED, "cancelled at t = %g", m->t);
        }
    return NRN_OK;
}

/* stdrun's setdt: make dt an integer fraction of 1/steps_per_ms. */
static void setdt(nrn_model *m)
{
    double Dt = 1 / m->steps_per_ms;
    int nstep = (int)(Dt / m->dt);
    if (nstep == 0)
        nstep = 1;
    m->nstep_steprun = nstep;
    if (fabs(m->dt * nstep * m->steps_per_ms - 1) > 1e-6)
        m->dt = Dt / nstep;
}

int nrn_run(nrn_model *m)
{
    setdt(m);
    int rc = nrn_finitialize(m, m->v_init);
    return rc ? rc : nrn_continuerun(m, m->tstop);
}
