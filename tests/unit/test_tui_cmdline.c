/*
** test_tui_cmdline.c: the prompt's line editor, history and completion (src/tui/cmdline.c).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/tui/cmdline.h"

static void test_editing(void **state)
{
    struct cmdline c;
    (void)state;
    memset(&c, 0, sizeof c);
    cmdline_start(&c, "setval soma.L 2");
    cmdline_insert(&c, "0");
    assert_string_equal(c.buf, "setval soma.L 20");
    cmdline_home(&c);
    cmdline_delete(&c);
    assert_string_equal(c.buf, "etval soma.L 20");
    cmdline_insert(&c, "s");
    cmdline_end(&c);
    cmdline_kill_word(&c);
    assert_string_equal(c.buf, "setval soma.L ");
    cmdline_backspace(&c);
    cmdline_left(&c);
    cmdline_left(&c);
    cmdline_kill_line(&c);
    assert_string_equal(c.buf, ".L");
    assert_int_equal(c.cur, 0);
    cmdline_backspace(&c); /* at the start: nothing */
    assert_string_equal(c.buf, ".L");
    /* UTF-8: the cursor never stops inside a character */
    cmdline_start(&c, "\xc2\xb5m");
    cmdline_left(&c);
    cmdline_left(&c);
    assert_int_equal(c.cur, 0);
    cmdline_right(&c);
    assert_int_equal(c.cur, 2);
    cmdline_backspace(&c);
    assert_string_equal(c.buf, "m");
    cmdline_free(&c);
}

static void test_history(void **state)
{
    struct cmdline c;
    (void)state;
    memset(&c, 0, sizeof c);
    cmdline_remember(&c, "first");
    cmdline_remember(&c, "second");
    cmdline_remember(&c, "second"); /* no repeat */
    cmdline_remember(&c, "");       /* no empty line */
    assert_int_equal(c.nhist, 2);
    cmdline_start(&c, "new");
    cmdline_history(&c, -1);
    assert_string_equal(c.buf, "second");
    cmdline_history(&c, -1);
    assert_string_equal(c.buf, "first");
    cmdline_history(&c, -1); /* the oldest: stays */
    assert_string_equal(c.buf, "first");
    cmdline_history(&c, 1);
    cmdline_history(&c, 1);
    assert_string_equal(c.buf, "new"); /* back to the line being typed */
    for (int i = 0; i < CMDLINE_HIST + 10; i++) {
        char b[16];
        snprintf(b, sizeof b, "l%d", i);
        cmdline_remember(&c, b);
    }
    assert_int_equal(c.nhist, CMDLINE_HIST);
    cmdline_free(&c);
}

static void test_complete(void **state)
{
    struct cmdline c;
    const char *cmds[] = { "section", "sections", "segments", "setval", "run" };
    const char *names[] = { "soma", "dend[0]", "dend[1]" };
    int len, index;
    (void)state;
    memset(&c, 0, sizeof c);
    cmdline_start(&c, "sec");
    assert_int_equal(cmdline_complete(&c, cmds, 5), 2);
    assert_string_equal(c.buf, "section"); /* the common prefix */
    cmdline_start(&c, "setv");
    assert_int_equal(cmdline_complete(&c, cmds, 5), 1);
    assert_string_equal(c.buf, "setval ");
    cmdline_word(&c, &len, &index);
    assert_int_equal(index, 1);
    cmdline_insert(&c, "de");
    assert_int_equal(cmdline_complete(&c, names, 3), 2);
    assert_string_equal(c.buf, "setval dend[");
    cmdline_insert(&c, "1");
    assert_int_equal(cmdline_complete(&c, names, 3), 1);
    assert_string_equal(c.buf, "setval dend[1] ");
    cmdline_start(&c, "xyz");
    assert_int_equal(cmdline_complete(&c, cmds, 5), 0);
    assert_string_equal(c.buf, "xyz");
    cmdline_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_editing),
        cmocka_unit_test(test_history),
        cmocka_unit_test(test_complete),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
