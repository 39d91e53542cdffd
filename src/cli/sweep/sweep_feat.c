/*
** sweep_feat.c: eFEL features of one trace (see sweep_feat.h). The intermediate index
** sets follow eFEL's C++ core step by step: peak_indices, min_AHP_indices, the central
** difference dV/dt, AP_begin_indices, AP_end_indices, AP_rise/fall_indices.
*/
#include "sweep_feat.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* See sweep_feat.h. */
const struct sweep_feat_info sweep_feats[SWEEP_NFEATS] = {
    { "Spikecount", "", 1, "number of peaks above the threshold in the whole trace" },
    { "time_to_first_spike", "ms", 0, "time of the first peak minus stim_start" },
    { "mean_frequency", "Hz", 0, "1000 N / (last peak time - stim_start), N peaks in the stimulus" },
    { "ISI_CV", "", 0, "std/mean of the interspike intervals, the first one left out" },
    { "AP_amplitude", "mV", 0, "mean over spikes in the stimulus of peak minus AP begin voltage" },
    { "AP_duration_half_width", "ms", 0, "mean spike width at half the height from AP begin" },
    { "voltage_base", "mV", 0, "mean voltage for 0.9 stim_start <= t <= stim_start" },
    { "minimum_voltage", "mV", 0, "minimum voltage for stim_start <= t <= stim_end" },
    { "maximum_voltage", "mV", 0, "maximum voltage for stim_start <= t <= stim_end" },
};

/* See sweep_feat.h. */
int sweep_feat_find(const char *name)
{
    for (int i = 0; i < SWEEP_NFEATS; i++)
        if (strcmp(sweep_feats[i].name, name) == 0)
            return i;
    return -1;
}

/* See sweep_feat.h. */
void sweep_feat_defaults(struct sweep_feat_opts *o)
{
    o->threshold = -20;
    o->stim_start = 0;
    o->stim_end = 0;
    o->deriv_threshold = 10;
    o->deriv_window = 3;
    o->down_deriv = -12;
}

/* A growable array of sample indices. */
struct feat_idx {
    size_t *a; /* the indices */
    size_t n;  /* how many */
    size_t cap; /* allocated */
    int oom;   /* an append failed */
};

static void idx_push(struct feat_idx *x, size_t i)
{
    if (x->n == x->cap) {
        size_t cap = x->cap ? 2 * x->cap : 16;
        size_t *a = realloc(x->a, cap * sizeof *a);
        if (a == NULL) {
            x->oom = 1;
            return;
        }
        x->a = a;
        x->cap = cap;
    }
    x->a[x->n++] = i;
}

/*
** eFEL peak_indices: upward crossings (v[i] > thr > v[i-1], strictly) and downward ones;
** downward crossings before the first upward one are dropped, unmatched upward ones at
** the end too; each peak is the first maximum from an upward crossing to its downward one.
*/
static void feat_peaks(const double *v, size_t len, double thr, struct feat_idx *pk)
{
    struct feat_idx up = { 0 }, dn = { 0 };
    size_t d0 = 0, nup;
    for (size_t i = 1; i < len; i++) {
        if (v[i] > thr && v[i - 1] < thr)
            idx_push(&up, i);
        else if (v[i] < thr && v[i - 1] > thr)
            idx_push(&dn, i);
    }
    if (up.n > 0 && dn.n > 0) {
        while (d0 < dn.n && dn.a[d0] < up.a[0])
            d0++;
        nup = up.n < dn.n - d0 ? up.n : dn.n - d0;
        for (size_t i = 0; i < nup; i++) {
            double best = -1e9;
            size_t bi = 0;
            int set = 0;
            for (size_t j = up.a[i]; j <= dn.a[d0 + i]; j++)
                if (best < v[j]) {
                    best = v[j];
                    bi = j;
                    set = 1;
                }
            if (set)
                idx_push(pk, bi);
        }
    }
    if (up.oom || dn.oom)
        pk->oom = 1;
    free(up.a);
    free(dn.a);
}

/* eFEL min_AHP_indices (strict_stiminterval off): the first minimum from each peak to the
** next peak (the trace's end after the last one), unless it is the last sample. */
static void feat_min_ahp(const double *v, size_t len, const struct feat_idx *pk, struct feat_idx *ahp)
{
    for (size_t i = 0; i < pk->n; i++) {
        size_t from = pk->a[i], to = i + 1 < pk->n ? pk->a[i + 1] : len, m = from;
        for (size_t j = from; j < to; j++)
            if (v[j] < v[m])
                m = j;
        if (from < to && m != len - 1)
            idx_push(ahp, m);
    }
}

/* eFEL getCentralDifferenceDerivative of v and of t, then dV/dt (mV/ms = V/s). */
static void feat_dvdt(const double *t, const double *v, size_t len, double *d)
{
    for (size_t i = 0; i < len; i++) {
        double dv, dt;
        if (i == 0) {
            dv = v[1] - v[0];
            dt = t[1] - t[0];
        } else if (i == len - 1) {
            dv = v[len - 1] - v[len - 2];
            dt = t[len - 1] - t[len - 2];
        } else {
            dv = (v[i + 1] - v[i - 1]) / 2;
            dt = (t[i + 1] - t[i - 1]) / 2;
        }
        d[i] = dv / dt;
    }
}

/* Index of the first sample with t >= x (len if none). */
static size_t feat_first_at(const double *t, size_t len, double x)
{
    size_t i = 0;
    while (i < len && !(t[i] >= x))
        i++;
    return i;
}

/*
** eFEL AP_begin_indices: for each peak after the stimulus start, search back from the peak
** towards the previous AHP minimum for the last sample with dV/dt <= the threshold; the
** begin is the sample after it, provided dV/dt stays above the threshold for deriv_window
** samples from there (else search on, further back). Returns 0, or -1 when eFEL fails
** (more peaks than minima).
*/
static int feat_ap_begin(const double *t, size_t len, const double *dvdt,
                         const struct sweep_feat_opts *o, const struct feat_idx *pk,
                         const struct feat_idx *ahp, struct feat_idx *apb)
{
    struct feat_idx minima = { 0 }, peaks = { 0 };
    size_t sbi = feat_first_at(t, len, o->stim_start);
    long endindex = (long)len, width = o->deriv_window;
    int rc = 0;

    idx_push(&minima, sbi > 1 ? sbi - 2 : (sbi == 1 ? 0 : sbi));
    for (size_t i = 0; i < ahp->n; i++)
        if (ahp->a[i] > sbi)
            idx_push(&minima, ahp->a[i]);
    for (size_t i = 0; i < pk->n; i++)
        if (pk->a[i] > sbi)
            idx_push(&peaks, pk->a[i]);
    if (minima.n < peaks.n || endindex < width + 1) {
        rc = -1;
        goto done;
    }
    for (size_t i = 0; i < peaks.n; i++) {
        long newbegin = (long)peaks.a[i], lo = (long)minima.a[i], begin;
        int skip = 0, again;
        do {
            long j = newbegin - 1;
            while (j >= lo && !(dvdt[j] <= o->deriv_threshold))
                j--;
            begin = j >= lo ? j + 1 : lo;
            if (begin > endindex - width)
                begin = endindex - width;
            if (begin <= lo) {
                skip = 1;
                break;
            }
            newbegin = begin - 1;
            again = 0;
            for (long k = begin; k < begin + width; k++)
                if (dvdt[k] < o->deriv_threshold)
                    again = 1;
        } while (again);
        if (!skip)
            idx_push(apb, (size_t)begin);
    }
done:
    if (minima.oom || peaks.oom)
        apb->oom = 1;
    free(minima.a);
    free(peaks.a);
    return rc;
}

/* eFEL AP_end_indices: after each peak (after the stimulus start), from the steepest fall
** before the next peak, the first sample where dV/dt >= down_deriv. */
static void feat_ap_end(const double *t, size_t len, const double *dvdt,
                        const struct sweep_feat_opts *o, const struct feat_idx *pk,
                        struct feat_idx *ape)
{
    struct feat_idx peaks = { 0 };
    size_t sbi = feat_first_at(t, len, o->stim_start);
    for (size_t i = 0; i < pk->n; i++)
        if (pk->a[i] > sbi)
            idx_push(&peaks, pk->a[i]);
    idx_push(&peaks, len - 1);
    for (size_t i = 0; i + 1 < peaks.n; i++) {
        size_t start = peaks.a[i] + 1, end = peaks.a[i + 1], ms = start, k;
        if (start >= end || start >= len || end >= len)
            continue;
        for (k = start; k < end; k++)
            if (dvdt[k] < dvdt[ms])
                ms = k;
        for (k = ms; k < end && !(dvdt[k] >= o->down_deriv); k++)
            ;
        if (k < end)
            idx_push(ape, k);
    }
    if (peaks.oom)
        ape->oom = 1;
    free(peaks.a);
}

/* First index in [from, to) where |v - level| is smallest (to if the range is empty). */
static size_t feat_closest(const double *v, size_t from, size_t to, double level)
{
    size_t best = to;
    for (size_t j = from; j < to; j++)
        if (best == to || fabs(v[j] - level) < fabs(v[best] - level))
            best = j;
    return best;
}

/* Mean of v over the samples with lo <= t <= hi (NaN if none). */
static double feat_mean_in(const double *t, const double *v, size_t len, double lo, double hi)
{
    double s = 0;
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (t[i] >= lo && t[i] <= hi) {
            s += v[i];
            n++;
        }
    return n ? s / (double)n : NAN;
}

/* Minimum (sign -1: maximum) of v over lo <= t <= hi (NaN if none). */
static double feat_extreme_in(const double *t, const double *v, size_t len, double lo, double hi,
                              int want_max)
{
    double m = NAN;
    for (size_t i = 0; i < len; i++)
        if (t[i] >= lo && t[i] <= hi && (isnan(m) || (want_max ? v[i] > m : v[i] < m)))
            m = v[i];
    return m;
}

/* See sweep_feat.h. */
int sweep_feat_compute(const double *t, const double *v, size_t len,
                       const struct sweep_feat_opts *o, const int *ids, int n, double *out)
{
    struct feat_idx pk = { 0 }, ahp = { 0 }, apb = { 0 }, ape = { 0 };
    double *dvdt = NULL;
    int need_shape = 0, apb_ok = 0, rc = 0;

    for (int i = 0; i < n; i++) {
        out[i] = NAN;
        need_shape |= ids[i] == SWEEP_AP_AMPLITUDE || ids[i] == SWEEP_AP_DURATION_HALF_WIDTH;
    }
    if (len == 0)
        return 0;
    feat_peaks(v, len, o->threshold, &pk);
    if (need_shape && pk.n > 0 && len >= 2) {
        if ((dvdt = malloc(len * sizeof *dvdt)) == NULL) {
            rc = -1;
            goto done;
        }
        feat_dvdt(t, v, len, dvdt);
        feat_min_ahp(v, len, &pk, &ahp);
        apb_ok = feat_ap_begin(t, len, dvdt, o, &pk, &ahp, &apb) == 0;
        feat_ap_end(t, len, dvdt, o, &pk, &ape);
    }
    if (pk.oom || ahp.oom || apb.oom || ape.oom) {
        rc = -1;
        goto done;
    }
    for (int i = 0; i < n; i++) {
        double x = NAN;
        switch (ids[i]) {
        case SWEEP_SPIKECOUNT:
            x = (double)pk.n;
            break;
        case SWEEP_TIME_TO_FIRST_SPIKE:
            if (pk.n > 0)
                x = t[pk.a[0]] - o->stim_start;
            break;
        case SWEEP_MEAN_FREQUENCY: {
            double last = 0;
            size_t cnt = 0;
            for (size_t k = 0; k < pk.n; k++) {
                double pt = t[pk.a[k]];
                if (pt >= o->stim_start && pt <= o->stim_end) {
                    last = pt;
                    cnt++;
                }
            }
            if (pk.n > 0 && last != o->stim_start)
                x = cnt ? (double)cnt * 1000 / (last - o->stim_start) : 0.0;
            break;
        }
        case SWEEP_ISI_CV:
            if (pk.n >= 4) { /* ISI_values leave the first interval out: need 2 of them */
                size_t m = pk.n - 2;
                double mean = 0, var = 0;
                for (size_t k = 2; k < pk.n; k++)
                    mean += t[pk.a[k]] - t[pk.a[k - 1]];
                mean /= (double)m;
                for (size_t k = 2; k < pk.n; k++) {
                    double d = t[pk.a[k]] - t[pk.a[k - 1]] - mean;
                    var += d * d;
                }
                var /= (double)(m - 1);
                x = sqrt(var) / mean;
            }
            break;
        case SWEEP_AP_AMPLITUDE: {
            double s = 0;
            size_t cnt = 0;
            if (!apb_ok)
                break;
            for (size_t k = 0; k < pk.n; k++) {
                double pt = t[pk.a[k]];
                if (pt >= o->stim_start && pt <= o->stim_end) {
                    if (cnt >= apb.n) { /* eFEL: more peaks in the stimulus than AP begins */
                        cnt = 0;
                        break;
                    }
                    s += v[pk.a[k]] - v[apb.a[cnt]];
                    cnt++;
                }
            }
            if (cnt)
                x = s / (double)cnt;
            break;
        }
        case SWEEP_AP_DURATION_HALF_WIDTH: {
            size_t m = apb.n < pk.n ? apb.n : pk.n;
            double s = 0;
            size_t cnt = 0;
            if (!apb_ok)
                break;
            for (size_t k = 0; k < m; k++) {
                size_t b = apb.a[k], p = pk.a[k], r, f;
                double half = (v[p] + v[b]) / 2;
                if (p < b) { /* eFEL: peak and begin out of step */
                    cnt = 0;
                    break;
                }
                if (k >= ape.n || p > ape.a[k])
                    continue;
                r = feat_closest(v, b, p, half);
                f = feat_closest(v, p, ape.a[k], half);
                if (r >= p || f >= ape.a[k])
                    continue;
                s += t[f] - t[r];
                cnt++;
            }
            if (cnt)
                x = s / (double)cnt;
            break;
        }
        case SWEEP_VOLTAGE_BASE:
            x = feat_mean_in(t, v, len, 0.9 * o->stim_start, 1.0 * o->stim_start);
            break;
        case SWEEP_MINIMUM_VOLTAGE:
            x = feat_extreme_in(t, v, len, o->stim_start, o->stim_end, 0);
            break;
        case SWEEP_MAXIMUM_VOLTAGE:
            x = feat_extreme_in(t, v, len, o->stim_start, o->stim_end, 1);
            break;
        }
        out[i] = x;
    }
done:
    free(dvdt);
    free(pk.a);
    free(ahp.a);
    free(apb.a);
    free(ape.a);
    return rc;
}
