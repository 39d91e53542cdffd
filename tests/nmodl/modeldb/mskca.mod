TITLE mskca.mod  calcium-dependent K, cortical style (test mechanism)

COMMENT
  Written for nrn's tests: rates from cai raised to a GLOBAL power, a unit
  (mM) = (milli/liter), USEION ca READ cai alongside USEION k, and a TABLE that
  DEPENDs on celsius but is indexed by cai.  (A TABLE indexed by a concentration
  uses FROM 0 TO 0.1.)
ENDCOMMENT

NEURON {
	SUFFIX mskca
	USEION k READ ek WRITE ik
	USEION ca READ cai
	RANGE n, gk, gbar
	RANGE ninf, ntau
	GLOBAL Ra, Rb, caix
	GLOBAL q10, temp, tadj, vmin, vmax
}

UNITS {
	(mA) = (milliamp)
	(mV) = (millivolt)
	(pS) = (picosiemens)
	(um) = (micron)
	(mM) = (milli/liter)
}

PARAMETER {
	gbar = 10   	(pS/um2)	: 0.03 mho/cm2
	v 		(mV)
	cai  		(mM)
	caix = 1
	Ra   = 0.01	(/ms)		: max act rate
	Rb   = 0.02	(/ms)		: max deact rate
	dt		(ms)
	celsius		(degC)
	temp = 23	(degC)		: original temp
	q10  = 2.3			: temperature sensitivity
	vmin = -120	(mV)
	vmax = 100	(mV)
}

ASSIGNED {
	a		(/ms)
	b		(/ms)
	ik 		(mA/cm2)
	gk		(pS/um2)
	ek		(mV)
	ninf
	ntau 		(ms)
	tadj
}

STATE { n }

INITIAL {
	rates(cai)
	n = ninf
}

BREAKPOINT {
        SOLVE states METHOD cnexp
	gk = tadj*gbar*n
	ik = (1e-4) * gk * (v - ek)
}

DERIVATIVE states {   :Computes state variable n
        rates(cai)      :             at the current v and dt.
        n' = (ninf-n)/ntau
}

PROCEDURE rates(cai(mM)) {
        a = Ra * cai^caix
        b = Rb

        tadj = q10^((celsius - temp)/10)

        ntau = 1/tadj/(a+b)
	ninf = a/(a+b)
}
