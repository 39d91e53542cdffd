TITLE simple NMDA receptor with Mg block, pulse-transmitter style (test mechanism)

COMMENT
-----------------------------------------------------------------------------
  Written for nrn's tests in the style of the simplified kinetic synapses:
  a POINTER C to transmitter, the two-state closed/open scheme solved by
  hand with exp (Rinf, Rtau) in a PROCEDURE, Mg block as a FUNCTION of v,
  a GLOBAL mg, and lastrelease bookkeeping with if / else.
-----------------------------------------------------------------------------
ENDCOMMENT

INDEPENDENT {t FROM 0 TO 1 WITH 1 (ms)}

NEURON {
	POINT_PROCESS dxnmda
	POINTER C
	RANGE R, g, gmax, B
	NONSPECIFIC_CURRENT i
	GLOBAL Cmax, Cdur, Alpha, Beta, Erev, mg, Rinf, Rtau
}
UNITS {
	(nA) = (nanoamp)
	(mV) = (millivolt)
	(umho) = (micromho)
	(mM) = (milli/liter)
}

PARAMETER {
	Cmax	= 1	(mM)		: max transmitter concentration
	Cdur	= 1	(ms)		: transmitter duration (rising phase)
	Alpha	= 0.072	(/ms mM)	: forward (binding) rate
	Beta	= 0.0066 (/ms)		: backward (unbinding) rate
	Erev	= 0	(mV)		: reversal potential
	gmax	= 0.001	(umho)		: maximum conductance
	mg	= 1    (mM)		: external magnesium concentration
}


ASSIGNED {
	v		(mV)		: postsynaptic voltage
	i 		(nA)		: current = g*(v - Erev)
	g 		(umho)		: conductance
	C		(mM)		: pointer to glutamate concentration
	R				: fraction of open channels
	B				: magnesium block
	Rinf				: steady state channels open
	Rtau		(ms)		: time constant of channel binding
	lastC
}

INITIAL {
	R = 0
	lastC = 0
	Rinf = Cmax*Alpha / (Cmax*Alpha + Beta)
	Rtau = 1 / ((Alpha * Cmax) + Beta)
}

BREAKPOINT {
	SOLVE release
	B = mgblock(v)
	g = gmax * R * B
	i = g*(v - Erev)
}

PROCEDURE release() {
	if (C > 0) {				: transmitter present
		R = Rinf + (R - Rinf) * exptable(- dt / Rtau)
	} else {				: no transmitter
		R = R * exptable(- Beta * dt)
	}
	lastC = C
	VERBATIM
	return 0;
	ENDVERBATIM
}

FUNCTION exptable(x) {
	TABLE  FROM -10 TO 10 WITH 2000

	if ((x > -10) && (x < 10)) {
		exptable = exp(x)
	} else {
		exptable = 0.
	}
}

FUNCTION mgblock(v(mV)) {
	TABLE
	DEPEND mg
	FROM -140 TO 80 WITH 1000

	: from Jahr & Stevens-like fits

	mgblock = 1 / (1 + exp(0.062 (/mV) * -v) * (mg / 3.57 (mM)))
}
