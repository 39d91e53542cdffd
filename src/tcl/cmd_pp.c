/*
** cmd_pp.c: point processes and artificial cells as Tcl objects, the way Tk makes widgets.
**
**     TYPE NAME SEGMENT ?-option value ...?     (IClamp SEClamp VClamp ExpSyn Exp2Syn
**                                                AlphaSynapse APCount)
**     TYPE NAME ?-option value ...?             (artificial cells: NetStim IntFire1
**                                                IntFire2 IntFire4)
**     NAME configure ?-option ?value ...??
**     NAME cget -option
**     NAME record VECTOR                        (APCount: crossing times into VECTOR; a
**                                                loaded type that calls record_value)
**     NAME get_segment                          (where it is, as NEURON reports it)
**     NAME delete
**
** The options of a type are its NMODL PARAMETERs, read from the engine's mechanism
** catalogue, so a new type needs only its line in nrntcl.c's table (plus an alias here
** when NEURON's Python name differs, as IClamp's "delay" for "del"). VClamp's arrays
** dur[3] and amp[3] are the variables dur0..dur2 and amp0..amp2 (options -dur0 ...; the
** paths vc.dur[1] and vc.dur1 are one value). Values go through the engine's value paths
** NAME.VAR, the same ones getval and record use.
**
** The object commands' bookkeeping (nrntcl_obj_register, nrntcl_obj_free) is shared with
** NetCon (cmd_netcon.c).
*/
#include <stdlib.h>
#include <string.h>

#include "nrntcl_int.h"

/* An option name that differs from its variable's name. */
struct pp_alias {
    const char *type; /* point-process type */
    const char *opt;  /* option name without the '-', shown in messages */
    const char *var;  /* the NMODL variable */
};

/* IClamp's "del" is "delay" in NEURON's Python (del is a keyword there) and in nrn-tcl(1). */
static const struct pp_alias pp_aliases[] = {
    { "IClamp", "delay", "del" },
};

/* The option name shown for variable var of type (its alias, or var itself). */
static const char *pp_optname(const char *type, const char *var)
{
    for (size_t i = 0; i < sizeof pp_aliases / sizeof pp_aliases[0]; i++)
        if (strcmp(pp_aliases[i].type, type) == 0 && strcmp(pp_aliases[i].var, var) == 0)
            return pp_aliases[i].opt;
    return var;
}

/*
** The PARAMETER of type that option opt ("-amp", "-delay") names, or NULL. The result is
** borrowed from the catalogue.
*/
static const char *pp_option_var(nrn_model *m, const char *type, const char *opt)
{
    int t = nrn_mech_find(m, type), n = t < 0 ? 0 : nrn_mech_nvar(m, t);
    if (opt[0] != '-')
        return NULL;
    opt++;
    for (int j = 0; j < n; j++) {
        const nrn_var_info *vi = nrn_mech_var(m, t, j);
        if (vi == NULL || vi->role != NRN_PARAM)
            continue;
        if (strcmp(vi->name, opt) == 0 || strcmp(pp_optname(type, vi->name), opt) == 0)
            return vi->name;
    }
    return NULL;
}

/* Error: bad option "-x": must be -delay, -dur, or -amp (the type's options). */
static int pp_bad_option(Tcl_Interp *interp, nrn_model *m, const char *type, const char *opt)
{
    int t = nrn_mech_find(m, type), n = t < 0 ? 0 : nrn_mech_nvar(m, t), k = 0, count = 0;
    Tcl_Obj *msg = Tcl_ObjPrintf("bad option \"%s\": must be ", opt);

    for (int j = 0; j < n; j++)
        if (nrn_mech_var(m, t, j)->role == NRN_PARAM)
            count++;
    for (int j = 0; j < n; j++) {
        const nrn_var_info *vi = nrn_mech_var(m, t, j);
        if (vi->role != NRN_PARAM)
            continue;
        k++;
        Tcl_AppendPrintfToObj(msg, "%s-%s", k == 1 ? "" : k == count ? (count > 2 ? ", or " : " or ") : ", ",
                              pp_optname(type, vi->name));
    }
    Tcl_SetObjResult(interp, msg);
    Tcl_SetErrorCode(interp, "NRN", nrn_status_name(NRN_EINVAL), (char *)NULL);
    return TCL_ERROR;
}

/* Sets NAME.VAR to v through the engine. NRN_OK or an engine status. */
static int pp_set(nrn_model *m, const char *name, const char *var, double v)
{
    Tcl_Obj *path = Tcl_ObjPrintf("%s.%s", name, var);
    int rc;
    Tcl_IncrRefCount(path);
    rc = nrn_set(m, Tcl_GetString(path), v);
    Tcl_DecrRefCount(path);
    return rc;
}

/* Reads NAME.VAR through the engine. NRN_OK or an engine status. */
static int pp_get(nrn_model *m, const char *name, const char *var, double *v)
{
    Tcl_Obj *path = Tcl_ObjPrintf("%s.%s", name, var);
    int rc;
    Tcl_IncrRefCount(path);
    rc = nrn_get(m, Tcl_GetString(path), v);
    Tcl_DecrRefCount(path);
    return rc;
}

/*
** Parses "-option value" pairs objv[0..objc) of type into vars and vals (objc/2 each).
** Tcl status; the model is not touched.
*/
static int pp_parse_options(Tcl_Interp *interp, nrn_model *m, const char *type, int objc,
                            Tcl_Obj *const objv[], const char **vars, double *vals)
{
    for (int i = 0; i + 1 < objc; i += 2) {
        const char *opt = Tcl_GetString(objv[i]);
        if ((vars[i / 2] = pp_option_var(m, type, opt)) == NULL)
            return pp_bad_option(interp, m, type, opt);
        if (Tcl_GetDoubleFromObj(interp, objv[i + 1], &vals[i / 2]) != TCL_OK)
            return TCL_ERROR;
    }
    if (objc % 2 != 0)
        return nrntcl_fail(interp, NRN_EINVAL, "value for \"%s\" missing",
                           Tcl_GetString(objv[objc - 1]));
    return TCL_OK;
}

/*
** Sets n options of object name; on a failure the ones already set get their old values
** back, so the object is as before. Tcl status.
*/
static int pp_apply(Tcl_Interp *interp, struct nrntcl *st, const char *name, int n,
                    const char **vars, const double *vals)
{
    double *old = malloc((size_t)(n > 0 ? n : 1) * sizeof *old);
    int rc = NRN_OK, k;

    if (old == NULL)
        return nrntcl_fail(interp, NRN_ENOMEM, "out of memory");
    for (k = 0; k < n && rc == NRN_OK; k++)
        if ((rc = pp_get(st->m, name, vars[k], &old[k])) == NRN_OK)
            rc = pp_set(st->m, name, vars[k], vals[k]);
    if (rc != NRN_OK) {
        nrntcl_engine_fail(interp, st, rc);
        for (k -= 2; k >= 0; k--)
            pp_set(st->m, name, vars[k], old[k]);
    }
    free(old);
    return rc == NRN_OK ? TCL_OK : TCL_ERROR;
}

/* See nrntcl_int.h. */
void nrntcl_obj_free(struct nrntcl_obj *o)
{
    struct nrntcl *st = o->st;

    /* doubly linked: a script with 10,000 objects tears down in linear time */
    if (o->prev)
        o->prev->next = o->next;
    else
        st->objs = o->next;
    if (o->next)
        o->next->prev = o->prev;
    free(o->name);
    free(o);
    nrntcl_state_release(st);
}

/* See nrntcl_int.h. */
void nrntcl_obj_register(struct nrntcl *st, Tcl_Interp *interp, struct nrntcl_obj *o,
                         Tcl_ObjCmdProc *proc, Tcl_CmdDeleteProc *deleted)
{
    Tcl_Obj *cmdname = Tcl_ObjPrintf("::%s", o->name);
    Tcl_IncrRefCount(cmdname);
    o->st = st;
    o->next = st->objs;
    o->prev = NULL;
    if (st->objs)
        st->objs->prev = o;
    st->objs = o;
    st->refs++;
    o->token = Tcl_CreateObjCommand(interp, Tcl_GetString(cmdname), proc, o, deleted);
    Tcl_DecrRefCount(cmdname);
}

/* See nrntcl_int.h. */
int nrntcl_check_new_command(Tcl_Interp *interp, const char *name)
{
    Tcl_CmdInfo info;
    Tcl_Obj *cmdname = Tcl_ObjPrintf("::%s", name);
    int exists;
    Tcl_IncrRefCount(cmdname);
    exists = Tcl_GetCommandInfo(interp, Tcl_GetString(cmdname), &info);
    Tcl_DecrRefCount(cmdname);
    if (exists)
        return nrntcl_fail(interp, NRN_EEXIST, "command \"%s\" already exists", name);
    return TCL_OK;
}

/* The object command is going (NAME delete, rename, reset, interpreter deletion). */
static void pp_obj_deleted(ClientData cd)
{
    nrntcl_obj_deleted(cd, nrn_pp_find, nrn_pp_delete);
}

/* NAME configure ?-option ?value ...??: see the file comment. */
static int pp_configure(Tcl_Interp *interp, struct nrntcl_obj *o, const char *type, int objc,
                        Tcl_Obj *const objv[])
{
    nrn_model *m = o->st->m;
    const char *vars[32];
    double vals[32];
    int rc;

    if (objc == 0) {
        int t = nrn_mech_find(m, type), n = t < 0 ? 0 : nrn_mech_nvar(m, t);
        Tcl_Obj *list = Tcl_NewListObj(0, NULL);
        for (int j = 0; j < n; j++) {
            const nrn_var_info *vi = nrn_mech_var(m, t, j);
            double v;
            if (vi->role != NRN_PARAM)
                continue;
            if ((rc = pp_get(m, o->name, vi->name, &v)) != NRN_OK) {
                Tcl_DecrRefCount(list);
                return nrntcl_engine_fail(interp, o->st, rc);
            }
            Tcl_ListObjAppendElement(NULL, list,
                                     Tcl_ObjPrintf("-%s", pp_optname(type, vi->name)));
            Tcl_ListObjAppendElement(NULL, list, Tcl_NewDoubleObj(v));
        }
        Tcl_SetObjResult(interp, list);
        return TCL_OK;
    }
    if (objc == 1) {
        double v;
        const char *var = pp_option_var(m, type, Tcl_GetString(objv[0]));
        if (var == NULL)
            return pp_bad_option(interp, m, type, Tcl_GetString(objv[0]));
        if ((rc = pp_get(m, o->name, var, &v)) != NRN_OK)
            return nrntcl_engine_fail(interp, o->st, rc);
        Tcl_SetObjResult(interp, Tcl_NewDoubleObj(v));
        return TCL_OK;
    }
    if (objc > 64)
        return nrntcl_fail(interp, NRN_EINVAL, "too many options");
    if (pp_parse_options(interp, m, type, objc, objv, vars, vals) != TCL_OK ||
        pp_apply(interp, o->st, o->name, objc / 2, vars, vals) != TCL_OK)
        return TCL_ERROR;
    Tcl_ResetResult(interp);
    return TCL_OK;
}

/* NAME record VECTOR (APCount, or a type whose .mod calls record_value): what it records
** (APCount: the times of its crossings) goes into VECTOR. */
static int pp_record(Tcl_Interp *interp, struct nrntcl_obj *o, int id, int objc,
                     Tcl_Obj *const objv[])
{
    int vec, rc;
    if (objc != 3) {
        Tcl_WrongNumArgs(interp, 2, objv, "VECTOR");
        return TCL_ERROR;
    }
    if (nrntcl_vector_ensure(interp, o->st, Tcl_GetString(objv[2]), &vec) != TCL_OK)
        return TCL_ERROR;
    if ((rc = nrn_pp_record(o->st->m, id, vec)) != NRN_OK)
        return nrntcl_engine_fail(interp, o->st, rc);
    Tcl_SetObjResult(interp, objv[2]);
    return TCL_OK;
}

/*
** NAME get_segment: the segment NEURON's get_segment() names, SECTION(X) with X the
** node's x (0 or 1 at an end, else the segment's centre, printed %g).
*/
static int pp_get_segment(Tcl_Interp *interp, struct nrntcl_obj *o, int id, int objc,
                          Tcl_Obj *const objv[])
{
    int sec, rc;
    double x;
    if (objc != 2) {
        Tcl_WrongNumArgs(interp, 2, objv, NULL);
        return TCL_ERROR;
    }
    if ((rc = nrn_pp_segment(o->st->m, id, &sec, &x)) != NRN_OK)
        return nrntcl_engine_fail(interp, o->st, rc);
    Tcl_SetObjResult(interp, nrntcl_segment_name(nrn_section_name(o->st->m, sec), x));
    return TCL_OK;
}

/* The command NAME of a point process: cget, configure, delete, get_segment (and record, for
** the types that record). */
static int pp_obj_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    static const char *const subs[] = { "cget", "configure", "delete", "get_segment", NULL };
    static const char *const rsubs[] = { "cget", "configure", "delete", "get_segment", "record",
                                         NULL };
    enum { SUB_CGET, SUB_CONFIGURE, SUB_DELETE, SUB_GET_SEGMENT, SUB_RECORD };
    struct nrntcl_obj *o = cd;
    nrn_model *m = o->st->m;
    int sub, id = nrn_pp_find(m, o->name), rc;
    const char *type = id >= 0 ? nrn_pp_type(m, id) : NULL;
    int records = type != NULL && nrn_mech_records(m, nrn_mech_find(m, type));

    if (objc < 2) {
        Tcl_WrongNumArgs(interp, 1, objv,
                         records ? "cget|configure|delete|get_segment|record ?arg ...?"
                                 : "cget|configure|delete|get_segment ?arg ...?");
        return TCL_ERROR;
    }
    if (Tcl_GetIndexFromObj(interp, objv[1], records ? rsubs : subs, "subcommand", 0, &sub) !=
        TCL_OK)
        return TCL_ERROR;
    if (type == NULL)
        return nrntcl_fail(interp, NRN_ENOTFOUND, "no point process named \"%s\"", o->name);
    switch (sub) {
    case SUB_CGET: {
        /* NAME cget -option */
        const char *var;
        double v;
        if (objc != 3) {
            Tcl_WrongNumArgs(interp, 2, objv, "-option");
            return TCL_ERROR;
        }
        if ((var = pp_option_var(m, type, Tcl_GetString(objv[2]))) == NULL)
            return pp_bad_option(interp, m, type, Tcl_GetString(objv[2]));
        if ((rc = pp_get(m, o->name, var, &v)) != NRN_OK)
            return nrntcl_engine_fail(interp, o->st, rc);
        Tcl_SetObjResult(interp, Tcl_NewDoubleObj(v));
        return TCL_OK;
    }
    case SUB_CONFIGURE:
        /* NAME configure ?-option ?value ...?? */
        return pp_configure(interp, o, type, objc - 2, objv + 2);
    case SUB_RECORD:
        /* NAME record VECTOR */
        return pp_record(interp, o, id, objc, objv);
    case SUB_GET_SEGMENT:
        return pp_get_segment(interp, o, id, objc, objv);
    default:
        /* NAME delete */
        return nrntcl_obj_delete_sub(interp, o, objc, objv);
    }
}

/*
** TYPE NAME SEGMENT ?-option value ...?   (a point process)
** TYPE NAME ?-option value ...?           (an artificial cell: no location)
** Creates NAME of TYPE (the table entry's argument) with the options set, and the global
** command NAME for it. Result: NAME. On any failure nothing is left behind.
*/
int nrntcl_pp_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    struct nrntcl_ctx *ctx = cd;
    struct nrntcl *st = ctx->st;
    const char *type = ctx->arg, *name, *vars[32];
    double vals[32], x = 0.5;
    int sec = -1, id, rc, t = nrn_mech_find(st->m, type), first;
    int art = t >= 0 && nrn_mech_kind_of(st->m, t) == NRN_ARTCELL;
    struct nrntcl_obj *o;

    first = art ? 2 : 3;
    if (objc < first || objc > first + 64) {
        Tcl_WrongNumArgs(interp, 1, objv,
                         art ? "NAME ?-option value ...?" : "NAME SEGMENT ?-option value ...?");
        return TCL_ERROR;
    }
    name = Tcl_GetString(objv[1]);
    if (nrntcl_check_new_command(interp, name) != TCL_OK)
        return TCL_ERROR;
    if (t < 0)
        return nrntcl_fail(interp, NRN_ENOTFOUND, "unknown point process type \"%s\"", type);
    if (art && objc > 2 && Tcl_GetString(objv[2])[0] != '-')
        return nrntcl_fail(interp, NRN_EINVAL,
                           "%s is an artificial cell: it has no location (got \"%s\")", type,
                           Tcl_GetString(objv[2]));
    if ((!art && nrntcl_get_segment(interp, st, objv[2], &sec, &x) != TCL_OK) ||
        pp_parse_options(interp, st->m, type, objc - first, objv + first, vars, vals) != TCL_OK)
        return TCL_ERROR;
    if ((rc = nrn_pp_new(st->m, type, name, sec, x, &id)) != NRN_OK)
        return nrntcl_engine_fail(interp, st, rc);
    if ((o = nrntcl_obj_new(interp, name)) == NULL) {
        nrn_pp_delete(st->m, id);
        return TCL_ERROR;
    }
    if (pp_apply(interp, st, name, (objc - first) / 2, vars, vals) != TCL_OK) {
        nrn_pp_delete(st->m, nrn_pp_find(st->m, name));
        free(o->name);
        free(o);
        return TCL_ERROR;
    }
    nrntcl_obj_register(st, interp, o, pp_obj_cmd, pp_obj_deleted);
    Tcl_SetObjResult(interp, objv[1]);
    return TCL_OK;
}

/* See nrntcl_int.h. */
void nrntcl_objs_delete_all(struct nrntcl *st)
{
    while (st->objs)
        Tcl_DeleteCommandFromToken(st->interp, st->objs->token);
}
