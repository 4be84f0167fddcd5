# Per-operation costs in CPython, measured as ops.dist measures dist's: each operation runs
# N times in a `for` loop, and the time of the same loop with an empty body is taken off (the
# best of three runs of each). Prints "op NAME NANOSECONDS" lines; with arguments, only the
# named operations. Operations without a CPython counterpart (advection_shared) are left out.
import sys
import time
from random import getrandbits


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


class Vec2:
    def __init__(self, x, y):
        self.x = x
        self.y = y


def inc(x):
    return x + 1


def empty_for(n, *args):
    for k in range(n):
        pass


def no_baseline(n, *args):
    return None


def while_loop(n):
    k = 0
    while k < n:
        k += 1


def add_local(n):
    s = 0.0
    x = 1.5
    for k in range(n):
        s += x
    return s


def read_1d(n, v):
    s = 0.0
    i = 6
    for k in range(n):
        s += v[i]
    return s


def write_1d(n, v):
    i = 6
    x = 1.5
    for k in range(n):
        v[i] = x


def read_2d(n, A):
    s = 0.0
    i, j = 2, 3
    for k in range(n):
        s += A[i][j]
    return s


def read_3d(n, q):
    s = 0.0
    i, j, t = 2, 3, 4
    for k in range(n):
        s += q[t][j][i]
    return s


def write_3d(n, q):
    i, j, t = 2, 3, 4
    x = 1.5
    for k in range(n):
        q[t][j][i] = x


def advection_chunk(q, u, irange, jrange, trange):
    for t in trange:
        for j in jrange:
            for i in irange:
                q[t + 1][j][i] = q[t][j][i] + u[t][j][i]
    return q


def empty_triple(q, u, irange, jrange, trange):
    for t in trange:
        for j in jrange:
            for i in irange:
                pass
    return q


def advection(n, q, u):
    m = len(q[0])
    return advection_chunk(q, u, range(m), range(m), range(n // (m * m)))


def advection_base(n, q, u):
    m = len(q[0])
    return empty_triple(q, u, range(m), range(m), range(n // (m * m)))


def field_update(n, p):
    for k in range(n):
        p.x += 1.0


def field_read(n, p):
    s = 0.0
    for k in range(n):
        s += p.x
    return s


def new_struct(n):
    x = 1.5
    w = None
    for k in range(n):
        w = Vec2(x, x)
    return w


def tuple_swap(n, a):
    i, j = 2, 7
    for k in range(n):
        a[i], a[j] = a[j], a[i]


def call(n):
    y = None
    for k in range(n):
        y = inc(k)
    return y


def closure_call(n):
    c = 3
    f = lambda x: x + c
    y = None
    for k in range(n):
        y = f(k)
    return y


def parse_int(n):
    s = "12345"
    y = None
    for k in range(n):
        y = int(s)
    return y


def string_int(n):
    y = None
    for k in range(n):
        y = str(k)
    return y


def string_float(n):
    x = 1234.5
    y = None
    for k in range(n):
        y = str(x)
    return y


def interpolate(n):
    x = 2.5
    y = None
    for k in range(n):
        y = f"{k}: {x}"
    return y


def concat(n):
    a, b = "abc", "defgh"
    y = None
    for k in range(n):
        y = a + b
    return y


def split_words(n):
    line = "the quick brown fox jumps over the lazy dog again"
    y = None
    for k in range(n // 10):
        y = line.split()
    return y


def split_base(n):
    for k in range(n // 10):
        pass


def dict_string(n):
    d = {}
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
    w = words[2]
    for k in range(n):
        d[w] = d.get(w, 0) + 1
    return d


def dict_int(n):
    d = {}
    key = 12345
    for k in range(n):
        d[key] = d.get(key, 0) + 1
    return d


def set_in(n, s):
    c = 0
    key = 1234
    for k in range(n):
        c += key in s
    return c


def push_int(n):
    v = []
    for k in range(n):
        v.append(k)
    return v


def rand_bool(n):
    c = 0
    for k in range(n):
        c += getrandbits(1)
    return c


def measure(name, n, op, base, *args):
    best_op = best_base = float("inf")
    for r in range(3):
        t0 = time.perf_counter()
        base(n, *args)
        best_base = min(best_base, time.perf_counter() - t0)
        t0 = time.perf_counter()
        op(n, *args)
        best_op = min(best_op, time.perf_counter() - t0)
    print("op", name, round((best_op - best_base) / n * 1e9, 1))


M = 1_000_000
K = 200_000
v = [0.0] * 100
A = [[0.0] * 10 for _ in range(10)]
q3 = [[[0.0] * 10 for _ in range(10)] for _ in range(10)]
qa = [[[0.0] * 50 for _ in range(50)] for _ in range(101)]
ua = [[[1.0] * 50 for _ in range(50)] for _ in range(101)]
ints = list(range(1, 11))
s = set(range(1, 2001))

ops = [
    ("for_iteration", M, empty_for, no_baseline, ()),
    ("while_iteration", M, while_loop, no_baseline, ()),
    ("add_local", M, add_local, empty_for, ()),
    ("read_1d", M, read_1d, empty_for, (v,)),
    ("write_1d", M, write_1d, empty_for, (v,)),
    ("read_2d", M, read_2d, empty_for, (A,)),
    ("read_3d", M, read_3d, empty_for, (q3,)),
    ("write_3d", M, write_3d, empty_for, (q3,)),
    ("advection", 250_000, advection, advection_base, (qa, ua)),
    ("field_update", M, field_update, empty_for, (Point(0.0, 0.0),)),
    ("field_read", M, field_read, empty_for, (Point(0.0, 0.0),)),
    ("new_struct", M, new_struct, empty_for, ()),
    ("tuple_swap", M, tuple_swap, empty_for, (ints,)),
    ("call", M, call, empty_for, ()),
    ("closure_call", M, closure_call, empty_for, ()),
    ("parse_int", K, parse_int, empty_for, ()),
    ("string_int", K, string_int, empty_for, ()),
    ("string_float", K, string_float, empty_for, ()),
    ("interpolate", K, interpolate, empty_for, ()),
    ("concat", K, concat, empty_for, ()),
    ("split_word", K, split_words, split_base, ()),
    ("dict_string", K, dict_string, empty_for, ()),
    ("dict_int", K, dict_int, empty_for, ()),
    ("set_in", M, set_in, empty_for, (s,)),
    ("push", M, push_int, empty_for, ()),
    ("rand_bool", M, rand_bool, empty_for, ()),
]

for name, n, op, base, args in ops:
    if len(sys.argv) == 1 or name in sys.argv[1:]:
        measure(name, n, op, base, *args)
