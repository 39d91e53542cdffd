/*
** cvode.c: the variable time step, NEURON's CVode (spec 7): SUNDIALS CVODE (BDF, Newton)
** on the compiled model, next to the fixed step and sharing its current evaluation.
**
** y = v at every segment node (zero-area nodes carry no capacitance: their v is
** algebraic, solved from the neighbours at each evaluation) followed by every
** mechanism's STATEs, state-major per type. f is the fixed step's current evaluation
** without staggering: all quantities at one t. The linear solve of Newton's iteration,
** (I - gamma J) x = b, is ours as in NEURON: the Hines tree solve with the membrane
** conductances of the last f for v, each mechanism's diagonal ode_matsol for its states.
** Discontinuities (at_time) and events stop the integrator exactly and re-initialize it.
** Between steps the model arrays hold the state, so records, thresholds and events see
** the same values as under the fixed step.
*/
#include <float.h>
#include <fnmatch.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cvode/cvode.h>
#include <nvector/nvector_serial.h>
#include <cvode/cvode_ls.h>
#include <sundials/sundials_linearsolver.h>
#include <sundials/sundials_matrix.h>
#include "cvode_nvec.h"
#include "nrn_int.h"

struct atolscale {
    char *pat;
    double scale;
};

struct cvode {
    /* settings */
    int active, maxorder, condition_order;
    double atol, rtol, maxstep;
    int nscale;
    struct atolscale *scale;
    /* layout for compile generation gen (-1: rebuild before the next step) */
    long gen;
    int ncap, *capnode;       /* y[k] = v[capnode[k]], k < ncap */
    int nnocap, *nocap;       /* nodes without capacitance */
    int *nochild0, *nochild;  /* children of nocap[k]: nochild[nochild0[k] .. nochild0[k+1]) */
    int nty, ty[NRN_MAX_TYPES], tyoff[NRN_MAX_TYPES], typtr[NRN_MAX_TYPES];
    int nafter, after[NRN_MAX_TYPES]; /* state functions without ODEs, run before a step */
    int neq;
    double **ptrs;            /* per type, its states' column pointers into a vector */
    double *dsave;            /* diagonal of the last f: membrane di/dv plus axial terms */
    double *prev;             /* threshold distances at the last check */
    int nprev;
    /* SUNDIALS */
    SUNContext sun;
    void *mem;
    N_Vector y, tmp;
    SUNLinearSolver ls;
    SUNMatrix mat;            /* an empty stand-in (see ls_type) */
    int need_init;
    int stepped;              /* steps since the last (re)initialization */
    double at_next;           /* the next at_time discontinuity */
    double tcheck;            /* time of the last threshold check */
    char err[256];            /* CVODE's last message */
    /* counters accumulated over re-initializations */
    long acc_steps, acc_fevals, acc_niters, acc_nfails, acc_efails;
    long extra_f, inits, linsolves, setups;
};

static const struct cvode defaults = {
    .maxorder = 5, .condition_order = 1, .atol = 1e-3, .rtol = 0, .maxstep = 1e9, .gen = -1,
};

/* eps of spec 7.6: the width of a discontinuity's stop. */
static double eps(double x)
{
    return 100. * DBL_EPSILON * fabs(x);
}

static struct cvode *cv_get(nrn_model *m)
{
    if (!m->cv) {
        m->cv = model_alloc(m, sizeof *m->cv);
        if (m->cv)
            *m->cv = defaults;
    }
    return m->cv;
}

int cvode_active(const nrn_model *m)
{
    return m->cv && m->cv->active;
}

/* Frees the integrator and the layout, keeping the settings. */
static void cv_drop(struct cvode *cv)
{
    if (cv->mem)
        CVodeFree(&cv->mem);
    if (cv->ls)
        SUNLinSolFreeEmpty(cv->ls);
    if (cv->mat)
        SUNMatFreeEmpty(cv->mat);
    if (cv->y)
        N_VDestroy(cv->y);
    if (cv->tmp)
        N_VDestroy(cv->tmp);
    if (cv->sun)
        SUNContext_Free(&cv->sun);
    free(cv->capnode), free(cv->nocap), free(cv->nochild0), free(cv->nochild);
    free(cv->ptrs), free(cv->dsave), free(cv->prev);
    cv->capnode = cv->nocap = cv->nochild0 = cv->nochild = NULL;
    cv->ptrs = NULL;
    cv->dsave = cv->prev = NULL;
    cv->nprev = 0;
    cv->ls = NULL;
    cv->mat = NULL;
    cv->y = cv->tmp = NULL;
    cv->sun = NULL;
    cv->gen = -1;
}

void cvode_free(nrn_model *m)
{
    struct cvode *cv = m->cv;
    if (!cv)
        return;
    cv_drop(cv);
    for (int i = 0; i < cv->nscale; i++)
        free(cv->scale[i].pat);
    free(cv->scale);
    free(cv);
    m->cv = NULL;
}

void cvode_finitialize(nrn_model *m)
{
    struct cvode *cv = m->cv;
    if (!cv)
        return;
    cv_drop(cv); /* a fresh integrator: counters and threshold history start over */
    cv->need_init = 1;
    cv->acc_steps = cv->acc_fevals = cv->acc_niters = cv->acc_nfails = cv->acc_efails = 0;
    cv->extra_f = cv->inits = cv->linsolves = cv->setups = 0;
    cv->tcheck = m->t;
}

/* A SaveState was restored: the integrator restarts from it (the counters go on). */
void cvode_restored(nrn_model *m)
{
    struct cvode *cv = m->cv;
    if (!cv)
        return;
    cv->need_init = 1;
    for (int i = 0; i < cv->nprev; i++)
        cv->prev[i] = NAN;
    cv->tcheck = m->t;
}

/* dst (without an integrator) gets src's settings: options and atolscale entries. */
int cvode_copy_settings(nrn_model *dst, const nrn_model *src)
{
    const struct cvode *o = src->cv;
    if (!o)
        return NRN_OK;
    struct cvode *cv = cv_get(dst);
    if (!cv)
        return NRN_ENOMEM;
    cv->active = o->active, cv->maxorder = o->maxorder;
    cv->condition_order = o->condition_order;
    cv->atol = o->atol, cv->rtol = o->rtol, cv->maxstep = o->maxstep;
    for (int i = 0; i < o->nscale; i++)
        if (nrn_cvode_atolscale(dst, o->scale[i].pat, o->scale[i].scale))
            return NRN_ENOMEM;
    return NRN_OK;
}

/* ---- the state vector ---- */

/* Model arrays -> y. */
static void gather(nrn_model *m, double *y)
{
    const struct cvode *cv = m->cv;
    for (int k = 0; k < cv->ncap; k++)
        y[k] = m->v[cv->capnode[k]];
    for (int j = 0; j < cv->nty; j++) {
        const struct mtype *mt = &m->types[cv->ty[j]];
        int n = mt->md.n;
        for (int s = 0; s < mt->d->nstate; s++)
            memcpy(y + cv->tyoff[j] + s * n, mt->md.col[mt->d->state_vars[s]],
                   sizeof(double) * (size_t)n);
    }
}

/* y -> model arrays. */
static void scatter(nrn_model *m, const double *y)
{
    const struct cvode *cv = m->cv;
    for (int k = 0; k < cv->ncap; k++)
        m->v[cv->capnode[k]] = y[k];
    for (int j = 0; j < cv->nty; j++) {
        struct mtype *mt = &m->types[cv->ty[j]];
        int n = mt->md.n;
        for (int s = 0; s < mt->d->nstate; s++)
            memcpy(mt->md.col[mt->d->state_vars[s]], y + cv->tyoff[j] + s * n,
                   sizeof(double) * (size_t)n);
    }
}

/* Type j's state columns inside vector y, for ode_spec and ode_matsol. */
static double **state_ptrs(struct cvode *cv, int j, double *y, int n, int nstate)
{
    double **p = cv->ptrs + cv->typtr[j];
    for (int s = 0; s < nstate; s++)
        p[s] = y + cv->tyoff[j] + s * n;
    return p;
}

/* The mechanisms' clock during an evaluation: t, and dt = the current step size. */
static nrn_mech_ctx cv_ctx(nrn_model *m, double t)
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
** dy/dt into ydot (NULL: only the assigned values). at_next, when given, collects the
** at_time discontinuities after t (initializations).
*/
static void eval(nrn_model *m, double t, double *ydot, double *at_next)
{
    struct cvode *cv = m->cv;
    if (m->nplay)
        ev_play_continuous(m, t);
    nrn_mech_ctx c = cv_ctx(m, t);
    c.at_next = at_next;
    matrix_currents(m, &c);
    nocap_v(m);
    matrix_axial(m);
    memcpy(cv->dsave, m->d, sizeof(double) * (size_t)m->nnode);
    if (!ydot)
        return;
    for (int k = 0; k < cv->ncap; k++) {
        int nd = cv->capnode[k];
        ydot[k] = m->rhs[nd] / (.001 * m->cm[nd]);
    }
    for (int j = 0; j < cv->nty; j++) {
        struct mtype *mt = &m->types[cv->ty[j]];
        mt->d->ode_spec(&c, &mt->md, state_ptrs(cv, j, ydot, mt->md.n, mt->d->nstate));
    }
}

static int rhs_fn(realtype t, N_Vector y, N_Vector ydot, void *ud)
{
    nrn_model *m = ud;
    scatter(m, N_VGetArrayPointer(y));
    double *yd = N_VGetArrayPointer(ydot);
    eval(m, t, yd, NULL);
    for (int k = 0; k < m->cv->neq; k++)
        if (!isfinite(yd[k]))
            return 1; /* recoverable: CVODE retries with a smaller step */
    return 0;
}

/* ---- the linear solver: (I - gamma J) x = b without a matrix ---- */

/*
** CVODE calls a linear solver's setup only for a matrix-based one, and a setup restarts
** Newton's convergence-rate estimate, which makes the iteration stricter after a large
** change of gamma and every 20 steps, as in NEURON (whose setup hook is empty too). So
** the solver calls itself direct, on a matrix with no contents whose operations do
** nothing, and a Jacobian function that does nothing.
*/
static SUNLinearSolver_Type ls_type(SUNLinearSolver S)
{
    (void)S;
    return SUNLINEARSOLVER_DIRECT;
}

static SUNMatrix_ID mat_id(SUNMatrix A)
{
    (void)A;
    return SUNMATRIX_CUSTOM;
}

static int mat_noop(SUNMatrix A)
{
    (void)A;
    return 0;
}

static int mat_copy(SUNMatrix A, SUNMatrix B)
{
    (void)A;
    (void)B;
    return 0;
}

static int mat_scaleaddi(realtype c, SUNMatrix A)
{
    (void)c;
    (void)A;
    return 0;
}

static void mat_destroy(SUNMatrix A)
{
    SUNMatFreeEmpty(A);
}

static SUNMatrix mat_new(SUNContext sun);

static SUNMatrix mat_clone(SUNMatrix A)
{
    return mat_new(A->sunctx);
}

static SUNMatrix mat_new(SUNContext sun)
{
    SUNMatrix A = SUNMatNewEmpty(sun);
    if (A) {
        A->ops->getid = mat_id;
        A->ops->clone = mat_clone;
        A->ops->destroy = mat_destroy;
        A->ops->zero = mat_noop;
        A->ops->copy = mat_copy;
        A->ops->scaleaddi = mat_scaleaddi;
    }
    return A;
}

static int jac_noop(realtype t, N_Vector y, N_Vector fy, SUNMatrix J, void *ud, N_Vector t1,
                    N_Vector t2, N_Vector t3)
{
    (void)t, (void)y, (void)fy, (void)J, (void)ud, (void)t1, (void)t2, (void)t3;
    return 0;
}

static int ls_setup(SUNLinearSolver S, SUNMatrix A)
{
    (void)A;
    nrn_model *m = S->content;
    m->cv->setups++;
    return 0;
}

/*
** The voltage rows scaled by 1e-3 cm / gamma are the fixed step's matrix with cj =
** 1/gamma: (1e-3 cm/gamma + G) x = 1e-3 cm/gamma b, G = the conductances of the last f.
** Zero-area rows have no capacitance and a zero right-hand side.
*/
static int ls_solve(SUNLinearSolver S, SUNMatrix A, N_Vector x, N_Vector b, realtype tol)
{
    (void)A;
    (void)tol;
    nrn_model *m = S->content;
    struct cvode *cv = m->cv;
    double gamma;
    CVodeGetCurrentGamma(cv->mem, &gamma);
    const double *bd = N_VGetArrayPointer(b);
    double *xd = N_VGetArrayPointer(x);
    memcpy(m->d, cv->dsave, sizeof(double) * (size_t)m->nnode);
    memset(m->rhs, 0, sizeof(double) * (size_t)m->nnode);
    for (int k = 0; k < cv->ncap; k++) {
        int nd = cv->capnode[k];
        double f = .001 * m->cm[nd] / gamma;
        m->d[nd] += f;
        m->rhs[nd] = bd[k] * f;
    }
    matrix_solve(m);
    for (int k = 0; k < cv->ncap; k++)
        xd[k] = m->rhs[cv->capnode[k]];
    if (cv->neq > cv->ncap)
        memcpy(xd + cv->ncap, bd + cv->ncap, sizeof(double) * (size_t)(cv->neq - cv->ncap));
    nrn_mech_ctx c = cv_ctx(m, m->t);
    for (int j = 0; j < cv->nty; j++) {
        struct mtype *mt = &m->types[cv->ty[j]];
        mt->d->ode_matsol(&c, &mt->md, gamma, state_ptrs(cv, j, xd, mt->md.n, mt->d->nstate));
    }
    cv->linsolves++;
    return 0;
}

/* ---- layout and setup ---- */

static void err_handler(int code, const char *module, const char *function, char *msg, void *ud)
{
    (void)code;
    (void)module;
    (void)function;
    struct cvode *cv = ud;
    snprintf(cv->err, sizeof cv->err, "%s", msg);
}

/* atolscale of the state named name: the last matching pattern, else 1. */
static double scale_of(const struct cvode *cv, const char *name)
{
    for (int i = cv->nscale - 1; i >= 0; i--)
        if (fnmatch(cv->scale[i].pat, name, 0) == 0)
            return cv->scale[i].scale;
    return 1;
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
static const char *unsupported(const nrn_model *m)
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
    for (int t = 0; t < m->ntype; t++) {
        const struct mtype *mt = &m->types[t];
        if (!mt->md.n)
            continue;
        if (mt->d->ode_spec && mt->d->nstate > 0) {
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
    return cv->ptrs ? NRN_OK : NRN_ENOMEM;
}

/* Fills the absolute tolerance of every equation (spec 7.3). */
static void fill_atol(nrn_model *m, double *atol)
{
    const struct cvode *cv = m->cv;
    double sv = scale_of(cv, "v");
    for (int k = 0; k < cv->ncap; k++)
        atol[k] = cv->atol * (sv < 1 ? sv : 1);
    for (int j = 0; j < cv->nty; j++) {
        const struct mtype *mt = &m->types[cv->ty[j]];
        for (int s = 0; s < mt->d->nstate; s++) {
            char name[128];
            state_name(mt->d, s, name, sizeof name);
            double a = cv->atol * scale_of(cv, name);
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
    cv->y = N_VNew_Serial(cv->neq, cv->sun);
    cv->tmp = N_VNew_Serial(cv->neq, cv->sun);
    cv->ls = SUNLinSolNewEmpty(cv->sun);
    cv->mat = mat_new(cv->sun);
    cv->mem = CVodeCreate(CV_BDF, cv->sun);
    if (!cv->y || !cv->tmp || !cv->ls || !cv->mat || !cv->mem)
        return model_err(m, NRN_ENOMEM, "CVODE: out of memory");
    cvode_nvec_fast(cv->y);
    cvode_nvec_fast(cv->tmp);
    cv->ls->content = m;
    cv->ls->ops->gettype = ls_type;
    cv->ls->ops->setup = ls_setup;
    cv->ls->ops->solve = ls_solve;
    CVodeSetErrHandlerFn(cv->mem, err_handler, cv);
    gather(m, N_VGetArrayPointer(cv->y));
    fill_atol(m, N_VGetArrayPointer(cv->tmp));
    int f = CVodeInit(cv->mem, rhs_fn, m->t, cv->y);
    if (!f)
        f = CVodeSetUserData(cv->mem, m);
    if (!f)
        f = CVodeSVtolerances(cv->mem, cv->rtol, cv->tmp);
    if (!f)
        f = CVodeSetLinearSolver(cv->mem, cv->ls, cv->mat);
    if (!f)
        f = CVodeSetJacFn(cv->mem, jac_noop);
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

/* Adds CVODE's counters to the totals (a re-initialization zeroes them). */
static void accumulate(struct cvode *cv)
{
    long v;
    if (!cv->mem)
        return;
    if (!CVodeGetNumSteps(cv->mem, &v))
        cv->acc_steps += v;
    if (!CVodeGetNumRhsEvals(cv->mem, &v))
        cv->acc_fevals += v;
    if (!CVodeGetNumNonlinSolvIters(cv->mem, &v))
        cv->acc_niters += v;
    if (!CVodeGetNumNonlinSolvConvFails(cv->mem, &v))
        cv->acc_nfails += v;
    if (!CVodeGetNumErrTestFails(cv->mem, &v))
        cv->acc_efails += v;
}

/*
** (Re)initializes at m->t from the model arrays: one f evaluation that also collects the
** next at_time discontinuity, and CVODE restarted there (order 1, a new first step).
*/
static int cv_init(nrn_model *m)
{
    struct cvode *cv = m->cv;
    int rc;
    if (cv->gen != m->gen || !cv->mem) {
        const char *bad = unsupported(m);
        if (bad)
            return model_err(m, NRN_EINVAL,
                             "cvode: mechanism %s has states without CVODE equations", bad);
        if (m->nrep > 1)
            return model_err(m, NRN_EINVAL, "cvode: a replicated model runs on the fixed step");
        accumulate(cv);
        cv_drop(cv);
        if ((rc = build_layout(m)) || (cv->neq > 0 && (rc = create(m))))
            return rc;
        cv->gen = m->gen;
    } else if (cv->mem) {
        accumulate(cv);
        gather(m, N_VGetArrayPointer(cv->y));
        if (CVodeReInit(cv->mem, m->t, cv->y))
            return model_err(m, NRN_EINVAL, "CVODE re-initialization failed: %s", cv->err);
    }
    cv->at_next = INFINITY;
    eval(m, m->t, cv->tmp ? N_VGetArrayPointer(cv->tmp) : NULL, &cv->at_next);
    cv->extra_f++;
    cv->inits++;
    cv->stepped = 0;
    cv->need_init = 0;
    return NRN_OK;
}

/* ---- thresholds, events, records ---- */

/*
** Spike sources watching a value (spec 7.6): a crossing found at t fires at t
** (condition_order 1) or at the linearly interpolated time since the last check (2).
*/
static int thresholds(nrn_model *m)
{
    struct cvode *cv = m->cv;
    if (cv->nprev < m->npre) {
        double *p = model_realloc(m, cv->prev, sizeof(double) * (size_t)m->npre);
        if (!p)
            return NRN_ENOMEM;
        for (int i = cv->nprev; i < m->npre; i++)
            p[i] = NAN;
        cv->prev = p;
        cv->nprev = m->npre;
    }
    for (int i = 0; i < m->npre; i++) {
        struct presyn *p = &m->pre[i];
        if (!ev_presyn_value(m, i))
            continue;
        double x = *p->ptr - p->threshold, xo = cv->prev[i];
        if (x > 0) {
            if (!p->flag) {
                p->flag = 1;
                double ts = m->t;
                if (cv->condition_order == 2 && xo <= 0 && m->t > cv->tcheck) {
                    double th = -xo / (x - xo);
                    ts = th * m->t + (1 - th) * cv->tcheck;
                }
                ev_presyn_fire(m, i, ts);
            }
        } else {
            p->flag = 0;
        }
        cv->prev[i] = x;
    }
    cv->tcheck = m->t;
    int rc = m->ev_err;
    m->ev_err = 0;
    return rc;
}

/* 1 if a Vector.play element is due by t (it changes a parameter: re-initialize). */
static int play_due(const nrn_model *m, double t)
{
    for (int k = 0; k < m->nheap; k++) {
        const struct event *e = &m->ev[m->heap[k]];
        if (e->kind == EV_PLAY && e->t <= t)
            return 1;
    }
    return 0;
}

/*
** Delivers the events due by m->t; re-initializes when they changed a state (a synapse's
** conductance) or a played parameter, not for artificial cells alone (NetStim ticks).
*/
static int deliver_now(nrn_model *m, int *reinit)
{
    struct cvode *cv = m->cv;
    int play = m->nplay && play_due(m, m->t);
    if (!cv->mem) { /* no equations: nothing to restart */
        *reinit = play;
        return ev_deliver(m, m->t);
    }
    double *before = N_VGetArrayPointer(cv->tmp), *now = N_VGetArrayPointer(cv->y);
    gather(m, before);
    int rc = ev_deliver(m, m->t);
    if (rc)
        return rc;
    gather(m, now);
    *reinit = play || memcmp(before, now, sizeof(double) * (size_t)cv->neq) != 0;
    return *reinit ? cv_init(m) : NRN_OK;
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
            scatter(m, N_VGetArrayPointer(cv->tmp));
            eval(m, tr, NULL, NULL);
            moved = 1;
        } else if (moved) {
            scatter(m, N_VGetArrayPointer(cv->y));
            eval(m, tnow, NULL, NULL);
            moved = 0;
        }
        m->t = tr;
        rc = record_sample(m);
        m->rec_next += m->rec_every;
    }
    if (moved) {
        scatter(m, N_VGetArrayPointer(cv->y));
        eval(m, tnow, NULL, NULL);
    }
    m->t = tnow;
    return rc;
}

/* A record row (every step), or the interval rows since told. */
static int record_step(nrn_model *m, double told)
{
    return m->rec_every > 0 ? record_interp(m, told) : record_sample(m);
}

/* A row at a re-initialization (every-step records only: interval rows are on a grid). */
static int record_init(nrn_model *m)
{
    return m->rec_every > 0 ? NRN_OK : record_sample(m);
}

/* The equation with the largest weighted local error, named as a value path. */
static void worst_state(nrn_model *m, char *buf, size_t size)
{
    struct cvode *cv = m->cv;
    snprintf(buf, size, "?");
    N_Vector ele = N_VClone(cv->y), ewt = N_VClone(cv->y);
    if (!ele || !ewt || CVodeGetEstLocalErrors(cv->mem, ele) || CVodeGetErrWeights(cv->mem, ewt)) {
        if (ele)
            N_VDestroy(ele);
        if (ewt)
            N_VDestroy(ewt);
        return;
    }
    const double *e = N_VGetArrayPointer(ele), *w = N_VGetArrayPointer(ewt);
    int worst = 0;
    double big = -1;
    for (int k = 0; k < cv->neq; k++) {
        double x = fabs(e[k] * w[k]);
        if (!(x <= big)) /* NaN counts as the largest */
            big = x, worst = k;
    }
    N_VDestroy(ele);
    N_VDestroy(ewt);
    int nd, j = -1, s = 0, inst = 0;
    const struct mtype *mt = NULL;
    if (worst < cv->ncap) {
        nd = cv->capnode[worst];
    } else {
        for (j = cv->nty - 1; cv->tyoff[j] > worst; j--)
            ;
        mt = &m->types[cv->ty[j]];
        s = (worst - cv->tyoff[j]) / mt->md.n;
        inst = (worst - cv->tyoff[j]) % mt->md.n;
        nd = mt->md.node[inst];
        if (mt->d->kind != NRN_DENSITY) {
            snprintf(buf, size, "%s.%s", m->pps[mt->md.obj[inst]]->name,
                     mt->d->vars[mt->d->state_vars[s]].name);
            return;
        }
    }
    const struct section *sec = m->secs[m->sec_of_node[nd]];
    double x = ((nd - sec->node0) / sec->nstride + .5) / sec->nseg;
    if (sec->childend == 1)
        x = 1 - x;
    if (mt)
        snprintf(buf, size, "%s(%g).%s_%s", sec->name, x,
                 mt->d->vars[mt->d->state_vars[s]].name, mt->d->name);
    else
        snprintf(buf, size, "%s(%g).v", sec->name, x);
}

static int step_failed(nrn_model *m, int flag)
{
    struct cvode *cv = m->cv;
    double h = 0;
    CVodeGetCurrentStep(cv->mem, &h);
    char name[256];
    worst_state(m, name, sizeof name);
    const char *why = flag == CV_TOO_MUCH_WORK    ? "too much work"
                      : flag == CV_ERR_FAILURE    ? "repeated error test failures"
                      : flag == CV_CONV_FAILURE   ? "repeated convergence failures"
                      : flag == CV_TOO_CLOSE      ? "tstop too close to t"
                                                  : cv->err;
    return model_err(m, NRN_ENUMERIC,
                     "CVODE failed at t = %.17g with step %g (%s); largest weighted error in %s",
                     m->t, h, why, name);
}

/*
** One micro-step toward tout: deliver the events due now, or take one CVODE step that
** stops at the next event, discontinuity or tout. *moved: t advanced or the integrator
** was re-initialized (NEURON's fadvance repeats micro-steps until one of them).
*/
static int micro_step(nrn_model *m, double tout, int *moved)
{
    struct cvode *cv = m->cv;
    int rc, reinit = 0;
    *moved = 0;
    if ((cv->need_init || cv->gen != m->gen || (!cv->mem && cv->neq > 0)) && (rc = cv_init(m)))
        return rc;
    if (m->npre && (rc = thresholds(m)))
        return rc;
    if (m->nheap && m->ev[m->heap[0]].t <= m->t) {
        double te = m->ev[m->heap[0]].t;
        int back = 0;
        if (te < m->t && cv->stepped) { /* an event inside the last step: go back to it */
            CVodeGetDky(cv->mem, te, 0, cv->y);
            scatter(m, N_VGetArrayPointer(cv->y));
            m->t = te;
            cv->need_init = back = 1;
        }
        if ((rc = deliver_now(m, &reinit)))
            return rc;
        if (cv->need_init && (rc = cv_init(m)))
            return rc;
        *moved = reinit || back;
        return *moved ? record_init(m) : NRN_OK;
    }
    /* at_time: stop just before te, restart just after it (spec 7.6) */
    double ts = tout, tat = INFINITY;
    if (cv->at_next < INFINITY) {
        tat = cv->at_next - eps(cv->at_next);
        if (tat <= m->t) {
            m->t = fmax(m->t, tat + 1.5 * eps(tat));
            if ((rc = cv_init(m)))
                return rc;
            *moved = 1;
            return record_init(m);
        }
        ts = tat < ts ? tat : ts;
    }
    if (m->nheap && m->ev[m->heap[0]].t < ts)
        ts = m->ev[m->heap[0]].t;
    for (int k = 0; k < cv->nafter; k++) { /* after_cvode: once before each step */
        struct mtype *mt = &m->types[cv->after[k]];
        nrn_mech_ctx c = cv_ctx(m, m->t);
        mt->d->state(&c, &mt->md);
    }
    double told = m->t, tret = ts;
    if (!cv->mem) { /* nothing to integrate (artificial cells only): time jumps */
        if (!isfinite(ts))
            return model_err(m, NRN_EINVAL, "cvode: no equations and no event to advance to");
        m->t = ts;
        *moved = 1;
        if (tret == tat) {
            m->t = tat + 1.5 * eps(tat);
            cv->need_init = 1;
        }
        return record_step(m, told);
    }
    if (ts - m->t > 4 * DBL_EPSILON * fmax(fabs(m->t), fabs(ts))) {
        CVodeSetStopTime(cv->mem, isfinite(ts) ? ts : 1e300);
        int flag = CVode(cv->mem, isfinite(ts) ? ts : 1e300, cv->y, &tret, CV_ONE_STEP);
        if (flag < 0)
            return step_failed(m, flag);
        scatter(m, N_VGetArrayPointer(cv->y));
    } /* else a stop within rounding of t: CVODE cannot step there, nothing changes */
    m->t = tret;
    m->nsteps++;
    cv->stepped++;
    *moved = 1;
    if (tret == tat) { /* restart just after the discontinuity */
        if ((rc = record_step(m, told)))
            return rc;
        m->t = fmax(m->t, tat + 1.5 * eps(tat));
        if ((rc = cv_init(m)))
            return rc;
        return record_init(m);
    }
    for (int i = 0; i < m->nnode; i++)
        if (!isfinite(m->v[i]))
            return model_err(m, NRN_ENUMERIC, "v became %g in %s at t = %g", m->v[i],
                             m->secs[m->sec_of_node[i]]->name, m->t);
    /* a spike whose delivery falls inside this step sends the integrator back to it (next
    ** micro-step): no row for the step's end, which is then never reached */
    if (m->npre && (rc = thresholds(m)))
        return rc;
    if (m->nheap && m->ev[m->heap[0]].t < m->t)
        return NRN_OK;
    return record_step(m, told);
}

int cvode_fadvance(nrn_model *m)
{
    int rc = model_compile(m), moved = 0;
    while (rc == NRN_OK && !moved)
        rc = micro_step(m, INFINITY, &moved);
    return rc;
}

int cvode_continuerun(nrn_model *m, double tstop)
{
    int rc = model_compile(m), moved;
    record_reserve(m, tstop);
    while (rc == NRN_OK && m->t < tstop) {
        rc = micro_step(m, tstop, &moved);
        if (rc == NRN_OK && m->cancel && *m->cancel)
            return model_err(m, NRN_ECANCELED, "cancelled at t = %g", m->t);
    }
    /* events due exactly at tstop are delivered, as NEURON's solve(tstop) does */
    if (rc == NRN_OK && m->nheap && m->ev[m->heap[0]].t <= m->t)
        rc = micro_step(m, tstop, &moved);
    return rc;
}

/* ---- settings ---- */

int nrn_cvode_check(nrn_model *m, nrn_cvopt opt, double value)
{
    static const char *const names[] = {"active", "atol", "rtol", "maxstep", "maxorder",
                                        "condition_order"};
    static const char *const want[] = {"0 or 1", "> 0", ">= 0", "> 0", "1 to 5", "1 or 2"};
    if ((unsigned)opt > NRN_CV_CONDITION_ORDER)
        return model_err(m, NRN_EINVAL, "cvode: unknown option %d", (int)opt);
    int ok;
    switch (opt) {
    case NRN_CV_ACTIVE: ok = value == 0 || value == 1; break;
    case NRN_CV_ATOL: ok = value > 0 && isfinite(value); break;
    case NRN_CV_RTOL: ok = value >= 0 && isfinite(value); break;
    case NRN_CV_MAXSTEP: ok = value > 0; break;
    case NRN_CV_MAXORDER: ok = value >= 1 && value <= 5 && value == floor(value); break;
    default: ok = value == 1 || value == 2; break;
    }
    if (!ok)
        return model_err(m, NRN_EINVAL, "cvode: %s must be %s, got %g", names[opt], want[opt],
                         value);
    return NRN_OK;
}

int nrn_cvode_set(nrn_model *m, nrn_cvopt opt, double value)
{
    int rc = nrn_cvode_check(m, opt, value);
    if (rc)
        return rc;
    struct cvode *cv = cv_get(m);
    if (!cv)
        return NRN_ENOMEM;
    if (opt == NRN_CV_ACTIVE && value == 1 && m->compiled) {
        const char *bad = unsupported(m);
        if (bad)
            return model_err(m, NRN_EINVAL,
                             "cvode: mechanism %s has states without CVODE equations", bad);
    }
    switch (opt) {
    case NRN_CV_ACTIVE: cv->active = (int)value; break;
    case NRN_CV_ATOL: cv->atol = value; break;
    case NRN_CV_RTOL: cv->rtol = value; break;
    case NRN_CV_MAXSTEP: cv->maxstep = value; break;
    case NRN_CV_MAXORDER: cv->maxorder = (int)value; break;
    default: cv->condition_order = (int)value; break;
    }
    if (opt != NRN_CV_CONDITION_ORDER)
        cv->need_init = 1; /* new tolerances or limits: restart from the present state */
    if (opt != NRN_CV_ACTIVE && opt != NRN_CV_CONDITION_ORDER && cv->mem) {
        accumulate(cv);
        cv_drop(cv);
    }
    return NRN_OK;
}

double nrn_cvode_get(const nrn_model *m, nrn_cvopt opt)
{
    const struct cvode *cv = m->cv ? m->cv : &defaults;
    switch (opt) {
    case NRN_CV_ACTIVE: return cv->active;
    case NRN_CV_ATOL: return cv->atol;
    case NRN_CV_RTOL: return cv->rtol;
    case NRN_CV_MAXSTEP: return cv->maxstep;
    case NRN_CV_MAXORDER: return cv->maxorder;
    case NRN_CV_CONDITION_ORDER: return cv->condition_order;
    }
    return NAN;
}

int nrn_cvode_atolscale(nrn_model *m, const char *pattern, double scale)
{
    if (!pattern || !*pattern)
        return model_err(m, NRN_EINVAL, "cvode: empty atolscale pattern");
    if (!(scale > 0) || !isfinite(scale))
        return model_err(m, NRN_EINVAL, "cvode: atolscale of %s must be > 0, got %g", pattern,
                         scale);
    struct cvode *cv = cv_get(m);
    if (!cv)
        return NRN_ENOMEM;
    struct atolscale *s = model_realloc(m, cv->scale, sizeof *s * (size_t)(cv->nscale + 1));
    if (!s)
        return NRN_ENOMEM;
    cv->scale = s;
    if (!(s[cv->nscale].pat = model_strdup(m, pattern)))
        return NRN_ENOMEM;
    s[cv->nscale++].scale = scale;
    if (cv->mem) {
        accumulate(cv);
        cv_drop(cv);
        cv->need_init = 1;
    }
    return NRN_OK;
}

int nrn_cvode_atolscale_count(const nrn_model *m)
{
    return m->cv ? m->cv->nscale : 0;
}

int nrn_cvode_atolscale_get(const nrn_model *m, int i, const char **pattern, double *scale)
{
    if (i < 0 || i >= nrn_cvode_atolscale_count(m))
        return NRN_ENOTFOUND;
    *pattern = m->cv->scale[i].pat;
    *scale = m->cv->scale[i].scale;
    return NRN_OK;
}

void nrn_cvode_stats_get(const nrn_model *m, nrn_cvode_stats *st)
{
    memset(st, 0, sizeof *st);
    const struct cvode *cv = m->cv;
    if (!cv)
        return;
    long v;
    st->steps = cv->acc_steps;
    st->fevals = cv->acc_fevals + cv->extra_f;
    st->nonlin_iters = cv->acc_niters;
    st->nonlin_fails = cv->acc_nfails;
    st->err_fails = cv->acc_efails;
    if (cv->mem) {
        if (!CVodeGetNumSteps(cv->mem, &v))
            st->steps += v;
        if (!CVodeGetNumRhsEvals(cv->mem, &v))
            st->fevals += v;
        if (!CVodeGetNumNonlinSolvIters(cv->mem, &v))
            st->nonlin_iters += v;
        if (!CVodeGetNumNonlinSolvConvFails(cv->mem, &v))
            st->nonlin_fails += v;
        if (!CVodeGetNumErrTestFails(cv->mem, &v))
            st->err_fails += v;
        int q;
        if (!CVodeGetLastOrder(cv->mem, &q))
            st->last_order = q;
        CVodeGetLastStep(cv->mem, &st->last_step);
    }
    st->linsolves = cv->linsolves;
    st->jacobians = cv->setups;
    st->inits = cv->inits;
    st->neq = cv->neq;
}
