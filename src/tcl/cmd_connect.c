/*
** cmd_connect.c: attaching sections to each other.
**
**     connect CHILD ?CHILDEND? PARENT(X)
**     connect CHILD ?CHILDEND? PARENT          (at PARENT's 1 end, as NEURON's default)
**     connect CHILD PARENT X ?CHILDEND?        (Python's child.connect(parent, x, childend))
*/
#include <string.h>

#include "nrntcl_int.h"

/*
** connect CHILD PARENT X ?CHILDEND?, when objv[2] names a section and objv[3] is a number:
** the order of Python's child.connect(parent, x, childend). Sets *parent, *x and *end and
** returns 1, or returns 0 when the arguments are not of that form.
*/
static int connect_python_order(struct nrntcl *st, int objc, Tcl_Obj *const objv[], int *parent,
                                double *x, double *end)
{
    if ((objc != 4 && objc != 5) || (*parent = nrn_section_find(st->m, Tcl_GetString(objv[2]))) < 0 ||
        Tcl_GetDoubleFromObj(NULL, objv[3], x) != TCL_OK ||
        (objc == 5 && Tcl_GetDoubleFromObj(NULL, objv[4], end) != TCL_OK))
        return 0;
    return 1;
}

/*
** connect CHILD ?CHILDEND? PARENT?(X)?: the HOC-like order. CHILD may be CHILD(END); a
** bare PARENT is PARENT(1). Sets *child, *parent, *x and *end. Tcl status.
*/
static int connect_hoc_order(Tcl_Interp *interp, struct nrntcl *st, int objc,
                             Tcl_Obj *const objv[], int *child, int *parent, double *x,
                             double *end)
{
    Tcl_Size len;
    const char *c = Tcl_GetStringFromObj(objv[1], &len);

    *end = 0;
    if (objc == 3 && len > 0 && c[len - 1] == ')' && nrn_section_find(st->m, c) < 0) {
        if (nrntcl_get_segment(interp, st, objv[1], child, end) != TCL_OK)
            return TCL_ERROR;
    } else if (nrntcl_get_section(interp, st, objv[1], child) != TCL_OK) {
        return TCL_ERROR;
    }
    if (objc == 4 && nrn_section_find(st->m, Tcl_GetString(objv[2])) >= 0)
        return nrntcl_fail(interp, NRN_EINVAL, "bad X \"%s\": must be a number "
                           "(connect CHILD PARENT X ?CHILDEND?)", Tcl_GetString(objv[3]));
    if (objc == 4 && Tcl_GetDoubleFromObj(interp, objv[2], end) != TCL_OK)
        return TCL_ERROR;
    if (*end != 0 && *end != 1)
        return nrntcl_fail(interp, NRN_EINVAL, "child end must be 0 or 1, got %s",
                           objc == 4 ? Tcl_GetString(objv[2]) : c);
    c = Tcl_GetString(objv[objc - 1]);
    *x = 1;
    if (strchr(c, '(') == NULL || nrn_section_find(st->m, c) >= 0)
        return nrntcl_get_section(interp, st, objv[objc - 1], parent);
    return nrntcl_get_segment(interp, st, objv[objc - 1], parent, x);
}

/*
** connect CHILD ?CHILDEND? PARENT(X)
** Attaches CHILD's CHILDEND (0 or 1; default 0) to PARENT at X, as NEURON's
** child.connect(parent(x), childend); a connected child moves. CHILD may also be
** written CHILD(END), as in HOC's `connect child(0), parent(1)`. A bare PARENT means
** PARENT(1), as Python's child.connect(parent); Python's argument order works too.
** Result: empty.
*/
int nrntcl_connect_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    struct nrntcl *st = ((struct nrntcl_ctx *)cd)->st;
    int child, parent, rc;
    double end = 0, x = 1;

    if (objc < 3 || objc > 5) {
        Tcl_WrongNumArgs(interp, 1, objv, "CHILD ?CHILDEND? PARENT?(X)?");
        return TCL_ERROR;
    }
    if (connect_python_order(st, objc, objv, &parent, &x, &end)) {
        if (nrntcl_get_section(interp, st, objv[1], &child) != TCL_OK)
            return TCL_ERROR;
        if (end != 0 && end != 1)
            return nrntcl_fail(interp, NRN_EINVAL, "child end must be 0 or 1, got %s",
                               Tcl_GetString(objv[4]));
    } else if (objc == 5) {
        Tcl_WrongNumArgs(interp, 1, objv, "CHILD ?CHILDEND? PARENT?(X)?");
        return TCL_ERROR;
    } else if (connect_hoc_order(interp, st, objc, objv, &child, &parent, &x, &end) != TCL_OK) {
        return TCL_ERROR;
    }
    if ((rc = nrn_connect(st->m, child, end, parent, x)) != NRN_OK)
        return nrntcl_engine_fail(interp, st, rc);
    Tcl_ResetResult(interp);
    return TCL_OK;
}
