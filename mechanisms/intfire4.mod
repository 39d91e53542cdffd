: intfire4.mod: IntFire4, NEURON's artificial cell with a fast excitatory current e (taue), an
: alpha-like inhibitory current i2 fed by i1 (taui1, taui2) and a slow membrane m (taum), all
: solved analytically between events; the firing time is approached by successive self events
: at a lower bound of it (firetimebound). Excitatory events (weight > 0) add to e, inhibitory
: ones to i1. Translated into libnrn at build time (tools/nmodlc); its numbers are NEURON
: 8.2.2's IntFire4 bit for bit.

NEURON {
    ARTIFICIAL_CELL IntFire4
    RANGE taue, taui1, taui2, taum, ib, e, i1, i2, m
    RANGE enew, i1new, i2new, mnew, t0, nself, nexcite, ninhibit
    RANGE ke, ki1, ki2, km, ae, ai1, ai2, be, bi1, bi2, a, b
    GLOBAL eps
}

PARAMETER {
    taue = 5 (ms)
    taui1 = 10 (ms)
    taui2 = 20 (ms)
    taum = 50 (ms)
    ib = 0 (1)
    eps = 1e-6 (1)
}

ASSIGNED {
    e (1)
    i1 (1)
    i2 (1)
    m (1)
    enew (1)
    i1new (1)
    i2new (1)
    mnew (1)
    t0 (ms)
    nself (1)
    nexcite (1)
    ninhibit (1)
    ke (1/ms)
    ki1 (1/ms)
    ki2 (1/ms)
    km (1/ms)
    ae (1/ms)
    ai1 (1/ms)
    ai2 (1/ms)
    be (1)
    bi1 (1)
    bi2 (1)
    a (1)
    b (1)
}

INITIAL {
    factors()
    e = 0
    i1 = 0
    i2 = 0
    m = 0
    t0 = t
    net_send(firetimebound(), 1)
    nself = 0
    nexcite = 0
    ninhibit = 0
}

NET_RECEIVE(w) {
    newstates(t - t0)
    update()
    if (m > 1 - eps) {
        net_event(t)
        m = 0
    }
    if (flag == 1) {
        nself = nself + 1
        net_send(firetimebound(), 1)
    } else {
        if (w > 0) {
            nexcite = nexcite + 1
            e = e + w
        } else {
            ninhibit = ninhibit + 1
            i1 = i1 + w
        }
        net_move(firetimebound() + t)
    }
}

: The states d ms after t0, into enew, i1new, i2new, mnew.
PROCEDURE newstates(d (ms)) {
    LOCAL ee, ei1, ei2, em
    ee = exp(-ke*d)
    ei1 = exp(-ki1*d)
    ei2 = exp(-ki2*d)
    em = exp(-km*d)
    enew = e*ee
    i1new = i1*ei1
    i2new = i2*ei2 + bi1*i1*(ei2 - ei1)
    mnew = m*em + be*e*(em - ee) + (bi2*i2 + a*i1)*(em - ei2) - b*i1*(em - ei1)
}

PROCEDURE update() {
    e = enew
    i1 = i1new
    i2 = i2new
    m = mnew
    t0 = t
}

: Proportional to dm/dt of the normalization solution (same sign).
FUNCTION deriv(d (ms)) {
    deriv = -km*(ki1 - ki2)*exp(-km*d) + ki2*(ki1 - km)*exp(-ki2*d) - ki1*(ki2 - km)*exp(-ki1*d)
}

: The zero of deriv, by bisection.
FUNCTION search() (ms) {
    LOCAL t1, t2, s
    s = 0
    t1 = -log(ki1*(ki2 - km)/ki2/(ki1 - km))/(ki1 - ki2)
    if (deriv(t1) < 0) {
        t1 = log(ki1/ki2)/(ki1 - ki2)
    }
    t2 = log(km*(ki1 - ki2)/ki2/(ki1 - km))/(km - ki2)
    while (t2 - t1 > 1e-6) {
        s = (t1 + t2)/2
        if (deriv(s) > 0) {
            t1 = s
        } else {
            t2 = s
        }
    }
    search = s
}

: Rate constants and the normalizations that make one unit event peak at one.
PROCEDURE factors() {
    LOCAL tp
    if (taue >= taui1) {
        taui1 = taue + .01
    }
    if (taui1 >= taui2) {
        taui2 = taui1 + .01
    }
    if (taui2 >= taum) {
        taum = taui2 + .01
    }
    ke = 1/taue
    ki1 = 1/taui1
    ki2 = 1/taui2
    km = 1/taum
    tp = log(km/ke)/(km - ke)
    be = 1/(exp(-km*tp) - exp(-ke*tp))
    ae = be*(ke - km)
    tp = log(ki2/ki1)/(ki2 - ki1)
    bi1 = 1/(exp(-ki2*tp) - exp(-ki1*tp))
    ai1 = bi1*(ki1 - ki2)
    e = 0
    i1 = 1
    i2 = 0
    m = 0
    bi2 = 1
    ai2 = bi2*(ki2 - km)
    a = bi2*bi1
    b = a*(ki2 - km)/(ki1 - km)
    tp = search()
    newstates(tp)
    bi2 = 1/mnew
    ai2 = bi2*(ki2 - km)
    a = bi2*bi1
    b = a*(ki2 - km)/(ki1 - km)
    newstates(tp)
    i1 = 0
}

: A lower bound of the time until m reaches 1, 1e9 when m is not rising.
FUNCTION firetimebound() (ms) {
    LOCAL slope
    slope = -km*m + ae*e + ai2*i2
    if (slope <= 1e-9) {
        firetimebound = 1e9
    } else {
        firetimebound = (1 - m)/slope
    }
}
