/*
** test_golden.c: the engine against NEURON 8.2.2 references (tests/golden/NAME.*, each
** made by the NAME.py beside it). The model of each .py is rebuilt here through the
** public API. Traces: every column of the CSV header is a value path, recorded and
** compared at every sample: |dv| <= 1e-9 mV, other values to 1e-12 relative.
** Geometry (area, ri, diam of every node), topology text and distances: exact.
*/
#include "golden.h"

/* A soma 10 x 10 with hh and an IClamp at its middle. */
static nrn_model *hh_soma(double del, double dur, double amp)
{
    nrn_model *m = nrn_model_new();
    int s = sec(m, "soma", 10, 10, 1);
    assert_int_equal(nrn_insert(m, s, "hh"), NRN_OK);
    iclamp(m, "ic", "soma", 0.5, del, dur, amp);
    return m;
}

static void test_hh_soma(void **state)
{
    (void)state;
    check(hh_soma(2, 0.1, 1), "hh_soma", 10);
}

static void test_usetable0(void **state)
{
    (void)state;
    nrn_model *m = hh_soma(2, 0.1, 1);
    set(m, "usetable_hh", 0);
    check(m, "usetable0", 10);
}

static void test_celsius20(void **state)
{
    (void)state;
    nrn_model *m = hh_soma(2, 0.5, 0.5);
    set(m, "celsius", 20);
    check(m, "celsius20", 10);
}

static void test_secondorder1(void **state)
{
    (void)state;
    nrn_model *m = hh_soma(0.1, 5, 0.3);
    set(m, "secondorder", 1);
    check(m, "secondorder1", 10);
}

static void test_secondorder2(void **state)
{
    (void)state;
    nrn_model *m = hh_soma(0.1, 5, 0.3);
    set(m, "secondorder", 2);
    set(m, "dt", 0.01);
    check(m, "secondorder2", 10);
}

static void test_passive_cable(void **state)
{
    (void)state;
    nrn_model *m = nrn_model_new();
    int c = sec(m, "cable", 1000, 2, 101);
    set(m, "cable.Ra", 100);
    assert_int_equal(nrn_insert(m, c, "pas"), NRN_OK);
    set(m, "cable.g_pas", 1e-4);
    set(m, "cable.e_pas", -65);
    iclamp(m, "ic", "cable", 0, 5, 50, 0.1);
    check(m, "passive_cable", 60);
}

/* The branched cell of branched.py: children at soma(0), soma(0.3), soma(1) and a
** tapered 3-D section at the end of d2. */
static nrn_model *branched(void)
{
    nrn_model *m = nrn_model_new();
    int soma = sec(m, "soma", 20, 20, 3);
    nrn_insert(m, soma, "hh");
    int d0 = sec(m, "d0", 100, 2, 3);
    nrn_insert(m, d0, "pas");
    set(m, "d0.g_pas", 0.0002);
    set(m, "d0.e_pas", -65);
    assert_int_equal(nrn_connect(m, d0, 0, soma, 0), NRN_OK);
    int d1 = sec(m, "d1", 150, 1.5, 5);
    nrn_insert(m, d1, "pas");
    assert_int_equal(nrn_connect(m, d1, 0, soma, 0.3), NRN_OK);
    int d2 = sec(m, "d2", 200, 1, 4);
    nrn_insert(m, d2, "hh");
    assert_int_equal(nrn_connect(m, d2, 0, soma, 1), NRN_OK);
    int tp;
    nrn_section_new(m, "tp", &tp);
    static const double pts[4][4] = { {0, 0, 0, 3}, {20, 5, 0, 2}, {50, 10, 5, 1}, {80, 10, 10, 0.6} };
    for (int i = 0; i < 4; i++)
        assert_int_equal(nrn_pt3dadd(m, tp, pts[i][0], pts[i][1], pts[i][2], pts[i][3]), NRN_OK);
    set(m, "tp.nseg", 7);
    nrn_insert(m, tp, "hh");
    assert_int_equal(nrn_connect(m, tp, 0, d2, 1), NRN_OK);
    set(m, "tp.Ra", 120);
    for (int s = 0; s < 4; s++)
        set(m, (const char *[]){ "soma.Ra", "d0.Ra", "d1.Ra", "d2.Ra" }[s], 100);
    return m;
}

static void test_branched(void **state)
{
    (void)state;
    nrn_model *m = branched();
    iclamp(m, "ic", "soma", 0.5, 1, 0.5, 0.8);
    check(m, "branched", 10);
}

static void test_mixed(void **state)
{
    (void)state;
    nrn_model *m = nrn_model_new();
    int soma = sec(m, "soma", 20, 20, 1);
    nrn_insert(m, soma, "pas");
    int axon = sec(m, "axon", 500, 1, 11);
    set(m, "axon.Ra", 100);
    nrn_insert(m, axon, "hh");
    nrn_insert(m, axon, "pas");
    set(m, "axon.g_pas", 1e-4);
    set(m, "axon.e_pas", -65);
    assert_int_equal(nrn_connect(m, axon, 0, soma, 1), NRN_OK);
    iclamp(m, "ic", "axon", 0.05, 0.5, 1, 0.3);
    check(m, "mixed", 10);
}

static void test_two_cells(void **state)
{
    (void)state;
    nrn_model *m = nrn_model_new();
    int aS = sec(m, "aS", 20, 20, 1);
    nrn_insert(m, aS, "hh");
    int bS = sec(m, "bS", 15, 15, 1);
    nrn_insert(m, bS, "hh");
    int aD = sec(m, "aD", 200, 1, 5);
    nrn_insert(m, aD, "pas");
    int bD = sec(m, "bD", 100, 2, 3);
    nrn_insert(m, bD, "pas");
    assert_int_equal(nrn_connect(m, aD, 0, aS, 1), NRN_OK);
    assert_int_equal(nrn_connect(m, bD, 0, bS, 0), NRN_OK);
    iclamp(m, "icb", "bS", 0.5, 2, 1, 0.4);
    iclamp(m, "ica", "aD", 1, 1, 2, 0.2);
    check(m, "two_cells", 10);
}

static void test_cap_pts(void **state)
{
    (void)state;
    static const double amps[] = { -0.5240707458162173, -7.391544078297145, -0.5189292690574687,
                                    -8.689422815203739e-09 };
    nrn_model *m = nrn_model_new();
    sec(m, "soma", 10, 10, 1);
    for (int i = 0; i < 4; i++) {
        char name[16];
        snprintf(name, sizeof name, "ic%d", i);
        iclamp(m, name, "soma", 0.5, 0, 1, amps[i]);
    }
    check(m, "cap_pts", 1);
}

/* ---- geometry, topology, distance ---- */

/* Reads lines "name(x) area ri diam" (other lines skipped) of a golden text file and
** compares each with the model's values; returns the number of lines checked. */
static int check_geom_lines(nrn_model *m, const char *rel)
{
    FILE *f = fopen(test_path(rel), "r");
    if (!f)
        fail_msg("cannot read %s", rel);
    char line[1024], seg[256];
    double area, ri, diam;
    int n = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || sscanf(line, "%255s %lf %lf %lf", seg, &area, &ri, &diam) != 4 ||
            !strchr(seg, '('))
            continue;
        char path[300];
        double got;
        snprintf(path, sizeof path, "%s.area", seg);
        if (nrn_get(m, path, &got))
            fail_msg("%s: %s", path, nrn_errmsg(m));
        assert_close(got, area, 0, 0);
        snprintf(path, sizeof path, "%s.ri", seg);
        assert_int_equal(nrn_get(m, path, &got), NRN_OK);
        assert_close(got, ri, 0, 0);
        snprintf(path, sizeof path, "%s.diam", seg);
        assert_int_equal(nrn_get(m, path, &got), NRN_OK);
        assert_close(got, diam, 0, 0);
        n++;
    }
    fclose(f);
    return n;
}

/* Reads a whole file into a string (caller frees). */
static char *slurp(const char *rel)
{
    FILE *f = fopen(test_path(rel), "r");
    if (!f)
        fail_msg("cannot read %s", rel);
    char *buf = calloc(1, 1 << 16);
    size_t n = fread(buf, 1, (1 << 16) - 1, f);
    buf[n] = 0;
    fclose(f);
    return buf;
}

/* The model of geometry.py, built in the same order (geometry is computed lazily, and
** fr13's stale diam depends on when). */
static void test_geometry(void **state)
{
    (void)state;
    nrn_model *m = nrn_model_new();
    sec(m, "cyl", 300, 2, 3);
    set(m, "cyl.Ra", 100);
    const char *fr[] = { "fr1", "fr3", "fr13" };
    for (int k = 0; k < 3; k++) {
        int id;
        nrn_section_new(m, fr[k], &id);
        nrn_pt3dadd(m, id, 0, 0, 0, 1);
        nrn_pt3dadd(m, id, 10, 0, 0, 5);
        if (k == 1)
            set(m, "fr3.nseg", 3);
    }
    double a;
    assert_int_equal(nrn_get(m, "fr13(0.5).area", &a), NRN_OK);
    set(m, "fr13.nseg", 3);
    int pts;
    nrn_section_new(m, "pts", &pts);
    static const double p[4][4] = { {0, 0, 0, 1.1}, {0.1, 0.2, 0.3, 2.3}, {7.7, 1.3, 0.1, 0.7},
                                    {13.3, 2.2, -4.1, 3.3} };
    for (int i = 0; i < 4; i++)
        nrn_pt3dadd(m, pts, p[i][0], p[i][1], p[i][2], p[i][3]);
    set(m, "pts.nseg", 2);
    assert_int_equal(check_geom_lines(m, "tests/golden/geometry.txt"), 22);
    double xyzd[4], arc;
    assert_int_equal(nrn_pt3d_get(m, pts, 1, xyzd, &arc), NRN_OK);
    assert_close(xyzd[0], 0.10000000149011612, 0, 0);
    assert_close(arc, 0.37416575022665244, 0, 0);
    assert_int_equal(nrn_get(m, "pts.L", &a), NRN_OK);
    assert_close(a, 15.113582504304155, 0, 0);
    nrn_model_free(&m);
}

/* pt3d_geometry.py: three points, nseg 5, Ra 80. */
static void test_pt3d_geometry(void **state)
{
    (void)state;
    nrn_model *m = nrn_model_new();
    int s;
    nrn_section_new(m, "s", &s);
    nrn_pt3dadd(m, s, 0, 0, 0, 4);
    nrn_pt3dadd(m, s, 30, 40, 0, 2);
    nrn_pt3dadd(m, s, 30, 40, 25, 3);
    set(m, "s.nseg", 5);
    set(m, "s.Ra", 80);
    FILE *f = fopen(test_path("tests/golden/pt3d_geometry.txt"), "r");
    assert_non_null(f);
    char line[512], seg[64];
    double area, ri, diam, got;
    int n = 0;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "%63s area %lf ri %lf diam %lf", seg, &area, &ri, &diam) == 4 &&
            seg[0] == 's') {
            char path[128];
            snprintf(path, sizeof path, "%s.area", seg);
            assert_int_equal(nrn_get(m, path, &got), NRN_OK);
            assert_close(got, area, 0, 0);
            snprintf(path, sizeof path, "%s.ri", seg);
            nrn_get(m, path, &got);
            assert_close(got, ri, 0, 0);
            snprintf(path, sizeof path, "%s.diam", seg);
            nrn_get(m, path, &got);
            assert_close(got, diam, 0, 0);
            n++;
        }
    fclose(f);
    assert_int_equal(n, 7);
    nrn_model_free(&m);
}

static void test_branched_geometry_and_topology(void **state)
{
    (void)state;
    nrn_model *m = branched();
    assert_int_equal(check_geom_lines(m, "tests/golden/branched_geom.txt"), 32);
    char *want = slurp("tests/golden/branched_geom.txt");
    char *topo = nrn_topology(m);
    assert_non_null(strstr(want, topo));
    free(topo);
    free(want);
    nrn_model_free(&m);
}

static void test_topology_course(void **state)
{
    (void)state;
    static const char *names[] = { "soma", "proxApical", "apic1", "apic2", "proxBasal",
                                   "distBasal1", "distBasal2" };
    static const int nsegs[] = { 1, 3, 5, 4, 2, 3, 3 };
    nrn_model *m = nrn_model_new();
    for (int i = 0; i < 7; i++) {
        int id;
        nrn_section_new(m, names[i], &id);
        nrn_section_set(m, id, NRN_SEC_NSEG, nsegs[i]);
    }
    nrn_connect(m, 1, 0, 0, 1);
    nrn_connect(m, 2, 0, 1, 1);
    nrn_connect(m, 3, 0, 1, 1);
    nrn_connect(m, 4, 0, 0, 0);
    nrn_connect(m, 5, 0, 4, 1);
    nrn_connect(m, 6, 0, 4, 1);
    char *want = slurp("tests/golden/topology_course.txt"), *got = nrn_topology(m);
    assert_string_equal(got, want);
    free(got), free(want);
    nrn_model_free(&m);
}

static void test_topology_misc(void **state)
{
    (void)state;
    static const char *names[] = { "par", "root2", "c1", "c05a", "c0", "c03", "c05b", "rev",
                                   "revkid", "rk8", "rk2", "rb", "r2kid" };
    static const int nsegs[] = { 5, 2, 2, 1, 3, 1, 4, 3, 1, 2, 1, 2, 1 };
    nrn_model *m = nrn_model_new();
    for (int i = 0; i < 13; i++) {
        int id;
        nrn_section_new(m, names[i], &id);
        nrn_section_set(m, id, NRN_SEC_NSEG, nsegs[i]);
    }
    set(m, "rb.rallbranch", 2);
#define S(n) nrn_section_find(m, n)
    nrn_connect(m, S("c1"), 0, S("par"), 1);
    nrn_connect(m, S("c05a"), 0, S("par"), 0.5);
    nrn_connect(m, S("c0"), 0, S("par"), 0);
    nrn_connect(m, S("c03"), 0, S("par"), 0.3);
    nrn_connect(m, S("c05b"), 0, S("par"), 0.5);
    nrn_connect(m, S("rev"), 1, S("par"), 0.7);
    nrn_connect(m, S("revkid"), 0, S("rev"), 0);
    nrn_connect(m, S("rk8"), 0, S("rev"), 0.8);
    nrn_connect(m, S("rk2"), 0, S("rev"), 0.2);
    nrn_connect(m, S("rb"), 0, S("c1"), 1);
    nrn_connect(m, S("r2kid"), 0, S("root2"), 0.5);
#undef S
    char *want = slurp("tests/golden/topology_misc.txt"), *got = nrn_topology(m);
    assert_string_equal(got, want);
    free(got), free(want);
    nrn_model_free(&m);
}

/* Parses "sec(x)" into a section id and x. */
static void parse_seg(nrn_model *m, const char *s, int *sec_id, double *x)
{
    char name[64];
    assert_int_equal(sscanf(s, "%63[^(](%lf)", name, x), 2);
    *sec_id = nrn_section_find(m, name);
    assert_true(*sec_id >= 0);
}

static void test_distance(void **state)
{
    (void)state;
    nrn_model *m = nrn_model_new();
    int s = sec(m, "s", 100, 500, 1), d = sec(m, "d", 50, 500, 5);
    int e = sec(m, "e", 20, 500, 2), f = sec(m, "f", 30, 500, 3);
    nrn_connect(m, d, 0, s, 1);
    nrn_connect(m, e, 0, s, 0.3);
    nrn_connect(m, f, 0, s, 0);
    FILE *fp = fopen(test_path("tests/golden/distance.txt"), "r");
    assert_non_null(fp);
    char line[256], a[64], b[64];
    double want;
    int n = 0;
    while (fgets(line, sizeof line, fp)) {
        if (line[0] == '#' || sscanf(line, "%63s %63s %lf", a, b, &want) != 3)
            continue;
        int s0, s1;
        double x0, x1, got;
        parse_seg(m, a, &s0, &x0);
        parse_seg(m, b, &s1, &x1);
        assert_int_equal(nrn_distance(m, s0, x0, s1, x1, &got), NRN_OK);
        if (got != want)
            fail_msg("distance %s %s = %.17g, want %.17g", a, b, got, want);
        n++;
    }
    fclose(fp);
    assert_true(n >= 30);
    nrn_model_free(&m);
}

static int report(void **state)
{
    (void)state;
    printf("golden traces: worst |dv| %.3g mV, worst relative state/current error %.3g\n",
           worst_v, worst_rel);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hh_soma),      cmocka_unit_test(test_usetable0),
        cmocka_unit_test(test_celsius20),    cmocka_unit_test(test_secondorder1),
        cmocka_unit_test(test_secondorder2), cmocka_unit_test(test_passive_cable),
        cmocka_unit_test(test_branched),     cmocka_unit_test(test_mixed),
        cmocka_unit_test(test_two_cells),    cmocka_unit_test(test_cap_pts),
        cmocka_unit_test(test_geometry),     cmocka_unit_test(test_pt3d_geometry),
        cmocka_unit_test(test_branched_geometry_and_topology),
        cmocka_unit_test(test_topology_course), cmocka_unit_test(test_topology_misc),
        cmocka_unit_test(test_distance),
    };
    return cmocka_run_group_tests(tests, NULL, report);
}
