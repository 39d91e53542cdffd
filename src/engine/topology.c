/*
** topology.c: NEURON's h.topology() text and h.distance(), computed from the section
** tree alone (no compiled form needed).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nrn_int.h"

/* A growing string. */
struct sbuf {
    char *s;
    size_t n, cap;
    int oom;
};

static void sb_add(struct sbuf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = (b->cap ? 2 * b->cap : 256) + n;
        char *p = realloc(b->s, cap);
        if (!p) {
            b->oom = 1;
            return;
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = 0;
}

static void sb_rep(struct sbuf *b, char c, int n)
{
    for (int i = 0; i < n; i++)
        sb_add(b, &c, 1);
}

/*
** Index of the node at x of section p as NEURON's node_index_exact: -1 for the
** attached end, nseg for the free end, else the segment (mirrored when reversed).
*/
static int node_index_exact(const struct section *p, double x)
{
    if (x == p->childend)
        return -1;
    if (x == 1 - p->childend)
        return p->nseg;
    return model_segment_of(p, x);
}

/* One section's line, then its children from the last in the sibling list to the first. */
static void dashes(const nrn_model *m, const struct section *s, int offset, char first,
                   struct sbuf *b)
{
    char line[600];
    int o = (int)s->childend;
    sb_rep(b, ' ', offset);
    sb_add(b, &first, 1);
    sb_rep(b, '-', s->nseg - 1);
    if (s->rallbranch == 1)
        snprintf(line, sizeof line, "|       %s(%d-%d)\n", s->name, o, 1 - o);
    else
        snprintf(line, sizeof line, "|       %s(%d-%d) with %g rall branches\n", s->name, o,
                 1 - o, s->rallbranch);
    sb_add(b, line, strlen(line));
    for (int k = s->nchild - 1; k >= 0; k--) {
        const struct section *c = m->secs[s->child[k]];
        int i = node_index_exact(s, c->parentx);
        sb_add(b, " ", 1);
        dashes(m, c, i + offset + 1, '`', b);
    }
}

char *nrn_topology(nrn_model *m)
{
    struct sbuf b = { 0 };
    sb_add(&b, "\n", 1);
    for (int i = 0; i < m->nsec; i++) {
        const struct section *s = m->secs[i];
        if (s->parent >= 0)
            continue;
        sb_add(&b, "|", 1);
        dashes(m, s, 0, '-', &b);
    }
    sb_add(&b, "\n", 1);
    if (b.oom) {
        free(b.s);
        model_err(m, NRN_ENOMEM, "out of memory");
        return NULL;
    }
    return b.s;
}

/* ---- distance ---- */

/* A point of the tree: a section and a distance from its attached end. */
struct loc {
    int sec;
    double pos;
};

/* Where the node of s(x) is (spec 1.7): segment centres, the free end, or for the
** attached end the parent node, which belongs to the parent section. */
static struct loc node_loc(const nrn_model *m, int sec, double x)
{
    const struct section *s = m->secs[sec];
    int i = node_index_exact(s, x);
    if (i < 0) {
        if (s->parent < 0)
            return (struct loc){ sec, 0 };
        return node_loc(m, s->parent, s->parentx);
    }
    if (i == s->nseg)
        return (struct loc){ sec, s->L };
    /* node_index_exact mirrored reversed sections; pnode[i] lies (i+0.5)/n from the
    ** attached end in both orientations */
    return (struct loc){ sec, s->L * ((i + 0.5) / s->nseg) }; /* NEURON: L * ratio */
}

int nrn_distance(nrn_model *m, int sec0, double x0, int sec1, double x1, double *d)
{
    int rc;
    if ((rc = model_check_sec(m, sec0)) || (rc = model_check_sec(m, sec1)))
        return rc;
    if (!(x0 >= 0 && x0 <= 1) || !(x1 >= 0 && x1 <= 1))
        return model_err(m, NRN_EINVAL, "x must be in [0,1]");
    struct loc a = node_loc(m, sec0, x0), b = node_loc(m, sec1, x1);
    /* Climb from a, recording the cost to reach each ancestor section. */
    double cost_a = 0;
    for (struct loc p = a;;) {
        double cost_b = 0;
        for (struct loc q = b;;) {
            if (q.sec == p.sec) {
                double dd = p.pos - q.pos;
                *d = cost_a + cost_b + (dd < 0 ? -dd : dd);
                return NRN_OK;
            }
            const struct section *s = m->secs[q.sec];
            if (s->parent < 0)
                break;
            cost_b += q.pos;
            q = node_loc(m, s->parent, s->parentx);
        }
        const struct section *s = m->secs[p.sec];
        if (s->parent < 0)
            break;
        cost_a += p.pos;
        p = node_loc(m, s->parent, s->parentx);
    }
    return model_err(m, NRN_EINVAL, "%s and %s are in different cells", m->secs[sec0]->name,
                     m->secs[sec1]->name);
}

/* Breadth first from sec, using ids itself as the queue. */
int nrn_subtree(nrn_model *m, int sec, int *ids, int *n)
{
    int rc = model_check_sec(m, sec);
    if (rc)
        return rc;
    int count = 0;
    ids[count++] = sec;
    for (int head = 0; head < count; head++) {
        const struct section *s = m->secs[ids[head]];
        for (int k = 0; k < s->nchild; k++)
            ids[count++] = s->child[k];
    }
    *n = count;
    return NRN_OK;
}
