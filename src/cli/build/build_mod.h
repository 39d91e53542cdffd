/*
** build_mod.h: `nrn-build mod`, the NMODL subcommand (build_mod.c).
*/
#ifndef BUILD_MOD_H
#define BUILD_MOD_H

/* Runs the subcommand on argv[1..argc-1] (argv[0] is "mod"); returns the exit status. */
int build_mod_main(int argc, char **argv);

#endif /* BUILD_MOD_H */
