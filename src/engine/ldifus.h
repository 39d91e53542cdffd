/*
** ldifus.h: NMODL's LONGITUDINAL_DIFFUSION in the engine (ldifus.c): the fixed step's solve
** after the states, and the terms CVODE's right-hand side and Jacobian solve add.
*/
#ifndef NRN_LDIFUS_H
#define NRN_LDIFUS_H

#include "nrn_int.h"

struct ldifus_tree;
void ldifus_free(struct ldifus_tree *t);
/* Fixed step, after every type's state: each diffusing state of every type, one implicit
** step along the tree (NEURON's stagger). NRN_ENOMEM with the model's message. */
int ldifus_step(nrn_model *m, const nrn_mech_ctx *c);
/* CVODE: type's diffusion terms added to its state derivatives ds[k][inst] (after all the
** ode_specs), and its diffusion solved on the Jacobian's right-hand side b[k][inst] (after
** all the ode_matsols), as NEURON's long_difus_solve methods 1 and 2. */
int ldifus_ode(nrn_model *m, const nrn_mech_ctx *c, int type, double **ds);
int ldifus_matsol(nrn_model *m, const nrn_mech_ctx *c, int type, double gamma, double **b);

#endif /* NRN_LDIFUS_H */
