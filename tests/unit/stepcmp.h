/*
** stepcmp.h: what the tests of the fused fixed steps (test_cable.c, test_units_step.c)
** share: model building helpers, a way to make a model run the separate passes without
** changing its numbers, and a bit-for-bit comparison of two models' state.
*/
#ifndef STEPCMP_H
#define STEPCMP_H

#include "testutil.h"
#include "nrn.h"
#include "nrn_int.h"

static inline void set(nrn_model *m, const char *path, double v)
{
    if (nrn_set(m, path, v))
        fail_msg("%s: %s", path, nrn_errmsg(m));
}

/* A new section (Ra 120), its id. */
static inline int sec(nrn_model *m, const char *name, double L, double diam, int nseg)
{
    int s;
    assert_int_equal(nrn_section_new(m, name, &s), NRN_OK);
    assert_int_equal(nrn_section_set(m, s, NRN_SEC_L, L), NRN_OK);
    assert_int_equal(nrn_section_set(m, s, NRN_SEC_DIAM, diam), NRN_OK);
    assert_int_equal(nrn_section_set(m, s, NRN_SEC_NSEG, nseg), NRN_OK);
    assert_int_equal(nrn_section_set(m, s, NRN_SEC_RA, 120), NRN_OK);
    return s;
}

/* Makes m's step run the separate passes: a continuous play that sets gnabar_hh at path
** (where hh is inserted) to the value it has. */
static inline void stepcmp_force_passes(nrn_model *m, const char *path)
{
    int y;
    const double g[2] = { 0.12, 0.12 };
    assert_int_equal(nrn_vector_set(m, "gplay", g, 2, &y), NRN_OK);
    nrn_ref r;
    assert_int_equal(nrn_ref_lookup(m, path, &r), NRN_OK);
    assert_int_equal(nrn_play(m, &r, y, -1, 100, 1), NRN_OK);
}

/* v and every mechanism column of a and b, bit for bit. */
static inline void stepcmp_assert_same(const nrn_model *a, const nrn_model *b)
{
    assert_int_equal(a->nnode, b->nnode);
    assert_memory_equal(a->v, b->v, sizeof(double) * (size_t)a->nnode);
    for (int t = 0; t < a->ntype; t++) {
        const nrn_mech_data *x = &a->types[t].md, *y = &b->types[t].md;
        assert_int_equal(x->n, y->n);
        for (int c = 0; x->n && c < a->types[t].d->nvar; c++)
            assert_memory_equal(x->col[c], y->col[c], sizeof(double) * (size_t)x->n);
    }
}

#endif
