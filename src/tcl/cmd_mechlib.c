/*
** cmd_mechlib.c: load_mechanisms LIB ...: opens mechanism libraries made by `nrn-build
** mod` (src/engine/nrn_mechlib.h), checks each was built for this engine's mechanism
** interface, registers its types into the model (after the built-in ones, in the
** library's order, as NEURON does) and makes each POINT_PROCESS or ARTIFICIAL_CELL type
** an object command like IClamp. The types stay registered when the model is reset.
*/
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include "nrntcl_int.h"
#include "nrn_mechlib.h"

/* The object command of a loaded point-process type: ::nrn::NAME, imported globally. */
static int mechlib_pp_command(Tcl_Interp *interp, struct nrntcl *st, const char *name)
{
    struct nrntcl_ctx *ctx = calloc(1, sizeof *ctx + strlen(name) + 1);
    if (!ctx)
        return nrntcl_fail(interp, NRN_ENOMEM, "out of memory");
    char *copy = (char *)(ctx + 1);
    strcpy(copy, name);
    ctx->st = st;
    ctx->arg = copy;
    Tcl_Obj *full = Tcl_ObjPrintf("::nrn::%s", name);
    Tcl_IncrRefCount(full);
    Tcl_CreateObjCommand(interp, Tcl_GetString(full), nrntcl_pp_cmd, ctx,
                         (Tcl_CmdDeleteProc *)free);
    Tcl_DecrRefCount(full);
    Tcl_Obj *imp = Tcl_ObjPrintf("namespace eval ::nrn {namespace export %s}\n"
                                 "namespace eval :: {namespace import -force ::nrn::%s}",
                                 name, name);
    Tcl_IncrRefCount(imp);
    int rc = Tcl_EvalObjEx(interp, imp, TCL_EVAL_GLOBAL);
    Tcl_DecrRefCount(imp);
    return rc;
}

/* Opens one library and registers its types. */
static int mechlib_load(Tcl_Interp *interp, struct nrntcl *st, const char *path)
{
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *why = dlerror();
        return nrntcl_fail(interp, NRN_EIO, "load_mechanisms: %s", why ? why : path);
    }
    for (int i = 0; i < st->nlibs; i++)
        if (st->libs[i] == h) { /* loaded before: nothing new */
            dlclose(h);
            return TCL_OK;
        }
    nrn_mechlib_fn entry;
    *(void **)&entry = dlsym(h, NRN_MECHLIB_ENTRY);
    if (!entry) {
        dlclose(h);
        return nrntcl_fail(interp, NRN_EFORMAT,
                           "load_mechanisms: %s: not a mechanism library (made by nrn-build mod)",
                           path);
    }
    int n = 0;
    unsigned long abi = 0;
    const nrn_mech_type *const *types = entry(&n, &abi);
    if (abi != NRN_MECHLIB_ABI) {
        dlclose(h);
        return nrntcl_fail(interp, NRN_EFORMAT,
                           "load_mechanisms: %s was built for another version of the "
                           "mechanism interface: rebuild it with nrn-build mod", path);
    }
    if (st->nlibs == NRNTCL_MAX_LIBS || st->nloaded + n > NRNTCL_MAX_LOADED) {
        dlclose(h);
        return nrntcl_fail(interp, NRN_EINVAL, "load_mechanisms: %s: too many mechanisms", path);
    }
    for (int k = 0; k < n; k++)
        if (nrn_mech_find(st->m, types[k]->name) >= 0) {
            nrntcl_fail(interp, NRN_EEXIST,
                        "load_mechanisms: %s: a mechanism named %s is already loaded", path,
                        types[k]->name);
            dlclose(h); /* after the message: the name lives in the library */
            return TCL_ERROR;
        }
    st->libs[st->nlibs++] = h;
    for (int k = 0; k < n; k++) {
        int rc = nrn_mech_register(st->m, types[k]);
        if (rc != NRN_OK)
            return nrntcl_engine_fail(interp, st, rc);
        st->loaded[st->nloaded++] = types[k];
        if (types[k]->kind == NRN_POINT || types[k]->kind == NRN_ARTCELL)
            if (mechlib_pp_command(interp, st, types[k]->name) != TCL_OK)
                return TCL_ERROR;
    }
    return TCL_OK;
}

/* load_mechanisms LIB ... */
int nrntcl_load_mechanisms_cmd(ClientData cd, Tcl_Interp *interp, int objc,
                               Tcl_Obj *const objv[])
{
    struct nrntcl *st = ((struct nrntcl_ctx *)cd)->st;
    if (objc < 2) {
        Tcl_WrongNumArgs(interp, 1, objv, "LIBRARY ...");
        return TCL_ERROR;
    }
    for (int i = 1; i < objc; i++)
        if (mechlib_load(interp, st, Tcl_GetString(objv[i])) != TCL_OK)
            return TCL_ERROR;
    return TCL_OK;
}

/* See nrntcl_int.h. */
int nrntcl_mechlib_register_all(struct nrntcl *st, nrn_model *m)
{
    for (int k = 0; k < st->nloaded; k++)
        if (nrn_mech_register(m, st->loaded[k]) != NRN_OK)
            return 1;
    return 0;
}
