# Lists of mutable objects: sort with key=, in-place field updates, list comprehension
# filter, next(...) for findfirst, any/all with generator expressions.
import time


class Particle:
    def __init__(self, id, key, energy, alive):
        self.id = id
        self.key = key
        self.energy = energy
        self.alive = alive


def make_particles(n):
    v = []
    x = 12345
    for i in range(1, n + 1):
        x = (x * 1103515245 + 12345) % 2147483648
        v.append(Particle(i, (x % 100_000) / 7, x % 1000, True))
    return v


def simulate(v0, rounds):
    v = [Particle(p.id, p.key, p.energy, p.alive) for p in v0]
    total = 0
    for r in range(1, rounds + 1):
        v.sort(key=lambda p: p.key)
        for i, p in enumerate(v, 1):
            p.energy = (p.energy * 31 + i + r) % 1000
            p.key = p.energy + p.id / 100_000
            if p.energy < 40:
                p.alive = False
        v = [p for p in v if p.alive]
        limit = 990 - r
        idx = next((i for i, p in enumerate(v, 1) if p.energy > limit), None)
        total += 0 if idx is None else idx
        total += 1 if any(p.energy == r for p in v) else 0
        total += 10 if all(p.energy >= 40 for p in v) else 0
        total += len(v) + v[0].id
    return total


v0 = make_particles(20_000)
for run in range(3):
    t0 = time.perf_counter()
    r = simulate(v0, 6)
    t = time.perf_counter() - t0
    print("result", r)
    print("elapsed", t)
