/*
** cmd_cvode.c: the variable time step (NEURON's CVode object) from Tcl.
**
**     cvode ?-active 0|1? ?-atol X? ?-rtol X? ?-atolscale {PATTERN VALUE ...}?
**           ?-maxstep MS? ?-maxorder N? ?-condition_order 1|2? ?-local 0|1?
**     cvode stats
**
** With options: sets them (all checked before any is applied), result empty. Without:
** the settings as a dict. `cvode stats`: the counters since finitialize as a dict.
*/
#include <string.h>

#include "nrntcl_int.h"

static const char *const opt_names[] = {"-active", "-atol", "-rtol", "-maxstep", "-maxorder",
                                        "-condition_order", "-local", "-atolscale", NULL};
enum { OPT_ATOLSCALE = 7 };

/* The settings as a dict: active atol rtol maxstep maxorder condition_order local
** atolscale. */
static Tcl_Obj *settings(nrn_model *m)
{
    Tcl_Obj *d = Tcl_NewDictObj();
    for (int k = 0; k < OPT_ATOLSCALE; k++) {
        double v = nrn_cvode_get(m, (nrn_cvopt)k);
        Tcl_Obj *val = k == NRN_CV_ACTIVE || k == NRN_CV_MAXORDER || k == NRN_CV_CONDITION_ORDER ||
                                   k == NRN_CV_LOCAL
                           ? Tcl_NewIntObj((int)v)
                           : Tcl_NewDoubleObj(v);
        Tcl_DictObjPut(NULL, d, Tcl_NewStringObj(opt_names[k] + 1, -1), val);
    }
    Tcl_Obj *sc = Tcl_NewListObj(0, NULL);
    for (int i = 0; i < nrn_cvode_atolscale_count(m); i++) {
        const char *pat;
        double s;
        nrn_cvode_atolscale_get(m, i, &pat, &s);
        Tcl_ListObjAppendElement(NULL, sc, Tcl_NewStringObj(pat, -1));
        Tcl_ListObjAppendElement(NULL, sc, Tcl_NewDoubleObj(s));
    }
    Tcl_DictObjPut(NULL, d, Tcl_NewStringObj("atolscale", -1), sc);
    return d;
}

/* The counters as a dict, named as NEURON's statistics() report them. */
static Tcl_Obj *stats(nrn_model *m)
{
    nrn_cvode_stats s;
    nrn_cvode_stats_get(m, &s);
    const struct {
        const char *name;
        long v;
    } items[] = {
        {"steps", s.steps},           {"fevals", s.fevals},
        {"linsolves", s.linsolves},   {"jacobians", s.jacobians},
        {"nonlin_iters", s.nonlin_iters}, {"nonlin_fails", s.nonlin_fails},
        {"err_fails", s.err_fails},   {"inits", s.inits},
        {"neq", s.neq},
    };
    Tcl_Obj *d = Tcl_NewDictObj();
    for (size_t k = 0; k < sizeof items / sizeof items[0]; k++)
        Tcl_DictObjPut(NULL, d, Tcl_NewStringObj(items[k].name, -1),
                       Tcl_NewWideIntObj(items[k].v));
    Tcl_DictObjPut(NULL, d, Tcl_NewStringObj("last_step", -1), Tcl_NewDoubleObj(s.last_step));
    Tcl_DictObjPut(NULL, d, Tcl_NewStringObj("last_order", -1), Tcl_NewIntObj(s.last_order));
    return d;
}

/* Checks -atolscale's list {PATTERN VALUE ...}; with apply, sets every pair. */
static int atolscale(Tcl_Interp *interp, struct nrntcl *st, Tcl_Obj *list, int apply)
{
    Tcl_Size n;
    Tcl_Obj **el;
    if (Tcl_ListObjGetElements(interp, list, &n, &el) != TCL_OK)
        return TCL_ERROR;
    if (n % 2)
        return nrntcl_fail(interp, NRN_EINVAL,
                           "cvode: -atolscale wants {PATTERN VALUE ...}, got an odd count");
    for (Tcl_Size i = 0; i < n; i += 2) {
        double s;
        if (Tcl_GetDoubleFromObj(interp, el[i + 1], &s) != TCL_OK)
            return TCL_ERROR;
        if (!(s > 0))
            return nrntcl_fail(interp, NRN_EINVAL, "cvode: atolscale of %s must be > 0, got %s",
                               Tcl_GetString(el[i]), Tcl_GetString(el[i + 1]));
        if (apply) {
            int rc = nrn_cvode_atolscale(st->m, Tcl_GetString(el[i]), s);
            if (rc)
                return nrntcl_engine_fail(interp, st, rc);
        }
    }
    return TCL_OK;
}

/* Reads and checks the value of option k (the engine's check); *v receives it. */
static int option_value(Tcl_Interp *interp, struct nrntcl *st, int k, Tcl_Obj *obj, double *v)
{
    if (Tcl_GetDoubleFromObj(interp, obj, v) != TCL_OK)
        return TCL_ERROR;
    int rc = nrn_cvode_check(st->m, (nrn_cvopt)k, *v);
    return rc ? nrntcl_engine_fail(interp, st, rc) : TCL_OK;
}

int nrntcl_cvode_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    struct nrntcl *st = ((struct nrntcl_ctx *)cd)->st;
    if (objc == 2 && strcmp(Tcl_GetString(objv[1]), "stats") == 0) {
        Tcl_SetObjResult(interp, stats(st->m));
        return TCL_OK;
    }
    if (objc == 1) {
        Tcl_SetObjResult(interp, settings(st->m));
        return TCL_OK;
    }
    if (objc % 2 == 0) {
        Tcl_WrongNumArgs(interp, 1, objv, "?-option value ...? | stats");
        return TCL_ERROR;
    }
    /* check everything first, so a bad option changes nothing */
    for (int i = 1; i < objc; i += 2) {
        int k;
        double v;
        if (Tcl_GetIndexFromObj(interp, objv[i], opt_names, "option", 0, &k) != TCL_OK)
            return TCL_ERROR;
        if (k == OPT_ATOLSCALE ? atolscale(interp, st, objv[i + 1], 0)
                               : option_value(interp, st, k, objv[i + 1], &v))
            return TCL_ERROR;
    }
    for (int i = 1; i < objc; i += 2) {
        int k, rc;
        double v;
        Tcl_GetIndexFromObj(interp, objv[i], opt_names, "option", 0, &k);
        if (k == OPT_ATOLSCALE) {
            if (atolscale(interp, st, objv[i + 1], 1) != TCL_OK)
                return TCL_ERROR;
            continue;
        }
        Tcl_GetDoubleFromObj(interp, objv[i + 1], &v);
        if ((rc = nrn_cvode_set(st->m, (nrn_cvopt)k, v)))
            return nrntcl_engine_fail(interp, st, rc);
    }
    Tcl_ResetResult(interp);
    return TCL_OK;
}
