/*
** asc_int.h: private interface of the Neurolucida reader: the tokens, sections and reading
** state shared by asc.c (errors, nrn_load_asc), asc_parse.c (lexer and parser) and
** asc_soma.c (soma-contour geometry).
*/
#ifndef ASC_INT_H
#define ASC_INT_H

#include <stddef.h>
#include "morph.h"
#include "nrn_int.h"

#define ASC_HOC_EPSILON 1e-11

enum {
    T_EOF, T_NUM, T_LP, T_RP, T_COMMA, T_BAR, T_SET, T_RGB, T_STR, T_LABEL, T_ERR, T_LSP, T_RSP
};

/* hoc's comparisons of numbers allow float_epsilon (1e-11). */
static inline int hoc_eq(double a, double b)
{
    return a <= b + ASC_HOC_EPSILON && a >= b - ASC_HOC_EPSILON;
}

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
    /* notes */
    int nspine, nshort, shortline, nfar, farline;
    int lenient_tok, lenient_line; /* first white space only rest: next token, line */
};

/* The points replacing a contour. */
struct centroid {
    int n;
    double *x, *y, *z, *d;
};

/* asc.c: records "PATH:LINE: message" as the model's error (NRN_EFORMAT; the first only). */
void asc_fail(struct asc *a, int line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* asc.c: records "PATH: out of memory" as the model's error (the first only). */
void asc_nomem(struct asc *a);

/* asc_parse.c: splits the file text (len bytes) into the tokens of a. */
void asc_parse_lex(struct asc *a, const char *buf, size_t len);
/* asc_parse.c: p_file: the objects of the whole file, which must end there. Returns a->rc. */
int asc_parse_file(struct asc *a);

/* asc_soma.c: connect2soma (order receives the section list order); 0 or -1 (no memory). */
int asc_soma_connect(struct asc *a, int *order);
/*
** asc_soma.c: the points that replace soma contour k (a single contour or the head of a
** stack) at instantiate: contour2centroid's, or contourstack2centroid's for a stack.
** Returns 0, -1 (no memory) or 1 (degenerate contour).
*/
int asc_soma_points(const struct asc *a, int k, struct centroid *c);
/* asc_soma.c: frees the points of c. */
void asc_soma_centroid_free(struct centroid *c);

#endif /* ASC_INT_H */
