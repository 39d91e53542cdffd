/*
** csvout.c: CSV fields out (see csvout.h). Quoting is libcsv's csv_fwrite, used only for
** fields that need it, so ordinary headers like soma(0.5).v stay bare and match NEURON's
** reference files byte for byte.
*/
#include "csvout.h"

#include <csv.h>
#include <string.h>

#include "numfmt.h"

/* 1 if s must be quoted to read back as one field. */
static int csvout_needs_quotes(const char *s)
{
    size_t n = strlen(s);
    return strpbrk(s, ",\"\r\n") != NULL || (n > 0 && (s[0] == ' ' || s[0] == '\t' ||
                                                       s[n - 1] == ' ' || s[n - 1] == '\t'));
}

/* See csvout.h. */
int csvout_text(FILE *fp, const char *s, int first)
{
    if (!first && putc(',', fp) == EOF)
        return -1;
    if (csvout_needs_quotes(s))
        return csv_fwrite(fp, s, strlen(s)) == 0 ? 0 : -1;
    return fputs(s, fp) == EOF ? -1 : 0;
}

/* See csvout.h. */
int csvout_number(FILE *fp, double x, int digits, int first)
{
    char buf[NUMFMT_BUFSIZE];
    if (!first && putc(',', fp) == EOF)
        return -1;
    return fputs(numfmt_double(buf, x, digits), fp) == EOF ? -1 : 0;
}

/* See csvout.h. */
int csvout_end(FILE *fp)
{
    return putc('\n', fp) == EOF ? -1 : 0;
}
