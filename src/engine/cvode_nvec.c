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
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
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

/*
** A vector of ours in one block: the header, the serial content and the data together, its
** operations a table shared by the vectors of one integrator. SUNDIALS's serial vector is
** four allocations (header, operations table of ~70 pointers, content, data), copies the
** table at every clone, and scatters what each kernel call reads over four places: with a
** CVODE per cell (cvode -local 1), a thousand cells' thirty vectors each were 10 MB of
** tables and 120 000 allocations per run, and each call's pointer chase missed the cache.
*/
struct nvblock {
    struct _generic_N_Vector v;
    struct _N_VectorContent_Serial c;
    double data[];
};

static N_Vector block_new(sunindextype n, int with_data, SUNContext sun, N_Vector_Ops ops)
{
    size_t bytes = sizeof(struct nvblock) + (with_data ? sizeof(double) * (size_t)n : 0);
    struct nvblock *b = malloc(bytes);
    if (!b)
        return NULL;
    b->v.content = &b->c;
    b->v.ops = ops;
    b->v.sunctx = sun;
    b->c.length = n;
    b->c.own_data = SUNFALSE; /* the data is the block's: nothing to free apart */
    b->c.data = with_data ? b->data : NULL;
    return &b->v;
}

static N_Vector block_clone(N_Vector w)
{
    return block_new(LEN(w), 1, w->sunctx, w->ops);
}

static N_Vector block_clone_empty(N_Vector w)
{
    return block_new(LEN(w), 0, w->sunctx, w->ops);
}

static void block_destroy(N_Vector v)
{
    free(v); /* header, content and data; the table is the integrator's */
}

/* The table is the same for every integrator: one for all, as a local step's thousand cells
** each made theirs (a context, a template vector and a table apiece). */
static struct _generic_N_Vector_Ops shared_ops;
static int shared_ok;
static pthread_once_t shared_once = PTHREAD_ONCE_INIT;

static void shared_init(void)
{
    SUNContext sun;
    if (SUNContext_Create(NULL, &sun))
        return;
    N_Vector t = N_VNewEmpty_Serial(0, sun); /* the serial operations, to start from */
    if (t) {
        memcpy(&shared_ops, t->ops, sizeof shared_ops);
        N_VDestroy(t);
        shared_ok = 1;
    }
    SUNContext_Free(&sun);
    if (!shared_ok)
        return;
    N_Vector_Ops o = &shared_ops;
    o->nvclone = block_clone;
    o->nvcloneempty = block_clone_empty;
    o->nvdestroy = block_destroy;
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

N_Vector_Ops cvode_nvec_ops(void)
{
    pthread_once(&shared_once, shared_init);
    return shared_ok ? &shared_ops : NULL;
}

N_Vector cvode_nvec_new(sunindextype n, SUNContext sun, N_Vector_Ops ops)
{
    return block_new(n, 1, sun, ops);
}
