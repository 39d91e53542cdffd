/*
** test_tui_ansi.c: the plotting library's coloured lines read as spans (src/tui/ansi.c).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/tui/ansi.h"

static void expect(const char **p, int *fg, int *bold, const char *text, int wantfg, int wantbold)
{
    struct ansi_span sp;
    assert_int_equal(ansi_next(p, &sp, fg, bold), 1);
    assert_int_equal(sp.len, strlen(text));
    assert_memory_equal(sp.text, text, sp.len);
    assert_int_equal(sp.fg, wantfg);
    assert_int_equal(sp.bold, wantbold);
}

static void test_spans(void **state)
{
    const char *line = "ab\033[34mcd\033[0m e\033[1;91mX\033[38;5;196mY\033[39mZ";
    const char *p = line;
    int fg = -1, bold = 0;
    struct ansi_span sp;
    (void)state;
    expect(&p, &fg, &bold, "ab", -1, 0);
    expect(&p, &fg, &bold, "cd", 4, 0);
    expect(&p, &fg, &bold, " e", -1, 0);
    expect(&p, &fg, &bold, "X", 9, 1);
    expect(&p, &fg, &bold, "Y", 196, 1);
    expect(&p, &fg, &bold, "Z", -1, 1);
    assert_int_equal(ansi_next(&p, &sp, &fg, &bold), 0);
}

static void test_edges(void **state)
{
    const char *p = "";
    int fg = -1, bold = 0;
    struct ansi_span sp;
    (void)state;
    assert_int_equal(ansi_next(&p, &sp, &fg, &bold), 0);
    p = "\033[31m"; /* a code alone: one empty span, then the end */
    assert_int_equal(ansi_next(&p, &sp, &fg, &bold), 1);
    assert_int_equal(sp.len, 0);
    assert_int_equal(fg, 1);
    assert_int_equal(ansi_next(&p, &sp, &fg, &bold), 0);
    p = "\033[3"; /* cut short: no crash, no text */
    ansi_next(&p, &sp, &fg, &bold);
    assert_int_equal(ansi_next(&p, &sp, &fg, &bold), 0);
    p = "\033[m!"; /* ESC [ m resets */
    fg = 5;
    assert_int_equal(ansi_next(&p, &sp, &fg, &bold), 1);
    assert_int_equal(sp.fg, -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spans),
        cmocka_unit_test(test_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
