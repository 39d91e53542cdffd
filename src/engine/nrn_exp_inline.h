/*
** nrn_exp_inline.h: nrn_hexp (a translated mechanism's exp, exp_hoc.c) written out inline, for
** the vector kernels that the translator generates (src/nmodl/gen_simd.c). Called out of line,
** the vector exp makes the kernel loop save and restore its vector registers around every call
** (the x86-64 vector ABI keeps none across a call); inline, the compiler schedules its work
** between the kernel's divisions.
**
** The bits are those of nrn_hexp on a CPU with FMA and AVX2, where glibc, and so nrn_exp, runs
** its FMA variant: callers use it only in code built for x86-64-v3 or v4 and chosen at run
** time, elsewhere nrn_hexp. It is glibc's algorithm as exp_exact.c's exp_exact_fma has it,
** operation by operation, with hoc_Exp's range folded in as selects so that a loop with it
** still vectorizes (no branch, and every operation done on every lane: GCC will not
** if-convert an operation that may trap into a loop without masked instructions):
** - x > 700 (and +inf): the value at 700, hoc_Exp's exp(700);
** - 512 <= x <= 700: glibc's path for large results scales by 2^-1009 and back, which is
**   exact here (no overflow, no subnormal), so the main path gives the same bits;
** - -700 <= x <= -512: glibc's path for tiny results: the scale times 2^1022, the last step
**   unfused, times 2^-1022 (the result, above e^-700, is normal, so glibc's further
**   correction for subnormal results never applies);
** - x < -700 (and -inf): 0; NaN: x + 1 (a quiet NaN of x, as 1.0 + x in glibc);
** - |x| < 2^-54: the main path gives 1 + x, as glibc's own branch does.
** The range tests are on the bits, in integers: floating-point comparisons that may trap keep
** GCC from if-converting them in some loops. tests/unit/test_exp.c checks it against
** nrn_hexp over every range (exp_inline.c builds the vector loops it runs). Like all mechanism
** code it must be compiled with -ffp-contract=off (nrn-build mod does): the fused operations
** are the explicit ones, and scale + scale * tmp must stay unfused.
*/
#ifndef NRN_EXP_INLINE_H
#define NRN_EXP_INLINE_H

#include <stdint.h>
#include <string.h>

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
** Computed at build time by tools/gen_exp_table.c, in libnrn. */
extern const uint64_t exp_exact_tab[256];

/* The builds the vector kernels get, chosen at run time (gen_simd.c): with gathers on (GCC's
** generic tuning emulates them with scalar loads and inserts, much slower for the table
** look-ups of the kernels and of this exp), and 512-bit vectors on x86-64-v4. */
#define NRN_TARGET_V4 "arch=x86-64-v4,tune=sapphirerapids,prefer-vector-width=512"
#define NRN_TARGET_V3 "arch=x86-64-v3,tune=sapphirerapids"

#define NRN_XINLINE static inline __attribute__((always_inline))

NRN_XINLINE uint64_t nrn_x_bits(double x)
{
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    return u;
}

NRN_XINLINE double nrn_x_double(uint64_t u)
{
    double x;
    memcpy(&x, &u, sizeof x);
    return x;
}

/* m ? a : b for m all ones or zero, on the bits: a select the compiler cannot turn back
** into a branch. */
NRN_XINLINE double nrn_x_sel(int64_t m, double a, double b)
{
    return nrn_x_double((nrn_x_bits(a) & (uint64_t)m) | (nrn_x_bits(b) & ~(uint64_t)m));
}

/* The bits of 700 and 512, and of +inf. */
#define NRN_X700 INT64_C(0x4085e00000000000)
#define NRN_X512 INT64_C(0x4080000000000000)
#define NRN_XINF INT64_C(0x7ff0000000000000)

NRN_XINLINE double nrn_hexp_fma_inline(double x)
{
    const int64_t sx = (int64_t)nrn_x_bits(x), ax = sx & INT64_MAX;
    const int64_t neg = -(int64_t)(sx < 0);
    const double xc = nrn_x_sel(-(int64_t)(sx > NRN_X700), 700., x);
    double kd = __builtin_fma(xc, EXP_INVLN2N, EXP_SHIFT);
    const uint64_t ki = nrn_x_bits(kd);
    kd -= EXP_SHIFT;
    const double r = __builtin_fma(kd, EXP_NEGLN2LON, __builtin_fma(kd, EXP_NEGLN2HIN, xc));
    const uint64_t idx = 2 * (ki % 128);
    const double tail = nrn_x_double(exp_exact_tab[idx]);
    const uint64_t sbits = exp_exact_tab[idx + 1] + (ki << 45);
    const double r2 = r * r;
    const double p45 = __builtin_fma(r, EXP_C5, EXP_C4);
    const double p23 = __builtin_fma(__builtin_fma(r, EXP_C3, EXP_C2), r2, tail + r);
    const double tmp = __builtin_fma(r2 * r2, p45, p23);
    const int64_t lo = neg & -(int64_t)(ax >= NRN_X512);
    const double scale = nrn_x_double(sbits + ((UINT64_C(1022) << 52) & (uint64_t)lo));
    const double yf = __builtin_fma(scale, tmp, scale);
    /* times 1 outside the tiny range: no subnormal (and its slow microcode) in any lane */
    const double yn = (scale + scale * tmp) * nrn_x_sel(lo, 0x1p-1022, 1.);
    const double xn = x + 1.;
    double y = nrn_x_sel(lo, yn, yf);
    y = nrn_x_sel(neg & -(int64_t)(ax > NRN_X700), 0., y);
    return nrn_x_sel(-(int64_t)(ax > NRN_XINF), xn, y);
}

#endif
