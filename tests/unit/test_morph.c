/*
** test_morph.c: morphology import (nrn_load_swc, nrn_load_asc) and the d_lambda rule
** (nrn_geom_nseg) against NEURON 8.2.2's Import3d (tests/golden/morph_NAME.txt, each made
** by the morph_NAME.py beside it): every section's name, parent, connection point, 3-D
** points (as sums), L and areas exactly, the d_lambda nseg, the topology text character
** for character, and a 10 ms soma trace with hh everywhere to |dv| <= 1e-9 mV. Files that
** are not in tests/morph are read from ../shared/morphologies and skipped when absent.
** Then the malformed files of tests/morph/bad, each with its one "FILE:LINE: ..." message.
*/
#include <unistd.h>
#include "testutil.h"
#include "nrn.h"

static double worst_dv;
static int nmatched;

/* Path of a morphology: tests/morph/NAME, else ../shared/morphologies/NAME; NULL if neither. */
static const char *morph_path(const char *name)
{
    static char buf[4096];
    char rel[512];
    snprintf(rel, sizeof rel, "tests/morph/%s", name);
    snprintf(buf, sizeof buf, "%s", test_path(rel));
    if (access(buf, R_OK) == 0)
        return buf;
    snprintf(rel, sizeof rel, "../shared/morphologies/%s", name);
    snprintf(buf, sizeof buf, "%s", test_path(rel));
    return access(buf, R_OK) == 0 ? buf : NULL;
}

/* Reads a whole file (NULL if unreadable). */
static char *slurp_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    size_t k = fread(buf, 1, (size_t)n, f);
    buf[k] = 0;
    fclose(f);
    return buf;
}

/* Loads path with the reader its extension names. */
static int load(nrn_model *m, const char *path, const char *prefix, int *first, int *count,
                char *note, size_t notesize)
{
    size_t n = strlen(path);
    if (n > 4 && (!strcmp(path + n - 4, ".asc") || !strcmp(path + n - 4, ".ASC")))
        return nrn_load_asc(m, path, prefix, first, count, note, notesize);
    return nrn_load_swc(m, path, prefix, first, count, note, notesize);
}

/* Sum of the segment areas of section sec. */
static double sec_area(nrn_model *m, int sec)
{
    double nseg, a, sum = 0;
    assert_int_equal(nrn_section_get(m, sec, NRN_SEC_NSEG, &nseg), NRN_OK);
    for (int k = 0; k < (int)nseg; k++) {
        char p[600];
        snprintf(p, sizeof p, "%s(%.17g).area", nrn_section_name(m, sec), (k + 0.5) / nseg);
        if (nrn_get(m, p, &a))
            fail_msg("%s: %s", p, nrn_errmsg(m));
        sum += a;
    }
    return sum;
}

/* Fails unless got == want exactly. */
static void exact(const char *what, const char *sec, double got, double want)
{
    if (got != want)
        fail_msg("%s of %s: got %.17g want %.17g", what, sec, got, want);
}

/*
** The whole comparison with golden morph_NAME.txt: import FILE, geometry, d_lambda,
** topology, then hh everywhere + IClamp(amp) and the soma trace.
*/
static void golden(const char *name, const char *file, double amp)
{
    const char *path = morph_path(file);
    if (!path) {
        print_message("  (skipped %s: %s not found)\n", name, file);
        skip();
    }
    char rel[256];
    snprintf(rel, sizeof rel, "tests/golden/morph_%s.txt", name);
    char *want = slurp_file(test_path(rel));
    if (!want)
        fail_msg("cannot read %s", rel);
    nrn_model *m = nrn_model_new();
    int first = -1, count = -1;
    char note[512];
    if (load(m, path, NULL, &first, &count, note, sizeof note))
        fail_msg("%s: %s", file, nrn_errmsg(m));
    int nsec = 0, nseg_total = 0;
    double area1_total = 0;
    char *line = want, *next;
    char *topo_start = NULL, *topo_end = NULL, *trace = NULL, *secline = NULL;
    /* header (lines split in place up to the topology text) */
    for (; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = 0;
        if (!strncmp(line, "sections ", 9))
            nsec = atoi(line + 9);
        else if (!strncmp(line, "area1 ", 6))
            area1_total = strtod(line + 6, NULL);
        else if (!strncmp(line, "nseg ", 5))
            nseg_total = atoi(line + 5);
        else if (!strncmp(line, "sec ", 4) && !secline)
            secline = line;
        else if (!strcmp(line, "topology")) {
            topo_start = next;
            topo_end = strstr(next, "end topology\n");
            trace = strstr(topo_end, "trace ");
            break;
        }
    }
    assert_non_null(topo_end);
    assert_int_equal(first, 0);
    assert_int_equal(count, nsec);
    assert_int_equal(nrn_section_count(m), nsec);
    /* per section, before d_lambda */
    int *nseg_want = calloc((size_t)nsec, sizeof(int));
    double *arean_want = calloc((size_t)nsec, sizeof(double));
    double a1sum = 0;
    line = secline;
    for (int i = 0; i < nsec; i++) {
        assert_non_null(line);
        next = line + strlen(line) + 1;
        char sname[256], pname[256];
        int n3d, off;
        double px, L, area1, sums[4], arean;
        if (sscanf(line, "sec %255s %255s %lf %d %lf %lf %d %lf %n", sname, pname, &px, &n3d, &L,
                   &area1, &nseg_want[i], &arean, &off) != 8)
            fail_msg("bad golden line %s", line);
        arean_want[i] = arean;
        char *p = line + off;
        for (int k = 0; k < 4; k++)
            sums[k] = strtod(p, &p);
        const char *got = nrn_section_name(m, i);
        if (strcmp(got, sname))
            fail_msg("%s: section %d is %s, NEURON %s", file, i, got, sname);
        int parent;
        double gpx, cend;
        assert_int_equal(nrn_section_parent(m, i, &parent, &gpx, &cend), NRN_OK);
        const char *gp = parent < 0 ? "-" : nrn_section_name(m, parent);
        if (strcmp(gp, pname))
            fail_msg("%s: parent of %s is %s, NEURON %s", file, sname, gp, pname);
        if (parent >= 0) {
            exact("parentx", sname, gpx, px);
            exact("child end", sname, cend, 0);
        }
        assert_int_equal(nrn_n3d(m, i), n3d);
        double gs[4] = {0, 0, 0, 0}, xyzd[4];
        for (int k = 0; k < n3d; k++) {
            assert_int_equal(nrn_pt3d_get(m, i, k, xyzd, NULL), NRN_OK);
            for (int c = 0; c < 4; c++)
                gs[c] += xyzd[c];
        }
        static const char *const what[4] = {"sum x3d", "sum y3d", "sum z3d", "sum diam3d"};
        for (int c = 0; c < 4; c++)
            exact(what[c], sname, gs[c], sums[c]);
        double gL;
        nrn_section_get(m, i, NRN_SEC_L, &gL);
        exact("L", sname, gL, L);
        double a = sec_area(m, i);
        exact("area (nseg 1)", sname, a, area1);
        a1sum += a;
        line = next;
    }
    exact("total area", file, a1sum, area1_total);
    /* d_lambda */
    for (int i = 0; i < nsec; i++) {
        assert_int_equal(nrn_section_set(m, i, NRN_SEC_RA, 100), NRN_OK);
        assert_int_equal(nrn_section_set(m, i, NRN_SEC_CM, 1), NRN_OK);
    }
    int total = 0;
    if (nrn_geom_nseg(m, NULL, 0, 100, 0.1, &total))
        fail_msg("geom_nseg: %s", nrn_errmsg(m));
    assert_int_equal(total, nseg_total);
    for (int i = 0; i < nsec; i++) {
        double ns;
        nrn_section_get(m, i, NRN_SEC_NSEG, &ns);
        if ((int)ns != nseg_want[i])
            fail_msg("%s: nseg of %s is %g, NEURON %d", file, nrn_section_name(m, i), ns,
                     nseg_want[i]);
        exact("area (d_lambda nseg)", nrn_section_name(m, i), sec_area(m, i), arean_want[i]);
    }
    /* topology */
    char *topo = nrn_topology(m);
    *topo_end = 0;
    if (strcmp(topo, topo_start)) {
        size_t k = 0;
        while (topo[k] && topo[k] == topo_start[k])
            k++;
        fail_msg("%s: topology differs at character %zu:\n got: %.80s\nwant: %.80s", file, k,
                 topo + k, topo_start + k);
    }
    free(topo);
    /* trace */
    assert_non_null(trace);
    size_t nrow = strtoul(trace + 6, &trace, 10);
    for (int i = 0; i < nsec; i++)
        assert_int_equal(nrn_insert(m, i, "hh"), NRN_OK);
    int soma = nrn_section_find(m, "soma[0]");
    assert_true(soma >= 0);
    assert_int_equal(nrn_pp_new(m, "IClamp", "ic", soma, 0.5, NULL), NRN_OK);
    assert_int_equal(nrn_set(m, "ic.del", 1), NRN_OK);
    assert_int_equal(nrn_set(m, "ic.dur", 1), NRN_OK);
    assert_int_equal(nrn_set(m, "ic.amp", amp), NRN_OK);
    nrn_ref r;
    assert_int_equal(nrn_ref_lookup(m, "soma[0](0.5).v", &r), NRN_OK);
    assert_int_equal(nrn_record_add(m, &r, NULL), NRN_OK);
    if (nrn_finitialize(m, -65) || nrn_continuerun(m, 10))
        fail_msg("run: %s", nrn_errmsg(m));
    assert_int_equal(nrn_record_len(m, 0), nrow);
    const double *v = nrn_record_data(m, 0);
    double vmax = -1e9;
    for (size_t k = 0; k < nrow; k++) {
        double w = strtod(trace, &trace), dv = fabs(v[k] - w);
        if (dv > worst_dv)
            worst_dv = dv;
        if (w > vmax)
            vmax = w;
        if (!(dv <= 1e-9))
            fail_msg("%s: soma v at step %zu: got %.17g want %.17g", file, k, v[k], w);
    }
    assert_true(vmax > 0); /* it spiked */
    nmatched++;
    free(nseg_want), free(arean_want), free(want);
    nrn_model_free(&m);
}

static void test_ball_and_stick(void **state)
{
    (void)state;
    golden("ball_and_stick", "ball_and_stick.swc", 1);
}
static void test_c91662(void **state)
{
    (void)state;
    golden("c91662", "c91662.swc", 2);
}
static void test_pyramidal(void **state)
{
    (void)state;
    golden("pyramidal", "pyramidal.swc", 2);
}
static void test_purkinje_cng(void **state)
{
    (void)state;
    golden("purkinje_cng", "10-2012-02-09-001.CNG.swc", 3);
}
static void test_purkinje(void **state)
{
    (void)state;
    golden("purkinje", "purkinje.swc", 3);
}
static void test_allen(void **state)
{
    (void)state;
    golden("allen", "single_cell_allen.swc", 1);
}
static void test_pvalb(void **state)
{
    (void)state;
    golden("pvalb", "Pvalb-IRES-Cre_Ai14_IVSCC_-172096.04.02.01_471781218_m.swc", 1);
}
static void test_all_types(void **state)
{
    (void)state;
    golden("all_types", "simple-all-types.swc", 1);
}
static void test_cell1_asc(void **state)
{
    (void)state;
    golden("cell1", "cell1.asc", 3);
}

/*
** Neurolucida features cell1.asc does not have, against NEURON 8.2.2 (its Import3d output:
** name, parent, parentx, n3d, L and the sums of x3d, y3d, z3d, diam3d, printed "%.17g").
** asc_soma_stack.asc: three overlapping CellBody contours (a stack), a second soma, a tree
** outside every soma box (wired to the nearest centre), a Set holding a tree, a text
** object, a spine, a non-soma contour. asc_branches.asc: a marker and a property at the
** start of branches (the marker's points belong to the branch), a branch starting within
** 1e-11 of its parent's end (hoc's ==), a bezier modifier, '@' in a comment, a tree of no
** type (dend_0). asc_branches_tab.asc is the same with a tab ending a line: NEURON 8.2.2
** stops with a parse error there, this reader reads it as the tab-less file.
*/
static const char *const asc_stack_want[] = {
    "soma[0] - 0 3 4.2040504587998928 16.894246578216553 15.806907176971436 6 31.172014236450195",
    "soma[1] - 0 21 9.8000030517578125 2238.599967956543 2207.0999984741211 0 209.94999980926514",
    "axon[0] soma[1] 0.5 2 10 610 600 0 2",
    "dend[0] soma[0] 0.5 3 25.04987562112089 15 55 1 6",
    "dend[1] dend[0] 1 2 11.180339887498949 15 70 2 3",
    "dend[2] dend[0] 1 3 22.405312047820772 0 120 4 4.5",
    "dend[3] dend[2] 1 3 20 -15 180 6 3",
    "dend[4] dend[2] 1 3 22.405312047820772 -30 180 7 3",
    "dend[5] soma[0] 0.5 3 36 18 -44 0 3",
    "dend[6] soma[0] 0.5 2 44 8 -36 0 2",
    "apic[0] soma[1] 0.5 3 35 315 375 0 6",
    NULL};
static const char *const asc_branches_want[] = {
    "dend_0[0] soma[0] 0.5 4 64 16 -146 0 4",
    "soma[0] - 0 21 13.552680910507332 125.30159437656403 120.76581317186356 0 191.17526042461395",
    "dend[0] soma[0] 0.5 3 25.04987562112089 15 55 1 6",
    "dend[1] dend[0] 1 5 16.757595677198225 40 178 5 6",
    "dend[2] dend[0] 1 3 22.405312047820772 0 120 4 4.5",
    "dend[3] dend[2] 1 2 20 -10 120 4 2",
    "dend[4] dend[2] 1 2 22.383029285599392 -20 120 5 2",
    "dend[5] dend[2] 1 3 4 -7 150 6 3",
    NULL};

static void check_asc(const char *file, const char *const *want, const char *note_has)
{
    char rel[256], note[512], line[1024];
    snprintf(rel, sizeof rel, "tests/morph/%s", file);
    nrn_model *m = nrn_model_new();
    if (nrn_load_asc(m, test_path(rel), NULL, NULL, NULL, note, sizeof note))
        fail_msg("%s: %s", file, nrn_errmsg(m));
    int n = 0;
    while (want[n])
        n++;
    assert_int_equal(nrn_section_count(m), n);
    for (int i = 0; i < n; i++) {
        int p;
        double px, ce, s[4] = {0, 0, 0, 0}, q[4], L;
        nrn_section_parent(m, i, &p, &px, &ce);
        for (int k = 0; k < nrn_n3d(m, i); k++) {
            nrn_pt3d_get(m, i, k, q, NULL);
            for (int c = 0; c < 4; c++)
                s[c] += q[c];
        }
        nrn_section_get(m, i, NRN_SEC_L, &L);
        snprintf(line, sizeof line, "%s %s %.17g %d %.17g %.17g %.17g %.17g %.17g",
                 nrn_section_name(m, i), p < 0 ? "-" : nrn_section_name(m, p), p < 0 ? 0.0 : px,
                 nrn_n3d(m, i), L, s[0], s[1], s[2], s[3]);
        if (strcmp(line, want[i]))
            fail_msg("%s: section %d\n got: %s\nwant: %s", file, i, line, want[i]);
    }
    if (note_has && !strstr(note, note_has))
        fail_msg("%s: note \"%s\" lacks \"%s\"", file, note, note_has);
    nrn_model_free(&m);
}

static void test_asc_features(void **state)
{
    (void)state;
    check_asc("asc_soma_stack.asc", asc_stack_want, "1 stack of contours");
    check_asc("asc_soma_stack.asc", asc_stack_want, "connected to the nearest soma centre");
    check_asc("asc_soma_stack.asc", asc_stack_want, "1 spine ignored");
    check_asc("asc_branches.asc", asc_branches_want, "soma: 1 contour");
    check_asc("asc_branches_tab.asc", asc_branches_want, "line 10 ends in white space");
    /* prefixes and name clashes go through the shared instantiate */
    nrn_model *m = nrn_model_new();
    char path[4096];
    snprintf(path, sizeof path, "%s", test_path("tests/morph/asc_branches.asc"));
    int first, count;
    assert_int_equal(nrn_load_asc(m, path, "a.", &first, &count, NULL, 0), NRN_OK);
    assert_int_equal(first, 0), assert_int_equal(count, 8);
    assert_int_equal(nrn_load_asc(m, path, "b.", &first, &count, NULL, 0), NRN_OK);
    assert_int_equal(first, 8);
    assert_string_equal(nrn_section_name(m, 8), "b.dend_0[0]");
    assert_int_equal(nrn_load_asc(m, path, "a.", &first, &count, NULL, 0), NRN_EEXIST);
    assert_int_equal(nrn_section_count(m), 16);
    assert_int_equal(nrn_load_asc(m, "/nonexistent/x.asc", NULL, NULL, NULL, NULL, 0), NRN_EIO);
    nrn_model_free(&m);
}

/* ---- malformed files: one message "FILE:LINE: ...", NRN_EFORMAT, model unchanged ---- */

static const struct {
    const char *file, *msg;
} bad_files[] = {
    {"empty.swc", "1: no samples (id type x y z radius parent) in the file"},
    {"header_only.swc", "2: no samples (id type x y z radius parent) in the file"},
    {"missing_field.swc", "2: expected 7 numbers (id type x y z radius parent), found 6"},
    {"text_in_number.swc", "2: y is not a number: \"abc\""},
    {"glued_text.swc", "2: x is not a number: \"10x\""},
    {"garbage_line.swc", "2: id is not a number: \"soma\""},
    {"nan_coordinate.swc", "2: x is not a finite number: \"nan\""},
    {"huge_radius.swc", "2: radius is not a finite number: \"1e999\""},
    {"noninteger_id.swc", "2: id must be an integer: \"2.5\""},
    {"negative_id.swc", "2: id -2 is negative"},
    {"zero_radius.swc", "3: sample 3 has radius 0 (must be > 0)"},
    {"negative_radius.swc", "2: sample 2 has radius -1 (must be > 0)"},
    {"duplicate_id.swc", "4: duplicate id 2 (also at line 2)"},
    {"missing_parent.swc", "3: parent 7 of sample 3 does not exist"},
    {"self_parent.swc", "2: sample 2 is its own parent"},
    {"loop.swc", "3: sample 3 is not connected to the root: its parent links form a loop"},
    {"no_root.swc", "1: no root sample (parent -1): parent links loop"},
    {"two_trees.swc", "3: a second root (parent -1): the file holds several trees (first root at "
                      "line 1); import them from separate files"},
    {"nul_byte.swc", "3: NUL byte in the line (binary file?)"},
    {"extra_field.swc", "2: 9 fields, expected 7 (id type x y z radius parent): extra columns "
                        "are not read; remove them"},
    {"type_out_of_range.swc", "2: type is out of range (at most 2000000000 in magnitude): "
                              "\"-3e9\""},
    {"radius_beyond_float.swc", "1: sample 1 has radius 2e+38 (a diameter beyond 3.40282e+38)"},
    {"sphere_beyond_float.swc", "1: sample 1 at x = 3.4e+38 with radius 1e+38 reaches beyond "
                                "3.40282e+38"},
    /* Neurolucida */
    {"empty.asc", "1: no data (empty file or only comments)"},
    {"comments_only.asc", "3: no data (empty file or only comments)"},
    {"unclosed.asc", "7: expected ')', found the end of the file (unbalanced parentheses?)"},
    {"extra_paren.asc", "8: expected '(' or the end of the file, found ')' (unbalanced "
                        "parentheses)"},
    {"unclosed_marker.asc", "10: the end of the file inside the marker list opened at line 8 "
                            "(unbalanced parentheses)"},
    {"text_in_number.asc", "7: expected a number, found \"abc\""},
    {"bad_char.asc", "6: unexpected character '{'"},
    {"unclosed_string.asc", "2: no closing '\"' in string"},
    {"nan.asc", "7: y is not a finite number"},
    {"diameter_beyond_float.asc", "1: diameter 1e+39 is beyond what a 3-D point holds "
                                  "(3.40282e+38)"},
    /* below the bound, but "%.8g" rounds it up */
    {"point_rounds_beyond_float.asc", "1: a 3-D point beyond 3.40282e+38 (what a float holds)"},
    {"no_sections.asc", "4: no sections: neither a CellBody contour nor a tree in the file"},
};

static void test_bad_files(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof bad_files / sizeof bad_files[0]; k++) {
        char rel[256], want[4400];
        snprintf(rel, sizeof rel, "tests/morph/bad/%s", bad_files[k].file);
        const char *path = test_path(rel);
        snprintf(want, sizeof want, "%s:%s", path, bad_files[k].msg);
        nrn_model *m = nrn_model_new();
        int pre;
        assert_int_equal(nrn_section_new(m, "pre", &pre), NRN_OK);
        int first = -7, count = -7;
        char note[256] = "x";
        int rc = load(m, path, NULL, &first, &count, note, sizeof note);
        if (rc != NRN_EFORMAT)
            fail_msg("%s: status %s (%s)", bad_files[k].file, nrn_status_name(rc), nrn_errmsg(m));
        if (strcmp(nrn_errmsg(m), want))
            fail_msg("%s:\n got: %s\nwant: %s", bad_files[k].file, nrn_errmsg(m), want);
        assert_int_equal(nrn_section_count(m), 1);
        assert_int_equal(first, -7);
        assert_int_equal(count, -7);
        assert_string_equal(note, "");
        nrn_model_free(&m);
    }
}

/* Files NEURON gets wrong or fails on, from ../shared when present. */
static void test_neuron_failures(void **state)
{
    (void)state;
    static const struct {
        const char *file, *msg;
    } t[] = {
        /* FlyWire (nm, parents after children): its zero-radius samples stop it */
        {"720575940661214849.swc", "82: sample 75 has radius 0 (must be > 0)"},
        /* NEURON silently hangs the stray root on the soma */
        {"disconnected_neurite.swc", "10: a second root (parent -1): the file holds several "
                                     "trees (first root at line 1); import them from separate "
                                     "files"},
    };
    for (size_t k = 0; k < sizeof t / sizeof t[0]; k++) {
        const char *path = morph_path(t[k].file);
        if (!path) {
            print_message("  (skipped %s: not found)\n", t[k].file);
            continue;
        }
        char want[4096];
        snprintf(want, sizeof want, "%s:%s", path, t[k].msg);
        nrn_model *m = nrn_model_new();
        assert_int_equal(nrn_load_swc(m, path, NULL, NULL, NULL, NULL, 0), NRN_EFORMAT);
        assert_string_equal(nrn_errmsg(m), want);
        assert_int_equal(nrn_section_count(m), 0);
        nrn_model_free(&m);
    }
    nrn_model *m = nrn_model_new();
    assert_int_equal(nrn_load_swc(m, "/nonexistent/x.swc", NULL, NULL, NULL, NULL, 0), NRN_EIO);
    assert_string_equal(nrn_errmsg(m), "/nonexistent/x.swc: cannot read: No such file or directory");
    nrn_model_free(&m);
}

/* Sections a and b of two models have the same name, parent and 3-D points (to rtol). */
static void same_cell(nrn_model *a, nrn_model *b, double rtol)
{
    assert_int_equal(nrn_section_count(a), nrn_section_count(b));
    for (int i = 0; i < nrn_section_count(a); i++) {
        assert_string_equal(nrn_section_name(a, i), nrn_section_name(b, i));
        int pa, pb;
        double xa, xb, ca, cb;
        nrn_section_parent(a, i, &pa, &xa, &ca);
        nrn_section_parent(b, i, &pb, &xb, &cb);
        assert_int_equal(pa, pb);
        assert_true(xa == xb);
        assert_int_equal(nrn_n3d(a, i), nrn_n3d(b, i));
        for (int k = 0; k < nrn_n3d(a, i); k++) {
            double pa4[4], pb4[4];
            nrn_pt3d_get(a, i, k, pa4, NULL);
            nrn_pt3d_get(b, i, k, pb4, NULL);
            for (int c = 0; c < 4; c++)
                assert_close(pa4[c], pb4[c], rtol, 0);
        }
    }
}

/* Out-of-order lines are sorted; parents after children, nm units and navis labels. */
static void test_repaired_files(void **state)
{
    (void)state;
    nrn_model *ref = nrn_model_new(), *m = nrn_model_new();
    char note[512];
    assert_int_equal(nrn_load_swc(ref, test_path("tests/morph/ball_and_stick.swc"), NULL, NULL,
                                  NULL, NULL, 0), NRN_OK);
    assert_int_equal(nrn_load_swc(m, test_path("tests/morph/unsorted_ball_and_stick.swc"), NULL,
                                  NULL, NULL, note, sizeof note), NRN_OK);
    assert_non_null(strstr(note, "lines sorted by id"));
    same_cell(ref, m, 0);
    nrn_model_free(&ref), nrn_model_free(&m);

    ref = nrn_model_new(), m = nrn_model_new();
    assert_int_equal(nrn_load_swc(ref, test_path("tests/morph/ball_and_stick_type0.swc"), NULL,
                                  NULL, NULL, NULL, 0), NRN_OK);
    assert_int_equal(nrn_load_swc(m, test_path("tests/morph/reversed_nm.swc"), NULL, NULL, NULL,
                                  note, sizeof note), NRN_OK);
    assert_non_null(strstr(note, "samples reordered parents first"));
    assert_non_null(strstr(note, "units: nanometres (header line 3)"));
    assert_non_null(strstr(note, "fork/end point labels"));
    assert_non_null(strstr(note, "soma: single point"));
    same_cell(ref, m, 1e-7);
    nrn_model_free(&ref), nrn_model_free(&m);
}

/* Prefixes make several cells; a name clash fails and leaves the model unchanged. */
static void test_prefix_and_clash(void **state)
{
    (void)state;
    nrn_model *m = nrn_model_new();
    const char *bs = test_path("tests/morph/ball_and_stick.swc");
    char path[4096];
    snprintf(path, sizeof path, "%s", bs);
    int first, count;
    char note[256];
    assert_int_equal(nrn_load_swc(m, path, "c1.", &first, &count, note, sizeof note), NRN_OK);
    assert_int_equal(first, 0), assert_int_equal(count, 2);
    assert_int_equal(nrn_load_swc(m, path, "c2.", &first, &count, NULL, 0), NRN_OK);
    assert_int_equal(first, 2), assert_int_equal(count, 2);
    assert_string_equal(nrn_section_name(m, 2), "c2.soma[0]");
    assert_string_equal(nrn_section_name(m, 3), "c2.dend[0]");
    int roots[4];
    assert_int_equal(nrn_roots(m, roots, 4), 2);
    assert_int_equal(nrn_load_swc(m, path, "c1.", &first, &count, NULL, 0), NRN_EEXIST);
    assert_int_equal(nrn_section_count(m), 4);
    assert_int_equal(nrn_load_swc(m, path, "bad prefix", NULL, NULL, NULL, 0), NRN_EINVAL);
    assert_int_equal(nrn_section_count(m), 4);
    /* the note is cut to notesize */
    char small[8];
    assert_int_equal(nrn_load_swc(m, path, "c3.", NULL, NULL, small, sizeof small), NRN_OK);
    assert_int_equal(strlen(small), 7);
    nrn_model_free(&m);
}

/* d_lambda without 3-D points, on a subset, and its errors. */
static void test_geom_nseg(void **state)
{
    (void)state;
    nrn_model *m = nrn_model_new();
    int a, b, total;
    assert_int_equal(nrn_section_new(m, "a", &a), NRN_OK);
    assert_int_equal(nrn_section_new(m, "b", &b), NRN_OK);
    nrn_section_set(m, a, NRN_SEC_L, 1000), nrn_section_set(m, a, NRN_SEC_DIAM, 2);
    nrn_section_set(m, a, NRN_SEC_RA, 100);
    /* lambda_f(100) = 1e5*sqrt(2/(4*PI*100*100*1)) = 398.9 um: 1000/39.89 = 25.07 */
    double lf = 1e5 * sqrt(2 / (4 * 3.14159265358979323846 * 100 * 100 * 1));
    int want = (int)((1000 / (0.1 * lf) + .999) / 2) * 2 + 1;
    assert_int_equal(nrn_geom_nseg(m, &a, 1, 100, 0.1, &total), NRN_OK);
    assert_int_equal(total, want);
    assert_int_equal(want, 27); /* 25.07 + .999 -> 26.07/2 -> 13 -> 27 (CellBuilder rounding) */
    double ns;
    nrn_section_get(m, b, NRN_SEC_NSEG, &ns);
    assert_true(ns == 1); /* b not in the list */
    assert_int_equal(nrn_geom_nseg(m, NULL, 0, 0, 0.1, &total), NRN_EINVAL);
    assert_int_equal(nrn_geom_nseg(m, NULL, 0, 100, -1, &total), NRN_EINVAL);
    int bogus = 99;
    assert_true(nrn_geom_nseg(m, &bogus, 1, 100, 0.1, &total) != NRN_OK);
    /* a zero diameter 3-D point (not the last) is lambda_f's error; nothing changes */
    int c;
    assert_int_equal(nrn_section_new(m, "c", &c), NRN_OK);
    nrn_pt3dadd(m, c, 0, 0, 0, 1), nrn_pt3dadd(m, c, 10, 0, 0, 0), nrn_pt3dadd(m, c, 20, 0, 0, 1);
    nrn_section_set(m, a, NRN_SEC_NSEG, 1);
    assert_int_equal(nrn_geom_nseg(m, NULL, 0, 100, 0.1, &total), NRN_EINVAL);
    assert_string_equal(nrn_errmsg(m), "lambda_f: 0 diameter for 3-D point 1 of c");
    nrn_section_get(m, a, NRN_SEC_NSEG, &ns);
    assert_true(ns == 1);
    nrn_model_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ball_and_stick), cmocka_unit_test(test_c91662),
        cmocka_unit_test(test_pyramidal),      cmocka_unit_test(test_purkinje_cng),
        cmocka_unit_test(test_purkinje),       cmocka_unit_test(test_allen),
        cmocka_unit_test(test_pvalb),          cmocka_unit_test(test_all_types),
        cmocka_unit_test(test_cell1_asc),      cmocka_unit_test(test_asc_features),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_neuron_failures), cmocka_unit_test(test_repaired_files),
        cmocka_unit_test(test_prefix_and_clash), cmocka_unit_test(test_geom_nseg),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    printf("morph: %d files match NEURON, worst |dv| %.3g mV\n", nmatched, worst_dv);
    return rc;
}
