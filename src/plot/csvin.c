/*
** csvin.c: a streaming CSV reader on top of libcsv that hands out rows of doubles.
**
** Input arrives in arbitrary chunks (a file read in blocks, or a pipe that delivers a row at a
** time under --follow), so the reader keeps all its state between csvin_feed calls. It feeds
** libcsv one line at a time: that way the callbacks always know the line number, which libcsv
** itself does not track, and errors can say "FILE:LINE:". Lines whose first character is '#'
** outside a quoted field are comments (a NEURON habit: nrn-run and NEURON scripts put notes
** there) and are skipped. The first record is the header; after it every record must have as
** many fields as the header, and each selected field must be a number or empty (missing).
*/
#include <csv.h>
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plot.h"
#include "oneline.h"

/* Longest piece of an offending cell quoted back in an error message. */
#define CSVIN_QUOTE_MAX 40

struct csvin {
    struct csv_parser p;       /* libcsv state */
    char *name;                /* input name for messages */
    csvin_header_fn on_header; /* header callback */
    csvin_row_fn on_row;       /* row callback */
    void *ud;                  /* their user data */
    long line;                 /* line being parsed, 1-based */
    long header_line;          /* line the header ended on */
    long rec_line;             /* line the current record started on */
    int quote_odd;             /* 1: inside a quoted field (odd count of quotes this record) */
    int at_line_start;         /* 1: the next byte starts a line */
    int skipping;              /* 1: inside a comment line */
    int failed;                /* 1: an error was recorded; nothing more is accepted */
    char err[512];             /* "NAME:LINE: message" */
    int have_header;           /* 1 once the header record ended */
    char **names;              /* header names */
    int nnames, capnames;      /* count and capacity of names */
    int *map;                  /* per header column: index into vals, or -1 */
    int *dup;                  /* per selected value: earlier value of the same column, or -1 */
    int nsel;                  /* selected columns */
    double *vals;              /* values of the current row, selection order */
    int field;                 /* index of the next field of the current record */
    long rows;                 /* data rows delivered */
};

/*
** Records "NAME:LINE: message" and marks the reader failed. Returns -1.
*/
int csvin_fail(struct csvin *r, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    if (r->failed)
        return -1; /* keep the first error: later ones are usually consequences */
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(r->err, sizeof r->err, "%s:%ld: %s", r->name, r->line, msg);
    text_oneline(r->err, sizeof r->err); /* a quoted cell may hold a line end */
    r->failed = 1;
    return -1;
}

/*
** Header phase: keeps a copy of each name.
*/
static void csvin_header_field(struct csvin *r, const char *s, size_t len)
{
    char *copy;
    if (r->nnames == r->capnames) {
        int cap = r->capnames ? 2 * r->capnames : 16;
        char **n = realloc(r->names, (size_t)cap * sizeof *n);
        if (!n) {
            csvin_fail(r, "out of memory");
            return;
        }
        r->names = n;
        r->capnames = cap;
    }
    copy = malloc(len + 1);
    if (!copy) {
        csvin_fail(r, "out of memory");
        return;
    }
    if (len)
        memcpy(copy, s, len);
    copy[len] = '\0';
    r->names[r->nnames++] = copy;
}

/*
** Clinger's fast path for the common case: a decimal whose digits (leading zeros dropped) form
** an integer m <= 2^53, which covers most 16-digit shortest forms too, and a small exponent.
** m is then exact in a double, and 10^|e| <= 10^22
** is exact in binary, so m * 10^e (or m / 10^-e) is a single correctly rounded operation: the
** same double strtod would return, at a fraction of its cost (parsing is most of nrn-plot's
** time on big files). Returns 0 with *out set, or -1 to let strtod handle the cell.
*/
static int csvin_fast_number(const char *s, size_t len, double *out)
{
    static const double pow10[23] = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };
    const char *p = s, *end = s + len;
    unsigned long long m = 0;
    int digits = 0, e = 0, neg = 0, any = 0;
    if (p < end && (*p == '-' || *p == '+'))
        neg = *p++ == '-';
    for (; p < end && *p >= '0' && *p <= '9'; p++, any = 1) {
        if (m == 0 && *p == '0')
            continue;
        if (++digits > 19)
            return -1;
        m = m * 10 + (unsigned)(*p - '0');
    }
    if (p < end && *p == '.') {
        for (p++; p < end && *p >= '0' && *p <= '9'; p++, any = 1) {
            if (m == 0 && *p == '0') {
                e--;
                continue;
            }
            if (++digits > 19)
                return -1;
            m = m * 10 + (unsigned)(*p - '0');
            e--;
        }
    }
    if (!any)
        return -1;
    if (p < end && (*p == 'e' || *p == 'E')) {
        int eneg = 0, ev = 0, edig = 0;
        p++;
        if (p < end && (*p == '-' || *p == '+'))
            eneg = *p++ == '-';
        for (; p < end && *p >= '0' && *p <= '9' && ev < 10000; p++, edig++)
            ev = ev * 10 + (*p - '0');
        if (edig == 0)
            return -1;
        e += eneg ? -ev : ev;
    }
    if (p != end)
        return -1;
    if (m == 0) {
        *out = neg ? -0.0 : 0.0;
        return 0;
    }
    if (e < -22 || e > 22 || m > (1ULL << 53))
        return -1;
    *out = e < 0 ? (double)m / pow10[-e] : (double)m * pow10[e];
    if (neg)
        *out = -*out;
    return 0;
}

/*
** Parses a cell as a number. Empty cells and "NA" are missing (NaN), as are inf and nan, which
** cannot be drawn. Returns 0, or -1 if the cell is text.
*/
static int csvin_number(const char *s, size_t len, double *out)
{
    char *end;
    while (len > 0 && isspace((unsigned char)*s)) {
        s++;
        len--;
    }
    while (len > 0 && isspace((unsigned char)s[len - 1]))
        len--;
    if (len == 0 || (len == 2 && s[0] == 'N' && s[1] == 'A')) {
        *out = NAN;
        return 0;
    }
    if (csvin_fast_number(s, len, out) == 0)
        return 0;
    *out = strtod(s, &end);
    if (end != s + len)
        return -1;
    if (!isfinite(*out))
        *out = NAN;
    return 0;
}

/*
** libcsv field callback: stores a header name or converts a selected cell.
*/
static void csvin_cb_field(void *s, size_t len, void *data)
{
    struct csvin *r = data;
    int k = r->field++;
    if (r->failed)
        return;
    if (!r->have_header) {
        csvin_header_field(r, s ? s : "", s ? len : 0);
        return;
    }
    if (k < r->nnames && r->map[k] >= 0) {
        const char *text = s ? s : "";
        if (csvin_number(text, s ? len : 0, &r->vals[r->map[k]]) != 0)
            csvin_fail(r, "column '%s' is not a number: '%.*s'", r->names[k],
                       (int)(len > CSVIN_QUOTE_MAX ? CSVIN_QUOTE_MAX : len), text);
    }
}

/*
** Ends the header: builds the column map and lets the caller choose columns.
*/
static void csvin_end_header(struct csvin *r)
{
    int i;
    r->have_header = 1;
    r->header_line = r->line;
    r->map = malloc((size_t)r->nnames * sizeof *r->map);
    if (!r->map) {
        csvin_fail(r, "out of memory");
        return;
    }
    for (i = 0; i < r->nnames; i++)
        r->map[i] = -1;
    if (r->on_header)
        r->on_header(r->ud, r, (const char *const *)r->names, r->nnames);
}

/*
** libcsv record callback: the header, or a data row checked for shape and handed on.
*/
static void csvin_cb_record(int c, void *data)
{
    struct csvin *r = data;
    int nfields = r->field, k;
    (void)c;
    r->field = 0;
    r->quote_odd = 0;
    if (r->failed)
        return;
    if (!r->have_header) {
        csvin_end_header(r);
        return;
    }
    if (nfields != r->nnames) {
        csvin_fail(r, "row has %d field%s, the header has %d", nfields, nfields == 1 ? "" : "s",
                   r->nnames);
        return;
    }
    for (k = 0; k < r->nsel; k++)
        if (r->dup[k] >= 0)
            r->vals[k] = r->vals[r->dup[k]];
    r->rows++;
    if (r->on_row && r->on_row(r->ud, r->vals, r->nsel, r->line) != 0 && !r->failed)
        csvin_fail(r, "row rejected");
}

/*
** Creates a reader. Returns NULL when out of memory.
*/
struct csvin *csvin_new(const char *name, char delim, csvin_header_fn on_header,
                        csvin_row_fn on_row, void *ud)
{
    struct csvin *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->name = strdup(name);
    if (!r->name || csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        free(r->name);
        free(r);
        return NULL;
    }
    csv_set_delim(&r->p, (unsigned char)delim);
    r->on_header = on_header;
    r->on_row = on_row;
    r->ud = ud;
    r->line = 1;
    r->at_line_start = 1;
    return r;
}

/*
** Frees a reader and everything it holds; NULL-safe.
*/
void csvin_free(struct csvin **pr)
{
    struct csvin *r = pr ? *pr : NULL;
    int i;
    if (!r)
        return;
    csv_free(&r->p);
    for (i = 0; i < r->nnames; i++)
        free(r->names[i]);
    free(r->names);
    free(r->map);
    free(r->dup);
    free(r->vals);
    free(r->name);
    free(r);
    *pr = NULL;
}

/*
** Chooses the columns that become row values. A column chosen twice (x and y, or the same y
** listed twice) is converted once and copied, so each slot gets its value. Returns 0 or -1.
*/
int csvin_select(struct csvin *r, const int *idx, int n)
{
    int i;
    double *v = malloc((size_t)(n > 0 ? n : 1) * sizeof *v);
    int *d = malloc((size_t)(n > 0 ? n : 1) * sizeof *d);
    if (!v || !d) {
        free(v);
        free(d);
        return csvin_fail(r, "out of memory");
    }
    free(r->vals);
    free(r->dup);
    r->vals = v;
    r->dup = d;
    r->nsel = n;
    for (i = 0; i < r->nnames; i++)
        r->map[i] = -1;
    for (i = 0; i < n; i++) {
        if (idx[i] < 0 || idx[i] >= r->nnames) {
            r->nsel = i;
            return csvin_fail(r, "no column %d", idx[i] + 1);
        }
        v[i] = NAN;
        d[i] = r->map[idx[i]];
        if (d[i] < 0)
            r->map[idx[i]] = i;
    }
    return 0;
}

/*
** Counts quote characters in s[0..n) so that a '#' starting a line inside a quoted field is
** not taken for a comment.
*/
static int csvin_quotes(const char *s, size_t n)
{
    int odd = 0;
    const char *q;
    while ((q = memchr(s, '"', n)) != NULL) {
        odd ^= 1;
        n -= (size_t)(q + 1 - s);
        s = q + 1;
    }
    return odd;
}

/*
** Parses more input, a line at a time (see the top of the file).
*/
int csvin_feed(struct csvin *r, const char *buf, size_t len)
{
    size_t pos = 0;
    if (r->failed)
        return -1;
    while (pos < len) {
        const char *nl;
        size_t end, n;
        if (r->skipping) {
            nl = memchr(buf + pos, '\n', len - pos);
            if (!nl)
                return 0;
            pos = (size_t)(nl - buf) + 1;
            r->line++;
            r->skipping = 0;
            r->at_line_start = 1;
            continue;
        }
        if (r->at_line_start && !r->quote_odd && buf[pos] == '#') {
            r->skipping = 1;
            continue;
        }
        if (r->at_line_start && !r->quote_odd)
            r->rec_line = r->line;
        nl = memchr(buf + pos, '\n', len - pos);
        end = nl ? (size_t)(nl - buf) + 1 : len;
        n = end - pos;
        /* the record callback clears quote_odd, so count before parsing and re-apply only if
           the line did not end the record */
        {
            int odd = csvin_quotes(buf + pos, n);
            long before = r->rows + r->have_header;
            size_t done = csv_parse(&r->p, buf + pos, n, csvin_cb_field, csvin_cb_record, r);
            if (r->failed)
                return -1;
            if (done != n)
                return csvin_fail(r, "malformed CSV: %s", csv_strerror(csv_error(&r->p)));
            if (r->rows + r->have_header == before)
                r->quote_odd ^= odd;
        }
        if (nl) {
            r->line++;
            r->at_line_start = 1;
        } else {
            r->at_line_start = 0;
        }
        pos = end;
    }
    return 0;
}

/*
** Flushes the last record and checks the input as a whole.
*/
int csvin_finish(struct csvin *r)
{
    if (r->failed)
        return -1;
    if (csv_fini(&r->p, csvin_cb_field, csvin_cb_record, r) != 0 && !r->failed) {
        r->line = r->rec_line;
        return csvin_fail(r, "malformed CSV: unterminated quoted field");
    }
    if (r->failed)
        return -1;
    if (!r->have_header) {
        r->line = 1;
        return csvin_fail(r, "empty input: no header line");
    }
    if (r->rows == 0) {
        r->line = r->header_line;
        return csvin_fail(r, "no data rows after the header");
    }
    return 0;
}

/* Accessors; see plot.h. */
const char *csvin_error(const struct csvin *r) { return r->err; }
long csvin_line(const struct csvin *r) { return r->line; }
long csvin_rows(const struct csvin *r) { return r->rows; }
int csvin_have_header(const struct csvin *r) { return r->have_header; }
