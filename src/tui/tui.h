/*
** tui.h: what the files of nrn-tui share. One struct tui holds the whole session: the Tcl
** interpreter and its model (through the public APIs of src/engine/nrn.h and
** src/tcl/nrntcl.h only), the panes' states, the run control, the journal of changes and
** the prompt. Files, one job each:
**   nrn-tui.c  options, start-up (scripts, terminal), the main loop, shutdown and signals
**   layout.c   screen geometry (pure)          ansi.c    SGR colour spans (pure)
**   cmdline.c  the prompt's line editor (pure) capture.c Tcl's stdout/stderr into the TUI
**   tree.c     the topology tree's rows        table.c   the parameter table's rows
**   traces.c   live traces (src/plot charts)   views.c   shape view and model summary
**   runctl.c   r/s/c/n: the run in slices      session.c the journal and :save
**   keys.c     what each key does              draw.c    painting the screen with curses
*/
#ifndef TUI_H
#define TUI_H

#include <signal.h>
#include <stddef.h>
#include <tcl.h>

#include "cmdline.h"
#include "layout.h"
#include "nrn.h"
#include "nrntcl.h"

#define PROG "nrn-tui"

/* Tcl 8.6 counts lengths in int, Tcl 9 in Tcl_Size. */
#ifndef TCL_SIZE_MAX
typedef int Tcl_Size;
#endif

/* ---- tree.c ---- */

enum row_kind { ROW_GLOBALS, ROW_SECTION, ROW_PP, ROW_NETCON };

struct tree_row {
    int kind;   /* enum row_kind */
    int id;     /* section, point process or NetCon id (0 for globals) */
    int depth;  /* indentation level */
    int kids;   /* 1: a section with rows under it */
};

struct tree {
    struct tree_row *row; /* every row, in topology order */
    int n, cap;
    unsigned char *fold;  /* per section id: 1 when folded */
    int nfold;
    int *vis;             /* indices of the visible rows */
    int nvis;
    int sel, top;         /* selected visible row, first row shown */
    int selkind, selid;   /* what is selected (kept across rebuilds) */
    int seg;              /* selected segment of the selected section, 0 .. nseg-1 */
};

/* Rebuilds the rows from the model, keeping folds and the selection where they still exist.
** Returns 0, or -1 when out of memory. */
int tree_build(struct tree *t, nrn_model *m);
void tree_free(struct tree *t);
/* Recomputes the visible rows after a fold changed. */
void tree_refold(struct tree *t);
/* Selects visible row i (clamped) and notes what it is. */
void tree_select_vis(struct tree *t, int i);
/* Selects the row of kind/id if it exists (unfolding nothing). Returns 1 if found. */
int tree_select(struct tree *t, int kind, int id);
/* The text of visible row i (no colours) into buf. */
void tree_text(const struct tree *t, nrn_model *m, int i, int ascii, char *buf, size_t n);
/* The selected section id, or -1. */
int tree_section(const struct tree *t);
/* x of the selected segment of section sec. */
double tree_seg_x(const struct tree *t, nrn_model *m, int sec);

/* ---- table.c ---- */

struct prow {
    char label[64];    /* "gnabar_hh", "L" */
    char value[48];    /* as shown */
    char unit[24];
    char show[320];    /* the value path shown (refreshed during runs) */
    char path[256];    /* the value path Enter sets ("" for a read-only row) */
    char segpath[256]; /* the path of this segment only (E), or "" */
    int nonuni;        /* 1: the value differs along the section */
    int heading;       /* 1: a heading line (mechanism name), not a value */
};

struct table {
    struct prow *row;
    int n, cap;
    int sel, top;
    char title[256];   /* "soma(0.5)  segment 1 of 3" */
};

/* Rebuilds the rows for what the tree selects. Returns 0 or -1 (out of memory). */
int table_build(struct table *tb, nrn_model *m, const struct tree *t);
/* Reads the values of the rows again (same rows; for live updates during a run). */
void table_values(struct table *tb, nrn_model *m);
void table_free(struct table *tb);

/* ---- traces.c ---- */

#define TRACES_MAX 8 /* series drawn at most (the legend says how many more) */

struct traces {
    unsigned gen;          /* columns generation the state was made for */
    int n;                 /* series drawn */
    int rec[TRACES_MAX];   /* their record ids */
    char *name[TRACES_MAX];
    int more;              /* recorded columns not drawn */
    int trec;              /* record id of t, or -1 */
    size_t done;           /* samples already binned */
    size_t ydone;          /* samples already in the y range */
    double lo, hi;         /* y range of those samples */
    double xhi;            /* the x range is [0, xhi] */
    int px;                /* envelope columns */
    struct envelope *env[TRACES_MAX];
    struct frame *frame;   /* the last picture */
};

/* Draws the traces into a frame of w x h (NULL frame: nothing recorded, a hint instead).
** Returns the frame (owned by tr), or NULL. */
struct frame *traces_render(struct traces *tr, nrntcl *st, nrn_model *m, int w, int h,
                            int ascii, int color, const char **hint);
void traces_free(struct traces *tr);

/* ---- views.c ---- */

struct views {
    char var[160];         /* the variable the shape is coloured by ("" means v) */
    struct morph *morph;   /* the model's shape, rebuilt when the model changes */
    int morph_dirty;
    nrn_ref *segref;       /* per morph segment (tree order): its var */
    struct morph_piece *pc;
    int npc;
    double *val;           /* per piece */
    char *summary;         /* nrn-build --summary's text */
    int summary_dirty;
    int top;               /* summary scroll */
    struct frame *frame;
    struct frame *selframe; /* the shape with the selected section alone coloured */
};

/* The shape coloured by var (v by default) at the current time, in a w x h frame (NULL: *hint says why). */
struct frame *views_shape(struct views *v, nrn_model *m, int w, int h, int ascii, int color,
                          const char **hint);
/* Where section sec lies in the shape frame of w x h views_shape made last: up to max
** (frame line, column) pairs into cells. Returns how many (0 when it is not drawn). */
int views_shape_marks(struct views *v, const char *sec, int w, int h, int ascii,
                      int *cells, int max);
/* The summary's text (borrowed), rebuilt when dirty. */
const char *views_summary(struct views *v, nrn_model *m);
void views_free(struct views *v);

/* ---- session.c ---- */

struct journal {
    char **line;   /* Tcl commands, in order */
    int n, cap;
    char **load;   /* the loading commands of the models and scripts given */
    int nload, capload;
};

/* Adds one command to the journal (copied). Returns 0 or -1. */
int journal_add(struct journal *j, const char *cmd);
/* Adds a loading command (load_mechanisms LIB) to the loads, which a saved session repeats
** first. Returns 0 or -1. */
int journal_add_load(struct journal *j, const char *cmd);
/* Adds the command that loads path (a model file by extension, else `source`). */
int journal_load(struct journal *j, const char *path);
/* Writes the session to path (temporary file + rename). Returns 0, or -1 with errno. */
int journal_save(const struct journal *j, const char *path);
void journal_free(struct journal *j);
/* A Tcl list of the words: a command that evaluates them as given (caller frees). */
char *journal_cmd(int n, const char *const *words);

/* ---- capture.c ---- */

struct capture {
    int ttyfd;       /* the terminal (the original standard output), or -1 */
    int savefd[2];   /* the original fds 1 and 2 */
    int fd;          /* the file fds 1 and 2 write to while captured, or -1 */
    long off;        /* bytes already read from it */
};

/* Sends fds 1 and 2 to a hidden temporary file; ttyfd keeps the terminal. Returns 0 or -1. */
int capture_start(struct capture *c);
/* The text written since the last call (up to n - 1 bytes, NUL-terminated). Returns its
** length. */
size_t capture_read(struct capture *c, char *buf, size_t n);
/* Puts fds 1 and 2 back. */
void capture_stop(struct capture *c);

/* ---- runctl.c ---- */

enum run_state { RUN_IDLE, RUN_RUNNING };

struct runctl {
    int state;           /* enum run_state */
    int from_r;          /* the run in progress started with r (else c) */
    double slice_steps;  /* steps per slice, adapted to take about RUN_SLICE_MS */
    double until;        /* where the run ends: NaN for tstop, else :continuerun's T */
    double wall0;        /* when the run (r or c) began */
    double busy_s;       /* seconds spent integrating since (for the screen-cost figure) */
    double draw_s;       /* seconds spent drawing during the run */
};

/* ---- the session ---- */

enum tui_mode { MODE_NORMAL, MODE_HELP, MODE_PROMPT, MODE_OUTPUT };
enum prompt_kind { PROMPT_CMD, PROMPT_SEARCH, PROMPT_EDIT };
enum tui_view { VIEW_TRACES, VIEW_SHAPE, VIEW_SUMMARY, VIEW_COUNT };

struct tui {
    Tcl_Interp *interp;
    nrntcl *st;
    const char *title;       /* the first model or script, for the header */
    int ascii, color;        /* --ascii or not UTF-8; colours allowed */
    struct layout lo;
    int cols, rows;
    int focus;               /* enum tui_pane */
    int zoom;                /* zoomed pane, or -1 */
    int view;                /* enum tui_view */
    int mode;                /* enum tui_mode */
    int prompt;              /* enum prompt_kind */
    char prompt_label[320];  /* shown before the prompt's text */
    char edit_path[256];     /* the value an edit prompt sets */
    char search[CMDLINE_MAX]; /* the last search */
    struct cmdline cl;
    struct tree tree;
    struct table table;
    struct traces traces;
    struct views views;
    struct journal journal;
    struct capture cap;
    struct runctl run;
    char status[1024];       /* the status line's message */
    int status_err;          /* 1: it is an error */
    char *output;            /* a long result shown in the output view (owned) */
    int output_top;
    int help_top;
    int model_dirty;         /* the model may have changed: rebuild tree, table, views */
    int redraw;              /* something on the screen changed */
    double last_draw;        /* when the screen was last drawn (s) */
    int quit;                /* leave the main loop */
};

/* nrn-tui.c */
/* The model now (it changes when a script says `reset`). */
nrn_model *tui_model(struct tui *u);
/* Sets the status line (printf style); err 1 for an error. */
void tui_status(struct tui *u, int err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Evaluates a Tcl command; puts output goes to the status line. Returns the Tcl status;
** the result is in the interpreter. Marks the model dirty. */
int tui_eval(struct tui *u, const char *cmd);
/* Seconds on a monotonic clock. */
double tui_now(void);

/* runctl.c */
int run_start(struct tui *u);      /* r */
int run_continue(struct tui *u);   /* c */
void run_stop(struct tui *u);      /* s */
int run_step(struct tui *u);       /* n */
/* :continuerun T, in slices. */
int run_until(struct tui *u, double until);
/* A change is coming during a run: the journal gets the run so far, so that the change
** lands at the same time when the session is replayed. */
void run_checkpoint(struct tui *u);
/* Integrates one slice of the run in progress. */
void run_slice(struct tui *u);

/* keys.c */
void keys_handle(struct tui *u, int ch);
/* Runs the text of the : prompt. */
void keys_command(struct tui *u, const char *line);
/* Every key and what it does, one per line (for ? and the man page test). */
extern const char *const keys_help[];

/* draw.c */
void draw_screen(struct tui *u);
/* Brings tree, table and views up to date with the model when it changed. */
void draw_refresh_model(struct tui *u);

#endif /* TUI_H */
