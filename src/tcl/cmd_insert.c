/*
** cmd_insert.c: density mechanisms in and out of sections.
**
**     insert MECH ?SECTION ...?
**     uninsert MECH ?SECTION ...?
**     ion_style ION SECTION ?C_STYLE E_STYLE EINIT EADVANCE CINIT?
*/
#include <stdlib.h>

#include "nrntcl_int.h"

/* nrn_insert or nrn_uninsert. */
typedef int (*insert_fn)(nrn_model *m, int sec, const char *mech);

/*
** The body of both commands: every SECTION named (all sections if none) gets fn(MECH).
** Names are all checked before the first change. Result: empty.
*/
static int insert_generic(struct nrntcl *st, Tcl_Interp *interp, int objc,
                          Tcl_Obj *const objv[], insert_fn fn)
{
    const char *mech;
    int n, *secs, rc = NRN_OK;

    if (objc < 2) {
        Tcl_WrongNumArgs(interp, 1, objv, "MECH ?SECTION ...?");
        return TCL_ERROR;
    }
    mech = Tcl_GetString(objv[1]);
    if (nrn_mech_find(st->m, mech) < 0)
        return nrntcl_fail(interp, NRN_ENOTFOUND, "unknown mechanism \"%s\"", mech);
    n = objc > 2 ? objc - 2 : nrn_section_count(st->m);
    if ((secs = malloc((size_t)(n > 0 ? n : 1) * sizeof *secs)) == NULL)
        return nrntcl_fail(interp, NRN_ENOMEM, "out of memory");
    for (int i = 0; i < n; i++) {
        secs[i] = i;
        if (objc > 2 && nrntcl_get_section(interp, st, objv[i + 2], &secs[i]) != TCL_OK) {
            free(secs);
            return TCL_ERROR;
        }
    }
    for (int i = 0; i < n && rc == NRN_OK; i++)
        rc = fn(st->m, secs[i], mech);
    free(secs);
    if (rc != NRN_OK)
        return nrntcl_engine_fail(interp, st, rc);
    Tcl_ResetResult(interp);
    return TCL_OK;
}

/* insert MECH ?SECTION ...?: inserts a density mechanism (hh, pas) into the sections. */
int nrntcl_insert_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    return insert_generic(((struct nrntcl_ctx *)cd)->st, interp, objc, objv, nrn_insert);
}

/* uninsert MECH ?SECTION ...?: removes a density mechanism from the sections. */
int nrntcl_uninsert_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    return insert_generic(((struct nrntcl_ctx *)cd)->st, interp, objc, objv, nrn_uninsert);
}

/*
** ion_style ION SECTION ?C_STYLE E_STYLE EINIT EADVANCE CINIT?: NEURON's ion_style, with the
** section named instead of accessed. Result: the style before (NEURON's bits), -1 when the
** ion is not in SECTION; with the five values, they become the section's style.
*/
int nrntcl_ion_style_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    struct nrntcl *st = ((struct nrntcl_ctx *)cd)->st;
    int sec, style[5], old, rc;

    if (objc != 3 && objc != 8) {
        Tcl_WrongNumArgs(interp, 1, objv, "ION SECTION ?C_STYLE E_STYLE EINIT EADVANCE CINIT?");
        return TCL_ERROR;
    }
    if (nrntcl_get_section(interp, st, objv[2], &sec) != TCL_OK)
        return TCL_ERROR;
    for (int k = 0; objc == 8 && k < 5; k++)
        if (Tcl_GetIntFromObj(interp, objv[k + 3], &style[k]) != TCL_OK)
            return TCL_ERROR;
    rc = nrn_ion_style(st->m, sec, Tcl_GetString(objv[1]), objc == 8 ? style : NULL, &old);
    if (rc != NRN_OK)
        return nrntcl_engine_fail(interp, st, rc);
    Tcl_SetObjResult(interp, Tcl_NewIntObj(old));
    return TCL_OK;
}
