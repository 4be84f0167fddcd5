#!/usr/bin/env python3
"""The benchmark behind Scripts/bench: dist against baselines measured in the same run.

Usage: bench.py --dist PATH [--rounds N] [--check] [--lua PATH] [--only NAME,...] [PART...]
PART is interp, micro, remote, pmap, distributed, numerics or all (the default).

The machine is shared and noisy, so nothing here is an absolute figure: every measurement is
repeated in rounds (default 3), the rounds interleave dist with its baselines, and the tables
give medians and the ratio of the two taken from the same run. The programs time themselves
(dist with @elapsed, Python with time.perf_counter, Lua with date(1)), so process start-up is
excluded, and print lines of the form "key value" that this driver reads.

Parts (programs in share/bench/PART/):
  interp       26 programs (INTERP_PROGRAMS), each in dist, CPython 3 and Lua 5.4 with the same
               algorithm and size, run in turn in each round; a table of medians and ratios,
               and whether the three printed the same checksum ("result X") (issues 2, 10)
  micro        the cost of single operations (MICRO_OPS: array indexing, field updates, calls,
               parse, string, split, Dict...): a loop of N less the empty loop, in dist and in
               CPython (issue 10)
  remote       remotecall_fetch latency against raw TCP and Unix-domain ping-pongs (C) and
               multiprocessing.Pool.apply; start-up of -p 4; fetching 8 MB (issue 3)
  pmap         pmap(x -> x + 1, 1:10_000) on 2 workers against Pool.map(chunksize=1) (issue 4)
  distributed  @distributed (+) coin flips, 2 workers against 1 (issue 4)
  numerics     1000×1000 matrix product against numpy; advection, shared against serial (issue 5)

Floors (--check): every interp program at least as fast as CPython with agreeing checksums,
their median at least 1.5×; the advection update at most 60 ns on Array and SharedArray.

The dist side of a part that needs workers is skipped, with the reason, while
`dist -p 2 -e 'nworkers()'` does not work; its baselines still run. Exit status 0, or with
--check 1 when a floor is not met.
"""
import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PARTS = ["interp", "micro", "remote", "pmap", "distributed", "numerics", "soak"]

# The interp programs: share/bench/interp/NAME.dist against BASE.py and BASE.lua.
INTERP_PROGRAMS = [
    ("advection", "advection_chunk! on Array{Float64,3}, 100³", "advection"),
    ("advection_shared", "the same on SharedArray{Float64,3}", "advection"),
    ("count_heads", "count_heads(10^7), rand(Bool)", "count_heads"),
    ("fib", "fib(30), recursive", "fib"),
    ("sum_squares", "Σx² over 10^6 Float64, ×10", "sum_squares"),
    ("nbody", "n-body on mutable structs, 20,000 steps", "nbody"),
    ("closures", "closures with map, filter, reduce", "closures"),
    ("wordcount", "split text, Dict{String,Int} counts", "wordcount"),
    ("numstrings", "string(x) and parse of 10^5 numbers", "numstrings"),
    ("matvec", "matrix-vector product as loops, 300²", "matvec"),
    ("quicksort", "in-place quicksort, tuple swaps, 10^5", "quicksort"),
    ("strbuild", "strings with *, interpolation, join", "strbuild"),
    ("collatz", "while loops: Collatz lengths", "collatz"),
    ("primes", "sieve, push!, Set{Int}, Dict{Int,Int}", "primes"),
    ("shapes", "immutable structs, dispatch, +", "shapes"),
    ("life", "game of life on a 2-D Int matrix", "life"),
    ("lcs", "longest common subsequence, s[i], max, 2-D", "lcs"),
    ("bfs", "breadth-first search, Vector{Vector{Int}}", "bfs"),
    ("tokens", "tokenizer: s[i], isdigit, s[i:j], parse", "tokens"),
    ("records", "named tuples: sort by=, group in a Dict", "records"),
    ("sparse_life", "life in a Set/Dict of Tuple{Int,Int}", "sparse_life"),
    ("logparse", "split, replace, occursin, regex captures", "logparse"),
    ("memo", "memoised recursion in a Dict{Int,Int}", "memo"),
    ("fmt", "@sprintf, string(::Float64), lpad, join", "fmt"),
    ("structs", "mutable structs: sort!(by=), filter, any", "structs"),
    ("dijkstra", "Dijkstra, a heap of Tuple{Float64,Int}", "dijkstra"),
]

# The micro operations of share/bench/micro/ops.{dist,py}: name, the statement timed (dist's
# spelling), and the most nanoseconds it may cost (None: no floor).
MICRO_OPS = [
    ("for_iteration", "for k = 1:n end, per iteration", None),
    ("while_iteration", "while k < n; k += 1; end, per iteration", None),
    ("add_local", "s += x (Float64 locals)", None),
    ("read_1d", "s += v[i]", None),
    ("write_1d", "v[i] = x", None),
    ("read_2d", "s += A[i, j]", None),
    ("read_3d", "s += q[i, j, t]", None),
    ("write_3d", "q[i, j, t] = x", None),
    ("advection", "q[i,j,t+1] = q[i,j,t] + u[i,j,t], Array", 60),
    ("advection_shared", "the same on SharedArray", 60),
    ("field_update", "p.x += 1.0 (mutable struct)", None),
    ("field_read", "s += p.x", None),
    ("new_struct", "w = Vec2(x, x) (immutable struct)", None),
    ("tuple_swap", "a[i], a[j] = a[j], a[i]", None),
    ("call", "y = inc(k), inc(x) = x + 1", None),
    ("closure_call", "y = f(k), f = x -> x + c", None),
    ("parse_int", 'y = parse(Int, "12345")', None),
    ("string_int", "y = string(k)", None),
    ("string_float", "y = string(1234.5)", None),
    ("interpolate", 'y = "$k: $x"', None),
    ("concat", "y = a * b (short strings)", None),
    ("split_word", "split(line), per word", None),
    ("dict_string", "d[w] = get(d, w, 0) + 1, Dict{String,Int}", None),
    ("dict_int", "d[k] = get(d, k, 0) + 1, Dict{Int,Int}", None),
    ("set_in", "c += key in set, Set{Int}", None),
    ("push", "push!(v, k), Vector{Int}", None),
    ("rand_bool", "c += rand(Bool)", None),
]


class Failed(Exception):
    """A program that failed, timed out or printed something unexpected."""


# ---------------------------------------------------------------------------------------------
# Running programs


def run(argv, timeout, cwd=None):
    """Runs argv in its own process group (so a timeout stops its children too) and returns
    its standard output; raises Failed with the first error line otherwise."""
    try:
        proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, start_new_session=True)
    except OSError as e:
        raise Failed(f"cannot run {argv[0]}: {e.strerror}")
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise Failed(f"timed out after {timeout} s")
    errors = [l for l in (out + "\n" + err).splitlines() if l.startswith("ERROR")]
    if proc.returncode != 0 or errors:
        lines = errors or err.strip().splitlines() or out.strip().splitlines() or [""]
        raise Failed(f"exit {proc.returncode}: {lines[0][:100]}")
    return out


def checksums(out):
    """The checksums a program printed ("result X" lines), as numbers: ints stay exact, and a
    float is compared by value, so Julia's 1.0e6, Python's 1000000.0 and Lua's %.17g agree."""
    found = set()
    for l in out.splitlines():
        f = l.split()
        if len(f) == 2 and f[0] == "result":
            try:
                found.add(int(f[1]))
            except ValueError:
                x = float(f[1])
                found.add(int(x) if x.is_integer() and abs(x) < 2**53 else x)
    return found


def values(out, key):
    """The values of the "key value" lines of a program's output, as floats."""
    found = [float(l.split()[1]) for l in out.splitlines()
             if l.startswith(key + " ") and len(l.split()) == 2]
    if not found:
        raise Failed(f"printed no '{key}' line")
    return found


class Samples:
    """Measurements of one quantity gathered over the rounds, or why there are none."""

    def __init__(self):
        self.values, self.error = [], None

    def add(self, thunk):
        if self.error is not None:
            return
        try:
            self.values.extend(thunk())
        except Failed as e:
            self.error = str(e)

    @property
    def ok(self):
        return self.error is None and bool(self.values)

    def median(self):
        return statistics.median(self.values)

    def p99(self):
        s = sorted(self.values)
        return s[max(0, -(-len(s) * 99 // 100) - 1)]


# ---------------------------------------------------------------------------------------------
# Output


def seconds(x):
    if x >= 1:
        return f"{x:.2f} s"
    if x >= 1e-3:
        return f"{x * 1e3:.1f} ms"
    return f"{x * 1e6:.1f} µs"


def rate(x, unit):
    return f"{x:,.0f} {unit}"


class Table:
    """A titled table with aligned columns."""

    def __init__(self, title, columns):
        self.title, self.columns, self.rows, self.notes = title, columns, [], []

    def row(self, *cells):
        self.rows.append([str(c) for c in cells])

    def note(self, text):
        self.notes.append(text)

    def print(self):
        widths = [max(len(r[i]) for r in [self.columns] + self.rows) for i in range(len(self.columns))]
        print(f"\n{self.title}")
        line = lambda cells: "  " + "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()
        print(line(self.columns))
        print(line(["-" * w for w in widths]))
        for r in self.rows:
            print(line(r))
        for n in self.notes:
            print(f"  {n}")
        sys.stdout.flush()


def cell(samples, show):
    """A table cell: show(samples) when measured, else why not."""
    if samples is None:
        return "skipped"
    if not samples.ok:
        return "failed"
    return show(samples)


# ---------------------------------------------------------------------------------------------
# The parts


class Bench:
    def __init__(self, dist, rounds, lua=None, only=None):
        self.dist, self.rounds, self.lua = dist, rounds, lua
        self.only = set(only or [])   # interp programs and micro operations to run (all if empty)
        self.verdicts = []          # (what, met) for --check
        self._workers = None

    def workers(self):
        """None when `dist -p 2` gives 2 workers, otherwise the reason it does not."""
        if self._workers is None:
            try:
                out = run([self.dist, "-p", "2", "-e", "println(nworkers())"], timeout=30)
                self._workers = "" if out.strip().splitlines()[-1:] == ["2"] else \
                    f"printed {out.strip()[:60]!r} instead of 2"
            except Failed as e:
                self._workers = str(e)
        return self._workers or None

    def skip_note(self, table):
        table.note(f"dist side skipped: workers not available "
                   f"(`dist -p 2 -e 'nworkers()'` failed: {self.workers()})")

    def dist_output(self, part, name, *args, timeout=300):
        """Runs share/bench/PART/NAME with dist (ARGS are dist's options) and returns its output."""
        return run([self.dist, *args, os.path.join(HERE, part, name)], timeout, cwd=HERE)

    def dist_thunk(self, part, name, key, *args):
        """For Samples.add: the KEY values that a run of a dist program prints."""
        return lambda: values(self.dist_output(part, name, *args), key)

    def python_thunk(self, part, name, key, *args):
        """For Samples.add: the KEY values that a run of a Python program prints."""
        return lambda: values(run([sys.executable, os.path.join(HERE, part, name), *args], 300), key)

    def floor(self, table_row_what, met):
        """Records a floor's verdict and returns the text of the table's floor column."""
        if met is None:
            return "n/a"
        self.verdicts.append((table_row_what, met))
        return "met" if met else "NOT MET"

    def error_notes(self, table, named):
        for name, s in named:
            if s is not None and s.error:
                table.note(f"{name} failed: {s.error}")

    # -- interp ------------------------------------------------------------------------------

    def interp(self):
        programs = [(name, what, base) for name, what, base in INTERP_PROGRAMS
                    if not self.only or name in self.only]
        lua = self.lua
        results = {name: {"dist": Samples(), "python": Samples(), "lua": Samples() if lua else None}
                   for name, _, _ in programs}
        sums = {name: {} for name, _, _ in programs}      # language -> set of checksums seen

        def thunk(argv, name, language):
            def run_once():
                out = run(argv, timeout=600, cwd=HERE)
                elapsed = values(out, "elapsed")
                sums[name].setdefault(language, set()).update(checksums(out))
                return elapsed
            return run_once

        for _ in range(self.rounds):
            for name, _, base in programs:
                r = results[name]
                r["dist"].add(thunk([self.dist, os.path.join(HERE, "interp", name + ".dist")], name, "dist"))
                r["python"].add(thunk([sys.executable, os.path.join(HERE, "interp", base + ".py")],
                                      name, "python"))
                if lua:
                    r["lua"].add(thunk([lua, os.path.join(HERE, "interp", base + ".lua")], name, "lua"))

        py = sys.version.split()[0]
        t = Table(f"interp: the interpreter against CPython {py} and Lua 5.4 (median of each program's "
                  f"timed runs; {self.rounds} rounds, dist, CPython and Lua interleaved)",
                  ["program", "dist", "CPython", "Lua 5.4", "CPython/dist", "Lua/dist", "checksum",
                   "floor: dist ≥ CPython"])
        vs_py, vs_lua = [], []
        for name, what, _ in programs:
            d, p, l = results[name]["dist"], results[name]["python"], results[name]["lua"]
            ratio = p.median() / d.median() if d.ok and p.ok else None
            ratio_lua = l.median() / d.median() if l and l.ok and d.ok else None
            if ratio:
                vs_py.append(ratio)
            if ratio_lua:
                vs_lua.append(ratio_lua)
            seen = sums[name]
            distinct = set().union(*seen.values()) if seen else set()
            agree = len(distinct) == 1 and all(len(v) == 1 for v in seen.values())
            if len(seen) < 2:
                check = "-"
            elif agree:
                check = "ok"
            else:
                check = "DIFFER"
                t.note(f"{name}: checksums differ: " + "; ".join(
                    f"{lang} {', '.join(sorted(map(str, v)))}" for lang, v in sorted(seen.items())))
            met = None if ratio is None else (ratio >= 1 and check != "DIFFER")
            if check == "DIFFER":
                met = False
            t.row(f"{name}: {what}", cell(d, lambda s: seconds(s.median())),
                  cell(p, lambda s: seconds(s.median())), cell(l, lambda s: seconds(s.median())),
                  f"{ratio:.2f}×" if ratio else "-", f"{ratio_lua:.2f}×" if ratio_lua else "-", check,
                  self.floor(f"interp {name}", met))
            self.error_notes(t, [(f"{name} (dist)", d), (f"{name} (CPython)", p), (f"{name} (Lua)", l)])
        med = statistics.median(vs_py) if vs_py else None
        med_lua = statistics.median(vs_lua) if vs_lua else None
        t.row("median over the programs", "", "", "", f"{med:.2f}×" if med else "-",
              f"{med_lua:.2f}×" if med_lua else "-", "",
              "median ≥ 1.5×: " + self.floor("interp median", med >= 1.5 if med else None))
        if vs_py:
            t.note(f"{sum(r >= 2 for r in vs_py)} of {len(vs_py)} programs at least 2× CPython; "
                   f"{sum(r >= 1 for r in vs_lua)} of {len(vs_lua)} at least as fast as Lua 5.4 "
                   "(the aim: 2× CPython, and Lua's speed on half).")
        t.note("Ratios > 1 mean dist is faster. advection_shared runs the same Python and Lua "
               "programs as advection (plain nested lists and tables).")
        t.note("CPython's coin is random.getrandbits(1) and Lua's math.random(0, 1), one random bit "
               "as an integer, as rand(Bool) is in Julia; count_heads' checksum is 1 when the count "
               "is within 6σ of n/2.")
        if not lua:
            t.note("Lua side skipped: lua5.4 not found (Scripts/bench installs Debian's lua5.4).")
        t.print()

    # -- micro -------------------------------------------------------------------------------

    def micro(self):
        wanted = [(name, what, floor) for name, what, floor in MICRO_OPS
                  if not self.only or name in self.only]
        names = [name for name, _, _ in wanted] if self.only else []
        d = {name: Samples() for name, _, _ in wanted}
        p = {name: Samples() for name, _, _ in wanted}
        errors = {"dist": None, "CPython": None}

        def ops(argv, into, language):
            try:
                out = run(argv + names, timeout=900, cwd=HERE)
            except Failed as e:
                errors[language] = str(e)
                return
            for line in out.splitlines():
                f = line.split()
                if len(f) == 3 and f[0] == "op" and f[1] in into:
                    into[f[1]].values.append(float(f[2]))

        for _ in range(self.rounds):
            ops([self.dist, os.path.join(HERE, "micro", "ops.dist")], d, "dist")
            ops([sys.executable, os.path.join(HERE, "micro", "ops.py")], p, "CPython")
        t = Table(f"micro: the cost of one operation, loop minus empty loop (best of 3 in each run, "
                  f"median over {self.rounds} runs)",
                  ["operation", "dist", "CPython", "CPython/dist", "floor"])
        for name, what, floor in wanted:
            dn, pn = d[name], p[name]
            ratio = pn.median() / dn.median() if dn.ok and pn.ok and dn.median() > 0 else None
            t.row(f"{name}: {what}", cell(dn, lambda s: f"{s.median():.1f} ns"),
                  cell(pn, lambda s: f"{s.median():.1f} ns") if pn.values else "-",
                  f"{ratio:.2f}×" if ratio else "-",
                  "" if floor is None else f"≤ {floor} ns: " + self.floor(
                      f"micro {name}", dn.median() <= floor if dn.ok else None))
        for language, e in errors.items():
            if e:
                t.note(f"{language} failed: {e}")
        t.note("Each figure is the time of a loop doing the operation N times less the same loop "
               "empty, over N (for_iteration and while_iteration are whole iterations). CPython runs "
               "micro/ops.py, the same loops in Python; a ratio > 1 means dist is cheaper.")
        t.print()

    # -- remote ------------------------------------------------------------------------------

    def pingpong_binary(self):
        """Compiles pingpong.c once into .build/bench/ (next to the release build)."""
        out_dir = os.path.join(HERE, "..", "..", ".build", "bench")
        os.makedirs(out_dir, exist_ok=True)
        binary, source = os.path.join(out_dir, "pingpong"), os.path.join(HERE, "remote", "pingpong.c")
        if not os.path.exists(binary) or os.path.getmtime(binary) < os.path.getmtime(source):
            cc = shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")
            if not cc:
                raise Failed("no C compiler (cc, gcc or clang) for pingpong.c")
            run([cc, "-O2", "-o", binary, source], timeout=120)
        return binary

    def remote(self):
        no_workers = self.workers()
        ping_spin, unix_spin = Samples(), Samples()
        call_tcp = None if no_workers else Samples()
        ping, pool, call, start, start_py, fetch = (Samples(), Samples(), None if no_workers else Samples(),
                                                   None if no_workers else Samples(), Samples(),
                                                   None if no_workers else Samples())
        try:
            binary = self.pingpong_binary()
        except Failed as e:
            binary, ping.error = None, str(e)

        def wall(argv):
            def thunk():
                t0 = time.perf_counter()
                run(argv, timeout=60)
                return [time.perf_counter() - t0]
            return thunk

        p99_ping = []

        def ping_round():
            # The ping-pong program reports its own median and p99: keep one of each per round.
            out = run([binary, "20000"], timeout=120)
            p99_ping.append(values(out, "p99_us")[0] * 1e-6)
            return [values(out, "median_us")[0] * 1e-6]

        def ping_spin_round():
            return [values(run([binary, "20000", "8", "200"], timeout=120), "median_us")[0] * 1e-6]

        def unix_spin_round():
            return [values(run([binary, "20000", "8", "200", "unix"], timeout=120), "median_us")[0] * 1e-6]

        def call_tcp_round():
            # local workers over TCP, as workers on other hosts are reached
            argv = ["env", "DIST_LOCAL_SOCKETS=0", self.dist, "-p", "2", os.path.join(HERE, "remote", "remotecall.dist")]
            return values(run(argv, 300, cwd=HERE), "sample")

        for _ in range(self.rounds):
            if binary:
                ping.add(ping_round)
                ping_spin.add(ping_spin_round)
                unix_spin.add(unix_spin_round)
            pool.add(self.python_thunk("remote", "pool_apply.py", "sample"))
            if call:
                call.add(self.dist_thunk("remote", "remotecall.dist", "sample", "-p", "2"))
                call_tcp.add(call_tcp_round)
                start.add(wall([self.dist, "-p", "4", "-e", "nworkers()"]))
                fetch.add(self.dist_thunk("remote", "fetch_array.dist", "sample", "-p", "2"))
            start_py.add(wall([sys.executable, os.path.join(HERE, "remote", "start_workers.py")]))
        p99_ping = statistics.median(p99_ping) if p99_ping else None

        t = Table(f"remote: one round trip to a worker (medians over {self.rounds} rounds, interleaved)",
                  ["measurement", "median", "p99", "ratio", "floor"])
        t.row("TCP ping-pong, 2 processes, 127.0.0.1 (C)", cell(ping, lambda s: seconds(s.median())),
              seconds(p99_ping) if p99_ping else "-", "1×", "")
        t.row("the same, each end polling 200 µs before it blocks (as dist waits)",
              cell(ping_spin, lambda s: seconds(s.median())), "",
              f"{ping_spin.median() / ping.median():.2f}× ping" if ping_spin.ok and ping.ok else "-", "")
        t.row("the same over a Unix-domain socket, polling 200 µs (C)",
              cell(unix_spin, lambda s: seconds(s.median())), "",
              f"{unix_spin.median() / ping.median():.2f}× ping" if unix_spin.ok and ping.ok else "-", "")
        t.row("multiprocessing.Pool.apply(identity)", cell(pool, lambda s: seconds(s.median())),
              cell(pool, lambda s: seconds(s.p99())),
              f"{pool.median() / ping.median():.1f}× ping" if pool.ok and ping.ok else "-", "")
        def call_row(label, what, samples, polling):
            if samples and samples.ok and ping.ok and pool.ok:
                vs_ping, vs_pool = samples.median() / ping.median(), samples.median() / pool.median()
                ratio = f"{vs_ping:.1f}× ping, {vs_pool:.2f}× Pool.apply"
                if polling.ok:
                    ratio += f", {samples.median() / polling.median():.1f}× its polling ping"
                floor = self.floor(what, vs_ping <= 1.5 and vs_pool < 1)
            else:
                ratio, floor = "-", "n/a"
            t.row(label, cell(samples, lambda s: seconds(s.median())),
                  cell(samples, lambda s: seconds(s.p99())), ratio, f"≤ 1.5× ping and < Pool.apply: {floor}")

        call_row("dist remotecall_fetch(identity, 2, i)", "remote latency", call, unix_spin)
        call_row("the same over TCP (DIST_LOCAL_SOCKETS=0)", "remote latency over TCP", call_tcp, ping_spin)
        t.row("dist -p 4 -e 'nworkers()' (whole process)", cell(start, lambda s: seconds(s.median())), "",
              f"{start.median() / start_py.median():.1f}× Python Pool(4)" if start and start.ok and start_py.ok
              else "-", "≤ 0.15 s: " + self.floor("remote start-up", start.median() <= 0.15
                                                 if start and start.ok else None))
        t.row("python3 starting Pool(4), one call each", cell(start_py, lambda s: seconds(s.median())), "", "", "")
        gbps = 8e6 / fetch.median() / 1e9 if fetch and fetch.ok else None
        t.row("dist fetch of an 8 MB Float64 array", cell(fetch, lambda s: seconds(s.median())),
              cell(fetch, lambda s: seconds(s.p99())), f"{gbps:.2f} GB/s" if gbps else "-",
              "≥ 3 GB/s: " + self.floor("remote fetch 8 MB", gbps >= 3 if gbps else None))
        if no_workers:
            self.skip_note(t)
        self.error_notes(t, [("ping-pong", ping), ("polling ping-pong", ping_spin), ("Unix polling ping-pong", unix_spin),
                             ("Pool.apply", pool), ("remotecall_fetch", call), ("remotecall_fetch over TCP", call_tcp),
                             ("dist -p 4 start-up", start), ("Pool(4) start-up", start_py),
                             ("fetch 8 MB", fetch)])
        t.note("dist's event loop, after each message it sends, looks at its selector for up to 100 µs before "
               "it blocks (DIST_POLL_US=0 turns it off), so its round trip is compared with the "
               "ping-pong that polls as well as with the one that blocks at once. Workers on process 1's host "
               "are reached through Unix-domain sockets (TCP between hosts): the first dist row is compared "
               "with the Unix-domain ping-pong, the second with the TCP one.")
        t.note("Julia's published round trip is ≈ 100 µs; Ray 1.3 ms, Dask 10 ms on this machine.")
        t.print()

    # -- pmap --------------------------------------------------------------------------------

    def pmap(self):
        no_workers = self.workers()
        d, p = (None if no_workers else Samples()), Samples()
        for _ in range(self.rounds):
            if d:
                d.add(self.dist_thunk("pmap", "pmap.dist", "elapsed", "-p", "2"))
            p.add(self.python_thunk("pmap", "pool_map.py", "elapsed"))
        n = 10_000
        t = Table(f"pmap: pmap(x -> x + 1, 1:10_000) on 2 workers (median over {self.rounds} rounds)",
                  ["measurement", "time", "throughput", "ratio", "floor"])
        t.row("multiprocessing Pool(2).map(chunksize=1)", cell(p, lambda s: seconds(s.median())),
              cell(p, lambda s: rate(n / s.median(), "elements/s")), "1×", "")
        ratio = f"{p.median() / d.median():.2f}× Pool.map" if d and d.ok and p.ok else "-"
        t.row("dist pmap, -p 2", cell(d, lambda s: seconds(s.median())),
              cell(d, lambda s: rate(n / s.median(), "elements/s")), ratio,
              "≥ Pool.map: " + self.floor("pmap throughput", p.median() / d.median() >= 1 if d and d.ok and p.ok else None))
        if no_workers:
            self.skip_note(t)
        self.error_notes(t, [("dist pmap", d), ("Pool.map", p)])
        t.note("For scale: Julia ≈ 60 µs of overhead per element, Dask 670/s, Ray 2,300/s.")
        t.print()

    # -- distributed -------------------------------------------------------------------------

    def distributed(self):
        no_workers = self.workers()
        d1, d2 = (None, None) if no_workers else (Samples(), Samples())
        p1, p2 = Samples(), Samples()
        for _ in range(self.rounds):
            if d1:
                d1.add(self.dist_thunk("distributed", "coin_flips.dist", "elapsed", "-p", "1"))
                d2.add(self.dist_thunk("distributed", "coin_flips.dist", "elapsed", "-p", "2"))
            p1.add(self.python_thunk("distributed", "coin_flips.py", "elapsed", "1"))
            p2.add(self.python_thunk("distributed", "coin_flips.py", "elapsed", "2"))
        t = Table(f"distributed: @distributed (+) over 2*10^7 coin flips (median over {self.rounds} rounds)",
                  ["measurement", "1 worker", "2 workers", "speed-up", "floor"])
        speed = d1.median() / d2.median() if d1 and d1.ok and d2.ok else None
        t.row("dist @distributed (+)", cell(d1, lambda s: seconds(s.median())),
              cell(d2, lambda s: seconds(s.median())), f"{speed:.2f}×" if speed else "-",
              "≥ 1.7×: " + self.floor("distributed speed-up", speed >= 1.7 if speed else None))
        t.row("CPython multiprocessing, for scale", cell(p1, lambda s: seconds(s.median())),
              cell(p2, lambda s: seconds(s.median())),
              f"{p1.median() / p2.median():.2f}×" if p1.ok and p2.ok else "-", "")
        if no_workers:
            self.skip_note(t)
        self.error_notes(t, [("dist -p 1", d1), ("dist -p 2", d2), ("CPython 1", p1), ("CPython 2", p2)])
        t.note("A speed-up needs the second core to be free; the CPython row shows what this machine "
               "allowed in the same run.")
        t.print()

    # -- numerics ----------------------------------------------------------------------------

    def numerics(self):
        no_workers = self.workers()
        d, p = Samples(), Samples()
        serial, shared, turns = (None, None, None) if no_workers else (Samples(), Samples(), Samples())
        try:
            run([sys.executable, "-c", "import numpy"], timeout=60)
        except Failed:
            p.error = "numpy is not installed for " + sys.executable
        for _ in range(self.rounds):
            d.add(self.dist_thunk("numerics", "matmul.dist", "elapsed"))
            p.add(self.python_thunk("numerics", "matmul.py", "elapsed"))
            if serial and serial.error is None:
                try:
                    out = self.dist_output("numerics", "advection.dist", "-p", "2", timeout=600)
                    serial.add(lambda: values(out, "elapsed_serial"))
                    shared.add(lambda: values(out, "elapsed_shared"))
                    turns.add(lambda: values(out, "elapsed_turns"))
                except Failed as e:
                    serial.error = shared.error = turns.error = str(e)
        t = Table(f"numerics (median over {self.rounds} rounds)",
                  ["measurement", "dist", "baseline", "ratio", "floor"])
        ratio = d.median() / p.median() if d.ok and p.ok else None
        t.row("1000×1000 Float64 A * A", cell(d, lambda s: seconds(s.median())),
              cell(p, lambda s: seconds(s.median()) + " (numpy A @ A)"),
              f"{ratio:.2f}× numpy's time" if ratio else "-",
              "≤ 2× numpy: " + self.floor("numerics matmul", ratio <= 2 if ratio else None))
        speed = serial.median() / shared.median() if serial and serial.ok and shared.ok else None
        t.row("advection 200^3, shared (-p 2) vs serial", cell(shared, lambda s: seconds(s.median())),
              cell(serial, lambda s: seconds(s.median()) + " (serial)"),
              f"{speed:.2f}× faster" if speed else "-",
              "≥ 1.8× faster: " + self.floor("numerics advection", speed >= 1.8 if speed else None))
        gain = turns.median() / shared.median() if turns and turns.ok and shared.ok else None
        t.row("the same chunks, workers at once vs in turn", cell(shared, lambda s: seconds(s.median())),
              cell(turns, lambda s: seconds(s.median()) + " (in turn)"),
              f"{gain:.2f}× faster" if gain else "-", "(for scale)")
        if no_workers:
            self.skip_note(t)
        self.error_notes(t, [("dist A * A", d), ("numpy", p), ("advection", serial)])
        t.note("The chapter's figures show advection_shared! 3.5× faster than serial with 4 workers. "
               "The last row is what running the two workers' chunks at the same time gains over "
               "running them one after the other: what this machine's two processors give two busy "
               "processes (2× when they are two free cores), which bounds the row above.")
        t.print()


    # -- soak --------------------------------------------------------------------------------

    def soak(self):
        """Resident memory of process 1 and of a worker after 10^5 repetitions of each pattern
        of a long session (one run: memory, unlike time, is not noisy)."""
        n = 100_000
        t = Table(f"soak: memory growth per {n:,} repetitions (-p 1, after a warm-up)",
                  ["pattern", "worker 2", "process 1", "floor"])
        if self.workers():
            t.row("(no workers)", "-", "-", "n/a")
            self.skip_note(t)
            t.print()
            return
        try:
            out = run([self.dist, "-p", "1", os.path.join(HERE, "soak", "soak.dist"), str(n)], 1200, cwd=HERE)
        except Failed as e:
            t.row("(failed)", "-", "-", "n/a")
            t.note(str(e))
            t.print()
            return
        for line in out.splitlines():
            parts = line.split()
            if len(parts) != 4 or parts[0] != "pattern":
                continue
            worker, master = int(parts[2]), int(parts[3])
            ok = worker <= 4096 and master <= 4096
            t.row(parts[1].replace("_", " "), f"{worker / 1024:+.1f} MB", f"{master / 1024:+.1f} MB",
                  "≤ 4 MB each: " + self.floor(f"soak {parts[1]}", ok))
        t.note("Before the fixes (a compiled lambda and its lambda kept each other alive; a local "
               "put! kept its stored value), per 10^5, measured over 2·10^4: a fresh closure +103 MB "
               "on the worker, @spawnat +47 MB, remote channels +117 MB, Futures of process 1 "
               "fetched by a worker +44 MB on process 1.")
        t.print()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dist", required=True, help="the dist binary to measure (a release build)")
    ap.add_argument("--rounds", type=int, default=3, help="interleaved rounds per part (default 3)")
    ap.add_argument("--check", action="store_true", help="exit 1 when a floor is not met")
    ap.add_argument("--lua", default=shutil.which("lua5.4"),
                    help="the Lua 5.4 interpreter for interp's baselines (default: lua5.4 on PATH)")
    ap.add_argument("--only", default="", metavar="NAME,...",
                    help="run only these interp programs and micro operations")
    ap.add_argument("parts", nargs="*", metavar="PART",
                    help="interp, micro, remote, pmap, distributed, numerics, soak or all (default)")
    args = ap.parse_args()
    if args.rounds < 1:
        ap.error("--rounds must be at least 1")
    for part in args.parts:
        if part not in PARTS + ["all"]:
            ap.error(f"unknown part {part!r} (choose from {', '.join(PARTS + ['all'])})")
    parts = PARTS if not args.parts or "all" in args.parts else [p for p in PARTS if p in args.parts]
    only = [n for n in args.only.split(",") if n]
    known = {n for n, _, _ in INTERP_PROGRAMS} | {n for n, _, _ in MICRO_OPS}
    for n in only:
        if n not in known:
            ap.error(f"unknown program or operation {n!r} for --only")
    bench = Bench(os.path.abspath(args.dist), args.rounds, args.lua, only)
    print(f"dist benchmark: {args.dist}, {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.2f}; ratios are from this run only")
    for part in parts:
        getattr(bench, part)()
    missed = [what for what, met in bench.verdicts if not met]
    print(f"\nfloors: {len(bench.verdicts) - len(missed)} of {len(bench.verdicts)} met"
          + (f"; not met: {', '.join(missed)}" if missed else ""))
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
