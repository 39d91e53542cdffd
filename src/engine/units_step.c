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

/* LW lanes of an interleaved row as one value (GCC's generic vectors: one AVX2 register,
** two SSE2 ones), so that a lane's row goes down its section in registers: no row is read
** back from memory right after its lanes were written apart. A unit's SOLVE_W lanes go as
** SOLVE_W / LW such values. Every operation is the scalar one, lane by lane. (Eight lanes
** in one AVX-512 register would need the AVX2 build to split them through the stack.) */
#define LW 4
typedef double lanes __attribute__((vector_size(LW * sizeof(double))));
/* the same, for loads and stores at any double's address */
typedef double lanes_at __attribute__((vector_size(LW * sizeof(double)), aligned(8),
                                       may_alias));
#define LD(p) (*(const lanes_at *)(p))
#define ST(p, x) (*(lanes_at *)(p) = (x))
/* x[q[c]] for every lane c */
_Static_assert(LW == 4 && SOLVE_W % LW == 0, "GATHER lists LW lanes");
#define GATHER(x, q) ((lanes){ (x)[(q)[0]], (x)[(q)[1]], (x)[(q)[2]], (x)[(q)[3]] })

struct tile {
    int lo, hi;             /* its nodes */
    int k0, k1;             /* its units (tile 0 also holds the roots, nodes [0, ncell)) */
    int e0, e1;             /* its nodes' children in later tiles: edge[e0..e1), increasing */
};

struct units_plan {
    long gen;               /* m->gen it was made for */
    int fused;              /* 0: the sweeps do not apply */
    int ntile;
    struct tile *tiles;
    int *edge;
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
    free(p->tiles), free(p->edge), free(p->cur), free(p->state), free(p->pool), free(p);
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
    if (!p->tiles || !p->edge)
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
    if (!tile_of || make_tiles(m, p, tile_of) != NRN_OK) {
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

/* Node i's axial operations on its own row (its parent's row gets its term later). */
static inline void axial_own(struct axial_arrays x, int i, int p, double cfac)
{
    double dv = x.v[p] - x.v[i];
    x.rhs[i] -= x.b[i] * dv;
    double dd = x.d[i] + cfac * x.cm[i];
    x.d[i] = dd - x.b[i];
}

/* Node i's term in its parent p's row. */
static inline void axial_up(struct axial_arrays x, int i, int p)
{
    double dv = x.v[p] - x.v[i];
    x.rhs[p] += x.a[i] * dv;
    x.d[p] -= x.a[i];
}

/* The rows of tile t after its currents: capacitance and axial terms, then the elimination
** of its nodes, children in later tiles first. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#endif
static void tile_rows(nrn_model *m, const struct units_plan *p, const struct tile *t,
                      double cfac)
{
    struct axial_arrays x = { m->rhs, m->d, m->v, m->a, m->b, m->cm };
    double *restrict rhs = m->rhs, *restrict d = m->d;
    const double *restrict a = m->a, *restrict b = m->b;
    const int *parent = m->parent;
    int lo = t->lo;
    if (lo == 0)
        for (int i = 0; i < m->ncell; i++)
            d[i] += cfac * m->cm[i];
    for (int k = t->k0; k < t->k1; k++) {
        const struct tail_unit *u = &m->units[k];
        if (!u->nseg) {
            for (int i = u->lo; i < u->hi; i++) {
                int q = parent[i];
                if (q >= lo)
                    axial_node(x, i, q, 1, cfac);
                else
                    axial_own(x, i, q, cfac);
            }
            continue;
        }
        /* axial_node down the lanes: a row's own term, then its next row's term in it */
        for (int h = 0; h < SOLVE_W; h += LW) {
            int i0 = u->lo + h;
            lanes vi = LD(x.v + i0), dv = GATHER(x.v, u->lanepar + h) - vi;
            lanes r = LD(x.rhs + i0) - LD(x.b + i0) * dv;
            lanes dd = (LD(x.d + i0) + cfac * LD(x.cm + i0)) - LD(x.b + i0);
            for (int j = 1; j <= u->nseg; j++, i0 += SOLVE_W) {
                int i1 = i0 + SOLVE_W;
                lanes vc = LD(x.v + i1), ai = LD(x.a + i1), bi = LD(x.b + i1);
                dv = vi - vc;
                ST(x.rhs + i0, r + ai * dv);
                ST(x.d + i0, dd - ai);
                r = LD(x.rhs + i1) - bi * dv;
                dd = (LD(x.d + i1) + cfac * LD(x.cm + i1)) - bi;
                vi = vc;
            }
            ST(x.rhs + i0, r);
            ST(x.d + i0, dd);
        }
        /* the first nodes' terms in their parents' rows one by one: siblings share one */
        for (int c = 0; c < SOLVE_W; c++)
            if (u->lanepar[c] >= lo)
                axial_up(x, u->lo + c, u->lanepar[c]);
    }
    const int *edge = p->edge;
    for (int e = t->e0; e < t->e1; e++)
        axial_up(x, edge[e], parent[edge[e]]);
    for (int e = t->e1 - 1; e >= t->e0; e--)
        elim_node(rhs, d, a, b, edge[e], parent[edge[e]]);
    for (int k = t->k1 - 1; k >= t->k0; k--) {
        const struct tail_unit *u = &m->units[k];
        if (!u->nseg) {
            for (int i = u->hi - 1; i >= u->lo; i--)
                if (parent[i] >= lo)
                    elim_node(rhs, d, a, b, i, parent[i]);
            continue;
        }
        /* elim_node up the lanes, the row folded in kept in registers; then the first row
        ** into the parents, its division as a vector, siblings the last first as NEURON */
        double fb[SOLVE_W], fr[SOLVE_W];
        for (int h = 0; h < SOLVE_W; h += LW) {
            int i0 = u->lo + u->nseg * SOLVE_W + h;
            lanes dd = LD(d + i0), rr = LD(rhs + i0);
            for (int j = u->nseg; j >= 1; j--, i0 -= SOLVE_W) {
                lanes f = LD(a + i0) / dd;
                dd = LD(d + i0 - SOLVE_W) - f * LD(b + i0);
                rr = LD(rhs + i0 - SOLVE_W) - f * rr;
                ST(d + i0 - SOLVE_W, dd);
                ST(rhs + i0 - SOLVE_W, rr);
            }
            lanes f = LD(a + i0) / dd;
            ST(fb + h, f * LD(b + i0));
            ST(fr + h, f * rr);
        }
        for (int c = SOLVE_W - 1; c >= 0; c--)
            if (u->lanepar[c] >= lo) {
                d[u->lanepar[c]] -= fb[c];
                rhs[u->lanepar[c]] -= fr[c];
            }
    }
}

/* The back substitution and v update of tile t (the roots' too in tile 0); 1 if some v is
** no longer finite. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#endif
static int tile_update(nrn_model *m, const struct tile *t, double k2)
{
    double *restrict rhs = m->rhs, *restrict v = m->v;
    const double *restrict d = m->d, *restrict b = m->b;
    const int *parent = m->parent;
    int bad = 0;
    lanes nonfinite = { 0 };
    if (t->lo == 0)
        for (int i = 0; i < m->ncell; i++) {
            rhs[i] /= d[i];
            v[i] += k2 * rhs[i];
            bad |= !(fabs(v[i]) <= DBL_MAX);
        }
    for (int k = t->k0; k < t->k1; k++) {
        const struct tail_unit *u = &m->units[k];
        if (!u->nseg) {
            for (int i = u->lo; i < u->hi; i++)
                bad |= update_node(rhs, v, d, b, i, parent[i], k2);
            continue;
        }
        /* update_node down the lanes, the parent row's change kept in registers */
        for (int h = 0; h < SOLVE_W; h += LW) {
            lanes prev = GATHER(rhs, u->lanepar + h);
            for (int i0 = u->lo + h; i0 < u->hi; i0 += SOLVE_W) {
                lanes r = LD(rhs + i0) - LD(b + i0) * prev;
                r /= LD(d + i0);
                ST(rhs + i0, r);
                lanes vv = LD(v + i0) + k2 * r;
                ST(v + i0, vv);
                nonfinite += vv - vv; /* 0 while finite, then NaN */
                prev = r;
            }
        }
    }
    for (int c = 0; c < LW; c++)
        bad |= nonfinite[c] != nonfinite[c];
    return bad;
}

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
        tile_rows(m, p, t, cfac);
    }
    c = ev_ctx(m, t_new);
    int bad = 0;
    for (int ti = 0; ti < p->ntile; ti++) {
        bad |= tile_update(m, &p->tiles[ti], k2);
        nrn_mech_data *w = p->state + ti * nstate;
        for (int k = 0; k < nstate; k++)
            if (w[k].n)
                m->types[m->statelist[k]].d->state(&c, &w[k]);
    }
    return bad;
}
