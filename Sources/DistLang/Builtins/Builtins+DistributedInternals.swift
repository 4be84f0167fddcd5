/// The parts of `Distributed` that Julia code reaches behind the exported API — its own test
/// suite does, and so do users who debug their clusters: `Distributed.PGRP` (the process group:
/// `workers`, `refs`, `topology`, `lazy`), `remoteref_id`, `RRID`, `lookup_ref`,
/// `worker_from_id`, `LPROC`, `myrole`, `head_and_tail`, and `Future`'s cache field `v`.
///
/// These are views: each access builds the value from the live state of `ProcessGroup` and
/// the transport, so what a program sees is never stale.
extension JType {
    /// `Distributed.RRID`: a remote reference's identity.
    public static let rridType = makeStruct(name: "RRID", modulePath: [], super: any, mutable: false,
                                            fields: [JSym.intern("whence"), JSym.intern("id")], types: [int64, int64])
    /// `Some(x)`: a value that may be `nothing` itself (`Future.v`).
    public static let someType = makeStruct(name: "Some", modulePath: [], super: any, mutable: false,
                                            fields: [JSym.intern("value")], types: [any])
    /// `Distributed.RemoteValue`: what the owner stores for a reference.
    public static let remoteValue = makeStruct(name: "RemoteValue", modulePath: [], super: any, mutable: true,
                                               fields: ["c", "clientset", "waitingfor", "synctake"].map { JSym.intern($0) },
                                               types: [any, any, int64, any])
    /// `Distributed.Worker`: another process as this one knows it.
    public static let workerType = makeStruct(name: "Worker", modulePath: [], super: any, mutable: true,
                                              fields: ["id", "state", "r_stream", "w_stream", "w_serializer", "config"].map { JSym.intern($0) },
                                              types: [int64, symbol, any, any, any, any])
    /// `Distributed.LocalProcess`: this process (`Distributed.LPROC`).
    public static let localProcess = makeStruct(name: "LocalProcess", modulePath: [], super: any, mutable: true,
                                                fields: ["id", "bind_addr", "bind_port", "cookie"].map { JSym.intern($0) },
                                                types: [int64, string, int64, string])
    /// `Distributed.ProcessGroup` (the type of `PGRP`).
    public static let processGroupType = makeStruct(name: "ProcessGroup", modulePath: [], super: any, mutable: true,
                                                    fields: ["name", "workers", "refs", "topology", "lazy"].map { JSym.intern($0) },
                                                    types: [string, any, any, symbol, any])
    /// `Distributed.WorkerConfig`: how a worker was (or is to be) started; every field is
    /// `nothing` until a cluster manager sets it.
    public static let workerConfig = makeStruct(
        name: "WorkerConfig", modulePath: [], super: any, mutable: true,
        fields: WorkerConfigFields.all.map { JSym.intern($0) }, types: WorkerConfigFields.all.map { _ in any })
    /// `Distributed.ClusterSerializer`: per-connection memory of what was sent.
    public static let clusterSerializer = makeStruct(name: "ClusterSerializer", modulePath: [], super: any, mutable: true,
                                                     fields: [JSym.intern("pid")], types: [int64])
}

/// The fields of `WorkerConfig`, in Julia's order.
public enum WorkerConfigFields {
    public static let all = ["io", "host", "port", "count", "exename", "exeflags", "userdata", "tunnel", "multiplex",
                             "forward", "bind_addr", "sshflags", "max_parallel", "connect_at", "process", "ospid",
                             "environ", "ident", "connect_idents", "enable_threaded_blas"]

    /// A `WorkerConfig` with the given fields set and the others `nothing`.
    public static func make(_ set: [String: Value]) -> JStruct {
        JStruct(.workerConfig, all.map { set[$0] ?? .nothing })
    }
}

/// The value of `Distributed.PGRP`: the process group, read live.
final class ProcessGroupView: JObject, FieldAccessible, CustomShow {
    override var jtype: JType { JType.processGroupType }

    func field(_ name: JSym, _ t: Ctx) throws -> Value? {
        let pg = t.runtime.pgrp!
        switch name.name {
        case "name": return .str(JStr("pg-default"))
        case "workers": return .arr(t.runtime.collectedArray(pg.workerViews(), dims: Dims(pg.workerViews().count)))
        case "refs": return .obj(try pg.refsView(t))
        case "topology": return .sym(JSym.intern(pg.backend.topology))
        case "lazy": return pg.backend.lazy.map { .bool($0) } ?? .nothing
        default: return nil
        }
    }

    func showText(_ rt: Runtime, _ t: Ctx?) throws -> String {
        "Distributed.ProcessGroup(\"pg-default\", \(rt.pgrp.backend.procs().count) processes, :\(rt.pgrp.backend.topology))"
    }
}

/// The value of `Distributed.LPROC`: this process, read live.
final class LocalProcessView: JObject, FieldAccessible, CustomShow {
    override var jtype: JType { JType.localProcess }

    func field(_ name: JSym, _ t: Ctx) throws -> Value? {
        guard case .obj(let o) = t.runtime.pgrp.localProcessView(), let s = o as? JStruct else { return nil }
        return s.field(name.name)
    }

    func showText(_ rt: Runtime, _ t: Ctx?) throws -> String { "Distributed.LocalProcess(\(rt.pgrp.myid))" }
}

/// A connection's stream as `Worker.r_stream` shows it: open while the connection is.
final class PeerStream: JObject, CustomShow {
    let pid: Int
    init(pid: Int) { self.pid = pid }
    override var jtype: JType { JType.ioType }
    func isOpen(_ pg: ProcessGroup) -> Bool { pg.backend.peers().first { $0.pid == pid }?.connected ?? false }
    func showText(_ rt: Runtime, _ t: Ctx?) throws -> String { "TCPSocket(\(isOpen(rt.pgrp) ? "open" : "closed"))" }
}

extension ProcessGroup {
    /// `Distributed.RRID(whence, id)` for a reference id.
    func rridValue(_ r: RRID) -> Value {
        .obj(JStruct(.rridType, [.int(Int64(r.whence)), .int(Int64(r.id))]))
    }

    /// `PGRP.workers`: this process (as `LocalProcess`) and a `Worker` for every other process
    /// it knows; `r_stream` is defined only while a connection to that process exists.
    func workerViews() -> [Value] {
        var out: [Value] = []
        for p in backend.peers() {
            if p.pid == myid {
                out.append(localProcessView())
                continue
            }
            out.append(workerView(p))
        }
        return out
    }

    func workerView(_ p: PeerStatus) -> Value {
        let stream: Value = p.connected ? .obj(PeerStream(pid: p.pid)) : .undef
        let serializer = Value.obj(JStruct(.clusterSerializer, [.int(Int64(p.pid))]))
        let state = p.connected ? "W_CONNECTED" : "W_CREATED"
        return .obj(JStruct(.workerType, [.int(Int64(p.pid)), .sym(JSym.intern(state)), stream, stream, serializer, p.config]))
    }

    /// `Distributed.LPROC`.
    func localProcessView() -> Value {
        let (addr, port) = backend.listenAddress
        return .obj(JStruct(.localProcess, [.int(Int64(myid)), .str(JStr(addr)), .int(Int64(port)), .str(JStr(backend.cookie))]))
    }

    /// `PGRP.refs`: the references this process stores, each as a `RemoteValue`.
    func refsView(_ t: Ctx) throws -> JDict {
        let d = JDict(keyType: .rridType, valueType: .remoteValue)
        for (rrid, e) in store.entries {
            try d.set(rridValue(rrid), remoteValueView(e, t), rt)
        }
        return d
    }

    func remoteValueView(_ e: RemoteValueStore.Entry, _ t: Ctx) throws -> Value {
        let clients = JSet(bitSet: ())
        for c in e.clients.sorted() { try clients.insert(.int(Int64(c)), rt) }
        return .obj(JStruct(.remoteValue, [.obj(e.channel), .obj(clients), .int(0), e.synctake.map { .obj($0) } ?? .nothing]))
    }
}

extension Builtins {
    static func rrid(of v: Value) throws -> RRID {
        if case .obj(let o) = v {
            if let r = o as? RemoteRef { return r.rrid }
            if let s = o as? JStruct, s.type === JType.rridType, case .int(let w) = s[0], case .int(let i) = s[1] {
                return RRID(whence: Int(w), id: Int(i))
            }
        }
        throw JuliaError.method("remoteref_id", [v])
    }

    static func installDistributedInternals(_ rt: Runtime) {
        rt.defType("RRID", .rridType)
        rt.defType("Some", .someType)
        rt.defType("RemoteValue", .remoteValue)
        rt.defType("Worker", .workerType)
        rt.defType("LocalProcess", .localProcess)
        rt.defType("ProcessGroup", .processGroupType)
        rt.defType("ClusterSerializer", .clusterSerializer)
        rt.defType("WorkerConfig", .workerConfig)
        rt.constructors[ObjectIdentifier(JType.workerConfig)] = { _, _, a in
            try a.expect(0, "WorkerConfig")
            var set: [String: Value] = [:]
            for (k, v) in a.kw {
                guard WorkerConfigFields.all.contains(k.name) else { throw JuliaError.error("type WorkerConfig has no field \(k.name)") }
                set[k.name] = v
            }
            return .obj(WorkerConfigFields.make(set))
        }
        rt.setGlobal("PGRP", .obj(ProcessGroupView()), in: rt.base, const: true)
        rt.def("myrole") { t, a in
            try a.expect(0, "myrole")
            return .sym(JSym.intern(t.runtime.pgrp.isWorker ? "worker" : "master"))
        }
        rt.def("remoteref_id") { t, a in
            try a.expect(1, "remoteref_id")
            guard case .obj(let o) = a[0], let r = o as? RemoteRef else { throw JuliaError.method("remoteref_id", a.array) }
            return t.runtime.pgrp.rridValue(r.rrid)
        }
        rt.def("lookup_ref") { t, a in
            try a.expect(1, "lookup_ref")
            let pg = t.runtime.pgrp!
            let id = try rrid(of: a[0])
            return try pg.remoteValueView(pg.store.future(id), t)
        }
        rt.def("worker_from_id") { t, a in
            try a.expect(1, "worker_from_id")
            let pg = t.runtime.pgrp!
            let pid = try a.int(0, "worker_from_id")
            if pid == pg.myid { return pg.localProcessView() }
            guard let p = pg.backend.peers().first(where: { $0.pid == pid }) else {
                throw JuliaError.error("peer \(pid) has not connected to \(pg.myid)")
            }
            return pg.workerView(p)
        }
        rt.setGlobal("LPROC", .obj(LocalProcessView()), in: rt.base, const: true)
        rt.def("head_and_tail") { t, a in
            // (the first n elements as a vector, an iterator over the rest)
            try a.expect(2, "head_and_tail")
            let n = try a.int(1, "head_and_tail")
            guard n >= 0 else { throw JuliaError.argument("n must be non-negative") }
            let all = try t.runtime.collectValues(a[0], t)
            let head = Array(all.prefix(n)), tail = Array(all.dropFirst(n))
            return .tuple(JTuple.of([.arr(t.runtime.collectedArray(head, dims: Dims(head.count))), .arr(t.runtime.collectedArray(tail, dims: Dims(tail.count)))]))
        }
        // BLAS.get_num_threads / set_num_threads: workers run single-threaded BLAS unless
        // addprocs(...; enable_threaded_blas = true)
        rt.def("get_num_threads") { _, a in
            try a.expect(0, "get_num_threads")
            return .int(Int64(blasThreadCount()))
        }
        rt.def("set_num_threads") { _, a in
            try a.expect(1, "set_num_threads")
            setBLASThreadCount(try a.int(0, "set_num_threads"))
            return .nothing
        }
        rt.def("timedwait") { t, a in
            // timedwait(testcb, timeout; pollint=0.1) -> :ok or :timed_out
            try a.expect(2, "timedwait")
            let rt = t.runtime
            guard let timeout = numeric(a[1]).map({ rt.toDouble($0) }) else { throw JuliaError.method("timedwait", a.array) }
            var pollint = 0.1
            if let p = a.keyword("pollint") {
                guard let x = numeric(p).map({ rt.toDouble($0) }) else { throw JuliaError.method("timedwait", a.array) }
                pollint = x
            }
            guard pollint > 0 else { throw JuliaError.argument("pollint must be positive") }
            let deadline = monotonicSeconds() + timeout
            while true {
                if case .bool(true) = try t.call(a[0], []) { return .sym(JSym.intern("ok")) }
                if monotonicSeconds() >= deadline { return .sym(JSym.intern("timed_out")) }
                try rt.scheduler.sleep(min(pollint, max(0, deadline - monotonicSeconds())))
            }
        }
    }
}
