/*
** cmd_query.c: questions about the model's shape.
**
**     topology
**     distance SEGMENT ?ORIGIN?
*/
#include <stdlib.h>

#include "nrntcl_int.h"

/* topology: Result: the text NEURON's h.topology() prints, character for character. */
int nrntcl_topology_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    struct nrntcl *st = ((struct nrntcl_ctx *)cd)->st;
    char *text;

    if (objc != 1) {
        Tcl_WrongNumArgs(interp, 1, objv, NULL);
        return TCL_ERROR;
    }
    if ((text = nrn_topology(st->m)) == NULL)
        return nrntcl_fail(interp, NRN_ENOMEM, "out of memory");
    Tcl_SetObjResult(interp, Tcl_NewStringObj(text, -1));
    free(text);
    return TCL_OK;
}

/*
** distance SEGMENT ?ORIGIN?
** Result: the path distance in um between the nodes of ORIGIN and SEGMENT, as NEURON's
** h.distance(origin, seg). Without ORIGIN, the origin is the 0 end of the root section
** of SEGMENT's cell.
*/
int nrntcl_distance_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    struct nrntcl *st = ((struct nrntcl_ctx *)cd)->st;
    int sec, osec, rc;
    double x, ox = 0, d;

    if (objc != 2 && objc != 3) {
        Tcl_WrongNumArgs(interp, 1, objv, "SEGMENT ?ORIGIN?");
        return TCL_ERROR;
    }
    if (nrntcl_get_segment(interp, st, objv[1], &sec, &x) != TCL_OK)
        return TCL_ERROR;
    if (objc == 3) {
        if (nrntcl_get_segment(interp, st, objv[2], &osec, &ox) != TCL_OK)
            return TCL_ERROR;
    } else {
        int parent = sec;
        double px, cend;
        do {
            osec = parent;
            if ((rc = nrn_section_parent(st->m, osec, &parent, &px, &cend)) != NRN_OK)
                return nrntcl_engine_fail(interp, st, rc);
        } while (parent >= 0);
    }
    if ((rc = nrn_distance(st->m, osec, ox, sec, x, &d)) != NRN_OK)
        return nrntcl_engine_fail(interp, st, rc);
    Tcl_SetObjResult(interp, Tcl_NewDoubleObj(d));
    return TCL_OK;
}
