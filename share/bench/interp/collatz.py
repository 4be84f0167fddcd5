# A while-loop-heavy program in CPython: Collatz sequence lengths for 1..20_000 with while
# loops, as collatz.dist does. Prints "result N" and "elapsed SECONDS" for each of three
# timed runs.
import time


def collatz_length(n):
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps


def collatz(limit):
    total = 0
    best, best_n = 0, 0
    n = 1
    while n <= limit:
        length = collatz_length(n)
        total += length
        if length > best:
            best, best_n = length, n
        n += 1
    return total + best_n


for run in range(3):
    t0 = time.perf_counter()
    r = collatz(20_000)
    t = time.perf_counter() - t0
    print("result", r)
    print("elapsed", t)
