# Closures with map, filter and reduce in CPython: lambdas (one capturing k), the built-in
# map and filter made into lists, functools.reduce. Prints "result N" and "elapsed SECONDS"
# for each of three timed runs of 10,000 rounds.
import time
from functools import reduce


def closures(rounds):
    total = 0
    for k in range(1, rounds + 1):
        xs = list(map(lambda x: x * k + 1, range(1, 101)))
        ys = list(filter(lambda x: x % 3 == 0, xs))
        total += reduce(lambda a, b: a + b, ys, 0)
    return total


for run in range(3):
    t0 = time.perf_counter()
    r = closures(10_000)
    t = time.perf_counter() - t0
    print("result", r)
    print("elapsed", t)
