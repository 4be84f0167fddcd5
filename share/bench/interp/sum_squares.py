# Sum of squares over a 10**6-element vector of floats (a list, CPython's natural vector of
# Float64), repeated 10 times, with an explicit loop. Prints "result X" and "elapsed SECONDS"
# for each of three timed runs (start-up and the vector's creation excluded).
import random
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


v = [random.random() for _ in range(10**6)]
for run in range(3):
    t0 = time.perf_counter()
    r = repeated(v, 10)
    t = time.perf_counter() - t0
    print("result", r)
    print("elapsed", t)
