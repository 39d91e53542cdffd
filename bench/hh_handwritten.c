/*
** hh_handwritten.c: the speed yardstick of bench/gen_hh.sh, not part of libnrn. This is the
** hand-written hh that libnrn held until hh became mechanisms/hh.mod (translated at build
** time); issue 13 asks the translated hh to step within 5% of it. Unchanged but for this
** comment and its include path.
**
** hh.c: NEURON 8.2.2's hh.mod (squid axon Na, K and leak channels) as nocmodl
** translates it (spec 4.5): rates from a 201-entry table over -100..100 mV rebuilt
** when celsius changes (usetable_hh = 1, the default) or computed exactly
** (usetable_hh = 0); states advanced by the cnexp formula in its literal form.
*/
#include <math.h>
#include "nrn_mech.h"

enum { HH_GNABAR, HH_GKBAR, HH_GL, HH_EL, HH_GNA, HH_GK, HH_IL, HH_M, HH_H, HH_N, HH_NVAR };
enum { NA_E = 0, NA_CUR = 3, NA_DCURDV = 4 };
enum { G_USETABLE };

#define TBL_N 200 /* intervals: FROM -100 TO 100 WITH 200 */

static const nrn_var_info hh_vars[HH_NVAR] = {
    {"gnabar", NRN_PARAM, "S/cm2", .12, "maximal Na conductance"},
    {"gkbar", NRN_PARAM, "S/cm2", .036, "maximal K conductance"},
    {"gl", NRN_PARAM, "S/cm2", .0003, "leak conductance"},
    {"el", NRN_PARAM, "mV", -54.3, "leak reversal potential"},
    {"gna", NRN_ASSIGNED, "S/cm2", 0, "Na conductance"},
    {"gk", NRN_ASSIGNED, "S/cm2", 0, "K conductance"},
    {"il", NRN_ASSIGNED, "mA/cm2", 0, "leak current"},
    {"m", NRN_STATE, "1", 0, "Na activation"},
    {"h", NRN_STATE, "1", 0, "Na inactivation"},
    {"n", NRN_STATE, "1", 0, "K activation"},
};

static const nrn_global_info hh_globals[] = {
    {"usetable_hh", "1", 1, "1: rates from the table, 0: computed exactly"},
};

static const nrn_ion_use hh_ions[] = {
    {"na", NRN_ION_READ_E | NRN_ION_WRITE_CUR, 1},
    {"k", NRN_ION_READ_E | NRN_ION_WRITE_CUR, 1},
};

/* The rate table, one per model. */
struct hh_tables {
    int built;
    double celsius;  /* the celsius the table was built for */
    double minf[TBL_N + 1], mtau[TBL_N + 1], hinf[TBL_N + 1], htau[TBL_N + 1];
    double ninf[TBL_N + 1], ntau[TBL_N + 1];
};

struct hh_rates {
    double minf, mtau, hinf, htau, ninf, ntau;
};

static double vtrap(double x, double y)
{
    if (fabs(x / y) < 1e-6)
        return y * (1 - x / y / 2);
    return x / (nrn_exp(x / y) - 1);
}

/* The PROCEDURE rates(v), exactly. */
static void rates_exact(double v, double celsius, struct hh_rates *r)
{
    double q10 = pow(3.0, ((celsius - 6.3) / 10.0));
    double alpha = .1 * vtrap(-(v + 40.0), 10.0);
    double beta = 4.0 * nrn_exp(-(v + 65.0) / 18.0);
    double sum = alpha + beta;
    r->mtau = 1.0 / (q10 * sum);
    r->minf = alpha / sum;
    alpha = .07 * nrn_exp(-(v + 65.0) / 20.0);
    beta = 1.0 / (nrn_exp(-(v + 35.0) / 10.0) + 1.0);
    sum = alpha + beta;
    r->htau = 1.0 / (q10 * sum);
    r->hinf = alpha / sum;
    alpha = .01 * vtrap(-(v + 55.0), 10.0);
    beta = .125 * nrn_exp(-(v + 65.0) / 80.0);
    sum = alpha + beta;
    r->ntau = 1.0 / (q10 * sum);
    r->ninf = alpha / sum;
}

/* Rebuilds the table when it is missing or celsius changed (nocmodl's _check_rates). */
static void check_table(nrn_mech_data *md, double celsius)
{
    struct hh_tables *tb = md->gpriv;
    if (md->gvals[G_USETABLE] == 0 || (tb->built && tb->celsius == celsius))
        return;
    double tmin = -100.0, tmax = 100.0;
    double dx = (tmax - tmin) / 200.;
    double x = tmin;
    for (int i = 0; i < TBL_N + 1; x += dx, i++) {
        struct hh_rates r;
        rates_exact(x, celsius, &r);
        tb->minf[i] = r.minf, tb->mtau[i] = r.mtau;
        tb->hinf[i] = r.hinf, tb->htau[i] = r.htau;
        tb->ninf[i] = r.ninf, tb->ntau[i] = r.ntau;
    }
    tb->celsius = celsius;
    tb->built = 1;
}

/* rates(v) through the table when usetable_hh is on (linear interpolation, clamped). */
static void rates(const nrn_mech_data *md, double v, double celsius, struct hh_rates *r)
{
    const struct hh_tables *tb = md->gpriv;
    if (md->gvals[G_USETABLE] == 0) {
        rates_exact(v, celsius, r);
        return;
    }
    double mfac = 1. / ((100.0 - -100.0) / 200.);
    double xi = mfac * (v - -100.0);
    if (isnan(xi)) {
        r->minf = r->mtau = r->hinf = r->htau = r->ninf = r->ntau = xi;
        return;
    }
    int i;
    if (xi <= 0. || xi >= 200.) {
        i = xi <= 0. ? 0 : TBL_N;
        r->minf = tb->minf[i], r->mtau = tb->mtau[i];
        r->hinf = tb->hinf[i], r->htau = tb->htau[i];
        r->ninf = tb->ninf[i], r->ntau = tb->ntau[i];
        return;
    }
    i = (int)xi;
    double theta = xi - (double)i;
    r->minf = tb->minf[i] + theta * (tb->minf[i + 1] - tb->minf[i]);
    r->mtau = tb->mtau[i] + theta * (tb->mtau[i + 1] - tb->mtau[i]);
    r->hinf = tb->hinf[i] + theta * (tb->hinf[i + 1] - tb->hinf[i]);
    r->htau = tb->htau[i] + theta * (tb->htau[i + 1] - tb->htau[i]);
    r->ninf = tb->ninf[i] + theta * (tb->ninf[i + 1] - tb->ninf[i]);
    r->ntau = tb->ntau[i] + theta * (tb->ntau[i + 1] - tb->ntau[i]);
}

static void hh_init(const nrn_mech_ctx *c, nrn_mech_data *md)
{
    check_table(md, c->celsius);
    for (int i = 0; i < md->n; i++) {
        struct hh_rates r;
        rates(md, c->v[md->node[i]], c->celsius, &r);
        md->col[HH_M][i] = r.minf;
        md->col[HH_H][i] = r.hinf;
        md->col[HH_N][i] = r.ninf;
    }
}

/* The BREAKPOINT current sum at voltage v; sets the conductances and the currents. */
static inline double hh_current(double *const *col, int i, double v, double ena, double ek,
                                double *ina, double *ik)
{
    double m = col[HH_M][i], h = col[HH_H][i], n = col[HH_N][i];
    col[HH_GNA][i] = col[HH_GNABAR][i] * m * m * m * h;
    *ina = col[HH_GNA][i] * (v - ena);
    col[HH_GK][i] = col[HH_GKBAR][i] * n * n * n * n;
    *ik = col[HH_GK][i] * (v - ek);
    col[HH_IL][i] = col[HH_GL][i] * (v - col[HH_EL][i]);
    double current = 0;
    current += *ina;
    current += *ik;
    current += col[HH_IL][i];
    return current;
}

/* Vectorized (omp simd) and built per ISA like hh_state_table: the instances of one model's
** hh sit at distinct nodes, each with its own na and k ion instance, so no two iterations
** write the same rhs, d or ion entry. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#endif
static void hh_cur(const nrn_mech_ctx *c, nrn_mech_data *md)
{
    double *const *col = md->col;
    const int *nai = md->ion_inst[0], *ki = md->ion_inst[1];
    double *const *na = md->ion[0]->col, *const *k = md->ion[1]->col;
    const int nin = md->n;
#pragma omp simd
    for (int i = 0; i < nin; i++) {
        int nd = md->node[i];
        double v = c->v[nd];
        double ena = na[NA_E][nai[i]], ek = k[NA_E][ki[i]];
        double ina, ik, dina, dik;
        double g = hh_current(col, i, v + .001, ena, ek, &ina, &ik);
        dina = ina;
        dik = ik;
        double r = hh_current(col, i, v, ena, ek, &ina, &ik);
        k[NA_DCURDV][ki[i]] += (dik - ik) / .001;
        na[NA_DCURDV][nai[i]] += (dina - ina) / .001;
        g = (g - r) / .001;
        na[NA_CUR][nai[i]] += ina;
        k[NA_CUR][ki[i]] += ik;
        md->g[i] = g;
        c->rhs[nd] -= r;
        c->d[nd] += g;
    }
}

/* One cnexp step of state y toward inf with time constant tau, in nocmodl's literal form. */
static inline double cnexp(double y, double inf, double tau, double dt)
{
    return y + (1. - nrn_exp(dt * ((-1.0) / tau))) * (-(inf / tau) / ((-1.0) / tau) - y);
}

/* rates() through the table for one voltage, written without branches (selects only, every
** load unconditional and in bounds), so that the compiler can run the loop over several
** instances at once; each lane computes exactly what rates() computes: interpolation
** between entries i0 and i0 + 1 inside the table, entry i0 (the first or the last) outside,
** and NaN for NaN. */
static inline double table_rate(const double *tb, int i0, int i1, double theta, int interior,
                                double xi)
{
    double a = tb[i0], b = tb[i1];
    double in = a + theta * (b - a);
    double r = interior ? in : a;
    return xi != xi ? xi : r;
}

/* hh_state with usetable_hh on: the kernel that runs in almost every model, built for AVX2
** and AVX-512 as well as for any x86-64, picked at run time (target_clones); the vector
** forms of nrn_exp (exp_simd.c) keep every lane's result bit for bit the scalar one. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
/* Without PRE and jump threading, GCC keeps the selects of table_rate as selects and
** vectorizes the rates loop (with them it rebuilds branches it cannot if-convert). */
__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default"),
               optimize("no-tree-pre", "no-thread-jumps")))
#endif
static void hh_state_table(const nrn_mech_ctx *c, nrn_mech_data *md)
{
    enum { CHUNK = 64 };
    const struct hh_tables *tb = md->gpriv;
    const double dt = c->dt, mfac = 1. / ((100.0 - -100.0) / 200.);
    const double *v = c->v;
    const int *node = md->node;
    double *m = md->col[HH_M], *h = md->col[HH_H], *n = md->col[HH_N];
    const double *tbl[6] = { tb->minf, tb->mtau, tb->hinf, tb->htau, tb->ninf, tb->ntau };
    const double *t0 = tbl[0], *t1 = tbl[1], *t2 = tbl[2], *t3 = tbl[3], *t4 = tbl[4], *t5 = tbl[5];
    double r[6][CHUNK];
    for (int k0 = 0; k0 < md->n; k0 += CHUNK) {
        const int len = md->n - k0 < CHUNK ? md->n - k0 : CHUNK;
#pragma omp simd
        for (int j = 0; j < len; j++) {
            double xi = mfac * (v[node[k0 + j]] - -100.0);
            int interior = (xi > 0.) & (xi < 200.);
            double xs = interior ? xi : 0.;
            int i = (int)xs;
            double theta = xs - (double)i;
            int iend = xi >= 200. ? TBL_N : 0;
            int i0 = interior ? i : iend, i1 = interior ? i + 1 : iend;
            r[0][j] = table_rate(t0, i0, i1, theta, interior, xi);
            r[1][j] = table_rate(t1, i0, i1, theta, interior, xi);
            r[2][j] = table_rate(t2, i0, i1, theta, interior, xi);
            r[3][j] = table_rate(t3, i0, i1, theta, interior, xi);
            r[4][j] = table_rate(t4, i0, i1, theta, interior, xi);
            r[5][j] = table_rate(t5, i0, i1, theta, interior, xi);
        }
        double *mk = m + k0, *hk = h + k0, *nk = n + k0;
#pragma omp simd
        for (int j = 0; j < len; j++) {
            mk[j] = cnexp(mk[j], r[0][j], r[1][j], dt);
            hk[j] = cnexp(hk[j], r[2][j], r[3][j], dt);
            nk[j] = cnexp(nk[j], r[4][j], r[5][j], dt);
        }
    }
}

static void hh_state(const nrn_mech_ctx *c, nrn_mech_data *md)
{
    check_table(md, c->celsius);
    if (md->gvals[G_USETABLE] != 0) {
        hh_state_table(c, md);
        return;
    }
    double dt = c->dt;
    double *m = md->col[HH_M], *h = md->col[HH_H], *n = md->col[HH_N];
    for (int i = 0; i < md->n; i++) {
        struct hh_rates r;
        rates_exact(c->v[md->node[i]], c->celsius, &r);
        m[i] = cnexp(m[i], r.minf, r.mtau, dt);
        h[i] = cnexp(h[i], r.hinf, r.htau, dt);
        n[i] = cnexp(n[i], r.ninf, r.ntau, dt);
    }
}

/* DERIVATIVE states: m' = (minf - m)/mtau, ... with the same rates as the fixed step. */
static void hh_ode_spec(const nrn_mech_ctx *c, nrn_mech_data *md, double **out)
{
    check_table(md, c->celsius);
    for (int i = 0; i < md->n; i++) {
        struct hh_rates r;
        rates(md, c->v[md->node[i]], c->celsius, &r);
        out[0][i] = (r.minf - md->col[HH_M][i]) / r.mtau;
        out[1][i] = (r.hinf - md->col[HH_H][i]) / r.htau;
        out[2][i] = (r.ninf - md->col[HH_N][i]) / r.ntau;
    }
}

/* Each state's own derivative is -1/tau: divide by 1 + gamma/tau. */
static void hh_ode_matsol(const nrn_mech_ctx *c, nrn_mech_data *md, double gamma, double **b)
{
    for (int i = 0; i < md->n; i++) {
        struct hh_rates r;
        rates(md, c->v[md->node[i]], c->celsius, &r);
        b[0][i] /= 1.0 - gamma * (-1.0 / r.mtau);
        b[1][i] /= 1.0 - gamma * (-1.0 / r.htau);
        b[2][i] /= 1.0 - gamma * (-1.0 / r.ntau);
    }
}

static const int hh_states[] = { HH_M, HH_H, HH_N };

const nrn_mech_type nrn_mech_hh = {
    .name = "hh",
    .kind = NRN_DENSITY,
    .nvar = HH_NVAR,
    .vars = hh_vars,
    .nion = 2,
    .ions = hh_ions,
    .nglobal = 1,
    .globals = hh_globals,
    .gpriv_size = sizeof(struct hh_tables),
    .init = hh_init,
    .cur = hh_cur,
    .state = hh_state,
    .nstate = 3,
    .state_vars = hh_states,
    .ode_spec = hh_ode_spec,
    .ode_matsol = hh_ode_matsol,
};
