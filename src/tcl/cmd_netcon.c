/*
** cmd_netcon.c: NetCon, a connection from a spike source to a target, as a Tcl object.
**
**     NetCon NAME SOURCE TARGET ?-threshold mV? ?-delay ms? ?-weight W? ?-active BOOL?
**     NAME configure ?-option ?value ...??
**     NAME cget -option
**     NAME record VECTOR
**     NAME delete
**
** SOURCE is the name of a point process or artificial cell (its net_event fires the
** NetCon), or else a value path watched for upward crossings of the threshold
** (`soma(0.5).v`, any path getval takes). TARGET is a point process or artificial cell
** that receives events, or {} for none (a spike detector). Defaults as NEURON's: threshold
** 10 (shared by every NetCon watching the same value), delay 1, weight 0, active. -weight
** takes a list: weight[0], weight[1], ... for targets whose NET_RECEIVE has several
** arguments; cget -weight gives them all. Values are also paths: nc.delay, nc.weight[1].
** `NAME record VECTOR` sends the source's spike times to VECTOR (made if new; emptied at
** finitialize), as NetCon.record; `NAME record {}` stops.
*/
#include <stdlib.h>
#include <string.h>

#include "nrntcl_int.h"

/* The options, in the order configure lists them. */
static const char *const nc_opts[] = { "-threshold", "-delay", "-weight", "-active", NULL };
enum { NCO_THRESHOLD, NCO_DELAY, NCO_WEIGHT, NCO_ACTIVE };
static const nrn_ncprop nc_props[] = { NRN_NC_THRESHOLD, NRN_NC_DELAY, NRN_NC_WEIGHT,
                                       NRN_NC_ACTIVE };

/* Most weights a -weight list may give. */
#define NC_MAXW 16

/* Parsed options: which were given and their values. */
struct nc_values {
    int has[4];          /* option k was given */
    double val[4];       /* value of -threshold, -delay, -active (0/1) */
    double w[NC_MAXW];   /* -weight's list */
    int nw;              /* its length */
};

/* The option index of opt (exact names), or a Tcl error {NRN EINVAL}. */
static int nc_option(Tcl_Interp *interp, Tcl_Obj *opt, int *k)
{
    if (Tcl_GetIndexFromObj(interp, opt, nc_opts, "option", TCL_EXACT, k) != TCL_OK) {
        Tcl_SetErrorCode(interp, "NRN", nrn_status_name(NRN_EINVAL), (char *)NULL);
        return TCL_ERROR;
    }
    return TCL_OK;
}

/* Parses "-option value" pairs into *v. Tcl status; nothing is changed. */
static int nc_parse(Tcl_Interp *interp, int objc, Tcl_Obj *const objv[], struct nc_values *v)
{
    memset(v, 0, sizeof *v);
    for (int i = 0; i + 1 < objc; i += 2) {
        int k;
        if (nc_option(interp, objv[i], &k) != TCL_OK)
            return TCL_ERROR;
        v->has[k] = 1;
        if (k == NCO_ACTIVE) {
            int b;
            if (Tcl_GetBooleanFromObj(interp, objv[i + 1], &b) != TCL_OK)
                return TCL_ERROR;
            v->val[k] = b;
        } else if (k == NCO_WEIGHT) {
            Tcl_Size n;
            Tcl_Obj **elems;
            if (Tcl_ListObjGetElements(interp, objv[i + 1], &n, &elems) != TCL_OK)
                return TCL_ERROR;
            if (n < 1 || n > NC_MAXW)
                return nrntcl_fail(interp, NRN_EINVAL,
                                   "-weight needs 1 to %d numbers, got %d", NC_MAXW, (int)n);
            for (Tcl_Size j = 0; j < n; j++)
                if (Tcl_GetDoubleFromObj(interp, elems[j], &v->w[j]) != TCL_OK)
                    return TCL_ERROR;
            v->nw = (int)n;
        } else if (Tcl_GetDoubleFromObj(interp, objv[i + 1], &v->val[k]) != TCL_OK) {
            return TCL_ERROR;
        }
    }
    if (objc % 2 != 0) {
        int k;
        if (nc_option(interp, objv[objc - 1], &k) != TCL_OK)
            return TCL_ERROR;
        return nrntcl_fail(interp, NRN_EINVAL, "value for \"%s\" missing",
                           Tcl_GetString(objv[objc - 1]));
    }
    return TCL_OK;
}

/* Sets the given values on NetCon nc. NRN_OK or an engine status (message on the model). */
static int nc_set_values(nrn_model *m, int nc, const struct nc_values *v)
{
    int rc = NRN_OK;
    for (int k = 0; k < 4 && rc == NRN_OK; k++) {
        if (!v->has[k])
            continue;
        if (k == NCO_WEIGHT)
            for (int j = 0; j < v->nw && rc == NRN_OK; j++)
                rc = nrn_netcon_set_weight(m, nc, j, v->w[j]);
        else
            rc = nrn_netcon_set(m, nc, nc_props[k], v->val[k]);
    }
    return rc;
}

/* Weight k of NetCon name (through its value path name.weight[k]). */
static double nc_weight(nrn_model *m, const char *name, int k)
{
    Tcl_Obj *path = Tcl_ObjPrintf("%s.weight[%d]", name, k);
    double w = 0;
    Tcl_IncrRefCount(path);
    nrn_get(m, Tcl_GetString(path), &w);
    Tcl_DecrRefCount(path);
    return w;
}

/* Reads every value of NetCon nc (named name) into *v, all marked given. */
static void nc_get_values(nrn_model *m, int nc, const char *name, struct nc_values *v)
{
    int n = nrn_netcon_weight_count(m, nc);
    memset(v, 0, sizeof *v);
    for (int k = 0; k < 4; k++) {
        v->has[k] = 1;
        if (k != NCO_WEIGHT)
            nrn_netcon_get(m, nc, nc_props[k], &v->val[k]);
    }
    v->nw = n < NC_MAXW ? n : NC_MAXW;
    for (int j = 0; j < v->nw; j++)
        v->w[j] = nc_weight(m, name, j);
}

/* The value of option k of NetCon nc (named name) as a new Tcl object. */
static Tcl_Obj *nc_value_obj(nrn_model *m, int nc, const char *name, int k)
{
    double v = 0;
    if (k == NCO_WEIGHT) {
        int n = nrn_netcon_weight_count(m, nc);
        Tcl_Obj *list;
        if (n <= 1)
            return Tcl_NewDoubleObj(nc_weight(m, name, 0));
        list = Tcl_NewListObj(0, NULL);
        for (int j = 0; j < n; j++)
            Tcl_ListObjAppendElement(NULL, list, Tcl_NewDoubleObj(nc_weight(m, name, j)));
        return list;
    }
    nrn_netcon_get(m, nc, nc_props[k], &v);
    if (k == NCO_ACTIVE)
        return Tcl_NewIntObj(v != 0);
    return Tcl_NewDoubleObj(v);
}

/*
** Applies *v to NetCon nc; on failure every value gets its old one back and the engine's
** message is the Tcl error. Tcl status.
*/
static int nc_apply(Tcl_Interp *interp, struct nrntcl *st, int nc, const char *name,
                    const struct nc_values *v)
{
    struct nc_values old;
    int rc;
    nc_get_values(st->m, nc, name, &old);
    if ((rc = nc_set_values(st->m, nc, v)) == NRN_OK)
        return TCL_OK;
    nrntcl_engine_fail(interp, st, rc);
    nc_set_values(st->m, nc, &old);
    return TCL_ERROR;
}

/* NAME configure ?-option ?value ...??: see the file comment. */
static int nc_configure(Tcl_Interp *interp, struct nrntcl_obj *o, int nc, int objc,
                        Tcl_Obj *const objv[])
{
    nrn_model *m = o->st->m;
    struct nc_values v;

    if (objc == 0) {
        Tcl_Obj *list = Tcl_NewListObj(0, NULL);
        for (int k = 0; nc_opts[k]; k++) {
            Tcl_ListObjAppendElement(NULL, list, Tcl_NewStringObj(nc_opts[k], -1));
            Tcl_ListObjAppendElement(NULL, list, nc_value_obj(m, nc, o->name, k));
        }
        Tcl_SetObjResult(interp, list);
        return TCL_OK;
    }
    if (objc == 1) {
        int k;
        if (nc_option(interp, objv[0], &k) != TCL_OK)
            return TCL_ERROR;
        Tcl_SetObjResult(interp, nc_value_obj(m, nc, o->name, k));
        return TCL_OK;
    }
    if (nc_parse(interp, objc, objv, &v) != TCL_OK ||
        nc_apply(interp, o->st, nc, o->name, &v) != TCL_OK)
        return TCL_ERROR;
    Tcl_ResetResult(interp);
    return TCL_OK;
}

/* NAME record VECTOR: the source's spike times go to VECTOR ({}: stop). */
static int nc_record(Tcl_Interp *interp, struct nrntcl_obj *o, int nc, Tcl_Obj *vecname)
{
    int vec = -1, rc;
    if (Tcl_GetString(vecname)[0] != '\0' &&
        nrntcl_vector_ensure(interp, o->st, Tcl_GetString(vecname), &vec) != TCL_OK)
        return TCL_ERROR;
    if ((rc = nrn_netcon_record(o->st->m, nc, vec)) != NRN_OK)
        return nrntcl_engine_fail(interp, o->st, rc);
    Tcl_SetObjResult(interp, vecname);
    return TCL_OK;
}

/* The command NAME of a NetCon: cget, configure, record, delete. */
static int nc_obj_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    static const char *const subs[] = { "cget", "configure", "delete", "record", NULL };
    enum { SUB_CGET, SUB_CONFIGURE, SUB_DELETE, SUB_RECORD };
    struct nrntcl_obj *o = cd;
    int sub, k, nc = nrn_netcon_find(o->st->m, o->name);

    if (objc < 2) {
        Tcl_WrongNumArgs(interp, 1, objv, "cget|configure|delete|record ?arg ...?");
        return TCL_ERROR;
    }
    if (Tcl_GetIndexFromObj(interp, objv[1], subs, "subcommand", 0, &sub) != TCL_OK)
        return TCL_ERROR;
    if (nc < 0)
        return nrntcl_fail(interp, NRN_ENOTFOUND, "no NetCon named \"%s\"", o->name);
    switch (sub) {
    case SUB_CGET:
        /* NAME cget -option */
        if (objc != 3) {
            Tcl_WrongNumArgs(interp, 2, objv, "-option");
            return TCL_ERROR;
        }
        if (nc_option(interp, objv[2], &k) != TCL_OK)
            return TCL_ERROR;
        Tcl_SetObjResult(interp, nc_value_obj(o->st->m, nc, o->name, k));
        return TCL_OK;
    case SUB_CONFIGURE:
        /* NAME configure ?-option ?value ...?? */
        return nc_configure(interp, o, nc, objc - 2, objv + 2);
    case SUB_RECORD:
        /* NAME record VECTOR */
        if (objc != 3) {
            Tcl_WrongNumArgs(interp, 2, objv, "VECTOR");
            return TCL_ERROR;
        }
        return nc_record(interp, o, nc, objv[2]);
    default:
        /* NAME delete */
        return nrntcl_obj_delete_sub(interp, o, objc, objv);
    }
}

/* The NetCon's command is going: the engine's NetCon goes too. */
static void nc_obj_deleted(ClientData cd)
{
    nrntcl_obj_deleted(cd, nrn_netcon_find, nrn_netcon_delete);
}

/*
** NetCon NAME SOURCE TARGET ?-threshold mV? ?-delay ms? ?-weight W? ?-active BOOL?
** Creates NetCon NAME and the command NAME for it. Result: NAME. On any failure nothing
** is left behind.
*/
int nrntcl_netcon_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    struct nrntcl *st = ((struct nrntcl_ctx *)cd)->st;
    const char *name, *src, *tgt;
    int src_pp, tgt_pp = -1, nc, rc;
    nrn_ref ref;
    struct nc_values v;

    if (objc < 4 || objc > 4 + 16) {
        Tcl_WrongNumArgs(interp, 1, objv, "NAME SOURCE TARGET ?-option value ...?");
        return TCL_ERROR;
    }
    name = Tcl_GetString(objv[1]);
    src = Tcl_GetString(objv[2]);
    tgt = Tcl_GetString(objv[3]);
    if (nrntcl_check_new_command(interp, name) != TCL_OK)
        return TCL_ERROR;
    if ((src_pp = nrn_pp_find(st->m, src)) < 0 &&
        (rc = nrn_ref_lookup(st->m, src, &ref)) != NRN_OK) {
        if (strpbrk(src, ".(") == NULL)
            return nrntcl_fail(interp, NRN_ENOTFOUND,
                               "no point process, artificial cell or value named \"%s\"", src);
        return nrntcl_engine_fail(interp, st, rc);
    }
    if (tgt[0] != '\0' && (tgt_pp = nrn_pp_find(st->m, tgt)) < 0)
        return nrntcl_fail(interp, NRN_ENOTFOUND,
                           "no point process or artificial cell named \"%s\"", tgt);
    if (nc_parse(interp, objc - 4, objv + 4, &v) != TCL_OK)
        return TCL_ERROR;
    if ((rc = nrn_netcon_new(st->m, name, src_pp >= 0 ? NULL : &ref, src_pp, tgt_pp, &nc)) !=
        NRN_OK)
        return nrntcl_engine_fail(interp, st, rc);
    if (nrntcl_netcon_wrap(interp, st, name, nc, objc - 4, objv + 4) != TCL_OK)
        return TCL_ERROR;
    Tcl_SetObjResult(interp, objv[1]);
    return TCL_OK;
}

/* See nrntcl_int.h. */
int nrntcl_netcon_wrap(Tcl_Interp *interp, struct nrntcl *st, const char *name, int nc,
                       int objc, Tcl_Obj *const objv[])
{
    struct nc_values v;
    struct nrntcl_obj *o = NULL;

    if (nc_parse(interp, objc, objv, &v) != TCL_OK ||
        (o = nrntcl_obj_new(interp, name)) == NULL ||
        nc_apply(interp, st, nc, name, &v) != TCL_OK) {
        if (o)
            free(o->name), free(o);
        nrn_netcon_delete(st->m, nc);
        return TCL_ERROR;
    }
    o->netcon = 1;
    nrntcl_obj_register(st, interp, o, nc_obj_cmd, nc_obj_deleted);
    return TCL_OK;
}
