TITLE steep.mod  K current with a near-step activation (test mechanism)

COMMENT
  Written for nrn's tests in the style of published fits whose sigmoids are
  nearly steps (slopes of a fraction of a mV): exp's argument runs far past
  +-700 during a spike.  NEURON's mechanisms take exp through hoc_Exp, which
  gives 0 below -700 and exp(700) above 700, so exp(x)/(1 + exp(x)) stays
  finite there (plain C makes it inf/inf).
ENDCOMMENT

NEURON {
	SUFFIX steepk
	USEION k READ ek WRITE ik
	RANGE gbar, minf, lo, hi
}

UNITS {
	(mA) = (milliamp)
	(mV) = (millivolt)
}

PARAMETER {
	gbar = 0.002 (mho/cm2)
	vh = -20 (mV)
	kk = 0.02 (mV)
	tau = 2 (ms)
}

ASSIGNED {
	v (mV)
	ek (mV)
	ik (mA/cm2)
	minf
	lo
	hi
}

STATE { m }

INITIAL {
	rates(v)
	m = minf
}

BREAKPOINT {
	SOLVE states METHOD cnexp
	ik = gbar*m*(v - ek)
}

DERIVATIVE states {
	rates(v)
	m' = (minf - m)/tau
}

PROCEDURE rates(v (mV)) {
	minf = exp((v - vh)/kk)/(1 + exp((v - vh)/kk))
	lo = exp(-(v - vh)/kk)
	hi = exp((v - vh)/kk)*1e-300
}
