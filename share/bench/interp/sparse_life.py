# Sparse game of life: live cells in a set of tuples, neighbour counts in a dict.
import time


def initial_cells(n):
    cells = set()
    x = 12345
    for i in range(1, n + 1):
        for j in range(1, n + 1):
            x = (x * 1103515245 + 12345) % 2147483648
            if x % 3 == 0:
                cells.add((i, j))
    return cells


def step(cells):
    counts = {}
    for (x, y) in cells:
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                if dx != 0 or dy != 0:
                    key = (x + dx, y + dy)
                    counts[key] = counts.get(key, 0) + 1
    nxt = set()
    for key, c in counts.items():
        if c == 3 or (c == 2 and key in cells):
            nxt.add(key)
    return nxt


def life(cells, generations):
    total = 0
    for g in range(1, generations + 1):
        cells = step(cells)
        total += len(cells) * g
    for (x, y) in cells:
        total += x * 7 + y * 13
    return total


cells0 = initial_cells(60)
for run in range(3):
    t0 = time.perf_counter()
    r = life(cells0, 40)
    t = time.perf_counter() - t0
    print("result", r)
    print("elapsed", t)
