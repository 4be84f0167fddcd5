import Foundation

/// `Distributed`: processes, remote calls, references, `@distributed` and `pmap`.
extension Builtins {
    static func pidsValue(_ xs: [Int]) -> Value {
        let a = JArray(eltype: .int64, dims: Dims(xs.count))
        for (i, p) in xs.enumerated() { a.ints[i] = Int64(p) }
        return .arr(a)
    }

    /// The pid a call goes to.
    static func targetPid(_ v: Value, _ t: Ctx, _ name: String) throws -> Int {
        guard case .int(let p) = v else { throw JuliaError.method(name, [v]) }
        return Int(p)
    }

    /// The next worker in round-robin order (`@spawnat :any`).
    static func nextProc(_ rt: Runtime) -> Int { rt.pgrp.nextProc() }

    static func rrid(_ a: Args, _ i: Int) throws -> RRID {
        RRID(whence: try a.int(i, "ref"), id: try a.int(i + 1, "ref"))
    }

    static func installDistributed(_ rt: Runtime) {
        rt.def("myid") { t, _ in .int(Int64(t.runtime.pgrp.myid)) }
        rt.def("nprocs") { t, _ in .int(Int64(t.runtime.pgrp.backend.procs().count)) }
        rt.def("nworkers") { t, a in
            try a.expect(0...1, "nworkers")
            if a.count == 1 {
                guard let p = pool(a[0]) else { throw JuliaError.method("nworkers", a.array) }
                return .int(Int64(try t.runtime.pgrp.poolWorkerCount(p, t)))
            }
            let ps = t.runtime.pgrp.backend.procs()
            return .int(Int64(ps.count == 1 ? 1 : ps.count - 1))
        }
        rt.def("procs") { t, a in
            if a.count == 1, case .arr(let arr) = a[0], let sh = arr.shared { return pidsValue(sh.pids) }
            if a.count == 1, case .obj(let o) = a[0], let s = o as? UnmappedSharedArray { return pidsValue(s.spec.pids) }
            if a.count == 1, case .int(let p) = a[0] {
                // procs(pid): the processes on pid's host
                let pg = t.runtime.pgrp!
                return pidsValue(pg.backend.procs().filter { pg.backend.sameHost($0, Int(p)) })
            }
            return pidsValue(t.runtime.pgrp.backend.procs())
        }
        rt.def("workers") { t, a in
            try a.expect(0...1, "workers")
            if a.count == 1 {
                guard let p = pool(a[0]) else { throw JuliaError.method("workers", a.array) }
                return try t.runtime.pgrp.poolOperation(p, .workers, nil, t)
            }
            return pidsValue(t.runtime.pgrp.backend.workers())
        }
        rt.def("nextproc") { t, _ in .int(Int64(nextProc(t.runtime))) }
        rt.def("addprocs") { t, a in
            // addprocs([n]; restrict, kw...), addprocs(machines; kw...), addprocs(manager; kw...)
            let rt = t.runtime
            if rt.pgrp.myid != 1 { throw JuliaError.error("Only process 1 can add and remove workers") }
            try a.expect(0...1, "addprocs")
            var kw = a.kw
            let manager: Value
            if a.count == 0 || { if case .int = a[0] { return true } else { return false } }() {
                // as Julia: one worker per logical CPU by default
                let n = a.count == 0 ? max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) : try a.int(0, "addprocs")
                if n < 0 { throw JuliaError.argument("addprocs: the number of workers must be non-negative") }
                var restrict = true
                if let i = kw.firstIndex(where: { $0.0.name == "restrict" }) {
                    guard case .bool(let b) = kw[i].1 else { throw JuliaError.argument("restrict must be a Bool") }
                    restrict = b
                    kw.remove(at: i)
                }
                manager = .obj(JStruct(.localManager, [.int(Int64(n)), .bool(restrict)]))
            } else if case .obj(let o) = a[0], let m = o as? JStruct, m.type.isSubtype(of: .clusterManager) {
                manager = a[0]
            } else {
                manager = .obj(JStruct(.sshManager, [.obj(try sshMachines(a[0], t))]))
            }
            return pidsValue(try rt.pgrp.backend.addprocs(t, manager: manager, options: kw))
        }
        rt.def("addprocs_slurm") { t, a in
            // ClusterManagers.jl's addprocs_slurm(np; kw...)
            try a.expect(1, "addprocs_slurm")
            let params = JDict(keyType: .symbol, valueType: .any)
            let manager = Value.obj(JStruct(.slurmManager, [.int(Int64(try a.int(0, "addprocs_slurm"))), .obj(params)]))
            return pidsValue(try t.runtime.pgrp.backend.addprocs(t, manager: manager, options: a.kw))
        }
        rt.def("gethostname") { t, a in
            try a.expect(0, "gethostname")
            var buf = [CChar](repeating: 0, count: 256)
            guard Glibc.gethostname(&buf, buf.count - 1) == 0 else { throw JuliaError.error("gethostname failed") }
            return .str(JStr(String(cString: buf)))
        }
        rt.def("getipaddr") { t, a in
            // Sockets.getipaddr(): the first IPv4 address that is not loopback
            try a.expect(0, "getipaddr")
            var list: UnsafeMutablePointer<ifaddrs>?
            guard getifaddrs(&list) == 0 else { throw JuliaError.error("getipaddr: no network interfaces") }
            defer { freeifaddrs(list) }
            var p = list
            while let ifa = p {
                defer { p = ifa.pointee.ifa_next }
                guard let sa = ifa.pointee.ifa_addr, sa.pointee.sa_family == sa_family_t(AF_INET) else { continue }
                var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
                guard getnameinfo(sa, socklen_t(MemoryLayout<sockaddr_in>.size), &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST) == 0 else { continue }
                let ip = String(cString: host)
                if !ip.hasPrefix("127.") { return .str(JStr(ip)) }
            }
            throw JuliaError.error("No networking interface available")
        }
        rt.def("rmprocs") { t, a in
            var pids: [Int] = []
            for v in a.array {
                for x in try t.runtime.collectValues(v, t) {
                    guard case .int(let p) = x else { throw JuliaError.method("rmprocs", a.array) }
                    pids.append(Int(p))
                }
            }
            if pids.contains(1) { t.runtime.output.writeError("┌ Warning: rmprocs: process 1 not removed\n") }
            var waitfor = Double.infinity
            if let w = a.keyword("waitfor"), let n = numeric(w) { waitfor = t.runtime.toDouble(n) }
            try t.runtime.pgrp.backend.rmprocs(t, pids.filter { $0 != 1 }, waitfor: waitfor)
            let done = JTask { _ in .nothing }
            done.state = .done
            return .obj(done)
        }
        rt.def("interrupt") { t, a in
            var pids: [Int] = t.runtime.pgrp.backend.workers()
            if a.count > 0 { pids = try a.array.flatMap { try t.runtime.collectValues($0, t) }.map { v in
                guard case .int(let p) = v else { throw JuliaError.method("interrupt", a.array) }
                return Int(p)
            } }
            try t.runtime.pgrp.backend.interrupt(pids.filter { $0 != 1 })
            return .nothing
        }
        // GC.gc(): values are reference counted, so garbage is already gone; what remains is
        // to tell owners at once about the remote references dropped since the last flush
        rt.def("gc") { t, a in
            t.runtime.pgrp.flushReferenceMessages()
            return .nothing
        }
        rt.def("cluster_cookie") { t, a in
            if a.count == 1 {
                let c = try a.string(0, "cluster_cookie")
                guard c.count <= 16, c.allSatisfy({ $0.isASCII }) else { throw JuliaError.argument("cookie must be ASCII and at most 16 characters") }
                t.runtime.pgrp.backend.cookie = c
            }
            return .str(JStr(t.runtime.pgrp.backend.cookie))
        }
        // remotecall and friends, to a pid or on a free worker of a pool
        rt.def("remotecall") { t, a in
            guard a.count >= 2 else { throw JuliaError.method("remotecall", a.array) }
            let pg = t.runtime.pgrp!, args = Array(a.array.dropFirst(2))
            if let p = pool(a[1]) { return .obj(try pg.remotecall(a[0], pool: p, args, a.kw, t)) }
            return .obj(try pg.remotecall(a[0], try targetPid(a[1], t, "remotecall"), args, a.kw, t))
        }
        rt.def("remotecall_fetch") { t, a in
            guard a.count >= 2 else { throw JuliaError.method("remotecall_fetch", a.array) }
            let pg = t.runtime.pgrp!, args = Array(a.array.dropFirst(2))
            if let p = pool(a[1]) {
                return try pg.withPoolWorker(p, a[0], args, t) { g, w, xs in try pg.remotecallFetch(g, w, xs, a.kw, t) }
            }
            return try pg.remotecallFetch(a[0], try targetPid(a[1], t, "remotecall_fetch"), args, a.kw, t)
        }
        rt.def("remotecall_wait") { t, a in
            guard a.count >= 2 else { throw JuliaError.method("remotecall_wait", a.array) }
            let pg = t.runtime.pgrp!, args = Array(a.array.dropFirst(2))
            if let p = pool(a[1]) {
                return .obj(try pg.withPoolWorker(p, a[0], args, t) { g, w, xs in try pg.remotecallWait(g, w, xs, a.kw, t) })
            }
            return .obj(try pg.remotecallWait(a[0], try targetPid(a[1], t, "remotecall_wait"), args, a.kw, t))
        }
        rt.def("remote_do") { t, a in
            guard a.count >= 2 else { throw JuliaError.method("remote_do", a.array) }
            let pg = t.runtime.pgrp!, args = Array(a.array.dropFirst(2))
            if let p = pool(a[1]) {
                try pg.withPoolWorker(p, a[0], args, t) { g, w, xs in try pg.remoteDo(g, w, xs, a.kw, t) }
            } else {
                try pg.remoteDo(a[0], try targetPid(a[1], t, "remote_do"), args, a.kw, t)
            }
            return .nothing
        }
        rt.def("__spawnat") { t, a in
            try a.expect(2, "@spawnat")
            var pid: Int
            if case .sym(let s) = a[0], s.name == "any" { pid = nextProc(t.runtime) } else { pid = try a.int(0, "@spawnat") }
            return .obj(try t.runtime.pgrp.remotecall(a[1], pid, [], [], t))
        }
        rt.def("__fetchany") { t, a in
            try t.runtime.pgrp.remotecallFetch(a[0], nextProc(t.runtime), [], [], t)
        }
        rt.def("finalize") { t, a in
            try a.expect(1, "finalize")
            if case .obj(let o) = a[0], let r = o as? RemoteRef { try t.runtime.pgrp.finalizeRef(r, t) }
            if case .arr(let arr) = a[0], arr.shared != nil { t.runtime.pgrp.finalizeShared(arr) }
            return .nothing
        }
        rt.def("clear!") { t, a in
            try a.expect(1...2, "clear!")
            if a.count == 1, let p = pool(a[0]) {
                guard p.caching else { throw JuliaError.method("clear!", a.array) }
                try t.runtime.pgrp.clearCache(p, t)
                return a[0]
            }
            let syms: [Value]
            if case .sym = a[0] { syms = [a[0]] } else { syms = try t.runtime.collectValues(a[0], t) }
            var pids = t.runtime.pgrp.backend.workers()
            if a.count == 2 { pids = try t.runtime.collectValues(a[1], t).map { v in
                guard case .int(let p) = v else { throw JuliaError.method("clear!", a.array) }
                return Int(p)
            } }
            let clear = Value.fn(try t.runtime.baseFunction("__clear"))
            for p in pids { _ = try t.runtime.pgrp.remotecallWait(clear, p, syms, [], t) }
            return .nothing
        }
        rt.def("__clear") { t, a in
            for v in a.array {
                guard case .sym(let s) = v else { continue }
                if let b = t.runtime.main.bindings[s], !b.value.isUndef {
                    if b.isConst { throw JuliaError.error("cannot clear constant \(s.name)") }
                    b.value = .nothing
                }
            }
            return .nothing
        }
        rt.def("stored_values") { t, _ in .int(Int64(t.runtime.pgrp.store.count)) }

        // the owner's side of reference operations
        rt.def("__fetch_ref") { t, a in try t.runtime.pgrp.store.future(try rrid(a, 0)).channel.fetch(t) }
        rt.def("__wait_ref") { t, a in
            // the call's error, if it failed (the waiter throws it), else nothing
            let ch = t.runtime.pgrp.store.future(try rrid(a, 0)).channel
            try ch.waitReady(t)
            let v = try ch.fetch(t)
            return t.runtime.pgrp.isRemoteException(v) ? v : .nothing
        }
        rt.def("__isready_ref") { t, a in .bool(t.runtime.pgrp.store.future(try rrid(a, 0)).channel.isReady) }
        rt.def("__put_ref") { t, a in
            // (whence, id, value, caller): the caller keeps the value, so it stops being a holder
            try a.expect(4, "__put_ref")
            let id = try rrid(a, 0)
            let store = t.runtime.pgrp.store
            let e = store.future(id)
            if e.channel.isReady { throw JuliaError.error("Future can be set only once") }
            try e.channel.put(a[2], t)
            store.removeClient(id, try a.int(3, "__put_ref"))
            return .nothing
        }
        rt.def("__make_channel") { t, a in
            let made = try t.call(a[0], [])
            guard case .obj(let o) = made, let ch = o as? JChannel else {
                throw JuliaError.error("RemoteChannel: the function must return an AbstractChannel, got \(t.runtime.typeOf(made))")
            }
            let r = try rrid(a, 1)
            t.runtime.pgrp.store.storeChannel(r, ch, clients: [r.whence])
            return .type(ch.jtype)
        }
        rt.def("__channel_op") { t, a in
            let r = try rrid(a, 0)
            guard case .sym(let opName) = a[2], let op = ChannelOp(rawValue: opName.name) else { throw JuliaError.method("__channel_op", a.array) }
            guard let e = t.runtime.pgrp.store.channel(r) else { throw JuliaError.error("RemoteChannel \(r) no longer exists on process \(t.runtime.pgrp.myid)") }
            // a take! for another process holds an unbuffered channel's synctake lock until
            // the value is on its way, whether or not the take succeeds
            if op == .take, let l = e.synctake {
                try l.lock(t.runtime.scheduler)
                defer { try? l.unlock(t.runtime.scheduler) }
                return try t.runtime.pgrp.localChannelOperation(e.channel, op, nil, t)
            }
            return try t.runtime.pgrp.localChannelOperation(e.channel, op, a.count > 3 ? a[3] : nil, t)
        }
        rt.def("__run_thunks") { t, a in
            // the statements of an @everywhere, in order; the value of the last
            var last = Value.nothing
            for th in a.array { last = try t.call(th, []) }
            return last
        }

        rt.constructors[ObjectIdentifier(JType.remoteChannelFamily)] = { t, _, a in
            let rt = t.runtime
            switch a.count {
            case 0: return .obj(try rt.pgrp.makeRemoteChannel(.fn(try rt.baseFunction("__default_channel")), rt.pgrp.myid, t))
            case 1:
                if case .int(let p) = a[0] { return .obj(try rt.pgrp.makeRemoteChannel(.fn(try rt.baseFunction("__default_channel")), Int(p), t)) }
                return .obj(try rt.pgrp.makeRemoteChannel(a[0], rt.pgrp.myid, t))
            case 2: return .obj(try rt.pgrp.makeRemoteChannel(a[0], try a.int(1, "RemoteChannel"), t))
            default: throw JuliaError.method("RemoteChannel", a.array)
            }
        }
        rt.def("__default_channel") { _, _ in .obj(JChannel(elType: .any, capacity: 1)) }
        rt.constructors[ObjectIdentifier(JType.future)] = { t, _, a in
            // Future(pid): a reference to a value that pid will hold, made here; nothing exists
            // on pid until the reference is used there (put!, fetch, isready…)
            try a.expect(0...1, "Future")
            let pg = t.runtime.pgrp!
            let pid = a.count > 0 ? try a.int(0, "Future") : pg.myid
            try pg.checkPid(pid)
            let f = Future(owner: pid, rrid: pg.newRRID(), runtime: t.runtime)
            pg.registerRef(f)
            if pid == pg.myid { pg.store.future(f.rrid).clients = [pg.myid] }
            return .obj(f)
        }

        rt.def("__distributed") { t, a in try distributedLoop(t, a) }
        rt.def("__pfor_chunk") { t, a in
            // (reducer, body, R, lo, hi[, bar]): a left fold of body over R[lo:hi], each
            // iteration counted on the @showprogress bar
            try a.expect(5...6, "__pfor_chunk")
            let reducer = a[0], body = a[1], r = a[2]
            let lo = try a.int(3, "__pfor_chunk"), hi = try a.int(4, "__pfor_chunk")
            let bar = a.count == 6 ? a[5] : nil
            defer { if let bar { try? flushProgress(bar, t) } }
            let op = t.runtime.opOf(reducer)
            // arguments go straight onto the value stack: no array per iteration
            let base = t.sp
            defer { t.popTo(base) }
            try t.push(try element(r, lo, t))
            var acc = try t.call(body, base, 1, Ctx.noKeywords)
            t.popTo(base)
            if let bar { try progressTick(bar, 1, t) }
            if lo < hi {
                for i in (lo + 1)...hi {
                    try t.push(try element(r, i, t))
                    let x = try t.call(body, base, 1, Ctx.noKeywords)
                    t.popTo(base)
                    if let bar { try progressTick(bar, 1, t) }
                    if let o = op {
                        acc = try t.runtime.binary(o, acc, x, t)
                    } else {
                        try t.push(acc)
                        try t.push(x)
                        acc = try t.call(reducer, base, 2, Ctx.noKeywords)
                        t.popTo(base)
                    }
                }
            }
            return acc
        }
        rt.def("__pfor_run") { t, a in
            // (body, R, lo, hi[, bar])
            try a.expect(4...5, "__pfor_run")
            let body = a[0], r = a[1]
            let lo = try a.int(2, "__pfor_run"), hi = try a.int(3, "__pfor_run")
            let bar = a.count == 5 ? a[4] : nil
            defer { if let bar { try? flushProgress(bar, t) } }
            let base = t.sp
            defer { t.popTo(base) }
            if lo <= hi {
                for i in lo...hi {
                    try t.push(try element(r, i, t))
                    _ = try t.call(body, base, 1, Ctx.noKeywords)
                    t.popTo(base)
                    if let bar { try progressTick(bar, 1, t) }
                }
            }
            return .nothing
        }
        rt.def("splitrange", arity: 3...3) { t, a in
            let chunks = try splitRange(try a.int(0, "splitrange"), try a.int(1, "splitrange"), try a.int(2, "splitrange"))
            let arr = JArray(eltype: JType.apply(JType.unitRangeFamily, [.type(.int64)]), dims: Dims(chunks.count))
            for (i, c) in chunks.enumerated() { arr.values[i] = .range(JRange(start: Int64(c.0), stop: Int64(c.1))) }
            return .arr(arr)
        }
        installPmap(rt)
        installPools(rt)
        installDistributedInternals(rt)
        installClusterManagers(rt)
        installTracing(rt)
        installProgress(rt)
    }

    /// Element `i` (1-based) of an indexable collection.
    static func element(_ r: Value, _ i: Int, _ t: Ctx) throws -> Value {
        switch r {
        case .range(let x): return x.element(i - 1)
        case .arr(let x): return x.get(i - 1)
        default: return try t.runtime.getIndex(r, [.int(Int64(i))], t)
        }
    }

    /// Julia's `splitrange`: near-equal contiguous chunks, the first ones one longer.
    static func splitRange(_ first: Int, _ last: Int, _ np: Int) throws -> [(Int, Int)] {
        let (span, o1) = last.subtractingReportingOverflow(first)
        let (len, o2) = span.addingReportingOverflow(1)
        if o1 || o2 { throw JuliaError.overflow("splitrange: the range \(first):\(last) has more than typemax(Int) elements") }
        guard np > 0, len > 0 else { return [] }
        let each = len / np
        var extras = len % np
        let nchunks = each > 0 ? np : extras
        var chunks: [(Int, Int)] = []
        var lo = first
        for _ in 0..<nchunks {
            var hi = lo + each - 1
            if extras > 0 { hi += 1; extras -= 1 }
            chunks.append((lo, hi))
            lo = hi &+ 1 // past the last chunk only when the range ends at typemax(Int)
        }
        return chunks
    }

    /// `@distributed [reducer] for x in R … end`.
    static func distributedLoop(_ t: Ctx, _ a: Args) throws -> Value {
        // (reducer, R, body[, bar]): with @showprogress's bar, the workers count their
        // iterations on it and the loop is waited for
        try a.expect(3...4, "@distributed")
        let rt = t.runtime
        let reducer = a[0], r = a[1], body = a[2]
        let bar = a.count == 4 ? a[3] : nil
        let n = try lengthOf(r, t)
        progressTotal(bar, n, t)
        let workers = rt.pgrp.backend.workers()
        let chunks = try splitRange(1, n, workers.count)
        if !reducer.isNothing {
            guard !chunks.isEmpty else { throw JuliaError.argument("reducing over an empty collection is not allowed") }
            let chunkFn = Value.fn(try rt.baseFunction("__pfor_chunk"))
            // start every chunk, then reduce the results in worker order on the caller
            var tasks: [JTask] = []
            for (i, c) in chunks.enumerated() {
                let pid = workers[i]
                let task = JTask { ctx in
                    try ctx.runtime.pgrp.remotecallFetch(chunkFn, pid, [reducer, body, r, .int(Int64(c.0)), .int(Int64(c.1))] + (bar.map { [$0] } ?? []), [], ctx)
                }
                rt.scheduler.schedule(task)
                tasks.append(task)
            }
            var results: [Value] = []
            try rt.pgrp.waitingOn(workers) {
                for task in tasks {
                    try rt.scheduler.wait(for: task)
                    if let e = task.error { throw e }
                    results.append(task.result)
                }
            }
            return try fold(t, reducer, results, nil, "reduce")
        }
        let runFn = Value.fn(try rt.baseFunction("__pfor_run"))
        var futures: [Value] = []
        for c in chunks {
            let pid = nextProc(rt)
            futures.append(.obj(try rt.pgrp.remotecall(runFn, pid, [body, r, .int(Int64(c.0)), .int(Int64(c.1))] + (bar.map { [$0] } ?? []), [], t)))
        }
        if bar != nil {
            // as ProgressMeter's: a loop with a bar is waited for, its first error thrown
            try rt.pgrp.waitingOn(workers) {
                for case .obj(let f as Future) in futures { try rt.pgrp.wait(f, t) }
            }
        }
        let arr = JArray(eltype: .future, dims: Dims(futures.count))
        for (i, f) in futures.enumerated() { arr.values[i] = f }
        return .arr(arr)
    }
}
