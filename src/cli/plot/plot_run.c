/*
** plot_run.c: nrn-plot's drawing loops: read the CSV, keep ranges and the spool, draw a frame
** or an SVG; under --follow, redraw in place as rows arrive.
**
** Two passes, O(columns) memory (see plot_spool.c for why): the CSV is parsed once, checked
** completely and spooled as doubles; only then is anything drawn, from the spool. So bad input
** is reported before any output and nothing is ever drawn half. With --follow on a terminal,
** frames are drawn from what has arrived, at most --fps per second, and only changed lines are
** sent; envelopes are extended with the new rows, and re-binned from the spool only when an
** axis has to grow (x grows with 50% headroom, so that happens a logarithmic number of times).
*/
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plot.h"
#include "plot_cli.h"


#define PLOT_READ_BUF (1 << 16) /* bytes per read(2) */
#define PLOT_HEADROOM 0.5       /* --follow: fraction of the x span added past the data */
#define PLOT_SVG_WIDTH 800.0    /* px */
#define PLOT_SVG_HEIGHT 500.0   /* px */

/* Everything one run of the command holds. */
struct plot_ctx {
    const struct plot_opts *o; /* options */
    const char *name;          /* input name for messages */
    struct csvin *r;           /* CSV reader */
    int ny;                    /* y series */
    char **labels;             /* legend text of each series */
    char xlabel[320];          /* x axis name with unit */
    char yunit[64];            /* unit shared by all series, or "" */
    struct stats st;           /* running ranges (valid once have_stats) */
    int have_stats;            /* 1 after the header */
    struct plot_spool *sp;     /* selected values of every row */
    double *row;               /* scratch row of 1 + ny values */
    int by_row;                /* 1: a lone column, drawn against the row number (x = 1, 2...) */
    double *numbered;          /* by_row: the row being read, its number in place of x */
    struct canvas *cv;         /* terminal canvas, kept between frames */
    struct envelope **env;     /* per series, or NULL */
    int env_cols;              /* columns of the envelopes */
    struct scale env_x;        /* x scale they were binned with */
    long env_rows;             /* spool rows already binned */
    double view_lo, view_hi;   /* --follow: x range shown while data arrives */
    int have_view;             /* 1 once view_* are set */
    char err[600];             /* input error, printed by the caller */
};

/*
** Appends s to the string in buf (size bytes), cutting it if it does not fit.
*/
static void plot_cat(char *buf, size_t size, const char *s)
{
    size_t at = strlen(buf), n = strlen(s);
    if (at + 1 >= size)
        return;
    if (n > size - 1 - at)
        n = size - 1 - at;
    memcpy(buf + at, s, n);
    buf[at + n] = '\0';
}

/*
** "name [unit]" for a header "name[unit]", or the header itself; cut to size (a label only).
*/
static void plot_display_name(const char *header, char *buf, size_t size, char *unit,
                              size_t usize)
{
    char name[256];
    columns_unit(header, name, sizeof name, unit, usize);
    buf[0] = '\0';
    plot_cat(buf, size, name);
    if (*unit) {
        plot_cat(buf, size, " [");
        plot_cat(buf, size, unit);
        plot_cat(buf, size, "]");
    }
}

/*
** Header callback: resolves -x and -y, builds the labels, starts the ranges and the spool.
*/
static int plot_on_header(void *ud, struct csvin *r, const char *const *names, int n)
{
    struct plot_ctx *c = ud;
    const struct plot_opts *o = c->o;
    int cap = n * (o->nycols + 1) + 1, *sel, nsel = 1, i, x, common = 1;
    char bad[256], list[300], unit[64], first_unit[64] = "";

    x = o->xcol ? columns_find(names, n, o->xcol) : 0;
    /* one column and no -x: it is y, and x is the row number (read the column twice, then
    ** put the number in the first copy: plot_on_row) */
    c->by_row = n == 1 && !o->xcol;
    if (x < 0) {
        plot_name_list(names, n, list, sizeof list);
        return csvin_fail(r, "no column '%s' (columns: %s)", o->xcol, list);
    }
    sel = malloc((size_t)cap * sizeof *sel);
    if (!sel)
        return csvin_fail(r, "out of memory");
    sel[0] = x;
    if (o->nycols > 0) {
        for (i = 0; i < o->nycols; i++)
            if (columns_resolve(names, n, o->ycols[i], sel, cap, &nsel, bad, sizeof bad) != 0) {
                free(sel);
                plot_name_list(names, n, list, sizeof list);
                return csvin_fail(r, "no column '%s' (columns: %s)", bad, list);
            }
    } else {
        for (i = 0; i < n; i++)
            if (i != x || c->by_row)
                sel[nsel++] = i;
    }
    c->ny = nsel - 1;
    if (c->ny == 0) {
        free(sel);
        return csvin_fail(r, "nothing to plot: the only column is '%s'", names[x]);
    }
    if (csvin_select(r, sel, nsel) != 0) {
        free(sel);
        return -1;
    }
    c->labels = calloc((size_t)c->ny, sizeof *c->labels);
    c->row = malloc((size_t)nsel * sizeof *c->row);
    c->numbered = c->by_row ? malloc((size_t)nsel * sizeof *c->numbered) : NULL;
    if (!c->labels || !c->row || (c->by_row && !c->numbered)) {
        free(sel);
        return csvin_fail(r, "out of memory");
    }
    for (i = 0; i < c->ny; i++) {
        char name[256];
        columns_unit(names[sel[1 + i]], name, sizeof name, unit, sizeof unit);
        if (i == 0)
            snprintf(first_unit, sizeof first_unit, "%s", unit);
        if (!*unit || strcmp(unit, first_unit) != 0)
            common = 0;
    }
    if (common)
        snprintf(c->yunit, sizeof c->yunit, "%s", first_unit);
    for (i = 0; i < c->ny; i++) {
        char name[256];
        if (common)
            columns_unit(names[sel[1 + i]], name, sizeof name, unit, sizeof unit);
        else
            plot_display_name(names[sel[1 + i]], name, sizeof name, unit, sizeof unit);
        c->labels[i] = strdup(name);
        if (!c->labels[i]) {
            free(sel);
            return csvin_fail(r, "out of memory");
        }
    }
    if (c->by_row)
        snprintf(c->xlabel, sizeof c->xlabel, "row");
    else
        plot_display_name(names[x], c->xlabel, sizeof c->xlabel, unit, sizeof unit);
    free(sel);
    if (stats_init(&c->st, c->ny, o->logx, o->logy, o->xlim[0], o->xlim[1]) != 0)
        return csvin_fail(r, "out of memory");
    c->have_stats = 1;
    c->sp = plot_spool_new(nsel);
    if (!c->sp)
        return csvin_fail(r, "cannot create a temporary file: %s", strerror(errno));
    return 0;
}

/*
** Row callback: ranges and spool.
*/
static int plot_on_row(void *ud, const double *vals, int n, long line)
{
    struct plot_ctx *c = ud;
    (void)line;
    if (c->by_row) {
        memcpy(c->numbered, vals, (size_t)n * sizeof *vals);
        c->numbered[0] = (double)csvin_rows(c->r);
        vals = c->numbered;
    }
    stats_add(&c->st, vals);
    if (plot_spool_add(c->sp, vals) != 0)
        return csvin_fail(c->r, "cannot write the temporary file: %s", strerror(errno));
    return 0;
}

/*
** Frees everything the run holds.
*/
static void plot_ctx_release(struct plot_ctx *c)
{
    int i;
    if (c->env)
        for (i = 0; i < c->ny; i++)
            envelope_free(&c->env[i]);
    free(c->env);
    if (c->labels)
        for (i = 0; i < c->ny; i++)
            free(c->labels[i]);
    free(c->labels);
    free(c->row);
    free(c->numbered);
    canvas_free(&c->cv);
    plot_spool_free(&c->sp);
    if (c->have_stats)
        stats_release(&c->st);
    csvin_free(&c->r);
}

/*
** Final limits of one axis from what was asked (NaN = automatic) and the data range (NaN when
** there is no data), so that lo < hi.
*/
static void plot_limits(double glo, double ghi, double dlo, double dhi, int log, double *lo,
                        double *hi)
{
    *lo = isnan(glo) ? dlo : glo;
    *hi = isnan(ghi) ? dhi : ghi;
    if (*lo < *hi)
        return;
    if (isnan(glo) && isnan(ghi))
        scale_widen(lo, hi, log);
    else if (isnan(glo))
        *lo = log ? *hi / 10 : *hi - 1;
    else if (isnan(ghi))
        *hi = log ? *lo * 10 : *lo + 1;
    if (!(*lo < *hi))
        scale_widen(lo, hi, log);
}

/*
** The x range shown while data still arrives: the data range plus headroom on the growing
** side, kept until the data leaves it, so axes and bins do not change with every row.
*/
static void plot_view(struct plot_ctx *c, double *dlo, double *dhi)
{
    int log = c->o->logx;
    double flo, fhi, span;
    if (isnan(*dlo))
        return;
    if (c->have_view && *dlo >= c->view_lo && *dhi <= c->view_hi) {
        *dlo = c->view_lo;
        *dhi = c->view_hi;
        return;
    }
    flo = log ? log10(*dlo) : *dlo;
    fhi = log ? log10(*dhi) : *dhi;
    span = fhi - flo;
    if (!(span > 0))
        span = fabs(fhi) > 0 ? fabs(fhi) : 1;
    if (c->have_view && *dlo < c->view_lo)
        flo -= PLOT_HEADROOM * span;
    fhi += PLOT_HEADROOM * span;
    c->view_lo = log ? pow(10.0, flo) : flo;
    c->view_hi = log ? pow(10.0, fhi) : fhi;
    c->have_view = 1;
    *dlo = c->view_lo;
    *dhi = c->view_hi;
}

/*
** Both axes. live: data is still arriving (use the x view). Returns 0, or -1 after printing
** why the data cannot be drawn.
*/
static int plot_axes(struct plot_ctx *c, int live, struct scale *xs, struct scale *ys)
{
    const struct plot_opts *o = c->o;
    double dlo = c->st.xlo, dhi = c->st.xhi, lo, hi;
    if (c->st.rows == 0 && !live) {
        fprintf(stderr, "nrn-plot: %s: column '%s' has no %svalues\n", c->name, c->xlabel,
                o->logx ? "positive " : "");
        return -1;
    }
    if (live)
        plot_view(c, &dlo, &dhi);
    plot_limits(o->xlim[0], o->xlim[1], dlo, dhi, o->logx, &lo, &hi);
    if (scale_set(xs, lo, hi, o->logx) != 0)
        goto range;
    if (stats_yrange(&c->st, &dlo, &dhi) != 0) {
        if (o->logy && !live && isnan(o->xlim[0]) && isnan(o->xlim[1])) {
            fprintf(stderr, "nrn-plot: %s: no positive values to draw on a log y axis\n", c->name);
            return -1;
        }
        dlo = dhi = NAN;
    }
    plot_limits(o->ylim[0], o->ylim[1], dlo, dhi, o->logy, &lo, &hi);
    if (scale_set(ys, lo, hi, o->logy) != 0)
        goto range;
    return 0;
range:
    fprintf(stderr, "nrn-plot: %s: cannot draw the range %g to %g\n", c->name, lo, hi);
    return -1;
}

/*
** Brings the envelopes up to date for ncols columns over xs: re-bins everything when the
** columns or the scale changed, else bins only the rows spooled since last time.
*/
static int plot_bin(struct plot_ctx *c, int ncols, const struct scale *xs)
{
    long total = plot_spool_rows(c->sp);
    int i, rc;
    if (!c->env) {
        c->env = calloc((size_t)c->ny, sizeof *c->env);
        if (!c->env)
            return -1;
    }
    if (c->env_cols != ncols || !c->env[0]) {
        for (i = 0; i < c->ny; i++) {
            envelope_free(&c->env[i]);
            c->env[i] = envelope_new(ncols, xs, c->o->logy);
            if (!c->env[i])
                return -1;
        }
        c->env_cols = ncols;
        c->env_x = *xs;
        c->env_rows = 0;
    } else if (c->env_x.lo != xs->lo || c->env_x.hi != xs->hi || c->env_x.log != xs->log) {
        for (i = 0; i < c->ny; i++)
            envelope_reset(c->env[i], xs);
        c->env_x = *xs;
        c->env_rows = 0;
    }
    if (c->env_rows >= total)
        return 0;
    if (plot_spool_seek(c->sp, c->env_rows) != 0)
        return -1;
    while ((rc = plot_spool_next(c->sp, c->row)) > 0)
        for (i = 0; i < c->ny; i++)
            envelope_add(c->env[i], c->row[0], c->row[1 + i]);
    if (rc < 0)
        return -1;
    c->env_rows = total;
    return 0;
}

/*
** Draws every series point to point from the spool: for x that goes back and forth (phase
** plots), where per-column envelopes would not be the right picture.
*/
static int plot_direct(struct plot_ctx *c, const struct scale *xs, const struct scale *ys)
{
    double *prev = malloc((size_t)c->ny * 2 * sizeof *prev);
    int i, rc;
    if (!prev)
        return -1;
    for (i = 0; i < 2 * c->ny; i++)
        prev[i] = NAN;
    if (plot_spool_seek(c->sp, 0) != 0) {
        free(prev);
        return -1;
    }
    while ((rc = plot_spool_next(c->sp, c->row)) > 0)
        for (i = 0; i < c->ny; i++) {
            double px, py;
            if (trace_pixel(c->cv, xs, ys, c->row[0], c->row[1 + i], &px, &py) != 0)
                continue;
            if (isnan(prev[2 * i]))
                canvas_line(c->cv, px, py, px, py, i);
            else
                canvas_line(c->cv, prev[2 * i], prev[2 * i + 1], px, py, i);
            prev[2 * i] = px;
            prev[2 * i + 1] = py;
        }
    free(prev);
    return rc < 0 ? -1 : 0;
}

/*
** Draws one terminal frame into f. Returns 0, or -1 after printing the reason.
*/
static int plot_frame(struct plot_ctx *c, const struct scale *xs, const struct scale *ys,
                      struct frame *f)
{
    const struct plot_opts *o = c->o;
    struct chart ch;
    int i;
    memset(&ch, 0, sizeof ch);
    ch.width = o->width;
    ch.height = o->height;
    ch.title = o->title;
    ch.xlabel = c->xlabel;
    ch.yunit = *c->yunit ? c->yunit : NULL;
    ch.nseries = c->ny;
    ch.names = (const char *const *)c->labels;
    ch.ascii = o->ascii;
    ch.color = o->color;
    ch.x = *xs;
    ch.y = *ys;
    if (chart_layout(&ch) != 0) {
        fprintf(stderr, "nrn-plot: too small to plot: %dx%d cells (a plot needs at least %dx%d)\n",
                o->width, o->height, CHART_MIN_WIDTH, CHART_MIN_HEIGHT);
        return -1;
    }
    if (!c->cv || c->cv->cols != ch.plot_cols || c->cv->rows != ch.plot_rows) {
        canvas_free(&c->cv);
        c->cv = canvas_new(ch.plot_cols, ch.plot_rows, o->ascii ? CANVAS_ASCII : CANVAS_BRAILLE);
        if (!c->cv)
            goto oom;
    } else {
        canvas_clear(c->cv);
    }
    errno = 0; /* a failure below sets it; still 0 means out of memory */
    if (c->st.monotonic) {
        if (plot_bin(c, c->cv->px, xs) != 0)
            goto io;
        for (i = 0; i < c->ny; i++)
            trace_envelope(c->cv, c->env[i], ys, i);
    } else if (plot_direct(c, xs, ys) != 0) {
        goto io;
    }
    if (chart_render(&ch, c->cv, f) != 0)
        goto oom;
    return 0;
io:
    fprintf(stderr, "nrn-plot: %s: reading the temporary file: %s\n", c->name,
            errno ? strerror(errno) : "out of memory");
    return -1;
oom:
    fprintf(stderr, "nrn-plot: out of memory\n");
    return -1;
}

/* What plot_svg_write needs: the run and the laid-out picture. */
struct plot_svg_job {
    struct plot_ctx *c;
    struct svg_plot *p;
};

/*
** Writes the SVG document to out (the struct plot_svg_job ud; plot_write_out's callback).
*/
static int plot_svg_write(void *ud, FILE *out)
{
    struct plot_ctx *c = ((struct plot_svg_job *)ud)->c;
    struct svg_plot *p = ((struct plot_svg_job *)ud)->p;
    int i, rc = 0;
    if (svg_begin(p, out) != 0)
        return -1;
    if (c->st.monotonic) {
        if (plot_bin(c, svg_columns(p), &p->x) != 0)
            return -1;
        for (i = 0; i < c->ny && rc == 0; i++)
            rc = svg_envelope(p, c->env[i], i, out);
    } else {
        for (i = 0; i < c->ny && rc == 0; i++) {
            int got;
            rc = svg_points_begin(p, i, out);
            if (rc == 0 && plot_spool_seek(c->sp, 0) != 0)
                return -1;
            while (rc == 0 && (got = plot_spool_next(c->sp, c->row)) > 0)
                rc = svg_points_add(p, c->row[0], c->row[1 + i], out);
            if (rc == 0)
                rc = svg_points_end(p, out);
        }
    }
    if (rc == 0)
        rc = svg_end(p, out);
    if (fflush(out) != 0 || ferror(out))
        rc = -1;
    return rc;
}

/*
** The --svg output: written to a temporary file next to the target and renamed over it, so an
** interrupted run leaves either the old file or the new one, never half of one.
*/
static int plot_svg(struct plot_ctx *c, const struct scale *xs, const struct scale *ys)
{
    struct plot_svg_job job;
    struct svg_plot p;
    memset(&p, 0, sizeof p);
    p.width = PLOT_SVG_WIDTH;
    p.height = PLOT_SVG_HEIGHT;
    p.title = c->o->title;
    p.xlabel = c->xlabel;
    p.yunit = *c->yunit ? c->yunit : NULL;
    p.nseries = c->ny;
    p.names = (const char *const *)c->labels;
    p.x = *xs;
    p.y = *ys;
    svg_layout(&p);
    job.c = c;
    job.p = &p;
    return plot_write_out(c->o->svg, plot_svg_write, &job);
}

/*
** Reads whatever is available from fd into the reader. Returns 1 at end of input, 0 after a
** chunk, -1 on a read or parse error (message in c->err, for the caller to print when the
** screen is ready for it).
*/
static int plot_read_some(struct plot_ctx *c, int fd, char *buf)
{
    ssize_t n;
    do
        n = read(fd, buf, PLOT_READ_BUF);
    while (n < 0 && errno == EINTR);
    if (n < 0) {
        snprintf(c->err, sizeof c->err, "%s: %s", c->name, strerror(errno));
        return -1;
    }
    if (n == 0) {
        if (csvin_finish(c->r) != 0) {
            snprintf(c->err, sizeof c->err, "%s", csvin_error(c->r));
            return -1;
        }
        return 1;
    }
    if (csvin_feed(c->r, buf, (size_t)n) != 0) {
        snprintf(c->err, sizeof c->err, "%s", csvin_error(c->r));
        return -1;
    }
    return 0;
}

/*
** The final picture, once all input is in: the SVG, or the frame on stdout. f may hold the
** previous frame of a --follow run (then only changes are written).
*/
static int plot_final(struct plot_ctx *c, struct frame *prev)
{
    struct scale xs, ys;
    struct frame *f;
    int rc = 0;
    if (plot_axes(c, 0, &xs, &ys) != 0)
        return -1;
    if (c->o->svg)
        return plot_svg(c, &xs, &ys);
    f = frame_new(c->o->height);
    if (!f) {
        fprintf(stderr, "nrn-plot: out of memory\n");
        return -1;
    }
    if (plot_frame(c, &xs, &ys, f) != 0)
        rc = -1;
    else if (prev ? (frame_update(prev, f, stdout) < 0 || fputc('\n', stdout) == EOF ||
                     fflush(stdout) != 0)
                  : frame_write(f, stdout) != 0)
        rc = plot_stdout_failed();
    frame_free(&f);
    return rc;
}

/*
** --follow on a terminal: frames as rows arrive, paced by --fps, each one written as the
** difference from the last. The final frame uses the exact data range, like a plot drawn at
** the end would, and stays on screen.
*/
static int plot_follow(struct plot_ctx *c, int fd, char *buf)
{
    struct frame *prev = NULL, *cur = NULL;
    double interval = 1.0 / c->o->fps, last = -1e300;
    long drawn_rows = -1;
    int rc = 0, eof = 0;
    prev = frame_new(c->o->height);
    cur = frame_new(c->o->height);
    if (!prev || !cur) {
        fprintf(stderr, "nrn-plot: out of memory\n");
        rc = -1;
    }
    while (rc == 0 && !eof) {
        struct pollfd pfd;
        double now = plot_term_now(), wait = -1;
        long rows = c->have_stats ? plot_spool_rows(c->sp) : 0;
        int pending = rows > 0 && rows != drawn_rows;
        if (pending && now - last >= interval) {
            struct scale xs, ys;
            if (plot_axes(c, 1, &xs, &ys) != 0 || plot_frame(c, &xs, &ys, cur) != 0) {
                rc = -1;
                break;
            }
            if (frame_update(drawn_rows < 0 ? NULL : prev, cur, stdout) < 0) {
                rc = -1;
                break;
            }
            {
                struct frame *t = prev;
                prev = cur;
                cur = t;
            }
            drawn_rows = rows;
            last = now;
            pending = 0;
        }
        if (pending)
            wait = last + interval - now;
        pfd.fd = fd;
        pfd.events = POLLIN;
        if (poll(&pfd, 1, wait < 0 ? -1 : (int)(wait * 1000) + 1) < 0 && errno != EINTR) {
            rc = -1;
            break;
        }
        if (pfd.revents & (POLLIN | POLLHUP | POLLERR)) {
            int got = plot_read_some(c, fd, buf);
            if (got < 0)
                rc = -1;
            eof = got == 1;
        }
    }
    if (rc == 0) {
        rc = plot_final(c, drawn_rows < 0 ? NULL : prev);
    } else if (drawn_rows >= 0) {
        fputc('\n', stdout); /* keep the last frame; the message goes below it */
        fflush(stdout);
    }
    if (*c->err)
        fprintf(stderr, "nrn-plot: %s\n", c->err);
    frame_free(&prev);
    frame_free(&cur);
    return rc;
}

/*
** Runs the command; see plot_cli.h.
*/
int plot_run(const struct plot_opts *o, int fd, const char *name)
{
    struct plot_ctx c;
    char *buf = malloc(PLOT_READ_BUF);
    int rc = 0, got = 0;
    memset(&c, 0, sizeof c);
    c.o = o;
    c.name = name;
    c.r = csvin_new(name, o->delim, plot_on_header, plot_on_row, &c);
    if (!buf || !c.r) {
        fprintf(stderr, "nrn-plot: out of memory\n");
        free(buf);
        csvin_free(&c.r);
        return 1;
    }
    if (o->follow) {
        rc = plot_follow(&c, fd, buf);
    } else {
        while ((got = plot_read_some(&c, fd, buf)) == 0)
            ;
        if (got < 0)
            fprintf(stderr, "nrn-plot: %s\n", c.err);
        rc = got < 0 ? -1 : plot_final(&c, NULL);
    }
    plot_ctx_release(&c);
    free(buf);
    return rc == 0 ? 0 : 1;
}
