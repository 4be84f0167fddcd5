# In-place quicksort with tuple swaps in CPython, as quicksort.dist (Hoare's partition
# around the middle element) on the same 100,000 Ints. Prints "result N" and
# "elapsed SECONDS" for each of three timed runs.
import time


def quicksort(a, lo, hi):
    if lo < hi:
        p = a[(lo + hi) // 2]
        i, j = lo, hi
        while i <= j:
            while a[i] < p:
                i += 1
            while a[j] > p:
                j -= 1
            if i <= j:
                a[i], a[j] = a[j], a[i]
                i += 1
                j -= 1
        quicksort(a, lo, j)
        quicksort(a, i, hi)
    return a


def data(n):
    a = [0] * n
    x = 42
    for i in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        a[i] = x
    return a


def checksum(a):
    s = 0
    for i in range(len(a)):
        if i > 0 and a[i - 1] > a[i]:
            return 0
        s = (s + (i + 1) * a[i]) % 1_000_000_007
    return s


for run in range(3):
    a = data(100_000)
    t0 = time.perf_counter()
    quicksort(a, 0, len(a) - 1)
    t = time.perf_counter() - t0
    print("result", checksum(a))
    print("elapsed", t)
