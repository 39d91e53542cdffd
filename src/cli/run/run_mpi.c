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
