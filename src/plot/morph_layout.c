/*
** morph_layout.c: the geometry of a model read by morph.c: the section tree (connections in
** file order, NEURON's sibling order, the tree order nodes are numbered in); NEURON's
** define_shape for sections without points; the pieces a picture is drawn from; node
** positions, paths and distances as NEURON's distance().
**
** define_shape (NEURON 8.2.2 nrn_define_shape, spec 1.6), in tree order: a root at position i
** of that order starts at (0, 0, 100 i) pointing along +x; a child starts on the straight line
** between its parent's first and last points at its attachment position, pointing along the
** parent (reversed if it attaches in the parent's first half), turned by 90 degrees if it
** attaches inside (0 < x < 1), and spread by 0.8 rad over siblings at the same position. The
** arithmetic keeps NEURON's float and double steps (and the float overloads of atan2, cos and
** sin that its C++ picks) so the points agree with NEURON's to the last bit.
**
** A child that has points of its own is moved so its first point is at the attachment point
** only when its parent was laid out here (then its coordinates cannot be related to the
** parent's); otherwise it stays where the file puts it. NEURON moves every such child, except
** that Import3d "wires" a morphology's soma children (pt3dstyle) so they stay: the model CSV
** does not keep wires, and this rule gives NEURON's picture for imported morphologies and for
** models whose points are consistent.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plot.h"
#include "morph_int.h"

#define MORPH_PI 3.14159265358979323846

/* ---- the tree ---- */

/* Position of a child on its parent from the parent's 0-end: NEURON's sibling sort key. */
static double morph_child_key(const struct morph *m, const struct morph_sec *c)
{
    return m->sec[c->parent].childend == 1 ? 1 - c->parentx : c->parentx;
}

/* Removes child c from its parent's list. */
static void morph_unlink(struct morph *m, int c)
{
    struct morph_sec *s = &m->sec[c], *p;
    int k;
    if (s->parent < 0)
        return;
    p = &m->sec[s->parent];
    for (k = 0; k < p->nchild; k++)
        if (p->child[k] == c) {
            memmove(p->child + k, p->child + k + 1, sizeof(int) * (size_t)(p->nchild - k - 1));
            p->nchild--;
            break;
        }
    s->parent = -1;
}

/* Applies the connect rows in file order, as NEURON's connect would. */
int morph_layout_connect(struct morph *m, const struct morph_conn *conn, int nconn)
{
    int i, a, at;
    for (i = 0; i < nconn; i++) {
        const struct morph_conn *c = &conn[i];
        struct morph_sec *s = &m->sec[c->child], *p = &m->sec[c->parent];
        int *ch;
        double key;
        for (a = c->parent; a >= 0; a = m->sec[a].parent)
            if (a == c->child)
                return morph_fail(m, c->line, "connecting %s to %s would make a loop", s->name,
                                  p->name);
        morph_unlink(m, c->child);
        ch = realloc(p->child, sizeof(int) * (size_t)(p->nchild + 1));
        if (!ch)
            return morph_fail(m, c->line, "out of memory");
        p->child = ch;
        s->parent = c->parent;
        s->parentx = c->x;
        s->childend = c->end;
        key = morph_child_key(m, s);
        for (at = 0; at < p->nchild && morph_child_key(m, &m->sec[p->child[at]]) < key; at++)
            ;
        memmove(p->child + at + 1, p->child + at, sizeof(int) * (size_t)(p->nchild - at));
        p->child[at] = c->child;
        p->nchild++;
    }
    return 0;
}

/* Sections in tree order: roots in creation order, then breadth first along sibling lists. */
int morph_layout_order(struct morph *m)
{
    int n = 0, k, c, i;
    m->order = malloc((size_t)(m->nsec ? m->nsec : 1) * sizeof *m->order);
    m->seg0 = malloc((size_t)(m->nsec ? m->nsec : 1) * sizeof *m->seg0);
    if (!m->order || !m->seg0)
        return morph_fail(m, 0, "out of memory");
    for (i = 0; i < m->nsec; i++)
        if (m->sec[i].parent < 0)
            m->order[n++] = i;
    for (k = 0; k < n; k++)
        for (c = 0; c < m->sec[m->order[k]].nchild; c++)
            m->order[n++] = m->sec[m->order[k]].child[c];
    m->nseg_total = 0;
    for (k = 0; k < m->nsec; k++) {
        m->seg0[m->order[k]] = m->nseg_total;
        m->nseg_total += m->sec[m->order[k]].nseg;
    }
    return 0;
}

/* Appends a point, rounded to floats as NEURON's stor_pt3d stores it. */
static int morph_store_pt(struct morph_sec *s, double x, double y, double z, double d)
{
    if (s->npt == s->capt) {
        int cap = s->capt ? 2 * s->capt : 8;
        float *p = realloc(s->pt, (size_t)cap * 4 * sizeof *p);
        if (!p)
            return -1;
        s->pt = p;
        s->capt = cap;
    }
    s->pt[4 * s->npt] = (float)x;
    s->pt[4 * s->npt + 1] = (float)y;
    s->pt[4 * s->npt + 2] = (float)z;
    s->pt[4 * s->npt + 3] = (float)d;
    s->npt++;
    return 0;
}

/* Cumulative arc lengths (spec 1.5: differences rounded to float, sums in double). */
int morph_layout_arcs(struct morph_sec *s)
{
    int i;
    free(s->arc);
    s->arc = malloc((size_t)(s->npt ? s->npt : 1) * sizeof *s->arc);
    if (!s->arc)
        return -1;
    s->arc[0] = 0;
    for (i = 1; i < s->npt; i++) {
        const float *a = s->pt + 4 * (i - 1), *b = s->pt + 4 * i;
        double t1 = (float)(b[0] - a[0]), t2 = (float)(b[1] - a[1]), t3 = (float)(b[2] - a[2]);
        s->arc[i] = s->arc[i - 1] + sqrt(t1 * t1 + t2 * t2 + t3 * t3);
    }
    return 0;
}

/* NEURON's define_shape over the tree order; see the top of the file. */
int morph_layout_shape(struct morph *m)
{
    int i, j;
    for (i = 0; i < m->nsec; i++) {
        struct morph_sec *s = &m->sec[m->order[i]], *ps = s->parent >= 0 ? &m->sec[s->parent] : NULL;
        float x, y, z, x1, y1, angle, nch = 0, ich = 0;
        double arc = s->parent >= 0 ? s->parentx : 0, len;
        if (!ps) {
            x = 0;
            y = 0;
            z = (float)(i * 100.0);
            x1 = 1;
            y1 = 0;
        } else {
            const float *p0 = ps->pt, *pn = ps->pt + 4 * (ps->npt - 1);
            double arc1 = ps->childend == 0 ? arc : 1. - arc;
            x1 = pn[0] - p0[0];
            y1 = pn[1] - p0[1];
            if (arc1 < .5) {
                x1 = -x1;
                y1 = -y1;
            }
            x = (float)(pn[0] * arc1 + p0[0] * (1 - arc1));
            y = (float)(pn[1] * arc1 + p0[1] * (1 - arc1));
            z = (float)(pn[2] * arc1 + p0[2] * (1 - arc1));
        }
        if (s->npt > 0) {
            if (ps && ps->laid_out) {
                float dx = x - s->pt[0], dy = y - s->pt[1], dz = z - s->pt[2];
                for (j = 0; j < s->npt; j++) {
                    s->pt[4 * j] += dx;
                    s->pt[4 * j + 1] += dy;
                    s->pt[4 * j + 2] += dz;
                }
            }
            continue;
        }
        if (fabs(y1) < 1e-6 && fabs(x1) < 1e-6)
            angle = 0.;
        else
            angle = atan2f(y1, x1); /* C++ picks the float overloads */
        if (arc > 0. && arc < 1.)
            angle = (float)(angle + MORPH_PI / 2.);
        if (ps)
            for (j = 0; j < ps->nchild; j++) {
                if (ps->child[j] == m->order[i])
                    ich = nch;
                if (arc == m->sec[ps->child[j]].parentx)
                    ++nch;
            }
        if (nch > 1)
            angle = (float)(angle + (ich / (nch - 1.) * .8 - .4));
        len = s->L;
        x1 = (float)(x + len * cosf(angle));
        y1 = (float)(y + len * sinf(angle));
        s->laid_out = 1;
        if (morph_store_pt(s, x, y, z, s->diam[0]) != 0)
            return morph_fail(m, 0, "out of memory");
        for (j = 0; j < s->nseg; j++) {
            double frac = ((double)j + .5) / (double)s->nseg;
            if (morph_store_pt(s, x * (1 - frac) + x1 * frac, y * (1 - frac) + y1 * frac, z,
                               s->diam[j]) != 0)
                return morph_fail(m, 0, "out of memory");
        }
        if (morph_store_pt(s, x1, y1, z, s->diam[s->nseg - 1]) != 0 || morph_layout_arcs(s) != 0)
            return morph_fail(m, 0, "out of memory");
        s->arc[s->npt - 1] = len; /* NEURON: no length change from rounding */
    }
    return 0;
}

/* ---- locations, pieces, distances ---- */

int morph_node_index(const struct morph_sec *s, double x)
{
    if (x == s->childend)
        return -1;
    if (x == 1 - s->childend)
        return s->nseg;
    return morph_seg_at(s->nseg, s->childend == 1 ? 1 - x : x);
}

int morph_parse_loc(const struct morph *m, const char *ref, double *x, char *var, size_t varsize)
{
    const char *close = NULL, *open = NULL, *p, *dot;
    char name[512], num[64], *end;
    size_t n;
    *x = 0.5;
    if (varsize)
        var[0] = '\0';
    /* "SEC(X)" or "SEC(X).VAR": the last ")" that ends the text or is followed by "." */
    for (p = ref; *p; p++)
        if (*p == ')' && (p[1] == '\0' || p[1] == '.'))
            close = p;
    if (close) {
        for (p = close; p > ref; p--)
            if (p[-1] == '(') {
                open = p - 1;
                break;
            }
        if (!open || open == ref || (size_t)(close - open - 1) >= sizeof num)
            return -2;
        n = (size_t)(close - open - 1);
        memcpy(num, open + 1, n);
        num[n] = '\0';
        *x = strtod(num, &end);
        if (n == 0 || *end != '\0' || !(*x >= 0 && *x <= 1))
            return -2;
        if (close[1] == '.' && varsize)
            snprintf(var, varsize, "%s", close + 2);
        n = (size_t)(open - ref);
    } else {
        /* "SEC" or "SEC.VAR": the longest prefix that names a section */
        n = strlen(ref);
        if (n < sizeof name) {
            memcpy(name, ref, n + 1);
            if (morph_find(m, name) >= 0)
                return morph_find(m, name);
        }
        for (dot = ref + n; dot > ref; dot--)
            if (*dot == '.' && (size_t)(dot - ref) < sizeof name) {
                memcpy(name, ref, (size_t)(dot - ref));
                name[dot - ref] = '\0';
                if (morph_find(m, name) >= 0) {
                    if (varsize)
                        snprintf(var, varsize, "%s", dot + 1);
                    return morph_find(m, name);
                }
            }
        return strchr(ref, '(') ? -2 : -1;
    }
    if (n >= sizeof name)
        return -1;
    memcpy(name, ref, n);
    name[n] = '\0';
    return morph_find(m, name);
}

/* Interpolates the polyline of s at arc position t (index hint *j moves forward). */
static void morph_at_arc(const struct morph_sec *s, double t, int *j, double out[3])
{
    double a0, a1, f;
    int q;
    while (*j < s->npt - 2 && s->arc[*j + 1] < t)
        (*j)++;
    a0 = s->arc[*j];
    a1 = s->arc[*j + 1];
    f = a1 > a0 ? (t - a0) / (a1 - a0) : 0;
    if (f < 0)
        f = 0;
    if (f > 1)
        f = 1;
    for (q = 0; q < 3; q++)
        out[q] = s->pt[4 * *j + q] + f * (s->pt[4 * (*j + 1) + q] - s->pt[4 * *j + q]);
}

int morph_pieces(const struct morph *m, struct morph_piece **out)
{
    int n = 0, cap = 0, i;
    struct morph_piece *pc = NULL;
    for (i = 0; i < m->nsec; i++) {
        const struct morph_sec *s = &m->sec[m->order[i]];
        double total = s->arc[s->npt - 1], ds = total / s->nseg;
        int seg, j = 0;
        for (seg = 0; seg < s->nseg; seg++) {
            double t0 = seg * ds, t1 = seg == s->nseg - 1 ? total : (seg + 1) * ds, pos[3];
            int k, jend;
            /* pieces: from t0 through every 3-D point inside (t0, t1) to t1 */
            morph_at_arc(s, t0, &j, pos);
            for (jend = j + 1;; jend++) {
                double next[3], d0, d1;
                int last = jend >= s->npt - 1 || s->arc[jend] >= t1;
                struct morph_piece *p;
                if (last) {
                    int jj = j;
                    morph_at_arc(s, t1, &jj, next);
                } else {
                    for (k = 0; k < 3; k++)
                        next[k] = s->pt[4 * jend + k];
                }
                if (n == cap) {
                    int c2 = cap ? 2 * cap : 256;
                    struct morph_piece *q = realloc(pc, (size_t)c2 * sizeof *q);
                    if (!q) {
                        free(pc);
                        return -1;
                    }
                    pc = q;
                    cap = c2;
                }
                p = &pc[n++];
                memcpy(p->a, pos, sizeof pos);
                memcpy(p->b, next, sizeof next);
                d0 = fabs(s->pt[4 * (jend - 1) + 3]);
                d1 = fabs(s->pt[4 * (jend < s->npt ? jend : s->npt - 1) + 3]);
                p->diam = d0 > d1 ? d0 : d1;
                p->sec = m->order[i];
                p->seg = seg;
                memcpy(pos, next, sizeof pos);
                if (last)
                    break;
            }
        }
    }
    *out = pc;
    return n;
}

/* A point of the tree: a section and a distance from its attached end. */
struct morph_loc {
    int sec;
    double pos;
};

/* Where the node of s(x) is (spec 1.7): segment centres, the free end, or for the attached
** end the parent node, which belongs to the parent section. */
static struct morph_loc morph_node_loc(const struct morph *m, int sec, double x)
{
    const struct morph_sec *s = &m->sec[sec];
    int i = morph_node_index(s, x);
    struct morph_loc l;
    if (i < 0) {
        if (s->parent < 0) {
            l.sec = sec;
            l.pos = 0;
            return l;
        }
        return morph_node_loc(m, s->parent, s->parentx);
    }
    l.sec = sec;
    l.pos = i == s->nseg ? s->L : s->L * ((i + 0.5) / s->nseg);
    return l;
}

/* The next location up the tree from l (the parent node of l's section); sec -1 at a root. */
static struct morph_loc morph_up(const struct morph *m, struct morph_loc l)
{
    const struct morph_sec *s = &m->sec[l.sec];
    if (s->parent < 0) {
        l.sec = -1;
        return l;
    }
    return morph_node_loc(m, s->parent, s->parentx);
}

/* The chain of locations from l up to the root. Returns its length, or -1 (no memory). */
static int morph_chain(const struct morph *m, struct morph_loc l, struct morph_loc **out)
{
    int n = 0, cap = 16;
    struct morph_loc *c = malloc((size_t)cap * sizeof *c);
    while (c && l.sec >= 0) {
        if (n == cap) {
            struct morph_loc *q = realloc(c, (size_t)(cap *= 2) * sizeof *q);
            if (!q) {
                free(c);
                return -1;
            }
            c = q;
        }
        c[n++] = l;
        l = morph_up(m, l);
    }
    *out = c;
    return c ? n : -1;
}

/* The two chains and where they meet: ia, ib index the first shared section. */
static int morph_meet(const struct morph *m, int sa, double xa, int sb, double xb,
                      struct morph_loc **ca, int *na, struct morph_loc **cb, int *nb, int *ia,
                      int *ib)
{
    int i, j;
    *na = morph_chain(m, morph_node_loc(m, sa, xa), ca);
    *nb = morph_chain(m, morph_node_loc(m, sb, xb), cb);
    if (*na < 0 || *nb < 0) {
        free(*ca);
        free(*cb);
        *ca = *cb = NULL;
        return -1;
    }
    for (i = 0; i < *na; i++)
        for (j = 0; j < *nb; j++)
            if ((*ca)[i].sec == (*cb)[j].sec) {
                *ia = i;
                *ib = j;
                return 0;
            }
    return -2;
}

int morph_distance(const struct morph *m, int sa, double xa, int sb, double xb, double *d)
{
    struct morph_loc *ca = NULL, *cb = NULL;
    int na, nb, ia, ib, i, rc = morph_meet(m, sa, xa, sb, xb, &ca, &na, &cb, &nb, &ia, &ib);
    if (rc == 0) {
        double cost = fabs(ca[ia].pos - cb[ib].pos);
        for (i = 0; i < ia; i++)
            cost += ca[i].pos;
        for (i = 0; i < ib; i++)
            cost += cb[i].pos;
        *d = cost;
    }
    free(ca);
    free(cb);
    return rc == 0 ? 0 : -1;
}

/* Appends a stop. */
static int morph_stop_add(struct morph_stop **v, int *n, int *cap, int sec, int seg, double d)
{
    if (*n == *cap) {
        int c2 = *cap ? 2 * *cap : 32;
        struct morph_stop *q = realloc(*v, (size_t)c2 * sizeof *q);
        if (!q)
            return -1;
        *v = q;
        *cap = c2;
    }
    (*v)[*n].sec = sec;
    (*v)[*n].seg = seg;
    (*v)[*n].dist = d;
    (*n)++;
    return 0;
}

int morph_path(const struct morph *m, int sa, double xa, int sb, double xb,
               struct morph_stop **out, double *total)
{
    struct morph_loc *ca = NULL, *cb = NULL;
    struct morph_stop *v = NULL;
    int na, nb, ia, ib, i, j, n = 0, cap = 0, rc;
    double cost = 0, dc, tb = 0;
    rc = morph_meet(m, sa, xa, sb, xb, &ca, &na, &cb, &nb, &ia, &ib);
    if (rc != 0) {
        free(ca);
        free(cb);
        return rc == -1 ? -1 : -2;
    }
    /* up from a: in each section below the meeting one, centres from the entry down to 0 */
    for (i = 0; i < ia; i++) {
        const struct morph_sec *s = &m->sec[ca[i].sec];
        for (j = s->nseg - 1; j >= 0; j--) {
            double pos = s->L * ((j + 0.5) / s->nseg);
            if (pos <= ca[i].pos && morph_stop_add(&v, &n, &cap, ca[i].sec, j, cost + ca[i].pos - pos))
                goto oom;
        }
        cost += ca[i].pos;
    }
    /* the meeting section, from a's entry to b's */
    {
        const struct morph_sec *s = &m->sec[ca[ia].sec];
        double pa = ca[ia].pos, pb = cb[ib].pos;
        int up = pb >= pa;
        for (j = 0; j < s->nseg; j++) {
            int k = up ? j : s->nseg - 1 - j;
            double pos = s->L * ((k + 0.5) / s->nseg);
            if (pos >= (up ? pa : pb) && pos <= (up ? pb : pa) &&
                morph_stop_add(&v, &n, &cap, ca[ia].sec, k, cost + fabs(pos - pa)))
                goto oom;
        }
        dc = cost + fabs(pb - pa);
    }
    /* down to b: sections in the reverse order of b's chain, centres from 0 to the exit */
    for (i = 0; i < ib; i++)
        tb += cb[i].pos;
    for (i = ib - 1; i >= 0; i--) {
        const struct morph_sec *s = &m->sec[cb[i].sec];
        double below = 0; /* distance from b up to this section's node cb[i] */
        int q;
        for (q = 0; q < i; q++)
            below += cb[q].pos;
        for (j = 0; j < s->nseg; j++) {
            double pos = s->L * ((j + 0.5) / s->nseg);
            if (pos <= cb[i].pos &&
                morph_stop_add(&v, &n, &cap, cb[i].sec, j, dc + tb - (below + cb[i].pos - pos)))
                goto oom;
        }
    }
    *total = dc + tb;
    free(ca);
    free(cb);
    *out = v;
    return n;
oom:
    free(ca);
    free(cb);
    free(v);
    return -1;
}
