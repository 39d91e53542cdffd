/*
** morph.c: the model-CSV reader behind nrn-plot's morphology plots: the cell of a model CSV,
** as far as plots need it (sections, connections, 3-D points, segment diameters), and
** morph_finish, which hands it to the layout (morph_layout.c) for the tree and define_shape.
**
** The model CSV (nrn-build's output; see src/engine/modelcsv.c) has a header
** kind,section,index,object,name,value,x,y,z,diam and one row per fact. Rows read here:
**   section,SEC             prop,SEC,,,nseg|L,VALUE     pt3d,SEC,I,,,,X,Y,Z,DIAM
**   connect,CHILD,END,PARENT,,X                          range,SEC,,,diam,V   seg,SEC,J,,diam,V
** Every other known kind (global, insert, range/seg of other variables, pp, ppvar) is
** accepted and ignored; an unknown kind is an error. Input arrives in chunks; each line is
** handed to libcsv whole, so errors can name their line.
*/
#include <csv.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plot.h"
#include "morph_int.h"

#define MORPH_NFIELD 10
#define MORPH_DEF_L 100.0
#define MORPH_DEF_DIAM 500.0

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
int morph_fail(struct morph *m, long line, const char *fmt, ...)
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
int morph_seg_at(int n, double x)
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
    static const char *const other[] = { "global", "insert", "pp", "ppvar", "ionstyle",
                                         "pointer", "ftable", "ftabdim", "ftabx", "ftaby" };
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
            if (morph_layout_arcs(s) != 0)
                return morph_fail(m, 0, "out of memory");
            s->L = s->arc[s->npt - 1];
        }
    }
    if (morph_layout_connect(m, rd->conn, rd->nconn) != 0 || morph_layout_order(m) != 0 ||
        morph_layout_shape(m) != 0)
        return -1;
    morph_reader_free(m->rd);
    m->rd = NULL;
    return 0;
}
