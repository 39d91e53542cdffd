/*
** gen_ode.c: the variable-step (CVODE) functions of a generated mechanism, as nocmodl
** writes them for a DERIVATIVE block whatever its METHOD: ode_spec runs the block with
** each x' = f storing f (its _ode_spec1), ode_matsol runs it again with each equation
** replaced by Dx = Dx/(1. - dt*(df/dx)), dt standing for CVODE's gamma (its _ode_matsol1).
** df/dx is nocmodl's symbolic derivative (gen_dfdx), or where it has none its difference
** quotient (f(x + .001) - f(x))/.001. A mechanism whose states come from anything else gets
** its state list but no equations, so that the engine refuses `cvode -active 1` naming it,
** unless a PROCEDURE SOLVEd by METHOD after_cvode computes them.
*/
#include <string.h>
#include "gen.h"

/*
** SOLVE proc METHOD after_cvode: the PROCEDURE runs after each step with the new v, under
** CVODE too, and the mechanism has no ODEs of its own (nocmodl's _ode_count is 0), so
** whatever STATEs the procedure computes do not keep CVODE from running it. METHOD cvode_t
** is the same in the fixed step (nocmodl's nrn_state: if (!cvode_active_) proc()); under
** CVODE NEURON calls the procedure from nrn_cur instead, before each current evaluation,
** where it sees the v of the previous evaluation (the instance's v slot): not done, so the
** mechanism lists its STATEs without equations and `cvode -active 1` is refused naming it;
** without STATEs nothing would refuse it, so that is refused here. nocmodl 8.2.2 itself
** refuses METHOD cvode_t_v.
*/
static int after_cvode(struct gen *g)
{
    const struct nm_mech *m = g->m;
    const nm_node *so = m->solve;
    if (!so || !so->value || m->solved->kind != NM_PROCEDURE)
        return 0;
    if (!strcmp(so->value, "cvode_t_v"))
        gerr(g, so, "SOLVE %s METHOD cvode_t_v: not supported (NEURON 8.2.2's nocmodl refuses it "
             "too)", so->text);
    if (!strcmp(so->value, "cvode_t")) {
        for (int i = 0; i < m->nvar; i++)
            if (m->var[i].decl == NM_STATE && m->var[i].where == W_RANGE)
                return 0;
        gerr(g, so, "SOLVE %s METHOD cvode_t in a mechanism without STATEs: not supported yet "
             "(under CVODE NEURON calls it from the current evaluation; METHOD after_cvode is "
             "supported)", so->text);
    }
    return !strcmp(so->value, "after_cvode");
}

/* The STATE columns a mechanism integrates, in its solved block's equation order. */
static int ode_states(struct gen *g)
{
    struct nm_mech *m = g->m;
    if (after_cvode(g))
        return 0;
    if (m->solved && m->solved->kind == NM_DERIVATIVE) {
        g->nstate = 0;
        gen_collect_states(g, m->solved->kid[1]);
        return g->nstate;
    }
    int n = 0; /* no ODEs: every STATE, for the refusal */
    for (int i = 0; i < m->nvar; i++) {
        const struct nm_var *v = &m->var[i];
        if (v->decl == NM_STATE && v->where == W_RANGE)
            n += v->dim ? v->dim : 1;
    }
    return n;
}

/* Called by gen_stmt for x' = f while ode_matsol is written (g->matsol). */
void gen_ode_matsol_eq(struct gen *g, const nm_node *s, const struct gscope *sc)
{
    const nm_node *lhs = s->kid[0], *f = s->kid[1];
    int k = 0;
    while (k < g->nstate && strcmp(g->state[k], lhs->text) != 0)
        k++;
    const char *d = gen_dfdx(g, f, lhs->text, sc);
    if (!d) {
        /* f evaluated at x + .001 and at x, as nocmodl's fallback */
        nm_node plain = *lhs;
        plain.ival = 0;
        struct gscope up = { .up = sc };
        gscope_add(g, &up, lhs->text, gfmt(g, "( %s + .001)", gen_expr(g, &plain, sc)));
        d = gfmt(g, "(( %s ) - ( %s  )) / .001", gen_expr(g, f, &up), gen_expr(g, f, sc));
    }
    gline(g, "_b[%d][_i] = _b[%d][_i]  / (1. - _a->c->dt*( %s )) ;", k, k, d);
}

/* The loop over instances with the block's statements; mode 1 ode_spec, 2 ode_matsol. */
static void ode_fn(struct gen *g, int mode)
{
    const nm_node *sv = g->m->solved;
    if (mode == 1)
        gline(g, "static void _ode_spec(const nrn_mech_ctx *c, nrn_mech_data *md, double **_b)");
    else
        gline(g, "static void _ode_matsol(const nrn_mech_ctx *c0, nrn_mech_data *md, "
              "double _gamma, double **_b)");
    gline(g, "{");
    g->depth++;
    if (mode == 2) /* NEURON's thread dt is gamma while its matsol runs */
        gline(g, "nrn_mech_ctx _c = *c0, *c = &_c;");
    if (mode == 2)
        gline(g, "_c.dt = _gamma;");
    gen_loop_head(g, mode == 1);
    if (mode == 1) {
        gline(g, "double _D[%d];", g->nstate);
        gen_ion_conc_in(g); /* nocmodl's "cai = _ion_cai" before _ode_spec1 */
    }
    gline(g, "{");
    g->depth++;
    g->ctx = NM_DERIVATIVE;
    g->implicit = mode == 1;
    g->matsol = mode == 2;
    gen_body(g, sv->kid[1], NULL);
    g->implicit = g->matsol = 0;
    g->depth--;
    gline(g, "}");
    if (mode == 1) {
        for (int k = 0; k < g->nstate; k++)
            gline(g, "_b[%d][_i] = _D[%d];", k, k);
        gen_ion_conc_out(g, 1); /* and nocmodl's nrn_wrote_conc: e follows at once */
    }
    g->depth--;
    gline(g, "}");
    g->depth--;
    gline(g, "}");
}

void gen_ode(struct gen *g)
{
    struct nm_mech *m = g->m;
    int saved = g->nstate;
    const char *saved_state[64];
    memcpy(saved_state, g->state, sizeof saved_state);
    g->ode_n = ode_states(g);
    g->ode_eqs = m->solved && m->solved->kind == NM_DERIVATIVE && g->ode_n > 0;
    if (g->ode_n) {
        const char *cols = "";
        if (g->ode_eqs) {
            for (int k = 0; k < g->nstate; k++)
                cols = gfmt(g, "%s%s%d", cols, k ? ", " : "", sema_lookup(m, g->state[k])->col);
        } else {
            int k = 0;
            for (int i = 0; i < m->nvar; i++) {
                const struct nm_var *v = &m->var[i];
                for (int j = 0; v->decl == NM_STATE && v->where == W_RANGE &&
                     j < (v->dim ? v->dim : 1); j++)
                    cols = gfmt(g, "%s%s%d", cols, k++ ? ", " : "", v->col + j);
            }
        }
        gline(g, "static const int _ode_states[%d] = { %s };", g->ode_n, cols);
    }
    g->ode_ions = 0;
    if (g->ode_eqs) {
        int cols[64];
        for (int k = 0; k < g->nstate && k < 64; k++)
            cols[k] = sema_lookup(m, g->state[k])->col;
        gen_ion_states(g, g->nstate < 64 ? g->nstate : 64, cols);
        gen_state_tol(g, g->nstate < 64 ? g->nstate : 64, cols);
        ode_fn(g, 1);
        ode_fn(g, 2);
    }
    g->nstate = saved;
    memcpy(g->state, saved_state, sizeof saved_state);
}

void gen_ode_fields(struct gen *g)
{
    if (g->ode_n)
        gline(g, ".nstate = %d, .state_vars = _ode_states,", g->ode_n);
    if (g->ode_eqs)
        gline(g, ".ode_spec = _ode_spec, .ode_matsol = _ode_matsol,");
    if (g->ode_eqs && g->ode_ions)
        gline(g, ".state_ion = _ode_ions,");
}
