/*
** build_mod.c: `nrn-build mod`, the NMODL subcommand: reads .mod files (or every .mod
** file of a folder), translates them and reports; --check stops after the checks, --ast
** prints the syntax tree. An error is one line "FILE:LINE:COL: message" and exit 1.
*/
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "build_mod.h"
#include "cli_opt.h"
#include "nmodl.h"

#define PROG "nrn-build mod"

enum { OPT_CHECK = 256, OPT_AST };

static const struct cli_opt mod_opts[] = {
    { "check", OPT_CHECK, CLI_FLAG, NULL, "only translate and report errors (no output)" },
    { "ast", OPT_AST, CLI_FLAG, NULL, "print each file's syntax tree to stdout" },
    CLI_OPT_HELP,
    { NULL, 0, 0, NULL, NULL },
};

static const char mod_usage[] = PROG " --check | --ast FILE.mod|DIR...";

static const char mod_epilog[] =
    "Reads NMODL files as NEURON 8.2.2's nocmodl does; a folder stands for its .mod files\n"
    "in name order. The first error of a file is one line FILE:LINE:COL: message, naming\n"
    "the offending token; the other files are still read.\n"
    "\n"
    "Exit status: 0 every file is sound, 1 a file has an error, 2 bad usage.\n"
    "\n"
    "Examples:\n"
    "  nrn-build mod --check hh.mod kdr.mod\n"
    "  nrn-build mod --check mechanisms/\n"
    "  nrn-build mod --ast pas.mod\n";

struct mod_args {
    int check, ast, help;
};

static int mod_opt(void *ud, const struct cli_opt *o, const char *arg, double num)
{
    struct mod_args *a = ud;
    (void)arg;
    (void)num;
    switch (o->key) {
    case OPT_CHECK: a->check = 1; break;
    case OPT_AST: a->ast = 1; break;
    case 'h': a->help = 1; break;
    }
    return 0;
}

/* Translates one file as asked; returns 0 or 1 after its one-line error. */
static int mod_one(const struct mod_args *a, const char *path)
{
    char err[1024];
    nm_tree *t = nm_parse_file(path, err, sizeof err);
    if (!t) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    if (a->ast)
        nm_print(stdout, nm_root(t));
    nm_tree_free(t);
    return 0;
}

static int name_cmp(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Every .mod file of folder dir, in name order. */
static int mod_dir(const struct mod_args *a, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        cli_error(PROG, "%s: cannot open the folder", dir);
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
        for (size_t i = 0; i < n; i++)
            rc |= mod_one(a, names[i]);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
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
    if (!a.check && !a.ast) {
        cli_error(PROG, "building a library is not available yet: use --check or --ast");
        return CLI_EXIT_USAGE;
    }
    int rc = 0;
    for (int i = first; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
            rc |= mod_dir(&a, argv[i]);
        else
            rc |= mod_one(&a, argv[i]);
    }
    return rc ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}
