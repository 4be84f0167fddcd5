# 2-D loops in CPython: the game of life on 100×100 lists of rows with a dead border, 20
# generations, as life.dist does (grid[i][j] with i the row). Prints "result N" and
# "elapsed SECONDS" for each of three timed runs.
import time


def step(nxt, grid):
    n, m = len(grid), len(grid[0])
    for j in range(1, m - 1):
        for i in range(1, n - 1):
            live = 0
            for dj in (-1, 0, 1):
                for di in (-1, 0, 1):
                    if di != 0 or dj != 0:
                        live += grid[i + di][j + dj]
            cell = grid[i][j]
            nxt[i][j] = 1 if (live == 3 or (cell == 1 and live == 2)) else 0
    return nxt


def life(n, generations):
    grid = [[0] * n for _ in range(n)]
    for j in range(2, n):
        for i in range(2, n):
            grid[i - 1][j - 1] = 1 if (i * 7 + j * 13 + i * j) % 7 == 0 else 0
    nxt = [[0] * n for _ in range(n)]
    total = 0
    for g in range(1, generations + 1):
        step(nxt, grid)
        grid, nxt = nxt, grid
        total += g * sum(sum(row) for row in grid)
    return total


for run in range(3):
    t0 = time.perf_counter()
    r = life(100, 20)
    t = time.perf_counter() - t0
    print("result", r)
    print("elapsed", t)
