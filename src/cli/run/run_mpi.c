/*
** run_mpi.c: see run_mpi.h. A spike is kept as a packed record (t, gid, label length,
** label) so that one byte-wise allgather brings every rank's spikes, labels included, to
** rank 0; sorting there by (t, gid, source) makes the file the same for any number of ranks.
*/
#include <stdlib.h>
#include <string.h>

#include "cli_opt.h"
#include "numfmt.h"
#include "run_mpi.h"

/* A spike of the gathered buffer. */
struct run_spike {
    double t;
    int gid;
    const char *label; /* into the buffer, not terminated */
    int len;
};

void run_mpi_on_spike(void *ud, nrn_model *m, const char *source, double t)
{
    struct run_mpi_spikes *s = ud;
    int gid = nrn_spike_gid(m), len = (int)strlen(source);
    size_t need = sizeof t + 2 * sizeof(int) + (size_t)len;
    if (s->n + need > s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 4096;
        while (cap < s->n + need)
            cap *= 2;
        char *b = realloc(s->buf, cap);
        if (!b) {
            s->nomem = 1;
            return;
        }
        s->buf = b;
        s->cap = cap;
    }
    char *p = s->buf + s->n;
    memcpy(p, &t, sizeof t);
    memcpy(p + sizeof t, &gid, sizeof gid);
    memcpy(p + sizeof t + sizeof gid, &len, sizeof len);
    memcpy(p + sizeof t + 2 * sizeof(int), source, (size_t)len);
    s->n += need;
}

static int run_spike_cmp(const void *a, const void *b)
{
    const struct run_spike *x = a, *y = b;
    if (x->t != y->t)
        return x->t < y->t ? -1 : 1;
    if (x->gid != y->gid)
        return x->gid < y->gid ? -1 : 1;
    int c = memcmp(x->label, y->label, (size_t)(x->len < y->len ? x->len : y->len));
    return c ? c : x->len - y->len;
}

/* Writes label as a CSV field. */
static void run_csv_field(FILE *fp, const char *label, int len)
{
    if (memchr(label, ',', (size_t)len) == NULL && memchr(label, '"', (size_t)len) == NULL &&
        memchr(label, '\n', (size_t)len) == NULL && memchr(label, '\r', (size_t)len) == NULL) {
        fwrite(label, 1, (size_t)len, fp);
        return;
    }
    putc('"', fp);
    for (int i = 0; i < len; i++) {
        if (label[i] == '"')
            putc('"', fp);
        putc(label[i], fp);
    }
    putc('"', fp);
}

int run_mpi_write_spikes(const char *prog, struct run_mpi_spikes *s, const struct cli_mpi *mp,
                         FILE *fp, int digits)
{
    char *all = NULL;
    int bytes = 0;
    double bad = s->nomem;
    if (mp->api->allreduce(&bad, 1, 1) || bad) {
        cli_error(prog, "out of memory keeping the spikes");
        return -1;
    }
    if (mp->api->allgatherv(s->buf, (int)s->n, (void **)&all, &bytes, NULL)) {
        cli_error(prog, "gathering the spikes failed");
        return -1;
    }
    if (mp->comm.rank != 0) {
        free(all);
        return 0;
    }
    size_t n = 0, cap = 64;
    struct run_spike *sp = malloc(cap * sizeof *sp);
    for (int off = 0; sp && off < bytes;) {
        struct run_spike x;
        memcpy(&x.t, all + off, sizeof x.t);
        memcpy(&x.gid, all + off + sizeof x.t, sizeof x.gid);
        memcpy(&x.len, all + off + sizeof x.t + sizeof x.gid, sizeof x.len);
        x.label = all + off + sizeof x.t + 2 * sizeof(int);
        off += (int)(sizeof x.t + 2 * sizeof(int)) + x.len;
        if (n == cap) {
            struct run_spike *q = realloc(sp, 2 * cap * sizeof *sp);
            if (!q) {
                free(sp);
                sp = NULL;
                break;
            }
            sp = q;
            cap *= 2;
        }
        sp[n++] = x;
    }
    if (!sp) {
        free(all);
        cli_error(prog, "out of memory gathering the spikes");
        return -1;
    }
    qsort(sp, n, sizeof *sp, run_spike_cmp);
    fputs("source,t,gid\n", fp);
    for (size_t i = 0; i < n; i++) {
        char buf[NUMFMT_BUFSIZE];
        run_csv_field(fp, sp[i].label, sp[i].len);
        fprintf(fp, ",%s,", numfmt_double(buf, sp[i].t, digits));
        if (sp[i].gid >= 0)
            fprintf(fp, "%d", sp[i].gid);
        putc('\n', fp);
    }
    free(sp);
    free(all);
    return 0;
}

void run_mpi_spikes_free(struct run_mpi_spikes *s)
{
    free(s->buf);
    memset(s, 0, sizeof *s);
}

/* Appends n bytes to the growing buffer *b (size *len, capacity *cap); -1 when out of memory. */
static int run_put(char **b, size_t *len, size_t *cap, const void *p, size_t n)
{
    if (*len + n > *cap) {
        size_t c = *cap ? *cap : 4096;
        while (c < *len + n)
            c *= 2;
        char *q = realloc(*b, c);
        if (!q)
            return -1;
        *b = q;
        *cap = c;
    }
    memcpy(*b + *len, p, n);
    *len += n;
    return 0;
}

/* This rank's columns from row `from` on, packed as (name length, name, sample count,
** samples); a count of -1 says the column has fewer rows than from (records restarted).
** -1 on ENOMEM. */
static int run_pack_columns(nrntcl *st, int rank, long long from, char **b, size_t *len)
{
    nrn_model *m = nrntcl_model(st);
    int n = nrntcl_columns(st, NULL, 0), rc = 0;
    int *ids = malloc(sizeof(int) * (size_t)(n > 0 ? n : 1));
    size_t cap = 0;
    if (!ids)
        return -1;
    n = nrntcl_columns(st, ids, n);
    for (int j = 0; j < n && rc == 0; j++) {
        const char *name = nrntcl_column_name(st, ids[j]);
        int nl = (int)strlen(name);
        long long all = (long long)nrn_record_len(m, ids[j]);
        long long ns = all >= from ? all - from : -1;
        if (rank > 0 && strcmp(name, "t") == 0)
            continue;
        rc = run_put(b, len, &cap, &nl, sizeof nl) || run_put(b, len, &cap, name, (size_t)nl) ||
             run_put(b, len, &cap, &ns, sizeof ns) ||
             (ns > 0 && run_put(b, len, &cap, nrn_record_data(m, ids[j]) + from,
                                sizeof(double) * (size_t)ns));
    }
    free(ids);
    return rc ? -1 : 0;
}

/* A gathered column. */
struct run_col {
    const char *name;
    int len;
    long long n;      /* -1: restarted */
    const char *data; /* n doubles, unaligned */
};

/* Rank 0: writes the gathered columns as CSV rows, after a header line if header. */
static void run_write_cols(FILE *fp, const struct run_col *c, int n, int digits, int header)
{
    long long rows = 0;
    for (int j = 0; j < n; j++)
        if (c[j].n > rows)
            rows = c[j].n;
    for (int j = 0; header && j < n; j++) {
        if (j)
            putc(',', fp);
        run_csv_field(fp, c[j].name, c[j].len);
    }
    if (header)
        putc('\n', fp);
    for (long long k = 0; k < rows; k++) {
        for (int j = 0; j < n; j++) {
            char buf[NUMFMT_BUFSIZE];
            double x;
            if (j)
                putc(',', fp);
            if (k >= c[j].n)
                continue;
            memcpy(&x, c[j].data + sizeof x * (size_t)k, sizeof x);
            fputs(numfmt_double(buf, x, digits), fp);
        }
        putc('\n', fp);
    }
}

/*
** Collective: every rank's columns from row from on. Rank 0 gets them parsed in *c (*n of
** them, pointing into *all; both freed by the caller), the others nothing. 0, or -1 after a
** message naming prog (on every rank).
*/
static int run_gather_cols(const char *prog, nrntcl *st, const struct cli_mpi *mp,
                           long long from, char **all, struct run_col **c, int *n)
{
    char *mine = NULL;
    size_t len = 0;
    int bytes = 0;
    *all = NULL;
    *c = NULL;
    *n = 0;
    double bad = run_pack_columns(st, mp->comm.rank, from, &mine, &len) != 0 || len > 0x7fffffff;
    if (mp->api->allreduce(&bad, 1, 1) || bad) {
        free(mine);
        cli_error(prog, "out of memory gathering the records");
        return -1;
    }
    int rc = mp->api->allgatherv(mine, (int)len, (void **)all, &bytes, NULL);
    free(mine);
    if (rc) {
        cli_error(prog, "gathering the records failed");
        return -1;
    }
    if (mp->comm.rank != 0 || bytes == 0)
        return 0;
    int cap = 16;
    struct run_col *col = malloc(sizeof *col * (size_t)cap);
    for (int off = 0; col && off < bytes; (*n)++) {
        if (*n == cap) {
            struct run_col *q = realloc(col, sizeof *col * (size_t)(cap *= 2));
            if (!q) {
                free(col);
                col = NULL;
                break;
            }
            col = q;
        }
        struct run_col *x = &col[*n];
        memcpy(&x->len, *all + off, sizeof x->len);
        x->name = *all + off + sizeof x->len;
        off += (int)sizeof x->len + x->len;
        memcpy(&x->n, *all + off, sizeof x->n);
        x->data = *all + off + sizeof x->n;
        off += (int)(sizeof x->n + sizeof(double) * (size_t)(x->n > 0 ? x->n : 0));
    }
    if (!col) {
        cli_error(prog, "out of memory gathering the records");
        return -1;
    }
    *c = col;
    return 0;
}

/* The column names of c packed one after the other (the header's signature), or NULL. */
static char *run_signature(const struct run_col *c, int n, size_t *len)
{
    char *b = NULL;
    size_t cap = 0;
    *len = 0;
    for (int j = 0; j < n; j++)
        if (run_put(&b, len, &cap, &c[j].len, sizeof c[j].len) ||
            run_put(&b, len, &cap, c[j].name, (size_t)c[j].len)) {
            free(b);
            return NULL;
        }
    return b ? b : calloc(1, 1);
}

/* One step of a stream: the rows since the last, written by rank 0. 0 or -1 (collective). */
static int run_rows_step(struct run_mpi_rows *r)
{
    char *all;
    struct run_col *c;
    int n;
    if (run_gather_cols(r->prog, r->st, r->mp, r->done, &all, &c, &n) != 0)
        return -1;
    /* every column of a rank has the same rows: the first one's are this rank's */
    nrn_model *m = nrntcl_model(r->st);
    int id;
    if (nrntcl_columns(r->st, &id, 1) > 0 && (long long)nrn_record_len(m, id) > r->done)
        r->done = (long long)nrn_record_len(m, id);
    if (r->mp->comm.rank == 0 && n > 0 && !r->stopped) {
        size_t len;
        char *sig = run_signature(c, n, &len);
        int restarted = 0;
        for (int j = 0; j < n; j++)
            restarted |= c[j].n < 0;
        if (!r->sig) {
            run_write_cols(r->fp, c, n, r->digits, 1);
            r->sig = sig, r->siglen = len;
        } else if (restarted || !sig || len != r->siglen || memcmp(sig, r->sig, len) != 0) {
            cli_error(r->prog, "warning: the recorded columns changed after output began; "
                      "later rows are not in the output (use -o FILE or write_csv)");
            r->stopped = 1;
            free(sig);
        } else {
            run_write_cols(r->fp, c, n, r->digits, 0);
            free(sig);
        }
        fflush(r->fp);
    }
    r->started = 1;
    free(c);
    free(all);
    return 0;
}

void run_mpi_on_exchange(void *ud, nrn_model *m)
{
    struct run_mpi_rows *r = ud;
    (void)m;
    if (!r->failed && run_rows_step(r) != 0)
        r->failed = 1; /* every rank failed the same collective: all stop streaming */
}

void run_mpi_rows_free(struct run_mpi_rows *r)
{
    free(r->sig);
    r->sig = NULL;
}

int run_mpi_write_records(const char *prog, nrntcl *st, const struct cli_mpi *mp, FILE *fp,
                          int digits, struct run_mpi_rows *r)
{
    if (r && r->started)
        return r->failed ? -1 : run_rows_step(r);
    char *all;
    struct run_col *c;
    int n;
    if (run_gather_cols(prog, st, mp, 0, &all, &c, &n) != 0)
        return -1;
    if (mp->comm.rank == 0 && n > 0)
        run_write_cols(fp, c, n, digits, 1);
    free(c);
    free(all);
    return 0;
}
