/*
** gen_func.c: FUNCTIONs and PROCEDUREs as C functions of the instance, and their TABLEs as
** nocmodl builds them (rebuilt when a DEPEND value changes, looked up by linear interpolation
** and clamped at the ends), with the table part of the mechanism's private struct _gp.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "gen.h"

const char *gen_args_decl(struct gen *g, const nm_node *args, struct gscope *sc)
{
    const char *s = "_args *_a";
    for (int i = 0; i < args->n; i++) {
        const char *c = gfmt(g, "_l%s", args->kid[i]->text);
        s = gfmt(g, "%s, double %s", s, c);
        if (sc)
            gscope_add(g, sc, args->kid[i]->text, c);
    }
    return s;
}

/* The C text of variable name (a TABLE name or DEPEND name). */
static const char *name_text(struct gen *g, const char *name, const nm_node *at)
{
    nm_node v = *at;
    v.kind = NM_VAR;
    v.text = name;
    v.n = 0;
    v.ival = 0;
    return gen_expr(g, &v, NULL);
}

/* A TABLE name's value, or for an array its element _j ... */
static const char *tab_elem(struct gen *g, const nm_node *tv)
{
    const struct nm_var *v = sema_lookup(g->m, tv->text);
    if (!v || !v->dim)
        return name_text(g, tv->text, tv);
    if (v->where == W_GLOBAL)
        return gfmt(g, "_G(%d + _j)", v->col);
    return gfmt(g, "_a->col[%d + _j][_a->i]", v->col);
}

/* ... in the loop over its elements this gives (nocmodl's tables of arrays). */
static const char *tab_loop(struct gen *g, const nm_node *tv)
{
    const struct nm_var *v = sema_lookup(g->m, tv->text);
    return v && v->dim ? gfmt(g, "for (int _j = 0; _j < %d; _j++) ", v->dim) : "";
}

void gen_table_struct(struct gen *g)
{
    struct nm_mech *m = g->m;
    gline(g, "struct _gp {");
    int any = 0;
    for (int i = 0; i < m->nfunc; i++) {
        const struct nm_func *f = &m->func[i];
        if (!f->table)
            continue;
        any = 1;
        const nm_node *t = f->table;
        int n = atoi(t->value);
        gline(g, "    struct { int built; double tmin, mfac; double dep[%d];",
              t->kid[1]->n ? t->kid[1]->n : 1);
        if (f->is_func && !f->ntabvar)
            gline(g, "        double t_[%d];", n + 1);
        for (int k = 0; k < f->ntabvar; k++) {
            const struct nm_var *v = sema_lookup(g->m, t->kid[0]->kid[k]->text);
            gline(g, "        double t_%s%s[%d];", t->kid[0]->kid[k]->text,
                  v && v->dim ? gfmt(g, "[%d]", v->dim) : "", n + 1);
        }
        gline(g, "    } %s;", f->name);
    }
    if (g->m->solved && g->m->solved->kind == NM_KINETIC) {
        gen_kinetic_gp(g);
        any = 1;
    }
    /* file-scope LOCALs: each model's own, as its GLOBALs are (a C static would carry a
    ** value such as cadif.mod's factors_done from one model into the next one the same
    ** process builds, and that model's GLOBALs would then never be computed) */
    for (int i = 0; i < m->nvar; i++) {
        const struct nm_var *v = &m->var[i];
        if (v->where != W_CONST || v->decl != NM_LOCAL)
            continue;
        any = 1;
        gline(g, "    double _k_%s%s;", v->name, v->dim ? gfmt(g, "[%d]", v->dim) : "");
    }
    if (!any)
        gline(g, "    int unused;");
    gline(g, "};");
    for (int i = 0; i < m->nvar; i++) {
        const struct nm_var *v = &m->var[i];
        if (v->where == W_CONST && v->decl == NM_LOCAL)
            gline(g, "#define _k_%s (((struct _gp *)_a->md->gpriv)->_k_%s)", v->name, v->name);
    }
}

static void gen_table_fns(struct gen *g, const struct nm_func *f)
{
    const nm_node *fn = f->node, *t = f->table;
    if (fn->kid[0]->n != 1)
        gerr(g, t, "TABLE in %s: only a FUNCTION or PROCEDURE of one argument can have a TABLE",
             f->name);
    int n = atoi(t->value);
    const char *nm = f->name;
    const nm_node *deps = t->kid[1];
    /* rebuild when missing or a DEPEND value changed (nocmodl's _check_NAME): the test inline
    ** (it runs every step), the build out of line */
    fputs("#if defined(__GNUC__)\n__attribute__((noinline, cold))\n#endif\n", g->out);
    gline(g, "static void _build_%s(_args *_a)", nm);
    gline(g, "{");
    g->depth++;
    gline(g, "struct _gp *_gp = _a->md->gpriv;");
    gline(g, "double _tmax, _dx, _x;");
    gline(g, "int _i;");
    gline(g, "_gp->%s.tmin = %s;", nm, gen_expr(g, t->kid[2], NULL));
    gline(g, "_tmax = %s;", gen_expr(g, t->kid[3], NULL));
    gline(g, "_dx = (_tmax - _gp->%s.tmin)/%s.;", nm, t->value);
    gline(g, "_gp->%s.mfac = 1./_dx;", nm);
    gline(g, "for (_i = 0, _x = _gp->%s.tmin; _i < %d; _x += _dx, _i++) {", nm, n + 1);
    if (f->is_func && !f->ntabvar) {
        gline(g, "    _gp->%s.t_[_i] = _f_%s(_a, _x);", nm, nm);
    } else {
        gline(g, "    _f_%s(_a, _x);", nm);
        for (int k = 0; k < f->ntabvar; k++) {
            const nm_node *tv = t->kid[0]->kid[k];
            const char *j = tab_loop(g, tv);
            gline(g, "    %s_gp->%s.t_%s%s[_i] = %s;", j, nm, tv->text, *j ? "[_j]" : "",
                  tab_elem(g, tv));
        }
    }
    gline(g, "}");
    for (int k = 0; k < deps->n; k++)
        gline(g, "_gp->%s.dep[%d] = %s;", nm, k, name_text(g, deps->kid[k]->text, deps->kid[k]));
    gline(g, "_gp->%s.built = 1;", nm);
    g->depth--;
    gline(g, "}");
    gline(g, "static inline void _check_%s(_args *_a)", nm);
    gline(g, "{");
    g->depth++;
    gline(g, "const struct _gp *_gp = _a->md->gpriv;");
    gline(g, "if (_G(%d) == 0)", g->m->usetable);
    gline(g, "    return;");
    const char *same = gfmt(g, "_gp->%s.built", nm);
    for (int k = 0; k < deps->n; k++)
        same = gfmt(g, "%s && _gp->%s.dep[%d] == %s", same, nm, k,
                    name_text(g, deps->kid[k]->text, deps->kid[k]));
    gline(g, "if (!(%s))", same);
    gline(g, "    _build_%s(_a);", nm);
    g->depth--;
    gline(g, "}");
    /* the look-up (nocmodl's _n_NAME): linear interpolation, clamped at the ends */
    gline(g, "_HOT double _fn_%s(_args *_a, double _lx)", nm);
    gline(g, "{");
    g->depth++;
    gline(g, "const struct _gp *_gp = _a->md->gpriv;");
    gline(g, "if (_G(%d) == 0)", g->m->usetable);
    gline(g, "    return _f_%s(_a, _lx);", nm);
    gline(g, "double _xi = _gp->%s.mfac * (_lx - _gp->%s.tmin);", nm, nm);
    int fval = f->is_func && !f->ntabvar;
    for (int pass = 0; pass < 4; pass++) {
        static const char *const heads[] = {
            "if (isnan(_xi)) {", "if (_xi <= 0.) {", "if (_xi >= %d.) {", NULL,
        };
        const char *idx = pass == 1 ? "0" : pass == 2 ? gfmt(g, "%d", n) : NULL;
        if (pass < 3) {
            gline(g, heads[pass], n);
            g->depth++;
        } else {
            gline(g, "int _i = (int) _xi;");
            gline(g, "double _theta = _xi - (double)_i;");
        }
        for (int k = 0; k < (fval ? 1 : f->ntabvar); k++) {
            const char *j = fval ? "" : tab_loop(g, t->kid[0]->kid[k]);
            const char *tv = fval ? "" : gfmt(g, "%s%s", t->kid[0]->kid[k]->text,
                                               *j ? "[_j]" : "");
            const char *lhs = fval ? "double _r" : tab_elem(g, t->kid[0]->kid[k]);
            if (pass == 0)
                gline(g, "%s%s = _xi;", j, lhs);
            else if (idx)
                gline(g, "%s%s = _gp->%s.t_%s[%s];", j, lhs, nm, tv, idx);
            else
                gline(g, "%s%s = _gp->%s.t_%s[_i] + _theta*(_gp->%s.t_%s[_i+1] - _gp->%s.t_%s[_i]);",
                      j, lhs, nm, tv, nm, tv, nm, tv);
        }
        gline(g, fval ? "return _r;" : "return 0.;");
        if (pass < 3) {
            g->depth--;
            gline(g, "}");
        }
    }
    g->depth--;
    gline(g, "}");
}

void gen_func(struct gen *g, const struct nm_func *f)
{
    const nm_node *fn = f->node;
    struct gscope sc = { .up = NULL };
    const char *decl = gen_args_decl(g, fn->kid[0], &sc);
    if (fn->kind == NM_FUNCTION_TABLE) {
        gen_functable_func(g, f, decl);
        return;
    }
    gline(g, "static inline double _%s_%s(%s)", f->table ? "f" : "fn", f->name, decl);
    gline(g, "{");
    g->depth++;
    g->ctx = fn->kind;
    if (f->is_func) {
        const char *r = gfmt(g, "_l%s", f->name);
        gscope_add(g, &sc, f->name, r);
        gline(g, "double %s = 0.0;", r);
    }
    gen_body(g, fn->kid[1], &sc);
    gline(g, "return %s;", f->is_func ? gfmt(g, "_l%s", f->name) : "0.");
    g->depth--;
    gline(g, "}");
    if (f->table)
        gen_table_fns(g, f);
}
