/*
** gen_kinetic.c: KINETIC blocks solved by METHOD sparse (and STEADYSTATE sparse in INITIAL),
** by METHOD euler and under CVODE, written as NEURON 8.2.2's nocmodl writes them and solved
** as its scopmath sparse solver solves them, so that the numbers are the same bit for bit:
**
**  - the states are numbered as nocmodl numbers them: first one state of each CONSERVE
**    (the CONSERVEs from the last to the first, in each the last state written), then the
**    others in the order of nocmodl's symbol table (by first character, and among names
**    with the same first character the one met last in the file first);
**  - the block becomes a function that fills the Newton system of backward Euler,
**    (x - x_old)/dt = f(x): the rows -(x - x_old)/dt and 1/dt on the diagonal, scaled by
**    the COMPARTMENT volumes, then each reaction's fluxes and their derivatives (the rate
**    text followed by "* state" factors, as nocmodl concatenates them), a CONSERVE
**    replacing the row of its state;
**  - the solver (written into the generated C when needed) orders the pivots by scopmath's
**    minimum ordering (with its tie rules), eliminates and back-substitutes in that order,
**    and iterates Newton until the sum of |dx| is <= 1e-6 (once for a linear scheme;
**    negative states set to 0 for a nonlinear one), at most 22 times;
**  - METHOD euler and CVODE's ode_spec use nocmodl's derivative form of the block (the
**    fluxes summed into dstate/dt, divided by the volumes, CONSERVE ignored), CVODE's
**    ode_matsol the same solver on (I/gamma - J) x = b/gamma.
*/
#include <string.h>
#include "gen.h"
#include "../engine/nrn_mech.h"

/* Reactants and compartments of one KINETIC block, and how nocmodl numbers its states. */
struct gkin {
    const nm_node *blk;
    int nsym;
    const struct nm_var *sym[NM_MAXV];  /* the states of the system, in nocmodl's order */
    int varnum[NM_MAXV];                /* first equation of each */
    const nm_node *cap[NM_MAXV];        /* its COMPARTMENT, or NULL */
    int ncons, n, linmat;
    int mode;                           /* writing: 0 the sparse step, 1 ode_spec, 2 ode_matsol */
    int euler;                          /* BREAKPOINT's METHOD is euler (on the derivatives) */
    int nconserve;
    const nm_node *conserve[32];        /* CONSERVE statements, in equation order */
    const struct nm_var *consdiag[32];  /* the state whose row each replaces */
};

static int kin_isstate(struct gen *g, const nm_node *var)
{
    const struct nm_var *v = sema_lookup(g->m, var->text);
    if (!v || v->decl != NM_STATE)
        return 0;
    const nm_node *sf = g->kin->blk->kid[0];  /* SOLVEFOR list, empty for all */
    if (!sf->n)
        return 1;
    for (int i = 0; i < sf->n; i++)
        if (!strcmp(sf->kid[i]->text, var->text))
            return 1;
    return 0;
}

static int kin_index(const struct gkin *k, const struct nm_var *v)
{
    for (int i = 0; i < k->nsym; i++)
        if (k->sym[i] == v)
            return i;
    return -1;
}

/* Every REACTION, CONSERVE and COMPARTMENT below n, in source order. */
static void kin_collect(struct gen *g, const nm_node *n, const nm_node **out, int *nout)
{
    if (n->kind == NM_REACTION || n->kind == NM_CONSERVE || n->kind == NM_COMPARTMENT) {
        if (*nout == 256)
            gerr(g, n, "more than 256 reactions in one KINETIC block");
        out[(*nout)++] = n;
        return;
    }
    for (int i = 0; i < n->n; i++)
        kin_collect(g, n->kid[i], out, nout);
}

/* Where in the file a name is first met (nocmodl's symbol table grows in that order). */
struct firstseen {
    const char *name;
    long item, line, col;
    int found;
};

static void seen_walk(const nm_node *n, long item, struct firstseen *f)
{
    if (n->text && n->kind != NM_STRING && n->kind != NM_VERBATIM && n->kind != NM_TITLE &&
        n->kind != NM_NUM && !strcmp(n->text, f->name)) {
        if (!f->found || item < f->item || (item == f->item && (n->line < f->line ||
                                            (n->line == f->line && n->col < f->col)))) {
            f->found = 1;
            f->item = item;
            f->line = n->line;
            f->col = n->col;
        }
    }
    for (int i = 0; i < n->n; i++)
        seen_walk(n->kid[i], item, f);
}

static void seen_items(const nm_node *root, long *item, struct firstseen *f)
{
    for (int i = 0; i < root->n; i++) {
        if (root->kid[i]->kind == NM_INCLUDE) {
            seen_items(root->kid[i], item, f);
            continue;
        }
        seen_walk(root->kid[i], (*item)++, f);
    }
}

static struct firstseen first_seen(const nm_node *root, const char *name)
{
    struct firstseen f = { .name = name };
    long item = 0;
    seen_items(root, &item, &f);
    return f;
}

int gen_sym_before(const nm_node *root, const struct nm_var *a, const struct nm_var *b)
{
    unsigned char ca = (unsigned char)a->name[0], cb = (unsigned char)b->name[0];
    if (ca != cb)
        return ca < cb;
    struct firstseen fa = first_seen(root, a->name), fb = first_seen(root, b->name);
    if (fa.item != fb.item)
        return fa.item > fb.item;
    if (fa.line != fb.line)
        return fa.line > fb.line;
    return fa.col > fb.col;
}

static void kin_mark(struct gen *g, const nm_node *list, const struct nm_var **mark, int *nmark)
{
    for (int i = 0; i < list->n; i++) {
        const nm_node *var = list->kid[i]->kid[0];
        if (!kin_isstate(g, var))
            continue;
        const struct nm_var *v = sema_lookup(g->m, var->text);
        int j = 0;
        while (j < *nmark && mark[j] != v)
            j++;
        if (j == *nmark)
            mark[(*nmark)++] = v;
    }
}

/* 1 if a side of a reaction with a state on it has more than one molecule (nocmodl's linmat). */
static int side_nonlinear(struct gen *g, const nm_node *side)
{
    int total = 0, anystate = 0;
    for (int i = 0; i < side->n; i++) {
        total += side->kid[i]->ival;
        anystate |= kin_isstate(g, side->kid[i]->kid[0]);
    }
    return anystate && total > 1;
}

static void kin_analyze(struct gen *g, const nm_node *blk)
{
    struct gkin *k = arena_alloc(&g->m->arena, sizeof *k);
    if (!k)
        gerr(g, blk, "out of memory");
    g->kin = k;
    k->blk = blk;
    k->linmat = 1;
    const nm_node *st[256];
    int nst = 0;
    kin_collect(g, blk->kid[1], st, &nst);
    const struct nm_var *mark[NM_MAXV];
    int nmark = 0;
    for (int i = 0; i < nst; i++) {
        const nm_node *s = st[i];
        if (s->kind == NM_CONSERVE) {
            if (k->nconserve == 32)
                gerr(g, s, "more than 32 CONSERVE statements in one KINETIC block");
            k->conserve[k->nconserve++] = s;
            kin_mark(g, s->kid[0], mark, &nmark);
        } else if (s->kind == NM_REACTION) {
            kin_mark(g, s->kid[0], mark, &nmark);
            kin_mark(g, s->kid[1], mark, &nmark);
            if (strcmp(s->value, "<<") != 0)
                for (int j = 0; j < 2; j++)
                    if (side_nonlinear(g, s->kid[j]))
                        k->linmat = 0;
        }
    }
    /* CONSERVE rows first: the last CONSERVE is equation 0; its last scalar state written */
    for (int c = 0; c < k->nconserve / 2; c++) {
        const nm_node *t = k->conserve[c];
        k->conserve[c] = k->conserve[k->nconserve - 1 - c];
        k->conserve[k->nconserve - 1 - c] = t;
    }
    for (int c = 0; c < k->nconserve; c++) {
        const nm_node *terms = k->conserve[c]->kid[0];
        const struct nm_var *d = NULL;
        for (int i = terms->n - 1; i >= 0 && !d; i--) {
            const nm_node *var = terms->kid[i]->kid[0];
            const struct nm_var *v = sema_lookup(g->m, var->text);
            if (kin_isstate(g, var) && !v->dim && kin_index(k, v) < 0)
                d = v;
        }
        if (!d)
            gerr(g, k->conserve[c], "CONSERVE: no scalar STATE left to give its equation "
                 "(nocmodl: failed to diagonalize the kinetic matrix)");
        for (int i = 0; i < terms->n; i++)
            if (!kin_isstate(g, terms->kid[i]->kid[0]))
                gerr(g, terms->kid[i], "CONSERVE: '%s' is not a STATE solved by this block",
                     terms->kid[i]->kid[0]->text);
        k->consdiag[c] = d;
        k->varnum[k->nsym] = k->nsym;
        k->sym[k->nsym++] = d;
    }
    k->ncons = k->nsym;
    /* the others in symbol-table order */
    int first = k->nsym;
    for (int i = 0; i < nmark; i++) {
        if (kin_index(k, mark[i]) >= 0)
            continue;
        int j = k->nsym++;
        while (j > first && gen_sym_before(g->m->root, mark[i], k->sym[j - 1])) {
            k->sym[j] = k->sym[j - 1];
            j--;
        }
        k->sym[j] = mark[i];
    }
    if (!k->nsym)
        gerr(g, blk, "KINETIC %s contains no reactions", blk->text);
    int n = k->ncons;
    for (int i = k->ncons; i < k->nsym; i++) {
        k->varnum[i] = n;
        n += k->sym[i]->dim ? k->sym[i]->dim : 1;
    }
    k->n = n;
    if (n > 200)
        gerr(g, blk, "KINETIC %s: more than 200 equations", blk->text);
    for (int i = 0; i < nst; i++) {
        if (st[i]->kind != NM_COMPARTMENT)
            continue;
        const nm_node *names = st[i]->kid[1];
        for (int j = 0; j < names->n; j++) {
            const struct nm_var *v = sema_lookup(g->m, names->kid[j]->text);
            int x = v ? kin_index(k, v) : -1;
            if (x < 0)
                continue;
            if (!st[i]->text != !v->dim)
                gerr(g, names->kid[j], "COMPARTMENT: %s needs %s", v->name, v->dim
                     ? "an index (COMPARTMENT i, volume {...}) as an array STATE"
                     : "no index as a scalar STATE");
            k->cap[x] = st[i];
        }
    }
}

/* ---- the solver, written once into a file that has a KINETIC block ---- */

static const char sparse_c[] =
    "typedef struct {\n"
    "    int n, phase;\n"
    "    int *built;\n"
    "    unsigned char *pat;\n"
    "    double *a, *rhs;\n"
    "    int *ord, *pos, *cnt, *lst;\n"
    "} _sparse;\n"
    "typedef void (*_kinfn)(_args *, _sparse *, double *const *, const double *, double);\n"
    "static double *_sp_elm(_sparse *so, int i, int j)\n"
    "{\n"
    "    if (so->phase)\n"
    "        so->pat[i*so->n + j] = 1;\n"
    "    return &so->a[i*so->n + j];\n"
    "}\n"
    "/* the rows not yet pivoted, by their count of elements; a row (re)entering goes before\n"
    "** the rows of the same count (scopmath's order list) */\n"
    "static void _sp_enter(_sparse *so, int *nl, int row)\n"
    "{\n"
    "    int k = 0;\n"
    "    while (k < *nl && so->cnt[so->lst[k]] < so->cnt[row])\n"
    "        k++;\n"
    "    for (int q = *nl; q > k; q--)\n"
    "        so->lst[q] = so->lst[q - 1];\n"
    "    so->lst[k] = row;\n"
    "    (*nl)++;\n"
    "}\n"
    "static void _sp_leave(_sparse *so, int *nl, int row)\n"
    "{\n"
    "    int k = 0;\n"
    "    while (so->lst[k] != row)\n"
    "        k++;\n"
    "    for (; k < *nl - 1; k++)\n"
    "        so->lst[k] = so->lst[k + 1];\n"
    "    (*nl)--;\n"
    "}\n"
    "static void _sp_recount(_sparse *so, int *nl, int row, int by)\n"
    "{\n"
    "    _sp_leave(so, nl, row);\n"
    "    so->cnt[row] += by;\n"
    "    _sp_enter(so, nl, row);\n"
    "}\n"
    "/* minimum ordering: the next pivot is the row with fewest elements; the fill-in its\n"
    "** elimination makes is added to the pattern */\n"
    "static void _sp_order(_sparse *so)\n"
    "{\n"
    "    int n = so->n, nl = 0;\n"
    "    for (int r = 0; r < n; r++) {\n"
    "        int c = 0;\n"
    "        so->ord[r] = so->pos[r] = r;\n"
    "        for (int q = 0; q < n; q++)\n"
    "            c += so->pat[r*n + q];\n"
    "        so->cnt[r] = c;\n"
    "        _sp_enter(so, &nl, r);\n"
    "    }\n"
    "    for (int i = 0; i < n; i++) {\n"
    "        int r = so->lst[0];\n"
    "        for (int k = so->pos[r]; k > i; k--) {\n"
    "            so->ord[k] = so->ord[k - 1];\n"
    "            so->pos[so->ord[k]] = k;\n"
    "        }\n"
    "        so->ord[i] = r;\n"
    "        so->pos[r] = i;\n"
    "        for (int k = i + 1; k < n; k++) {\n"
    "            int er = so->ord[k];\n"
    "            if (!so->pat[er*n + r])\n"
    "                continue;\n"
    "            for (int q = i + 1; q < n; q++) {\n"
    "                int c = so->ord[q];\n"
    "                if (so->pat[r*n + c] && !so->pat[er*n + c]) {\n"
    "                    so->pat[er*n + c] = 1;\n"
    "                    _sp_recount(so, &nl, er, 1);\n"
    "                }\n"
    "            }\n"
    "            _sp_recount(so, &nl, er, -1);\n"
    "        }\n"
    "        _sp_leave(so, &nl, r);\n"
    "    }\n"
    "}\n"
    "/* LU in the pivot order, then back substitution: rhs[1..n] becomes the solution */\n"
    "static int _sp_solve(_sparse *so)\n"
    "{\n"
    "    int n = so->n;\n"
    "    double *a = so->a, *rhs = so->rhs;\n"
    "    for (int i = 0; i < n; i++) {\n"
    "        int pr = so->ord[i];\n"
    "        if (fabs(a[pr*n + pr]) <= 1e-20)\n"
    "            return 2;\n"
    "        for (int k = i + 1; k < n; k++) {\n"
    "            int r = so->ord[k];\n"
    "            if (!so->pat[r*n + pr])\n"
    "                continue;\n"
    "            double f = a[r*n + pr] / a[pr*n + pr];\n"
    "            rhs[r + 1] -= rhs[pr + 1] * f;\n"
    "            for (int q = i + 1; q < n; q++) {\n"
    "                int c = so->ord[q];\n"
    "                if (so->pat[pr*n + c])\n"
    "                    a[r*n + c] -= a[pr*n + c] * f;\n"
    "            }\n"
    "        }\n"
    "    }\n"
    "    for (int i = n - 1; i >= 0; i--) {\n"
    "        int pr = so->ord[i];\n"
    "        for (int q = i + 1; q < n; q++) {\n"
    "            int c = so->ord[q];\n"
    "            if (so->pat[pr*n + c])\n"
    "                rhs[pr + 1] -= a[pr*n + c] * rhs[c + 1];\n"
    "        }\n"
    "        rhs[pr + 1] /= a[pr*n + pr];\n"
    "    }\n"
    "    return 0;\n"
    "}\n"
    "static void _sp_fill(_sparse *so, _kinfn f, _args *_a, double *const *x, const double *old,\n"
    "                     double dt)\n"
    "{\n"
    "    memset(so->a, 0, (size_t)so->n * (size_t)so->n * sizeof(double));\n"
    "    f(_a, so, x, old, dt);\n"
    "}\n"
    "/* the pattern of the first call, as scopmath's two counting calls */\n"
    "static void _sp_build(_sparse *so, _kinfn f, _args *_a, double *const *x, const double *old,\n"
    "                      double dt)\n"
    "{\n"
    "    if (*so->built)\n"
    "        return;\n"
    "    memset(so->pat, 0, (size_t)so->n * (size_t)so->n);\n"
    "    so->phase = 1;\n"
    "    _sp_fill(so, f, _a, x, old, dt);\n"
    "    _sp_order(so);\n"
    "    _sp_fill(so, f, _a, x, old, dt);\n"
    "    so->phase = 0;\n"
    "    *so->built = 1;\n"
    "}\n"
    "/* CVODE: (I/gamma - J) x = b/gamma, b in and x out (scopmath's _cvode_sparse) */\n"
    "static int _sparse_cv(_sparse *so, _kinfn f, _args *_a, double *b, double gamma)\n"
    "{\n"
    "    int err;\n"
    "    _sp_build(so, f, _a, 0, b, gamma);\n"
    "    _sp_fill(so, f, _a, 0, b, gamma);\n"
    "    if ((err = _sp_solve(so)) != 0)\n"
    "        return err;\n"
    "    for (int i = 0; i < so->n; i++)\n"
    "        b[i] = so->rhs[i + 1];\n"
    "    return 0;\n"
    "}\n"
    "/* one step of dt; old gets the states' derivatives (x_new - x_old)/dt */\n"
    "static int _sparse_step(_sparse *so, _kinfn f, _args *_a, double *const *x, double *old,\n"
    "                        double dt, int linflag)\n"
    "{\n"
    "    int n = so->n, err;\n"
    "    for (int i = 0; i < n; i++)\n"
    "        old[i] = *x[i];\n"
    "    _sp_build(so, f, _a, x, old, dt);\n"
    "    double sum = 1.;\n"
    "    for (int j = 0; sum > 1e-6; j++) {\n"
    "        _sp_fill(so, f, _a, x, old, dt);\n"
    "        if ((err = _sp_solve(so)) != 0)\n"
    "            return err;\n"
    "        sum = 0.;\n"
    "        for (int i = 1; i <= n; i++) {\n"
    "            *x[i - 1] += so->rhs[i];\n"
    "            if (!linflag && *x[i - 1] < 0.)\n"
    "                *x[i - 1] = 0.;\n"
    "            sum += fabs(so->rhs[i]);\n"
    "        }\n"
    "        if (j > 20)\n"
    "            return 1;\n"
    "        if (linflag)\n"
    "            break;\n"
    "    }\n"
    "    _sp_fill(so, f, _a, x, old, dt);\n"
    "    for (int i = 0; i < n; i++)\n"
    "        old[i] = (*x[i] - old[i])/dt;\n"
    "    return 0;\n"
    "}\n"
    "/* STEADYSTATE sparse: steps of 1e9 ms (scopmath's _ss_sparse) */\n"
    "static int _sparse_ss(_sparse *so, _kinfn f, _args *_a, double *const *x, double *old,\n"
    "                      int linflag)\n"
    "{\n"
    "    int err = 0, i;\n"
    "    if (linflag)\n"
    "        return _sparse_step(so, f, _a, x, old, 1e9, 0);\n"
    "    for (i = 0; i < 7; i++) {\n"
    "        int ok = 1;\n"
    "        if ((err = _sparse_step(so, f, _a, x, old, 1e9, 1)) != 0)\n"
    "            break;\n"
    "        for (int k = 0; k < so->n; k++)\n"
    "            if (*x[k] < -1e-6) {\n"
    "                *x[k] = 0.;\n"
    "                ok = 0;\n"
    "            }\n"
    "        if (ok) {\n"
    "            err = _sparse_step(so, f, _a, x, old, 1e9, 0);\n"
    "            break;\n"
    "        }\n"
    "    }\n"
    "    return i >= 7 ? 1 : err;\n"
    "}\n";

/* ---- the block ---- */

static const char *num_text(struct gen *g, int num)
{
    return gfmt(g, "%d", num);
}

/* The C text of the term's variable (with its index for an array element). */
static const char *term_text(struct gen *g, const nm_node *term, const struct gscope *sc)
{
    return gen_expr(g, term->kid[0], sc);
}

/* Its equation: "varnum" or "varnum + (index)". */
static const char *term_row(struct gen *g, const nm_node *term, const struct gscope *sc)
{
    const nm_node *var = term->kid[0];
    const struct nm_var *v = sema_lookup(g->m, var->text);
    int x = kin_index(g->kin, v);
    if (v->dim) {
        if (!var->n)
            gerr(g, var, "'%s' is an array: it needs an index", var->text);
        return gfmt(g, "%d + %s", g->kin->varnum[x], gen_index(g, var, sc));
    }
    return num_text(g, g->kin->varnum[x]);
}

static int term_cons(struct gen *g, const nm_node *term)
{
    const struct nm_var *v = sema_lookup(g->m, term->kid[0]->text);
    /* CVODE's forms ignore CONSERVE, as nocmodl's ("... ignores conservation") */
    return g->kin->mode == 0 && kin_index(g->kin, v) < g->kin->ncons;
}

/* A rate as nocmodl copies it: the tokens of <-> rates bare, the -> rate in parentheses. */
static const char *rate_text(struct gen *g, const nm_node *r, int j, const struct gscope *sc)
{
    const char *e = gen_expr(g, r->kid[2 + j], sc);
    return strcmp(r->value, "->") ? e : gfmt(g, "( %s )", e);
}

static void gen_fluxes(struct gen *g, const nm_node *r, const struct gscope *sc)
{
    int mode = g->kin->mode;
    for (int j = 0; j < 2 && mode != 2; j++) {
        /* A -> (k): no backward rate */
        const char *rate = 2 + j < r->n ? rate_text(g, r, j, sc) : "0.";
        const char *s = rate;
        const nm_node *side = r->kid[j];
        for (int i = side->n - 1; i >= 0; i--)
            for (int m = 0; m < side->kid[i]->ival; m++)
                s = gfmt(g, "%s * %s", s, term_text(g, side->kid[i], sc));
        gline(g, "%s = %s;", j ? "b_flux" : "f_flux", s);
    }
    for (int j = 0; j < 2 && mode != 2; j++) {
        const nm_node *side = r->kid[j];
        for (int i = side->n - 1; i >= 0; i--) {
            const nm_node *t = side->kid[i];
            if (!kin_isstate(g, t->kid[0]) || term_cons(g, t))
                continue;
            gline(g, "%s(%s) %s %s(f_flux - b_flux);", mode ? "_DS" : "_RHS", term_row(g, t, sc),
                  j ? "+=" : "-=", t->ival > 1 ? gfmt(g, "%d.0 *", t->ival) : "");
        }
    }
    if (mode == 1)
        return; /* ode_spec: the derivatives only */
    for (int j = 0; j < 2; j++) {
        const nm_node *side = r->kid[j];
        if (j == 1 && strcmp(r->value, "<->") != 0)
            break;
        for (int i = side->n - 1; i >= 0; i--) {
            const nm_node *t = side->kid[i];
            if (!kin_isstate(g, t->kid[0]))
                continue;
            const char *term = rate_text(g, r, j, sc);
            if (t->ival != 1)
                term = gfmt(g, "%s * %d", term, t->ival);
            for (int i1 = side->n - 1; i1 >= 0; i1--) {
                int m = side->kid[i1]->ival - (i1 == i);
                for (int q = 0; q < m; q++)
                    term = gfmt(g, "%s * %s", term, term_text(g, side->kid[i1], sc));
            }
            gline(g, "_term = %s;", term);
            for (int j1 = 0; j1 < 2; j1++)
                for (int i1 = r->kid[j1]->n - 1; i1 >= 0; i1--) {
                    const nm_node *t1 = r->kid[j1]->kid[i1];
                    if (!kin_isstate(g, t1->kid[0]) || term_cons(g, t1))
                        continue;
                    gline(g, "_MAT(%s, %s) %s %s_term;", term_row(g, t1, sc), term_row(g, t, sc),
                          j == j1 ? "+=" : "-=", t1->ival != 1 ? gfmt(g, "%d * ", t1->ival) : "");
                }
        }
    }
}

static void gen_reaction(struct gen *g, const nm_node *r, const struct gscope *sc)
{
    if (strcmp(r->value, "<<") != 0) {
        gen_fluxes(g, r, sc);
        return;
    }
    /* ~ x << (flux): a flux into one state, no matrix term */
    const nm_node *t = r->kid[0]->kid[0];
    if (r->kid[0]->n != 1 || t->ival != 1)
        gerr(g, r, "flux equations involve only one state");
    if (!kin_isstate(g, t->kid[0]))
        gerr(g, t, "'%s': a flux goes into a (solved) STATE", t->kid[0]->text);
    if (term_cons(g, t))
        gerr(g, t, "'%s' is conserved and has a flux", t->kid[0]->text);
    if (g->kin->mode == 2)
        return; /* no matrix term */
    gline(g, "f_flux = b_flux = 0.;");
    gline(g, "%s(%s) += (b_flux = %s);", g->kin->mode ? "_DS" : "_RHS", term_row(g, t, sc),
          gen_expr(g, r->kid[2], sc));
}

static const char *cap_text(struct gen *g, int x, const struct gscope *sc)
{
    const nm_node *c = g->kin->cap[x];
    if (!c)
        return NULL;
    struct gscope in = { .up = sc };
    if (c->text)
        gscope_add(g, &in, c->text, "_i");
    return gfmt(g, "(%s)", gen_expr(g, c->kid[0], &in));
}

const char *gen_kinetic_volume(struct gen *g, const struct nm_var *v, const struct gscope *sc)
{
    int x = g->kin ? kin_index(g->kin, v) : -1;
    return x < 0 ? NULL : cap_text(g, x, sc);
}

static void gen_conserve(struct gen *g, const nm_node *s, const struct gscope *sc)
{
    struct gkin *k = g->kin;
    int eq = 0;
    while (k->conserve[eq] != s)
        eq++;
    gline(g, "_RHS(%d) = %s;", eq, gen_expr(g, s->kid[1], sc));
    const nm_node *terms = s->kid[0];
    for (int i = terms->n - 1; i >= 0; i--) {
        const nm_node *t = terms->kid[i];
        const struct nm_var *v = sema_lookup(g->m, t->kid[0]->text);
        if (v->dim)
            gerr(g, t, "CONSERVE of an array STATE: not supported");
        const char *cap = cap_text(g, kin_index(k, v), sc);
        gline(g, "_MAT(%d, %s) = %d%s;", eq, term_row(g, t, sc), t->ival,
              cap ? gfmt(g, " * %s", cap) : "");
        gline(g, "_RHS(%d) -= %s%s%s;", eq, term_text(g, t, sc), cap ? gfmt(g, " * %s", cap) : "",
              t->ival != 1 ? gfmt(g, " * %d", t->ival) : "");
    }
}

int gen_kinetic_stmt(struct gen *g, const nm_node *s, const struct gscope *sc)
{
    if (!g->kin || g->ctx != NM_KINETIC)
        return 0;
    switch (s->kind) {
    case NM_REACTION: gen_reaction(g, s, sc); return 1;
    case NM_CONSERVE:
        if (!g->kin->mode)
            gen_conserve(g, s, sc);
        return 1;
    case NM_COMPARTMENT: return 1; /* its volumes scale the rows at the top */
    case NM_LONGDIFUS: return 1; /* the engine's, after the states (gen_ldifus.c) */
    default: return 0;
    }
}

/* The state columns of the system in equation order, each written by fmt ("%d", or
** "&_a->col[%d][_a->i]" for the pointers), comma-separated. */
static const char *state_list(struct gen *g, const char *fmt)
{
    struct gkin *k = g->kin;
    const char *s = "";
    for (int i = 0; i < k->nsym; i++)
        for (int e = 0; e < (k->sym[i]->dim ? k->sym[i]->dim : 1); e++)
            s = gfmt(g, "%s%s%s", s, *s ? ", " : "", gfmt(g, fmt, k->sym[i]->col + e));
    return s;
}

void gen_kinetic_gp(struct gen *g)
{
    const nm_node *sv = g->m->solved;
    if (!sv || sv->kind != NM_KINETIC)
        return;
    kin_analyze(g, sv);
    int n = g->kin->n;
    for (int cv = 0; cv < 2; cv++) /* the sparse step's and CVODE's (each its own pattern) */
        gline(g, "    struct { int built; unsigned char pat[%d]; double a[%d], rhs[%d]; "
              "int ord[%d], pos[%d], cnt[%d], lst[%d]; } kin%s;", n * n, n * n, n + 1, n, n, n, n,
              cv ? "cv" : "");
}

/*
** The block as a function: mode 0 the system of one sparse step (_kin_NAME), 1 the derivatives
** for CVODE (_kinspec_NAME: nocmodl's _ode_spec, fluxes into dstate/dt, divided by the
** volumes), 2 CVODE's matrix (_kinmat_NAME: nocmodl's _ode_matsol, 1/gamma on the diagonal and
** the flux derivatives; the right-hand side the given dstate/gamma). CVODE's forms have no
** CONSERVE rows.
*/
static void write_block(struct gen *g, int mode)
{
    struct gkin *k = g->kin;
    const nm_node *sv = g->m->solved;
    k->mode = mode;
    if (mode == 1)
        gline(g, "static void _kinspec_%s(_args *_a, double *_dstate)", sv->text);
    else
        gline(g, "static void _kin%s_%s(_args *_a, _sparse *_so, double *const *_x, "
              "const double *_old, double _dt)", mode ? "mat" : "", sv->text);
    gline(g, "{");
    g->depth++;
    g->ctx = NM_KINETIC;
    gline(g, "double b_flux = 0., f_flux = 0., _term;");
    gline(g, "(void)b_flux; (void)f_flux; (void)_term;");
    struct gscope sc = { .up = NULL };
    if (mode != 1)
        gscope_add(g, &sc, "dt", "_dt");
    gscope_add(g, &sc, "f_flux", "f_flux");
    gscope_add(g, &sc, "b_flux", "b_flux");
    if (mode == 1) {
        gline(g, "for (int _i = 0; _i < %d; _i++)", k->n);
        gline(g, "    _dstate[_i] = 0.0;");
    } else {
        int from = mode ? 0 : k->ncons;
        if (mode)
            gline(g, "(void)_x;");
        gline(g, "{");
        g->depth++;
        gline(g, "double _dt1 = 1.0/_dt;");
        gline(g, "for (int _i = %d; _i < %d; _i++) {", from, k->n);
        gline(g, mode ? "    _RHS(_i) = _dt1*(_old[_i]);" : "    _RHS(_i) = -_dt1*(*_x[_i] - _old[_i]);");
        gline(g, "    _MAT(_i, _i) = _dt1;");
        gline(g, "}");
        for (int pass = 0; pass < 2; pass++) /* scalars, then arrays */
            for (int i = from; i < k->nsym; i++) {
                if (!k->cap[i] || !k->sym[i]->dim != !pass)
                    continue;
                const char *cap = cap_text(g, i, &sc);
                if (!pass) {
                    gline(g, "_RHS(%d) *= %s;", k->varnum[i], cap);
                    gline(g, "_MAT(%d, %d) *= %s;", k->varnum[i], k->varnum[i], cap);
                } else {
                    gline(g, "for (int _i = 0; _i < %d; _i++) {", k->sym[i]->dim);
                    gline(g, "    _RHS(_i + %d) *= %s;", k->varnum[i], cap);
                    gline(g, "    _MAT(_i + %d, _i + %d) *= %s;", k->varnum[i], k->varnum[i], cap);
                    gline(g, "}");
                }
            }
        g->depth--;
        gline(g, "}");
    }
    gen_body(g, sv->kid[1], &sc);
    if (mode == 1) /* the volumes, in state order (nocmodl's kinetic_intmethod) */
        for (int i = 0; i < k->nsym; i++) {
            const char *cap = cap_text(g, i, &sc);
            if (!cap)
                continue;
            if (k->sym[i]->dim) {
                gline(g, "for (int _i = 0; _i < %d; _i++)", k->sym[i]->dim);
                gline(g, "    _dstate[_i + %d] /= %s;", k->varnum[i], cap);
            } else {
                gline(g, "_dstate[%d] /= %s;", k->varnum[i], cap);
            }
        }
    g->depth--;
    gline(g, "}");
}

void gen_kinetic(struct gen *g)
{
    struct gkin *k = g->kin;
    const nm_node *sv = g->m->solved, *so = g->m->solve;
    if (so->value && (!strcmp(so->value, "derivimplicit") || !strcmp(so->value, "cnexp")))
        gerr(g, so, "SOLVE %s METHOD %s: a KINETIC block cannot be solved by %s (nor in NEURON); "
             "use METHOD sparse", so->text, so->value, so->value);
    if (!so->value)
        gerr(g, so, "SOLVE %s: a KINETIC block needs METHOD sparse (without a METHOD NEURON "
             "8.2.2 cannot link it either)", so->text);
    k->euler = !strcmp(so->value, "euler");
    if (strcmp(so->value, "sparse") != 0 && !k->euler)
        gerr(g, so, "SOLVE %s METHOD %s: a KINETIC block is solved by METHOD sparse or euler "
             "only yet", so->text, so->value);
    if (so->ival)
        gerr(g, so, "SOLVE ... STEADYSTATE in BREAKPOINT: not supported");
    for (int i = 0; i < k->nsym; i++)
        if (k->sym[i]->where != W_RANGE)
            gerr(g, sv, "KINETIC %s: STATE %s is not a column of the instance", sv->text,
                 k->sym[i]->name);
    gline(g, "#include <string.h>");
    fputs(sparse_c, g->out);
    gline(g, "#define _RHS(i) (_so->rhs[(i) + 1])");
    gline(g, "#define _MAT(i, j) (*_sp_elm(_so, (i), (j)))");
    gline(g, "#define _DS(i) (_dstate[(i)])");
    for (int mode = 0; mode < 3; mode++)
        write_block(g, mode);
    k->mode = 0;
}

/* The call in the state loop (and, ss, for STEADYSTATE in INITIAL). */
static void gen_call(struct gen *g, int ss)
{
    struct gkin *k = g->kin;
    const char *nm = g->m->solved->text;
    gline(g, "{");
    g->depth++;
    gline(g, "struct _gp *_gp = _a->md->gpriv;");
    gline(g, "_sparse _so = { %d, 0, &_gp->kin.built, _gp->kin.pat, _gp->kin.a, _gp->kin.rhs, "
          "_gp->kin.ord, _gp->kin.pos, _gp->kin.cnt, _gp->kin.lst };", k->n);
    gline(g, "double *const _x[%d] = { %s };", k->n, state_list(g, "&_a->col[%d][_a->i]"));
    gline(g, "double _D[%d];", k->n);
    gline(g, "double _dt = _a->c->dt;");
    if (ss) {
        gline(g, "(void)_sparse_ss(&_so, _kin_%s, _a, _x, _D, %d);", nm, k->linmat);
    } else if (k->euler) { /* scopmath's euler, then nocmodl evaluates the block once more */
        gline(g, "(void)_so;");
        gline(g, "if (_a->c->secondorder)");
        gline(g, "    _dt *= 0.5;");
        gline(g, "_kinspec_%s(_a, _D);", nm);
        gline(g, "for (int _k = 0; _k < %d; _k++)", k->n);
        gline(g, "    *_x[_k] += _dt * (_D[_k]);");
        gline(g, "if (_a->c->secondorder)");
        gline(g, "    for (int _k = 0; _k < %d; _k++)", k->n);
        gline(g, "        *_x[_k] += _dt*_D[_k];");
        gline(g, "_kinspec_%s(_a, _D);", nm);
        g->depth--;
        gline(g, "}");
        return;
    } else {
        gline(g, "if (_a->c->secondorder)");
        gline(g, "    _dt *= 0.5;");
        gline(g, "(void)_sparse_step(&_so, _kin_%s, _a, _x, _D, _dt, %d);", nm, k->linmat);
    }
    gline(g, "if (_a->c->secondorder)");
    gline(g, "    for (int _k = 0; _k < %d; _k++)", k->n);
    gline(g, "        *_x[_k] += _dt*_D[_k];");
    g->depth--;
    gline(g, "}");
}

void gen_kinetic_state(struct gen *g)
{
    gen_call(g, 0);
}

/* The CVODE functions (after _state): each instance's derivatives, and its matrix solve. */
void gen_kinetic_ode(struct gen *g)
{
    struct gkin *k = g->kin;
    if (!k)
        return;
    const char *nm = g->m->solved->text;
    const char *v = g->m->kind == NRN_ARTCELL ? "0." : "c->v[md->node[_i]]";
    gline(g, "static const int _kin_svars[%d] = { %s };", k->n, state_list(g, "%d"));
    int cols[NM_MAXV], n = 0;
    for (int i = 0; i < k->nsym; i++)
        for (int e = 0; e < (k->sym[i]->dim ? k->sym[i]->dim : 1) && n < NM_MAXV; e++)
            cols[n++] = k->sym[i]->col + e;
    gen_ion_states(g, n, cols);
    gen_state_tol(g, n, cols);
    for (int f = 0; f < 2; f++) {
        if (f)
            gline(g, "static void _ode_matsol(const nrn_mech_ctx *c, nrn_mech_data *md, "
                  "double gamma, double **_b)");
        else
            gline(g, "static void _ode_spec(const nrn_mech_ctx *c, nrn_mech_data *md, "
                  "double **_out)");
        gline(g, "{");
        g->depth++;
        gline(g, "double *_col[_NCOL > 0 ? _NCOL : 1];");
        gline(g, "for (int _k = 0; _k < _NCOL; _k++)");
        gline(g, "    _col[_k] = md->col[_k];");
        gline(g, "_args _a0 = { c, md, _col, 0, 0. }, *_a = &_a0;");
        if (f)
            gline(g, "struct _gp *_gp = md->gpriv;");
        gline(g, "for (int _i = 0; _i < md->n; _i++) {");
        g->depth++;
        gline(g, "_a0.i = _i;");
        gline(g, "_a0.v = %s;", v);
        gline(g, "double _d[%d];", k->n);
        if (f) {
            gline(g, "_sparse _so = { %d, 0, &_gp->kincv.built, _gp->kincv.pat, _gp->kincv.a, "
                  "_gp->kincv.rhs, _gp->kincv.ord, _gp->kincv.pos, _gp->kincv.cnt, "
                  "_gp->kincv.lst };", k->n);
            gline(g, "for (int _k = 0; _k < %d; _k++)", k->n);
            gline(g, "    _d[_k] = _b[_k][_i];");
            gline(g, "(void)_sparse_cv(&_so, _kinmat_%s, _a, _d, gamma);", nm);
            gline(g, "for (int _k = 0; _k < %d; _k++)", k->n);
            gline(g, "    _b[_k][_i] = _d[_k];");
        } else {
            gen_ion_conc_in(g);
            gline(g, "_kinspec_%s(_a, _d);", nm);
            gline(g, "for (int _k = 0; _k < %d; _k++)", k->n);
            gline(g, "    _out[_k][_i] = _d[_k];");
            gen_ion_conc_out(g, 1); /* as gen_ode's: nocmodl's nrn_wrote_conc too */
        }
        g->depth--;
        gline(g, "}");
        g->depth--;
        gline(g, "}");
    }
}

void gen_kinetic_fields(struct gen *g)
{
    if (g->kin)
        gline(g, ".nstate = %d, .state_vars = _kin_svars, .ode_spec = _ode_spec, "
              ".ode_matsol = _ode_matsol,", g->kin->n);
    if (g->kin && g->ode_ions)
        gline(g, ".state_ion = _ode_ions,");
}

/* SOLVE of the BREAKPOINT's KINETIC block in INITIAL, a FUNCTION or a PROCEDURE (cabpump's
** FUNCTION ss()): the steady state of this instance, as nocmodl's _ss_sparse there. */
int gen_kinetic_solve(struct gen *g, const nm_node *s)
{
    if (!g->kin || strcmp(s->text, g->m->solved->text) != 0)
        return 0;
    if (g->ctx != NM_INITIAL && g->ctx != NM_FUNCTION && g->ctx != NM_PROCEDURE)
        return 0;
    if (!s->ival || !s->value || strcmp(s->value, "sparse") != 0)
        gerr(g, s, "SOLVE %s in %s: only STEADYSTATE sparse is supported for a KINETIC "
             "block", s->text, nm_kind_name(g->ctx));
    if (g->kin->euler) /* nocmodl writes the block once, in the derivative form of euler */
        gerr(g, s, "SOLVE %s STEADYSTATE sparse: the block is solved by METHOD euler (NEURON "
             "fails on this too: the matrix is singular)", s->text);
    gen_call(g, 1);
    return 1;
}
