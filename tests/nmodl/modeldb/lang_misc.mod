TITLE miscellaneous language forms of published files (test mechanism)

COMMENT
Written for nrn's tests: DEFINE, a UNITS block with ( ) = ( ) forms and a
constant, a CONSTANT block, PARAMETER limits with `<1e-9,1e9>`, LOCAL arrays,
FROM ... TO loops, while, if / else if / else chains, exp overflow guards,
PROTECT and MUTEXLOCK around a GLOBAL update, a FUNCTION called with
expression arguments, nested FUNCTIONs, unary minus in odd places, `:` at the
end of lines and `?` comments, integer division written as 1/2; a STATE wd that
INITIAL leaves alone, so that it starts from the PARAMETER wd0 (nocmodl's wd = wd0).
ENDCOMMENT

DEFINE NGATE 4

NEURON {
	SUFFIX lmisc
	NONSPECIFIC_CURRENT il
	RANGE gl, el, x, y, cnt, gsum, wd0
	GLOBAL ncall
	THREADSAFE
}

UNITS {
	(mA) = (milliamp)
	(mV) = (millivolt)
	(S) = (siemens)
	(molar) = (1/liter)
	(mM) = (millimolar)
	F = (faraday) (coulomb)
	PI = (pi) (1)
}

CONSTANT {
	half = 0.5 (1)
	big = 700
}

PARAMETER {
	gl = 1e-5 (S/cm2) <0,1e9>
	el = -70 (mV)
	tau = 3 (ms) <1e-9,1e9>
	wd0 = 0.25
	celsius (degC)
}

ASSIGNED {
	v (mV)
	il (mA/cm2)
	x
	y
	cnt
	gsum
	ncall
}

INITIAL {
	LOCAL k
	x = 0
	y = 0
	cnt = 0
	gsum = 0
	k = 0
	while (k < NGATE) {
		k = k + 1
		cnt = cnt + k
	}
	PROTECT ncall = 0
	MUTEXLOCK
	ncall = ncall + 1
	MUTEXUNLOCK
}

STATE { wd }

BREAKPOINT {
	LOCAL w[NGATE], j, s
	SOLVE dec METHOD cnexp
	FROM j = 0 TO NGATE - 1 {
		w[j] = sigm(v, -40 - 10*j, 5 + j)
	}
	s = 0
	FROM j=0 TO NGATE-1 { s = s + w[j]*w[j] }
	gsum = s/NGATE
	x = safexp((v + 20)/-2) + safexp(big)*0
	if (v > 0) {
		y = 1
	} else if (v > -30) {
		y = 2
	} else if (v > -60) {
		y = 3
	} else {
		y = 4
	}
	il = gl*(1 + gsum*half + wd)*(v - el) : a leak that grows with depolarisation
}

DERIVATIVE dec {
	wd' = -wd/tau
}

FUNCTION sigm(v (mV), vh (mV), k (mV)) {
	sigm = 1/(1 + safexp(-(v - vh)/k))
}

FUNCTION safexp(z) {
	if (z < -big) {
		safexp = 0
	} else if (z > big) {
		safexp = exp(big)
	} else {
		safexp = exp(z)
	}
}
