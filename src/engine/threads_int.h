/*
** threads_int.h: what threads.c (the rounds: workers, barriers, the spike exchange) and
** threads_split.c (the rank's model split into one pruned copy per thread or per cell, and
** joined back) share: the run, each thread's part, the spikes kept for the exchange.
*/
#ifndef THREADS_INT_H
#define THREADS_INT_H

#include <pthread.h>
#include "nrn_int.h"

/* A spike of a thread's cell, kept for the exchange. */
struct tspike {
    double t;
    int ps;   /* its source (the same index in every model) */
    int gid;  /* -1 without one */
    int from; /* the thread, -1 for another rank */
};


/* A barrier whose number of parties is set once the workers have started (a thread that
** could not start is run by the main thread instead). */
struct gate {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int count, waiting;
    unsigned gen;
};

/* The run: what every thread shares. */
struct run {
    nrn_model *m;          /* the rank's model */
    struct thr *th;
    int n;                 /* threads */
    int *secown, *ppown;   /* owner thread of each section and object of m */
    int *preown;           /* owner of each spike source (thr_presyn_owner), from thr_split */
    int *ppl, *nctl;       /* m's object i is object ppl[i] of its part; m's NetCon i is
                           ** NetCon nctl[i] of its target's part (-1: none); thr_split */
    long steps;            /* steps in the current round */
    int stop;              /* workers leave */
    struct gate go, done;  /* the workers start a round, finish it */
    int nworker;           /* workers started */
    int ranks;             /* exchange with the other ranks too */
    int lanes;             /* threads: lane k runs parts k, k + lanes, ... */
    int local;             /* cvode -local 1: a part per cell, each its own CVODE */
    int sums;              /* local: the session (threads_local.c) sums the parts' counters */
    size_t taken;          /* the samples of the parts merged into m's records so far */
    double delay;          /* the smallest NetCon delay between two parts (thread_delay) */
    double tend;           /* local: the round's end */
    double interval;       /* local: the rounds' length */
    double tstop;          /* local: the run's end, CVODE's stop time */
};

/* One thread's part. */
struct thr {
    struct run *run;
    int id;
    nrn_model *sub;
    int *secmap;           /* sub's section i is m's secmap[i] */
    int nsec;
    int *recmap;           /* sub's record i is m's recmap[i] */
    int *playmap;          /* sub's play i is m's playmap[i] */
    int *premap;           /* sub's spike source i is m's premap[i] */
    int *ppmap, *ncmap;    /* sub's object i is m's ppmap[i], its NetCon i m's ncmap[i] */
    int *vecmap;           /* sub's vector i is m's vecmap[i] */
    size_t *vecn;          /* length of each of sub's vectors at the last join */
    struct tspike *out;    /* the current round's spikes */
    int nout, capout, oom;
    int rc;                /* the round's status */
    double wake;           /* local: parked (cvode_run.c's park) until this round's end
                           ** reaches its step's end or first event; -inf: not parked */
    pthread_t tid;
    int started;
};


/* threads.c */
/* m (r->m) partitioned into r's parts (a part per cell when r->local), m flushed. */
int thr_parts(struct run *r, int nthread);
/* The parts' spikes since the last exchange replayed on m and sent to the parts. */
int thr_exchange(struct run *r, double t);
void thr_free_run(struct run *r);

/* threads_split.c */
/* Cells go round robin to n parts (a part per cell under the local step); the number of
** cells. */
int thr_partition(struct run *r, int n);
/* Local step: parts joined by a zero-delay NetCon merged; the new number of parts. */
int thr_group_zero_delay(struct run *r);
/* Each part's pruned copy of the rank's model, with the queued events routed to them. */
int thr_split(struct run *r);
/* A thread's state back into the rank's model, then the events still queued in the parts. */
void thr_join_state(struct run *r, struct thr *th);
int thr_join_events(struct run *r, const int *parts, int np);
/* The part owning spike source ps. */
int thr_presyn_owner(const struct run *r, int ps);

/* threads_local.c */
/* The parts for a local continuerun or psolve: the last run's, kept (*fresh 0) when m is as
** that run left it (ranks: on every rank; collective), else a new run to split (*fresh 1);
** *out NULL on failure (the status returned, the message in m). */
int thr_local_run(nrn_model *m, int ranks, struct run **out, int *fresh);
/* After a local run: its counters summed into m's, the parts kept for the next run. */
void thr_local_ran(nrn_model *m);

#endif
