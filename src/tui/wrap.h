/*
** wrap.h: text folded to a width for the help and output views, so that no key's
** description is cut at 80 columns. Pure; tests/unit/test_tui_wrap.c tests it.
*/
#ifndef TUI_WRAP_H
#define TUI_WRAP_H

/*
** A copy of text (lines separated by '\n') with every line longer than width code points
** folded at spaces (or cut when a word is longer than the width); continuation lines start
** with indent spaces. width below indent + 8 folds nothing. Returns a malloc'ed string, or
** NULL when out of memory.
*/
char *wrap_text(const char *text, int width, int indent);

#endif /* TUI_WRAP_H */
