/*
** build_input.h: nrn-build's inputs: what kind each file is, and loading them, in order,
** into one model (nrn-build.c, man/nrn-build.1 "INPUTS").
**
** SWC and Neurolucida morphologies go through nrn_load_swc / nrn_load_asc, model CSVs
** through nrn_model_load_csv, Tcl scripts through an embedded interpreter with the nrn
** commands (as nrn-run runs them). When any input is a Tcl script, the model is the
** interpreter's, so every input adds to the model the scripts see. "-" is standard input:
** it is copied to a temporary file and its kind told from its first lines.
*/
#ifndef BUILD_INPUT_H
#define BUILD_INPUT_H

#include <tcl.h>

#include "nrn.h"
#include "nrntcl.h"

/* What an input is. */
enum build_kind {
    BUILD_UNKNOWN = 0,
    BUILD_SWC,  /* .swc */
    BUILD_ASC,  /* .asc (Neurolucida) */
    BUILD_TCL,  /* .tcl */
    BUILD_CSV   /* .csv, a model CSV */
};

/* One input file. */
struct build_input {
    const char *arg;    /* as given on the command line ("-" for standard input) */
    const char *path;   /* the file read (the temporary copy for "-") */
    const char *shown;  /* the name messages use ("stdin" for "-") */
    int kind;           /* enum build_kind */
};

/* The model being built and, when a Tcl script is among the inputs, its interpreter. */
struct build_model {
    nrn_model *own;      /* the model when there is no interpreter */
    Tcl_Interp *interp;  /* the interpreter, or NULL */
    nrntcl *st;          /* its nrn state */
    char stdin_tmp[64];  /* the temporary copy of standard input, or "" */
    int stdin_slot;      /* its atomfile_track slot (removed on a signal), or -1 */
    int verbose;         /* print the importers' notes to stderr */
};

/* The kind of path by its extension (case-insensitive), BUILD_UNKNOWN for another one. */
int build_kind_of(const char *path);

/* Name of a kind for messages ("SWC morphology"). */
const char *build_kind_name(int kind);

/*
** Fills in[i].path, .shown and .kind for the n inputs: by extension, or for "-" by
** copying standard input to a temporary file (remembered in b, removed by
** build_model_close) and looking at its first lines. Returns 0, or an exit status after
** a message.
*/
int build_inputs_resolve(struct build_model *b, struct build_input *in, int n);

/*
** Creates the empty model; with a Tcl input among in, -D definitions or --mechanisms, the
** interpreter (argv0 for Tcl_FindExecutable) with the nrn commands imported, the -D
** definitions (NAME=VALUE, checked by the caller) set and the mechanism libraries mechs
** loaded. Returns 0, or an exit status after a message.
*/
int build_model_open(struct build_model *b, const char *argv0, const struct build_input *in,
                     int n, const char *const *defines, int ndefines,
                     const char *const *mechs, int nmechs);

/* The model (the interpreter's current one when there is an interpreter). */
nrn_model *build_model_get(const struct build_model *b);

/*
** Loads the inputs in order. Morphologies get a section name prefix when there are
** several of them: the file's base name without its extension and a dot ("c91662."),
** "stdin." for standard input. Returns 0, or an exit status after a one-line message
** "nrn-build: FILE:LINE: ...".
*/
int build_model_load(struct build_model *b, const struct build_input *in, int n);

/* Frees the model or the interpreter and removes the copy of standard input. */
void build_model_close(struct build_model *b);

/*
** The prefix build_model_load gives the morphology path when there are several
** morphologies: base name without extension, then "."; into buf (size bytes).
*/
void build_prefix_of(const char *shown, char *buf, size_t size);

#endif /* BUILD_INPUT_H */
