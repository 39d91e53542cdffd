/*
** test_run_guards.c: the simulation path against misuse, through the public API (issue
** 11): step counts that would never end are refused with the number, setdt cannot
** overflow, run's change of dt reaches the notice callback, pinned globals keep their
** value, a record of a deleted object and decreasing play times are errors, and the
** NaN message names the segment, the variable and a cause that fits.
*/
#include <unistd.h>

#include "testutil.h"
#include "nrn.h"

/* Asserts rc and that the message contains text. */
#define assert_err(m, call, code, text)                                                        \
    do {                                                                                       \
        int rc_ = (call);                                                                      \
        assert_int_equal(rc_, code);                                                           \
        if (!strstr(nrn_errmsg(m), text))                                                      \
            fail_msg("message \"%s\" lacks \"%s\"", nrn_errmsg(m), text);                      \
    } while (0)

/* A soma with hh. */
static nrn_model *soma_hh(void)
{
    nrn_model *m = nrn_model_new();
    int soma;
    assert_int_equal(nrn_section_new(m, "soma", &soma), NRN_OK);
    assert_int_equal(nrn_insert(m, soma, "hh"), NRN_OK);
    return m;
}

/* The notices a model sent: the last one and how many. */
struct notices {
    char last[256];
    int n;
};

static void on_notice(void *ud, nrn_model *m, const char *msg)
{
    struct notices *no = ud;
    (void)m;
    snprintf(no->last, sizeof no->last, "%s", msg);
    no->n++;
}

/* dt, steps_per_ms and tstop that would take more than NRN_MAX_STEPS steps. */
static void test_step_limits(void **state)
{
    (void)state;
    nrn_model *m = soma_hh();
    double dt;
    assert_int_equal(nrn_set(m, "dt", 1e-11), NRN_OK);
    assert_err(m, nrn_run(m), NRN_EINVAL, "is 5e+11 steps, more than the limit of 1e+09");
    assert_int_equal(nrn_get(m, "dt", &dt), NRN_OK);
    assert_true(dt == 1e-11); /* nothing changed */
    assert_int_equal(nrn_set(m, "dt", 1e-320), NRN_OK);
    assert_err(m, nrn_run(m), NRN_EINVAL, "an endless number of steps");
    assert_int_equal(nrn_set(m, "dt", 0.025), NRN_OK);
    assert_int_equal(nrn_set(m, "steps_per_ms", 1e-300), NRN_OK);
    assert_err(m, nrn_run(m), NRN_EINVAL, "steps_per_ms 1e-300 with dt 0.025 ms is 4e+301 steps");
    assert_int_equal(nrn_set(m, "steps_per_ms", 1e300), NRN_OK);
    assert_err(m, nrn_run(m), NRN_EINVAL, "steps_per_ms 1e+300 makes dt 1e-300 ms");
    assert_int_equal(nrn_set(m, "steps_per_ms", 40), NRN_OK);
    assert_int_equal(nrn_finitialize(m, -65), NRN_OK);
    assert_err(m, nrn_continuerun(m, 1e12), NRN_EINVAL, "4e+13 steps");
    assert_int_equal(nrn_record_set_interval(m, 1e-6), NRN_OK);
    assert_err(m, nrn_continuerun(m, 1), NRN_EINVAL, "record interval 1e-06 ms is under half");
    assert_int_equal(nrn_record_set_interval(m, 0.025), NRN_OK);
    assert_int_equal(nrn_continuerun(m, 1), NRN_OK);
    assert_err(m, nrn_set(m, "dt", INFINITY), NRN_EINVAL, "dt must be finite");
    assert_err(m, nrn_set(m, "tstop", NAN), NRN_EINVAL, "NaN");
    nrn_model_free(&m);
}

/* run's setdt reports a changed dt once per change, with the value used. */
static void test_dt_notice(void **state)
{
    (void)state;
    nrn_model *m = soma_hh();
    struct notices no = { "", 0 };
    nrn_set_notice_callback(m, on_notice, &no);
    assert_int_equal(nrn_set(m, "dt", 0.01), NRN_OK);
    assert_int_equal(nrn_set(m, "tstop", 0.1), NRN_OK);
    assert_int_equal(nrn_run(m), NRN_OK);
    assert_int_equal(no.n, 1);
    assert_string_equal(no.last, "dt 0.01 ms changed to 0.0125 ms: run takes an integer number "
                                 "of steps per 1/steps_per_ms = 0.025 ms");
    assert_int_equal(nrn_run(m), NRN_OK); /* dt is 0.0125 now: nothing to say */
    assert_int_equal(no.n, 1);
    nrn_model_free(&m);
}

/* A pinned global keeps its value; other sets are notices, not errors. */
static void test_pin(void **state)
{
    (void)state;
    nrn_model *m = soma_hh();
    struct notices no = { "", 0 };
    double v;
    nrn_set_notice_callback(m, on_notice, &no);
    assert_int_equal(nrn_pin(m, "tstop", 20, "--tstop"), NRN_OK);
    assert_int_equal(nrn_set(m, "tstop", 5), NRN_OK);
    assert_int_equal(nrn_get(m, "tstop", &v), NRN_OK);
    assert_true(v == 20);
    assert_string_equal(no.last, "tstop 5 ignored: --tstop 20 wins");
    assert_int_equal(nrn_set(m, "tstop", 20), NRN_OK); /* the same value: silent */
    assert_int_equal(no.n, 1);
    assert_err(m, nrn_pin(m, "soma.L", 3, "x"), NRN_EINVAL, "not a simulation global");
    assert_err(m, nrn_pin(m, "dt", -1, "--dt"), NRN_EINVAL, "dt must be > 0");
    nrn_model_free(&m);
}

/* A record of a deleted point process fails the run instead of sampling NaN. */
static void test_record_deleted(void **state)
{
    (void)state;
    nrn_model *m = soma_hh();
    nrn_ref r;
    int ic;
    assert_int_equal(nrn_pp_new(m, "IClamp", "ic", 0, 0.5, &ic), NRN_OK);
    assert_int_equal(nrn_ref_lookup(m, "ic.i", &r), NRN_OK);
    assert_int_equal(nrn_record_add(m, &r, NULL), NRN_OK);
    assert_int_equal(nrn_pp_delete(m, ic), NRN_OK);
    assert_err(m, nrn_finitialize(m, -65), NRN_ENOTFOUND,
               "record ic.i: its object was deleted after the record was made");
    nrn_model_free(&m);
}

/* Play times may repeat (a step) but not decrease. */
static void test_play_times(void **state)
{
    (void)state;
    nrn_model *m = soma_hh();
    nrn_ref r;
    int y, t, t2;
    const double yy[] = { 0, 1, 2 }, bad[] = { 0, 2, 1 }, ok[] = { 0, 1, 1 };
    assert_int_equal(nrn_pp_new(m, "IClamp", "ic", 0, 0.5, NULL), NRN_OK);
    assert_int_equal(nrn_ref_lookup(m, "ic.amp", &r), NRN_OK);
    assert_int_equal(nrn_vector_set(m, "y", yy, 3, &y), NRN_OK);
    assert_int_equal(nrn_vector_set(m, "t", bad, 3, &t), NRN_OK);
    assert_int_equal(nrn_vector_set(m, "t2", ok, 3, &t2), NRN_OK);
    assert_err(m, nrn_play(m, &r, y, t, 0, 0), NRN_EINVAL, "t[2] = 1 after 2");
    assert_int_equal(nrn_play(m, &r, y, t2, 0, 0), NRN_OK);
    assert_err(m, nrn_play(m, &r, y, -1, INFINITY, 0), NRN_EINVAL, "must be finite");
    nrn_model_free(&m);
}

/* The NaN message: segment, variable, cause. */
static void test_nan_message(void **state)
{
    (void)state;
    nrn_model *m = soma_hh();
    assert_int_equal(nrn_set(m, "celsius", 1e6), NRN_OK);
    assert_int_equal(nrn_finitialize(m, -65), NRN_OK);
    assert_err(m, nrn_continuerun(m, 1), NRN_ENUMERIC, "soma(0.5).v became nan at t = ");
    assert_non_null(strstr(nrn_errmsg(m), "_hh is not finite there (celsius is 1e+06)"));
    assert_null(strstr(nrn_errmsg(m), "dt"));
    nrn_model_free(&m);
}

/* A state file whose length field is not its size is refused before any allocation. */
static void test_state_length(void **state)
{
    (void)state;
    nrn_model *m = soma_hh();
    char path[] = "/tmp/nrn_guard_stateXXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(nrn_finitialize(m, -65), NRN_OK);
    nrn_state *st = nrn_state_save(m), *back = NULL;
    assert_non_null(st);
    assert_int_equal(nrn_state_write(m, st, path), NRN_OK);
    assert_int_equal(nrn_state_read(m, path, &back), NRN_OK);
    nrn_state_free(&back);
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    unsigned long long huge = 1ULL << 39;
    assert_int_equal(fseek(f, 20, SEEK_SET), 0);
    assert_int_equal(fwrite(&huge, sizeof huge, 1, f), 1);
    fclose(f);
    assert_err(m, nrn_state_read(m, path, &back), NRN_EFORMAT,
               "its length field does not match the file");
    assert_null(back);
    nrn_state_free(&st);
    unlink(path);
    nrn_model_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_step_limits),    cmocka_unit_test(test_dt_notice),
        cmocka_unit_test(test_pin),            cmocka_unit_test(test_record_deleted),
        cmocka_unit_test(test_play_times),     cmocka_unit_test(test_nan_message),
        cmocka_unit_test(test_state_length),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
