# A tokenizer in CPython, as tokens.dist: scans the text character by character with
# isdigit, isalpha and isspace, counts names in a dict and adds up the numbers with int().
# Prints "result N" and "elapsed SECONDS" for each of three timed runs.
import io
import time


def source_text(lines):
    ops = "+-*/"
    out = io.StringIO()
    for i in range(1, lines + 1):
        out.write(f"x{i % 50} = {i * 37 % 1000} {ops[i % 4]} y{i % 7} * ({i % 13} + z)\n")
    return out.getvalue()


def tokenize(text):
    names = {}
    total = 0
    ntokens = 0
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c.isdigit():
            j = i
            while j < n and text[j].isdigit():
                j += 1
            total += int(text[i:j])
            ntokens += 1
            i = j
        elif c.isalpha():
            j = i
            while j < n and (text[j].isalpha() or text[j].isdigit()):
                j += 1
            name = text[i:j]
            names[name] = names.get(name, 0) + 1
            ntokens += 1
            i = j
        else:
            ntokens += 1
            i += 1
    return total + ntokens + len(names)


text = source_text(20_000)
for run in range(3):
    t0 = time.perf_counter()
    r = tokenize(text)
    t = time.perf_counter() - t0
    print("result", r)
    print("elapsed", t)
