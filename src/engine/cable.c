/*
** cable.c: the fixed step of one cell that is one unbranched chain (an axon), in two sweeps.
**
** The Hines solve of a chain is one serial chain of dependent divisions: the processor waits
** for each, with its other units idle. So the mechanisms' work goes inside the two sweeps,
** chunk by chunk, where it fills those waits:
**
** - backward, chunks from the last node to the root: zero the chunk's rhs and d, run every
**   type's cur on the instances at the chunk's nodes (type order), then complete and fold
**   the chunk's rows as chain_rows does;
** - forward, chunks from the root: the back substitution with the v update, then every
**   type's state on the instances at the chunk's nodes (type order).
**
** The processor overlaps the chain with the kernels only when both are close together in
** the instruction stream: a long stretch of the chain, waiting on its divisions, fills the
** scheduler and nothing after it starts. So the chain of one chunk is cut into pieces of a
** few nodes, one before each kernel call of the next chunk (backward: the rows of chunk
** k + 1 between the cur calls of chunk k; forward: the update of chunk k between the state
** calls of chunk k - 1). Each piece still runs after everything it reads.
**
** Every node receives the same operations in the same order as in the separate passes: a
** node's row is only its own mechanisms' contributions (type order), its capacitance and its
** axial terms, and a state update reads only its own node's new v. That holds for the types
** that say so (nrn_mech_type.inst_local, set by the translator) and whose instances are in
** node order, and when nothing runs between the passes (no BEFORE/AFTER blocks, no continuous
** plays, secondorder < 2); otherwise fixed.c runs the passes and only the axial terms ride in
** the elimination (cable_eliminate).
**
** A type's instances at a chunk's nodes are a view of its data (nrn_mech_data with its
** per-instance arrays offset), made once per compile.
*/
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "nrn_int.h"

/* Nodes per chunk: the fewest with which the vector kernels still run their vector loops
** (measured: 16 beat 32, 64 and 128 on the 1001- and 10001-node axons). */
#define CABLE_CHUNK 16

struct cable_plan {
    long gen;               /* m->gen it was made for */
    int fused;              /* 0: the types do not allow the two sweeps */
    int nchunk;             /* chunk c: nodes [c * CABLE_CHUNK, min(n, (c + 1) * CABLE_CHUNK)) */
    int ncur, nstate;
    nrn_mech_data *cur;     /* [c * ncur + k]: curlist[k]'s instances in chunk c */
    nrn_mech_data *state;   /* [c * nstate + k]: statelist[k]'s */
    void **pool;            /* the views' column and ion-instance pointer arrays */
};

void cable_free(nrn_model *m)
{
    struct cable_plan *p = m->cable;
    if (!p)
        return;
    free(p->cur), free(p->state), free(p->pool), free(p);
    m->cable = NULL;
}

/* 1 if type t's cur and state may run chunk by chunk: it says so, and its instances sit at
** nodes in increasing order. */
static int type_ok(const nrn_model *m, int t)
{
    const struct mtype *mt = &m->types[t];
    const nrn_mech_data *md = &mt->md;
    if (!mt->d->inst_local || !md->node || mt->d->npointer)
        return 0;
    for (int i = 0; i < md->n; i++)
        if (md->node[i] < 0 || md->node[i] >= m->nnode || (i && md->node[i] < md->node[i - 1]))
            return 0;
    return 1;
}

/* The pointers a view of type t needs: its columns and its ion-instance arrays. */
size_t mech_view_ptrs(const nrn_model *m, int t)
{
    return (size_t)m->types[t].d->nvar + (size_t)m->types[t].d->nion;
}

/* md restricted to instances [i0, i1), its arrays from *pool on (blocks_step.c uses it
** too). */
nrn_mech_data mech_view(const nrn_model *m, int t, int i0, int i1, void ***pool)
{
    const nrn_mech_type *d = m->types[t].d;
    const nrn_mech_data *md = &m->types[t].md;
    nrn_mech_data w = *md;
    double **col = (double **)*pool;
    int **ii = (int **)(col + d->nvar);
    *pool += mech_view_ptrs(m, t);
    w.n = i1 - i0;
    w.node = md->node + i0;
    for (int k = 0; k < d->nvar; k++)
        col[k] = md->col[k] + i0;
    w.col = col;
    for (int k = 0; k < d->nion; k++)
        ii[k] = md->ion_inst[k] + i0;
    w.ion_inst = d->nion ? ii : md->ion_inst;
    if (md->g)
        w.g = md->g + i0;
    if (md->obj)
        w.obj = md->obj + i0;
    if (md->style)
        w.style = md->style + i0;
    w.ptr = NULL;
    return w;
}

/* The views of the types of list (n of them) for every chunk into out. */
static void views(const nrn_model *m, const int *list, int n, int nchunk, nrn_mech_data *out,
                  void ***pool)
{
    for (int k = 0; k < n; k++) {
        const nrn_mech_data *md = &m->types[list[k]].md;
        int i0 = 0;
        for (int c = 0; c < nchunk; c++) {
            int hi = c == nchunk - 1 ? m->nnode : (c + 1) * CABLE_CHUNK, i1 = i0;
            while (i1 < md->n && md->node[i1] < hi)
                i1++;
            out[c * n + k] = mech_view(m, list[k], i0, i1, pool);
            i0 = i1;
        }
    }
}

/* The plan for the compiled model: NRN_OK (p->fused 0 when the sweeps do not apply) or
** NRN_ENOMEM (no plan: the step runs the passes). */
static int plan(nrn_model *m)
{
    cable_free(m);
    struct cable_plan *p = calloc(1, sizeof *p);
    if (!p)
        return NRN_ENOMEM;
    m->cable = p;
    p->gen = m->gen;
    /* in one chunk the sweeps are the passes, with more calls */
    int fused = m->nnode > CABLE_CHUNK;
    for (int k = 0; k < m->ncur && fused; k++)
        fused = type_ok(m, m->curlist[k]);
    for (int k = 0; k < m->nstate && fused; k++)
        fused = type_ok(m, m->statelist[k]);
    if (!fused)
        return NRN_OK;
    int nchunk = (m->nnode + CABLE_CHUNK - 1) / CABLE_CHUNK;
    size_t nptr = 0;
    for (int k = 0; k < m->ncur; k++)
        nptr += mech_view_ptrs(m, m->curlist[k]);
    for (int k = 0; k < m->nstate; k++)
        nptr += mech_view_ptrs(m, m->statelist[k]);
    p->cur = calloc((size_t)nchunk * (size_t)(m->ncur + 1), sizeof *p->cur);
    p->state = calloc((size_t)nchunk * (size_t)(m->nstate + 1), sizeof *p->state);
    p->pool = calloc(nptr * (size_t)nchunk + 1, sizeof *p->pool);
    if (!p->cur || !p->state || !p->pool) {
        cable_free(m);
        return NRN_ENOMEM;
    }
    void **pool = p->pool;
    views(m, m->curlist, m->ncur, nchunk, p->cur, &pool);
    views(m, m->statelist, m->nstate, nchunk, p->state, &pool);
    p->nchunk = nchunk;
    p->ncur = m->ncur;
    p->nstate = m->nstate;
    p->fused = 1;
    return NRN_OK;
}

/* The arrays of the chain's rows. */
struct rows {
    double *restrict rhs, *restrict d;
    const double *restrict v, *restrict a, *restrict b, *restrict cm;
};

/*
** Rows hi - 1 down to lo (lo >= 1) of the chain: each gets its capacitance, its own axial
** term and its next node's (its only child), as fixed.c's axial pass adds them, then the
** elimination folds the next node in. The last node has no next one.
*/
static void chain_rows(struct rows x, int n, int lo, int hi, double cfac)
{
    double *restrict rhs = x.rhs, *restrict d = x.d;
    const double *restrict v = x.v, *restrict a = x.a, *restrict b = x.b, *restrict cm = x.cm;
    int i = hi - 1;
    if (hi == n) {
        rhs[i] -= b[i] * (v[i - 1] - v[i]);
        d[i] = (d[i] + cfac * cm[i]) - b[i];
        i--;
    }
    for (; i >= lo; i--) {
        double r = rhs[i] - b[i] * (v[i - 1] - v[i]);
        r += a[i + 1] * (v[i] - v[i + 1]);
        double dd = d[i] + cfac * cm[i];
        dd -= b[i];
        dd -= a[i + 1];
        double f = a[i + 1] / d[i + 1];
        dd -= f * b[i + 1];
        r -= f * rhs[i + 1];
        rhs[i] = r;
        d[i] = dd;
    }
}

/* The root's row after its mechanisms' currents: capacitance, node 1's term, node 1 folded. */
static void chain_root(struct rows x, double cfac)
{
    x.d[0] += cfac * x.cm[0];
    x.rhs[0] += x.a[1] * (x.v[0] - x.v[1]);
    x.d[0] -= x.a[1];
    double f = x.a[1] / x.d[1];
    x.d[0] -= f * x.b[1];
    x.rhs[0] -= f * x.rhs[1];
}

static struct rows rows_of(nrn_model *m)
{
    struct rows x = { m->rhs, m->d, m->v, m->a, m->b, m->cm };
    return x;
}

void cable_eliminate(nrn_model *m, double cfac)
{
    struct rows x = rows_of(m);
    chain_rows(x, m->nnode, 1, m->nnode, cfac);
    chain_root(x, cfac);
}

/* The back substitution of nodes [lo, hi) (lo >= 1), each change added to v (k: 1, or 2
** with Crank-Nicolson); 1 if some v is no longer finite. */
static int chain_update(double *restrict rhs, double *restrict v, const double *restrict d,
                        const double *restrict b, int lo, int hi, double k)
{
    int bad = 0;
    for (int i = lo; i < hi; i++) {
        rhs[i] -= b[i] * rhs[i - 1];
        rhs[i] /= d[i];
        v[i] += k * rhs[i];
        bad |= !(fabs(v[i]) <= DBL_MAX);
    }
    return bad;
}

int cable_fusable(nrn_model *m)
{
    if (!m->solve_chain || m->ba_mask || m->nplay || m->secondorder == 2)
        return 0;
    if ((!m->cable || m->cable->gen != m->gen) && plan(m) != NRN_OK)
        return 0;
    return m->cable->fused;
}

int cable_step(nrn_model *m, double t_mid, double t_new)
{
    struct cable_plan *p = m->cable;
    struct rows x = rows_of(m);
    int n = m->nnode, ncur = p->ncur, nstate = p->nstate;
    double cfac = .001 * m->cj, k = m->secondorder ? 2. : 1.;
    nrn_mech_ctx c = ev_ctx(m, t_mid);
    int plo = 0, phi = 0; /* rows of the chunk before still to fold */
    for (int ch = p->nchunk - 1; ch >= 0; ch--) {
        int lo = ch * CABLE_CHUNK, hi = lo + CABLE_CHUNK < n ? lo + CABLE_CHUNK : n;
        memset(x.rhs + lo, 0, sizeof(double) * (size_t)(hi - lo));
        memset(x.d + lo, 0, sizeof(double) * (size_t)(hi - lo));
        nrn_mech_data *w = p->cur + ch * ncur;
        int calls = 0;
        for (int t = 0; t < ncur; t++)
            calls += w[t].n > 0;
        int piece = (phi - plo) / (calls + 1);
        for (int t = 0; t < ncur; t++)
            if (w[t].n) {
                int stop = phi - piece > plo ? phi - piece : plo;
                if (stop < phi)
                    chain_rows(x, n, stop, phi, cfac);
                phi = stop;
                m->types[m->curlist[t]].d->cur(&c, &w[t]);
            }
        if (plo < phi)
            chain_rows(x, n, plo, phi, cfac);
        plo = lo > 1 ? lo : 1;
        phi = hi;
    }
    if (plo < phi)
        chain_rows(x, n, plo, phi, cfac);
    chain_root(x, cfac);
    c = ev_ctx(m, t_new);
    double *v = m->v;
    x.rhs[0] /= x.d[0];
    v[0] += k * x.rhs[0];
    int bad = !(fabs(v[0]) <= DBL_MAX);
    for (int ch = 0; ch <= p->nchunk; ch++) {
        int lo = ch * CABLE_CHUNK, hi = lo + CABLE_CHUNK < n ? lo + CABLE_CHUNK : n;
        int ulo = lo > 1 ? lo : 1, uhi = ch < p->nchunk ? hi : ulo;
        if (ch > 0) {
            nrn_mech_data *w = p->state + (ch - 1) * nstate;
            int calls = 0;
            for (int t = 0; t < nstate; t++)
                calls += w[t].n > 0;
            int piece = (uhi - ulo) / (calls + 1);
            for (int t = 0; t < nstate; t++)
                if (w[t].n) {
                    bad |= chain_update(x.rhs, v, x.d, x.b, ulo, ulo + piece, k);
                    ulo += piece;
                    m->types[m->statelist[t]].d->state(&c, &w[t]);
                }
        }
        bad |= chain_update(x.rhs, v, x.d, x.b, ulo, uhi, k);
    }
    return bad;
}
