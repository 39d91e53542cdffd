/*
** svg.c: writes the plot as a standalone SVG document, for papers and slides.
**
** It draws what the terminal shows (same scales, same round ticks, same series colours in the
** same order, legend) at print resolution. Series come either from envelopes with one column
** per px of plot width, which keeps files small and spikes intact whatever the input length, or
** as point-by-point paths when x is not monotonic. Text sizes are estimated (7 px per character
** at 12 px sans-serif) since the writer cannot measure fonts.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "plot.h"

#define SVG_FONT 12.0     /* px, labels */
#define SVG_CHAR 7.0      /* px, estimated width of one label character */
#define SVG_PAD 12.0      /* px, outer padding */
#define SVG_TICK 5.0      /* px, tick mark length */
#define SVG_FAR 1e6       /* px, where out-of-range coordinates are pinned (clipped anyway) */

/*
** Colour of series i; the first six match the terminal's ANSI colours in hue and order.
*/
const char *svg_color(int series)
{
    static const char *const colors[] = {
        "#1f77b4", "#d62728", "#2ca02c", "#c9a400", "#9467bd", "#17becf",
        "#ff7f0e", "#8c564b", "#e377c2", "#7f7f7f", "#000000", "#bcbd22",
    };
    return colors[(series < 0 ? 0 : series) % 12];
}

/*
** Writes s as XML character data: markup characters escaped, control characters and bytes
** that are not valid UTF-8 replaced (a document with them would not parse).
*/
int svg_text(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n = 0, i, ok = 1;
        if (*p < 0x80)
            n = 1;
        else if ((*p & 0xE0) == 0xC0 && *p >= 0xC2)
            n = 2;
        else if ((*p & 0xF0) == 0xE0)
            n = 3;
        else if ((*p & 0xF8) == 0xF0 && *p <= 0xF4)
            n = 4;
        else
            ok = 0;
        for (i = 1; ok && i < n; i++)
            if ((p[i] & 0xC0) != 0x80)
                ok = 0;
        if (!ok) {
            if (fputc('?', out) == EOF)
                return -1;
            p++;
            continue;
        }
        if (n > 1) {
            if (fwrite(p, 1, (size_t)n, out) != (size_t)n)
                return -1;
        } else if (*p == '&') {
            fputs("&amp;", out);
        } else if (*p == '<') {
            fputs("&lt;", out);
        } else if (*p == '>') {
            fputs("&gt;", out);
        } else if (*p == '"') {
            fputs("&quot;", out);
        } else if (*p < 0x20 || *p == 0x7F) {
            fputc(' ', out);
        } else {
            fputc(*p, out);
        }
        p += n;
    }
    return ferror(out) ? -1 : 0;
}

/* Horizontal position of a data value in px, pinned far outside when off the axis. */
static double svg_x(const struct svg_plot *p, double x)
{
    double v = p->left + scale_unit(&p->x, x) * p->pw;
    return v < -SVG_FAR ? -SVG_FAR : v > SVG_FAR ? SVG_FAR : v;
}
/* Vertical position of a data value in px (down from the top), pinned likewise. */
static double svg_y(const struct svg_plot *p, double y)
{
    double v = p->top + (1 - scale_unit(&p->y, y)) * p->ph;
    return v < -SVG_FAR ? -SVG_FAR : v > SVG_FAR ? SVG_FAR : v;
}

/*
** Places the plot area from the estimated label sizes, then picks ticks for its size.
*/
void svg_layout(struct svg_plot *p)
{
    int i, lw = 0;
    ticks_choose(&p->y, (int)(p->height / 60) + 2, &p->yt);
    for (i = 0; i < p->yt.n; i++) {
        int l = (int)strlen(p->yt.label[i]);
        if (l > lw)
            lw = l;
    }
    p->left = SVG_PAD + lw * SVG_CHAR + SVG_TICK + 6;
    p->top = SVG_PAD + ((p->title && *p->title) || (p->yunit && *p->yunit) ? 24 : 4);
    p->pw = p->width - p->left - 2 * SVG_PAD;
    p->ph = p->height - p->top - SVG_PAD - SVG_FONT - SVG_TICK - 6 -
            ((p->xlabel && *p->xlabel) ? SVG_FONT + 10 : 0);
    if (p->pw < 10)
        p->pw = 10;
    if (p->ph < 10)
        p->ph = 10;
    ticks_choose(&p->x, (int)(p->pw / 90) + 2, &p->xt);
    p->pen = 0;
}

/* One envelope column per px of plot width. */
int svg_columns(const struct svg_plot *p)
{
    int n = (int)p->pw;
    return n < 2 ? 2 : n;
}

/*
** The document head, background, grid, frame, ticks, labels, title; opens the clipped group
** the series are drawn in.
*/
int svg_begin(const struct svg_plot *p, FILE *out)
{
    int i;
    double bottom = p->top + p->ph;
    fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                 "viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" font-size=\"%.0f\">\n",
            p->width, p->height, p->width, p->height, SVG_FONT);
    fprintf(out, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
    fprintf(out, "<defs><clipPath id=\"plotarea\"><rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" "
                 "height=\"%.2f\"/></clipPath></defs>\n",
            p->left, p->top, p->pw, p->ph);
    fprintf(out, "<g stroke=\"#e0e0e0\" stroke-width=\"1\">\n");
    for (i = 0; i < p->xt.n; i++)
        fprintf(out, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"/>\n",
                svg_x(p, p->xt.v[i]), p->top, svg_x(p, p->xt.v[i]), bottom);
    for (i = 0; i < p->yt.n; i++)
        fprintf(out, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"/>\n", p->left,
                svg_y(p, p->yt.v[i]), p->left + p->pw, svg_y(p, p->yt.v[i]));
    fprintf(out, "</g>\n<g stroke=\"black\" stroke-width=\"1\">\n");
    for (i = 0; i < p->xt.n; i++)
        fprintf(out, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"/>\n",
                svg_x(p, p->xt.v[i]), bottom, svg_x(p, p->xt.v[i]), bottom + SVG_TICK);
    for (i = 0; i < p->yt.n; i++)
        fprintf(out, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"/>\n",
                p->left - SVG_TICK, svg_y(p, p->yt.v[i]), p->left, svg_y(p, p->yt.v[i]));
    fprintf(out, "</g>\n<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"none\" "
                 "stroke=\"black\"/>\n",
            p->left, p->top, p->pw, p->ph);
    fprintf(out, "<g text-anchor=\"middle\">\n");
    for (i = 0; i < p->xt.n; i++)
        fprintf(out, "<text x=\"%.2f\" y=\"%.2f\">%s</text>\n", svg_x(p, p->xt.v[i]),
                bottom + SVG_TICK + SVG_FONT + 2, p->xt.label[i]);
    fprintf(out, "</g>\n<g text-anchor=\"end\" dominant-baseline=\"middle\">\n");
    for (i = 0; i < p->yt.n; i++)
        fprintf(out, "<text x=\"%.2f\" y=\"%.2f\">%s</text>\n", p->left - SVG_TICK - 3,
                svg_y(p, p->yt.v[i]), p->yt.label[i]);
    fprintf(out, "</g>\n");
    if (p->xlabel && *p->xlabel) {
        fprintf(out, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"middle\">", p->left + p->pw / 2,
                bottom + SVG_TICK + 2 * SVG_FONT + 10);
        svg_text(out, p->xlabel);
        fputs("</text>\n", out);
    }
    if (p->yunit && *p->yunit) {
        fprintf(out, "<text x=\"%.2f\" y=\"%.2f\">[", SVG_PAD, SVG_PAD + SVG_FONT);
        svg_text(out, p->yunit);
        fputs("]</text>\n", out);
    }
    if (p->title && *p->title) {
        fprintf(out, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"middle\" font-size=\"%.0f\" "
                     "font-weight=\"bold\">",
                p->left + p->pw / 2, SVG_PAD + SVG_FONT + 2, SVG_FONT + 3);
        svg_text(out, p->title);
        fputs("</text>\n", out);
    }
    fputs("<g clip-path=\"url(#plotarea)\" fill=\"none\" stroke-width=\"1.2\" "
          "stroke-linejoin=\"round\">\n", out);
    return ferror(out) ? -1 : 0;
}

/*
** Appends a path point: "M" for the first, "L" after it, a newline now and then to keep lines
** short for diff tools.
*/
static void svg_point(struct svg_plot *p, double x, double y, FILE *out)
{
    fprintf(out, "%s%.2f %.2f", p->pen == 0 ? "M" : (p->pen % 8 == 0 ? "\nL" : " L"), x, y);
    p->pen++;
    p->lastx = x;
    p->lasty = y;
}

/*
** Opens the path of series i.
*/
int svg_points_begin(struct svg_plot *p, int series, FILE *out)
{
    p->pen = 0;
    fprintf(out, "<path stroke=\"%s\" d=\"", svg_color(series));
    return ferror(out) ? -1 : 0;
}

/*
** Adds a sample to the open path; see plot.h.
*/
int svg_points_add(struct svg_plot *p, double x, double y, FILE *out)
{
    double u = scale_unit(&p->x, x), v = scale_unit(&p->y, y), px, py;
    if (isnan(u) || isnan(v))
        return 0;
    px = svg_x(p, x);
    py = svg_y(p, y);
    if (p->pen > 0 && fabs(px - p->lastx) < 0.25 && fabs(py - p->lasty) < 0.25)
        return 0;
    svg_point(p, px, py, out);
    return ferror(out) ? -1 : 0;
}

/*
** Closes the path; a path with a single point gets a zero-length segment so the round caps
** still show it.
*/
int svg_points_end(struct svg_plot *p, FILE *out)
{
    if (p->pen == 0)
        fputs("M0 0", out);
    else if (p->pen == 1)
        fprintf(out, " L%.2f %.2f", p->lastx, p->lasty);
    fprintf(out, "\"%s/>\n", p->pen == 1 ? " stroke-linecap=\"round\"" : "");
    p->pen = 0;
    return ferror(out) ? -1 : 0;
}

/*
** Series i from an envelope: for each column its first, minimum, maximum and last sample at
** the column's x, which is the exact drawing of the full-resolution line at this width.
*/
int svg_envelope(const struct svg_plot *p, const struct envelope *e, int series, FILE *out)
{
    struct svg_plot q = *p; /* path state lives in the copy; p stays const */
    double k = e->ncols > 1 ? q.pw / (e->ncols - 1) : 0;
    int i;
    svg_points_begin(&q, series, out);
    if (e->has_before)
        svg_point(&q, svg_x(&q, e->bx), svg_y(&q, e->by), out);
    for (i = 0; i < e->ncols; i++) {
        double x = q.left + i * k;
        if (isnan(e->first[i]))
            continue;
        svg_point(&q, x, svg_y(&q, e->first[i]), out);
        if (e->min[i] != e->max[i]) {
            svg_point(&q, x, svg_y(&q, e->min[i]), out);
            svg_point(&q, x, svg_y(&q, e->max[i]), out);
        }
        if (e->last[i] != e->first[i] || e->min[i] != e->max[i])
            svg_point(&q, x, svg_y(&q, e->last[i]), out);
    }
    if (e->has_after && q.pen > 0)
        svg_point(&q, svg_x(&q, e->ax), svg_y(&q, e->ay), out);
    return svg_points_end(&q, out);
}

/*
** Closes the series group, draws the legend in the top right corner of the plot area, and
** ends the document.
*/
int svg_end(const struct svg_plot *p, FILE *out)
{
    int i;
    size_t w = 0;
    double bw, bx, by;
    fputs("</g>\n", out);
    for (i = 0; i < p->nseries; i++)
        if (utf8_width(p->names[i]) > w)
            w = utf8_width(p->names[i]);
    bw = 36 + (double)w * SVG_CHAR;
    bx = p->left + p->pw - bw - 8;
    by = p->top + 8;
    if (p->nseries > 0) {
        fprintf(out, "<g>\n<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
                     "fill=\"white\" fill-opacity=\"0.85\" stroke=\"#c0c0c0\"/>\n",
                bx, by, bw, 18.0 * p->nseries + 8);
        for (i = 0; i < p->nseries; i++) {
            double y = by + 14 + 18.0 * i;
            fprintf(out, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\" "
                         "stroke-width=\"2\"/>\n",
                    bx + 6, y - 4, bx + 26, y - 4, svg_color(i));
            fprintf(out, "<text x=\"%.2f\" y=\"%.2f\">", bx + 30, y);
            svg_text(out, p->names[i]);
            fputs("</text>\n", out);
        }
        fputs("</g>\n", out);
    }
    fputs("</svg>\n", out);
    return ferror(out) ? -1 : 0;
}
