/*
** nrn-sweep.c: nrn-sweep, many runs of one model, one table of results.
**
**     nrn-sweep [-m MODEL]... SCRIPT.tcl -p NAME=SPEC... [--measure LIST] [-j N]
**               [--db FILE.sqlite] [-o FILE.csv] [--shard I/N]
**     nrn-sweep plan [options as above]      the points, one per line
**     nrn-sweep merge OUT.sqlite IN.sqlite... join shard databases
**
** The model is built once, in this process; then worker processes forked from it run
** the points and send each result row back over a pipe; this process alone writes the
** database, committing as results arrive. Two ways of running a point (the script
** protocol, also in man/nrn-sweep.1):
**
**  - replay (every parameter is a value path such as soma.gnabar_hh or ic.amp): the MODELs
**    and SCRIPTs run once; their simulation commands (finitialize, fadvance, continuerun,
**    run) are noted, not executed. Workers live for the whole sweep; for each point one
**    sets the values and replays the noted commands (`run` if there were none).
**  - script per point (some parameter is a Tcl variable): the MODELs run once; for each
**    point a child forked from that state sets the variables, runs the SCRIPTs, sets the
**    value paths just before the first simulation command, and does `run` if the
**    scripts did not.
**
** Then the features (sweep_feat.c) of the recorded voltage, a row per point (sweep_db.c).
*/
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <sqlite3.h>
#include <tcl.h>

#include "atomfile.h"
#include "cli_opt.h"
#include "nrn.h"
#include "nrntcl.h"
#include "nrntcl_int.h"
#include "numfmt.h"
#include "sweep_db.h"
#include "sweep_feat.h"
#include "sweep_plan.h"
#include "sweep_sha256.h"
#include "cli_tclerr.h"
#include "cli_tcl.h"

#define PROG "nrn-sweep"
#define SWEEP_ERRMAX 1500 /* longest error text sent back by a worker */
#define SWEEP_DEPTH 8     /* points queued per replay worker (one running, the rest waiting) */

/* Long-only options. */
enum {
    OPT_ZIP = 256, OPT_POINTS, OPT_MEASURE, OPT_ON, OPT_THRESHOLD, OPT_STIM, OPT_DB, OPT_TABLE,
    OPT_RETRY, OPT_FORCE, OPT_TIMEOUT, OPT_SHARD, OPT_SEED, OPT_PRECISION, OPT_TSTOP, OPT_DT,
    OPT_CELSIUS, OPT_VINIT, OPT_EVERY, OPT_VERSION
};

/* nrn-sweep's options: --help, the man page and the completions follow this table. */
static const struct cli_opt sweep_opts[] = {
    { "model", 'm', CLI_PATH, "MODEL", "run MODEL (a Tcl model script) once, before forking" },
    { "param", 'p', CLI_STRING, "NAME=SPEC", "sweep NAME over SPEC: a:b:n (n values) or v1,v2,..." },
    CLI_OPT_DEFINE,
    { "zip", OPT_ZIP, CLI_FLAG, NULL, "pair the -p lists (i-th with i-th) instead of a grid" },
    { "points", OPT_POINTS, CLI_PATH, "FILE.csv", "take the points from a CSV file (header: names)" },
    { "measure", OPT_MEASURE, CLI_STRING, "LIST", "features to compute (default: all; see below)" },
    { "on", OPT_ON, CLI_STRING, "COLUMN", "measure this recorded column or path (default: first after t)" },
    { "threshold", OPT_THRESHOLD, CLI_DOUBLE, "MV", "spike detection threshold (default -20 mV)" },
    { "stim", OPT_STIM, CLI_STRING, "A:B|OBJ", "stimulus window in ms, or an IClamp's (default: first IClamp)" },
    { "jobs", 'j', CLI_INT, "N", "run N points at a time (default: the number of cores)" },
    { "db", OPT_DB, CLI_PATH, "FILE.sqlite", "keep results in FILE (resumable; WAL, one writer)" },
    { "table", OPT_TABLE, CLI_STRING, "NAME", "results table in the database (default sweep)" },
    { "output", 'o', CLI_PATH, "FILE.csv", "write the whole result table as CSV (atomically)" },
    { "retry-failed", OPT_RETRY, CLI_FLAG, NULL, "run again the points recorded as failed" },
    { "force", OPT_FORCE, CLI_FLAG, NULL, "run every point, even those already in the database" },
    { "timeout", OPT_TIMEOUT, CLI_DOUBLE, "SECONDS", "fail a point that runs longer than this" },
    { "shard", OPT_SHARD, CLI_STRING, "I/N", "run only shard I of N (every N-th point from the I-th)" },
    { "seed", OPT_SEED, CLI_INT, "N", "set Tcl variable seed to N and record it" },
    { "precision", OPT_PRECISION, CLI_INT, "N", "N significant digits in CSV (default: shortest exact)" },
    CLI_OPTS_SIM(OPT_TSTOP),
    CLI_OPT_HELP,
    CLI_OPT_VERSION(OPT_VERSION, PROG),
    { NULL, 0, 0, NULL, NULL },
};

static const char sweep_usage[] =
    PROG " [-m MODEL]... SCRIPT.tcl -p NAME=SPEC... [--measure LIST] [-j N] [--db FILE]\n"
    "                 [-o FILE.csv] [--shard I/N]\n"
    "       " PROG " plan [same options]             print the points, one per line\n"
    "       " PROG " merge OUT.sqlite IN.sqlite...   join shard databases";

static const char sweep_epilog[] =
    "Examples:\n"
    "  nrn-sweep recipes/hh.tcl -p ic.amp=0.1:1:10 --measure Spikecount,time_to_first_spike\n"
    "  nrn-sweep cell.tcl -p soma.gnabar_hh=0.08:0.16:9 -p ic.amp=0,0.5,1 --db runs.sqlite\n"
    "  nrn-sweep cell.tcl --points points.csv -j 8 -o results.csv\n"
    "  nrn-sweep cell.tcl -p ic.amp=0:1:100 --db shard3.sqlite --shard 3/8\n"
    "  nrn-sweep merge all.sqlite shard*.sqlite\n"
    "  nrn-sweep plan cell.tcl -p ic.amp=0:1:100 | xargs -P 4 -L 1 nrn-sweep cell.tcl --db r.sqlite\n"
    "\n"
    "A NAME with a '.' or '(' (or dt, tstop, celsius, v_init) is a value path set on the\n"
    "model; another NAME is a Tcl variable the SCRIPT reads. With value paths only, the\n"
    "scripts run once and their simulation commands are replayed for each point; with Tcl\n"
    "variables, the SCRIPTs run again for each point in a copy of the model the MODELs\n"
    "built. nrn-sweep does `run` when the scripts ran no simulation.\n"
    "\n"
    "Features (eFEL's names and definitions; --threshold, --stim): Spikecount,\n"
    "time_to_first_spike, mean_frequency, ISI_CV, AP_amplitude, AP_duration_half_width,\n"
    "voltage_base, minimum_voltage, maximum_voltage.\n"
    "\n"
    "With --db, each finished point is committed; running the same command again skips\n"
    "the points already there, so an interrupted sweep resumes. Without --db and -o, the\n"
    "CSV goes to standard output. Progress goes to standard error when it is a terminal.\n"
    "\n"
    "Exit status: 0 every point succeeded, 1 the model failed to build or some point\n"
    "failed (the others are still recorded), 2 bad usage.\n";

/* What the command line asked for. */
struct sweep_args {
    const char **models;   /* -m, in order */
    int nmodels;
    const char **params;   /* -p NAME=SPEC, in order */
    int nparams;
    const char **defines;  /* -D NAME=VALUE */
    int ndefines;
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
    const char *shard;     /* --shard I/N */
    int has_seed;          /* --seed given */
    long seed;             /* its value */
    int digits;            /* --precision */
    struct cli_sim sim;    /* --tstop --dt --celsius --v-init --every */
    int help, version;     /* -h, --version */
};

/* The simulation commands nrn-sweep intercepts. */
static const char *const sweep_simcmds[] = { "finitialize", "fadvance", "continuerun", "run" };
#define SWEEP_NSIM 4

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

/* A result message from a worker (followed by nfeat doubles and the error text). */
struct sweep_msg {
    uint32_t size;    /* bytes of the whole message */
    uint32_t point;   /* point index */
    int32_t ok;       /* 1 succeeded, 0 failed */
    uint32_t nfeat;   /* features that follow */
    double seconds;   /* time the point took */
};

/* The whole sweep. */
struct sweep {
    struct sweep_args a;          /* the command line */
    char *const *scripts;         /* SCRIPT operands */
    int nscripts;
    struct sweep_plan plan;       /* the points */
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
    char *errbuf;                 /* the point's error text (SWEEP_ERRMAX bytes) */
};

/* Set by the parent's signal handler. */
static volatile sig_atomic_t sweep_signal;

/* Monotonic time in seconds. */
static double sweep_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Collects one option into struct sweep_args ud. */
static int sweep_opt(void *ud, const struct cli_opt *o, const char *arg, double num)
{
    struct sweep_args *a = ud;
    switch (o->key) {
    case 'm': a->models[a->nmodels++] = arg; break;
    case 'p': a->params[a->nparams++] = arg; break;
    case 'D':
        if (cli_define_check(PROG, arg))
            return 1;
        a->defines[a->ndefines++] = arg;
        break;
    case OPT_ZIP: a->zip = 1; break;
    case OPT_POINTS: a->points = arg; break;
    case OPT_MEASURE: a->measure = arg; break;
    case OPT_ON: a->on = arg; break;
    case OPT_THRESHOLD: a->threshold = num; break;
    case OPT_STIM: a->stim = arg; break;
    case 'j':
        if (cli_range_check(PROG, "-j", num, arg, 1, 4096))
            return 1;
        a->jobs = (int)num;
        break;
    case OPT_DB: a->db = arg; break;
    case OPT_TABLE:
        if (arg[0] == '\0' || strncmp(arg, "sqlite_", 7) == 0 || strcmp(arg, "provenance") == 0) {
            cli_error(PROG, "--table: '%s' cannot be used as a table name", arg);
            return 1;
        }
        a->table = arg;
        break;
    case 'o': a->output = arg; break;
    case OPT_RETRY: a->retry_failed = 1; break;
    case OPT_FORCE: a->force = 1; break;
    case OPT_TIMEOUT:
        if (!(num > 0)) {
            cli_error(PROG, "--timeout: must be > 0, got %s", arg);
            return 1;
        }
        a->timeout = num;
        break;
    case OPT_SHARD: a->shard = arg; break;
    case OPT_SEED: a->has_seed = 1; a->seed = (long)num; break;
    case OPT_PRECISION:
        if (cli_range_check(PROG, "--precision", num, arg, 1, 17))
            return 1;
        a->digits = (int)num;
        break;
    case OPT_TSTOP: case OPT_DT: case OPT_CELSIUS: case OPT_VINIT: case OPT_EVERY:
        cli_sim_opt(&a->sim, o->key - OPT_TSTOP, num);
        break;
    case 'h': a->help = 1; break;
    case OPT_VERSION: a->version = 1; break;
    }
    return 0;
}

/* Prints the versions of nrn-sweep and its libraries. */
static void sweep_print_version(void)
{
    cli_tcl_print_version(PROG);
    printf("SQLite %s\n", sqlite3_libversion());
}

/* ---------------------------------------------------------------------------------------
** Features and the points' measurements (run in the workers)
*/

/* Parses --measure into s->feats. Returns 0, or -1 after a usage message. */
static int sweep_parse_measure(struct sweep *s)
{
    s->nfeats = 0;
    if (s->a.measure == NULL) {
        for (int i = 0; i < SWEEP_NFEATS; i++)
            s->feats[s->nfeats++] = i;
    } else {
        char *copy = strdup(s->a.measure), *tok, *save = NULL;
        if (copy == NULL)
            return -1;
        for (tok = strtok_r(copy, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
            int f = sweep_feat_find(tok), dup = 0;
            if (f < 0) {
                cli_error(PROG, "--measure: unknown feature '%s' (known: Spikecount, "
                                "time_to_first_spike, mean_frequency, ISI_CV, AP_amplitude, "
                                "AP_duration_half_width, voltage_base, minimum_voltage, "
                                "maximum_voltage)", tok);
                free(copy);
                return -1;
            }
            for (int i = 0; i < s->nfeats; i++)
                dup |= s->feats[i] == f;
            if (!dup)
                s->feats[s->nfeats++] = f;
        }
        free(copy);
    }
    for (int i = 0; i < s->nfeats; i++) {
        s->feat_names[i] = sweep_feats[s->feats[i]].name;
        s->feat_int[i] = sweep_feats[s->feats[i]].is_int;
    }
    return 0;
}

/* Engine id of the column named name, or -1. */
static int sweep_column(const nrntcl *st, const char *name)
{
    int ids[1024], n = nrntcl_columns(st, ids, 1024);
    for (int i = 0; i < n && i < 1024; i++)
        if (strcmp(nrntcl_column_name(st, ids[i]), name) == 0)
            return ids[i];
    return -1;
}

/* Engine id of a column recording t, or -1. */
static int sweep_t_column(const struct nrntcl *st)
{
    for (int i = 0; i < st->ncols; i++)
        if (strcmp(st->cols[i].path, "t") == 0)
            return i;
    return -1;
}

/* The column to measure: --on, or the first one that is not t. -1 if none. */
static int sweep_on_column(const struct sweep *s)
{
    int ids[1024], n;
    if (s->a.on)
        return sweep_column(s->st, s->a.on);
    n = nrntcl_columns(s->st, ids, 1024);
    for (int i = 0; i < n && i < 1024; i++)
        if (strcmp(s->st->cols[ids[i]].path, "t") != 0)
            return ids[i];
    return -1;
}

/*
** The stimulus window of the point now in the model: --stim A:B, --stim OBJ (its del and
** dur), else the first IClamp the scripts made, else 0 to tstop.
*/
static void sweep_stim_window(struct sweep *s)
{
    nrn_model *m = nrntcl_model(s->st);
    char path[512];
    const char *obj = NULL;
    double del, dur;
    int best = -1;

    if (s->stim_fixed)
        return;
    if (s->a.stim) {
        obj = s->a.stim;
    } else {
        for (struct nrntcl_obj *o = s->st->objs; o; o = o->next) {
            int id = nrn_pp_find(m, o->name);
            const char *type = nrn_pp_type(m, id);
            if (type && strcmp(type, "IClamp") == 0 && (best < 0 || id < best)) {
                best = id;
                obj = o->name;
            }
        }
    }
    if (obj) {
        snprintf(path, sizeof path, "%s.del", obj);
        if (nrn_get(m, path, &del) == NRN_OK) {
            snprintf(path, sizeof path, "%s.dur", obj);
            if (nrn_get(m, path, &dur) == NRN_OK) {
                s->fo.stim_start = del;
                s->fo.stim_end = del + dur;
                return;
            }
        }
    }
    s->fo.stim_start = 0;
    if (nrn_get(m, "tstop", &s->fo.stim_end) != NRN_OK)
        s->fo.stim_end = 0;
}

/* Measures the point just run into vals. Returns 1, or 0 with the error in s->errbuf. */
static int sweep_measure(struct sweep *s, double *vals)
{
    nrn_model *m = nrntcl_model(s->st);
    int tc = sweep_t_column(s->st), vc = sweep_on_column(s);
    const double *t, *v;
    size_t nt, nv, n;

    if (s->nfeats == 0)
        return 1;
    if (vc < 0) {
        snprintf(s->errbuf, SWEEP_ERRMAX, s->a.on ? "no column %s was recorded" :
                 "nothing recorded to measure (record a voltage or give --on PATH)", s->a.on);
        return 0;
    }
    if (tc < 0) {
        snprintf(s->errbuf, SWEEP_ERRMAX, "t was not recorded (add `record t` to the script)");
        return 0;
    }
    t = nrn_record_data(m, tc);
    v = nrn_record_data(m, vc);
    nt = nrn_record_len(m, tc);
    nv = nrn_record_len(m, vc);
    n = nt < nv ? nt : nv;
    for (size_t i = 0; i < n; i++)
        if (!isfinite(v[i])) {
            snprintf(s->errbuf, SWEEP_ERRMAX, "%s is %s at t = %g ms", nrntcl_column_name(s->st, vc),
                     isnan(v[i]) ? "NaN" : "infinite", t[i]);
            return 0;
        }
    sweep_stim_window(s);
    if (sweep_feat_compute(t, v, n, &s->fo, s->feats, s->nfeats, vals) != 0) {
        snprintf(s->errbuf, SWEEP_ERRMAX, "out of memory");
        return 0;
    }
    return 1;
}

/* ---------------------------------------------------------------------------------------
** The simulation commands: noted while building (replay mode), or preceded by setting the
** value paths (script mode)
*/

/* Replay mode, while building: notes the command instead of running it. */
static int sweep_note_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    struct sweep_hook *h = cd;
    Tcl_Obj *cmd = Tcl_NewListObj(0, NULL);
    char name[64];
    snprintf(name, sizeof name, "::nrn::%s", sweep_simcmds[h->which]);
    Tcl_ListObjAppendElement(NULL, cmd, Tcl_NewStringObj(name, -1));
    for (int i = 1; i < objc; i++)
        Tcl_ListObjAppendElement(NULL, cmd, objv[i]);
    Tcl_ListObjAppendElement(NULL, h->s->proto, cmd);
    Tcl_ResetResult(interp);
    return TCL_OK;
}

/* Sets every value-path parameter of point s->cur on the model. Returns 0, or -1 with a
** message in s->errbuf. */
static int sweep_apply(struct sweep *s)
{
    nrn_model *m = nrntcl_model(s->st);
    const struct sweep_plan *p = &s->plan;
    s->applied = 1;
    for (int j = 0; j < p->nparams; j++) {
        double x = p->num[s->cur * (size_t)p->nparams + (size_t)j];
        int rc;
        if (!p->params[j].is_path)
            continue;
        rc = s->refs ? nrn_ref_set(m, &s->refs[j], x) : nrn_set(m, p->params[j].name, x);
        if (rc != NRN_OK) {
            snprintf(s->errbuf, SWEEP_ERRMAX, "-p %s: %s", p->params[j].name, nrn_errmsg(m));
            return -1;
        }
    }
    return 0;
}

/* Script mode: sets the value paths before the first simulation command, then runs it. */
static int sweep_apply_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    struct sweep_hook *h = cd;
    struct sweep *s = h->s;
    if (!s->applied && sweep_apply(s) != 0) {
        Tcl_SetObjResult(interp, Tcl_NewStringObj(s->errbuf, -1));
        return TCL_ERROR;
    }
    return s->orig[h->which].objProc(s->orig[h->which].objClientData, interp, objc, objv);
}

/* Points the simulation commands at proc (NULL: back to their own). Returns 0 or -1. */
static int sweep_hook_sim(struct sweep *s, Tcl_ObjCmdProc *proc)
{
    for (int i = 0; i < SWEEP_NSIM; i++) {
        char name[64];
        Tcl_CmdInfo info;
        snprintf(name, sizeof name, "::nrn::%s", sweep_simcmds[i]);
        if (s->orig[i].objProc == NULL && !Tcl_GetCommandInfo(s->interp, name, &s->orig[i]))
            return -1;
        info = s->orig[i];
        if (proc) {
            s->hooks[i].s = s;
            s->hooks[i].which = i;
            info.objProc = proc;
            info.objClientData = &s->hooks[i];
        }
        if (!Tcl_SetCommandInfo(s->interp, name, &info))
            return -1;
    }
    return 0;
}

/* Runs one script file. Returns the Tcl status. */
static int sweep_eval_file(struct sweep *s, const char *path)
{
    return Tcl_EvalFile(s->interp, path);
}

/* ---------------------------------------------------------------------------------------
** Workers
*/

/* Writes all of buf to fd. Returns 0 or -1. */
static int sweep_write_all(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Runs point s->cur in this worker. Returns 1 (ok) or 0 (failed, s->errbuf says why). */
static int sweep_run_point(struct sweep *s, double *vals)
{
    Tcl_Interp *interp = s->interp;
    const struct sweep_plan *p = &s->plan;

    s->errbuf[0] = '\0';
    s->applied = 0;
    if (!s->script_mode) {
        Tcl_Obj **cmds;
        int n;
        if (sweep_apply(s) != 0)
            return 0;
        Tcl_ListObjGetElements(NULL, s->proto, &n, &cmds);
        for (int i = 0; i < n; i++)
            if (Tcl_EvalObjEx(interp, cmds[i], TCL_EVAL_GLOBAL) != TCL_OK) {
                snprintf(s->errbuf, SWEEP_ERRMAX, "%s: %s", Tcl_GetString(cmds[i]),
                         Tcl_GetStringResult(interp));
                return 0;
            }
        return sweep_measure(s, vals);
    }
    for (int j = 0; j < p->nparams; j++) {
        char buf[NUMFMT_BUFSIZE];
        const char *v = sweep_value_text(p, s->cur, j, buf);
        if (!p->params[j].is_path &&
            Tcl_SetVar2(interp, p->params[j].name, NULL, v, TCL_GLOBAL_ONLY | TCL_LEAVE_ERR_MSG) == NULL) {
            snprintf(s->errbuf, SWEEP_ERRMAX, "-p %s: %s", p->params[j].name, Tcl_GetStringResult(interp));
            return 0;
        }
        Tcl_SetVar2(interp, "sweep", p->params[j].name, v, TCL_GLOBAL_ONLY);
    }
    if (sweep_hook_sim(s, sweep_apply_cmd) != 0) {
        snprintf(s->errbuf, SWEEP_ERRMAX, "cannot intercept the simulation commands");
        return 0;
    }
    for (int i = 0; i < s->nscripts; i++)
        if (sweep_eval_file(s, s->scripts[i]) != TCL_OK) {
            cli_tcl_error(interp, s->scripts[i], s->errbuf, SWEEP_ERRMAX);
            return 0;
        }
    if (!s->applied && sweep_apply(s) != 0)
        return 0;
    if (nrntcl_flush_records(s->st, interp) != TCL_OK) {
        snprintf(s->errbuf, SWEEP_ERRMAX, "%s", Tcl_GetStringResult(interp));
        return 0;
    }
    if (!nrntcl_has_run(s->st) && Tcl_Eval(interp, "::nrn::run") != TCL_OK) {
        snprintf(s->errbuf, SWEEP_ERRMAX, "run: %s", Tcl_GetStringResult(interp));
        return 0;
    }
    return sweep_measure(s, vals);
}

/* The worker's life: reads point indices from in, runs each, writes a result to out;
** leaves after budget points (budget < 0: when in closes). Never returns. */
static void sweep_worker(struct sweep *s, int in, int out, int budget)
{
    unsigned char msg[sizeof(struct sweep_msg) + SWEEP_NFEATS * sizeof(double) + SWEEP_ERRMAX];
    double vals[SWEEP_NFEATS];
    Tcl_Channel ch;
    uint32_t k;

    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
    dup2(2, 1); /* scripts' puts to stdout must not mix with the CSV */
    for (;;) {
        struct sweep_msg h;
        size_t elen;
        double t0;
        ssize_t r = read(in, &k, sizeof k);
        if (r < 0 && errno == EINTR)
            continue;
        if (r != (ssize_t)sizeof k || k >= s->plan.npoints)
            _exit(0);
        s->cur = k;
        t0 = sweep_now();
        for (int i = 0; i < s->nfeats; i++)
            vals[i] = NAN;
        h.ok = sweep_run_point(s, vals);
        h.seconds = sweep_now() - t0;
        if ((ch = Tcl_GetStdChannel(TCL_STDOUT)) != NULL)
            Tcl_Flush(ch);
        h.point = k;
        h.nfeat = (uint32_t)s->nfeats;
        elen = h.ok ? 0 : strnlen(s->errbuf, SWEEP_ERRMAX - 1);
        h.size = (uint32_t)(sizeof h + (size_t)s->nfeats * sizeof(double) + elen);
        memcpy(msg, &h, sizeof h);
        memcpy(msg + sizeof h, vals, (size_t)s->nfeats * sizeof(double));
        memcpy(msg + sizeof h + (size_t)s->nfeats * sizeof(double), s->errbuf, elen);
        if (sweep_write_all(out, msg, h.size) != 0)
            _exit(1);
        if (budget > 0 && --budget == 0)
            _exit(0);
    }
}

/* ---------------------------------------------------------------------------------------
** The parent: schedule, collect, store
*/

/* The parent's bookkeeping of a run. */
struct sweep_run {
    struct sweep *s;
    struct sweep_db *db;
    struct sweep_worker *w;  /* the workers */
    int nw;                  /* their number (-j) */
    size_t *todo;            /* points to run, in order */
    size_t ntodo, next;      /* how many; the next to hand out */
    size_t *again;           /* points handed back by a dead worker, run first */
    size_t nagain;
    size_t done, failed;     /* results stored this run */
    size_t skipped, skipped_failed; /* points found in the database */
    int db_error;            /* a database write failed */
    double t0, last_progress; /* start, last progress line */
    int progress;            /* stderr is a terminal */
    char err[2048];          /* database error text */
};

/* Stores one result (vals NULL for none). */
static void sweep_store(struct sweep_run *r, size_t k, const double *vals, int ok, const char *error,
                        double seconds)
{
    if (r->db_error)
        return;
    if (sweep_db_put(r->db, &r->s->plan, k, ok ? vals : NULL, ok ? "ok" : "failed",
                     ok ? NULL : error, seconds, r->err, sizeof r->err) != 0)
        r->db_error = 1;
    r->done++;
    if (!ok)
        r->failed++;
}

/* Starts worker i. Returns 0 or -1 (fork or pipe failed, errno set). */
static int sweep_spawn(struct sweep_run *r, int i)
{
    int cmd[2], res[2];
    pid_t parent = getpid(), pid;
    struct sweep_worker *w = &r->w[i];
    Tcl_Channel ch;

    if (pipe(cmd) != 0)
        return -1;
    if (pipe(res) != 0) {
        close(cmd[0]);
        close(cmd[1]);
        return -1;
    }
    if ((ch = Tcl_GetStdChannel(TCL_STDOUT)) != NULL)
        Tcl_Flush(ch);
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid < 0) {
        int e = errno;
        close(cmd[0]); close(cmd[1]); close(res[0]); close(res[1]);
        errno = e;
        return -1;
    }
    if (pid == 0) {
#ifdef __linux__
        prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
        if (getppid() != parent)
            _exit(1);
        for (int j = 0; j < r->nw; j++)
            if (j != i && r->w[j].pid > 0) {
                close(r->w[j].cmd_fd);
                close(r->w[j].res_fd);
            }
        close(cmd[1]);
        close(res[0]);
        sweep_worker(r->s, cmd[0], res[1], r->s->script_mode ? 1 : -1);
    }
    close(cmd[0]);
    close(res[1]);
    fcntl(res[0], F_SETFL, fcntl(res[0], F_GETFL) | O_NONBLOCK);
    fcntl(cmd[1], F_SETFD, FD_CLOEXEC);
    fcntl(res[0], F_SETFD, FD_CLOEXEC);
    w->pid = pid;
    w->cmd_fd = cmd[1];
    w->res_fd = res[0];
    w->nq = 0;
    w->nbuf = 0;
    w->budget = r->s->script_mode ? 1 : -1;
    return 0;
}

/* Describes a worker's exit status. */
static void sweep_describe_exit(int status, char *buf, size_t size)
{
    if (WIFSIGNALED(status))
        snprintf(buf, size, "worker died of signal %d (%s)", WTERMSIG(status), strsignal(WTERMSIG(status)));
    else if (WIFEXITED(status))
        snprintf(buf, size, "the script ended the worker with exit %d", WEXITSTATUS(status));
    else
        snprintf(buf, size, "worker ended");
}

/*
** Worker i is gone (or must go: kill it). Its running point fails with why (or with its
** exit status when why is NULL); the points queued behind it are handed back.
*/
static void sweep_reap(struct sweep_run *r, int i, const char *why, int kill_it)
{
    struct sweep_worker *w = &r->w[i];
    int status = 0;
    char buf[256];
    if (w->pid <= 0)
        return;
    if (kill_it)
        kill(w->pid, SIGKILL);
    close(w->cmd_fd);
    close(w->res_fd);
    while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
        ;
    w->pid = 0;
    if (w->nq > 0) {
        if (why == NULL) {
            sweep_describe_exit(status, buf, sizeof buf);
            why = buf;
        }
        sweep_store(r, w->q[0], NULL, 0, why, sweep_now() - w->started);
        for (int j = w->nq - 1; j >= 1; j--)
            r->again[r->nagain++] = w->q[j];
    }
    w->nq = 0;
}

/* Reads what worker i sent and stores the complete results. */
static void sweep_read(struct sweep_run *r, int i)
{
    struct sweep_worker *w = &r->w[i];
    for (;;) {
        ssize_t n = read(w->res_fd, w->buf + w->nbuf, sizeof w->buf - w->nbuf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        if (n <= 0) { /* the worker is gone */
            sweep_reap(r, i, NULL, 0);
            return;
        }
        w->nbuf += (size_t)n;
        for (;;) {
            struct sweep_msg h;
            size_t off;
            char error[SWEEP_ERRMAX + 1];
            double vals[SWEEP_NFEATS];
            if (w->nbuf < sizeof h)
                break;
            memcpy(&h, w->buf, sizeof h);
            if (h.size > w->nbuf)
                break;
            off = sizeof h + h.nfeat * sizeof(double);
            memcpy(vals, w->buf + sizeof h, h.nfeat * sizeof(double));
            memcpy(error, w->buf + off, h.size - off);
            error[h.size - off] = '\0';
            if (w->nq > 0 && w->q[0] == h.point) {
                sweep_store(r, h.point, vals, h.ok, error, h.seconds);
                memmove(w->q, w->q + 1, (size_t)(w->nq - 1) * sizeof *w->q);
                w->nq--;
                w->started = sweep_now();
                if (w->budget > 0)
                    w->budget--;
            }
            memmove(w->buf, w->buf + h.size, w->nbuf - h.size);
            w->nbuf -= h.size;
        }
        if (w->budget == 0 && w->nq == 0) { /* script mode: one point per child */
            sweep_reap(r, i, NULL, 0);
            return;
        }
    }
}

/* Hands out points to worker i while it has room. */
static void sweep_feed(struct sweep_run *r, int i)
{
    struct sweep_worker *w = &r->w[i];
    int depth = w->budget < 0 ? SWEEP_DEPTH : w->budget;
    while (w->pid > 0 && w->nq < depth && (r->nagain > 0 || r->next < r->ntodo)) {
        size_t k = r->nagain > 0 ? r->again[--r->nagain] : r->todo[r->next++];
        uint32_t k32 = (uint32_t)k;
        if (sweep_write_all(w->cmd_fd, &k32, sizeof k32) != 0) {
            r->again[r->nagain++] = k;
            sweep_reap(r, i, NULL, 0);
            return;
        }
        if (w->nq == 0)
            w->started = sweep_now();
        w->q[w->nq++] = k;
    }
}

/* Prints the progress line (a terminal only). final: the last one, cleared. */
static void sweep_progress(struct sweep_run *r, int final)
{
    double now = sweep_now(), el = now - r->t0, rate;
    size_t total = r->ntodo;
    if (!r->progress || (!final && now - r->last_progress < 0.1))
        return;
    r->last_progress = now;
    if (final) {
        fprintf(stderr, "\r\033[K");
        return;
    }
    rate = el > 0 ? (double)r->done / el : 0;
    fprintf(stderr, "\r\033[K" PROG ": %zu/%zu points", r->done, total);
    if (r->failed)
        fprintf(stderr, ", %zu failed", r->failed);
    if (r->skipped)
        fprintf(stderr, " (%zu done before)", r->skipped);
    if (rate > 0)
        fprintf(stderr, ", %.0f/s, ETA %.0fs", rate, (double)(total - r->done) / rate);
    fflush(stderr);
}

/* The parent's signal handler: note it; the loop stops. */
static void sweep_on_signal(int sig)
{
    sweep_signal = sig;
}

/* Runs the points r->todo with the workers. Returns 0, or -1 when interrupted or the
** database failed. */
static int sweep_schedule(struct sweep_run *r)
{
    struct pollfd *pf = calloc((size_t)r->nw, sizeof *pf);
    int *who = calloc((size_t)r->nw, sizeof *who);
    int spawn_failed = 0;

    if (pf == NULL || who == NULL) {
        free(pf);
        free(who);
        snprintf(r->err, sizeof r->err, "out of memory");
        r->db_error = 1;
        return -1;
    }
    while (r->done < r->ntodo && !sweep_signal && !r->db_error) {
        int npf = 0, busy = 0, tmo = r->progress ? 100 : 1000;
        for (int i = 0; i < r->nw; i++) {
            if (r->w[i].pid == 0 && (r->nagain > 0 || r->next < r->ntodo)) {
                if (sweep_spawn(r, i) != 0) {
                    spawn_failed = errno;
                    continue;
                }
            }
            sweep_feed(r, i);
            if (r->w[i].pid > 0) {
                pf[npf].fd = r->w[i].res_fd;
                pf[npf].events = POLLIN;
                who[npf++] = i;
                busy += r->w[i].nq > 0;
            }
        }
        if (npf == 0) {
            snprintf(r->err, sizeof r->err, "cannot start a worker: %s",
                     strerror(spawn_failed ? spawn_failed : EAGAIN));
            r->db_error = 1;
            break;
        }
        if (r->s->a.timeout > 0)
            for (int i = 0; i < r->nw; i++)
                if (r->w[i].pid > 0 && r->w[i].nq > 0) {
                    double left = r->w[i].started + r->s->a.timeout - sweep_now();
                    int ms = left > 0 ? (int)(left * 1000) + 1 : 0;
                    if (ms < tmo)
                        tmo = ms;
                }
        if (poll(pf, (nfds_t)npf, tmo) > 0)
            for (int j = 0; j < npf; j++)
                if (pf[j].revents & (POLLIN | POLLHUP | POLLERR))
                    sweep_read(r, who[j]);
        if (busy == npf && !r->s->script_mode) {
            /* every worker has points queued: let results gather a little rather than
            ** wake for each one (the queues hold several points' work) */
            struct timespec nap = { 0, 200000 };
            int full = 1;
            for (int j = 0; j < npf; j++)
                full &= r->w[who[j]].pid > 0 && r->w[who[j]].nq >= SWEEP_DEPTH / 2;
            if (full)
                nanosleep(&nap, NULL);
        }
        if (r->s->a.timeout > 0) {
            double now = sweep_now();
            for (int i = 0; i < r->nw; i++)
                if (r->w[i].pid > 0 && r->w[i].nq > 0 && now - r->w[i].started > r->s->a.timeout) {
                    char why[128];
                    snprintf(why, sizeof why, "timeout: still running after %g s", r->s->a.timeout);
                    sweep_reap(r, i, why, 1);
                }
        }
        if (!r->db_error && sweep_db_commit(r->db, r->err, sizeof r->err) != 0)
            r->db_error = 1;
        sweep_progress(r, 0);
    }
    for (int i = 0; i < r->nw; i++)
        if (r->w[i].pid > 0) {
            if (r->w[i].nq > 0 || sweep_signal || r->db_error) {
                r->w[i].nq = 0; /* in flight: not stored, run again next time */
                sweep_reap(r, i, NULL, 1);
            } else {
                sweep_reap(r, i, NULL, 0);
            }
        }
    if (!r->db_error && sweep_db_commit(r->db, r->err, sizeof r->err) != 0)
        r->db_error = 1;
    sweep_progress(r, 1);
    free(pf);
    free(who);
    return sweep_signal || r->db_error ? -1 : 0;
}

/* ---------------------------------------------------------------------------------------
** Setting up: interpreter, model, plan, provenance
*/

/* Creates the interpreter and sets the command line's globals and variables. Exit status
** or 0. */
static int sweep_interp(struct sweep *s, const char *argv0)
{
    int rc;
    Tcl_FindExecutable(argv0);
    if ((rc = cli_tcl_interp(PROG, &s->interp, &s->st)) != 0 ||
        (rc = cli_tcl_vars(PROG, s->interp, s->a.defines, s->a.ndefines)) != 0)
        return rc;
    if (s->a.has_seed) {
        char buf[32];
        snprintf(buf, sizeof buf, "%ld", s->a.seed);
        Tcl_SetVar(s->interp, "seed", buf, TCL_GLOBAL_ONLY);
    }
    if ((rc = cli_sim_apply(PROG, nrntcl_model(s->st), &s->a.sim)) != 0)
        return rc;
    /* t and the measured path are recorded when the simulation starts */
    if (s->nfeats > 0 && (nrntcl_defer_record(s->st, "t") != TCL_OK ||
                          (s->a.on && sweep_is_path(s->a.on) &&
                           nrntcl_defer_record(s->st, s->a.on) != TCL_OK))) {
        cli_error(PROG, "out of memory");
        return CLI_EXIT_FAIL;
    }
    return 0;
}

/* Runs the MODELs (and in replay mode the SCRIPTs, noting their simulation commands).
** Exit status or 0. */
static int sweep_build(struct sweep *s)
{
    nrn_model *m = nrntcl_model(s->st);
    char msg[2048];
    int n = s->a.nmodels + (s->script_mode ? 0 : s->nscripts);

    s->proto = Tcl_NewListObj(0, NULL);
    Tcl_IncrRefCount(s->proto);
    if (!s->script_mode && sweep_hook_sim(s, sweep_note_cmd) != 0) {
        cli_error(PROG, "cannot intercept the simulation commands");
        return CLI_EXIT_FAIL;
    }
    for (int i = 0; i < n; i++) {
        const char *path = i < s->a.nmodels ? s->a.models[i] : s->scripts[i - s->a.nmodels];
        if (sweep_eval_file(s, path) != TCL_OK) {
            cli_tcl_error(s->interp, path, msg, sizeof msg);
            fprintf(stderr, "%s: %s\n", PROG, msg);
            return CLI_EXIT_FAIL;
        }
    }
    if (sweep_hook_sim(s, NULL) != 0) {
        cli_error(PROG, "cannot restore the simulation commands");
        return CLI_EXIT_FAIL;
    }
    if (s->script_mode)
        return 0;
    if (nrntcl_flush_records(s->st, s->interp) != TCL_OK) {
        cli_error(PROG, "%s", Tcl_GetStringResult(s->interp));
        return CLI_EXIT_FAIL;
    }
    n = 0;
    Tcl_ListObjLength(NULL, s->proto, &n);
    if (n == 0)
        Tcl_ListObjAppendElement(NULL, s->proto, Tcl_NewStringObj("::nrn::run", -1));
    s->refs = calloc((size_t)s->plan.nparams + 1, sizeof *s->refs);
    if (s->refs == NULL) {
        cli_error(PROG, "out of memory");
        return CLI_EXIT_FAIL;
    }
    for (int j = 0; j < s->plan.nparams; j++)
        if (nrn_ref_lookup(m, s->plan.params[j].name, &s->refs[j]) != NRN_OK) {
            cli_error(PROG, "-p %s: %s", s->plan.params[j].name, nrn_errmsg(m));
            return CLI_EXIT_USAGE;
        }
    /* one run of the protocol here, with the model as built: finds a broken protocol once
    ** (not once per point), and the workers inherit a model that has compiled and sized its
    ** record buffers (the first run in a fresh worker would otherwise cost milliseconds) */
    {
        Tcl_Obj **cmds;
        Tcl_ListObjGetElements(NULL, s->proto, &n, &cmds);
        for (int i = 0; i < n; i++)
            if (Tcl_EvalObjEx(s->interp, cmds[i], TCL_EVAL_GLOBAL) != TCL_OK) {
                cli_error(PROG, "%s: %s", Tcl_GetString(cmds[i]), Tcl_GetStringResult(s->interp));
                return CLI_EXIT_FAIL;
            }
    }
    if (s->nfeats > 0 && sweep_on_column(s) < 0) {
        if (s->a.on)
            cli_error(PROG, "--on %s: no such column (record it in the script, or give a path)",
                      s->a.on);
        else
            cli_error(PROG, "nothing recorded to measure (record a voltage in the script, or give "
                            "--on PATH)");
        return CLI_EXIT_USAGE;
    }
    return 0;
}

/* Current UTC time as ISO 8601 into buf (32 bytes). */
static const char *sweep_iso_now(char *buf)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

/* Appends "text" to a growing string (space-separated); returns the new string. */
static char *sweep_cat(char *s, const char *text)
{
    size_t a = s ? strlen(s) : 0, b = strlen(text);
    char *t = realloc(s, a + b + 2);
    if (t == NULL)
        return s;
    if (a)
        t[a++] = ' ';
    memcpy(t + a, text, b + 1);
    return t;
}

/* Digests of files (space-separated) and their names, into *names and *digests. */
static void sweep_digests(const char *const *paths, int n, char **names, char **digests)
{
    *names = NULL;
    *digests = NULL;
    for (int i = 0; i < n; i++) {
        char hex[65];
        if (sweep_sha256_file(paths[i], hex) != 0)
            strcpy(hex, "unreadable");
        *names = sweep_cat(*names, paths[i]);
        *digests = sweep_cat(*digests, hex);
    }
}

/* s, or "" for NULL. */
static const char *sweep_str(const char *s)
{
    return s ? s : "";
}

/* Writes the provenance row of this run. 0 or -1 with err. */
static int sweep_provenance(struct sweep *s, struct sweep_db *db, int argc, char **argv,
                            size_t skipped, char *err, size_t errsize)
{
    nrn_model *m = nrntcl_model(s->st);
    char tclv[32], host[256] = "", cwd[PATH_MAX] = "", now[32], *cmd = NULL, *snames, *sdig,
         *mnames, *mdig, *measure = NULL, stim[128], shard[64], *proto = NULL, *prev;
    double dt = NAN, tstop = NAN, celsius = NAN, vinit = NAN, second = NAN;
    int major, minor, patch, type, rc, nf = 0;
    struct sweep_prov f[40];

    Tcl_GetVersion(&major, &minor, &patch, &type);
    snprintf(tclv, sizeof tclv, "%d.%d.%d", major, minor, patch);
    gethostname(host, sizeof host - 1);
    if (getcwd(cwd, sizeof cwd) == NULL)
        cwd[0] = '\0';
    for (int i = 0; i < argc; i++)
        cmd = sweep_cat(cmd, argv[i]);
    sweep_digests((const char *const *)s->scripts, s->nscripts, &snames, &sdig);
    sweep_digests(s->a.models, s->a.nmodels, &mnames, &mdig);
    for (int i = 0; i < s->nfeats; i++)
        measure = sweep_cat(measure, s->feat_names[i]);
    nrn_get(m, "dt", &dt);
    nrn_get(m, "tstop", &tstop);
    nrn_get(m, "celsius", &celsius);
    nrn_get(m, "v_init", &vinit);
    nrn_get(m, "secondorder", &second);
    if (s->stim_fixed)
        snprintf(stim, sizeof stim, "%g:%g", s->fo.stim_start, s->fo.stim_end);
    else
        snprintf(stim, sizeof stim, "%s", s->a.stim ? s->a.stim : "first IClamp");
    snprintf(shard, sizeof shard, "%s", s->a.shard ? s->a.shard : "1/1");
    if (!s->script_mode)
        proto = strdup(Tcl_GetString(s->proto));
    prev = sweep_db_prev_digest(db);
    if (prev && sdig && strcmp(prev, sdig) != 0)
        cli_error(PROG, "warning: the script changed since this table's earlier runs; points "
                        "already done are kept (use --force to run them again)");
    free(prev);
#define PT(n, v) (f[nf].name = (n), f[nf].text = sweep_str(v), f[nf].num = 0, nf++)
#define PN(n, v) (f[nf].name = (n), f[nf].text = NULL, f[nf].num = (v), nf++)
    PT("tool", PROG);
    PT("version", NRN_VERSION);
    PT("libnrn", NRN_VERSION);
    PT("tcl", tclv);
    PT("sqlite", sqlite3_libversion());
    PT("host", host);
    PT("cwd", cwd);
    PT("command", cmd);
    PT("scripts", snames);
    PT("script_sha256", sdig);
    PT("models", mnames);
    PT("model_sha256", mdig);
    PT("mode", s->script_mode ? "script per point" : "replay");
    PT("protocol", proto);
    PT("solver", second == 2 ? "fixed step, Crank-Nicolson (secondorder 2)"
                 : second == 1 ? "fixed step, secondorder 1" : "fixed step, backward Euler");
    PN("dt", dt);
    PN("tstop", tstop);
    PN("celsius", celsius);
    PN("v_init", vinit);
    PN("secondorder", second);
    PN("atol", NAN);
    PN("rtol", NAN);
    PN("seed", s->a.has_seed ? (double)s->a.seed : NAN);
    PN("threshold", s->fo.threshold);
    PT("stim", stim);
    PT("measure", measure);
    PT("on_column", s->a.on ? s->a.on : "first recorded after t");
    PN("jobs", s->a.jobs);
    PT("shard", shard);
    PN("timeout", s->a.timeout > 0 ? s->a.timeout : NAN);
    PN("points_planned", (double)s->plan.npoints);
    PN("points_skipped", (double)skipped);
    PT("started", sweep_iso_now(now));
    PT("status", "running");
#undef PT
#undef PN
    rc = sweep_db_prov_start(db, f, nf, err, errsize);
    free(cmd);
    free(snames);
    free(sdig);
    free(mnames);
    free(mdig);
    free(measure);
    free(proto);
    return rc;
}

/* Writes the result CSV (-o FILE atomically, else stdout). Exit status or 0. */
static int sweep_write_csv(struct sweep *s, struct sweep_db *db)
{
    struct atomfile af;
    char err[512];
    int to_file = s->a.output && strcmp(s->a.output, "-") != 0;
    FILE *fp = stdout;
    if (to_file) {
        if (atomfile_open(&af, s->a.output) != 0) {
            cli_error(PROG, "cannot write %s: %s", s->a.output, strerror(errno));
            return CLI_EXIT_FAIL;
        }
        fp = af.fp;
    }
    if (sweep_db_csv(db, fp, s->a.digits, err, sizeof err) != 0 || fflush(fp) != 0) {
        cli_error(PROG, "cannot write %s: %s", to_file ? s->a.output : "standard output",
                  strerror(errno));
        if (to_file)
            atomfile_abort(&af);
        return CLI_EXIT_FAIL;
    }
    if (to_file && atomfile_commit(&af) != 0) {
        cli_error(PROG, "cannot write %s: %s", s->a.output, strerror(errno));
        return CLI_EXIT_FAIL;
    }
    return 0;
}

/* Builds the plan from -p or --points, then the shard. Exit status or 0. */
static int sweep_make_plan(struct sweep *s)
{
    char err[512];
    if (s->a.points && s->a.nparams > 0) {
        cli_error(PROG, "--points and -p cannot be used together");
        return CLI_EXIT_USAGE;
    }
    if (s->a.points) {
        if (s->a.zip) {
            cli_error(PROG, "--zip applies to -p lists, not to --points");
            return CLI_EXIT_USAGE;
        }
        if (sweep_plan_from_csv(&s->plan, s->a.points, err, sizeof err) != 0) {
            cli_error(PROG, "%s", err);
            return CLI_EXIT_USAGE;
        }
    } else {
        struct sweep_param *ps;
        if (s->a.nparams == 0) {
            cli_error(PROG, "no parameters: give -p NAME=SPEC or --points FILE (try --help)");
            return CLI_EXIT_USAGE;
        }
        ps = calloc((size_t)s->a.nparams, sizeof *ps);
        if (ps == NULL) {
            cli_error(PROG, "out of memory");
            return CLI_EXIT_FAIL;
        }
        for (int i = 0; i < s->a.nparams; i++)
            if (sweep_param_parse(s->a.params[i], &ps[i], err, sizeof err) != 0) {
                cli_error(PROG, "%s", err);
                for (int j = 0; j < i; j++)
                    sweep_param_free(&ps[j]);
                free(ps);
                return CLI_EXIT_USAGE;
            }
        if (sweep_plan_build(&s->plan, ps, s->a.nparams, s->a.zip, err, sizeof err) != 0) {
            cli_error(PROG, "%s", err);
            for (int j = 0; j < s->a.nparams; j++)
                sweep_param_free(&ps[j]);
            free(ps);
            return CLI_EXIT_USAGE;
        }
        free(ps);
    }
    for (int j = 0; j < s->plan.nparams; j++) {
        const char *n = s->plan.params[j].name;
        if (strcmp(n, "status") == 0 || strcmp(n, "error") == 0 || strcmp(n, "seconds") == 0 ||
            strcmp(n, "id") == 0 || sweep_feat_find(n) >= 0) {
            cli_error(PROG, "-p %s: the name of a result column; rename the parameter", n);
            return CLI_EXIT_USAGE;
        }
        if (!s->plan.params[j].is_path)
            s->script_mode = 1;
    }
    if (s->a.shard) {
        int i, n;
        if (sweep_shard_parse(s->a.shard, &i, &n, err, sizeof err) != 0) {
            cli_error(PROG, "%s", err);
            return CLI_EXIT_USAGE;
        }
        sweep_plan_shard(&s->plan, i, n);
    }
    return 0;
}

/* nrn-sweep plan: prints each point as "-p NAME=VALUE ..." (xargs-ready). */
static int sweep_cmd_plan(struct sweep *s)
{
    for (size_t k = 0; k < s->plan.npoints; k++) {
        for (int j = 0; j < s->plan.nparams; j++) {
            char buf[NUMFMT_BUFSIZE];
            const char *v = sweep_value_text(&s->plan, k, j, buf);
            int quote = strpbrk(v, " \t'\"\\") != NULL || strpbrk(s->plan.params[j].name, " \t'\"\\");
            printf(quote ? "%s-p '%s=%s'" : "%s-p %s=%s", j ? " " : "", s->plan.params[j].name, v);
        }
        putchar('\n');
    }
    if (fflush(stdout) != 0) {
        cli_error(PROG, "cannot write standard output: %s", strerror(errno));
        return CLI_EXIT_FAIL;
    }
    return 0;
}

/* nrn-sweep merge OUT IN...: exit status. */
static int sweep_cmd_merge(char **ops, int n)
{
    char err[1024];
    long rows;
    if (n < 2) {
        cli_error(PROG, "merge: expected OUT.sqlite IN.sqlite...");
        return CLI_EXIT_USAGE;
    }
    for (int i = 1; i < n; i++)
        if (access(ops[i], R_OK) != 0) {
            cli_error(PROG, "merge: cannot read %s: %s", ops[i], strerror(errno));
            return CLI_EXIT_USAGE;
        }
    if (sweep_db_merge(ops[0], ops + 1, n - 1, &rows, err, sizeof err) != 0) {
        cli_error(PROG, "merge: %s", err);
        return CLI_EXIT_FAIL;
    }
    if (isatty(2))
        fprintf(stderr, "%s: merged %ld rows into %s\n", PROG, rows, ops[0]);
    return 0;
}

/* Checks that a file can be read. Exit status or 0. */
static int sweep_check_input(const char *path)
{
    if (access(path, R_OK) != 0) {
        cli_error(PROG, "cannot read %s: %s", path, strerror(errno));
        return CLI_EXIT_USAGE;
    }
    return 0;
}

/* Parses --stim A:B (an object name is kept for later). Exit status or 0. */
static int sweep_parse_stim(struct sweep *s)
{
    const char *colon;
    char *end;
    if (s->a.stim == NULL || (colon = strchr(s->a.stim, ':')) == NULL)
        return 0;
    s->fo.stim_start = strtod(s->a.stim, &end);
    if (end != colon || !isfinite(s->fo.stim_start))
        goto bad;
    s->fo.stim_end = strtod(colon + 1, &end);
    if (*end || end == colon + 1 || !isfinite(s->fo.stim_end) || s->fo.stim_end < s->fo.stim_start)
        goto bad;
    s->stim_fixed = 1;
    return 0;
bad:
    cli_error(PROG, "--stim: expected START:END in ms (START <= END) or an IClamp's name, got '%s'",
              s->a.stim);
    return CLI_EXIT_USAGE;
}

/* The sweep itself. Exit status. */
static int sweep_main(struct sweep *s, int argc, char **argv)
{
    struct sweep_db db;
    struct sweep_run r;
    unsigned char *skip = NULL;
    char err[2048], now[32];
    int rc;
    long nskip = 0;

    memset(&r, 0, sizeof r);
    memset(&db, 0, sizeof db);
    if ((rc = sweep_interp(s, argv[0])) != 0 || (rc = sweep_build(s)) != 0)
        return rc;
    if (sweep_db_open(&db, s->a.db, s->a.table ? s->a.table : "sweep", err, sizeof err) != 0 ||
        sweep_db_prepare(&db, &s->plan, s->feat_names, s->feat_int, s->nfeats, err, sizeof err) != 0) {
        cli_error(PROG, "%s", err);
        sweep_db_close(&db);
        return CLI_EXIT_FAIL;
    }
    skip = calloc(s->plan.npoints + 1, 1);
    r.todo = malloc((s->plan.npoints + 1) * sizeof *r.todo);
    r.again = malloc(((size_t)s->a.jobs * SWEEP_DEPTH + 1) * sizeof *r.again);
    r.w = calloc((size_t)s->a.jobs, sizeof *r.w);
    s->errbuf = malloc(SWEEP_ERRMAX);
    if (!skip || !r.todo || !r.again || !r.w || !s->errbuf) {
        cli_error(PROG, "out of memory");
        rc = CLI_EXIT_FAIL;
        goto done;
    }
    if (!s->a.force && (nskip = sweep_db_done(&db, &s->plan, s->a.retry_failed, skip, err,
                                              sizeof err)) < 0) {
        cli_error(PROG, "%s", err);
        rc = CLI_EXIT_FAIL;
        goto done;
    }
    if (s->a.db && sweep_provenance(s, &db, argc, argv, (size_t)nskip, err, sizeof err) != 0) {
        cli_error(PROG, "%s", err);
        rc = CLI_EXIT_FAIL;
        goto done;
    }
    for (size_t k = 0; k < s->plan.npoints; k++)
        if (!skip[k])
            r.todo[r.ntodo++] = k;
    if (nskip > 0) {
        /* failed points kept from earlier runs count as failures of the sweep */
        sqlite3_stmt *st;
        char *sql = sqlite3_mprintf("SELECT count(*) FROM temp.sweep_plan p JOIN \"%w\" t "
                                    "ON t.id = p.id WHERE t.status <> 'ok'", db.table);
        if (sql && !s->a.retry_failed && sqlite3_prepare_v2(db.db, sql, -1, &st, NULL) == SQLITE_OK) {
            if (sqlite3_step(st) == SQLITE_ROW)
                r.skipped_failed = (size_t)sqlite3_column_int64(st, 0);
            sqlite3_finalize(st);
        }
        sqlite3_free(sql);
    }
    r.s = s;
    r.db = &db;
    r.nw = s->a.jobs;
    r.skipped = (size_t)nskip;
    r.progress = isatty(2) && getenv("NO_PROGRESS") == NULL;
    r.t0 = sweep_now();
    signal(SIGINT, sweep_on_signal);
    signal(SIGTERM, sweep_on_signal);
    signal(SIGHUP, sweep_on_signal);
    signal(SIGPIPE, SIG_IGN);
    rc = r.ntodo > 0 ? sweep_schedule(&r) : 0;
    if (r.db_error) {
        cli_error(PROG, "%s", r.err);
        rc = CLI_EXIT_FAIL;
    } else if (s->a.db) {
        struct sweep_prov f[4] = {
            { "points_run", NULL, (double)r.done },
            { "points_failed", NULL, (double)r.failed },
            { "ended", sweep_iso_now(now), 0 },
            { "status", sweep_signal ? "interrupted" : "complete", 0 },
        };
        if (sweep_db_prov_update(&db, f, 4, err, sizeof err) != 0)
            cli_error(PROG, "warning: %s", err);
    }
    if (sweep_signal) {
        cli_error(PROG, "interrupted: %zu points stored%s", r.done,
                  s->a.db ? "; run the same command again to resume" : "");
        sweep_db_close(&db);
        signal(sweep_signal, SIG_DFL);
        raise(sweep_signal);
        rc = 128 + sweep_signal;
        goto done;
    }
    if (rc == 0 && (s->a.output || !s->a.db))
        rc = sweep_write_csv(s, &db);
    if (rc == 0 && r.failed + r.skipped_failed > 0) {
        cli_error(PROG, "%zu of %zu points failed (see the error column)", r.failed + r.skipped_failed,
                  s->plan.npoints);
        rc = CLI_EXIT_FAIL;
    }
done:
    sweep_db_close(&db);
    free(skip);
    free(r.todo);
    free(r.again);
    free(r.w);
    return rc;
}

/* Frees what the sweep holds and the interpreter. */
static void sweep_free(struct sweep *s)
{
    if (s->proto)
        Tcl_DecrRefCount(s->proto);
    if (s->interp) {
        Tcl_DeleteInterp(s->interp);
        Tcl_Finalize();
    }
    free(s->refs);
    free(s->errbuf);
    sweep_plan_free(&s->plan);
}

/* nrn-sweep: see the file comment and sweep_epilog. */
int main(int argc, char **argv)
{
    struct sweep s;
    char **ops;
    int first, nops, rc = 0, sub = 0;
    long ncpu;

    memset(&s, 0, sizeof s);
    s.a.models = calloc((size_t)argc, sizeof *s.a.models);
    s.a.params = calloc((size_t)argc, sizeof *s.a.params);
    s.a.defines = calloc((size_t)argc, sizeof *s.a.defines);
    if (!s.a.models || !s.a.params || !s.a.defines) {
        cli_error(PROG, "out of memory");
        return CLI_EXIT_FAIL;
    }
    s.a.threshold = -20;
    first = cli_parse(PROG, sweep_opts, argc, argv, sweep_opt, &s.a);
    ops = argv + first;
    nops = argc - first;
    if (first < 0) {
        rc = CLI_EXIT_USAGE;
    } else if (s.a.help) {
        cli_help(stdout, sweep_usage, sweep_opts, sweep_epilog);
    } else if (s.a.version) {
        sweep_print_version();
    } else if (nops > 0 && strcmp(ops[0], "merge") == 0) {
        rc = sweep_cmd_merge(ops + 1, nops - 1);
    } else {
        if (nops > 0 && strcmp(ops[0], "plan") == 0) {
            sub = 1;
            ops++;
            nops--;
        }
        s.scripts = ops;
        s.nscripts = nops;
        sweep_feat_defaults(&s.fo);
        s.fo.threshold = s.a.threshold;
        ncpu = sysconf(_SC_NPROCESSORS_ONLN);
        if (s.a.jobs == 0)
            s.a.jobs = ncpu > 0 ? (int)(ncpu < 256 ? ncpu : 256) : 1;
        if (!sub && nops == 0 && s.a.nmodels == 0) {
            cli_error(PROG, "no script given (try --help)");
            rc = CLI_EXIT_USAGE;
        }
        for (int i = 0; i < s.a.nmodels && rc == 0; i++)
            rc = sweep_check_input(s.a.models[i]);
        for (int i = 0; i < nops && rc == 0 && !sub; i++)
            rc = sweep_check_input(ops[i]);
        if (rc == 0)
            rc = sweep_make_plan(&s);
        if (rc == 0 && sub)
            rc = sweep_cmd_plan(&s);
        else if (rc == 0 && (rc = sweep_parse_measure(&s)) == 0 && (rc = sweep_parse_stim(&s)) == 0)
            rc = sweep_main(&s, argc, argv);
        else if (rc == -1)
            rc = CLI_EXIT_USAGE;
    }
    sweep_free(&s);
    free(s.a.models);
    free(s.a.params);
    free(s.a.defines);
    return rc;
}
