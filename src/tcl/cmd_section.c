/*
** cmd_section.c: the commands that make and list sections.
**
**     section NAME ?-L um? ?-diam um? ?-nseg n? ?-Ra ohm.cm? ?-cm uF/cm2? ?-rallbranch n?
**     sections ?GLOB?
**     segments SECTION ?-all?
*/
#include <math.h>

#include "nrntcl_int.h"

/* The options of `section`, and the property each sets. */
static const char *const section_opts[] = { "-L", "-diam", "-nseg", "-Ra", "-cm", "-rallbranch",
                                            NULL };
static const nrn_secprop section_props[] = { NRN_SEC_L, NRN_SEC_DIAM, NRN_SEC_NSEG,
                                             NRN_SEC_RA, NRN_SEC_CM, NRN_SEC_RALLBRANCH };

/*
** section NAME ?-option value ...?
** Creates NAME if it is new (NEURON's defaults), then sets the options left to right.
** Result: NAME. Values are all parsed before the model changes; a value the engine
** rejects leaves a newly made section in place (the engine cannot delete sections).
*/
int nrntcl_section_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    struct nrntcl *st = ((struct nrntcl_ctx *)cd)->st;
    int idx[8], sec, rc;
    double val[8];
    const char *name;

    if (objc < 2 || objc % 2 != 0 || (objc - 2) / 2 > 8) {
        Tcl_WrongNumArgs(interp, 1, objv, "NAME ?-option value ...?");
        return TCL_ERROR;
    }
    for (int i = 2; i < objc; i += 2) {
        int k = (i - 2) / 2;
        if (Tcl_GetIndexFromObj(interp, objv[i], section_opts, "option", 0, &idx[k]) != TCL_OK ||
            Tcl_GetDoubleFromObj(interp, objv[i + 1], &val[k]) != TCL_OK)
            return TCL_ERROR;
        if (section_props[idx[k]] == NRN_SEC_NSEG && val[k] != floor(val[k]))
            return nrntcl_fail(interp, NRN_EINVAL, "nseg must be an integer, got %s",
                               Tcl_GetString(objv[i + 1]));
    }
    name = Tcl_GetString(objv[1]);
    sec = nrn_section_find(st->m, name);
    if (sec < 0 && (rc = nrn_section_new(st->m, name, &sec)) != NRN_OK)
        return nrntcl_engine_fail(interp, st, rc);
    for (int k = 0; k < (objc - 2) / 2; k++)
        if ((rc = nrn_section_set(st->m, sec, section_props[idx[k]], val[k])) != NRN_OK)
            return nrntcl_engine_fail(interp, st, rc);
    Tcl_SetObjResult(interp, objv[1]);
    return TCL_OK;
}

/*
** sections ?GLOB?
** Result: the names of the sections in creation order (NEURON's allsec), those matching
** GLOB (string match) if given.
*/
int nrntcl_sections_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    struct nrntcl *st = ((struct nrntcl_ctx *)cd)->st;
    const char *glob = objc == 2 ? Tcl_GetString(objv[1]) : NULL;
    Tcl_Obj *list;
    int n;

    if (objc > 2) {
        Tcl_WrongNumArgs(interp, 1, objv, "?GLOB?");
        return TCL_ERROR;
    }
    list = Tcl_NewListObj(0, NULL);
    n = nrn_section_count(st->m);
    for (int i = 0; i < n; i++) {
        const char *name = nrn_section_name(st->m, i);
        if (glob == NULL || Tcl_StringMatch(name, glob))
            Tcl_ListObjAppendElement(NULL, list, Tcl_NewStringObj(name, -1));
    }
    Tcl_SetObjResult(interp, list);
    return TCL_OK;
}

/*
** segments SECTION ?-all?
** Result: the names of the section's nseg segments, from the 0 end to the 1 end, as
** NEURON prints them: SECTION(x) with x = (i + 0.5) / nseg in %g ("dend1(0.0454545)").
** With -all, SECTION(0) first and SECTION(1) last too, as NEURON's allseg().
*/
int nrntcl_segments_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    static const char *const opts[] = { "-all", NULL };
    struct nrntcl *st = ((struct nrntcl_ctx *)cd)->st;
    double nseg;
    Tcl_Obj *list;
    const char *name;
    int sec, rc, idx, all = objc == 3;

    if (objc != 2 && objc != 3) {
        Tcl_WrongNumArgs(interp, 1, objv, "SECTION ?-all?");
        return TCL_ERROR;
    }
    if (all && Tcl_GetIndexFromObj(interp, objv[2], opts, "option", 0, &idx) != TCL_OK)
        return TCL_ERROR;
    if (nrntcl_get_section(interp, st, objv[1], &sec) != TCL_OK)
        return TCL_ERROR;
    if ((rc = nrn_section_get(st->m, sec, NRN_SEC_NSEG, &nseg)) != NRN_OK)
        return nrntcl_engine_fail(interp, st, rc);
    name = nrn_section_name(st->m, sec);
    list = Tcl_NewListObj(0, NULL);
    if (all)
        Tcl_ListObjAppendElement(NULL, list, nrntcl_segment_name(name, 0));
    for (int i = 0; i < (int)nseg; i++)
        Tcl_ListObjAppendElement(NULL, list, nrntcl_segment_name(name, (i + 0.5) / nseg));
    if (all)
        Tcl_ListObjAppendElement(NULL, list, nrntcl_segment_name(name, 1));
    Tcl_SetObjResult(interp, list);
    return TCL_OK;
}
