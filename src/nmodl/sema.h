/*
** sema.h: what the semantic pass (sema.c) learns about one mechanism and the C
** generator (gen*.c) uses: the variables and where each lives at run time, the ions,
** the callables and the blocks.
*/
#ifndef NMODL_SEMA_H
#define NMODL_SEMA_H

#include "nmodl_int.h"

/* Where a name lives in the generated code. */
enum nm_where {
    W_RANGE,    /* a column of the instance data: md->col[col][i] */
    W_GLOBAL,   /* a value per model: md->gvals[col] */
    W_ION,      /* a column of an ion's data: ion k, column col */
    W_CONST,    /* a C constant (CONSTANT, UNITS factor) */
    W_SPECIAL,  /* v, t, dt, celsius */
    W_POINTER,  /* a POINTER: md->ptr[col][i] points at the value (setpointer) */
    W_EXTERNAL  /* EXTERNAL: a global of the model (another mechanism's), found by name */
};

enum { ION_E, ION_CI, ION_CO, ION_CUR, ION_DCURDV };

struct nm_var {
    const char *name;
    nm_kind decl;        /* NM_PARAMETER, NM_ASSIGNED, NM_STATE, NM_CONSTANT, NM_UNITS, 0 */
    enum nm_where where;
    int col;             /* column, global index or ion column */
    int ion;             /* W_ION, or a current or concentration written: the ion */
    int ioncol;          /* for a written ion variable: ION_CUR, ION_CI, ION_CO or ION_E */
    int dim;             /* array size, 0 for a scalar */
    int hidden;          /* W_RANGE but not RANGE: a column users are not meant to see */
    int written;         /* assigned somewhere */
    const char *def;     /* default value text, or NULL */
    const char *unit;
    const nm_node *at;
};

struct nm_ion {
    const char *name;
    int flags;           /* NRN_ION_* of nrn_mech.h */
    const char *valence; /* as written, or NULL */
    int read_cur;        /* READ of the current (with WRITE: the ion's total is read) */
    const nm_node *at;
};

/* A PROCEDURE or FUNCTION; TABLE gives a table of its results over its one argument. */
struct nm_func {
    const char *name;
    const nm_node *node;
    int is_func;
    const nm_node *table;   /* NM_TABLE or NULL */
    int ntabvar;            /* TABLE names (a FUNCTION with an empty list tables itself) */
};

#define NM_MAXV 512

struct nm_mech {
    struct nm_arena arena;
    const char *file;
    const char *name;        /* SUFFIX / POINT_PROCESS / ARTIFICIAL_CELL name */
    int kind;                /* NRN_DENSITY, NRN_POINT, NRN_ARTCELL */
    int electrode;
    int nvar;
    struct nm_var var[NM_MAXV];
    int ncol, nglobal;       /* columns (visible first), globals */
    int npointer;            /* POINTERs (col of each W_POINTER variable) */
    int nion;
    struct nm_ion ion[4];
    int ncur;
    int cur[32];             /* the current variables in NEURON block order */
    int nfunc;
    struct nm_func func[64];
    const nm_node *initial, *breakpoint, *net_receive;
    const nm_node *solve;        /* the SOLVE of BREAKPOINT, or NULL */
    const nm_node *solved;       /* the block it names */
    int usetable;                /* global index of usetable_NAME, or -1 */
    const nm_node *root;
};

/* gen_random.c: 1 if the tree under n calls a random function (it needs a draw counter). */
int nm_uses_random(const nm_node *n);

struct nm_var *sema_lookup(struct nm_mech *m, const char *name);
struct nm_func *sema_func(struct nm_mech *m, const char *name);

#endif /* NMODL_SEMA_H */
