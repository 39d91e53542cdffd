/*
** sweep_int.h: private interface of nrn-sweep, shared by nrn-sweep.c (options, setup, the
** plan and merge subcommands, main), sweep_run.c (the workers and the parent's scheduler)
** and sweep_prov.c (the provenance row and the result CSV): the sweep's structures.
*/
#ifndef SWEEP_INT_H
#define SWEEP_INT_H

#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <sys/types.h>
#include <tcl.h>

#include "cli_opt.h"
#include "nrn.h"
#include "nrntcl.h"
#include "sweep_db.h"
#include "sweep_feat.h"
#include "sweep_plan.h"

#define PROG "nrn-sweep"
#define SWEEP_ERRMAX 1500 /* longest error text sent back by a worker */
#define SWEEP_DEPTH 8     /* points queued per replay worker (one running, the rest waiting) */
#define SWEEP_BMAX 256    /* most points in one batch (replicas of the model, run together) */
#define SWEEP_REDO (-1)   /* a batch's result: the batch failed, run this point alone */
#define SWEEP_NSIM 4      /* simulation commands intercepted (sweep_run.c: sweep_simcmds) */
#define SWEEP_NOPATH (-2) /* script mode: a point's value path is not in the model */
#define SWEEP_VAR_READ 1  /* script mode: the scripts read a Tcl variable parameter */
#define SWEEP_VAR_LOST 2  /* ... or wrote it before reading it */

/* What the command line asked for. */
struct sweep_args {
    const char **models;   /* -m, in order */
    int nmodels;
    const char **params;   /* -p NAME=SPEC, in order */
    int nparams;
    const char **defines;  /* -D NAME=VALUE */
    int ndefines;
    const char **mechs;    /* --mechanisms LIB, in order */
    int nmechs;
    int zip;               /* --zip */
    const char *points;    /* --points FILE */
    const char *measure;   /* --measure LIST, or NULL for all */
    const char *on;        /* --on COLUMN */
    double threshold;      /* --threshold */
    const char *stim;      /* --stim */
    int jobs;              /* -j, 0 for the number of cores */
    const char *db;        /* --db */
    const char *table;     /* --table */
    const char *output;    /* -o */
    int retry_failed;      /* --retry-failed */
    int force;             /* --force */
    double timeout;        /* --timeout, 0 for none */
    int batch;             /* --batch, 0 for automatic */
    const char *shard;     /* --shard I/N */
    int has_seed;          /* --seed given */
    long seed;             /* its value */
    int digits;            /* --precision */
    struct cli_sim sim;    /* --tstop --dt --celsius --v-init --every */
    int help, version;     /* -h, --version */
};

/* One intercepted command: the sweep and which command it is. */
struct sweep_hook {
    struct sweep *s; /* the sweep */
    int which;       /* index into sweep_simcmds */
};

/* A worker process as the parent sees it. */
struct sweep_worker {
    pid_t pid;          /* its process, 0 when none */
    int cmd_fd;         /* point indices go here */
    int res_fd;         /* result messages come from here */
    size_t q[SWEEP_DEPTH]; /* the points sent, oldest (running) first */
    int nq;             /* how many */
    double started;     /* when q[0] started, seconds */
    int budget;         /* points it may still take (-1: any number) */
    unsigned char buf[8192]; /* partial messages read */
    size_t nbuf;        /* bytes in buf */
};

/* The whole sweep. */
struct sweep {
    struct sweep_args a;          /* the command line */
    char *const *scripts;         /* SCRIPT operands */
    int nscripts;
    struct sweep_plan plan;       /* the points */
    int plan_pending;             /* 1: ids and duplicates still to do; 2: a thread does them */
    pthread_t plan_th;            /* that thread */
    int plan_rc;                  /* its result (0, or -1 out of memory) */
    int shard_i, shard_n;         /* --shard I/N */
    int feats[SWEEP_NFEATS];      /* features to compute */
    int feat_int[SWEEP_NFEATS];   /* which are integers */
    const char *feat_names[SWEEP_NFEATS];
    int nfeats;
    struct sweep_feat_opts fo;    /* feature settings (stimulus set per point) */
    int stim_fixed;               /* --stim A:B given */
    Tcl_Interp *interp;           /* the interpreter */
    nrntcl *st;                   /* its nrn state */
    int script_mode;              /* 1: SCRIPTs run per point (some Tcl-variable parameter) */
    nrn_ref *refs;                /* replay mode: resolved value paths, by parameter */
    Tcl_CmdInfo orig[SWEEP_NSIM]; /* the simulation commands' real procs */
    struct sweep_hook hooks[SWEEP_NSIM];
    Tcl_Obj *proto;               /* replay mode: the noted simulation commands (a list) */
    size_t cur;                   /* point being run (in a worker) */
    int applied;                  /* script mode: value paths set for this point */
    int nopath;                   /* script mode: a value path was not found (SWEEP_NOPATH) */
    unsigned char *var_use;       /* script mode: per parameter, SWEEP_VAR_READ or _LOST */
    char *errbuf;                 /* the point's error text (SWEEP_ERRMAX bytes) */
    int forked;                   /* in the parent: workers were started */
    int threaded;                 /* points ran on threads */
    double trial;                 /* replay mode: seconds the protocol's trial run took */
};

struct pollfd;

/* The parent's bookkeeping of a run. */
struct sweep_run {
    struct sweep *s;
    struct sweep_db *db;
    struct sweep_worker *w;  /* the workers */
    int nw;                  /* their number (-j) */
    size_t *todo;            /* points to run, in order */
    unsigned char *skip;     /* per point: 1 if found done in the database */
    size_t ntodo, next;      /* how many; the next to hand out */
    int batch;               /* points a thread runs together as replicas (1: no batches) */
    int solo;                /* 1: points run one at a time (no batches, or a batch failed) */
    struct pollfd *pf;       /* the scheduler's poll set, and the worker of each entry */
    int *who;
    size_t *again;           /* points handed back by a dead worker, run first */
    size_t nagain;
    size_t done, failed;     /* results stored this run */
    size_t skipped, skipped_failed; /* points found in the database */
    int db_error;            /* a database write failed */
    int usage;               /* script mode: a result showed bad usage (message in err) */
    int verified;            /* script mode: a point ran without error: usage is fine */
    double t0, last_progress; /* start, last progress line */
    int progress;            /* stderr is a terminal */
    char err[2048];          /* database error text */
};

/* ---- sweep_run.c ---- */

/* Set by the parent's signal handler. */
extern volatile sig_atomic_t sweep_run_signal;
/* Monotonic time in seconds. */
double sweep_run_now(void);
/* Replay mode, while building: notes the command instead of running it. */
int sweep_run_note_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[]);
/* Points the simulation commands at proc (NULL: back to their own). Returns 0 or -1. */
int sweep_run_hook_sim(struct sweep *s, Tcl_ObjCmdProc *proc);
/* Runs one script file. Returns the Tcl status. */
int sweep_run_eval_file(struct sweep *s, const char *path);
/* The column to measure: --on, or the first one that is not t. -1 if none. */
int sweep_run_on_column(const struct sweep *s);
/* Sets the value paths of point k on replica r of m. 0, or -1 with the message in err
** (SWEEP_ERRMAX bytes); SWEEP_NOPATH when a path is not in the model (script mode). */
int sweep_run_apply(struct sweep *s, nrn_model *m, size_t k, int r, char *err);
/* Measures the point just run in replica r of m into vals (fo: the caller's copy of the
** feature settings; its stimulus window is set here). 1, or 0 with the error in err. */
int sweep_run_measure(struct sweep *s, nrn_model *m, int r, struct sweep_feat_opts *fo, double *vals,
                      char *err);
/* Stores one result (vals NULL for none) and counts it. */
void sweep_run_store(struct sweep_run *r, size_t k, const double *vals, int ok, const char *error,
                     double seconds);
/* Prints the progress line (a terminal only). final: the last one, cleared. */
void sweep_run_progress(struct sweep_run *r, int final);
/* The parent's signal handler: note it; the loop stops. */
void sweep_run_on_signal(int sig);
/* Runs the points r->todo with the workers. Returns 0, or -1 when interrupted or the
** database failed. */
int sweep_run_schedule(struct sweep_run *r);

/* ---- sweep_thread.c ---- */

/*
** Runs the points r->todo in batches on threads of this process, each with its own copy of
** the model (batch mode only). Points whose batch failed as a whole are left at the end of
** r->todo (r->next..r->ntodo) with r->solo set, for sweep_run_schedule to run one at a time
** in forked workers. Returns 0; 1 when threads do not apply here (nothing was run: use
** sweep_run_schedule); -1 when interrupted or the database failed.
*/
int sweep_thread_run(struct sweep_run *r);

/* ---- sweep_prov.c ---- */

/* Current UTC time as ISO 8601 into buf (32 bytes). */
const char *sweep_prov_iso_now(char *buf);
/* Writes the provenance row of this run. 0 or -1 with err. */
int sweep_prov_write(struct sweep *s, struct sweep_db *db, int argc, char **argv,
                     size_t skipped, char *err, size_t errsize);
/* Writes the result CSV (-o FILE atomically, else stdout). Exit status or 0. */
int sweep_prov_csv(struct sweep *s, struct sweep_db *db);

#endif /* SWEEP_INT_H */
