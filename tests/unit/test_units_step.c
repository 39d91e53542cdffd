/*
** test_units_step.c: the two-sweep step of a tree laid out in units (units_step.c) against
** the separate passes, bit for bit. Each model is built twice; in the second a continuous
** play of a parameter with its own value (which changes nothing, passes.h) makes the step
** run the passes. The trees: a balanced binary tree (its depths interleaved), a ternary
** one, and an
** unbalanced one with branches at several places of a section, three children at one node,
** sections of several nseg and a second cell, with hh, pas and a user mechanism (tests/unit/mech/usk.mod,
** translated at build time) on parts of them, point processes (two at one place, at section
** ends) and events into a synapse.
*/
#include "passes.h"
#include "nrn_mech.h"
#include "nrn_mechlib.h"

extern const nrn_mech_type nrn_testmech_usk;

static void iclamp(nrn_model *m, const char *name, int s, double x, double del, double amp)
{
    int id;
    char path[64];
    if (nrn_pp_new(m, "IClamp", name, s, x, &id))
        fail_msg("%s: %s", name, nrn_errmsg(m));
    snprintf(path, sizeof path, "%s.del", name);
    set(m, path, del);
    snprintf(path, sizeof path, "%s.dur", name);
    set(m, path, 2);
    snprintf(path, sizeof path, "%s.amp", name);
    set(m, path, amp);
}

/* An ExpSyn on section s driven by spikes at the root section's middle. */
static void synapse(nrn_model *m, int s)
{
    int syn, nc;
    assert_int_equal(nrn_pp_new(m, "ExpSyn", "syn", s, 0.5, &syn), NRN_OK);
    nrn_ref src;
    assert_int_equal(nrn_ref_lookup(m, "sec0(0.5).v", &src), NRN_OK);
    assert_int_equal(nrn_netcon_new(m, "nc", &src, -1, syn, &nc), NRN_OK);
    assert_int_equal(nrn_netcon_set(m, nc, NRN_NC_WEIGHT, 0.02), NRN_OK);
}

static nrn_model *new_model(void)
{
    nrn_model *m = nrn_model_new();
    assert_int_equal(nrn_mech_register(m, &nrn_testmech_usk), NRN_OK);
    return m;
}

/* Section i of a tree where each section has k children at its 1 end (i's parent is
** (i - 1) / k), with hh. */
static int kary_sec(nrn_model *m, int i, int k, double L, double diam, int nseg)
{
    char name[32];
    snprintf(name, sizeof name, "sec%d", i);
    int s = sec(m, name, L, diam, nseg);
    assert_int_equal(nrn_insert(m, s, "hh"), NRN_OK);
    if (i)
        assert_int_equal(nrn_connect(m, s, 0, (i - 1) / k, 1), NRN_OK);
    return s;
}

/* A binary tree of depth 6 (127 sections of nseg 3): hh everywhere, pas on every third
** section, usk on every fifth. */
static nrn_model *balanced(void)
{
    nrn_model *m = new_model();
    for (int i = 0; i < 127; i++) {
        int s = kary_sec(m, i, 2, 40 + i % 7, 1 + 0.1 * (i % 4), 3);
        if (i % 3 == 0)
            assert_int_equal(nrn_insert(m, s, "pas"), NRN_OK);
        if (i % 5 == 0)
            assert_int_equal(nrn_insert(m, s, "usk"), NRN_OK);
    }
    iclamp(m, "ic0", 0, 0.5, 0.5, 1.2);
    iclamp(m, "ic1", 20, 0.5, 1, 0.1);
    iclamp(m, "ic2", 20, 0.5, 1.5, 0.05);
    iclamp(m, "ic3", 40, 1, 2, 0.03);
    iclamp(m, "ic4", 126, 0.3, 3, -0.02);
    synapse(m, 100);
    return m;
}

/* A ternary tree of depth 4 (121 sections of nseg 2, hh): a unit's 8 last rows have the
** first nodes of three units as children, each parent's first, second and third child in
** other lanes. */
static nrn_model *ternary(void)
{
    nrn_model *m = new_model();
    for (int i = 0; i < 121; i++)
        kary_sec(m, i, 3, 60 + i % 5, 1 + 0.2 * (i % 3), 2);
    iclamp(m, "ic0", 0, 0.5, 0.5, 1.5);
    iclamp(m, "ic1", 100, 0.5, 1, 0.1);
    synapse(m, 50);
    return m;
}

/* sec0 (the soma, nseg 1), 9 primaries at its 1 end and one at its middle, each primary
** with 2 children at its 1 end and every third one a third at its middle, a chain of three
** sections off one child, and a second cell. */
static nrn_model *unbalanced(void)
{
    nrn_model *m = new_model();
    char name[32];
    int soma = sec(m, "sec0", 20, 20, 1);
    assert_int_equal(nrn_insert(m, soma, "hh"), NRN_OK);
    int prim[10], nchild = 0, last = -1;
    for (int i = 0; i < 10; i++) {
        snprintf(name, sizeof name, "p%d", i);
        prim[i] = sec(m, name, 200, 2, i < 9 ? 7 : 4);
        assert_int_equal(nrn_connect(m, prim[i], 0, soma, i < 9 ? 1 : 0.5), NRN_OK);
        assert_int_equal(nrn_insert(m, prim[i], i % 2 ? "hh" : "pas"), NRN_OK);
        if (i % 4 == 1)
            assert_int_equal(nrn_insert(m, prim[i], "usk"), NRN_OK);
    }
    for (int i = 0; i < 10; i++)
        for (int c = 0; c < (i % 3 ? 2 : 3); c++) {
            snprintf(name, sizeof name, "d%d", nchild++);
            int s = sec(m, name, 150, 1, 5);
            assert_int_equal(nrn_connect(m, s, 0, prim[i], c < 2 ? 1 : 0.5), NRN_OK);
            assert_int_equal(nrn_insert(m, s, c == 1 ? "hh" : "usk"), NRN_OK);
            assert_int_equal(nrn_insert(m, s, "pas"), NRN_OK);
            last = s;
        }
    for (int k = 0; k < 3; k++) {
        snprintf(name, sizeof name, "chain%d", k);
        int s = sec(m, name, 100, 0.8, 9);
        assert_int_equal(nrn_connect(m, s, 0, last, 1), NRN_OK);
        assert_int_equal(nrn_insert(m, s, "hh"), NRN_OK);
        last = s;
    }
    int other = sec(m, "other", 300, 1.5, 11);
    assert_int_equal(nrn_insert(m, other, "hh"), NRN_OK);
    iclamp(m, "ic0", soma, 0.5, 0.5, 2);
    iclamp(m, "ic1", prim[3], 1, 1, 0.2);
    iclamp(m, "ic2", last, 0.9, 1.5, 0.1);
    iclamp(m, "ic3", other, 0.2, 1, 0.3);
    synapse(m, prim[7]);
    return m;
}

/* Runs both and compares v and every mechanism column bit for bit; narrow: a's rows in
** values of 4 lanes where the processor would take 8. */
static void compare_w(nrn_model *a, nrn_model *b, int steps, int narrow)
{
    assert_int_equal(nrn_finitialize(a, -65), NRN_OK);
    assert_int_equal(nrn_finitialize(b, -65), NRN_OK);
    assert_true(a->nunit > 0 && b->nunit > 0);
    if (narrow)
        units_narrow(a);
    for (int k = 0; k < steps; k++) {
        assert_int_equal(nrn_fadvance(a), NRN_OK);
        assert_int_equal(nrn_fadvance(b), NRN_OK);
    }
    assert_true(units_fusable(a));
    assert_false(units_fusable(b));
    passes_assert_same(a, b);
    /* something happened: the synapse got its event */
    double g;
    assert_int_equal(nrn_get(a, "syn.g", &g), NRN_OK);
    assert_true(g > 0);
}

static void compare(nrn_model *a, nrn_model *b, int steps)
{
    compare_w(a, b, steps, 0);
}

/* The balanced tree, the rows in values of 8 lanes where the processor has AVX-512, or
** (narrow) of 4, what an AVX2 processor runs. */
static void balanced_case(int narrow)
{
    nrn_model *a = balanced(), *b = balanced();
    passes_force(b, "sec0(0.5).gnabar_hh", 0.12);
    compare_w(a, b, 400, narrow);
    /* the first nodes of two units into the last row of their parents' unit: vectors */
    assert_true(units_vector_edges(a) > 0);
    nrn_model_free(&a);
    nrn_model_free(&b);
}

static void test_balanced_tree(void **state)
{
    (void)state;
    balanced_case(0);
}

static void test_balanced_narrow(void **state)
{
    (void)state;
    balanced_case(1);
}

static void test_unbalanced_tree(void **state)
{
    (void)state;
    nrn_model *a = unbalanced(), *b = unbalanced();
    passes_force(b, "sec0(0.5).gnabar_hh", 0.12);
    compare(a, b, 400);
    double s;
    assert_int_equal(nrn_get(a, "d3(0.5).s_usk", &s), NRN_OK);
    assert_true(s > 0 && s < 1);
    nrn_model_free(&a);
    nrn_model_free(&b);
}

static void test_ternary_tree(void **state)
{
    (void)state;
    nrn_model *a = ternary(), *b = ternary();
    passes_force(b, "sec0(0.5).gnabar_hh", 0.12);
    compare(a, b, 400);
    assert_true(units_vector_edges(a) > 0);
    nrn_model_free(&a);
    nrn_model_free(&b);
}

/* Crank-Nicolson (secondorder 1) takes the sweeps too. */
static void test_secondorder1(void **state)
{
    (void)state;
    nrn_model *a = unbalanced(), *b = unbalanced();
    set(a, "secondorder", 1);
    set(b, "secondorder", 1);
    passes_force(b, "sec0(0.5).gnabar_hh", 0.12);
    compare(a, b, 300);
    nrn_model_free(&a);
    nrn_model_free(&b);
}

/* A v that is not finite in a lane of an interleaved unit stops the run with the message of
** the passes. */
static void test_nonfinite(void **state)
{
    (void)state;
    char msg[2][512];
    for (int fused = 0; fused < 2; fused++) {
        nrn_model *m = balanced();
        if (!fused)
            passes_force(m, "sec0(0.5).gnabar_hh", 0.12);
        assert_int_equal(nrn_finitialize(m, -65), NRN_OK);
        assert_int_equal(nrn_fadvance(m), NRN_OK);
        assert_int_equal(units_fusable(m), fused);
        set(m, "sec101(0.5).v", INFINITY);
        assert_int_equal(nrn_fadvance(m), NRN_ENUMERIC);
        snprintf(msg[fused], sizeof msg[fused], "%s", nrn_errmsg(m));
        nrn_model_free(&m);
    }
    assert_non_null(strstr(msg[1], ".v became nan at t = 0.05 ms"));
    assert_string_equal(msg[0], msg[1]);
}

/* A type that does not say inst_local (the hand-written SEClamp) keeps the passes, and so
** does secondorder 2. */
static void test_when(void **state)
{
    (void)state;
    nrn_model *m = balanced();
    int id;
    assert_int_equal(nrn_pp_new(m, "SEClamp", "vc", 3, 0.5, &id), NRN_OK);
    assert_int_equal(nrn_finitialize(m, -65), NRN_OK);
    assert_int_equal(nrn_fadvance(m), NRN_OK);
    assert_true(m->nunit > 0);
    assert_false(units_fusable(m));
    nrn_model_free(&m);
    m = balanced();
    set(m, "secondorder", 2);
    assert_int_equal(nrn_finitialize(m, -65), NRN_OK);
    assert_int_equal(nrn_fadvance(m), NRN_OK);
    assert_false(units_fusable(m));
    nrn_model_free(&m);
}

/* The layout the kernels' vectors want (compile.c): the first unit's rows, and the 8
** instances of every density type at its first row, each start a 64-byte line; the node
** arrays are not a multiple of 4 KB apart. */
static void test_aligned(void **state)
{
    (void)state;
    nrn_model *m = balanced();
    assert_int_equal(nrn_finitialize(m, -65), NRN_OK);
    int k = 0;
    while (k < m->nunit && !m->units[k].nseg)
        k++;
    assert_true(k < m->nunit);
    int lo = m->units[k].lo, ntyped = 0;
    assert_true(lo % 8 != 0); /* the roots and the unit before it: aligned by the placing */
    const double *arrays[] = { m->v, m->rhs, m->d, m->a, m->b, m->cm };
    for (int j = 0; j < 6; j++) {
        assert_int_equal((uintptr_t)(arrays[j] + lo) % 64, 0);
        if (j)
            assert_int_not_equal((uintptr_t)(arrays[j] - arrays[0]) % 4096, 0);
    }
    for (int t = 0; t < m->ntype; t++) {
        const nrn_mech_data *md = &m->types[t].md;
        if (m->types[t].d->kind == NRN_POINT || !md->n)
            continue;
        for (int i = 0; i + 7 < md->n; i++)
            if (md->node[i] == lo && md->node[i + 7] == lo + 7) {
                for (int c = 0; c < m->types[t].d->nvar; c++)
                    assert_int_equal((uintptr_t)(md->col[c] + i) % 64, 0);
                assert_int_equal((uintptr_t)(md->g + i) % 64, 0);
                ntyped++;
            }
    }
    assert_true(ntyped >= 3); /* hh and its ions na and k */
    nrn_model_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_balanced_tree),
        cmocka_unit_test(test_balanced_narrow),
        cmocka_unit_test(test_unbalanced_tree),
        cmocka_unit_test(test_ternary_tree),
        cmocka_unit_test(test_secondorder1),
        cmocka_unit_test(test_nonfinite),
        cmocka_unit_test(test_when),
        cmocka_unit_test(test_aligned),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
