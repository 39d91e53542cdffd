/*
** nmodl_int.h: what the translator's files share: the arena that owns a tree, the
** token stream (lex.c) and the parser state (parse*.c).
*/
#ifndef NMODL_INT_H
#define NMODL_INT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include "nmodl.h"

/* Memory of one tree: chunks freed together, so a failed parse leaks nothing. */
struct nm_arena {
    struct nm_chunk *head;
};
void *arena_alloc(struct nm_arena *a, size_t size);  /* zeroed; NULL when out of memory */
void arena_free(struct nm_arena *a);

/* Writes "FILE:LINE:COL: message" for node at (or "FILE: message" without one) into err. */
void node_vmsg(char *err, size_t errsize, const nm_node *at, const char *file, const char *fmt,
               va_list ap);

struct nm_tree {
    struct nm_arena arena;
    nm_node *root;
};

/* Token types: characters stand for themselves (< 128), the rest follow. */
enum {
    T_EOF = 0,
    T_NAME = 256, T_PRIME, T_INT, T_REAL, T_STRING, T_VERBATIM, T_TITLE,
    T_LE, T_GE, T_EQ, T_NE, T_AND, T_OR, T_REACT, T_ARROW, T_LTLT,
    T_KEYWORD  /* a reserved word; tok.kw says which */
};

/* Reserved words (nocmodl 8.2.2's keyword table; if/else/while are lower case). */
enum {
    K_NONE, K_VERBATIM, K_COMMENT, K_TITLE, K_CONSTANT, K_PARAMETER, K_INDEPENDENT,
    K_ASSIGNED, K_INITIAL, K_TERMINAL, K_DERIVATIVE, K_EQUATION, K_BREAKPOINT,
    K_CONDUCTANCE, K_SOLVE, K_STATE, K_STEPPED, K_LINEAR, K_NONLINEAR, K_DISCRETE,
    K_FUNCTION, K_FUNCTION_TABLE, K_PROCEDURE, K_PARTIAL, K_INT, K_DEL2, K_DEL, K_LOCAL,
    K_METHOD, K_STEADYSTATE, K_SENS, K_STEP, K_WITH, K_FROM, K_FORALL, K_TO, K_BY, K_IF,
    K_ELSE, K_WHILE, K_START, K_DEFINE, K_KINETIC, K_CONSERVE, K_PLOT, K_VS, K_LAG,
    K_RESET, K_MATCH, K_MODEL_LEVEL, K_SWEEP, K_FIRST, K_LAST, K_COMPARTMENT, K_LONGDIFUS,
    K_PUTQ, K_GETQ, K_IFERROR, K_SOLVEFOR, K_UNITS, K_UNITSON, K_UNITSOFF, K_TABLE,
    K_DEPEND, K_NEURON, K_SUFFIX, K_POINT_PROCESS, K_ARTIFICIAL_CELL, K_NONSPECIFIC,
    K_ELECTRODE_CURRENT, K_SECTION, K_RANGE, K_USEION, K_READ, K_WRITE, K_VALENCE,
    K_CHARGE, K_GLOBAL, K_POINTER, K_BBCOREPOINTER, K_EXTERNAL, K_INCLUDE, K_CONSTRUCTOR,
    K_DESTRUCTOR, K_NET_RECEIVE, K_BEFORE, K_AFTER, K_WATCH, K_FOR_NETCONS, K_THREADSAFE,
    K_PROTECT, K_MUTEXLOCK, K_MUTEXUNLOCK, K_REPRESENTS, K_NKW
};

typedef struct nm_tok {
    int t;              /* T_* or a character */
    int kw;             /* K_* for T_KEYWORD */
    const char *text;   /* arena copy: names, numbers, strings, verbatim, title */
    int nprime;         /* T_PRIME: how many primes */
    int line, col;
} nm_tok;

/* One source file being read. */
struct nm_lexer {
    const char *path;   /* arena copy */
    const char *src;
    size_t pos, len;
    int line, col;
};

/* DEFINE NAME integer: later NAMEs read as the integer (nocmodl's DEFINEDVAR). */
struct nm_define {
    const char *name, *value;
    struct nm_define *next;
};

/* The parser: a lexer stack (INCLUDE), the current token and one token of lookahead. */
struct nm_parser {
    struct nm_tree *tree;
    struct nm_lexer lx[8];
    int nlx;
    char *srcbuf[8];     /* file contents read for lx[i] (freed after the parse) */
    nm_tok cur, next;
    int has_next;
    int blocktype;       /* K_* of the enclosing block, for `~` and WATCH */
    int depth;           /* nesting of expressions and blocks (parse_stmt.c's nest_in) */
    struct nm_define *defines;
    char *err;
    size_t errsize;
    jmp_buf fail;
};

/* lex.c */
const char *lex_kw_name(int kw);
void lex_next(struct nm_parser *p, nm_tok *tok);
/* Text up to the next ')' (the unit after a '(' just read); the ')' is consumed. */
const char *lex_raw_unit(struct nm_parser *p);
/* The next blank-delimited word (an ontology id after REPRESENTS). */
const char *lex_raw_word(struct nm_parser *p);

/* parse.c: errors and tokens */
_Noreturn void perr(struct nm_parser *p, int line, int col, const char *fmt, ...);
_Noreturn void perr_tok(struct nm_parser *p, const char *what);
_Noreturn void pnomem(struct nm_parser *p);
char *pstrdup(struct nm_parser *p, const char *s, size_t n);
const char *tok_desc(const nm_tok *t, char *buf, size_t size);
void advance(struct nm_parser *p);
const nm_tok *peek(struct nm_parser *p);
int is_kw(const struct nm_parser *p, int kw);
void expect(struct nm_parser *p, int t, const char *what);
void expect_kw(struct nm_parser *p, int kw);
const char *expect_name(struct nm_parser *p, const char *what);
const char *parse_unit_opt(struct nm_parser *p);
nm_node *node_new(struct nm_parser *p, nm_kind kind, const nm_tok *at);
void node_add(struct nm_parser *p, nm_node *parent, nm_node *kid);
/* ast.c: 1 if the tree under n has a node of kind k. */
int nm_has_kind(const nm_node *n, nm_kind k);

/* parse_stmt.c: statements and expressions */
nm_node *parse_block(struct nm_parser *p);
nm_node *parse_expr(struct nm_parser *p);
nm_node *parse_varname(struct nm_parser *p);
nm_node *parse_local(struct nm_parser *p);
nm_node *parse_arglist(struct nm_parser *p);
const char *parse_number_text(struct nm_parser *p, int allow_minus);

#endif /* NMODL_INT_H */
