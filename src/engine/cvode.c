/*
** cvode.c: the variable time step, NEURON's CVode (spec 7): SUNDIALS CVODE (BDF, Newton)
** on the compiled model, next to the fixed step and sharing its current evaluation. This
** file holds the settings (cvode -atol ...), the integrator's life cycle (finitialize,
** restore, free) and the statistics; cvode_int.h lists the files doing the rest.
**
** y = v at every segment node (zero-area nodes carry no capacitance: their v is
** algebraic, solved from the neighbours at each evaluation) followed by every
** mechanism's STATEs, state-major per type. f is the fixed step's current evaluation
** without staggering: all quantities at one t. The linear solve of Newton's iteration,
** (I - gamma J) x = b, is ours as in NEURON: the Hines tree solve with the membrane
** conductances of the last f for v, each mechanism's diagonal ode_matsol for its states.
** Discontinuities (at_time) stop the integrator exactly and re-initialize it; events are
** reached by interpolation inside a step and restart it only when they changed a state.
** Between steps the model arrays hold the state, so records, thresholds and events see
** the same values as under the fixed step.
*/
#include <stdlib.h>
#include <string.h>
#include <nvector/nvector_serial.h>
#include "cvode_int.h"

static const struct cvode defaults = {
    .maxorder = 5, .condition_order = 1, .atol = 1e-3, .rtol = 0, .maxstep = 1e9, .gen = -1,
};

static struct cvode *cv_get(nrn_model *m)
{
    if (!m->cv) {
        m->cv = model_alloc(m, sizeof *m->cv);
        if (m->cv)
            *m->cv = defaults;
    }
    return m->cv;
}

int cvode_active(const nrn_model *m)
{
    return m->cv && m->cv->active;
}

/* Frees the integrator and the layout, keeping the settings. */
void cv_drop(struct cvode *cv)
{
    if (cv->mem)
        CVodeFree(&cv->mem);
    if (cv->ls)
        SUNLinSolFreeEmpty(cv->ls);
    if (cv->mat)
        SUNMatFreeEmpty(cv->mat);
    if (cv->y)
        N_VDestroy(cv->y);
    if (cv->tmp)
        N_VDestroy(cv->tmp);
    if (cv->yi)
        N_VDestroy(cv->yi);
    if (cv->atolv)
        N_VDestroy(cv->atolv);
    for (int k = 0; k < 3; k++)
        if (cv->hv[k])
            N_VDestroy(cv->hv[k]), cv->hv[k] = NULL;
    cv->ops = NULL; /* the process's table (cvode_nvec.c) */
    if (cv->sun)
        SUNContext_Free(&cv->sun);
    free(cv->capnode), free(cv->nocap), free(cv->nochild0), free(cv->nochild);
    free(cv->ptrs), free(cv->scol), free(cv->dsave), free(cv->prev), free(cv->fdot);
    cv->capnode = cv->nocap = cv->nochild0 = cv->nochild = NULL;
    cv->ptrs = cv->scol = NULL;
    cv->dsave = cv->prev = cv->fdot = NULL;
    cv->nprev = 0;
    cv->ls = NULL;
    cv->mat = NULL;
    cv->y = cv->tmp = cv->yi = cv->atolv = NULL;
    cv->ahead = 0;
    cv->sun = NULL;
    cv->gen = -1;
}

void cvode_free(nrn_model *m)
{
    struct cvode *cv = m->cv;
    if (!cv)
        return;
    thr_local_end(m);
    cv_drop(cv);
    for (int i = 0; i < cv->nscale; i++)
        free(cv->scale[i].pat);
    free(cv->scale);
    free(cv->own);
    free(cv);
    m->cv = NULL;
}

void cvode_finitialize(nrn_model *m)
{
    struct cvode *cv = m->cv;
    if (!cv)
        return;
    thr_local_end(m); /* the local step's fadvance starts afresh */
    cv_drop(cv); /* a fresh integrator: counters and threshold history start over */
    cv->need_init = 1;
    cv->acc_steps = cv->acc_fevals = cv->acc_niters = cv->acc_nfails = cv->acc_efails = 0;
    cv->extra_f = cv->inits = cv->linsolves = cv->setups = 0;
    cv->tcheck = m->t;
    if (cv->active && m->ba_mask) { /* NEURON's initial f ran them before the t = 0 records */
        nrn_mech_ctx c = cv_ctx(m, m->t);
        ba_run(m, NRN_BA_AFTER_SOLVE, &c);
    }
}

/* A SaveState was restored: the integrator restarts from it (the counters go on). */
void cvode_restored(nrn_model *m)
{
    struct cvode *cv = m->cv;
    if (!cv)
        return;
    cv->need_init = 1;
    for (int i = 0; i < cv->nprev; i++)
        cv->prev[i] = NAN;
    cv->tcheck = m->t;
}

/* dst (without an integrator) gets src's settings: options and atolscale entries. */
int cvode_copy_settings(nrn_model *dst, const nrn_model *src)
{
    const struct cvode *o = src->cv;
    if (!o)
        return NRN_OK;
    struct cvode *cv = cv_get(dst);
    if (!cv)
        return NRN_ENOMEM;
    cv->active = o->active, cv->maxorder = o->maxorder;
    cv->condition_order = o->condition_order, cv->local = o->local;
    cv->atol = o->atol, cv->rtol = o->rtol, cv->maxstep = o->maxstep;
    for (int i = 0; i < o->nscale; i++)
        if (nrn_cvode_atolscale(dst, o->scale[i].pat, o->scale[i].scale))
            return NRN_ENOMEM;
    return NRN_OK;
}

/* ---- settings ---- */

int nrn_cvode_check(nrn_model *m, nrn_cvopt opt, double value)
{
    static const char *const names[] = {"active", "atol", "rtol", "maxstep", "maxorder",
                                        "condition_order", "local"};
    static const char *const want[] = {"0 or 1", "> 0", ">= 0", "> 0", "1 to 5", "1 or 2",
                                       "0 or 1"};
    if ((unsigned)opt > NRN_CV_LOCAL)
        return model_err(m, NRN_EINVAL, "cvode: unknown option %d", (int)opt);
    int ok;
    switch (opt) {
    case NRN_CV_ACTIVE:
    case NRN_CV_LOCAL: ok = value == 0 || value == 1; break;
    case NRN_CV_ATOL: ok = value > 0 && isfinite(value); break;
    case NRN_CV_RTOL: ok = value >= 0 && isfinite(value); break;
    case NRN_CV_MAXSTEP: ok = value > 0; break;
    case NRN_CV_MAXORDER: ok = value >= 1 && value <= 5 && value == floor(value); break;
    default: ok = value == 1 || value == 2; break;
    }
    if (!ok)
        return model_err(m, NRN_EINVAL, "cvode: %s must be %s, got %g", names[opt], want[opt],
                         value);
    return NRN_OK;
}

int nrn_cvode_set(nrn_model *m, nrn_cvopt opt, double value)
{
    m->wseq++; /* see nrn_model.wseq */
    int rc = nrn_cvode_check(m, opt, value);
    if (rc)
        return rc;
    struct cvode *cv = cv_get(m);
    if (!cv)
        return NRN_ENOMEM;
    if (opt == NRN_CV_ACTIVE && value == 1 && m->compiled) {
        const char *bad = cv_unsupported(m);
        if (bad)
            return model_err(m, NRN_EINVAL,
                             "cvode: mechanism %s has states without CVODE equations", bad);
    }
    switch (opt) {
    case NRN_CV_ACTIVE: cv->active = (int)value; break;
    case NRN_CV_ATOL: cv->atol = value; break;
    case NRN_CV_RTOL: cv->rtol = value; break;
    case NRN_CV_MAXSTEP: cv->maxstep = value; break;
    case NRN_CV_MAXORDER: cv->maxorder = (int)value; break;
    case NRN_CV_LOCAL: cv->local = (int)value; break;
    default: cv->condition_order = (int)value; break;
    }
    if (opt != NRN_CV_CONDITION_ORDER)
        cv->need_init = 1; /* new tolerances or limits: restart from the present state */
    if (opt != NRN_CV_ACTIVE && opt != NRN_CV_CONDITION_ORDER && opt != NRN_CV_LOCAL &&
        cv->mem) {
        cv_accumulate(cv);
        cv_drop(cv);
    }
    return NRN_OK;
}

double nrn_cvode_get(const nrn_model *m, nrn_cvopt opt)
{
    const struct cvode *cv = m->cv ? m->cv : &defaults;
    switch (opt) {
    case NRN_CV_ACTIVE: return cv->active;
    case NRN_CV_ATOL: return cv->atol;
    case NRN_CV_RTOL: return cv->rtol;
    case NRN_CV_MAXSTEP: return cv->maxstep;
    case NRN_CV_MAXORDER: return cv->maxorder;
    case NRN_CV_CONDITION_ORDER: return cv->condition_order;
    case NRN_CV_LOCAL: return cv->local;
    }
    return NAN;
}

int nrn_cvode_atolscale(nrn_model *m, const char *pattern, double scale)
{
    m->wseq++; /* see nrn_model.wseq */
    if (!pattern || !*pattern)
        return model_err(m, NRN_EINVAL, "cvode: empty atolscale pattern");
    if (!(scale > 0) || !isfinite(scale))
        return model_err(m, NRN_EINVAL, "cvode: atolscale of %s must be > 0, got %g", pattern,
                         scale);
    struct cvode *cv = cv_get(m);
    if (!cv)
        return NRN_ENOMEM;
    struct atolscale *s = model_realloc(m, cv->scale, sizeof *s * (size_t)(cv->nscale + 1));
    if (!s)
        return NRN_ENOMEM;
    cv->scale = s;
    if (!(s[cv->nscale].pat = model_strdup(m, pattern)))
        return NRN_ENOMEM;
    s[cv->nscale++].scale = scale;
    if (cv->mem) {
        cv_accumulate(cv);
        cv_drop(cv);
        cv->need_init = 1;
    }
    return NRN_OK;
}

int nrn_cvode_atolscale_count(const nrn_model *m)
{
    return m->cv ? m->cv->nscale : 0;
}

int nrn_cvode_atolscale_get(const nrn_model *m, int i, const char **pattern, double *scale)
{
    if (i < 0 || i >= nrn_cvode_atolscale_count(m))
        return NRN_ENOTFOUND;
    *pattern = m->cv->scale[i].pat;
    *scale = m->cv->scale[i].scale;
    return NRN_OK;
}

void nrn_cvode_stats_get(const nrn_model *m, nrn_cvode_stats *st)
{
    memset(st, 0, sizeof *st);
    if (!m->cv)
        return;
    /* the totals so far plus the running integrator's counts (read where they are: a local
    ** fadvance asks each part that stepped) */
    const struct cvode *cv = m->cv;
    long v[5];
    cv_running(cv, v);
    st->steps = cv->acc_steps + v[0];
    st->fevals = cv->acc_fevals + v[1] + cv->extra_f;
    st->nonlin_iters = cv->acc_niters + v[2];
    st->nonlin_fails = cv->acc_nfails + v[3];
    st->err_fails = cv->acc_efails + v[4];
    if (cv->mem) {
        int q;
        if (!CVodeGetLastOrder(cv->mem, &q))
            st->last_order = q;
        CVodeGetLastStep(cv->mem, &st->last_step);
    }
    st->linsolves = cv->linsolves;
    st->jacobians = cv->setups;
    st->inits = cv->inits;
    st->neq = cv->neq;
}
