import CDistSupport
import DistCluster
import Foundation
import NIOCore
import NIOPosix
import Testing

/// The look at the event loop's selector before the loop blocks, after a send (see
/// `dist_poll_selector` in `CDistSupport/system.c`).
@Suite(.serialized) struct SelectorPollTests {
    /// Runs `body` on a fresh loop group's thread.
    func onLoop<T: Sendable>(_ body: @escaping @Sendable (EventLoop) -> T) throws -> T {
        let group = NIOEventDriver.makeLoopGroup()
        defer { try? group.syncShutdownGracefully() }
        let loop = group.next()
        return try loop.submit { body(loop) }.wait()
    }

    @Test func withNothingToDoTheLookEndsWhenItsWindowHasPassed() throws {
        let (looks, seconds) = try onLoop { _ in
            let start = DispatchTime.now().uptimeNanoseconds
            let looks = dist_poll_selector()
            return (looks, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        #expect(looks == 0)
        // the window is 100 µs; a loaded machine may stretch it, but not to a second
        #expect(seconds >= 100e-6 && seconds < 1)
    }

    /// A message arriving on one of the loop's sockets ends it at once: the descriptor looked
    /// at is the loop's own selector.
    @Test func aMessageOnASocketEndsTheLook() throws {
        let group = NIOEventDriver.makeLoopGroup()
        defer { try? group.syncShutdownGracefully() }
        let loop = group.next()
        let accepted = loop.makePromise(of: Void.self)
        let server = try ServerBootstrap(group: group)
            .childChannelInitializer { _ in
                accepted.succeed()
                return loop.makeSucceededVoidFuture()
            }
            .bind(host: "127.0.0.1", port: 0).wait()
        defer { try? server.close().wait() }
        let client = try ClientBootstrap(group: group).connect(to: server.localAddress!).wait()
        defer { try? client.close().wait() }
        try accepted.futureResult.wait()
        let (before, after) = try loop.submit {
            let before = dist_poll_selector()
            // written at once (this is the loop's thread), and read by the loop only after
            // this task: the look sees the accepted socket readable
            client.writeAndFlush(client.allocator.buffer(string: "x"), promise: nil)
            return (before, dist_poll_selector())
        }.wait()
        #expect(before == 0)
        #expect(after >= 1)
    }
}
