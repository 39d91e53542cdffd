/*
** sweep_db.h: nrn-sweep's results in SQLite. One table per sweep (default "sweep"): one
** row per point, columns = the parameters, the features, status ('ok' or 'failed'),
** error, seconds (the point's run time in its worker) and id (PRIMARY KEY). A file
** database is in WAL mode with a busy timeout, and only nrn-sweep's parent process
** writes it, committing as points finish; without --db the same table lives in memory.
** The "provenance" table holds one row per run of nrn-sweep. Merge joins shard databases.
*/
#ifndef SWEEP_DB_H
#define SWEEP_DB_H

#include <stdio.h>

#include <sqlite3.h>

#include "sweep_plan.h"

/* An open results database. */
struct sweep_db {
    sqlite3 *db;          /* the connection */
    char *table;          /* the results table's name */
    sqlite3_stmt *ins;    /* INSERT OR REPLACE of one row */
    int nparams;          /* parameters per row */
    int nfeats;           /* features per row */
    const int *feat_int;  /* per feature: store as an integer */
    int in_tx;            /* a transaction is open */
    long long run;        /* this run's provenance row id, or 0 */
    struct sweep_mem *mem; /* no database file: the results, in memory (sweep_mem.h) */
    const char *const *feat_names; /* their column names (memory) */
};

/* One provenance field: a name and its value (text, or a number when text is NULL). */
struct sweep_prov {
    const char *name; /* column name */
    const char *text; /* value as text, or NULL */
    double num;       /* value as a number when text is NULL (NaN: NULL) */
};

/*
** Opens path (NULL: an in-memory database) for table. A file gets WAL mode, a 30 s busy
** timeout and synchronous=NORMAL (a commit survives the process being killed). Returns 0,
** or -1 with a message in err.
*/
int sweep_db_open(struct sweep_db *d, const char *path, const char *table, char *err, size_t errsize);
/* (path NULL: no database; the rows are kept in memory, and the functions below that
** concern provenance and merging must not be called.) */

/*
** Creates the results table if it is missing (parameters REAL, or untyped when a parameter
** has text values; features REAL, INTEGER for counts), adds the columns it lacks, loads the
** plan's ids into a temporary table and prepares the insert. feats: names of the features.
** Returns 0 or -1 with err.
*/
int sweep_db_prepare(struct sweep_db *d, const struct sweep_plan *plan, const char *const *feats,
                     const int *feat_int, int nfeats, char *err, size_t errsize);

/*
** Marks in skip[k] (1) the points already in the table with status 'ok', or any status
** unless retry_failed. Returns the number marked, or -1 with err.
*/
long sweep_db_done(struct sweep_db *d, const struct sweep_plan *plan, int retry_failed,
                   unsigned char *skip, char *err, size_t errsize);

/* Stores point k's row: features vals (NaN: NULL), status, error (NULL: none), seconds.
** Opens a transaction if none is open. Returns 0 or -1 with err. */
int sweep_db_put(struct sweep_db *d, const struct sweep_plan *plan, size_t k, const double *vals,
                 const char *status, const char *error, double seconds, char *err, size_t errsize);

/* Commits the open transaction (if any). Returns 0 or -1 with err. */
int sweep_db_commit(struct sweep_db *d, char *err, size_t errsize);

/*
** Writes the whole results table as CSV to fp: header, then the plan's points in plan
** order, then rows of other points in table order. digits as numfmt_double. 0 or -1.
*/
int sweep_db_csv(struct sweep_db *d, FILE *fp, int digits, char *err, size_t errsize);

/* Adds this run's provenance row (fields f[0..n)), remembered in d->run. 0 or -1. */
int sweep_db_prov_start(struct sweep_db *d, const struct sweep_prov *f, int n, char *err,
                        size_t errsize);
/* Updates this run's provenance row with more fields. 0 or -1. */
int sweep_db_prov_update(struct sweep_db *d, const struct sweep_prov *f, int n, char *err,
                         size_t errsize);

/* Whether the nrn-sweep of a provenance row is still running on this host: its pid and the
** start token it recorded (NULL if none). */
typedef int (*sweep_db_alive_fn)(long pid, const char *start);

/*
** Marks 'interrupted' the provenance rows still 'running' whose nrn-sweep is gone: killed,
** or crashed, before it could say so (rows of this host whose process alive says has
** ended, and rows without a pid). Returns how many, or -1 with err.
*/
long sweep_db_prov_stale(struct sweep_db *d, const char *host, sweep_db_alive_fn alive, char *err,
                         size_t errsize);

/* The stored script digest of the latest earlier run of this table, or NULL (caller frees). */
char *sweep_db_prev_digest(struct sweep_db *d);

/* Closes and frees (rolls back an open transaction). NULL-safe members. */
void sweep_db_close(struct sweep_db *d);

/*
** Merges the databases ins[0..n) into out (created if missing): every results table, a row
** per id, a row with status 'ok' winning over a failed one; provenance rows appended.
** Returns 0, or -1 with err. *rows receives the number of rows read.
*/
int sweep_db_merge(const char *out, char *const *ins, int n, long *rows, char *err, size_t errsize);

#endif /* SWEEP_DB_H */
