/*
** views.c: the two other views of the view pane. The shape: the cell drawn by the plotting
** library's shape code (src/plot/morph*.c, shape.c, as nrn-plot shape draws it), read from
** the model's own model CSV, each segment coloured by its v at the current time (values
** read through value paths resolved once per model change). The summary: nrn-build
** --summary's text (src/cli/build/build_summary.c), as NEURON's ModelView lists the model.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ansi.h"
#include "build_summary.h"
#include "numfmt.h"
#include "plot.h"
#include "tui.h"

/* Drops the shape so that the next picture rebuilds it. */
static void views_drop_shape(struct views *v)
{
    morph_free(&v->morph);
    free(v->segref);
    free(v->pc);
    free(v->val);
    v->segref = NULL;
    v->pc = NULL;
    v->val = NULL;
    v->npc = 0;
}

void views_free(struct views *v)
{
    views_drop_shape(v);
    free(v->summary);
    v->summary = NULL;
    frame_free(&v->frame);
    frame_free(&v->selframe);
}

/* The variable the shape shows. */
static const char *views_var(const struct views *v)
{
    return v->var[0] ? v->var : "v";
}

/* Builds the shape from the model CSV of m. Returns 0 or -1. */
static int views_build_shape(struct views *v, nrn_model *m)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    int rc = -1;

    views_drop_shape(v);
    if (!fp)
        return -1;
    if (nrn_model_write_csv(m, fp) != NRN_OK) {
        fclose(fp);
        free(buf);
        return -1;
    }
    fclose(fp);
    v->morph = morph_new("model");
    if (v->morph && morph_feed(v->morph, buf, len) == 0 && morph_finish(v->morph) == 0) {
        struct morph *mo = v->morph;
        v->segref = calloc((size_t)mo->nseg_total + 1, sizeof *v->segref);
        v->npc = morph_pieces(mo, &v->pc);
        v->val = malloc(sizeof *v->val * (size_t)(v->npc > 0 ? v->npc : 1));
        if (v->segref && v->npc >= 0 && v->val) {
            rc = 0;
            for (int i = 0; i < mo->nsec; i++) {
                const struct morph_sec *s = &mo->sec[i];
                for (int j = 0; j < s->nseg; j++) {
                    double x = (j + 0.5) / s->nseg;
                    char path[320], xb[NUMFMT_BUFSIZE];
                    nrn_ref *r = &v->segref[mo->seg0[i] + j];
                    snprintf(path, sizeof path, "%s(%s).%s", s->name,
                             numfmt_double(xb, s->childend ? 1 - x : x, 0), views_var(v));
                    if (nrn_ref_lookup(m, path, r) != NRN_OK)
                        r->kind = -1;
                }
            }
        }
    }
    free(buf);
    if (rc != 0)
        views_drop_shape(v);
    v->morph_dirty = 0;
    return rc;
}

struct frame *views_shape(struct views *v, nrn_model *m, int w, int h, int ascii, int color,
                          const char **hint)
{
    struct shape_plot p;
    char title[256], label[192];
    double lo = HUGE_VAL, hi = -HUGE_VAL;
    int r;

    *hint = NULL;
    if (nrn_section_count(m) == 0) {
        *hint = "no sections to draw";
        return NULL;
    }
    if ((v->morph_dirty || !v->morph) && views_build_shape(v, m) != 0) {
        *hint = "cannot draw this model's shape";
        return NULL;
    }
    for (int i = 0; i < v->npc; i++) {
        const nrn_ref *ref = &v->segref[v->morph->seg0[v->pc[i].sec] + v->pc[i].seg];
        if (ref->kind < 0 || nrn_ref_get(m, ref, &v->val[i]) != NRN_OK)
            v->val[i] = NAN;
        if (v->val[i] < lo)
            lo = v->val[i];
        if (v->val[i] > hi)
            hi = v->val[i];
    }
    /* v on the scale of NEURON's PlotShape; anything else on the range of its values now */
    if (strcmp(views_var(v), "v") == 0) {
        lo = -80;
        hi = 40;
    } else if (!(lo < hi)) {
        if (!(lo <= hi))
            lo = hi = 0;
        scale_widen(&lo, &hi, 0);
    }
    memset(&p, 0, sizeof p);
    snprintf(title, sizeof title, "%s at t = %g ms", views_var(v), nrn_time(m));
    snprintf(label, sizeof label, "%s%s", views_var(v), strcmp(views_var(v), "v") ? "" : " [mV]");
    p.width = w;
    p.height = h;
    p.title = title;
    p.ascii = ascii;
    p.color = color;
    p.view = shape_auto_view(v->pc, v->npc);
    p.pc = v->pc;
    p.npc = v->npc;
    p.value = v->val;
    p.lo = lo;
    p.hi = hi;
    p.label = label;
    if (v->frame && v->frame->rows != h)
        frame_free(&v->frame);
    if (!v->frame && (v->frame = frame_new(h)) == NULL)
        return NULL;
    frame_clear(v->frame);
    r = shape_render(&p, v->frame);
    if (r != 0) {
        *hint = r == -2 ? "too small for the shape (z zooms this pane)" : "out of memory";
        return NULL;
    }
    return v->frame;
}

const char *views_summary(struct views *v, nrn_model *m)
{
    if (v->summary_dirty || !v->summary) {
        char *buf = NULL;
        size_t len = 0;
        FILE *fp = open_memstream(&buf, &len);
        free(v->summary);
        v->summary = NULL;
        if (fp) {
            build_summary(m, fp);
            fclose(fp);
            v->summary = buf;
        }
        v->summary_dirty = 0;
    }
    return v->summary ? v->summary : "";
}

int views_shape_marks(struct views *v, const char *sec, int w, int h, int ascii, int *cells,
                      int max)
{
    struct shape_plot p;
    int idx, n = 0;
    double *sel;
    if (!v->morph || !sec || !v->frame || (idx = morph_find(v->morph, sec)) < 0)
        return 0;
    /* the same picture with a value on the section's pieces only: the cells it colours */
    if ((sel = malloc(sizeof *sel * (size_t)(v->npc > 0 ? v->npc : 1))) == NULL)
        return 0;
    for (int i = 0; i < v->npc; i++)
        sel[i] = v->pc[i].sec == idx ? 0 : NAN;
    memset(&p, 0, sizeof p);
    p.width = w;
    p.height = h;
    p.ascii = ascii;
    p.color = 1;
    p.view = shape_auto_view(v->pc, v->npc);
    p.pc = v->pc;
    p.npc = v->npc;
    p.value = sel;
    p.lo = -1;
    p.hi = 1;
    if (v->selframe && v->selframe->rows != h)
        frame_free(&v->selframe);
    if ((v->selframe || (v->selframe = frame_new(h)) != NULL) &&
        shape_render(&p, v->selframe) == 0) {
        /* lines 1 .. h-2 hold the drawing (0 is the title, the last the scale bar) */
        for (int r = 1; r < h - 1 && r < v->selframe->rows; r++) {
            const char *q = v->selframe->line[r];
            struct ansi_span sp;
            int fg = -1, bold = 0, col = 0;
            while (ansi_next(&q, &sp, &fg, &bold))
                for (size_t k = 0; k < sp.len; k++) {
                    if ((sp.text[k] & 0xC0) == 0x80)
                        continue; /* inside a braille character */
                    if (sp.fg >= 0 && sp.text[k] != ' ' && n < max) {
                        cells[2 * n] = r;
                        cells[2 * n + 1] = col;
                        n++;
                    }
                    col++;
                }
        }
    }
    free(sel);
    return n;
}
