# fib(30), recursive, in CPython. Prints "result N" and "elapsed SECONDS" for each of five
# timed runs (start-up excluded).
import time


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


for run in range(5):
    t0 = time.perf_counter()
    r = fib(30)
    t = time.perf_counter() - t0
    print("result", r)
    print("elapsed", t)
