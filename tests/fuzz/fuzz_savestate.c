/*
** fuzz_savestate.c: SaveState files (nrn_state_read) and their contents (nrn_state_restore)
** for a small model (hh soma, ExpSyn driven by a NetStim: v, states, events, random
** streams). An input whose first byte is even is the file itself; otherwise the rest is
** the state's contents, wrapped in a file with the right header, structure hash and
** checksum, so that the fuzzer reaches the restore as well as the checks before it.
** Rules: every refusal is one line; a restored model runs a few steps.
*/
#include "fuzz.h"
#include "nrn.h"
#include "nrn_int.h"

static nrn_model *model;
static nrn_state *good; /* restored after each input: every input starts from the same state */
static unsigned char header[28]; /* magic, version, structure hash, length */

/* The model, once, and the header of a file saved from it. */
static void setup(void)
{
    int s, syn, stim;
    model = nrn_model_new();
    FUZZ_ASSERT(model && nrn_section_new(model, "soma", &s) == NRN_OK &&
                    nrn_insert(model, s, "hh") == NRN_OK &&
                    nrn_pp_new(model, "ExpSyn", "syn", s, 0.5, &syn) == NRN_OK &&
                    nrn_pp_new(model, "NetStim", "stim", -1, 0.5, &stim) == NRN_OK &&
                    nrn_netcon_new(model, "nc", NULL, stim, syn, NULL) == NRN_OK &&
                    nrn_finitialize(model, -65) == NRN_OK,
                "setup: %s", model ? nrn_errmsg(model) : "out of memory");
    for (int k = 0; k < 40; k++)
        nrn_fadvance(model);
    nrn_state *st = nrn_state_save(model);
    const char *path = fuzz_file("savestate0", ".dat", (const uint8_t *)"", 0);
    FUZZ_ASSERT(st && nrn_state_write(model, st, path) == NRN_OK, "setup: %s",
                nrn_errmsg(model));
    FILE *f = fopen(path, "rb");
    FUZZ_ASSERT(f && fread(header, 1, sizeof header, f) == sizeof header, "setup: header");
    fclose(f);
    unlink(path);
    good = st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!model)
        setup();
    if (size < 1)
        return 0;
    const char *path;
    if (data[0] % 2 == 0) {
        path = fuzz_file("savestate", ".dat", data + 1, size - 1);
    } else {
        size_t n = size - 1;
        unsigned char *file = malloc(sizeof header + n + 4);
        if (!file)
            return 0;
        uint64_t len = n;
        uint32_t crc = state_crc32(data + 1, n);
        memcpy(file, header, sizeof header);
        memcpy(file + sizeof header - 8, &len, 8);
        memcpy(file + sizeof header, data + 1, n);
        memcpy(file + sizeof header + n, &crc, 4);
        path = fuzz_file("savestate", ".dat", file, sizeof header + n + 4);
        free(file);
    }
    nrn_state *st = NULL;
    int rc = nrn_state_read(model, path, &st);
    if (rc != NRN_OK) {
        fuzz_one_line("state read", nrn_errmsg(model), "");
    } else {
        rc = nrn_state_restore(model, st);
        if (rc != NRN_OK)
            fuzz_one_line("state restore", nrn_errmsg(model), "");
        else
            for (int k = 0; k < 3; k++)
                nrn_fadvance(model);
        nrn_state_free(&st);
    }
    FUZZ_ASSERT(nrn_state_restore(model, good) == NRN_OK, "restore: %s", nrn_errmsg(model));
    unlink(path);
    return 0;
}
