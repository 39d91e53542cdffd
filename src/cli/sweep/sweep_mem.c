/*
** sweep_mem.c: results kept in memory (see sweep_mem.h).
*/
#include "sweep_mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csvout.h"

struct sweep_mem {
    const struct sweep_plan *plan;
    int nfeats;
    const int *feat_int;
    unsigned char *state; /* per point: 0 not run, 1 ok, 2 failed */
    double *vals;         /* npoints * nfeats */
    double *seconds;
    char **error;
};

struct sweep_mem *sweep_mem_new(const struct sweep_plan *plan, int nfeats, const int *feat_int)
{
    struct sweep_mem *m = calloc(1, sizeof *m);
    size_t n = plan->npoints + 1;
    if (m == NULL)
        return NULL;
    m->plan = plan;
    m->nfeats = nfeats;
    m->feat_int = feat_int;
    m->state = calloc(n, 1);
    m->vals = malloc(n * (size_t)(nfeats + 1) * sizeof *m->vals);
    m->seconds = malloc(n * sizeof *m->seconds);
    m->error = calloc(n, sizeof *m->error);
    if (!m->state || !m->vals || !m->seconds || !m->error) {
        sweep_mem_free(m);
        return NULL;
    }
    return m;
}

int sweep_mem_put(struct sweep_mem *m, size_t k, const double *vals, int ok, const char *error,
                  double seconds)
{
    double *v = m->vals + k * (size_t)m->nfeats;
    for (int j = 0; j < m->nfeats; j++)
        v[j] = ok && vals ? vals[j] : NAN;
    m->state[k] = ok ? 1 : 2;
    m->seconds[k] = seconds;
    free(m->error[k]);
    m->error[k] = NULL;
    if (!ok && error && (m->error[k] = strdup(error)) == NULL)
        return -1;
    return 0;
}

int sweep_mem_csv(const struct sweep_mem *m, const char *const *feat_names, FILE *fp, int digits)
{
    static const char *const tail[] = { "status", "error", "seconds", "id" };
    const struct sweep_plan *p = m->plan;
    int rc = 0, c = 0;

    for (int j = 0; j < p->nparams; j++)
        rc |= csvout_text(fp, p->params[j].name, c++ == 0);
    for (int j = 0; j < m->nfeats; j++)
        rc |= csvout_text(fp, feat_names[j], c++ == 0);
    for (int j = 0; j < 4; j++)
        rc |= csvout_text(fp, tail[j], c++ == 0);
    rc |= csvout_end(fp);
    for (size_t k = 0; k < p->npoints && rc == 0; k++) {
        const double *v = m->vals + k * (size_t)m->nfeats;
        if (m->state[k] == 0)
            continue;
        for (int j = 0; j < p->nparams; j++) {
            size_t i = k * (size_t)p->nparams + (size_t)j;
            if (p->text[i])
                rc |= csvout_text(fp, p->text[i], j == 0);
            else if (isnan(p->num[i]))
                rc |= csvout_text(fp, "", j == 0);
            else
                rc |= csvout_number(fp, p->num[i], digits, j == 0);
        }
        for (int j = 0; j < m->nfeats; j++) {
            char buf[32];
            if (isnan(v[j])) {
                rc |= csvout_text(fp, "", 0);
            } else if (m->feat_int[j]) {
                snprintf(buf, sizeof buf, "%lld", (long long)v[j]);
                rc |= csvout_text(fp, buf, 0);
            } else {
                rc |= csvout_number(fp, v[j], digits, 0);
            }
        }
        rc |= csvout_text(fp, m->state[k] == 1 ? "ok" : "failed", 0);
        rc |= csvout_text(fp, m->error[k] ? m->error[k] : "", 0);
        rc |= csvout_number(fp, m->seconds[k], digits, 0);
        rc |= csvout_text(fp, p->id[k], 0);
        rc |= csvout_end(fp);
    }
    return rc ? -1 : 0;
}

void sweep_mem_free(struct sweep_mem *m)
{
    if (m == NULL)
        return;
    if (m->error)
        for (size_t k = 0; k < m->plan->npoints; k++)
            free(m->error[k]);
    free(m->state);
    free(m->vals);
    free(m->seconds);
    free(m->error);
    free(m);
}
