# The latency of multiprocessing.Pool.apply with an identity function: CPython's own
# "remote call and wait for the result" between processes, the second baseline for dist's
# remotecall_fetch(identity, 2, i).
#
#   python3 pool_apply.py [calls]      (default 5000, after 200 untimed warm-up calls)
#
# Prints one "sample SECONDS" line per call.
import multiprocessing
import sys
import time


def identity(x):
    return x


def main():
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    with multiprocessing.Pool(2) as pool:
        for i in range(200):
            pool.apply(identity, (i,))
        samples = []
        for i in range(calls):
            t0 = time.perf_counter()
            pool.apply(identity, (i,))
            samples.append(time.perf_counter() - t0)
    print("\n".join(f"sample {s}" for s in samples))


if __name__ == "__main__":
    main()
