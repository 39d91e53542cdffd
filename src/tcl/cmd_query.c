/*
** cmd_query.c: questions about the model's shape.
**
**     topology
**     distance SEGMENT ?ORIGIN?
**     subtree SECTION
**     wholetree SECTION
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

/* The root section of sec's cell into *root. Tcl status. */
static int query_root(Tcl_Interp *interp, struct nrntcl *st, int sec, int *root)
{
    int parent = sec, rc;
    double px, cend;
    do {
        *root = parent;
        if ((rc = nrn_section_parent(st->m, *root, &parent, &px, &cend)) != NRN_OK)
            return nrntcl_engine_fail(interp, st, rc);
    } while (parent >= 0);
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
    } else if (query_root(interp, st, sec, &osec) != TCL_OK) {
        return TCL_ERROR;
    }
    if ((rc = nrn_distance(st->m, osec, ox, sec, x, &d)) != NRN_OK)
        return nrntcl_engine_fail(interp, st, rc);
    Tcl_SetObjResult(interp, Tcl_NewDoubleObj(d));
    return TCL_OK;
}

/*
** subtree SECTION / wholetree SECTION (whole: 1)
** Result: the names of SECTION and every section below it (wholetree: of SECTION's whole
** cell, from its root), breadth first, as NEURON's SectionList.subtree() and wholetree().
*/
static int query_tree(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[],
                      int whole)
{
    struct nrntcl *st = ((struct nrntcl_ctx *)cd)->st;
    int sec, n, rc, *ids;
    Tcl_Obj *list;

    if (objc != 2) {
        Tcl_WrongNumArgs(interp, 1, objv, "SECTION");
        return TCL_ERROR;
    }
    if (nrntcl_get_section(interp, st, objv[1], &sec) != TCL_OK ||
        (whole && query_root(interp, st, sec, &sec) != TCL_OK))
        return TCL_ERROR;
    if ((ids = malloc((size_t)nrn_section_count(st->m) * sizeof *ids)) == NULL)
        return nrntcl_fail(interp, NRN_ENOMEM, "out of memory");
    if ((rc = nrn_subtree(st->m, sec, ids, &n)) != NRN_OK) {
        free(ids);
        return nrntcl_engine_fail(interp, st, rc);
    }
    list = Tcl_NewListObj(0, NULL);
    for (int i = 0; i < n; i++)
        Tcl_ListObjAppendElement(NULL, list, Tcl_NewStringObj(nrn_section_name(st->m, ids[i]), -1));
    free(ids);
    Tcl_SetObjResult(interp, list);
    return TCL_OK;
}

/* subtree SECTION: see query_tree. */
int nrntcl_subtree_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    return query_tree(cd, interp, objc, objv, 0);
}

/* wholetree SECTION: see query_tree. */
int nrntcl_wholetree_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    return query_tree(cd, interp, objc, objv, 1);
}
