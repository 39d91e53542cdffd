/*
** fuzz_nmodl.c: the NMODL translator (src/nmodl/) on any bytes: parse, analyze, generate C.
** Rules: each pass either succeeds or leaves one line "FILE:LINE:COL: message" (a message
** that starts with the file's name) and nothing else happens: no crash, no hang, no leak.
** The C goes to a memory stream that is thrown away; compiling it is nrn-build mod's job.
*/
#include "fuzz.h"
#include "nmodl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char path[] = "fuzz.mod";
    char err[1024] = "";
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0'; /* a NUL inside the input ends the text, as a C string reader would */
    nm_tree *t = nm_parse_text(path, text, err, sizeof err);
    if (!t) {
        fuzz_one_line("nmodl parse", err, path);
    } else {
        err[0] = '\0';
        nm_mech *m = nm_analyze(t, err, sizeof err);
        if (!m) {
            fuzz_one_line("nmodl analyze", err, path);
        } else {
            char *buf = NULL;
            size_t len = 0;
            FILE *out = open_memstream(&buf, &len);
            err[0] = '\0';
            if (out) {
                if (nm_emit_c(m, out, err, sizeof err) != 0)
                    fuzz_one_line("nmodl emit", err, path);
                fclose(out);
            }
            free(buf);
            nm_mech_free(m);
        }
        nm_tree_free(t);
    }
    free(text);
    return 0;
}
