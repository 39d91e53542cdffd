/*
** nrntcl_cols.c: record columns. Engine record k is column k; the layer keeps its name
** (the path, or `record PATH -as COLUMN`) and writes columns out as CSV, t first.
*/
#include <stdlib.h>
#include <string.h>

#include "csvout.h"
#include "nrntcl_int.h"

/* See nrntcl_int.h. */
int nrntcl_column_find(const struct nrntcl *st, const char *name)
{
    for (int i = 0; i < st->ncols; i++)
        if (strcmp(st->cols[i].name, name) == 0)
            return i;
    return -1;
}

/*
** See nrntcl_int.h. Recording the same path under the same name again is a no-op
** (nrn-run's -r and a script's record may both ask for t); a name already used for
** another path, or by a vector, is an error.
*/
int nrntcl_record(struct nrntcl *st, Tcl_Interp *interp, const char *path, const char *column)
{
    const char *name = column ? column : path;
    int k = nrntcl_column_find(st, name), id, rc;
    nrn_ref ref;

    if (k >= 0) {
        if (strcmp(st->cols[k].path, path) != 0)
            return nrntcl_fail(interp, NRN_EEXIST, "column \"%s\" already records %s", name,
                               st->cols[k].path);
        Tcl_SetObjResult(interp, Tcl_NewStringObj(name, -1));
        return TCL_OK;
    }
    if (nrn_vector_find(st->m, name) >= 0)
        return nrntcl_fail(interp, NRN_EEXIST, "a vector is named \"%s\"", name);
    if (name[0] == '\0')
        return nrntcl_fail(interp, NRN_EINVAL, "empty column name");
    if (st->ncols == st->capcols) {
        int cap = st->capcols ? 2 * st->capcols : 8;
        struct nrntcl_col *c = realloc(st->cols, (size_t)cap * sizeof *c);
        if (c == NULL)
            return nrntcl_fail(interp, NRN_ENOMEM, "out of memory");
        st->cols = c;
        st->capcols = cap;
    }
    if ((rc = nrn_ref_lookup(st->m, path, &ref)) != NRN_OK)
        return nrntcl_engine_fail(interp, st, rc);
    st->cols[st->ncols].name = strdup(name);
    st->cols[st->ncols].path = strdup(path);
    if (st->cols[st->ncols].name == NULL || st->cols[st->ncols].path == NULL) {
        free(st->cols[st->ncols].name);
        free(st->cols[st->ncols].path);
        return nrntcl_fail(interp, NRN_ENOMEM, "out of memory");
    }
    if ((rc = nrn_record_add(st->m, &ref, &id)) != NRN_OK) {
        free(st->cols[st->ncols].name);
        free(st->cols[st->ncols].path);
        return nrntcl_engine_fail(interp, st, rc);
    }
    if (id != st->ncols) {
        free(st->cols[st->ncols].name);
        free(st->cols[st->ncols].path);
        return nrntcl_fail(interp, NRN_EINVAL, "record %s: engine record id %d, expected %d",
                           path, id, st->ncols);
    }
    st->ncols++;
    st->gen++;
    Tcl_SetObjResult(interp, Tcl_NewStringObj(name, -1));
    return TCL_OK;
}

/* See nrntcl_int.h. */
void nrntcl_columns_clear(struct nrntcl *st)
{
    for (int i = 0; i < st->ncols; i++) {
        free(st->cols[i].name);
        free(st->cols[i].path);
    }
    free(st->cols);
    st->cols = NULL;
    st->ncols = st->capcols = 0;
    st->gen++;
}

/* See nrntcl.h. */
int nrntcl_columns(const nrntcl *st, int *ids, int max)
{
    int n = 0, tcol = -1;
    for (int i = 0; i < st->ncols && tcol < 0; i++)
        if (strcmp(st->cols[i].path, "t") == 0)
            tcol = i;
    if (tcol >= 0 && n < max)
        ids[n] = tcol;
    if (tcol >= 0)
        n++;
    for (int i = 0; i < st->ncols; i++) {
        if (i == tcol)
            continue;
        if (n < max)
            ids[n] = i;
        n++;
    }
    return n;
}

/* See nrntcl.h. */
const char *nrntcl_column_name(const nrntcl *st, int id)
{
    return id >= 0 && id < st->ncols ? st->cols[id].name : NULL;
}

/* See nrntcl.h. */
unsigned nrntcl_columns_gen(const nrntcl *st)
{
    return st->gen;
}

/* See nrntcl.h. */
int nrntcl_write_header(const nrntcl *st, FILE *fp, const int *ids, int n)
{
    for (int j = 0; j < n; j++)
        if (csvout_text(fp, st->cols[ids[j]].name, j == 0) != 0)
            return -1;
    return csvout_end(fp);
}

/* See nrntcl.h. */
int nrntcl_write_row(const nrntcl *st, FILE *fp, const int *ids, int n, size_t k, int digits)
{
    for (int j = 0; j < n; j++) {
        const double *a = nrn_record_data(st->m, ids[j]);
        int rc = k < nrn_record_len(st->m, ids[j]) && a
                     ? csvout_number(fp, a[k], digits, j == 0)
                     : csvout_text(fp, "", j == 0);
        if (rc != 0)
            return -1;
    }
    return csvout_end(fp);
}

/* See nrntcl.h. */
int nrntcl_write_csv(const nrntcl *st, FILE *fp, const int *ids, int n, int digits)
{
    size_t rows = 0;
    for (int j = 0; j < n; j++) {
        size_t len = nrn_record_len(st->m, ids[j]);
        if (len > rows)
            rows = len;
    }
    if (nrntcl_write_header(st, fp, ids, n) != 0)
        return -1;
    for (size_t k = 0; k < rows; k++)
        if (nrntcl_write_row(st, fp, ids, n, k, digits) != 0)
            return -1;
    return 0;
}
