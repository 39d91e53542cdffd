/*
** exp_hoc.c: exp as NEURON's mechanisms compute it. nocmodl's C says `#define exp hoc_Exp`,
** and hoc_Exp gives 0 below -700 and exp(700) above 700, where the C library underflows to a
** subnormal or overflows to inf (so that exp(x)/(1 + exp(x)) is NaN in plain C and ~1 in
** NEURON). Translated mechanisms call nrn_hexp wherever their .mod file calls exp (NEURON also
** prints "exp(x) out of range" for the first few x > 700; we do not print).
**
** The range checks cannot be written into the generated loops: a floating-point comparison
** there stops GCC from vectorizing them at -O2 (its if-conversion does not touch compares that
** might trap), so the checks live here, behind the same vector function ABI as nrn_exp's forms
** (exp_simd.c), whose lanes they take unchanged inside [-700, 700].
*/
#include "exp_exact.h"

double nrn_hexp(double x)
{
    if (x < -700.)
        return 0.;
    if (x > 700.)
        return nrn_exp(700.);
    return nrn_exp(x);
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

/* nrn_exp's vector forms (exp_simd.c) and ours, called only through the vector ABI. The
** targets are declared as exp_simd.c defines them: clang refuses a call passing a __m256d
** to a function it believes compiled without AVX (the argument's ABI would differ). */
__m128d _ZGVbN2v_nrn_exp(__m128d x);
__attribute__((target("avx"))) __m256d _ZGVcN4v_nrn_exp(__m256d x);
__attribute__((target("avx2,fma"))) __m256d _ZGVdN4v_nrn_exp(__m256d x);
__attribute__((target("avx512f,fma"))) __m512d _ZGVeN8v_nrn_exp(__m512d x);
__m128d _ZGVbN2v_nrn_hexp(__m128d x);
__m256d _ZGVcN4v_nrn_hexp(__m256d x);
__m256d _ZGVdN4v_nrn_hexp(__m256d x);
__m512d _ZGVeN8v_nrn_hexp(__m512d x);

/* Lanes of x outside [-700, 700] (NaN lanes are inside: exp gives them NaN, as hoc_Exp)
** replaced in y by nrn_hexp's value. */
static void fix_lanes(const double *x, double *y, int n)
{
    for (int i = 0; i < n; i++)
        if (x[i] < -700. || x[i] > 700.)
            y[i] = nrn_hexp(x[i]);
}

__m128d _ZGVbN2v_nrn_hexp(__m128d x)
{
    double a[2], b[2];
    _mm_storeu_pd(a, x);
    _mm_storeu_pd(b, _ZGVbN2v_nrn_exp(x));
    fix_lanes(a, b, 2);
    return _mm_loadu_pd(b);
}

__attribute__((target("avx")))
__m256d _ZGVcN4v_nrn_hexp(__m256d x)
{
    double a[4], b[4];
    _mm256_storeu_pd(a, x);
    _mm256_storeu_pd(b, _ZGVcN4v_nrn_exp(x));
    fix_lanes(a, b, 4);
    return _mm256_loadu_pd(b);
}

__attribute__((target("avx2,fma")))
__m256d _ZGVdN4v_nrn_hexp(__m256d x)
{
    __m256d y = _ZGVdN4v_nrn_exp(x);
    const __m256d lim = _mm256_set1_pd(700.);
    const __m256d out = _mm256_cmp_pd(_mm256_andnot_pd(_mm256_set1_pd(-0.), x), lim, _CMP_GT_OQ);
    if (!_mm256_testz_pd(out, out)) {
        double a[4], b[4];
        _mm256_storeu_pd(a, x);
        _mm256_storeu_pd(b, y);
        fix_lanes(a, b, 4);
        y = _mm256_loadu_pd(b);
    }
    return y;
}

__attribute__((target("avx512f,fma")))
__m512d _ZGVeN8v_nrn_hexp(__m512d x)
{
    __m512d y = _ZGVeN8v_nrn_exp(x);
    const __mmask8 out = _mm512_cmp_pd_mask(_mm512_abs_pd(x), _mm512_set1_pd(700.), _CMP_GT_OQ);
    if (out) {
        double a[8], b[8];
        _mm512_storeu_pd(a, x);
        _mm512_storeu_pd(b, y);
        fix_lanes(a, b, 8);
        y = _mm512_loadu_pd(b);
    }
    return y;
}

/* One vector of x through a vector form, for exp_hoc_array. */
__attribute__((target("avx512f,fma")))
static void vec8(const double *x, double *y) { _mm512_storeu_pd(y, _ZGVeN8v_nrn_hexp(_mm512_loadu_pd(x))); }
__attribute__((target("avx2,fma")))
static void vec4(const double *x, double *y) { _mm256_storeu_pd(y, _ZGVdN4v_nrn_hexp(_mm256_loadu_pd(x))); }
__attribute__((target("avx")))
static void vec4c(const double *x, double *y) { _mm256_storeu_pd(y, _ZGVcN4v_nrn_hexp(_mm256_loadu_pd(x))); }
static void vec2(const double *x, double *y) { _mm_storeu_pd(y, _ZGVbN2v_nrn_hexp(_mm_loadu_pd(x))); }

/* See exp_exact.h. */
void exp_hoc_array(const double *x, double *y, int n, int form)
{
    void (*f)(const double *, double *) = NULL;
    int w = 0, i = 0;
    __builtin_cpu_init();
    if (form == 8 && __builtin_cpu_supports("avx512f") && exp_exact_have_fma())
        f = vec8, w = 8;
    else if (form == 4 && exp_exact_have_fma())
        f = vec4, w = 4;
    else if (form == 3 && __builtin_cpu_supports("avx"))
        f = vec4c, w = 4;
    else if (form == 2)
        f = vec2, w = 2;
    for (; f && i + w <= n; i += w)
        f(x + i, y + i);
    for (; i < n; i++)
        y[i] = nrn_hexp(x[i]);
}
#else
void exp_hoc_array(const double *x, double *y, int n, int form)
{
    (void)form;
    for (int i = 0; i < n; i++)
        y[i] = nrn_hexp(x[i]);
}
#endif
