/*
** test_cli_opt.c: option tables: values reach the handler in order, numbers are
** checked, unknown options and missing arguments are usage errors, --help lists all.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/cli/cli_opt.h"

enum { OPT_TSTOP = 256, OPT_QUIET };

static const struct cli_opt opts[] = {
    { "output", 'o', CLI_PATH, "FILE", "write to FILE" },
    { "tstop", OPT_TSTOP, CLI_DOUBLE, "MS", "stop time" },
    { "jobs", 'j', CLI_INT, "N", "workers" },
    { "quiet", OPT_QUIET, CLI_FLAG, NULL, "say less" },
    { NULL, 0, 0, NULL, NULL },
};

/* What the handler saw. */
struct seen {
    char log[256]; /* "key=arg/num;" per call */
    int stop_on;   /* key that makes the handler fail, or 0 */
};

/* Appends one call to the log. */
static int handler(void *ud, const struct cli_opt *o, const char *arg, double num)
{
    struct seen *s = ud;
    size_t n = strlen(s->log);
    snprintf(s->log + n, sizeof s->log - n, "%s=%s/%g;", o->name, arg ? arg : "-", num);
    return o->key == s->stop_on;
}

/* The argument vector of the last parse (getopt reorders it), freed by the next one. */
static char *argv_copy[16];

/*
** Parses a NULL-terminated argument list (copied: getopt moves operands); returns
** cli_parse's result. argv_copy holds the reordered arguments afterwards.
*/
static int parse(struct seen *s, const char *const *args)
{
    int argc = 0;
    for (int i = 0; i < 16; i++) {
        free(argv_copy[i]);
        argv_copy[i] = NULL;
    }
    while (args[argc]) {
        argv_copy[argc] = strdup(args[argc]);
        argc++;
    }
    return cli_parse("prog", opts, argc, argv_copy, handler, s);
}

/* Options in order, operands after them (also when given between options). */
static void test_order(void **state)
{
    struct seen s = { "", 0 };
    const char *const argv[] = { "prog", "-o", "x.csv", "a.tcl", "--tstop", "2.5", "-j3", "--quiet", "-", NULL };
    int first = parse(&s, argv);
    (void)state;
    assert_int_equal(first, 7);
    assert_string_equal(s.log, "output=x.csv/0;tstop=2.5/2.5;jobs=3/3;quiet=-/0;");
    assert_string_equal(argv_copy[7], "a.tcl");
    assert_string_equal(argv_copy[8], "-");
}

/* Numbers are checked; bad ones, unknown options and missing values fail. */
static void test_errors(void **state)
{
    struct seen s = { "", 0 };
    const char *const a1[] = { "prog", "--tstop", "abc", NULL };
    const char *const a2[] = { "prog", "--tstop", "inf", NULL };
    const char *const a3[] = { "prog", "-j", "2.5", NULL };
    const char *const a4[] = { "prog", "--nope", NULL };
    const char *const a5[] = { "prog", "-o", NULL };
    const char *const a6[] = { "prog", "-x", NULL };
    (void)state;
    assert_int_equal(parse(&s, a1), -1);
    assert_int_equal(parse(&s, a2), -1);
    assert_int_equal(parse(&s, a3), -1);
    assert_int_equal(parse(&s, a4), -1);
    assert_int_equal(parse(&s, a5), -1);
    assert_int_equal(parse(&s, a6), -1);
    assert_string_equal(s.log, "");
}

/* A handler's refusal stops parsing. */
static void test_handler_stop(void **state)
{
    struct seen s = { "", OPT_QUIET };
    const char *const argv[] = { "prog", "--quiet", "-o", "x", NULL };
    (void)state;
    assert_int_equal(parse(&s, argv), -1);
    assert_string_equal(s.log, "quiet=-/0;");
}

/* "--" ends the options. */
static void test_double_dash(void **state)
{
    struct seen s = { "", 0 };
    const char *const argv[] = { "prog", "--", "-o", NULL };
    (void)state;
    assert_int_equal(parse(&s, argv), 2);
    assert_string_equal(s.log, "");
}

/* --help text lists every option with its argument and help. */
static void test_help(void **state)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    (void)state;
    cli_help(fp, "prog [opts] FILE", opts, "Examples:\n  prog x\n");
    fclose(fp);
    assert_non_null(strstr(buf, "Usage: prog [opts] FILE\n"));
    assert_non_null(strstr(buf, "  -o, --output FILE"));
    assert_non_null(strstr(buf, "      --tstop MS"));
    assert_non_null(strstr(buf, "      --quiet "));
    assert_non_null(strstr(buf, "say less\n"));
    assert_non_null(strstr(buf, "\nExamples:\n  prog x\n"));
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_handler_stop),
        cmocka_unit_test(test_double_dash),
        cmocka_unit_test(test_help),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    for (int i = 0; i < 16; i++)
        free(argv_copy[i]);
    return rc;
}
