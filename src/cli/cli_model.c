/*
** cli_model.c: loading -m MODEL files that are not Tcl scripts (see cli_model.h).
*/
#include "cli_model.h"

#include <string.h>

/* See cli_model.h. */
const char *cli_model_loader(const char *path)
{
    static const char *const kinds[][2] = {
        { ".csv", "load_model" }, { ".swc", "load_swc" }, { ".asc", "load_asc" },
    };
    size_t n = strlen(path);
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (n > 4 && strcmp(path + n - 4, kinds[i][0]) == 0)
            return kinds[i][1];
    return NULL;
}

/* See cli_model.h. */
int cli_model_load(Tcl_Interp *interp, const char *loader, const char *path)
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
