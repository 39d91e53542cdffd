/*
** nmodl.h: the NMODL translator's interface: the syntax tree, the parser, the tree
** printer, the semantic checks and the C generator (src/nmodl/, HACKING.md "The NMODL
** translator"). The passes run in that order on one .mod file; each failure leaves one
** line "FILE:LINE:COL: message" in the caller's buffer and returns nonzero.
**
** Like the engine, the translator never prints or exits: the command (nrn-build mod)
** and the Tcl layer do that.
*/
#ifndef NMODL_H
#define NMODL_H

#include <stdio.h>

/* What a node is. The comments give the meaning of text and of the kids. */
typedef enum nm_kind {
    /* top level */
    NM_FILE,        /* kids: top-level items in file order */
    NM_TITLE,       /* text: the title line */
    NM_VERBATIM,    /* text: the C between VERBATIM and ENDVERBATIM */
    NM_DEFINE,      /* text: name, value: integer */
    NM_UNITSFLAG,   /* UNITSON (ival 1) or UNITSOFF (ival 0) */
    NM_INCLUDE,     /* text: the file name; kids: the included file's items */
    NM_NEURON,      /* kids: NM_SUFFIX, NM_USEION, NM_NRNLIST, NM_THREADSAFE, NM_REPRESENTS */
    NM_SUFFIX,      /* text: name; value: "SUFFIX", "POINT_PROCESS" or "ARTIFICIAL_CELL" */
    NM_USEION,      /* text: ion; kids: NM_LIST READ, NM_LIST WRITE; value: VALENCE or NULL */
    NM_NRNLIST,     /* value: RANGE GLOBAL POINTER BBCOREPOINTER EXTERNAL NONSPECIFIC_CURRENT
                       ELECTRODE_CURRENT; kids: NM_NAME */
    NM_THREADSAFE,
    NM_REPRESENTS,  /* text: an ontology id */
    NM_UNITS,       /* kids: NM_UNITDEF, NM_FACTOR */
    NM_UNITDEF,     /* (text) = (unit) */
    NM_FACTOR,      /* text: name; value: a number or NULL; unit, unit2: the units */
    NM_PARAMETER,   /* kids: NM_DECL */
    NM_ASSIGNED,
    NM_STATE,
    NM_CONSTANT,
    NM_INDEPENDENT,
    NM_DECL,        /* text: name; ival: array size (0: scalar); unit; value: default (PARAMETER,
                       CONSTANT) or START; lo, hi: <lo,hi> limits or FROM lo TO hi;
                       abstol: STATE <tol>; with: INDEPENDENT's WITH */
    /* blocks: kids[0] is the argument list (NM_LIST of NM_NAME, possibly empty) or the
    ** SOLVEFOR list, kids[1] the body (NM_BLOCK; absent for FUNCTION_TABLE) */
    NM_INITIAL,
    NM_BREAKPOINT,
    NM_DERIVATIVE,  /* text: name */
    NM_KINETIC,
    NM_LINEAR,
    NM_NONLINEAR,
    NM_DISCRETE,
    NM_PROCEDURE,   /* text: name; unit */
    NM_FUNCTION,
    NM_FUNCTION_TABLE,
    NM_NET_RECEIVE,
    NM_CONSTRUCTOR,
    NM_DESTRUCTOR,
    NM_BEFORE,      /* value: BREAKPOINT SOLVE INITIAL or STEP */
    NM_AFTER,
    NM_LIST,        /* a plain list */
    NM_NAME,        /* text: name; unit (arguments); ival: array size (LOCAL) */
    /* statements */
    NM_BLOCK,       /* kids: statements */
    NM_LOCAL,       /* kids: NM_NAME */
    NM_ASSIGN,      /* kids: target (NM_VAR), value */
    NM_EXPRSTMT,    /* kids: a call */
    NM_IF,          /* kids: condition, then (NM_BLOCK), else (NM_BLOCK, NM_IF) or none */
    NM_WHILE,       /* kids: condition, body */
    NM_FROM,        /* text: loop variable; kids: from, to, by (or NM_NONE), body */
    NM_SOLVE,       /* text: block name; value: method or NULL; ival: 1 if STEADYSTATE;
                       kids: IFERROR body or none */
    NM_TABLE,       /* kids: NM_LIST names, NM_LIST depend, from, to; value: WITH */
    NM_REACTION,    /* value: "<->", "<<" or "->"; kids: left NM_LIST of NM_REACTANT,
                       right NM_LIST (empty for << and ->), rate exprs (one or two) */
    NM_REACTANT,    /* ival: stoichiometric coefficient; kids: NM_VAR */
    NM_CONSERVE,    /* kids: NM_LIST of NM_REACTANT, value expression */
    NM_COMPARTMENT, /* text: index name or NULL; kids: volume expr, NM_LIST of NM_NAME */
    NM_LONGDIFUS,   /* as COMPARTMENT */
    NM_EQUATION,    /* `~ lhs = rhs` (LINEAR, NONLINEAR): kids lhs, rhs */
    NM_WATCH,       /* kids: NM_WATCHITEM */
    NM_WATCHITEM,   /* value: ">" or "<"; kids: lhs, rhs, flag (NM_NUM) */
    NM_FOR_NETCONS, /* kids: NM_LIST args, body */
    NM_NETINITIAL,  /* INITIAL inside NET_RECEIVE: kids: body */
    NM_LAG,         /* text: name; value: BY name */
    NM_PROTECT,     /* kids: NM_ASSIGN */
    NM_MUTEX,       /* ival: 1 lock, 0 unlock */
    NM_CONDUCTANCE, /* text: name; value: ion or NULL */
    /* expressions */
    NM_NUM,         /* text: the literal as written (generated C keeps it); unit */
    NM_VAR,         /* text: name; ival: number of primes; kids: index or none */
    NM_CALL,        /* text: function; kids: arguments */
    NM_STRING,      /* text: contents with the quotes */
    NM_BINOP,       /* text: operator ("+", "<=", "&&", "^", ...); kids: left, right */
    NM_UNOP,        /* text: "-" or "!"; kids: operand */
    NM_PAREN,       /* kids: the parenthesised expression */
    NM_NONE,        /* an absent optional part */
    NM_NKIND
} nm_kind;

/* A node of the tree. Strings and kids live in the tree's arena. */
typedef struct nm_node {
    nm_kind kind;
    const char *file;  /* where it starts */
    int line, col;
    const char *text;
    const char *value;
    const char *unit, *unit2;
    const char *lo, *hi, *abstol, *with;
    int ival;
    int n, cap;
    struct nm_node **kid;
} nm_node;

/* A parsed file: the root and the memory that holds every node. */
typedef struct nm_tree nm_tree;

/*
** Parses path (INCLUDEs resolved against the including file's folder, then the current
** one). On success returns the tree; on failure NULL with "FILE:LINE:COL: message" in
** err. The message names the offending token.
*/
nm_tree *nm_parse_file(const char *path, char *err, size_t errsize);
/* The same on text in memory; path names it in messages and roots INCLUDEs. */
nm_tree *nm_parse_text(const char *path, const char *text, char *err, size_t errsize);
void nm_tree_free(nm_tree *t);
nm_node *nm_root(const nm_tree *t);

/* Name of a node kind, e.g. "ASSIGN". */
const char *nm_kind_name(nm_kind k);

/* Prints the tree, one node a line, indented by depth. */
void nm_print(FILE *out, const nm_node *root);

/* What the semantic pass learned about one mechanism (sema.h). */
typedef struct nm_mech nm_mech;

/*
** Checks the tree and learns the mechanism: NULL with "FILE:LINE:COL: message" in err for
** an undeclared name, a RANGE name never declared, a USEION with a wrong valence, a STATE
** never solved nor assigned, and what this version does not support.
*/
nm_mech *nm_analyze(const nm_tree *t, char *err, size_t errsize);
void nm_mech_free(nm_mech *m);
const char *nm_mech_name(const nm_mech *m);

/*
** Writes the C source of the mechanism to out: one nrn_mech_type named nrn_mech_<id>
** (id: the mechanism name) against nrn_mech.h. Returns 0, or 1 with the message in err
** for what the generator cannot translate.
*/
int nm_emit_c(nm_mech *m, FILE *out, char *err, size_t errsize);

#endif /* NMODL_H */
