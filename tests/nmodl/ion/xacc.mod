: xacc.mod (written for nrn's tests): accumulation of the ion x (see xchan.mod) inside,
: with a first-order return to xbase; it WRITEs xi, so xi is a state and ex follows it.
NEURON {
	SUFFIX xacc
	USEION x READ ix WRITE xi
	RANGE tau, xbase
}
UNITS { (mM) = (milli/liter) (mA) = (milliamp) (um) = (micron) FARADAY = (faraday) (coulomb) }
PARAMETER { tau = 20 (ms) xbase = 0.5 (mM) depth = 0.1 (um) }
ASSIGNED { ix (mA/cm2) }
STATE { xi (mM) }
INITIAL { xi = xbase }
BREAKPOINT { SOLVE state METHOD derivimplicit }
DERIVATIVE state { xi' = -ix/(2*depth*FARADAY)*(1e4) + (xbase - xi)/tau }
