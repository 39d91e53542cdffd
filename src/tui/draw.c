/*
** draw.c: painting the screen with curses from the state in struct tui. The whole screen
** is painted into curses' buffer each time and curses sends only what changed, so a
** picture costs little when little changed. What redraws when is decided in nrn-tui.c
** (u->redraw, rate-limited during runs); this file only paints.
*/
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "ansi.h"
#include "plot.h"
#include "tui.h"
#include "wrap.h"

/* Curses colour pair for xterm colour fg (-1: default), made on first use; 0 without colour. */
static int draw_pair(const struct tui *u, int fg)
{
    static unsigned char made[257];
    int c, pair;
    if (!u->color || fg < 0)
        return 0;
    if (COLORS >= 256 && COLOR_PAIRS > 257) {
        c = fg;
    } else if (fg < 16) {
        c = fg % 8;
    } else if (fg >= 232) {
        c = fg < 244 ? COLOR_BLACK : COLOR_WHITE;
    } else { /* the 6x6x6 cube to the nearest of the 8 basic colours */
        int r = (fg - 16) / 36, g = (fg - 16) / 6 % 6, b = (fg - 16) % 6;
        c = (r >= 3) | (g >= 3) << 1 | (b >= 3) << 2;
    }
    pair = c + 1;
    if (!made[pair]) {
        init_pair((short)pair, (short)c, -1);
        made[pair] = 1;
    }
    return COLOR_PAIR(pair);
}

/* Writes at most w columns of UTF-8 text s at (y, x); returns the columns used. */
static int draw_text(int y, int x, int w, const char *s, size_t len)
{
    size_t n;
    char buf[4096];
    if (w <= 0)
        return 0;
    if (len >= sizeof buf)
        len = sizeof buf - 1;
    memcpy(buf, s, len);
    buf[len] = '\0';
    n = utf8_prefix(buf, (size_t)w);
    buf[n] = '\0';
    mvaddnstr(y, x, buf, (int)n);
    return (int)utf8_width(buf);
}

/* Fills a line with spaces in the current attributes. */
static void draw_blank(int y, int x, int w)
{
    move(y, x);
    for (int i = 0; i < w; i++)
        addch(' ');
}

/* A line of the plotting library (with SGR codes) at (y, x), at most w columns. */
static void draw_ansi(const struct tui *u, int y, int x, int w, const char *line)
{
    struct ansi_span sp;
    int fg = -1, bold = 0, col = 0;
    const char *p = line;
    while (col < w && ansi_next(&p, &sp, &fg, &bold)) {
        int attr = draw_pair(u, sp.fg) | (sp.bold ? A_BOLD : 0);
        attron(attr);
        col += draw_text(y, x + col, w - col, sp.text, sp.len);
        attroff(attr);
    }
}

/* The title line of a pane. */
static void draw_pane_title(const struct tui *u, int pane, const char *name, const char *info)
{
    const struct rect *r = &u->lo.pane[pane];
    char buf[512];
    int attr = pane == u->focus ? A_REVERSE | A_BOLD : A_REVERSE;
    snprintf(buf, sizeof buf, " %s%s%s", name, info && *info ? "  " : "", info ? info : "");
    attron(attr);
    draw_blank(r->y, r->x, r->w);
    draw_text(r->y, r->x, r->w, buf, strlen(buf));
    attroff(attr);
}

static void draw_header(struct tui *u)
{
    nrn_model *m = tui_model(u);
    double tstop = 0, dt = 0;
    char buf[512];
    nrn_get(m, "tstop", &tstop);
    nrn_get(m, "dt", &dt);
    snprintf(buf, sizeof buf, " nrn-tui  %s  t = %.4f ms  tstop = %g ms  dt = %g ms  %s",
             u->title ? u->title : "(empty model)", nrn_time(m), tstop, dt,
             u->run.state == RUN_RUNNING ? "[running]" : "[idle]");
    attron(A_BOLD);
    draw_blank(0, 0, u->lo.header.w);
    draw_text(0, 0, u->lo.header.w, buf, strlen(buf));
    attroff(A_BOLD);
}

static void draw_tree(struct tui *u)
{
    const struct rect *r = &u->lo.pane[PANE_TREE];
    struct tree *t = &u->tree;
    int h = r->h - 1;
    char buf[512];
    if (r->h == 0)
        return;
    draw_pane_title(u, PANE_TREE, "Topology", NULL);
    t->top = layout_scroll(t->sel, t->top, h, t->nvis);
    for (int i = 0; i < h && t->top + i < t->nvis; i++) {
        int row = t->top + i, sel = row == t->sel;
        tree_text(t, tui_model(u), row, u->ascii, buf, sizeof buf);
        if (sel)
            attron(u->focus == PANE_TREE ? A_REVERSE : A_BOLD);
        if (sel)
            draw_blank(r->y + 1 + i, r->x, r->w);
        draw_text(r->y + 1 + i, r->x, r->w, buf, strlen(buf));
        if (sel)
            attroff(u->focus == PANE_TREE ? A_REVERSE : A_BOLD);
    }
}

static void draw_table(struct tui *u)
{
    const struct rect *r = &u->lo.pane[PANE_TABLE];
    struct table *tb = &u->table;
    int h = r->h - 1, lw = 18;
    char buf[512];
    if (r->h == 0)
        return;
    draw_pane_title(u, PANE_TABLE, "Parameters", tb->title);
    if (r->w < 40)
        lw = r->w / 2;
    tb->top = layout_scroll(tb->sel, tb->top, h, tb->n);
    for (int i = 0; i < h && tb->top + i < tb->n; i++) {
        int row = tb->top + i, sel = row == tb->sel;
        const struct prow *p = &tb->row[row];
        int attr = sel ? (u->focus == PANE_TABLE ? A_REVERSE : A_BOLD) : 0;
        if (p->heading) {
            snprintf(buf, sizeof buf, "%s", p->label);
            attr |= A_BOLD | A_UNDERLINE;
        } else {
            snprintf(buf, sizeof buf, "  %-*.*s %14s %s%s%s", lw - 2, lw - 2, p->label, p->value,
                     p->nonuni ? "*" : " ", p->unit, p->path[0] ? "" : "  (read only)");
        }
        attron(attr);
        if (sel)
            draw_blank(r->y + 1 + i, r->x, r->w);
        draw_text(r->y + 1 + i, r->x, r->w, buf, strlen(buf));
        attroff(attr);
    }
    if (tb->n == 0)
        draw_text(r->y + 1, r->x, r->w, "  (nothing selected)", 20);
}

/* Lines of text at rect r below its title, from line top. */
static void draw_lines(int y, int x, int h, int w, const char *text, int top)
{
    const char *p = text;
    int line = 0;
    while (*p && line < top + h) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (line >= top)
            draw_text(y + line - top, x, w, p, n);
        line++;
        p += n + (e != NULL);
    }
}

static void draw_view(struct tui *u)
{
    const struct rect *r = &u->lo.pane[PANE_VIEW];
    static const char *const names[] = { "Traces", "Shape", "Summary" };
    const char *hint = NULL;
    struct frame *f = NULL;
    nrn_model *m = tui_model(u);
    if (r->h == 0)
        return;
    draw_pane_title(u, PANE_VIEW, names[u->view], "(v: next view)");
    if (r->h < 2)
        return;
    if (u->view == VIEW_TRACES)
        f = traces_render(&u->traces, u->st, m, r->w, r->h - 1, u->ascii, u->color, &hint);
    else if (u->view == VIEW_SHAPE)
        f = views_shape(&u->views, m, r->w, r->h - 1, u->ascii, u->color, &hint);
    if (u->view == VIEW_SUMMARY) {
        draw_lines(r->y + 1, r->x, r->h - 1, r->w, views_summary(&u->views, m), u->views.top);
    } else if (f) {
        for (int i = 0; i < f->rows && i < r->h - 1; i++)
            draw_ansi(u, r->y + 1 + i, r->x, r->w, f->line[i]);
        if (u->view == VIEW_SHAPE && tree_section(&u->tree) >= 0) { /* the selection */
            int cells[2 * 4096];
            int n = views_shape_marks(&u->views, nrn_section_name(m, tree_section(&u->tree)),
                                      r->w, r->h - 1, u->ascii, cells, 4096);
            for (int i = 0; i < n; i++) {
                int y = r->y + 1 + cells[2 * i], x = r->x + cells[2 * i + 1];
                chtype a = mvinch(y, x) & A_ATTRIBUTES;
                mvchgat(y, x, 1, (a & ~A_COLOR) | A_REVERSE, (short)PAIR_NUMBER(a), NULL);
            }
        }
    } else if (hint) {
        draw_text(r->y + 1, r->x + 1, r->w - 1, hint, strlen(hint));
    }
}

static void draw_status(struct tui *u)
{
    const struct rect *r = &u->lo.status;
    if (u->mode == MODE_PROMPT) {
        int lw = (int)utf8_width(u->prompt_label), cur, start = 0;
        char tmp[CMDLINE_MAX];
        if (u->status[0] && r->y > 0) { /* completions or an error, above the prompt */
            int attr = u->status_err ? A_BOLD | draw_pair(u, 1) : A_BOLD;
            attron(attr);
            draw_blank(r->y - 1, 0, r->w);
            draw_text(r->y - 1, 0, r->w, u->status, strcspn(u->status, "\n"));
            attroff(attr);
        }
        draw_blank(r->y, 0, r->w);
        draw_text(r->y, 0, r->w, u->prompt_label, strlen(u->prompt_label));
        memcpy(tmp, u->cl.buf, (size_t)u->cl.cur);
        tmp[u->cl.cur] = '\0';
        cur = (int)utf8_width(tmp);
        /* scroll the text so that the cursor stays on screen */
        while (lw + cur - start >= r->w && start < cur)
            start += 8;
        {
            const char *s = u->cl.buf + utf8_prefix(u->cl.buf, (size_t)start);
            draw_text(r->y, lw, r->w - lw, s, strlen(s));
        }
        move(r->y, lw + cur - start < r->w ? lw + cur - start : r->w - 1);
        return;
    }
    {
        const char *msg = u->status[0] ? u->status
                                       : "? help   q quit   r run   : command   / search";
        int attr = u->status_err ? A_BOLD | draw_pair(u, 1) : 0;
        attron(attr);
        draw_blank(r->y, 0, r->w);
        draw_text(r->y, 0, r->w, msg, strcspn(msg, "\n"));
        attroff(attr);
    }
}

/* A full-body overlay with a title and scrolled text (help, command output). */
static void draw_overlay(struct tui *u, const char *title, const char *text, int *top)
{
    int y = 1, h = u->rows - 2, w = u->cols, lines = 1;
    char *folded = wrap_text(text, w - 1, 13);
    for (const char *p = folded ? folded : text; *p; p++)
        lines += *p == '\n';
    free(folded);
    folded = NULL;
    if (*top > lines - (h - 1))
        *top = lines - (h - 1);
    if (*top < 0)
        *top = 0;
    for (int i = 0; i < h; i++)
        draw_blank(y + i, 0, w);
    attron(A_REVERSE | A_BOLD);
    draw_blank(y, 0, w);
    draw_text(y, 0, w, title, strlen(title));
    attroff(A_REVERSE | A_BOLD);
    folded = wrap_text(text, w - 1, 13);
    draw_lines(y + 1, 1, h - 1, w - 1, folded ? folded : text, *top);
    free(folded);
}

/* The help text: every key, one a line. */
static char *draw_help_text(void)
{
    size_t n = 1;
    char *s;
    for (int i = 0; keys_help[i]; i++)
        n += strlen(keys_help[i]) + 1;
    if ((s = malloc(n)) == NULL)
        return NULL;
    s[0] = '\0';
    for (int i = 0; keys_help[i]; i++) {
        strcat(s, keys_help[i]);
        strcat(s, "\n");
    }
    return s;
}

void draw_refresh_model(struct tui *u)
{
    nrn_model *m = tui_model(u);
    if (u->model_dirty) {
        tree_build(&u->tree, m);
        u->views.morph_dirty = 1;
        u->views.summary_dirty = 1;
        u->model_dirty = 0;
        table_build(&u->table, m, &u->tree);
    } else if (u->run.state == RUN_RUNNING) {
        table_values(&u->table, m);
    } else {
        table_build(&u->table, m, &u->tree);
    }
}

void draw_screen(struct tui *u)
{
    getmaxyx(stdscr, u->rows, u->cols);
    layout_compute(u->cols, u->rows, u->zoom, &u->lo);
    erase();
    curs_set(0);
    if (!u->lo.ok) {
        char msg[64];
        snprintf(msg, sizeof msg, "terminal too small (%dx%d)", u->cols, u->rows);
        if (u->lo.msg.h)
            draw_text(0, 0, u->lo.msg.w, msg, strlen(msg));
        refresh();
        return;
    }
    draw_refresh_model(u);
    if (u->lo.pane[u->focus].h == 0)
        u->focus = layout_next_pane(&u->lo, u->focus, 1);
    draw_header(u);
    if (u->mode == MODE_HELP) {
        char *text = draw_help_text();
        draw_overlay(u, " Keys (q, Esc or ? to close; arrows scroll)", text ? text : "",
                     &u->help_top);
        free(text);
    } else if (u->mode == MODE_OUTPUT) {
        draw_overlay(u, " Output (q or Esc to close; arrows scroll)",
                     u->output ? u->output : "", &u->output_top);
    } else {
        draw_tree(u);
        if (u->lo.sep.h)
            for (int i = 0; i < u->lo.sep.h; i++) {
                if (u->ascii)
                    mvaddch(u->lo.sep.y + i, u->lo.sep.x, '|');
                else
                    mvaddstr(u->lo.sep.y + i, u->lo.sep.x, "\u2502");
            }
        draw_table(u);
        draw_view(u);
    }
    draw_status(u);
    if (u->mode == MODE_PROMPT)
        curs_set(1);
    refresh();
}
