# topology.tcl: a 7-section cell (soma, an apical and a basal tree) built by connecting
# sections, then its shape printed the way NEURON's topology() prints it.
# Run: nrn-run recipes/topology.tcl    (same text as NEURON: tests/golden/topology_course.txt)
foreach {name nseg} {soma 1 proxApical 3 apic1 5 apic2 4 proxBasal 2 distBasal1 3 distBasal2 3} {
    section $name -nseg $nseg
}
connect proxApical soma(1)
connect apic1 proxApical(1)
connect apic2 proxApical(1)
connect proxBasal soma(0)
connect distBasal1 proxBasal(1)
connect distBasal2 proxBasal(1)
puts -nonewline [topology]
