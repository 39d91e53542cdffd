/*
** swc_check.c: nrn_swc_check (nrn_check.h), the multi-error SWC checker: reads a whole file
** as nrn_load_swc does (swc.c) but reports every problem, each with its line, instead of
** stopping at the first. Shares the line reader and the tree helpers of swc.c (swc_int.h).
*/
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "morph.h"
#include "nrn_check.h"
#include "swc_int.h"

/* ------------------------------------------------------------------------------------
** nrn_swc_check: every problem of a file, each with its line (nrn_check.h)
*/

/* One problem found, before sorting by line. */
struct swc_problem {
    int line, seq;
    char *msg;
};

/* The problems of one check. */
struct swc_problems {
    int n, cap, nomem;
    struct swc_problem *p;
    long *badid;     /* ids of lines that did not parse (their children are not orphans) */
    int nbadid, capbadid;
};

/* Adds a problem (printf-style); remembers running out of memory. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void swc_problem(struct swc_problems *ps, int line, const char *fmt, ...)
{
    char msg[320];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (ps->n == ps->cap) {
        int cap = ps->cap ? 2 * ps->cap : 16;
        struct swc_problem *q = realloc(ps->p, sizeof *q * (size_t)cap);
        if (!q) {
            ps->nomem = 1;
            return;
        }
        ps->p = q;
        ps->cap = cap;
    }
    char *copy = malloc(strlen(msg) + 1);
    if (!copy) {
        ps->nomem = 1;
        return;
    }
    strcpy(copy, msg);
    ps->p[ps->n].line = line;
    ps->p[ps->n].seq = ps->n;
    ps->p[ps->n].msg = copy;
    ps->n++;
}

/* qsort helper: by line, then in the order found. */
static int swc_cmp_problem(const void *a, const void *b)
{
    const struct swc_problem *p = a, *q = b;
    if (p->line != q->line)
        return p->line < q->line ? -1 : 1;
    return p->seq < q->seq ? -1 : p->seq > q->seq;
}

/* Remembers the id a line that did not parse starts with, if it starts with one. */
static void swc_note_badid(struct swc_problems *ps, const char *s)
{
    char *end;
    long id = strtol(s, &end, 10);
    if (end == s || (*end && !isspace((unsigned char)*end)))
        return;
    if (ps->nbadid == ps->capbadid) {
        int cap = ps->capbadid ? 2 * ps->capbadid : 16;
        long *q = realloc(ps->badid, sizeof *q * (size_t)cap);
        if (!q)
            return; /* only a cascade of messages is lost */
        ps->badid = q;
        ps->capbadid = cap;
    }
    ps->badid[ps->nbadid++] = id;
}

/* qsort and bsearch helper for longs. */
static int swc_cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return x < y ? -1 : x > y;
}

/* 1 if id is the id of a line that did not parse (ps->badid sorted). */
static int swc_is_badid(const struct swc_problems *ps, long id)
{
    return ps->nbadid > 0 &&
           bsearch(&id, ps->badid, (size_t)ps->nbadid, sizeof id, swc_cmp_long) != NULL;
}

/* Reads the lines: every line that is not a sample is a problem (or blank / header). */
static void swc_check_lines(char *buf, size_t len, struct swc_data *sd, struct swc_problems *ps,
                            int *nlines)
{
    int lineno = 0;
    char msg[256];
    for (char *p = buf; p < buf + len;) {
        lineno++;
        char *s = swc_cut_line(&p, buf + len);
        if (!s) {
            swc_problem(ps, lineno, "NUL byte in the line (binary file?)");
            continue;
        }
        if (!*s || *s == '#')
            continue;
        double v[7];
        if (swc_parse(s, v, msg, sizeof msg)) {
            swc_problem(ps, lineno, "%s", msg);
            swc_note_badid(ps, s);
            continue;
        }
        if (swc_data_add(sd, v, lineno)) {
            ps->nomem = 1;
            break;
        }
    }
    *nlines = lineno;
}

/* Terminal states of a parent chain (swc_check_links); cycles are numbered from 1. */
enum { SWC_CH_UNKNOWN = 0, SWC_CH_ROOT = -1, SWC_CH_BAD = -2, SWC_CH_ONPATH = -3 };

/*
** The tree checks: duplicate ids, missing and self parents, several roots or none, and
** parent links that loop (one problem per loop, on the first line whose chain ends in it,
** as nrn_load_swc reports it).
*/
static void swc_check_links(struct swc_data *sd, struct swc_problems *ps)
{
    int n = sd->n;
    int *byid = malloc(sizeof *byid * (size_t)n);
    int *term = calloc((size_t)n, sizeof *term);
    int *path = malloc(sizeof *path * (size_t)n);
    struct swc_key *keys = malloc(sizeof *keys * (size_t)n);
    if (!byid || !term || !path || !keys) {
        ps->nomem = 1;
        goto out;
    }
    swc_order_by_id(sd, keys, byid);
    for (int k = 1, first = byid[0]; k < n; k++) {
        if (sd->id[byid[k]] != sd->id[first]) {
            first = byid[k];
            continue;
        }
        swc_problem(ps, sd->line[byid[k]], "duplicate id %ld (also at line %d)", sd->id[byid[k]],
                    sd->line[first]);
    }
    int root = -1;
    for (int i = 0; i < n; i++) {
        sd->pidx[i] = -2; /* a missing or self parent: the chain ends badly here */
        if (sd->pid[i] < 0) {
            sd->pidx[i] = -1;
            if (root >= 0)
                swc_problem(ps, sd->line[i],
                            "a second root (parent -1): the file holds several trees (first root "
                            "at line %d); import them from separate files",
                            sd->line[root]);
            else
                root = i;
        } else if (sd->pid[i] == sd->id[i]) {
            swc_problem(ps, sd->line[i], "sample %ld is its own parent", sd->id[i]);
        } else {
            int p = swc_find_id(sd, byid, sd->pid[i]);
            if (p < 0 && !swc_is_badid(ps, sd->pid[i]))
                swc_problem(ps, sd->line[i], "parent %ld of sample %ld does not exist", sd->pid[i],
                            sd->id[i]);
            else
                sd->pidx[i] = p;
        }
    }
    /* where each parent chain ends: the root, a reported fault, or a loop */
    int ncycle = 0, nloopy = 0;
    for (int i = 0; i < n; i++) {
        if (term[i] != SWC_CH_UNKNOWN)
            continue;
        int top = 0, j = i, t, created = 0;
        for (;;) {
            if (j == -2) {
                t = SWC_CH_BAD;
                break;
            }
            if (term[j] == SWC_CH_ONPATH) {
                t = ++ncycle;
                nloopy = created = 1;
                break;
            }
            if (term[j] != SWC_CH_UNKNOWN) {
                t = term[j];
                break;
            }
            if (sd->pidx[j] == -1) { /* a root: the first is the tree, the others reported */
                term[j] = j == root ? SWC_CH_ROOT : SWC_CH_BAD;
                t = term[j];
                break;
            }
            term[j] = SWC_CH_ONPATH;
            path[top++] = j;
            j = sd->pidx[j];
        }
        for (int k = 0; k < top; k++)
            term[path[k]] = t;
        if (created && root >= 0)
            swc_problem(ps, sd->line[i],
                        "sample %ld is not connected to the root: its parent links form a loop",
                        sd->id[i]);
    }
    if (root < 0 && ps->nbadid == 0) /* else the root may be on a line that did not parse */
        swc_problem(ps, sd->line[0], nloopy ? "no root sample (parent -1): parent links loop"
                                            : "no root sample (parent -1)");
out:
    free(byid), free(term), free(path), free(keys);
}

int nrn_swc_check(const char *path, nrn_check_fn report, void *ud)
{
    struct swc_problems ps = {0};
    struct swc_data sd = {0};
    size_t len;
    int nlines = 0, rc;
    char *buf = path && *path ? morph_slurp(path, &len) : NULL;
    if (!buf) {
        if (report) {
            char msg[300];
            snprintf(msg, sizeof msg, "cannot read: %s",
                     path && *path ? strerror(errno) : "no file name");
            report(ud, 0, msg);
        }
        return -1;
    }
    swc_check_lines(buf, len, &sd, &ps, &nlines);
    free(buf);
    if (ps.nbadid)
        qsort(ps.badid, (size_t)ps.nbadid, sizeof *ps.badid, swc_cmp_long);
    if (!ps.nomem && sd.n > 0)
        swc_check_links(&sd, &ps);
    else if (!ps.nomem && ps.n == 0)
        swc_problem(&ps, nlines ? nlines : 1,
                    "no samples (id type x y z radius parent) in the file");
    if (ps.nomem) {
        if (report)
            report(ud, 0, "out of memory");
        rc = -1;
    } else {
        if (ps.n)
            qsort(ps.p, (size_t)ps.n, sizeof *ps.p, swc_cmp_problem);
        for (int k = 0; k < ps.n && report; k++)
            report(ud, ps.p[k].line, ps.p[k].msg);
        rc = ps.n;
    }
    for (int k = 0; k < ps.n; k++)
        free(ps.p[k].msg);
    free(ps.p);
    free(ps.badid);
    swc_data_free(&sd);
    return rc;
}
