/*
** ansi.h: reading the text lines the plotting library makes (src/plot/frame.c), which carry
** ANSI SGR colour codes, as spans of plain text with a colour, so that draw.c can paint them
** with curses attributes. Pure; unit-tested in tests/unit/test_tui_ansi.c.
*/
#ifndef TUI_ANSI_H
#define TUI_ANSI_H

#include <stddef.h>

/* One run of text in one colour. */
struct ansi_span {
    const char *text; /* start of the text (inside the line; not NUL-terminated) */
    size_t len;       /* its bytes */
    int fg;           /* colour: -1 default, 0..255 as xterm's 256 colours */
    int bold;         /* 1 when bold */
};

/*
** Reads the next span of *p, advancing *p past it and past any SGR sequences before it;
** fg and bold carry the colour state from one call to the next (start with -1 and 0).
** Returns 0 at the end of the line (nothing left), else 1 (the span may be empty when
** the line ends in a code). 30-37 and 90-97 map to 0-7 and 8-15, 38;5;N to N, 39 and 0
** reset; other codes are skipped.
*/
int ansi_next(const char **p, struct ansi_span *sp, int *fg, int *bold);

#endif /* TUI_ANSI_H */
