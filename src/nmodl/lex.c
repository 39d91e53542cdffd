/*
** lex.c: NMODL's tokens. Comments (`:` and `?` to the end of the line, COMMENT ...
** ENDCOMMENT) are skipped; VERBATIM ... ENDVERBATIM and the TITLE line come whole.
** Units and ontology ids are not tokens: the parser asks for their raw text, since a
** unit such as (/mV-ms) or (kg-m2/s2) is no sequence of NMODL tokens.
*/
#include <ctype.h>
#include <string.h>
#include "nmodl_int.h"

static const char *const kw_names[K_NKW] = {
    [K_VERBATIM] = "VERBATIM", [K_COMMENT] = "COMMENT", [K_TITLE] = "TITLE",
    [K_CONSTANT] = "CONSTANT", [K_PARAMETER] = "PARAMETER", [K_INDEPENDENT] = "INDEPENDENT",
    [K_ASSIGNED] = "ASSIGNED", [K_INITIAL] = "INITIAL", [K_TERMINAL] = "TERMINAL",
    [K_DERIVATIVE] = "DERIVATIVE", [K_EQUATION] = "EQUATION", [K_BREAKPOINT] = "BREAKPOINT",
    [K_CONDUCTANCE] = "CONDUCTANCE", [K_SOLVE] = "SOLVE", [K_STATE] = "STATE",
    [K_STEPPED] = "STEPPED", [K_LINEAR] = "LINEAR", [K_NONLINEAR] = "NONLINEAR",
    [K_DISCRETE] = "DISCRETE", [K_FUNCTION] = "FUNCTION", [K_FUNCTION_TABLE] = "FUNCTION_TABLE",
    [K_PROCEDURE] = "PROCEDURE", [K_PARTIAL] = "PARTIAL", [K_INT] = "INT", [K_DEL2] = "DEL2",
    [K_DEL] = "DEL", [K_LOCAL] = "LOCAL", [K_METHOD] = "METHOD", [K_STEADYSTATE] = "STEADYSTATE",
    [K_SENS] = "SENS", [K_STEP] = "STEP", [K_WITH] = "WITH", [K_FROM] = "FROM",
    [K_FORALL] = "FORALL", [K_TO] = "TO", [K_BY] = "BY", [K_IF] = "if", [K_ELSE] = "else",
    [K_WHILE] = "while", [K_START] = "START", [K_DEFINE] = "DEFINE", [K_KINETIC] = "KINETIC",
    [K_CONSERVE] = "CONSERVE", [K_PLOT] = "PLOT", [K_VS] = "VS", [K_LAG] = "LAG",
    [K_RESET] = "RESET", [K_MATCH] = "MATCH", [K_MODEL_LEVEL] = "MODEL_LEVEL",
    [K_SWEEP] = "SWEEP", [K_FIRST] = "FIRST", [K_LAST] = "LAST",
    [K_COMPARTMENT] = "COMPARTMENT", [K_LONGDIFUS] = "LONGITUDINAL_DIFFUSION",
    [K_PUTQ] = "PUTQ", [K_GETQ] = "GETQ", [K_IFERROR] = "IFERROR", [K_SOLVEFOR] = "SOLVEFOR",
    [K_UNITS] = "UNITS", [K_UNITSON] = "UNITSON", [K_UNITSOFF] = "UNITSOFF",
    [K_TABLE] = "TABLE", [K_DEPEND] = "DEPEND", [K_NEURON] = "NEURON", [K_SUFFIX] = "SUFFIX",
    [K_POINT_PROCESS] = "POINT_PROCESS", [K_ARTIFICIAL_CELL] = "ARTIFICIAL_CELL",
    [K_NONSPECIFIC] = "NONSPECIFIC_CURRENT", [K_ELECTRODE_CURRENT] = "ELECTRODE_CURRENT",
    [K_SECTION] = "SECTION", [K_RANGE] = "RANGE", [K_USEION] = "USEION", [K_READ] = "READ",
    [K_WRITE] = "WRITE", [K_VALENCE] = "VALENCE", [K_CHARGE] = "CHARGE", [K_GLOBAL] = "GLOBAL",
    [K_POINTER] = "POINTER", [K_BBCOREPOINTER] = "BBCOREPOINTER", [K_EXTERNAL] = "EXTERNAL",
    [K_INCLUDE] = "INCLUDE", [K_CONSTRUCTOR] = "CONSTRUCTOR", [K_DESTRUCTOR] = "DESTRUCTOR",
    [K_NET_RECEIVE] = "NET_RECEIVE", [K_BEFORE] = "BEFORE", [K_AFTER] = "AFTER",
    [K_WATCH] = "WATCH", [K_FOR_NETCONS] = "FOR_NETCONS", [K_THREADSAFE] = "THREADSAFE",
    [K_PROTECT] = "PROTECT", [K_MUTEXLOCK] = "MUTEXLOCK", [K_MUTEXUNLOCK] = "MUTEXUNLOCK",
    [K_REPRESENTS] = "REPRESENTS",
};

const char *lex_kw_name(int kw)
{
    return kw > K_NONE && kw < K_NKW ? kw_names[kw] : "?";
}

static int kw_lookup(const char *s, size_t n)
{
    for (int k = K_NONE + 1; k < K_NKW; k++)
        if (strlen(kw_names[k]) == n && memcmp(kw_names[k], s, n) == 0)
            return k;
    return K_NONE;
}

static struct nm_lexer *top(struct nm_parser *p)
{
    return &p->lx[p->nlx - 1];
}

static int ch(const struct nm_lexer *l, size_t off)
{
    return l->pos + off < l->len ? (unsigned char)l->src[l->pos + off] : 0;
}

static void bump(struct nm_lexer *l)
{
    if (l->pos < l->len) {
        if (l->src[l->pos] == '\n')
            l->line++, l->col = 1;
        else
            l->col++;
        l->pos++;
    }
}

static void skip_line(struct nm_lexer *l)
{
    while (l->pos < l->len && l->src[l->pos] != '\n')
        bump(l);
}

/* Skips blanks and line comments. */
static void skip_space(struct nm_lexer *l)
{
    for (;;) {
        int c = ch(l, 0);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
            bump(l);
        else if (c == ':' || c == '?')
            skip_line(l);
        else
            return;
    }
}

/* Does the word at l's position equal w (and end there)? */
static int word_at(const struct nm_lexer *l, size_t at, const char *w)
{
    size_t n = strlen(w);
    if (at + n > l->len || memcmp(l->src + at, w, n) != 0)
        return 0;
    int after = at + n < l->len ? (unsigned char)l->src[at + n] : 0;
    int before = at > 0 ? (unsigned char)l->src[at - 1] : ' ';
    return !(isalnum(after) || after == '_') && !(isalnum(before) || before == '_');
}

/* Advances past the matching end word (ENDCOMMENT, ENDVERBATIM) and the rest of its line;
** returns where the word began, or fails naming the line of the opening word. As in
** nocmodl's lexer, the end word counts only first on its line (after blanks), and the rest of
** that line is ignored. */
static size_t skip_to_word(struct nm_parser *p, const char *endw, int line, int col)
{
    struct nm_lexer *l = top(p);
    int first = 0; /* only blanks since the last newline (the opening word's line: no) */
    while (l->pos < l->len) {
        int c = ch(l, 0);
        if (first && word_at(l, l->pos, endw)) {
            size_t at = l->pos;
            while (l->pos < l->len && ch(l, 0) != '\n')
                bump(l);
            return at;
        }
        first = c == '\n' || (first && (c == ' ' || c == '\t' || c == '\r'));
        bump(l);
    }
    perr(p, line, col, "%s without %s", endw + 3, endw);
}

static const char *lex_number(struct nm_parser *p, nm_tok *tok)
{
    struct nm_lexer *l = top(p);
    size_t start = l->pos;
    int real = 0;
    while (isdigit(ch(l, 0)))
        bump(l);
    if (ch(l, 0) == '.') {
        real = 1;
        bump(l);
        while (isdigit(ch(l, 0)))
            bump(l);
    }
    if ((ch(l, 0) == 'e' || ch(l, 0) == 'E') &&
        (isdigit(ch(l, 1)) || ((ch(l, 1) == '+' || ch(l, 1) == '-') && isdigit(ch(l, 2))))) {
        real = 1;
        bump(l);
        bump(l);
        while (isdigit(ch(l, 0)))
            bump(l);
    }
    tok->t = real ? T_REAL : T_INT;
    return pstrdup(p, l->src + start, l->pos - start);
}

/* Operators of two or three characters. */
static int lex_op(struct nm_lexer *l)
{
    int c = ch(l, 0), d = ch(l, 1);
    static const struct { char a, b; int t; } two[] = {
        {'<', '=', T_LE}, {'>', '=', T_GE}, {'=', '=', T_EQ}, {'!', '=', T_NE},
        {'&', '&', T_AND}, {'|', '|', T_OR}, {'-', '>', T_ARROW}, {'<', '<', T_LTLT},
    };
    if (c == '<' && d == '-' && ch(l, 2) == '>') {
        bump(l), bump(l), bump(l);
        return T_REACT;
    }
    for (size_t i = 0; i < sizeof two / sizeof two[0]; i++)
        if (c == two[i].a && d == two[i].b) {
            bump(l), bump(l);
            return two[i].t;
        }
    return 0;
}

/* Reads the next token of the innermost file; at its end, the next outer file goes on. */
void lex_next(struct nm_parser *p, nm_tok *tok)
{
    struct nm_lexer *l;
again:
    l = top(p);
    skip_space(l);
    memset(tok, 0, sizeof *tok);
    tok->line = l->line;
    tok->col = l->col;
    int c = ch(l, 0);
    if (l->pos >= l->len) {
        tok->t = T_EOF;
        return;
    }
    if (isalpha(c) || c == '_') {
        size_t start = l->pos;
        while (isalnum(ch(l, 0)) || ch(l, 0) == '_')
            bump(l);
        size_t n = l->pos - start;
        int kw = kw_lookup(l->src + start, n);
        if (kw == K_COMMENT) {
            skip_to_word(p, "ENDCOMMENT", tok->line, tok->col);
            goto again;
        }
        if (kw == K_VERBATIM) {
            size_t from = l->pos;
            size_t to = skip_to_word(p, "ENDVERBATIM", tok->line, tok->col);
            tok->t = T_VERBATIM;
            tok->text = pstrdup(p, l->src + from, to - from);
            return;
        }
        if (kw == K_TITLE) {
            while (ch(l, 0) == ' ' || ch(l, 0) == '\t')
                bump(l);
            size_t from = l->pos;
            skip_line(l);
            size_t to = l->pos;
            while (to > from && (l->src[to - 1] == '\r' || l->src[to - 1] == ' '))
                to--;
            tok->t = T_TITLE;
            tok->text = pstrdup(p, l->src + from, to - from);
            return;
        }
        tok->text = pstrdup(p, l->src + start, n);
        if (kw != K_NONE) {
            tok->t = T_KEYWORD;
            tok->kw = kw;
        } else if (ch(l, 0) == '\'') {
            tok->t = T_PRIME;
            while (ch(l, 0) == '\'')
                bump(l), tok->nprime++;
        } else {
            tok->t = T_NAME;
            for (const struct nm_define *d = p->defines; d; d = d->next)
                if (strcmp(d->name, tok->text) == 0) {
                    tok->t = T_INT;
                    tok->text = d->value;
                    break;
                }
        }
        return;
    }
    if (isdigit(c) || (c == '.' && isdigit(ch(l, 1)))) {
        tok->text = lex_number(p, tok);
        return;
    }
    if (c == '"') {
        size_t start = l->pos;
        bump(l);
        while (ch(l, 0) && ch(l, 0) != '"' && ch(l, 0) != '\n') {
            if (ch(l, 0) == '\\' && ch(l, 1))
                bump(l);
            bump(l);
        }
        if (ch(l, 0) != '"')
            perr(p, tok->line, tok->col, "string without its closing '\"'");
        bump(l);
        tok->t = T_STRING;
        tok->text = pstrdup(p, l->src + start, l->pos - start);
        return;
    }
    int op = lex_op(l);
    if (op) {
        tok->t = op;
        return;
    }
    if (strchr("{}()[],=+-*/^<>~!@", c) && c) {
        bump(l);
        tok->t = c;
        return;
    }
    if (isprint(c))
        perr(p, tok->line, tok->col, "unexpected character '%c'", c);
    perr(p, tok->line, tok->col, "unexpected byte 0x%02x", c);
}

const char *lex_raw_unit(struct nm_parser *p)
{
    struct nm_lexer *l = top(p);
    int line = l->line, col = l->col - 1; /* the '(' */
    while (ch(l, 0) == ' ' || ch(l, 0) == '\t')
        bump(l);
    size_t start = l->pos;
    while (ch(l, 0) && ch(l, 0) != ')' && ch(l, 0) != '\n' && ch(l, 0) != '(')
        bump(l);
    if (ch(l, 0) != ')')
        perr(p, line, col, "unit without its closing ')'");
    size_t end = l->pos;
    while (end > start && (l->src[end - 1] == ' ' || l->src[end - 1] == '\t'))
        end--;
    bump(l);
    return pstrdup(p, l->src + start, end - start);
}

const char *lex_raw_word(struct nm_parser *p)
{
    struct nm_lexer *l = top(p);
    while (ch(l, 0) == ' ' || ch(l, 0) == '\t')
        bump(l);
    size_t start = l->pos;
    while (ch(l, 0) && !isspace(ch(l, 0)))
        bump(l);
    if (l->pos == start)
        perr(p, l->line, l->col, "REPRESENTS needs an ontology id (e.g. CHEBI:29101)");
    return pstrdup(p, l->src + start, l->pos - start);
}
