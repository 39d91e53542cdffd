/*
** cmd_mechlib.c: load_mechanisms ARG ...: opens mechanism libraries made by `nrn-build
** mod` (src/engine/nrn_mechlib.h), checks each was built for this engine's mechanism
** interface, registers its types into the model (after the built-in ones, in the
** library's order, as NEURON does) and makes each POINT_PROCESS or ARTIFICIAL_CELL type
** an object command like IClamp. The types stay registered when the model is reset.
** .mod files and folders of them are compiled on first use (by nrn-build mod) into a
** cache keyed by their contents, $XDG_CACHE_HOME/nrn (else ~/.cache/nrn), and the
** cached library is reused while they do not change.
*/
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
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

/* ---- .mod files: compiled on first use into the cache ---- */

/* The .mod files to compile, in order: arguments, then each folder's in name order. */
struct modset {
    char **path;
    int n, cap;
};

static int modset_add(struct modset *ms, const char *path)
{
    if (ms->n == ms->cap) {
        char **np = realloc(ms->path, sizeof *np * (size_t)(ms->cap = ms->cap * 2 + 8));
        if (!np)
            return 1;
        ms->path = np;
    }
    return !(ms->path[ms->n++] = strdup(path));
}

static void modset_free(struct modset *ms)
{
    for (int i = 0; i < ms->n; i++)
        free(ms->path[i]);
    free(ms->path);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds folder dir's .mod files, sorted; 1 when it cannot be read. */
static int modset_dir(struct modset *ms, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 1;
    int first = ms->n, bad = 0;
    struct dirent *e;
    while (!bad && (e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len > 4 && strcmp(e->d_name + len - 4, ".mod") == 0) {
            char p[PATH_MAX];
            snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
            bad = modset_add(ms, p);
        }
    }
    closedir(d);
    qsort(ms->path + first, (size_t)(ms->n - first), sizeof *ms->path, by_name);
    return bad;
}

/* FNV-1a over bytes: the cache key (it finds an entry, it guards nothing). */
static uint64_t fnv(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3ULL;
    return h;
}

/* The key of the files' names and contents, the interface, and the nrn-build that compiles
** them (its size and time: a rebuilt translator may write other code for the same files);
** 1 if one cannot be read. */
static int modset_key(const struct modset *ms, const char *builder, uint64_t *key)
{
    unsigned long abi = NRN_MECHLIB_ABI;
    uint64_t h = fnv(0xcbf29ce484222325ULL, &abi, sizeof abi);
    h = fnv(h, NRN_VERSION, strlen(NRN_VERSION));
    struct stat sb;
    if (stat(builder, &sb) == 0) {
        long long id[3] = { (long long)sb.st_size, (long long)sb.st_mtim.tv_sec,
                            (long long)sb.st_mtim.tv_nsec };
        h = fnv(h, id, sizeof id);
    }
    for (int i = 0; i < ms->n; i++) {
        const char *base = strrchr(ms->path[i], '/');
        base = base ? base + 1 : ms->path[i];
        h = fnv(h, base, strlen(base) + 1);
        FILE *f = fopen(ms->path[i], "rb");
        if (!f)
            return 1;
        char buf[8192];
        size_t got;
        while ((got = fread(buf, 1, sizeof buf, f)) > 0)
            h = fnv(h, buf, got);
        fclose(f);
    }
    *key = h;
    return 0;
}

/* nrn-build beside the running program, else the one on PATH. */
static void nrn_build_path(char *out, size_t size)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash && (size_t)(slash - exe) + 11 < size) {
            memcpy(out, exe, (size_t)(slash - exe));
            strcpy(out + (slash - exe), "/nrn-build");
            if (access(out, X_OK) == 0)
                return;
        }
    }
    snprintf(out, size, "nrn-build");
}

/* mkdir -p for the cache folder. */
static int mkdirs(char *path)
{
    for (char *p = path + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            int bad = mkdir(path, 0755) != 0 && errno != EEXIST;
            *p = '/';
            if (bad)
                return 1;
        }
    return mkdir(path, 0755) != 0 && errno != EEXIST;
}

/* Compiles ms into the cache (once) and loads the library. */
static int mechlib_load_mods(Tcl_Interp *interp, struct nrntcl *st, const struct modset *ms)
{
    uint64_t key;
    char nb[PATH_MAX];
    nrn_build_path(nb, sizeof nb);
    if (modset_key(ms, nb, &key) != 0)
        return nrntcl_fail(interp, NRN_EIO, "load_mechanisms: cannot read the .mod files");
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    char dir[PATH_MAX], lib[PATH_MAX + 32];
    if (xdg && *xdg)
        snprintf(dir, sizeof dir, "%s/nrn/mech-%016llx", xdg, (unsigned long long)key);
    else if (home && *home)
        snprintf(dir, sizeof dir, "%s/.cache/nrn/mech-%016llx", home, (unsigned long long)key);
    else
        return nrntcl_fail(interp, NRN_EIO, "load_mechanisms: no cache folder (set HOME)");
    snprintf(lib, sizeof lib, "%s/nrnmech.so", dir);
    if (access(lib, R_OK) == 0)
        return mechlib_load(interp, st, lib);
    if (mkdirs(dir) != 0)
        return nrntcl_fail(interp, NRN_EIO, "load_mechanisms: %s: %s", dir, strerror(errno));
    /* nrn-build mod -o LIB FILE...; its one-line error becomes this command's error */
    Tcl_DString cmd;
    Tcl_DStringInit(&cmd);
    const char *fixed[] = { nb, "mod", "-o", lib };
    for (size_t i = 0; i < 4; i++)
        Tcl_DStringAppendElement(&cmd, fixed[i]);
    for (int i = 0; i < ms->n; i++)
        Tcl_DStringAppendElement(&cmd, ms->path[i]);
    Tcl_DStringAppend(&cmd, " 2>@1", -1);
    Tcl_Obj *script = Tcl_ObjPrintf("exec %s", Tcl_DStringValue(&cmd));
    Tcl_DStringFree(&cmd);
    Tcl_IncrRefCount(script);
    int rc = Tcl_EvalObjEx(interp, script, TCL_EVAL_GLOBAL);
    Tcl_DecrRefCount(script);
    if (rc != TCL_OK) {
        Tcl_Obj *msg = Tcl_NewStringObj(Tcl_GetStringResult(interp), -1);
        Tcl_IncrRefCount(msg);
        rmdir(dir); /* no cache entry for files with an error */
        const char *m = Tcl_GetString(msg);
        const char *nl = strchr(m, '\n');
        nrntcl_fail(interp, NRN_EFORMAT, "%.*s", nl ? (int)(nl - m) : (int)strlen(m), m);
        Tcl_DecrRefCount(msg);
        return TCL_ERROR;
    }
    return mechlib_load(interp, st, lib);
}

static int is_mod(const char *path)
{
    size_t n = strlen(path);
    return n > 4 && strcmp(path + n - 4, ".mod") == 0;
}

/* load_mechanisms ARG ...: libraries, .mod files, folders of .mod files */
int nrntcl_load_mechanisms_cmd(ClientData cd, Tcl_Interp *interp, int objc,
                               Tcl_Obj *const objv[])
{
    struct nrntcl *st = ((struct nrntcl_ctx *)cd)->st;
    if (objc < 2) {
        Tcl_WrongNumArgs(interp, 1, objv, "LIBRARY|FILE.mod|FOLDER ...");
        return TCL_ERROR;
    }
    struct modset ms = {0};
    int rc = TCL_OK;
    for (int i = 1; i < objc && rc == TCL_OK; i++) {
        const char *a = Tcl_GetString(objv[i]);
        struct stat sb;
        if (stat(a, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            int before = ms.n;
            if (modset_dir(&ms, a) != 0)
                rc = nrntcl_fail(interp, NRN_EIO, "load_mechanisms: %s: cannot read the folder", a);
            else if (ms.n == before)
                rc = nrntcl_fail(interp, NRN_ENOTFOUND, "load_mechanisms: %s: no .mod files", a);
        } else if (is_mod(a)) {
            if (modset_add(&ms, a) != 0)
                rc = nrntcl_fail(interp, NRN_ENOMEM, "out of memory");
        } else {
            rc = mechlib_load(interp, st, a);
        }
    }
    if (rc == TCL_OK && ms.n > 0)
        rc = mechlib_load_mods(interp, st, &ms);
    modset_free(&ms);
    return rc;
}

/* See nrntcl_int.h. */
int nrntcl_mechlib_register_all(struct nrntcl *st, nrn_model *m)
{
    for (int k = 0; k < st->nloaded; k++)
        if (nrn_mech_register(m, st->loaded[k]) != NRN_OK)
            return 1;
    return 0;
}
