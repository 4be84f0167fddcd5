# Sum of squares over a 10**6-element vector of floats (a list, CPython's natural vector of
# Float64), repeated 10 times, with an explicit loop. The elements are k/1024 (k = i % 1024),
# so the checksum agrees with dist's. Prints "result X" and "elapsed SECONDS" for each of
# three timed runs (start-up and the vector's creation excluded).
import time


def sum_squares(v):
    s = 0.0
    for x in v:
        s += x * x
    return s


def repeated(v, times):
    total = 0.0
    for k in range(times):
        total += sum_squares(v)
    return total


v = [(i % 1024) / 1024 for i in range(1, 10**6 + 1)]
for run in range(3):
    t0 = time.perf_counter()
    r = repeated(v, 10)
    t = time.perf_counter() - t0
    print("result", r)
    print("elapsed", t)
