/*
** cli_tclerr.h: where a Tcl script error happened, as "FILE:LINE: message", for the
** commands that run user scripts (nrn-run, nrn-sweep). Worked out from -errorinfo.
*/
#ifndef CLI_TCLERR_H
#define CLI_TCLERR_H

#include <stddef.h>
#include <tcl.h>

/*
** Writes "FILE:LINE: message" for the error now in interp into out (size bytes); script
** names the file when -errorinfo names none. A hint follows for a Python or HOC script
** ("(a Python script? nrn-run reads Tcl: see man nrn-tcl)", by extension or by the
** unknown command) and for an unbraced section name with [ ] ("invalid command name
** "0" (a section name with [ ] must be braced: {soma[0](0.5)})").
*/
void cli_tcl_error(Tcl_Interp *interp, const char *script, char *out, size_t size);

/*
** If the error now in interp is that of a path the program deferred (nrntcl_defer_record:
** nrn-run's -r), puts the path and the engine's message in path and msg and returns 1,
** so the program blames its option rather than the script line that started the run.
*/
int cli_tcl_deferred_error(Tcl_Interp *interp, char *path, size_t psize, char *msg,
                           size_t msize);

/* The same from the pieces: -errorinfo text, -errorline; file receives the file name.
** Returns the line. */
int cli_tcl_error_where(const char *info, int errline, const char *script, char *file,
                        size_t size);

#endif /* CLI_TCLERR_H */
