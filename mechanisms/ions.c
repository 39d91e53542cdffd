/*
** ions.c: the na, k and ca ion mechanisms. Per segment each holds the reversal
** potential, the inside and outside concentrations, the total current and its
** derivative; mechanisms that use the ion read and accumulate into these.
** NEURON's defaults (spec 0.2): na 10/140 mM, ena 50; k 54.4/2.5 mM, ek -77;
** ca 5e-5/2 mM, eca = 12.5 ln(2/5e-5).
*/
#include <math.h>
#include "../src/engine/nrn_mech.h"

enum { ION_E, ION_CI, ION_CO, ION_CUR, ION_DCURDV };

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

/* First in every step: clear the totals so the mechanisms after can accumulate. */
static void ion_cur(const nrn_mech_ctx *c, nrn_mech_data *md)
{
    (void)c;
    double *cur = md->col[ION_CUR], *dcur = md->col[ION_DCURDV];
    for (int i = 0; i < md->n; i++) {
        dcur[i] = 0.;
        cur[i] = 0.;
    }
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

#define ION_TYPE(nm, tab, z)                                                                  \
    {                                                                                          \
        .name = nm "_ion", .kind = NRN_ION, .nvar = 5, .vars = tab, .charge = z,              \
        .cur = ion_cur,                                                                        \
    }

const nrn_mech_type nrn_mech_na_ion = ION_TYPE("na", na_vars, 1);
const nrn_mech_type nrn_mech_k_ion = ION_TYPE("k", k_vars, 1);
const nrn_mech_type nrn_mech_ca_ion = ION_TYPE("ca", ca_vars, 2);
