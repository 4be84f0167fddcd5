# Growing lists, a set and a dict with int keys in CPython: the sieve, append, twin primes
# by set membership and a gap histogram, as primes.dist does. Prints "result N" and
# "elapsed SECONDS" for each of three timed runs.
import time


def sieve(n):
    is_prime = [True] * (n + 1)
    is_prime[0] = is_prime[1] = False
    for i in range(2, n + 1):
        if is_prime[i] and i * i <= n:
            for k in range(i * i, n + 1, i):
                is_prime[k] = False
    primes = []
    for i in range(1, n + 1):
        if is_prime[i]:
            primes.append(i)
    return primes


def prime_stats(n):
    primes = sieve(n)
    s = set(primes)
    twins = 0
    for p in primes:
        if p + 2 in s:
            twins += 1
    gaps = {}
    for i in range(1, len(primes)):
        g = primes[i] - primes[i - 1]
        gaps[g] = gaps.get(g, 0) + 1
    weighted = 0
    for g, c in gaps.items():
        weighted += g * c
    return len(primes) * 1_000_000 + twins * 1_000 + len(gaps) + weighted


for run in range(3):
    t0 = time.perf_counter()
    r = prime_stats(1_000_000)
    t = time.perf_counter() - t0
    print("result", r)
    print("elapsed", t)
