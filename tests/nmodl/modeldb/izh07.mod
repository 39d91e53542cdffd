COMMENT
Written for nrn's tests in the style of the 2007 simple-model point neurons:
a POINT_PROCESS carrying its own v-like state vv and recovery u integrated
by derivimplicit, a WATCH on vv that resets both and calls net_event, the
injected current through ELECTRODE_CURRENT-free i = 0, and the cell
parameters as RANGE with (pA)-style unit names.
ENDCOMMENT

NEURON {
	POINT_PROCESS izh07
	RANGE C, k, vr, vt, vpeak, a, b, c, d, Iin, celltype, alive, cellid
	RANGE vv, u, I
	NONSPECIFIC_CURRENT i
}

UNITS {
	(mV) = (millivolt)
	(nA) = (nanoamp)
	(pA) = (picoamp)
	(pF) = (picofarad)
}

PARAMETER {
	C = 100 : Capacitance
	k = 0.7
	vr = -60 (mV) : Resting membrane potential
	vt = -40 (mV) : Membrane threhsold
	vpeak = 35 (mV) : Peak voltage
	a = 0.03
	b = -2
	c = -50
	d = 100
	Iin = 0
	celltype = 1 : A flag for specifying cell type
	alive = 1 : A flag for deciding whether or not the cell is alive
	cellid = -1 : A parameter for storing the cell ID, if required (useful for diagnostic information)
}

ASSIGNED {
	i (nA)
	I (pA)
}

STATE {
	vv (mV)
	u (mV)
}

INITIAL {
	vv = vr
	u = 0.2*vr
	net_send(0, 1)
}

BREAKPOINT {
	SOLVE states METHOD derivimplicit
	i = 0
}

DERIVATIVE states {
	LOCAL kk
	I = Iin
	if (celltype < 4) {
		kk = k
	} else if (vv < vt) {
		kk = 0.5*k
	} else {
		kk = k
	}
	vv' = (kk*(vv-vr)*(vv-vt) - u + I)/C
	u' = a*(b*(vv-vr)-u)
}

NET_RECEIVE (w) {
	if (flag == 1) {
		WATCH (vv > vpeak) 2
	} else if (flag == 2) {
		net_event(t)
		vv = c
		u = u + d
	} else {
		vv = vv + w
	}
}
