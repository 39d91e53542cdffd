/*
** test_cvode.c: the variable time step's engine interface (settings, checks, counters)
** and its numbers on cases with closed forms: a passive compartment charged by a current
** step, an ExpSyn's exponential decay after one event, fixed step untouched; a run in
** slices (nrn_continuerun_until) equal to one continuerun.
*/
#include <math.h>
#include "testutil.h"
#include "nrn_int.h"

/* A 10 x 10 um passive compartment (g_pas 1e-3, e_pas -65) with an IClamp. */
static nrn_model *pas_cell(double del, double dur, double amp)
{
    nrn_model *m = nrn_model_new();
    int s, ic;
    nrn_section_new(m, "soma", &s);
    nrn_section_set(m, s, NRN_SEC_L, 10);
    nrn_section_set(m, s, NRN_SEC_DIAM, 10);
    assert_int_equal(nrn_insert(m, s, "pas"), NRN_OK);
    nrn_set(m, "soma.g_pas", 1e-3);
    nrn_set(m, "soma.e_pas", -65);
    assert_int_equal(nrn_pp_new(m, "IClamp", "ic", s, 0.5, &ic), NRN_OK);
    nrn_set(m, "ic.del", del);
    nrn_set(m, "ic.dur", dur);
    nrn_set(m, "ic.amp", amp);
    return m;
}

static void test_settings(void **state)
{
    (void)state;
    nrn_model *m = nrn_model_new();
    assert_true(nrn_cvode_get(m, NRN_CV_ACTIVE) == 0);
    assert_true(nrn_cvode_get(m, NRN_CV_ATOL) == 1e-3);
    assert_true(nrn_cvode_get(m, NRN_CV_RTOL) == 0);
    assert_true(nrn_cvode_get(m, NRN_CV_MAXORDER) == 5);
    assert_true(nrn_cvode_get(m, NRN_CV_CONDITION_ORDER) == 1);
    assert_int_equal(nrn_cvode_set(m, NRN_CV_ATOL, 0), NRN_EINVAL);
    assert_string_equal(nrn_errmsg(m), "cvode: atol must be > 0, got 0");
    assert_int_equal(nrn_cvode_set(m, NRN_CV_RTOL, -1), NRN_EINVAL);
    assert_int_equal(nrn_cvode_set(m, NRN_CV_MAXSTEP, 0), NRN_EINVAL);
    assert_int_equal(nrn_cvode_set(m, NRN_CV_MAXORDER, 2.5), NRN_EINVAL);
    assert_int_equal(nrn_cvode_set(m, NRN_CV_CONDITION_ORDER, 3), NRN_EINVAL);
    assert_int_equal(nrn_cvode_atolscale(m, "m_hh", 0), NRN_EINVAL);
    assert_int_equal(nrn_cvode_set(m, NRN_CV_ATOL, 1e-6), NRN_OK);
    assert_true(nrn_cvode_get(m, NRN_CV_ATOL) == 1e-6);
    assert_int_equal(nrn_cvode_atolscale(m, "*_hh", 0.5), NRN_OK);
    const char *pat;
    double sc;
    assert_int_equal(nrn_cvode_atolscale_count(m), 1);
    assert_int_equal(nrn_cvode_atolscale_get(m, 0, &pat, &sc), NRN_OK);
    assert_string_equal(pat, "*_hh");
    assert_true(sc == 0.5);
    nrn_model_free(&m);
}

/* v(t) = e + I/G (1 - exp(-(t - del) G/C)) while the step is on: CVODE at atol 1e-7 is
** within 1e-5 mV of it, restarts once at the onset, and takes far fewer steps than 0.025 ms. */
static void test_pas_charge(void **state)
{
    (void)state;
    nrn_model *m = pas_cell(1, 100, 0.01);
    double area = 100 * M_PI;                   /* um2 */
    double G = 1e-3 * area * 1e-8 * 1e6;        /* uS: S/cm2 * cm2 -> uS */
    double C = 1 * area * 1e-8 * 1e3;           /* nF: uF/cm2 * cm2 -> nF */
    double tau = C / G;                         /* ms */
    int rv;
    nrn_ref r;
    assert_int_equal(nrn_ref_lookup(m, "soma(0.5).v", &r), NRN_OK);
    assert_int_equal(nrn_record_add(m, &r, &rv), NRN_OK);
    assert_int_equal(nrn_cvode_set(m, NRN_CV_ATOL, 1e-7), NRN_OK);
    assert_int_equal(nrn_cvode_set(m, NRN_CV_ACTIVE, 1), NRN_OK);
    assert_int_equal(nrn_finitialize(m, -65), NRN_OK);
    for (int k = 1; k <= 8; k++) {
        double T = 1 + k * 0.5 * tau;
        assert_int_equal(nrn_continuerun(m, T), NRN_OK);
        assert_true(nrn_time(m) == T);
        double v;
        nrn_get(m, "soma(0.5).v", &v);
        double want = -65 + 0.01 / G * (1 - exp(-(T - 1) / tau));
        assert_close(v, want, 0, 1e-5);
    }
    nrn_cvode_stats st;
    nrn_cvode_stats_get(m, &st);
    assert_true(st.steps > 10 && st.steps < 400);
    assert_true(st.fevals >= st.steps);
    assert_true(st.inits == 2); /* finitialize, the onset */
    assert_int_equal((int)st.neq, 1);
    nrn_model_free(&m);
}

/* An ExpSyn's g after one NetCon event at 2 ms: w exp(-(t - 2)/tau), the event placed
** exactly. */
static void test_expsyn_event(void **state)
{
    (void)state;
    nrn_model *m = pas_cell(0, 0, 0);
    int syn, ns, nc;
    assert_int_equal(nrn_pp_new(m, "ExpSyn", "syn", 0, 0.5, &syn), NRN_OK);
    nrn_set(m, "syn.tau", 3);
    assert_int_equal(nrn_pp_new(m, "NetStim", "ns", -1, 0, &ns), NRN_OK);
    nrn_set(m, "ns.start", 1);
    nrn_set(m, "ns.number", 1);
    assert_int_equal(nrn_netcon_new(m, "nc", NULL, ns, syn, &nc), NRN_OK);
    nrn_netcon_set(m, nc, NRN_NC_DELAY, 1);
    nrn_netcon_set(m, nc, NRN_NC_WEIGHT, 0.002);
    nrn_cvode_set(m, NRN_CV_ATOL, 1e-8);
    nrn_cvode_set(m, NRN_CV_ACTIVE, 1);
    assert_int_equal(nrn_finitialize(m, -65), NRN_OK);
    assert_int_equal(nrn_continuerun(m, 1.999), NRN_OK);
    double g;
    nrn_get(m, "syn.g", &g);
    assert_true(g == 0);
    assert_int_equal(nrn_continuerun(m, 8), NRN_OK);
    nrn_get(m, "syn.g", &g);
    assert_close(g, 0.002 * exp(-6. / 3), 1e-9, 1e-5);
    nrn_model_free(&m);
}

/* Switching CVODE off gives the fixed step's numbers again, bit for bit. */
static void test_fixed_untouched(void **state)
{
    (void)state;
    double v[2];
    for (int k = 0; k < 2; k++) {
        nrn_model *m = pas_cell(0.5, 1, 0.05);
        if (k) {
            nrn_cvode_set(m, NRN_CV_ACTIVE, 1);
            nrn_finitialize(m, -65);
            nrn_continuerun(m, 1);
            nrn_cvode_set(m, NRN_CV_ACTIVE, 0);
        }
        assert_int_equal(nrn_finitialize(m, -65), NRN_OK);
        assert_int_equal(nrn_continuerun(m, 3), NRN_OK);
        nrn_get(m, "soma(0.5).v", &v[k]);
        nrn_model_free(&m);
    }
    assert_true(v[0] == v[1]);
}

/* hh under a pulse, rows of t and v every step: run in slices of until < tstop, then to tstop. */
static nrn_model *sliced_run(const double *until, int n, double tstop)
{
    nrn_model *m = pas_cell(1, 0.5, 0.1);
    assert_int_equal(nrn_insert(m, 0, "hh"), NRN_OK);
    nrn_ref r;
    int id;
    assert_int_equal(nrn_ref_lookup(m, "t", &r), NRN_OK);
    assert_int_equal(nrn_record_add(m, &r, &id), NRN_OK);
    assert_int_equal(nrn_ref_lookup(m, "soma(0.5).v", &r), NRN_OK);
    assert_int_equal(nrn_record_add(m, &r, &id), NRN_OK);
    nrn_cvode_set(m, NRN_CV_ATOL, 1e-5);
    nrn_cvode_set(m, NRN_CV_ACTIVE, 1);
    assert_int_equal(nrn_finitialize(m, -65), NRN_OK);
    for (int k = 0; k < n; k++) {
        assert_int_equal(nrn_continuerun_until(m, tstop, until[k]), NRN_OK);
        assert_true(nrn_time(m) >= until[k] && nrn_time(m) <= tstop);
    }
    assert_int_equal(nrn_continuerun_until(m, tstop, tstop), NRN_OK);
    assert_true(nrn_time(m) == tstop);
    return m;
}

/* A run in slices (nrn-tui's) takes the steps of one continuerun: the same rows, bit for
** bit, however the slices fall (inside steps, on the onset, just before tstop). */
static void test_slices(void **state)
{
    (void)state;
    static const double cuts[] = {0.01, 0.3, 1, 1.2, 1.21, 2.5, 4.9999};
    nrn_model *one = sliced_run(NULL, 0, 5);
    nrn_model *cut = sliced_run(cuts, 7, 5);
    for (int id = 0; id < 2; id++) {
        size_t n = nrn_record_len(one, id);
        assert_true(n > 50);
        assert_int_equal(nrn_record_len(cut, id), n);
        assert_memory_equal(nrn_record_data(one, id), nrn_record_data(cut, id),
                            n * sizeof(double));
    }
    nrn_cvode_stats a, b;
    nrn_cvode_stats_get(one, &a);
    nrn_cvode_stats_get(cut, &b);
    assert_true(a.steps == b.steps && a.fevals == b.fevals && a.inits == b.inits);
    nrn_model_free(&one);
    nrn_model_free(&cut);
}

/* A type with states but no CVODE equations (an NMODL mechanism the translator could not
** give them) is refused by name, at activation and at the first step. */
static void test_refuse_unsupported(void **state)
{
    (void)state;
    nrn_model *m = pas_cell(0, 0, 0);
    int t = nrn_mech_find(m, "hh");
    nrn_mech_type fake = *m->types[t].d;
    fake.ode_spec = NULL;
    m->types[t].d = &fake;
    assert_int_equal(nrn_insert(m, 0, "hh"), NRN_OK);
    assert_int_equal(nrn_cvode_set(m, NRN_CV_ACTIVE, 1), NRN_OK); /* not compiled yet */
    assert_int_equal(nrn_finitialize(m, -65), NRN_OK);
    assert_int_equal(nrn_fadvance(m), NRN_EINVAL);
    assert_string_equal(nrn_errmsg(m), "cvode: mechanism hh has states without CVODE equations");
    assert_int_equal(nrn_cvode_set(m, NRN_CV_ACTIVE, 0), NRN_OK);
    assert_int_equal(nrn_cvode_set(m, NRN_CV_ACTIVE, 1), NRN_EINVAL); /* compiled: at once */
    assert_string_equal(nrn_errmsg(m), "cvode: mechanism hh has states without CVODE equations");
    nrn_model_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_settings),
        cmocka_unit_test(test_pas_charge),
        cmocka_unit_test(test_expsyn_event),
        cmocka_unit_test(test_fixed_untouched),
        cmocka_unit_test(test_slices),
        cmocka_unit_test(test_refuse_unsupported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
