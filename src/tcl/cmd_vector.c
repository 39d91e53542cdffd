/*
** cmd_vector.c: named vectors of doubles (the engine's vectors, so NetCon spike records
** and Vector.play use the same ones).
**
**     vector create NAME ?LIST?
**     vector set NAME LIST
**     vector get NAME
**     vector length NAME
**     vector names ?GLOB?
**     vector play NAME PATH TIMES ?-continuous?
**     vector read NAME FILE COLUMN              (cmd_vecread.c)
**
** create and set both make NAME (or replace its contents: a NetCon recording into it or a
** play reading it keeps using it). play drives the value PATH from NAME as NEURON's
** Vector.play(&var, tvec_or_Dt, continuous): TIMES is the name of a vector of times, or a
** number Dt (times 0, Dt, 2 Dt, ...). Without -continuous each value is assigned at its
** time, as an event; with -continuous PATH follows the straight lines between the points.
** get and length also read recorded columns by their column name (`vector get
** soma(0.5).v` after a run), so a script can look at what it recorded. Numbers come back
** in the shortest form that reads back to the same double (numfmt.c).
*/
#include <stdlib.h>

#include "nrntcl_int.h"
#include "numfmt.h"

/*
** The values of vector or column name into *a and *n (borrowed), or a Tcl error
** "no vector named ...".
*/
static int vector_lookup(Tcl_Interp *interp, struct nrntcl *st, const char *name,
                         const double **a, size_t *n)
{
    int id = nrn_vector_find(st->m, name);
    if (id >= 0) {
        *a = nrn_vector_data(st->m, id, n);
        return TCL_OK;
    }
    if ((id = nrntcl_column_find(st, name)) >= 0) {
        *a = nrn_record_data(st->m, id);
        *n = nrn_record_len(st->m, id);
        return TCL_OK;
    }
    return nrntcl_fail(interp, NRN_ENOTFOUND, "no vector named \"%s\"", name);
}

/*
** vector create NAME ?LIST?, vector set NAME LIST: makes (or replaces) NAME with LIST's
** numbers. Result: NAME.
*/
static int vector_create(Tcl_Interp *interp, struct nrntcl *st, int objc, Tcl_Obj *const objv[])
{
    Tcl_Size n = 0;
    Tcl_Obj **elems = NULL;
    double *a;
    int id, rc;

    if (objc != 3 && objc != 4) {
        Tcl_WrongNumArgs(interp, 2, objv, "NAME ?LIST?");
        return TCL_ERROR;
    }
    if (Tcl_GetString(objv[2])[0] == '\0')
        return nrntcl_fail(interp, NRN_EINVAL, "empty vector name");
    if (nrntcl_column_find(st, Tcl_GetString(objv[2])) >= 0)
        return nrntcl_fail(interp, NRN_EEXIST, "a recorded column is named \"%s\"",
                           Tcl_GetString(objv[2]));
    if (objc == 4 && Tcl_ListObjGetElements(interp, objv[3], &n, &elems) != TCL_OK)
        return TCL_ERROR;
    if ((a = malloc((size_t)(n > 0 ? n : 1) * sizeof *a)) == NULL)
        return nrntcl_fail(interp, NRN_ENOMEM, "out of memory");
    for (Tcl_Size i = 0; i < n; i++)
        if (Tcl_GetDoubleFromObj(interp, elems[i], &a[i]) != TCL_OK) {
            free(a);
            return TCL_ERROR;
        }
    rc = nrn_vector_set(st->m, Tcl_GetString(objv[2]), a, (size_t)n, &id);
    free(a);
    if (rc != NRN_OK)
        return nrntcl_engine_fail(interp, st, rc);
    Tcl_SetObjResult(interp, objv[2]);
    return TCL_OK;
}

/* See nrntcl_int.h. */
int nrntcl_vector_ensure(Tcl_Interp *interp, struct nrntcl *st, const char *name, int *id)
{
    int rc;
    if ((*id = nrn_vector_find(st->m, name)) >= 0)
        return TCL_OK;
    if (name[0] == '\0')
        return nrntcl_fail(interp, NRN_EINVAL, "empty vector name");
    if (nrntcl_column_find(st, name) >= 0)
        return nrntcl_fail(interp, NRN_EEXIST, "a recorded column is named \"%s\"", name);
    if ((rc = nrn_vector_set(st->m, name, NULL, 0, id)) != NRN_OK)
        return nrntcl_engine_fail(interp, st, rc);
    return TCL_OK;
}

/* vector play NAME PATH TIMES ?-continuous?: see the file comment. Result: empty. */
static int vector_play(Tcl_Interp *interp, struct nrntcl *st, int objc, Tcl_Obj *const objv[])
{
    static const char *const opts[] = { "-continuous", NULL };
    const char *yname, *tname;
    int y, tvec, idx, rc;
    double dt_play = 0;
    nrn_ref ref;

    if (objc != 5 && objc != 6) {
        Tcl_WrongNumArgs(interp, 2, objv, "NAME PATH TIMES ?-continuous?");
        return TCL_ERROR;
    }
    if (objc == 6 && Tcl_GetIndexFromObj(interp, objv[5], opts, "option", 0, &idx) != TCL_OK)
        return TCL_ERROR;
    yname = Tcl_GetString(objv[2]);
    tname = Tcl_GetString(objv[4]);
    if ((y = nrn_vector_find(st->m, yname)) < 0)
        return nrntcl_fail(interp, NRN_ENOTFOUND, "no vector named \"%s\"", yname);
    if ((tvec = nrn_vector_find(st->m, tname)) < 0 &&
        Tcl_GetDoubleFromObj(NULL, objv[4], &dt_play) != TCL_OK)
        return nrntcl_fail(interp, NRN_ENOTFOUND,
                           "no vector named \"%s\" (TIMES is a vector of times or a number Dt)",
                           tname);
    if ((rc = nrn_ref_lookup(st->m, Tcl_GetString(objv[3]), &ref)) != NRN_OK ||
        (rc = nrn_play(st->m, &ref, y, tvec, dt_play, objc == 6)) != NRN_OK)
        return nrntcl_engine_fail(interp, st, rc);
    Tcl_ResetResult(interp);
    return TCL_OK;
}

/* vector names ?GLOB?: Result: the vectors' names in creation order. */
static int vector_names(Tcl_Interp *interp, struct nrntcl *st, int objc, Tcl_Obj *const objv[])
{
    const char *glob = objc == 3 ? Tcl_GetString(objv[2]) : NULL;
    Tcl_Obj *list;
    int n;

    if (objc > 3) {
        Tcl_WrongNumArgs(interp, 2, objv, "?GLOB?");
        return TCL_ERROR;
    }
    list = Tcl_NewListObj(0, NULL);
    n = nrn_vector_count(st->m);
    for (int i = 0; i < n; i++) {
        const char *name = nrn_vector_name(st->m, i);
        if (name && (glob == NULL || Tcl_StringMatch(name, glob)))
            Tcl_ListObjAppendElement(NULL, list, Tcl_NewStringObj(name, -1));
    }
    Tcl_SetObjResult(interp, list);
    return TCL_OK;
}

/* vector create|get|length|names|play|read|set ...: see the file comment. */
int nrntcl_vector_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    static const char *const subs[] = { "create", "get", "length", "names", "play", "read", "set",
                                        NULL };
    enum { SUB_CREATE, SUB_GET, SUB_LENGTH, SUB_NAMES, SUB_PLAY, SUB_READ, SUB_SET };
    struct nrntcl *st = ((struct nrntcl_ctx *)cd)->st;
    const double *a = NULL;
    size_t n = 0;
    int sub;

    if (objc < 2) {
        Tcl_WrongNumArgs(interp, 1, objv, "subcommand ?arg ...?");
        return TCL_ERROR;
    }
    if (Tcl_GetIndexFromObj(interp, objv[1], subs, "subcommand", 0, &sub) != TCL_OK)
        return TCL_ERROR;
    if (sub == SUB_CREATE)
        return vector_create(interp, st, objc, objv);
    if (sub == SUB_SET) {
        /* vector set NAME LIST */
        if (objc != 4) {
            Tcl_WrongNumArgs(interp, 2, objv, "NAME LIST");
            return TCL_ERROR;
        }
        return vector_create(interp, st, objc, objv);
    }
    if (sub == SUB_PLAY)
        return vector_play(interp, st, objc, objv);
    if (sub == SUB_READ)
        return nrntcl_vector_read(interp, st, objc, objv);
    if (sub == SUB_NAMES)
        return vector_names(interp, st, objc, objv);
    /* vector get NAME, vector length NAME */
    if (objc != 3) {
        Tcl_WrongNumArgs(interp, 2, objv, "NAME");
        return TCL_ERROR;
    }
    if (vector_lookup(interp, st, Tcl_GetString(objv[2]), &a, &n) != TCL_OK)
        return TCL_ERROR;
    if (sub == SUB_LENGTH) {
        Tcl_SetObjResult(interp, Tcl_NewWideIntObj((Tcl_WideInt)n));
    } else {
        Tcl_Obj *list = Tcl_NewListObj(0, NULL);
        char buf[NUMFMT_BUFSIZE];
        for (size_t i = 0; i < n; i++)
            Tcl_ListObjAppendElement(NULL, list,
                                     Tcl_NewStringObj(numfmt_double(buf, a[i], 0), -1));
        Tcl_SetObjResult(interp, list);
    }
    return TCL_OK;
}
