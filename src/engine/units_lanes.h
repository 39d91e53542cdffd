/*
** units_lanes.h: the rows and the back substitution of one tile of units (units_step.c),
** written once for a lane width. units_step.c includes it once per width: UL_W lanes of an
** interleaved row in one GCC vector value, UL(name) the functions' names, UL_ATTR their
** attributes, UL_GATHER(x, q) the value of x[q[c]] for each lane c.
**
** A lane's row goes down its section in registers, so no row is read back from memory right
** after its lanes were written apart. A unit's SOLVE_W lanes go as SOLVE_W / UL_W values;
** every operation is the scalar one, lane by lane, so the width changes no bit. Eight lanes
** in one value are one AVX-512 register (half the instructions of two AVX2 ones: tree 16.3
** -> 15.9 ns per compartment-step), but split through the stack in an AVX2 build: that one
** takes 4.
*/

typedef double UL(lanes) __attribute__((vector_size(UL_W * sizeof(double))));
/* the same, for loads and stores at any double's address */
typedef double UL(lanes_at) __attribute__((vector_size(UL_W * sizeof(double)), aligned(8),
                                           may_alias));
#define lanes UL(lanes)
#define LD(p) (*(const UL(lanes_at) *)(p))
#define ST(p, x) (*(UL(lanes_at) *)(p) = (x))
_Static_assert(SOLVE_W % UL_W == 0, "a unit's lanes are whole values");

/* Node i's axial operations on its own row (its parent's row gets its term later). */
static inline void UL(axial_own)(struct axial_arrays x, int i, int p, double cfac)
{
    double dv = x.v[p] - x.v[i];
    x.rhs[i] -= x.b[i] * dv;
    double dd = x.d[i] + cfac * x.cm[i];
    x.d[i] = dd - x.b[i];
}

/* Node i's term in its parent p's row. */
static inline void UL(axial_up)(struct axial_arrays x, int i, int p)
{
    double dv = x.v[p] - x.v[i];
    x.rhs[p] += x.a[i] * dv;
    x.d[p] -= x.a[i];
}

/* The rows of tile t after its currents: capacitance and axial terms, then the elimination
** of its nodes, children in later tiles first. */
UL_ATTR static void UL(tile_rows)(nrn_model *m, const struct units_plan *p, const struct tile *t,
                      double cfac)
{
    struct axial_arrays x = { m->rhs, m->d, m->v, m->a, m->b, m->cm };
    double *restrict rhs = m->rhs, *restrict d = m->d;
    const double *restrict a = m->a, *restrict b = m->b;
    const int *parent = m->parent;
    int lo = t->lo;
    if (lo == 0)
        for (int i = 0; i < m->ncell; i++)
            d[i] += cfac * m->cm[i];
    for (int k = t->k0; k < t->k1; k++) {
        const struct tail_unit *u = &m->units[k];
        if (!u->nseg) {
            for (int i = u->lo; i < u->hi; i++) {
                int q = parent[i];
                if (q >= lo)
                    axial_node(x, i, q, 1, cfac);
                else
                    UL(axial_own)(x, i, q, cfac);
            }
            continue;
        }
        /* axial_node down the lanes: a row's own term, then its next row's term in it */
        for (int h = 0; h < SOLVE_W; h += UL_W) {
            int i0 = u->lo + h;
            lanes vi = LD(x.v + i0), dv = UL_GATHER(x.v, u->lanepar + h) - vi;
            lanes r = LD(x.rhs + i0) - LD(x.b + i0) * dv;
            lanes dd = (LD(x.d + i0) + cfac * LD(x.cm + i0)) - LD(x.b + i0);
            for (int j = 1; j <= u->nseg; j++, i0 += SOLVE_W) {
                int i1 = i0 + SOLVE_W;
                lanes vc = LD(x.v + i1), ai = LD(x.a + i1), bi = LD(x.b + i1);
                dv = vi - vc;
                ST(x.rhs + i0, r + ai * dv);
                ST(x.d + i0, dd - ai);
                r = LD(x.rhs + i1) - bi * dv;
                dd = (LD(x.d + i1) + cfac * LD(x.cm + i1)) - bi;
                vi = vc;
            }
            ST(x.rhs + i0, r);
            ST(x.d + i0, dd);
        }
        /* the first nodes' terms in their parents' rows one by one (siblings share one),
        ** where some parent is in the tile */
        if (p->uin[k])
            for (int c = 0; c < SOLVE_W; c++)
                if (u->lanepar[c] >= lo)
                    UL(axial_up)(x, u->lo + c, u->lanepar[c]);
    }
    /* the children in later tiles (edge_ops): terms forward, folds backward */
    const struct edge_op *ops = p->ops;
    for (int o = t->o0; o < t->o1; o++) {
        const struct edge_op *q = &ops[o];
        if (q->n == 1) {
            UL(axial_up)(x, q->ch[0], q->p);
            continue;
        }
        for (int h = 0; h < SOLVE_W; h += UL_W) {
            int i0 = q->p + h;
            lanes ai = UL_GATHER(a, q->ch + h), dv = LD(x.v + i0) - UL_GATHER(x.v, q->ch + h);
            ST(rhs + i0, LD(rhs + i0) + ai * dv);
            ST(d + i0, LD(d + i0) - ai);
        }
    }
    for (int o = t->o1 - 1; o >= t->o0; o--) {
        const struct edge_op *q = &ops[o];
        if (q->n == 1) {
            elim_node(rhs, d, a, b, q->ch[0], q->p);
            continue;
        }
        for (int h = 0; h < SOLVE_W; h += UL_W) {
            int i0 = q->p + h;
            const int *ch = q->ch + h;
            lanes f = UL_GATHER(a, ch) / UL_GATHER(d, ch);
            ST(d + i0, LD(d + i0) - f * UL_GATHER(b, ch));
            ST(rhs + i0, LD(rhs + i0) - f * UL_GATHER(rhs, ch));
        }
    }
    for (int k = t->k1 - 1; k >= t->k0; k--) {
        const struct tail_unit *u = &m->units[k];
        if (!u->nseg) {
            for (int i = u->hi - 1; i >= u->lo; i--)
                if (parent[i] >= lo)
                    elim_node(rhs, d, a, b, i, parent[i]);
            continue;
        }
        /* elim_node up the lanes, the row folded in kept in registers; then, where some
        ** parent is in the tile, the first row into the parents, its division as a vector,
        ** siblings the last first as NEURON (the others' edge_ops fold theirs) */
        double fb[SOLVE_W], fr[SOLVE_W];
        int in = p->uin[k];
        for (int h = 0; h < SOLVE_W; h += UL_W) {
            int i0 = u->lo + u->nseg * SOLVE_W + h;
            lanes dd = LD(d + i0), rr = LD(rhs + i0);
            for (int j = u->nseg; j >= 1; j--, i0 -= SOLVE_W) {
                lanes f = LD(a + i0) / dd;
                dd = LD(d + i0 - SOLVE_W) - f * LD(b + i0);
                rr = LD(rhs + i0 - SOLVE_W) - f * rr;
                ST(d + i0 - SOLVE_W, dd);
                ST(rhs + i0 - SOLVE_W, rr);
            }
            if (in) {
                lanes f = LD(a + i0) / dd;
                ST(fb + h, f * LD(b + i0));
                ST(fr + h, f * rr);
            }
        }
        for (int c = SOLVE_W - 1; c >= 0 && in; c--)
            if (u->lanepar[c] >= lo) {
                d[u->lanepar[c]] -= fb[c];
                rhs[u->lanepar[c]] -= fr[c];
            }
    }
}

/* The back substitution and v update of tile t (the roots' too in tile 0); 1 if some v is
** no longer finite. */
UL_ATTR static int UL(tile_update)(nrn_model *m, const struct tile *t, double k2)
{
    double *restrict rhs = m->rhs, *restrict v = m->v;
    const double *restrict d = m->d, *restrict b = m->b;
    const int *parent = m->parent;
    int bad = 0;
    lanes nonfinite = { 0 };
    if (t->lo == 0)
        for (int i = 0; i < m->ncell; i++) {
            rhs[i] /= d[i];
            v[i] += k2 * rhs[i];
            bad |= !(fabs(v[i]) <= DBL_MAX);
        }
    for (int k = t->k0; k < t->k1; k++) {
        const struct tail_unit *u = &m->units[k];
        if (!u->nseg) {
            for (int i = u->lo; i < u->hi; i++)
                bad |= update_node(rhs, v, d, b, i, parent[i], k2);
            continue;
        }
        /* update_node down the lanes, the parent row's change kept in registers */
        for (int h = 0; h < SOLVE_W; h += UL_W) {
            lanes prev = UL_GATHER(rhs, u->lanepar + h);
            for (int i0 = u->lo + h; i0 < u->hi; i0 += SOLVE_W) {
                lanes r = LD(rhs + i0) - LD(b + i0) * prev;
                r /= LD(d + i0);
                ST(rhs + i0, r);
                lanes vv = LD(v + i0) + k2 * r;
                ST(v + i0, vv);
                nonfinite += vv - vv; /* 0 while finite, then NaN */
                prev = r;
            }
        }
    }
    for (int c = 0; c < UL_W; c++)
        bad |= nonfinite[c] != nonfinite[c];
    return bad;
}

#undef lanes
#undef LD
#undef ST
