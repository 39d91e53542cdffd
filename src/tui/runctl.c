/*
** runctl.c: run control (r, s, c, n) without freezing the keyboard. A run integrates in
** slices between key polls: each slice is one nrn_continuerun_until to a time a few steps
** ahead, its size adapted so that it takes about RUN_SLICE_MS. The steps are exactly those
** of one continuerun to tstop (the fixed step stops at the first t >= T - dt/2, so stopping
** early and going on takes the same steps; CVODE ends a slice at a step's end, with tstop
** as its target), hence the same numbers as nrn-run.
**
** r is stdrun's run(): setdt, finitialize(v_init), continuerun(tstop). setdt is the
** engine's; the Tcl `run` command reaches it, so r runs `run` with tstop set to 0 for an
** instant (setdt and finitialize, no step), then goes on in slices. Each action goes into
** the journal as the script command with the same effect (see session.c).
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"
#include "tui.h"

#define RUN_SLICE_MS 20.0

/* The journal line for the run so far, now at time t; finished: it reached its end. */
static void run_note(struct tui *u, double t, int finished)
{
    char buf[NUMFMT_BUFSIZE], ts[NUMFMT_BUFSIZE], line[256];
    double tstop = 0;
    nrn_get(tui_model(u), "tstop", &tstop);
    numfmt_double(buf, t, 0);
    numfmt_double(ts, tstop, 0);
    if (u->run.from_r && finished)
        snprintf(line, sizeof line, "run");
    else if (u->run.from_r)
        snprintf(line, sizeof line, "setval tstop %s; run; setval tstop %s", buf, ts);
    else
        snprintf(line, sizeof line, "continuerun %s", buf);
    journal_add(&u->journal, line);
}

void run_checkpoint(struct tui *u)
{
    if (u->run.state != RUN_RUNNING)
        return;
    run_note(u, nrn_time(tui_model(u)), 0);
    u->run.from_r = 0; /* the rest of the run is a continuerun */
}

/* The run ended (finished, stopped or failed). */
static void run_end(struct tui *u, const char *why, int finished)
{
    nrn_model *m = tui_model(u);
    double wall = tui_now() - u->run.wall0;
    int err = 0;
    u->run.state = RUN_IDLE;
    run_note(u, nrn_time(m), finished);
    /* the screen's share means something only for runs longer than a few pictures */
    if (wall >= 0.5)
        tui_status(u, err, "%s at t = %g ms (%ld steps; %.3f s: integrating %.1f%%, screen %.1f%%)",
                   why, nrn_time(m), nrn_step_count(m), wall, 100 * u->run.busy_s / wall,
                   100 * u->run.draw_s / wall);
    else
        tui_status(u, err, "%s at t = %g ms (%ld steps; %.1f ms)", why, nrn_time(m),
                   nrn_step_count(m), 1000 * wall);
    u->views.summary_dirty = 1;
    u->redraw = 1;
}

/* The slices begin (r: from_r 1; c: 0). */
static void run_begin(struct tui *u, int from_r, double tstop)
{
    u->run.until = NAN;
    u->run.state = RUN_RUNNING;
    u->run.from_r = from_r;
    u->run.wall0 = tui_now();
    u->run.busy_s = u->run.draw_s = 0;
    if (u->run.slice_steps < 1)
        u->run.slice_steps = 10;
    tui_status(u, 0, "%s %g ms", from_r ? "running to tstop =" : "continuing to", tstop);
    u->redraw = 1;
}

int run_start(struct tui *u)
{
    nrn_model *m = tui_model(u);
    double tstop = 0;
    int rc;
    if (u->run.state == RUN_RUNNING)
        return 0;
    nrn_get(m, "tstop", &tstop);
    if (nrn_set(m, "tstop", 0) != NRN_OK) {
        tui_status(u, 1, "run: %s", nrn_errmsg(m));
        return -1;
    }
    rc = Tcl_Eval(u->interp, "::nrn::run");
    m = tui_model(u);
    nrn_set(m, "tstop", tstop);
    if (rc != TCL_OK) {
        tui_status(u, 1, "run: %s", Tcl_GetStringResult(u->interp));
        return -1;
    }
    u->model_dirty = 1;
    run_begin(u, 1, tstop);
    return 0;
}

int run_continue(struct tui *u)
{
    nrn_model *m = tui_model(u);
    double tstop = 0, dt = 0.025;
    if (u->run.state == RUN_RUNNING)
        return 0;
    nrn_get(m, "tstop", &tstop);
    nrn_get(m, "dt", &dt);
    if (!(nrn_time(m) < tstop - dt / 2)) {
        tui_status(u, 1, "t = %g ms is at tstop already: raise tstop (globals) to go on",
                   nrn_time(m));
        return -1;
    }
    run_begin(u, 0, tstop);
    return 0;
}

int run_until(struct tui *u, double until)
{
    nrn_model *m = tui_model(u);
    double dt = 0.025;
    if (u->run.state == RUN_RUNNING)
        return 0;
    nrn_get(m, "dt", &dt);
    if (!(nrn_time(m) < until - dt / 2)) {
        tui_status(u, 0, "t = %g ms: nothing to do before %g ms", nrn_time(m), until);
        return 0;
    }
    run_begin(u, 0, until);
    u->run.until = until;
    return 0;
}

void run_stop(struct tui *u)
{
    if (u->run.state == RUN_RUNNING)
        run_end(u, "stopped", 0);
}

int run_step(struct tui *u)
{
    if (u->run.state == RUN_RUNNING)
        return 0;
    if (tui_eval(u, "fadvance") != TCL_OK) {
        tui_status(u, 1, "fadvance: %s", Tcl_GetStringResult(u->interp));
        return -1;
    }
    journal_add(&u->journal, "fadvance");
    tui_status(u, 0, "one step: t = %g ms", nrn_time(tui_model(u)));
    return 0;
}

void run_slice(struct tui *u)
{
    nrn_model *m = tui_model(u);
    double tstop = 0, dt = 0.025, target, t0 = tui_now(), took;
    int rc;
    nrn_get(m, "tstop", &tstop);
    nrn_get(m, "dt", &dt);
    if (!isnan(u->run.until))
        tstop = u->run.until;
    target = nrn_time(m) + u->run.slice_steps * dt;
    if (target > tstop)
        target = tstop;
    /* under the local step too: the cells' integrators go on from one slice to the next
    ** (threads_local.c keeps them) */
    rc = nrn_continuerun_until(m, tstop, target);
    took = tui_now() - t0;
    u->run.busy_s += took;
    u->redraw = 1;
    if (rc != NRN_OK) {
        tui_status(u, 1, "%s", nrn_errmsg(m));
        u->run.state = RUN_IDLE;
        run_note(u, nrn_time(m), 0);
        return;
    }
    /* aim at RUN_SLICE_MS per slice, changing by at most 2x at a time */
    if (took > 0) {
        double f = RUN_SLICE_MS / 1000 / took;
        if (f > 2)
            f = 2;
        if (f < 0.5)
            f = 0.5;
        u->run.slice_steps *= f;
    } else {
        u->run.slice_steps *= 2;
    }
    if (u->run.slice_steps < 1)
        u->run.slice_steps = 1;
    if (u->run.slice_steps > 1e7)
        u->run.slice_steps = 1e7;
    if (!(nrn_time(m) < tstop - dt / 2))
        run_end(u, "done", 1);
}
