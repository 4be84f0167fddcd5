# The same coin flips in CPython with multiprocessing, for scale: 2*10**7 random bits summed
# in equal contiguous chunks over a Pool of P processes (P from the command line, default 2).
# Three timed runs; prints "workers P", "result N" and "elapsed SECONDS" per run.
import multiprocessing
import sys
import time
from random import getrandbits


def count_heads(bounds):
    c = 0
    for i in range(bounds[0], bounds[1]):
        c += getrandbits(1)
    return c


def main():
    procs = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    n = 20_000_000
    chunks = [(n * k // procs, n * (k + 1) // procs) for k in range(procs)]
    print("workers", procs)
    with multiprocessing.Pool(procs) as pool:
        pool.map(count_heads, [(0, 1000)] * procs)
        for run in range(3):
            t0 = time.perf_counter()
            r = sum(pool.map(count_heads, chunks))
            t = time.perf_counter() - t0
            print("result", r)
            print("elapsed", t)


if __name__ == "__main__":
    main()
