/*
** golden.h: helpers for the tests that compare the engine with NEURON references in
** tests/golden: building blocks for models and check(), which records every CSV column,
** runs, and compares traces (|dv| <= 1e-9 mV, others 1e-12 relative) and spike times
** ("# spikes LABEL: ..." lines, compared with the vector named spk_LABEL) exactly.
*/
#ifndef GOLDEN_H
#define GOLDEN_H

#include "testutil.h"
#include "nrn.h"

/* Largest deviations seen, printed at the end for the closing figures. */
static double worst_v, worst_rel;
static int nspikes_checked;
/* Tolerance of columns other than v: |got - want| <= golden_rtol |want| + golden_atol. */
static double golden_rtol = 1e-12, golden_atol = 1e-300;
/* Largest relative deviation of the last check (to report figures). */
static double golden_last_rel;

/* Creates a section with L, diam, nseg; returns its id. */
static inline int sec(nrn_model *m, const char *name, double L, double diam, int nseg)
{
    int id;
    assert_int_equal(nrn_section_new(m, name, &id), NRN_OK);
    assert_int_equal(nrn_section_set(m, id, NRN_SEC_L, L), NRN_OK);
    assert_int_equal(nrn_section_set(m, id, NRN_SEC_DIAM, diam), NRN_OK);
    assert_int_equal(nrn_section_set(m, id, NRN_SEC_NSEG, nseg), NRN_OK);
    return id;
}

static inline void set(nrn_model *m, const char *path, double v)
{
    if (nrn_set(m, path, v) != NRN_OK)
        fail_msg("set %s: %s", path, nrn_errmsg(m));
}

static inline void iclamp(nrn_model *m, const char *name, const char *secname, double x, double del,
                   double dur, double amp)
{
    char p[128];
    assert_int_equal(nrn_pp_new(m, "IClamp", name, nrn_section_find(m, secname), x, NULL), NRN_OK);
    snprintf(p, sizeof p, "%s.del", name), set(m, p, del);
    snprintf(p, sizeof p, "%s.dur", name), set(m, p, dur);
    snprintf(p, sizeof p, "%s.amp", name), set(m, p, amp);
}

/* Compares the "# spikes LABEL: t ..." lines of golden file path with vectors spk_LABEL. */
static inline void check_spikes(nrn_model *m, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        fail_msg("cannot read %s", path);
    static char line[1 << 16];
    while (fgets(line, sizeof line, f)) {
        char label[128], vname[160];
        int off;
        if (sscanf(line, "# spikes %127[^:]:%n", label, &off) != 1)
            continue;
        snprintf(vname, sizeof vname, "spk_%s", label);
        int id = nrn_vector_find(m, vname);
        if (id < 0)
            fail_msg("%s: no vector %s for the spikes of %s", path, vname, label);
        size_t n;
        const double *d = nrn_vector_data(m, id, &n);
        char *p = line + off;
        size_t k = 0;
        for (;;) {
            char *end;
            double want = strtod(p, &end);
            if (end == p)
                break;
            p = end;
            if (k >= n)
                fail_msg("%s: %s has %zu spikes, NEURON more", path, label, n);
            if (d[k] != want)
                fail_msg("%s: spike %zu of %s: got %.17g want %.17g", path, k, label, d[k], want);
            k++;
            nspikes_checked++;
        }
        if (k != n)
            fail_msg("%s: %s has %zu spikes, NEURON %zu", path, label, n, k);
    }
    fclose(f);
}

/* Makes vector spk_LABEL and records NetCon label's source spikes into it. */
static inline void record_spikes(nrn_model *m, const char *label)
{
    char vname[160];
    int vec;
    snprintf(vname, sizeof vname, "spk_%s", label);
    assert_int_equal(nrn_vector_set(m, vname, NULL, 0, &vec), NRN_OK);
    int nc = nrn_netcon_find(m, label);
    if (nc >= 0)
        assert_int_equal(nrn_netcon_record(m, nc, vec), NRN_OK);
    else
        assert_int_equal(nrn_pp_record(m, nrn_pp_find(m, label), vec), NRN_OK);
}

static inline void check_v(nrn_model *m, const char *name, double v_init, double tstop);

/* Records every column of golden NAME, runs finitialize(-65) + continuerun(tstop),
** compares, frees m. */
static inline void check(nrn_model *m, const char *name, double tstop)
{
    check_v(m, name, -65, tstop);
}

static inline void check_v(nrn_model *m, const char *name, double v_init, double tstop)
{
    char rel[256];
    snprintf(rel, sizeof rel, "tests/golden/%s.csv", name);
    struct gcsv g;
    if (gcsv_read(test_path(rel), &g))
        fail_msg("cannot read %s", rel);
    for (int c = 0; c < g.ncol; c++) {
        nrn_ref r;
        if (nrn_ref_lookup(m, g.names[c], &r) || nrn_record_add(m, &r, NULL))
            fail_msg("%s: %s", g.names[c], nrn_errmsg(m));
    }
    if (nrn_finitialize(m, v_init) || nrn_continuerun(m, tstop))
        fail_msg("run: %s", nrn_errmsg(m));
    assert_int_equal(nrn_record_len(m, 0), g.nrow);
    for (int c = 0; c < g.ncol; c++) {
        const double *d = nrn_record_data(m, c);
        size_t ln = strlen(g.names[c]);
        int isv = ln >= 2 && strcmp(g.names[c] + ln - 2, ".v") == 0;
        for (size_t k = 0; k < g.nrow; k++) {
            double want = g.data[k * (size_t)g.ncol + (size_t)c], diff = fabs(d[k] - want);
            if (isv && diff > worst_v)
                worst_v = diff;
            if (!isv && want != 0 && diff / fabs(want) > worst_rel)
                worst_rel = diff / fabs(want);
            if (!isv && diff / (fabs(want) + 1e-300) > golden_last_rel)
                golden_last_rel = diff / (fabs(want) + 1e-300);
            if (isv ? diff > 1e-9 : diff > golden_rtol * fabs(want) + golden_atol)
                fail_msg("%s: %s row %zu: got %.17g want %.17g", name, g.names[c], k, d[k], want);
        }
    }
    gcsv_free(&g);
    check_spikes(m, test_path(rel));
    nrn_model_free(&m);
}

#endif /* GOLDEN_H */
