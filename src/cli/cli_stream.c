/*
** cli_stream.c: CSV output of recorded columns, live or at the end (see cli_stream.h).
*/
#include "cli_stream.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_opt.h"

/* See cli_stream.h. */
void cli_stream_init(struct cli_stream *s, const char *prog, nrntcl *st, FILE *fp, int digits,
                     int live)
{
    s->prog = prog;
    s->st = st;
    s->fp = fp;
    s->digits = digits;
    s->live = live;
    s->started = s->stopped = s->failed = 0;
    s->gen = 0;
    s->n = 0;
    s->ids = NULL;
    s->rows = 0;
}

/* See cli_stream.h. */
int cli_stream_is_live(FILE *fp)
{
    struct stat sb;
    int fd = fileno(fp);
    if (fd < 0 || fstat(fd, &sb) != 0)
        return 0;
    return S_ISFIFO(sb.st_mode) || S_ISSOCK(sb.st_mode) || isatty(fd);
}

/* Takes the current columns into s->ids / s->n. Returns 0, or -1 when out of memory. */
static int cli_stream_columns(struct cli_stream *s)
{
    int n = nrntcl_columns(s->st, NULL, 0);
    int *ids = realloc(s->ids, (size_t)(n > 0 ? n : 1) * sizeof *ids);
    if (ids == NULL)
        return -1;
    s->ids = ids;
    s->n = nrntcl_columns(s->st, ids, n);
    s->gen = nrntcl_columns_gen(s->st);
    return 0;
}

/* Writes row k and, when live, flushes it. */
static void cli_stream_row(struct cli_stream *s, size_t k)
{
    if (nrntcl_write_row(s->st, s->fp, s->ids, s->n, k, s->digits) != 0 ||
        (s->live && fflush(s->fp) != 0))
        s->failed = 1;
}

/* See cli_stream.h. */
void cli_stream_sample(void *ud, nrn_model *m, size_t k)
{
    struct cli_stream *s = ud;
    (void)m;
    if (!s->live || s->stopped || s->failed)
        return;
    if (!s->started) {
        if (nrntcl_columns(s->st, NULL, 0) == 0)
            return;
        if (k != 0) { /* columns appeared mid-run: write everything at the end */
            s->stopped = 1;
            return;
        }
        if (cli_stream_columns(s) != 0 || nrntcl_write_header(s->st, s->fp, s->ids, s->n) != 0) {
            s->failed = 1;
            return;
        }
        s->started = 1;
        s->rows = 0;
    }
    if (nrntcl_columns_gen(s->st) != s->gen || (k != s->rows && k != 0)) {
        s->stopped = 1;
        return;
    }
    cli_stream_row(s, k);
    s->rows = k + 1;
}

/* See cli_stream.h. */
int cli_stream_finish(struct cli_stream *s)
{
    if (!s->started) {
        if (cli_stream_columns(s) != 0) {
            errno = ENOMEM;
            return -1;
        }
        if (s->n > 0 && nrntcl_write_csv(s->st, s->fp, s->ids, s->n, s->digits) != 0)
            s->failed = 1;
    } else if (!s->stopped && nrntcl_columns_gen(s->st) == s->gen) {
        size_t len = 0;
        nrn_model *m = nrntcl_model(s->st);
        for (int j = 0; j < s->n; j++)
            if (nrn_record_len(m, s->ids[j]) > len)
                len = nrn_record_len(m, s->ids[j]);
        for (size_t k = s->rows; k < len && !s->failed; k++)
            cli_stream_row(s, k);
    } else {
        cli_error(s->prog, "warning: the recorded columns changed after output began; "
                           "later rows are not in the output (use -o FILE or write_csv)");
    }
    if (fflush(s->fp) != 0 || ferror(s->fp))
        s->failed = 1;
    if (s->failed && errno == 0)
        errno = EIO;
    return s->failed ? -1 : 0;
}

/* See cli_stream.h. */
void cli_stream_free(struct cli_stream *s)
{
    free(s->ids);
    s->ids = NULL;
}
