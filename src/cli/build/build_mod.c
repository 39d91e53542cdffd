/*
** build_mod.c: `nrn-build mod`, the NMODL subcommand: reads .mod files (or every .mod
** file of a folder), translates them and reports; --check stops after the checks, --ast
** prints the syntax tree. An error is one line "FILE:LINE:COL: message" and exit 1.
*/
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "build_mod.h"
#include "cli_opt.h"
#include "nmodl.h"
#include "nrn_mechlib.h"

#define PROG "nrn-build mod"

extern char **environ;

enum { OPT_CHECK = 256, OPT_AST, OPT_KEEPC };

static const struct cli_opt mod_opts[] = {
    { "output", 'o', CLI_PATH, "LIB", "the library to write (default ./nrnmech.so)" },
    { "keep-c", OPT_KEEPC, CLI_PATH, "DIR", "also write the generated C into folder DIR" },
    { "check", OPT_CHECK, CLI_FLAG, NULL, "only translate and report errors (no output)" },
    { "ast", OPT_AST, CLI_FLAG, NULL, "print each file's syntax tree to stdout" },
    CLI_OPT_HELP,
    { NULL, 0, 0, NULL, NULL },
};

static const char mod_usage[] =
    PROG " [-o LIB] [--keep-c DIR] FILE.mod|DIR...\n"
    "       " PROG " --check | --ast FILE.mod|DIR...";

static const char mod_epilog[] =
    "Translates NMODL files as NEURON 8.2.2's nocmodl reads them into C against the\n"
    "engine's mechanism interface and compiles them with the system C compiler ($CC, else\n"
    "cc; -O2 -fPIC -ffp-contract=off -fopenmp-simd, no fast-math) into one shared library, which\n"
    "`load_mechanisms LIB` (Tcl) and `nrn-run --mechanisms LIB` load. A folder stands for\n"
    "its .mod files in name order; the mechanisms are registered in that order. LIB is\n"
    "left alone when newer than every file it was made from (INCLUDEs too) and the same.\n"
    "\n"
    "An error is one line FILE:LINE:COL: message, naming the offending token; every file\n"
    "is still read, and nothing is written.\n"
    "\n"
    "Exit status: 0 success, 1 a file has an error (no library written), 2 bad usage.\n"
    "\n"
    "Examples:\n"
    "  nrn-build mod -o kdr.so kdr.mod\n"
    "  nrn-build mod --check mechanisms/\n"
    "  nrn-build mod --ast pas.mod\n";

struct mod_args {
    int check, ast, help;
    const char *output, *keepc;
};

static int mod_opt(void *ud, const struct cli_opt *o, const char *arg, double num)
{
    struct mod_args *a = ud;
    (void)num;
    switch (o->key) {
    case OPT_CHECK: a->check = 1; break;
    case OPT_AST: a->ast = 1; break;
    case OPT_KEEPC: a->keepc = arg; break;
    case 'o': a->output = arg; break;
    case 'h': a->help = 1; break;
    }
    return 0;
}

/* One input file through the passes. */
struct mod_file {
    char *path;
    nm_tree *tree;
    nm_mech *mech;
};

struct mod_files {
    struct mod_file *f;
    size_t n, cap;
};

static int files_add(struct mod_files *fs, const char *path)
{
    if (fs->n == fs->cap) {
        struct mod_file *nf = realloc(fs->f, sizeof *nf * (fs->cap = fs->cap * 2 + 8));
        if (!nf)
            return 1;
        fs->f = nf;
    }
    memset(&fs->f[fs->n], 0, sizeof fs->f[0]);
    if (!(fs->f[fs->n].path = strdup(path)))
        return 1;
    fs->n++;
    return 0;
}

static void files_free(struct mod_files *fs)
{
    for (size_t i = 0; i < fs->n; i++) {
        nm_mech_free(fs->f[i].mech);
        nm_tree_free(fs->f[i].tree);
        free(fs->f[i].path);
    }
    free(fs->f);
}

/* Parses and checks one file (--ast: prints its tree); returns 0 or 1 after its error. */
static int mod_one(const struct mod_args *a, struct mod_file *f)
{
    char err[1024];
    if (!(f->tree = nm_parse_file(f->path, err, sizeof err))) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    if (a->ast) {
        nm_print(stdout, nm_root(f->tree));
        return 0;
    }
    if (!(f->mech = nm_analyze(f->tree, err, sizeof err))) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    return 0;
}

static int name_cmp(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Adds every .mod file of folder dir, in name order. */
static int mod_dir(struct mod_files *fs, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        cli_error(PROG, "%s: %s", dir, strerror(errno));
        return 1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".mod") != 0)
            continue;
        if (n == cap) {
            char **nn = realloc(names, sizeof *names * (cap = cap * 2 + 16));
            if (!nn) {
                rc = 1;
                break;
            }
            names = nn;
        }
        size_t need = strlen(dir) + len + 2;
        if (!(names[n] = malloc(need))) {
            rc = 1;
            break;
        }
        snprintf(names[n++], need, "%s/%s", dir, e->d_name);
    }
    closedir(d);
    if (rc) {
        cli_error(PROG, "out of memory");
    } else if (n == 0) {
        cli_error(PROG, "%s: no .mod files in this folder", dir);
        rc = 1;
    } else {
        qsort(names, n, sizeof *names, name_cmp);
        for (size_t i = 0; i < n && !rc; i++)
            rc = files_add(fs, names[i]);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

/*
** The folder holding nrn_mech.h for the generated C: beside this program in the build
** tree (bin/../src/engine, or build-asan/bin/../../src/engine for the builds that keep their
** own bin folder, as make asan's) or in the installed prefix (bin/../include/nrn). The one
** place that knows where the headers are.
*/
static int mod_include_dir(char *dir, size_t size)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return 1;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return 1;
    *slash = '\0';
    static const char *const rel[] = { "../src/engine", "../../src/engine", "../include/nrn" };
    for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
        char h[2 * PATH_MAX + 128];
        snprintf(dir, size, "%s/%s", exe, rel[i]);
        snprintf(h, sizeof h, "%s/nrn_mechlib.h", dir);
        if (access(h, R_OK) == 0)
            return 0;
    }
    return 1;
}

/* Writes the C of every mechanism and the registration file into dir. */
static int mod_write_c(struct mod_files *fs, const char *dir)
{
    char path[PATH_MAX + 300], err[1024];
    for (size_t i = 0; i < fs->n; i++) {
        snprintf(path, sizeof path, "%s/%s.c", dir, nm_mech_name(fs->f[i].mech));
        FILE *out = fopen(path, "w");
        if (!out) {
            cli_error(PROG, "%s: %s", path, strerror(errno));
            return 1;
        }
        int rc = nm_emit_c(fs->f[i].mech, out, err, sizeof err);
        if (fclose(out) != 0 && !rc) {
            cli_error(PROG, "%s: %s", path, strerror(errno));
            return 1;
        }
        if (rc) {
            fprintf(stderr, "%s\n", err);
            return 1;
        }
    }
    snprintf(path, sizeof path, "%s/_mechlib.c", dir);
    FILE *out = fopen(path, "w");
    if (!out) {
        cli_error(PROG, "%s: %s", path, strerror(errno));
        return 1;
    }
    fprintf(out, "/* _mechlib.c: the registration entry point of a library made by nrn-build mod. */\n"
                 "#include \"nrn_mechlib.h\"\n");
    for (size_t i = 0; i < fs->n; i++)
        fprintf(out, "extern const nrn_mech_type nrnmod_%s;\n", nm_mech_name(fs->f[i].mech));
    fprintf(out, "static const nrn_mech_type *const types[] = {\n");
    for (size_t i = 0; i < fs->n; i++)
        fprintf(out, "    &nrnmod_%s,\n", nm_mech_name(fs->f[i].mech));
    fprintf(out, "};\n"
                 "const nrn_mech_type *const *nrn_mechlib_types(int *n, unsigned long *abi);\n"
                 "const nrn_mech_type *const *nrn_mechlib_types(int *n, unsigned long *abi)\n"
                 "{\n    *n = %zu;\n    *abi = NRN_MECHLIB_ABI;\n    return types;\n}\n", fs->n);
    return fclose(out) != 0;
}

/* Starts argv with its output into log: its pid, or -1 when it cannot start. */
static pid_t spawn_quiet(char *const argv[], const char *log)
{
    posix_spawn_file_actions_t fa;
    pid_t pid;
    if (posix_spawn_file_actions_init(&fa) != 0)
        return -1;
    posix_spawn_file_actions_addopen(&fa, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
    int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    return rc != 0 ? -1 : pid;
}

/* The exit status of pid (-1: it never started): 127 when it could not run, 126 when a
** signal ended it. */
static int wait_quiet(pid_t pid)
{
    int status;
    if (pid < 0)
        return 127;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return 127;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 126;
}

/* Waits for whichever of the n pids (0: none there) ends first, clears its slot and returns
** its status as wait_quiet does; 0 when none is left. */
static int wait_first(pid_t *pids, size_t n)
{
    for (;;) {
        size_t live = 0;
        for (size_t i = 0; i < n; i++)
            live += pids[i] != 0;
        if (!live)
            return 0;
        int status;
        pid_t pid = waitpid(-1, &status, 0);
        if (pid < 0 && errno == EINTR)
            continue;
        for (size_t i = 0; i < n; i++)
            if (pid < 0 || pids[i] == pid) { /* no child left to wait for: all gone */
                pids[i] = 0;
                if (pid > 0)
                    return WIFEXITED(status) ? WEXITSTATUS(status) : 126;
            }
        if (pid < 0)
            return 127;
    }
}

/* The size of the file at path, 0 if it cannot be read. */
static off_t file_size(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? sb.st_size : 0;
}

/* Gives the library the mode a linker gives a new file (0777 less the umask): the
** temporary file mkstemp made is 0600, which the linker keeps. */
static int mod_umask_mode(const char *path)
{
    mode_t um = umask(0);
    umask(um);
    return chmod(path, 0777 & ~um);
}

/* The compiler's flags for one generated file: the engine's floating-point rules. */
static const char *const cc_flags[] = { "-std=c11", "-O2", "-fPIC", "-ffp-contract=off",
                                        "-fopenmp-simd", "-w" };
enum { NCCFLAGS = sizeof cc_flags / sizeof cc_flags[0] };

/*
** Compiles each file of the C in dir to an object, as many at a time as there are CPUs (as
** nrnivmodl's make does with its jobs), then links them into output through a temporary file
** beside it. The compiler's messages go to dir/NAME.log and dir/cc.log, never to the user.
*/
static int mod_compile(struct mod_files *fs, const char *dir, const char *output)
{
    char inc[PATH_MAX + 64], incflag[PATH_MAX + 70], tmp[PATH_MAX + 20], log[PATH_MAX + 20];
    if (mod_include_dir(inc, sizeof inc) != 0) {
        cli_error(PROG, "cannot find nrn_mech.h (neither in the build tree nor installed)");
        return 1;
    }
    snprintf(incflag, sizeof incflag, "-I%s", inc);
    snprintf(tmp, sizeof tmp, "%s.tmpXXXXXX", output);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        cli_error(PROG, "%s: %s", output, strerror(errno));
        return 1;
    }
    close(fd);
    const char *cc = getenv("CC");
    if (!cc || !*cc)
        cc = "cc";
    size_t nsrc = fs->n + 1; /* the mechanisms and _mechlib.c */
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    size_t jobs = ncpu < 1 ? 1 : ncpu > 16 ? 16 : (size_t)ncpu;
    const char **argv = calloc(nsrc + NCCFLAGS + 16, sizeof *argv);
    char **names = calloc(3 * nsrc, sizeof *names); /* per file: source, object, log */
    pid_t *pids = calloc(nsrc, sizeof *pids);
    size_t *order = calloc(nsrc, sizeof *order);
    int rc = 1, st = 0;
    if (!argv || !names || !pids || !order) {
        cli_error(PROG, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < nsrc; i++) {
        const char *name = i < fs->n ? nm_mech_name(fs->f[i].mech) : "_mechlib";
        static const char *const ext[3] = { ".c", ".o", ".log" };
        for (int k = 0; k < 3; k++) {
            size_t len = strlen(dir) + strlen(name) + 8;
            if (!(names[3 * i + k] = malloc(len))) {
                cli_error(PROG, "out of memory");
                goto out;
            }
            snprintf(names[3 * i + k], len, "%s/%s%s", dir, name, ext[k]);
        }
    }
    /* The largest files first, and a free slot taken by the next file as soon as any
    ** compile ends: waiting for them in the order they started left a CPU idle behind a long
    ** one, and a long one started last ran alone at the end. */
    for (size_t i = 0; i < nsrc; i++)
        order[i] = i;
    for (size_t i = 1; i < nsrc; i++)
        for (size_t j = i; j > 0 && file_size(names[3 * order[j]]) >
                                    file_size(names[3 * order[j - 1]]); j--) {
            size_t t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    size_t running = 0;
    for (size_t oi = 0; oi < nsrc && st == 0; oi++) {
        size_t i = order[oi];
        if (running == jobs) {
            st = wait_first(pids, nsrc);
            running--;
            if (st != 0) /* a failure: start no more, wait for those running */
                break;
        }
        size_t n = 0;
        argv[n++] = cc;
        for (size_t k = 0; k < NCCFLAGS; k++)
            argv[n++] = cc_flags[k];
        argv[n++] = incflag;
        argv[n++] = "-c";
        argv[n++] = names[3 * i];
        argv[n++] = "-o";
        argv[n++] = names[3 * i + 1];
        argv[n] = NULL;
        pids[i] = spawn_quiet((char *const *)argv, names[3 * i + 2]);
        if (pids[i] < 0) { /* it never started */
            pids[i] = 0;
            st = 127;
        } else
            running++;
    }
    while (running > 0) { /* every one still running, also after a failure */
        int s = wait_first(pids, nsrc);
        running--;
        if (st == 0)
            st = s;
    }
    if (st == 0) {
        size_t n = 0;
        argv[n++] = cc;
        argv[n++] = "-shared";
        argv[n++] = "-o";
        argv[n++] = tmp;
        for (size_t i = 0; i < nsrc; i++)
            argv[n++] = names[3 * i + 1];
        argv[n++] = "-lm";
        argv[n] = NULL;
        snprintf(log, sizeof log, "%s/cc.log", dir);
        st = wait_quiet(spawn_quiet((char *const *)argv, log));
    }
    if (st == 127)
        cli_error(PROG, "no C compiler: cannot run '%s' (install gcc, or set CC)", cc);
    else if (st != 0)
        cli_error(PROG, "the C compiler failed on the generated code (the C of a VERBATIM "
                  "block, or a translator bug; --keep-c DIR keeps the C to see)");
    else if (mod_umask_mode(tmp) != 0 || rename(tmp, output) != 0)
        cli_error(PROG, "%s: %s", output, strerror(errno));
    else
        rc = 0;
out:
    if (rc)
        remove(tmp);
    for (size_t i = 0; names && i < 3 * nsrc; i++)
        free(names[i]);
    free(names);
    free(pids);
    free(order);
    free(argv);
    return rc;
}

/* Removes the scratch folder and what the build left in it. */
static void rm_scratch(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            char p[PATH_MAX + 300];
            snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
            remove(p);
        }
        closedir(d);
    }
    rmdir(dir);
}

/* Two files may not define the same mechanism. */
static int mod_unique(struct mod_files *fs)
{
    for (size_t i = 0; i < fs->n; i++)
        for (size_t j = 0; j < i; j++)
            if (!strcmp(nm_mech_name(fs->f[i].mech), nm_mech_name(fs->f[j].mech))) {
                fprintf(stderr, "%s: mechanism %s is also defined by %s\n", fs->f[i].path,
                        nm_mech_name(fs->f[i].mech), fs->f[j].path);
                return 1;
            }
    return 0;
}

/* Is a newer than b? */
static int newer(const struct timespec *a, const struct timespec *b)
{
    return a->tv_sec > b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec > b->tv_nsec);
}

/* 1 when a file the tree below n was read from (the .mod file, its INCLUDEs) is not older
** than t, or cannot be checked. */
static int tree_newer(const nm_node *n, const struct timespec *t, const char **seen, int *nseen)
{
    int known = 0;
    for (int i = 0; i < *nseen && !known; i++)
        known = seen[i] == n->file || strcmp(seen[i], n->file) == 0;
    if (!known) {
        struct stat st;
        if (stat(n->file, &st) != 0 || !newer(t, &st.st_mtim) || *nseen == 64)
            return 1;
        seen[(*nseen)++] = n->file;
    }
    for (int i = 0; i < n->n; i++)
        if (tree_newer(n->kid[i], t, seen, nseen))
            return 1;
    return 0;
}

/*
** Rebuild only what changed: 1 when output is newer than every file read and than this
** program, and holds the same mechanisms in the same order for this interface.
*/
static int mod_up_to_date(struct mod_files *fs, const char *output)
{
    struct stat lib, exe;
    if (stat(output, &lib) != 0 || stat("/proc/self/exe", &exe) != 0 ||
        !newer(&lib.st_mtim, &exe.st_mtim))
        return 0;
    const char *seen[64];
    int nseen = 0;
    for (size_t i = 0; i < fs->n; i++)
        if (tree_newer(nm_root(fs->f[i].tree), &lib.st_mtim, seen, &nseen))
            return 0;
    char path[PATH_MAX + 4];
    snprintf(path, sizeof path, "%s%s", strchr(output, '/') ? "" : "./", output);
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h)
        return 0;
    nrn_mechlib_fn entry;
    *(void **)&entry = dlsym(h, NRN_MECHLIB_ENTRY);
    int same = 0;
    if (entry) {
        int n = 0;
        unsigned long abi = 0;
        const nrn_mech_type *const *types = entry(&n, &abi);
        same = abi == NRN_MECHLIB_ABI && n == (int)fs->n;
        for (int i = 0; same && i < n; i++)
            same = strcmp(types[i]->name, nm_mech_name(fs->f[i].mech)) == 0;
    }
    dlclose(h);
    return same;
}

/* Translates and builds the files; --check only translates (into a scratch folder). */
static int mod_build(const struct mod_args *a, struct mod_files *fs)
{
    if (mod_unique(fs))
        return 1;
    char scratch[PATH_MAX];
    const char *tmpdir = getenv("TMPDIR");
    snprintf(scratch, sizeof scratch, "%s/nrnmod.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    if (!mkdtemp(scratch)) {
        cli_error(PROG, "%s: %s", scratch, strerror(errno));
        return 1;
    }
    int rc = mod_write_c(fs, scratch);
    if (!rc && a->keepc) {
        if (mkdir(a->keepc, 0755) != 0 && errno != EEXIST) {
            cli_error(PROG, "%s: %s", a->keepc, strerror(errno));
            rc = 1;
        } else {
            rc = mod_write_c(fs, a->keepc);
        }
    }
    const char *out = a->output ? a->output : "nrnmech.so";
    if (!rc && !a->check && !mod_up_to_date(fs, out))
        rc = mod_compile(fs, scratch, out);
    rm_scratch(scratch);
    return rc;
}

int build_mod_main(int argc, char **argv)
{
    struct mod_args a = {0};
    int first = cli_parse(PROG, mod_opts, argc, argv, mod_opt, &a);
    if (first < 0)
        return CLI_EXIT_USAGE;
    if (a.help) {
        cli_help(stdout, mod_usage, mod_opts, mod_epilog);
        return CLI_EXIT_OK;
    }
    if (first >= argc) {
        cli_error(PROG, "no .mod file given (try --help)");
        return CLI_EXIT_USAGE;
    }
    if (a.ast && (a.check || a.output || a.keepc)) {
        cli_error(PROG, "--ast goes alone (it builds nothing)");
        return CLI_EXIT_USAGE;
    }
    struct mod_files fs = {0};
    int rc = 0;
    for (int i = first; i < argc && !rc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
            rc = mod_dir(&fs, argv[i]);
        else if (files_add(&fs, argv[i]))
            cli_error(PROG, "out of memory"), rc = 1;
    }
    for (size_t i = 0; i < fs.n && !(rc & 2); i++)
        rc |= mod_one(&a, &fs.f[i]);
    if (!rc && !a.ast)
        rc = mod_build(&a, &fs);
    files_free(&fs);
    return rc ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}
