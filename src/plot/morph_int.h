/*
** morph_int.h: private interface between the model-CSV reader (morph.c) and the layout
** (morph_layout.c) of nrn-plot's morphology plots.
*/
#ifndef NRN_PLOT_MORPH_INT_H
#define NRN_PLOT_MORPH_INT_H

#include "plot.h"

/* A connect row kept until the end of input (sibling order needs every orientation). */
struct morph_conn {
    int child, parent;
    double x;
    int end;
    long line;
};

/* morph.c: records "NAME:LINE: message" (the first error only). Returns -1. */
int morph_fail(struct morph *m, long line, const char *fmt, ...);
/* morph.c: the 0-based index of the segment containing x in a section of n segments. */
int morph_seg_at(int n, double x);

/* Cumulative arc lengths (spec 1.5: differences rounded to float, sums in double). */
int morph_layout_arcs(struct morph_sec *s);
/* Applies the nconn connect rows conn in file order, as NEURON's connect would. */
int morph_layout_connect(struct morph *m, const struct morph_conn *conn, int nconn);
/* Sections in tree order: roots in creation order, then breadth first along sibling lists. */
int morph_layout_order(struct morph *m);
/* NEURON's define_shape over the tree order (see morph_layout.c). */
int morph_layout_shape(struct morph *m);

#endif /* NRN_PLOT_MORPH_INT_H */
