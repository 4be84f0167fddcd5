# Building and parsing strings of numbers in CPython: str() in list comprehensions joined
# with commas, then split and int()/float() back, as numstrings.dist does. Prints "result N"
# and "elapsed SECONDS" for each of three timed runs.
import time


def build(n):
    ints = ",".join([str((i * 7919) % 100_003) for i in range(1, n + 1)])
    floats = ",".join([str((i % 1000) + 0.25) for i in range(1, n + 1)])
    return ints, floats


def parse_back(ints, floats):
    total = 0
    for w in ints.split(","):
        total += int(w)
    ftotal = 0.0
    for w in floats.split(","):
        ftotal += float(w)
    return total + int(4 * ftotal)


def numstrings(n):
    ints, floats = build(n)
    return parse_back(ints, floats) + len(ints) + len(floats)


for run in range(3):
    t0 = time.perf_counter()
    r = numstrings(50_000)
    t = time.perf_counter() - t0
    print("result", r)
    print("elapsed", t)
