/*
** sweep_points.c: nrn-sweep's --points files: CSV text, a header of parameter names, one
** point per row (see sweep_plan.h). The text is read whole and vetted line by line before
** libcsv sees it, because a spreadsheet's byte order mark, a commented header or a stray
** NUL must give an error that names its line, never a plan that silently differs from the
** file. Works on a buffer so that the fuzzing harness can call it without files.
*/
#include "sweep_plan.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

/* The rows as libcsv hands them over, with the line each started on. */
struct points_csv {
    char ***rows;    /* rows of fields */
    int *nf;         /* fields per row */
    size_t *line;    /* the file line of each row */
    size_t nrows;    /* rows complete */
    size_t cap;      /* allocated rows */
    char **cur;      /* the row being read */
    int ncur;        /* its fields */
    size_t cur_line; /* the line its first field ended on */
    size_t at;       /* the line being fed to libcsv */
    int oom;         /* an allocation failed */
};

static void points_field(void *s, size_t len, void *ud)
{
    struct points_csv *c = ud;
    char **f = realloc(c->cur, (size_t)(c->ncur + 1) * sizeof *f);
    if (f == NULL) {
        c->oom = 1;
        return;
    }
    c->cur = f;
    if ((f[c->ncur] = strndup(s ? s : "", len)) == NULL) {
        c->oom = 1;
        return;
    }
    if (c->ncur++ == 0)
        c->cur_line = c->at;
}

static void points_row(int term, void *ud)
{
    struct points_csv *c = ud;
    (void)term;
    if (c->nrows == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 64;
        char ***r = realloc(c->rows, cap * sizeof *r);
        int *nf;
        size_t *line;
        if (r)
            c->rows = r;
        nf = realloc(c->nf, cap * sizeof *nf);
        if (nf)
            c->nf = nf;
        line = realloc(c->line, cap * sizeof *line);
        if (line)
            c->line = line;
        if (r == NULL || nf == NULL || line == NULL) {
            c->oom = 1;
            return;
        }
        c->cap = cap;
    }
    c->rows[c->nrows] = c->cur;
    c->line[c->nrows] = c->cur_line;
    c->nf[c->nrows++] = c->ncur;
    c->cur = NULL;
    c->ncur = 0;
}

/* 1 if the line of n bytes is blank or a comment ('#' after optional blanks). */
static int points_skipped(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i == n || s[i] == '#';
}

/*
** Feeds the rows of buf to libcsv, line by line, leaving out blank and comment lines that
** start outside a quoted field (an even number of '"' so far: RFC 4180 doubles a quote
** inside a field). 0, or -1 with err.
*/
static int points_feed(struct points_csv *c, const char *name, const char *buf, size_t len,
                       char *err, size_t errsize)
{
    struct csv_parser p;
    size_t i = 0;
    int quoted = 0, rc = 0;

    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    csv_init(&p, CSV_APPEND_NULL | CSV_EMPTY_IS_NULL);
    for (c->at = 1; i < len && rc == 0; c->at++) {
        size_t e = i, next;
        while (e < len && buf[e] != '\n' && buf[e] != '\r')
            e++;
        next = e < len ? e + (buf[e] == '\r' && e + 1 < len && buf[e + 1] == '\n' ? 2 : 1) : len;
        if (memchr(buf + i, '\0', e - i) != NULL) {
            snprintf(err, errsize, "%s:%zu: a NUL byte (a points file is text: a header of "
                     "parameter names, then one point per row)", name, c->at);
            rc = -1;
        } else if (!quoted && points_skipped(buf + i, e - i)) {
            /* a comment or blank line: not a row */
        } else {
            for (size_t j = i; j < next; j++)
                quoted ^= buf[j] == '"';
            if (csv_parse(&p, buf + i, next - i, points_field, points_row, c) != next - i) {
                snprintf(err, errsize, "%s:%zu: %s", name, c->at, csv_strerror(csv_error(&p)));
                rc = -1;
            } else if (c->nrows > (size_t)SWEEP_MAX_POINTS + 1) {
                snprintf(err, errsize, "%s:%zu: more than the %d points a sweep may have (split "
                         "the file)", name, c->at, SWEEP_MAX_POINTS);
                rc = -1;
            }
        }
        i = next;
    }
    if (rc == 0)
        csv_fini(&p, points_field, points_row, c);
    csv_free(&p);
    if (rc == 0 && c->oom) {
        snprintf(err, errsize, "out of memory");
        rc = -1;
    }
    return rc;
}

/*
** A field as an error message quotes it: its first 80 bytes, control characters written as
** \n, \r, \t or \xHH, because a quoted field may span lines and a message is one line.
** buf holds at least 4 * 80 + 1 bytes.
*/
static const char *field_shown(const char *s, char *buf)
{
    size_t o = 0;
    for (size_t i = 0; s[i] != '\0' && i < 80; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= 0x20 && ch != 0x7f)
            buf[o++] = (char)ch;
        else if (ch == '\n' || ch == '\r' || ch == '\t')
            buf[o++] = '\\', buf[o++] = ch == '\n' ? 'n' : ch == '\r' ? 'r' : 't';
        else
            o += (size_t)sprintf(buf + o, "\\x%02x", ch);
    }
    buf[o] = '\0';
    return buf;
}

/* The header (row 0) into plan->params. 0, or -1 with err. */
static int points_header(struct sweep_plan *plan, const struct points_csv *c, const char *name,
                         char *err, size_t errsize)
{
    size_t line = c->line[0];
    for (int j = 0; j < plan->nparams; j++) {
        const char *p = c->rows[0][j];
        if (p[0] == '\0') {
            snprintf(err, errsize, "%s:%zu: empty parameter name in column %d", name, line, j + 1);
            return -1;
        }
        if (!sweep_name_ok(p)) {
            char shown[4 * 80 + 1];
            snprintf(err, errsize, "%s:%zu: '%s' is not a parameter name (the header names "
                     "Tcl variables such as amp or value paths such as ic.amp)", name, line,
                     field_shown(p, shown));
            return -1;
        }
        for (int i = 0; i < j; i++)
            if (strcmp(plan->params[i].name, p) == 0) {
                snprintf(err, errsize, "%s:%zu: parameter %s appears twice", name, line, p);
                return -1;
            }
        if ((plan->params[j].name = strdup(p)) == NULL) {
            snprintf(err, errsize, "out of memory");
            return -1;
        }
        plan->params[j].is_path = sweep_is_path(p);
    }
    return 0;
}

/* The rows after the header into the plan's values. 0, or -1 with err. */
static int points_values(struct sweep_plan *plan, const struct points_csv *c, const char *name,
                         char *err, size_t errsize)
{
    for (size_t k = 1; k < c->nrows; k++) {
        if (c->nf[k] != plan->nparams) {
            snprintf(err, errsize, "%s:%zu: %d fields, the header has %d", name, c->line[k],
                     c->nf[k], plan->nparams);
            return -1;
        }
        for (int j = 0; j < plan->nparams; j++) {
            size_t i = (k - 1) * (size_t)plan->nparams + (size_t)j;
            const char *s = c->rows[k][j];
            if (sweep_number(s, &plan->num[i]))
                continue;
            if (plan->params[j].is_path || s[0] == '\0') {
                char shown[4 * 80 + 1];
                snprintf(err, errsize, "%s:%zu: %s: expected a number, got '%s'", name,
                         c->line[k], plan->params[j].name, field_shown(s, shown));
                return -1;
            }
            plan->num[i] = NAN;
            if ((plan->text[i] = strdup(s)) == NULL) {
                snprintf(err, errsize, "out of memory");
                return -1;
            }
            plan->params[j].is_text = 1;
        }
    }
    return 0;
}

/* See sweep_plan.h. */
int sweep_plan_from_buf(struct sweep_plan *plan, const char *name, const char *buf, size_t len,
                        char *err, size_t errsize)
{
    struct points_csv c;
    int rc = -1;

    memset(plan, 0, sizeof *plan);
    memset(&c, 0, sizeof c);
    if (points_feed(&c, name, buf, len, err, errsize) != 0)
        goto done;
    if (c.nrows < 1 || c.nf[0] < 1) {
        snprintf(err, errsize, "%s: empty file (expected a header of parameter names)", name);
        goto done;
    }
    plan->nparams = c.nf[0];
    plan->params = calloc((size_t)plan->nparams, sizeof *plan->params);
    if (plan->params == NULL || sweep_plan_alloc(plan, c.nrows - 1) != 0) {
        snprintf(err, errsize, "out of memory");
        goto done;
    }
    if (points_header(plan, &c, name, err, errsize) != 0 ||
        points_values(plan, &c, name, err, errsize) != 0)
        goto done;
    if (c.nrows < 2) { /* a sweep of nothing would run nothing and say nothing */
        snprintf(err, errsize, "%s:%zu: no points: the header is not followed by any row", name,
                 c.line ? c.line[0] : (size_t)1);
        goto done;
    }
    if ((rc = sweep_plan_finish(plan)) != 0)
        snprintf(err, errsize, "out of memory");
done:
    for (size_t k = 0; k < c.nrows; k++) {
        for (int j = 0; j < c.nf[k]; j++)
            free(c.rows[k][j]);
        free(c.rows[k]);
    }
    for (int j = 0; j < c.ncur; j++)
        free(c.cur[j]);
    free(c.cur);
    free(c.rows);
    free(c.nf);
    free(c.line);
    if (rc != 0)
        sweep_plan_free(plan);
    return rc;
}

/* See sweep_plan.h. */
int sweep_plan_from_csv(struct sweep_plan *plan, const char *path, char *err, size_t errsize)
{
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0, cap = 0, n;
    int rc;

    memset(plan, 0, sizeof *plan);
    if (fp == NULL) {
        snprintf(err, errsize, "cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    do {
        if (len == cap) {
            char *b = realloc(buf, cap = cap ? 2 * cap : 65536);
            if (b == NULL) {
                snprintf(err, errsize, "out of memory");
                free(buf);
                if (fp != stdin)
                    fclose(fp);
                return -1;
            }
            buf = b;
        }
        n = fread(buf + len, 1, cap - len, fp);
        len += n;
    } while (n > 0);
    if (ferror(fp)) {
        snprintf(err, errsize, "cannot read %s: %s", path, strerror(errno));
        rc = -1;
    } else {
        rc = sweep_plan_from_buf(plan, strcmp(path, "-") == 0 ? "stdin" : path, buf, len, err,
                                 errsize);
    }
    free(buf);
    if (fp != stdin)
        fclose(fp);
    return rc;
}
