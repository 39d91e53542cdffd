/*
** morph.c: the cell of a model CSV, as far as plots need it: sections, their tree, 3-D
** points, segment diameters; NEURON's define_shape for sections without points; the pieces
** a picture is drawn from; node positions, paths and distances as NEURON's distance().
**
** The model CSV (nrn-build's output; see src/engine/modelcsv.c) has a header
** kind,section,index,object,name,value,x,y,z,diam and one row per fact. Rows read here:
**   section,SEC             prop,SEC,,,nseg|L,VALUE     pt3d,SEC,I,,,,X,Y,Z,DIAM
**   connect,CHILD,END,PARENT,,X                          range,SEC,,,diam,V   seg,SEC,J,,diam,V
** Every other known kind (global, insert, range/seg of other variables, pp, ppvar) is
** accepted and ignored; an unknown kind is an error. Input arrives in chunks; each line is
** handed to libcsv whole, so errors can name their line.
**
** define_shape (NEURON 8.2.2 nrn_define_shape, spec 1.6), in tree order: a root at position i
** of that order starts at (0, 0, 100 i) pointing along +x; a child starts on the straight line
** between its parent's first and last points at its attachment position, pointing along the
** parent (reversed if it attaches in the parent's first half), turned by 90 degrees if it
** attaches inside (0 < x < 1), and spread by 0.8 rad over siblings at the same position. The
** arithmetic keeps NEURON's float and double steps (and the float overloads of atan2, cos and
** sin that its C++ picks) so the points agree with NEURON's to the last bit.
**
** A child that has points of its own is moved so its first point is at the attachment point
** only when its parent was laid out here (then its coordinates cannot be related to the
** parent's); otherwise it stays where the file puts it. NEURON moves every such child, except
** that Import3d "wires" a morphology's soma children (pt3dstyle) so they stay: the model CSV
** does not keep wires, and this rule gives NEURON's picture for imported morphologies and for
** models whose points are consistent.
*/
#include <csv.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plot.h"

#define MORPH_NFIELD 10
#define MORPH_DEF_L 100.0
#define MORPH_DEF_DIAM 500.0
#define MORPH_PI 3.14159265358979323846

/* A connect row kept until the end of input (sibling order needs every orientation). */
struct morph_conn {
    int child, parent;
    double x;
    int end;
    long line;
};

struct morph_reader {
    struct csv_parser p;
    char *name;
    long line;             /* current line, 1-based */
    int have_header;
    int failed;
    char *buf;             /* the logical line being collected */
    size_t len, cap;
    int quote_odd;         /* inside a quoted field at the end of buf */
    long rec_line;         /* line the logical line in buf started on */
    char *fld[MORPH_NFIELD + 1];
    size_t fcap[MORPH_NFIELD + 1];
    int nfld;
    struct morph_conn *conn;
    int nconn, capconn;
};

/*
** Records "NAME:LINE: message" (the first error only). Returns -1.
*/
static int morph_fail(struct morph *m, long line, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    if (m->rd && m->rd->failed)
        return -1;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (line > 0)
        snprintf(m->err, sizeof m->err, "%s:%ld: %s", m->rd ? m->rd->name : "model", line, msg);
    else
        snprintf(m->err, sizeof m->err, "%s: %s", m->rd ? m->rd->name : "model", msg);
    if (m->rd)
        m->rd->failed = 1;
    return -1;
}

struct morph *morph_new(const char *name)
{
    struct morph *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->rd = calloc(1, sizeof *m->rd);
    if (!m->rd || !(m->rd->name = strdup(name ? name : "model")) ||
        csv_init(&m->rd->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        if (m->rd)
            free(m->rd->name);
        free(m->rd);
        free(m);
        return NULL;
    }
    m->rd->line = 1;
    return m;
}

static void morph_reader_free(struct morph_reader *rd)
{
    int i;
    if (!rd)
        return;
    csv_free(&rd->p);
    for (i = 0; i <= MORPH_NFIELD; i++)
        free(rd->fld[i]);
    free(rd->buf);
    free(rd->conn);
    free(rd->name);
    free(rd);
}

void morph_free(struct morph **pm)
{
    struct morph *m = pm ? *pm : NULL;
    int i;
    if (!m)
        return;
    for (i = 0; i < m->nsec; i++) {
        free(m->sec[i].name);
        free(m->sec[i].diam);
        free(m->sec[i].pt);
        free(m->sec[i].arc);
        free(m->sec[i].child);
    }
    free(m->sec);
    free(m->order);
    free(m->seg0);
    free(m->hash);
    morph_reader_free(m->rd);
    free(m);
    *pm = NULL;
}

const char *morph_error(const struct morph *m) { return m->err; }

/* FNV-1a of a name. */
static unsigned morph_hash_of(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

int morph_find(const struct morph *m, const char *name)
{
    unsigned i;
    if (!m->hash)
        return -1;
    for (i = morph_hash_of(name) & (unsigned)(m->hashcap - 1);; i = (i + 1) & (unsigned)(m->hashcap - 1)) {
        int k = m->hash[i];
        if (k < 0)
            return -1;
        if (strcmp(m->sec[k].name, name) == 0)
            return k;
    }
}

/* Puts section k into the table, growing it to keep it at most half full. */
static int morph_hash_add(struct morph *m, int k)
{
    unsigned i;
    if (2 * (m->nsec + 1) > m->hashcap) {
        int cap = m->hashcap ? 2 * m->hashcap : 64, j;
        int *h = malloc((size_t)cap * sizeof *h);
        if (!h)
            return -1;
        for (j = 0; j < cap; j++)
            h[j] = -1;
        free(m->hash);
        m->hash = h;
        m->hashcap = cap;
        for (j = 0; j < m->nsec; j++)
            if (j != k)
                morph_hash_add(m, j);
    }
    for (i = morph_hash_of(m->sec[k].name) & (unsigned)(m->hashcap - 1); m->hash[i] >= 0;
         i = (i + 1) & (unsigned)(m->hashcap - 1))
        ;
    m->hash[i] = k;
    return 0;
}

/*
** Parses a whole field as a finite number. Returns 0 or -1.
*/
static int morph_num(const char *s, double *v)
{
    char *end;
    if (!*s)
        return -1;
    *v = strtod(s, &end);
    return (*end == '\0' && isfinite(*v)) ? 0 : -1;
}

/* The section a row names, or -1 after an error. */
static int morph_row_sec(struct morph *m, long line, const char *name)
{
    int k = morph_find(m, name);
    if (k < 0)
        morph_fail(m, line, "no section named '%s' (sections are created by 'section' rows first)",
                   name);
    return k;
}

/* A new section from a "section" row. */
static int morph_add_section(struct morph *m, long line, const char *name)
{
    struct morph_sec *s;
    if (!*name)
        return morph_fail(m, line, "section row without a name");
    if (morph_find(m, name) >= 0)
        return morph_fail(m, line, "section '%s' is created twice", name);
    if (m->nsec == m->capsec) {
        int cap = m->capsec ? 2 * m->capsec : 16;
        struct morph_sec *p = realloc(m->sec, (size_t)cap * sizeof *p);
        if (!p)
            return morph_fail(m, line, "out of memory");
        m->sec = p;
        m->capsec = cap;
    }
    s = &m->sec[m->nsec];
    memset(s, 0, sizeof *s);
    s->name = strdup(name);
    s->diam = malloc(sizeof *s->diam);
    if (!s->name || !s->diam) {
        free(s->name);
        free(s->diam);
        return morph_fail(m, line, "out of memory");
    }
    s->line = line;
    s->nseg = 1;
    s->L = MORPH_DEF_L;
    s->diam[0] = MORPH_DEF_DIAM;
    s->parent = -1;
    m->nsec++;
    if (morph_hash_add(m, m->nsec - 1) != 0) {
        m->nsec--;
        free(s->name);
        free(s->diam);
        return morph_fail(m, line, "out of memory");
    }
    return 0;
}

/* The 0-based index of the segment containing x in a section of n segments. */
static int morph_seg_at(int n, double x)
{
    int i;
    if (x < 0)
        x = 0;
    if (x > 1)
        x = 1;
    i = (int)((double)n * x);
    return i >= n ? n - 1 : i;
}

/* nseg = n: diameters stay piecewise constant, as NEURON keeps range variables. */
static int morph_set_nseg(struct morph *m, long line, struct morph_sec *s, double v)
{
    double *d;
    int n, j;
    if (!(v >= 1 && v <= 32767 && v == floor(v)))
        return morph_fail(m, line, "nseg of %s must be a whole number from 1 to 32767, not %g",
                          s->name, v);
    n = (int)v;
    d = malloc((size_t)n * sizeof *d);
    if (!d)
        return morph_fail(m, line, "out of memory");
    for (j = 0; j < n; j++)
        d[j] = s->diam[morph_seg_at(s->nseg, (j + 0.5) / n)];
    free(s->diam);
    s->diam = d;
    s->nseg = n;
    return 0;
}

/* A pt3d row; points must come in order 0, 1, 2, ... */
static int morph_add_pt(struct morph *m, long line, struct morph_sec *s, char **f)
{
    double c[4], idx;
    int q;
    if (morph_num(f[2], &idx) != 0 || idx != s->npt)
        return morph_fail(m, line, "pt3d index '%s' of %s: want %d (points in order)", f[2],
                          s->name, s->npt);
    for (q = 0; q < 4; q++)
        if (morph_num(f[6 + q], &c[q]) != 0)
            return morph_fail(m, line, "pt3d of %s needs x, y, z and diam numbers", s->name);
    if (s->npt == s->capt) {
        int cap = s->capt ? 2 * s->capt : 8;
        float *p = realloc(s->pt, (size_t)cap * 4 * sizeof *p);
        if (!p)
            return morph_fail(m, line, "out of memory");
        s->pt = p;
        s->capt = cap;
    }
    for (q = 0; q < 4; q++)
        s->pt[4 * s->npt + q] = (float)c[q];
    s->npt++;
    return 0;
}

/* A connect row, kept for morph_finish. */
static int morph_add_conn(struct morph *m, long line, char **f)
{
    struct morph_reader *rd = m->rd;
    struct morph_conn c;
    double end;
    if ((c.child = morph_row_sec(m, line, f[1])) < 0 || (c.parent = morph_row_sec(m, line, f[3])) < 0)
        return -1;
    if (morph_num(f[2], &end) != 0 || (end != 0 && end != 1))
        return morph_fail(m, line, "connect: the child end must be 0 or 1, not '%s'", f[2]);
    if (morph_num(f[5], &c.x) != 0 || c.x < 0 || c.x > 1)
        return morph_fail(m, line, "connect: the position on %s must be in [0,1], not '%s'", f[3],
                          f[5]);
    if (c.child == c.parent)
        return morph_fail(m, line, "cannot connect %s to itself", f[1]);
    c.end = (int)end;
    c.line = line;
    if (rd->nconn == rd->capconn) {
        int cap = rd->capconn ? 2 * rd->capconn : 16;
        struct morph_conn *p = realloc(rd->conn, (size_t)cap * sizeof *p);
        if (!p)
            return morph_fail(m, line, "out of memory");
        rd->conn = p;
        rd->capconn = cap;
    }
    rd->conn[rd->nconn++] = c;
    return 0;
}

/* range/seg diam rows. */
static int morph_set_diam(struct morph *m, long line, struct morph_sec *s, char **f, int seg)
{
    double v, j;
    int k;
    if (morph_num(f[5], &v) != 0 || !(v > 0))
        return morph_fail(m, line, "diam of %s must be a positive number, not '%s'", s->name, f[5]);
    if (!seg) {
        for (k = 0; k < s->nseg; k++)
            s->diam[k] = v;
        return 0;
    }
    if (morph_num(f[2], &j) != 0 || j < 0 || j >= s->nseg || j != floor(j))
        return morph_fail(m, line, "segment index '%s' out of range for %s (nseg %d)", f[2],
                          s->name, s->nseg);
    s->diam[(int)j] = v;
    return 0;
}

/*
** One data row (fields f[0..9]).
*/
static int morph_row(struct morph *m, long line, char **f, int n)
{
    static const char *const other[] = { "global", "insert", "pp", "ppvar" };
    const char *kind = f[0];
    size_t k;
    int s;
    double v;
    if (n != MORPH_NFIELD)
        return morph_fail(m, line, "row has %d fields, the header has %d", n, MORPH_NFIELD);
    if (strcmp(kind, "section") == 0)
        return morph_add_section(m, line, f[1]);
    if (strcmp(kind, "connect") == 0)
        return morph_add_conn(m, line, f);
    for (k = 0; k < sizeof other / sizeof other[0]; k++)
        if (strcmp(kind, other[k]) == 0)
            return 0;
    if (strcmp(kind, "prop") != 0 && strcmp(kind, "pt3d") != 0 && strcmp(kind, "range") != 0 &&
        strcmp(kind, "seg") != 0)
        return morph_fail(m, line, "unknown row kind '%s'", kind);
    if ((s = morph_row_sec(m, line, f[1])) < 0)
        return -1;
    if (strcmp(kind, "pt3d") == 0)
        return morph_add_pt(m, line, &m->sec[s], f);
    if (strcmp(kind, "prop") == 0) {
        if (strcmp(f[4], "nseg") != 0 && strcmp(f[4], "L") != 0)
            return 0;
        if (morph_num(f[5], &v) != 0)
            return morph_fail(m, line, "%s of %s is not a number: '%s'", f[4], f[1], f[5]);
        if (strcmp(f[4], "nseg") == 0)
            return morph_set_nseg(m, line, &m->sec[s], v);
        if (!(v > 0))
            return morph_fail(m, line, "L of %s must be positive, not %g", f[1], v);
        m->sec[s].L = v;
        return 0;
    }
    if (strcmp(f[4], "diam") != 0)
        return 0;
    return morph_set_diam(m, line, &m->sec[s], f, strcmp(kind, "seg") == 0);
}

/* libcsv field callback: copies the field. */
static void morph_cb_field(void *s, size_t len, void *data)
{
    struct morph *m = data;
    struct morph_reader *rd = m->rd;
    int k = rd->nfld;
    if (k > MORPH_NFIELD) {
        rd->nfld++;
        return;
    }
    if (len + 1 > rd->fcap[k]) {
        char *p = realloc(rd->fld[k], len + 1);
        if (!p) {
            morph_fail(m, rd->line, "out of memory");
            return;
        }
        rd->fld[k] = p;
        rd->fcap[k] = len + 1;
    }
    if (len)
        memcpy(rd->fld[k], s, len);
    rd->fld[k][len] = '\0';
    rd->nfld++;
}

/* libcsv record callback: the header, then rows. */
static void morph_cb_record(int c, void *data)
{
    static const char *const want[MORPH_NFIELD] = { "kind", "section", "index", "object", "name",
                                                    "value", "x", "y", "z", "diam" };
    struct morph *m = data;
    struct morph_reader *rd = m->rd;
    char *f[MORPH_NFIELD];
    int n = rd->nfld, i;
    (void)c;
    rd->nfld = 0;
    if (rd->failed)
        return;
    for (i = 0; i < MORPH_NFIELD; i++)
        f[i] = i < n && i <= MORPH_NFIELD ? rd->fld[i] : (char *)"";
    if (!rd->have_header) {
        rd->have_header = 1;
        for (i = 0; i < MORPH_NFIELD; i++)
            if (n != MORPH_NFIELD || strcmp(f[i], want[i]) != 0) {
                morph_fail(m, rd->line, "not a model CSV: the header must be "
                                        "kind,section,index,object,name,value,x,y,z,diam");
                return;
            }
        return;
    }
    morph_row(m, rd->line, f, n);
}

/* Hands one complete line (without its newline) to libcsv. */
static int morph_line(struct morph *m, const char *s, size_t n)
{
    struct morph_reader *rd = m->rd;
    size_t i;
    int blank = 1;
    for (i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            blank = 0;
    if (blank || s[0] == '#')
        return 0;
    rd->nfld = 0;
    if (csv_parse(&rd->p, s, n, morph_cb_field, morph_cb_record, m) != n ||
        csv_fini(&rd->p, morph_cb_field, morph_cb_record, m) != 0)
        return morph_fail(m, rd->line, "malformed CSV: %s", csv_strerror(csv_error(&rd->p)));
    return rd->failed ? -1 : 0;
}

int morph_feed(struct morph *m, const char *buf, size_t len)
{
    struct morph_reader *rd = m->rd;
    size_t i;
    if (!rd || rd->failed)
        return -1;
    for (i = 0; i < len; i++) {
        char ch = buf[i];
        if (ch == '\n' && !rd->quote_odd) {
            size_t n = rd->len;
            long cur = rd->line;
            if (n > 0 && rd->buf[n - 1] == '\r')
                n--;
            if (n > 0)
                rd->line = rd->rec_line; /* a record is reported at its first line */
            if (morph_line(m, rd->buf ? rd->buf : "", n) != 0)
                return -1;
            rd->line = cur + 1;
            rd->len = 0;
            continue;
        }
        if (rd->len == 0)
            rd->rec_line = rd->line;
        if (ch == '"')
            rd->quote_odd = !rd->quote_odd;
        if (ch == '\n')
            rd->line++;
        if (rd->len + 2 > rd->cap) {
            size_t cap = rd->cap ? 2 * rd->cap : 256;
            char *p = realloc(rd->buf, cap);
            if (!p)
                return morph_fail(m, rd->line, "out of memory");
            rd->buf = p;
            rd->cap = cap;
        }
        rd->buf[rd->len++] = ch;
        rd->buf[rd->len] = '\0';
    }
    return 0;
}

/* ---- the tree ---- */

/* Position of a child on its parent from the parent's 0-end: NEURON's sibling sort key. */
static double morph_child_key(const struct morph *m, const struct morph_sec *c)
{
    return m->sec[c->parent].childend == 1 ? 1 - c->parentx : c->parentx;
}

/* Removes child c from its parent's list. */
static void morph_unlink(struct morph *m, int c)
{
    struct morph_sec *s = &m->sec[c], *p;
    int k;
    if (s->parent < 0)
        return;
    p = &m->sec[s->parent];
    for (k = 0; k < p->nchild; k++)
        if (p->child[k] == c) {
            memmove(p->child + k, p->child + k + 1, sizeof(int) * (size_t)(p->nchild - k - 1));
            p->nchild--;
            break;
        }
    s->parent = -1;
}

/* Applies the connect rows in file order, as NEURON's connect would. */
static int morph_connect_all(struct morph *m)
{
    struct morph_reader *rd = m->rd;
    int i, a, at;
    for (i = 0; i < rd->nconn; i++) {
        const struct morph_conn *c = &rd->conn[i];
        struct morph_sec *s = &m->sec[c->child], *p = &m->sec[c->parent];
        int *ch;
        double key;
        for (a = c->parent; a >= 0; a = m->sec[a].parent)
            if (a == c->child)
                return morph_fail(m, c->line, "connecting %s to %s would make a loop", s->name,
                                  p->name);
        morph_unlink(m, c->child);
        ch = realloc(p->child, sizeof(int) * (size_t)(p->nchild + 1));
        if (!ch)
            return morph_fail(m, c->line, "out of memory");
        p->child = ch;
        s->parent = c->parent;
        s->parentx = c->x;
        s->childend = c->end;
        key = morph_child_key(m, s);
        for (at = 0; at < p->nchild && morph_child_key(m, &m->sec[p->child[at]]) < key; at++)
            ;
        memmove(p->child + at + 1, p->child + at, sizeof(int) * (size_t)(p->nchild - at));
        p->child[at] = c->child;
        p->nchild++;
    }
    return 0;
}

/* Sections in tree order: roots in creation order, then breadth first along sibling lists. */
static int morph_tree_order(struct morph *m)
{
    int n = 0, k, c, i;
    m->order = malloc((size_t)(m->nsec ? m->nsec : 1) * sizeof *m->order);
    m->seg0 = malloc((size_t)(m->nsec ? m->nsec : 1) * sizeof *m->seg0);
    if (!m->order || !m->seg0)
        return morph_fail(m, 0, "out of memory");
    for (i = 0; i < m->nsec; i++)
        if (m->sec[i].parent < 0)
            m->order[n++] = i;
    for (k = 0; k < n; k++)
        for (c = 0; c < m->sec[m->order[k]].nchild; c++)
            m->order[n++] = m->sec[m->order[k]].child[c];
    m->nseg_total = 0;
    for (k = 0; k < m->nsec; k++) {
        m->seg0[m->order[k]] = m->nseg_total;
        m->nseg_total += m->sec[m->order[k]].nseg;
    }
    return 0;
}

/* Appends a point, rounded to floats as NEURON's stor_pt3d stores it. */
static int morph_store_pt(struct morph_sec *s, double x, double y, double z, double d)
{
    if (s->npt == s->capt) {
        int cap = s->capt ? 2 * s->capt : 8;
        float *p = realloc(s->pt, (size_t)cap * 4 * sizeof *p);
        if (!p)
            return -1;
        s->pt = p;
        s->capt = cap;
    }
    s->pt[4 * s->npt] = (float)x;
    s->pt[4 * s->npt + 1] = (float)y;
    s->pt[4 * s->npt + 2] = (float)z;
    s->pt[4 * s->npt + 3] = (float)d;
    s->npt++;
    return 0;
}

/* Cumulative arc lengths (spec 1.5: differences rounded to float, sums in double). */
static int morph_arcs(struct morph_sec *s)
{
    int i;
    free(s->arc);
    s->arc = malloc((size_t)(s->npt ? s->npt : 1) * sizeof *s->arc);
    if (!s->arc)
        return -1;
    s->arc[0] = 0;
    for (i = 1; i < s->npt; i++) {
        const float *a = s->pt + 4 * (i - 1), *b = s->pt + 4 * i;
        double t1 = (float)(b[0] - a[0]), t2 = (float)(b[1] - a[1]), t3 = (float)(b[2] - a[2]);
        s->arc[i] = s->arc[i - 1] + sqrt(t1 * t1 + t2 * t2 + t3 * t3);
    }
    return 0;
}

/* NEURON's define_shape over the tree order; see the top of the file. */
static int morph_define_shape(struct morph *m)
{
    int i, j;
    for (i = 0; i < m->nsec; i++) {
        struct morph_sec *s = &m->sec[m->order[i]], *ps = s->parent >= 0 ? &m->sec[s->parent] : NULL;
        float x, y, z, x1, y1, angle, nch = 0, ich = 0;
        double arc = s->parent >= 0 ? s->parentx : 0, len;
        if (!ps) {
            x = 0;
            y = 0;
            z = (float)(i * 100.0);
            x1 = 1;
            y1 = 0;
        } else {
            const float *p0 = ps->pt, *pn = ps->pt + 4 * (ps->npt - 1);
            double arc1 = ps->childend == 0 ? arc : 1. - arc;
            x1 = pn[0] - p0[0];
            y1 = pn[1] - p0[1];
            if (arc1 < .5) {
                x1 = -x1;
                y1 = -y1;
            }
            x = (float)(pn[0] * arc1 + p0[0] * (1 - arc1));
            y = (float)(pn[1] * arc1 + p0[1] * (1 - arc1));
            z = (float)(pn[2] * arc1 + p0[2] * (1 - arc1));
        }
        if (s->npt > 0) {
            if (ps && ps->laid_out) {
                float dx = x - s->pt[0], dy = y - s->pt[1], dz = z - s->pt[2];
                for (j = 0; j < s->npt; j++) {
                    s->pt[4 * j] += dx;
                    s->pt[4 * j + 1] += dy;
                    s->pt[4 * j + 2] += dz;
                }
            }
            continue;
        }
        if (fabs(y1) < 1e-6 && fabs(x1) < 1e-6)
            angle = 0.;
        else
            angle = atan2f(y1, x1); /* C++ picks the float overloads */
        if (arc > 0. && arc < 1.)
            angle = (float)(angle + MORPH_PI / 2.);
        if (ps)
            for (j = 0; j < ps->nchild; j++) {
                if (ps->child[j] == m->order[i])
                    ich = nch;
                if (arc == m->sec[ps->child[j]].parentx)
                    ++nch;
            }
        if (nch > 1)
            angle = (float)(angle + (ich / (nch - 1.) * .8 - .4));
        len = s->L;
        x1 = (float)(x + len * cosf(angle));
        y1 = (float)(y + len * sinf(angle));
        s->laid_out = 1;
        if (morph_store_pt(s, x, y, z, s->diam[0]) != 0)
            return morph_fail(m, 0, "out of memory");
        for (j = 0; j < s->nseg; j++) {
            double frac = ((double)j + .5) / (double)s->nseg;
            if (morph_store_pt(s, x * (1 - frac) + x1 * frac, y * (1 - frac) + y1 * frac, z,
                               s->diam[j]) != 0)
                return morph_fail(m, 0, "out of memory");
        }
        if (morph_store_pt(s, x1, y1, z, s->diam[s->nseg - 1]) != 0 || morph_arcs(s) != 0)
            return morph_fail(m, 0, "out of memory");
        s->arc[s->npt - 1] = len; /* NEURON: no length change from rounding */
    }
    return 0;
}

int morph_finish(struct morph *m)
{
    struct morph_reader *rd = m->rd;
    int i;
    if (!rd || rd->failed)
        return -1;
    if (rd->len > 0) { /* a last line without a newline */
        if (rd->quote_odd)
            return morph_fail(m, rd->rec_line, "malformed CSV: unterminated quoted field");
        rd->line = rd->rec_line;
        if (morph_line(m, rd->buf, rd->len) != 0)
            return -1;
        rd->len = 0;
    }
    if (!rd->have_header)
        return morph_fail(m, rd->line > 1 ? rd->line - 1 : 1, "empty input: no header line");
    if (m->nsec == 0)
        return morph_fail(m, rd->line > 1 ? rd->line - 1 : 1, "no sections in the model");
    for (i = 0; i < m->nsec; i++) {
        struct morph_sec *s = &m->sec[i];
        if (s->npt == 1)
            s->npt = 0; /* one point gives no direction: laid out like none */
        if (s->npt >= 2) {
            if (morph_arcs(s) != 0)
                return morph_fail(m, 0, "out of memory");
            s->L = s->arc[s->npt - 1];
        }
    }
    if (morph_connect_all(m) != 0 || morph_tree_order(m) != 0 || morph_define_shape(m) != 0)
        return -1;
    morph_reader_free(m->rd);
    m->rd = NULL;
    return 0;
}

/* ---- locations, pieces, distances ---- */

int morph_node_index(const struct morph_sec *s, double x)
{
    if (x == s->childend)
        return -1;
    if (x == 1 - s->childend)
        return s->nseg;
    return morph_seg_at(s->nseg, s->childend == 1 ? 1 - x : x);
}

int morph_parse_loc(const struct morph *m, const char *ref, double *x, char *var, size_t varsize)
{
    const char *close = NULL, *open = NULL, *p, *dot;
    char name[512], num[64], *end;
    size_t n;
    *x = 0.5;
    if (varsize)
        var[0] = '\0';
    /* "SEC(X)" or "SEC(X).VAR": the last ")" that ends the text or is followed by "." */
    for (p = ref; *p; p++)
        if (*p == ')' && (p[1] == '\0' || p[1] == '.'))
            close = p;
    if (close) {
        for (p = close; p > ref; p--)
            if (p[-1] == '(') {
                open = p - 1;
                break;
            }
        if (!open || open == ref || (size_t)(close - open - 1) >= sizeof num)
            return -2;
        n = (size_t)(close - open - 1);
        memcpy(num, open + 1, n);
        num[n] = '\0';
        *x = strtod(num, &end);
        if (n == 0 || *end != '\0' || !(*x >= 0 && *x <= 1))
            return -2;
        if (close[1] == '.' && varsize)
            snprintf(var, varsize, "%s", close + 2);
        n = (size_t)(open - ref);
    } else {
        /* "SEC" or "SEC.VAR": the longest prefix that names a section */
        n = strlen(ref);
        if (n < sizeof name) {
            memcpy(name, ref, n + 1);
            if (morph_find(m, name) >= 0)
                return morph_find(m, name);
        }
        for (dot = ref + n; dot > ref; dot--)
            if (*dot == '.' && (size_t)(dot - ref) < sizeof name) {
                memcpy(name, ref, (size_t)(dot - ref));
                name[dot - ref] = '\0';
                if (morph_find(m, name) >= 0) {
                    if (varsize)
                        snprintf(var, varsize, "%s", dot + 1);
                    return morph_find(m, name);
                }
            }
        return strchr(ref, '(') ? -2 : -1;
    }
    if (n >= sizeof name)
        return -1;
    memcpy(name, ref, n);
    name[n] = '\0';
    return morph_find(m, name);
}

/* Interpolates the polyline of s at arc position t (index hint *j moves forward). */
static void morph_at_arc(const struct morph_sec *s, double t, int *j, double out[3])
{
    double a0, a1, f;
    int q;
    while (*j < s->npt - 2 && s->arc[*j + 1] < t)
        (*j)++;
    a0 = s->arc[*j];
    a1 = s->arc[*j + 1];
    f = a1 > a0 ? (t - a0) / (a1 - a0) : 0;
    if (f < 0)
        f = 0;
    if (f > 1)
        f = 1;
    for (q = 0; q < 3; q++)
        out[q] = s->pt[4 * *j + q] + f * (s->pt[4 * (*j + 1) + q] - s->pt[4 * *j + q]);
}

int morph_pieces(const struct morph *m, struct morph_piece **out)
{
    int n = 0, cap = 0, i;
    struct morph_piece *pc = NULL;
    for (i = 0; i < m->nsec; i++) {
        const struct morph_sec *s = &m->sec[m->order[i]];
        double total = s->arc[s->npt - 1], ds = total / s->nseg;
        int seg, j = 0;
        for (seg = 0; seg < s->nseg; seg++) {
            double t0 = seg * ds, t1 = seg == s->nseg - 1 ? total : (seg + 1) * ds, pos[3];
            int k, jend;
            /* pieces: from t0 through every 3-D point inside (t0, t1) to t1 */
            morph_at_arc(s, t0, &j, pos);
            for (jend = j + 1;; jend++) {
                double next[3], d0, d1;
                int last = jend >= s->npt - 1 || s->arc[jend] >= t1;
                struct morph_piece *p;
                if (last) {
                    int jj = j;
                    morph_at_arc(s, t1, &jj, next);
                } else {
                    for (k = 0; k < 3; k++)
                        next[k] = s->pt[4 * jend + k];
                }
                if (n == cap) {
                    int c2 = cap ? 2 * cap : 256;
                    struct morph_piece *q = realloc(pc, (size_t)c2 * sizeof *q);
                    if (!q) {
                        free(pc);
                        return -1;
                    }
                    pc = q;
                    cap = c2;
                }
                p = &pc[n++];
                memcpy(p->a, pos, sizeof pos);
                memcpy(p->b, next, sizeof next);
                d0 = fabs(s->pt[4 * (jend - 1) + 3]);
                d1 = fabs(s->pt[4 * (jend < s->npt ? jend : s->npt - 1) + 3]);
                p->diam = d0 > d1 ? d0 : d1;
                p->sec = m->order[i];
                p->seg = seg;
                memcpy(pos, next, sizeof pos);
                if (last)
                    break;
            }
        }
    }
    *out = pc;
    return n;
}

/* A point of the tree: a section and a distance from its attached end. */
struct morph_loc {
    int sec;
    double pos;
};

/* Where the node of s(x) is (spec 1.7): segment centres, the free end, or for the attached
** end the parent node, which belongs to the parent section. */
static struct morph_loc morph_node_loc(const struct morph *m, int sec, double x)
{
    const struct morph_sec *s = &m->sec[sec];
    int i = morph_node_index(s, x);
    struct morph_loc l;
    if (i < 0) {
        if (s->parent < 0) {
            l.sec = sec;
            l.pos = 0;
            return l;
        }
        return morph_node_loc(m, s->parent, s->parentx);
    }
    l.sec = sec;
    l.pos = i == s->nseg ? s->L : s->L * ((i + 0.5) / s->nseg);
    return l;
}

/* The next location up the tree from l (the parent node of l's section); sec -1 at a root. */
static struct morph_loc morph_up(const struct morph *m, struct morph_loc l)
{
    const struct morph_sec *s = &m->sec[l.sec];
    if (s->parent < 0) {
        l.sec = -1;
        return l;
    }
    return morph_node_loc(m, s->parent, s->parentx);
}

/* The chain of locations from l up to the root. Returns its length, or -1 (no memory). */
static int morph_chain(const struct morph *m, struct morph_loc l, struct morph_loc **out)
{
    int n = 0, cap = 16;
    struct morph_loc *c = malloc((size_t)cap * sizeof *c);
    while (c && l.sec >= 0) {
        if (n == cap) {
            struct morph_loc *q = realloc(c, (size_t)(cap *= 2) * sizeof *q);
            if (!q) {
                free(c);
                return -1;
            }
            c = q;
        }
        c[n++] = l;
        l = morph_up(m, l);
    }
    *out = c;
    return c ? n : -1;
}

/* The two chains and where they meet: ia, ib index the first shared section. */
static int morph_meet(const struct morph *m, int sa, double xa, int sb, double xb,
                      struct morph_loc **ca, int *na, struct morph_loc **cb, int *nb, int *ia,
                      int *ib)
{
    int i, j;
    *na = morph_chain(m, morph_node_loc(m, sa, xa), ca);
    *nb = morph_chain(m, morph_node_loc(m, sb, xb), cb);
    if (*na < 0 || *nb < 0) {
        free(*ca);
        free(*cb);
        *ca = *cb = NULL;
        return -1;
    }
    for (i = 0; i < *na; i++)
        for (j = 0; j < *nb; j++)
            if ((*ca)[i].sec == (*cb)[j].sec) {
                *ia = i;
                *ib = j;
                return 0;
            }
    return -2;
}

int morph_distance(const struct morph *m, int sa, double xa, int sb, double xb, double *d)
{
    struct morph_loc *ca = NULL, *cb = NULL;
    int na, nb, ia, ib, i, rc = morph_meet(m, sa, xa, sb, xb, &ca, &na, &cb, &nb, &ia, &ib);
    if (rc == 0) {
        double cost = fabs(ca[ia].pos - cb[ib].pos);
        for (i = 0; i < ia; i++)
            cost += ca[i].pos;
        for (i = 0; i < ib; i++)
            cost += cb[i].pos;
        *d = cost;
    }
    free(ca);
    free(cb);
    return rc == 0 ? 0 : -1;
}

/* Appends a stop. */
static int morph_stop_add(struct morph_stop **v, int *n, int *cap, int sec, int seg, double d)
{
    if (*n == *cap) {
        int c2 = *cap ? 2 * *cap : 32;
        struct morph_stop *q = realloc(*v, (size_t)c2 * sizeof *q);
        if (!q)
            return -1;
        *v = q;
        *cap = c2;
    }
    (*v)[*n].sec = sec;
    (*v)[*n].seg = seg;
    (*v)[*n].dist = d;
    (*n)++;
    return 0;
}

int morph_path(const struct morph *m, int sa, double xa, int sb, double xb,
               struct morph_stop **out, double *total)
{
    struct morph_loc *ca = NULL, *cb = NULL;
    struct morph_stop *v = NULL;
    int na, nb, ia, ib, i, j, n = 0, cap = 0, rc;
    double cost = 0, dc, tb = 0;
    rc = morph_meet(m, sa, xa, sb, xb, &ca, &na, &cb, &nb, &ia, &ib);
    if (rc != 0) {
        free(ca);
        free(cb);
        return rc == -1 ? -1 : -2;
    }
    /* up from a: in each section below the meeting one, centres from the entry down to 0 */
    for (i = 0; i < ia; i++) {
        const struct morph_sec *s = &m->sec[ca[i].sec];
        for (j = s->nseg - 1; j >= 0; j--) {
            double pos = s->L * ((j + 0.5) / s->nseg);
            if (pos <= ca[i].pos && morph_stop_add(&v, &n, &cap, ca[i].sec, j, cost + ca[i].pos - pos))
                goto oom;
        }
        cost += ca[i].pos;
    }
    /* the meeting section, from a's entry to b's */
    {
        const struct morph_sec *s = &m->sec[ca[ia].sec];
        double pa = ca[ia].pos, pb = cb[ib].pos;
        int up = pb >= pa;
        for (j = 0; j < s->nseg; j++) {
            int k = up ? j : s->nseg - 1 - j;
            double pos = s->L * ((k + 0.5) / s->nseg);
            if (pos >= (up ? pa : pb) && pos <= (up ? pb : pa) &&
                morph_stop_add(&v, &n, &cap, ca[ia].sec, k, cost + fabs(pos - pa)))
                goto oom;
        }
        dc = cost + fabs(pb - pa);
    }
    /* down to b: sections in the reverse order of b's chain, centres from 0 to the exit */
    for (i = 0; i < ib; i++)
        tb += cb[i].pos;
    for (i = ib - 1; i >= 0; i--) {
        const struct morph_sec *s = &m->sec[cb[i].sec];
        double below = 0; /* distance from b up to this section's node cb[i] */
        int q;
        for (q = 0; q < i; q++)
            below += cb[q].pos;
        for (j = 0; j < s->nseg; j++) {
            double pos = s->L * ((j + 0.5) / s->nseg);
            if (pos <= cb[i].pos &&
                morph_stop_add(&v, &n, &cap, cb[i].sec, j, dc + tb - (below + cb[i].pos - pos)))
                goto oom;
        }
    }
    *total = dc + tb;
    free(ca);
    free(cb);
    *out = v;
    return n;
oom:
    free(ca);
    free(cb);
    free(v);
    return -1;
}
