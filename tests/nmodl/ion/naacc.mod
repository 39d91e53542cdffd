: naacc.mod (written for nrn's tests): sodium accumulation in a shell of the given depth
: under the membrane and in an outside space that relaxes to a bath, by METHOD cnexp.
: It WRITEs nai and nao, so they become the na ion's states and ena follows them by Nernst
: every step (NEURON's ion style), changing hh's sodium current.
NEURON {
	SUFFIX naacc
	USEION na READ ina WRITE nai, nao
	RANGE depth, k
	GLOBAL nabath
}
UNITS {
	(mM) = (milli/liter)
	(mA) = (milliamp)
	(um) = (micron)
	FARADAY = (faraday) (coulomb)
}
PARAMETER {
	depth = 0.01 (um)
	k = 0.05 (/ms)
	nabath = 140 (mM)
}
ASSIGNED { ina (mA/cm2) }
STATE { nai (mM) nao (mM) }
BREAKPOINT { SOLVE state METHOD cnexp }
DERIVATIVE state {
	nai' = -ina/(depth*FARADAY)*(1e4)
	nao' = ina/(depth*FARADAY)*(1e4) + k*(nabath - nao)
}
