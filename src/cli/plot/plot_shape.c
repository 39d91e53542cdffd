/*
** plot_shape.c: the morphology plots, `nrn-plot shape` (NEURON's PlotShape) and `nrn-plot
** range` (NEURON's RangeVarPlot): options, reading the model CSV and the traces, and driving
** src/plot/morph.c, morph_layout.c and shape.c (or the chart for range plots).
**
** Traces are nrn-run output: a time column (named t, else the first), then columns named
** SEC(X).VAR; a column is the value of the segment whose centre node X falls in (NEURON's
** node_index). The row drawn is the one whose t is nearest --at (the first of equals), or the
** last row without --at. Everything is read and checked before anything is drawn.
*/
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plot.h"
#include "plot_cli.h"


#define SHAPE_READ_BUF (1 << 16)
#define SHAPE_SVG_WIDTH 800
#define SHAPE_SVG_HEIGHT 600

enum {
    SOPT_VAR = 300, SOPT_VALUES, SOPT_AT, SOPT_VIEW, SOPT_RANGE, SOPT_FROM, SOPT_TO, SOPT_YLIM,
    SOPT_ASCII, SOPT_COLOR, SOPT_SVG, SOPT_VERSION
};

static const char shape_help[] =
    "usage: nrn-plot shape MODEL [--var NAME --values TRACES.csv [--at T]] [options]\n"
    "Draw the cell of a model CSV (nrn-build's output) from its 3-D points, like NEURON's\n"
    "PlotShape; sections without points are laid out as NEURON's define_shape does. With\n"
    "--values, each segment is coloured by NAME at time T, with a colour bar.\n"
    "\n"
    "  --var NAME           the variable (default v); TRACES.csv has columns SEC(X).NAME\n"
    "  --values FILE        nrn-run output: t, then one column per segment\n"
    "  --at T               the time shown: the row with t nearest T (default: the last row;\n"
    "                       without a t column, only the last row)\n"
    "  --range A:B          colour scale (default -80:40 for v, else the values' range)\n"
    "  --view PLANE         xy (default), xz, yz, or auto: the plane where the cell is widest\n"
    "  -t, --title TEXT     title (default: VAR at t = T ms, or the model's name)\n"
    "  -W, --width N        width in columns, 20 to 10000 (default: the terminal's)\n"
    "  -H, --height N       height in lines, 5 to 10000 (default: the terminal's, less one)\n"
    "      --ascii          plain ASCII: digits 0-8 for the colour steps\n"
    "      --color[=WHEN]   auto (default), always, never\n"
    "      --svg FILE       write an SVG picture to FILE ('-' = stdout) instead\n"
    "  -h, --help           show this help\n"
    "\n"
    "examples:\n"
    "  nrn-plot shape cell.csv\n"
    "  nrn-plot shape cell.csv --values trace.csv --at 2.5 --view auto\n"
    "  nrn-plot shape cell.csv --values trace.csv --at 2.5 --svg cell.svg\n";

static const char range_help[] =
    "usage: nrn-plot range MODEL --from SEG --to SEG --values TRACES.csv [--at T] [options]\n"
    "Plot a variable along the path between two segments against the distance from the\n"
    "first, like NEURON's RangeVarPlot: the path goes through the tree via the common\n"
    "ancestor, one point per segment centre, distances as NEURON's distance().\n"
    "\n"
    "  --from SEG, --to SEG  the ends, as SEC(X): soma(0.5), dend[3](1)\n"
    "  --var NAME           the variable (default v); TRACES.csv has columns SEC(X).NAME\n"
    "  --values FILE        nrn-run output: t, then one column per segment\n"
    "  --at T               the time shown: the row with t nearest T (default: the last row;\n"
    "                       without a t column, only the last row)\n"
    "      --ylim A:B       y range (default: the values')\n"
    "  -t, --title TEXT     title (default: VAR at t = T ms)\n"
    "  -W, -H, --ascii, --color[=WHEN], --svg FILE   as for trace plots\n"
    "  -h, --help           show this help\n"
    "\n"
    "examples:\n"
    "  nrn-plot range cell.csv --from 'soma[0](0.5)' --to 'dend[12](1)' --values trace.csv --at 3\n";

/* What the command line asked for. */
struct shape_opts {
    int range;                 /* 1: nrn-plot range */
    const char *model, *values, *var, *from, *to, *title, *svg;
    double at;                 /* NaN = last row */
    double lim[2];             /* --range or --ylim, NaN = automatic */
    int view;                  /* enum shape_view, or -1 for auto */
    int width, height, ascii, color;
};

/* The traces: the picked row's values per segment. */
struct shape_traces {
    const struct shape_opts *o;
    const struct morph *m;
    struct csvin *r;
    int ncol, tcol;
    int *colseg;               /* per column: segment index (tree order), or -1 */
    double *best;              /* the picked row, all columns */
    double best_t, best_gap;
    int have;                  /* rows picked so far */
};

/* Usage error, on one line with the hint; returns 2. */
static int shape_usage(const char *cmd, const char *fmt, const char *arg)
{
    fputs("nrn-plot: ", stderr);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, " (try 'nrn-plot %s --help')\n", cmd);
    return 2;
}

/* "A:B" with either side possibly empty. Returns 0 or -1. */
static int shape_parse_lim(const char *s, double lim[2])
{
    const char *sep = strchr(s, ':');
    char a[64], *end;
    size_t n;
    if (!sep)
        sep = strchr(s, ',');
    if (!sep || (n = (size_t)(sep - s)) >= sizeof a)
        return -1;
    memcpy(a, s, n);
    a[n] = '\0';
    lim[0] = lim[1] = NAN;
    if (n) {
        lim[0] = strtod(a, &end);
        if (*end || !isfinite(lim[0]))
            return -1;
    }
    if (sep[1]) {
        lim[1] = strtod(sep + 1, &end);
        if (*end || !isfinite(lim[1]))
            return -1;
    }
    return (isnan(lim[0]) || isnan(lim[1]) || lim[0] < lim[1]) ? 0 : -1;
}

/* Opens and reads a whole file into feed(ud, buf, n). Returns 0, -1 (message printed by the
** feeder's error) or -2 (could not open or read: message printed here). */
static int shape_read(const char *path, int (*feed)(void *, const char *, size_t), void *ud)
{
    char *buf = malloc(SHAPE_READ_BUF);
    int fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY), rc = 0;
    ssize_t n;
    if (!buf) {
        fprintf(stderr, "nrn-plot: out of memory\n");
        if (fd > STDIN_FILENO)
            close(fd);
        return -2;
    }
    if (fd < 0) {
        char msg[128];
        snprintf(msg, sizeof msg, "%s", strerror(errno));
        msg[0] = (char)tolower((unsigned char)msg[0]);
        fprintf(stderr, "nrn-plot: %s: cannot open: %s\n", path, msg);
        free(buf);
        return -2;
    }
    for (;;) {
        do
            n = read(fd, buf, SHAPE_READ_BUF);
        while (n < 0 && errno == EINTR);
        if (n < 0) {
            fprintf(stderr, "nrn-plot: %s: %s\n", path, strerror(errno));
            rc = -2;
            break;
        }
        if (n == 0 || feed(ud, buf, (size_t)n) != 0) {
            rc = n == 0 ? 0 : -1;
            break;
        }
    }
    if (fd != STDIN_FILENO)
        close(fd);
    free(buf);
    return rc;
}

static int shape_feed_model(void *ud, const char *buf, size_t n)
{
    return morph_feed(ud, buf, n);
}

static int shape_feed_traces(void *ud, const char *buf, size_t n)
{
    return csvin_feed(((struct shape_traces *)ud)->r, buf, n);
}

/* Traces header: the time column and the segment of each SEC(X).VAR column. */
static int shape_on_header(void *ud, struct csvin *r, const char *const *names, int n)
{
    struct shape_traces *t = ud;
    int i, any = 0, *sel = NULL;
    t->ncol = n;
    t->tcol = -1; /* none: then the last row is shown, and --at has nothing to go by */
    for (i = 0; i < n; i++)
        if (strcmp(names[i], "t") == 0) {
            t->tcol = i;
            break;
        }
    if (t->tcol < 0 && !isnan(t->o->at))
        return csvin_fail(r, "--at %g: the values CSV has no t column (record t in the "
                          "script, or leave --at out to show the last row)", t->o->at);
    t->colseg = malloc((size_t)n * sizeof *t->colseg);
    t->best = malloc((size_t)n * sizeof *t->best);
    sel = calloc((size_t)(n > 0 ? n : 1), sizeof *sel);
    if (!t->colseg || !t->best || !sel) {
        free(sel);
        return csvin_fail(r, "out of memory");
    }
    for (i = 0; i < n; i++) {
        char var[128];
        double x;
        int s, j;
        sel[i] = i;
        t->colseg[i] = -1;
        if (i == t->tcol)
            continue;
        s = morph_parse_loc(t->m, names[i], &x, var, sizeof var);
        if (s < 0 || strcmp(var, t->o->var) != 0)
            continue;
        j = morph_node_index(&t->m->sec[s], x);
        if (j < 0 || j >= t->m->sec[s].nseg)
            continue; /* an end node, not a segment */
        t->colseg[i] = t->m->seg0[s] + j;
        any = 1;
    }
    if (csvin_select(r, sel, n) != 0) {
        free(sel);
        return -1;
    }
    free(sel);
    if (!any) {
        char list[300];
        plot_name_list(names, n, list, sizeof list);
        return csvin_fail(r, "no column SEC(X).%s names a segment of %s; columns are: %s",
                          t->o->var, t->o->model, list);
    }
    return 0;
}

/* Traces row: keep it if its t is nearer --at than the best so far (or always, without). */
static int shape_on_row(void *ud, const double *vals, int n, long line)
{
    struct shape_traces *t = ud;
    double tt = t->tcol >= 0 ? vals[t->tcol] : NAN, gap;
    (void)line;
    if (isnan(tt) && t->tcol >= 0)
        return csvin_fail(t->r, "the time column has no value");
    gap = isnan(t->o->at) ? 0 : fabs(tt - t->o->at);
    if (t->have && !(isnan(t->o->at) || gap < t->best_gap))
        return 0;
    memcpy(t->best, vals, (size_t)n * sizeof *vals);
    t->best_t = tt;
    t->best_gap = gap;
    t->have = 1;
    return 0;
}

/* Reads the traces into per-segment values (NaN = none). Returns 0, or 1 after a message. */
static int shape_load_traces(const struct shape_opts *o, const struct morph *m, double *segval,
                             double *tshown)
{
    struct shape_traces t;
    int rc, i;
    memset(&t, 0, sizeof t);
    t.o = o;
    t.m = m;
    t.r = csvin_new(strcmp(o->values, "-") == 0 ? "<stdin>" : o->values, ',', shape_on_header,
                    shape_on_row, &t);
    if (!t.r) {
        fprintf(stderr, "nrn-plot: out of memory\n");
        return 1;
    }
    rc = shape_read(o->values, shape_feed_traces, &t);
    if (rc == 0 && csvin_finish(t.r) != 0)
        rc = -1;
    if (rc == -1)
        fprintf(stderr, "nrn-plot: %s\n", csvin_error(t.r));
    if (rc == 0) {
        for (i = 0; i < m->nseg_total; i++)
            segval[i] = NAN;
        for (i = 0; i < t.ncol; i++)
            if (t.colseg[i] >= 0)
                segval[t.colseg[i]] = t.best[i];
        *tshown = t.best_t;
    }
    csvin_free(&t.r);
    free(t.colseg);
    free(t.best);
    return rc == 0 ? 0 : 1;
}

/* The default title of values shown at time t (NaN: the last row of a CSV without t). */
static void shape_title(char *buf, size_t size, const char *var, double t)
{
    if (isnan(t))
        snprintf(buf, size, "%s, last row", var);
    else
        snprintf(buf, size, "%s at t = %g ms", var, t);
}

/* The unit of a variable, for labels. */
static const char *shape_unit(const char *var)
{
    if (strcmp(var, "v") == 0 || strncmp(var, "e", 1) == 0)
        return strcmp(var, "v") == 0 || strcmp(var, "ena") == 0 || strcmp(var, "ek") == 0 ||
                       strcmp(var, "eca") == 0 || strcmp(var, "e_pas") == 0
                   ? "mV"
                   : "";
    if (strcmp(var, "diam") == 0)
        return "\xc2\xb5m";
    return "";
}

/* Writes a frame to stdout. */
static int shape_write_frame(const struct frame *f)
{
    return frame_write(f, stdout) != 0 ? -plot_stdout_failed() : 0;
}

static int shape_svg_cb(void *ud, FILE *out) { return shape_svg(ud, out); }

/* The last path component of a file name. */
static const char *shape_base(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* nrn-plot shape, after the options. */
static int shape_run(const struct shape_opts *o, struct morph *m)
{
    struct morph_piece *pc = NULL;
    double *segval = NULL, *val = NULL, tshown = 0;
    char title[512], label[160];
    struct shape_plot p;
    int npc, i, rc = 0;
    npc = morph_pieces(m, &pc);
    if (npc < 0)
        goto oom;
    memset(&p, 0, sizeof p);
    if (o->values) {
        segval = malloc((size_t)(m->nseg_total ? m->nseg_total : 1) * sizeof *segval);
        val = malloc((size_t)(npc ? npc : 1) * sizeof *val);
        if (!segval || !val)
            goto oom;
        if (shape_load_traces(o, m, segval, &tshown) != 0) {
            rc = 1;
            goto done;
        }
        for (i = 0; i < npc; i++)
            val[i] = segval[m->seg0[pc[i].sec] + pc[i].seg];
        p.value = val;
        p.lo = o->lim[0];
        p.hi = o->lim[1];
        if (isnan(p.lo) || isnan(p.hi)) {
            double lo = HUGE_VAL, hi = -HUGE_VAL;
            if (strcmp(o->var, "v") == 0) {
                lo = -80;
                hi = 40;
            } else {
                for (i = 0; i < m->nseg_total; i++)
                    if (!isnan(segval[i])) {
                        if (segval[i] < lo) lo = segval[i];
                        if (segval[i] > hi) hi = segval[i];
                    }
                if (lo > hi)
                    lo = hi = 0;
            }
            if (isnan(p.lo))
                p.lo = lo;
            if (isnan(p.hi))
                p.hi = hi;
            if (!(p.lo < p.hi)) {
                if (!isnan(o->lim[0]))
                    p.hi = p.lo + 1;
                else if (!isnan(o->lim[1]))
                    p.lo = p.hi - 1;
                else
                    scale_widen(&p.lo, &p.hi, 0);
            }
        }
        snprintf(label, sizeof label, "%s%s%s%s", o->var, *shape_unit(o->var) ? " [" : "",
                 shape_unit(o->var), *shape_unit(o->var) ? "]" : "");
        p.label = label;
        shape_title(title, sizeof title, o->var, tshown);
    } else {
        snprintf(title, sizeof title, "%s",
                 strcmp(o->model, "-") == 0 ? "<stdin>" : shape_base(o->model));
    }
    p.title = o->title ? o->title : title;
    p.ascii = o->ascii;
    p.color = o->svg ? 0 : o->color;
    p.view = o->view >= 0 ? o->view : shape_auto_view(pc, npc);
    p.pc = pc;
    p.npc = npc;
    if (o->svg) {
        p.width = SHAPE_SVG_WIDTH;
        p.height = SHAPE_SVG_HEIGHT;
        rc = plot_write_out(o->svg, shape_svg_cb, &p) != 0;
    } else {
        struct frame *f = frame_new(o->height);
        int r;
        p.width = o->width;
        p.height = o->height;
        if (!f)
            goto oom;
        r = shape_render(&p, f);
        if (r == -2)
            fprintf(stderr, "nrn-plot: too small to plot: %dx%d cells (a plot needs at least %dx%d)\n",
                    o->width, o->height, CHART_MIN_WIDTH, CHART_MIN_HEIGHT);
        else if (r != 0)
            fprintf(stderr, "nrn-plot: out of memory\n");
        rc = r != 0 ? 1 : shape_write_frame(f);
        frame_free(&f);
    }
done:
    free(pc);
    free(segval);
    free(val);
    return rc;
oom:
    fprintf(stderr, "nrn-plot: out of memory\n");
    rc = 1;
    goto done;
}

/* A range plot's data, for the SVG writer. */
struct range_data {
    struct svg_plot sp;
    const struct morph_stop *st;
    const double *y;
    int n;
};

static int range_svg_cb(void *ud, FILE *out)
{
    struct range_data *d = ud;
    int i, rc = svg_begin(&d->sp, out);
    if (rc == 0)
        rc = svg_points_begin(&d->sp, 0, out);
    for (i = 0; i < d->n && rc == 0; i++) {
        if (isnan(d->y[i])) { /* a gap: end the path and start another */
            rc = svg_points_end(&d->sp, out);
            if (rc == 0)
                rc = svg_points_begin(&d->sp, 0, out);
            continue;
        }
        rc = svg_points_add(&d->sp, d->st[i].dist, d->y[i], out);
    }
    if (rc == 0)
        rc = svg_points_end(&d->sp, out);
    if (rc == 0)
        rc = svg_end(&d->sp, out);
    return rc;
}

/* Resolves --from/--to. Returns the section, or -1 after a message. */
static int range_loc(const struct shape_opts *o, const struct morph *m, const char *ref, double *x)
{
    char var[8];
    int s = morph_parse_loc(m, ref, x, var, sizeof var);
    if (s == -2 || (s >= 0 && *var)) {
        fprintf(stderr, "nrn-plot: bad location '%s': want SEC(X) with 0 <= X <= 1\n", ref);
        return -1;
    }
    if (s < 0)
        fprintf(stderr, "nrn-plot: %s: no section named '%.*s'\n", o->model,
                (int)(strchr(ref, '(') ? (size_t)(strchr(ref, '(') - ref) : strlen(ref)), ref);
    return s;
}

/* nrn-plot range, after the options. */
static int range_run(const struct shape_opts *o, struct morph *m)
{
    struct morph_stop *st = NULL;
    double *segval = NULL, *y = NULL, xa, xb, total = 0, tshown = 0, lo = HUGE_VAL, hi = -HUGE_VAL;
    char title[512], xlabel[300], yunit[32];
    struct scale xs, ys;
    int sa, sb, n, i, rc = 0, have = 0;
    if ((sa = range_loc(o, m, o->from, &xa)) < 0 || (sb = range_loc(o, m, o->to, &xb)) < 0)
        return 1;
    n = morph_path(m, sa, xa, sb, xb, &st, &total);
    if (n == -2) {
        fprintf(stderr, "nrn-plot: %s: %s and %s are in different cells\n", o->model, o->from, o->to);
        return 1;
    }
    if (n < 0)
        goto oom;
    segval = malloc((size_t)(m->nseg_total ? m->nseg_total : 1) * sizeof *segval);
    y = malloc((size_t)(n ? n : 1) * sizeof *y);
    if (!segval || !y)
        goto oom;
    if (shape_load_traces(o, m, segval, &tshown) != 0) {
        rc = 1;
        goto done;
    }
    for (i = 0; i < n; i++) {
        y[i] = segval[m->seg0[st[i].sec] + st[i].seg];
        if (!isnan(y[i])) {
            have++;
            if (y[i] < lo) lo = y[i];
            if (y[i] > hi) hi = y[i];
        }
    }
    if (have == 0) {
        fprintf(stderr, "nrn-plot: %s: no column SEC(X).%s for a segment between %s and %s\n",
                o->values, o->var, o->from, o->to);
        rc = 1;
        goto done;
    }
    {
        double xlo = 0, xhi = total, ylo = isnan(o->lim[0]) ? lo : o->lim[0],
               yhi = isnan(o->lim[1]) ? hi : o->lim[1];
        if (!(xlo < xhi))
            scale_widen(&xlo, &xhi, 0);
        if (!(ylo < yhi)) {
            if (!isnan(o->lim[0]))
                yhi = ylo + 1;
            else if (!isnan(o->lim[1]))
                ylo = yhi - 1;
            else
                scale_widen(&ylo, &yhi, 0);
        }
        scale_set(&xs, xlo, xhi, 0);
        scale_set(&ys, ylo, yhi, 0);
    }
    shape_title(title, sizeof title, o->var, tshown);
    snprintf(xlabel, sizeof xlabel, "distance from %s [%s]", o->from, o->svg || !o->ascii ? "\xc2\xb5m" : "um");
    snprintf(yunit, sizeof yunit, "%s", shape_unit(o->var));
    if (o->svg) {
        struct range_data d;
        memset(&d, 0, sizeof d);
        d.sp.width = 800;
        d.sp.height = 500;
        d.sp.title = o->title ? o->title : title;
        d.sp.xlabel = xlabel;
        d.sp.yunit = *yunit ? yunit : NULL;
        d.sp.x = xs;
        d.sp.y = ys;
        svg_layout(&d.sp);
        d.st = st;
        d.y = y;
        d.n = n;
        rc = plot_write_out(o->svg, range_svg_cb, &d) != 0;
    } else {
        struct chart ch;
        struct canvas *cv = NULL;
        struct frame *f = frame_new(o->height);
        double px0 = NAN, py0 = NAN;
        memset(&ch, 0, sizeof ch);
        ch.width = o->width;
        ch.height = o->height;
        ch.title = o->title ? o->title : title;
        ch.xlabel = xlabel;
        ch.yunit = *yunit ? yunit : NULL;
        ch.ascii = o->ascii;
        ch.color = o->color;
        ch.x = xs;
        ch.y = ys;
        if (!f)
            goto oom;
        if (chart_layout(&ch) != 0) {
            fprintf(stderr, "nrn-plot: too small to plot: %dx%d cells (a plot needs at least %dx%d)\n",
                    o->width, o->height, CHART_MIN_WIDTH, CHART_MIN_HEIGHT);
            frame_free(&f);
            rc = 1;
            goto done;
        }
        cv = canvas_new(ch.plot_cols, ch.plot_rows, o->ascii ? CANVAS_ASCII : CANVAS_BRAILLE);
        if (!cv) {
            frame_free(&f);
            goto oom;
        }
        for (i = 0; i < n; i++) {
            double px, py;
            if (trace_pixel(cv, &xs, &ys, st[i].dist, y[i], &px, &py) != 0) {
                px0 = py0 = NAN;
                continue;
            }
            if (isnan(px0))
                canvas_line(cv, px, py, px, py, 0);
            else
                canvas_line(cv, px0, py0, px, py, 0);
            px0 = px;
            py0 = py;
        }
        if (chart_render(&ch, cv, f) != 0) {
            canvas_free(&cv);
            frame_free(&f);
            goto oom;
        }
        rc = shape_write_frame(f);
        canvas_free(&cv);
        frame_free(&f);
    }
done:
    free(st);
    free(segval);
    free(y);
    return rc;
oom:
    fprintf(stderr, "nrn-plot: out of memory\n");
    rc = 1;
    goto done;
}

int plot_shape_main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "var", required_argument, NULL, SOPT_VAR },
        { "values", required_argument, NULL, SOPT_VALUES },
        { "at", required_argument, NULL, SOPT_AT },
        { "view", required_argument, NULL, SOPT_VIEW },
        { "range", required_argument, NULL, SOPT_RANGE },
        { "from", required_argument, NULL, SOPT_FROM },
        { "to", required_argument, NULL, SOPT_TO },
        { "ylim", required_argument, NULL, SOPT_YLIM },
        { "title", required_argument, NULL, 't' },
        { "width", required_argument, NULL, 'W' },
        { "height", required_argument, NULL, 'H' },
        { "ascii", no_argument, NULL, SOPT_ASCII },
        { "color", optional_argument, NULL, SOPT_COLOR },
        { "colour", optional_argument, NULL, SOPT_COLOR },
        { "svg", required_argument, NULL, SOPT_SVG },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, SOPT_VERSION },
        { NULL, 0, NULL, 0 },
    };
    struct shape_opts o;
    const char *cmd = argv[0], *color = "auto";
    struct morph *m;
    char *end;
    int c, rc, tw, th;
    long v;

    memset(&o, 0, sizeof o);
    o.range = strcmp(cmd, "range") == 0;
    o.var = "v";
    o.at = NAN;
    o.lim[0] = o.lim[1] = NAN;
    o.view = SHAPE_XY;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":t:W:H:h", longopts, NULL)) != -1) {
        switch (c) {
        case SOPT_VAR: o.var = optarg; break;
        case SOPT_VALUES: o.values = optarg; break;
        case SOPT_AT:
            o.at = strtod(optarg, &end);
            if (!*optarg || *end || !isfinite(o.at))
                return shape_usage(cmd, "bad time '%s'", optarg);
            break;
        case SOPT_VIEW:
            if (o.range)
                return shape_usage(cmd, "unknown option '%s'", "--view");
            if (strcmp(optarg, "xy") == 0)
                o.view = SHAPE_XY;
            else if (strcmp(optarg, "xz") == 0)
                o.view = SHAPE_XZ;
            else if (strcmp(optarg, "yz") == 0)
                o.view = SHAPE_YZ;
            else if (strcmp(optarg, "auto") == 0)
                o.view = -1;
            else
                return shape_usage(cmd, "bad --view '%s': want xy, xz, yz or auto", optarg);
            break;
        case SOPT_RANGE:
        case SOPT_YLIM:
            if ((c == SOPT_RANGE) == o.range)
                return shape_usage(cmd, "unknown option '%s'", argv[optind - 1]);
            if (shape_parse_lim(optarg, o.lim) != 0)
                return shape_usage(cmd, "bad range '%s': want A:B with A < B (either may be left empty)",
                                   optarg);
            break;
        case SOPT_FROM:
        case SOPT_TO:
            if (!o.range)
                return shape_usage(cmd, "unknown option '%s'", argv[optind - 1]);
            if (c == SOPT_FROM)
                o.from = optarg;
            else
                o.to = optarg;
            break;
        case 't': o.title = optarg; break;
        case 'W':
        case 'H':
            if ((v = plot_size_arg(c, optarg, cmd)) < 0)
                return 2;
            if (c == 'W')
                o.width = (int)v;
            else
                o.height = (int)v;
            break;
        case SOPT_ASCII: o.ascii = 1; break;
        case SOPT_COLOR: color = optarg ? optarg : "always"; break;
        case SOPT_SVG: o.svg = optarg; break;
        case 'h':
            fputs(o.range ? range_help : shape_help, stdout);
            return fflush(stdout) == 0 ? 0 : 1;
        case SOPT_VERSION:
            printf("nrn-plot %s\n", NRN_VERSION);
            return 0;
        case ':':
            return shape_usage(cmd, "option '%s' needs a value", argv[optind - 1]);
        default:
            return shape_usage(cmd, "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return shape_usage(cmd, "%s", "no MODEL: give a model CSV (nrn-build's output)");
    if (argc - optind > 1)
        return shape_usage(cmd, "too many inputs, starting at '%s'", argv[optind + 1]);
    o.model = argv[optind];
    if (o.range && (!o.from || !o.to))
        return shape_usage(cmd, "%s", "a range plot needs --from SEG and --to SEG");
    if (o.range && !o.values)
        return shape_usage(cmd, "%s", "a range plot needs --values TRACES.csv");
    if (!isnan(o.at) && !o.values)
        return shape_usage(cmd, "%s", "--at needs --values");
    if (!o.range && !isnan(o.lim[0] + o.lim[1]) && !o.values)
        return shape_usage(cmd, "%s", "--range needs --values");
    if (o.values && strcmp(o.values, "-") == 0 && strcmp(o.model, "-") == 0)
        return shape_usage(cmd, "%s", "MODEL and --values cannot both be standard input");
    rc = plot_term_color(color, STDOUT_FILENO);
    if (rc < 0)
        return shape_usage(cmd, "bad --color '%s': want auto, always or never", color);
    o.color = rc;
    plot_term_size(STDOUT_FILENO, &tw, &th);
    if (o.width == 0)
        o.width = tw;
    if (o.height == 0)
        o.height = th - 1;

    m = morph_new(strcmp(o.model, "-") == 0 ? "<stdin>" : o.model);
    if (!m) {
        fprintf(stderr, "nrn-plot: out of memory\n");
        return 1;
    }
    rc = shape_read(o.model, shape_feed_model, m);
    if (rc == 0 && morph_finish(m) != 0)
        rc = -1;
    if (rc == -1)
        fprintf(stderr, "nrn-plot: %s\n", morph_error(m));
    if (rc == 0)
        rc = o.range ? range_run(&o, m) : shape_run(&o, m);
    else
        rc = 1;
    morph_free(&m);
    return rc;
}
