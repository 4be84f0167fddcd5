import Glibc

/// `@showprogress` (ProgressMeter.jl's convention) on `for` loops, comprehensions, `map`-like
/// calls, `pmap` and `@distributed`: one line that updates in place on a terminal (the share
/// done as a bar, done/total, the rate, the time left, and how many elements each worker
/// did), and a single summary line when standard error is no terminal.
///
/// A bar lives on the process that wrote `@showprogress`, in `ProgressRegistry`, under a
/// number; the expansion holds `(owner, number)`, a plain tuple that workers can be sent.
/// `pmap` counts each element as its result arrives, with the worker that ran it. For
/// `@distributed`, the workers count the iterations of their chunk themselves and report to
/// the owner at most every `ProgressBar.reportInterval` seconds and at the end of the chunk,
/// so that a progress bar costs a few messages, not one per iteration.
public final class ProgressBar {
    public var total: Int?
    public private(set) var done = 0
    /// Elements done by each process (pmap and @distributed).
    public private(set) var perWorker: [Int: Int] = [:]
    let description: String
    /// Seconds between redraws.
    let dt: Double
    let enabled: Bool
    let started = monotonicSeconds()
    var lastDrawn = 0.0
    var showing = false

    /// How often a worker reports its count of a `@distributed` chunk.
    static let reportInterval = 0.1

    init(total: Int?, description: String, dt: Double, enabled: Bool) {
        self.total = total
        self.description = description
        self.dt = dt
        self.enabled = enabled
    }

    func add(_ n: Int, by worker: Int?, _ rt: Runtime) {
        done += n
        if let w = worker { perWorker[w, default: 0] += n }
        guard enabled else { return }
        let now = monotonicSeconds()
        if now - lastDrawn >= dt {
            lastDrawn = now
            showing = rt.output.setStatusLine(line(width: rt.displaySize.columns, now: now, finished: false))
        }
    }

    /// Takes the bar off the screen; when the work completed, its last state stays as a line.
    func finish(_ rt: Runtime, completed: Bool) {
        guard enabled else { return }
        if showing { _ = rt.output.setStatusLine(nil) }
        showing = false
        if completed || done > 0 {
            rt.output.writeError(line(width: rt.displaySize.columns, now: monotonicSeconds(), finished: completed) + "\n")
        }
    }

    /// ProgressMeter's line, `Progress:  42%|████▋      |  ETA: 0:00:07`, then what it leaves
    /// out: `(42/100, 3.5/s; 2: 21, 3: 21)`. Fits in `width` columns (minus one, so that the
    /// terminal never wraps it); the per-worker counts go first when space is short.
    func line(width: Int, now: Double, finished: Bool) -> String {
        let elapsed = max(now - started, 1e-9)
        let rate = Double(done) / elapsed
        let rateText = ProgressBar.rateText(rate)
        let workers = perWorker.keys.sorted().map { "\($0): \(perWorker[$0]!)" }.joined(separator: ", ")
        let head = description
        var timeText: String
        var counts: String
        var bar = ""
        if let total, total > 0 {
            let fraction = min(1, Double(done) / Double(total))
            let percent = Int((fraction * 100).rounded(.down))
            let pad = String(repeating: " ", count: max(0, 3 - String(percent).count))
            timeText = finished ? " Time: \(ProgressBar.clock(elapsed))"
                : done == 0 ? "  ETA: N/A" : "  ETA: \(ProgressBar.clock(elapsed / Double(done) * Double(total - done)))"
            counts = "\(done)/\(total), \(rateText)"
            bar = pad + "\(percent)%|" + "\u{0}" + "|"
        } else {
            timeText = "  Time: \(ProgressBar.clock(elapsed))"
            counts = rateText
            bar = "\(done) done"
        }
        func assemble(_ withWorkers: Bool, _ barLength: Int) -> String {
            let extra = " (" + counts + (withWorkers && !workers.isEmpty ? "; " + workers : "") + ")"
            let filled = bar.replacingOccurrences(of: "\u{0}", with: ProgressBar.blocks(done, total ?? 1, barLength))
            return head + filled + timeText + extra
        }
        let room = max(20, width - 1)
        let fixed = assemble(true, 0).count
        for withWorkers in [true, false] {
            let fixedHere = withWorkers ? fixed : assemble(false, 0).count
            let barLength = min(50, room - fixedHere)
            if total == nil || barLength >= 10 { return assemble(withWorkers, max(barLength, 0)) }
        }
        return assemble(false, 10)
    }

    /// A bar of `length` cells, with ProgressMeter's eighth blocks for the last one.
    static func blocks(_ done: Int, _ total: Int, _ length: Int) -> String {
        guard length > 0 else { return "" }
        let eighths = Int((Double(min(done, total)) / Double(max(total, 1)) * Double(length * 8)).rounded(.down))
        let full = eighths / 8, part = eighths % 8
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][part]
        let used = full + (partial.isEmpty ? 0 : 1)
        return String(repeating: "█", count: full) + partial + String(repeating: " ", count: max(0, length - used))
    }

    /// `0:01:05`, as ProgressMeter writes durations.
    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        let h = s / 3600, m = (s / 60) % 60, sec = s % 60
        return "\(h):" + (m < 10 ? "0" : "") + "\(m):" + (sec < 10 ? "0" : "") + "\(sec)"
    }

    static func rateText(_ rate: Double) -> String {
        if rate >= 100 { return "\(Int(rate.rounded()))/s" }
        let tenths = (rate * 10).rounded() / 10
        return "\(tenths)/s"
    }
}

/// The bars of one process, by number.
public final class ProgressRegistry {
    var bars: [Int: ProgressBar] = [:]
    var next = 1
    /// Counts of `@distributed` iterations not yet reported to their bar's owner, by
    /// (owner, number): the count and when the last report went.
    var unreported: [ProgressKey: (count: Int, sent: Double)] = [:]

    struct ProgressKey: Hashable {
        let owner: Int
        let id: Int
    }

    public init() {}
}

extension Builtins {
    static func installProgress(_ rt: Runtime) {
        rt.def("__progress_start") { t, a in
            // (total thunk or nothing; desc, dt, enabled): a new bar, as (owner, number)
            try a.expect(1, "@showprogress")
            let rt = t.runtime
            var total: Int?
            if !a[0].isNothing {
                // an iterable without a length (a Channel, an iterator of unknown size) shows
                // a count without a bar
                if case .int(let n)? = try? t.call(a[0], []) { total = Int(n) }
            }
            var description = "Progress: "
            if let d = a.keyword("desc") {
                guard case .str(let s) = d else { throw JuliaError.argument("@showprogress: desc must be a string") }
                description = s.value.hasSuffix(" ") ? s.value : s.value + " "
            }
            var dt = 0.1
            if let d = a.keyword("dt") {
                guard let x = numeric(d) else { throw JuliaError.argument("@showprogress: dt must be a number") }
                dt = rt.toDouble(x)
            }
            var enabled = true
            if let e = a.keyword("enabled") {
                guard case .bool(let b) = e else { throw JuliaError.argument("@showprogress: enabled must be true or false") }
                enabled = b
            }
            let reg = rt.progress
            let id = reg.next
            reg.next += 1
            reg.bars[id] = ProgressBar(total: total, description: description, dt: dt, enabled: enabled)
            return .tuple([.int(Int64(rt.pgrp.myid)), .int(Int64(id))])
        }
        rt.def("__progress_next") { t, a in
            // (bar): one more element done here
            try a.expect(1, "@showprogress")
            try progressTick(a[0], 1, t)
            return .nothing
        }
        rt.def("__progress_pass") { t, a in
            // (bar, value): one more element done; its value passes through
            try a.expect(2, "@showprogress")
            try progressTick(a[0], 1, t)
            return a[1]
        }
        rt.def("__progress_add") { t, a in
            // (number, count, worker): a worker's report of iterations done
            try a.expect(3, "@showprogress")
            let rt = t.runtime
            rt.progress.bars[try a.int(0, "@showprogress")]?.add(try a.int(1, "@showprogress"), by: try a.int(2, "@showprogress"), rt)
            return .nothing
        }
        rt.def("__progress_finish") { t, a in
            // (bar, completed)
            try a.expect(2, "@showprogress")
            let rt = t.runtime
            let (owner, id) = try progressKey(a[0])
            guard owner == rt.pgrp.myid, let bar = rt.progress.bars.removeValue(forKey: id) else { return .nothing }
            if case .bool(let completed) = a[1] { bar.finish(rt, completed: completed) }
            return .nothing
        }
        rt.def("__progress_total") { t, a in
            // (collections...): how many elements map-like calls over them make (the shortest)
            var n: Int?
            for c in a.array {
                if Builtins.pool(c) != nil { continue }
                let len = try lengthOf(c, t)
                n = min(n ?? len, len)
            }
            return n.map { .int(Int64($0)) } ?? .nothing
        }
    }

    static func progressKey(_ v: Value) throws -> (Int, Int) {
        guard case .tuple(let tp) = v, tp.count == 2, case .int(let o) = tp[0], case .int(let i) = tp[1] else {
            throw JuliaError.argument("@showprogress: not a progress bar")
        }
        return (Int(o), Int(i))
    }

    /// `n` elements of `bar` done on this process: counted here when the bar is this
    /// process's, else reported to its owner now and then (see `flushProgress`).
    static func progressTick(_ bar: Value, _ n: Int, _ t: Ctx) throws {
        let rt = t.runtime
        let (owner, id) = try progressKey(bar)
        let me = rt.pgrp.myid
        if owner == me {
            rt.progress.bars[id]?.add(n, by: nil, rt)
            return
        }
        let key = ProgressRegistry.ProgressKey(owner: owner, id: id)
        var entry = rt.progress.unreported[key] ?? (0, 0)
        entry.count += n
        let now = monotonicSeconds()
        if now - entry.sent >= ProgressBar.reportInterval {
            try rt.pgrp.remoteDo(.fn(try rt.baseFunction("__progress_add")), owner,
                                 [.int(Int64(id)), .int(Int64(entry.count)), .int(Int64(me))], [], t)
            entry = (0, now)
        }
        rt.progress.unreported[key] = entry
    }

    /// Reports what is left of `bar`'s count (at the end of a `@distributed` chunk, before
    /// its result: one connection keeps both in order).
    static func flushProgress(_ bar: Value, _ t: Ctx) throws {
        let rt = t.runtime
        let (owner, id) = try progressKey(bar)
        let key = ProgressRegistry.ProgressKey(owner: owner, id: id)
        guard let entry = rt.progress.unreported.removeValue(forKey: key), entry.count > 0 else { return }
        try rt.pgrp.remoteDo(.fn(try rt.baseFunction("__progress_add")), owner,
                             [.int(Int64(id)), .int(Int64(entry.count)), .int(Int64(rt.pgrp.myid))], [], t)
    }

    /// `n` elements done by `worker` for a bar of this process (pmap).
    static func progressDone(_ bar: Value?, _ n: Int, by worker: Int, _ t: Ctx) {
        guard let bar, let (owner, id) = try? progressKey(bar), owner == t.runtime.pgrp.myid else { return }
        t.runtime.progress.bars[id]?.add(n, by: worker, t.runtime)
    }

    /// A bar's total, once the call that does the work knows it (pmap).
    static func progressTotal(_ bar: Value?, _ n: Int, _ t: Ctx) {
        guard let bar, let (owner, id) = try? progressKey(bar), owner == t.runtime.pgrp.myid,
              let b = t.runtime.progress.bars[id] else { return }
        b.total = n
    }
}
