/*
** fuzz_asc.c: the Neurolucida reader (nrn_load_asc). Rule: a refused file leaves one line
** "FILE:LINE: ..." and no section.
*/
#include "fuzz.h"
#include "nrn.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file("asc", ".asc", data, size);
    nrn_model *m = nrn_model_new();
    int first = -1, n = -1;
    char note[1024];
    int rc = nrn_load_asc(m, path, "c.", &first, &n, note, sizeof note);
    fuzz_loaded("asc load", rc == NRN_OK, nrn_errmsg(m), path, nrn_section_count(m), n);
    nrn_model_free(&m);
    unlink(path);
    return 0;
}
