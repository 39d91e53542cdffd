/*
** morph.c: helpers shared by the morphology readers (swc.c, asc.c) that are not part of
** the Import3d port itself: the argument checks of a loader, reading a whole file.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include "morph.h"
#include "nrn_int.h"

/*
** The checks a loader starts with: clears note, then NRN_EINVAL without a model, or
** without a file name (an error on m, "WHAT: no file name"); NRN_OK to go on.
*/
int morph_load_begin(nrn_model *m, const char *path, const char *what, char *note,
                     size_t notesize)
{
    if (note && notesize)
        note[0] = 0;
    if (!m)
        return NRN_EINVAL;
    if (!path || !*path)
        return model_err(m, NRN_EINVAL, "%s: no file name", what);
    return NRN_OK;
}

/* Reads the whole file into a NUL-terminated buffer; NULL on failure (errno set). */
char *morph_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n + 1 >= cap) {
            char *p = realloc(buf, cap * 2);
            if (!p) {
                free(buf);
                buf = NULL;
                errno = ENOMEM;
                break;
            }
            buf = p, cap *= 2;
        }
        size_t k = fread(buf + n, 1, cap - n - 1, f);
        n += k;
        if (k == 0) {
            if (ferror(f)) {
                free(buf);
                buf = NULL;
                errno = EIO;
            }
            break;
        }
    }
    fclose(f);
    if (buf) {
        buf[n] = 0;
        *len = n;
    }
    return buf;
}
