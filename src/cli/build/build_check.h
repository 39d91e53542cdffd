/*
** build_check.h: nrn-build --check: validate inputs without building a model.
**
** An SWC file is checked by nrn_swc_check, which lists every problem with its line; a
** Neurolucida file or a model CSV is loaded into a scratch model, which stops at the
** first problem. Each problem is one line on stderr, "nrn-build: FILE:LINE: message".
*/
#ifndef BUILD_CHECK_H
#define BUILD_CHECK_H

#include "build_input.h"

/*
** Checks the n inputs (none may be a Tcl script: the caller refuses them). Returns 0 when
** every file is sound, 1 when any has a problem.
*/
int build_check(const struct build_input *in, int n);

#endif /* BUILD_CHECK_H */
