/*
** test_tui_wrap.c: folding the help and output text to the screen's width (src/tui/wrap.c).
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/tui/wrap.h"

static void check(const char *in, int width, int indent, const char *want)
{
    char *got = wrap_text(in, width, indent);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void test_wrap(void **state)
{
    (void)state;
    check("short\nlines stay", 20, 4, "short\nlines stay");
    check("a            trace the selected segment v", 30, 13,
          "a            trace the\n             selected segment\n             v");
    /* a word longer than the width is cut */
    check("abcdefghijklmnopqrstuvwxyz", 10, 2, "abcdefghij\n  klmnopqr\n  stuvwxyz");
    /* UTF-8 counts code points */
    check("\xc2\xb5\xc2\xb5\xc2\xb5\xc2\xb5\xc2\xb5\xc2\xb5 \xc2\xb5\xc2\xb5\xc2\xb5\xc2\xb5", 8, 0,
          "\xc2\xb5\xc2\xb5\xc2\xb5\xc2\xb5\xc2\xb5\xc2\xb5\n\xc2\xb5\xc2\xb5\xc2\xb5\xc2\xb5");
    /* too narrow for any folding: the text as it is */
    check("one two three", 5, 2, "one two three");
    check("", 20, 2, "");
    check("ends with newline\n", 40, 2, "ends with newline\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wrap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
