/*
** test_accessors.c: the engine's query functions behind the Tcl accessors: segment volume
** (NEURON's seg.volume(), against tests/golden/pt3d_geometry.txt), the subtree order of
** SectionList.subtree(), the segment a point process reports (get_segment), and which
** values are integers. tests/tcl/accessors.test checks the same against accessors.txt.
*/
#include "testutil.h"
#include "nrn.h"

/* Every "NAME(X) ... volume V" line of pt3d_geometry.txt, to the last bit. */
static void test_volume_pt3d_golden(void **state)
{
    (void)state;
    nrn_model *m = nrn_model_new();
    int s, d;
    assert_int_equal(nrn_section_new(m, "s", &s), NRN_OK);
    nrn_pt3dadd(m, s, 0, 0, 0, 4);
    nrn_pt3dadd(m, s, 30, 40, 0, 2);
    nrn_pt3dadd(m, s, 30, 40, 25, 3);
    assert_int_equal(nrn_set(m, "s.nseg", 5), NRN_OK);
    assert_int_equal(nrn_set(m, "s.Ra", 80), NRN_OK);
    assert_int_equal(nrn_section_new(m, "d", &d), NRN_OK);
    nrn_pt3dadd(m, d, 0, 0, 0, 1);
    nrn_pt3dadd(m, d, 10, 0, 0, 5);
    FILE *f = fopen(test_path("tests/golden/pt3d_geometry.txt"), "r");
    assert_non_null(f);
    char line[512], name[64];
    int n = 0;
    while (fgets(line, sizeof line, f)) {
        const char *v = strstr(line, " volume ");
        double x, want, got, viapath;
        if (v == NULL || sscanf(line, "%63[a-z](%lf)", name, &x) != 2)
            continue;
        want = strtod(v + 8, NULL);
        assert_int_equal(nrn_segment_volume(m, nrn_section_find(m, name), x, &got), NRN_OK);
        if (got != want)
            fail_msg("%s(%g): volume %.17g, NEURON %.17g", name, x, got, want);
        char path[96];
        snprintf(path, sizeof path, "%s(%.17g).volume", name, x);
        assert_int_equal(nrn_get(m, path, &viapath), NRN_OK);
        assert_true(viapath == got);
        n++;
    }
    fclose(f);
    assert_int_equal(n, 8);
    nrn_model_free(&m);
}

/* Cylinders: pi d^2 / 4 * L / nseg of the segment's own diam, also when reversed. */
static void test_volume_cylinder(void **state)
{
    (void)state;
    nrn_model *m = nrn_model_new();
    int a, b;
    double v;
    nrn_section_new(m, "a", &a);
    nrn_section_new(m, "b", &b);
    nrn_section_set(m, b, NRN_SEC_L, 50);
    nrn_section_set(m, b, NRN_SEC_NSEG, 2);
    nrn_section_set(m, b, NRN_SEC_DIAM, 2);
    assert_int_equal(nrn_connect(m, b, 1, a, 0.5), NRN_OK);
    assert_int_equal(nrn_set(m, "b(0.2).diam", 1), NRN_OK);
    assert_int_equal(nrn_segment_volume(m, b, 0.2, &v), NRN_OK);
    assert_true(v == 3.14159265358979323846 * 1 * 1 / 4 * 25.0);
    assert_int_equal(nrn_segment_volume(m, b, 0.7, &v), NRN_OK);
    assert_true(v == 3.14159265358979323846 * 2 * 2 / 4 * 25.0);
    assert_int_equal(nrn_segment_volume(m, b, 0, &v), NRN_OK);
    assert_true(v == 0);
    assert_int_equal(nrn_segment_volume(m, b, 1, &v), NRN_OK);
    assert_true(v == 0);
    assert_int_equal(nrn_segment_volume(m, b, 1.5, &v), NRN_EINVAL);
    assert_int_equal(nrn_segment_volume(m, 7, 0.5, &v), NRN_ENOTFOUND);
    assert_int_equal(nrn_set(m, "b(0.5).volume", 1), NRN_EINVAL);
    nrn_model_free(&m);
}

/* Breadth first, children in sibling order (by position; ties newest first). */
static void test_subtree(void **state)
{
    (void)state;
    nrn_model *m = nrn_model_new();
    int r, c1, c2, c3, g, lone, ids[8], n;
    nrn_section_new(m, "r", &r);
    nrn_section_new(m, "c1", &c1);
    nrn_section_new(m, "c2", &c2);
    nrn_section_new(m, "c3", &c3);
    nrn_section_new(m, "g", &g);
    nrn_section_new(m, "lone", &lone);
    nrn_connect(m, c1, 0, r, 1);
    nrn_connect(m, g, 0, c1, 1);
    nrn_connect(m, c2, 0, r, 0.5);
    nrn_connect(m, c3, 0, r, 1);
    assert_int_equal(nrn_subtree(m, r, ids, &n), NRN_OK);
    int want[] = { r, c2, c3, c1, g };
    assert_int_equal(n, 5);
    for (int i = 0; i < n; i++)
        assert_int_equal(ids[i], want[i]);
    assert_int_equal(nrn_subtree(m, c1, ids, &n), NRN_OK);
    assert_int_equal(n, 2);
    assert_int_equal(ids[1], g);
    assert_int_equal(nrn_subtree(m, lone, ids, &n), NRN_OK);
    assert_int_equal(n, 1);
    assert_int_equal(nrn_subtree(m, 99, ids, &n), NRN_ENOTFOUND);
    nrn_model_free(&m);
}

/* The node's x: ends as they are, else the segment's centre (mirrored when reversed). */
static void test_pp_segment(void **state)
{
    (void)state;
    nrn_model *m = nrn_model_new();
    int a, b, pp, sec;
    double x;
    nrn_section_new(m, "a", &a);
    nrn_section_set(m, a, NRN_SEC_NSEG, 3);
    nrn_section_new(m, "b", &b);
    nrn_section_set(m, b, NRN_SEC_NSEG, 2);
    nrn_connect(m, b, 1, a, 1);
    static const struct { int sec; double at, want; } cases[] = {
        { 0, 0.2, 0.5 / 3 }, { 0, 0, 0 }, { 0, 1, 1 }, { 0, 0.5, 0.5 },
        { 1, 0.3, 0.25 }, { 1, 0.5, 0.75 }, { 1, 0.9, 0.75 }, { 1, 1, 1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[16];
        snprintf(name, sizeof name, "p%zu", i);
        assert_int_equal(nrn_pp_new(m, "IClamp", name, cases[i].sec, cases[i].at, &pp), NRN_OK);
        assert_int_equal(nrn_pp_segment(m, pp, &sec, &x), NRN_OK);
        assert_int_equal(sec, cases[i].sec);
        if (x != cases[i].want)
            fail_msg("case %zu: x %.17g, want %.17g", i, x, cases[i].want);
    }
    assert_int_equal(nrn_pp_new(m, "NetStim", "ns", -1, 0, &pp), NRN_OK);
    assert_int_equal(nrn_pp_segment(m, pp, &sec, &x), NRN_EINVAL);
    assert_non_null(strstr(nrn_errmsg(m), "no location"));
    assert_int_equal(nrn_pp_segment(m, 99, &sec, &x), NRN_ENOTFOUND);
    nrn_model_free(&m);
}

/* nseg and secondorder are integers in NEURON; L, dt and a point process's values are not. */
static void test_ref_is_integer(void **state)
{
    (void)state;
    static const struct { const char *path; int want; } cases[] = {
        { "s.nseg", 1 }, { "secondorder", 1 }, { "s.L", 0 }, { "dt", 0 },
        { "s(0.5).v", 0 }, { "s.Ra", 0 }, { "celsius", 0 },
    };
    nrn_model *m = nrn_model_new();
    int s;
    nrn_ref ref;
    nrn_section_new(m, "s", &s);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(nrn_ref_lookup(m, cases[i].path, &ref), NRN_OK);
        if (nrn_ref_is_integer(&ref) != cases[i].want)
            fail_msg("%s: nrn_ref_is_integer %d", cases[i].path, !cases[i].want);
    }
    nrn_model_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_volume_pt3d_golden), cmocka_unit_test(test_volume_cylinder),
        cmocka_unit_test(test_subtree),            cmocka_unit_test(test_pp_segment),
        cmocka_unit_test(test_ref_is_integer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
