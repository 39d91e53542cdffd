/*
** build_input.c: nrn-build's inputs (see build_input.h).
**
** Tcl errors are reported as nrn-run reports them (cli_tclerr.c: the file and line come
** from the error's -errorinfo), so a script error reads "nrn-build: cell.tcl:12: message".
*/
#include "build_input.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "atomfile.h"
#include "cli_opt.h"
#include "cli_tcl.h"
#include "cli_tclerr.h"

#define PROG "nrn-build"

/* The extensions of the kinds, in enum order. */
static const char *const build_ext[] = { NULL, ".swc", ".asc", ".tcl", ".csv" };

/* See build_input.h. */
int build_kind_of(const char *path)
{
    size_t n = strlen(path);
    for (int k = BUILD_SWC; k <= BUILD_CSV; k++)
        if (n > 4 && strcasecmp(path + n - 4, build_ext[k]) == 0)
            return k;
    return BUILD_UNKNOWN;
}

/* See build_input.h. */
const char *build_kind_name(int kind)
{
    switch (kind) {
    case BUILD_SWC: return "SWC morphology";
    case BUILD_ASC: return "Neurolucida morphology";
    case BUILD_TCL: return "Tcl script";
    case BUILD_CSV: return "model CSV";
    default: return "unknown";
    }
}

/*
** The kind of a file with no telling name, from its first lines: the model CSV's comment
** or header; a Neurolucida expression or comment ('(' or ';'); a line of 7 numbers (SWC,
** after any '#' header); anything else is Tcl.
*/
static int build_sniff(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[1024];
    int kind = BUILD_TCL;
    if (!f)
        return BUILD_TCL;
    int done = 0;
    while (!done && fgets(line, sizeof line, f)) {
        /* a lone CR ends a line too (old Mac files): each piece is a line */
        for (char *s = line, *next; s && !done; s = next) {
            double v[7];
            if ((next = strchr(s, '\r')) != NULL)
                *next++ = 0;
            while (*s == ' ' || *s == '\t')
                s++;
            if (strncmp(s, "# nrn model csv", 15) == 0 ||
                strncmp(s, "kind,section,index,object,name,value,", 37) == 0) {
                kind = BUILD_CSV;
                done = 1;
            } else if (*s == '\n' || *s == 0 || *s == '#') {
                continue;
            } else {
                if (*s == '(' || *s == ';')
                    kind = BUILD_ASC;
                else if (sscanf(s, "%lf %lf %lf %lf %lf %lf %lf", &v[0], &v[1], &v[2], &v[3],
                                &v[4], &v[5], &v[6]) == 7)
                    kind = BUILD_SWC;
                done = 1;
            }
        }
    }
    fclose(f);
    return kind;
}

/*
** Copies standard input to a new temporary file named in b->stdin_tmp. Returns 0, or -1
** after a message: "nrn-build: cannot read standard input: reason", or that the copy could
** not be made or written.
*/
static int build_spool_stdin(struct build_model *b)
{
    const char *dir = getenv("TMPDIR");
    char buf[65536];
    size_t k;
    int fd, rerr = 0, werr = 0;

    if (!dir || !*dir || strlen(dir) > sizeof b->stdin_tmp - 24)
        dir = "/tmp";
    snprintf(b->stdin_tmp, sizeof b->stdin_tmp, "%s/nrn-build.XXXXXX", dir);
    if ((fd = mkstemp(b->stdin_tmp)) < 0) {
        cli_error(PROG, "cannot make a temporary file in %s: %s", dir, strerror(errno));
        b->stdin_tmp[0] = 0;
        return -1;
    }
    b->stdin_slot = atomfile_track(b->stdin_tmp);
    /* each failure's errno is taken where it happens: later calls may change it */
    while (!werr) {
        errno = 0;
        if ((k = fread(buf, 1, sizeof buf, stdin)) == 0) {
            rerr = ferror(stdin) ? (errno ? errno : EIO) : 0;
            break;
        }
        for (size_t done = 0; done < k && !werr;) {
            ssize_t n = write(fd, buf + done, k - done);
            if (n < 0 && errno != EINTR)
                werr = errno;
            done += n > 0 ? (size_t)n : 0;
        }
    }
    if (close(fd) != 0 && !werr && !rerr)
        werr = errno;
    if (rerr)
        cli_error(PROG, "cannot read standard input: %s", strerror(rerr));
    else if (werr)
        cli_error(PROG, "cannot write %s: %s", b->stdin_tmp, strerror(werr));
    return rerr || werr ? -1 : 0;
}

/* See build_input.h. */
int build_inputs_resolve(struct build_model *b, struct build_input *in, int n)
{
    for (int i = 0; i < n; i++) {
        in[i].path = in[i].shown = in[i].arg;
        if (strcmp(in[i].arg, "-") == 0) {
            if (b->stdin_tmp[0]) {
                cli_error(PROG, "standard input (-) can be read only once");
                return CLI_EXIT_USAGE;
            }
            if (build_spool_stdin(b) != 0)
                return CLI_EXIT_FAIL;
            in[i].path = b->stdin_tmp;
            in[i].shown = "stdin";
            in[i].kind = build_sniff(b->stdin_tmp);
            continue;
        }
        in[i].kind = build_kind_of(in[i].arg);
        if (in[i].kind == BUILD_UNKNOWN) {
            cli_error(PROG, "%s: unknown kind of input (expected .swc, .asc, .tcl or .csv)",
                      in[i].arg);
            return CLI_EXIT_USAGE;
        }
        if (access(in[i].arg, R_OK) != 0) {
            cli_error(PROG, "cannot read %s: %s", in[i].arg, strerror(errno));
            return CLI_EXIT_USAGE;
        }
    }
    return 0;
}

/* The copy of standard input to remove when a script calls exit. */
static const char *build_exit_tmp;

/*
** Tcl's `exit` in a model script: a model script has no business ending the build, so
** nothing is written and the status is the script's, or 1 for `exit 0`.
*/
static void build_exit_proc(ClientData cd)
{
    int code = (int)(intptr_t)cd;
    fprintf(stderr, "%s: a script called exit %d; nothing written\n", PROG, code);
    if (build_exit_tmp && build_exit_tmp[0])
        unlink(build_exit_tmp);
    fflush(stdout);
    _exit(code ? code : CLI_EXIT_FAIL);
}

/* See build_input.h. */
int build_model_open(struct build_model *b, const char *argv0, const struct build_input *in,
                     int n, const char *const *defines, int ndefines,
                     const char *const *mechs, int nmechs)
{
    int tcl = ndefines > 0 || nmechs > 0;
    for (int i = 0; i < n; i++)
        tcl |= in[i].kind == BUILD_TCL;
    if (!tcl) {
        if (!(b->own = nrn_model_new())) {
            cli_error(PROG, "out of memory");
            return CLI_EXIT_FAIL;
        }
        return 0;
    }
    Tcl_FindExecutable(argv0);
    build_exit_tmp = b->stdin_tmp;
    Tcl_SetExitProc(build_exit_proc);
    int rc = cli_tcl_interp(PROG, &b->interp, &b->st);
    if (rc == 0)
        rc = cli_tcl_vars(PROG, b->interp, defines, ndefines);
    if (rc == 0)
        rc = cli_tcl_mechanisms(PROG, b->interp, mechs, nmechs, 0);
    return rc;
}

/* See build_input.h. */
nrn_model *build_model_get(const struct build_model *b)
{
    return b->interp ? (b->st ? nrntcl_model(b->st) : NULL) : b->own;
}

/* See build_input.h. */
void build_model_close(struct build_model *b)
{
    if (b->interp) {
        Tcl_SetExitProc(NULL);
        build_exit_tmp = NULL;
        Tcl_DeleteInterp(b->interp);
        b->interp = NULL;
        Tcl_Finalize();
    }
    nrn_model_free(&b->own);
    if (b->stdin_tmp[0]) {
        unlink(b->stdin_tmp);
        atomfile_untrack(b->stdin_slot);
        b->stdin_tmp[0] = 0;
    }
}

/* Prints "nrn-build: FILE:LINE: message" for the script error in the interpreter
** (cli_tclerr.c), with the temporary copy's name replaced by "stdin". */
static void build_tcl_report(struct build_model *b, const struct build_input *in)
{
    char msg[4096];
    size_t n = strlen(in->path);
    cli_tcl_error(b->interp, in->shown, msg, sizeof msg);
    if (in->path != in->shown && strncmp(msg, in->path, n) == 0 && msg[n] == ':')
        fprintf(stderr, "%s: %s%s\n", PROG, in->shown, msg + n);
    else
        fprintf(stderr, "%s: %s\n", PROG, msg);
}

/* Prints the engine's message, with the temporary copy's name replaced by "stdin". */
static void build_engine_report(const struct build_input *in, const char *msg)
{
    size_t n = strlen(in->path);
    fprintf(stderr, "%s: ", PROG);
    while (*msg) {
        if (in->path != in->shown && strncmp(msg, in->path, n) == 0) {
            fputs(in->shown, stderr);
            msg += n;
        } else {
            fputc(*msg++, stderr);
        }
    }
    fputc('\n', stderr);
}

/* See build_input.h. */
void build_prefix_of(const char *shown, char *buf, size_t size)
{
    const char *base = strrchr(shown, '/');
    base = base ? base + 1 : shown;
    const char *dot = strrchr(base, '.');
    size_t len = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    snprintf(buf, size, "%.*s.", (int)len, base);
}

/* Runs one Tcl script. Returns 0 or an exit status after a message. */
static int build_run_tcl(struct build_model *b, const struct build_input *in)
{
    if (Tcl_EvalFile(b->interp, in->path) != TCL_OK) {
        build_tcl_report(b, in);
        return CLI_EXIT_FAIL;
    }
    return 0;
}

/* See build_input.h. */
int build_model_load(struct build_model *b, const struct build_input *in, int n)
{
    int nmorph = 0;
    for (int i = 0; i < n; i++)
        nmorph += in[i].kind == BUILD_SWC || in[i].kind == BUILD_ASC;
    for (int i = 0; i < n; i++) {
        nrn_model *m = build_model_get(b);
        char prefix[PATH_MAX], note[1024] = "";
        int rc = NRN_OK, first = 0, count = 0;
        prefix[0] = 0;
        if (nmorph > 1)
            build_prefix_of(in[i].shown, prefix, sizeof prefix);
        switch (in[i].kind) {
        case BUILD_TCL:
            if (build_run_tcl(b, &in[i]) != 0)
                return CLI_EXIT_FAIL;
            continue;
        case BUILD_SWC:
            rc = nrn_load_swc(m, in[i].path, prefix, &first, &count, note, sizeof note);
            break;
        case BUILD_ASC:
            rc = nrn_load_asc(m, in[i].path, prefix, &first, &count, note, sizeof note);
            break;
        case BUILD_CSV:
            rc = nrn_model_load_csv(m, in[i].path);
            break;
        default:
            rc = NRN_EINVAL;
            break;
        }
        if (rc != NRN_OK) {
            build_engine_report(&in[i], nrn_errmsg(m));
            return CLI_EXIT_FAIL;
        }
        if (b->verbose && (in[i].kind == BUILD_SWC || in[i].kind == BUILD_ASC))
            fprintf(stderr, "%s: %s: %d sections%s%s%s\n", PROG, in[i].shown, count,
                    prefix[0] ? ", named " : "", prefix, prefix[0] ? "*" : "");
        if (b->verbose && note[0])
            fprintf(stderr, "%s: %s: note: %s\n", PROG, in[i].shown, note);
    }
    return 0;
}
