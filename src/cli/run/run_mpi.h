/*
** run_mpi.h: nrn-run's output under mpirun: every rank's spikes gathered into rank 0's
** --spikes file, sorted by (t, gid).
*/
#ifndef RUN_MPI_H
#define RUN_MPI_H

#include <stdio.h>

#include "cli_mpi.h"

/* This rank's spikes, packed as (t, gid, label length, label) records. */
struct run_mpi_spikes {
    char *buf;
    size_t n, cap;
    int nomem; /* a spike could not be kept */
};

/* The spike callback (nrn_spike_fn) that keeps spikes in the struct run_mpi_spikes ud. */
void run_mpi_on_spike(void *ud, nrn_model *m, const char *source, double t);
/*
** Collective: gathers every rank's spikes; rank 0 writes "source,t,gid" and one row per
** spike sorted by (t, gid, source) to fp (gid empty for a source without one), numbers with
** digits significant digits (0: shortest). Returns 0, or -1 after a message naming prog.
*/
int run_mpi_write_spikes(const char *prog, struct run_mpi_spikes *s, const struct cli_mpi *mp,
                         FILE *fp, int digits);
void run_mpi_spikes_free(struct run_mpi_spikes *s);

#endif /* RUN_MPI_H */
