/*
** gen_simd_state.c: the vector shape of a generated mechanism's state kernels (SOLVE ...
** METHOD cnexp): the plain form, and the tabled form whose look-ups (rates(v) from TABLEs) run
** in chunks ahead of the equations, with its range form that carries the cable's back
** substitution between its loops (state_chain, cable.c). gen_simd.c holds what the current
** and state kernels share (the per-ISA builds, the checks, the loops) and says when a kernel
** takes this shape.
*/
#include <stdlib.h>
#include <string.h>
#include "gen.h"
#include "gen_simd.h"
#include "../engine/nrn_mech.h"

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
        if (!stmt_ok(g, body->kid[i], OK_EQS))
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

/* The vector loop of a cnexp block of equations alone over instances [from, _n). */
static void plain_kernel(struct gen *g, const nm_node *body, int range)
{
    kernel_body(g, "_state", range);
    gline(g, "{");
    g->depth++;
    gline(g, "(void)_inl;");
    if (range) {
        gline(g, "(void)_state_scalar;");
    } else {
        gline(g, "if (md->n < %d) {", W);
        gline(g, "    _state_scalar(_ctx0, md);");
        gline(g, "    return;");
        gline(g, "}");
    }
    ctx_copy(g);
    gline(g, "double *_col[_NCOL > 0 ? _NCOL : 1];");
    gline(g, "for (int _k = 0; _k < _NCOL; _k++)");
    gline(g, "    _col[_k] = md->col[_k];");
    gline(g, "const int _n = %s;", range ? "_r1" : "md->n");
    simd_loop(g, "_i", range ? "_r0" : "0", "_n", NULL);
    gline(g, "(void)_a;");
    g->ctx = NM_DERIVATIVE;
    gen_body(g, body, NULL);
    g->depth--;
    gline(g, "}");
    g->depth--;
    gline(g, "}");
    kernel_builds(g, "_state", 0, range, range ? NULL : "_state_scalar(c, md)");
}

/* A cnexp block of equations alone (a synapse's decay): one vector loop over the instances,
** gen.c's scalar loop for fewer than W. A density mechanism gets the range form too. */
static int plain_state(struct gen *g, const nm_node *body)
{
    for (int i = 0; i < body->n; i++)
        if (!stmt_ok(g, body->kid[i], OK_EQS))
            return 0;
    fputs(gen_simd_preamble, g->out);
    gline(g, "static void _state_scalar(const nrn_mech_ctx *c, nrn_mech_data *md);");
    cols_direct(g, 1);
    plain_kernel(g, body, 0);
    if (g->m->kind == NRN_DENSITY) {
        plain_kernel(g, body, 1);
        g->state_range = 1;
    }
    cols_direct(g, 0);
    return 1;
}

/* In the range form: the chain (_ch) up to the node of instance k0 + ahead vectors - 1 (or
** the last instance). */
static void chain_upto(struct gen *g, const char *k0, int ahead)
{
    gline(g, "_ch.lim = nrn_chain_upto(&_ch, _node[(%s + %d < _r1 ? %s + %d : _r1) - 1]);", k0,
          ahead * W, k0, ahead * W);
}

/*
** The vector kernel of a tabled cnexp block (f the PROCEDURE with the TABLE, body the
** DERIVATIVE's statements): per chunk of instances the look-ups, then the equations. range:
** _state_simd_range on instances [_r0, _r1), a whole number of vectors of W (loops of
** constant length, so that they stay vector loops; _state_range runs the rest), with the
** steps of the chain _chp (nrn_mech.h's nrn_chain, where not NULL) between its loops: a
** few after the look-ups and after each equation but the last (an equation per loop, when
** the block declares no LOCAL that would have to live from one loop to the next), what is
** left before the next vector's look-ups, the chain kept CHAIN_AHEAD vectors ahead of them;
** its caller runs the rest of the chain. Each place the steps are written costs compile
** time (two builds of the body), hence no more places than that.
*/
static void tabled_kernel(struct gen *g, const struct nm_func *f, const nm_node *body, int range)
{
    struct nm_mech *m = g->m;
    const nm_node *t = f->table;
    int ntv = f->ntabvar, n = atoi(t->value), chunk = range ? W : CHUNK;
    const char *nm = f->name;
    kernel_body(g, "_state_simd", range);
    gline(g, "{");
    g->depth++;
    gline(g, "(void)_inl;");
    ctx_copy(g);
    gline(g, "const struct _gp *_gp = md->gpriv;");
    gline(g, "double *_col[_NCOL > 0 ? _NCOL : 1];");
    gline(g, "for (int _k = 0; _k < _NCOL; _k++)");
    gline(g, "    _col[_k] = md->col[_k];");
    gline(g, "const double _mfac = _gp->%s.mfac, _tmin = _gp->%s.tmin;", nm, nm);
    for (int k = 0; k < ntv; k++)
        gline(g, "const double *_t%d = _gp->%s.t_%s;", k, nm, t->kid[0]->kid[k]->text);
    gline(g, "double _r[%d][%d], _vl[%d];", ntv, chunk, chunk);
    gline(g, "int _len = 0;");
    /* one loop per equation in the range form, where that needs no LOCAL across loops */
    int split = range && body->n > 2, step;
    for (int i = 1; i < body->n; i++)
        split &= body->kid[i]->kind == NM_ASSIGN;
    step = (W + (split ? body->n - 1 : 1)) / ((split ? body->n - 1 : 1) + 1);
    if (range)
        gline(g, "nrn_chain _ch = _chp ? *_chp : (nrn_chain){ .hi = 0 };");
    const char *end = range ? "_r1" : "md->n";
    gline(g, "for (int _k0 = %s; _k0 < %s; _k0 += %d) {", range ? "_r0" : "0", end, chunk);
    g->depth++;
    gline(g, "_len = %s - _k0 < %d ? %s - _k0 : %d;", end, chunk, end, chunk);
    if (range) {
        /* what the last vector's steps left (all that its look-ups need, the first time),
        ** then the steps between the loops take the chain a vector further */
        chain_upto(g, "_k0", CHAIN_AHEAD);
        gline(g, "nrn_chain_run(&_ch, _ch.hi);");
        chain_upto(g, "_k0", CHAIN_AHEAD + 1);
    }
    /* the range form gets whole vectors of W only (its caller runs the rest): loops of
    ** constant length */
    {
        const char *len = range ? gfmt(g, "%d", W) : "_len";
        /* the chunk's v (after the chain's steps: final for its nodes), then the look-ups */
        gline(g, "_vload(_vv, _node + _k0, %s, _vl);", len);
        simd_loop_v(g, "_j", "0", len, "_k0 + _j", "_vl[_j]");
        gline(g, "double _xi = _mfac * (%s - _tmin);",
              gen_expr(g, body->kid[0]->kid[0]->kid[0], NULL));
        gline(g, "int _in = (_xi > 0.) & (_xi < %d.);", n);
        gline(g, "double _xs = nrn_x_sel(-(int64_t)_in, _xi, 0.);");
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
        g->ctx = NM_DERIVATIVE;
        for (int i = 1; i < body->n; i += split ? 1 : body->n) {
            if (range)
                gline(g, "nrn_chain_run(&_ch, %d);", step);
            simd_loop_v(g, "_j", "0", len, "_k0 + _j", "_vl[_j]");
            nm_node rest = *body;
            rest.kid = body->kid + i;
            rest.n = split ? 1 : body->n - 1;
            gen_body(g, &rest, &sc);
            g->depth--;
            gline(g, "}");
        }
    }
    g->depth--;
    gline(g, "}");
    if (range) {
        gline(g, "if (_chp)");
        gline(g, "    *_chp = _ch;");
    }
    gline(g, "if (_len > 0) {");
    gline(g, "    _args _a0 = { c, md, _col, %s - 1, 0. }, *_a = &_a0;", end);
    for (int k = 0; k < ntv; k++) {
        const struct nm_var *x = sema_lookup(m, t->kid[0]->kid[k]->text);
        if (x->where == W_GLOBAL)
            gline(g, "    _G(%d) = _r[%d][_len - 1];", x->col, k);
    }
    gline(g, "    (void)_a;");
    gline(g, "}");
    g->depth--;
    gline(g, "}");
    kernel_builds(g, "_state_simd", 1, range,
                  range ? "nrn_chain_finish(_chp), _state_span(c, md, _r0, _r1)"
                        : "_state_scalar(c, md)");
}

int gen_simd_state(struct gen *g)
{
    struct nm_mech *m = g->m;
    const nm_node *sv = m->solved, *so = m->solve;
    if (!sv || sv->kind != NM_DERIVATIVE || g->nstate || !so->value ||
        strcmp(so->value, "cnexp") != 0 || gen_ion_writes(m) || gen_deriv_halves(m))
        return 0;
    const nm_node *body = sv->kid[1];
    const struct nm_func *f = tabled_call(g, body);
    if (!f)
        return plain_state(g, body);
    fputs(gen_simd_preamble, g->out);
    gline(g, "_HOT double _tbl(const double *tb, int i0, int i1, double theta, "
          "int interior, double xi)");
    gline(g, "{");
    gline(g, "    double a = tb[i0], b = tb[i1];");
    gline(g, "    double in = a + theta * (b - a);");
    /* selects on the bits: GCC would move the interpolation under a branch, which it then
    ** cannot if-convert for AVX2 (no masked arithmetic), and the loop stays scalar */
    gline(g, "    double r = nrn_x_sel(-(int64_t)(interior != 0), in, a);");
    gline(g, "    return nrn_x_sel(-(int64_t)(xi != xi), xi, r);");
    gline(g, "}");
    /* v of n instances from their nodes nd: 8 consecutive nodes (interleaved sections or
    ** cells, an axon) as one vector load, not a gather (tree 3%, many_cells 3%) */
    gline(g, "_HOT void _vload(const double *vv, const int *nd, int n, double *out)");
    gline(g, "{");
    gline(g, "    int j = 0;");
    gline(g, "    for (; j + %d <= n; j += %d) {", W, W);
    gline(g, "        const int *q = nd + j;");
    gline(g, "        int bad = 0;");
    gline(g, "        for (int l = 0; l < %d; l++)", W);
    gline(g, "            bad |= q[l] ^ (q[0] + l);");
    gline(g, "        if (!bad)");
    gline(g, "            for (int l = 0; l < %d; l++)", W);
    gline(g, "                out[j + l] = vv[q[0] + l];");
    gline(g, "        else");
    gline(g, "            for (int l = 0; l < %d; l++)", W);
    gline(g, "                out[j + l] = vv[q[l]];");
    gline(g, "    }");
    gline(g, "    for (; j < n; j++)");
    gline(g, "        out[j] = vv[nd[j]];");
    gline(g, "}");
    gline(g, "static void _state_scalar(const nrn_mech_ctx *c, nrn_mech_data *md);");
    if (m->kind == NRN_DENSITY) {
        /* the scalar loop's body on instances [_r0, _r1) (no ion copies: gen_ion_writes is 0) */
        gline(g, "static void _state_span(const nrn_mech_ctx *c, nrn_mech_data *md, int _r0, int _r1)");
        gline(g, "{");
        gline(g, "    _args _a0 = { c, md, md->col, 0, 0. }, *_a = &_a0;");
        gline(g, "    for (int _i = _r0; _i < _r1; _i++) {");
        gline(g, "        _a0.i = _i;");
        gline(g, "        _a0.v = c->v[md->node[_i]];");
        gline(g, "        _d_%s(_a);", sv->text);
        gline(g, "    }");
        gline(g, "}");
    }
    cols_direct(g, 1);
    tabled_kernel(g, f, body, 0);
    if (m->kind == NRN_DENSITY)
        tabled_kernel(g, f, body, RANGE_CHAIN);
    cols_direct(g, 0);
    kernel_head(g, "", "_state", "c", 0);
    gline(g, "{");
    gline(g, "    _args _a0 = { c, md, md->col, 0, 0. }, *_a = &_a0;");
    gline(g, "    if (_G(%d) == 0 || md->n < %d) {", m->usetable, W);
    gline(g, "        _state_scalar(c, md);");
    gline(g, "        return;");
    gline(g, "    }");
    for (int i = 0; i < m->nfunc; i++)
        if (m->func[i].table)
            gline(g, "    _check_%s(_a);", m->func[i].name);
    gline(g, "    _state_simd(c, md);");
    gline(g, "}");
    if (m->kind == NRN_DENSITY) {
        /* the range forms: the vector kernel on whole vectors of W, the rest (an axon's last
        ** few nodes) and everything with usetable off in the scalar loop's body, last, so
        ** that a GLOBAL keeps the last instance's value (no ion copies: gen_ion_writes is 0);
        ** the chain, where there is one, all done before that rest */
        gline(g, "static void _state_chain(const nrn_mech_ctx *c, nrn_mech_data *md, int _r0, "
              "int _r1, nrn_chain *_chp)");
        gline(g, "{");
        gline(g, "    _args _a0 = { c, md, md->col, 0, 0. }, *_a = &_a0;");
        gline(g, "    int _rm = _r0;");
        gline(g, "    if (_G(%d) != 0) {", m->usetable);
        for (int i = 0; i < m->nfunc; i++)
            if (m->func[i].table)
                gline(g, "        _check_%s(_a);", m->func[i].name);
        gline(g, "        _rm = _r0 + (_r1 - _r0) / %d * %d;", W, W);
        gline(g, "        if (_rm > _r0)");
        gline(g, "            _state_simd_range(c, md, _r0, _rm, _chp);");
        gline(g, "    }");
        gline(g, "    nrn_chain_finish(_chp);");
        gline(g, "    _state_span(c, md, _rm, _r1);");
        gline(g, "}");
        kernel_head(g, "", "_state", "c", 1);
        gline(g, "{");
        gline(g, "    _state_chain(c, md, _r0, _r1, NULL);");
        gline(g, "}");
    }
    g->state_range = g->state_chain = m->kind == NRN_DENSITY;
    return 1;
}
