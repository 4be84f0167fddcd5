/// Cluster managers, as Julia's `Distributed` defines them: `abstract type ClusterManager`,
/// the built-in `LocalManager` and `SSHManager` (and `SlurmManager`, as ClusterManagers.jl
/// and SlurmClusterManager.jl offer it), and the generic functions a manager implements —
/// `launch(manager, params, launched, c)`, `manage(manager, id, config, op)` and
/// `kill(manager, id, config)`. A manager written in the language adds methods to them; the
/// built-in managers' methods are the built-in functions' own, carried out by the cluster
/// (`ClusterBackend.launchBuiltin`). `addprocs(manager; kw...)` drives any of them.
extension JType {
    public static let clusterManager = JType(name: "ClusterManager", super: any, abstract: true)
    public static let localManager = makeStruct(name: "LocalManager", modulePath: [], super: clusterManager, mutable: false,
                                                fields: [JSym.intern("np"), JSym.intern("restrict")], types: [int64, bool])
    public static let sshManager = makeStruct(name: "SSHManager", modulePath: [], super: clusterManager, mutable: false,
                                              fields: [JSym.intern("machines")], types: [any])
    public static let slurmManager = makeStruct(name: "SlurmManager", modulePath: [], super: clusterManager, mutable: false,
                                                fields: [JSym.intern("np"), JSym.intern("params")], types: [any, any])
}

/// The keywords of `addprocs` and their defaults (Julia's `default_addprocs_params`).
public enum AddprocsParams {
    /// Every manager's.
    public static func common(_ rt: Runtime, _ t: Ctx) -> [(String, Value)] {
        [("topology", .sym(JSym.intern("all_to_all"))), ("dir", .str(JStr(FileManager.default.currentDirectoryPath))),
         ("exename", .str(JStr(rt.pgrp.backend.executablePath))), ("exeflags", .obj(JCmd([]))), ("env", .arr(JArray(eltype: .any, dims: Dims(0)))),
         ("enable_threaded_blas", .bool(false)), ("lazy", .bool(true))]
    }

    /// The keywords a built-in manager understands (any other is an `ArgumentError`); nil for
    /// managers written in the language, which read what they like from `params`.
    public static func known(_ manager: JType) -> Set<String>? {
        let common: Set<String> = ["topology", "dir", "exename", "exeflags", "env", "enable_threaded_blas", "lazy", "worker_timeout",
                                    "heartbeat_timeout", "tls"]
        if manager === JType.localManager { return common.union(["restrict", "bind_to"]) }
        if manager === JType.sshManager {
            return common.union(["ssh", "sshflags", "shell", "cmdline_cookie", "tunnel", "multiplex", "max_parallel"])
        }
        if manager === JType.slurmManager {
            return common.union(["partition", "time", "nodes", "ntasks_per_node", "cpus_per_task", "mem", "job_name",
                                 "account", "qos", "srun", "srunflags", "overlap"])
        }
        return nil
    }

    /// The defaults for a manager.
    public static func defaults(_ manager: JType, _ rt: Runtime, _ t: Ctx) -> [(String, Value)] {
        var d = common(rt, t)
        if manager === JType.sshManager {
            d += [("ssh", .str(JStr(ProcessInfo.processInfo.environment["DIST_SSH"] ?? "ssh"))), ("sshflags", .obj(JCmd([]))),
                  ("shell", .sym(JSym.intern("posix"))), ("cmdline_cookie", .bool(false)), ("tunnel", .bool(false)),
                  ("multiplex", .bool(false)), ("max_parallel", .int(10))]
        }
        return d
    }
}

extension Builtins {
    static func installClusterManagers(_ rt: Runtime) {
        rt.defType("ClusterManager", .clusterManager)
        rt.defType("LocalManager", .localManager)
        rt.defType("SSHManager", .sshManager)
        rt.defType("SlurmManager", .slurmManager)
        rt.constructors[ObjectIdentifier(JType.localManager)] = { t, _, a in
            // LocalManager(np, restrict)
            try a.expect(1...2, "LocalManager")
            let np = try a.int(0, "LocalManager")
            var restrict = true
            if a.count == 2 { guard case .bool(let b) = a[1] else { throw JuliaError.method("LocalManager", a.array) }; restrict = b }
            return .obj(JStruct(.localManager, [.int(Int64(np)), .bool(restrict)]))
        }
        rt.constructors[ObjectIdentifier(JType.sshManager)] = { t, _, a in
            // SSHManager(machine) or SSHManager(machines): machine => count
            try a.expect(1, "SSHManager")
            return .obj(JStruct(.sshManager, [.obj(try sshMachines(a[0], t))]))
        }
        rt.constructors[ObjectIdentifier(JType.slurmManager)] = { t, _, a in
            // SlurmManager() inside an allocation; SlurmManager(np; kw...) starts a job step
            try a.expect(0...1, "SlurmManager")
            let np: Value = a.count == 1 ? .int(Int64(try a.int(0, "SlurmManager"))) : .nothing
            let params = JDict(keyType: .symbol, valueType: .any)
            for (k, v) in a.kw { try params.set(.sym(k), v, t.runtime) }
            return .obj(JStruct(.slurmManager, [np, .obj(params)]))
        }
        rt.def("parse_machine") { t, a in
            try a.expect(1, "parse_machine")
            let (host, port) = try parseMachine(try a.string(0, "parse_machine"))
            return .tuple(JTuple.of([.str(JStr(host)), port.map { .int(Int64($0)) } ?? .nothing]))
        }
        rt.def("default_addprocs_params") { t, a in
            try a.expect(0...1, "default_addprocs_params")
            let ty = a.count == 1 ? t.runtime.typeOf(a[0]) : JType.clusterManager
            let d = JDict(keyType: .symbol, valueType: .any)
            for (k, v) in AddprocsParams.defaults(ty, t.runtime, t) { try d.set(.sym(JSym.intern(k)), v, t.runtime) }
            return .obj(d)
        }
        rt.def("launch") { t, a in
            // the built-in managers' launch; a manager of the language's has its own method
            try a.expect(4, "launch")
            guard case .obj(let o) = a[0], let m = o as? JStruct, m.type.isSubtype(of: .clusterManager),
                  case .arr(let launched) = a[2], case .obj(let co) = a[3], let c = co as? JCondition else {
                throw JuliaError.method("launch", a.array)
            }
            guard m.type === JType.localManager || m.type === JType.sshManager || m.type === JType.slurmManager else {
                throw JuliaError.method("launch", a.array)
            }
            try t.runtime.pgrp.backend.launchBuiltin(t, manager: a[0], params: a[1], launched: launched, notify: c)
            return .nothing
        }
        rt.def("manage") { t, a in
            // manage(manager, id, config, op): the built-in managers have nothing to do here;
            // the cluster interrupts and stops their workers itself
            try a.expect(4, "manage")
            return .nothing
        }
        rt.def("__launch_additional") { t, a in
            // (count, exename, exeflags, environ), on the first worker of a host
            try a.expect(4, "__launch_additional")
            let out = try t.runtime.pgrp.backend.launchAdditionalWorkers(t, count: try a.int(0, "__launch_additional"),
                                                                          exename: a[1], exeflags: a[2], env: a[3])
            return .arr(t.runtime.collectedArray(out, dims: Dims(out.count)))
        }
        rt.def("__redirect_additional") { t, a in
            try a.expect(2, "__redirect_additional")
            t.runtime.pgrp.backend.redirectAdditional(pid: try a.int(0, "__redirect_additional"), port: try a.int(1, "__redirect_additional"))
            return .nothing
        }
        rt.def("__interrupt_additional") { t, a in
            try a.expect(1, "__interrupt_additional")
            t.runtime.pgrp.backend.interruptAdditional(port: try a.int(0, "__interrupt_additional"))
            return .nothing
        }
        rt.def("__heartbeats") { t, a in
            try a.expect(1, "__heartbeats")
            let seconds = try a.double(0, "__heartbeats")
            guard seconds > 0, seconds.isFinite else { throw JuliaError.argument("heartbeat interval must be positive") }
            t.runtime.pgrp.backend.startHeartbeats(every: seconds)
            return .nothing
        }
        rt.def("start_worker") { t, a in
            // start_worker([cookie]; close_stdin=true, stderr_to_stdout=true): this process
            // becomes a worker (it starts over as `dist --worker`, listening where its own
            // --bind-to says), for managers that start a program which then joins
            try a.expect(0...1, "start_worker")
            var cookie = a.count == 1 ? try a.string(0, "start_worker") : nil
            if cookie == nil, let line = readLine() { cookie = line }
            var args = [t.runtime.pgrp.backend.executablePath, "--worker", "--worker-cookie", cookie ?? ""]
            if case .bool(false)? = a.keyword("close_stdin") {} else { args.append("--worker-close-stdin") }
            if case .bool(false)? = a.keyword("stderr_to_stdout") {} else { args.append("--worker-stderr-to-stdout") }
            let mine = CommandLine.arguments
            if let i = mine.firstIndex(of: "--bind-to"), i + 1 < mine.count { args += ["--bind-to", mine[i + 1]] }
            let argv = args.map { strdup($0) } + [nil]
            execv(args[0], argv)
            throw JuliaError.system("start_worker", errno)
        }
        rt.def("__cpu_threads") { _, _ in .int(Int64(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
        rt.def("__kill_worker") { t, a in
            // kill(manager, pid, config): the default asks the worker to exit
            try a.expect(3, "kill")
            let pid = try a.int(1, "kill")
            try t.runtime.pgrp.remoteDo(.fn(try t.runtime.baseFunction("exit")), pid, [], [], t)
            return .nothing
        }
    }

    /// An `SSHManager`'s machines: "host" or "host" => count, or a list of them.
    static func sshMachines(_ v: Value, _ t: Ctx) throws -> JDict {
        let d = JDict(keyType: .any, valueType: .any)
        // a machine listed twice gets both counts, as Julia's SSHManager does
        func put(_ m: Value, _ n: Value) throws {
            if case .int(let old)? = d.get(m), case .int(let k) = n { try d.set(m, .int(old + k), t.runtime) } else { try d.set(m, n, t.runtime) }
        }
        // a list of machines may be nested a little (a tuple of lists); an array that holds
        // itself recursed until the stack ran out
        func add(_ x: Value, depth: Int = 0) throws {
            switch x {
            case .str: try put(x, .int(1))
            case .tuple(let tp) where tp.count == 2: try put(tp[0], tp[1])
            case .obj(let o) where (o as? JStruct)?.type.root === JType.pairFamily:
                let p = o as! JStruct
                try put(p[0], p[1])
            case .arr where depth < 4, .tuple where depth < 4: for y in try t.runtime.collectValues(x, t) { try add(y, depth: depth + 1) }
            default: throw JuliaError.argument("invalid machine specification \(t.runtime.typeOf(x))")
            }
        }
        try add(v)
        return d
    }

    public static func parseMachine(_ s: String) throws -> (String, Int?) { try MachineAddress.parse(s) }
}

/// Julia's `parse_machine`: `host`, `host:port`, `[ipv6]`, `[ipv6]:port`.
public enum MachineAddress {
    public static func parse(_ s: String) throws -> (String, Int?) {
        var host = s
        var portText: String?
        if s.hasPrefix("[") {
            guard let close = s.firstIndex(of: "]") else { throw JuliaError.argument("invalid machine definition format string: invalid port format \"\(s)\"") }
            host = String(s[s.index(after: s.startIndex)..<close])
            let rest = s[s.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { throw JuliaError.argument("invalid machine definition format string: invalid port format \"\(s)\"") }
                portText = String(rest.dropFirst())
            }
        } else {
            let parts = s.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { throw JuliaError.argument("invalid machine definition format string: invalid port format \"\(s)\"") }
            host = String(parts[0])
            if parts.count == 2 { portText = String(parts[1]) }
        }
        guard let p = portText else { return (host, nil) }
        guard let port = Int(p), port >= 1, port <= 65535 else {
            throw JuliaError.argument("invalid machine definition format string: invalid port format \"\(s)\"")
        }
        return (host, port)
    }
}

import Foundation
