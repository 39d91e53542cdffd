# Reference for recipes/ring-parallel.tcl (N = 5 unless argv[1]): recipes/ring.tcl's network
# (tests/golden/recipe_ring.py) written with ParallelContext as NEURON's "Ball and stick 4:
# parallel" tutorial does: cell gid i on rank i % nhost (round robin), pc.cell(gid,
# NetCon(soma(0.5)._ref_v, None)), each cell's ExpSyn fed by pc.gid_connect(gid - 1) (delay 5,
# weight 0.01), a NetStim (number 1, start 9) on the rank owning gid 0 drives it (delay 1,
# weight 0.01); spike_record(-1), set_maxstep(10), finitialize(-65), psolve(100).
# Output: "gid,t" then every spike sorted by (t, gid), gathered on rank 0.
# RING_TSTOP=ms in the environment: run to that time (default 100). Rank 0 prints the
# psolve and exchange (pc.wait_time) seconds on stderr, for bench/parallel.sh.
# Run: /usr/bin/python3 ring_parallel.py > ring_parallel.csv
#      NTHREAD=2 /usr/bin/python3 ring_parallel.py > ring_parallel_threads.csv
#        (pc.nthread(2): the same spikes for 1 to 4 threads, and under mpirun -np 2)
#      mpirun -np 2 /usr/bin/python3 ring_parallel.py   (the same spikes, after NEURON's
#      "numprocs=2" line; checked for 2, 3 and 4 ranks)
import os
import sys
from neuron import h
from _parallel_common import print_spikes, set_threads
if "OMPI_COMM_WORLD_SIZE" in os.environ:
    h.nrnmpi_init()
from _ring_common import ball_and_stick  # after nrnmpi_init: it loads stdrun.hoc
pc = h.ParallelContext()
set_threads(pc)
rank, nhost = int(pc.id()), int(pc.nhost())
N = int(sys.argv[-1]) if sys.argv[-1].isdigit() else 5
cells = {}
for gid in range(rank, N, nhost):
    pc.set_gid2node(gid, rank)
    soma, dend, syn = ball_and_stick(gid)
    nc = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
    pc.cell(gid, nc)
    cells[gid] = (soma, dend, syn, nc)
ncs = []
for gid, c in cells.items():
    nc = pc.gid_connect((gid - 1 + N) % N, c[2]); nc.weight[0] = 0.01; nc.delay = 5
    ncs.append(nc)
if pc.gid_exists(0):
    stim = h.NetStim(); stim.number = 1; stim.start = 9
    ncstim = h.NetCon(stim, cells[0][2]); ncstim.delay = 1; ncstim.weight[0] = 0.01
tvec, idvec = h.Vector(), h.Vector()
pc.spike_record(-1, tvec, idvec)
pc.set_maxstep(10)
h.finitialize(-65)
t0 = pc.time()
pc.psolve(float(os.environ.get("RING_TSTOP", "100")))
elapsed = pc.allreduce(pc.time() - t0, 2)
wait = pc.allreduce(pc.wait_time(), 2)
if rank == 0:
    print(f"ring_parallel.py: {N} cells on {nhost} ranks, psolve {elapsed:.3f} s, "
          f"exchange {wait:.3f} s", file=sys.stderr)
print_spikes(h, pc, tvec, idvec)
