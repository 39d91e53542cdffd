/*
** nrn-run.c: nrn-run, run a model and protocol written in Tcl; CSV out.
**
**     nrn-run [-m MODEL]... [-D NAME=VALUE]... [-r PATH]... [-o FILE] [--spikes FILE]
**             [SCRIPT.tcl|-]...
**
** One interpreter with the nrn commands imported runs the models, then the scripts, in
** order. Then every recorded column goes out as CSV (cli_stream.c), to stdout or to FILE
** through a temporary file (atomfile.c), so an interrupted or failed run leaves no half
** file. --spikes writes every spike of every source that has a NetCon (the engine's spike
** callback) as CSV source,t, the same way. Under mpirun (cli_mpi.c) every rank runs the
** scripts and rank 0 writes the spikes of all (run_mpi.c). See design/cli.md and
** man/nrn-run.1.
*/
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <csv.h>
#include <tcl.h>

#include "atomfile.h"
#include "cli_opt.h"
#include "cli_tclerr.h"
#include "cli_signal.h"
#include "cli_stream.h"
#include "cli_model.h"
#include "cli_tcl.h"
#include "nrn.h"
#include "nrntcl.h"
#include "numfmt.h"
#include "run_mpi.h"

#define PROG "nrn-run"

/* Long-only options. */
enum {
    OPT_TSTOP = 256, OPT_DT, OPT_CELSIUS, OPT_VINIT, OPT_EVERY, OPT_PRECISION, OPT_SPIKES,
    OPT_VERSION, OPT_CVODE, OPT_ATOL, OPT_RTOL, OPT_MECHANISMS, OPT_THREADS
};

/* nrn-run's options: --help, the man page and the completions follow this table. */
static const struct cli_opt run_opts[] = {
    { "model", 'm', CLI_PATH, "MODEL", "load MODEL before the scripts: a model CSV (nrn-build), an SWC or ASC morphology, or a Tcl script" },
    CLI_OPT_DEFINE,
    { "mechanisms", OPT_MECHANISMS, CLI_PATH, "LIB", "load the mechanism library LIB (nrn-build mod) first; ./nrnmech.so is loaded when present" },
    { "record", 'r', CLI_STRING, "PATH", "record PATH (and t), as `record PATH` in a script" },
    { "output", 'o', CLI_PATH, "FILE", "write the CSV to FILE (whole or not at all)" },
    CLI_OPTS_SIM(OPT_TSTOP),
    { "precision", OPT_PRECISION, CLI_INT, "N", "N significant digits (default: shortest exact)" },
    { "spikes", OPT_SPIKES, CLI_PATH, "FILE", "write every spike as CSV source,t to FILE" },
    CLI_OPTS_CVODE(OPT_CVODE),
    { "threads", OPT_THREADS, CLI_INT, "N", "split each rank's cells over N threads (pc psolve, run), as `pc nthread N`" },
    CLI_OPT_HELP,
    CLI_OPT_VERSION(OPT_VERSION, PROG),
    { NULL, 0, 0, NULL, NULL },
};

static const char run_usage[] =
    PROG " [-m MODEL]... [-D NAME=VALUE]... [-r PATH]... [-o FILE] [--spikes FILE]\n"
    "               [SCRIPT.tcl|-]...";

static const char run_epilog[] =
    "Runs the MODEL scripts, then the SCRIPTs, in one Tcl interpreter with the nrn commands\n"
    "(section, insert, IClamp, record, run, ...). With no SCRIPT, or SCRIPT -, the script is\n"
    "read from standard input. When they finish, every recorded column is written as CSV,\n"
    "t first; if nothing ran the simulation but something was recorded, nrn-run does `run`.\n"
    "Into a pipe or a terminal, rows go out as they are computed. --tstop, --dt, --celsius\n"
    "and --v-init win over the values model files and scripts set (man nrn-run, PRECEDENCE);\n"
    "a run takes at most 1e9 steps (LIMITS).\n"
    "\n"
    "--spikes FILE writes every spike of every spike source that has a NetCon, in the order\n"
    "they happen, as CSV with the header source,t: source is the watched value path\n"
    "(soma(0.5).v) or the name of the artificial cell or point process. Like -o, FILE is\n"
    "written whole or not at all; --spikes - writes to standard output (give -o FILE then).\n"
    "\n"
    "--cvode runs with NEURON's variable time step (a script may also say `cvode -active 1`):\n"
    "one row per step, or every MS ms by interpolation with --every MS; --atol and --rtol set\n"
    "its tolerances.\n"
    "\n"
    "Under mpirun or srun every rank runs the scripts, which split the network with pc\n"
    "(ParallelContext); --spikes then gathers every rank's spikes on rank 0, sorted by\n"
    "(t, gid), header source,t,gid, and rank 0 writes the CSV: t, then every rank's\n"
    "columns in rank order (on standard output, rows stream at each spike exchange). MPI\n"
    "is loaded only then (man nrn-run, MPI).\n"
    "--threads N splits each rank's cells over N threads in pc psolve, run and continuerun\n"
    "(a script's own"
    " `pc nthread` wins); spikes, rows and columns are those of one thread.\n"
    "\n"
    "Exit status: 0 success, 1 the script or the simulation failed, 2 bad usage.\n"
    "\n"
    "Examples:\n"
    "  nrn-run recipes/hh.tcl > hh.csv\n"
    "  nrn-run -r 'soma(0.5).m_hh' --tstop 20 -o out.csv cell.tcl protocol.tcl\n"
    "  nrn-run -m cell.tcl -D amp=0.5 protocol.tcl | nrn-plot --follow\n"
    "  nrn-run --spikes spikes.csv -o v.csv recipes/ring.tcl\n"
    "  mpirun -np 4 nrn-run --spikes spikes.csv recipes/ring-parallel.tcl\n"
    "  mpirun -np 2 nrn-run --threads 2 --spikes spikes.csv recipes/ring-parallel.tcl\n"
    "  echo 'section soma; insert hh' | nrn-run -r 'soma(0.5).v' --tstop 5\n";

/* What the command line asked for. */
struct run_args {
    const char **models;  /* -m, in order */
    int nmodels;
    const char **defines; /* -D NAME=VALUE, in order */
    int ndefines;
    const char **records; /* -r PATH, in order */
    int nrecords;
    const char **mechs;   /* --mechanisms LIB, in order */
    int nmechs;
    const char *output;   /* -o FILE, or NULL for stdout */
    const char *spikes;   /* --spikes FILE, or NULL */
    struct cli_sim sim;   /* --tstop --dt --celsius --v-init --every --cvode --atol --rtol */
    int digits;           /* --precision, 0 for shortest */
    int threads;          /* --threads, 0 when not given */
    int help;             /* -h */
    int version;          /* --version */
};

/* One run: the interpreter and where its output goes. */
struct run_ctx {
    Tcl_Interp *interp;    /* the interpreter */
    nrntcl *st;            /* its nrn state */
    int to_file;           /* output goes to af (-o), else to stdout */
    const char *outname;   /* -o's FILE (argv's, so it outlives af), or "standard output" */
    struct atomfile af;    /* the -o file while it is written */
    struct cli_stream out; /* the CSV writer */
    int spikes;            /* --spikes given */
    int spikes_to_file;    /* ... and goes to spk (else to stdout) */
    const char *spkname;   /* --spikes's FILE, or "standard output" */
    struct atomfile spk;   /* the --spikes file while it is written */
    FILE *spk_fp;          /* where spike rows go */
    int digits;            /* --precision */
    struct cli_mpi *mpi;   /* the ranks (mpi->api NULL: this process alone) */
    struct run_mpi_spikes mspk; /* under MPI: this rank's spikes until the end */
    struct run_mpi_rows mrows;  /* under MPI without -o: the rows streamed at exchanges */
    int streamed;               /* ... in use */
};

/* The run in progress, for Tcl's exit handler and the signal handler. */
static struct run_ctx *run_current;


/* The temporary output files' names, for the signal handler (empty when none). */

/* Collects one option into the struct run_args ud; checks -D and --precision. */
static int run_opt(void *ud, const struct cli_opt *o, const char *arg, double num)
{
    struct run_args *a = ud;
    switch (o->key) {
    case 'm':
        a->models[a->nmodels++] = arg;
        break;
    case 'D':
        if (cli_define_check(PROG, arg))
            return 1;
        a->defines[a->ndefines++] = arg;
        break;
    case 'r':
        a->records[a->nrecords++] = arg;
        break;
    case OPT_MECHANISMS:
        a->mechs[a->nmechs++] = arg;
        break;
    case 'o':
        a->output = arg;
        break;
    case OPT_SPIKES:
        a->spikes = arg;
        break;
    case OPT_TSTOP:
    case OPT_DT:
    case OPT_CELSIUS:
    case OPT_VINIT:
    case OPT_EVERY:
        cli_sim_opt(&a->sim, o->key - OPT_TSTOP, num);
        break;
    case OPT_PRECISION:
        if (cli_range_check(PROG, "--precision", num, arg, 1, 17))
            return 1;
        a->digits = (int)num;
        break;
    case OPT_THREADS:
        if (cli_range_check(PROG, "--threads", num, arg, 1, 1024))
            return 1;
        a->threads = (int)num;
        break;
    case 'h':
        a->help = 1;
        break;
    case OPT_VERSION:
        a->version = 1;
        break;
    case OPT_CVODE:
    case OPT_ATOL:
    case OPT_RTOL:
        return cli_cvode_opt(PROG, &a->sim, o->key - OPT_CVODE, num, arg);
    }
    return 0;
}

/* Prints nrn-run's version and those of the libraries it runs on. */
static void run_print_version(void)
{
    cli_tcl_print_version(PROG);
    printf("libcsv %d.%d.%d\n", CSV_MAJOR, CSV_MINOR, CSV_RELEASE);
}

/* 1 if the error now in the interpreter is a failed simulation (CVODE, a non-finite v):
** its rows up to the failure are still written. */
static int run_numeric_failure(Tcl_Interp *interp)
{
    const char *code = Tcl_GetVar(interp, "errorCode", TCL_GLOBAL_ONLY);
    return code && strcmp(code, "NRN ENUMERIC") == 0;
}

/* Prints "nrn-run: FILE:LINE: message" for the error now in the interpreter. */
static void run_report(Tcl_Interp *interp, const char *script)
{
    char msg[PATH_MAX + 1024], path[512];
    if (cli_tcl_deferred_error(interp, path, sizeof path, msg, sizeof msg)) {
        fprintf(stderr, "%s: -r %s: %s\n", PROG, path, msg); /* not the script's fault */
        return;
    }
    cli_tcl_error(interp, script, msg, sizeof msg);
    fprintf(stderr, "%s: %s\n", PROG, msg);
}

/* Runs one script file, or standard input for "-". Returns the Tcl status. */
static int run_script(Tcl_Interp *interp, const char *path)
{
    Tcl_Obj *text;
    Tcl_Channel in;
    int rc;

    if (strcmp(path, "-") != 0)
        return Tcl_EvalFile(interp, path);
    in = Tcl_GetStdChannel(TCL_STDIN);
    text = Tcl_NewObj();
    Tcl_IncrRefCount(text);
    if (in == NULL || Tcl_ReadChars(in, text, -1, 0) < 0) {
        Tcl_DecrRefCount(text);
        Tcl_SetObjResult(interp, Tcl_ObjPrintf("cannot read standard input: %s",
                                               Tcl_ErrnoMsg(Tcl_GetErrno())));
        return TCL_ERROR;
    }
    rc = Tcl_EvalObjEx(interp, text, TCL_EVAL_GLOBAL);
    Tcl_DecrRefCount(text);
    return rc;
}

/* Throws the output away (the temporary files go; stdout keeps what went out). */
static void run_abort_output(struct run_ctx *c)
{
    if (c->to_file) {
        atomfile_abort(&c->af);
    }
    if (c->spikes_to_file) {
        atomfile_abort(&c->spk);
    }
}

/* Puts the --spikes file in place (after the CSV). Returns the exit status. */
static int run_finish_spikes(struct run_ctx *c)
{
    const char *name = c->spkname;
    nrntcl_set_spike_callback(c->st, NULL, NULL);
    if (c->mpi->api && run_mpi_write_spikes(PROG, &c->mspk, c->mpi, c->spk_fp, c->digits) != 0)
        return CLI_EXIT_FAIL;
    if (!c->spk_fp) /* a rank other than 0 under MPI */
        return CLI_EXIT_OK;
    errno = 0;
    if (fflush(c->spk_fp) != 0 || ferror(c->spk_fp)) {
        fprintf(stderr, "%s: cannot write %s: %s\n", PROG, name, strerror(errno ? errno : EIO));
        return CLI_EXIT_FAIL;
    }
    if (c->spikes_to_file) {
        if (atomfile_commit(&c->spk) != 0) {
            fprintf(stderr, "%s: cannot write %s: %s\n", PROG, name, strerror(errno));
            return CLI_EXIT_FAIL;
        }
    }
    return CLI_EXIT_OK;
}

/*
** Under mpirun with several ranks, the scripts must have run the network with pc psolve
** (else every rank simulated alone). Rank 0 says so; every rank fails, knowing the others
** do. Returns 0 or -1.
*/
static int run_mpi_check(struct run_ctx *c)
{
    nrn_par_counts n;
    if (!c->mpi->api || c->mpi->comm.size < 2)
        return 0;
    nrn_par_stats(nrntcl_model(c->st), &n);
    c->mpi->agreed = 1;
    if (n.psolves == 0) {
        if (c->mpi->comm.rank == 0)
            cli_error(PROG, "running on %d ranks, but the scripts never called pc psolve "
                      "(every rank would simulate alone)", c->mpi->comm.size);
        return -1;
    }
    c->mpi->agreed = 0;
    return 0;
}

/* Under MPI: every rank's columns into rank 0's CSV (run_mpi.c). 0, or -1 with errno. */
static int run_mpi_records(struct run_ctx *c)
{
    if (run_mpi_write_records(PROG, c->st, c->mpi, c->out.fp, c->digits,
                              c->streamed ? &c->mrows : NULL) != 0) {
        errno = EIO;
        return -1;
    }
    if (c->mpi->comm.rank == 0 && (fflush(c->out.fp) != 0 || ferror(c->out.fp))) {
        if (errno == 0)
            errno = EIO;
        return -1;
    }
    return 0;
}

/*
** The scripts are done: runs the simulation if they did not but something was recorded,
** writes the CSV and puts the output file in place. Returns the exit status.
*/
static int run_finish(struct run_ctx *c)
{
    Tcl_Channel out = Tcl_GetStdChannel(TCL_STDOUT);
    const char *name = c->outname;
    int rc = CLI_EXIT_OK;

    if (run_mpi_check(c) != 0) {
        rc = CLI_EXIT_FAIL;
    } else if (nrntcl_flush_records(c->st, c->interp) != TCL_OK) {
        run_report(c->interp, "-r");
        rc = CLI_EXIT_FAIL;
    } else if (!nrntcl_has_run(c->st) && nrntcl_columns(c->st, NULL, 0) > 0 &&
               Tcl_Eval(c->interp, "::nrn::run") != TCL_OK) {
        fprintf(stderr, "%s: run: %s\n", PROG, Tcl_GetStringResult(c->interp));
        rc = CLI_EXIT_FAIL;
    }
    if (out)
        Tcl_Flush(out);
    errno = 0;
    if (rc == CLI_EXIT_OK &&
        (c->mpi->api ? run_mpi_records(c) : cli_stream_finish(&c->out)) != 0) {
        fprintf(stderr, "%s: cannot write %s: %s\n", PROG, name, strerror(errno));
        rc = CLI_EXIT_FAIL;
    }
    nrntcl_set_sample_callback(c->st, NULL, NULL);
    nrntcl_set_exchange_callback(c->st, NULL, NULL);
    if (rc == CLI_EXIT_OK && c->spikes)
        rc = run_finish_spikes(c);
    if (rc != CLI_EXIT_OK) {
        run_abort_output(c);
    } else if (c->to_file) {
        if (atomfile_commit(&c->af) != 0) {
            fprintf(stderr, "%s: cannot write %s: %s\n", PROG, name, strerror(errno));
            rc = CLI_EXIT_FAIL;
        }
    }
    return rc;
}

/* Flushes Tcl's standard channels (puts output), for the paths that leave by _exit. */
static void run_flush_tcl(void)
{
    Tcl_Channel out = Tcl_GetStdChannel(TCL_STDOUT), err = Tcl_GetStdChannel(TCL_STDERR);
    if (out)
        Tcl_Flush(out);
    if (err)
        Tcl_Flush(err);
}

/*
** Tcl's `exit` in a script: `exit` or `exit 0` ends the scripts normally (the output is
** written), another status ends the run with that status and no output file.
*/
static void run_exit_proc(ClientData cd)
{
    int code = (int)(intptr_t)cd;
    struct run_ctx *c = run_current;

    if (c) {
        if (code == 0)
            code = run_finish(c);
        else
            run_abort_output(c);
    }
    run_flush_tcl();
    fflush(stdout);
    if (c)
        cli_mpi_end(c->mpi, code); /* MPI_Finalize, or MPI_Abort for a failure */
    _exit(code);
}

/* The per-sample callback: Tcl's buffered puts output first, then the row. */
static void run_on_sample(void *ud, nrn_model *m, size_t k)
{
    struct run_ctx *c = ud;
    Tcl_Channel out = Tcl_GetStdChannel(TCL_STDOUT);
    if (out && !c->to_file)
        Tcl_Flush(out);
    cli_stream_sample(&c->out, m, k);
}

/*
** The spike callback (--spikes): one row "source,t", the source quoted as CSV needs, t in
** the CSV's number format.
*/
static void run_on_spike(void *ud, nrn_model *m, const char *source, double t)
{
    struct run_ctx *c = ud;
    char buf[NUMFMT_BUFSIZE];
    (void)m;
    if (strpbrk(source, ",\"\r\n") == NULL) {
        fputs(source, c->spk_fp);
    } else {
        putc('"', c->spk_fp);
        for (const char *p = source; *p; p++) {
            if (*p == '"')
                putc('"', c->spk_fp);
            putc(*p, c->spk_fp);
        }
        putc('"', c->spk_fp);
    }
    fprintf(c->spk_fp, ",%s\n", numfmt_double(buf, t, c->digits));
    if (!c->spikes_to_file)
        fflush(c->spk_fp);
}

/*
** Sets the interpreter up from the command line: variables, globals, sampling, records.
** Returns 0, or an exit status after a message.
*/
static int run_setup(struct run_ctx *c, const struct run_args *a)
{
    int rc = cli_tcl_vars(PROG, c->interp, a->defines, a->ndefines);
    if (rc == 0)
        rc = cli_tcl_mechanisms(PROG, c->interp, a->mechs, a->nmechs, 1);
    if (rc == 0)
        rc = cli_sim_apply(PROG, c->st, &a->sim);
    if (rc != 0)
        return rc;
    nrntcl_set_digits(c->st, a->digits);
    if (a->threads && nrntcl_set_nthread(c->st, a->threads) != NRN_OK) {
        cli_error(PROG, "out of memory");
        return CLI_EXIT_FAIL;
    }
    for (int i = 0; i < a->nrecords; i++)
        if ((i == 0 && nrntcl_defer_record(c->st, "t") != TCL_OK) ||
            nrntcl_defer_record(c->st, a->records[i]) != TCL_OK) {
            cli_error(PROG, "out of memory");
            return CLI_EXIT_FAIL;
        }
    return 0;
}

/* Opens the output: -o FILE through a temporary file, else stdout. Exit status or 0. */
static int run_open_output(struct run_ctx *c, const struct run_args *a)
{
    FILE *fp = stdout;
    /* under MPI only rank 0 writes (run_mpi.c gathers the others' columns) */
    c->to_file = a->output != NULL && strcmp(a->output, "-") != 0 &&
                 !(c->mpi->api && c->mpi->comm.rank != 0);
    c->outname = c->to_file ? a->output : "standard output";
    if (c->to_file) {
        if (atomfile_open(&c->af, a->output) != 0) {
            cli_error(PROG, "cannot write %s: %s", a->output, strerror(errno));
            return CLI_EXIT_FAIL;
        }
        fp = c->af.fp;
    }
    cli_stream_init(&c->out, PROG, c->st, fp, a->digits,
                    !c->to_file && !c->mpi->api && cli_stream_is_live(fp));
    if (c->out.live)
        nrntcl_set_sample_callback(c->st, run_on_sample, c);
    c->digits = a->digits;
    /* under MPI, standard output gets the rows at each exchange (-o: at the end; every
    ** rank decides the same, from the same arguments) */
    if (c->mpi->api && (a->output == NULL || strcmp(a->output, "-") == 0)) {
        c->mrows = (struct run_mpi_rows){ .prog = PROG, .st = c->st, .mp = c->mpi,
                                          .fp = fp, .digits = a->digits };
        c->streamed = 1;
        if (nrntcl_set_exchange_callback(c->st, run_mpi_on_exchange, &c->mrows) != NRN_OK) {
            cli_error(PROG, "out of memory");
            return CLI_EXIT_FAIL;
        }
    }
    if (a->spikes && c->mpi->api && c->mpi->comm.rank != 0) {
        /* only rank 0 writes the file; this rank's spikes go to it at the end */
        c->spikes = 1;
        nrntcl_set_spike_callback(c->st, run_mpi_on_spike, &c->mspk);
    } else if (a->spikes) {
        c->spikes = 1;
        c->spikes_to_file = strcmp(a->spikes, "-") != 0;
        c->spk_fp = stdout;
        c->spkname = c->spikes_to_file ? a->spikes : "standard output";
        if (c->spikes_to_file) {
            if (atomfile_open(&c->spk, a->spikes) != 0) {
                cli_error(PROG, "cannot write %s: %s", a->spikes, strerror(errno));
                run_abort_output(c);
                return CLI_EXIT_FAIL;
            }
            c->spk_fp = c->spk.fp;
        }
        if (c->mpi->api) {
            nrntcl_set_spike_callback(c->st, run_mpi_on_spike, &c->mspk);
        } else {
            fputs("source,t\n", c->spk_fp);
            nrntcl_set_spike_callback(c->st, run_on_spike, c);
        }
    }
    return 0;
}

/* Runs everything in a new interpreter. Returns the exit status. */
static int run_all(const char *argv0, const struct run_args *a, char **scripts, int nscripts,
                   struct cli_mpi *mpi)
{
    struct run_ctx c;
    int rc, numeric = 0;

    memset(&c, 0, sizeof c);
    c.mpi = mpi;
    Tcl_FindExecutable(argv0);
    if (cli_tcl_interp(PROG, &c.interp, &c.st) != 0) {
        Tcl_DeleteInterp(c.interp);
        return CLI_EXIT_FAIL;
    }
    if (mpi->api)
        nrntcl_set_comm(c.st, &mpi->comm);
    if ((rc = run_setup(&c, a)) != 0 || (rc = run_open_output(&c, a)) != 0) {
        Tcl_DeleteInterp(c.interp);
        Tcl_Finalize();
        return rc;
    }
    run_current = &c;
    Tcl_SetExitProc(run_exit_proc);
    cli_catch_signals(); /* the temporary output files go; `nrn-run | head` just stops */
    for (int i = 0; i < a->nmodels + nscripts && rc == 0; i++) {
        const char *path = i < a->nmodels ? a->models[i] : scripts[i - a->nmodels];
        const char *loader = i < a->nmodels ? cli_model_loader(path) : NULL;
        if (loader) {
            /* the engine's message already names FILE:LINE */
            if (cli_model_load(c.interp, loader, path) != TCL_OK) {
                cli_error(PROG, "%s", Tcl_GetStringResult(c.interp));
                rc = CLI_EXIT_FAIL;
            }
        } else if (run_script(c.interp, path) != TCL_OK) {
            /* a psolve every rank failed together: the ranks that found the error say it,
            ** and all end with MPI_Finalize (no rank is left waiting) */
            int together = mpi->api ? nrn_par_failed_together(nrntcl_model(c.st)) : 0;
            if (together != 2)
                run_report(c.interp, strcmp(path, "-") == 0 ? "stdin" : path);
            mpi->agreed = together != 0;
            rc = CLI_EXIT_FAIL;
            numeric = run_numeric_failure(c.interp);
        }
    }
    if (rc == 0)
        rc = run_finish(&c);
    else if (numeric && run_finish(&c) == CLI_EXIT_OK)
        ; /* the rows recorded before the simulation failed are kept; the status stays 1 */
    else
        run_abort_output(&c);
    Tcl_SetExitProc(NULL);
    run_current = NULL;
    cli_stream_free(&c.out);
    run_mpi_spikes_free(&c.mspk);
    run_mpi_rows_free(&c.mrows);
    Tcl_DeleteInterp(c.interp);
    Tcl_Finalize();
    return rc;
}

/* Checks that a script or model file can be read; exit status or 0. */
static int run_check_input(const char *path, int is_model)
{
    size_t n = strlen(path);
    if (strcmp(path, "-") == 0)
        return 0;
    if (access(path, R_OK) != 0) {
        cli_error(PROG, "cannot read %s: %s", path, strerror(errno));
        return CLI_EXIT_USAGE;
    }
    (void)n;
    (void)is_model;
    return 0;
}

/* nrn-run: see the file comment and run_epilog. */
int main(int argc, char **argv)
{
    struct run_args a;
    struct cli_mpi mpi;
    char *stdin_script[] = { (char *)"-" };
    char **scripts;
    int first, nscripts, rc = 0, ndash = 0;

    if (cli_stdout_check(PROG) != 0)
        return CLI_EXIT_FAIL;
    memset(&a, 0, sizeof a);
    a.models = calloc((size_t)argc, sizeof *a.models);
    a.defines = calloc((size_t)argc, sizeof *a.defines);
    a.records = calloc((size_t)argc, sizeof *a.records);
    a.mechs = calloc((size_t)argc, sizeof *a.mechs);
    if (a.models == NULL || a.defines == NULL || a.records == NULL || a.mechs == NULL) {
        cli_error(PROG, "out of memory");
        return CLI_EXIT_FAIL;
    }
    first = cli_parse(PROG, run_opts, argc, argv, run_opt, &a);
    if (first < 0) {
        rc = CLI_EXIT_USAGE;
    } else if (a.help) {
        cli_help(stdout, run_usage, run_opts, run_epilog);
    } else if (a.version) {
        run_print_version();
    } else {
        scripts = argv + first;
        nscripts = argc - first;
        if (nscripts == 0 && !(isatty(0) && a.nmodels > 0)) {
            if (isatty(0)) {
                cli_error(PROG, "no script given (a file, or - for standard input; try --help)");
                rc = CLI_EXIT_USAGE;
            }
            scripts = stdin_script;
            nscripts = 1;
        }
        for (int i = 0; i < a.nmodels && rc == 0; i++)
            rc = run_check_input(a.models[i], 1);
        for (int i = 0; i < nscripts && rc == 0; i++) {
            ndash += strcmp(scripts[i], "-") == 0;
            rc = run_check_input(scripts[i], 0);
        }
        if (rc == 0 && ndash > 1) {
            cli_error(PROG, "standard input (-) can be read only once");
            rc = CLI_EXIT_USAGE;
        }
        if (rc == 0 && a.spikes && strcmp(a.spikes, "-") == 0 &&
            (a.output == NULL || strcmp(a.output, "-") == 0)) {
            cli_error(PROG, "--spikes -: standard output carries the CSV; give -o FILE too");
            rc = CLI_EXIT_USAGE;
        }
        /* a name that cannot be written is found now, not after the simulation */
        if (rc == 0 && a.output && strcmp(a.output, "-") != 0 &&
            cli_output_check(PROG, a.output) != 0)
            rc = CLI_EXIT_FAIL;
        if (rc == 0 && a.spikes && strcmp(a.spikes, "-") != 0 &&
            cli_output_check(PROG, a.spikes) != 0)
            rc = CLI_EXIT_FAIL;
        if (rc == 0 && (rc = cli_mpi_start(PROG, &mpi)) == 0) {
            rc = run_all(argv[0], &a, scripts, nscripts, &mpi);
            cli_mpi_end(&mpi, rc);
        }
    }
    free(a.models);
    free(a.defines);
    free(a.records);
    free(a.mechs);
    return rc;
}
