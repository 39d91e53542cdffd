/*
** plot_term.c: what nrn-plot needs to know about its terminal: size, colour, time.
*/
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "plot_cli.h"

/*
** Reads a positive integer from the environment, or 0.
*/
static int plot_term_env(const char *name)
{
    const char *s = getenv(name);
    char *end;
    long v;
    if (!s || !*s)
        return 0;
    v = strtol(s, &end, 10);
    return (*end == '\0' && v > 0 && v < 100000) ? (int)v : 0;
}

/*
** Size of the terminal on fd; see plot_cli.h for the order of the fallbacks.
*/
void plot_term_size(int fd, int *w, int *h)
{
    struct winsize ws;
    *w = *h = 0;
    if (isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0) {
        *w = ws.ws_col;
        *h = ws.ws_row;
    }
    if (*w <= 0)
        *w = plot_term_env("COLUMNS");
    if (*h <= 0)
        *h = plot_term_env("LINES");
    if (*w <= 0)
        *w = 80;
    if (*h <= 0)
        *h = 24;
}

/*
** Decides on colour; see plot_cli.h.
*/
int plot_term_color(const char *when, int fd)
{
    const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
    if (strcmp(when, "always") == 0)
        return 1; /* an explicit request beats NO_COLOR, as no-color.org asks */
    if (strcmp(when, "never") == 0)
        return 0;
    if (strcmp(when, "auto") != 0)
        return -1;
    if (nc && *nc)
        return 0;
    if (term && strcmp(term, "dumb") == 0)
        return 0;
    return isatty(fd) ? 1 : 0;
}

/*
** Monotonic time in seconds, for frame pacing.
*/
double plot_term_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}
