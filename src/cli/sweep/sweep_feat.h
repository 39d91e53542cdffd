/*
** sweep_feat.h: features of a voltage trace, with eFEL's names and definitions
** (BlueBrain/eFEL docs/source/eFeatures.rst and its C++ core), so that sweep results
** compare with eFEL and BluePyOpt. Each feature is one number per trace: where eFEL
** gives one value per spike (AP_amplitude, AP_duration_half_width) we give their mean.
** Undefined values (no spike, too few spikes) are NaN; the callers store them as NULL.
** Differences from eFEL: the samples are used as recorded (eFEL first resamples at
** interp_step = 0.1 ms; record with --every 0.1 for the same grid). No Tcl, no engine.
*/
#ifndef SWEEP_FEAT_H
#define SWEEP_FEAT_H

#include <stddef.h>

/* The features, in the order of sweep_feats[]. */
enum sweep_feat_id {
    SWEEP_SPIKECOUNT,
    SWEEP_TIME_TO_FIRST_SPIKE,
    SWEEP_MEAN_FREQUENCY,
    SWEEP_ISI_CV,
    SWEEP_AP_AMPLITUDE,
    SWEEP_AP_DURATION_HALF_WIDTH,
    SWEEP_VOLTAGE_BASE,
    SWEEP_MINIMUM_VOLTAGE,
    SWEEP_MAXIMUM_VOLTAGE,
    SWEEP_NFEATS
};

/* What a feature is. */
struct sweep_feat_info {
    const char *name; /* eFEL's name */
    const char *unit; /* "ms", "Hz", "mV", "" */
    int is_int;       /* an integer (Spikecount) */
    const char *text; /* one line for --help */
};

/* The table, indexed by enum sweep_feat_id. */
extern const struct sweep_feat_info sweep_feats[SWEEP_NFEATS];

/* Index of the feature named name (exact, case-sensitive), or -1. */
int sweep_feat_find(const char *name);

/* eFEL's settings that the features depend on (defaults: sweep_feat_defaults). */
struct sweep_feat_opts {
    double threshold;       /* spike detection threshold, mV (eFEL Threshold, -20) */
    double stim_start;      /* stimulus start, ms */
    double stim_end;        /* stimulus end, ms */
    double deriv_threshold; /* AP begin: dV/dt threshold, mV/ms (DerivativeThreshold, 10) */
    int deriv_window;       /* AP begin: samples above it (DerivativeWindow, 3) */
    double down_deriv;      /* AP end: dV/dt threshold, mV/ms (DownDerivativeThreshold, -12) */
};

/* Fills o with eFEL's defaults and a stimulus from 0 to 0. */
void sweep_feat_defaults(struct sweep_feat_opts *o);

/*
** Computes the n features ids of the trace (t[i], v[i]), i < len, into out[0..n). Values
** that are undefined are NaN. Returns 0, or -1 when out of memory (all outputs NaN).
*/
int sweep_feat_compute(const double *t, const double *v, size_t len,
                       const struct sweep_feat_opts *o, const int *ids, int n, double *out);

#endif /* SWEEP_FEAT_H */
