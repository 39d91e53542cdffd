/*
** gen_random.c: NMODL's random functions in generated code, drawn from the engine's
** counter-based streams (src/engine/mrandom.c): scop_random() and unirand() uniform on
** (0,1), normrand(mean, sd), exprand(mean), set_seed(x). Each instance of a density
** mechanism that draws keeps its draw count in a hidden column (_ranc, zeroed before
** INITIAL, as the engine's streams restart at finitialize); a point process draws from its
** object's own stream, whose count the engine keeps (as for the engine's NetStim).
*/
#include <string.h>
#include "gen.h"

static const char *const random_funcs[] = {
    "scop_random", "unirand", "normrand", "exprand", "set_seed", NULL,
};

static int is_random(const char *name)
{
    for (int i = 0; random_funcs[i]; i++)
        if (strcmp(random_funcs[i], name) == 0)
            return 1;
    return 0;
}

int nm_uses_random(const nm_node *n)
{
    if (n->kind == NM_CALL && n->text && is_random(n->text))
        return 1;
    for (int i = 0; i < n->n; i++)
        if (n->kid[i] && nm_uses_random(n->kid[i]))
            return 1;
    return 0;
}

/* The counter column's address (sema adds it when a density mechanism draws); a point
** process draws from its object's own stream, counted by the engine (NULL). */
static const char *counter(struct gen *g)
{
    const struct nm_var *v = sema_lookup(g->m, "_ranc");
    return v ? gfmt(g, "&_a->col[%d][_a->i]", v->col) : "NULL";
}

void gen_random_init(struct gen *g)
{
    const struct nm_var *v = sema_lookup(g->m, "_ranc");
    if (v)
        gline(g, "_R(%d) = 0.;", v->col);
}

const char *gen_random_call(struct gen *g, const nm_node *c, const char *args)
{
    const char *f = c->text;
    static const struct { const char *name; int nargs; } want[] = {
        {"scop_random", 0}, {"unirand", 0}, {"normrand", 2}, {"exprand", 1}, {"set_seed", 1},
    };
    if (!is_random(f))
        return NULL;
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (!strcmp(want[i].name, f) && c->n != want[i].nargs)
            gerr(g, c, "%s takes %d argument%s", f, want[i].nargs, want[i].nargs == 1 ? "" : "s");
    const char *base = gfmt(g, "_a->c , _a->md , _a->i , %s", counter(g));
    if (!strcmp(f, "normrand"))
        return gfmt(g, "nrn_mech_normal ( %s , %s )", base, args);
    if (!strcmp(f, "exprand"))
        return gfmt(g, "( %s ) * ( - log ( nrn_mech_uniform ( %s ) ) )", args, base);
    if (!strcmp(f, "set_seed"))
        return gfmt(g, "nrn_mech_set_seed ( _a->c , _a->md , _a->i , %s , %s )", args,
                    counter(g));
    return gfmt(g, "nrn_mech_uniform ( %s )", base);
}
