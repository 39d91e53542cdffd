/*
** cmd_pc.c: pc, NEURON's ParallelContext: a network whose cells have global ids (gids)
** and may live on different ranks (nrn.h, "Parallel networks").
**
**     pc nhost | id
**     pc set_gid2node GID RANK
**     pc gid_exists GID
**     pc cell GID SOURCE ?-threshold mV?
**     pc gid_connect NAME SRCGID TARGET ?-delay ms? ?-weight W? ...
**     pc spike_record GID|-1 TVEC IDVEC
**     pc set_maxstep MS
**     pc psolve T
**     pc barrier
**     pc allreduce VALUE sum|max|min
**     pc nthread ?N?
**     pc time | wait_time
**
** Without a communicator (nrntcl_set_comm) this process is rank 0 of 1, so a script
** written with pc runs unchanged without mpirun. gid_connect makes an ordinary NetCon
** NAME (its object command included), whether SRCGID's cell is here or on another rank.
*/
#include <math.h>
#include <string.h>
#include <time.h>

#include "nrntcl_int.h"

/* See nrntcl.h. */
void nrntcl_set_comm(nrntcl *st, const nrn_comm *comm)
{
    st->has_comm = comm != NULL;
    if (comm)
        st->comm = *comm;
    if (st->m)
        nrn_par_set_comm(st->m, comm);
}

/* See nrntcl.h. */
const nrn_comm *nrntcl_comm(const nrntcl *st)
{
    return st->has_comm ? &st->comm : NULL;
}

/* This rank and the number of ranks. */
static int pc_rank(const struct nrntcl *st)
{
    return st->has_comm ? st->comm.rank : 0;
}

static int pc_size(const struct nrntcl *st)
{
    return st->has_comm ? st->comm.size : 1;
}

/* A gid argument (an integer >= min). Tcl status. */
static int pc_gid(Tcl_Interp *interp, Tcl_Obj *obj, int min, int *gid)
{
    if (Tcl_GetIntFromObj(interp, obj, gid) != TCL_OK)
        return TCL_ERROR;
    if (*gid < min)
        return nrntcl_fail(interp, NRN_EINVAL, "gid must be >= %d, got %d", min, *gid);
    return TCL_OK;
}

/* x combined over the ranks with op (0 sum, 1 max, 2 min). Tcl status. */
static int pc_reduce(Tcl_Interp *interp, struct nrntcl *st, double *x, int op)
{
    if (st->has_comm && st->comm.size > 1 && st->comm.allreduce(st->comm.ud, x, 1, op))
        return nrntcl_fail(interp, NRN_EIO, "pc: the ranks could not communicate");
    return TCL_OK;
}

/* pc set_gid2node GID RANK: RANK owns GID (only that rank records it). */
static int pc_set_gid2node(Tcl_Interp *interp, struct nrntcl *st, Tcl_Obj *const objv[])
{
    int gid, rank, rc;
    if (pc_gid(interp, objv[0], 0, &gid) != TCL_OK ||
        Tcl_GetIntFromObj(interp, objv[1], &rank) != TCL_OK)
        return TCL_ERROR;
    if (rank < 0 || rank >= pc_size(st))
        return nrntcl_fail(interp, NRN_EINVAL, "rank must be 0 to %d, got %d",
                           pc_size(st) - 1, rank);
    if (rank == pc_rank(st) && (rc = nrn_gid_declare(st->m, gid)) != NRN_OK)
        return nrntcl_engine_fail(interp, st, rc);
    return TCL_OK;
}

/* pc cell GID SOURCE ?-threshold mV?: SOURCE (object or value path) is GID's spike source. */
static int pc_cell(Tcl_Interp *interp, struct nrntcl *st, int objc, Tcl_Obj *const objv[])
{
    int gid, pp, rc;
    double thr = NAN;
    nrn_ref ref;
    const char *src;

    if (objc != 2 && objc != 4) {
        Tcl_WrongNumArgs(interp, 2, objv - 2, "GID SOURCE ?-threshold mV?");
        return TCL_ERROR;
    }
    if (pc_gid(interp, objv[0], 0, &gid) != TCL_OK)
        return TCL_ERROR;
    if (objc == 4) {
        if (strcmp(Tcl_GetString(objv[2]), "-threshold") != 0)
            return nrntcl_fail(interp, NRN_EINVAL, "bad option \"%s\": must be -threshold",
                               Tcl_GetString(objv[2]));
        if (Tcl_GetDoubleFromObj(interp, objv[3], &thr) != TCL_OK)
            return TCL_ERROR;
        if (!isfinite(thr))
            return nrntcl_fail(interp, NRN_EINVAL, "threshold must be finite");
    }
    src = Tcl_GetString(objv[1]);
    if ((pp = nrn_pp_find(st->m, src)) < 0 && (rc = nrn_ref_lookup(st->m, src, &ref)) != NRN_OK) {
        if (strpbrk(src, ".(") == NULL)
            return nrntcl_fail(interp, NRN_ENOTFOUND,
                               "no point process, artificial cell or value named \"%s\"", src);
        return nrntcl_engine_fail(interp, st, rc);
    }
    if ((rc = nrn_gid_cell(st->m, gid, pp >= 0 ? NULL : &ref, pp, thr)) != NRN_OK)
        return nrntcl_engine_fail(interp, st, rc);
    return TCL_OK;
}

/* pc gid_connect NAME SRCGID TARGET ?-option value ...?: NetCon NAME from SRCGID's cell. */
static int pc_gid_connect(Tcl_Interp *interp, struct nrntcl *st, int objc,
                          Tcl_Obj *const objv[])
{
    int gid, tgt_pp = -1, nc, rc;
    const char *name, *tgt;

    if (objc < 3 || objc > 3 + 16) {
        Tcl_WrongNumArgs(interp, 2, objv - 2, "NAME SRCGID TARGET ?-option value ...?");
        return TCL_ERROR;
    }
    name = Tcl_GetString(objv[0]);
    tgt = Tcl_GetString(objv[2]);
    if (nrntcl_check_new_command(interp, name) != TCL_OK ||
        pc_gid(interp, objv[1], 0, &gid) != TCL_OK)
        return TCL_ERROR;
    if (tgt[0] != '\0' && (tgt_pp = nrn_pp_find(st->m, tgt)) < 0)
        return nrntcl_fail(interp, NRN_ENOTFOUND,
                           "no point process or artificial cell named \"%s\"", tgt);
    if ((rc = nrn_gid_connect(st->m, name, gid, tgt_pp, &nc)) != NRN_OK)
        return nrntcl_engine_fail(interp, st, rc);
    if (nrntcl_netcon_wrap(interp, st, name, nc, objc - 3, objv + 3) != TCL_OK)
        return TCL_ERROR;
    Tcl_SetObjResult(interp, objv[0]);
    return TCL_OK;
}

/* pc spike_record GID|-1 TVEC IDVEC: spike times and gids into two vectors. */
static int pc_spike_record(Tcl_Interp *interp, struct nrntcl *st, Tcl_Obj *const objv[])
{
    int gid, tv, iv, rc;
    if (pc_gid(interp, objv[0], -1, &gid) != TCL_OK ||
        nrntcl_vector_ensure(interp, st, Tcl_GetString(objv[1]), &tv) != TCL_OK ||
        nrntcl_vector_ensure(interp, st, Tcl_GetString(objv[2]), &iv) != TCL_OK)
        return TCL_ERROR;
    if ((rc = nrn_spike_record(st->m, gid, tv, iv)) != NRN_OK)
        return nrntcl_engine_fail(interp, st, rc);
    return TCL_OK;
}

/* pc psolve T: continues to T ms exchanging spikes (collective). */
static int pc_psolve(Tcl_Interp *interp, struct nrntcl *st, Tcl_Obj *arg)
{
    double tstop;
    int rc;
    if (Tcl_GetDoubleFromObj(interp, arg, &tstop) != TCL_OK)
        return TCL_ERROR;
    if (nrntcl_sim_start(st, interp) != TCL_OK)
        return TCL_ERROR;
    if ((rc = nrn_psolve(st->m, tstop)) != NRN_OK)
        return nrntcl_engine_fail(interp, st, rc);
    return TCL_OK;
}

/* pc set_maxstep MS: result the exchange interval (collective). */
static int pc_set_maxstep(Tcl_Interp *interp, struct nrntcl *st, Tcl_Obj *arg)
{
    double ms, interval;
    int rc;
    if (Tcl_GetDoubleFromObj(interp, arg, &ms) != TCL_OK)
        return TCL_ERROR;
    if ((rc = nrn_par_set_maxstep(st->m, ms, &interval)) != NRN_OK)
        return nrntcl_engine_fail(interp, st, rc);
    Tcl_SetObjResult(interp, Tcl_NewDoubleObj(interval));
    return TCL_OK;
}

/* pc allreduce VALUE sum|max|min: VALUE combined over the ranks (collective). */
static int pc_allreduce(Tcl_Interp *interp, struct nrntcl *st, Tcl_Obj *const objv[])
{
    static const char *const ops[] = { "sum", "max", "min", NULL };
    double x;
    int op;
    if (Tcl_GetDoubleFromObj(interp, objv[0], &x) != TCL_OK ||
        Tcl_GetIndexFromObj(interp, objv[1], ops, "operation", TCL_EXACT, &op) != TCL_OK ||
        pc_reduce(interp, st, &x, op) != TCL_OK)
        return TCL_ERROR;
    Tcl_SetObjResult(interp, Tcl_NewDoubleObj(x));
    return TCL_OK;
}

/* See nrntcl.h. */
int nrntcl_set_nthread(nrntcl *st, int n)
{
    if (n < 1)
        return NRN_EINVAL;
    st->nthread = n;
    return st->m ? nrn_par_set_nthread(st->m, n) : NRN_OK;
}

/* pc nthread ?N?: threads per rank (N >= 1) until reset (which goes back to the program's
** nrntcl_set_nthread); the result is the number. */
static int pc_nthread(Tcl_Interp *interp, struct nrntcl *st, int objc, Tcl_Obj *const objv[])
{
    int n;
    if (objc > 1) {
        Tcl_WrongNumArgs(interp, 0, NULL, "pc nthread ?N?");
        return TCL_ERROR;
    }
    if (objc == 1) {
        if (Tcl_GetIntFromObj(interp, objv[0], &n) != TCL_OK)
            return TCL_ERROR;
        if (n < 1)
            return nrntcl_fail(interp, NRN_EINVAL, "pc nthread: N must be >= 1, got %d", n);
        int rc = nrn_par_set_nthread(st->m, n);
        if (rc != NRN_OK)
            return nrntcl_engine_fail(interp, st, rc);
    }
    Tcl_SetObjResult(interp, Tcl_NewIntObj(nrn_par_nthread(st->m)));
    return TCL_OK;
}

/* pc SUBCOMMAND ?arg ...?: see the file comment. */
int nrntcl_pc_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    static const char *const subs[] = { "allreduce", "barrier", "cell", "gid_connect",
                                        "gid_exists", "id", "nhost", "nthread", "psolve",
                                        "set_gid2node", "set_maxstep", "spike_record", "time",
                                        "wait_time", NULL };
    enum { ALLREDUCE, BARRIER, CELL, GID_CONNECT, GID_EXISTS, ID, NHOST, NTHREAD, PSOLVE,
           SET_GID2NODE, SET_MAXSTEP, SPIKE_RECORD, TIME, WAIT_TIME };
    /* argument counts after the subcommand (-1: checked by the subcommand) */
    static const int nargs[] = { 2, 0, -1, -1, 1, 0, 0, -1, 1, 2, 1, 3, 0, 0 };
    static const char *const usage[] = { "VALUE sum|max|min", NULL, NULL, NULL, "GID", NULL,
                                         NULL, "N", "T", "GID RANK", "MS",
                                         "GID|-1 TVEC IDVEC", NULL, NULL };
    struct timespec now;
    nrn_par_counts counts;
    struct nrntcl *st = ((struct nrntcl_ctx *)cd)->st;
    int sub, gid;
    double x = 0;

    if (objc < 2) {
        Tcl_WrongNumArgs(interp, 1, objv, "subcommand ?arg ...?");
        return TCL_ERROR;
    }
    if (Tcl_GetIndexFromObj(interp, objv[1], subs, "subcommand", 0, &sub) != TCL_OK)
        return TCL_ERROR;
    if (nargs[sub] >= 0 && objc - 2 != nargs[sub]) {
        Tcl_WrongNumArgs(interp, 2, objv, usage[sub]);
        return TCL_ERROR;
    }
    Tcl_ResetResult(interp);
    objc -= 2;
    objv += 2;
    switch (sub) {
    case NHOST:
        Tcl_SetObjResult(interp, Tcl_NewIntObj(pc_size(st)));
        return TCL_OK;
    case ID:
        Tcl_SetObjResult(interp, Tcl_NewIntObj(pc_rank(st)));
        return TCL_OK;
    case SET_GID2NODE:
        return pc_set_gid2node(interp, st, objv);
    case GID_EXISTS:
        if (pc_gid(interp, objv[0], 0, &gid) != TCL_OK)
            return TCL_ERROR;
        Tcl_SetObjResult(interp, Tcl_NewIntObj(nrn_gid_exists(st->m, gid)));
        return TCL_OK;
    case CELL:
        return pc_cell(interp, st, objc, objv);
    case GID_CONNECT:
        return pc_gid_connect(interp, st, objc, objv);
    case SPIKE_RECORD:
        return pc_spike_record(interp, st, objv);
    case PSOLVE:
        return pc_psolve(interp, st, objv[0]);
    case SET_MAXSTEP:
        return pc_set_maxstep(interp, st, objv[0]);
    case BARRIER:
        return pc_reduce(interp, st, &x, 0);
    case ALLREDUCE:
        return pc_allreduce(interp, st, objv);
    case TIME:
        clock_gettime(CLOCK_MONOTONIC, &now);
        Tcl_SetObjResult(interp,
                         Tcl_NewDoubleObj((double)now.tv_sec + 1e-9 * (double)now.tv_nsec));
        return TCL_OK;
    case WAIT_TIME:
        nrn_par_stats(st->m, &counts);
        Tcl_SetObjResult(interp, Tcl_NewDoubleObj(counts.exchange_s));
        return TCL_OK;
    default:
        return pc_nthread(interp, st, objc, objv);
    }
}
