/*
** gen_pointer.c: POINTER variables in the generated C. A POINTER reads and writes through
** md->ptr[k][i], which the engine fills from the setpointer bindings at each compile; a
** pointer never set reads and writes a scratch value once and ends the simulation call
** with a message naming the object and the variable (nrn_pointer_unset), where NEURON
** would fail on a null pointer.
*/
#include "gen.h"

void gen_pointer_defs(struct gen *g)
{
    struct nm_mech *m = g->m;
    if (!m->npointer)
        return;
    gline(g, "#define _P(k) (*(_a->md->ptr[k][_a->i] ? _a->md->ptr[k][_a->i] : "
          "nrn_pointer_unset(_a->c, _a->md, _a->i, k)))");
    gline(g, "static const char *const _pointers[%d] = {", m->npointer);
    for (int k = 0; k < m->npointer; k++)
        for (int i = 0; i < m->nvar; i++)
            if (m->var[i].where == W_POINTER && m->var[i].col == k)
                gline(g, "    \"%s\",", m->var[i].name);
    gline(g, "};");
}

void gen_pointer_desc(struct gen *g)
{
    if (g->m->npointer)
        gline(g, ".npointer = %d, .pointers = _pointers,", g->m->npointer);
}

const char *gen_pointing(struct gen *g, const nm_node *call, const struct gscope *sc)
{
    const nm_node *a = call->n == 1 ? call->kid[0] : NULL;
    const struct nm_var *v = a && a->kind == NM_VAR && !a->n && !a->ival &&
                             !gen_scope_find(sc, a->text) ? sema_lookup(g->m, a->text) : NULL;
    if (!v || v->where != W_POINTER)
        gerr(g, call, "nrn_pointing takes one argument: a POINTER variable");
    return gfmt(g, "( _a->md->ptr[%d][_a->i] != 0 )", v->col);
}
