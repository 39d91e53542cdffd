/*
** exp_exact.h: exp(x) with glibc's results, bit for bit, without its errno wrapper and
** PLT call. Mechanisms call exp several times per compartment per step, and NEURON's numbers
** depend on the exact value of every one, so a faster exp must also be the same exp:
** exp_exact.c runs glibc's algorithm (a 128-entry table of 2^(k/128), a degree-5
** polynomial), in the variant glibc itself picks for this CPU (with fused multiply-adds
** where the CPU has FMA and AVX2, plain arithmetic elsewhere). On other architectures
** nrn_exp is the C library's exp. (GLIBC_TUNABLES settings that hide FMA from glibc are not
** followed: under them the two can differ in the last bit, about once in 2,000 arguments.)
*/
#ifndef EXP_EXACT_H
#define EXP_EXACT_H

#include <stdint.h>
#include "nrn_exp_inline.h" /* glibc's constants and table */

/* glibc's exp, in the variant this CPU gets from glibc, sets no errno; declared in
** nrn_mech.h for the mechanisms. */
double nrn_exp(double x);
/* exp with NEURON's range for mechanisms (hoc_Exp), exp_hoc.c. */
double nrn_hexp(double x);

/* The two variants, for tests: with fused multiply-adds (callable only where the CPU has
** FMA) and without. */
double exp_exact_fma(double x);
double exp_exact_plain(double x);
int exp_exact_have_fma(void);

/* For tests: y[i] = exp(x[i]) through the vector forms of exp_simd.c, at most width lanes
** wide (8: AVX-512 where the CPU has it, 4: AVX2), the remainder through nrn_exp. */
void exp_simd_array(const double *x, double *y, int n, int width);

/* For tests: y[i] = nrn_hexp(x[i]) through its vector form number form (8: AVX-512, 4: AVX2,
** 3: AVX, 2: SSE2) where the CPU has it, the rest through the scalar nrn_hexp (exp_hoc.c). */
void exp_hoc_array(const double *x, double *y, int n, int form);

/* For tests: y[i] = nrn_hexp_fma_inline(x[i]) (nrn_exp_inline.h) in a loop vectorized for
** x86-64-v4 (isa 4) or v3 (isa 3). Returns 0 where the CPU lacks that level, 1 done. */
int exp_inline_array(const double *x, double *y, int n, int isa);

#endif
