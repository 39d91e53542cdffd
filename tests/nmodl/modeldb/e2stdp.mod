COMMENT
Written for nrn's tests in the style of the double-exponential synapses with
per-connection plasticity: NET_RECEIVE(weight (uS), A, tpre (ms)) with an
INITIAL inside it, a factor computed in INITIAL from tp, FOR_NETCONS-free
bookkeeping, a weight vector element the test reads back, and net_event
from the post side via a WATCH-free threshold test.
ENDCOMMENT

NEURON {
	POINT_PROCESS e2stdp
	RANGE tau1, tau2, e, i, d, p, dtau, ptau, wmax
	NONSPECIFIC_CURRENT i
	RANGE g
}

UNITS {
	(nA) = (nanoamp)
	(mV) = (millivolt)
	(uS) = (microsiemens)
}

PARAMETER {
	tau1 = 0.1 (ms) <1e-9,1e9>
	tau2 = 10 (ms) <1e-9,1e9>
	e = 0	(mV)
	d = 0.01 <0,1>	: depression factor
	p = 0.02	: potentiation factor
	dtau = 34 (ms)	: depression effectiveness time constant
	ptau = 17 (ms)	: potentiation
	wmax = 0.01 (uS)
}

ASSIGNED {
	v (mV)
	i (nA)
	g (uS)
	factor
	tpost (ms)
}

STATE {
	A (uS)
	B (uS)
}

INITIAL {
	LOCAL tp
	if (tau1/tau2 > .9999) {
		tau1 = .9999*tau2
	}
	if (tau1/tau2 < 1e-9) {
		tau1 = tau2*1e-9
	}
	A = 0
	B = 0
	tp = (tau1*tau2)/(tau2 - tau1) * log(tau2/tau1)
	factor = -exp(-tp/tau1) + exp(-tp/tau2)
	factor = 1/factor
	tpost = -1e9
	net_send(0, 1)
}

BREAKPOINT {
	SOLVE state METHOD cnexp
	g = B - A
	i = g*(v - e)
}

DERIVATIVE state {
	A' = -A/tau1
	B' = -B/tau2
}

NET_RECEIVE(w (uS), wplast (uS), tpre (ms)) {
	INITIAL { wplast = w  tpre = -1e9 }
	if (flag == 0) { : presynaptic spike  (after last post so depress)
		wplast = wplast*(1 - d*exp((tpost - t)/dtau))
		if (wplast < 0) { wplast = 0 }
		A = A + wplast*factor
		B = B + wplast*factor
		tpre = t
	}else if (flag == 2) { : postsynaptic spike
		tpost = t
	}else { : flag == 1 from INITIAL block
		WATCH (v > -20) 2
	}
}
