/*
** blocks_multi.c: several fixed steps of the interleaved cells at once, each tile taking all
** of them before the next tile starts (temporal blocking).
**
** blocks_step.c keeps a tile in the first-level cache for one step; the next step walks all
** tiles again. Ten thousand one-compartment hh cells are 4.5 MB, more than the second-level
** cache, so each step streams every cell from the third level: 21.0 ns per cell-step,
** against 15.7 for 2000 cells. Cells share no arithmetic between events, so a tile may take
** K steps while its data stay in the first-level cache: 14.0 ns for the 10000 cells with K
** 32 (14.6 with 8), 13.9 for the 2000.
**
** Every node still receives the same operations in the same order; what has to be put back
** in NEURON's order is what the step does beyond the cells:
** - threshold detection: each tile checks its own sources at the start of each of its steps
**   (fixed_step's order), and the spikes are replayed after the window sorted by step, then
**   by source, as ev_check_thresholds would have sent them, with t as it was then;
** - records: a record of a tile's value takes that tile's samples before and after each of
**   its steps where fixed_step takes them (after every step, or the records' interval's),
**   a record of t takes the sample's t; the sample callback is called for each after the
**   window;
** - a v that is no longer finite: the earliest step wins, then the lowest node, as the
**   node scan after each step; replicas fail alone, each at its earliest step.
** A window takes no more steps than fit before the next queued event (a spike exchange
** between ranks is one) and before a spike of the window could arrive at a target (the
** smallest delay of a NetCon with a target), and runs only when nothing else happens
** between steps: no WATCH, plays, BEFORE/AFTER blocks, longitudinal diffusion; every spike
** source and record reads a value of one tile (v or a mechanism's) or t. nrn_continuerun
** and nrn_psolve take windows, and so does each thread's part in its rounds (threads.c). A
** source with a gid sends its spikes to the ranks (par_spike_out) as they are replayed,
** before the exchange that ends the window.
**
** After a numeric error the tiles are left at different steps (the run failed anyway). The
** spike callback sees each spike after its window, with the model's t set to the spike's
** step: so a window needs a callback that only collects (nrn_set_spike_collector), one
** that may change the model (a threshold, a NetCon) would have changed the steps after.
*/
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "nrn_int.h"

/* Most steps per window: 32 gains 4% over 8 on the 10000 cells; more keeps more spikes and
** samples waiting for nothing. */
#define MULTI_MAX 32

struct multi_plan {
    long gen, thr_build;
    unsigned long rec_seq;
    int ok;                 /* 0: the model's sources or records forbid windows */
    int ntile;              /* tiles 0..ntile-1, the rest ntile */
    const int *tile_of_node; /* blocks_step.c's, of the same compile */
    int *src0, *src;        /* tile u's sources (threshold cache indices): src[src0[u]..) */
    int *rec0, *rec;        /* tile u's records: rec[rec0[u]..); records of t are tile ntile+1 */
    int *node0, *node;      /* tile u's nodes: node[node0[u]..) */
    char *src_run;          /* 1: tile u's sources are consecutive in the cache */
    double dmin;            /* min_delay as of m->wseq dmin_wseq (a setter may change it) */
    unsigned long dmin_wseq;
    int dmin_ok;
};

/* One spike of a window: its step and source (threshold cache index), sortable as one key. */
typedef int64_t spike_key;

struct window {
    int K;                       /* steps */
    double tt[MULTI_MAX + 1];    /* t at the start of step j (tt[K]: at the end) */
    double tm[MULTI_MAX];        /* t in the middle of step j */
    spike_key *spk;
    size_t nspk, capspk;
    int bad_step;                /* earliest step whose v is no longer finite, or K */
    int *tile_steps;             /* the steps each tile took */
    struct rep_fail { int step, node; char msg[512]; } *fail; /* per replica, or NULL */
    size_t *rec_n0;              /* each record's length at the start */
    /* The samples (fixed_step's): sample s at time st[s]; step j takes samples
    ** [s0[j], s1[j]) before it (interval records due within its first half) and
    ** [s1[j], s0[j + 1]) after it; rn[j]: rec_next once step j's are taken. */
    int s0[MULTI_MAX + 1], s1[MULTI_MAX];
    double rn[MULTI_MAX];
    double *st;
};

void multi_free(nrn_model *m)
{
    struct multi_plan *p = m->multi;
    if (!p)
        return;
    free(p->src0), free(p->src), free(p->rec0), free(p->rec);
    free(p->node0), free(p->node), free(p->src_run);
    free(p);
    m->multi = NULL;
}

/* The tile whose step writes *x (v or a mechanism's column), ntile + 1 for t, -1 if none. */
static int tile_of_ptr(const nrn_model *m, const struct multi_plan *p, const double *x)
{
    uintptr_t a = (uintptr_t)x;
    if (x == &m->t)
        return p->ntile + 1;
    if (a >= (uintptr_t)m->v && a < (uintptr_t)(m->v + m->nnode))
        return p->tile_of_node[x - m->v];
    for (int t = 0; t < m->ntype; t++) {
        const nrn_mech_data *md = &m->types[t].md;
        for (int c = 0; md->n && md->node && c < m->types[t].d->nvar; c++) {
            const double *col = md->col[c];
            if (col && a >= (uintptr_t)col && a < (uintptr_t)(col + md->n)) {
                int node = md->node[x - col];
                return node >= 0 && node < m->nnode ? p->tile_of_node[node] : -1;
            }
        }
    }
    return -1;
}

/* Items 0..n-1 of tile[] grouped by tile (0..ntile+1) into *start (ntile + 3) and *item. */
static int group(const int *tile, int n, int ntile, int **start, int **item)
{
    int *s = calloc((size_t)ntile + 3, sizeof *s), *it = malloc(sizeof(int) * (size_t)(n + 1));
    *start = s, *item = it;
    if (!s || !it)
        return NRN_ENOMEM;
    for (int i = 0; i < n; i++)
        s[tile[i] + 1]++;
    for (int u = 0; u <= ntile + 1; u++)
        s[u + 1] += s[u];
    int *next = malloc(sizeof(int) * (size_t)(ntile + 2));
    if (!next)
        return NRN_ENOMEM;
    memcpy(next, s, sizeof(int) * (size_t)(ntile + 2));
    for (int i = 0; i < n; i++)
        it[next[tile[i]]++] = i;
    free(next);
    return NRN_OK;
}

/* 1 if each replica's nodes are in one tile: a replica that fails is named by its first
** failure, which the tile finds when it has the whole replica at that step. */
static int replicas_in_one_tile(const nrn_model *m, const struct multi_plan *p)
{
    if (m->rep_nsec <= 0)
        return 0;
    int *first = malloc(sizeof(int) * (size_t)m->nrep), ok = first != NULL;
    for (int r = 0; ok && r < m->nrep; r++)
        first[r] = -1;
    for (int i = 0; ok && i < m->nnode; i++) {
        int r = m->sec_of_node[i] / m->rep_nsec;
        if (r >= m->nrep)
            continue;
        if (first[r] < 0)
            first[r] = p->tile_of_node[i];
        ok = first[r] == p->tile_of_node[i];
    }
    free(first);
    return ok;
}

/* The plan for the model as it is (blocks_fusable said 1, the threshold cache is built). */
static int plan(nrn_model *m)
{
    multi_free(m);
    struct multi_plan *p = calloc(1, sizeof *p);
    if (!p)
        return NRN_ENOMEM;
    m->multi = p;
    p->gen = m->gen, p->thr_build = m->thr.build, p->rec_seq = m->rec_seq;
    p->ntile = blocks_ntile(m);
    p->tile_of_node = blocks_tile_of_node(m);
    int n = m->thr.n > m->nrec ? m->thr.n : m->nrec;
    int *tile = malloc(sizeof(int) * (size_t)(n + 1));
    int rc = tile ? NRN_OK : NRN_ENOMEM;
    p->ok = rc == NRN_OK;
    for (int k = 0; p->ok && k < m->thr.n; k++) {
        tile[k] = tile_of_ptr(m, p, m->thr.ptr[k]);
        p->ok = tile[k] >= 0 && tile[k] <= p->ntile;
    }
    if (p->ok)
        rc = group(tile, m->thr.n, p->ntile, &p->src0, &p->src);
    if (rc == NRN_OK && p->ok && !(p->src_run = malloc((size_t)p->ntile + 1)))
        rc = NRN_ENOMEM;
    for (int u = 0; rc == NRN_OK && p->ok && u <= p->ntile; u++) {
        int lo = p->src0[u], hi = p->src0[u + 1];
        p->src_run[u] = hi > lo && p->src[hi - 1] - p->src[lo] == hi - lo - 1;
    }
    for (int i = 0; rc == NRN_OK && p->ok && i < m->nrec; i++) {
        const double *x = record_ptr(m, &m->recs[i]);
        tile[i] = x ? tile_of_ptr(m, p, x) : -1;
        p->ok = tile[i] >= 0;
    }
    if (rc == NRN_OK && p->ok)
        rc = group(tile, m->nrec, p->ntile, &p->rec0, &p->rec);
    if (rc == NRN_OK && p->ok)
        rc = group(p->tile_of_node, m->nnode, p->ntile, &p->node0, &p->node);
    if (rc == NRN_OK && p->ok && m->nrep > 1)
        p->ok = replicas_in_one_tile(m, p);
    free(tile);
    if (rc) {
        multi_free(m);
        return rc;
    }
    return NRN_OK;
}

/* 1 if the steps from t on may run in windows: blocks_step would run them (fixed_step's
** choice), and nothing but the cells' own work happens between them. */
static int eligible(nrn_model *m)
{
    if (m->multi_max < 2 || (m->cv && cvode_active(m)) || m->watching || m->nplay ||
        m->ldifusing || m->ba_mask || m->ev_err || !m->nblock ||
        (m->spike_fn && !m->spike_collects))
        return 0;
    if (cable_fusable(m) || units_fusable(m) || !blocks_fusable(m))
        return 0;
    if (thr_ready(m))
        return 0;
    struct multi_plan *p = m->multi;
    if ((!p || p->gen != m->gen || p->thr_build != m->thr.build || p->rec_seq != m->rec_seq) &&
        plan(m))
        return 0;
    return m->multi->ok;
}

/* The smallest delay of an active NetCon with a target from a checked source (DBL_MAX);
** kept until a setter runs, so that a model whose delays allow no window pays one look. */
static double min_delay(const nrn_model *m)
{
    struct multi_plan *p = m->multi;
    if (p->dmin_ok && p->dmin_wseq == m->wseq)
        return p->dmin;
    double dmin = DBL_MAX;
    for (int k = 0; k < m->thr.n; k++) {
        const struct presyn *ps = &m->pre[m->thr.idx[k]];
        for (int j = 0; j < ps->nnc; j++) {
            const struct netcon *nc = m->ncs[ps->nc[j]];
            if (nc && nc->active && nc->target >= 0 && m->pps[nc->target] && nc->delay < dmin)
                dmin = nc->delay;
        }
    }
    p->dmin = dmin, p->dmin_wseq = m->wseq, p->dmin_ok = 1;
    return dmin;
}

/* The window's steps and times: at most maxsteps, while t < ts (nrn_continuerun's loop),
** before the first queued event is due, before a spike sent at its start could arrive. */
static int window_times(nrn_model *m, struct window *w, double ts, long maxsteps)
{
    double dt = m->dt, tev = m->nheap ? m->ev[m->heap[0]].t : DBL_MAX;
    double tarrive = m->npre ? (m->t + 1e-10) + min_delay(m) : DBL_MAX;
    int max = m->multi_max < MULTI_MAX ? m->multi_max : MULTI_MAX, K = 0;
    w->tt[0] = m->t;
    while (K < max && K < maxsteps && w->tt[K] < ts) {
        double mid = w->tt[K] + .5 * dt, end = mid + .5 * dt;
        if (!(end < tev) || !(end < tarrive))
            break;
        w->tm[K] = mid;
        w->tt[++K] = end;
    }
    return K;
}

static int add_spike(struct window *w, int step, int k)
{
    if (w->nspk == w->capspk) {
        size_t cap = w->capspk ? 2 * w->capspk : 256;
        spike_key *s = realloc(w->spk, cap * sizeof *s);
        if (!s)
            return NRN_ENOMEM;
        w->spk = s, w->capspk = cap;
    }
    w->spk[w->nspk++] = (spike_key)step << 32 | (spike_key)k;
    return NRN_OK;
}

/* Tile u's sources at the start of step j (ev_check_thresholds' test and flags). */
static int check_sources(nrn_model *m, const struct multi_plan *p, struct window *w, int u,
                         int j)
{
    int lo = p->src0[u], hi = p->src0[u + 1];
    /* most steps no source changes side: one vector pass says so */
    if (p->src_run[u] && !thr_changed(m, p->src[lo], p->src[hi - 1] + 1))
        return NRN_OK;
    for (int q = lo; q < hi; q++)
        if (thr_flip(m, p->src[q]) && add_spike(w, j, p->src[q]))
            return NRN_ENOMEM;
    return NRN_OK;
}

/* Tile u's v went bad at step j: keep the earliest failure of each replica, or of the model
** (the scan fixed_step makes after the step, over this tile's nodes). */
static int note_bad(nrn_model *m, const struct multi_plan *p, struct window *w, int u, int j)
{
    if (m->nrep <= 1) {
        if (j < w->bad_step)
            w->bad_step = j;
        return NRN_OK;
    }
    if (!w->fail) {
        if (!(w->fail = malloc(sizeof *w->fail * (size_t)m->nrep)))
            return NRN_ENOMEM;
        for (int r = 0; r < m->nrep; r++)
            w->fail[r].step = INT32_MAX;
    }
    for (int q = p->node0[u]; q < p->node0[u + 1]; q++) {
        int i = p->node[q];
        if (isfinite(m->v[i]))
            continue;
        int sec = m->sec_of_node[i], r = m->rep_nsec > 0 ? sec / m->rep_nsec : 0;
        if (r >= m->nrep || m->rep_err[r] || w->fail[r].step < j ||
            (w->fail[r].step == j && w->fail[r].node < i))
            continue;
        w->fail[r].step = j, w->fail[r].node = i;
        /* the message looks at this replica's nodes only, all in this tile (plan) */
        fixed_nan_message(m, i, w->fail[r].msg, sizeof w->fail[r].msg);
    }
    return NRN_OK;
}

/* Samples [a, b) of tile u's records, from the tile as it is. */
static void take_samples(nrn_model *m, const struct multi_plan *p, const struct window *w,
                         int u, int a, int b)
{
    for (int q = p->rec0[u]; a < b && q < p->rec0[u + 1]; q++) {
        struct record *r = &m->recs[p->rec[q]];
        for (int s = a; s < b; s++)
            r->data[w->rec_n0[p->rec[q]] + (size_t)s] = *r->ptr;
    }
}

/* The window's samples: after each step (record_sample), or those of the records' interval
** due before each step's middle and before its end (record_due's, as fixed_step takes
** them); NRN_ENOMEM. */
static int schedule(nrn_model *m, struct window *w)
{
    int cap = 2 * w->K + 2, n = 0;
    if (!(w->st = malloc(sizeof(double) * (size_t)cap)))
        return NRN_ENOMEM;
    double next = m->rec_next, every = m->rec_every;
    for (int j = 0; j < w->K; j++) {
        w->s0[j] = n;
        for (int post = 0; post < 2; post++) {
            double lim = post ? w->tt[j + 1] : w->tt[j] + m->dt / 2;
            if (every <= 0 && post) /* a sample after every step, with t at its end */
                w->st[n++] = w->tt[j + 1];
            while (every > 0 && next <= lim) {
                if (n == cap) {
                    double *s = realloc(w->st, sizeof(double) * (size_t)(cap *= 2));
                    if (!s)
                        return NRN_ENOMEM;
                    w->st = s;
                }
                w->st[n++] = next; /* record_due: t is the sample's own time */
                next += every;
            }
            if (!post)
                w->s1[j] = n;
        }
        w->rn[j] = next;
    }
    w->s0[w->K] = n;
    return NRN_OK;
}

/* Sample s of every record taken: the records of t get their value, then the callback. */
static void sample_done(nrn_model *m, const struct multi_plan *p, struct window *w, int s)
{
    for (int q = p->rec0[p->ntile + 1]; q < p->rec0[p->ntile + 2]; q++)
        m->recs[p->rec[q]].data[w->rec_n0[p->rec[q]] + (size_t)s] = w->st[s];
    for (int i = 0; i < m->nrec; i++)
        m->recs[i].n = w->rec_n0[i] + (size_t)s + 1;
    m->nsamples++;
    if (m->sample_fn) {
        double t = m->t;
        m->t = w->st[s];
        m->sample_fn(m->sample_ud, m, m->nsamples - 1);
        m->t = t;
    }
}

/* Tile u's K steps (fewer once the model has a step whose v is bad). */
static int run_tile(nrn_model *m, const struct multi_plan *p, struct window *w, int u)
{
    int rc;
    w->tile_steps[u] = 0;
    for (int j = 0; j < w->K && j <= w->bad_step; j++) {
        m->t = w->tt[j];
        if (p->src0[u] < p->src0[u + 1] && (rc = check_sources(m, p, w, u, j)))
            return rc;
        take_samples(m, p, w, u, w->s0[j], w->s1[j]);
        nrn_mech_ctx cmid = ev_ctx(m, w->tm[j]), cnew = ev_ctx(m, w->tt[j + 1]);
        int bad = blocks_tile_step(m, u, &cmid, &cnew, j == 0);
        m->t = w->tt[j + 1];
        w->tile_steps[u] = j + 1;
        if (!bad || m->nrep > 1) /* (fixed_step stops at a bad step but for a replica's) */
            take_samples(m, p, w, u, w->s1[j], w->s0[j + 1]);
        if (bad && (rc = note_bad(m, p, w, u, j)))
            return rc;
        if (bad && m->nrep <= 1)
            break;
    }
    return NRN_OK;
}

static int cmp_key(const void *a, const void *b)
{
    spike_key x = *(const spike_key *)a, y = *(const spike_key *)b;
    return (x > y) - (x < y);
}

/* The window's spikes and samples in NEURON's order: step by step, the spikes of its start
** (by source), the samples before it, those after it; up to step `last` (without the
** samples after it when `bad`). */
static int replay(nrn_model *m, const struct multi_plan *p, struct window *w, int last, int bad)
{
    if (w->nspk > 1)
        qsort(w->spk, w->nspk, sizeof *w->spk, cmp_key);
    size_t s = 0;
    for (int j = 0; j <= last && j < w->K; j++) {
        m->t = w->tt[j];
        for (; s < w->nspk && (int)(w->spk[s] >> 32) == j; s++)
            ev_presyn_fire(m, m->thr.idx[(int)(w->spk[s] & 0xffffffff)], w->tt[j] + 1e-10);
        for (int q = w->s0[j]; q < w->s1[j]; q++)
            sample_done(m, p, w, q);
        if (m->rec_every > 0)
            m->rec_next = w->rn[j];
        m->t = w->tt[j + 1];
        if (bad && j == last) {
            if (m->rec_every > 0) /* the step's later samples were not taken */
                m->rec_next = w->s1[j] < w->s0[j + 1] ? w->st[w->s1[j]] : w->rn[j];
            break;
        }
        for (int q = w->s1[j]; q < w->s0[j + 1]; q++)
            sample_done(m, p, w, q);
    }
    int rc = m->ev_err;
    m->ev_err = 0;
    return rc;
}

/* Room for the window's samples in every record. */
static int reserve(nrn_model *m, struct window *w)
{
    size_t more = (size_t)w->s0[w->K];
    if (m->nrec && !(w->rec_n0 = malloc(sizeof(size_t) * (size_t)m->nrec)))
        return NRN_ENOMEM;
    for (int i = 0; i < m->nrec; i++) {
        struct record *r = &m->recs[i];
        w->rec_n0[i] = r->n;
        if (r->n + more > r->cap) {
            size_t cap = 2 * r->cap > r->n + more ? 2 * r->cap : r->n + more;
            double *d = model_realloc(m, r->data, sizeof(double) * cap);
            if (!d)
                return NRN_ENOMEM;
            r->data = d, r->cap = cap;
        }
    }
    return NRN_OK;
}

/* The error of the earliest bad step as fixed_step words it, from the tiles at that step:
** the tiles that ran before the failing one are further on, where their v may have gone bad
** too, but were finite at that step. */
static int bad_error(nrn_model *m, const struct multi_plan *p, struct window *w)
{
    char msg[512];
    int at = w->bad_step + 1, i = 0;
    m->t = w->tt[at];
    m->nsteps += at;
    char *live = malloc((size_t)m->nnode + 1); /* 1: the node's tile is at that step */
    if (!live)
        return NRN_ENOMEM;
    for (int k = 0; k < m->nnode; k++)
        live[k] = w->tile_steps[p->tile_of_node[k]] == at;
    while (i < m->nnode && !(live[i] && !isfinite(m->v[i])))
        i++;
    if (i < m->nnode) /* (a tile is bad at that step: there is one) */
        fixed_nan_message_live(m, i, live, msg, sizeof msg);
    free(live);
    return model_err(m, NRN_ENUMERIC, "%s", msg);
}

int blocks_multi(nrn_model *m, double ts, long maxsteps, int *nsteps)
{
    *nsteps = 0;
    if (!m->compiled || !eligible(m))
        return NRN_OK;
    fixed_sync_dt(m); /* as fixed_step: cj follows a dt changed since the last step */
    struct multi_plan *p = m->multi;
    struct window w = { 0 };
    if ((w.K = window_times(m, &w, ts, maxsteps)) < 2)
        return NRN_OK;
    int rc = schedule(m, &w);
    if (rc == NRN_OK)
        rc = reserve(m, &w);
    w.bad_step = w.K;
    if (rc == NRN_OK && !(w.tile_steps = calloc((size_t)p->ntile + 2, sizeof(int))))
        rc = NRN_ENOMEM;
    int rest = blocks_has_rest(m), rest_last = blocks_rest_last(m);
    if (rc == NRN_OK && rest && !rest_last)
        rc = run_tile(m, p, &w, p->ntile);
    for (int u = 0; rc == NRN_OK && u < p->ntile; u++)
        rc = run_tile(m, p, &w, u);
    if (rc == NRN_OK && rest && rest_last)
        rc = run_tile(m, p, &w, p->ntile);
    if (rc == NRN_OK) {
        int bad = w.bad_step < w.K, last = bad ? w.bad_step : w.K - 1;
        rc = replay(m, p, &w, last, bad);
        for (int r = 0; rc == NRN_OK && w.fail && r < m->nrep; r++)
            if (w.fail[r].step < INT32_MAX) {
                m->t = w.tt[w.fail[r].step + 1];
                replica_fail(m, m->sec_of_node[w.fail[r].node], w.fail[r].msg);
            }
        if (rc == NRN_OK && bad)
            rc = bad_error(m, p, &w);
        else if (rc == NRN_OK) {
            m->t = w.tt[w.K];
            m->nsteps += w.K;
            m->multi_steps += w.K;
            *nsteps = w.K;
        }
    }
    free(w.spk), free(w.tile_steps), free(w.fail), free(w.rec_n0), free(w.st);
    return rc;
}
