/*
** sweep_run.c: how nrn-sweep runs its points one at a time in forked workers, and what the
** threads of sweep_thread.c share with them. Shared: setting a point's values on a replica,
** the measurement of a point (its recorded voltage, its stimulus window, the features),
** storing a result, the progress line. In the workers: the interception of the simulation
** commands (noted while building in replay mode, preceded by setting the value paths in
** script mode) and the worker loop that runs the points it is sent and writes each result
** back over a pipe. In the parent: spawning, feeding, reading and reaping the workers, and
** the scheduler that stores every result as it arrives. The ways of running a point are
** described at the top of nrn-sweep.c.
*/
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <tcl.h>

#include "nrn.h"
#include "nrntcl.h"
#include "nrntcl_int.h"
#include "numfmt.h"
#include "sweep_db.h"
#include "sweep_feat.h"
#include "sweep_plan.h"
#include "cli_tclerr.h"
#include "sweep_int.h"

/* The simulation commands nrn-sweep intercepts. */
static const char *const sweep_simcmds[] = { "finitialize", "fadvance", "continuerun", "run" };

/* Set by the parent's signal handler. */
volatile sig_atomic_t sweep_run_signal;

/* Monotonic time in seconds. */
double sweep_run_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---------------------------------------------------------------------------------------
** Features and the points' measurements (run in the workers)
*/

/* Engine id of the column named name, or -1. */
static int sweep_column(const nrntcl *st, const char *name)
{
    int ids[1024], n = nrntcl_columns(st, ids, 1024);
    for (int i = 0; i < n && i < 1024; i++)
        if (strcmp(nrntcl_column_name(st, ids[i]), name) == 0)
            return ids[i];
    return -1;
}

/* Engine id of a column recording t, or -1. */
static int sweep_t_column(const struct nrntcl *st)
{
    for (int i = 0; i < st->ncols; i++)
        if (strcmp(st->cols[i].path, "t") == 0)
            return i;
    return -1;
}

/* The column to measure: --on, or the first one that is not t. -1 if none. */
int sweep_run_on_column(const struct sweep *s)
{
    int ids[1024], n;
    if (s->a.on)
        return sweep_column(s->st, s->a.on);
    n = nrntcl_columns(s->st, ids, 1024);
    for (int i = 0; i < n && i < 1024; i++)
        if (strcmp(s->st->cols[ids[i]].path, "t") != 0)
            return ids[i];
    return -1;
}

/*
** The stimulus window of the point now in replica r of the model: --stim A:B, --stim OBJ
** (its del and dur), else the first IClamp the scripts made, else 0 to tstop.
*/
static void sweep_stim_window(struct sweep *s, nrn_model *m, int r, struct sweep_feat_opts *fo)
{
    char path[512];
    const char *obj = NULL;
    nrn_ref ref, rr;
    double del, dur;
    int best = -1;

    if (s->stim_fixed)
        return;
    if (s->a.stim) {
        obj = s->a.stim;
    } else {
        for (struct nrntcl_obj *o = s->st->objs; o; o = o->next) {
            int id = nrn_pp_find(m, o->name);
            const char *type = nrn_pp_type(m, id);
            if (type && strcmp(type, "IClamp") == 0 && (best < 0 || id < best)) {
                best = id;
                obj = o->name;
            }
        }
    }
    if (obj) {
        snprintf(path, sizeof path, "%s.del", obj);
        if (nrn_ref_lookup(m, path, &ref) == NRN_OK && nrn_replica_ref(m, r, &ref, &rr) == NRN_OK &&
            nrn_ref_get(m, &rr, &del) == NRN_OK) {
            snprintf(path, sizeof path, "%s.dur", obj);
            if (nrn_ref_lookup(m, path, &ref) == NRN_OK &&
                nrn_replica_ref(m, r, &ref, &rr) == NRN_OK && nrn_ref_get(m, &rr, &dur) == NRN_OK) {
                fo->stim_start = del;
                fo->stim_end = del + dur;
                return;
            }
        }
    }
    fo->stim_start = 0;
    if (nrn_get(m, "tstop", &fo->stim_end) != NRN_OK)
        fo->stim_end = 0;
}

/* See sweep_int.h. */
int sweep_run_measure(struct sweep *s, nrn_model *m, int r, struct sweep_feat_opts *fo, double *vals,
                      char *err)
{
    int tc = sweep_t_column(s->st), vc = sweep_run_on_column(s);
    const double *t, *v;
    size_t nt, nv, n;

    if (s->nfeats == 0)
        return 1;
    if (vc < 0) {
        snprintf(err, SWEEP_ERRMAX, s->a.on ? "no column %s was recorded" :
                 "nothing recorded to measure (record a voltage or give --on PATH)", s->a.on);
        return 0;
    }
    if (tc < 0) {
        snprintf(err, SWEEP_ERRMAX, "t was not recorded (add `record t` to the script)");
        return 0;
    }
    tc = nrn_replica_record(m, r, tc);
    vc = nrn_replica_record(m, r, vc);
    t = nrn_record_data(m, tc);
    v = nrn_record_data(m, vc);
    nt = nrn_record_len(m, tc);
    nv = nrn_record_len(m, vc);
    n = nt < nv ? nt : nv;
    for (size_t i = 0; i < n; i++)
        if (!isfinite(v[i])) {
            snprintf(err, SWEEP_ERRMAX, "%s is %s at t = %g ms",
                     nrntcl_column_name(s->st, sweep_run_on_column(s)),
                     isnan(v[i]) ? "NaN" : "infinite", t[i]);
            return 0;
        }
    sweep_stim_window(s, m, r, fo);
    if (sweep_feat_compute(t, v, n, fo, s->feats, s->nfeats, vals) != 0) {
        snprintf(err, SWEEP_ERRMAX, "out of memory");
        return 0;
    }
    return 1;
}

/* ---------------------------------------------------------------------------------------
** The simulation commands: noted while building (replay mode), or preceded by setting the
** value paths (script mode)
*/

/* Replay mode, while building: notes the command instead of running it. */
int sweep_run_note_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    struct sweep_hook *h = cd;
    Tcl_Obj *cmd = Tcl_NewListObj(0, NULL);
    char name[64];
    snprintf(name, sizeof name, "::nrn::%s", sweep_simcmds[h->which]);
    Tcl_ListObjAppendElement(NULL, cmd, Tcl_NewStringObj(name, -1));
    for (int i = 1; i < objc; i++)
        Tcl_ListObjAppendElement(NULL, cmd, objv[i]);
    Tcl_ListObjAppendElement(NULL, h->s->proto, cmd);
    Tcl_ResetResult(interp);
    return TCL_OK;
}

/* See sweep_int.h. */
int sweep_run_apply(struct sweep *s, nrn_model *m, size_t k, int r, char *err)
{
    const struct sweep_plan *p = &s->plan;
    for (int j = 0; j < p->nparams; j++) {
        double x = p->num[k * (size_t)p->nparams + (size_t)j];
        nrn_ref ref;
        int rc;
        if (!p->params[j].is_path)
            continue;
        if (s->refs) {
            rc = nrn_replica_ref(m, r, &s->refs[j], &ref);
        } else if ((rc = nrn_ref_lookup(m, p->params[j].name, &ref)) != NRN_OK) {
            /* script mode: the model has no such value (the parent decides whether that
            ** is bad usage or this point's failure) */
            snprintf(err, SWEEP_ERRMAX, "-p %s: %s", p->params[j].name, nrn_errmsg(m));
            return SWEEP_NOPATH;
        }
        if (rc == NRN_OK)
            rc = nrn_ref_set(m, &ref, x);
        if (rc != NRN_OK) {
            snprintf(err, SWEEP_ERRMAX, "-p %s: %s", p->params[j].name, nrn_errmsg(m));
            return -1;
        }
    }
    return 0;
}

/* Sets the value paths of point s->cur on replica r of this process's model. 0, or -1 or
** SWEEP_NOPATH (noted in s->nopath). */
static int sweep_apply(struct sweep *s, int r, char *err)
{
    int rc;
    s->applied = 1;
    rc = sweep_run_apply(s, nrntcl_model(s->st), s->cur, r, err);
    if (rc == SWEEP_NOPATH)
        s->nopath = 1;
    return rc;
}

/* Script mode: sets the value paths before the first simulation command, then runs it. */
static int sweep_apply_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    struct sweep_hook *h = cd;
    struct sweep *s = h->s;
    if (!s->applied && sweep_apply(s, 0, s->errbuf) != 0) {
        Tcl_SetObjResult(interp, Tcl_NewStringObj(s->errbuf, -1));
        return TCL_ERROR;
    }
    return s->orig[h->which].objProc(s->orig[h->which].objClientData, interp, objc, objv);
}

/* Points the simulation commands at proc (NULL: back to their own). Returns 0 or -1. */
int sweep_run_hook_sim(struct sweep *s, Tcl_ObjCmdProc *proc)
{
    for (int i = 0; i < SWEEP_NSIM; i++) {
        char name[64];
        Tcl_CmdInfo info;
        snprintf(name, sizeof name, "::nrn::%s", sweep_simcmds[i]);
        if (s->orig[i].objProc == NULL && !Tcl_GetCommandInfo(s->interp, name, &s->orig[i]))
            return -1;
        info = s->orig[i];
        if (proc) {
            s->hooks[i].s = s;
            s->hooks[i].which = i;
            info.objProc = proc;
            info.objClientData = &s->hooks[i];
        }
        if (!Tcl_SetCommandInfo(s->interp, name, &info))
            return -1;
    }
    return 0;
}

/* Runs one script file. Returns the Tcl status. */
int sweep_run_eval_file(struct sweep *s, const char *path)
{
    return Tcl_EvalFile(s->interp, path);
}

/* ---------------------------------------------------------------------------------------
** Workers
*/

/* A result message from a worker (followed by nfeat doubles and the error text). */
struct sweep_msg {
    uint32_t size;    /* bytes of the whole message */
    uint32_t point;   /* point index */
    int32_t ok;       /* 1 succeeded, 0 failed, SWEEP_NOPATH a value path the model lacks */
    int32_t unused;   /* script mode: 2j (+1 if overwritten) for parameter j the scripts did
                      ** not read, -1 when they read every Tcl variable parameter */
    uint32_t nfeat;   /* features that follow */
    double seconds;   /* time the point took */
};

/* Writes all of buf to fd. Returns 0 or -1. */
static int sweep_write_all(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Reads exactly n bytes from fd. Returns 0, or -1 at end of file or on error. */
static int sweep_read_all(int fd, void *buf, size_t n)
{
    char *p = buf;
    while (n > 0) {
        ssize_t r = read(fd, p, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        p += r;
        n -= (size_t)r;
    }
    return 0;
}

/*
** Script mode: how the scripts used a Tcl variable parameter (its byte of s->var_use):
** SWEEP_VAR_READ when they read the point's value before any write of their own,
** SWEEP_VAR_LOST when they wrote it first. Traces both the variable and sweep(NAME).
*/
static char *sweep_var_trace(ClientData cd, Tcl_Interp *interp, const char *name1,
                             const char *name2, int flags)
{
    unsigned char *use = cd;
    (void)interp;
    (void)name1;
    (void)name2;
    if (*use == 0)
        *use = flags & TCL_TRACE_READS ? SWEEP_VAR_READ : SWEEP_VAR_LOST;
    return NULL;
}

/* Runs point s->cur in this worker. Returns 1 (ok) or 0 (failed, s->errbuf says why). */
static int sweep_run_point(struct sweep *s, double *vals)
{
    Tcl_Interp *interp = s->interp;
    const struct sweep_plan *p = &s->plan;

    s->errbuf[0] = '\0';
    s->applied = 0;
    s->nopath = 0;
    if (!s->script_mode) {
        Tcl_Obj **cmds;
        int n;
        if (sweep_apply(s, 0, s->errbuf) != 0)
            return 0;
        Tcl_ListObjGetElements(NULL, s->proto, &n, &cmds);
        for (int i = 0; i < n; i++)
            if (Tcl_EvalObjEx(interp, cmds[i], TCL_EVAL_GLOBAL) != TCL_OK) {
                snprintf(s->errbuf, SWEEP_ERRMAX, "%s: %s", Tcl_GetString(cmds[i]),
                         Tcl_GetStringResult(interp));
                return 0;
            }
        return sweep_run_measure(s, nrntcl_model(s->st), 0, &s->fo, vals, s->errbuf);
    }
    for (int j = 0; j < p->nparams; j++) {
        char buf[NUMFMT_BUFSIZE];
        const char *v = sweep_value_text(p, s->cur, j, buf);
        if (!p->params[j].is_path &&
            Tcl_SetVar2(interp, p->params[j].name, NULL, v, TCL_GLOBAL_ONLY | TCL_LEAVE_ERR_MSG) == NULL) {
            snprintf(s->errbuf, SWEEP_ERRMAX, "-p %s: %s", p->params[j].name, Tcl_GetStringResult(interp));
            return 0;
        }
        Tcl_SetVar2(interp, "sweep", p->params[j].name, v, TCL_GLOBAL_ONLY);
    }
    /* whether the scripts read each variable: a NAME they never read is a mistake that
    ** would make every point the same (the parent refuses it at the first good point) */
    for (int j = 0; j < p->nparams && s->var_use; j++) {
        int fl = TCL_GLOBAL_ONLY | TCL_TRACE_READS | TCL_TRACE_WRITES;
        s->var_use[j] = 0;
        if (p->params[j].is_path)
            continue;
        Tcl_TraceVar2(interp, p->params[j].name, NULL, fl, sweep_var_trace, &s->var_use[j]);
        Tcl_TraceVar2(interp, "sweep", p->params[j].name, fl, sweep_var_trace, &s->var_use[j]);
    }
    if (sweep_run_hook_sim(s, sweep_apply_cmd) != 0) {
        snprintf(s->errbuf, SWEEP_ERRMAX, "cannot intercept the simulation commands");
        return 0;
    }
    for (int i = 0; i < s->nscripts; i++)
        if (sweep_run_eval_file(s, s->scripts[i]) != TCL_OK) {
            cli_tcl_error(interp, s->scripts[i], s->errbuf, SWEEP_ERRMAX);
            return 0;
        }
    if (!s->applied && sweep_apply(s, 0, s->errbuf) != 0)
        return 0;
    if (nrntcl_flush_records(s->st, interp) != TCL_OK) {
        snprintf(s->errbuf, SWEEP_ERRMAX, "%s", Tcl_GetStringResult(interp));
        return 0;
    }
    if (!nrntcl_has_run(s->st) && Tcl_Eval(interp, "::nrn::run") != TCL_OK) {
        snprintf(s->errbuf, SWEEP_ERRMAX, "run: %s", Tcl_GetStringResult(interp));
        return 0;
    }
    return sweep_run_measure(s, nrntcl_model(s->st), 0, &s->fo, vals, s->errbuf);
}

/* Sends one point's result to the parent. Exits the worker when the parent is gone. */
static void sweep_send(struct sweep *s, int out, uint32_t k, int ok, const double *vals,
                       const char *err, double seconds)
{
    unsigned char msg[sizeof(struct sweep_msg) + SWEEP_NFEATS * sizeof(double) + SWEEP_ERRMAX];
    struct sweep_msg h;
    size_t elen = ok == 1 ? 0 : strnlen(err, SWEEP_ERRMAX - 1);
    memset(&h, 0, sizeof h); /* no uninitialised padding down the pipe */
    h.ok = ok == 0 && s->nopath ? SWEEP_NOPATH : ok;
    h.unused = -1;
    for (int j = 0; j < s->plan.nparams && s->var_use && h.unused < 0; j++)
        if (!s->plan.params[j].is_path && s->var_use[j] != SWEEP_VAR_READ)
            h.unused = 2 * j + (s->var_use[j] == SWEEP_VAR_LOST);
    h.seconds = seconds;
    h.point = k;
    h.nfeat = (uint32_t)s->nfeats;
    h.size = (uint32_t)(sizeof h + (size_t)s->nfeats * sizeof(double) + elen);
    memcpy(msg, &h, sizeof h);
    memcpy(msg + sizeof h, vals, (size_t)s->nfeats * sizeof(double));
    memcpy(msg + sizeof h + (size_t)s->nfeats * sizeof(double), err, elen);
    if (sweep_write_all(out, msg, h.size) != 0)
        _exit(1);
}

/*
** The worker's life: reads point indices from in, runs each, writes a result to out;
** leaves after budget points (budget < 0: when in closes). Never returns.
*/
static void sweep_worker(struct sweep *s, int in, int out, int budget)
{
    double vals[SWEEP_NFEATS];
    Tcl_Channel ch;

    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
    dup2(2, 1); /* scripts' puts to stdout must not mix with the CSV */
    for (;;) {
        uint32_t k;
        double t0;
        int ok;
        if (sweep_read_all(in, &k, sizeof k) != 0 || k >= s->plan.npoints)
            _exit(0);
        t0 = sweep_run_now();
        s->cur = k;
        for (int j = 0; j < s->nfeats; j++)
            vals[j] = NAN;
        ok = sweep_run_point(s, vals);
        if ((ch = Tcl_GetStdChannel(TCL_STDOUT)) != NULL)
            Tcl_Flush(ch);
        sweep_send(s, out, k, ok, vals, s->errbuf, sweep_run_now() - t0);
        if (budget > 0 && --budget == 0)
            _exit(0);
    }
}

/* ---------------------------------------------------------------------------------------
** The parent: schedule, collect, store
*/

/* See sweep_int.h. */
void sweep_run_store(struct sweep_run *r, size_t k, const double *vals, int ok, const char *error,
                        double seconds)
{
    if (r->db_error)
        return;
    if (sweep_db_put(r->db, &r->s->plan, k, ok ? vals : NULL, ok ? "ok" : "failed",
                     ok ? NULL : error, seconds, r->err, sizeof r->err) != 0)
        r->db_error = 1;
    r->done++;
    if (!ok)
        r->failed++;
}

/* Starts worker i. Returns 0 or -1 (fork or pipe failed, errno set). */
static int sweep_spawn(struct sweep_run *r, int i)
{
    int cmd[2], res[2];
    pid_t parent = getpid(), pid;
    struct sweep_worker *w = &r->w[i];
    Tcl_Channel ch;

    if (pipe(cmd) != 0)
        return -1;
    if (pipe(res) != 0) {
        close(cmd[0]);
        close(cmd[1]);
        return -1;
    }
    if ((ch = Tcl_GetStdChannel(TCL_STDOUT)) != NULL)
        Tcl_Flush(ch);
    fflush(stdout);
    fflush(stderr);
    r->s->forked = 1;
    pid = fork();
    if (pid < 0) {
        int e = errno;
        close(cmd[0]); close(cmd[1]); close(res[0]); close(res[1]);
        errno = e;
        return -1;
    }
    if (pid == 0) {
#ifdef __linux__
        prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
        if (getppid() != parent)
            _exit(1);
        for (int j = 0; j < r->nw; j++)
            if (j != i && r->w[j].pid > 0) {
                close(r->w[j].cmd_fd);
                close(r->w[j].res_fd);
            }
        close(cmd[1]);
        close(res[0]);
        sweep_worker(r->s, cmd[0], res[1], r->s->script_mode ? 1 : -1);
    }
    close(cmd[0]);
    close(res[1]);
    fcntl(res[0], F_SETFL, fcntl(res[0], F_GETFL) | O_NONBLOCK);
    fcntl(cmd[1], F_SETFD, FD_CLOEXEC);
    fcntl(res[0], F_SETFD, FD_CLOEXEC);
    w->pid = pid;
    w->cmd_fd = cmd[1];
    w->res_fd = res[0];
    w->nq = 0;
    w->nbuf = 0;
    w->budget = r->s->script_mode ? 1 : -1;
    return 0;
}

/* Describes a worker's exit status. */
static void sweep_describe_exit(int status, char *buf, size_t size)
{
    if (WIFSIGNALED(status))
        snprintf(buf, size, "worker died of signal %d (%s)", WTERMSIG(status), strsignal(WTERMSIG(status)));
    else if (WIFEXITED(status))
        snprintf(buf, size, "the script ended the worker with exit %d", WEXITSTATUS(status));
    else
        snprintf(buf, size, "worker ended");
}

/*
** Worker i is gone (or must go: kill it). Its running point fails with why (or with its
** exit status when why is NULL); the points queued behind it are handed back.
*/
static void sweep_reap(struct sweep_run *r, int i, const char *why, int kill_it)
{
    struct sweep_worker *w = &r->w[i];
    int status = 0;
    char buf[256];
    if (w->pid <= 0)
        return;
    if (kill_it)
        kill(w->pid, SIGKILL);
    close(w->cmd_fd);
    close(w->res_fd);
    while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
        ;
    w->pid = 0;
    if (w->nq > 0) {
        if (why == NULL) {
            sweep_describe_exit(status, buf, sizeof buf);
            why = buf;
        }
        sweep_run_store(r, w->q[0], NULL, 0, why, sweep_run_now() - w->started);
        for (int j = w->nq - 1; j >= 1; j--)
            r->again[r->nagain++] = w->q[j];
    }
    w->nq = 0;
}

/*
** Script mode: until a point has run without error, a result may show bad usage that
** every point shares: a value path the model does not have, or a Tcl variable parameter
** the scripts never read (or overwrote before reading). Then the sweep stops (r->usage)
** before storing anything; 0 is returned. Otherwise 1: store the result.
*/
static int sweep_run_check(struct sweep_run *r, const struct sweep_msg *h, const char *error)
{
    const struct sweep_plan *p = &r->s->plan;
    const char *name;
    if (!r->s->script_mode || r->verified || (h->ok != 1 && h->ok != SWEEP_NOPATH))
        return 1;
    if (h->ok == SWEEP_NOPATH) {
        snprintf(r->err, sizeof r->err, "%s (not a value of the model the scripts built)", error);
    } else if (h->unused < 0 || h->unused / 2 >= p->nparams) {
        r->verified = 1;
        return 1;
    } else if (name = p->params[h->unused / 2].name, h->unused % 2) {
        snprintf(r->err, sizeof r->err, "-p %s: the scripts set %s before reading it, so every "
                 "point would run with their value (keep a value given from outside: "
                 "if {![info exists %s]} {set %s ...})", name, name, name, name);
    } else {
        snprintf(r->err, sizeof r->err, "-p %s: the scripts never read Tcl variable %s, so every "
                 "point would be the same (a value path has a '.' or '(': ic.amp, "
                 "soma.gnabar_hh)", name, name);
    }
    r->usage = 1;
    return 0;
}

/* Reads what worker i sent and stores the complete results. */
static void sweep_read(struct sweep_run *r, int i)
{
    struct sweep_worker *w = &r->w[i];
    for (;;) {
        ssize_t n = read(w->res_fd, w->buf + w->nbuf, sizeof w->buf - w->nbuf);
        size_t off = 0;
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        if (n <= 0) { /* the worker is gone */
            sweep_reap(r, i, NULL, 0);
            return;
        }
        w->nbuf += (size_t)n;
        for (;;) {
            struct sweep_msg h;
            size_t eoff;
            char error[SWEEP_ERRMAX + 1];
            double vals[SWEEP_NFEATS];
            if (w->nbuf - off < sizeof h)
                break;
            memcpy(&h, w->buf + off, sizeof h);
            if (h.size > w->nbuf - off)
                break;
            eoff = sizeof h + h.nfeat * sizeof(double);
            memcpy(vals, w->buf + off + sizeof h, h.nfeat * sizeof(double));
            memcpy(error, w->buf + off + eoff, h.size - eoff);
            error[h.size - eoff] = '\0';
            if (w->nq > 0 && w->q[0] == h.point) {
                if (sweep_run_check(r, &h, error))
                    sweep_run_store(r, h.point, vals, h.ok == 1, error, h.seconds);
                memmove(w->q, w->q + 1, (size_t)(w->nq - 1) * sizeof *w->q);
                w->nq--;
                w->started = sweep_run_now();
                if (w->budget > 0)
                    w->budget--;
            }
            off += h.size;
        }
        memmove(w->buf, w->buf + off, w->nbuf - off);
        w->nbuf -= off;
        if (w->budget == 0 && w->nq == 0) { /* script mode: one point per child */
            sweep_reap(r, i, NULL, 0);
            return;
        }
    }
}

/* Hands out points to worker i while it has room (SWEEP_DEPTH; script mode: its budget). */
static void sweep_feed(struct sweep_run *r, int i)
{
    struct sweep_worker *w = &r->w[i];
    int depth = w->budget < 0 ? SWEEP_DEPTH : w->budget;
    while (w->pid > 0 && w->nq < depth && (r->nagain > 0 || r->next < r->ntodo)) {
        size_t k = r->nagain > 0 ? r->again[--r->nagain] : r->todo[r->next++];
        uint32_t k32 = (uint32_t)k;
        if (sweep_write_all(w->cmd_fd, &k32, sizeof k32) != 0) {
            r->again[r->nagain++] = k;
            sweep_reap(r, i, NULL, 0);
            return;
        }
        if (w->nq == 0)
            w->started = sweep_run_now();
        w->q[w->nq++] = k;
    }
}

/* See sweep_int.h. */
void sweep_run_progress(struct sweep_run *r, int final)
{
    double now = sweep_run_now(), el = now - r->t0, rate;
    size_t total = r->ntodo;
    if (!r->progress || (!final && now - r->last_progress < 0.1))
        return;
    r->last_progress = now;
    if (final) {
        fprintf(stderr, "\r\033[K");
        return;
    }
    rate = el > 0 ? (double)r->done / el : 0;
    fprintf(stderr, "\r\033[K" PROG ": %zu/%zu points", r->done, total);
    if (r->failed)
        fprintf(stderr, ", %zu failed", r->failed);
    if (r->skipped)
        fprintf(stderr, " (%zu done before)", r->skipped);
    if (rate > 0)
        fprintf(stderr, ", %.0f/s, ETA %.0fs", rate, (double)(total - r->done) / rate);
    fflush(stderr);
}

/* The parent's signal handler: note it; the loop stops. */
void sweep_run_on_signal(int sig)
{
    sweep_run_signal = sig;
}

/* Runs the points r->todo with the workers. Returns 0, or -1 when interrupted or the
** database failed. */
int sweep_run_schedule(struct sweep_run *r)
{
    /* kept in r too, so that a worker forked below still reaches them (valgrind) */
    struct pollfd *pf = r->pf = calloc((size_t)r->nw, sizeof *pf);
    int *who = r->who = calloc((size_t)r->nw, sizeof *who);
    int spawn_failed = 0;

    if (pf == NULL || who == NULL) {
        free(pf);
        free(who);
        r->pf = NULL;
        r->who = NULL;
        snprintf(r->err, sizeof r->err, "out of memory");
        r->db_error = 1;
        return -1;
    }
    while (r->done < r->ntodo && !sweep_run_signal && !r->db_error && !r->usage) {
        int npf = 0, busy = 0, tmo = r->progress ? 100 : 1000;
        for (int i = 0; i < r->nw; i++) {
            if (r->w[i].pid == 0 && (r->nagain > 0 || r->next < r->ntodo)) {
                if (sweep_spawn(r, i) != 0) {
                    spawn_failed = errno;
                    continue;
                }
            }
            sweep_feed(r, i);
            if (r->w[i].pid > 0) {
                pf[npf].fd = r->w[i].res_fd;
                pf[npf].events = POLLIN;
                who[npf++] = i;
                busy += r->w[i].nq > 0;
            }
        }
        if (npf == 0) {
            snprintf(r->err, sizeof r->err, "cannot start a worker: %s",
                     strerror(spawn_failed ? spawn_failed : EAGAIN));
            r->db_error = 1;
            break;
        }
        if (r->s->a.timeout > 0)
            for (int i = 0; i < r->nw; i++)
                if (r->w[i].pid > 0 && r->w[i].nq > 0) {
                    double left = r->w[i].started + r->s->a.timeout - sweep_run_now();
                    int ms = left > 0 ? (int)(left * 1000) + 1 : 0;
                    if (ms < tmo)
                        tmo = ms;
                }
        if (poll(pf, (nfds_t)npf, tmo) > 0)
            for (int j = 0; j < npf; j++)
                if (pf[j].revents & (POLLIN | POLLHUP | POLLERR))
                    sweep_read(r, who[j]);
        if (busy == npf && !r->s->script_mode) {
            /* every worker has points queued: let results gather a little rather than
            ** wake for each one (the queues hold several points' work) */
            struct timespec nap = { 0, 200000 };
            int full = 1;
            for (int j = 0; j < npf; j++)
                full &= r->w[who[j]].pid > 0 && r->w[who[j]].nq >= SWEEP_DEPTH / 2;
            if (full)
                nanosleep(&nap, NULL);
        }
        if (r->s->a.timeout > 0) {
            double now = sweep_run_now();
            for (int i = 0; i < r->nw; i++)
                if (r->w[i].pid > 0 && r->w[i].nq > 0 && now - r->w[i].started > r->s->a.timeout) {
                    char why[128];
                    snprintf(why, sizeof why, "timeout: still running after %g s", r->s->a.timeout);
                    sweep_reap(r, i, why, 1);
                }
        }
        if (!r->db_error && sweep_db_commit(r->db, r->err, sizeof r->err) != 0)
            r->db_error = 1;
        sweep_run_progress(r, 0);
    }
    for (int i = 0; i < r->nw; i++)
        if (r->w[i].pid > 0) {
            if (r->w[i].nq > 0 || sweep_run_signal || r->db_error || r->usage) {
                r->w[i].nq = 0; /* in flight: not stored, run again next time */
                sweep_reap(r, i, NULL, 1);
            } else {
                sweep_reap(r, i, NULL, 0);
            }
        }
    if (!r->db_error && sweep_db_commit(r->db, r->err, sizeof r->err) != 0)
        r->db_error = 1;
    sweep_run_progress(r, 1);
    free(pf);
    free(who);
    r->pf = NULL;
    r->who = NULL;
    return sweep_run_signal || r->db_error || r->usage ? -1 : 0;
}
