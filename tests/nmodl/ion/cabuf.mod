: cabuf.mod (written for nrn's tests): calcium entry and a buffer as a KINETIC scheme that
: WRITEs cai, the test of a concentration STATE of a kinetic scheme (sparse, and under CVODE
: the ion's own value). Free and bound buffer start from their equilibrium with cai.
NEURON {
	SUFFIX cabuf
	USEION ca READ ica WRITE cai
	RANGE kf, kb, btot, depth
}
UNITS {
	(mM) = (milli/liter)
	(mA) = (milliamp)
	FARADAY = (faraday) (coulombs)
}
PARAMETER {
	depth = 100 (nm)
	kf = 100 (/mM-ms)
	kb = 0.1 (/ms)
	btot = 0.05 (mM)
	taur = 20 (ms)
	cainf = 5e-5 (mM)
}
ASSIGNED { ica (mA/cm2) }
STATE { cai (mM) B (mM) CaB (mM) }
INITIAL {
	B = btot/(1 + kf*cai/kb)
	CaB = btot - B
}
BREAKPOINT { SOLVE scheme METHOD sparse }
KINETIC scheme {
	~ cai << (-ica/depth/FARADAY/2*(1e7) + (cainf - cai)/taur)
	~ cai + B <-> CaB (kf, kb)
}
