/*
** interleave.c: the node layout for many cells of one shape (networks of identical cells).
**
** NEURON numbers the roots of all cells, then the sections breadth first. Cells do not share
** a number in the step's arithmetic, so any numbering that keeps each cell's own nodes in
** NEURON's relative order gives the same results bit for bit. Here SOLVE_W consecutive cells
** of identical shape (same sections in the same order, same nseg, same attachments) get their
** nodes interleaved: local node j of the group's cell c is node base + j * SOLVE_W + c. Node
** j of the SOLVE_W cells is then one vector, and so is its parent, so the axial terms, the
** elimination and the back substitution run over the cells with plain vector loads and
** stores (fixed.c), where one cell alone is a chain of dependent divisions.
**
** Roots keep their numbers; the cells that fill no group follow the groups in NEURON's
** relative order. A section's nodes are then node0 + j * nstride (sec_node); std_node
** keeps NEURON's order for what depends on it beyond a cell (CVODE's state vector, whose
** norms sum over all cells).
*/
#include <stdlib.h>
#include <string.h>
#include "nrn_int.h"

void interleave_free(nrn_model *m)
{
    for (int b = 0; b < m->nblock; b++)
        free(m->blocks[b].lpar);
    free(m->blocks), free(m->std_node), free(m->units);
    m->blocks = NULL;
    m->units = NULL;
    m->nunit = 0;
    m->std_node = NULL;
    m->nblock = 0;
    m->block_end = m->ncell;
}

/* Working arrays: each cell's non-root nodes in order (CSR), each node's place in its cell. */
struct cells {
    int *cell_of_sec, *start, *nodes, *loc;
};

/* The local parent of node i (-1: the cell's root). */
static int lparent(const nrn_model *m, const struct cells *c, int i)
{
    int p = m->parent[i];
    return p < m->ncell ? -1 : c->loc[p];
}

/* 1 if cells x and y have the same shape, node for node. */
static int same_shape(const nrn_model *m, const struct cells *c, int x, int y)
{
    int len = c->start[x + 1] - c->start[x];
    if (c->start[y + 1] - c->start[y] != len)
        return 0;
    for (int q = 0; q < len; q++) {
        int i = c->nodes[c->start[x] + q], k = c->nodes[c->start[y] + q];
        const struct section *si = m->secs[m->sec_of_node[i]], *sk = m->secs[m->sec_of_node[k]];
        if (lparent(m, c, i) != lparent(m, c, k) || si->nseg != sk->nseg ||
            i - si->node0 != k - sk->node0)
            return 0;
    }
    return 1;
}

/* Moves the n entries of x to their new places (tmp: room for n doubles). */
static void permute(double *x, const int *newidx, int n, double *tmp)
{
    for (int i = 0; i < n; i++)
        tmp[newidx[i]] = x[i];
    memcpy(x, tmp, sizeof(double) * (size_t)n);
}

/*
** Numbers the nodes of the cells in no block, from next on, in units (struct tail_unit):
** SOLVE_W sections of one nseg that follow each other in tree order are interleaved (the
** depths of a branched tree), the others keep NEURON's relative order. Within a cell this
** keeps what the step's arithmetic needs: a node after its parent, a node's next node in its
** section before the sections attached to it, and sections attached to one node in NEURON's
** order. Sets m->units only when some sections are interleaved.
*/
static int tail_units(nrn_model *m, const int *order, const struct cells *c, const char *grouped,
                      int *newidx, int next)
{
    int nts = 0, ngroup = 0;
    int *ts = model_alloc(m, sizeof(int) * (size_t)(m->nsec + 1));
    int *depth = model_alloc(m, sizeof(int) * (size_t)(m->nsec + 1));
    m->units = model_alloc(m, sizeof *m->units * (size_t)(m->nsec + 1));
    if (!ts || !depth || !m->units) {
        free(ts), free(depth);
        return NRN_ENOMEM;
    }
    for (int k = 0; k < m->nsec; k++) {
        const struct section *s = m->secs[order[k]];
        depth[order[k]] = k < m->ncell ? 0 : depth[s->parent] + 1;
        if (!grouped[c->cell_of_sec[order[k]]])
            ts[nts++] = order[k];
    }
    for (int k = 0; k < nts;) {
        const struct section *s = m->secs[ts[k]];
        int g = 1;
        /* one depth: no section of the group is attached to another */
        while (g < SOLVE_W && k + g < nts && m->secs[ts[k + g]]->nseg == s->nseg &&
               depth[ts[k + g]] == depth[ts[k]])
            g++;
        struct tail_unit *u = &m->units[m->nunit];
        if (g == SOLVE_W) {
            u->lo = next, u->nseg = s->nseg, u->hi = next + (s->nseg + 1) * SOLVE_W;
            for (int ci = 0; ci < SOLVE_W; ci++) {
                const struct section *sc = m->secs[ts[k + ci]];
                for (int j = 0; j <= sc->nseg; j++)
                    newidx[sc->node0 + j] = next + j * SOLVE_W + ci;
            }
            next = u->hi;
            m->nunit++, ngroup++;
            k += SOLVE_W;
            continue;
        }
        if (m->nunit == 0 || m->units[m->nunit - 1].nseg || m->units[m->nunit - 1].hi != next)
            u->lo = next, u->nseg = 0, m->nunit++;
        else
            u--;
        for (int j = 0; j <= s->nseg; j++)
            newidx[s->node0 + j] = next++;
        u->hi = next;
        k++;
    }
    /* the parents of the sections' first nodes, in the new numbers */
    for (int k = 0, q = 0; k < m->nunit; k++) {
        struct tail_unit *u = &m->units[k];
        if (!u->nseg) {
            while (q < nts && newidx[m->secs[ts[q]]->node0] < u->hi)
                q++;
            continue;
        }
        for (int ci = 0; ci < SOLVE_W; ci++, q++) {
            int p = m->secs[ts[q]]->pnode;
            u->lanepar[ci] = p < m->ncell ? p : newidx[p];
        }
    }
    free(ts), free(depth);
    if (ngroup == 0) {
        free(m->units);
        m->units = NULL;
        m->nunit = 0;
    }
    return NRN_OK;
}

/* The cells' node lists (c), the groups (m->blocks) and every node's new number (newidx);
** nothing of the model changes yet. */
static int regroup(nrn_model *m, const int *order, struct cells *c, char *grouped, int *newidx)
{
    int n = m->nnode, ncell = m->ncell;
    for (int k = 0; k < m->nsec; k++) {
        const struct section *s = m->secs[order[k]];
        c->cell_of_sec[order[k]] = k < ncell ? k : c->cell_of_sec[s->parent];
    }
    for (int i = ncell; i < n; i++)
        c->start[c->cell_of_sec[m->sec_of_node[i]] + 1]++;
    for (int k = 0; k < ncell; k++)
        c->start[k + 1] += c->start[k];
    for (int i = ncell; i < n; i++) {
        int k = c->cell_of_sec[m->sec_of_node[i]];
        c->loc[i] = newidx[k]++; /* newidx[0..ncell) counts until the numbering below */
        c->nodes[c->start[k] + c->loc[i]] = i;
    }
    /* the groups: SOLVE_W consecutive cells of one shape */
    int nblock = 0;
    for (int k = 0; k < ncell;) {
        int g = k + 1;
        while (g < ncell && g - k < SOLVE_W && same_shape(m, c, k, g))
            g++;
        if (g - k == SOLVE_W) {
            memset(grouped + k, 1, SOLVE_W);
            nblock++;
        }
        k = g;
    }
    m->blocks = model_alloc(m, sizeof *m->blocks * (size_t)(nblock + 1));
    if (!m->blocks)
        return NRN_ENOMEM;
    for (int i = 0; i < ncell; i++)
        newidx[i] = i;
    int next = ncell;
    for (int k = 0; k < ncell; k++) {
        if (!grouped[k])
            continue;
        /* the first cell of a group: groups are SOLVE_W cells from where grouping began */
        struct solve_block *bl = &m->blocks[m->nblock];
        int len = c->start[k + 1] - c->start[k];
        if (!(bl->lpar = model_alloc(m, sizeof(int) * (size_t)(len + 1))))
            return NRN_ENOMEM;
        m->nblock++;
        bl->base = next, bl->len = len, bl->root0 = k;
        for (int q = 0; q < len; q++)
            bl->lpar[q] = lparent(m, c, c->nodes[c->start[k] + q]);
        for (int ci = 0; ci < SOLVE_W; ci++)
            for (int q = 0; q < len; q++)
                newidx[c->nodes[c->start[k + ci] + q]] = next + q * SOLVE_W + ci;
        next += len * SOLVE_W;
        k += SOLVE_W - 1;
    }
    m->block_end = next;
    for (int k = 0; k < m->nblock; k++) {
        struct solve_block *bl = &m->blocks[k], *o;
        bl->nsame = 1;
        while (k + bl->nsame < m->nblock && bl->nsame < SOLVE_LOCK &&
               (o = bl + bl->nsame)->len == bl->len &&
               o->base == bl->base + bl->nsame * bl->len * SOLVE_W &&
               o->root0 == bl->root0 + bl->nsame * SOLVE_W &&
               !memcmp(o->lpar, bl->lpar, sizeof(int) * (size_t)bl->len))
            bl->nsame++;
    }
    return tail_units(m, order, c, grouped, newidx, next);
}

/* Renumbers nodes, sections and node arrays by newidx (tmp: room for n doubles). */
static void renumber(nrn_model *m, const int *newidx, double *tmp, int *itmp)
{
    int n = m->nnode;
    double *arrays[] = { m->v, m->area, m->rinv, m->cm, m->a, m->b, m->diam };
    for (size_t k = 0; k < sizeof arrays / sizeof *arrays; k++)
        if (arrays[k])
            permute(arrays[k], newidx, n, tmp);
    for (int i = 0; i < n; i++)
        itmp[newidx[i]] = m->sec_of_node[i];
    memcpy(m->sec_of_node, itmp, sizeof(int) * (size_t)n);
    for (int i = 0; i < n; i++)
        itmp[newidx[i]] = m->parent[i] < 0 ? -1 : newidx[m->parent[i]];
    memcpy(m->parent, itmp, sizeof(int) * (size_t)n);
    for (int i = 0; i < m->nsec; i++) {
        struct section *s = m->secs[i];
        int j1 = s->nseg > 0 ? newidx[s->node0 + 1] : 0;
        s->node0 = newidx[s->node0];
        s->nstride = s->nseg > 0 ? j1 - s->node0 : 1;
        s->pnode = newidx[s->pnode];
    }
    for (int i = 0; i < n; i++)
        m->std_node[i] = newidx[i];
}

/*
** Interleaves groups of identical cells (compile.c calls it once the nodes, their areas and
** axial coefficients are in NEURON's order, before the mechanisms are laid out). Returns
** NRN_OK (also when nothing is grouped) or NRN_ENOMEM.
*/
int interleave_nodes(nrn_model *m, const int *order)
{
    interleave_free(m);
    int n = m->nnode, ncell = m->ncell;
    if (n <= ncell)
        return NRN_OK;
    struct cells c;
    c.cell_of_sec = model_alloc(m, sizeof(int) * (size_t)(m->nsec + 1));
    c.start = model_alloc(m, sizeof(int) * (size_t)(ncell + 1));
    c.nodes = model_alloc(m, sizeof(int) * (size_t)(n + 1));
    c.loc = model_alloc(m, sizeof(int) * (size_t)(n + 1));
    char *grouped = model_alloc(m, (size_t)ncell);
    int *newidx = model_alloc(m, sizeof(int) * (size_t)(n + 1));
    int *itmp = model_alloc(m, sizeof(int) * (size_t)(n + 1));
    double *tmp = model_alloc(m, sizeof(double) * (size_t)(n + 1));
    int rc = NRN_ENOMEM;
    if (c.cell_of_sec && c.start && c.nodes && c.loc && grouped && newidx && itmp && tmp &&
        (rc = regroup(m, order, &c, grouped, newidx)) == NRN_OK && (m->nblock || m->nunit)) {
        if ((m->std_node = model_alloc(m, sizeof(int) * (size_t)(n + 1))))
            renumber(m, newidx, tmp, itmp);
        else
            rc = NRN_ENOMEM;
    }
    free(c.cell_of_sec), free(c.start), free(c.nodes), free(c.loc);
    free(grouped), free(newidx), free(itmp), free(tmp);
    if (rc)
        interleave_free(m);
    return rc;
}
