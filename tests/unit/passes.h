/*
** passes.h: what the tests of the fused fixed steps (test_cable.c: cable.c's two sweeps,
** test_blocks.c: blocks_step.c's tiles, test_units_step.c: units_step.c's sweeps,
** test_multi.c: blocks_multi.c's windows) share: a way to make a model run the separate
** passes instead, the bit-for-bit comparison of two models' state, and small model builders
** (a section, a network's cell shapes).
*/
#ifndef PASSES_H
#define PASSES_H

#include "testutil.h"
#include "nrn.h"
#include "nrn_int.h"

/* A section of L, diam (um) and nseg, Ra 120. */
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

static inline void set(nrn_model *m, const char *path, double v)
{
    if (nrn_set(m, path, v))
        fail_msg("%s: %s", path, nrn_errmsg(m));
}

/* The shapes of spec ("8A1B": 8 'A' cells, then one 'B') in buf (size bytes); spec may be
** buf itself ("24C"). */
static inline const char *shapes(char *buf, size_t size, const char *spec)
{
    int n = 0, k;
    char c;
    while (sscanf(spec, "%d%c", &k, &c) == 2 && (size_t)(n + k) < size) {
        memset(buf + n, c, (size_t)k);
        n += k;
        while (*spec >= '0' && *spec <= '9')
            spec++;
        spec++;
    }
    buf[n] = '\0';
    return buf;
}

/* Makes m's step run the separate passes: a continuous play that sets path to value, the
** value it has (so nothing changes but the way the step runs). */
static inline void passes_force(nrn_model *m, const char *path, double value)
{
    int y;
    const double g[2] = { value, value };
    assert_int_equal(nrn_vector_set(m, "gplay", g, 2, &y), NRN_OK);
    nrn_ref r;
    assert_int_equal(nrn_ref_lookup(m, path, &r), NRN_OK);
    assert_int_equal(nrn_play(m, &r, y, -1, 100, 1), NRN_OK);
}

/* v, every mechanism column and every GLOBAL of a and b equal, bit for bit. */
static inline void passes_assert_same(const nrn_model *a, const nrn_model *b)
{
    assert_int_equal(a->nnode, b->nnode);
    assert_memory_equal(a->v, b->v, sizeof(double) * (size_t)a->nnode);
    for (int t = 0; t < a->ntype; t++) {
        const nrn_mech_data *x = &a->types[t].md, *y = &b->types[t].md;
        assert_int_equal(x->n, y->n);
        for (int c = 0; x->n && c < a->types[t].d->nvar; c++)
            assert_memory_equal(x->col[c], y->col[c], sizeof(double) * (size_t)x->n);
        if (a->types[t].d->nglobal)
            assert_memory_equal(a->types[t].gvals, b->types[t].gvals,
                                sizeof(double) * (size_t)a->types[t].d->nglobal);
    }
}

#endif /* PASSES_H */
