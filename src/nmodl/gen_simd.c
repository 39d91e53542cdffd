/*
** gen_simd.c: the vector shape of a generated mechanism's kernels, as the hand-written hh
** (bench/hh_handwritten.c) had it: `#pragma omp simd` loops built per ISA (kernel_builds),
** every iteration with its own _args so that no lane shares a variable with another. Vectorizing
** never reorders an iteration's arithmetic, so the numbers are the scalar kernels'.
**
** A kernel is written once, as an always-inline body (NAME_body), and built three times, for
** x86-64-v4, x86-64-v3 and the baseline, the build picked when the library loads (an ifunc,
** kernel_builds below). In the v4 and v3 builds the exp of the .mod file (nrn_hexp) is
** nrn_exp_inline.h's, written out in the loop with the bits of nrn_hexp on those CPUs; in the
** baseline build it is the call of nrn_hexp (whose vector forms give every lane the scalar
** bits), since there glibc's exp may be its variant without fused multiply-adds.
**
** The current kernels are written here, the state kernels in gen_simd_state.c; the builds,
** checks and loops they share are here (gen_simd.h).
**
** Only code whose lanes need no branches takes this shape; anything else (loops, VERBATIM,
** calls of FUNCTIONs, event calls, writes of GLOBALs or file LOCALs) keeps the scalar loop of
** gen.c:
** - cur of a density mechanism whose BREAKPOINT (besides SOLVE) assigns only RANGE variables
**   and LOCALs, IF ... ELSE allowed (selects). Each instance sits at its own node with its
**   own ion instances, so no two iterations write the same rhs, d or ion entry. Groups of 8
**   instances on consecutive nodes with consecutive ion instances (the interleaved cells of
**   interleave.c) take plain vector loads and stores, the others gathers and scatters.
** - cur of a point process of the same kind of BREAKPOINT, at_time allowed: the lanes compute
**   the scaled current and conductance, the additions to the nodes follow in instance order
**   (instances may share a node), 8 at once where the 8 nodes are consecutive; where the
**   variable step collects discontinuities (c->at_next) the scalar loop runs.
** - state: a cnexp DERIVATIVE block of the form `P(x)` then the equations, P a PROCEDURE
**   with a TABLE (the rates(v) of nearly every Hodgkin-Huxley style channel). Per chunk of
**   instances, one loop looks the TABLE names up for every instance, written without
**   branches (selects, every load in bounds; interpolation inside, the end entry outside,
**   NaN for NaN: nocmodl's look-up lane by lane), a second loop runs the equations on them.
**   GLOBAL TABLE names are written once after the loops with the last instance's values,
**   which is what the scalar loop leaves in them; RANGE ones are stored per instance. With
**   usetable off the scalar loop runs. A cnexp block of equations alone (a synapse's decay)
**   is one vector loop.
** A density mechanism also gets range forms of these kernels, _cur_range and _state_range
** (nrn_mech_type.cur_range, state_range: instances [_r0, _r1) only), which cable.c calls for
** every 8 nodes of an axon between the steps of its serial chain. The density _cur is its
** range form on all instances; the tabled state's range form runs whole vectors of W and the
** rest in the scalar loop's body. The tabled state's range form also takes an axon's chain
** (_state_chain, nrn_mech_type.state_chain, NULL chain for _state_range: one body), whose
** back substitution it runs a few nodes at a time between its loops, one loop per equation
** there. Each kernel is built for three ISAs, so every body written twice would double the
** compile time of nrn-build mod (bench/nmodl.sh).
** Fewer instances than one vector of the widest ISA (W: a lone soma, a few stimuli) take a
** plain loop of the same code: the vector kernel's frame (its local pointers, the context
** copy, the 64-instance buffers) costs more than the work of a few lanes.
*/
#include <stdlib.h>
#include <string.h>
#include "gen.h"
#include "gen_simd.h"
#include "../engine/nrn_mech.h"


/* The generated code's preamble of the vector kernels (once per file): _hexp_k, the kernels'
** exp (kernel_builds makes their per-ISA builds). */
const char gen_simd_preamble[] =
    "#ifndef _VKERNELS\n#define _VKERNELS\n"
    "#include \"nrn_exp_inline.h\"\n"
    "_HOT double _hexp_k(double x, int inl)\n"
    "{\n"
    "    return inl ? nrn_hexp_fma_inline(x) : nrn_hexp(x);\n"
    "}\n"
    "#endif\n";

/* The head of kernel name's body (with range, of its range form NAME_range, on instances
** [_r0, _r1); RANGE_CHAIN: with the chain _chp, NULL where none): inl says whether exp is
** inline (the v4 and v3 builds). */
void kernel_body(struct gen *g, const char *name, int range)
{
    fputs("#define nrn_hexp(x) _hexp_k(x, _inl)\n", g->out);
    gline(g, "_HOT void %s%s_body(const nrn_mech_ctx *_ctx0, nrn_mech_data *md%s%s, const int _inl)",
          name, range ? "_range" : "", range ? ", int _r0, int _r1" : "",
          range == RANGE_CHAIN ? ", nrn_chain *_chp" : "");
}

/*
** After kernel name's body: its three builds and the choice among them (tbl: with the
** look-ups' optimize options, which keep their selects). The v3 build needs FMA and AVX2,
** which every x86-64-v3 CPU has; glibc's exp runs its FMA variant there, as the inline exp
** does. v0, given, is the baseline build's statement in place of the body: the scalar loop,
** where one exists, on CPUs older than x86-64-v3 (no AVX2), so that the vector body is
** compiled twice, not three times (nrn-build mod's time against nrnivmodl's,
** bench/nmodl.sh); the scalar loops give the vector loops' bits.
*/
void kernel_builds(struct gen *g, const char *name, int tbl, int range, const char *v0)
{
    /* without PRE and jump threading GCC keeps the look-up's selects as selects */
    const char *opt = tbl ? "__attribute__((optimize(\"no-tree-pre\", \"no-thread-jumps\")))\n" : "";
    int chain = range == RANGE_CHAIN;
    const char *args = chain ? "(const nrn_mech_ctx *c, nrn_mech_data *md, int _r0, int _r1, "
                               "nrn_chain *_chp)"
                       : range ? "(const nrn_mech_ctx *c, nrn_mech_data *md, int _r0, int _r1)"
                               : "(const nrn_mech_ctx *c, nrn_mech_data *md)";
    const char *pass = chain ? "c, md, _r0, _r1, _chp" : range ? "c, md, _r0, _r1" : "c, md";
    const char *sfx = range ? "_range" : "";
    const char *ty = chain ? "_chain_fn" : range ? "_range_fn" : "nrn_mech_fn";
    fputs("#undef nrn_hexp\n"
          "#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)\n", g->out);
    if (chain)
        fputs("typedef void (*_chain_fn)(const nrn_mech_ctx *, nrn_mech_data *, int, int, "
              "nrn_chain *);\n", g->out);
    else if (range)
        fputs("#ifndef _RANGE_FN\n#define _RANGE_FN\n"
              "typedef void (*_range_fn)(const nrn_mech_ctx *, nrn_mech_data *, int, int);\n"
              "#endif\n", g->out);
    fprintf(g->out, "__attribute__((target(NRN_TARGET_V4)))\n%sstatic void %s%s_v4%s { %s%s_body(%s, 1); }\n",
            opt, name, sfx, args, name, sfx, pass);
    fprintf(g->out, "__attribute__((target(NRN_TARGET_V3)))\n%sstatic void %s%s_v3%s { %s%s_body(%s, 1); }\n",
            opt, name, sfx, args, name, sfx, pass);
    if (v0)
        fprintf(g->out, "static void %s%s_v0%s { %s; }\n", name, sfx, args, v0);
    else
        fprintf(g->out, "%sstatic void %s%s_v0%s { %s%s_body(%s, 0); }\n", opt, name, sfx, args,
                name, sfx, pass);
    /* the resolver runs before the sanitizers' runtime is set up (exp_exact.c) */
    fprintf(g->out, "__attribute__((no_sanitize(\"address\", \"undefined\")))\n"
                    "static %s %s%s_pick(void)\n{\n"
                    "    __builtin_cpu_init();\n"
                    "    if (__builtin_cpu_supports(\"x86-64-v4\"))\n        return %s%s_v4;\n"
                    "    if (__builtin_cpu_supports(\"x86-64-v3\"))\n        return %s%s_v3;\n"
                    "    return %s%s_v0;\n}\n"
                    "static void %s%s%s __attribute__((ifunc(\"%s%s_pick\")));\n",
            ty, name, sfx, name, sfx, name, sfx, name, sfx, name, sfx, args, name, sfx);
    fprintf(g->out, "#else\nstatic void %s%s%s { %s%s_body(%s, 0); }\n#endif\n", name, sfx, args,
            name, sfx, pass);
}

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

/* An expression every lane can evaluate on its own: variables, numbers, math functions;
** with at, at_time (a kernel that stops at discontinuities takes the scalar loop). */
static int expr_at_ok(struct gen *g, const nm_node *e, int at)
{
    switch (e->kind) {
    case NM_NUM:
        return 1;
    case NM_VAR:
        return e->n == 0 && !e->ival;
    case NM_CALL:
        if (!(is_math(e->text) || (at && !strcmp(e->text, "at_time"))) ||
            sema_func(g->m, e->text))
            return 0;
        break;
    case NM_PAREN: case NM_UNOP: case NM_BINOP:
        break;
    default:
        return 0;
    }
    for (int i = 0; i < e->n; i++)
        if (!expr_at_ok(g, e->kid[i], at))
            return 0;
    return 1;
}

int expr_ok(struct gen *g, const nm_node *e)
{
    return expr_at_ok(g, e, 0);
}

/* A statement every lane can run on its own: LOCALs, assignments of RANGE variables or
** LOCALs from such expressions; with OK_EQS cnexp equations too; with OK_IF, IF ... ELSE of
** such statements (the compiler turns them into selects and masked stores, lane by lane
** the scalar code's values); with OK_AT, at_time calls. */
int stmt_ok(struct gen *g, const nm_node *s, int eqs)
{
    int cur = (eqs & OK_IF) != 0, at = (eqs & OK_AT) != 0;
    switch (s->kind) {
    case NM_LOCAL: case NM_UNITSFLAG:
        return 1;
    case NM_ASSIGN: {
        const nm_node *lhs = s->kid[0];
        if (lhs->n || (lhs->ival && !(eqs & OK_EQS)) || lhs->ival > 1)
            return 0;
        const struct nm_var *x = sema_lookup(g->m, lhs->text);
        if (x && x->where != W_RANGE)
            return 0;
        return expr_at_ok(g, s->kid[1], at);
    }
    case NM_EXPRSTMT:
        return at && s->kid[0]->kind == NM_CALL && !strcmp(s->kid[0]->text, "at_time") &&
               expr_at_ok(g, s->kid[0], 1);
    case NM_BLOCK:
        if (!cur)
            return 0;
        for (int i = 0; i < s->n; i++)
            if (!stmt_ok(g, s->kid[i], eqs))
                return 0;
        return 1;
    case NM_IF:
        if (!cur || !expr_at_ok(g, s->kid[0], at))
            return 0;
        for (int i = 1; i < s->n; i++)
            if (!stmt_ok(g, s->kid[i], eqs))
                return 0;
        return 1;
    default:
        return 0;
    }
}

/* The context copied into the frame: the compiler then knows that no store of the loop
** changes dt or the node array pointers, and keeps them out of the loop. */
void ctx_copy(struct gen *g)
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
void cols_direct(struct gen *g, int on)
{
    fputs("#undef _R\n#undef _I\n", g->out);
    if (on)
        fputs("#define _R(k) (_c##k[_a->i])\n#define _I(k, j) (_io##k##_##j[_ii##k[_a->i]])\n",
              g->out);
    else
        fputs("#define _R(k) (_a->col[k][_a->i])\n"
              "#define _I(k, j) (_a->md->ion[k]->col[j][_a->md->ion_inst[k][_a->i]])\n", g->out);
}

/* The head of a vector loop over instances _i = from .. to-1, its _args private, their v
** the value of vexpr. */
void simd_loop_v(struct gen *g, const char *var, const char *from, const char *to,
                 const char *inst, const char *vexpr)
{
    gline(g, "#pragma omp simd");
    gline(g, "for (int %s = %s; %s < %s; %s++) {", var, from, var, to, var);
    g->depth++;
    if (strcmp(var, "_i") != 0)
        gline(g, "const int _i = %s;", inst);
    gline(g, "_args _a0 = { c, md, _col, _i, %s }, *_a = &_a0;",
          g->m->kind == NRN_ARTCELL ? "0." : vexpr);
}

/* The same, v read through the instance's node. */
void simd_loop(struct gen *g, const char *var, const char *from, const char *to,
               const char *inst)
{
    simd_loop_v(g, var, from, to, inst, "_vv[_node[_i]]");
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
** currents it writes in the lane's locals PREFIXk, the names of up in their C text. */
static void current_block(struct gen *g, const struct nm_var **ic, int nic, const char *prefix,
                          const char *sum, const struct gscope *up)
{
    const struct nm_mech *m = g->m;
    const nm_node *body = m->breakpoint->kid[1];
    struct gscope sc = { .up = up };
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
        const char *loc = gen_scope_find(up, v->name);
        if (j < nic)
            gline(g, "_current += %s%d;", prefix, j);
        else if (loc)
            gline(g, "_current += %s;", loc);
        else
            gline(g, "_current += _R(%d);", v->col);
    }
    gline(g, "%s = _current;", sum);
    g->depth--;
    gline(g, "}");
}

/*
** The RANGE variables (ion currents aside) that the BREAKPOINT assigns before anything else
** there reads them: the first statement (but SOLVE) naming one assigns it, unconditionally,
** from an expression without it. Each evaluation then reads only what it assigned itself,
** so both may keep them in locals (sh), the columns stored once after the evaluation at v,
** with its values: with no store between the two evaluations, the compiler computes what
** they share (gna = gnabar m^3 h, the same operations on the same values) once.
*/
static void shadowed(struct gen *g, const struct nm_var **ic, int nic, struct gscope *sh)
{
    struct nm_mech *m = g->m;
    const nm_node *body = m->breakpoint->kid[1];
    for (int i = 0; i < body->n; i++) {
        const nm_node *s = body->kid[i];
        if (s->kind != NM_ASSIGN || s->kid[0]->n || s->kid[0]->ival)
            continue;
        const char *name = s->kid[0]->text;
        const struct nm_var *x = sema_lookup(m, name);
        int k = 0;
        while (k < nic && ic[k] != x)
            k++;
        /* (a LOCAL of that name anywhere in the block: left alone) */
        if (!x || x->where != W_RANGE || x->dim || k < nic || gen_scope_find(sh, name) ||
            gen_has_node(s->kid[1], NM_VAR, name) || gen_has_node(body, NM_NAME, name) ||
            sh->n >= 64)
            continue;
        int first = 1;
        for (int j = 0; j < i && first; j++)
            first = !gen_has_node(body->kid[j], NM_VAR, name);
        if (first)
            gscope_add(g, sh, name, gfmt(g, "_sh%d", sh->n));
    }
}

/* The end of a lane of the density _cur, from v on: the currents at v + .001 and at v, the
** ion currents and the node's rhs and d (_nd the node, _I the ion entries). */
static void density_lane(struct gen *g, const struct nm_var **ic, int nic)
{
    struct gscope sh = { .up = NULL };
    shadowed(g, ic, nic, &sh);
    gline(g, "double _v = _a0.v;");
    gline(g, "double _g, _rhs;");
    for (int k = 0; k < nic; k++)
        gline(g, "double _icg%d, _icr%d;", k, k);
    for (int k = 0; k < sh.n; k++)
        gline(g, "double %s;", sh.c[k]);
    gline(g, "_a0.v = _v + .001;");
    current_block(g, ic, nic, "_icg", "_g", &sh);
    gline(g, "_a0.v = _v;");
    current_block(g, ic, nic, "_icr", "_rhs", &sh);
    for (int k = 0; k < sh.n; k++)
        gline(g, "_R(%d) = %s;", sema_lookup(g->m, sh.name[k])->col, sh.c[k]);
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
}

/* The head of kernel NAME (attr: its attributes, ctx: its context's name), or with range of
** its range form NAME_range, on instances [_r0, _r1). */
void kernel_head(struct gen *g, const char *attr, const char *name, const char *ctx,
                        int range)
{
    gline(g, "%sstatic void %s%s(const nrn_mech_ctx *%s, nrn_mech_data *md%s)", attr, name,
          range ? "_range" : "", ctx, range ? ", int _r0, int _r1" : "");
}

/* _dense(md, i0): instances i0 .. i0 + W - 1 sit at consecutive nodes with consecutive ion
** instances. */
static void dense_check(struct gen *g)
{
    struct nm_mech *m = g->m;
    gline(g, "_HOT int _dense(const nrn_mech_data *md, int i0)");
    gline(g, "{");
    gline(g, "    const int *nd = md->node + i0;");
    /* most groups that are not consecutive fail at once (a tree's, checked every step) */
    gline(g, "    if (nd[%d] - nd[0] != %d)", W - 1, W - 1);
    gline(g, "        return 0;");
    gline(g, "    int bad = 0;");
    for (int k = 0; k < m->nion; k++)
        gline(g, "    const int *ii%d = md->ion_inst[%d] + i0;", k, k);
    /* no omp simd: GCC reduces such a loop through memory (a stall on the vector store),
    ** its own vectorizer in registers */
    gline(g, "    for (int l = 0; l < %d; l++) {", W);
    gline(g, "        bad |= nd[l] ^ (nd[0] + l);");
    for (int k = 0; k < m->nion; k++)
        gline(g, "        bad |= ii%d[l] ^ (ii%d[0] + l);", k, k);
    gline(g, "    }");
    gline(g, "    return !bad;");
    gline(g, "}");
}

/*
** The vector _cur of a density mechanism: gen.c's scalar one operation by operation, but the
** ion currents the BREAKPOINT writes are locals of each lane (_icg at v + .001, _icr at v),
** their hidden columns stored once with the value at v, so that a lane keeps them in
** registers. Groups of W instances whose nodes and ion instances are consecutive (the
** interleaved cells of interleave.c: node j of 8 cells) read and write them with plain
** vector loads and stores; the others gather and scatter. Written once, as _cur_range on
** instances [_r0, _r1) (cable.c calls it on vectors of 8 nodes); _cur runs it on all.
*/
static void density_cur(struct gen *g, const struct nm_var **ic, int nic)
{
    struct nm_mech *m = g->m;
    {
        /* fewer than W instances: the lanes' code in a plain loop (see the top) */
        cols_direct(g, 0);
        gline(g, "static void _cur_small(const nrn_mech_ctx *c, nrn_mech_data *md, int _r0, int _r1)");
        gline(g, "{");
        gline(g, "    double *const _gs = md->g, *const _rhsv = c->rhs, *const _dv = c->d;");
        gline(g, "    for (int _i = _r0; _i < _r1; _i++) {");
        g->depth += 2;
        gline(g, "const int _nd = md->node[_i];");
        gline(g, "_args _a0 = { c, md, md->col, _i, c->v[_nd] }, *_a = &_a0;");
        density_lane(g, ic, nic);
        g->depth -= 2;
        gline(g, "    }");
        gline(g, "}");
        cols_direct(g, 1);
    }
    kernel_body(g, "_cur", 1);
    gline(g, "{");
    g->depth++;
    gline(g, "(void)_inl;");
    ctx_copy(g);
    gline(g, "double *_col[_NCOL > 0 ? _NCOL : 1];");
    gline(g, "for (int _k = 0; _k < _NCOL; _k++)");
    gline(g, "    _col[_k] = md->col[_k];");
    gline(g, "const int _n = _r1;");
    gline(g, "double *const _gs = md->g, *const _rhsv = c->rhs, *const _dv = c->d;");
    gline(g, "for (int _i0 = _r0; _i0 < _n;) {");
    g->depth++;
    gline(g, "int _e = _i0;");
    gline(g, "while (_e + %d <= _n && _dense(md, _e))", W);
    gline(g, "    _e += %d;", W);
    fputs("#undef _I\n#define _I(k, j) (_io##k##_##j[_ib##k + _l])\n", g->out);
    gline(g, "for (; _i0 < _e; _i0 += %d) {", W);
    g->depth++;
    gline(g, "const int _nb = _node[_i0];");
    for (int k = 0; k < m->nion; k++)
        gline(g, "const int _ib%d = _ii%d[_i0];", k, k);
    gline(g, "#pragma omp simd");
    gline(g, "for (int _l = 0; _l < %d; _l++) {", W);
    g->depth++;
    gline(g, "const int _i = _i0 + _l, _nd = _nb + _l;");
    gline(g, "_args _a0 = { c, md, _col, _i, _vv[_nd] }, *_a = &_a0;");
    density_lane(g, ic, nic);
    g->depth--;
    gline(g, "}");
    g->depth--;
    gline(g, "}");
    fputs("#undef _I\n#define _I(k, j) (_io##k##_##j[_ii##k[_a->i]])\n", g->out);
    /* one instance at a time: a run of consecutive nodes may start anywhere (a tree's
    ** interleaved sections follow the first sections' instances, compile.c) */
    gline(g, "while (_e < _n && !(_e + %d <= _n && _dense(md, _e)))", W);
    gline(g, "    _e = _e + %d <= _n ? _e + 1 : _n;", W);
    simd_loop(g, "_i", "_i0", "_e", NULL);
    gline(g, "int _nd = _node[_i];");
    density_lane(g, ic, nic);
    g->depth--;
    gline(g, "}");
    gline(g, "_i0 = _e;");
    g->depth--;
    gline(g, "}");
    g->depth--;
    gline(g, "}");
    kernel_builds(g, "_cur", 0, 1, "_cur_small(c, md, _r0, _r1)");
    /* the whole kernel is the range form on all instances (one body to compile, not two),
    ** the choice of the plain loop outside its per-ISA builds */
    gline(g, "static void _cur(const nrn_mech_ctx *c, nrn_mech_data *md)");
    gline(g, "{");
    gline(g, "    if (md->n < %d)", W);
    gline(g, "        _cur_small(c, md, 0, md->n);");
    gline(g, "    else");
    gline(g, "        _cur_range(c, md, 0, md->n);");
    gline(g, "}");
}

/*
** The vector _cur of a point process: the lanes evaluate the BREAKPOINT at v + .001 and at
** v and scale the current and its derivative as nrn_pp_current does; the additions to the
** nodes follow in instance order, one by one, since several instances may share a node.
** at_time is a no-op in it, and the scalar loop (_cur_scalar) runs where the variable step
** collects the discontinuities (c->at_next) and for fewer than W instances.
*/
static void point_cur(struct gen *g)
{
    int el = g->m->electrode;
    gline(g, "static void _cur_scalar(const nrn_mech_ctx *c, nrn_mech_data *md)");
    gline(g, "{");
    gline(g, "    _args _a0 = { c, md, md->col, 0, 0. }, *_a = &_a0;");
    gline(g, "    for (int _i = 0; _i < md->n; _i++) {");
    gline(g, "        _a0.i = _i;");
    gline(g, "        _a0.v = c->v[md->node[_i]];");
    gline(g, "        double _v = _a0.v;");
    gline(g, "        _a0.v = _v + .001;");
    gline(g, "        double _g = _current(_a);");
    gline(g, "        _a0.v = _v;");
    gline(g, "        double _rhs = _current(_a);");
    gline(g, "        md->g[_i] = nrn_pp_current(c, md->node[_i], _g, _rhs, %d);", el);
    gline(g, "    }");
    gline(g, "}");
    gline(g, "_HOT double _at_time_v(_args *_a, double te)");
    gline(g, "{");
    gline(g, "    double x = te - 1e-11;");
    gline(g, "    return x <= _a->c->t && x > _a->c->t - _a->c->dt;");
    gline(g, "}");
    cols_direct(g, 1);
    fputs("#define _at_time _at_time_v\n", g->out);
    /* the choice outside the per-ISA builds: GCC sets up a clone's whole frame before its
    ** test of md->n */
    gline(g, "static void _cur_vec(const nrn_mech_ctx *c, nrn_mech_data *md);");
    gline(g, "static void _cur(const nrn_mech_ctx *_ctx0, nrn_mech_data *md)");
    gline(g, "{");
    gline(g, "    if (_ctx0->at_next || md->n < %d)", W);
    gline(g, "        _cur_scalar(_ctx0, md);");
    gline(g, "    else");
    gline(g, "        _cur_vec(_ctx0, md);");
    gline(g, "}");
    kernel_body(g, "_cur_vec", 0);
    gline(g, "{");
    g->depth++;
    gline(g, "(void)_inl;");
    ctx_copy(g);
    gline(g, "double *_col[_NCOL > 0 ? _NCOL : 1];");
    gline(g, "for (int _k = 0; _k < _NCOL; _k++)");
    gline(g, "    _col[_k] = md->col[_k];");
    gline(g, "double *const _gs = md->g, *const _rhsv = c->rhs, *const _dv = c->d;");
    gline(g, "const double *const _mf = c->mfact;");
    gline(g, "double _gl[%d], _rl[%d];", CHUNK, CHUNK);
    gline(g, "for (int _k0 = 0; _k0 < md->n; _k0 += %d) {", CHUNK);
    g->depth++;
    gline(g, "const int _len = md->n - _k0 < %d ? md->n - _k0 : %d;", CHUNK, CHUNK);
    simd_loop(g, "_j", "0", "_len", "_k0 + _j");
    gline(g, "double _v = _a0.v;");
    gline(g, "double _g, _rhs;");
    gline(g, "_a0.v = _v + .001;");
    current_block(g, NULL, 0, "_icg", "_g", NULL);
    gline(g, "_a0.v = _v;");
    current_block(g, NULL, 0, "_icr", "_rhs", NULL);
    gline(g, "_gl[_j] = _g;");
    gline(g, "_rl[_j] = _rhs;");
    g->depth--;
    gline(g, "}");
    /* A current that does not depend on v (a stimulus, a synapse at rest) has the same bits
    ** at v + .001 and at v: then (g - rhs) / .001 is g - rhs bit for bit (+0, or the NaN),
    ** and a chunk where every instance has it skips the division (a memcmp: GCC's
    ** reduction of a vector loop goes through memory, which costs more than the division). */
    gline(g, "if (__builtin_memcmp(_gl, _rl, sizeof(double) * (size_t)_len)) {");
    gline(g, "    #pragma omp simd");
    gline(g, "    for (int _j = 0; _j < _len; _j++)");
    gline(g, "        _gl[_j] = (_gl[_j] - _rl[_j]) / .001;");
    gline(g, "} else {");
    gline(g, "    #pragma omp simd");
    gline(g, "    for (int _j = 0; _j < _len; _j++)");
    gline(g, "        _gl[_j] = _gl[_j] - _rl[_j];");
    gline(g, "}");
    gline(g, "#pragma omp simd");
    gline(g, "for (int _j = 0; _j < _len; _j++) {");
    g->depth++;
    gline(g, "const int _i = _k0 + _j;");
    gline(g, "double _mfact = _mf[_node[_i]];");
    gline(g, "double _g = _gl[_j] * _mfact;");
    gline(g, "_rl[_j] *= _mfact;");
    gline(g, "_gs[_i] = _g;");
    gline(g, "_gl[_j] = _g;");
    g->depth--;
    gline(g, "}");
    /* 8 instances on consecutive nodes (a stimulus in each of 8 interleaved cells) share no
    ** node: one vector addition; elsewhere one by one */
    gline(g, "for (int _j0 = 0; _j0 < _len; _j0 += %d) {", W);
    g->depth++;
    gline(g, "const int *const _nq = _node + _k0 + _j0;");
    gline(g, "const int _nb = _nq[0];");
    gline(g, "int _ok = _j0 + %d <= _len;", W);
    gline(g, "if (_ok) {");
    gline(g, "    int _bad = 0;"); /* no omp simd reduction: see dense_check */
    gline(g, "    for (int _l = 0; _l < %d; _l++)", W);
    gline(g, "        _bad |= _nq[_l] ^ (_nb + _l);");
    gline(g, "    _ok = !_bad;");
    gline(g, "}");
    gline(g, "if (_ok) {");
    gline(g, "    #pragma omp simd");
    gline(g, "    for (int _l = 0; _l < %d; _l++) {", W);
    gline(g, "        _rhsv[_nb + _l] %s= _rl[_j0 + _l];", el ? "+" : "-");
    gline(g, "        _dv[_nb + _l] %s= _gl[_j0 + _l];", el ? "-" : "+");
    gline(g, "    }");
    gline(g, "    continue;");
    gline(g, "}");
    gline(g, "for (int _j = _j0; _j < _len && _j < _j0 + %d; _j++) {", W);
    gline(g, "    const int _nd = _node[_k0 + _j];");
    gline(g, "    _rhsv[_nd] %s= _rl[_j];", el ? "+" : "-");
    gline(g, "    _dv[_nd] %s= _gl[_j];", el ? "-" : "+");
    gline(g, "}");
    g->depth--;
    gline(g, "}");
    g->depth--;
    gline(g, "}");
    g->depth--;
    gline(g, "}");
    kernel_builds(g, "_cur_vec", 0, 0, "_cur_scalar(c, md)");
    fputs("#undef _at_time\n", g->out);
}

/* The vector _cur where the BREAKPOINT allows it (1), else 0: gen.c writes the scalar one. */
int gen_simd_cur(struct gen *g)
{
    struct nm_mech *m = g->m;
    int pp = m->kind == NRN_POINT;
    if ((m->kind != NRN_DENSITY && !pp) || (m->electrode && !pp) || gen_ion_writes(m))
        return 0;
    const nm_node *body = m->breakpoint->kid[1];
    for (int i = 0; i < body->n; i++)
        if (body->kid[i]->kind != NM_SOLVE &&
            !stmt_ok(g, body->kid[i], OK_IF | (pp ? OK_AT : 0)))
            return 0;
    const struct nm_var *ic[32];
    int nic = ion_currents(m, ic);
    if (pp && nic)
        return 0;
    fputs(gen_simd_preamble, g->out);
    if (pp) {
        point_cur(g);
    } else {
        cols_direct(g, 1);
        dense_check(g);
        density_cur(g, ic, nic);
        g->cur_range = 1;
    }
    cols_direct(g, 0);
    return 1;
}
