/*
** plot_cli.h: the pieces of nrn-plot that touch the outside world (terminal, files, time),
** shared by nrn-plot.c (options), plot_run.c (the drawing loops), plot_shape.c (shape and
** range plots), plot_term.c and plot_spool.c. The drawing itself is the library in src/plot.
*/
#ifndef NRN_PLOT_CLI_H
#define NRN_PLOT_CLI_H

#include <stdio.h>

/* What the command line asked for. */
struct plot_opts {
    const char *input;   /* file name; "-" = standard input */
    const char *xcol;    /* -x reference, NULL = first column */
    const char **ycols;  /* -y lists as given (each may hold commas) */
    int nycols;          /* how many -y options */
    const char *title;   /* --title, or NULL */
    double xlim[2];      /* --xlim bounds, NaN = automatic */
    double ylim[2];      /* --ylim bounds, NaN = automatic */
    int logx, logy;      /* log axes */
    int width, height;   /* frame size in cells, after defaults */
    int ascii;           /* --ascii */
    int color;           /* resolved: 1 = ANSI colours */
    const char *svg;     /* --svg output file, "-" = stdout, NULL = terminal plot */
    int follow;          /* --follow and stdout is a terminal: redraw in place */
    double fps;          /* --fps: most frames per second */
    char delim;          /* field separator */
};

/* ---- plot_term.c ---- */

/* Terminal size of fd in cells: TIOCGWINSZ, else $COLUMNS/$LINES, else 80x24. A size that is
** not known leaves *w or *h at 0 when the fallbacks have nothing either (never: 80x24). */
void plot_term_size(int fd, int *w, int *h);
/* Colour decision for --color=WHEN ("auto", "always", "never") on output fd: auto means a
** terminal, NO_COLOR unset or empty, and TERM not "dumb". Returns 1, 0, or -1 for a bad WHEN. */
int plot_term_color(const char *when, int fd);
/* Seconds on a monotonic clock. */
double plot_term_now(void);

/* ---- plot_out.c ---- */

/* The header names, comma-separated, for a message: cut with "..." to fit size bytes. */
void plot_name_list(const char *const *names, int n, char *buf, size_t size);
/* The largest -W and -H. */
#define PLOT_MAX_SIZE 10000
/* The value of -W or -H (opt 'W' or 'H'), or -1 after a one-line usage error that names the
** subcommand cmd ("shape", or NULL for the trace plot). */
int plot_size_arg(int opt, const char *arg, const char *cmd);
/* Writes a picture with write(ud, fp) (0 or -1) to path, whole (atomfile.h), or to stdout
** for "-". Returns 0, or -1 after the message "nrn-plot: cannot write FILE: reason". */
int plot_write_out(const char *path, int (*write)(void *, FILE *), void *ud);
/* After a failed write to stdout: prints "nrn-plot: cannot write standard output: reason".
** Returns -1. */
int plot_stdout_failed(void);

/* ---- plot_spool.c ---- */

struct plot_spool;
/* An unlinked temporary file of rows of n doubles. NULL on failure (errno set). */
struct plot_spool *plot_spool_new(int n);
void plot_spool_free(struct plot_spool **psp);
/* Appends a row. Returns 0, or -1 on a write error (errno set). */
int plot_spool_add(struct plot_spool *sp, const double *row);
/* Rows appended so far. */
long plot_spool_rows(const struct plot_spool *sp);
/* Starts reading at row first (0-based). Returns 0 or -1. */
int plot_spool_seek(struct plot_spool *sp, long first);
/* Reads the next row into row. Returns 1, 0 at the end, -1 on a read error. */
int plot_spool_next(struct plot_spool *sp, double *row);

/* ---- plot_shape.c ---- */

#ifndef NRN_VERSION
#define NRN_VERSION "0.1.0"
#endif

/* `nrn-plot shape ...` and `nrn-plot range ...`: argv[0] is "shape" or "range". Returns the
** exit status: 0, 1 for bad input or a failed write, 2 for bad usage. */
int plot_shape_main(int argc, char **argv);

/* ---- plot_run.c ---- */

/* Reads the CSV from fd (named name in messages) and draws it as the options say: once at the
** end of input, or in place as rows arrive with o->follow. Messages go to stderr. Returns the
** exit status: 0, or 1 for bad input or a failed write. */
int plot_run(const struct plot_opts *o, int fd, const char *name);

#endif
