# A dendrite whose g_pas and diam vary along it (seg rows; "vary along" in the summary).
section soma -L 20 -diam 20
section dend -L 100 -diam 2 -nseg 4
connect dend(0) soma(1)
insert pas dend
foreach x {0.125 0.375 0.625 0.875} g {1e-4 2e-4 3e-4 4e-4} d {4 3 2 1} {
    setval dend($x).g_pas $g
    setval dend($x).diam $d
}
ExpSyn syn1 dend(0.9) -tau 2
ExpSyn syn2 dend(0.1) -tau 3
