/*
** ansi.c: SGR colour codes in the plotting library's lines, as spans (see ansi.h).
*/
#include "ansi.h"

#include <stdlib.h>

/* Applies the parameters of one "ESC [ ... m" sequence (text between '[' and 'm'). */
static void ansi_sgr(const char *s, const char *end, int *fg, int *bold)
{
    int code[16], n = 0;
    while (s < end && n < 16) {
        char *e;
        long v = strtol(s, &e, 10);
        code[n++] = e == s ? 0 : (int)v;
        s = e < end && *e == ';' ? e + 1 : end;
    }
    if (n == 0)
        code[n++] = 0;
    for (int i = 0; i < n; i++) {
        int c = code[i];
        if (c == 0) {
            *fg = -1;
            *bold = 0;
        } else if (c == 1) {
            *bold = 1;
        } else if (c == 22) {
            *bold = 0;
        } else if (c >= 30 && c <= 37) {
            *fg = c - 30;
        } else if (c >= 90 && c <= 97) {
            *fg = c - 90 + 8;
        } else if (c == 39) {
            *fg = -1;
        } else if (c == 38 && i + 2 < n && code[i + 1] == 5) {
            *fg = code[i + 2] & 255;
            i += 2;
        }
    }
}

int ansi_next(const char **p, struct ansi_span *sp, int *fg, int *bold)
{
    const char *s = *p;
    /* codes before the text */
    while (s[0] == '\033' && s[1] == '[') {
        const char *q = s + 2;
        while (*q && *q != 'm')
            q++;
        ansi_sgr(s + 2, q, fg, bold);
        s = *q ? q + 1 : q;
    }
    if (*s == '\0' && s == *p) {
        *p = s;
        return 0;
    }
    sp->text = s;
    sp->fg = *fg;
    sp->bold = *bold;
    while (*s && !(s[0] == '\033' && s[1] == '['))
        s++;
    sp->len = (size_t)(s - sp->text);
    *p = s;
    return 1;
}
