/*
** wrap.c: folding text to a width (see wrap.h). Widths count UTF-8 code points, as the
** plotting library's utf8_width does.
*/
#include "wrap.h"

#include <stdlib.h>
#include <string.h>

/* 1 if byte b starts a code point. */
static int starts(unsigned char b)
{
    return (b & 0xC0) != 0x80;
}

/* Appends n bytes of s to the output. */
static void put(char **o, const char *s, size_t n)
{
    memcpy(*o, s, n);
    *o += n;
}

char *wrap_text(const char *text, int width, int indent)
{
    size_t len = strlen(text);
    int lines = 1;
    char *out, *o;
    const char *p = text;
    /* every fold adds a newline and indent bytes; there are at most len folds */
    if (width < indent + 8) {
        out = malloc(len + 1);
        if (out)
            memcpy(out, text, len + 1);
        return out;
    }
    for (const char *c = text; *c; c++)
        lines += *c == '\n';
    out = malloc(len + 1 + (len / (size_t)(width - indent) + (size_t)lines + 1) * ((size_t)indent + 1));
    if (!out)
        return NULL;
    o = out;
    while (*p) {
        const char *eol = strchr(p, '\n');
        const char *end = eol ? eol : p + strlen(p);
        int avail = width, first = 1;
        while (p < end) {
            /* the longest prefix of [p, end) that fits in avail code points */
            const char *q = p, *cut = NULL;
            int w = 0;
            while (q < end && w < avail) {
                q++;
                while (q < end && !starts((unsigned char)*q))
                    q++;
                w++;
            }
            if (q < end) {
                for (const char *s = q; s > p; s--)
                    if (*s == ' ') {
                        cut = s;
                        break;
                    }
                if (!cut || cut == p)
                    cut = q;
            } else {
                cut = end;
            }
            if (!first) {
                *o++ = '\n';
                memset(o, ' ', (size_t)indent);
                o += indent;
            }
            put(&o, p, (size_t)(cut - p));
            p = cut;
            while (p < end && *p == ' ' && p != end)
                p++;
            first = 0;
            avail = width - indent;
        }
        if (eol) {
            *o++ = '\n';
            p = eol + 1;
        }
    }
    *o = '\0';
    return out;
}
