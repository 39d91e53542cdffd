/*
** traces.c: the live traces: every recorded column (t excepted) against t, drawn with the
** plotting library (src/plot: envelope, canvas, chart) into a text frame that draw.c paints.
** Each series is binned into an envelope of one column per dot; only the samples that
** arrived since the last picture are added, so a picture during a run costs the new
** samples plus the canvas, not the whole history. The x axis runs from 0 to tstop (or t,
** past tstop), the y axis fits every sample so far.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plot.h"
#include "tui.h"

/* Forgets the binned samples (the x axis or the columns changed, or a new run began). */
static void traces_rebin(struct traces *tr)
{
    for (int i = 0; i < TRACES_MAX; i++)
        envelope_free(&tr->env[i]);
    tr->done = 0;
    tr->px = 0;
}

static void traces_clear(struct traces *tr)
{
    traces_rebin(tr);
    for (int i = 0; i < TRACES_MAX; i++) {
        free(tr->name[i]);
        tr->name[i] = NULL;
    }
    tr->n = tr->more = 0;
    tr->trec = -1;
    tr->ydone = 0;
    tr->lo = HUGE_VAL;
    tr->hi = -HUGE_VAL;
    tr->xhi = 0;
}

void traces_free(struct traces *tr)
{
    traces_clear(tr);
    frame_free(&tr->frame);
}

/* Picks the series from the record columns. */
static void traces_columns(struct traces *tr, nrntcl *st)
{
    int n = nrntcl_columns(st, NULL, 0);
    int *ids = malloc(sizeof *ids * (size_t)(n + 1));
    traces_clear(tr);
    tr->gen = nrntcl_columns_gen(st);
    if (!ids)
        return;
    nrntcl_columns(st, ids, n);
    for (int i = 0; i < n; i++) {
        const char *name = nrntcl_column_name(st, ids[i]);
        if (tr->trec < 0 && name && strcmp(name, "t") == 0)
            tr->trec = ids[i];
        else if (tr->n < TRACES_MAX)
            tr->rec[tr->n] = ids[i], tr->name[tr->n++] = strdup(name ? name : "?");
        else
            tr->more++;
    }
    free(ids);
}

/* The time of sample k. */
static double traces_t(const struct traces *tr, nrn_model *m, size_t k, double dt)
{
    if (tr->trec >= 0)
        return nrn_record_data(m, tr->trec)[k];
    return (double)k * dt;
}

struct frame *traces_render(struct traces *tr, nrntcl *st, nrn_model *m, int w, int h,
                            int ascii, int color, const char **hint)
{
    struct chart ch;
    struct canvas *cv;
    size_t len = (size_t)-1;
    double dt = 0.025, tstop = 5, xhi;
    char legend[TRACES_MAX + 1][160];
    const char *names[TRACES_MAX + 1];

    *hint = NULL;
    if (tr->gen != nrntcl_columns_gen(st) || (tr->n == 0 && nrntcl_columns(st, NULL, 0) > 0))
        traces_columns(tr, st);
    if (tr->n == 0) {
        *hint = "nothing recorded: press a to trace v of the selected segment";
        return NULL;
    }
    for (int i = 0; i < tr->n; i++)
        if (nrn_record_len(m, tr->rec[i]) < len)
            len = nrn_record_len(m, tr->rec[i]);
    if (tr->trec >= 0 && nrn_record_len(m, tr->trec) < len)
        len = nrn_record_len(m, tr->trec);
    if (len < tr->done || len < tr->ydone) { /* a new run: start over */
        traces_rebin(tr);
        tr->ydone = 0;
        tr->lo = HUGE_VAL;
        tr->hi = -HUGE_VAL;
    }
    nrn_get(m, "dt", &dt);
    nrn_get(m, "tstop", &tstop);
    xhi = tstop > 0 ? tstop : 1;
    if (len > 0 && traces_t(tr, m, len - 1, dt) > xhi)
        xhi = traces_t(tr, m, len - 1, dt);
    if (xhi != tr->xhi) {
        traces_rebin(tr);
        tr->xhi = xhi;
    }
    for (size_t k = tr->ydone; k < len; k++)
        for (int i = 0; i < tr->n; i++) {
            double y = nrn_record_data(m, tr->rec[i])[k];
            if (y < tr->lo)
                tr->lo = y;
            if (y > tr->hi)
                tr->hi = y;
        }
    tr->ydone = len;

    memset(&ch, 0, sizeof ch);
    ch.width = w;
    ch.height = h;
    ch.xlabel = "t [ms]";
    ch.nseries = tr->n + (tr->more > 0);
    for (int i = 0; i < tr->n; i++)
        names[i] = tr->name[i];
    if (tr->more > 0) {
        snprintf(legend[TRACES_MAX], sizeof legend[0], "(%d more not drawn)", tr->more);
        names[tr->n] = legend[TRACES_MAX];
    }
    ch.names = names;
    ch.ascii = ascii;
    ch.color = color;
    {
        double lo = tr->lo, hi = tr->hi;
        if (!(lo <= hi))
            lo = -80, hi = 40;
        scale_widen(&lo, &hi, 0);
        if (scale_set(&ch.y, lo, hi, 0) != 0)
            scale_set(&ch.y, -1, 1, 0);
    }
    scale_set(&ch.x, 0, tr->xhi, 0);
    if (chart_layout(&ch) != 0) {
        *hint = "too small for the traces (z zooms this pane)";
        return NULL;
    }
    {
        int px = ch.plot_cols * (ascii ? 1 : BRAILLE_DOTS_X);
        if (px != tr->px)
            traces_rebin(tr);
        tr->px = px;
        for (int i = 0; i < tr->n; i++)
            if (!tr->env[i] && (tr->env[i] = envelope_new(px, &ch.x, 0)) == NULL)
                return NULL;
    }
    for (size_t k = tr->done; k < len; k++) {
        double t = traces_t(tr, m, k, dt);
        for (int i = 0; i < tr->n; i++)
            envelope_add(tr->env[i], t, nrn_record_data(m, tr->rec[i])[k]);
    }
    tr->done = len;

    cv = canvas_new(ch.plot_cols, ch.plot_rows, ascii ? CANVAS_ASCII : CANVAS_BRAILLE);
    if (!cv)
        return NULL;
    for (int i = 0; i < tr->n; i++)
        trace_envelope(cv, tr->env[i], &ch.y, i);
    if (tr->frame && tr->frame->rows != h)
        frame_free(&tr->frame);
    if (!tr->frame && (tr->frame = frame_new(h)) == NULL) {
        canvas_free(&cv);
        return NULL;
    }
    frame_clear(tr->frame);
    if (chart_render(&ch, cv, tr->frame) != 0) {
        canvas_free(&cv);
        return NULL;
    }
    canvas_free(&cv);
    return tr->frame;
}
