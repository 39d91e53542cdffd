/*
** blocks_step.c: the fixed step of the interleaved cells (interleave.c's blocks) tile by
** tile, so that each cell's data stays in the first-level cache for the whole step.
**
** The passes of fixed.c walk all cells' arrays once per pass (zero, each type's cur, the
** axial terms, the elimination, the back substitution, each type's state): with thousands
** of cells that is a trip to the second- or third-level cache per pass. Cells share no
** arithmetic, so the step may instead run every pass on a few blocks (a tile), then on the
** next: zero the tile's rows, every type's cur on the tile's instances (type order), the
** capacitance of its roots and its axial terms, the elimination, the roots' solve, the back
** substitution with the v update, every type's state. The nodes outside the blocks (the
** cells that fill no block) run the same passes by themselves, before or after the tiles.
**
** Every node receives the same operations in the same order as in the passes: its own
** mechanisms' contributions (type order; a point process's instances at one node in
** instance order), its capacitance, its axial terms. That holds for the types that say so
** (nrn_mech_type.inst_local) and when nothing runs between the passes (no BEFORE/AFTER
** blocks, no continuous plays, secondorder < 2): cable_fusable's conditions.
**
** A type's instances at a tile's nodes are one or more runs of consecutive instances (a
** density type's instances follow the cells; a point process's follow NEURON's node order,
** so those at two depths of a cell make two runs); each run is a view of the type's data
** (cable.c's mech_view), made once per compile, so the kernels run unchanged. A kernel may
** leave a GLOBAL with its last instance's value (a TABLE's minf_hh), so the order of the
** tiles and the rest is chosen to end the calls of every type that computes a GLOBAL at its
** last instance, else the passes run.
*/
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "nrn_int.h"

/* Bytes of node and instance data per tile: the tiles stay in a 48 KB first-level cache. */
#ifndef TILE_BYTES
#define TILE_BYTES (24 * 1024)
#endif

/* One kernel call: fn on the view w (whose nodes are [nlo, nhi]). */
struct tile_call {
    nrn_mech_fn fn;
    nrn_mech_data w;
    int nlo, nhi;
};

struct tile_plan {
    long gen;           /* m->gen it was made for */
    int fused;          /* 0: the passes run */
    int ntile;          /* tile k: blocks [blk[k], blk[k + 1]); the rest is tile ntile */
    int rest_last;      /* 1: the rest after the tiles, 0: before */
    int *blk;
    int *cur0, *state0; /* tile k's calls: cur[cur0[k] .. cur0[k + 1]), state alike */
    struct tile_call *cur, *state;
    int *rr0, *rr;      /* tile k's roots: [rr[2q], rr[2q + 1]) for rr0[k] <= q < rr0[k + 1] */
    char *single;       /* 1: tile k's cells are one node each (single_solve) */
    int nrest_root, *rest_root; /* the roots of the cells in no block */
    int *tile_of_node;  /* each node's tile (ntile: the rest); blocks_multi.c reads it too */
    void **pool;        /* the views' column and ion-instance pointer arrays */
    double *gscratch;   /* every view's g (below) */
    char conc[NRN_MAX_TYPES]; /* 1: an ion type whose concentrations the step reads */
};

void blocks_step_free(nrn_model *m)
{
    struct tile_plan *p = m->tiles;
    if (!p)
        return;
    free(p->blk), free(p->cur0), free(p->state0), free(p->cur), free(p->state);
    free(p->rr0), free(p->rr), free(p->single), free(p->rest_root), free(p->pool), free(p->gscratch);
    free(p->tile_of_node);
    free(p);
    m->tiles = NULL;
}

/* Bytes a step touches per instance of type t, and per node. */
static size_t inst_bytes(const nrn_model *m, int t)
{
    const nrn_mech_type *d = m->types[t].d;
    return sizeof(double) * (size_t)d->nvar + sizeof(int) * (size_t)(1 + d->nion);
}
#define NODE_BYTES (6 * sizeof(double))

/* The end of the run of md's instances from i0 on whose nodes are in one tile (*tile). */
static int run_end(const nrn_mech_data *md, const int *tile_of_node, int i0, int *tile)
{
    int i1 = i0 + 1;
    *tile = tile_of_node[md->node[i0]];
    while (i1 < md->n && tile_of_node[md->node[i1]] == *tile)
        i1++;
    return i1;
}

/* 1 if blocks [k0, k1) hold cells of one compartment (a section with nseg 1: a root, the
** segment's node, the section's end), their roots one range. */
static int tile_single(const nrn_model *m, int k0, int k1)
{
    const struct solve_block *b0 = &m->blocks[k0];
    for (int k = k0; k < k1; k++) {
        const struct solve_block *bl = &m->blocks[k];
        if (bl->len != 2 || bl->lpar[0] >= 0 || bl->lpar[1] != 0 ||
            bl->root0 != b0->root0 + (k - k0) * SOLVE_W)
            return 0;
    }
    return 1;
}

/* The tiles (whole lockstep groups of blocks, about TILE_BYTES each; p->blk) and the tile of
** each node (tile_of_node: p->ntile for the nodes in no block). */
static int make_tiles(nrn_model *m, struct tile_plan *p, int *tile_of_node)
{
    size_t *bytes = calloc((size_t)m->nblock + 1, sizeof *bytes);
    p->blk = malloc(sizeof(int) * (size_t)(m->nblock + 2));
    if (!bytes || !p->blk) {
        free(bytes);
        return NRN_ENOMEM;
    }
    /* first the block of each node (-1: none) and each block's bytes */
    for (int i = 0; i < m->nnode; i++)
        tile_of_node[i] = -1;
    for (int k = 0; k < m->nblock; k++) {
        const struct solve_block *bl = &m->blocks[k];
        for (int c = 0; c < SOLVE_W; c++)
            tile_of_node[bl->root0 + c] = k;
        for (int i = bl->base; i < bl->base + bl->len * SOLVE_W; i++)
            tile_of_node[i] = k;
        bytes[k] = NODE_BYTES * (size_t)(bl->len + 1) * SOLVE_W;
    }
    for (int t = 0; t < m->ntype; t++) {
        const nrn_mech_data *md = &m->types[t].md;
        if (md->n && md->node && (m->types[t].d->cur || m->types[t].d->state))
            for (int i = 0; i < md->n; i++)
                if (md->node[i] >= 0 && md->node[i] < m->nnode && tile_of_node[md->node[i]] >= 0)
                    bytes[tile_of_node[md->node[i]]] += inst_bytes(m, t);
    }
    size_t sum = 0;
    p->ntile = 0;
    for (int k = 0; k < m->nblock; k += m->blocks[k].nsame) {
        if (sum == 0)
            p->blk[p->ntile++] = k;
        for (int u = 0; u < m->blocks[k].nsame; u++)
            sum += bytes[k + u];
        if (sum >= TILE_BYTES)
            sum = 0;
    }
    p->blk[p->ntile] = m->nblock;
    p->rr0 = malloc(sizeof(int) * (size_t)(p->ntile + 1));
    p->rr = malloc(sizeof(int) * 2 * (size_t)(m->nblock + 1));
    if (!p->rr0 || !p->rr) {
        free(bytes);
        return NRN_ENOMEM;
    }
    int q = 0; /* the roots of consecutive blocks of a tile make one range */
    for (int t = 0; t < p->ntile; t++) {
        p->rr0[t] = q;
        for (int k = p->blk[t]; k < p->blk[t + 1]; k++) {
            int r = m->blocks[k].root0;
            if (q > p->rr0[t] && p->rr[2 * q - 1] == r)
                p->rr[2 * q - 1] += SOLVE_W;
            else
                p->rr[2 * q] = r, p->rr[2 * q + 1] = r + SOLVE_W, q++;
        }
    }
    p->rr0[p->ntile] = q;
    if (!(p->single = malloc((size_t)p->ntile + 1))) {
        free(bytes);
        return NRN_ENOMEM;
    }
    for (int t = 0; t < p->ntile; t++)
        p->single[t] = tile_single(m, p->blk[t], p->blk[t + 1]);
    for (int t = 0; t < p->ntile; t++) /* bytes[k] becomes block k's tile */
        for (int k = p->blk[t]; k < p->blk[t + 1]; k++)
            bytes[k] = (size_t)t;
    for (int i = 0; i < m->nnode; i++)
        tile_of_node[i] = tile_of_node[i] < 0 ? p->ntile : (int)bytes[tile_of_node[i]];
    free(bytes);
    return NRN_OK;
}

/* 1 if type t may run tile by tile: it says so, it has no POINTERs, every instance has a
** node; and if it computes GLOBALs (an ASSIGNED GLOBAL: a TABLE's minf_hh, which keeps the
** value of the last instance computed), its last call (the rest last or first: rest_last)
** ends at its last instance. */
static int type_ok(const nrn_model *m, int t, const int *tile_of_node, int ntile, int rest_last)
{
    const struct mtype *mt = &m->types[t];
    const nrn_mech_data *md = &mt->md;
    if (!mech_splittable(m, t))
        return 0;
    int maxtile = -1, rest = 0;
    for (int i = 0; i < md->n; i++) {
        int k = tile_of_node[md->node[i]];
        if (k == ntile)
            rest = 1;
        else if (k > maxtile)
            maxtile = k;
    }
    int computes = 0;
    for (int g = 0; g < mt->d->nglobal; g++)
        computes |= mt->d->globals[g].assigned;
    int last = rest_last ? (rest ? ntile : maxtile) : (maxtile >= 0 ? maxtile : ntile);
    return !computes || md->n == 0 || last == tile_of_node[md->node[md->n - 1]];
}

/* The calls of list (n types; state or cur) by tile into *call and start (ntile + 2). */
static int make_calls(nrn_model *m, const int *list, int n, int is_state, const int *tile_of_node,
                      int ntile, int **start, struct tile_call **call, void ***pool)
{
    int *next = calloc((size_t)ntile + 3, sizeof *next);
    *start = next;
    if (!next)
        return NRN_ENOMEM;
    int total = 0, tile;
    for (int k = 0; k < n; k++) {
        const nrn_mech_data *md = &m->types[list[k]].md;
        for (int i0 = 0; i0 < md->n; total++) {
            i0 = run_end(md, tile_of_node, i0, &tile);
            next[tile + 2]++;
        }
    }
    if (!(*call = calloc((size_t)total + 1, sizeof **call)))
        return NRN_ENOMEM;
    for (int k = 0; k <= ntile; k++) /* next[k + 1]: where tile k's calls begin */
        next[k + 2] += next[k + 1];
    for (int k = 0; k < n; k++) {
        const nrn_mech_type *d = m->types[list[k]].d;
        const nrn_mech_data *md = &m->types[list[k]].md;
        for (int i0 = 0, i1; i0 < md->n; i0 = i1) {
            i1 = run_end(md, tile_of_node, i0, &tile);
            struct tile_call *c = &(*call)[next[tile + 1]++];
            c->fn = is_state ? d->state : d->cur;
            c->w = mech_view(m, list[k], i0, i1, pool);
            c->nlo = c->nhi = md->node[i0];
            for (int i = i0 + 1; i < i1; i++) {
                c->nlo = md->node[i] < c->nlo ? md->node[i] : c->nlo;
                c->nhi = md->node[i] > c->nhi ? md->node[i] : c->nhi;
            }
        }
    }
    /* next[k] now is where tile k's calls begin, next[ntile + 1] where the rest's end */
    return NRN_OK;
}

/* p->conc: the ion types whose concentrations a type reads or writes, or whose e follows
** them every step (only a prefetch: a style changed since is slower, not wrong). */
static void conc_read(const nrn_model *m, struct tile_plan *p)
{
    for (int t = 0; t < m->ntype; t++) {
        const nrn_mech_type *d = m->types[t].d;
        const nrn_mech_data *md = &m->types[t].md;
        for (int k = 0; md->n && k < d->nion; k++)
            if (d->ions[k].flags & (NRN_ION_READ_CONC | NRN_ION_WRITE_CONC) && md->ion[k])
                p->conc[md->ion[k]->type] = 1;
        for (int i = 0; md->style && i < md->n; i++)
            if (md->style[i] & NRN_STYLE_EADVANCE)
                p->conc[t] = 1;
    }
}

/*
** md->g is scratch that nothing reads after a kernel's call (nrn_mech.h): the views all write
** theirs into one small array, which stays in the first-level cache, instead of a stream
** per type through memory (16 bytes a cell and step, and as much read for ownership, with
** hh and a stimulus).
*/
static int share_g(struct tile_plan *p)
{
    int n = 1, ncall[2] = { p->cur0[p->ntile + 1], p->state0[p->ntile + 1] };
    struct tile_call *calls[2] = { p->cur, p->state };
    for (int l = 0; l < 2; l++)
        for (int k = 0; k < ncall[l]; k++)
            n = calls[l][k].w.n > n ? calls[l][k].w.n : n;
    if (!(p->gscratch = calloc((size_t)n, sizeof(double))))
        return NRN_ENOMEM;
    for (int l = 0; l < 2; l++)
        for (int k = 0; k < ncall[l]; k++)
            if (calls[l][k].w.g)
                calls[l][k].w.g = p->gscratch;
    return NRN_OK;
}

/* The pointers the views of list need (n types). */
static size_t pool_size(const nrn_model *m, const int *list, int n, const int *tile_of_node)
{
    size_t sz = 0;
    int tile;
    for (int k = 0; k < n; k++) {
        const nrn_mech_data *md = &m->types[list[k]].md;
        for (int i0 = 0; i0 < md->n; i0 = run_end(md, tile_of_node, i0, &tile))
            sz += mech_view_ptrs(m, list[k]);
    }
    return sz;
}

/* The plan for the compiled model: NRN_OK (p->fused 0 when the tiles do not apply) or
** NRN_ENOMEM (no plan: the step runs the passes). */
static int plan(nrn_model *m)
{
    blocks_step_free(m);
    struct tile_plan *p = calloc(1, sizeof *p);
    if (!p)
        return NRN_ENOMEM;
    m->tiles = p;
    p->gen = m->gen;
    if (!m->nblock)
        return NRN_OK;
    int *tile_of_node = p->tile_of_node = malloc(sizeof(int) * (size_t)(m->nnode + 1));
    int rc = tile_of_node ? make_tiles(m, p, tile_of_node) : NRN_ENOMEM;
    int ok[2] = { rc == NRN_OK, rc == NRN_OK }; /* rest first, rest last */
    for (int r = 0; r < 2; r++) {
        for (int k = 0; k < m->ncur && ok[r]; k++)
            ok[r] = type_ok(m, m->curlist[k], tile_of_node, p->ntile, r);
        for (int k = 0; k < m->nstate && ok[r]; k++)
            ok[r] = type_ok(m, m->statelist[k], tile_of_node, p->ntile, r);
    }
    if (rc || (!ok[0] && !ok[1])) {
        if (rc)
            blocks_step_free(m);
        return rc;
    }
    p->rest_last = ok[1];
    size_t nptr = pool_size(m, m->curlist, m->ncur, tile_of_node) +
                  pool_size(m, m->statelist, m->nstate, tile_of_node);
    p->rest_root = malloc(sizeof(int) * (size_t)(m->ncell + 1));
    if (!(p->pool = calloc(nptr + 1, sizeof *p->pool)) || !p->rest_root)
        rc = NRN_ENOMEM;
    void **pool = p->pool;
    if (rc == NRN_OK)
        rc = make_calls(m, m->curlist, m->ncur, 0, tile_of_node, p->ntile, &p->cur0, &p->cur,
                        &pool);
    if (rc == NRN_OK)
        rc = make_calls(m, m->statelist, m->nstate, 1, tile_of_node, p->ntile, &p->state0,
                        &p->state, &pool);
    if (rc == NRN_OK)
        rc = share_g(p);
    conc_read(m, p);
    for (int i = 0; rc == NRN_OK && i < m->ncell; i++)
        if (tile_of_node[i] == p->ntile)
            p->rest_root[p->nrest_root++] = i;
    if (rc) {
        blocks_step_free(m);
        return rc;
    }
    p->fused = 1;
    return NRN_OK;
}

int blocks_fusable(nrn_model *m)
{
    if (!m->nblock || m->solve_chain || step_needs_passes(m))
        return 0;
    if ((!m->tiles || m->tiles->gen != m->gen) && plan(m) != NRN_OK)
        return 0;
    return m->tiles->fused;
}

int blocks_ntile(const nrn_model *m)
{
    return m->tiles ? m->tiles->ntile : 0;
}

/* Calls [lo, hi) of a list. */
static void run_calls(const nrn_mech_ctx *c, struct tile_call *call, int lo, int hi)
{
    for (int k = lo; k < hi; k++)
        call[k].fn(c, &call[k].w);
}

/* Root r's row after its mechanisms' currents: its capacitance. */
static inline void root_cap(nrn_model *m, int r, double cfac)
{
    m->d[r] += cfac * m->cm[r];
}

/* Root r's solve and v update; 1 if v is no longer finite. */
static inline int root_update(nrn_model *m, int r, double k)
{
    m->rhs[r] /= m->d[r];
    m->v[r] += k * m->rhs[r];
    return !(fabs(m->v[r]) <= DBL_MAX);
}

/* Asks the processor to bring the bytes [p, p + bytes) into its second-level cache. */
static inline void prefetch(const void *p, size_t bytes)
{
    const char *c = p;
    for (size_t o = 0; o < bytes; o += 64)
        __builtin_prefetch(c + o, 0, 2);
}

/* The data of calls [lo, hi) of a list: their columns (an ion's concentrations only where
** the step reads them), nodes and ion instances, and for a point process its nodes' mfact. */
static void prefetch_calls(const nrn_model *m, const struct tile_plan *p,
                           const struct tile_call *call, int lo, int hi)
{
    for (int k = lo; k < hi; k++) {
        const nrn_mech_data *w = &call[k].w;
        const nrn_mech_type *d = m->types[w->type].d;
        size_t n = (size_t)w->n;
        if (d->kind == NRN_POINT)
            prefetch(m->mfact + call[k].nlo, sizeof(double) * (size_t)(call[k].nhi -
                                                                      call[k].nlo + 1));
        if (w->style)
            prefetch(w->style, n * sizeof(int));
        for (int c = 0; c < d->nvar; c++)
            if (!w->style || p->conc[w->type] || (c != ION_CI && c != ION_CO))
                prefetch(w->col[c], n * sizeof(double));
        prefetch(w->node, n * sizeof(int));
        for (int c = 0; c < d->nion; c++)
            prefetch(w->ion_inst[c], n * sizeof(int));
    }
}

/*
** Tile t's data on their way to the second-level cache while the tile before it runs: the
** step reads some forty arrays at once, more streams than the processor's own prefetcher
** follows, so without this a model larger than that cache waits for each of them.
*/
static void prefetch_tile(const nrn_model *m, const struct tile_plan *p, int t)
{
    if (t >= p->ntile)
        return;
    const struct solve_block *b0 = &m->blocks[p->blk[t]], *b1 = &m->blocks[p->blk[t + 1] - 1];
    int lo = b0->base, hi = b1->base + b1->len * SOLVE_W;
    /* the roots' a and b (the last two) are no terms of the step */
    const double *arrays[] = { m->v, m->rhs, m->d, m->cm, m->a, m->b };
    for (size_t k = 0; k < sizeof arrays / sizeof *arrays; k++) {
        prefetch(arrays[k] + lo, sizeof(double) * (size_t)(hi - lo));
        for (int q = p->rr0[t]; q < p->rr0[t + 1] && k < 4; q++)
            prefetch(arrays[k] + p->rr[2 * q], sizeof(double) * (size_t)(p->rr[2 * q + 1] -
                                                                        p->rr[2 * q]));
    }
    prefetch_calls(m, p, p->cur, p->cur0[t], p->cur0[t + 1]);
    prefetch_calls(m, p, p->state, p->state0[t], p->state0[t + 1]);
}

/*
** The solve of blocks [k0, k1) of one-compartment cells (tile_single): blocks_solve's
** operations on each cell in their order (the root's capacitance; the segment's capacitance
** and axial terms, then the end's; the end folded into the segment, the segment into the
** root; the root's solve and v update, the segment's, the end's), but the whole cell at once
** in registers: blocks_solve's five passes over lockstep groups of 32 such cells cost more
** in loop control than in arithmetic. Returns 1 if some v is no longer finite.
*/
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#endif
static int single_solve(nrn_model *m, int k0, int k1, double cfac, double k2)
{
    double *restrict rhs = m->rhs, *restrict d = m->d, *restrict v = m->v;
    const double *restrict a = m->a, *restrict b = m->b, *restrict cm = m->cm;
    /* 0 while every v is finite, then NaN; lane by lane (GCC's reduction of an omp simd
    ** loop goes through memory, a stall per block) */
    double nonfinite[SOLVE_W] = { 0 }, bad = 0;
    for (int k = k0; k < k1; k++) {
        int r0 = m->blocks[k].root0, s0 = m->blocks[k].base, e0 = s0 + SOLVE_W;
#pragma omp simd
        for (int c = 0; c < SOLVE_W; c++) {
            int r = r0 + c, s = s0 + c, e = e0 + c;
            double dr = d[r] + cfac * cm[r];
            double dv = v[r] - v[s];
            double rs = rhs[s] - b[s] * dv, rr = rhs[r] + a[s] * dv;
            double ds = d[s] + cfac * cm[s];
            ds = ds - b[s];
            dr -= a[s];
            dv = v[s] - v[e];
            double re = rhs[e] - b[e] * dv;
            rs += a[e] * dv;
            double de = d[e] + cfac * cm[e];
            de = de - b[e];
            ds -= a[e];
            double f = a[e] / de;
            ds -= f * b[e];
            rs -= f * re;
            f = a[s] / ds;
            dr -= f * b[s];
            rr -= f * rs;
            rr /= dr;
            double vr = v[r] + k2 * rr;
            rs -= b[s] * rr;
            rs /= ds;
            double vs = v[s] + k2 * rs;
            re -= b[e] * rs;
            re /= de;
            double ve = v[e] + k2 * re;
            rhs[r] = rr, d[r] = dr, v[r] = vr;
            rhs[s] = rs, d[s] = ds, v[s] = vs;
            rhs[e] = re, d[e] = de, v[e] = ve;
            nonfinite[c] += (vr - vr) + (vs - vs) + (ve - ve);
        }
    }
    for (int c = 0; c < SOLVE_W; c++)
        bad += nonfinite[c];
    return bad != bad;
}

/* The whole step of the nodes in no block. */
static int rest_step(nrn_model *m, const nrn_mech_ctx *cmid, const nrn_mech_ctx *cnew,
                     double cfac, double k)
{
    struct tile_plan *p = m->tiles;
    int n = m->nnode, lo = m->block_end, bad = 0;
    for (int q = 0; q < p->nrest_root; q++)
        m->rhs[p->rest_root[q]] = m->d[p->rest_root[q]] = 0;
    memset(m->rhs + lo, 0, sizeof(double) * (size_t)(n - lo));
    memset(m->d + lo, 0, sizeof(double) * (size_t)(n - lo));
    run_calls(cmid, p->cur, p->cur0[p->ntile], p->cur0[p->ntile + 1]);
    for (int q = 0; q < p->nrest_root; q++)
        root_cap(m, p->rest_root[q], cfac);
    rest_axial(m, 1, cfac);
    rest_eliminate(m);
    for (int q = 0; q < p->nrest_root; q++)
        bad |= root_update(m, p->rest_root[q], k);
    bad |= rest_update(m, k);
    run_calls(cnew, p->state, p->state0[p->ntile], p->state0[p->ntile + 1]);
    return bad;
}

/* Tile t's step (t == p->ntile: the rest's). */
static inline int tile_step(nrn_model *m, int t, const nrn_mech_ctx *cmid,
                            const nrn_mech_ctx *cnew, double cfac, double k)
{
    struct tile_plan *p = m->tiles;
    if (t == p->ntile)
        return rest_step(m, cmid, cnew, cfac, k);
    int k0 = p->blk[t], k1 = p->blk[t + 1], bad;
    const struct solve_block *b0 = &m->blocks[k0], *b1 = &m->blocks[k1 - 1];
    int lo = b0->base, hi = b1->base + b1->len * SOLVE_W;
    const int *rr = p->rr + 2 * p->rr0[t], nrr = p->rr0[t + 1] - p->rr0[t];
    memset(m->rhs + lo, 0, sizeof(double) * (size_t)(hi - lo));
    memset(m->d + lo, 0, sizeof(double) * (size_t)(hi - lo));
    for (int q = 0; q < nrr; q++) {
        memset(m->rhs + rr[2 * q], 0, sizeof(double) * (size_t)(rr[2 * q + 1] - rr[2 * q]));
        memset(m->d + rr[2 * q], 0, sizeof(double) * (size_t)(rr[2 * q + 1] - rr[2 * q]));
    }
    run_calls(cmid, p->cur, p->cur0[t], p->cur0[t + 1]);
    if (p->single[t])
        bad = single_solve(m, k0, k1, cfac, k);
    else
        bad = blocks_solve(m, k0, k1, cfac, k);
    run_calls(cnew, p->state, p->state0[t], p->state0[t + 1]);
    return bad;
}

int blocks_step(nrn_model *m, double t_mid, double t_new)
{
    struct tile_plan *p = m->tiles;
    double cfac = .001 * m->cj, k = m->secondorder ? 2. : 1.;
    nrn_mech_ctx cmid = ev_ctx(m, t_mid), cnew = ev_ctx(m, t_new);
    int bad = 0, rest = blocks_has_rest(m);
    if (rest && !p->rest_last)
        bad |= rest_step(m, &cmid, &cnew, cfac, k);
    for (int t = 0; t < p->ntile; t++) {
        prefetch_tile(m, p, t + 1);
        bad |= tile_step(m, t, &cmid, &cnew, cfac, k);
    }
    if (rest && p->rest_last)
        bad |= rest_step(m, &cmid, &cnew, cfac, k);
    return bad;
}

int blocks_has_rest(const nrn_model *m)
{
    return m->tiles->nrest_root > 0 || m->block_end < m->nnode;
}

int blocks_rest_last(const nrn_model *m)
{
    return m->tiles->rest_last;
}

int blocks_tile_step(nrn_model *m, int t, const nrn_mech_ctx *cmid, const nrn_mech_ctx *cnew,
                     int prefetch_next)
{
    if (prefetch_next)
        prefetch_tile(m, m->tiles, t + 1);
    return tile_step(m, t, cmid, cnew, .001 * m->cj, m->secondorder ? 2. : 1.);
}

const int *blocks_tile_of_node(const nrn_model *m)
{
    return m->tiles->tile_of_node;
}
