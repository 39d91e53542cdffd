/*
** fuzz_modelcsv.c: the model CSV reader (nrn_model_load_csv, nrn-run -m, nrn-build's .csv).
** Rules: a refused file leaves one line "FILE:LINE: ..." (or "FILE: ..."); a model that
** loads writes back out and that text loads again and writes back identically.
*/
#include "fuzz.h"
#include "nrn.h"

/* The model as CSV text (malloc'd), or NULL if writing fails. */
static char *as_text(nrn_model *m, size_t *len)
{
    char *text = NULL;
    FILE *f = open_memstream(&text, len);
    if (!f)
        return NULL;
    int rc = nrn_model_write_csv(m, f);
    if (fclose(f) != 0 || rc != NRN_OK) {
        free(text);
        return NULL;
    }
    return text;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[512];
    snprintf(path, sizeof path, "%s", fuzz_file("modelcsv", ".csv", data, size));
    nrn_model *m = nrn_model_new();
    int rc = nrn_model_load_csv(m, path);
    if (rc != NRN_OK) {
        fuzz_one_line("model csv load", nrn_errmsg(m), path);
    } else {
        size_t n1 = 0, n2 = 0;
        char *t1 = as_text(m, &n1);
        FUZZ_ASSERT(t1, "a loaded model does not write: %s", nrn_errmsg(m));
        const char *again = fuzz_file("modelcsv2", ".csv", (const uint8_t *)t1, n1);
        nrn_model *m2 = nrn_model_new();
        rc = nrn_model_load_csv(m2, again);
        FUZZ_ASSERT(rc == NRN_OK, "the written model does not load: %s", nrn_errmsg(m2));
        char *t2 = as_text(m2, &n2);
        FUZZ_ASSERT(t2 && n1 == n2 && memcmp(t1, t2, n1) == 0,
                    "the model written, read and written again changed");
        free(t1), free(t2);
        nrn_model_free(&m2);
        unlink(again);
    }
    nrn_model_free(&m);
    unlink(path);
    return 0;
}
