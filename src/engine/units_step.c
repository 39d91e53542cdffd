/*
** units_step.c: the fixed step of cells laid out in units (interleave.c's tail units: a
** branched tree, its sections of one depth interleaved SOLVE_W at a time), in two sweeps.
**
** The separate passes walk every array of the whole tree about ten times a step. Here the
** step goes over tiles (consecutive units, a few hundred nodes) twice, while a tile's
** nodes and instances are in the cache:
**
** - backward, tiles from the last: zero the tile's rhs and d, every type's cur on the
**   instances at its nodes (type order), the capacitance and axial terms of its rows, then
**   the elimination of its nodes;
** - forward, tiles from the first (the roots): the back substitution with the v update and
**   its finite check, then every type's state on the instances at its nodes.
**
** Every row receives the operations of the passes in their order (what NEURON's nrn_rhs,
** nrn_lhs and triang do to it): its mechanisms' currents, its capacitance, its own axial
** term, its children's terms by increasing node, then its children folded in, highest first.
** A child in a later tile (the first node of a section whose parent section lies in an
** earlier tile) has its row finished in its own tile, but its term in its parent's row and
** its fold into it wait for the parent's tile, which adds them after the tile's own axial
** terms and before its own elimination: its children there all have lower numbers than the
** children in later tiles. A state update reads only its own node's new v.
**
** That holds for the types that say so (nrn_mech_type.inst_local) whose instances come tile
** by tile, and when nothing runs between the passes (no BEFORE/AFTER blocks, no continuous
** plays, secondorder < 2), with no interleaved cells (blocks) before the units; otherwise
** fixed.c runs the passes. A type's instances at a tile are a view of its data
** (mech_view), made once per compile.
*/
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "nrn_int.h"
#include "solve_node.h"

/* Nodes per tile, at least (whole units): enough instances per kernel call for its vector
** loops, few enough that a tile's arrays stay in L1 (measured on the depth-9 tree: 32 is
** slower, 64 to 512 alike). */
#define TILE_MIN 128

/* GCC on x86-64: the rows also in values of 8 lanes, taken where the processor has AVX-512 */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define UNITS_W8 1
#endif

struct tile {
    int lo, hi;             /* its nodes */
    int k0, k1;             /* its units (tile 0 also holds the roots, nodes [0, ncell)) */
    int e0, e1;             /* its nodes' children in later tiles: edge[e0..e1), increasing */
    int o0, o1;             /* the same as edge_ops: ops[o0..o1) */
};

/* The terms and folds of a tile's children in later tiles (its edges), grouped: SOLVE_W
** children whose parents are SOLVE_W consecutive nodes from p (n SOLVE_W; a binary tree's
** first nodes of two units, into a unit's last row) go as one vector of the parents' rows
** and gathers from the children's, the others (n 1: child ch[0]) one by one. In op order
** each parent gets its children in increasing order (its first children, then its second
** ones, ...): the axial terms go forward, the folds backward. */
struct edge_op {
    int p, n;
    int ch[SOLVE_W];
};

struct units_plan {
    long gen;               /* m->gen it was made for */
    int fused;              /* 0: the sweeps do not apply */
    int w8;                 /* 1: the rows in values of 8 lanes (AVX-512) */
    int ntile;
    struct tile *tiles;
    int *edge;
    struct edge_op *ops;
    char *uin;              /* per unit: 1 if some lane's parent is in the unit's tile */
    int ncur, nstate;
    nrn_mech_data *cur;     /* [t * ncur + k]: curlist[k]'s instances in tile t */
    nrn_mech_data *state;   /* [t * nstate + k]: statelist[k]'s */
    void **pool;            /* the views' pointer arrays */
};

void units_step_free(nrn_model *m)
{
    struct units_plan *p = m->uplan;
    if (!p)
        return;
    free(p->tiles), free(p->edge), free(p->ops), free(p->uin), free(p->cur), free(p->state), free(p->pool), free(p);
    m->uplan = NULL;
}

/* 1 if type t's cur and state may run tile by tile: it says so, and its instances come in
** tiles of non-decreasing number (within a tile, any order: one call keeps it). */
static int type_ok(const nrn_model *m, int t, const int *tile_of)
{
    const nrn_mech_data *md = &m->types[t].md;
    if (!mech_splittable(m, t))
        return 0;
    for (int i = 1; i < md->n; i++)
        if (tile_of[md->node[i]] < tile_of[md->node[i - 1]])
            return 0;
    return 1;
}

/* The views of the types of list (n of them) for every tile into out. */
static void views(const nrn_model *m, const struct units_plan *p, const int *tile_of,
                  const int *list, int n, nrn_mech_data *out, void ***pool)
{
    for (int k = 0; k < n; k++) {
        const nrn_mech_data *md = &m->types[list[k]].md;
        int i0 = 0;
        for (int t = 0; t < p->ntile; t++) {
            int i1 = i0;
            while (i1 < md->n && tile_of[md->node[i1]] == t)
                i1++;
            out[t * n + k] = mech_view(m, list[k], i0, i1, pool);
            i0 = i1;
        }
    }
}

/* The tiles and the edges between them; tile_of: each node's tile. */
static int make_tiles(nrn_model *m, struct units_plan *p, int *tile_of)
{
    int nt = 0;
    p->tiles = calloc((size_t)m->nunit + 1, sizeof *p->tiles);
    p->edge = calloc((size_t)m->nnode + 1, sizeof *p->edge);
    p->uin = calloc((size_t)m->nunit + 1, 1);
    if (!p->tiles || !p->edge || !p->uin)
        return NRN_ENOMEM;
    for (int k = 0; k < m->nunit;) {
        struct tile *t = &p->tiles[nt++];
        t->lo = nt == 1 ? 0 : m->units[k].lo;
        t->k0 = k;
        while (k < m->nunit && (k == t->k0 || m->units[k - 1].hi - t->lo < TILE_MIN))
            k++;
        t->k1 = k;
        t->hi = m->units[k - 1].hi;
        for (int i = t->lo; i < t->hi; i++)
            tile_of[i] = nt - 1;
        for (int j = t->k0; j < t->k1; j++)
            for (int c = 0; c < SOLVE_W; c++)
                p->uin[j] |= m->units[j].lanepar[c] >= t->lo;
    }
    p->ntile = nt;
    /* counting sort of the cross-tile children by their parent's tile, increasing within */
    for (int i = m->ncell; i < m->nnode; i++) {
        int tp = tile_of[m->parent[i]];
        if (tp != tile_of[i])
            p->tiles[tp].e1++;
    }
    for (int t = 0, e = 0; t < nt; t++) {
        p->tiles[t].e0 = e;
        e += p->tiles[t].e1;
        p->tiles[t].e1 = p->tiles[t].e0;
    }
    for (int i = m->ncell; i < m->nnode; i++) {
        int tp = tile_of[m->parent[i]];
        if (tp != tile_of[i])
            p->edge[p->tiles[tp].e1++] = i;
    }
    return NRN_OK;
}

/* An edge as edge_ops sorts them: its rank (its parent's k-th child in the tile's edges),
** its parent, its child. */
struct rpc {
    int k, p, c;
};

static int rpc_cmp(const void *x, const void *y)
{
    const struct rpc *u = x, *w = y;
    if (u->k != w->k)
        return (u->k > w->k) - (u->k < w->k);
    return (u->p > w->p) - (u->p < w->p);
}

/* The tiles' edge_ops from their edges: rank by rank, runs of SOLVE_W edges on consecutive
** parents make a vector op. (No parent appears twice in one rank.) */
static int edge_ops(nrn_model *m, struct units_plan *p)
{
    int ne = p->tiles[p->ntile - 1].e1;
    int *rank = calloc((size_t)m->nnode + 1, sizeof *rank);
    struct rpc *r = malloc(((size_t)ne + 1) * sizeof *r);
    p->ops = malloc(((size_t)ne + 1) * sizeof *p->ops);
    if (!rank || !r || !p->ops) {
        free(rank), free(r);
        return NRN_ENOMEM;
    }
    int no = 0;
    for (int ti = 0; ti < p->ntile; ti++) {
        struct tile *t = &p->tiles[ti];
        int n = t->e1 - t->e0;
        for (int e = t->e0; e < t->e1; e++) {
            int q = m->parent[p->edge[e]];
            r[e - t->e0] = (struct rpc){ rank[q]++, q, p->edge[e] };
        }
        qsort(r, (size_t)n, sizeof *r, rpc_cmp);
        t->o0 = no;
        for (int i = 0; i < n;) {
            struct edge_op *o = &p->ops[no++];
            int run = 1;
            while (run < SOLVE_W && i + run < n && r[i + run].k == r[i].k &&
                   r[i + run].p == r[i].p + run)
                run++;
            o->p = r[i].p;
            o->n = run == SOLVE_W ? SOLVE_W : 1;
            for (int c = 0; c < o->n; c++)
                o->ch[c] = r[i + c].c;
            i += o->n;
        }
        t->o1 = no;
    }
    free(rank), free(r);
    return NRN_OK;
}

/* 1 if the units are what the sweeps assume: right after the roots, one after the other
** to the last node. */
static int units_cover(const nrn_model *m)
{
    if (m->nblock || m->nunit < 1 || m->units[0].lo != m->ncell ||
        m->units[m->nunit - 1].hi != m->nnode)
        return 0;
    for (int k = 1; k < m->nunit; k++)
        if (m->units[k].lo != m->units[k - 1].hi)
            return 0;
    return 1;
}

/* The plan for the compiled model: NRN_OK (p->fused 0 when the sweeps do not apply) or
** NRN_ENOMEM (no plan: the step runs the passes). */
static int plan(nrn_model *m)
{
    units_step_free(m);
    struct units_plan *p = calloc(1, sizeof *p);
    if (!p)
        return NRN_ENOMEM;
    m->uplan = p;
    p->gen = m->gen;
    if (!units_cover(m))
        return NRN_OK;
    int *tile_of = malloc(sizeof(int) * (size_t)(m->nnode + 1));
    if (!tile_of || make_tiles(m, p, tile_of) != NRN_OK || edge_ops(m, p) != NRN_OK) {
        free(tile_of);
        units_step_free(m);
        return NRN_ENOMEM;
    }
    /* in one tile the sweeps are the passes, with more calls */
    int fused = p->ntile > 1;
    for (int k = 0; k < m->ncur && fused; k++)
        fused = type_ok(m, m->curlist[k], tile_of);
    for (int k = 0; k < m->nstate && fused; k++)
        fused = type_ok(m, m->statelist[k], tile_of);
    if (!fused) {
        free(tile_of);
        return NRN_OK;
    }
    size_t nptr = 0, nt = (size_t)p->ntile;
    for (int k = 0; k < m->ncur; k++)
        nptr += mech_view_ptrs(m, m->curlist[k]);
    for (int k = 0; k < m->nstate; k++)
        nptr += mech_view_ptrs(m, m->statelist[k]);
    p->cur = calloc(nt * (size_t)(m->ncur + 1), sizeof *p->cur);
    p->state = calloc(nt * (size_t)(m->nstate + 1), sizeof *p->state);
    p->pool = calloc(nptr * nt + 1, sizeof *p->pool);
    if (!p->cur || !p->state || !p->pool) {
        free(tile_of);
        units_step_free(m);
        return NRN_ENOMEM;
    }
    void **pool = p->pool;
    views(m, p, tile_of, m->curlist, m->ncur, p->cur, &pool);
    views(m, p, tile_of, m->statelist, m->nstate, p->state, &pool);
    free(tile_of);
    p->ncur = m->ncur;
    p->nstate = m->nstate;
#ifdef UNITS_W8
    __builtin_cpu_init();
    p->w8 = __builtin_cpu_supports("x86-64-v4");
#endif
    p->fused = 1;
    return NRN_OK;
}

int units_fusable(nrn_model *m)
{
    if (!m->nunit || m->solve_chain || step_needs_passes(m))
        return 0;
    if ((!m->uplan || m->uplan->gen != m->gen) && plan(m) != NRN_OK)
        return 0;
    return m->uplan->fused;
}

int units_vector_edges(nrn_model *m)
{
    if (!units_fusable(m))
        return 0;
    const struct units_plan *p = m->uplan;
    int n = 0;
    for (int o = 0; o < p->tiles[p->ntile - 1].o1; o++)
        n += p->ops[o].n > 1;
    return n;
}

void units_narrow(nrn_model *m)
{
    if (units_fusable(m))
        m->uplan->w8 = 0;
}

/* The rows and the back substitution of a tile (units_lanes.h), in values of 8 lanes where
** the processor has AVX-512 (GCC, x86-64), else of 4 (one AVX2 register, two SSE2 ones). */
#define GATHER4(x, q) (x)[(q)[0]], (x)[(q)[1]], (x)[(q)[2]], (x)[(q)[3]]
#define UL_W 4
#define UL(name) name##_w4
#define UL_GATHER(x, q) ((lanes){ GATHER4(x, q) })
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define UL_ATTR __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define UL_ATTR
#endif
#include "units_lanes.h"
#undef UL_W
#undef UL
#undef UL_GATHER
#undef UL_ATTR
#ifdef UNITS_W8
#define UL_W 8
#define UL(name) name##_w8
#define UL_GATHER(x, q) ((lanes){ GATHER4(x, q), GATHER4(x, (q) + 4) })
#define UL_ATTR __attribute__((target("arch=x86-64-v4")))
#include "units_lanes.h"
#undef UL_W
#undef UL
#undef UL_GATHER
#undef UL_ATTR
#endif

int units_step(nrn_model *m, double t_mid, double t_new)
{
    struct units_plan *p = m->uplan;
    int ncur = p->ncur, nstate = p->nstate;
    double cfac = .001 * m->cj, k2 = m->secondorder ? 2. : 1.;
    nrn_mech_ctx c = ev_ctx(m, t_mid);
    for (int ti = p->ntile - 1; ti >= 0; ti--) {
        const struct tile *t = &p->tiles[ti];
        memset(m->rhs + t->lo, 0, sizeof(double) * (size_t)(t->hi - t->lo));
        memset(m->d + t->lo, 0, sizeof(double) * (size_t)(t->hi - t->lo));
        nrn_mech_data *w = p->cur + ti * ncur;
        for (int k = 0; k < ncur; k++)
            if (w[k].n)
                m->types[m->curlist[k]].d->cur(&c, &w[k]);
#ifdef UNITS_W8
        if (p->w8)
            tile_rows_w8(m, p, t, cfac);
        else
#endif
            tile_rows_w4(m, p, t, cfac);
    }
    c = ev_ctx(m, t_new);
    int bad = 0;
    for (int ti = 0; ti < p->ntile; ti++) {
#ifdef UNITS_W8
        if (p->w8)
            bad |= tile_update_w8(m, &p->tiles[ti], k2);
        else
#endif
            bad |= tile_update_w4(m, &p->tiles[ti], k2);
        nrn_mech_data *w = p->state + ti * nstate;
        for (int k = 0; k < nstate; k++)
            if (w[k].n)
                m->types[m->statelist[k]].d->state(&c, &w[k]);
    }
    return bad;
}
