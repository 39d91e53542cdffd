/*
** build_edit.h: nrn-build's edits of the loaded model, applied in this order (the man
** page says why): every --insert, every --set, then --nseg or --d-lambda (the d_lambda
** rule reads Ra, cm and diam, so it comes after the values are set).
**
** Section globs: a section matches GLOB when its name equals GLOB, or when fnmatch(3)
** matches it with '[' and ']' taken literally (they are the brackets of section arrays):
** '*' and '?' match any characters, dots and brackets included, so "dend[1*]" matches
** dend[1], dend[10], dend[123] ...; a backslash escapes the next character.
*/
#ifndef BUILD_EDIT_H
#define BUILD_EDIT_H

#include "nrn.h"

/* 1 if section name matches glob (equal, or fnmatch). */
int build_glob_match(const char *glob, const char *name);

/*
** --insert SPEC, SPEC = MECH or GLOB:MECH: inserts density mechanism MECH in every
** section matching GLOB (every section without one). Errors (exit 1, after
** "nrn-build: --insert SPEC: ..."): unknown mechanism, not a density mechanism, no
** section matches.
*/
int build_insert(nrn_model *m, const char *spec);

/*
** Checks the form of a --set SPEC (GLOB.PATH=VALUE or NAME=VALUE, VALUE a finite
** number). Returns 0, or -1 after a usage message.
*/
int build_set_check(const char *spec);

/*
** --set SPEC: GLOB.PATH=VALUE sets the section-level value PATH (L, diam, nseg, Ra, cm,
** rallbranch, a range variable such as g_pas, gnabar_hh or hh.gnabar, an ion's ena...) in
** every section matching GLOB that has it; it is an error if none has it. Where the name
** contains several dots (cell1.soma[0].g_pas, dend*.hh.gnabar) the longest GLOB that
** matches a section wins. With no section matching, SPEC is a plain value path: a
** global (celsius, tstop, usetable_hh), a point process variable (ic.amp), a segment
** value (soma(0.5).gnabar_hh). Returns 0 or 1 after a message.
*/
int build_set(nrn_model *m, const char *spec);

/* --nseg N in every section. Returns 0 or 1 after a message. */
int build_nseg(nrn_model *m, int nseg);

/* --d-lambda F --freq HZ: the d_lambda rule in every section. Returns 0 or 1. */
int build_dlambda(nrn_model *m, double d_lambda, double freq);

#endif /* BUILD_EDIT_H */
