/*
** fixed.c: NEURON's fixed-step method (spec 2 and 3): finitialize, fadvance with
** secondorder 0, 1 or 2, and stdrun's setdt/continuerun/run.
**
** Where quantities are in time after a step from t to t+dt: v at t+dt; states were
** advanced with the new v (they live half a step ahead of v); currents and other
** assigned BREAKPOINT values were computed at t+dt/2 with the old v and old states.
*/
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nrn_int.h"
#include "ldifus.h"
#include "solve_node.h"

/* Below this many entries a plain loop of stores beats memset's call and size dispatch (a
** one-compartment cell clears 3 nodes and 1-entry ion columns twice every step). */
#define CLEAR_SMALL 16

/* GCC turns a loop of zero stores into memset calls (or rep stos) unless told not to. */
#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("no-tree-loop-distribute-patterns")))
#endif
void nrn_clear2(double *restrict a, double *restrict b, int n)
{
    if (n >= CLEAR_SMALL) {
        memset(a, 0, sizeof(double) * (size_t)n);
        memset(b, 0, sizeof(double) * (size_t)n);
        return;
    }
    for (int i = 0; i < n; i++) {
        a[i] = 0;
        b[i] = 0;
    }
}

/* Zeroes the system and adds every mechanism's current at t, in type order. */
void matrix_currents(nrn_model *m, const nrn_mech_ctx *c)
{
    nrn_clear2(m->rhs, m->d, m->nnode);
    if (m->ba_mask)
        ba_run(m, NRN_BA_BEFORE_BREAKPOINT, c);
    for (int k = 0; k < m->ncur; k++) {
        struct mtype *mt = &m->types[m->curlist[k]];
        mt->d->cur(c, &mt->md);
    }
}

/*
** The axial terms of every non-root node, and with cm (fixed step) the capacitance on the
** diagonal first, in one pass that needs no read back of what it just wrote: node i gets its
** own term, then that of the node after it when that is its child (a section's next node,
** always i's first child in NEURON's order). The children that start a section come in a
** second, short pass, in node order as NEURON adds them. Every rhs and d entry receives the
** same additions in the same order as in NEURON's one loop over the nodes.
*/
/* The axial terms of the nodes after the blocks when they are in units (interleave.c):
** units in node order, NEURON's loop in each, SOLVE_W sections at a time past their first
** nodes (whose parents may coincide: one by one, in order). */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#endif
static void units_axial(nrn_model *m, struct axial_arrays x, int with_cm, double cfac)
{
    for (int k = 0; k < m->nunit; k++) {
        const struct tail_unit *u = &m->units[k];
        if (!u->nseg) {
            for (int i = u->lo; i < u->hi; i++)
                axial_node(x, i, m->parent[i], with_cm, cfac);
            continue;
        }
        for (int c = 0; c < SOLVE_W; c++)
            axial_node(x, u->lo + c, u->lanepar[c], with_cm, cfac);
        for (int j = 1; j <= u->nseg; j++) {
            int i0 = u->lo + j * SOLVE_W;
#pragma omp simd
            for (int c = 0; c < SOLVE_W; c++)
                axial_node(x, i0 + c, i0 + c - SOLVE_W, with_cm, cfac);
        }
    }
}

/* The axial terms of block bl: NEURON's one loop over the nodes, SOLVE_W cells at a time
** (their roots' capacitance comes before). with_cm is a constant in each caller's loop, so
** that the loop has no select and runs as vectors. */
static inline void block_axial(nrn_model *m, const struct solve_block *bl, int with_cm,
                               double cfac)
{
    struct axial_arrays x = { m->rhs, m->d, m->v, m->a, m->b, m->cm };
    for (int j = 0; j < bl->len; j++) {
        int i0 = bl->base + j * SOLVE_W;
        int p0 = bl->lpar[j] < 0 ? bl->root0 : bl->base + bl->lpar[j] * SOLVE_W;
#pragma omp simd
        for (int c = 0; c < SOLVE_W; c++)
            axial_node(x, i0 + c, p0 + c, with_cm, cfac);
    }
}

static inline void blocks_axial_loop(nrn_model *m, int k0, int k1, int with_cm, double cfac)
{
    for (int k = k0; k < k1; k++)
        block_axial(m, &m->blocks[k], with_cm, cfac);
}

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#endif
static void blocks_axial(nrn_model *m, int k0, int k1, int with_cm, double cfac)
{
    if (with_cm)
        blocks_axial_loop(m, k0, k1, 1, cfac);
    else
        blocks_axial_loop(m, k0, k1, 0, 0);
}

/* The last node's own terms and the section starts' terms in their parents' rows. */
static inline void rest_axial_ends(nrn_model *m, int with_cm, double cfac)
{
    int n = m->nnode, lo = m->block_end;
    double *rhs = m->rhs, *d = m->d;
    const double *v = m->v, *a = m->a, *b = m->b, *cm = m->cm;
    const int *parent = m->parent;
    if (n > lo) {
        int i = n - 1;
        double dv = v[parent[i]] - v[i];
        rhs[i] -= b[i] * dv;
        if (with_cm)
            d[i] += cfac * cm[i];
        d[i] -= b[i];
    }
    const int *branch = m->branch;
    for (int k = 0; k < m->nbranch; k++) {
        int i = branch[k], p = parent[i];
        rhs[p] += a[i] * (v[p] - v[i]);
        d[p] -= a[i];
    }
}

/*
** Node i of rest_axial's chain loop: its own terms, then its next node's when that is its
** child (selects, not branches, so that the vector loop runs over several nodes at once;
** every load is in bounds: the last node has no next one and comes after the loop).
*/
static inline void chain_node(const struct axial_arrays x, const int *restrict parent, int i,
                              int with_cm, double cfac)
{
    double dv = x.v[parent[i]] - x.v[i];
    double r = x.rhs[i] - x.b[i] * dv;
    double dd = with_cm ? x.d[i] + cfac * x.cm[i] : x.d[i];
    dd -= x.b[i];
    double rc = r + x.a[i + 1] * (x.v[i] - x.v[i + 1]), ddc = dd - x.a[i + 1];
    int chain = parent[i + 1] == i;
    x.rhs[i] = chain ? rc : r;
    x.d[i] = chain ? ddc : dd;
}

/*
** rest_axial's chain loop for a few nodes (a cell of a local variable step, a small cell of
** the fixed step): the vector loop's gathers, masks and remainder cost more than the nodes
** themselves there. The same operations per node as the vector loop's.
*/
static void rest_axial_few(nrn_model *m, int with_cm, double cfac)
{
    struct axial_arrays x = { m->rhs, m->d, m->v, m->a, m->b, m->cm };
    for (int i = m->block_end; i < m->nnode - 1; i++)
        chain_node(x, m->parent, i, with_cm, cfac);
}

/* The axial terms of the nodes after the blocks in units or by the vector loop. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#endif
static void rest_axial_vec(nrn_model *m, int with_cm, double cfac)
{
    int n = m->nnode, lo = m->block_end;
    const int *restrict parent = m->parent;
    struct axial_arrays x = { m->rhs, m->d, m->v, m->a, m->b, m->cm };
    if (m->nunit) {
        units_axial(m, x, with_cm, cfac);
        return;
    }
#pragma omp simd
    for (int i = lo; i < n - 1; i++)
        chain_node(x, parent, i, with_cm, cfac);
    rest_axial_ends(m, with_cm, cfac);
}

/* Below this many nodes after the blocks, rest_axial_few's scalar loop. */
#define AXIAL_FEW 16

/*
** The axial terms of the nodes after the blocks (their roots' capacitance comes before).
** A plain function that picks the loop: the vector clones load their arrays into vector
** registers on entry, and a scalar loop called from there would run its SSE code with the
** upper halves dirty (no vzeroupper before a local call), several times slower.
*/
void rest_axial(nrn_model *m, int with_cm, double cfac)
{
    if (!m->nunit && m->nnode - m->block_end < AXIAL_FEW) {
        rest_axial_few(m, with_cm, cfac);
        rest_axial_ends(m, with_cm, cfac);
    } else {
        rest_axial_vec(m, with_cm, cfac);
    }
}

static void axial_pass(nrn_model *m, int with_cm, double cfac)
{
    if (with_cm)
        for (int i = 0; i < m->ncell; i++)
            m->d[i] += cfac * m->cm[i];
    blocks_axial(m, 0, m->nblock, with_cm, cfac);
    rest_axial(m, with_cm, cfac);
}

/* Adds the axial currents to the right-hand side and their terms to the diagonal. */
void matrix_axial(nrn_model *m)
{
    axial_pass(m, 0, 0);
}

/*
** Fills the linear system for the voltage changes (spec 2.3): mechanism currents in
** type order, capacitance on the diagonal, then the axial terms. The order of every
** addition is NEURON's.
*/
void fixed_setup_matrix(nrn_model *m, double t)
{
    nrn_mech_ctx c = ev_ctx(m, t);
    matrix_currents(m, &c);
    axial_pass(m, 1, .001 * m->cj);
}

/* The elimination half of the Hines solve (spec 2.4): leaves to roots. */
static void matrix_eliminate(nrn_model *m, int lo)
{
    int n = m->nnode;
    double *rhs = m->rhs, *d = m->d;
    const double *a = m->a, *b = m->b;
    const int *parent = m->parent;
    for (int i = n - 1; i >= lo; i--)
        elim_node(rhs, d, a, b, i, parent[i]);
}

/* The same in solve_order.c's order: several chains at once. */
static void matrix_eliminate_order(nrn_model *m)
{
    int len = m->nnode - m->block_end;
    double *rhs = m->rhs, *d = m->d;
    const double *a = m->a, *b = m->b;
    const int *parent = m->parent, *order = m->solve_order;
    for (int q = 0; q < len; q++) {
        int i = order[q], p = parent[i];
        elim_node(rhs, d, a, b, i, p);
    }
}

/* Hines solve on the tree; rhs then holds the solution (CVODE's linear solves). */
void matrix_solve(nrn_model *m)
{
    int n = m->nnode, ncell = m->ncell;
    double *rhs = m->rhs;
    const double *d = m->d, *b = m->b;
    const int *parent = m->parent;
    matrix_eliminate(m, ncell);
    for (int i = 0; i < ncell; i++)
        rhs[i] /= d[i];
    for (int i = ncell; i < n; i++) {
        rhs[i] -= b[i] * rhs[parent[i]];
        rhs[i] /= d[i];
    }
}

/* The elimination of the lockstep group of blocks that bl starts: SOLVE_W cells at a time,
** and its nsame blocks of one shape in lockstep, so that their chains of divisions overlap. */
static inline void group_eliminate(nrn_model *m, const struct solve_block *bl)
{
    double *restrict rhs = m->rhs, *restrict d = m->d;
    const double *restrict a = m->a, *restrict b = m->b;
    int bs = bl->len * SOLVE_W;
    for (int j = bl->len - 1; j >= 0; j--) {
        int i0 = bl->base + j * SOLVE_W, ps = bl->lpar[j] < 0 ? SOLVE_W : bs;
        int p0 = bl->lpar[j] < 0 ? bl->root0 : bl->base + bl->lpar[j] * SOLVE_W;
        for (int u = 0; u < bl->nsame; u++) {
            int iu = i0 + u * bs, pu = p0 + u * ps;
#pragma omp simd
            for (int c = 0; c < SOLVE_W; c++) {
                int i = iu + c, p = pu + c;
                elim_node(rhs, d, a, b, i, p);
            }
        }
    }
}

/* Its back substitution and v update; bad[c] (per lane: GCC 12 reduces an omp simd loop
** through memory, a stall each time) becomes nonzero if some v is no longer finite. */
static inline void group_update(nrn_model *m, const struct solve_block *bl, double k2,
                                int *restrict bad)
{
    double *restrict rhs = m->rhs, *restrict v = m->v;
    const double *restrict d = m->d, *restrict b = m->b;
    int bs = bl->len * SOLVE_W;
    for (int j = 0; j < bl->len; j++) {
        int i0 = bl->base + j * SOLVE_W, ps = bl->lpar[j] < 0 ? SOLVE_W : bs;
        int p0 = bl->lpar[j] < 0 ? bl->root0 : bl->base + bl->lpar[j] * SOLVE_W;
        for (int u = 0; u < bl->nsame; u++) {
            int iu = i0 + u * bs, pu = p0 + u * ps;
#pragma omp simd
            for (int c = 0; c < SOLVE_W; c++) {
                int i = iu + c, p = pu + c;
                bad[c] |= update_node(rhs, v, d, b, i, p, k2);
            }
        }
    }
}

/* 1 if some lane of bad is nonzero. */
static inline int lanes_bad(const int *bad)
{
    int any = 0;
    for (int c = 0; c < SOLVE_W; c++)
        any |= bad[c];
    return any != 0;
}

/* The elimination of the interleaved cells (interleave.c) of blocks [k0, k1) (k0 starts a
** lockstep group, k1 ends one). */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#endif
static void blocks_eliminate(nrn_model *m, int k0, int k1)
{
    for (int k = k0; k < k1; k += m->blocks[k].nsame)
        group_eliminate(m, &m->blocks[k]);
}

/* Their back substitution and v update; returns 1 if some v is no longer finite. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#endif
static int blocks_update(nrn_model *m, int k0, int k1, double k2)
{
    int bad[SOLVE_W] = { 0 };
    for (int k = k0; k < k1; k += m->blocks[k].nsame)
        group_update(m, &m->blocks[k], k2, bad);
    return lanes_bad(bad);
}

/* The roots of the group that bl starts (consecutive: interleave.c): their capacitance. */
static inline void group_roots_cap(nrn_model *m, const struct solve_block *bl, double cfac)
{
    double *restrict d = m->d;
    const double *restrict cm = m->cm;
    int r0 = bl->root0, r1 = r0 + bl->nsame * SOLVE_W;
#pragma omp simd
    for (int r = r0; r < r1; r++)
        d[r] += cfac * cm[r];
}

/* Their solve and v update; bad as in group_update. */
static inline void group_roots_update(nrn_model *m, const struct solve_block *bl, double k2,
                                      int *restrict bad)
{
    double *restrict rhs = m->rhs, *restrict v = m->v;
    const double *restrict d = m->d;
    for (int r0 = bl->root0; r0 < bl->root0 + bl->nsame * SOLVE_W; r0 += SOLVE_W) {
#pragma omp simd
        for (int c = 0; c < SOLVE_W; c++) {
            int r = r0 + c;
            rhs[r] /= d[r];
            v[r] += k2 * rhs[r];
            bad[c] |= !(fabs(v[r]) <= DBL_MAX);
        }
    }
}

/*
** The whole solve of blocks [k0, k1) (whole lockstep groups) after their mechanisms'
** currents, group by group (blocks_step.c): the roots' capacitance, the axial terms, the
** elimination, the roots' solve, the back substitution with the v update (k2: 1, or 2 with
** Crank-Nicolson). Each cell's nodes get the passes' operations in the passes' order.
** Returns 1 if some v is no longer finite.
*/
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#endif
int blocks_solve(nrn_model *m, int k0, int k1, double cfac, double k2)
{
    int bad[SOLVE_W] = { 0 };
    for (int k = k0; k < k1; k += m->blocks[k].nsame) {
        const struct solve_block *bl = &m->blocks[k];
        group_roots_cap(m, bl, cfac);
        for (int u = 0; u < bl->nsame; u++)
            block_axial(m, bl + u, 1, cfac);
        group_eliminate(m, bl);
        group_roots_update(m, bl, k2, bad);
        group_update(m, bl, k2, bad);
    }
    return lanes_bad(bad);
}

/* The elimination of the units (units_axial), last to first. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#endif
static void units_eliminate(nrn_model *m)
{
    double *restrict rhs = m->rhs, *restrict d = m->d;
    const double *restrict a = m->a, *restrict b = m->b;
    const int *parent = m->parent;
    for (int k = m->nunit - 1; k >= 0; k--) {
        const struct tail_unit *u = &m->units[k];
        if (!u->nseg) {
            for (int i = u->hi - 1; i >= u->lo; i--)
                elim_node(rhs, d, a, b, i, parent[i]);
            continue;
        }
        for (int j = u->nseg; j >= 1; j--) {
            int i0 = u->lo + j * SOLVE_W;
#pragma omp simd
            for (int c = 0; c < SOLVE_W; c++) {
                int i = i0 + c, p = i - SOLVE_W;
                elim_node(rhs, d, a, b, i, p);
            }
        }
        for (int c = SOLVE_W - 1; c >= 0; c--) { /* siblings: the last first, as NEURON */
            int i = u->lo + c, p = u->lanepar[c];
            elim_node(rhs, d, a, b, i, p);
        }
    }
}

/* The back substitution and v update of the units, first to last. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#endif
static int units_update(nrn_model *m, double k2)
{
    double *restrict rhs = m->rhs, *restrict v = m->v;
    const double *restrict d = m->d, *restrict b = m->b;
    const int *parent = m->parent;
    /* lane by lane, reduced once: GCC 12 reduces an omp simd loop's `bad` through memory, a
    ** store-forwarding stall per row of a unit */
    int bad = 0, lane[SOLVE_W] = { 0 };
    for (int k = 0; k < m->nunit; k++) {
        const struct tail_unit *u = &m->units[k];
        for (int i = u->lo; i < (u->nseg ? u->lo + SOLVE_W : u->hi); i++) {
            int p = u->nseg ? u->lanepar[i - u->lo] : parent[i];
            bad |= update_node(rhs, v, d, b, i, p, k2);
        }
        for (int j = 1; j <= u->nseg; j++) {
            int i0 = u->lo + j * SOLVE_W;
#pragma omp simd
            for (int c = 0; c < SOLVE_W; c++) {
                int i = i0 + c, p = i - SOLVE_W;
                lane[c] |= update_node(rhs, v, d, b, i, p, k2);
            }
        }
    }
    for (int c = 0; c < SOLVE_W; c++)
        bad |= lane[c];
    return bad;
}

/* The elimination of the nodes after the blocks. */
void rest_eliminate(nrn_model *m)
{
    if (m->solve_chain)
        cable_eliminate(m, .001 * m->cj);
    else if (m->nunit)
        units_eliminate(m);
    else if (!m->solve_natural && m->solve_order)
        matrix_eliminate_order(m);
    else
        matrix_eliminate(m, m->block_end);
}

/* Their back substitution and v update (after their roots'); 1 if some v is no longer
** finite. */
int rest_update(nrn_model *m, double k)
{
    int n = m->nnode, lo = m->block_end, bad = 0;
    double *rhs = m->rhs, *v = m->v;
    const double *d = m->d, *b = m->b;
    const int *parent = m->parent;
    if (m->nunit)
        return units_update(m, k);
    if (!m->solve_natural && m->solve_order) {
        const int *order = m->solve_order;
        for (int q = n - lo - 1; q >= 0; q--) {
            int i = order[q];
            bad |= update_node(rhs, v, d, b, i, parent[i], k);
        }
        return bad;
    }
    for (int i = lo; i < n; i++)
        bad |= update_node(rhs, v, d, b, i, parent[i], k);
    return bad;
}

/*
** The fixed step's solve: rhs then holds the voltage changes, and v gets them in the same
** pass as the back substitution (2 rhs with Crank-Nicolson): a node's change is final
** before its children's. Returns 1 if some v is no longer finite.
*/
static int solve_update(nrn_model *m)
{
    int ncell = m->ncell;
    double *rhs = m->rhs, *v = m->v;
    const double *d = m->d;
    const double k = m->secondorder ? 2. : 1.;
    int bad = 0;
    if (m->nblock)
        blocks_eliminate(m, 0, m->nblock);
    rest_eliminate(m);
    /* k * rhs is exact for k = 1 and 2, so this is v += rhs or v += 2. * rhs as before */
    for (int i = 0; i < ncell; i++) {
        rhs[i] /= d[i];
        v[i] += k * rhs[i];
        bad |= !(fabs(v[i]) <= DBL_MAX);
    }
    if (m->nblock)
        bad |= blocks_update(m, 0, m->nblock, k);
    return bad | rest_update(m, k);
}

/* secondorder 2: ion currents are moved to the step's midpoint voltage (spec 2.7). */
static void second_order_cur(nrn_model *m)
{
    for (int k = 0; k < m->ntype; k++) {
        struct mtype *mt = &m->types[k];
        if (mt->d->kind != NRN_ION)
            continue;
        nrn_mech_data *md = &mt->md;
        double *cur = md->col[3], *dcur = md->col[4];
        for (int i = 0; i < md->n; i++)
            cur[i] += dcur[i] * m->rhs[md->node[i]];
    }
}

void fixed_sync_dt(nrn_model *m)
{
    if (m->dt != m->dt_synced) {
        m->cj = m->secondorder ? 2.0 / m->dt : 1.0 / m->dt;
        m->dt_synced = m->dt;
    }
}

int nrn_finitialize(nrn_model *m, double v)
{
    int rc = model_compile(m);
    if (rc)
        return rc;
    m->t = 0;
    m->nsteps = 0;
    replica_reset(m);
    lag_reset(m);
    m->cj = m->secondorder ? 2.0 / m->dt : 1.0 / m->dt;
    m->dt_synced = m->dt;
    if ((rc = ev_init(m)) || (rc = ev_deliver(m, 0)))
        return rc;
    if (!isnan(v))
        for (int i = 0; i < m->nnode; i++)
            m->v[i] = v;
    nrn_mech_ctx c = ev_ctx(m, 0);
    if (m->ba_mask)
        ba_run(m, NRN_BA_BEFORE_INITIAL, &c);
    for (int k = 0; k < m->ntype; k++) {
        struct mtype *mt = &m->types[m->exec[k]];
        if (mt->d->init && mt->md.n)
            mt->d->init(&c, &mt->md);
    }
    netcon_init(m);
    if (m->ba_mask)
        ba_run(m, NRN_BA_AFTER_INITIAL, &c);
    if ((rc = ev_deliver(m, 0)))
        return rc;
    /* Assigned values (ina, gna, IClamp.i) get their t = 0 values before recording. */
    fixed_setup_matrix(m, 0);
    if (m->ba_mask)
        ba_run(m, NRN_BA_BEFORE_STEP, &c);
    if (m->ev_err && (rc = ev_deliver(m, 0)))
        return rc;
    cvode_finitialize(m);
    record_reset(m);
    return m->rec_every > 0 ? record_due(m, 0) : record_sample(m);
}

/* 1 if node k has a non-finite v and belongs to replica rep (always, without replicas),
** and is live (every node when live is NULL). */
static int nan_node(const nrn_model *m, int k, int rep, const char *live)
{
    return !isfinite(m->v[k]) && (m->rep_nsec <= 0 || m->sec_of_node[k] / m->rep_nsec == rep) &&
           (!live || live[k]);
}

/*
** The node from i on where v and a mechanism variable are both not finite (a mechanism's own
** variables before the ions'; the lowest node among them), with the variable's path in buf
** ("m_hh", "ic.i"); -1 when there is none. One pass over the instances.
*/
static int nan_origin(nrn_model *m, int i, int rep, const char *live, char *buf, size_t size)
{
    int best = -1;
    for (int pass = 0; pass < 2 && best < 0; pass++)
        for (int k = 0; k < m->ntype; k++) {
            const nrn_mech_type *d = m->types[k].d;
            const nrn_mech_data *md = &m->types[k].md;
            if ((d->kind == NRN_ION) != (pass == 1) || md->node == NULL)
                continue;
            for (int q = 0; q < md->n; q++) {
                int nd = md->node[q], var = 0;
                if (nd < i || (best >= 0 && nd >= best) || nd >= m->nnode || !nan_node(m, nd, rep, live))
                    continue;
                while (var < d->nvar && isfinite(md->col[var][q]))
                    var++;
                if (var == d->nvar)
                    continue;
                best = nd;
                if (md->obj && md->obj[q] >= 0 && md->obj[q] < m->npp && m->pps[md->obj[q]])
                    snprintf(buf, size, "%s.%s", m->pps[md->obj[q]]->name, d->vars[var].name);
                else if (d->kind == NRN_ION)
                    snprintf(buf, size, "%s", d->vars[var].name);
                else
                    snprintf(buf, size, "%s_%s", d->vars[var].name, d->name);
            }
        }
    return best;
}

/*
** Why v of node i (the first that is not finite) is not finite, in one line: the segment,
** the first mechanism variable that is not finite there, and the likeliest cause: a
** segment without area (a zero diameter), a temperature no rate function survives, or
** else a dt too large.
*/
void fixed_nan_message(nrn_model *m, int i, char *buf, size_t size)
{
    fixed_nan_message_live(m, i, NULL, buf, size);
}

void fixed_nan_message_live(nrn_model *m, int i, const char *live, char *buf, size_t size)
{
    char var[128], what[192], why[96];
    /* Within a step the solve spreads a NaN over the whole cell: name the node where a
    ** mechanism variable is not finite, else a segment's node rather than a root's. */
    int rep = m->rep_nsec > 0 ? m->sec_of_node[i] / m->rep_nsec : 0;
    int k = nan_origin(m, i, rep, live, var, sizeof var), has_var = k >= 0;
    if (has_var)
        i = k;
    for (k = m->ncell > i ? m->ncell : i; !has_var && i < m->ncell && k < m->nnode; k++)
        if (nan_node(m, k, rep, live))
            i = k;
    int sidx = m->sec_of_node[i];
    const struct section *s = m->secs[sidx];
    const char *name = m->nrep > 1 && m->rep_nsec > 0 ? m->secs[sidx % m->rep_nsec]->name
                                                       : s->name;
    int j = (i - s->node0) / s->nstride;
    double x = 0;
    if (j >= 0 && j < s->nseg) {
        x = (j + 0.5) / s->nseg;
        if (s->childend == 1)
            x = 1 - x;
    }
    what[0] = '\0';
    if (has_var)
        snprintf(what, sizeof what, "; %s is not finite there", var);
    if (!(m->area[i] > 0) || !isfinite(m->area[i]))
        snprintf(why, sizeof why, "its area is %g um2: a zero or bad diameter?", m->area[i]);
    else if (!(m->celsius <= 100 && m->celsius >= -273.15))
        snprintf(why, sizeof why, "celsius is %g", m->celsius);
    else
        snprintf(why, sizeof why, "dt %g ms too large?", m->dt);
    snprintf(buf, size, "%s(%g).v became %s at t = %g ms%s (%s)", name, x,
             isnan(m->v[i]) ? "nan" : m->v[i] > 0 ? "inf" : "-inf", m->t, what, why);
}

/* One fixed step (nrn_fadvance without CVODE). */
static int fixed_step(nrn_model *m)
{
    int rc;
    if (!m->compiled && (rc = model_compile(m)))
        return rc;
    fixed_sync_dt(m);
    double dt = m->dt;
    /* most steps of most models have no sources or no events due: skip the calls */
    if (m->npre && (rc = ev_check_thresholds(m)))
        return rc;
    if (m->watching)
        watch_check(m);
    if ((m->nheap || m->ev_err) && (rc = ev_deliver(m, m->t + .5 * dt)))
        return rc;
    /* A sample due within the first half step is taken before it, at t (spec 6.1). */
    if (m->rec_every > 0 && (rc = record_due(m, m->t + dt / 2)))
        return rc;
    m->t += .5 * dt;
    if (m->nplay)
        ev_play_continuous(m, m->t);
    int nonfinite;
    if (cable_fusable(m)) { /* one chain: currents, solve and states in two sweeps */
        nonfinite = cable_step(m, m->t, m->t + .5 * dt);
        m->t += .5 * dt;
    } else if (units_fusable(m)) { /* a tree in units: the same, tile by tile */
        nonfinite = units_step(m, m->t, m->t + .5 * dt);
        m->t += .5 * dt;
    } else if (m->nblock && blocks_fusable(m)) { /* interleaved cells: tile by tile */
        nonfinite = blocks_step(m, m->t, m->t + .5 * dt);
        m->t += .5 * dt;
    } else {
        if (m->solve_chain) { /* the axial terms come with the elimination */
            nrn_mech_ctx c = ev_ctx(m, m->t);
            matrix_currents(m, &c);
        } else {
            fixed_setup_matrix(m, m->t);
        }
        nonfinite = solve_update(m);
        if (m->secondorder == 2)
            second_order_cur(m);
        m->t += .5 * dt;
        if (m->nplay)
            ev_play_continuous(m, m->t);
        nrn_mech_ctx c = ev_ctx(m, m->t);
        for (int k = 0; k < m->nstate; k++) {
            struct mtype *mt = &m->types[m->statelist[k]];
            mt->d->state(&c, &mt->md);
        }
    }
    int n = m->nnode;
    const double *v = m->v;
    /* NEURON's nonvint: the longitudinal diffusion after all the states */
    if (m->ldifusing) {
        nrn_mech_ctx c = ev_ctx(m, m->t);
        if ((rc = ldifus_step(m, &c)))
            return rc;
    }
    if (m->ba_mask) {
        nrn_mech_ctx c = ev_ctx(m, m->t);
        ba_run(m, NRN_BA_AFTER_SOLVE, &c);
        ba_run(m, NRN_BA_BEFORE_STEP, &c);
    }
    m->nsteps++;
    for (int i = 0; nonfinite && i < n; i++)
        if (!isfinite(v[i])) {
            char msg[512];
            if (m->nrep > 1 && m->rep_nsec > 0 && m->sec_of_node[i] / m->rep_nsec < m->nrep &&
                m->rep_err[m->sec_of_node[i] / m->rep_nsec])
                continue; /* that replica failed already */
            fixed_nan_message(m, i, msg, sizeof msg);
            if (m->nrep > 1) { /* only that replica fails (replica.c) */
                replica_fail(m, m->sec_of_node[i], msg);
                continue;
            }
            return model_err(m, NRN_ENUMERIC, "%s", msg);
        }
    rc = m->rec_every > 0 ? record_due(m, m->t) : record_sample(m);
    if (rc == NRN_OK && (m->nheap || m->ev_err))
        rc = ev_deliver(m, m->t);
    return rc;
}

int nrn_fadvance(nrn_model *m)
{
    /* no call into cvode.c while CVODE was never set up (m->cv NULL) */
    return m->cv && cvode_active(m) ? cvode_fadvance(m) : fixed_step(m);
}

int fixed_nsteps(nrn_model *m, long n)
{
    int rc;
    for (long i = 0; i < n;) {
        int did = 0; /* several steps of interleaved cells at once (blocks_multi.c), or one */
        if (m->nblock && (rc = blocks_multi(m, HUGE_VAL, n - i, &did)))
            return rc;
        if (!did && (rc = nrn_fadvance(m)))
            return rc;
        i += did ? did : 1;
        if (m->cancel && *m->cancel)
            return model_err(m, NRN_ECANCELED, "cancelled at t = %g", m->t);
    }
    return NRN_OK;
}

/* "N steps" for a message: the count, or "endless" when it does not fit a double. */
static const char *steps_text(char *buf, size_t size, double n)
{
    if (isfinite(n))
        snprintf(buf, size, "%.3g steps", n);
    else
        snprintf(buf, size, "an endless number of steps");
    return buf;
}

/*
** Refuses a run from t to tstop that would not end in useful time: more than
** NRN_MAX_STEPS steps, a dt that no longer moves t, or a record interval under half a
** step (each step would add rows that repeat the values of the step before).
*/
static int check_steps(nrn_model *m, double tstop)
{
    char buf[64];
    double dt = m->dt, steps = (tstop - m->t) / dt;
    if (steps > NRN_MAX_STEPS)
        return model_err(m, NRN_EINVAL,
                         "dt %g ms from t = %g to %g ms is %s, more than the limit of %.0e "
                         "(dt too small?)", dt, m->t, tstop, steps_text(buf, sizeof buf, steps),
                         NRN_MAX_STEPS);
    if (steps > 0 && !(m->t + .5 * dt > m->t))
        return model_err(m, NRN_EINVAL, "dt %g ms is too small to advance t = %g", dt, m->t);
    if (steps > 0 && m->rec_every > 0 && m->rec_every < .5 * dt)
        return model_err(m, NRN_EINVAL,
                         "record interval %g ms is under half of dt %g ms: its rows would "
                         "repeat values (use an interval >= dt)", m->rec_every, dt);
    return NRN_OK;
}

int nrn_continuerun(nrn_model *m, double tstop)
{
    if (!isfinite(tstop))
        return model_err(m, NRN_EINVAL, "tstop must be finite");
    if (cvode_active(m))
        return cvode_continuerun(m, tstop);
    int rc = check_steps(m, tstop);
    if (rc)
        return rc;
    if (nrn_par_nthread(m) > 1 && m->nrep <= 1 && thr_usable(m)) /* pc nthread: threads.c */
        return thr_continuerun(m, tstop);
    double ts = tstop - m->dt / 2;
    record_reserve(m, tstop);
    while (m->t < ts) {
        int did = 0;
        /* (a window's steps are those of the loop below with one step per round) */
        if (m->nblock && m->nstep_steprun == 1 && (rc = blocks_multi(m, ts, LONG_MAX, &did)))
            return rc;
        if (did) { /* several steps of interleaved cells at once */
            if (m->cancel && *m->cancel)
                return model_err(m, NRN_ECANCELED, "cancelled at t = %g", m->t);
            continue;
        }
        for (int i = 0; i < m->nstep_steprun; i++) {
            rc = nrn_fadvance(m);
            if (rc)
                return rc;
            if (m->cancel && *m->cancel)
                return model_err(m, NRN_ECANCELED, "cancelled at t = %g", m->t);
        }
    }
    return NRN_OK;
}

/* x in the fewest digits that read back as x (buf: 32 bytes). */
static const char *exact_text(char *buf, double x)
{
    for (int digits = 1; digits <= 17; digits++)
        if (snprintf(buf, 32, "%.*g", digits, x) > 0 && strtod(buf, NULL) == x)
            break;
    return buf;
}

/*
** stdrun's setdt: make dt an integer fraction of 1/steps_per_ms (the steps between two
** plot points), and say so when that changes dt, as NEURON prints "Changed dt". Checks
** the run to tstop with the new dt first; on an error nothing changed.
*/
static int setdt(nrn_model *m)
{
    char buf[64];
    double Dt = 1 / m->steps_per_ms, q = Dt / m->dt, old = m->dt;
    if (!(q <= NRN_MAX_STEPS)) /* beyond this (int) would overflow */
        return model_err(m, NRN_EINVAL,
                         "steps_per_ms %g with dt %g ms is %s between plot points, more than "
                         "the limit of %.0e (steps_per_ms or dt too small?)", m->steps_per_ms,
                         m->dt, steps_text(buf, sizeof buf, q), NRN_MAX_STEPS);
    int nstep = (int)q;
    if (nstep == 0)
        nstep = 1;
    double dt = fabs(m->dt * nstep * m->steps_per_ms - 1) > 1e-6 ? Dt / nstep : m->dt;
    double steps = m->tstop / dt;
    if (dt != old && steps > NRN_MAX_STEPS)
        return model_err(m, NRN_EINVAL,
                         "steps_per_ms %g makes dt %g ms: to tstop %g ms is %s, more than the "
                         "limit of %.0e (steps_per_ms too large?)", m->steps_per_ms, dt, m->tstop,
                         steps_text(buf, sizeof buf, steps), NRN_MAX_STEPS);
    m->nstep_steprun = nstep;
    m->dt = dt;
    if (dt != old && m->notice_fn) {
        char msg[200], a[32], b[32];
        snprintf(msg, sizeof msg,
                 "dt %s ms changed to %s ms: run takes an integer number of steps per "
                 "1/steps_per_ms = %g ms", exact_text(a, old), exact_text(b, dt), Dt);
        m->notice_fn(m->notice_ud, m, msg);
    }
    return NRN_OK;
}

int nrn_run(nrn_model *m)
{
    /* the whole run is checked before anything changes */
    double t = m->t;
    m->t = 0;
    int rc = check_steps(m, m->tstop);
    m->t = t;
    if (rc || (rc = setdt(m)))
        return rc;
    rc = nrn_finitialize(m, m->v_init);
    return rc ? rc : nrn_continuerun(m, m->tstop);
}
