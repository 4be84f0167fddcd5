# Breadth-first search in CPython, as bfs.dist: a list of adjacency lists, a list as the
# queue with a head index. Prints "result N" and "elapsed SECONDS" for each of three timed runs.
import time


def graph(n, degree):
    adj = [[] for _ in range(n)]
    x = 7
    for v in range(n):
        for _ in range(degree):
            x = (x * 1103515245 + 12345) % 2147483648
            w = x % n
            adj[v].append(w)
            adj[w].append(v)
    return adj


def bfs(adj, source):
    dist = [-1] * len(adj)
    dist[source] = 0
    queue = [source]
    head = 0
    while head < len(queue):
        v = queue[head]
        head += 1
        for w in adj[v]:
            if dist[w] < 0:
                dist[w] = dist[v] + 1
                queue.append(w)
    total = 0
    reached = 0
    for d in dist:
        if d >= 0:
            total += d
            reached += 1
    return total + reached


adj = graph(100_000, 4)
for run in range(3):
    t0 = time.perf_counter()
    r = bfs(adj, 0)
    t = time.perf_counter() - t0
    print("result", r)
    print("elapsed", t)
