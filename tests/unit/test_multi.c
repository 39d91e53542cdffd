/*
** test_multi.c: the interleaved cells' steps in windows (blocks_multi.c: each tile takes
** several steps before the next) against the same model stepped one step at a time
** (nrn_model.multi_max 1), bit for bit: v, every column and global, every record, the spike
** vector and the spike and sample callbacks' order; then the window's limits (NetCon delays,
** queued events) and the failures (a v that is no longer finite, a replica that fails).
*/
#include <math.h>
#include "passes.h"

/* What the callbacks saw: each spike's source and t, and the samples' count. */
struct seen {
    char src[4096][16];
    double t[4096];
    int nspk, nsample;
    int threaded;       /* the callback runs at the threads' exchanges: no check of t */
};

static void on_spike(void *ud, nrn_model *m, const char *source, double t)
{
    struct seen *s = ud;
    if (!s->threaded) /* t as it was when the spike was sent */
        assert_true(m->t <= t && t < m->t + m->dt);
    if (s->nspk < 4096) {
        snprintf(s->src[s->nspk], sizeof s->src[0], "%s", source);
        s->t[s->nspk++] = t;
    }
}

static void on_sample(void *ud, nrn_model *m, size_t k)
{
    struct seen *s = ud;
    assert_int_equal(k, (size_t)s->nsample);
    assert_int_equal(nrn_record_len(m, 0), k + 1);
    if (!s->threaded) /* the model's t is the sample's (record 0 is t) */
        assert_memory_equal(&m->t, &nrn_record_data(m, 0)[k], sizeof(double));
    s->nsample++;
}

static void add_record(nrn_model *m, const char *path)
{
    nrn_ref r;
    if (nrn_ref_lookup(m, path, &r) == NRN_OK)
        assert_int_equal(nrn_record_add(m, &r, NULL), NRN_OK);
}

/*
** ncell cells of shape[i] ('A': soma hh + dend nseg 5 pas; 'B': dend nseg 3; 'C': a soma
** alone), each with an IClamp and a NetCon recording its spikes into "spk"; each 'A' cell
** has an ExpSyn driven by the soma of the cell before it (delay `delay`), cell 1's also by a
** NetStim. Records: t, some v, a state, a synaptic conductance, a clamp current.
*/
static nrn_model *net(const char *shape, double delay, int multi_max, struct seen *seen)
{
    nrn_model *m = nrn_model_new();
    assert_non_null(m);
    m->multi_max = multi_max;
    int n = (int)strlen(shape), spk, ns, id;
    char name[64], path[96];
    assert_int_equal(nrn_vector_set(m, "spk", NULL, 0, &spk), NRN_OK);
    for (int i = 0; i < n; i++) {
        snprintf(name, sizeof name, "soma%d", i);
        int soma = sec(m, name, 20, 20, 1);
        assert_int_equal(nrn_insert(m, soma, "hh"), NRN_OK);
        snprintf(name, sizeof name, "ic%d", i);
        assert_int_equal(nrn_pp_new(m, "IClamp", name, soma, 0.5, NULL), NRN_OK);
        snprintf(path, sizeof path, "ic%d.del", i), set(m, path, 0.3 + 0.01 * (i % 13));
        snprintf(path, sizeof path, "ic%d.dur", i), set(m, path, 100);
        snprintf(path, sizeof path, "ic%d.amp", i), set(m, path, 0.05 + 0.3 * (i % 7) / 6.);
        if (shape[i] == 'C')
            continue;
        snprintf(name, sizeof name, "dend%d", i);
        int dend = sec(m, name, 300, 1, shape[i] == 'A' ? 5 : 3);
        assert_int_equal(nrn_insert(m, dend, "pas"), NRN_OK);
        assert_int_equal(nrn_connect(m, dend, 0, soma, 1), NRN_OK);
        if (shape[i] != 'A')
            continue;
        snprintf(name, sizeof name, "syn%d", i);
        assert_int_equal(nrn_pp_new(m, "ExpSyn", name, dend, 0.5, NULL), NRN_OK);
    }
    for (int i = 0; i < n; i++) {
        nrn_ref src;
        int nc, syn;
        snprintf(path, sizeof path, "soma%d(0.5).v", i);
        assert_int_equal(nrn_ref_lookup(m, path, &src), NRN_OK);
        snprintf(name, sizeof name, "det%d", i);
        assert_int_equal(nrn_netcon_new(m, name, &src, -1, -1, &nc), NRN_OK);
        assert_int_equal(nrn_netcon_record(m, nc, spk), NRN_OK);
        snprintf(name, sizeof name, "syn%d", i + 1);
        if (i + 1 < n && (syn = nrn_pp_find(m, name)) >= 0) {
            snprintf(name, sizeof name, "nc%d", i);
            assert_int_equal(nrn_netcon_new(m, name, &src, -1, syn, &nc), NRN_OK);
            assert_int_equal(nrn_netcon_set(m, nc, NRN_NC_WEIGHT, 0.01), NRN_OK);
            assert_int_equal(nrn_netcon_set(m, nc, NRN_NC_DELAY, delay), NRN_OK);
        }
    }
    if ((id = nrn_pp_find(m, "syn1")) >= 0) {
        assert_int_equal(nrn_pp_new(m, "NetStim", "ns", -1, 0, &ns), NRN_OK);
        set(m, "ns.interval", 1.7), set(m, "ns.number", 5), set(m, "ns.start", 0.9);
        int nc;
        assert_int_equal(nrn_netcon_new(m, "nsnc", NULL, ns, id, &nc), NRN_OK);
        assert_int_equal(nrn_netcon_set(m, nc, NRN_NC_WEIGHT, 0.02), NRN_OK);
    }
    const char *recs[] = { "t", "soma0(0.5).v", "soma5(0.5).v", "soma100(0.5).v",
                           "dend9(0.3).v", "soma7(0.5).m_hh", "syn9.g", "ic3.i", "dend2(0.9).v" };
    for (size_t k = 0; k < sizeof recs / sizeof *recs; k++)
        add_record(m, recs[k]);
    nrn_set_spike_collector(m, on_spike, seen);
    nrn_record_set_callback(m, on_sample, seen);
    return m;
}

/* Everything a and b computed and reported equal, bit for bit. */
static void assert_all_same(nrn_model *a, nrn_model *b, const struct seen *sa,
                            const struct seen *sb)
{
    assert_memory_equal(&a->t, &b->t, sizeof a->t);
    assert_int_equal(a->nsteps, b->nsteps);
    /* after threads the values are back in the sections: compile both the same way */
    assert_int_equal(model_compile(a), NRN_OK);
    assert_int_equal(model_compile(b), NRN_OK);
    passes_assert_same(a, b);
    assert_int_equal(nrn_record_count(a), nrn_record_count(b));
    for (int i = 0; i < nrn_record_count(a); i++) {
        size_t n = nrn_record_len(a, i);
        assert_int_equal(n, nrn_record_len(b, i));
        assert_memory_equal(nrn_record_data(a, i), nrn_record_data(b, i), n * sizeof(double));
    }
    size_t na, nb;
    const double *x = nrn_vector_data(a, nrn_vector_find(a, "spk"), &na);
    const double *y = nrn_vector_data(b, nrn_vector_find(b, "spk"), &nb);
    assert_int_equal(na, nb);
    assert_true(na == 0 || memcmp(x, y, na * sizeof *x) == 0);
    assert_int_equal(sa->nspk, sb->nspk);
    assert_int_equal(sa->nsample, sb->nsample);
    for (int k = 0; k < sa->nspk && k < 4096; k++) {
        assert_string_equal(sa->src[k], sb->src[k]);
        assert_memory_equal(&sa->t[k], &sb->t[k], sizeof(double));
    }
}

/* The network of spec in windows (a) and step by step (b), on nthread threads, run in three
** pieces with a change between; returns the steps a took in windows. */
static long windows_vs_steps_every(const char *spec, double delay, int so, int nthread,
                                  double every)
{
    char buf[512];
    static struct seen sa, sb;
    memset(&sa, 0, sizeof sa), memset(&sb, 0, sizeof sb);
    sa.threaded = sb.threaded = nthread > 1;
    nrn_model *a = net(shapes(buf, sizeof buf, spec), delay, 32, &sa), *b = net(buf, delay, 1, &sb);
    nrn_model *both[2] = { a, b };
    for (int k = 0; k < 2; k++) {
        assert_int_equal(nrn_par_set_nthread(both[k], nthread), NRN_OK);
        if (every > 0)
            assert_int_equal(nrn_record_set_interval(both[k], every), NRN_OK);
        set(both[k], "secondorder", so);
        assert_int_equal(nrn_finitialize(both[k], -65), NRN_OK);
        assert_int_equal(nrn_continuerun(both[k], 3.3), NRN_OK);
        set(both[k], "ic2.amp", 0.4);
        assert_int_equal(nrn_continuerun(both[k], 7), NRN_OK);
        set(both[k], "dt", 0.0125); /* the windows' cj follows */
        assert_int_equal(nrn_continuerun(both[k], 12), NRN_OK);
    }
    assert_true(nthread > 1 || (a->nblock > 0 && blocks_fusable(a)));
    assert_all_same(a, b, &sa, &sb);
    assert_true(sa.nspk > 10);                 /* cells fired */
    assert_memory_equal(&a->rec_next, &b->rec_next, sizeof a->rec_next);
    assert_int_equal(a->nsamples, b->nsamples);
    assert_int_equal(b->multi_steps, 0);
    long steps = a->multi_steps;
    nrn_model_free(&a);
    nrn_model_free(&b);
    return steps;
}

static long windows_vs_steps(const char *spec, double delay, int so, int nthread)
{
    return windows_vs_steps_every(spec, delay, so, nthread, 0);
}

/* Many tiles, the rest after them; then one-compartment tiles mixed with others, the rest
** first; secondorder 0 and 1. Most steps run in windows. */
static void test_windows_equal_steps(void **state)
{
    (void)state;
    for (int so = 0; so < 2; so++) {
        assert_true(windows_vs_steps("8A1B96A2B", 1, so, 1) > 300);
        assert_true(windows_vs_steps("8A160C8A1B40C1C", 1, so, 1) > 300);
    }
}

/* A NetCon delay of 0.3 ms allows windows of 11 steps (a spike sent in a window must not be
** due in it); one under dt allows none. */
static void test_windows_delay(void **state)
{
    (void)state;
    assert_true(windows_vs_steps("8A160C8A1B40C1C", 0.3, 0, 1) > 300);
    assert_int_equal(windows_vs_steps("8A160C8A1B40C1C", 0.02, 0, 1), 0);
}

/*
** The cells with gids (pc.set_gid2node, pc.cell), spikes recorded by pc.spike_record, each
** 'A' cell's synapse driven from the gid before it by pc.gid_connect, run by psolve, in
** windows (a) and step by step (b): the same, bit for bit.
*/
static void test_windows_gids(void **state)
{
    (void)state;
    char buf[512], name[64], path[64];
    static struct seen s[2];
    nrn_model *m[2];
    for (int k = 0; k < 2; k++) {
        memset(&s[k], 0, sizeof s[k]);
        const char *shape = shapes(buf, sizeof buf, "8A160C8A1B40C1C");
        int n = (int)strlen(shape), tv, iv;
        m[k] = net(shape, 1, k ? 1 : 32, &s[k]);
        assert_int_equal(nrn_vector_set(m[k], "tv", NULL, 0, &tv), NRN_OK);
        assert_int_equal(nrn_vector_set(m[k], "iv", NULL, 0, &iv), NRN_OK);
        for (int i = 0; i < n; i++) {
            nrn_ref src;
            snprintf(path, sizeof path, "soma%d(0.5).v", i);
            assert_int_equal(nrn_ref_lookup(m[k], path, &src), NRN_OK);
            assert_int_equal(nrn_gid_declare(m[k], i), NRN_OK);
            assert_int_equal(nrn_gid_cell(m[k], i, &src, -1, 10), NRN_OK);
        }
        for (int i = 1; i < n; i++) {
            snprintf(name, sizeof name, "syn%d", i);
            int syn = nrn_pp_find(m[k], name), nc;
            if (syn < 0)
                continue;
            snprintf(name, sizeof name, "g%d", i);
            assert_int_equal(nrn_gid_connect(m[k], name, i - 1, syn, &nc), NRN_OK);
            assert_int_equal(nrn_netcon_set(m[k], nc, NRN_NC_WEIGHT, 0.01), NRN_OK);
            assert_int_equal(nrn_netcon_set(m[k], nc, NRN_NC_DELAY, 0.9), NRN_OK);
        }
        assert_int_equal(nrn_spike_record(m[k], -1, tv, iv), NRN_OK);
        assert_int_equal(nrn_finitialize(m[k], -65), NRN_OK);
        assert_int_equal(nrn_psolve(m[k], 4), NRN_OK);
        assert_int_equal(nrn_psolve(m[k], 9), NRN_OK);
    }
    assert_true(m[0]->multi_steps > 200);
    assert_all_same(m[0], m[1], &s[0], &s[1]);
    const char *vecs[] = { "tv", "iv" };
    for (int v = 0; v < 2; v++) {
        size_t na, nb;
        const double *x = nrn_vector_data(m[0], nrn_vector_find(m[0], vecs[v]), &na);
        const double *y = nrn_vector_data(m[1], nrn_vector_find(m[1], vecs[v]), &nb);
        assert_int_equal(na, nb);
        assert_true(na > 10 && memcmp(x, y, na * sizeof *x) == 0);
    }
    nrn_model_free(&m[0]);
    nrn_model_free(&m[1]);
}

/* Records every 0.1 ms (4 steps: taken after a step) and every 0.0375 ms (1.5 steps: some
** due in a step's first half, taken before it), on 1 and 2 threads. */
static void test_windows_interval(void **state)
{
    (void)state;
    const double every[] = { 0.1, 0.0375, 0.3 };
    for (int k = 0; k < 3; k++)
        for (int th = 1; th <= 2; th++)
            assert_true(windows_vs_steps_every("8A160C8A1B40C1C", 1, k == 2, th, every[k]) > 300);
}

/* On 2 threads each thread's part takes its rounds' steps in windows (threads.c). */
static void test_windows_threads(void **state)
{
    (void)state;
    assert_true(windows_vs_steps("8A160C8A1B40C1C", 1, 0, 2) > 300);
    assert_true(windows_vs_steps("48C", 0.5, 1, 2) > 300);
}

/*
** A clamp of infinite amplitude makes its cell's v non-finite at a chosen step: the run stops
** with the message, t and samples of the step-by-step run, whether the earlier failure is in
** an earlier or a later tile (in one window or not), or two fail at one step (the lower node
** is named).
*/
static void test_windows_nonfinite(void **state)
{
    (void)state;
    const struct { int cell[2]; double del[2]; } cases[] = {
        { { 3, 150 }, { 2.1, 1.3 } }, { { 3, 150 }, { 1.3, 2.1 } }, { { 150, 3 }, { 1.7, 1.7 } },
        /* a few steps apart: in one window, the earlier tile fails later */
        { { 3, 150 }, { 1.15, 1.1 } }, { { 3, 150 }, { 1.35, 1.3 } }, { { 3, 150 }, { 3.55, 3.5 } },
    };
    char buf[512], path[64], msg[2][512];
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        static struct seen s[2];
        nrn_model *m[2];
        for (int k = 0; k < 2; k++) {
            memset(&s[k], 0, sizeof s[k]);
            m[k] = net(shapes(buf, sizeof buf, "8A160C8A1B40C1C"), 1, k ? 1 : 32, &s[k]);
            if (c % 2) /* records every 1.5 steps: some taken before a step */
                assert_int_equal(nrn_record_set_interval(m[k], 0.0375), NRN_OK);
            for (int j = 0; j < 2; j++) {
                snprintf(path, sizeof path, "ic%d.amp", cases[c].cell[j]), set(m[k], path, INFINITY);
                snprintf(path, sizeof path, "ic%d.del", cases[c].cell[j]);
                set(m[k], path, cases[c].del[j]);
            }
            assert_int_equal(nrn_finitialize(m[k], -65), NRN_OK);
            assert_int_equal(nrn_continuerun(m[k], 5), NRN_ENUMERIC);
            snprintf(msg[k], sizeof msg[k], "%s", nrn_errmsg(m[k]));
        }
        assert_string_equal(msg[0], msg[1]);
        int first = cases[c].del[0] < cases[c].del[1] ? 0 : cases[c].del[0] > cases[c].del[1] ? 1 :
                    cases[c].cell[0] < cases[c].cell[1] ? 0 : 1;
        snprintf(path, sizeof path, "soma%d(", cases[c].cell[first]);
        assert_non_null(strstr(msg[0], path));
        assert_memory_equal(&m[0]->t, &m[1]->t, sizeof(double));
        assert_int_equal(m[0]->nsteps, m[1]->nsteps);
        assert_true(m[0]->multi_steps > 0);
        assert_int_equal(s[0].nsample, s[1].nsample);
        assert_int_equal(s[0].nspk, s[1].nspk);
        assert_memory_equal(&m[0]->rec_next, &m[1]->rec_next, sizeof(double));
        for (int i = 0; i < nrn_record_count(m[0]); i++)
            assert_int_equal(nrn_record_len(m[0], i), nrn_record_len(m[1], i));
        nrn_model_free(&m[0]);
        nrn_model_free(&m[1]);
    }
}

/* 24 replicas of a cell (soma hh + dend, an IClamp); two fail at different steps, in
** different tiles: each keeps the message of its own first failure, the others run on. */
static void test_windows_replicas(void **state)
{
    (void)state;
    nrn_model *m[2];
    for (int k = 0; k < 2; k++) {
        static struct seen s;
        memset(&s, 0, sizeof s);
        m[k] = net("A", 1, k ? 1 : 32, &s);
        assert_int_equal(nrn_replicate(m[k], 24), NRN_OK);
        nrn_ref r, rr;
        const int bad[2] = { 21, 2 };
        const double del[2] = { 1.2, 2.6 };
        for (int j = 0; j < 2; j++) {
            assert_int_equal(nrn_ref_lookup(m[k], "ic0.amp", &r), NRN_OK);
            assert_int_equal(nrn_replica_ref(m[k], bad[j], &r, &rr), NRN_OK);
            assert_int_equal(nrn_ref_set(m[k], &rr, INFINITY), NRN_OK);
            assert_int_equal(nrn_ref_lookup(m[k], "ic0.del", &r), NRN_OK);
            assert_int_equal(nrn_replica_ref(m[k], bad[j], &r, &rr), NRN_OK);
            assert_int_equal(nrn_ref_set(m[k], &rr, del[j]), NRN_OK);
        }
        for (int q = 0; q < 24; q++) {
            assert_int_equal(nrn_ref_lookup(m[k], "ic0.amp", &r), NRN_OK);
            assert_int_equal(nrn_replica_ref(m[k], q, &r, &rr), NRN_OK);
            if (q != 21 && q != 2)
                assert_int_equal(nrn_ref_set(m[k], &rr, 0.1 + 0.01 * q), NRN_OK);
        }
        assert_int_equal(nrn_finitialize(m[k], -65), NRN_OK);
        assert_int_equal(nrn_continuerun(m[k], 6), NRN_OK);
    }
    assert_true(m[0]->nblock > 0 && m[0]->multi_steps > 0);
    for (int q = 0; q < 24; q++) {
        const char *e0 = nrn_replica_error(m[0], q), *e1 = nrn_replica_error(m[1], q);
        assert_true((e0 == NULL) == (e1 == NULL));
        assert_true((e0 != NULL) == (q == 21 || q == 2));
        if (e0)
            assert_string_equal(e0, e1);
    }
    for (int i = 0; i < nrn_record_count(m[0]); i++) {
        size_t n = nrn_record_len(m[0], i);
        assert_int_equal(n, nrn_record_len(m[1], i));
        const double *x = nrn_record_data(m[0], i), *y = nrn_record_data(m[1], i);
        for (size_t j = 0; j < n; j++) /* NaN != NaN: compare the bits */
            assert_memory_equal(&x[j], &y[j], sizeof(double));
    }
    nrn_model_free(&m[0]);
    nrn_model_free(&m[1]);
}

/* A spike callback that may change the model (nrn_set_spike_callback, not a collector), a
** record of a GLOBAL, a play: the steps run one at a time. */
static void test_windows_not_taken(void **state)
{
    (void)state;
    char buf[512];
    for (int k = 0; k < 3; k++) {
        static struct seen s;
        memset(&s, 0, sizeof s);
        nrn_model *m = net(shapes(buf, sizeof buf, "24C"), 1, 32, &s);
        if (k == 0)
            nrn_set_spike_callback(m, on_spike, &s);
        else if (k == 1)
            add_record(m, "celsius");
        else
            passes_force(m, "soma0(0.5).gnabar_hh", 0.12);
        assert_int_equal(nrn_finitialize(m, -65), NRN_OK);
        assert_int_equal(nrn_continuerun(m, 3), NRN_OK);
        assert_true(s.nspk > 0);
        assert_int_equal(m->multi_steps, 0);
        nrn_set_spike_collector(m, on_spike, &s);
        if (k == 0) { /* the same model with a collector takes windows */
            assert_int_equal(nrn_continuerun(m, 6), NRN_OK);
            assert_true(m->multi_steps > 0);
        }
        nrn_model_free(&m);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_windows_equal_steps),
        cmocka_unit_test(test_windows_delay),
        cmocka_unit_test(test_windows_threads),
        cmocka_unit_test(test_windows_interval),
        cmocka_unit_test(test_windows_gids),
        cmocka_unit_test(test_windows_nonfinite),
        cmocka_unit_test(test_windows_replicas),
        cmocka_unit_test(test_windows_not_taken),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
