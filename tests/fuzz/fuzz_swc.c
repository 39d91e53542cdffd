/*
** fuzz_swc.c: the SWC reader (nrn_load_swc) and checker (nrn_swc_check) on the same bytes.
** Rules: a refused file leaves one line "FILE:LINE: ..." and no section; the checker finds
** no problem exactly when the loader accepts the file.
*/
#include "fuzz.h"
#include "nrn.h"
#include "nrn_check.h"

static void count(void *ud, int line, const char *msg)
{
    (void)line;
    fuzz_one_line("swc check", msg, "");
    ++*(int *)ud;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file("swc", ".swc", data, size);
    nrn_model *m = nrn_model_new();
    int first = -1, n = -1;
    char note[1024];
    int rc = nrn_load_swc(m, path, "c.", &first, &n, note, sizeof note);
    fuzz_loaded("swc load", rc == NRN_OK, nrn_errmsg(m), path, nrn_section_count(m), n);
    FUZZ_ASSERT(rc != NRN_OK || first == 0, "first section %d", first);
    int seen = 0, problems = nrn_swc_check(path, count, &seen);
    if (rc != NRN_ENOMEM && problems >= 0)
        FUZZ_ASSERT((rc == NRN_OK) == (problems == 0),
                    "load says %s (%s) but --check finds %d problems", nrn_status_name(rc),
                    nrn_errmsg(m), problems);
    nrn_model_free(&m);
    unlink(path);
    return 0;
}
