/*
** frame.c: a screen of text lines, written whole or as a difference from the previous one.
**
** Redrawing a whole plot for every new row is what makes live plots unbearable over SSH
** (hundreds of KiB/s at 80x24). A frame is kept as lines so the next one can be compared line
** by line: only changed lines are sent, each reached with a relative cursor move, and the
** cursor always rests on the last line (the column does not matter: moves start with CR), so the terminal's scrollback is untouched
** and the final frame simply stays on screen.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plot.h"

/*
** Allocates a frame of rows empty lines. NULL when out of memory.
*/
struct frame *frame_new(int rows)
{
    struct frame *f = calloc(1, sizeof *f);
    int i;
    if (!f || rows < 1) {
        free(f);
        return NULL;
    }
    f->rows = rows;
    f->line = calloc((size_t)rows, sizeof *f->line);
    f->len = calloc((size_t)rows, sizeof *f->len);
    f->cap = calloc((size_t)rows, sizeof *f->cap);
    if (!f->line || !f->len || !f->cap) {
        frame_free(&f);
        return NULL;
    }
    for (i = 0; i < rows; i++) {
        f->line[i] = malloc(64);
        if (!f->line[i]) {
            frame_free(&f);
            return NULL;
        }
        f->line[i][0] = '\0';
        f->cap[i] = 64;
    }
    return f;
}

/*
** Frees f; NULL-safe.
*/
void frame_free(struct frame **pf)
{
    struct frame *f = pf ? *pf : NULL;
    int i;
    if (!f)
        return;
    if (f->line)
        for (i = 0; i < f->rows; i++)
            free(f->line[i]);
    free(f->line);
    free(f->len);
    free(f->cap);
    free(f);
    *pf = NULL;
}

/*
** Empties every line, keeping the memory.
*/
void frame_clear(struct frame *f)
{
    int i;
    for (i = 0; i < f->rows; i++) {
        f->line[i][0] = '\0';
        f->len[i] = 0;
    }
}

/*
** Appends bytes to a line, growing it by doubling.
*/
int frame_put(struct frame *f, int row, const char *s, size_t n)
{
    if (row < 0 || row >= f->rows)
        return 0;
    if (f->len[row] + n + 1 > f->cap[row]) {
        size_t cap = f->cap[row];
        char *p;
        while (f->len[row] + n + 1 > cap)
            cap *= 2;
        p = realloc(f->line[row], cap);
        if (!p)
            return -1;
        f->line[row] = p;
        f->cap[row] = cap;
    }
    memcpy(f->line[row] + f->len[row], s, n);
    f->len[row] += n;
    f->line[row][f->len[row]] = '\0';
    return 0;
}

/* Appends a string. */
int frame_puts(struct frame *f, int row, const char *s)
{
    return frame_put(f, row, s, strlen(s));
}

/*
** Appends n spaces.
*/
int frame_pad(struct frame *f, int row, size_t n)
{
    static const char spaces[] = "                                ";
    while (n > 0) {
        size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
        if (frame_put(f, row, spaces, k) != 0)
            return -1;
        n -= k;
    }
    return 0;
}

/*
** Removes trailing spaces of each line.
*/
void frame_trim(struct frame *f)
{
    int i;
    for (i = 0; i < f->rows; i++) {
        while (f->len[i] > 0 && f->line[i][f->len[i] - 1] == ' ')
            f->len[i]--;
        f->line[i][f->len[i]] = '\0';
    }
}

/*
** Writes every line with a newline.
*/
int frame_write(const struct frame *f, FILE *out)
{
    int i;
    for (i = 0; i < f->rows; i++)
        if (fwrite(f->line[i], 1, f->len[i], out) != f->len[i] || putc('\n', out) == EOF)
            return -1;
    return fflush(out) == 0 ? 0 : -1;
}

/*
** Writes cur in place of prev. Cursor moves are relative (CSI n A / CSI n B) so the frame need
** not be at the top of the screen; CSI K clears what a longer old line left behind. The whole
** update is built first and written at once, so a slow link never shows half a frame for long.
*/
long frame_update(const struct frame *prev, const struct frame *cur, FILE *out)
{
    int i, at = cur->rows - 1;
    long bytes = 0;
    char move[32];
    if (!prev) {
        for (i = 0; i < cur->rows; i++) {
            if (fwrite(cur->line[i], 1, cur->len[i], out) != cur->len[i])
                return -1;
            bytes += (long)cur->len[i];
            if (i + 1 < cur->rows) {
                if (putc('\n', out) == EOF)
                    return -1;
                bytes++;
            }
        }
        return fflush(out) == 0 ? bytes : -1;
    }
    for (i = 0; i < cur->rows && i < prev->rows; i++) {
        int n;
        if (cur->len[i] == prev->len[i] && memcmp(cur->line[i], prev->line[i], cur->len[i]) == 0)
            continue;
        if (i < at)
            n = snprintf(move, sizeof move, "\r\033[%dA", at - i);
        else if (i > at)
            n = snprintf(move, sizeof move, "\r\033[%dB", i - at);
        else
            n = snprintf(move, sizeof move, "\r");
        at = i;
        if (fwrite(move, 1, (size_t)n, out) != (size_t)n ||
            fwrite(cur->line[i], 1, cur->len[i], out) != cur->len[i] || fputs("\033[K", out) < 0)
            return -1;
        bytes += n + (long)cur->len[i] + 3;
    }
    if (at != cur->rows - 1) {
        int n = snprintf(move, sizeof move, "\033[%dB", cur->rows - 1 - at);
        if (fwrite(move, 1, (size_t)n, out) != (size_t)n)
            return -1;
        bytes += n;
    }
    return fflush(out) == 0 ? bytes : -1;
}
