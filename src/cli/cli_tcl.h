/*
** cli_tcl.h: the set-up the commands that run model scripts (nrn-run, nrn-sweep,
** nrn-build) share: the interpreter with the nrn commands, the variables of the command
** line (-D, argv0, ...), the simulation globals of CLI_OPTS_SIM, the --version lines.
*/
#ifndef CLI_TCL_H
#define CLI_TCL_H

#include <tcl.h>

#include "cli_opt.h"
#include "nrn.h"
#include "nrntcl.h"

/*
** Creates *interp with the nrn commands imported (Tcl_Init failing is only a warning) and
** Nrn marked as a static package, so that `load {} Nrn $child` gives a child interpreter
** its own model; sets *st. Returns 0, or CLI_EXIT_FAIL after "PROG: message" (*interp is
** set all the same: the caller deletes it).
*/
int cli_tcl_interp(const char *prog, Tcl_Interp **interp, nrntcl **st);

/*
** Sets argv0 to prog, argv, argc and tcl_interactive as for a script without arguments,
** then each NAME=VALUE of defines (checked by cli_define_check) as a global variable.
** Returns 0, or CLI_EXIT_USAGE after "PROG: -D NAME=VALUE: message".
*/
int cli_tcl_vars(const char *prog, Tcl_Interp *interp, const char *const *defines,
                 int ndefines);

/* Sets on m what sim asked for. Returns 0, or CLI_EXIT_USAGE after "PROG: --dt: ...". */
int cli_sim_apply(const char *prog, nrn_model *m, const struct cli_sim *sim);

/* The Tcl command that loads a model file by its extension (load_model for .csv, load_swc,
** load_asc), or NULL for a Tcl script (-m MODEL of nrn-run and nrn-tui). */
const char *cli_model_loader(const char *path);

/* Loads model file path with loader (from cli_model_loader) in interp. Tcl status. */
int cli_load_model(Tcl_Interp *interp, const char *loader, const char *path);

/* Prints the first lines of --version: "PROG VERSION (libnrn VERSION)" and Tcl's. */
void cli_tcl_print_version(const char *prog);

#endif /* CLI_TCL_H */
