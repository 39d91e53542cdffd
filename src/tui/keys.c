/*
** keys.c: what each key does, in each mode (normal, help and output views, prompts), and
** the `:` commands of the TUI itself (save, quit, help; anything else is Tcl). keys_help
** is the one list of keys: the ? view shows it and the man page follows it.
*/
#include <ctype.h>
#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "numfmt.h"
#include "tui.h"

#define CTRL(c) ((c) & 0x1f)

const char *const keys_help[] = {
    "q            quit (the terminal is restored; exit status 0)",
    "?            this help",
    "Tab          next pane (topology, parameters, view); Shift-Tab the previous one",
    "Up Down j k  move in the pane; PgUp PgDn, Home End (g G) by pages and to the ends",
    "Left h       topology: fold the section, or go to its parent; parameters: previous segment",
    "Right l      topology: unfold the section; parameters: next segment",
    "[ ]          previous / next segment of the selected section",
    "Enter        topology: fold or unfold; parameters: edit the value (whole section)",
    "E            edit the value of the selected segment only",
    "Space        fold or unfold the selected section",
    "/            search the topology or the parameters; / then Enter repeats",
    "r            run: init (v_init) and run to tstop",
    "s            stop the run",
    "c            continue the run to tstop",
    "n            one step (fadvance)",
    "a            trace the selected segment's v (or a point process's i); in the parameters, the selected value",
    "S            the selected range variable in every segment of the section",
    "v            next view: traces, shape (coloured by v), model summary",
    "V            colour the shape by the selected range variable (again: by v)",
    "z            zoom the pane to the whole screen, or back",
    ":            command line: any Tcl command of the API; Tab completes, Up Down history",
    ":save FILE   write the session as a script that nrn-run FILE repeats",
    ":write_csv FILE   write the recorded columns as nrn-run does",
    ":q           quit",
    "Esc          cancel a prompt, close a view, leave zoom",
    "Ctrl-L       redraw the screen",
    "Ctrl-C       interrupt a running : command (at any other moment: end nrn-tui)",
    NULL,
};

/* Moves the selection of the focused pane by d rows (or to an end for a large d). */
static void keys_move(struct tui *u, int d)
{
    if (u->focus == PANE_TREE) {
        tree_select_vis(&u->tree, u->tree.sel + d);
    } else if (u->focus == PANE_TABLE) {
        int s = u->table.sel + d;
        if (s >= u->table.n)
            s = u->table.n - 1;
        if (s < 0)
            s = 0;
        u->table.sel = s;
    } else if (u->view == VIEW_SUMMARY) {
        u->views.top += d;
        if (u->views.top < 0)
            u->views.top = 0;
    }
}

/* The page size of the focused pane. */
static int keys_page(const struct tui *u)
{
    int h = u->lo.pane[u->focus].h - 2;
    return h > 1 ? h : 1;
}

/* Moves the selected segment by d. */
static void keys_segment(struct tui *u, int d)
{
    nrn_model *m = tui_model(u);
    int sec = tree_section(&u->tree);
    double ns = 1;
    if (sec < 0)
        return;
    nrn_section_get(m, sec, NRN_SEC_NSEG, &ns);
    {
        int cur = (int)(tree_seg_x(&u->tree, m, sec) * ns), to = cur + d;
        if (to < 0)
            to = 0;
        if (to >= (int)ns)
            to = (int)ns - 1;
        u->tree.seg = to;
    }
}

/* Folds (f 1), unfolds (f 0) or toggles (f -1) the selected section. Returns 1 if it did. */
static int keys_fold(struct tui *u, int f)
{
    struct tree *t = &u->tree;
    const struct tree_row *w;
    if (t->nvis == 0)
        return 0;
    w = &t->row[t->vis[t->sel]];
    if (w->kind != ROW_SECTION || !w->kids || w->id >= t->nfold)
        return 0;
    if (f < 0)
        f = !t->fold[w->id];
    if (t->fold[w->id] == f)
        return 0;
    t->fold[w->id] = (unsigned char)f;
    tree_refold(t);
    tree_select(t, ROW_SECTION, w->id);
    return 1;
}

/* The tree's Left: fold, or go to the parent row. */
static void keys_left(struct tui *u)
{
    struct tree *t = &u->tree;
    if (keys_fold(u, 1) || t->nvis == 0)
        return;
    for (int i = t->sel - 1; i >= 0; i--)
        if (t->row[t->vis[i]].depth < t->row[t->vis[t->sel]].depth) {
            tree_select_vis(t, i);
            return;
        }
}

static void keys_prompt(struct tui *u, int kind, const char *label, const char *init)
{
    u->mode = MODE_PROMPT;
    u->prompt = kind;
    u->status[0] = '\0';
    snprintf(u->prompt_label, sizeof u->prompt_label, "%s", label);
    cmdline_start(&u->cl, init);
}

/* Enter (seg 0) or E (seg 1) on the table: the edit prompt for the selected row. */
static void keys_edit(struct tui *u, int seg)
{
    const struct prow *p;
    double v;
    char buf[NUMFMT_BUFSIZE], label[320];
    if (u->table.n == 0)
        return;
    p = &u->table.row[u->table.sel];
    if (p->heading)
        return;
    if (!p->path[0] || (seg && !p->segpath[0])) {
        tui_status(u, 1, "%s %s", p->label,
                   p->path[0] ? "is one value for the whole section (Enter edits it)"
                              : "is read only");
        return;
    }
    snprintf(u->edit_path, sizeof u->edit_path, "%s", seg ? p->segpath : p->path);
    if (nrn_get(tui_model(u), u->edit_path, &v) != NRN_OK && nrn_get(tui_model(u), p->show, &v) != NRN_OK)
        v = 0;
    snprintf(label, sizeof label, "%s = ", u->edit_path);
    keys_prompt(u, PROMPT_EDIT, label, numfmt_double(buf, v, 0));
}

/* The value path a traces: the selected parameter row at its segment when the table has
** the focus, else the selected segment's v (or a point process's i). "" when none. */
static void keys_trace_path(struct tui *u, char *path, size_t n)
{
    nrn_model *m = tui_model(u);
    int sec = tree_section(&u->tree);
    path[0] = '\0';
    if (u->focus == PANE_TABLE && u->table.n > 0 && !u->table.row[u->table.sel].heading &&
        u->table.row[u->table.sel].show[0]) {
        snprintf(path, n, "%s", u->table.row[u->table.sel].show);
    } else if (sec >= 0) {
        char xb[NUMFMT_BUFSIZE];
        snprintf(path, n, "%s(%s).v", nrn_section_name(m, sec),
                 numfmt_double(xb, tree_seg_x(&u->tree, m, sec), 0));
    } else if (u->tree.selkind == ROW_PP && nrn_pp_name(m, u->tree.selid)) {
        snprintf(path, n, "%s.i", nrn_pp_name(m, u->tree.selid));
    }
}

/* a: records the selected value (and t first, when nothing records t). */
static void keys_add_trace(struct tui *u)
{
    char path[320];
    int has_t = 0, n = nrntcl_columns(u->st, NULL, 0);
    int *ids;
    keys_trace_path(u, path, sizeof path);
    if (!path[0]) {
        tui_status(u, 1, "select a section, a point process or a parameter to trace");
        return;
    }
    if ((ids = malloc(sizeof *ids * (size_t)(n + 1))) != NULL) {
        nrntcl_columns(u->st, ids, n);
        for (int i = 0; i < n; i++)
            has_t |= strcmp(nrntcl_column_name(u->st, ids[i]), "t") == 0;
        free(ids);
    }
    {
        const char *w[2] = { "record", path };
        char *cmd = journal_cmd(2, w);
        if (!cmd)
            return;
        if (!has_t && tui_eval(u, "record t") == TCL_OK)
            journal_add(&u->journal, "record t");
        if (tui_eval(u, cmd) != TCL_OK) {
            tui_status(u, 1, "record %s: %s", path, Tcl_GetStringResult(u->interp));
        } else {
            journal_add(&u->journal, cmd);
            tui_status(u, 0, "tracing %s (from the next run: r)", path);
        }
        free(cmd);
    }
}

/* V: colours the shape by the selected range variable (again: by v). */
static void keys_shape_var(struct tui *u)
{
    const struct prow *p = u->table.n > 0 ? &u->table.row[u->table.sel] : NULL;
    const char *var = p && p->segpath[0] && tree_section(&u->tree) >= 0 ? strrchr(p->segpath, '.') + 1 : "v";
    if (strcmp(var, u->views.var[0] ? u->views.var : "v") == 0)
        var = "v";
    snprintf(u->views.var, sizeof u->views.var, "%s", var);
    u->views.morph_dirty = 1;
    u->view = VIEW_SHAPE;
    tui_status(u, 0, "the shape shows %s", var);
}

/* S: the selected range variable in every segment of the section, in the output view. */
static void keys_along(struct tui *u)
{
    nrn_model *m = tui_model(u);
    int sec = tree_section(&u->tree);
    const struct prow *p;
    const char *name, *var;
    double ns = 1;
    char *text = NULL;
    size_t len = 0;
    FILE *fp;
    if (sec < 0 || u->table.n == 0 || !(p = &u->table.row[u->table.sel])->segpath[0]) {
        tui_status(u, 1, "S lists a range variable of a section along its segments: select one in the parameters");
        return;
    }
    name = nrn_section_name(m, sec);
    var = strrchr(p->segpath, '.') + 1;
    nrn_section_get(m, sec, NRN_SEC_NSEG, &ns);
    if ((fp = open_memstream(&text, &len)) == NULL)
        return;
    fprintf(fp, "%s along %s (%d segments)\n%-12s %s\n", var, name, (int)ns, "x", var);
    for (int j = 0; j < (int)ns; j++) {
        char path[320], buf[NUMFMT_BUFSIZE];
        double x = (j + 0.5) / ns, v;
        snprintf(path, sizeof path, "%s(%s).%s", name, numfmt_double(buf, x, 0), var);
        if (nrn_get(m, path, &v) == NRN_OK)
            fprintf(fp, "%-12g %s\n", x, numfmt_double(buf, v, 0));
    }
    fclose(fp);
    free(u->output);
    u->output = text;
    u->output_top = 0;
    u->mode = MODE_OUTPUT;
}

/* The text of row i of the focused list, for search. */
static void keys_row_text(struct tui *u, int pane, int i, char *buf, size_t n)
{
    if (pane == PANE_TREE)
        tree_text(&u->tree, tui_model(u), i, 1, buf, n);
    else
        snprintf(buf, n, "%s", u->table.row[i].label);
}

static void keys_search(struct tui *u, const char *pat)
{
    int pane = u->focus == PANE_TABLE ? PANE_TABLE : PANE_TREE;
    int n = pane == PANE_TREE ? u->tree.nvis : u->table.n;
    int sel = pane == PANE_TREE ? u->tree.sel : u->table.sel;
    char buf[512];
    if (pat[0])
        snprintf(u->search, sizeof u->search, "%s", pat);
    if (!u->search[0])
        return;
    for (int k = 1; k <= n; k++) {
        int i = (sel + k) % n;
        keys_row_text(u, pane, i, buf, sizeof buf);
        for (char *p = buf; *p; p++)
            if (strncasecmp(p, u->search, strlen(u->search)) == 0) {
                if (pane == PANE_TREE)
                    tree_select_vis(&u->tree, i);
                else
                    u->table.sel = i;
                tui_status(u, 0, "/%s", u->search);
                return;
            }
    }
    tui_status(u, 1, "not found: %s", u->search);
}

/* The words Tab offers: Tcl commands first, else names in the model. */
static void keys_complete(struct tui *u)
{
    int len, index;
    const char **cand = NULL;
    int n = 0, cap = 0;
    Tcl_Obj *cmds = NULL;
    nrn_model *m = tui_model(u);
    cmdline_word(&u->cl, &len, &index);
#define ADD(s)                                                                     \
    do {                                                                           \
        if (n == cap) {                                                            \
            cap = cap ? 2 * cap : 64;                                              \
            const char **c2 = realloc(cand, sizeof *c2 * (size_t)cap);             \
            if (!c2)                                                               \
                goto done;                                                         \
            cand = c2;                                                             \
        }                                                                          \
        cand[n++] = (s);                                                           \
    } while (0)
    if (index == 0) {
        Tcl_Obj **objv;
        Tcl_Size objc;
        if (Tcl_Eval(u->interp, "lsort [info commands]") == TCL_OK) {
            cmds = Tcl_GetObjResult(u->interp);
            Tcl_IncrRefCount(cmds);
            if (Tcl_ListObjGetElements(NULL, cmds, &objc, &objv) == TCL_OK)
                for (Tcl_Size i = 0; i < objc; i++)
                    ADD(Tcl_GetString(objv[i]));
        }
        ADD("save");
        ADD("quit");
        ADD("help");
    } else {
        static const char *const g[] = { "t", "dt", "tstop", "celsius", "v_init",
                                         "secondorder", "steps_per_ms" };
        for (int i = 0; i < nrn_section_count(m); i++)
            ADD(nrn_section_name(m, i));
        for (int i = 0; i < nrn_pp_count(m); i++)
            if (nrn_pp_name(m, i))
                ADD(nrn_pp_name(m, i));
        for (int i = 0; i < nrn_netcon_count(m); i++)
            if (nrn_netcon_name(m, i))
                ADD(nrn_netcon_name(m, i));
        for (int i = 0; i < 7; i++)
            ADD(g[i]);
    }
#undef ADD
    {
        int k = cmdline_complete(&u->cl, cand, n);
        if (k > 1) { /* list them, as a shell does */
            int start = cmdline_word(&u->cl, &len, &index);
            size_t used = 0;
            u->status[0] = '\0';
            for (int i = 0; i < n && used + 2 < sizeof u->status; i++)
                if (strncmp(cand[i], u->cl.buf + start, (size_t)len) == 0) {
                    snprintf(u->status + used, sizeof u->status - used, "%s  ", cand[i]);
                    used += strlen(u->status + used);
                }
            u->status_err = 0;
        }
        else if (k == 0)
            tui_status(u, 1, "no completion");
        else
            u->status[0] = '\0';
    }
done:
    if (cmds)
        Tcl_DecrRefCount(cmds);
    free(cand);
}

/* The first word of line into w. */
static void first_word(const char *line, char *w, size_t n)
{
    size_t k = 0;
    while (*line == ' ')
        line++;
    while (line[k] && line[k] != ' ' && k + 1 < n) {
        w[k] = line[k];
        k++;
    }
    w[k] = '\0';
}

/* 1 if s is one number (and trailing blanks), in *v. */
static int keys_number(const char *s, double *v)
{
    char *end;
    *v = strtod(s, &end);
    while (end != s && *end == ' ')
        end++;
    return end != s && *end == '\0' && *v == *v;
}

/* Evaluates a typed command after saying on screen that it runs: a long one (a loop of
** runs) then shows why the keys wait, and how to stop it. */
static int keys_eval_shown(struct tui *u, const char *line)
{
    tui_status(u, 0, "running: %s   (Ctrl-C interrupts it)", line);
    draw_screen(u);
    u->status[0] = '\0';
    return tui_eval(u, line);
}

void keys_command(struct tui *u, const char *line)
{
    double num;
    char w[64];
    const char *arg;
    first_word(line, w, sizeof w);
    while (*line == ' ')
        line++;
    arg = line + strlen(w);
    while (*arg == ' ')
        arg++;
    if (!w[0])
        return;
    if (strcmp(w, "q") == 0 || strcmp(w, "quit") == 0) {
        u->quit = 1;
    } else if (strcmp(line, "run") == 0 || strcmp(line, "run ") == 0) {
        run_start(u); /* as r: in slices, the keyboard stays live */
    } else if (strcmp(w, "continuerun") == 0 && u->run.state != RUN_RUNNING &&
               keys_number(arg, &num)) {
        run_until(u, num);
    } else if (strcmp(w, "help") == 0) {
        u->mode = MODE_HELP;
    } else if (strcmp(w, "save") == 0) {
        char path[4096];
        size_t n = strlen(arg);
        while (n > 0 && arg[n - 1] == ' ')
            n--;
        if (n == 0 || n >= sizeof path) {
            tui_status(u, 1, "save: give a file name (:save FILE)");
            return;
        }
        memcpy(path, arg, n);
        path[n] = '\0';
        if (journal_save(&u->journal, path) != 0)
            tui_status(u, 1, "save: cannot write %s: %s", path, strerror(errno));
        else
            tui_status(u, 0, "saved the session to %s (nrn-run %s repeats it)", path, path);
    } else if (keys_eval_shown(u, line) != TCL_OK) {
        tui_status(u, 1, "%s", Tcl_GetStringResult(u->interp));
    } else {
        const char *res = Tcl_GetStringResult(u->interp);
        if (strcmp(w, "write_csv") != 0 && strcmp(w, "save_model") != 0)
            journal_add(&u->journal, line);
        if (strchr(res, '\n')) {
            free(u->output);
            u->output = strdup(res);
            u->output_top = 0;
            u->mode = MODE_OUTPUT;
        } else if (res[0]) {
            tui_status(u, 0, "%s", res);
        } else if (!u->status[0]) {
            tui_status(u, 0, "ok");
        }
    }
}

/* Enter on a prompt. */
static void keys_prompt_done(struct tui *u)
{
    char line[CMDLINE_MAX];
    memcpy(line, u->cl.buf, (size_t)u->cl.len + 1);
    u->mode = MODE_NORMAL;
    u->status[0] = '\0';
    u->status_err = 0;
    if (u->prompt == PROMPT_CMD) {
        cmdline_remember(&u->cl, line);
        keys_command(u, line);
    } else if (u->prompt == PROMPT_SEARCH) {
        keys_search(u, line);
    } else {
        /* a CVODE setting (table.c: path "-atol") is set with the cvode command */
        int cv = u->edit_path[0] == '-';
        const char *w[3] = { cv ? "cvode" : "setval", u->edit_path, line };
        char *cmd = journal_cmd(3, w);
        if (!cmd)
            return;
        if (tui_eval(u, cmd) != TCL_OK) {
            tui_status(u, 1, "%s: %s (nothing changed)", u->edit_path,
                       Tcl_GetStringResult(u->interp));
        } else {
            journal_add(&u->journal, cmd);
            tui_status(u, 0, "%s = %s", u->edit_path, line);
        }
        free(cmd);
    }
}

static void keys_prompt_key(struct tui *u, int ch)
{
    if (ch != '\t')
        u->status[0] = '\0';
    switch (ch) {
    case 27:
        u->mode = MODE_NORMAL;
        u->status[0] = '\0';
        return;
    case '\n':
    case '\r':
    case KEY_ENTER:
        keys_prompt_done(u);
        return;
    case KEY_BACKSPACE:
    case 127:
    case 8:
        if (u->cl.len == 0) {
            u->mode = MODE_NORMAL;
            return;
        }
        cmdline_backspace(&u->cl);
        return;
    case KEY_DC:
        cmdline_delete(&u->cl);
        return;
    case KEY_LEFT:
        cmdline_left(&u->cl);
        return;
    case KEY_RIGHT:
        cmdline_right(&u->cl);
        return;
    case KEY_HOME:
    case CTRL('a'):
        cmdline_home(&u->cl);
        return;
    case KEY_END:
    case CTRL('e'):
        cmdline_end(&u->cl);
        return;
    case CTRL('w'):
        cmdline_kill_word(&u->cl);
        return;
    case CTRL('u'):
        cmdline_kill_line(&u->cl);
        return;
    case KEY_UP:
        if (u->prompt == PROMPT_CMD)
            cmdline_history(&u->cl, -1);
        return;
    case KEY_DOWN:
        if (u->prompt == PROMPT_CMD)
            cmdline_history(&u->cl, 1);
        return;
    case '\t':
        if (u->prompt == PROMPT_CMD)
            keys_complete(u);
        return;
    default:
        if (ch >= 32 && ch < 256 && ch != 127) {
            char s[2] = { (char)ch, '\0' };
            cmdline_insert(&u->cl, s);
        }
        return;
    }
}

/* Keys of the help and output views: scroll, or close. */
static void keys_overlay(struct tui *u, int ch)
{
    int *top = u->mode == MODE_HELP ? &u->help_top : &u->output_top;
    int page = u->rows > 4 ? u->rows - 4 : 1;
    switch (ch) {
    case KEY_UP: case 'k': (*top)--; break;
    case KEY_DOWN: case 'j': (*top)++; break;
    case KEY_PPAGE: *top -= page; break;
    case KEY_NPAGE: case ' ': *top += page; break;
    case KEY_HOME: case 'g': *top = 0; break;
    case KEY_END: case 'G': *top = 1 << 20; break;
    default:
        u->mode = MODE_NORMAL;
        break;
    }
    if (*top < 0)
        *top = 0;
}

void keys_handle(struct tui *u, int ch)
{
    u->redraw = 1;
    if (u->mode == MODE_PROMPT) {
        keys_prompt_key(u, ch);
        return;
    }
    if (u->mode == MODE_HELP || u->mode == MODE_OUTPUT) {
        keys_overlay(u, ch);
        return;
    }
    switch (ch) {
    case 'q':
        u->quit = 1;
        break;
    case '?':
        u->mode = MODE_HELP;
        u->help_top = 0;
        break;
    case '\t':
        u->focus = layout_next_pane(&u->lo, u->focus, 1);
        break;
    case KEY_BTAB:
        u->focus = layout_next_pane(&u->lo, u->focus, -1);
        break;
    case KEY_UP: case 'k': keys_move(u, -1); break;
    case KEY_DOWN: case 'j': keys_move(u, 1); break;
    case KEY_PPAGE: keys_move(u, -keys_page(u)); break;
    case KEY_NPAGE: keys_move(u, keys_page(u)); break;
    case KEY_HOME: case 'g': keys_move(u, -(1 << 28)); break;
    case KEY_END: case 'G': keys_move(u, 1 << 28); break;
    case KEY_LEFT:
    case 'h':
        if (u->focus == PANE_TREE)
            keys_left(u);
        else
            keys_segment(u, -1);
        break;
    case KEY_RIGHT:
    case 'l':
        if (u->focus == PANE_TREE)
            keys_fold(u, 0);
        else
            keys_segment(u, 1);
        break;
    case '[': keys_segment(u, -1); break;
    case ']': keys_segment(u, 1); break;
    case ' ': keys_fold(u, -1); break;
    case '\n':
    case '\r':
    case KEY_ENTER:
        if (u->focus == PANE_TABLE)
            keys_edit(u, 0);
        else if (u->focus == PANE_TREE && !keys_fold(u, -1))
            u->focus = PANE_TABLE;
        break;
    case 'E': keys_edit(u, 1); break;
    case 'r': run_start(u); break;
    case 's': run_stop(u); break;
    case 'c': run_continue(u); break;
    case 'n': run_step(u); break;
    case 'a': keys_add_trace(u); break;
    case 'S': keys_along(u); break;
    case 'V': keys_shape_var(u); break;
    case 'v':
        u->view = (u->view + 1) % VIEW_COUNT;
        break;
    case 'z':
        u->zoom = u->zoom >= 0 ? -1 : u->focus;
        break;
    case ':':
        keys_prompt(u, PROMPT_CMD, ":", NULL);
        break;
    case '/':
        keys_prompt(u, PROMPT_SEARCH, "/", NULL);
        break;
    case 27:
        u->zoom = -1;
        u->status[0] = '\0';
        u->status_err = 0;
        break;
    case CTRL('l'):
        clearok(curscr, TRUE);
        break;
    default:
        break;
    }
}
