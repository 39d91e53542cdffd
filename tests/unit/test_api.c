/*
** test_api.c: the public API's behaviour and error paths: every bad argument is a
** status with a message naming the bad thing, never a crash, and leaves the model usable.
*/
#include "testutil.h"
#include "nrn.h"

static nrn_model *ball_stick(void)
{
    nrn_model *m = nrn_model_new();
    int soma, dend;
    assert_int_equal(nrn_section_new(m, "soma", &soma), NRN_OK);
    assert_int_equal(nrn_section_new(m, "dend", &dend), NRN_OK);
    assert_int_equal(nrn_connect(m, dend, 0, soma, 1), NRN_OK);
    assert_int_equal(nrn_insert(m, soma, "hh"), NRN_OK);
    return m;
}

/* Asserts rc and that the message contains text. */
#define assert_err(m, call, code, text)                                                        \
    do {                                                                                       \
        int rc_ = (call);                                                                      \
        assert_int_equal(rc_, code);                                                           \
        if (!strstr(nrn_errmsg(m), text))                                                      \
            fail_msg("message \"%s\" lacks \"%s\"", nrn_errmsg(m), text);                      \
    } while (0)

static void test_defaults(void **state)
{
    (void)state;
    nrn_model *m = ball_stick();
    double v;
    struct { const char *path; double want; } d[] = {
        {"soma.L", 100}, {"soma.diam", 500}, {"soma.nseg", 1}, {"soma.Ra", 35.4},
        {"soma.cm", 1}, {"dt", 0.025}, {"celsius", 6.3}, {"v_init", -65}, {"tstop", 5},
        {"secondorder", 0}, {"soma(0.5).gnabar_hh", 0.12}, {"soma(0.5).hh.gkbar", 0.036},
        {"soma(0.5).ena", 50}, {"soma(0.5).ek", -77}, {"soma(0.5).nai", 10},
        {"soma(0.5).v", -65}, {"usetable_hh", 1}, {"soma(0).ri", 1e30}, {"soma(0).area", 0},
    };
    for (size_t i = 0; i < sizeof d / sizeof d[0]; i++) {
        if (nrn_get(m, d[i].path, &v))
            fail_msg("%s: %s", d[i].path, nrn_errmsg(m));
        assert_close(v, d[i].want, 0, 0);
    }
    assert_string_equal(nrn_status_name(NRN_ENOTFOUND), "ENOTFOUND");
    nrn_model_free(&m);
    assert_null(m);
    nrn_model_free(&m); /* NULL-safe */
}

static void test_section_errors(void **state)
{
    (void)state;
    nrn_model *m = ball_stick();
    int id;
    assert_err(m, nrn_section_new(m, "soma", &id), NRN_EEXIST, "already exists");
    assert_err(m, nrn_section_new(m, "a b", &id), NRN_EINVAL, "bad section name");
    assert_err(m, nrn_section_new(m, "", &id), NRN_EINVAL, "bad section name");
    assert_err(m, nrn_section_set(m, 0, NRN_SEC_NSEG, -3), NRN_EINVAL, "nseg must be");
    assert_err(m, nrn_section_set(m, 0, NRN_SEC_NSEG, 2.5), NRN_EINVAL, "nseg must be");
    assert_err(m, nrn_section_set(m, 0, NRN_SEC_L, 0), NRN_EINVAL, "L must be > 0");
    assert_err(m, nrn_section_set(m, 0, NRN_SEC_DIAM, -1), NRN_EINVAL, "diam must be > 0");
    assert_err(m, nrn_section_set(m, 0, NRN_SEC_RA, NAN), NRN_EINVAL, "finite");
    assert_err(m, nrn_section_set(m, 7, NRN_SEC_L, 1), NRN_ENOTFOUND, "no section");
    assert_err(m, nrn_insert(m, 0, "hhh"), NRN_ENOTFOUND, "unknown mechanism \"hhh\"");
    assert_err(m, nrn_insert(m, 0, "IClamp"), NRN_EINVAL, "point process");
    assert_int_equal(nrn_insert(m, 0, "hh"), NRN_OK); /* twice is fine, as in NEURON */
    assert_int_equal(nrn_section_count(m), 2);
    nrn_model_free(&m);
}

static void test_connect_errors(void **state)
{
    (void)state;
    nrn_model *m = ball_stick();
    int c;
    nrn_section_new(m, "c", &c);
    assert_err(m, nrn_connect(m, 0, 0, 0, 0.5), NRN_ETOPOLOGY, "itself");
    assert_err(m, nrn_connect(m, 0, 0, 1, 1), NRN_ETOPOLOGY, "loop");
    assert_err(m, nrn_connect(m, c, 0, 0, 1.5), NRN_EINVAL, "x must be in [0,1]");
    assert_err(m, nrn_connect(m, c, 0.5, 0, 1), NRN_EINVAL, "0 or 1");
    assert_int_equal(nrn_connect(m, c, 0, 1, 1), NRN_OK);
    assert_int_equal(nrn_connect(m, c, 0, 0, 0.5), NRN_OK); /* reconnect moves it */
    int p;
    double x;
    nrn_section_parent(m, c, &p, &x, NULL);
    assert_int_equal(p, 0);
    assert_close(x, 0.5, 0, 0);
    assert_int_equal(nrn_disconnect(m, c), NRN_OK);
    int roots[4];
    assert_int_equal(nrn_roots(m, roots, 4), 2);
    assert_int_equal(nrn_node_count(m), 2 + 2 + 2 + 2);
    nrn_model_free(&m);
}

static void test_paths(void **state)
{
    (void)state;
    nrn_model *m = ball_stick();
    double v;
    assert_err(m, nrn_get(m, "dend[3](0.5).v", &v), NRN_ENOTFOUND, "no section named \"dend[3]\"");
    assert_err(m, nrn_get(m, "soma(0.5).gnabar_hx", &v), NRN_ENOTFOUND,
               "unknown variable \"gnabar_hx\" at soma(0.5); did you mean gnabar_hh?");
    assert_err(m, nrn_get(m, "soma(1.5).v", &v), NRN_EINVAL, "x must be in [0,1]");
    assert_err(m, nrn_get(m, "soma(0.5", &v), NRN_EINVAL, "missing ')'");
    assert_err(m, nrn_get(m, "soma(abc).v", &v), NRN_EINVAL, "not a number");
    assert_err(m, nrn_get(m, "soma(0.5)", &v), NRN_EINVAL, "expected a variable");
    assert_err(m, nrn_get(m, "dend(0.5).gnabar_hh", &v), NRN_ENOTFOUND, "hh is not inserted in dend");
    assert_err(m, nrn_get(m, "dend(0.5).ena", &v), NRN_ENOTFOUND, "no na ion in dend");
    assert_err(m, nrn_get(m, "celsuis", &v), NRN_ENOTFOUND, "did you mean celsius?");
    assert_err(m, nrn_get(m, "soma", &v), NRN_EINVAL, "is a section");
    assert_err(m, nrn_get(m, "soma.Lx", &v), NRN_ENOTFOUND, "did you mean L?");
    assert_err(m, nrn_get(m, "ic.amp", &v), NRN_ENOTFOUND, "no section or object named \"ic\"");
    assert_err(m, nrn_set(m, "soma(0.5).area", 3), NRN_EINVAL, "read-only");
    assert_err(m, nrn_set(m, "dt", 0), NRN_EINVAL, "dt must be > 0");
    assert_err(m, nrn_set(m, "secondorder", 3), NRN_EINVAL, "0, 1 or 2");
    assert_err(m, nrn_get(m, "", &v), NRN_EINVAL, "empty");
    /* names with dots: cell7.soma */
    int s;
    assert_int_equal(nrn_section_new(m, "cell7.soma", &s), NRN_OK);
    assert_int_equal(nrn_set(m, "cell7.soma.L", 12), NRN_OK);
    assert_int_equal(nrn_get(m, "cell7.soma.L", &v), NRN_OK);
    assert_close(v, 12, 0, 0);
    assert_int_equal(nrn_get(m, "cell7.soma(0.5).v", &v), NRN_OK);
    /* section-wide range assignment reaches every segment */
    assert_int_equal(nrn_set(m, "soma.nseg", 3), NRN_OK);
    assert_int_equal(nrn_set(m, "soma.gnabar_hh", 0.2), NRN_OK);
    assert_int_equal(nrn_get(m, "soma(0.1).gnabar_hh", &v), NRN_OK);
    assert_close(v, 0.2, 0, 0);
    assert_int_equal(nrn_get(m, "soma(0.9).hh.gnabar", &v), NRN_OK);
    assert_close(v, 0.2, 0, 0);
    nrn_model_free(&m);
}

/* Spec 1.8: refining nseg keeps values piecewise constant. */
static void test_nseg_keeps_values(void **state)
{
    (void)state;
    nrn_model *m = ball_stick();
    double v;
    nrn_set(m, "soma.nseg", 2);
    nrn_set(m, "soma(0.25).gnabar_hh", 0.3);
    nrn_set(m, "soma(0.75).gnabar_hh", 0.5);
    nrn_set(m, "soma.nseg", 4);
    const double want[] = { 0.3, 0.3, 0.5, 0.5 };
    for (int j = 0; j < 4; j++) {
        char p[64];
        snprintf(p, sizeof p, "soma(%g).gnabar_hh", (j + 0.5) / 4);
        assert_int_equal(nrn_get(m, p, &v), NRN_OK);
        assert_close(v, want[j], 0, 0);
    }
    nrn_set(m, "soma.nseg", 1);
    nrn_get(m, "soma(0.5).gnabar_hh", &v);
    assert_close(v, 0.5, 0, 0); /* the old segment containing 0.5 is the third */
    assert_int_equal(nrn_uninsert(m, 0, "hh"), NRN_OK);
    assert_int_equal(nrn_has_mech(m, 0, "hh"), 0);
    assert_err(m, nrn_get(m, "soma(0.5).gnabar_hh", &v), NRN_ENOTFOUND, "not inserted");
    nrn_model_free(&m);
}

static void test_point_processes(void **state)
{
    (void)state;
    nrn_model *m = ball_stick();
    int ic, sec;
    double x, v;
    assert_int_equal(nrn_pp_new(m, "IClamp", "ic", 0, 0.5, &ic), NRN_OK);
    assert_err(m, nrn_pp_new(m, "IClamp", "ic", 0, 0.5, NULL), NRN_EEXIST, "already exists");
    assert_err(m, nrn_pp_new(m, "IKlamp", "ic2", 0, 0.5, NULL), NRN_ENOTFOUND, "IKlamp");
    assert_err(m, nrn_pp_new(m, "hh", "ic2", 0, 0.5, NULL), NRN_EINVAL, "not a point process");
    assert_err(m, nrn_pp_new(m, "IClamp", "ic2", 0, 2, NULL), NRN_EINVAL, "x must be in [0,1]");
    assert_int_equal(nrn_set(m, "ic.delay", 1), NRN_OK); /* NEURON's Python alias of del */
    assert_int_equal(nrn_get(m, "ic.del", &v), NRN_OK);
    assert_close(v, 1, 0, 0);
    assert_err(m, nrn_get(m, "ic.ampp", &v), NRN_ENOTFOUND, "did you mean amp?");
    assert_string_equal(nrn_pp_type(m, ic), "IClamp");
    assert_int_equal(nrn_pp_move(m, ic, 1, 0.25), NRN_OK);
    nrn_pp_loc(m, ic, &sec, &x);
    assert_int_equal(sec, 1);
    assert_close(x, 0.25, 0, 0);
    nrn_ref r;
    assert_int_equal(nrn_ref_lookup(m, "ic.i", &r), NRN_OK);
    assert_int_equal(nrn_pp_delete(m, ic), NRN_OK);
    assert_int_equal(nrn_pp_find(m, "ic"), -1);
    assert_err(m, nrn_ref_get(m, &r, &v), NRN_ENOTFOUND, "deleted");
    nrn_model_free(&m);
}

/* Spec 9.9 record variants: samples every 0.1 ms land on the nearest step; the t of
** each sample is the accumulated sampling time; none after the last step. */
static void test_record_interval(void **state)
{
    (void)state;
    nrn_model *m = ball_stick();
    nrn_ref r;
    nrn_ref_lookup(m, "t", &r);
    nrn_record_add(m, &r, NULL);
    assert_int_equal(nrn_record_set_interval(m, 0.1), NRN_OK);
    assert_int_equal(nrn_finitialize(m, -65), NRN_OK);
    assert_int_equal(nrn_continuerun(m, 1), NRN_OK);
    assert_int_equal(nrn_record_len(m, 0), 10);
    const double *t = nrn_record_data(m, 0);
    assert_close(t[3], 0.30000000000000004, 0, 0);
    assert_close(t[9], 0.8999999999999999, 0, 0);
    assert_err(m, nrn_record_set_interval(m, -1), NRN_EINVAL, ">= 0");
    nrn_model_free(&m);
}

static size_t ncalls;
static void count_cb(void *ud, nrn_model *m, size_t k)
{
    (void)ud;
    (void)m;
    assert_int_equal(k, ncalls);
    ncalls++;
}

/* stdrun: continuerun(10) at dt 0.025 gives 400 steps and t = 9.999999999999966;
** run() with dt 0.01 changes dt to 0.0125 (setdt). The callback sees every sample. */
static void test_run_and_callback(void **state)
{
    (void)state;
    nrn_model *m = ball_stick();
    nrn_ref r;
    nrn_ref_lookup(m, "soma(0.5).v", &r);
    nrn_record_add(m, &r, NULL);
    nrn_record_set_callback(m, count_cb, NULL);
    assert_int_equal(nrn_finitialize(m, -65), NRN_OK);
    assert_int_equal(nrn_continuerun(m, 10), NRN_OK);
    assert_int_equal(nrn_step_count(m), 400);
    assert_close(nrn_time(m), 9.999999999999966, 0, 0);
    assert_int_equal(ncalls, 401);
    nrn_record_set_callback(m, NULL, NULL);
    nrn_set(m, "dt", 0.01);
    assert_int_equal(nrn_run(m), NRN_OK);
    double dt;
    nrn_get(m, "dt", &dt);
    assert_close(dt, 0.0125, 0, 0);
    assert_close(nrn_time(m), 5, 0, 1e-9);
    nrn_model_free(&m);
}

/* A blow-up is an error naming where, not a crash. */
static void test_numeric_error(void **state)
{
    (void)state;
    nrn_model *m = ball_stick();
    nrn_set(m, "soma.nseg", 1);
    nrn_pp_new(m, "IClamp", "ic", 0, 0.5, NULL);
    nrn_set(m, "ic.amp", 1e308);
    nrn_set(m, "ic.dur", 10);
    nrn_set(m, "soma.L", 1e-3);
    nrn_set(m, "soma.diam", 1e-3);
    assert_int_equal(nrn_finitialize(m, -65), NRN_OK);
    int rc = nrn_continuerun(m, 1);
    assert_int_equal(rc, NRN_ENUMERIC);
    assert_non_null(strstr(nrn_errmsg(m), "soma"));
    nrn_model_free(&m);
}

static void test_catalogue(void **state)
{
    (void)state;
    nrn_model *m = nrn_model_new();
    int hh = nrn_mech_find(m, "hh");
    assert_true(hh >= 0);
    assert_int_equal(nrn_mech_kind_of(m, hh), NRN_DENSITY);
    assert_int_equal(nrn_mech_nvar(m, hh), 10);
    assert_string_equal(nrn_mech_var(m, hh, 0)->name, "gnabar");
    assert_string_equal(nrn_mech_var(m, hh, 0)->unit, "S/cm2");
    assert_int_equal(nrn_mech_kind_of(m, nrn_mech_find(m, "IClamp")), NRN_POINT);
    assert_null(nrn_mech_var(m, hh, 99));
    assert_null(nrn_mech_name(m, -1));
    nrn_model_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),        cmocka_unit_test(test_section_errors),
        cmocka_unit_test(test_connect_errors),  cmocka_unit_test(test_paths),
        cmocka_unit_test(test_nseg_keeps_values), cmocka_unit_test(test_point_processes),
        cmocka_unit_test(test_record_interval), cmocka_unit_test(test_run_and_callback),
        cmocka_unit_test(test_numeric_error),   cmocka_unit_test(test_catalogue),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
