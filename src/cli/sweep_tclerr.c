/*
** sweep_tclerr.c: where a Tcl script error happened (see sweep_tclerr.h). The same
** reading of -errorinfo as nrn-run.c: the innermost `(file "F" line N)` frame gives the
** file and line, nested script bodies above it add their line offsets.
*/
#include "sweep_tclerr.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A line of -errorinfo that says where a level of the error was: "    (... line N)". */
struct tclerr_frame {
    int kind;         /* 0 nested script (body), 1 file, 2 procedure or lambda */
    int line;         /* its N */
    const char *name; /* for a file: start of the name */
    size_t namelen;   /* its length */
};

/* Parses one -errorinfo line into *f; returns 1 if it is a location line. */
static int tclerr_parse(const char *s, size_t len, struct tclerr_frame *f)
{
    const char *ln;
    if (len < 12 || strncmp(s, "    (", 5) != 0 || s[len - 1] != ')')
        return 0;
    for (ln = s + len - 2; ln > s && *ln >= '0' && *ln <= '9'; ln--)
        ;
    if (ln == s + len - 2 || ln - s < 10 || strncmp(ln - 5, " line ", 6) != 0)
        return 0;
    f->line = atoi(ln + 1);
    f->name = NULL;
    f->namelen = 0;
    if (strncmp(s + 5, "file \"", 6) == 0) {
        f->kind = 1;
        f->name = s + 11;
        f->namelen = (size_t)(ln - 5 - 1 - f->name);
    } else if (strncmp(s + 5, "procedure ", 10) == 0 || strncmp(s + 5, "lambda ", 7) == 0 ||
               strncmp(s + 5, "method ", 7) == 0 || strncmp(s + 5, "class ", 6) == 0 ||
               strncmp(s + 5, "object ", 7) == 0) {
        f->kind = 2;
    } else {
        f->kind = 0;
    }
    return 1;
}

/* See sweep_tclerr.h. */
void sweep_tcl_error(Tcl_Interp *interp, const char *script, char *out, size_t size)
{
    Tcl_Obj *opts = Tcl_GetReturnOptions(interp, TCL_ERROR), *key, *val;
    const char *info = "", *p;
    int errline = 0, line, n = 0, f = -1;
    struct tclerr_frame fr[64];
    char file[PATH_MAX];

    Tcl_IncrRefCount(opts);
    key = Tcl_NewStringObj("-errorinfo", -1);
    Tcl_IncrRefCount(key);
    if (Tcl_DictObjGet(NULL, opts, key, &val) == TCL_OK && val)
        info = Tcl_GetString(val);
    Tcl_SetStringObj(key, "-errorline", -1);
    if (Tcl_DictObjGet(NULL, opts, key, &val) == TCL_OK && val)
        Tcl_GetIntFromObj(NULL, val, &errline);
    for (p = info; *p && n < 64;) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (tclerr_parse(p, len, &fr[n])) {
            if (fr[n].kind == 1 && f < 0)
                f = n;
            n++;
        }
        p += len + (e != NULL);
    }
    if (f >= 0) {
        snprintf(file, sizeof file, "%.*s", (int)fr[f].namelen, fr[f].name);
        line = fr[f].line;
    } else {
        snprintf(file, sizeof file, "%s", script);
        line = errline;
        f = n;
    }
    for (int j = f - 1; j >= 0 && fr[j].kind == 0; j--)
        line += fr[j].line - 1;
    snprintf(out, size, "%s:%d: %s", file, line, Tcl_GetStringResult(interp));
    Tcl_DecrRefCount(key);
    Tcl_DecrRefCount(opts);
}
