# modeldb.tcl: small cells on the ModelDB-style .mod files of this folder, the models of
# tests/golden/_nmodl_modeldb.py (read that file for NEURON's side). -D lib=LIBRARY (built from
# this folder), -D model=cortical|hippocampal|l5|synapses|izh|steep, -D cvode=0|1 (atol 1e-5, rtol 0),
# -D tstop=MS (default 100).
load_mechanisms $lib
if {![info exists cvode]} { set cvode 0 }
if {![info exists tstop]} { set tstop 100 }

# A soma 20x20 and a dendrite of length L (diam 2, Ra 150, nseg n) with pas (g, e) and the
# mechanisms mechs everywhere.
proc ball_stick {L n mechs g e} {
    section soma -L 20 -diam 20
    section dend -L $L -diam 2 -nseg $n -Ra 150
    connect dend soma(1)
    foreach s {soma dend} {
        foreach m [concat pas $mechs] { insert $m $s }
        setval $s.g_pas $g
        setval $s.e_pas $e
    }
}

proc cortical {} {
    setval celsius 37
    ball_stick 200 5 {msna mskv mskm mskca msca mscad} 3e-5 -70
    foreach {s na kv km kca ca} {soma 1000 200 10 3 0.3  dend 40 20 5 3 0.3} {
        setval $s.gbar_msna $na
        setval $s.gbar_mskv $kv
        setval $s.gbar_mskm $km
        setval $s.gbar_mskca $kca
        setval $s.gbar_msca $ca
    }
    IClamp ic soma(0.5) -del 5 -dur 80 -amp 0.2
    return {soma(0.5).v dend(0.5).v soma(0.5).m_msna soma(0.5).h_msna soma(0.5).n_mskv
        soma(0.5).n_mskm dend(0.5).n_mskca dend(0.5).m_msca dend(0.5).cai dend(0.5).eca}
}

proc hippocampal {} {
    setval celsius 35
    ball_stick 300 7 {hckdr hckap hcna3 hch} 2e-5 -65
    foreach s {soma dend} {
        setval $s.ek -90
        setval $s.ena 55
        setval $s.ehd_hch -30
    }
    foreach {s kdr ka na h} {soma 0.01 0.02 0.03 5e-5  dend 0.005 0.04 0.02 1e-4} {
        setval $s.gkdrbar_hckdr $kdr
        setval $s.gkabar_hckap $ka
        setval $s.gbar_hcna3 $na
        setval $s.ghdbar_hch $h
    }
    setval dend.ar2_hcna3 0.8
    setval dend(0.9).vhalfl_hch -90
    IClamp ic soma(0.5) -del 5 -dur 80 -amp 0.3
    return {soma(0.5).v dend(0.9).v soma(0.5).n_hckdr soma(0.5).l_hckap soma(0.5).s_hcna3
        dend(0.9).m_hcna3 dend(0.9).l_hch dend(0.9).i_hch}
}

proc l5 {} {
    setval celsius 34
    section soma -L 20 -diam 20
    foreach m {pas l5nat l5kv31 l5sk l5cahva l5cad l5ih} { insert $m soma }
    foreach {name value} {g_pas 3e-5 e_pas -90 ek -85 ena 50 gNaTa_tbar_l5nat 2.04
            gSKv3_1bar_l5kv31 0.693 gSK_E2bar_l5sk 0.0441 gCa_HVAbar_l5cahva 0.000992
            decay_l5cad 460 gamma_l5cad 0.000501 gIhbar_l5ih 0.0002} {
        setval soma.$name $value
    }
    IClamp ic soma(0.5) -del 5 -dur 80 -amp 0.3
    return {soma(0.5).v soma(0.5).m_l5nat soma(0.5).m_l5kv31 soma(0.5).z_l5sk soma(0.5).cai
        soma(0.5).m_l5ih soma(0.5).ica}
}

proc synapses {} {
    section pre -L 20 -diam 20
    section post -L 20 -diam 20
    section c -L 10 -diam 10
    insert hh pre
    insert dxrel pre
    insert pas post
    insert lmisc post
    setval post.g_pas 1e-4
    setval post.e_pas -65
    NetStim ns -start 10 -number 4 -interval 20
    ExpSyn es pre(0.5) -tau 2
    NetCon n0 ns es -delay 1 -weight 0.01
    dxampa am post(0.5) -gmax 1000
    dxnmda nm post(0.5) -gmax 0.0005
    setpointer am.C pre(0.5).T_dxrel
    setpointer nm.C pre(0.5).T_dxrel
    e2stdp sd post(0.5)
    NetCon n1 ns sd -delay 3 -weight {0.005 0 0}
    NetCon n2 pre(0.5).v sd -threshold 0 -delay 2 -weight {0.003 0 0}
    izh07 iz c(0.5) -Iin 100
    ExpSyn es2 post(0.5) -tau 3
    NetCon n3 iz es2 -delay 1 -weight 0.002
    return {pre(0.5).v post(0.5).v pre(0.5).T_dxrel am.O am.g nm.R nm.B sd.g n2.weight[1]
        iz.vv iz.u es2.g post(0.5).gsum_lmisc post(0.5).x_lmisc post(0.5).y_lmisc
        post(0.5).cnt_lmisc post(0.5).wd_lmisc}
}

proc izh {} {
    section c -L 10 -diam 10
    izh07 iz c(0.5) -Iin 100
    return {iz.vv iz.u}
}

proc steep {} {
    section soma -L 20 -diam 20
    insert hh soma
    insert steepk soma
    IClamp ic soma(0.5) -del 2 -dur 20 -amp 0.2
    return {soma(0.5).v soma(0.5).m_steepk soma(0.5).minf_steepk soma(0.5).lo_steepk
        soma(0.5).hi_steepk}
}

record t
foreach path [$model] { record $path }
if {$cvode} { cvode -active 1 -atol 1e-5 -rtol 0 }
setval tstop $tstop
run
