/*
** test_tcl_csvout.c: CSV fields: bare when they can be, quoted by libcsv when they must
** be (comma, quote, line break, space at an end), numbers in repr form.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "../../src/tcl/csvout.h"

/* Runs the writes of one row into a memory stream and returns the text (caller frees). */
static char *row_text(const char *const *fields, int n, const double *nums, int nn)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    for (int i = 0; i < n; i++)
        assert_int_equal(csvout_text(fp, fields[i], i == 0), 0);
    for (int i = 0; i < nn; i++)
        assert_int_equal(csvout_number(fp, nums[i], 0, n == 0 && i == 0), 0);
    assert_int_equal(csvout_end(fp), 0);
    fclose(fp);
    return buf;
}

/* A header of ordinary column names stays bare. */
static void test_header_bare(void **state)
{
    const char *f[] = { "t", "soma(0.5).v", "ic.i", "dend[3](0.1).m_hh" };
    char *s = row_text(f, 4, NULL, 0);
    (void)state;
    assert_string_equal(s, "t,soma(0.5).v,ic.i,dend[3](0.1).m_hh\n");
    free(s);
}

/* Fields that would split or lose text are quoted, quotes doubled. */
static void test_quoting(void **state)
{
    const char *f[] = { "a,b", "say \"hi\"", "two\nlines", " pad", "" };
    char *s = row_text(f, 5, NULL, 0);
    (void)state;
    assert_string_equal(s, "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" pad\",\n");
    free(s);
}

/* Numbers in Python's repr form. */
static void test_numbers(void **state)
{
    const double x[] = { 0.0, 0.025, -64.99925452909274, 1e-05, 1e+30 };
    char *s = row_text(NULL, 0, x, 5);
    (void)state;
    assert_string_equal(s, "0.0,0.025,-64.99925452909274,1e-05,1e+30\n");
    free(s);
}

/* A write error is reported. */
static void test_write_error(void **state)
{
    FILE *fp = fopen("/dev/full", "w");
    int rc = 0;
    (void)state;
    if (fp == NULL)
        skip();
    setvbuf(fp, NULL, _IONBF, 0);
    rc |= csvout_text(fp, "t", 1);
    rc |= csvout_number(fp, 1.0, 0, 0);
    assert_int_equal(rc, -1);
    fclose(fp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_bare),
        cmocka_unit_test(test_quoting),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_write_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
