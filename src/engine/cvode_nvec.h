/*
** cvode_nvec.h: optimized kernels for CVODE's serial vectors (cvode_nvec.c says why).
*/
#ifndef CVODE_NVEC_H
#define CVODE_NVEC_H

#include <sundials/sundials_nvector.h>

/* Replaces the hot operations of serial vector v (and of its future clones) by ours. */
void cvode_nvec_fast(N_Vector v);

#endif /* CVODE_NVEC_H */
