# Longest common subsequence in CPython, as lcs.dist: a list of lists filled row by row.
# Prints "result N" and "elapsed SECONDS" for each of three timed runs.
import time


def dna(n, seed):
    letters = "ACGT"
    x = seed
    chars = []
    for _ in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        chars.append(letters[(x // 65536) % 4])
    return "".join(chars)


def lcs(a, b):
    m, n = len(a), len(b)
    L = [[0] * (n + 1) for _ in range(m + 1)]
    for i in range(m):
        ai = a[i]
        row, nxt = L[i], L[i + 1]
        for j in range(n):
            if ai == b[j]:
                nxt[j + 1] = row[j] + 1
            else:
                nxt[j + 1] = max(row[j + 1], nxt[j])
    return L[m][n]


a = dna(1500, 1)
b = dna(1500, 2)
for run in range(3):
    t0 = time.perf_counter()
    r = lcs(a, b)
    t = time.perf_counter() - t0
    print("result", r)
    print("elapsed", t)
