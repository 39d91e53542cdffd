/*
** objects.c: listing the model's named objects (point processes, artificial cells and
** NetCons) through the public API, for front ends that show them all (nrn-tui's tree).
** Ids are those nrn_pp_new and nrn_netcon_new returned; a deleted object keeps its id slot
** and answers NULL / -1, so callers walk 0 .. count-1 and skip those.
*/
#include "nrn_int.h"

int nrn_pp_count(const nrn_model *m)
{
    return m->npp;
}

const char *nrn_pp_name(const nrn_model *m, int pp)
{
    if (pp < 0 || pp >= m->npp || !m->pps[pp])
        return NULL;
    return m->pps[pp]->name;
}

int nrn_netcon_count(const nrn_model *m)
{
    return m->nnc;
}

const char *nrn_netcon_name(const nrn_model *m, int nc)
{
    if (nc < 0 || nc >= m->nnc || !m->ncs[nc])
        return NULL;
    return m->ncs[nc]->name;
}

const char *nrn_netcon_source(const nrn_model *m, int nc)
{
    if (nc < 0 || nc >= m->nnc || !m->ncs[nc])
        return NULL;
    int pre = m->ncs[nc]->presyn;
    if (pre < 0 || pre >= m->npre || !m->pre[pre].label)
        return "";
    return m->pre[pre].label;
}

int nrn_netcon_target(const nrn_model *m, int nc)
{
    if (nc < 0 || nc >= m->nnc || !m->ncs[nc])
        return -1;
    return m->ncs[nc]->target;
}
