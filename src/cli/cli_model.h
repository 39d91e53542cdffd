/*
** cli_model.h: -m MODEL as nrn-run and nrn-sweep read it: a model CSV (nrn-build's output),
** an SWC or Neurolucida ASC morphology, or else a Tcl script; the kind is told by the
** file name's extension, so that both commands accept the same files the same way.
*/
#ifndef CLI_MODEL_H
#define CLI_MODEL_H

#include <tcl.h>

/* The nrn command that loads path by its extension (.csv: load_model, .swc: load_swc,
** .asc: load_asc; case as written), or NULL for a Tcl script. */
const char *cli_model_loader(const char *path);

/* Loads model file path with loader (cli_model_loader's answer) in interp. Tcl status; the
** error message, already naming FILE:LINE, is the interpreter's result. */
int cli_model_load(Tcl_Interp *interp, const char *loader, const char *path);

#endif /* CLI_MODEL_H */
