/// `Distributed`'s worker pools: `WorkerPool`, `CachingPool`, `default_worker_pool`, `remote`,
/// and the owner's side of operations on a pool sent to another process.
extension Builtins {
    /// The pool an argument is, if it is one.
    static func pool(_ v: Value) -> WorkerPoolObject? {
        if case .obj(let o) = v, let p = o as? WorkerPoolObject { return p }
        return nil
    }

    static func pidList(_ v: Value, _ t: Ctx, _ name: String) throws -> [Int] {
        try t.runtime.collectValues(v, t).map { x in
            guard case .int(let p) = x else { throw JuliaError.method(name, [v]) }
            return Int(p)
        }
    }

    static func installPools(_ rt: Runtime) {
        rt.constructors[ObjectIdentifier(JType.workerPool)] = { t, _, a in
            try a.expect(0...1, "WorkerPool")
            let pg = t.runtime.pgrp!
            let p = pg.makePool(caching: false)
            if a.count == 1 { for w in try pidList(a[0], t, "WorkerPool") { _ = try pg.poolOperation(p, .push, w, t) } }
            return .obj(p)
        }
        rt.constructors[ObjectIdentifier(JType.cachingPool)] = { t, _, a in
            try a.expect(0...1, "CachingPool")
            let pg = t.runtime.pgrp!
            let p = pg.makePool(caching: true)
            if a.count == 1 { for w in try pidList(a[0], t, "CachingPool") { _ = try pg.poolOperation(p, .push, w, t) } }
            return .obj(p)
        }
        rt.def("default_worker_pool") { t, a in
            try a.expect(0, "default_worker_pool")
            return .obj(try t.runtime.pgrp.defaultPool(t))
        }
        rt.def("default_worker_pool!") { t, a in
            try a.expect(1, "default_worker_pool!")
            guard let p = pool(a[0]) else { throw JuliaError.method("default_worker_pool!", a.array) }
            t.runtime.pgrp.setDefaultPool(p)
            return a[0]
        }
        rt.def("remote") { t, a in
            // remote([pool], f): a function that runs f on a free worker of the pool
            try a.expect(1...2, "remote")
            let f = a[a.count - 1]
            let chosen: WorkerPoolObject?
            if a.count == 2 {
                guard let p = pool(a[0]) else { throw JuliaError.method("remote", a.array) }
                chosen = p
            } else {
                chosen = nil
            }
            return .fn(JFunction(name: "remote", module: [JSym.intern("Base")], builtin: Builtin("remote") { ctx, args in
                let pg = ctx.runtime.pgrp!
                let p = try chosen ?? pg.defaultPool(ctx)
                return try pg.withPoolWorker(p, f, args.array, ctx) { g, w, xs in
                    try pg.remotecallFetch(g, w, xs, args.kw, ctx)
                }
            }))
        }
        rt.def("__pool_op") { t, a in
            // (whence, id, op[, worker]): an operation on a pool of this process, from a proxy
            try a.expect(3...4, "__pool_op")
            let id = RRID(whence: try a.int(0, "__pool_op"), id: try a.int(1, "__pool_op"))
            guard case .sym(let name) = a[2], let op = PoolOp(rawValue: name.name) else { throw JuliaError.method("__pool_op", a.array) }
            let pg = t.runtime.pgrp!
            let p = try pg.pool(for: id, caching: false)
            return try pg.poolOperation(p, op, a.count == 4 ? try a.int(3, "__pool_op") : nil, t)
        }
        rt.def("__exec_from_cache") { t, a in
            // (f_ref, args...): f_ref is (f, channel) the first time — keep f in the channel,
            // which lives here — and the channel afterwards
            guard a.count >= 1 else { throw JuliaError.method("exec_from_cache", a.array) }
            let f = try cachedFunction(a[0], t)
            return try t.call(f, Array(a.array.dropFirst()), kw: a.kw)
        }
    }

    /// The function a CachingPool call refers to (see `__exec_from_cache`).
    static func cachedFunction(_ ref: Value, _ t: Ctx) throws -> Value {
        let pg = t.runtime.pgrp!
        switch ref {
        case .tuple(let pair) where pair.count == 2:
            guard case .obj(let o) = pair[1], let rc = o as? RemoteChannelRef else { break }
            _ = try pg.channelOperation(rc, .put, pair[0], t)
            return pair[0]
        case .obj(let o):
            if let rc = o as? RemoteChannelRef { return try pg.channelOperation(rc, .fetch, nil, t) }
            if let fut = o as? Future { return try pg.fetch(fut, t) }
        default:
            break
        }
        return ref
    }
}
