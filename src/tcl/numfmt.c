/*
** numfmt.c: Python repr(float) formatting of doubles (see numfmt.h).
**
** The shortest form: for p significant digits take the correctly rounded decimal (glibc's
** "%.*e" is exact) and check that strtod maps it back to x; the smallest such p is found
** by bisection (numfmt_shortest). Near a power of two the two neighbouring doubles are at different distances,
** so the nearest p-digit decimal can miss while the one on the other side of x still reads
** back; Python's dtoa finds that one, so we also try the p-digit neighbour across x.
*/
#include "numfmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A decimal mant x 10^(exp - ndig + 1): mant has ndig digits, so its first digit is at 10^exp. */
struct numfmt_dec {
    unsigned long long mant; /* the significant digits as an integer */
    int ndig;                /* number of digits in mant */
    int exp;                 /* decimal exponent of the first digit */
};

/* 10^n for 0 <= n <= 19. */
static unsigned long long numfmt_pow10(int n)
{
    unsigned long long p = 1;
    while (n-- > 0)
        p *= 10;
    return p;
}

/* Rounds ax (finite, > 0) to p significant digits (1..17), correctly rounded. */
static struct numfmt_dec numfmt_round(double ax, int p)
{
    char tmp[48];
    struct numfmt_dec d = { 0, p, 0 };
    const char *s;

    snprintf(tmp, sizeof tmp, "%.*e", p - 1, ax);
    for (s = tmp; *s && *s != 'e'; s++)
        if (*s >= '0' && *s <= '9')
            d.mant = d.mant * 10 + (unsigned long long)(*s - '0');
    d.exp = *s == 'e' ? atoi(s + 1) : 0;
    return d;
}

/* The double nearest to the decimal d, as strtod reads it. */
static double numfmt_value(struct numfmt_dec d)
{
    char tmp[48];
    snprintf(tmp, sizeof tmp, "%llue%d", d.mant, d.exp - d.ndig + 1);
    return strtod(tmp, NULL);
}

/* The next p-digit decimal above (dir > 0) or below (dir < 0) d. */
static struct numfmt_dec numfmt_step(struct numfmt_dec d, int dir)
{
    unsigned long long lo = numfmt_pow10(d.ndig - 1), hi = numfmt_pow10(d.ndig);
    if (dir > 0) {
        if (++d.mant == hi) {
            d.mant = lo;
            d.exp++;
        }
    } else if (d.mant == lo) {
        d.mant = hi - 1;
        d.exp--;
    } else {
        d.mant--;
    }
    return d;
}

/*
** The nearest p-digit decimal to ax that reads back to ax, trying the correctly rounded one
** and its neighbour across ax. Returns 1 and sets *out if there is one.
*/
static int numfmt_try(double ax, int p, struct numfmt_dec *out)
{
    struct numfmt_dec d = numfmt_round(ax, p);
    double v = numfmt_value(d);
    if (v == ax) {
        *out = d;
        return 1;
    }
    if (p < 17) {
        struct numfmt_dec other = numfmt_step(d, v < ax ? 1 : -1);
        if (numfmt_value(other) == ax) {
            *out = other;
            return 1;
        }
    }
    return 0;
}

/*
** The shortest decimal that reads back to ax (finite, > 0), nearest to ax among those.
** "Some p-digit decimal reads back" holds for every p from the shortest on (append a
** zero), so the shortest p is found by bisection; 15 is probed first because simulation
** values mostly need 16 or 17 digits and short ones ("0.025") at most 15.
*/
static struct numfmt_dec numfmt_shortest(double ax)
{
    struct numfmt_dec d, best;
    int lo = 1, hi = 15;
    if (!numfmt_try(ax, 15, &best)) {
        if (numfmt_try(ax, 16, &d))
            return d;
        numfmt_try(ax, 17, &best); /* 17 digits always read back */
        return best;
    }
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (numfmt_try(ax, mid, &d)) {
            hi = mid;
            best = d;
        } else {
            lo = mid + 1;
        }
    }
    return best;
}

/*
** Lays out the digits of d as repr does into out (which has room): fixed notation for
** exponents in [-4, 16), else d.ddde+XX. Trailing zeros of d must already be gone.
*/
static void numfmt_layout(char *out, struct numfmt_dec d)
{
    char dig[24];
    int n = snprintf(dig, sizeof dig, "%llu", d.mant), e = d.exp;

    if (e >= -4 && e < 16) {
        if (e < 0) {
            out += sprintf(out, "0.");
            for (int i = 0; i < -e - 1; i++)
                *out++ = '0';
            strcpy(out, dig);
        } else if (n <= e + 1) {
            memcpy(out, dig, (size_t)n);
            out += n;
            for (int i = 0; i < e + 1 - n; i++)
                *out++ = '0';
            strcpy(out, ".0");
        } else {
            memcpy(out, dig, (size_t)e + 1);
            out += e + 1;
            *out++ = '.';
            strcpy(out, dig + e + 1);
        }
    } else {
        *out++ = dig[0];
        if (n > 1) {
            *out++ = '.';
            memcpy(out, dig + 1, (size_t)n - 1);
            out += n - 1;
        }
        sprintf(out, "e%c%02d", e < 0 ? '-' : '+', e < 0 ? -e : e);
    }
}

/* See numfmt.h. */
char *numfmt_double(char *buf, double x, int digits)
{
    struct numfmt_dec d;
    char *out = buf;

    if (isnan(x)) {
        strcpy(buf, "nan");
        return buf;
    }
    if (signbit(x))
        *out++ = '-';
    if (isinf(x)) {
        strcpy(out, "inf");
        return buf;
    }
    if (x == 0) {
        strcpy(out, "0.0");
        return buf;
    }
    d = digits >= 1 && digits <= 17 ? numfmt_round(fabs(x), digits) : numfmt_shortest(fabs(x));
    while (d.ndig > 1 && d.mant % 10 == 0) {
        d.mant /= 10;
        d.ndig--;
    }
    numfmt_layout(out, d);
    return buf;
}
