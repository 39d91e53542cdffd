# _parallel_common.py: what the ParallelContext references (ring_parallel.py,
# recurrent_parallel.py) share: every rank's spike_record gathered on rank 0 and printed;
# NTHREAD=n in the environment runs NEURON with pc.nthread(n).
import os
import sys


def set_threads(pc):
    """pc.nthread(n) when NTHREAD=n is in the environment (the *_threads.csv goldens)."""
    n = int(os.environ.get("NTHREAD", "1"))
    if n > 1:
        pc.nthread(n)


def print_spikes(h, pc, tvec, idvec):
    """Prints "gid,t" and every rank's spikes sorted by (t, gid) on rank 0, then quits."""
    local = [(tvec[k], int(idvec[k])) for k in range(len(tvec))]
    allspikes = pc.py_gather(local, 0)
    if int(pc.id()) == 0:
        print("gid,t")
        for t, gid in sorted(s for part in allspikes for s in part):
            print(f"{gid},{t!r}")
        sys.stdout.flush()
    pc.barrier()
    pc.done()
    h.quit()
