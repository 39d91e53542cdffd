/*
** modelcsv.c: the model CSV, nrn-build's output and nrn-run -m's input. One table with
** the columns kind,section,index,object,name,value,x,y,z,diam and one row per fact, in
** the order that rebuilds the model exactly (creation order of sections, connections in
** the order that reproduces NEURON's sibling lists, then values). It is meant to be read
** by people, edited with awk, and loaded with sqlite3 .import.
**
** Row kinds:
**   global,,,,NAME,VALUE                   celsius, dt, tstop, v_init, usetable_hh, ...
**   section,SEC,,,,                        creates SEC (creation order = file order)
**   prop,SEC,,,NAME,VALUE                  nseg, L (sections without 3-D points), Ra, rallbranch
**   pt3d,SEC,I,,,,X,Y,Z,DIAM              3-D point I of SEC (shortest text of the float)
**   connect,CHILD,CHILDEND,PARENT,,X       CHILD's CHILDEND end to PARENT(X)
**   insert,SEC,,,MECH,                     inserts a density mechanism
**   range,SEC,,,VAR,VALUE                  VAR (diam, cm, gnabar_hh, ena ...) in every segment
**   seg,SEC,J,,VAR,VALUE                   VAR in segment J (0-based, node order) when the
**                                          segments of SEC differ
**   pp,SEC,X,NAME,TYPE,                    point process NAME of TYPE at SEC(X)
**                                          (artificial cells: SEC and X empty)
**   ppvar,,,NAME,VAR,VALUE                 a parameter of point process NAME
**   pointer,SEC,X,OBJ,VAR,SOURCE           setpointer OBJ.VAR SOURCE (or SEC(X).VAR_MECH)
**   ftable,,,,NAME,NDIM                    FUNCTION_TABLE NAME (function_table), then:
**   ftabdim,,D,,NAME,N,MIN,MAX             its argument D: N values from MIN to MAX, or
**   ftabdim,,D,,NAME,N  + N ftabx,,D,,NAME,X    ... the N values given
**   ftaby,,,,NAME,Y                        its values, row major (NDIM 0: the constant)
*/
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "atomfile.h"
#include "nrn_int.h"

#define CSV_HEADER "kind,section,index,object,name,value,x,y,z,diam"

/* Shortest decimal that reads back as v, in fixed notation for exponents in [-4, 16)
** (50, -70, 0.0001, 1e+30), the CSV's number form: readable and exact. */
void fmt_num(double v, char *buf, size_t size)
{
    int prec;
    for (prec = 1; prec < 17; prec++) {
        snprintf(buf, size, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    snprintf(buf, size, "%.*g", prec, v);
    const char *e = strchr(buf, 'e');
    if (e) {
        int exp10 = atoi(e + 1);
        if (exp10 >= -4 && exp10 < 16) {
            int dec = prec - 1 - exp10;
            snprintf(buf, size, "%.*f", dec > 0 ? dec : 0, v);
        }
    }
}

/* Shortest decimal whose reading, rounded to float, is f: 3-D points are stored as
** floats, so "12.6157" restores exactly what NEURON (and we) store. */
static void fmt_float(float f, char *buf, size_t size)
{
    for (int prec = 1; prec <= 9; prec++) {
        snprintf(buf, size, "%.*g", prec, (double)f);
        if ((float)strtod(buf, NULL) == f)
            break;
    }
    if (strchr(buf, 'e') && fabsf(f) >= 1e-4f && fabsf(f) < 1e16f) {
        char tmp[64];
        snprintf(tmp, sizeof tmp, "%.9f", (double)f);
        /* trim to the shortest fixed form that still reads back as f */
        for (size_t len = strlen(tmp); len > 1 && tmp[len - 1] != '.'; len--) {
            char c = tmp[len - 1];
            tmp[len - 1] = 0;
            if ((float)strtod(tmp, NULL) != f) {
                tmp[len - 1] = c;
                break;
            }
        }
        snprintf(buf, size, "%s", tmp);
    }
}

/* One row; fields may be NULL (empty). Numbers are passed preformatted. */
static void row(FILE *f, const char *kind, const char *sec, const char *index, const char *obj,
                const char *name, const char *value)
{
    fprintf(f, "%s,%s,%s,%s,%s,%s,,,,\n", kind, sec ? sec : "", index ? index : "",
            obj ? obj : "", name ? name : "", value ? value : "");
}

/* Sections in tree order (roots in creation order, then breadth first). */
static int *tree_order(nrn_model *m)
{
    int *order = model_alloc(m, sizeof(int) * (size_t)(m->nsec + 1)), n = 0;
    if (!order)
        return NULL;
    for (int i = 0; i < m->nsec; i++)
        if (m->secs[i]->parent < 0)
            order[n++] = i;
    for (int k = 0; k < n; k++)
        for (int c = 0; c < m->secs[order[k]]->nchild; c++)
            order[n++] = m->secs[order[k]]->child[c];
    return order;
}

/* The range variable name of variable k of type d: "gnabar_hh", or "ena" for ions. */
static void var_name(const nrn_mech_type *d, int k, char *buf, size_t size)
{
    if (d->kind == NRN_ION)
        snprintf(buf, size, "%s", d->vars[k].name);
    else
        snprintf(buf, size, "%s_%s", d->vars[k].name, d->name);
}

/* Writes a per-segment quantity: one range row if all segments agree, else seg rows. */
static void write_range(FILE *f, const char *sec, const char *name, const double *vals, int n,
                        int stride)
{
    char num[40], idx[16];
    int same = 1;
    for (int j = 1; j < n && same; j++)
        same = vals[j * stride] == vals[0] && signbit(vals[j * stride]) == signbit(vals[0]);
    if (same) {
        fmt_num(vals[0], num, sizeof num);
        row(f, "range", sec, NULL, NULL, name, num);
        return;
    }
    for (int j = 0; j < n; j++) {
        fmt_num(vals[j * stride], num, sizeof num);
        snprintf(idx, sizeof idx, "%d", j);
        row(f, "seg", sec, idx, NULL, name, num);
    }
}

/* The whole model to f. */
static int write_model(nrn_model *m, FILE *f)
{
    char num[40], num2[40], idx[16];
    model_flush(m); /* values into the model world, where this file reads them */
    int *order = tree_order(m);
    if (!order)
        return NRN_ENOMEM;
    fprintf(f, "# nrn model csv v1: one row per fact; see man nrn-build (MODEL CSV)\n");
    fprintf(f, CSV_HEADER "\n");
    const char *globals[] = { "celsius", "dt", "tstop", "v_init", "secondorder", "steps_per_ms",
                              "seed" };
    for (size_t k = 0; k < sizeof globals / sizeof globals[0]; k++) {
        double v;
        nrn_get(m, globals[k], &v);
        fmt_num(v, num, sizeof num);
        row(f, "global", NULL, NULL, NULL, globals[k], num);
    }
    for (int t = 0; t < m->ntype; t++)
        for (int g = 0; g < m->types[t].d->nglobal; g++) {
            /* an ion's initial concentrations (every ion has two) only once changed */
            const nrn_mech_type *d = m->types[t].d;
            if (d->globals[g].assigned ||
                (d->kind == NRN_ION && m->types[t].gvals[g] == d->globals[g].def))
                continue;
            fmt_num(m->types[t].gvals[g], num, sizeof num);
            row(f, "global", NULL, NULL, NULL, m->types[t].d->globals[g].name, num);
        }
    for (int i = 0; i < m->nsec; i++) {
        const struct section *s = m->secs[i];
        row(f, "section", s->name, NULL, NULL, NULL, NULL);
        snprintf(num, sizeof num, "%d", s->nseg);
        row(f, "prop", s->name, NULL, NULL, "nseg", num);
        if (s->npt < 2) {
            fmt_num(s->L, num, sizeof num);
            row(f, "prop", s->name, NULL, NULL, "L", num);
        }
        fmt_num(s->Ra, num, sizeof num);
        row(f, "prop", s->name, NULL, NULL, "Ra", num);
        if (s->rallbranch != 1) {
            fmt_num(s->rallbranch, num, sizeof num);
            row(f, "prop", s->name, NULL, NULL, "rallbranch", num);
        }
        for (int k = 0; k < s->npt; k++) {
            char c[4][40];
            for (int q = 0; q < 4; q++)
                fmt_float(s->p3[4 * k + q], c[q], sizeof c[q]);
            fprintf(f, "pt3d,%s,%d,,,,%s,%s,%s,%s\n", s->name, k, c[0], c[1], c[2], c[3]);
        }
    }
    /* Children of each parent in reverse sibling order: NEURON inserts a child before
    ** the first sibling at an equal or greater position, so this rebuilds the lists. */
    for (int k = 0; k < m->nsec; k++) {
        const struct section *p = m->secs[order[k]];
        for (int c = p->nchild - 1; c >= 0; c--) {
            const struct section *s = m->secs[p->child[c]];
            fmt_num(s->parentx, num, sizeof num);
            snprintf(idx, sizeof idx, "%g", s->childend);
            row(f, "connect", s->name, idx, p->name, NULL, num);
        }
    }
    for (int i = 0; i < m->nsec; i++) {
        const struct section *s = m->secs[i];
        for (int k = 0; k < s->nmech; k++) {
            const nrn_mech_type *d = m->types[s->mech[k].type].d;
            if (d->kind != NRN_ION)
                row(f, "insert", s->name, NULL, NULL, d->name, NULL);
        }
    }
    for (int i = 0; i < m->nsec; i++) /* styles set by ion_style, after the inserts */
        for (int k = 0; k < m->secs[i]->nmech; k++)
            if (m->secs[i]->mech[k].styled) {
                snprintf(num, sizeof num, "%d", m->secs[i]->mech[k].style);
                row(f, "ionstyle", m->secs[i]->name, NULL, NULL,
                    m->types[m->secs[i]->mech[k].type].d->name, num);
            }
    for (int i = 0; i < m->nsec; i++) {
        const struct section *s = m->secs[i];
        if (s->npt < 2)
            write_range(f, s->name, "diam", s->diam, s->nseg, 1);
        write_range(f, s->name, "cm", s->cm, s->nseg, 1);
        for (int k = 0; k < s->nmech; k++) {
            const nrn_mech_type *d = m->types[s->mech[k].type].d;
            for (int v = 0; v < d->nvar; v++) {
                if (d->vars[v].role != NRN_PARAM)
                    continue;
                char name[128];
                var_name(d, v, name, sizeof name);
                write_range(f, s->name, name, s->mech[k].vals + v, s->nseg, d->nvar);
            }
        }
    }
    for (int i = 0; i < m->npp; i++) {
        const struct pproc *p = m->pps[i];
        if (!p)
            continue;
        const nrn_mech_type *d = m->types[p->type].d;
        if (p->sec >= 0) {
            fmt_num(p->x, num2, sizeof num2);
            row(f, "pp", m->secs[p->sec]->name, num2, p->name, d->name, NULL);
        } else {
            row(f, "pp", NULL, NULL, p->name, d->name, NULL);
        }
        for (int v = 0; v < d->nvar; v++)
            if (d->vars[v].role == NRN_PARAM) {
                fmt_num(p->vals[v], num, sizeof num);
                row(f, "ppvar", NULL, NULL, p->name, d->vars[v].name, num);
            }
    }
    free(order);
    pointer_write_csv(m, f);
    functable_write_csv(m, f);
    return NRN_OK;
}

int nrn_model_write_csv(nrn_model *m, FILE *out)
{
    return write_model(m, out);
}

int nrn_model_save_csv(nrn_model *m, const char *path)
{
    if (!path || !*path)
        return model_err(m, NRN_EINVAL, "no file name for the model CSV");
    struct atomfile af;
    if (atomfile_open(&af, path) != 0)
        return model_err(m, NRN_EIO, "cannot write %s: %s", path, strerror(errno));
    int rc = write_model(m, af.fp);
    if (rc != NRN_OK) {
        atomfile_abort(&af);
        return rc;
    }
    if (atomfile_commit(&af) != 0)
        return model_err(m, NRN_EIO, "cannot write %s: %s", path, strerror(errno));
    return NRN_OK;
}

/* ---- reading ---- */

#define NFIELD 10

/* Splits line into NFIELD comma-separated fields in place; returns the count found. */
static int split(char *line, char **fld)
{
    int n = 0;
    fld[n++] = line;
    for (char *p = line; *p; p++)
        if (*p == ',') {
            *p = 0;
            if (n == NFIELD)
                return NFIELD + 1;
            fld[n++] = p + 1;
        }
    for (int k = n; k < NFIELD; k++)
        fld[k] = (char *)"";
    return n;
}

/* Parses a number field; 0 if it is not one. */
static int num_field(const char *s, double *v)
{
    char *end;
    if (!*s)
        return 0;
    *v = strtod(s, &end);
    return *end == 0 && isfinite(*v); /* inf and nan are never a model's value */
}

/* Applies one row; NRN_OK or an error with the message (no file/line prefix yet). */
static int apply_row(nrn_model *m, char **f, struct ftread *ft)
{
    const char *kind = f[0], *sec = f[1], *index = f[2], *obj = f[3], *name = f[4];
    double v = 0, x;
    char path[512], *endp;
    int id;
    static const char *const kinds[] = { "global", "section", "prop", "pt3d", "connect", "insert",
                                         "range", "seg", "pp", "ppvar", "ionstyle", "pointer" };
    int known = 0;
    if (strncmp(kind, "ftab", 4) == 0)
        return functable_read_row(m, ft, f);
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
        known |= strcmp(kind, kinds[k]) == 0;
    if (!known)
        return model_err(m, NRN_EFORMAT, "unknown row kind \"%s\"", kind);
    if (strcmp(kind, "section") == 0)
        return nrn_section_new(m, sec, NULL);
    if (strcmp(kind, "pointer") == 0)
        return pointer_read_row(m, f);
    if (strcmp(kind, "insert") == 0) {
        if ((id = nrn_section_find(m, sec)) < 0)
            return model_err(m, NRN_EFORMAT, "no section named \"%s\"", sec);
        return nrn_insert(m, id, name);
    }
    if (strcmp(kind, "pp") == 0) {
        int s = -1;
        x = 0.5;
        if (*sec && ((s = nrn_section_find(m, sec)) < 0 || !num_field(index, &x)))
            return model_err(m, NRN_EFORMAT, "bad point process location \"%s(%s)\"", sec, index);
        return nrn_pp_new(m, name, obj, s, x, NULL);
    }
    if (strcmp(kind, "pt3d") == 0) {
        double c[4];
        for (int q = 0; q < 4; q++)
            if (!num_field(f[6 + q], &c[q]))
                return model_err(m, NRN_EFORMAT, "pt3d needs x, y, z and diam finite numbers");
        if ((id = nrn_section_find(m, sec)) < 0)
            return model_err(m, NRN_EFORMAT, "no section named \"%s\"", sec);
        return nrn_pt3dadd(m, id, c[0], c[1], c[2], c[3]);
    }
    if (!num_field(f[5], &v))
        return model_err(m, NRN_EFORMAT, "value \"%s\" is not a %snumber", f[5],
                         *f[5] && strtod(f[5], &endp) != 0 && !*endp ? "finite " : "");
    if (strcmp(kind, "global") == 0) /* a pinned global keeps the caller's value */
        return ref_pinned(m, name) ? NRN_OK : nrn_set(m, name, v);
    if (strcmp(kind, "connect") == 0) {
        int c = nrn_section_find(m, sec), p = nrn_section_find(m, obj);
        double end;
        if (c < 0 || p < 0)
            return model_err(m, NRN_EFORMAT, "no section named \"%s\"", c < 0 ? sec : obj);
        if (!num_field(index, &end))
            return model_err(m, NRN_EFORMAT, "connect: the child end must be 0 or 1");
        return nrn_connect(m, c, end, p, v);
    }
    if (strcmp(kind, "prop") == 0 || strcmp(kind, "range") == 0) {
        if (nrn_section_find(m, sec) < 0)
            return model_err(m, NRN_EFORMAT, "no section named \"%s\"", sec);
        snprintf(path, sizeof path, "%s.%s", sec, name);
        return nrn_set(m, path, v);
    }
    if (strcmp(kind, "seg") == 0) {
        double j;
        if ((id = nrn_section_find(m, sec)) < 0)
            return model_err(m, NRN_EFORMAT, "no section named \"%s\"", sec);
        const struct section *s = m->secs[id];
        if (!num_field(index, &j) || j < 0 || j >= s->nseg || j != floor(j))
            return model_err(m, NRN_EFORMAT, "segment index \"%s\" out of range for %s", index, sec);
        /* the centre of node j, in the section's own x (mirrored when attached by its 1 end) */
        x = (j + 0.5) / s->nseg;
        if (s->childend == 1)
            x = 1 - x;
        snprintf(path, sizeof path, "%s(%.17g).%s", sec, x, name);
        return nrn_set(m, path, v);
    }
    if (strcmp(kind, "ppvar") == 0) {
        snprintf(path, sizeof path, "%s.%s", obj, name);
        return nrn_set(m, path, v);
    }
    if (strcmp(kind, "ionstyle") == 0) {
        int st = (int)v, old;
        int style[5] = { st & 03, (st >> 3) & 03, (st >> 5) & 1, (st >> 6) & 1, (st >> 2) & 1 };
        if ((id = nrn_section_find(m, sec)) < 0)
            return model_err(m, NRN_EFORMAT, "no section named \"%s\"", sec);
        if (v != st || st < 0 || st > 0777)
            return model_err(m, NRN_EFORMAT, "ionstyle: \"%s\" is not an ion style", f[5]);
        return nrn_ion_style(m, id, name, style, &old);
    }
    return model_err(m, NRN_EFORMAT, "unknown row kind \"%s\"", kind);
}

int nrn_model_load_csv(nrn_model *m, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return model_err(m, NRN_EIO, "%s: %s", path, strerror(errno));
    char line[4096];
    int lineno = 0, header = 0, rc = NRN_OK;
    struct ftread ft = { 0 };
    while (rc == NRN_OK && fgets(line, sizeof line, f)) {
        lineno++;
        size_t len = strcspn(line, "\r\n");
        if (line[len] == 0 && !feof(f)) {
            rc = model_err(m, NRN_EFORMAT, "%s:%d: line too long", path, lineno);
            break;
        }
        line[len] = 0;
        if (line[0] == '#' || line[0] == 0)
            continue;
        if (!header) {
            if (strcmp(line, CSV_HEADER) != 0)
                rc = model_err(m, NRN_EFORMAT, "%s:%d: not a model CSV (expected the header %s)",
                               path, lineno, CSV_HEADER);
            header = 1;
            continue;
        }
        if (strchr(line, '"')) {
            rc = model_err(m, NRN_EFORMAT, "%s:%d: quoted fields are not used in a model CSV",
                           path, lineno);
            break;
        }
        char *fld[NFIELD + 1];
        int n = split(line, fld);
        if (n != NFIELD) {
            rc = model_err(m, NRN_EFORMAT, "%s:%d: %d fields, expected %d", path, lineno, n,
                           NFIELD);
            break;
        }
        if ((rc = apply_row(m, fld, &ft)) != NRN_OK) {
            char msg[sizeof m->err];
            snprintf(msg, sizeof msg, "%s", m->err);
            rc = model_err(m, rc == NRN_ENOMEM ? rc : NRN_EFORMAT, "%s:%d: %s", path, lineno, msg);
        }
    }
    if (rc == NRN_OK && ft.left)
        rc = model_err(m, NRN_EFORMAT, "%s:%d: FUNCTION_TABLE %s: %d values missing", path,
                       lineno, ft.name, ft.left);
    functable_read_free(&ft);
    if (rc == NRN_OK && ferror(f))
        rc = model_err(m, NRN_EIO, "%s: read error", path);
    if (rc == NRN_OK && !header)
        rc = model_err(m, NRN_EFORMAT, "%s:%d: empty model CSV", path, lineno);
    fclose(f);
    return rc;
}
