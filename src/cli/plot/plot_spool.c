/*
** plot_spool.c: the selected columns of the input, kept as raw doubles in a temporary file.
**
** Why: binning needs the x range before the first sample is binned, and the input may be a
** pipe that cannot be read twice. Rather than hold the data in memory (O(rows)), the first pass
** parses and checks the CSV, keeps running ranges, and appends each row's selected values
** here; the second pass reads them back, with no CSV parsing, which also makes it the fast
** half. Memory stays O(columns); disk use is 8 bytes per selected value, in a file that is
** unlinked from the start (tmpfile), so nothing is left behind even after a crash. The same
** file lets --follow re-bin everything when the axes grow.
*/
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plot_cli.h"

#define PLOT_SPOOL_BUF (1 << 16) /* bytes buffered each way, at least */
#define PLOT_SPOOL_ROWS 4        /* rows buffered each way, at least (wide rows) */

struct plot_spool {
    FILE *f;          /* the temporary file (only its descriptor is used for I/O) */
    int fd;           /* fileno(f) */
    size_t rowsize;   /* bytes per row */
    size_t bufsize;   /* bytes of wbuf and of rbuf: PLOT_SPOOL_BUF or PLOT_SPOOL_ROWS rows */
    long rows;        /* rows appended */
    char *wbuf;       /* rows not yet written */
    size_t wlen;      /* bytes in wbuf */
    char *rbuf;       /* rows read ahead */
    size_t rlen, rpos; /* bytes in rbuf, next byte to hand out */
    off_t roff;       /* file offset of the next read */
    off_t wend;       /* bytes on disk */
};

/*
** Creates an empty spool for rows of n doubles.
*/
struct plot_spool *plot_spool_new(int n)
{
    struct plot_spool *sp;
    if (n <= 0 || (size_t)n > SIZE_MAX / sizeof(double) / PLOT_SPOOL_ROWS) {
        errno = EINVAL;
        return NULL;
    }
    if (!(sp = calloc(1, sizeof *sp)))
        return NULL;
    sp->rowsize = (size_t)n * sizeof(double);
    sp->bufsize = sp->rowsize * PLOT_SPOOL_ROWS > PLOT_SPOOL_BUF ? sp->rowsize * PLOT_SPOOL_ROWS
                                                                 : PLOT_SPOOL_BUF;
    errno = 0; /* whatever failed last in the program is not the reason here */
    sp->wbuf = malloc(sp->bufsize);
    sp->rbuf = malloc(sp->bufsize);
    if (sp->wbuf && sp->rbuf)
        sp->f = tmpfile();
    if (!sp->wbuf || !sp->rbuf || !sp->f) {
        int e = sp->wbuf && sp->rbuf ? errno : ENOMEM;
        plot_spool_free(&sp);
        errno = e ? e : EIO;
        return NULL;
    }
    sp->fd = fileno(sp->f);
    return sp;
}

/*
** Closes (and so deletes) the file; NULL-safe.
*/
void plot_spool_free(struct plot_spool **psp)
{
    struct plot_spool *sp = psp ? *psp : NULL;
    if (!sp)
        return;
    if (sp->f)
        fclose(sp->f);
    free(sp->wbuf);
    free(sp->rbuf);
    free(sp);
    *psp = NULL;
}

/*
** Writes the buffered rows at the end of the file.
*/
static int plot_spool_flush(struct plot_spool *sp)
{
    size_t done = 0;
    while (done < sp->wlen) {
        ssize_t n = pwrite(sp->fd, sp->wbuf + done, sp->wlen - done, sp->wend);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        done += (size_t)n;
        sp->wend += n;
    }
    sp->wlen = 0;
    return 0;
}

/*
** Appends one row.
*/
int plot_spool_add(struct plot_spool *sp, const double *row)
{
    if (sp->wlen + sp->rowsize > sp->bufsize && plot_spool_flush(sp) != 0)
        return -1;
    memcpy(sp->wbuf + sp->wlen, row, sp->rowsize);
    sp->wlen += sp->rowsize;
    sp->rows++;
    return 0;
}

/* Rows appended. */
long plot_spool_rows(const struct plot_spool *sp)
{
    return sp->rows;
}

/*
** Positions the reader at row first; pending writes go to disk first so they can be read.
*/
int plot_spool_seek(struct plot_spool *sp, long first)
{
    if (plot_spool_flush(sp) != 0)
        return -1;
    sp->roff = (off_t)first * (off_t)sp->rowsize;
    sp->rlen = sp->rpos = 0;
    return 0;
}

/*
** Hands out the next row, reading ahead a buffer at a time (whole rows only).
*/
int plot_spool_next(struct plot_spool *sp, double *row)
{
    if (sp->rpos + sp->rowsize > sp->rlen) {
        size_t want = sp->bufsize - sp->bufsize % sp->rowsize;
        ssize_t n;
        if (sp->roff >= sp->wend)
            return 0;
        do
            n = pread(sp->fd, sp->rbuf, want, sp->roff);
        while (n < 0 && errno == EINTR);
        if (n < 0)
            return -1;
        n -= n % (ssize_t)sp->rowsize;
        if (n == 0)
            return 0;
        sp->roff += n;
        sp->rlen = (size_t)n;
        sp->rpos = 0;
    }
    memcpy(row, sp->rbuf + sp->rpos, sp->rowsize);
    sp->rpos += sp->rowsize;
    return 1;
}
