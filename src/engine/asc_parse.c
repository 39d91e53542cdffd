/*
** asc_parse.c: the Neurolucida ASCII tokenizer and parser (read_nlcda3.hoc's lex() and its
** recursive-descent productions) behind nrn_load_asc (asc.c): file text -> tokens -> the
** Import3d sections (struct asec) and the global point list of struct asc (asc_int.h).
**
**  - the lexer works line by line as File.gets + remove_trailspace + the sscanf patterns
**    of lex() do (numbers are glibc's "%lf", i.e. doubles; text after an '@' is lost as
**    "%[^@]" loses it);
**  - the recursive-descent parser follows the hoc productions, including the tree/text
**    rollback, the global point list (points of markers at the start of a branch belong
**    to the branch), the global property list that decides a tree's type, need_extra
**    (a branch not starting within 1e-11 of its parent's last point gets a copy of it as
**    its first 3-D point: newsec's "first" is a local, so no wire), and hoc's fuzzy
**    comparisons (float_epsilon 1e-11) wherever the hoc code compares numbers.
*/
#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "asc_int.h"

#define ASC_MAXDEPTH 2000 /* nested branches (a C stack guard; hoc's frame stack is smaller) */

/* ------------------------------------------------------------------------------------
** Tokens
*/

static const char *const asc_tokname[] = {
    "end of file", "a number", "'('", "')'", "','", "'|'", "'set'", "'RGB'",
    "a string", "a name", "an unreadable token", "'<'", "'>'"};

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
** Lexer (lex(): one line at a time, the rest of the line after each token). hoc rescans
** the rest of the line for every token; here the line's end and its next '@' are kept, so
** a line of n tokens costs O(n) (a 60,000-point line took 14 s when each token rescanned).
*/

struct lexer {
    const char *buf;
    size_t len, pos;   /* the file; next unread byte */
    int lineno;
    char *line;        /* current line + "\n", cut at '@' after each token */
    size_t linecap;
    size_t cur;        /* start of the rest */
    size_t end;        /* where line ends (its NUL) */
    size_t at;         /* the first '@' at or after the last place looked from, or end */
    int atok;          /* at is known for this line */
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
    L->end = e - b + 1;
    L->atok = 0;
    return 1;
}

static const char *skipws(const char *p)
{
    while (*p && isspace((unsigned char)*p))
        p++;
    return p;
}

/* The rest after a token starts at r: "%[^@]" keeps it up to the first '@'. The '@' found
** last is searched again only once r has passed it (it was inside a string). */
static void lex_rest(struct lexer *L, char *r)
{
    size_t i = (size_t)(r - L->line);
    if (!L->atok || i > L->at) {
        const char *at = memchr(r, '@', L->end - i);
        L->at = at ? (size_t)(at - L->line) : L->end;
        L->atok = 1;
    }
    if (L->at < L->end) {
        L->line[L->at] = 0;
        L->end = L->at;
    }
    L->cur = i;
}

/*
** sscanf(s, " %lf%n") on the number at s, without glibc's strlen of the whole rest: the
** conversion is run on the characters a number can hold (letters for inf, nan and hex,
** digits, '.', signs) cut out in place. Returns 1 with *x and *nc set, else 0.
*/
static int lex_number(char *s, double *x, int *nc)
{
    char *e = (char *)skipws(s), *p = e;
    while (isalnum((unsigned char)*e) || *e == '.' || *e == '+' || *e == '-')
        e++;
    if (e == p)
        return 0;
    char c = *e;
    *e = 0;
    int n = sscanf(s, " %lf%n", x, nc);
    *e = c;
    return n == 1;
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
void asc_parse_lex(struct asc *a, const char *buf, size_t len)
{
    struct lexer L = {buf, len, 0, 0, NULL, 0, 0, 0, 0, 0};
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
            const char *p = skipws(s);
            int blank = !s[0] || !s[1] || (*p == ';' && rest_ok(p + 1));
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
        if (lex_number(s, &x, &nc) && nc > 0 && rest_ok(s + nc)) {
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
                L.cur = L.end = 0;
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
            } else if (!(fabs(v[c]) < NRN_FLOAT_BOUND)) { /* 3-D points are floats */
                asc_fail(a, a->pline[k], "%s %g is beyond what a 3-D point holds (%g)",
                         coord[c], v[c], (double)FLT_MAX);
                return;
            }
    }
    for (int k = 0; k < n; k++) {
        int j = extra + k;
        s->x[j] = a->px[begin + k], s->y[j] = a->py[begin + k];
        s->z[j] = a->pz[begin + k], s->d[j] = a->pd[begin + k];
    }
    s->npt = n + extra;
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

/* p_file: the objects of the whole file, which must end there. Returns a->rc. */
int asc_parse_file(struct asc *a)
{
    objects(a);
    if (a->rc)
        return a->rc;
    if (CUR(a) != T_EOF) { /* NEURON stops here and ignores the rest of the file */
        char d[160];
        tokdesc(a, tk(a, 0), d, sizeof d);
        asc_fail(a, tk(a, 0)->line, "expected '(' or the end of the file, found %s%s", d,
                 CUR(a) == T_RP ? " (unbalanced parentheses)" : "");
    }
    return a->rc;
}
