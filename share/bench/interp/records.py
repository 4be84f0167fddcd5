# Records in CPython, as records.dist: named tuples sorted with key=, grouped into a dict of
# lists. Prints "result X" and "elapsed SECONDS" for each of three timed runs.
import time
from collections import namedtuple

Record = namedtuple("Record", ["name", "group", "score"])


def make_records(n):
    x = 12345
    records = []
    for i in range(1, n + 1):
        x = (x * 1103515245 + 12345) % 2147483648
        records.append(Record(f"r{i}", f"g{x % 17}", (x % 100_000) / 100))
    return records


def summarize(records):
    srt = sorted(records, key=lambda r: r.score, reverse=True)
    groups = {}
    for r in srt:
        groups.setdefault(r.group, []).append(r.score)
    total = 0.0
    for g, scores in groups.items():
        total += sum(scores) / len(scores)
    best = ",".join([r.name for r in srt[:10]])
    return total + len(best) + len(groups)


for run in range(3):
    t0 = time.perf_counter()
    r = summarize(make_records(50_000))
    t = time.perf_counter() - t0
    print("result", round(r, 6))
    print("elapsed", t)
