/*
** cvode_eval.c: the variable step's state vector (model arrays <-> y) and its right-hand
** side f: the fixed step's current evaluation at one t, the zero-area nodes' algebraic v,
** the axial terms, and every mechanism's ode_spec.
*/
#include <string.h>
#include <nvector/nvector_serial.h>
#include "cvode_int.h"
#include "ldifus.h"

/*
** A state that is an ion's concentration (state_ion): its value is the ion's column (NEURON's
** state is the ion's cai itself), so y is gathered from there and scattered to both.
*/
static void ion_state(struct mtype *mt, int s, double *y, int to_ion)
{
    const nrn_mech_data *md = &mt->md;
    int code = mt->d->state_ion ? mt->d->state_ion[s] : 0;
    if (!code)
        return;
    double *col = md->ion[code / 8]->col[code % 8];
    const int *inst = md->ion_inst[code / 8];
    for (int i = 0; i < md->n; i++) {
        if (to_ion)
            col[inst[i]] = y[i];
        else
            y[i] = col[inst[i]];
    }
}

/* Fewer doubles than this are copied by a loop: memcpy's call and size dispatch cost more
** than a cell's one or five values (a local step's part). */
#define COPY_FEW 8

static inline void copy_few(double *restrict to, const double *restrict from, int n)
{
    if (n >= COPY_FEW) {
        memcpy(to, from, sizeof(double) * (size_t)n);
        return;
    }
    for (int i = 0; i < n; i++)
        to[i] = from[i];
}

/* 1 if the layout's state columns (cv->scol) are the model's: no compile since it was
** built, and no state is an ion's (those go through ion_state). */
static int cols_current(const nrn_model *m)
{
    const struct cvode *cv = m->cv;
    return cv->gen == m->gen && !cv->ion_states && cv->scol;
}

/* Model arrays -> y. */
void cv_gather(nrn_model *m, double *y)
{
    const struct cvode *cv = m->cv;
    for (int k = 0; k < cv->ncap; k++)
        y[k] = m->v[cv->capnode[k]];
    if (cols_current(m)) {
        for (int j = 0; j < cv->nty; j++)
            for (int s = 0, n = cv->tyn[j]; s < cv->tyns[j]; s++)
                copy_few(y + cv->tyoff[j] + s * n, cv->scol[cv->typtr[j] + s], n);
        return;
    }
    for (int j = 0; j < cv->nty; j++) {
        struct mtype *mt = &m->types[cv->ty[j]];
        int n = mt->md.n;
        for (int s = 0; s < mt->d->nstate; s++) {
            memcpy(y + cv->tyoff[j] + s * n, mt->md.col[mt->d->state_vars[s]],
                   sizeof(double) * (size_t)n);
            ion_state(mt, s, y + cv->tyoff[j] + s * n, 0);
        }
    }
}

/* y -> model arrays. */
void cv_scatter(nrn_model *m, const double *y)
{
    const struct cvode *cv = m->cv;
    for (int k = 0; k < cv->ncap; k++)
        m->v[cv->capnode[k]] = y[k];
    if (cols_current(m)) {
        for (int j = 0; j < cv->nty; j++)
            for (int s = 0, n = cv->tyn[j]; s < cv->tyns[j]; s++)
                copy_few(cv->scol[cv->typtr[j] + s], y + cv->tyoff[j] + s * n, n);
        return;
    }
    for (int j = 0; j < cv->nty; j++) {
        struct mtype *mt = &m->types[cv->ty[j]];
        int n = mt->md.n;
        for (int s = 0; s < mt->d->nstate; s++) {
            memcpy(mt->md.col[mt->d->state_vars[s]], y + cv->tyoff[j] + s * n,
                   sizeof(double) * (size_t)n);
            ion_state(mt, s, (double *)y + cv->tyoff[j] + s * n, 1);
        }
    }
}

/* The mechanisms' clock during an evaluation: t, and dt = the current step size. */
nrn_mech_ctx cv_ctx(nrn_model *m, double t)
{
    nrn_mech_ctx c = ev_ctx(m, t);
    double h = 0;
    if (m->cv->mem)
        CVodeGetCurrentStep(m->cv->mem, &h);
    c.dt = h > 0 ? h : 1e-8;
    c.cj = 1. / c.dt;
    return c;
}

/*
** Zero-area nodes (spec 7.4): their current balance solved for v with the neighbours'
** present v, the point processes there linearized about the old v. m->rhs and m->d
** hold the mechanisms' contributions only.
*/
static void nocap_v(nrn_model *m)
{
    const struct cvode *cv = m->cv;
    double *v = m->v;
    const double *a = m->a, *b = m->b;
    for (int k = 0; k < cv->nnocap; k++) {
        int nd = cv->nocap[k];
        double D = m->d[nd];
        double RHS = m->rhs[nd] + D * v[nd];
        if (nd >= m->ncell) {
            RHS -= b[nd] * v[m->parent[nd]];
            D -= b[nd];
        }
        for (int c = cv->nochild0[k]; c < cv->nochild0[k + 1]; c++) {
            int ch = cv->nochild[c];
            RHS -= a[ch] * v[ch];
            D -= a[ch];
        }
        if (D != 0)
            v[nd] = RHS / D;
    }
}

/*
** f at t with the model arrays holding y: currents, zero-area voltages, axial terms;
** dy/dt into ydot (NULL: only the assigned values, yet with the ode_specs, which set some
** of them: NEURON's values at a step's end are a whole f's). at_next, when given, collects
** the at_time discontinuities after t (initializations). BEFORE BREAKPOINT blocks run
** before the currents (matrix_currents), AFTER SOLVE blocks after the ode_specs.
*/
void cv_eval(nrn_model *m, double t, double *ydot, double *at_next)
{
    struct cvode *cv = m->cv;
    if (m->nplay)
        ev_play_continuous(m, t);
    nrn_mech_ctx c = cv_ctx(m, t);
    c.at_next = at_next;
    matrix_currents(m, &c);
    memcpy(cv->dsave, m->d, sizeof(double) * (size_t)m->nnode);
    nocap_v(m);
    matrix_axial(m);
    if (!ydot) { /* an evaluation of our own (a step's end, an interpolated time): counted,
                 ** as NEURON's statistics() counts its own */
        cv->extra_f++;
        ydot = cv->fdot;
    }
    if (!ydot)
        return;
    for (int k = 0; k < cv->ncap; k++) {
        int nd = cv->capnode[k];
        ydot[k] = m->rhs[nd] / (.001 * m->cm[nd]);
    }
    for (int j = 0; j < cv->nty; j++) {
        struct mtype *mt = &m->types[cv->ty[j]];
        mt->d->ode_spec(&c, &mt->md, cv_state_ptrs(cv, j, ydot, mt->md.n, mt->d->nstate));
    }
    for (int j = 0; m->ldifusing && j < cv->nty; j++) { /* NEURON's long_difus_solve(1) */
        struct mtype *mt = &m->types[cv->ty[j]];
        if (mt->d->nldifus)
            (void)ldifus_ode(m, &c, cv->ty[j], cv_state_ptrs(cv, j, ydot, mt->md.n, mt->d->nstate));
    }
    if (m->ba_mask) /* NMODL's AFTER SOLVE: at the end of every f, as NEURON's */
        ba_run(m, NRN_BA_AFTER_SOLVE, &c);
}

int cv_rhs_fn(realtype t, N_Vector y, N_Vector ydot, void *ud)
{
    nrn_model *m = ud;
    cv_scatter(m, NV_DATA_S(y)); /* serial vectors all (cvode_setup.c): no call */
    double *yd = NV_DATA_S(ydot);
    cv_eval(m, t, yd, NULL);
    for (int k = 0; k < m->cv->neq; k++)
        if (!isfinite(yd[k]))
            return 1; /* recoverable: CVODE retries with a smaller step */
    return 0;
}
