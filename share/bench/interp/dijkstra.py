# Dijkstra with a binary heap written by hand over a list of (dist, node) tuples.
import time


def make_graph(n, deg):
    adj = [[] for _ in range(n)]
    x = 12345
    for u in range(n):
        for _ in range(deg):
            x = (x * 1103515245 + 12345) % 2147483648
            v = x % n
            w = float(x % 97 + 1)
            adj[u].append((v, w))
        adj[u].append(((u + 1) % n, 100.0))
    return adj


def heap_push(h, item):
    h.append(item)
    i = len(h) - 1
    while i > 0:
        parent = (i - 1) // 2
        if h[i] < h[parent]:
            h[i], h[parent] = h[parent], h[i]
            i = parent
        else:
            break


def heap_pop(h):
    top = h[0]
    last = h.pop()
    n = len(h)
    if n > 0:
        h[0] = last
        i = 0
        while True:
            l = 2 * i + 1
            r = l + 1
            smallest = i
            if l < n and h[l] < h[smallest]:
                smallest = l
            if r < n and h[r] < h[smallest]:
                smallest = r
            if smallest == i:
                break
            h[i], h[smallest] = h[smallest], h[i]
            i = smallest
    return top


def dijkstra(adj, src):
    n = len(adj)
    dist = [float("inf")] * n
    dist[src] = 0.0
    heap = []
    heap_push(heap, (0.0, src))
    while heap:
        d, u = heap_pop(heap)
        if d > dist[u]:
            continue
        for v, w in adj[u]:
            nd = d + w
            if nd < dist[v]:
                dist[v] = nd
                heap_push(heap, (nd, v))
    total = 0
    for d in dist:
        if d < float("inf"):
            total += int(d)
    return total


adj = make_graph(15_000, 4)
for run in range(3):
    t0 = time.perf_counter()
    r = dijkstra(adj, 0)
    t = time.perf_counter() - t0
    print("result", r)
    print("elapsed", t)
