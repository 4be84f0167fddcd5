# Memoised recursion with a dict: partitions of n into parts <= m mod 1e9+7, and Collatz
# lengths memoised with get and recursion.
import sys
import time

sys.setrecursionlimit(10000)
P = 1_000_000_007


def q(n, m, memo):
    if n == 0:
        return 1
    if n < 0 or m == 0:
        return 0
    key = n * 1000 + m
    if key in memo:
        return memo[key]
    v = (q(n, m - 1, memo) + q(n - m, m, memo)) % P
    memo[key] = v
    return v


def clen(n, memo):
    if n == 1:
        return 0
    v = memo.get(n, 0)
    if v != 0:
        return v
    v = 1 + clen(n // 2 if n % 2 == 0 else 3 * n + 1, memo)
    memo[n] = v
    return v


def run_memo(n, limit):
    memo = {}
    total = 0
    for k in range(1, n + 1):
        total = (total + q(k, k, memo)) % P
    cmemo = {}
    best = 0
    for k in range(1, limit + 1):
        best = max(best, clen(k, cmemo))
    return total + best + len(memo) + len(cmemo)


for run in range(3):
    t0 = time.perf_counter()
    r = run_memo(250, 30_000)
    t = time.perf_counter() - t0
    print("result", r)
    print("elapsed", t)
