/*
** cmd_value.c: reading and writing any number of the model by its value path
** (man nrn-tcl, "VALUE PATHS"; the engine parses the paths).
**
**     getval PATH
**     setval PATH VALUE ?PATH VALUE ...?
*/
#include "nrntcl_int.h"

/*
** getval PATH: Result: the value PATH names, as a double, or as an integer for what
** NEURON holds as one (nseg, secondorder: `getval soma.nseg` is 3, not 3.0).
*/
int nrntcl_getval_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    struct nrntcl *st = ((struct nrntcl_ctx *)cd)->st;
    nrn_ref ref;
    double v;
    int rc;

    if (objc != 2) {
        Tcl_WrongNumArgs(interp, 1, objv, "PATH");
        return TCL_ERROR;
    }
    if ((rc = nrn_ref_lookup(st->m, Tcl_GetString(objv[1]), &ref)) != NRN_OK ||
        (rc = nrn_ref_get(st->m, &ref, &v)) != NRN_OK)
        return nrntcl_engine_fail(interp, st, rc);
    if (nrn_ref_is_integer(&ref))
        Tcl_SetObjResult(interp, Tcl_NewWideIntObj((Tcl_WideInt)v));
    else
        Tcl_SetObjResult(interp, Tcl_NewDoubleObj(v));
    return TCL_OK;
}

/*
** setval PATH VALUE ?PATH VALUE ...?
** Sets the values left to right; a failure leaves the earlier pairs set. Result: empty.
*/
int nrntcl_setval_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    struct nrntcl *st = ((struct nrntcl_ctx *)cd)->st;
    double v;
    int rc;

    if (objc < 3 || objc % 2 == 0) {
        Tcl_WrongNumArgs(interp, 1, objv, "PATH VALUE ?PATH VALUE ...?");
        return TCL_ERROR;
    }
    for (int i = 1; i < objc; i += 2) {
        if (Tcl_GetDoubleFromObj(interp, objv[i + 1], &v) != TCL_OK)
            return TCL_ERROR;
        if ((rc = nrn_set(st->m, Tcl_GetString(objv[i]), v)) != NRN_OK)
            return nrntcl_engine_fail(interp, st, rc);
    }
    Tcl_ResetResult(interp);
    return TCL_OK;
}
