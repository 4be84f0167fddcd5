import CDistSupport
#if canImport(Glibc)
import Glibc
#endif

/// A task (Julia's `Task`): a body run on its own coroutine, switching only when it blocks.
public final class JTask: JObject {
    /// The life of a task.
    public enum State { case created, runnable, running, blocked, done, failed }

    public internal(set) var state: State = .created
    /// What the task runs.
    let body: (Ctx) throws -> Value
    /// The value the body returned.
    public internal(set) var result: Value = .nothing
    /// The error the body threw.
    public internal(set) var error: JuliaError?
    /// The execution context (value stack and frame), made when the task starts.
    public internal(set) var ctx: Ctx?
    var stack: TaskStack?
    /// Set by whoever wakes the task with an error (an interrupt, a closed channel).
    var wakeError: JuliaError?
    /// Tasks waiting for this one to finish, with their wait tokens.
    var waiters: [(JTask, Int)] = []
    /// Actions run when the task finishes (in the scheduler's thread).
    public var onFinish: [(JTask) -> Void] = []
    /// The `@sync` groups the task belongs to, inherited by tasks it starts.
    var syncGroups: [SyncGroup] = []
    /// Large native stack (the REPL's evaluation task).
    let bigStack: Bool
    /// Incremented on every wake-up; a waiter records it so that a stale registration (from a
    /// wait that ended another way) cannot wake the task later.
    public internal(set) var waitToken = 0
    /// The module `include` and `eval` use (set for top-level evaluation tasks).
    public var module: JModule?
    /// Whether SIGINT may interrupt this task.
    public var interruptible = false

    public init(bigStack: Bool = false, _ body: @escaping (Ctx) throws -> Value) {
        self.body = body
        self.bigStack = bigStack
    }

    public override var jtype: JType { JType.task }

    /// True once the body has returned or thrown.
    public var isDone: Bool { state == .done || state == .failed }
}

/// The stacks a running task uses: a coroutine (native stack) and a value stack. Pooled.
final class TaskStack {
    let coro: OpaquePointer
    let values: UnsafeMutablePointer<Value>
    let valueCapacity: Int
    let valueBytes: Int
    let big: Bool

    init?(big: Bool, entry: @convention(c) (UnsafeMutableRawPointer?) -> Void, arg: UnsafeMutableRawPointer) {
        let nativeSize = big ? 256 << 20 : 8 << 20
        guard let c = dist_coro_create(nativeSize, entry, arg) else { return nil }
        coro = c
        valueCapacity = big ? 4 << 20 : 256 << 10
        valueBytes = valueCapacity * MemoryLayout<Value>.stride
        // zero-filled pages read as `.int(0)`, so the stack needs no initialisation
        let p = mmap(nil, valueBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
        guard let mem = p, mem != MAP_FAILED else {
            dist_coro_destroy(c)
            return nil
        }
        values = mem.bindMemory(to: Value.self, capacity: valueCapacity)
        self.big = big
    }

    /// Clears values left on the stack so that the objects they hold are released.
    func clear(upTo n: Int) {
        for i in 0..<min(n, valueCapacity) { values[i] = .int(0) }
    }

    deinit {
        dist_coro_destroy(coro)
        munmap(values, valueBytes)
    }
}
