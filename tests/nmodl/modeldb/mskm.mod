TITLE mskm.mod  slow voltage-dependent K (M-like), cortical style (test mechanism)

COMMENT
  Written for nrn's tests: the rate arithmetic inline in the DERIVATIVE block's
  PROCEDURE without a TABLE, `?` comments, exp of a negated difference, and
  a tadj computed in INITIAL only.
ENDCOMMENT

NEURON {
	SUFFIX mskm
	USEION k READ ek WRITE ik
	RANGE n, gk, gbar
	RANGE ninf, ntau
	GLOBAL Ra, Rb
	GLOBAL q10, temp, tadj
}

UNITS {
	(mA) = (milliamp)
	(mV) = (millivolt)
	(pS) = (picosiemens)
	(um) = (micron)
}

PARAMETER {
	gbar = 10   	(pS/um2)	? 0.03 mho/cm2
	tha  = -30	(mV)		? v 1/2 for inf
	qa   = 9	(mV)		? inf slope
	Ra   = 0.001	(/ms)		? max act rate  (slow)
	Rb   = 0.001	(/ms)		? max deact rate  (slow)
	celsius		(degC)
	temp = 23	(degC)		? original temp
	q10  = 2.3			? temperature sensitivity
}

ASSIGNED {
	v (mV)
	a (/ms) b (/ms)
	ik 		(mA/cm2)
	gk		(pS/um2)
	ek		(mV)
	ninf
	ntau (ms)
	tadj
}

STATE { n }

INITIAL {
	tadj = q10^((celsius - temp)/10)
	rates(v)
	n = ninf
}

BREAKPOINT {
        SOLVE states METHOD cnexp
	gk = tadj*gbar*n
	ik = (1e-4) * gk * (v - ek)
}

DERIVATIVE states {
        rates(v)
        n' =  (ninf-n)/ntau
}

PROCEDURE rates(v (mV)) {
        a = Ra * (v - tha) / (1 - exp(-(v - tha)/qa))
        b = -Rb * (v - tha) / (1 - exp((v - tha)/qa))
        ntau = 1/tadj/(a+b)
	ninf = a/(a+b)
}
