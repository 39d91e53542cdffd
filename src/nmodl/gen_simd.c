/*
** gen_simd.c: the vector shape of a generated mechanism's kernels, as the hand-written hh
** (bench/hh_handwritten.c) had it: `#pragma omp simd` loops built per ISA (target_clones),
** every iteration with its own _args so that no lane shares a variable with another, exp as
** nrn_exp (whose vector forms give every lane the scalar bits). Vectorizing never reorders an iteration's
** arithmetic, so the numbers are the scalar kernels'.
**
** Only code without data-dependent control flow takes this shape; anything else (IF, loops,
** VERBATIM, calls of FUNCTIONs, event calls, writes of GLOBALs or file LOCALs) keeps the
** scalar loop of gen.c:
** - cur: a density mechanism whose BREAKPOINT (besides SOLVE) assigns only RANGE variables
**   and LOCALs. Each instance sits at its own node with its own ion instances, so no two
**   iterations write the same rhs, d or ion entry.
** - state: a cnexp DERIVATIVE block of the form `P(x)` then the equations, P a PROCEDURE
**   with a TABLE (the rates(v) of nearly every Hodgkin-Huxley style channel). Per chunk of
**   instances, one loop looks the TABLE names up for every instance, written without
**   branches (selects, every load in bounds; interpolation inside, the end entry outside,
**   NaN for NaN: nocmodl's look-up lane by lane), a second loop runs the equations on them.
**   GLOBAL TABLE names are written once after the loops with the last instance's values,
**   which is what the scalar loop leaves in them; RANGE ones are stored per instance. With
**   usetable off the scalar loop runs.
*/
#include <stdlib.h>
#include <string.h>
#include "gen.h"
#include "../engine/nrn_mech.h"

enum { CHUNK = 64 };

static const char clones[] =
    "#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)\n"
    "#define _CLONES __attribute__((target_clones(\"arch=x86-64-v4\", \"arch=x86-64-v3\", "
    "\"default\")))\n"
    /* without PRE and jump threading GCC keeps the look-up's selects as selects */
    "#define _CLONES_TBL __attribute__((target_clones(\"arch=x86-64-v4\", \"arch=x86-64-v3\", "
    "\"default\"), optimize(\"no-tree-pre\", \"no-thread-jumps\")))\n"
    "#else\n#define _CLONES\n#define _CLONES_TBL\n#endif\n";

static int is_math(const char *f)
{
    static const char *const fns[] = {
        "exp", "log", "log10", "sqrt", "fabs", "pow", "sin", "cos", "tan", "asin", "acos",
        "atan", "atan2", "sinh", "cosh", "tanh", "floor", "ceil", "fmod", "erf", "erfc",
        "fmin", "fmax", NULL,
    };
    for (int i = 0; fns[i]; i++)
        if (!strcmp(fns[i], f))
            return 1;
    return 0;
}

/* An expression every lane can evaluate on its own: variables, numbers, math functions. */
static int expr_ok(struct gen *g, const nm_node *e)
{
    switch (e->kind) {
    case NM_NUM:
        return 1;
    case NM_VAR:
        return e->n == 0 && !e->ival;
    case NM_CALL:
        if (!is_math(e->text) || sema_func(g->m, e->text))
            return 0;
        break;
    case NM_PAREN: case NM_UNOP: case NM_BINOP:
        break;
    default:
        return 0;
    }
    for (int i = 0; i < e->n; i++)
        if (!expr_ok(g, e->kid[i]))
            return 0;
    return 1;
}

/* A statement every lane can run on its own: LOCALs, assignments of RANGE variables or
** LOCALs from such expressions; with eqs, cnexp equations too. */
static int stmt_ok(struct gen *g, const nm_node *s, int eqs)
{
    switch (s->kind) {
    case NM_LOCAL: case NM_UNITSFLAG:
        return 1;
    case NM_ASSIGN: {
        const nm_node *lhs = s->kid[0];
        if (lhs->n || (lhs->ival && !eqs) || lhs->ival > 1)
            return 0;
        const struct nm_var *x = sema_lookup(g->m, lhs->text);
        if (x && x->where != W_RANGE)
            return 0;
        return expr_ok(g, s->kid[1]);
    }
    default:
        return 0;
    }
}

/* The context copied into the frame: the compiler then knows that no store of the loop
** changes dt or the node array pointers, and keeps them out of the loop. */
static void ctx_copy(struct gen *g)
{
    gline(g, "const nrn_mech_ctx _cx = *_ctx0, *c = &_cx;");
    gline(g, "const int *const _node = md->node;");
    gline(g, "const double *const _vv = c->v;");
    gline(g, "(void)_node, (void)_vv;");
    /* every column and ion column a local pointer (see cols_direct) */
    for (int k = 0; k < g->m->ncol; k++)
        gline(g, "double *const _c%d = md->col[%d];", k, k);
    for (int k = 0; k < g->m->nion; k++) {
        gline(g, "const int *const _ii%d = md->ion_inst[%d];", k, k);
        for (int j = 0; j <= ION_DCURDV; j++)
            gline(g, "double *const _io%d_%d = md->ion[%d]->col[%d];", k, j, k, j);
    }
}

/*
** In a vector kernel a column is reached through a local pointer (_cK, _ioK_J), not through
** _a->col or md: a call such as nrn_exp may write memory for all the compiler knows, and
** a column pointer loaded from memory would then be loaded again after every call, which
** keeps the loop from being vectorized. on: the vector kernel's macros; off: the others'.
*/
static void cols_direct(struct gen *g, int on)
{
    fputs("#undef _R\n#undef _I\n", g->out);
    if (on)
        fputs("#define _R(k) (_c##k[_a->i])\n#define _I(k, j) (_io##k##_##j[_ii##k[_a->i]])\n",
              g->out);
    else
        fputs("#define _R(k) (_a->col[k][_a->i])\n"
              "#define _I(k, j) (_a->md->ion[k]->col[j][_a->md->ion_inst[k][_a->i]])\n", g->out);
}

/* The head of a vector loop over instances _i = from .. to-1, its _args private. */
static void simd_loop(struct gen *g, const char *var, const char *from, const char *to,
                      const char *inst)
{
    gline(g, "#pragma omp simd");
    gline(g, "for (int %s = %s; %s < %s; %s++) {", var, from, var, to, var);
    g->depth++;
    if (strcmp(var, "_i") != 0)
        gline(g, "const int _i = %s;", inst);
    gline(g, "_args _a0 = { c, md, _col, _i, %s }, *_a = &_a0;",
          g->m->kind == NRN_ARTCELL ? "0." : "_vv[_node[_i]]");
}

/* The written ion currents (hidden columns that add into an ion), as gen.c counts them. */
static int ion_currents(const struct nm_mech *m, const struct nm_var **out)
{
    int n = 0;
    for (int k = 0; k < m->ncur && n < 32; k++) {
        const struct nm_var *v = &m->var[m->cur[k]];
        if (v->ion >= 0 && v->where == W_RANGE && v->ioncol == ION_CUR)
            out[n++] = v;
    }
    return n;
}

/* The BREAKPOINT's statements (but SOLVE) and the sum of its currents into sum, the ion
** currents it writes in the lane's locals PREFIXk. */
static void current_block(struct gen *g, const struct nm_var **ic, int nic, const char *prefix,
                          const char *sum)
{
    const struct nm_mech *m = g->m;
    const nm_node *body = m->breakpoint->kid[1];
    struct gscope sc = { .up = NULL };
    for (int k = 0; k < nic; k++)
        gscope_add(g, &sc, ic[k]->name, gfmt(g, "%s%d", prefix, k));
    gline(g, "{");
    g->depth++;
    gline(g, "double _current = 0.;");
    gline(g, "{");
    g->depth++;
    g->ctx = NM_BREAKPOINT;
    nm_node *kids[256];
    nm_node rest = *body;
    rest.kid = kids;
    rest.n = 0;
    for (int i = 0; i < body->n && rest.n < 256; i++)
        if (body->kid[i]->kind != NM_SOLVE)
            kids[rest.n++] = body->kid[i];
    gen_body(g, &rest, &sc);
    g->depth--;
    gline(g, "}");
    for (int k = 0; k < m->ncur; k++) {
        const struct nm_var *v = &m->var[m->cur[k]];
        int j = 0;
        while (j < nic && ic[j] != v)
            j++;
        if (j < nic)
            gline(g, "_current += %s%d;", prefix, j);
        else
            gline(g, "_current += _R(%d);", v->col);
    }
    gline(g, "%s = _current;", sum);
    g->depth--;
    gline(g, "}");
}

/*
** The vector _cur: gen.c's scalar one operation by operation, but the ion currents the
** BREAKPOINT writes are locals of each lane (_icg at v + .001, _icr at v), their hidden
** columns stored once with the value at v, so that a lane keeps them in registers.
*/
int gen_simd_cur(struct gen *g)
{
    struct nm_mech *m = g->m;
    if (m->kind != NRN_DENSITY || m->electrode || gen_ion_writes(m))
        return 0;
    const nm_node *body = m->breakpoint->kid[1];
    for (int i = 0; i < body->n; i++)
        if (body->kid[i]->kind != NM_SOLVE && !stmt_ok(g, body->kid[i], 0))
            return 0;
    const struct nm_var *ic[32];
    int nic = ion_currents(m, ic);
    fputs(clones, g->out);
    cols_direct(g, 1);
    gline(g, "_CLONES static void _cur(const nrn_mech_ctx *_ctx0, nrn_mech_data *md)");
    gline(g, "{");
    g->depth++;
    ctx_copy(g);
    gline(g, "double *_col[_NCOL > 0 ? _NCOL : 1];");
    gline(g, "for (int _k = 0; _k < _NCOL; _k++)");
    gline(g, "    _col[_k] = md->col[_k];");
    gline(g, "const int _n = md->n;");
    gline(g, "double *const _gs = md->g, *const _rhsv = c->rhs, *const _dv = c->d;");
    simd_loop(g, "_i", "0", "_n", NULL);
    gline(g, "int _nd = _node[_i];");
    gline(g, "double _v = _a0.v;");
    gline(g, "double _g, _rhs;");
    for (int k = 0; k < nic; k++)
        gline(g, "double _icg%d, _icr%d;", k, k);
    gline(g, "_a0.v = _v + .001;");
    current_block(g, ic, nic, "_icg", "_g");
    gline(g, "_a0.v = _v;");
    current_block(g, ic, nic, "_icr", "_rhs");
    for (int k = 0; k < nic; k++)
        gline(g, "_I(%d, %d) += (_icg%d - _icr%d)/.001;", ic[k]->ion, ION_DCURDV, k, k);
    gline(g, "_g = (_g - _rhs)/.001;");
    for (int k = 0; k < nic; k++) {
        gline(g, "_I(%d, %d) += _icr%d;", ic[k]->ion, ION_CUR, k);
        gline(g, "_R(%d) = _icr%d;", ic[k]->col, k);
    }
    gline(g, "_gs[_i] = _g;");
    gline(g, "_rhsv[_nd] -= _rhs;");
    gline(g, "_dv[_nd] += _g;");
    g->depth--;
    gline(g, "}");
    g->depth--;
    gline(g, "}");
    cols_direct(g, 0);
    return 1;
}

/* The rates(x) call that starts a state block of the vector shape, or NULL. */
static const struct nm_func *tabled_call(struct gen *g, const nm_node *body)
{
    struct nm_mech *m = g->m;
    const nm_node *s = body->n ? body->kid[0] : NULL;
    if (!s || s->kind != NM_EXPRSTMT || s->kid[0]->kind != NM_CALL)
        return NULL;
    const nm_node *call = s->kid[0];
    const struct nm_func *f = sema_func(m, call->text);
    if (!f || f->is_func || !f->table || f->ntabvar < 1 || call->n != 1 ||
        f->node->kid[0]->n != 1 || !expr_ok(g, call->kid[0]) || m->usetable < 0)
        return NULL;
    for (int i = 1; i < body->n; i++)
        if (!stmt_ok(g, body->kid[i], 1))
            return NULL;
    for (int k = 0; k < f->ntabvar; k++) {
        const char *tv = f->table->kid[0]->kid[k]->text;
        const struct nm_var *x = sema_lookup(m, tv);
        if (!x || (x->where != W_GLOBAL && x->where != W_RANGE) || x->dim)
            return NULL;
        /* the equations read the look-ups: a TABLE name assigned after the call would not
        ** reach its column */
        for (int i = 1; i < body->n; i++)
            if (body->kid[i]->kind == NM_ASSIGN && !strcmp(body->kid[i]->kid[0]->text, tv))
                return NULL;
    }
    return f;
}

int gen_simd_state(struct gen *g)
{
    struct nm_mech *m = g->m;
    const nm_node *sv = m->solved, *so = m->solve;
    if (!sv || sv->kind != NM_DERIVATIVE || g->nstate || !so->value ||
        strcmp(so->value, "cnexp") != 0 || gen_ion_writes(m))
        return 0;
    const nm_node *body = sv->kid[1];
    const struct nm_func *f = tabled_call(g, body);
    if (!f)
        return 0;
    const nm_node *t = f->table;
    int ntv = f->ntabvar, n = atoi(t->value);
    const char *nm = f->name;
    fputs(clones, g->out);
    gline(g, "static inline double _tbl(const double *tb, int i0, int i1, double theta, "
          "int interior, double xi)");
    gline(g, "{");
    gline(g, "    double a = tb[i0], b = tb[i1];");
    gline(g, "    double in = a + theta * (b - a);");
    gline(g, "    double r = interior ? in : a;");
    gline(g, "    return xi != xi ? xi : r;");
    gline(g, "}");
    gline(g, "static void _state_scalar(const nrn_mech_ctx *c, nrn_mech_data *md);");
    cols_direct(g, 1);
    gline(g, "_CLONES_TBL static void _state_simd(const nrn_mech_ctx *_ctx0, nrn_mech_data *md)");
    gline(g, "{");
    g->depth++;
    ctx_copy(g);
    gline(g, "const struct _gp *_gp = md->gpriv;");
    gline(g, "double *_col[_NCOL > 0 ? _NCOL : 1];");
    gline(g, "for (int _k = 0; _k < _NCOL; _k++)");
    gline(g, "    _col[_k] = md->col[_k];");
    gline(g, "const double _mfac = _gp->%s.mfac, _tmin = _gp->%s.tmin;", nm, nm);
    for (int k = 0; k < ntv; k++)
        gline(g, "const double *_t%d = _gp->%s.t_%s;", k, nm, t->kid[0]->kid[k]->text);
    gline(g, "double _r[%d][%d];", ntv, CHUNK);
    gline(g, "int _len = 0;");
    gline(g, "for (int _k0 = 0; _k0 < md->n; _k0 += %d) {", CHUNK);
    g->depth++;
    gline(g, "_len = md->n - _k0 < %d ? md->n - _k0 : %d;", CHUNK, CHUNK);
    /* the look-ups */
    simd_loop(g, "_j", "0", "_len", "_k0 + _j");
    gline(g, "double _xi = _mfac * (%s - _tmin);",
          gen_expr(g, body->kid[0]->kid[0]->kid[0], NULL));
    gline(g, "int _in = (_xi > 0.) & (_xi < %d.);", n);
    gline(g, "double _xs = _in ? _xi : 0.;");
    gline(g, "int _ii = (int)_xs;");
    gline(g, "double _th = _xs - (double)_ii;");
    gline(g, "int _ie = _xi >= %d. ? %d : 0;", n, n);
    gline(g, "int _i0 = _in ? _ii : _ie, _i1 = _in ? _ii + 1 : _ie;");
    for (int k = 0; k < ntv; k++) {
        gline(g, "_r[%d][_j] = _tbl(_t%d, _i0, _i1, _th, _in, _xi);", k, k);
        const struct nm_var *x = sema_lookup(m, t->kid[0]->kid[k]->text);
        if (x->where == W_RANGE)
            gline(g, "_R(%d) = _r[%d][_j];", x->col, k);
    }
    gline(g, "(void)_a;");
    g->depth--;
    gline(g, "}");
    /* the equations, the TABLE names read from the look-ups */
    struct gscope sc = { .up = NULL };
    for (int k = 0; k < ntv; k++)
        gscope_add(g, &sc, t->kid[0]->kid[k]->text, gfmt(g, "_r[%d][_j]", k));
    simd_loop(g, "_j", "0", "_len", "_k0 + _j");
    g->ctx = NM_DERIVATIVE;
    nm_node rest = *body;
    rest.kid = body->kid + 1;
    rest.n = body->n - 1;
    gen_body(g, &rest, &sc);
    g->depth--;
    gline(g, "}");
    g->depth--;
    gline(g, "}");
    gline(g, "if (_len > 0) {");
    gline(g, "    _args _a0 = { c, md, _col, md->n - 1, 0. }, *_a = &_a0;");
    for (int k = 0; k < ntv; k++) {
        const struct nm_var *x = sema_lookup(m, t->kid[0]->kid[k]->text);
        if (x->where == W_GLOBAL)
            gline(g, "    _G(%d) = _r[%d][_len - 1];", x->col, k);
    }
    gline(g, "    (void)_a;");
    gline(g, "}");
    g->depth--;
    gline(g, "}");
    cols_direct(g, 0);
    gline(g, "static void _state(const nrn_mech_ctx *c, nrn_mech_data *md)");
    gline(g, "{");
    gline(g, "    _args _a0 = { c, md, md->col, 0, 0. }, *_a = &_a0;");
    gline(g, "    if (_G(%d) == 0) {", m->usetable);
    gline(g, "        _state_scalar(c, md);");
    gline(g, "        return;");
    gline(g, "    }");
    for (int i = 0; i < m->nfunc; i++)
        if (m->func[i].table)
            gline(g, "    _check_%s(_a);", m->func[i].name);
    gline(g, "    _state_simd(c, md);");
    gline(g, "}");
    return 1;
}
