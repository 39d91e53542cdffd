/*
** sweep_db.c: results and provenance in SQLite (see sweep_db.h).
*/
#include "sweep_db.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csvout.h"
#include "numfmt.h"
#include "sweep_mem.h"

/* Puts "what: sqlite's message" into err; returns -1. */
static int db_fail(sqlite3 *db, const char *what, char *err, size_t errsize)
{
    snprintf(err, errsize, "%s: %s", what, db ? sqlite3_errmsg(db) : "out of memory");
    return -1;
}

/* Runs sql (freed here; NULL means out of memory). Returns 0 or -1 with err. */
static int db_exec(sqlite3 *db, char *sql, const char *what, char *err, size_t errsize)
{
    char *msg = NULL;
    int rc;
    if (sql == NULL) {
        snprintf(err, errsize, "%s: out of memory", what);
        return -1;
    }
    rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
    sqlite3_free(sql);
    if (rc != SQLITE_OK) {
        snprintf(err, errsize, "%s: %s", what, msg ? msg : sqlite3_errstr(rc));
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

/* See sweep_db.h. */
int sweep_db_open(struct sweep_db *d, const char *path, const char *table, char *err, size_t errsize)
{
    memset(d, 0, sizeof *d);
    if ((d->table = strdup(table)) == NULL) {
        snprintf(err, errsize, "out of memory");
        return -1;
    }
    if (path == NULL)
        return 0; /* memory: sweep_db_prepare makes the store */
    if (sqlite3_open_v2(path ? path : ":memory:", &d->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        snprintf(err, errsize, "cannot open %s: %s", path ? path : "memory",
                 d->db ? sqlite3_errmsg(d->db) : "out of memory");
        sweep_db_close(d);
        return -1;
    }
    if (path) {
        sqlite3_busy_timeout(d->db, 30000);
        if (db_exec(d->db, sqlite3_mprintf("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL"),
                    path, err, errsize) != 0) {
            sweep_db_close(d);
            return -1;
        }
    }
    return 0;
}

/* 1 if table t (in schema "main" or the given one) has column col; -1 on error. */
static int db_has_column(sqlite3 *db, const char *schema, const char *t, const char *col)
{
    sqlite3_stmt *st;
    char *sql = sqlite3_mprintf("PRAGMA \"%w\".table_info(\"%w\")", schema, t);
    int found = 0;
    if (sql == NULL || sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        sqlite3_free(sql);
        return -1;
    }
    sqlite3_free(sql);
    while (sqlite3_step(st) == SQLITE_ROW)
        if (strcmp((const char *)sqlite3_column_text(st, 1), col) == 0)
            found = 1;
    sqlite3_finalize(st);
    return found;
}

/* Adds column col of type type to main.t unless it has it. 0 or -1 with err. */
static int db_ensure_column(sqlite3 *db, const char *t, const char *col, const char *type,
                            char *err, size_t errsize)
{
    int has = db_has_column(db, "main", t, col);
    if (has < 0)
        return db_fail(db, t, err, errsize);
    if (has)
        return 0;
    return db_exec(db, sqlite3_mprintf("ALTER TABLE \"%w\" ADD COLUMN \"%w\" %s", t, col, type),
                   t, err, errsize);
}

/* Reserved result columns, after the parameters and features. */
static const char *const db_tail[] = { "status", "error", "seconds", "id" };

static int db_schema(struct sweep_db *d, const struct sweep_plan *plan, const char *const *feats,
                     const int *feat_int, int nfeats, char *err, size_t errsize);
static int db_plan_and_insert(struct sweep_db *d, const struct sweep_plan *plan,
                              const char *const *feats, int nfeats, char *err, size_t errsize);

/* See sweep_db.h. */
int sweep_db_prepare(struct sweep_db *d, const struct sweep_plan *plan, const char *const *feats,
                     const int *feat_int, int nfeats, char *err, size_t errsize)
{
    d->nparams = plan->nparams;
    d->nfeats = nfeats;
    d->feat_int = feat_int;
    d->feat_names = feats;
    if (d->db == NULL) {
        if ((d->mem = sweep_mem_new(plan, nfeats, feat_int)) == NULL) {
            snprintf(err, errsize, "out of memory");
            return -1;
        }
        return 0;
    }
    /* schema changes in one write transaction: other nrn-sweep processes on the same file
    ** (xargs -P, make -j) wait for it instead of racing to add the same column */
    if (db_exec(d->db, sqlite3_mprintf("BEGIN IMMEDIATE"), d->table, err, errsize) != 0)
        return -1;
    if (db_schema(d, plan, feats, feat_int, nfeats, err, errsize) != 0) {
        sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    if (db_exec(d->db, sqlite3_mprintf("COMMIT"), d->table, err, errsize) != 0)
        return -1;
    return db_plan_and_insert(d, plan, feats, nfeats, err, errsize);
}

/* Creates or completes the results table (see sweep_db_prepare). 0 or -1 with err. */
static int db_schema(struct sweep_db *d, const struct sweep_plan *plan, const char *const *feats,
                     const int *feat_int, int nfeats, char *err, size_t errsize)
{
    char *sql;

    /* CREATE TABLE IF NOT EXISTS with every column */
    sql = sqlite3_mprintf("CREATE TABLE IF NOT EXISTS \"%w\" (", d->table);
    for (int j = 0; j < plan->nparams && sql; j++) {
        char *s = sqlite3_mprintf("%s\"%w\"%s, ", sql, plan->params[j].name,
                                  plan->params[j].is_text ? "" : " REAL");
        sqlite3_free(sql);
        sql = s;
    }
    for (int j = 0; j < nfeats && sql; j++) {
        char *s = sqlite3_mprintf("%s\"%w\" %s, ", sql, feats[j], feat_int[j] ? "INTEGER" : "REAL");
        sqlite3_free(sql);
        sql = s;
    }
    if (sql) {
        char *s = sqlite3_mprintf("%sstatus TEXT NOT NULL, error TEXT, seconds REAL, "
                                  "id TEXT PRIMARY KEY)", sql);
        sqlite3_free(sql);
        sql = s;
    }
    if (db_exec(d->db, sql, d->table, err, errsize) != 0)
        return -1;
    for (int j = 0; j < plan->nparams; j++)
        if (db_ensure_column(d->db, d->table, plan->params[j].name,
                             plan->params[j].is_text ? "" : "REAL", err, errsize) != 0)
            return -1;
    for (int j = 0; j < nfeats; j++)
        if (db_ensure_column(d->db, d->table, feats[j], feat_int[j] ? "INTEGER" : "REAL", err,
                             errsize) != 0)
            return -1;
    for (int j = 0; j < 3; j++)
        if (db_ensure_column(d->db, d->table, db_tail[j], j == 2 ? "REAL" : "TEXT", err, errsize) != 0)
            return -1;
    return 0;
}

/* Loads the plan's ids into temp.sweep_plan and prepares the insert. 0 or -1 with err. */
static int db_plan_and_insert(struct sweep_db *d, const struct sweep_plan *plan,
                              const char *const *feats, int nfeats, char *err, size_t errsize)
{
    char *sql, *cols = NULL, *qs = NULL;
    sqlite3_stmt *st;

    /* the plan, for resuming and for ordering the CSV */
    if (db_exec(d->db, sqlite3_mprintf("DROP TABLE IF EXISTS temp.sweep_plan; "
                                       "CREATE TEMP TABLE sweep_plan (id TEXT PRIMARY KEY, k INTEGER)"),
                "plan", err, errsize) != 0)
        return -1;
    if (db_exec(d->db, sqlite3_mprintf("BEGIN"), "plan", err, errsize) != 0)
        return -1;
    if (sqlite3_prepare_v2(d->db, "INSERT OR IGNORE INTO temp.sweep_plan VALUES (?, ?)", -1, &st,
                           NULL) != SQLITE_OK)
        return db_fail(d->db, "plan", err, errsize);
    for (size_t k = 0; k < plan->npoints; k++) {
        sqlite3_bind_text(st, 1, plan->id[k], -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)k);
        if (sqlite3_step(st) != SQLITE_DONE) {
            sqlite3_finalize(st);
            return db_fail(d->db, "plan", err, errsize);
        }
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    if (db_exec(d->db, sqlite3_mprintf("COMMIT"), "plan", err, errsize) != 0)
        return -1;
    /* the insert */
    for (int j = 0; j < plan->nparams + nfeats + 4; j++) {
        const char *name = j < plan->nparams ? plan->params[j].name
                           : j < plan->nparams + nfeats ? feats[j - plan->nparams]
                                                        : db_tail[j - plan->nparams - nfeats];
        char *c = sqlite3_mprintf("%s%s\"%w\"", cols ? cols : "", j ? ", " : "", name);
        char *q = sqlite3_mprintf("%s%s?", qs ? qs : "", j ? ", " : "");
        sqlite3_free(cols);
        sqlite3_free(qs);
        cols = c;
        qs = q;
        if (!cols || !qs)
            break;
    }
    sql = cols && qs ? sqlite3_mprintf("INSERT OR REPLACE INTO \"%w\" (%s) VALUES (%s)", d->table,
                                       cols, qs)
                     : NULL;
    sqlite3_free(cols);
    sqlite3_free(qs);
    if (sql == NULL || sqlite3_prepare_v2(d->db, sql, -1, &d->ins, NULL) != SQLITE_OK) {
        sqlite3_free(sql);
        return db_fail(d->db, d->table, err, errsize);
    }
    sqlite3_free(sql);
    return 0;
}

/* See sweep_db.h. */
long sweep_db_done(struct sweep_db *d, const struct sweep_plan *plan, int retry_failed,
                   unsigned char *skip, char *err, size_t errsize)
{
    sqlite3_stmt *st;
    long n = 0;
    char *sql;
    if (d->db == NULL)
        return 0;
    sql = sqlite3_mprintf("SELECT p.k, t.status FROM temp.sweep_plan p "
                                "JOIN \"%w\" t ON t.id = p.id", d->table);
    if (sql == NULL || sqlite3_prepare_v2(d->db, sql, -1, &st, NULL) != SQLITE_OK) {
        sqlite3_free(sql);
        return db_fail(d->db, d->table, err, errsize);
    }
    sqlite3_free(sql);
    while (sqlite3_step(st) == SQLITE_ROW) {
        sqlite3_int64 k = sqlite3_column_int64(st, 0);
        const char *status = (const char *)sqlite3_column_text(st, 1);
        if (k >= 0 && (size_t)k < plan->npoints &&
            (!retry_failed || (status && strcmp(status, "ok") == 0))) {
            skip[k] = 1;
            n++;
        }
    }
    sqlite3_finalize(st);
    return n;
}

/* See sweep_db.h. */
int sweep_db_put(struct sweep_db *d, const struct sweep_plan *plan, size_t k, const double *vals,
                 const char *status, const char *error, double seconds, char *err, size_t errsize)
{
    sqlite3_stmt *st = d->ins;
    int c = 1;
    if (d->mem) {
        int ok = strcmp(status, "ok") == 0;
        if (sweep_mem_put(d->mem, k, vals, ok, error, seconds) != 0) {
            snprintf(err, errsize, "out of memory");
            return -1;
        }
        return 0;
    }
    if (!d->in_tx) {
        if (db_exec(d->db, sqlite3_mprintf("BEGIN IMMEDIATE"), d->table, err, errsize) != 0)
            return -1;
        d->in_tx = 1;
    }
    for (int j = 0; j < plan->nparams; j++, c++) {
        size_t i = k * (size_t)plan->nparams + (size_t)j;
        if (plan->text[i])
            sqlite3_bind_text(st, c, plan->text[i], -1, SQLITE_STATIC);
        else
            sqlite3_bind_double(st, c, plan->num[i]);
    }
    for (int j = 0; j < d->nfeats; j++, c++) {
        if (vals == NULL || isnan(vals[j]))
            sqlite3_bind_null(st, c);
        else if (d->feat_int[j])
            sqlite3_bind_int64(st, c, (sqlite3_int64)vals[j]);
        else
            sqlite3_bind_double(st, c, vals[j]);
    }
    sqlite3_bind_text(st, c++, status, -1, SQLITE_STATIC);
    if (error)
        sqlite3_bind_text(st, c++, error, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, c++);
    sqlite3_bind_double(st, c++, seconds);
    sqlite3_bind_text(st, c, plan->id[k], -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE) {
        sqlite3_reset(st);
        return db_fail(d->db, d->table, err, errsize);
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return 0;
}

/* See sweep_db.h. */
int sweep_db_commit(struct sweep_db *d, char *err, size_t errsize)
{
    if (!d->in_tx)
        return 0;
    d->in_tx = 0;
    return db_exec(d->db, sqlite3_mprintf("COMMIT"), d->table, err, errsize);
}

/* Writes one result of st's column c as a CSV field. 0 or -1. */
static int db_csv_field(FILE *fp, sqlite3_stmt *st, int c, int digits)
{
    char buf[64];
    switch (sqlite3_column_type(st, c)) {
    case SQLITE_NULL:
        return csvout_text(fp, "", c == 0);
    case SQLITE_INTEGER:
        snprintf(buf, sizeof buf, "%lld", (long long)sqlite3_column_int64(st, c));
        return csvout_text(fp, buf, c == 0);
    case SQLITE_FLOAT:
        return csvout_number(fp, sqlite3_column_double(st, c), digits, c == 0);
    default:
        return csvout_text(fp, (const char *)sqlite3_column_text(st, c), c == 0);
    }
}

/* See sweep_db.h. */
int sweep_db_csv(struct sweep_db *d, FILE *fp, int digits, char *err, size_t errsize)
{
    sqlite3_stmt *st;
    int n, rc = 0;
    char *sql;
    if (d->mem) {
        if (sweep_mem_csv(d->mem, d->feat_names, fp, digits) != 0) {
            snprintf(err, errsize, "write error");
            return -1;
        }
        return 0;
    }
    sql = sqlite3_mprintf("SELECT t.* FROM \"%w\" t LEFT JOIN temp.sweep_plan p ON p.id = t.id "
                                "ORDER BY p.k IS NULL, p.k, t.rowid", d->table);
    if (sql == NULL || sqlite3_prepare_v2(d->db, sql, -1, &st, NULL) != SQLITE_OK) {
        sqlite3_free(sql);
        return db_fail(d->db, d->table, err, errsize);
    }
    sqlite3_free(sql);
    n = sqlite3_column_count(st);
    for (int c = 0; c < n; c++)
        rc |= csvout_text(fp, sqlite3_column_name(st, c), c == 0);
    rc |= csvout_end(fp);
    while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
        for (int c = 0; c < n; c++)
            rc |= db_csv_field(fp, st, c, digits);
        rc |= csvout_end(fp);
    }
    sqlite3_finalize(st);
    if (rc != 0)
        snprintf(err, errsize, "write error");
    return rc ? -1 : 0;
}

/* Creates the provenance table and the columns of f. 0 or -1. */
static int db_prov_columns(struct sweep_db *d, const struct sweep_prov *f, int n, char *err,
                           size_t errsize)
{
    if (db_exec(d->db, sqlite3_mprintf("CREATE TABLE IF NOT EXISTS provenance "
                                       "(run INTEGER PRIMARY KEY AUTOINCREMENT, tbl TEXT)"),
                "provenance", err, errsize) != 0)
        return -1;
    for (int i = 0; i < n; i++)
        if (db_ensure_column(d->db, "provenance", f[i].name, f[i].text ? "TEXT" : "REAL", err,
                             errsize) != 0)
            return -1;
    return 0;
}

/* Binds field f to parameter c of st. */
static void db_bind_prov(sqlite3_stmt *st, int c, const struct sweep_prov *f)
{
    if (f->text)
        sqlite3_bind_text(st, c, f->text, -1, SQLITE_TRANSIENT);
    else if (isnan(f->num))
        sqlite3_bind_null(st, c);
    else
        sqlite3_bind_double(st, c, f->num);
}

/* See sweep_db.h. */
int sweep_db_prov_start(struct sweep_db *d, const struct sweep_prov *f, int n, char *err,
                        size_t errsize)
{
    sqlite3_stmt *st;
    char *cols = sqlite3_mprintf("tbl"), *qs = sqlite3_mprintf("?"), *sql;
    if (db_exec(d->db, sqlite3_mprintf("BEGIN IMMEDIATE"), "provenance", err, errsize) != 0) {
        sqlite3_free(cols);
        sqlite3_free(qs);
        return -1;
    }
    if (db_prov_columns(d, f, n, err, errsize) != 0) {
        sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
        sqlite3_free(cols);
        sqlite3_free(qs);
        return -1;
    }
    for (int i = 0; i < n && cols && qs; i++) {
        char *c = sqlite3_mprintf("%s, \"%w\"", cols, f[i].name), *q = sqlite3_mprintf("%s, ?", qs);
        sqlite3_free(cols);
        sqlite3_free(qs);
        cols = c;
        qs = q;
    }
    sql = cols && qs ? sqlite3_mprintf("INSERT INTO provenance (%s) VALUES (%s)", cols, qs) : NULL;
    sqlite3_free(cols);
    sqlite3_free(qs);
    if (sql == NULL || sqlite3_prepare_v2(d->db, sql, -1, &st, NULL) != SQLITE_OK) {
        sqlite3_free(sql);
        db_fail(d->db, "provenance", err, errsize);
        sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    sqlite3_free(sql);
    sqlite3_bind_text(st, 1, d->table, -1, SQLITE_STATIC);
    for (int i = 0; i < n; i++)
        db_bind_prov(st, i + 2, &f[i]);
    if (sqlite3_step(st) != SQLITE_DONE) {
        sqlite3_finalize(st);
        db_fail(d->db, "provenance", err, errsize);
        sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    sqlite3_finalize(st);
    d->run = sqlite3_last_insert_rowid(d->db);
    return db_exec(d->db, sqlite3_mprintf("COMMIT"), "provenance", err, errsize);
}

/* See sweep_db.h. */
int sweep_db_prov_update(struct sweep_db *d, const struct sweep_prov *f, int n, char *err,
                         size_t errsize)
{
    int rc = 0;
    if (d->run == 0)
        return 0;
    if (db_exec(d->db, sqlite3_mprintf("BEGIN IMMEDIATE"), "provenance", err, errsize) != 0)
        return -1;
    if (db_prov_columns(d, f, n, err, errsize) != 0) {
        sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    for (int i = 0; i < n && rc == 0; i++) {
        sqlite3_stmt *st;
        char *sql = sqlite3_mprintf("UPDATE provenance SET \"%w\" = ? WHERE run = %lld", f[i].name,
                                    d->run);
        if (sql == NULL || sqlite3_prepare_v2(d->db, sql, -1, &st, NULL) != SQLITE_OK) {
            sqlite3_free(sql);
            rc = db_fail(d->db, "provenance", err, errsize);
            break;
        }
        sqlite3_free(sql);
        db_bind_prov(st, 1, &f[i]);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = db_fail(d->db, "provenance", err, errsize);
        sqlite3_finalize(st);
    }
    if (rc != 0) {
        sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    return db_exec(d->db, sqlite3_mprintf("COMMIT"), "provenance", err, errsize);
}

/* The runs of the provenance rows still 'running' that alive says are over, into *runs
** (caller frees). Their number, or -1. */
static long db_prov_dead(struct sweep_db *d, const char *host, sweep_db_alive_fn alive,
                         long long **runs)
{
    int has_pid = db_has_column(d->db, "main", "provenance", "pid");
    int has_start = db_has_column(d->db, "main", "provenance", "pid_start");
    char *sql = sqlite3_mprintf("SELECT run, host, %s, %s FROM provenance WHERE status = 'running'",
                                has_pid > 0 ? "pid" : "NULL", has_start > 0 ? "pid_start" : "NULL");
    sqlite3_stmt *st;
    long n = 0, cap = 0;

    *runs = NULL;
    if (has_pid < 0 || has_start < 0 || sql == NULL ||
        sqlite3_prepare_v2(d->db, sql, -1, &st, NULL) != SQLITE_OK) {
        sqlite3_free(sql);
        return -1;
    }
    sqlite3_free(sql);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *h = (const char *)sqlite3_column_text(st, 1);
        const char *start = (const char *)sqlite3_column_text(st, 3);
        /* another machine's run cannot be checked from here; one without a pid (an older
        ** nrn-sweep) cannot be checked either, and is taken as over */
        if (h && strcmp(h, host) != 0)
            continue;
        if (sqlite3_column_type(st, 2) != SQLITE_NULL &&
            alive((long)sqlite3_column_int64(st, 2), start))
            continue;
        if (n == cap) {
            long long *r = realloc(*runs, (size_t)(cap = cap ? 2 * cap : 16) * sizeof *r);
            if (r == NULL) {
                sqlite3_finalize(st);
                return -1;
            }
            *runs = r;
        }
        (*runs)[n++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    return n;
}

/* See sweep_db.h. */
long sweep_db_prov_stale(struct sweep_db *d, const char *host, sweep_db_alive_fn alive, char *err,
                         size_t errsize)
{
    long long *runs = NULL;
    long n;
    int has;

    if (d->db == NULL)
        return 0;
    /* one write transaction: two sweeps starting together mark each row once */
    if (db_exec(d->db, sqlite3_mprintf("BEGIN IMMEDIATE"), "provenance", err, errsize) != 0)
        return -1;
    has = db_has_column(d->db, "main", "provenance", "status");
    n = has > 0 ? db_prov_dead(d, host, alive, &runs) : has < 0 ? -1 : 0;
    for (long i = 0; i < n; i++)
        if (db_exec(d->db, sqlite3_mprintf("UPDATE provenance SET status = 'interrupted' "
                                           "WHERE run = %lld", runs[i]),
                    "provenance", err, errsize) != 0)
            n = -2;
    free(runs);
    if (n < 0) {
        if (n == -1)
            db_fail(d->db, "provenance", err, errsize);
        sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    return db_exec(d->db, sqlite3_mprintf("COMMIT"), "provenance", err, errsize) ? -1 : n;
}

/* See sweep_db.h. */
char *sweep_db_prev_digest(struct sweep_db *d)
{
    sqlite3_stmt *st;
    char *out = NULL;
    if (sqlite3_prepare_v2(d->db, "SELECT script_sha256 FROM provenance WHERE tbl = ? "
                                  "AND script_sha256 IS NOT NULL ORDER BY run DESC LIMIT 1",
                           -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_text(st, 1, d->table, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        out = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return out;
}

/* See sweep_db.h. */
void sweep_db_close(struct sweep_db *d)
{
    if (d->ins)
        sqlite3_finalize(d->ins);
    if (d->db) {
        if (d->in_tx)
            sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
        sqlite3_close(d->db);
    }
    sweep_mem_free(d->mem);
    free(d->table);
    memset(d, 0, sizeof *d);
}

/* Merges table t of schema src into main (see sweep_db_merge). 0 or -1. */
static int db_merge_table(sqlite3 *db, const char *t, const char *create, long *rows, char *err,
                          size_t errsize)
{
    sqlite3_stmt *st;
    char *sql, *cols = NULL, *sets = NULL;
    int is_prov = strcmp(t, "provenance") == 0, has;

    has = db_has_column(db, "main", t, is_prov ? "run" : "id");
    if (has < 0)
        return db_fail(db, t, err, errsize);
    if (!has && db_exec(db, sqlite3_mprintf("%s", create), t, err, errsize) != 0)
        return -1;
    sql = sqlite3_mprintf("PRAGMA src.table_info(\"%w\")", t);
    if (sql == NULL || sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        sqlite3_free(sql);
        return db_fail(db, t, err, errsize);
    }
    sqlite3_free(sql);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *c = (const char *)sqlite3_column_text(st, 1);
        const char *type = (const char *)sqlite3_column_text(st, 2);
        char *a, *b;
        if (is_prov && strcmp(c, "run") == 0)
            continue;
        if (db_ensure_column(db, t, c, type ? type : "", err, errsize) != 0) {
            sqlite3_finalize(st);
            sqlite3_free(cols);
            sqlite3_free(sets);
            return -1;
        }
        a = sqlite3_mprintf("%s%s\"%w\"", cols ? cols : "", cols ? ", " : "", c);
        b = sqlite3_mprintf("%s%s\"%w\" = excluded.\"%w\"", sets ? sets : "", sets ? ", " : "", c, c);
        sqlite3_free(cols);
        sqlite3_free(sets);
        cols = a;
        sets = b;
    }
    sqlite3_finalize(st);
    if (cols == NULL) {
        sqlite3_free(sets);
        return 0;
    }
    if (is_prov)
        sql = sqlite3_mprintf("INSERT INTO main.provenance (%s) SELECT %s FROM src.provenance", cols,
                              cols);
    else
        sql = sqlite3_mprintf("INSERT INTO main.\"%w\" (%s) SELECT %s FROM src.\"%w\" WHERE true "
                              "ON CONFLICT(id) DO UPDATE SET %s WHERE main.\"%w\".status <> 'ok' "
                              "OR excluded.status = 'ok'",
                              t, cols, cols, t, sets, t);
    sqlite3_free(cols);
    sqlite3_free(sets);
    if (db_exec(db, sql, t, err, errsize) != 0)
        return -1;
    if (!is_prov)
        *rows += sqlite3_changes(db);
    return 0;
}

/* See sweep_db.h. */
int sweep_db_merge(const char *out, char *const *ins, int n, long *rows, char *err, size_t errsize)
{
    struct sweep_db d;
    int rc = 0;
    *rows = 0;
    if (sweep_db_open(&d, out, "sweep", err, errsize) != 0)
        return -1;
    for (int i = 0; i < n && rc == 0; i++) {
        sqlite3_stmt *st;
        char **names = NULL, **sqls = NULL;
        int nt = 0;
        if (db_exec(d.db, sqlite3_mprintf("ATTACH %Q AS src", ins[i]), ins[i], err, errsize) != 0) {
            rc = -1;
            break;
        }
        if (sqlite3_prepare_v2(d.db, "SELECT name, sql FROM src.sqlite_master WHERE type = 'table' "
                                     "AND name NOT LIKE 'sqlite_%' ORDER BY name = 'provenance'",
                               -1, &st, NULL) != SQLITE_OK) {
            rc = db_fail(d.db, ins[i], err, errsize);
        } else {
            while (sqlite3_step(st) == SQLITE_ROW) {
                char **a = realloc(names, (size_t)(nt + 1) * sizeof *a);
                char **b = realloc(sqls, (size_t)(nt + 1) * sizeof *b);
                if (a)
                    names = a;
                if (b)
                    sqls = b;
                if (!a || !b)
                    break;
                names[nt] = strdup((const char *)sqlite3_column_text(st, 0));
                sqls[nt++] = strdup((const char *)sqlite3_column_text(st, 1));
            }
            if (sqlite3_step(st) == SQLITE_ERROR)
                rc = db_fail(d.db, ins[i], err, errsize);
            sqlite3_finalize(st);
        }
        if (rc == 0 && nt == 0) {
            snprintf(err, errsize, "%s: no tables (not an nrn-sweep database?)", ins[i]);
            rc = -1;
        }
        if (rc == 0)
            rc = db_exec(d.db, sqlite3_mprintf("BEGIN IMMEDIATE"), out, err, errsize);
        for (int j = 0; j < nt && rc == 0; j++) {
            int is_results = db_has_column(d.db, "src", names[j], "id") == 1 &&
                             db_has_column(d.db, "src", names[j], "status") == 1;
            if (is_results || strcmp(names[j], "provenance") == 0)
                rc = db_merge_table(d.db, names[j], sqls[j], rows, err, errsize);
        }
        if (rc == 0)
            rc = db_exec(d.db, sqlite3_mprintf("COMMIT"), out, err, errsize);
        else
            sqlite3_exec(d.db, "ROLLBACK", NULL, NULL, NULL);
        for (int j = 0; j < nt; j++) {
            free(names[j]);
            free(sqls[j]);
        }
        free(names);
        free(sqls);
        sqlite3_exec(d.db, "DETACH src", NULL, NULL, NULL);
    }
    sweep_db_close(&d);
    return rc;
}
