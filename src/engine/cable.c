/*
** cable.c: the fixed step of one cell that is one unbranched chain (an axon), in two sweeps.
**
** The Hines solve of a chain is one serial chain of dependent divisions: the processor waits
** for each, with its other units idle. So the mechanisms' work goes inside the two sweeps,
** chunk by chunk (8 nodes, one vector of the kernels), where it fills those waits:
**
** - backward, chunks from the last node to the root: run every type's cur on the instances
**   at the chunk's nodes (type order), then complete and fold the rows of the chunk after it
**   (their currents are in since the iteration before) as chain_rows does;
** - forward, chunks from the root: the back substitution with the v update of the chunk,
**   then every type's state on the instances at the chunk before it (type order). Where one
**   type has states (hh), its state_chain runs this whole sweep in one call: the steps of
**   the back substitution between its vector loops, a few at a time, 2 vectors of nodes
**   ahead of the look-ups (nrn_mech.h's nrn_chain). The 1001-node hh axon: 29.96 -> 25.74
**   ns per compartment-step (best of 20 on a shared machine); in a trial build a chunk's 8
**   steps all after the state's loops took 35.7, all before them 30.4, spread 27.8: a
**   stretch of waiting steps fills the processor's window, and a call per chunk costs ~2
**   ns per node.
**
** The processor overlaps the chain with the kernels only when both are close together in
** the instruction stream: a long stretch of the chain, waiting on its divisions, fills the
** scheduler and nothing after it starts. Hence chunks of one vector, and the kernels' range
** forms (nrn_mech_type.cur_range, state_range: generated code, one call per type and chunk)
** rather than whole kernels on part of the data. Measured on the 1001-node hh axon (ns per
** compartment-step, best of many runs on a busy machine): chunks of 16 with a chain piece
** before each kernel call 29.0; chunks of 8, the chain of a chunk all before the next
** kernels 27.5 (kernels alone 19.2, the chain alone 15.1: the divider they share and the
** calls keep the rest from overlapping). The ions and the cur-only types at the start of
** the type order run ahead (pre_types): with hh and pas 30.1 before, 28.7 with pas on 4
** chunks at a time, 30.0 with pas in every chunk.
**
** Every node receives the same operations in the same order as in the separate passes: a
** node's row is only its own mechanisms' contributions (type order), its capacitance and its
** axial terms, and a state update reads only its own node's new v. That holds for the types
** that say so (nrn_mech_type.inst_local, set by the translator) and whose instances are in
** node order, and when nothing runs between the passes (no BEFORE/AFTER blocks, no continuous
** plays, secondorder < 2); otherwise fixed.c runs the passes and only the axial terms ride in
** the elimination (cable_eliminate).
**
** A type without range forms (hand-written mechanisms, point processes) runs its cur and
** state on a view of its data at each chunk (nrn_mech_data with its per-instance arrays
** offset), made once per compile.
*/
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "nrn_int.h"

/* Nodes per chunk: one vector of the kernels (8 doubles in AVX-512); 16 was slower (31.0). */
#define CABLE_CHUNK 8
/* Chunks per call of the cur-only types that run ahead (pre_types). */
#define GROUP 4

/* A type's instances in one chunk: [i0, i1), and their view where the type has no range
** form (NULL where it has one). */
struct slot {
    int i0, i1;
    nrn_mech_data *w;
};

struct cable_plan {
    long gen;               /* m->gen it was made for */
    int fused;              /* 0: the types do not allow the two sweeps */
    int nchunk;             /* chunk c: nodes [c * CABLE_CHUNK, min(n, (c + 1) * CABLE_CHUNK)) */
    int ncur, nstate;
    int npre;               /* curlist[0 .. npre-1]: pre_types */
    int chain;              /* 1: the one state type runs the forward sweep (state_chain) */
    struct slot *cur;       /* [c * ncur + k]: curlist[k]'s instances in chunk c */
    struct slot *state;     /* [c * nstate + k]: statelist[k]'s */
    nrn_mech_data *views;   /* the slots' views */
    void **pool;            /* the views' column and ion-instance pointer arrays */
};

void cable_free(nrn_model *m)
{
    struct cable_plan *p = m->cable;
    if (!p)
        return;
    free(p->cur), free(p->state), free(p->views), free(p->pool), free(p);
    m->cable = NULL;
}

/* 1 if type t's cur and state may run chunk by chunk: it says so, and its instances sit at
** nodes in increasing order. */
static int type_ok(const nrn_model *m, int t)
{
    const nrn_mech_data *md = &m->types[t].md;
    if (!mech_splittable(m, t))
        return 0;
    for (int i = 1; i < md->n; i++)
        if (md->node[i] < md->node[i - 1])
            return 0;
    return 1;
}

/* 1 if the k-th type of list (curlist with cur 1, else statelist) runs without a view:
** it has the range form of its cur or state, or its cur runs before the sweep (one of the
** npre pre_types). */
static int has_range(const nrn_model *m, const int *list, int k, int cur, int npre)
{
    const nrn_mech_type *d = m->types[list[k]].d;
    return cur ? d->cur_range != NULL || k < npre : d->state_range != NULL;
}

/*
** The types whose cur runs ahead of the others: the longest start of curlist of ions and of
** density types without a state function that have the range form. An ion's cur only
** clears its currents (and may set e from concentrations nothing in the step writes): it
** runs on all its instances before the sweep. A cur-only type (pas) is too little work for
** a call per chunk to pay: it runs on GROUP chunks at once, when the sweep reaches the
** first of them. Each node still receives its mechanisms' contributions in type order.
*/
static int pre_types(const nrn_model *m)
{
    int k = 0;
    while (k < m->ncur) {
        const nrn_mech_type *d = m->types[m->curlist[k]].d;
        if (d->kind != NRN_ION && (d->kind != NRN_DENSITY || d->state || !d->cur_range))
            break;
        k++;
    }
    return k;
}

/* The slots of the types of list (n of them, their cur or state) for every chunk into out,
** views from *views and *pool on. */
static void slots(const nrn_model *m, const int *list, int n, int cur, int npre, int nchunk,
                  struct slot *out, nrn_mech_data **views, void ***pool)
{
    for (int k = 0; k < n; k++) {
        const nrn_mech_data *md = &m->types[list[k]].md;
        int i0 = 0, range = has_range(m, list, k, cur, npre);
        for (int c = 0; c < nchunk; c++) {
            int hi = c == nchunk - 1 ? m->nnode : (c + 1) * CABLE_CHUNK, i1 = i0;
            while (i1 < md->n && md->node[i1] < hi)
                i1++;
            struct slot *s = &out[c * n + k];
            s->i0 = i0, s->i1 = i1, s->w = NULL;
            if (!range) {
                s->w = (*views)++;
                *s->w = mech_view(m, list[k], i0, i1, pool);
            }
            i0 = i1;
        }
    }
}

/* The plan for the compiled model: NRN_OK (p->fused 0 when the sweeps do not apply) or
** NRN_ENOMEM (no plan: the step runs the passes). Out of line: cable_fusable, asked every
** step, then needs no stack frame. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
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
    size_t nptr = 0, nview = 0;
    int npre = pre_types(m);
    for (int k = 0; k < m->ncur; k++)
        if (!has_range(m, m->curlist, k, 1, npre))
            nptr += mech_view_ptrs(m, m->curlist[k]), nview++;
    for (int k = 0; k < m->nstate; k++)
        if (!has_range(m, m->statelist, k, 0, npre))
            nptr += mech_view_ptrs(m, m->statelist[k]), nview++;
    p->cur = calloc((size_t)nchunk * (size_t)(m->ncur + 1), sizeof *p->cur);
    p->state = calloc((size_t)nchunk * (size_t)(m->nstate + 1), sizeof *p->state);
    p->views = calloc(nview * (size_t)nchunk + 1, sizeof *p->views);
    p->pool = calloc(nptr * (size_t)nchunk + 1, sizeof *p->pool);
    if (!p->cur || !p->state || !p->views || !p->pool) {
        cable_free(m);
        return NRN_ENOMEM;
    }
    void **pool = p->pool;
    nrn_mech_data *vw = p->views;
    slots(m, m->curlist, m->ncur, 1, npre, nchunk, p->cur, &vw, &pool);
    slots(m, m->statelist, m->nstate, 0, npre, nchunk, p->state, &vw, &pool);
    p->npre = npre;
    p->chain = m->nstate == 1 && m->types[m->statelist[0]].d->state_chain;
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
static inline void chain_rows(struct rows x, int n, int lo, int hi, double cfac)
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
static inline void chain_root(struct rows x, double cfac)
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
** with Crank-Nicolson), as a state_chain runs it; 1 if some v is no longer finite. */
static int chain_update(double *rhs, double *v, const double *d, const double *b, int lo,
                        int hi, double k)
{
    nrn_chain ch = { rhs, v, d, b, k, rhs[lo - 1], lo, hi, hi, 0 };
    nrn_chain_run(&ch, hi - lo);
    return ch.bad;
}

int cable_fusable(nrn_model *m)
{
    if (!m->solve_chain || step_needs_passes(m))
        return 0;
    if (m->cable && m->cable->gen == m->gen)
        return m->cable->fused;
    return plan(m) == NRN_OK && m->cable->fused;
}

int cable_chained(const nrn_model *m)
{
    return m->cable && m->cable->gen == m->gen && m->cable->fused && m->cable->chain;
}

/* The cur (cur 1) or state of every type from the from-th on, on its instances in one chunk
** (w: the chunk's slots), in type order. */
static void kernels(nrn_model *m, const nrn_mech_ctx *c, const struct slot *w, int cur,
                    int from)
{
    int nt = cur ? m->ncur : m->nstate;
    const int *list = cur ? m->curlist : m->statelist;
    for (int t = from; t < nt; t++) {
        if (w[t].i1 == w[t].i0)
            continue;
        struct mtype *mt = &m->types[list[t]];
        if (cur && w[t].w)
            mt->d->cur(c, w[t].w);
        else if (cur)
            mt->d->cur_range(c, &mt->md, w[t].i0, w[t].i1);
        else if (w[t].w)
            mt->d->state(c, w[t].w);
        else
            mt->d->state_range(c, &mt->md, w[t].i0, w[t].i1);
    }
}

int cable_step(nrn_model *m, double t_mid, double t_new)
{
    struct cable_plan *p = m->cable;
    struct rows x = rows_of(m);
    int n = m->nnode;
    double cfac = .001 * m->cj, k = m->secondorder ? 2. : 1.;
    nrn_mech_ctx c = ev_ctx(m, t_mid);
    for (int t = 0; t < p->npre; t++) {
        struct mtype *mt = &m->types[m->curlist[t]];
        if (mt->d->kind == NRN_ION && mt->d->cur)
            mt->d->cur(&c, &mt->md);
    }
    for (int ch = p->nchunk - 1; ch >= 0; ch--) {
        int lo = ch * CABLE_CHUNK, hi = lo + CABLE_CHUNK < n ? lo + CABLE_CHUNK : n;
        if (ch == p->nchunk - 1 || ch % GROUP == GROUP - 1) {
            /* the first chunk of its group: zero the group's rows, the pre_types on it */
            int g0 = ch - ch % GROUP, glo = g0 * CABLE_CHUNK;
            if (hi - glo == GROUP * CABLE_CHUNK) { /* a constant size: stores, no call */
                memset(x.rhs + glo, 0, sizeof(double) * GROUP * CABLE_CHUNK);
                memset(x.d + glo, 0, sizeof(double) * GROUP * CABLE_CHUNK);
            } else {
                memset(x.rhs + glo, 0, sizeof(double) * (size_t)(hi - glo));
                memset(x.d + glo, 0, sizeof(double) * (size_t)(hi - glo));
            }
            const struct slot *s0 = p->cur + g0 * p->ncur, *s1 = p->cur + ch * p->ncur;
            for (int t = 0; t < p->npre; t++) {
                struct mtype *mt = &m->types[m->curlist[t]];
                if (mt->d->kind != NRN_ION && s1[t].i1 > s0[t].i0)
                    mt->d->cur_range(&c, &mt->md, s0[t].i0, s1[t].i1);
            }
        }
        kernels(m, &c, p->cur + ch * p->ncur, 1, p->npre);
        /* the rows of the chunk after this one, complete since the last iteration */
        if (ch + 1 < p->nchunk)
            chain_rows(x, n, hi, hi + CABLE_CHUNK < n ? hi + CABLE_CHUNK : n, cfac);
    }
    chain_rows(x, n, 1, CABLE_CHUNK < n ? CABLE_CHUNK : n, cfac);
    chain_root(x, cfac);
    c = ev_ctx(m, t_new);
    double *v = m->v;
    x.rhs[0] /= x.d[0];
    v[0] += k * x.rhs[0];
    int bad = !(fabs(v[0]) <= DBL_MAX);
    if (p->chain) {
        struct mtype *mt = &m->types[m->statelist[0]];
        nrn_chain ch = { x.rhs, v, x.d, x.b, k, x.rhs[0], 1, 1, n, 0 };
        mt->d->state_chain(&c, &mt->md, 0, mt->md.n, &ch);
        return bad | ch.bad;
    }
    for (int ch = 0; ch <= p->nchunk; ch++) {
        int lo = ch * CABLE_CHUNK, hi = lo + CABLE_CHUNK < n ? lo + CABLE_CHUNK : n;
        /* this chunk's new v first, then the states of the chunk before it, whose v is
        ** complete */
        if (ch < p->nchunk)
            bad |= chain_update(x.rhs, v, x.d, x.b, lo > 1 ? lo : 1, hi, k);
        if (ch > 0)
            kernels(m, &c, p->state + (ch - 1) * p->nstate, 0, 0);
    }
    return bad;
}
