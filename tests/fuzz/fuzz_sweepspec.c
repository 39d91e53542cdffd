/*
** fuzz_sweepspec.c: nrn-sweep's -p NAME=SPEC parsing (sweep_param_parse) and the plan built
** from the parameters (sweep_plan_build, grid or zip; the last byte chooses). Each input
** line is one -p argument. Rules: an error is one line; a grid of at most 100,000 points
** is built (bigger ones are nrn-sweep's memory check, not the parser's).
*/
#include <math.h>
#include "fuzz.h"
#include "sweep_plan.h"

#define MAXP 8

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 4096)
        return 0;
    int zip = data[size - 1] & 1;
    char *text = malloc(size);
    if (!text)
        return 0;
    memcpy(text, data, size - 1);
    text[size - 1] = 0;
    struct sweep_param p[MAXP];
    int n = 0, ok = 1;
    char err[512];
    for (char *line = text, *next; line && n < MAXP; line = next) {
        if ((next = strchr(line, '\n')) != NULL)
            *next++ = 0;
        memset(&p[n], 0, sizeof p[n]);
        err[0] = 0;
        if (sweep_param_parse(line, &p[n], err, sizeof err) != 0) {
            fuzz_one_line("sweep spec", err, "");
            ok = 0;
            break;
        }
        FUZZ_ASSERT(p[n].nvals > 0, "-p %s: no values", line);
        n++;
    }
    double points = 1;
    for (int i = 0; i < n; i++)
        points *= p[i].nvals;
    if (ok && n > 0 && points <= 1e5) {
        struct sweep_plan plan;
        memset(&plan, 0, sizeof plan);
        err[0] = 0;
        if (sweep_plan_build(&plan, p, n, zip, err, sizeof err) != 0)
            fuzz_one_line("sweep plan", err, "");
        else
            FUZZ_ASSERT(plan.npoints >= 1, "an empty plan");
        sweep_plan_free(&plan);
    }
    for (int i = 0; i < n; i++) /* the plan took them when it was built (zeroed here) */
        sweep_param_free(&p[i]);
    free(text);
    return 0;
}
