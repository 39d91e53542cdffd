/*
** cli_tclerr.c: the file and line of a Tcl script error (cli_tclerr.h).
**
** -errorinfo lists the failing command, then each enclosing level: either a location
** line "    (file "F" line N)", "    ("foreach" body line K)", "    (procedure ...)", or
** "    invoked from within" followed by the enclosing command's text. The innermost file
** frame gives F and N; each nested body frame below it adds K - 1. When Tcl compiled a
** body inline (an `if` at the top level of a file), there is no body frame: the inner
** command's text then sits inside the enclosing command's text, and the newlines before
** it are the missing offset.
*/
#include "cli_tclerr.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "oneline.h"

/* One line of -errorinfo, classified. */
struct tclerr_line {
    const char *s;   /* start */
    size_t len;      /* length without the newline */
    int kind;        /* -1 text, 0 nested body frame, 1 file frame, 2 procedure frame,
                        3 "invoked from within" / "while executing" */
    int line;        /* frames: N */
};

/* Classifies one line. */
static void tclerr_classify(struct tclerr_line *l)
{
    const char *s = l->s, *ln;
    size_t len = l->len;
    l->kind = -1;
    if ((len == 23 && strncmp(s, "    invoked from within", 23) == 0) ||
        (len == 19 && strncmp(s, "    while executing", 19) == 0)) {
        l->kind = 3;
        return;
    }
    if (len < 12 || strncmp(s, "    (", 5) != 0 || s[len - 1] != ')')
        return;
    for (ln = s + len - 2; ln > s && *ln >= '0' && *ln <= '9'; ln--)
        ;
    if (ln == s + len - 2 || ln - s < 10 || strncmp(ln - 5, " line ", 6) != 0)
        return;
    l->line = atoi(ln + 1);
    if (strncmp(s + 5, "file \"", 6) == 0)
        l->kind = 1;
    else if (strncmp(s + 5, "procedure ", 10) == 0 || strncmp(s + 5, "lambda ", 7) == 0 ||
             strncmp(s + 5, "method ", 7) == 0 || strncmp(s + 5, "class ", 6) == 0 ||
             strncmp(s + 5, "object ", 7) == 0)
        l->kind = 2;
    else
        l->kind = 0;
}

/* Newlines before the first occurrence of inner in outer (0 if absent). */
static int tclerr_offset(const char *outer, size_t olen, const char *inner, size_t ilen)
{
    if (ilen == 0 || ilen > olen)
        return 0;
    for (size_t i = 0; i + ilen <= olen; i++)
        if (memcmp(outer + i, inner, ilen) == 0) {
            int n = 0;
            for (size_t k = 0; k < i; k++)
                n += outer[k] == '\n';
            return n;
        }
    return 0;
}

/* See cli_tclerr.h. */
int cli_tcl_deferred_error(Tcl_Interp *interp, char *path, size_t psize, char *msg,
                           size_t msize)
{
    Tcl_Obj *opts = Tcl_GetReturnOptions(interp, TCL_ERROR), *key, *code = NULL, **w;
    int n = 0, found;
    Tcl_IncrRefCount(opts);
    key = Tcl_NewStringObj("-errorcode", -1);
    Tcl_IncrRefCount(key);
    found = Tcl_DictObjGet(NULL, opts, key, &code) == TCL_OK && code != NULL &&
            Tcl_ListObjGetElements(NULL, code, &n, &w) == TCL_OK && n == 4 &&
            strcmp(Tcl_GetString(w[0]), "NRN") == 0 &&
            strcmp(Tcl_GetString(w[1]), "DEFERRED_RECORD") == 0;
    if (found) {
        snprintf(path, psize, "%s", Tcl_GetString(w[2]));
        snprintf(msg, msize, "%s", Tcl_GetString(w[3]));
    }
    Tcl_DecrRefCount(key);
    Tcl_DecrRefCount(opts);
    return found;
}

int cli_tcl_error_where(const char *info, int errline, const char *script, char *file,
                        size_t size)
{
    enum { MAXL = 512 };
    struct tclerr_line lines[MAXL];
    int n = 0, fidx = -1, line;
    for (const char *p = info; *p && n < MAXL;) {
        const char *e = strchr(p, '\n');
        lines[n].s = p;
        lines[n].len = e ? (size_t)(e - p) : strlen(p);
        tclerr_classify(&lines[n]);
        if (lines[n].kind == 1 && fidx < 0)
            fidx = n;
        n++;
        p = e ? e + 1 : p + strlen(p);
    }
    int limit = fidx >= 0 ? fidx : n;
    if (fidx >= 0) {
        const char *q = lines[fidx].s + 11;
        const char *end = lines[fidx].s + lines[fidx].len;
        while (end > q && *end != '"')
            end--;
        snprintf(file, size, "%.*s", (int)(end - q), q);
        line = lines[fidx].line;
    } else {
        snprintf(file, size, "%s", script);
        line = errline;
    }
    /* Walk the levels below the file frame from the outside in: body frames add K - 1,
    ** an inline-compiled body adds the newlines before the inner command's text. */
    const char *outer = NULL;
    size_t olen = 0;
    int stopped = 0;
    for (int i = limit - 1; i >= 0 && !stopped; i--) {
        if (lines[i].kind == 2) {
            stopped = 1;
        } else if (lines[i].kind == 0) {
            line += lines[i].line - 1;
            outer = NULL;
        } else if (lines[i].kind == 3) {
            /* the command text after this marker: lines i+1 .. (next marker or frame) - 1 */
            int a = i + 1, b = a;
            while (b < limit && lines[b].kind == -1)
                b++;
            if (a < b && lines[a].len >= 1 && lines[a].s[0] == '"') {
                const char *cs = lines[a].s + 1;
                const char *ce = lines[b - 1].s + lines[b - 1].len - 1; /* the closing quote */
                size_t clen = ce > cs ? (size_t)(ce - cs) : 0;
                if (outer)
                    line += tclerr_offset(outer, olen, cs, clen);
                outer = cs;
                olen = clen;
            }
        }
    }
    return line;
}

/* 1 if name is one of the NULL-ended words. */
static int tclerr_among(const char *name, size_t len, const char *const *words)
{
    for (; *words; words++)
        if (strlen(*words) == len && strncmp(name, *words, len) == 0)
            return 1;
    return 0;
}

/*
** The language a failed script is written in when it is not Tcl: "Python" or "HOC" by
** the file's extension, or by the command Tcl did not know (the first word of a Python
** or HOC file usually is one of these); NULL when it looks like Tcl.
*/
static const char *tclerr_language(const char *file, const char *cmd, size_t len)
{
    static const char *const python[] = { "from", "import", "def", "class", "print", "h.",
                                          "elif", "with", "try:", "except", NULL };
    static const char *const hoc[] = { "create", "access", "objref", "objectvar", "proc",
                                       "func", "load_file", "xopen", "forall", "forsec",
                                       "begintemplate", "nrn_load_dll", "strdef", NULL };
    const char *dot = strrchr(file, '.');
    size_t n = 0;
    if (dot && strcmp(dot, ".py") == 0)
        return "Python";
    if (dot && (strcmp(dot, ".hoc") == 0 || strcmp(dot, ".ses") == 0))
        return "HOC";
    if (cmd == NULL)
        return NULL;
    while (n < len && (cmd[n] == '_' || (cmd[n] >= 'a' && cmd[n] <= 'z') ||
                       (cmd[n] >= 'A' && cmd[n] <= 'Z') || (cmd[n] >= '0' && cmd[n] <= '9')))
        n++;
    if (n < len && cmd[n] == '.' && n == 1 && cmd[0] == 'h')
        return "Python"; /* h.load_file(...) */
    if (tclerr_among(cmd, n, python))
        return "Python";
    if (tclerr_among(cmd, n, hoc))
        return "HOC";
    return NULL;
}

/*
** For an unknown command that is a number: the bracketed literal it came from in the
** command's text (soma[0](0.5), which Tcl read as the command "0"), into lit; 1 if found.
*/
static int tclerr_bracket_literal(const char *info, const char *num, size_t nlen, char *lit,
                                  size_t size)
{
    for (const char *p = strchr(info, '['); p; p = strchr(p + 1, '[')) {
        const char *a = p, *e = p + 1 + nlen;
        if (strncmp(p + 1, num, nlen) != 0 || *e != ']')
            continue;
        while (a > info && (a[-1] == '_' || a[-1] == '.' || (a[-1] >= 'a' && a[-1] <= 'z') ||
                            (a[-1] >= 'A' && a[-1] <= 'Z') || (a[-1] >= '0' && a[-1] <= '9')))
            a--;
        if (a == p)
            continue; /* "[0]" alone: not a name */
        e++;
        if (*e == '(') {
            const char *c = strchr(e, ')');
            if (c && c - e < 32)
                e = c + 1;
        }
        while (*e == '.' || *e == '_' || (*e >= 'a' && *e <= 'z') || (*e >= 'A' && *e <= 'Z') ||
               (*e >= '0' && *e <= '9'))
            e++;
        snprintf(lit, size, "%.*s", (int)(e - a) < 200 ? (int)(e - a) : 200, a);
        return 1;
    }
    return 0;
}

/*
** A hint for the commonest errors of newcomers into hint (empty if none): a Python or HOC
** script given to a Tcl reader, and a section name with [ ] that Tcl substituted.
*/
static void tclerr_hint(Tcl_Interp *interp, const char *info, const char *file,
                        const char *msg, char *hint, size_t size)
{
    static const char unknown[] = "invalid command name \"";
    const char *cmd = NULL, *prog = Tcl_GetVar(interp, "argv0", TCL_GLOBAL_ONLY), *lang;
    size_t len = 0;
    char lit[256];
    hint[0] = '\0';
    if (strncmp(msg, unknown, sizeof unknown - 1) == 0) {
        cmd = msg + sizeof unknown - 1;
        len = strlen(cmd) > 0 ? strlen(cmd) - 1 : 0; /* without the closing quote */
    }
    if ((lang = tclerr_language(file, cmd, len)) != NULL) {
        snprintf(hint, size, " (a %s script? %s reads Tcl: see man nrn-tcl)", lang,
                 prog && strncmp(prog, "nrn-", 4) == 0 ? prog : "nrn");
        return;
    }
    if (cmd && len > 0 && strspn(cmd, "0123456789") == len) {
        if (!tclerr_bracket_literal(info, cmd, len, lit, sizeof lit))
            snprintf(lit, sizeof lit, "soma[%.*s](0.5)", (int)(len < 20 ? len : 20), cmd);
        snprintf(hint, size, " (a section name with [ ] must be braced: {%s})", lit);
    }
}

void cli_tcl_error(Tcl_Interp *interp, const char *script, char *out, size_t size)
{
    Tcl_Obj *opts = Tcl_GetReturnOptions(interp, TCL_ERROR), *key, *val;
    const char *info = "";
    int errline = 0;
    char file[PATH_MAX];
    Tcl_IncrRefCount(opts);
    key = Tcl_NewStringObj("-errorinfo", -1);
    Tcl_IncrRefCount(key);
    if (Tcl_DictObjGet(NULL, opts, key, &val) == TCL_OK && val)
        info = Tcl_GetString(val);
    Tcl_SetStringObj(key, "-errorline", -1);
    if (Tcl_DictObjGet(NULL, opts, key, &val) == TCL_OK && val)
        Tcl_GetIntFromObj(NULL, val, &errline);
    int line = cli_tcl_error_where(info, errline, script, file, sizeof file);
    char hint[384];
    tclerr_hint(interp, info, file, Tcl_GetStringResult(interp), hint, sizeof hint);
    snprintf(out, size, "%s:%d: %s%s", file, line, Tcl_GetStringResult(interp), hint);
    text_oneline(out, size); /* a name or an error text with a newline stays on the line */
    Tcl_DecrRefCount(key);
    Tcl_DecrRefCount(opts);
}
