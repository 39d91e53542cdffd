/*
** plot_out.c: what nrn-plot's three forms (traces, shape, range) share about their output:
** the -W/-H values, the list of column names in messages, and writing a picture to a file
** whole (atomfile.h) or to stdout, with one message line "nrn-plot: cannot write FILE:
** reason" when that fails.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomfile.h"
#include "plot.h"
#include "plot_cli.h"

/* See plot_cli.h. */
void plot_name_list(const char *const *names, int n, char *buf, size_t size)
{
    size_t at = 0;
    int i;
    buf[0] = '\0';
    for (i = 0; i < n && at + 8 < size; i++) {
        int k = snprintf(buf + at, size - at, "%s%s", i ? ", " : "", names[i]);
        if (k < 0 || (size_t)k >= size - at) {
            snprintf(buf + (size - 5), 5, "...");
            return;
        }
        at += (size_t)k;
    }
}

/* See plot_cli.h. */
int plot_size_arg(int opt, const char *arg, const char *cmd)
{
    int min = opt == 'W' ? CHART_MIN_WIDTH : CHART_MIN_HEIGHT;
    char *end;
    long v = strtol(arg, &end, 10);
    if (*arg && *end == '\0' && v >= min && v <= PLOT_MAX_SIZE)
        return (int)v;
    fprintf(stderr, "nrn-plot: bad -%c '%s': want a whole number of %s from %d to %d "
            "(try 'nrn-plot %s%s--help')\n", opt, arg, opt == 'W' ? "columns" : "lines", min,
            PLOT_MAX_SIZE, cmd ? cmd : "", cmd ? " " : "");
    return -1;
}

/* See plot_cli.h. */
int plot_stdout_failed(void)
{
    /* the bytes of a failed write stay in the buffer, so a second flush says why it failed,
    ** whatever errno has become since */
    int e = errno;
    errno = 0;
    if (fflush(stdout) != 0 && errno)
        e = errno;
    fprintf(stderr, "nrn-plot: cannot write standard output: %s\n", strerror(e ? e : EIO));
    return -1;
}

/* See plot_cli.h. */
int plot_write_out(const char *path, int (*write)(void *, FILE *), void *ud)
{
    struct atomfile af;
    if (strcmp(path, "-") == 0) {
        if (write(ud, stdout) != 0 || fflush(stdout) != 0 || ferror(stdout))
            return plot_stdout_failed();
        return 0;
    }
    if (atomfile_open(&af, path) != 0) {
        fprintf(stderr, "nrn-plot: cannot write %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (write(ud, af.fp) != 0 && !ferror(af.fp)) {
        /* not a write error (out of memory): say so rather than blame the file */
        int e = errno ? errno : ENOMEM;
        atomfile_abort(&af);
        fprintf(stderr, "nrn-plot: cannot write %s: %s\n", path, strerror(e));
        return -1;
    }
    if (atomfile_commit(&af) != 0) {
        fprintf(stderr, "nrn-plot: cannot write %s: %s\n", path, strerror(errno));
        return -1;
    }
    return 0;
}
