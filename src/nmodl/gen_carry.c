/*
** gen_carry.c: does a mechanism carry a value from one call to a later one in a GLOBAL it
** writes (or a file LOCAL)? hh.mod's minf is written by rates() and read right after, by
** the same instance in the same call: replicas of one model (nrn-sweep's batches) may
** share it. A counter `n = n + 1` in a GLOBAL reads what an earlier call left: each
** separate NEURON run has its own, so replicas must not share it (THREADSAFE makes it
** each thread's own, not each replica's). The test follows the entry blocks (INITIAL,
** BREAKPOINT with what it SOLVEs, NET_RECEIVE, BEFORE/AFTER) statement by statement,
** into the PROCEDUREs and FUNCTIONs they call, with the set of such variables certainly
** written so far; a read outside that set carries. Branches keep what both write, loops
** what was written before them. VERBATIM is not looked into. A GLOBAL whose every
** assignment computes the same value in every replica (from numbers, constants, GLOBAL
** parameters nothing writes, t, dt, celsius: AMPA's Rinf = Alpha/(Alpha + Beta) in
** INITIAL) may be shared all the same.
*/
#include <string.h>
#include "gen.h"

struct carry {
    struct nm_mech *m;
    int depth;     /* call nesting (recursion stops at a limit, as carrying) */
    int found;
};

/* The variable of name if it is a GLOBAL or file LOCAL the code writes, else -1. */
static int shared_written(struct nm_mech *m, const char *name)
{
    struct nm_var *v = sema_lookup(m, name);
    if (!v || !v->written ||
        !(v->where == W_GLOBAL || (v->where == W_CONST && v->decl == NM_LOCAL)))
        return -1;
    return (int)(v - m->var);
}

/* Is the variable e the same in every replica: a constant, a GLOBAL nothing writes, t? */
static int var_same(struct nm_mech *m, const nm_node *e)
{
    const struct nm_var *v = sema_lookup(m, e->text);
    if (e->n || e->ival)
        return 0;
    if (!v)
        return !strcmp(e->text, "t") || !strcmp(e->text, "dt") || !strcmp(e->text, "celsius");
    return (v->where == W_CONST && v->decl != NM_LOCAL) || (v->where == W_GLOBAL && !v->written);
}

/* Is e the same in every replica: no instance data, no LOCAL, no user function? */
static int replica_same(struct nm_mech *m, const nm_node *e)
{
    if (e->kind == NM_VAR)
        return var_same(m, e);
    int pure = e->kind == NM_NUM || e->kind == NM_PAREN || e->kind == NM_UNOP ||
               e->kind == NM_BINOP || (e->kind == NM_CALL && !sema_func(m, e->text));
    for (int i = 0; pure && i < e->n; i++)
        pure = replica_same(m, e->kid[i]);
    return pure;
}

/* 1 if some assignment of name under n may differ between replicas. */
static int assigned_apart(struct nm_mech *m, const nm_node *n, const char *name)
{
    if (n->kind == NM_ASSIGN && strcmp(n->kid[0]->text, name) == 0 &&
        !replica_same(m, n->kid[1]))
        return 1;
    for (int i = 0; i < n->n; i++)
        if (n->kid[i] && assigned_apart(m, n->kid[i], name))
            return 1;
    return 0;
}

static const nm_node *block_named(const struct nm_mech *m, const char *name)
{
    for (int i = 0; i < m->root->n; i++) {
        const nm_node *b = m->root->kid[i];
        if (b->text && strcmp(b->text, name) == 0 && b->n > 1 &&
            (b->kind == NM_DERIVATIVE || b->kind == NM_KINETIC || b->kind == NM_LINEAR ||
             b->kind == NM_NONLINEAR || b->kind == NM_PROCEDURE || b->kind == NM_FUNCTION))
            return b;
    }
    return NULL;
}

static void walk(struct carry *c, const nm_node *n, char *done);

static void walk_kids(struct carry *c, const nm_node *n, int from, char *done)
{
    for (int i = from; i < n->n && !c->found; i++)
        if (n->kid[i])
            walk(c, n->kid[i], done);
}

/* The body of a called block, or of the block a SOLVE names. */
static void walk_block(struct carry *c, const nm_node *b, char *done)
{
    if (!b || b->n < 2)
        return;
    if (++c->depth > 16) {
        c->found = 1;
        return;
    }
    walk(c, b->kid[1], done);
    c->depth--;
}

static void walk(struct carry *c, const nm_node *n, char *done)
{
    struct nm_mech *m = c->m;
    int nv = m->nvar, k;
    char a[NM_MAXV], b[NM_MAXV];
    switch (n->kind) {
    case NM_VAR:
        if ((k = shared_written(m, n->text)) >= 0 && !done[k] &&
            assigned_apart(m, m->root, n->text))
            c->found = 1;
        walk_kids(c, n, 0, done); /* an index */
        return;
    case NM_ASSIGN:
        walk(c, n->kid[1], done);
        walk_kids(c, n->kid[0], 0, done);
        if ((k = shared_written(m, n->kid[0]->text)) >= 0)
            done[k] = 1;
        return;
    case NM_CALL: {
        walk_kids(c, n, 0, done);
        const struct nm_func *f = sema_func(m, n->text);
        if (f)
            walk_block(c, f->node, done);
        return;
    }
    case NM_SOLVE:
        walk_block(c, block_named(m, n->text), done);
        return;
    case NM_IF:
        walk(c, n->kid[0], done);
        memcpy(a, done, (size_t)nv);
        memcpy(b, done, (size_t)nv);
        walk(c, n->kid[1], a);
        if (n->n > 2)
            walk(c, n->kid[2], b);
        for (int i = 0; i < nv; i++)
            done[i] = a[i] && b[i];
        return;
    case NM_WHILE: case NM_FROM: case NM_FOR_NETCONS:
        memcpy(a, done, (size_t)nv);
        walk_kids(c, n, 0, a);
        return;
    case NM_VERBATIM: case NM_TABLE: case NM_LOCAL: case NM_LAG:
        return;
    default:
        walk_kids(c, n, 0, done);
        return;
    }
}

int gen_global_carried(struct nm_mech *m)
{
    struct carry c = { .m = m };
    for (int i = 0; i < m->root->n && !c.found; i++) {
        const nm_node *b = m->root->kid[i];
        if (b->kind != NM_INITIAL && b->kind != NM_BREAKPOINT && b->kind != NM_NET_RECEIVE &&
            b->kind != NM_BEFORE && b->kind != NM_AFTER)
            continue;
        char done[NM_MAXV] = { 0 };
        if (b->n > 1)
            walk(&c, b->kid[1], done);
    }
    return c.found;
}
