import CDistSupport
import DistLang
import DistWire
import Foundation
import NIOCore
import NIOPosix

/// Adding and removing workers (process 1), as Julia's `addprocs(manager; kw...)`:
///
/// 1. the keywords are merged into the manager's defaults (`params`); a built-in manager
///    refuses a keyword it does not know;
/// 2. `launch(manager, params, launched, c)` runs as a task of its own — the built-in
///    managers' in Swift (Cluster+Managers.swift), a manager of the language's in the language;
/// 3. as `WorkerConfig`s appear in `launched`, each is set up by a task: the worker's address
///    is read from `config.io` (its `dist_worker:PORT#ADDR` line) or taken from
///    `config.host`/`config.port`, process 1 connects and authenticates, and admits the
///    worker (`join`), which connects to the others as the topology asks; then
///    `manage(manager, pid, config, :register)`, and a worker asked for `count > 1` starts
///    the rest on its host (Julia's `launch_n_additional_processes`);
/// 4. when `launch` has returned and every config is set up, the new pids come back. A worker
///    that fails costs only itself: its error is printed, naming it, and the others join.
extension Cluster {
    /// The path of this program, for starting workers.
    static var executablePath: String {
        let buf = UnsafeMutablePointer<CChar>.allocate(capacity: 4096)
        defer { buf.deallocate() }
        let n = readlink("/proc/self/exe", buf, 4095)
        if n > 0 {
            buf[n] = 0
            return String(cString: buf)
        }
        return CommandLine.arguments[0]
    }

    public var executablePath: String { Cluster.executablePath }

    public func addprocs(_ t: Ctx, manager: Value, options: [(JSym, Value)]) throws -> [Int] {
        guard role == .master else { throw JuliaError.error("Only process 1 can add and remove workers") }
        let rt = runtime
        let mtype = rt.typeOf(manager)
        let params = JDict(keyType: .symbol, valueType: .any)
        for (k, v) in AddprocsParams.defaults(mtype, rt, t) { try params.set(.sym(JSym.intern(k)), v, rt) }
        if let known = AddprocsParams.known(mtype) {
            for (k, _) in options where !known.contains(k.name) {
                throw JuliaError.argument("addprocs: unknown keyword argument `\(k.name)` for \(mtype.name)")
            }
        }
        for (k, v) in options { try params.set(.sym(k), v, rt) }
        let launch = try LaunchSettings(params, self)
        if launch.tls && AddprocsParams.known(mtype) == nil {
            // a manager of the language's would have to pass process 1's fingerprint to its
            // workers and read theirs back (see `TLSIdentity`)
            throw JuliaError.argument("addprocs: tls = true needs a built-in manager (LocalManager, SSHManager or SlurmManager), not \(mtype.name); pass tls = false for it")
        }
        try setTransport(tls: launch.tls)
        if order.isEmpty || lazyConnections == nil {
            lazyConnections = launch.lazy
        } else if lazyConnections != launch.lazy {
            throw JuliaError.argument("Active workers with lazy=\(lazyConnections!). Cannot set lazy=\(launch.lazy)")
        }
        if !order.isEmpty && topologyName != launch.topology {
            throw JuliaError.argument("Workers with topology :\(topologyName) exist; cannot add workers with topology :\(launch.topology)")
        }
        topologyName = launch.topology

        let launched = JArray(eltype: .workerConfig, dims: Dims(0))
        let cond = JCondition()
        let launchFn = Value.fn(try rt.baseFunction("launch"))
        let launchTask = JTask { ctx in try ctx.call(launchFn, [manager, .obj(params), .arr(launched), .obj(cond)]) }
        launchTask.module = t.task.module
        launchTask.onFinish.append { _ in cond.notify(.nothing, all: true, rt.scheduler) }
        rt.scheduler.schedule(launchTask)

        var newPids: [Int] = []
        var setups: [JTask] = []
        while true {
            while launched.count > 0 {
                let item = launched.get(0)
                launched.removeRange(0, 1)
                guard case .obj(let o) = item, let config = o as? JStruct, config.type === JType.workerConfig else {
                    throw JuliaError.argument("launch added \(rt.typeOf(item)) to `launched`, not a WorkerConfig")
                }
                let task = JTask { [unowned(unsafe) self] ctx in
                    newPids += try self.setUpLaunchedWorker(ctx, manager, config, launch)
                    return .nothing
                }
                task.module = t.task.module
                rt.scheduler.schedule(task)
                setups.append(task)
            }
            if launchTask.isDone { break }
            // as Julia's addprocs: wake at least once a second in case `launch` forgets to notify
            rt.scheduler.driver.schedule(after: 1) { cond.notify(.nothing, all: true, rt.scheduler) }
            _ = try cond.wait(t)
        }
        for s in setups { try rt.scheduler.wait(for: s) }
        // every worker learns the whole table (Julia's set_valid_processes)
        broadcastTable()
        // as Julia's addprocs (an @sync of the setups, then the launch task): the workers that
        // joined stay, and the failures come back together
        let failed = setups.filter { $0.error != nil }
        if !failed.isEmpty {
            let errors = failed.map { JuliaError.make(.taskFailedException, [.obj($0)]).value }
            throw JuliaError.make(.compositeException, [.arr(rt.collectedArray(errors, dims: Dims(errors.count)))])
        }
        if launchTask.error != nil { throw JuliaError.make(.taskFailedException, [.obj(launchTask)]) }
        return newPids.sorted()
    }

    /// What `addprocs`'s keywords say about connecting the workers.
    struct LaunchSettings {
        let topology: String
        let lazy: Bool
        let timeout: Double
        /// Silence after which a worker is taken for dead (see Cluster+Heartbeats.swift).
        let heartbeatTimeout: Double?
        /// Encrypted transport (`tls = true`).
        let tls: Bool

        init(_ params: JDict, _ c: Cluster) throws {
            func get(_ k: String) -> Value? { params.get(.sym(JSym.intern(k))) }
            var topo = "all_to_all"
            if let v = get("topology") {
                switch v {
                case .sym(let s): topo = s.name
                case .str(let s): topo = s.value
                default: throw JuliaError.argument("topology must be :all_to_all, :master_worker or :custom")
                }
            }
            guard ["all_to_all", "master_worker", "custom"].contains(topo) else {
                throw JuliaError.argument("Unrecognized topology :\(topo)")
            }
            topology = topo
            var lz = true
            if let v = get("lazy") {
                guard case .bool(let b) = v else { throw JuliaError.argument("lazy must be a Bool") }
                lz = b
            }
            lazy = topo == "all_to_all" ? lz : false
            var to = Cluster.workerTimeout
            if let v = get("worker_timeout") {
                switch v {
                case .int(let i): to = Double(i)
                case .float(let f): to = f
                default: throw JuliaError.argument("worker_timeout must be a number of seconds")
                }
            }
            timeout = to
            var hb = Cluster.defaultHeartbeatTimeout
            if let v = get("heartbeat_timeout") {
                switch v {
                case .nothing: hb = nil
                case .int(let i) where i > 0: hb = Double(i)
                case .float(let f) where f > 0 && f.isFinite: hb = f
                default: throw JuliaError.argument("heartbeat_timeout must be a positive number of seconds, or nothing")
                }
            }
            heartbeatTimeout = hb
            var encrypted = c.defaultTLS
            if let v = get("tls") {
                guard case .bool(let b) = v else { throw JuliaError.argument("tls must be a Bool") }
                encrypted = b
            }
            tls = encrypted
        }
    }

    /// How long `rmprocs` lets a worker take to exit before signalling it (Julia's
    /// `exit_timeout` and `term_timeout`).
    static let exitTimeout: Double = 15

    /// How long a worker may take to announce itself and join (Julia's `worker_timeout()`):
    /// `DIST_WORKER_TIMEOUT` or `JULIA_WORKER_TIMEOUT`, default 60 s.
    static var workerTimeout: Double {
        // read now (withenv may have just set it)
        let value = (getenv("DIST_WORKER_TIMEOUT") ?? getenv("JULIA_WORKER_TIMEOUT")).map { String(cString: $0) }
        return value.flatMap(Double.init) ?? 60
    }

    /// Sets up one launched worker, and the others it is to start on its host.
    func setUpLaunchedWorker(_ t: Ctx, _ manager: Value, _ config: JStruct, _ launch: LaunchSettings) throws -> [Int] {
        let pid = try createWorker(t, manager, config, launch)
        var count = 1
        switch config.field("count") {
        case .int(let n)?: count = Int(n)
        case .sym(let s)? where s.name == "auto":
            // as many as the host has CPU threads
            if case .int(let n) = try runtime.pgrp.remotecallFetch(.fn(try runtime.baseFunction("__cpu_threads")), pid, [], [], t) {
                count = Int(n)
            }
        default: break
        }
        guard count > 1 else { return [pid] }
        return [pid] + (try launchAdditional(t, manager, from: pid, config, count - 1, launch))
    }

    /// Connects to a launched worker and admits it; returns its pid.
    func createWorker(_ t: Ctx, _ manager: Value, _ config: JStruct, _ launch: LaunchSettings) throws -> Int {
        let rt = runtime
        let pid = nextPid
        nextPid += 1
        rt.pgrp.updateKnownPids(through: pid)
        let deadline = monotonicSeconds() + launch.timeout
        var reader: PipeReader?
        switch config.field("io") {
        case .obj(let o)? where o is PipeReader: reader = (o as! PipeReader)
        case .obj(let o)? where o is JProcess: reader = (o as! JProcess).out
        default: break
        }
        var host: String, port: Int, local = ""
        var fingerprint = announcedFingerprints.removeValue(forKey: ObjectIdentifier(config)) ?? []
        do {
            if let r = reader {
                let announced = try readAnnouncement(t, r, pid, deadline)
                let bindAddr = announced.host, p = announced.port
                fingerprint = announced.fingerprint
                local = announced.local
                // connect where the worker listens, unless the manager says where to reach it
                host = config.stringField("host").flatMap { h in bindAddr == "0.0.0.0" || bindAddr == "::" ? h : nil } ?? bindAddr
                port = p
            } else if case .tuple(let at)? = config.field("connect_at"), at.count == 2,
                      case .str(let h) = at[0], case .int(let p) = at[1] {
                host = h.value
                port = Int(p)
            } else {
                guard let h = config.stringField("host"), case .int(let p)? = config.field("port") else {
                    throw JuliaError.argument("WorkerConfig must have io, or host and port")
                }
                host = h
                port = Int(p)
            }
            if case .bool(true)? = config.field("tunnel") {
                (host, port) = try sshTunnel(t, config, host, port)
                local = ""  // through the tunnel, as asked
            }
            config.setField("host", .str(JStr(host)))
            config.setField("port", .int(Int64(port)))
            configs[pid] = config
            if case .obj(let o)? = config.field("process"), let p = o as? JProcess { started(p, as: pid) }
            if tls != nil && fingerprint.isEmpty {
                throw JuliaError.error("worker \(pid) announced no TLS certificate fingerprint (a dist worker started without --worker-tls?)")
            }
            let done = loop.makePromise(of: Void.self)
            openConnection(host: host, port: port, local: local, claim: 1, peerPid: pid, fingerprint: fingerprint, done: done) { _ in }
            try t.await(done.futureResult.withTimeout(on: loop, seconds: max(1, Int64(deadline - monotonicSeconds())),
                                                      "worker \(pid) at \(host):\(port) did not connect"))
        } catch let e as JuliaError {
            gone.insert(pid)
            processes[pid]?.closeInput()
            throw Cluster.naming(e, host: config.stringField("host"))
        }
        let address = PeerAddress(pid: pid, host: host, port: port, fingerprint: fingerprint, local: local)
        table[pid] = address
        // admit it: the workers it knows (those still joining too), and those it must connect
        // to now — every earlier one for `lazy = false`, its `connect_idents` for `:custom`
        var connect: [Int] = []
        // every earlier pid, including those still joining (each is waited for below)
        if launch.topology == "all_to_all" && !launch.lazy { connect = Array(2..<pid).filter { !gone.contains($0) } }
        if launch.topology == "custom", case .arr(let idents)? = config.field("connect_idents") {
            let wanted = try rt.collectValues(.arr(idents), t)
            func matching() -> [Int] {
                configs.filter { p, c in
                    p != pid && !gone.contains(p) && c.field("ident").map { ident in wanted.contains { (try? rt.isEqual($0, ident, t)) ?? false } } == true
                }.map { $0.key }
            }
            // the peers it names may still be on their way
            while matching().count < wanted.count {
                if monotonicSeconds() > deadline { throw JuliaError.error("worker \(pid): peer workers did not connect within \(Int(launch.timeout)) seconds") }
                try rt.scheduler.sleep(0.1)
            }
            connect = matching().sorted()
        }
        // a worker connects only to workers that have joined (they know their pid by then)
        while connect.contains(where: { !order.contains($0) && !gone.contains($0) }) {
            if monotonicSeconds() > deadline { throw JuliaError.error("worker \(pid): peer workers did not join within \(Int(launch.timeout)) seconds") }
            try rt.scheduler.sleep(0.02)
        }
        connect.removeAll { gone.contains($0) }
        let peers = table.values.filter { !gone.contains($0.pid) }.sorted { $0.pid < $1.pid }
        // in an encrypted cluster the peers it connects to now must know its certificate first
        if tls != nil { for p in connect { try? links[p]?.send(.peers(peers)) } }
        let joined = loop.makePromise(of: Void.self)
        joinWaiters[pid] = joined
        // with a topology other than :all_to_all, no connection is made later
        try? links[pid]?.send(.join(pid: pid, peers: peers, connect: connect, masterOnly: launch.topology != "all_to_all"))
        do {
            try t.await(joined.futureResult.withTimeout(on: loop, seconds: max(1, Int64(deadline - monotonicSeconds())),
                                                        "worker \(pid) did not join"))
        } catch let e as JuliaError {
            gone.insert(pid)
            processes[pid]?.closeInput()
            throw Cluster.naming(e, host: config.stringField("host"))
        }
        order.append(pid)
        if let hb = launch.heartbeatTimeout { monitorHeartbeats(of: pid, timeout: hb) }
        // a trace under way covers the newcomer too
        if rt.pgrp.tracer != nil, let f = try? rt.baseFunction("__trace_enable") {
            sendQuietly(to: pid, .call(f: .fn(f), args: [], kw: [], rrid: nil, notify: nil))
        }
        // ids of internal references, as Julia numbers them (one per joining worker)
        rt.pgrp.reserveReferenceID()
        rt.pgrp.workerJoined(pid)
        if let r = reader { forwardOutput(of: pid, from: r) }
        if case .obj(let o)? = config.field("userdata"), let router = o as? WorkerOutputRouter { router.attach(pid: pid, cluster: self) }
        _ = try t.call(.fn(try rt.baseFunction("manage")), [manager, .int(Int64(pid)), .obj(config), .sym(JSym.intern("register"))])
        return pid
    }

    /// A launch error, naming the host when there is one (Julia's own text otherwise).
    static func naming(_ e: JuliaError, host: String?) -> JuliaError {
        guard let host, e.isa(.errorException), case .obj(let o) = e.value, let s = o as? JStruct, case .str(let m) = s[0] else { return e }
        return JuliaError.error(m.value + " (worker on \(host))")
    }

    /// Reads a worker's output until its `dist_worker:PORT#ADDR` line (`julia_worker:` too),
    /// and the fingerprint of its certificate that follows in an encrypted cluster; what it
    /// prints before that (at most 1000 lines, as Julia's) is shown as startup output.
    func readAnnouncement(_ t: Ctx, _ r: PipeReader, _ pid: Int, _ deadline: Double) throws -> PeerAddress {
        let message = "Timed out waiting to read host:port string from worker."
        var lines = 0
        while let line = try r.readLine(t, deadline: deadline, timeoutMessage: message) {
            lines += 1
            if lines > 1000 { throw JuliaError.error("Unexpected output from worker launch command. Host:port string not found.") }
            for prefix in [WorkerProcess.announcementPrefix, "julia_worker:"] {
                if let range = line.range(of: prefix), let a = WorkerProcess.parseAnnouncement(String(line[range.lowerBound...]).replacingOccurrences(of: "julia_worker:", with: WorkerProcess.announcementPrefix), pid: pid) {
                    return a
                }
            }
            printLine("\tFrom worker startup:\t" + line)
        }
        throw JuliaError.error("Unable to read host:port string from worker. Launch command exited with error?")
    }

    /// What a worker prints goes to process 1's output, a line at a time, as
    /// `      From worker N:\t…` (lines already so prefixed — from workers a worker started — as
    /// they are); its end means the worker has gone.
    func forwardOutput(of pid: Int, from r: PipeReader) {
        r.takeOver(lines: { [unowned(unsafe) self] line in
            if line.hasPrefix(self.outputPrefixStyle) { self.printLine(line) } else { self.printLine(self.outputPrefix(pid) + line) }
        }, closed: { [unowned(unsafe) self] in
            self.outputClosed(pid)
        })
    }

    /// Has worker `from` start `n` more workers on its host, and sets each up.
    func launchAdditional(_ t: Ctx, _ manager: Value, from: Int, _ fromConfig: JStruct, _ n: Int, _ launch: LaunchSettings) throws -> [Int] {
        let rt = runtime
        let exename = fromConfig.field("exename") ?? .nothing
        let exeflags = fromConfig.field("exeflags") ?? .nothing
        let env = fromConfig.field("environ") ?? .nothing
        let addresses = try rt.collectValues(try rt.pgrp.remotecallFetch(.fn(try rt.baseFunction("__launch_additional")), from,
                                                                         [.int(Int64(n)), exename, exeflags, env], [], t), t)
        var pids: [Int] = []
        var failures: [String] = []
        var tasks: [JTask] = []
        for a in addresses {
            guard case .tuple(let tp) = a, tp.count == 3, case .str(let bind) = tp[0], case .int(let port) = tp[1],
                  case .str(let fingerprint) = tp[2] else { continue }
            var fields: [String: Value] = [:]
            for k in ["host", "tunnel", "multiplex", "sshflags", "exeflags", "exename", "enable_threaded_blas"] { fields[k] = fromConfig.field(k) ?? .nothing }
            fields["bind_addr"] = .str(bind)
            fields["port"] = .int(port)
            // reach it where it listens, as the first one was reached
            var tunnelled = false
            if case .bool(true)? = fromConfig.field("tunnel") { tunnelled = true }
            if case .str(let h)? = fields["host"], h.value != bind.value, !tunnelled {
                fields["host"] = .str(bind)
            }
            let config = WorkerConfigFields.make(fields)
            if let fp = TLSIdentity.parseHex(fingerprint.value) { announcedFingerprints[ObjectIdentifier(config)] = fp }
            let task = JTask { [unowned(unsafe) self] ctx in
                do {
                    let pid = try self.createWorker(ctx, manager, config, launch)
                    pids.append(pid)
                    self.startedBy[pid] = (from, Int(port))
                    try rt.pgrp.remoteDo(.fn(try rt.baseFunction("__redirect_additional")), from, [.int(Int64(pid)), .int(port)], [], ctx)
                } catch let e as JuliaError {
                    failures.append(rt.errorMessage(e.value, ctx))
                }
                return .nothing
            }
            rt.scheduler.schedule(task)
            tasks.append(task)
        }
        for task in tasks { try rt.scheduler.wait(for: task) }
        for f in failures { rt.output.writeError("┌ Error: \(f)\n└ @ Distributed\n") }
        return pids
    }

    /// `tunnel = true`: an ssh port forward from a local port to the worker's; returns where to
    /// connect (Julia's `ssh_tunnel`).
    func sshTunnel(_ t: Ctx, _ config: JStruct, _ host: String, _ port: Int) throws -> (String, Int) {
        let rt = runtime
        let sshHost = config.stringField("host") ?? host
        let flags = config.cmdWords("sshflags")
        let ssh = ProcessInfo.processInfo.environment["DIST_SSH"] ?? "ssh"
        for _ in 0..<100 {
            let local = nextTunnelPort
            nextTunnelPort = nextTunnelPort >= 32000 ? 9201 : nextTunnelPort + 1
            let cmd: JCmd
            if case .bool(true)? = config.field("multiplex") {
                cmd = JCmd([ssh] + flags + ["-O", "forward", "-L", "\(local):\(host):\(port)", sshHost])
            } else {
                cmd = JCmd([ssh, "-T", "-a", "-x", "-o", "ExitOnForwardFailure=yes", "-f"] + flags
                           + [sshHost, "-L", "\(local):\(host):\(port)", "sleep", "60"])
                cmd.detach = true
            }
            let p = try rt.spawn(cmd, pipeIn: false, pipeOut: false)
            try p.wait(t)
            if p.succeeded { return ("127.0.0.1", local) }
        }
        throw JuliaError.error("unable to create SSH tunnel after 100 tries. No free port?")
    }

    public func rmprocs(_ t: Ctx, _ pids: [Int], waitfor: Double) throws {
        guard role == .master else { throw JuliaError.error("Only process 1 can add and remove workers") }
        let rt = runtime
        var procs: [Int: JProcess] = [:]
        for p in pids where order.contains(p) {
            removing.insert(p)
            // kill(manager, pid, config): the default asks the worker to exit
            if let proc = processes[p] { procs[p] = proc }
            try? links[p]?.send(.call(f: .fn(try rt.baseFunction("exit")), args: [], kw: [], rrid: nil, notify: nil))
        }
        // wait (in the task, so the event loop keeps going) for the connections to close
        let start = monotonicSeconds()
        let limit = waitfor.isFinite ? waitfor : .infinity
        func connected() -> [Int] { pids.filter { order.contains($0) && links[$0] != nil } }
        func waitForExits(_ seconds: Double) throws {
            let deadline = min(monotonicSeconds() + seconds, start + limit)
            while !connected().isEmpty && monotonicSeconds() < deadline { try rt.scheduler.sleep(0.01) }
        }
        // as Julia's LocalManager: a worker that ignores exit() for 15 s gets SIGQUIT, and
        // 15 s later SIGKILL, each with a warning
        try waitForExits(Cluster.exitTimeout)
        let log = Value.fn(try rt.baseFunction("__log"))
        func warn(_ s: String) throws { _ = try t.call(log, [.sym(JSym.intern("warn")), .str(JStr(s))]) }
        let stubborn = connected().filter { procs[$0] != nil }
        if !stubborn.isEmpty && monotonicSeconds() < start + limit {
            for p in stubborn {
                try warn("Failed to gracefully kill worker \(p)")
                try warn("Sending SIGQUIT to worker \(p)")
                kill(procs[p]!.ospid, SIGQUIT)
            }
            try waitForExits(Cluster.exitTimeout)
            for p in connected() where procs[p] != nil {
                try warn("Worker \(p) ignored SIGQUIT, sending SIGKILL")
                kill(procs[p]!.ospid, SIGKILL)
            }
        }
        // whatever is left loses its lifeline
        for proc in procs.values { proc.closeInput() }
        for p in pids where order.contains(p) { processGone(p) }
        for proc in procs.values { proc.waitForExit(until: monotonicSeconds() + 1) }
    }

    func shellQuote(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// Something that routes a launched worker's output once its pid is known (a Slurm step
/// prints every task's output on one stream).
protocol WorkerOutputRouter: AnyObject {
    func attach(pid: Int, cluster: Cluster)
}

extension JStruct {
    func setField(_ name: String, _ v: Value) {
        if let i = type.fieldNames.firstIndex(of: JSym.intern(name)) { fields[i] = v }
    }

    func stringField(_ name: String) -> String? {
        if case .str(let s)? = field(name) { return s.value }
        return nil
    }

    /// The words of a `Cmd` field (`exeflags`, `sshflags`), or of a string split at blanks.
    func cmdWords(_ name: String) -> [String] {
        switch field(name) {
        case .obj(let o)? where o is JCmd: return (o as! JCmd).exec
        case .str(let s)?: return s.value.split(separator: " ").map(String.init)
        default: return []
        }
    }
}

extension EventLoopFuture {
    /// Fails with `message` if the future has not completed after `seconds`.
    func withTimeout(on loop: EventLoop, seconds: Int64, _ message: String) -> EventLoopFuture<Value> {
        let p = loop.makePromise(of: Value.self)
        let t = loop.scheduleTask(in: .seconds(seconds)) { p.fail(JuliaError.error(message)) }
        assumeIsolated().whenComplete { r in
            t.cancel()
            p.assumeIsolated().completeWith(r)
        }
        return p.futureResult
    }
}
