import DequeModule

/// Tasks waiting for a condition (a channel to have data, a future to be set), in order.
public final class WaitQueue {
    private var waiters = Deque<(JTask, Int)>()

    public init() {}

    /// True when nobody waits.
    public var isEmpty: Bool { waiters.isEmpty }

    /// Blocks the running task until notified (or woken with an error).
    public func wait(_ sched: Scheduler) throws {
        guard let me = sched.current else { throw JuliaError.error("cannot wait outside a task") }
        waiters.append((me, me.waitToken))
        try sched.block()
    }

    /// Wakes the first waiter that is still waiting; returns whether one was woken.
    @discardableResult
    public func notifyOne(_ sched: Scheduler, error: JuliaError? = nil) -> Bool {
        while let (t, tok) = waiters.popFirst() {
            if t.state == .blocked && t.waitToken == tok {
                sched.wake(t, token: tok, error: error)
                return true
            }
        }
        return false
    }

    /// Wakes every waiter; returns how many were still waiting.
    @discardableResult
    public func notifyAll(_ sched: Scheduler, error: JuliaError? = nil) -> Int {
        let all = waiters
        waiters.removeAll()
        var woken = 0
        for (t, tok) in all where t.state == .blocked && t.waitToken == tok {
            sched.wake(t, token: tok, error: error)
            woken += 1
        }
        return woken
    }
}
