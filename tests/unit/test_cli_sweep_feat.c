/*
** test_cli_sweep_feat.c: nrn-sweep's features against traces whose eFEL values can be
** worked out by hand from eFEL's documented definitions (docs/source/eFeatures.rst):
** triangular spikes on a flat baseline, sampled every 0.1 ms.
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>

#include <cmocka.h>

#include "../../src/cli/sweep/sweep_feat.h"

#define N 1001 /* 0 to 100 ms by 0.1 */

static double t[N], v[N];

/* A flat -70 mV trace with triangular spikes to +31 mV peaking at the given times (ms):
** 1 ms up, 1 ms down, so the half-height (-19.5 mV) width is 1 ms. (No sample lies on
** the -20 mV threshold: eFEL's crossings are strict, a sample on it hides the spike.) */
static void make_trace(const double *peaks, int n)
{
    for (int i = 0; i < N; i++) {
        t[i] = i / 10.0;
        v[i] = -70;
        for (int k = 0; k < n; k++) {
            double d = fabs(t[i] - peaks[k]);
            if (d < 1 - 1e-9)
                v[i] = 31 - 101 * d;
        }
    }
}

static void compute(double start, double end, double *out)
{
    struct sweep_feat_opts o;
    int ids[SWEEP_NFEATS];
    sweep_feat_defaults(&o);
    o.stim_start = start;
    o.stim_end = end;
    for (int i = 0; i < SWEEP_NFEATS; i++)
        ids[i] = i;
    assert_int_equal(sweep_feat_compute(t, v, N, &o, ids, SWEEP_NFEATS, out), 0);
}

/* Four spikes at 20, 40, 60, 90 ms; stimulus 10 to 80 ms. */
static void test_four_spikes(void **state)
{
    static const double peaks[] = { 20, 40, 60, 90 };
    double f[SWEEP_NFEATS];
    (void)state;
    make_trace(peaks, 4);
    compute(10, 80, f);
    assert_true(f[SWEEP_SPIKECOUNT] == 4);                       /* every peak, stimulus or not */
    assert_float_equal(f[SWEEP_TIME_TO_FIRST_SPIKE], 10, 1e-12); /* 20 - stim_start */
    assert_float_equal(f[SWEEP_MEAN_FREQUENCY], 60, 1e-9);       /* 3 in stim: 3000/(60-10) */
    /* ISI_values leave out the first interval: [20, 30]; std (n-1) / mean = sqrt(50)/25 */
    assert_float_equal(f[SWEEP_ISI_CV], sqrt(50) / 25, 1e-12);
    assert_float_equal(f[SWEEP_AP_AMPLITUDE], 101, 1e-9);        /* peak - v at AP begin */
    assert_float_equal(f[SWEEP_AP_DURATION_HALF_WIDTH], 1, 1e-9);
    assert_float_equal(f[SWEEP_VOLTAGE_BASE], -70, 1e-12);       /* 9 <= t <= 10 */
    assert_float_equal(f[SWEEP_MINIMUM_VOLTAGE], -70, 1e-12);
    assert_float_equal(f[SWEEP_MAXIMUM_VOLTAGE], 31, 1e-12);
}

/* No spike: the count is 0, the spike features are undefined, the voltages are there. */
static void test_no_spike(void **state)
{
    double f[SWEEP_NFEATS];
    (void)state;
    make_trace(NULL, 0);
    for (int i = 0; i < N; i++)
        v[i] = -65 + (t[i] > 10.05 && t[i] <= 80 ? 5 * sin(t[i]) : 0);
    compute(10, 80, f);
    assert_true(f[SWEEP_SPIKECOUNT] == 0);
    assert_true(isnan(f[SWEEP_TIME_TO_FIRST_SPIKE]));
    assert_true(isnan(f[SWEEP_MEAN_FREQUENCY]));
    assert_true(isnan(f[SWEEP_ISI_CV]));
    assert_true(isnan(f[SWEEP_AP_AMPLITUDE]));
    assert_true(isnan(f[SWEEP_AP_DURATION_HALF_WIDTH]));
    assert_float_equal(f[SWEEP_VOLTAGE_BASE], -65, 1e-12);
    assert_true(f[SWEEP_MAXIMUM_VOLTAGE] <= -60 && f[SWEEP_MAXIMUM_VOLTAGE] > -60.01);
    assert_true(f[SWEEP_MINIMUM_VOLTAGE] >= -70 && f[SWEEP_MINIMUM_VOLTAGE] < -69.99);
}

/* Threshold crossings are strict (eFEL): a peak that reaches the threshold but does not
** cross it is not a spike; a lower threshold finds it. Two spikes give no ISI_CV (one ISI value after the first is left out). */
static void test_threshold_and_isi(void **state)
{
    static const double peaks[] = { 30, 50 };
    struct sweep_feat_opts o;
    int ids[] = { SWEEP_SPIKECOUNT, SWEEP_ISI_CV, SWEEP_MEAN_FREQUENCY };
    double f[3];
    (void)state;
    make_trace(peaks, 2);
    sweep_feat_defaults(&o);
    o.stim_start = 0;
    o.stim_end = 100;
    assert_int_equal(sweep_feat_compute(t, v, N, &o, ids, 3, f), 0);
    assert_true(f[0] == 2);
    assert_true(isnan(f[1]));
    assert_float_equal(f[2], 2000.0 / 50, 1e-9);
    o.threshold = 31; /* the peaks reach 31 but do not cross it */
    assert_int_equal(sweep_feat_compute(t, v, N, &o, ids, 3, f), 0);
    assert_true(f[0] == 0);
    o.threshold = 30;
    assert_int_equal(sweep_feat_compute(t, v, N, &o, ids, 3, f), 0);
    assert_true(f[0] == 2);
}

/* Spikes outside the stimulus count for Spikecount, not for AP_amplitude or mean_frequency. */
static void test_outside_stimulus(void **state)
{
    static const double peaks[] = { 5, 50 };
    double f[SWEEP_NFEATS];
    (void)state;
    make_trace(peaks, 2);
    compute(40, 60, f);
    assert_true(f[SWEEP_SPIKECOUNT] == 2);
    assert_float_equal(f[SWEEP_TIME_TO_FIRST_SPIKE], 5 - 40, 1e-12); /* eFEL: peak_time[0] */
    assert_float_equal(f[SWEEP_MEAN_FREQUENCY], 1000.0 / 10, 1e-9);
    assert_float_equal(f[SWEEP_AP_AMPLITUDE], 101, 1e-9);
    assert_float_equal(f[SWEEP_VOLTAGE_BASE], -70, 1e-12); /* 36 <= t <= 40 */
}

/* Names: every feature is found by its eFEL name, unknown ones are not. */
static void test_names(void **state)
{
    (void)state;
    for (int i = 0; i < SWEEP_NFEATS; i++)
        assert_int_equal(sweep_feat_find(sweep_feats[i].name), i);
    assert_int_equal(sweep_feat_find("spikecount"), -1);
    assert_int_equal(sweep_feat_find("AP_width"), -1);
    assert_true(sweep_feats[SWEEP_SPIKECOUNT].is_int);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_four_spikes),
        cmocka_unit_test(test_no_spike),
        cmocka_unit_test(test_threshold_and_isi),
        cmocka_unit_test(test_outside_stimulus),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
