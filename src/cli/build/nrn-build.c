/*
** nrn-build.c: nrn-build, make a model from morphologies, Tcl model scripts and model
** CSVs; write it as one model CSV, or describe it.
**
**     nrn-build [-o FILE] [--insert [GLOB:]MECH]... [--set GLOB.PATH=VALUE]...
**               [--nseg N | --d-lambda F [--freq HZ]] INPUT...
**     nrn-build --summary INPUT...     NEURON ModelView's facts as text
**     nrn-build --topology INPUT...    NEURON's topology() text
**     nrn-build --check FILE...        every problem of a morphology, with its line
**
** The steps, in this order: load the inputs (build_input.c), insert the mechanisms, set
** the values, then --nseg or --d-lambda (build_edit.c; d_lambda depends on Ra, cm and
** diam, so it comes last), then the output: the model CSV (nrn_model_save_csv), the
** summary (build_summary.c) or the topology (nrn_topology). Output files are written
** whole or not at all. See design/cli.md and man/nrn-build.1.
*/
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomfile.h"
#include "build_check.h"
#include "build_mod.h"
#include "build_edit.h"
#include "build_input.h"
#include "build_summary.h"
#include "cli_opt.h"
#include "cli_signal.h"
#include "cli_tcl.h"
#include "nrn.h"

#define PROG "nrn-build"

/* Long-only options. */
enum {
    OPT_INSERT = 256, OPT_SET, OPT_NSEG, OPT_DLAMBDA, OPT_FREQ, OPT_SUMMARY, OPT_TOPOLOGY,
    OPT_CHECK, OPT_VERSION, OPT_MECHANISMS
};

/* nrn-build's options: --help, the man page and the completions follow this table. */
static const struct cli_opt build_opts[] = {
    { "output", 'o', CLI_PATH, "FILE", "write to FILE instead of stdout (whole or not at all)" },
    { "insert", OPT_INSERT, CLI_STRING, "GLOB:MECH",
      "insert MECH in the sections matching GLOB (no GLOB: all)" },
    { "set", OPT_SET, CLI_STRING, "GLOB.VAR=VAL",
      "set VAR (Ra, L, g_pas, ...) in the sections matching GLOB" },
    { "nseg", OPT_NSEG, CLI_INT, "N", "give every section N segments" },
    { "d-lambda", OPT_DLAMBDA, CLI_DOUBLE, "F", "nseg by the d_lambda rule (as the CellBuilder)" },
    { "freq", OPT_FREQ, CLI_DOUBLE, "HZ", "frequency of the d_lambda rule (default 100)" },
    { "summary", OPT_SUMMARY, CLI_FLAG, NULL, "describe the model as NEURON's ModelView does" },
    { "topology", OPT_TOPOLOGY, CLI_FLAG, NULL, "print NEURON's topology() of the model" },
    { "check", OPT_CHECK, CLI_FLAG, NULL,
      "check morphologies and model CSVs: every problem, no output" },
    CLI_OPT_DEFINE,
    { "mechanisms", OPT_MECHANISMS, CLI_PATH, "LIB",
      "load the mechanism library LIB (nrn-build mod) before the inputs" },
    { "verbose", 'v', CLI_FLAG, NULL, "say how each morphology was read" },
    CLI_OPT_HELP,
    CLI_OPT_VERSION(OPT_VERSION, PROG),
    { NULL, 0, 0, NULL, NULL },
};

static const char build_usage[] =
    PROG " [-o FILE] [--insert [GLOB:]MECH]... [--set GLOB.PATH=VALUE]...\n"
    "                 [--nseg N | --d-lambda F [--freq HZ]] INPUT...\n"
    "       " PROG " --summary | --topology [OPTION]... INPUT...\n"
    "       " PROG " --check FILE...\n"
    "       " PROG " mod [-o LIB] [--keep-c DIR] [--check|--ast] FILE.mod|DIR...  "
    "(see nrn-build mod --help)";

static const char build_epilog[] =
    "INPUTs, by extension: .swc and .asc morphologies (imported as NEURON's Import3d does),\n"
    ".tcl model scripts (run as nrn-run runs them), .csv model CSVs; - is standard input\n"
    "(its kind told from its first lines). All inputs add to one model, in order. When\n"
    "there are several morphologies, each file's sections are named after it: cell1.swc\n"
    "gives cell1.soma[0], cell1.dend[0], ...\n"
    "\n"
    "Then, in this order: every --insert, every --set, then --nseg or --d-lambda (the\n"
    "d_lambda rule depends on Ra, cm and diam, so it sees the values --set gave). GLOB is\n"
    "a section name or a shell pattern ('dend*', 'cell1.*'). --set NAME=VALUE without a\n"
    "section sets a global or point process value (celsius=6.3, ic.amp=0.5).\n"
    "\n"
    "Output: the model CSV (man nrn-build, MODEL CSV), which nrn-run -m reads back into the\n"
    "same simulation; or --summary, --topology. --check lists every problem of the\n"
    "morphologies (FILE:LINE: message) without building anything. What scripts print\n"
    "(puts) goes to standard error, so standard output holds the output alone.\n"
    "\n"
    "Exit status: 0 success, 1 an input or an edit failed (nothing is written), 2 bad usage.\n"
    "\n"
    "Examples:\n"
    "  nrn-build --insert hh --set '*.Ra=100' --d-lambda 0.1 -o cell.csv c91662.swc\n"
    "  nrn-build --insert 'dend*:pas' --set 'dend*.g_pas=1e-4' cell.swc > cell.csv\n"
    "  nrn-build --summary cell.csv\n"
    "  nrn-build --topology cell.tcl\n"
    "  nrn-build -o net.csv cell1.swc cell2.swc synapses.tcl\n"
    "  nrn-build --check cell.swc\n";

/* What the command line asked for. */
struct build_args {
    const char **inserts; /* --insert, in order */
    int ninserts;
    const char **sets;    /* --set, in order */
    int nsets;
    const char **defines; /* -D */
    int ndefines;
    const char **mechs;   /* --mechanisms, in order */
    int nmechs;
    const char *output;   /* -o, or NULL */
    FILE *out;            /* where the output goes without -o FILE (build_claim_stdout) */
    int nseg;             /* --nseg, 0 when not given */
    double d_lambda;      /* --d-lambda, 0 when not given */
    double freq;          /* --freq, 0 when not given */
    int summary, topology, check, verbose, help, version;
};

/* Collects one option into the struct build_args ud; checks values. */
static int build_opt(void *ud, const struct cli_opt *o, const char *arg, double num)
{
    struct build_args *a = ud;
    switch (o->key) {
    case 'o':
        a->output = arg;
        break;
    case OPT_INSERT:
        if (!*arg || arg[strlen(arg) - 1] == ':') {
            cli_error(PROG, "--insert '%s': expected MECH or GLOB:MECH", arg);
            return 1;
        }
        a->inserts[a->ninserts++] = arg;
        break;
    case OPT_SET:
        if (build_set_check(arg) != 0)
            return 1;
        a->sets[a->nsets++] = arg;
        break;
    case 'D':
        if (cli_define_check(PROG, arg))
            return 1;
        a->defines[a->ndefines++] = arg;
        break;
    case OPT_MECHANISMS:
        a->mechs[a->nmechs++] = arg;
        break;
    case OPT_NSEG:
        if (cli_range_check(PROG, "--nseg", num, arg, 1, 32767))
            return 1;
        a->nseg = (int)num;
        break;
    case OPT_DLAMBDA:
    case OPT_FREQ:
        if (!(num > 0)) {
            cli_error(PROG, "--%s: must be > 0, got %s", o->name, arg);
            return 1;
        }
        *(o->key == OPT_DLAMBDA ? &a->d_lambda : &a->freq) = num;
        break;
    case OPT_SUMMARY:
        a->summary = 1;
        break;
    case OPT_TOPOLOGY:
        a->topology = 1;
        break;
    case OPT_CHECK:
        a->check = 1;
        break;
    case 'v':
        a->verbose = 1;
        break;
    case 'h':
        a->help = 1;
        break;
    case OPT_VERSION:
        a->version = 1;
        break;
    }
    return 0;
}

/* Checks the combination of options. Returns 0 or CLI_EXIT_USAGE after a message. */
static int build_check_args(const struct build_args *a, const struct build_input *in, int n)
{
    if (a->summary + a->topology + a->check > 1) {
        cli_error(PROG, "--summary, --topology and --check go one at a time");
        return CLI_EXIT_USAGE;
    }
    if (a->nseg && a->d_lambda > 0) {
        cli_error(PROG, "--nseg and --d-lambda go one at a time");
        return CLI_EXIT_USAGE;
    }
    if (a->freq > 0 && !(a->d_lambda > 0)) {
        cli_error(PROG, "--freq goes with --d-lambda");
        return CLI_EXIT_USAGE;
    }
    if (a->check && (a->ninserts || a->nsets || a->nseg || a->d_lambda > 0 || a->ndefines ||
                     a->output)) {
        cli_error(PROG, "--check takes only input files (it builds nothing)");
        return CLI_EXIT_USAGE;
    }
    for (int i = 0; a->check && i < n; i++)
        if (in[i].kind == BUILD_TCL) {
            cli_error(PROG, "--check: %s: only morphologies and model CSVs can be checked",
                      in[i].arg);
            return CLI_EXIT_USAGE;
        }
    return 0;
}

/* Writes the summary or the topology to stdout or, whole, to a->output. Exit status. */
static int build_write_text(nrn_model *m, const struct build_args *a)
{
    struct atomfile af;
    FILE *fp = a->out;
    int to_file = a->output && strcmp(a->output, "-") != 0, rc = 0;

    if (to_file) {
        if (atomfile_open(&af, a->output) != 0) {
            cli_error(PROG, "cannot write %s: %s", a->output, strerror(errno));
            return CLI_EXIT_FAIL;
        }
        fp = af.fp;
    }
    if (a->summary) {
        rc = build_summary(m, fp);
    } else {
        char *text = nrn_topology(m);
        if (!text) {
            cli_error(PROG, "out of memory");
            rc = CLI_EXIT_FAIL;
        } else {
            fputs(text, fp);
            free(text);
        }
    }
    if (to_file) {
        if (rc != 0)
            atomfile_abort(&af);
        else if (atomfile_commit(&af) != 0) { /* errno: the first failed write's reason */
            cli_error(PROG, "cannot write %s: %s", a->output, strerror(errno));
            rc = CLI_EXIT_FAIL;
        }
    } else if (rc == 0 && (errno = 0, fflush(fp) != 0 || ferror(fp))) {
        cli_error(PROG, "cannot write standard output: %s", strerror(errno ? errno : EIO));
        rc = CLI_EXIT_FAIL;
    }
    return rc;
}

/* Loads, edits and writes. Returns the exit status. */
static int build_run(const char *argv0, const struct build_args *a, struct build_input *in,
                     int n)
{
    struct build_model b;
    nrn_model *m;
    int rc;

    memset(&b, 0, sizeof b);
    b.verbose = a->verbose;
    if ((rc = build_inputs_resolve(&b, in, n)) != 0 || (rc = build_check_args(a, in, n)) != 0)
        goto out;
    if (a->check) {
        rc = build_check(in, n);
        goto out;
    }
    if ((rc = build_model_open(&b, argv0, in, n, a->defines, a->ndefines, a->mechs,
                               a->nmechs)) == 0)
        rc = build_model_load(&b, in, n);
    m = build_model_get(&b);
    for (int i = 0; i < a->ninserts && rc == 0; i++)
        rc = build_insert(m, a->inserts[i]);
    for (int i = 0; i < a->nsets && rc == 0; i++)
        rc = build_set(m, a->sets[i]);
    if (rc == 0 && a->nseg)
        rc = build_nseg(m, a->nseg);
    if (rc == 0 && a->d_lambda > 0)
        rc = build_dlambda(m, a->d_lambda, a->freq > 0 ? a->freq : 100);
    if (rc == 0 && (a->summary || a->topology)) {
        rc = build_write_text(m, a);
    } else if (rc == 0) {
        const char *out = a->output ? a->output : "-";
        if (strcmp(out, "-") == 0) {
            errno = 0;
            if (nrn_model_write_csv(m, a->out) != NRN_OK || fflush(a->out) != 0 ||
                ferror(a->out)) {
                cli_error(PROG, "cannot write standard output: %s", strerror(errno ? errno : EIO));
                rc = CLI_EXIT_FAIL;
            }
        } else if (nrn_model_save_csv(m, out) != NRN_OK) {
            cli_error(PROG, "%s", nrn_errmsg(m));
            rc = CLI_EXIT_FAIL;
        }
    }
out:
    build_model_close(&b);
    return rc;
}

/*
** Keeps standard output for the output alone: the stream returned writes to it, and file
** descriptor 1 becomes a copy of standard error, so that what scripts print (puts, programs
** they exec) goes there, and `nrn-build cell.tcl > cell.csv` holds the model and nothing
** else. Returns NULL after a message when standard output is closed: Tcl would otherwise
** open /dev/null in its place and the model would vanish with exit status 0.
*/
static FILE *build_claim_stdout(void)
{
    int fd;
    FILE *fp = NULL;
    if (fcntl(STDOUT_FILENO, F_GETFD) == -1) {
        cli_error(PROG, "cannot write standard output: %s", strerror(errno));
        return NULL;
    }
    if ((fd = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3)) < 0 || !(fp = fdopen(fd, "w"))) {
        cli_error(PROG, "cannot write standard output: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    if (dup2(STDERR_FILENO, STDOUT_FILENO) < 0) { /* no standard error: nowhere, then */
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0 && null != STDOUT_FILENO) {
            dup2(null, STDOUT_FILENO);
            close(null);
        }
    }
    return fp;
}

/* nrn-build: see the file comment and build_epilog. */
int main(int argc, char **argv)
{
    struct build_args a;
    struct build_input *in = NULL;
    int first, n, rc = 0;

    if (argc > 1 && strcmp(argv[1], "mod") == 0)
        return build_mod_main(argc - 1, argv + 1);
    memset(&a, 0, sizeof a);
    a.inserts = calloc((size_t)argc, sizeof *a.inserts);
    a.sets = calloc((size_t)argc, sizeof *a.sets);
    a.defines = calloc((size_t)argc, sizeof *a.defines);
    a.mechs = calloc((size_t)argc, sizeof *a.mechs);
    in = calloc((size_t)argc + 1, sizeof *in);
    if (!a.inserts || !a.sets || !a.defines || !a.mechs || !in) {
        cli_error(PROG, "out of memory");
        rc = CLI_EXIT_FAIL;
    } else if ((first = cli_parse(PROG, build_opts, argc, argv, build_opt, &a)) < 0) {
        rc = CLI_EXIT_USAGE;
    } else if (a.help) {
        cli_help(stdout, build_usage, build_opts, build_epilog);
    } else if (a.version) {
        cli_tcl_print_version(PROG); /* nrn-build's version and Tcl's */
    } else {
        n = argc - first;
        for (int i = 0; i < n; i++)
            in[i].arg = argv[first + i];
        if (n == 0 && isatty(0)) {
            cli_error(PROG, "no input given (files, or - for standard input; try --help)");
            rc = CLI_EXIT_USAGE;
        } else {
            if (n == 0)
                in[n++].arg = "-";
            cli_catch_signals();
            a.out = stdout;
            if (!a.check && (!a.output || strcmp(a.output, "-") == 0) &&
                !(a.out = build_claim_stdout()))
                rc = CLI_EXIT_FAIL;
            else
                rc = build_run(argv[0], &a, in, n);
            if (a.out != stdout && a.out && fclose(a.out) != 0 && rc == 0) {
                cli_error(PROG, "cannot write standard output: %s", strerror(errno));
                rc = CLI_EXIT_FAIL;
            }
        }
    }
    free(a.inserts);
    free(a.sets);
    free(a.defines);
    free(a.mechs);
    free(in);
    return rc;
}
