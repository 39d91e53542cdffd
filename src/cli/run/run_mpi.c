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

/* This rank's columns packed as (name length, name, sample count, samples); -1 on ENOMEM. */
static int run_pack_columns(nrntcl *st, int rank, char **b, size_t *len)
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
        long long ns = (long long)nrn_record_len(m, ids[j]);
        if (rank > 0 && strcmp(name, "t") == 0)
            continue;
        rc = run_put(b, len, &cap, &nl, sizeof nl) || run_put(b, len, &cap, name, (size_t)nl) ||
             run_put(b, len, &cap, &ns, sizeof ns) ||
             run_put(b, len, &cap, nrn_record_data(m, ids[j]), sizeof(double) * (size_t)ns);
    }
    free(ids);
    return rc ? -1 : 0;
}

/* A gathered column. */
struct run_col {
    const char *name;
    int len;
    long long n;
    const char *data; /* n doubles, unaligned */
};

/* Rank 0: writes the gathered columns as CSV. */
static void run_write_cols(FILE *fp, const struct run_col *c, int n, int digits)
{
    long long rows = 0;
    for (int j = 0; j < n; j++)
        if (c[j].n > rows)
            rows = c[j].n;
    for (int j = 0; j < n; j++) {
        if (j)
            putc(',', fp);
        run_csv_field(fp, c[j].name, c[j].len);
    }
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

int run_mpi_write_records(const char *prog, nrntcl *st, const struct cli_mpi *mp, FILE *fp,
                          int digits)
{
    char *mine = NULL, *all = NULL;
    size_t len = 0;
    int bytes = 0;
    double bad = run_pack_columns(st, mp->comm.rank, &mine, &len) != 0;
    if (mp->api->allreduce(&bad, 1, 1) || bad || len > 0x7fffffff) {
        free(mine);
        cli_error(prog, "out of memory gathering the records");
        return -1;
    }
    int rc = mp->api->allgatherv(mine, (int)len, (void **)&all, &bytes, NULL);
    free(mine);
    if (rc) {
        cli_error(prog, "gathering the records failed");
        return -1;
    }
    if (mp->comm.rank != 0 || bytes == 0) {
        free(all);
        return 0;
    }
    int n = 0, cap = 16;
    struct run_col *c = malloc(sizeof *c * (size_t)cap);
    for (int off = 0; c && off < bytes; n++) {
        if (n == cap) {
            struct run_col *q = realloc(c, sizeof *c * (size_t)(cap *= 2));
            if (!q) {
                free(c);
                c = NULL;
                break;
            }
            c = q;
        }
        memcpy(&c[n].len, all + off, sizeof c[n].len);
        c[n].name = all + off + sizeof c[n].len;
        off += (int)sizeof c[n].len + c[n].len;
        memcpy(&c[n].n, all + off, sizeof c[n].n);
        c[n].data = all + off + sizeof c[n].n;
        off += (int)(sizeof c[n].n + sizeof(double) * (size_t)c[n].n);
    }
    if (!c) {
        free(all);
        cli_error(prog, "out of memory gathering the records");
        return -1;
    }
    run_write_cols(fp, c, n, digits);
    free(c);
    free(all);
    return 0;
}
