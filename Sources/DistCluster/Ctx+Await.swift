import DistLang
import NIOCore

extension Ctx {
    /// Suspends the running task until `future` completes (the event loop keeps running),
    /// and returns its value or throws its error. Tasks run on the event loop, and the
    /// process has only that one: the future completes on this thread, which NIO's isolated
    /// view checks.
    public func await<T>(_ future: EventLoopFuture<T>) throws -> T {
        let sched = runtime.scheduler
        guard let me = sched.current else { throw JuliaError.error("cannot wait outside a task") }
        var result: Result<T, Error>?
        let token = me.waitToken
        var blocked = false
        future.assumeIsolated().whenComplete { r in
            result = r
            if blocked { sched.wake(me, token: token) }
        }
        if result == nil {
            blocked = true
            try sched.block()
        }
        switch result {
        case .success(let v): return v
        case .failure(let e):
            if let je = e as? JuliaError { throw je }
            throw JuliaError.error("\(e)")
        case nil: throw JuliaError.error("interrupted while waiting")
        }
    }
}
