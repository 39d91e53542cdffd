/*
** fuzz_tracecsv.c: nrn-plot's trace CSV reader (src/plot/csvin.c) with every column
** selected, the input fed in pieces (the first byte chooses the piece size, so that cells,
** quotes and line ends fall across pieces as they do when reading a pipe). Rules: an error
** is one line "NAME:LINE: ..."; every row has the selected number of values.
*/
#include "fuzz.h"
#include "plot.h"

struct sink {
    int nsel;
    long rows;
};

static int on_header(void *ud, struct csvin *r, const char *const *names, int n)
{
    struct sink *s = ud;
    int idx[64];
    (void)names;
    s->nsel = n < 64 ? n : 64;
    for (int i = 0; i < s->nsel; i++)
        idx[i] = i;
    return csvin_select(r, idx, s->nsel);
}

static int on_row(void *ud, const double *vals, int n, long line)
{
    struct sink *s = ud;
    FUZZ_ASSERT(n == s->nsel, "a row of %d values, %d selected", n, s->nsel);
    FUZZ_ASSERT(line >= 1, "row on line %ld", line);
    for (int i = 0; i < n; i++)
        (void)vals[i];
    s->rows++;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    size_t piece = 1 + data[0] % 64;
    data++, size--;
    struct sink s = {0, 0};
    struct csvin *r = csvin_new("trace.csv", ',', on_header, on_row, &s);
    if (!r)
        return 0;
    int rc = 0;
    for (size_t k = 0; k < size && rc == 0; k += piece)
        rc = csvin_feed(r, (const char *)data + k, size - k < piece ? size - k : piece);
    if (rc == 0)
        rc = csvin_finish(r);
    if (rc != 0)
        fuzz_one_line("trace csv", csvin_error(r), "trace.csv:");
    else
        FUZZ_ASSERT(csvin_rows(r) == s.rows && s.rows > 0, "rows %ld, delivered %ld",
                    csvin_rows(r), s.rows);
    csvin_free(&r);
    return 0;
}
