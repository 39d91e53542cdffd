TITLE transmitter release, kinetic-synapse style (test mechanism)

COMMENT
-----------------------------------------------------------------------------
  Written for nrn's tests in the style of the kinetic synapse papers' release
  mechanism: a density mechanism whose T is a pulse of transmitter while the
  presynaptic v is above a threshold, with a dead time; lastrelease as an
  ASSIGNED kept between steps; BREAKPOINT without currents solving a
  PROCEDURE.
-----------------------------------------------------------------------------
ENDCOMMENT

INDEPENDENT {t FROM 0 TO 1 WITH 1 (ms)}

NEURON {
	SUFFIX dxrel
	RANGE T,Tmax,Cdur,Deadtime,Prethresh
	GLOBAL dummy
}
UNITS {
	(mA) = (milliamp)
	(mV) = (millivolt)
	(mM) = (milli/liter)
}

PARAMETER {
	Cdur	= 1.1	(ms)		: transmitter duration (rising phase)
	Deadtime = 1	(ms)		: mimimum time between release events
	Prethresh = 0 	(mV)		: voltage level nec for release
	Tmax	= 1	(mM)		: max transmitter concentration
}

ASSIGNED {
	v		(mV)		: presynaptic voltage
	T		(mM)		: transmitter concentration
	tspike		(ms)		: time of last spike
	lastrelease	(ms)		: time of last release
	dummy
}

INITIAL {
	T = 0
	lastrelease = -9e9
	tspike = -9e9
}

BREAKPOINT {
	SOLVE release
}

PROCEDURE release() { LOCAL q
	:will crash if user hasn't set pre with the connect statement

	q = ((t - lastrelease) - Cdur)		: time since last release ended

						: ready for another release?
	if (q > Deadtime) {
		if (v > Prethresh) {		: spike occured?
			T = Tmax			: start new release
			lastrelease = t
		}
	} else if (q < 0) {			: still releasing?
	} else if (T == Tmax) {			: in dead time after release
		T = 0
	}
}
