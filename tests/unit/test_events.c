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

/* The spike callback of test_threshold_changes: at the first spike of c3, c5's detector stops
** hearing (threshold out of reach) and c7's is deleted. */
static void raise_threshold(void *ud, nrn_model *m, const char *source, double t)
{
    (void)t;
    int *done = ud;
    if (*done || strcmp(source, "c3(0.5).v") != 0)
        return;
    *done = 1;
    assert_int_equal(nrn_netcon_set(m, nrn_netcon_find(m, "d5"), NRN_NC_THRESHOLD, 1000), NRN_OK);
    assert_int_equal(nrn_netcon_delete(m, nrn_netcon_find(m, "d7")), NRN_OK);
}

/* The spike count of detector k's vector, and its last spike time in *last. */
static size_t spikes_of(nrn_model *m, int k, double *last)
{
    char name[32];
    snprintf(name, sizeof name, "spk_d%d", k);
    size_t n;
    const double *d = nrn_vector_data(m, nrn_vector_find(m, name), &n);
    *last = n ? d[n - 1] : -1;
    return n;
}

/* The step's threshold check works on a copy of the sources (events.c): every change of a
** threshold, a NetCon or a flag reaches it, between runs and from a spike callback. 40
** identical cells (5 interleaved blocks) fire repetitively. */
static void test_threshold_changes(void **state)
{
    (void)state;
    nrn_model *m = nrn_model_new();
    for (int k = 0; k < 40; k++) {
        char name[32], path[48];
        snprintf(name, sizeof name, "c%d", k);
        int s = sec(m, name, 10, 10, 1);
        nrn_insert(m, s, "hh");
        snprintf(path, sizeof path, "ic%d", k);
        iclamp(m, path, name, 0.5, 0, 1e9, 0.1);
        nrn_ref r;
        snprintf(path, sizeof path, "%s(0.5).v", name);
        assert_int_equal(nrn_ref_lookup(m, path, &r), NRN_OK);
        snprintf(path, sizeof path, "d%d", k);
        assert_int_equal(nrn_netcon_new(m, path, &r, -1, -1, NULL), NRN_OK);
        record_spikes(m, path);
    }
    int done = 0;
    nrn_set_spike_callback(m, raise_threshold, &done);
    nrn_finitialize(m, -65);
    assert_int_equal(nrn_continuerun(m, 20), NRN_OK);
    double t5, t7, t9, t11;
    size_t n9 = spikes_of(m, 9, &t9);
    assert_true(done && n9 > 1);
    /* c5 and c7 cross with c3 (identical cells), in the same step after it: not heard */
    assert_int_equal(spikes_of(m, 5, &t5), 0);
    assert_int_equal(spikes_of(m, 7, &t7), 0);
    assert_int_equal(spikes_of(m, 6, &t7), n9);
    /* between runs: c9 deaf, c11 hears from -60 mV (it crosses at once, then at each spike) */
    assert_int_equal(nrn_netcon_set(m, nrn_netcon_find(m, "d9"), NRN_NC_THRESHOLD, 1000), NRN_OK);
    size_t n11 = spikes_of(m, 11, &t11);
    assert_int_equal(nrn_netcon_set(m, nrn_netcon_find(m, "d11"), NRN_NC_THRESHOLD, -80), NRN_OK);
    assert_int_equal(nrn_continuerun(m, 40), NRN_OK);
    assert_int_equal(spikes_of(m, 9, &t9), n9);
    double t11b;
    assert_true(spikes_of(m, 11, &t11b) > n11 && t11b > 20);
    /* finitialize clears the flags: everything above -80 mV at the start fires once more */
    size_t n11c = spikes_of(m, 11, &t11b);
    nrn_finitialize(m, -65);
    assert_int_equal(nrn_continuerun(m, 0.05), NRN_OK);
    double t0;
    assert_int_equal(spikes_of(m, 11, &t0), 1); /* vectors restart at finitialize */
    assert_true(t0 < 0.05 && n11c > 0);
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

/* ---- one test per golden of tests/golden (each .py beside its CSV is the model) ---- */

/* A soma of L x diam with mech inserted (NULL for none). */
static nrn_model *soma_model(double L, double diam, const char *mech)
{
    nrn_model *m = nrn_model_new();
    int s = sec(m, "soma", L, diam, 1);
    if (mech)
        assert_int_equal(nrn_insert(m, s, mech), NRN_OK);
    return m;
}

/* Creates object name of type at secname(x) (secname NULL: an artificial cell). */
static int obj(nrn_model *m, const char *type, const char *name, const char *secname, double x)
{
    int id;
    if (nrn_pp_new(m, type, name, secname ? nrn_section_find(m, secname) : -1, x, &id))
        fail_msg("%s %s: %s", type, name, nrn_errmsg(m));
    return id;
}

/* NetCon name from object src to object tgt (-1: none) with delay and weight. */
static void netcon_obj(nrn_model *m, const char *name, int src, int tgt, double delay, double w)
{
    char p[128];
    if (nrn_netcon_new(m, name, NULL, src, tgt, NULL))
        fail_msg("%s: %s", name, nrn_errmsg(m));
    snprintf(p, sizeof p, "%s.delay", name), set(m, p, delay);
    snprintf(p, sizeof p, "%s.weight", name), set(m, p, w);
}

/* NetCon name watching path with a threshold. */
static void netcon_var(nrn_model *m, const char *name, const char *path, int tgt, double delay,
                       double w, double thr)
{
    nrn_ref r;
    char p[128];
    assert_int_equal(nrn_ref_lookup(m, path, &r), NRN_OK);
    if (nrn_netcon_new(m, name, &r, -1, tgt, NULL))
        fail_msg("%s: %s", name, nrn_errmsg(m));
    snprintf(p, sizeof p, "%s.delay", name), set(m, p, delay);
    snprintf(p, sizeof p, "%s.weight", name), set(m, p, w);
    snprintf(p, sizeof p, "%s.threshold", name), set(m, p, thr);
}

/* A NetStim with start, interval, number, no noise. */
static int netstim(nrn_model *m, const char *name, double start, double interval, double number)
{
    char p[64];
    int id = obj(m, "NetStim", name, NULL, 0);
    snprintf(p, sizeof p, "%s.start", name), set(m, p, start);
    snprintf(p, sizeof p, "%s.interval", name), set(m, p, interval);
    snprintf(p, sizeof p, "%s.number", name), set(m, p, number);
    return id;
}

/* A spike detector on object src whose spikes go to vector spk_LABEL. */
static void detector(nrn_model *m, const char *label, int src)
{
    char name[64];
    int nc, vec;
    snprintf(name, sizeof name, "det_%s", label);
    assert_int_equal(nrn_netcon_new(m, name, NULL, src, -1, &nc), NRN_OK);
    snprintf(name, sizeof name, "spk_%s", label);
    assert_int_equal(nrn_vector_set(m, name, NULL, 0, &vec), NRN_OK);
    assert_int_equal(nrn_netcon_record(m, nc, vec), NRN_OK);
}

static void test_exp2syn(void **state)
{
    (void)state;
    nrn_model *m = soma_model(20, 20, "pas");
    set(m, "soma.g_pas", 1e-4), set(m, "soma.e_pas", -65);
    int syn = obj(m, "Exp2Syn", "syn", "soma", 0.5);
    set(m, "syn.tau1", 0.5), set(m, "syn.tau2", 3), set(m, "syn.e", 0);
    int ns = netstim(m, "ns", 2, 5, 4);
    netcon_obj(m, "nc", ns, syn, 0.5, 0.002);
    record_spikes(m, "nc");
    check(m, "exp2syn", 25);
}

static void test_alphasynapse_apcount(void **state)
{
    (void)state;
    nrn_model *m = soma_model(20, 20, "hh");
    obj(m, "AlphaSynapse", "syn", "soma", 0.5);
    set(m, "syn.onset", 1), set(m, "syn.tau", 0.5), set(m, "syn.gmax", 0.01), set(m, "syn.e", 0);
    obj(m, "APCount", "apc", "soma", 0.5);
    set(m, "apc.thresh", -20);
    record_spikes(m, "apc");
    check(m, "alphasynapse", 15);
}

static void test_seclamp(void **state)
{
    (void)state;
    nrn_model *m = soma_model(10, 10, "hh");
    obj(m, "SEClamp", "se", "soma", 0.5);
    set(m, "se.dur1", 2), set(m, "se.amp1", -70), set(m, "se.dur2", 5), set(m, "se.amp2", -10);
    set(m, "se.dur3", 3), set(m, "se.amp3", -70), set(m, "se.rs", 0.1);
    check(m, "seclamp", 12);
}

static void test_vclamp(void **state)
{
    (void)state;
    nrn_model *m = soma_model(10, 10, "hh");
    obj(m, "VClamp", "vc", "soma", 0.5);
    set(m, "vc.dur[0]", 2), set(m, "vc.amp[0]", -70), set(m, "vc.dur[1]", 5);
    set(m, "vc.amp[1]", -10), set(m, "vc.dur[2]", 3), set(m, "vc.amp[2]", -70);
    /* bit for bit since VClamp comes from vclamp.mod: its LINEAR block is solved by
    ** nocmodl's simeq, whose elimination order the gain (1e5) would expose in i, vo and e */
    golden_rtol = 0, golden_atol = 0;
    check(m, "vclamp", 12);
    golden_rtol = 1e-12, golden_atol = 1e-300;
}

/* SEClamp amp1 driven by Vector.play, continuous (interpolated) or as events. */
static void play_case(const char *name, int continuous)
{
    nrn_model *m = soma_model(10, 10, "pas");
    set(m, "soma.g_pas", 1e-3), set(m, "soma.e_pas", -65);
    obj(m, "SEClamp", "se", "soma", 0.5);
    set(m, "se.dur1", 100), set(m, "se.rs", 0.01);
    static const double amp[] = { -65, -40, -40, -80, -65 }, tv[] = { 0, 2, 4, 6, 8 };
    int y, tvec;
    nrn_vector_set(m, "vamp", amp, 5, &y);
    nrn_vector_set(m, "vt", tv, 5, &tvec);
    nrn_ref r;
    nrn_ref_lookup(m, "se.amp1", &r);
    assert_int_equal(nrn_play(m, &r, y, tvec, 0, continuous), NRN_OK);
    check(m, name, 10);
}

static void test_play_continuous(void **state)
{
    (void)state;
    play_case("play_seclamp", 1);
}

static void test_play_discrete(void **state)
{
    (void)state;
    play_case("play_discrete", 0);
}

static void test_intfire1_net(void **state)
{
    (void)state;
    nrn_model *m = nrn_model_new();
    int c0 = obj(m, "IntFire1", "c0", NULL, 0), c1 = obj(m, "IntFire1", "c1", NULL, 0);
    set(m, "c0.tau", 10), set(m, "c0.refrac", 5), set(m, "c1.tau", 5), set(m, "c1.refrac", 2);
    int ns = netstim(m, "ns", 1, 2, 20);
    netcon_obj(m, "nc_in", ns, c0, 1, 0.4);
    netcon_obj(m, "nc_01", c0, c1, 2, 1.5);
    detector(m, "ns", ns), detector(m, "c0", c0), detector(m, "c1", c1);
    check(m, "intfire1_net", 50);
}

static void test_intfire2_net(void **state)
{
    (void)state;
    nrn_model *m = nrn_model_new();
    int f2 = obj(m, "IntFire2", "f2", NULL, 0);
    set(m, "f2.taus", 20), set(m, "f2.taum", 10), set(m, "f2.ib", 0.5);
    int ns = netstim(m, "ns", 1, 3, 15);
    netcon_obj(m, "nc", ns, f2, 1, 0.4);
    detector(m, "ns", ns), detector(m, "f2", f2);
    check(m, "intfire2_net", 60);
}

static void test_intfire4_net(void **state)
{
    (void)state;
    nrn_model *m = nrn_model_new();
    int f4 = obj(m, "IntFire4", "f4", NULL, 0);
    int ns1 = netstim(m, "ns1", 1, 2, 20), ns2 = netstim(m, "ns2", 10, 4, 5);
    netcon_obj(m, "nc1", ns1, f4, 1, 0.5);
    netcon_obj(m, "nc2", ns2, f4, 1, -0.3);
    detector(m, "ns1", ns1), detector(m, "ns2", ns2), detector(m, "f4", f4);
    check(m, "intfire4_net", 60);
}

/* Three cells; two NetCons share the source s0(0.5).v: one threshold (the last set) and
** one record vector (the last given), as in NEURON. */
static void test_netcon_cells(void **state)
{
    (void)state;
    nrn_model *m = nrn_model_new();
    int syn[3];
    for (int k = 0; k < 3; k++) {
        char s[16], d[16], y[16], p[48];
        snprintf(s, sizeof s, "s%d", k), snprintf(d, sizeof d, "d%d", k);
        snprintf(y, sizeof y, "syn%d", k);
        int si = sec(m, s, 20, 20, 1), di = sec(m, d, 100, 1, 3);
        nrn_insert(m, si, "hh");
        nrn_insert(m, di, "pas");
        snprintf(p, sizeof p, "%s.e_pas", d), set(m, p, -65);
        nrn_connect(m, di, 0, si, 1);
        syn[k] = obj(m, "ExpSyn", y, d, 0.5);
        snprintf(p, sizeof p, "%s.tau", y), set(m, p, 2);
    }
    iclamp(m, "ic", "s0", 0.5, 1, 1, 0.5);
    netcon_var(m, "nc01", "s0(0.5).v", syn[1], 2, 0.05, 10);
    netcon_var(m, "nc12", "s1(0.5).v", syn[2], 3.5, 0.04, 10);
    netcon_var(m, "nc02", "s0(0.5).v", syn[2], 7, 0.02, 0);
    record_spikes(m, "nc01"), record_spikes(m, "nc12"), record_spikes(m, "nc02");
    check(m, "netcon_cells", 40);
}

/* The course's spike demo: four 0.1 nA pulses into an hh soma. */
static void test_spike_demo(void **state)
{
    (void)state;
    nrn_model *m = soma_model(10, 10, "hh");
    static const double dels[] = { 2, 13, 27, 40 };
    for (int k = 0; k < 4; k++) {
        char name[8];
        snprintf(name, sizeof name, "ic%d", k);
        iclamp(m, name, "soma", 0.5, dels[k], 0.5, 0.1);
    }
    netcon_var(m, "nc", "soma(0.5).v", -1, 1, 0, 10);
    record_spikes(m, "nc");
    check(m, "spike_demo", 50);
}

/* savestate.py: save at 5 ms; the restored run equals the straight one. */
static void test_savestate_golden(void **state)
{
    (void)state;
    struct gcsv g;
    assert_int_equal(gcsv_read(test_path("tests/golden/savestate.csv"), &g), 0);
    nrn_model *m = soma_model(10, 10, "hh");
    iclamp(m, "ic", "soma", 0.5, 1, 0.5, 0.3);
    nrn_ref r;
    nrn_ref_lookup(m, "soma(0.5).v", &r);
    nrn_record_add(m, &r, NULL);
    nrn_finitialize(m, -65);
    nrn_continuerun(m, 5);
    nrn_state *st = nrn_state_save(m);
    size_t k0 = nrn_record_len(m, 0) - 1;
    nrn_continuerun(m, 10);
    assert_int_equal(nrn_state_restore(m, st), NRN_OK);
    size_t k1 = nrn_record_len(m, 0);
    nrn_continuerun(m, 10);
    const double *v = nrn_record_data(m, 0);
    assert_int_equal(k1 - k0, g.nrow);
    for (size_t k = 0; k < g.nrow; k++) {
        assert_close(v[k0 + k], g.data[k * 3 + 1], 0, 0);
        if (k > 0)
            assert_close(v[k1 + k - 1], g.data[k * 3 + 2], 0, 0);
    }
    nrn_state_free(&st);
    gcsv_free(&g);
    nrn_model_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ballstick_netstim), cmocka_unit_test(test_spec98),
        cmocka_unit_test(test_threshold_at_zero), cmocka_unit_test(test_threshold_changes),
        cmocka_unit_test(test_savestate_round_trip),
        cmocka_unit_test(test_random_streams),    cmocka_unit_test(test_netcon_errors),
        cmocka_unit_test(test_exp2syn),           cmocka_unit_test(test_alphasynapse_apcount),
        cmocka_unit_test(test_seclamp),           cmocka_unit_test(test_vclamp),
        cmocka_unit_test(test_play_continuous),   cmocka_unit_test(test_play_discrete),
        cmocka_unit_test(test_intfire1_net),      cmocka_unit_test(test_intfire2_net),
        cmocka_unit_test(test_intfire4_net),      cmocka_unit_test(test_netcon_cells),
        cmocka_unit_test(test_spike_demo),        cmocka_unit_test(test_savestate_golden),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
