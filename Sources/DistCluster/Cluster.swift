import CDistSupport
import DistLang
import DistWire
import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// The cluster as one process sees it: its pid, the other processes, the connections to
/// them, and (on process 1) the worker processes it started.
///
/// Everything runs on the runtime's event loop. Process 1 connects to every worker; workers
/// connect to each other on first use, the higher pid to the lower. A connection is usable
/// only after the cookie handshake.
public final class Cluster: ClusterBackend {
    /// Process 1 or a worker.
    public enum Role { case master, worker }

    let loop: EventLoop
    public let role: Role
    public unowned(unsafe) let runtime: Runtime
    public private(set) var myid: Int
    public var cookie: String
    /// Connections by pid.
    var links: [Int: PeerLink] = [:]
    /// Where each worker listens.
    var table: [Int: PeerAddress] = [:]
    /// Worker pids in the order they joined (process 1).
    var order: [Int] = []
    var nextPid = 2
    /// Workers being removed by `rmprocs` (their end is not reported).
    var removing: Set<Int> = []
    /// Processes whose end has been handled.
    var gone: Set<Int> = []
    /// The process each worker runs in, when this one started it (process 1): its input is
    /// the worker's lifeline, and a byte 0x03 on it interrupts the worker.
    var processes: [Int: JProcess] = [:]
    /// Workers another worker started (process 1): that worker, and the port they listen on.
    var startedBy: [Int: (Int, Int)] = [:]
    /// Workers this worker started on its host for process 1, by the port they listen on.
    var additional: [Int: (JProcess, PipeReader)] = [:]
    /// srun steps started by `SlurmManager`s.
    var slurmSteps: [JProcess] = []
    /// The next local port an ssh tunnel tries.
    var nextTunnelPort = 9201
    /// No worker-to-worker connection is made on first use (`topology = :master_worker` or
    /// `:custom`): only process 1 and the connections made at joining.
    var fixedConnections = false
    /// Connections this process made and whose peer has not answered the identification yet.
    var identifyAcks: [Int: EventLoopPromise<Void>] = [:]
    /// Tasks waiting for a connection to a pid.
    var connectWaiters: [Int: [EventLoopPromise<Void>]] = [:]
    /// `addprocs` waiting for workers to join.
    var joinWaiters: [Int: EventLoopPromise<Void>] = [:]
    /// The address workers listen on (workers).
    var bindHost = "127.0.0.1"
    var server: Channel?
    /// The name of the abstract Unix-domain socket a worker also listens on (see `listen`).
    var localName: String?
    /// Connections refused for wrong credentials, reported once per burst.
    lazy var refusals = RefusalLog(loop: loop) { [unowned(unsafe) self] line in self.runtime.output.writeError(line) }
    /// Output of workers started by a worker, forwarded unchanged (unused for local workers).
    public var outputPrefixStyle = "      From worker "
    /// Called when process 1's connection drops (workers exit then).
    var onMasterGone: (() -> Void)?
    /// How each worker was started (process 1), as `WorkerConfig`s.
    var configs: [Int: JStruct] = [:]
    /// The `topology` and `lazy` of `addprocs`.
    var topologyName = "all_to_all"
    var lazyConnections: Bool?
    /// Every process started, for shutting down from another thread.
    var allHandles: [JProcess] = []
    /// Set when process 1 is exiting: workers ending then are not reported.
    var shuttingDown = false
    let handlesLock = NSLock()
    /// The thread that marks heartbeats due (a worker asked for heartbeats).
    var heartbeatClock: Thread?
    /// This process's key and certificate when the cluster's connections are encrypted
    /// (`addprocs(…; tls = true)`); nil for plain TCP. See `TLSIdentity`.
    var tls: TLSIdentity?
    /// `addprocs`'s `tls` when it is not given (`dist --tls`).
    public var defaultTLS = false
    /// Process 1's certificate fingerprint, in an encrypted cluster.
    var masterFingerprint: [UInt8] = []
    /// Accepted connections whose certificate is not (yet) in the table (see `trustClient`).
    var trustWaiters: [(fingerprint: [UInt8], promise: EventLoopPromise<NIOSSLVerificationResult>)] = []
    /// The fingerprints workers announced, by the `WorkerConfig` that will set them up, when
    /// the config has no output to read the announcement from (Slurm steps, workers started
    /// by a worker) (process 1).
    var announcedFingerprints: [ObjectIdentifier: [UInt8]] = [:]
    /// Whether a look at the selector before the loop sleeps is already posted (`sent`).
    private var lookPosted = false

    /// A cluster for `runtime`, which it becomes the backend of.
    public init(role: Role, runtime rt: Runtime, loop: EventLoop, cookie: String) {
        self.role = role
        self.loop = loop
        self.cookie = cookie
        runtime = rt
        myid = role == .master ? 1 : 0
        rt.pgrp.install(self)
    }

    /// A message was sent: before the loop next blocks, it looks at its selector for a short
    /// while, since the answer (or the peer's next request) usually comes within microseconds
    /// and a thread still running when it arrives needs no wake-up (see `dist_poll_selector`).
    /// Posted once, behind what the loop has to do already; when tasks are ready by then, once
    /// more behind them.
    func sent() {
        if lookPosted { return }
        lookPosted = true
        // held until the look has run: a cluster shut down meanwhile is not freed under it
        loop.assumeIsolated().execute { [self] in
            self.lookPosted = false
            if self.runtime.scheduler.hasReady {
                self.sent()
            } else {
                _ = dist_poll_selector()
            }
        }
    }

    // MARK: ClusterBackend

    public func procs() -> [Int] {
        var ps = Set(table.keys)
        ps.insert(1)
        if myid != 0 { ps.insert(myid) }
        if role == .master { return [1] + order.sorted() }
        return ps.sorted()
    }

    public func hasProcess(_ pid: Int) -> Bool {
        if pid == 1 || (pid == myid && myid != 0) { return true }
        return role == .master ? order.contains(pid) : table[pid] != nil
    }

    public func workers() -> [Int] {
        let ps = procs().filter { $0 != 1 }
        return ps.isEmpty ? [1] : ps
    }

    public func send(_ t: Ctx, to pid: Int, _ message: RemoteMessage) throws {
        if let link = links[pid] {
            try link.send(WireMessage(message))
            return
        }
        try ensureConnected(t, pid)
        guard let link = links[pid] else { throw JuliaError.processExited(pid) }
        try link.send(WireMessage(message))
    }

    public func peers() -> [PeerStatus] {
        var pids = Set(role == .master ? order : Array(table.keys) + Array(links.keys))
        pids.insert(1)
        if myid != 0 { pids.insert(myid) }
        return pids.sorted().map { pid in
            PeerStatus(pid: pid, connected: pid == myid || links[pid] != nil, config: configs[pid].map { .obj($0) } ?? .nothing)
        }
    }

    public var listenAddress: (String, Int) {
        (bindHost, server?.localAddress?.port ?? 0)
    }

    public var topology: String { topologyName }
    public var lazy: Bool? { lazyConnections }

    /// Processes on process 1's host listen on loopback (or are process 1); others on their
    /// host's own address, which tells their hosts apart.
    public func sameHost(_ a: Int, _ b: Int) -> Bool { hostKey(a) == hostKey(b) }

    func hostKey(_ pid: Int) -> String {
        if pid == 1 { return "" }
        let addr = pid == myid ? bindHost : table[pid]?.host
        guard let h = addr, !h.hasPrefix("127."), h != "localhost", h != "::1" else { return "" }
        return h
    }

    public func sendQuietly(to pid: Int, _ message: RemoteMessage) {
        try? links[pid]?.send(WireMessage(message))
    }

    public func interrupt(_ pids: [Int]) throws {
        for p in pids {
            if let h = processes[p] {
                try? h.write([0x03])
            } else if let (from, port) = startedBy[p], let f = try? runtime.baseFunction("__interrupt_additional") {
                sendQuietly(to: from, .call(f: .fn(f), args: [.int(Int64(port))], kw: [], rrid: nil, notify: nil))
            }
        }
    }

    public func launchAdditionalWorkers(_ t: Ctx, count: Int, exename: Value, exeflags: Value, env: Value) throws -> [Value] {
        try launchAdditional(t, count: count, exename: exename, exeflags: exeflags, env: env)
    }

    /// Records a process this one started (for interrupting and stopping it).
    func started(_ p: JProcess, as pid: Int) {
        processes[pid] = p
        handlesLock.lock()
        if !allHandles.contains(where: { $0 === p }) { allHandles.append(p) }
        handlesLock.unlock()
    }

    /// The prefix of a worker's output lines.
    func outputPrefix(_ pid: Int) -> String { outputPrefixStyle + "\(pid):\t" }

    /// Prints a line on process 1's output.
    func printLine(_ s: String) {
        runtime.output.write(s + "\n")
    }

    // MARK: Incoming frames

    func received(_ frame: ByteBuffer, on handler: MessageHandler, context: ChannelHandlerContext) {
        let source = handler.link?.pid ?? 0
        handler.receivedCount += 1
        handler.link?.heard += 1
        let bytes = frame.readableBytes
        switch MessageCodec.decode(frame, runtime: runtime, source: source, transfers: handler.link?.transfers,
                                   receivedCode: handler.receivedCode) {
        case .message(let m):
            if case .call(let f, _, _, _, _) = m, Tracer.isEnable(f) { runtime.pgrp.startTracing() }
            if let tr = runtime.pgrp.tracer, let (kind, detail) = m.traceDescription(runtime) {
                // a join or identify names its sender only once handled
                var from = source
                if from == 0, case .identify(let p) = m { from = p }
                if from == 0, case .join = m { from = 1 }
                tr.received(from: from, kind: kind, detail: detail, bytes: bytes, seq: handler.receivedCount)
            }
            handle(m, on: handler, context: context)
        case .failedBody(let rrid, let notify, let kind, let error):
            guard handler.link != nil else {
                reply(.error(nil, "undecodable message: \(error)"), on: context)
                return
            }
            reportUndecodable(error, rrid: rrid, notify: notify, kind: kind, from: source)
        case .garbage(let error):
            // not a message: say so, and keep the connection
            reply(.error(nil, "undecodable frame: \(error)"), on: context)
        }
    }

    /// Answers on a connection whether or not the peer has said who it is.
    func reply(_ m: WireMessage, on context: ChannelHandlerContext) {
        guard let buf = try? MessageCodec.encode(m, allocator: context.channel.allocator, runtime: runtime, destination: 0,
                                                 sentGlobals: nil, onReference: nil) else { return }
        context.channel.writeAndFlush(buf, promise: nil)
    }

    func handle(_ m: WireMessage, on handler: MessageHandler, context: ChannelHandlerContext) {
        switch m {
        case .join(let pid, let peers, let connectList, let masterOnly):
            guard role == .worker, handler.link == nil, myid == 0 else { return }
            if tls != nil && handler.certificateFingerprint != masterFingerprint { return context.close(promise: nil) }
            myid = pid
            fixedConnections = masterOnly
            let link = PeerLink(pid: 1, channel: context.channel, cluster: self)
            handler.link = link
            links[1] = link
            updateTable(peers)
            // the connections the topology wants now are made before the worker says it joined
            let ospid = Int(getpid())
            let pending = connectList.filter { $0 != myid && $0 != 1 && links[$0] == nil }
            guard !pending.isEmpty else {
                try? link.send(.joinAck(ospid: ospid))
                return
            }
            var left = pending.count
            for p in pending {
                let done = loop.makePromise(of: Void.self)
                connectWaiters[p, default: []].append(done)
                connect(to: p)
                done.futureResult.assumeIsolated().whenComplete { _ in
                    left -= 1
                    if left == 0 { try? link.send(.joinAck(ospid: ospid)) }
                }
            }
        case .identify(let pid):
            // on a connection this process made: the peer's answer, the connection is usable
            if let l = handler.link {
                if l.pid == pid { identifyAcks.removeValue(forKey: pid)?.succeed(()) }
                return
            }
            // a peer connecting (it authenticated with the cookie; it may be newer than this
            // worker's table): register it, and answer so it knows the connection is usable
            guard pid != myid, pid != 0 else { return }
            // in an encrypted cluster a peer is who its certificate says it is
            if tls != nil && (handler.certificateFingerprint == nil || handler.certificateFingerprint != table[pid]?.fingerprint) {
                refusals.refused("Process(\(myid)) - Invalid TLS certificate sent by remote.")
                return context.close(promise: nil)
            }
            let link = PeerLink(pid: pid, channel: context.channel, cluster: self)
            handler.link = link
            links[pid] = link
            try? link.send(.identify(pid: myid))
            for p in connectWaiters.removeValue(forKey: pid) ?? [] { p.succeed(()) }
        case .joinAck:
            guard let link = handler.link else { return }
            joinWaiters.removeValue(forKey: link.pid)?.succeed(())
        case .peers(let peers):
            guard handler.link?.pid == 1 else { return }
            updateTable(peers)
        case .connectTo(let pid):
            guard let link = handler.link else { return }
            if role == .master {
                // a worker asks for a connection from a higher pid: pass the request on
                try? links[pid]?.send(.connectTo(pid: link.pid))
            } else if pid < myid, links[pid] == nil {
                connect(to: pid)
            }
        case .heartbeat:
            break  // counted as heard, like every message
        case .memoryProbe(let name, let token):
            guard let link = handler.link else { return }
            try? link.send(.memoryProbeAck(link.transfers.answerProbe(name: name, token: token)))
        case .memoryProbeAck(let ok):
            handler.link?.transfers.probeAnswered(ok)
        case .error(let rrid, let text):
            let e = JuliaError.remote(pid: handler.link?.pid ?? 0, JuliaError.error(text).value)
            if let r = rrid { runtime.pgrp.handleIncoming(from: handler.link?.pid ?? 0, .result(r, e.value)) }
        case .call(let f, let args, let kw, let rrid, let notify):
            guard let link = handler.link else { return }
            runtime.pgrp.handleIncoming(from: link.pid, .call(f: f, args: args, kw: kw, rrid: rrid, notify: notify))
        case .result(let r, let v):
            guard let link = handler.link else { return }
            runtime.pgrp.handleIncoming(from: link.pid, .result(r, v))
        case .addClients(let l):
            guard let link = handler.link else { return }
            runtime.pgrp.handleIncoming(from: link.pid, .addClients(l))
        case .delClients(let l):
            guard let link = handler.link else { return }
            runtime.pgrp.handleIncoming(from: link.pid, .delClients(l))
        }
    }

    /// A call or result that could not be decoded becomes the call's error.
    func reportUndecodable(_ error: Error, rrid: RRID?, notify: RRID?, kind: MessageKind, from source: Int) {
        var exception: Value
        if case WireError.undefined(let jv) = error {
            exception = jv.error.value
        } else if case WireError.undecodableException(let type, let why) = error {
            // as Julia: what could be learnt of the exception, and why the rest could not be
            func captured(_ v: Value) -> Value { .obj(JStruct(.capturedException, [v, .arr(JArray(eltype: .any, dims: [0]))])) }
            let text = "Error deserializing a remote exception from worker \(source)\nRemote(original) exception of type \(type)\nRemote stacktrace : "
            let parts = [captured(JuliaError.error(text).value), captured(why.error.value)]
            exception = JuliaError.make(.compositeException, [.arr(runtime.collectedArray(parts, dims: Dims(2)))]).value
        } else {
            exception = JuliaError.error("Error deserializing a remote message from process \(source): \(error)").value
        }
        // a result comes from the process that ran the call; a call's error is this one's
        let remote = JuliaError.remote(pid: kind == .result ? source : myid, exception).value
        if kind == .result {
            if let r = rrid { runtime.pgrp.handleIncoming(from: source, .result(r, remote)) }
            return
        }
        if let r = rrid { runtime.pgrp.storeFailedCall(r, remote) }
        if let n = notify {
            try? links[n.whence]?.send(.result(n, remote))
        } else if rrid == nil {
            runtime.output.writeError("ERROR: " + runtime.errorMessage(remote, nil) + "\n")
        }
    }

    /// A reference travels to `dest`: its owner learns that `dest` holds it.
    func referenceSent(_ r: RemoteRef, to dest: Int) {
        if r.owner == myid {
            runtime.pgrp.store.addClientFromSend(r.rrid, dest)
        } else if let owner = links[r.owner] {
            try? owner.send(.addClients([(r.rrid, dest)]))
        }
    }

    func updateTable(_ peers: [PeerAddress]) {
        let old = Set(table.keys)
        table = [:]
        for p in peers where p.pid != myid { table[p.pid] = p }
        for p in old where table[p] == nil && p != myid { processGone(p) }
        if !trustWaiters.isEmpty { trustChanged() }
        runtime.pgrp.updateKnownPids(through: peers.map { $0.pid }.max() ?? 1)
    }

    // MARK: Connections

    func connectionClosed(_ handler: MessageHandler) {
        guard let link = handler.link else { return }
        link.transfers.connectionClosed()
        if links[link.pid] === link {
            links.removeValue(forKey: link.pid)
            processGone(link.pid)
        }
    }

    /// A worker's output ended: it has exited.
    func outputClosed(_ pid: Int) {
        processGone(pid)
        processes.removeValue(forKey: pid)
    }

    /// A process has ended (its connection closed or its output ended).
    func processGone(_ pid: Int) {
        guard !gone.contains(pid), pid != myid else { return }
        gone.insert(pid)
        if role == .worker && pid == 1 {
            onMasterGone?()
            return
        }
        handlesLock.lock()
        let quiet = shuttingDown
        handlesLock.unlock()
        let wasRemoving = removing.contains(pid) || quiet
        if role == .master && !wasRemoving && order.contains(pid) {
            runtime.output.writeError("Worker \(pid) terminated.\n")
        }
        order.removeAll { $0 == pid }
        table.removeValue(forKey: pid)
        if let l = links.removeValue(forKey: pid) { l.channel.close(promise: nil) }
        for p in connectWaiters.removeValue(forKey: pid) ?? [] { p.fail(JuliaError.processExited(pid)) }
        joinWaiters.removeValue(forKey: pid)?.fail(JuliaError.processExited(pid))
        runtime.pgrp.processExited(pid)
        if let h = processes[pid] { h.closeInput() }
        if role == .master { broadcastTable() }
    }

    /// Sends every worker the current table of workers.
    func broadcastTable() {
        let peers = order.compactMap { table[$0] }
        for p in order { try? links[p]?.send(.peers(peers)) }
    }

    /// Makes sure a connection to `pid` exists, waiting (in the task) for it if needed.
    func ensureConnected(_ t: Ctx, _ pid: Int) throws {
        if links[pid] != nil { return }
        if gone.contains(pid) || runtime.pgrp.deadProcesses.contains(pid) { throw JuliaError.processExited(pid) }
        if fixedConnections && pid != 1 && myid != 1 {
            throw JuliaError.error("no connection to worker \(pid): the cluster's topology (:master_worker or :custom) does not connect \(myid) to it")
        }
        guard role == .worker, table[pid] != nil else {
            if pid > 0 && pid < max(nextPid, runtime.pgrp.nextKnownPid) { throw JuliaError.processExited(pid) }
            throw JuliaError.error("no process with id \(pid) exists")
        }
        let p = loop.makePromise(of: Void.self)
        let first = connectWaiters[pid] == nil
        connectWaiters[pid, default: []].append(p)
        if first {
            if myid > pid {
                connect(to: pid)
            } else {
                // the higher pid connects: ask it through process 1
                try? links[1]?.send(.connectTo(pid: pid))
            }
        }
        let timeout = loop.scheduleTask(in: .seconds(60)) {
            p.fail(JuliaError.error("timed out connecting to process \(pid)"))
        }
        defer { timeout.cancel() }
        try t.await(p.futureResult)
    }

    /// Connects to a lower-pid worker (worker to worker).
    func connect(to pid: Int) {
        guard let addr = table[pid] else {
            for p in connectWaiters.removeValue(forKey: pid) ?? [] { p.fail(JuliaError.processExited(pid)) }
            return
        }
        let connected = loop.makePromise(of: Void.self)
        let done = loop.makePromise(of: Void.self)
        identifyAcks[pid] = done
        openConnection(host: addr.host, port: addr.port, local: addr.local, claim: myid, peerPid: pid, fingerprint: addr.fingerprint, done: connected) { link in
            try? link.send(.identify(pid: self.myid))
        }
        // usable once the peer has answered the identification
        connected.futureResult.assumeIsolated().whenFailure { e in self.identifyAcks.removeValue(forKey: pid)?.fail(e) }
        let timeout = loop.assumeIsolated().scheduleTask(in: .seconds(20)) {
            self.identifyAcks.removeValue(forKey: pid)?.fail(JuliaError.error("worker \(pid) did not answer"))
        }
        done.futureResult.assumeIsolated().whenComplete { r in
            timeout.cancel()
            let waiters = self.connectWaiters.removeValue(forKey: pid) ?? []
            switch r {
            case .success: for w in waiters { w.succeed(()) }
            case .failure: for w in waiters { w.fail(JuliaError.processExited(pid)) }
            }
        }
    }

    /// Opens an authenticated connection and registers its link for `peerPid`; in an encrypted
    /// cluster, over TLS with a peer whose certificate has `fingerprint`. On the loop, as
    /// everything the cluster does: the connection's channel lives on the same loop, so its
    /// initializer (a `@Sendable` closure to NIO) reaches the cluster and `then` through
    /// `NIOLoopBound`, which checks that (the cluster unretained, as before: it outlives its
    /// connections).
    /// `local` is the name of the peer's Unix-domain socket (see `listen`), tried first: a
    /// peer in this network namespace answers there, any other over TCP.
    func openConnection(host: String, port: Int, local: String = "", claim: Int, peerPid: Int, fingerprint: [UInt8],
                        done: EventLoopPromise<Void>, then: @escaping (PeerLink) -> Void) {
        if tls != nil && fingerprint.count != WireFormat.fingerprintLength {
            return done.fail(JuliaError.error("no TLS certificate fingerprint known for process \(peerPid)"))
        }
        if Cluster.localSockets, !local.isEmpty, let address = try? Cluster.localAddress(local) {
            let attempt = loop.makePromise(of: Void.self)
            clientBootstrap(claim: claim, peerPid: peerPid, fingerprint: fingerprint, done: attempt, then: then)
                .connect(to: address).assumeIsolated().whenComplete { [unowned(unsafe) self] r in
                    switch r {
                    case .success:
                        attempt.futureResult.cascade(to: done)
                    case .failure(let e):
                        attempt.fail(e)
                        self.openConnection(host: host, port: port, claim: claim, peerPid: peerPid, fingerprint: fingerprint,
                                            done: done, then: then)
                    }
                }
            return
        }
        let tcp = Cluster.keepAlive(clientBootstrap(claim: claim, peerPid: peerPid, fingerprint: fingerprint, done: done, then: then)
            .channelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1))
        tcp.connect(host: host, port: port).whenFailure { e in done.fail(e) }
    }

    /// A client for one connection to `peerPid`, authenticated (and in an encrypted cluster
    /// wrapped in TLS) before its link is registered and `done` succeeds.
    private func clientBootstrap(claim: Int, peerPid: Int, fingerprint: [UInt8], done: EventLoopPromise<Void>,
                                 then: @escaping (PeerLink) -> Void) -> ClientBootstrap {
        let cookie = self.cookie
        let tls = self.tls
        let mismatch = PeerCertificate()
        let bound = NIOLoopBound((cluster: Unmanaged.passUnretained(self), then: then), eventLoop: loop)
        return ClientBootstrap(group: loop)
            .connectTimeout(.seconds(20))
            .channelInitializer { ch in
                let (unmanaged, then) = bound.value
                let cluster = unmanaged.takeUnretainedValue()
                let handshake = HandshakeHandler(role: .connecting(claimedPid: claim), cookie: cookie, onSuccess: { [unowned(unsafe) cluster] ctx, _ in
                    let handler = MessageHandler(cluster: cluster)
                    let link = PeerLink(pid: peerPid, channel: ctx.channel, cluster: cluster)
                    handler.link = link
                    do {
                        try ctx.pipeline.syncOperations.addHandler(handler,
                                                                   position: .after(ctx.handler))
                    } catch {
                        done.fail(error)
                        return
                    }
                    cluster.links[peerPid] = link
                    then(link)
                    done.succeed(())
                }, onFailure: { why in
                    let reason = mismatch.refused ? "its TLS certificate is not the one it announced" : why
                    done.fail(JuliaError.error("could not authenticate with process \(peerPid): \(reason)"))
                })
                return ch.eventLoop.makeCompletedFuture {
                    if let tls {
                        try ch.pipeline.syncOperations.addHandler(tls.clientHandler(expecting: fingerprint) { mismatch.refused = true })
                    }
                    try ch.pipeline.syncOperations.addHandler(handshake)
                }
            }
    }

    /// Accepts connections on `host` (a worker's listening socket), and on an abstract
    /// Unix-domain socket of its own (`localName`) for processes in the same network
    /// namespace; the future holds the port. On the loop; the accepted channels live on it
    /// too (see `openConnection`).
    func listen(host: String, port: Int) -> EventLoopFuture<Int> {
        let tcp = serverBootstrap()
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.so_keepalive), value: 1)
            .childChannelOption(ChannelOptions.Types.SocketOption(level: .tcp, name: .init(rawValue: CInt(TCP_KEEPIDLE))), value: Cluster.keepAliveIdle)
            .childChannelOption(ChannelOptions.Types.SocketOption(level: .tcp, name: .init(rawValue: CInt(TCP_KEEPINTVL))), value: Cluster.keepAliveInterval)
            .childChannelOption(ChannelOptions.Types.SocketOption(level: .tcp, name: .init(rawValue: CInt(TCP_KEEPCNT))), value: Cluster.keepAliveProbes)
            .childChannelOption(ChannelOptions.Types.SocketOption(level: .tcp, name: .init(rawValue: CInt(TCP_USER_TIMEOUT))), value: Cluster.userTimeoutMs)
        return tcp.bind(host: host, port: port).assumeIsolated().flatMap { [unowned(unsafe) self] ch in
            self.server = ch
            let port = ch.localAddress?.port ?? 0
            let name = self.newLocalName()
            guard Cluster.localSockets, let address = try? Cluster.localAddress(name) else {
                return self.loop.makeSucceededFuture(port)
            }
            // a process that cannot have one still listens on TCP: nothing depends on it
            return self.serverBootstrap().bind(to: address).assumeIsolated().map { _ in
                self.localName = name
                return port
            }.recover { _ in port }.nonisolated()
        }.nonisolated()
    }

    /// A name for this process's Unix-domain socket: unguessable, so that no other process
    /// can take it first, and distinct on every host.
    func newLocalName() -> String {
        var g = SystemRandomNumberGenerator()
        return "dist-\(getpid())-" + String(g.next() as UInt64, radix: 16)
    }

    /// The address of the abstract Unix-domain socket `name` (Linux's namespace of sockets
    /// that are not files: nothing to remove when the process ends, and reachable only from
    /// the network namespace it was made in, so a worker on another host or namespace is
    /// reached over TCP even when the names are known).
    static func localAddress(_ name: String) throws -> SocketAddress {
        try SocketAddress(unixDomainSocketPath: "\0" + name)
    }

    /// Connections between processes in one network namespace go through Unix-domain
    /// sockets unless `DIST_LOCAL_SOCKETS=0` (then TCP over loopback, as between hosts).
    static let localSockets = ProcessInfo.processInfo.environment["DIST_LOCAL_SOCKETS"] != "0"

    /// A server for this process's listening sockets: every connection it accepts is
    /// authenticated (and, in an encrypted cluster, wrapped in TLS) before its messages are read.
    private func serverBootstrap() -> ServerBootstrap {
        let cookie = self.cookie
        let tls = self.tls
        let bound = NIOLoopBound(Unmanaged.passUnretained(self), eventLoop: loop)
        return ServerBootstrap(group: loop)
            .childChannelInitializer { ch in
                let cluster = bound.value.takeUnretainedValue()
                let certificate = PeerCertificate()
                let handshake = HandshakeHandler(role: .accepting, cookie: cookie, onSuccess: { [unowned(unsafe) cluster] ctx, _ in
                    let handler = MessageHandler(cluster: cluster)
                    handler.certificateFingerprint = certificate.fingerprint
                    try? ctx.pipeline.syncOperations.addHandler(handler,
                                                                position: .after(ctx.handler))
                }, onFailure: { [unowned(unsafe) cluster] why in
                    if certificate.refused {
                        cluster.refusals.refused("Process(\(cluster.myid)) - Invalid TLS certificate sent by remote.")
                    } else if why.hasPrefix("Invalid") {
                        cluster.refusals.refused("Process(\(cluster.myid)) - \(why)")
                    }
                })
                return ch.eventLoop.makeCompletedFuture {
                    if let tls {
                        try ch.pipeline.syncOperations.addHandler(tls.serverHandler { [unowned(unsafe) cluster] fingerprint, promise in
                            certificate.fingerprint = fingerprint
                            cluster.trustClient(fingerprint, promise) { certificate.refused = true }
                        })
                    }
                    try ch.pipeline.syncOperations.addHandler(handshake)
                }
            }
    }

    // MARK: Dead peers

    /// Every connection probes a silent peer (TCP keepalive) and gives up on data nobody
    /// acknowledges, so a process whose peer vanished without closing anything — its host
    /// crashed, or the network was cut — sees the connection end within about 30 s: a worker
    /// then exits (no orphans), and process 1 reports the worker terminated. The kernel
    /// answers the probes, so a busy process is never taken for a dead one.
    /// `DIST_DEATH_TIMEOUT` (seconds, default 30) sets the bound.
    static var deathTimeout: Int { max(6, Int(ProcessInfo.processInfo.environment["DIST_DEATH_TIMEOUT"] ?? "") ?? 30) }
    static var keepAliveIdle: Int { deathTimeout / 2 }
    static var keepAliveInterval: Int { max(1, deathTimeout / 6) }
    static var keepAliveProbes: Int { 3 }
    static var userTimeoutMs: Int { deathTimeout * 1000 }

    static func keepAlive(_ b: ClientBootstrap) -> ClientBootstrap {
        b.channelOption(ChannelOptions.socketOption(.so_keepalive), value: 1)
            .channelOption(ChannelOptions.Types.SocketOption(level: .tcp, name: .init(rawValue: CInt(TCP_KEEPIDLE))), value: keepAliveIdle)
            .channelOption(ChannelOptions.Types.SocketOption(level: .tcp, name: .init(rawValue: CInt(TCP_KEEPINTVL))), value: keepAliveInterval)
            .channelOption(ChannelOptions.Types.SocketOption(level: .tcp, name: .init(rawValue: CInt(TCP_KEEPCNT))), value: keepAliveProbes)
            .channelOption(ChannelOptions.Types.SocketOption(level: .tcp, name: .init(rawValue: CInt(TCP_USER_TIMEOUT))), value: userTimeoutMs)
    }

    // MARK: Ending

    /// Stops every worker (process 1 exiting): their input closes, so they exit; their last
    /// output is printed before this process ends.
    public func shutdown() {
        MemoryTransfers.unlinkAll()
        handlesLock.lock()
        let handles = allHandles
        shuttingDown = true
        handlesLock.unlock()
        guard role == .master, !handles.isEmpty else { return }
        for h in handles { h.closeInput() }
        let deadline = monotonicSeconds() + 2.0
        for h in handles { h.waitForExit(until: deadline) }
        // give the output readers a moment to print what the workers wrote last
        if !loop.inEventLoop {
            let drained = DispatchSemaphore(value: 0)
            loop.execute { drained.signal() }
            _ = drained.wait(timeout: .now() + .milliseconds(300))
        }
    }
}

extension RemoteValueStore {
    /// A reference was sent to `pid` by its owner.
    func addClientFromSend(_ rrid: RRID, _ pid: Int) { addClientPublic(rrid, pid) }
}
