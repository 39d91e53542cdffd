/*
** gen_netrecv.c: the NET_RECEIVE statements beyond net_send and net_event: WATCH (each
** condition numbered in file order, its value written as a function the engine calls
** after each step), INITIAL inside NET_RECEIVE (a function run per NetCon at
** finitialize) and FOR_NETCONS (a loop over the weight vectors of the NetCons that
** target the instance). The engine's side is src/engine/watch.c.
*/
#include <string.h>
#include "gen.h"
#include "../engine/nrn_mech.h"

/* The WATCH conditions under n, in file order, into g->watch. */
static void collect_watch(struct gen *g, const nm_node *n)
{
    if (n->kind == NM_WATCHITEM) {
        if (g->nwatch == 16)
            gerr(g, n, "more than 16 WATCH conditions in one file");
        g->watch[g->nwatch++] = n;
        return;
    }
    for (int i = 0; i < n->n; i++)
        if (n->kid[i])
            collect_watch(g, n->kid[i]);
}

/* The INITIAL of the NET_RECEIVE block nr, or NULL. */
static const nm_node *net_initial(const nm_node *nr)
{
    const nm_node *body = nr->kid[1];
    for (int i = 0; i < body->n; i++)
        if (body->kid[i]->kind == NM_NETINITIAL)
            return body->kid[i];
    return NULL;
}

/* The frame of a per-instance function: the columns and _a for instance _inst. */
static void frame(struct gen *g)
{
    gen_cols_copy(g);
    gline(g, "_args _a0 = { c, md, _col, _inst, %s }, *_a = &_a0;",
          g->m->kind == NRN_ARTCELL ? "0." : "c->v[md->node[_inst]]");
}

/* The scope of NET_RECEIVE's arguments: the weight vector _w. */
static void args_scope(struct gen *g, struct gscope *sc, const nm_node *args)
{
    for (int k = 0; k < args->n; k++)
        gscope_add(g, sc, args->kid[k]->text, gfmt(g, "_w[%d]", k));
}

void gen_netrecv_fns(struct gen *g)
{
    struct nm_mech *m = g->m;
    g->nwatch = 0;
    collect_watch(g, m->root);
    if (g->nwatch) {
        if (m->kind != NRN_POINT && m->kind != NRN_ARTCELL)
            gerr(g, g->watch[0], "WATCH: only in a POINT_PROCESS or ARTIFICIAL_CELL");
        gline(g, "static double _watch_value(const nrn_mech_ctx *c, nrn_mech_data *md, int _inst, "
              "int _k)");
        gline(g, "{");
        g->depth++;
        frame(g);
        g->ctx = NM_NET_RECEIVE;
        gline(g, "switch (_k) {");
        for (int k = 0; k < g->nwatch; k++) {
            const nm_node *w = g->watch[k];
            const char *l = gen_expr(g, w->kid[0], NULL), *r = gen_expr(g, w->kid[1], NULL);
            gline(g, "case %d: return ( %s ) - ( %s );", k, w->value[0] == '>' ? l : r,
                  w->value[0] == '>' ? r : l);
        }
        gline(g, "}");
        gline(g, "return 0.;");
        g->depth--;
        gline(g, "}");
    }
    const nm_node *nr = m->net_receive, *ni = nr ? net_initial(nr) : NULL;
    if (!ni)
        return;
    gline(g, "static void _net_init(const nrn_mech_ctx *c, nrn_mech_data *md, int _inst, "
          "double *_w, double _lflag)");
    gline(g, "{");
    g->depth++;
    frame(g);
    gline(g, "(void)_lflag;");
    struct gscope sc = { .up = NULL };
    gscope_add(g, &sc, "flag", "_lflag");
    args_scope(g, &sc, nr->kid[0]);
    g->ctx = NM_NET_RECEIVE;
    gen_body(g, ni->kid[0], &sc);
    g->depth--;
    gline(g, "}");
}

void gen_netrecv_desc(struct gen *g)
{
    if (g->nwatch)
        gline(g, ".nwatch = %d, .watch_value = _watch_value,", g->nwatch);
    if (g->m->net_receive && net_initial(g->m->net_receive))
        gline(g, ".net_init = _net_init,");
}

/* At the top of _net_receive: the count that makes the first WATCH replace the old ones. */
void gen_netrecv_head(struct gen *g)
{
    if (g->nwatch)
        gline(g, "int _wrm = 0;");
}

void gen_netrecv_stmt(struct gen *g, const nm_node *s, const struct gscope *sc)
{
    switch (s->kind) {
    case NM_NETINITIAL:
        if (g->ctx != NM_NET_RECEIVE)
            gerr(g, s, "INITIAL inside a block is allowed only in NET_RECEIVE");
        return; /* written as _net_init */
    case NM_WATCH:
        if (g->ctx != NM_NET_RECEIVE)
            gerr(g, s, "WATCH: only directly in a NET_RECEIVE block");
        for (int i = 0; i < s->n; i++) {
            int k = 0;
            while (k < g->nwatch && g->watch[k] != s->kid[i])
                k++;
            gline(g, "nrn_watch(_a->c, _a->md, _a->i, %d, %s, _wrm++ == 0);", k,
                  s->kid[i]->kid[2]->text);
        }
        return;
    case NM_FOR_NETCONS: {
        if (g->ctx != NM_NET_RECEIVE)
            gerr(g, s, "FOR_NETCONS: only directly in a NET_RECEIVE block");
        struct gscope inner = { .up = sc };
        const nm_node *args = s->kid[0];
        for (int k = 0; k < args->n; k++)
            gscope_add(g, &inner, args->kid[k]->text, gfmt(g, "_fw[%d]", k));
        gline(g, "{");
        g->depth++;
        gline(g, "int _fit = 0;");
        gline(g, "double *_fw;");
        gline(g, "while ((_fw = nrn_for_netcons(_a->c, _a->md, _a->i, &_fit)) != 0) {");
        g->depth++;
        gen_body(g, s->kid[1], &inner);
        g->depth--;
        gline(g, "}");
        g->depth--;
        gline(g, "}");
        return;
    }
    default:
        gerr(g, s, "%s statements are not supported yet", nm_kind_name(s->kind));
    }
}
