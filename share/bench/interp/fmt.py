# Number formatting: "%.3f", str of floats, zero-padded ints, and join.
import time


def report(n):
    total = 0
    sevens = 0
    for row in range(n):
        parts = []
        parts.append(str(row).rjust(8, "0"))
        for k in range(1, 7):
            x = (row * 37 + k * 101) % 10_007 / 64 + k / 8
            parts.append("%.3f" % (x * 1.1))
            parts.append(str(x))
        line = ", ".join(parts)
        total += len(line)
        sevens += sum(1 for c in line if c == "7")
    return total * 10 + sevens


for run in range(3):
    t0 = time.perf_counter()
    r = report(12_000)
    t = time.perf_counter() - t0
    print("result", r)
    print("elapsed", t)
