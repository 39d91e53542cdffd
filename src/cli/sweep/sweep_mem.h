/*
** sweep_mem.h: the results of a sweep without a database file, kept in memory (sweep_db.c
** hands over to it when no --db is given). Nothing is resumed from memory, so an SQLite
** database there would only cost time: a few microseconds per stored row and milliseconds
** to set up and to read back, against a sweep point's tens of microseconds.
*/
#ifndef SWEEP_MEM_H
#define SWEEP_MEM_H

#include <stdio.h>

#include "sweep_plan.h"

struct sweep_mem;

/* A store for every point of plan with nfeats features (feat_int[j]: an integer count).
** NULL when out of memory. */
struct sweep_mem *sweep_mem_new(const struct sweep_plan *plan, int nfeats, const int *feat_int);
/* Stores point k's row as sweep_db_put does. 0 or -1 (out of memory). */
int sweep_mem_put(struct sweep_mem *m, size_t k, const double *vals, int ok, const char *error,
                  double seconds);
/* Writes the header (names as given) and the stored rows in plan order, as sweep_db_csv
** would from the same rows. 0 or -1 (write error). */
int sweep_mem_csv(const struct sweep_mem *m, const char *const *feat_names, FILE *fp, int digits);
void sweep_mem_free(struct sweep_mem *m);

#endif /* SWEEP_MEM_H */
