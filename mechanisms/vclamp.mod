: vclamp.mod: VClamp, the two-electrode voltage clamp with three levels: the command steps
: through amp[0], amp[1], amp[2] for dur[0], dur[1], dur[2] ms from t = 0, then the clamp is
: off (i = 0). A control amplifier of gain gain and time constant tau2 drives the cell through
: rstim; the measuring amplifier (time constant tau1, feedback fac) reports vi. Its three
: voltages, the amplifier's input e and output vo and the measured vi, are solved implicitly
: (the LINEAR block clamp, backward Euler over dt) every time the current is evaluated.
: Translated into libnrn at build time (tools/nmodlc); its numbers are NEURON 8.2.2's VClamp
: bit for bit (secondorder 0; the system is too stiff for the others).
:
: The amplifier voltages of the last step (e0, vo0, vi0) advance after each step with the
: new v (SOLVE update METHOD after_cvode): the current a run records is then the one at t.
: NEURON declares e0, vo0 and vi0 PARAMETERs; they are the clamp's own state, not options.
: Unlike NEURON, which refuses CVODE while a level is on, the variable step runs it, stopping
: at each level change (at_time).

NEURON {
    POINT_PROCESS VClamp
    ELECTRODE_CURRENT i
    RANGE dur, amp, gain, rstim, tau1, tau2, e0, vo0, vi0, fac, i, stim, tc
}

UNITS {
    (nA) = (nanoamp)
    (mV) = (millivolt)
    (megohm) = (megaohm)
}

PARAMETER {
    dur[3] (ms) <0, 1e9>
    amp[3] (mV)
    gain = 1e5 <0, 1e9>
    rstim = 1 (megohm) <1e-9, 1e9>
    tau1 = .001 (ms) <0, 1e9>
    tau2 = 0 (ms) <0, 1e9>
    fac = 0
}

ASSIGNED {
    v (mV)
    dt (ms)
    e0 (mV)
    vo0 (mV)
    vi0 (mV)
    i (nA)
    stim (mV)
    tc (ms)
}

STATE {
    e (mV)
    vo (mV)
    vi (mV)
}

INITIAL {
    e0 = 0
    vo = v
    vo0 = v
    vi = v
    vi0 = v
    e = 0
}

BREAKPOINT {
    SOLVE update METHOD after_cvode
    vstim()
    i = icur()
}

: the command at t, and tc past t while a level is on (the end of the levels when off):
: the levels in turn, the first whose end is after t wins
PROCEDURE vstim() {
    at_time(dur[0])
    at_time(dur[0] + dur[1])
    at_time(dur[0] + dur[1] + dur[2])
    tc = 0
    stim = amp[0]
    tc = tc + dur[0]
    if (t < tc) {
        tc = tc + 100
    } else {
        stim = amp[1]
        tc = tc + dur[1]
        if (t < tc) {
            tc = tc + 100
        } else {
            stim = amp[2]
            tc = tc + dur[2]
            if (t < tc) {
                tc = tc + 100
            }
        }
    }
}

: the clamp current, solving the amplifier at the present v
FUNCTION icur() (nA) {
    if (t > tc) {
        e0 = 0
        vo0 = 0
        icur = 0
    } else {
        SOLVE clamp
        icur = (vo - v)/rstim
    }
}

: the amplifiers by backward Euler over dt from e0, vo0, vi0
LINEAR clamp {
    LOCAL t1, t2
    t1 = tau1/dt
    t2 = tau2/dt
    ~ vi = v + fac*vo - fac*v
    ~ t2*vo - t2*vo0 + vo = -gain*e
    ~ -stim - e + vi - e + t1*vi - t1*e - t1*(vi0 - e0) = 0
}

: after the step: the current with the new v, then the new voltages become the old ones
PROCEDURE update() {
    i = icur()
    e0 = e
    vo0 = vo
    vi0 = vi
}
