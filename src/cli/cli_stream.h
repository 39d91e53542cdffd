/*
** cli_stream.h: the CSV output of a run: recorded columns of a Tcl-layer state, written
** either as rows are produced (live: a pipe or a terminal, so `nrn-run | nrn-plot
** --follow` draws as the simulation goes) or all at once when the scripts are done.
**
** Live output follows the record set while it stays fixed: the header goes out at the
** first sample, then one row per sample, flushed. A new finitialize with the same
** columns appends the new run's rows; if the columns change after the header, the
** stream stops there and a warning says so (a pipe cannot take rows back).
*/
#ifndef CLI_STREAM_H
#define CLI_STREAM_H

#include <stddef.h>
#include <stdio.h>

#include "nrntcl.h"

/* The output of one run. */
struct cli_stream {
    const char *prog; /* program name for warnings */
    nrntcl *st;       /* the Tcl layer's state holding the columns */
    FILE *fp;         /* where the CSV goes */
    int digits;       /* significant digits (0: shortest exact form) */
    int live;         /* write rows as they come, flushing each */
    int started;      /* the header is out */
    int stopped;      /* live output gave up (columns changed, samples missed) */
    int failed;       /* a write failed */
    unsigned gen;     /* column generation of the header */
    int n;            /* number of columns in the header */
    int *ids;         /* their record ids */
    size_t rows;      /* rows written since the header or the last new run */
};

/* Sets up s (live or not) for the columns of st, written to fp. */
void cli_stream_init(struct cli_stream *s, const char *prog, nrntcl *st, FILE *fp, int digits,
                     int live);

/* The per-sample callback for nrntcl_set_sample_callback (ud is the struct cli_stream). */
void cli_stream_sample(void *ud, nrn_model *m, size_t k);

/*
** Writes what is not out yet (all of it when not live), and flushes. Returns 0, or -1 if
** writing failed (errno set).
*/
int cli_stream_finish(struct cli_stream *s);

/* Frees what s holds (not fp). */
void cli_stream_free(struct cli_stream *s);

/* 1 if fp is a pipe, socket or terminal: where live output makes sense. */
int cli_stream_is_live(FILE *fp);

#endif /* CLI_STREAM_H */
