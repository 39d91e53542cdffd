/*
** nrn_mechlib.h: mechanism libraries, the shared objects `nrn-build mod` makes from .mod
** files. A library exports one function, NRN_MECHLIB_ENTRY, that hands out its mechanism
** types and the interface fingerprint it was compiled against; a front end (the Tcl
** layer's load_mechanisms) opens the library, compares the fingerprint and registers
** each type into its models with nrn_mech_register.
*/
#ifndef NRN_MECHLIB_H
#define NRN_MECHLIB_H

#include "nrn_mech.h"

/* Raise when nrn_mech.h changes in a way the sizes below do not show. */
#define NRN_MECHLIB_VERSION 4UL

/* The fingerprint: the version and the sizes of what compiled mechanism code touches. */
#define NRN_MECHLIB_ABI                                                                    \
    (NRN_MECHLIB_VERSION * 1000003UL + (unsigned long)sizeof(nrn_mech_type) * 10007UL +      \
     (unsigned long)sizeof(nrn_mech_data) * 101UL + (unsigned long)sizeof(nrn_mech_ctx))

/* The library's entry point: *n types, *abi its NRN_MECHLIB_ABI. */
#define NRN_MECHLIB_ENTRY "nrn_mechlib_types"
typedef const nrn_mech_type *const *(*nrn_mechlib_fn)(int *n, unsigned long *abi);

/*
** Adds type d to m after the types it has (NEURON orders the types of loaded mechanisms
** after the built-in ones, in load order; the order fixes the order of currents into a
** node). d must outlive m. Errors: NRN_EEXIST for a name m already has, NRN_ENOTFOUND
** for an ion m does not have, NRN_EINVAL when m has too many types or is replicated,
** NRN_ENOMEM.
*/
int nrn_mech_register(nrn_model *m, const nrn_mech_type *d);

#endif /* NRN_MECHLIB_H */
