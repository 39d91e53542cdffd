/*
** gen_tol.c: a STATE's own absolute tolerance (STATE { ca[4] (mM) <1e-6> }) for CVODE, the
** descriptor's state_tol: NEURON's _cvode_abstol multiplies the integrator's atol by it for
** that state's equations unless the user's atolscale names the state.
*/
#include "gen.h"

void gen_state_tol(struct gen *g, int n, const int *cols)
{
    const char *list = "";
    g->state_tol = 0;
    for (int k = 0; k < n; k++) {
        const char *tol = NULL;
        for (int i = 0; i < g->m->nvar; i++) {
            const struct nm_var *v = &g->m->var[i];
            if (v->decl == NM_STATE && v->where == W_RANGE && cols[k] >= v->col &&
                cols[k] < v->col + (v->dim ? v->dim : 1) && v->at && v->at->kind == NM_DECL &&
                v->at->abstol)
                tol = v->at->abstol;
        }
        g->state_tol |= tol != NULL;
        list = gfmt(g, "%s%s%s", list, k ? ", " : "", tol ? tol : "0.");
    }
    if (g->state_tol)
        gline(g, "static const double _state_tol[%d] = { %s };", n, list);
}
