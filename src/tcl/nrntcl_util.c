/*
** nrntcl_util.c: helpers every command uses: errors as message + -errorcode
** {NRN <status name>}, section and segment arguments, segment names, the start of a
** simulation (deferred records), and what the object commands (point processes,
** NetCons) share: making one, NAME delete, the delete proc.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nrntcl_int.h"
#include "oneline.h"

/* See nrntcl_int.h. */
int nrntcl_fail(Tcl_Interp *interp, int rc, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    text_oneline(buf, sizeof buf);
    Tcl_SetObjResult(interp, Tcl_NewStringObj(buf, -1));
    Tcl_SetErrorCode(interp, "NRN", nrn_status_name(rc), (char *)NULL);
    return TCL_ERROR;
}

/* See nrntcl_int.h. */
int nrntcl_engine_fail(Tcl_Interp *interp, const struct nrntcl *st, int rc)
{
    Tcl_SetObjResult(interp, Tcl_NewStringObj(nrn_errmsg(st->m), -1));
    Tcl_SetErrorCode(interp, "NRN", nrn_status_name(rc), (char *)NULL);
    return TCL_ERROR;
}

/* See nrntcl_int.h. */
int nrntcl_get_section(Tcl_Interp *interp, struct nrntcl *st, Tcl_Obj *obj, int *sec)
{
    const char *name = Tcl_GetString(obj);
    if ((*sec = nrn_section_find(st->m, name)) < 0)
        return nrntcl_fail(interp, NRN_ENOTFOUND, "no section named \"%s\"", name);
    return TCL_OK;
}

/*
** A segment is SECTION(X). The shape is checked here (so that a bare section name is not
** taken for SECTION.PROP), the rest by the engine's path parser on SECTION(X).v, so the
** messages (unknown section, x out of range) are the same as getval's.
*/
int nrntcl_get_segment(Tcl_Interp *interp, struct nrntcl *st, Tcl_Obj *obj, int *sec,
                       double *x)
{
    Tcl_Size len;
    const char *s = Tcl_GetStringFromObj(obj, &len);
    const char *open = strrchr(s, '(');
    char *end;
    nrn_ref ref;
    int rc;

    if (open == NULL || open == s || len < 3 || s[len - 1] != ')')
        return nrntcl_fail(interp, NRN_EINVAL, "bad segment \"%s\": must be SECTION(X)", s);
    *x = strtod(open + 1, &end);
    if (end == open + 1 || end != s + len - 1)
        return nrntcl_fail(interp, NRN_EINVAL, "bad segment \"%s\": must be SECTION(X)", s);
    {
        Tcl_Obj *path = Tcl_ObjPrintf("%s.v", s);
        Tcl_IncrRefCount(path);
        rc = nrn_ref_lookup(st->m, Tcl_GetString(path), &ref);
        Tcl_DecrRefCount(path);
    }
    if (rc != NRN_OK)
        return nrntcl_engine_fail(interp, st, rc);
    *sec = ref.sec;
    return TCL_OK;
}

/* See nrntcl_int.h. */
Tcl_Obj *nrntcl_segment_name(const char *secname, double x)
{
    char num[32];
    snprintf(num, sizeof num, "%g", x);
    return Tcl_ObjPrintf("%s(%s)", secname, num);
}

/*
** See nrntcl_int.h. Columns without t would give a CSV that nrn-plot cannot draw (it
** plots against the first column), so t is recorded too, unless the name t is taken.
*/
int nrntcl_sim_start(struct nrntcl *st, Tcl_Interp *interp)
{
    int has_t = 0;
    st->ran = 1;
    if (st->npending > 0 && nrntcl_flush_records(st, interp) != TCL_OK)
        return TCL_ERROR;
    for (int i = 0; i < st->ncols && !has_t; i++)
        has_t = strcmp(st->cols[i].path, "t") == 0 || strcmp(st->cols[i].name, "t") == 0;
    if (st->ncols > 0 && !has_t && nrn_vector_find(st->m, "t") < 0 &&
        nrntcl_record(st, interp, "t", NULL) != TCL_OK)
        return TCL_ERROR;
    Tcl_ResetResult(interp);
    return TCL_OK;
}

/* See nrntcl_int.h. */
struct nrntcl_obj *nrntcl_obj_new(Tcl_Interp *interp, const char *name)
{
    struct nrntcl_obj *o = calloc(1, sizeof *o);
    if (o == NULL || (o->name = strdup(name)) == NULL) {
        free(o);
        nrntcl_fail(interp, NRN_ENOMEM, "out of memory");
        return NULL;
    }
    return o;
}

/* See nrntcl_int.h. */
int nrntcl_obj_delete_sub(Tcl_Interp *interp, struct nrntcl_obj *o, int objc,
                          Tcl_Obj *const objv[])
{
    if (objc != 2) {
        Tcl_WrongNumArgs(interp, 2, objv, NULL);
        return TCL_ERROR;
    }
    Tcl_DeleteCommandFromToken(interp, o->token);
    Tcl_ResetResult(interp);
    return TCL_OK;
}

/* See nrntcl_int.h. */
void nrntcl_obj_deleted(struct nrntcl_obj *o, int (*find)(const nrn_model *, const char *),
                        int (*del)(nrn_model *, int))
{
    struct nrntcl *st = o->st;

    if (st->m) {
        int id = find(st->m, o->name);
        if (id >= 0)
            del(st->m, id);
    }
    nrntcl_obj_free(o);
}
