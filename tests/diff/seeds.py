"""seeds.py: what diff_neuron.py and diff_swc.py share: their command line (--seeds A:B,
--bin, --dir) and the loop that runs one check per seed in its own folder, keeps the folder
of a seed that failed (with the reason on stdout) and removes the rest."""
import argparse
import os
import shutil
import tempfile


def parser(doc):
    """An argument parser with the common options; the caller adds its own."""
    ap = argparse.ArgumentParser(description=doc.split("\n")[0])
    ap.add_argument("--seeds", required=True, help="A:B, the seeds A to B-1")
    ap.add_argument("--bin", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../bin"))
    ap.add_argument("--dir", default=None)
    return ap


def run(args, prefix, check, what):
    """check(seed, folder) -> None or why not, for every seed of args.seeds; prints the
    failures and a summary line 'PREFIX: N WHAT (seeds A:B), K differ'; returns 1 if any did."""
    lo, hi = (int(s) for s in args.seeds.split(":"))
    args.bin = os.path.abspath(args.bin)
    args.dir = args.dir or tempfile.mkdtemp(prefix=prefix + ".")
    failed = 0
    for seed in range(lo, hi):
        d = os.path.join(args.dir, "s%d" % seed)
        os.makedirs(d, exist_ok=True)
        why = check(seed, d)
        if why is None:
            shutil.rmtree(d)
        else:
            failed += 1
            print("seed %d: %s; files in %s" % (seed, why, d), flush=True)
    print("%s: %d %s (seeds %d:%d), %d differ" % (prefix, hi - lo, what, lo, hi, failed))
    if failed == 0 and not os.listdir(args.dir):
        os.rmdir(args.dir)
    return 1 if failed else 0
