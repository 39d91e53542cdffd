/*
** morph.c: what the morphology readers (swc.c, asc.c) share: the argument checks of a
** loader, reading a whole file, the section list they fill, and NEURON's
** Import3d_GUI.instantiate step that turns it into sections.
*/
#include <errno.h>
#include <float.h>
#include <string.h>
#include <math.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include "morph.h"
#include "oneline.h"
#include "nrn_int.h"

/*
** The checks a loader starts with: clears note, then NRN_EINVAL without a model, or
** without a file name (an error on m, "WHAT: no file name"); NRN_OK to go on.
*/
int morph_load_begin(nrn_model *m, const char *path, const char *what, char *note,
                     size_t notesize)
{
    if (note && notesize)
        note[0] = 0;
    if (!m)
        return NRN_EINVAL;
    if (!path || !*path)
        return model_err(m, NRN_EINVAL, "%s: no file name", what);
    return NRN_OK;
}

/* Reads the whole file into a NUL-terminated buffer; NULL on failure (errno set). */
char *morph_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n + 1 >= cap) {
            char *p = realloc(buf, cap * 2);
            if (!p) {
                free(buf);
                buf = NULL;
                errno = ENOMEM;
                break;
            }
            buf = p, cap *= 2;
        }
        size_t k = fread(buf + n, 1, cap - n - 1, f);
        n += k;
        if (k == 0) {
            if (ferror(f)) {
                free(buf);
                buf = NULL;
                errno = EIO;
            }
            break;
        }
    }
    fclose(f);
    if (buf) {
        buf[n] = 0;
        *len = n;
    }
    return buf;
}

/* ------------------------------------------------------------------------------------
** The Import3d steps both readers share (declared in morph.h): the section list and
** Import3d_GUI.instantiate
*/

/* Appends an empty section with Import3d_Section's defaults; returns its index or -1. */
int morph_add(struct morph *mo)
{
    if (mo->nsec == mo->cap) {
        int cap = mo->cap ? 2 * mo->cap : 64;
        struct morph_sec *p = realloc(mo->sec, sizeof *p * (size_t)cap);
        if (!p)
            return -1;
        mo->sec = p;
        mo->cap = cap;
    }
    struct morph_sec *s = &mo->sec[mo->nsec];
    memset(s, 0, sizeof *s);
    s->parent = -1;
    s->parentx = 1;
    return mo->nsec++;
}

/* Appends a raw point to s; 0 or -1 when out of memory. */
int morph_sec_push(struct morph_sec *s, double x, double y, double z, double d)
{
    if (s->npt == s->cap) {
        int cap = s->cap ? 2 * s->cap : 8;
        double *p[4] = {s->x, s->y, s->z, s->d};
        for (int k = 0; k < 4; k++) {
            double *q = realloc(p[k], sizeof(double) * (size_t)cap);
            if (!q) {
                s->x = p[0], s->y = p[1], s->z = p[2], s->d = p[3];
                return -1;
            }
            p[k] = q;
        }
        s->x = p[0], s->y = p[1], s->z = p[2], s->d = p[3];
        s->cap = cap;
    }
    s->x[s->npt] = x, s->y[s->npt] = y, s->z[s->npt] = z, s->d[s->npt] = d;
    s->npt++;
    return 0;
}

/* Frees the sections of mo. */
void morph_release(struct morph *mo)
{
    for (int i = 0; i < mo->nsec; i++) {
        free(mo->sec[i].x), free(mo->sec[i].y);
        free(mo->sec[i].z), free(mo->sec[i].d);
    }
    free(mo->sec);
    memset(mo, 0, sizeof *mo);
}

/* v printed with "%.8g" and read back, as instantiate's sprint + execute does. */
double morph_g8(double v)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.8g", v);
    return strtod(buf, NULL);
}

/* Appends text to note (size bytes), separating items with "; ". */
void morph_note_add(char *note, size_t size, const char *text)
{
    if (!note || !size)
        return;
    size_t n = strlen(note);
    if (n && n + 2 < size)
        snprintf(note + n, size - n, "; "), n += 2;
    if (n < size)
        snprintf(note + n, size - n, "%s", text);
}

/* Import3d_GUI.type2name. */
static void morph_type2name(int type, char *buf, size_t size)
{
    static const char *const base[] = {NULL, "soma", "axon", "dend", "apic"};
    if (type >= 1 && type <= 4)
        snprintf(buf, size, "%s", base[type]);
    else if (type < 0)
        snprintf(buf, size, "minus_%d", -type);
    else
        snprintf(buf, size, "dend_%d", type);
}

/* chk_valid + rm0len: drops one-point and zero-length two-point non-root sections,
** re-attaching their children to their parent. */
static void morph_chk_valid(struct morph *mo)
{
    for (int i = mo->nsec - 1; i >= 0; i--) {
        struct morph_sec *s = &mo->sec[i];
        if (s->removed || s->parent < 0)
            continue;
        int n = s->npt - s->first, rm = 0;
        if (n <= 1)
            rm = 1;
        else if (n <= 2) {
            int a = s->first, b = s->first + 1;
            rm = s->x[a] == s->x[b] && s->y[a] == s->y[b] && s->z[a] == s->z[b];
        }
        if (!rm)
            continue;
        s->removed = 1;
        mo->nremoved++;
        for (int j = i + 1; j < mo->nsec; j++)
            if (!mo->sec[j].removed && mo->sec[j].parent == i) {
                mo->sec[j].parent = s->parent;
                mo->sec[j].parentx = s->parentx;
            }
    }
}

/* Checks prefix can start a section name (no white space, control characters or
** parentheses). */
static int morph_prefix_ok(const char *prefix)
{
    for (const char *p = prefix; *p; p++)
        if (isspace((unsigned char)*p) || *p == '(' || *p == ')' ||
            text_is_control((unsigned char)*p))
            return 0;
    return 1;
}

/* qsort and bsearch helper for ints. */
static int morph_cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return x < y ? -1 : x > y;
}

/*
** The distinct types of the sections kept, ascending (Import3d creates the sections type
** by type in this order); tix[i] = the index of section i's type among them. Sorting the
** types present, rather than walking every value from the smallest to the largest, keeps a
** file with types 1 and 1e9 fast. Returns the number of types, or -1 (ENOMEM).
*/
static int morph_types(const struct morph *mo, int **types, int *tix)
{
    int nt = 0;
    int *t = malloc(sizeof *t * (size_t)(mo->nsec ? mo->nsec : 1));
    if (!t)
        return -1;
    for (int i = 0; i < mo->nsec; i++)
        if (!mo->sec[i].removed)
            t[nt++] = mo->sec[i].type;
    qsort(t, (size_t)nt, sizeof *t, morph_cmp_int);
    int u = 0;
    for (int k = 0; k < nt; k++)
        if (u == 0 || t[k] != t[u - 1])
            t[u++] = t[k];
    for (int i = 0; i < mo->nsec; i++)
        if (!mo->sec[i].removed)
            tix[i] = (int)((int *)bsearch(&mo->sec[i].type, t, (size_t)u, sizeof *t,
                                          morph_cmp_int) - t);
    *types = t;
    return u;
}

/* Point k of section s as instantiate adds it: rounded through "%.8g", and for a one-point
** section sphere_rep's 3-point cylinder along x with L = diam (k = 0, 1, 2). */
static void morph_point(const struct morph_sec *s, int k, double xyzd[4])
{
    int j = s->first;
    if (s->npt - j == 1) { /* sphere_rep: a 3-point cylinder along x with L = diam */
        double x = s->x[j], d = s->d[j];
        double xs[3] = {x - d / 2, x, x + d / 2};
        xyzd[0] = morph_g8(xs[k]), xyzd[1] = morph_g8(s->y[j]);
        xyzd[2] = morph_g8(s->z[j]), xyzd[3] = morph_g8(d);
        return;
    }
    xyzd[0] = morph_g8(s->x[k]), xyzd[1] = morph_g8(s->y[k]);
    xyzd[2] = morph_g8(s->z[k]), xyzd[3] = morph_g8(s->d[k]);
}

/* The points instantiate adds to s: k from *from to the return value (exclusive). */
static int morph_points(const struct morph_sec *s, int *from)
{
    *from = s->npt - s->first == 1 ? 0 : s->first;
    return s->npt - s->first == 1 ? 3 : s->npt;
}

/* 0, or the index of a section with a point pt3dadd would refuse (beyond a float). */
static int morph_check_points(const struct morph *mo)
{
    for (int i = 0; i < mo->nsec; i++) {
        const struct morph_sec *s = &mo->sec[i];
        if (s->removed)
            continue;
        int k, end = morph_points(s, &k);
        for (; k < end; k++) {
            double p[4];
            morph_point(s, k, p);
            for (int c = 0; c < 4; c++)
                if (!(fabs(p[c]) < NRN_FLOAT_BOUND))
                    return i + 1;
        }
    }
    return 0;
}

/* Import3d_GUI.instantiate (see morph.h). */
int morph_instantiate(nrn_model *m, struct morph *mo, const char *path, const char *prefix,
                    int *first, int *count)
{
    if (!prefix)
        prefix = "";
    if (!morph_prefix_ok(prefix))
        return model_err(m, NRN_EINVAL, "%s: prefix \"%s\" holds white space or parentheses",
                         path, prefix);
    morph_chk_valid(mo);
    int bad = morph_check_points(mo);
    if (bad) /* before anything is created: the model stays as it was */
        return model_err(m, NRN_EFORMAT, "%s:%d: a 3-D point beyond %g (what a float holds)",
                         path, mo->sec[bad - 1].line, (double)FLT_MAX);
    size_t nsec = (size_t)(mo->nsec ? mo->nsec : 1);
    int *ids = malloc(sizeof *ids * nsec), *tix = malloc(sizeof *tix * nsec);
    int *types = NULL, *counts = NULL, *base = NULL;
    int ntypes = ids && tix ? morph_types(mo, &types, tix) : -1;
    if (ntypes >= 0) {
        counts = calloc((size_t)ntypes + 1, sizeof *counts);
        base = calloc((size_t)ntypes + 1, sizeof *base);
    }
    if (!counts || !base) {
        free(ids), free(tix), free(types), free(counts), free(base);
        return model_err(m, NRN_ENOMEM, "%s: out of memory", path);
    }
    int rc = NRN_OK;
    /* set_nameindex */
    for (int i = 0; i < mo->nsec; i++)
        if (!mo->sec[i].removed)
            mo->sec[i].nameindex = counts[tix[i]]++;
    /* every name must be free before anything is created */
    char tn[64], name[512];
    for (int t = 0; t < ntypes && rc == NRN_OK; t++) {
        morph_type2name(types[t], tn, sizeof tn);
        for (int k = 0; k < counts[t] && rc == NRN_OK; k++) {
            snprintf(name, sizeof name, "%s%s[%d]", prefix, tn, k);
            if (nrn_section_find(m, name) >= 0)
                rc = model_err(m, NRN_EEXIST, "%s: section %s already exists", path, name);
        }
    }
    /* create, type by type */
    int first_id = nrn_section_count(m), n = 0;
    for (int t = 0; t < ntypes && rc == NRN_OK; t++) {
        morph_type2name(types[t], tn, sizeof tn);
        base[t] = first_id + n;
        for (int k = 0; k < counts[t] && rc == NRN_OK; k++, n++) {
            snprintf(name, sizeof name, "%s%s[%d]", prefix, tn, k);
            rc = nrn_section_new(m, name, NULL);
        }
    }
    for (int i = 0; i < mo->nsec && rc == NRN_OK; i++)
        if (!mo->sec[i].removed)
            ids[i] = base[tix[i]] + mo->sec[i].nameindex;
    /* connect and add the 3-D points, section by section in Import3d's order */
    for (int i = 0; i < mo->nsec && rc == NRN_OK; i++) {
        struct morph_sec *s = &mo->sec[i];
        if (s->removed)
            continue;
        if (s->parent >= 0)
            rc = nrn_connect(m, ids[i], 0, ids[s->parent], s->parentx);
        int k, end = morph_points(s, &k);
        for (; k < end && rc == NRN_OK; k++) {
            double p[4];
            morph_point(s, k, p);
            rc = nrn_pt3dadd(m, ids[i], p[0], p[1], p[2], p[3]);
        }
    }
    free(ids), free(tix), free(types), free(counts), free(base);
    if (rc != NRN_OK)
        return rc;
    if (first)
        *first = first_id;
    if (count)
        *count = n;
    return NRN_OK;
}
