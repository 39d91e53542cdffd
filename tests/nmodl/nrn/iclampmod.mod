: Copied from NEURON 8.2.2 (github.com/neuronsimulator/nrn, tag 8.2.2, src/nrnoc/stim.mod),
: BSD 3-clause licence (COPYRIGHT-NEURON beside this file). Changed only in its name
: (POINT_PROCESS IClampMod instead of POINT_PROCESS IClamp) so that it loads beside the built-in. A test input of nrn.
COMMENT
Since this is an electrode current, positive values of i depolarize the cell
and in the presence of the extracellular mechanism there will be a change
in vext since i is not a transmembrane current but a current injected
directly to the inside of the cell.
ENDCOMMENT

NEURON {
	POINT_PROCESS IClampMod
	RANGE del, dur, amp, i
	ELECTRODE_CURRENT i
}
UNITS {
	(nA) = (nanoamp)
}

PARAMETER {
	del (ms)
	dur (ms)	<0,1e9>
	amp (nA)
}
ASSIGNED { i (nA) }

INITIAL {
	i = 0
}

BREAKPOINT {
	at_time(del)
	at_time(del+dur)

	if (t < del + dur && t >= del) {
		i = amp
	}else{
		i = 0
	}
}
