/*
** cmd_record.c: recording values during runs and writing them out.
**
**     record PATH ?-as COLUMN? ?-dt MS?
**     write_csv FILE ?COLUMN ...?
*/
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "atomfile.h"
#include "nrntcl_int.h"

/*
** record all.VAR: one column per segment of every section, SEC(X).VAR with X the segment
** centres printed %g (what nrn-plot shape and range read). Result: the column names.
*/
static int record_all(Tcl_Interp *interp, struct nrntcl *st, const char *var)
{
    Tcl_Obj *names = Tcl_NewListObj(0, NULL);
    Tcl_IncrRefCount(names);
    for (int s = 0; s < nrn_section_count(st->m); s++) {
        const char *sec = nrn_section_name(st->m, s);
        double nseg;
        nrn_section_get(st->m, s, NRN_SEC_NSEG, &nseg);
        for (int j = 0; j < (int)nseg; j++) {
            Tcl_Obj *seg = nrntcl_segment_name(sec, (j + 0.5) / nseg);
            Tcl_Obj *path = Tcl_ObjPrintf("%s.%s", Tcl_GetString(seg), var);
            Tcl_IncrRefCount(seg);
            Tcl_IncrRefCount(path);
            int rc = nrntcl_record(st, interp, Tcl_GetString(path), NULL);
            Tcl_DecrRefCount(seg);
            Tcl_DecrRefCount(path);
            if (rc != TCL_OK) {
                Tcl_DecrRefCount(names);
                return TCL_ERROR;
            }
            Tcl_ListObjAppendElement(interp, names, Tcl_GetObjResult(interp));
        }
    }
    Tcl_SetObjResult(interp, names);
    Tcl_DecrRefCount(names);
    return TCL_OK;
}

/* Records path, expanding all.VAR (unless a section is named "all"). Tcl status. */
int nrntcl_record_path(struct nrntcl *st, Tcl_Interp *interp, const char *path)
{
    if (strncmp(path, "all.", 4) == 0 && path[4] && nrn_section_find(st->m, "all") < 0)
        return record_all(interp, st, path + 4);
    return nrntcl_record(st, interp, path, NULL);
}

/*
** record PATH ?-as COLUMN? ?-dt MS?
** Samples PATH at finitialize and after every step (NEURON's Vector.record) into column
** COLUMN (default: PATH as written). Result: the column name. `record all.VAR` records VAR
** in every segment of every section (one column each; no -as). -dt MS samples every MS ms
** instead (NEURON's record(&x, Dt); under CVODE by interpolation); the columns share their
** rows, so this is the interval of every column, as nrn-run's --every.
*/
int nrntcl_record_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    static const char *const opts[] = { "-as", "-dt", NULL };
    struct nrntcl *st = ((struct nrntcl_ctx *)cd)->st;
    const char *column = NULL;
    double dt = -1;

    if (objc % 2 != 0 || objc > 6) {
        Tcl_WrongNumArgs(interp, 1, objv, "PATH ?-as COLUMN? ?-dt MS?");
        return TCL_ERROR;
    }
    for (int i = 2; i < objc; i += 2) {
        int idx;
        if (Tcl_GetIndexFromObj(interp, objv[i], opts, "option", 0, &idx) != TCL_OK)
            return TCL_ERROR;
        if (idx == 0) {
            column = Tcl_GetString(objv[i + 1]);
        } else {
            if (Tcl_GetDoubleFromObj(interp, objv[i + 1], &dt) != TCL_OK)
                return TCL_ERROR;
            if (!(dt > 0))
                return nrntcl_fail(interp, NRN_EINVAL, "record: -dt must be > 0, got %s",
                                   Tcl_GetString(objv[i + 1]));
        }
    }
    if (dt > 0) {
        int rc = nrn_record_set_interval(st->m, dt);
        if (rc)
            return nrntcl_engine_fail(interp, st, rc);
    }
    if (!column)
        return nrntcl_record_path(st, interp, Tcl_GetString(objv[1]));
    return nrntcl_record(st, interp, Tcl_GetString(objv[1]), column);
}

/* Writes the columns to fp; Tcl status with "cannot write FILE: reason" on failure. */
static int write_csv_to(Tcl_Interp *interp, struct nrntcl *st, const char *file, FILE *fp,
                        const int *ids, int n)
{
    if (nrntcl_write_csv(st, fp, ids, n, st->digits) != 0)
        return nrntcl_fail(interp, NRN_EIO, "cannot write \"%s\": %s", file, strerror(errno));
    return TCL_OK;
}

/*
** write_csv FILE ?COLUMN ...?
** Writes the named recorded columns (default: all, t first) as CSV to FILE ("-": standard
** output), atomically: FILE is complete or untouched. Result: empty.
*/
int nrntcl_write_csv_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    struct nrntcl *st = ((struct nrntcl_ctx *)cd)->st;
    const char *file;
    int n, *ids, rc;
    struct atomfile af;

    if (objc < 2) {
        Tcl_WrongNumArgs(interp, 1, objv, "FILE ?COLUMN ...?");
        return TCL_ERROR;
    }
    file = Tcl_GetString(objv[1]);
    n = objc > 2 ? objc - 2 : st->ncols;
    if ((ids = malloc((size_t)(n > 0 ? n : 1) * sizeof *ids)) == NULL)
        return nrntcl_fail(interp, NRN_ENOMEM, "out of memory");
    if (objc == 2)
        nrntcl_columns(st, ids, n);
    for (int i = 2; i < objc; i++) {
        if ((ids[i - 2] = nrntcl_column_find(st, Tcl_GetString(objv[i]))) < 0) {
            free(ids);
            return nrntcl_fail(interp, NRN_ENOTFOUND, "no recorded column \"%s\"",
                               Tcl_GetString(objv[i]));
        }
    }
    if (strcmp(file, "-") == 0) {
        Tcl_Channel out = Tcl_GetStdChannel(TCL_STDOUT);
        if (out)
            Tcl_Flush(out);
        rc = write_csv_to(interp, st, file, stdout, ids, n);
        if (rc == TCL_OK && fflush(stdout) != 0)
            rc = nrntcl_fail(interp, NRN_EIO, "cannot write \"-\": %s", strerror(errno));
    } else if (atomfile_open(&af, file) != 0) {
        rc = nrntcl_fail(interp, NRN_EIO, "cannot write \"%s\": %s", file, strerror(errno));
    } else {
        rc = write_csv_to(interp, st, file, af.fp, ids, n);
        if (rc != TCL_OK)
            atomfile_abort(&af);
        else if (atomfile_commit(&af) != 0)
            rc = nrntcl_fail(interp, NRN_EIO, "cannot write \"%s\": %s", file, strerror(errno));
    }
    free(ids);
    if (rc == TCL_OK)
        Tcl_ResetResult(interp);
    return rc;
}
