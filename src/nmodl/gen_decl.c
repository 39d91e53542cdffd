/*
** gen_decl.c: the tables at the top of a generated mechanism: its RANGE variables, GLOBALs
** and ions as the nrn_mech_type describes them, and its constants (UNITS factors with
** nocmodl's values, CONSTANTs, file-scope LOCALs).
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "gen.h"

/*
** Values of the unit factors nocmodl 8.2.2 computes from its units database with the modern
** constants (its _nrnunit_ tables), as exact hexadecimal doubles: FARADAY = (faraday)
** (coulomb), R = (k-mole) (joule/degC), ...
*/
static const char *unit_factor(const nm_node *f)
{
    static const struct { const char *u1, *u2, *value; } known[] = {
        {"faraday", "coulomb", "0x1.78e555060882cp+16"},
        {"faraday", "coulombs", "0x1.78e555060882cp+16"},
        {"faraday", "coul", "0x1.78e555060882cp+16"},
        {"faraday", "kilocoulombs", "0x1.81f0fae775425p+6"},
        {"faraday", "kilocoulomb", "0x1.81f0fae775425p+6"},
        {"k-mole", "joule/degC", "0x1.0a1013e8990bep+3"},
        {"k-mole", "millivolt-coulomb/degC", "0x1.03d3b37125759p+13"},
        {"k-mole", "mV-coulomb/degC", "0x1.03d3b37125759p+13"},
        {"pi", "1", "0x1.921fb54442d18p+1"},
        {"e", "coulomb", "0x1.7a4da290c1653p-63"}, {"e", "coulombs", "0x1.7a4da290c1653p-63"},
        {"k", "joule/degC", "0x1.0b0e6d55e647cp-76"},
    };
    static char scaled[40];
    if (f->value)
        return f->value;
    if (!f->unit || !f->unit2)
        return NULL;
    /* (faraday) (10000 coulomb): the factor of the plain unit divided by the number, the
    ** double division nocmodl's units arithmetic does (0x1.34c0c8b92a9b7p+3 for cadif.mod) */
    char *rest;
    double n = strtod(f->unit2, &rest);
    if (rest == f->unit2 || *rest != ' ' || !(n > 0) || !isfinite(n))
        n = 1, rest = (char *)f->unit2;
    while (*rest == ' ')
        rest++;
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (!strcmp(f->unit, known[i].u1) && !strcmp(rest, known[i].u2)) {
            if (n == 1)
                return known[i].value;
            snprintf(scaled, sizeof scaled, "%a", strtod(known[i].value, NULL) / n);
            return scaled;
        }
    return NULL;
}

static const char *role_name(nm_kind decl)
{
    return decl == NM_PARAMETER ? "NRN_PARAM" : decl == NM_STATE ? "NRN_STATE" : "NRN_ASSIGNED";
}

/* "12" for a default given as text, with nocmodl's 0 for none. */
static const char *def_text(const char *d)
{
    return d ? d : "0";
}

void gen_tables(struct gen *g)
{
    struct nm_mech *m = g->m;
    gline(g, "enum { _NCOL = %d, _NGLOBAL = %d };", m->ncol, m->nglobal + (m->usetable >= 0));
    gline(g, "static const nrn_var_info _vars[%d] = {", m->ncol ? m->ncol : 1);
    for (int c = 0; c < m->ncol; c++)
        for (int i = 0; i < m->nvar; i++) {
            const struct nm_var *v = &m->var[i];
            if (v->where != W_RANGE || c < v->col || c >= v->col + (v->dim ? v->dim : 1))
                continue;
            const char *def = v->decl == NM_STATE ? v->def : v->decl == NM_PARAMETER ? v->def : NULL;
            const char *elem = v->dim ? gfmt(g, "%d", c - v->col) : "";
            gline(g, "    {\"%s%s%s\", %s, \"%s\", %s, \"%s\"},", v->hidden ? "_" : "", v->name,
                  elem, role_name(v->decl), v->unit ? v->unit : "", def_text(def),
                  v->hidden ? "internal" : v->decl == NM_PARAMETER ? "parameter"
                  : v->decl == NM_STATE ? "state" : "assigned");
        }
    if (!m->ncol)
        gline(g, "    {\"\", NRN_ASSIGNED, \"\", 0, \"\"},");
    gline(g, "};");
    int ng = m->nglobal + (m->usetable >= 0);
    gline(g, "static const nrn_global_info _globals[%d] = {", ng ? ng : 1);
    for (int c = 0; c < m->nglobal; c++)
        for (int i = 0; i < m->nvar; i++) {
            const struct nm_var *v = &m->var[i];
            if (v->where == W_GLOBAL && c >= v->col && c < v->col + (v->dim ? v->dim : 1))
                gline(g, "    {\"%s%s_%s\", \"%s\", %s, \"%s\", %d},", v->name,
                      v->dim ? gfmt(g, "%d", c - v->col) : "", m->name,
                      v->unit ? v->unit : "", def_text(v->decl == NM_PARAMETER ? v->def : NULL),
                      v->decl == NM_PARAMETER ? "parameter" : "assigned",
                      v->decl != NM_PARAMETER);
        }
    if (m->usetable >= 0)
        gline(g, "    {\"usetable_%s\", \"1\", 1, \"1: FUNCTION and PROCEDURE values from "
              "their TABLE, 0: computed\", 0},", m->name);
    if (!ng)
        gline(g, "    {\"\", \"\", 0, \"\", 0},");
    gline(g, "};");
    gline(g, "static const nrn_ion_use _ions[%d] = {", m->nion ? m->nion : 1);
    for (int k = 0; k < m->nion; k++)
        gline(g, "    {\"%s\", %d, %s},", m->ion[k].name, m->ion[k].flags,
              m->ion[k].valence ? m->ion[k].valence : "0");
    if (!m->nion)
        gline(g, "    {\"\", 0, 0},");
    gline(g, "};");
}

void gen_consts(struct gen *g)
{
    struct nm_mech *m = g->m;
    for (int i = 0; i < m->nvar; i++) {
        const struct nm_var *v = &m->var[i];
        if (v->where != W_CONST)
            continue;
        if (v->decl == NM_UNITS) {
            const char *val = unit_factor(v->at);
            if (!val)
                gerr(g, v->at, "unit factor %s = (%s) (%s): not known to this version",
                     v->name, v->at->unit ? v->at->unit : "", v->at->unit2 ? v->at->unit2 : "");
            gline(g, "static const double _k_%s = %s;", v->name, val);
        } else if (v->decl == NM_LOCAL) {
            continue; /* the model's own: a member of struct _gp (gen_table_struct) */
        } else {
            gline(g, "static const double _k_%s = %s;", v->name, def_text(v->def));
        }
    }
}
