import CDistSupport
import DistLang
import DistWire
import Foundation
import NIOCore
import NIOPosix

/// Starting and removing workers (process 1).
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

    public func addprocs(_ t: Ctx, count: Int, options: [(JSym, Value)]) throws -> [Int] {
        guard role == .master else { throw JuliaError.error("Only process 1 can add and remove workers") }
        if count == 0 { return [] }
        let exe = Cluster.executablePath
        var launches: [(pid: Int, handle: WorkerProcessHandle, addr: EventLoopFuture<PeerAddress>)] = []
        var threadedBLAS = false
        if let (_, v) = options.first(where: { $0.0.name == "enable_threaded_blas" }) {
            guard case .bool(let b) = v else { throw JuliaError.argument("enable_threaded_blas must be a Bool") }
            threadedBLAS = b
        }
        var env = ProcessInfo.processInfo.environment
        // single-threaded BLAS on workers, as Julia's: n workers on n cores would otherwise
        // oversubscribe them
        if !threadedBLAS { env["OPENBLAS_NUM_THREADS"] = "1" }
        let envList = env.map { "\($0.key)=\($0.value)" }
        for _ in 0..<count {
            let pid = nextPid
            nextPid += 1
            runtime.pgrp.updateKnownPids(through: pid)
            let (handle, announced) = try spawnLocal(pid: pid, argv: [exe, "--worker", "--bind-to", "127.0.0.1"], env: envList)
            configs[pid] = WorkerConfigFields.make([
                "exename": .str(JStr(exe)), "bind_addr": .str(JStr("127.0.0.1")), "count": .int(Int64(count)),
                "ospid": .int(Int64(handle.ospid)), "enable_threaded_blas": .bool(threadedBLAS),
            ])
            launches.append((pid, handle, announced))
        }
        return try join(t, launches)
    }

    /// Starts `argv` with its input and output on pipes, sends the cookie, and reads its output.
    func spawnLocal(pid: Int, argv: [String], env: [String]) throws -> (WorkerProcessHandle, EventLoopFuture<PeerAddress>) {
        var inFD: Int32 = -1, outFD: Int32 = -1
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = env.map { strdup($0) } + [nil]
        defer {
            for a in cArgs { free(a) }
            for e in cEnv { free(e) }
        }
        let ospid = cArgs.withUnsafeBufferPointer { ap in
            cEnv.withUnsafeBufferPointer { ep in
                dist_spawn(argv[0], ap.baseAddress, ep.baseAddress, nil, &inFD, &outFD)
            }
        }
        guard ospid > 0 else {
            throw JuliaError.error("could not start a worker (\(String(cString: strerror(errno))))")
        }
        let handle = WorkerProcessHandle(pid: pid, ospid: ospid, inputFD: inFD)
        processes[pid] = handle
        handlesLock.lock()
        allHandles.append(handle)
        handlesLock.unlock()
        handle.writeCookie(cookie)
        let announced = loop.makePromise(of: PeerAddress.self)
        let forwarder = OutputForwarder(pid: pid, cluster: self, announced: announced)
        NIOPipeBootstrap(group: loop)
            .channelInitializer { ch in ch.eventLoop.makeCompletedFuture { try ch.pipeline.syncOperations.addHandler(forwarder) } }
            .takingOwnershipOfDescriptor(input: outFD)
            .whenFailure { e in announced.fail(e) }
        return (handle, announced.futureResult)
    }

    /// Connects to launched workers, sends each its pid and the table of workers, and waits
    /// until they have all joined.
    func join(_ t: Ctx, _ launches: [(pid: Int, handle: WorkerProcessHandle, addr: EventLoopFuture<PeerAddress>)]) throws -> [Int] {
        var joined: [Int] = []
        var failures: [String] = []
        // wait for every announcement, then connect to each
        var connects: [(Int, PeerAddress, EventLoopFuture<Void>)] = []
        for l in launches {
            do {
                let addr = try t.await(l.addr.withTimeout(on: loop, seconds: 60, "Timed out waiting to read host:port string from worker."))
                let a = PeerAddress(pid: l.pid, host: addr.host, port: addr.port)
                let done = loop.makePromise(of: Void.self)
                openConnection(host: a.host, port: a.port, claim: 1, peerPid: l.pid, done: done) { _ in }
                connects.append((l.pid, a, done.futureResult))
            } catch let e as JuliaError {
                failures.append(runtime.errorMessage(e.value, t))
                gone.insert(l.pid)
                l.handle.closeInput()
            }
        }
        var ready: [(Int, PeerAddress)] = []
        for (pid, a, f) in connects {
            do {
                try t.await(f.withTimeout(on: loop, seconds: 60, "worker did not connect within 60 seconds"))
                table[pid] = a
                ready.append((pid, a))
                let config = configs[pid] ?? WorkerConfigFields.make([:])
                config.fields[1] = .str(JStr(a.host))
                config.fields[2] = .int(Int64(a.port))
                configs[pid] = config
            } catch let e as JuliaError {
                failures.append(runtime.errorMessage(e.value, t))
                gone.insert(pid)
                processes[pid]?.closeInput()
            }
        }
        let peers = (order.compactMap { table[$0] }) + ready.map { $0.1 }
        var acks: [(Int, EventLoopFuture<Void>)] = []
        for (pid, _) in ready {
            let p = loop.makePromise(of: Void.self)
            joinWaiters[pid] = p
            try? links[pid]?.send(.join(pid: pid, peers: peers))
            acks.append((pid, p.futureResult))
        }
        for (pid, f) in acks {
            do {
                try t.await(f.withTimeout(on: loop, seconds: 60, "worker \(pid) did not join"))
                order.append(pid)
                joined.append(pid)
                // ids of internal references, as Julia numbers them (one per joining worker)
                runtime.pgrp.reserveReferenceID()
            } catch let e as JuliaError {
                failures.append(runtime.errorMessage(e.value, t))
                gone.insert(pid)
                processes[pid]?.closeInput()
            }
        }
        // every new worker joins the default pool (made now if this is the first)
        for pid in joined.sorted() { runtime.pgrp.workerJoined(pid) }
        broadcastTable()
        if joined.isEmpty && !failures.isEmpty {
            throw JuliaError.error(failures.joined(separator: "\n"))
        }
        for f in failures { runtime.output.writeError("┌ Error: \(f)\n") }
        return joined.sorted()
    }

    public func addprocs(_ t: Ctx, machines: [Value], options: [(JSym, Value)]) throws -> [Int] {
        guard role == .master else { throw JuliaError.error("Only process 1 can add and remove workers") }
        var specs: [MachineSpec] = []
        for m in machines {
            switch m {
            case .str(let s):
                guard let spec = MachineSpec.parse(s.value) else { throw JuliaError.argument("invalid machine specification \"\(s.value)\"") }
                specs.append(spec)
            case .tuple(let tp) where tp.items.count == 2:
                guard case .str(let s) = tp.items[0], var spec = MachineSpec.parse(s.value) else {
                    throw JuliaError.argument("invalid machine specification")
                }
                switch tp.items[1] {
                case .int(let n): spec.count = Int(n)
                case .sym(let sym) where sym.name == "auto": spec.count = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
                default: throw JuliaError.argument("invalid worker count")
                }
                specs.append(spec)
            default:
                throw JuliaError.argument("invalid machine specification \(runtime.typeOf(m))")
            }
        }
        let sshFlags = options.first { $0.0.name == "sshflags" }.map { v -> [String] in
            if case .str(let s) = v.1 { return s.value.split(separator: " ").map(String.init) }
            return []
        } ?? []
        let exename = options.first { $0.0.name == "exename" }.flatMap { v -> String? in
            if case .str(let s) = v.1 { return s.value } else { return nil }
        } ?? Cluster.executablePath
        let dir = options.first { $0.0.name == "dir" }.flatMap { v -> String? in
            if case .str(let s) = v.1 { return s.value } else { return nil }
        } ?? FileManager.default.currentDirectoryPath
        var launches: [(pid: Int, handle: WorkerProcessHandle, addr: EventLoopFuture<PeerAddress>)] = []
        var env = ProcessInfo.processInfo.environment
        env["OPENBLAS_NUM_THREADS"] = "1"
        let envList = env.map { "\($0.key)=\($0.value)" }
        for spec in specs {
            for _ in 0..<spec.count {
                let pid = nextPid
                nextPid += 1
                runtime.pgrp.updateKnownPids(through: pid)
                var remote = "cd -- \(shellQuote(dir)) && exec \(shellQuote(exename)) --worker"
                if let b = spec.bindAddress { remote += " --bind-to \(shellQuote(b))" }
                // DIST_SSH names another ssh-compatible program (a test runs workers in network namespaces)
                let ssh = ProcessInfo.processInfo.environment["DIST_SSH"] ?? "/usr/bin/ssh"
                var argv = [ssh, "-T", "-a", "-x", "-o", "ClearAllForwardings=yes", "-o", "BatchMode=yes"] + sshFlags
                if let port = spec.port { argv += ["-p", String(port)] }
                argv += [spec.userHost, remote]
                let (handle, announced) = try spawnLocal(pid: pid, argv: argv, env: envList)
                launches.append((pid, handle, announced))
            }
        }
        return try join(t, launches)
    }

    public func rmprocs(_ t: Ctx, _ pids: [Int], waitfor: Double) throws {
        guard role == .master else { throw JuliaError.error("Only process 1 can add and remove workers") }
        var handles: [WorkerProcessHandle] = []
        for p in pids where order.contains(p) {
            removing.insert(p)
            if let h = processes[p] {
                h.closeInput()
                handles.append(h)
            }
            try? links[p]?.send(.call(f: .fn(try runtime.baseFunction("exit")), args: [], kw: [], rrid: nil, notify: nil))
        }
        // wait (in the task, so the event loop keeps going) for the connections to close
        let deadline = monotonicSeconds() + (waitfor.isFinite ? waitfor : 30)
        while pids.contains(where: { order.contains($0) && links[$0] != nil }) && monotonicSeconds() < deadline {
            try runtime.scheduler.sleep(0.01)
        }
        for p in pids where order.contains(p) { processGone(p) }
        for h in handles { h.waitForExit(until: monotonicSeconds() + 1) }
    }

    func shellQuote(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// One line of a machine file or an `addprocs` host: `[count*][user@]host[:port] [bind_addr[:port]]`.
public struct MachineSpec: Equatable {
    public var count: Int
    public var userHost: String
    public var port: Int?
    public var bindAddress: String?

    public static func parse(_ line: String) -> MachineSpec? {
        var s = line.trimmingCharacters(in: .whitespaces)
        if s.isEmpty { return nil }
        var count = 1
        if let star = s.firstIndex(of: "*") {
            let n = String(s[..<star])
            if n == "auto" { count = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) } else {
                guard let c = Int(n), c > 0 else { return nil }
                count = c
            }
            s = String(s[s.index(after: star)...])
        }
        let parts = s.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let hostPart = parts.first else { return nil }
        var userHost = hostPart
        var port: Int?
        if let colon = hostPart.lastIndex(of: ":"), !hostPart.hasPrefix("[") {
            guard let p = Int(hostPart[hostPart.index(after: colon)...]) else { return nil }
            port = p
            userHost = String(hostPart[..<colon])
        }
        var bind: String?
        if parts.count > 1 {
            let b = parts[1]
            bind = b.split(separator: ":").first.map(String.init)
        }
        return MachineSpec(count: count, userHost: userHost, port: port, bindAddress: bind)
    }
}

extension EventLoopFuture {
    /// Fails with `message` if the future has not completed after `seconds`.
    func withTimeout(on loop: EventLoop, seconds: Int64, _ message: String) -> EventLoopFuture<Value> {
        let p = loop.makePromise(of: Value.self)
        let t = loop.scheduleTask(in: .seconds(seconds)) { p.fail(JuliaError.error(message)) }
        whenComplete { r in
            t.cancel()
            p.completeWith(r)
        }
        return p.futureResult
    }
}
