/*
** cvode_int.h: the variable time step's state shared by its files (cvode.c: settings and
** life cycle; cvode_eval.c: the state vector and f; cvode_ls.c: the linear solver;
** cvode_setup.c: layout, SUNDIALS objects, (re)initialization; cvode_events.c: thresholds
** and event delivery; cvode_record.c: record rows; cvode_run.c: the run loop and its stops).
*/
#ifndef NRN_CVODE_INT_H
#define NRN_CVODE_INT_H
#include <float.h>
#include <math.h>
#include <cvode/cvode.h>
#include <sundials/sundials_linearsolver.h>
#include <sundials/sundials_matrix.h>
#include "nrn_int.h"

struct atolscale {
    char *pat;
    double scale;
};

struct cvode {
    /* settings */
    int active, maxorder, condition_order;
    int local;                /* one CVODE per cell (cvode_local.c) */
    int part;                 /* a local step's part: its own sources in own[0 .. nown) */
    int *own, nown;
    struct lsess *lsess;      /* the parts kept between fadvances (threads_local.c) */
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
    double **scol;            /* the model's state columns in ptrs' order, valid while gen
                              ** is m->gen: y <-> model arrays without a pass over the types */
    int tyn[NRN_MAX_TYPES], tyns[NRN_MAX_TYPES]; /* instances and states of ty[j] */
    int ion_states;           /* a state is an ion's concentration (state_ion) */
    double *dsave;            /* diagonal of the last f: the membrane di/dv only */
    double *fdot;             /* scratch dy/dt of the evaluations made for assigned values */
    double *prev;             /* threshold distances at the last check */
    int nprev;
    /* SUNDIALS */
    SUNContext sun;
    void *mem;
    N_Vector_Ops ops;         /* the operations our vectors share (cvode_nvec.c) */
    N_Vector y, tmp;
    N_Vector yi;              /* the state interpolated inside the last step; scratch */
    N_Vector atolv;           /* the absolute tolerance of each equation */
    N_Vector hv[3];           /* f at the last (re)initialization; cv_h0's weights, scratch */
    SUNLinearSolver ls;
    SUNMatrix mat;            /* an empty stand-in (see ls_type) */
    int need_init;
    int stepped;              /* steps since the last (re)initialization */
    double tn;                /* CVODE's time: the last step's end (y holds the state there) */
    int ahead;                /* m->t < tn: the model arrays hold the state interpolated at t */
    int parked;               /* a local part held at a round's end without moving there:
                              ** t and its checks are the last step's start, the arrays
                              ** stale (cvode_run.c, run_until) */
    double at_next;           /* the next at_time discontinuity */
    double tcheck;            /* time of the last threshold check */
    char err[256];            /* CVODE's last message */
    /* counters accumulated over re-initializations */
    long acc_steps, acc_fevals, acc_niters, acc_nfails, acc_efails;
    long extra_f, inits, linsolves, setups;
};

/* eps of spec 7.6: the width of a discontinuity's stop. */
static inline double cv_eps(double x)
{
    return 100. * DBL_EPSILON * fabs(x);
}

/* cvode.c */
void cv_drop(struct cvode *cv);
/* cvode_local.c */
int cvl_own_sources(nrn_model *m);
/* cvode_eval.c */
void cv_gather(nrn_model *m, double *y);
void cv_scatter(nrn_model *m, const double *y);
/* Type j's state columns inside vector y, for ode_spec and ode_matsol. */
static inline double **cv_state_ptrs(struct cvode *cv, int j, double *y, int n, int nstate)
{
    double **p = cv->ptrs + cv->typtr[j];
    for (int s = 0; s < nstate; s++)
        p[s] = y + cv->tyoff[j] + s * n;
    return p;
}
nrn_mech_ctx cv_ctx(nrn_model *m, double t);
void cv_eval(nrn_model *m, double t, double *ydot, double *at_next);
int cv_rhs_fn(realtype t, N_Vector y, N_Vector ydot, void *ud);
/* cvode_h0.c */
double cv_h0(nrn_model *m, double tout);
/* cvode_ls.c */
SUNMatrix cv_mat_new(SUNContext sun);
SUNLinearSolver cv_ls_new(SUNContext sun, nrn_model *m);
int cv_linsys(realtype t, N_Vector y, N_Vector fy, SUNMatrix A, booleantype jok,
              booleantype *jcur, realtype gamma, void *ud, N_Vector t1, N_Vector t2, N_Vector t3);
/* cvode_setup.c */
const char *cv_unsupported(const nrn_model *m);
void cv_running(const struct cvode *cv, long v[5]);
void cv_accumulate(struct cvode *cv);
int cv_init(nrn_model *m);
/* cvode_events.c */
int cv_thresholds(nrn_model *m);
int cv_deliver_now(nrn_model *m, int *reinit);
/* cvode_record.c */
int cv_record_step(nrn_model *m, double told);
int cv_record_init(nrn_model *m);
#endif
