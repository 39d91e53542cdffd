/*
** oneline.h: makes a message print as one line. Messages quote what the user gave (a
** section name, a CSV cell, a -p argument); a newline or a carriage return in it would
** break the "FILE:LINE: message" rule, and other control characters (an escape sequence)
** would act on the terminal. Header-only, so that the engine, the plotting library and the
** commands, which do not all link together, share it.
*/
#ifndef ONELINE_H
#define ONELINE_H

#include <stdio.h>
#include <string.h>

/* 1 for the bytes text_oneline rewrites: C0 controls and DEL. */
static inline int text_is_control(int c)
{
    return (c >= 0 && c < 0x20) || c == 0x7f;
}

/* Rewrites the string s (in a buffer of size bytes) with each control character written
** as \n, \r, \t or \xNN; cuts the text if it no longer fits. */
static inline void text_oneline(char *s, size_t size)
{
    char copy[1024];
    size_t n = strlen(s), o = 0;
    size_t i = 0;
    while (i < n && !text_is_control((unsigned char)s[i]))
        i++;
    if (i == n)
        return;
    if (n >= sizeof copy) { /* too long to copy: plain replacement */
        for (; i < n; i++)
            if (text_is_control((unsigned char)s[i]))
                s[i] = '?';
        return;
    }
    memcpy(copy, s, n + 1);
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)copy[i];
        char esc[8];
        if (!text_is_control(c))
            esc[0] = (char)c, esc[1] = 0;
        else if (c == '\n' || c == '\r' || c == '\t')
            snprintf(esc, sizeof esc, "\\%c", c == '\n' ? 'n' : c == '\r' ? 'r' : 't');
        else
            snprintf(esc, sizeof esc, "\\x%02x", c);
        size_t k = strlen(esc);
        if (o + k >= size)
            break;
        memcpy(s + o, esc, k);
        o += k;
    }
    s[o] = 0;
}

#endif /* ONELINE_H */
