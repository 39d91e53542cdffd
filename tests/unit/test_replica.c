/*
** test_replica.c: nrn_replicate (nrn.h "Replicas") and nrn_model_clone. The contract that
** matters is bit identity: every replica of a model, given its own parameter values, and
** every clone must produce exactly the numbers of the model run alone (nrn-sweep's batches
** and worker threads rely on it). Checked on a branched HH cell with a clamp, and on a
** network with a noisy NetStim, NetCons and synapses (events, random streams); then the
** failure and bookkeeping paths, and the cancel flag.
*/
#include "golden.h"
#include "nrn_int.h"

/* A branched HH cell (soma, two dendrites) with an IClamp; records t and two voltages. */
static nrn_model *cell(int *vsoma, int *vdend)
{
    nrn_model *m = nrn_model_new();
    int soma = sec(m, "soma", 20, 20, 1), d1 = sec(m, "d1", 150, 1.5, 5), d2 = sec(m, "d2", 90, 1, 3);
    nrn_ref r;
    nrn_insert(m, soma, "hh");
    nrn_insert(m, d1, "pas");
    nrn_insert(m, d2, "hh");
    nrn_connect(m, d1, 0, soma, 1);
    nrn_connect(m, d2, 0, soma, 0.3);
    iclamp(m, "ic", "soma", 0.5, 1, 3, 0.3);
    nrn_ref_lookup(m, "t", &r);
    nrn_record_add(m, &r, NULL);
    nrn_ref_lookup(m, "soma(0.5).v", &r);
    nrn_record_add(m, &r, vsoma);
    nrn_ref_lookup(m, "d1(0.9).v", &r);
    nrn_record_add(m, &r, vdend);
    return m;
}

/* Runs m for tstop ms from -65 mV. */
static void run(nrn_model *m, double tstop)
{
    assert_int_equal(nrn_finitialize(m, -65), NRN_OK);
    if (nrn_continuerun(m, tstop) != NRN_OK)
        fail_msg("run: %s", nrn_errmsg(m));
}

/* Record rec of replica r of m equals record rec of the lone model m1, bit for bit. */
static void same_record(nrn_model *m, int r, int rec, nrn_model *m1)
{
    int id = nrn_replica_record(m, r, rec);
    size_t n = nrn_record_len(m1, rec);
    assert_true(id >= 0);
    assert_int_equal(nrn_record_len(m, id), n);
    assert_memory_equal(nrn_record_data(m, id), nrn_record_data(m1, rec), n * sizeof(double));
}

/* Sets path to x in replica r. */
static void set_in(nrn_model *m, int r, const char *path, double x)
{
    nrn_ref ref, rr;
    assert_int_equal(nrn_ref_lookup(m, path, &ref), NRN_OK);
    assert_int_equal(nrn_replica_ref(m, r, &ref, &rr), NRN_OK);
    assert_int_equal(nrn_ref_set(m, &rr, x), NRN_OK);
}

/* Five replicas with five clamp amplitudes and densities equal five lone runs. */
static void test_cell_bit_identical(void **state)
{
    (void)state;
    int vs, vd;
    nrn_model *m = cell(&vs, &vd);
    assert_int_equal(nrn_replicate(m, 5), NRN_OK);
    assert_int_equal(nrn_replica_count(m), 5);
    assert_int_equal(nrn_section_count(m), 15);
    assert_true(nrn_section_find(m, "d2@4") >= 0);
    assert_true(nrn_pp_find(m, "ic@3") >= 0);
    for (int r = 0; r < 5; r++) {
        set_in(m, r, "ic.amp", 0.1 + 0.15 * r);
        set_in(m, r, "soma.gnabar_hh", 0.1 + 0.01 * r);
    }
    run(m, 30);
    for (int r = 0; r < 5; r++) {
        nrn_model *m1 = cell(&vs, &vd);
        set(m1, "ic.amp", 0.1 + 0.15 * r);
        set(m1, "soma.gnabar_hh", 0.1 + 0.01 * r);
        run(m1, 30);
        same_record(m, r, 0, m1);
        same_record(m, r, vs, m1);
        same_record(m, r, vd, m1);
        assert_null(nrn_replica_error(m, r));
        nrn_model_free(&m1);
    }
    /* the t record is shared, not copied */
    assert_int_equal(nrn_replica_record(m, 3, 0), 0);
    nrn_model_free(&m);
}

/* Nineteen replicas: the engine interleaves the nodes of groups of 8 identical cells
** (interleave.c), and leaves the last 3 in NEURON's layout; every one of them still equals
** its lone run bit for bit, a node after the soma (d1(0.9)) as well as the soma. */
static void test_interleaved_cells_bit_identical(void **state)
{
    (void)state;
    int vs, vd;
    nrn_model *m = cell(&vs, &vd);
    assert_int_equal(nrn_replicate(m, 19), NRN_OK);
    for (int r = 0; r < 19; r++)
        set_in(m, r, "ic.amp", 0.05 + 0.03 * r);
    run(m, 20);
    for (int r = 0; r < 19; r += 3) {
        nrn_model *m1 = cell(&vs, &vd);
        set(m1, "ic.amp", 0.05 + 0.03 * r);
        run(m1, 20);
        same_record(m, r, vs, m1);
        same_record(m, r, vd, m1);
        nrn_model_free(&m1);
    }
    nrn_model_free(&m);
}

/* A binary tree of depth 4 (31 sections, hh, a clamp at the root); records a leaf and an
** inner section. */
static nrn_model *tree(int *vleaf, int *vmid)
{
    nrn_model *m = nrn_model_new();
    char name[16];
    nrn_ref r;
    for (int k = 0; k < 31; k++) {
        snprintf(name, sizeof name, "s%d", k);
        int id = sec(m, name, 40, 1 + 0.1 * (k % 3), 2);
        nrn_insert(m, id, "hh");
        if (k)
            nrn_connect(m, id, 0, (k - 1) / 2, 1);
    }
    iclamp(m, "ic", "s0", 0.5, 1, 5, 0.4);
    nrn_ref_lookup(m, "s30(0.7).v", &r);
    nrn_record_add(m, &r, vleaf);
    nrn_ref_lookup(m, "s5(0.2).v", &r);
    nrn_record_add(m, &r, vmid);
    return m;
}

/* The tree alone interleaves the sections of each depth 8 at a time (interleave.c's units);
** nine replicas interleave the first 8 trees as cells and the ninth by sections again: all
** equal, bit for bit. */
static void test_interleaved_sections_bit_identical(void **state)
{
    (void)state;
    int vl, vm;
    nrn_model *m1 = tree(&vl, &vm), *m = tree(&vl, &vm);
    run(m1, 15);
    assert_int_equal(nrn_replicate(m, 9), NRN_OK);
    run(m, 15);
    for (int r = 0; r < 9; r += 8) {
        same_record(m, r, vl, m1);
        same_record(m, r, vm, m1);
    }
    nrn_model_free(&m1);
    nrn_model_free(&m);
}

/* The tree's hh instances in the interleaved depths follow the nodes (compile.c), so that
** its kernels see groups of 8 instances on 8 consecutive nodes: at depth 3 (8 sections of 2
** segments) and 4 (16), 6 such groups; section by section there are none. */
static void test_tree_instances_in_node_order(void **state)
{
    (void)state;
    int vl, vm;
    nrn_model *m = tree(&vl, &vm);
    assert_int_equal(nrn_finitialize(m, -65), NRN_OK);
    int t = 0;
    while (t < m->ntype && strcmp(m->types[t].d->name, "hh"))
        t++;
    assert_true(t < m->ntype);
    const nrn_mech_data *md = &m->types[t].md;
    int groups = 0;
    for (int i = 0; i + 8 <= md->n;) {
        int c = 1;
        while (c < 8 && md->node[i + c] == md->node[i] + c)
            c++;
        groups += c == 8;
        i += c == 8 ? 8 : 1;
    }
    assert_int_equal(groups, 6);
    nrn_model_free(&m);
}

/* CVODE needs the instances in NEURON's order: switched on in the middle of a fixed-step run
** compiled in node order, it recompiles and goes on as on a model compiled in NEURON's order
** (the same fixed steps first), bit for bit; a state saved in the node-order layout restores
** into NEURON's order value for value. */
static void test_tree_cvode_after_node_order(void **state)
{
    (void)state;
    int vl, vm;
    nrn_model *a = tree(&vl, &vm), *b = tree(&vl, &vm);
    assert_int_equal(nrn_cvode_set(a, NRN_CV_ACTIVE, 1), NRN_OK);
    assert_int_equal(nrn_finitialize(a, -65), NRN_OK);
    assert_int_equal(nrn_cvode_set(a, NRN_CV_ACTIVE, 0), NRN_OK);
    assert_int_equal(nrn_continuerun(a, 5), NRN_OK);
    assert_int_equal(a->inst_nodeorder, 0);
    run(b, 5);
    assert_int_equal(b->inst_nodeorder, 1);
    assert_int_equal(nrn_cvode_set(a, NRN_CV_ACTIVE, 1), NRN_OK);
    assert_int_equal(nrn_cvode_set(b, NRN_CV_ACTIVE, 1), NRN_OK);
    assert_int_equal(nrn_continuerun(a, 15), NRN_OK);
    assert_int_equal(nrn_continuerun(b, 15), NRN_OK);
    assert_int_equal(b->inst_nodeorder, 0);
    size_t n = nrn_record_len(a, vl);
    assert_int_equal(nrn_record_len(b, vl), n);
    assert_memory_equal(nrn_record_data(b, vl), nrn_record_data(a, vl), n * sizeof(double));
    assert_int_equal(nrn_cvode_set(b, NRN_CV_ACTIVE, 0), NRN_OK);
    run(b, 5);
    assert_int_equal(b->inst_nodeorder, 0); /* compiled while CVODE was on: kept */
    nrn_model_free(&b);
    b = tree(&vl, &vm);
    run(b, 5);
    assert_int_equal(b->inst_nodeorder, 1);
    nrn_state *st = nrn_state_save(b);
    assert_non_null(st);
    nrn_ref r;
    double x[3], y[3];
    const char *paths[] = { "s30(0.7).m_hh", "s12(0.2).n_hh", "s9(0.9).h_hh" };
    for (int k = 0; k < 3; k++) {
        assert_int_equal(nrn_ref_lookup(b, paths[k], &r), NRN_OK);
        assert_int_equal(nrn_ref_get(b, &r, &x[k]), NRN_OK);
    }
    assert_int_equal(nrn_cvode_set(b, NRN_CV_ACTIVE, 1), NRN_OK);
    assert_int_equal(nrn_fadvance(b), NRN_OK); /* cv_init compiles in NEURON's order */
    assert_int_equal(b->inst_nodeorder, 0);
    assert_int_equal(nrn_state_restore(b, st), NRN_OK);
    for (int k = 0; k < 3; k++) {
        assert_int_equal(nrn_ref_lookup(b, paths[k], &r), NRN_OK);
        assert_int_equal(nrn_ref_get(b, &r, &y[k]), NRN_OK);
        assert_memory_equal(&x[k], &y[k], sizeof(double));
    }
    nrn_state_free(&st);
    nrn_model_free(&a);
    nrn_model_free(&b);
}

/* A noisy NetStim drives an ExpSyn on an HH cell whose spikes drive a second cell. */
static nrn_model *net(int *vb)
{
    nrn_model *m = nrn_model_new();
    int a = sec(m, "a", 20, 20, 1), b = sec(m, "b", 20, 20, 1), ns, s1, s2;
    nrn_ref r;
    nrn_insert(m, a, "hh");
    nrn_insert(m, b, "hh");
    nrn_pp_new(m, "NetStim", "ns", -1, 0, &ns);
    set(m, "ns.start", 1), set(m, "ns.interval", 4), set(m, "ns.number", 20), set(m, "ns.noise", 0.7);
    nrn_pp_new(m, "ExpSyn", "syn", a, 0.5, &s1);
    set(m, "syn.tau", 2), set(m, "syn.e", 0);
    nrn_pp_new(m, "Exp2Syn", "syn2", b, 0.5, &s2);
    set(m, "syn2.tau1", 0.5), set(m, "syn2.tau2", 3), set(m, "syn2.e", 0);
    assert_int_equal(nrn_netcon_new(m, "nc", NULL, ns, s1, NULL), NRN_OK);
    set(m, "nc.delay", 1), set(m, "nc.weight", 0.01);
    nrn_ref_lookup(m, "a(0.5).v", &r);
    assert_int_equal(nrn_netcon_new(m, "ab", &r, -1, s2, NULL), NRN_OK);
    set(m, "ab.delay", 2), set(m, "ab.weight", 0.02), set(m, "ab.threshold", 0);
    nrn_ref_lookup(m, "t", &r);
    nrn_record_add(m, &r, NULL);
    nrn_ref_lookup(m, "b(0.5).v", &r);
    nrn_record_add(m, &r, vb);
    return m;
}

/* Replicas of a network with events and a noisy source equal lone runs; NetCon and
** object values map to each replica's own. */
static void test_network_bit_identical(void **state)
{
    (void)state;
    int vb;
    nrn_model *m = net(&vb);
    assert_int_equal(nrn_replicate(m, 4), NRN_OK);
    assert_true(nrn_netcon_find(m, "ab@2") >= 0);
    for (int r = 0; r < 4; r++) {
        set_in(m, r, "nc.weight", 0.005 + 0.004 * r);
        set_in(m, r, "syn2.tau2", 2 + r);
    }
    run(m, 80);
    for (int r = 0; r < 4; r++) {
        nrn_model *m1 = net(&vb);
        set(m1, "nc.weight", 0.005 + 0.004 * r);
        set(m1, "syn2.tau2", 2 + r);
        run(m1, 80);
        same_record(m, r, vb, m1);
        nrn_model_free(&m1);
    }
    nrn_model_free(&m);
}

/* A replica whose v becomes infinite fails alone, with the lone run's message; the others
** run on untouched. finitialize clears the failure. */
static void test_failure_stays_in_its_replica(void **state)
{
    (void)state;
    int vs, vd;
    nrn_model *m = cell(&vs, &vd), *m1 = cell(&vs, &vd);
    char want[512];
    assert_int_equal(nrn_replicate(m, 3), NRN_OK);
    set_in(m, 1, "ic.amp", 1e308);
    run(m, 10);
    set(m1, "ic.amp", 1e308);
    assert_int_equal(nrn_finitialize(m1, -65), NRN_OK);
    assert_int_equal(nrn_continuerun(m1, 10), NRN_ENUMERIC);
    snprintf(want, sizeof want, "%s", nrn_errmsg(m1));
    assert_non_null(nrn_replica_error(m, 1));
    assert_string_equal(nrn_replica_error(m, 1), want);
    assert_null(nrn_replica_error(m, 0));
    assert_null(nrn_replica_error(m, 2));
    nrn_model_free(&m1);
    m1 = cell(&vs, &vd);
    run(m1, 10);
    same_record(m, 0, vs, m1);
    same_record(m, 2, vs, m1);
    set_in(m, 1, "ic.amp", 0.3);
    run(m, 10);
    assert_null(nrn_replica_error(m, 1));
    same_record(m, 1, vs, m1);
    nrn_model_free(&m1);
    nrn_model_free(&m);
}

/* Back to one copy: the model is the original again and runs as before; replicating again
** works; errors leave the original alone. */
static void test_drop_and_errors(void **state)
{
    (void)state;
    int vs, vd, other;
    nrn_model *m = cell(&vs, &vd), *m1 = cell(&vs, &vd);
    nrn_ref ref, out;
    assert_int_equal(nrn_replicate(m, 0), NRN_EINVAL);
    assert_int_equal(nrn_replicate(m, 6), NRN_OK);
    run(m, 5);
    assert_int_equal(nrn_replicate(m, 1), NRN_OK);
    assert_int_equal(nrn_replica_count(m), 1);
    assert_int_equal(nrn_section_count(m), 3);
    assert_int_equal(nrn_record_count(m), 3);
    assert_int_equal(nrn_pp_find(m, "ic@2"), -1);
    run(m, 20);
    run(m1, 20);
    same_record(m, 0, vs, m1);
    assert_int_equal(nrn_replicate(m, 2), NRN_OK);
    assert_int_equal(nrn_replica_count(m), 2);
    /* model-wide values are shared: the same ref in every replica */
    assert_int_equal(nrn_ref_lookup(m, "celsius", &ref), NRN_OK);
    assert_true(nrn_ref_is_global(&ref));
    assert_int_equal(nrn_replica_ref(m, 1, &ref, &out), NRN_OK);
    assert_int_equal(out.kind, ref.kind);
    assert_int_equal(out.var, ref.var);
    assert_int_equal(out.sec, ref.sec);
    assert_int_equal(out.obj, ref.obj);
    assert_int_equal(nrn_replica_ref(m, 2, &ref, &out), NRN_EINVAL);
    /* an object made after the copies has none */
    assert_int_equal(nrn_section_new(m, "late", &other), NRN_OK);
    assert_int_equal(nrn_ref_lookup(m, "late.L", &ref), NRN_OK);
    assert_false(nrn_ref_is_global(&ref));
    assert_int_equal(nrn_replica_ref(m, 1, &ref, &out), NRN_EINVAL);
    nrn_model_free(&m);
    /* a copy's name taken: refused, the model holds its original alone */
    m = cell(&vs, &vd);
    sec(m, "d1@2", 10, 1, 1);
    assert_int_equal(nrn_replicate(m, 3), NRN_EEXIST);
    assert_int_equal(nrn_replica_count(m), 1);
    assert_int_equal(nrn_section_count(m), 4);
    assert_int_equal(nrn_section_find(m, "soma@1"), -1);
    nrn_model_free(&m);
    nrn_model_free(&m1);
}

/* A clone runs exactly as its original, alone and replicated, and is independent of it. */
static void test_clone(void **state)
{
    (void)state;
    int vb, vs, vd;
    nrn_model *m = net(&vb), *c = NULL, *m1 = net(&vb), *cc = NULL;
    run(m, 5); /* a model that has run (compiled, queue in use) clones as well */
    set(m, "nc.weight", 0.012);
    assert_int_equal(nrn_model_clone(m, &c), NRN_OK);
    set(m1, "nc.weight", 0.012);
    run(c, 80);
    run(m1, 80);
    same_record(c, 0, vb, m1);
    set(c, "nc.weight", 0.5); /* the original does not see it */
    run(m, 80);
    same_record(m, 0, vb, m1);
    assert_int_equal(nrn_replicate(c, 3), NRN_OK);
    assert_int_equal(nrn_model_clone(c, &cc), NRN_EINVAL);
    for (int r = 0; r < 3; r++)
        set_in(c, r, "nc.weight", 0.012);
    run(c, 80);
    for (int r = 0; r < 3; r++)
        same_record(c, r, vb, m1);
    nrn_model_free(&c);
    nrn_model_free(&m);
    nrn_model_free(&m1);
    m = cell(&vs, &vd);
    m1 = cell(&vs, &vd);
    assert_int_equal(nrn_model_clone(m, &c), NRN_OK);
    run(c, 20);
    run(m1, 20);
    same_record(c, 0, vd, m1);
    nrn_model_free(&c);
    nrn_model_free(&m);
    nrn_model_free(&m1);
}

/* A set cancel flag stops a run with NRN_ECANCELED; cleared, runs go on. */
static void test_cancel(void **state)
{
    (void)state;
    int vs, vd;
    volatile int flag = 0;
    nrn_model *m = cell(&vs, &vd);
    nrn_set_cancel(m, &flag);
    run(m, 1);
    flag = 1;
    assert_int_equal(nrn_finitialize(m, -65), NRN_OK);
    assert_int_equal(nrn_continuerun(m, 10), NRN_ECANCELED);
    assert_true(nrn_time(m) < 0.1);
    assert_string_equal(nrn_status_name(NRN_ECANCELED), "ECANCELED");
    flag = 0;
    run(m, 10);
    nrn_model_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cell_bit_identical),
        cmocka_unit_test(test_interleaved_cells_bit_identical),
        cmocka_unit_test(test_interleaved_sections_bit_identical),
        cmocka_unit_test(test_tree_instances_in_node_order),
        cmocka_unit_test(test_tree_cvode_after_node_order),
        cmocka_unit_test(test_network_bit_identical),
        cmocka_unit_test(test_failure_stays_in_its_replica),
        cmocka_unit_test(test_drop_and_errors),
        cmocka_unit_test(test_clone),
        cmocka_unit_test(test_cancel),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
