/*
** section.c: sections as the user edits them: creation, properties, connections,
** 3-D points and inserted density mechanisms. Every structural or geometric edit
** first flushes the compiled form (nrn_int.h explains the two worlds).
*/
#include <ctype.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "oneline.h"
#include "nrn_int.h"

#define MAX_NSEG 32767

/* Frees a section and everything it owns. */
void section_free(struct section *s)
{
    if (!s)
        return;
    free(s->name);
    free(s->diam);
    free(s->cm);
    free(s->v);
    free(s->child);
    for (int k = 0; k < s->nmech; k++)
        free(s->mech[k].vals);
    free(s->mech);
    free(s->p3);
    free(s->arc);
    free(s);
}

/* The segment (0..nseg-1) containing x, NEURON's node_index for a normal orientation. */
int section_node_index(int nseg, double x)
{
    if (x < 0)
        x = 0;
    if (x > 1)
        x = 1;
    int i = (int)((double)nseg * x);
    if (i >= nseg)
        i = nseg - 1;
    return i;
}

/* The inserted mechanism entry of type in s, or NULL. */
struct secmech *section_mech(struct section *s, int type)
{
    for (int k = 0; k < s->nmech; k++)
        if (s->mech[k].type == type)
            return &s->mech[k];
    return NULL;
}

/* 1 if name can name a section: non-empty, printable, no blanks, parentheses or dots
** outside brackets would make paths ambiguous; a control character (a newline) would
** break every one-line message that names the section. */
static int valid_name(const char *name)
{
    if (!*name)
        return 0;
    for (const char *p = name; *p; p++)
        if (isspace((unsigned char)*p) || *p == '(' || *p == ')' || *p == ',' || *p == '"' ||
            text_is_control((unsigned char)*p))
            return 0;
    return 1;
}

int nrn_section_new(nrn_model *m, const char *name, int *id)
{
    if (!name || !*name)
        return model_err(m, NRN_EINVAL, "bad section name \"\": a name cannot be empty");
    if (!valid_name(name))
        return model_err(m, NRN_EINVAL,
                         "bad section name \"%s\": a name cannot hold white space, control "
                         "characters, parentheses, commas or quotes",
                         name);
    if (nrn_section_find(m, name) >= 0)
        return model_err(m, NRN_EEXIST, "section \"%s\" already exists", name);
    if (m->nsec == m->capsec) {
        int cap = m->capsec ? 2 * m->capsec : 16;
        struct section **p = model_realloc(m, m->secs, sizeof *p * (size_t)cap);
        if (!p)
            return NRN_ENOMEM;
        m->secs = p;
        m->capsec = cap;
    }
    struct section *s = model_alloc(m, sizeof *s);
    if (!s)
        return NRN_ENOMEM;
    s->name = model_strdup(m, name);
    s->key = names_hash(name);
    s->diam = model_alloc(m, sizeof(double));
    s->cm = model_alloc(m, sizeof(double));
    s->v = model_alloc(m, 2 * sizeof(double));
    if (!s->name || !s->diam || !s->cm || !s->v ||
        names_add(m, &m->secnames, name, m->nsec, nrn_section_name)) {
        section_free(s);
        return NRN_ENOMEM;
    }
    model_flush(m);
    s->L = 100;
    s->Ra = 35.4;
    s->rallbranch = 1;
    s->nseg = 1;
    s->diam[0] = 500;
    s->cm[0] = 1;
    s->v[0] = s->v[1] = s->vroot = -65;
    s->parent = -1;
    s->rootnode = -1;
    m->secs[m->nsec] = s; /* (its name was indexed above, before the id was live) */
    if (id)
        *id = m->nsec;
    m->nsec++;
    return NRN_OK;
}

int nrn_section_find(const nrn_model *m, const char *name)
{
    return names_find(m, &m->secnames, name, nrn_section_name);
}

int nrn_section_count(const nrn_model *m)
{
    return m->nsec;
}

const char *nrn_section_name(const nrn_model *m, int sec)
{
    return sec >= 0 && sec < m->nsec ? m->secs[sec]->name : NULL;
}

/*
** Changes nseg, keeping range values piecewise constant (spec 1.8): each new segment
** takes the values of the old segment containing its centre. The 1-end node keeps its v.
*/
static int set_nseg(nrn_model *m, struct section *s, int n)
{
    int old = s->nseg;
    if (n == old)
        return NRN_OK;
    double *diam = model_alloc(m, sizeof(double) * (size_t)n);
    double *cm = model_alloc(m, sizeof(double) * (size_t)n);
    double *v = model_alloc(m, sizeof(double) * (size_t)(n + 1));
    double **vals = model_alloc(m, sizeof(double *) * (size_t)(s->nmech + 1));
    int ok = diam && cm && v && vals;
    for (int k = 0; ok && k < s->nmech; k++) {
        int nv = m->types[s->mech[k].type].d->nvar;
        ok = (vals[k] = model_alloc(m, sizeof(double) * (size_t)(n * nv))) != NULL;
    }
    if (!ok) {
        for (int k = 0; vals && k < s->nmech; k++)
            free(vals[k]);
        free(vals), free(diam), free(cm), free(v);
        return NRN_ENOMEM;
    }
    for (int j = 0; j < n; j++) {
        int o = section_node_index(old, (j + 0.5) / n);
        diam[j] = s->diam[o];
        cm[j] = s->cm[o];
        v[j] = s->v[o];
        for (int k = 0; k < s->nmech; k++) {
            int nv = m->types[s->mech[k].type].d->nvar;
            memcpy(vals[k] + j * nv, s->mech[k].vals + o * nv, sizeof(double) * (size_t)nv);
        }
    }
    v[n] = s->v[old];
    for (int k = 0; k < s->nmech; k++) {
        free(s->mech[k].vals);
        s->mech[k].vals = vals[k];
    }
    free(vals);
    free(s->diam), free(s->cm), free(s->v);
    s->diam = diam, s->cm = cm, s->v = v;
    s->nseg = n;
    return NRN_OK;
}

/* With 3-D points, a diam assignment rewrites every point's diam as the diam of the
** segment containing it (spec 1.5): the taper becomes a staircase. */
static void diam_to_pt3d(struct section *s)
{
    if (s->npt < 2 || s->pt3dconst)
        return;
    double L = s->arc[s->npt - 1];
    for (int i = 0; i < s->npt; i++) {
        double x = L > 0 ? s->arc[i] / L : 0;
        if (x > 1)
            x = 1;
        s->p3[4 * i + 3] = (float)s->diam[section_node_index(s->nseg, x)];
    }
}

/* Scales the 3-D points about the first one so the section gets length L (spec 1.5). */
static void scale_pt3d(struct section *s, double L)
{
    if (s->npt < 2 || !(s->arc[s->npt - 1] > 0))
        return;
    double fac = L / s->arc[s->npt - 1];
    for (int i = 1; i < s->npt; i++) {
        for (int c = 0; c < 3; c++) {
            double x0 = s->p3[c];
            s->p3[4 * i + c] = (float)(x0 + (s->p3[4 * i + c] - x0) * fac);
        }
        s->arc[i] *= fac;
    }
}

int nrn_section_set(nrn_model *m, int sec, nrn_secprop prop, double value)
{
    m->wseq++; /* see nrn_model.wseq */
    int rc = model_check_sec(m, sec);
    if (rc)
        return rc;
    struct section *s = m->secs[sec];
    if (!isfinite(value))
        return model_err(m, NRN_EINVAL, "%s: value must be finite", s->name);
    switch (prop) {
    case NRN_SEC_L:
        if (!(value > 0))
            return model_err(m, NRN_EINVAL, "L must be > 0, got %g", value);
        model_flush(m);
        scale_pt3d(s, value);
        s->L = value;
        return NRN_OK;
    case NRN_SEC_DIAM:
        if (!(value > 0))
            return model_err(m, NRN_EINVAL, "diam must be > 0, got %g", value);
        model_flush(m);
        for (int j = 0; j < s->nseg; j++)
            s->diam[j] = value;
        diam_to_pt3d(s);
        return NRN_OK;
    case NRN_SEC_NSEG:
        if (!(value >= 1 && value <= MAX_NSEG) || value != floor(value))
            return model_err(m, NRN_EINVAL, "nseg must be an integer in [1,%d], got %g", MAX_NSEG,
                             value);
        model_flush(m);
        return set_nseg(m, s, (int)value);
    case NRN_SEC_RA:
        if (!(value > 0))
            return model_err(m, NRN_EINVAL, "Ra must be > 0, got %g", value);
        model_flush(m);
        s->Ra = value;
        return NRN_OK;
    case NRN_SEC_CM:
        if (!(value >= 0))
            return model_err(m, NRN_EINVAL, "cm must be >= 0, got %g", value);
        for (int j = 0; j < s->nseg; j++)
            *(m->compiled ? &m->cm[sec_node(s, j)] : &s->cm[j]) = value;
        return NRN_OK;
    case NRN_SEC_RALLBRANCH:
        if (!(value >= 1))
            return model_err(m, NRN_EINVAL, "rallbranch must be >= 1, got %g", value);
        model_flush(m);
        s->rallbranch = value;
        return NRN_OK;
    }
    return model_err(m, NRN_EINVAL, "unknown section property %d", (int)prop);
}

int nrn_section_get(nrn_model *m, int sec, nrn_secprop prop, double *value)
{
    int rc = model_check_sec(m, sec);
    if (rc)
        return rc;
    struct section *s = m->secs[sec];
    switch (prop) {
    case NRN_SEC_L:
        *value = s->L;
        return NRN_OK;
    case NRN_SEC_DIAM:
        if (s->npt >= 2 && !m->compiled && (rc = model_compile(m)))
            return rc;
        *value = s->diam[section_node_index(s->nseg, 0.5)];
        return NRN_OK;
    case NRN_SEC_NSEG:
        *value = s->nseg;
        return NRN_OK;
    case NRN_SEC_RA:
        *value = s->Ra;
        return NRN_OK;
    case NRN_SEC_CM: {
        int j = section_node_index(s->nseg, 0.5);
        *value = m->compiled ? m->cm[sec_node(s, j)] : s->cm[j];
        return NRN_OK;
    }
    case NRN_SEC_RALLBRANCH:
        *value = s->rallbranch;
        return NRN_OK;
    }
    return model_err(m, NRN_EINVAL, "unknown section property %d", (int)prop);
}

/* Position of a child on its parent measured from the parent's 0-end, the sort key
** of NEURON's sibling list (1-x when the parent itself is reversed). */
static double child_key(const nrn_model *m, const struct section *c)
{
    const struct section *p = m->secs[c->parent];
    return p->childend == 1 ? 1 - c->parentx : c->parentx;
}

/* Removes child id c from its parent's child list. */
static void unlink_child(nrn_model *m, int c)
{
    struct section *s = m->secs[c];
    if (s->parent < 0)
        return;
    struct section *p = m->secs[s->parent];
    for (int k = 0; k < p->nchild; k++)
        if (p->child[k] == c) {
            memmove(p->child + k, p->child + k + 1, sizeof(int) * (size_t)(p->nchild - k - 1));
            p->nchild--;
            break;
        }
    s->parent = -1;
}

/*
** 1 if parent lies in child's subtree (connecting them would make a loop), 0 if not, -1
** when out of memory. Walks up from parent and through child's subtree one step each in
** turn and stops when either walk ends: the cost is the smaller of parent's depth and the
** subtree's size, so building any tree by connects costs O(n log n) (a chain of 40,000
** sections built by connects took 49 s when every connect walked all ancestors).
*/
static int would_loop(nrn_model *m, int child, int parent)
{
    if (m->secs[child]->nchild == 0)
        return 0; /* parent != child, and nothing hangs below child */
    struct walk {
        int sec, next; /* a section of the subtree; its next child to visit */
    } *st = malloc(sizeof *st * 64);
    int cap = 64, top = 0, up = parent, found = -1;
    if (!st)
        return -1;
    st[top++] = (struct walk){child, 0};
    while (found < 0) {
        if (up == child) {
            found = 1;
            break;
        }
        if ((up = m->secs[up]->parent) < 0) {
            found = 0;
            break;
        }
        while (top && st[top - 1].next == m->secs[st[top - 1].sec]->nchild)
            top--;
        if (!top) {
            found = 0;
            break;
        }
        int c = m->secs[st[top - 1].sec]->child[st[top - 1].next++];
        if (c == parent) {
            found = 1;
            break;
        }
        if (top == cap) {
            struct walk *q = realloc(st, sizeof *st * (size_t)cap * 2);
            if (!q)
                break;
            st = q, cap *= 2;
        }
        st[top++] = (struct walk){c, 0};
    }
    free(st);
    return found;
}

int nrn_connect(nrn_model *m, int child, double childend, int parent, double x)
{
    int rc;
    if ((rc = model_check_sec(m, child)) || (rc = model_check_sec(m, parent)))
        return rc;
    if (!(x >= 0 && x <= 1))
        return model_err(m, NRN_EINVAL, "x must be in [0,1], got %g", x);
    if (childend != 0 && childend != 1)
        return model_err(m, NRN_EINVAL, "the connected end must be 0 or 1, got %g", childend);
    if (child == parent)
        return model_err(m, NRN_ETOPOLOGY, "cannot connect %s to itself", m->secs[child]->name);
    int loop = would_loop(m, child, parent);
    if (loop < 0)
        return model_err(m, NRN_ENOMEM, "connect: out of memory");
    if (loop)
        return model_err(m, NRN_ETOPOLOGY, "connecting %s to %s would make a loop",
                         m->secs[child]->name, m->secs[parent]->name);
    struct section *p = m->secs[parent];
    int *ch = model_realloc(m, p->child, sizeof(int) * (size_t)(p->nchild + 1));
    if (!ch)
        return NRN_ENOMEM;
    p->child = ch;
    model_flush(m);
    unlink_child(m, child);
    struct section *s = m->secs[child];
    s->parent = parent;
    s->parentx = x;
    s->childend = childend;
    /* NEURON inserts before the first sibling at an equal or greater position. */
    double key = child_key(m, s);
    int at = 0;
    while (at < p->nchild && child_key(m, m->secs[p->child[at]]) < key)
        at++;
    memmove(p->child + at + 1, p->child + at, sizeof(int) * (size_t)(p->nchild - at));
    p->child[at] = child;
    p->nchild++;
    return NRN_OK;
}

int nrn_disconnect(nrn_model *m, int sec)
{
    int rc = model_check_sec(m, sec);
    if (rc)
        return rc;
    model_flush(m);
    unlink_child(m, sec);
    return NRN_OK;
}

int nrn_section_parent(const nrn_model *m, int sec, int *parent, double *parent_x,
                       double *child_end)
{
    if (sec < 0 || sec >= m->nsec)
        return NRN_ENOTFOUND;
    const struct section *s = m->secs[sec];
    if (parent)
        *parent = s->parent;
    if (parent_x)
        *parent_x = s->parent >= 0 ? s->parentx : 0;
    if (child_end)
        *child_end = s->childend;
    return NRN_OK;
}

int nrn_roots(nrn_model *m, int *ids, int max)
{
    int n = 0;
    for (int i = 0; i < m->nsec; i++)
        if (m->secs[i]->parent < 0) {
            if (n < max)
                ids[n] = i;
            n++;
        }
    return n;
}

/* ---- 3-D points ---- */

int nrn_pt3dadd(nrn_model *m, int sec, double x, double y, double z, double diam)
{
    int rc = model_check_sec(m, sec);
    if (rc)
        return rc;
    if (!isfinite(x) || !isfinite(y) || !isfinite(z) || !isfinite(diam))
        return model_err(m, NRN_EINVAL, "pt3dadd: coordinates must be finite");
    /* points are stored as floats: from NRN_FLOAT_BOUND on they would become infinite */
    if (!(fabs(x) < NRN_FLOAT_BOUND && fabs(y) < NRN_FLOAT_BOUND && fabs(z) < NRN_FLOAT_BOUND &&
          fabs(diam) < NRN_FLOAT_BOUND))
        return model_err(m, NRN_EINVAL, "pt3dadd: %g is too large: 3-D points are floats, "
                         "at most %g", !(fabs(x) < NRN_FLOAT_BOUND) ? x :
                         !(fabs(y) < NRN_FLOAT_BOUND) ? y : !(fabs(z) < NRN_FLOAT_BOUND) ? z : diam,
                         (double)FLT_MAX);
    struct section *s = m->secs[sec];
    if (s->npt == s->ptcap) { /* doubling: adding n points copies O(n), not O(n^2) */
        int cap = s->ptcap ? 2 * s->ptcap : 4;
        float *p3 = model_realloc(m, s->p3, sizeof(float) * 4 * (size_t)cap);
        if (!p3)
            return NRN_ENOMEM;
        s->p3 = p3;
        double *arc = model_realloc(m, s->arc, sizeof(double) * (size_t)cap);
        if (!arc)
            return NRN_ENOMEM;
        s->arc = arc;
        s->ptcap = cap;
    }
    model_flush(m);
    float *p = s->p3 + 4 * s->npt;
    p[0] = (float)x, p[1] = (float)y, p[2] = (float)z, p[3] = (float)diam;
    s->npt++;
    geom_arc_last(s);
    if (s->npt >= 2)
        s->L = s->arc[s->npt - 1];
    return NRN_OK;
}

int nrn_pt3dclear(nrn_model *m, int sec)
{
    int rc = model_check_sec(m, sec);
    if (rc)
        return rc;
    model_flush(m);
    m->secs[sec]->npt = 0;
    return NRN_OK;
}

int nrn_n3d(const nrn_model *m, int sec)
{
    return sec >= 0 && sec < m->nsec ? m->secs[sec]->npt : 0;
}

int nrn_pt3d_get(nrn_model *m, int sec, int i, double xyzd[4], double *arc)
{
    int rc = model_check_sec(m, sec);
    if (rc)
        return rc;
    struct section *s = m->secs[sec];
    if (i < 0 || i >= s->npt)
        return model_err(m, NRN_EINVAL, "%s has %d 3-D points, no point %d", s->name, s->npt, i);
    for (int c = 0; c < 4; c++)
        xyzd[c] = s->p3[4 * i + c];
    if (arc)
        *arc = s->arc[i];
    return NRN_OK;
}

/* ---- density mechanisms ---- */

/* Appends a mechanism entry of type t with default values to s. */
static int add_mech(nrn_model *m, struct section *s, int t)
{
    const nrn_mech_type *d = m->types[t].d;
    struct secmech *mm = model_realloc(m, s->mech, sizeof *mm * (size_t)(s->nmech + 1));
    if (!mm)
        return NRN_ENOMEM;
    s->mech = mm;
    double *vals = model_alloc(m, sizeof(double) * (size_t)(s->nseg * d->nvar));
    if (!vals)
        return NRN_ENOMEM;
    for (int j = 0; j < s->nseg; j++)
        for (int k = 0; k < d->nvar; k++)
            vals[j * d->nvar + k] = d->vars[k].def;
    s->mech[s->nmech].type = t;
    s->mech[s->nmech].vals = vals;
    s->mech[s->nmech].style = 0;
    s->mech[s->nmech].styled = 0;
    s->nmech++;
    return NRN_OK;
}

int nrn_insert(nrn_model *m, int sec, const char *mech)
{
    int rc = model_check_sec(m, sec);
    if (rc)
        return rc;
    int t = model_type_index(m, mech);
    if (t < 0)
        return model_err(m, NRN_ENOTFOUND, "unknown mechanism \"%s\"", mech);
    const nrn_mech_type *d = m->types[t].d;
    if (d->kind != NRN_DENSITY && d->kind != NRN_ION)
        return model_err(m, NRN_EINVAL, "%s is a point process, not a density mechanism", mech);
    struct section *s = m->secs[sec];
    if (section_mech(s, t))
        return NRN_OK;
    model_flush(m);
    for (int k = 0; k < d->nion; k++) {
        int it = m->types[t].ion_type[k];
        if (it >= 0 && !section_mech(s, it) && (rc = add_mech(m, s, it)))
            return rc;
    }
    if ((rc = add_mech(m, s, t)))
        return rc;
    ion_inserted(m, s, t);
    return NRN_OK;
}

int nrn_uninsert(nrn_model *m, int sec, const char *mech)
{
    int rc = model_check_sec(m, sec);
    if (rc)
        return rc;
    int t = model_type_index(m, mech);
    if (t < 0)
        return model_err(m, NRN_ENOTFOUND, "unknown mechanism \"%s\"", mech);
    struct section *s = m->secs[sec];
    struct secmech *e = section_mech(s, t);
    if (!e)
        return NRN_OK;
    model_flush(m);
    e = section_mech(s, t);
    free(e->vals);
    int k = (int)(e - s->mech);
    memmove(s->mech + k, s->mech + k + 1, sizeof *e * (size_t)(s->nmech - k - 1));
    s->nmech--;
    return NRN_OK;
}

int nrn_has_mech(const nrn_model *m, int sec, const char *mech)
{
    int t = model_type_index(m, mech);
    if (sec < 0 || sec >= m->nsec || t < 0)
        return 0;
    return section_mech(m->secs[sec], t) != NULL;
}
