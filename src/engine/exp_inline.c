/*
** exp_inline.c: nrn_exp_inline.h's exp in vector loops built as the generated kernels build
** it (gen_simd.c), for tests/unit/test_exp.c to compare lane by lane with nrn_hexp.
*/
#include "exp_exact.h"

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
__attribute__((target(NRN_TARGET_V4)))
static void loop_v4(const double *x, double *y, int n)
{
    #pragma omp simd
    for (int i = 0; i < n; i++)
        y[i] = nrn_hexp_fma_inline(x[i]);
}

__attribute__((target(NRN_TARGET_V3)))
static void loop_v3(const double *x, double *y, int n)
{
    #pragma omp simd
    for (int i = 0; i < n; i++)
        y[i] = nrn_hexp_fma_inline(x[i]);
}

/* See exp_exact.h. */
int exp_inline_array(const double *x, double *y, int n, int isa)
{
    __builtin_cpu_init();
    if (isa == 4 && __builtin_cpu_supports("x86-64-v4")) {
        loop_v4(x, y, n);
        return 1;
    }
    if (isa == 3 && __builtin_cpu_supports("x86-64-v3")) {
        loop_v3(x, y, n);
        return 1;
    }
    return 0;
}
#else
int exp_inline_array(const double *x, double *y, int n, int isa)
{
    (void)x, (void)y, (void)n, (void)isa;
    return 0;
}
#endif
