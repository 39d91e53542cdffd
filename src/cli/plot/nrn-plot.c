/*
** nrn-plot.c: the nrn-plot command: plots CSV traces in the terminal or as SVG.
**
** Thin glue: parse the options, decide size and colour from the terminal, open the input, and
** hand over to plot_run (src/cli/plot_run.c), which drives the library in src/plot. The
** morphology plots `nrn-plot shape` and `nrn-plot range` are in src/cli/plot_shape.c.
** Exit status: 0 success, 1 bad input or a failed write, 2 bad usage.
*/
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_signal.h"
#include "plot.h"
#include "plot_cli.h"

#ifndef NRN_VERSION
#define NRN_VERSION "0.1.0"
#endif

/* Long options without a short form. */
enum {
    OPT_XLIM = 256, OPT_YLIM, OPT_LOGX, OPT_LOGY, OPT_ASCII, OPT_COLOR, OPT_SVG, OPT_FPS,
    OPT_VERSION
};

static const char plot_help[] =
    "usage: nrn-plot [options] [FILE|-]\n"
    "       nrn-plot shape MODEL [--values TRACES.csv --at T] [options]   (see shape --help)\n"
    "       nrn-plot range MODEL --from SEG --to SEG --values TRACES.csv [options]\n"
    "Plot the columns of a CSV file (or standard input) against its first column, in the\n"
    "terminal (Unicode braille, 2x4 dots per cell) or as SVG. A CSV of one column is plotted\n"
    "against the row number (1, 2, ...). The first line is the header; lines starting with\n"
    "'#' are comments; empty cells and NA are gaps.\n"
    "\n"
    "columns:\n"
    "  -x COL                  x column, by header name or 1-based index (default: the first)\n"
    "  -y COL[,COL...]         y columns (default: all others); may be given more than once\n"
    "  -d, --delimiter C       field separator (default ','; 'tab' or '\\t' for TSV)\n"
    "axes:\n"
    "  -t, --title TEXT        title above the plot\n"
    "      --xlim A:B          x range; either side may be empty (automatic), e.g. --xlim 5:\n"
    "      --ylim A:B          y range, likewise\n"
    "      --logx, --logy      log10 axes (values <= 0 are left out)\n"
    "output:\n"
    "  -W, --width N           width in columns, 20 to 10000 (default: the terminal's)\n"
    "  -H, --height N          height in lines, 5 to 10000 (default: the terminal's, less one)\n"
    "      --ascii             plain ASCII: '*' '+' 'o' ... markers instead of braille\n"
    "      --color[=WHEN]      colours: auto (default: on a terminal, unless NO_COLOR is set),\n"
    "                          always, never\n"
    "      --svg FILE          write an SVG picture to FILE ('-' = stdout) instead\n"
    "  -f, --follow            redraw in place as rows arrive on standard input\n"
    "      --fps N             at most N frames per second with --follow (default 10)\n"
    "  -h, --help              show this help\n"
    "      --version           show the version\n"
    "\n"
    "Header names may carry a unit in brackets (\"v[mV]\"); it is shown on the axis. When\n"
    "there are more samples than pixel columns, each column keeps its smallest and largest\n"
    "value, so no spike is lost.\n"
    "\n"
    "examples:\n"
    "  nrn-plot trace.csv\n"
    "  nrn-plot -y 'soma(0.5).v' --title 'HH soma' trace.csv\n"
    "  nrn-plot -x t -y 2,3 --xlim 0:5 --ascii --width 72 --height 20 trace.csv\n"
    "  nrn-plot -x 'soma(0.5).v' -y 'soma(0.5).m_hh' trace.csv     # phase plot\n"
    "  nrn-run -r 'soma(0.5).v' hh.tcl | nrn-plot --follow\n"
    "  nrn-plot --svg figure.svg --title 'Figure 1' trace.csv\n"
    "  nrn-plot shape cell.csv --values trace.csv --at 2.5\n"
    "  nrn-plot range cell.csv --from 'soma(0.5)' --to 'dend(1)' --values trace.csv\n";

/*
** Prints a usage error with the hint, on one line; returns exit status 2.
*/
static int plot_usage(const char *fmt, const char *arg)
{
    fputs("nrn-plot: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs(" (try 'nrn-plot --help')\n", stderr);
    return 2;
}

/*
** Parses one side of a range; empty = automatic (NaN). Returns 0 or -1.
*/
static int plot_parse_bound(const char *s, size_t len, double *out)
{
    char buf[64], *end;
    if (len == 0) {
        *out = NAN;
        return 0;
    }
    if (len >= sizeof buf)
        return -1;
    memcpy(buf, s, len);
    buf[len] = '\0';
    *out = strtod(buf, &end);
    return (*end == '\0' && isfinite(*out)) ? 0 : -1;
}

/*
** Parses "A:B" (or "A,B"). Returns 0, or -1 for a malformed or empty (A >= B) range.
*/
static int plot_parse_range(const char *s, double lim[2])
{
    const char *sep = strchr(s, ':');
    if (!sep)
        sep = strchr(s, ',');
    if (!sep || plot_parse_bound(s, (size_t)(sep - s), &lim[0]) != 0 ||
        plot_parse_bound(sep + 1, strlen(sep + 1), &lim[1]) != 0)
        return -1;
    if (!isnan(lim[0]) && !isnan(lim[1]) && !(lim[0] < lim[1]))
        return -1;
    return 0;
}

/*
** Entry point.
*/
int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "title", required_argument, NULL, 't' },
        { "delimiter", required_argument, NULL, 'd' },
        { "width", required_argument, NULL, 'W' },
        { "height", required_argument, NULL, 'H' },
        { "follow", no_argument, NULL, 'f' },
        { "help", no_argument, NULL, 'h' },
        { "xlim", required_argument, NULL, OPT_XLIM },
        { "ylim", required_argument, NULL, OPT_YLIM },
        { "logx", no_argument, NULL, OPT_LOGX },
        { "logy", no_argument, NULL, OPT_LOGY },
        { "ascii", no_argument, NULL, OPT_ASCII },
        { "color", optional_argument, NULL, OPT_COLOR },
        { "colour", optional_argument, NULL, OPT_COLOR },
        { "svg", required_argument, NULL, OPT_SVG },
        { "fps", required_argument, NULL, OPT_FPS },
        { "version", no_argument, NULL, OPT_VERSION },
        { NULL, 0, NULL, 0 },
    };
    struct plot_opts o;
    const char *color = "auto", *name;
    int c, fd, rc, tw, th;
    char *end;

    cli_catch_signals(); /* an interrupted --svg leaves no temporary file */
    memset(&o, 0, sizeof o);
    o.xlim[0] = o.xlim[1] = o.ylim[0] = o.ylim[1] = NAN;
    o.fps = 10;
    o.delim = ',';
    o.ycols = calloc((size_t)argc, sizeof *o.ycols);
    if (!o.ycols)
        return 1;

    /* Subcommands "shape" and "range" (morphology plots): src/cli/plot_shape.c. */
    if (argc > 1 && (strcmp(argv[1], "shape") == 0 || strcmp(argv[1], "range") == 0)) {
        free(o.ycols);
        return plot_shape_main(argc - 1, argv + 1);
    }

    opterr = 0;
    while ((c = getopt_long(argc, argv, ":x:y:t:d:W:H:fh", longopts, NULL)) != -1) {
        switch (c) {
        case 'x': o.xcol = optarg; break;
        case 'y': o.ycols[o.nycols++] = optarg; break;
        case 't': o.title = optarg; break;
        case 'd':
            if (strcmp(optarg, "tab") == 0 || strcmp(optarg, "\\t") == 0)
                o.delim = '\t';
            else if (strlen(optarg) == 1 && optarg[0] != '"' && optarg[0] != '\n')
                o.delim = optarg[0];
            else
                goto bad_value;
            break;
        case 'W':
        case 'H':
            if ((*(c == 'W' ? &o.width : &o.height) = plot_size_arg(c, optarg, NULL)) < 0) {
                free(o.ycols);
                return 2;
            }
            break;
        case 'f': o.follow = 1; break;
        case 'h':
            fputs(plot_help, stdout);
            free(o.ycols);
            return fflush(stdout) == 0 ? 0 : 1;
        case OPT_XLIM:
            if (plot_parse_range(optarg, o.xlim) != 0)
                goto bad_range;
            break;
        case OPT_YLIM:
            if (plot_parse_range(optarg, o.ylim) != 0)
                goto bad_range;
            break;
        case OPT_LOGX: o.logx = 1; break;
        case OPT_LOGY: o.logy = 1; break;
        case OPT_ASCII: o.ascii = 1; break;
        case OPT_COLOR: color = optarg ? optarg : "always"; break;
        case OPT_SVG: o.svg = optarg; break;
        case OPT_FPS:
            o.fps = strtod(optarg, &end);
            if (*end || !(o.fps > 0 && o.fps <= 1000))
                goto bad_value;
            break;
        case OPT_VERSION:
            printf("nrn-plot %s\n", NRN_VERSION);
            free(o.ycols);
            return 0;
        case ':':
            free(o.ycols);
            return plot_usage("option '%s' needs a value", argv[optind - 1]);
        default:
            free(o.ycols);
            return plot_usage("unknown option '%s'", argv[optind - 1]);
        }
        continue;
    bad_range:
        free(o.ycols);
        return plot_usage("bad range '%s': want A:B with A < B (either may be left empty)", optarg);
    bad_value:
        free(o.ycols);
        return plot_usage("bad value '%s'", optarg);
    }
    if (argc - optind > 1) {
        free(o.ycols);
        return plot_usage("too many inputs, starting at '%s': give one FILE or '-'", argv[optind + 1]);
    }
    if ((o.logx && o.xlim[0] <= 0) || (o.logx && o.xlim[1] <= 0) || (o.logy && o.ylim[0] <= 0) ||
        (o.logy && o.ylim[1] <= 0)) {
        free(o.ycols);
        return plot_usage("%s", "a log axis needs positive limits");
    }
    rc = plot_term_color(color, STDOUT_FILENO);
    if (rc < 0) {
        free(o.ycols);
        return plot_usage("bad --color '%s': want auto, always or never", color);
    }
    o.color = o.svg ? 0 : rc;
    plot_term_size(STDOUT_FILENO, &tw, &th);
    if (o.width == 0)
        o.width = tw;
    if (o.height == 0)
        o.height = th - 1; /* room for the prompt below the plot */
    /* --follow draws in place only on a terminal; otherwise the plot is drawn once at the end */
    o.follow = o.follow && !o.svg && isatty(STDOUT_FILENO);

    o.input = optind < argc ? argv[optind] : "-";
    if (strcmp(o.input, "-") == 0) {
        if (optind >= argc && isatty(STDIN_FILENO)) {
            free(o.ycols);
            return plot_usage("%s", "no input: give a FILE, or pipe CSV in");
        }
        fd = STDIN_FILENO;
        name = "<stdin>";
    } else {
        fd = open(o.input, O_RDONLY);
        if (fd < 0) {
            char msg[128];
            snprintf(msg, sizeof msg, "%s", strerror(errno));
            msg[0] = (char)tolower((unsigned char)msg[0]); /* messages are lowercase */
            fprintf(stderr, "nrn-plot: %s: cannot open: %s\n", o.input, msg);
            free(o.ycols);
            return 1;
        }
        name = o.input;
    }
    rc = plot_run(&o, fd, name);
    if (fd != STDIN_FILENO)
        close(fd);
    free(o.ycols);
    return rc;
}
