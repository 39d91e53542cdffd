# network.tcl: the scripting course's two-cell network. Two ball-and-stick cells (soma 20 x 20
# um with hh, a 200 um passive dendrite); a current pulse makes cell 1 fire, a NetCon watching
# cell1.soma(0.5).v delivers the spike 2 ms later to an ExpSyn on cell 2's dendrite, and cell 2
# fires in turn. Spike times go to stderr; t, both somas' v and the synaptic conductance to
# stdout. Same numbers as NEURON: tests/golden/recipe_network.py.
# Run: nrn-run recipes/network.tcl > net.csv
#      nrn-run --spikes spikes.csv recipes/network.tcl | nrn-plot -y cell1.soma\(0.5\).v,cell2.soma\(0.5\).v
proc cell {name} {
    section $name.soma -L 20 -diam 20 -Ra 100
    section $name.dend -L 200 -diam 1 -nseg 5 -Ra 100
    connect $name.dend $name.soma(1)
    insert hh $name.soma
    insert pas $name.dend
    setval $name.dend.g_pas 0.001 $name.dend.e_pas -65
}
cell cell1
cell cell2
IClamp stim cell1.soma(0.5) -delay 2 -dur 1 -amp 0.5
ExpSyn syn cell2.dend(0.5) -tau 2 -e 0
NetCon nc cell1.soma(0.5).v syn -threshold 10 -delay 2 -weight 0.02
NetCon det cell2.soma(0.5).v {}
nc record spikes1
det record spikes2
record t
record cell1.soma(0.5).v
record cell2.soma(0.5).v
record syn.g
finitialize -65
continuerun 40
puts stderr "cell1 spikes: [vector get spikes1]"
puts stderr "cell2 spikes: [vector get spikes2]"
