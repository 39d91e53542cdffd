/*
** nrn-tui.c: nrn-tui, the interactive front end in the terminal.
**
**     nrn-tui [-m MODEL]... [--ascii] [SCRIPT.tcl ...]
**
** Loads the models and scripts into one interpreter with the nrn commands (as nrn-run does,
** through the shared helpers of src/cli), then shows the topology tree, the parameter
** table and a view (live traces, shape, summary) with curses until q. A script that fails
** leaves its error on the status line and the rest usable. The main loop polls keys and
** integrates a run in slices between polls (runctl.c); the screen is redrawn after a key,
** after output, and during runs at most every DRAW_EVERY seconds. See man/nrn-tui.1.
*/
#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli_opt.h"
#include "cli_model.h"
#include "cli_tcl.h"
#include "cli_tclerr.h"
#include "tui.h"

#define DRAW_EVERY 0.1 /* seconds between pictures during a run */
#define IDLE_POLL_MS 250

enum { OPT_ASCII = 256, OPT_VERSION, OPT_MECHANISMS };

static const struct cli_opt tui_opts[] = {
    { "model", 'm', CLI_PATH, "MODEL", "load MODEL first: a model CSV (nrn-build), an SWC or ASC morphology, or a Tcl script" },
    { "mechanisms", OPT_MECHANISMS, CLI_PATH, "LIB", "load the mechanism library LIB (nrn-build mod), or .mod files, first" },
    { "ascii", OPT_ASCII, CLI_FLAG, NULL, "draw with ASCII only (the default when the locale is not UTF-8)" },
    CLI_OPT_HELP,
    CLI_OPT_VERSION(OPT_VERSION, PROG),
    { NULL, 0, 0, NULL, NULL },
};

static const char tui_usage[] = PROG " [-m MODEL]... [--mechanisms LIB]... [--ascii] [SCRIPT.tcl ...]";

static const char tui_epilog[] =
    "Shows the model the MODELs and SCRIPTs build (in that order, in one Tcl interpreter with\n"
    "the nrn commands, as nrn-run runs them): the topology tree, the parameter table, live\n"
    "traces, the shape coloured by v and the model summary. Press ? for the keys, q to quit.\n"
    "With no input it starts from an empty model: type : and a command (section soma).\n"
    ":save FILE writes the session so that nrn-run FILE repeats it. NO_COLOR turns colours off.\n"
    "\n"
    "Exit status: 0 after q, 1 when nothing can be shown (no terminal, a model file that\n"
    "cannot be loaded), 2 bad usage.\n"
    "\n"
    "Examples:\n"
    "  nrn-tui recipes/hh.tcl\n"
    "  nrn-tui -m cell.csv protocol.tcl\n";

struct tui_args {
    const char **models;
    int nmodels;
    const char **mechs;   /* --mechanisms LIB, in order */
    int nmechs;
    int ascii, help, version;
};

static volatile sig_atomic_t tui_signal;
/* The engine's cancel flag: set by any signal, and by SIGINT while a command runs. */
static volatile int tui_stop;
/* A Tcl command (typed at :, or a key's) is running: SIGINT interrupts it, not nrn-tui. */
static volatile sig_atomic_t tui_in_eval;
static Tcl_AsyncHandler tui_async;
static int tui_curses_on;

static int tui_opt(void *ud, const struct cli_opt *o, const char *arg, double num)
{
    struct tui_args *a = ud;
    (void)num;
    switch (o->key) {
    case 'm': a->models[a->nmodels++] = arg; break;
    case OPT_MECHANISMS: a->mechs[a->nmechs++] = arg; break;
    case OPT_ASCII: a->ascii = 1; break;
    case 'h': a->help = 1; break;
    case OPT_VERSION: a->version = 1; break;
    }
    return 0;
}

double tui_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

nrn_model *tui_model(struct tui *u)
{
    return nrntcl_model(u->st);
}

void tui_status(struct tui *u, int err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(u->status, sizeof u->status, fmt, ap);
    va_end(ap);
    u->status_err = err;
    u->redraw = 1;
}

/* Shows the last line of what scripts printed since the last look, if anything. */
static void tui_output(struct tui *u)
{
    char buf[8192];
    size_t n = capture_read(&u->cap, buf, sizeof buf);
    char *last, *end;
    if (n == 0)
        return;
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
        buf[--n] = '\0';
    end = buf + n;
    last = end;
    while (last > buf && last[-1] != '\n')
        last--;
    if (last < end)
        tui_status(u, 0, "> %s", last);
}

/* Runs when the interpreter next checks after a signal during a command: the command (a
** Tcl loop as much as a long run inside the engine, which the cancel flag stops) ends with
** an error, and the TUI stays. */
static int tui_async_proc(ClientData cd, Tcl_Interp *interp, int code)
{
    const char *why = tui_signal ? "stopped by a signal" : "interrupted (Ctrl-C)";
    (void)cd;
    if (!interp)
        return code;
    if (code == TCL_ERROR) /* the engine's own message says where the run stopped */
        Tcl_SetObjResult(interp, Tcl_ObjPrintf("%s: %s", why, Tcl_GetStringResult(interp)));
    else
        Tcl_SetObjResult(interp, Tcl_NewStringObj(why, -1));
    return TCL_ERROR;
}

int tui_eval(struct tui *u, const char *cmd)
{
    int rc;
    Tcl_Channel out = Tcl_GetStdChannel(TCL_STDOUT), err = Tcl_GetStdChannel(TCL_STDERR);
    run_checkpoint(u);
    if (!tui_async)
        tui_async = Tcl_AsyncCreate(tui_async_proc, NULL);
    nrn_set_cancel(tui_model(u), &tui_stop);
    tui_in_eval = 1;
    rc = Tcl_EvalEx(u->interp, cmd, -1, TCL_EVAL_GLOBAL);
    tui_in_eval = 0;
    if (!tui_signal)
        tui_stop = 0; /* a Ctrl-C stopped this command only */
    if (out)
        Tcl_Flush(out);
    if (err)
        Tcl_Flush(err);
    nrn_set_cancel(tui_model(u), &tui_stop);
    u->model_dirty = 1;
    u->redraw = 1;
    if (rc == TCL_OK)
        tui_output(u);
    return rc;
}

/* Ends curses if it is on: the terminal is as it was. */
static void tui_endwin(void)
{
    if (tui_curses_on) {
        endwin();
        tui_curses_on = 0;
    }
}

/* Tcl's `exit` (typed at : or in a script): the terminal is restored before the process
** ends with the status asked for. */
static void tui_exit_proc(ClientData cd)
{
    tui_endwin();
    fflush(stdout);
    _exit((int)(intptr_t)cd);
}

static void tui_on_signal(int sig)
{
    if (!(sig == SIGINT && tui_in_eval))
        tui_signal = sig;
    tui_stop = 1;
    if (tui_in_eval && tui_async)
        Tcl_AsyncMark(tui_async);
}

/* Loads the models and the scripts, up to the first error, which goes to *err
** ("FILE:LINE: ..."). Returns 0, 1 when a Tcl script failed, 2 when a model file (CSV, SWC,
** ASC) failed. */
static int tui_load(struct tui *u, const struct tui_args *a, char **scripts, int nscripts,
                    char *err, size_t errsize)
{
    err[0] = '\0';
    for (int i = 0; i < a->nmodels + nscripts; i++) {
        const char *path = i < a->nmodels ? a->models[i] : scripts[i - a->nmodels];
        const char *loader = i < a->nmodels ? cli_model_loader(path) : NULL;
        int rc;
        journal_load(&u->journal, path);
        nrn_set_cancel(tui_model(u), &tui_stop);
        if (loader) {
            rc = cli_model_load(u->interp, loader, path);
            if (rc != TCL_OK)
                snprintf(err, errsize, "%s", Tcl_GetStringResult(u->interp));
        } else {
            rc = Tcl_EvalFile(u->interp, path);
            if (rc != TCL_OK)
                cli_tcl_error(u->interp, path, err, errsize);
        }
        {
            Tcl_Channel out = Tcl_GetStdChannel(TCL_STDOUT);
            if (out)
                Tcl_Flush(out);
        }
        if (rc != TCL_OK) {
            /* :save keeps the failing line, so that nrn-run says the same; a note says so */
            char note[4200];
            snprintf(note, sizeof note, "# nrn-tui: loading stopped here: %s", err);
            for (char *c = note; *c; c++)
                if (*c == '\n')
                    *c = ' ';
            journal_add(&u->journal, note);
            return loader ? 2 : 1;
        }
    }
    return 0;
}

/* The main loop: keys, slices of a run, pictures. */
static void tui_loop(struct tui *u)
{
    while (!u->quit && !tui_signal) {
        int ch;
        double now;
        if (u->run.state == RUN_RUNNING) {
            run_slice(u);
            tui_output(u);
        }
        now = tui_now();
        if (u->redraw && (u->run.state != RUN_RUNNING || now - u->last_draw >= DRAW_EVERY)) {
            double t0 = now;
            draw_screen(u);
            u->redraw = 0;
            u->last_draw = tui_now();
            if (u->run.state == RUN_RUNNING)
                u->run.draw_s += u->last_draw - t0;
        }
        timeout(u->run.state == RUN_RUNNING ? 0 : IDLE_POLL_MS);
        ch = getch();
        if (ch == ERR) {
            if (u->run.state != RUN_RUNNING)
                tui_output(u);
            continue;
        }
        if (ch == KEY_RESIZE) {
            u->redraw = 1;
            continue;
        }
        keys_handle(u, ch);
        /* take every key already typed before the next slice */
        while (!u->quit && (timeout(0), (ch = getch()) != ERR))
            if (ch != KEY_RESIZE)
                keys_handle(u, ch);
    }
}

/* Starts curses on the terminal. Returns 0 or -1. */
static int tui_curses(struct tui *u, int ascii)
{
    FILE *out = fdopen(u->cap.ttyfd, "w");
    const char *nc = getenv("NO_COLOR");
    if (!out || newterm(NULL, out, stdin) == NULL)
        return -1;
    tui_curses_on = 1;
    atexit(tui_endwin);
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    u->ascii = ascii || strcmp(nl_langinfo(CODESET), "UTF-8") != 0;
    u->color = has_colors() && !(nc && *nc);
    if (u->color) {
        start_color();
        use_default_colors();
    }
    return 0;
}

static int tui_main(const char *argv0, const struct tui_args *a, char **scripts, int nscripts)
{
    struct tui u;
    char err[4096];
    int rc = 0, bad;

    memset(&u, 0, sizeof u);
    u.zoom = -1;
    u.tree.selkind = ROW_GLOBALS;
    u.tree.seg = -1;
    u.traces.trec = -1;
    Tcl_FindExecutable(argv0);
    if (cli_tcl_interp(PROG, &u.interp, &u.st) != 0) {
        Tcl_DeleteInterp(u.interp);
        return CLI_EXIT_FAIL;
    }
    if (cli_tcl_vars(PROG, u.interp, NULL, 0) != 0 ||
        cli_tcl_mechanisms(PROG, u.interp, a->mechs, a->nmechs, 0) != 0) {
        Tcl_DeleteInterp(u.interp);
        return CLI_EXIT_FAIL;
    }
    /* :save repeats the loading of the mechanisms first, as nrn-run FILE needs them */
    for (int i = 0; i < a->nmechs; i++) {
        char abs[PATH_MAX];
        const char *w[2] = { "load_mechanisms", realpath(a->mechs[i], abs) ? abs : a->mechs[i] };
        char *cmd = journal_cmd(2, w);
        if (!cmd || journal_add_load(&u.journal, cmd) != 0) {
            free(cmd);
            Tcl_DeleteInterp(u.interp);
            cli_error(PROG, "out of memory");
            return CLI_EXIT_FAIL;
        }
        free(cmd);
    }
    u.title = a->nmodels ? a->models[0] : nscripts ? scripts[0] : NULL;
    if (!isatty(1) || !isatty(0)) {
        /* nothing can be shown: say at least whether the scripts load */
        if (tui_load(&u, a, scripts, nscripts, err, sizeof err) != 0)
            cli_error(PROG, "%s", err);
        else
            cli_error(PROG, "standard input and output must be a terminal");
        rc = CLI_EXIT_FAIL;
        goto out;
    }
    if (capture_start(&u.cap) != 0) {
        cli_error(PROG, "cannot set up: %s", strerror(errno));
        rc = CLI_EXIT_FAIL;
        goto out;
    }
    Tcl_SetExitProc(tui_exit_proc);
    signal(SIGINT, tui_on_signal);
    signal(SIGTERM, tui_on_signal);
    signal(SIGHUP, tui_on_signal);
    bad = tui_load(&u, a, scripts, nscripts, err, sizeof err);
    if (bad == 2) {
        /* a model file that does not load: nothing to show */
        capture_stop(&u.cap);
        cli_error(PROG, "%s", err);
        rc = CLI_EXIT_FAIL;
        goto out;
    }
    if (tui_curses(&u, a->ascii) != 0) {
        capture_stop(&u.cap);
        cli_error(PROG, "cannot use the terminal (TERM=%s)", getenv("TERM") ? getenv("TERM") : "");
        rc = CLI_EXIT_FAIL;
        goto out;
    }
    u.model_dirty = 1;
    if (err[0])
        tui_status(&u, 1, "%s", err);
    else if (a->nmodels + nscripts == 0)
        tui_status(&u, 0, "empty model: type : then a command (section soma -L 20 -diam 20), ? for keys");
    else
        tui_output(&u);
    u.redraw = 1;
    tui_loop(&u);
    tui_endwin();
    capture_stop(&u.cap);
    if (tui_signal)
        rc = 128 + (int)tui_signal;
out:
    if (u.cap.ttyfd > 0)
        close(u.cap.ttyfd);
    tree_free(&u.tree);
    table_free(&u.table);
    traces_free(&u.traces);
    views_free(&u.views);
    journal_free(&u.journal);
    cmdline_free(&u.cl);
    free(u.output);
    if (tui_async)
        Tcl_AsyncDelete(tui_async);
    tui_async = NULL;
    Tcl_DeleteInterp(u.interp);
    Tcl_Finalize();
    return rc;
}

int main(int argc, char **argv)
{
    struct tui_args a;
    int first, rc = 0;

    setlocale(LC_ALL, "");
    memset(&a, 0, sizeof a);
    a.models = calloc((size_t)argc, sizeof *a.models);
    a.mechs = calloc((size_t)argc, sizeof *a.mechs);
    if (!a.models || !a.mechs) {
        cli_error(PROG, "out of memory");
        return CLI_EXIT_FAIL;
    }
    first = cli_parse(PROG, tui_opts, argc, argv, tui_opt, &a);
    if (first < 0) {
        rc = CLI_EXIT_USAGE;
    } else if (a.help) {
        cli_help(stdout, tui_usage, tui_opts, tui_epilog);
    } else if (a.version) {
        cli_tcl_print_version(PROG);
        printf("%s\n", curses_version());
    } else {
        for (int i = 0; i < a.nmodels && rc == 0; i++)
            if (access(a.models[i], R_OK) != 0) {
                cli_error(PROG, "cannot read %s: %s", a.models[i], strerror(errno));
                rc = CLI_EXIT_USAGE;
            }
        for (int i = first; i < argc && rc == 0; i++)
            if (access(argv[i], R_OK) != 0) {
                cli_error(PROG, "cannot read %s: %s", argv[i], strerror(errno));
                rc = CLI_EXIT_USAGE;
            }
        if (rc == 0)
            rc = tui_main(argv[0], &a, argv + first, argc - first);
    }
    free(a.models);
    free(a.mechs);
    return rc;
}
