/*
** cmd_pt3d.c: 3-D points of a section, as NEURON's pt3dadd, pt3dclear, n3d and the
** getters x3d, y3d, z3d, diam3d, arc3d.
**
**     pt3dadd SECTION x y z diam
**     pt3dclear SECTION
**     n3d SECTION
**     x3d SECTION I     (also y3d z3d diam3d arc3d; I SECTION is accepted too, as h.x3d(i, sec=))
*/
#include <string.h>

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

/* n3d SECTION: Result: the number of 3-D points. */
int nrntcl_n3d_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    struct nrntcl *st = ((struct nrntcl_ctx *)cd)->st;
    int sec;

    if (objc != 2) {
        Tcl_WrongNumArgs(interp, 1, objv, "SECTION");
        return TCL_ERROR;
    }
    if (nrntcl_get_section(interp, st, objv[1], &sec) != TCL_OK)
        return TCL_ERROR;
    Tcl_SetObjResult(interp, Tcl_NewIntObj(nrn_n3d(st->m, sec)));
    return TCL_OK;
}

/*
** x3d SECTION I, and y3d z3d diam3d arc3d (the table entry's argument names which):
** Result: that coordinate of point I (0 to n3d-1) as NEURON stores it (a float), or its
** arc length from point 0. NEURON's argument order (I SECTION) works too.
*/
int nrntcl_pt3d_get_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    static const char *const which[] = { "x3d", "y3d", "z3d", "diam3d", "arc3d" };
    struct nrntcl_ctx *ctx = cd;
    struct nrntcl *st = ctx->st;
    double xyzd[4], arc;
    int sec, i, rc, k = 0, s = 1;

    if (objc != 3) {
        Tcl_WrongNumArgs(interp, 1, objv, "SECTION I");
        return TCL_ERROR;
    }
    if (nrn_section_find(st->m, Tcl_GetString(objv[1])) < 0 &&
        nrn_section_find(st->m, Tcl_GetString(objv[2])) >= 0)
        s = 2;
    if (nrntcl_get_section(interp, st, objv[s], &sec) != TCL_OK ||
        Tcl_GetIntFromObj(interp, objv[3 - s], &i) != TCL_OK)
        return TCL_ERROR;
    if ((rc = nrn_pt3d_get(st->m, sec, i, xyzd, &arc)) != NRN_OK)
        return nrntcl_engine_fail(interp, st, rc);
    while (k < 4 && strcmp(which[k], ctx->arg) != 0)
        k++;
    Tcl_SetObjResult(interp, Tcl_NewDoubleObj(k < 4 ? xyzd[k] : arc));
    return TCL_OK;
}
