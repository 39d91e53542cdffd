/*
** solve_node.h: the per-node operations of the fixed step's matrix, shared by every loop that
** builds or solves it (fixed.c's passes, units_step.c's sweeps), so that each node receives
** the same operations in the same order whichever loop visits it.
*/
#ifndef NRN_SOLVE_NODE_H
#define NRN_SOLVE_NODE_H

#include <float.h>
#include <math.h>

/* The arrays the axial terms touch. */
struct axial_arrays {
    double *restrict rhs, *restrict d;
    const double *restrict v, *restrict a, *restrict b, *restrict cm;
};

/* NEURON's axial loop for node i: the capacitance (with_cm), its own term, then its term in
** its parent's row. */
static inline void axial_node(struct axial_arrays x, int i, int p, int with_cm, double cfac)
{
    double dv = x.v[p] - x.v[i];
    x.rhs[i] -= x.b[i] * dv;
    x.rhs[p] += x.a[i] * dv;
    double dd = with_cm ? x.d[i] + cfac * x.cm[i] : x.d[i];
    x.d[i] = dd - x.b[i];
    x.d[p] -= x.a[i];
}

/* One node of the elimination: node i folded into its parent p's row. */
static inline void elim_node(double *rhs, double *d, const double *a, const double *b, int i,
                             int p)
{
    double f = a[i] / d[i];
    d[p] -= f * b[i];
    rhs[p] -= f * rhs[i];
}

/* One node of the back substitution, its change added to v (k2: 1, or 2 with
** Crank-Nicolson); returns 1 if v is no longer finite. */
static inline int update_node(double *rhs, double *v, const double *d, const double *b, int i,
                              int p, double k2)
{
    rhs[i] -= b[i] * rhs[p];
    rhs[i] /= d[i];
    v[i] += k2 * rhs[i];
    return !(fabs(v[i]) <= DBL_MAX);
}

#endif
