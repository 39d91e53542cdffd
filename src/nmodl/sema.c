/*
** sema.c: the semantic pass. From the tree of one file it learns the mechanism (name,
** kind, ions, variables and where each lives at run time, callables, blocks) and checks
** what nocmodl checks and a little more: names used but never declared, a RANGE name
** without a declaration, an ion used with another valence than its own, a STATE that
** nothing solves or assigns. Errors are "FILE:LINE:COL: message".
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nmodl.h"
#include "oneline.h"
#include "sema.h"
#include "../engine/nrn_mech.h"

struct sema {
    struct nm_mech *m;
    char *err;
    size_t errsize;
    jmp_buf fail;
};

_Noreturn static void serr(struct sema *s, const nm_node *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    node_vmsg(s->err, s->errsize, at, s->m->file, fmt, ap);
    va_end(ap);
    longjmp(s->fail, 1);
}

struct nm_var *sema_lookup(struct nm_mech *m, const char *name)
{
    for (int i = 0; i < m->nvar; i++)
        if (strcmp(m->var[i].name, name) == 0)
            return &m->var[i];
    return NULL;
}

struct nm_func *sema_func(struct nm_mech *m, const char *name)
{
    for (int i = 0; i < m->nfunc; i++)
        if (strcmp(m->func[i].name, name) == 0)
            return &m->func[i];
    return NULL;
}

/* Top-level items with the INCLUDEd files' items in place. */
static void collect_items(const nm_node *n, const nm_node **out, int *nout, int max)
{
    for (int i = 0; i < n->n; i++) {
        if (n->kid[i]->kind == NM_INCLUDE)
            collect_items(n->kid[i], out, nout, max);
        else if (*nout < max)
            out[(*nout)++] = n->kid[i];
    }
}

/* The ions every model has, with their valences. */
static const struct { const char *name; int valence; } known_ions[] = {
    {"na", 1}, {"k", 1}, {"ca", 2},
};

/* Which ion column an ion variable name stands for (ena, nai, nao, ina), or -1. */
static int ion_column(const char *ion, const char *name)
{
    size_t n = strlen(ion), len = strlen(name);
    if (len != n + 1)
        return -1;
    if (name[0] == 'e' && strcmp(name + 1, ion) == 0)
        return ION_E;
    if (name[0] == 'i' && strcmp(name + 1, ion) == 0)
        return ION_CUR;
    if (strncmp(name, ion, n) == 0 && name[n] == 'i')
        return ION_CI;
    if (strncmp(name, ion, n) == 0 && name[n] == 'o')
        return ION_CO;
    return -1;
}

static struct nm_var *add_var(struct sema *s, const char *name, const nm_node *at)
{
    struct nm_mech *m = s->m;
    struct nm_var *v = sema_lookup(m, name);
    if (v)
        serr(s, at, "'%s' is declared twice (first at line %d)", name, v->at ? v->at->line : 0);
    if (m->nvar == NM_MAXV)
        serr(s, at, "more than %d variables", NM_MAXV);
    v = &m->var[m->nvar++];
    memset(v, 0, sizeof *v);
    v->name = name;
    v->at = at;
    v->col = -1;
    v->ion = -1;
    return v;
}

static void do_useion(struct sema *s, const nm_node *u)
{
    struct nm_mech *m = s->m;
    int known = -1;
    for (size_t k = 0; k < sizeof known_ions / sizeof known_ions[0]; k++)
        if (strcmp(known_ions[k].name, u->text) == 0)
            known = (int)k;
    /* another ion is made when the mechanism is loaded, with this valence */
    if (u->value && atof(u->value) == 0)
        serr(s, u, "USEION %s VALENCE %s: a valence of 0 is not supported", u->text, u->value);
    if (known >= 0 && u->value && atof(u->value) != known_ions[known].valence)
        serr(s, u, "USEION %s VALENCE %s: %s has valence %d", u->text, u->value, u->text,
             known_ions[known].valence);
    for (int k = 0; k < m->nion; k++)
        if (strcmp(m->ion[k].name, u->text) == 0)
            serr(s, u, "USEION %s appears twice", u->text);
    if (m->nion == 4)
        serr(s, u, "more than 4 ions used");
    struct nm_ion *ion = &m->ion[m->nion];
    ion->name = u->text;
    ion->valence = u->value;
    ion->at = u;
    for (int rw = 0; rw < 2; rw++) {
        const nm_node *l = u->kid[rw];
        for (int j = 0; j < l->n; j++) {
            const char *nm = l->kid[j]->text;
            int col = ion_column(u->text, nm);
            if (col < 0)
                serr(s, l->kid[j], "USEION %s: '%s' is none of e%s, %si, %so, i%s", u->text, nm,
                     u->text, u->text, u->text, u->text);
            if (rw == 0 && col == ION_CUR)
                ion->read_cur = 1;
            if (rw == 0)
                ion->flags |= col == ION_E ? NRN_ION_READ_E
                            : col == ION_CUR ? 0 : NRN_ION_READ_CONC;
            else
                ion->flags |= col == ION_CUR ? NRN_ION_WRITE_CUR
                            : col == ION_E ? NRN_ION_WRITE_E
                            : NRN_ION_WRITE_CONC | (col == ION_CI ? NRN_ION_WRITE_CI
                                                                  : NRN_ION_WRITE_CO);
        }
    }
    m->nion++;
}

static int in_list(const nm_node *const *lists, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < lists[i]->n; j++)
            if (strcmp(lists[i]->kid[j]->text, name) == 0)
                return 1;
    return 0;
}

struct nrnlists {
    const nm_node *range[16], *global[16], *cur[16], *pointer[16], *external[16];
    int nrange, nglobal, ncur, npointer, nexternal;
};

static void do_neuron(struct sema *s, const nm_node *nb, struct nrnlists *L)
{
    struct nm_mech *m = s->m;
    for (int i = 0; i < nb->n; i++) {
        const nm_node *k = nb->kid[i];
        switch (k->kind) {
        case NM_SUFFIX:
            if (m->name)
                serr(s, k, "a second %s (the mechanism is already named %s)", k->value, m->name);
            m->name = k->text;
            m->kind = strcmp(k->value, "SUFFIX") == 0 ? NRN_DENSITY
                    : strcmp(k->value, "POINT_PROCESS") == 0 ? NRN_POINT : NRN_ARTCELL;
            break;
        case NM_USEION:
            do_useion(s, k);
            break;
        case NM_NRNLIST:
            if (strcmp(k->value, "RANGE") == 0 && L->nrange < 16)
                L->range[L->nrange++] = k;
            else if (strcmp(k->value, "GLOBAL") == 0 && L->nglobal < 16)
                L->global[L->nglobal++] = k;
            else if ((strcmp(k->value, "NONSPECIFIC_CURRENT") == 0 ||
                      strcmp(k->value, "ELECTRODE_CURRENT") == 0) && L->ncur < 16) {
                L->cur[L->ncur++] = k;
                if (k->value[0] == 'E')
                    m->electrode = 1;
            } else if ((strcmp(k->value, "POINTER") == 0 ||
                        strcmp(k->value, "BBCOREPOINTER") == 0) && L->npointer < 16) {
                /* BBCOREPOINTER: CoreNEURON's opaque pointer, only VERBATIM uses it
                ** (_p_NAME), so here it is a POINTER slot like any other */
                L->pointer[L->npointer++] = k;
            } else if (strcmp(k->value, "EXTERNAL") == 0 && L->nexternal < 16) {
                L->external[L->nexternal++] = k;
            }
            break;
        default:
            break;
        }
    }
}

/* Is name one of the ion variables of a USEION? Sets ion index and column. */
static int ion_var(struct nm_mech *m, const char *name, int *ion, int *col)
{
    for (int k = 0; k < m->nion; k++)
        for (int rw = 0; rw < 2; rw++) {
            const nm_node *l = m->ion[k].at->kid[rw];
            for (int j = 0; j < l->n; j++)
                if (strcmp(l->kid[j]->text, name) == 0) {
                    *ion = k;
                    *col = ion_column(m->ion[k].name, name);
                    return 1;
                }
        }
    return 0;
}

/*
** Where ion variable v lives: a current the mechanism writes is its own (a hidden column
** added into the ion's total by cur), as is a concentration it writes; what it only
** reads is read from the ion.
*/
static void ion_place(struct nm_mech *m, struct nm_var *v, int ion, int col)
{
    v->ion = ion;
    int flags = m->ion[ion].flags;
    if ((col == ION_CUR && (flags & NRN_ION_WRITE_CUR)) ||
        (col == ION_E && (flags & NRN_ION_WRITE_E)) ||
        (col == ION_CI && (flags & NRN_ION_WRITE_CI)) ||
        (col == ION_CO && (flags & NRN_ION_WRITE_CO))) {
        v->where = W_RANGE;
        v->hidden = 1;
        if (v->decl != NM_STATE)
            v->decl = NM_ASSIGNED;
        v->ioncol = col; /* the ion column it adds to or replaces */
        return;
    }
    v->where = W_ION;
    v->col = col;
}

static int is_special(const char *name)
{
    return !strcmp(name, "v") || !strcmp(name, "t") || !strcmp(name, "dt") ||
           !strcmp(name, "celsius") || !strcmp(name, "diam") || !strcmp(name, "area");
}

static void do_decls(struct sema *s, const nm_node *blk, const struct nrnlists *L)
{
    struct nm_mech *m = s->m;
    for (int i = 0; i < blk->n; i++) {
        const nm_node *d = blk->kid[i];
        if (is_special(d->text) || sema_lookup(m, d->text)) {
            struct nm_var *o = sema_lookup(m, d->text);
            if (o && o->decl != 0)
                serr(s, d, "'%s' is declared twice (first at line %d)", d->text, o->at->line);
            if (!o) {
                o = add_var(s, d->text, d);
                o->where = W_SPECIAL;
            }
            o->decl = blk->kind;
            continue;
        }
        struct nm_var *v = add_var(s, d->text, d);
        v->decl = blk->kind;
        v->dim = d->ival;
        v->def = d->value;
        v->unit = d->unit;
        int ion, col;
        if (blk->kind != NM_CONSTANT && ion_var(m, d->text, &ion, &col)) {
            ion_place(m, v, ion, col);
            continue;
        }
        int range = in_list(L->range, L->nrange, d->text) || in_list(L->cur, L->ncur, d->text);
        int global = in_list(L->global, L->nglobal, d->text);
        if (in_list(L->external, L->nexternal, d->text)) {
            if (blk->kind != NM_ASSIGNED && blk->kind != NM_PARAMETER)
                serr(s, d, "EXTERNAL %s: declare it in ASSIGNED (or not at all)", d->text);
            v->where = W_EXTERNAL;
            continue;
        }
        if (in_list(L->pointer, L->npointer, d->text)) {
            if (blk->kind == NM_STATE || blk->kind == NM_CONSTANT || d->ival)
                serr(s, d, "POINTER %s: %s", d->text, d->ival ? "POINTER arrays are not "
                     "supported (NEURON 8.2.2 compiles one only where VERBATIM alone uses it)"
                     : "a POINTER is declared in ASSIGNED or PARAMETER");
            v->where = W_POINTER;
            v->col = m->npointer++;
            continue;
        }
        switch (blk->kind) {
        case NM_CONSTANT:
            v->where = W_CONST;
            break;
        case NM_STATE:
            if (global)
                serr(s, d, "STATE %s cannot be GLOBAL", d->text);
            v->where = W_RANGE;
            break;
        case NM_PARAMETER:
            v->where = range ? W_RANGE : W_GLOBAL;
            break;
        default: /* ASSIGNED */
            v->where = global ? W_GLOBAL : W_RANGE;
            v->hidden = !range && !global;
            break;
        }
        /* an array is dim columns (or globals) NAME0 .. NAME<dim-1> (the engine's names of
        ** elements) */
        if (v->dim && v->where != W_RANGE && v->where != W_GLOBAL)
            serr(s, d, "%s[%d]: only RANGE and GLOBAL arrays are supported yet",
                 d->text, v->dim);
    }
}

/* Current names must be declared; nocmodl lets RANGE and GLOBAL name nothing. */
/* A STATE x's initial value x0 (NEURON's initmodel sets x = x0 before INITIAL) is a parameter
** of its own; named in GLOBAL or RANGE without a declaration (cadifusl.mod's GLOBAL Buffer0),
** nocmodl makes it one the user sets. */
static void state0_params(struct sema *s, const struct nrnlists *L)
{
    for (int r = 0; r < 2; r++)
        for (int i = 0; i < (r ? L->nrange : L->nglobal); i++) {
            const nm_node *l = r ? L->range[i] : L->global[i];
            for (int j = 0; j < l->n; j++) {
                const char *name = l->kid[j]->text;
                size_t len = strlen(name);
                char base[128];
                if (len < 2 || len >= sizeof base || name[len - 1] != '0' ||
                    sema_lookup(s->m, name))
                    continue;
                memcpy(base, name, len - 1);
                base[len - 1] = 0;
                const struct nm_var *x = sema_lookup(s->m, base);
                if (!x || x->decl != NM_STATE)
                    continue;
                struct nm_var *v = add_var(s, name, l->kid[j]);
                v->decl = NM_PARAMETER;
                v->where = r ? W_RANGE : W_GLOBAL;
                v->unit = x->unit;
            }
        }
}

static void check_lists(struct sema *s, const nm_node *const *lists, int n)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < lists[i]->n; j++) {
            const nm_node *k = lists[i]->kid[j];
            struct nm_var *v = sema_lookup(s->m, k->text);
            int ion, col;
            int cur = lists[i]->value[0] == 'N' || lists[i]->value[0] == 'E';
            if (cur && (!v || v->where == W_SPECIAL) && !ion_var(s->m, k->text, &ion, &col))
                serr(s, k, "%s %s: '%s' is not declared in PARAMETER, ASSIGNED or STATE",
                     lists[i]->value, k->text, k->text);
        }
}

/* Columns: visible RANGE variables (PARAMETER, ASSIGNED, STATE in that order, each in
** declaration order, as NEURON lists them), then the hidden ones; globals in order. */
static void layout(struct sema *s)
{
    struct nm_mech *m = s->m;
    static const nm_kind order[] = { NM_PARAMETER, NM_ASSIGNED, NM_STATE };
    for (int hidden = 0; hidden < 2; hidden++)
        for (int o = 0; o < 3; o++)
            for (int i = 0; i < m->nvar; i++) {
                struct nm_var *v = &m->var[i];
                if (v->where == W_RANGE && v->decl == order[o] && v->hidden == hidden) {
                    v->col = m->ncol;
                    m->ncol += v->dim ? v->dim : 1;
                }
            }
    for (int i = 0; i < m->nvar; i++)
        if (m->var[i].where == W_GLOBAL) {
            m->var[i].col = m->nglobal;
            m->nglobal += m->var[i].dim ? m->var[i].dim : 1;
        }
}

/* ---- names used in code ---- */

struct scope {
    const char *name[64];
    int n;
    const struct scope *up;
};

static int in_scope(const struct scope *sc, const char *name)
{
    for (; sc; sc = sc->up)
        for (int i = 0; i < sc->n; i++)
            if (strcmp(sc->name[i], name) == 0)
                return 1;
    return 0;
}

static void scope_add(struct sema *s, struct scope *sc, const nm_node *at, const char *name)
{
    if (sc->n == 64)
        serr(s, at, "more than 64 LOCALs or arguments in one block");
    sc->name[sc->n++] = name;
}

/* C library and NEURON functions a .mod file may call. */
static const char *const builtin_funcs[] = {
    "exp", "log", "log10", "sqrt", "fabs", "pow", "sin", "cos", "tan", "asin", "acos", "atan",
    "atan2", "sinh", "cosh", "tanh", "floor", "ceil", "fmod", "erf", "erfc", "fmin", "fmax",
    "INT", "printf", "fprintf", "net_send", "net_event", "net_move", "at_time", "exprand",
    "normrand", "scop_random", "set_seed", "nrn_random_pick", "hoc_execute1",
    "state_discontinuity", "nrn_pointing", "unirand", "record_value", NULL,
};

static int is_builtin_func(const char *name)
{
    for (int i = 0; builtin_funcs[i]; i++)
        if (strcmp(builtin_funcs[i], name) == 0)
            return 1;
    return 0;
}

static void check_names(struct sema *s, const nm_node *n, struct scope *sc, int ctx);

static void check_kids(struct sema *s, const nm_node *n, struct scope *sc, int ctx)
{
    for (int i = 0; i < n->n; i++)
        check_names(s, n->kid[i], sc, ctx);
}

/* LAG x BY d: nocmodl's rules (x a STATE or ASSIGNED, d a PARAMETER or CONSTANT). */
static void check_lag(struct sema *s, const nm_node *k)
{
    struct nm_var *x = sema_lookup(s->m, k->text), *d = sema_lookup(s->m, k->value);
    if (!x && strcmp(k->text, "v") != 0)
        serr(s, k, "LAG %s: '%s' is not declared", k->text, k->text);
    if (x && x->decl != NM_STATE && x->decl != NM_ASSIGNED)
        serr(s, k, "LAG %s: not a STATE or ASSIGNED variable", k->text);
    if (x && (x->dim || x->where == W_POINTER || x->where == W_EXTERNAL))
        serr(s, k, "LAG %s: LAG of %s is not supported", k->text, x->dim ? "an array" :
             x->where == W_POINTER ? "a POINTER" : "an EXTERNAL");
    if (!d || (d->decl != NM_PARAMETER && d->decl != NM_CONSTANT))
        serr(s, k, "LAG %s BY %s: '%s' is not a PARAMETER or CONSTANT", k->text, k->value,
             k->value);
}

/* Marks and checks every name of n; ctx is the kind of the enclosing top-level block. */
static void check_names(struct sema *s, const nm_node *n, struct scope *sc, int ctx)
{
    struct nm_mech *m = s->m;
    switch (n->kind) {
    case NM_BLOCK: {
        struct scope inner = { .up = sc };
        for (int i = 0; i < n->n; i++) {
            const nm_node *k = n->kid[i];
            if (k->kind == NM_LOCAL) {
                for (int j = 0; j < k->n; j++)
                    scope_add(s, &inner, k->kid[j], k->kid[j]->text);
            } else if (k->kind == NM_LAG) { /* LAG x BY d makes lag_x_d */
                check_lag(s, k);
                size_t len = strlen(k->text) + strlen(k->value) + 6;
                char *nm = arena_alloc(&m->arena, len);
                if (!nm)
                    serr(s, k, "out of memory");
                snprintf(nm, len, "lag_%s_%s", k->text, k->value);
                scope_add(s, &inner, k, nm);
            } else {
                check_names(s, k, &inner, ctx);
            }
        }
        return;
    }
    case NM_FROM: case NM_FOR_NETCONS: {
        struct scope inner = { .up = sc };
        if (n->kind == NM_FROM)
            scope_add(s, &inner, n, n->text);
        else
            for (int j = 0; j < n->kid[0]->n; j++)
                scope_add(s, &inner, n->kid[0]->kid[j], n->kid[0]->kid[j]->text);
        check_kids(s, n, &inner, ctx);
        return;
    }
    case NM_ASSIGN: {
        const nm_node *lhs = n->kid[0];
        struct nm_var *v = in_scope(sc, lhs->text) ? NULL : sema_lookup(m, lhs->text);
        if (v)
            v->written = 1;
        if (lhs->ival && ctx != NM_DERIVATIVE)
            serr(s, lhs, "%s': a derivative outside a DERIVATIVE block", lhs->text);
        check_kids(s, n, sc, ctx);
        return;
    }
    case NM_VAR: {
        const char *name = n->text;
        if (in_scope(sc, name) || sema_lookup(m, name) || is_special(name))
            ;
        else if (ctx == NM_NET_RECEIVE && strcmp(name, "flag") == 0)
            ;
        else if (ctx == NM_KINETIC && (!strcmp(name, "f_flux") || !strcmp(name, "b_flux")))
            ;
        else if (sema_func(m, name))
            serr(s, n, "'%s' is a %s: call it as %s(...)", name,
                 sema_func(m, name)->is_func ? "FUNCTION" : "PROCEDURE", name);
        else
            serr(s, n, "'%s' is not declared (PARAMETER, ASSIGNED, STATE, CONSTANT or LOCAL)",
                 name);
        if (n->ival) {
            struct nm_var *v = sema_lookup(m, name);
            if (!v || v->decl != NM_STATE)
                serr(s, n, "%s': '%s' is not a STATE", name, name);
        }
        check_kids(s, n, sc, ctx);
        return;
    }
    case NM_CALL:
        if (!sema_func(m, n->text) && !is_builtin_func(n->text))
            serr(s, n, "'%s' is not a FUNCTION or PROCEDURE of this file, nor a known function",
                 n->text);
        check_kids(s, n, sc, ctx);
        return;
    case NM_REACTANT: case NM_CONSERVE: case NM_REACTION:
        check_kids(s, n, sc, ctx);
        return;
    case NM_COMPARTMENT: case NM_LONGDIFUS: {
        struct scope inner = { .up = sc };
        if (n->text)
            scope_add(s, &inner, n, n->text);
        check_names(s, n->kid[0], &inner, ctx);
        for (int j = 0; j < n->kid[1]->n; j++)
            if (!sema_lookup(m, n->kid[1]->kid[j]->text))
                serr(s, n->kid[1]->kid[j], "'%s' is not declared", n->kid[1]->kid[j]->text);
        return;
    }
    case NM_TABLE: case NM_LAG: case NM_LOCAL:
        return;
    default:
        check_kids(s, n, sc, ctx);
        return;
    }
}

/* A top-level code block with its arguments in scope. */
static void check_block(struct sema *s, const nm_node *b)
{
    struct scope args = { .up = NULL };
    if (b->n > 0 && b->kid[0]->kind == NM_LIST && b->kind != NM_KINETIC &&
        b->kind != NM_LINEAR && b->kind != NM_NONLINEAR)
        for (int j = 0; j < b->kid[0]->n; j++)
            scope_add(s, &args, b->kid[0]->kid[j], b->kid[0]->kid[j]->text);
    if (b->kind == NM_FUNCTION)
        scope_add(s, &args, b, b->text); /* the result */
    if (b->n > 1)
        check_names(s, b->kid[1], &args, b->kind);
}

/* Every STATE named below n counts as given a value (the ~ equations solve for them). */
static void mark_vars(struct sema *s, const nm_node *n)
{
    if (n->kind == NM_VAR) {
        struct nm_var *v = sema_lookup(s->m, n->text);
        if (v && v->decl == NM_STATE)
            v->written = 1;
    }
    for (int i = 0; i < n->n; i++)
        mark_vars(s, n->kid[i]);
}

/* Which STATEs a block gives values to: primed, in reactions, in equations. */
static void mark_solved(struct sema *s, const nm_node *n)
{
    if (n->kind == NM_ASSIGN && n->kid[0]->ival) {
        struct nm_var *v = sema_lookup(s->m, n->kid[0]->text);
        if (v)
            v->written = 1;
    }
    if (n->kind == NM_EQUATION || n->kind == NM_REACTION || n->kind == NM_CONSERVE) {
        mark_vars(s, n);
        return;
    }
    if (n->kind == NM_REACTANT) {
        struct nm_var *v = sema_lookup(s->m, n->kid[0]->text);
        if (v)
            v->written = 1;
    }
    for (int i = 0; i < n->n; i++)
        mark_solved(s, n->kid[i]);
}

static const nm_node *find_solve(const nm_node *n)
{
    if (n->kind == NM_SOLVE)
        return n;
    for (int i = 0; i < n->n; i++) {
        const nm_node *r = find_solve(n->kid[i]);
        if (r)
            return r;
    }
    return NULL;
}

static void analyze(struct sema *s, const nm_tree *t)
{
    struct nm_mech *m = s->m;
    const nm_node *items[1024];
    int n = 0;
    collect_items(nm_root(t), items, &n, 1024);
    struct nrnlists L;
    memset(&L, 0, sizeof L);
    m->usetable = -1;
    for (int i = 0; i < n; i++)
        if (items[i]->kind == NM_NEURON)
            do_neuron(s, items[i], &L);
    if (!m->name) { /* as nocmodl: a density mechanism named after the file */
        const char *b = strrchr(m->file, '/');
        b = b ? b + 1 : m->file;
        size_t len = strlen(b);
        if (len > 4 && strcmp(b + len - 4, ".mod") == 0)
            len -= 4;
        char *nm = arena_alloc(&m->arena, len + 1);
        if (!nm)
            serr(s, NULL, "out of memory");
        memcpy(nm, b, len);
        m->name = nm;
        m->kind = NRN_DENSITY;
    }
    for (int i = 0; i < n; i++) {
        const nm_node *it = items[i];
        switch (it->kind) {
        case NM_PARAMETER: case NM_ASSIGNED: case NM_STATE: case NM_CONSTANT:
            do_decls(s, it, &L);
            break;
        case NM_UNITS:
            for (int j = 0; j < it->n; j++)
                if (it->kid[j]->kind == NM_FACTOR) {
                    struct nm_var *v = add_var(s, it->kid[j]->text, it->kid[j]);
                    v->decl = NM_UNITS;
                    v->where = W_CONST;
                }
            break;
        case NM_PROCEDURE: case NM_FUNCTION: case NM_FUNCTION_TABLE:
            if (sema_func(m, it->text) || m->nfunc == 64)
                serr(s, it, "'%s' is defined twice", it->text);
            m->func[m->nfunc].name = it->text;
            m->func[m->nfunc].node = it;
            m->func[m->nfunc].is_func = it->kind != NM_PROCEDURE;
            m->nfunc++;
            break;
        case NM_LOCAL:
            for (int j = 0; j < it->n; j++) {
                struct nm_var *v = add_var(s, it->kid[j]->text, it->kid[j]);
                v->where = W_CONST; /* a file-scope static double */
                v->decl = NM_LOCAL;
                v->dim = it->kid[j]->ival;
            }
            break;
        case NM_INITIAL: m->initial = it; break;
        case NM_BREAKPOINT: m->breakpoint = it; break;
        case NM_NET_RECEIVE: m->net_receive = it; break;
        default: break;
        }
    }
    /* ion variables used but not declared in ASSIGNED are declared by USEION */
    for (int k = 0; k < m->nion; k++)
        for (int rw = 0; rw < 2; rw++) {
            const nm_node *l = m->ion[k].at->kid[rw];
            for (int j = 0; j < l->n; j++)
                if (!sema_lookup(m, l->kid[j]->text)) {
                    struct nm_var *v = add_var(s, l->kid[j]->text, l->kid[j]);
                    v->decl = NM_ASSIGNED;
                    ion_place(m, v, k, ion_column(m->ion[k].name, v->name));
                }
        }
    for (int i = 0; i < L.nexternal; i++) /* EXTERNAL names need no declaration */
        for (int j = 0; j < L.external[i]->n; j++)
            if (!sema_lookup(m, L.external[i]->kid[j]->text)) {
                struct nm_var *v = add_var(s, L.external[i]->kid[j]->text, L.external[i]->kid[j]);
                v->decl = NM_ASSIGNED;
                v->where = W_EXTERNAL;
            }
    state0_params(s, &L);
    check_lists(s, L.range, L.nrange);
    check_lists(s, L.global, L.nglobal);
    check_lists(s, L.cur, L.ncur);
    /* the currents, in NEURON block order: USEION WRITE currents, then the others */
    for (int i = 0; i < n; i++) {
        if (items[i]->kind != NM_NEURON)
            continue;
        for (int j = 0; j < items[i]->n; j++) {
            const nm_node *k = items[i]->kid[j];
            const nm_node *l = k->kind == NM_USEION ? k->kid[1]
                             : k->kind == NM_NRNLIST && (!strcmp(k->value, "NONSPECIFIC_CURRENT") ||
                                                         !strcmp(k->value, "ELECTRODE_CURRENT")) ? k
                             : NULL;
            for (int q = 0; l && q < l->n; q++) {
                struct nm_var *v = sema_lookup(m, l->kid[q]->text);
                if (v && (k->kind != NM_USEION || (v->where == W_RANGE && v->ioncol == ION_CUR)) &&
                    m->ncur < 32)
                    m->cur[m->ncur++] = (int)(v - m->var);
            }
        }
    }
    for (int i = 0; i < m->nfunc; i++)
        for (int j = 0; m->func[i].node->n > 1 && j < m->func[i].node->kid[1]->n; j++) {
            const nm_node *st = m->func[i].node->kid[1]->kid[j];
            if (st->kind == NM_TABLE) {
                m->func[i].table = st;
                m->func[i].ntabvar = st->kid[0]->n;
            }
        }
    /* the draw counter of each instance (gen_random.c); a point process's is its object's */
    if (m->kind == NRN_DENSITY && nm_uses_random(m->root)) {
        struct nm_var *v = add_var(s, "_ranc", m->root);
        v->decl = NM_ASSIGNED;
        v->where = W_RANGE;
        v->hidden = 1;
    }
    layout(s);
    for (int i = 0; i < n; i++) {
        switch (items[i]->kind) {
        case NM_INITIAL: case NM_BREAKPOINT: case NM_DERIVATIVE: case NM_KINETIC:
        case NM_LINEAR: case NM_NONLINEAR: case NM_PROCEDURE: case NM_FUNCTION:
        case NM_NET_RECEIVE: case NM_CONSTRUCTOR: case NM_DESTRUCTOR: case NM_BEFORE:
        case NM_AFTER: case NM_DISCRETE:
            check_block(s, items[i]);
            break;
        default:
            break;
        }
    }
    if (m->breakpoint && (m->solve = find_solve(m->breakpoint))) {
        for (int i = 0; i < n; i++)
            if (items[i]->text && strcmp(items[i]->text, m->solve->text) == 0 &&
                (items[i]->kind == NM_DERIVATIVE || items[i]->kind == NM_KINETIC ||
                 items[i]->kind == NM_PROCEDURE || items[i]->kind == NM_LINEAR ||
                 items[i]->kind == NM_NONLINEAR))
                m->solved = items[i];
        if (!m->solved)
            serr(s, m->solve, "SOLVE %s: no DERIVATIVE, KINETIC, LINEAR, NONLINEAR or PROCEDURE "
                 "block is named %s", m->solve->text, m->solve->text);
    }
    for (int i = 0; i < n; i++)
        if (items[i]->kind == NM_DERIVATIVE || items[i]->kind == NM_KINETIC ||
            items[i]->kind == NM_LINEAR || items[i]->kind == NM_NONLINEAR)
            mark_solved(s, items[i]);
    for (int i = 0; i < m->nvar; i++)
        if (m->var[i].decl == NM_STATE && !m->var[i].written)
            serr(s, m->var[i].at, "STATE %s is never solved nor assigned", m->var[i].name);
}

nm_mech *nm_analyze(const nm_tree *t, char *err, size_t errsize)
{
    struct sema s = { .err = err, .errsize = errsize };
    struct nm_mech *volatile m = calloc(1, sizeof *m);
    if (!m) {
        snprintf(err, errsize, "out of memory");
        return NULL;
    }
    s.m = m;
    m->root = nm_root(t);
    m->file = m->root->file;
    if (setjmp(s.fail)) {
        text_oneline(err, errsize); /* names quoted from the file stay on the line */
        nm_mech_free(m);
        return NULL;
    }
    analyze(&s, t);
    return m;
}

void nm_mech_free(nm_mech *m)
{
    if (!m)
        return;
    arena_free(&m->arena);
    free(m);
}

const char *nm_mech_name(const nm_mech *m)
{
    return m->name;
}
