/// `pmap(f, [pool], c...; distributed, batch_size, on_error, retry_delays, retry_check)` and
/// `pgenerate`, as Julia's `Distributed` does them:
///
/// - the pool is the one given, or a `CachingPool` of `workers()` made for this call, so the
///   function (with what it captures) travels to each worker once;
/// - one call is in flight per worker: a task per worker of the pool takes the next element,
///   takes a free worker from the pool, calls, and gives the worker back (`asyncmap` with
///   `ntasks = nworkers(pool)`);
/// - `on_error` runs where `f` ran, on the worker; `retry_delays`/`retry_check` retry an
///   element as `retry` does, on whichever worker is free next;
/// - with `batch_size > 1` each call carries a batch; elements that fail in a batch are
///   processed again one by one with the error handlers (Julia's `BatchProcessingError`);
/// - the result has the shape of `map(f, c...)`: an array of the collection's shape, a
///   `String` for a string, the shortest length for vectors of different lengths, and
///   `DimensionMismatch` for arrays of different shapes.
enum Pmap {
    struct Options {
        var distributed = true
        var batchSize = 1
        var onError: Value = .nothing
        var retryDelays: [Double] = []
        var retryCheck: Value = .nothing
        /// `@showprogress pmap(…)`'s bar, counted as results arrive.
        var progress: Value?
    }

    static func run(_ t: Ctx, _ a: Args) throws -> Value {
        let rt = t.runtime
        guard a.count >= 2 else { throw JuliaError.method("pmap", a.array) }
        let f = a[0]
        var colls = Array(a.array.dropFirst())
        var pool = Builtins.pool(colls[0])
        if pool != nil { colls.removeFirst() }
        guard !colls.isEmpty else { throw JuliaError.method("pmap", a.array) }
        let opts = try options(a, t)
        let (items, shape) = try elements(colls, t)
        Builtins.progressTotal(opts.progress, items.count, t)
        if pool == nil {
            let pg = rt.pgrp!
            let p = pg.makePool(caching: true)
            for w in pg.backend.workers() { _ = try pg.poolOperation(p, .push, w, t) }
            pool = p
        }
        let results = try map(f, pool!, items, opts, t)
        return try shape.make(results, rt)
    }

    static func options(_ a: Args, _ t: Ctx) throws -> Options {
        let rt = t.runtime
        var o = Options()
        if case .bool(false)? = a.keyword("distributed") { o.distributed = false }
        o.onError = a.keyword("on_error") ?? .nothing
        o.retryCheck = a.keyword("retry_check") ?? .nothing
        o.progress = a.keyword("__progress")
        if let rd = a.keyword("retry_delays") {
            o.retryDelays = try rt.collectValues(rd, t).map { v in
                guard let x = numeric(v) else { throw JuliaError.argument("retry_delays must be numbers") }
                return rt.toDouble(x)
            }
        }
        if let b = a.keyword("batch_size") {
            switch b {
            case .int(let n):
                guard n >= 1 else { throw JuliaError.argument("batch_size must be ≥ 1, got \(n)") }
                o.batchSize = Int(n)
            case .sym(let s) where s.name == "auto":
                o.batchSize = -1
            default:
                throw JuliaError.argument("batch_size must be an integer ≥ 1 or :auto")
            }
        }
        return o
    }

    /// The argument tuples of the calls, and the shape the results take.
    static func elements(_ colls: [Value], _ t: Ctx) throws -> ([[Value]], ResultShape) {
        let rt = t.runtime
        let lists = try colls.map { try rt.collectValues($0, t) }
        if colls.count == 1 {
            let items = lists[0].map { [$0] }
            if case .str = colls[0] { return (items, .string) }
            if let dims = try? rt.arrayDims(colls[0]), dims.count > 1, ((try? JArray.elementCount(dims)) ?? -1) == items.count {
                return (items, .array(dims))
            }
            return (items, .array([items.count]))
        }
        // several collections: arrays of more than one dimension must have one shape
        let shapes = colls.map { (try? rt.arrayDims($0)) ?? nil }
        if shapes.contains(where: { ($0?.count ?? 1) > 1 }) {
            let first = shapes[0]
            for s in shapes.dropFirst() where s != first {
                throw JuliaError.make(.dimensionMismatch, [.str(JStr("dimensions must match: a has dims \(dimsText(first)), b has dims \(dimsText(s))"))])
            }
        }
        let n = lists.map { $0.count }.min() ?? 0
        let items = (0..<n).map { i in lists.map { $0[i] } }
        if let dims = shapes[0], dims.count > 1, ((try? JArray.elementCount(dims)) ?? -1) == n { return (items, .array(dims)) }
        return (items, .array([n]))
    }

    static func dimsText(_ d: [Int]?) -> String {
        guard let d else { return "(?)" }
        return "(" + d.map { "Base.OneTo(\($0))" }.joined(separator: ", ") + (d.count == 1 ? ",)" : ")")
    }

    /// How the results are put together.
    enum ResultShape {
        case array([Int])
        case string

        func make(_ results: [Value], _ rt: Runtime) throws -> Value {
            switch self {
            case .array(let dims): return .arr(rt.collectedArray(results, dims: dims))
            case .string:
                var s = ""
                for v in results {
                    guard case .char(let c) = v, let u = Unicode.Scalar(c) else {
                        return .arr(rt.collectedArray(results, dims: Dims(results.count)))
                    }
                    s.unicodeScalars.append(u)
                }
                return .str(JStr(s))
            }
        }
    }

    /// Applies `f` to every argument tuple over the pool; results in input order.
    static func map(_ f: Value, _ pool: WorkerPoolObject, _ items: [[Value]], _ o: Options, _ t: Ctx) throws -> [Value] {
        let pg = t.runtime.pgrp!
        var opts = o
        // no remote calls when the pool is empty or is this process alone
        let size = try pg.poolWorkerCount(pool, t)
        let members = try pg.poolWorkerSet(pool, t)
        if members.isEmpty || members == [pg.myid] { opts.distributed = false }
        let ntasks = max(1, opts.distributed ? size : max(size, 1))
        if !opts.distributed {
            return try asyncMap(items.count, ntasks, t) { i, ctx in
                let v = try callWithRetry(ctx, opts) { try applyHere(f, items[i], opts.onError, ctx) }
                Builtins.progressDone(opts.progress, 1, by: pg.myid, ctx)
                return v
            }
        }
        var batchSize = opts.batchSize
        if batchSize == -1 { batchSize = max(1, min(100, items.count / max(1, size * 3))) }
        if batchSize == 1 {
            let execFn = Value.fn(try t.runtime.baseFunction("__pmap_exec"))
            return try asyncMap(items.count, ntasks, t, pids: members) { i, ctx in
                try callWithRetry(ctx, opts) {
                    try pg.withPoolWorker(pool, ctx) { w in
                        let fref = try pg.functionReference(pool, f, w, ctx)
                        let v = try pg.remotecallFetch(execFn, w, [fref, opts.onError, .tuple(JTuple.of(items[i]))], [], ctx)
                        Builtins.progressDone(opts.progress, 1, by: w, ctx)
                        return v
                    }
                }
            }
        }
        // batches: errors inside a batch come back as BatchProcessingErrors and are handled
        // element by element afterwards
        let handle = !opts.onError.isNothing || !opts.retryDelays.isEmpty
        let batches: [[Int]] = stride(from: 0, to: items.count, by: batchSize).map { Array($0..<min(items.count, $0 + batchSize)) }
        let batchFn = Value.fn(try t.runtime.baseFunction("__pmap_batch"))
        var results = [Value](repeating: .nothing, count: items.count)
        let perBatch = try asyncMap(batches.count, ntasks, t, pids: members) { b, ctx -> Value in
            let args = Value.arr(ctx.runtime.collectedArray(batches[b].map { .tuple(JTuple.of(items[$0])) }, dims: [batches[b].count]))
            do {
                return try pg.withPoolWorker(pool, ctx) { w in
                    let fref = try pg.functionReference(pool, f, w, ctx)
                    let v = try pg.remotecallFetch(batchFn, w, [fref, .bool(handle), args], [], ctx)
                    Builtins.progressDone(opts.progress, batches[b].count, by: w, ctx)
                    return v
                }
            } catch let e as JuliaError where handle {
                let marks = batches[b].map { i in Value.obj(JStruct(.batchProcessingError, [.tuple(JTuple.of(items[i])), e.value])) }
                return .arr(ctx.runtime.collectedArray(marks, dims: Dims(marks.count)))
            }
        }
        for (b, r) in perBatch.enumerated() {
            guard case .arr(let arr) = r else { continue }
            for (k, i) in batches[b].enumerated() where k < arr.count { results[i] = arr.get(k) }
        }
        if handle { try processBatchErrors(f, pool, items, &results, opts, t) }
        return results
    }

    /// Elements that failed inside a batch: again one by one with the error handlers, or
    /// `on_error` on the caller, or a `CompositeException` of them all.
    static func processBatchErrors(_ f: Value, _ pool: WorkerPoolObject, _ items: [[Value]], _ results: inout [Value],
                                   _ o: Options, _ t: Ctx) throws {
        var failed: [(Int, JStruct)] = []
        for (i, v) in results.enumerated() {
            if case .obj(let x) = v, let s = x as? JStruct, s.type === JType.batchProcessingError { failed.append((i, s)) }
        }
        if failed.isEmpty { return }
        let errors = failed.map { $0.1[1] }
        var redone: [Value]
        if !o.retryDelays.isEmpty, try errors.allSatisfy({ try retryAllowed(o.retryCheck, $0, t) }) {
            var again = o
            again.batchSize = 1
            again.retryDelays = Array(o.retryDelays.dropFirst())
            redone = try map(f, pool, failed.map { i, _ in items[i] }, again, t)
        } else if !o.onError.isNothing {
            redone = try errors.map { try handleError(o.onError, JuliaError($0), t) }
        } else {
            throw JuliaError.make(.compositeException, [.arr(t.runtime.collectedArray(errors, dims: Dims(errors.count)))])
        }
        for (k, (i, _)) in failed.enumerated() where k < redone.count { results[i] = redone[k] }
    }

    /// Runs `body(i)` for i in 0..<n on `ntasks` tasks of this process; the first error stops
    /// the others from starting new elements and is thrown.
    static func asyncMap(_ n: Int, _ ntasks: Int, _ t: Ctx, pids: [Int] = [], _ body: @escaping (Int, Ctx) throws -> Value) throws -> [Value] {
        let rt = t.runtime
        var results = [Value](repeating: .nothing, count: n)
        if n == 0 { return results }
        var next = 0
        var firstError: JuliaError?
        var tasks: [JTask] = []
        for _ in 0..<min(ntasks, n) {
            let task = JTask { ctx in
                while firstError == nil && next < n {
                    let i = next
                    next += 1
                    do {
                        results[i] = try body(i, ctx)
                    } catch let e as JuliaError {
                        if firstError == nil { firstError = e }
                    }
                }
                return .nothing
            }
            task.module = t.task.module
            rt.scheduler.schedule(task)
            tasks.append(task)
        }
        do {
            for task in tasks { try rt.scheduler.wait(for: task) }
        } catch let e as JuliaError where e.isa(.interruptException) {
            // Ctrl-C: no element starts any more, and the workers stop what they are doing
            firstError = e
            try? rt.pgrp.backend.interrupt(pids.filter { $0 != rt.pgrp.myid })
            throw e
        }
        if let e = firstError { throw e }
        return results
    }

    /// `f(args...)` here, with `on_error` applied to its error.
    static func applyHere(_ f: Value, _ args: [Value], _ onError: Value, _ t: Ctx) throws -> Value {
        do {
            return try t.call(f, args)
        } catch let e as JuliaError where !onError.isNothing && !e.isa(.interruptException) {
            return try handleError(onError, e, t)
        }
    }

    /// `on_error(e)`, called as Julia calls it: inside the handling of `e`, so that
    /// `rethrow()` in it throws `e` again.
    static func handleError(_ onError: Value, _ e: JuliaError, _ t: Ctx) throws -> Value {
        t.exceptionStack.append(e)
        defer { t.exceptionStack.removeLast() }
        return try t.call(onError, [e.value])
    }

    /// Julia's `retry(f; delays, check)`: calls `body`, and after a failure waits the next
    /// delay and calls again while `check(state, e)` allows; the last failure is thrown.
    /// Errors reach `check` and the caller unwrapped from `RemoteException`, as in Julia.
    static func callWithRetry(_ t: Ctx, _ o: Options, _ body: () throws -> Value) throws -> Value {
        if o.retryDelays.isEmpty { return try body() }
        for delay in o.retryDelays {
            do {
                return try body()
            } catch let e as JuliaError {
                if e.isa(.interruptException) { throw e }
                let inner = unwrapRemote(e)
                if !(try retryAllowed(o.retryCheck, inner.value, t)) { throw inner }
            }
            try t.runtime.scheduler.sleep(delay)
        }
        do {
            return try body()
        } catch let e as JuliaError {
            throw unwrapRemote(e)
        }
    }

    static func retryAllowed(_ check: Value, _ e: Value, _ t: Ctx) throws -> Bool {
        if check.isNothing { return true }
        let r = try t.call(check, [.nothing, e])
        switch r {
        case .bool(let b): return b
        case .tuple(let tp) where tp.count == 2: if case .bool(let b) = tp[1] { return b }
        default: break
        }
        throw JuliaError.make(.typeError, [.sym(JSym.intern("retry")), .str(JStr("check")), .type(.bool), r])
    }

    /// The exception inside a `RemoteException` (Julia's `extract_exception`).
    static func unwrapRemote(_ e: JuliaError) -> JuliaError {
        guard e.isa(.remoteException), case .obj(let o) = e.value, let s = o as? JStruct,
              case .obj(let co) = s[1], let c = co as? JStruct else { return e }
        return JuliaError(c[0])
    }
}

extension Builtins {
    static func installPmap(_ rt: Runtime) {
        rt.def("pmap") { t, a in try Pmap.run(t, a) }
        rt.def("__pmap_exec") { t, a in
            // (f_ref, on_error, args): one element on this worker
            try a.expect(3, "pmap")
            let f = try cachedFunction(a[0], t)
            guard case .tuple(let args) = a[2] else { throw JuliaError.method("pmap", a.array) }
            return try Pmap.applyHere(f, args.items, a[1], t)
        }
        rt.def("__pmap_batch") { t, a in
            // (f_ref, capture, batch): a batch on this worker; with capture, an element's
            // error becomes a BatchProcessingError in its place
            try a.expect(3, "pmap")
            let f = try cachedFunction(a[0], t)
            guard case .bool(let capture) = a[1] else { throw JuliaError.method("pmap", a.array) }
            let items = try t.runtime.collectValues(a[2], t)
            var out: [Value] = []
            out.reserveCapacity(items.count)
            for x in items {
                guard case .tuple(let tp) = x else { throw JuliaError.argument("pmap batch") }
                do {
                    out.append(try t.call(f, tp.items))
                } catch let e as JuliaError where capture && !e.isa(.interruptException) {
                    out.append(.obj(JStruct(.batchProcessingError, [x, e.value])))
                }
            }
            return .arr(t.runtime.collectedArray(out, dims: Dims(out.count)))
        }
        rt.def("pgenerate") { t, a in
            // eager here: the results of pmap, as a vector to iterate
            try Pmap.run(t, a)
        }
    }
}
