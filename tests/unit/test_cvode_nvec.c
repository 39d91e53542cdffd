/*
** test_cvode_nvec.c: our serial N_Vectors (cvode_nvec.c): one block per vector whose clones
** share the integrator's operations table, and kernels whose results are SUNDIALS's serial
** ones bit for bit (the same arithmetic in the same order).
*/
#include <string.h>
#include <nvector/nvector_serial.h>
#include "testutil.h"
#include "cvode_nvec.h"

#define LEN 13 /* not a multiple of any vector width: the remainders run too */

static void fill(N_Vector v, double seed)
{
    double *d = N_VGetArrayPointer(v);
    for (int i = 0; i < LEN; i++)
        d[i] = seed * (i + 1) / 7. - (i % 3) * 0.37 + 1e-3 * i * i;
}

/* A SUNDIALS context and our operations on it, for each test. */
struct fix {
    SUNContext sun;
    N_Vector_Ops ops;
};

static int setup(void **state)
{
    struct fix *f = calloc(1, sizeof *f);
    if (!f || SUNContext_Create(NULL, &f->sun) || !(f->ops = cvode_nvec_ops()))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fix *f = *state;
    SUNContext_Free(&f->sun); /* the operations are the process's */
    free(f);
    return 0;
}

static int same_bits(N_Vector x, N_Vector y)
{
    return memcmp(N_VGetArrayPointer(x), N_VGetArrayPointer(y), sizeof(double) * LEN) == 0;
}

/* Clones: the template's length, data of their own, the same operations table; an empty
** clone has no data until one is set; destroy frees each (valgrind and ASan check). */
static void test_clone_shares_ops(void **state)
{
    struct fix *f = *state;
    N_Vector_Ops ops = f->ops;
    N_Vector y = cvode_nvec_new(LEN, f->sun, ops);
    assert_non_null(y);
    N_Vector c = N_VClone(y), e = N_VCloneEmpty(y);
    assert_non_null(c);
    assert_non_null(e);
    assert_ptr_equal(c->ops, ops);
    assert_ptr_equal(e->ops, ops);
    assert_int_equal(N_VGetLength(c), LEN);
    assert_non_null(N_VGetArrayPointer(c));
    assert_ptr_not_equal(N_VGetArrayPointer(c), N_VGetArrayPointer(y));
    assert_null(N_VGetArrayPointer(e));
    double ext[LEN];
    N_VSetArrayPointer(ext, e);
    N_VConst(2.5, e);
    assert_true(ext[LEN - 1] == 2.5);
    N_Vector *arr = N_VCloneVectorArray(4, y);
    assert_non_null(arr);
    for (int k = 0; k < 4; k++)
        assert_ptr_equal(arr[k]->ops, ops);
    N_VDestroyVectorArray(arr, 4);
    N_VDestroy(e); /* the external data stays the caller's */
    N_VDestroy(c);
    N_VDestroy(y);
}

/* Every kernel we install against SUNDIALS's serial one on the same inputs. */
static void test_kernels_match_serial(void **state)
{
    struct fix *f = *state;
    N_Vector x = cvode_nvec_new(LEN, f->sun, f->ops), y = N_VClone(x), z = N_VClone(x);
    N_Vector sx = N_VNew_Serial(LEN, f->sun), sy = N_VClone(sx), sz = N_VClone(sx);
    fill(x, 3.1), fill(sx, 3.1), fill(y, -1.7), fill(sy, -1.7);
    N_VLinearSum(0.3, x, -1.9, y, z), N_VLinearSum(0.3, sx, -1.9, sy, sz);
    assert_true(same_bits(z, sz));
    N_VLinearSum(1.0, z, 0.7, y, z), N_VLinearSum(1.0, sz, 0.7, sy, sz); /* in place */
    assert_true(same_bits(z, sz));
    N_VProd(x, y, z), N_VProd(sx, sy, sz);
    assert_true(same_bits(z, sz));
    N_VDiv(x, y, z), N_VDiv(sx, sy, sz);
    assert_true(same_bits(z, sz));
    N_VScale(-0.11, x, z), N_VScale(-0.11, sx, sz);
    assert_true(same_bits(z, sz));
    N_VAbs(y, z), N_VAbs(sy, sz);
    assert_true(same_bits(z, sz));
    N_VInv(y, z), N_VInv(sy, sz);
    assert_true(same_bits(z, sz));
    N_VAddConst(x, 0.123, z), N_VAddConst(sx, 0.123, sz);
    assert_true(same_bits(z, sz));
    assert_true(N_VMaxNorm(y) == N_VMaxNorm(sy));
    assert_true(N_VWrmsNorm(x, y) == N_VWrmsNorm(sx, sy));
    assert_true(N_VMin(y) == N_VMin(sy));
    realtype c3[3] = { 0.5, -0.25, 3.0 };
    N_Vector X[3] = { x, y, z }, SX[3] = { sx, sy, sz };
    N_Vector w = N_VClone(x), sw = N_VClone(sx);
    N_VLinearCombination(3, c3, X, w), N_VLinearCombination(3, c3, SX, sw);
    assert_true(same_bits(w, sw));
    N_Vector Z[3] = { N_VClone(x), N_VClone(x), N_VClone(x) };
    N_Vector SZ[3] = { N_VClone(sx), N_VClone(sx), N_VClone(sx) };
    N_VScaleAddMulti(3, c3, x, X, Z), N_VScaleAddMulti(3, c3, sx, SX, SZ);
    for (int k = 0; k < 3; k++) {
        assert_true(same_bits(Z[k], SZ[k]));
        N_VDestroy(Z[k]), N_VDestroy(SZ[k]);
    }
    N_VDestroy(w), N_VDestroy(sw);
    N_VDestroy(x), N_VDestroy(y), N_VDestroy(z);
    N_VDestroy(sx), N_VDestroy(sy), N_VDestroy(sz);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_clone_shares_ops, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kernels_match_serial, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
