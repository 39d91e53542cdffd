/*
** cmd_vecread.c: one column of a CSV file into a named vector (`vector read`), so that a
** recorded trace can be played back or compared. The CSV is read by the plotting
** library's reader (src/plot/csvin.c: header line, '#' comment lines, quoted fields,
** "FILE:LINE: message" errors), which nrn-plot uses on the same files.
**
**     vector read NAME FILE COLUMN
**
** COLUMN is a header name (`soma(0.5).v`), or a column number counted from 1 when no
** header has that name. Empty cells at the end of the column (a shorter column of
** write_csv) are dropped; an empty cell followed by a number is an error.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nrntcl_int.h"
#include "plot.h"

/* What the reader's callbacks share. */
struct vecread {
    const char *column; /* COLUMN as given */
    double *a;          /* values read */
    size_t n, cap;      /* count and capacity of a */
    size_t nvalid;      /* count up to the last number (later cells were empty) */
    long gap;           /* line of the first empty cell, 0 if none yet */
};

/* Header: selects COLUMN by name, else by number. */
static int vecread_header(void *ud, struct csvin *r, const char *const *names, int n)
{
    struct vecread *v = ud;
    char *end;
    long k;
    for (int i = 0; i < n; i++)
        if (strcmp(names[i], v->column) == 0)
            return csvin_select(r, &i, 1);
    k = strtol(v->column, &end, 10);
    if (end != v->column && *end == '\0' && k >= 1 && k <= n) {
        int i = (int)k - 1;
        return csvin_select(r, &i, 1);
    }
    return csvin_fail(r, "no column \"%s\" (the header has %d column%s)", v->column, n,
                      n == 1 ? "" : "s");
}

/* Row: appends the cell; empty (NaN) cells are allowed only at the end. */
static int vecread_row(void *ud, const double *vals, int n, long line)
{
    struct vecread *v = ud;
    (void)n;
    if (vals[0] != vals[0]) {
        if (v->gap == 0)
            v->gap = line;
        return 0;
    }
    if (v->gap != 0)
        return -1;
    if (v->n == v->cap) {
        size_t cap = v->cap ? 2 * v->cap : 1024;
        double *a = realloc(v->a, cap * sizeof *a);
        if (a == NULL)
            return -1;
        v->a = a;
        v->cap = cap;
    }
    v->a[v->n++] = vals[0];
    v->nvalid = v->n;
    return 0;
}

/* Reads FILE through r; 0, or -1 with the reader's error or errno set. */
static int vecread_file(struct csvin *r, FILE *f)
{
    char buf[65536];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0)
        if (csvin_feed(r, buf, got) != 0)
            return -1;
    if (ferror(f))
        return csvin_fail(r, "read error: %s", strerror(errno));
    return csvin_finish(r);
}

/* See nrntcl_int.h. vector read NAME FILE COLUMN. Result: the number of values read. */
int nrntcl_vector_read(Tcl_Interp *interp, struct nrntcl *st, int objc, Tcl_Obj *const objv[])
{
    struct vecread v = { 0 };
    const char *name, *file;
    struct csvin *r;
    FILE *f;
    int id, rc;

    if (objc != 5) {
        Tcl_WrongNumArgs(interp, 2, objv, "NAME FILE COLUMN");
        return TCL_ERROR;
    }
    name = Tcl_GetString(objv[2]);
    file = Tcl_GetString(objv[3]);
    v.column = Tcl_GetString(objv[4]);
    if (name[0] == '\0')
        return nrntcl_fail(interp, NRN_EINVAL, "empty vector name");
    if (nrntcl_column_find(st, name) >= 0)
        return nrntcl_fail(interp, NRN_EEXIST, "a recorded column is named \"%s\"", name);
    if ((f = fopen(file, "r")) == NULL)
        return nrntcl_fail(interp, NRN_EIO, "cannot read \"%s\": %s", file, strerror(errno));
    if ((r = csvin_new(file, ',', vecread_header, vecread_row, &v)) == NULL) {
        fclose(f);
        return nrntcl_fail(interp, NRN_ENOMEM, "out of memory");
    }
    rc = vecread_file(r, f);
    fclose(f);
    if (rc != 0) {
        if (v.gap != 0)
            rc = nrntcl_fail(interp, NRN_EFORMAT, "%s:%ld: column \"%s\" has an empty cell at line %ld "
                             "and numbers after it", file, csvin_line(r), v.column, v.gap);
        else
            rc = nrntcl_fail(interp, NRN_EFORMAT, "%s", csvin_error(r));
        csvin_free(&r);
        free(v.a);
        return rc;
    }
    csvin_free(&r);
    rc = nrn_vector_set(st->m, name, v.a, v.nvalid, &id);
    free(v.a);
    if (rc != NRN_OK)
        return nrntcl_engine_fail(interp, st, rc);
    Tcl_SetObjResult(interp, Tcl_NewWideIntObj((Tcl_WideInt)v.nvalid));
    return TCL_OK;
}
