/*
** nrn_mech.h: the mechanism interface, the contract between the engine and every
** mechanism type (translated from NMODL at build time or by nrn-build mod; the ions are
** hand-written, mechanisms/ions.c).
**
** A mechanism type is a const descriptor: a name and kind, a table of its variables,
** the ions it uses, and functions that operate on ALL instances of the type at once.
** Instance data is structure-of-arrays: column j of the variable table is one array
** md->col[j][0..n-1], instances in node order, so the hot loops walk memory linearly.
**
** Where each quantity lives in time (NEURON's fixed step, spec 2.5): after a step, v is
** at t; states were advanced with the new v (half a step ahead); assigned currents were
** computed at the step's midpoint with the old v.
*/
#ifndef NRN_MECH_H
#define NRN_MECH_H

#include <float.h>
#include <math.h>
#include "nrn.h"

/* The BEFORE/AFTER blocks of NMODL, in nrn_mech_type.ba. */
enum { NRN_BA_BEFORE_INITIAL, NRN_BA_AFTER_INITIAL, NRN_BA_BEFORE_BREAKPOINT,
       NRN_BA_AFTER_SOLVE, NRN_BA_BEFORE_STEP };

/* What the integrator hands to a mechanism function: the node arrays and the clock. */
typedef struct nrn_mech_ctx {
    double *v;         /* node voltages, mV */
    double *rhs;       /* right-hand side of the current balance, per node */
    double *d;         /* matrix diagonal, per node */
    const double *area;/* node area, um2 (100 for zero-area end and root nodes) */
    double t;          /* thread time: t_mid in cur, t_new in state, te in net_receive */
    double dt;         /* ms */
    double celsius;    /* degC */
    double cj;         /* 1/dt, or 2/dt with secondorder > 0 */
    int secondorder;   /* 0, 1 or 2 */
    struct nrn_model *model; /* for the event services below */
    double *at_next;   /* CVODE (re)initialization: earliest discontinuity after t, else NULL */
    const double *diam;/* node diameter, um (NMODL's diam; at segment nodes) */
    const double *mfact;/* 1.e2 / area per node: a point process's nA to mA/cm2, divided once
                        ** per compile, not per instance and step */
} nrn_mech_ctx;

/* Instance data of one mechanism type in a compiled model. */
typedef struct nrn_mech_data {
    int n;                       /* number of instances */
    int *node;                   /* node index of each instance */
    double **col;                /* col[var][instance], variables in table order */
    int **ion_inst;              /* ion_inst[k][instance]: instance of ion k at that node */
    struct nrn_mech_data **ion;  /* ion[k]: the data of the k-th ion the type uses */
    double *g;                   /* scratch: di/dv of each instance from the last cur, which
                                 ** nothing reads after the call (blocks_step.c shares it) */
    double *gvals;               /* the type's global values (table order), per model */
    void *gpriv;                 /* the type's private per-model state (tables) */
    int type;                    /* this type's index in the model */
    int *obj;                    /* point processes: the object id of each instance */
    int *style;                  /* ions: NEURON's ion style of each instance (NRN_STYLE_*) */
    double ***ptr;               /* POINTERs: ptr[k][instance], NULL where not set */
} nrn_mech_data;

/* How a mechanism uses an ion (flags may be or-ed). */
enum {
    NRN_ION_READ_E = 1,     /* reads the reversal potential */
    NRN_ION_READ_CONC = 2,  /* reads a concentration: e computed by Nernst at init */
    NRN_ION_WRITE_CUR = 4,  /* contributes to the ion current */
    NRN_ION_WRITE_CONC = 8, /* integrates a concentration: e by Nernst every step */
    NRN_ION_WRITE_E = 16,   /* sets the reversal potential */
    NRN_ION_WRITE_CI = 32,  /* with WRITE_CONC: writes the inside concentration */
    NRN_ION_WRITE_CO = 64   /* with WRITE_CONC: writes the outside concentration */
};

/*
** An ion instance's style, NEURON's "iontype" bits (eion.cpp): how its concentrations and
** reversal potential are treated. Every mechanism that uses the ion at a location promotes
** the style there (NEURON's nrn_promote); Tcl's ion_style sets it.
*/
enum {
    NRN_STYLE_CONC = 03,     /* concentrations: 0 unused, 1 constant, 2 assigned, 3 state */
    NRN_STYLE_CINIT = 04,    /* finitialize sets ci, co from the globals (nai0_na_ion ...) */
    NRN_STYLE_E = 030,       /* e: 0 unused, 1 constant, 2 assigned, 3 state (times 010) */
    NRN_STYLE_EINIT = 040,   /* finitialize (and a concentration write) sets e by Nernst */
    NRN_STYLE_EADVANCE = 0100, /* every step sets e by Nernst before the currents */
    NRN_STYLE_CI_WRITTEN = 0200, /* a mechanism writes ci (kept by ion_style) */
    NRN_STYLE_CO_WRITTEN = 0400  /* a mechanism writes co (kept by ion_style) */
};

typedef struct nrn_ion_use {
    const char *ion;  /* "na", "k", "ca", or any other name: its type is made on first use */
    int flags;        /* NRN_ION_* */
    double valence;   /* USEION ... VALENCE z, 0 if not given (na, k, ca have theirs) */
} nrn_ion_use;

/* A GLOBAL of a mechanism type (one value per model), e.g. usetable_hh. */
typedef struct nrn_global_info {
    const char *name;  /* as NEURON names it: "usetable_hh" */
    const char *unit;
    double def;
    const char *text;
    int assigned;      /* 1: an ASSIGNED GLOBAL the mechanism computes (minf_hh), a value to
                       ** read rather than a setting: model CSVs leave it out */
} nrn_global_info;

typedef void (*nrn_mech_fn)(const nrn_mech_ctx *c, nrn_mech_data *md);

/*
** NMODL's LONGITUDINAL_DIFFUSION: a state (or each element of a state array) that also
** diffuses along the sections between the instances of the type (src/engine/ldifus.c).
** coef gives instance inst's diffusion constant times cross-section for element ai, and
** its volume (the state's COMPARTMENT) in *vol; *dfdc gets d(flux)/d(conc) of the ion
** current feeding it, for CVODE's Jacobian (0 where none does).
*/
typedef struct nrn_ldifus {
    int col;     /* the state's column (an array's element 0) */
    int n;       /* elements: 1 for a scalar */
    int ion;     /* 0, or for a concentration that is the ion's state (as state_ion) k * 8 +
                 ** the ion column: the value then lives in the ion between the functions */
    double (*coef)(const nrn_mech_ctx *c, nrn_mech_data *md, int inst, int ai, double *vol,
                   double *dfdc);
} nrn_ldifus;

/* NET_RECEIVE: an event for instance inst with the NetCon's weight vector w (a zero
** vector for self events) and flag (0 for NetCon events); c->t is the event time. */
typedef void (*nrn_receive_fn)(const nrn_mech_ctx *c, nrn_mech_data *md, int inst, double *w,
                               double flag);

/*
** The back substitution of one unbranched chain of nodes (an axon, cable.c) as a state
** kernel's state_chain runs it: node i's rhs[i] -= b[i] * rhs[i - 1], rhs[i] /= d[i], v[i]
** += k * rhs[i], in node order. Each step waits on the division of the one before, the
** kernel's vector work on nothing of the chain: spread between the kernel's loops, the
** chain's steps find room in the processor's window (a stretch of waiting steps fills it and
** stalls the kernel behind them). The kernel keeps the chain 2 vectors of instances ahead of the
** instances whose state it computes, so their new v is ready when their look-ups load it.
*/
typedef struct nrn_chain {
    double *rhs, *v;
    const double *d, *b;
    double k;       /* 1, or 2 with Crank-Nicolson */
    double prev;    /* rhs[i - 1], kept out of memory between the steps */
    int i;          /* the next node */
    int lim;        /* nrn_chain_run stops before it */
    int hi;         /* the chain's end (its nodes are [first, hi)) */
    int bad;        /* 1: some v is no longer finite */
} nrn_chain;

#if defined(__GNUC__)
#define NRN_CHAIN_INLINE static inline __attribute__((always_inline))
#else
#define NRN_CHAIN_INLINE static inline
#endif

/* Up to n steps of the chain, not past ch->lim (always inline: the kernel keeps ch in
** registers). */
NRN_CHAIN_INLINE void nrn_chain_run(nrn_chain *ch, int n)
{
    for (int q = 0; q < n && ch->i < ch->lim; q++, ch->i++) {
        double r = (ch->rhs[ch->i] - ch->b[ch->i] * ch->prev) / ch->d[ch->i];
        ch->rhs[ch->i] = r;
        ch->prev = r;
        double nv = ch->v[ch->i] + ch->k * r;
        ch->v[ch->i] = nv;
        ch->bad |= !(fabs(nv) <= DBL_MAX);
    }
}

/* The rest of the chain, where there is one (ch not NULL). */
NRN_CHAIN_INLINE void nrn_chain_finish(nrn_chain *ch)
{
    if (ch) {
        ch->lim = ch->hi;
        nrn_chain_run(ch, ch->hi);
    }
}

/* The limit that has the chain reach node node_last (inclusive), within its end. */
NRN_CHAIN_INLINE int nrn_chain_upto(const nrn_chain *ch, int node_last)
{
    return node_last + 1 < ch->hi ? node_last + 1 : ch->hi;
}

/* The descriptor. A NULL function means "nothing to do". */
typedef struct nrn_mech_type {
    const char *name;              /* "hh", "IClamp", "na_ion" */
    nrn_mech_kind kind;            /* density, point process, artificial cell, ion */
    int nvar;                      /* number of variables (columns) */
    const nrn_var_info *vars;      /* variable table */
    int nion;                      /* number of ions used */
    const nrn_ion_use *ions;       /* ions used */
    int nglobal;                   /* number of globals */
    const nrn_global_info *globals;/* globals table */
    int electrode;                 /* point process with ELECTRODE_CURRENT (sign flip) */
    double charge;                 /* ions only: valence */
    size_t gpriv_size;             /* bytes of private per-model state, zeroed at creation */
    nrn_mech_fn init;              /* INITIAL block, with ctx->t = 0 */
    nrn_mech_fn cur;               /* BREAKPOINT currents: rhs -= i, d += di/dv (g kept) */
    nrn_mech_fn state;             /* SOLVE: advance states from t_new - dt to t_new */
    /* For the variable-step integrator (CVODE): the STATE variables as column indices in
    ** DERIVATIVE-block order, dy/dt into the scratch columns ode_out[k][i], and the
    ** diagonal of the Jacobian's state part solved as NEURON's "matsol" does:
    ** b[k][i] /= 1 - gamma * dfk/dyk. NULL where a type has no ODEs. */
    int nstate;                    /* states per instance (0 if none) */
    const int *state_vars;         /* nstate column indices */
    /* Per state, NULL if none is one: 0, or for a state that is an ion's concentration (a
    ** STATE cai with WRITE cai) k * 8 + the column of the k-th ion used (1 ci, 2 co). The
    ** integrator's value then lives in the ion, as NEURON's state is the ion's own cai:
    ** its Nernst potential and its readers follow each evaluation. */
    const int *state_ion;
    /* Per state, NULL if none has one: the STATE's own absolute tolerance factor (STATE
    ** { x <1e-6> }), 0 for none: CVODE's atol for its equations is atol times it unless an
    ** atolscale pattern names the state (NEURON's _cvode_abstol). */
    const double *state_tol;
    void (*ode_spec)(const nrn_mech_ctx *c, nrn_mech_data *md, double **ode_out);
    void (*ode_matsol)(const nrn_mech_ctx *c, nrn_mech_data *md, double gamma, double **b);
    nrn_receive_fn net_receive;    /* events (point processes, artificial cells) */
    int nweight;                   /* NET_RECEIVE arguments: the NetCon weight count */
    int npointer;                  /* POINTER variables (set by setpointer), */
    const char *const *pointers;   /* their NMODL names ("C"): md->ptr[k] */
    /* INITIAL inside NET_RECEIVE: run at finitialize for each NetCon targeting inst, on
    ** its weight vector (flag 0). NULL: NEURON's default, the weights after the first
    ** are zeroed. */
    nrn_receive_fn net_init;
    /* WATCH conditions: k-th condition's value for inst, > 0 meaning true. */
    int nwatch;
    double (*watch_value)(const nrn_mech_ctx *c, nrn_mech_data *md, int inst, int k);
    /* FUNCTION_TABLEs: names (the user's name adds _MECH) and argument counts */
    int nftable;
    const char *const *ftables;
    const int *ftable_nargs;
    /* BEFORE and AFTER blocks, indexed by NRN_BA_*: run for every instance where NEURON's
    ** nrn_ba runs them (ba.c); NULL where the type has none. */
    nrn_mech_fn ba[5];
    /* 1: the mechanism's code writes GLOBALs and it does not say THREADSAFE. NEURON's rule:
    ** such a mechanism is not thread safe, so a model that uses it runs on one thread
    ** (pc nthread) and nrn-sweep runs its points one at a time, not as replicas.
    ** 2: THREADSAFE (each thread's model has its own GLOBALs) but a GLOBAL it writes
    ** carries a value from one call to a later one: replicas of one model would share it,
    ** so nrn-sweep runs its points one at a time too. */
    int not_threadsafe;
    /* LONGITUDINAL_DIFFUSION states, NULL where none (density mechanisms only). */
    int nldifus;
    const nrn_ldifus *ldifus;
    /* 1: cur and state touch only each instance's own node, columns and ion instances (no
    ** POINTERs, events, random draws, output, or GLOBALs one instance leaves for another),
    ** so the fixed step may run them on part of the instances at a time (cable.c). */
    int inst_local;
    /* 1: a point process type whose code appends to a record vector (nrn_mech_record,
    ** NMODL's record_value): its objects take one (Tcl's NAME record VECTOR). */
    int records;
    /* cur and state on instances [i0, i1) only, NULL where the type has no such form: what
    ** cable.c calls for every 8 nodes of an axon between the steps of its serial chain, so
    ** the call must cost little next to 8 instances' work. Only for inst_local types. */
    void (*cur_range)(const nrn_mech_ctx *c, nrn_mech_data *md, int i0, int i1);
    void (*state_range)(const nrn_mech_ctx *c, nrn_mech_data *md, int i0, int i1);
    /* state_range with the back substitution of an axon's chain (ch, below) run between its
    ** vector loops: cable.c's forward sweep in one call. NULL where the type has no such
    ** form (the translator writes it for a tabled cnexp state). */
    void (*state_chain)(const nrn_mech_ctx *c, nrn_mech_data *md, int i0, int i1,
                        nrn_chain *ch);
} nrn_mech_type;


/* Event services for mechanism code (NMODL's net_send, net_move, net_event). */
/* Queues a self event for inst at c->t + delay with flag. */
void nrn_net_send(const nrn_mech_ctx *c, nrn_mech_data *md, int inst, double delay, double flag);
/* Moves inst's pending self event (the last one sent) to time t. */
void nrn_net_move(const nrn_mech_ctx *c, nrn_mech_data *md, int inst, double t);
/* inst spikes at time t: its NetCons deliver after their delays. */
void nrn_net_event(const nrn_mech_ctx *c, nrn_mech_data *md, int inst, double t);
/*
** NMODL's WATCH (cond) flag: makes condition k of inst active with flag (first: the
** conditions activated before by inst are dropped, as a new WATCH statement of NEURON
** replaces them). After each step (where thresholds are checked) an active condition
** that became true sends inst a self event with its flag at that t.
*/
void nrn_watch(const nrn_mech_ctx *c, nrn_mech_data *md, int inst, int k, double flag,
               int first);
/* FUNCTION_TABLE k of the type at args (n of them), interpolated in the values the user
** gave (nrn_function_table); none given: the call fails as an unset POINTER does. */
double nrn_func_table(const nrn_mech_ctx *c, nrn_mech_data *md, int k, int n,
                      const double *args);
/* FOR_NETCONS: the weight vector of the next NetCon targeting inst after *it (start at
** 0), in creation order, or NULL when there is none. */
double *nrn_for_netcons(const nrn_mech_ctx *c, nrn_mech_data *md, int inst, int *it);
/* Appends value to the vector the object records into (APCount.record), if any. */
void nrn_mech_record(const nrn_mech_ctx *c, nrn_mech_data *md, int inst, double value);
/*
** A uniform random number in (0,1) for inst: counter based, keyed by the model's seed,
** the object's name and stream, so it does not depend on creation order or on how a
** run is split. The counter restarts at finitialize.
*/
double nrn_mech_random(const nrn_mech_ctx *c, nrn_mech_data *md, int inst, int stream);

/*
** NMODL's random functions (scop_random, unirand, normrand, exprand, set_seed) for any
** mechanism: counter based as nrn_mech_random, keyed by the model's seed and the instance
** (an object's name; a section's name, the segment and the mechanism), *counter being the
** instance's draw count (a column the INITIAL of generated code zeroes). counter NULL: a
** point process's draws, which are those of nrn_mech_random(c, md, inst, 0) (so a NetStim
** written in NMODL draws what the engine's NetStim drew). NEURON draws from one shared
** generator instead, so the numbers differ from NEURON's.
*/
double nrn_mech_uniform(const nrn_mech_ctx *c, nrn_mech_data *md, int inst, double *counter);
double nrn_mech_normal(const nrn_mech_ctx *c, nrn_mech_data *md, int inst, double *counter,
                       double mean, double sd);
double nrn_mech_set_seed(const nrn_mech_ctx *c, nrn_mech_data *md, int inst, double seed,
                         double *counter);

/*
** A POINTER of inst that was never set (or whose value went away), read or written by
** mechanism code: records the error that ends the current simulation call (naming the
** object and the variable) and returns a scratch value so the code can finish the call.
*/
double *nrn_pointer_unset(const nrn_mech_ctx *c, nrn_mech_data *md, int inst, int k);

/* NMODL's EXTERNAL name: the global of the model with that name (another mechanism's,
** as minf_hh, or celsius); none: the call fails as an unset POINTER does. */
double *nrn_external(const nrn_mech_ctx *c, const char *name);

/*
** NMODL's LAG x BY lagt, k-th LAG statement of the type, for inst: x as it was lagt ms
** before c->t, from the (t, x) pairs of the statement's earlier calls since finitialize
** (scopmath's lag: linear between them; before lagt has passed, the first x).
*/
double nrn_lag(const nrn_mech_ctx *c, nrn_mech_data *md, int inst, int k, double x,
               double lagt);

/*
** NMODL's at_time(te) in a BREAKPOINT: a discontinuity at te (a pulse's onset or end).
** During a CVODE (re)initialization the engine collects the earliest te after t and
** stops the integrator exactly there; otherwise (fixed step) it does nothing.
*/
static inline void nrn_at_time(const nrn_mech_ctx *c, double te)
{
    if (c->at_next && te > c->t && te < *c->at_next)
        *c->at_next = te;
}

/*
** Adds a point process's current to its node as nocmodl's nrn_cur does: i(v+.001) = gv
** and i(v) = r in nA, g = (gv - r)/.001, both scaled by 100/area so the node equation
** stays in mA/cm2 (nA at zero-area nodes); an electrode current enters with the
** opposite sign. Returns the scaled g.
*/
static inline double nrn_pp_current(const nrn_mech_ctx *c, int nd, double gv, double r,
                                    int electrode)
{
    double g = (gv - r) / .001;
    double mfact = 1.e2 / c->area[nd];
    g *= mfact;
    r *= mfact;
    if (electrode) {
        c->rhs[nd] += r;
        c->d[nd] -= g;
    } else {
        c->rhs[nd] -= r;
        c->d[nd] += g;
    }
    return g;
}

/* Built-in types (mechanisms/). */
extern const nrn_mech_type nrn_mech_na_ion, nrn_mech_k_ion, nrn_mech_ca_ion;
extern const nrn_mech_type nrn_mech_pas, nrn_mech_hh, nrn_mech_iclamp;
extern const nrn_mech_type nrn_mech_alphasynapse, nrn_mech_expsyn, nrn_mech_exp2syn;
extern const nrn_mech_type nrn_mech_seclamp, nrn_mech_vclamp, nrn_mech_apcount;
extern const nrn_mech_type nrn_mech_netstim, nrn_mech_intfire1, nrn_mech_intfire2;
extern const nrn_mech_type nrn_mech_intfire4;

/* exp(x) with the C library's result bit for bit, faster (no errno wrapper, no PLT call;
** exp_exact.c). Mechanisms use it wherever NEURON's mechanism calls exp. Loops that the
** compiler vectorizes call its vector forms (exp_simd.c), which give every lane the same
** bits. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
__attribute__((simd("notinbranch")))
#endif
double nrn_exp(double x);

/* exp as NEURON's mechanisms have it (hoc_Exp): 0 below -700, exp(700) above 700, nrn_exp
** between (exp_hoc.c); what a translated .mod file's exp calls. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
__attribute__((simd("notinbranch")))
#endif
double nrn_hexp(double x);

/* Nernst potential in mV for concentrations ci, co (mM), valence z, at celsius. */
double nrn_nernst(double ci, double co, double z, double celsius);

/*
** The ion types' own functions (src/engine/ion.c). init: concentrations from the globals
** where the style says cinit, then e by Nernst where einit. cur: first in every step,
** clears the total current and its derivative, then e by Nernst where eadvance.
*/
void nrn_ion_init(const nrn_mech_ctx *c, nrn_mech_data *md);
void nrn_ion_cur(const nrn_mech_ctx *c, nrn_mech_data *md);
/* After a mechanism's INITIAL wrote a concentration of instance inst of ion md: e by
** Nernst if its style says einit (NEURON's nrn_wrote_conc). */
void nrn_ion_wrote_conc(const nrn_mech_ctx *c, nrn_mech_data *md, int inst);

/* Physical constants of NEURON's default ("modern") units. */
#define NRN_FARADAY 96485.33212331001
#define NRN_GASCONST 8.31446261815324
#define NRN_PI 3.14159265358979323846

#endif /* NRN_MECH_H */
