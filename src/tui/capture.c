/*
** capture.c: while the screen is up, what the scripts print (Tcl's puts to stdout or
** stderr, and anything else written to fds 1 and 2) goes to a hidden temporary file
** instead of over the screen; the TUI reads it back and shows it on the status line.
** curses draws on a duplicate of the original standard output (ttyfd).
*/
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui.h"

int capture_start(struct capture *c)
{
    const char *dir = getenv("TMPDIR");
    char name[4096];
    c->fd = c->ttyfd = c->savefd[0] = c->savefd[1] = -1;
    c->off = 0;
    snprintf(name, sizeof name, "%s/nrn-tui.XXXXXX", dir && *dir ? dir : "/tmp");
    if ((c->fd = mkstemp(name)) < 0)
        return -1;
    unlink(name);
    fflush(stdout);
    fflush(stderr);
    c->ttyfd = dup(1);
    c->savefd[0] = dup(1);
    c->savefd[1] = dup(2);
    if (c->ttyfd < 0 || c->savefd[0] < 0 || c->savefd[1] < 0 || dup2(c->fd, 1) < 0 ||
        dup2(c->fd, 2) < 0) {
        capture_stop(c);
        return -1;
    }
    return 0;
}

size_t capture_read(struct capture *c, char *buf, size_t n)
{
    ssize_t got;
    if (c->fd < 0 || n == 0)
        return 0;
    fflush(stdout);
    fflush(stderr);
    got = pread(c->fd, buf, n - 1, c->off);
    if (got <= 0) {
        buf[0] = '\0';
        return 0;
    }
    c->off += got;
    buf[got] = '\0';
    /* skip the rest of a long burst: the status line shows the last line only */
    {
        off_t end = lseek(c->fd, 0, SEEK_END);
        if (end > c->off + (off_t)n)
            c->off = (long)end - (long)(n - 1);
    }
    return (size_t)got;
}

void capture_stop(struct capture *c)
{
    fflush(stdout);
    fflush(stderr);
    if (c->savefd[0] >= 0) {
        dup2(c->savefd[0], 1);
        close(c->savefd[0]);
    }
    if (c->savefd[1] >= 0) {
        dup2(c->savefd[1], 2);
        close(c->savefd[1]);
    }
    if (c->fd >= 0)
        close(c->fd);
    c->fd = c->savefd[0] = c->savefd[1] = -1;
}
