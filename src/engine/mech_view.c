/*
** mech_view.c: what the fused fixed steps (cable.c: one unbranched chain, units_step.c: a
** tree in units, blocks_step.c: interleaved cells by tiles) share: when a model may take
** them at all, which mechanism types may run on part of their instances, and a type's
** instances in one piece of the model as an nrn_mech_data of their own (a view), so that
** the kernels run on it unchanged.
*/
#include "nrn_int.h"

/* See nrn_int.h. */
int step_needs_passes(const nrn_model *m)
{
    return m->ba_mask || m->nplay || m->secondorder == 2;
}

/* See nrn_int.h. */
int mech_splittable(const nrn_model *m, int t)
{
    const struct mtype *mt = &m->types[t];
    const nrn_mech_data *md = &mt->md;
    if (!mt->d->inst_local || !md->node || mt->d->npointer)
        return 0;
    for (int i = 0; i < md->n; i++)
        if (md->node[i] < 0 || md->node[i] >= m->nnode)
            return 0;
    return 1;
}

/* The pointers a view of type t needs: its columns and its ion-instance arrays. */
size_t mech_view_ptrs(const nrn_model *m, int t)
{
    return (size_t)m->types[t].d->nvar + (size_t)m->types[t].d->nion;
}

/* md restricted to instances [i0, i1), its arrays from *pool on. */
nrn_mech_data mech_view(const nrn_model *m, int t, int i0, int i1, void ***pool)
{
    const nrn_mech_type *d = m->types[t].d;
    const nrn_mech_data *md = &m->types[t].md;
    nrn_mech_data w = *md;
    double **col = (double **)*pool;
    int **ii = (int **)(col + d->nvar);
    *pool += mech_view_ptrs(m, t);
    w.n = i1 - i0;
    w.node = md->node + i0;
    for (int k = 0; k < d->nvar; k++)
        col[k] = md->col[k] + i0;
    w.col = col;
    for (int k = 0; k < d->nion; k++)
        ii[k] = md->ion_inst[k] + i0;
    w.ion_inst = d->nion ? ii : md->ion_inst;
    if (md->g)
        w.g = md->g + i0;
    if (md->obj)
        w.obj = md->obj + i0;
    if (md->style)
        w.style = md->style + i0;
    w.ptr = NULL;
    return w;
}
