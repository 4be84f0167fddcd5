import DequeModule

/// The distributed state of one process: Julia's process group (`Distributed.PGRP`).
///
/// The language's runtime (`Runtime`) owns modules, tasks and values; everything that makes a
/// process part of a cluster lives here instead: its pid and role, the transport
/// (`ClusterBackend`), the values it stores for remote references and their holders, the
/// calls it waits on, the reference objects alive in it, the default worker pool, the
/// topology, and its shared-memory mappings. The remote-call primitives (`remotecall`,
/// `fetch`, …) are methods of this type, in the files `ProcessGroup+*.swift`:
///
///   ProcessGroup+Calls.swift       remotecall, remotecall_fetch, remotecall_wait, remote_do
///   ProcessGroup+References.swift  Futures, RemoteChannels, reference counting
///   ProcessGroup+Messages.swift    incoming messages, processes that exit
///   SharedArrays.swift             SharedArray segments and mappings
///
/// The transport reaches this object through `ClusterBackend`'s calls (`handleIncoming`,
/// `processExited`, `updateKnownPids`) and never writes its fields.
public final class ProcessGroup {
    /// The runtime of this process (builtins and tasks run there).
    public unowned(unsafe) let rt: Runtime
    /// How messages reach other processes; a single-process backend until the cluster
    /// installs its own.
    public var backend: ClusterBackend

    /// `:master` on process 1, `:worker` elsewhere (Julia's `myrole()`).
    public var isWorker = false
    /// Counter for the `Future` and `RemoteChannel` ids this process creates.
    var nextRefID = 1
    /// The values this process owns for remote references.
    public let store = RemoteValueStore()
    /// Results awaited by `remotecall_fetch` and `remotecall_wait`: a slot and the process
    /// that will answer.
    var pendingResults: [RRID: ResultSlot] = [:]
    /// Reference objects alive in this process, by id.
    var liveRefs: [RRID: WeakRef] = [:]
    /// "Reference dropped" messages waiting to be sent, as (owner, id).
    var pendingDeletes: [(Int, RRID)] = []
    var flushScheduled = false
    /// Processes known to have exited.
    public internal(set) var deadProcesses: Set<Int> = []
    /// Tasks running incoming remote calls (what `interrupt()` stops when this process is idle).
    var runningCalls: [JTask] = []
    /// Pids below this were assigned at some point (so a missing one has exited).
    public internal(set) var nextKnownPid = 2
    /// Round-robin counter for `@spawnat :any`.
    var nextProcCounter = 0
    /// Worker pools alive in this process (its own and proxies of others'), by id.
    var pools: [RRID: WeakPool] = [:]
    /// `default_worker_pool()`, once made or fetched.
    var defaultWorkerPool: WorkerPoolObject?
    /// Records messages and remote calls while tracing is on (see Tracing.swift).
    public internal(set) var tracer: Tracer?
    /// `dist --trace FILE` / `trace_start(file)`: where `trace_stop()` writes (process 1).
    public var traceFile: String?

    /// What a SharedArray arriving from another process becomes here (tests may substitute
    /// their own).
    public lazy var sharedArrayMapper: (SharedArraySpec) throws -> Value = { [unowned(unsafe) self] spec in
        try self.receiveShared(spec)
    }
    /// The mappings this process keeps as a participant of shared arrays it did not make,
    /// by segment (see SharedArrays.swift).
    var sharedMappings: [String: AnyObject] = [:]
    /// The SharedArray objects of this process, by id: one object per array and process.
    var sharedObjects: [String: WeakArray] = [:]
    /// Every mapping this process has, by segment (a reshape arriving finds its memory here).
    var liveMappings: [String: WeakMapping] = [:]
    /// `SharedArrays.sa_refs`: the ids of the SharedArrays this process made and still maps.
    var sharedRefs: JDict?
    /// Numbers the shared memory segments this process makes.
    var sharedCounter = 0

    init(runtime: Runtime) {
        rt = runtime
        backend = LocalBackend()
    }

    /// Installs the transport (the cluster does this once, when the process starts).
    public func install(_ backend: ClusterBackend) {
        self.backend = backend
    }

    /// This process's id.
    public var myid: Int { backend.myid }

    /// Records that pids up to `pid` have been handed out (a pid below it that is missing
    /// has exited).
    public func updateKnownPids(through pid: Int) {
        nextKnownPid = max(nextKnownPid, pid + 1)
    }

    /// Consumes a reference id for a reference the cluster makes internally (Julia numbers one
    /// per joining worker and one for the default pool, so the ids users see match Julia's).
    public func reserveReferenceID() {
        nextRefID += 1
    }

    /// A new reference id created by this process.
    public func newRRID() -> RRID {
        let r = RRID(whence: myid, id: nextRefID)
        nextRefID += 1
        return r
    }

    /// The next worker in round-robin order (`@spawnat :any`, `nextproc()`).
    public func nextProc() -> Int {
        let ws = backend.workers()
        let p = ws[nextProcCounter % ws.count]
        nextProcCounter += 1
        return p
    }

    /// Stops every worker (process 1 exiting).
    public func shutdown() {
        backend.shutdown()
    }

    /// Interrupts the incoming calls that are waiting (a worker's `interrupt()` when it is not
    /// running any task).
    public func interruptWaitingCalls() {
        for task in runningCalls where task.state == .blocked {
            rt.scheduler.wake(task, error: JuliaError.interrupt)
        }
    }
}

/// A weak reference to a remote reference object.
final class WeakRef {
    weak var ref: RemoteRef?
    init(_ r: RemoteRef) { ref = r }
}
