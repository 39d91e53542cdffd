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

int cv_jac_noop(realtype t, N_Vector y, N_Vector fy, SUNMatrix J, void *ud, N_Vector t1,
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
