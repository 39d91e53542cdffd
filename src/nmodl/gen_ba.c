/*
** gen_ba.c: BEFORE and AFTER blocks (BEFORE BREAKPOINT, AFTER SOLVE, BEFORE INITIAL,
** AFTER INITIAL, BEFORE STEP, the combinations nocmodl accepts): one whole-array function
** per kind, the blocks of that kind in file order, registered in nrn_mech_type.ba; the
** engine runs them where NEURON does (src/engine/ba.c).
*/
#include <string.h>
#include "gen.h"
#include "../engine/nrn_mech.h"

/* NRN_BA_* of a BEFORE or AFTER block, or -1 for a combination NEURON does not have. */
static int ba_kind(const nm_node *b)
{
    int before = b->kind == NM_BEFORE;
    if (!strcmp(b->value, "INITIAL"))
        return before ? NRN_BA_BEFORE_INITIAL : NRN_BA_AFTER_INITIAL;
    if (!strcmp(b->value, "BREAKPOINT") && before)
        return NRN_BA_BEFORE_BREAKPOINT;
    if (!strcmp(b->value, "SOLVE") && !before)
        return NRN_BA_AFTER_SOLVE;
    if (!strcmp(b->value, "STEP") && before)
        return NRN_BA_BEFORE_STEP;
    return -1;
}

/* The blocks of kind k under n, in file order (INCLUDEd files too). */
static int collect(struct gen *g, const nm_node *n, int k, const nm_node **out, int max)
{
    int c = 0;
    for (int i = 0; i < n->n; i++) {
        const nm_node *it = n->kid[i];
        if (it->kind == NM_INCLUDE) {
            c += collect(g, it, k, out + c, max - c);
        } else if (it->kind == NM_BEFORE || it->kind == NM_AFTER) {
            int kind = ba_kind(it);
            if (kind < 0)
                gerr(g, it, "%s %s: NEURON has BEFORE BREAKPOINT, AFTER SOLVE, BEFORE and AFTER "
                     "INITIAL, BEFORE STEP", it->kind == NM_BEFORE ? "BEFORE" : "AFTER",
                     it->value);
            if (kind == k && c < max)
                out[c++] = it;
        }
    }
    return c;
}

static const char *const ba_names[5] = {
    "before_initial", "after_initial", "before_breakpoint", "after_solve", "before_step",
};

void gen_ba_fns(struct gen *g)
{
    for (int k = 0; k < 5; k++) {
        const nm_node *blk[16];
        int n = collect(g, g->m->root, k, blk, 16);
        g->ba[k] = n > 0;
        if (!n)
            continue;
        gline(g, "static void _%s(const nrn_mech_ctx *c, nrn_mech_data *md)", ba_names[k]);
        gline(g, "{");
        g->depth++;
        gen_loop_head(g, 0);
        for (int i = 0; i < n; i++) {
            g->ctx = blk[i]->kind;
            gline(g, "{");
            g->depth++;
            gen_body(g, blk[i]->kid[1], NULL);
            g->depth--;
            gline(g, "}");
        }
        g->depth--;
        gline(g, "}");
        g->depth--;
        gline(g, "}");
    }
}

void gen_ba_desc(struct gen *g)
{
    for (int k = 0; k < 5; k++)
        if (g->ba[k])
            gline(g, ".ba[%d] = _%s,", k, ba_names[k]);
}
