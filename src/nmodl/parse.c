/*
** parse.c: the recursive-descent parser's top level: files and INCLUDE, the
** declaration blocks (NEURON, UNITS, PARAMETER, ASSIGNED, STATE, CONSTANT, INDEPENDENT)
** and the heads of the code blocks; statements and expressions are in parse_stmt.c.
** The grammar is the one nocmodl 8.2.2 accepts (its parse1.ypp); the first error stops
** the parse (longjmp to nm_parse_text) with "FILE:LINE:COL: message".
*/
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nmodl_int.h"
#include "oneline.h"

#define MAX_INCLUDE 8

_Noreturn void perr(struct nm_parser *p, int line, int col, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(p->err, p->errsize, "%s:%d:%d: %s", p->lx[p->nlx - 1].path, line, col, msg);
    text_oneline(p->err, p->errsize); /* a quoted token may hold a newline (fuzz_nmodl) */
    longjmp(p->fail, 1);
}

_Noreturn void pnomem(struct nm_parser *p)
{
    snprintf(p->err, p->errsize, "%s: out of memory", p->lx[p->nlx - 1].path);
    longjmp(p->fail, 1);
}

char *pstrdup(struct nm_parser *p, const char *s, size_t n)
{
    char *d = arena_alloc(&p->tree->arena, n + 1);
    if (!d)
        pnomem(p);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

/* How a token is named in messages: 'name', 'keyword', '(' or "end of file". */
const char *tok_desc(const nm_tok *t, char *buf, size_t size)
{
    switch (t->t) {
    case T_EOF: return "end of file";
    case T_VERBATIM: return "VERBATIM";
    case T_TITLE: return "TITLE";
    case T_LE: return "'<='";
    case T_GE: return "'>='";
    case T_EQ: return "'=='";
    case T_NE: return "'!='";
    case T_AND: return "'&&'";
    case T_OR: return "'||'";
    case T_REACT: return "'<->'";
    case T_ARROW: return "'->'";
    case T_LTLT: return "'<<'";
    case T_PRIME:
        snprintf(buf, size, "'%s'", t->text);
        return buf;
    default:
        if (t->text)
            snprintf(buf, size, "'%.60s'", t->text);
        else
            snprintf(buf, size, "'%c'", t->t);
        return buf;
    }
}

/* Fails at the current token: "unexpected 'X': expected WHAT". */
_Noreturn void perr_tok(struct nm_parser *p, const char *what)
{
    char buf[80];
    perr(p, p->cur.line, p->cur.col, "unexpected %s: expected %s",
         tok_desc(&p->cur, buf, sizeof buf), what);
}

void advance(struct nm_parser *p)
{
    if (p->has_next) {
        p->cur = p->next;
        p->has_next = 0;
    } else {
        lex_next(p, &p->cur);
    }
}

const nm_tok *peek(struct nm_parser *p)
{
    if (!p->has_next) {
        lex_next(p, &p->next);
        p->has_next = 1;
    }
    return &p->next;
}

int is_kw(const struct nm_parser *p, int kw)
{
    return p->cur.t == T_KEYWORD && p->cur.kw == kw;
}

void expect(struct nm_parser *p, int t, const char *what)
{
    if (p->cur.t != t)
        perr_tok(p, what);
    advance(p);
}

void expect_kw(struct nm_parser *p, int kw)
{
    if (!is_kw(p, kw))
        perr_tok(p, lex_kw_name(kw));
    advance(p);
}

const char *expect_name(struct nm_parser *p, const char *what)
{
    if (p->cur.t != T_NAME)
        perr_tok(p, what);
    const char *s = p->cur.text;
    advance(p);
    return s;
}

/* "(unit)" if the current token opens one, else NULL. */
const char *parse_unit_opt(struct nm_parser *p)
{
    if (p->cur.t != '(')
        return NULL;
    if (p->has_next)  /* never happens: callers do not peek past a unit */
        perr_tok(p, "a unit");
    const char *u = lex_raw_unit(p);
    advance(p);
    return u;
}

nm_node *node_new(struct nm_parser *p, nm_kind kind, const nm_tok *at)
{
    nm_node *n = arena_alloc(&p->tree->arena, sizeof *n);
    if (!n)
        pnomem(p);
    n->kind = kind;
    n->file = p->lx[p->nlx - 1].path;
    n->line = at->line;
    n->col = at->col;
    return n;
}

void node_add(struct nm_parser *p, nm_node *parent, nm_node *kid)
{
    if (parent->n == parent->cap) {
        int cap = parent->cap ? parent->cap * 2 : 4;
        nm_node **k = arena_alloc(&p->tree->arena, sizeof *k * (size_t)cap);
        if (!k)
            pnomem(p);
        if (parent->n)
            memcpy(k, parent->kid, sizeof *k * (size_t)parent->n);
        parent->kid = k;
        parent->cap = cap;
    }
    parent->kid[parent->n++] = kid;
}

/* NAME [, NAME]... into a new NM_LIST. */
static nm_node *parse_namelist(struct nm_parser *p, const char *what)
{
    nm_node *l = node_new(p, NM_LIST, &p->cur);
    do {
        if (l->n)
            advance(p);
        nm_node *nm = node_new(p, NM_NAME, &p->cur);
        nm->text = expect_name(p, what);
        node_add(p, l, nm);
    } while (p->cur.t == ',');
    return l;
}

/* A name in a NEURON list may be a keyword-free name only; SUFFIX takes one. */
static void parse_neuron(struct nm_parser *p, nm_node *blk)
{
    expect(p, '{', "'{' after NEURON");
    while (p->cur.t != '}') {
        nm_tok at = p->cur;
        if (p->cur.t != T_KEYWORD)
            perr_tok(p, "a NEURON block statement (SUFFIX, USEION, RANGE, ...)");
        int kw = p->cur.kw;
        nm_node *s;
        if (kw == K_REPRESENTS) { /* the id is raw text: "NCIT:C17145" holds a ':' */
            s = node_new(p, NM_REPRESENTS, &at);
            s->text = lex_raw_word(p);
            advance(p);
            node_add(p, blk, s);
            continue;
        }
        advance(p);
        switch (kw) {
        case K_SUFFIX: case K_POINT_PROCESS: case K_ARTIFICIAL_CELL:
            s = node_new(p, NM_SUFFIX, &at);
            s->value = lex_kw_name(kw);
            s->text = expect_name(p, "a mechanism name");
            break;
        case K_USEION:
            s = node_new(p, NM_USEION, &at);
            s->text = expect_name(p, "an ion name");
            if (!is_kw(p, K_READ) && !is_kw(p, K_WRITE))
                perr_tok(p, "READ or WRITE");
            node_add(p, s, is_kw(p, K_READ) ? (advance(p), parse_namelist(p, "an ion variable"))
                                             : node_new(p, NM_LIST, &p->cur));
            if (is_kw(p, K_WRITE)) {
                advance(p);
                node_add(p, s, parse_namelist(p, "an ion variable"));
            } else {
                node_add(p, s, node_new(p, NM_LIST, &p->cur));
            }
            if (is_kw(p, K_VALENCE) || is_kw(p, K_CHARGE)) {
                advance(p);
                s->value = parse_number_text(p, 1);
            }
            if (is_kw(p, K_REPRESENTS)) {
                if (p->has_next)
                    perr_tok(p, "an ontology id");
                (void)lex_raw_word(p); /* an annotation: nothing to translate */
                advance(p);
            }
            break;
        case K_NONSPECIFIC: case K_ELECTRODE_CURRENT: case K_RANGE: case K_GLOBAL:
        case K_POINTER: case K_BBCOREPOINTER: case K_EXTERNAL:
            s = parse_namelist(p, "a variable name");
            s->kind = NM_NRNLIST;
            s->line = at.line, s->col = at.col;
            s->value = lex_kw_name(kw);
            break;
        case K_THREADSAFE:
            s = node_new(p, NM_THREADSAFE, &at);
            break;
        default:
            p->cur = at;
            perr_tok(p, "a NEURON block statement (SUFFIX, USEION, RANGE, ...)");
        }
        node_add(p, blk, s);
    }
    advance(p);
}

/* UNITS { (a) = (b)   NAME = (a) (b)   NAME = (a) -> (b)   NAME = number (a) } */
static void parse_units(struct nm_parser *p, nm_node *blk)
{
    expect(p, '{', "'{' after UNITS");
    while (p->cur.t != '}') {
        nm_node *d;
        if (p->cur.t == '(') {
            d = node_new(p, NM_UNITDEF, &p->cur);
            d->text = parse_unit_opt(p);
            expect(p, '=', "'=' in a unit definition (units) = (units)");
            if (p->cur.t != '(')
                perr_tok(p, "'(' of a unit");
            d->unit = parse_unit_opt(p);
        } else if (p->cur.t == T_NAME) {
            d = node_new(p, NM_FACTOR, &p->cur);
            d->text = p->cur.text;
            advance(p);
            expect(p, '=', "'=' in a unit factor");
            if (p->cur.t == '(') {
                d->unit = parse_unit_opt(p);
                if (p->cur.t == T_ARROW)
                    advance(p);
                if (p->cur.t != '(')
                    perr_tok(p, "'(' of the second unit of a unit factor");
                d->unit2 = parse_unit_opt(p);
            } else {
                d->value = parse_number_text(p, 0);
                if (p->cur.t != '(')
                    perr_tok(p, "'(' of the unit after the number");
                d->unit = parse_unit_opt(p);
            }
        } else {
            perr_tok(p, "a unit definition (units) = (units) or a factor NAME = (units) (units)");
        }
        node_add(p, blk, d);
    }
    advance(p);
}

/* <lo, hi> limits or <abstol> after a declaration. */
static void parse_limits(struct nm_parser *p, nm_node *d, int abstol)
{
    if (p->cur.t != '<')
        return;
    advance(p);
    if (abstol) {
        d->abstol = parse_number_text(p, 0);
    } else {
        d->lo = parse_number_text(p, 1);
        expect(p, ',', "',' between the limits <low, high>");
        d->hi = parse_number_text(p, 1);
    }
    expect(p, '>', "'>' closing the limits");
}

/* One line of PARAMETER, ASSIGNED, STATE, CONSTANT or INDEPENDENT. */
static nm_node *parse_decl(struct nm_parser *p, nm_kind blk)
{
    nm_node *d = node_new(p, NM_DECL, &p->cur);
    if (blk == NM_INDEPENDENT && is_kw(p, K_SWEEP))
        advance(p);
    d->text = expect_name(p, "a variable name");
    if (p->cur.t == '[' && blk != NM_CONSTANT && blk != NM_INDEPENDENT) {
        advance(p);
        if (p->cur.t != T_INT)
            perr_tok(p, "an integer array size");
        d->ival = atoi(p->cur.text);
        if (d->ival < 1)
            perr(p, p->cur.line, p->cur.col, "array size must be > 0, got %s", p->cur.text);
        advance(p);
        expect(p, ']', "']'");
    }
    switch (blk) {
    case NM_PARAMETER:
        if (p->cur.t == '=' && !d->ival) {
            advance(p);
            d->value = parse_number_text(p, 1);
        }
        d->unit = parse_unit_opt(p);
        parse_limits(p, d, 0);
        break;
    case NM_CONSTANT:
        expect(p, '=', "'=' and the constant's value");
        d->value = parse_number_text(p, 1);
        d->unit = parse_unit_opt(p);
        break;
    case NM_INDEPENDENT:
        expect_kw(p, K_FROM);
        d->lo = parse_number_text(p, 1);
        expect_kw(p, K_TO);
        d->hi = parse_number_text(p, 1);
        expect_kw(p, K_WITH);
        if (p->cur.t != T_INT)
            perr_tok(p, "an integer after WITH");
        d->with = p->cur.text;
        advance(p);
        if (is_kw(p, K_START)) {
            advance(p);
            d->value = parse_number_text(p, 1);
        }
        d->unit = parse_unit_opt(p);
        break;
    default: /* ASSIGNED, STATE */
        if (is_kw(p, K_FROM)) {
            advance(p);
            d->lo = parse_number_text(p, 1);
            expect_kw(p, K_TO);
            d->hi = parse_number_text(p, 1);
        }
        if (is_kw(p, K_START)) {
            advance(p);
            d->value = parse_number_text(p, 1);
        }
        d->unit = parse_unit_opt(p);
        parse_limits(p, d, 1);
        break;
    }
    return d;
}

static void parse_decls(struct nm_parser *p, nm_node *blk)
{
    expect(p, '{', "'{' opening the declarations");
    while (p->cur.t != '}')
        node_add(p, blk, parse_decl(p, blk->kind));
    advance(p);
}

/* NAME(args) [unit] { body } of FUNCTION, PROCEDURE, FUNCTION_TABLE and NET_RECEIVE. */
static void parse_callable(struct nm_parser *p, nm_node *b, int named)
{
    if (named)
        b->text = expect_name(p, "a name");
    if (p->cur.t != '(')
        perr_tok(p, "'(' opening the argument list");
    advance(p);
    node_add(p, b, parse_arglist(p));
    if (b->kind != NM_NET_RECEIVE)
        b->unit = parse_unit_opt(p);
    if (b->kind == NM_FUNCTION_TABLE)
        return;
    int saved = p->blocktype;
    p->blocktype = b->kind == NM_NET_RECEIVE ? K_NET_RECEIVE
                 : b->kind == NM_FUNCTION ? K_FUNCTION : K_PROCEDURE;
    node_add(p, b, parse_block(p));
    p->blocktype = saved;
}

/* KINETIC, LINEAR, NONLINEAR name [SOLVEFOR a, b] { body } */
static void parse_solvable(struct nm_parser *p, nm_node *b, int kw)
{
    b->text = expect_name(p, "the block's name");
    if (is_kw(p, K_SOLVEFOR)) {
        advance(p);
        node_add(p, b, parse_namelist(p, "a STATE name"));
    } else {
        node_add(p, b, node_new(p, NM_LIST, &p->cur));
    }
    int saved = p->blocktype;
    p->blocktype = kw;
    node_add(p, b, parse_block(p));
    p->blocktype = saved;
}

static void parse_items(struct nm_parser *p, nm_node *parent);

/* The whole of f, NUL-terminated, in malloc'd memory; NULL on a read error or no memory. */
static char *slurp(FILE *f, size_t *lenp)
{
    char *buf = NULL;
    size_t len = 0, cap = 0, got;
    do {
        if (len + 4096 > cap) {
            char *nb = realloc(buf, cap = cap * 2 + 8192);
            if (!nb) {
                free(buf);
                return NULL;
            }
            buf = nb;
        }
        got = fread(buf + len, 1, cap - len - 1, f);
        len += got;
    } while (got > 0);
    if (ferror(f)) {
        free(buf);
        return NULL;
    }
    buf[len] = '\0';
    *lenp = len;
    return buf;
}

/* INCLUDE "file": the included file's items become the kids of the INCLUDE node. */
static void parse_include(struct nm_parser *p, nm_node *inc)
{
    if (p->cur.t != T_STRING)
        perr_tok(p, "a quoted file name after INCLUDE");
    const char *q = p->cur.text;
    inc->text = pstrdup(p, q + 1, strlen(q) - 2);
    if (p->nlx == MAX_INCLUDE)
        perr(p, p->cur.line, p->cur.col, "INCLUDE nested more than %d deep", MAX_INCLUDE - 1);
    /* The including file's folder first, then the current one. */
    const char *parent = p->lx[p->nlx - 1].path;
    const char *slash = strrchr(parent, '/');
    char path[4096];
    FILE *f = NULL;
    if (inc->text[0] != '/' && slash) {
        snprintf(path, sizeof path, "%.*s/%s", (int)(slash - parent), parent, inc->text);
        f = fopen(path, "rb");
    }
    if (!f) {
        snprintf(path, sizeof path, "%s", inc->text);
        f = fopen(path, "rb");
    }
    if (!f)
        perr(p, p->cur.line, p->cur.col, "INCLUDE \"%s\": %s", inc->text, strerror(errno));
    size_t len;
    char *buf = slurp(f, &len);
    fclose(f);
    if (!buf)
        perr(p, p->cur.line, p->cur.col, "INCLUDE \"%s\": cannot read it", inc->text);
    p->srcbuf[p->nlx] = buf;
    struct nm_lexer *l = &p->lx[p->nlx++];
    l->path = pstrdup(p, path, strlen(path));
    l->src = buf;
    l->len = len;
    l->pos = 0;
    l->line = l->col = 1;
    advance(p);
    parse_items(p, inc);
    p->nlx--;
    advance(p);
}

/* One top-level item. */
static void parse_item(struct nm_parser *p, nm_node *parent)
{
    nm_tok at = p->cur;
    nm_node *b;
    if (at.t == T_TITLE || at.t == T_VERBATIM) {
        b = node_new(p, at.t == T_TITLE ? NM_TITLE : NM_VERBATIM, &at);
        b->text = at.text;
        advance(p);
        node_add(p, parent, b);
        return;
    }
    if (at.t != T_KEYWORD)
        perr_tok(p, "a block (NEURON, PARAMETER, BREAKPOINT, ...)");
    if (at.kw == K_LOCAL) {
        node_add(p, parent, parse_local(p));
        return;
    }
    advance(p);
    switch (at.kw) {
    case K_NEURON: b = node_new(p, NM_NEURON, &at); parse_neuron(p, b); break;
    case K_UNITS: b = node_new(p, NM_UNITS, &at); parse_units(p, b); break;
    case K_PARAMETER: b = node_new(p, NM_PARAMETER, &at); parse_decls(p, b); break;
    case K_ASSIGNED: b = node_new(p, NM_ASSIGNED, &at); parse_decls(p, b); break;
    case K_STATE: b = node_new(p, NM_STATE, &at); parse_decls(p, b); break;
    case K_CONSTANT: b = node_new(p, NM_CONSTANT, &at); parse_decls(p, b); break;
    case K_INDEPENDENT: b = node_new(p, NM_INDEPENDENT, &at); parse_decls(p, b); break;
    case K_UNITSON: case K_UNITSOFF:
        b = node_new(p, NM_UNITSFLAG, &at);
        b->ival = at.kw == K_UNITSON;
        break;
    case K_DEFINE:
        b = node_new(p, NM_DEFINE, &at);
        b->text = expect_name(p, "a name after DEFINE");
        if (p->cur.t != T_INT)
            perr_tok(p, "an integer: DEFINE name integer");
        b->value = p->cur.text;
        struct nm_define *d = arena_alloc(&p->tree->arena, sizeof *d);
        if (!d)
            pnomem(p);
        d->name = b->text;
        d->value = b->value;
        d->next = p->defines;
        p->defines = d;
        advance(p);
        break;
    case K_INCLUDE: b = node_new(p, NM_INCLUDE, &at); parse_include(p, b); break;
    case K_INITIAL: case K_BREAKPOINT: case K_CONSTRUCTOR: case K_DESTRUCTOR: {
        static const nm_kind kinds[] = {
            [K_INITIAL] = NM_INITIAL, [K_BREAKPOINT] = NM_BREAKPOINT,
            [K_CONSTRUCTOR] = NM_CONSTRUCTOR, [K_DESTRUCTOR] = NM_DESTRUCTOR,
        };
        b = node_new(p, kinds[at.kw], &at);
        node_add(p, b, node_new(p, NM_LIST, &at));
        int saved = p->blocktype;
        p->blocktype = at.kw;
        node_add(p, b, parse_block(p));
        p->blocktype = saved;
        break;
    }
    case K_DERIVATIVE: case K_DISCRETE:
        b = node_new(p, at.kw == K_DERIVATIVE ? NM_DERIVATIVE : NM_DISCRETE, &at);
        b->text = expect_name(p, "the block's name");
        node_add(p, b, node_new(p, NM_LIST, &at));
        p->blocktype = at.kw;
        node_add(p, b, parse_block(p));
        p->blocktype = K_NONE;
        break;
    case K_KINETIC: b = node_new(p, NM_KINETIC, &at); parse_solvable(p, b, at.kw); break;
    case K_LINEAR: b = node_new(p, NM_LINEAR, &at); parse_solvable(p, b, at.kw); break;
    case K_NONLINEAR: b = node_new(p, NM_NONLINEAR, &at); parse_solvable(p, b, at.kw); break;
    case K_PROCEDURE: b = node_new(p, NM_PROCEDURE, &at); parse_callable(p, b, 1); break;
    case K_FUNCTION: b = node_new(p, NM_FUNCTION, &at); parse_callable(p, b, 1); break;
    case K_FUNCTION_TABLE:
        b = node_new(p, NM_FUNCTION_TABLE, &at);
        parse_callable(p, b, 1);
        break;
    case K_NET_RECEIVE:
        b = node_new(p, NM_NET_RECEIVE, &at);
        parse_callable(p, b, 0);
        if (b->kid[0]->n == 0)
            perr(p, at.line, at.col, "NET_RECEIVE must have at least one argument");
        break;
    case K_BEFORE: case K_AFTER:
        b = node_new(p, at.kw == K_BEFORE ? NM_BEFORE : NM_AFTER, &at);
        if (!(is_kw(p, K_BREAKPOINT) || is_kw(p, K_SOLVE) || is_kw(p, K_INITIAL) ||
              is_kw(p, K_STEP)))
            perr_tok(p, "BREAKPOINT, SOLVE, INITIAL or STEP");
        b->value = lex_kw_name(p->cur.kw);
        advance(p);
        node_add(p, b, node_new(p, NM_LIST, &at));
        p->blocktype = at.kw;
        node_add(p, b, parse_block(p));
        p->blocktype = K_NONE;
        break;
    default:
        p->cur = at;
        perr_tok(p, "a block (NEURON, PARAMETER, BREAKPOINT, ...)");
    }
    node_add(p, parent, b);
}

static void parse_items(struct nm_parser *p, nm_node *parent)
{
    while (p->cur.t != T_EOF)
        parse_item(p, parent);
}

nm_tree *nm_parse_text(const char *path, const char *text, char *err, size_t errsize)
{
    struct nm_parser *p = calloc(1, sizeof *p);
    nm_tree *volatile t = calloc(1, sizeof *t);
    if (!p || !t) {
        free(p);
        free(t);
        snprintf(err, errsize, "%s: out of memory", path);
        return NULL;
    }
    p->tree = t;
    p->err = err;
    p->errsize = errsize;
    p->nlx = 1;
    p->lx[0].src = text;
    p->lx[0].len = strlen(text);
    p->lx[0].line = p->lx[0].col = 1;
    p->lx[0].path = path;
    volatile int ok = 0;
    if (setjmp(p->fail) == 0) {
        p->lx[0].path = pstrdup(p, path, strlen(path));
        nm_tok start = {.line = 1, .col = 1};
        t->root = node_new(p, NM_FILE, &start);
        advance(p);
        parse_items(p, t->root);
        ok = 1;
    }
    for (int i = 0; i < 8; i++)
        free(p->srcbuf[i]);
    free(p);
    if (!ok) {
        nm_tree_free(t);
        return NULL;
    }
    return t;
}

nm_tree *nm_parse_file(const char *path, char *err, size_t errsize)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errsize, "%s: %s", path, strerror(errno));
        return NULL;
    }
    size_t len;
    char *buf = slurp(f, &len);
    fclose(f);
    if (!buf) {
        snprintf(err, errsize, "%s: cannot read it (read error or out of memory)", path);
        return NULL;
    }
    if (memchr(buf, '\0', len)) {
        free(buf);
        snprintf(err, errsize, "%s:1:1: not a text file (it holds NUL bytes)", path);
        return NULL;
    }
    nm_tree *t = nm_parse_text(path, buf, err, errsize);
    free(buf);
    return t;
}
