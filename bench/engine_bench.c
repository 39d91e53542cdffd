/*
** engine_bench.c: builds the NEURON reference benchmark models of bench/neuron through
** libnrn's public API (nrn.h), times the simulation loop and prints one RESULT line
** with the same field names as the .hoc files print, so bench/run.sh can compare them.
**
**   engine_bench axon [--nseg N]          (default 10001)
**   engine_bench tree [--depth D]         (default 9)
**   engine_bench many_cells [--ncells N] [--hoc-order 0|1]  (default 10000, 0)
**   engine_bench ring [--ncells N] [--weight W]  (default 1000, 0.01)
**   engine_bench hh1 [--reps R]           (default 1000 timed runs after one checked run)
**   engine_bench hh1_once                 (build + one run + print: the startup driver)
**   common: [--tstop T]
**
** Timing: clock_gettime(CLOCK_MONOTONIC) around nrn_continuerun only (NEURON's wall_s
** times pc.psolve); build and finitialize are timed separately (build_s, init_s).
** ns_per_cstep = wall_s * 1e9 / (ncomp * steps), ncomp = sum of nseg, steps = steps taken.
** For hh1, wall_s is the mean over REPS runs of finitialize + continuerun, as hh1.hoc does.
** Checksums: v at tstop at named places, sums of v over all segments at tstop, sums over
** time of a recorded v, and spikes: as the .hoc files, a NetCon on v(0.5) (threshold 10,
** no target, or the ring's synapse) whose source records its spike times into a vector
** (nrn_netcon_record; NEURON's nc.record(vec)). Where the .hoc records (time, id) pairs
** into one vector pair (nc.record(spkt, spkid, i): many_cells, ring), every NetCon records
** into one time vector and the spike callback collects the ids in the same order (the
** callback's times are checked against the vector). DETAIL lines print the spike lists as
** the .hoc files do (%.6g, comma separated).
*/
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include "nrn.h"

static nrn_model *M;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void die(const char *what, int rc)
{
    fprintf(stderr, "engine_bench: %s: %s: %s\n", what, nrn_status_name(rc),
            M ? nrn_errmsg(M) : "");
    exit(1);
}

#define CHECK(what, call)                                                                    \
    do {                                                                                     \
        int rc_ = (call);                                                                    \
        if (rc_)                                                                             \
            die(what, rc_);                                                                  \
    } while (0)

static long maxrss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static int new_section_mech(const char *name, double L, double diam, int nseg, double Ra,
                            const char *mech)
{
    int id;
    CHECK(name, nrn_section_new(M, name, &id));
    CHECK("nseg", nrn_section_set(M, id, NRN_SEC_NSEG, nseg));
    CHECK("L", nrn_section_set(M, id, NRN_SEC_L, L));
    CHECK("diam", nrn_section_set(M, id, NRN_SEC_DIAM, diam));
    if (Ra > 0)
        CHECK("Ra", nrn_section_set(M, id, NRN_SEC_RA, Ra));
    CHECK("cm", nrn_section_set(M, id, NRN_SEC_CM, 1.0));
    if (mech)
        CHECK(mech, nrn_insert(M, id, mech));
    return id;
}

static int new_section(const char *name, double L, double diam, int nseg, double Ra)
{
    return new_section_mech(name, L, diam, nseg, Ra, "hh");
}

static void set(const char *path, double v)
{
    CHECK(path, nrn_set(M, path, v));
}

static double get(const char *path)
{
    double v;
    CHECK(path, nrn_get(M, path, &v));
    return v;
}

/* v at sec(x) by section id (no name lookup): a resolved ref retargeted. */
static nrn_ref vref_proto;
static double v_at(int sec, double x)
{
    nrn_ref r = vref_proto;
    r.sec = sec;
    r.x = x;
    double v;
    CHECK("v", nrn_ref_get(M, &r, &v));
    return v;
}

/* NEURON's: vall = 0  forall for (x, 0) vall += v(x)  (sections in creation order). */
static double vsum_all(void)
{
    double s = 0;
    int n = nrn_section_count(M);
    for (int i = 0; i < n; i++) {
        double nseg;
        CHECK("nseg", nrn_section_get(M, i, NRN_SEC_NSEG, &nseg));
        for (int j = 0; j < (int)nseg; j++)
            s += v_at(i, (j + 0.5) / nseg);
    }
    return s;
}

static long ncomp_total(void)
{
    long n = 0;
    int ns = nrn_section_count(M);
    for (int i = 0; i < ns; i++) {
        double nseg;
        CHECK("nseg", nrn_section_get(M, i, NRN_SEC_NSEG, &nseg));
        n += (long)nseg;
    }
    return n;
}

static double rec_sum(int id)
{
    size_t n = nrn_record_len(M, id);
    const double *d = nrn_record_data(M, id);
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += d[i];
    return s;
}

/* ---- spikes ---- */

/* A new empty vector named name. */
static int new_vector(const char *name)
{
    int id;
    CHECK(name, nrn_vector_set(M, name, NULL, 0, &id));
    return id;
}

/* NetCon name from src (a resolved v ref) to target (-1: none), threshold 10; its source
** records spike times into vec when vec >= 0. Returns the NetCon id. */
static int netcon_v(const char *name, const nrn_ref *src, int target, int vec)
{
    int nc;
    CHECK(name, nrn_netcon_new(M, name, src, -1, target, &nc));
    CHECK("threshold", nrn_netcon_set(M, nc, NRN_NC_THRESHOLD, 10));
    if (vec >= 0)
        CHECK("record", nrn_netcon_record(M, nc, vec));
    return nc;
}

static const double *vec_data(int vec, size_t *n)
{
    const double *d = nrn_vector_data(M, vec, n);
    if (!d)
        die("vector", NRN_ENOTFOUND);
    return d;
}

/* Prints the vector as the .hoc files do: %.6g values separated by ',' */
static void print_list(int vec)
{
    size_t n;
    const double *d = vec_data(vec, &n);
    for (size_t i = 0; i < n; i++)
        printf("%.6g%s", d[i], i + 1 < n ? "," : "");
}

/* Vector.sum(): in order. */
static double vec_sum(int vec)
{
    size_t n;
    const double *d = vec_data(vec, &n);
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += d[i];
    return s;
}

/* (gid, t) of every spike in firing order, from the spike callback; the gid is the index
** in the first "[i]" of the source's label ("cell[12](0.5).v", "cells[3].soma(0.5).v"). */
static struct spikes {
    size_t n, cap;
    int *gid;
    double *t;
    int bad; /* a label without an index */
} S;

static void on_spike(void *ud, nrn_model *m, const char *source, double t)
{
    (void)m;
    if (ud && strcmp(source, (const char *)ud) == 0) /* a source to leave out */
        return;
    const char *b = strchr(source, '[');
    if (!b) {
        S.bad++;
        return;
    }
    if (S.n == S.cap) {
        S.cap = S.cap ? 2 * S.cap : 1024;
        S.gid = realloc(S.gid, sizeof *S.gid * S.cap);
        S.t = realloc(S.t, sizeof *S.t * S.cap);
        if (!S.gid || !S.t) {
            fprintf(stderr, "engine_bench: out of memory\n");
            exit(1);
        }
    }
    S.gid[S.n] = atoi(b + 1);
    S.t[S.n++] = t;
}

/* The callback's list must be the recorded vector, value for value. */
static void check_spike_ids(int vec)
{
    size_t n;
    const double *d = vec_data(vec, &n);
    if (S.bad)
        fprintf(stderr, "engine_bench: %d spikes from sources without an index\n", S.bad);
    if (n != S.n) {
        fprintf(stderr, "engine_bench: spike vector has %zu spikes, callback saw %zu\n", n, S.n);
        exit(1);
    }
    for (size_t i = 0; i < n; i++)
        if (memcmp(&d[i], &S.t[i], sizeof d[i]) != 0) {
            fprintf(stderr, "engine_bench: spike %zu: vector %.17g, callback %.17g\n", i, d[i],
                    S.t[i]);
            exit(1);
        }
}

static void globals(double tstop)
{
    set("celsius", 6.3);
    set("dt", 0.025);
    set("steps_per_ms", 40);
    set("tstop", tstop);
    set("v_init", -65);
}

static int add_record(const char *path)
{
    nrn_ref r;
    int id;
    CHECK(path, nrn_ref_lookup(M, path, &r));
    CHECK(path, nrn_record_add(M, &r, &id));
    return id;
}

/* finitialize + continuerun, timed separately; returns the loop's seconds. */
static double run_timed(double tstop, double *init_s)
{
    double t0 = now();
    CHECK("finitialize", nrn_finitialize(M, -65));
    double t1 = now();
    CHECK("continuerun", nrn_continuerun(M, tstop));
    double t2 = now();
    if (init_s)
        *init_s = t1 - t0;
    return t2 - t1;
}

static void print_head(const char *name, long ncomp, long steps, double wall, double build_s,
                       double init_s)
{
    printf("RESULT name=%s ncomp=%ld steps=%ld wall_s=%.6f ns_per_cstep=%.2f build_s=%.4f "
           "init_s=%.4f maxrss_kb=%ld t_end=%.10g",
           name, ncomp, steps, wall, wall * 1e9 / ((double)ncomp * (double)steps), build_s,
           init_s, maxrss_kb(), nrn_time(M));
}

static int bench_axon(int nseg, double tstop)
{
    double tb = now();
    int ax = new_section("axon", 10000, 1, nseg, 100);
    double x0 = 0.5 / nseg, x1 = 1 - 0.5 / nseg;
    int ic;
    CHECK("IClamp", nrn_pp_new(M, "IClamp", "stim", ax, x0, &ic));
    set("stim.del", 1);
    set("stim.dur", 0.5);
    set("stim.amp", 1);
    globals(tstop);
    CHECK("v ref", nrn_ref_lookup(M, "axon(0.5).v", &vref_proto));
    const double xs[3] = { x0, 0.5, x1 };
    int spk[3];
    char name[64];
    for (int i = 0; i < 3; i++) {
        nrn_ref r = vref_proto;
        r.x = xs[i];
        snprintf(name, sizeof name, "spk[%d]", i);
        spk[i] = new_vector(name);
        snprintf(name, sizeof name, "nc[%d]", i);
        netcon_v(name, &r, -1, spk[i]);
    }
    int rec = add_record("axon(0.5).v");
    double build_s = now() - tb, init_s;
    double wall = run_timed(tstop, &init_s);
    snprintf(name, sizeof name, "axon_n%d", nseg);
    for (int i = 0; i < 3; i++) {
        printf("DETAIL name=%s x=%.8g spikes=", name, xs[i]);
        print_list(spk[i]);
        printf("\n");
    }
    size_t n0, nmid, nend;
    vec_data(spk[0], &n0), vec_data(spk[1], &nmid);
    const double *dend = vec_data(spk[2], &nend);
    print_head(name, ncomp_total(), nrn_step_count(M), wall, build_s, init_s);
    printf(" nspk0=%zu nspk_mid=%zu nspk_end=%zu spk_end1=%.6g v_x0=%.10g v_mid=%.10g "
           "v_x1=%.10g vsum_all=%.10g vsum_mid_t=%.10g\n",
           n0, nmid, nend, nend ? dend[0] : NAN, v_at(ax, x0), v_at(ax, 0.5), v_at(ax, x1),
           vsum_all(), rec_sum(rec));
    return 0;
}

static int bench_tree(int depth, double tstop)
{
    double tb = now();
    int nsec = (1 << (depth + 1)) - 1;
    char name[64];
    for (int i = 0; i < nsec; i++) {
        snprintf(name, sizeof name, "sec[%d]", i);
        int id = new_section(name, 50, 1, 3, 100);
        if (id != i)
            die("section ids are not 0..n-1", NRN_EINVAL);
    }
    for (int i = 1; i < nsec; i++)
        CHECK("connect", nrn_connect(M, i, 0, (i - 1) / 2, 1));
    int ic;
    CHECK("IClamp", nrn_pp_new(M, "IClamp", "stim", 0, 0.5, &ic));
    set("stim.del", 1);
    set("stim.dur", 0.5);
    set("stim.amp", 1);
    globals(tstop);
    int mid = depth < 5 ? 1 : 31;
    CHECK("v ref", nrn_ref_lookup(M, "sec[0](0.5).v", &vref_proto));
    const int isec[3] = { 0, mid, nsec - 1 };
    int spk[3];
    for (int i = 0; i < 3; i++) {
        nrn_ref r = vref_proto;
        r.sec = isec[i];
        snprintf(name, sizeof name, "spk[%d]", i);
        spk[i] = new_vector(name);
        snprintf(name, sizeof name, "nc[%d]", i);
        netcon_v(name, &r, -1, spk[i]);
    }
    snprintf(name, sizeof name, "sec[%d](0.5).v", nsec - 1);
    int rec = add_record(name);
    double build_s = now() - tb, init_s;
    double wall = run_timed(tstop, &init_s);
    snprintf(name, sizeof name, "tree_d%d", depth);
    for (int i = 0; i < 3; i++) {
        printf("DETAIL name=%s sec=%d spikes=", name, isec[i]);
        print_list(spk[i]);
        printf("\n");
    }
    size_t ns[3];
    for (int i = 0; i < 3; i++)
        vec_data(spk[i], &ns[i]);
    print_head(name, ncomp_total(), nrn_step_count(M), wall, build_s, init_s);
    printf(" nspk_root=%zu nspk_mid=%zu nspk_leaf=%zu v_root=%.10g v_mid=%.10g v_leaf=%.10g "
           "vsum_all=%.10g vsum_leaf_t=%.10g\n",
           ns[0], ns[1], ns[2], v_at(0, 0.5), v_at(mid, 0.5), v_at(nsec - 1, 0.5), vsum_all(),
           rec_sum(rec));
    return 0;
}

/*
** hoc_order 0 (default): create every cell and IClamp first, then set the IClamp
** parameters. hoc_order 1: set them right after each IClamp is made, as many_cells.hoc
** does; with libnrn's lazy compile that recompiles the whole model once per cell
** (setting a point process value compiles, creating a section flushes): O(N^2) build.
*/
static int bench_many_cells(int n, double tstop, int hoc_order)
{
    double tb = now();
    char name[64];
    const double amax = 0.12;
    nrn_ref amp, del, dur;
    int *ic = malloc(sizeof *ic * (size_t)n);
    if (!ic)
        die("malloc", NRN_ENOMEM);
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < n; i++) {
            if (pass == 0) {
                snprintf(name, sizeof name, "cell[%d]", i);
                int id = new_section(name, 10, 10, 1, 0);
                snprintf(name, sizeof name, "stim[%d]", i);
                CHECK("IClamp", nrn_pp_new(M, "IClamp", name, id, 0.5, &ic[i]));
                if (!hoc_order)
                    continue;
            } else if (hoc_order)
                break;
            if (i == 0) { /* resolve the paths once; later cells retarget the refs by id */
                CHECK("ref", nrn_ref_lookup(M, "stim[0].amp", &amp));
                CHECK("ref", nrn_ref_lookup(M, "stim[0].del", &del));
                CHECK("ref", nrn_ref_lookup(M, "stim[0].dur", &dur));
            }
            amp.obj = del.obj = dur.obj = ic[i];
            CHECK("del", nrn_ref_set(M, &del, 1));
            CHECK("dur", nrn_ref_set(M, &dur, 1000));
            CHECK("amp", nrn_ref_set(M, &amp, amax * i / (n - 1)));
        }
    free(ic);
    globals(tstop);
    CHECK("v ref", nrn_ref_lookup(M, "cell[0](0.5).v", &vref_proto));
    /* nc[i] = new NetCon(&v(0.5), nil), threshold 10, nc[i].record(spkt, spkid, i) */
    int spkt = new_vector("spkt");
    for (int i = 0; i < n; i++) {
        nrn_ref r = vref_proto;
        r.sec = i;
        snprintf(name, sizeof name, "nc[%d]", i);
        netcon_v(name, &r, -1, spkt);
    }
    nrn_set_spike_collector(M, on_spike, NULL);
    double build_s = now() - tb, init_s;
    S.n = 0;
    double wall = run_timed(tstop, &init_s);
    check_spike_ids(spkt);
    int *cnt = calloc((size_t)n, sizeof *cnt);
    if (!cnt)
        die("calloc", NRN_ENOMEM);
    for (size_t k = 0; k < S.n; k++)
        if (S.gid[k] >= 0 && S.gid[k] < n)
            cnt[S.gid[k]]++;
    int nfired = 0, ifirst = -1;
    for (int i = 0; i < n; i++)
        if (cnt[i] > 0) {
            nfired++;
            if (ifirst < 0)
                ifirst = i;
        }
    snprintf(name, sizeof name, "many_cells_N%d", n);
    printf("DETAIL name=%s spikes_per_cell(i:count, every N/10-th cell)=", name);
    for (int k = 0; k <= 10; k++) {
        int j = (int)(k * (double)(n - 1) / 10);
        printf("%d:%d%s", j, cnt[j], k < 10 ? "," : "");
    }
    printf("\n");
    print_head(name, ncomp_total(), nrn_step_count(M), wall, build_s, init_s);
    printf(" nspk=%zu spk_tsum=%.10g nfired=%d first_firing_cell=%d nspk_half=%d nspk_last=%d "
           "v_half=%.10g v_last=%.10g vsum_all=%.10g\n",
           S.n, vec_sum(spkt), nfired, ifirst, cnt[n / 2], cnt[n - 1], v_at(n / 2, 0.5),
           v_at(n - 1, 0.5), vsum_all());
    free(cnt);
    return 0;
}

/*
** ring.hoc: n ball-and-stick cells (soma hh; dend nseg 5, pas; ExpSyn at dend(0.5));
** cells[i].soma v(0.5) -> NetCon (threshold 10, delay 5, weight w) -> cell (i+1)%n's
** ExpSyn; a NetStim (number 1, start 9) -> NetCon (delay 1, weight w) -> cell 0's ExpSyn.
** Build order as the .hoc: every cell (soma, dend, connect, syn), then the NetCons in cell
** order, then the NetStim and its NetCon.
*/
static int bench_ring(int n, double w, double tstop)
{
    double tb = now();
    char name[96];
    int *soma = malloc(sizeof(int) * (size_t)n), *dend = malloc(sizeof(int) * (size_t)n);
    int *syn = malloc(sizeof(int) * (size_t)n);
    if (!soma || !dend || !syn)
        die("malloc", NRN_ENOMEM);
    for (int i = 0; i < n; i++) {
        snprintf(name, sizeof name, "cells[%d].soma", i);
        soma[i] = new_section_mech(name, 12.6157, 12.6157, 1, 100, "hh");
        snprintf(name, sizeof name, "cells[%d].dend", i);
        dend[i] = new_section_mech(name, 200, 1, 5, 100, "pas");
        CHECK("connect", nrn_connect(M, dend[i], 0, soma[i], 1));
    }
    for (int i = 0; i < n; i++) {
        snprintf(name, sizeof name, "cells[%d].syn", i);
        CHECK("ExpSyn", nrn_pp_new(M, "ExpSyn", name, dend[i], 0.5, &syn[i]));
    }
    nrn_ref g, e, tau, erev;
    CHECK("ref", nrn_ref_lookup(M, "cells[0].dend.g_pas", &g));
    CHECK("ref", nrn_ref_lookup(M, "cells[0].dend.e_pas", &e));
    CHECK("ref", nrn_ref_lookup(M, "cells[0].syn.tau", &tau));
    CHECK("ref", nrn_ref_lookup(M, "cells[0].syn.e", &erev));
    for (int i = 0; i < n; i++) {
        g.sec = e.sec = dend[i];
        tau.obj = erev.obj = syn[i];
        CHECK("g_pas", nrn_ref_set(M, &g, 0.001));
        CHECK("e_pas", nrn_ref_set(M, &e, -65));
        CHECK("syn.tau", nrn_ref_set(M, &tau, 2));
        CHECK("syn.e", nrn_ref_set(M, &erev, 0));
    }
    CHECK("v ref", nrn_ref_lookup(M, "cells[0].soma(0.5).v", &vref_proto));
    int spkt = new_vector("spkt");
    for (int i = 0; i < n; i++) {
        nrn_ref r = vref_proto;
        r.sec = soma[i];
        snprintf(name, sizeof name, "ncs[%d]", i);
        int nc = netcon_v(name, &r, syn[(i + 1) % n], spkt);
        CHECK("delay", nrn_netcon_set(M, nc, NRN_NC_DELAY, 5));
        CHECK("weight", nrn_netcon_set(M, nc, NRN_NC_WEIGHT, w));
    }
    int ns, nsnc;
    CHECK("NetStim", nrn_pp_new(M, "NetStim", "ns", -1, 0, &ns));
    set("ns.number", 1);
    set("ns.start", 9);
    set("ns.interval", 10);
    set("ns.noise", 0);
    CHECK("nsnc", nrn_netcon_new(M, "nsnc", NULL, ns, syn[0], &nsnc));
    CHECK("delay", nrn_netcon_set(M, nsnc, NRN_NC_DELAY, 1));
    CHECK("weight", nrn_netcon_set(M, nsnc, NRN_NC_WEIGHT, w));
    globals(tstop);
    /* the NetStim is a spike source too: its spikes (not recorded) are left out */
    nrn_set_spike_collector(M, on_spike, (void *)"ns");
    double build_s = now() - tb, init_s;
    S.n = 0;
    double wall = run_timed(tstop, &init_s);
    check_spike_ids(spkt);
    snprintf(name, sizeof name, "ring_N%d", n);
    printf("DETAIL name=%s spikes(gid:t)=", name);
    for (size_t j = 0; j < S.n; j++)
        printf("%d:%.6g%s", S.gid[j], S.t[j], j + 1 < S.n ? "," : "");
    printf("\n");
    int last = S.n ? S.gid[S.n - 1] : 0;
    if (last < 0 || last >= n)
        last = 0;
    print_head(name, ncomp_total(), nrn_step_count(M), wall, build_s, init_s);
    printf(" weight=%g nspk=%zu spk_tsum=%.10g last_gid=%d last_t=%.6g v_soma0=%.10g "
           "v_dend0=%.10g v_soma_last=%.10g v_dend_last=%.10g vsum_all=%.10g\n",
           w, S.n, vec_sum(spkt), last, S.n ? S.t[S.n - 1] : NAN, v_at(soma[0], 0.5),
           v_at(dend[0], 0.5), v_at(soma[last], 0.5), v_at(dend[last], 0.5), vsum_all());
    free(soma), free(dend), free(syn);
    return 0;
}

/* hh1.hoc's model, with its spike detector: soma nc = new NetCon(&v(0.5), nil),
** threshold 10, nc.record(spk). Returns the spike vector. */
static int build_hh1(void)
{
    int s = new_section("soma", 10, 10, 1, 0);
    int ic;
    CHECK("IClamp", nrn_pp_new(M, "IClamp", "stim", s, 0.5, &ic));
    set("stim.del", 2);
    set("stim.dur", 0.1);
    set("stim.amp", 1);
    globals(10);
    nrn_ref r;
    CHECK("v ref", nrn_ref_lookup(M, "soma(0.5).v", &r));
    int spk = new_vector("spk");
    netcon_v("nc", &r, -1, spk);
    return spk;
}

static int bench_hh1(int reps)
{
    double tb = now();
    int spk = build_hh1();
    int rec = add_record("soma(0.5).v");
    double build_s = now() - tb;
    /* the single checked run */
    double init_s, wall1 = run_timed(10, &init_s);
    double tend = nrn_time(M), vend = get("soma(0.5).v"), vsum = rec_sum(rec);
    const double *d = nrn_record_data(M, rec);
    size_t n = nrn_record_len(M, rec), imax = 0;
    for (size_t i = 1; i < n; i++)
        if (d[i] > d[imax])
            imax = i;
    double vmax = d[imax];
    long steps = nrn_step_count(M);
    size_t nspk;
    const double *sp = vec_data(spk, &nspk);
    double spk1 = nspk ? sp[0] : -1;
    char spikes[4096] = "";
    for (size_t i = 0, o = 0; i < nspk && o < sizeof spikes - 32; i++)
        o += (size_t)snprintf(spikes + o, sizeof spikes - o, "%.6g%s", sp[i],
                              i + 1 < nspk ? "," : "");
    /* repeated runs, each with its finitialize (as hh1.hoc's rep_psolve); then, untimed,
    ** its rep_fadv (fadvance loop) and rep_stdrun (run()) for the vend_* DETAIL line */
    double avg = wall1, vchk[3] = { vend, vend, vend };
    if (reps > 0) {
        double t0 = now();
        for (int r = 0; r < reps; r++) {
            CHECK("finitialize", nrn_finitialize(M, -65));
            CHECK("continuerun", nrn_continuerun(M, 10));
        }
        avg = (now() - t0) / reps;
        vchk[0] = get("soma(0.5).v");
        for (int r = 0; r < reps; r++) {
            CHECK("finitialize", nrn_finitialize(M, -65));
            for (long j = 0; j < steps; j++)
                CHECK("fadvance", nrn_fadvance(M));
        }
        vchk[1] = get("soma(0.5).v");
        for (int r = 0; r < reps; r++)
            CHECK("run", nrn_run(M));
        vchk[2] = get("soma(0.5).v");
    }
    printf("DETAIL name=hh1 vend_psolve=%.10g vend_fadv=%.10g vend_stdrun=%.10g (must all "
           "equal vend)\n", vchk[0], vchk[1], vchk[2]);
    printf("DETAIL name=hh1 spikes=%s\n", spikes);
    printf("RESULT name=hh1 ncomp=1 steps=%ld wall_s=%.6e ns_per_cstep=%.2f wall_single_s=%.6e "
           "reps=%d build_s=%.6f init_s=%.6f maxrss_kb=%ld t_end=%.10g v_end=%.10g nspk=%zu "
           "spk1=%.6g vmax=%.10g vmax_t=%.6g vsum=%.10g\n",
           steps, avg, avg * 1e9 / (double)steps, wall1, reps, build_s, init_s, maxrss_kb(),
           tend, vend, nspk, spk1, vmax, (double)imax * 0.025, vsum);
    return 0;
}

/* The startup driver: build hh1 (with its NetCon), run once, print v at the end. */
static int bench_hh1_once(void)
{
    build_hh1();
    CHECK("run", nrn_run(M));
    printf("RESULT name=hh1_once t_end=%.10g v_end=%.10g maxrss_kb=%ld\n", nrn_time(M),
           get("soma(0.5).v"), maxrss_kb());
    return 0;
}

static void usage(void)
{
    fprintf(stderr, "usage: engine_bench axon|tree|many_cells|ring|hh1|hh1_once [--nseg N] "
                    "[--depth D] [--ncells N] [--hoc-order 0|1] [--weight W] [--reps R] "
                    "[--tstop T]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        usage();
    const char *model = argv[1];
    int nseg = 10001, depth = 9, ncells = -1, reps = 1000, hoc_order = 0;
    double tstop = -1, weight = 0.01;
    for (int i = 2; i < argc; i++) {
        if (i + 1 >= argc)
            usage();
        const char *o = argv[i], *a = argv[++i];
        if (strcmp(o, "--nseg") == 0)
            nseg = atoi(a);
        else if (strcmp(o, "--depth") == 0)
            depth = atoi(a);
        else if (strcmp(o, "--ncells") == 0)
            ncells = atoi(a);
        else if (strcmp(o, "--reps") == 0)
            reps = atoi(a);
        else if (strcmp(o, "--hoc-order") == 0)
            hoc_order = atoi(a);
        else if (strcmp(o, "--weight") == 0)
            weight = atof(a);
        else if (strcmp(o, "--tstop") == 0)
            tstop = atof(a);
        else
            usage();
    }
    if (nseg < 1 || depth < 0 || depth > 14 || (ncells != -1 && ncells < 2) || reps < 0)
        usage();
    M = nrn_model_new();
    if (!M) {
        fprintf(stderr, "engine_bench: out of memory\n");
        return 1;
    }
    int rc;
    if (strcmp(model, "axon") == 0)
        rc = bench_axon(nseg, tstop > 0 ? tstop : 100);
    else if (strcmp(model, "tree") == 0)
        rc = bench_tree(depth, tstop > 0 ? tstop : 50);
    else if (strcmp(model, "many_cells") == 0)
        rc = bench_many_cells(ncells > 0 ? ncells : 10000, tstop > 0 ? tstop : 100, hoc_order);
    else if (strcmp(model, "ring") == 0)
        rc = bench_ring(ncells > 0 ? ncells : 1000, weight, tstop > 0 ? tstop : 100);
    else if (strcmp(model, "hh1") == 0)
        rc = bench_hh1(reps);
    else if (strcmp(model, "hh1_once") == 0)
        rc = bench_hh1_once();
    else
        usage();
    nrn_model_free(&M);
    return rc;
}
