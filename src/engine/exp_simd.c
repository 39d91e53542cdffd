/*
** exp_simd.c: vector forms of nrn_exp under the x86-64 vector function ABI, so that loops the
** compiler vectorizes (mechanism kernels built for AVX2 or AVX-512) call them in place of
** the scalar nrn_exp (nrn_mech.h declares nrn_exp with __attribute__((simd))).
**
** Every lane does exactly the scalar variant's operations (exp_exact.c), in the same order
** and with the same fused multiply-adds, so a vectorized kernel gives the numbers of the
** scalar one bit for bit. The fused variant is right for the AVX2 and AVX-512 forms because
** the CPUs that run them have FMA and AVX2, where glibc itself runs its FMA build; the SSE2
** and AVX forms run elsewhere and call the scalar nrn_exp lane by lane, which follows glibc's
** choice on every CPU (FMA4 machines included). Lanes outside the main range
** (|x| < 2^-54, |x| >= 512, NaN, infinities) are finished by the scalar code.
**
** Names: _ZGV<isa>N<lanes>v_nrn_exp, isa b = SSE2, c = AVX, d = AVX2, e = AVX-512.
*/
#include "exp_exact.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

/* Declared here: they are called only through the vector ABI, never by name in C. */
__m128d _ZGVbN2v_nrn_exp(__m128d x);
__m256d _ZGVcN4v_nrn_exp(__m256d x);
__m256d _ZGVdN4v_nrn_exp(__m256d x);
__m512d _ZGVeN8v_nrn_exp(__m512d x);

__m128d _ZGVbN2v_nrn_exp(__m128d x)
{
    double a[2];
    _mm_storeu_pd(a, x);
    a[0] = nrn_exp(a[0]);
    a[1] = nrn_exp(a[1]);
    return _mm_loadu_pd(a);
}

__attribute__((target("avx")))
__m256d _ZGVcN4v_nrn_exp(__m256d x)
{
    double a[4];
    _mm256_storeu_pd(a, x);
    for (int i = 0; i < 4; i++)
        a[i] = nrn_exp(a[i]);
    return _mm256_loadu_pd(a);
}

__attribute__((target("avx2,fma")))
__m256d _ZGVdN4v_nrn_exp(__m256d x)
{
    const __m256i ix = _mm256_castpd_si256(x);
    const __m256i abstop = _mm256_and_si256(_mm256_srli_epi64(ix, 52), _mm256_set1_epi64x(0x7ff));
    /* main range: 0x3c9 <= abstop < 0x408 (2^-54 <= |x| < 512) */
    const __m256i off = _mm256_sub_epi64(abstop, _mm256_set1_epi64x(0x3c9));
    const __m256i outside = _mm256_or_si256(_mm256_cmpgt_epi64(_mm256_setzero_si256(), off),
                                            _mm256_cmpgt_epi64(off, _mm256_set1_epi64x(0x3e)));
    const __m256d shift = _mm256_set1_pd(EXP_SHIFT);
    __m256d kd = _mm256_fmadd_pd(x, _mm256_set1_pd(EXP_INVLN2N), shift);
    const __m256i ki = _mm256_castpd_si256(kd);
    kd = _mm256_sub_pd(kd, shift);
    const __m256d r = _mm256_fmadd_pd(kd, _mm256_set1_pd(EXP_NEGLN2LON),
                                      _mm256_fmadd_pd(kd, _mm256_set1_pd(EXP_NEGLN2HIN), x));
    const __m256i idx = _mm256_slli_epi64(_mm256_and_si256(ki, _mm256_set1_epi64x(127)), 1);
    const long long *tab = (const long long *)exp_exact_tab;
    const __m256d tail = _mm256_castsi256_pd(_mm256_i64gather_epi64(tab, idx, 8));
    const __m256i head = _mm256_i64gather_epi64(tab + 1, idx, 8);
    const __m256i sbits = _mm256_add_epi64(head, _mm256_slli_epi64(ki, 45));
    const __m256d r2 = _mm256_mul_pd(r, r);
    const __m256d p45 = _mm256_fmadd_pd(r, _mm256_set1_pd(EXP_C5), _mm256_set1_pd(EXP_C4));
    const __m256d p23 = _mm256_fmadd_pd(_mm256_fmadd_pd(r, _mm256_set1_pd(EXP_C3), _mm256_set1_pd(EXP_C2)),
                                        r2, _mm256_add_pd(tail, r));
    const __m256d tmp = _mm256_fmadd_pd(_mm256_mul_pd(r2, r2), p45, p23);
    const __m256d scale = _mm256_castsi256_pd(sbits);
    __m256d y = _mm256_fmadd_pd(scale, tmp, scale);
    if (!_mm256_testz_si256(outside, outside)) {
        double a[4], b[4];
        long long o[4];
        _mm256_storeu_pd(a, x);
        _mm256_storeu_pd(b, y);
        _mm256_storeu_si256((__m256i *)o, outside);
        for (int i = 0; i < 4; i++)
            if (o[i])
                b[i] = exp_exact_fma(a[i]);
        y = _mm256_loadu_pd(b);
    }
    return y;
}

__attribute__((target("avx512f,fma")))
__m512d _ZGVeN8v_nrn_exp(__m512d x)
{
    const __m512i ix = _mm512_castpd_si512(x);
    const __m512i abstop = _mm512_and_si512(_mm512_srli_epi64(ix, 52), _mm512_set1_epi64(0x7ff));
    const __m512i off = _mm512_sub_epi64(abstop, _mm512_set1_epi64(0x3c9));
    const __mmask8 outside = _mm512_cmpgt_epu64_mask(off, _mm512_set1_epi64(0x3e));
    const __m512d shift = _mm512_set1_pd(EXP_SHIFT);
    __m512d kd = _mm512_fmadd_pd(x, _mm512_set1_pd(EXP_INVLN2N), shift);
    const __m512i ki = _mm512_castpd_si512(kd);
    kd = _mm512_sub_pd(kd, shift);
    const __m512d r = _mm512_fmadd_pd(kd, _mm512_set1_pd(EXP_NEGLN2LON),
                                      _mm512_fmadd_pd(kd, _mm512_set1_pd(EXP_NEGLN2HIN), x));
    const __m512i idx = _mm512_slli_epi64(_mm512_and_si512(ki, _mm512_set1_epi64(127)), 1);
    const long long *tab = (const long long *)exp_exact_tab;
    const __m512d tail = _mm512_castsi512_pd(_mm512_i64gather_epi64(idx, tab, 8));
    const __m512i head = _mm512_i64gather_epi64(idx, tab + 1, 8);
    const __m512i sbits = _mm512_add_epi64(head, _mm512_slli_epi64(ki, 45));
    const __m512d r2 = _mm512_mul_pd(r, r);
    const __m512d p45 = _mm512_fmadd_pd(r, _mm512_set1_pd(EXP_C5), _mm512_set1_pd(EXP_C4));
    const __m512d p23 = _mm512_fmadd_pd(_mm512_fmadd_pd(r, _mm512_set1_pd(EXP_C3), _mm512_set1_pd(EXP_C2)),
                                        r2, _mm512_add_pd(tail, r));
    const __m512d tmp = _mm512_fmadd_pd(_mm512_mul_pd(r2, r2), p45, p23);
    const __m512d scale = _mm512_castsi512_pd(sbits);
    __m512d y = _mm512_fmadd_pd(scale, tmp, scale);
    if (outside) {
        double a[8], b[8];
        _mm512_storeu_pd(a, x);
        _mm512_storeu_pd(b, y);
        for (int i = 0; i < 8; i++)
            if (outside & (1u << i))
                b[i] = exp_exact_fma(a[i]);
        y = _mm512_loadu_pd(b);
    }
    return y;
}

__attribute__((target("avx512f,fma")))
static int array512(const double *x, double *y, int n)
{
    int i = 0;
    for (; i + 8 <= n; i += 8)
        _mm512_storeu_pd(y + i, _ZGVeN8v_nrn_exp(_mm512_loadu_pd(x + i)));
    return i;
}

__attribute__((target("avx2,fma")))
static int array256(const double *x, double *y, int n)
{
    int i = 0;
    for (; i + 4 <= n; i += 4)
        _mm256_storeu_pd(y + i, _ZGVdN4v_nrn_exp(_mm256_loadu_pd(x + i)));
    return i;
}

/* See exp_exact.h. */
void exp_simd_array(const double *x, double *y, int n, int width)
{
    int i = 0;
    __builtin_cpu_init();
    if (width >= 8 && __builtin_cpu_supports("avx512f") && exp_exact_have_fma())
        i = array512(x, y, n);
    else if (width >= 4 && exp_exact_have_fma())
        i = array256(x, y, n);
    for (; i < n; i++)
        y[i] = nrn_exp(x[i]);
}
#else
void exp_simd_array(const double *x, double *y, int n, int width)
{
    (void)width;
    for (int i = 0; i < n; i++)
        y[i] = nrn_exp(x[i]);
}
#endif
