/*
** ion.c: NEURON's ion styles (src/nrnoc/eion.cpp): whether an ion's concentrations are
** constants or states, whether finitialize sets them from the globals (nai0_na_ion ...),
** and whether its reversal potential is a constant or follows the concentrations by
** Nernst at finitialize only or every step. Every mechanism using the ion at a location
** promotes the style there from what it reads and writes (NEURON's nrn_promote); Tcl's
** ion_style overrides it for a section. Also the ion types' init and cur functions, and
** the types of ions other than na, k and ca, made when a mechanism first uses them.
*/
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nrn_int.h"
#include "nrn_mechlib.h"

/*
** What a use of the ion with flags does to its style at a location: NEURON's
** nrn_check_conc_write marks a written concentration, then nrn_promote with the
** arguments nocmodl derives from a USEION: reading a concentration counts 1, writing one
** 3; reading e 1, writing it 3. The larger wins; a concentration in use makes e at least
** computed (2); a computed e is set at init, and every step too when a concentration is
** a state.
*/
int ion_promote(int style, int flags)
{
    int conc = 0, rev = 0;
    if (flags & NRN_ION_WRITE_CI)
        style |= NRN_STYLE_CI_WRITTEN;
    if (flags & NRN_ION_WRITE_CO)
        style |= NRN_STYLE_CO_WRITTEN;
    if (flags & NRN_ION_READ_CONC)
        conc = 1;
    if (flags & NRN_ION_WRITE_CONC)
        conc = 3;
    if (flags & NRN_ION_READ_E)
        rev = 1;
    if (flags & NRN_ION_WRITE_E)
        rev = 3;
    if (!conc && !rev)
        return style; /* nocmodl emits no nrn_promote for a use of the current alone */
    int oldconc = style & NRN_STYLE_CONC, oldrev = (style & NRN_STYLE_E) >> 3;
    if (oldconc < conc)
        oldconc = conc;
    if (oldrev < rev)
        oldrev = rev;
    if (oldconc > 0 && oldrev < 2)
        oldrev = 2;
    style &= ~0177;
    style += oldconc + 010 * oldrev;
    if (oldconc == 3) {
        style += NRN_STYLE_CINIT;
        if (oldrev == 2)
            style += NRN_STYLE_EADVANCE;
    }
    if (oldconc > 0 && oldrev == 2)
        style += NRN_STYLE_EINIT;
    return style;
}

/* A mechanism of type t was inserted into s: it promotes the style of each ion it uses, as
** NEURON's nrn_promote does at every insertion (uninserting it later demotes nothing). */
void ion_inserted(nrn_model *m, struct section *s, int t)
{
    for (int k = 0; k < m->types[t].d->nion && k < 4; k++) {
        struct secmech *e = section_mech(s, m->types[t].ion_type[k]);
        if (e)
            e->style = ion_promote(e->style, m->types[t].d->ions[k].flags);
    }
}

/* After the instances are laid out: every ion instance's style. */
int ion_compile(nrn_model *m)
{
    for (int it = 0; it < m->ntype; it++) {
        struct mtype *mt = &m->types[it];
        if (mt->d->kind != NRN_ION)
            continue;
        if (mt->d->charge == 0 && mt->md.n)
            return model_err(m, NRN_EINVAL, "%s: no mechanism using it gave its VALENCE",
                             mt->d->name);
        int n = mt->md.n;
        int *style = model_alloc(m, sizeof(int) * (size_t)(n + 1));
        char *user = model_alloc(m, (size_t)(n + 1));
        if (!style || !user) {
            free(style), free(user);
            return NRN_ENOMEM;
        }
        mt->md.style = style;
        for (int i = 0; i < m->nsec; i++) {
            const struct section *s = m->secs[i];
            const struct secmech *e = section_mech((struct section *)s, it);
            if (!e)
                continue;
            for (int j = 0; j < s->nseg; j++) {
                style[secmech_inst(e, j)] = e->style;
                user[secmech_inst(e, j)] = (char)e->styled;
            }
        }
        /* point processes promote the ion at their node (unless ion_style set it since) */
        for (int t = 0; t < m->ntype; t++) {
            const struct mtype *pt = &m->types[t];
            if (pt->d->kind != NRN_POINT)
                continue;
            for (int k = 0; k < pt->d->nion && k < 4; k++) {
                if (pt->ion_type[k] != it || !pt->md.ion_inst || !pt->md.ion_inst[k])
                    continue;
                for (int q = 0; q < pt->md.n; q++) {
                    int ii = pt->md.ion_inst[k][q];
                    if (ii >= 0 && !user[ii])
                        style[ii] = ion_promote(style[ii], pt->d->ions[k].flags);
                }
            }
        }
        free(user);
    }
    return NRN_OK;
}

int nrn_ion_style(nrn_model *m, int sec, const char *ion, const int *style, int *old)
{
    int rc = model_check_sec(m, sec);
    if (rc)
        return rc;
    int it = model_type_index(m, ion);
    if (it < 0 || m->types[it].d->kind != NRN_ION)
        return model_err(m, NRN_ENOTFOUND, "%s is not an ion", ion);
    if (style) {
        static const int max[5] = { 3, 3, 1, 1, 1 };
        for (int k = 0; k < 5; k++)
            if (style[k] < 0 || style[k] > max[k])
                return model_err(m, NRN_EINVAL, "ion_style: argument %d must be in 0..%d, not %d",
                                 k + 2, max[k], style[k]);
    }
    struct section *s = m->secs[sec];
    struct secmech *e = section_mech(s, it);
    *old = -1;
    if (!e)
        return NRN_OK;
    *old = m->compiled && m->types[it].md.style ? m->types[it].md.style[e->inst0] : e->style;
    if (style) {
        model_flush(m);
        e = section_mech(s, it);
        int written = *old & (NRN_STYLE_CI_WRITTEN | NRN_STYLE_CO_WRITTEN);
        e->styled = 1;
        e->style = written + style[0] + 010 * style[1] + NRN_STYLE_EINIT * style[2] +
                   NRN_STYLE_EADVANCE * style[3] + NRN_STYLE_CINIT * style[4];
    }
    return NRN_OK;
}

/*
** The order in which NEURON calls the types (its memb_order_): the ions and the types that
** write a concentration first (nrn_writes_conc moves each to the front, after those moved
** before it), then the others, each group in registration order. It fixes the order of
** the currents into a node, hence the last bits of v.
*/
void ion_exec_order(nrn_model *m)
{
    int n = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int t = 0; t < m->ntype; t++) {
            const nrn_mech_type *d = m->types[t].d;
            int front = d->kind == NRN_ION;
            for (int k = 0; k < d->nion; k++)
                front |= (d->ions[k].flags & NRN_ION_WRITE_CONC) != 0;
            if (front == (pass == 0))
                m->exec[n++] = t;
        }
}

/* The valence of ion md. */
static double charge(const nrn_mech_ctx *c, const nrn_mech_data *md)
{
    return c->model->types[md->type].d->charge;
}

/* e by Nernst at the instances whose style has flag (EINIT at finitialize, EADVANCE every
** step); out of line, for the step callers' small frames. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static void ion_nernst(const nrn_mech_ctx *c, nrn_mech_data *md, int flag)
{
    double *e = md->col[ION_E], *ci = md->col[ION_CI], *co = md->col[ION_CO];
    const int *style = md->style;
    double z = charge(c, md);
    for (int i = 0; i < md->n; i++)
        if (style[i] & flag)
            e[i] = nrn_nernst(ci[i], co[i], z, c->celsius);
}

void nrn_ion_init(const nrn_mech_ctx *c, nrn_mech_data *md)
{
    double *ci = md->col[ION_CI], *co = md->col[ION_CO];
    const int *style = md->style;
    for (int i = 0; i < md->n; i++)
        if (style[i] & NRN_STYLE_CINIT) {
            ci[i] = md->gvals[0];
            co[i] = md->gvals[1];
        }
    ion_nernst(c, md, NRN_STYLE_EINIT);
}

/* The clears, e where it follows the concentrations, over many instances: separate passes,
** the clears as block fills, the style scan as a vector reduction (one loop over the three
** arrays runs element by element, as they might overlap). A function of its own: sharing
** one with the small path below, GCC 12 keeps the reduction's sum in memory (20% slower). */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static void ion_cur_vec(const nrn_mech_ctx *c, nrn_mech_data *md)
{
    size_t n = (size_t)md->n;
    memset(md->col[ION_DCURDV], 0, n * sizeof(double));
    memset(md->col[ION_CUR], 0, n * sizeof(double));
    const int *style = md->style;
    int any = 0;
#pragma omp simd reduction(| : any)
    for (size_t i = 0; i < n; i++)
        any |= style[i];
    if (any & NRN_STYLE_EADVANCE)
        ion_nernst(c, md, NRN_STYLE_EADVANCE);
}

/* The same for a few instances (a lone soma) in plain loops: the vector loop's setup and
** memset's calls cost more than their work. */
void nrn_ion_cur(const nrn_mech_ctx *c, nrn_mech_data *md)
{
    if (md->n >= 8) {
        ion_cur_vec(c, md);
        return;
    }
    const int *style = md->style;
    int any = 0;
    nrn_clear2(md->col[ION_DCURDV], md->col[ION_CUR], md->n);
    for (int i = 0; i < md->n; i++)
        any |= style[i];
    if (any & NRN_STYLE_EADVANCE)
        ion_nernst(c, md, NRN_STYLE_EADVANCE);
}

void nrn_ion_wrote_conc(const nrn_mech_ctx *c, nrn_mech_data *md, int inst)
{
    if (md->style[inst] & NRN_STYLE_EINIT)
        md->col[ION_E][inst] = nrn_nernst(md->col[ION_CI][inst], md->col[ION_CO][inst],
                                          charge(c, md), c->celsius);
}

/*
** Ions other than na, k and ca (USEION x ... VALENCE z): one descriptor per name for the
** whole process, as in NEURON, made on first use and never freed (the models that
** register it, clones included, share it), with NEURON's defaults for such an ion: 1 mM
** inside and outside, e 0. Its valence is the first one a mechanism gives (0 until then);
** another valence later is an error.
*/
struct dyn_ion {
    nrn_mech_type d;
    nrn_var_info vars[5];
    nrn_global_info globals[2];
    char names[8][48];
    struct dyn_ion *next;
};
static struct dyn_ion *dyn_ions;
static pthread_mutex_t dyn_lock = PTHREAD_MUTEX_INITIALIZER;

/* The descriptor of ion (made if new), its valence set from valence if it had none; NULL
** when out of memory. *had: the valence it had before (0: none). */
static const nrn_mech_type *dyn_ion_type(const char *ion, double valence, double *had)
{
    char name[48];
    snprintf(name, sizeof name, "%s_ion", ion);
    pthread_mutex_lock(&dyn_lock);
    struct dyn_ion *p = dyn_ions;
    while (p && strcmp(p->d.name, name) != 0)
        p = p->next;
    if (!p && (p = calloc(1, sizeof *p)) != NULL) {
        static const char *const fmt[6] = { "%s_ion", "e%s", "%si", "%so", "i%s", "di%s_dv_" };
        for (int k = 0; k < 6; k++)
            snprintf(p->names[k], sizeof p->names[k], fmt[k], ion);
        snprintf(p->names[6], sizeof p->names[6], "%si0_%s_ion", ion, ion);
        snprintf(p->names[7], sizeof p->names[7], "%so0_%s_ion", ion, ion);
        p->vars[ION_E] = (nrn_var_info){ p->names[1], NRN_PARAM, "mV", 0., "reversal potential" };
        p->vars[ION_CI] = (nrn_var_info){ p->names[2], NRN_PARAM, "mM", 1.,
                                          "inside concentration" };
        p->vars[ION_CO] = (nrn_var_info){ p->names[3], NRN_PARAM, "mM", 1.,
                                          "outside concentration" };
        p->vars[ION_CUR] = (nrn_var_info){ p->names[4], NRN_ASSIGNED, "mA/cm2", 0.,
                                           "total current" };
        p->vars[ION_DCURDV] = (nrn_var_info){ p->names[5], NRN_ASSIGNED, "S/cm2", 0.,
                                              "derivative of the total current" };
        p->globals[0] = (nrn_global_info){ p->names[6], "mM", 1., "initial inside concentration", 0 };
        p->globals[1] = (nrn_global_info){ p->names[7], "mM", 1., "initial outside concentration", 0 };
        p->d = (nrn_mech_type){ .name = p->names[0], .kind = NRN_ION, .nvar = 5, .vars = p->vars,
                                .nglobal = 2, .globals = p->globals,
                                .init = nrn_ion_init, .cur = nrn_ion_cur, .inst_local = 1 };
        p->next = dyn_ions;
        dyn_ions = p;
    }
    if (p) {
        *had = p->d.charge;
        if (p->d.charge == 0)
            p->d.charge = valence;
    }
    pthread_mutex_unlock(&dyn_lock);
    return p ? &p->d : NULL;
}

/* Before type d is registered: the ions it uses exist, with the valence it gives them. */
int ion_register_uses(nrn_model *m, const nrn_mech_type *d)
{
    for (int k = 0; k < d->nion; k++) {
        const nrn_ion_use *u = &d->ions[k];
        char name[48];
        if (strlen(u->ion) > 20)
            return model_err(m, NRN_EINVAL, "%s: ion name %s is too long", d->name, u->ion);
        snprintf(name, sizeof name, "%s_ion", u->ion);
        int t = model_type_index(m, name);
        if (t >= 0 && m->types[t].d->kind != NRN_ION)
            return model_err(m, NRN_EINVAL, "%s: USEION %s: %s is a mechanism, not an ion",
                             d->name, u->ion, name);
        double had = t >= 0 ? m->types[t].d->charge : 0;
        const nrn_mech_type *it = NULL;
        if (t < 0 || had == 0) { /* na, k and ca have their valence; the others are shared */
            if (!(it = dyn_ion_type(u->ion, u->valence, &had)))
                return model_err(m, NRN_ENOMEM, "out of memory (ion %s)", u->ion);
        }
        if (u->valence != 0 && had != 0 && u->valence != had)
            return model_err(m, NRN_EINVAL, "%s: USEION %s VALENCE %g: %s already has valence %g",
                             d->name, u->ion, u->valence, name, had);
        int rc = t < 0 ? nrn_mech_register(m, it) : NRN_OK;
        if (rc)
            return rc;
    }
    return NRN_OK;
}
