/*
** gen_expr.c: C text of NMODL expressions and statements. nocmodl writes the tokens of
** the .mod file into C (the C compiler parses them again), so the text here keeps the
** source's order and parentheses and nocmodl's spellings: integers in expressions become
** doubles (2 -> 2.0), x^y becomes pow(x, y). The cnexp update of a DERIVATIVE equation
** comes from the same symbolic algebra as nocmodl's (the linear form a*x + b of x' and its
** derivative, with the same parenthesised text), so the arithmetic is the same.
*/
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "gen.h"
#include "../engine/nrn_mech.h"

_Noreturn void gerr(struct gen *g, const nm_node *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    node_vmsg(g->err, g->errsize, at, g->m->file, fmt, ap);
    va_end(ap);
    longjmp(g->fail, 1);
}

char *gfmt(struct gen *g, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = arena_alloc(&g->m->arena, (size_t)n + 1);
    if (!s)
        gerr(g, NULL, "out of memory");
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

void gline(struct gen *g, const char *fmt, ...)
{
    va_list ap;
    fprintf(g->out, "%*s", g->depth * 4, "");
    va_start(ap, fmt);
    vfprintf(g->out, fmt, ap);
    va_end(ap);
    fputc('\n', g->out);
}

void gscope_add(struct gen *g, struct gscope *sc, const char *name, const char *c)
{
    if (sc->n == 64)
        gerr(g, NULL, "more than 64 LOCALs in one block");
    sc->name[sc->n] = name;
    sc->c[sc->n++] = c;
}

const char *gen_scope_find(const struct gscope *sc, const char *name)
{
    for (; sc; sc = sc->up)
        for (int i = sc->n - 1; i >= 0; i--)
            if (strcmp(sc->name[i], name) == 0)
                return sc->c[i];
    return NULL;
}

/* The C text of a variable's value (no index). */
static const char *var_text(struct gen *g, const nm_node *v, const struct gscope *sc)
{
    const char *name = v->text;
    const char *local = gen_scope_find(sc, name);
    if (local)
        return gfmt(g, "%s", local);
    if (!strcmp(name, "v"))
        return "_a->v";
    if (!strcmp(name, "t"))
        return "_a->c->t";
    if (!strcmp(name, "dt"))
        return "_a->c->dt";
    if (!strcmp(name, "celsius"))
        return "_a->c->celsius";
    if (!strcmp(name, "diam") || !strcmp(name, "area")) { /* the segment's, as NEURON's */
        if (g->m->kind == NRN_ARTCELL)
            gerr(g, v, "'%s': an ARTIFICIAL_CELL has no segment", name);
        return gfmt(g, "_a->c->%s[_a->md->node[_a->i]]", name);
    }
    struct nm_var *x = sema_lookup(g->m, name);
    if (x && x->dim && !local)
        gerr(g, v, "'%s' is an array: it needs an index", name);
    if (!x && g->dry)
        return gfmt(g, "_l%s", name); /* a LOCAL of a block not being written */
    if (!x)
        gerr(g, v, "'%s' is not declared", name);
    switch (x->where) {
    case W_RANGE: return gfmt(g, "_R(%d)", x->col);
    case W_GLOBAL: return gfmt(g, "_G(%d)", x->col);
    case W_ION: return gfmt(g, "_I(%d, %d)", x->ion, x->col);
    case W_CONST: return gfmt(g, "_k_%s", name);
    case W_POINTER: return gfmt(g, "_P(%d)", x->col);
    case W_EXTERNAL: return gfmt(g, "(*nrn_external(_a->c, \"%s\"))", name);
    default: return gfmt(g, "%s", name);
    }
}

static const char *int_expr(struct gen *g, const nm_node *e, const struct gscope *sc);

/*
** x[i]: a LOCAL array is a C array; a RANGE array is the columns col .. col+dim-1 (nocmodl
** writes the index as an int expression, a double index cast to int).
*/
static const char *indexed_text(struct gen *g, const nm_node *v, const struct gscope *sc)
{
    const char *idx = int_expr(g, v->kid[0], sc);
    const char *local = gen_scope_find(sc, v->text);
    if (local)
        return gfmt(g, "%s[%s]", local, idx);
    struct nm_var *x = sema_lookup(g->m, v->text);
    if (x && x->dim && x->where == W_RANGE)
        return gfmt(g, "_a->col[%d + (%s)][_a->i]", x->col, idx);
    if (x && x->dim && x->where == W_GLOBAL)
        return gfmt(g, "_G(%d + (%s))", x->col, idx);
    if (x && x->dim && x->where == W_CONST && x->decl == NM_LOCAL)
        return gfmt(g, "_k_%s[%s]", v->text, idx);
    if (g->dry)
        return gfmt(g, "_l%s[%s]", v->text, idx);
    gerr(g, v, "'%s' is not an array", v->text);
}

const char *gen_lvalue(struct gen *g, const nm_node *var, const struct gscope *sc)
{
    if (var->n && !var->ival)
        return indexed_text(g, var, sc);
    if (var->n)
        gerr(g, var, "%s'[...]: derivatives of array STATEs are not supported yet", var->text);
    if (var->ival)
        gerr(g, var, "%s': a derivative is assigned only in a DERIVATIVE block", var->text);
    struct nm_var *x = gen_scope_find(sc, var->text) ? NULL : sema_lookup(g->m, var->text);
    if (x && x->where == W_SPECIAL && (!strcmp(x->name, "diam") || !strcmp(x->name, "area")))
        gerr(g, var, "'%s' is the segment's: a mechanism cannot assign it", var->text);
    if (x && x->where == W_ION)
        gerr(g, var, "'%s' is read from the ion: write it through USEION ... WRITE %s",
             var->text, var->text);
    if (x && x->where == W_CONST && x->decl != NM_LOCAL)
        gerr(g, var, "'%s' is a constant", var->text);
    return var_text(g, var, sc);
}

static const char *call_text(struct gen *g, const nm_node *c, const struct gscope *sc)
{
    const char *args = "";
    for (int i = 0; i < c->n; i++)
        args = gfmt(g, "%s%s%s", args, i ? " , " : "", gen_expr(g, c->kid[i], sc));
    const char *f = c->text;
    struct nm_func *fn = sema_func(g->m, f);
    if (fn)
        return gfmt(g, "_fn_%s ( _a%s%s )", f, c->n ? " , " : "", args);
    if (!strcmp(f, "net_send")) {
        if (c->n != 2)
            gerr(g, c, "net_send takes 2 arguments (delay, flag)");
        return gfmt(g, "nrn_net_send ( _a->c , _a->md , _a->i , %s )", args);
    }
    if (!strcmp(f, "net_event")) {
        if (c->n != 1)
            gerr(g, c, "net_event takes 1 argument (the time)");
        return gfmt(g, "nrn_net_event ( _a->c , _a->md , _a->i , %s )", args);
    }
    if (!strcmp(f, "net_move")) {
        if (c->n != 1)
            gerr(g, c, "net_move takes 1 argument (the time)");
        return gfmt(g, "nrn_net_move ( _a->c , _a->md , _a->i , %s )", args);
    }
    if (!strcmp(f, "at_time")) {
        if (c->n != 1)
            gerr(g, c, "at_time takes 1 argument (the time)");
        return gfmt(g, "_at_time ( _a , %s )", args);
    }
    if (!strcmp(f, "record_value")) {
        /* our extension: APCount's VERBATIM Vector append, as an engine service */
        if (c->n != 1)
            gerr(g, c, "record_value takes 1 argument (the value)");
        if (g->m->kind != NRN_POINT && g->m->kind != NRN_ARTCELL)
            gerr(g, c, "record_value: only a POINT_PROCESS or ARTIFICIAL_CELL records");
        return gfmt(g, "nrn_mech_record ( _a->c , _a->md , _a->i , %s )", args);
    }
    const char *rnd = gen_random_call(g, c, args);
    if (rnd)
        return rnd;
    if (!strcmp(f, "state_discontinuity")) {
        /* NEURON's fixed step assigns; its CVODE also re-initializes (events do here) */
        if (c->n != 2 || c->kid[0]->kind != NM_VAR)
            gerr(g, c, "state_discontinuity takes 2 arguments (a variable, its new value)");
        return gfmt(g, "( %s = %s )", gen_lvalue(g, c->kid[0], sc), gen_expr(g, c->kid[1], sc));
    }
    if (!strcmp(f, "nrn_pointing"))
        return gen_pointing(g, c, sc);
    if (!strcmp(f, "INT"))
        return gfmt(g, "( double ) ( int ) ( %s )", args);
    static const char *const clib[] = {
        "exp", "log", "log10", "sqrt", "fabs", "pow", "sin", "cos", "tan", "asin", "acos",
        "atan", "atan2", "sinh", "cosh", "tanh", "floor", "ceil", "fmod", "erf", "erfc",
        "fmin", "fmax", "printf", NULL,
    };
    /* exp as nrn_hexp: NEURON's range, the C library's bits within it (exp_hoc.c) */
    for (int i = 0; clib[i]; i++)
        if (!strcmp(clib[i], f))
            return gfmt(g, "%s ( %s )", strcmp(f, "exp") ? f : "nrn_hexp", args);
    gerr(g, c, "%s(): not supported yet", f);
}

const char *gen_expr(struct gen *g, const nm_node *e, const struct gscope *sc)
{
    switch (e->kind) {
    case NM_NUM:
        /* nocmodl writes an integer in an expression as a double */
        if (!strpbrk(e->text, ".eE"))
            return gfmt(g, "%s.0", e->text);
        return gfmt(g, "%s", e->text);
    case NM_VAR:
        if (e->ival)
            gerr(g, e, "%s': a derivative can only be assigned", e->text);
        if (e->n)
            return indexed_text(g, e, sc);
        return var_text(g, e, sc);
    case NM_CALL:
        return call_text(g, e, sc);
    case NM_STRING:
        return gfmt(g, "%s", e->text);
    case NM_PAREN:
        return gfmt(g, "( %s )", gen_expr(g, e->kid[0], sc));
    case NM_UNOP:
        return gfmt(g, "%s %s", e->text, gen_expr(g, e->kid[0], sc));
    case NM_BINOP:
        if (!strcmp(e->text, "^"))
            return gfmt(g, "pow( %s , %s )", gen_expr(g, e->kid[0], sc),
                        gen_expr(g, e->kid[1], sc));
        return gfmt(g, "%s %s %s", gen_expr(g, e->kid[0], sc), e->text,
                    gen_expr(g, e->kid[1], sc));
    default:
        gerr(g, e, "%s: not an expression", nm_kind_name(e->kind));
    }
}

/* An integer expression (FROM bounds): numbers stay integers. */
static const char *int_expr(struct gen *g, const nm_node *e, const struct gscope *sc)
{
    switch (e->kind) {
    case NM_NUM: return gfmt(g, "%s", e->text);
    case NM_PAREN: return gfmt(g, "( %s )", int_expr(g, e->kid[0], sc));
    case NM_UNOP: return gfmt(g, "%s %s", e->text, int_expr(g, e->kid[0], sc));
    case NM_BINOP:
        if (strchr("+-*/", e->text[0]) && !e->text[1])
            return gfmt(g, "%s %s %s", int_expr(g, e->kid[0], sc), e->text,
                        int_expr(g, e->kid[1], sc));
        break;
    case NM_VAR: {
        const char *local = gen_scope_find(sc, e->text);
        if (local && !strncmp(local, "_i", 2))
            return gfmt(g, "%s", local);
        return gfmt(g, "( ( int ) %s )", gen_expr(g, e, sc));
    }
    default: break;
    }
    return gfmt(g, "( int ) ( %s )", gen_expr(g, e, sc));
}

const char *gen_index(struct gen *g, const nm_node *var, const struct gscope *sc)
{
    return int_expr(g, var->kid[0], sc);
}

/* ---- the symbolic form of x' = f: text of f, df/dx, and f = a*x + b ---- */

struct dq {
    const char *e, *d, *a, *b;
};

static int zero(const char *s)
{
    return strcmp(s, "0.0") == 0;
}

static struct dq diffeq(struct gen *g, const nm_node *n, const char *state, const struct gscope *sc,
                        int *d_bad, int *eq_bad)
{
    struct dq r = {"0.0", "0.0", "0.0", "0.0"};
    struct dq x, y;
    switch (n->kind) {
    case NM_VAR:
        r.e = gen_expr(g, n, sc);
        if (!strcmp(n->text, state) && !gen_scope_find(sc, n->text)) {
            r.d = r.a = "1.0";
        } else {
            r.b = r.e;
        }
        return r;
    case NM_NUM:
        r.e = r.b = gen_expr(g, n, sc);
        return r;
    case NM_CALL: {
        /* a state inside a call's arguments: not linear, no derivative */
        for (int i = 0; i < n->n; i++) {
            struct dq q = diffeq(g, n->kid[i], state, sc, d_bad, eq_bad);
            if (!zero(q.d))
                *d_bad = *eq_bad = 1;
        }
        r.e = r.b = gen_expr(g, n, sc);
        return r;
    }
    case NM_PAREN:
        x = diffeq(g, n->kid[0], state, sc, d_bad, eq_bad);
        r.e = gfmt(g, "( %s )", x.e);
        if (!zero(x.d)) r.d = gfmt(g, "( %s )", x.d);
        if (!zero(x.a)) r.a = gfmt(g, "( %s )", x.a);
        if (!zero(x.b)) r.b = gfmt(g, "( %s )", x.b);
        return r;
    case NM_UNOP:
        if (strcmp(n->text, "-"))
            break;
        x = diffeq(g, n->kid[0], state, sc, d_bad, eq_bad);
        r.e = gfmt(g, "- %s", x.e);
        if (!zero(x.d)) r.d = gfmt(g, "- %s", x.d);
        if (!zero(x.a)) r.a = gfmt(g, "- %s", x.a);
        if (!zero(x.b)) r.b = gfmt(g, "- %s", x.b);
        return r;
    case NM_BINOP: {
        char op = n->text[0];
        if (n->text[1] || !strchr("+-*/", op))
            break;
        x = diffeq(g, n->kid[0], state, sc, d_bad, eq_bad);
        y = diffeq(g, n->kid[1], state, sc, d_bad, eq_bad);
        r.e = gfmt(g, "%s %c %s", x.e, op, y.e);
        if (op == '+' || op == '-') {
            const char *xs[3] = {x.d, x.a, x.b}, *ys[3] = {y.d, y.a, y.b};
            const char *out[3];
            for (int k = 0; k < 3; k++) {
                if (!zero(xs[k]) && !zero(ys[k]))
                    out[k] = gfmt(g, "%s %c %s", xs[k], op, ys[k]);
                else if (!zero(xs[k]))
                    out[k] = xs[k];
                else if (!zero(ys[k]))
                    out[k] = op == '+' ? ys[k] : gfmt(g, "( - %s )", ys[k]);
                else
                    out[k] = "0.0";
            }
            r.d = out[0], r.a = out[1], r.b = out[2];
        } else if (op == '*') {
            if (!zero(x.d) && !zero(y.d))
                r.d = gfmt(g, "(( %s )*( %s ) + ( %s )*( %s ))", x.d, y.e, x.e, y.d);
            else if (!zero(x.d))
                r.d = gfmt(g, "( %s )*( %s )", x.d, y.e);
            else if (!zero(y.d))
                r.d = gfmt(g, "( %s )*( %s )", x.e, y.d);
            if (!zero(x.a) && !zero(y.a))
                *eq_bad = 1;
            else if (!zero(x.a) && !zero(y.b))
                r.a = gfmt(g, "( %s )*( %s )", x.a, y.b);
            else if (!zero(y.a) && !zero(x.b))
                r.a = gfmt(g, "( %s )*( %s )", x.b, y.a);
            if (!zero(x.b) && !zero(y.b))
                r.b = gfmt(g, "( %s )*( %s )", x.b, y.b);
        } else {
            if (!zero(y.d))
                *d_bad = 1;
            else if (!zero(x.d))
                r.d = gfmt(g, "( %s ) / %s", x.d, y.e);
            if (!zero(y.a))
                *eq_bad = 1;
            else if (!zero(x.a))
                r.a = gfmt(g, "( %s ) / %s", x.a, y.e);
            if (!zero(x.b))
                r.b = gfmt(g, "( %s ) / %s", x.b, y.e);
        }
        return r;
    }
    default:
        break;
    }
    *d_bad = *eq_bad = 1;
    r.e = r.b = gen_expr(g, n, sc);
    return r;
}

const char *gen_dfdx(struct gen *g, const nm_node *f, const char *state, const struct gscope *sc)
{
    int d_bad = 0, eq_bad = 0;
    struct dq q = diffeq(g, f, state, sc, &d_bad, &eq_bad);
    return d_bad ? NULL : q.d;
}

/* 1 if every x' = f below n is linear in x, so that cnexp can solve it (nocmodl turns a
** cnexp block it cannot solve into derivimplicit). */
int gen_cnexp_possible(struct gen *g, const nm_node *n)
{
    if (n->kind == NM_ASSIGN && n->kid[0]->ival) {
        int d_bad = 0, eq_bad = 0;
        g->dry = 1;
        (void)diffeq(g, n->kid[1], n->kid[0]->text, NULL, &d_bad, &eq_bad);
        g->dry = 0;
        return n->kid[0]->ival == 1 && !d_bad && !eq_bad;
    }
    if (n->kind == NM_LOCAL)
        return 1;
    for (int i = 0; i < n->n; i++)
        if (!gen_cnexp_possible(g, n->kid[i]))
            return 0;
    return 1;
}

/* x' = f under cnexp: x += (1 - exp(dt*df/dx))*(-b/a - x), or x -= dt*(-b) when f has no x. */
static void gen_cnexp(struct gen *g, const nm_node *s, const struct gscope *sc)
{
    const nm_node *lhs = s->kid[0];
    if (lhs->ival != 1)
        gerr(g, lhs, "%s: only first derivatives can be solved by cnexp", lhs->text);
    int d_bad = 0, eq_bad = 0;
    struct dq q = diffeq(g, s->kid[1], lhs->text, sc, &d_bad, &eq_bad);
    if (d_bad || eq_bad)
        gerr(g, s, "cnexp: %s' is not linear in %s", lhs->text, lhs->text);
    nm_node plain = *lhs;
    plain.ival = 0;
    const char *x = gen_expr(g, &plain, sc);
    if (zero(q.d))
        gline(g, "%s = %s - _a->c->dt*(- ( %s ) );", x, x, q.b);
    else
        gline(g, "%s = %s + (1. - nrn_hexp(_a->c->dt*(%s)))*(- ( %s ) / ( %s ) - %s);", x, x, q.d,
              q.b, q.a, x);
}

void gen_body(struct gen *g, const nm_node *blk, const struct gscope *up)
{
    struct gscope sc = { .up = up };
    for (int i = 0; i < blk->n; i++) {
        const nm_node *s = blk->kid[i];
        if (s->kind == NM_LOCAL) {
            for (int j = 0; j < s->n; j++) {
                const char *c = gfmt(g, "_l%s", s->kid[j]->text);
                if (s->kid[j]->ival)
                    gline(g, "double %s[%d];", c, s->kid[j]->ival);
                else
                    gline(g, "double %s;", c);
                gscope_add(g, &sc, s->kid[j]->text, c);
            }
            continue;
        }
        if (s->kind == NM_LAG) { /* its lag_x_d is a LOCAL of the block */
            gen_lag(g, s, &sc);
            continue;
        }
        gen_stmt(g, s, &sc);
    }
}

static void gen_nested(struct gen *g, const nm_node *blk, const struct gscope *sc)
{
    g->depth++;
    gen_body(g, blk, sc);
    g->depth--;
}

/* What a VERBATIM block's names may refer to: the scope's LOCALs, the file's POINTERs. */
struct vscope {
    const struct gscope *sc;
    const struct nm_mech *m;
    int inblock;    /* in a block (where _a is), not at file scope */
};

static int local_in_scope(void *ud, const char *name, size_t n)
{
    const struct vscope *vs = ud;
    if (n > 3 && strncmp(name, "_p_", 3) == 0) {
        for (int i = 0; i < vs->m->nvar; i++)
            if (vs->m->var[i].where == W_POINTER && strlen(vs->m->var[i].name) == n - 3 &&
                strncmp(vs->m->var[i].name, name + 3, n - 3) == 0)
                return vs->inblock;
        return 0;
    }
    for (const struct gscope *sc = vs->sc; sc; sc = sc->up)
        for (int i = 0; i < sc->n; i++)
            if (strlen(sc->name[i]) == n && strncmp(sc->name[i], name, n) == 0)
                return 1;
    return 0;
}

void gen_verbatim(struct gen *g, const nm_node *s, const struct gscope *sc)
{
    char bad[80];
    /* a helper at file scope declared with nocmodl's _threadargsproto_ has _a as a block */
    int inblock = g->ctx != 0 || verbatim_has_args(s->text);
    struct vscope vs = { sc, g->m, inblock };
    if (verbatim_bad(s->text, local_in_scope, &vs, bad, sizeof bad))
        verbatim_refuse(g, s, bad);
    struct nm_mech *m = g->m;
    if (inblock) { /* the names nocmodl's C has for the mechanism's variables */
        for (int i = 0; i < m->nvar; i++) {
            const struct nm_var *v = &m->var[i];
            if (v->where != W_SPECIAL && !v->dim) /* an array has no one C name here */
                fprintf(g->out, "#define %s %s\n", v->name, var_text(g, &(nm_node){.text = v->name},
                                                                   NULL));
            if (v->where == W_POINTER) /* nocmodl's address of a POINTER (NULL: not set) */
                fprintf(g->out, "#define _p_%s (_a->md->ptr[%d][_a->i])\n", v->name, v->col);
        }
        fputs("#define v (_a->v)\n#define t (_a->c->t)\n#define dt (_a->c->dt)\n"
              "#define celsius (_a->c->celsius)\n", g->out);
        if (m->kind != NRN_ARTCELL)
            fputs("#define diam (_a->c->diam[_a->md->node[_a->i]])\n"
                  "#define area (_a->c->area[_a->md->node[_a->i]])\n", g->out);
    }
    fprintf(g->out, "/* VERBATIM, %s:%d */\n%s\n", s->file, s->line, s->text);
    if (inblock) {
        for (int i = 0; i < m->nvar; i++)
            if (m->var[i].where != W_SPECIAL)
                fprintf(g->out, "#undef %s\n", m->var[i].name);
        for (int i = 0; i < m->nvar; i++)
            if (m->var[i].where == W_POINTER)
                fprintf(g->out, "#undef _p_%s\n", m->var[i].name);
        fputs("#undef v\n#undef t\n#undef dt\n#undef celsius\n#undef diam\n#undef area\n",
              g->out);
    }
}

void gen_stmt(struct gen *g, const nm_node *s, const struct gscope *sc)
{
    if (gen_kinetic_stmt(g, s, sc) || gen_linear_stmt(g, s, sc))
        return;
    switch (s->kind) {
    case NM_ASSIGN:
        if (s->kid[0]->ival) {
            if (g->ctx != NM_DERIVATIVE)
                gerr(g, s, "%s': a derivative outside a DERIVATIVE block", s->kid[0]->text);
            if (g->matsol) {
                gen_ode_matsol_eq(g, s, sc);
                return;
            }
            if (g->implicit) {
                int k = 0;
                while (k < g->nstate && strcmp(g->state[k], s->kid[0]->text) != 0)
                    k++;
                gline(g, "_D[%d] = %s;", k, gen_expr(g, s->kid[1], sc));
                return;
            }
            gen_cnexp(g, s, sc);
            return;
        }
        gline(g, "%s = %s;", gen_lvalue(g, s->kid[0], sc), gen_expr(g, s->kid[1], sc));
        return;
    case NM_EXPRSTMT:
        gline(g, "%s;", gen_expr(g, s->kid[0], sc));
        return;
    case NM_BLOCK:
        gline(g, "{");
        gen_nested(g, s, sc);
        gline(g, "}");
        return;
    case NM_IF:
        gline(g, "if ( %s ) {", gen_expr(g, s->kid[0], sc));
        for (;;) {
            gen_nested(g, s->kid[1], sc);
            if (s->n < 3)
                break;
            if (s->kid[2]->kind == NM_IF) {
                s = s->kid[2];
                gline(g, "} else if ( %s ) {", gen_expr(g, s->kid[0], sc));
                continue;
            }
            gline(g, "} else {");
            gen_nested(g, s->kid[2], sc);
            break;
        }
        gline(g, "}");
        return;
    case NM_WHILE:
        gline(g, "while ( %s ) {", gen_expr(g, s->kid[0], sc));
        gen_nested(g, s->kid[1], sc);
        gline(g, "}");
        return;
    case NM_FROM: {
        struct gscope inner = { .up = sc };
        const char *iv = gfmt(g, "_i%s", s->text);
        gscope_add(g, &inner, s->text, iv);
        const char *by = s->kid[2]->kind == NM_NONE ? NULL : int_expr(g, s->kid[2], sc);
        gline(g, "for (int %s = %s; %s <= %s; %s%s%s) {", iv, int_expr(g, s->kid[0], sc), iv,
              int_expr(g, s->kid[1], sc), iv, by ? " += " : "++", by ? by : "");
        gen_nested(g, s->kid[3], &inner);
        gline(g, "}");
        return;
    }
    case NM_UNITSFLAG: case NM_TABLE:
        return; /* TABLE: the function around it is written with its table */
    case NM_PROTECT: /* one thread: the assignment itself */
        gen_stmt(g, s->kid[0], sc);
        return;
    case NM_MUTEX: /* each thread runs a model of its own (threads_split.c): nothing to lock */
        return;
    case NM_SOLVE:
        if (gen_kinetic_solve(g, s) || gen_linear_solve(g, s) || gen_deriv_solve(g, s))
            return;
        gerr(g, s, "SOLVE %s here: only a SOLVE in BREAKPOINT is supported yet", s->text);
    case NM_VERBATIM:
        gen_verbatim(g, s, sc);
        return;
    case NM_WATCH: case NM_NETINITIAL: case NM_FOR_NETCONS:
        gen_netrecv_stmt(g, s, sc);
        return;
    default:
        gerr(g, s, "%s statements are not supported yet", nm_kind_name(s->kind));
    }
}
