/*
** nrnmpi.c: the MPI plugin (nrnmpi.h): the few collectives the parallel network needs
** (spike exchange, gid checks, reductions, gathering output on rank 0), over
** MPI_COMM_WORLD. Built alone into nrnmpi.so against Open MPI, and loaded at run time.
*/
#include <mpi.h>
#include <stdlib.h>
#include <string.h>

#include "nrnmpi.h"

static int mpi_init(void)
{
    int done = 0;
    MPI_Initialized(&done);
    return done ? MPI_SUCCESS : MPI_Init(NULL, NULL);
}

static void mpi_finalize(void)
{
    int done = 0;
    MPI_Finalized(&done);
    if (!done)
        MPI_Finalize();
}

static void mpi_abort(int code)
{
    MPI_Abort(MPI_COMM_WORLD, code);
}

static int mpi_rank(void)
{
    int r = 0;
    MPI_Comm_rank(MPI_COMM_WORLD, &r);
    return r;
}

static int mpi_size(void)
{
    int n = 1;
    MPI_Comm_size(MPI_COMM_WORLD, &n);
    return n;
}

static int mpi_allgatherv(const void *mine, int nbytes, void **all, int *allbytes, int *counts)
{
    int size = mpi_size(), rc;
    int *cnt = malloc(sizeof(int) * (size_t)size * 2);
    if (!cnt)
        return MPI_ERR_NO_MEM;
    int *displ = cnt + size;
    if ((rc = MPI_Allgather(&nbytes, 1, MPI_INT, cnt, 1, MPI_INT, MPI_COMM_WORLD))) {
        free(cnt);
        return rc;
    }
    long total = 0;
    for (int r = 0; r < size; r++) {
        displ[r] = (int)total;
        total += cnt[r];
    }
    char *buf = malloc(total > 0 ? (size_t)total : 1);
    if (!buf || total > 0x7fffffff) {
        free(buf);
        free(cnt);
        return MPI_ERR_NO_MEM;
    }
    rc = MPI_Allgatherv(mine, nbytes, MPI_BYTE, buf, cnt, displ, MPI_BYTE, MPI_COMM_WORLD);
    if (rc == MPI_SUCCESS && counts)
        memcpy(counts, cnt, sizeof(int) * (size_t)size);
    free(cnt);
    if (rc) {
        free(buf);
        return rc;
    }
    *all = buf;
    *allbytes = (int)total;
    return MPI_SUCCESS;
}

static int mpi_allreduce(double *x, int n, int op)
{
    MPI_Op o = op == 0 ? MPI_SUM : op == 1 ? MPI_MAX : MPI_MIN;
    return MPI_Allreduce(MPI_IN_PLACE, x, n, MPI_DOUBLE, o, MPI_COMM_WORLD);
}

static int mpi_barrier(void)
{
    return MPI_Barrier(MPI_COMM_WORLD);
}

static const struct nrnmpi_api api = {
    .version = NRNMPI_API_VERSION,
    .init = mpi_init,
    .finalize = mpi_finalize,
    .abort = mpi_abort,
    .rank = mpi_rank,
    .size = mpi_size,
    .allgatherv = mpi_allgatherv,
    .allreduce = mpi_allreduce,
    .barrier = mpi_barrier,
};

const struct nrnmpi_api *nrnmpi_get_api(void)
{
    return &api;
}
