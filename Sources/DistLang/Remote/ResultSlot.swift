/// Where the answer to one `remotecall_fetch` or `remotecall_wait` waits: one value (or the
/// error that the answering process went away) and the one task waiting for it. A channel
/// would do the same with five objects more per call.
final class ResultSlot {
    /// The process that will answer.
    let pid: Int
    private var value: Value?
    private var error: JuliaError?
    private var waiter: JTask?
    private var token = 0

    init(pid: Int) { self.pid = pid }

    /// The answer arrived (a second one, which cannot happen, is ignored).
    func fill(_ v: Value, _ sched: Scheduler) {
        guard value == nil, error == nil else { return }
        value = v
        wakeWaiter(sched)
    }

    /// No answer will come.
    func fail(_ e: JuliaError, _ sched: Scheduler) {
        guard value == nil, error == nil else { return }
        error = e
        wakeWaiter(sched)
    }

    private func wakeWaiter(_ sched: Scheduler) {
        guard let t = waiter else { return }
        waiter = nil
        sched.wake(t, token: token)
    }

    /// The answer, waiting for it if it has not come yet.
    func take(_ t: Ctx) throws -> Value {
        let sched = t.runtime.scheduler
        while true {
            if let v = value { return v }
            if let e = error { throw e }
            guard let me = sched.current else { throw JuliaError.error("cannot wait outside a task") }
            waiter = me
            token = me.waitToken
            defer { waiter = nil }
            try sched.block()
        }
    }
}
