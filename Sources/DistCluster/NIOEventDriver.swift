import CDistSupport
import DistLang
import NIOCore
import NIOPosix

/// Runs the interpreter's scheduler on a SwiftNIO event loop: tasks are coroutines on the
/// loop's thread, so a message that arrives can start or wake a task without a thread hop.
///
/// The runtime and everything it holds belong to the loop's thread. `post` is the one way in
/// from another thread (the shell's main thread, the worker's start-up); everything else the
/// scheduler asks for comes from the loop itself, where NIO's isolated views take its
/// closures as they are.
public final class NIOEventDriver: EventDriver, Sendable {
    public let loop: EventLoop

    public init(loop: EventLoop) { self.loop = loop }

    /// The one-thread event loop group a dist process runs on. Its selector (the epoll
    /// descriptor that appeared with it) becomes what the loop looks at after a send before
    /// it blocks (`Cluster.sent`); if that descriptor cannot be told apart, the loop only
    /// blocks, as before.
    public static func makeLoopGroup() -> MultiThreadedEventLoopGroup {
        let before = Set(epollDescriptors())
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let new = epollDescriptors().filter { !before.contains($0) }
        dist_poll_set_selector(new.count == 1 ? new[0] : -1)
        return group
    }

    private static func epollDescriptors() -> [CInt] {
        var fds = [CInt](repeating: -1, count: 64)
        let n = Int(dist_epoll_descriptors(&fds, CInt(fds.count)))
        return Array(fds.prefix(n))
    }

    public func post(_ action: @escaping () -> Void) {
        if loop.inEventLoop {
            loop.assumeIsolated().execute(action)
        } else {
            let handOff = HandOff(action)
            loop.execute { handOff.value() }
        }
    }

    public func schedule(after seconds: Double, _ action: @escaping () -> Void) {
        let delay = TimeAmount.nanoseconds(Int64(max(0, seconds) * 1e9))
        if loop.inEventLoop {
            loop.assumeIsolated().scheduleTask(in: delay, action)
        } else {
            let handOff = HandOff(action)
            loop.scheduleTask(in: delay) { handOff.value() }
        }
    }
}

/// A value made on one thread and used on the event loop's thread only, after it is handed
/// over: what a closure posted to the runtime from outside the loop captures.
///
/// Unchecked because the compiler cannot see the hand-over. It is sound when the sender stops
/// using what the value reaches once it is sent, or synchronises with the loop before using
/// it again: the shell's main thread posts an evaluation and waits on a semaphore the loop
/// signals when the evaluation ends; the worker's start-up waits for the loop's future.
public struct HandOff<Value>: @unchecked Sendable {
    public let value: Value

    public init(_ value: Value) { self.value = value }
}
