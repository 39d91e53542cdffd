/*
** cmd_record.c: recording values during runs and writing them out.
**
**     record PATH ?-as COLUMN?
**     write_csv FILE ?COLUMN ...?
*/
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "atomfile.h"
#include "nrntcl_int.h"

/*
** record PATH ?-as COLUMN?
** Samples PATH at finitialize and after every step (NEURON's Vector.record) into column
** COLUMN (default: PATH as written). Result: the column name.
*/
int nrntcl_record_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    static const char *const opts[] = { "-as", NULL };
    struct nrntcl *st = ((struct nrntcl_ctx *)cd)->st;
    int idx;

    if (objc != 2 && objc != 4) {
        Tcl_WrongNumArgs(interp, 1, objv, "PATH ?-as COLUMN?");
        return TCL_ERROR;
    }
    if (objc == 4 && Tcl_GetIndexFromObj(interp, objv[2], opts, "option", 0, &idx) != TCL_OK)
        return TCL_ERROR;
    return nrntcl_record(st, interp, Tcl_GetString(objv[1]),
                         objc == 4 ? Tcl_GetString(objv[3]) : NULL);
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
