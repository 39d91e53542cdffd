/*
** fuzz.h: what the libFuzzer harnesses (tests/fuzz/fuzz_*.c) share: the input written to a
** file (the readers take paths), and the rule every reader must keep on bad input: one
** line of message, naming the file, and the model left as it was. A broken rule aborts, so
** libFuzzer saves the input like a crash. Header-only: each harness is one program.
*/
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Writes the input to this process's temporary file NAME-PID.SUFFIX and returns its path. */
static inline const char *fuzz_file(const char *name, const char *suffix, const uint8_t *data,
                                    size_t size)
{
    static char path[512];
    const char *dir = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/nrn-fuzz-%s-%ld%s", dir && *dir ? dir : "/tmp", name,
             (long)getpid(), suffix);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
        perror(path);
        abort();
    }
    return path;
}

/* Aborts (a finding) unless msg is one non-empty line that starts with prefix ("" = any). */
static inline void fuzz_one_line(const char *what, const char *msg, const char *prefix)
{
    if (!msg || !*msg || strchr(msg, '\n') || strchr(msg, '\r') ||
        strncmp(msg, prefix, strlen(prefix)) != 0) {
        fprintf(stderr, "%s: the message is not one line starting with \"%s\": \"%s\"\n", what,
                prefix, msg ? msg : "(null)");
        abort();
    }
}

/*
** The rule for a morphology loader's result: refused (ok 0), one line naming the file and
** no section left (nsec); accepted, count sections made and the model holds just them.
*/
static inline void fuzz_loaded(const char *what, int ok, const char *msg, const char *path,
                               int nsec, int count)
{
    if (!ok) {
        fuzz_one_line(what, msg, path);
        if (nsec != 0) {
            fprintf(stderr, "%s: a refused file left %d sections\n", what, nsec);
            abort();
        }
    } else if (count <= 0 || nsec != count) {
        fprintf(stderr, "%s: %d sections made, the model holds %d\n", what, count, nsec);
        abort();
    }
}

/* Aborts (a finding) with a message when cond is false. */
#define FUZZ_ASSERT(cond, ...)                                                                 \
    do {                                                                                       \
        if (!(cond)) {                                                                         \
            fprintf(stderr, "fuzz: " __VA_ARGS__);                                             \
            fputc('\n', stderr);                                                               \
            abort();                                                                           \
        }                                                                                      \
    } while (0)

#endif /* FUZZ_H */
