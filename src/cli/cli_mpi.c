/*
** cli_mpi.c: see cli_mpi.h. The plugin's path: $NRN_MPI_PLUGIN, else
** <executable's directory>/../lib/nrn/nrnmpi.so (an installed tree), else the build tree's
** (NRN_MPI_PLUGIN_BUILD, set by the Makefile). The adapters turn the plugin's byte-wise
** allgather into the engine's nrn_comm.
*/
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_mpi.h"
#include "cli_opt.h"

#ifndef NRN_MPI_PLUGIN_BUILD
#define NRN_MPI_PLUGIN_BUILD ""
#endif

/* 1 when a launcher started this process as one of several ranks. */
static int cli_mpi_launched(void)
{
    static const char *const vars[] = { "OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE",
                                        "PMI_RANK", NULL };
    for (int i = 0; vars[i]; i++)
        if (getenv(vars[i]))
            return 1;
    return 0;
}

/* Allgathers n items of size elem (nrn_comm's shape). */
static int cli_mpi_gather(void *ud, const void *mine, int n, size_t elem, void **all,
                          int *nall)
{
    const struct nrnmpi_api *api = ud;
    int bytes = 0;
    if (api->allgatherv(mine, n * (int)elem, all, &bytes, NULL))
        return 1;
    *nall = bytes / (int)elem;
    return 0;
}

static int cli_mpi_spikes(void *ud, const nrn_spike *mine, int n, nrn_spike **all, int *nall)
{
    return cli_mpi_gather(ud, mine, n, sizeof *mine, (void **)all, nall);
}

static int cli_mpi_ints(void *ud, const int *mine, int n, int **all, int *nall)
{
    return cli_mpi_gather(ud, mine, n, sizeof *mine, (void **)all, nall);
}

static int cli_mpi_reduce(void *ud, double *x, int n, int op)
{
    const struct nrnmpi_api *api = ud;
    return api->allreduce(x, n, op) != 0;
}

/* Why the last cli_mpi_load failed ("" if the file is missing). */
static char cli_mpi_why[256];

/* Tries to load the plugin at path; 0 on success. */
static int cli_mpi_load(struct cli_mpi *mp, const char *path)
{
    const struct nrnmpi_api *(*get)(void);
    cli_mpi_why[0] = '\0';
    if (!path[0] || access(path, R_OK) != 0)
        return 1;
    if (!(mp->handle = dlopen(path, RTLD_NOW | RTLD_GLOBAL))) {
        const char *e = dlerror();
        snprintf(cli_mpi_why, sizeof cli_mpi_why, ": %s", e ? e : "dlopen failed");
        return 1;
    }
    *(void **)&get = dlsym(mp->handle, "nrnmpi_get_api");
    mp->api = get ? get() : NULL;
    if (!mp->api || mp->api->version != NRNMPI_API_VERSION) {
        mp->api = NULL;
        dlclose(mp->handle);
        mp->handle = NULL;
        snprintf(cli_mpi_why, sizeof cli_mpi_why, ": %s is not an nrnmpi plugin", path);
        return 1;
    }
    return 0;
}

int cli_mpi_start(const char *prog, struct cli_mpi *mp)
{
    const char *env = getenv("NRN_MPI_PLUGIN");
    char exe[PATH_MAX], path[PATH_MAX + 32];
    ssize_t n;

    memset(mp, 0, sizeof *mp);
    if (!cli_mpi_launched() && !(env && env[0]))
        return 0;
    path[0] = '\0';
    if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash)
            *slash = '\0';
        snprintf(path, sizeof path, "%s/../lib/nrn/nrnmpi.so", exe);
    }
    if (env && env[0] ? cli_mpi_load(mp, env) != 0
                      : cli_mpi_load(mp, path) != 0 && cli_mpi_load(mp, NRN_MPI_PLUGIN_BUILD) != 0) {
        cli_error(prog, "started by mpirun, but the MPI plugin %s cannot be loaded%s",
                  env && env[0] ? env : "nrnmpi.so", cli_mpi_why);
        return CLI_EXIT_FAIL;
    }
    if (mp->api->init() != 0) {
        cli_error(prog, "MPI_Init failed");
        return CLI_EXIT_FAIL;
    }
    mp->comm = (nrn_comm){ .rank = mp->api->rank(), .size = mp->api->size(),
                           .ud = (void *)mp->api, .allgather_spikes = cli_mpi_spikes,
                           .allgather_ints = cli_mpi_ints, .allreduce = cli_mpi_reduce };
    return 0;
}

void cli_mpi_end(struct cli_mpi *mp, int rc)
{
    if (!mp->api)
        return;
    if (rc != 0 && mp->comm.size > 1 && !mp->agreed) {
        fflush(stdout);
        fflush(stderr);
        mp->api->abort(rc);
    }
    mp->api->finalize();
}
