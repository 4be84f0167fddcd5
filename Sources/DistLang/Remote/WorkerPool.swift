/// Worker pools: `WorkerPool`, `CachingPool` and the default pool (Julia's `AbstractWorkerPool`).
///
/// A pool is a set of workers (`workers`) and a channel of the ones free now (`channel`).
/// A call on a pool takes a free worker, runs there, and gives the worker back when the call
/// is over, so a pool never has more calls in flight than workers. Julia's rule for the
/// default pool holds: when it is empty, process 1 itself is the worker.
///
/// A pool lives on the process that made it (its owner). Sent to another process, it
/// arrives as a proxy with the owner's pid and the pool's id, and every operation on the
/// proxy runs on the owner (`__pool_op`), as Julia forwards them through the pool's
/// `RemoteChannel`. A `CachingPool` keeps one copy of each function it ran on each worker,
/// stored there as a remote channel, until `clear!(pool)`.
public final class WorkerPoolObject: JObject, CustomShow, FieldAccessible {
    /// The pool's identity; `owner == id.whence` is the process the pool lives on.
    public let id: RRID
    /// Free workers (on the owner).
    let channel = JChannel(elType: .int64, capacity: Int.max)
    /// Every worker of the pool, in the order they were added (on the owner).
    var members: [Int] = []
    /// A `CachingPool`.
    public let caching: Bool
    /// CachingPool: the remote channel on each worker that holds a copy of a function, by
    /// (worker, function).
    var cache: [CacheKey: RemoteChannelRef] = [:]
    /// This object stands for a pool on another process.
    public let isProxy: Bool

    struct CacheKey: Hashable {
        let pid: Int
        let function: ObjectIdentifier
    }

    /// A proxy for the pool `id` of another process (what arrives when a pool is sent).
    public static func proxy(of id: RRID) -> WorkerPoolObject { WorkerPoolObject(id: id, caching: false, proxy: true) }

    init(id: RRID, caching: Bool, proxy: Bool) {
        self.id = id
        self.caching = caching
        isProxy = proxy
    }

    public override var jtype: JType { caching ? JType.cachingPool : JType.workerPool }

    public func field(_ name: JSym, _ t: Ctx) throws -> Value? {
        switch name.name {
        case "workers":
            let s = JSet(elType: .int64)
            for p in try t.runtime.pgrp.poolWorkerSet(self, t) { try s.insert(.int(Int64(p)), t.runtime) }
            return .obj(s)
        case "channel" where !isProxy: return .obj(channel)
        case "ref": return .tuple(JTuple.of([.int(Int64(id.whence)), .int(Int64(id.whence)), .int(Int64(id.id))]))
        case "map_obj2ref" where caching:
            let d = JDict(keyType: .any, valueType: .any)
            for (k, r) in cache { try d.set(.tuple(JTuple.of([.int(Int64(k.pid)), .nothing])), .obj(r), t.runtime) }
            return .obj(d)
        default: return nil
        }
    }

    public func showText(_ rt: Runtime, _ t: Ctx?) throws -> String {
        let name = caching ? "CachingPool" : "WorkerPool"
        if isProxy { return "\(name)(RemoteChannel{Channel{Any}}(\(id.whence), \(id.whence), \(id.id)))" }
        let set = members.isEmpty ? "Set{Int64}()" : "Set(\(members))"
        return "\(name)(Channel{Int64}(sz_max:\(Int.max),sz_curr:\(channel.count)), \(set), RemoteChannel{Channel{Any}}(\(id.whence), \(id.whence), \(id.id)))"
    }
}

/// The operations of a pool that run on its owner, by name (for `__pool_op`).
public enum PoolOp: String {
    case take = "take!", put = "put!", push = "push!", length, isready, wait, workers, nworkers
}

extension ProcessGroup {
    /// A new, empty pool owned by this process.
    public func makePool(caching: Bool) -> WorkerPoolObject {
        let pool = WorkerPoolObject(id: newRRID(), caching: caching, proxy: false)
        pools[pool.id] = WeakPool(pool)
        return pool
    }

    /// The pool a decoded reference stands for: the pool itself on its owner, a proxy elsewhere.
    public func pool(for id: RRID, caching: Bool) throws -> WorkerPoolObject {
        if id.whence == myid {
            guard let p = pools[id]?.pool else { throw JuliaError.error("WorkerPool \(id) no longer exists on process \(myid)") }
            return p
        }
        if let p = pools[id]?.pool { return p }
        let proxy = WorkerPoolObject(id: id, caching: caching, proxy: true)
        pools[id] = WeakPool(proxy)
        return proxy
    }

    /// `default_worker_pool()`: on process 1, the pool of every worker (made on first use,
    /// and given each worker that joins); on a worker, process 1's pool.
    public func defaultPool(_ t: Ctx) throws -> WorkerPoolObject {
        if let p = defaultWorkerPool { return p }
        if myid == 1 {
            let p = makePool(caching: false)
            for w in backend.procs() where w != 1 { poolPushLocal(p, w) }
            defaultWorkerPool = p
            return p
        }
        let v = try remotecallFetch(.fn(try rt.baseFunction("default_worker_pool")), 1, [], [], t)
        guard case .obj(let o) = v, let p = o as? WorkerPoolObject else { throw JuliaError.error("default_worker_pool: process 1 sent no pool") }
        defaultWorkerPool = p
        return p
    }

    /// `default_worker_pool!(pool)`.
    public func setDefaultPool(_ p: WorkerPoolObject) {
        defaultWorkerPool = p
    }

    /// A worker has joined (process 1): it joins the default pool, which the first worker
    /// makes, as Julia's `create_worker` does.
    public func workerJoined(_ pid: Int) {
        if defaultWorkerPool == nil && myid == 1 { defaultWorkerPool = makePool(caching: false) }
        if let p = defaultWorkerPool, !p.isProxy { poolPushLocal(p, pid) }
    }

    func isDefaultPool(_ p: WorkerPoolObject) -> Bool {
        defaultWorkerPool === p
    }

    // MARK: Operations (forwarded to the owner for a proxy)

    /// Runs a pool operation where the pool lives.
    public func poolOperation(_ p: WorkerPoolObject, _ op: PoolOp, _ arg: Int?, _ t: Ctx) throws -> Value {
        if p.isProxy {
            var args: [Value] = [.int(Int64(p.id.whence)), .int(Int64(p.id.id)), .sym(JSym.intern(op.rawValue))]
            if let a = arg { args.append(.int(Int64(a))) }
            return try remotecallFetch(.fn(try rt.baseFunction("__pool_op")), p.id.whence, args, [], t)
        }
        switch op {
        case .take: return .int(Int64(try poolTakeLocal(p, t)))
        case .put:
            if let w = arg, p.members.contains(w) { try? p.channel.putNow(.int(Int64(w)), rt.scheduler) }
            return .int(Int64(arg ?? 0))
        case .push:
            if let w = arg { poolPushLocal(p, w) }
            return .obj(p)
        case .length: return .int(Int64(p.members.count))
        case .isready: return .bool(p.channel.isReady)
        case .wait:
            try p.channel.waitReady(t)
            return .nothing
        case .workers:
            let ws = p.members.isEmpty && isDefaultPool(p) ? [1] : p.members
            return pidsArray(ws)
        case .nworkers:
            return .int(Int64(p.members.isEmpty && isDefaultPool(p) ? 1 : p.members.count))
        }
    }

    func poolPushLocal(_ p: WorkerPoolObject, _ w: Int) {
        if !p.members.contains(w) { p.members.append(w) }
        try? p.channel.putNow(.int(Int64(w)), rt.scheduler)
    }

    /// Takes a free worker, waiting for one; workers that have exited leave the pool. An
    /// empty default pool gives process 1.
    func poolTakeLocal(_ p: WorkerPoolObject, _ t: Ctx) throws -> Int {
        while true {
            if p.members.isEmpty {
                if isDefaultPool(p) { return 1 }
                throw JuliaError.error("No active worker available in pool")
            }
            guard case .int(let w) = try p.channel.take(t) else { continue }
            let pid = Int(w)
            if pid == myid || backend.hasProcess(pid) { return pid }
            p.members.removeAll { $0 == pid }
        }
    }

    /// `take!(pool)`.
    public func poolTake(_ p: WorkerPoolObject, _ t: Ctx) throws -> Int {
        guard case .int(let w) = try poolOperation(p, .take, nil, t) else { throw JuliaError.error("take!: the pool sent no worker") }
        return Int(w)
    }

    /// `put!(pool, w)`: gives a worker back.
    public func poolPut(_ p: WorkerPoolObject, _ w: Int, _ t: Ctx) throws {
        _ = try poolOperation(p, .put, w, t)
    }

    /// The pool's workers as pids.
    public func poolWorkerSet(_ p: WorkerPoolObject, _ t: Ctx) throws -> [Int] {
        if !p.isProxy { return p.members }
        return try collectPids(try poolOperation(p, .workers, nil, t))
    }

    /// `nworkers(pool)`.
    public func poolWorkerCount(_ p: WorkerPoolObject, _ t: Ctx) throws -> Int {
        guard case .int(let n) = try poolOperation(p, .nworkers, nil, t) else { return 0 }
        return Int(n)
    }

    // MARK: Calls on a pool

    /// What a call on pool `p` sends to `worker` to stand for `f`: `f` itself, or for a
    /// `CachingPool` a reference to the copy kept on that worker — `(f, channel)` the first
    /// time, which leaves `f` in the channel there, and the channel afterwards (Julia's
    /// `exec_from_cache`).
    public func functionReference(_ p: WorkerPoolObject, _ f: Value, _ worker: Int, _ t: Ctx) throws -> Value {
        guard p.caching, worker != myid, case .fn(let fn) = f else { return f }
        let key = WorkerPoolObject.CacheKey(pid: worker, function: ObjectIdentifier(fn))
        if let r = p.cache[key] { return .obj(r) }
        let r = try makeRemoteChannel(.fn(try rt.baseFunction("__default_channel")), worker, t)
        p.cache[key] = r
        return .tuple(JTuple.of([f, .obj(r)]))
    }

    /// The function and leading arguments of a call of `f` on pool `p`'s `worker`.
    func pooledCall(_ p: WorkerPoolObject, _ f: Value, _ worker: Int, _ t: Ctx) throws -> (Value, [Value]) {
        let ref = try functionReference(p, f, worker, t)
        if case .fn = ref { return (ref, []) }
        return (.fn(try rt.baseFunction("__exec_from_cache")), [ref])
    }

    /// `remotecall(f, pool, args...)`: the worker goes back to the pool when the call is over.
    public func remotecall(_ f: Value, pool p: WorkerPoolObject, _ args: [Value], _ kw: [(JSym, Value)], _ t: Ctx) throws -> Future {
        let w = try poolTake(p, t)
        let fut: Future
        do {
            let (g, pre) = try pooledCall(p, f, w, t)
            fut = try remotecall(g, w, pre + args, kw, t)
        } catch {
            try? poolPut(p, w, t)
            throw error
        }
        let giveBack = JTask { [unowned(unsafe) self] ctx in
            try? self.wait(fut, ctx, rethrow: false)
            try? self.poolPut(p, w, ctx)
            return .nothing
        }
        rt.scheduler.schedule(giveBack)
        return fut
    }

    /// Runs `body` with a worker taken from the pool, and gives it back after.
    public func withPoolWorker<T>(_ p: WorkerPoolObject, _ t: Ctx, _ body: (Int) throws -> T) throws -> T {
        let w = try poolTake(p, t)
        defer { try? poolPut(p, w, t) }
        return try body(w)
    }

    /// `remotecall_fetch`, `remotecall_wait` and `remote_do` on a pool: take a worker, call,
    /// give the worker back.
    public func withPoolWorker<T>(_ p: WorkerPoolObject, _ f: Value, _ args: [Value], _ t: Ctx,
                                  _ body: (Value, Int, [Value]) throws -> T) throws -> T {
        try withPoolWorker(p, t) { w in
            let (g, pre) = try pooledCall(p, f, w, t)
            return try body(g, w, pre + args)
        }
    }

    /// `clear!(pool)`: drops every cached function copy of a `CachingPool`.
    public func clearCache(_ p: WorkerPoolObject, _ t: Ctx) throws {
        for r in p.cache.values { try finalizeRef(r, t) }
        p.cache = [:]
    }

    func collectPids(_ v: Value) throws -> [Int] {
        guard case .arr(let a) = v else { return [] }
        return (0..<a.count).compactMap { i in if case .int(let p) = a.get(i) { return Int(p) } else { return nil } }
    }

    func pidsArray(_ xs: [Int]) -> Value {
        let a = JArray(eltype: .int64, dims: Dims(xs.count))
        for (i, p) in xs.enumerated() { a.ints[i] = Int64(p) }
        return .arr(a)
    }
}

/// A weak reference to a pool (the registry of pools by id).
final class WeakPool {
    weak var pool: WorkerPoolObject?
    init(_ p: WorkerPoolObject) { pool = p }
}
