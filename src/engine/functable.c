/*
** functable.c: NMODL's FUNCTION_TABLE: a function of one or more arguments whose values
** the user supplies (NEURON's table_NAME) and which the engine interpolates linearly, as
** NEURON's hoc_func_table does: each argument is located in its grid (given values, or
** evenly spaced from min to max) and clamped at the ends; one argument interpolates
** between two values, two arguments bilinearly (along the second, then the first); with
** more, the nearest lower grid value is returned. The values are copied when set.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nrn_int.h"

#define FT_MAXDIM 4

struct ftable {
    int set, ndim;
    double value;            /* ndim 0: the constant */
    double *y;               /* prod(nsize) values, row major */
    int nsize[FT_MAXDIM];
    double *x[FT_MAXDIM];    /* the argument values of each dimension, or NULL: */
    double min[FT_MAXDIM], max[FT_MAXDIM]; /* evenly spaced from min to max */
};

static void ftable_clear(struct ftable *f)
{
    free(f->y);
    for (int i = 0; i < FT_MAXDIM; i++)
        free(f->x[i]);
    memset(f, 0, sizeof *f);
}

void functable_free(nrn_model *m)
{
    for (int t = 0; t < m->ntype; t++) {
        for (int k = 0; m->types[t].ftab && k < m->types[t].d->nftable; k++)
            ftable_clear(&m->types[t].ftab[k]);
        free(m->types[t].ftab);
        m->types[t].ftab = NULL;
    }
}

/* Type and index of the FUNCTION_TABLE called name ("alp_cagkftab"), or -1. */
static int ftable_find(const nrn_model *m, const char *name, int *type)
{
    for (int t = 0; t < m->ntype; t++) {
        const nrn_mech_type *d = m->types[t].d;
        size_t nl = strlen(d->name), len = strlen(name);
        if (!d->nftable || len < nl + 2 || name[len - nl - 1] != '_' ||
            strcmp(name + len - nl, d->name) != 0)
            continue;
        for (int k = 0; k < d->nftable; k++)
            if (strlen(d->ftables[k]) == len - nl - 1 &&
                strncmp(d->ftables[k], name, len - nl - 1) == 0) {
                *type = t;
                return k;
            }
    }
    return -1;
}

static double *dup_values(nrn_model *m, const double *p, size_t n)
{
    double *q = model_alloc(m, sizeof(double) * (n ? n : 1));
    if (q && n)
        memcpy(q, p, sizeof(double) * n);
    return q;
}

int nrn_function_table(nrn_model *m, const char *name, int ndim, const double *y,
                       const int *nsize, const double *const *x, const double *min,
                       const double *max)
{
    m->wseq++; /* see nrn_model.wseq */
    int t, k = ftable_find(m, name, &t);
    if (k < 0)
        return model_err(m, NRN_ENOTFOUND, "no FUNCTION_TABLE named \"%s\" (NAME_MECH, as "
                         "tau_kdr)", name);
    const nrn_mech_type *d = m->types[t].d;
    if (ndim != 0 && ndim != d->ftable_nargs[k])
        return model_err(m, NRN_EINVAL, "FUNCTION_TABLE %s takes %d argument%s, not %d", name,
                         d->ftable_nargs[k], d->ftable_nargs[k] == 1 ? "" : "s", ndim);
    if (ndim > FT_MAXDIM)
        return model_err(m, NRN_EINVAL, "FUNCTION_TABLE %s: more than %d arguments", name,
                         FT_MAXDIM);
    struct ftable f = { .set = 1, .ndim = ndim };
    size_t total = 1;
    for (int i = 0; i < ndim; i++) {
        if (nsize[i] < 1)
            return model_err(m, NRN_EINVAL, "FUNCTION_TABLE %s: argument %d has %d values",
                             name, i + 1, nsize[i]);
        if (!x[i] && !(max[i] >= min[i]))
            return model_err(m, NRN_EINVAL, "FUNCTION_TABLE %s: min %g > max %g", name, min[i],
                             max[i]);
        for (int j = 1; x[i] && j < nsize[i]; j++)
            if (!(x[i][j] > x[i][j - 1]))
                return model_err(m, NRN_EINVAL, "FUNCTION_TABLE %s: the values of argument %d "
                                 "do not increase", name, i + 1);
        total *= (size_t)nsize[i];
    }
    if (ndim == 0)
        f.value = y[0];
    else if (!(f.y = dup_values(m, y, total)))
        return NRN_ENOMEM;
    for (int i = 0; i < ndim; i++) {
        f.nsize[i] = nsize[i];
        f.min[i] = min[i];
        f.max[i] = max[i];
        if (x[i] && !(f.x[i] = dup_values(m, x[i], (size_t)nsize[i]))) {
            ftable_clear(&f);
            return NRN_ENOMEM;
        }
    }
    struct mtype *mt = &m->types[t];
    if (!mt->ftab) {
        if (!(mt->ftab = model_alloc(m, sizeof *mt->ftab * (size_t)d->nftable))) {
            ftable_clear(&f);
            return NRN_ENOMEM;
        }
        memset(mt->ftab, 0, sizeof *mt->ftab * (size_t)d->nftable);
    }
    ftable_clear(&mt->ftab[k]);
    mt->ftab[k] = f;
    return NRN_OK;
}

/* The grid index of a in dimension i (clamped), and in *frac where a lies after it. */
static int grid_index(const struct ftable *f, int i, double a, double *frac)
{
    int n = f->nsize[i];
    *frac = 0.;
    if (f->x[i]) {
        const double *x = f->x[i];
        if (a <= x[0])
            return 0;
        if (a >= x[n - 1])
            return n - 1;
        int lo = 0, hi = n - 1;
        while (lo < hi - 1) {
            int mid = (lo + hi) / 2;
            if (x[mid] <= a)
                lo = mid;
            else
                hi = mid;
        }
        *frac = (a - x[lo]) / (x[lo + 1] - x[lo]);
        return lo;
    }
    if (a <= f->min[i])
        return 0;
    if (a >= f->max[i])
        return n - 1;
    double step = (f->max[i] - f->min[i]) / ((double)(n - 1));
    double pos = (a - f->min[i]) / step;
    int j = (int)pos;
    *frac = pos - (double)j;
    return j;
}

/* Between p and q at frac (p itself when frac is 0). */
static double lerp(double frac, double p, double q)
{
    return frac > 0. ? (1. - frac) * p + frac * q : p;
}

double nrn_func_table(const nrn_mech_ctx *c, nrn_mech_data *md, int k, int n,
                      const double *args)
{
    nrn_model *m = c->model;
    struct mtype *mt = &m->types[md->type];
    const struct ftable *f = mt->ftab ? &mt->ftab[k] : NULL;
    if (!f || !f->set) {
        if (!m->ev_err) {
            model_err(m, NRN_EINVAL, "FUNCTION_TABLE %s_%s has no values (function_table "
                      "%s_%s ...)", mt->d->ftables[k], mt->d->name, mt->d->ftables[k],
                      mt->d->name);
            m->ev_err = NRN_EINVAL;
        }
        return 0.;
    }
    if (f->ndim == 0)
        return f->value;
    double frac[FT_MAXDIM];
    int j = 0;
    for (int i = 0; i < n && i < f->ndim; i++)
        j = j * f->nsize[i] + grid_index(f, i, args[i], &frac[i]);
    const double *y = f->y;
    if (f->ndim == 1)
        return lerp(frac[0], y[j], frac[0] > 0. ? y[j + 1] : 0.);
    if (f->ndim == 2) {
        double y1 = lerp(frac[1], y[j], frac[1] > 0. ? y[j + 1] : 0.);
        if (frac[0] == 0.)
            return y1;
        int j2 = j + f->nsize[1];
        return lerp(frac[0], y1, lerp(frac[1], y[j2], frac[1] > 0. ? y[j2 + 1] : 0.));
    }
    return y[j];
}

/* The tables of src into the clone dst (same types in the same order). */
int functable_clone(nrn_model *dst, const nrn_model *src)
{
    for (int t = 0; t < src->ntype && t < dst->ntype; t++) {
        const struct mtype *st = &src->types[t];
        for (int k = 0; st->ftab && k < st->d->nftable; k++) {
            const struct ftable *f = &st->ftab[k];
            if (!f->set)
                continue;
            char name[256];
            snprintf(name, sizeof name, "%s_%s", st->d->ftables[k], st->d->name);
            const double *x[FT_MAXDIM] = { f->x[0], f->x[1], f->x[2], f->x[3] };
            int rc = nrn_function_table(dst, name, f->ndim, f->ndim ? f->y : &f->value,
                                        f->nsize, x, f->min, f->max);
            if (rc)
                return rc;
        }
    }
    return NRN_OK;
}

/* ---- the model CSV's rows (modelcsv.c) ---- */

#define FT_MAXVALUES ((size_t)10000000) /* a table read from a file holds at most these */

static void ft_row(FILE *f, const char *kind, int d, const char *name, double v)
{
    char num[40];
    fmt_num(v, num, sizeof num);
    if (d >= 0)
        fprintf(f, "%s,,%d,,%s,%s,,,,\n", kind, d, name, num);
    else
        fprintf(f, "%s,,,,%s,%s,,,,\n", kind, name, num);
}

void functable_write_csv(nrn_model *m, FILE *f)
{
    for (int t = 0; t < m->ntype; t++) {
        const nrn_mech_type *d = m->types[t].d;
        for (int k = 0; m->types[t].ftab && k < d->nftable; k++) {
            const struct ftable *ft = &m->types[t].ftab[k];
            char name[128], a[40], b[40];
            size_t total = 1;
            if (!ft->set)
                continue;
            snprintf(name, sizeof name, "%s_%s", d->ftables[k], d->name);
            ft_row(f, "ftable", -1, name, ft->ndim);
            for (int i = 0; i < ft->ndim; i++) {
                total *= (size_t)ft->nsize[i];
                if (ft->x[i]) {
                    ft_row(f, "ftabdim", i, name, ft->nsize[i]);
                    for (int j = 0; j < ft->nsize[i]; j++)
                        ft_row(f, "ftabx", i, name, ft->x[i][j]);
                    continue;
                }
                fmt_num(ft->min[i], a, sizeof a);
                fmt_num(ft->max[i], b, sizeof b);
                fprintf(f, "ftabdim,,%d,,%s,%d,%s,%s,,\n", i, name, ft->nsize[i], a, b);
            }
            if (ft->ndim == 0)
                ft_row(f, "ftaby", -1, name, ft->value);
            for (size_t j = 0; ft->ndim > 0 && j < total; j++)
                ft_row(f, "ftaby", -1, name, ft->y[j]);
        }
    }
}

void functable_read_free(struct ftread *ft)
{
    for (int i = 0; i < FT_MAXDIM; i++)
        free(ft->x[i]);
    free(ft->y);
    memset(ft, 0, sizeof *ft);
}

static int ft_num(nrn_model *m, const char *s, double *v)
{
    char *end;
    *v = strtod(s, &end);
    if (!*s || *end || !isfinite(*v))
        return model_err(m, NRN_EFORMAT, "value \"%s\" is not a finite number", s);
    return NRN_OK;
}

/* The table's values are all read: set it, and forget it. */
static int ft_done(nrn_model *m, struct ftread *ft)
{
    const double *x[FT_MAXDIM] = { 0 };
    for (int i = 0; i < ft->ndim; i++)
        x[i] = ft->x[i];
    int rc = nrn_function_table(m, ft->name, ft->ndim, ft->y, ft->nsize, x, ft->min, ft->max);
    functable_read_free(ft);
    return rc;
}

int functable_read_row(nrn_model *m, struct ftread *ft, char **fld)
{
    const char *kind = fld[0], *name = fld[4];
    double v;
    int rc;
    if ((rc = ft_num(m, fld[5], &v)))
        return rc;
    if (strcmp(kind, "ftable") == 0) {
        if (ft->left)
            return model_err(m, NRN_EFORMAT, "FUNCTION_TABLE %s: %d values missing", ft->name,
                             ft->left);
        functable_read_free(ft);
        if (v != floor(v) || v < 0 || v > FT_MAXDIM)
            return model_err(m, NRN_EFORMAT, "ftable %s: %s arguments", name, fld[5]);
        snprintf(ft->name, sizeof ft->name, "%s", name);
        ft->ndim = (int)v;
        ft->d = -1;
        ft->left = 1;
        if (ft->ndim == 0 && !(ft->y = calloc(1, sizeof *ft->y)))
            return model_err(m, NRN_ENOMEM, "out of memory");
        return NRN_OK;
    }
    if (!ft->left || strcmp(name, ft->name) != 0)
        return model_err(m, NRN_EFORMAT, "%s row of %s outside its table", kind, name);
    if (strcmp(kind, "ftabdim") == 0) {
        int d = ft->d + 1;
        if (d >= ft->ndim || ft->y || v != floor(v) || v < 1 || v > FT_MAXVALUES ||
            (d > 0 && ft->x[d - 1] && ft->nx < ft->nsize[d - 1]))
            return model_err(m, NRN_EFORMAT, "ftabdim %s: unexpected here", name);
        ft->d = d;
        ft->nsize[d] = (int)v;
        ft->nx = 0;
        if (*fld[6] || *fld[7]) {
            if ((rc = ft_num(m, fld[6], &ft->min[d])) || (rc = ft_num(m, fld[7], &ft->max[d])))
                return rc;
        } else if (!(ft->x[d] = calloc((size_t)ft->nsize[d], sizeof(double)))) {
            return model_err(m, NRN_ENOMEM, "out of memory");
        }
        if (d == ft->ndim - 1) {
            size_t total = 1;
            for (int i = 0; i < ft->ndim; i++) {
                if ((size_t)ft->nsize[i] > FT_MAXVALUES / total)
                    return model_err(m, NRN_EFORMAT, "FUNCTION_TABLE %s: too many values", name);
                total *= (size_t)ft->nsize[i];
            }
            if (!(ft->y = calloc(total, sizeof *ft->y)))
                return model_err(m, NRN_ENOMEM, "out of memory");
            ft->left = (int)total;
        }
        return NRN_OK;
    }
    if (strcmp(kind, "ftabx") == 0) {
        if (ft->d < 0 || !ft->x[ft->d] || ft->nx >= ft->nsize[ft->d])
            return model_err(m, NRN_EFORMAT, "ftabx %s: unexpected here", name);
        ft->x[ft->d][ft->nx++] = v;
        return NRN_OK;
    }
    if (strcmp(kind, "ftaby") == 0) {
        if (!ft->y || (ft->ndim > 0 && ft->x[ft->ndim - 1] && ft->nx < ft->nsize[ft->ndim - 1]))
            return model_err(m, NRN_EFORMAT, "ftaby %s: unexpected here", name);
        ft->y[ft->ny++] = v;
        return --ft->left ? NRN_OK : ft_done(m, ft);
    }
    return model_err(m, NRN_EFORMAT, "unknown row kind \"%s\"", kind);
}
