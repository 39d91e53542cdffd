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
    for (int i = 0; i < m->nfunc; i++)
        gen_func(g, &m->func[i]);
    if (m->solve)
        gen_solved(g);
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
    gline(g, ".gpriv_size = sizeof(struct _gp),");
    gline(g, ".init = _init,");
    if (m->breakpoint && m->kind != NRN_ARTCELL && !gen_nocur_breakpoint(m))
        gline(g, ".cur = _cur,");
    if (m->solve || gen_nocur_breakpoint(m))
        gline(g, ".state = _state,");
    if (g->kin)
        gen_kinetic_fields(g);
    else
        gen_ode_fields(g);
    gen_linear_fields(g);
    if (m->net_receive)
        gline(g, ".net_receive = _net_receive, .nweight = %d,", m->net_receive->kid[0]->n);
    gen_pointer_desc(g);
    gen_netrecv_desc(g);
    gen_functable_desc(g);
    gen_ba_desc(g);
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
