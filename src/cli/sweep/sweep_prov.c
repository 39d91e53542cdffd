/*
** sweep_prov.c: what nrn-sweep writes besides the result rows: the provenance row of a run
** (tool and library versions, host, command, SHA-256 digests of the scripts and models,
** simulation settings, points planned and skipped) and the result CSV (-o FILE, written
** atomically, or standard output).
*/
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>
#include <tcl.h>

#include "atomfile.h"
#include "nrn.h"
#include "nrntcl.h"
#include "sweep_db.h"
#include "sweep_sha256.h"
#include "sweep_int.h"

/* Current UTC time as ISO 8601 into buf (32 bytes). */
const char *sweep_prov_iso_now(char *buf)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

/* Appends "text" to a growing string (space-separated); returns the new string. */
static char *sweep_cat(char *s, const char *text)
{
    size_t a = s ? strlen(s) : 0, b = strlen(text);
    char *t = realloc(s, a + b + 2);
    if (t == NULL)
        return s;
    if (a)
        t[a++] = ' ';
    memcpy(t + a, text, b + 1);
    return t;
}

/* Digests of files (space-separated) and their names, into *names and *digests. */
static void sweep_digests(const char *const *paths, int n, char **names, char **digests)
{
    *names = NULL;
    *digests = NULL;
    for (int i = 0; i < n; i++) {
        char hex[65];
        if (sweep_sha256_file(paths[i], hex) != 0)
            strcpy(hex, "unreadable");
        *names = sweep_cat(*names, paths[i]);
        *digests = sweep_cat(*digests, hex);
    }
}

/* s, or "" for NULL. */
static const char *sweep_str(const char *s)
{
    return s ? s : "";
}

/*
** A token that tells process pid's life from that of a later process given the same pid:
** the boot's id and the process's start time in clock ticks (Linux's /proc), into buf
** (96 bytes). NULL where /proc does not say.
*/
static const char *sweep_prov_start_token(long pid, char *buf)
{
    char path[64], line[1024], boot[64] = "";
    const char *p;
    unsigned long long start = 0;
    FILE *fp;
    size_t n;

    if ((fp = fopen("/proc/sys/kernel/random/boot_id", "r")) != NULL) {
        if (fgets(boot, sizeof boot, fp) == NULL)
            boot[0] = '\0';
        fclose(fp);
    }
    boot[strcspn(boot, "\n")] = '\0';
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    if ((fp = fopen(path, "r")) == NULL)
        return NULL;
    n = fread(line, 1, sizeof line - 1, fp);
    fclose(fp);
    line[n] = '\0';
    /* after the command name in parentheses: state, then 18 fields, then starttime */
    if ((p = strrchr(line, ')')) == NULL ||
        sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %*d %*d "
                      "%*d %*d %llu", &start) != 1)
        return NULL;
    snprintf(buf, 96, "%s:%llu", boot, start);
    return buf;
}

/* Whether the nrn-sweep that wrote a provenance row (pid, its start token) still runs. */
static int sweep_prov_alive(long pid, const char *start)
{
    char now[96];
    const char *tok;
    if (pid <= 0 || (kill((pid_t)pid, 0) != 0 && errno != EPERM))
        return 0;
    tok = sweep_prov_start_token(pid, now);
    return start == NULL || start[0] == '\0' || tok == NULL || strcmp(start, tok) == 0;
}

/* Writes the provenance row of this run. 0 or -1 with err. */
int sweep_prov_write(struct sweep *s, struct sweep_db *db, int argc, char **argv,
                     size_t skipped, char *err, size_t errsize)
{
    nrn_model *m = nrntcl_model(s->st);
    char tclv[32], host[256] = "", cwd[PATH_MAX] = "", now[32], *cmd = NULL, *snames, *sdig,
         *mnames, *mdig, *measure = NULL, stim[128], shard[64], *proto = NULL, *prev, token[96];
    double dt = NAN, tstop = NAN, celsius = NAN, vinit = NAN, second = NAN;
    int major, minor, patch, type, rc, nf = 0;
    struct sweep_prov f[44];

    Tcl_GetVersion(&major, &minor, &patch, &type);
    snprintf(tclv, sizeof tclv, "%d.%d.%d", major, minor, patch);
    gethostname(host, sizeof host - 1);
    /* rows left 'running' by sweeps killed before they could say so (SIGKILL, a crash, a
    ** power cut) are over: say so, before this run adds its own */
    if (sweep_db_prov_stale(db, host, sweep_prov_alive, err, errsize) < 0)
        return -1;
    if (getcwd(cwd, sizeof cwd) == NULL)
        cwd[0] = '\0';
    for (int i = 0; i < argc; i++)
        cmd = sweep_cat(cmd, argv[i]);
    sweep_digests((const char *const *)s->scripts, s->nscripts, &snames, &sdig);
    sweep_digests(s->a.models, s->a.nmodels, &mnames, &mdig);
    for (int i = 0; i < s->nfeats; i++)
        measure = sweep_cat(measure, s->feat_names[i]);
    nrn_get(m, "dt", &dt);
    nrn_get(m, "tstop", &tstop);
    nrn_get(m, "celsius", &celsius);
    nrn_get(m, "v_init", &vinit);
    nrn_get(m, "secondorder", &second);
    if (s->stim_fixed)
        snprintf(stim, sizeof stim, "%g:%g", s->fo.stim_start, s->fo.stim_end);
    else
        snprintf(stim, sizeof stim, "%s", s->a.stim ? s->a.stim : "first IClamp");
    snprintf(shard, sizeof shard, "%s", s->a.shard ? s->a.shard : "1/1");
    if (!s->script_mode)
        proto = strdup(Tcl_GetString(s->proto));
    prev = sweep_db_prev_digest(db);
    if (prev && sdig && strcmp(prev, sdig) != 0)
        cli_error(PROG, "warning: the script changed since this table's earlier runs; points "
                        "already done are kept (use --force to run them again)");
    free(prev);
#define PT(n, v) (f[nf].name = (n), f[nf].text = sweep_str(v), f[nf].num = 0, nf++)
#define PN(n, v) (f[nf].name = (n), f[nf].text = NULL, f[nf].num = (v), nf++)
    PT("tool", PROG);
    PT("version", NRN_VERSION);
    PT("libnrn", NRN_VERSION);
    PT("tcl", tclv);
    PT("sqlite", sqlite3_libversion());
    PT("host", host);
    PT("cwd", cwd);
    PT("command", cmd);
    PT("scripts", snames);
    PT("script_sha256", sdig);
    PT("models", mnames);
    PT("model_sha256", mdig);
    PT("mode", s->script_mode ? "script per point" : "replay");
    PT("protocol", proto);
    int cvode = nrn_cvode_get(m, NRN_CV_ACTIVE) != 0;
    int local = cvode && nrn_cvode_get(m, NRN_CV_LOCAL) != 0;
    PT("solver", local   ? "local variable step (a CVODE, BDF, per cell)"
                 : cvode ? "variable step (CVODE, BDF)"
                 : second == 2 ? "fixed step, Crank-Nicolson (secondorder 2)"
                 : second == 1 ? "fixed step, secondorder 1" : "fixed step, backward Euler");
    PN("dt", dt);
    PN("tstop", tstop);
    PN("celsius", celsius);
    PN("v_init", vinit);
    PN("secondorder", second);
    PN("atol", cvode ? nrn_cvode_get(m, NRN_CV_ATOL) : NAN);
    PN("rtol", cvode ? nrn_cvode_get(m, NRN_CV_RTOL) : NAN);
    PN("seed", s->a.has_seed ? (double)s->a.seed : NAN);
    PN("threshold", s->fo.threshold);
    PT("stim", stim);
    PT("measure", measure);
    PT("on_column", s->a.on ? s->a.on : "first recorded after t");
    PN("jobs", s->a.jobs);
    PT("shard", shard);
    PN("timeout", s->a.timeout > 0 ? s->a.timeout : NAN);
    PN("points_planned", (double)s->plan.npoints);
    PN("points_skipped", (double)skipped);
    PT("started", sweep_prov_iso_now(now));
    PT("status", "running");
    PN("pid", (double)getpid());
    PT("pid_start", sweep_prov_start_token((long)getpid(), token));
#undef PT
#undef PN
    rc = sweep_db_prov_start(db, f, nf, err, errsize);
    free(cmd);
    free(snames);
    free(sdig);
    free(mnames);
    free(mdig);
    free(measure);
    free(proto);
    return rc;
}

/* Writes the result CSV (-o FILE atomically, else stdout). Exit status or 0. */
int sweep_prov_csv(struct sweep *s, struct sweep_db *db)
{
    struct atomfile af;
    char err[512];
    int to_file = s->a.output && strcmp(s->a.output, "-") != 0;
    FILE *fp = stdout;
    if (to_file) {
        if (atomfile_open(&af, s->a.output) != 0) {
            cli_error(PROG, "cannot write %s: %s", s->a.output, strerror(errno));
            return CLI_EXIT_FAIL;
        }
        fp = af.fp;
    }
    if (sweep_db_csv(db, fp, s->a.digits, err, sizeof err) != 0 || fflush(fp) != 0) {
        cli_error(PROG, "cannot write %s: %s", to_file ? s->a.output : "standard output",
                  strerror(errno));
        if (to_file)
            atomfile_abort(&af);
        return CLI_EXIT_FAIL;
    }
    if (to_file && atomfile_commit(&af) != 0) {
        cli_error(PROG, "cannot write %s: %s", s->a.output, strerror(errno));
        return CLI_EXIT_FAIL;
    }
    return 0;
}
