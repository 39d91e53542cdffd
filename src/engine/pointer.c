/*
** pointer.c: NMODL POINTER variables and NEURON's setpointer. A binding names its target
** (a point process, or a section and x for a density mechanism) and its source (a value
** path, as a record does) by model-world ids, never by address: each compile lays out
** the instances anew and pointer_resolve finds both addresses again, so renumbering the
** nodes (an inserted section, a changed nseg) keeps every pointer pointing at its value.
*/
#include <stdlib.h>
#include <string.h>
#include "nrn_int.h"

/* Index of POINTER name in type t, or -1. */
static int pointer_index(const nrn_mech_type *d, const char *name, size_t len)
{
    for (int k = 0; k < d->npointer; k++)
        if (strlen(d->pointers[k]) == len && strncmp(d->pointers[k], name, len) == 0)
            return k;
    return -1;
}

/* "SEC(X).VAR_MECH": the section, x, type and POINTER index into *b. */
static int parse_density_target(nrn_model *m, const char *target, struct pbind *b)
{
    const char *open = strchr(target, '(');
    char sec[256], *end;
    if ((size_t)(open - target) >= sizeof sec)
        return model_err(m, NRN_EINVAL, "setpointer %s: section name too long", target);
    memcpy(sec, target, (size_t)(open - target));
    sec[open - target] = '\0';
    if ((b->sec = nrn_section_find(m, sec)) < 0)
        return model_err(m, NRN_ENOTFOUND, "setpointer %s: no section named \"%s\"", target, sec);
    b->x = strtod(open + 1, &end);
    if (end == open + 1 || end[0] != ')' || end[1] != '.' || !end[2])
        return model_err(m, NRN_EINVAL, "setpointer %s: expected SEC(X).VAR_MECH or OBJ.VAR",
                         target);
    if (!(b->x >= 0 && b->x <= 1))
        return model_err(m, NRN_EINVAL, "setpointer %s: x must be in [0,1]", target);
    const char *name = end + 2;
    size_t len = strlen(name);
    for (int t = 0; t < m->ntype; t++) {
        const nrn_mech_type *d = m->types[t].d;
        size_t nl = strlen(d->name);
        if (d->kind != NRN_DENSITY || !d->npointer || len < nl + 2 || name[len - nl - 1] != '_' ||
            strcmp(name + len - nl, d->name) != 0)
            continue;
        if ((b->k = pointer_index(d, name, len - nl - 1)) < 0)
            continue;
        if (!section_mech(m->secs[b->sec], t))
            return model_err(m, NRN_ENOTFOUND, "setpointer %s: %s is not inserted in %s",
                             target, d->name, sec);
        b->type = t;
        return NRN_OK;
    }
    return model_err(m, NRN_ENOTFOUND, "setpointer %s: \"%s\" is not a POINTER of a mechanism "
                     "(VAR_MECH, as C_mymech)", target, name);
}

/* "OBJ.VAR" (object names may hold dots: the longest owner that exists wins). */
static int parse_pp_target(nrn_model *m, const char *target, struct pbind *b)
{
    for (size_t i = strlen(target); i-- > 1;) {
        char owner[256];
        if (target[i] != '.' || i >= sizeof owner)
            continue;
        memcpy(owner, target, i);
        owner[i] = '\0';
        if ((b->pp = nrn_pp_find(m, owner)) < 0)
            continue;
        b->type = m->pps[b->pp]->type;
        const nrn_mech_type *d = m->types[b->type].d;
        const char *var = target + i + 1;
        if ((b->k = pointer_index(d, var, strlen(var))) < 0)
            return model_err(m, NRN_ENOTFOUND, "setpointer %s: %s has no POINTER named \"%s\"%s",
                             target, d->name, var, d->npointer ? "" : " (it has no POINTERs)");
        return NRN_OK;
    }
    return model_err(m, NRN_ENOTFOUND, "setpointer %s: no object in \"%s\" (OBJ.VAR or "
                     "SEC(X).VAR_MECH)", target, target);
}

/* Address of the value src names in the compiled model, or NULL when it is gone. */
static double *source_ptr(nrn_model *m, const nrn_ref *src)
{
    if (src->sec >= m->nsec)
        return NULL;
    return ref_ptr(m, src);
}

int nrn_setpointer(nrn_model *m, const char *target, const char *source)
{
    struct pbind b = { .pp = -1, .sec = -1, .x = 0.5 };
    int rc = strchr(target, '(') ? parse_density_target(m, target, &b)
                                 : parse_pp_target(m, target, &b);
    if (rc)
        return rc;
    if ((rc = nrn_ref_lookup(m, source, &b.src)) != NRN_OK)
        return rc;
    if (!source_ptr(m, &b.src))
        return model_err(m, NRN_EINVAL, "setpointer %s %s: %s is computed, not stored: a "
                         "POINTER needs a variable (v, a range or object variable, a global)",
                         target, source, source);
    for (int i = 0; i < m->npb; i++) { /* a new source for the same target replaces it */
        struct pbind *o = &m->pbs[i];
        if (o->type == b.type && o->k == b.k && o->pp == b.pp && o->sec == b.sec && o->x == b.x) {
            o->src = b.src;
            model_flush(m);
            return NRN_OK;
        }
    }
    if (m->npb == m->cappb) {
        int cap = m->cappb ? 2 * m->cappb : 8;
        struct pbind *p = model_realloc(m, m->pbs, sizeof *p * (size_t)cap);
        if (!p)
            return NRN_ENOMEM;
        m->pbs = p;
        m->cappb = cap;
    }
    m->pbs[m->npb++] = b;
    model_flush(m); /* the next compile resolves it */
    return NRN_OK;
}

/* After a compile laid out the instances: every POINTER's address, NULL where unset. */
int pointer_resolve(nrn_model *m)
{
    for (int t = 0; t < m->ntype; t++) {
        struct mtype *mt = &m->types[t];
        int np = mt->d->npointer, n = mt->md.n;
        if (!np || !n)
            continue;
        if (!(mt->md.ptr = model_alloc(m, sizeof(double **) * (size_t)np)))
            return NRN_ENOMEM;
        memset(mt->md.ptr, 0, sizeof(double **) * (size_t)np);
        for (int k = 0; k < np; k++) {
            if (!(mt->md.ptr[k] = model_alloc(m, sizeof(double *) * (size_t)n)))
                return NRN_ENOMEM;
            memset(mt->md.ptr[k], 0, sizeof(double *) * (size_t)n);
        }
    }
    for (int i = 0; i < m->npb; i++) {
        const struct pbind *b = &m->pbs[i];
        nrn_mech_data *md = &m->types[b->type].md;
        int inst;
        if (!md->ptr)
            continue;
        if (b->pp >= 0) {
            const struct pproc *p = b->pp < m->npp ? m->pps[b->pp] : NULL;
            if (!p)
                continue; /* the object was deleted */
            inst = p->inst;
        } else {
            struct section *s = b->sec < m->nsec ? m->secs[b->sec] : NULL;
            struct secmech *e = s ? section_mech(s, b->type) : NULL;
            if (!e)
                continue; /* uninserted since */
            inst = secmech_inst(e, model_segment_of(s, b->x));
        }
        md->ptr[b->k][inst] = source_ptr(m, &b->src);
    }
    return NRN_OK;
}

/* The bindings of src into dst (a clone: same ids), or the n listed in ids (a part's, in
** src's ids still: threads_split.c renumbers them). */
int pointer_clone(nrn_model *dst, const nrn_model *src, const int *ids, int n)
{
    if (!ids)
        n = src->npb;
    if (!n)
        return NRN_OK;
    if (!(dst->pbs = model_alloc(dst, sizeof *dst->pbs * (size_t)n)))
        return NRN_ENOMEM;
    for (int j = 0; j < n; j++)
        dst->pbs[j] = src->pbs[ids ? ids[j] : j];
    dst->npb = dst->cappb = n;
    return NRN_OK;
}

double *nrn_pointer_unset(const nrn_mech_ctx *c, nrn_mech_data *md, int inst, int k)
{
    nrn_model *m = c->model;
    const nrn_mech_type *d = m->types[md->type].d;
    if (!m->ev_err) {
        char what[300];
        if (md->obj) {
            const struct pproc *p = m->pps[md->obj[inst]];
            snprintf(what, sizeof what, "%s.%s", p ? p->name : "?", d->pointers[k]);
        } else {
            const struct section *s = m->secs[m->sec_of_node[md->node[inst]]];
            int j = (md->node[inst] - s->node0) / s->nstride;
            double x = (j + 0.5) / s->nseg;
            snprintf(what, sizeof what, "%s(%g).%s_%s", s->name, s->childend == 1 ? 1 - x : x,
                     d->pointers[k], d->name);
        }
        model_err(m, NRN_EINVAL, "POINTER %s is not set (setpointer %s PATH), or its value "
                  "is gone", what, what);
        m->ev_err = NRN_EINVAL;
    }
    m->ptr_scratch = 0;
    return &m->ptr_scratch;
}

double *nrn_external(const nrn_mech_ctx *c, const char *name)
{
    nrn_model *m = c->model;
    nrn_ref r;
    double *p = NULL;
    char err[sizeof m->err];
    int had = m->ev_err;
    memcpy(err, m->err, sizeof err);
    if (nrn_ref_lookup(m, name, &r) == NRN_OK && nrn_ref_is_global(&r))
        p = ref_ptr(m, &r);
    if (p)
        return p;
    if (!had) {
        model_err(m, NRN_ENOTFOUND, "EXTERNAL %s: the model has no global of that name", name);
        m->ev_err = NRN_ENOTFOUND;
    } else {
        memcpy(m->err, err, sizeof err); /* keep the first error's message */
    }
    m->ptr_scratch = 0;
    return &m->ptr_scratch;
}

void pointer_write_csv(nrn_model *m, FILE *f)
{
    for (int i = 0; i < m->npb; i++) {
        const struct pbind *b = &m->pbs[i];
        const nrn_mech_type *d = m->types[b->type].d;
        char src[400], x[40];
        ref_path(m, &b->src, src, sizeof src);
        fmt_num(b->x, x, sizeof x);
        if (b->pp >= 0 && m->pps[b->pp])
            fprintf(f, "pointer,,,%s,%s,%s,,,,\n", m->pps[b->pp]->name, d->pointers[b->k], src);
        else if (b->pp < 0)
            fprintf(f, "pointer,%s,%s,,%s_%s,%s,,,,\n", m->secs[b->sec]->name, x,
                    d->pointers[b->k], d->name, src);
    }
}

int pointer_read_row(nrn_model *m, char **fld)
{
    char target[600];
    if (*fld[1])
        snprintf(target, sizeof target, "%s(%s).%s", fld[1], fld[2], fld[4]);
    else
        snprintf(target, sizeof target, "%s.%s", fld[3], fld[4]);
    return nrn_setpointer(m, target, fld[5]);
}
