TITLE mscad.mod  submembrane calcium decay, cortical style (test mechanism)

COMMENT
  Written for nrn's tests: USEION ca READ ica, cai WRITE cai, FARADAY from a
  UNITS constant, a drive that a one-way pump clips at zero, (molar) = (1/liter),
  derivimplicit, and the state initialised from a PARAMETER.
ENDCOMMENT

INDEPENDENT {t FROM 0 TO 1 WITH 1 (ms)}

NEURON {
	SUFFIX mscad
	USEION ca READ ica, cai WRITE cai
	RANGE ca, depth, taur, cainf
	GLOBAL kt, kd
}

UNITS {
	(molar) = (1/liter)			: moles do not appear in units
	(mM)	= (millimolar)
	(um)	= (micron)
	(mA)	= (milliamp)
	(msM)	= (ms mM)
	FARADAY = (faraday) (coulomb)
}

PARAMETER {
	depth	= .1	(um)		: depth of shell
	taur	= 200	(ms)		: rate of calcium removal
	cainf	= 100e-6(mM)
	cai		(mM)
	kt	= 1e-4	(mM/ms)		: estimated from k3a
	kd	= 1e-4	(mM)		: estimated from k3a
}

STATE {
	ca		(mM) <1e-5>
}

INITIAL {
	ca = cainf
	cai = ca
}

ASSIGNED {
	ica		(mA/cm2)
	drive_channel	(mM/ms)
	drive_pump	(mM/ms)
}

BREAKPOINT {
	SOLVE state METHOD derivimplicit
}

DERIVATIVE state {

	drive_channel =  - (10000) * ica / (2 * FARADAY * depth)

	if (drive_channel <= 0.) { drive_channel = 0. }	: cannot pump inward

	drive_pump = -kt * ca / (ca + kd)		: Michaelis-Menten

	ca' = drive_channel + drive_pump + (cainf-ca)/taur
	cai = ca
}
