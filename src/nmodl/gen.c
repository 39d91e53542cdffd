/*
** gen.c: writes the C of one mechanism against src/engine/nrn_mech.h: the file frame (the
** access macros, at_time), the parts in their order (tables, constants, FUNCTIONs, the solved
** block, init, cur, state, the CVODE functions, net_receive) and the nrn_mech_type that
** describes it; refuses what this version does not translate.
*/
#include <stdlib.h>
#include <string.h>
#include "gen.h"
#include "oneline.h"
#include "../engine/nrn_mech.h"

/* Top-level items this version does not translate: refused, never dropped. */
static void refuse_unsupported(struct gen *g, const nm_node *n)
{
    for (int i = 0; i < n->n; i++) {
        const nm_node *it = n->kid[i];
        if (it->kind != NM_INCLUDE) /* the file's first problem first */
            verbatim_precheck(g, it, 0);
        switch (it->kind) {
        case NM_INCLUDE:
            refuse_unsupported(g, it);
            break;
        case NM_CONSTRUCTOR: case NM_DESTRUCTOR: case NM_DISCRETE:
            gerr(g, it, "%s blocks are not supported yet", nm_kind_name(it->kind));
        case NM_KINETIC: case NM_DERIVATIVE:
            if (it != g->m->solved)
                gerr(g, it, "%s %s: only a block solved by BREAKPOINT's SOLVE is supported yet",
                     nm_kind_name(it->kind), it->text);
            break;
        default:
            break;
        }
    }
}

/* NEURON's rule: a mechanism that assigns a GLOBAL (or a file-scope LOCAL, a C static) is not
** thread safe unless its NEURON block says THREADSAFE (1). With THREADSAFE each thread has
** its own, but replicas of one model share them: 2 when a value is carried from one call
** to a later one through them (gen_carry.c), so that nrn-sweep does not batch it. LAG: 1. */
static int not_threadsafe(struct nm_mech *m)
{
    int writes = nm_has_kind(m->root, NM_LAG); /* its queues are the model's (gen_lag.c) */
    for (int i = 0; i < m->nvar; i++) {
        const struct nm_var *v = &m->var[i];
        if (v->written && (v->where == W_GLOBAL || (v->where == W_CONST && v->decl == NM_LOCAL)))
            writes = 1;
    }
    if (!writes)
        return 0;
    if (nm_has_kind(m->root, NM_LAG))
        return 1;
    for (int i = 0; i < m->root->n; i++) {
        const nm_node *it = m->root->kid[i];
        for (int j = 0; it->kind == NM_NEURON && j < it->n; j++)
            if (it->kid[j]->kind == NM_THREADSAFE)
                return gen_global_carried(m) ? 2 : 0;
    }
    return 1;
}

/* 1 if the tree under n (but its INITIAL and NET_RECEIVE blocks, which the step does not run)
** holds no VERBATIM, LAG or PROTECT, no random draw and no call of an event or output
** service: what inst_local needs of the code. */
static int code_local(const nm_node *n)
{
    static const char *const shared[] = {
        "net_send", "net_event", "net_move", "nrn_random_pick", "hoc_execute1", "printf",
        "fprintf", "record_value", NULL,
    };
    switch (n->kind) {
    case NM_INITIAL: case NM_NET_RECEIVE:
        return 1;
    case NM_VERBATIM: case NM_LAG: case NM_PROTECT: case NM_MUTEX:
        return 0;
    case NM_CALL:
        for (int i = 0; n->text && shared[i]; i++)
            if (!strcmp(n->text, shared[i]))
                return 0;
        break;
    default:
        break;
    }
    for (int i = 0; i < n->n; i++)
        if (n->kid[i] && !code_local(n->kid[i]))
            return 0;
    return 1;
}

/* 1 if n, outside its SOLVE statements, calls (itself or through other FUNCTIONs and
** PROCEDUREs) one whose TABLE names a GLOBAL: BREAKPOINT's currents then leave that GLOBAL
** with the value of the instance computed last, which the fixed step's sweeps, running the
** currents of an axon's chunks last chunk first, would not make NEURON's last instance. */
static int cur_tables_in(struct nm_mech *m, const nm_node *n, char *seen)
{
    if (!n || n->kind == NM_SOLVE)
        return 0;
    struct nm_func *f = n->kind == NM_CALL && n->text ? sema_func(m, n->text) : NULL;
    if (f && !seen[f - m->func]) { /* each function once: recursion ends */
        seen[f - m->func] = 1;
        for (int k = 0; f->table && k < f->ntabvar; k++) {
            const char *name = f->table->kid[0]->kid[k]->text;
            for (int i = 0; i < m->nvar; i++)
                if (m->var[i].where == W_GLOBAL && !strcmp(m->var[i].name, name))
                    return 1;
        }
        if (cur_tables_in(m, f->node, seen))
            return 1;
    }
    for (int i = 0; i < n->n; i++)
        if (cur_tables_in(m, n->kid[i], seen))
            return 1;
    return 0;
}

static int cur_tables(struct nm_mech *m, const nm_node *breakpoint)
{
    char *seen = calloc((size_t)m->nfunc + 1, 1);
    int r = !seen || cur_tables_in(m, breakpoint, seen); /* no memory: the safe answer */
    free(seen);
    return r;
}

/*
** nrn_mech_type.inst_local: every instance's cur and state depend on its own values only, so
** the engine may run them on part of the instances at a time. Besides code_local: no POINTER,
** no EXTERNAL, no random draw, a SOLVE that is cnexp or none, no concentration written, and
** no GLOBAL written but the names of a FUNCTION or PROCEDURE TABLE (written by each
** instance before it reads them, as rates(v) does) and that BREAKPOINT's currents do not
** compute (cur_tables).
*/
static int inst_local(struct nm_mech *m)
{
    if (m->npointer || !code_local(m->root) || nm_uses_random(m->root) || gen_ion_writes(m) ||
        cur_tables(m, m->breakpoint))
        return 0;
    if (m->solve && (m->solved->kind != NM_DERIVATIVE || !m->solve->value ||
                     strcmp(m->solve->value, "cnexp") != 0))
        return 0;
    for (int i = 0; i < m->nvar; i++) {
        const struct nm_var *v = &m->var[i];
        if (v->where == W_EXTERNAL) /* another type's GLOBAL, written as that type runs */
            return 0;
        int file_local = v->where == W_CONST && v->decl == NM_LOCAL;
        if (!v->written || (v->where != W_GLOBAL && !file_local))
            continue;
        if (file_local)
            return 0;
        int tabled = 0;
        for (int f = 0; f < m->nfunc && !tabled; f++)
            for (int k = 0; m->func[f].table && k < m->func[f].ntabvar; k++)
                tabled |= !strcmp(m->func[f].table->kid[0]->kid[k]->text, v->name);
        if (!tabled)
            return 0;
    }
    return 1;
}

/* See gen.h. */
int gen_has_node(const nm_node *n, nm_kind kind, const char *text)
{
    if (n->kind == kind && (!text || (n->text && !strcmp(n->text, text))))
        return 1;
    for (int i = 0; i < n->n; i++)
        if (n->kid[i] && gen_has_node(n->kid[i], kind, text))
            return 1;
    return 0;
}

/* Some FUNCTION or PROCEDURE holds a SOLVE statement. */
static int funcs_solve(const struct nm_mech *m)
{
    for (int i = 0; i < m->nfunc; i++)
        if (gen_has_node(m->func[i].node, NM_SOLVE, NULL))
            return 1;
    return 0;
}

static void gen_file(struct gen *g)
{
    struct nm_mech *m = g->m;
    refuse_unsupported(g, m->root);
    for (int i = 0; i < m->nfunc; i++)
        if (m->func[i].table && m->usetable < 0)
            m->usetable = m->nglobal;
    fprintf(g->out, "/* %s: mechanism %s, translated from %s by nrn-build mod. */\n", m->name,
            m->name, m->file);
    gline(g, "#include <math.h>");
    gline(g, "#include \"nrn_mech.h\"");
    /* what every generated function takes: the context, the data, the column pointers
    ** (copied into the caller's frame, so they stay in registers across calls of exp),
    ** the instance and v */
    gline(g, "typedef struct { const nrn_mech_ctx *c; nrn_mech_data *md; double *const *col; "
          "int i; double v; } _args;");
    verbatim_prelude(g);
    gline(g, "#define _R(k) (_a->col[k][_a->i])");
    gline(g, "#define _HOT static inline __attribute__((always_inline))");
    gline(g, "#define _G(k) (_a->md->gvals[k])");
    gline(g, "#define _I(k, j) (_a->md->ion[k]->col[j][_a->md->ion_inst[k][_a->i]])");
    /* NEURON's at_time: a discontinuity at te that the variable-step integrator stops at
    ** (nrn_at_time); in the fixed step 1 in the step that reaches te, else 0 */
    gline(g, "static inline double _at_time(_args *_a, double te)");
    gline(g, "{");
    gline(g, "    nrn_at_time(_a->c, te);");
    gline(g, "    double x = te - 1e-11;");
    gline(g, "    return x <= _a->c->t && x > _a->c->t - _a->c->dt;");
    gline(g, "}");
    gen_tables(g);
    gen_pointer_defs(g);
    gen_functable_defs(g);
    gen_consts(g);
    gen_table_struct(g);
    for (int i = 0; i < m->nfunc; i++) {
        const struct nm_func *f = &m->func[i];
        const char *decl = gen_args_decl(g, f->node->kid[0], NULL);
        gline(g, "static inline double _fn_%s(%s);", f->name, decl);
        if (f->table)
            gline(g, "static inline double _f_%s(%s);", f->name, decl);
    }
    g->ctx = 0; /* VERBATIM at file scope: plain C, in file order, before the functions */
    for (int i = 0; i < m->root->n; i++)
        if (m->root->kid[i]->kind == NM_VERBATIM)
            gen_verbatim(g, m->root->kid[i], NULL);
    gen_linear_blocks(g);
    /* a FUNCTION that SOLVEs the KINETIC or DERIVATIVE block (STEADYSTATE) calls its solver:
    ** after it */
    int late = m->solved && (m->solved->kind == NM_KINETIC || m->solved->kind == NM_DERIVATIVE)
               && funcs_solve(m);
    for (int i = 0; i < m->nfunc && !late; i++)
        gen_func(g, &m->func[i]);
    if (m->solve)
        gen_solved(g);
    for (int i = 0; i < m->nfunc && late; i++)
        gen_func(g, &m->func[i]);
    gen_netrecv_fns(g);
    gen_ba_fns(g);
    gen_init(g);
    if (m->breakpoint && m->kind != NRN_ARTCELL && !gen_nocur_breakpoint(m))
        gen_cur(g);
    if (m->solve || gen_nocur_breakpoint(m))
        gen_state(g);
    if (g->kin) /* a KINETIC scheme's CVODE functions come from its sparse system */
        gen_kinetic_ode(g);
    else
        gen_ode(g);
    gen_ldifus(g);
    if (m->net_receive)
        gen_receive(g);
    gline(g, "const nrn_mech_type nrnmod_%s = {", m->name);
    g->depth++;
    gline(g, ".name = \"%s\",", m->name);
    gline(g, ".kind = %s,", m->kind == NRN_DENSITY ? "NRN_DENSITY"
          : m->kind == NRN_POINT ? "NRN_POINT" : "NRN_ARTCELL");
    gline(g, ".nvar = _NCOL, .vars = _vars,");
    gline(g, ".nion = %d, .ions = _ions,", m->nion);
    gline(g, ".nglobal = _NGLOBAL, .globals = _globals,");
    gline(g, ".electrode = %d,", m->electrode);
    if (not_threadsafe(m))
        gline(g, ".not_threadsafe = %d,", not_threadsafe(m));
    if (inst_local(m))
        gline(g, ".inst_local = 1,");
    if (gen_has_node(m->root, NM_CALL, "record_value"))
        gline(g, ".records = 1,");
    gline(g, ".gpriv_size = sizeof(struct _gp),");
    gline(g, ".init = _init,");
    if (m->breakpoint && m->kind != NRN_ARTCELL && !gen_nocur_breakpoint(m))
        gline(g, ".cur = _cur,");
    if (m->solve || gen_nocur_breakpoint(m))
        gline(g, ".state = _state,");
    if (g->cur_range)
        gline(g, ".cur_range = _cur_range,");
    if (g->state_range)
        gline(g, ".state_range = _state_range,");
    if (g->state_chain)
        gline(g, ".state_chain = _state_chain,");
    if (g->kin)
        gen_kinetic_fields(g);
    else
        gen_ode_fields(g);
    gen_linear_fields(g);
    if (g->state_tol)
        gline(g, ".state_tol = _state_tol,");
    if (m->net_receive)
        gline(g, ".net_receive = _net_receive, .nweight = %d,", m->net_receive->kid[0]->n);
    gen_pointer_desc(g);
    gen_netrecv_desc(g);
    gen_functable_desc(g);
    gen_ba_desc(g);
    gen_ldifus_desc(g);
    g->depth--;
    gline(g, "};");
}

int nm_emit_c(nm_mech *m, FILE *out, char *err, size_t errsize)
{
    struct gen g = { .m = m, .out = out, .err = err, .errsize = errsize };
    if (setjmp(g.fail)) {
        text_oneline(err, errsize);
        return 1;
    }
    if (m->kind == NRN_ARTCELL && m->breakpoint)
        gerr(&g, m->breakpoint, "BREAKPOINT in an ARTIFICIAL_CELL: not supported yet");
    if (m->kind != NRN_ARTCELL && !m->breakpoint && m->ncur)
        gerr(&g, NULL, "a mechanism with currents needs a BREAKPOINT block");
    gen_file(&g);
    return 0;
}
