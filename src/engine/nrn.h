/*
** nrn.h: the public interface of libnrn, the simulation engine.
**
** Front ends (the Tcl layer, the commands, the TUI) include this header only.
** The engine reproduces NEURON 8.2.2's fixed-step numerics; see HACKING.md for the
** tour of the code behind this interface.
**
** Conventions
**  - Every fallible function returns an nrn_status: NRN_OK (0) or a positive code.
**    On failure a one-line message naming the bad thing is left on the model
**    (nrn_errmsg) and the model is unchanged.
**  - Returned char* belongs to the caller (free() it); returned const char* is
**    borrowed: valid until the next call that changes the model.
**  - Units are NEURON's: um, ms, mV, nA, uS, S/cm2, mA/cm2, uF/cm2, ohm cm, degC.
**  - The library keeps no global state, never prints, never exits, never reads
**    the environment: several models may live in one process.
*/
#ifndef NRN_H
#define NRN_H

#include <stddef.h>
#include <stdio.h>

#define NRN_VERSION "0.1.0"

/* Status codes. */
typedef enum nrn_status {
    NRN_OK = 0,
    NRN_EINVAL = 1,    /* bad argument (malformed path, value out of range) */
    NRN_ENOTFOUND = 2, /* no such section, mechanism, variable or object */
    NRN_EEXIST = 3,    /* a name already in use */
    NRN_ENOMEM = 4,    /* out of memory */
    NRN_ETOPOLOGY = 5, /* connecting would make a loop or connect a section to itself */
    NRN_ENUMERIC = 6,  /* the simulation produced a non-finite value */
    NRN_EIO = 7,       /* a file could not be read or written */
    NRN_EFORMAT = 8,   /* a file's contents are malformed */
    NRN_ECANCELED = 9  /* the caller's cancel flag stopped the simulation (nrn_set_cancel) */
} nrn_status;

/* The model: sections, mechanisms, point processes, records and the simulator state. */
typedef struct nrn_model nrn_model;

/* A resolved value path (see "Values" below); plain data, copy freely. */
typedef struct nrn_ref {
    int kind;      /* internal: what the path names */
    int sec;       /* section id, or -1 */
    double x;      /* position in the section */
    int mech;      /* mechanism type, or -1 */
    int var;       /* variable index within its owner */
    int obj;       /* point process id, or -1 */
} nrn_ref;

/* Name of a status code, e.g. "EINVAL" (static string). */
const char *nrn_status_name(int rc);

/* The message of the last failed call on m ("" if none). Borrowed. */
const char *nrn_errmsg(const nrn_model *m);

/* Creates an empty model with NEURON's defaults. Returns NULL when out of memory. */
nrn_model *nrn_model_new(void);

/*
** A deep copy of m in *out: sections, mechanisms and their values, point processes, spike
** sources, NetCons, vectors, plays, records (empty), globals; not the callbacks, the queue or
** the compiled form. The copy runs exactly as m does and is independent of it, so each of
** several threads can run its own copy. Errors: NRN_EINVAL for a replicated model,
** NRN_ENOMEM.
*/
int nrn_model_clone(nrn_model *m, nrn_model **out);

/*
** Simulation calls on m stop with NRN_ECANCELED soon after *flag becomes nonzero (checked
** every step and every few thousand events), so another thread can stop a run that takes
** too long. NULL: never.
*/
void nrn_set_cancel(nrn_model *m, const volatile int *flag);

/*
** Notices: one-line messages about something the engine did on the caller's behalf that
** the caller may not expect (run changing dt to fit steps_per_ms, as NEURON's "Changed
** dt"). The engine prints nothing itself; fn NULL (the default): notices are dropped.
*/
typedef void (*nrn_notice_fn)(void *ud, nrn_model *m, const char *msg);
void nrn_set_notice_callback(nrn_model *m, nrn_notice_fn fn, void *ud);

/* Frees the model and everything it owns; sets *pm to NULL. NULL-safe. */
void nrn_model_free(nrn_model **pm);

/* ---------------------------------------------------------------------------------------
** Sections
*/

/* Section properties for nrn_section_set / nrn_section_get. */
typedef enum nrn_secprop {
    NRN_SEC_L,          /* length, um (with 3-D points: scales them) */
    NRN_SEC_DIAM,       /* diameter of every segment, um (get: the segment at 0.5) */
    NRN_SEC_NSEG,       /* number of segments, >= 1 */
    NRN_SEC_RA,         /* axial resistivity, ohm cm */
    NRN_SEC_CM,         /* specific capacitance of every segment (get: at 0.5), uF/cm2 */
    NRN_SEC_RALLBRANCH  /* rallbranch factor, >= 1 */
} nrn_secprop;

/*
** Creates a section named name (NEURON's defaults: L 100, diam 500, nseg 1, Ra 35.4,
** cm 1) and stores its id in *id. Errors: NRN_EEXIST if the name is taken,
** NRN_EINVAL for an empty name or one with white space or a '(' or ')'.
*/
int nrn_section_new(nrn_model *m, const char *name, int *id);

/* Id of the section named name, or -1. */
int nrn_section_find(const nrn_model *m, const char *name);

/* Number of sections; ids run from 0 to count-1 in creation order. */
int nrn_section_count(const nrn_model *m);

/* The section's name (borrowed), or NULL for a bad id. */
const char *nrn_section_name(const nrn_model *m, int sec);

/* Sets or gets one property; values are checked (L > 0, diam > 0, nseg in 1..32767 ...). */
int nrn_section_set(nrn_model *m, int sec, nrn_secprop prop, double value);
int nrn_section_get(nrn_model *m, int sec, nrn_secprop prop, double *value);

/*
** Attaches child's end childend (0 or 1) to parent at x in [0,1], as NEURON's
** child.connect(parent(x), childend). A child already connected is moved.
** Errors: NRN_ETOPOLOGY for a self connection or a loop, NRN_EINVAL for x outside [0,1].
*/
int nrn_connect(nrn_model *m, int child, double childend, int parent, double x);

/* Makes sec a root section again. */
int nrn_disconnect(nrn_model *m, int sec);

/* The parent section of sec (-1 for a root) and the attachment points. */
int nrn_section_parent(const nrn_model *m, int sec, int *parent, double *parent_x,
                       double *child_end);

/* ---------------------------------------------------------------------------------------
** 3-D points (stored as 32-bit floats, as NEURON does)
*/
int nrn_pt3dadd(nrn_model *m, int sec, double x, double y, double z, double diam);
int nrn_pt3dclear(nrn_model *m, int sec);
/* Number of 3-D points of sec (0 for a bad id). */
int nrn_n3d(const nrn_model *m, int sec);
/* Point i of sec: xyzd = {x, y, z, diam}, *arc = arc length from the first point. */
int nrn_pt3d_get(nrn_model *m, int sec, int i, double xyzd[4], double *arc);

/* ---------------------------------------------------------------------------------------
** Density mechanisms ("hh", "pas")
*/
int nrn_insert(nrn_model *m, int sec, const char *mech);
int nrn_uninsert(nrn_model *m, int sec, const char *mech);
/* 1 if mech is inserted in sec, else 0. */
int nrn_has_mech(const nrn_model *m, int sec, const char *mech);
/*
** NEURON's ion_style for section sec and ion ("ca_ion"): *old gets the ion's style at the
** section's first segment (NEURON's bits: 03 concentrations unused/constant/assigned/state,
** 04 cinit, 030 e unused/constant/assigned/state, 040 einit, 0100 eadvance), -1 when the
** ion is not in sec. When style is not NULL, its five values (c_style 0..3, e_style 0..3,
** einit, eadvance, cinit 0..1) become the style of the whole section.
*/
int nrn_ion_style(nrn_model *m, int sec, const char *ion, const int *style, int *old);

/* ---------------------------------------------------------------------------------------
** Point processes ("IClamp", "ExpSyn", ...) and artificial cells ("NetStim", "IntFire1")
*/
/*
** Creates a point process of type type named name at sec(x) and stores its id.
** Artificial cells have no location: pass sec = -1 (x is ignored).
** Errors: NRN_ENOTFOUND for an unknown type, NRN_EEXIST for a used name.
*/
int nrn_pp_new(nrn_model *m, const char *type, const char *name, int sec, double x, int *id);
int nrn_pp_delete(nrn_model *m, int pp);
/* Id of the point process named name, or -1. */
int nrn_pp_find(const nrn_model *m, const char *name);
/*
** NMODL POINTERs (NEURON's setpointer): from now on the POINTER named by target reads and
** writes the value named by the path source. target is "OBJ.VAR" (POINTER VAR of a point
** process) or "SEC(X).VAR_MECH" (of a density mechanism inserted there). The binding
** holds through recompilation and is dropped with its object. Errors: NRN_ENOTFOUND for
** an unknown target or source, NRN_EINVAL for a source that is computed, not stored (area,
** a section's L).
*/
int nrn_setpointer(nrn_model *m, const char *target, const char *source);
/*
** NMODL FUNCTION_TABLE values (NEURON's table_NAME): name is "NAME_MECH" (alp_cagkftab).
** ndim 0: the constant y[0]. Else ndim is the function's argument count and y holds the
** product of nsize[i] values, row major (the last argument varies fastest); argument i
** takes the nsize[i] increasing values x[i], or when x[i] is NULL values spaced evenly
** from min[i] to max[i]. Copied. Errors: NRN_ENOTFOUND, NRN_EINVAL (a count or a grid that
** does not fit), NRN_ENOMEM.
*/
int nrn_function_table(nrn_model *m, const char *name, int ndim, const double *y,
                       const int *nsize, const double *const *x, const double *min,
                       const double *max);
/* Type name of a point process (borrowed), or NULL. */
const char *nrn_pp_type(const nrn_model *m, int pp);
/* Where the point process is: section id and x as given (NEURON reports the node's x). */
int nrn_pp_loc(const nrn_model *m, int pp, int *sec, double *x);
/*
** The segment NEURON's get_segment() and get_loc() report: the section, and the x of the
** node the point process sits on: 0 or 1 at an end, else the centre of its segment
** ((i + 0.5) / nseg, mirrored in a section attached by its 1 end). Errors: NRN_ENOTFOUND,
** NRN_EINVAL for an artificial cell (it has no location).
*/
int nrn_pp_segment(nrn_model *m, int pp, int *sec, double *x);
/* Moves it to sec(x). */
int nrn_pp_move(nrn_model *m, int pp, int sec, double x);
/* Values the object's mechanism records (APCount's spike times) go to vector vec
** (emptied at finitialize); -1 stops. */
int nrn_pp_record(nrn_model *m, int pp, int vec);

/*
** Listing objects (src/engine/objects.c): point processes and artificial cells have ids 0 to
** nrn_pp_count - 1, NetCons 0 to nrn_netcon_count - 1; a deleted one's name is NULL.
*/
int nrn_pp_count(const nrn_model *m);
/* Name of point process pp (borrowed), or NULL for a bad or deleted id. */
const char *nrn_pp_name(const nrn_model *m, int pp);
int nrn_netcon_count(const nrn_model *m);
/* Name of NetCon nc (borrowed), or NULL for a bad or deleted id. */
const char *nrn_netcon_name(const nrn_model *m, int nc);
/* What NetCon nc watches, as spikes name it ("soma(0.5).v" or an object's name; borrowed),
** or NULL for a bad id. */
const char *nrn_netcon_source(const nrn_model *m, int nc);
/* The point process NetCon nc delivers to, or -1 (none, or a bad id). */
int nrn_netcon_target(const nrn_model *m, int nc);

/* ---------------------------------------------------------------------------------------
** Vectors: named arrays of doubles owned by the model (spike records, Vector.play data)
*/
/* Creates (or replaces the contents of) the vector named name with n values (data may be
** NULL when n is 0); *id receives its id. */
int nrn_vector_set(nrn_model *m, const char *name, const double *data, size_t n, int *id);
/* Id of the vector named name, or -1. */
int nrn_vector_find(const nrn_model *m, const char *name);
/* Contents of vector id (borrowed) and its length; NULL for a bad id. */
const double *nrn_vector_data(const nrn_model *m, int id, size_t *n);
/* Name of vector id (borrowed), or NULL. */
const char *nrn_vector_name(const nrn_model *m, int id);
int nrn_vector_count(const nrn_model *m);

/*
** Vector play (NEURON's Vector.play): drives the value ref from vector y. Times come
** from vector tvec (tvec >= 0) or are 0, dt_play, 2 dt_play, ... (tvec = -1). Without
** continuous, each y[i] is assigned as an event at its time; with continuous, the value
** is interpolated linearly at every step (at the step's midpoint and end).
*/
int nrn_play(nrn_model *m, const nrn_ref *ref, int y, int tvec, double dt_play, int continuous);
/* Removes every play. */
void nrn_play_clear(nrn_model *m);

/* ---------------------------------------------------------------------------------------
** NetCon: a connection from a spike source to a target that receives events
*/
typedef enum nrn_ncprop {
    NRN_NC_THRESHOLD, /* mV, shared by every NetCon of the same source variable */
    NRN_NC_DELAY,     /* ms, >= 0 */
    NRN_NC_WEIGHT,    /* weight[0] (use nrn_netcon_set_weight for the others) */
    NRN_NC_ACTIVE     /* 1 or 0 */
} nrn_ncprop;

/*
** Creates a NetCon named name. The source is either a value (source != NULL, e.g.
** soma(0.5).v, watched for threshold crossings) or a point process / artificial cell
** (source_pp >= 0) whose net_event fires it. target_pp is the receiving point process or
** artificial cell, or -1 for none (a spike detector). Defaults: threshold 10, delay 1,
** weight 0, active.
*/
int nrn_netcon_new(nrn_model *m, const char *name, const nrn_ref *source, int source_pp,
                   int target_pp, int *id);
int nrn_netcon_delete(nrn_model *m, int nc);
/* Id of the NetCon named name, or -1. */
int nrn_netcon_find(const nrn_model *m, const char *name);
int nrn_netcon_set(nrn_model *m, int nc, nrn_ncprop prop, double value);
int nrn_netcon_get(nrn_model *m, int nc, nrn_ncprop prop, double *value);
/* weight[k]; k < the number of NET_RECEIVE arguments of the target (at least 1). */
int nrn_netcon_set_weight(nrn_model *m, int nc, int k, double w);
int nrn_netcon_get_weight(nrn_model *m, int nc, int k, double *w);
int nrn_netcon_weight_count(const nrn_model *m, int nc);
/*
** Spike times of the NetCon's source are appended to vector vec (emptied at
** finitialize), as NetCon.record; vec = -1 stops recording. Several NetCons may record
** into one vector. Also every spike of every source can be collected with the callback.
*/
int nrn_netcon_record(nrn_model *m, int nc, int vec);
typedef void (*nrn_spike_fn)(void *ud, nrn_model *m, const char *source, double t);
void nrn_set_spike_callback(nrn_model *m, nrn_spike_fn fn, void *ud);
/*
** The same for a callback that only collects the spikes (writes them out, counts them) and
** neither reads nor changes the model. It is called in NEURON's order, with the model's t at
** the spike's step, but may be called after later steps of other cells have run: the steps
** of many cells may then run in windows (each group of cells taking several steps before
** the next), which a callback that may change the model rules out.
*/
void nrn_set_spike_collector(nrn_model *m, nrn_spike_fn fn, void *ud);

/* ---------------------------------------------------------------------------------------
** Parallel networks (src/engine/parallel.c), after NEURON's ParallelContext: every cell
** that sends spikes to others has a global id (gid) owned by exactly one rank; a NetCon
** from a gid (nrn_gid_connect) works the same whether the gid's cell is on this rank or
** another. Spikes of the cells of other ranks arrive through the caller's communicator,
** exchanged every minimum-delay interval (the smallest delay of a NetCon whose source is
** on another rank), so cells on a rank are independent between exchanges and the spike
** times do not depend on how the cells are split.
*/
/* One spike: the cell's gid and the time, as exchanged between ranks. */
typedef struct nrn_spike {
    double t;
    int gid;
    int pad; /* 0; keeps the struct 16 bytes on every platform */
} nrn_spike;

/* The ranks' collective operations (src/mpi provides them over MPI); every rank calls
** each one in the same order. Each returns 0, or nonzero when the communication failed. */
typedef struct nrn_comm {
    int rank;     /* this rank, 0 .. size-1 */
    int size;     /* number of ranks */
    void *ud;     /* the implementation's state */
    /* every rank's n spikes, concatenated in rank order, into *all (malloc'ed, the caller
    ** frees it) and their count *nall */
    int (*allgather_spikes)(void *ud, const nrn_spike *mine, int n, nrn_spike **all,
                            int *nall);
    /* the same for ints */
    int (*allgather_ints)(void *ud, const int *mine, int n, int **all, int *nall);
    /* x[0..n-1] combined elementwise over the ranks: op 0 sum, 1 max, 2 min */
    int (*allreduce)(void *ud, double *x, int n, int op);
} nrn_comm;

/* Uses comm (copied; NULL: this process is the only rank). */
int nrn_par_set_comm(nrn_model *m, const nrn_comm *comm);
/* This rank owns gid (>= 0), as set_gid2node(gid, pc.id()). Errors: NRN_EEXIST if gid was
** already set here. */
int nrn_gid_declare(nrn_model *m, int gid);
/* As pc.gid_exists: 3 if this rank owns gid and it has a cell, 1 if owned without a cell
** yet, 0 otherwise. */
int nrn_gid_exists(const nrn_model *m, int gid);
/*
** Makes the spike source of gid (declared here) the value source (e.g. soma(0.5).v) or the
** point process / artificial cell source_pp (source NULL), as pc.cell(gid, NetCon);
** threshold (mV) is set unless NaN. Errors: NRN_ENOTFOUND (gid not owned here), NRN_EEXIST
** (gid already has a cell, or the source already has another gid).
*/
int nrn_gid_cell(nrn_model *m, int gid, const nrn_ref *source, int source_pp,
                 double threshold);
/* Creates NetCon name from gid's cell to target_pp (-1: none), as pc.gid_connect: the
** gid may live on another rank (checked by nrn_psolve). Defaults as nrn_netcon_new. */
int nrn_gid_connect(nrn_model *m, const char *name, int gid, int target_pp, int *id);
/* Spike times of gid (-1: every gid owned here) go to vector tvec and the gids to idvec
** (emptied at finitialize), as pc.spike_record. */
int nrn_spike_record(nrn_model *m, int gid, int tvec, int idvec);
/* Most ms between spike exchanges (pc.set_maxstep; default 1e9). Collective: *interval
** (may be NULL) receives the interval used, min(maxstep, minimum delay between ranks). */
int nrn_par_set_maxstep(nrn_model *m, double maxstep, double *interval);
/*
** pc.psolve: continues the simulation to tstop exchanging spikes: as NEURON, the whole
** steps that fit, int((tstop - t)/dt + 1e-9) of them.
** Collective. Errors (the same on every rank): NRN_EEXIST for a gid owned by two ranks,
** NRN_ENOTFOUND for a gid connected to but owned by none, NRN_EINVAL for a minimum delay
** between ranks below dt; the message names the gid or the NetCon.
*/
int nrn_psolve(nrn_model *m, double tstop);
/*
** Threads per rank (pc.nthread; n >= 1, else NRN_EINVAL). With n > 1, nrn_psolve and
** nrn_continuerun (so nrn_run) split this rank's cells (a root section with everything attached to it) over n threads round robin
** in creation order, artificial cells on the first; each thread runs its cells as a model of
** its own (node arrays, mechanism data, event queue) for a minimum-delay interval, then the
** spikes between threads are exchanged as those between ranks. The spikes, records and
** vectors are those of one thread. Only the fixed step (nrn_psolve: NRN_EINVAL with CVODE;
** continuerun then runs on one thread); a model with replicas runs on one thread.
*/
int nrn_par_set_nthread(nrn_model *m, int n);
int nrn_par_nthread(const nrn_model *m);
/*
** fn(ud, m) is called on every rank after each spike exchange between ranks (the same
** point of the simulation on every rank, so it may itself communicate: nrn-run gathers
** the record rows so far there); NULL: none. Returns NRN_OK or NRN_ENOMEM.
*/
typedef void (*nrn_exchange_fn)(void *ud, nrn_model *m);
int nrn_par_set_exchange_callback(nrn_model *m, nrn_exchange_fn fn, void *ud);
/* Counters since the model was made (nrn_par_stats). */
typedef struct nrn_par_counts {
    long psolves;         /* nrn_psolve calls */
    long exchanges;       /* spike exchanges */
    long spikes_sent;     /* spikes of this rank's cells sent to the others */
    long spikes_received; /* spikes (every rank's, this one's included) received */
    double exchange_s;    /* wall seconds in the exchanges, waiting for the others included */
} nrn_par_counts;
void nrn_par_stats(const nrn_model *m, nrn_par_counts *c);
/*
** After a failed nrn_psolve or nrn_par_set_maxstep: 1 if this rank found the error, 2 if
** another rank did (this one's message says so), every rank having failed in the same call,
** so that none waits for another; 0 otherwise (no failure, or one of this rank alone).
** Cleared by the next such call and by finitialize.
*/
int nrn_par_failed_together(const nrn_model *m);
/* Inside a spike callback (nrn_set_spike_callback): the gid of the source that fired, or -1
** for a source without one. */
int nrn_spike_gid(const nrn_model *m);

/* ---------------------------------------------------------------------------------------
** SaveState: the complete dynamic state (t, v, every state and assigned variable, the
** event queue) saved in memory or to a file, and restored; restore then run equals a
** straight run bit for bit.
*/
typedef struct nrn_state nrn_state;
/* Snapshot of the model's dynamic state; NULL on ENOMEM (message on m). */
nrn_state *nrn_state_save(nrn_model *m);
/* Restores a snapshot. Errors: NRN_EINVAL if the model's structure changed since. */
int nrn_state_restore(nrn_model *m, const nrn_state *st);
void nrn_state_free(nrn_state **pst);
/* Writes a snapshot to path (versioned format with a checksum; temporary file + rename). */
int nrn_state_write(nrn_model *m, const nrn_state *st, const char *path);
/* Reads a snapshot written by nrn_state_write; refuses a damaged file or one written
** from a model of another structure (NRN_EFORMAT, NRN_EINVAL). */
int nrn_state_read(nrn_model *m, const char *path, nrn_state **pst);

/* ---------------------------------------------------------------------------------------
** Mechanism catalogue: what variables a mechanism has (for help, TUI, summaries)
*/
typedef enum nrn_var_role {
    NRN_PARAM = 0,    /* parameter: set by the user */
    NRN_ASSIGNED = 1, /* computed by the mechanism */
    NRN_STATE = 2     /* integrated state */
} nrn_var_role;

typedef enum nrn_mech_kind {
    NRN_DENSITY = 0,  /* per unit membrane area, inserted into sections */
    NRN_POINT = 1,    /* point process at one location */
    NRN_ARTCELL = 2,  /* artificial cell (no location) */
    NRN_ION = 3       /* ion: reversal potential, concentrations, total current */
} nrn_mech_kind;

typedef struct nrn_var_info {
    const char *name;  /* as in NMODL: "gnabar" (range form "gnabar_hh" for density) */
    nrn_var_role role; /* parameter, assigned or state */
    const char *unit;  /* "S/cm2" */
    double def;        /* default value */
    const char *text;  /* one line of description */
} nrn_var_info;

/* Number of mechanism types the model knows (built-in, later loaded). */
int nrn_mech_count(const nrn_model *m);
/* Name and kind of type i, 0 <= i < count. */
const char *nrn_mech_name(const nrn_model *m, int i);
int nrn_mech_kind_of(const nrn_model *m, int i);
/* Index of the type named name, or -1. */
int nrn_mech_find(const nrn_model *m, const char *name);
/* 1 if type i's objects record into a vector (nrn_pp_record: APCount, or a .mod file that
** calls record_value), else 0. */
int nrn_mech_records(const nrn_model *m, int i);
/* Number of variables of type i (not counting a translated mechanism's internal columns,
** named "_..."), and variable j's description. */
int nrn_mech_nvar(const nrn_model *m, int i);
const nrn_var_info *nrn_mech_var(const nrn_model *m, int i, int j);

/* ---------------------------------------------------------------------------------------
** Values: one number named by a path, resolved once and then read or written
**
** Path forms (man nrn-tcl, "VALUE PATHS"):
**   SEC(X).VAR     v, diam, cm, area, ri, i_cap, a range variable "gnabar_hh" or
**                  "hh.gnabar", an ion variable "ena", "ina", "nai"
**   SEC.PROP       L, nseg, Ra, cm, diam, rallbranch, or a range variable (= every segment)
**   OBJ.VAR        a point process variable: "ic.amp", "ic.i" ("del" and "delay" are one)
**   GLOBAL         t, dt, celsius, secondorder, tstop, v_init, steps_per_ms, or a
**                  mechanism global such as usetable_hh
*/

/*
** Resolves path into *ref. Errors: NRN_EINVAL for a malformed path or x outside
** [0,1]; NRN_ENOTFOUND naming what is missing, with a suggestion when a close name
** exists ("unknown variable \"gnabar_hx\" at soma(0.5); did you mean gnabar_hh?").
*/
int nrn_ref_lookup(nrn_model *m, const char *path, nrn_ref *ref);
int nrn_ref_get(nrn_model *m, const nrn_ref *ref, double *value);
/* Errors: NRN_EINVAL for a read-only value (area, ri, t while running ...) or bad value. */
int nrn_ref_set(nrn_model *m, const nrn_ref *ref, double value);
/* 1 if ref names a value NEURON holds as an integer (nseg, secondorder), else 0. */
int nrn_ref_is_integer(const nrn_ref *ref);
/* Convenience: lookup then get / set. */
int nrn_get(nrn_model *m, const char *path, double *value);
int nrn_set(nrn_model *m, const char *path, double value);
/*
** Sets a simulation global (tstop, dt, celsius, v_init, steps_per_ms, secondorder, seed)
** and pins it there: later sets of it leave the value and send a notice "NAME V ignored:
** WHY KEPT wins" (the model CSV reader skips it quietly), so a program's command-line
** value beats those of the files it loads. why names the pinner ("--tstop"). run's setdt
** still fits a pinned dt to steps_per_ms. Errors: NRN_EINVAL, NRN_ENOTFOUND.
*/
int nrn_pin(nrn_model *m, const char *name, double value, const char *why);

/* ---------------------------------------------------------------------------------------
** Recording: values sampled at finitialize and after every step (as Vector.record)
*/
/* Adds a record of ref; *id receives its index (0, 1, ...). */
int nrn_record_add(nrn_model *m, const nrn_ref *ref, int *id);
/* Removes every record. */
void nrn_record_clear(nrn_model *m);
int nrn_record_count(const nrn_model *m);
/* Number of samples and the samples of record id (borrowed; NULL for a bad id). */
size_t nrn_record_len(const nrn_model *m, int id);
const double *nrn_record_data(const nrn_model *m, int id);
/*
** Sets a sampling interval in ms (0: every step, the default). With an interval,
** samples are taken at 0, every, 2*every, ... on the nearest step (NEURON's record(&x, Dt)).
*/
int nrn_record_set_interval(nrn_model *m, double every);
/*
** Calls fn after every sample of all records (at finitialize and during runs), so
** a caller can stream rows: fn(ud, m, k) may read sample k of each record. fn NULL: none.
*/
typedef void (*nrn_sample_fn)(void *ud, nrn_model *m, size_t k);
void nrn_record_set_callback(nrn_model *m, nrn_sample_fn fn, void *ud);

/* ---------------------------------------------------------------------------------------
** Simulation (fixed step; NEURON's fadvance, finitialize and the stdrun procedures)
*/
/* finitialize(v): v at every node unless v is NaN (then nodes keep their v). */
int nrn_finitialize(nrn_model *m, double v);
/* One step of dt. */
int nrn_fadvance(nrn_model *m);
/*
** The most fixed steps one continuerun or run may take, and so the most rows a record
** gets from one run: a dt (or steps_per_ms, or record interval) so small that a run
** would not end in any useful time is refused with NRN_EINVAL, saying the number.
*/
#define NRN_MAX_STEPS 1e9
/*
** stdrun's continuerun(tstop): steps while t < tstop - dt/2. Errors: NRN_EINVAL when
** that is more than NRN_MAX_STEPS steps, dt cannot advance t, or the record interval is
** under half a step (rows would only repeat values).
*/
int nrn_continuerun(nrn_model *m, double tstop);
/*
** A slice of continuerun(tstop) (nrn-tui runs in slices between key polls): advances as
** nrn_continuerun(m, tstop) would and returns once t >= until. The fixed step stops as
** continuerun(until); the variable step ends its slice at the end of the step that
** reaches until (t may pass it), so a run in slices takes the steps, and records the
** rows, of one continuerun(tstop).
*/
int nrn_continuerun_until(nrn_model *m, double tstop, double until);
/*
** stdrun's run(): setdt, finitialize(v_init), continuerun(tstop). setdt makes dt an
** integer fraction of 1/steps_per_ms; when that changes dt, the notice callback hears
** the value used. Errors: those of continuerun, and NRN_EINVAL for more than
** NRN_MAX_STEPS steps per 1/steps_per_ms.
*/
int nrn_run(nrn_model *m);
/* The simulation time (ms). */
double nrn_time(const nrn_model *m);
/* Number of fixed steps taken since the last finitialize. */
long nrn_step_count(const nrn_model *m);

/* ---------------------------------------------------------------------------------------
** Variable time step (src/engine/cvode*.c): SUNDIALS CVODE (BDF, Newton) on the same model,
** as NEURON's CVode(). While active, nrn_fadvance is one variable step, nrn_continuerun
** stops exactly at tstop, records take one sample per step (or every interval, by
** interpolation), and events and discontinuities (IClamp onset and end ...) are placed
** exactly. The fixed step is untouched.
*/
typedef enum nrn_cvopt {
    NRN_CV_ACTIVE,          /* 0 or 1 (default 0) */
    NRN_CV_ATOL,            /* absolute tolerance, > 0 (default 1e-3) */
    NRN_CV_RTOL,            /* relative tolerance, >= 0 (default 0) */
    NRN_CV_MAXSTEP,         /* largest step in ms, > 0 (default 1e9) */
    NRN_CV_MAXORDER,        /* 1..5 (default 5) */
    NRN_CV_CONDITION_ORDER, /* 1: spike at the step's end (default), 2: interpolated */
    NRN_CV_LOCAL            /* 1: one CVODE per cell (NEURON's use_local_dt), default 0 */
} nrn_cvopt;
/* Sets an option. Errors: NRN_EINVAL naming the option and the bad value. Activating
** refuses a model whose mechanisms have states without CVODE equations (naming one). */
int nrn_cvode_set(nrn_model *m, nrn_cvopt opt, double value);
/* The check nrn_cvode_set makes, without setting anything. */
int nrn_cvode_check(nrn_model *m, nrn_cvopt opt, double value);
double nrn_cvode_get(const nrn_model *m, nrn_cvopt opt);
/*
** NEURON's atolscale: the absolute tolerance of every state whose name matches the glob
** pattern ("v", "m_hh", "*_hh", "ExpSyn.g") is atol * scale (scale > 0; for v a scale
** above 1 has no effect, as in NEURON). A later pattern overrides an earlier one.
*/
int nrn_cvode_atolscale(nrn_model *m, const char *pattern, double scale);
/* Number of atolscale entries, and entry i (pattern borrowed). */
int nrn_cvode_atolscale_count(const nrn_model *m);
int nrn_cvode_atolscale_get(const nrn_model *m, int i, const char **pattern, double *scale);
/* Counters since finitialize (as NEURON's CVode.statistics()). */
typedef struct nrn_cvode_stats {
    long steps;        /* CVODE steps */
    long fevals;       /* right-hand side evaluations (CVODE's and the initializations') */
    long linsolves;    /* solves of (I - gamma J) x = b */
    long jacobians;    /* linear solver setups */
    long nonlin_iters; /* Newton iterations */
    long nonlin_fails; /* Newton convergence failures */
    long err_fails;    /* local error test failures */
    long inits;        /* (re)initializations: finitialize, events, discontinuities */
    long neq;          /* equations: voltages of segment nodes plus mechanism states */
    double last_step;  /* ms */
    int last_order;
} nrn_cvode_stats;
void nrn_cvode_stats_get(const nrn_model *m, nrn_cvode_stats *st);

/* ---------------------------------------------------------------------------------------
** Morphology import (src/engine/swc.c, asc.c) and the d_lambda rule (dlambda.c)
*/
/*
** Imports an SWC file as NEURON 8.2.2's Import3d does (names, order, parents, connection
** points and 3-D points; see HACKING.md), prefixing every section name with prefix
** (NULL or "" for none; "cell1." gives cell1.soma). *first and *count receive the ids of the
** new sections (consecutive). note (may be NULL) receives a line about choices made (which
** soma interpretation was used), or "". Errors: NRN_EIO, or NRN_EFORMAT with the message
** "FILE:LINE: what is wrong"; on failure the model is unchanged.
*/
int nrn_load_swc(nrn_model *m, const char *path, const char *prefix, int *first, int *count,
                 char *note, size_t notesize);
/* The same for a Neurolucida ASCII file (.asc), as Import3d_Neurolucida3 reads it. */
int nrn_load_asc(nrn_model *m, const char *path, const char *prefix, int *first, int *count,
                 char *note, size_t notesize);
/*
** NEURON's d_lambda rule as the CellBuilder's geom_nseg applies it: for each section in
** secs (all sections when nsecs is 0), nseg = int((L/(d_lambda*lambda_f(freq)) + .999)/2)*2 + 1.
** *total receives the sum of nseg over those sections.
*/
int nrn_geom_nseg(nrn_model *m, const int *secs, int nsecs, double freq, double d_lambda,
                  int *total);

/* ---------------------------------------------------------------------------------------
** The model CSV (src/engine/modelcsv.c): a whole model (sections, geometry, 3-D points,
** connections, mechanisms and their parameters, point processes, globals) as one CSV table
** that reads back into an identical simulation, bit for bit. Columns:
**   kind,section,index,object,name,value,x,y,z,diam
** kind: global | section | prop | pt3d | connect | insert | range | seg | pp | ppvar
** (man nrn-build describes each). Numbers use the shortest form that reads back exactly.
*/
/* Writes the model as CSV to path (temporary file + rename). Errors: NRN_EIO. */
int nrn_model_save_csv(nrn_model *m, const char *path);
/* Writes the model as CSV to the caller's stream out (the caller flushes and checks it). */
int nrn_model_write_csv(nrn_model *m, FILE *out);
/* Adds the model of a model CSV to m. Errors: NRN_EIO, NRN_EFORMAT "FILE:LINE: ...". */
int nrn_model_load_csv(nrn_model *m, const char *path);

/* ---------------------------------------------------------------------------------------
** Queries
*/
/* NEURON's h.topology() text, character for character. Caller frees. NULL on ENOMEM. */
char *nrn_topology(nrn_model *m);
/*
** Path distance in um between the nodes of sec0(x0) and sec1(x1), as h.distance.
** Errors: NRN_EINVAL if the two are in different cells.
*/
int nrn_distance(nrn_model *m, int sec0, double x0, int sec1, double x1, double *d);
/*
** Volume in um3 of the segment of sec containing x, as NEURON's seg.volume(): 0 for x
** 0 or 1; with 3-D points the frusta between the segment's ends, else a cylinder.
*/
int nrn_segment_volume(nrn_model *m, int sec, double x, double *vol);
/*
** The sections of the subtree rooted at sec (sec first, then breadth first, children in
** NEURON's sibling order), as SectionList.subtree(), into ids (room for
** nrn_section_count(m) ids); *n receives the count. Errors: NRN_ENOTFOUND for a bad id.
*/
int nrn_subtree(nrn_model *m, int sec, int *ids, int *n);
/* Number of nodes of the compiled model (segments + end nodes + root nodes). */
int nrn_node_count(nrn_model *m);
/* The name of a mechanism in use that is not thread safe (nrn_mech_type.not_threadsafe), or
** NULL: with one, runs stay on one thread and nrn-sweep runs points alone, not as replicas. */
const char *nrn_thread_unsafe(nrn_model *m);
/* The name of a mechanism in use whose GLOBALs carry values from step to step (any
** nrn_mech_type.not_threadsafe), or NULL: replicas of the model would share them, so
** nrn-sweep runs points alone. */
const char *nrn_replica_unsafe(nrn_model *m);

/* ---------------------------------------------------------------------------------------
** Replicas (src/engine/replica.c): copies of the whole model inside the same model, so
** that many parameter sets of a small model run in one pass over shared arrays. Each
** copy is an independent set of cells; its arithmetic is exactly that of the model run
** alone, so its numbers are the same to the last bit. Replica 0 is the model as it was.
*/
/*
** Makes the model hold copies replicas (copies >= 1) of its sections, mechanisms, point
** processes, spike sources, NetCons, plays and records. Copies are named NAME@r; a copy's
** NetStim draws the same random numbers as its original; copies do not record spikes into
** vectors. Model-wide values (t, dt, celsius, mechanism globals) stay shared. While there
** are copies, a non-finite v in one replica marks that replica as failed (see
** nrn_replica_error) instead of stopping the simulation. On a replicated model, the copies
** made before are dropped first (copies 1: back to the original alone, queue emptied);
** objects made after nrn_replicate must not be mixed with that. Errors: NRN_EINVAL (bad
** count), NRN_EEXIST (a copy's name is taken), NRN_ENOMEM; on failure the model holds the
** original alone.
*/
int nrn_replicate(nrn_model *m, int copies);
/* Number of replicas (1 when the model was never replicated). */
int nrn_replica_count(const nrn_model *m);
/* 1 if ref names a model-wide value (one for every replica: t, dt, celsius, globals). */
int nrn_ref_is_global(const nrn_ref *ref);
/* *out receives the same value as ref in replica r. Errors: NRN_EINVAL for a bad r or
** an object made after nrn_replicate. */
int nrn_replica_ref(const nrn_model *m, int r, const nrn_ref *ref, nrn_ref *out);
/* The record of replica r that corresponds to record rec, or -1 (a record of a model-wide
** value is its own correspondent). */
int nrn_replica_record(const nrn_model *m, int r, int rec);
/* The point process of replica r that corresponds to pp, or -1. */
int nrn_replica_pp(const nrn_model *m, int r, int pp);
/* Why replica r failed since the last finitialize ("v became nan in soma at t = ...", the
** message a lone run would have stopped with), or NULL while it is fine. Borrowed. */
const char *nrn_replica_error(const nrn_model *m, int r);
/* Root section (cell) ids in creation order: writes at most max ids, returns the count. */
int nrn_roots(nrn_model *m, int *ids, int max);

#endif /* NRN_H */
