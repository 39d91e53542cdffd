/*
** gen.c: writes the C of one mechanism against src/engine/nrn_mech.h: the variable,
** global and ion tables, the PROCEDUREs and FUNCTIONs (with their TABLEs), and the
** whole-array functions init, cur, state and net_receive, each doing per instance what
** nocmodl's nrn_init, nrn_cur, nrn_state and net_receive do, in the same order (the
** current at v + .001 then at v, the ion derivatives, the cnexp update), so that the
** numbers are NEURON's bit for bit. The CVODE functions (ode_spec, ode_matsol) are
** gen_ode.c's.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "gen.h"
#include "oneline.h"
#include "../engine/nrn_mech.h"

/*
** Values of the unit factors nocmodl 8.2.2 computes from its units database with the modern
** constants (its _nrnunit_ tables), as exact hexadecimal doubles: FARADAY = (faraday)
** (coulomb), R = (k-mole) (joule/degC), ...
*/
static const char *unit_factor(const nm_node *f)
{
    static const struct { const char *u1, *u2, *value; } known[] = {
        {"faraday", "coulomb", "0x1.78e555060882cp+16"},
        {"faraday", "coulombs", "0x1.78e555060882cp+16"},
        {"faraday", "coul", "0x1.78e555060882cp+16"},
        {"faraday", "kilocoulombs", "0x1.81f0fae775425p+6"},
        {"faraday", "kilocoulomb", "0x1.81f0fae775425p+6"},
        {"k-mole", "joule/degC", "0x1.0a1013e8990bep+3"},
        {"k-mole", "millivolt-coulomb/degC", "0x1.03d3b37125759p+13"},
        {"k-mole", "mV-coulomb/degC", "0x1.03d3b37125759p+13"},
        {"pi", "1", "0x1.921fb54442d18p+1"},
        {"e", "coulomb", "0x1.7a4da290c1653p-63"}, {"e", "coulombs", "0x1.7a4da290c1653p-63"},
        {"k", "joule/degC", "0x1.0b0e6d55e647cp-76"},
    };
    static char scaled[40];
    if (f->value)
        return f->value;
    if (!f->unit || !f->unit2)
        return NULL;
    /* (faraday) (10000 coulomb): the factor of the plain unit divided by the number, the
    ** double division nocmodl's units arithmetic does (0x1.34c0c8b92a9b7p+3 for cadif.mod) */
    char *rest;
    double n = strtod(f->unit2, &rest);
    if (rest == f->unit2 || *rest != ' ' || !(n > 0) || !isfinite(n))
        n = 1, rest = (char *)f->unit2;
    while (*rest == ' ')
        rest++;
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (!strcmp(f->unit, known[i].u1) && !strcmp(rest, known[i].u2)) {
            if (n == 1)
                return known[i].value;
            snprintf(scaled, sizeof scaled, "%a", strtod(known[i].value, NULL) / n);
            return scaled;
        }
    return NULL;
}

static const char *role_name(nm_kind decl)
{
    return decl == NM_PARAMETER ? "NRN_PARAM" : decl == NM_STATE ? "NRN_STATE" : "NRN_ASSIGNED";
}

/* "12" for a default given as text, with nocmodl's 0 for none. */
static const char *def_text(const char *d)
{
    return d ? d : "0";
}

static void gen_tables(struct gen *g)
{
    struct nm_mech *m = g->m;
    gline(g, "enum { _NCOL = %d, _NGLOBAL = %d };", m->ncol, m->nglobal + (m->usetable >= 0));
    gline(g, "static const nrn_var_info _vars[%d] = {", m->ncol ? m->ncol : 1);
    for (int c = 0; c < m->ncol; c++)
        for (int i = 0; i < m->nvar; i++) {
            const struct nm_var *v = &m->var[i];
            if (v->where != W_RANGE || c < v->col || c >= v->col + (v->dim ? v->dim : 1))
                continue;
            const char *def = v->decl == NM_STATE ? v->def : v->decl == NM_PARAMETER ? v->def : NULL;
            const char *elem = v->dim ? gfmt(g, "%d", c - v->col) : "";
            gline(g, "    {\"%s%s%s\", %s, \"%s\", %s, \"%s\"},", v->hidden ? "_" : "", v->name,
                  elem, role_name(v->decl), v->unit ? v->unit : "", def_text(def),
                  v->hidden ? "internal" : v->decl == NM_PARAMETER ? "parameter"
                  : v->decl == NM_STATE ? "state" : "assigned");
        }
    if (!m->ncol)
        gline(g, "    {\"\", NRN_ASSIGNED, \"\", 0, \"\"},");
    gline(g, "};");
    int ng = m->nglobal + (m->usetable >= 0);
    gline(g, "static const nrn_global_info _globals[%d] = {", ng ? ng : 1);
    for (int c = 0; c < m->nglobal; c++)
        for (int i = 0; i < m->nvar; i++) {
            const struct nm_var *v = &m->var[i];
            if (v->where == W_GLOBAL && c >= v->col && c < v->col + (v->dim ? v->dim : 1))
                gline(g, "    {\"%s%s_%s\", \"%s\", %s, \"%s\", %d},", v->name,
                      v->dim ? gfmt(g, "%d", c - v->col) : "", m->name,
                      v->unit ? v->unit : "", def_text(v->decl == NM_PARAMETER ? v->def : NULL),
                      v->decl == NM_PARAMETER ? "parameter" : "assigned",
                      v->decl != NM_PARAMETER);
        }
    if (m->usetable >= 0)
        gline(g, "    {\"usetable_%s\", \"1\", 1, \"1: FUNCTION and PROCEDURE values from "
              "their TABLE, 0: computed\", 0},", m->name);
    if (!ng)
        gline(g, "    {\"\", \"\", 0, \"\", 0},");
    gline(g, "};");
    gline(g, "static const nrn_ion_use _ions[%d] = {", m->nion ? m->nion : 1);
    for (int k = 0; k < m->nion; k++)
        gline(g, "    {\"%s\", %d, %s},", m->ion[k].name, m->ion[k].flags,
              m->ion[k].valence ? m->ion[k].valence : "0");
    if (!m->nion)
        gline(g, "    {\"\", 0, 0},");
    gline(g, "};");
}

static void gen_consts(struct gen *g)
{
    struct nm_mech *m = g->m;
    for (int i = 0; i < m->nvar; i++) {
        const struct nm_var *v = &m->var[i];
        if (v->where != W_CONST)
            continue;
        if (v->decl == NM_UNITS) {
            const char *val = unit_factor(v->at);
            if (!val)
                gerr(g, v->at, "unit factor %s = (%s) (%s): not known to this version",
                     v->name, v->at->unit ? v->at->unit : "", v->at->unit2 ? v->at->unit2 : "");
            gline(g, "static const double _k_%s = %s;", v->name, val);
        } else if (v->decl == NM_LOCAL) {
            if (v->dim)
                gline(g, "static double _k_%s[%d];", v->name, v->dim);
            else
                gline(g, "static double _k_%s;", v->name);
        } else {
            gline(g, "static const double _k_%s = %s;", v->name, def_text(v->def));
        }
    }
}

/* ---- FUNCTION, PROCEDURE and their TABLEs ---- */

static const char *args_decl(struct gen *g, const nm_node *args, struct gscope *sc)
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

static void gen_table_struct(struct gen *g)
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
    if (!any)
        gline(g, "    int unused;");
    gline(g, "};");
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
    /* rebuild when missing or a DEPEND value changed (nocmodl's _check_NAME) */
    gline(g, "static void _check_%s(_args *_a)", nm);
    gline(g, "{");
    g->depth++;
    gline(g, "struct _gp *_gp = _a->md->gpriv;");
    gline(g, "if (_G(%d) == 0)", g->m->usetable);
    gline(g, "    return;");
    const char *same = gfmt(g, "_gp->%s.built", nm);
    for (int k = 0; k < deps->n; k++)
        same = gfmt(g, "%s && _gp->%s.dep[%d] == %s", same, nm, k,
                    name_text(g, deps->kid[k]->text, deps->kid[k]));
    gline(g, "if (%s)", same);
    gline(g, "    return;");
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

static void gen_func(struct gen *g, const struct nm_func *f)
{
    const nm_node *fn = f->node;
    struct gscope sc = { .up = NULL };
    const char *decl = args_decl(g, fn->kid[0], &sc);
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

/* ---- the whole-array functions ---- */

/* The states a DERIVATIVE block gives equations for, in their order (NEURON's _slist). */
static void collect_states(struct gen *g, const nm_node *n)
{
    if (n->kind == NM_ASSIGN && n->kid[0]->ival) {
        for (int k = 0; k < g->nstate; k++)
            if (!strcmp(g->state[k], n->kid[0]->text))
                gerr(g, n, "%s': a second equation for the same state", n->kid[0]->text);
        if (g->nstate == 64)
            gerr(g, n, "more than 64 equations in one DERIVATIVE block");
        g->state[g->nstate++] = n->kid[0]->text;
    }
    for (int i = 0; i < n->n; i++)
        collect_states(g, n->kid[i]);
}

/*
** derivimplicit as NEURON's scopmath does it: backward Euler solved by Newton's method on
** F(x) = f(x) - (x - x_old)/dt, the Jacobian by central differences (2% of x, at least
** 1e-6), rebuilt while a step changes x by more than 5%; LU by Crout with implicit
** equilibration; at most 50 iterations; converged when the relative change is <= 1e-6
** and |F| <= 1e-8 (newton_thread.cpp, crout_thread.cpp, errcodes.h), step for step.
*/
static const char newton_c[] =
    "typedef void (*_resfn)(_args *, double *const *, const double *, double *, double *);\n"
    "static int _crout(int n, double **a, int *perm, double *rowmax)\n"
    "{\n"
    "    int save_i = 0;\n"
    "    for (int i = 0; i < n; i++) {\n"
    "        int k = 0;\n"
    "        perm[i] = i;\n"
    "        for (int j = 1; j < n; j++)\n"
    "            if (fabs(a[i][j]) > fabs(a[i][k]))\n"
    "                k = j;\n"
    "        rowmax[i] = a[i][k];\n"
    "    }\n"
    "    for (int r = 0; r < n; r++) {\n"
    "        for (int i = r; i < n; i++) {\n"
    "            double sum = 0.0;\n"
    "            int irow = perm[i];\n"
    "            for (int k = 0; k < r; k++)\n"
    "                sum += a[irow][k] * a[perm[k]][r];\n"
    "            a[irow][r] -= sum;\n"
    "        }\n"
    "        int pivot = perm[r];\n"
    "        double equil_1 = fabs(a[pivot][r] / rowmax[pivot]);\n"
    "        for (int i = r + 1; i < n; i++) {\n"
    "            int irow = perm[i];\n"
    "            double equil_2 = fabs(a[irow][r] / rowmax[irow]);\n"
    "            if (equil_2 > equil_1) {\n"
    "                pivot = irow;\n"
    "                save_i = i;\n"
    "                equil_1 = equil_2;\n"
    "            }\n"
    "        }\n"
    "        if (pivot != perm[r]) {\n"
    "            perm[save_i] = perm[r];\n"
    "            perm[r] = pivot;\n"
    "        }\n"
    "        if (fabs(a[pivot][r]) < 1.e-20)\n"
    "            return 2;\n"
    "        for (int j = r + 1; j < n; j++) {\n"
    "            double sum = 0.0;\n"
    "            for (int k = 0; k < r; k++)\n"
    "                sum += a[pivot][k] * a[perm[k]][j];\n"
    "            a[pivot][j] = (a[pivot][j] - sum) / a[pivot][r];\n"
    "        }\n"
    "    }\n"
    "    return 0;\n"
    "}\n"
    "static void _lusolve(int n, double **a, const double *b, const int *perm, double *p)\n"
    "{\n"
    "    for (int i = 0; i < n; i++) {\n"
    "        int pivot = perm[i];\n"
    "        double sum = 0.0;\n"
    "        for (int j = 0; j < i; j++)\n"
    "            sum += a[pivot][j] * (p[j]);\n"
    "        p[i] = (b[pivot] - sum) / a[pivot][i];\n"
    "    }\n"
    "    for (int i = n - 1; i >= 0; i--) {\n"
    "        int pivot = perm[i];\n"
    "        double sum = 0.0;\n"
    "        for (int j = i + 1; j < n; j++)\n"
    "            sum += a[pivot][j] * (p[j]);\n"
    "        p[i] -= sum;\n"
    "    }\n"
    "}\n"
    "static int _newton(int n, double *const *x, const double *save, double *D, double *value,\n"
    "                   _args *_a, _resfn f)\n"
    "{\n"
    "    double jrow[n][n], *jac[n], delta[n], high[n], low[n], rowmax[n];\n"
    "    int perm[n], count = 0, error = 0;\n"
    "    double change = 1.0, max_dev, temp;\n"
    "    for (int i = 0; i < n; i++)\n"
    "        jac[i] = jrow[i];\n"
    "    while (count++ < 50) {\n"
    "        if (change > 0.05) {\n"
    "            for (int j = 0; j < n; j++) {\n"
    "                double inc = fabs(fabs(0.02 * (*x[j]))) > 1.e-6 ? fabs(0.02 * (*x[j])) : 1.e-6;\n"
    "                *x[j] += inc;\n"
    "                f(_a, x, save, D, value);\n"
    "                for (int i = 0; i < n; i++)\n"
    "                    high[i] = value[i];\n"
    "                *x[j] -= 2.0 * inc;\n"
    "                f(_a, x, save, D, value);\n"
    "                for (int i = 0; i < n; i++) {\n"
    "                    low[i] = value[i];\n"
    "                    jac[i][j] = (high[i] - low[i]) / (2.0 * inc);\n"
    "                }\n"
    "                *x[j] += inc;\n"
    "                f(_a, x, save, D, value);\n"
    "            }\n"
    "            for (int i = 0; i < n; i++)\n"
    "                value[i] = - value[i];\n"
    "            if ((error = _crout(n, jac, perm, rowmax)) != 0)\n"
    "                break;\n"
    "        }\n"
    "        _lusolve(n, jac, value, perm, delta);\n"
    "        change = 0.0;\n"
    "        for (int i = 0; i < n; i++) {\n"
    "            if (fabs(*x[i]) > 1.e-8 && (temp = fabs(delta[i] / (*x[i]))) > change)\n"
    "                change = temp;\n"
    "            *x[i] += delta[i];\n"
    "        }\n"
    "        f(_a, x, save, D, value);\n"
    "        max_dev = 0.0;\n"
    "        for (int i = 0; i < n; i++) {\n"
    "            value[i] = - value[i];\n"
    "            if ((temp = fabs(value[i])) > max_dev)\n"
    "                max_dev = temp;\n"
    "        }\n"
    "        if (change <= 1.e-6 && max_dev <= 1.e-8)\n"
    "            break;\n"
    "        if (count == 50) {\n"
    "            error = 1;\n"
    "            break;\n"
    "        }\n"
    "    }\n"
    "    return error;\n"
    "}\n";

void gen_newton_runtime(struct gen *g)
{
    if (!g->newton_out)
        fputs(newton_c, g->out);
    g->newton_out = 1;
}

/* The solved block: a DERIVATIVE by cnexp or derivimplicit, or a PROCEDURE. */
static void gen_solved(struct gen *g)
{
    struct nm_mech *m = g->m;
    const nm_node *sv = m->solved, *so = m->solve;
    if (sv->kind == NM_PROCEDURE)
        return;
    if (sv->kind == NM_KINETIC) {
        gen_kinetic(g);
        return;
    }
    if (sv->kind == NM_LINEAR || sv->kind == NM_NONLINEAR)
        return; /* written by gen_linear_blocks */
    if (sv->kind != NM_DERIVATIVE)
        gerr(g, so, "SOLVE %s: %s blocks are not supported yet", so->text, nm_kind_name(sv->kind));
    int implicit = so->value && strcmp(so->value, "derivimplicit") == 0;
    g->euler = so->value && strcmp(so->value, "euler") == 0;
    if (!so->value || (strcmp(so->value, "cnexp") != 0 && !implicit && !g->euler))
        gerr(g, so, "SOLVE %s METHOD %s: only cnexp, derivimplicit and euler are supported yet",
             so->text, so->value ? so->value : "(none)");
    if (so->ival)
        gerr(g, so, "SOLVE ... STEADYSTATE: not supported yet");
    g->ctx = NM_DERIVATIVE;
    if (!implicit && !g->euler && !gen_cnexp_possible(g, sv->kid[1]))
        implicit = 1; /* as nocmodl: "Could not translate using cnexp method" */
    /* cnexp updates the states in place; euler and derivimplicit take f into _D[k] */
    int with_d = implicit || g->euler;
    g->nstate = 0;
    if (with_d)
        collect_states(g, sv->kid[1]);
    if (implicit)
        gen_newton_runtime(g);
    g->implicit = with_d;
    gline(g, with_d ? "_HOT void _d_%s(_args *_a, double *_D)" : "_HOT void _d_%s(_args *_a)",
          sv->text);
    gline(g, "{");
    g->depth++;
    gen_body(g, sv->kid[1], NULL);
    g->depth--;
    gline(g, "}");
    g->implicit = 0;
    if (!implicit)
        return; /* euler: x += dt*f in the state loop */
    /* the residual of backward Euler, as nocmodl's _dlist2 */
    gline(g, "static void _res_%s(_args *_a, double *const *_x, const double *_save, double *_D, "
          "double *_value)", sv->text);
    gline(g, "{");
    gline(g, "    _d_%s(_a, _D);", sv->text);
    gline(g, "    for (int _k = 0; _k < %d; _k++)", g->nstate);
    gline(g, "        _value[_k] = _D[_k] - (*_x[_k] - _save[_k])/_a->c->dt;");
    gline(g, "}");
}

/* Calls the table checks (before init and state, as NEURON's table check). */
static void gen_checks(struct gen *g)
{
    for (int i = 0; i < g->m->nfunc; i++)
        if (g->m->func[i].table)
            gline(g, "_check_%s(_a);", g->m->func[i].name);
}

/* The column pointers, copied into the frame of a whole-array function. */
void gen_cols_copy(struct gen *g)
{
    gline(g, "double *_col[_NCOL > 0 ? _NCOL : 1];");
    gline(g, "for (int _k = 0; _k < _NCOL; _k++)");
    gline(g, "    _col[_k] = md->col[_k];");
}

void gen_loop_head(struct gen *g, int checks)
{
    int art = g->m->kind == NRN_ARTCELL;
    gen_cols_copy(g);
    gline(g, "_args _a0 = { c, md, _col, 0, 0. }, *_a = &_a0;");
    if (checks)
        gen_checks(g);
    gline(g, "for (int _i = 0; _i < md->n; _i++) {");
    g->depth++;
    gline(g, "_a0.i = _i;");
    gline(g, "_a0.v = %s;", art ? "0." : "c->v[md->node[_i]]");
}

static void gen_init(struct gen *g)
{
    struct nm_mech *m = g->m;
    gline(g, "static void _init(const nrn_mech_ctx *c, nrn_mech_data *md)");
    gline(g, "{");
    g->depth++;
    gen_loop_head(g, 1);
    for (int i = 0; i < m->nvar; i++) {
        const struct nm_var *v = &m->var[i];
        for (int k = 0; v->decl == NM_STATE && v->where == W_RANGE && !gen_ion_conc(v) &&
                        k < (v->dim ? v->dim : 1); k++)
            gline(g, "_R(%d) = %s;", v->col + k, v->def ? v->def : "0.");
    }
    gen_ion_conc_in(g);
    gen_random_init(g);
    if (m->initial) {
        g->ctx = NM_INITIAL;
        gline(g, "{");
        g->depth++;
        gen_body(g, m->initial->kid[1], NULL);
        g->depth--;
        gline(g, "}");
    }
    gen_ion_conc_out(g, 1);
    g->depth--;
    gline(g, "}");
    g->depth--;
    gline(g, "}");
}

/* The written ion currents (hidden columns that add into an ion). */
static int ion_currents(const struct nm_mech *m, const struct nm_var **out)
{
    int n = 0;
    for (int k = 0; k < m->ncur; k++) {
        const struct nm_var *v = &m->var[m->cur[k]];
        if (v->ion >= 0 && v->where == W_RANGE && v->ioncol == ION_CUR)
            out[n++] = v;
    }
    return n;
}

/* The BREAKPOINT statements but the SOLVE, in a block of their own. */
static void gen_breakpoint_body(struct gen *g)
{
    const nm_node *bp = g->m->breakpoint->kid[1];
    gline(g, "{");
    g->depth++;
    g->ctx = NM_BREAKPOINT;
    nm_node body = *bp;
    nm_node *kids[256];
    body.n = 0;
    body.kid = kids;
    for (int i = 0; i < bp->n && body.n < 256; i++)
        if (bp->kid[i]->kind != NM_SOLVE)
            kids[body.n++] = bp->kid[i];
    gen_body(g, &body, NULL);
    g->depth--;
    gline(g, "}");
}

/* A BREAKPOINT without currents (no NONSPECIFIC_CURRENT, ELECTRODE_CURRENT or written ion
** current): nocmodl then has no nrn_cur and runs the BREAKPOINT's statements in nrn_state,
** after the SOLVE, once per step with the new v (under CVODE once before each step, as every
** state function without equations), never at finitialize. */
static int nocur_breakpoint(const struct nm_mech *m)
{
    return m->breakpoint && m->kind != NRN_ARTCELL && m->ncur == 0;
}

static void gen_cur(struct gen *g)
{
    struct nm_mech *m = g->m;
    const struct nm_var *ic[32];
    int nic = ion_currents(m, ic);
    if (nic && m->kind != NRN_DENSITY)
        gerr(g, m->ion[ic[0]->ion].at, "USEION ... WRITE in a POINT_PROCESS: not supported yet");
    /* the BREAKPOINT statements but the SOLVE, and the sum of the currents */
    gline(g, "_HOT double _current(_args *_a)");
    gline(g, "{");
    g->depth++;
    gline(g, "double _current = 0.;");
    gen_breakpoint_body(g);
    for (int k = 0; k < m->ncur; k++) {
        const struct nm_var *v = &m->var[m->cur[k]];
        if (v->where != W_RANGE)
            gerr(g, v->at, "current %s: must be a RANGE variable", v->name);
        gline(g, "_current += _R(%d);", v->col);
    }
    gline(g, "return _current;");
    g->depth--;
    gline(g, "}");
    if (gen_simd_cur(g))
        return;
    gline(g, "static void _cur(const nrn_mech_ctx *c, nrn_mech_data *md)");
    gline(g, "{");
    g->depth++;
    gen_loop_head(g, 0);
    gline(g, "int _nd = md->node[_i];");
    gen_ion_conc_in(g);
    gline(g, "double _v = _a0.v;");
    gline(g, "_a0.v = _v + .001;");
    gline(g, "double _g = _current(_a);");
    for (int k = 0; k < nic; k++)
        gline(g, "double _d%d = _R(%d);", k, ic[k]->col);
    gline(g, "_a0.v = _v;");
    gline(g, "double _rhs = _current(_a);");
    for (int k = 0; k < nic; k++)
        gline(g, "_I(%d, %d) += (_d%d - _R(%d))/.001;", ic[k]->ion, ION_DCURDV, k, ic[k]->col);
    if (m->kind == NRN_DENSITY) {
        gline(g, "_g = (_g - _rhs)/.001;");
        gen_ion_conc_out(g, 0);
        for (int k = 0; k < nic; k++)
            gline(g, "_I(%d, %d) += _R(%d);", ic[k]->ion, ION_CUR, ic[k]->col);
        gline(g, "md->g[_i] = _g;");
        if (m->electrode) {
            gline(g, "c->rhs[_nd] += _rhs;");
            gline(g, "c->d[_nd] -= _g;");
        } else {
            gline(g, "c->rhs[_nd] -= _rhs;");
            gline(g, "c->d[_nd] += _g;");
        }
    } else {
        gen_ion_conc_out(g, 0);
        gline(g, "md->g[_i] = nrn_pp_current(c, _nd, _g, _rhs, %d);", m->electrode);
    }
    g->depth--;
    gline(g, "}");
    g->depth--;
    gline(g, "}");
}

static void gen_state(struct gen *g)
{
    struct nm_mech *m = g->m;
    int nocur = nocur_breakpoint(m);
    gline(g, "static void %s(const nrn_mech_ctx *c, nrn_mech_data *md)",
          !nocur && gen_simd_state(g) ? "_state_scalar" : "_state");
    gline(g, "{");
    g->depth++;
    if (g->nstate) { /* euler, derivimplicit: nocmodl's nrn_state halves dt when secondorder */
        gline(g, "nrn_mech_ctx _half = *c;");
        gline(g, "if (c->secondorder)");
        gline(g, "    _half.dt *= 0.5;");
        gline(g, "c = &_half;");
    }
    gen_loop_head(g, 1);
    gen_ion_conc_in(g);
    if (!m->solve) {
        /* no SOLVE: only the BREAKPOINT's statements below */
    } else if (m->solved->kind == NM_PROCEDURE) {
        gline(g, "_fn_%s(_a);", m->solved->text);
    } else if (m->solved->kind == NM_KINETIC) {
        gen_kinetic_state(g);
    } else if (m->solved->kind == NM_LINEAR || m->solved->kind == NM_NONLINEAR) {
        (void)gen_linear_solve(g, m->solve);
    } else if (g->nstate) { /* derivimplicit or euler */
        const char *nm = m->solved->text;
        int n = g->nstate;
        const char *xs = "";
        for (int k = 0; k < n; k++)
            xs = gfmt(g, "%s%s&_R(%d)", xs, k ? ", " : "", sema_lookup(m, g->state[k])->col);
        gline(g, "double *const _x[%d] = { %s };", n, xs);
        if (g->euler) {
            gline(g, "double _D[%d];", n);
            gline(g, "_d_%s(_a, _D);", nm);
            gline(g, "for (int _k = 0; _k < %d; _k++)", n);
            gline(g, "    *_x[_k] += c->dt * (_D[_k]);");
        } else {
            gline(g, "double _save[%d], _D[%d], _value[%d];", n, n, n);
            gline(g, "for (int _k = 0; _k < %d; _k++)", n);
            gline(g, "    _save[_k] = *_x[_k];");
            gline(g, "(void)_newton(%d, _x, _save, _D, _value, _a, _res_%s);", n, nm);
            gline(g, "_res_%s(_a, _x, _save, _D, _value);", nm);
        }
        gline(g, "if (c->secondorder)");
        gline(g, "    for (int _k = 0; _k < %d; _k++)", n);
        gline(g, "        *_x[_k] += c->dt*_D[_k];");
    } else {
        gline(g, "_d_%s(_a);", m->solved->text);
    }
    if (nocur)
        gen_breakpoint_body(g);
    gen_ion_conc_out(g, 0);
    g->depth--;
    gline(g, "}");
    g->depth--;
    gline(g, "}");
}

void gen_collect_states(struct gen *g, const nm_node *n)
{
    collect_states(g, n);
}

static void gen_receive(struct gen *g)
{
    struct nm_mech *m = g->m;
    const nm_node *nr = m->net_receive;
    gline(g, "static void _net_receive(const nrn_mech_ctx *c, nrn_mech_data *md, int _inst, "
          "double *_w, double _lflag)");
    gline(g, "{");
    g->depth++;
    gen_cols_copy(g);
    gline(g, "_args _a0 = { c, md, _col, _inst, %s }, *_a = &_a0;",
          m->kind == NRN_ARTCELL ? "0." : "c->v[md->node[_inst]]");
    gen_netrecv_head(g);
    struct gscope sc = { .up = NULL };
    gscope_add(g, &sc, "flag", "_lflag");
    for (int k = 0; k < nr->kid[0]->n; k++)
        gscope_add(g, &sc, nr->kid[0]->kid[k]->text, gfmt(g, "_w[%d]", k));
    g->ctx = NM_NET_RECEIVE;
    gen_body(g, nr->kid[1], &sc);
    g->depth--;
    gline(g, "}");
}

/* Top-level items this version does not translate: refused, never dropped. */
static void refuse_unsupported(struct gen *g, const nm_node *n)
{
    for (int i = 0; i < n->n; i++) {
        const nm_node *it = n->kid[i];
        switch (it->kind) {
        case NM_INCLUDE:
            refuse_unsupported(g, it);
            break;
        case NM_CONSTRUCTOR: case NM_DESTRUCTOR: case NM_DISCRETE:
            gerr(g, it, "%s blocks are not supported yet", nm_kind_name(it->kind));
        case NM_KINETIC: case NM_DERIVATIVE:
            if (it != g->m->solved)
                gerr(g, it, "%s %s: only a block solved by BREAKPOINT's SOLVE is supported yet",
                     nm_kind_name(it->kind), it->text);
            break;
        default:
            break;
        }
    }
}

/* NEURON's rule: a mechanism that assigns a GLOBAL (or a file-scope LOCAL, a C static) is not
** thread safe unless its NEURON block says THREADSAFE. */
static int not_threadsafe(const struct nm_mech *m)
{
    for (int i = 0; i < m->root->n; i++) {
        const nm_node *it = m->root->kid[i];
        for (int j = 0; it->kind == NM_NEURON && j < it->n; j++)
            if (it->kid[j]->kind == NM_THREADSAFE)
                return 0;
    }
    for (int i = 0; i < m->nvar; i++) {
        const struct nm_var *v = &m->var[i];
        if (v->written && (v->where == W_GLOBAL || (v->where == W_CONST && v->decl == NM_LOCAL)))
            return 1;
    }
    return 0;
}

/* 1 if the tree under n (but its INITIAL and NET_RECEIVE blocks, which the step does not run)
** holds no VERBATIM, LAG or PROTECT, no random draw and no call of an event or output
** service: what inst_local needs of the code. */
static int code_local(const nm_node *n)
{
    static const char *const shared[] = {
        "net_send", "net_event", "net_move", "nrn_random_pick", "hoc_execute1", "printf",
        "fprintf", NULL,
    };
    switch (n->kind) {
    case NM_INITIAL: case NM_NET_RECEIVE:
        return 1;
    case NM_VERBATIM: case NM_LAG: case NM_PROTECT: case NM_MUTEX:
        return 0;
    case NM_CALL:
        for (int i = 0; n->text && shared[i]; i++)
            if (!strcmp(n->text, shared[i]))
                return 0;
        break;
    default:
        break;
    }
    for (int i = 0; i < n->n; i++)
        if (n->kid[i] && !code_local(n->kid[i]))
            return 0;
    return 1;
}

/*
** nrn_mech_type.inst_local: every instance's cur and state depend on its own values only, so
** the engine may run them on part of the instances at a time. Besides code_local: no POINTER,
** no EXTERNAL, no random draw, a SOLVE that is cnexp or none, no concentration written, and
** no GLOBAL written but the names of a FUNCTION or PROCEDURE TABLE (written by each
** instance before it reads them, as rates(v) does).
*/
static int inst_local(struct nm_mech *m)
{
    if (m->npointer || !code_local(m->root) || nm_uses_random(m->root) || gen_ion_writes(m))
        return 0;
    if (m->solve && (m->solved->kind != NM_DERIVATIVE || !m->solve->value ||
                     strcmp(m->solve->value, "cnexp") != 0))
        return 0;
    for (int i = 0; i < m->nvar; i++) {
        const struct nm_var *v = &m->var[i];
        if (v->where == W_EXTERNAL) /* another type's GLOBAL, written as that type runs */
            return 0;
        int file_local = v->where == W_CONST && v->decl == NM_LOCAL;
        if (!v->written || (v->where != W_GLOBAL && !file_local))
            continue;
        if (file_local)
            return 0;
        int tabled = 0;
        for (int f = 0; f < m->nfunc && !tabled; f++)
            for (int k = 0; m->func[f].table && k < m->func[f].ntabvar; k++)
                tabled |= !strcmp(m->func[f].table->kid[0]->kid[k]->text, v->name);
        if (!tabled)
            return 0;
    }
    return 1;
}

static void gen_file(struct gen *g)
{
    struct nm_mech *m = g->m;
    refuse_unsupported(g, m->root);
    for (int i = 0; i < m->nfunc; i++)
        if (m->func[i].table && m->usetable < 0)
            m->usetable = m->nglobal;
    fprintf(g->out, "/* %s: mechanism %s, translated from %s by nrn-build mod. */\n", m->name,
            m->name, m->file);
    gline(g, "#include <math.h>");
    gline(g, "#include \"nrn_mech.h\"");
    /* what every generated function takes: the context, the data, the column pointers
    ** (copied into the caller's frame, so they stay in registers across calls of exp),
    ** the instance and v */
    gline(g, "typedef struct { const nrn_mech_ctx *c; nrn_mech_data *md; double *const *col; "
          "int i; double v; } _args;");
    gline(g, "#define _R(k) (_a->col[k][_a->i])");
    gline(g, "#define _HOT static inline __attribute__((always_inline))");
    gline(g, "#define _G(k) (_a->md->gvals[k])");
    gline(g, "#define _I(k, j) (_a->md->ion[k]->col[j][_a->md->ion_inst[k][_a->i]])");
    /* NEURON's at_time: a discontinuity at te that the variable-step integrator stops at
    ** (nrn_at_time); in the fixed step 1 in the step that reaches te, else 0 */
    gline(g, "static inline double _at_time(_args *_a, double te)");
    gline(g, "{");
    gline(g, "    nrn_at_time(_a->c, te);");
    gline(g, "    double x = te - 1e-11;");
    gline(g, "    return x <= _a->c->t && x > _a->c->t - _a->c->dt;");
    gline(g, "}");
    gen_tables(g);
    gen_pointer_defs(g);
    gen_functable_defs(g);
    gen_consts(g);
    gen_table_struct(g);
    for (int i = 0; i < m->nfunc; i++) {
        const struct nm_func *f = &m->func[i];
        const char *decl = args_decl(g, f->node->kid[0], NULL);
        gline(g, "static inline double _fn_%s(%s);", f->name, decl);
        if (f->table)
            gline(g, "static inline double _f_%s(%s);", f->name, decl);
    }
    g->ctx = 0; /* VERBATIM at file scope: plain C, in file order, before the functions */
    for (int i = 0; i < m->root->n; i++)
        if (m->root->kid[i]->kind == NM_VERBATIM)
            gen_verbatim(g, m->root->kid[i], NULL);
    gen_linear_blocks(g);
    for (int i = 0; i < m->nfunc; i++)
        gen_func(g, &m->func[i]);
    if (m->solve)
        gen_solved(g);
    gen_netrecv_fns(g);
    gen_ba_fns(g);
    gen_init(g);
    if (m->breakpoint && m->kind != NRN_ARTCELL && !nocur_breakpoint(m))
        gen_cur(g);
    if (m->solve || nocur_breakpoint(m))
        gen_state(g);
    if (g->kin) /* a KINETIC scheme's CVODE functions come from its sparse system */
        gen_kinetic_ode(g);
    else
        gen_ode(g);
    if (m->net_receive)
        gen_receive(g);
    gline(g, "const nrn_mech_type nrnmod_%s = {", m->name);
    g->depth++;
    gline(g, ".name = \"%s\",", m->name);
    gline(g, ".kind = %s,", m->kind == NRN_DENSITY ? "NRN_DENSITY"
          : m->kind == NRN_POINT ? "NRN_POINT" : "NRN_ARTCELL");
    gline(g, ".nvar = _NCOL, .vars = _vars,");
    gline(g, ".nion = %d, .ions = _ions,", m->nion);
    gline(g, ".nglobal = _NGLOBAL, .globals = _globals,");
    gline(g, ".electrode = %d,", m->electrode);
    if (not_threadsafe(m))
        gline(g, ".not_threadsafe = 1,");
    if (inst_local(m))
        gline(g, ".inst_local = 1,");
    gline(g, ".gpriv_size = sizeof(struct _gp),");
    gline(g, ".init = _init,");
    if (m->breakpoint && m->kind != NRN_ARTCELL && !nocur_breakpoint(m))
        gline(g, ".cur = _cur,");
    if (m->solve || nocur_breakpoint(m))
        gline(g, ".state = _state,");
    if (g->kin)
        gen_kinetic_fields(g);
    else
        gen_ode_fields(g);
    gen_linear_fields(g);
    if (m->net_receive)
        gline(g, ".net_receive = _net_receive, .nweight = %d,", m->net_receive->kid[0]->n);
    gen_pointer_desc(g);
    gen_netrecv_desc(g);
    gen_functable_desc(g);
    gen_ba_desc(g);
    g->depth--;
    gline(g, "};");
}

int nm_emit_c(nm_mech *m, FILE *out, char *err, size_t errsize)
{
    struct gen g = { .m = m, .out = out, .err = err, .errsize = errsize };
    if (setjmp(g.fail)) {
        text_oneline(err, errsize);
        return 1;
    }
    if (m->kind == NRN_ARTCELL && m->breakpoint)
        gerr(&g, m->breakpoint, "BREAKPOINT in an ARTIFICIAL_CELL: not supported yet");
    if (m->kind != NRN_ARTCELL && !m->breakpoint && m->ncur)
        gerr(&g, NULL, "a mechanism with currents needs a BREAKPOINT block");
    gen_file(&g);
    return 0;
}
