/*
** cli_tcl.c: the set-up shared by the commands that run model scripts (see cli_tcl.h).
*/
#include "cli_tcl.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The engine's notices (run changed dt) as "PROG: message", each once in a row. */
static void cli_tcl_on_notice(void *ud, nrn_model *m, const char *msg)
{
    static char last[256];
    (void)m;
    if (strncmp(last, msg, sizeof last - 1) == 0)
        return;
    snprintf(last, sizeof last, "%s", msg);
    cli_error((const char *)ud, "%s", msg);
}

/* See cli_tcl.h. */
int cli_tcl_interp(const char *prog, Tcl_Interp **interp, nrntcl **st)
{
    Tcl_Interp *in = Tcl_CreateInterp();
    *interp = in;
    if (Tcl_Init(in) != TCL_OK)
        cli_error(prog, "warning: %s", Tcl_GetStringResult(in));
    if (Nrn_Init(in) != TCL_OK || nrntcl_import(in) != TCL_OK) {
        cli_error(prog, "%s", Tcl_GetStringResult(in));
        return CLI_EXIT_FAIL;
    }
    Tcl_StaticPackage(in, "Nrn", Nrn_Init, NULL);
    *st = nrntcl_get(in);
    nrntcl_set_notice_callback(*st, cli_tcl_on_notice, (void *)prog);
    return 0;
}

/* See cli_tcl.h. */
int cli_tcl_vars(const char *prog, Tcl_Interp *interp, const char *const *defines,
                 int ndefines)
{
    Tcl_SetVar(interp, "argv0", prog, TCL_GLOBAL_ONLY);
    Tcl_SetVar(interp, "argv", "", TCL_GLOBAL_ONLY);
    Tcl_SetVar(interp, "argc", "0", TCL_GLOBAL_ONLY);
    Tcl_SetVar(interp, "tcl_interactive", "0", TCL_GLOBAL_ONLY);
    for (int i = 0; i < ndefines; i++) {
        const char *eq = strchr(defines[i], '=');
        Tcl_Obj *name = Tcl_NewStringObj(defines[i], (int)(eq - defines[i]));
        Tcl_IncrRefCount(name);
        if (Tcl_ObjSetVar2(interp, name, NULL, Tcl_NewStringObj(eq + 1, -1),
                           TCL_GLOBAL_ONLY | TCL_LEAVE_ERR_MSG) == NULL) {
            cli_error(prog, "-D %s: %s", defines[i], Tcl_GetStringResult(interp));
            Tcl_DecrRefCount(name);
            return CLI_EXIT_USAGE;
        }
        Tcl_DecrRefCount(name);
    }
    return 0;
}

/* Runs load_mechanisms LIB; 0, or CLI_EXIT_FAIL after its message. */
static int load_one(const char *prog, Tcl_Interp *interp, const char *lib)
{
    Tcl_Obj *cmd = Tcl_NewListObj(0, NULL);
    Tcl_IncrRefCount(cmd);
    Tcl_ListObjAppendElement(interp, cmd, Tcl_NewStringObj("load_mechanisms", -1));
    Tcl_ListObjAppendElement(interp, cmd, Tcl_NewStringObj(lib, -1));
    int rc = Tcl_EvalObjEx(interp, cmd, TCL_EVAL_GLOBAL);
    Tcl_DecrRefCount(cmd);
    if (rc != TCL_OK) {
        cli_error(prog, "%s", Tcl_GetStringResult(interp));
        return CLI_EXIT_FAIL;
    }
    return 0;
}

/* See cli_tcl.h. */
int cli_tcl_mechanisms(const char *prog, Tcl_Interp *interp, const char *const *libs, int n,
                       int autoload)
{
    if (autoload && access("nrnmech.so", F_OK) == 0) {
        fprintf(stderr, "%s: loading ./nrnmech.so (the mechanisms built in this folder)\n", prog);
        if (load_one(prog, interp, "./nrnmech.so") != 0)
            return CLI_EXIT_FAIL;
    }
    for (int i = 0; i < n; i++)
        if (load_one(prog, interp, libs[i]) != 0)
            return CLI_EXIT_FAIL;
    return 0;
}

/* See cli_tcl.h. */
int cli_sim_apply(const char *prog, nrntcl *st, const struct cli_sim *sim)
{
    static const char *const global[4] = {"tstop", "dt", "celsius", "v_init"};
    static const char *const option[4] = {"--tstop", "--dt", "--celsius", "--v-init"};
    nrn_model *m = nrntcl_model(st);
    for (int i = 0; i < 4; i++)
        if (sim->has_global[i] && nrntcl_pin(st, global[i], sim->global[i], option[i]) != TCL_OK) {
            cli_error(prog, "%s: %s", option[i], nrn_errmsg(m));
            return CLI_EXIT_USAGE;
        }
    if (sim->has_every && nrn_record_set_interval(m, sim->every) != NRN_OK) {
        cli_error(prog, "--every: %s", nrn_errmsg(m));
        return CLI_EXIT_USAGE;
    }
    if ((sim->has_atol && nrn_cvode_set(m, NRN_CV_ATOL, sim->atol) != NRN_OK) ||
        (sim->has_rtol && nrn_cvode_set(m, NRN_CV_RTOL, sim->rtol) != NRN_OK) ||
        (sim->cvode && nrn_cvode_set(m, NRN_CV_ACTIVE, 1) != NRN_OK)) {
        cli_error(prog, "%s", nrn_errmsg(m));
        return CLI_EXIT_USAGE;
    }
    return 0;
}

/* See cli_tcl.h. */
void cli_tcl_print_version(const char *prog)
{
    int major, minor, patch, type;
    Tcl_GetVersion(&major, &minor, &patch, &type);
    printf("%s %s (libnrn %s)\n", prog, NRN_VERSION, NRN_VERSION);
    printf("Tcl %d.%d.%d\n", major, minor, patch);
}
