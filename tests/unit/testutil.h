/*
** testutil.h: helpers shared by the cmocka unit tests: a double comparison (Debian's
** cmocka 1.1.5 assert_float_equal casts to float), golden-file paths and a small
** reader for the NEURON reference CSVs in tests/golden.
*/
#ifndef TESTUTIL_H
#define TESTUTIL_H

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* Fails unless |got - want| <= atol + rtol |want|. */
#define assert_close(got, want, rtol, atol)                                                   \
    do {                                                                                       \
        double g_ = (got), w_ = (want);                                                        \
        if (!(fabs(g_ - w_) <= (atol) + (rtol) * fabs(w_)))                                    \
            fail_msg("%s = %.17g, want %.17g (diff %.3g)", #got, g_, w_, g_ - w_);             \
    } while (0)

/* Path of a file under the project root ($ROOT, else the working directory). */
static inline const char *test_path(const char *rel)
{
    static char buf[4096];
    const char *root = getenv("ROOT");
    snprintf(buf, sizeof buf, "%s/%s", root && *root ? root : ".", rel);
    return buf;
}

/* A CSV of numbers with one header line (lines starting with '#' skipped). */
struct gcsv {
    int ncol;
    char **names;   /* ncol column names */
    size_t nrow;
    double *data;   /* nrow * ncol, row-major */
};

static inline void gcsv_free(struct gcsv *g)
{
    for (int i = 0; i < g->ncol; i++)
        free(g->names[i]);
    free(g->names);
    free(g->data);
    memset(g, 0, sizeof *g);
}

/* Reads a golden CSV; returns 0 on success. Column names may hold '(' ',' no. */
static inline int gcsv_read(const char *path, struct gcsv *g)
{
    memset(g, 0, sizeof *g);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char line[65536];
    size_t cap = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        if (line[0] == '#' || !line[0])
            continue;
        if (!g->names) {
            for (char *p = line; p; p = strchr(p, ','), p = p ? p + 1 : NULL)
                g->ncol++;
            g->names = calloc((size_t)g->ncol, sizeof *g->names);
            char *save, *tok = strtok_r(line, ",", &save);
            for (int i = 0; tok && i < g->ncol; i++, tok = strtok_r(NULL, ",", &save))
                g->names[i] = strdup(tok);
            continue;
        }
        if ((g->nrow + 1) * (size_t)g->ncol > cap) {
            cap = cap ? 2 * cap : 4096;
            g->data = realloc(g->data, cap * sizeof(double));
        }
        char *p = line;
        for (int i = 0; i < g->ncol; i++) {
            g->data[g->nrow * (size_t)g->ncol + (size_t)i] = strtod(p, &p);
            if (*p == ',')
                p++;
        }
        g->nrow++;
    }
    fclose(f);
    return g->names ? 0 : -1;
}

#endif /* TESTUTIL_H */
