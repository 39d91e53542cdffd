/*
** cvode_setup.c: the variable step's layout (which nodes carry capacitance, where each
** mechanism's states sit in y), its tolerances, the SUNDIALS objects, and the
** (re)initialization after a discontinuity or an event.
*/
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <nvector/nvector_serial.h>
#include "cvode_nvec.h"
#include "cvode_int.h"

static void err_handler(int code, const char *module, const char *function, char *msg, void *ud)
{
    (void)code;
    (void)module;
    (void)function;
    struct cvode *cv = ud;
    snprintf(cv->err, sizeof cv->err, "%s", msg);
}

/* atolscale of the state named name: the last matching pattern, else dflt. */
static double scale_of(const struct cvode *cv, const char *name, double dflt)
{
    for (int i = cv->nscale - 1; i >= 0; i--)
        if (fnmatch(cv->scale[i].pat, name, 0) == 0)
            return cv->scale[i].scale;
    return dflt;
}

/* Name of a state as NEURON's atolscale knows it: "m_hh", "ExpSyn.g". */
static void state_name(const nrn_mech_type *d, int s, char *buf, size_t size)
{
    const char *var = d->vars[d->state_vars[s]].name;
    if (d->kind == NRN_DENSITY)
        snprintf(buf, size, "%s_%s", var, d->name);
    else
        snprintf(buf, size, "%s.%s", d->name, var);
}

/* A type that would be integrated wrongly: states without CVODE equations. */
const char *cv_unsupported(const nrn_model *m)
{
    for (int t = 0; t < m->ntype; t++) {
        const nrn_mech_type *d = m->types[t].d;
        if (m->types[t].md.n && d->nstate > 0 && (!d->ode_spec || !d->ode_matsol))
            return d->name;
    }
    return NULL;
}

/* Which nodes carry capacitance, the zero-area nodes' children, the state layout. */
static int build_layout(nrn_model *m)
{
    struct cvode *cv = m->cv;
    int n = m->nnode;
    char *iscap = model_alloc(m, (size_t)n + 1);
    cv->capnode = model_alloc(m, sizeof(int) * ((size_t)n + 1));
    cv->nocap = model_alloc(m, sizeof(int) * ((size_t)n + 1));
    cv->nochild0 = model_alloc(m, sizeof(int) * ((size_t)n + 2));
    cv->nochild = model_alloc(m, sizeof(int) * ((size_t)n + 1));
    cv->dsave = model_alloc(m, sizeof(double) * ((size_t)n + 1));
    int *slot = model_alloc(m, sizeof(int) * ((size_t)n + 1));
    if (!iscap || !cv->capnode || !cv->nocap || !cv->nochild0 || !cv->nochild || !cv->dsave ||
        !slot) {
        free(iscap), free(slot);
        return NRN_ENOMEM;
    }
    for (int i = 0; i < m->nsec; i++) {
        const struct section *s = m->secs[i];
        for (int j = 0; j < s->nseg; j++)
            iscap[sec_node(s, j)] = 1;
    }
    cv->ncap = cv->nnocap = 0;
    for (int k = 0; k < n; k++) { /* in NEURON's node order: the norms sum over y */
        int i = model_std_node(m, k);
        slot[i] = -1;
        if (iscap[i])
            cv->capnode[cv->ncap++] = i;
        else
            slot[i] = cv->nnocap, cv->nocap[cv->nnocap++] = i;
    }
    /* children of each zero-area node, by counting then filling */
    memset(cv->nochild0, 0, sizeof(int) * ((size_t)cv->nnocap + 1));
    for (int i = m->ncell; i < n; i++)
        if (slot[m->parent[i]] >= 0)
            cv->nochild0[slot[m->parent[i]] + 1]++;
    for (int k = 0; k < cv->nnocap; k++)
        cv->nochild0[k + 1] += cv->nochild0[k];
    int *fill = model_alloc(m, sizeof(int) * ((size_t)cv->nnocap + 1));
    if (!fill) {
        free(iscap), free(slot);
        return NRN_ENOMEM;
    }
    for (int i = m->ncell; i < n; i++) {
        int k = slot[m->parent[i]];
        if (k >= 0)
            cv->nochild[cv->nochild0[k] + fill[k]++] = i;
    }
    free(fill), free(iscap), free(slot);
    /* states */
    cv->nty = cv->nafter = 0;
    int neq = cv->ncap, nptr = 0;
    for (int k = 0; k < m->ntype; k++) {
        int t = m->exec[k];
        const struct mtype *mt = &m->types[t];
        if (!mt->md.n)
            continue;
        if (mt->d->ode_spec && mt->d->nstate > 0) {
            cv->tyn[cv->nty] = mt->md.n;
            cv->tyns[cv->nty] = mt->d->nstate;
            cv->ty[cv->nty] = t;
            cv->tyoff[cv->nty] = neq;
            cv->typtr[cv->nty++] = nptr;
            neq += mt->md.n * mt->d->nstate;
            nptr += mt->d->nstate;
        } else if (mt->d->state && mt->d->kind != NRN_ARTCELL) {
            cv->after[cv->nafter++] = t;
        }
    }
    cv->neq = neq;
    cv->ptrs = model_alloc(m, sizeof(double *) * ((size_t)nptr + 1));
    cv->scol = model_alloc(m, sizeof(double *) * ((size_t)nptr + 1));
    cv->ion_states = 0;
    for (int j = 0; cv->scol && j < cv->nty; j++) {
        const struct mtype *mt = &m->types[cv->ty[j]];
        for (int s = 0; s < mt->d->nstate; s++) {
            cv->scol[cv->typtr[j] + s] = mt->md.col[mt->d->state_vars[s]];
            if (mt->d->state_ion && mt->d->state_ion[s])
                cv->ion_states = 1;
        }
    }
    free(cv->fdot);
    cv->fdot = model_alloc(m, sizeof(double) * ((size_t)neq + 1));
    return cv->ptrs && cv->scol && cv->fdot ? NRN_OK : NRN_ENOMEM;
}

/* Fills the absolute tolerance of every equation (spec 7.3). */
static void fill_atol(nrn_model *m, double *atol)
{
    const struct cvode *cv = m->cv;
    double sv = scale_of(cv, "v", 1);
    for (int k = 0; k < cv->ncap; k++)
        atol[k] = cv->atol * (sv < 1 ? sv : 1);
    for (int j = 0; j < cv->nty; j++) {
        const struct mtype *mt = &m->types[cv->ty[j]];
        for (int s = 0; s < mt->d->nstate; s++) {
            char name[128];
            state_name(mt->d, s, name, sizeof name);
            double tol = mt->d->state_tol && mt->d->state_tol[s] ? mt->d->state_tol[s] : 1;
            double a = cv->atol * scale_of(cv, name, tol);
            double *p = atol + cv->tyoff[j] + s * mt->md.n;
            for (int i = 0; i < mt->md.n; i++)
                p[i] = a;
        }
    }
}

/* Creates the SUNDIALS objects for the current layout. */
static int create(nrn_model *m)
{
    struct cvode *cv = m->cv;
    if (SUNContext_Create(NULL, &cv->sun))
        return model_err(m, NRN_ENOMEM, "CVODE: cannot create its context");
    if (!(cv->ops = cvode_nvec_ops()))
        return model_err(m, NRN_ENOMEM, "CVODE: out of memory");
    /* CVODE's work vectors are clones of y (and its tolerances' of atolv): ours */
    cv->y = cvode_nvec_new(cv->neq, cv->sun, cv->ops);
    cv->tmp = cvode_nvec_new(cv->neq, cv->sun, cv->ops);
    cv->yi = cvode_nvec_new(cv->neq, cv->sun, cv->ops);
    cv->atolv = cvode_nvec_new(cv->neq, cv->sun, cv->ops);
    for (int k = 0; k < 3; k++)
        cv->hv[k] = cvode_nvec_new(cv->neq, cv->sun, cv->ops);
    cv->ls = cv_ls_new(cv->sun, m);
    cv->mat = cv_mat_new(cv->sun);
    cv->mem = CVodeCreate(CV_BDF, cv->sun);
    if (!cv->y || !cv->tmp || !cv->yi || !cv->atolv || !cv->hv[0] || !cv->hv[1] || !cv->hv[2] ||
        !cv->ls || !cv->mat || !cv->mem)
        return model_err(m, NRN_ENOMEM, "CVODE: out of memory");
    CVodeSetErrHandlerFn(cv->mem, err_handler, cv);
    cv_gather(m, N_VGetArrayPointer(cv->y));
    fill_atol(m, N_VGetArrayPointer(cv->atolv));
    int f = CVodeInit(cv->mem, cv_rhs_fn, m->t, cv->y);
    if (!f)
        f = CVodeSetUserData(cv->mem, m);
    if (!f)
        f = CVodeSVtolerances(cv->mem, cv->rtol, cv->atolv);
    if (!f)
        f = CVodeSetLinearSolver(cv->mem, cv->ls, cv->mat);
    if (!f)
        f = CVodeSetLinSysFn(cv->mem, cv_linsys);
    if (!f) /* our solve uses the current gamma: no correction for a stale one */
        f = CVodeSetLinearSolutionScaling(cv->mem, SUNFALSE);
    if (!f)
        f = CVodeSetMaxOrd(cv->mem, cv->maxorder);
    if (!f)
        f = CVodeSetMaxStep(cv->mem, cv->maxstep);
    if (f)
        return model_err(m, NRN_EINVAL, "CVODE setup failed: %s", cv->err);
    return NRN_OK;
}

/* CVODE's own counters since the last (re)initialization: steps, f evaluations, nonlinear
** iterations and failures, error-test failures (0 where there is none). */
void cv_running(const struct cvode *cv, long v[5])
{
    for (int i = 0; i < 5; i++)
        v[i] = 0;
    if (!cv->mem)
        return;
    long x;
    if (!CVodeGetNumSteps(cv->mem, &x))
        v[0] = x;
    if (!CVodeGetNumRhsEvals(cv->mem, &x))
        v[1] = x;
    if (!CVodeGetNumNonlinSolvIters(cv->mem, &x))
        v[2] = x;
    if (!CVodeGetNumNonlinSolvConvFails(cv->mem, &x))
        v[3] = x;
    if (!CVodeGetNumErrTestFails(cv->mem, &x))
        v[4] = x;
}

/* Adds CVODE's counters to the totals (a re-initialization zeroes them). */
void cv_accumulate(struct cvode *cv)
{
    long v[5];
    cv_running(cv, v);
    cv->acc_steps += v[0];
    cv->acc_fevals += v[1];
    cv->acc_niters += v[2];
    cv->acc_nfails += v[3];
    cv->acc_efails += v[4];
}

/*
** (Re)initializes at m->t from the model arrays: one f evaluation that also collects the
** next at_time discontinuity, and CVODE restarted there (order 1, a new first step).
*/
int cv_init(nrn_model *m)
{
    struct cvode *cv = m->cv;
    int rc;
    /* compiled for the fixed step, instances in node order: the state vector needs NEURON's
    ** (its norms sum over it), so compile again; here, not when CVODE is switched on, which
    ** a callback may do in the middle of a fixed step */
    if (m->compiled && m->inst_nodeorder) {
        model_flush(m);
        if ((rc = model_compile(m)))
            return rc;
    }
    if (cv->gen != m->gen || !cv->mem) {
        const char *bad = cv_unsupported(m);
        if (bad)
            return model_err(m, NRN_EINVAL,
                             "cvode: mechanism %s has states without CVODE equations", bad);
        if (m->nrep > 1)
            return model_err(m, NRN_EINVAL, "cvode: a replicated model runs on the fixed step");
        cv_accumulate(cv);
        cv_drop(cv);
        if ((rc = build_layout(m)) || (cv->neq > 0 && (rc = create(m))))
            return rc;
        cv->gen = m->gen;
    } else if (cv->mem) {
        cv_accumulate(cv);
        cv_gather(m, N_VGetArrayPointer(cv->y));
        if (CVodeReInit(cv->mem, m->t, cv->y))
            return model_err(m, NRN_EINVAL, "CVODE re-initialization failed: %s", cv->err);
    }
    cv->at_next = INFINITY;
    double *f0 = cv->hv[0] ? N_VGetArrayPointer(cv->hv[0]) : NULL; /* kept for cv_h0 */
    cv_eval(m, m->t, f0, &cv->at_next);
    if (f0) /* (cv_eval counts its evaluations without ydot itself) */
        cv->extra_f++;
    cv->inits++;
    cv->stepped = 0;
    cv->tn = m->t;
    cv->ahead = 0;
    cv->need_init = 0;
    return NRN_OK;
}
