/*
** test_modelcsv.c: the model CSV round trip: model -> CSV -> new model gives the same
** simulation to the last bit (branched cell with 3-D points, reversed children, several
** mechanisms, per-segment values, point processes), and malformed files are refused with
** FILE:LINE messages.
*/
#include "golden.h"

static nrn_model *rich_model(void)
{
    nrn_model *m = nrn_model_new();
    int soma = sec(m, "soma", 20, 20, 3), d0 = sec(m, "d0", 100, 2, 3), d1 = sec(m, "d1", 150, 1.5, 5);
    int d2 = sec(m, "cell.d2", 200, 1, 4), tp, rev = sec(m, "rev", 50, 1, 3);
    nrn_insert(m, soma, "hh");
    nrn_insert(m, d0, "pas");
    nrn_insert(m, d1, "pas");
    nrn_insert(m, d2, "hh");
    nrn_insert(m, d2, "pas");
    nrn_connect(m, d1, 0, soma, 0.3);
    nrn_connect(m, d0, 0, soma, 0);
    nrn_connect(m, d2, 0, soma, 1);
    nrn_connect(m, rev, 1, soma, 0.3); /* same position as d1, later: before it */
    nrn_section_new(m, "tp", &tp);
    nrn_pt3dadd(m, tp, 0, 0, 0, 3);
    nrn_pt3dadd(m, tp, 20.1, 5, 0, 2);
    nrn_pt3dadd(m, tp, 50, 10.3, 5, 1);
    set(m, "tp.nseg", 7);
    nrn_insert(m, tp, "hh");
    nrn_connect(m, tp, 0, d2, 1);
    set(m, "tp.Ra", 120);
    set(m, "d0.g_pas", 0.0002);
    set(m, "d0(0.1).g_pas", 0.0003); /* per-segment difference */
    set(m, "soma(0.9).gnabar_hh", 0.2);
    set(m, "cell.d2.cm", 2);
    set(m, "celsius", 16.3);
    iclamp(m, "ic", "soma", 0.5, 1, 0.5, 0.8);
    int syn, ns;
    nrn_pp_new(m, "ExpSyn", "syn", d0, 0.5, &syn);
    set(m, "syn.tau", 3);
    nrn_pp_new(m, "NetStim", "ns", -1, 0, &ns);
    set(m, "ns.start", 2);
    return m;
}

/* Runs m for 10 ms recording v at a few places; returns the samples (caller frees). */
static double *run_v(nrn_model *m, size_t *n)
{
    const char *paths[] = { "soma(0.5).v", "d0(0.1).v", "cell.d2(1).v", "tp(0.5).v", "rev(0.5).v" };
    for (int k = 0; k < 5; k++) {
        nrn_ref r;
        if (nrn_ref_lookup(m, paths[k], &r))
            fail_msg("%s: %s", paths[k], nrn_errmsg(m));
        nrn_record_add(m, &r, NULL);
    }
    assert_int_equal(nrn_finitialize(m, -65), NRN_OK);
    assert_int_equal(nrn_continuerun(m, 10), NRN_OK);
    size_t len = nrn_record_len(m, 0);
    double *out = malloc(sizeof(double) * len * 5);
    for (int k = 0; k < 5; k++)
        memcpy(out + k * len, nrn_record_data(m, k), sizeof(double) * len);
    *n = len * 5;
    return out;
}

static void test_round_trip(void **state)
{
    (void)state;
    const char *path = "/tmp/nrn_test_model.csv";
    nrn_model *a = rich_model();
    assert_int_equal(nrn_model_save_csv(a, path), NRN_OK);
    char *topo_a = nrn_topology(a);
    size_t na, nb;
    double *va = run_v(a, &na);
    nrn_model *b = nrn_model_new();
    if (nrn_model_load_csv(b, path))
        fail_msg("load: %s", nrn_errmsg(b));
    char *topo_b = nrn_topology(b);
    assert_string_equal(topo_a, topo_b);
    double *vb = run_v(b, &nb);
    assert_int_equal(na, nb);
    assert_memory_equal(va, vb, sizeof(double) * na);
    /* and once more through b: the file is stable */
    const char *path2 = "/tmp/nrn_test_model2.csv";
    assert_int_equal(nrn_model_save_csv(b, path2), NRN_OK);
    FILE *f1 = fopen(path, "r"), *f2 = fopen(path2, "r");
    int c1, c2;
    do {
        c1 = fgetc(f1), c2 = fgetc(f2);
    } while (c1 == c2 && c1 != EOF);
    assert_int_equal(c1, c2);
    fclose(f1), fclose(f2);
    remove(path), remove(path2);
    free(va), free(vb), free(topo_a), free(topo_b);
    nrn_model_free(&a);
    nrn_model_free(&b);
}

/* Writes text to a file and loads it; returns the status, message in m. */
static int load_text(nrn_model *m, const char *text)
{
    const char *path = "/tmp/nrn_test_bad.csv";
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
    int rc = nrn_model_load_csv(m, path);
    remove(path);
    return rc;
}

static void test_bad_files(void **state)
{
    (void)state;
    static const struct { const char *text, *msg; } cases[] = {
        { "", "empty model CSV" },
        { "a,b,c\n", ":1: not a model CSV" },
        { "kind,section,index,object,name,value,x,y,z,diam\nsection,s,,,,,,,\n", ":2: 9 fields" },
        { "kind,section,index,object,name,value,x,y,z,diam\nprop,s,,,L,10,,,,\n",
          ":2: no section named \"s\"" },
        { "kind,section,index,object,name,value,x,y,z,diam\nsection,s,,,,,,,,\nprop,s,,,L,ten,,,,\n",
          ":3: value \"ten\" is not a number" },
        { "kind,section,index,object,name,value,x,y,z,diam\nsection,s,,,,,,,,\ninsert,s,,,hhh,,,,,\n",
          ":3: unknown mechanism \"hhh\"" },
        { "kind,section,index,object,name,value,x,y,z,diam\nbogus,s,,,,,,,,\n",
          ":2: unknown row kind \"bogus\"" },
        { "kind,section,index,object,name,value,x,y,z,diam\nsection,s,,,,,,,,\nprop,s,,,nseg,-1,,,,\n",
          ":3: nseg must be" },
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        nrn_model *m = nrn_model_new();
        assert_int_not_equal(load_text(m, cases[k].text), NRN_OK);
        if (!strstr(nrn_errmsg(m), cases[k].msg))
            fail_msg("case %zu: \"%s\" lacks \"%s\"", k, nrn_errmsg(m), cases[k].msg);
        nrn_model_free(&m);
    }
    nrn_model *m = nrn_model_new();
    assert_int_equal(nrn_model_load_csv(m, "/nonexistent/x.csv"), NRN_EIO);
    nrn_model_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_bad_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
