/*
** sweep_plan.c: parameter specs, grids, zips, explicit points, ids and shards
** (see sweep_plan.h).
*/
#include "sweep_plan.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"
#include "oneline.h"
#include "sweep_sha256.h"

/* Engine globals that a bare NAME means (value paths, not Tcl variables). */
static const char *const plan_globals[] = { "dt", "tstop", "celsius", "v_init", "secondorder" };

/* See sweep_plan.h. */
int sweep_is_path(const char *name)
{
    if (strchr(name, '.') || strchr(name, '('))
        return 1;
    for (size_t i = 0; i < sizeof plan_globals / sizeof *plan_globals; i++)
        if (strcmp(name, plan_globals[i]) == 0)
            return 1;
    return 0;
}

/* See sweep_plan.h. */
int sweep_name_ok(const char *name)
{
    int path = sweep_is_path(name);
    if (!(isalpha((unsigned char)name[0]) || name[0] == '_') || strcmp(name, "sweep") == 0)
        return 0;
    for (const char *c = name; *c; c++)
        if (!isalnum((unsigned char)*c) && *c != '_' && !(path && strchr(".()[]+-", *c)))
            return 0;
    return 1;
}

/* See sweep_plan.h. */
int sweep_number(const char *s, double *x)
{
    char *end;
    if (*s == '\0')
        return 0;
    errno = 0;
    *x = strtod(s, &end);
    return *end == '\0' && end != s && isfinite(*x);
}

/* Appends value s (number or text; NULL: the number x) to p. Returns 0 or -1 (memory). */
static int plan_add_value(struct sweep_param *p, const char *s, double x)
{
    double *num = p->num;
    char **text = p->text;
    /* at 0, 1, 2, 4, ... values: room for twice as many (growing by one was quadratic
    ** copying for long lists wherever realloc cannot grow in place, as under ASan) */
    if ((p->nvals & (p->nvals - 1)) == 0) {
        size_t cap = p->nvals ? 2 * (size_t)p->nvals : 1;
        if ((num = realloc(p->num, cap * sizeof *num)) == NULL)
            return -1;
        p->num = num;
        if ((text = realloc(p->text, cap * sizeof *text)) == NULL)
            return -1;
        p->text = text;
    }
    if (s == NULL || sweep_number(s, &x)) {
        num[p->nvals] = x;
        text[p->nvals] = NULL;
    } else {
        num[p->nvals] = NAN;
        if ((text[p->nvals] = strdup(s)) == NULL)
            return -1;
        p->is_text = 1;
    }
    p->nvals++;
    return 0;
}

/* See sweep_plan.h. */
long sweep_spec_count(const char *arg)
{
    const char *spec = strchr(arg, '='), *c;
    long n = 1;
    char *end;
    if (spec == NULL)
        return 0;
    spec++;
    if (strchr(spec, ':') && !strchr(spec, ',')) {
        c = strrchr(spec, ':');
        errno = 0;
        n = strtol(c + 1, &end, 10);
        return end == c + 1 || *end || errno || n < 1 ? 0 : n;
    }
    for (c = spec; *c; c++)
        n += *c == ',';
    return n;
}

/* See sweep_plan.h. */
int sweep_grid_check(double total, char *err, size_t errsize)
{
    if (total <= SWEEP_MAX_POINTS)
        return 0;
    snprintf(err, errsize, total < 1e15 ? "the grid has %.0f points, more than the %d a sweep "
             "may have (split it into several sweeps)" : "the grid has %.3g points, more than "
             "the %d a sweep may have (split it into several sweeps)", total, SWEEP_MAX_POINTS);
    return -1;
}

static int param_parse(const char *arg, struct sweep_param *p, char *err, size_t errsize);

/* See sweep_plan.h. The message quotes the argument: kept on one line. */
int sweep_param_parse(const char *arg, struct sweep_param *p, char *err, size_t errsize)
{
    int rc = param_parse(arg, p, err, errsize);
    if (rc != 0)
        text_oneline(err, errsize);
    return rc;
}

static int param_parse(const char *arg, struct sweep_param *p, char *err, size_t errsize)
{
    const char *eq = strchr(arg, '=');
    const char *spec;
    char *copy = NULL, *tok, *save = NULL;
    double a, b, nn;

    memset(p, 0, sizeof *p);
    if (eq == NULL || eq == arg || eq[1] == '\0') {
        snprintf(err, errsize, "-p %s: expected NAME=SPEC (a:b:n or v1,v2,...)", arg);
        return -1;
    }
    if ((p->name = strndup(arg, (size_t)(eq - arg))) == NULL)
        goto oom;
    if (!sweep_name_ok(p->name)) {
        snprintf(err, errsize, "-p %s: '%s' is not a parameter name (a Tcl variable such as amp, "
                 "or a value path such as ic.amp)", arg, p->name);
        goto fail;
    }
    p->is_path = sweep_is_path(p->name);
    spec = eq + 1;
    if ((copy = strdup(spec)) == NULL)
        goto oom;
    if (strchr(spec, ':') && !strchr(spec, ',')) {
        char *c1 = strchr(copy, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
        char *end;
        long n;
        if (c2 == NULL || strchr(c2 + 1, ':')) {
            snprintf(err, errsize, "-p %s: a range is a:b:n (n values from a to b)", arg);
            goto fail;
        }
        *c1 = *c2 = '\0';
        errno = 0;
        n = strtol(c2 + 1, &end, 10);
        if (!sweep_number(copy, &a) || !sweep_number(c1 + 1, &b) || end == c2 + 1 || *end ||
            errno || n < 1) {
            snprintf(err, errsize, "-p %s: a range is a:b:n with numbers a, b and a count n >= 1",
                     arg);
            goto fail;
        }
        /* the count is checked before a value is made: a typo in n must not eat the memory */
        if (n > SWEEP_MAX_POINTS) {
            snprintf(err, errsize, "-p %s: %ld values, more than the %d points a sweep may have",
                     arg, n, SWEEP_MAX_POINTS);
            goto fail;
        }
        if (n == 1 && a != b) {
            snprintf(err, errsize, "-p %s: one value cannot span %s to %s (use n >= 2)", arg,
                     copy, c1 + 1);
            goto fail;
        }
        /* numpy.linspace's arithmetic: a + i*step, the last value exactly b */
        nn = (double)(n - 1);
        if ((p->num = malloc((size_t)n * sizeof *p->num)) == NULL ||
            (p->text = malloc((size_t)n * sizeof *p->text)) == NULL)
            goto oom;
        for (long i = 0; i < n; i++) {
            p->num[i] = i == n - 1 ? b : (n > 1 ? a + (double)i * ((b - a) / nn) : a);
            p->text[i] = NULL;
        }
        p->nvals = (int)n;
    } else {
        for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
            if (plan_add_value(p, tok, 0) != 0)
                goto oom;
        if (p->nvals == 0 || spec[strlen(spec) - 1] == ',' || spec[0] == ',' || strstr(spec, ",,")) {
            snprintf(err, errsize, "-p %s: empty value in the list", arg);
            goto fail;
        }
    }
    if (p->is_path && p->is_text) {
        for (int i = 0; i < p->nvals; i++)
            if (p->text[i]) {
                snprintf(err, errsize, "-p %s: %s is a value path, its values must be numbers, got '%s'",
                         arg, p->name, p->text[i]);
                break;
            }
        goto fail;
    }
    free(copy);
    return 0;
oom:
    snprintf(err, errsize, "out of memory");
fail:
    free(copy);
    sweep_param_free(p);
    return -1;
}

/* See sweep_plan.h. */
void sweep_param_free(struct sweep_param *p)
{
    if (p->text)
        for (int i = 0; i < p->nvals; i++)
            free(p->text[i]);
    free(p->text);
    free(p->num);
    free(p->name);
    memset(p, 0, sizeof *p);
}

/* See sweep_plan.h. */
const char *sweep_value_text(const struct sweep_plan *plan, size_t k, int j, char *buf)
{
    size_t i = k * (size_t)plan->nparams + (size_t)j;
    if (plan->text[i])
        return plan->text[i];
    return numfmt_double(buf, plan->num[i], 0);
}

/* Compares two parameter indices by name (qsort_r-free: uses a file-level plan). */
static const struct sweep_plan *plan_sorting;
static int plan_cmp_names(const void *a, const void *b)
{
    return strcmp(plan_sorting->params[*(const int *)a].name,
                  plan_sorting->params[*(const int *)b].name);
}

/* The parameter indices in name order into order (n of them, n <= 256). */
static void plan_name_order(const struct sweep_plan *plan, int *order, int n)
{
    for (int j = 0; j < n; j++)
        order[j] = j;
    plan_sorting = plan;
    qsort(order, (size_t)n, sizeof *order, plan_cmp_names);
}

/* Appends n bytes of p to the growing string *s (length *len, capacity *cap). 0 or -1. */
static int plan_append(char **s, size_t *len, size_t *cap, const char *p, size_t n)
{
    if (*len + n + 1 > *cap) {
        size_t c = *cap ? *cap : 256;
        char *t;
        while (*len + n + 1 > c)
            c *= 2;
        if ((t = realloc(*s, c)) == NULL)
            return -1;
        *s = t;
        *cap = c;
    }
    memcpy(*s + *len, p, n);
    *len += n;
    (*s)[*len] = '\0';
    return 0;
}

/* The canonical text of point k (see sweep_point_canon) into *s, parameters in order. */
static int plan_canon_into(const struct sweep_plan *plan, size_t k, const int *order, int n, char **s,
                           size_t *len, size_t *cap)
{
    char buf[NUMFMT_BUFSIZE];
    *len = 0;
    for (int jj = 0; jj < n; jj++) {
        int j = order[jj];
        const char *name = plan->params[j].name, *v = sweep_value_text(plan, k, j, buf);
        int quoted = plan->text[k * (size_t)plan->nparams + (size_t)j] != NULL;
        if (plan_append(s, len, cap, name, strlen(name)) != 0 ||
            plan_append(s, len, cap, quoted ? "='" : "=", quoted ? 2 : 1) != 0 ||
            plan_append(s, len, cap, v, strlen(v)) != 0 ||
            plan_append(s, len, cap, quoted ? "'\n" : "\n", quoted ? 2 : 1) != 0)
            return -1;
    }
    return plan_append(s, len, cap, "", 0);
}

/* See sweep_plan.h. */
char *sweep_point_canon(const struct sweep_plan *plan, size_t k)
{
    int order[256], n = plan->nparams < 256 ? plan->nparams : 256;
    char *s = NULL;
    size_t len, cap = 0;
    plan_name_order(plan, order, n);
    if (plan_canon_into(plan, k, order, n, &s, &len, &cap) != 0) {
        free(s);
        return NULL;
    }
    return s;
}

/* See sweep_plan.h. */
void sweep_plan_ids(struct sweep_plan *plan)
{
    int order[256], n = plan->nparams < 256 ? plan->nparams : 256;
    char *c = NULL;
    size_t len = 0, cap = 0;
    plan_name_order(plan, order, n);
    for (size_t k = 0; k < plan->npoints; k++) {
        char hex[65];
        int ok = plan_canon_into(plan, k, order, n, &c, &len, &cap) == 0;
        sweep_sha256_hex(ok ? c : "", ok ? len : 0, hex);
        memcpy(plan->id[k], hex, SWEEP_ID_SIZE - 1);
        plan->id[k][SWEEP_ID_SIZE - 1] = '\0';
    }
    free(c);
}

/* An id and the place of its point, for finding duplicates. */
struct plan_key {
    const char *id; /* the point's id */
    size_t k;       /* its place */
};

static int plan_cmp_keys(const void *a, const void *b)
{
    const struct plan_key *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    return c ? c : (x->k > y->k) - (x->k < y->k);
}

/* Moves point from to place to (to <= from). */
static void plan_move(struct sweep_plan *plan, size_t to, size_t from)
{
    size_t np = (size_t)plan->nparams;
    if (to == from)
        return;
    memcpy(plan->num + to * np, plan->num + from * np, np * sizeof *plan->num);
    memcpy(plan->text + to * np, plan->text + from * np, np * sizeof *plan->text);
    memcpy(plan->id[to], plan->id[from], SWEEP_ID_SIZE);
}

/* Drops points whose id came before (keeps the first of each). Returns 0 or -1 (memory). */
static int plan_dedupe(struct sweep_plan *plan)
{
    struct plan_key *keys;
    unsigned char *drop;
    size_t out = 0, np = (size_t)plan->nparams;
    if (plan->npoints < 2)
        return 0;
    keys = malloc(plan->npoints * sizeof *keys);
    drop = calloc(plan->npoints, 1);
    if (keys == NULL || drop == NULL) {
        free(keys);
        free(drop);
        return -1;
    }
    for (size_t k = 0; k < plan->npoints; k++) {
        keys[k].id = plan->id[k];
        keys[k].k = k;
    }
    qsort(keys, plan->npoints, sizeof *keys, plan_cmp_keys);
    for (size_t i = 1; i < plan->npoints; i++)
        if (strcmp(keys[i].id, keys[i - 1].id) == 0)
            drop[keys[i].k] = 1;
    for (size_t k = 0; k < plan->npoints; k++) {
        if (drop[k]) {
            for (size_t j = 0; j < np; j++)
                free(plan->text[k * np + j]);
            continue;
        }
        plan_move(plan, out++, k);
    }
    plan->npoints = out;
    free(keys);
    free(drop);
    return 0;
}

/* See sweep_plan.h. */
int sweep_plan_alloc(struct sweep_plan *plan, size_t npoints)
{
    size_t cells = npoints * (size_t)plan->nparams;
    plan->num = calloc(cells ? cells : 1, sizeof *plan->num);
    plan->text = calloc(cells ? cells : 1, sizeof *plan->text);
    plan->id = calloc(npoints ? npoints : 1, sizeof *plan->id);
    plan->npoints = npoints;
    return plan->num && plan->text && plan->id ? 0 : -1;
}

/* Stores value v of parameter p (index j) as point k's j-th value. Returns 0 or -1. */
static int plan_set(struct sweep_plan *plan, size_t k, int j, const struct sweep_param *p, int v)
{
    size_t i = k * (size_t)plan->nparams + (size_t)j;
    plan->num[i] = p->num[v];
    if (p->text[v] && (plan->text[i] = strdup(p->text[v])) == NULL)
        return -1;
    return 0;
}

/* See sweep_plan.h. */
int sweep_plan_finish(struct sweep_plan *plan)
{
    sweep_plan_ids(plan);
    return plan_dedupe(plan);
}

/* See sweep_plan.h. */
int sweep_plan_build(struct sweep_plan *plan, struct sweep_param *params, int n, int zip,
                     char *err, size_t errsize)
{
    if (sweep_plan_values(plan, params, n, zip, err, errsize) != 0)
        return -1;
    if (sweep_plan_finish(plan) != 0) {
        snprintf(err, errsize, "out of memory");
        sweep_plan_free(plan);
        return -1;
    }
    return 0;
}

/* See sweep_plan.h. */
int sweep_plan_values(struct sweep_plan *plan, struct sweep_param *params, int n, int zip,
                      char *err, size_t errsize)
{
    size_t npoints = n > 0 ? 1 : 0;
    memset(plan, 0, sizeof *plan);
    for (int j = 0; j < n; j++)
        for (int i = 0; i < j; i++)
            if (strcmp(params[i].name, params[j].name) == 0) {
                snprintf(err, errsize, "-p %s given twice", params[j].name);
                text_oneline(err, errsize);
                return -1;
            }
    if (zip) {
        for (int j = 1; j < n; j++)
            if (params[j].nvals != params[0].nvals) {
                snprintf(err, errsize, "--zip: %s has %d values but %s has %d", params[j].name,
                         params[j].nvals, params[0].name, params[0].nvals);
                text_oneline(err, errsize);
                return -1;
            }
        npoints = n > 0 ? (size_t)params[0].nvals : 0;
    } else {
        /* the size before any allocation; the product in floating point cannot overflow */
        double total = n > 0 ? 1 : 0;
        for (int j = 0; j < n; j++)
            total *= (double)params[j].nvals;
        if (sweep_grid_check(total, err, errsize) != 0)
            return -1;
        npoints = (size_t)total;
    }
    if (npoints > SWEEP_MAX_POINTS) {
        snprintf(err, errsize, "--zip: %zu points, more than the %d a sweep may have", npoints,
                 SWEEP_MAX_POINTS);
        return -1;
    }
    plan->nparams = n;
    plan->params = calloc(n > 0 ? (size_t)n : 1, sizeof *plan->params);
    if (plan->params == NULL || sweep_plan_alloc(plan, npoints) != 0)
        goto oom;
    for (size_t k = 0; k < npoints; k++) {
        size_t rest = k;
        for (int j = n - 1; j >= 0; j--) {
            int v = zip ? (int)k : (int)(rest % (size_t)params[j].nvals);
            if (!zip)
                rest /= (size_t)params[j].nvals;
            if (plan_set(plan, k, j, &params[j], v) != 0)
                goto oom;
        }
    }
    for (int j = 0; j < n; j++) {
        plan->params[j] = params[j];
        memset(&params[j], 0, sizeof params[j]);
    }
    return 0;
oom:
    snprintf(err, errsize, "out of memory");
    sweep_plan_free(plan);
    return -1;
}

/* See sweep_plan.h. */
void sweep_plan_shard(struct sweep_plan *plan, int i, int n)
{
    size_t out = 0, np = (size_t)plan->nparams;
    for (size_t k = 0; k < plan->npoints; k++) {
        if (k % (size_t)n == (size_t)(i - 1)) {
            plan_move(plan, out++, k);
        } else {
            for (size_t j = 0; j < np; j++) {
                free(plan->text[k * np + j]);
                plan->text[k * np + j] = NULL;
            }
        }
    }
    plan->npoints = out;
}

/* See sweep_plan.h. */
int sweep_shard_parse(const char *s, int *i, int *n, char *err, size_t errsize)
{
    char *end;
    long a, b;
    errno = 0;
    a = strtol(s, &end, 10);
    if (end == s || *end != '/' || errno)
        goto bad;
    s = end + 1;
    b = strtol(s, &end, 10);
    if (end == s || *end || errno || b < 1 || b > 1000000 || a < 1 || a > b)
        goto bad;
    *i = (int)a;
    *n = (int)b;
    return 0;
bad:
    snprintf(err, errsize, "--shard: expected I/N with 1 <= I <= N (shard I of N)");
    return -1;
}

/* See sweep_plan.h. */
void sweep_plan_free(struct sweep_plan *plan)
{
    if (plan->text)
        for (size_t i = 0; i < plan->npoints * (size_t)plan->nparams; i++)
            free(plan->text[i]);
    if (plan->params)
        for (int j = 0; j < plan->nparams; j++)
            sweep_param_free(&plan->params[j]);
    free(plan->params);
    free(plan->num);
    free(plan->text);
    free(plan->id);
    memset(plan, 0, sizeof *plan);
}
