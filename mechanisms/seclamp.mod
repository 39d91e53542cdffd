: seclamp.mod: SEClamp, the single-electrode voltage clamp: the command vc steps through
: amp1, amp2, amp3 for dur1, dur2, dur3 ms from t = 0 (then the clamp is off), and the
: current i = (vc - v)/rs flows into the cell through the series resistance rs (an
: electrode current, positive depolarizes). The level changes are discontinuities the
: variable step stops at (at_time). Translated into libnrn at build time (tools/nmodlc);
: its numbers are NEURON 8.2.2's SEClamp bit for bit.
:
: i is computed again after each step with the new v (SOLVE ... METHOD after_cvode), so
: the recorded i is the current at t, not the one at the step's middle.

NEURON {
    POINT_PROCESS SEClamp
    ELECTRODE_CURRENT i
    RANGE rs, dur1, amp1, dur2, amp2, dur3, amp3, i, vc, tc2, tc3, on
}

UNITS {
    (nA) = (nanoamp)
    (mV) = (millivolt)
    (megohm) = (megaohm)
}

PARAMETER {
    rs = 1 (megohm) <1e-9, 1e9>
    dur1 (ms) <0, 1e9>
    amp1 (mV)
    dur2 (ms) <0, 1e9>
    amp2 (mV)
    dur3 (ms) <0, 1e9>
    amp3 (mV)
}

ASSIGNED {
    v (mV)
    i (nA)
    vc (mV)
    tc2 (ms)
    tc3 (ms)
    on
}

INITIAL {
    tc2 = dur1 + dur2
    tc3 = tc2 + dur3
    on = 0
}

BREAKPOINT {
    SOLVE icur METHOD after_cvode
    vstim()
    icur()
}

: the current through rs while the clamp is on
PROCEDURE icur() {
    if (on) {
        i = (vc - v)/rs
    } else {
        i = 0
    }
}

: the command level at t; off after the third level
PROCEDURE vstim() {
    at_time(dur1)
    at_time(tc2)
    at_time(tc3)
    on = 1
    if (t < dur1) {
        vc = amp1
    } else if (t < tc2) {
        vc = amp2
    } else if (t < tc3) {
        vc = amp3
    } else {
        vc = 0
        on = 0
    }
}
