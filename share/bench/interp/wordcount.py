# Word counting in CPython: str.split and a dict with get, over the same 200,000-word text as
# wordcount.dist. Prints "result N" and "elapsed SECONDS" for each of three timed runs.
import time


def make_text(n):
    return " ".join("w" + str((i * 7919) % 5003) + ("ab" if i % 3 == 0 else "")
                    for i in range(1, n + 1))


def count_words(text):
    counts = {}
    for w in text.split():
        counts[w] = counts.get(w, 0) + 1
    return counts


def checksum(counts):
    s = 0
    for w, c in counts.items():
        s += c * len(w)
    return s + len(counts)


text = make_text(200_000)
for run in range(3):
    t0 = time.perf_counter()
    r = checksum(count_words(text))
    t = time.perf_counter() - t0
    print("result", r)
    print("elapsed", t)
