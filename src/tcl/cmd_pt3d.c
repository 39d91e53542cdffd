/*
** cmd_pt3d.c: 3-D points of a section, as NEURON's pt3dadd and pt3dclear.
**
**     pt3dadd SECTION x y z diam
**     pt3dclear SECTION
*/
#include "nrntcl_int.h"

/* pt3dadd SECTION x y z diam: appends a 3-D point (um). Result: the number of points. */
int nrntcl_pt3dadd_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    struct nrntcl *st = ((struct nrntcl_ctx *)cd)->st;
    double p[4];
    int sec, rc;

    if (objc != 6) {
        Tcl_WrongNumArgs(interp, 1, objv, "SECTION x y z diam");
        return TCL_ERROR;
    }
    if (nrntcl_get_section(interp, st, objv[1], &sec) != TCL_OK)
        return TCL_ERROR;
    for (int i = 0; i < 4; i++)
        if (Tcl_GetDoubleFromObj(interp, objv[i + 2], &p[i]) != TCL_OK)
            return TCL_ERROR;
    if ((rc = nrn_pt3dadd(st->m, sec, p[0], p[1], p[2], p[3])) != NRN_OK)
        return nrntcl_engine_fail(interp, st, rc);
    Tcl_SetObjResult(interp, Tcl_NewIntObj(nrn_n3d(st->m, sec)));
    return TCL_OK;
}

/* pt3dclear SECTION: removes the section's 3-D points. Result: empty. */
int nrntcl_pt3dclear_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    struct nrntcl *st = ((struct nrntcl_ctx *)cd)->st;
    int sec, rc;

    if (objc != 2) {
        Tcl_WrongNumArgs(interp, 1, objv, "SECTION");
        return TCL_ERROR;
    }
    if (nrntcl_get_section(interp, st, objv[1], &sec) != TCL_OK)
        return TCL_ERROR;
    if ((rc = nrn_pt3dclear(st->m, sec)) != NRN_OK)
        return nrntcl_engine_fail(interp, st, rc);
    Tcl_ResetResult(interp);
    return TCL_OK;
}
