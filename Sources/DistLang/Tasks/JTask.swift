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
    /// Who holds the locks this task takes: the task itself, or for the shell's inputs (each
    /// evaluated by a task of its own) the shell, as Julia evaluates every REPL input in one task.
    public var lockOwner: AnyObject?
    /// Whether SIGINT may interrupt this task.
    public var interruptible = false
    /// Where an incoming call's task is in its process group's `runningCalls` (-1: not there).
    var callIndex = -1
    /// `schedule(t, e; error = true)`: the task fails with `e` instead of running its body.
    public var startError: JuliaError?

    public init(bigStack: Bool = false, _ body: @escaping (Ctx) throws -> Value) {
        self.body = body
        self.bigStack = bigStack
    }

    public override var jtype: JType { JType.task }

    /// True once the body has returned or thrown.
    public var isDone: Bool { state == .done || state == .failed }

    /// A task that arrived from another process, as Julia's deserialised tasks: unfinished
    /// (it never runs here) until `arrived(result:)` or `arrived(error:)` says how it ended.
    public static func arrived() -> JTask { JTask { _ in .nothing } }

    public func arrived(result: Value) { state = .done; self.result = result }

    public func arrived(error: JuliaError) { state = .failed; self.error = error }
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

/// A task's fields, as Julia's `Task` shows them: `state` (`:runnable`, `:done`, `:failed`),
/// `result`, `exception`, and `queue` (the wait queue a scheduled task is on: something while
/// it waits to run, `nothing` once it is done).
extension JTask: FieldAccessible {
    public func field(_ name: JSym, _ t: Ctx) throws -> Value? {
        switch name.name {
        case "state":
            switch state {
            case .created, .runnable, .running, .blocked: return .sym(JSym.intern("runnable"))
            case .done: return .sym(JSym.intern("done"))
            case .failed: return .sym(JSym.intern("failed"))
            }
        case "result": return state == .failed ? (error?.value ?? .nothing) : result
        case "exception": return state == .failed ? (error?.value ?? .nothing) : .nothing
        case "queue": return state == .runnable || state == .blocked ? .sym(JSym.intern("workqueue")) : .nothing
        case "sticky": return .bool(false)
        default: return nil
        }
    }
}
