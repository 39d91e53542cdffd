/*
** columns.c: picks CSV columns from what a user typed, and reads units out of header names.
**
** A reference is a header name or a 1-based index, as csvkit and xsv do. Names are matched
** before indices so a column literally called "2" stays reachable, and a header that carries a
** unit ("v[mV]") can also be named without it ("v"). nrn-run names contain dots and parentheses
** ("soma(0.5).v") but never commas, so lists split on commas; a list that is itself an exact
** header name is taken whole.
*/
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "plot.h"

/*
** Copies at most n bytes of s into buf (size bsize), always NUL-terminating.
*/
static void columns_copy(char *buf, size_t bsize, const char *s, size_t n)
{
    if (bsize == 0)
        return;
    if (n >= bsize)
        n = bsize - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
}

/*
** Splits off a trailing "[unit]": sets *namelen to the length of the name before it (spaces
** trimmed) and *u, *ulen to the unit. Returns 1 if there is such a unit, else 0.
*/
static int columns_split(const char *h, size_t *namelen, const char **u, size_t *ulen)
{
    size_t n = strlen(h);
    const char *open;
    if (n < 3 || h[n - 1] != ']')
        return 0;
    open = strrchr(h, '[');
    if (!open || open == h)
        return 0;
    *u = open + 1;
    *ulen = (size_t)(h + n - 1 - (open + 1));
    *namelen = (size_t)(open - h);
    while (*namelen > 0 && isspace((unsigned char)h[*namelen - 1]))
        (*namelen)--;
    return *namelen > 0 && *ulen > 0;
}

/*
** Finds ref among the names: exact name, then 1-based index, then a name without its unit when
** only one header matches that way. Returns the 0-based index or -1.
*/
int columns_find(const char *const *names, int n, const char *ref)
{
    int i, found = -1;
    size_t rlen = strlen(ref);
    for (i = 0; i < n; i++)
        if (strcmp(names[i], ref) == 0)
            return i;
    if (rlen > 0 && strspn(ref, "0123456789") == rlen) {
        long k = strtol(ref, NULL, 10);
        return (k >= 1 && k <= n) ? (int)(k - 1) : -1;
    }
    for (i = 0; i < n; i++) {
        size_t nl, ul;
        const char *u;
        if (columns_split(names[i], &nl, &u, &ul) && nl == rlen && memcmp(names[i], ref, nl) == 0) {
            if (found >= 0)
                return -1; /* ambiguous */
            found = i;
        }
    }
    return found;
}

/*
** Resolves each comma-separated reference of list, appending to out. Returns 0, or -1 with the
** offending reference (or "" when out is full) in bad.
*/
int columns_resolve(const char *const *names, int n, const char *list, int *out, int cap,
                    int *nout, char *bad, size_t badsize)
{
    const char *p = list;
    int whole = columns_find(names, n, list);
    if (whole >= 0 && strchr(list, ',')) {
        if (*nout >= cap) {
            columns_copy(bad, badsize, "", 0);
            return -1;
        }
        out[(*nout)++] = whole;
        return 0;
    }
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        char ref[256];
        int k;
        columns_copy(ref, sizeof ref, p, len);
        k = len < sizeof ref ? columns_find(names, n, ref) : -1;
        if (k < 0 || *nout >= cap) {
            columns_copy(bad, badsize, k < 0 ? p : "", k < 0 ? len : 0);
            return -1;
        }
        out[(*nout)++] = k;
        if (!comma)
            return 0;
        p = comma + 1;
    }
}

/*
** Splits "v[mV]" into "v" and "mV"; without a unit, name is the whole header and unit is "".
*/
void columns_unit(const char *header, char *name, size_t namesize, char *unit, size_t unitsize)
{
    size_t nl, ul;
    const char *u;
    if (columns_split(header, &nl, &u, &ul)) {
        columns_copy(name, namesize, header, nl);
        columns_copy(unit, unitsize, u, ul);
    } else {
        columns_copy(name, namesize, header, strlen(header));
        columns_copy(unit, unitsize, "", 0);
    }
}
