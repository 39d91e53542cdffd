/*
** engine_bench.c: builds the NEURON reference benchmark models of bench/neuron through
** libnrn's public API (nrn.h), times the simulation loop and prints one RESULT line
** with the same field names as the .hoc files print, so bench/run.sh can compare them.
**
**   engine_bench axon [--nseg N]          (default 10001)
**   engine_bench tree [--depth D]         (default 9)
**   engine_bench many_cells [--ncells N] [--hoc-order 0|1]  (default 10000, 0)
**   engine_bench hh1 [--reps R]           (default 1000 timed runs after one checked run)
**   engine_bench hh1_once                 (build + one run + print: the startup driver)
**   common: [--tstop T]
**
** Timing: clock_gettime(CLOCK_MONOTONIC) around nrn_continuerun only (NEURON's wall_s
** times pc.psolve); build and finitialize are timed separately (build_s, init_s).
** ns_per_cstep = wall_s * 1e9 / (ncomp * steps), ncomp = sum of nseg, steps = steps taken.
** For hh1, wall_s is the mean over REPS runs of finitialize + continuerun, as hh1.hoc does.
** Checksums: only those that need no spike detection (v at tstop at named places, sums of
** v over all segments at tstop, sums over time of a recorded v).
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

static int new_section(const char *name, double L, double diam, int nseg, double Ra)
{
    int id;
    CHECK(name, nrn_section_new(M, name, &id));
    CHECK("nseg", nrn_section_set(M, id, NRN_SEC_NSEG, nseg));
    CHECK("L", nrn_section_set(M, id, NRN_SEC_L, L));
    CHECK("diam", nrn_section_set(M, id, NRN_SEC_DIAM, diam));
    if (Ra > 0)
        CHECK("Ra", nrn_section_set(M, id, NRN_SEC_RA, Ra));
    CHECK("cm", nrn_section_set(M, id, NRN_SEC_CM, 1.0));
    CHECK("insert hh", nrn_insert(M, id, "hh"));
    return id;
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
    int rec = add_record("axon(0.5).v");
    double build_s = now() - tb, init_s;
    double wall = run_timed(tstop, &init_s);
    char name[64];
    snprintf(name, sizeof name, "axon_n%d", nseg);
    print_head(name, ncomp_total(), nrn_step_count(M), wall, build_s, init_s);
    printf(" v_x0=%.10g v_mid=%.10g v_x1=%.10g vsum_all=%.10g vsum_mid_t=%.10g\n",
           v_at(ax, x0), v_at(ax, 0.5), v_at(ax, x1), vsum_all(), rec_sum(rec));
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
    snprintf(name, sizeof name, "sec[%d](0.5).v", nsec - 1);
    int rec = add_record(name);
    double build_s = now() - tb, init_s;
    double wall = run_timed(tstop, &init_s);
    snprintf(name, sizeof name, "tree_d%d", depth);
    print_head(name, ncomp_total(), nrn_step_count(M), wall, build_s, init_s);
    printf(" v_root=%.10g v_mid=%.10g v_leaf=%.10g vsum_all=%.10g vsum_leaf_t=%.10g\n",
           v_at(0, 0.5), v_at(mid, 0.5), v_at(nsec - 1, 0.5), vsum_all(), rec_sum(rec));
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
    double build_s = now() - tb, init_s;
    double wall = run_timed(tstop, &init_s);
    snprintf(name, sizeof name, "many_cells_N%d", n);
    print_head(name, ncomp_total(), nrn_step_count(M), wall, build_s, init_s);
    printf(" v_half=%.10g v_last=%.10g vsum_all=%.10g\n", v_at(n / 2, 0.5), v_at(n - 1, 0.5),
           vsum_all());
    return 0;
}

static void build_hh1(void)
{
    int s = new_section("soma", 10, 10, 1, 0);
    int ic;
    CHECK("IClamp", nrn_pp_new(M, "IClamp", "stim", s, 0.5, &ic));
    set("stim.del", 2);
    set("stim.dur", 0.1);
    set("stim.amp", 1);
    globals(10);
}

static int bench_hh1(int reps)
{
    double tb = now();
    build_hh1();
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
    long steps = nrn_step_count(M);
    /* repeated runs, each with its finitialize (as hh1.hoc's rep_psolve) */
    double avg = wall1;
    if (reps > 0) {
        double t0 = now();
        for (int r = 0; r < reps; r++) {
            CHECK("finitialize", nrn_finitialize(M, -65));
            CHECK("continuerun", nrn_continuerun(M, 10));
        }
        avg = (now() - t0) / reps;
        double vchk = get("soma(0.5).v");
        if (memcmp(&vchk, &vend, sizeof vend) != 0)
            fprintf(stderr, "engine_bench: hh1: repeated run ends at %.17g, first at %.17g\n",
                    vchk, vend);
    }
    printf("RESULT name=hh1 ncomp=1 steps=%ld wall_s=%.6e ns_per_cstep=%.2f wall_single_s=%.6e "
           "reps=%d build_s=%.6f init_s=%.6f maxrss_kb=%ld t_end=%.10g v_end=%.10g "
           "vmax=%.10g vmax_t=%.6g vsum=%.10g\n",
           steps, avg, avg * 1e9 / (double)steps, wall1, reps, build_s, init_s, maxrss_kb(),
           tend, vend, d[imax], (double)imax * 0.025, vsum);
    return 0;
}

/* The startup driver: build hh1, run once, print v at the end. */
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
    fprintf(stderr, "usage: engine_bench axon|tree|many_cells|hh1|hh1_once [--nseg N] "
                    "[--depth D] [--ncells N] [--hoc-order 0|1] [--reps R] [--tstop T]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        usage();
    const char *model = argv[1];
    int nseg = 10001, depth = 9, ncells = 10000, reps = 1000, hoc_order = 0;
    double tstop = -1;
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
        else if (strcmp(o, "--tstop") == 0)
            tstop = atof(a);
        else
            usage();
    }
    if (nseg < 1 || depth < 0 || depth > 14 || ncells < 2 || reps < 0)
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
        rc = bench_many_cells(ncells, tstop > 0 ? tstop : 100, hoc_order);
    else if (strcmp(model, "hh1") == 0)
        rc = bench_hh1(reps);
    else if (strcmp(model, "hh1_once") == 0)
        rc = bench_hh1_once();
    else
        usage();
    nrn_model_free(&M);
    return rc;
}
