/*
** cmd_run.c: running the simulation (NEURON's finitialize, fadvance and stdrun's
** continuerun and run), and starting over.
**
**     finitialize ?V?
**     fadvance
**     continuerun T
**     run
**     reset
*/
#include <math.h>

#include "nrntcl_int.h"

/* The engine call each simulation command makes. */
enum run_step { STEP_FINITIALIZE, STEP_FADVANCE, STEP_CONTINUERUN, STEP_RUN };

/*
** What every simulation command does once its arguments are read: marks the simulation
** started (deferred records), makes the engine call step (x: finitialize's V,
** continuerun's T) and empties the result. Tcl status.
*/
static int run_step(struct nrntcl *st, Tcl_Interp *interp, enum run_step step, double x)
{
    int rc;

    if (nrntcl_sim_start(st, interp) != TCL_OK)
        return TCL_ERROR;
    switch (step) {
    case STEP_FINITIALIZE:
        rc = nrn_finitialize(st->m, x);
        break;
    case STEP_FADVANCE:
        rc = nrn_fadvance(st->m);
        break;
    case STEP_CONTINUERUN:
        rc = nrn_continuerun(st->m, x);
        break;
    default:
        rc = nrn_run(st->m);
        break;
    }
    if (rc != NRN_OK)
        return nrntcl_engine_fail(interp, st, rc);
    Tcl_ResetResult(interp);
    return TCL_OK;
}

/* A "wrong # args" error unless the command has no arguments. Tcl status. */
static int run_no_args(Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    if (objc != 1) {
        Tcl_WrongNumArgs(interp, 1, objv, NULL);
        return TCL_ERROR;
    }
    return TCL_OK;
}

/* finitialize ?V?: initializes the model at V mV (default v_init). Result: empty. */
int nrntcl_finitialize_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    struct nrntcl *st = ((struct nrntcl_ctx *)cd)->st;
    double v;
    int rc;

    if (objc > 2) {
        Tcl_WrongNumArgs(interp, 1, objv, "?V?");
        return TCL_ERROR;
    }
    if (objc == 2 && Tcl_GetDoubleFromObj(interp, objv[1], &v) != TCL_OK)
        return TCL_ERROR;
    if (objc == 1 && (rc = nrn_get(st->m, "v_init", &v)) != NRN_OK)
        return nrntcl_engine_fail(interp, st, rc);
    return run_step(st, interp, STEP_FINITIALIZE, v);
}

/* fadvance: one step of dt. Result: empty. */
int nrntcl_fadvance_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    struct nrntcl *st = ((struct nrntcl_ctx *)cd)->st;

    if (run_no_args(interp, objc, objv) != TCL_OK)
        return TCL_ERROR;
    return run_step(st, interp, STEP_FADVANCE, 0);
}

/* continuerun T: steps until t reaches T ms (stdrun's continuerun). Result: empty. */
int nrntcl_continuerun_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    struct nrntcl *st = ((struct nrntcl_ctx *)cd)->st;
    double tstop;

    if (objc != 2) {
        Tcl_WrongNumArgs(interp, 1, objv, "T");
        return TCL_ERROR;
    }
    if (Tcl_GetDoubleFromObj(interp, objv[1], &tstop) != TCL_OK)
        return TCL_ERROR;
    if (isnan(tstop))
        return nrntcl_fail(interp, NRN_EINVAL, "T must be a number, got %s",
                           Tcl_GetString(objv[1]));
    return run_step(st, interp, STEP_CONTINUERUN, tstop);
}

/* run: finitialize at v_init, then continuerun tstop (stdrun's run). Result: empty. */
int nrntcl_run_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    struct nrntcl *st = ((struct nrntcl_ctx *)cd)->st;

    if (run_no_args(interp, objc, objv) != TCL_OK)
        return TCL_ERROR;
    return run_step(st, interp, STEP_RUN, 0);
}

/*
** reset: throws the model away and starts from an empty one with NEURON's defaults:
** sections, point-process commands, records and vectors all go. Result: empty.
*/
int nrntcl_reset_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    struct nrntcl *st = ((struct nrntcl_ctx *)cd)->st;

    if (run_no_args(interp, objc, objv) != TCL_OK)
        return TCL_ERROR;
    if (nrntcl_reset(st, interp) != TCL_OK)
        return TCL_ERROR;
    Tcl_ResetResult(interp);
    return TCL_OK;
}
