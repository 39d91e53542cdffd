/*
** csvout.h: writing CSV fields through libcsv: text fields quoted only when they need it
** (a comma, a quote, a line break, or space at either end), numbers in numfmt's form.
** Rows end in "\n", as NEURON's reference files do. No Tcl here.
*/
#ifndef CSVOUT_H
#define CSVOUT_H

#include <stdio.h>

/* Writes text field s, preceded by a comma unless first. Returns 0, or -1 on a write error. */
int csvout_text(FILE *fp, const char *s, int first);

/* Writes x (numfmt_double with digits), preceded by a comma unless first. 0 or -1. */
int csvout_number(FILE *fp, double x, int digits, int first);

/* Ends the row. Returns 0, or -1 on a write error. */
int csvout_end(FILE *fp);

#endif /* CSVOUT_H */
