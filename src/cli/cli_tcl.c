/*
** cli_tcl.c: the set-up shared by the commands that run model scripts (see cli_tcl.h).
*/
#include "cli_tcl.h"

#include <stdio.h>
#include <string.h>

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

/* See cli_tcl.h. */
int cli_sim_apply(const char *prog, nrn_model *m, const struct cli_sim *sim)
{
    static const char *const global[4] = {"tstop", "dt", "celsius", "v_init"};
    static const char *const option[4] = {"tstop", "dt", "celsius", "v-init"};
    for (int i = 0; i < 4; i++)
        if (sim->has_global[i] && nrn_set(m, global[i], sim->global[i]) != NRN_OK) {
            cli_error(prog, "--%s: %s", option[i], nrn_errmsg(m));
            return CLI_EXIT_USAGE;
        }
    if (sim->has_every && nrn_record_set_interval(m, sim->every) != NRN_OK) {
        cli_error(prog, "--every: %s", nrn_errmsg(m));
        return CLI_EXIT_USAGE;
    }
    return 0;
}

/* See cli_tcl.h. */
const char *cli_model_loader(const char *path)
{
    size_t n = strlen(path);
    if (n > 4 && strcmp(path + n - 4, ".csv") == 0)
        return "load_model";
    if (n > 4 && strcmp(path + n - 4, ".swc") == 0)
        return "load_swc";
    if (n > 4 && strcmp(path + n - 4, ".asc") == 0)
        return "load_asc";
    return NULL;
}

/* See cli_tcl.h. */
int cli_load_model(Tcl_Interp *interp, const char *loader, const char *path)
{
    Tcl_Obj *cmd = Tcl_NewListObj(0, NULL);
    int rc;
    Tcl_IncrRefCount(cmd);
    Tcl_ListObjAppendElement(interp, cmd, Tcl_NewStringObj(loader, -1));
    Tcl_ListObjAppendElement(interp, cmd, Tcl_NewStringObj(path, -1));
    rc = Tcl_EvalObjEx(interp, cmd, TCL_EVAL_GLOBAL);
    Tcl_DecrRefCount(cmd);
    return rc;
}

/* See cli_tcl.h. */
void cli_tcl_print_version(const char *prog)
{
    int major, minor, patch, type;
    Tcl_GetVersion(&major, &minor, &patch, &type);
    printf("%s %s (libnrn %s)\n", prog, NRN_VERSION, NRN_VERSION);
    printf("Tcl %d.%d.%d\n", major, minor, patch);
}
