/*
** gen_deriv.c: the DERIVATIVE block BREAKPOINT solves, written for cnexp (states updated in
** place), euler and derivimplicit (f into _D[k]), with scopmath's newton for the latter, and
** the residual function nocmodl's derivimplicit iterates on.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "gen.h"

/* The states a DERIVATIVE block gives equations for, in their order (NEURON's _slist). */
void gen_collect_states(struct gen *g, const nm_node *n)
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
        gen_collect_states(g, n->kid[i]);
}

/*
** derivimplicit as NEURON's scopmath does it: backward Euler solved by Newton's method on
** F(x) = f(x) - (x - x_old)/dt, the Jacobian by central differences (2% of x, at least
** 1e-6), rebuilt while a step changes x by more than 5%; LU by Crout with implicit
** equilibration; at most 50 iterations; converged when the relative change is <= 1e-6
** and |F| <= 1e-8 (newton_thread.cpp, crout_thread.cpp, errcodes.h), step for step.
** The unknowns x are in nocmodl's _slist2 order (its symbol table's), the residuals in the
** equations' order (_slist1, which f gets as xf): the Jacobian's columns and rows differ, and
** with them the rounding of each step.
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
    "static int _newton(int n, double *const *x, double *const *xf, const double *save, double *D,\n"
    "                   double *value, _args *_a, _resfn f)\n"
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
    "                f(_a, xf, save, D, value);\n"
    "                for (int i = 0; i < n; i++)\n"
    "                    high[i] = value[i];\n"
    "                *x[j] -= 2.0 * inc;\n"
    "                f(_a, xf, save, D, value);\n"
    "                for (int i = 0; i < n; i++) {\n"
    "                    low[i] = value[i];\n"
    "                    jac[i][j] = (high[i] - low[i]) / (2.0 * inc);\n"
    "                }\n"
    "                *x[j] += inc;\n"
    "                f(_a, xf, save, D, value);\n"
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
    "        f(_a, xf, save, D, value);\n"
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
void gen_solved(struct gen *g)
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
    if (so->value && !strcmp(so->value, "runge")) /* its t + h/2 + h/2 - h rounds */
        gerr(g, so, "SOLVE %s METHOD runge: not supported (NEURON's runge moves the model's t "
             "by +dt/2, +dt/2, -dt in each instance, and the rounding changes the run's t; use "
             "cnexp or derivimplicit)", so->text);
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
        gen_collect_states(g, sv->kid[1]);
    if (implicit)
        gen_newton_runtime(g);
    g->newton = implicit;
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

/* _x: pointers to the states in the equations' order (nocmodl's _slist1); with xn, also _xn
** in its symbol table's order (_slist2), the order its Newton iteration varies them in. */
void gen_state_ptrs(struct gen *g, int xn)
{
    struct nm_mech *m = g->m;
    int n = g->nstate;
    const char *xs = "";
    for (int k = 0; k < n; k++)
        xs = gfmt(g, "%s%s&_R(%d)", xs, k ? ", " : "", sema_lookup(m, g->state[k])->col);
    gline(g, "double *const _x[%d] = { %s };", n, xs);
    if (!xn)
        return;
    const struct nm_var *sv[64];
    for (int k = 0; k < n; k++) {
        const struct nm_var *v = sema_lookup(m, g->state[k]);
        int j = k;
        for (; j > 0 && gen_sym_before(m->root, v, sv[j - 1]); j--)
            sv[j] = sv[j - 1];
        sv[j] = v;
    }
    const char *xl = "";
    for (int k = 0; k < n; k++)
        xl = gfmt(g, "%s%s&_R(%d)", xl, k ? ", " : "", sv[k]->col);
    gline(g, "double *const _xn[%d] = { %s };", n, xl);
}

/* One derivimplicit step of the solved block with the arguments args (their c->dt the step):
** Newton on the residual, then the block once more at the solution, as nocmodl's states()
** runs its body after nrn_newton_thread; _D keeps f for secondorder. */
void gen_newton_call(struct gen *g, const char *args)
{
    int n = g->nstate;
    const char *nm = g->m->solved->text;
    gen_state_ptrs(g, 1);
    gline(g, "double _save[%d], _D[%d], _value[%d];", n, n, n);
    gline(g, "for (int _k = 0; _k < %d; _k++)", n);
    gline(g, "    _save[_k] = *_x[_k];");
    gline(g, "(void)_newton(%d, _xn, _x, _save, _D, _value, %s, _res_%s);", n, args, nm);
    gline(g, "_res_%s(%s, _x, _save, _D, _value);", nm, args);
}
