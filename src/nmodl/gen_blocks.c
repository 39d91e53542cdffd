/*
** gen_blocks.c: the whole-array functions of a generated mechanism, each doing per instance
** what nocmodl's nrn_init, nrn_cur, nrn_state and net_receive do, in the same order (the
** current at v + .001 then at v, the ion derivatives, the cnexp update), so that the numbers
** are NEURON's bit for bit.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "gen.h"
#include "../engine/nrn_mech.h"

/* Calls the table checks (before init and state, as NEURON's table check). */
static void gen_checks(struct gen *g)
{
    for (int i = 0; i < g->m->nfunc; i++)
        if (g->m->func[i].table)
            gline(g, "_check_%s(_a);", g->m->func[i].name);
}

/* The column pointers, copied into the frame of a whole-array function (calls inside then
** cannot change them for the compiler). One assignment each: GCC at -O2 runs a loop of
** them element by element, which costs a lone instance more than its work. */
void gen_cols_copy(struct gen *g)
{
    gline(g, "double *_col[_NCOL > 0 ? _NCOL : 1];");
    for (int k = 0; k < g->m->ncol; k++)
        gline(g, "_col[%d] = md->col[%d];", k, k);
}

void gen_loop_head(struct gen *g, int checks)
{
    int art = g->m->kind == NRN_ARTCELL;
    gen_cols_copy(g);
    gline(g, "_args _a0 = { c, md, _col, 0, 0. }, *_a = &_a0;");
    if (checks)
        gen_checks(g);
    gline(g, "for (int _i = 0; _i < md->n; _i++) {");
    g->depth++;
    gline(g, "_a0.i = _i;");
    gline(g, "_a0.v = %s;", art ? "0." : "c->v[md->node[_i]]");
}

/* A STATE's initial value before INITIAL: its parameter x0 where the file has one (NEURON's
** initmodel: x = x0), else its declared START value, else 0. */
static const char *state0(struct gen *g, const struct nm_var *v)
{
    const struct nm_var *x0 = sema_lookup(g->m, gfmt(g, "%s0", v->name));
    if (x0 && !x0->dim && (x0->decl == NM_PARAMETER || x0->decl == NM_ASSIGNED)) {
        if (x0->where == W_GLOBAL)
            return gfmt(g, "_G(%d)", x0->col);
        if (x0->where == W_RANGE)
            return gfmt(g, "_R(%d)", x0->col);
    }
    if (x0 && !x0->dim && x0->decl == NM_CONSTANT && x0->where == W_CONST)
        return gfmt(g, "_k_%s", x0->name);
    return v->def ? v->def : "0.";
}

void gen_init(struct gen *g)
{
    struct nm_mech *m = g->m;
    gline(g, "static void _init(const nrn_mech_ctx *c, nrn_mech_data *md)");
    gline(g, "{");
    g->depth++;
    gen_loop_head(g, 1);
    for (int i = 0; i < m->nvar; i++) {
        const struct nm_var *v = &m->var[i];
        for (int k = 0; v->decl == NM_STATE && v->where == W_RANGE && !gen_ion_conc(v) &&
                        k < (v->dim ? v->dim : 1); k++)
            gline(g, "_R(%d) = %s;", v->col + k, state0(g, v));
    }
    gen_ion_conc_in(g);
    gen_random_init(g);
    if (m->initial) {
        g->ctx = NM_INITIAL;
        gline(g, "{");
        g->depth++;
        gen_body(g, m->initial->kid[1], NULL);
        g->depth--;
        gline(g, "}");
    }
    gen_ion_conc_out(g, 1);
    g->depth--;
    gline(g, "}");
    g->depth--;
    gline(g, "}");
}

/* The written ion currents (hidden columns that add into an ion). */
static int ion_currents(const struct nm_mech *m, const struct nm_var **out)
{
    int n = 0;
    for (int k = 0; k < m->ncur; k++) {
        const struct nm_var *v = &m->var[m->cur[k]];
        if (v->ion >= 0 && v->where == W_RANGE && v->ioncol == ION_CUR)
            out[n++] = v;
    }
    return n;
}

/* The BREAKPOINT statements but the SOLVE, in a block of their own. */
static void gen_breakpoint_body(struct gen *g)
{
    const nm_node *bp = g->m->breakpoint->kid[1];
    gline(g, "{");
    g->depth++;
    g->ctx = NM_BREAKPOINT;
    nm_node body = *bp;
    nm_node *kids[256];
    body.n = 0;
    body.kid = kids;
    for (int i = 0; i < bp->n && body.n < 256; i++)
        if (bp->kid[i]->kind != NM_SOLVE)
            kids[body.n++] = bp->kid[i];
    gen_body(g, &body, NULL);
    g->depth--;
    gline(g, "}");
}

/* A BREAKPOINT without currents (no NONSPECIFIC_CURRENT, ELECTRODE_CURRENT or written ion
** current): nocmodl then has no nrn_cur and runs the BREAKPOINT's statements in nrn_state,
** after the SOLVE, once per step with the new v (under CVODE once before each step, as every
** state function without equations), never at finitialize. */
int gen_nocur_breakpoint(const struct nm_mech *m)
{
    return m->breakpoint && m->kind != NRN_ARTCELL && m->ncur == 0;
}

void gen_cur(struct gen *g)
{
    struct nm_mech *m = g->m;
    const struct nm_var *ic[32];
    int nic = ion_currents(m, ic);
    if (nic && m->kind != NRN_DENSITY)
        gerr(g, m->ion[ic[0]->ion].at, "USEION ... WRITE in a POINT_PROCESS: not supported yet");
    /* the BREAKPOINT statements but the SOLVE, and the sum of the currents */
    gline(g, "_HOT double _current(_args *_a)");
    gline(g, "{");
    g->depth++;
    gline(g, "double _current = 0.;");
    gen_breakpoint_body(g);
    for (int k = 0; k < m->ncur; k++) {
        const struct nm_var *v = &m->var[m->cur[k]];
        if (v->where != W_RANGE)
            gerr(g, v->at, "current %s: must be a RANGE variable", v->name);
        gline(g, "_current += _R(%d);", v->col);
    }
    gline(g, "return _current;");
    g->depth--;
    gline(g, "}");
    if (gen_simd_cur(g))
        return;
    gline(g, "static void _cur(const nrn_mech_ctx *c, nrn_mech_data *md)");
    gline(g, "{");
    g->depth++;
    gen_loop_head(g, 0);
    gline(g, "int _nd = md->node[_i];");
    gen_ion_conc_in(g);
    gline(g, "double _v = _a0.v;");
    gline(g, "_a0.v = _v + .001;");
    gline(g, "double _g = _current(_a);");
    for (int k = 0; k < nic; k++)
        gline(g, "double _d%d = _R(%d);", k, ic[k]->col);
    gline(g, "_a0.v = _v;");
    gline(g, "double _rhs = _current(_a);");
    for (int k = 0; k < nic; k++)
        gline(g, "_I(%d, %d) += (_d%d - _R(%d))/.001;", ic[k]->ion, ION_DCURDV, k, ic[k]->col);
    if (m->kind == NRN_DENSITY) {
        gline(g, "_g = (_g - _rhs)/.001;");
        gen_ion_conc_out(g, 0);
        for (int k = 0; k < nic; k++)
            gline(g, "_I(%d, %d) += _R(%d);", ic[k]->ion, ION_CUR, ic[k]->col);
        gline(g, "md->g[_i] = _g;");
        if (m->electrode) {
            gline(g, "c->rhs[_nd] += _rhs;");
            gline(g, "c->d[_nd] -= _g;");
        } else {
            gline(g, "c->rhs[_nd] -= _rhs;");
            gline(g, "c->d[_nd] += _g;");
        }
    } else {
        gen_ion_conc_out(g, 0);
        gline(g, "md->g[_i] = nrn_pp_current(c, _nd, _g, _rhs, %d);", m->electrode);
    }
    g->depth--;
    gline(g, "}");
    g->depth--;
    gline(g, "}");
}

void gen_state(struct gen *g)
{
    struct nm_mech *m = g->m;
    int nocur = gen_nocur_breakpoint(m);
    gline(g, "static void %s(const nrn_mech_ctx *c, nrn_mech_data *md)",
          !nocur && gen_simd_state(g) ? "_state_scalar" : "_state");
    gline(g, "{");
    g->depth++;
    if (g->nstate || gen_deriv_halves(m)) { /* euler, derivimplicit: nocmodl's nrn_state
                                              ** halves dt when secondorder */
        gline(g, "nrn_mech_ctx _half = *c;");
        gline(g, "if (c->secondorder)");
        gline(g, "    _half.dt *= 0.5;");
        gline(g, "c = &_half;");
    }
    gen_loop_head(g, 1);
    gen_ion_conc_in(g);
    if (!m->solve) {
        /* no SOLVE: only the BREAKPOINT's statements below */
    } else if (m->solved->kind == NM_PROCEDURE) {
        gline(g, "_fn_%s(_a);", m->solved->text);
    } else if (m->solved->kind == NM_KINETIC) {
        gen_kinetic_state(g);
    } else if (m->solved->kind == NM_LINEAR || m->solved->kind == NM_NONLINEAR) {
        (void)gen_linear_solve(g, m->solve);
    } else if (g->nstate) { /* derivimplicit or euler */
        const char *nm = m->solved->text;
        int n = g->nstate;
        if (g->euler) {
            gen_state_ptrs(g, 0);
            gline(g, "double _D[%d];", n);
            gline(g, "_d_%s(_a, _D);", nm);
            gline(g, "for (int _k = 0; _k < %d; _k++)", n);
            gline(g, "    *_x[_k] += c->dt * (_D[_k]);");
        } else {
            gen_newton_call(g, "_a");
        }
        gline(g, "if (c->secondorder)");
        gline(g, "    for (int _k = 0; _k < %d; _k++)", n);
        gline(g, "        *_x[_k] += c->dt*_D[_k];");
    } else {
        gline(g, "_d_%s(_a);", m->solved->text);
    }
    if (nocur)
        gen_breakpoint_body(g);
    gen_ion_conc_out(g, 0);
    g->depth--;
    gline(g, "}");
    g->depth--;
    gline(g, "}");
}


void gen_receive(struct gen *g)
{
    struct nm_mech *m = g->m;
    const nm_node *nr = m->net_receive;
    gline(g, "static void _net_receive(const nrn_mech_ctx *c, nrn_mech_data *md, int _inst, "
          "double *_w, double _lflag)");
    gline(g, "{");
    g->depth++;
    gen_cols_copy(g);
    gline(g, "_args _a0 = { c, md, _col, _inst, %s }, *_a = &_a0;",
          m->kind == NRN_ARTCELL ? "0." : "c->v[md->node[_inst]]");
    gen_netrecv_head(g);
    struct gscope sc = { .up = NULL };
    gscope_add(g, &sc, "flag", "_lflag");
    for (int k = 0; k < nr->kid[0]->n; k++)
        gscope_add(g, &sc, nr->kid[0]->kid[k]->text, gfmt(g, "_w[%d]", k));
    g->ctx = NM_NET_RECEIVE;
    gen_body(g, nr->kid[1], &sc);
    g->depth--;
    gline(g, "}");
}
