/*
** compile.c: turns the section model into the flat form the integrator walks
** (NEURON's tree setup): node order, parent indices, areas, axial coefficients and
** the structure-of-arrays data of every mechanism type; and back again (flush).
**
** Node order (spec 1.3): the root nodes of all cells in creation order, then the
** sections breadth first from the roots (children in sibling-list order), each
** contributing pnode[0..nseg]. Every parent index is smaller than its child's.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "nrn_int.h"
#include "ldifus.h"

/* Frees the compiled arrays of one mechanism type. */
static void free_md(struct mtype *mt)
{
    nrn_mech_data *md = &mt->md;
    free(mt->md_block), mt->md_block = NULL; /* g, the columns, node and obj (alloc_md) */
    free(md->style);
    for (int k = 0; md->ptr && k < mt->d->npointer; k++)
        free(md->ptr[k]);
    free(md->ptr);
    free(mt->std_inst), mt->std_inst = NULL;
    for (int k = 0; k < 4; k++)
        free(mt->ion_inst_store[k]), mt->ion_inst_store[k] = NULL;
    ldifus_free(mt->ldifus), mt->ldifus = NULL;
    memset(md, 0, sizeof *md);
}

/* Copies the values that live in the compiled arrays back into the sections and point
** processes, keeping the compiled form. A no-op when not compiled. */
void model_sync(nrn_model *m)
{
    cable_free(m);
    units_step_free(m);
    blocks_step_free(m);
    multi_free(m);
    if (m->compiled)
        model_sync_into(m, m, NULL, NULL);
}

/*
** The values in s's compiled arrays (s compiled) into the sections and point processes of
** d: s's section i is d's section secmap[i], with the same segments and mechanisms, and
** its object i is d's ppmap[i] (a part joining its model, in one pass); or s's own (d = s,
** secmap and ppmap NULL).
*/
void model_sync_into(const nrn_model *s, nrn_model *d, const int *secmap, const int *ppmap)
{
    for (int i = 0; i < s->nsec; i++) {
        const struct section *b = s->secs[i];
        struct section *a = d->secs[secmap ? secmap[i] : i];
        for (int j = 0; j <= b->nseg; j++)
            a->v[j] = s->v[sec_node(b, j)];
        for (int j = 0; j < b->nseg; j++)
            a->cm[j] = s->cm[sec_node(b, j)];
        a->vroot = b->rootnode >= 0 ? s->v[b->rootnode] : b->vroot;
        for (int k = 0; k < b->nmech; k++) {
            const struct secmech *e = &b->mech[k];
            const nrn_mech_data *md = &s->types[e->type].md;
            int nv = s->types[e->type].d->nvar;
            double *vals = a->mech[k].vals;
            for (int j = 0; j < b->nseg; j++)
                for (int c = 0; c < nv; c++)
                    vals[j * nv + c] = md->col[c][secmech_inst(e, j)];
        }
    }
    for (int t = 0; t < s->ntype; t++) {
        const struct mtype *mt = &s->types[t];
        if (mt->d->kind != NRN_POINT && mt->d->kind != NRN_ARTCELL)
            continue;
        for (int i = 0; i < mt->md.n; i++) {
            struct pproc *p = d->pps[ppmap ? ppmap[mt->md.obj[i]] : mt->md.obj[i]];
            for (int c = 0; c < mt->d->nvar; c++)
                p->vals[c] = mt->md.col[c][i];
        }
    }
}

/* model_sync, then drops the compiled form. */
void model_flush(nrn_model *m)
{
    m->wseq++; /* see nrn_model.wseq */
    if (!m->compiled)
        return;
    model_sync(m);
    for (int t = 0; t < m->ntype; t++)
        free_md(&m->types[t]);
    free(m->node_block), free(m->parent), free(m->sec_of_node), free(m->mfact);
    m->node_block = NULL;
    free(m->solve_order), free(m->branch), m->solve_order = m->branch = NULL;
    interleave_free(m);
    m->v = m->rhs = m->d = m->a = m->b = m->area = m->rinv = m->cm = m->diam = NULL;
    m->mfact = NULL;
    m->parent = m->sec_of_node = NULL;
    m->compiled = 0;
}

/* The segment of s containing x, mirrored for a section attached by its 1 end. */
int model_segment_of(const struct section *s, double x)
{
    int i = section_node_index(s->nseg, x);
    return s->childend == 1 ? s->nseg - 1 - i : i;
}

/*
** The node at s(x) as NEURON's node_exact finds it (compiled model): the attached end
** is the parent node, the free end the 1-end node, else the segment containing x.
*/
static int node_exact(const struct section *s, double x)
{
    double attached = s->childend;
    if (x == attached || (attached == 0 && x < 0) || (attached == 1 && x > 1))
        return s->pnode;
    if (x == 1 - attached || x > 1 || x < 0)
        return sec_node(s, s->nseg);
    return sec_node(s, model_segment_of(s, x));
}

/*
** Node of sec(x) in the compiled model, compiling first if needed. *owner and *j say
** which section's pnode[j] it is (j = -1: the root node of root section *owner).
*/
int model_node_of(nrn_model *m, int sec, double x, int *owner, int *j)
{
    int rc = model_compile(m);
    if (rc)
        return -1;
    int nd = node_exact(m->secs[sec], x);
    if (owner || j) {
        int o = m->sec_of_node[nd];
        const struct section *s = m->secs[o];
        if (owner)
            *owner = o;
        if (j)
            *j = nd == s->rootnode ? -1 : (nd - s->node0) / s->nstride;
    }
    return nd;
}

/* Sort key of a point process: by node, and at one node newest first (spec 1.3). */
struct ppkey {
    int node;
    long serial;
    int id;
};

static int ppkey_cmp(const void *a, const void *b)
{
    const struct ppkey *p = a, *q = b;
    if (p->node != q->node)
        return p->node < q->node ? -1 : 1;
    return p->serial > q->serial ? -1 : p->serial < q->serial;
}

/*
** Allocates md's arrays for n instances of type mt, zeroed, in one block (g, the columns,
** the column pointers, node, obj): a part per cell of the local step compiles a model per
** cell, and an allocation per array of every type was most of that. g and each column
** start on a 64-byte line (padded to whole lines, and never a multiple of 4 KiB apart),
** with room after them to move them by slack entries (mech_align).
*/
static int alloc_md(nrn_model *m, struct mtype *mt, int n, int slack)
{
    nrn_mech_data *md = &mt->md;
    int obj = mt->d->kind == NRN_POINT || mt->d->kind == NRN_ARTCELL;
    size_t pad = ((size_t)(n + slack) + 7) & ~(size_t)7, nv = (size_t)mt->d->nvar;
    if (pad && pad % 512 == 0) /* columns whole 4 KiB pages apart would share cache sets */
        pad += 8;
    size_t size = sizeof(double) * pad * (nv + 1) + sizeof(double *) * (nv + 1) +
                  sizeof(int) * (pad + (obj ? pad + 8 : 0));
    size = (size + 63) & ~(size_t)63;
    double *blk = aligned_alloc(64, size);
    if (!blk)
        return model_err(m, NRN_ENOMEM, "out of memory (compile)");
    memset(blk, 0, size);
    mt->md_block = blk;
    md->n = n;
    md->g = blk;
    md->col = (double **)(blk + pad * (nv + 1));
    for (size_t k = 0; k < nv; k++)
        md->col[k] = blk + (k + 1) * pad;
    md->node = (int *)(md->col + nv + 1);
    md->obj = obj ? md->node + pad : NULL;
    md->gvals = mt->gvals;
    md->gpriv = mt->gpriv;
    md->type = (int)(mt - m->types);
    return NRN_OK;
}

/* The index of the largest of 8 counts (the first of equals). */
static int most(const int c[8])
{
    int r = 0;
    for (int k = 1; k < 8; k++)
        if (c[k] > c[r])
            r = k;
    return r;
}

/*
** Moves a density type's columns (and g) by up to 7 entries (alloc_md left the room) so
** that the most of its runs of 8 instances on 8 consecutive nodes of which the first starts
** a 64-byte line of the node arrays start a line of the columns too: the kernels load and
** store 8 such instances as one vector (cable.c's chunks, 8 interleaved sections or cells),
** and one across two lines is two accesses. The depth-9 tree's units begin at instance
** 21 + 24k and the axon's chunks at 8k - 1: every vector of their kernels was split.
*/
static void mech_align(const nrn_model *m, struct mtype *mt)
{
    nrn_mech_data *md = &mt->md;
    const int *node = md->node;
    int runs[8] = { 0 };
    for (int i = 0; i + 7 < md->n;)
        if ((uintptr_t)(m->v + node[i]) % 64 == 0 && node[i + 7] == node[i] + 7)
            runs[i % 8]++, i += 8;
        else
            i++;
    size_t shift = (size_t)(8 - most(runs)) % 8, n = (size_t)md->n;
    if (!shift)
        return;
    for (int k = 0; k < mt->d->nvar; k++) {
        memmove(md->col[k] + shift, md->col[k], n * sizeof(double));
        md->col[k] += shift;
    }
    md->g += shift;
}

/*
** The number of sections from order[k] on whose instances of type t are laid out in node
** order: SOLVE_W when order[k..k+SOLVE_W) all have t and one nseg and are interleaved with
** each other (interleave.c: node j of the c-th is node0 + j * SOLVE_W + c), else 1. Their
** segment j of the c-th section is then instance inst0 + j * SOLVE_W + c, so the kernels
** see 8 instances on 8 consecutive nodes (gen_simd.c's plain loads and stores). The run's
** last instance is its last section's last segment either way, so a GLOBAL that keeps the
** last instance's value keeps NEURON's.
*/
static int interleaved_run(const nrn_model *m, const int *order, int k, int t)
{
    if (k + SOLVE_W > m->nsec)
        return 1;
    struct section *s = m->secs[order[k]];
    if (s->nstride != SOLVE_W || s->nseg < 1 || !section_mech(s, t))
        return 1;
    for (int ci = 1; ci < SOLVE_W; ci++) {
        struct section *sc = m->secs[order[k + ci]];
        if (sc->nseg != s->nseg || sc->nstride != SOLVE_W || sc->node0 != s->node0 + ci ||
            !section_mech(sc, t))
            return 1;
    }
    return SOLVE_W;
}

/* mt->std_inst: the instance at each place of NEURON's order (sections in tree order,
** their segments in order), for what must not see the layout (savestate.c). */
static int std_instances(nrn_model *m, struct mtype *mt, const int *order)
{
    if (!(mt->std_inst = model_alloc(m, sizeof(int) * (size_t)(mt->md.n + 1))))
        return NRN_ENOMEM;
    int n = 0, t = (int)(mt - m->types);
    for (int k = 0; k < m->nsec; k++) {
        const struct secmech *e = section_mech(m->secs[order[k]], t);
        for (int j = 0; e && j < m->secs[order[k]]->nseg; j++)
            mt->std_inst[n++] = secmech_inst(e, j);
    }
    return NRN_OK;
}

/* Lays out the instances of every mechanism type in node order. */
static int compile_mechs(nrn_model *m, const int *order)
{
    /* the objects present, once: a local step's part per cell has holes for all others */
    int *live = malloc(sizeof(int) * (size_t)(m->npp + 1)), nlive = 0;
    for (int i = 0; live && i < m->npp; i++)
        if (m->pps[i])
            live[nlive++] = i;
    struct ppkey *pps = model_alloc(m, sizeof *pps * (size_t)(nlive + 1));
    int *nodemap = model_alloc(m, sizeof(int) * (size_t)m->nnode);
    int *stdof = model_alloc(m, sizeof(int) * (size_t)m->nnode); /* place in NEURON's order */
    if (!pps || !nodemap || !stdof || !live) {
        free(pps), free(nodemap), free(stdof), free(live);
        return model_err(m, NRN_ENOMEM, "out of memory (compile)");
    }
    for (int k = 0; k < m->nnode; k++)
        stdof[model_std_node(m, k)] = k;
    int rc = NRN_OK;
    for (int t = 0; t < m->ntype && rc == NRN_OK; t++) {
        struct mtype *mt = &m->types[t];
        int nv = mt->d->nvar, n = 0;
        if (mt->d->kind == NRN_POINT || mt->d->kind == NRN_ARTCELL) {
            int np = 0;
            for (int l = 0; l < nlive; l++) {
                int i = live[l];
                struct pproc *p = m->pps[i];
                if (p->type == t) {
                    p->node = p->sec >= 0 ? node_exact(m->secs[p->sec], p->x) : -1;
                    /* NEURON's instance order, whatever the node layout */
                    pps[np++] = (struct ppkey){ p->node >= 0 ? stdof[p->node] : -1, p->serial, i };
                }
            }
            qsort(pps, (size_t)np, sizeof *pps, ppkey_cmp);
            if ((rc = alloc_md(m, mt, np, 0)))
                break;
            for (int i = 0; i < np; i++) {
                struct pproc *p = m->pps[pps[i].id];
                p->inst = i;
                mt->md.obj[i] = pps[i].id;
                mt->md.node[i] = p->node;
                for (int c = 0; c < nv; c++)
                    mt->md.col[c][i] = p->vals[c];
            }
        } else {
            for (int k = 0; k < m->nsec; k++)
                if (section_mech(m->secs[order[k]], t))
                    n += m->secs[order[k]]->nseg;
            if ((rc = alloc_md(m, mt, n, 7)))
                break;
            n = 0;
            int moved = 0;
            for (int k = 0; k < m->nsec;) {
                struct section *s = m->secs[order[k]];
                struct secmech *e = section_mech(s, t);
                int g = m->inst_nodeorder ? interleaved_run(m, order, k, t) : 1;
                for (int ci = 0; e && ci < g; ci++) {
                    struct section *sc = m->secs[order[k + ci]];
                    struct secmech *ec = section_mech(sc, t);
                    ec->inst0 = n + ci;
                    ec->istride = g;
                    for (int j = 0; j < sc->nseg; j++) {
                        int i = secmech_inst(ec, j);
                        mt->md.node[i] = sec_node(sc, j);
                        for (int c = 0; c < nv; c++)
                            mt->md.col[c][i] = ec->vals[j * nv + c];
                    }
                }
                if (e)
                    n += g * s->nseg;
                moved |= g > 1 && s->nseg > 1;
                k += g;
            }
            mech_align(m, mt);
            if (moved && (rc = std_instances(m, mt, order)))
                break;
        }
    }
    /* Each instance finds the ion instances at its node. */
    for (int t = 0; t < m->ntype && rc == NRN_OK; t++) {
        struct mtype *mt = &m->types[t];
        mt->md.ion = mt->ion_md_store;
        mt->md.ion_inst = mt->ion_inst_store;
        for (int k = 0; k < mt->d->nion && k < 4; k++) {
            struct mtype *it = &m->types[mt->ion_type[k]];
            for (int i = 0; i < m->nnode; i++)
                nodemap[i] = -1;
            for (int i = 0; i < it->md.n; i++)
                nodemap[it->md.node[i]] = i;
            int *inst = model_alloc(m, sizeof(int) * (size_t)(mt->md.n + 1));
            if (!inst) {
                rc = NRN_ENOMEM;
                break;
            }
            for (int i = 0; i < mt->md.n; i++) {
                int nd = mt->md.node[i];
                inst[i] = nd >= 0 ? nodemap[nd] : -1;
                if (inst[i] < 0)
                    rc = model_err(m, NRN_EINVAL, "%s needs the %s ion at its location",
                                   mt->d->name, mt->d->ions[k].ion);
            }
            mt->ion_inst_store[k] = inst;
            mt->ion_md_store[k] = &it->md;
        }
    }
    free(pps);
    free(nodemap);
    free(stdof);
    free(live);
    return rc;
}

/* Sections in tree order: roots in creation order, then breadth first. */
static int tree_order(nrn_model *m, int *order)
{
    int n = 0;
    for (int i = 0; i < m->nsec; i++)
        if (m->secs[i]->parent < 0)
            order[n++] = i;
    int ncell = n;
    for (int k = 0; k < n; k++) {
        const struct section *s = m->secs[order[k]];
        for (int c = 0; c < s->nchild; c++)
            order[n++] = s->child[c];
    }
    return ncell;
}

/*
** The node arrays (v, rhs, d, a, b, area, rinv, cm, diam), nnode + 1 entries each, in one
** block (m->node_block), each in a slot of its own that starts a 64-byte line, with room to
** move the array up to 7 entries further (node_arrays_align). The slots lie NODE_SKEW bytes
** off a multiple of 4 KB from each other: at a multiple, a load of one array right after a
** store to another at the same index waits on the store as if it were to the same address
** (the processor compares only the low 12 bits first; the depth-9 tree's arrays, allocated
** apart, were 32 KB from each other). NULL pointers on failure.
*/
#define NODE_SKEW 448
static size_t node_slot(int nnode)
{
    size_t nd = sizeof(double) * (size_t)(nnode + 1) + 64;
    if (nd >= 4096)
        return (nd + 4095) / 4096 * 4096 + NODE_SKEW;
    /* A small model (a cell of the local variable step's split: a thousand of them) packs its
    ** slots to the next line, still no two a multiple of 4 KB apart: padded to 4 KB, each
    ** cell's block was 41 KB to clear. */
    size_t slot = (nd + 63) / 64 * 64;
    for (int k = 1; k < 9; k++)
        if (slot * (size_t)k % 4096 == 0) {
            slot += 64;
            k = 0;
        }
    return slot;
}

static void node_array_ptrs(nrn_model *m, double **x[9])
{
    x[0] = &m->v, x[1] = &m->rhs, x[2] = &m->d, x[3] = &m->a, x[4] = &m->b;
    x[5] = &m->area, x[6] = &m->rinv, x[7] = &m->cm, x[8] = &m->diam;
}

static void node_arrays(nrn_model *m, int nnode)
{
    size_t slot = node_slot(nnode);
    double **x[9];
    node_array_ptrs(m, x);
    m->node_block = aligned_alloc(64, 9 * slot);
    if (m->node_block)
        memset(m->node_block, 0, 9 * slot);
    else
        model_err(m, NRN_ENOMEM, "out of memory (%zu bytes)", 9 * slot);
    for (int k = 0; k < 9; k++)
        *x[k] = m->node_block ? (double *)((char *)m->node_block + (size_t)k * slot) : NULL;
}

/*
** Moves the node arrays in their slots so that the most of the interleaved nodes (blocks'
** and units') begin their rows at the start of a 64-byte line: then every vector of 4 or
** 8 lanes of those rows lies within one line (a row is 8 entries). A vector across two
** lines costs two accesses, and the kernels' and the solve's loads and stores of the
** depth-9 tree's units were that half of the time. (Rows of blocks and units after a run
** of other nodes whose length is no multiple of 8 begin elsewhere in a line.)
*/
static void node_arrays_align(nrn_model *m)
{
    int rows[8] = { 0 }, any = 0;
    for (int k = 0; k < m->nblock; k++)
        rows[m->blocks[k].base % 8] += m->blocks[k].len, any = 1;
    for (int k = 0; k < m->nunit; k++)
        if (m->units[k].nseg)
            rows[m->units[k].lo % 8] += m->units[k].nseg + 1, any = 1;
    if (!any)
        return;
    size_t slot = node_slot(m->nnode), shift = (size_t)(8 - most(rows)) % 8;
    double **x[9];
    node_array_ptrs(m, x);
    for (int k = 0; k < 9; k++) {
        double *to = (double *)((char *)m->node_block + (size_t)k * slot) + shift;
        memmove(to, *x[k], sizeof(double) * (size_t)(m->nnode + 1));
        *x[k] = to;
    }
}

/*
** Builds the compiled form if it is stale. Returns NRN_OK, or NRN_ENOMEM (or EINVAL
** for an inconsistent model) with the model left uncompiled.
*/
/* Each node's 1.e2 / area (point processes' current scale), once the nodes have their order. */
static int node_mfact(nrn_model *m)
{
    if (!(m->mfact = model_alloc(m, sizeof(double) * (size_t)(m->nnode + 1))))
        return NRN_ENOMEM;
    for (int i = 0; i < m->nnode; i++)
        m->mfact[i] = 1.e2 / m->area[i];
    return NRN_OK;
}

int model_compile(nrn_model *m)
{
    if (m->compiled)
        return NRN_OK;
    int *order = model_alloc(m, sizeof(int) * (size_t)(m->nsec + 1));
    if (!order)
        return NRN_ENOMEM;
    int ncell = tree_order(m, order);
    int nnode = ncell;
    for (int i = 0; i < m->nsec; i++)
        nnode += m->secs[i]->nseg + 1;
    m->ncell = ncell;
    m->nnode = nnode;
    node_arrays(m, nnode);
    m->parent = model_alloc(m, sizeof(int) * (size_t)(nnode + 1));
    m->sec_of_node = model_alloc(m, sizeof(int) * (size_t)(nnode + 1));
    int rc = NRN_ENOMEM;
    if (!m->v || !m->rhs || !m->d || !m->a || !m->b || !m->area || !m->rinv || !m->cm ||
        !m->diam || !m->parent || !m->sec_of_node) {
        free(order);
        goto fail;
    }
    for (int i = 0; i < m->nsec; i++) {
        m->secs[i]->rootnode = -1;
        m->secs[i]->nstride = 1;
    }
    for (int k = 0; k < ncell; k++) {
        struct section *s = m->secs[order[k]];
        s->rootnode = k;
        s->pnode = k;
        m->area[k] = 1.e2;
        m->rinv[k] = 0;
        m->parent[k] = -1;
        m->v[k] = s->vroot;
        m->sec_of_node[k] = order[k];
    }
    int next = ncell;
    for (int k = 0; k < m->nsec; k++) {
        struct section *s = m->secs[order[k]];
        s->node0 = next;
        next += s->nseg + 1;
        if (s->parent >= 0) {
            const struct section *p = m->secs[s->parent];
            s->pnode = node_exact(p, s->parentx);
        }
        geom_section(s, m->area + s->node0, m->rinv + s->node0);
        for (int j = 0; j <= s->nseg; j++) {
            int i = s->node0 + j;
            m->parent[i] = j == 0 ? s->pnode : i - 1;
            m->v[i] = s->v[j];
            m->cm[i] = j < s->nseg ? s->cm[j] : 0;
            m->diam[i] = j < s->nseg ? s->diam[j] : 0;
            m->sec_of_node[i] = order[k];
        }
    }
    /* Axial coefficients (spec 1.4): A couples a node into its parent's row, B the
    ** parent into the node's row. */
    for (int k = 0; k < m->nsec; k++) {
        const struct section *s = m->secs[order[k]];
        int i0 = s->node0;
        m->a[i0] = -1.e2 * s->rallbranch * m->rinv[i0] / m->area[s->pnode];
        for (int j = 1; j <= s->nseg; j++)
            m->a[i0 + j] = -1.e2 * m->rinv[i0 + j] / m->area[i0 + j - 1];
        for (int j = 0; j <= s->nseg; j++)
            m->b[i0 + j] = -1.e2 * m->rinv[i0 + j] / m->area[i0 + j];
    }
    m->compiled = 1;
    m->inst_nodeorder = !cvode_active(m);
    if ((rc = interleave_nodes(m, order)) == NRN_OK) {
        node_arrays_align(m);
        if ((rc = node_mfact(m)) == NRN_OK)
            rc = compile_mechs(m, order);
    }
    if (rc == NRN_OK)
        rc = ion_compile(m);
    free(order);
    if (rc == NRN_OK)
        rc = pointer_resolve(m);
    if (rc || (rc = solve_order_build(m)))
        goto fail;
    m->ncur = m->nstate = 0;
    ion_exec_order(m);
    m->ba_mask = 0;
    m->ldifusing = 0;
    for (int j = 0; j < m->ntype; j++) {
        int t = m->exec[j];
        if (m->types[t].d->nldifus && m->types[t].md.n)
            m->ldifusing = 1;
        for (int k = 0; k < 5; k++)
            if (m->types[t].d->ba[k] && m->types[t].md.n)
                m->ba_mask |= 1u << k;
        if (m->types[t].d->cur && m->types[t].md.n)
            m->curlist[m->ncur++] = t;
        if (m->types[t].d->state && m->types[t].md.n)
            m->statelist[m->nstate++] = t;
    }
    m->gen++;
    return NRN_OK;
fail:
    /* Drop everything without copying half-built values back. */
    for (int t = 0; t < m->ntype; t++)
        free_md(&m->types[t]);
    free(m->node_block), free(m->parent), free(m->sec_of_node), free(m->mfact);
    m->node_block = NULL;
    free(m->solve_order), free(m->branch), m->solve_order = m->branch = NULL;
    interleave_free(m);
    m->v = m->rhs = m->d = m->a = m->b = m->area = m->rinv = m->cm = m->diam = NULL;
    m->mfact = NULL;
    m->parent = m->sec_of_node = NULL;
    m->compiled = 0;
    return rc;
}

int nrn_node_count(nrn_model *m)
{
    return model_compile(m) == NRN_OK ? m->nnode : -1;
}
