/*
** ba.c: NMODL's BEFORE and AFTER blocks, run where NEURON 8.2.2's nrn_ba runs them:
** BEFORE INITIAL and AFTER INITIAL around the INITIAL blocks (AFTER after the NetCons'
** INITIALs), BEFORE BREAKPOINT before the currents each time the matrix is set up (also
** in CVODE's right-hand side), AFTER SOLVE after the states of a fixed step, BEFORE STEP
** then and at the end of finitialize, before the records sample. Under CVODE, as NEURON's
** cvode runs them: BEFORE BREAKPOINT and AFTER SOLVE around every f (cvode_eval.c; AFTER
** SOLVE also at finitialize, for NEURON's initial f), BEFORE STEP before each step's or
** re-initialization's records (cvode_record.c). By type in type order.
*/
#include "nrn_int.h"

void ba_run(nrn_model *m, int kind, const nrn_mech_ctx *c)
{
    if (!(m->ba_mask & (1u << kind)))
        return;
    for (int t = 0; t < m->ntype; t++) {
        struct mtype *mt = &m->types[t];
        if (mt->d->ba[kind] && mt->md.n)
            mt->d->ba[kind](c, &mt->md);
    }
}
