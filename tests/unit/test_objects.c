/*
** test_objects.c: listing point processes, artificial cells and NetCons through the public
** API (src/engine/objects.c): counts, names, deleted slots, a NetCon's source and target.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "nrn.h"

static void test_listing(void **state)
{
    nrn_model *m = nrn_model_new();
    int soma, ic, syn, ns, nc1, nc2;
    nrn_ref src;
    (void)state;
    assert_non_null(m);
    assert_int_equal(nrn_pp_count(m), 0);
    assert_int_equal(nrn_netcon_count(m), 0);
    assert_null(nrn_pp_name(m, 0));
    assert_null(nrn_netcon_name(m, -1));
    assert_int_equal(nrn_section_new(m, "soma", &soma), NRN_OK);
    assert_int_equal(nrn_pp_new(m, "IClamp", "ic", soma, 0.5, &ic), NRN_OK);
    assert_int_equal(nrn_pp_new(m, "ExpSyn", "syn", soma, 0.5, &syn), NRN_OK);
    assert_int_equal(nrn_pp_new(m, "NetStim", "ns", -1, 0, &ns), NRN_OK);
    assert_int_equal(nrn_pp_count(m), 3);
    assert_string_equal(nrn_pp_name(m, syn), "syn");
    assert_string_equal(nrn_pp_name(m, ns), "ns");
    assert_int_equal(nrn_netcon_new(m, "nc1", NULL, ns, syn, &nc1), NRN_OK);
    assert_int_equal(nrn_ref_lookup(m, "soma(0.5).v", &src), NRN_OK);
    assert_int_equal(nrn_netcon_new(m, "nc2", &src, -1, -1, &nc2), NRN_OK);
    assert_int_equal(nrn_netcon_count(m), 2);
    assert_string_equal(nrn_netcon_name(m, nc1), "nc1");
    assert_string_equal(nrn_netcon_source(m, nc1), "ns");
    assert_string_equal(nrn_netcon_source(m, nc2), "soma(0.5).v");
    assert_int_equal(nrn_netcon_target(m, nc1), syn);
    assert_int_equal(nrn_netcon_target(m, nc2), -1);
    assert_int_equal(nrn_netcon_target(m, 7), -1);
    assert_null(nrn_netcon_source(m, 7));
    /* a deleted object keeps its slot, without a name */
    assert_int_equal(nrn_pp_delete(m, ic), NRN_OK);
    assert_int_equal(nrn_pp_count(m), 3);
    assert_null(nrn_pp_name(m, ic));
    assert_int_equal(nrn_netcon_delete(m, nc1), NRN_OK);
    assert_int_equal(nrn_netcon_count(m), 2);
    assert_null(nrn_netcon_name(m, nc1));
    assert_null(nrn_netcon_source(m, nc1));
    nrn_model_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_listing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
