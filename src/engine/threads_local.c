/*
** threads_local.c: fadvance under the local variable time step (cvode -local 1), as
** NEURON's lvardt fadvance (NetCvode::solve with no tout): of the cells, those with the
** least t take one step each, or the events due before them are delivered first, and t
** is then the least of the cells' times and of the first event's time as the fadvance
** began. The cells are the parts of the local run (threads_split.c, a part per cell, each
** with its CVODE), kept from one fadvance to the next so that their integrators go on.
**
** After each fadvance the parts' values, events and counters go back into the model, which
** the Tcl layer, records, savestate and spikes read: one record row per fadvance, each cell
** at its own time as NEURON's arrays are. A model changed between two fadvances (a value,
** a NetCon, its structure, the settings, t by a run or a restore) is seen by the model's
** write counter (nrn_model.wseq, which every setter increments) and by comparing its time,
** queue, shape and settings with what the last fadvance left; the parts then start afresh
** from it.
**
** A local continuerun (threads.c) keeps its parts the same way, in a session of its own
** kind (cont): the next continuerun on an unchanged model goes on with them, each cell's
** integrator where it was, so that continuerun in slices (a script's loop, the TUI) takes
** the steps of one continuerun to the end, as NEURON's cells do.
*/
#include <stdlib.h>
#include <string.h>
#include "threads_int.h"
#include "cvode_int.h"

/* The parts ordered by a key (their time, or their first event's), the least first; equal
** keys by part, as a scan in part order would find them. */
struct pheap {
    int *h, *pos;
    double *key;
};

struct lsess {
    struct run r;
    struct pheap tq, eq;   /* the parts by time, by first event */
    char *dirty;           /* the part stepped since its state last went into m */
    int *evl, nevl;        /* the parts with events queued or a queue changed since the last
                           ** join (the others add nothing to m's queue) */
    char *inevl;
    long long *seq0;       /* each part's event counter at the last join */
    double t;              /* m->t the last fadvance left */
    long long evseq;
    int nheap;
    int shape[8];          /* sections, objects, NetCons, sources, records, plays, vectors,
                           ** types */
    double set[6];         /* the cvode settings */
    long base[8];          /* m's counters when the parts were made */
    long (*pcount)[8];     /* each part's counters when it last went into m */
    long tot[8];           /* their sum */
    unsigned long wseq;    /* m->wseq the last fadvance left */
    double rec[2];         /* m's rec_every and dt (the rows' grid) */
    int cont;              /* kept by continuerun (parts with rows of their own), not by
                           ** fadvance (parts without: the rows are m's) */
};

static void shape(const nrn_model *m, int *sh, double *set)
{
    const int x[8] = { m->nsec, m->npp, m->nnc, m->npre, m->nrec, m->nplay, m->nvec, m->ntype };
    const struct cvode *cv = m->cv;
    const double y[6] = { cv->atol, cv->rtol, cv->maxstep, cv->maxorder, cv->condition_order,
                          cv->nscale };
    memcpy(sh, x, sizeof x);
    memcpy(set, y, sizeof y);
}

static void counters(struct cvode *cv, long *c, int save)
{
    long *f[8] = { &cv->acc_steps, &cv->acc_fevals, &cv->acc_niters, &cv->acc_nfails,
                   &cv->acc_efails, &cv->linsolves, &cv->setups, &cv->inits };
    for (int i = 0; i < 8; i++)
        if (save)
            c[i] = *f[i];
        else
            *f[i] = c[i];
}

/* 1 if m is as the last fadvance (or continuerun) left it: no setter ran since (m->wseq),
** nor did t, the queue, the shape, the settings or the rows' grid change by another way. */
static int unchanged(const nrn_model *m, const struct lsess *ls)
{
    int sh[8];
    double set[6];
    shape(m, sh, set);
    return m->wseq == ls->wseq && m->t == ls->t && m->evseq == ls->evseq &&
           m->nheap == ls->nheap && !memcmp(sh, ls->shape, sizeof sh) &&
           !memcmp(set, ls->set, sizeof set) && m->rec_every == ls->rec[0] &&
           m->dt == ls->rec[1];
}

/* What unchanged() compares, taken now. */
static void remember(const nrn_model *m, struct lsess *ls)
{
    shape(m, ls->shape, ls->set);
    ls->t = m->t, ls->evseq = m->evseq, ls->nheap = m->nheap;
    ls->wseq = m->wseq;
    ls->rec[0] = m->rec_every, ls->rec[1] = m->dt;
}

/* The parts' counters since the last join into m's (ls->base: m's when the parts were
** made; a part that did not step has added nothing). */
static void sum_counters(struct lsess *ls, int k)
{
    long c[8];
    cvl_counts(ls->r.th[k].sub, c);
    for (int i = 0; i < 8; i++)
        ls->tot[i] += c[i] - ls->pcount[k][i], ls->pcount[k][i] = c[i];
}

/* A new session (cont: made by continuerun) of m's, without parts yet. */
static struct lsess *new_session(nrn_model *m, int cont)
{
    struct lsess *ls = calloc(1, sizeof *ls);
    if (!ls)
        return NULL;
    m->cv->lsess = ls;
    ls->cont = cont;
    ls->r.m = m;
    ls->r.local = 1;
    ls->r.sums = 1; /* the session sums the parts' counters (add_sums) */
    counters(m->cv, ls->base, 1);
    return ls;
}

/* m's counters: those it had when the parts were made and the parts' sums since. */
static void add_sums(nrn_model *m, struct lsess *ls)
{
    counters(m->cv, ls->base, 0);
    cvl_add_counts(m, ls->tot);
    m->cv->need_init = 1; /* a later global step restarts from the joined state */
}

static int ph_less(const struct pheap *q, int a, int b)
{
    double x = q->key[q->h[a]], y = q->key[q->h[b]];
    return x < y || (x == y && q->h[a] < q->h[b]);
}

static void ph_swap(struct pheap *q, int a, int b)
{
    int x = q->h[a];
    q->h[a] = q->h[b], q->h[b] = x;
    q->pos[q->h[a]] = a, q->pos[q->h[b]] = b;
}

/* Part k's key is now x. */
static void ph_set(struct pheap *q, int n, int k, double x)
{
    int i = q->pos[k];
    q->key[k] = x;
    while (i > 0 && ph_less(q, i, (i - 1) / 2))
        ph_swap(q, i, (i - 1) / 2), i = (i - 1) / 2;
    for (;;) {
        int l = 2 * i + 1, c = i;
        if (l < n && ph_less(q, l, c))
            c = l;
        if (l + 1 < n && ph_less(q, l + 1, c))
            c = l + 1;
        if (c == i)
            break;
        ph_swap(q, i, c), i = c;
    }
}

static int ph_alloc(struct pheap *q, int n)
{
    q->h = malloc(sizeof(int) * (size_t)(2 * n + 1));
    q->key = malloc(sizeof(double) * (size_t)(n + 1));
    if (!q->h || !q->key)
        return NRN_ENOMEM;
    q->pos = q->h + n;
    for (int k = 0; k < n; k++)
        q->h[k] = k, q->pos[k] = k, q->key[k] = -INFINITY;
    return NRN_OK;
}

/*
** A part's time is its CVODE's (the end of its last step) while it stands inside that step
** at an event that did not restart it: as NEURON's cell, which an event to an artificial
** cell or one that changes nothing leaves where it was.
*/
static double part_t(const nrn_model *s)
{
    return s->cv->ahead ? s->cv->tn : s->t;
}

static double part_ev(const nrn_model *s)
{
    return s->nheap ? s->ev[s->heap[0]].t : INFINITY;
}

/* Part k's keys after it moved. */
static void requeue(struct lsess *ls, int k)
{
    const nrn_model *s = ls->r.th[k].sub;
    ph_set(&ls->tq, ls->r.n, k, part_t(s));
    ph_set(&ls->eq, ls->r.n, k, part_ev(s));
}

void thr_local_end(nrn_model *m)
{
    struct lsess *ls = m->cv ? m->cv->lsess : NULL;
    if (!ls)
        return;
    free(ls->tq.h), free(ls->tq.key), free(ls->eq.h), free(ls->eq.key), free(ls->dirty);
    free(ls->evl), free(ls->inevl), free(ls->seq0);
    free(ls->pcount);
    thr_free_run(&ls->r);
    free(ls);
    m->cv->lsess = NULL;
}

/* Part k's queue goes into m's at the next join. */
static void ev_touch(struct lsess *ls, int k)
{
    if (!ls->inevl[k])
        ls->inevl[k] = 1, ls->evl[ls->nevl++] = k;
}

/* The parts, made from m's present state. */
static int start(nrn_model *m)
{
    struct lsess *ls = new_session(m, 0);
    if (!ls)
        return model_err(m, NRN_ENOMEM, "out of memory (local step)");
    ls->r.tstop = INFINITY;
    int rc = thr_parts(&ls->r, 1);
    if (rc == NRN_OK)
        rc = thr_split(&ls->r);
    if (rc) {
        thr_local_end(m);
        return rc;
    }
    for (int k = 0; k < ls->r.n; k++) { /* the rows are m's, one per fadvance */
        ls->r.th[k].sub->nrec = 0;
        ls->r.th[k].sub->rec_every = 0;
    }
    ls->dirty = malloc((size_t)ls->r.n + 1);
    if (ls->dirty)
        memset(ls->dirty, 1, (size_t)ls->r.n + 1);
    ls->pcount = calloc((size_t)ls->r.n + 1, sizeof *ls->pcount);
    ls->evl = malloc(sizeof(int) * ((size_t)ls->r.n + 1));
    ls->inevl = calloc((size_t)ls->r.n + 1, 1);
    ls->seq0 = calloc((size_t)ls->r.n + 1, sizeof *ls->seq0);
    if (!ls->dirty || !ls->pcount || !ls->evl || !ls->inevl || !ls->seq0 ||
        ph_alloc(&ls->tq, ls->r.n) || ph_alloc(&ls->eq, ls->r.n)) {
        thr_local_end(m);
        return model_err(m, NRN_ENOMEM, "out of memory (local step)");
    }
    for (int k = 0; k < ls->r.n; k++) /* all, for the first join */
        ev_touch(ls, k);
    for (int k = 0; k < ls->r.n; k++)
        requeue(ls, k);
    return NRN_OK;
}

/* The parts' state, events and counters into m, then its row. */
static int join(nrn_model *m, struct lsess *ls, double t)
{
    struct run *r = &ls->r;
    model_flush(m);
    for (int k = 0; k < r->n; k++) { /* a part that did not step has m's values already */
        if (!ls->dirty[k])
            continue;
        ev_touch(ls, k);
        thr_join_state(r, &r->th[k]);
        sum_counters(ls, k);
        ls->dirty[k] = 0;
    }
    add_sums(m, ls); /* from the parts that moved only */
    int rc = thr_join_events(r, ls->evl, ls->nevl), n = 0;
    if (rc)
        return model_err(m, rc, "out of memory (events)");
    for (int j = 0; j < ls->nevl; j++) { /* those left with nothing queued leave the list */
        int k = ls->evl[j];
        ls->seq0[k] = r->th[k].sub->evseq;
        if (r->th[k].sub->nheap)
            ls->evl[n++] = k;
        else
            ls->inevl[k] = 0;
    }
    ls->nevl = n;
    m->t = t;
    m->nsteps++;
    if (m->nrec && ((rc = model_compile(m)) || (rc = record_sample(m))))
        return rc;
    model_flush(m);
    remember(m, ls);
    return NRN_OK;
}

int thr_local_fadvance(nrn_model *m)
{
    struct lsess *ls = m->cv->lsess;
    int rc = NRN_OK, k;
    if (ls && (ls->cont || !unchanged(m, ls)))
        thr_local_end(m), ls = NULL;
    if (!ls && (rc = start(m)))
        return rc;
    ls = m->cv->lsess;
    struct run *r = &ls->r;
    double tc = ls->tq.key[ls->tq.h[0]], te = ls->eq.key[ls->eq.h[0]];
    while (rc == NRN_OK) {
        int kt = ls->tq.h[0], ke = ls->eq.h[0];
        double t = ls->tq.key[kt], e = ls->eq.key[ke];
        if (!(t <= tc && e <= te))
            break;
        struct thr *th = &r->th[e <= t ? ke : kt];
        if ((rc = cvode_local_microstep(th->sub))) {
            model_err(m, rc, "%s", th->sub->err);
            break;
        }
        requeue(ls, th->id);
        ls->dirty[th->id] = 1;
        if (th->oom)
            rc = model_err(m, NRN_ENOMEM, "out of memory (spikes)");
        else if (th->nout && (rc = thr_exchange(r, th->sub->t)) == NRN_OK)
            for (k = 0; k < r->n; k++) { /* the spikes' deliveries queued in other parts */
                double e1 = part_ev(r->th[k].sub);
                if (e1 != ls->eq.key[k]) /* an unchanged key stays where it is */
                    ph_set(&ls->eq, r->n, k, e1);
                if (r->th[k].sub->evseq != ls->seq0[k])
                    ev_touch(ls, k);
            }
    }
    double t = ls->tq.key[ls->tq.h[0]];
    int jrc = join(m, ls, te < t ? te : t);
    if (rc || jrc)
        thr_local_end(m);
    return rc ? rc : jrc;
}

int thr_local_run(nrn_model *m, int ranks, struct run **out, int *fresh)
{
    struct lsess *ls = m->cv->lsess;
    double keep = ls && ls->cont && unchanged(m, ls);
    int rc;
    *fresh = 0;
    *out = NULL;
    if (ranks && (rc = par_min(m, &keep))) /* every rank keeps its parts, or none */
        return rc;
    if (keep > 0) {
        *out = &ls->r;
        return NRN_OK;
    }
    thr_local_end(m); /* a fadvance's parts, or a model changed since: m holds the state */
    if (!(ls = new_session(m, 1)))
        return model_err(m, NRN_ENOMEM, "out of memory (local step)");
    *fresh = 1;
    *out = &ls->r;
    return NRN_OK;
}

void thr_local_ran(nrn_model *m)
{
    struct lsess *ls = m->cv->lsess;
    if (!ls->pcount && !(ls->pcount = calloc((size_t)ls->r.n + 1, sizeof *ls->pcount))) {
        /* the parts' counts cannot be kept apart: the first run's are all of them, added
        ** once, and the next run splits anew */
        for (int k = 0; k < ls->r.n; k++)
            cvl_join(m, ls->r.th[k].sub);
        thr_local_end(m);
        return;
    }
    for (int k = 0; k < ls->r.n; k++)
        sum_counters(ls, k);
    add_sums(m, ls);
    remember(m, ls);
}
