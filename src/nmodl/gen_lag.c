/*
** gen_lag.c: LAG x BY d in the generated C. nocmodl writes `lag_x_d = *lag(&x, t, d, 0)`
** into a file-static lag_x_d, scopmath's lag keeping one queue per address of x, so per
** instance; here lag_x_d is a LOCAL of the block that holds the statement (nothing else
** can read a value another instance left in it) and the queue is the engine's
** (nrn_lag, src/engine/lag.c), one per LAG statement and instance. Statements are
** numbered in file order. The queues live in the model, which the thread split of a run
** does not carry into its parts: a file with LAG is not thread safe (as vlag.mod says of
** NEURON's).
*/
#include <string.h>
#include "gen.h"

/* The number of LAG statements before s in the tree under n (file order); -1: s not found. */
static int lag_index(const nm_node *n, const nm_node *s, int *count)
{
    if (n == s)
        return *count;
    if (n->kind == NM_LAG)
        ++*count;
    for (int i = 0; i < n->n; i++) {
        int k = n->kid[i] ? lag_index(n->kid[i], s, count) : -1;
        if (k >= 0)
            return k;
    }
    return -1;
}

void gen_lag(struct gen *g, const nm_node *s, struct gscope *sc)
{
    int count = 0, k = lag_index(g->m->root, s, &count);
    if (!g->ctx || k < 0)
        gerr(g, s, "LAG outside a block");
    const char *name = gfmt(g, "lag_%s_%s", s->text, s->value);
    const char *c = gfmt(g, "_l%s", name);
    const char *x = gen_expr(g, &(nm_node){ .kind = NM_VAR, .text = s->text, .file = s->file,
                                            .line = s->line, .col = s->col }, sc);
    const char *d = gen_expr(g, &(nm_node){ .kind = NM_VAR, .text = s->value, .file = s->file,
                                            .line = s->line, .col = s->col }, sc);
    gline(g, "double %s;", c);
    gline(g, "%s = nrn_lag ( _a->c , _a->md , _a->i , %d , %s , %s );", c, k, x, d);
    gscope_add(g, sc, name, c);
}
