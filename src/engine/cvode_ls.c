/*
** cvode_ls.c: the linear solver of Newton's iteration, (I - gamma J) x = b without a
** matrix: the Hines tree solve for the voltages, each mechanism's ode_matsol for its states.
*/
#include <string.h>
#include <nvector/nvector_serial.h>
#include "cvode_int.h"
#include "ldifus.h"

/*
** CVODE calls a linear solver's setup only for a matrix-based one, and a setup restarts
** Newton's convergence-rate estimate, which makes the iteration stricter after a large
** change of gamma and every 20 steps, as in NEURON (whose setup hook is empty too). So
** the solver calls itself direct, on a matrix with no contents whose operations do
** nothing, and a linear-system function that does nothing (cv_linsys).
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

static SUNMatrix mat_clone(SUNMatrix A)
{
    return cv_mat_new(A->sunctx);
}

SUNMatrix cv_mat_new(SUNContext sun)
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

/*
** The "linear system" setup CVODE calls before our (empty) solver setup: nothing to build,
** and the Jacobian data always counts as current, as NEURON's msetup reports (*jcurPtr =
** true). SUNDIALS's default would report a reused Jacobian as stale, and a Newton failure
** right after a setup would then set up again and retry where NEURON's CVODE reduces h.
*/
int cv_linsys(realtype t, N_Vector y, N_Vector fy, SUNMatrix A, booleantype jok,
              booleantype *jcur, realtype gamma, void *ud, N_Vector t1, N_Vector t2, N_Vector t3)
{
    (void)t, (void)y, (void)fy, (void)A, (void)jok, (void)gamma, (void)ud;
    (void)t1, (void)t2, (void)t3;
    *jcur = SUNTRUE;
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
** Zero-area rows have no capacitance and a zero right-hand side. The diagonal is summed as
** NEURON's CVODE sums it (cvtrset.cpp's lhs, not the f's order): the membrane di/dv, then
** .001 cj cm, then every node's b, then each node's a into its parent's row in NEURON's node
** order; and b is scaled by (.001 cj) cm, with cj = 1/gamma: another order of the same
** sums rounds differently, and CVODE's step sizes then drift from NEURON's.
*/
static int ls_solve(SUNLinearSolver S, SUNMatrix A, N_Vector x, N_Vector b, realtype tol)
{
    (void)A;
    (void)tol;
    nrn_model *m = S->content;
    struct cvode *cv = m->cv;
    double gamma;
    CVodeGetCurrentGamma(cv->mem, &gamma);
    const double *bd = NV_DATA_S(b); /* serial (cvode_setup.c) */
    double *xd = NV_DATA_S(x);
    double *d = m->d, *rhs = m->rhs;
    int n = m->nnode;
    memcpy(d, cv->dsave, sizeof(double) * (size_t)n);
    memset(rhs, 0, sizeof(double) * (size_t)n);
    double cfac = .001 * (1. / gamma);
    for (int k = 0; k < cv->ncap; k++) {
        int nd = cv->capnode[k];
        d[nd] += cfac * m->cm[nd];
        rhs[nd] = bd[k] * (cfac * m->cm[nd]);
    }
    for (int i = 0; i < n; i++)
        d[i] -= m->b[i];
    for (int k = m->ncell; k < n; k++) {
        int i = model_std_node(m, k);
        d[m->parent[i]] -= m->a[i];
    }
    matrix_solve(m);
    for (int k = 0; k < cv->ncap; k++)
        xd[k] = m->rhs[cv->capnode[k]];
    if (cv->neq > cv->ncap)
        memcpy(xd + cv->ncap, bd + cv->ncap, sizeof(double) * (size_t)(cv->neq - cv->ncap));
    nrn_mech_ctx c = cv_ctx(m, m->t);
    for (int j = 0; j < cv->nty; j++) {
        struct mtype *mt = &m->types[cv->ty[j]];
        mt->d->ode_matsol(&c, &mt->md, gamma, cv_state_ptrs(cv, j, xd, mt->md.n, mt->d->nstate));
    }
    for (int j = 0; m->ldifusing && j < cv->nty; j++) { /* NEURON's long_difus_solve(2) */
        struct mtype *mt = &m->types[cv->ty[j]];
        if (mt->d->nldifus &&
            ldifus_matsol(m, &c, cv->ty[j], gamma, cv_state_ptrs(cv, j, xd, mt->md.n,
                                                                 mt->d->nstate)))
            return -1; /* out of memory: unrecoverable */
    }
    cv->linsolves++;
    return 0;
}

/* Our solver on context sun, solving for model m. */
SUNLinearSolver cv_ls_new(SUNContext sun, nrn_model *m)
{
    SUNLinearSolver ls = SUNLinSolNewEmpty(sun);
    if (ls) {
        ls->content = m;
        ls->ops->gettype = ls_type;
        ls->ops->setup = ls_setup;
        ls->ops->solve = ls_solve;
    }
    return ls;
}
