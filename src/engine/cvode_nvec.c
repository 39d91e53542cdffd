/*
** cvode_nvec.c: the vector kernels CVODE spends its time in, for serial N_Vectors.
**
** Why: Debian's libsundials 6.4 is built without optimization (-O0: every loop index
** and partial sum goes through memory), which made its vector operations four fifths of a
** CVODE run on a 1001-compartment axon. cvode_setup.c installs these on the vectors it creates;
** CVODE clones its work vectors from them, so every hot loop runs here. Same results as
** SUNDIALS's serial kernels up to the rounding of sums (order of summation is the same).
*/
#include <math.h>
#include <nvector/nvector_serial.h>
#include "cvode_nvec.h"

#define LEN(v) NV_LENGTH_S(v)
#define DAT(v) NV_DATA_S(v)

/*
** The element-wise kernels are vector loops built per ISA (AVX-512, AVX2, SSE2, picked at
** run time): each element's arithmetic is the scalar one (-ffp-contract=off, no
** reassociation), so the results are the same bits. z may be x or y (CVODE works in place),
** which is safe for element-wise loops. The reductions (norms, min) stay scalar loops: a
** vector sum would change their order of summation.
*/
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define NVEC_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define NVEC_CLONES
#endif

NVEC_CLONES static void linearsum(realtype a, N_Vector x, realtype b, N_Vector y, N_Vector z)
{
    const double *xd = DAT(x), *yd = DAT(y);
    double *zd = DAT(z);
    sunindextype n = LEN(z);
    #pragma omp simd
    for (sunindextype i = 0; i < n; i++)
        zd[i] = a * xd[i] + b * yd[i];
}

NVEC_CLONES static void vconst(realtype c, N_Vector z)
{
    double *zd = DAT(z);
    sunindextype n = LEN(z);
    #pragma omp simd
    for (sunindextype i = 0; i < n; i++)
        zd[i] = c;
}

NVEC_CLONES static void prod(N_Vector x, N_Vector y, N_Vector z)
{
    const double *xd = DAT(x), *yd = DAT(y);
    double *zd = DAT(z);
    sunindextype n = LEN(z);
    #pragma omp simd
    for (sunindextype i = 0; i < n; i++)
        zd[i] = xd[i] * yd[i];
}

NVEC_CLONES static void vdiv(N_Vector x, N_Vector y, N_Vector z)
{
    const double *xd = DAT(x), *yd = DAT(y);
    double *zd = DAT(z);
    sunindextype n = LEN(z);
    #pragma omp simd
    for (sunindextype i = 0; i < n; i++)
        zd[i] = xd[i] / yd[i];
}

NVEC_CLONES static void scale(realtype c, N_Vector x, N_Vector z)
{
    const double *xd = DAT(x);
    double *zd = DAT(z);
    sunindextype n = LEN(z);
    #pragma omp simd
    for (sunindextype i = 0; i < n; i++)
        zd[i] = c * xd[i];
}

NVEC_CLONES static void vabs(N_Vector x, N_Vector z)
{
    const double *xd = DAT(x);
    double *zd = DAT(z);
    sunindextype n = LEN(z);
    #pragma omp simd
    for (sunindextype i = 0; i < n; i++)
        zd[i] = fabs(xd[i]);
}

NVEC_CLONES static void inv(N_Vector x, N_Vector z)
{
    const double *xd = DAT(x);
    double *zd = DAT(z);
    sunindextype n = LEN(z);
    #pragma omp simd
    for (sunindextype i = 0; i < n; i++)
        zd[i] = 1.0 / xd[i];
}

NVEC_CLONES static void addconst(N_Vector x, realtype b, N_Vector z)
{
    const double *xd = DAT(x);
    double *zd = DAT(z);
    sunindextype n = LEN(z);
    #pragma omp simd
    for (sunindextype i = 0; i < n; i++)
        zd[i] = xd[i] + b;
}

static realtype maxnorm(N_Vector x)
{
    const double *xd = DAT(x);
    sunindextype n = LEN(x);
    double m = 0;
    for (sunindextype i = 0; i < n; i++)
        if (fabs(xd[i]) > m)
            m = fabs(xd[i]);
    return m;
}

static realtype wrmsnorm(N_Vector x, N_Vector w)
{
    const double *xd = DAT(x), *wd = DAT(w);
    sunindextype n = LEN(x);
    double s = 0;
    for (sunindextype i = 0; i < n; i++) {
        double p = xd[i] * wd[i];
        s += p * p;
    }
    return sqrt(s / (double)n);
}

static realtype vmin(N_Vector x)
{
    const double *xd = DAT(x);
    sunindextype n = LEN(x);
    double m = n ? xd[0] : 0;
    for (sunindextype i = 1; i < n; i++)
        if (xd[i] < m)
            m = xd[i];
    return m;
}

NVEC_CLONES static int linearcombination(int nvec, realtype *c, N_Vector *X, N_Vector z)
{
    double *zd = DAT(z);
    sunindextype n = LEN(z);
    if (nvec == 1) {
        scale(c[0], X[0], z);
        return 0;
    }
    const double *x0 = DAT(X[0]);
    #pragma omp simd
    for (sunindextype i = 0; i < n; i++)
        zd[i] = c[0] * x0[i]; /* X[0] may be z: read before the others add */
    for (int k = 1; k < nvec; k++) {
        const double *xk = DAT(X[k]);
        #pragma omp simd
        for (sunindextype i = 0; i < n; i++)
            zd[i] += c[k] * xk[i];
    }
    return 0;
}

NVEC_CLONES static int scaleaddmulti(int nvec, realtype *a, N_Vector x, N_Vector *Y, N_Vector *Z)
{
    const double *xd = DAT(x);
    sunindextype n = LEN(x);
    for (int k = 0; k < nvec; k++) {
        const double *yd = DAT(Y[k]);
        double *zd = DAT(Z[k]);
        #pragma omp simd
        for (sunindextype i = 0; i < n; i++)
            zd[i] = a[k] * xd[i] + yd[i];
    }
    return 0;
}

void cvode_nvec_fast(N_Vector v)
{
    N_Vector_Ops o = v->ops;
    o->nvlinearsum = linearsum;
    o->nvconst = vconst;
    o->nvprod = prod;
    o->nvdiv = vdiv;
    o->nvscale = scale;
    o->nvabs = vabs;
    o->nvinv = inv;
    o->nvaddconst = addconst;
    o->nvmaxnorm = maxnorm;
    o->nvwrmsnorm = wrmsnorm;
    o->nvmin = vmin;
    o->nvlinearcombination = linearcombination;
    o->nvscaleaddmulti = scaleaddmulti;
}
