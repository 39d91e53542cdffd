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
** Records streamed under MPI: at each exchange between ranks (nrn_par_set_exchange_callback,
** the same point on every rank) the rows since the last go to rank 0, which writes them.
*/
struct run_mpi_rows {
    const char *prog;
    nrntcl *st;
    const struct cli_mpi *mp;
    FILE *fp;              /* rank 0's output */
    int digits;
    long long done;        /* this rank's rows already gathered */
    int started;           /* the first step happened (the same on every rank) */
    int stopped;           /* rank 0: the columns changed, later rows left out */
    int failed;            /* a step failed on every rank */
    char *sig;             /* rank 0: the header's column names, packed (NULL: no header yet) */
    size_t siglen;
};
/* The exchange callback (nrn_exchange_fn) of a struct run_mpi_rows ud. Collective. */
void run_mpi_on_exchange(void *ud, nrn_model *m);
void run_mpi_rows_free(struct run_mpi_rows *r);
/*
** Collective: rank 0 writes one CSV to fp with t (its own) first, then its other columns,
** then those of rank 1, 2, ... in rank order, each rank's in its output order (a column
** named t of another rank is left out); numbers as write_csv's with digits. Nothing when
** no rank records. With r whose stream started: only the rows since its last step (r's
** fp and digits). Returns 0, or -1 after a message naming prog.
*/
int run_mpi_write_records(const char *prog, nrntcl *st, const struct cli_mpi *mp, FILE *fp,
                          int digits, struct run_mpi_rows *r);

#endif /* RUN_MPI_H */
