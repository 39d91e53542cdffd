/*
** cli_tclerr.h: where a Tcl script error happened, as "FILE:LINE: message", for the
** commands that run user scripts (nrn-run, nrn-sweep). Worked out from -errorinfo.
*/
#ifndef CLI_TCLERR_H
#define CLI_TCLERR_H

#include <stddef.h>
#include <tcl.h>

/* Writes "FILE:LINE: message" for the error now in interp into out (size bytes); script
** names the file when -errorinfo names none. */
void cli_tcl_error(Tcl_Interp *interp, const char *script, char *out, size_t size);

/* The same from the pieces: -errorinfo text, -errorline; file receives the file name.
** Returns the line. */
int cli_tcl_error_where(const char *info, int errline, const char *script, char *file,
                        size_t size);

#endif /* CLI_TCLERR_H */
