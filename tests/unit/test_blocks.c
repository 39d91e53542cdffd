/*
** test_blocks.c: the interleaved cells' step tile by tile (blocks_step.c) against the
** separate passes, bit for bit. Each network is built twice; in the second a continuous play
** of a parameter with its own value (which changes nothing) makes the step run the passes.
** The networks hold blocks of identical ball-and-stick cells and cells of other shapes
** between and after them (the rest), hh, pas, a user mechanism translated from
** tests/unit/mech/kx.mod (an ion current, TABLE GLOBALs), IClamps and synapses with events.
*/
#include <math.h>
#include "passes.h"
#include "nrn_mech.h"
#include "nrn_mechlib.h"

extern const nrn_mech_type nrn_testmech_kx;

static void insert(nrn_model *m, int s, const char *mech)
{
    if (nrn_insert(m, s, mech))
        fail_msg("%s: %s", mech, nrn_errmsg(m));
}

/*
** A network of ncell cells: cell i has the shape shape[i] ('A': soma hh + dend nseg 5 with
** pas and kx; 'B': the same with dend nseg 3; 'C': a soma with hh alone) and an IClamp at
** its soma unless clamp[i] is '-'. Every 'A' cell has an ExpSyn in its dend, driven by the
** soma of the cell before it.
*/
static nrn_model *net(const char *shape, const char *clamp)
{
    nrn_model *m = nrn_model_new();
    assert_non_null(m);
    assert_int_equal(nrn_mech_register(m, &nrn_testmech_kx), NRN_OK);
    int n = (int)strlen(shape), soma[256];
    char name[64], path[96];
    assert_true(n <= 256);
    for (int i = 0; i < n; i++) {
        snprintf(name, sizeof name, "soma%d", i);
        soma[i] = sec(m, name, 20, 20, 1);
        insert(m, soma[i], "hh");
        if (shape[i] == 'C')
            continue;
        snprintf(name, sizeof name, "dend%d", i);
        int dend = sec(m, name, 300, 1, shape[i] == 'A' ? 5 : 3);
        insert(m, dend, "pas");
        insert(m, dend, "kx");
        assert_int_equal(nrn_connect(m, dend, 0, soma[i], 1), NRN_OK);
        snprintf(path, sizeof path, "dend%d.e_pas", i);
        set(m, path, -65 + 0.1 * i);
    }
    for (int i = 0; i < n; i++) {
        int id;
        if (clamp[i] == '-')
            continue;
        snprintf(name, sizeof name, "ic%d", i);
        assert_int_equal(nrn_pp_new(m, "IClamp", name, soma[i], 0.5, &id), NRN_OK);
        snprintf(path, sizeof path, "ic%d.del", i);
        set(m, path, 0.5 + 0.01 * i);
        snprintf(path, sizeof path, "ic%d.dur", i);
        set(m, path, 2);
        snprintf(path, sizeof path, "ic%d.amp", i);
        set(m, path, 0.05 + 0.4 * (i % 7) / 6.);
    }
    for (int i = 1; i < n; i++) {
        int syn, nc;
        if (shape[i] != 'A' || shape[i - 1] == 'C')
            continue;
        snprintf(name, sizeof name, "syn%d", i);
        snprintf(path, sizeof path, "dend%d", i);
        int dend = nrn_section_find(m, path);
        assert_true(dend >= 0);
        assert_int_equal(nrn_pp_new(m, "ExpSyn", name, dend, 0.5, &syn), NRN_OK);
        nrn_ref src;
        snprintf(path, sizeof path, "soma%d(0.5).v", i - 1);
        assert_int_equal(nrn_ref_lookup(m, path, &src), NRN_OK);
        snprintf(name, sizeof name, "nc%d", i);
        assert_int_equal(nrn_netcon_new(m, name, &src, -1, syn, &nc), NRN_OK);
        assert_int_equal(nrn_netcon_set(m, nc, NRN_NC_WEIGHT, 0.02), NRN_OK);
        assert_int_equal(nrn_netcon_set(m, nc, NRN_NC_DELAY, 1), NRN_OK);
    }
    return m;
}

/* Runs both for 8 ms and compares v, every mechanism column and every global bit for bit;
** returns the tiles a ran with. */
static int compare(nrn_model *a, nrn_model *b)
{
    assert_int_equal(nrn_finitialize(a, -65), NRN_OK);
    assert_int_equal(nrn_finitialize(b, -65), NRN_OK);
    assert_true(a->nblock > 0);
    for (int k = 0; k < 320; k++) {
        assert_int_equal(nrn_fadvance(a), NRN_OK);
        assert_int_equal(nrn_fadvance(b), NRN_OK);
    }
    assert_false(blocks_fusable(b));
    int ntile = blocks_fusable(a) ? blocks_ntile(a) : 0;
    passes_assert_same(a, b);
    /* something happened: cells fired, so synapses got events */
    double g, gsum = 0;
    char path[32];
    for (int i = 1; i < 256; i++) {
        snprintf(path, sizeof path, "syn%d.g", i);
        if (nrn_get(a, path, &g) == NRN_OK)
            gsum += g;
    }
    assert_true(gsum > 0);
    return ntile;
}

/* The same cells of shape fused (a) and with the passes forced (b), with secondorder so:
** compare's tiles; *nunit (if not NULL) a's interleaved units. */
static int fused_vs_passes(const char *shape, int so, int *nunit)
{
    nrn_model *a = net(shape, shape), *b = net(shape, shape);
    set(a, "secondorder", so);
    set(b, "secondorder", so);
    passes_force(b, "soma0(0.5).gnabar_hh", 0.12);
    int ntile = compare(a, b);
    if (nunit)
        *nunit = a->nunit;
    nrn_model_free(&a);
    nrn_model_free(&b);
    return ntile;
}

/* 13 blocks of 'A' (several tiles), one 'B' between the first two blocks, two after them:
** the rest comes last (the last IClamp is in it). */
static void test_tiles_equal_passes(void **state)
{
    (void)state;
    char buf[256];
    const char *shape = shapes(buf, sizeof buf, "8A1B96A2B");
    assert_int_equal(strlen(shape), 107);
    assert_true(fused_vs_passes(shape, 0, NULL) > 1);
    assert_true(nrn_testmech_kx.inst_local);
}

/* The rest between the blocks only (it comes first: the last instances are in the last
** tile); secondorder 1. */
static void test_tiles_rest_first(void **state)
{
    (void)state;
    char buf[256];
    const char *shape = shapes(buf, sizeof buf, "8A1B56A");
    assert_true(fused_vs_passes(shape, 1, NULL) > 1);
}

/* The rest in units (interleave.c): 8 'B' and 8 'C' cells alternate between two blocks, so
** their somas and the 'B' dends are interleaved 8 sections at a time. */
static void test_tiles_rest_units(void **state)
{
    (void)state;
    char buf[256];
    const char *shape = shapes(buf, sizeof buf, "8A1B1C1B1C1B1C1B1C1B1C1B1C1B1C1B1C16A");
    int nunit;
    assert_true(fused_vs_passes(shape, 0, &nunit) > 0);
    assert_true(nunit > 0);
}

/* A tile of one-compartment cells alone ('C': blocks_step.c's single_solve), tiles that mix
** them with other shapes, and the rest; with secondorder 0 and 1. */
static void test_tiles_one_compartment(void **state)
{
    (void)state;
    char buf[256];
    const char *shape = shapes(buf, sizeof buf, "8A160C8A1B40C1C");
    for (int so = 0; so < 2; so++)
        assert_true(fused_vs_passes(shape, so, NULL) > 2);
}

/* A v that is not finite at where stops the run with the message of the passes, in a tile of
** one-compartment cells (single_solve) and in one of other cells (blocks_solve). */
static void test_nonfinite(void **state)
{
    (void)state;
    const char *where[] = { "soma100(0.5).v", "soma3(0.5).v" };
    char buf[256], msg[2][512];
    const char *shape = shapes(buf, sizeof buf, "8A160C8A1B40C1C");
    for (int w = 0; w < 2; w++) {
        for (int fused = 0; fused < 2; fused++) {
            nrn_model *m = net(shape, shape);
            if (!fused)
                passes_force(m, "soma0(0.5).gnabar_hh", 0.12);
            assert_int_equal(nrn_finitialize(m, -65), NRN_OK);
            assert_int_equal(nrn_fadvance(m), NRN_OK);
            assert_int_equal(blocks_fusable(m), fused);
            set(m, where[w], INFINITY);
            assert_int_equal(nrn_fadvance(m), NRN_ENUMERIC);
            snprintf(msg[fused], sizeof msg[fused], "%s", nrn_errmsg(m));
            nrn_model_free(&m);
        }
        assert_non_null(strstr(msg[1], ".v became nan at t = 0.05 ms"));
        assert_non_null(strstr(msg[1], w ? "soma3" : "soma100"));
        assert_string_equal(msg[0], msg[1]);
    }
}

/* NetCons watching the somas of n one-compartment cells, made in cell order (backward 0) or
** backward, with thresholds from -30 to 16 mV, each recording into its vector "spkI". */
static nrn_model *watched(int n, int backward)
{
    char buf[256], name[64], path[64];
    snprintf(buf, sizeof buf, "%dC", n);
    nrn_model *m = net(shapes(buf, sizeof buf, buf), buf);
    for (int k = 0; k < n; k++) {
        int i = backward ? n - 1 - k : k, nc, vec;
        nrn_ref src;
        snprintf(path, sizeof path, "soma%d(0.5).v", i);
        assert_int_equal(nrn_ref_lookup(m, path, &src), NRN_OK);
        snprintf(name, sizeof name, "w%d", i);
        assert_int_equal(nrn_netcon_new(m, name, &src, -1, -1, &nc), NRN_OK);
        assert_int_equal(nrn_netcon_set(m, nc, NRN_NC_THRESHOLD, -30 + 2 * i), NRN_OK);
        snprintf(name, sizeof name, "spk%d", i);
        assert_int_equal(nrn_vector_set(m, name, NULL, 0, &vec), NRN_OK);
        assert_int_equal(nrn_netcon_record(m, nc, vec), NRN_OK);
    }
    assert_int_equal(nrn_finitialize(m, -65), NRN_OK);
    for (int k = 0; k < 320; k++)
        assert_int_equal(nrn_fadvance(m), NRN_OK);
    return m;
}

/* The threshold check loads 8 sources on consecutive values (8 interleaved cells) as one
** vector (thresholds.c): the same spikes as the sources in the opposite order, which make
** no such runs. */
static void test_thresholds_runs(void **state)
{
    (void)state;
    int n = 24, total = 0;
    nrn_model *a = watched(n, 0), *b = watched(n, 1);
    assert_non_null(a->thr.run[0]);
    assert_null(b->thr.run[0]);
    for (int i = 0; i < n; i++) {
        char name[32];
        size_t na, nb;
        snprintf(name, sizeof name, "spk%d", i);
        const double *x = nrn_vector_data(a, nrn_vector_find(a, name), &na);
        const double *y = nrn_vector_data(b, nrn_vector_find(b, name), &nb);
        assert_int_equal(na, nb);
        assert_true(na == 0 || memcmp(x, y, na * sizeof *x) == 0);
        total += (int)na;
    }
    assert_true(total >= n);
    nrn_model_free(&a);
    nrn_model_free(&b);
}

/* No order of the tiles and the rest ends every type that computes GLOBALs at its last
** instance (hh's is in the rest; kx's is in a tile and it has instances in the rest): the
** passes run.
** A type that does not say inst_local (SEClamp) keeps the passes too. */
static void test_tiles_when(void **state)
{
    (void)state;
    char buf[256];
    const char *shape = shapes(buf, sizeof buf, "8A1B16A1C");
    assert_int_equal(strlen(shape), 26);
    assert_int_equal(fused_vs_passes(shape, 0, NULL), 0);
    nrn_model *a = net(shapes(buf, sizeof buf, "8A1B96A2B"), buf);
    int id;
    assert_int_equal(nrn_pp_new(a, "SEClamp", "vc", 0, 0.5, &id), NRN_OK);
    assert_int_equal(nrn_finitialize(a, -65), NRN_OK);
    assert_int_equal(nrn_fadvance(a), NRN_OK);
    assert_false(blocks_fusable(a));
    nrn_model_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tiles_equal_passes),
        cmocka_unit_test(test_tiles_rest_first),
        cmocka_unit_test(test_tiles_rest_units),
        cmocka_unit_test(test_tiles_one_compartment),
        cmocka_unit_test(test_thresholds_runs),
        cmocka_unit_test(test_nonfinite),
        cmocka_unit_test(test_tiles_when),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
