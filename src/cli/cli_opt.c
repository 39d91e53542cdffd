/*
** cli_opt.c: option tables (see cli_opt.h). getopt_long does the scanning; this file
** builds its tables from ours, checks numeric values and lays out --help.
*/
#include "cli_opt.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "oneline.h"

/* See cli_opt.h. */
void cli_error(const char *prog, const char *fmt, ...)
{
    char msg[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    text_oneline(msg, sizeof msg); /* what the user typed may hold a newline */
    fprintf(stderr, "%s: %s\n", prog, msg);
}

/* See cli_opt.h. */
void cli_sim_opt(struct cli_sim *sim, int k, double num)
{
    if (k < 4) {
        sim->has_global[k] = 1;
        sim->global[k] = num;
    } else {
        sim->has_every = 1;
        sim->every = num;
    }
}

/* See cli_opt.h. */
int cli_cvode_opt(const char *prog, struct cli_sim *sim, int k, double num, const char *arg)
{
    if (k == 0) {
        sim->cvode = 1;
        return 0;
    }
    if (k == 1 ? !(num > 0) : !(num >= 0)) {
        cli_error(prog, "--%s: must be %s, got %s", k == 1 ? "atol" : "rtol",
                  k == 1 ? "> 0" : ">= 0", arg);
        return 1;
    }
    if (k == 1)
        sim->has_atol = 1, sim->atol = num;
    else
        sim->has_rtol = 1, sim->rtol = num;
    return 0;
}

/* See cli_opt.h. */
int cli_range_check(const char *prog, const char *name, double num, const char *arg, int lo,
                    int hi)
{
    if (num < lo || num > hi) {
        cli_error(prog, "%s: must be %d to %d, got %s", name, lo, hi, arg);
        return 1;
    }
    return 0;
}

/* See cli_opt.h. */
int cli_define_check(const char *prog, const char *arg)
{
    if (strchr(arg, '=') == NULL || arg[0] == '=') {
        cli_error(prog, "-D %s: expected NAME=VALUE", arg);
        return 1;
    }
    return 0;
}

/* See cli_opt.h. */
int cli_output_check(const char *prog, const char *path)
{
    struct stat st;
    size_t n = strlen(path);
    int err = 0;
    if (n == 0)
        err = ENOENT;
    else if (path[n - 1] == '/' || (stat(path, &st) == 0 && S_ISDIR(st.st_mode)))
        err = EISDIR;
    if (err) {
        cli_error(prog, "cannot write '%s': %s", path, strerror(err));
        return -1;
    }
    return 0;
}

/* See cli_opt.h. */
int cli_stdout_check(const char *prog)
{
    if (fcntl(STDOUT_FILENO, F_GETFD) == -1 && errno == EBADF) {
        cli_error(prog, "standard output is closed (redirect it to a file or /dev/null)");
        return -1;
    }
    return 0;
}

/* Number of entries of opts. */
static int cli_count(const struct cli_opt *opts)
{
    int n = 0;
    while (opts[n].name)
        n++;
    return n;
}

/*
** Converts arg for option o into *num. Returns 0, or -1 after a message naming the
** option ("--dt: expected a number, got 'x'").
*/
static int cli_number(const char *prog, const struct cli_opt *o, const char *arg, double *num)
{
    char *end;
    errno = 0;
    if (o->kind == CLI_INT) {
        long v = strtol(arg, &end, 10);
        if (end == arg || *end || errno) {
            cli_error(prog, "--%s: expected an integer, got '%s'", o->name, arg);
            return -1;
        }
        *num = (double)v;
        return 0;
    }
    *num = strtod(arg, &end);
    if (end == arg || *end || !isfinite(*num)) {
        cli_error(prog, "--%s: expected a number, got '%s'", o->name, arg);
        return -1;
    }
    return 0;
}

/* See cli_opt.h. */
int cli_parse(const char *prog, const struct cli_opt *opts, int argc, char **argv,
              cli_opt_fn fn, void *ud)
{
    int n = cli_count(opts), rc = 0, c, idx;
    struct option *lo = calloc((size_t)n + 1, sizeof *lo);
    char *so = malloc((size_t)n * 2 + 2), *p = so;
    char name[64];

    if (lo == NULL || so == NULL) {
        free(lo);
        free(so);
        cli_error(prog, "out of memory");
        return -1;
    }
    *p++ = ':';
    for (int i = 0; i < n; i++) {
        lo[i].name = opts[i].name;
        lo[i].has_arg = opts[i].kind == CLI_FLAG ? no_argument : required_argument;
        lo[i].val = opts[i].key;
        if (opts[i].key > 0 && opts[i].key < 256) {
            *p++ = (char)opts[i].key;
            if (opts[i].kind != CLI_FLAG)
                *p++ = ':';
        }
    }
    *p = '\0';
    optind = 0; /* 0, not 1: makes GNU getopt forget a previous scan completely */
    opterr = 0;
    while (rc == 0 && (c = getopt_long(argc, argv, so, lo, &idx)) != -1) {
        const struct cli_opt *o = NULL;
        double num = 0;
        if (c == '?' || c == ':') {
            const char *bad = argv[optind - 1];
            if (optopt > 0 && optopt < 256 && strncmp(bad, "--", 2) != 0)
                snprintf(name, sizeof name, "-%c", optopt);
            else
                snprintf(name, sizeof name, "%.60s", bad);
            if (c == ':')
                cli_error(prog, "option %s needs an argument (try --help)", name);
            else
                cli_error(prog, "unknown option %s (try --help)", name);
            rc = -1;
            break;
        }
        for (int i = 0; i < n && o == NULL; i++)
            if (opts[i].key == c)
                o = &opts[i];
        if (o == NULL)
            continue;
        if ((o->kind == CLI_DOUBLE || o->kind == CLI_INT) && cli_number(prog, o, optarg, &num)) {
            rc = -1;
            break;
        }
        if (fn(ud, o, o->kind == CLI_FLAG ? NULL : optarg, num) != 0)
            rc = -1;
    }
    free(lo);
    free(so);
    return rc == 0 ? optind : -1;
}

/* See cli_opt.h. */
void cli_help(FILE *fp, const char *usage, const struct cli_opt *opts, const char *epilog)
{
    fprintf(fp, "Usage: %s\n\nOptions:\n", usage);
    for (const struct cli_opt *o = opts; o->name; o++) {
        char left[64];
        int k = 0;
        if (o->key > 0 && o->key < 256)
            k = snprintf(left, sizeof left, "-%c, --%s", o->key, o->name);
        else
            k = snprintf(left, sizeof left, "    --%s", o->name);
        if (o->arg && k < (int)sizeof left)
            snprintf(left + k, sizeof left - (size_t)k, " %s", o->arg);
        fprintf(fp, "  %-24s %s\n", left, o->help);
    }
    if (epilog)
        fprintf(fp, "\n%s", epilog);
}
