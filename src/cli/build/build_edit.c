/*
** build_edit.c: --insert, --set, --nseg and --d-lambda on the loaded model (see
** build_edit.h). Only the public API of libnrn.
*/
#include "build_edit.h"

#include <fnmatch.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_opt.h"

#define PROG "nrn-build"

/* See build_edit.h. */
int build_glob_match(const char *glob, const char *name)
{
    char pat[2048];
    size_t k = 0;
    if (strcmp(glob, name) == 0)
        return 1;
    for (const char *p = glob; *p && k + 2 < sizeof pat; p++) {
        if (*p == '[' || *p == ']') /* literal: the brackets of section arrays */
            pat[k++] = '\\';
        else if (*p == '\\' && p[1]) /* an escape stays one, with what it escapes */
            pat[k++] = *p++;
        pat[k++] = *p;
    }
    pat[k] = 0;
    return fnmatch(pat, name, 0) == 0;
}

/* Number of sections matching glob. */
static int build_count_matches(const nrn_model *m, const char *glob)
{
    int n = 0;
    for (int s = 0; s < nrn_section_count(m); s++)
        n += build_glob_match(glob, nrn_section_name(m, s));
    return n;
}

/* See build_edit.h. */
int build_insert(nrn_model *m, const char *spec)
{
    const char *colon = strrchr(spec, ':');
    const char *mech = colon ? colon + 1 : spec;
    char glob[1024];
    int t = nrn_mech_find(m, mech), n = 0;

    snprintf(glob, sizeof glob, "%.*s", colon ? (int)(colon - spec) : 1, colon ? spec : "*");
    if (t < 0) {
        cli_error(PROG, "--insert %s: unknown mechanism \"%s\"", spec, mech);
        return CLI_EXIT_FAIL;
    }
    if (nrn_mech_kind_of(m, t) != NRN_DENSITY) {
        cli_error(PROG, "--insert %s: %s is not a density mechanism", spec, mech);
        return CLI_EXIT_FAIL;
    }
    for (int s = 0; s < nrn_section_count(m); s++) {
        if (!build_glob_match(glob, nrn_section_name(m, s)))
            continue;
        n++;
        if (!nrn_has_mech(m, s, mech) && nrn_insert(m, s, mech) != NRN_OK) {
            cli_error(PROG, "--insert %s: %s: %s", spec, nrn_section_name(m, s), nrn_errmsg(m));
            return CLI_EXIT_FAIL;
        }
    }
    if (n == 0) {
        cli_error(PROG, "--insert %s: no section matches \"%s\"", spec, glob);
        return CLI_EXIT_FAIL;
    }
    return 0;
}

/* Splits SPEC at its first '=' into the name (into name) and the value. 0 or -1. */
static int build_set_parse(const char *spec, char *name, size_t size, double *value)
{
    const char *eq = strchr(spec, '=');
    char *end;
    if (!eq || eq == spec || (size_t)(eq - spec) >= size)
        return -1;
    snprintf(name, size, "%.*s", (int)(eq - spec), spec);
    *value = strtod(eq + 1, &end);
    if (end == eq + 1 || *end || !isfinite(*value))
        return -2;
    return 0;
}

/* See build_edit.h. */
int build_set_check(const char *spec)
{
    char name[1024];
    double v;
    int rc = build_set_parse(spec, name, sizeof name, &v);
    if (rc == -1)
        cli_error(PROG, "--set %s: expected GLOB.PATH=VALUE (as 'dend*.g_pas=1e-4')", spec);
    else if (rc == -2)
        cli_error(PROG, "--set %s: the value is not a number", spec);
    return rc ? -1 : 0;
}

/* Sets SEC.path = v in every section matching glob that has path. 0 or exit status. */
static int build_set_sections(nrn_model *m, const char *spec, const char *glob, const char *path,
                              double v)
{
    char full[2048];
    int done = 0, first_missing = -1;
    char missing[512] = "";
    for (int s = 0; s < nrn_section_count(m); s++) {
        const char *name = nrn_section_name(m, s);
        nrn_ref ref;
        if (!build_glob_match(glob, name))
            continue;
        snprintf(full, sizeof full, "%s.%s", name, path);
        int rc = nrn_ref_lookup(m, full, &ref);
        if (rc == NRN_ENOTFOUND) {
            if (first_missing < 0) {
                first_missing = s;
                snprintf(missing, sizeof missing, "%s", nrn_errmsg(m));
            }
            continue;
        }
        if (rc == NRN_OK)
            rc = nrn_ref_set(m, &ref, v);
        if (rc != NRN_OK) {
            cli_error(PROG, "--set %s: %s: %s", spec, name, nrn_errmsg(m));
            return CLI_EXIT_FAIL;
        }
        done++;
    }
    if (done == 0) {
        cli_error(PROG, "--set %s: %s: %s", spec, nrn_section_name(m, first_missing), missing);
        return CLI_EXIT_FAIL;
    }
    return 0;
}

/* See build_edit.h. */
int build_set(nrn_model *m, const char *spec)
{
    char name[1024];
    double v;
    if (build_set_parse(spec, name, sizeof name, &v) != 0) {
        build_set_check(spec);
        return CLI_EXIT_USAGE;
    }
    /* the longest GLOB (split at a dot, from the right) that matches a section */
    for (char *dot = strrchr(name, '.'); dot; ) {
        *dot = 0;
        if (build_count_matches(m, name) > 0)
            return build_set_sections(m, spec, name, dot + 1, v);
        char *prev = strrchr(name, '.');
        *dot = '.';
        dot = prev;
    }
    /* no section: a plain value path */
    if (nrn_set(m, name, v) == NRN_OK)
        return 0;
    const char *dot = strchr(name, '.');
    if (dot && strpbrk(name, "*?[") && strpbrk(name, "*?[") < dot)
        cli_error(PROG, "--set %s: no section matches \"%.*s\"", spec, (int)(dot - name), name);
    else
        cli_error(PROG, "--set %s: %s", spec, nrn_errmsg(m));
    return CLI_EXIT_FAIL;
}

/* See build_edit.h. */
int build_nseg(nrn_model *m, int nseg)
{
    for (int s = 0; s < nrn_section_count(m); s++)
        if (nrn_section_set(m, s, NRN_SEC_NSEG, nseg) != NRN_OK) {
            cli_error(PROG, "--nseg %d: %s: %s", nseg, nrn_section_name(m, s), nrn_errmsg(m));
            return CLI_EXIT_FAIL;
        }
    return 0;
}

/* See build_edit.h. */
int build_dlambda(nrn_model *m, double d_lambda, double freq)
{
    int total = 0;
    if (nrn_section_count(m) == 0)
        return 0;
    if (nrn_geom_nseg(m, NULL, 0, freq, d_lambda, &total) != NRN_OK) {
        cli_error(PROG, "--d-lambda %g: %s", d_lambda, nrn_errmsg(m));
        return CLI_EXIT_FAIL;
    }
    return 0;
}
