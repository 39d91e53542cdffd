/*
** cli_mpi.h: MPI for the commands, found at run time. Under mpirun or srun (their
** environment variables say so) the MPI plugin nrnmpi.so is loaded with dlopen and
** initialized; otherwise nothing is loaded and the process is the only rank.
*/
#ifndef CLI_MPI_H
#define CLI_MPI_H

#include "nrn.h"
#include "nrnmpi.h"

struct cli_mpi {
    const struct nrnmpi_api *api; /* the plugin, or NULL: one rank, no MPI */
    void *handle;                 /* dlopen's handle */
    nrn_comm comm;                /* the engine's view of the ranks */
    int agreed;                   /* the ranks know they all fail: no MPI_Abort needed */
};

/*
** Loads and initializes MPI when the process was started by mpirun or srun (or when
** NRN_MPI_PLUGIN names the plugin). Returns 0 (mp->api NULL when not under MPI), or an
** exit status after a one-line message naming prog.
*/
int cli_mpi_start(const char *prog, struct cli_mpi *mp);
/* rc 0, or a failure every rank shares (agreed): MPI_Finalize; else MPI_Abort(rc), which
** ends every rank, so that none waits forever for one that failed (no return). */
void cli_mpi_end(struct cli_mpi *mp, int rc);

#endif /* CLI_MPI_H */
