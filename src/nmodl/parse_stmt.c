/*
** parse_stmt.c: statements and expressions of NMODL's code blocks. Operator precedence
** is nocmodl's (low to high): || ; && ; relations ; + - ; * / ; unary - and ! ; ^ (right
** associative), so -x^2 is -(x^2). A number may carry a unit: 2 (mV).
*/
#include <stdlib.h>
#include <string.h>
#include "nmodl_int.h"

static nm_node *parse_stmt(struct nm_parser *p);

/* [-] number, as its text ("-54.3"). */
const char *parse_number_text(struct nm_parser *p, int allow_minus)
{
    int neg = 0;
    if (allow_minus && p->cur.t == '-') {
        neg = 1;
        advance(p);
    }
    if (p->cur.t != T_INT && p->cur.t != T_REAL)
        perr_tok(p, "a number");
    const char *s = p->cur.text;
    advance(p);
    if (!neg)
        return s;
    size_t n = strlen(s);
    char *d = arena_alloc(&p->tree->arena, n + 2);
    if (!d)
        pnomem(p);
    d[0] = '-';
    memcpy(d + 1, s, n + 1);
    return d;
}

/* After '(' was read: [name [unit] {, name [unit]}] ')'. */
nm_node *parse_arglist(struct nm_parser *p)
{
    nm_node *l = node_new(p, NM_LIST, &p->cur);
    if (p->cur.t != ')') {
        for (;;) {
            nm_node *a = node_new(p, NM_NAME, &p->cur);
            a->text = expect_name(p, "an argument name");
            a->unit = parse_unit_opt(p);
            node_add(p, l, a);
            if (p->cur.t != ',')
                break;
            advance(p);
        }
    }
    expect(p, ')', "',' or ')' in the argument list");
    return l;
}

/* LOCAL a, b[3], ... */
nm_node *parse_local(struct nm_parser *p)
{
    nm_node *l = node_new(p, NM_LOCAL, &p->cur);
    advance(p);
    for (;;) {
        nm_node *a = node_new(p, NM_NAME, &p->cur);
        a->text = expect_name(p, "a LOCAL name");
        if (p->cur.t == '[') {
            advance(p);
            if (p->cur.t != T_INT)
                perr_tok(p, "an integer array size");
            a->ival = atoi(p->cur.text);
            advance(p);
            expect(p, ']', "']'");
        }
        node_add(p, l, a);
        if (p->cur.t != ',')
            return l;
        advance(p);
    }
}

/* name, name', name[index] */
nm_node *parse_varname(struct nm_parser *p)
{
    if (p->cur.t != T_NAME && p->cur.t != T_PRIME)
        perr_tok(p, "a variable name");
    nm_node *v = node_new(p, NM_VAR, &p->cur);
    v->text = p->cur.text;
    v->ival = p->cur.nprime;
    advance(p);
    if (p->cur.t == '@')
        perr(p, p->cur.line, p->cur.col, "'%s@n' (DISCRETE block variables) is not supported",
             v->text);
    if (p->cur.t == '[') {
        advance(p);
        node_add(p, v, parse_expr(p));
        expect(p, ']', "']' after the index");
    }
    return v;
}

/* f(args): the current token is the name, the next '('. Arguments may be strings. */
static nm_node *parse_call(struct nm_parser *p)
{
    nm_node *c = node_new(p, NM_CALL, &p->cur);
    c->text = p->cur.text;
    advance(p);
    expect(p, '(', "'('");
    if (p->cur.t != ')') {
        for (;;) {
            if (p->cur.t == T_STRING) {
                nm_node *s = node_new(p, NM_STRING, &p->cur);
                s->text = p->cur.text;
                advance(p);
                node_add(p, c, s);
            } else {
                node_add(p, c, parse_expr(p));
            }
            if (p->cur.t != ',')
                break;
            advance(p);
        }
    }
    expect(p, ')', "',' or ')' after a function argument");
    return c;
}

static nm_node *parse_unary(struct nm_parser *p);

/* Nesting (parentheses, unary operators, powers, blocks) deeper than this is refused: the
** parser and the later passes recurse, and a file of 100,000 '(' would overflow the stack
** (fuzz_nmodl found it). Real mechanisms nest a few levels. */
#define NM_MAX_DEPTH 256

static void nest_in(struct nm_parser *p)
{
    if (++p->depth > NM_MAX_DEPTH)
        perr(p, p->cur.line, p->cur.col, "nested more than %d levels deep", NM_MAX_DEPTH);
}

static nm_node *parse_primary(struct nm_parser *p)
{
    nm_node *e;
    switch (p->cur.t) {
    case T_INT: case T_REAL:
        e = node_new(p, NM_NUM, &p->cur);
        e->text = p->cur.text;
        advance(p);
        e->unit = parse_unit_opt(p);
        return e;
    case T_NAME:
        if (peek(p)->t == '(')
            return parse_call(p);
        return parse_varname(p);
    case T_PRIME:
        return parse_varname(p);
    case T_KEYWORD:
        if (p->cur.kw == K_INT && peek(p)->t == '(')
            return parse_call(p);
        break;
    case '(':
        e = node_new(p, NM_PAREN, &p->cur);
        advance(p);
        node_add(p, e, parse_expr(p));
        expect(p, ')', "')'");
        return e;
    default:
        break;
    }
    perr_tok(p, "an expression");
}

static nm_node *binop(struct nm_parser *p, const nm_tok *at, const char *op, nm_node *l,
                      nm_node *r)
{
    nm_node *b = node_new(p, NM_BINOP, at);
    b->text = op;
    node_add(p, b, l);
    node_add(p, b, r);
    return b;
}

/* primary [^ unary]: right associative, and tighter than unary minus. */
static nm_node *parse_pow(struct nm_parser *p)
{
    nm_node *l = parse_primary(p);
    if (p->cur.t != '^')
        return l;
    nm_tok at = p->cur;
    advance(p);
    return binop(p, &at, "^", l, parse_unary(p));
}

static nm_node *parse_unary(struct nm_parser *p)
{
    nm_node *e;
    nest_in(p);
    if (p->cur.t == '-' || p->cur.t == '!') {
        e = node_new(p, NM_UNOP, &p->cur);
        e->text = p->cur.t == '-' ? "-" : "!";
        advance(p);
        node_add(p, e, parse_unary(p));
    } else {
        e = parse_pow(p);
    }
    p->depth--;
    return e;
}

/* Binary operator levels, loosest first; all are left associative. */
enum { LV_OR, LV_AND, LV_REL, LV_ADD, LV_MUL, LV_N };

/* The operator token t stands for at level lv, or NULL. */
static const char *binop_at(int lv, int t)
{
    switch (lv) {
    case LV_OR: return t == T_OR ? "||" : NULL;
    case LV_AND: return t == T_AND ? "&&" : NULL;
    case LV_REL:
        return t == '<' ? "<" : t == '>' ? ">" : t == T_LE ? "<=" : t == T_GE ? ">="
             : t == T_EQ ? "==" : t == T_NE ? "!=" : NULL;
    case LV_ADD: return t == '+' ? "+" : t == '-' ? "-" : NULL;
    default: return t == '*' ? "*" : t == '/' ? "/" : NULL;
    }
}

static nm_node *parse_level(struct nm_parser *p, int lv)
{
    nm_node *l = lv == LV_N ? parse_unary(p) : parse_level(p, lv + 1);
    if (lv == LV_N)
        return l;
    const char *op;
    while ((op = binop_at(lv, p->cur.t))) {
        nm_tok at = p->cur;
        advance(p);
        l = binop(p, &at, op, l, parse_level(p, lv + 1));
    }
    return l;
}

nm_node *parse_expr(struct nm_parser *p)
{
    nest_in(p);
    nm_node *e = parse_level(p, LV_OR);
    p->depth--;
    return e;
}

/* + - * / and no relations: the sides of a WATCH condition. */
static nm_node *parse_arith(struct nm_parser *p)
{
    return parse_level(p, LV_ADD);
}

/* [integer] varname {+ [integer] varname} of reactions and CONSERVE. */
static nm_node *parse_reactants(struct nm_parser *p)
{
    nm_node *l = node_new(p, NM_LIST, &p->cur);
    for (;;) {
        nm_node *r = node_new(p, NM_REACTANT, &p->cur);
        r->ival = 1;
        if (p->cur.t == T_INT) {
            r->ival = atoi(p->cur.text);
            advance(p);
        }
        node_add(p, r, parse_varname(p));
        node_add(p, l, r);
        if (p->cur.t != '+')
            return l;
        advance(p);
    }
}

/* ~ reaction (KINETIC) or ~ lhs = rhs (LINEAR, NONLINEAR). */
static nm_node *parse_tilde(struct nm_parser *p)
{
    nm_tok at = p->cur;
    advance(p);
    if (p->blocktype != K_KINETIC) {
        nm_node *e = node_new(p, NM_EQUATION, &at);
        node_add(p, e, parse_expr(p));
        expect(p, '=', "'=' in the equation");
        node_add(p, e, parse_expr(p));
        return e;
    }
    nm_node *r = node_new(p, NM_REACTION, &at);
    node_add(p, r, parse_reactants(p));
    if (p->cur.t == T_REACT) {
        r->value = "<->";
        advance(p);
        node_add(p, r, parse_reactants(p));
        expect(p, '(', "'(' before the forward and backward rates");
        node_add(p, r, parse_expr(p));
        expect(p, ',', "',' between the forward and backward rates");
        node_add(p, r, parse_expr(p));
    } else if (p->cur.t == T_LTLT || p->cur.t == T_ARROW) {
        r->value = p->cur.t == T_LTLT ? "<<" : "->";
        advance(p);
        node_add(p, r, node_new(p, NM_LIST, &p->cur));
        expect(p, '(', "'(' before the flux");
        node_add(p, r, parse_expr(p));
    } else {
        perr_tok(p, "'<->', '<<' or '->' in the reaction");
    }
    expect(p, ')', "')' after the rates");
    return r;
}

static nm_node *parse_if(struct nm_parser *p)
{
    nm_node *s = node_new(p, NM_IF, &p->cur);
    advance(p);
    expect(p, '(', "'(' after if");
    node_add(p, s, parse_expr(p));
    expect(p, ')', "')' closing the condition");
    node_add(p, s, parse_block(p));
    if (is_kw(p, K_ELSE)) {
        advance(p);
        node_add(p, s, is_kw(p, K_IF) ? parse_if(p) : parse_block(p));
    }
    return s;
}

/* COMPARTMENT [i,] volume { names }; LONGITUDINAL_DIFFUSION likewise. */
static nm_node *parse_compartment(struct nm_parser *p, nm_kind kind)
{
    nm_node *s = node_new(p, kind, &p->cur);
    advance(p);
    if (p->cur.t == T_NAME && peek(p)->t == ',') {
        s->text = p->cur.text;
        advance(p);
        advance(p);
    }
    node_add(p, s, parse_expr(p));
    expect(p, '{', "'{' before the names");
    nm_node *l = node_new(p, NM_LIST, &p->cur);
    while (p->cur.t != '}') {
        nm_node *n = node_new(p, NM_NAME, &p->cur);
        n->text = expect_name(p, "a STATE name or '}'");
        node_add(p, l, n);
    }
    advance(p);
    node_add(p, s, l);
    return s;
}

static nm_node *parse_watch(struct nm_parser *p)
{
    nm_node *w = node_new(p, NM_WATCH, &p->cur);
    advance(p);
    do {
        if (w->n)
            advance(p);
        nm_node *it = node_new(p, NM_WATCHITEM, &p->cur);
        expect(p, '(', "'(' after WATCH");
        node_add(p, it, parse_arith(p));
        if (p->cur.t != '<' && p->cur.t != '>')
            perr_tok(p, "'>' or '<' in WATCH (expr > expr) flag");
        it->value = p->cur.t == '<' ? "<" : ">";
        advance(p);
        node_add(p, it, parse_arith(p));
        expect(p, ')', "')'");
        nm_node *flag = node_new(p, NM_NUM, &p->cur);
        flag->text = parse_number_text(p, 0);
        node_add(p, it, flag);
        node_add(p, w, it);
    } while (p->cur.t == ',');
    return w;
}

static nm_node *parse_table(struct nm_parser *p)
{
    nm_node *s = node_new(p, NM_TABLE, &p->cur);
    advance(p);
    nm_node *names = node_new(p, NM_LIST, &p->cur), *dep = node_new(p, NM_LIST, &p->cur);
    for (nm_node *l = names; l; l = l == names ? dep : NULL) {
        if (l == dep) {
            if (!is_kw(p, K_DEPEND))
                break;
            advance(p);
            if (p->cur.t != T_NAME)
                perr_tok(p, "a name after DEPEND");
        }
        while (p->cur.t == T_NAME) {
            nm_node *n = node_new(p, NM_NAME, &p->cur);
            n->text = p->cur.text;
            advance(p);
            node_add(p, l, n);
            if (p->cur.t != ',')
                break;
            advance(p);
            if (p->cur.t != T_NAME)
                perr_tok(p, "a name after ','");
        }
    }
    node_add(p, s, names);
    node_add(p, s, dep);
    expect_kw(p, K_FROM);
    node_add(p, s, parse_expr(p));
    expect_kw(p, K_TO);
    node_add(p, s, parse_expr(p));
    expect_kw(p, K_WITH);
    if (p->cur.t != T_INT)
        perr_tok(p, "an integer after WITH");
    s->value = p->cur.text;
    advance(p);
    return s;
}

static nm_node *parse_solve(struct nm_parser *p)
{
    nm_node *s = node_new(p, NM_SOLVE, &p->cur);
    advance(p);
    s->text = expect_name(p, "the name of the block to SOLVE");
    if (is_kw(p, K_METHOD) || is_kw(p, K_STEADYSTATE)) {
        s->ival = is_kw(p, K_STEADYSTATE);
        advance(p);
        s->value = expect_name(p, "a method name (cnexp, derivimplicit, sparse, ...)");
    }
    if (is_kw(p, K_IFERROR)) {
        advance(p);
        node_add(p, s, parse_block(p));
    }
    return s;
}

/* Statements that begin with a keyword. */
static nm_node *parse_kw_stmt(struct nm_parser *p)
{
    nm_tok at = p->cur;
    nm_node *s;
    switch (at.kw) {
    case K_LOCAL: return parse_local(p);
    case K_IF: return parse_if(p);
    case K_SOLVE: return parse_solve(p);
    case K_TABLE: return parse_table(p);
    case K_WATCH: return parse_watch(p);
    case K_COMPARTMENT: return parse_compartment(p, NM_COMPARTMENT);
    case K_LONGDIFUS: return parse_compartment(p, NM_LONGDIFUS);
    case K_WHILE:
        s = node_new(p, NM_WHILE, &at);
        advance(p);
        expect(p, '(', "'(' after while");
        node_add(p, s, parse_expr(p));
        expect(p, ')', "')' closing the condition");
        node_add(p, s, parse_block(p));
        return s;
    case K_FROM:
        s = node_new(p, NM_FROM, &at);
        advance(p);
        s->text = expect_name(p, "the loop variable: FROM i = a TO b { }");
        expect(p, '=', "'=' after the loop variable");
        node_add(p, s, parse_expr(p));
        expect_kw(p, K_TO);
        node_add(p, s, parse_expr(p));
        if (is_kw(p, K_BY)) {
            advance(p);
            node_add(p, s, parse_expr(p));
        } else {
            node_add(p, s, node_new(p, NM_NONE, &p->cur));
        }
        node_add(p, s, parse_block(p));
        return s;
    case K_CONSERVE:
        s = node_new(p, NM_CONSERVE, &at);
        advance(p);
        node_add(p, s, parse_reactants(p));
        expect(p, '=', "'=' in CONSERVE");
        node_add(p, s, parse_expr(p));
        return s;
    case K_FOR_NETCONS:
        if (p->blocktype != K_NET_RECEIVE)
            perr(p, at.line, at.col, "FOR_NETCONS is allowed only in a NET_RECEIVE block");
        s = node_new(p, NM_FOR_NETCONS, &at);
        advance(p);
        expect(p, '(', "'(' after FOR_NETCONS");
        node_add(p, s, parse_arglist(p));
        node_add(p, s, parse_block(p));
        return s;
    case K_INITIAL:
        if (p->blocktype != K_NET_RECEIVE)
            perr(p, at.line, at.col, "INITIAL inside a block is allowed only in NET_RECEIVE");
        s = node_new(p, NM_NETINITIAL, &at);
        advance(p);
        node_add(p, s, parse_block(p));
        return s;
    case K_LAG:
        s = node_new(p, NM_LAG, &at);
        advance(p);
        s->text = expect_name(p, "a name after LAG");
        expect_kw(p, K_BY);
        s->value = expect_name(p, "a name after BY");
        return s;
    case K_PROTECT:
        s = node_new(p, NM_PROTECT, &at);
        advance(p);
        node_add(p, s, parse_stmt(p));
        if (s->kid[0]->kind != NM_ASSIGN)
            perr(p, at.line, at.col, "PROTECT takes an assignment");
        return s;
    case K_MUTEXLOCK: case K_MUTEXUNLOCK:
        s = node_new(p, NM_MUTEX, &at);
        s->ival = at.kw == K_MUTEXLOCK;
        advance(p);
        return s;
    case K_CONDUCTANCE:
        s = node_new(p, NM_CONDUCTANCE, &at);
        advance(p);
        s->text = expect_name(p, "a conductance name");
        if (is_kw(p, K_USEION)) {
            advance(p);
            s->value = expect_name(p, "an ion name");
        }
        return s;
    case K_UNITSON: case K_UNITSOFF:
        s = node_new(p, NM_UNITSFLAG, &at);
        s->ival = at.kw == K_UNITSON;
        advance(p);
        return s;
    default:
        perr_tok(p, "a statement");
    }
}

static nm_node *parse_stmt(struct nm_parser *p)
{
    nm_node *s;
    switch (p->cur.t) {
    case T_KEYWORD:
        return parse_kw_stmt(p);
    case T_VERBATIM:
        s = node_new(p, NM_VERBATIM, &p->cur);
        s->text = p->cur.text;
        advance(p);
        return s;
    case '{':
        return parse_block(p);
    case '~':
        return parse_tilde(p);
    case T_NAME:
        if (peek(p)->t == '(') {
            s = node_new(p, NM_EXPRSTMT, &p->cur);
            node_add(p, s, parse_call(p));
            return s;
        }
        /* fall through */
    case T_PRIME:
        s = node_new(p, NM_ASSIGN, &p->cur);
        node_add(p, s, parse_varname(p));
        expect(p, '=', "'=' in an assignment");
        node_add(p, s, parse_expr(p));
        return s;
    default:
        perr_tok(p, "a statement");
    }
}

nm_node *parse_block(struct nm_parser *p)
{
    nm_node *b = node_new(p, NM_BLOCK, &p->cur);
    expect(p, '{', "'{'");
    nest_in(p);
    while (p->cur.t != '}') {
        if (p->cur.t == T_EOF)
            perr(p, b->line, b->col, "'{' never closed (end of file reached)");
        node_add(p, b, parse_stmt(p));
    }
    p->depth--;
    advance(p);
    return b;
}
