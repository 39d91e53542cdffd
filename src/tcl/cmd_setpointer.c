/*
** cmd_setpointer.c: NEURON's setpointer, binding an NMODL POINTER to a value.
**
**     setpointer OBJ.VAR PATH            POINTER VAR of a point process
**     setpointer SEC(X).VAR_MECH PATH    POINTER VAR of density mechanism MECH there
**
** PATH is any value path getval reads (v, a range variable, an object's variable, a
** global). The binding survives recompilation; setting it again replaces the source.
*/
#include "nrntcl_int.h"

int nrntcl_setpointer_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    struct nrntcl *st = ((struct nrntcl_ctx *)cd)->st;
    if (objc != 3) {
        Tcl_WrongNumArgs(interp, 1, objv, "OBJ.VAR|SEC(X).VAR_MECH PATH");
        return TCL_ERROR;
    }
    int rc = nrn_setpointer(st->m, Tcl_GetString(objv[1]), Tcl_GetString(objv[2]));
    if (rc != NRN_OK)
        return nrntcl_engine_fail(interp, st, rc);
    Tcl_ResetResult(interp);
    return TCL_OK;
}
