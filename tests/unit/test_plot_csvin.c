/*
** test_plot_csvin.c: the CSV reader (csvin.c) and column selection (columns.c).
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/plot/plot.h"

/* What the callbacks saw. */
struct seen {
    const char *select;  /* -y list to select, NULL = columns 0 and 1 */
    int nrows;           /* rows delivered */
    double sum[4];       /* sum of each selected value over rows (NaN-free) */
    int nan[4];          /* missing values per selected slot */
    long lastline;       /* line of the last row */
    int nsel;            /* values per row */
};

/* Header callback: selects column 0 then the -y list (or column 1). */
static int on_header(void *ud, struct csvin *r, const char *const *names, int n)
{
    struct seen *s = ud;
    int idx[8] = { 0, 1 }, k = 1;
    char bad[64];
    if (s->select && columns_resolve(names, n, s->select, idx, 8, &k, bad, sizeof bad) != 0)
        return csvin_fail(r, "no column '%s'", bad);
    if (!s->select)
        k = 2;
    s->nsel = k;
    return csvin_select(r, idx, k);
}

/* Row callback: sums. */
static int on_row(void *ud, const double *v, int n, long line)
{
    struct seen *s = ud;
    int i;
    for (i = 0; i < n && i < 4; i++) {
        if (isnan(v[i]))
            s->nan[i]++;
        else
            s->sum[i] += v[i];
    }
    s->nrows++;
    s->lastline = line;
    return 0;
}

/* Feeds text in pieces of size chunk (0 = all at once); returns the status of the last step. */
static int feed(struct csvin *r, const char *text, size_t chunk)
{
    size_t len = strlen(text), at = 0;
    if (chunk == 0)
        chunk = len ? len : 1;
    while (at < len) {
        size_t n = len - at < chunk ? len - at : chunk;
        if (csvin_feed(r, text + at, n) != 0)
            return -1;
        at += n;
    }
    return csvin_finish(r);
}

/* Parses text, returning the status; *s gets what was delivered, err the message. */
static int parse(const char *text, size_t chunk, struct seen *s, char *err, size_t errsize)
{
    struct csvin *r = csvin_new("in.csv", ',', on_header, on_row, s);
    int rc;
    assert_non_null(r);
    rc = feed(r, text, chunk);
    snprintf(err, errsize, "%s", csvin_error(r));
    csvin_free(&r);
    assert_null(r);
    return rc;
}

/* nrn-run output, comments, missing cells, CRLF, no final newline; any chunking. */
static void test_rows(void **state)
{
    static const char text[] =
        "# spikes at 1.0\n"
        "t,soma(0.5).v,soma(0.5).m_hh\r\n"
        "0.0,-65.0,0.05\n"
        "\n"
        "0.025,-64.99925452909274,NA\n"
        "# a note between rows\n"
        "0.05,,0.06\n"
        "\"0.075\",1e1,0.07";
    size_t chunks[] = { 0, 1, 2, 3, 7, 64 };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
        struct seen s;
        char err[256];
        memset(&s, 0, sizeof s);
        s.select = "soma(0.5).v,3";
        assert_int_equal(parse(text, chunks[i], &s, err, sizeof err), 0);
        assert_int_equal(s.nrows, 4);
        assert_int_equal(s.nsel, 3);
        if (fabs(s.sum[0] - 0.15) > 1e-12 || fabs(s.sum[1] - (-65.0 - 64.99925452909274 + 10)) > 1e-9)
            fail_msg("chunk %zu: sums %g %g", chunks[i], s.sum[0], s.sum[1]);
        assert_int_equal(s.nan[1], 1);
        assert_int_equal(s.nan[2], 1);
        assert_int_equal(s.lastline, 8);
    }
}

/* Each kind of bad input gives one message with the file and line. */
static void test_errors(void **state)
{
    static const struct {
        const char *text, *want;
    } cases[] = {
        { "t,v\n0,1\n1,2,3\n", "in.csv:3: row has 3 fields, the header has 2" },
        { "t,v\n0,1\n1\n", "in.csv:3: row has 1 field, the header has 2" },
        { "t,v\n0,1\n1,abc\n", "in.csv:3: column 'v' is not a number: 'abc'" },
        { "t,v\n0,1\n1,2x\n", "in.csv:3: column 'v' is not a number: '2x'" },
        { "t,v\n", "in.csv:1: no data rows after the header" },
        { "# only a comment\nt,v\n", "in.csv:2: no data rows after the header" },
        { "", "in.csv:1: empty input: no header line" },
        { "t,v\n0,\"1\n", "in.csv:2: malformed CSV: unterminated quoted field" },
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct seen s;
        char err[256];
        memset(&s, 0, sizeof s);
        assert_int_equal(parse(cases[i].text, 0, &s, err, sizeof err), -1);
        assert_string_equal(err, cases[i].want);
    }
}

/* An unknown column fails in the header callback with the header's line. */
static void test_unknown_column(void **state)
{
    struct seen s;
    char err[256];
    (void)state;
    memset(&s, 0, sizeof s);
    s.select = "v,w";
    assert_int_equal(parse("# c\nt,v\n0,1\n", 0, &s, err, sizeof err), -1);
    assert_string_equal(err, "in.csv:2: no column 'w'");
}

/* The fast number path agrees with strtod bit for bit, and the slow path still works. */
static void test_numbers(void **state)
{
    static const char *const nums[] = {
        "0.1", "-64.99925452909274", "0.05293248525724958", "1e-300", "123456789012345678",
        "9007199254740993", "2.5E+3", "-0", "+7", ".5", "5.", "1e22", "1e23", "0.000001",
        "3.141592653589793", "0x10", "inf", "nan", "  4 ",
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        char text[128];
        struct seen s;
        char err[256];
        double want = strtod(nums[i], NULL);
        memset(&s, 0, sizeof s);
        s.select = "v";
        snprintf(text, sizeof text, "t,v\n0,\"%s\"\n", nums[i]);
        assert_int_equal(parse(text, 0, &s, err, sizeof err), 0);
        if (!isfinite(want)) {
            assert_int_equal(s.nan[1], 1);
        } else if (memcmp(&s.sum[1], &want, sizeof want) != 0 && !(want == 0 && s.sum[1] == 0)) {
            fail_msg("%s: got %.17g, want %.17g", nums[i], s.sum[1], want);
        }
    }
}

/* A column chosen twice gets its value in both slots. */
static void test_duplicate_selection(void **state)
{
    struct seen s;
    char err[256];
    (void)state;
    memset(&s, 0, sizeof s);
    s.select = "t,2,t";
    assert_int_equal(parse("t,v\n1,2\n3,4\n", 0, &s, err, sizeof err), 0);
    assert_int_equal(s.nsel, 4);
    if (s.sum[0] != 4 || s.sum[1] != 4 || s.sum[2] != 6 || s.sum[3] != 4)
        fail_msg("sums %g %g %g %g", s.sum[0], s.sum[1], s.sum[2], s.sum[3]);
}

/* Column references: names first, then indices, then names without their unit. */
static void test_columns(void **state)
{
    const char *names[] = { "t", "soma(0.5).v", "v[mV]", "2", "i [nA]" };
    int out[8], n = 0;
    char bad[32], name[32], unit[16];
    (void)state;
    assert_int_equal(columns_find(names, 5, "soma(0.5).v"), 1);
    assert_int_equal(columns_find(names, 5, "2"), 3); /* the name "2" wins over index 2 */
    assert_int_equal(columns_find(names, 5, "1"), 0);
    assert_int_equal(columns_find(names, 5, "6"), -1);
    assert_int_equal(columns_find(names, 5, "0"), -1);
    assert_int_equal(columns_find(names, 5, "v"), 2);
    assert_int_equal(columns_find(names, 5, "i"), 4);
    assert_int_equal(columns_find(names, 5, "soma"), -1);
    assert_int_equal(columns_resolve(names, 5, "soma(0.5).v,1,v", out, 8, &n, bad, sizeof bad), 0);
    assert_int_equal(n, 3);
    assert_int_equal(out[0], 1);
    assert_int_equal(out[2], 2);
    assert_int_equal(columns_resolve(names, 5, "t,nope", out, 8, &n, bad, sizeof bad), -1);
    assert_string_equal(bad, "nope");
    columns_unit("v[mV]", name, sizeof name, unit, sizeof unit);
    assert_string_equal(name, "v");
    assert_string_equal(unit, "mV");
    columns_unit("i [nA]", name, sizeof name, unit, sizeof unit);
    assert_string_equal(name, "i");
    assert_string_equal(unit, "nA");
    columns_unit("soma(0.5).v", name, sizeof name, unit, sizeof unit);
    assert_string_equal(name, "soma(0.5).v");
    assert_string_equal(unit, "");
    columns_unit("[mV]", name, sizeof name, unit, sizeof unit);
    assert_string_equal(name, "[mV]");
}

/* A different delimiter (TSV). */
static void test_tabs(void **state)
{
    struct seen s;
    struct csvin *r;
    (void)state;
    memset(&s, 0, sizeof s);
    r = csvin_new("in.tsv", '\t', on_header, on_row, &s);
    assert_int_equal(feed(r, "t\tv\n1\t2\n", 0), 0);
    assert_int_equal(s.nrows, 1);
    assert_true(s.sum[1] == 2);
    csvin_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows),           cmocka_unit_test(test_errors),
        cmocka_unit_test(test_unknown_column), cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_duplicate_selection), cmocka_unit_test(test_columns),
        cmocka_unit_test(test_tabs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
