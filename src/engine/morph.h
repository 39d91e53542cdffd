/*
** morph.h: private interface shared by the morphology readers (swc.c, asc.c).
**
** Both readers build the list of Import3d sections NEURON 8.2.2's readers build
** (Import3d_Section: raw points, first, parent, parentx, type) and hand it to
** morph_instantiate(), the port of Import3d_GUI.instantiate (chk_valid, set_nameindex,
** create type by type, connect, pt3dadd with "%.8g"), which only uses the public API.
*/
#ifndef MORPH_H
#define MORPH_H

#include <stddef.h>
#include "nrn.h"

/* One Import3d_Section. */
struct morph_sec {
    int id;          /* Import3d's id: index of the first own sample */
    int line;        /* file line of the section's last sample (messages) */
    int npt, cap;    /* raw points */
    double *x, *y, *z, *d;
    int first;       /* 1: raw point 0 is the start of a wire (pt3dstyle), not a 3-D point */
    int parent;      /* index of the parent section, -1 for a root */
    double parentx;  /* connection point on the parent */
    int type;        /* SWC type code */
    int removed;     /* dropped by chk_valid */
    int nameindex;   /* index within its type's array */
};

/* The sections of one file. */
struct morph {
    int nsec, cap;
    struct morph_sec *sec;
    int nremoved;           /* sections dropped by chk_valid */
};

/* Appends an empty section; returns its index or -1 (ENOMEM). */
int morph_add(struct morph *mo);
/* Appends one raw point to section s; returns 0 or -1 (ENOMEM). */
int morph_sec_push(struct morph_sec *s, double x, double y, double z, double d);
/* Frees everything mo owns. */
void morph_release(struct morph *mo);
/* x rounded through "%.8g", as Import3d's sprint of every pt3dadd argument. */
double morph_g8(double v);
/* Appends text to the note buffer, separated by "; ". */
void morph_note_add(char *note, size_t size, const char *text);
/*
** Import3d_GUI.instantiate: removes degenerate sections (chk_valid), names the rest,
** checks the names are free, then creates, connects and fills the sections through
** the public API. path is for messages.
*/
int morph_instantiate(nrn_model *m, struct morph *mo, const char *path, const char *prefix,
                    int *first, int *count);
/* morph.c: the loaders' first checks (clears note; NRN_EINVAL without m or path). */
int morph_load_begin(nrn_model *m, const char *path, const char *what, char *note,
                     size_t notesize);
/* morph.c: reads the whole file into a NUL-terminated buffer; NULL on failure (errno set). */
char *morph_slurp(const char *path, size_t *len);

#endif /* MORPH_H */
