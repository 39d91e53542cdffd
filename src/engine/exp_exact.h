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

/* glibc's constants: 128/ln2, -ln2/128 in a high and a low part, the rounding shift, and
** the polynomial's coefficients C2..C5. */
#define EXP_INVLN2N (0x1.71547652b82fep0 * 128)
#define EXP_NEGLN2HIN -0x1.62e42fefa0000p-8
#define EXP_NEGLN2LON -0x1.cf79abc9e3b3ap-47
#define EXP_SHIFT 0x1.8p52
#define EXP_C2 0x1.ffffffffffdbdp-2
#define EXP_C3 0x1.555555555543cp-3
#define EXP_C4 0x1.55555cf172b91p-5
#define EXP_C5 0x1.1111167a4d017p-7

/* 2^(k/128) for k = 0..127: [2k] the tail's bits, [2k+1] the head's bits - (k << 45).
** Computed at build time by tools/gen_exp_table.c. */
extern const uint64_t exp_exact_tab[256];

#endif
