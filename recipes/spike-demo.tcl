# spike-demo.tcl: the scripting course's spike demo: an hh soma (10 um x 10 um) gets four
# brief 0.1 nA pulses (0.5 ms at 2, 13, 27 and 40 ms); a NetCon with no target watches
# soma(0.5).v and records when it crosses 10 mV. The pulse at 13 ms comes in the relative
# refractory period and fails, so three spikes: 3.225000000100012 28.20000000009893
# 41.70000000010092 (the 1e-10 is NEURON's: a crossing is dated at the step's end + 1e-10).
# Run: nrn-run recipes/spike-demo.tcl > spike.csv   (spike times on stderr, t and v on stdout)
#      nrn-run --spikes spikes.csv recipes/spike-demo.tcl > spike.csv
section soma -L 10 -diam 10
insert hh soma
set k 0
foreach delay {2 13 27 40} {
    IClamp ic[incr k] soma(0.5) -delay $delay -dur 0.5 -amp 0.1
}
NetCon nc soma(0.5).v {} -threshold 10
nc record spike_times
record t
record soma(0.5).v
finitialize -65
continuerun 50
foreach t [vector get spike_times] {
    puts stderr $t
}
