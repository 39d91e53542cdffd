/*
** build_check.c: nrn-build --check (see build_check.h).
*/
#include "build_check.h"

#include <stdio.h>
#include <string.h>

#include "cli_opt.h"
#include "nrn_check.h"

#define PROG "nrn-build"

/* Prints one problem of the file named by ud. */
static void build_check_report(void *ud, int line, const char *msg)
{
    const char *name = ud;
    if (line > 0)
        fprintf(stderr, "%s: %s:%d: %s\n", PROG, name, line, msg);
    else
        fprintf(stderr, "%s: %s: %s\n", PROG, name, msg);
}

/* Loads a file into a scratch model; 0, or 1 after the message. */
static int build_check_load(const struct build_input *in)
{
    nrn_model *m = nrn_model_new();
    int rc;
    if (!m) {
        cli_error(PROG, "out of memory");
        return 1;
    }
    if (in->kind == BUILD_CSV)
        rc = nrn_model_load_csv(m, in->path);
    else
        rc = nrn_load_asc(m, in->path, NULL, NULL, NULL, NULL, 0);
    if (rc != NRN_OK) {
        const char *msg = nrn_errmsg(m);
        size_t n = strlen(in->path);
        if (in->path != in->shown && strncmp(msg, in->path, n) == 0)
            fprintf(stderr, "%s: %s%s\n", PROG, in->shown, msg + n);
        else
            fprintf(stderr, "%s: %s\n", PROG, msg);
    }
    nrn_model_free(&m);
    return rc != NRN_OK;
}

/* See build_check.h. */
int build_check(const struct build_input *in, int n)
{
    int bad = 0;
    for (int i = 0; i < n; i++) {
        if (in[i].kind == BUILD_SWC)
            bad |= nrn_swc_check(in[i].path, build_check_report, (void *)in[i].shown) != 0;
        else
            bad |= build_check_load(&in[i]);
    }
    return bad ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}
