/*
** gen_ion.c: the generated code around a mechanism that WRITEs an ion concentration
** (ion accumulation: cai' = ..., WRITE cai). As nocmodl does, the concentration lives in
** the mechanism's own (hidden) column while a function runs: it is read from the ion
** before (nocmodl's "cai = _ion_cai") and written back after (init, cur and state), and
** finitialize recomputes e by Nernst when the ion's style says einit (nrn_wrote_conc).
** Concentration STATEs start from the ion's value, never from a default. A written reversal
** potential (WRITE ena) is the mechanism's own and only written to the ion, as nocmodl does.
** Under CVODE a concentration STATE is the ion's value (nocmodl's _pv = &_ion_cai): the
** descriptor's state_ion says which, and ode_spec copies in and out as the others do.
*/
#include "gen.h"

int gen_ion_conc(const struct nm_var *v)
{
    return v->ion >= 0 && v->where == W_RANGE && (v->ioncol == ION_CI || v->ioncol == ION_CO);
}

/* A current the mechanism both READs and WRITEs (cabpump.mod's ica): its own column holds
** the ion's total while a function runs, as nocmodl's "ica = _ion_ica" before each. */
static int read_written_cur(const struct nm_mech *m, const struct nm_var *v)
{
    return v->ion >= 0 && v->where == W_RANGE && v->ioncol == ION_CUR && m->ion[v->ion].read_cur;
}

void gen_ion_conc_in(struct gen *g)
{
    for (int i = 0; i < g->m->nvar; i++) {
        const struct nm_var *v = &g->m->var[i];
        if (gen_ion_conc(v) || read_written_cur(g->m, v))
            gline(g, "_R(%d) = _I(%d, %d);", v->col, v->ion, v->ioncol);
    }
}

/* 1 if the mechanism writes a concentration or a reversal potential of an ion, or reads a
** current it writes: its functions then copy those in (and out) around the instance loop's
** body (the vector kernels of gen_simd.c do not). */
int gen_ion_writes(const struct nm_mech *m)
{
    for (int i = 0; i < m->nvar; i++) {
        const struct nm_var *v = &m->var[i];
        if (gen_ion_conc(v) || (v->ion >= 0 && v->where == W_RANGE && v->ioncol == ION_E) ||
            read_written_cur(m, v))
            return 1;
    }
    return 0;
}

/* 1 if the mechanism writes a concentration of its k-th ion. */
static int writes_conc(const struct nm_mech *m, int k)
{
    for (int i = 0; i < m->nvar; i++)
        if (gen_ion_conc(&m->var[i]) && m->var[i].ion == k)
            return 1;
    return 0;
}

void gen_ion_conc_out(struct gen *g, int init)
{
    const struct nm_mech *m = g->m;
    for (int i = 0; i < m->nvar; i++) {
        const struct nm_var *v = &m->var[i];
        if (gen_ion_conc(v) || (v->ion >= 0 && v->where == W_RANGE && v->ioncol == ION_E))
            gline(g, "_I(%d, %d) = _R(%d);", v->ion, v->ioncol, v->col);
    }
    for (int k = 0; init && k < m->nion; k++)
        if (writes_conc(m, k))
            gline(g, "nrn_ion_wrote_conc(c, md->ion[%d], md->ion_inst[%d][_i]);", k, k);
}

/*
** The descriptor's state_ion for the n states in columns cols: _ode_ions, written only when
** one of them is an ion's concentration (g->ode_ions then 1).
*/
void gen_ion_states(struct gen *g, int n, const int *cols)
{
    const char *list = "";
    g->ode_ions = 0;
    for (int k = 0; k < n; k++) {
        int code = 0;
        for (int i = 0; i < g->m->nvar; i++) {
            const struct nm_var *v = &g->m->var[i];
            if (gen_ion_conc(v) && v->decl == NM_STATE && v->col == cols[k])
                code = v->ion * 8 + v->ioncol;
        }
        g->ode_ions |= code != 0;
        list = gfmt(g, "%s%s%d", list, k ? ", " : "", code);
    }
    if (g->ode_ions)
        gline(g, "static const int _ode_ions[%d] = { %s };", n, list);
}
