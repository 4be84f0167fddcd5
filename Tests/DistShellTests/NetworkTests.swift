import Crypto
import Foundation
import Testing

/// Hostile or broken connections to a worker's port: each is closed (or answered with an
/// error) without running anything, and the worker keeps serving its master.
@Suite(.timeLimit(.minutes(2)))
struct NetworkTests {
    static let cookie = "t0pS3cret-cookie"

    /// A blocking TCP client with a receive timeout.
    final class Client {
        let fd: Int32
        init(port: Int) throws {
            guard let fd = connectLoopback(port) else { throw TestFailure("connect to \(port) failed") }
            self.fd = fd
            var tv = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        }
        deinit { close(fd) }

        func send(_ bytes: [UInt8]) { _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } }

        /// Reads exactly `n` bytes; nil if the connection closed (or timed out) first.
        func read(_ n: Int) -> [UInt8]? {
            var out: [UInt8] = []
            var buf = [UInt8](repeating: 0, count: max(n, 1))
            while out.count < n {
                let k = recv(fd, &buf, n - out.count, 0)
                if k <= 0 { return nil }
                out += buf[0..<k]
            }
            return out
        }

        /// Whether the peer closes the connection within the receive timeout.
        func closedByPeer() -> Bool {
            var buf = [UInt8](repeating: 0, count: 4096)
            while true {
                let k = recv(fd, &buf, buf.count, 0)
                if k == 0 { return true }
                if k < 0 { return errno == ECONNRESET }
            }
        }
    }

    static func mac(_ label: String, _ a: [UInt8], _ b: [UInt8], cookie: String = cookie) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Array(label.utf8) + a + b, using: SymmetricKey(data: Data(cookie.utf8))))
    }

    static func frame(_ payload: [UInt8]) -> [UInt8] {
        let n = UInt32(payload.count)
        return [UInt8(n & 0xff), UInt8(n >> 8 & 0xff), UInt8(n >> 16 & 0xff), UInt8(n >> 24)] + payload
    }

    /// A master with one worker, and the port that worker listens on.
    static func cluster() throws -> (LiveDist, Int) {
        let d = try LiveDist([])
        d.send("cluster_cookie(\"\(cookie)\");")
        d.send("addprocs(1);")
        d.send("println(\"PID=\", remotecall_fetch(getpid, 2))")
        let g = d.expect("^PID=(\\d+)$", within: 20)
        guard g.count == 2, let wpid = Int32(g[1]) else { throw TestFailure("no worker") }
        let ports = listeningPorts(of: wpid)
        guard let port = ports.first else { throw TestFailure("worker \(wpid) listens on no port") }
        return (d, port)
    }

    static func stillServing(_ d: LiveDist, _ tag: String) {
        d.send("println(\"\(tag) \", remotecall_fetch(x -> x + 1, 2, 41))")
        d.expect("^\(tag) 42$")
    }

    @Test func hostileConnections() throws {
        let (d, port) = try Self.cluster()

        // the accepting side speaks first: magic, version, nonce
        let c1 = try Client(port: port)
        guard let hello = c1.read(4 + 2 + 16) else { Issue.record("no greeting"); return }
        #expect(Array(hello[0..<4]) == Array("DIST".utf8))

        // 1. a wrong cookie
        let nonce = [UInt8](repeating: 7, count: 16)
        let na = Array(hello[6..<22])
        c1.send(Self.mac("connect", na, nonce, cookie: "wrong-cookie") + nonce + [UInt8](repeating: 0, count: 8))
        #expect(c1.closedByPeer())
        d.expect("From worker 2:\\tProcess\\(2\\) - Invalid connection credentials sent by remote\\.")
        Self.stillServing(d, "after-bad-cookie")

        // 2. garbage instead of a handshake
        let c2 = try Client(port: port)
        _ = c2.read(22)
        c2.send(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8) + [UInt8](repeating: 0xAB, count: 100))
        #expect(c2.closedByPeer())
        Self.stillServing(d, "after-garbage")

        // 3. a truncated handshake, then the connection is dropped
        let c3 = try Client(port: port)
        _ = c3.read(22)
        c3.send(Array(Self.mac("connect", na, nonce).prefix(10)))
        close(c3.fd)
        Self.stillServing(d, "after-truncated")

        // 4. a replayed handshake (the MAC for another connection's nonce)
        let c4 = try Client(port: port)
        _ = c4.read(22)
        c4.send(Self.mac("connect", na, nonce) + nonce + [UInt8](repeating: 0, count: 8))
        #expect(c4.closedByPeer())
        Self.stillServing(d, "after-replay")

        let r = d.finish()
        #expect(r.status == 0)
    }

    @Test func undecodableFramesAreAnsweredAndTheConnectionStays() throws {
        let (d, port) = try Self.cluster()
        let c = try Client(port: port)
        guard let hello = c.read(22) else { Issue.record("no greeting"); return }
        let na = Array(hello[6..<22])
        let nc = [UInt8](repeating: 3, count: 16)
        c.send(Self.mac("connect", na, nc) + nc + [9, 0, 0, 0, 0, 0, 0, 0])
        guard let theirMac = c.read(32) else { Issue.record("handshake refused"); return }
        #expect(theirMac == Self.mac("accept", nc, na), "the worker proves it knows the cookie")

        // a frame that is not a message, twice: each gets an error frame back
        for junk in [[UInt8](repeating: 0xEE, count: 40), [200, 1, 2, 3]] {
            c.send(Self.frame(junk))
            guard let len = c.read(4) else { Issue.record("connection closed after a bad frame"); return }
            let n = Int(len[0]) | Int(len[1]) << 8 | Int(len[2]) << 16 | Int(len[3]) << 24
            guard let reply = c.read(n) else { Issue.record("short reply"); return }
            #expect(reply.first == 10, "an error message (kind 10)")
            #expect(String(decoding: reply, as: UTF8.self).contains("undecodable"))
        }
        // a truncated frame: the worker waits for the rest; closing it is harmless
        c.send([100, 0, 0, 0, 1, 2, 3])
        Self.stillServing(d, "after-frames")
        // an absurd length closes this connection only
        let c2 = try Client(port: port)
        guard let hello2 = c2.read(22) else { return }
        let na2 = Array(hello2[6..<22])
        c2.send(Self.mac("connect", na2, nc) + nc + [9, 0, 0, 0, 0, 0, 0, 0])
        _ = c2.read(32)
        c2.send([0xff, 0xff, 0xff, 0x7f])
        #expect(c2.closedByPeer())
        Self.stillServing(d, "after-huge")
        d.finish()
    }
}
