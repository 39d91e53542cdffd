# ball and stick, ExpSyn driven by a NetStim: cvode_accuracy.py's ballstick
section soma -L 12.6157 -diam 12.6157 -Ra 100
section dend -L 200 -diam 1 -nseg 9 -Ra 100
connect dend soma(1)
insert hh soma
insert pas dend
setval dend.g_pas 0.001 dend.e_pas -65
NetStim ns -start 5 -interval 8 -number 5 -noise 0
ExpSyn syn dend(0.5) -tau 2 -e 0
NetCon nc ns syn -delay 1 -weight 0.04
