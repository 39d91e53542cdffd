/*
** mrandom.c: the random numbers of mechanism code: nrn_mech_random (NetStim's noise) and
** NMODL's scop_random, unirand, normrand, exprand and set_seed. The streams are counter
** based: a draw depends only on the seed, the instance's identity and how many it drew
** before, never on the order instances were created or on how a run is split into calls. NEURON's
** scop_random shares one generator among all mechanisms; its numbers are not these.
*/
#include <math.h>
#include "nrn_int.h"

/* splitmix64's finalizer: a bijective mix of 64 bits. */
static unsigned long long mix64(unsigned long long z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Draw number n of stream stream of the object keyed by key, under the model's seed. */
static double random_draw(const nrn_model *m, unsigned long long key, int stream,
                          unsigned long long n)
{
    unsigned long long seed = (unsigned long long)(long long)m->seed;
    unsigned long long z = mix64(seed * 0x9e3779b97f4a7c15ULL + key);
    z = mix64(z ^ ((unsigned long long)stream * 0xd1b54a32d192ed03ULL));
    z = mix64(z + n);
    /* 53 random bits, shifted to the open interval (0,1) */
    return ((double)(z >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}

double nrn_mech_random(const nrn_mech_ctx *c, nrn_mech_data *md, int inst, int stream)
{
    struct pproc *p = c->model->pps[md->obj[inst]];
    return random_draw(c->model, p->key, stream, p->draws++);
}

/* The stream of a density mechanism's NMODL draws; a point process draws from its object's
** stream 0, as nrn_mech_random. */
#define NMODL_STREAM 7

/* An instance's key: an object's name hash, else its section's, segment and mechanism
** (a model replica's copies draw their original's numbers, as its objects do). */
static unsigned long long instance_key(const nrn_model *m, const nrn_mech_data *md, int inst)
{
    if (md->obj)
        return m->pps[md->obj[inst]]->key;
    int nd = md->node[inst];
    const struct section *s = m->secs[m->sec_of_node[nd]];
    unsigned long long k = s->key;
    k = k * 1000003ULL + (unsigned long long)((nd - s->node0) / s->nstride);
    return k * 0x100000001b3ULL + names_hash(m->types[md->type].d->name);
}

double nrn_mech_uniform(const nrn_mech_ctx *c, nrn_mech_data *md, int inst, double *counter)
{
    if (!counter)
        return nrn_mech_random(c, md, inst, 0);
    unsigned long long n = (unsigned long long)*counter;
    *counter += 1;
    return random_draw(c->model, instance_key(c->model, md, inst), NMODL_STREAM, n);
}

/* Box-Muller's cosine branch: one normal number from two uniform draws. */
double nrn_mech_normal(const nrn_mech_ctx *c, nrn_mech_data *md, int inst, double *counter,
                       double mean, double sd)
{
    double u1 = nrn_mech_uniform(c, md, inst, counter);
    double u2 = nrn_mech_uniform(c, md, inst, counter);
    return mean + sd * sqrt(-2.0 * log(u1)) * cos(2.0 * NRN_PI * u2);
}

/* set_seed(x): the model's seed becomes x and this instance starts its stream again. */
double nrn_mech_set_seed(const nrn_mech_ctx *c, nrn_mech_data *md, int inst, double seed,
                         double *counter)
{
    c->model->seed = seed;
    if (counter)
        *counter = 0;
    else
        c->model->pps[md->obj[inst]]->draws = 0;
    return 0.;
}
