/*
** utf8.c: width and truncation of UTF-8 text (titles, column names) for fixed-width layout.
**
** Everything the plot prints itself (braille, box drawing) is one column wide, and column names
** come from CSV headers, so counting code points is the width model: a wide CJK title may come
** out one column per character too long, which layout tolerates by truncating early.
*/
#include "plot.h"

/*
** Counts the code points of s: every byte that is not a UTF-8 continuation byte (10xxxxxx).
*/
size_t utf8_width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            w++;
    return w;
}

/*
** Returns how many bytes of s hold its first maxw code points, never splitting a sequence.
*/
size_t utf8_prefix(const char *s, size_t maxw)
{
    size_t i = 0, w = 0;
    while (s[i]) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            if (w == maxw)
                break;
            w++;
        }
        i++;
    }
    return i;
}
