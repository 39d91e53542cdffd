/*
** sweep_thread.c: batches on threads. When points run in batches (replay mode, per-cell
** parameters), nrn-sweep runs them on -j threads of its own process rather than on forked
** workers: each thread gets a copy of the built model (nrn_model_clone), makes its
** replicas once, and takes batches from the plan until none are left, with no process to
** start, no copy-on-write page to fault in and no pipe. On a virtual machine where a page
** fault costs ten microseconds or more, that is most of what a forked worker costs a
** short sweep.
**
** The protocol is the noted simulation commands, compiled here to engine calls (a command
** this file does not know sends the sweep back to forked workers). Threads touch no Tcl:
** the command texts for error messages are taken before they start. The main thread
** alone stores results (the database's one writer) and commits as they arrive; it stops
** a batch that outlives --timeout through the engine's cancel flag. A batch that fails as
** a whole (cancelled, an engine error other than one replica's non-finite v) hands its
** points back; sweep_run_schedule then runs them one at a time in forked workers, where a
** point can be timed and blamed alone. What threads give up against processes is crash
** isolation, which the engine's own mechanisms do not need.
*/
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nrntcl.h"
#include "sweep_int.h"

/* One step of the protocol. */
enum sweep_step_kind { STEP_FINITIALIZE, STEP_FINITIALIZE_VINIT, STEP_FADVANCE, STEP_CONTINUERUN, STEP_RUN };
struct sweep_step {
    int kind;
    double x;         /* finitialize's V, continuerun's T */
    char *text;       /* the command as noted, for error messages */
};

/* A finished point on its way to the main thread. */
struct sweep_tres {
    size_t k;
    int ok;
    double seconds;
    double vals[SWEEP_NFEATS];
    char *err;        /* failed: the message (owned) */
};

struct sweep_trun;

/* One worker thread. Each is allocated on its own cache lines: the engine reads cancel at
** every step, and another thread writing next to it would make every read a miss. */
#define SWEEP_LINE 128
struct sweep_tw {
    char pad0[SWEEP_LINE];
    struct sweep_trun *t;
    nrn_model *m;            /* its own copy of the model (replicated in the thread) */
    pthread_t th;
    int started_ok;          /* the thread was created */
    volatile int cancel;     /* set by the main thread: stop the running batch */
    double since;            /* when its running batch started; 0 when idle (under mu) */
    struct sweep_feat_opts fo;
    char pad1[SWEEP_LINE];
};

/* What the threads share (under mu unless said). */
struct sweep_trun {
    struct sweep_run *r;
    struct sweep_step *steps;  /* read-only while threads run */
    int nsteps;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    size_t next;               /* next index into r->todo to hand out */
    struct sweep_tres *res;    /* finished points not stored yet */
    size_t nres, capres;
    size_t *redo;              /* points whose batch failed as a whole */
    size_t nredo;
    int stop;                  /* hand out nothing more */
    int running;               /* threads not finished */
    int oom;                   /* a result could not be kept */
};

/* Compiles the noted commands to steps. 0, or -1 when one is not a plain simulation command. */
static int sweep_thread_compile(struct sweep_trun *t, struct sweep *s)
{
    Tcl_Obj **cmds;
    int n;
    Tcl_ListObjGetElements(NULL, s->proto, &n, &cmds);
    if ((t->steps = calloc((size_t)n + 1, sizeof *t->steps)) == NULL)
        return -1;
    for (int i = 0; i < n; i++) {
        Tcl_Obj **w;
        int nw;
        const char *name;
        struct sweep_step *st = &t->steps[t->nsteps];
        if (Tcl_ListObjGetElements(NULL, cmds[i], &nw, &w) != TCL_OK || nw < 1)
            return -1;
        name = Tcl_GetString(w[0]);
        if (strcmp(name, "::nrn::finitialize") == 0 && nw <= 2) {
            st->kind = nw == 2 ? STEP_FINITIALIZE : STEP_FINITIALIZE_VINIT;
            if (nw == 2 && Tcl_GetDoubleFromObj(NULL, w[1], &st->x) != TCL_OK)
                return -1;
        } else if (strcmp(name, "::nrn::fadvance") == 0 && nw == 1) {
            st->kind = STEP_FADVANCE;
        } else if (strcmp(name, "::nrn::continuerun") == 0 && nw == 2) {
            st->kind = STEP_CONTINUERUN;
            if (Tcl_GetDoubleFromObj(NULL, w[1], &st->x) != TCL_OK || isnan(st->x))
                return -1;
        } else if (strcmp(name, "::nrn::run") == 0 && nw == 1) {
            st->kind = STEP_RUN;
        } else {
            return -1;
        }
        if ((st->text = strdup(Tcl_GetString(cmds[i]))) == NULL)
            return -1;
        t->nsteps++;
    }
    return 0;
}

/* One step on m. Engine status. */
static int sweep_thread_step(nrn_model *m, const struct sweep_step *st)
{
    double v;
    int rc;
    switch (st->kind) {
    case STEP_FINITIALIZE:
        return nrn_finitialize(m, st->x);
    case STEP_FINITIALIZE_VINIT:
        if ((rc = nrn_get(m, "v_init", &v)) != NRN_OK)
            return rc;
        return nrn_finitialize(m, v);
    case STEP_FADVANCE:
        return nrn_fadvance(m);
    case STEP_CONTINUERUN:
        return nrn_continuerun(m, st->x);
    default:
        return nrn_run(m);
    }
}

/*
** Runs the k points ks as replicas of the thread's model: fills ok (1, 0, SWEEP_REDO),
** vals and errs as sweep_run.c's batches do.
*/
static void sweep_thread_batch(struct sweep_tw *tw, const size_t *ks, int k, int *ok, double *vals,
                               char *errs)
{
    struct sweep *s = tw->t->r->s;
    nrn_model *m = tw->m;
    for (int r = 0; r < k; r++) {
        ok[r] = 1;
        errs[r * SWEEP_ERRMAX] = '\0';
        for (int i = 0; i < s->nfeats; i++)
            vals[r * s->nfeats + i] = NAN;
        if (sweep_run_apply(s, m, ks[r], r, errs + r * SWEEP_ERRMAX) != 0)
            ok[r] = 0;
    }
    for (int i = 0; i < tw->t->nsteps; i++) {
        if (sweep_thread_step(m, &tw->t->steps[i]) != NRN_OK) {
            for (int r = 0; r < k; r++)
                if (ok[r] == 1)
                    ok[r] = SWEEP_REDO;
            return;
        }
        for (int r = 0; r < k; r++) {
            const char *e = ok[r] == 1 ? nrn_replica_error(m, r) : NULL;
            if (e) {
                snprintf(errs + r * SWEEP_ERRMAX, SWEEP_ERRMAX, "%s: %s", tw->t->steps[i].text, e);
                ok[r] = 0;
            }
        }
    }
    for (int r = 0; r < k; r++)
        if (ok[r] == 1)
            ok[r] = sweep_run_measure(s, m, r, &tw->fo, vals + r * s->nfeats, errs + r * SWEEP_ERRMAX);
}

/* Hands the results of a batch to the main thread (under mu). */
static void sweep_thread_hand_in(struct sweep_trun *t, const size_t *ks, int k, const int *ok,
                                 const double *vals, const char *errs, double seconds, int nfeats)
{
    for (int i = 0; i < k; i++) {
        struct sweep_tres *x;
        if (ok[i] == SWEEP_REDO || t->stop) {
            if (!t->stop)
                t->redo[t->nredo++] = ks[i];
            continue;
        }
        if (t->nres == t->capres) {
            size_t cap = t->capres ? 2 * t->capres : 256;
            struct sweep_tres *p = realloc(t->res, cap * sizeof *p);
            if (p == NULL) {
                t->oom = 1;
                continue;
            }
            t->res = p;
            t->capres = cap;
        }
        x = &t->res[t->nres];
        x->k = ks[i];
        x->ok = ok[i];
        x->seconds = seconds;
        memcpy(x->vals, vals + i * nfeats, (size_t)nfeats * sizeof(double));
        x->err = NULL;
        if (!ok[i] && (x->err = strdup(errs + i * SWEEP_ERRMAX)) == NULL) {
            t->oom = 1;
            continue;
        }
        t->nres++;
    }
}

/* A worker thread: replicates its model, then runs batches until the plan is used up. */
static void *sweep_thread_main(void *arg)
{
    struct sweep_tw *tw = arg;
    struct sweep_trun *t = tw->t;
    struct sweep_run *r = t->r;
    int b = r->batch, nf = r->s->nfeats;
    size_t ks[SWEEP_BMAX];
    int *ok = malloc(sizeof(int) * (size_t)b);
    double *vals = malloc(sizeof(double) * (size_t)b * SWEEP_NFEATS);
    char *errs = malloc((size_t)SWEEP_ERRMAX * (size_t)b);
    int usable = ok && vals && errs && nrn_replicate(tw->m, b) == NRN_OK;

    nrn_set_cancel(tw->m, &tw->cancel);
    pthread_mutex_lock(&t->mu);
    for (;;) {
        int k = 0;
        double t0;
        if (!usable || t->stop || t->next >= r->ntodo)
            break;
        while (k < b && t->next < r->ntodo)
            ks[k++] = r->todo[t->next++];
        tw->cancel = 0;
        tw->since = t0 = sweep_run_now();
        pthread_mutex_unlock(&t->mu);
        sweep_thread_batch(tw, ks, k, ok, vals, errs);
        pthread_mutex_lock(&t->mu);
        tw->since = 0;
        sweep_thread_hand_in(t, ks, k, ok, vals, errs, (sweep_run_now() - t0) / k, nf);
        pthread_cond_signal(&t->cv);
    }
    t->running--;
    pthread_cond_signal(&t->cv);
    pthread_mutex_unlock(&t->mu);
    free(ok);
    free(vals);
    free(errs);
    return NULL;
}

/* Stores what the threads handed in (main thread; mu not held). */
static void sweep_thread_store(struct sweep_run *r, struct sweep_tres *res, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        sweep_run_store(r, res[i].k, res[i].vals, res[i].ok, res[i].err, res[i].seconds);
        free(res[i].err);
    }
    if (n > 0 && !r->db_error && sweep_db_commit(r->db, r->err, sizeof r->err) != 0)
        r->db_error = 1;
}

/* Frees the steps. */
static void sweep_thread_free_steps(struct sweep_trun *t)
{
    for (int i = 0; i < t->nsteps; i++)
        free(t->steps[i].text);
    free(t->steps);
}

/* See sweep_int.h. */
int sweep_thread_run(struct sweep_run *r)
{
    struct sweep *s = r->s;
    struct sweep_trun t;
    struct sweep_tw *tw;
    struct sweep_tres *batch = NULL;
    size_t cap = 0;
    sigset_t block, old;
    int nw = r->nw, rc = 0;

    memset(&t, 0, sizeof t);
    t.r = r;
    if (r->solo || r->batch <= 1 || sweep_thread_compile(&t, s) != 0) {
        sweep_thread_free_steps(&t);
        return 1;
    }
    if ((size_t)nw > (r->ntodo + (size_t)r->batch - 1) / (size_t)r->batch)
        nw = (int)((r->ntodo + (size_t)r->batch - 1) / (size_t)r->batch);
    tw = calloc((size_t)nw, sizeof *tw);
    t.redo = malloc((r->ntodo + 1) * sizeof *t.redo);
    if (tw == NULL || t.redo == NULL) {
        free(tw);
        free(t.redo);
        sweep_thread_free_steps(&t);
        return 1;
    }
    for (int i = 0; i < nw; i++) {
        tw[i].t = &t;
        tw[i].fo = s->fo;
        if (nrn_model_clone(nrntcl_model(s->st), &tw[i].m) != NRN_OK) {
            for (int j = 0; j < i; j++)
                nrn_model_free(&tw[j].m);
            free(tw);
            free(t.redo);
            sweep_thread_free_steps(&t);
            return 1;
        }
    }
    pthread_mutex_init(&t.mu, NULL);
    pthread_cond_init(&t.cv, NULL);
    /* signals go to the main thread, which stops the sweep */
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    s->threaded = 1;
    pthread_mutex_lock(&t.mu);
    for (int i = 0; i < nw; i++)
        if (pthread_create(&tw[i].th, NULL, sweep_thread_main, &tw[i]) == 0) {
            tw[i].started_ok = 1;
            t.running++;
        }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    while (t.running > 0 || t.nres > 0) {
        size_t n;
        if (t.nres == 0 && t.running > 0) {
            struct timespec until;
            double wake = sweep_run_now() + (r->progress ? 0.1 : 0.25);
            if (s->a.timeout > 0)
                for (int i = 0; i < nw; i++)
                    if (tw[i].since > 0 && tw[i].since + s->a.timeout < wake)
                        wake = tw[i].since + s->a.timeout;
            clock_gettime(CLOCK_REALTIME, &until);
            wake -= sweep_run_now();
            if (wake < 0)
                wake = 0;
            until.tv_sec += (time_t)wake;
            until.tv_nsec += (long)((wake - (double)(time_t)wake) * 1e9);
            if (until.tv_nsec >= 1000000000L) {
                until.tv_sec++;
                until.tv_nsec -= 1000000000L;
            }
            pthread_cond_timedwait(&t.cv, &t.mu, &until);
        }
        if (s->a.timeout > 0) /* a batch past the limit: cancelled, its points go alone */
            for (int i = 0; i < nw; i++)
                if (tw[i].since > 0 && sweep_run_now() - tw[i].since > s->a.timeout)
                    tw[i].cancel = 1;
        if (sweep_run_signal || r->db_error || t.oom) {
            t.stop = 1;
            for (int i = 0; i < nw; i++)
                tw[i].cancel = 1;
        }
        /* take the results out, store them unlocked */
        n = t.nres;
        if (n > cap) {
            struct sweep_tres *p = realloc(batch, n * sizeof *p);
            if (p == NULL) { /* give up on these: the sweep stops as failed */
                for (size_t i = 0; i < n; i++)
                    free(t.res[i].err);
                t.nres = 0;
                t.oom = 1;
                continue;
            }
            batch = p;
            cap = n;
        }
        if (n > 0)
            memcpy(batch, t.res, n * sizeof *batch);
        t.nres = 0;
        pthread_mutex_unlock(&t.mu);
        sweep_thread_store(r, batch, n);
        sweep_run_progress(r, 0);
        pthread_mutex_lock(&t.mu);
    }
    pthread_mutex_unlock(&t.mu);
    for (int i = 0; i < nw; i++) {
        if (tw[i].started_ok)
            pthread_join(tw[i].th, NULL);
        nrn_model_free(&tw[i].m);
    }
    pthread_mutex_destroy(&t.mu);
    pthread_cond_destroy(&t.cv);
    if (t.oom && !r->db_error) {
        snprintf(r->err, sizeof r->err, "out of memory");
        r->db_error = 1;
    }
    /* what the threads did not run: batches that failed, and any left when a thread could
    ** not start; forked workers run them one at a time */
    if (!t.stop) {
        for (size_t i = t.next; i < r->ntodo; i++)
            t.redo[t.nredo++] = r->todo[i];
        for (size_t i = 0; i < t.nredo; i++)
            r->todo[r->done + i] = t.redo[i];
        r->next = r->done;
        r->ntodo = r->done + t.nredo;
        r->solo = 1;
    }
    free(t.res);
    free(batch);
    free(t.redo);
    free(tw);
    sweep_thread_free_steps(&t);
    if (sweep_run_signal || r->db_error)
        rc = -1;
    return rc;
}
