/*
** sweep_plan.h: the points of a sweep. Parameters come from -p NAME=SPEC (SPEC "a:b:n":
** n values from a to b, both included; or "v1,v2,..."), combined as a full grid (the
** first -p varies slowest) or zipped, or from a CSV file of explicit points. Each point
** gets an id from its canonical parameter values, and --shard I/N keeps every N-th point.
** No Tcl, no engine: unit-tested on its own (tests/unit/test_cli_sweep_plan.c).
*/
#ifndef SWEEP_PLAN_H
#define SWEEP_PLAN_H

#include <stddef.h>

/* Most points a sweep may have (a grid, a zip or a points file). At its peak (ids and
** duplicates being worked out) the plan costs some 56 bytes a point plus 16 a parameter:
** ten million points of one parameter measured 716 MB, a minute to plan. Larger sweeps
** are split into several runs (-p lists or points files), each within the limit. */
#define SWEEP_MAX_POINTS 10000000

/* Length of a point id: 16 hex digits (the first 64 bits of a SHA-256), plus the NUL. */
#define SWEEP_ID_SIZE 17

/* One parameter's values as given (before combination). */
struct sweep_param {
    char *name;    /* NAME as given: a Tcl variable or a value path */
    int is_path;   /* 1 if NAME is a value path (sweep_is_path) */
    int is_text;   /* 1 if some value is not a number */
    int nvals;     /* number of values */
    double *num;   /* the values as numbers (NaN for text ones) */
    char **text;   /* the values that are not numbers (NULL entries for numbers) */
};

/* The points: npoints rows of nparams values, in run order. */
struct sweep_plan {
    int nparams;               /* number of parameters (columns) */
    struct sweep_param *params; /* their names and kinds (values unused after combination) */
    size_t npoints;            /* number of points */
    double *num;               /* npoints * nparams numbers, row-major */
    char **text;               /* npoints * nparams texts (NULL where the value is a number) */
    char (*id)[SWEEP_ID_SIZE]; /* each point's id */
};

/* 1 if name is a value path (contains '.' or '(', or is dt, tstop, celsius, v_init,
** secondorder), 0 if it is a Tcl variable name. */
int sweep_is_path(const char *name);

/* 1 if name can be a parameter: a Tcl variable name (a letter or '_', then letters, digits,
** '_'), or a value path of such names with '.', '(', ')', '[', ']' and the digits, signs and
** exponents of numbers (soma(0.5).gnabar_hh, cell[2].soma.L). Not "sweep" (the array
** of a point's values). */
int sweep_name_ok(const char *name);

/*
** Parses "NAME=SPEC" into *p (owned: free with sweep_param_free). Returns 0, or -1 with a
** message in err ("-p amp=1:2: expected a:b:n or v1,v2,...").
*/
int sweep_param_parse(const char *arg, struct sweep_param *p, char *err, size_t errsize);
void sweep_param_free(struct sweep_param *p);

/* The number of values "NAME=SPEC" gives, counted without making them (a:b:n: n; a list:
** its commas plus one), or 0 when SPEC is not well formed (sweep_param_parse says why). */
long sweep_spec_count(const char *arg);

/* 0 if a grid of total points is within SWEEP_MAX_POINTS, else -1 with err naming both. */
int sweep_grid_check(double total, char *err, size_t errsize);

/*
** Builds the plan from n parameters (their ownership moves to the plan): the full grid, or
** with zip the i-th values together (all lists must have the same length). Duplicate
** points (same id) are kept once, at their first place. Returns 0 or -1 with err.
*/
int sweep_plan_build(struct sweep_plan *plan, struct sweep_param *params, int n, int zip,
                     char *err, size_t errsize);
/* The same in two parts: the values (errors as above), then the ids and the removal of
** duplicates (0, or -1 when out of memory), which can run on another thread meanwhile. */
int sweep_plan_values(struct sweep_plan *plan, struct sweep_param *params, int n, int zip,
                      char *err, size_t errsize);
int sweep_plan_finish(struct sweep_plan *plan);

/*
** Reads explicit points from a CSV file ("-": standard input) with sweep_plan_from_buf.
** Returns 0 or -1 with err ("FILE:LINE: message").
*/
int sweep_plan_from_csv(struct sweep_plan *plan, const char *path, char *err, size_t errsize);

/*
** Explicit points from the len bytes of buf, the text of a points file (name: its name in
** messages): a header of parameter names, then one point per row. A UTF-8 byte order
** mark at the start is skipped, and so are blank lines and lines starting with '#' (outside
** quoted fields); a NUL byte is an error. Rows end with LF, CRLF or CR. Returns 0 or -1
** with err ("NAME:LINE: message").
*/
int sweep_plan_from_buf(struct sweep_plan *plan, const char *name, const char *buf, size_t len,
                        char *err, size_t errsize);

/* Reads all of s as a finite number into *x; returns 1 if it is one. */
int sweep_number(const char *s, double *x);

/* Allocates room for npoints points of plan->nparams parameters (the builders, and the
** points file reader of sweep_points.c). Returns 0 or -1. */
int sweep_plan_alloc(struct sweep_plan *plan, size_t npoints);

/* Computes the ids of every point (called by the builders; exposed for tests). */
void sweep_plan_ids(struct sweep_plan *plan);

/*
** The canonical text of point k: "NAME=VALUE\n" lines sorted by NAME, VALUE a number in
** the shortest form that reads back exactly (Python's repr), or the text in single quotes.
** Caller frees. The point id is the first 16 hex digits of its SHA-256.
*/
char *sweep_point_canon(const struct sweep_plan *plan, size_t k);

/* Keeps only the points of shard i of n (1 <= i <= n): those whose place k has k % n == i-1. */
void sweep_plan_shard(struct sweep_plan *plan, int i, int n);

/* Parses "I/N" (1 <= I <= N). Returns 0, or -1 with err. */
int sweep_shard_parse(const char *s, int *i, int *n, char *err, size_t errsize);

/* Writes value (k, j) as text into buf (NUMFMT_BUFSIZE at least, or the text's length). */
const char *sweep_value_text(const struct sweep_plan *plan, size_t k, int j, char *buf);

void sweep_plan_free(struct sweep_plan *plan);

#endif /* SWEEP_PLAN_H */
