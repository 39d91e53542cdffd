/*
** ldifus.c: NMODL's LONGITUDINAL_DIFFUSION, a state of a density mechanism that also
** diffuses along the sections, from each instance to the instance at its parent node, as
** NEURON 8.2.2's ldifus.cpp does it: in the fixed step one implicit tree solve per diffusing
** state after all the states were advanced ("stagger"), and under CVODE the diffusion terms
** added to the states' derivatives and a tree solve in the Jacobian's state part.
**
** The tree of one type's instances (its "parents", NEURON's pindex) and the geometric
** factors are built at the first use after a compile and dropped with the compiled model.
** The instances are walked in NEURON's node order (model_std_node), because the order of
** the eliminations onto a parent is part of the arithmetic; only the order within a cell
** matters, so the interleaved layouts change nothing.
*/
#include <math.h>
#include <stdlib.h>
#include "ldifus.h"

struct ldifus_tree {
    long gen;         /* compile generation it was built for */
    int n;            /* instances, in NEURON's node order */
    int *inst;        /* instance of each */
    int *pin;         /* its parent in this order, or -1 */
    double *af, *bf;  /* NEURON's geometric factors: 2 rall / dxp / (dxc + dxp), 2 / dxc / ... */
    double *a, *b, *d, *rhs, *dc, *vol; /* scratch of one solve */
};

void ldifus_free(struct ldifus_tree *t)
{
    if (!t)
        return;
    free(t->inst), free(t->pin), free(t->af), free(t->bf);
    free(t->a), free(t->b), free(t->d), free(t->rhs), free(t->dc), free(t->vol);
    free(t);
}

/* The section of node nd and its position j there (pnode[j]). */
static const struct section *node_sec(const nrn_model *m, int nd, int *j)
{
    const struct section *s = m->secs[m->sec_of_node[nd]];
    *j = (nd - s->node0) / s->nstride;
    return s;
}

/*
** NEURON's parent of an instance: the instance at its parent node; where there is none (a
** zero-area node ends the parent section), the instance at the parent's parent; where there
** is still none or no such node (the root), the first segment of the parent section.
*/
static int tree_parent(const nrn_model *m, const int *map, int nd)
{
    int p = m->parent[nd];
    if (p < 0)
        return -1;
    if (map[p] >= 0)
        return map[p];
    int pp = m->parent[p];
    if (pp >= 0 && map[pp] >= 0)
        return map[pp];
    int ps = m->secs[m->sec_of_node[nd]]->parent;
    if (ps < 0)
        return -1;
    return map[sec_node(m->secs[ps], 0)];
}

static struct ldifus_tree *tree_build(nrn_model *m, int type)
{
    const nrn_mech_data *md = &m->types[type].md;
    int n = md->n, nn = m->nnode;
    struct ldifus_tree *t = calloc(1, sizeof *t);
    int *map = malloc(sizeof(int) * (size_t)(nn > 0 ? nn : 1));
    int *order = malloc(sizeof(int) * (size_t)(n > 0 ? n : 1));
    if (!t || !map || !order)
        goto fail;
    t->n = n;
    size_t ni = sizeof(int) * (size_t)(n > 0 ? n : 1), nd = sizeof(double) * (size_t)(n > 0 ? n : 1);
    t->inst = malloc(ni), t->pin = malloc(ni);
    t->af = calloc(1, nd), t->bf = calloc(1, nd), t->a = calloc(1, nd), t->b = calloc(1, nd);
    t->d = calloc(1, nd), t->rhs = calloc(1, nd), t->dc = calloc(1, nd), t->vol = calloc(1, nd);
    if (!t->inst || !t->pin || !t->af || !t->bf || !t->a || !t->b || !t->d || !t->rhs ||
        !t->dc || !t->vol)
        goto fail;
    for (int i = 0; i < nn; i++)
        map[i] = -1;
    for (int i = 0; i < n; i++)
        map[md->node[i]] = i;
    /* map: node -> instance; then instance -> its place in NEURON's order */
    int k = 0;
    for (int s = 0; s < nn; s++) {
        int node = model_std_node(m, s);
        if (map[node] >= 0) {
            order[map[node]] = k;
            t->inst[k++] = map[node];
        }
    }
    for (int i = 0; i < n; i++) {
        int node = md->node[t->inst[i]];
        int p = tree_parent(m, map, node);
        t->pin[i] = p >= 0 ? order[p] : -1;
        if (p < 0)
            continue;
        int jc, jp;
        const struct section *sc = node_sec(m, node, &jc);
        const struct section *sp = node_sec(m, md->node[p], &jp);
        double rall = jc == 0 ? sc->rallbranch : 1.;
        double dxc = sc->L / (double)sc->nseg;
        double dxp = sp->L / (double)sp->nseg;
        t->af[i] = 2 * rall / dxp / (dxc + dxp);
        t->bf[i] = 2 / dxc / (dxc + dxp);
    }
    free(map), free(order);
    t->gen = m->gen;
    return t;
fail:
    free(map), free(order);
    ldifus_free(t);
    return NULL;
}

static struct ldifus_tree *tree_of(nrn_model *m, int type)
{
    struct mtype *mt = &m->types[type];
    if (mt->ldifus && mt->ldifus->gen == m->gen)
        return mt->ldifus;
    ldifus_free(mt->ldifus);
    mt->ldifus = tree_build(m, type);
    if (!mt->ldifus)
        model_err(m, NRN_ENOMEM, "out of memory (LONGITUDINAL_DIFFUSION of %s)", mt->d->name);
    return mt->ldifus;
}

/* The address of element ai of diffusing state l of instance inst: the mechanism's column,
** or for a concentration that is the ion's own state the ion's value. */
static double *state_ptr(nrn_mech_data *md, const nrn_ldifus *l, int ai, int inst)
{
    if (l->ion)
        return &md->ion[l->ion / 8]->col[l->ion % 8][md->ion_inst[l->ion / 8][inst]];
    return &md->col[l->col + ai][inst];
}

/* NEURON's nrn_tree_solve: elimination from the last row onto the parents, then back. */
static void tree_solve(struct ldifus_tree *t)
{
    double *a = t->a, *b = t->b, *d = t->d, *rhs = t->rhs;
    const int *pin = t->pin;
    for (int i = t->n - 1; i > 0; --i) {
        int p = pin[i];
        if (p > -1) {
            double f = a[i] / d[i];
            d[p] -= f * b[i];
            rhs[p] -= f * rhs[i];
        }
    }
    for (int i = 0; i < t->n; ++i) {
        int p = pin[i];
        if (p > -1)
            rhs[i] -= b[i] * rhs[p];
        rhs[i] /= d[i];
    }
}

/*
** The coefficients of element ai of state l: dc (D times the cross-section) and the volume
** of every instance, and the couplings a, b (sign: -1 for the implicit matrix, +1 for the
** derivatives). dfdc, when given, gets each instance's d(flux)/d(conc) term.
*/
static void coefs(const nrn_mech_ctx *c, nrn_mech_data *md, const nrn_ldifus *l, int ai,
                  struct ldifus_tree *t, double sign, double *dfdc)
{
    for (int i = 0; i < t->n; ++i) {
        int p = t->pin[i];
        double df = 0.;
        t->dc[i] = l->coef(c, md, t->inst[i], ai, &t->vol[i], &df);
        if (dfdc)
            dfdc[i] = df;
        if (p > -1) {
            double dc = (t->dc[i] + t->dc[p]) / 2.; /* D * area between the two */
            t->a[i] = sign * t->af[i] * dc / t->vol[p]; /* sign * af: exact, NEURON's -af */
            t->b[i] = sign * t->bf[i] * dc / t->vol[i];
        }
    }
}

/* The matrix 1/dt + diffusion (d already holds the extra diagonal terms) and the solve. */
static void implicit_solve(struct ldifus_tree *t, double dt)
{
    for (int i = 0; i < t->n; ++i) {
        int p = t->pin[i];
        t->d[i] += 1. / dt;
        if (p > -1) {
            t->d[i] -= t->b[i];
            t->d[p] -= t->a[i];
        }
    }
    tree_solve(t);
}

/* The index of element ai of state l among the type's CVODE states. */
static int state_index(const nrn_mech_type *d, const nrn_ldifus *l, int ai)
{
    for (int s = 0; s < d->nstate; s++)
        if (d->state_vars[s] == l->col + ai)
            return s;
    return -1;
}

/* One element's part: x is its column of dstate/dt (ode) or of the right-hand side (matsol)
** over the instances, NULL in the fixed step (stagger). */
typedef void (*elem_fn)(const nrn_mech_ctx *c, nrn_mech_data *md, const nrn_ldifus *l, int ai,
                        struct ldifus_tree *t, double *x, double gamma);

static void elem_stagger(const nrn_mech_ctx *c, nrn_mech_data *md, const nrn_ldifus *l, int ai,
                         struct ldifus_tree *t, double *x, double dt)
{
    (void)x;
    coefs(c, md, l, ai, t, -1., NULL);
    for (int i = 0; i < t->n; ++i) {
        t->d[i] = 0.;
        t->rhs[i] = *state_ptr(md, l, ai, t->inst[i]) / dt;
    }
    implicit_solve(t, dt);
    for (int i = 0; i < t->n; ++i)
        *state_ptr(md, l, ai, t->inst[i]) = t->rhs[i];
}

static void elem_ode(const nrn_mech_ctx *c, nrn_mech_data *md, const nrn_ldifus *l, int ai,
                     struct ldifus_tree *t, double *ds, double gamma)
{
    (void)gamma;
    coefs(c, md, l, ai, t, 1., NULL);
    for (int i = 0; i < t->n; ++i) {
        int p = t->pin[i];
        if (p > -1) {
            double dif = *state_ptr(md, l, ai, t->inst[p]) - *state_ptr(md, l, ai, t->inst[i]);
            ds[t->inst[i]] += dif * t->b[i];
            ds[t->inst[p]] -= dif * t->a[i];
        }
    }
}

static void elem_matsol(const nrn_mech_ctx *c, nrn_mech_data *md, const nrn_ldifus *l, int ai,
                        struct ldifus_tree *t, double *b, double gamma)
{
    /* the rhs array holds each d(flux)/d(conc) until the rows are set up */
    coefs(c, md, l, ai, t, -1., t->rhs);
    for (int i = 0; i < t->n; ++i) {
        t->d[i] = 0.;
        if (t->rhs[i])
            t->d[i] += fabs(t->rhs[i]) / t->vol[i] / *state_ptr(md, l, ai, t->inst[i]);
        t->rhs[i] = b[t->inst[i]] / gamma;
    }
    implicit_solve(t, gamma);
    for (int i = 0; i < t->n; ++i)
        b[t->inst[i]] = t->rhs[i];
}

/* f on every element of type's diffusing states; with x, on those CVODE integrates (x[k]:
** state k's column). */
static int each_elem(nrn_model *m, const nrn_mech_ctx *c, int type, double **x, double gamma,
                     elem_fn f)
{
    struct mtype *mt = &m->types[type];
    struct ldifus_tree *t = tree_of(m, type);
    if (!t)
        return NRN_ENOMEM;
    for (int s = 0; s < mt->d->nldifus; s++) {
        const nrn_ldifus *l = &mt->d->ldifus[s];
        for (int ai = 0; ai < l->n; ai++) {
            int k = x ? state_index(mt->d, l, ai) : 0;
            if (k >= 0)
                f(c, &mt->md, l, ai, t, x ? x[k] : NULL, gamma);
        }
    }
    return NRN_OK;
}

int ldifus_step(nrn_model *m, const nrn_mech_ctx *c)
{
    int rc = NRN_OK;
    for (int type = 0; type < m->ntype && rc == NRN_OK; type++)
        if (m->types[type].d->nldifus && m->types[type].md.n)
            rc = each_elem(m, c, type, NULL, c->dt, elem_stagger);
    return rc;
}

int ldifus_ode(nrn_model *m, const nrn_mech_ctx *c, int type, double **ds)
{
    return each_elem(m, c, type, ds, 0., elem_ode);
}

int ldifus_matsol(nrn_model *m, const nrn_mech_ctx *c, int type, double gamma, double **b)
{
    return each_elem(m, c, type, b, gamma, elem_matsol);
}
