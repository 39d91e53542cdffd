/*
** build_summary.c: nrn-build --summary (see build_summary.h), over the public API.
**
** Values are read segment by segment through value paths (SEC(X).VAR at each segment's
** centre). The engine has no public list of point processes and globals, so those are
** read back from the model CSV of the model (written to a temporary file): its pp, ppvar
** and global rows.
*/
#include "build_summary.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_opt.h"
#include "numfmt.h"

#define PROG "nrn-build"
#define SUM_MAXLIST 8   /* point process instances listed by name per type */
#define SUM_MAXVALS 10  /* values listed for a parameter that varies along a section */

/* One parameter the summary reports. */
struct sum_par {
    char name[96];   /* "Ra", "cm", "ena", "gnabar_hh" */
    int type;        /* mechanism type, or -1 for Ra, -2 for cm */
};

/* The values of one parameter in one section. */
struct sum_val {
    int present;     /* the section has it */
    int uniform;     /* the same in every segment */
    int n;           /* number of values (1 for Ra, nseg otherwise) */
    double *v;       /* the values, in x order */
};

/* A point process or artificial cell, from the model CSV. */
struct sum_pp {
    char *name, *type, *sec, *x;  /* sec and x "" for an artificial cell */
    int cell;                     /* index of its cell, -1 for artificial cells */
    int nvar;
    char **var;
    double *val;
};

/* Everything gathered. */
struct sum {
    nrn_model *m;
    int nsec, npar, ncell;
    int *nseg, *cell, *roots;
    struct sum_par *par;
    struct sum_val *val;         /* [nsec * npar] */
    struct sum_pp *pp;
    int npp;
    char **gname;                /* globals, from the model CSV */
    double *gval;
    int nglobal;
};

/* See build_summary.h. */
char *build_num(char *buf, double v)
{
    numfmt_double(buf, v, 0);
    size_t n = strlen(buf);
    if (n > 2 && strcmp(buf + n - 2, ".0") == 0)
        buf[n - 2] = 0;
    return buf;
}

/* "s" when n is not 1. */
static const char *sum_s(long n)
{
    return n == 1 ? "" : "s";
}

/* strdup that reports nothing. */
static char *sum_strdup(const char *s)
{
    char *p = malloc(strlen(s) + 1);
    if (p)
        strcpy(p, s);
    return p;
}

/* Fills the parameter list: Ra, cm, each ion's reversal potential, each density
** mechanism's parameters, in catalogue order. */
static int sum_params(struct sum *S)
{
    nrn_model *m = S->m;
    int cap = 2;
    for (int t = 0; t < nrn_mech_count(m); t++)
        cap += nrn_mech_nvar(m, t);
    if (!(S->par = calloc((size_t)cap, sizeof *S->par)))
        return -1;
    snprintf(S->par[0].name, sizeof S->par[0].name, "Ra");
    S->par[0].type = -1;
    snprintf(S->par[1].name, sizeof S->par[1].name, "cm");
    S->par[1].type = -2;
    S->npar = 2;
    for (int t = 0; t < nrn_mech_count(m); t++) {
        int kind = nrn_mech_kind_of(m, t);
        const char *mech = nrn_mech_name(m, t);
        if (kind != NRN_DENSITY && kind != NRN_ION)
            continue;
        for (int j = 0; j < nrn_mech_nvar(m, t); j++) {
            const nrn_var_info *vi = nrn_mech_var(m, t, j);
            struct sum_par *p = &S->par[S->npar];
            if (vi->role != NRN_PARAM)
                continue;
            if (kind == NRN_ION) { /* the reversal potential: "e" + the ion's name */
                size_t len = strlen(mech) > 4 ? strlen(mech) - 4 : 0;
                if (vi->name[0] != 'e' || strncmp(vi->name + 1, mech, len) != 0 ||
                    vi->name[len + 1] != 0)
                    continue;
                snprintf(p->name, sizeof p->name, "%s", vi->name);
            } else {
                snprintf(p->name, sizeof p->name, "%s_%s", vi->name, mech);
            }
            p->type = t;
            S->npar++;
        }
    }
    return 0;
}

/* Reads the values of parameter p in section s. 0, -1 (ENOMEM) or an engine error. */
static int sum_read(struct sum *S, int s, int p)
{
    nrn_model *m = S->m;
    struct sum_val *v = &S->val[(size_t)s * (size_t)S->npar + (size_t)p];
    const char *sname = nrn_section_name(m, s);
    const struct sum_par *par = &S->par[p];
    double x;
    if (par->type >= 0 && !nrn_has_mech(m, s, nrn_mech_name(m, par->type)))
        return 0;
    v->present = 1;
    v->n = par->type == -1 ? 1 : S->nseg[s];
    if (!(v->v = malloc(sizeof *v->v * (size_t)v->n)))
        return -1;
    if (par->type == -1) {
        int rc = nrn_section_get(m, s, NRN_SEC_RA, &v->v[0]);
        v->uniform = 1;
        return rc;
    }
    v->uniform = 1;
    for (int j = 0; j < v->n; j++) {
        char path[1024];
        nrn_ref ref;
        int rc;
        x = (j + 0.5) / v->n;
        snprintf(path, sizeof path, "%s(%.17g).%s", sname, x, par->name);
        if ((rc = nrn_ref_lookup(m, path, &ref)) != NRN_OK ||
            (rc = nrn_ref_get(m, &ref, &v->v[j])) != NRN_OK)
            return rc;
        if (j > 0 && memcmp(&v->v[j], &v->v[0], sizeof(double)) != 0)
            v->uniform = 0;
    }
    return 0;
}

/* Splits a model CSV line into its 10 fields in place. Returns the number found. */
static int sum_split(char *line, char **f)
{
    int n = 1;
    f[0] = line;
    for (char *p = line; *p && n < 10; p++)
        if (*p == ',') {
            *p = 0;
            f[n++] = p + 1;
        }
    return n;
}

/* Appends var = val to point process p. 0 or -1. */
static int sum_pp_var(struct sum_pp *p, const char *var, double val)
{
    char **nv = realloc(p->var, sizeof *nv * (size_t)(p->nvar + 1));
    if (!nv)
        return -1;
    p->var = nv;
    double *vv = realloc(p->val, sizeof *vv * (size_t)(p->nvar + 1));
    if (!vv)
        return -1;
    p->val = vv;
    if (!(p->var[p->nvar] = sum_strdup(var)))
        return -1;
    p->val[p->nvar++] = val;
    return 0;
}

/* Reads the pp, ppvar and global rows of the model CSV of m. 0, or 1 after a message. */
static int sum_from_csv(struct sum *S)
{
    char line[4096];
    int rc = 0;
    /* an unlinked file: nothing is left behind, whatever ends the program */
    FILE *f = tmpfile();
    if (!f) {
        cli_error(PROG, "cannot make a temporary file: %s", strerror(errno));
        return CLI_EXIT_FAIL;
    }
    if (nrn_model_write_csv(S->m, f) != NRN_OK || fflush(f) != 0 || ferror(f)) {
        cli_error(PROG, "cannot write a temporary file: %s",
                  ferror(f) ? strerror(errno ? errno : EIO) : nrn_errmsg(S->m));
        fclose(f);
        return CLI_EXIT_FAIL;
    }
    rewind(f);
    while (rc == 0 && fgets(line, sizeof line, f)) {
        char *fld[10];
        line[strcspn(line, "\r\n")] = 0;
        if (sum_split(line, fld) < 10)
            continue;
        if (strcmp(fld[0], "pp") == 0) {
            struct sum_pp *np = realloc(S->pp, sizeof *np * (size_t)(S->npp + 1));
            if (!np) {
                rc = -1;
                break;
            }
            S->pp = np;
            struct sum_pp *p = &S->pp[S->npp++];
            memset(p, 0, sizeof *p);
            p->name = sum_strdup(fld[3]), p->type = sum_strdup(fld[4]);
            p->sec = sum_strdup(fld[1]), p->x = sum_strdup(fld[2]);
            int sec = *fld[1] ? nrn_section_find(S->m, fld[1]) : -1;
            p->cell = sec >= 0 ? S->cell[sec] : -1;
            if (!p->name || !p->type || !p->sec || !p->x)
                rc = -1;
        } else if (strcmp(fld[0], "ppvar") == 0) {
            for (int k = S->npp - 1; k >= 0; k--)
                if (strcmp(S->pp[k].name, fld[3]) == 0) {
                    rc = sum_pp_var(&S->pp[k], fld[4], strtod(fld[5], NULL));
                    break;
                }
        } else if (strcmp(fld[0], "global") == 0) {
            char **gn = realloc(S->gname, sizeof *gn * (size_t)(S->nglobal + 1));
            if (gn)
                S->gname = gn;
            double *gv = realloc(S->gval, sizeof *gv * (size_t)(S->nglobal + 1));
            if (gv)
                S->gval = gv;
            if (!gn || !gv || !(S->gname[S->nglobal] = sum_strdup(fld[4]))) {
                rc = -1;
                break;
            }
            S->gval[S->nglobal++] = strtod(fld[5], NULL);
        }
    }
    fclose(f);
    if (rc) {
        cli_error(PROG, "out of memory");
        return CLI_EXIT_FAIL;
    }
    return 0;
}

/* Frees everything S holds. */
static void sum_free(struct sum *S)
{
    if (S->val)
        for (size_t k = 0; k < (size_t)S->nsec * (size_t)S->npar; k++)
            free(S->val[k].v);
    for (int k = 0; k < S->npp; k++) {
        free(S->pp[k].name), free(S->pp[k].type), free(S->pp[k].sec), free(S->pp[k].x);
        for (int j = 0; j < S->pp[k].nvar; j++)
            free(S->pp[k].var[j]);
        free(S->pp[k].var), free(S->pp[k].val);
    }
    for (int k = 0; k < S->nglobal; k++)
        free(S->gname[k]);
    free(S->gname), free(S->gval), free(S->pp);
    free(S->val), free(S->par), free(S->nseg), free(S->cell), free(S->roots);
}

/* Gathers sections, cells and values. 0, or an exit status after a message. */
static int sum_gather(struct sum *S)
{
    nrn_model *m = S->m;
    int n = S->nsec = nrn_section_count(m);
    size_t nn = (size_t)(n ? n : 1);
    S->nseg = calloc(nn, sizeof *S->nseg);
    S->cell = calloc(nn, sizeof *S->cell);
    S->roots = calloc(nn, sizeof *S->roots);
    if (!S->nseg || !S->cell || !S->roots || sum_params(S) != 0)
        goto nomem;
    S->ncell = nrn_roots(m, S->roots, n);
    for (int s = 0; s < n; s++) {
        double v;
        int r = s, p = -1;
        double px, ce;
        nrn_section_get(m, s, NRN_SEC_NSEG, &v);
        S->nseg[s] = (int)v;
        while (nrn_section_parent(m, r, &p, &px, &ce) == NRN_OK && p >= 0)
            r = p;
        S->cell[s] = 0;
        for (int c = 0; c < S->ncell; c++)
            if (S->roots[c] == r)
                S->cell[s] = c;
    }
    if (!(S->val = calloc(nn * (size_t)S->npar, sizeof *S->val)))
        goto nomem;
    for (int s = 0; s < n; s++)
        for (int p = 0; p < S->npar; p++) {
            int rc = sum_read(S, s, p);
            if (rc < 0)
                goto nomem;
            if (rc > 0) {
                cli_error(PROG, "%s: %s", nrn_section_name(m, s), nrn_errmsg(m));
                return CLI_EXIT_FAIL;
            }
        }
    return sum_from_csv(S);
nomem:
    cli_error(PROG, "out of memory");
    return CLI_EXIT_FAIL;
}

/* Prints section names compactly: runs of NAME[i] become NAME[0-3,7]. */
static void sum_print_names(FILE *out, const struct sum *S, const int *secs, int n)
{
    for (int k = 0; k < n;) {
        const char *name = nrn_section_name(S->m, secs[k]);
        const char *br = strrchr(name, '[');
        size_t len = strlen(name);
        if (k)
            fputs(", ", out);
        if (!br || name[len - 1] != ']' || br[1] == ']' || strspn(br + 1, "0123456789") !=
                                                            (size_t)(name + len - 1 - br - 1)) {
            fputs(name, out);
            k++;
            continue;
        }
        size_t blen = (size_t)(br - name);
        fprintf(out, "%.*s[", (int)blen, name);
        int first = 1;
        while (k < n) {
            const char *nm = nrn_section_name(S->m, secs[k]);
            const char *b2 = strrchr(nm, '[');
            if (!b2 || (size_t)(b2 - nm) != blen || strncmp(nm, name, blen) != 0 ||
                nm[strlen(nm) - 1] != ']')
                break;
            long lo = atol(b2 + 1), hi = lo;
            k++;
            while (k < n) {
                const char *n3 = nrn_section_name(S->m, secs[k]);
                const char *b3 = strrchr(n3, '[');
                if (!b3 || (size_t)(b3 - n3) != blen || strncmp(n3, name, blen) != 0 ||
                    atol(b3 + 1) != hi + 1)
                    break;
                hi++;
                k++;
            }
            fprintf(out, "%s%ld", first ? "" : ",", lo);
            if (hi > lo)
                fprintf(out, "-%ld", hi);
            first = 0;
        }
        fputc(']', out);
    }
}

/* qsort helper for doubles. */
static int sum_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/*
** "NAME = V" when parameter p has one value over the sections of cell c that have it,
** else "NAME = K distinct values (LO to HI)".
*/
static int sum_print_param(FILE *out, const struct sum *S, int c, int p, const char *indent)
{
    size_t total = 0, k = 0;
    for (int s = 0; s < S->nsec; s++)
        if (S->cell[s] == c && S->val[(size_t)s * S->npar + p].present)
            total += (size_t)S->val[(size_t)s * S->npar + p].n;
    if (total == 0)
        return 0;
    double *all = malloc(sizeof *all * total);
    if (!all)
        return -1;
    for (int s = 0; s < S->nsec; s++) {
        const struct sum_val *v = &S->val[(size_t)s * S->npar + p];
        if (S->cell[s] == c && v->present)
            for (int j = 0; j < v->n; j++)
                all[k++] = v->v[j];
    }
    qsort(all, total, sizeof *all, sum_cmp_double);
    size_t distinct = 1;
    for (k = 1; k < total; k++)
        distinct += all[k] != all[k - 1];
    char a[NUMFMT_BUFSIZE], b[NUMFMT_BUFSIZE];
    if (distinct == 1)
        fprintf(out, "%s%s = %s\n", indent, S->par[p].name, build_num(a, all[0]));
    else
        fprintf(out, "%s%s = %zu distinct values (%s to %s)\n", indent, S->par[p].name, distinct,
                build_num(a, all[0]), build_num(b, all[total - 1]));
    free(all);
    return 0;
}

/* A (parameter, value) pair and the sections of a cell where it holds uniformly. */
struct sum_pair {
    int par;
    double v;
    int *secs, n;
    int group;
};

/* The subsets with constant parameters of cell c. 0 or -1 (ENOMEM). */
static int sum_print_subsets(FILE *out, const struct sum *S, const int *secs, int ns)
{
    struct sum_pair *pr = NULL;
    int npr = 0, cap = 0, ngroup = 0, rc = -1;
    for (int p = 0; p < S->npar; p++) {
        int start = npr;
        for (int k = 0; k < ns; k++) {
            const struct sum_val *v = &S->val[(size_t)secs[k] * S->npar + p];
            int q;
            if (!v->present || !v->uniform)
                continue;
            for (q = start; q < npr; q++)
                if (memcmp(&pr[q].v, &v->v[0], sizeof(double)) == 0)
                    break;
            if (q == npr) {
                if (npr == cap) {
                    cap = cap ? 2 * cap : 32;
                    struct sum_pair *np = realloc(pr, sizeof *np * (size_t)cap);
                    if (!np)
                        goto out;
                    pr = np;
                }
                pr[npr].par = p, pr[npr].v = v->v[0], pr[npr].n = 0, pr[npr].group = -1;
                if (!(pr[npr].secs = malloc(sizeof(int) * (size_t)ns)))
                    goto out;
                npr++;
            }
            pr[q].secs[pr[q].n++] = secs[k];
        }
    }
    for (int q = 0; q < npr; q++) {
        for (int r = 0; r < q && pr[q].group < 0; r++)
            if (pr[r].n == pr[q].n && memcmp(pr[r].secs, pr[q].secs, sizeof(int) * (size_t)pr[q].n) == 0)
                pr[q].group = pr[r].group;
        if (pr[q].group < 0)
            pr[q].group = ngroup++;
    }
    fprintf(out, "    %d subset%s with constant parameters\n", ngroup, sum_s(ngroup));
    for (int g = 0; g < ngroup; g++) {
        char a[NUMFMT_BUFSIZE];
        int head = 1;
        for (int q = 0; q < npr; q++) {
            if (pr[q].group != g)
                continue;
            if (head) {
                fprintf(out, "      subset %d, %d section%s: ", g + 1, pr[q].n, sum_s(pr[q].n));
                sum_print_names(out, S, pr[q].secs, pr[q].n);
                fputc('\n', out);
                head = 0;
            }
            fprintf(out, "        %s = %s\n", S->par[pr[q].par].name, build_num(a, pr[q].v));
        }
    }
    rc = 0;
out:
    for (int q = 0; q < npr; q++)
        free(pr[q].secs);
    free(pr);
    return rc;
}

/* The sections of cell c whose parameters vary along them. */
static void sum_print_nonuniform(FILE *out, const struct sum *S, const int *secs, int ns)
{
    int count = 0;
    char a[NUMFMT_BUFSIZE];
    for (int k = 0; k < ns; k++)
        for (int p = 0; p < S->npar; p++) {
            const struct sum_val *v = &S->val[(size_t)secs[k] * S->npar + p];
            if (v->present && !v->uniform) {
                count++;
                break;
            }
        }
    fprintf(out, "    %d section%s with parameters that vary along %s\n", count, sum_s(count),
            count == 1 ? "it" : "them");
    for (int k = 0; k < ns; k++) {
        int head = 1;
        for (int p = 0; p < S->npar; p++) {
            const struct sum_val *v = &S->val[(size_t)secs[k] * S->npar + p];
            if (!v->present || v->uniform)
                continue;
            if (head)
                fprintf(out, "      %s\n", nrn_section_name(S->m, secs[k]));
            head = 0;
            fprintf(out, "        %s =", S->par[p].name);
            for (int j = 0; j < v->n && j < SUM_MAXVALS; j++)
                fprintf(out, " %s", build_num(a, v->v[j]));
            if (v->n > SUM_MAXVALS)
                fprintf(out, " ... (%d values)", v->n);
            fputc('\n', out);
        }
    }
}

/* The point processes of cell c (or the artificial cells, c = -1), grouped by type. */
static int sum_print_pps(FILE *out, const struct sum *S, int c, const char *indent)
{
    char **types = malloc(sizeof *types * (size_t)(S->npp ? S->npp : 1));
    int ntypes = 0;
    if (!types)
        return -1;
    for (int k = 0; k < S->npp; k++) {
        int t;
        if (S->pp[k].cell != c)
            continue;
        for (t = 0; t < ntypes && strcmp(types[t], S->pp[k].type) != 0; t++)
            ;
        if (t == ntypes)
            types[ntypes++] = S->pp[k].type;
    }
    for (int t = 0; t < ntypes; t++) {
        int n = 0, first = -1, shown = 0;
        for (int k = 0; k < S->npp; k++)
            if (S->pp[k].cell == c && strcmp(S->pp[k].type, types[t]) == 0) {
                n++;
                if (first < 0)
                    first = k;
            }
        fprintf(out, "%s%d %s\n%s  ", indent, n, types[t], indent);
        for (int k = 0; k < S->npp; k++) {
            const struct sum_pp *p = &S->pp[k];
            if (p->cell != c || strcmp(p->type, types[t]) != 0)
                continue;
            if (shown == SUM_MAXLIST) {
                fprintf(out, ", and %d more", n - shown);
                break;
            }
            if (c >= 0)
                fprintf(out, "%s%s at %s(%s)", shown ? ", " : "", p->name, p->sec, p->x);
            else
                fprintf(out, "%s%s", shown ? ", " : "", p->name);
            shown++;
        }
        fputc('\n', out);
        for (int j = 0; j < S->pp[first].nvar; j++) {
            double lo = S->pp[first].val[j], hi = lo;
            char a[NUMFMT_BUFSIZE], b[NUMFMT_BUFSIZE];
            int same = 1;
            double *all = malloc(sizeof *all * (size_t)n);
            int na = 0;
            if (!all) {
                free(types);
                return -1;
            }
            for (int k = 0; k < S->npp; k++) {
                const struct sum_pp *p = &S->pp[k];
                if (p->cell != c || strcmp(p->type, types[t]) != 0 || j >= p->nvar)
                    continue;
                all[na++] = p->val[j];
                same &= p->val[j] == lo;
            }
            qsort(all, (size_t)na, sizeof *all, sum_cmp_double);
            int distinct = na > 0;
            for (int q = 1; q < na; q++)
                distinct += all[q] != all[q - 1];
            if (na > 0)
                lo = all[0], hi = all[na - 1];
            if (same)
                fprintf(out, "%s  %s = %s\n", indent, S->pp[first].var[j], build_num(a, lo));
            else
                fprintf(out, "%s  %s = %d distinct values (%s to %s)\n", indent,
                        S->pp[first].var[j], distinct, build_num(a, lo), build_num(b, hi));
            free(all);
        }
    }
    free(types);
    return 0;
}

/* Everything about cell c. 0 or -1 (ENOMEM). */
static int sum_print_cell(FILE *out, const struct sum *S, int c)
{
    int *secs = malloc(sizeof *secs * (size_t)S->nsec), ns = 0, *nsegs;
    long nseg = 0;
    if (!secs)
        return -1;
    for (int s = 0; s < S->nsec; s++)
        if (S->cell[s] == c) {
            secs[ns++] = s;
            nseg += S->nseg[s];
        }
    fprintf(out, "  root %s\n", nrn_section_name(S->m, S->roots[c]));
    fprintf(out, "    %d section%s; %ld segment%s\n", ns, sum_s(ns), nseg, sum_s(nseg));
    /* distinct nseg values */
    if (!(nsegs = malloc(sizeof *nsegs * (size_t)ns))) {
        free(secs);
        return -1;
    }
    int nd = 0;
    for (int k = 0; k < ns; k++) {
        int q;
        for (q = 0; q < nd && nsegs[q] != S->nseg[secs[k]]; q++)
            ;
        if (q == nd)
            nsegs[nd++] = S->nseg[secs[k]];
    }
    for (int a = 1; a < nd; a++) /* insertion sort, ascending */
        for (int b = a; b > 0 && nsegs[b - 1] > nsegs[b]; b--) {
            int t = nsegs[b];
            nsegs[b] = nsegs[b - 1], nsegs[b - 1] = t;
        }
    fprintf(out, "    %d distinct value%s of nseg\n", nd, sum_s(nd));
    for (int q = 0; q < nd; q++) {
        int cnt = 0;
        for (int k = 0; k < ns; k++)
            cnt += S->nseg[secs[k]] == nsegs[q];
        fprintf(out, "      nseg = %d: %d section%s\n", nsegs[q], cnt, sum_s(cnt));
    }
    free(nsegs);
    /* inserted mechanisms (Ra and cm count, as in ModelView) */
    int nmech = 2;
    for (int t = 0; t < nrn_mech_count(S->m); t++) {
        int has = 0;
        for (int k = 0; k < ns && !has; k++)
            has = nrn_has_mech(S->m, secs[k], nrn_mech_name(S->m, t));
        nmech += has && nrn_mech_kind_of(S->m, t) != NRN_POINT;
    }
    fprintf(out, "    %d inserted mechanism%s\n", nmech, sum_s(nmech));
    for (int p = 0; p < S->npar; p++) {
        int t = S->par[p].type, has = 0;
        if (t < 0) {
            if (sum_print_param(out, S, c, p, "      "))
                goto nomem;
            continue;
        }
        if (p > 0 && S->par[p - 1].type == t)
            continue; /* the heading was printed with the first parameter */
        for (int k = 0; k < ns; k++)
            has += nrn_has_mech(S->m, secs[k], nrn_mech_name(S->m, t));
        if (!has)
            continue;
        fprintf(out, "      %s: %d section%s\n", nrn_mech_name(S->m, t), has, sum_s(has));
        for (int q = p; q < S->npar && S->par[q].type == t; q++)
            if (sum_print_param(out, S, c, q, "        "))
                goto nomem;
    }
    if (sum_print_subsets(out, S, secs, ns))
        goto nomem;
    sum_print_nonuniform(out, S, secs, ns);
    int npp = 0;
    for (int k = 0; k < S->npp; k++)
        npp += S->pp[k].cell == c;
    fprintf(out, "    %d point process%s\n", npp, npp == 1 ? "" : "es");
    if (sum_print_pps(out, S, c, "      "))
        goto nomem;
    free(secs);
    return 0;
nomem:
    free(secs);
    return -1;
}

/* See build_summary.h. */
int build_summary(nrn_model *m, FILE *out)
{
    struct sum S;
    int rc;
    memset(&S, 0, sizeof S);
    S.m = m;
    if ((rc = sum_gather(&S)) != 0) {
        sum_free(&S);
        return rc;
    }
    long nseg = 0;
    int nart = 0, nloc = 0;
    for (int s = 0; s < S.nsec; s++)
        nseg += S.nseg[s];
    for (int k = 0; k < S.npp; k++)
        S.pp[k].cell < 0 ? nart++ : nloc++;
    fprintf(out, "%d section%s; %ld segment%s\n", S.nsec, sum_s(S.nsec), nseg, sum_s(nseg));
    fprintf(out, "%d real cell%s\n", S.ncell, sum_s(S.ncell));
    for (int c = 0; c < S.ncell && rc == 0; c++)
        if (sum_print_cell(out, &S, c))
            rc = -1;
    fprintf(out, "%d artificial cell%s\n", nart, sum_s(nart));
    if (rc == 0 && sum_print_pps(out, &S, -1, "  "))
        rc = -1;
    fprintf(out, "%d point process%s in all\n", nloc, nloc == 1 ? "" : "es");
    fprintf(out, "globals\n");
    for (int k = 0; k < S.nglobal; k++) {
        char a[NUMFMT_BUFSIZE];
        fprintf(out, "  %s = %s\n", S.gname[k], build_num(a, S.gval[k]));
    }
    sum_free(&S);
    if (rc) {
        cli_error(PROG, "out of memory");
        return CLI_EXIT_FAIL;
    }
    return 0;
}
