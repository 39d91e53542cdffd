: casink.mod (written for nrn's tests): a point process that WRITEs cai at its node (a
: first-order approach to cao*1e-4) and passes a current that grows with it. NEURON calls
: a type that writes a concentration before the others (nrn_writes_conc), so its current
: enters the node before IClamp's and hh's: the test of that order.
NEURON {
	POINT_PROCESS CaSink
	USEION ca READ cao WRITE cai
	NONSPECIFIC_CURRENT i
	RANGE r
}
UNITS { (nA) = (nanoamp) (mV) = (millivolt) (mM) = (milli/liter) }
PARAMETER { r = 0.05 (/ms) }
ASSIGNED { i (nA) v (mV) cao (mM) }
STATE { cai (mM) }
INITIAL { cai = 1e-4 }
BREAKPOINT {
	SOLVE s METHOD cnexp
	i = 0.001*cai*(v + 60)
}
DERIVATIVE s { cai' = r*(cao*1e-4 - cai) }
