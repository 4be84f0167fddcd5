# The chapter's advection_chunk! in CPython over nested lists q[t][j][i] (n = 100), the
# innermost index contiguous as in the column-major dist array; the baseline of both
# advection.dist and advection_shared.dist. Same data and checksum (multiples of 1/16, so
# sums are exact). Prints "result X" and "elapsed SECONDS" for each of three timed runs.
import time


def advection_chunk(q, u, irange, jrange, trange):
    for t in trange:
        for j in jrange:
            for i in irange:
                q[t + 1][j][i] = q[t][j][i] + u[t][j][i]
    return q


def advection_serial(q, u):
    n3, n2, n1 = len(q), len(q[0]), len(q[0][0])
    return advection_chunk(q, u, range(n1), range(n2), range(n3 - 1))


def fresh(n):
    q = [[[0.0] * n for _ in range(n)] for _ in range(n)]
    u = [[[((i + 1 + 2 * (j + 1) + 3 * (t + 1)) % 17) * 0.0625 for i in range(n)]
          for j in range(n)] for t in range(n)]
    for j in range(n):
        for i in range(n):
            q[0][j][i] = (((i + 1) * (j + 1)) % 13) * 0.125
    return q, u


q, u = fresh(100)
for run in range(3):
    t0 = time.perf_counter()
    advection_serial(q, u)
    t = time.perf_counter() - t0
    print("result", sum(x for plane in q for row in plane for x in row))
    print("elapsed", t)
