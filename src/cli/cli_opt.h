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
