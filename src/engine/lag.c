/*
** lag.c: NMODL's LAG x BY d (nrn_lag): the value x had d ms ago, from a queue of the
** (t, x) pairs seen at the statement's past calls, as scopmath's lag() that nocmodl calls.
** NEURON keys its queues by the lagged variable's address, so each instance has its own;
** here a queue belongs to one LAG statement (k) of one instance of one type. finitialize
** empties them all (NEURON's _ninits), and so does a compile that renumbered instances
** (NEURON's queues then follow addresses that no longer exist).
**
** A queue's rules are scopmath's, case by case, so the numbers are NEURON's: the first
** call stores (t, x) and returns x; a call at the stored last time overwrites that x; a
** later call appends, and once t - d has reached the oldest kept time, drops the times no
** longer needed and interpolates linearly at t - d. The returned value is the oldest kept
** x unless it interpolated; a call at the last time that finds the lag reached returns the
** value interpolated before (scopmath's quirk, kept).
*/
#include <stdlib.h>
#include <string.h>
#include "nrn_int.h"

struct lagq {
    double *t, *y;   /* kept times and values, [head, head + n) */
    int head, n, cap;
    double interp;   /* the last interpolated value */
};

struct lagtab {
    int type, k, ninst;
    struct lagq *q;  /* per instance */
};

struct lagstore {
    long gen;        /* the compile the instance numbers belong to */
    int ntab;
    struct lagtab *tab;
};

static void lag_clear(struct lagstore *s)
{
    for (int i = 0; i < s->ntab; i++) {
        for (int j = 0; j < s->tab[i].ninst; j++) {
            free(s->tab[i].q[j].t);
            free(s->tab[i].q[j].y);
        }
        free(s->tab[i].q);
    }
    free(s->tab);
    s->tab = NULL;
    s->ntab = 0;
}

void lag_reset(nrn_model *m)
{
    if (m->lag)
        lag_clear(m->lag);
}

void lag_free(nrn_model *m)
{
    lag_reset(m);
    free(m->lag);
    m->lag = NULL;
}

static struct lagq *lag_queue(nrn_model *m, int type, int k, int inst)
{
    if (!m->lag && !(m->lag = calloc(1, sizeof *m->lag)))
        return NULL;
    struct lagstore *s = m->lag;
    if (s->gen != m->gen) {
        lag_clear(s);
        s->gen = m->gen;
    }
    struct lagtab *tb = NULL;
    for (int i = 0; i < s->ntab && !tb; i++)
        if (s->tab[i].type == type && s->tab[i].k == k)
            tb = &s->tab[i];
    if (!tb) {
        struct lagtab *nt = realloc(s->tab, sizeof *nt * (s->ntab + 1));
        if (!nt)
            return NULL;
        s->tab = nt;
        tb = &s->tab[s->ntab++];
        memset(tb, 0, sizeof *tb);
        tb->type = type;
        tb->k = k;
    }
    if (inst >= tb->ninst) {
        int n = inst + 1 > 2 * tb->ninst ? inst + 1 : 2 * tb->ninst;
        struct lagq *nq = realloc(tb->q, sizeof *nq * n);
        if (!nq)
            return NULL;
        memset(nq + tb->ninst, 0, sizeof *nq * (n - tb->ninst));
        tb->q = nq;
        tb->ninst = n;
    }
    return &tb->q[inst];
}

/* Appends (t, y), moving the kept pairs to the front when the array is full. */
static int lag_push(struct lagq *q, double t, double y)
{
    if (q->head + q->n == q->cap) {
        if (q->head > q->cap / 2) {
            memmove(q->t, q->t + q->head, sizeof *q->t * q->n);
            memmove(q->y, q->y + q->head, sizeof *q->y * q->n);
            q->head = 0;
        } else {
            int cap = q->cap ? 2 * q->cap : 16;
            double *nt = realloc(q->t, sizeof *nt * cap);
            if (nt)
                q->t = nt;
            double *ny = nt ? realloc(q->y, sizeof *ny * cap) : NULL;
            if (!ny)
                return -1;
            q->y = ny;
            q->cap = cap;
        }
    }
    q->t[q->head + q->n] = t;
    q->y[q->head + q->n] = y;
    q->n++;
    return 0;
}

static double lag_nomem(nrn_model *m, double x)
{
    if (!m->ev_err) {
        model_err(m, NRN_ENOMEM, "LAG: out of memory");
        m->ev_err = NRN_ENOMEM;
    }
    return x;
}

double nrn_lag(const nrn_mech_ctx *c, nrn_mech_data *md, int inst, int k, double x,
               double lagt)
{
    nrn_model *m = c->model;
    double curt = c->t;
    struct lagq *q = lag_queue(m, md->type, k, inst);
    if (!q)
        return lag_nomem(m, x);
    if (q->n == 0)
        return lag_push(q, curt, x) ? lag_nomem(m, x) : x;
    int last = q->head + q->n - 1, interp = 0;
    if (curt == q->t[last]) {
        q->y[last] = x;
        interp = curt - q->t[q->head] >= lagt;
    } else if (curt - q->t[q->head] >= lagt) {
        if (lag_push(q, curt, x))
            return lag_nomem(m, x);
        while (q->n > 1 && curt - q->t[q->head + 1] >= lagt) {
            q->head++;
            q->n--;
        }
        double tl = curt - lagt, t0 = q->t[q->head];
        if (q->n > 1 && tl > t0) {
            double ratio = (tl - t0) / (q->t[q->head + 1] - t0);
            q->interp = q->y[q->head] + ratio * (q->y[q->head + 1] - q->y[q->head]);
            interp = 1;
        }
    } else if (curt > q->t[last] && lag_push(q, curt, x)) {
        return lag_nomem(m, x);
    }
    return interp ? q->interp : q->y[q->head];
}
