/*
** gen_linear.c: LINEAR and NONLINEAR blocks, written as NEURON 8.2.2's nocmodl writes them and
** solved as its scopmath solves them, so that the numbers are the same:
**
**  - the states of a block (its SOLVEFOR list, else the STATEs its equations name) are the
**    columns: for NONLINEAR in nocmodl's symbol-table order (gen_sym_before), for LINEAR in
**    the order the equations first name them;
**  - NONLINEAR: equation k, `~ L = R`, is the residual value[k] = -( L ) + R, and the block is
**    solved by scopmath's newton (the one derivimplicit uses, gen.c);
**  - LINEAR: each equation is split into its terms (top-level + and -); a term with one
**    state as a factor adds the term's text with that state replaced by 1.0 to the state's
**    coefficient, a term without one goes to the right-hand side, with the sign it has in
**    R - L, in the order written; then scopmath's simeq (Gaussian elimination with row
**    pivoting, rows not moved) solves it.
*/
#include <string.h>
#include "gen.h"

/* Inlined and its loops unrolled: n is a constant at each call, so a small system (VClamp's
** 3x3, solved three times a step) becomes straight code, half the instructions of the loops;
** unrolling never reorders the floating-point operations. */
static const char simeq_c[] =
    "static inline __attribute__((always_inline)) int _simeq(int n, double *coef,\n"
    "                                                      double *const *soln, int *perm)\n"
    "{\n"
    "    int ipivot, isave = 0, jrow, w = n + 1;\n"
    "    #pragma GCC unroll 8\n"
    "    for (int i = 0; i < n; i++)\n"
    "        perm[i] = i;\n"
    "    #pragma GCC unroll 8\n"
    "    for (int j = 0; j < n; j++) {\n"
    "        ipivot = perm[j];\n"
    "        #pragma GCC unroll 8\n"
    "        for (int i = j + 1; i < n; i++) {\n"
    "            jrow = perm[i];\n"
    "            if (fabs(coef[ipivot*w + j]) < fabs(coef[jrow*w + j])) {\n"
    "                ipivot = jrow;\n"
    "                isave = i;\n"
    "            }\n"
    "        }\n"
    "        if (fabs(coef[ipivot*w + j]) < 1e-20)\n"
    "            return 2;\n"
    "        if (ipivot != perm[j]) {\n"
    "            perm[isave] = perm[j];\n"
    "            perm[j] = ipivot;\n"
    "        }\n"
    "        #pragma GCC unroll 8\n"
    "        for (int k = j + 1; k <= n; k++)\n"
    "            coef[ipivot*w + k] /= coef[ipivot*w + j];\n"
    "        #pragma GCC unroll 8\n"
    "        for (int i = j + 1; i < n; i++) {\n"
    "            jrow = perm[i];\n"
    "            #pragma GCC unroll 8\n"
    "            for (int k = j + 1; k <= n; k++)\n"
    "                coef[jrow*w + k] -= coef[ipivot*w + k] * coef[jrow*w + j];\n"
    "        }\n"
    "    }\n"
    "    #pragma GCC unroll 8\n"
    "    for (int i = n - 1; i >= 0; i--) {\n"
    "        jrow = perm[i];\n"
    "        *soln[i] = coef[jrow*w + n];\n"
    "        #pragma GCC unroll 8\n"
    "        for (int j = i + 1; j < n; j++)\n"
    "            *soln[i] -= coef[jrow*w + j] * (*soln[j]);\n"
    "    }\n"
    "    return 0;\n"
    "}\n";

static const nm_node *find_block(struct gen *g, const char *name)
{
    const nm_node *root = g->m->root;
    for (int pass = 0; pass < 2; pass++) /* top level, then INCLUDEd items */
        for (int i = 0; i < root->n; i++) {
            const nm_node *it = root->kid[i];
            if (!pass && (it->kind == NM_LINEAR || it->kind == NM_NONLINEAR) && it->text &&
                !strcmp(it->text, name))
                return it;
            if (pass && it->kind == NM_INCLUDE)
                for (int j = 0; j < it->n; j++)
                    if ((it->kid[j]->kind == NM_LINEAR || it->kid[j]->kind == NM_NONLINEAR) &&
                        !strcmp(it->kid[j]->text, name))
                        return it->kid[j];
        }
    return NULL;
}

static int in_solvefor(const nm_node *blk, const char *name)
{
    const nm_node *sf = blk->kid[0];
    if (!sf->n)
        return 1;
    for (int i = 0; i < sf->n; i++)
        if (!strcmp(sf->kid[i]->text, name))
            return 1;
    return 0;
}

static void collect(struct gen *g, const nm_node *blk, const nm_node *n, int ineq)
{
    ineq |= n->kind == NM_EQUATION;
    if (ineq && n->kind == NM_VAR) {
        const struct nm_var *v = sema_lookup(g->m, n->text);
        if (v && v->decl == NM_STATE && in_solvefor(blk, n->text)) {
            if (v->dim || v->where != W_RANGE)
                gerr(g, n, "%s %s: STATE arrays are not supported yet",
                     nm_kind_name(blk->kind), blk->text);
            int j = 0;
            while (j < g->counte && g->lstate[j] != v)
                j++;
            if (j == g->counte) {
                if (g->counte == 64)
                    gerr(g, n, "more than 64 states in one %s block", nm_kind_name(blk->kind));
                j = g->counte++;
                while (j > 0 && blk->kind == NM_NONLINEAR &&
                       gen_sym_before(g->m->root, v, g->lstate[j - 1])) {
                    g->lstate[j] = g->lstate[j - 1];
                    j--;
                }
                g->lstate[j] = v;
            }
        }
    }
    for (int i = 0; i < n->n; i++)
        collect(g, blk, n->kid[i], ineq);
}

/* The equations below n; one inside a loop is refused (its count would not be known). */
static int count_equations(struct gen *g, const nm_node *blk, const nm_node *n, int inloop)
{
    if (n->kind == NM_EQUATION) {
        if (inloop)
            gerr(g, n, "%s %s: an equation inside a loop is not supported yet",
                 nm_kind_name(blk->kind), blk->text);
        return 1;
    }
    int c = 0;
    for (int i = 0; i < n->n; i++)
        c += count_equations(g, blk, n->kid[i],
                             inloop || n->kind == NM_FROM || n->kind == NM_WHILE);
    return c;
}

/* Learns the block's states into g->lstate, g->counte; as many equations as states. */
static void block_states(struct gen *g, const nm_node *blk)
{
    g->counte = 0;
    collect(g, blk, blk->kid[1], 0);
    if (!g->counte)
        gerr(g, blk, "%s %s: no STATE to solve for", nm_kind_name(blk->kind), blk->text);
    int neq = count_equations(g, blk, blk->kid[1], 0);
    if (neq != g->counte)
        gerr(g, blk, "%s %s: %d equation%s for %d state%s", nm_kind_name(blk->kind), blk->text,
             neq, neq == 1 ? "" : "s", g->counte, g->counte == 1 ? "" : "s");
}

static int state_col(struct gen *g, const nm_node *var)
{
    const struct nm_var *v = sema_lookup(g->m, var->text);
    for (int k = 0; k < g->counte; k++)
        if (g->lstate[k] == v)
            return k;
    return -1;
}

/* A copy of expression e with the state variable `at` replaced by the number 1.0. */
static nm_node *with_one(struct gen *g, const nm_node *e, const nm_node *at)
{
    nm_node *c = arena_alloc(&g->m->arena, sizeof *c);
    if (!c)
        gerr(g, e, "out of memory");
    if (e == at) {
        *c = *e;
        c->kind = NM_NUM;
        c->text = "1.0";
        c->n = 0;
        return c;
    }
    *c = *e;
    if (e->n) {
        c->kid = arena_alloc(&g->m->arena, (size_t)e->n * sizeof *c->kid);
        if (!c->kid)
            gerr(g, e, "out of memory");
        for (int i = 0; i < e->n; i++)
            c->kid[i] = with_one(g, e->kid[i], at);
    }
    return c;
}

/* The state factor of a product term (NULL for none); refuses a term not linear in one. */
static const nm_node *term_state(struct gen *g, const nm_node *t, int denom)
{
    if (t->kind == NM_VAR && state_col(g, t) >= 0) {
        if (denom)
            gerr(g, t, "LINEAR: '%s' divides a term: the equation is not linear", t->text);
        return t;
    }
    if (t->kind == NM_BINOP && (!strcmp(t->text, "*") || !strcmp(t->text, "/"))) {
        const nm_node *a = term_state(g, t->kid[0], denom);
        const nm_node *b = term_state(g, t->kid[1], denom || !strcmp(t->text, "/"));
        if (a && b)
            gerr(g, t, "LINEAR: a product of states: the equation is not linear");
        return a ? a : b;
    }
    if (t->kind == NM_UNOP && !strcmp(t->text, "-"))
        return term_state(g, t->kid[0], denom);
    for (int i = 0; i < t->n; i++) { /* inside parentheses or calls: no state */
        const nm_node *s = t->kid[i];
        if (s->kind == NM_VAR && state_col(g, s) >= 0)
            gerr(g, s, "LINEAR: '%s' inside parentheses or a call: write the equation as a "
                 "sum of terms", s->text);
        if (term_state(g, s, denom))
            gerr(g, s, "LINEAR: a state inside parentheses or a call: write the equation as "
                 "a sum of terms");
    }
    return NULL;
}

/* The leading unary minus of a product (-x*2 is (-x)*2 in the tree): its sign and the rest. */
static const nm_node *strip_minus(struct gen *g, const nm_node *t, int *sign)
{
    if (t->kind == NM_UNOP && !strcmp(t->text, "-")) {
        *sign = -*sign;
        return strip_minus(g, t->kid[0], sign);
    }
    if (t->kind == NM_BINOP && (!strcmp(t->text, "*") || !strcmp(t->text, "/"))) {
        int s = 1;
        const nm_node *l = strip_minus(g, t->kid[0], &s);
        if (s < 0) {
            nm_node *c = arena_alloc(&g->m->arena, sizeof *c);
            if (!c)
                gerr(g, t, "out of memory");
            *c = *t;
            c->kid = arena_alloc(&g->m->arena, 2 * sizeof *c->kid);
            if (!c->kid)
                gerr(g, t, "out of memory");
            c->kid[0] = (nm_node *)l;
            c->kid[1] = t->kid[1];
            *sign = -*sign;
            return c;
        }
    }
    return t;
}

static void lin_terms(struct gen *g, const nm_node *e, int sign, const struct gscope *sc)
{
    if (e->kind == NM_BINOP && (!strcmp(e->text, "+") || !strcmp(e->text, "-"))) {
        lin_terms(g, e->kid[0], sign, sc);
        lin_terms(g, e->kid[1], !strcmp(e->text, "-") ? -sign : sign, sc);
        return;
    }
    const nm_node *t = strip_minus(g, e, &sign);
    const nm_node *st = term_state(g, t, 0);
    int w = g->counte + 1;
    if (st)
        gline(g, "_coef[_counte*%d + %d] %s %s;", w, state_col(g, st), sign > 0 ? "+=" : "-=",
              gen_expr(g, with_one(g, t, st), sc));
    else
        gline(g, "_coef[_counte*%d + %d] %s %s;", w, g->counte, sign > 0 ? "-=" : "+=",
              gen_expr(g, t, sc));
}

int gen_linear_stmt(struct gen *g, const nm_node *s, const struct gscope *sc)
{
    if (s->kind != NM_EQUATION || (g->ctx != NM_LINEAR && g->ctx != NM_NONLINEAR))
        return 0;
    if (g->ctx == NM_NONLINEAR) {
        gline(g, "_value[++_counte] = -( %s ) + %s;", gen_expr(g, s->kid[0], sc),
              gen_expr(g, s->kid[1], sc));
        return 1;
    }
    gline(g, "++_counte;");
    lin_terms(g, s->kid[0], -1, sc);
    lin_terms(g, s->kid[1], 1, sc);
    return 1;
}

static void gen_block(struct gen *g, const nm_node *blk)
{
    block_states(g, blk);
    int n = g->counte;
    if (blk == g->m->solved) { /* its states, for the CVODE refusal (gen_linear_fields) */
        const char *cols = "";
        for (int k = 0; k < n; k++)
            cols = gfmt(g, "%s%s%d", cols, k ? ", " : "", g->lstate[k]->col);
        gline(g, "static const int _lin_svars[%d] = { %s };", n, cols);
        g->nlinstate = n;
    }
    g->ctx = blk->kind;
    if (blk->kind == NM_NONLINEAR) {
        gen_newton_runtime(g);
        gline(g, "static __attribute__((unused)) void _nl_%s(_args *_a, double *const *_x, "
              "const double *_save, double *_D, double *_value)", blk->text);
        gline(g, "{");
        g->depth++;
        gline(g, "int _counte = -1;");
        gline(g, "(void)_x; (void)_save; (void)_D;");
    } else {
        if (!g->simeq_out)
            fputs(simeq_c, g->out);
        g->simeq_out = 1;
        gline(g, "static __attribute__((unused)) void _lin_%s(_args *_a, double *_coef)",
              blk->text);
        gline(g, "{");
        g->depth++;
        gline(g, "int _counte = -1;");
        gline(g, "for (int _k = 0; _k < %d; _k++)", n * (n + 1));
        gline(g, "    _coef[_k] = 0.;");
    }
    gen_body(g, blk->kid[1], NULL);
    g->depth--;
    gline(g, "}");
    g->counte = 0;
    g->ctx = 0;
}

void gen_linear_blocks(struct gen *g)
{
    const nm_node *root = g->m->root;
    for (int i = 0; i < root->n; i++) {
        const nm_node *it = root->kid[i];
        if (it->kind == NM_LINEAR || it->kind == NM_NONLINEAR)
            gen_block(g, it);
        if (it->kind == NM_INCLUDE)
            for (int j = 0; j < it->n; j++)
                if (it->kid[j]->kind == NM_LINEAR || it->kid[j]->kind == NM_NONLINEAR)
                    gen_block(g, it->kid[j]);
    }
}

int gen_linear_solve(struct gen *g, const nm_node *s)
{
    const nm_node *blk = find_block(g, s->text);
    if (!blk)
        return 0;
    if (s->value || s->ival)
        gerr(g, s, "SOLVE %s: a %s block is solved without METHOD or STEADYSTATE", s->text,
             nm_kind_name(blk->kind));
    block_states(g, blk);
    int n = g->counte;
    const char *xs = "";
    for (int k = 0; k < n; k++)
        xs = gfmt(g, "%s%s&_R(%d)", xs, k ? ", " : "", g->lstate[k]->col);
    g->counte = 0;
    gline(g, "{");
    g->depth++;
    gline(g, "double *const _x[%d] = { %s };", n, xs);
    if (blk->kind == NM_NONLINEAR) {
        gline(g, "double _save[%d], _D[%d], _value[%d];", n, n, n);
        gline(g, "(void)_newton(%d, _x, _x, _save, _D, _value, _a, _nl_%s);", n, blk->text);
    } else {
        gline(g, "double _coef[%d];", n * (n + 1));
        gline(g, "int _perm[%d];", n);
        gline(g, "_lin_%s(_a, _coef);", blk->text);
        gline(g, "(void)_simeq(%d, _coef, _x, _perm);", n);
    }
    g->depth--;
    gline(g, "}");
    return 1;
}

void gen_linear_fields(struct gen *g)
{
    /* states without CVODE equations: the engine refuses CVODE for the mechanism, as NEURON
    ** does ("cannot be used with CVODE") */
    if (g->nlinstate)
        gline(g, ".nstate = %d, .state_vars = _lin_svars,", g->nlinstate);
}
