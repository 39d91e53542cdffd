/*
** test_parallel.c: the engine's parallel networks (parallel.c) without MPI: each "rank" is a
** thread with a model of its own, and nrn_comm's collectives go through shared memory and
** a barrier. A ring of hh cells split round robin over 1, 2 and 3 ranks gives the same
** spikes to the last bit, also with each rank's cells on 2 or 3 threads (pc nthread); a
** gid owned twice or by no rank fails psolve on every rank (none is left waiting).
*/
#include <pthread.h>

#include "testutil.h"
#include "nrn.h"

#define MAXRANK 4
#define NCELL 6

/* The ranks' shared memory: each rank's contribution, read by all between two barriers. */
struct shared {
    pthread_barrier_t bar;
    int size;
    const void *data[MAXRANK];
    int bytes[MAXRANK];
    double x[MAXRANK][4];
};

/* One rank: its model and what it found. */
struct rank {
    struct shared *sh;
    int rank;
    nrn_model *m;
    int twice, unowned; /* the bad-input variants */
    int rc;             /* psolve's status */
    int together;       /* nrn_par_failed_together after it */
    nrn_spike spikes[256];
    int nspikes;
    int exchanges;      /* calls of the exchange callback */
};

/* Threads per rank of the next run_split (nrn_par_set_nthread). */
static int nthread = 1;

static void on_exchange(void *ud, nrn_model *m)
{
    (void)m;
    ((struct rank *)ud)->exchanges++;
}

/* Every rank's bytes, concatenated in rank order. */
static int gather(void *ud, const void *mine, int bytes, void **all, int *nall)
{
    struct rank *r = ud;
    struct shared *sh = r->sh;
    sh->data[r->rank] = mine;
    sh->bytes[r->rank] = bytes;
    pthread_barrier_wait(&sh->bar);
    int total = 0;
    for (int k = 0; k < sh->size; k++)
        total += sh->bytes[k];
    char *buf = malloc(total > 0 ? (size_t)total : 1);
    for (int k = 0, off = 0; k < sh->size; off += sh->bytes[k], k++)
        if (sh->bytes[k])
            memcpy(buf + off, sh->data[k], (size_t)sh->bytes[k]);
    pthread_barrier_wait(&sh->bar);
    *all = buf;
    *nall = total;
    return 0;
}

static int gather_spikes(void *ud, const nrn_spike *mine, int n, nrn_spike **all, int *nall)
{
    int rc = gather(ud, mine, n * (int)sizeof *mine, (void **)all, nall);
    *nall /= (int)sizeof **all;
    return rc;
}

static int gather_ints(void *ud, const int *mine, int n, int **all, int *nall)
{
    int rc = gather(ud, mine, n * (int)sizeof *mine, (void **)all, nall);
    *nall /= (int)sizeof **all;
    return rc;
}

static int reduce(void *ud, double *x, int n, int op)
{
    struct rank *r = ud;
    struct shared *sh = r->sh;
    memcpy(sh->x[r->rank], x, sizeof *x * (size_t)n);
    pthread_barrier_wait(&sh->bar);
    for (int i = 0; i < n; i++) {
        double v = sh->x[0][i];
        for (int k = 1; k < sh->size; k++) {
            double w = sh->x[k][i];
            v = op == 0 ? v + w : op == 1 ? (w > v ? w : v) : (w < v ? w : v);
        }
        x[i] = v;
    }
    pthread_barrier_wait(&sh->bar);
    return 0;
}

/* In the ranks' threads cmocka's asserts cannot be used (they jump to the main thread's
** context): a failed call prints the engine's message and aborts the test binary. */
#define OK(m, call)                                                                           \
    do {                                                                                       \
        int rc_ = (call);                                                                      \
        if (rc_ != NRN_OK) {                                                                   \
            fprintf(stderr, "%s:%d: %s: %s\n", __FILE__, __LINE__, #call, nrn_errmsg(m));    \
            abort();                                                                           \
        }                                                                                      \
    } while (0)

/* Builds this rank's cells of the ring: gid i on rank i % size, a one-compartment hh
** cell whose ExpSyn listens to gid i-1; a NetStim starts the wave at gid 0. */
static void build(struct rank *r)
{
    nrn_model *m = r->m = nrn_model_new();
    int size = r->sh->size, sec, pp, nc, tv, iv;
    char name[64], path[64];
    if (!m)
        abort();
    if (size > 1) {
        nrn_comm c = { .rank = r->rank, .size = size, .ud = r, .allgather_spikes = gather_spikes,
                       .allgather_ints = gather_ints, .allreduce = reduce };
        OK(m, nrn_par_set_comm(m, &c));
        OK(m, nrn_par_set_exchange_callback(m, on_exchange, r));
    }
    OK(m, nrn_par_set_nthread(m, nthread));
    for (int gid = r->rank; gid < NCELL; gid += size) {
        snprintf(name, sizeof name, "c%d", gid);
        OK(m, nrn_section_new(m, name, &sec));
        OK(m, nrn_section_set(m, sec, NRN_SEC_L, 20));
        OK(m, nrn_section_set(m, sec, NRN_SEC_DIAM, 20));
        OK(m, nrn_insert(m, sec, "hh"));
        snprintf(name, sizeof name, "s%d", gid);
        OK(m, nrn_pp_new(m, "ExpSyn", name, sec, 0.5, &pp));
        snprintf(path, sizeof path, "s%d.tau", gid);
        OK(m, nrn_set(m, path, 2));
        OK(m, nrn_gid_declare(m, gid));
        nrn_ref ref;
        snprintf(path, sizeof path, "c%d(0.5).v", gid);
        OK(m, nrn_ref_lookup(m, path, &ref));
        OK(m, nrn_gid_cell(m, gid, &ref, -1, NAN));
        snprintf(name, sizeof name, "nc%d", gid);
        OK(m, nrn_gid_connect(m, name, (gid + NCELL - 1) % NCELL, pp, &nc));
        OK(m, nrn_netcon_set(m, nc, NRN_NC_DELAY, 3 + 0.5 * gid));
        OK(m, nrn_netcon_set(m, nc, NRN_NC_WEIGHT, 0.05));
        if (gid == 0) {
            int ns;
            OK(m, nrn_pp_new(m, "NetStim", "ns", -1, 0, &ns));
            OK(m, nrn_set(m, "ns.number", 1));
            OK(m, nrn_set(m, "ns.start", 2));
            OK(m, nrn_netcon_new(m, "ncs", NULL, ns, pp, &nc));
            OK(m, nrn_netcon_set(m, nc, NRN_NC_WEIGHT, 0.05));
        }
    }
    if (r->twice) /* every rank claims gid 100 */
        OK(m, nrn_gid_declare(m, 100));
    if (r->unowned && r->rank == 0) {
        int ns;
        OK(m, nrn_pp_new(m, "IntFire1", "lone", -1, 0, &ns));
        OK(m, nrn_gid_connect(m, "ghost", 77, ns, NULL));
    }
    OK(m, nrn_vector_set(m, "tv", NULL, 0, &tv));
    OK(m, nrn_vector_set(m, "iv", NULL, 0, &iv));
    OK(m, nrn_spike_record(m, -1, tv, iv));
}

/* A rank's whole life: build, finitialize, psolve, collect its spikes. */
static void *run_rank(void *arg)
{
    struct rank *r = arg;
    build(r);
    OK(r->m, nrn_finitialize(r->m, -65));
    r->rc = nrn_psolve(r->m, 60);
    r->together = nrn_par_failed_together(r->m);
    size_t n = 0, n2 = 0;
    const double *t = nrn_vector_data(r->m, nrn_vector_find(r->m, "tv"), &n);
    const double *id = nrn_vector_data(r->m, nrn_vector_find(r->m, "iv"), &n2);
    for (size_t k = 0; k < n && r->nspikes < 256; k++)
        r->spikes[r->nspikes++] = (nrn_spike){ .t = t[k], .gid = (int)id[k] };
    return NULL;
}

static int spike_cmp(const void *a, const void *b)
{
    const nrn_spike *x = a, *y = b;
    return x->t < y->t ? -1 : x->t > y->t ? 1 : x->gid - y->gid;
}

/* Runs the ring on size ranks (threads); every rank's spikes, sorted, into out. */
static int together[MAXRANK]; /* each rank's nrn_par_failed_together, of the last split */
static int exchanges[MAXRANK]; /* each rank's exchange callbacks, of the last split */

static int run_split(int size, int twice, int unowned, nrn_spike *out, int *rcs)
{
    struct shared sh = { .size = size };
    struct rank r[MAXRANK];
    pthread_t th[MAXRANK];
    int n = 0;
    pthread_barrier_init(&sh.bar, NULL, (unsigned)size);
    for (int k = 0; k < size; k++) {
        r[k] = (struct rank){ .sh = &sh, .rank = k, .twice = twice, .unowned = unowned };
        pthread_create(&th[k], NULL, run_rank, &r[k]);
    }
    for (int k = 0; k < size; k++)
        pthread_join(th[k], NULL);
    for (int k = 0; k < size; k++) {
        memcpy(out + n, r[k].spikes, sizeof *out * (size_t)r[k].nspikes);
        n += r[k].nspikes;
        rcs[k] = r[k].rc;
        together[k] = r[k].together;
        exchanges[k] = r[k].exchanges;
        if (rcs[k] != NRN_OK)
            printf("rank %d: %s\n", k, nrn_errmsg(r[k].m));
        nrn_model_free(&r[k].m);
    }
    pthread_barrier_destroy(&sh.bar);
    qsort(out, (size_t)n, sizeof *out, spike_cmp);
    return n;
}

static void test_same_spikes_any_split(void **state)
{
    nrn_spike one[1024], many[1024];
    int rcs[MAXRANK];
    (void)state;
    int n1 = run_split(1, 0, 0, one, rcs);
    assert_int_equal(rcs[0], NRN_OK);
    assert_true(n1 >= 2 * NCELL); /* the wave went round twice */
    for (int size = 2; size <= 3; size++) {
        int n = run_split(size, 0, 0, many, rcs);
        for (int k = 0; k < size; k++)
            assert_int_equal(rcs[k], NRN_OK);
        assert_int_equal(n, n1);
        for (int i = 0; i < n; i++) {
            assert_int_equal(many[i].gid, one[i].gid);
            assert_memory_equal(&many[i].t, &one[i].t, sizeof(double));
        }
    }
}

/* Ranks of 2 and 3 threads: the same spikes; the exchange callback on every rank alike. */
static void test_same_spikes_with_threads(void **state)
{
    nrn_spike one[1024], many[1024];
    int rcs[MAXRANK];
    (void)state;
    nthread = 1;
    int n1 = run_split(1, 0, 0, one, rcs);
    for (nthread = 2; nthread <= 3; nthread++)
        for (int size = 1; size <= 3; size++) {
            int n = run_split(size, 0, 0, many, rcs);
            for (int k = 0; k < size; k++) {
                assert_int_equal(rcs[k], NRN_OK);
                assert_int_equal(exchanges[k], size > 1 ? exchanges[0] : 0);
            }
            if (size > 1)
                assert_true(exchanges[0] > 0);
            assert_int_equal(n, n1);
            for (int i = 0; i < n; i++) {
                assert_int_equal(many[i].gid, one[i].gid);
                assert_memory_equal(&many[i].t, &one[i].t, sizeof(double));
            }
        }
    nthread = 1;
    nrn_model *m = nrn_model_new();
    assert_int_equal(nrn_par_nthread(m), 1);
    assert_int_equal(nrn_par_set_nthread(m, 0), NRN_EINVAL);
    assert_string_equal(nrn_errmsg(m), "nthread must be >= 1, got 0");
    assert_int_equal(nrn_par_set_nthread(m, 4), NRN_OK);
    assert_int_equal(nrn_par_nthread(m), 4);
    nrn_model_free(&m);
}

static void test_bad_gids_fail_every_rank(void **state)
{
    nrn_spike s[1024];
    int rcs[MAXRANK];
    (void)state;
    run_split(2, 1, 0, s, rcs);
    assert_int_equal(rcs[0], NRN_EEXIST);
    assert_int_equal(rcs[1], NRN_EEXIST);
    assert_int_equal(together[0], 1);
    assert_int_equal(together[1], 1);
    run_split(2, 0, 1, s, rcs);
    assert_int_equal(rcs[0], NRN_ENOTFOUND);
    assert_int_equal(rcs[1], NRN_EINVAL);
    assert_int_equal(together[0], 1); /* it found the error */
    assert_int_equal(together[1], 2); /* another rank did */
    run_split(2, 0, 0, s, rcs);
    assert_int_equal(together[0], 0);
    run_split(1, 0, 1, s, rcs);
    assert_int_equal(rcs[0], NRN_ENOTFOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_spikes_any_split),
        cmocka_unit_test(test_same_spikes_with_threads),
        cmocka_unit_test(test_bad_gids_fail_every_rank),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
