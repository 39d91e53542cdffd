# Shared by the nmodl_*.py goldens and recipe_nmodl.py: builds tests/nmodl/nrn's (or recipes') .mod files with NEURON's nrnivmodl
# (_nrnmech_build.sh, needs neuron-dev) into a scratch folder and loads them into NEURON.
import os, subprocess, tempfile
from neuron import h

def load_test_mechanisms(folder="../nmodl/nrn"):
    """Builds the .mod files of folder (relative to this directory) and loads them."""
    here = os.path.dirname(os.path.abspath(__file__))
    build = tempfile.mkdtemp(prefix="nrnmech.")
    subprocess.run(["sh", os.path.join(here, "_nrnmech_build.sh"), os.path.join(here, folder),
                    build], check=True, stdout=subprocess.DEVNULL)
    h.nrn_load_dll(os.path.join(build, "x86_64/.libs/libnrnmech.so"))
    subprocess.run(["rm", "-rf", build], check=True)

def run_soma(suffix):
    """Soma 20x20 with pas (g 1e-4, e -65) and SUFFIX, IClamp 5/20/0.3, 50 ms: prints t, v and
    the m and n states of SUFFIX as CSV (the hh.mod variants of tests/nmodl/nrn)."""
    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma"); soma.L = soma.diam = 20
    soma.insert("pas"); soma.insert(suffix)
    for seg in soma:
        seg.g_pas = 1e-4
        seg.e_pas = -65
    ic = h.IClamp(soma(0.5)); ic.delay = 5; ic.dur = 20; ic.amp = 0.3
    recs = [h.Vector().record(r) for r in (h._ref_t, soma(0.5)._ref_v,
                                           getattr(soma(0.5), "_ref_m_" + suffix),
                                           getattr(soma(0.5), "_ref_n_" + suffix))]
    h.tstop = 50
    h.run()
    print(f"t,soma(0.5).v,soma(0.5).m_{suffix},soma(0.5).n_{suffix}")
    for row in zip(*recs):
        print(",".join(repr(x) for x in row))

def run_ion_soma(mechs, values, names, atol=None):
    """Soma 20x20 with the density mechanisms mechs, values set ({"depth_cacum": 100} per
    segment, "nai0_na_ion"-style names and secondorder as globals), IClamp 5/60/0.3, 100 ms: prints t, v and
    soma(0.5).NAME for each of names as CSV (the ion goldens, tests/nmodl/ion). atol given:
    under CVODE (cvode_active(1), that atol, rtol 0), a row per step."""
    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma"); soma.L = soma.diam = 20
    for m in mechs:
        soma.insert(m)
    for name, value in values.items():
        if name.endswith("_ion") or name == "secondorder":
            setattr(h, name, value)
        else:
            for seg in soma:
                setattr(seg, name, value)
    ic = h.IClamp(soma(0.5)); ic.delay = 5; ic.dur = 60; ic.amp = 0.3
    s = soma(0.5)
    recs = [h.Vector().record(r) for r in [h._ref_t, s._ref_v] +
            [getattr(s, "_ref_" + n) for n in names]]
    if atol is not None:
        cv = h.CVode()
        cv.active(1)
        cv.atol(atol)
        cv.rtol(0)
    h.tstop = 100
    h.run()
    print(",".join(["t", "soma(0.5).v"] + ["soma(0.5)." + n for n in names]))
    for row in zip(*recs):
        print(",".join(repr(x) for x in row))

def kinetic_soma():
    """Soma 20x20 with pas (g 1e-4, e -65), hh without Na, MCna, kintest and karr (the kinetic
    schemes of tests/nmodl/nrn), IClamp 5/20/0.3: the cell of nmodl_kinetic*.py. Returns its
    middle segment (and keeps the section and clamp alive on it)."""
    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma"); soma.L = soma.diam = 20
    for m in ("pas", "hh", "MCna", "kintest", "karr"):
        soma.insert(m)
    for seg in soma:
        seg.g_pas = 1e-4
        seg.e_pas = -65
        seg.gnabar_hh = 0
    ic = h.IClamp(soma(0.5)); ic.delay = 5; ic.dur = 20; ic.amp = 0.3
    kinetic_soma.keep = (soma, ic)
    return soma(0.5)

def run_print(cols, tstop):
    """Records each (name, pointer) of cols, runs to tstop and prints them as CSV."""
    recs = [h.Vector().record(r) for _, r in cols]
    h.tstop = tstop
    h.run()
    print(",".join(n for n, _ in cols))
    for row in zip(*recs):
        print(",".join(repr(x) for x in row))

def _lang_soma(mechs, names, cvode):
    """An hh soma 20x20 with the tests/nmodl/lang mechanisms mechs, IClamp 1/2/0.3, 5 ms:
    prints t, v and soma(0.5).NAME_MECH for each (NAME, MECH) of names as CSV. cvode: under
    CVODE (cvode_active(1), atol 1e-5, rtol 0), a row per step."""
    load_test_mechanisms("../nmodl/lang")
    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma"); soma.L = soma.diam = 20
    soma.insert("hh")
    for m in mechs:
        soma.insert(m)
    ic = h.IClamp(soma(0.5)); ic.delay = 1; ic.dur = 2; ic.amp = 0.3
    s = soma(0.5)
    cols = [("t", h._ref_t), ("soma(0.5).v", s._ref_v)] + \
        [("soma(0.5).%s_%s" % nm, getattr(s, "_ref_%s_%s" % nm)) for nm in names]
    if cvode:
        cv = h.CVode()
        cv.active(1)
        cv.atol(1e-5)
        cv.rtol(0)
    run_print(cols, 5)

def run_ba(cvode=False):
    """tests/nmodl/lang/bacheck.mod: the values its BEFORE/AFTER blocks set (nmodl_ba*.py),
    as _lang_soma."""
    _lang_soma(["bacheck"], [(n, "bacheck") for n in ["vbb", "tbb", "vas", "nstep", "ini"]],
               cvode)

def run_bkcount(cvode=False):
    """tests/nmodl/lang/bkcount.mod and bkproc.mod (BREAKPOINTs without currents): their
    counts and the v seen (nmodl_bkcount*.py), as _lang_soma; under CVODE without bkproc
    (NEURON refuses a SOLVEd PROCEDURE there)."""
    names = [("n", "bkcount"), ("vseen", "bkcount")]
    if cvode:
        _lang_soma(["bkcount"], names, True)
    else:
        _lang_soma(["bkcount", "bkproc"], names + [("x", "bkproc"), ("xseen", "bkproc")], False)

def run_watch_cvode(condition_order):
    """tests/nmodl/corpus/hhwatch.mod on a soma 20x20 with an IClamp 2/1/0.3 under CVODE
    (atol 1e-5, rtol 0, condition_order as given), 20 ms: prints t, v, hw.g and hw.i as CSV
    (nmodl_watch_cvode*.py)."""
    load_test_mechanisms("../nmodl/corpus")
    h.load_file("stdrun.hoc")
    a = h.Section(name="a"); a.L = a.diam = 20
    hw = h.hhwatch(a(0.5))
    ic = h.IClamp(a(0.5)); ic.delay = 2; ic.dur = 1; ic.amp = 0.3
    cv = h.CVode()
    cv.active(1)
    cv.atol(1e-5)
    cv.rtol(0)
    cv.condition_order(condition_order)
    run_print([("t", h._ref_t), ("a(0.5).v", a(0.5)._ref_v), ("hw.g", hw._ref_g),
               ("hw.i", hw._ref_i)], 20)
