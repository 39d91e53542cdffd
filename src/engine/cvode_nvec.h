/*
** cvode_nvec.h: optimized kernels for CVODE's serial vectors (cvode_nvec.c says why).
*/
#ifndef CVODE_NVEC_H
#define CVODE_NVEC_H

#include <sundials/sundials_nvector.h>

/* The operations of our serial vectors: SUNDIALS's serial ones with the hot kernels, clone
** and destroy replaced by ours. One table for the process, made at the first call (any
** thread), never freed; NULL when it could not be made (out of memory). */
N_Vector_Ops cvode_nvec_ops(void);
/* A serial vector of length n in one block with operations ops (from cvode_nvec_ops); its
** clones share ops. N_VDestroy frees it. */
N_Vector cvode_nvec_new(sunindextype n, SUNContext sun, N_Vector_Ops ops);

#endif /* CVODE_NVEC_H */
