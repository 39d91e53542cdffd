/*
** gen.h: what the C generator's files share: the output, the name scopes of the code
** being written, the string helpers (gen_expr.c) and the statement writer.
*/
#ifndef NMODL_GEN_H
#define NMODL_GEN_H

#include <setjmp.h>
#include <stdio.h>
#include "sema.h"

/* Names in scope: LOCALs, arguments, the loop variable; each maps to a C expression. */
struct gscope {
    const char *name[64];
    const char *c[64];
    int n;
    const struct gscope *up;
};

struct gen {
    struct nm_mech *m;
    FILE *out;
    char *err;
    size_t errsize;
    jmp_buf fail;
    int ctx;            /* the nm_kind of the top-level block being written */
    const char *fname;  /* the FUNCTION being written (its result is _l<name>) */
    int depth;          /* indentation */
    int dry;            /* only looking (gen_cnexp_possible): names out of scope are fine */
    int implicit;       /* writing a DERIVATIVE for derivimplicit: x' = f stores f in _D[k] */
    int euler;          /* ... for METHOD euler */
    int newton;         /* the solved DERIVATIVE block has its derivimplicit residual _res_ */
    int nstate;         /* its states, in equation order (NEURON's _slist) */
    const char *state[64];
    int matsol;         /* writing ode_matsol: x' = f becomes Dx /= 1 - gamma*df/dx */
    int ode_n, ode_eqs; /* CVODE: states of the descriptor, 1 if it has their equations */
    int ode_ions;       /* 1: _ode_ions, the descriptor's state_ion, was written */
    int nwatch;         /* WATCH conditions in file order (gen_netrecv.c) */
    const nm_node *watch[16];
    int ba[5];          /* the BEFORE/AFTER kinds written (gen_ba.c) */
    struct gkin *kin;   /* the KINETIC block solved by sparse (gen_kinetic.c), or NULL */
    int newton_out;     /* the newton solver is written */
    int simeq_out;      /* the simeq solver is written */
    int counte;         /* writing a LINEAR or NONLINEAR block: its state count, else 0 */
    const struct nm_var *lstate[64]; /* ... and its states, in column order */
    int nlinstate;      /* states of the LINEAR or NONLINEAR block BREAKPOINT solves */
    int nldifus;        /* LONGITUDINAL_DIFFUSION states written (gen_ldifus.c) */
    int state_tol;      /* 1: _state_tol, the descriptor's state_tol, was written (gen_tol.c) */
    int cur_range, state_range; /* 1: _cur_range, _state_range were written (gen_simd.c) */
    int state_chain;            /* 1: _state_chain was written (gen_simd.c) */
};

_Noreturn void gerr(struct gen *g, const nm_node *at, const char *fmt, ...);
/* printf into the mechanism's arena. */
char *gfmt(struct gen *g, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void gscope_add(struct gen *g, struct gscope *sc, const char *name, const char *c);
/* n or a node below it is of kind kind (and, text given, has that text). */
int gen_has_node(const nm_node *n, nm_kind kind, const char *text);
/* The C text of name in scope sc (a LOCAL, an argument), or NULL. */
const char *gen_scope_find(const struct gscope *sc, const char *name);

/* The C text of an expression, as nocmodl spells it (integers in expressions as doubles). */
const char *gen_expr(struct gen *g, const nm_node *e, const struct gscope *sc);
/* The C lvalue of a variable. */
const char *gen_lvalue(struct gen *g, const nm_node *var, const struct gscope *sc);
/* 1 if cnexp can solve every equation of the DERIVATIVE body n (each linear in its state). */
int gen_cnexp_possible(struct gen *g, const nm_node *n);
/* The int C text of an array variable's index. */
const char *gen_index(struct gen *g, const nm_node *var, const struct gscope *sc);
/* Writes a statement (a block's statements for NM_BLOCK). */
void gen_stmt(struct gen *g, const nm_node *s, const struct gscope *sc);
/* Writes the statements of a block body in a new scope holding its LOCALs. */
void gen_body(struct gen *g, const nm_node *blk, const struct gscope *up);
void gline(struct gen *g, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* gen_ion.c: a concentration the mechanism writes (its own column while it runs), read
** from the ion at the start of init, cur and state and written back at their end (init:
** with e by Nernst where the ion's style says so). */
int gen_ion_conc(const struct nm_var *v);
void gen_ion_conc_in(struct gen *g);
void gen_ion_conc_out(struct gen *g, int init);
int gen_ion_writes(const struct nm_mech *m);
void gen_ion_states(struct gen *g, int n, const int *cols);
/* gen_tol.c: the CVODE states' own tolerances (STATE x <1e-6>), cols their columns. */
void gen_state_tol(struct gen *g, int n, const int *cols);
/* gen_deriv.c: appends the states a DERIVATIVE body n gives equations for to g->state
** (NEURON's _slist); writes the solved DERIVATIVE block (nothing for other kinds). */
void gen_collect_states(struct gen *g, const nm_node *n);
void gen_solved(struct gen *g);
/* gen_decl.c: the variable, global and ion tables; the constants. */
void gen_tables(struct gen *g);
void gen_consts(struct gen *g);
/* gen_func.c: the C parameter list of a FUNCTION or PROCEDURE (its arguments added to sc
** when sc is not NULL); struct _gp with the TABLEs; a FUNCTION or PROCEDURE with its TABLE. */
const char *gen_args_decl(struct gen *g, const nm_node *args, struct gscope *sc);
void gen_table_struct(struct gen *g);
void gen_func(struct gen *g, const struct nm_func *f);
/* gen_expr.c: the text of df/dx for x' = f as nocmodl's symbolic derivative writes it, NULL
** where it has none (x inside a call, in a divisor, ...). */
const char *gen_dfdx(struct gen *g, const nm_node *f, const char *state, const struct gscope *sc);
/* gen_ode.c: the CVODE functions (after the state function) and the descriptor's fields. */
void gen_ode(struct gen *g);
void gen_ode_fields(struct gen *g);
void gen_ode_matsol_eq(struct gen *g, const nm_node *s, const struct gscope *sc);
/* gen_simd.c: 1 if the kernel takes the vector shape: gen_simd_cur writes _cur, gen_simd_state
** writes _state and its vector kernel (gen.c then writes the scalar loop as _state_scalar). */
int gen_simd_cur(struct gen *g);
int gen_simd_state(struct gen *g);
/* gen_pointer.c: the POINTER access macro and names table; the descriptor's fields. */
void gen_pointer_defs(struct gen *g);
void gen_pointer_desc(struct gen *g);
/* nrn_pointing(p): 1 if POINTER p is set, else 0. */
const char *gen_pointing(struct gen *g, const nm_node *call, const struct gscope *sc);

/* gen_blocks.c: the column pointers copied into a whole-array function's frame; the head of
** the loop over instances (closed by two "}" lines), the table checks first if checks; the
** whole-array functions; 1 if the BREAKPOINT has no currents (it then runs in _state). */
void gen_cols_copy(struct gen *g);
void gen_loop_head(struct gen *g, int checks);
void gen_init(struct gen *g);
void gen_cur(struct gen *g);
void gen_state(struct gen *g);
void gen_receive(struct gen *g);
int gen_nocur_breakpoint(const struct nm_mech *m);
/* gen_ba.c: BEFORE and AFTER blocks, and the descriptor's ba[] entries. */
void gen_ba_fns(struct gen *g);
void gen_ba_desc(struct gen *g);
/* gen_netrecv.c: WATCH, INITIAL inside NET_RECEIVE, FOR_NETCONS. */
void gen_netrecv_fns(struct gen *g);
void gen_netrecv_desc(struct gen *g);
void gen_netrecv_head(struct gen *g);
void gen_netrecv_stmt(struct gen *g, const nm_node *s, const struct gscope *sc);

/* gen_functable.c: FUNCTION_TABLE functions, their names table, the descriptor's fields. */
void gen_functable_func(struct gen *g, const struct nm_func *f, const char *decl);
void gen_functable_defs(struct gen *g);
void gen_functable_desc(struct gen *g);

/* gen_random.c: the random functions (a draw counter column per instance). */
void gen_random_init(struct gen *g);
const char *gen_random_call(struct gen *g, const nm_node *c, const char *args);

/* verbatim.c: NULL when a VERBATIM block's C may pass, else its first identifier (or
** directive) that reaches into NEURON's internals, copied into bad. local(ud, name, n)
** answers for _lname (name) and for _p_name (the whole identifier). */
const char *verbatim_bad(const char *text, int (*local)(void *ud, const char *name, size_t n),
                         void *ud, char *bad, size_t badsize);
/* verbatim.c: 1 if a VERBATIM text declares a helper with nocmodl's _threadargsproto_. */
int verbatim_has_args(const char *text);
/* verbatim.c: nocmodl's _threadargs_ family and the C headers its output has, for a file
** with VERBATIM blocks. */
void verbatim_prelude(struct gen *g);
/* verbatim.c: refuses the block at with bad, its first identifier of NEURON's internals. */
_Noreturn void verbatim_refuse(struct gen *g, const nm_node *at, const char *bad);
/* verbatim.c: refuses the first VERBATIM under n (in file order) that cannot pass whatever
** its LOCALs (inblock: n is inside a block), so that a file's first problem is named. */
void verbatim_precheck(struct gen *g, const nm_node *n, int inblock);
/* gen_expr.c: writes a VERBATIM block, the mechanism's names defined around it; sc NULL
** for one at file scope (plain C only). */
void gen_verbatim(struct gen *g, const nm_node *s, const struct gscope *sc);
/* gen_carry.c: 1 if a GLOBAL (or file LOCAL) the code writes is read before the same call
** wrote it, i.e. it carries a value from call to call. */
int gen_global_carried(struct nm_mech *m);
/* gen_lag.c: LAG x BY d, its lag_x_d declared as a LOCAL of the block (scope sc). */
void gen_lag(struct gen *g, const nm_node *s, struct gscope *sc);

/* gen_kinetic.c: a KINETIC block solved by METHOD sparse. gen_kinetic_gp writes its part
** of struct _gp (and learns the block), gen_kinetic its function, gen_kinetic_state the
** call in the state loop; gen_kinetic_stmt writes a reaction, CONSERVE or COMPARTMENT
** (0 for other statements), gen_kinetic_solve a SOLVE ... STEADYSTATE sparse in INITIAL
** (0 when s is not one). */
void gen_kinetic_gp(struct gen *g);
/* 1 if variable a comes before b in nocmodl's symbol table walk (by first character; with the
** same first character the one met last in the file first): the order of its state lists. */
int gen_sym_before(const nm_node *root, const struct nm_var *a, const struct nm_var *b);
void gen_kinetic(struct gen *g);
void gen_kinetic_state(struct gen *g);
/* ... its CVODE functions (after _state; nothing without a KINETIC block) and their fields in
** the nrn_mech_type. */
void gen_kinetic_ode(struct gen *g);
void gen_kinetic_fields(struct gen *g);
int gen_kinetic_stmt(struct gen *g, const nm_node *s, const struct gscope *sc);
int gen_kinetic_solve(struct gen *g, const nm_node *s);
/* The text of state v's COMPARTMENT volume (its index name mapped to _i), or NULL. */
const char *gen_kinetic_volume(struct gen *g, const struct nm_var *v, const struct gscope *sc);

/* gen_ldifus.c: the LONGITUDINAL_DIFFUSION functions and table (after the CVODE functions),
** and the descriptor's fields. */
void gen_ldifus(struct gen *g);
void gen_ldifus_desc(struct gen *g);

/* gen_linear.c: LINEAR (simeq) and NONLINEAR (newton) blocks. gen_linear_blocks writes their
** functions (before the PROCEDUREs that may SOLVE them); gen_linear_solve writes the SOLVE of
** one (0 when s names no such block); gen_linear_stmt an equation (0 for other statements). */
void gen_linear_blocks(struct gen *g);
int gen_linear_solve(struct gen *g, const nm_node *s);
int gen_linear_stmt(struct gen *g, const nm_node *s, const struct gscope *sc);
/* The nrn_mech_type fields of a mechanism whose BREAKPOINT solves a LINEAR or NONLINEAR block:
** its states, without CVODE functions (so CVODE is refused for it, as in NEURON). */
void gen_linear_fields(struct gen *g);
/* gen_deriv.c: writes scopmath's newton (derivimplicit, NONLINEAR) once into the file. */
void gen_newton_runtime(struct gen *g);
/* gen_state_ptrs declares _x (and _xn) over the solved DERIVATIVE block's states;
** gen_newton_call writes one derivimplicit step of it called with args (gen_deriv.c). */
void gen_state_ptrs(struct gen *g, int xn);
void gen_newton_call(struct gen *g, const char *args);
/* SOLVE of the BREAKPOINT's DERIVATIVE block in INITIAL, a FUNCTION or a PROCEDURE
** (STEADYSTATE derivimplicit): 1 if written, 0 if s is not one (gen_steady.c). */
int gen_deriv_solve(struct gen *g, const nm_node *s);
/* 1: nrn_state halves dt under secondorder though the block is cnexp (gen_steady.c). */
int gen_deriv_halves(const struct nm_mech *m);

#endif /* NMODL_GEN_H */
