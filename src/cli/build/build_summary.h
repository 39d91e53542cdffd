/*
** build_summary.h: nrn-build --summary, the facts NEURON's ModelView shows, as text.
**
** Layout (man nrn-build, SUMMARY): the model's section and segment counts; then per real
** cell (a root section and everything attached to it): its sections and segments, the
** distinct values of nseg, the inserted mechanisms with their parameters (one value, or
** the number of distinct values and their range), the subsets of sections that share
** parameter values, the sections whose parameters vary along them, and its point
** processes; then the artificial cells; then the globals. Two-space indentation shows
** the nesting, as ModelView's tree does.
*/
#ifndef BUILD_SUMMARY_H
#define BUILD_SUMMARY_H

#include <stdio.h>

#include "nrn.h"

/*
** Writes the summary of m to out. Returns 0, or 1 after a message "nrn-build: ..."
** (out of memory, or the temporary file the point processes are read from).
*/
int build_summary(nrn_model *m, FILE *out);

/* A number as the summary prints it: the shortest exact form, no ".0" ("100", "1e-05"). */
char *build_num(char *buf, double v);

#endif /* BUILD_SUMMARY_H */
