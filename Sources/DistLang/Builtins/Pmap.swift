import DequeModule

/// A pool of worker pids that calls take from and give back (`WorkerPool`, the default pool).
public final class WorkerPoolObject: JObject, CustomShow {
    var available = Deque<Int>()
    var members: [Int]
    let waiters = WaitQueue()
    /// Caches functions on workers (a `CachingPool`).
    let caching: Bool

    init(_ pids: [Int], caching: Bool = false) {
        members = pids
        available = Deque(pids)
        self.caching = caching
    }

    public override var jtype: JType { JType.workerPool }

    var count: Int { members.count }

    func take(_ t: Ctx) throws -> Int {
        let rt = t.runtime
        while true {
            while let p = available.popFirst() {
                if rt.pgrp.deadProcesses.contains(p) {
                    members.removeAll { $0 == p }
                    continue
                }
                return p
            }
            if members.isEmpty || members.allSatisfy({ rt.pgrp.deadProcesses.contains($0) }) {
                if members.isEmpty && rt.pgrp.backend.procs().count == 1 { return rt.pgrp.myid }
                throw JuliaError.error("No active worker available in pool")
            }
            try waiters.wait(rt.scheduler)
        }
    }

    func push(_ pid: Int, _ t: Ctx) {
        if !members.contains(pid) { members.append(pid) }
        available.append(pid)
        waiters.notifyOne(t.runtime.scheduler)
    }

    public func showText(_ rt: Runtime, _ t: Ctx?) throws -> String {
        "\(caching ? "CachingPool" : "WorkerPool")(Channel{Int64}(sz_max:9223372036854775807,sz_curr:\(available.count)), Set(\(members)))"
    }
}

extension Builtins {
    static func installPools(_ rt: Runtime) {
        rt.def("WorkerPool") { t, a in
            let pids = try a.count == 0 ? [] : t.runtime.collectValues(a[0], t).map { v -> Int in
                guard case .int(let p) = v else { throw JuliaError.method("WorkerPool", a.array) }
                return Int(p)
            }
            return .obj(WorkerPoolObject(pids))
        }
        rt.def("CachingPool") { t, a in
            let pids = try t.runtime.collectValues(a[0], t).map { v -> Int in
                guard case .int(let p) = v else { throw JuliaError.method("CachingPool", a.array) }
                return Int(p)
            }
            return .obj(WorkerPoolObject(pids, caching: true))
        }
        rt.def("default_worker_pool") { t, _ in .obj(t.runtime.defaultPool()) }
        rt.def("remote") { t, a in
            try a.expect(1...2, "remote")
            let f = a[a.count - 1]
            let pool: WorkerPoolObject
            if a.count == 2, case .obj(let o) = a[0], let p = o as? WorkerPoolObject { pool = p } else { pool = t.runtime.defaultPool() }
            return .fn(JFunction(name: "remote", module: [JSym.intern("Base")], builtin: Builtin("remote") { ctx, args in
                let pid = try pool.take(ctx)
                defer { pool.push(pid, ctx) }
                return try ctx.runtime.pgrp.remotecallFetch(f, pid, args.array, args.kw, ctx)
            }))
        }
        rt.def("__pmap_apply") { t, a in
            // (ref, args...): `ref` is a Future stored here holding (f, on_error), sent once per
            // worker per pmap; on_error is applied here, as Julia does
            guard a.count >= 1 else { throw JuliaError.method("pmap", a.array) }
            let (f, onError) = try cachedFunction(a[0], t)
            let args = Array(a.array.dropFirst())
            do {
                return try t.call(f, args)
            } catch let e as JuliaError where !onError.isNothing {
                return try t.call(onError, [e.value])
            }
        }
        rt.def("__pmap_batch") { t, a in
            // (ref, batch): applies f to each argument tuple of a batch
            try a.expect(2, "pmap")
            let (f, onError) = try cachedFunction(a[0], t)
            let items = try t.runtime.collectValues(a[1], t)
            var out: [Value] = []
            for x in items {
                guard case .tuple(let tp) = x else { throw JuliaError.argument("pmap batch") }
                do {
                    out.append(try t.call(f, tp.items))
                } catch let e as JuliaError where !onError.isNothing {
                    out.append(try t.call(onError, [e.value]))
                }
            }
            let r = JArray(eltype: .any, dims: [out.count])
            for (i, v) in out.enumerated() { r.values[i] = v }
            return .arr(r)
        }
    }
}

/// The (f, on_error) pair a pmap stored on this worker.
private func cachedFunction(_ ref: Value, _ t: Ctx) throws -> (Value, Value) {
    guard case .obj(let o) = ref, let fut = o as? Future,
          case .tuple(let pair) = try t.runtime.pgrp.fetch(fut, t), pair.items.count == 2 else {
        throw JuliaError.argument("pmap: bad function reference")
    }
    return (pair.items[0], pair.items[1])
}

extension Runtime {
    /// The pool `remote` and `pmap` use by default: the current workers.
    func defaultPool() -> WorkerPoolObject {
        WorkerPoolObject(pgrp.backend.workers())
    }
}

/// `pmap(f, c...; batch_size, on_error, retry_delays, distributed)`: dynamic load balancing
/// over the workers, results in input order.
enum Pmap {
    static func run(_ t: Ctx, _ a: Args) throws -> Value {
        let rt = t.runtime
        guard a.count >= 2 else { throw JuliaError.method("pmap", a.array) }
        let f = a[0]
        var collArgs = Array(a.array.dropFirst())
        var pool: WorkerPoolObject?
        if case .obj(let o) = collArgs[0], let p = o as? WorkerPoolObject {
            pool = p
            collArgs.removeFirst()
        }
        guard !collArgs.isEmpty else { throw JuliaError.method("pmap", a.array) }
        let lists = try collArgs.map { try rt.collectValues($0, t) }
        let n = lists.map { $0.count }.min() ?? 0
        let items: [[Value]] = (0..<n).map { i in lists.map { $0[i] } }
        let onError = a.keyword("on_error") ?? .nothing
        let batchSize = max(1, a.keywordInt("batch_size") ?? 1)
        var retryDelays: [Double] = []
        if let rd = a.keyword("retry_delays") {
            retryDelays = try rt.collectValues(rd, t).map { v in
                guard let x = numeric(v) else { throw JuliaError.argument("retry_delays must be numbers") }
                return rt.toDouble(x)
            }
        }
        var distributed = true
        if case .bool(false)? = a.keyword("distributed") { distributed = false }
        let pids = pool?.members ?? rt.pgrp.backend.workers()
        let dims = lists.count == 1 ? ((try? rt.arrayDims(collArgs[0])).flatMap { $0.isEmpty || $0.reduce(1, *) != n ? nil : $0 } ?? [n]) : [n]

        var results = [Value](repeating: .nothing, count: n)
        if !distributed || pids == [rt.pgrp.myid] || pids.isEmpty {
            // run here, concurrently, as `asyncmap` would
            for (i, args) in items.enumerated() {
                results[i] = try callWithRetry(t, retryDelays) {
                    do {
                        return try t.call(f, args)
                    } catch let e as JuliaError where !onError.isNothing {
                        return try t.call(onError, [e.value])
                    }
                }
            }
            return .arr(rt.collectedArray(results, dims: dims))
        }

        // the function (with what it captures) goes to each worker once, not once per element
        // (julia#16345): it is stored there as a Future that each call refers to
        let identityFn = Value.fn(try rt.baseFunction("identity"))
        var fnRefs: [Int: Future] = [:]
        for pid in pids {
            fnRefs[pid] = try rt.pgrp.remotecall(identityFn, pid, [.tuple(JTuple([f, onError]))], [], t)
        }
        defer { for r in fnRefs.values { try? rt.pgrp.finalizeRef(r, t) } }

        // feeders: one or more tasks per worker take the next index until none is left
        let apply = Value.fn(try rt.baseFunction("__pmap_apply"))
        let batchFn = Value.fn(try rt.baseFunction("__pmap_batch"))
        let batches: [[Int]] = stride(from: 0, to: n, by: batchSize).map { Array($0..<min(n, $0 + batchSize)) }
        var next = 0
        var requeued: [Int] = []
        var firstError: JuliaError?
        var live = Set(pids)
        var feeders: [JTask] = []
        let inFlight = batchSize == 1 ? 2 : 1
        for pid in pids {
            for _ in 0..<inFlight {
                let ref = Value.obj(fnRefs[pid]!)
                let task = JTask { ctx in
                    while firstError == nil {
                        var b: Int
                        if let r = requeued.popLast() { b = r } else {
                            if next >= batches.count { break }
                            b = next
                            next += 1
                        }
                        if !live.contains(pid) { requeued.append(b); break }
                        do {
                            if batchSize == 1 {
                                let i = batches[b][0]
                                results[i] = try callWithRetry(ctx, retryDelays) {
                                    try ctx.runtime.pgrp.remotecallFetch(apply, pid, [ref] + items[i], [], ctx)
                                }
                            } else {
                                let chunk = Value.arr(ctx.runtime.collectedArray(batches[b].map { .tuple(JTuple(items[$0])) }, dims: [batches[b].count]))
                                let r = try ctx.runtime.pgrp.remotecallFetch(batchFn, pid, [ref, chunk], [], ctx)
                                guard case .arr(let arr) = r else { continue }
                                for (k, i) in batches[b].enumerated() where k < arr.count { results[i] = arr.get(k) }
                            }
                        } catch let e as JuliaError {
                            if e.isa(.processExitedException) {
                                live.remove(pid)
                                // the worker died: with retry_delays the batch goes back for the
                                // others; without, pmap fails as Julia's does (no retry by default,
                                // and the element may be what killed the worker)
                                if !retryDelays.isEmpty {
                                    requeued.append(b)
                                } else if firstError == nil {
                                    firstError = e
                                }
                                break
                            }
                            if firstError == nil { firstError = e }
                            break
                        }
                    }
                    return .nothing
                }
                rt.scheduler.schedule(task)
                feeders.append(task)
            }
        }
        for task in feeders { try rt.scheduler.wait(for: task) }
        if let e = firstError { throw e }
        if !requeued.isEmpty || next < batches.count {
            if live.isEmpty { throw JuliaError.processExited(pids.last ?? 0) }
        }
        // anything left (every worker that had it died) runs on the surviving workers
        while let b = requeued.popLast() {
            guard let pid = live.first else { throw JuliaError.processExited(pids.last ?? 0) }
            for i in batches[b] {
                results[i] = try rt.pgrp.remotecallFetch(apply, pid, [.obj(fnRefs[pid]!)] + items[i], [], t)
            }
        }
        return .arr(rt.collectedArray(results, dims: dims))
    }

    /// Calls `body`, retrying after each of `delays` when it fails.
    static func callWithRetry(_ t: Ctx, _ delays: [Double], _ body: () throws -> Value) throws -> Value {
        var attempt = 0
        while true {
            do {
                return try body()
            } catch let e as JuliaError {
                if attempt >= delays.count || e.isa(.interruptException) { throw e }
                try t.runtime.scheduler.sleep(delays[attempt])
                attempt += 1
            }
        }
    }
}
