/*
** fuzz_points.c: nrn-sweep's --points reader (sweep_plan_from_buf, src/cli/sweep/sweep_points.c). Rules:
** an error is one line "FILE:LINE: ..." (or "FILE: ..."); a plan read has points, each
** with an id.
*/
#include "fuzz.h"
#include "sweep_plan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = "points.csv";
    struct sweep_plan plan;
    char err[512] = "";
    memset(&plan, 0, sizeof plan);
    if (sweep_plan_from_buf(&plan, path, (const char *)data, size, err, sizeof err) != 0) {
        fuzz_one_line("points", err, path);
    } else {
        FUZZ_ASSERT(plan.nparams > 0 && plan.npoints > 0, "%d parameters, %zu points",
                    plan.nparams, plan.npoints);
        for (size_t k = 0; k < plan.npoints; k++)
            FUZZ_ASSERT(strlen(plan.id[k]) == SWEEP_ID_SIZE - 1, "point %zu has no id", k);
    }
    sweep_plan_free(&plan);
    return 0;
}
