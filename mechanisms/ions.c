/*
** ions.c: the na, k and ca ion mechanisms. Per segment each holds the reversal
** potential, the inside and outside concentrations, the total current and its
** derivative; mechanisms that use the ion read and accumulate into these.
** NEURON's defaults (spec 0.2): na 10/140 mM, ena 50; k 54.4/2.5 mM, ek -77;
** ca 5e-5/2 mM, eca = 12.5 ln(2/5e-5). What finitialize and each step do with them
** depends on the ion style (src/engine/ion.c).
**
** Hand-written, not NMODL: NEURON's ions are no .mod file either (eion.cpp); what they do
** per step (clearing the totals, Nernst by style, the concentration writers first) is the
** engine's, and NMODL has no way to say it.
*/
#include <math.h>
#include "../src/engine/nrn_mech.h"

double nrn_nernst(double ci, double co, double z, double celsius)
{
    double ktf = 1000. * NRN_GASCONST * (celsius + 273.15) / NRN_FARADAY;
    if (z == 0)
        return 0.;
    if (ci <= 0.)
        return 1e6;
    if (co <= 0.)
        return -1e6;
    return ktf / z * log(co / ci);
}

#define ION_VARS(ion, e, ci, co)                                                              \
    {                                                                                          \
        {"e" ion, NRN_PARAM, "mV", e, "reversal potential"},                                   \
        {ion "i", NRN_PARAM, "mM", ci, "inside concentration"},                                \
        {ion "o", NRN_PARAM, "mM", co, "outside concentration"},                               \
        {"i" ion, NRN_ASSIGNED, "mA/cm2", 0, "total current"},                                 \
        {"di" ion "_dv_", NRN_ASSIGNED, "S/cm2", 0, "derivative of the total current"},        \
    }

static const nrn_var_info na_vars[] = ION_VARS("na", 50, 10, 140);
static const nrn_var_info k_vars[] = ION_VARS("k", -77, 54.4, 2.5);
static const nrn_var_info ca_vars[] = ION_VARS("ca", 132.4579341637009, 5e-5, 2);

/* The initial concentrations a cinit style sets, as NEURON names them. */
#define ION_GLOBALS(ion, ci, co)                                                              \
    {                                                                                          \
        {ion "i0_" ion "_ion", "mM", ci, "initial inside concentration", 0},                      \
        {ion "o0_" ion "_ion", "mM", co, "initial outside concentration", 0},                     \
    }

static const nrn_global_info na_globals[] = ION_GLOBALS("na", 10, 140);
static const nrn_global_info k_globals[] = ION_GLOBALS("k", 54.4, 2.5);
static const nrn_global_info ca_globals[] = ION_GLOBALS("ca", 5e-5, 2);

#define ION_TYPE(nm, tab, glob, z)                                                            \
    {                                                                                          \
        .name = nm "_ion", .kind = NRN_ION, .nvar = 5, .vars = tab, .charge = z,              \
        .nglobal = 2, .globals = glob, .init = nrn_ion_init, .cur = nrn_ion_cur,               \
        .inst_local = 1,                                                                       \
    }

const nrn_mech_type nrn_mech_na_ion = ION_TYPE("na", na_vars, na_globals, 1);
const nrn_mech_type nrn_mech_k_ion = ION_TYPE("k", k_vars, k_globals, 1);
const nrn_mech_type nrn_mech_ca_ion = ION_TYPE("ca", ca_vars, ca_globals, 2);
