/*
** test_events.c: the event system against NEURON 8.2.2 (tests/golden) and its own
** contracts: spike times to the last digit, SaveState round trips bit for bit, the
** random streams' independence of creation order, and the error paths.
*/
#include "golden.h"

/* ballstick_netstim.py: ExpSyn on the dendrite driven by a NetStim. */
static void test_ballstick_netstim(void **state)
{
    (void)state;
    nrn_model *m = nrn_model_new();
    int soma = sec(m, "soma", 12.6157, 12.6157, 1), dend = sec(m, "dend", 200, 1, 9);
    nrn_insert(m, soma, "hh");
    nrn_insert(m, dend, "pas");
    set(m, "dend.g_pas", 0.001);
    set(m, "dend.e_pas", -65);
    nrn_connect(m, dend, 0, soma, 1);
    set(m, "soma.Ra", 100);
    set(m, "dend.Ra", 100);
    int ns, syn, vec;
    assert_int_equal(nrn_pp_new(m, "NetStim", "ns", -1, 0, &ns), NRN_OK);
    set(m, "ns.start", 5), set(m, "ns.interval", 8), set(m, "ns.number", 5), set(m, "ns.noise", 0);
    assert_int_equal(nrn_pp_new(m, "ExpSyn", "syn", dend, 0.5, &syn), NRN_OK);
    set(m, "syn.tau", 2), set(m, "syn.e", 0);
    assert_int_equal(nrn_netcon_new(m, "nc", NULL, ns, syn, NULL), NRN_OK);
    set(m, "nc.delay", 1), set(m, "nc.weight", 0.04);
    nrn_ref r;
    nrn_ref_lookup(m, "soma(0.5).v", &r);
    int det;
    assert_int_equal(nrn_netcon_new(m, "det", &r, -1, -1, &det), NRN_OK);
    nrn_vector_set(m, "spk_at soma(0.5), threshold 10", NULL, 0, &vec);
    nrn_netcon_record(m, det, vec);
    check(m, "ballstick_netstim", 50);
}

/* Spec 9.8 exactly (also tests/golden/events_spec98 when present). */
static void test_spec98(void **state)
{
    (void)state;
    nrn_model *m = nrn_model_new();
    int a = sec(m, "a", 20, 20, 1), b = sec(m, "b", 20, 20, 1);
    nrn_insert(m, a, "hh");
    iclamp(m, "ic", "a", 0.5, 1, 1, 0.5);
    nrn_insert(m, b, "pas");
    set(m, "b.g_pas", 0.0005), set(m, "b.e_pas", -65);
    int s1, s2, ns;
    nrn_pp_new(m, "ExpSyn", "syn1", b, 0.5, &s1);
    set(m, "syn1.tau", 2), set(m, "syn1.e", 0);
    nrn_pp_new(m, "ExpSyn", "syn2", b, 0.5, &s2);
    set(m, "syn2.tau", 3), set(m, "syn2.e", -80);
    nrn_ref r;
    nrn_ref_lookup(m, "a(0.5).v", &r);
    assert_int_equal(nrn_netcon_new(m, "nc1", &r, -1, s1, NULL), NRN_OK);
    set(m, "nc1.threshold", 10), set(m, "nc1.delay", 1.3), set(m, "nc1.weight", 0.01);
    nrn_pp_new(m, "NetStim", "ns", -1, 0, &ns);
    set(m, "ns.start", 0.5), set(m, "ns.interval", 1.7), set(m, "ns.number", 3);
    assert_int_equal(nrn_netcon_new(m, "nc2", NULL, ns, s2, NULL), NRN_OK);
    set(m, "nc2.delay", 0.4), set(m, "nc2.weight", 0.005);
    record_spikes(m, "nc1");
    record_spikes(m, "nc2");
    FILE *f = fopen(test_path("tests/golden/events_spec98.csv"), "r");
    if (f) {
        fclose(f);
        check(m, "events_spec98", 8);
        return;
    }
    nrn_ref_lookup(m, "syn1.g", &r);
    nrn_record_add(m, &r, NULL);
    assert_int_equal(nrn_finitialize(m, -65), NRN_OK);
    assert_int_equal(nrn_continuerun(m, 8), NRN_OK);
    size_t n;
    const double *s = nrn_vector_data(m, nrn_vector_find(m, "spk_nc1"), &n);
    assert_int_equal(n, 1);
    assert_close(s[0], 1.9250000000999952, 0, 0);
    s = nrn_vector_data(m, nrn_vector_find(m, "spk_nc2"), &n);
    assert_int_equal(n, 3);
    assert_close(s[0], 0.5000000000000002, 0, 0);
    assert_close(s[2], 3.9000000000000004, 0, 0);
    assert_close(nrn_record_data(m, 0)[130], 0.009875778004938815, 0, 0);
    nrn_model_free(&m);
}

/* A cell above threshold at t = 0 spikes at 1e-10; NetStim with start 0 fires at 0. */
static void test_threshold_at_zero(void **state)
{
    (void)state;
    nrn_model *m = nrn_model_new();
    int s = sec(m, "s", 10, 10, 1), ns;
    nrn_insert(m, s, "pas");
    nrn_ref r;
    nrn_ref_lookup(m, "s(0.5).v", &r);
    nrn_netcon_new(m, "det", &r, -1, -1, NULL);
    record_spikes(m, "det");
    nrn_pp_new(m, "NetStim", "ns", -1, 0, &ns);
    set(m, "ns.start", 0), set(m, "ns.interval", 0.3), set(m, "ns.number", 2);
    nrn_netcon_new(m, "nsd", NULL, ns, -1, NULL);
    record_spikes(m, "nsd");
    nrn_finitialize(m, 20);
    nrn_continuerun(m, 1);
    size_t n;
    const double *d = nrn_vector_data(m, nrn_vector_find(m, "spk_det"), &n);
    assert_int_equal(n, 1);
    assert_close(d[0], 1e-10, 0, 0);
    d = nrn_vector_data(m, nrn_vector_find(m, "spk_nsd"), &n);
    assert_int_equal(n, 2);
    assert_close(d[0], 0, 0, 0);
    assert_close(d[1], 0.3, 0, 0);
    nrn_model_free(&m);
}

/* A model with every kind of dynamic state: hh, ExpSyn, NetStim with noise, IntFire4. */
static nrn_model *busy_model(void)
{
    nrn_model *m = nrn_model_new();
    int s = sec(m, "soma", 20, 20, 1), syn, ns, f4;
    nrn_insert(m, s, "hh");
    nrn_pp_new(m, "ExpSyn", "syn", s, 0.5, &syn);
    set(m, "syn.tau", 2);
    nrn_pp_new(m, "NetStim", "ns", -1, 0, &ns);
    set(m, "ns.start", 1), set(m, "ns.interval", 2), set(m, "ns.number", 100);
    set(m, "ns.noise", 0.5);
    nrn_netcon_new(m, "nc", NULL, ns, syn, NULL);
    set(m, "nc.weight", 0.01);
    nrn_pp_new(m, "IntFire4", "f4", -1, 0, &f4);
    nrn_netcon_new(m, "nc4", NULL, ns, f4, NULL);
    set(m, "nc4.weight", 0.4);
    nrn_ref r;
    nrn_ref_lookup(m, "soma(0.5).v", &r);
    nrn_record_add(m, &r, NULL);
    nrn_netcon_new(m, "spk4", NULL, f4, -1, NULL);
    record_spikes(m, "spk4");
    return m;
}

/* SaveState: save at 10 ms, run to 30; restore, run to 30 again: identical bits. Also
** through a file, and a damaged or foreign file is refused. */
static void test_savestate_round_trip(void **state)
{
    (void)state;
    nrn_model *m = busy_model();
    nrn_finitialize(m, -65);
    nrn_continuerun(m, 10);
    nrn_state *st = nrn_state_save(m);
    assert_non_null(st);
    size_t k0 = nrn_record_len(m, 0);
    nrn_continuerun(m, 30);
    size_t n1 = nrn_record_len(m, 0);
    double *straight = malloc(sizeof(double) * n1);
    memcpy(straight, nrn_record_data(m, 0), sizeof(double) * n1);
    size_t ns1;
    nrn_vector_data(m, nrn_vector_find(m, "spk_spk4"), &ns1);
    assert_int_equal(nrn_state_restore(m, st), NRN_OK);
    assert_close(nrn_time(m), 9.999999999999966, 0, 0);
    const char *path = "/tmp/nrn_test_state.bin";
    assert_int_equal(nrn_state_write(m, st, path), NRN_OK);
    nrn_state_free(&st);
    nrn_continuerun(m, 30);
    const double *again = nrn_record_data(m, 0);
    assert_int_equal(nrn_record_len(m, 0) - n1, n1 - k0);
    for (size_t k = k0; k < n1; k++)
        if (again[n1 + (k - k0)] != straight[k])
            fail_msg("sample %zu differs after restore: %.17g vs %.17g", k, again[n1 + k - k0],
                     straight[k]);
    /* through the file */
    nrn_state *st2;
    assert_int_equal(nrn_state_read(m, path, &st2), NRN_OK);
    assert_int_equal(nrn_state_restore(m, st2), NRN_OK);
    nrn_state_free(&st2);
    assert_close(nrn_time(m), 9.999999999999966, 0, 0);
    /* damage one byte */
    FILE *f = fopen(path, "r+b");
    fseek(f, 40, SEEK_SET);
    fputc(0x55, f);
    fclose(f);
    assert_int_equal(nrn_state_read(m, path, &st2), NRN_EFORMAT);
    assert_non_null(strstr(nrn_errmsg(m), "checksum"));
    nrn_model_free(&m);
    /* a file from another model */
    m = busy_model();
    nrn_finitialize(m, -65);
    st = nrn_state_save(m);
    nrn_state_write(m, st, path);
    nrn_state_free(&st);
    nrn_model_free(&m);
    m = nrn_model_new();
    sec(m, "other", 10, 10, 3);
    assert_int_equal(nrn_state_read(m, path, &st2), NRN_EINVAL);
    assert_non_null(strstr(nrn_errmsg(m), "another structure"));
    f = fopen(path, "w");
    fputs("hello", f);
    fclose(f);
    assert_int_equal(nrn_state_read(m, path, &st2), NRN_EFORMAT);
    remove(path);
    free(straight);
    nrn_model_free(&m);
}

/* Noisy NetStim: same seed, same spikes, whatever else exists; another seed differs. */
static void test_random_streams(void **state)
{
    (void)state;
    double first[3][8];
    size_t counts[3];
    for (int run = 0; run < 3; run++) {
        nrn_model *m = nrn_model_new();
        if (run == 1) /* an extra object created first must not shift the stream */
            nrn_pp_new(m, "NetStim", "other", -1, 0, NULL);
        int ns;
        nrn_pp_new(m, "NetStim", "ns", -1, 0, &ns);
        set(m, "ns.start", 1), set(m, "ns.interval", 5), set(m, "ns.number", 6);
        set(m, "ns.noise", 0.5);
        if (run == 2)
            set(m, "seed", 7);
        nrn_netcon_new(m, "d", NULL, ns, -1, NULL);
        record_spikes(m, "d");
        nrn_finitialize(m, -65);
        nrn_continuerun(m, 100);
        const double *d = nrn_vector_data(m, nrn_vector_find(m, "spk_d"), &counts[run]);
        memcpy(first[run], d, sizeof(double) * (counts[run] < 8 ? counts[run] : 8));
        nrn_model_free(&m);
    }
    assert_int_equal(counts[0], 6);
    assert_int_equal(counts[1], 6);
    assert_memory_equal(first[0], first[1], sizeof(double) * 6);
    assert_true(memcmp(first[0], first[2], sizeof(double) * 6) != 0);
}

static void test_netcon_errors(void **state)
{
    (void)state;
    nrn_model *m = nrn_model_new();
    int s = sec(m, "s", 10, 10, 1), ic, ns;
    nrn_pp_new(m, "IClamp", "ic", s, 0.5, &ic);
    nrn_pp_new(m, "NetStim", "ns", -1, 0, &ns);
    assert_int_equal(nrn_netcon_new(m, "nc", NULL, ns, ic, NULL), NRN_EINVAL);
    assert_non_null(strstr(nrn_errmsg(m), "does not receive events"));
    assert_int_equal(nrn_netcon_new(m, "nc", NULL, -1, -1, NULL), NRN_EINVAL);
    assert_int_equal(nrn_netcon_new(m, "ns", NULL, ns, -1, NULL), NRN_EEXIST);
    int nc;
    assert_int_equal(nrn_netcon_new(m, "nc", NULL, ns, -1, &nc), NRN_OK);
    assert_int_equal(nrn_set(m, "nc.delay", -1), NRN_EINVAL);
    assert_int_equal(nrn_set(m, "nc.weight[3]", 1), NRN_EINVAL);
    assert_int_equal(nrn_set(m, "nc.weight[0]", 2), NRN_OK);
    double w;
    assert_int_equal(nrn_get(m, "nc.weight", &w), NRN_OK);
    assert_close(w, 2, 0, 0);
    assert_int_equal(nrn_get(m, "nc.wieght", &w), NRN_ENOTFOUND);
    assert_int_equal(nrn_pp_move(m, ns, s, 0.5), NRN_EINVAL);
    assert_int_equal(nrn_netcon_delete(m, nc), NRN_OK);
    assert_int_equal(nrn_netcon_find(m, "nc"), -1);
    nrn_model_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ballstick_netstim), cmocka_unit_test(test_spec98),
        cmocka_unit_test(test_threshold_at_zero), cmocka_unit_test(test_savestate_round_trip),
        cmocka_unit_test(test_random_streams),    cmocka_unit_test(test_netcon_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
