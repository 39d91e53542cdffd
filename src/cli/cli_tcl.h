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
** its own model; sets *st. The engine's notices go to stderr as "PROG: message" (prog
** must outlive the interpreter). Returns 0, or CLI_EXIT_FAIL after "PROG: message" (*interp is
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

/*
** Sets on the model of st what sim asked for. The globals are pinned (nrntcl_pin): the
** command line's value beats those of model files and scripts (man nrn-run, PRECEDENCE).
** Returns 0, or CLI_EXIT_USAGE after "PROG: --dt: ...".
*/
int cli_sim_apply(const char *prog, nrntcl *st, const struct cli_sim *sim);

/*
** Loads the mechanism libraries of --mechanisms (load_mechanisms, in order); with autoload
** (nrn-run), ./nrnmech.so first when it exists, as nrniv loads the mechanisms compiled in
** its folder (said on stderr). Returns 0, or CLI_EXIT_FAIL after "PROG: message".
*/
int cli_tcl_mechanisms(const char *prog, Tcl_Interp *interp, const char *const *libs, int n,
                       int autoload);


/* Prints the first lines of --version: "PROG VERSION (libnrn VERSION)" and Tcl's. */
void cli_tcl_print_version(const char *prog);

#endif /* CLI_TCL_H */
