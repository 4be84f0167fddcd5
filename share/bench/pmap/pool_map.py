# multiprocessing.Pool(2).map(f, range(10_000), chunksize=1): CPython's parallel map with one
# element per message, the baseline for dist's pmap(x -> x + 1, 1:10_000) on 2 workers. One
# untimed warm-up, then five timed runs. Prints "elements N" and one "elapsed SECONDS" line
# per run.
import multiprocessing
import time


def inc(x):
    return x + 1


def main():
    n = 10_000
    print("elements", n)
    expected = list(range(1, n + 1))
    with multiprocessing.Pool(2) as pool:
        for run in range(6):
            t0 = time.perf_counter()
            r = pool.map(inc, range(n), chunksize=1)
            t = time.perf_counter() - t0
            assert r == expected
            if run > 0:
                print("elapsed", t)


if __name__ == "__main__":
    main()
