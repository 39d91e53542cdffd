/*
** test_cli_sweep_plan.c: nrn-sweep's points: specs (a:b:n, lists, text), grid order, zip,
** explicit points from CSV, duplicates, ids (SHA-256 of the canonical sorted NAME=repr
** list, the same whatever the -p order), shard arithmetic, and SHA-256 itself.
*/
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../../src/cli/sweep/sweep_plan.h"
#include "../../src/cli/sweep/sweep_sha256.h"

static char err[512];

/* Builds a plan from -p arguments. */
static void build(struct sweep_plan *plan, const char *const *args, int n, int zip, int want)
{
    struct sweep_param ps[8];
    for (int i = 0; i < n; i++)
        assert_int_equal(sweep_param_parse(args[i], &ps[i], err, sizeof err), 0);
    assert_int_equal(sweep_plan_build(plan, ps, n, zip, err, sizeof err), want);
    if (want != 0)
        for (int i = 0; i < n; i++)
            sweep_param_free(&ps[i]);
}

static void test_sha256(void **state)
{
    char hex[65];
    (void)state;
    sweep_sha256_hex("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    sweep_sha256_hex("", 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    sweep_sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_range(void **state)
{
    struct sweep_param p;
    (void)state;
    assert_int_equal(sweep_param_parse("ic.amp=0:1:5", &p, err, sizeof err), 0);
    assert_string_equal(p.name, "ic.amp");
    assert_true(p.is_path);
    assert_int_equal(p.nvals, 5);
    assert_true(p.num[0] == 0 && p.num[1] == 0.25 && p.num[2] == 0.5 && p.num[4] == 1);
    sweep_param_free(&p);
    /* numpy.linspace(0.1, 1, 10): 0.1 + 2*0.1 is 0.30000000000000004, the end exactly 1 */
    assert_int_equal(sweep_param_parse("a=0.1:1:10", &p, err, sizeof err), 0);
    assert_true(p.num[2] == 0.1 + 2 * ((1 - 0.1) / 9) && p.num[9] == 1.0);
    assert_false(p.is_path);
    sweep_param_free(&p);
    assert_int_equal(sweep_param_parse("a=5:5:1", &p, err, sizeof err), 0);
    assert_int_equal(p.nvals, 1);
    sweep_param_free(&p);
    assert_int_equal(sweep_param_parse("a=0:1:0", &p, err, sizeof err), -1);
    assert_int_equal(sweep_param_parse("a=0:1", &p, err, sizeof err), -1);
    assert_int_equal(sweep_param_parse("a=0:1:1", &p, err, sizeof err), -1);
    assert_int_equal(sweep_param_parse("a=x:1:3", &p, err, sizeof err), -1);
    assert_int_equal(sweep_param_parse("=1,2", &p, err, sizeof err), -1);
    assert_int_equal(sweep_param_parse("a=", &p, err, sizeof err), -1);
    assert_int_equal(sweep_param_parse("a", &p, err, sizeof err), -1);
}

static void test_list(void **state)
{
    struct sweep_param p;
    (void)state;
    assert_int_equal(sweep_param_parse("cell=1e-3,big,2", &p, err, sizeof err), 0);
    assert_int_equal(p.nvals, 3);
    assert_true(p.is_text && p.num[0] == 1e-3 && p.text[0] == NULL);
    assert_string_equal(p.text[1], "big");
    sweep_param_free(&p);
    assert_int_equal(sweep_param_parse("a=1,,2", &p, err, sizeof err), -1);
    assert_int_equal(sweep_param_parse("a=1,2,", &p, err, sizeof err), -1);
    /* a value path takes numbers only */
    assert_int_equal(sweep_param_parse("soma.L=10,long", &p, err, sizeof err), -1);
    assert_non_null(strstr(err, "must be numbers"));
    assert_true(sweep_is_path("celsius") && sweep_is_path("soma(0.5).gnabar_hh") &&
                sweep_is_path("ic.amp") && !sweep_is_path("amp"));
}

static void test_grid_order(void **state)
{
    static const char *const args[] = { "a=1,2", "b=10,20,30" };
    struct sweep_plan plan;
    char buf[64];
    (void)state;
    build(&plan, args, 2, 0, 0);
    assert_int_equal(plan.npoints, 6);
    /* the first -p varies slowest */
    static const double want[6][2] = { { 1, 10 }, { 1, 20 }, { 1, 30 }, { 2, 10 }, { 2, 20 }, { 2, 30 } };
    for (int k = 0; k < 6; k++) {
        assert_true(plan.num[k * 2] == want[k][0]);
        assert_true(plan.num[k * 2 + 1] == want[k][1]);
    }
    assert_string_equal(sweep_value_text(&plan, 1, 1, buf), "20.0");
    sweep_plan_free(&plan);
}

static void test_zip(void **state)
{
    static const char *const args[] = { "a=1,2,3", "b=0:1:3" };
    static const char *const bad[] = { "a=1,2,3", "b=1,2" };
    static const char *const twice[] = { "a=1", "a=2" };
    struct sweep_plan plan;
    (void)state;
    build(&plan, args, 2, 1, 0);
    assert_int_equal(plan.npoints, 3);
    assert_true(plan.num[0] == 1 && plan.num[1] == 0 && plan.num[4] == 3 && plan.num[5] == 1);
    sweep_plan_free(&plan);
    build(&plan, bad, 2, 1, -1);
    assert_non_null(strstr(err, "--zip"));
    build(&plan, twice, 2, 0, -1);
}

static void test_ids(void **state)
{
    static const char *const ab[] = { "a=1,2", "b=0.1" };
    static const char *const ba[] = { "b=0.1", "a=2,1" };
    static const char *const dup[] = { "a=1,1.0,2,1e0" };
    struct sweep_plan p1, p2;
    char hex[65], *canon;
    (void)state;
    build(&p1, ab, 2, 0, 0);
    build(&p2, ba, 2, 0, 0);
    canon = sweep_point_canon(&p1, 0);
    assert_string_equal(canon, "a=1.0\nb=0.1\n");
    sweep_sha256_hex(canon, strlen(canon), hex);
    hex[16] = '\0';
    assert_string_equal(p1.id[0], hex);
    free(canon);
    /* the same point, whatever the order of -p and of the values */
    assert_string_equal(p1.id[0], p2.id[1]);
    assert_string_equal(p1.id[1], p2.id[0]);
    assert_string_not_equal(p1.id[0], p1.id[1]);
    sweep_plan_free(&p1);
    sweep_plan_free(&p2);
    /* 1, 1.0 and 1e0 are one point: kept once, at its first place */
    build(&p1, dup, 1, 0, 0);
    assert_int_equal(p1.npoints, 2);
    assert_true(p1.num[0] == 1 && p1.num[1] == 2);
    sweep_plan_free(&p1);
}

static void test_shard(void **state)
{
    static const char *const args[] = { "a=0:9:10" };
    int seen[10] = { 0 }, i, n;
    (void)state;
    for (int s = 1; s <= 3; s++) {
        struct sweep_plan plan;
        build(&plan, args, 1, 0, 0);
        sweep_plan_shard(&plan, s, 3);
        assert_int_equal(plan.npoints, s == 1 ? 4 : 3);
        for (size_t k = 0; k < plan.npoints; k++) {
            int v = (int)plan.num[k];
            assert_int_equal(v % 3, s - 1); /* place k of the full plan: k % N == I - 1 */
            seen[v]++;
        }
        sweep_plan_free(&plan);
    }
    for (int v = 0; v < 10; v++)
        assert_int_equal(seen[v], 1); /* every point in exactly one shard */
    assert_int_equal(sweep_shard_parse("2/8", &i, &n, err, sizeof err), 0);
    assert_true(i == 2 && n == 8);
    assert_int_equal(sweep_shard_parse("0/8", &i, &n, err, sizeof err), -1);
    assert_int_equal(sweep_shard_parse("9/8", &i, &n, err, sizeof err), -1);
    assert_int_equal(sweep_shard_parse("1/0", &i, &n, err, sizeof err), -1);
    assert_int_equal(sweep_shard_parse("x", &i, &n, err, sizeof err), -1);
    assert_int_equal(sweep_shard_parse("1/2/3", &i, &n, err, sizeof err), -1);
}

static void test_points_csv(void **state)
{
    char path[] = "/tmp/test_sweep_pointsXXXXXX";
    struct sweep_plan plan;
    int fd = mkstemp(path);
    FILE *fp = fdopen(fd, "w");
    (void)state;
    fputs("ic.amp,cell\n0.5,\"a b\"\n1,x\n0.5,\"a b\"\n", fp);
    fclose(fp);
    assert_int_equal(sweep_plan_from_csv(&plan, path, err, sizeof err), 0);
    assert_int_equal(plan.nparams, 2);
    assert_int_equal(plan.npoints, 2); /* the repeated row is one point */
    assert_true(plan.params[0].is_path && !plan.params[1].is_path && plan.params[1].is_text);
    assert_true(plan.num[0] == 0.5);
    assert_string_equal(plan.text[1], "a b");
    sweep_plan_free(&plan);
    fp = fopen(path, "w");
    fputs("ic.amp\n0.5\nhigh\n", fp);
    fclose(fp);
    assert_int_equal(sweep_plan_from_csv(&plan, path, err, sizeof err), -1);
    assert_non_null(strstr(err, ":3: ic.amp: expected a number"));
    unlink(path);
}

/* A points file as spreadsheets and editors write it: byte order mark, comments, blank
** lines, CRLF; a NUL byte or a header that names no parameter is an error with its line. */
static void test_points_buf(void **state)
{
    static const char good[] = "\xEF\xBB\xBF# amplitudes\r\nic.amp,cell\r\n\r\n  # skip\r\n"
                               "0.5,\"a\n# kept\"\r\n1,b\r\n";
    static const char nul[] = "ic.amp\n0.5\n0.7\0\n";
    static const char multi[] = "\"a\nb\t\x01\"\n1\n", multinum[] = "ic.amp\n\"1\r\n2\"\n";
    struct sweep_plan plan;
    (void)state;
    assert_int_equal(sweep_plan_from_buf(&plan, "p.csv", good, sizeof good - 1, err, sizeof err), 0);
    assert_int_equal(plan.nparams, 2);
    assert_string_equal(plan.params[0].name, "ic.amp");
    assert_int_equal(plan.npoints, 2);
    assert_string_equal(plan.text[1], "a\n# kept"); /* a quoted field's line is no comment */
    assert_true(plan.num[2] == 1);
    sweep_plan_free(&plan);
    assert_int_equal(sweep_plan_from_buf(&plan, "p.csv", nul, sizeof nul - 1, err, sizeof err), -1);
    assert_non_null(strstr(err, "p.csv:3: a NUL byte"));
    assert_int_equal(sweep_plan_from_buf(&plan, "p.csv", "# x\n\nic amp\n1\n", 14, err, sizeof err), -1);
    assert_non_null(strstr(err, "p.csv:3: 'ic amp' is not a parameter name"));
    /* a quoted field spanning lines is quoted on the message's one line */
    assert_int_equal(sweep_plan_from_buf(&plan, "p.csv", multi, strlen(multi), err, sizeof err), -1);
    assert_non_null(strstr(err, "p.csv:2: 'a\\nb\\t\\x01' is not a parameter name"));
    assert_int_equal(sweep_plan_from_buf(&plan, "p.csv", multinum, strlen(multinum), err,
                                         sizeof err), -1);
    assert_non_null(strstr(err, "p.csv:3: ic.amp: expected a number, got '1\\r\\n2'"));
    assert_int_equal(sweep_plan_from_buf(&plan, "p.csv", "# only\n\n", 8, err, sizeof err), -1);
    assert_non_null(strstr(err, "empty file"));
    assert_int_equal(sweep_plan_from_buf(&plan, "p.csv", "a\n1\n\n3,4\n", 9, err, sizeof err), -1);
    assert_non_null(strstr(err, "p.csv:4: 2 fields"));
}

/* The size of a grid is known before any value is made, and bounded. */
static void test_limits(void **state)
{
    static const char *const big[] = { "a=0:1:10000", "b=0:1:10000" };
    struct sweep_param p;
    struct sweep_plan plan;
    (void)state;
    assert_int_equal(sweep_param_parse("a=0:1:10000001", &p, err, sizeof err), -1);
    assert_non_null(strstr(err, "10000001 values, more than the 10000000"));
    assert_int_equal(sweep_param_parse("a=0:1:99999999999999999999", &p, err, sizeof err), -1);
    build(&plan, big, 2, 0, -1);
    assert_non_null(strstr(err, "the grid has 100000000 points"));
    /* counted from the text alone, so that a grid is refused before its values exist */
    assert_int_equal(sweep_spec_count("a=0:1:10000000"), 10000000);
    assert_int_equal(sweep_spec_count("a=1,x,3"), 3);
    assert_int_equal(sweep_spec_count("a=0:1:99999999999999999999"), 0);
    assert_int_equal(sweep_spec_count("a"), 0);
    assert_int_equal(sweep_grid_check(1e7, err, sizeof err), 0);
    assert_int_equal(sweep_grid_check(1e35, err, sizeof err), -1);
    assert_non_null(strstr(err, "the grid has 1e+35 points"));
    assert_int_equal(sweep_param_parse("a b=1", &p, err, sizeof err), -1);
    assert_int_equal(sweep_param_parse("sweep=1", &p, err, sizeof err), -1);
    assert_int_equal(sweep_param_parse("1a=1", &p, err, sizeof err), -1);
    assert_true(sweep_name_ok("soma(0.5).gnabar_hh") && sweep_name_ok("cell[2].soma.L") &&
                sweep_name_ok("_x9") && !sweep_name_ok("a-b") && !sweep_name_ok("\xEF\xBB\xBF" "a"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha256),
        cmocka_unit_test(test_range),
        cmocka_unit_test(test_list),
        cmocka_unit_test(test_grid_order),
        cmocka_unit_test(test_zip),
        cmocka_unit_test(test_ids),
        cmocka_unit_test(test_shard),
        cmocka_unit_test(test_points_csv),
        cmocka_unit_test(test_points_buf),
        cmocka_unit_test(test_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
