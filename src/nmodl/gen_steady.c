/*
** gen_steady.c: SOLVE of the BREAKPOINT's DERIVATIVE block inside INITIAL, a FUNCTION or a
** PROCEDURE, mostly `SOLVE states STEADYSTATE derivimplicit` in INITIAL to start a channel at
** rest. NEURON 8.2.2 does not search for a steady state there: scopmath's
** _ss_derivimplicit_thread sets the thread's dt to 1e-9 ms and calls the block's state
** function once, whatever the BREAKPOINT's METHOD made of it (a Newton solve of backward
** Euler for derivimplicit, the exponential update for cnexp), then nocmodl adds dt*Dx to
** each state when secondorder is set. The same step is written here, with a copy of the
** context whose dt is 1e-9, so the numbers stay NEURON's.
*/
#include <string.h>
#include "gen.h"

int gen_deriv_solve(struct gen *g, const nm_node *s)
{
    const struct nm_mech *m = g->m;
    if (!m->solved || m->solved->kind != NM_DERIVATIVE || strcmp(s->text, m->solved->text) != 0)
        return 0;
    if (g->ctx != NM_INITIAL && g->ctx != NM_FUNCTION && g->ctx != NM_PROCEDURE)
        return 0;
    if (!s->value || strcmp(s->value, "derivimplicit") != 0)
        gerr(g, s, "SOLVE %s %s %s in %s: only derivimplicit is supported for a DERIVATIVE "
             "block here", s->text, s->ival ? "STEADYSTATE" : "METHOD",
             s->value ? s->value : "(none)", nm_kind_name(g->ctx));
    if (g->euler)
        gerr(g, s, "SOLVE %s in %s: the block is solved by METHOD euler in BREAKPOINT; not "
             "supported here", s->text, nm_kind_name(g->ctx));
    gline(g, "{");
    g->depth++;
    gline(g, "nrn_mech_ctx _ssc = *_a->c;");
    if (s->ival)
        gline(g, "_ssc.dt = 1e-9;");
    gline(g, "_args _ssa = *_a;");
    gline(g, "_ssa.c = &_ssc;");
    if (g->newton) {
        gen_newton_call(g, "&_ssa");
        gline(g, "if (_a->c->secondorder)");
        gline(g, "    for (int _k = 0; _k < %d; _k++)", g->nstate);
        gline(g, "        *_x[_k] += _a->c->dt*_D[_k];");
    } else {
        /* cnexp: NEURON's secondorder update adds dt times the Dx columns, which only CVODE
        ** writes for such a block (zero in a fixed-step run): not written */
        gline(g, "_d_%s(&_ssa);", m->solved->text);
    }
    g->depth--;
    gline(g, "}");
    return 1;
}

static int solves_implicit(const nm_node *n, const char *name)
{
    if (n->kind == NM_SOLVE && n->value && !strcmp(n->value, "derivimplicit") && n->text &&
        !strcmp(n->text, name))
        return 1;
    for (int i = 0; i < n->n; i++)
        if (n->kid[i] && solves_implicit(n->kid[i], name))
            return 1;
    return 0;
}

/* nocmodl halves dt in nrn_state under secondorder once any SOLVE of the file uses
** derivimplicit, so a cnexp block SOLVEd STEADYSTATE derivimplicit in INITIAL steps dt/2. */
int gen_deriv_halves(const struct nm_mech *m)
{
    return m->solved && m->solved->kind == NM_DERIVATIVE &&
           solves_implicit(m->root, m->solved->text);
}
