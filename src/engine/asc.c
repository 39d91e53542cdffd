/*
** asc.c: Neurolucida ASCII (.asc) import as NEURON 8.2.2 does it: Import3d_Neurolucida3
** (read_nlcda3.hoc) reads the file, then Import3d_GUI.instantiate (swc_instantiate in
** swc.c) creates the sections.
**
** The reader is a port of the hoc one, piece by piece:
**  - the lexer works line by line as File.gets + remove_trailspace + the sscanf patterns
**    of lex() do (numbers are glibc's "%lf", i.e. doubles; text after an '@' is lost as
**    "%[^@]" loses it);
**  - the recursive-descent parser follows the hoc productions, including the tree/text
**    rollback, the global point list (points of markers at the start of a branch belong
**    to the branch), the global property list that decides a tree's type, need_extra
**    (a branch not starting within 1e-11 of its parent's last point gets a copy of it as
**    its first 3-D point: newsec's "first" is a local, so no wire), and hoc's fuzzy
**    comparisons (float_epsilon 1e-11) wherever the hoc code compares numbers;
**  - connect2soma moves the soma contours first, groups overlapping ones into a stack and
**    hangs every tree root on the soma whose bounding box holds its first point (or the
**    nearest soma centre), through the contour centre (contourcenter: 100 perimeter
**    steps, Vector.interpolate, mean);
**  - at instantiate, a soma contour becomes contour2centroid's 21 points along the major
**    axis (Matrix.symmeig = meschach Hfactor + makeHQ + trieig, ported with the same
**    operation order), a stack the centres and mean diameters of its contours.
** The whole file is read and checked before the model is touched: a malformed file gives
** NRN_EFORMAT "FILE:LINE: what is wrong" and leaves the model unchanged. Where NEURON
** 8.2.2 fails on a file (hangs on an unclosed marker, stops on a trailing tab) or quietly
** drops the rest of it (an extra ')'), this reader either reads it as evidently meant
** (white space only rest of line) or reports the error.
*/
#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "morph.h"
#include "nrn_int.h"

#define ASC_PI 3.14159265358979323846
#define ASC_MAXDEPTH 2000 /* nested branches (a C stack guard; hoc's frame stack is smaller) */
#define ASC_HOC_EPSILON 1e-11
#define ASC_INDGEN_EPSILON 1e-9

/* ------------------------------------------------------------------------------------
** Tokens
*/

enum {
    T_EOF, T_NUM, T_LP, T_RP, T_COMMA, T_BAR, T_SET, T_RGB, T_STR, T_LABEL, T_ERR, T_LSP, T_RSP
};

/* hoc's comparisons of numbers allow float_epsilon (1e-11). */
static int hoc_eq(double a, double b)
{
    return a <= b + ASC_HOC_EPSILON && a >= b - ASC_HOC_EPSILON;
}

static const char *const asc_tokname[] = {
    "end of file", "a number", "'('", "')'", "','", "'|'", "'set'", "'RGB'",
    "a string", "a name", "an unreadable token", "'<'", "'>'"};

struct tok {
    int type;
    int line;
    double x;   /* T_NUM */
    size_t s;   /* T_STR, T_LABEL, T_ERR: offset of the text (T_ERR: the problem) */
};

/* One Import3d_Section while reading. */
struct asec {
    int id;                 /* index of the first own point in the global point list */
    int line;               /* line of its last point */
    int npt, cap;
    double *x, *y, *z, *d;  /* raw points */
    int first;              /* raw point 0 is a wire start */
    int parent;             /* index in the reading order, -1 nil */
    double parentx;
    int type;
    int iscontour, is_subsidiary;
    int stack_next;         /* next contour of a soma stack (head: first subsidiary), -1 */
    int cline;              /* contour: line of its name */
};

struct asc {
    nrn_model *m;
    const char *path;
    int rc;                 /* first error */
    /* tokens */
    struct tok *tok;
    int ntok, captok;
    char *str;              /* token texts */
    size_t nstr, capstr;
    int nlines;
    /* parser */
    int cur;
    int depth;
    int lastprop;           /* token of the last entry of plist (its name), -1 empty */
    int parentsec, sectype;
    /* global point list (x, y, z, d, iline) */
    double *px, *py, *pz, *pd;
    int *pline;
    int np, capp;
    /* sections in creation order */
    struct asec *sec;
    int nsec, capsec;
    int mintype, maxtype;
    /* notes */
    int nspine, nshort, shortline, nfar, farline;
    int lenient_tok, lenient_line; /* first white space only rest: next token, line */
};

static void asc_fail(struct asc *a, int line, const char *fmt, ...)
{
    if (a->rc)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    a->rc = model_err(a->m, NRN_EFORMAT, "%s:%d: %s", a->path, line, msg);
}

static void asc_nomem(struct asc *a)
{
    if (!a->rc)
        a->rc = model_err(a->m, NRN_ENOMEM, "%s: out of memory", a->path);
}

/* Grows *p (elements of size sz) to hold n + 1; 0 or -1. */
static int asc_grow(void **p, int *cap, int n, size_t sz)
{
    if (n < *cap)
        return 0;
    int c = *cap ? 2 * *cap : 256;
    void *q = realloc(*p, sz * (size_t)c);
    if (!q)
        return -1;
    *p = q;
    *cap = c;
    return 0;
}

static size_t asc_addstr(struct asc *a, const char *s, size_t n)
{
    if (a->nstr + n + 1 > a->capstr) {
        size_t c = a->capstr ? a->capstr : 4096;
        while (a->nstr + n + 1 > c)
            c *= 2;
        char *q = realloc(a->str, c);
        if (!q) {
            asc_nomem(a);
            return 0;
        }
        a->str = q;
        a->capstr = c;
    }
    size_t off = a->nstr;
    memcpy(a->str + off, s, n);
    a->str[off + n] = 0;
    a->nstr += n + 1;
    return off;
}

static void asc_addtok(struct asc *a, int type, int line, double x, const char *s, size_t n)
{
    if (a->rc)
        return;
    if (asc_grow((void **)&a->tok, &a->captok, a->ntok, sizeof *a->tok)) {
        asc_nomem(a);
        return;
    }
    struct tok *t = &a->tok[a->ntok];
    t->type = type, t->line = line, t->x = x, t->s = 0;
    if (s)
        t->s = asc_addstr(a, s, n);
    if (!a->rc)
        a->ntok++;
}

/* ------------------------------------------------------------------------------------
** Lexer (lex(): one line at a time, the rest of the line after each token)
*/

struct lexer {
    const char *buf;
    size_t len, pos;   /* the file; next unread byte */
    int lineno;
    char *line;        /* current line + "\n", cut at '@' after each token */
    size_t linecap;
    size_t cur;        /* start of the rest */
};

/* File.gets + remove_trailspace: the next line ('\n', '\r' or "\r\n" ends it) with its
** trailing blanks removed and "\n" appended; 0 at the end of the file. */
static int lex_getline(struct asc *a, struct lexer *L)
{
    if (L->pos >= L->len)
        return 0;
    size_t b = L->pos, e = b;
    while (e < L->len && L->buf[e] != '\n' && L->buf[e] != '\r')
        e++;
    L->pos = e;
    if (L->pos < L->len) {
        if (L->buf[L->pos] == '\r' && L->pos + 1 < L->len && L->buf[L->pos + 1] == '\n')
            L->pos++;
        L->pos++;
    }
    L->lineno++;
    if (memchr(L->buf + b, 0, e - b)) {
        asc_fail(a, L->lineno, "NUL byte in the line (binary file?)");
        return 0;
    }
    while (e > b && L->buf[e - 1] == ' ')
        e--;
    if (e - b + 2 > L->linecap) {
        size_t c = 2 * (e - b + 2);
        char *q = realloc(L->line, c);
        if (!q) {
            asc_nomem(a);
            return 0;
        }
        L->line = q;
        L->linecap = c;
    }
    memcpy(L->line, L->buf + b, e - b);
    L->line[e - b] = '\n';
    L->line[e - b + 1] = 0;
    L->cur = 0;
    return 1;
}

static const char *skipws(const char *p)
{
    while (*p && isspace((unsigned char)*p))
        p++;
    return p;
}

/* The rest after a token starts at r: "%[^@]" keeps it up to the first '@'. */
static void lex_rest(struct lexer *L, char *r)
{
    char *at = strchr(r, '@');
    if (at)
        *at = 0;
    L->cur = (size_t)(r - L->line);
}

/* "%[^@]" after the token matches: at least one character, not '@'. */
static int rest_ok(const char *r)
{
    return *r && *r != '@';
}

static int is_labelch(int c)
{
    return isalnum(c) || c == '_';
}

/* Tokenizes the whole file; the token list ends with T_EOF or a (sticky) T_ERR. */
static void asc_lex(struct asc *a, const char *buf, size_t len)
{
    struct lexer L = {buf, len, 0, 0, NULL, 0, 0};
    L.line = malloc(64);
    if (!L.line) {
        asc_nomem(a);
        return;
    }
    L.linecap = 64;
    L.line[0] = 0;
    while (!a->rc) {
        /* skip blank (and, beyond NEURON, white space only) rests and comments */
        char *s = L.line + L.cur;
        for (;;) {
            size_t n = strlen(s);
            const char *p = skipws(s);
            int blank = n <= 1 || (*p == ';' && rest_ok(p + 1));
            if (!blank && !*p) { /* NEURON: an err_ token */
                blank = 1;
                if (a->lenient_tok < 0)
                    a->lenient_tok = a->ntok, a->lenient_line = L.lineno;
            }
            if (!blank)
                break;
            if (!lex_getline(a, &L)) {
                if (!a->rc)
                    asc_addtok(a, T_EOF, L.lineno ? L.lineno : 1, 0, NULL, 0);
                a->nlines = L.lineno;
                free(L.line);
                return;
            }
            s = L.line;
        }
        int ln = L.lineno;
        char *p = (char *)skipws(s);
        double x;
        int nc = -1;
        if (sscanf(s, " %lf%n", &x, &nc) == 1 && nc > 0 && rest_ok(s + nc)) {
            asc_addtok(a, T_NUM, ln, x, NULL, 0);
            lex_rest(&L, s + nc);
            continue;
        }
        static const char single[] = "(),|<>";
        static const int stype[] = {T_LP, T_RP, T_COMMA, T_BAR, T_LSP, T_RSP};
        const char *c = *p ? strchr(single, *p) : NULL;
        if (c && rest_ok(p + 1)) {
            asc_addtok(a, stype[c - single], ln, 0, NULL, 0);
            lex_rest(&L, p + 1);
            continue;
        }
        static const char *const words[] = {"set", "Set", "SET", "RGB"};
        int w;
        for (w = 0; w < 4; w++)
            if (!strncmp(p, words[w], 3) && rest_ok(skipws(p + 3)))
                break;
        if (w < 4) {
            asc_addtok(a, w < 3 ? T_SET : T_RGB, ln, 0, NULL, 0);
            lex_rest(&L, (char *)skipws(p + 3));
            continue;
        }
        if (*p == '"' && p[1] && p[1] != '"') {
            char *q = strchr(p + 1, '"');
            if (q && rest_ok(q + 1)) {
                asc_addtok(a, T_STR, ln, 0, p + 1, (size_t)(q - p - 1));
                lex_rest(&L, q + 1);
            } else { /* NEURON: "Lexical error: no closing '"' in string", drops the line */
                asc_addtok(a, T_ERR, ln, 0, "no closing '\"' in string", 25);
                L.line[0] = 0;
                L.cur = 0;
            }
            continue;
        }
        if (*p == '"' && p[1] == '"' && rest_ok(p + 2)) {
            asc_addtok(a, T_STR, ln, 0, "", 0);
            lex_rest(&L, p + 2);
            continue;
        }
        char *q = p;
        while (is_labelch((unsigned char)*q))
            q++;
        if (q > p && rest_ok(q)) {
            asc_addtok(a, T_LABEL, ln, 0, p, (size_t)(q - p));
            lex_rest(&L, q);
            continue;
        }
        /* nothing matches: lex() returns err_ without consuming, forever */
        char msg[64];
        if (*p == '@' || (q > p && *q == '@'))
            snprintf(msg, sizeof msg, "text cut by '@'");
        else if (isprint((unsigned char)*p))
            snprintf(msg, sizeof msg, "unexpected character '%c'", *p);
        else
            snprintf(msg, sizeof msg, "unexpected byte 0x%02x", (unsigned char)*p);
        asc_addtok(a, T_ERR, ln, 0, msg, strlen(msg));
        a->nlines = L.lineno;
        break;
    }
    free(L.line);
}

/* ------------------------------------------------------------------------------------
** Parser (the productions of read_nlcda3.hoc)
*/

static const struct tok *tk(const struct asc *a, int k)
{
    int i = a->cur + k;
    return &a->tok[i < a->ntok ? i : a->ntok - 1];
}
#define CUR(a) (tk(a, 0)->type)
#define LA(a) (tk(a, 1)->type)
#define LA2(a) (tk(a, 2)->type)

static void next(struct asc *a)
{
    if (a->cur < a->ntok - 1)
        a->cur++;
}

/* Describes token t for a message. */
static void tokdesc(const struct asc *a, const struct tok *t, char *buf, size_t size)
{
    switch (t->type) {
    case T_NUM:
        snprintf(buf, size, "the number %g", t->x);
        break;
    case T_STR:
        snprintf(buf, size, "the string \"%.40s\"", a->str + t->s);
        break;
    case T_LABEL:
        snprintf(buf, size, "\"%.40s\"", a->str + t->s);
        break;
    case T_ERR:
        snprintf(buf, size, "%s", a->str + t->s);
        break;
    case T_EOF:
        snprintf(buf, size, "the end of the file (unbalanced parentheses?)");
        break;
    default:
        snprintf(buf, size, "%s", asc_tokname[t->type]);
    }
}

/* p_err: "expected WHAT, found TOKEN". */
static void p_err(struct asc *a, const char *what)
{
    const struct tok *t = tk(a, 0);
    char d[160];
    tokdesc(a, t, d, sizeof d);
    if (t->type == T_ERR)
        asc_fail(a, t->line, "%s", d);
    else
        asc_fail(a, t->line, "expected %s, found %s", what, d);
}

static void chk(struct asc *a, int type)
{
    if (CUR(a) != type)
        p_err(a, asc_tokname[type]);
}

static void demand(struct asc *a, int type)
{
    next(a);
    chk(a, type);
}

static void optionalcomma(struct asc *a)
{
    if (CUR(a) == T_COMMA)
        next(a);
}

/* Takes a token of the given type (chk, then next) unless a problem came before; a->rc. */
static int expect(struct asc *a, int type)
{
    if (!a->rc) {
        chk(a, type);
        if (!a->rc)
            next(a);
    }
    return a->rc;
}

/* "(" then a token of the given type, which stays current (chk + demand); a->rc. */
static int open_with(struct asc *a, int type)
{
    chk(a, T_LP);
    if (!a->rc)
        demand(a, type);
    return a->rc;
}

static void objects(struct asc *a);
static void points(struct asc *a);
static void branch(struct asc *a);

static void p_set(struct asc *a)
{
    if (open_with(a, T_SET))
        return;
    demand(a, T_STR);
    if (a->rc)
        return;
    next(a);
    if (CUR(a) != T_RP)
        objects(a);
    expect(a, T_RP);
}

static void value(struct asc *a)
{
    int c = CUR(a);
    if (c == T_RGB) {
        demand(a, T_LP);
        if (!a->rc)
            demand(a, T_NUM);
        if (a->rc)
            return;
        next(a);
        optionalcomma(a);
        chk(a, T_NUM);
        if (a->rc)
            return;
        next(a);
        optionalcomma(a);
        chk(a, T_NUM);
        if (!a->rc)
            demand(a, T_RP);
    } else if (c != T_NUM && c != T_STR && c != T_LABEL)
        p_err(a, "a value");
    if (!a->rc)
        next(a);
}

static int is_value(int c)
{
    return c == T_NUM || c == T_STR || c == T_LABEL || c == T_RGB;
}

static void property(struct asc *a)
{
    if (open_with(a, T_LABEL))
        return;
    a->lastprop = a->cur;
    next(a);
    while (!a->rc && is_value(CUR(a))) /* optionalvalues / values */
        value(a);
    expect(a, T_RP);
}

static void property_or_set(struct asc *a)
{
    if (LA(a) == T_LABEL)
        property(a);
    else
        p_set(a);
}

static void properties(struct asc *a)
{
    a->lastprop = -1;
    if (CUR(a) == T_LP && (LA(a) == T_LABEL || LA(a) == T_SET)) {
        property_or_set(a);
        while (!a->rc) {
            optionalcomma(a);
            if (CUR(a) != T_LP || (LA(a) != T_LABEL && LA(a) != T_SET))
                break;
            property_or_set(a);
        }
    }
}

static void optbezier(struct asc *a)
{
    optionalcomma(a);
    if (CUR(a) != T_LP)
        return;
    demand(a, T_NUM);
    for (int k = 0; k < 3 && !a->rc; k++) {
        next(a);
        optionalcomma(a);
        chk(a, T_NUM);
    }
    if (a->rc)
        return;
    demand(a, T_RP);
    if (!a->rc)
        next(a);
}

/* point (spine_point when sp): "(" x [","] y [z [d [label] [bezier]]] ")". */
static void point1(struct asc *a, int sp)
{
    double v[4] = {0, 0, 0, 0};
    int line;
    if (open_with(a, T_NUM))
        return;
    v[0] = tk(a, 0)->x;
    line = tk(a, 0)->line;
    next(a);
    optionalcomma(a);
    chk(a, T_NUM);
    if (a->rc)
        return;
    v[1] = tk(a, 0)->x;
    next(a);
    optionalcomma(a); /* optz */
    if (CUR(a) == T_NUM) {
        v[2] = tk(a, 0)->x;
        next(a);
        optionalcomma(a); /* optmodifier */
        if (CUR(a) == T_NUM) {
            v[3] = tk(a, 0)->x;
            next(a);
            optionalcomma(a);
            if (CUR(a) == T_LABEL)
                next(a);
            optbezier(a);
        }
    }
    if (a->rc)
        return;
    if (!sp) {
        if (a->np == a->capp) {
            int c = a->capp ? 2 * a->capp : 1024;
            double **dst[4] = {&a->px, &a->py, &a->pz, &a->pd};
            for (int k = 0; k < 4; k++) {
                double *r = realloc(*dst[k], sizeof(double) * (size_t)c);
                if (!r) {
                    asc_nomem(a);
                    return;
                }
                *dst[k] = r;
            }
            int *r = realloc(a->pline, sizeof(int) * (size_t)c);
            if (!r) {
                asc_nomem(a);
                return;
            }
            a->pline = r;
            a->capp = c;
        }
        a->px[a->np] = v[0], a->py[a->np] = v[1], a->pz[a->np] = v[2], a->pd[a->np] = v[3];
        a->pline[a->np] = line;
        a->np++;
    }
    expect(a, T_RP);
}

static void point(struct asc *a)
{
    point1(a, 0);
}

static void points(struct asc *a)
{
    point(a);
    while (!a->rc) {
        optionalcomma(a);
        if (CUR(a) != T_LP)
            break;
        point(a);
    }
}

static void marker(struct asc *a)
{
    if (open_with(a, T_LABEL))
        return;
    next(a);
    properties(a);
    if (!a->rc)
        points(a);
    expect(a, T_RP);
}

static void marker_or_property(struct asc *a)
{
    if (LA2(a) == T_LP)
        marker(a);
    else
        property(a);
}

/* markerlist: skips a balanced parenthesised list (NEURON loops forever at its end). */
static void markerlist(struct asc *a)
{
    chk(a, T_LP);
    if (a->rc)
        return;
    int pcnt = 1, line = tk(a, 0)->line;
    while (pcnt) {
        next(a);
        int c = CUR(a);
        if (c == T_RP)
            pcnt--;
        else if (c == T_LP)
            pcnt++;
        else if (c == T_EOF) {
            asc_fail(a, tk(a, 0)->line,
                     "the end of the file inside the marker list opened at line %d "
                     "(unbalanced parentheses)", line);
            return;
        } else if (c == T_ERR) {
            p_err(a, "");
            return;
        }
    }
    next(a);
}

/* Appends a section of the global points begin..end-1 (newsec). */
static void newsec(struct asc *a, int begin, int end, int line)
{
    int n = end - begin;
    if (n <= 0) {
        asc_fail(a, line, "a branch without points");
        return;
    }
    int extra = 0;
    if (a->parentsec >= 0) { /* need_extra */
        const struct asec *p = &a->sec[a->parentsec];
        int l = p->npt - 1;
        extra = !(hoc_eq(p->x[l], a->px[begin]) && hoc_eq(p->y[l], a->py[begin]) &&
                  hoc_eq(p->z[l], a->pz[begin]));
    }
    if (asc_grow((void **)&a->sec, &a->capsec, a->nsec, sizeof *a->sec)) {
        asc_nomem(a);
        return;
    }
    struct asec *s = &a->sec[a->nsec];
    memset(s, 0, sizeof *s);
    s->id = begin;
    s->parent = -1;
    s->parentx = 1;
    s->stack_next = -1;
    s->type = a->sectype;
    s->line = a->pline[end - 1];
    s->cap = n + 1;
    s->x = malloc(sizeof(double) * (size_t)s->cap);
    s->y = malloc(sizeof(double) * (size_t)s->cap);
    s->z = malloc(sizeof(double) * (size_t)s->cap);
    s->d = malloc(sizeof(double) * (size_t)s->cap);
    a->nsec++; /* owned from here */
    if (!s->x || !s->y || !s->z || !s->d) {
        asc_nomem(a);
        return;
    }
    if (extra) {
        const struct asec *p = &a->sec[a->parentsec];
        int l = p->npt - 1;
        s->x[0] = p->x[l], s->y[0] = p->y[l], s->z[0] = p->z[l], s->d[0] = a->pd[begin];
        /* newsec's "first" is a local: the section's first stays 0, the copy of the
           parent's end point is a 3-D point of the branch */
    }
    for (int k = begin; k < end; k++) { /* NEURON would take them; pt3dadd would not */
        static const char *const coord[4] = {"x", "y", "z", "diameter"};
        double v[4] = {a->px[k], a->py[k], a->pz[k], a->pd[k]};
        for (int c = 0; c < 4; c++)
            if (!isfinite(v[c])) {
                asc_fail(a, a->pline[k], "%s is not a finite number", coord[c]);
                return;
            }
    }
    for (int k = 0; k < n; k++) {
        int j = extra + k;
        s->x[j] = a->px[begin + k], s->y[j] = a->py[begin + k];
        s->z[j] = a->pz[begin + k], s->d[j] = a->pd[begin + k];
    }
    s->npt = n + extra;
    if (a->nsec == 1 || s->type < a->mintype)
        a->mintype = s->type;
    if (a->nsec == 1 || s->type > a->maxtype)
        a->maxtype = s->type;
}

static void contour(struct asc *a)
{
    int begin = a->np;
    if (open_with(a, T_STR))
        return;
    const char *name = a->str + tk(a, 0)->s;
    int keep = !strcmp(name, "CellBody") || !strcmp(name, "Cell Body") || !strcmp(name, "Soma");
    int il = tk(a, 0)->line;
    next(a);
    properties(a); /* contourinfo */
    if (!a->rc)
        points(a);
    if (a->rc)
        return;
    if (keep) {
        int end = a->np;
        if (end - begin > 2) {
            a->sectype = 1;
            newsec(a, begin, end, il);
            if (a->rc)
                return;
            a->sec[a->nsec - 1].iscontour = 1;
            a->sec[a->nsec - 1].cline = il;
        } else if (!a->nshort++)
            a->shortline = il;
    }
    expect(a, T_RP);
}

static void spine_proc(struct asc *a)
{
    if (expect(a, T_LSP))
        return;
    a->nspine++;
    properties(a);
    if (!a->rc)
        point1(a, 1);
    expect(a, T_RSP);
}

static void treepoint(struct asc *a)
{
    if (LA(a) == T_LABEL)
        marker_or_property(a);
    else {
        point(a);
        while (!a->rc && CUR(a) == T_LSP) /* spines_proc */
            spine_proc(a);
    }
}

static void split(struct asc *a)
{
    branch(a);
    while (!a->rc && CUR(a) == T_BAR) {
        next(a);
        branch(a);
    }
}

static void node(struct asc *a)
{
    if (CUR(a) == T_LP) {
        next(a);
        split(a);
        expect(a, T_RP);
    } else if (CUR(a) == T_LABEL)
        next(a);
    else
        p_err(a, "'(' or a name");
}

static void branchend(struct asc *a)
{
    optionalcomma(a);
    if (CUR(a) == T_LP)
        while (!a->rc && LA(a) == T_LABEL)
            markerlist(a);
    if (a->rc)
        return;
    optionalcomma(a);
    if (CUR(a) == T_LP || CUR(a) == T_LABEL)
        node(a);
}

static void branch(struct asc *a)
{
    if (++a->depth > ASC_MAXDEPTH) {
        asc_fail(a, tk(a, 0)->line, "branches nested more than %d deep", ASC_MAXDEPTH);
        return;
    }
    int psav = a->parentsec, begin = a->np, line = tk(a, 0)->line;
    treepoint(a); /* treepoints */
    while (!a->rc) {
        optionalcomma(a);
        if (CUR(a) != T_LP || LA(a) != T_NUM)
            break;
        treepoint(a);
    }
    if (a->rc)
        return;
    newsec(a, begin, a->np, line);
    if (a->rc)
        return;
    a->sec[a->nsec - 1].parent = a->parentsec;
    a->parentsec = a->nsec - 1;
    branchend(a);
    a->parentsec = psav;
    a->depth--;
}

static void set_sectype(struct asc *a)
{
    a->sectype = 0;
    if (a->lastprop >= 0) {
        const char *s = a->str + a->tok[a->lastprop].s;
        if (!strcmp(s, "Axon"))
            a->sectype = 2;
        else if (!strcmp(s, "Dendrite"))
            a->sectype = 3;
        else if (!strcmp(s, "Apical"))
            a->sectype = 4;
    }
}

static void tree(struct asc *a)
{
    a->parentsec = -1;
    if (expect(a, T_LP))
        return;
    properties(a);
    if (a->rc)
        return;
    set_sectype(a);
    branch(a);
    if (expect(a, T_RP))
        return;
    a->parentsec = -1;
}

/* text: "(" properties point string ")"; 0 (not an error) when it is not one. */
static int text(struct asc *a)
{
    if (expect(a, T_LP))
        return 0;
    properties(a);
    if (!a->rc)
        point(a);
    if (a->rc || CUR(a) != T_STR)
        return 0;
    next(a);
    if (CUR(a) != T_RP)
        return 0;
    next(a);
    return 1;
}

static void tree_or_text(struct asc *a)
{
    int save = a->cur; /* save_for_rollback */
    if (!text(a) && !a->rc) {
        a->cur = save; /* use_rollback (the point text() read stays in the list) */
        tree(a);
    }
}

static void object(struct asc *a)
{
    if (CUR(a) != T_LP) {
        p_err(a, "'('");
        return;
    }
    switch (LA(a)) {
    case T_STR:
        contour(a);
        break;
    case T_LABEL:
        marker_or_property(a);
        break;
    case T_LP:
        tree_or_text(a);
        break;
    case T_SET:
        p_set(a);
        break;
    default:
        next(a);
        p_err(a, "a string, a name or '(' after '('");
    }
}

static void objects(struct asc *a)
{
    object(a);
    while (!a->rc) {
        optionalcomma(a);
        if (CUR(a) != T_LP)
            break;
        object(a);
    }
}

/* ------------------------------------------------------------------------------------
** Numerics: Vector and Matrix methods as NEURON computes them
*/

/* Vector.interpolate(xd, xs) of ys into yd (nd values). */
static void v_interpolate(double *yd, const double *xd, int nd, const double *xs,
                          const double *ys, int ns)
{
    int id, is;
    for (id = 0; id < nd && xd[id] <= xs[0]; ++id)
        yd[id] = ys[0];
    for (is = 1; is < ns && id < nd; ++is) {
        if (xs[is] <= xs[is - 1])
            continue;
        while (xd[id] <= xs[is]) {
            double thet = (xd[id] - xs[is - 1]) / (xs[is] - xs[is - 1]);
            yd[id] = (1. - thet) * ys[is - 1] + thet * ys[is];
            ++id;
            if (id >= nd)
                break;
        }
    }
    for (; id < nd; ++id)
        yd[id] = ys[ns - 1];
}

static double v_sum(const double *v, int n)
{
    double s = 0.;
    for (int i = 0; i < n; i++)
        s += v[i];
    return s;
}

static double v_dot3(const double a[3], const double b[3])
{
    double s = 0.;
    for (int i = 0; i < 3; i++)
        s += a[i] * b[i];
    return s;
}

static int v_max_ind(const double *v, int n)
{
    int k = 0;
    for (int i = 1; i < n; i++)
        if (v[k] < v[i])
            k = i;
    return k;
}

static int v_min_ind(const double *v, int n)
{
    int k = 0;
    for (int i = 1; i < n; i++)
        if (v[i] < v[k])
            k = i;
    return k;
}

/*
** Import3d_Section.contourcenter: the contour (n points) resampled at 101 equally spaced
** perimeter positions (perimeter in the xy plane, closing edge excluded) into xo, yo, zo;
** returns their mean in c.
*/
static int contourcenter(const double *x, const double *y, const double *z, int n,
                         double *xo, double *yo, double *zo, double c[3])
{
    double *perim = malloc(sizeof(double) * (size_t)n);
    if (!perim)
        return -1;
    perim[0] = 0;
    for (int i = 1; i < n; i++) {
        double dx = x[i] - x[i - 1], dy = y[i] - y[i - 1], dz = 0. - 0.;
        double s = 0.;
        s += dx * dx;
        s += dy * dy;
        s += dz * dz;
        perim[i] = perim[i - 1] + sqrt(s);
    }
    double d[101], step = perim[n - 1] / 100;
    for (int i = 0; i < 101; i++)
        d[i] = (double)i * step + 0.;
    v_interpolate(xo, d, 101, perim, x, n);
    v_interpolate(yo, d, 101, perim, y, n);
    v_interpolate(zo, d, 101, perim, z, n);
    free(perim);
    c[0] = v_sum(xo, 101) / 101;
    c[1] = v_sum(yo, 101) / 101;
    c[2] = v_sum(zo, 101) / 101;
    return 0;
}

/* meschach __ip__ (no unrolling in NEURON's build). */
static double m_ip(const double *a, const double *b, int len)
{
    double s = 0.0;
    for (int i = 0; i < len; i++)
        s += a[i] * b[i];
    return s;
}

/* meschach __mltadd__: a += s*b. */
static void m_mltadd(double *a, const double *b, double s, int len)
{
    for (int i = 0; i < len; i++)
        a[i] += s * b[i];
}

#define MN 3

static void hhtrcols(double M[MN][MN], int i0, int j0, const double *hh, double beta)
{
    if (beta == 0.0)
        return;
    double w[MN] = {0, 0, 0};
    for (int i = i0; i < MN; i++)
        if (hh[i] != 0.0)
            m_mltadd(&w[j0], &M[i][j0], hh[i], MN - j0);
    for (int i = i0; i < MN; i++)
        if (hh[i] != 0.0)
            m_mltadd(&M[i][j0], &w[j0], -beta * hh[i], MN - j0);
}

static void hhtrrows(double M[MN][MN], int i0, int j0, const double *hh, double beta)
{
    if (beta == 0.0)
        return;
    for (int i = i0; i < MN; i++) {
        double ip = m_ip(&M[i][j0], &hh[j0], MN - j0);
        double scale = beta * ip;
        if (scale == 0.0)
            continue;
        m_mltadd(&M[i][j0], &hh[j0], -scale, MN - j0);
    }
}

/* rot_cols(Q, i, k, c, s, Q) */
static void rot_cols(double Q[MN][MN], int i, int k, double c, double s)
{
    for (int j = 0; j < MN; j++) {
        double temp = c * Q[j][i] + s * Q[j][k];
        Q[j][k] = -s * Q[j][i] + c * Q[j][k];
        Q[j][i] = temp;
    }
}

static void givens(double x, double y, double *c, double *s)
{
    double norm = sqrt(x * x + y * y);
    if (norm == 0.0)
        *c = 1.0, *s = 0.0;
    else
        *c = x / norm, *s = y / norm;
}

#define SQRT2 1.4142135623730949
#define sgn(x) ((x) >= 0 ? 1 : -1)

/*
** The rotation of one trieig step: givens(x, y) with s negated, then c^2 and s^2 (the one
** of the smaller of |c| and |s| squared, the other 1 minus it) and c*s.
*/
static void trieig_rot(double x, double y, double *c, double *s, double *c2, double *s2,
                       double *cs)
{
    givens(x, y, c, s);
    *s = -*s;
    if (fabs(*c) < SQRT2) {
        *c2 = *c * *c;
        *s2 = 1 - *c2;
    } else {
        *s2 = *s * *s;
        *c2 = 1 - *s2;
    }
    *cs = *c * *s;
}

/* meschach trieig; 0, or -1 if it does not converge (NEURON would loop forever). */
static int trieig(double *a_ve, double *b_ve, double Q[MN][MN])
{
    int i, i_min, i_max, n = MN, split, iter = 0;
    double b_sqr, bk, ak1, bk1, ak2, bk2, z, c, c2, cs, s, s2, d, mu;
    i_min = 0;
    while (i_min < n) {
        i_max = n - 1;
        for (i = i_min; i < n - 1; i++)
            if (b_ve[i] == 0.0) {
                i_max = i;
                break;
            }
        if (i_max <= i_min) {
            i_min = i_max + 1;
            continue;
        }
        split = 0;
        while (!split) {
            if (++iter > 10000)
                return -1;
            d = (a_ve[i_max - 1] - a_ve[i_max]) / 2;
            b_sqr = b_ve[i_max - 1] * b_ve[i_max - 1];
            mu = a_ve[i_max] - b_sqr / (d + sgn(d) * sqrt(d * d + b_sqr));
            trieig_rot(a_ve[i_min] - mu, b_ve[i_min], &c, &s, &c2, &s2, &cs);
            ak1 = c2 * a_ve[i_min] + s2 * a_ve[i_min + 1] - 2 * cs * b_ve[i_min];
            bk1 = cs * (a_ve[i_min] - a_ve[i_min + 1]) + (c2 - s2) * b_ve[i_min];
            ak2 = s2 * a_ve[i_min] + c2 * a_ve[i_min + 1] + 2 * cs * b_ve[i_min];
            bk2 = (i_min < i_max - 1) ? c * b_ve[i_min + 1] : 0.0;
            z = (i_min < i_max - 1) ? -s * b_ve[i_min + 1] : 0.0;
            a_ve[i_min] = ak1;
            a_ve[i_min + 1] = ak2;
            b_ve[i_min] = bk1;
            if (i_min < i_max - 1)
                b_ve[i_min + 1] = bk2;
            rot_cols(Q, i_min, i_min + 1, c, -s);
            for (i = i_min + 1; i < i_max; i++) {
                trieig_rot(b_ve[i - 1], z, &c, &s, &c2, &s2, &cs);
                bk = c * b_ve[i - 1] - s * z;
                ak1 = c2 * a_ve[i] + s2 * a_ve[i + 1] - 2 * cs * b_ve[i];
                bk1 = cs * (a_ve[i] - a_ve[i + 1]) + (c2 - s2) * b_ve[i];
                ak2 = s2 * a_ve[i] + c2 * a_ve[i + 1] + 2 * cs * b_ve[i];
                bk2 = (i + 1 < i_max) ? c * b_ve[i + 1] : 0.0;
                z = (i + 1 < i_max) ? -s * b_ve[i + 1] : 0.0;
                a_ve[i] = ak1;
                a_ve[i + 1] = ak2;
                b_ve[i] = bk1;
                if (i < i_max - 1)
                    b_ve[i + 1] = bk2;
                if (i > i_min)
                    b_ve[i - 1] = bk;
                rot_cols(Q, i, i + 1, c, -s);
            }
            for (i = i_min; i < i_max; i++)
                if (fabs(b_ve[i]) < DBL_EPSILON * (fabs(a_ve[i]) + fabs(a_ve[i + 1]))) {
                    b_ve[i] = 0.0;
                    split = 1;
                }
        }
    }
    return 0;
}

/* Matrix.symmeig: eigenvalues of the symmetric A in ev, eigenvectors in the columns of Q
** (meschach symmeig: Hfactor, makeHQ, trieig). 0 or -1. */
static int symmeig(const double A[MN][MN], double Q[MN][MN], double ev[MN])
{
    double t[MN][MN], diag[MN], beta[MN], b[MN - 1], tmp1[MN], tmp2[MN];
    memcpy(t, A, sizeof t);
    int limit = MN - 1;
    for (int k = 0; k < limit; k++) { /* Hfactor */
        for (int i = 0; i < MN; i++)
            tmp1[i] = t[i][k];
        double norm = sqrt(m_ip(&tmp1[k + 1], &tmp1[k + 1], MN - k - 1));
        if (norm <= 0.0)
            beta[k] = 0.0;
        else {
            beta[k] = 1.0 / (norm * (norm + fabs(tmp1[k + 1])));
            t[k + 1][k] = tmp1[k + 1] > 0.0 ? -norm : norm;
            tmp1[k + 1] -= t[k + 1][k];
        }
        diag[k] = tmp1[k + 1];
        hhtrcols(t, k + 1, k + 1, tmp1, beta[k]);
        hhtrrows(t, 0, k + 1, tmp1, beta[k]);
    }
    for (int i = 0; i < MN; i++) { /* makeHQ */
        for (int j = 0; j < MN; j++)
            tmp1[j] = 0.0;
        tmp1[i] = 1.0;
        for (int j = limit - 1; j >= 0; j--) {
            for (int r = 0; r < MN; r++)
                tmp2[r] = t[r][j];
            tmp2[j + 1] = diag[j];
            double scale = beta[j] * m_ip(&tmp2[j + 1], &tmp1[j + 1], MN - j - 1);
            m_mltadd(&tmp1[j + 1], &tmp2[j + 1], -scale, MN - j - 1);
        }
        for (int r = 0; r < MN; r++)
            Q[r][i] = tmp1[r];
    }
    int i;
    for (i = 0; i < MN - 1; i++) {
        ev[i] = t[i][i];
        b[i] = t[i][i + 1];
    }
    ev[i] = t[i][i];
    return trieig(ev, b, Q);
}

/* Vector.remove(j) */
static void v_remove(double *v, int *n, int j)
{
    memmove(v + j, v + j + 1, sizeof(double) * (size_t)(*n - j - 1));
    (*n)--;
}

/*
** Makes v (n values) increasing as contour2centroid does, from the end: a value not above
** its predecessor + float_epsilon is removed, and the value of w at the same index.
*/
static void v_monotonic(double *v, double *w, int *n)
{
    for (int j = *n - 1; j > 0; j--)
        if (v[j] <= v[j - 1] + ASC_HOC_EPSILON) {
            int nn = *n;
            v_remove(v, n, j);
            v_remove(w, &nn, j);
            if (j != *n)
                j++;
        }
}

/* The points replacing a contour. */
struct centroid {
    int n;
    double *x, *y, *z, *d;
};

static int centroid_alloc(struct centroid *c, int n)
{
    c->n = n;
    c->x = malloc(sizeof(double) * (size_t)(n ? n : 1));
    c->y = malloc(sizeof(double) * (size_t)(n ? n : 1));
    c->z = malloc(sizeof(double) * (size_t)(n ? n : 1));
    c->d = malloc(sizeof(double) * (size_t)(n ? n : 1));
    return c->x && c->y && c->z && c->d ? 0 : -1;
}

static void centroid_free(struct centroid *c)
{
    free(c->x), free(c->y), free(c->z), free(c->d);
    memset(c, 0, sizeof *c);
}

/*
** Import3d_GUI.contour2centroid for a single contour: points along the major axis of the
** resampled contour, diameters across it. Returns 0, -1 (no memory) or 1 (degenerate).
*/
static int contour2centroid(const struct asec *s, struct centroid *out)
{
    double X[101], Y[101], Z[101], mean[3];
    if (contourcenter(s->x, s->y, s->z, s->npt, X, Y, Z, mean))
        return -1;
    double P[3][101];
    for (int k = 0; k < 101; k++) {
        P[0][k] = X[k] - mean[0];
        P[1][k] = Y[k] - mean[1];
        P[2][k] = Z[k] - mean[2];
    }
    double M[MN][MN], Q[MN][MN], ev[MN];
    for (int i = 0; i < 3; i++)
        for (int j = i; j < 3; j++) {
            double sum = 0.;
            for (int k = 0; k < 101; k++)
                sum += P[i][k] * P[j][k];
            M[i][j] = M[j][i] = sum;
        }
    memcpy(Q, M, sizeof Q);
    if (symmeig(M, Q, ev))
        return 1;
    int imx = v_max_ind(ev, 3), imn = v_min_ind(ev, 3);
    if (imx == imn)
        return 1;
    double major[3], minor[3];
    for (int r = 0; r < 3; r++) {
        major[r] = Q[r][imx];
        minor[r] = Q[r][3 - imn - imx];
    }
    minor[2] = 0;
    double mag = sqrt(v_dot3(minor, minor));
    if (!(mag > 0))
        return 1;
    for (int r = 0; r < 3; r++)
        minor[r] /= mag;
    double d[101], rad[101], t[101];
    for (int k = 0; k < 101; k++) {
        double pt[3] = {P[0][k], P[1][k], P[2][k]};
        d[k] = v_dot3(pt, major);
        rad[k] = v_dot3(pt, minor);
    }
    /* d.rotate(-imax), rad.rotate(-imax): start at the maximum */
    int imax = v_max_ind(d, 101);
    for (int k = 0; k < 101; k++)
        t[k] = d[(k + imax) % 101];
    memcpy(d, t, sizeof d);
    for (int k = 0; k < 101; k++)
        t[k] = rad[(k + imax) % 101];
    memcpy(rad, t, sizeof rad);
    int imin = v_min_ind(d, 101);
    if (imin < 1)
        return 1;
    double side2[101], rad2[101];
    int n2 = 101 - imin, n1 = imin;
    memcpy(side2, d + imin, sizeof(double) * (size_t)n2);
    memcpy(rad2, rad + imin, sizeof(double) * (size_t)n2);
    for (int k = 0; k < n1 / 2; k++) { /* resize(imin).reverse */
        double u = d[k];
        d[k] = d[n1 - 1 - k], d[n1 - 1 - k] = u;
        u = rad[k];
        rad[k] = rad[n1 - 1 - k], rad[n1 - 1 - k] = u;
    }
    /* make both sides monotonic */
    v_monotonic(d, rad, &n1);
    v_monotonic(side2, rad2, &n2);
    /* tobj = d.c.append(side2).sort; indgen(tobj[1], tobj[size-2], (j-i)/20) */
    double all[202];
    int na = n1 + n2;
    memcpy(all, d, sizeof(double) * (size_t)n1);
    memcpy(all + n1, side2, sizeof(double) * (size_t)n2);
    for (int i = 1; i < na; i++) { /* insertion sort: values only, order of ties moot */
        double v = all[i];
        int j = i - 1;
        while (j >= 0 && all[j] > v) {
            all[j + 1] = all[j];
            j--;
        }
        all[j + 1] = v;
    }
    if (na < 3)
        return 1;
    double i0 = all[1], j0 = all[na - 2], step = (j0 - i0) / 20;
    if (!(step > 0))
        return 1;
    double xn = floor((j0 - i0) / step + ASC_INDGEN_EPSILON) + 1.;
    if (!(xn >= 2 && xn <= 1000))
        return 1;
    int nt = (int)xn;
    double *tt = malloc(sizeof(double) * (size_t)nt * 3);
    if (!tt)
        return -1;
    double *ra = tt + nt, *rb = tt + 2 * nt;
    for (int k = 0; k < nt; k++)
        tt[k] = (double)k * step + i0;
    v_interpolate(ra, tt, nt, d, rad, n1);
    v_interpolate(rb, tt, nt, side2, rad2, n2);
    if (centroid_alloc(out, nt)) {
        free(tt);
        return -1;
    }
    for (int k = 0; k < nt; k++) {
        out->x[k] = major[0] * tt[k] + mean[0];
        out->y[k] = major[1] * tt[k] + mean[1];
        out->z[k] = major[2] * tt[k] + mean[2];
        out->d[k] = fabs(ra[k] - rb[k]);
    }
    out->d[0] = (out->d[0] + out->d[1]) / 2;
    out->d[nt - 1] = (out->d[nt - 1] + out->d[nt - 2]) / 2;
    free(tt);
    return 0;
}

/* Import3d_Section.approximate_contour_by_circle: centre c and diameter *diam. */
static int contour_circle(const struct asec *s, double c[3], double *diam)
{
    int n = s->npt;
    double perim = 0;
    for (int i = 0; i < n; i++) {
        int j = (i + 1) % n;
        double e[3] = {s->x[i] - s->x[j], s->y[i] - s->y[j], s->z[i] - s->z[j]};
        perim += sqrt(v_dot3(e, e));
    }
    double X[101], Y[101], Z[101];
    if (contourcenter(s->x, s->y, s->z, n, X, Y, Z, c))
        return -1;
    for (int k = 0; k < 101; k++) {
        X[k] = (X[k] - c[0]) * (X[k] - c[0]);
        Y[k] = (Y[k] - c[1]) * (Y[k] - c[1]);
        Z[k] = (Z[k] - c[2]) * (Z[k] - c[2]);
        X[k] = sqrt(X[k] + Y[k] + Z[k]);
    }
    *diam = v_sum(X, 101) / 101 + perim / (2 * ASC_PI);
    return 0;
}

/* ------------------------------------------------------------------------------------
** connect2soma and the soma stacks
*/

static void bbox(const struct asec *s, double bb[6])
{
    const double *v[3] = {s->x, s->y, s->z};
    for (int r = 0; r < 3; r++) {
        double lo = v[r][0], hi = v[r][0];
        for (int i = 1; i < s->npt; i++) {
            if (v[r][i] < lo)
                lo = v[r][i];
            if (v[r][i] > hi)
                hi = v[r][i];
        }
        bb[r] = lo, bb[r + 3] = hi;
    }
}

static int xy_intersect(const double a[6], const double b[6])
{
    for (int i = 0; i < 2; i++)
        if (a[i] > b[3 + i] + ASC_HOC_EPSILON || b[i] > a[3 + i] + ASC_HOC_EPSILON)
            return 0;
    return 1;
}

/* sec.insrt(0, x, y, z, d); first = 1 */
static int sec_insert0(struct asec *s, const double c[3], double d)
{
    if (s->npt + 1 > s->cap) {
        int cap = 2 * s->cap + 1;
        double **v[4] = {&s->x, &s->y, &s->z, &s->d};
        for (int k = 0; k < 4; k++) {
            double *q = realloc(*v[k], sizeof(double) * (size_t)cap);
            if (!q)
                return -1;
            *v[k] = q;
        }
        s->cap = cap;
    }
    memmove(s->x + 1, s->x, sizeof(double) * (size_t)s->npt);
    memmove(s->y + 1, s->y, sizeof(double) * (size_t)s->npt);
    memmove(s->z + 1, s->z, sizeof(double) * (size_t)s->npt);
    memmove(s->d + 1, s->d, sizeof(double) * (size_t)s->npt);
    s->x[0] = c[0], s->y[0] = c[1], s->z[0] = c[2], s->d[0] = d;
    s->npt++;
    s->first = 1;
    return 0;
}

/* stk_center: the point half way along the polyline of the stack's contour centres. */
static int stk_center(struct asc *a, int head, double c[3])
{
    int n = 1;
    for (int k = a->sec[head].stack_next; k >= 0; k = a->sec[k].stack_next)
        n++;
    double *cen = malloc(sizeof(double) * 3 * (size_t)n), *lenvec = malloc(sizeof(double) * (size_t)n);
    double X[101], Y[101], Z[101];
    if (!cen || !lenvec) {
        free(cen), free(lenvec);
        return -1;
    }
    int i = 0, k = head, rc = 0;
    double len = 0, cc[3] = {0, 0, 0};
    for (; k >= 0 && !rc; k = a->sec[k].stack_next, i++) {
        const struct asec *s = &a->sec[k];
        rc = contourcenter(s->x, s->y, s->z, s->npt, X, Y, Z, cc);
        memcpy(cen + 3 * i, cc, sizeof cc);
        if (i == 0)
            lenvec[0] = 0;
        else {
            double e[3] = {cc[0] - cen[3 * (i - 1)], cc[1] - cen[3 * (i - 1) + 1],
                           cc[2] - cen[3 * (i - 1) + 2]};
            len += sqrt(v_dot3(e, e));
            lenvec[i] = len;
        }
    }
    if (!rc) {
        len = len / 2;
        if (hoc_eq(len, 0))
            memcpy(c, cen, sizeof(double) * 3);
        else {
            for (i = 0; i < n && !(lenvec[i] > len + ASC_HOC_EPSILON); i++)
                ;
            if (i < 1 || i >= n)
                i = n - 1; /* NEURON: index -1 (cannot happen for len > 0) */
            double th = (len - lenvec[i - 1]) / (lenvec[i] - lenvec[i - 1]);
            for (int j = 0; j < 3; j++)
                c[j] = th * cen[3 * i + j] + (1 - th) * cen[3 * (i - 1) + j];
        }
    }
    free(cen), free(lenvec);
    return rc;
}

/*
** connect2soma: soma contours first (stable), overlapping consecutive ones stacked,
** roots hung on the soma whose bounding box holds their first point, else on the nearest
** soma centre. order receives the section list order.
*/
static int connect2soma(struct asc *a, int *order)
{
    int n = a->nsec, j = 0;
    for (int i = 0; i < n; i++)
        if (a->sec[i].iscontour)
            order[j++] = i;
    int nsoma = j;
    for (int i = 0; i < n; i++)
        if (!a->sec[i].iscontour)
            order[j++] = i;
    if (nsoma == 0)
        return 0;
    int *somas = malloc(sizeof(int) * (size_t)nsoma), *roots = malloc(sizeof(int) * (size_t)n);
    double *centers = malloc(sizeof(double) * 3 * (size_t)nsoma);
    if (!somas || !roots || !centers) {
        free(somas), free(roots), free(centers);
        return -1;
    }
    /* soma_contour_stack */
    int ns = 0, firsts = order[0], last = order[0];
    double bb1[6], bb2[6];
    somas[ns++] = order[0];
    bbox(&a->sec[order[0]], bb1);
    for (int i = 1; i < nsoma; i++) {
        int nx = order[i];
        bbox(&a->sec[nx], bb2);
        if (xy_intersect(bb1, bb2)) {
            if (a->sec[firsts].stack_next < 0)
                a->sec[firsts].stack_next = nx;
            else
                a->sec[last].stack_next = nx;
            last = nx;
            a->sec[nx].is_subsidiary = 1;
        } else {
            firsts = last = nx;
            somas[ns++] = nx;
        }
        memcpy(bb1, bb2, sizeof bb1);
    }
    int nr = 0, rc = 0;
    for (int i = 0; i < n; i++) {
        const struct asec *s = &a->sec[order[i]];
        if (!s->iscontour && s->parent < 0)
            roots[nr++] = order[i];
    }
    /* connect2soma_2 for each soma */
    for (int k = 0; k < ns && !rc; k++) {
        struct asec *so = &a->sec[somas[k]];
        double xmin, xmax, ymin, ymax, *c = centers + 3 * k;
        if (so->stack_next >= 0) {
            rc = stk_center(a, somas[k], c);
            double bb[6], b2[6];
            bbox(so, bb);
            for (int q = so->stack_next; q >= 0; q = a->sec[q].stack_next) {
                bbox(&a->sec[q], b2);
                for (int t = 0; t < 3; t++) {
                    if (bb[t] > b2[t])
                        bb[t] = b2[t];
                    if (bb[t + 3] < b2[t + 3])
                        bb[t + 3] = b2[t + 3];
                }
            }
            xmin = bb[0], xmax = bb[3], ymin = bb[1], ymax = bb[4];
        } else {
            double bb[6], X[101], Y[101], Z[101];
            bbox(so, bb);
            xmin = bb[0] - .5, xmax = bb[3] + .5;
            ymin = bb[1] - .5, ymax = bb[4] + .5;
            rc = contourcenter(so->x, so->y, so->z, so->npt, X, Y, Z, c);
        }
        for (int i = nr - 1; i >= 0 && !rc; i--) {
            struct asec *s = &a->sec[roots[i]];
            /* GUIMath.inside compares as floats (InterViews Coord) */
            float x0 = (float)s->x[0], y0 = (float)s->y[0];
            if (x0 >= (float)xmin && x0 <= (float)xmax && y0 >= (float)ymin &&
                y0 <= (float)ymax) {
                s->parent = somas[k];
                s->parentx = .5;
                rc = sec_insert0(s, c, .01);
                memmove(roots + i, roots + i + 1, sizeof(int) * (size_t)(nr - i - 1));
                nr--;
            }
        }
    }
    /* the rest: a logical connection to the nearest soma centre */
    for (int i = 0; i < nr && !rc; i++) {
        struct asec *s = &a->sec[roots[i]];
        double dmin = 1e9;
        int imin = 0;
        for (int k = 0; k < ns; k++) {
            double e[3] = {s->x[0] - centers[3 * k], s->y[0] - centers[3 * k + 1],
                           s->z[0] - centers[3 * k + 2]};
            double dd = sqrt(v_dot3(e, e));
            if (dd < dmin - ASC_HOC_EPSILON)
                imin = k, dmin = dd;
        }
        if (!a->nfar++)
            a->farline = a->pline[s->id];
        s->parent = somas[imin];
        s->parentx = .5;
        rc = sec_insert0(s, centers + 3 * imin, .01);
    }
    free(somas), free(roots), free(centers);
    return rc;
}

/* ------------------------------------------------------------------------------------
** nrn_load_asc
*/

static void asc_free(struct asc *a)
{
    free(a->tok), free(a->str);
    free(a->px), free(a->py), free(a->pz), free(a->pd), free(a->pline);
    for (int i = 0; i < a->nsec; i++)
        free(a->sec[i].x), free(a->sec[i].y), free(a->sec[i].z), free(a->sec[i].d);
    free(a->sec);
}

/* Copies the points of c (or s when c is NULL) into morph section ms. */
static int put_points(struct morph_sec *ms, const struct asec *s, const struct centroid *c)
{
    int n = c ? c->n : s->npt;
    for (int k = 0; k < n; k++) {
        int rc = c ? swc_sec_push(ms, c->x[k], c->y[k], c->z[k], c->d[k])
                   : swc_sec_push(ms, s->x[k], s->y[k], s->z[k], s->d[k]);
        if (rc)
            return -1;
    }
    return 0;
}

int nrn_load_asc(nrn_model *m, const char *path, const char *prefix, int *first, int *count,
                 char *note, size_t notesize)
{
    int status = morph_load_begin(m, path, "load_asc", note, notesize);
    if (status != NRN_OK)
        return status;
    size_t len = 0;
    char *buf = morph_slurp(path, &len);
    if (!buf)
        return model_err(m, NRN_EIO, "%s: cannot read: %s", path, strerror(errno));
    struct asc a;
    memset(&a, 0, sizeof a);
    a.m = m, a.path = path, a.lastprop = -1, a.parentsec = -1, a.lenient_tok = -1;
    struct morph mo = {0};
    int *order = NULL, *pos = NULL;
    char mynote[1024] = "", t[256];
    asc_lex(&a, buf, len);
    free(buf);
    if (a.rc)
        goto out;
    if (a.tok[0].type == T_EOF) {
        asc_fail(&a, a.nlines ? a.nlines : 1, "no data (empty file or only comments)");
        goto out;
    }
    /* p_file */
    objects(&a);
    if (a.rc)
        goto out;
    if (CUR(&a) != T_EOF) { /* NEURON stops here and ignores the rest of the file */
        char d[160];
        tokdesc(&a, tk(&a, 0), d, sizeof d);
        asc_fail(&a, tk(&a, 0)->line, "expected '(' or the end of the file, found %s%s", d,
                 CUR(&a) == T_RP ? " (unbalanced parentheses)" : "");
        goto out;
    }
    if (a.nsec == 0) {
        asc_fail(&a, a.nlines ? a.nlines : 1,
                 "no sections: neither a CellBody contour nor a tree in the file");
        goto out;
    }
    order = malloc(sizeof(int) * (size_t)a.nsec);
    pos = malloc(sizeof(int) * (size_t)a.nsec);
    if (!order || !pos || connect2soma(&a, order)) {
        asc_nomem(&a);
        goto out;
    }
    /* the Import3d section list, contours replaced by their centroids */
    for (int i = 0; i < a.nsec; i++)
        pos[order[i]] = i;
    mo.mintype = a.mintype, mo.maxtype = a.maxtype;
    for (int i = 0; i < a.nsec; i++) {
        const struct asec *s = &a.sec[order[i]];
        int k = swc_morph_add(&mo);
        if (k < 0) {
            asc_nomem(&a);
            goto out;
        }
        struct morph_sec *ms = &mo.sec[k];
        ms->id = s->id;
        ms->line = s->line;
        ms->first = s->first;
        ms->parent = s->parent >= 0 ? pos[s->parent] : -1;
        ms->parentx = s->parentx;
        ms->type = s->type;
        ms->removed = s->is_subsidiary;
        int rc = 0;
        if (s->iscontour && !s->is_subsidiary) {
            struct centroid c = {0};
            if (s->stack_next < 0) {
                rc = contour2centroid(s, &c);
                if (rc > 0) {
                    asc_fail(&a, s->cline, "degenerate soma contour (no major axis)");
                    goto out;
                }
            } else { /* contourstack2centroid */
                int nc = 0;
                for (int q = order[i]; q >= 0; q = a.sec[q].stack_next)
                    nc++;
                rc = centroid_alloc(&c, nc);
                nc = 0;
                for (int q = order[i]; q >= 0 && !rc; q = a.sec[q].stack_next, nc++) {
                    double cc[3];
                    rc = contour_circle(&a.sec[q], cc, &c.d[nc]);
                    c.x[nc] = cc[0], c.y[nc] = cc[1], c.z[nc] = cc[2];
                }
            }
            ms->first = 0;
            if (rc || put_points(ms, s, &c)) {
                centroid_free(&c);
                asc_nomem(&a);
                goto out;
            }
            centroid_free(&c);
        } else if (put_points(ms, s, NULL)) {
            asc_nomem(&a);
            goto out;
        }
    }
    a.rc = swc_instantiate(m, &mo, path, prefix, first, count);
    if (a.rc)
        goto out;
    /* the note */
    {
        int nsoma = 0, nstack = 0;
        for (int i = 0; i < a.nsec; i++)
            if (a.sec[i].iscontour && !a.sec[i].is_subsidiary) {
                nsoma++;
                if (a.sec[i].stack_next >= 0)
                    nstack++;
            }
        if (nsoma == 0)
            snprintf(t, sizeof t, "no soma contour: the trees are not connected");
        else if (nstack)
            snprintf(t, sizeof t, "soma: %d contour%s (%d stack%s of contours, each a "
                     "cylinder through its circles)", nsoma, nsoma == 1 ? "" : "s", nstack,
                     nstack == 1 ? "" : "s");
        else
            snprintf(t, sizeof t, "soma: %d contour%s (first at line %d), each drawn as "
                     "its centroid along its major axis; trees wired to its centre", nsoma,
                     nsoma == 1 ? "" : "s", a.sec[order[0]].cline);
        swc_note_add(mynote, sizeof mynote, t);
        if (a.nfar) {
            snprintf(t, sizeof t, "%d tree%s starting outside the soma bounding boxes (first "
                     "at line %d) connected to the nearest soma centre", a.nfar,
                     a.nfar == 1 ? "" : "s", a.farline);
            swc_note_add(mynote, sizeof mynote, t);
        }
        if (a.nshort) {
            snprintf(t, sizeof t, "%d CellBody contour%s with fewer than 3 points ignored "
                     "(first at line %d)", a.nshort, a.nshort == 1 ? "" : "s", a.shortline);
            swc_note_add(mynote, sizeof mynote, t);
        }
        if (a.lenient_tok >= 0 && a.lenient_tok < a.ntok - 1) {
            snprintf(t, sizeof t, "line %d ends in white space other than blanks, read as "
                     "blank (NEURON 8.2.2 stops there with a parse error)", a.lenient_line);
            swc_note_add(mynote, sizeof mynote, t);
        }
        if (a.nspine) {
            snprintf(t, sizeof t, "%d spine%s ignored", a.nspine, a.nspine == 1 ? "" : "s");
            swc_note_add(mynote, sizeof mynote, t);
        }
        if (mo.nremoved) {
            snprintf(t, sizeof t, "%d zero-length section%s dropped as Import3d does",
                     mo.nremoved, mo.nremoved == 1 ? "" : "s");
            swc_note_add(mynote, sizeof mynote, t);
        }
        if (note && notesize)
            snprintf(note, notesize, "%s", mynote);
    }
out:;
    int rc = a.rc;
    free(order), free(pos);
    swc_morph_free(&mo);
    asc_free(&a);
    return rc;
}
