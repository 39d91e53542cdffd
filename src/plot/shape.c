/*
** shape.c: the cell drawn from its pieces (morph_layout.c), as NEURON's PlotShape shows it:
** projected on a plane, each segment coloured by a value on a fixed scale, with a scale bar
** and a colour bar.
**
** Text frame, top to bottom:
**     header: title at the left, the view ("xy") at the right
**     the cell: braille dots (2x4 per cell, square dots) or one ASCII character per cell (a
**               cell is twice as high as wide, so the vertical scale is halved); a thick piece
**               (soma) is drawn as parallel lines across its diameter
**     footer: scale bar at the left, colour bar at the right
** A cell shows one colour, that of the piece drawn in it last. The ramp has SHAPE_LEVELS steps
** of the ANSI 256-colour cube from blue (low) through cyan, green and yellow to red (high),
** like NEURON's default colour scale; values beyond the scale take the end colours. In ASCII
** the steps are the digits 0 to 8, so the picture reads without colour too.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plot.h"

#define SHAPE_NONE SHAPE_LEVELS /* canvas owner of pieces without a value */

/* The ramp: ANSI 256-colour numbers and their RGB. */
static const int shape_codes[SHAPE_LEVELS] = { 21, 33, 45, 48, 46, 154, 226, 208, 196 };
static const unsigned char shape_rgbs[SHAPE_LEVELS][3] = {
    { 0, 0, 255 },   { 0, 135, 255 }, { 0, 215, 255 }, { 0, 255, 135 }, { 0, 255, 0 },
    { 175, 255, 0 }, { 255, 255, 0 }, { 255, 135, 0 }, { 255, 0, 0 },
};

int shape_level(double v, double lo, double hi)
{
    double u;
    int k;
    if (isnan(v))
        return -1;
    u = hi > lo ? (v - lo) / (hi - lo) : 0.5;
    if (u < 0)
        u = 0;
    if (u > 1)
        u = 1;
    k = (int)floor(u * SHAPE_LEVELS);
    return k >= SHAPE_LEVELS ? SHAPE_LEVELS - 1 : k;
}

int shape_ansi(int level)
{
    if (level < 0)
        level = 0;
    if (level >= SHAPE_LEVELS)
        level = SHAPE_LEVELS - 1;
    return shape_codes[level];
}

void shape_rgb(double u, char out[8])
{
    double f;
    int k, c[3], q;
    if (!(u > 0))
        u = 0;
    if (u > 1)
        u = 1;
    f = u * (SHAPE_LEVELS - 1);
    k = (int)floor(f);
    if (k >= SHAPE_LEVELS - 1)
        k = SHAPE_LEVELS - 2;
    f -= k;
    for (q = 0; q < 3; q++)
        c[q] = (int)lround(shape_rgbs[k][q] + f * (shape_rgbs[k + 1][q] - shape_rgbs[k][q]));
    snprintf(out, 8, "#%02x%02x%02x", (unsigned)c[0] & 0xff, (unsigned)c[1] & 0xff,
             (unsigned)c[2] & 0xff);
}

char shape_ascii(int level)
{
    return level >= 0 && level < SHAPE_LEVELS ? (char)('0' + level) : '*';
}

void shape_project(int view, const double p[3], double *u, double *v)
{
    switch (view) {
    case SHAPE_XZ:
        *u = p[0];
        *v = p[2];
        break;
    case SHAPE_YZ:
        *u = p[1];
        *v = p[2];
        break;
    default:
        *u = p[0];
        *v = p[1];
        break;
    }
}

const char *shape_view_name(int view)
{
    return view == SHAPE_XZ ? "xz" : view == SHAPE_YZ ? "yz" : "xy";
}

int shape_auto_view(const struct morph_piece *pc, int n)
{
    double lo[3] = { HUGE_VAL, HUGE_VAL, HUGE_VAL }, hi[3] = { -HUGE_VAL, -HUGE_VAL, -HUGE_VAL };
    double ext[3];
    int i, q, drop = 2;
    for (i = 0; i < n; i++)
        for (q = 0; q < 3; q++) {
            double a = pc[i].a[q], b = pc[i].b[q];
            if (a < lo[q]) lo[q] = a;
            if (b < lo[q]) lo[q] = b;
            if (a > hi[q]) hi[q] = a;
            if (b > hi[q]) hi[q] = b;
        }
    for (q = 0; q < 3; q++)
        ext[q] = n > 0 ? hi[q] - lo[q] : 0;
    /* leave out the axis with the smallest extent (the last of equals) */
    for (q = 1; q >= 0; q--)
        if (ext[q] < ext[drop])
            drop = q;
    return drop == 2 ? SHAPE_XY : drop == 1 ? SHAPE_XZ : SHAPE_YZ;
}

void shape_fit_pieces(struct shape_fit *f, const struct morph_piece *pc, int n, int view,
                      double w, double h, double aspect)
{
    double umin = HUGE_VAL, umax = -HUGE_VAL, vmin = HUGE_VAL, vmax = -HUGE_VAL, su, sv;
    int i, e;
    for (i = 0; i < n; i++)
        for (e = 0; e < 2; e++) {
            double u, v, r = pc[i].diam / 2;
            shape_project(view, e ? pc[i].b : pc[i].a, &u, &v);
            if (u - r < umin) umin = u - r;
            if (u + r > umax) umax = u + r;
            if (v - r < vmin) vmin = v - r;
            if (v + r > vmax) vmax = v + r;
        }
    if (n == 0) {
        umin = vmin = 0;
        umax = vmax = 1;
    }
    su = umax - umin;
    sv = vmax - vmin;
    if (!(su > 0) && !(sv > 0))
        su = sv = 1;
    f->aspect = aspect;
    f->upp = su / (w > 1 ? w - 1 : 1);
    if (sv / ((h > 1 ? h - 1 : 1) * aspect) > f->upp)
        f->upp = sv / ((h > 1 ? h - 1 : 1) * aspect);
    f->umin = umin;
    f->vmax = vmax;
    f->ox = ((w - 1) - su / f->upp) / 2;
    f->oy = ((h - 1) - sv / (f->upp * aspect)) / 2;
}

void shape_fit_map(const struct shape_fit *f, double u, double v, double *x, double *y)
{
    *x = f->ox + (u - f->umin) / f->upp;
    *y = f->oy + (f->vmax - v) / (f->upp * f->aspect);
}

/* The colour step of piece i, or SHAPE_NONE. */
static int shape_owner(const struct shape_plot *p, int i)
{
    int k = p->value ? shape_level(p->value[i], p->lo, p->hi) : -1;
    return k < 0 ? SHAPE_NONE : k;
}

/*
** Draws one piece: a line, or parallel lines across its diameter when that is wider than a
** pixel; a piece seen end-on is a filled disc.
*/
static void shape_draw_piece(struct canvas *cv, const struct shape_fit *f, int view,
                             const struct morph_piece *pc, int owner)
{
    double au, av, bu, bv, du, dv, len, r = pc->diam / 2, x0, y0, x1, y1;
    int k, n;
    shape_project(view, pc->a, &au, &av);
    shape_project(view, pc->b, &bu, &bv);
    du = bu - au;
    dv = bv - av;
    len = sqrt(du * du + dv * dv);
    n = (int)ceil(2 * r / f->upp);
    if (n <= 1) {
        shape_fit_map(f, au, av, &x0, &y0);
        shape_fit_map(f, bu, bv, &x1, &y1);
        canvas_line(cv, x0, y0, x1, y1, owner);
        return;
    }
    if (n > 4 * (cv->px + cv->py))
        n = 4 * (cv->px + cv->py);
    for (k = 0; k <= n; k++) {
        double o = -r + 2 * r * k / n;
        if (len > 1e-12) {
            double nu = -dv / len * o, nv = du / len * o;
            shape_fit_map(f, au + nu, av + nv, &x0, &y0);
            shape_fit_map(f, bu + nu, bv + nv, &x1, &y1);
        } else {
            double half = sqrt(r * r - o * o);
            shape_fit_map(f, au - half, av + o, &x0, &y0);
            shape_fit_map(f, au + half, av + o, &x1, &y1);
        }
        canvas_line(cv, x0, y0, x1, y1, owner);
    }
}

/* Appends an SGR sequence. */
static int shape_sgr(struct frame *fr, int row, const char *seq)
{
    char buf[24];
    int n = snprintf(buf, sizeof buf, "\033[%sm", seq);
    return frame_put(fr, row, buf, (size_t)n);
}

double shape_scalebar(double maxlen)
{
    double s;
    if (!(maxlen > 0))
        return 0;
    s = ticks_step_floor(maxlen);
    return s;
}

/* Formats a colour bar end. */
static void shape_num(double v, char *buf, size_t n)
{
    snprintf(buf, n, "%.4g", v);
    if (strcmp(buf, "-0") == 0)
        snprintf(buf, n, "0");
}

/*
** The footer: scale bar "├───┤ 100 µm" at the left and, with values, the colour bar
** "v [mV] -80 ▇▇▇▇▇▇▇▇▇ 40" at the right. Returns 0, or -1 when out of memory.
*/
static int shape_footer(const struct shape_plot *p, const struct shape_fit *f, int dots_x,
                        int cols, struct frame *fr, int row)
{
    char label[64], lo[24], hi[24], bar[256];
    int rc = 0, used = 0, k, barw = 0, i;
    double cell_um = f->upp * dots_x, len = shape_scalebar(cell_um * (cols / 4));
    /* colour bar text, built first to know its width */
    bar[0] = '\0';
    if (p->value) {
        shape_num(p->lo, lo, sizeof lo);
        shape_num(p->hi, hi, sizeof hi);
        snprintf(label, sizeof label, "%s", p->label ? p->label : "");
        barw = (int)utf8_width(label) + (*label ? 1 : 0) + (int)strlen(lo) + 1 + SHAPE_LEVELS + 1 +
               (int)strlen(hi);
        if (!p->ascii && !p->color)
            barw += 14; /* " (colours off)" */
    }
    k = len > 0 ? (int)lround(len / cell_um) : 0;
    if (k >= 2) {
        char txt[48];
        snprintf(txt, sizeof txt, " %g %s", len, p->ascii ? "um" : "\xc2\xb5m");
        if (k + (int)utf8_width(txt) + (barw ? barw + 3 : 0) <= cols) {
            if (p->ascii) {
                rc |= frame_puts(fr, row, "|");
                for (i = 0; i < k - 2; i++)
                    rc |= frame_puts(fr, row, "-");
                rc |= frame_puts(fr, row, "|");
            } else {
                rc |= frame_puts(fr, row, "\xe2\x94\x9c"); /* ├ */
                for (i = 0; i < k - 2; i++)
                    rc |= frame_puts(fr, row, "\xe2\x94\x80"); /* ─ */
                rc |= frame_puts(fr, row, "\xe2\x94\xa4"); /* ┤ */
            }
            rc |= frame_puts(fr, row, txt);
            used = k + (int)utf8_width(txt);
        }
    }
    if (p->value && barw <= cols - used - (used ? 3 : 0)) {
        rc |= frame_pad(fr, row, (size_t)(cols - used - barw));
        if (*label) {
            rc |= frame_puts(fr, row, label);
            rc |= frame_puts(fr, row, " ");
        }
        rc |= frame_puts(fr, row, lo);
        rc |= frame_puts(fr, row, " ");
        for (i = 0; i < SHAPE_LEVELS; i++) {
            if (p->ascii) {
                char c[2] = { shape_ascii(i), '\0' };
                if (p->color) {
                    snprintf(bar, sizeof bar, "38;5;%d", shape_ansi(i));
                    rc |= shape_sgr(fr, row, bar);
                }
                rc |= frame_puts(fr, row, c);
            } else {
                if (p->color) {
                    snprintf(bar, sizeof bar, "38;5;%d", shape_ansi(i));
                    rc |= shape_sgr(fr, row, bar);
                }
                rc |= frame_puts(fr, row, "\xe2\x96\x88"); /* █ */
            }
        }
        if (p->color)
            rc |= shape_sgr(fr, row, "0");
        rc |= frame_puts(fr, row, " ");
        rc |= frame_puts(fr, row, hi);
        if (!p->ascii && !p->color)
            rc |= frame_puts(fr, row, " (colours off)");
    }
    return rc;
}

int shape_render(const struct shape_plot *p, struct frame *fr)
{
    int cols = p->width - 1, rows = p->height - 2, r, c, i, rc = 0, dots_x, cur = -1;
    struct canvas *cv;
    struct shape_fit f;
    const char *view = shape_view_name(p->view);
    if (p->width < CHART_MIN_WIDTH || p->height < CHART_MIN_HEIGHT)
        return -2;
    cv = canvas_new(cols, rows, p->ascii ? CANVAS_ASCII : CANVAS_BRAILLE);
    if (!cv)
        return -1;
    dots_x = p->ascii ? 1 : BRAILLE_DOTS_X;
    shape_fit_pieces(&f, p->pc, p->npc, p->view, cv->px, cv->py, p->ascii ? 2.0 : 1.0);
    for (i = 0; i < p->npc; i++)
        shape_draw_piece(cv, &f, p->view, &p->pc[i], shape_owner(p, i));
    frame_clear(fr);
    /* header */
    {
        int vw = (int)strlen(view) + 5, tw = p->title ? (int)utf8_width(p->title) : 0;
        if (tw > cols - vw - 1)
            tw = cols - vw - 1;
        if (tw > 0) {
            if (p->color)
                rc |= shape_sgr(fr, 0, "1");
            rc |= frame_put(fr, 0, p->title, utf8_prefix(p->title, (size_t)tw));
            if (p->color)
                rc |= shape_sgr(fr, 0, "0");
        }
        rc |= frame_pad(fr, 0, (size_t)(cols - vw - (tw > 0 ? tw : 0)));
        rc |= frame_puts(fr, 0, "view ");
        rc |= frame_puts(fr, 0, view);
    }
    for (r = 0; r < rows; r++) {
        int last;
        for (last = cols - 1; last >= 0; last--)
            if (cv->dots[(size_t)r * (size_t)cols + (size_t)last])
                break;
        cur = -1;
        for (c = 0; c <= last; c++) {
            size_t cell = (size_t)r * (size_t)cols + (size_t)c;
            int owner = cv->owner[cell];
            char g[4];
            int n;
            if (!cv->dots[cell]) {
                rc |= frame_pad(fr, 1 + r, 1);
                continue;
            }
            if (p->color && owner != cur) {
                char seq[16];
                if (owner < SHAPE_NONE)
                    snprintf(seq, sizeof seq, "38;5;%d", shape_ansi(owner));
                else
                    snprintf(seq, sizeof seq, "0");
                rc |= shape_sgr(fr, 1 + r, seq);
                cur = owner;
            }
            if (p->ascii) {
                g[0] = shape_ascii(owner < SHAPE_NONE ? owner : -1);
                n = 1;
            } else {
                n = braille_utf8(cv->dots[cell], g);
            }
            rc |= frame_put(fr, 1 + r, g, (size_t)n);
        }
        if (p->color && cur >= 0 && cur != SHAPE_NONE)
            rc |= shape_sgr(fr, 1 + r, "0");
    }
    rc |= shape_footer(p, &f, dots_x, cols, fr, p->height - 1);
    canvas_free(&cv);
    frame_trim(fr);
    return rc ? -1 : 0;
}

int shape_svg(const struct shape_plot *p, FILE *out)
{
    const double pad = 12, top = 36, foot = 44;
    double w = p->width, h = p->height, aw = w - 2 * pad, ah = h - top - foot - pad, len, sx;
    struct shape_fit f;
    char col[8];
    int i;
    if (aw < 10)
        aw = 10;
    if (ah < 10)
        ah = 10;
    shape_fit_pieces(&f, p->pc, p->npc, p->view, aw, ah, 1.0);
    fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                 "viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" font-size=\"12\">\n",
            w, h, w, h);
    fprintf(out, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
    if (p->title && *p->title) {
        fprintf(out, "<text x=\"%.2f\" y=\"%.2f\" font-size=\"15\" font-weight=\"bold\">", pad,
                pad + 14);
        svg_text(out, p->title);
        fputs("</text>\n", out);
    }
    fprintf(out, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"end\">view %s</text>\n", w - pad,
            pad + 14, shape_view_name(p->view));
    fprintf(out, "<g transform=\"translate(%.2f %.2f)\" fill=\"none\" stroke-linecap=\"round\">\n",
            pad, top);
    for (i = 0; i < p->npc; i++) {
        double au, av, bu, bv, x0, y0, x1, y1, sw = p->pc[i].diam / f.upp;
        int lv = p->value ? shape_level(p->value[i], p->lo, p->hi) : -1;
        shape_project(p->view, p->pc[i].a, &au, &av);
        shape_project(p->view, p->pc[i].b, &bu, &bv);
        shape_fit_map(&f, au, av, &x0, &y0);
        shape_fit_map(&f, bu, bv, &x1, &y1);
        if (lv >= 0) {
            double u = p->hi > p->lo ? (p->value[i] - p->lo) / (p->hi - p->lo) : 0.5;
            shape_rgb(u, col);
        } else {
            snprintf(col, sizeof col, "#000000");
        }
        fprintf(out, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\" "
                     "stroke-width=\"%.2f\"/>\n",
                x0, y0, x1, y1, col, sw < 0.75 ? 0.75 : sw);
    }
    fputs("</g>\n", out);
    /* scale bar, bottom left */
    len = shape_scalebar(aw / 4 * f.upp);
    sx = len / f.upp;
    if (len > 0) {
        double y = h - pad - 16;
        fprintf(out, "<g stroke=\"black\" stroke-width=\"2\"><line x1=\"%.2f\" y1=\"%.2f\" "
                     "x2=\"%.2f\" y2=\"%.2f\"/></g>\n",
                pad, y, pad + sx, y);
        fprintf(out, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"middle\">%g \xc2\xb5m</text>\n",
                pad + sx / 2, y + 16, len);
    }
    /* colour bar, bottom right */
    if (p->value) {
        double bw = 200, bx = w - pad - bw, by = h - pad - 30;
        char lo[24], hi[24];
        fputs("<defs><linearGradient id=\"ramp\" x1=\"0\" x2=\"1\" y1=\"0\" y2=\"0\">\n", out);
        for (i = 0; i < SHAPE_LEVELS; i++) {
            shape_rgb((double)i / (SHAPE_LEVELS - 1), col);
            fprintf(out, "<stop offset=\"%.4f\" stop-color=\"%s\"/>\n",
                    (double)i / (SHAPE_LEVELS - 1), col);
        }
        fputs("</linearGradient></defs>\n", out);
        fprintf(out, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"12\" fill=\"url(#ramp)\" "
                     "stroke=\"black\" stroke-width=\"0.5\"/>\n",
                bx, by, bw);
        shape_num(p->lo, lo, sizeof lo);
        shape_num(p->hi, hi, sizeof hi);
        fprintf(out, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"start\">%s</text>\n", bx, by + 26, lo);
        fprintf(out, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"end\">%s</text>\n", bx + bw, by + 26,
                hi);
        if (p->label && *p->label) {
            fprintf(out, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"end\">", bx - 8, by + 11);
            svg_text(out, p->label);
            fputs("</text>\n", out);
        }
    }
    fputs("</svg>\n", out);
    return ferror(out) ? -1 : 0;
}
