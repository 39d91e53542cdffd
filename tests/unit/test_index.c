/*
** test_index.c: the hash indexes behind name and source lookups (names.c): NetCon and
** vector names, and spike sources shared by NetCons that watch the same value. A script
** with 10,000 cells looks each of these up once per cell, so they must stay right through
** deletion, reuse of names, clones and replicas, where a stale slot could answer wrongly.
*/
#include "golden.h"

enum { NCELL = 3000 };

/* NCELL one-compartment cells cI, each watched by NetCon ncI recording into vector vI. */
static nrn_model *cells(void)
{
    nrn_model *m = nrn_model_new();
    char name[64];
    for (int i = 0; i < NCELL; i++) {
        nrn_ref r;
        int s, nc, vec;
        snprintf(name, sizeof name, "c%d", i);
        s = sec(m, name, 10, 10, 1);
        assert_int_equal(nrn_insert(m, s, "hh"), NRN_OK);
        snprintf(name, sizeof name, "c%d(0.5).v", i);
        assert_int_equal(nrn_ref_lookup(m, name, &r), NRN_OK);
        snprintf(name, sizeof name, "nc%d", i);
        assert_int_equal(nrn_netcon_new(m, name, &r, -1, -1, &nc), NRN_OK);
        assert_int_equal(nc, i);
        snprintf(name, sizeof name, "v%d", i);
        assert_int_equal(nrn_vector_set(m, name, NULL, 0, &vec), NRN_OK);
        assert_int_equal(vec, i);
    }
    return m;
}

static void test_find_every_name(void **state)
{
    (void)state;
    nrn_model *m = cells();
    char name[64];
    for (int i = 0; i < NCELL; i++) {
        snprintf(name, sizeof name, "nc%d", i);
        assert_int_equal(nrn_netcon_find(m, name), i);
        snprintf(name, sizeof name, "v%d", i);
        assert_int_equal(nrn_vector_find(m, name), i);
    }
    assert_int_equal(nrn_netcon_find(m, "nc-1"), -1);
    assert_int_equal(nrn_vector_find(m, "nc1"), -1);
    nrn_model_free(&m);
}

/* A deleted NetCon is no longer found; its name can be taken again, by a new id. */
static void test_delete_and_reuse(void **state)
{
    (void)state;
    nrn_model *m = cells();
    nrn_ref r;
    int id;
    for (int i = 0; i < NCELL; i += 3)
        assert_int_equal(nrn_netcon_delete(m, i), NRN_OK);
    assert_int_equal(nrn_netcon_find(m, "nc0"), -1);
    assert_int_equal(nrn_netcon_find(m, "nc1"), 1);
    assert_int_equal(nrn_netcon_find(m, "nc2997"), -1);
    assert_int_equal(nrn_netcon_find(m, "nc2998"), 2998);
    assert_int_equal(nrn_ref_lookup(m, "c7(0.5).v", &r), NRN_OK);
    assert_int_equal(nrn_netcon_new(m, "nc0", &r, -1, -1, &id), NRN_OK);
    assert_int_equal(id, NCELL);
    assert_int_equal(nrn_netcon_find(m, "nc0"), NCELL);
    assert_int_equal(nrn_netcon_new(m, "nc1", &r, -1, -1, &id), NRN_EEXIST);
    nrn_model_free(&m);
}

/* NetCons watching one value share its threshold (NEURON's one PreSyn per variable);
** a NetCon watching another value does not. */
static void test_shared_source(void **state)
{
    (void)state;
    nrn_model *m = cells();
    nrn_ref r;
    int a, b;
    double th;
    assert_int_equal(nrn_ref_lookup(m, "c42(0.5).v", &r), NRN_OK);
    assert_int_equal(nrn_netcon_new(m, "again", &r, -1, -1, &a), NRN_OK);
    assert_int_equal(nrn_ref_lookup(m, "c43(0.5).v", &r), NRN_OK);
    assert_int_equal(nrn_netcon_new(m, "other", &r, -1, -1, &b), NRN_OK);
    assert_int_equal(nrn_netcon_set(m, a, NRN_NC_THRESHOLD, -20), NRN_OK);
    assert_int_equal(nrn_netcon_get(m, 42, NRN_NC_THRESHOLD, &th), NRN_OK);
    assert_true(th == -20);
    assert_int_equal(nrn_netcon_get(m, b, NRN_NC_THRESHOLD, &th), NRN_OK);
    assert_true(th == 10);
    assert_int_equal(nrn_netcon_get(m, 43, NRN_NC_THRESHOLD, &th), NRN_OK);
    assert_true(th == 10);
    nrn_model_free(&m);
}

/* A clone finds the same names and shares sources as its original does. */
static void test_clone(void **state)
{
    (void)state;
    nrn_model *m = cells(), *c;
    nrn_ref r;
    int a;
    double th;
    assert_int_equal(nrn_netcon_delete(m, 5), NRN_OK);
    assert_int_equal(nrn_model_clone(m, &c), NRN_OK);
    assert_int_equal(nrn_netcon_find(c, "nc5"), -1);
    assert_int_equal(nrn_netcon_find(c, "nc2999"), 2999);
    assert_int_equal(nrn_vector_find(c, "v1234"), 1234);
    assert_int_equal(nrn_ref_lookup(c, "c9(0.5).v", &r), NRN_OK);
    assert_int_equal(nrn_netcon_new(c, "again", &r, -1, -1, &a), NRN_OK);
    assert_int_equal(nrn_netcon_set(c, a, NRN_NC_THRESHOLD, 5), NRN_OK);
    assert_int_equal(nrn_netcon_get(c, 9, NRN_NC_THRESHOLD, &th), NRN_OK);
    assert_true(th == 5);
    assert_int_equal(nrn_netcon_get(m, 9, NRN_NC_THRESHOLD, &th), NRN_OK);
    assert_true(th == 10);
    nrn_model_free(&c);
    nrn_model_free(&m);
}

/* Replicas' NetCons are found by their names; dropping back to one copy forgets them. */
static void test_replicas(void **state)
{
    (void)state;
    nrn_model *m = nrn_model_new();
    nrn_ref r;
    char name[64];
    int s = sec(m, "soma", 10, 10, 1);
    assert_int_equal(nrn_insert(m, s, "hh"), NRN_OK);
    assert_int_equal(nrn_ref_lookup(m, "soma(0.5).v", &r), NRN_OK);
    assert_int_equal(nrn_netcon_new(m, "det", &r, -1, -1, NULL), NRN_OK);
    assert_int_equal(nrn_replicate(m, 4), NRN_OK);
    assert_int_equal(nrn_replica_count(m), 4);
    assert_int_equal(nrn_netcon_find(m, "det"), 0);
    for (int k = 1; k < 4; k++) {
        snprintf(name, sizeof name, "det@%d", k);
        assert_true(nrn_netcon_find(m, name) > 0);
    }
    assert_int_equal(nrn_replicate(m, 1), NRN_OK);
    assert_int_equal(nrn_netcon_find(m, "det@2"), -1);
    assert_int_equal(nrn_netcon_find(m, "det"), 0);
    nrn_model_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_find_every_name),
        cmocka_unit_test(test_delete_and_reuse),
        cmocka_unit_test(test_shared_source),
        cmocka_unit_test(test_clone),
        cmocka_unit_test(test_replicas),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
