/*
** verbatim.c: VERBATIM blocks. Their C goes through unchanged when it is plain C on the
** NMODL names (the mechanism's variables, `_lNAME` for a LOCAL or an argument); C that reaches
** into NEURON's internals (hoc_*, nrn_*, vector_*, getarg, _p, _ppvar, ...) cannot run here,
** and the block is refused naming the first such identifier. The scan skips comments,
** strings, character constants and struct members (after . or ->).
*/
#include <ctype.h>
#include <string.h>
#include "gen.h"

/* Identifier prefixes of NEURON's C interface (and whole names that are not prefixes). */
static const char *const internal_prefix[] = {
    "hoc_", "nrn_", "vector_", "ivoc", "nrnran", "mcell_", "scop_", "cvode", "artcell_",
    "getarg", "ifarg", "gargstr", "hocobj", "Object", "Symbol", "Datum", "Prop", "Node",
    "NrnThread", "Point_process", "Memb_list", "Section", "net_send", "net_event", "net_move",
    "state_discontinuity", "use_cachevec", "secondorder", "nrnmpi", "hoc", NULL,
};

static int is_internal(const char *id, size_t n)
{
    for (int i = 0; internal_prefix[i]; i++) {
        size_t k = strlen(internal_prefix[i]);
        if (n >= k && strncmp(id, internal_prefix[i], k) == 0)
            return 1;
    }
    return 0;
}

/* nocmodl's names for the arguments every generated function takes (its VERBATIM helpers
** are declared with them and called with them); here they stand for _args *_a. */
static const char *const threadargs[] = {
    "_threadargs_", "_threadargscomma_", "_threadargsproto_", "_threadargsprotocomma_", NULL,
};

static int is_threadargs(const char *id, size_t n)
{
    for (int i = 0; threadargs[i]; i++)
        if (strlen(threadargs[i]) == n && strncmp(id, threadargs[i], n) == 0)
            return 1;
    return 0;
}

int verbatim_has_args(const char *text)
{
    return strstr(text, "_threadargsproto") != NULL;
}

/* Preprocessor lines allowed in a VERBATIM block: standard headers only. */
static int allowed_directive(const char *line)
{
    static const char *const ok[] = {
        "include <math.h>", "include <stdio.h>", "include <stdlib.h>", "include <string.h>",
        "include <assert.h>",
        "define ", "undef ", "if", "endif", "else", NULL,
    };
    while (*line == ' ' || *line == '\t')
        line++;
    for (int i = 0; ok[i]; i++)
        if (strncmp(line, ok[i], strlen(ok[i])) == 0)
            return 1;
    return 0;
}

/*
** Checks text; NULL when it may pass, else the offending identifier (or directive) copied
** into bad. local(name) tells whether _lname is a LOCAL or argument in scope, and
** local("_p_name") whether name is a POINTER.
*/
const char *verbatim_bad(const char *text, int (*local)(void *ud, const char *name, size_t n),
                         void *ud, char *bad, size_t badsize)
{
    const char *p = text;
    int line_start = 1;
    while (*p) {
        if (line_start) {
            const char *q = p;
            while (*q == ' ' || *q == '\t')
                q++;
            if (*q == '#') {
                if (!allowed_directive(q + 1)) {
                    size_t n = strcspn(q, "\n");
                    snprintf(bad, badsize, "%.*s", (int)(n > 60 ? 60 : n), q);
                    return bad;
                }
                p = q + strcspn(q, "\n");
                continue;
            }
        }
        line_start = *p == '\n';
        if (p[0] == '/' && p[1] == '*') {
            const char *e = strstr(p + 2, "*/");
            p = e ? e + 2 : p + strlen(p);
        } else if (p[0] == '/' && p[1] == '/') {
            p += strcspn(p, "\n");
        } else if (*p == '"' || *p == '\'') {
            char qc = *p++;
            while (*p && *p != qc) {
                if (*p == '\\' && p[1])
                    p++;
                p++;
            }
            if (*p)
                p++;
        } else if (isalpha((unsigned char)*p) || *p == '_') {
            const char *s = p;
            while (isalnum((unsigned char)*p) || *p == '_')
                p++;
            size_t n = (size_t)(p - s);
            const char *b = s;
            while (b > text && (b[-1] == ' ' || b[-1] == '\t'))
                b--;
            int member = (b > text && b[-1] == '.') ||
                         (b - text >= 2 && b[-2] == '-' && b[-1] == '>');
            int bad_id = 0;
            if (member || is_threadargs(s, n))
                bad_id = 0;
            else if (n > 2 && s[0] == '_' && s[1] == 'l')
                bad_id = !local(ud, s + 2, n - 2);
            else if (n > 3 && strncmp(s, "_p_", 3) == 0) /* a POINTER's address */
                bad_id = !local(ud, s, n);
            else if (s[0] == '_' || is_internal(s, n))
                bad_id = 1;
            if (bad_id) {
                snprintf(bad, badsize, "%.*s", (int)n, s);
                return bad;
            }
        } else {
            p++;
        }
    }
    return NULL;
}

/* The pre-check's scope: any _lNAME may be a LOCAL there; _p_NAME must name a POINTER. */
struct precheck {
    const struct nm_mech *m;
    int inblock;
};

static int precheck_local(void *ud, const char *name, size_t n)
{
    const struct precheck *pc = ud;
    if (n <= 3 || strncmp(name, "_p_", 3) != 0)
        return 1;
    for (int i = 0; i < pc->m->nvar; i++)
        if (pc->m->var[i].where == W_POINTER && strlen(pc->m->var[i].name) == n - 3 &&
            strncmp(pc->m->var[i].name, name + 3, n - 3) == 0)
            return pc->inblock;
    return 0;
}

void verbatim_refuse(struct gen *g, const nm_node *at, const char *bad)
{
    gerr(g, at, "VERBATIM uses '%s': only plain C on the NMODL names can pass (NEURON's "
         "internals are not available)", bad);
}

void verbatim_precheck(struct gen *g, const nm_node *n, int inblock)
{
    char bad[80];
    struct precheck pc = { g->m, inblock || (n->text && verbatim_has_args(n->text)) };
    if (n->kind == NM_VERBATIM && verbatim_bad(n->text, precheck_local, &pc, bad, sizeof bad))
        verbatim_refuse(g, n, bad);
    for (int i = 0; i < n->n; i++)
        if (n->kid[i])
            verbatim_precheck(g, n->kid[i], inblock || n->kind != NM_INCLUDE);
}

void verbatim_prelude(struct gen *g)
{
    if (!nm_has_kind(g->m->root, NM_VERBATIM))
        return;
    gline(g, "#include <assert.h>");
    gline(g, "#include <stdio.h>");
    gline(g, "#include <stdlib.h>");
    gline(g, "#include <string.h>");
    gline(g, "#define _threadargs_ _a");
    gline(g, "#define _threadargscomma_ _a,");
    gline(g, "#define _threadargsproto_ _args *_a");
    gline(g, "#define _threadargsprotocomma_ _args *_a,");
}
