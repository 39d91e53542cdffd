# bench/neuron/cvode_axon.hoc's axon (hh, nseg 1001, 10 mm), measured at its far end for 40 ms:
# cvode_accuracy.py's axon
set n 1001
section axon -L 10000 -diam 1 -nseg $n -Ra 100 -cm 1
insert hh axon
IClamp stim axon([expr {0.5 / $n}]) -del 1 -dur 0.5 -amp 1
set site axon([expr {1 - 0.5 / $n}])
set tstop 40
