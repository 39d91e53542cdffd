/*
** cvode_run.c: the variable step's run loop (fadvance, continuerun): micro-steps that
** deliver the events due (reached by interpolation inside a step, as NEURON does), stop
** exactly before and restart after at_time discontinuities, and report a failing
** integration with the state to blame.
*/
#include <stdio.h>
#include <nvector/nvector_serial.h>
#include "cvode_int.h"

/*
** The equation to blame, named as a value path: the one with the largest weighted local
** error, or, when CVODE refused the tolerances (too much accuracy), the largest weighted
** state (its test is on the weighted norm of y). That refusal comes before any step, so
** the local error estimate may never have been computed: CVODE leaves it unset.
*/
static void worst_state(nrn_model *m, int flag, char *buf, size_t size)
{
    struct cvode *cv = m->cv;
    snprintf(buf, size, "?");
    N_Vector ele = N_VClone(cv->y), ewt = N_VClone(cv->y);
    if (ele && flag == CV_TOO_MUCH_ACC) /* CVODE handed back its y */
        N_VScale(1.0, cv->y, ele);
    else if (ele && CVodeGetEstLocalErrors(cv->mem, ele))
        N_VDestroy(ele), ele = NULL;
    if (!ele || !ewt || CVodeGetErrWeights(cv->mem, ewt)) {
        if (ele)
            N_VDestroy(ele);
        if (ewt)
            N_VDestroy(ewt);
        return;
    }
    const double *e = N_VGetArrayPointer(ele), *w = N_VGetArrayPointer(ewt);
    int worst = 0;
    double big = -1;
    for (int k = 0; k < cv->neq; k++) {
        double x = fabs(e[k] * w[k]);
        if (!(x <= big)) /* NaN counts as the largest */
            big = x, worst = k;
    }
    N_VDestroy(ele);
    N_VDestroy(ewt);
    int nd, j = -1, s = 0, inst = 0;
    const struct mtype *mt = NULL;
    if (worst < cv->ncap) {
        nd = cv->capnode[worst];
    } else {
        for (j = cv->nty - 1; cv->tyoff[j] > worst; j--)
            ;
        mt = &m->types[cv->ty[j]];
        s = (worst - cv->tyoff[j]) / mt->md.n;
        inst = (worst - cv->tyoff[j]) % mt->md.n;
        nd = mt->md.node[inst];
        if (mt->d->kind != NRN_DENSITY) {
            snprintf(buf, size, "%s.%s", m->pps[mt->md.obj[inst]]->name,
                     mt->d->vars[mt->d->state_vars[s]].name);
            return;
        }
    }
    const struct section *sec = m->secs[m->sec_of_node[nd]];
    double x = ((nd - sec->node0) / sec->nstride + .5) / sec->nseg;
    if (sec->childend == 1)
        x = 1 - x;
    if (mt)
        snprintf(buf, size, "%s(%g).%s_%s", sec->name, x,
                 mt->d->vars[mt->d->state_vars[s]].name, mt->d->name);
    else
        snprintf(buf, size, "%s(%g).v", sec->name, x);
}

static int step_failed(nrn_model *m, int flag)
{
    struct cvode *cv = m->cv;
    double h = 0;
    CVodeGetCurrentStep(cv->mem, &h);
    char name[256];
    worst_state(m, flag, name, sizeof name);
    const char *why = flag == CV_TOO_MUCH_WORK    ? "too much work"
                      : flag == CV_ERR_FAILURE    ? "repeated error test failures"
                      : flag == CV_CONV_FAILURE   ? "repeated convergence failures"
                      : flag == CV_TOO_CLOSE      ? "tstop too close to t"
                                                  : cv->err;
    return model_err(m, NRN_ENUMERIC,
                     "CVODE failed at t = %.17g with step %g (%s); largest weighted %s in %s",
                     m->t, h, why, flag == CV_TOO_MUCH_ACC ? "state" : "error", name);
}

/*
** t reached a step's end or a time inside the last step: the rows due, unless a spike
** whose delivery falls before t sends the integrator back to it (next micro-step; the
** row for t is then never reached).
*/
static int arrived(nrn_model *m, double told)
{
    int rc;
    for (int i = 0; i < m->nnode; i++)
        if (!isfinite(m->v[i]))
            return model_err(m, NRN_ENUMERIC, "v became %g in %s at t = %g", m->v[i],
                             m->secs[m->sec_of_node[i]]->name, m->t);
    if (m->npre && (rc = cv_thresholds(m)))
        return rc;
    if (m->watching && m->cv->condition_order == 2) /* WATCH crossings located in the step */
        watch_check_interp(m);
    if (m->nheap && m->ev[m->heap[0]].t < m->t)
        return NRN_OK;
    return cv_record_step(m, told);
}

/* A step ended at m->t; at the stop before an at_time discontinuity, restart just after it. */
static int step_end(nrn_model *m, double told, double tat)
{
    int rc;
    if (m->t != tat)
        return arrived(m, told);
    if ((rc = cv_record_step(m, told)))
        return rc;
    m->t = fmax(m->t, tat + 1.5 * cv_eps(tat));
    if ((rc = cv_init(m)))
        return rc;
    return cv_record_init(m);
}

/* The next at_time stop: just before the discontinuity (spec 7.6). */
static double at_stop(const struct cvode *cv)
{
    return cv->at_next < INFINITY ? cv->at_next - cv_eps(cv->at_next) : INFINITY;
}

/*
** Inside the step CVODE took (m->t < tn): to ti by interpolation (an event's time, or
** tout), as NEURON does, so that events that change nothing and stops of continuerun
** leave the step sequence alone; or, ti >= tn, to the step's end.
*/
static int go_ahead(nrn_model *m, double ti)
{
    struct cvode *cv = m->cv;
    double told = m->t;
    cv->parked = 0;
    if (ti < cv->tn) {
        CVodeGetDky(cv->mem, ti, 0, cv->yi);
        cv_scatter(m, NV_DATA_S(cv->yi));
        m->t = ti;
        cv_eval(m, ti, NULL, NULL);
        return arrived(m, told);
    }
    cv->ahead = 0;
    cv_scatter(m, NV_DATA_S(cv->y));
    m->t = cv->tn;
    cv_eval(m, m->t, NULL, NULL);
    return step_end(m, told, at_stop(cv));
}

/*
** A local part without records (cvode_local.c) that would stop at its round's end hold
** inside a step already taken, with no event before: it parks instead (the round is over
** for it), so that a quiet cell's long step costs no interpolation, f and threshold check
** per round; its thresholds are checked at the step's end, as NEURON's are.
*/
static int park(nrn_model *m, double tout, double hold, double tev)
{
    struct cvode *cv = m->cv;
    if (!cv->part || m->nrec || m->rec_every > 0 || !(hold < tout) || !(hold < tev) ||
        !(hold < cv->tn))
        return 0;
    cv->parked = 1;
    return 1;
}

/*
** One micro-step toward tout: deliver the events due now, or move inside the step already
** taken, or take one CVODE step that stops only at the next discontinuity (an event or
** tout inside it is then reached by interpolation). *moved: t advanced or the integrator was
** re-initialized (NEURON's fadvance repeats micro-steps until one of them). hold <= tout:
** t goes no further than hold, by interpolation inside a step that went beyond it (a local
** step's round end, cvode_local.c), or parks before it (park); hold = tout otherwise.
*/
static int micro_step(nrn_model *m, double tout, double hold, int *moved)
{
    struct cvode *cv = m->cv;
    int rc, reinit = 0;
    *moved = 0;
    double tev = m->nheap ? m->ev[m->heap[0]].t : INFINITY;
    if (cv->parked) { /* checked at t already, the arrays stale: on inside the step */
        *moved = 1;
        return park(m, tout, hold, tev) ? NRN_OK : go_ahead(m, tev < hold ? tev : hold);
    }
    if ((cv->need_init || cv->gen != m->gen || (!cv->mem && cv->neq > 0)) && (rc = cv_init(m)))
        return rc;
    if (m->npre && (rc = cv_thresholds(m)))
        return rc;
    if (m->watching && cv->condition_order != 2) /* WATCH: checked at each step's start */
        watch_check(m);
    tev = m->nheap ? m->ev[m->heap[0]].t : INFINITY;
    if (cv->ahead && tev > m->t) {
        *moved = 1;
        return go_ahead(m, tev < hold ? tev : hold);
    }
    if (tev <= m->t) {
        int back = 0;
        if (tev < m->t && cv->stepped) { /* an event inside the last step: go back to it */
            CVodeGetDky(cv->mem, tev, 0, cv->y);
            cv_scatter(m, NV_DATA_S(cv->y));
            m->t = tev;
            cv->need_init = back = 1;
            cv_eval(m, tev, NULL, NULL); /* NEURON's row there, before the delivery */
            if ((rc = cv_record_init(m)))
                return rc;
        }
        if ((rc = cv_deliver_now(m, &reinit)))
            return rc;
        if (cv->need_init && (rc = cv_init(m)))
            return rc;
        *moved = reinit || back;
        return *moved ? cv_record_init(m) : NRN_OK;
    }
    /* at_time: stop just before te, restart just after it (spec 7.6); the only stop time:
    ** events and tout are reached by interpolation, as in NEURON, where continuerun's
    ** tstop is an event too */
    double ts = INFINITY, tat = at_stop(cv);
    if (tat <= m->t) {
        m->t = fmax(m->t, tat + 1.5 * cv_eps(tat));
        if ((rc = cv_init(m)))
            return rc;
        *moved = 1;
        return cv_record_init(m);
    }
    ts = tat < ts ? tat : ts;
    for (int k = 0; k < cv->nafter; k++) { /* after_cvode: once before each step */
        struct mtype *mt = &m->types[cv->after[k]];
        nrn_mech_ctx c = cv_ctx(m, m->t);
        mt->d->state(&c, &mt->md);
    }
    double told = m->t, tret = ts;
    if (!cv->mem) { /* nothing to integrate (artificial cells only): time jumps */
        ts = tout < ts ? tout : ts;
        ts = tev < ts ? tev : ts;
        ts = hold < ts ? hold : ts;
        if (!isfinite(ts))
            return model_err(m, NRN_EINVAL, "cvode: no equations and no event to advance to");
        m->t = ts;
        *moved = 1;
        if (ts == tat) {
            m->t = tat + 1.5 * cv_eps(tat);
            cv->need_init = 1;
        }
        return cv_record_step(m, told);
    }
    if (!isfinite(ts) || ts - m->t > 4 * DBL_EPSILON * fmax(fabs(m->t), fabs(ts))) {
        /* CVODE's tout only bounds a first step's size: tout or the next stop, whichever
        ** comes first (as NEURON's steps after a restart show), else 100 ms ahead */
        double th = tout < ts ? tout : ts;
        if (!isfinite(th))
            th = m->t + 100;
        CVodeSetStopTime(cv->mem, isfinite(ts) ? ts : 1e300);
        if (!cv->stepped) { /* the first step after a (re)initialization: NEURON's h0,
                            ** toward its tstop_ (the next at_time, at most 1e5 ms on) */
            double te = fmin(cv->at_next, cv->tn + 1e5);
            CVodeSetInitStep(cv->mem, cv_h0(m, te - cv_eps(te)));
        }
        int flag = CVode(cv->mem, th, cv->y, &tret, CV_ONE_STEP);
        if (flag < 0)
            return step_failed(m, flag);
        m->nsteps++;
        cv->stepped++;
        cv->tn = tret;
        double ti = tev < hold ? tev : hold; /* hold <= tout */
        if (ti < tret) { /* to the event, hold or tout inside the step (the arrays hold
                         ** CVODE's last f) */
            cv->ahead = 1;
            *moved = 1;
            return park(m, tout, hold, tev) ? NRN_OK : go_ahead(m, ti);
        }
        cv_scatter(m, NV_DATA_S(cv->y));
        /* a whole f at the step's end, as NEURON's advance_tn: the recorded assigned values
        ** (currents, e of written concentrations) are the end state's */
        cv_eval(m, tret, NULL, NULL);
    } else { /* a stop within rounding of t: CVODE cannot step there, nothing changes */
        m->nsteps++;
        cv->stepped++;
    }
    m->t = tret;
    *moved = 1;
    return step_end(m, told, tat);
}

int cvode_local_microstep(nrn_model *m)
{
    int rc = model_compile(m), moved;
    return rc ? rc : micro_step(m, INFINITY, INFINITY, &moved);
}

int cvode_fadvance(nrn_model *m)
{
    if (m->cv->local) /* threads_local.c: the cells have no common step */
        return thr_local_fadvance(m);
    int rc = model_compile(m), moved = 0;
    while (rc == NRN_OK && !moved)
        rc = micro_step(m, INFINITY, INFINITY, &moved);
    return rc;
}

/*
** Micro-steps toward tstop (reached by interpolation inside the step that passes it) until
** t >= until: until = tstop is continuerun; until < tstop a slice of it, which ends at a
** step's end or an event and interrupts nothing; with hold, t ends at until exactly
** (interpolated inside the last step).
*/
static int run_until(nrn_model *m, double tstop, double until, int hold)
{
    int rc = model_compile(m), moved;
    double th = hold ? until : tstop;
    record_reserve(m, th);
    while (rc == NRN_OK && m->t < until) {
        rc = micro_step(m, tstop, th, &moved);
        if (m->cv->parked) /* this round is over for the part (park) */
            break;
        if (rc == NRN_OK && m->cancel && *m->cancel)
            return model_err(m, NRN_ECANCELED, "cancelled at t = %g", m->t);
    }
    /* events due exactly at tstop are delivered, as NEURON's solve(tstop) does (inside
    ** a slice this is the next micro-step anyway) */
    if (rc == NRN_OK && !m->cv->parked && m->nheap && m->ev[m->heap[0]].t <= m->t)
        rc = micro_step(m, tstop, th, &moved);
    return rc;
}

int cvode_run_held(nrn_model *m, double tstop, double until)
{
    return run_until(m, tstop, until, 1);
}

int cvode_continuerun(nrn_model *m, double tstop)
{
    if (m->cv->local)
        return thr_local_continuerun(m, tstop);
    return run_until(m, tstop, tstop, 0);
}

int nrn_continuerun_until(nrn_model *m, double tstop, double until)
{
    if (!cvode_active(m) || !(until < tstop))
        return nrn_continuerun(m, until < tstop ? until : tstop);
    if (!isfinite(tstop) || !isfinite(until))
        return model_err(m, NRN_EINVAL, "tstop must be finite");
    if (m->cv->local) /* the cells go on from the last slice (threads_local.c keeps them) */
        return thr_local_continuerun(m, until);
    return run_until(m, tstop, until, 0);
}
