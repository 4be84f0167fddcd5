@testable import DistCluster
import DistLang
import DistWire
import Foundation
import NIOCore
import NIOEmbedded
import NIOPosix
import NIOSSL
import Testing

/// Which certificates a worker of an encrypted cluster accepts (`Cluster+TLS.swift`).
@Suite(.timeLimit(.minutes(1)))
struct ClusterTLSTests {
    /// A worker's cluster on an event loop of its own, with process 1's fingerprint, and the
    /// runtime it belongs to (which the caller keeps: the cluster does not retain it).
    static func worker(master: [UInt8]) throws -> (Cluster, Runtime, MultiThreadedEventLoopGroup) {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let loop = group.next()
        let (cluster, rt) = try loop.submit { () -> (Cluster, Runtime) in
            let rt = Runtime(driver: NIOEventDriver(loop: loop))
            let c = Cluster(role: .worker, runtime: rt, loop: loop, cookie: "c")
            c.tls = try TLSIdentity()
            c.masterFingerprint = master
            return (c, rt)
        }.wait()
        return (cluster, rt, group)
    }

    static func fingerprint(_ n: UInt8) -> [UInt8] { [UInt8](repeating: n, count: 32) }

    @Test func processOneAndThePeersOfTheTableAreTrusted() throws {
        let (c, rt, group) = try Self.worker(master: Self.fingerprint(1))
        defer { try? group.syncShutdownGracefully(); withExtendedLifetime(rt) {} }
        let trusted = try c.loop.submit { () -> [Bool] in
            c.updateTable([PeerAddress(pid: 2, host: "127.0.0.1", port: 1, fingerprint: Self.fingerprint(2))])
            return [1, 2, 3].map { c.trusts(Self.fingerprint($0)) }
        }.wait()
        #expect(trusted == [true, true, false])
    }

    @Test func aPeerIsWhoItsCertificateSaysItIs() throws {
        // an accepted connection whose certificate is worker 4's: it cannot identify as 3
        let loop = EmbeddedEventLoop()
        let rt = Runtime(driver: NIOEventDriver(loop: loop))
        let c = Cluster(role: .worker, runtime: rt, loop: loop, cookie: "c")
        c.tls = try TLSIdentity()
        c.masterFingerprint = Self.fingerprint(1)
        c.updateTable([PeerAddress(pid: 3, host: "127.0.0.1", port: 1, fingerprint: Self.fingerprint(3)),
                       PeerAddress(pid: 4, host: "127.0.0.1", port: 1, fingerprint: Self.fingerprint(4))])
        func connection(presenting fp: [UInt8]) throws -> EmbeddedChannel {
            let handler = MessageHandler(cluster: c)
            handler.certificateFingerprint = fp
            let ch = EmbeddedChannel(handlers: [handler], loop: loop)
            try ch.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
            return ch
        }
        func identify(_ pid: Int) throws -> ByteBuffer {
            try MessageCodec.encode(.identify(pid: pid), allocator: ByteBufferAllocator(), runtime: rt, destination: 0,
                                    sentGlobals: nil, onReference: nil)
        }
        let impostor = try connection(presenting: Self.fingerprint(4))
        try impostor.writeInbound(try identify(3))
        loop.run()
        #expect(!impostor.isActive, "closed")
        #expect(c.links[3] == nil)
        let honest = try connection(presenting: Self.fingerprint(4))
        try honest.writeInbound(try identify(4))
        loop.run()
        #expect(honest.isActive)
        #expect(c.links[4] != nil)
        // process 1 alone may admit this worker
        let pretender = try connection(presenting: Self.fingerprint(4))
        try pretender.writeInbound(try MessageCodec.encode(.join(pid: 5, peers: [], connect: [], masterOnly: false),
                                                          allocator: ByteBufferAllocator(), runtime: rt, destination: 0,
                                                          sentGlobals: nil, onReference: nil))
        loop.run()
        #expect(!pretender.isActive)
        #expect(c.myid == 0)
        withExtendedLifetime(rt) {}
    }

    @Test func aPeerThatConnectsBeforeTheTableNamingItArrivesIsAccepted() throws {
        // a worker joining with lazy = false connects to its peers while process 1's table
        // naming it may still be on its way to them
        let (c, rt, group) = try Self.worker(master: Self.fingerprint(1))
        defer { try? group.syncShutdownGracefully(); withExtendedLifetime(rt) {} }
        let newcomer = Self.fingerprint(7)
        let started = Date()
        let verdict = try c.loop.flatSubmit { () -> EventLoopFuture<NIOSSLVerificationResult> in
            let p = c.loop.makePromise(of: NIOSSLVerificationResult.self)
            c.trustClient(newcomer, p) { Issue.record("refused") }
            c.loop.scheduleTask(in: .milliseconds(200)) {
                c.updateTable([PeerAddress(pid: 4, host: "127.0.0.1", port: 1, fingerprint: newcomer)])
            }
            return p.futureResult
        }.wait()
        #expect(verdict == .certificateVerified)
        #expect(Date().timeIntervalSince(started) < Double(Cluster.trustWait.nanoseconds) / 1e9, "at once when the table comes")
        #expect(try c.loop.submit { c.trustWaiters.isEmpty }.wait())
    }
}
