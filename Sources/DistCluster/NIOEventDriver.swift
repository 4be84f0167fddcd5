import DistLang
import NIOCore
import NIOPosix

/// Runs the interpreter's scheduler on a SwiftNIO event loop: tasks are coroutines on the
/// loop's thread, so a message that arrives can start or wake a task without a thread hop.
public final class NIOEventDriver: EventDriver {
    public let loop: EventLoop

    public init(loop: EventLoop) { self.loop = loop }

    public func post(_ action: @escaping () -> Void) {
        loop.execute(action)
    }

    public func schedule(after seconds: Double, _ action: @escaping () -> Void) {
        let ns = Int64(max(0, seconds) * 1e9)
        loop.scheduleTask(in: .nanoseconds(ns)) { action() }
    }
}
