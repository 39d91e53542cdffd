/*
** nrnmpi.h: the interface of the MPI plugin (src/mpi/nrnmpi.c, built as nrnmpi.so), which
** the commands load with dlopen only when they run under mpirun or srun, so that a plain
** nrn-run neither links libmpi nor pays for it. No MPI type appears here: the loader
** (src/cli/cli_mpi.c) compiles without MPI's headers.
*/
#ifndef NRNMPI_H
#define NRNMPI_H

#define NRNMPI_API_VERSION 1

/* What the plugin does, on MPI_COMM_WORLD. Every call but rank/size is collective except
** abort; those that can fail return 0 or an MPI error code. */
struct nrnmpi_api {
    int version;                       /* NRNMPI_API_VERSION */
    int (*init)(void);                 /* MPI_Init (without the command line) */
    void (*finalize)(void);            /* MPI_Finalize */
    void (*abort)(int code);           /* MPI_Abort: every rank ends with code */
    int (*rank)(void);
    int (*size)(void);
    /* every rank's nbytes bytes, concatenated in rank order, into *all (malloc'ed; the
    ** caller frees it), *allbytes their total; counts[r] (size entries, may be NULL)
    ** receives rank r's byte count */
    int (*allgatherv)(const void *mine, int nbytes, void **all, int *allbytes, int *counts);
    /* x[0..n-1] combined elementwise: op 0 sum, 1 max, 2 min */
    int (*allreduce)(double *x, int n, int op);
    int (*barrier)(void);
};

/* The plugin's one exported symbol. */
const struct nrnmpi_api *nrnmpi_get_api(void);

#endif /* NRNMPI_H */
