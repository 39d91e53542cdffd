/*
** cmdline.c: the prompt's line editor, history and completion (see cmdline.h).
** The cursor moves by bytes but never stops inside a UTF-8 character.
*/
#include "cmdline.h"

#include <stdlib.h>
#include <string.h>

/* 1 if byte b continues a UTF-8 character. */
static int cont(unsigned char b)
{
    return (b & 0xC0) == 0x80;
}

static void set_text(struct cmdline *c, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n >= CMDLINE_MAX)
        n = CMDLINE_MAX - 1;
    memcpy(c->buf, s ? s : "", n);
    c->buf[n] = '\0';
    c->len = c->cur = (int)n;
}

void cmdline_start(struct cmdline *c, const char *init)
{
    set_text(c, init);
    c->hpos = c->nhist;
    c->saved[0] = '\0';
}

void cmdline_free(struct cmdline *c)
{
    for (int i = 0; i < c->nhist; i++)
        free(c->hist[i]);
    c->nhist = 0;
}

void cmdline_insert(struct cmdline *c, const char *s)
{
    int n = (int)strlen(s);
    if (c->len + n >= CMDLINE_MAX)
        return;
    memmove(c->buf + c->cur + n, c->buf + c->cur, (size_t)(c->len - c->cur + 1));
    memcpy(c->buf + c->cur, s, (size_t)n);
    c->len += n;
    c->cur += n;
}

/* Removes bytes [from, to) of the line; the cursor goes to from. */
static void cut(struct cmdline *c, int from, int to)
{
    memmove(c->buf + from, c->buf + to, (size_t)(c->len - to + 1));
    c->len -= to - from;
    c->cur = from;
}

void cmdline_left(struct cmdline *c)
{
    while (c->cur > 0 && cont((unsigned char)c->buf[--c->cur]))
        ;
}

void cmdline_right(struct cmdline *c)
{
    if (c->cur < c->len)
        c->cur++;
    while (c->cur < c->len && cont((unsigned char)c->buf[c->cur]))
        c->cur++;
}

void cmdline_backspace(struct cmdline *c)
{
    int to = c->cur;
    cmdline_left(c);
    cut(c, c->cur, to);
}

void cmdline_delete(struct cmdline *c)
{
    int from = c->cur;
    cmdline_right(c);
    cut(c, from, c->cur);
}

void cmdline_home(struct cmdline *c)
{
    c->cur = 0;
}

void cmdline_end(struct cmdline *c)
{
    c->cur = c->len;
}

void cmdline_kill_word(struct cmdline *c)
{
    int i = c->cur;
    while (i > 0 && c->buf[i - 1] == ' ')
        i--;
    while (i > 0 && c->buf[i - 1] != ' ')
        i--;
    cut(c, i, c->cur);
}

void cmdline_kill_line(struct cmdline *c)
{
    cut(c, 0, c->cur);
}

void cmdline_remember(struct cmdline *c, const char *line)
{
    char *copy;
    if (!line[0] || (c->nhist > 0 && strcmp(c->hist[c->nhist - 1], line) == 0))
        return;
    if ((copy = strdup(line)) == NULL)
        return;
    if (c->nhist == CMDLINE_HIST) {
        free(c->hist[0]);
        memmove(c->hist, c->hist + 1, sizeof c->hist[0] * (CMDLINE_HIST - 1));
        c->nhist--;
    }
    c->hist[c->nhist++] = copy;
    c->hpos = c->nhist;
}

void cmdline_history(struct cmdline *c, int dir)
{
    int to = c->hpos + dir;
    if (to < 0 || to > c->nhist)
        return;
    if (c->hpos == c->nhist)
        memcpy(c->saved, c->buf, (size_t)c->len + 1);
    c->hpos = to;
    set_text(c, to == c->nhist ? c->saved : c->hist[to]);
}

int cmdline_word(const struct cmdline *c, int *len, int *index)
{
    int start = c->cur, words = 0, i = 0;
    while (start > 0 && c->buf[start - 1] != ' ')
        start--;
    while (i < start) {
        while (i < start && c->buf[i] == ' ')
            i++;
        if (i >= start)
            break;
        words++;
        while (i < start && c->buf[i] != ' ')
            i++;
    }
    *len = c->cur - start;
    *index = words;
    return start;
}

int cmdline_complete(struct cmdline *c, const char *const *cand, int n)
{
    int len, index, start = cmdline_word(c, &len, &index);
    const char *first = NULL;
    int matches = 0;
    size_t common = 0;
    for (int i = 0; i < n; i++) {
        if (strncmp(cand[i], c->buf + start, (size_t)len) != 0)
            continue;
        if (!first) {
            first = cand[i];
            common = strlen(first);
        } else {
            size_t k = 0;
            while (k < common && cand[i][k] == first[k])
                k++;
            common = k;
        }
        matches++;
    }
    if (matches == 0)
        return 0;
    {
        char word[CMDLINE_MAX];
        if (common >= sizeof word - 1)
            common = sizeof word - 2;
        memcpy(word, first, common);
        word[common] = '\0';
        if (matches == 1)
            strcat(word, " ");
        cut(c, start, c->cur);
        cmdline_insert(c, word);
    }
    return matches;
}
