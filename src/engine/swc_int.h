/*
** swc_int.h: private interface between the SWC reader (swc.c) and the SWC checker
** (swc_check.c): the sample table, the line reader and the id lookups both use.
*/
#ifndef SWC_INT_H
#define SWC_INT_H

#include <stddef.h>

/* The samples of a file. */
struct swc_data {
    int n, cap;
    long *id, *pid;
    int *type, *line;
    double *x, *y, *z, *d;   /* d = 2 * radius */
    int *pidx;               /* index of the parent sample, -1 for the root */
};

/* An (id, sample index) pair for sorting. */
struct swc_key {
    long id;
    int idx;
};

/* Frees the sample arrays. */
void swc_data_free(struct swc_data *s);
/* Appends the sample v (id, type, x, y, z, radius, parent) of file line lineno; 0 or -1. */
int swc_data_add(struct swc_data *sd, const double v[7], int lineno);
/*
** Parses a data line into v (id, type, x, y, z, radius, parent): x, y, z and the radius
** are read as floats as hoc's sscanf("%f") does. Returns 0, or -1 with msg set.
*/
int swc_parse(const char *p, double v[7], char *msg, size_t size);
/*
** Cuts the line at *p out of the text ending at end: NUL-terminates it, moves *p past it
** and returns its first character that is not white space; NULL when the line holds a
** NUL byte (a binary file).
*/
char *swc_cut_line(char **p, char *end);
/* byid: the sample indices of sd in the order of their ids; keys is scratch for sd->n. */
void swc_order_by_id(const struct swc_data *sd, struct swc_key *keys, int *byid);
/* Index of the sample with id key in the sorted index array, or -1. */
int swc_find_id(const struct swc_data *sd, const int *byid, long key);

#endif /* SWC_INT_H */
