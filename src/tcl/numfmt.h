/*
** numfmt.h: doubles as text, exactly as Python's repr(float) prints them.
**
** NEURON's reference outputs are written by Python, so our CSV, `vector get` and every
** other number we print use the same form: the shortest decimal that reads back to the
** same double, fixed notation when the decimal exponent is in [-4, 16) (with ".0" when
** there is no '.'), otherwise scientific with a signed two-digit-minimum exponent
** ("1e-05", "1.5e+20"); "nan", "inf", "-inf"; "-0.0". No Tcl here: commands use it too.
*/
#ifndef NUMFMT_H
#define NUMFMT_H

#include <stddef.h>

/* Enough for any double in any form this file produces, with the terminating NUL. */
#define NUMFMT_BUFSIZE 40

/*
** Writes x into buf (NUMFMT_BUFSIZE bytes) and returns buf. digits 0 gives the shortest
** round-trip form; digits 1..17 rounds to that many significant digits first (trailing
** zeros dropped), then lays the digits out the same way. Other values of digits act as 0.
*/
char *numfmt_double(char *buf, double x, int digits);

/* The same result by the slower libc route (glibc's exact "%.*e" and strtod) alone: the
** reference the fast exact route is tested against. */
char *numfmt_double_libc(char *buf, double x, int digits);

#endif /* NUMFMT_H */
