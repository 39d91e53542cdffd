/*
** swc.c: SWC import as NEURON 8.2.2's Import3d does it (read_swc.hoc: Import3d_SWC_read;
** the instantiate step both readers share is in morph.c).
**
** The whole file is read and checked before the model is touched: a malformed file
** gives NRN_EFORMAT with "FILE:LINE: what is wrong" and leaves the model unchanged.
** Files NEURON 8.2.2 imports give its sections exactly: the sample values are read as
** 32-bit floats (hoc's sscanf "%f"), sections are cut as mark_branch/sectionify do,
** first points and connections follow mksection, and every pt3dadd argument goes
** through "%.8g" as instantiate's sprint does. Files NEURON gets wrong are imported
** correctly where that is well defined (lines out of id order are sorted, parents listed
** after their children are reordered parent-first, a header declaring nanometres scales
** to um, navis' "5 = fork point, 6 = end point" labels read as type 0) and said so in
** the note; several trees, loops, missing parents are errors.
**
** The multi-error checker (nrn_swc_check) is in swc_check.c; it shares the line reader
** and the tree helpers declared in swc_int.h.
*/
#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "morph.h"
#include "nrn_int.h"
#include "swc_int.h"

/* ------------------------------------------------------------------------------------
** The SWC reader
*/

static const char *const swc_field[7] = {"id", "type", "x", "y", "z", "radius", "parent"};

/* The largest id, type and parent magnitude read (a type is an int, an id a long). */
#define SWC_MAXINT 2e9

/* Frees the sample arrays. */
void swc_data_free(struct swc_data *s)
{
    free(s->id), free(s->pid), free(s->type), free(s->line);
    free(s->x), free(s->y), free(s->z), free(s->d), free(s->pidx);
    memset(s, 0, sizeof *s);
}

/* Makes room for one more sample; 0 or -1. */
static int swc_data_grow(struct swc_data *s)
{
    if (s->n < s->cap)
        return 0;
    int cap = s->cap ? 2 * s->cap : 1024;
    void **arr[] = {(void **)&s->id, (void **)&s->pid, (void **)&s->type, (void **)&s->line,
                    (void **)&s->x, (void **)&s->y, (void **)&s->z, (void **)&s->d,
                    (void **)&s->pidx};
    size_t sz[] = {sizeof(long), sizeof(long), sizeof(int), sizeof(int), sizeof(double),
                   sizeof(double), sizeof(double), sizeof(double), sizeof(int)};
    for (size_t k = 0; k < sizeof arr / sizeof arr[0]; k++) {
        void *p = realloc(*arr[k], sz[k] * (size_t)cap);
        if (!p)
            return -1;
        *arr[k] = p;
    }
    s->cap = cap;
    return 0;
}

/* Appends the sample v (id, type, x, y, z, radius, parent) of file line lineno; 0 or -1. */
int swc_data_add(struct swc_data *sd, const double v[7], int lineno)
{
    if (swc_data_grow(sd))
        return -1;
    int i = sd->n++;
    sd->id[i] = (long)v[0], sd->type[i] = (int)v[1];
    sd->x[i] = v[2], sd->y[i] = v[3], sd->z[i] = v[4];
    sd->d[i] = v[5] * 2;
    sd->pid[i] = v[6] < 0 ? -1 : (long)v[6];
    sd->line[i] = lineno;
    return 0;
}

/* Copies the token at p (up to white space) into buf for a message. */
static const char *swc_token(const char *p, char *buf, size_t size)
{
    size_t k = 0;
    while (p[k] && !isspace((unsigned char)p[k]) && k + 1 < size)
        k++;
    memcpy(buf, p, k);
    buf[k] = 0;
    return buf;
}

/*
** Parses a data line into v (id, type, x, y, z, radius, parent): x, y, z and the radius
** are read as floats as hoc's sscanf("%f") does. Returns 0, or -1 with msg set.
*/
int swc_parse(const char *p, double v[7], char *msg, size_t size)
{
    char tok[48];
    for (int k = 0; k < 7; k++) {
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\v' || *p == '\f')
            p++;
        if (!*p || *p == '#') {
            snprintf(msg, size, "expected 7 numbers (id type x y z radius parent), found %d", k);
            return -1;
        }
        char *end;
        errno = 0;
        double val = (k >= 2 && k <= 5) ? (double)strtof(p, &end) : strtod(p, &end);
        if (end == p || (*end && !isspace((unsigned char)*end) && !(k == 6 && *end == '#'))) {
            snprintf(msg, size, "%s is not a number: \"%s\"", swc_field[k],
                     swc_token(p, tok, sizeof tok));
            return -1;
        }
        if (!isfinite(val) || (errno == ERANGE && fabs(val) > 1)) {
            snprintf(msg, size, "%s is not a finite number: \"%s\"", swc_field[k],
                     swc_token(p, tok, sizeof tok));
            return -1;
        }
        if ((k <= 1 || k == 6) && val != floor(val)) {
            snprintf(msg, size, "%s must be an integer: \"%s\"", swc_field[k],
                     swc_token(p, tok, sizeof tok));
            return -1;
        }
        if ((k <= 1 || k == 6) && fabs(val) > SWC_MAXINT) {
            snprintf(msg, size, "%s is out of range (at most %.0f in magnitude): \"%s\"",
                     swc_field[k], SWC_MAXINT, swc_token(p, tok, sizeof tok));
            return -1;
        }
        v[k] = val;
        p = end;
    }
    /* NEURON's sscanf ignores what follows the 7th number; a longer line is more often
    ** two samples run together (a lost line end) or an extended format than a comment */
    int extra = 0;
    for (;;) {
        while (*p && isspace((unsigned char)*p))
            p++;
        if (!*p || *p == '#')
            break;
        extra++;
        while (*p && !isspace((unsigned char)*p))
            p++;
    }
    if (extra) {
        snprintf(msg, size, "%d fields, expected 7 (id type x y z radius parent): extra "
                 "columns are not read; remove them", 7 + extra);
        return -1;
    }
    if (v[0] < 0) {
        snprintf(msg, size, "id %.0f is negative", v[0]);
        return -1;
    }
    if (v[5] <= 0) {
        snprintf(msg, size, "sample %.0f has radius %g (must be > 0)", v[0], v[5]);
        return -1;
    }
    /* 3-D points are floats: the diameter, and a one-point soma drawn as a cylinder
    ** from x - radius to x + radius, must stay within FLT_MAX (the checker shares this) */
    if (v[5] * 2 > FLT_MAX) {
        snprintf(msg, size, "sample %.0f has radius %g (a diameter beyond %g)", v[0], v[5],
                 (double)FLT_MAX);
        return -1;
    }
    if (fabs(v[2]) + v[5] > FLT_MAX) {
        snprintf(msg, size, "sample %.0f at x = %g with radius %g reaches beyond %g", v[0], v[2],
                 v[5], (double)FLT_MAX);
        return -1;
    }
    return 0;
}

/* Header facts that change how the samples are read. */
struct swc_header {
    int nm_line;            /* line declaring nanometre units, or 0 */
    int fork, end;          /* type codes declared "fork point" / "end point", or -1000 */
};

/* Looks for "N = WHAT" in a lower-cased header line; returns N or -1000. */
static int swc_label_code(const char *low, const char *what)
{
    const char *q = strstr(low, what);
    if (!q)
        return -1000;
    while (q > low && (q[-1] == ' ' || q[-1] == '\t'))
        q--;
    if (q > low && (q[-1] == '=' || q[-1] == ':'))
        q--;
    while (q > low && (q[-1] == ' ' || q[-1] == '\t'))
        q--;
    const char *e = q;
    while (q > low && isdigit((unsigned char)q[-1]))
        q--;
    if (q == e)
        return -1000;
    return atoi(q);
}

/* Reads one header line for units and point labels. */
static void swc_header_line(struct swc_header *h, const char *line, int lineno)
{
    char low[512];
    size_t k = 0;
    for (; line[k] && k + 1 < sizeof low; k++)
        low[k] = (char)tolower((unsigned char)line[k]);
    low[k] = 0;
    if (!h->nm_line && strstr(low, "unit") && strstr(low, "nanomet"))
        h->nm_line = lineno;
    int c = swc_label_code(low, "fork point");
    if (c != -1000)
        h->fork = c;
    c = swc_label_code(low, "end point");
    if (c != -1000)
        h->end = c;
}

/*
** Cuts the line at *p out of the text ending at end: NUL-terminates it, moves *p past it
** and returns its first character that is not white space; NULL when the line holds a
** NUL byte (a binary file). LF, CRLF and a lone CR (old Mac files) each end a line.
*/
char *swc_cut_line(char **p, char *end)
{
    char *e = *p;
    while (e < end && *e != '\n' && *e != '\r')
        e++;
    char *next = e + 1;
    if (e + 1 < end && e[0] == '\r' && e[1] == '\n')
        next++;
    if (e < end)
        *e = 0;
    char *s = *p;
    *p = next;
    if (memchr(s, 0, (size_t)(e - s)) != NULL)
        return NULL;
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\v' || *s == '\f')
        s++;
    return s;
}

/* Reads and parses every line of path into sd. Returns NRN_OK or an error on m. */
static int swc_read(nrn_model *m, const char *path, struct swc_data *sd, struct swc_header *h,
                    int *nlines)
{
    size_t len;
    char *buf = morph_slurp(path, &len);
    if (!buf)
        return model_err(m, NRN_EIO, "%s: cannot read: %s", path, strerror(errno));
    int lineno = 0, rc = NRN_OK;
    char msg[256];
    for (char *p = buf; p < buf + len && rc == NRN_OK;) {
        lineno++;
        char *s = swc_cut_line(&p, buf + len);
        if (!s) {
            rc = model_err(m, NRN_EFORMAT, "%s:%d: NUL byte in the line (binary file?)", path,
                           lineno);
            break;
        }
        if (!*s)
            continue; /* blank */
        if (*s == '#') {
            swc_header_line(h, s, lineno);
            continue;
        }
        double v[7];
        if (swc_parse(s, v, msg, sizeof msg)) {
            rc = model_err(m, NRN_EFORMAT, "%s:%d: %s", path, lineno, msg);
            break;
        }
        if (swc_data_add(sd, v, lineno)) {
            rc = model_err(m, NRN_ENOMEM, "%s: out of memory", path);
            break;
        }
    }
    free(buf);
    *nlines = lineno;
    return rc;
}

/* qsort helper: by id, then by file position. */
static int swc_cmp_key(const void *a, const void *b)
{
    const struct swc_key *p = a, *q = b;
    if (p->id != q->id)
        return p->id < q->id ? -1 : 1;
    return p->idx < q->idx ? -1 : p->idx > q->idx;
}

/* Index of the sample with id key in the sorted index array, or -1. */
int swc_find_id(const struct swc_data *sd, const int *byid, long key)
{
    int lo = 0, hi = sd->n - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        long v = sd->id[byid[mid]];
        if (v == key)
            return byid[mid];
        if (v < key)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

/* Applies the permutation order (new -> old index) to every array of sd. */
static int swc_permute(struct swc_data *sd, const int *order)
{
    int n = sd->n;
    int *inv = malloc(sizeof *inv * (size_t)n);
    struct swc_data t = {0};
    t.cap = 0;
    for (int k = 0; k < n; k++)
        if (swc_data_grow(&t))
            break;
    if (!inv || t.cap < n) {
        free(inv);
        swc_data_free(&t);
        return -1;
    }
    for (int k = 0; k < n; k++)
        inv[order[k]] = k;
    for (int k = 0; k < n; k++) {
        int o = order[k];
        t.id[k] = sd->id[o], t.pid[k] = sd->pid[o], t.type[k] = sd->type[o];
        t.line[k] = sd->line[o], t.x[k] = sd->x[o], t.y[k] = sd->y[o], t.z[k] = sd->z[o];
        t.d[k] = sd->d[o];
        t.pidx[k] = sd->pidx[o] < 0 ? -1 : inv[sd->pidx[o]];
    }
    t.n = n;
    free(inv);
    swc_data_free(sd);
    *sd = t;
    return 0;
}

/* byid: the sample indices of sd in the order of their ids; keys is scratch for sd->n. */
void swc_order_by_id(const struct swc_data *sd, struct swc_key *keys, int *byid)
{
    int n = sd->n;
    for (int i = 0; i < n; i++)
        keys[i].id = sd->id[i], keys[i].idx = i;
    qsort(keys, (size_t)n, sizeof *keys, swc_cmp_key);
    for (int i = 0; i < n; i++)
        byid[i] = keys[i].idx;
}

/*
** Checks the tree (ids unique, parents exist, one root, no loops), fills pidx and puts the
** samples in an order with every parent before its children: file order when it already
** is (NEURON's case), else id order, else depth-first from the root. Returns NRN_OK or an
** error on m.
*/
static int swc_check_tree(nrn_model *m, const char *path, struct swc_data *sd, char *note,
                          size_t notesize)
{
    int n = sd->n, rc = NRN_OK;
    int *byid = malloc(sizeof *byid * (size_t)n);
    int *order = malloc(sizeof *order * (size_t)n);
    int *nch = calloc((size_t)n + 1, sizeof *nch);
    int *chl = malloc(sizeof *chl * (size_t)n);
    int *stack = malloc(sizeof *stack * (size_t)n);
    char *seen = calloc((size_t)n, 1);
    if (!byid || !order || !nch || !chl || !stack || !seen) {
        rc = model_err(m, NRN_ENOMEM, "%s: out of memory", path);
        goto out;
    }
    struct swc_key *keys = malloc(sizeof *keys * (size_t)n);
    if (!keys) {
        rc = model_err(m, NRN_ENOMEM, "%s: out of memory", path);
        goto out;
    }
    swc_order_by_id(sd, keys, byid);
    free(keys);
    for (int k = 1; k < n; k++)
        if (sd->id[byid[k]] == sd->id[byid[k - 1]]) {
            int a = byid[k - 1], b = byid[k];
            rc = model_err(m, NRN_EFORMAT, "%s:%d: duplicate id %ld (also at line %d)", path,
                           sd->line[b], sd->id[b], sd->line[a]);
            goto out;
        }
    int root = -1, inorder = 1, pidless = 1, nlater = 0;
    for (int i = 0; i < n; i++) {
        if (sd->pid[i] < 0) {
            sd->pidx[i] = -1;
            if (root >= 0) {
                rc = model_err(m, NRN_EFORMAT,
                               "%s:%d: a second root (parent -1): the file holds several trees "
                               "(first root at line %d); import them from separate files",
                               path, sd->line[i], sd->line[root]);
                goto out;
            }
            root = i;
            continue;
        }
        if (sd->pid[i] == sd->id[i]) {
            rc = model_err(m, NRN_EFORMAT, "%s:%d: sample %ld is its own parent", path,
                           sd->line[i], sd->id[i]);
            goto out;
        }
        int p = swc_find_id(sd, byid, sd->pid[i]);
        if (p < 0) {
            rc = model_err(m, NRN_EFORMAT, "%s:%d: parent %ld of sample %ld does not exist",
                           path, sd->line[i], sd->pid[i], sd->id[i]);
            goto out;
        }
        sd->pidx[i] = p;
        if (sd->pid[i] >= sd->id[i])
            pidless = 0;
        if (p > i)
            nlater++;
    }
    for (int i = 1; i < n; i++)
        if (sd->id[i] <= sd->id[i - 1])
            inorder = 0;
    if (root < 0) {
        rc = model_err(m, NRN_EFORMAT, "%s:%d: no root sample (parent -1): parent links loop",
                       path, sd->line[0]);
        goto out;
    }
    /* children lists (file order), then depth-first from the root: finds loops */
    for (int i = 0; i < n; i++)
        if (sd->pidx[i] >= 0)
            nch[sd->pidx[i] + 1]++;
    for (int i = 0; i < n; i++)
        nch[i + 1] += nch[i];
    {
        int *fill = order; /* scratch: next free slot per parent */
        for (int i = 0; i < n; i++)
            fill[i] = nch[i];
        for (int i = 0; i < n; i++)
            if (sd->pidx[i] >= 0)
                chl[fill[sd->pidx[i]]++] = i;
    }
    int top = 0, k = 0;
    stack[top++] = root;
    while (top) {
        int i = stack[--top];
        seen[i] = 1;
        order[k++] = i;
        for (int c = nch[i + 1] - 1; c >= nch[i]; c--)
            stack[top++] = chl[c];
    }
    if (k < n) {
        for (int i = 0; i < n; i++)
            if (!seen[i]) {
                rc = model_err(m, NRN_EFORMAT,
                               "%s:%d: sample %ld is not connected to the root: its parent "
                               "links form a loop",
                               path, sd->line[i], sd->id[i]);
                goto out;
            }
    }
    if (inorder && pidless)
        goto out; /* NEURON's case: keep the file order */
    if (pidless) {
        morph_note_add(note, notesize, "lines sorted by id (NEURON 8.2.2 fails on this file)");
        if (swc_permute(sd, byid))
            rc = model_err(m, NRN_ENOMEM, "%s: out of memory", path);
    } else {
        char t[160];
        snprintf(t, sizeof t,
                 "samples reordered parents first (%d listed before their parent; NEURON "
                 "8.2.2 fails on this file)",
                 nlater);
        morph_note_add(note, notesize, t);
        if (swc_permute(sd, order))
            rc = model_err(m, NRN_ENOMEM, "%s: out of memory", path);
    }
out:
    free(byid), free(order), free(nch), free(chl), free(stack), free(seen);
    return rc;
}

/* The state of Import3d_SWC_read between sectionify and mksections. */
struct swc_import {
    const struct swc_data *sd;
    double *nchild;
    double *nchild_soma;
    char *connect2prox;
    int *point2sec;
    int soma3geom;
};

/* mark_branch: counts children (+.01 for a non-contiguous child or a type change). */
static void swc_mark_branch(struct swc_import *im)
{
    const struct swc_data *sd = im->sd;
    const int *type = sd->type;
    for (int i = 0; i < sd->n; i++) {
        int p = sd->pidx[i];
        if (p < 0)
            continue;
        im->nchild[p] += 1;
        if (p != i - 1) {
            im->nchild[p] += .01;
            if (p > 1) {
                int pp = sd->pidx[p];
                if (type[p] != 1 && pp >= 0 && type[pp] == 1) {
                    im->connect2prox[i] = 1;
                    im->nchild[p] = 1;
                }
            } else if (p == 0) {
                if (type[p] != 1) {
                    im->connect2prox[i] = 1;
                    im->nchild[p] = 1;
                }
            }
        }
        if (type[p] != type[i])
            im->nchild[p] += .01;
    }
}

/* neuromorph_3point_soma: NeuroMorpho's 3-point soma read as a sphere. */
static int swc_3point_soma(struct swc_import *im, struct swc_data *sd)
{
    if (sd->n < 3 || sd->pidx[1] != 0 || sd->pidx[2] != 0)
        return 0;
    if (im->nchild[1] != 0 || im->nchild[2] != 0)
        return 0;
    if (sd->d[1] != sd->d[0] || sd->d[2] != sd->d[0])
        return 0;
    double len = 0;
    for (int i = 1; i <= 2; i++)
        len += sqrt(pow(sd->x[i] - sd->x[0], 2) + pow(sd->y[i] - sd->y[0], 2) +
                    pow(sd->z[i] - sd->z[0], 2));
    if (!(fabs(len / sd->d[0] - 1) < .01))
        return 0;
    sd->pidx[2] = 1; /* pid.x[2] = id.x[1] */
    return 1;
}

/* sectionify: the point2sec map (after mark_branch and the soma contiguity rules). */
static int swc_sectionify(struct swc_import *im, struct swc_data *sd)
{
    int n = sd->n;
    const int *type = sd->type;
    swc_mark_branch(im);
    int nsoma = type[0] == 1;
    for (int i = 1; i < n; i++)
        if (type[i] == 1) {
            nsoma++;
            int pix = sd->pidx[i];
            if (pix >= 0 && type[pix] == 1)
                im->nchild_soma[pix] += 1;
        }
    if (nsoma == 3)
        im->soma3geom = swc_3point_soma(im, sd);
    for (int i = 0; i < n - 1; i++)
        if (type[i] == 1 && type[i + 1] == 1 && sd->pidx[i + 1] == i)
            if (!(i != 0 && im->nchild_soma[i] > 1))
                im->nchild[i] = 1;
    /* sec2point: points ending a section; point2sec by walking them */
    int *sec2point = malloc(sizeof *sec2point * (size_t)n);
    if (!sec2point)
        return -1;
    int ns = 0;
    for (int i = 0; i < n; i++)
        if (im->nchild[i] != 1)
            sec2point[ns++] = i;
    im->point2sec[0] = 0;
    int si = 0;
    for (int i = 1; i < n; i++) {
        if (si < ns && i > sec2point[si])
            si++;
        im->point2sec[i] = si;
    }
    free(sec2point);
    return 0;
}

/* mksection: section isec of points first..i-1 (plus the parent point when not root). */
static int swc_mksection(struct swc_import *im, struct morph *mo, int isec, int first, int i)
{
    const struct swc_data *sd = im->sd;
    const int *type = sd->type;
    int k = morph_add(mo);
    if (k < 0)
        return -1;
    struct morph_sec *sec = &mo->sec[k];
    sec->id = first;
    if (isec == 0) {
        if (im->soma3geom)
            i = 1;
        for (int j = first; j < i; j++)
            if (morph_sec_push(sec, sd->x[j], sd->y[j], sd->z[j], sd->d[j]))
                return -1;
    } else {
        int pf = sd->pidx[first];
        int ps = im->point2sec[pf];
        sec->parent = ps;
        const struct morph_sec *psec = &mo->sec[ps];
        int den_con_soma = psec->type == 1 && type[first] != 1;
        int con_soma = psec->type == 1;
        int handled = 0;
        if (ps == 0) {
            handled = 1;
            if (den_con_soma && psec->npt == 1) {
                sec->parentx = 0.5;
                if (i - first > 1)
                    sec->first = 1;
            } else if (pf == psec->id) {
                sec->parentx = 0.0;
                if (type[first] != 1 && im->nchild_soma[pf] > 1)
                    sec->first = 1;
            } else
                handled = 0;
        }
        if (!handled && con_soma) {
            int offset = psec->id == 0 ? -1 : -2;
            if (pf < psec->id + psec->npt + offset) {
                sec->parentx = 0.5;
                if (den_con_soma && i - first > 1)
                    sec->first = 1;
            } else if (i - first > 1 && im->nchild_soma[pf] > 1) {
                if (type[first] != 1)
                    sec->first = 1;
            }
        }
        if (morph_sec_push(sec, sd->x[pf], sd->y[pf], sd->z[pf], sd->d[pf]))
            return -1;
        for (int j = first; j < i; j++)
            if (morph_sec_push(sec, sd->x[j], sd->y[j], sd->z[j], sd->d[j]))
                return -1;
    }
    sec->type = type[first];
    sec->line = sd->line[i - 1];
    if (sec->parent >= 0 && mo->sec[sec->parent].type == 1 && sec->type != 1)
        sec->d[0] = sec->d[1];
    if (im->connect2prox[first])
        sec->parentx = 0;
    return 0;
}

/* Describes the soma interpretation in the note. */
static void swc_soma_note(const struct swc_import *im, const struct morph *mo, char *note,
                          size_t notesize)
{
    const struct swc_data *sd = im->sd;
    char t[256];
    int nsoma = 0, nsec = 0;
    for (int i = 0; i < sd->n; i++)
        nsoma += sd->type[i] == 1;
    for (int i = 0; i < mo->nsec; i++)
        nsec += mo->sec[i].type == 1 && !mo->sec[i].removed;
    if (im->soma3geom)
        snprintf(t, sizeof t,
                 "soma: NeuroMorpho 3-point soma (lines %d-%d) read as a sphere of diameter "
                 "%g, drawn as a 3-point cylinder along x",
                 sd->line[0], sd->line[2], sd->d[0]);
    else if (mo->nsec > 0 && mo->sec[0].npt == 1)
        snprintf(t, sizeof t,
                 "%s: single point (line %d), a sphere of diameter %g drawn as a 3-point "
                 "cylinder along x; children attached at its middle",
                 sd->type[0] == 1 ? "soma" : "root", sd->line[0], sd->d[0]);
    else if (nsoma == 0)
        snprintf(t, sizeof t, "no soma samples (type 1)");
    else
        snprintf(t, sizeof t, "soma: %d samples in %d section%s (frusta)", nsoma, nsec,
                 nsec == 1 ? "" : "s");
    morph_note_add(note, notesize, t);
}

int nrn_load_swc(nrn_model *m, const char *path, const char *prefix, int *first, int *count,
                 char *note, size_t notesize)
{
    int rc = morph_load_begin(m, path, "load_swc", note, notesize);
    if (rc != NRN_OK)
        return rc;
    char mynote[1024] = "";
    struct swc_data sd = {0};
    struct swc_header h = {0, -1000, -1000};
    struct swc_import im = {0};
    struct morph mo = {0};
    int nlines = 0;
    rc = swc_read(m, path, &sd, &h, &nlines);
    if (rc)
        goto out;
    if (sd.n <= 0) {
        rc = model_err(m, NRN_EFORMAT, "%s:%d: no samples (id type x y z radius parent) in the file",
                       path, nlines ? nlines : 1);
        goto out;
    }
    rc = swc_check_tree(m, path, &sd, mynote, sizeof mynote);
    if (rc)
        goto out;
    if (h.nm_line) {
        for (int i = 0; i < sd.n; i++)
            sd.x[i] /= 1000, sd.y[i] /= 1000, sd.z[i] /= 1000, sd.d[i] /= 1000;
        char t[128];
        snprintf(t, sizeof t, "units: nanometres (header line %d), scaled to um", h.nm_line);
        morph_note_add(mynote, sizeof mynote, t);
    }
    if (h.fork != -1000 || h.end != -1000) {
        int nre = 0;
        for (int i = 0; i < sd.n; i++)
            if ((sd.type[i] == h.fork || sd.type[i] == h.end) && sd.type[i] != 0)
                sd.type[i] = 0, nre++;
        if (nre) {
            char t[160];
            snprintf(t, sizeof t, "%d fork/end point labels (types %d, %d) read as type 0", nre,
                     h.fork, h.end);
            morph_note_add(mynote, sizeof mynote, t);
        }
    }
    im.sd = &sd;
    size_t nn = (unsigned)sd.n;
    im.nchild = calloc(nn, sizeof(double));
    im.nchild_soma = calloc(nn, sizeof(double));
    im.connect2prox = calloc(nn, 1);
    im.point2sec = calloc(nn, sizeof(int));
    if (!im.nchild || !im.nchild_soma || !im.connect2prox || !im.point2sec ||
        swc_sectionify(&im, &sd)) {
        rc = model_err(m, NRN_ENOMEM, "%s: out of memory", path);
        goto out;
    }
    /* mksections */
    int isec = 0, f = 0, i;
    for (i = 0; i < sd.n; i++)
        if (im.point2sec[i] > isec) {
            if (swc_mksection(&im, &mo, isec, f, i))
                break;
            isec++;
            f = i;
        }
    if (i < sd.n || swc_mksection(&im, &mo, isec, f, sd.n)) {
        rc = model_err(m, NRN_ENOMEM, "%s: out of memory", path);
        goto out;
    }
    rc = morph_instantiate(m, &mo, path, prefix, first, count);
    if (rc)
        goto out;
    swc_soma_note(&im, &mo, mynote, sizeof mynote);
    if (mo.nremoved) {
        char t[128];
        snprintf(t, sizeof t, "%d zero-length section%s dropped as Import3d does", mo.nremoved,
                 mo.nremoved == 1 ? "" : "s");
        morph_note_add(mynote, sizeof mynote, t);
    }
    if (note && notesize)
        snprintf(note, notesize, "%s", mynote);
out:
    free(im.nchild), free(im.nchild_soma), free(im.connect2prox), free(im.point2sec);
    morph_release(&mo);
    swc_data_free(&sd);
    return rc;
}
