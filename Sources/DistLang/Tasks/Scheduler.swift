import CDistSupport
import DequeModule

/// Runs tasks one at a time on one thread, switching only when the running task blocks.
///
/// This is Julia's cooperative model, which the reference's examples rely on (feeder tasks
/// share a counter without a lock). Each task runs on its own coroutine; blocking switches
/// back to the scheduler's home context (the driver thread's own stack), which then runs the
/// next ready task or returns to the driver to wait for events.
public final class Scheduler {
    public let driver: EventDriver
    private var ready = Deque<JTask>()
    /// The running task, or nil when the scheduler's home context is running.
    public private(set) var current: JTask?
    private let home: OpaquePointer
    private var drainPosted = false
    private var draining = false
    private var pool: [TaskStack] = []
    private var bigPool: [TaskStack] = []
    private static let poolLimit = 16
    /// The runtime whose tasks these are (set by the runtime).
    unowned(unsafe) var runtime: Runtime?
    /// Count of live (started, unfinished) tasks, for introspection.
    public private(set) var liveTasks = 0
    /// Whether a task waits to run.
    public var hasReady: Bool { !ready.isEmpty }

    public init(driver: EventDriver) {
        self.driver = driver
        home = dist_coro_current_thread()
    }

    deinit {
        dist_coro_destroy(home)
    }

    // MARK: Starting and waking

    /// Makes a new task runnable.
    public func schedule(_ t: JTask) {
        guard t.state == .created else { return }
        t.state = .runnable
        liveTasks += 1
        ready.append(t)
        requestDrain()
    }

    /// Makes a blocked task runnable again, optionally delivering an error to it. With a
    /// `token` (the task's `waitToken` when it registered), a stale registration is ignored.
    public func wake(_ t: JTask, token: Int? = nil, error: JuliaError? = nil) {
        guard t.state == .blocked else { return }
        if let tok = token, tok != t.waitToken { return }
        if let e = error { t.wakeError = e }
        t.waitToken &+= 1
        t.state = .runnable
        ready.append(t)
        requestDrain()
    }

    private func requestDrain() {
        if draining || drainPosted { return }
        drainPosted = true
        driver.post { [self] in
            self.drainPosted = false
            self.runReady()
        }
    }

    // MARK: Blocking

    /// Suspends the running task until `wake`. Throws the error it was woken with.
    public func block() throws {
        guard let t = current, let st = t.stack else {
            throw JuliaError.error("cannot block outside a task")
        }
        t.state = .blocked
        current = nil
        dist_coro_switch(st.coro, home)
        if let e = t.wakeError {
            t.wakeError = nil
            throw e
        }
    }

    /// Lets other ready tasks run, then continues (`yield()`).
    public func yield() throws {
        guard let t = current, let st = t.stack else { return }
        t.state = .runnable
        ready.append(t)
        current = nil
        dist_coro_switch(st.coro, home)
        if let e = t.wakeError {
            t.wakeError = nil
            throw e
        }
    }

    /// Suspends the running task for `seconds`.
    public func sleep(_ seconds: Double) throws {
        guard let t = current else { throw JuliaError.error("cannot sleep outside a task") }
        let token = t.waitToken
        driver.schedule(after: seconds) { [self, t] in
            self.wake(t, token: token)
        }
        try block()
    }

    /// Waits until `task` has finished.
    public func wait(for task: JTask) throws {
        if task.isDone { return }
        guard let me = current else { throw JuliaError.error("cannot wait outside a task") }
        if task === me { throw JuliaError.error("deadlock detected: cannot wait on current task") }
        task.waiters.append((me, me.waitToken))
        try block()
    }

    // MARK: Running

    /// Runs ready tasks until none is left. Called on the home context only.
    public func runReady() {
        if draining || current != nil { return }
        draining = true
        defer { draining = false }
        while let t = ready.popFirst() {
            if t.state != .runnable { continue }
            if t.stack == nil && !start(t) { continue }
            guard let st = t.stack else { continue }
            current = t
            t.state = .running
            dist_coro_switch(home, st.coro)
            current = nil
            if t.isDone {
                recycle(st)
                t.stack = nil
            }
        }
    }

    private func start(_ t: JTask) -> Bool {
        let arg = Unmanaged.passUnretained(t).toOpaque()
        var st: TaskStack?
        if t.bigStack, let s = bigPool.popLast() {
            dist_coro_reset(s.coro, taskEntry, arg)
            st = s
        } else if !t.bigStack, let s = pool.popLast() {
            dist_coro_reset(s.coro, taskEntry, arg)
            st = s
        } else {
            st = TaskStack(big: t.bigStack, entry: taskEntry, arg: arg)
        }
        guard let stack = st else {
            t.error = JuliaError.error("out of memory starting a task")
            t.state = .failed
            finish(t)
            return false
        }
        t.stack = stack
        guard let rt = runtime else { return false }
        t.ctx = Ctx(runtime: rt, task: t, stack: stack)
        return true
    }

    private func recycle(_ st: TaskStack) {
        if st.big {
            if bigPool.count < 2 { bigPool.append(st) }
        } else if pool.count < Scheduler.poolLimit {
            pool.append(st)
        }
    }

    /// Runs a task's body on its coroutine (called from `taskEntry`).
    @inline(never)
    fileprivate func run(_ t: JTask) {
        guard let ctx = t.ctx else { return }
        do {
            if let e = t.startError { throw e }
            t.result = try t.body(ctx)
            t.state = .done
        } catch let e as JuliaError {
            t.error = e
            t.state = .failed
        } catch {
            t.error = JuliaError.error("\(error)")
            t.state = .failed
        }
        t.ctx = nil
        finish(t)
    }

    private func finish(_ t: JTask) {
        liveTasks -= 1
        let ws = t.waiters
        t.waiters = []
        for (w, tok) in ws { wake(w, token: tok) }
        let cbs = t.onFinish
        t.onFinish = []
        for cb in cbs { cb(t) }
    }

    /// The coroutine pair to switch through when a task's body has returned.
    fileprivate func finalSwitch(_ t: JTask) -> (OpaquePointer, OpaquePointer)? {
        guard let st = t.stack else { return nil }
        current = nil
        return (st.coro, home)
    }
}

/// The coroutine entry point: runs the task, then switches home for the last time. Only raw
/// pointers stay live in this frame when it switches away, so the abandoned frame holds no
/// references.
private let taskEntry: @convention(c) (UnsafeMutableRawPointer?) -> Void = { arg in
    guard let arg = arg else { return }
    let pair = runTaskAndGetSwitch(arg)
    if let (from, to) = pair { dist_coro_switch(from, to) }
}

@inline(never)
private func runTaskAndGetSwitch(_ arg: UnsafeMutableRawPointer) -> (OpaquePointer, OpaquePointer)? {
    let t = Unmanaged<JTask>.fromOpaque(arg).takeUnretainedValue()
    guard let sched = t.ctx?.runtime.scheduler else { return nil }
    sched.run(t)
    return sched.finalSwitch(t)
}
