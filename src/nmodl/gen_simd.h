/*
** gen_simd.h: what the translator's vector kernels share between gen_simd.c (the shared
** builds, checks and loops; the current kernels) and gen_simd_state.c (the state kernels).
** Internal to src/nmodl.
*/
#ifndef NRN_GEN_SIMD_H
#define NRN_GEN_SIMD_H

#include "gen.h"

/* instances per chunk of the state kernels' look-ups; lanes of a dense group (the cells of
** one interleaved block, interleave.c's SOLVE_W) */
enum { CHUNK = 64, W = 8 };
/* kernel_body's and kernel_builds' range: the range form with the chain (tabled_kernel) */
enum { RANGE_CHAIN = 2 };
/* the tabled state's range form keeps the chain this many vectors ahead of its look-ups */
enum { CHAIN_AHEAD = 2 };
/* What stmt_ok accepts besides LOCALs and assignments. */
enum { OK_EQS = 1, OK_IF = 2, OK_AT = 4 };

/* The generated code's preamble of the vector kernels (once per file). */
extern const char gen_simd_preamble[];

void kernel_body(struct gen *g, const char *name, int range);
void kernel_builds(struct gen *g, const char *name, int tbl, int range, const char *v0);
int expr_ok(struct gen *g, const nm_node *e);
int stmt_ok(struct gen *g, const nm_node *s, int eqs);
void ctx_copy(struct gen *g);
void cols_direct(struct gen *g, int on);
void simd_loop(struct gen *g, const char *var, const char *from, const char *to,
               const char *inst);
void simd_loop_v(struct gen *g, const char *var, const char *from, const char *to,
                 const char *inst, const char *vexpr);
void kernel_head(struct gen *g, const char *attr, const char *name, const char *ctx,
                 int range);

#endif
