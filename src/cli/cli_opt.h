/*
** cli_opt.h: one option table per command drives getopt_long, --help and value checks
** (EXAMPLES.md 10). Shared by nrn-run and the commands after it. No Tcl, no engine.
*/
#ifndef CLI_OPT_H
#define CLI_OPT_H

#include <stdio.h>

/* Exit statuses of every command (cli.md). */
enum cli_exit {
    CLI_EXIT_OK = 0,    /* success */
    CLI_EXIT_FAIL = 1,  /* the work failed: script error, bad input, simulation blew up */
    CLI_EXIT_USAGE = 2  /* bad usage */
};

/* What an option takes. */
enum cli_kind {
    CLI_FLAG,   /* nothing */
    CLI_STRING, /* any text */
    CLI_PATH,   /* a file name (completions offer files) */
    CLI_DOUBLE, /* a finite number */
    CLI_INT     /* an integer */
};

/* One option. Tables end with an entry whose name is NULL. */
struct cli_opt {
    const char *name; /* long name without "--" */
    int key;          /* short option letter, or a value > 255 for long-only options */
    int kind;         /* enum cli_kind */
    const char *arg;  /* the argument's name in help ("MS"), NULL for flags */
    const char *help; /* one line of help */
};

/*
** Table entries more than one command has. CLI_OPTS_SIM(KEY) is --tstop, --dt, --celsius,
** --v-init and --every with the keys KEY to KEY + 4 (five consecutive long-only keys).
*/
#define CLI_OPT_DEFINE \
    { "define", 'D', CLI_STRING, "NAME=VALUE", "set Tcl variable NAME before any script runs" }
#define CLI_OPTS_SIM(key) \
    { "tstop", (key), CLI_DOUBLE, "MS", "set tstop (ms), over what files and scripts set" }, \
    { "dt", (key) + 1, CLI_DOUBLE, "MS", "set dt (ms), over what files and scripts set" }, \
    { "celsius", (key) + 2, CLI_DOUBLE, "DEGC", "set celsius, over what files and scripts set" }, \
    { "v-init", (key) + 3, CLI_DOUBLE, "MV", "set v_init (mV), over what files and scripts set" }, \
    { "every", (key) + 4, CLI_DOUBLE, "MS", "sample records every MS ms (default: every step)" }
/* --cvode, --atol, --rtol with the keys KEY to KEY + 2. */
#define CLI_OPTS_CVODE(key) \
    { "cvode", (key), CLI_FLAG, NULL, "integrate with the variable time step (CVODE)" }, \
    { "atol", (key) + 1, CLI_DOUBLE, "X", "CVODE's absolute tolerance (default 1e-3)" }, \
    { "rtol", (key) + 2, CLI_DOUBLE, "X", "CVODE's relative tolerance (default 0)" }
#define CLI_OPT_HELP { "help", 'h', CLI_FLAG, NULL, "show this help and exit" }
#define CLI_OPT_VERSION(key, prog) \
    { "version", (key), CLI_FLAG, NULL, "show the versions of " prog " and its libraries" }

/* What the CLI_OPTS_SIM options asked for. */
struct cli_sim {
    int has_global[4]; /* --tstop --dt --celsius --v-init given */
    double global[4];  /* their values */
    int has_every;     /* --every given */
    double every;      /* its value, ms */
    int cvode;         /* --cvode given */
    int has_atol, has_rtol;
    double atol, rtol; /* --atol, --rtol */
};

/* Notes option k of CLI_OPTS_SIM (0 --tstop, 1 --dt, 2 --celsius, 3 --v-init, 4 --every). */
void cli_sim_opt(struct cli_sim *sim, int k, double num);

/*
** Notes option k of CLI_OPTS_CVODE (0 --cvode, 1 --atol, 2 --rtol) with value num (text
** arg). Returns 0, or 1 after "PROG: --atol: must be > 0, got ARG".
*/
int cli_cvode_opt(const char *prog, struct cli_sim *sim, int k, double num, const char *arg);

/* Checks lo <= num <= hi for option name ("--nseg", "-j"). Returns 0, or 1 after
** "PROG: NAME: must be LO to HI, got ARG". */
int cli_range_check(const char *prog, const char *name, double num, const char *arg, int lo,
                    int hi);

/* Checks the argument of -D is NAME=VALUE. Returns 0, or 1 after "PROG: -D ARG: ...". */
int cli_define_check(const char *prog, const char *arg);

/*
** Checks, before any work, that path can be an output file name: not empty, not a
** directory. Returns 0, or -1 after "PROG: cannot write 'PATH': reason".
*/
int cli_output_check(const char *prog, const char *path);

/*
** Checks that file descriptor 1 is open. A command started with stdout closed would
** otherwise write its rows into /dev/null (Tcl reopens the missing descriptor there).
** Call first thing in main. Returns 0, or -1 after a one-line message.
*/
int cli_stdout_check(const char *prog);

/*
** Called for each option in command-line order: o is its table entry, arg its text (NULL
** for flags), num its value for CLI_DOUBLE and CLI_INT. Returns 0, or nonzero to stop
** (a usage error the handler has reported).
*/
typedef int (*cli_opt_fn)(void *ud, const struct cli_opt *o, const char *arg, double num);

/*
** Parses argv against opts, calling fn for each option. Returns the index of the first
** operand (operands are moved after the options, GNU style; "--" ends options), or -1
** after printing "PROG: message" to stderr on a usage error.
*/
int cli_parse(const char *prog, const struct cli_opt *opts, int argc, char **argv,
              cli_opt_fn fn, void *ud);

/* Prints "Usage: USAGE", the option list (aligned, from opts) and then epilog, to fp. */
void cli_help(FILE *fp, const char *usage, const struct cli_opt *opts, const char *epilog);

/* Prints "PROG: message" and a newline to stderr. */
void cli_error(const char *prog, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif /* CLI_OPT_H */
