/*
** nrn-sweep.c: nrn-sweep, many runs of one model, one table of results.
**
**     nrn-sweep [-m MODEL]... SCRIPT.tcl -p NAME=SPEC... [--measure LIST] [-j N]
**               [--db FILE.sqlite] [-o FILE.csv] [--shard I/N]
**     nrn-sweep plan [options as above]      the points, one per line
**     nrn-sweep merge OUT.sqlite IN.sqlite... join shard databases
**
** The model is built once, in this process; then workers run the points and hand each
** result row back; this process alone writes the database, committing as results arrive.
** Two ways of running a point (the script protocol, also in man/nrn-sweep.1):
**
**  - replay (every parameter is a value path such as soma.gnabar_hh or ic.amp): the MODELs
**    and SCRIPTs run once; their simulation commands (finitialize, fadvance, continuerun,
**    run) are noted, not executed. For each point the values are set and the noted
**    commands replayed (`run` if there were none). When every parameter is a value of a
**    cell, points run in batches of replicas of the model (nrn.h "Replicas") on threads
**    of this process, each with its own copy of the model (sweep_thread.c); otherwise,
**    and for a batch that failed as a whole, on worker processes forked from this one,
**    which live for the whole sweep and send rows back over a pipe (sweep_run.c).
**  - script per point (some parameter is a Tcl variable): the MODELs run once; for each
**    point a child forked from that state sets the variables, runs the SCRIPTs, sets the
**    value paths just before the first simulation command, and does `run` if the
**    scripts did not.
**
** Then the features (sweep_feat.c) of the recorded voltage, a row per point (sweep_db.c).
**
** This file: the options, setting up (interpreter, model build, plan), the plan and merge
** subcommands and main. The forked workers and their scheduler are in sweep_run.c, the
** threads in sweep_thread.c, the provenance row and the result CSV in sweep_prov.c;
** sweep_int.h holds what they share.
*/
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <sqlite3.h>
#include <tcl.h>

#include "cli_opt.h"
#include "nrn.h"
#include "nrntcl.h"
#include "numfmt.h"
#include "sweep_db.h"
#include "sweep_feat.h"
#include "sweep_plan.h"
#include "cli_tclerr.h"
#include "cli_model.h"
#include "cli_tcl.h"
#include "sweep_int.h"

/* Long-only options. */
enum {
    OPT_ZIP = 256, OPT_POINTS, OPT_MEASURE, OPT_ON, OPT_THRESHOLD, OPT_STIM, OPT_DB, OPT_TABLE,
    OPT_RETRY, OPT_FORCE, OPT_TIMEOUT, OPT_SHARD, OPT_SEED, OPT_PRECISION, OPT_TSTOP, OPT_DT,
    OPT_CELSIUS, OPT_VINIT, OPT_EVERY, OPT_VERSION, OPT_BATCH, OPT_CVODE, OPT_ATOL, OPT_RTOL,
    OPT_MECHANISMS
};

/* nrn-sweep's options: --help, the man page and the completions follow this table. */
static const struct cli_opt sweep_opts[] = {
    { "model", 'm', CLI_PATH, "MODEL", "load MODEL once, before the points: a model CSV (nrn-build), an SWC or ASC morphology, or a Tcl script" },
    { "param", 'p', CLI_STRING, "NAME=SPEC", "sweep NAME over SPEC: a:b:n (n values) or v1,v2,..." },
    CLI_OPT_DEFINE,
    { "mechanisms", OPT_MECHANISMS, CLI_PATH, "LIB", "load the mechanism library LIB (nrn-build mod) first" },
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
    { "batch", OPT_BATCH, CLI_INT, "N", "run N points together in a worker (1: one at a time; default: by model size)" },
    { "shard", OPT_SHARD, CLI_STRING, "I/N", "run only shard I of N (every N-th point from the I-th)" },
    { "seed", OPT_SEED, CLI_INT, "N", "set Tcl variable seed to N and record it" },
    { "precision", OPT_PRECISION, CLI_INT, "N", "N significant digits in CSV (default: shortest exact)" },
    CLI_OPTS_SIM(OPT_TSTOP),
    CLI_OPTS_CVODE(OPT_CVODE),
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
    "model; another NAME is a Tcl variable the SCRIPT reads (one it never reads is refused).\n"
    "With value paths only, the scripts run once and their simulation commands are\n"
    "replayed for each point; with Tcl variables, the SCRIPTs run again for each point in\n"
    "a copy of the model the MODELs built. nrn-sweep does `run` when the scripts ran no\n"
    "simulation. A sweep has at most 10,000,000 points.\n"
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
    case OPT_MECHANISMS: a->mechs[a->nmechs++] = arg; break;
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
    case OPT_BATCH:
        if (cli_range_check(PROG, "--batch", num, arg, 1, SWEEP_BMAX))
            return 1;
        a->batch = (int)num;
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
    case OPT_CVODE: case OPT_ATOL: case OPT_RTOL:
        return cli_cvode_opt(PROG, &a->sim, o->key - OPT_CVODE, num, arg);
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

/* ---------------------------------------------------------------------------------------
** Setting up: interpreter, model, plan
*/

/* Creates the interpreter and sets the command line's globals and variables. Exit status
** or 0. */
static int sweep_interp(struct sweep *s, const char *argv0)
{
    int rc;
    Tcl_FindExecutable(argv0);
    if ((rc = cli_tcl_interp(PROG, &s->interp, &s->st)) != 0 ||
        (rc = cli_tcl_vars(PROG, s->interp, s->a.defines, s->a.ndefines)) != 0 ||
        (rc = cli_tcl_mechanisms(PROG, s->interp, s->a.mechs, s->a.nmechs, 0)) != 0)
        return rc;
    if (s->a.has_seed) {
        char buf[32];
        snprintf(buf, sizeof buf, "%ld", s->a.seed);
        Tcl_SetVar(s->interp, "seed", buf, TCL_GLOBAL_ONLY);
    }
    if ((rc = cli_sim_apply(PROG, s->st, &s->a.sim)) != 0)
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
    if (!s->script_mode && sweep_run_hook_sim(s, sweep_run_note_cmd) != 0) {
        cli_error(PROG, "cannot intercept the simulation commands");
        return CLI_EXIT_FAIL;
    }
    for (int i = 0; i < n; i++) {
        const char *path = i < s->a.nmodels ? s->a.models[i] : s->scripts[i - s->a.nmodels];
        const char *loader = i < s->a.nmodels ? cli_model_loader(path) : NULL;
        if (loader) {
            /* the engine's message already names FILE:LINE; a model CSV's tstop, dt,
            ** celsius and v_init yield to the command line's, pinned above */
            if (cli_model_load(s->interp, loader, path) != TCL_OK) {
                cli_error(PROG, "%s", Tcl_GetStringResult(s->interp));
                return CLI_EXIT_FAIL;
            }
        } else if (sweep_run_eval_file(s, path) != TCL_OK) {
            cli_tcl_error(s->interp, path, msg, sizeof msg);
            fprintf(stderr, "%s: %s\n", PROG, msg);
            return CLI_EXIT_FAIL;
        }
    }
    if (sweep_run_hook_sim(s, NULL) != 0) {
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
        double t0 = sweep_run_now();
        Tcl_ListObjGetElements(NULL, s->proto, &n, &cmds);
        for (int i = 0; i < n; i++)
            if (Tcl_EvalObjEx(s->interp, cmds[i], TCL_EVAL_GLOBAL) != TCL_OK) {
                cli_error(PROG, "%s: %s", Tcl_GetString(cmds[i]), Tcl_GetStringResult(s->interp));
                return CLI_EXIT_FAIL;
            }
        s->trial = sweep_run_now() - t0;
    }
    if (s->nfeats > 0 && sweep_run_on_column(s) < 0) {
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

/*
** Points a worker runs together as replicas of the model (nrn.h "Replicas"; --batch). Only
** in replay mode, and only when every parameter is a value of a cell (a model-wide value
** such as celsius cannot differ between replicas). Automatic: about SWEEP_BATCH_NODES
** nodes per batch, where the per-step framework stops mattering (a model that big
** alone gains nothing), at least two batches per worker, about a second at most per batch
** judging by the trial run, and 64 MB at most of recorded samples per batch.
*/
#define SWEEP_BATCH_NODES 96
#define SWEEP_BATCH_RECBYTES (64.0 * 1024 * 1024)
/* Why the points of this sweep cannot run in batches of replicas, or NULL. */
static const char *sweep_unbatchable(struct sweep *s, char *buf, size_t size)
{
    nrn_model *m = nrntcl_model(s->st);
    const char *name;

    if (s->script_mode || s->refs == NULL)
        return "a swept NAME is a Tcl variable, so the scripts run again for each point";
    if (nrn_cvode_get(m, NRN_CV_ACTIVE))
        return "replicas run on the fixed step only, and CVODE is active";
    for (int j = 0; j < s->plan.nparams; j++)
        if (nrn_ref_is_global(&s->refs[j])) {
            snprintf(buf, size, "%s is a GLOBAL, which replicas share", s->plan.params[j].name);
            return buf;
        }
    if ((name = nrn_thread_unsafe(m)) != NULL) {
        snprintf(buf, size, "%s is not thread safe", name);
        return buf;
    }
    if ((name = nrn_replica_unsafe(m)) != NULL) {
        snprintf(buf, size, "%s carries GLOBAL values from one step to the next, which replicas would share",
                 name);
        return buf;
    }
    return NULL;
}

static int sweep_batch_size(struct sweep *s, size_t ntodo)
{
    nrn_model *m = nrntcl_model(s->st);
    size_t share = (ntodo + 2 * (size_t)s->a.jobs - 1) / (2 * (size_t)s->a.jobs);
    int b, nodes;
    char why[300];
    const char *no;

    if (s->a.batch == 1)
        return 1;
    if ((no = sweep_unbatchable(s, why, sizeof why)) != NULL) {
        /* said only when asked for: a user who gave --batch wonders why the sweep is slow */
        if (s->a.batch > 1 && ntodo > 1)
            fprintf(stderr, "%s: --batch %d: %s: running the points one at a time\n", PROG,
                    s->a.batch, no);
        return 1;
    }
    if (s->a.batch > 0)
        return s->a.batch;
    nodes = nrn_node_count(m);
    b = nodes > 0 ? SWEEP_BATCH_NODES / nodes : 1;
    if (b > 64)
        b = 64;
    if ((size_t)b > share)
        b = (int)share;
    if (s->trial > 0 && b > 1.0 / s->trial)
        b = (int)(1.0 / s->trial);
    /* every replica keeps its own records: at most SWEEP_BATCH_RECBYTES of them a thread */
    {
        double per = 0;
        for (int i = 0; i < nrn_record_count(m); i++)
            per += 8.0 * (double)(nrn_record_len(m, i) + 1);
        if (per > 0 && b > SWEEP_BATCH_RECBYTES / per)
            b = (int)(SWEEP_BATCH_RECBYTES / per);
    }
    return b < 1 ? 1 : b;
}

/* Builds the plan from -p or --points, then the shard. Exit status or 0. */
static int sweep_make_plan(struct sweep *s)
{
    char err[512];
    if (s->a.points && s->a.nparams > 0) {
        cli_error(PROG, "--points and -p cannot be used together");
        return CLI_EXIT_USAGE;
    }
    if (s->a.shard && sweep_shard_parse(s->a.shard, &s->shard_i, &s->shard_n, err, sizeof err) != 0) {
        cli_error(PROG, "%s", err);
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
        if (!s->a.zip) {
            /* the grid's size from the SPECs alone: no value made for a grid refused */
            double total = 1;
            for (int i = 0; i < s->a.nparams; i++)
                total *= (double)sweep_spec_count(s->a.params[i]);
            if (sweep_grid_check(total, err, sizeof err) != 0) {
                cli_error(PROG, "%s", err);
                return CLI_EXIT_USAGE;
            }
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
        if (sweep_plan_values(&s->plan, ps, s->a.nparams, s->a.zip, err, sizeof err) != 0) {
            cli_error(PROG, "%s", err);
            for (int j = 0; j < s->a.nparams; j++)
                sweep_param_free(&ps[j]);
            free(ps);
            return CLI_EXIT_USAGE;
        }
        free(ps);
        s->plan_pending = 1; /* ids and duplicates: sweep_plan_start */
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
    if (!s->plan_pending && s->a.shard)
        sweep_plan_shard(&s->plan, s->shard_i, s->shard_n);
    return 0;
}

/* The rest of the plan (ids, duplicates, the shard), on a thread while the interpreter
** starts: a millisecond or two for a thousand points, otherwise spent waiting. */
static void *sweep_plan_thread(void *arg)
{
    struct sweep *s = arg;
    s->plan_rc = sweep_plan_finish(&s->plan);
    if (s->plan_rc == 0 && s->a.shard)
        sweep_plan_shard(&s->plan, s->shard_i, s->shard_n);
    return NULL;
}

/* Starts the rest of the plan (on a thread; here if that fails). */
static void sweep_plan_start(struct sweep *s)
{
    if (!s->plan_pending)
        return;
    if (pthread_create(&s->plan_th, NULL, sweep_plan_thread, s) == 0)
        s->plan_pending = 2;
    else
        sweep_plan_thread(s), s->plan_pending = 0;
}

/* Waits for the plan to be complete. Exit status or 0. */
static int sweep_plan_wait(struct sweep *s)
{
    if (s->plan_pending == 2)
        pthread_join(s->plan_th, NULL);
    s->plan_pending = 0;
    if (s->plan_rc != 0) {
        cli_error(PROG, "out of memory");
        return CLI_EXIT_FAIL;
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

/*
** Checks, before anything runs, that an output (-o FILE, --db FILE) can be made: a name
** (SQLite takes "" and ":memory:" for databases that vanish with the results), not
** a directory, in a folder that exists and can be written. Exit status or 0.
*/
static int sweep_check_output(const char *opt, const char *path)
{
    struct stat st;
    char *dir, *slash;
    int rc = 0;
    if (path == NULL || (strcmp(opt, "-o") == 0 && strcmp(path, "-") == 0))
        return 0;
    if (path[0] == '\0' || strcmp(path, ":memory:") == 0) {
        cli_error(PROG, "%s: %s", opt, path[0] ? "':memory:' keeps nothing (without --db the results "
                  "go to -o or standard output)" : "empty file name");
        return CLI_EXIT_USAGE;
    }
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        cli_error(PROG, "%s %s: is a directory", opt, path);
        return CLI_EXIT_USAGE;
    }
    if ((dir = strdup(path)) == NULL) {
        cli_error(PROG, "out of memory");
        return CLI_EXIT_FAIL;
    }
    if ((slash = strrchr(dir, '/')) == NULL)
        strcpy(dir, ".");
    else
        slash[slash == dir] = '\0';
    if (access(dir, W_OK | X_OK) != 0) {
        cli_error(PROG, "%s %s: cannot write in %s: %s", opt, path, dir, strerror(errno));
        rc = CLI_EXIT_USAGE;
    }
    free(dir);
    return rc;
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
    if ((rc = sweep_interp(s, argv[0])) != 0 || (rc = sweep_plan_wait(s)) != 0 ||
        (rc = sweep_build(s)) != 0)
        return rc;
    if (sweep_db_open(&db, s->a.db, s->a.table ? s->a.table : "sweep", err, sizeof err) != 0 ||
        sweep_db_prepare(&db, &s->plan, s->feat_names, s->feat_int, s->nfeats, err, sizeof err) != 0) {
        cli_error(PROG, "%s", err);
        sweep_db_close(&db);
        return CLI_EXIT_FAIL;
    }
    /* kept in r, in memory, so a worker forked below still reaches it (valgrind) */
    skip = r.skip = calloc(s->plan.npoints + 1, 1);
    r.todo = malloc((s->plan.npoints + 1) * sizeof *r.todo);
    r.again = malloc(((size_t)s->a.jobs * SWEEP_DEPTH + 1) * sizeof *r.again);
    r.w = calloc((size_t)s->a.jobs, sizeof *r.w);
    s->errbuf = malloc(SWEEP_ERRMAX);
    s->var_use = calloc((size_t)s->plan.nparams + 1, 1);
    if (!skip || !r.todo || !r.again || !r.w || !s->errbuf || !s->var_use) {
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
    /* from the provenance row on, a signal is noted and ends the run after marking it */
    signal(SIGINT, sweep_run_on_signal);
    signal(SIGTERM, sweep_run_on_signal);
    signal(SIGHUP, sweep_run_on_signal);
    signal(SIGPIPE, SIG_IGN);
    if (s->a.db && sweep_prov_write(s, &db, argc, argv, (size_t)nskip, err, sizeof err) != 0) {
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
    r.batch = sweep_batch_size(s, r.ntodo);
    r.solo = r.batch <= 1;
    r.nw = s->a.jobs;
    r.skipped = (size_t)nskip;
    r.progress = isatty(2) && getenv("NO_PROGRESS") == NULL;
    r.t0 = sweep_run_now();
    rc = 0;
    if (r.ntodo > 0) {
        int th = sweep_thread_run(&r);
        if (th == 1)
            r.solo = 1; /* no threads here: forked workers, a point at a time */
        if (th < 0)
            rc = -1;
        else if (r.done < r.ntodo)
            rc = sweep_run_schedule(&r);
    }
    if (r.db_error) {
        cli_error(PROG, "%s", r.err);
        rc = CLI_EXIT_FAIL;
    } else if (s->a.db) {
        struct sweep_prov f[4] = {
            { "points_run", NULL, (double)r.done },
            { "points_failed", NULL, (double)r.failed },
            { "ended", sweep_prov_iso_now(now), 0 },
            { "status", sweep_run_signal ? "interrupted" : r.usage ? "refused" : "complete", 0 },
        };
        if (sweep_db_prov_update(&db, f, 4, err, sizeof err) != 0)
            cli_error(PROG, "warning: %s", err);
    }
    if (sweep_run_signal) {
        cli_error(PROG, "interrupted: %zu points stored%s", r.done,
                  s->a.db ? "; run the same command again to resume" : "");
        sweep_db_close(&db);
        signal(sweep_run_signal, SIG_DFL);
        raise(sweep_run_signal);
        rc = 128 + sweep_run_signal;
        goto done;
    }
    if (r.usage && !sweep_run_signal && !r.db_error) {
        cli_error(PROG, "%s", r.err);
        rc = CLI_EXIT_USAGE;
        goto done;
    }
    if (rc == 0 && (s->a.output || !s->a.db))
        rc = sweep_prov_csv(s, &db);
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
    sweep_plan_wait(s);
    if (s->proto)
        Tcl_DecrRefCount(s->proto);
    if (s->interp) {
        Tcl_DeleteInterp(s->interp);
        Tcl_Finalize();
    }
    free(s->refs);
    free(s->errbuf);
    free(s->var_use);
    sweep_plan_free(&s->plan);
}

/* nrn-sweep: see the file comment and sweep_epilog. */
int main(int argc, char **argv)
{
    static struct sweep s; /* static: what it holds stays reachable when not freed (below) */
    char **ops;
    int first, nops, rc = 0, sub = 0;
    long ncpu;

    if (cli_stdout_check(PROG) != 0)
        return CLI_EXIT_FAIL;
    memset(&s, 0, sizeof s);
    s.a.models = calloc((size_t)argc, sizeof *s.a.models);
    s.a.params = calloc((size_t)argc, sizeof *s.a.params);
    s.a.defines = calloc((size_t)argc, sizeof *s.a.defines);
    s.a.mechs = calloc((size_t)argc, sizeof *s.a.mechs);
    if (!s.a.models || !s.a.params || !s.a.defines || !s.a.mechs) {
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
        if (rc == 0 && !sub && (rc = sweep_check_output("-o", s.a.output)) == 0)
            rc = sweep_check_output("--db", s.a.db);
        /* every usage error before the plan is made: a big grid takes a while to build */
        if (rc == 0 && (rc = sweep_parse_measure(&s)) == 0 && (rc = sweep_parse_stim(&s)) == 0)
            rc = sweep_make_plan(&s);
        else if (rc == -1)
            rc = CLI_EXIT_USAGE;
        if (rc == 0)
            sweep_plan_start(&s);
        if (rc == 0 && sub && (rc = sweep_plan_wait(&s)) == 0)
            rc = sweep_cmd_plan(&s);
        else if (rc == 0)
            rc = sweep_main(&s, argc, argv);
    }
    if (s.forked || s.threaded) {
        /* Freeing the interpreter and the models page by page takes a millisecond or more
        ** (once workers were forked, every page written faults again: copy-on-write, some
        ** 15 us a page on a virtual machine) to give back memory that exit gives back at
        ** once. What is not freed stays reachable from the static s. */
        fflush(stdout);
        return rc;
    }
    sweep_free(&s);
    free(s.a.models);
    free(s.a.params);
    free(s.a.defines);
    free(s.a.mechs);
    return rc;
}
