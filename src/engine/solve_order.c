/*
** solve_order.c: the order in which the fixed step's Hines solve visits the nodes.
**
** Walking the nodes from the last to the first (NEURON's order) makes each section one
** chain of dependent divisions: node i needs d[i] final, which needs all of i's children.
** Chains of different sections or cells do not depend on each other, so visiting SOLVE_LANES
** of them in turn, one node each, lets the processor overlap their divisions, where the
** plain order waits for one division after the other.
**
** Any order gives NEURON's numbers bit for bit as long as, for every node, (1) all its
** children come before it and (2) its children come in NEURON's order, highest index
** first (they all subtract from the same d[p] and rhs[p]). The back substitution walks
** the same order backwards (a node after its parent), with no other constraint.
*/
#include <stdlib.h>
#include "nrn_int.h"

/* Chains visited in turn: enough independent divisions to keep the divider busy. */
#define SOLVE_LANES 8

/*
** Builds m->solve_order (the non-root nodes after the interleaved blocks, in elimination
** order, from m->block_end) and m->branch, and sets
** m->solve_natural when it is the plain descending order (one chain: the plain loop is
** used then). Returns NRN_OK or NRN_ENOMEM.
*/
int solve_order_build(nrn_model *m)
{
    /* the nodes of interleaved cells (interleave.c) are solved by blocks: not here */
    int n = m->nnode, lo = m->block_end, len = n - lo;
    const int *parent = m->parent;
    m->solve_natural = 1;
    m->solve_chain = 0;
    free(m->solve_order), free(m->branch);
    m->solve_order = m->branch = NULL;
    m->nbranch = 0;
    if (len <= 0 || m->nunit) /* units: fixed.c walks them in their own order */
        return NRN_OK;
    /* the nodes whose parent is not the node before them (or is a root) */
    int nb = 0;
    for (int i = lo; i < n; i++)
        nb += parent[i] != i - 1 || i == lo;
    if (!(m->branch = model_alloc(m, sizeof(int) * (size_t)nb)))
        return NRN_ENOMEM;
    for (int i = lo; i < n; i++)
        if (parent[i] != i - 1 || i == lo)
            m->branch[m->nbranch++] = i;
    int *order = model_alloc(m, sizeof(int) * (size_t)len);
    int *left = model_alloc(m, sizeof(int) * (size_t)n);     /* children not yet visited */
    int *nextsib = model_alloc(m, sizeof(int) * (size_t)n);  /* next higher sibling, or -1 */
    int *lastchild = model_alloc(m, sizeof(int) * (size_t)n);
    char *done = model_alloc(m, (size_t)n);
    if (!order || !left || !nextsib || !lastchild || !done) {
        free(order), free(left), free(nextsib), free(lastchild), free(done);
        return NRN_ENOMEM;
    }
    for (int i = 0; i < n; i++)
        lastchild[i] = -1;
    for (int i = n - 1; i >= lo; i--) {
        int p = parent[i];
        left[p]++;
        nextsib[i] = lastchild[p];
        lastchild[p] = i;
    }
    /* Runs: maximal stretches where each node's parent is the node before it, taken last
    ** first; a lane walks one run from its end to its start. */
    int lane_cur[SOLVE_LANES], lane_stop[SOLVE_LANES], nout = 0, next_end = n - 1;
    for (int l = 0; l < SOLVE_LANES; l++)
        lane_cur[l] = -1;
    /* Each sweep moves at least the oldest run on: the runs above it are all visited. */
    while (nout < len) {
        for (int l = 0; l < SOLVE_LANES; l++) {
            if (lane_cur[l] < 0 && next_end >= lo) {
                int s = next_end;
                while (s > lo && parent[s] == s - 1)
                    s--;
                lane_cur[l] = next_end;
                lane_stop[l] = s;
                next_end = s - 1;
            }
            int x = lane_cur[l];
            if (x < 0 || left[x] || (nextsib[x] >= 0 && !done[nextsib[x]]))
                continue;
            order[nout++] = x;
            done[x] = 1;
            left[parent[x]]--;
            lane_cur[l] = x > lane_stop[l] ? x - 1 : -1;
        }
    }
    for (int q = 0; q < len; q++)
        if (order[q] != n - 1 - q)
            m->solve_natural = 0;
    free(left), free(nextsib), free(lastchild), free(done);
    m->solve_order = order;
    m->solve_chain = m->ncell == 1 && lo == 1 && m->nblock == 0 && m->nbranch == 1;
    return NRN_OK;
}
