# savestate.tcl: the scripting course's SaveState tip: when every run of a parameter sweep
# starts with the same long settling period, run it once, save the state, and start each run
# from the saved state. Here a cell with a leaky dendrite (e_pas -70) settles for 200 ms;
# then for each pulse amplitude the state is restored (t is 200 again) and only 200..230 ms
# is run. Output: a table amp,nspikes,first_spike,v_end on stdout (no recorded columns).
# Same numbers as NEURON: tests/golden/recipe_savestate.py.
# Run: nrn-run recipes/savestate.tcl > sweep.csv
#      nrn-run -D statefile=steady.dat recipes/savestate.tcl   (also writes the state to a file)
section soma -L 20 -diam 20 -Ra 100
section dend -L 500 -diam 2 -nseg 11 -Ra 100
connect dend soma(1)
insert hh soma
insert pas dend
setval dend.g_pas 1e-4 dend.e_pas -70
IClamp ic soma(0.5) -delay 205 -dur 2 -amp 0
NetCon det soma(0.5).v {}
det record spikes

finitialize -65
continuerun 200
savestate save steady
if {[info exists statefile]} {
    savestate write steady $statefile
    puts stderr "state at t = [getval t] ms written to $statefile"
}

puts "amp,nspikes,first_spike,v_end"
foreach amp {0.05 0.1 0.15 0.2 0.3 0.4} {
    savestate restore steady
    ic configure -amp $amp
    vector set spikes {}
    continuerun 230
    set spk [vector get spikes]
    puts "$amp,[llength $spk],[lindex $spk 0],[getval soma(0.5).v]"
}
