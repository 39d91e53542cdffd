/*
** numfmt.c: Python repr(float) formatting of doubles (see numfmt.h).
**
** The shortest form: for p significant digits take the correctly rounded decimal and check
** that it reads back to x; the smallest such p is found by bisection (numfmt_shortest).
** Near a power of two the two neighbouring doubles are at different distances, so the
** nearest p-digit decimal can miss while the one on the other side of x still reads back;
** Python's dtoa finds that one, so we also try the p-digit neighbour across x.
**
** Two ways to round and to check. The exact integer way (numfmt_x_*): x = w * 2^f with
** w = 4 * mantissa, so x and the ends of the interval of reals that read back to x,
** (w - 2 or w - 1 at a power of two) and (w + 2), are integers in units of 2^f; a candidate
** q * 10^j is compared with them after scaling both sides to integers in 128 bits. That
** covers about 1e-5 <= x < 1e36 (voltages, times, conductances, concentrations) at a few
** tens of nanoseconds. Elsewhere, or when a product would not fit, the libc way: glibc's
** "%.*e" is exact, and strtod tells whether a decimal reads back; a few microseconds.
*/
#include "numfmt.h"

#include <math.h>
#include <stdint.h>
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

/* ---- the exact integer way ---- */

typedef unsigned __int128 numfmt_u128;

/* x split for the exact way: x = w * 2^f; the reals reading back to x are those within
** (w - dl, w + 2) units of 2^f, ends included when the mantissa is even. */
struct numfmt_x {
    uint64_t w;  /* 4 * mantissa */
    int f;       /* binary exponent of the unit */
    int dl;      /* 2, or 1 at a power of two (the gap below is half the gap above) */
    int closed;  /* the ends read back to x too (even mantissa: ties go to it) */
    int e;       /* decimal exponent of x's first digit */
    unsigned long long q17; /* x / 10^(e - 16) rounded down: x's first 17 digits */
    numfmt_u128 r17, d17;   /* the remainder of that division, and the divisor */
};

/* Splits ax (finite, > 0). Returns 0 for a subnormal (left to the libc way). */
static int numfmt_x_split(double ax, struct numfmt_x *x)
{
    uint64_t bits;
    int be;
    memcpy(&bits, &ax, sizeof bits);
    be = (int)(bits >> 52) & 0x7ff;
    if (be == 0)
        return 0;
    x->w = ((bits & ((1ULL << 52) - 1)) | (1ULL << 52)) << 2;
    x->f = be - 1075 - 2;
    x->dl = (bits & ((1ULL << 52) - 1)) == 0 && be > 1 ? 1 : 2;
    x->closed = (x->w >> 2) % 2 == 0;
    return 1;
}

/* Number of significant bits of a. */
static int numfmt_x_bits(numfmt_u128 a)
{
    unsigned long long hi = (unsigned long long)(a >> 64), lo = (unsigned long long)a;
    return hi ? 128 - __builtin_clzll(hi) : lo ? 64 - __builtin_clzll(lo) : 0;
}

/* a * b into *r; 0 when it might not fit in 127 bits. */
static int numfmt_x_mul(numfmt_u128 a, numfmt_u128 b, numfmt_u128 *r)
{
    if (numfmt_x_bits(a) + numfmt_x_bits(b) > 127)
        return 0;
    *r = a * b;
    return 1;
}

#define NUMFMT_E19 ((numfmt_u128)10000000000000000000ULL)
/* 10^n for 0 <= n <= 38. */
static numfmt_u128 numfmt_x_pow10(int n)
{
    static const numfmt_u128 tab[39] = {
        1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL,
        100000000ULL, 1000000000ULL, 10000000000ULL, 100000000000ULL, 1000000000000ULL,
        10000000000000ULL, 100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
        100000000000000000ULL, 1000000000000000000ULL, NUMFMT_E19, NUMFMT_E19 * 10,
        NUMFMT_E19 * 100, NUMFMT_E19 * 1000, NUMFMT_E19 * 10000, NUMFMT_E19 * 100000,
        NUMFMT_E19 * 1000000, NUMFMT_E19 * 10000000, NUMFMT_E19 * 100000000,
        NUMFMT_E19 * 1000000000, NUMFMT_E19 * 10000000000ULL, NUMFMT_E19 * 100000000000ULL,
        NUMFMT_E19 * 1000000000000ULL, NUMFMT_E19 * 10000000000000ULL,
        NUMFMT_E19 * 100000000000000ULL, NUMFMT_E19 * 1000000000000000ULL,
        NUMFMT_E19 * 10000000000000000ULL, NUMFMT_E19 * 100000000000000000ULL,
        NUMFMT_E19 * 1000000000000000000ULL, NUMFMT_E19 * NUMFMT_E19,
    };
    return tab[n];
}

/*
** The factors putting x and a candidate q * 10^j on one integer scale: a value t units
** of 2^f is t * *num / *den in units of 10^j. 0 when a factor is out of range.
*/
static int numfmt_x_scale(const struct numfmt_x *x, int j, numfmt_u128 *num, numfmt_u128 *den)
{
    if (x->f > 126 || x->f < -126 || j > 38 || j < -38)
        return 0;
    *num = x->f > 0 ? (numfmt_u128)1 << x->f : 1;
    *den = x->f < 0 ? (numfmt_u128)1 << -x->f : 1;
    if (j < 0)
        return numfmt_x_mul(*num, numfmt_x_pow10(-j), num);
    return numfmt_x_mul(*den, numfmt_x_pow10(j), den);
}

/*
** Where q * 10^j lies: -1 below the values reading back to x, 0 among them, 1 above; and
** *side: the sign of q * 10^j - x. 2 when the numbers do not fit.
*/
static int numfmt_x_where(const struct numfmt_x *x, unsigned long long q, int j, int *side)
{
    numfmt_u128 num, den, c, lo, mid, hi;
    if (!numfmt_x_scale(x, j, &num, &den) || !numfmt_x_mul(q, den, &c) ||
        !numfmt_x_mul(x->w + 2, num, &hi))
        return 2;
    lo = (numfmt_u128)(x->w - (uint64_t)x->dl) * num;
    mid = (numfmt_u128)x->w * num;
    *side = c < mid ? -1 : c > mid;
    if (c < lo || (c == lo && !x->closed))
        return -1;
    if (c > hi || (c == hi && !x->closed))
        return 1;
    return 0;
}

/* x / 10^j rounded down into *q, the remainder and the divisor into *r, *den. 0 when it
** does not fit. */
static int numfmt_x_div(const struct numfmt_x *x, int j, numfmt_u128 *q, numfmt_u128 *r,
                        numfmt_u128 *den)
{
    numfmt_u128 num, n;
    if (!numfmt_x_scale(x, j, &num, den) || !numfmt_x_mul(x->w, num, &n))
        return 0;
    *q = n / *den;
    *r = n - *q * *den;
    return 1;
}

/* Finds x's decimal exponent and first 17 digits (x->e, x->q17, x->r17, x->d17): the one
** wide division; every rounding after it works on these. 0 when out of the exact range. */
static int numfmt_x_digits(struct numfmt_x *x, double ax)
{
    numfmt_u128 q, lo = numfmt_x_pow10(16), hi = numfmt_x_pow10(17);
    int k = (int)floor(log10(ax));
    for (int tries = 0; tries < 3; tries++) {
        if (!numfmt_x_div(x, k - 16, &q, &x->r17, &x->d17))
            return 0;
        if (q >= hi) {
            k++;
        } else if (q < lo) {
            k--;
        } else {
            x->e = k;
            x->q17 = (unsigned long long)q;
            return 1;
        }
    }
    return 0;
}

/* x rounded half to even to p digits (1..17), exactly, from its first 17 digits. */
static struct numfmt_dec numfmt_x_round(const struct numfmt_x *x, int p)
{
    struct numfmt_dec d = { 0, p, x->e };
    unsigned long long q;
    int up;
    if (p == 17) {
        q = x->q17;
        up = x->r17 > x->d17 - x->r17 || (x->r17 == x->d17 - x->r17 && (q & 1));
    } else {
        unsigned long long t = numfmt_pow10(17 - p), rest = x->q17 % t, half = t / 2;
        q = x->q17 / t;
        up = rest > half || (rest == half && (x->r17 != 0 || (q & 1)));
    }
    q += (unsigned long long)up;
    if (q == numfmt_pow10(p)) { /* 9.99.. rounded up to 10.0.. */
        q /= 10;
        d.exp++;
    }
    d.mant = q;
    return d;
}

/* The scale j of d's last digit. */
static int numfmt_x_j(struct numfmt_dec d)
{
    return d.exp - d.ndig + 1;
}

/* numfmt_try the exact way: 1 found, 0 none, -1 out of range. */
static int numfmt_x_try(const struct numfmt_x *x, int p, struct numfmt_dec *out)
{
    struct numfmt_dec d = numfmt_x_round(x, p), other;
    int side, w;
    if ((w = numfmt_x_where(x, d.mant, numfmt_x_j(d), &side)) == 2)
        return -1;
    if (w == 0) {
        *out = d;
        return 1;
    }
    if (p < 17 && side != 0) {
        other = numfmt_step(d, side < 0 ? 1 : -1);
        if ((w = numfmt_x_where(x, other.mant, numfmt_x_j(other), &side)) == 2)
            return -1;
        if (w == 0) {
            *out = other;
            return 1;
        }
    }
    return 0;
}

/* numfmt_shortest the exact way. 0 when out of range. */
static int numfmt_x_shortest(double ax, struct numfmt_dec *out)
{
    struct numfmt_x x;
    struct numfmt_dec d, best;
    int lo = 1, hi = 15, r;
    if (!numfmt_x_split(ax, &x) || !numfmt_x_digits(&x, ax))
        return 0;
    if ((r = numfmt_x_try(&x, 15, &best)) < 0)
        return 0;
    if (r == 0) {
        if ((r = numfmt_x_try(&x, 16, &d)) < 0)
            return 0;
        if (r == 1) {
            *out = d;
            return 1;
        }
        return numfmt_x_try(&x, 17, out) == 1;
    }
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if ((r = numfmt_x_try(&x, mid, &d)) < 0)
            return 0;
        if (r == 1) {
            hi = mid;
            best = d;
        } else {
            lo = mid + 1;
        }
    }
    *out = best;
    return 1;
}

/* numfmt_round the exact way. 0 when out of range. */
static int numfmt_x_round_p(double ax, int p, struct numfmt_dec *out)
{
    struct numfmt_x x;
    if (!numfmt_x_split(ax, &x) || !numfmt_x_digits(&x, ax))
        return 0;
    *out = numfmt_x_round(&x, p);
    return 1;
}

/* ---- the libc way ---- */

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
    char dig[24], rev[24];
    int n = 0, k = 0, e = d.exp;
    unsigned long long m = d.mant;

    do
        rev[k++] = (char)('0' + m % 10);
    while ((m /= 10) > 0);
    while (k > 0)
        dig[n++] = rev[--k];
    dig[n] = '\0';
    if (e >= -4 && e < 16) {
        if (e < 0) {
            *out++ = '0';
            *out++ = '.';
            for (int i = 0; i < -e - 1; i++)
                *out++ = '0';
            memcpy(out, dig, (size_t)n + 1);
        } else if (n <= e + 1) {
            memcpy(out, dig, (size_t)n);
            out += n;
            for (int i = 0; i < e + 1 - n; i++)
                *out++ = '0';
            memcpy(out, ".0", 3);
        } else {
            memcpy(out, dig, (size_t)e + 1);
            out += e + 1;
            *out++ = '.';
            memcpy(out, dig + e + 1, (size_t)(n - e));
        }
    } else {
        int a = e < 0 ? -e : e;
        *out++ = dig[0];
        if (n > 1) {
            *out++ = '.';
            memcpy(out, dig + 1, (size_t)n - 1);
            out += n - 1;
        }
        *out++ = 'e';
        *out++ = e < 0 ? '-' : '+';
        if (a >= 100)
            *out++ = (char)('0' + a / 100);
        *out++ = (char)('0' + a / 10 % 10);
        *out++ = (char)('0' + a % 10);
        *out = '\0';
    }
}

/* Formats x; exact: take the exact integer way where it applies. */
static char *numfmt_format(char *buf, double x, int digits, int exact)
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
    if (digits >= 1 && digits <= 17) {
        if (!exact || !numfmt_x_round_p(fabs(x), digits, &d))
            d = numfmt_round(fabs(x), digits);
    } else if (!exact || !numfmt_x_shortest(fabs(x), &d)) {
        d = numfmt_shortest(fabs(x));
    }
    while (d.ndig > 1 && d.mant % 10 == 0) {
        d.mant /= 10;
        d.ndig--;
    }
    numfmt_layout(out, d);
    return buf;
}

/* See numfmt.h. */
char *numfmt_double(char *buf, double x, int digits)
{
    return numfmt_format(buf, x, digits, 1);
}

/* See numfmt.h. */
char *numfmt_double_libc(char *buf, double x, int digits)
{
    return numfmt_format(buf, x, digits, 0);
}
