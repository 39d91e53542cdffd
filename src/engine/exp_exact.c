/*
** exp_exact.c: glibc's exp, bit for bit (see exp_exact.h for why).
**
** The algorithm: with N = 128, k = round(x N / ln 2) and r = x - k ln2/N (ln2/N split in a
** high and a low part), exp(x) = 2^(k/N) e^r, where 2^(k/N) = 2^floor(k/N) 2^((k mod N)/N)
** comes from the table as head H and tail T (2^(i/N) ~ H (1 + T)) and e^r - 1 ~ r + C2 r^2 +
** ... + C5 r^5; the result is scale + scale * tmp with scale = H 2^floor(k/N) and tmp = T + r +
** .... Results are the same as glibc's only if every operation is too: the order of the
** additions below is glibc's, and the FMA variant fuses exactly the operations that glibc's
** FMA build fuses (read off its machine code: the reduction, the polynomial's inner terms,
** the final scale * tmp + scale), no more. The file is compiled with -ffp-contract=off, so the
** compiler fuses nothing on its own.
*/
#include <string.h>
#include <math.h>
#include "exp_exact.h"

static inline uint64_t bits_of(double x)
{
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    return u;
}

static inline double double_of(uint64_t u)
{
    double x;
    memcpy(&x, &u, sizeof x);
    return x;
}

static inline unsigned top12(double x)
{
    return (unsigned)(bits_of(x) >> 52);
}

/* The cases outside 2^-54 <= |x| < 512. Returns 1 with *y set when the result is known
** (tiny x, |x| >= 1024, NaN, infinities); 0 with *abstop = 0 for 512 <= |x| < 1024, which
** the caller finishes in exp_edge. */
static inline int exp_special(double x, unsigned *abstop, double *y)
{
    unsigned a = *abstop;
    if (a - top12(0x1p-54) < top12(512.0) - top12(0x1p-54))
        return 0;
    if (a - top12(0x1p-54) >= 0x80000000u) {
        *y = 1.0 + x; /* |x| < 2^-54 */
        return 1;
    }
    if (a >= top12(1024.0)) {
        if (bits_of(x) == bits_of(-INFINITY))
            *y = 0.0;
        else if (a >= top12(INFINITY))
            *y = 1.0 + x; /* NaN, +inf */
        else
            *y = (bits_of(x) >> 63) ? 0.0 : INFINITY;
        return 1;
    }
    *abstop = 0;
    return 0;
}

/* The end of the computation for results near overflow or in the subnormal range (512 <=
** |x| < 1024), where scale itself would overflow or lose bits. fused: scale * tmp + scale as
** one operation in the k > 0 case (glibc's FMA build fuses it there, not in the other). */
static double exp_edge(double tmp, uint64_t sbits, uint64_t ki, int fused)
{
    if ((ki & 0x80000000) == 0) {
        /* k > 0: the exponent was too large, scale down by 2^1009 and back up */
        sbits -= UINT64_C(1009) << 52;
        double scale = double_of(sbits);
        double y = fused ? fma(scale, tmp, scale) : scale + scale * tmp;
        return 0x1p1009 * y;
    }
    /* k < 0: the result is subnormal or near it; round once, at the end */
    sbits += UINT64_C(1022) << 52;
    double scale = double_of(sbits);
    double st = scale * tmp;
    double y = scale + st;
    if (y < 1.0) {
        double lo = scale - y + st;
        double hi = 1.0 + y;
        lo = 1.0 - hi + y + lo;
        y = (hi + lo) - 1.0;
        if (y == 0.0)
            y = 0.0; /* no negative zero */
    }
    return 0x1p-1022 * y;
}

double exp_exact_plain(double x)
{
    unsigned abstop = top12(x) & 0x7ff;
    double y;
    if (exp_special(x, &abstop, &y))
        return y;
    double kd = EXP_INVLN2N * x + EXP_SHIFT;
    uint64_t ki = bits_of(kd);
    kd -= EXP_SHIFT;
    double r = x + kd * EXP_NEGLN2HIN + kd * EXP_NEGLN2LON;
    uint64_t idx = 2 * (ki % 128);
    uint64_t top = ki << (52 - 7);
    double tail = double_of(exp_exact_tab[idx]);
    uint64_t sbits = exp_exact_tab[idx + 1] + top;
    double r2 = r * r;
    double tmp = tail + r + r2 * (EXP_C2 + r * EXP_C3) + r2 * r2 * (EXP_C4 + r * EXP_C5);
    if (abstop == 0)
        return exp_edge(tmp, sbits, ki, 0);
    double scale = double_of(sbits);
    return scale + scale * tmp;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define EXP_HAVE_FMA_VARIANT 1
__attribute__((target("fma")))
double exp_exact_fma(double x)
{
    unsigned abstop = top12(x) & 0x7ff;
    double y;
    if (exp_special(x, &abstop, &y))
        return y;
    double kd = __builtin_fma(x, EXP_INVLN2N, EXP_SHIFT);
    uint64_t ki = bits_of(kd);
    kd -= EXP_SHIFT;
    double r = __builtin_fma(kd, EXP_NEGLN2LON, __builtin_fma(kd, EXP_NEGLN2HIN, x));
    uint64_t idx = 2 * (ki % 128);
    uint64_t top = ki << (52 - 7);
    double tail = double_of(exp_exact_tab[idx]);
    uint64_t sbits = exp_exact_tab[idx + 1] + top;
    double r2 = r * r;
    double p45 = __builtin_fma(r, EXP_C5, EXP_C4);
    double p23 = __builtin_fma(__builtin_fma(r, EXP_C3, EXP_C2), r2, tail + r);
    double tmp = __builtin_fma(r2 * r2, p45, p23);
    if (abstop == 0)
        return exp_edge(tmp, sbits, ki, 1);
    double scale = double_of(sbits);
    return __builtin_fma(scale, tmp, scale);
}

int exp_exact_have_fma(void)
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("fma") && __builtin_cpu_supports("avx2");
}

/* The ifunc resolver runs while the dynamic linker relocates the program, before the
** sanitizers' runtime is set up: it must not be instrumented (make asan).
** glibc picks its FMA build when the CPU has FMA and AVX2, its FMA4 build on CPUs with FMA4
** (old AMD; we have no port of that one, so we call glibc there), else plain arithmetic. */
__attribute__((no_sanitize("address", "undefined")))
static double (*resolve_exp(void))(double)
{
    __builtin_cpu_init();
    if (__builtin_cpu_supports("fma") && __builtin_cpu_supports("avx2"))
        return exp_exact_fma;
    if (__builtin_cpu_supports("fma4"))
        return exp;
    return exp_exact_plain;
}

double nrn_exp(double x) __attribute__((ifunc("resolve_exp")));
#else
double exp_exact_fma(double x)
{
    return exp_exact_plain(x);
}

int exp_exact_have_fma(void)
{
    return 0;
}

double nrn_exp(double x)
{
    return exp(x);
}
#endif
