# String building in CPython: + concatenation, f-strings and str.join, as strbuild.dist
# does. Prints "result N" and "elapsed SECONDS" for each of three timed runs.
import time


def record(k):
    name = "item" + str(k % 97) + "_" + str(k)
    line = f"{name}: {k * 3} units at {k % 10}.5"
    fields = ";".join([name, str(k), line])
    s = ""
    for i in range(1, 9):
        s = s + "x" + str(i)
    return len(fields) + len(s) + sum(1 for c in fields if c == "1")


def strbuild(n):
    total = 0
    for k in range(1, n + 1):
        total += record(k)
    return total


for run in range(3):
    t0 = time.perf_counter()
    r = strbuild(20_000)
    t = time.perf_counter() - t0
    print("result", r)
    print("elapsed", t)
