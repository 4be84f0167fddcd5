# count_heads(10**7) in CPython, the fair equivalent of the chapter's Julia function:
# random.getrandbits(1) is one uniformly random bit as an int (0 or 1), which is what
# Julia's rand(Bool) adds to the Int counter. The checksum is whether the count is within 6σ
# of n/2. Prints "heads N", "result 1" and "elapsed SECONDS" for each of three timed runs
# (start-up excluded).
import time
from random import getrandbits


def count_heads(n):
    c = 0
    for i in range(n):
        c += getrandbits(1)
    return c


for run in range(3):
    n = 10**7
    t0 = time.perf_counter()
    r = count_heads(n)
    t = time.perf_counter() - t0
    print("heads", r)
    print("result", 1 if abs(2 * r - n) <= 6 * n**0.5 else 0)
    print("elapsed", t)
