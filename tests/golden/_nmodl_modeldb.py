# Shared by the nmodl_modeldb_*.py goldens: the small cells of tests/nmodl/modeldb/modeldb.tcl
# (read that file for the same models in Tcl), built on the project's own ModelDB-style .mod
# files of tests/nmodl/modeldb, compiled with NEURON's nrnivmodl. Each model(name) prints t and
# its recorded values as CSV, every 4th step's row (t = 0, 0.1, ... ms) to keep the files small;
# cvode=True runs it under CVODE (atol 1e-5, rtol 0), a row per step.
from neuron import h
from _nmodl_common import load_test_mechanisms

def _sec(name, L, diam, nseg=1, Ra=35.4):
    s = h.Section(name=name); s.L = L; s.diam = diam; s.nseg = nseg; s.Ra = Ra
    return s

def _setall(sec, **values):
    for seg in sec:
        for k, x in values.items():
            setattr(seg, k, x)

def cortical():
    """The cortical-style set (msna, mskv, mskm, mskca, msca, mscad) on a soma and a dendrite."""
    h.celsius = 37
    soma = _sec("soma", 20, 20); dend = _sec("dend", 200, 2, 5, 150)
    dend.connect(soma(1), 0)
    for s in (soma, dend):
        for m in ("pas", "msna", "mskv", "mskm", "mskca", "msca", "mscad"):
            s.insert(m)
        _setall(s, g_pas=3e-5, e_pas=-70)
    _setall(soma, gbar_msna=1000, gbar_mskv=200, gbar_mskm=10, gbar_mskca=3, gbar_msca=0.3)
    _setall(dend, gbar_msna=40, gbar_mskv=20, gbar_mskm=5, gbar_mskca=3, gbar_msca=0.3)
    ic = h.IClamp(soma(0.5)); ic.delay = 5; ic.dur = 80; ic.amp = 0.2
    s, d = soma(0.5), dend(0.5)
    cols = [("t", h._ref_t), ("soma(0.5).v", s._ref_v), ("dend(0.5).v", d._ref_v),
            ("soma(0.5).m_msna", s._ref_m_msna), ("soma(0.5).h_msna", s._ref_h_msna),
            ("soma(0.5).n_mskv", s._ref_n_mskv), ("soma(0.5).n_mskm", s._ref_n_mskm),
            ("dend(0.5).n_mskca", d._ref_n_mskca), ("dend(0.5).m_msca", d._ref_m_msca),
            ("dend(0.5).cai", d._ref_cai), ("dend(0.5).eca", d._ref_eca)]
    return cols, (soma, dend, ic)

def hippocampal():
    """The hippocampal-style set (hckdr, hckap, hcna3, hch) on a soma and a dendrite."""
    h.celsius = 35
    soma = _sec("soma", 20, 20); dend = _sec("dend", 300, 2, 7, 150)
    dend.connect(soma(1), 0)
    for s in (soma, dend):
        for m in ("pas", "hckdr", "hckap", "hcna3", "hch"):
            s.insert(m)
        _setall(s, g_pas=2e-5, e_pas=-65, ek=-90, ena=55, ehd_hch=-30)
    _setall(soma, gkdrbar_hckdr=0.01, gkabar_hckap=0.02, gbar_hcna3=0.03, ghdbar_hch=5e-5)
    _setall(dend, gkdrbar_hckdr=0.005, gkabar_hckap=0.04, gbar_hcna3=0.02, ghdbar_hch=1e-4,
            ar2_hcna3=0.8)
    dend(0.9).vhalfl_hch = -90
    ic = h.IClamp(soma(0.5)); ic.delay = 5; ic.dur = 80; ic.amp = 0.3
    s, d = soma(0.5), dend(0.9)
    cols = [("t", h._ref_t), ("soma(0.5).v", s._ref_v), ("dend(0.9).v", d._ref_v),
            ("soma(0.5).n_hckdr", s._ref_n_hckdr), ("soma(0.5).l_hckap", s._ref_l_hckap),
            ("soma(0.5).s_hcna3", s._ref_s_hcna3), ("dend(0.9).m_hcna3", d._ref_m_hcna3),
            ("dend(0.9).l_hch", d._ref_l_hch), ("dend(0.9).i_hch", d._ref_i_hch)]
    return cols, (soma, dend, ic)

def l5():
    """The L5-style set (l5nat, l5kv31, l5sk, l5cahva, l5cad, l5ih) on a soma."""
    h.celsius = 34
    soma = _sec("soma", 20, 20)
    for m in ("pas", "l5nat", "l5kv31", "l5sk", "l5cahva", "l5cad", "l5ih"):
        soma.insert(m)
    _setall(soma, g_pas=3e-5, e_pas=-90, ek=-85, ena=50, gNaTa_tbar_l5nat=2.04,
            gSKv3_1bar_l5kv31=0.693, gSK_E2bar_l5sk=0.0441, gCa_HVAbar_l5cahva=0.000992,
            decay_l5cad=460, gamma_l5cad=0.000501, gIhbar_l5ih=0.0002)
    ic = h.IClamp(soma(0.5)); ic.delay = 5; ic.dur = 80; ic.amp = 0.3
    s = soma(0.5)
    cols = [("t", h._ref_t), ("soma(0.5).v", s._ref_v), ("soma(0.5).m_l5nat", s._ref_m_l5nat),
            ("soma(0.5).m_l5kv31", s._ref_m_l5kv31), ("soma(0.5).z_l5sk", s._ref_z_l5sk),
            ("soma(0.5).cai", s._ref_cai), ("soma(0.5).m_l5ih", s._ref_m_l5ih),
            ("soma(0.5).ica", s._ref_ica)]
    return cols, (soma, ic)

def synapses():
    """Kinetic synapses with POINTERs to a release mechanism, an STDP-style Exp2Syn, an
    event-driven point neuron with WATCH, and lmisc's language forms: a 2-cell network."""
    pre = _sec("pre", 20, 20); post = _sec("post", 20, 20); c = _sec("c", 10, 10)
    pre.insert("hh"); pre.insert("dxrel")
    post.insert("pas"); post.insert("lmisc")
    _setall(post, g_pas=1e-4, e_pas=-65)
    ns = h.NetStim(); ns.start = 10; ns.number = 4; ns.interval = 20
    es = h.ExpSyn(pre(0.5)); es.tau = 2
    n0 = h.NetCon(ns, es); n0.delay = 1; n0.weight[0] = 0.01
    am = h.dxampa(post(0.5)); am.gmax = 1000
    nm = h.dxnmda(post(0.5)); nm.gmax = 0.0005
    h.setpointer(pre(0.5)._ref_T_dxrel, "C", am)
    h.setpointer(pre(0.5)._ref_T_dxrel, "C", nm)
    sd = h.e2stdp(post(0.5))
    n1 = h.NetCon(ns, sd); n1.delay = 3; n1.weight[0] = 0.005
    n2 = h.NetCon(pre(0.5)._ref_v, sd, sec=pre); n2.threshold = 0; n2.delay = 2; n2.weight[0] = 0.003
    iz = h.izh07(c(0.5)); iz.Iin = 100
    es2 = h.ExpSyn(post(0.5)); es2.tau = 3
    n3 = h.NetCon(iz, es2); n3.delay = 1; n3.weight[0] = 0.002
    cols = [("t", h._ref_t), ("pre(0.5).v", pre(0.5)._ref_v), ("post(0.5).v", post(0.5)._ref_v),
            ("pre(0.5).T_dxrel", pre(0.5)._ref_T_dxrel), ("am.O", am._ref_O), ("am.g", am._ref_g),
            ("nm.R", nm._ref_R), ("nm.B", nm._ref_B), ("sd.g", sd._ref_g),
            ("n2.weight[1]", n2._ref_weight[1]), ("iz.vv", iz._ref_vv), ("iz.u", iz._ref_u),
            ("es2.g", es2._ref_g), ("post(0.5).gsum_lmisc", post(0.5)._ref_gsum_lmisc),
            ("post(0.5).x_lmisc", post(0.5)._ref_x_lmisc),
            ("post(0.5).y_lmisc", post(0.5)._ref_y_lmisc),
            ("post(0.5).cnt_lmisc", post(0.5)._ref_cnt_lmisc),
            ("post(0.5).wd_lmisc", post(0.5)._ref_wd_lmisc)]
    return cols, (pre, post, c, ns, es, n0, am, nm, sd, n1, n2, iz, es2, n3)

def izh():
    """izh07 alone with a constant drive: its derivimplicit Newton step for step (nocmodl's
    unknowns are in symbol-table order, u before vv: another order changes the last bits)."""
    c = _sec("c", 10, 10)
    iz = h.izh07(c(0.5)); iz.Iin = 100
    return [("t", h._ref_t), ("iz.vv", iz._ref_vv), ("iz.u", iz._ref_u)], (c, iz)

def steep():
    """steepk (exp far beyond +-700) on an hh soma under a current step."""
    soma = _sec("soma", 20, 20)
    soma.insert("hh"); soma.insert("steepk")
    ic = h.IClamp(soma(0.5)); ic.delay = 2; ic.dur = 20; ic.amp = 0.2
    s = soma(0.5)
    return [("t", h._ref_t), ("soma(0.5).v", s._ref_v), ("soma(0.5).m_steepk", s._ref_m_steepk),
            ("soma(0.5).minf_steepk", s._ref_minf_steepk), ("soma(0.5).lo_steepk", s._ref_lo_steepk),
            ("soma(0.5).hi_steepk", s._ref_hi_steepk)], (soma, ic)

def model(name, cvode=False, tstop=100, every=4):
    load_test_mechanisms("../nmodl/modeldb")
    h.load_file("stdrun.hoc")
    cols, keep = globals()[name]()
    if cvode:
        cv = h.CVode()
        cv.active(1)
        cv.atol(1e-5)
        cv.rtol(0)
    recs = [h.Vector().record(r) for _, r in cols]
    h.tstop = tstop
    h.run()
    print(",".join(n for n, _ in cols))
    for row in list(zip(*recs))[::1 if cvode else every]:
        print(",".join(repr(x) for x in row))
    return keep
