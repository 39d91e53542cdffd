/*
** gen_functable.c: FUNCTION_TABLE NAME(args): a function whose values the user gives
** (Tcl function_table NAME_MECH ..., NEURON's table_NAME) and the engine interpolates
** (src/engine/functable.c). Each becomes a C function that hands its arguments over.
*/
#include "gen.h"

/* Index of FUNCTION_TABLE f among the file's FUNCTION_TABLEs. */
static int ftable_index(const struct nm_mech *m, const struct nm_func *f)
{
    int k = 0;
    for (int i = 0; i < m->nfunc && &m->func[i] != f; i++)
        k += m->func[i].node->kind == NM_FUNCTION_TABLE;
    return k;
}

void gen_functable_func(struct gen *g, const struct nm_func *f, const char *decl)
{
    const nm_node *args = f->node->kid[0];
    gline(g, "static inline double _fn_%s(%s)", f->name, decl);
    gline(g, "{");
    const char *list = "";
    for (int i = 0; i < args->n; i++)
        list = gfmt(g, "%s%s_l%s", list, i ? ", " : "", args->kid[i]->text);
    gline(g, "    const double _x[%d] = { %s };", args->n ? args->n : 1, args->n ? list : "0.");
    gline(g, "    return nrn_func_table(_a->c, _a->md, %d, %d, _x);", ftable_index(g->m, f),
          args->n);
    gline(g, "}");
}

void gen_functable_defs(struct gen *g)
{
    struct nm_mech *m = g->m;
    int n = 0;
    for (int i = 0; i < m->nfunc; i++)
        n += m->func[i].node->kind == NM_FUNCTION_TABLE;
    if (!n)
        return;
    const char *names = "", *nargs = "";
    for (int i = 0, k = 0; i < m->nfunc; i++) {
        const nm_node *fn = m->func[i].node;
        if (fn->kind != NM_FUNCTION_TABLE)
            continue;
        names = gfmt(g, "%s%s\"%s\"", names, k ? ", " : "", fn->text);
        nargs = gfmt(g, "%s%s%d", nargs, k ? ", " : "", fn->kid[0]->n);
        k++;
    }
    gline(g, "static const char *const _ftables[%d] = { %s };", n, names);
    gline(g, "static const int _ftable_nargs[%d] = { %s };", n, nargs);
}

void gen_functable_desc(struct gen *g)
{
    int n = 0;
    for (int i = 0; i < g->m->nfunc; i++)
        n += g->m->func[i].node->kind == NM_FUNCTION_TABLE;
    if (n)
        gline(g, ".nftable = %d, .ftables = _ftables, .ftable_nargs = _ftable_nargs,", n);
}
