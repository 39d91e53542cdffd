/*
** sweep_tclerr.h: "FILE:LINE: message" for the error now in a Tcl interpreter, worked out
** from -errorinfo as nrn-run does (its run_error_where; the two should become one shared
** helper in src/cli).
*/
#ifndef SWEEP_TCLERR_H
#define SWEEP_TCLERR_H

#include <stddef.h>

#include <tcl.h>

/* Writes "FILE:LINE: message" (script names the file when -errorinfo names none). */
void sweep_tcl_error(Tcl_Interp *interp, const char *script, char *out, size_t size);

#endif /* SWEEP_TCLERR_H */
