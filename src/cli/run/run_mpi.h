/*
** run_mpi.h: nrn-run's output under mpirun: every rank's spikes gathered into rank 0's
** --spikes file, sorted by (t, gid); every rank's record columns into rank 0's CSV.
*/
#ifndef RUN_MPI_H
#define RUN_MPI_H

#include <stdio.h>

#include "cli_mpi.h"
#include "nrntcl.h"

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
/*
** Collective: rank 0 writes one CSV to fp with t (its own) first, then its other columns,
** then those of rank 1, 2, ... in rank order, each rank's in its output order (a column
** named t of another rank is left out); numbers as write_csv's with digits. Nothing when
** no rank records. Returns 0, or -1 after a message naming prog.
*/
int run_mpi_write_records(const char *prog, nrntcl *st, const struct cli_mpi *mp, FILE *fp,
                          int digits);

#endif /* RUN_MPI_H */
