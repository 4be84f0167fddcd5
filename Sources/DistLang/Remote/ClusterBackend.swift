/// How the interpreter reaches other processes. The language target knows nothing of sockets:
/// the cluster target implements this protocol; `LocalBackend` is the single-process one.
public protocol ClusterBackend: AnyObject {
    /// This process's id.
    var myid: Int { get }
    /// All process ids, 1 included.
    func procs() -> [Int]
    /// Worker ids (`[1]` when there are none).
    func workers() -> [Int]
    /// Whether `pid` is one of `procs()` (checked on every remote call, without building the list).
    func hasProcess(_ pid: Int) -> Bool
    /// `addprocs(manager; kw...)`: runs the manager's `launch` and connects every worker it
    /// launches; returns their pids.
    func addprocs(_ t: Ctx, manager: Value, options: [(JSym, Value)]) throws -> [Int]
    /// The `launch` of a built-in manager (`LocalManager`, `SSHManager`, `SlurmManager`):
    /// starts workers and appends a `WorkerConfig` for each to `launched`, notifying `notify`.
    func launchBuiltin(_ t: Ctx, manager: Value, params: Value, launched: JArray, notify: JCondition) throws
    /// This program's path (how workers are started by default).
    var executablePath: String { get }
    /// On a worker: starts `count` more workers on this host for process 1 (its
    /// `launch_n_additional_processes`); returns where each listens, as `(addr, port)`.
    func launchAdditionalWorkers(_ t: Ctx, count: Int, exename: Value, exeflags: Value, env: Value) throws -> [Value]
    /// On a worker: what the worker it started listening on `port` prints is worker `pid`'s.
    func redirectAdditional(pid: Int, port: Int)
    /// On a worker: interrupts the worker it started listening on `port`.
    func interruptAdditional(port: Int)
    /// Removes workers.
    func rmprocs(_ t: Ctx, _ pids: [Int], waitfor: Double) throws
    /// Sends a message to process `pid` (not this one).
    func send(_ t: Ctx, to pid: Int, _ message: RemoteMessage) throws
    /// Sends a message outside any task (reference bookkeeping); failures are ignored.
    func sendQuietly(to pid: Int, _ message: RemoteMessage)
    /// Interrupts workers (`interrupt()`).
    func interrupt(_ pids: [Int]) throws
    /// On a worker: sends process 1 a heartbeat every `seconds` from now on (process 1 asked,
    /// because the worker was added with a `heartbeat_timeout`).
    func startHeartbeats(every seconds: Double)
    /// Stops every worker this process started (process 1 exiting).
    func shutdown()
    /// The cluster's cookie.
    var cookie: String { get set }
    /// Every process this one knows, itself included, with whether a connection to it is up
    /// and how it was started (`Distributed.PGRP.workers`).
    func peers() -> [PeerStatus]
    /// The address and port this process listens on (`Distributed.LPROC`).
    var listenAddress: (String, Int) { get }
    /// `:all_to_all`, `:master_worker` or `:custom` (the `topology` given to `addprocs`).
    var topology: String { get }
    /// Whether worker-to-worker connections are made on first use (`lazy`), if set.
    var lazy: Bool? { get }
    /// Whether two processes run on the same host (and so can share memory).
    func sameHost(_ a: Int, _ b: Int) -> Bool
}

/// A process as the transport knows it.
public struct PeerStatus {
    public let pid: Int
    /// A connection to it is up.
    public let connected: Bool
    /// How it was started: a `WorkerConfig`, or nothing.
    public let config: Value

    public init(pid: Int, connected: Bool, config: Value) {
        self.pid = pid
        self.connected = connected
        self.config = config
    }
}

/// The messages remote operations send between processes.
public enum RemoteMessage {
    /// Run `f(args...; kw...)`; store the result under `rrid` (a Future's id), send it to
    /// `notify` (a waiting `remotecall_fetch`), or both (`remotecall_wait`), or neither (`remote_do`).
    case call(f: Value, args: [Value], kw: [(JSym, Value)], rrid: RRID?, notify: RRID?)
    /// The result for a waiting reference.
    case result(RRID, Value)
    /// The holder `pid` has copies of these references (distributed reference counting).
    case addClients([(RRID, Int)])
    /// The holder `pid` has dropped these references.
    case delClients([(RRID, Int)])
}

/// A remote reference's identity: the process that created it and a number unique there.
public struct RRID: Hashable, CustomStringConvertible {
    public let whence: Int
    public let id: Int

    public init(whence: Int, id: Int) {
        self.whence = whence
        self.id = id
    }

    public var description: String { "(\(whence), \(id))" }
}

/// The backend of a process alone: process 1 is its only worker.
public final class LocalBackend: ClusterBackend {
    public init() {}
    public var myid: Int { 1 }
    public func procs() -> [Int] { [1] }
    public func workers() -> [Int] { [1] }
    public func hasProcess(_ pid: Int) -> Bool { pid == 1 }
    public var cookie = Cookie.random()

    public func addprocs(_ t: Ctx, manager: Value, options: [(JSym, Value)]) throws -> [Int] {
        throw JuliaError.error("this process cannot start workers")
    }

    public func launchBuiltin(_ t: Ctx, manager: Value, params: Value, launched: JArray, notify: JCondition) throws {
        throw JuliaError.error("this process cannot start workers")
    }

    public var executablePath: String { CommandLine.arguments.first ?? "dist" }

    public func launchAdditionalWorkers(_ t: Ctx, count: Int, exename: Value, exeflags: Value, env: Value) throws -> [Value] {
        throw JuliaError.error("this process cannot start workers")
    }

    public func redirectAdditional(pid: Int, port: Int) {}
    public func interruptAdditional(port: Int) {}

    public func rmprocs(_ t: Ctx, _ pids: [Int], waitfor: Double) throws {}

    public func send(_ t: Ctx, to pid: Int, _ message: RemoteMessage) throws {
        throw JuliaError.error("no process with id \(pid) exists")
    }

    public func sendQuietly(to pid: Int, _ message: RemoteMessage) {}
    public func peers() -> [PeerStatus] { [PeerStatus(pid: 1, connected: true, config: .nothing)] }
    public var listenAddress: (String, Int) { ("127.0.0.1", 0) }
    public var topology: String { "all_to_all" }
    public var lazy: Bool? { nil }
    public func sameHost(_ a: Int, _ b: Int) -> Bool { true }
    public func interrupt(_ pids: [Int]) throws {}
    public func startHeartbeats(every seconds: Double) {}
    public func shutdown() {}
}

/// Cluster cookies: 16 printable characters.
public enum Cookie {
    public static func random() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var g = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet[Int(g.next() % UInt64(alphabet.count))] })
    }
}
