: xchan.mod (written for nrn's tests): a leak of an ion no simulator defines, x, of
: valence 2, through its reversal potential; USEION of a new ion makes its type, with
: NEURON's defaults (1 mM inside and outside, ex 0), and the Nernst ex its style asks for.
NEURON {
	SUFFIX xchan
	USEION x READ ex WRITE ix VALENCE 2
	RANGE g
}
UNITS { (mA) = (milliamp) (mV) = (millivolt) (S) = (siemens) }
PARAMETER { g = 0.0005 (S/cm2) }
ASSIGNED { v (mV) ex (mV) ix (mA/cm2) }
BREAKPOINT { ix = g*(v - ex) }
