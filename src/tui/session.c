/*
** session.c: the journal of a session and :save. The journal holds, as Tcl commands, the
** loading of every model and script given on the command line (by absolute path) and then
** every change made in the TUI, in order: edits (setval), commands typed at `:`, traces
** added (record) and the runs (run, continuerun, fadvance). :save writes them as a script,
** so `nrn-run FILE` does the same things in the same order and gives the same numbers.
*/
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "atomfile.h"
#include "cli_model.h"
#include "cli_tcl.h"
#include "tui.h"

static int push(char ***arr, int *n, int *cap, const char *s)
{
    char *copy = strdup(s);
    if (!copy)
        return -1;
    if (*n == *cap) {
        int c = *cap ? 2 * *cap : 16;
        char **a = realloc(*arr, sizeof *a * (size_t)c);
        if (!a) {
            free(copy);
            return -1;
        }
        *arr = a;
        *cap = c;
    }
    (*arr)[(*n)++] = copy;
    return 0;
}

int journal_add(struct journal *j, const char *cmd)
{
    return push(&j->line, &j->n, &j->cap, cmd);
}

char *journal_cmd(int n, const char *const *words)
{
    Tcl_Obj *list = Tcl_NewListObj(0, NULL);
    char *s;
    Tcl_IncrRefCount(list);
    for (int i = 0; i < n; i++)
        Tcl_ListObjAppendElement(NULL, list, Tcl_NewStringObj(words[i], -1));
    s = strdup(Tcl_GetString(list));
    Tcl_DecrRefCount(list);
    return s;
}

int journal_add_load(struct journal *j, const char *cmd)
{
    return push(&j->load, &j->nload, &j->capload, cmd);
}

int journal_load(struct journal *j, const char *path)
{
    char abs[PATH_MAX];
    const char *loader = cli_model_loader(path);
    const char *w[2];
    char *cmd;
    int rc;
    w[0] = loader ? loader : "source";
    w[1] = realpath(path, abs) ? abs : path;
    if ((cmd = journal_cmd(2, w)) == NULL)
        return -1;
    rc = push(&j->load, &j->nload, &j->capload, cmd);
    free(cmd);
    return rc;
}

int journal_save(const struct journal *j, const char *path)
{
    struct atomfile af;
    time_t now = time(NULL);
    char when[64];
    if (atomfile_open(&af, path) != 0)
        return -1;
    strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", gmtime(&now));
    fprintf(af.fp, "# nrn-tui session, saved %s.\n"
                   "# `nrn-run THIS_FILE` repeats it: the models and scripts loaded, then every\n"
                   "# change made in nrn-tui, in order.\n", when);
    for (int i = 0; i < j->nload; i++)
        fprintf(af.fp, "%s\n", j->load[i]);
    for (int i = 0; i < j->n; i++)
        fprintf(af.fp, "%s\n", j->line[i]);
    if (fflush(af.fp) != 0 || ferror(af.fp)) {
        int e = errno ? errno : EIO;
        atomfile_abort(&af);
        errno = e;
        return -1;
    }
    return atomfile_commit(&af);
}

void journal_free(struct journal *j)
{
    for (int i = 0; i < j->n; i++)
        free(j->line[i]);
    for (int i = 0; i < j->nload; i++)
        free(j->load[i]);
    free(j->line);
    free(j->load);
    memset(j, 0, sizeof *j);
}
