/*
** cmd_morph.c: morphologies and whole models from files, and the d_lambda rule.
**
**     load_swc FILE ?-prefix P?          (NEURON's Import3d for SWC)
**     load_asc FILE ?-prefix P?          (Neurolucida ASCII)
**     load_model FILE                    (a model CSV from nrn-build)
**     save_model FILE                    (writes the model CSV; - for standard output)
**     geom_nseg ?-freq Hz? ?-d_lambda F? ?SECTION ...?
*/
#include <errno.h>
#include <string.h>

#include "nrntcl_int.h"

/* The engine's import functions share one signature. */
typedef int (*import_fn)(nrn_model *, const char *, const char *, int *, int *, char *, size_t);

/*
** load_swc FILE ?-prefix P? / load_asc FILE ?-prefix P?
** Imports the cell; a note about choices made (which soma reading) goes to stderr.
** Result: the new sections' names in creation order.
*/
static int load_morph(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[],
                      import_fn fn)
{
    struct nrntcl *st = ((struct nrntcl_ctx *)cd)->st;
    const char *prefix = NULL;
    char note[512];
    int first, count, rc;

    if (objc == 4 && strcmp(Tcl_GetString(objv[2]), "-prefix") == 0) {
        prefix = Tcl_GetString(objv[3]);
    } else if (objc != 2) {
        Tcl_WrongNumArgs(interp, 1, objv, "FILE ?-prefix P?");
        return TCL_ERROR;
    }
    if ((rc = fn(st->m, Tcl_GetString(objv[1]), prefix, &first, &count, note, sizeof note)))
        return nrntcl_engine_fail(interp, st, rc);
    if (note[0]) {
        Tcl_Channel err = Tcl_GetStdChannel(TCL_STDERR);
        if (err) {
            Tcl_WriteChars(err, Tcl_GetString(objv[0]), -1);
            Tcl_WriteChars(err, ": ", 2);
            Tcl_WriteChars(err, note, -1);
            Tcl_WriteChars(err, "\n", 1);
        }
    }
    Tcl_Obj *list = Tcl_NewListObj(0, NULL);
    for (int i = first; i < first + count; i++)
        Tcl_ListObjAppendElement(interp, list, Tcl_NewStringObj(nrn_section_name(st->m, i), -1));
    Tcl_SetObjResult(interp, list);
    return TCL_OK;
}

int nrntcl_load_swc_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    return load_morph(cd, interp, objc, objv, nrn_load_swc);
}

int nrntcl_load_asc_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    return load_morph(cd, interp, objc, objv, nrn_load_asc);
}

/* load_model FILE: adds the model of a model CSV. Result: empty. */
int nrntcl_load_model_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    struct nrntcl *st = ((struct nrntcl_ctx *)cd)->st;
    int rc;
    if (objc != 2) {
        Tcl_WrongNumArgs(interp, 1, objv, "FILE");
        return TCL_ERROR;
    }
    if ((rc = nrn_model_load_csv(st->m, Tcl_GetString(objv[1]))))
        return nrntcl_engine_fail(interp, st, rc);
    return TCL_OK;
}

/* save_model FILE: writes the model CSV (atomically; "-" is standard output). */
int nrntcl_save_model_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    struct nrntcl *st = ((struct nrntcl_ctx *)cd)->st;
    int rc;
    if (objc != 2) {
        Tcl_WrongNumArgs(interp, 1, objv, "FILE");
        return TCL_ERROR;
    }
    if (strcmp(Tcl_GetString(objv[1]), "-") == 0) {
        Tcl_Flush(Tcl_GetStdChannel(TCL_STDOUT));
        errno = 0;
        if ((rc = nrn_model_write_csv(st->m, stdout)) || fflush(stdout) != 0)
            return nrntcl_fail(interp, NRN_EIO, "cannot write standard output: %s",
                               strerror(errno ? errno : EIO));
        return TCL_OK;
    }
    if ((rc = nrn_model_save_csv(st->m, Tcl_GetString(objv[1]))))
        return nrntcl_engine_fail(interp, st, rc);
    return TCL_OK;
}

/*
** geom_nseg ?-freq Hz? ?-d_lambda F? ?SECTION ...?
** NEURON's d_lambda rule (defaults 100 Hz, 0.1) on the sections named, or all.
** Result: the total nseg of those sections.
*/
int nrntcl_geom_nseg_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    static const char *const opts[] = { "-freq", "-d_lambda", NULL };
    struct nrntcl *st = ((struct nrntcl_ctx *)cd)->st;
    double freq = 100, dl = 0.1;
    int i = 1, idx, rc, total;

    while (i < objc && Tcl_GetString(objv[i])[0] == '-') {
        if (Tcl_GetIndexFromObj(interp, objv[i], opts, "option", 0, &idx) != TCL_OK)
            return TCL_ERROR;
        if (i + 1 >= objc)
            return nrntcl_fail(interp, NRN_EINVAL, "value for \"%s\" missing", opts[idx]);
        if (Tcl_GetDoubleFromObj(interp, objv[i + 1], idx == 0 ? &freq : &dl) != TCL_OK)
            return TCL_ERROR;
        i += 2;
    }
    int n = objc - i, *secs = n ? (int *)Tcl_Alloc(sizeof(int) * (unsigned)n) : NULL;
    for (int k = 0; k < n; k++)
        if (nrntcl_get_section(interp, st, objv[i + k], &secs[k]) != TCL_OK) {
            Tcl_Free((char *)secs);
            return TCL_ERROR;
        }
    rc = nrn_geom_nseg(st->m, secs, n, freq, dl, &total);
    if (secs)
        Tcl_Free((char *)secs);
    if (rc)
        return nrntcl_engine_fail(interp, st, rc);
    Tcl_SetObjResult(interp, Tcl_NewIntObj(total));
    return TCL_OK;
}
