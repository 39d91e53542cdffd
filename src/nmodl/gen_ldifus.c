/*
** gen_ldifus.c: LONGITUDINAL_DIFFUSION statements of the KINETIC block, written as the
** descriptor's ldifus table (nrn_mech.h) that the engine's ldifus.c solves along the
** sections. Per statement a function gives, for one instance and element _i, what nocmodl's
** _difcoef gives NEURON: the diffusion expression, the state's COMPARTMENT volume, and for
** an element fed by a `<<` flux of an ion current, d(flux)/d(conc): NEURON's
** nrn_nernst_coef (RT/F over the valence) times the flux with the current replaced by the
** ion's di/dv, for CVODE's Jacobian.
*/
#include <string.h>
#include "gen.h"
#include "../engine/nrn_mech.h"

/* The LONGITUDINAL_DIFFUSION statements of body n, in source order. */
static void collect(const nm_node *n, const nm_node **out, int *nout)
{
    if (n->kind == NM_LONGDIFUS) {
        if (*nout < 16)
            out[*nout] = n;
        (*nout)++;
        return;
    }
    for (int i = 0; i < n->n; i++)
        collect(n->kid[i], out, nout);
}

/* The `<<` reactions of body n whose flux goes into state v. */
static void fluxes_into(const nm_node *n, const struct nm_var *v, const nm_node **out, int *nout)
{
    if (n->kind == NM_REACTION && !strcmp(n->value, "<<") && n->kid[0]->n == 1 &&
        !strcmp(n->kid[0]->kid[0]->kid[0]->text, v->name)) {
        if (*nout < 8)
            out[(*nout)++] = n;
        return;
    }
    for (int i = 0; i < n->n; i++)
        fluxes_into(n->kid[i], v, out, nout);
}

/* The ion current variable named in expression e (a current the file reads), or NULL. */
static const struct nm_var *ion_current(struct gen *g, const nm_node *e)
{
    if (e->kind == NM_VAR && !e->n) {
        const struct nm_var *v = sema_lookup(g->m, e->text);
        if (v && v->ion >= 0 && ((v->where == W_ION && v->col == ION_CUR) ||
                                 (v->where == W_RANGE && v->ioncol == ION_CUR)))
            return v;
    }
    for (int i = 0; i < e->n; i++) {
        const struct nm_var *v = ion_current(g, e->kid[i]);
        if (v)
            return v;
    }
    return NULL;
}

static const char *valence(struct gen *g, int k)
{
    const struct nm_ion *ion = &g->m->ion[k];
    if (ion->valence)
        return gfmt(g, "(%s)", ion->valence);
    return !strcmp(ion->name, "ca") ? "2." : "1.";
}

/* The d(flux)/d(conc) assignments of state v's elements fed by an ion current. */
static void dfdc_lines(struct gen *g, const struct nm_var *v, const struct gscope *sc)
{
    const nm_node *fl[8];
    int nfl = 0, done = 0;
    fluxes_into(g->m->solved->kid[1], v, fl, &nfl);
    for (int f = 0; f < nfl; f++) {
        const nm_node *var = fl[f]->kid[0]->kid[0]->kid[0];
        const struct nm_var *cur = ion_current(g, fl[f]->kid[2]);
        if (!cur)
            continue;
        if (done)
            gerr(g, fl[f], "%s gets a flux from more than one current", v->name);
        done = 1;
        struct gscope in = { .up = sc };
        gscope_add(g, &in, cur->name, gfmt(g, "_I(%d, %d)", cur->ion, ION_DCURDV));
        const char *idx = v->dim ? gen_index(g, var, sc) : "0";
        gline(g, "if (_i == %s)", idx);
        gline(g, "    *_dfdc = 1000. * NRN_GASCONST * (_a->c->celsius + 273.15) / NRN_FARADAY / "
              "%s * (%s);", valence(g, cur->ion), gen_expr(g, fl[f]->kid[2], &in));
    }
}

void gen_ldifus(struct gen *g)
{
    const nm_node *sv = g->m->solved;
    if (!sv || sv->kind != NM_KINETIC)
        return;
    const nm_node *ld[16];
    int nld = 0;
    collect(sv->kid[1], ld, &nld);
    if (nld > 16)
        gerr(g, ld[15], "more than 16 LONGITUDINAL_DIFFUSION statements");
    if (nld && g->m->kind != NRN_DENSITY)
        gerr(g, ld[0], "LONGITUDINAL_DIFFUSION in a %s: only a density mechanism (SUFFIX) "
             "diffuses along the sections", g->m->kind == NRN_POINT ? "POINT_PROCESS"
             : "ARTIFICIAL_CELL");
    const char *table = "";
    g->nldifus = 0;
    for (int s = 0; s < nld; s++) {
        const nm_node *n = ld[s], *names = n->kid[1];
        for (int j = 0; j < names->n; j++) {
            const struct nm_var *v = sema_lookup(g->m, names->kid[j]->text);
            if (!v || v->decl != NM_STATE || v->where != W_RANGE)
                gerr(g, names->kid[j], "LONGITUDINAL_DIFFUSION: '%s' is not a STATE of the "
                     "instance", names->kid[j]->text);
            if (!n->text != !v->dim)
                gerr(g, names->kid[j], "LONGITUDINAL_DIFFUSION: %s needs %s", v->name, v->dim
                     ? "an index (LONGITUDINAL_DIFFUSION i, expr {...}) as an array STATE"
                     : "no index as a scalar STATE");
            int k = g->nldifus++;
            gline(g, "static double _ldcoef%d(const nrn_mech_ctx *c, nrn_mech_data *md, "
                  "int _inst, int _i, double *_vol, double *_dfdc)", k);
            gline(g, "{");
            g->depth++;
            gen_cols_copy(g);
            gline(g, "_args _a0 = { c, md, _col, _inst, c->v[md->node[_inst]] }, *_a = &_a0;");
            gline(g, "(void)_i;");
            struct gscope sc = { .up = NULL };
            if (n->text)
                gscope_add(g, &sc, n->text, "_i");
            const char *vol = gen_kinetic_volume(g, v, &sc);
            gline(g, "*_vol = %s;", vol ? vol : "1.0");
            gline(g, "*_dfdc = 0.;");
            g->ctx = NM_KINETIC;
            dfdc_lines(g, v, &sc);
            gline(g, "return %s;", gen_expr(g, n->kid[0], &sc));
            g->depth--;
            gline(g, "}");
            int ion = gen_ion_conc(v) ? v->ion * 8 + v->ioncol : 0;
            table = gfmt(g, "%s    { %d, %d, %d, _ldcoef%d },\n", table, v->col,
                         v->dim ? v->dim : 1, ion, k);
        }
    }
    if (g->nldifus)
        fprintf(g->out, "static const nrn_ldifus _ldifus[%d] = {\n%s};\n", g->nldifus, table);
}

void gen_ldifus_desc(struct gen *g)
{
    if (g->nldifus)
        gline(g, ".nldifus = %d, .ldifus = _ldifus,", g->nldifus);
}
