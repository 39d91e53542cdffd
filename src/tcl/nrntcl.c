/*
** nrntcl.c: Nrn_Init and the command table; the per-interpreter state's life.
**
** Every command is one entry of nrntcl_cmds: it is created as ::nrn::NAME and exported,
** so `namespace import nrn::*` (or nrntcl_import) makes it global. A point-process type
** (IClamp ...) is one entry whose argument is the engine's type name.
*/
#include <stdlib.h>
#include <string.h>

#include "nrntcl_int.h"

/* The key of the state in the interpreter's assoc data. */
#define NRNTCL_ASSOC "nrn::state"

/* One Tcl command: its name in ::nrn, its proc, and an argument handed to the proc. */
struct nrntcl_cmd {
    const char *name;      /* command name */
    Tcl_ObjCmdProc *proc;  /* implementation */
    const char *arg;       /* struct nrntcl_ctx's arg, or NULL */
};

/* Every command of the layer; each has its entry in man/nrn-tcl.1 (tests/tcl/test_man_tcl.sh). */
static const struct nrntcl_cmd nrntcl_cmds[] = {
    { "section", nrntcl_section_cmd, NULL },
    { "sections", nrntcl_sections_cmd, NULL },
    { "segments", nrntcl_segments_cmd, NULL },
    { "connect", nrntcl_connect_cmd, NULL },
    { "insert", nrntcl_insert_cmd, NULL },
    { "uninsert", nrntcl_uninsert_cmd, NULL },
    { "ion_style", nrntcl_ion_style_cmd, NULL },
    { "pt3dadd", nrntcl_pt3dadd_cmd, NULL },
    { "pt3dclear", nrntcl_pt3dclear_cmd, NULL },
    { "n3d", nrntcl_n3d_cmd, NULL },
    { "x3d", nrntcl_pt3d_get_cmd, "x3d" },
    { "y3d", nrntcl_pt3d_get_cmd, "y3d" },
    { "z3d", nrntcl_pt3d_get_cmd, "z3d" },
    { "diam3d", nrntcl_pt3d_get_cmd, "diam3d" },
    { "arc3d", nrntcl_pt3d_get_cmd, "arc3d" },
    { "topology", nrntcl_topology_cmd, NULL },
    { "distance", nrntcl_distance_cmd, NULL },
    { "subtree", nrntcl_subtree_cmd, NULL },
    { "wholetree", nrntcl_wholetree_cmd, NULL },
    { "getval", nrntcl_getval_cmd, NULL },
    { "setval", nrntcl_setval_cmd, NULL },
    { "load_mechanisms", nrntcl_load_mechanisms_cmd, NULL },
    { "setpointer", nrntcl_setpointer_cmd, NULL },
    { "function_table", nrntcl_function_table_cmd, NULL },
    { "IClamp", nrntcl_pp_cmd, "IClamp" },
    { "SEClamp", nrntcl_pp_cmd, "SEClamp" },
    { "VClamp", nrntcl_pp_cmd, "VClamp" },
    { "ExpSyn", nrntcl_pp_cmd, "ExpSyn" },
    { "Exp2Syn", nrntcl_pp_cmd, "Exp2Syn" },
    { "AlphaSynapse", nrntcl_pp_cmd, "AlphaSynapse" },
    { "APCount", nrntcl_pp_cmd, "APCount" },
    { "NetStim", nrntcl_pp_cmd, "NetStim" },
    { "IntFire1", nrntcl_pp_cmd, "IntFire1" },
    { "IntFire2", nrntcl_pp_cmd, "IntFire2" },
    { "IntFire4", nrntcl_pp_cmd, "IntFire4" },
    { "NetCon", nrntcl_netcon_cmd, NULL },
    { "pc", nrntcl_pc_cmd, NULL },
    { "record", nrntcl_record_cmd, NULL },
    { "write_csv", nrntcl_write_csv_cmd, NULL },
    { "vector", nrntcl_vector_cmd, NULL },
    { "finitialize", nrntcl_finitialize_cmd, NULL },
    { "fadvance", nrntcl_fadvance_cmd, NULL },
    { "continuerun", nrntcl_continuerun_cmd, NULL },
    { "run", nrntcl_run_cmd, NULL },
    { "cvode", nrntcl_cvode_cmd, NULL },
    { "reset", nrntcl_reset_cmd, NULL },
    { "savestate", nrntcl_savestate_cmd, NULL },
    { "load_swc", nrntcl_load_swc_cmd, NULL },
    { "load_asc", nrntcl_load_asc_cmd, NULL },
    { "load_model", nrntcl_load_model_cmd, NULL },
    { "save_model", nrntcl_save_model_cmd, NULL },
    { "geom_nseg", nrntcl_geom_nseg_cmd, NULL },
};

#define NRNTCL_NCMDS (sizeof nrntcl_cmds / sizeof nrntcl_cmds[0])

/* Drops one reference to st; the last one frees it (the model must already be gone). */
static void nrntcl_release(struct nrntcl *st)
{
    if (--st->refs > 0)
        return;
    free(st->ctx);
    free(st);
}

/*
** Frees the model (with its vectors), saved states, columns and deferred paths; st->m
** becomes NULL.
*/
static void nrntcl_free_contents(struct nrntcl *st)
{
    nrntcl_saved_clear(st);
    nrn_model_free(&st->m);
    nrntcl_columns_clear(st);
    for (int i = 0; i < st->npending; i++)
        free(st->pending[i]);
    free(st->pending);
    st->pending = NULL;
    st->npending = 0;
}

/*
** The interpreter is being deleted: its object commands may still be torn down after
** this, so they see st->m NULL and only drop their references.
*/
static void nrntcl_assoc_delete(ClientData cd, Tcl_Interp *interp)
{
    struct nrntcl *st = cd;
    (void)interp;
    nrntcl_free_contents(st);
    st->interp = NULL;
    nrntcl_release(st);
}

/* See nrntcl_int.h. */
int nrntcl_reset(struct nrntcl *st, Tcl_Interp *interp)
{
    nrn_model *m = nrn_model_new();
    if (m == NULL || nrntcl_mechlib_register_all(st, m) != 0) {
        nrn_model_free(&m);
        return nrntcl_fail(interp, NRN_ENOMEM, "out of memory");
    }
    nrntcl_objs_delete_all(st);
    nrntcl_free_contents(st);
    st->m = m;
    st->ran = 0;
    st->gen++;
    if (st->sample_fn)
        nrn_record_set_callback(st->m, st->sample_fn, st->sample_ud);
    if (st->spike_fn)
        nrn_set_spike_collector(st->m, st->spike_fn, st->spike_ud);
    if (st->xfn)
        nrn_par_set_exchange_callback(st->m, st->xfn, st->xud);
    nrn_set_notice_callback(st->m, st->notice_fn, st->notice_ud);
    for (int i = 0; i < st->npins; i++)
        nrn_pin(st->m, st->pins[i].name, st->pins[i].value, st->pins[i].why);
    if (st->has_comm)
        nrn_par_set_comm(st->m, &st->comm);
    if (st->nthread > 1)
        nrn_par_set_nthread(st->m, st->nthread);
    return TCL_OK;
}

/*
** The default notice handler: "nrn: MSG" on the interpreter's standard error channel,
** not repeated while the same notice comes again (a sweep runs the same script often).
*/
static void nrntcl_on_notice(void *ud, nrn_model *m, const char *msg)
{
    struct nrntcl *st = ud;
    Tcl_Channel err;
    (void)m;
    if (st->interp == NULL || strncmp(st->last_notice, msg, sizeof st->last_notice - 1) == 0)
        return;
    snprintf(st->last_notice, sizeof st->last_notice, "%s", msg);
    if ((err = Tcl_GetStdChannel(TCL_STDERR)) != NULL) {
        Tcl_WriteChars(err, "nrn: ", -1);
        Tcl_WriteChars(err, msg, -1);
        Tcl_WriteChars(err, "\n", 1);
        Tcl_Flush(err);
    }
}

/* Makes the state of interp with an empty model; NULL (and an error in interp) on failure. */
static struct nrntcl *nrntcl_new(Tcl_Interp *interp)
{
    struct nrntcl *st = calloc(1, sizeof *st);
    if (st == NULL || (st->ctx = calloc(NRNTCL_NCMDS, sizeof *st->ctx)) == NULL ||
        (st->m = nrn_model_new()) == NULL) {
        if (st)
            free(st->ctx);
        free(st);
        nrntcl_fail(interp, NRN_ENOMEM, "out of memory");
        return NULL;
    }
    st->interp = interp;
    st->refs = 1;
    st->notice_fn = nrntcl_on_notice;
    st->notice_ud = st;
    nrn_set_notice_callback(st->m, st->notice_fn, st->notice_ud);
    return st;
}

/* See nrntcl.h. */
int Nrn_Init(Tcl_Interp *interp)
{
    struct nrntcl *st;
    Tcl_Namespace *ns;

    if (nrntcl_get(interp) != NULL)
        return Tcl_PkgProvide(interp, "nrn", NRN_VERSION);
    if ((st = nrntcl_new(interp)) == NULL)
        return TCL_ERROR;
    ns = Tcl_FindNamespace(interp, "::nrn", NULL, 0);
    if (ns == NULL)
        ns = Tcl_CreateNamespace(interp, "::nrn", NULL, NULL);
    if (ns == NULL) {
        nrntcl_assoc_delete(st, interp);
        return TCL_ERROR;
    }
    Tcl_SetAssocData(interp, NRNTCL_ASSOC, nrntcl_assoc_delete, st);
    for (size_t i = 0; i < NRNTCL_NCMDS; i++) {
        char full[64];
        st->ctx[i].st = st;
        st->ctx[i].arg = nrntcl_cmds[i].arg;
        snprintf(full, sizeof full, "::nrn::%s", nrntcl_cmds[i].name);
        Tcl_CreateObjCommand(interp, full, nrntcl_cmds[i].proc, &st->ctx[i], NULL);
    }
    if (Tcl_Export(interp, ns, "*", 0) != TCL_OK)
        return TCL_ERROR;
    return Tcl_PkgProvide(interp, "nrn", NRN_VERSION);
}

/* See nrntcl.h. */
int nrntcl_import(Tcl_Interp *interp)
{
    return Tcl_Eval(interp, "namespace eval :: {namespace import -force ::nrn::*}");
}

/* See nrntcl.h. */
nrntcl *nrntcl_get(Tcl_Interp *interp)
{
    return Tcl_GetAssocData(interp, NRNTCL_ASSOC, NULL);
}

/* See nrntcl.h. */
nrn_model *nrntcl_model(const nrntcl *st)
{
    return st->m;
}

/* See nrntcl.h. */
int nrntcl_has_run(const nrntcl *st)
{
    return st->ran;
}

/* See nrntcl.h. */
void nrntcl_set_digits(nrntcl *st, int digits)
{
    st->digits = digits;
}

/* See nrntcl.h. */
void nrntcl_set_sample_callback(nrntcl *st, nrn_sample_fn fn, void *ud)
{
    st->sample_fn = fn;
    st->sample_ud = ud;
    if (st->m)
        nrn_record_set_callback(st->m, fn, ud);
}

/* See nrntcl.h. */
void nrntcl_set_spike_callback(nrntcl *st, nrn_spike_fn fn, void *ud)
{
    st->spike_fn = fn;
    st->spike_ud = ud;
    if (st->m)
        nrn_set_spike_collector(st->m, fn, ud);
}

/* See nrntcl.h. */
int nrntcl_set_exchange_callback(nrntcl *st, nrn_exchange_fn fn, void *ud)
{
    st->xfn = fn;
    st->xud = ud;
    return st->m ? nrn_par_set_exchange_callback(st->m, fn, ud) : NRN_OK;
}

/* See nrntcl.h. */
void nrntcl_set_notice_callback(nrntcl *st, nrn_notice_fn fn, void *ud)
{
    st->notice_fn = fn ? fn : nrntcl_on_notice;
    st->notice_ud = fn ? ud : st;
    if (st->m)
        nrn_set_notice_callback(st->m, st->notice_fn, st->notice_ud);
}

/* See nrntcl.h. */
int nrntcl_pin(nrntcl *st, const char *name, double value, const char *why)
{
    int i = 0;
    if (nrn_pin(st->m, name, value, why) != NRN_OK)
        return TCL_ERROR;
    while (i < st->npins && strcmp(st->pins[i].name, name) != 0)
        i++;
    if (i == (int)(sizeof st->pins / sizeof st->pins[0]) || strlen(name) >= sizeof st->pins[i].name)
        return TCL_OK; /* the model has it; only a `reset` would forget it */
    snprintf(st->pins[i].name, sizeof st->pins[i].name, "%s", name);
    snprintf(st->pins[i].why, sizeof st->pins[i].why, "%s", why ? why : name);
    st->pins[i].value = value;
    if (i == st->npins)
        st->npins++;
    return TCL_OK;
}

/* See nrntcl.h. */
int nrntcl_defer_record(nrntcl *st, const char *path)
{
    char **p = realloc(st->pending, (size_t)(st->npending + 1) * sizeof *p);
    if (p == NULL)
        return TCL_ERROR;
    st->pending = p;
    if ((p[st->npending] = strdup(path)) == NULL)
        return TCL_ERROR;
    st->npending++;
    return TCL_OK;
}

/* See nrntcl.h. Each path is recorded under its own name; a failure names the path. */
int nrntcl_flush_records(nrntcl *st, Tcl_Interp *interp)
{
    int rc = TCL_OK;
    for (int i = 0; i < st->npending; i++) {
        if (rc == TCL_OK && nrntcl_record_path(st, interp, st->pending[i]) != TCL_OK) {
            const char *why = Tcl_GetString(Tcl_GetObjResult(interp));
            Tcl_Obj *msg = Tcl_ObjPrintf("record %s: %s", st->pending[i], why);
            Tcl_IncrRefCount(msg);
            /* the program asked for this path: it can blame its own option, not the script */
            Tcl_SetErrorCode(interp, "NRN", "DEFERRED_RECORD", st->pending[i], why, (char *)NULL);
            Tcl_SetObjResult(interp, msg);
            Tcl_DecrRefCount(msg);
            rc = TCL_ERROR;
        }
        free(st->pending[i]);
    }
    free(st->pending);
    st->pending = NULL;
    st->npending = 0;
    if (rc == TCL_OK)
        Tcl_ResetResult(interp);
    return rc;
}

/* See nrntcl_int.h. */
void nrntcl_state_release(struct nrntcl *st)
{
    nrntcl_release(st);
}
