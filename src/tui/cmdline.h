/*
** cmdline.h: the one-line editor of nrn-tui's prompts (`:` commands, `/` search, Enter to
** edit a value): the text and cursor, history, and completion of the word under the cursor
** against a list of candidates. Pure (no curses); tests/unit/test_tui_cmdline.c tests it.
*/
#ifndef TUI_CMDLINE_H
#define TUI_CMDLINE_H

#include <stddef.h>

#define CMDLINE_MAX 1024  /* bytes of one line, with the NUL */
#define CMDLINE_HIST 200  /* lines of history kept */

struct cmdline {
    char buf[CMDLINE_MAX]; /* the text */
    int len;               /* its bytes */
    int cur;               /* cursor, a byte offset in 0..len */
    char *hist[CMDLINE_HIST]; /* previous lines, oldest first (owned) */
    int nhist;
    int hpos;              /* history position while browsing (nhist: the new line) */
    char saved[CMDLINE_MAX]; /* the new line while browsing history */
};

/* Empties the line and sets its text to init (may be NULL). */
void cmdline_start(struct cmdline *c, const char *init);
/* Frees the history. */
void cmdline_free(struct cmdline *c);

/* Editing keys; the ones that do nothing at an edge are harmless. */
void cmdline_insert(struct cmdline *c, const char *s);
void cmdline_backspace(struct cmdline *c);
void cmdline_delete(struct cmdline *c);
void cmdline_left(struct cmdline *c);
void cmdline_right(struct cmdline *c);
void cmdline_home(struct cmdline *c);
void cmdline_end(struct cmdline *c);
void cmdline_kill_word(struct cmdline *c);   /* Ctrl-W: the word before the cursor */
void cmdline_kill_line(struct cmdline *c);   /* Ctrl-U: everything before the cursor */

/* Adds the line to the history (not empty lines, not a repeat of the last one). */
void cmdline_remember(struct cmdline *c, const char *line);
/* Up (dir -1) and down (dir +1) through the history. */
void cmdline_history(struct cmdline *c, int dir);

/*
** The word under the cursor: its start offset and length. *index gets its position among
** the line's words (0: the command name).
*/
int cmdline_word(const struct cmdline *c, int *len, int *index);

/*
** Completes the word under the cursor against the n candidates: with one match it is
** replaced by it (and a space follows); with several, by their longest common prefix.
** Returns the number of matches (0: nothing changes).
*/
int cmdline_complete(struct cmdline *c, const char *const *cand, int n);

#endif /* TUI_CMDLINE_H */
