/*
** braille.c: the Unicode braille block (U+2800..U+28FF) as a 2x4 dot matrix per character.
**
** Dots are numbered 1-2-3-7 down the left column and 4-5-6-8 down the right; dot k is bit k-1
** of the offset from U+2800. The odd order of 7 and 8 is historical (six-dot braille came
** first), so the table below is the whole of the mapping.
*/
#include "plot.h"

/*
** Returns the bit for dot (dx, dy); dx 0..1 (left, right), dy 0..3 (top to bottom).
** Out-of-range arguments are a caller bug and give 0.
*/
unsigned braille_bit(int dx, int dy)
{
    static const unsigned char bits[BRAILLE_DOTS_Y][BRAILLE_DOTS_X] = {
        { 0x01, 0x08 }, { 0x02, 0x10 }, { 0x04, 0x20 }, { 0x40, 0x80 },
    };
    if (dx < 0 || dx >= BRAILLE_DOTS_X || dy < 0 || dy >= BRAILLE_DOTS_Y)
        return 0;
    return bits[dy][dx];
}

/*
** Encodes U+2800 + bits as UTF-8. Every such code point needs exactly three bytes:
** 1110xxxx 10xxxxxx 10xxxxxx with 0x2800 + bits = 0010 1000 bbbb bbbb. Returns 3.
*/
int braille_utf8(unsigned bits, char out[3])
{
    unsigned cp = 0x2800u + (bits & 0xFFu);
    out[0] = (char)(0xE0u | (cp >> 12));
    out[1] = (char)(0x80u | ((cp >> 6) & 0x3Fu));
    out[2] = (char)(0x80u | (cp & 0x3Fu));
    return 3;
}
