/*
** cmd_savestate.c: NEURON's SaveState: the whole dynamic state (t, v, every state and
** assigned variable, the event queue) kept under a name, restored, written to and read
** from a file.
**
**     savestate save NAME          snapshot now (replaces an older NAME)
**     savestate restore NAME       back to that snapshot (records keep what they have)
**     savestate write NAME FILE    to FILE (versioned, checksummed; whole or not at all)
**     savestate read NAME FILE     from FILE, as NAME (refused if damaged or if the model's
**                                  structure differs from the one that wrote it)
**     savestate names              the saved names, newest first
**     savestate delete NAME        forgets NAME
**
** Snapshots belong to the interpreter's state and go at `reset` and with the interpreter.
*/
#include <stdlib.h>
#include <string.h>

#include "nrntcl_int.h"

/* The snapshot named name, or NULL. */
static struct nrntcl_saved *saved_find(struct nrntcl *st, const char *name)
{
    for (struct nrntcl_saved *s = st->saved; s; s = s->next)
        if (strcmp(s->name, name) == 0)
            return s;
    return NULL;
}

/* The snapshot named name, or a Tcl error {NRN ENOTFOUND}. */
static int saved_get(Tcl_Interp *interp, struct nrntcl *st, const char *name,
                     struct nrntcl_saved **out)
{
    if ((*out = saved_find(st, name)) == NULL)
        return nrntcl_fail(interp, NRN_ENOTFOUND, "no saved state named \"%s\"", name);
    return TCL_OK;
}

/* Keeps state under name (taking ownership), replacing an older one. Tcl status. */
static int saved_put(Tcl_Interp *interp, struct nrntcl *st, const char *name, nrn_state *state)
{
    struct nrntcl_saved *s = saved_find(st, name);
    if (s) {
        nrn_state_free(&s->state);
        s->state = state;
        return TCL_OK;
    }
    if ((s = calloc(1, sizeof *s)) == NULL || (s->name = strdup(name)) == NULL) {
        free(s);
        nrn_state_free(&state);
        return nrntcl_fail(interp, NRN_ENOMEM, "out of memory");
    }
    s->state = state;
    s->next = st->saved;
    st->saved = s;
    return TCL_OK;
}

/* Forgets the snapshot named name (which exists). */
static void saved_delete(struct nrntcl *st, const char *name)
{
    for (struct nrntcl_saved **p = &st->saved; *p; p = &(*p)->next)
        if (strcmp((*p)->name, name) == 0) {
            struct nrntcl_saved *s = *p;
            *p = s->next;
            nrn_state_free(&s->state);
            free(s->name);
            free(s);
            return;
        }
}

/* See nrntcl_int.h. */
void nrntcl_saved_clear(struct nrntcl *st)
{
    while (st->saved)
        saved_delete(st, st->saved->name);
}

/* savestate save|restore|write|read|names|delete ...: see the file comment. */
int nrntcl_savestate_cmd(ClientData cd, Tcl_Interp *interp, int objc, Tcl_Obj *const objv[])
{
    static const char *const subs[] = { "delete", "names", "read", "restore", "save", "write",
                                        NULL };
    enum { SUB_DELETE, SUB_NAMES, SUB_READ, SUB_RESTORE, SUB_SAVE, SUB_WRITE };
    static const int nargs[] = { 3, 2, 4, 3, 3, 4 };
    static const char *const usage[] = { "NAME", NULL, "NAME FILE", "NAME", "NAME",
                                         "NAME FILE" };
    struct nrntcl *st = ((struct nrntcl_ctx *)cd)->st;
    struct nrntcl_saved *s;
    const char *name;
    nrn_state *state;
    int sub, rc;

    if (objc < 2) {
        Tcl_WrongNumArgs(interp, 1, objv, "subcommand ?arg ...?");
        return TCL_ERROR;
    }
    if (Tcl_GetIndexFromObj(interp, objv[1], subs, "subcommand", 0, &sub) != TCL_OK)
        return TCL_ERROR;
    if (objc != nargs[sub]) {
        Tcl_WrongNumArgs(interp, 2, objv, usage[sub]);
        return TCL_ERROR;
    }
    name = objc > 2 ? Tcl_GetString(objv[2]) : NULL;
    switch (sub) {
    case SUB_SAVE:
        /* savestate save NAME */
        if ((state = nrn_state_save(st->m)) == NULL)
            return nrntcl_engine_fail(interp, st, NRN_ENOMEM);
        if (saved_put(interp, st, name, state) != TCL_OK)
            return TCL_ERROR;
        break;
    case SUB_RESTORE:
        /* savestate restore NAME */
        if (saved_get(interp, st, name, &s) != TCL_OK)
            return TCL_ERROR;
        if ((rc = nrn_state_restore(st->m, s->state)) != NRN_OK)
            return nrntcl_engine_fail(interp, st, rc);
        break;
    case SUB_WRITE:
        /* savestate write NAME FILE */
        if (saved_get(interp, st, name, &s) != TCL_OK)
            return TCL_ERROR;
        if ((rc = nrn_state_write(st->m, s->state, Tcl_GetString(objv[3]))) != NRN_OK)
            return nrntcl_engine_fail(interp, st, rc);
        break;
    case SUB_READ:
        /* savestate read NAME FILE */
        if ((rc = nrn_state_read(st->m, Tcl_GetString(objv[3]), &state)) != NRN_OK)
            return nrntcl_engine_fail(interp, st, rc);
        if (saved_put(interp, st, name, state) != TCL_OK)
            return TCL_ERROR;
        break;
    case SUB_DELETE:
        /* savestate delete NAME */
        if (saved_get(interp, st, name, &s) != TCL_OK)
            return TCL_ERROR;
        saved_delete(st, name);
        break;
    default: {
        /* savestate names */
        Tcl_Obj *list = Tcl_NewListObj(0, NULL);
        for (s = st->saved; s; s = s->next)
            Tcl_ListObjAppendElement(NULL, list, Tcl_NewStringObj(s->name, -1));
        Tcl_SetObjResult(interp, list);
        return TCL_OK;
    }
    }
    Tcl_ResetResult(interp);
    return TCL_OK;
}
