# builtins.tcl: written for nrn's tests (tests/cross). The translated built-ins in one model:
# an hh axon of 41 segments with an ExpSyn (its NetStim, noise 0.5, is connected by the
# protocol: a model CSV holds no NetCons) and an APCount, an hh soma under the SEClamp of
# tests/golden/seclamp.py and one under the VClamp of tests/golden/vclamp.py.
section ax -L 1000 -diam 1 -nseg 41
insert hh ax
ExpSyn syn ax(0.3) -tau 2 -e 0
NetStim ns -start 1 -interval 6 -number 6 -noise 0.5
APCount apc ax(0.9) -thresh -10
section sc -L 10 -diam 10
insert hh sc
SEClamp se sc(0.5) -dur1 2 -amp1 -70 -dur2 5 -amp2 -10 -dur3 3 -amp3 -70 -rs 0.1
section vcs -L 10 -diam 10
insert hh vcs
VClamp vc vcs(0.5)
setval {vc.dur[0]} 2 {vc.amp[0]} -70 {vc.dur[1]} 5 {vc.amp[1]} -10 {vc.dur[2]} 3 {vc.amp[2]} -70
