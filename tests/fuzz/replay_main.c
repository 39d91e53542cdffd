/*
** replay_main.c: a main() for the fuzz harnesses without libFuzzer, so that `make test`
** (with gcc, and under the sanitizers in `make asan`) replays the seed corpus and every
** saved finding (tests/fuzz/regress/NAME/) through the same code: each file given is one
** input; a crash or a broken rule aborts, as under libFuzzer.
*/
#include "fuzz.h"

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            perror(argv[i]);
            return 2;
        }
        size_t cap = 1 << 16, n = 0, k;
        uint8_t *buf = malloc(cap);
        while (buf && (k = fread(buf + n, 1, cap - n, f)) > 0) {
            n += k;
            if (n == cap) {
                uint8_t *q = realloc(buf, cap *= 2);
                if (!q)
                    free(buf);
                buf = q;
            }
        }
        fclose(f);
        if (!buf) {
            fprintf(stderr, "%s: out of memory\n", argv[i]);
            return 2;
        }
        LLVMFuzzerTestOneInput(buf, n);
        free(buf);
    }
    return 0;
}
