# Reference for tests/parallel/recurrent.tcl: 12 one-compartment hh cells (L = diam = 20,
# ExpSyn tau 2 at soma(0.5)), gid i on rank i % nhost; cell i is fed by gids (i*k + 3) % 12
# for k in 1, 5, 7 (not itself), delay 2 + (i % 3) * 0.5 ms, weight 0.006; every fourth
# cell has a NetStim (number 3, start 1 + i, interval 7; NetCon delay 1, weight 0.02).
# set_maxstep(10), finitialize(-65), psolve(80). Output: "gid,t", every cell's spike sorted
# by (t, gid), gathered on rank 0.
# Run: /usr/bin/python3 recurrent_parallel.py > recurrent_parallel.csv
#      NTHREAD=2 /usr/bin/python3 recurrent_parallel.py > recurrent_parallel_threads.csv
#        (pc.nthread(2): the same spikes for 1 to 4 threads, and under mpirun -np 2)
#      mpirun -np 3 /usr/bin/python3 recurrent_parallel.py   (the same after "numprocs=3")
#      LOCAL_ATOL=1e-5 /usr/bin/python3 recurrent_parallel.py > recurrent_parallel_local.csv
#        (the local variable step: CVode active, use_local_dt(1), atol 1e-5; the same spikes
#        under mpirun -np 2 and 3, and as h.continuerun(80) instead of psolve)
import os
from neuron import h
from _parallel_common import print_spikes, set_threads
if "OMPI_COMM_WORLD_SIZE" in os.environ:
    h.nrnmpi_init()
pc = h.ParallelContext()
set_threads(pc)
rank, nhost = int(pc.id()), int(pc.nhost())
N = 12
keep = []
syns = {}
for gid in range(rank, N, nhost):
    pc.set_gid2node(gid, rank)
    soma = h.Section(name=f"c{gid}.soma"); soma.L = soma.diam = 20
    soma.insert("hh")
    syn = h.ExpSyn(soma(0.5)); syn.tau = 2
    nc = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
    pc.cell(gid, nc)
    keep += [soma, syn, nc]
    syns[gid] = syn
    if gid % 4 == 0:
        st = h.NetStim(); st.number = 3; st.start = 1 + gid; st.interval = 7
        ns = h.NetCon(st, syn); ns.delay = 1; ns.weight[0] = 0.02
        keep += [st, ns]
for gid in range(rank, N, nhost):
    for k in (1, 5, 7):
        src = (gid * k + 3) % N
        if src == gid:
            continue
        nc = pc.gid_connect(src, syns[gid]); nc.delay = 2 + (gid % 3) * 0.5; nc.weight[0] = 0.006
        keep.append(nc)
tvec, idvec = h.Vector(), h.Vector()
pc.spike_record(-1, tvec, idvec)
pc.set_maxstep(10)
if "LOCAL_ATOL" in os.environ:
    cv = h.CVode(); cv.active(1); cv.use_local_dt(1); cv.atol(float(os.environ["LOCAL_ATOL"]))
h.finitialize(-65)
pc.psolve(80)
print_spikes(h, pc, tvec, idvec)
