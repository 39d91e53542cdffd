/*
** test_mech.c: each built-in mechanism and the matrix solve on small cases whose
** answers are known: NEURON's printed numbers (spec 9.1, 9.9) and closed forms.
*/
#include "testutil.h"
#include "nrn_mech.h"
#include "nrn_int.h"

static nrn_model *soma(const char *mech)
{
    nrn_model *m = nrn_model_new();
    int s;
    nrn_section_new(m, "soma", &s);
    nrn_section_set(m, s, NRN_SEC_L, 10);
    nrn_section_set(m, s, NRN_SEC_DIAM, 10);
    if (mech)
        assert_int_equal(nrn_insert(m, s, mech), NRN_OK);
    return m;
}

static double get(nrn_model *m, const char *path)
{
    double v;
    if (nrn_get(m, path, &v))
        fail_msg("%s: %s", path, nrn_errmsg(m));
    return v;
}

static void test_nernst(void **state)
{
    (void)state;
    assert_close(nrn_nernst(10, 140, 1, 6.3), 63.55150321937486, 0, 0);
    assert_close(nrn_nernst(54.4, 2.5, 1, 6.3), -74.1716725122837, 0, 0);
    assert_close(nrn_nernst(10, 140, 1, 37), 70.53318562708574, 0, 0);
    assert_close(nrn_nernst(0, 140, 1, 6.3), 1e6, 0, 0);
    assert_close(nrn_nernst(1, 0, 1, 6.3), -1e6, 0, 0);
    assert_close(nrn_nernst(1, 2, 0, 6.3), 0, 0, 0);
}

/* hh at t = 0 and after 6 steps (spec 9.1). */
static void test_hh_initial_and_steps(void **state)
{
    (void)state;
    nrn_model *m = soma("hh");
    assert_int_equal(nrn_finitialize(m, -65), NRN_OK);
    assert_close(get(m, "soma(0.5).m_hh"), 0.05293248525724958, 0, 0);
    assert_close(get(m, "soma(0.5).h_hh"), 0.5961207535084603, 0, 0);
    assert_close(get(m, "soma(0.5).n_hh"), 0.3176769140606974, 0, 0);
    assert_close(get(m, "soma(0.5).ina"), -0.0012200571764654333, 0, 0);
    assert_close(get(m, "soma(0.5).ik"), 0.004399733467282939, 0, 0);
    assert_close(get(m, "soma(0.5).il_hh"), -0.0032100000000000006, 0, 0);
    assert_close(get(m, "soma(0.5).gna_hh"), 1.0609192838829855e-05, 0, 0);
    assert_close(get(m, "soma(0.5).area"), 314.1592653589793, 0, 0);
    assert_close(get(m, "soma(0.5).ri"), 0.02253633994181238, 0, 0);
    for (int i = 0; i < 6; i++)
        assert_int_equal(nrn_fadvance(m), NRN_OK);
    assert_close(nrn_time(m), 0.15, 0, 0);
    assert_close(get(m, "soma(0.5).v"), -64.99568618464123, 0, 0);
    assert_close(get(m, "soma(0).v"), -64.99568618464123, 0, 0);
    assert_close(get(m, "soma(1).v"), -64.99568618464123, 0, 0);
    assert_close(get(m, "soma(0.5).n_hh"), 0.31767798281991455, 0, 0);
    assert_close(get(m, "soma(0.5).h_hh"), 0.5961191785137261, 0, 0);
    nrn_model_free(&m);
}

/* Rates at -65.3 mV from the table and exactly; table rebuilt for celsius 20 (spec 9.9). */
static void test_hh_table(void **state)
{
    (void)state;
    nrn_model *m = soma("hh");
    nrn_finitialize(m, -65.3);
    assert_close(get(m, "soma(0.5).m_hh"), 0.05115684344980487, 0, 0);
    nrn_set(m, "usetable_hh", 0);
    nrn_finitialize(m, -65.3);
    assert_close(get(m, "soma(0.5).m_hh"), 0.051089733193664534, 0, 0);
    nrn_set(m, "celsius", 20);
    nrn_finitialize(m, -65);
    for (int i = 0; i < 5; i++)
        nrn_fadvance(m);
    assert_close(get(m, "soma(0.5).v"), -64.99635697750821, 0, 0);
    nrn_set(m, "usetable_hh", 1);
    nrn_finitialize(m, -65);
    for (int i = 0; i < 5; i++)
        nrn_fadvance(m);
    assert_close(get(m, "soma(0.5).v"), -64.9963546021831, 0, 0);
    nrn_model_free(&m);
}

/* pas alone: one backward-Euler step of a single compartment has a closed form,
** dv = -g (v - e) / (cm 1e-3 / dt + g), up to the finite-difference g. */
static void test_pas_step(void **state)
{
    (void)state;
    nrn_model *m = soma("pas");
    nrn_finitialize(m, -65);
    assert_close(get(m, "soma(0.5).i_pas"), 0.001 * (-65 - -70), 1e-15, 0);
    nrn_fadvance(m);
    double g = 0.001, dt = 0.025;
    double want = -65 + (-g * (-65 - -70)) / (1e-3 / dt + g);
    assert_close(get(m, "soma(0.5).v"), want, 1e-12, 0);
    /* steady state is e_pas */
    nrn_continuerun(m, 200);
    assert_close(get(m, "soma(0.5).v"), -70, 0, 1e-9);
    nrn_model_free(&m);
}

/* IClamp acts in the steps whose midpoint lies in [del, del+dur) (spec 4.6). */
static void test_iclamp_midpoint(void **state)
{
    (void)state;
    nrn_model *m = soma(NULL);
    nrn_pp_new(m, "IClamp", "ic", 0, 0.5, NULL);
    nrn_set(m, "ic.del", 0.05);
    nrn_set(m, "ic.dur", 0.05);
    nrn_set(m, "ic.amp", 0.1);
    nrn_finitialize(m, -65);
    assert_close(get(m, "ic.i"), 0, 0, 0);
    double v[6];
    for (int k = 0; k < 6; k++) {
        nrn_fadvance(m);
        v[k] = get(m, "soma(0.5).v");
    }
    /* midpoints 0.0125 0.0375 | 0.0625 0.0875 | 0.1125: on for steps 3 and 4 */
    assert_close(v[1], -65, 0, 0);
    assert_true(v[2] > v[1]);
    assert_true(v[3] > v[2]);
    assert_close(v[4], v[3], 0, 0);
    /* charge balance: C dV = I dt with C = 1 uF/cm2 * area */
    double area = get(m, "soma(0.5).area") * 1e-8; /* cm2 */
    double dv = 0.1e-9 * 0.05e-3 / (1e-6 * area) * 1e3; /* mV */
    assert_close(v[3] + 65, dv, 1e-12, 0);
    nrn_model_free(&m);
}

/* A long passive cable at steady state against the cable equation's closed form for a
** sealed end: V(x) = V0 cosh((L-x)/lambda) / cosh(L/lambda). */
static void test_cable_steady_state(void **state)
{
    (void)state;
    nrn_model *m = nrn_model_new();
    int c;
    nrn_section_new(m, "c", &c);
    nrn_set(m, "c.L", 1000);
    nrn_set(m, "c.diam", 1);
    nrn_set(m, "c.nseg", 401);
    nrn_set(m, "c.Ra", 100);
    nrn_insert(m, c, "pas");
    nrn_set(m, "c.g_pas", 1e-4);
    nrn_set(m, "c.e_pas", 0);
    nrn_set(m, "dt", 1);
    nrn_pp_new(m, "IClamp", "ic", c, 0, NULL);
    nrn_set(m, "ic.dur", 1e9);
    nrn_set(m, "ic.amp", 0.01);
    nrn_finitialize(m, 0);
    nrn_continuerun(m, 500);
    double lambda = sqrt(1.0 / 1e-4 * 1e-4 / (4 * 100)) * 1e4; /* um: sqrt(Rm d / 4 Ra) */
    double v0 = get(m, "c(0).v");
    for (double x = 0.1; x < 1; x += 0.2) {
        char p[32];
        snprintf(p, sizeof p, "c(%g).v", x);
        double want = v0 * cosh((1 - x) * 1000 / lambda) / cosh(1000 / lambda);
        assert_close(get(m, p), want, 2e-3, 0);
    }
    nrn_model_free(&m);
}

/*
** Conformance of every built-in type's descriptor: variables named and typed, states
** listed as STATE, events where NetCons can target, and for types with ODEs, ode_spec
** agreeing with the fixed-step state update over a tiny step (same right-hand side).
*/
static void test_conformance(void **state)
{
    (void)state;
    nrn_model *m = nrn_model_new();
    for (int t = 0; t < nrn_mech_count(m); t++) {
        const nrn_mech_type *d = m->types[t].d;
        assert_non_null(d->name);
        assert_true(d->nvar > 0);
        for (int k = 0; k < d->nvar; k++) {
            assert_non_null(d->vars[k].name);
            assert_non_null(d->vars[k].unit);
        }
        for (int k = 0; k < d->nstate && d->state_vars; k++)
            assert_int_equal(d->vars[d->state_vars[k]].role, NRN_STATE);
        if (d->kind == NRN_ARTCELL)
            assert_non_null(d->net_receive);
        if (d->net_receive)
            assert_true(d->nweight >= 1);
        if (!d->ode_spec)
            continue;
        /* A soma with the type, states pushed off steady state, one step of 1e-6 ms. */
        nrn_model *mm = soma(d->kind == NRN_DENSITY ? d->name : "pas");
        if (d->kind == NRN_POINT)
            assert_int_equal(nrn_pp_new(mm, d->name, "p", 0, 0.5, NULL), NRN_OK);
        nrn_set(mm, "dt", 1e-6);
        assert_int_equal(nrn_finitialize(mm, -60), NRN_OK);
        struct mtype *mt = &mm->types[t];
        for (int k = 0; k < d->nstate; k++)
            mt->md.col[d->state_vars[k]][0] = 0.3 + 0.1 * k;
        double out[8], *outp[8], before[8];
        for (int k = 0; k < d->nstate; k++) {
            outp[k] = &out[k];
            before[k] = mt->md.col[d->state_vars[k]][0];
        }
        nrn_mech_ctx c = ev_ctx(mm, 0);
        d->ode_spec(&c, &mt->md, outp);
        assert_int_equal(nrn_fadvance(mm), NRN_OK);
        for (int k = 0; k < d->nstate; k++) {
            double slope = (mt->md.col[d->state_vars[k]][0] - before[k]) / 1e-6;
            assert_close(slope, out[k], 1e-3, 1e-6);
        }
        /* matsol with gamma 0 leaves b unchanged */
        double b[8], *bp[8];
        for (int k = 0; k < d->nstate; k++)
            b[k] = 1.5, bp[k] = &b[k];
        d->ode_matsol(&c, &mt->md, 0, bp);
        for (int k = 0; k < d->nstate; k++)
            assert_close(b[k], 1.5, 0, 0);
        nrn_model_free(&mm);
    }
    nrn_model_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nernst),         cmocka_unit_test(test_hh_initial_and_steps),
        cmocka_unit_test(test_hh_table),       cmocka_unit_test(test_pas_step),
        cmocka_unit_test(test_iclamp_midpoint), cmocka_unit_test(test_cable_steady_state),
        cmocka_unit_test(test_conformance),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
