: Copied from NEURON 8.2.2 (github.com/neuronsimulator/nrn, tag 8.2.2, src/nrnoc/passive.mod),
: BSD 3-clause licence (COPYRIGHT-NEURON beside this file). Changed only in its name
: (SUFFIX pasmod instead of SUFFIX pas) so that it loads beside the built-in. A test input of nrn.
TITLE passive membrane channel

UNITS {
	(mV) = (millivolt)
	(mA) = (milliamp)
	(S) = (siemens)
}

NEURON {
	SUFFIX pasmod
	NONSPECIFIC_CURRENT i
	RANGE g, e
}

PARAMETER {
	g = .001	(S/cm2)	<0,1e9>
	e = -70	(mV)
}

ASSIGNED {v (mV)  i (mA/cm2)}

BREAKPOINT {
	i = g*(v - e)
}
