/*
** test_cable.c: the two-sweep step of one unbranched chain (cable.c) against the separate
** passes, bit for bit. The same chain is built twice; in the second a continuous play of a
** parameter with its own value (which changes nothing, passes.h) makes the step run the
** passes.
** The chain has several sections, mechanisms on parts of it, point processes at the root,
** at chunk boundaries and at the last node, and events into a synapse. The translated
** density mechanisms (hh, pas, and the test channels of tests/unit/mech) run through their
** range forms (cur_range, state_range), the point processes through views.
*/
#include "passes.h"
#include "nrn_mech.h"
#include "nrn_int.h"
#include "nrn_mechlib.h"

extern const nrn_mech_type nrn_testmech_kdrtab, nrn_testmech_gleak;

static void pp(nrn_model *m, const char *type, const char *name, int s, double x, int *id)
{
    if (nrn_pp_new(m, type, name, s, x, id))
        fail_msg("%s: %s", name, nrn_errmsg(m));
}

/* soma - axon - tip, each attached by its 0 end to the 1 end of the one before; user: the
** test channels too, kdrtab in the soma and the axon, gleak in the axon's; syn: a synapse
** (a second type with states) and its events. */
static nrn_model *chain_syn(const char *tipmech, int user, int syn)
{
    nrn_model *m = nrn_model_new();
    if (user) {
        assert_int_equal(nrn_mech_register(m, &nrn_testmech_kdrtab), NRN_OK);
        assert_int_equal(nrn_mech_register(m, &nrn_testmech_gleak), NRN_OK);
    }
    int soma = sec(m, "soma", 20, 20, 1), axon = sec(m, "axon", 2000, 1, 101);
    int tip = sec(m, "tip", 300, 0.5, 40);
    if (user) {
        assert_int_equal(nrn_insert(m, soma, "kdrtab"), NRN_OK);
        assert_int_equal(nrn_insert(m, axon, "kdrtab"), NRN_OK);
        assert_int_equal(nrn_insert(m, axon, "gleak"), NRN_OK);
    }
    assert_int_equal(nrn_insert(m, soma, "hh"), NRN_OK);
    assert_int_equal(nrn_insert(m, axon, "hh"), NRN_OK);
    assert_int_equal(nrn_insert(m, axon, "pas"), NRN_OK);
    assert_int_equal(nrn_insert(m, tip, tipmech), NRN_OK);
    set(m, "axon.g_pas", 2e-4);
    set(m, "axon.e_pas", -60);
    assert_int_equal(nrn_connect(m, axon, 0, soma, 1), NRN_OK);
    assert_int_equal(nrn_connect(m, tip, 0, axon, 1), NRN_OK);
    int id;
    /* at the root, in the soma, near node 32 and 64, at the last node, two at one place */
    static const struct { const char *name; int sec; double x, amp; } ic[] = {
        { "ic0", 0, 0, 0.05 }, { "ic1", 0, 0.5, 0.8 }, { "ic2", 1, 0.3, 0.1 },
        { "ic3", 1, 0.62, -0.05 }, { "ic4", 2, 1, 0.02 }, { "ic5", 1, 0.62, 0.07 },
    };
    const int secs[3] = { soma, axon, tip };
    for (size_t k = 0; k < sizeof ic / sizeof ic[0]; k++) {
        char path[64];
        pp(m, "IClamp", ic[k].name, secs[ic[k].sec], ic[k].x, &id);
        snprintf(path, sizeof path, "%s.del", ic[k].name);
        set(m, path, 0.5 + k);
        snprintf(path, sizeof path, "%s.dur", ic[k].name);
        set(m, path, 3);
        snprintf(path, sizeof path, "%s.amp", ic[k].name);
        set(m, path, ic[k].amp);
    }
    if (!syn)
        return m;
    pp(m, "ExpSyn", "syn", axon, 0.8, &id);
    nrn_ref src;
    assert_int_equal(nrn_ref_lookup(m, "soma(0.5).v", &src), NRN_OK);
    int nc;
    assert_int_equal(nrn_netcon_new(m, "nc", &src, -1, id, &nc), NRN_OK);
    assert_int_equal(nrn_netcon_set(m, nc, NRN_NC_WEIGHT, 0.01), NRN_OK);
    return m;
}

static nrn_model *chain_of(const char *tipmech, int user)
{
    return chain_syn(tipmech, user, 1);
}

static nrn_model *chain(const char *tipmech)
{
    return chain_of(tipmech, 0);
}

/* Makes the step run the separate passes (passes.h). */
static void passes(nrn_model *m)
{
    passes_force(m, "soma(0.5).gnabar_hh", 0.12);
}

/* Runs both and compares v, every mechanism column and every GLOBAL bit for bit. */
static void compare(nrn_model *a, nrn_model *b)
{
    assert_int_equal(nrn_finitialize(a, -65), NRN_OK);
    assert_int_equal(nrn_finitialize(b, -65), NRN_OK);
    assert_true(a->solve_chain && b->solve_chain);
    for (int k = 0; k < 480; k++) {
        assert_int_equal(nrn_fadvance(a), NRN_OK);
        assert_int_equal(nrn_fadvance(b), NRN_OK);
    }
    assert_true(cable_fusable(a));
    assert_false(cable_fusable(b));
    passes_assert_same(a, b);
    double v;
    assert_int_equal(nrn_get(a, "axon(0.9).v", &v), NRN_OK);
    assert_true(v > -100 && v < 60);
}

static void test_two_sweeps_equal_passes(void **state)
{
    (void)state;
    nrn_model *a = chain("pas"), *b = chain("pas");
    passes_force(b, "soma(0.5).gnabar_hh", 0.12);
    compare(a, b);
    /* something happened: the soma fired, so the synapse got its event */
    double g;
    assert_int_equal(nrn_get(a, "syn.g", &g), NRN_OK);
    assert_true(g > 0);
    nrn_model_free(&a);
    nrn_model_free(&b);
}

/* hh in the tip too (its table looked up in every chunk); secondorder 1. */
static void test_two_sweeps_secondorder1(void **state)
{
    (void)state;
    nrn_model *a = chain("hh"), *b = chain("hh");
    set(a, "secondorder", 1);
    set(b, "secondorder", 1);
    passes_force(b, "soma(0.5).gnabar_hh", 0.12);
    compare(a, b);
    nrn_model_free(&a);
    nrn_model_free(&b);
}

/* Translated channels other than hh: a tabled one (kdrtab, with its table and then with
** usetable 0, the scalar loop on each range) and one whose rates are assignments (gleak). */
static void test_two_sweeps_user_channels(void **state)
{
    (void)state;
    for (int usetable = 1; usetable >= 0; usetable--) {
        nrn_model *a = chain_of("gleak", 1), *b = chain_of("gleak", 1);
        set(a, "usetable_kdrtab", usetable);
        set(b, "usetable_kdrtab", usetable);
        passes(b);
        compare(a, b);
        static const char *const ranged[] = { "hh", "pas", "kdrtab", "gleak" };
        for (size_t i = 0; i < sizeof ranged / sizeof ranged[0]; i++) {
            int t = 0;
            while (t < a->ntype && strcmp(a->types[t].d->name, ranged[i]) != 0)
                t++;
            assert_true(t < a->ntype);
            assert_non_null(a->types[t].d->cur_range);
            if (strcmp(ranged[i], "pas") != 0)
                assert_non_null(a->types[t].d->state_range);
        }
        double g;
        assert_int_equal(nrn_get(a, "axon(0.5).s_gleak", &g), NRN_OK);
        assert_true(g > 0 && g < 1);
        nrn_model_free(&a);
        nrn_model_free(&b);
    }
}

/* soma - axon - tip with mech[k] (none where NULL) in each and two stimuli; kdr: the
** test channel kdrtab registered. */
static nrn_model *three(const char *const mech[3], int kdr)
{
    nrn_model *m = nrn_model_new();
    if (kdr)
        assert_int_equal(nrn_mech_register(m, &nrn_testmech_kdrtab), NRN_OK);
    const int s[3] = { sec(m, "soma", 20, 20, 1), sec(m, "axon", 2000, 1, 101),
                       sec(m, "tip", 300, 0.5, 40) };
    for (int k = 0; k < 3; k++)
        if (mech[k])
            assert_int_equal(nrn_insert(m, s[k], mech[k]), NRN_OK);
    assert_int_equal(nrn_connect(m, s[1], 0, s[0], 1), NRN_OK);
    assert_int_equal(nrn_connect(m, s[2], 0, s[1], 1), NRN_OK);
    int id;
    pp(m, "IClamp", "ic0", s[0], 0.5, &id);
    set(m, "ic0.del", 0.5), set(m, "ic0.dur", 3), set(m, "ic0.amp", 0.8);
    pp(m, "IClamp", "ic1", s[2], 0.7, &id);
    set(m, "ic1.del", 2), set(m, "ic1.dur", 2), set(m, "ic1.amp", 0.05);
    return m;
}

/*
** The one state type runs the forward sweep with the chain inside (state_chain): hh on all
** nodes but the tip's, on all (secondorder 1), with usetable 0 (the scalar loop after the
** chain), only in the middle section, and the translated kdrtab (one equation: one loop).
*/
static void test_chain_in_state(void **state)
{
    (void)state;
    static const struct { const char *mech[3]; int kdr, so, usetable; } cs[] = {
        { { "hh", "hh", "pas" }, 0, 0, 1 },
        { { "hh", "hh", "hh" }, 0, 1, 1 },
        { { "hh", "hh", "hh" }, 0, 0, 0 },
        { { "pas", "hh", "pas" }, 0, 0, 1 },
        { { "kdrtab", "kdrtab", NULL }, 1, 0, 1 },
    };
    for (size_t k = 0; k < sizeof cs / sizeof cs[0]; k++) {
        nrn_model *a = three(cs[k].mech, cs[k].kdr), *b = three(cs[k].mech, cs[k].kdr);
        for (int i = 0; i < 2; i++) {
            nrn_model *m = i ? b : a;
            set(m, "secondorder", cs[k].so);
            if (!cs[k].usetable)
                set(m, "usetable_hh", 0);
        }
        passes_force(b, "ic0.amp", 0.8);
        compare(a, b);
        assert_true(cable_chained(a));
        nrn_model_free(&a);
        nrn_model_free(&b);
    }
}

/* A v that overflows in the chained sweep fails the step as it does in the passes. */
static void test_chain_overflow(void **state)
{
    (void)state;
    static const char *const mech[3] = { "hh", "hh", "hh" };
    nrn_model *a = three(mech, 0), *b = three(mech, 0);
    set(a, "ic1.amp", 1e308), set(b, "ic1.amp", 1e308);
    passes_force(b, "ic0.amp", 0.8);
    assert_int_equal(nrn_finitialize(a, -65), NRN_OK);
    assert_int_equal(nrn_finitialize(b, -65), NRN_OK);
    int ra = NRN_OK, rb = NRN_OK, k = 0;
    for (; k < 200 && ra == NRN_OK; k++) {
        ra = nrn_fadvance(a);
        rb = nrn_fadvance(b);
        assert_int_equal(ra, rb);
    }
    assert_int_not_equal(ra, NRN_OK);
    assert_true(cable_chained(a));
    assert_string_equal(nrn_errmsg(a), nrn_errmsg(b));
    nrn_model_free(&a);
    nrn_model_free(&b);
}

/* A type that does not say inst_local (the hand-written SEClamp) keeps the passes, and so
** does a chain that fits in one chunk, where the sweeps would be the passes. */
static void test_two_sweeps_when(void **state)
{
    (void)state;
    nrn_model *m = chain("pas");
    int id;
    pp(m, "SEClamp", "vc", 0, 0.5, &id);
    assert_int_equal(nrn_finitialize(m, -65), NRN_OK);
    assert_int_equal(nrn_fadvance(m), NRN_OK);
    assert_false(cable_fusable(m));
    nrn_model_free(&m);
    m = nrn_model_new();
    int s = sec(m, "soma", 10, 10, 1);
    assert_int_equal(nrn_insert(m, s, "hh"), NRN_OK);
    assert_int_equal(nrn_finitialize(m, -65), NRN_OK);
    assert_int_equal(nrn_fadvance(m), NRN_OK);
    assert_true(m->solve_chain);
    assert_false(cable_fusable(m));
    nrn_model_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_sweeps_equal_passes),
        cmocka_unit_test(test_two_sweeps_secondorder1),
        cmocka_unit_test(test_two_sweeps_user_channels),
        cmocka_unit_test(test_two_sweeps_when),
        cmocka_unit_test(test_chain_in_state),
        cmocka_unit_test(test_chain_overflow),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
