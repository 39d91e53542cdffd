/*
** canvas.c: the drawing surface, a grid of character cells addressed by pixel.
**
** In braille mode each cell is 2x4 pixels (one dot each); in ASCII mode a cell is one pixel and
** shows the marker of the series that drew it, since plain terminals have no sub-cell dots.
** A cell can show only one colour, so it belongs to the series that drew in it last. Lines are
** clipped in floating point before rasterising, so data far outside the axis limits costs
** nothing and never wraps around.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plot.h"

/*
** Allocates a blank canvas of cols x rows cells. NULL when out of memory or empty.
*/
struct canvas *canvas_new(int cols, int rows, int mode)
{
    struct canvas *c;
    size_t n;
    if (cols < 1 || rows < 1)
        return NULL;
    c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    n = (size_t)cols * (size_t)rows;
    c->cols = cols;
    c->rows = rows;
    c->mode = mode;
    c->px = mode == CANVAS_ASCII ? cols : cols * BRAILLE_DOTS_X;
    c->py = mode == CANVAS_ASCII ? rows : rows * BRAILLE_DOTS_Y;
    c->dots = malloc(n);
    c->owner = malloc(n);
    if (!c->dots || !c->owner) {
        canvas_free(&c);
        return NULL;
    }
    canvas_clear(c);
    return c;
}

/*
** Frees c; NULL-safe.
*/
void canvas_free(struct canvas **pc)
{
    struct canvas *c = pc ? *pc : NULL;
    if (!c)
        return;
    free(c->dots);
    free(c->owner);
    free(c);
    *pc = NULL;
}

/*
** Blanks every cell.
*/
void canvas_clear(struct canvas *c)
{
    size_t n = (size_t)c->cols * (size_t)c->rows;
    memset(c->dots, 0, n);
    memset(c->owner, -1, n);
}

/*
** Sets one pixel and gives its cell to series.
*/
void canvas_set(struct canvas *c, int x, int y, int series)
{
    size_t cell;
    if (x < 0 || y < 0 || x >= c->px || y >= c->py)
        return;
    if (c->mode == CANVAS_ASCII) {
        cell = (size_t)y * (size_t)c->cols + (size_t)x;
        c->dots[cell] = 1;
    } else {
        cell = (size_t)(y / BRAILLE_DOTS_Y) * (size_t)c->cols + (size_t)(x / BRAILLE_DOTS_X);
        c->dots[cell] |= (unsigned char)braille_bit(x % BRAILLE_DOTS_X, y % BRAILLE_DOTS_Y);
    }
    c->owner[cell] = (signed char)(series < 0 ? 0 : series % 100);
}

/* Outcode bits of a point against the pixel rectangle. */
enum { CANVAS_LEFT = 1, CANVAS_RIGHT = 2, CANVAS_TOP = 4, CANVAS_BOTTOM = 8 };

/*
** Which sides of the rectangle [-0.5, px-0.5] x [-0.5, py-0.5] the point is beyond.
*/
static int canvas_outcode(const struct canvas *c, double x, double y)
{
    int code = 0;
    if (x < -0.5)
        code |= CANVAS_LEFT;
    else if (x > c->px - 0.5)
        code |= CANVAS_RIGHT;
    if (y < -0.5)
        code |= CANVAS_TOP;
    else if (y > c->py - 0.5)
        code |= CANVAS_BOTTOM;
    return code;
}

/*
** Clips the segment to the pixel rectangle (Cohen-Sutherland). An end outside is moved onto the
** edge it crosses, the edge coordinate set exactly and the other one interpolated from the
** distance to that edge; parametric clipping would lose the visible part of a segment whose
** ends are 1e300 pixels away to rounding. Returns 0 with the ends inside, or -1 if nothing is
** left.
*/
static int canvas_clip(const struct canvas *c, double *x0, double *y0, double *x1, double *y1)
{
    int c0 = canvas_outcode(c, *x0, *y0), c1 = canvas_outcode(c, *x1, *y1), guard;
    double xmax = c->px - 0.5, ymax = c->py - 0.5;
    for (guard = 0; guard < 8; guard++) {
        int out;
        double x, y;
        if (!(c0 | c1))
            return 0;
        if (c0 & c1)
            return -1;
        out = c0 ? c0 : c1;
        if (out & CANVAS_LEFT) {
            x = -0.5;
            y = *y0 + (*y1 - *y0) * ((x - *x0) / (*x1 - *x0));
        } else if (out & CANVAS_RIGHT) {
            x = xmax;
            y = *y0 + (*y1 - *y0) * ((x - *x0) / (*x1 - *x0));
        } else if (out & CANVAS_TOP) {
            y = -0.5;
            x = *x0 + (*x1 - *x0) * ((y - *y0) / (*y1 - *y0));
        } else {
            y = ymax;
            x = *x0 + (*x1 - *x0) * ((y - *y0) / (*y1 - *y0));
        }
        if (!isfinite(x) || !isfinite(y))
            return -1;
        if (out == c0) {
            *x0 = x;
            *y0 = y;
            c0 = canvas_outcode(c, x, y);
        } else {
            *x1 = x;
            *y1 = y;
            c1 = canvas_outcode(c, x, y);
        }
    }
    return -1;
}

/*
** Rounds a clipped coordinate to a pixel index inside [0, n).
*/
static int canvas_round(double v, int n)
{
    long i = lround(v);
    return i < 0 ? 0 : i >= n ? n - 1 : (int)i;
}

/*
** Draws a clipped line with Bresenham's algorithm (integer steps, no gaps).
*/
void canvas_line(struct canvas *c, double x0, double y0, double x1, double y1, int series)
{
    int ix0, iy0, ix1, iy1, dx, dy, sx, sy, err;
    if (!isfinite(x0) || !isfinite(y0) || !isfinite(x1) || !isfinite(y1))
        return;
    if (canvas_clip(c, &x0, &y0, &x1, &y1) != 0)
        return;
    ix0 = canvas_round(x0, c->px);
    iy0 = canvas_round(y0, c->py);
    ix1 = canvas_round(x1, c->px);
    iy1 = canvas_round(y1, c->py);
    dx = abs(ix1 - ix0);
    dy = -abs(iy1 - iy0);
    sx = ix0 < ix1 ? 1 : -1;
    sy = iy0 < iy1 ? 1 : -1;
    err = dx + dy;
    for (;;) {
        int e2;
        canvas_set(c, ix0, iy0, series);
        if (ix0 == ix1 && iy0 == iy1)
            break;
        e2 = 2 * err;
        if (e2 >= dy) {
            err += dy;
            ix0 += sx;
        }
        if (e2 <= dx) {
            err += dx;
            iy0 += sy;
        }
    }
}

/*
** The ASCII marker of a series; they repeat after eight.
*/
char canvas_marker(int series)
{
    static const char markers[] = "*+ox#@%=";
    return markers[(series < 0 ? 0 : series) % 8];
}

/*
** The text of one cell: a space, a braille character or a series marker.
*/
int canvas_glyph(const struct canvas *c, int col, int row, char out[4], int *owner)
{
    size_t cell = (size_t)row * (size_t)c->cols + (size_t)col;
    if (col < 0 || row < 0 || col >= c->cols || row >= c->rows || c->dots[cell] == 0) {
        *owner = -1;
        out[0] = ' ';
        return 1;
    }
    *owner = c->owner[cell];
    if (c->mode == CANVAS_ASCII) {
        out[0] = canvas_marker(*owner);
        return 1;
    }
    return braille_utf8(c->dots[cell], out);
}
