: ewrite.mod (written for nrn's tests): a mechanism that WRITEs the sodium reversal
: potential (set from nai) and a sodium current through it. Writing e makes it a state of
: the ion (style e 3): no Nernst then; the value is the mechanism's, copied to the ion.
NEURON {
	SUFFIX ewrite
	USEION na READ nai WRITE ena, ina
	RANGE g
}
UNITS { (mA) = (milliamp) (mV) = (millivolt) (S) = (siemens) (mM) = (milli/liter) }
PARAMETER { g = 0.001 (S/cm2) }
ASSIGNED { v (mV) ena (mV) ina (mA/cm2) nai (mM) }
INITIAL { ena = 40 }
BREAKPOINT {
	ena = 40 + nai*(1 (mV/mM))
	ina = g*(v - ena)
}
