/*
** plot.h: the trace-plotting library behind nrn-plot.
**
** A pure library: it turns numbers into a text frame (braille or ASCII, with axes, ticks and a
** legend) or into an SVG picture. It reads nothing by itself; the only I/O is in functions that
** say they are writers and take a FILE*.
**
** Pipeline, one file per step:
**   csvin.c     bytes of CSV -> rows of doubles for the selected columns (libcsv underneath)
**   columns.c   "-y soma(0.5).v,3" -> column indices; "v[mV]" -> name "v", unit "mV"
**   stats.c     running ranges of x and of each y series; is x monotonic?
**   scale.c     data value <-> [0,1] <-> pixel, linear or log10
**   ticks.c     round tick values and their labels
**   envelope.c  per pixel column: first, min, max, last sample (no spike is lost)
**   canvas.c    a grid of cells, each 2x4 braille dots or one ASCII marker; clipped lines
**   braille.c   dot bits and their UTF-8 encoding
**   trace.c     draws an envelope or a line segment of a series onto a canvas
**   chart.c     lays out title, axes, tick labels and legend around a canvas -> frame
**   frame.c     lines of text; writes a whole frame, or only the lines that changed
**   svg.c       the same plot as a standalone SVG document
**   utf8.c      display width and safe truncation of UTF-8 strings
**
** Morphology plots (nrn-plot shape, nrn-plot range) add:
**   morph.c     bytes of a model CSV -> sections, connections, 3-D points, diameters
**   morph_layout.c  tree, define_shape for sections without points, segment pieces, node
**               positions, paths and distances as NEURON's
**   shape.c     colour ramp, projection and fit, the shape frame, and the shape as SVG
**
** Ownership: objects returned by *_new belong to the caller and are released with the matching
** *_free(&p), which is NULL-safe and clears the pointer. Strings passed in are borrowed for the
** duration of the call unless a comment says the object keeps a copy.
** Status returns: 0 = success, -1 = failure (with a message where the object keeps one).
*/
#ifndef NRN_PLOT_H
#define NRN_PLOT_H

#include <stddef.h>
#include <stdio.h>

/* ---- utf8.c ---- */

/* Number of code points in s (our stand-in for display width: everything we print is narrow). */
size_t utf8_width(const char *s);
/* Bytes of the longest prefix of s that holds at most maxw code points. */
size_t utf8_prefix(const char *s, size_t maxw);

/* ---- braille.c ---- */

#define BRAILLE_DOTS_X 2 /* dots per cell, across */
#define BRAILLE_DOTS_Y 4 /* dots per cell, down */

/* The bit of a braille cell for dot (dx, dy), dx in 0..1 from the left, dy in 0..3 from the top. */
unsigned braille_bit(int dx, int dy);
/* Writes the UTF-8 encoding of the braille cell with these dot bits (3 bytes, no NUL) to out.
** Returns 3. */
int braille_utf8(unsigned bits, char out[3]);

/* ---- scale.c ---- */

/* A mapping from data values to [0,1] along one axis. */
struct scale {
    double lo, hi; /* data range shown, lo < hi; both > 0 on a log axis */
    int log;       /* 1: log10 axis */
    double flo;    /* lo in mapped space (log10(lo) on a log axis) */
    double fspan;  /* (mapped hi) - (mapped lo), > 0 */
    int half;      /* 1: flo and fspan are of half the mapped values (the span overflows) */
};

/* Sets s to show [lo, hi]. Returns 0, or -1 (s unchanged) if lo >= hi, a bound is not finite,
** or a log axis has lo <= 0. */
int scale_set(struct scale *s, double lo, double hi, int log);
/* Where v falls on the axis: 0 at lo, 1 at hi, outside [0,1] beyond them; NaN if v cannot be
** shown (not finite, or <= 0 on a log axis). */
double scale_unit(const struct scale *s, double v);
/* The data value at position u (inverse of scale_unit). */
double scale_value(const struct scale *s, double u);
/* Widens an empty or inverted automatic range [*lo, *hi] so that it can be shown. */
void scale_widen(double *lo, double *hi, int log);

/* ---- ticks.c ---- */

#define TICKS_MAX 32       /* most ticks on one axis */
#define TICKS_LABEL_MAX 24 /* bytes of one label, with the NUL */

/* Tick positions and labels for one axis. */
struct ticks {
    int n;                                 /* how many ticks */
    double v[TICKS_MAX];                   /* values, increasing */
    char label[TICKS_MAX][TICKS_LABEL_MAX]; /* printed form of v[i] */
};

/* The next step of the 1, 2, 5, 10, 20, ... progression after step (> 0). */
double ticks_step_up(double step);
/* The largest 1-2-5 step <= x (x > 0). */
double ticks_step_floor(double x);
/* Ticks for a linear axis [lo, hi] at multiples of step, labelled with as many decimals as step
** needs. Returns the number of ticks, or -1 (t->n = 0) if more than TICKS_MAX would be needed. */
int ticks_linear(double lo, double hi, double step, struct ticks *t);
/* Round ticks for [lo, hi], at most maxn of them (maxn >= 2), the most that fit. Log axes get
** powers of ten (every k-th decade when there are many; 2 and 5 multiples within one or two
** decades). Returns t->n. */
int ticks_choose(const struct scale *s, int maxn, struct ticks *t);
/* Formats v as a tick label: decimals enough for step, or an exponent for very large or very
** small values. Writes at most n bytes (with the NUL) to buf. */
void ticks_format(double v, double step, char *buf, size_t n);

/* ---- columns.c ---- */

/* Resolves one column reference against a header of n names: an exact name first, then a
** 1-based index. Returns the 0-based index, or -1 if neither matches. */
int columns_find(const char *const *names, int n, const char *ref);
/* Resolves a comma-separated list of references, appending indices to out (capacity cap,
** count in *nout). Returns 0, or -1 with the unknown reference copied to bad (size badsize). */
int columns_resolve(const char *const *names, int n, const char *list, int *out, int cap,
                    int *nout, char *bad, size_t badsize);
/* Splits a header "v[mV]" or "v [mV]" into name (without the unit) and unit. With no unit, copies
** the whole header to name and sets unit to "". Both buffers are always NUL-terminated. */
void columns_unit(const char *header, char *name, size_t namesize, char *unit, size_t unitsize);

/* ---- csvin.c ---- */

struct csvin;
/* Called once with the header names (count n); returns 0, or -1 after csvin_fail. The callback
** chooses the columns with csvin_select. */
typedef int (*csvin_header_fn)(void *ud, struct csvin *r, const char *const *names, int n);
/* Called for each data row with the selected values in selection order (NaN = empty or missing
** cell) and the line the row ends on; returns 0, or -1 after csvin_fail. */
typedef int (*csvin_row_fn)(void *ud, const double *vals, int n, long line);

/* A new reader; name is how errors call the input (copied). delim is the field separator.
** Returns NULL when out of memory. */
struct csvin *csvin_new(const char *name, char delim, csvin_header_fn on_header,
                        csvin_row_fn on_row, void *ud);
void csvin_free(struct csvin **pr);
/* Chooses which columns become row values, by 0-based index (copied). Returns 0 or -1. */
int csvin_select(struct csvin *r, const int *idx, int n);
/* Parses len more bytes of input. Returns 0, or -1 with csvin_error set; after a failure the
** reader accepts nothing more. */
int csvin_feed(struct csvin *r, const char *buf, size_t len);
/* Ends the input: flushes a last row without a newline, checks there was a header and at least
** one row. Returns 0 or -1. */
int csvin_finish(struct csvin *r);
/* Records an error "NAME:LINE: message" (printf-style) and returns -1; for callbacks. */
int csvin_fail(struct csvin *r, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* The last error, "NAME:LINE: what is wrong"; "" if none. Borrowed. */
const char *csvin_error(const struct csvin *r);
/* The line being parsed (1-based). */
long csvin_line(const struct csvin *r);
/* Data rows delivered so far. */
long csvin_rows(const struct csvin *r);
/* 1 once the header has been read. */
int csvin_have_header(const struct csvin *r);

/* ---- stats.c ---- */

/* Running ranges over the rows seen so far. */
struct stats {
    int ny;                 /* number of y series */
    long rows;              /* rows with a usable x */
    int logx, logy;         /* only positive values count on a log axis */
    double fxlo, fxhi;      /* x filter for y ranges (--xlim), NaN = no bound */
    double xlo, xhi;        /* range of usable x; NaN while none */
    double *ylo, *yhi;      /* per series, over rows whose x passes the filter; NaN while none */
    int monotonic;          /* 1 while x never decreased */
    double xlast;           /* last usable x */
};

/* Initialises st for ny series. Returns 0, or -1 when out of memory. */
int stats_init(struct stats *st, int ny, int logx, int logy, double fxlo, double fxhi);
void stats_release(struct stats *st);
/* Adds one row: row[0] is x, row[1..ny] the series (NaN = missing). */
void stats_add(struct stats *st, const double *row);
/* The union of the y ranges of all series in *lo, *hi; returns 0, or -1 if no series has a
** value yet. */
int stats_yrange(const struct stats *st, double *lo, double *hi);

/* ---- envelope.c ---- */

/* One series binned into pixel columns. Each column keeps its first, minimum, maximum and last
** sample (in arrival order), so a one-sample spike survives and the line can be joined to its
** neighbours exactly: memory is O(columns) however many samples arrive. Samples left and right
** of the x range are remembered (one each) so lines run to the edges. */
struct envelope {
    int ncols;             /* pixel columns */
    struct scale x;        /* x axis (copy) */
    int ypos;              /* 1: ignore y <= 0 (log y axis) */
    double *first, *min, *max, *last; /* per column; first is NaN in empty columns */
    int seen;              /* 1 once a sample fell inside the range */
    int has_before;        /* a sample left of the range arrived before any inside */
    double bx, by;         /* that sample (the latest such) */
    int has_after;         /* a sample right of the range arrived after one inside */
    double ax, ay;         /* that sample (the first such) */
};

/* A new, empty envelope of ncols (>= 1) columns over scale x. NULL when out of memory. */
struct envelope *envelope_new(int ncols, const struct scale *x, int ypos);
void envelope_free(struct envelope **pe);
/* Empties e and sets a new x scale (same number of columns). */
void envelope_reset(struct envelope *e, const struct scale *x);
/* The column of x: round(u * (ncols - 1)); may be < 0 or >= ncols; INT_MIN if x cannot be
** placed (not finite, or <= 0 on a log axis). */
int envelope_column(const struct envelope *e, double x);
/* Adds a sample; unusable ones (NaN, <= 0 on a log axis) are ignored. */
void envelope_add(struct envelope *e, double x, double y);

/* ---- canvas.c ---- */

enum canvas_mode {
    CANVAS_BRAILLE = 0, /* 2x4 dots per cell */
    CANVAS_ASCII = 1    /* 1x1 per cell, one marker character per series */
};

/* A grid of cells addressed by pixel; each cell remembers which series drew in it last. */
struct canvas {
    int cols, rows;       /* cells */
    int mode;             /* enum canvas_mode */
    int px, py;           /* pixels across and down */
    unsigned char *dots;  /* per cell: braille bits, or nonzero if set (ASCII) */
    signed char *owner;   /* per cell: series that drew last, -1 = empty */
};

struct canvas *canvas_new(int cols, int rows, int mode);
void canvas_free(struct canvas **pc);
void canvas_clear(struct canvas *c);
/* Sets pixel (x, y), y = 0 at the top; pixels outside the canvas are ignored. */
void canvas_set(struct canvas *c, int x, int y, int series);
/* Draws a straight line between pixel positions (fractional, any size); the part outside the
** canvas is clipped away. Non-finite ends draw nothing. */
void canvas_line(struct canvas *c, double x0, double y0, double x1, double y1, int series);
/* Writes the glyph of cell (col, row) to out (1 to 3 bytes, no NUL) and returns its length;
** *owner gets the series that owns it (-1 for an empty cell, written as a space). */
int canvas_glyph(const struct canvas *c, int col, int row, char out[4], int *owner);
/* The ASCII marker of series i. */
char canvas_marker(int series);

/* ---- trace.c ---- */

/* Draws envelope e as series on canvas c with y axis ys: a vertical stroke per column from its
** minimum to its maximum, joined to the next column from last to first. */
void trace_envelope(struct canvas *c, const struct envelope *e, const struct scale *ys, int series);
/* Maps a data point to fractional canvas pixels. Returns 0, or -1 if it cannot be shown. */
int trace_pixel(const struct canvas *c, const struct scale *xs, const struct scale *ys, double x,
                double y, double *px, double *py);

/* ---- frame.c ---- */

/* A screen's worth of text lines, each holding UTF-8 text and ANSI colour codes. */
struct frame {
    int rows;      /* lines */
    char **line;   /* NUL-terminated text of each line */
    size_t *len;   /* bytes used */
    size_t *cap;   /* bytes allocated */
};

struct frame *frame_new(int rows);
void frame_free(struct frame **pf);
/* Empties every line. */
void frame_clear(struct frame *f);
/* Appends n bytes to line row. Returns 0, or -1 when out of memory (line unchanged). */
int frame_put(struct frame *f, int row, const char *s, size_t n);
/* Appends a NUL-terminated string to line row. */
int frame_puts(struct frame *f, int row, const char *s);
/* Appends n spaces. */
int frame_pad(struct frame *f, int row, size_t n);
/* Drops trailing spaces from every line (they only cost bytes). */
void frame_trim(struct frame *f);
/* Writer: every line followed by a newline. Returns 0, or -1 on a write error. */
int frame_write(const struct frame *f, FILE *out);
/* Writer for drawing in place: with prev NULL writes all lines (no newline after the last, the
** cursor stays on it); otherwise rewrites only the lines that differ from prev, moving the
** cursor there and back to the last line. Both frames must have the same number of rows.
** Returns the number of bytes written, or -1 on a write error. */
long frame_update(const struct frame *prev, const struct frame *cur, FILE *out);

/* ---- chart.c ---- */

/* Everything around the data of a text plot. The caller fills the inputs and both scales, then
** chart_layout computes the geometry and ticks, then it draws into a canvas of plot_cols x
** plot_rows cells and calls chart_render. */
struct chart {
    /* inputs */
    int width, height;        /* the whole frame, in cells */
    const char *title;        /* or NULL */
    const char *xlabel;       /* x axis name (with unit), or NULL */
    const char *yunit;        /* unit shared by all y series, or NULL */
    int nseries;              /* y series */
    const char *const *names; /* legend text of each series */
    int ascii;                /* 1: plain ASCII axes and markers */
    int color;                /* 1: ANSI colours */
    struct scale x, y;        /* axes */
    /* computed by chart_layout */
    int header;               /* 1: a first line with title and/or y unit */
    int plot_top;             /* first line of the plot area */
    int plot_rows, plot_cols; /* plot area in cells */
    int margin;               /* columns left of the plot area (y labels and the axis line) */
    int has_xlabel;           /* 1: a line with the x axis name */
    int legend_rows;          /* lines of legend at the bottom */
    struct ticks xt, yt;      /* ticks */
};

/* Computes the geometry and the ticks. Returns 0, or -1 if the frame is too small to hold a
** plot (below CHART_MIN_WIDTH x CHART_MIN_HEIGHT). */
int chart_layout(struct chart *ch);
/* Writes the frame: header, y labels and axis, canvas cells (coloured by owner), x axis, x tick
** labels, x label and legend. f must have ch->height rows. Returns 0, or -1 when out of memory. */
int chart_render(const struct chart *ch, const struct canvas *cv, struct frame *f);
/* ANSI SGR colour number of series i. */
int chart_color(int series);

#define CHART_MIN_WIDTH 20
#define CHART_MIN_HEIGHT 5

/* ---- svg.c ---- */

/* An SVG plot: the caller sets the inputs, calls svg_layout, then writes the document with
** svg_begin, one svg_envelope or svg_points_* run per series, and svg_end. */
struct svg_plot {
    /* inputs */
    double width, height;     /* picture size in px */
    const char *title;        /* or NULL */
    const char *xlabel;       /* or NULL */
    const char *yunit;        /* or NULL */
    int nseries;
    const char *const *names;
    struct scale x, y;
    /* computed by svg_layout */
    double left, top, pw, ph; /* plot area */
    struct ticks xt, yt;
    /* state of a svg_points_* run */
    int pen;                  /* points written in the current path */
    double lastx, lasty;      /* last point written, px */
};

/* Chooses the plot area and the ticks. */
void svg_layout(struct svg_plot *p);
/* Columns an envelope should have for this plot (one per px of plot width). */
int svg_columns(const struct svg_plot *p);
/* Writer: the document head, frame, grid, ticks and labels. Returns 0 or -1 (write error). */
int svg_begin(const struct svg_plot *p, FILE *out);
/* Writer: series i drawn from an envelope made with svg_columns columns. */
int svg_envelope(const struct svg_plot *p, const struct envelope *e, int series, FILE *out);
/* Writer: series i as a polyline through the samples in data order: begin, add each sample
** (unusable ones are skipped, points closer than a quarter px to the last are merged), end. */
int svg_points_begin(struct svg_plot *p, int series, FILE *out);
int svg_points_add(struct svg_plot *p, double x, double y, FILE *out);
int svg_points_end(struct svg_plot *p, FILE *out);
/* Writer: the legend and the end of the document. */
int svg_end(const struct svg_plot *p, FILE *out);
/* The colour of series i as "#rrggbb". */
const char *svg_color(int series);
/* Writer: s as XML character data (markup escaped, control bytes and invalid UTF-8 replaced).
** Returns 0 or -1. */
int svg_text(FILE *out, const char *s);

/* ---- morph.c, morph_layout.c ---- */

/* One section of a model CSV. Segments are in node order (j = 0 next to the attached end). */
struct morph_sec {
    char *name;       /* as in the file */
    long line;        /* line of its "section" row */
    int nseg;         /* segments (prop nseg; default 1) */
    double L;         /* prop L, or the arc length of its 3-D points (default 100) */
    double *diam;     /* nseg segment diameters (range/seg diam; default 500) */
    int npt;          /* 3-D points (after morph_finish: >= 2 for every section) */
    float *pt;        /* 4 floats per point: x, y, z, diam (stored as NEURON stores them) */
    double *arc;      /* npt cumulative arc lengths (set by morph_finish) */
    int parent;       /* index of the parent section, -1 for a root */
    double parentx;   /* where on the parent */
    int childend;     /* 0 or 1: the end attached to the parent */
    int *child;       /* children in NEURON's sibling order (sorted by attachment position) */
    int nchild;
    int laid_out;     /* 1: the points were made by define_shape */
    int capt;         /* capacity of pt, in points */
};

/* A model: sections in creation order, plus the tree order NEURON numbers nodes in. */
struct morph {
    int nsec;
    struct morph_sec *sec;
    int *order;       /* nsec section indices: roots in creation order, then breadth first */
    int nseg_total;   /* sum of nseg */
    int *seg0;        /* per section: index of its segment 0 among all segments (tree order) */
    /* private: reader state */
    struct morph_reader *rd;
    int capsec;
    int *hash;        /* open addressing table of section indices, -1 empty */
    int hashcap;
    char err[512];    /* "NAME:LINE: message" */
};

/* A straight piece of a section lying inside one segment, for drawing. */
struct morph_piece {
    double a[3], b[3]; /* ends, um */
    double diam;       /* um (the larger of the two ends) */
    int sec, seg;      /* section index and segment (node order) */
};

/* One segment centre on a path between two locations. */
struct morph_stop {
    int sec, seg;      /* section index and segment (node order) */
    double dist;       /* path distance from the start node, um */
};

/* A new, empty model called name in messages (copied). NULL when out of memory. */
struct morph *morph_new(const char *name);
void morph_free(struct morph **pm);
/* Parses len more bytes of model CSV. Returns 0, or -1 with morph_error set. */
int morph_feed(struct morph *m, const char *buf, size_t len);
/* Ends the input: checks the rows, builds the tree (connections in file order, NEURON's
** sibling order), the tree order, and gives every section 3-D points: sections without any
** are laid out as NEURON's define_shape does; a child with points of its own is moved to its
** attachment point only when its parent was laid out (see morph_layout.c). A section with a
** single point is treated as having none. Returns 0, or -1 with morph_error set. */
int morph_finish(struct morph *m);
/* "NAME:LINE: what is wrong", or "". Borrowed. */
const char *morph_error(const struct morph *m);
/* The index of section name, or -1. */
int morph_find(const struct morph *m, const char *name);
/* NEURON's node_index_exact for s(x), 0 <= x <= 1: -1 for the attached end (the parent
** node), nseg for the free end, else the segment (mirrored when the section is reversed). */
int morph_node_index(const struct morph_sec *s, double x);
/* Splits "SEC(X)" or "SEC(X).VAR" (a bare "SEC" or "SEC.VAR" means X = 0.5; VAR may be
** absent) and finds SEC. var gets VAR or "" (size varsize). Returns the section index, -2 if
** the text is not of that form, or -1 if there is no such section. */
int morph_parse_loc(const struct morph *m, const char *ref, double *x, char *var,
                    size_t varsize);
/* Every section cut at its segment boundaries into straight pieces (along the 3-D points,
** segment j covering arc [j, j+1] * L/nseg from the first point). *out is malloc'ed. Returns
** the number of pieces, or -1 when out of memory. */
int morph_pieces(const struct morph *m, struct morph_piece **out);
/* Path distance in um between the nodes of sa(xa) and sb(xb), as NEURON's distance():
** segment centres at L*(j+0.5)/nseg, through parent nodes. Returns 0, or -1 if the two are
** in different trees. */
int morph_distance(const struct morph *m, int sa, double xa, int sb, double xb, double *d);
/* The segment centres on the path from sa(xa) to sb(xb) through their common ancestor, in
** order, with their distances from the node of sa(xa); *total gets the distance between
** the two nodes. *out is malloc'ed. Returns the number of stops, -1 when out of memory, or
** -2 if the two are in different trees. */
int morph_path(const struct morph *m, int sa, double xa, int sb, double xb,
               struct morph_stop **out, double *total);

/* ---- shape.c ---- */

#define SHAPE_LEVELS 9 /* steps of the colour ramp */

enum shape_view { SHAPE_XY = 0, SHAPE_XZ = 1, SHAPE_YZ = 2 };

/* The step of the ramp for v on the scale [lo, hi] (clamped to the ends); -1 for NaN. */
int shape_level(double v, double lo, double hi);
/* ANSI 256-colour number of ramp step i (blue, cyan, green, yellow, red). */
int shape_ansi(int level);
/* The ramp at u in [0, 1] (clamped) as "#rrggbb", interpolated between the steps. */
void shape_rgb(double u, char out[8]);
/* ASCII character of ramp step i ('0' .. '8'); '*' for no value. */
char shape_ascii(int level);
/* Projects a point on the view plane: (x, y), (x, z) or (y, z). */
void shape_project(int view, const double p[3], double *u, double *v);
/* The plane in which the pieces' bounding box is largest: the two axes with the largest
** extents, in x, y, z order (ties go to the earlier axis). */
int shape_auto_view(const struct morph_piece *pc, int n);
/* The name of a view: "xy", "xz" or "yz". */
const char *shape_view_name(int view);

/* Maps projected coordinates to a drawing area of w x h units whose vertical unit is aspect
** times the horizontal one, keeping the same um per unit across and down and centring. */
struct shape_fit {
    double umin, vmax;   /* top left corner of the fitted box, um */
    double upp;          /* um per horizontal unit */
    double aspect;       /* vertical unit / horizontal unit */
    double ox, oy;       /* offsets that centre the picture, units */
};
/* Fits the pieces (with their radii) into w x h units. */
void shape_fit_pieces(struct shape_fit *f, const struct morph_piece *pc, int n, int view,
                      double w, double h, double aspect);
/* The position of projected point (u, v) in units, y down. */
void shape_fit_map(const struct shape_fit *f, double u, double v, double *x, double *y);

/* A shape picture: inputs filled by the caller. */
struct shape_plot {
    int width, height;           /* the whole frame (text) or picture in px (SVG) */
    const char *title;           /* or NULL */
    int ascii, color;            /* text mode options */
    int view;                    /* enum shape_view */
    const struct morph_piece *pc;
    int npc;
    const double *value;         /* per piece (NaN = none), or NULL for a plain morphology */
    double lo, hi;               /* colour scale */
    const char *label;           /* colour bar label, e.g. "v [mV]", or NULL */
};

/* Draws the frame: title line, the cell, then a scale bar line and (with values) the colour
** bar. f must have p->height rows. Returns 0, -1 when out of memory, -2 if too small. */
int shape_render(const struct shape_plot *p, struct frame *f);
/* Writer: the shape as a standalone SVG document. Returns 0 or -1 (write error). */
int shape_svg(const struct shape_plot *p, FILE *out);
/* A round scale bar length (1-2-5 um steps) of at most maxlen um. */
double shape_scalebar(double maxlen);

#endif
