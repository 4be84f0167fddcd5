# Matrix–vector product written as loops in CPython, the matrix a list of rows: y = A*x for
# 300×300, repeated 40 times, as matvec.dist does. Prints "result X" and "elapsed SECONDS"
# for each of three timed runs.
import time


def matvec(y, A, x):
    n, m = len(A), len(A[0])
    for i in range(n):
        s = 0.0
        for j in range(m):
            s += A[i][j] * x[j]
        y[i] = s
    return y


def repeated(A, x, times):
    y = [0.0] * len(A)
    total = 0.0
    for k in range(times):
        matvec(y, A, x)
        total += sum(y)
    return total


n = 300
A = [[((i + 2 * j) % 7) * 0.25 - 0.5 for j in range(1, n + 1)] for i in range(1, n + 1)]
x = [(j % 5) * 0.5 + 0.125 for j in range(1, n + 1)]
for run in range(3):
    t0 = time.perf_counter()
    r = repeated(A, x, 40)
    t = time.perf_counter() - t0
    print("result", r)
    print("elapsed", t)
