: intfire2.mod: IntFire2, NEURON's integrate-and-fire artificial cell driven by a synaptic
: current i that decays toward the bias ib with time constant taus, through a membrane m with
: time constant taum < taus. Events add their weight to i; the firing time is computed from
: the analytic solution (Newton's method) and kept as a self event that later inputs move.
: Translated into libnrn at build time (tools/nmodlc); its numbers are NEURON 8.2.2's
: IntFire2 bit for bit.

NEURON {
    ARTIFICIAL_CELL IntFire2
    RANGE taus, taum, ib, i, m, t0
}

PARAMETER {
    taus = 20 (ms)
    taum = 10 (ms)
    ib = 0 (1)
}

ASSIGNED {
    i (1)
    m (1)
    t0 (ms)
}

INITIAL {
    i = ib
    m = 0
    if (taus <= taum) {
        taus = taum + .1
    }
    t0 = t
    net_send(firetime(ib, 0, 0), 1)
}

NET_RECEIVE(w) {
    LOCAL x, inew, f, ibf
    f = taus/(taus - taum)
    x = (i - ib)*exp(-(t - t0)/taus)
    inew = ib + x
    if (flag == 1) {
        : fire, and the next firing time with the input so far
        net_event(t)
        m = 0
        ibf = (inew - ib)*f
        net_send(firetime(ib, ibf, 0), 1)
    } else {
        : an input: bring m up to t, add the weight, move the firing time
        m = ib + f*x + (m - (ib + (i - ib)*f))*exp(-(t - t0)/taum)
        inew = inew + w
        if (m >= 1) {
            net_move(t)
        } else {
            ibf = (inew - ib)*f
            net_move(firetime(ib, ibf, m) + t)
        }
    }
    t0 = t
    i = inew
}

: The time until 1 = a + b exp(-t/taus) + (c - a - b) exp(-t/taum), or 1e9 if never.
FUNCTION firetime(a, b, c) {
    LOCAL r, cab, x, mm, f
    r = taum/taus
    if (a <= 1 && a + b <= 1) {
        firetime = 1e9
    } else if (a > 1 && b <= 0) {
        cab = c - a - b
        mm = r*b + cab
        if (mm >= 0) {
            firetime = -taus*log(newton1(a, cab, b, 1/r, 0))
        } else {
            x = (1 - c + mm)/mm
            if (x <= 0) {
                firetime = -taus*log(newton1(a, cab, b, 1/r, 0))
            } else {
                firetime = -taum*log(newton1(a, b, cab, r, x))
            }
        }
    } else {
        cab = c - a - b
        x = pow(-cab/(r*b), 1/(r - 1))
        f = a + b*pow(x, r) + cab*x
        if (x >= 1 || f <= 1) {
            firetime = 1e9
        } else {
            mm = r*b + cab
            x = (1 - c + mm)/mm
            firetime = -taum*log(newton1(a, b, cab, r, x))
        }
    }
}

: Solves 1 = a + b x^r + c x for x in (0, 1], from x0.
FUNCTION newton1(a, b, c, r, x0) {
    LOCAL dx, f, df, iter, x
    x = x0
    dx = 1
    f = 0
    iter = 0
    while (fabs(dx) > 1e-6 || fabs(f - 1) > 1e-6) {
        f = a + b*pow(x, r) + c*x
        df = r*b*pow(x, r - 1) + c
        dx = (1 - f)/df
        x = x + dx
        if (x <= 0) {
            x = 1e-4
        } else if (x > 1) {
            x = 1
        }
        iter = iter + 1
        if (iter > 10) {
            f = 1
            dx = 0
        }
    }
    newton1 = x
}
