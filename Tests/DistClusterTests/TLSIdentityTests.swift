@testable import DistCluster
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Testing

/// `TLSIdentity`: each process's own certificate, and connections that go through only when
/// each side presents the certificate the other expects (by SHA-256 fingerprint).
@Suite(.timeLimit(.minutes(1)))
struct TLSIdentityTests {
    @Test func everyIdentityIsItsOwnAndItsFingerprintReadsBack() throws {
        let a = try TLSIdentity(), b = try TLSIdentity()
        #expect(a.fingerprint.count == 32)
        #expect(a.fingerprint != b.fingerprint)
        let hex = TLSIdentity.hex(a.fingerprint)
        #expect(hex.count == 64)
        #expect(TLSIdentity.parseHex(hex) == a.fingerprint)
        #expect(TLSIdentity.parseHex(String(hex.dropLast())) == nil)
        #expect(TLSIdentity.parseHex(String(hex.dropLast(2)) + "zz") == nil)
    }

    @Test func announcementsCarryTheFingerprint() throws {
        let fp = (0..<32).map { UInt8($0) }
        let line = "dist_worker:9001#10.0.0.2 sha256:" + TLSIdentity.hex(fp)
        let a = try #require(WorkerProcess.parseAnnouncement(line, pid: 3))
        #expect(a.host == "10.0.0.2" && a.port == 9001 && a.fingerprint == fp)
        let plain = try #require(WorkerProcess.parseAnnouncement("dist_worker:9001#10.0.0.2\r", pid: 3))
        #expect(plain.host == "10.0.0.2" && plain.fingerprint.isEmpty)
        #expect(WorkerProcess.parseAnnouncement("dist_worker:9001#10.0.0.2 sha256:abc", pid: 3) == nil, "a malformed fingerprint")
        let both = try #require(WorkerProcess.parseAnnouncement(line + " local:dist-12-ab", pid: 3))
        #expect(both.fingerprint == fp && both.local == "dist-12-ab")
        let local = try #require(WorkerProcess.parseAnnouncement("dist_worker:9001#127.0.0.1 local:dist-12-ab\r", pid: 3))
        #expect(local.fingerprint.isEmpty && local.local == "dist-12-ab" && local.port == 9001)
    }

    /// Collects what arrives, and the first error.
    final class Collector: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        let lock = NSLock()
        var bytes: [UInt8] = []
        var error: Error?
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var b = unwrapInboundIn(data)
            lock.withLock { bytes += b.readBytes(length: b.readableBytes) ?? [] }
        }
        func errorCaught(context: ChannelHandlerContext, error: Error) {
            lock.withLock { if self.error == nil { self.error = error } }
            context.close(promise: nil)
        }
        var received: [UInt8] { lock.withLock { bytes } }
    }

    /// Echoes what it reads.
    final class Echo: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        func channelRead(context: ChannelHandlerContext, data: NIOAny) { context.writeAndFlush(data, promise: nil) }
        func errorCaught(context: ChannelHandlerContext, error: Error) { context.close(promise: nil) }
    }

    /// A server with identity `server` that trusts `trusted`; a client with identity `client`
    /// that expects `expected`. Returns what the client got back for "ping", and whether each
    /// side refused the other.
    func exchange(server: TLSIdentity, trusted: [UInt8], client: TLSIdentity, expected: [UInt8]) throws
        -> (echo: [UInt8], clientRefused: Bool, serverRefused: Bool) {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        let refusals = NSLock()
        var serverRefused = false, clientRefused = false
        let listener = try ServerBootstrap(group: group).childChannelInitializer { ch in
            ch.eventLoop.makeCompletedFuture {
                try ch.pipeline.syncOperations.addHandler(server.serverHandler { fp, promise in
                    if fp == trusted { return promise.succeed(.certificateVerified) }
                    refusals.withLock { serverRefused = true }
                    promise.succeed(.failed)
                })
                try ch.pipeline.syncOperations.addHandler(Echo())
            }
        }.bind(host: "127.0.0.1", port: 0).wait()
        defer { try? listener.close().wait() }
        let collector = Collector()
        let ch = try ClientBootstrap(group: group).connectTimeout(.seconds(5)).channelInitializer { ch in
            ch.eventLoop.makeCompletedFuture {
                try ch.pipeline.syncOperations.addHandler(client.clientHandler(expecting: expected) { refusals.withLock { clientRefused = true } })
                try ch.pipeline.syncOperations.addHandler(collector)
            }
        }.connect(host: "127.0.0.1", port: listener.localAddress!.port!).wait()
        ch.writeAndFlush(ByteBuffer(string: "ping"), promise: nil)
        let deadline = Date().addingTimeInterval(10)
        while collector.received.count < 4 && ch.isActive && Date() < deadline { usleep(5_000) }
        ch.close(promise: nil)
        return (collector.received, refusals.withLock { clientRefused }, refusals.withLock { serverRefused })
    }

    @Test func theExpectedCertificatesConnect() throws {
        let s = try TLSIdentity(), c = try TLSIdentity()
        let r = try exchange(server: s, trusted: c.fingerprint, client: c, expected: s.fingerprint)
        #expect(r.echo == Array("ping".utf8))
        #expect(!r.clientRefused && !r.serverRefused)
    }

    @Test func aServerWithAnotherCertificateIsRefused() throws {
        let s = try TLSIdentity(), c = try TLSIdentity(), other = try TLSIdentity()
        let r = try exchange(server: s, trusted: c.fingerprint, client: c, expected: other.fingerprint)
        #expect(r.echo.isEmpty, "nothing crossed")
        #expect(r.clientRefused)
    }

    @Test func aClientWithAnotherCertificateIsRefused() throws {
        let s = try TLSIdentity(), c = try TLSIdentity(), other = try TLSIdentity()
        let r = try exchange(server: s, trusted: other.fingerprint, client: c, expected: s.fingerprint)
        #expect(r.echo.isEmpty, "nothing crossed")
        #expect(r.serverRefused)
    }
}
