/*
** cmd_functable.c: the values of an NMODL FUNCTION_TABLE (NEURON's table_NAME hoc
** function), interpolated linearly by the engine, clamped at the grid's ends.
**
**     function_table NAME_MECH VALUE                   a constant
**     function_table NAME_MECH YVEC XVEC               one argument at the values XVEC
**     function_table NAME_MECH YVEC N {MIN MAX | XVEC} ...
**                                                      per argument: N values, evenly
**                                                      from MIN to MAX or at XVEC
** YVEC holds the values row major (the last argument varies fastest). Vectors are named
** vectors (vector create); their values are copied.
*/
#include <stdlib.h>

#include "nrntcl_int.h"

#define FT_MAXDIM 4

/* The data of the vector named by obj, or a Tcl error. */
static const double *vec_arg(Tcl_Interp *interp, struct nrntcl *st, Tcl_Obj *obj, size_t *n)
{
    int id = nrn_vector_find(st->m, Tcl_GetString(obj));
    if (id < 0) {
        nrntcl_fail(interp, NRN_ENOTFOUND, "no vector named \"%s\"", Tcl_GetString(obj));
        return NULL;
    }
    return nrn_vector_data(st->m, id, n);
}

int nrntcl_function_table_cmd(ClientData cd, Tcl_Interp *interp, int objc,
                              Tcl_Obj *const objv[])
{
    struct nrntcl *st = ((struct nrntcl_ctx *)cd)->st;
    const char *name;
    double value, min[FT_MAXDIM] = { 0 }, max[FT_MAXDIM] = { 0 };
    const double *x[FT_MAXDIM] = { NULL }, *y;
    int nsize[FT_MAXDIM] = { 0 }, ndim = 0, rc;
    size_t ny, n;

    if (objc < 3) {
        Tcl_WrongNumArgs(interp, 1, objv, "NAME_MECH VALUE | YVEC XVEC | YVEC N {MIN MAX | XVEC} ...");
        return TCL_ERROR;
    }
    name = Tcl_GetString(objv[1]);
    if (objc == 3) {
        if (Tcl_GetDoubleFromObj(interp, objv[2], &value) != TCL_OK)
            return TCL_ERROR;
        rc = nrn_function_table(st->m, name, 0, &value, nsize, x, min, max);
        return rc ? nrntcl_engine_fail(interp, st, rc) : TCL_OK;
    }
    if (!(y = vec_arg(interp, st, objv[2], &ny)))
        return TCL_ERROR;
    if (objc == 4) { /* YVEC XVEC */
        if (!(x[0] = vec_arg(interp, st, objv[3], &n)))
            return TCL_ERROR;
        if (n != ny)
            return nrntcl_fail(interp, NRN_EINVAL, "function_table %s: %s has %zu values, %s "
                               "has %zu", name, Tcl_GetString(objv[2]), ny,
                               Tcl_GetString(objv[3]), n);
        nsize[0] = (int)n;
        ndim = 1;
    } else {
        size_t total = 1;
        for (int i = 3; i < objc; ndim++) {
            if (ndim == FT_MAXDIM)
                return nrntcl_fail(interp, NRN_EINVAL, "function_table %s: too many arguments",
                                   name);
            if (Tcl_GetIntFromObj(interp, objv[i++], &nsize[ndim]) != TCL_OK)
                return TCL_ERROR;
            if (nsize[ndim] < 1)
                return nrntcl_fail(interp, NRN_EINVAL, "function_table %s: a size must be at "
                                   "least 1", name);
            total *= (size_t)nsize[ndim];
            if (i < objc && nrn_vector_find(st->m, Tcl_GetString(objv[i])) >= 0) {
                if (!(x[ndim] = vec_arg(interp, st, objv[i++], &n)))
                    return TCL_ERROR;
                if (n < (size_t)nsize[ndim])
                    return nrntcl_fail(interp, NRN_EINVAL, "function_table %s: %s has fewer "
                                       "than %d values", name, Tcl_GetString(objv[i - 1]),
                                       nsize[ndim]);
            } else if (i + 1 < objc) {
                if (Tcl_GetDoubleFromObj(interp, objv[i++], &min[ndim]) != TCL_OK ||
                    Tcl_GetDoubleFromObj(interp, objv[i++], &max[ndim]) != TCL_OK)
                    return TCL_ERROR;
            } else {
                return nrntcl_fail(interp, NRN_EINVAL, "function_table %s: after the size %d, "
                                   "a vector or MIN MAX", name, nsize[ndim]);
            }
        }
        if (ny < total)
            return nrntcl_fail(interp, NRN_EINVAL, "function_table %s: %s has %zu values, the "
                               "grid needs %zu", name, Tcl_GetString(objv[2]), ny, total);
    }
    rc = nrn_function_table(st->m, name, ndim, y, nsize, x, min, max);
    if (rc)
        return nrntcl_engine_fail(interp, st, rc);
    Tcl_ResetResult(interp);
    return TCL_OK;
}
