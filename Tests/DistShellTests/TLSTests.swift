@testable import DistCluster
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Testing

/// Encrypted transport (`dist --tls`, `addprocs(…; tls = true)`): the cluster works as
/// before, what crosses the wire holds no plaintext of a value sent, and a peer with another
/// certificate is refused with nothing run. Every wait is bounded.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct TLSTests {
    static let cookie = "tls-test-cookie"

    static func marker() -> String { "PLAINTEXT-MARKER-" + UUID().uuidString }

    /// The supported_versions extension of a TLS 1.3 ServerHello: type 0x002b, length 2, 0x0304.
    static let tls13 = Data([0x00, 0x2b, 0x00, 0x02, 0x03, 0x04])

    @Test func anEncryptedClusterWorksAsAPlainOne() throws {
        let r = try runDist(["--tls", "-p", "2"], input: """
            println(remotecall_fetch(myid, 2))
            println(remotecall_fetch(() -> remotecall_fetch(myid, 3), 2))
            println(sum(pmap(x -> x, 1:100)))
            @everywhere println("hello from ", myid())
            try addprocs(1; tls = false) catch e; println(e) end
            p = addprocs(1);
            println(remotecall_fetch(() -> remotecall_fetch(myid, 2), p[1]))
            """, timeout: 60)
        #expect(r.status == 0, "\(r.all)")
        #expect(r.stdout.hasPrefix("2\n3\n5050\n"), "\(r.all)")
        for p in 2...3 { #expect(r.stdout.contains("From worker \(p):\thello from \(p)"), "\(r.all)") }
        #expect(r.stdout.contains("ArgumentError(\"Active workers with tls=true. Cannot set tls=false\")"), "\(r.all)")
        #expect(r.stdout.hasSuffix("2\n"), "a worker added later (tls by default under --tls) reaches the others: \(r.all)")
    }

    @Test func workersThatConnectWhileJoiningAndTheirErrors() throws {
        // lazy = false: each worker connects to the earlier ones while it joins; worker 2,
        // added first, knows nothing of 3 and 4 until process 1 tells it
        let r = try runDist([], input: """
            addprocs(1; tls = true, lazy = false);
            t = @elapsed global p = addprocs(2; tls = true, lazy = false);
            println("quick ", t < 4)
            println(workers())
            println([remotecall_fetch(() -> [remotecall_fetch(myid, q) for q in workers()], w) for w in workers()])
            struct M <: ClusterManager end
            try addprocs(M(); tls = true) catch e; println(typeof(e)) end
            """, timeout: 60)
        #expect(r.stdout.contains("quick true\n[2, 3, 4]\nArray{Int64,1}[[2, 3, 4], [2, 3, 4], [2, 3, 4]]\nArgumentError\n"), "\(r.all)")
        #expect(!r.all.contains("Invalid TLS certificate"), "no worker refused a peer that was joining: \(r.all)")
    }

    // MARK: what crosses the wire

    /// Runs `dist args` sending `marker` from process 1 to the first worker, and from that
    /// worker to another (on another host when there is one), and back, with tcpdump on
    /// `interface`; returns the capture, the run, and how many packets tcpdump saw.
    static func capture(_ args: [String], marker: String, interface: String = "lo", env: [String: String] = [:]) throws -> (Data, RunResult, Int) {
        let dir = try Scratch()
        defer { dir.cleanup() }
        let cap = try PacketCapture(interface: interface, file: dir.path + "/capture.pcap")
        let r = try runDist(args, input: """
            w = workers();
            h = remotecall_fetch(gethostname, w[1]);
            elsewhere = [p for p in w if remotecall_fetch(gethostname, p) != h];
            other = isempty(elsewhere) ? w[end] : elsewhere[1];
            println(remotecall_fetch(identity, w[1], "\(marker)") == "\(marker)")
            println(remotecall_fetch(m -> remotecall_fetch(identity, other, m), w[1], "\(marker)") == "\(marker)")
            println(length(w))
            """, timeout: 90, env: env)
        // the last packets of the session (its end) are in the file once tcpdump has stopped
        let data = try cap.stop()
        return (data, r, cap.packets)
    }

    /// Over TCP on the loopback (`DIST_LOCAL_SOCKETS=0`): workers on this host otherwise talk
    /// through Unix-domain sockets, which no capture of an interface sees.
    @Test(.enabled(if: PacketCapture.available, PacketCapture.unavailableReason))
    func aCaptureOfTheLoopbackHoldsNoPlaintext() throws {
        let secret = Self.marker()
        let tcp = ["DIST_LOCAL_SOCKETS": "0"]
        let (encrypted, r, packets) = try Self.capture(["--tls", "-p", "2"], marker: secret, env: tcp)
        #expect(r.stdout == "true\ntrue\n2\n", "\(r.all)")
        #expect(packets > 20, "the capture saw the session's traffic (\(packets) packets)")
        #expect(encrypted.range(of: Data(secret.utf8)) == nil, "the marker crossed the loopback in clear with --tls")
        #expect(encrypted.range(of: Self.tls13) != nil, "a ServerHello choosing TLS 1.3")
        // the control: the same session without TLS shows it
        let visible = Self.marker()
        let (plain, r2, _) = try Self.capture(["-p", "2"], marker: visible, env: tcp)
        #expect(r2.stdout == "true\ntrue\n2\n", "\(r2.all)")
        #expect(plain.range(of: Data(visible.utf8)) != nil, "the control capture should hold the marker in clear")
        #expect(plain.range(of: Self.tls13) == nil)
    }

    @Test(.enabled(if: PacketCapture.available && TestHosts.available,
                   Comment(rawValue: PacketCapture.unavailable ?? TestHosts.unavailable ?? "")))
    func aCaptureOfTheHostsLinkHoldsNoPlaintext() throws {
        let hosts = try TestHosts.up(2)
        defer { hosts.down() }
        let dir = try Scratch()
        defer { dir.cleanup() }
        // two workers on the first host (the second started by the first), one on the other
        let machines = try dir.write("machines", "2*\(hosts.names[0])\n\(hosts.names[1])\n")
        let bridge = "dhbr-\(hosts.tag)"
        let secret = Self.marker()
        let (encrypted, r, packets) = try Self.capture(["--tls", "--machine-file", machines], marker: secret,
                                                       interface: bridge, env: hosts.env)
        #expect(r.stdout == "true\ntrue\n3\n", "\(r.all)")
        #expect(packets > 20, "the capture saw the session's traffic (\(packets) packets)")
        #expect(encrypted.range(of: Data(secret.utf8)) == nil, "the marker crossed the hosts' link in clear with --tls")
        #expect(encrypted.range(of: Self.tls13) != nil, "a ServerHello choosing TLS 1.3")
        let visible = Self.marker()
        let (plain, r2, _) = try Self.capture(["--machine-file", machines], marker: visible, interface: bridge, env: hosts.env)
        #expect(r2.stdout == "true\ntrue\n3\n", "\(r2.all)")
        #expect(plain.range(of: Data(visible.utf8)) != nil, "the control capture should hold the marker in clear")
    }

    @Test(.enabled(if: TestSlurm.available, TestSlurm.unavailableReason))
    func slurmWorkersAnnounceTheirCertificates() throws {
        let slurm = try TestSlurm.up()
        defer { slurm.down() }
        let r = try runDist([], input: """
            pids = addprocs_slurm(2; tls = true, job_name = "dist-tls");
            println(length(pids))
            println(remotecall_fetch(() -> remotecall_fetch(myid, pids[1]), pids[2]) == pids[1])
            println(sum(pmap(x -> x, 1:100)))
            """, timeout: 120, env: slurm.env)
        #expect(r.stdout == "2\ntrue\n5050\n", "\(r.all)")
    }

    // MARK: refusals

    /// A session with one encrypted worker, its process id and the port it listens on.
    static func cluster() throws -> (LiveDist, Int32, Int) {
        let d = try LiveDist([])
        d.send("cluster_cookie(\"\(cookie)\");")
        d.send("addprocs(1; tls = true);")
        d.send("println(\"PID=\", remotecall_fetch(getpid, 2))")
        let g = d.expect("^PID=(\\d+)$", within: 30)
        guard g.count == 2, let wpid = Int32(g[1]) else { throw TestFailure("no worker") }
        guard let port = listeningPorts(of: wpid).first else { throw TestFailure("worker \(wpid) listens on no port") }
        return (d, wpid, port)
    }

    /// Collects what a connection receives until it closes.
    final class Received: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        let lock = NSLock()
        var bytes: [UInt8] = []
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var b = unwrapInboundIn(data)
            lock.withLock { bytes += b.readBytes(length: b.readableBytes) ?? [] }
        }
        func errorCaught(context: ChannelHandlerContext, error: Error) { context.close(promise: nil) }
        var received: [UInt8] { lock.withLock { bytes } }
    }

    @Test func aPeerWithAnotherCertificateIsRefusedAndNothingRuns() throws {
        let (d, _, port) = try Self.cluster()
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        // a TLS client with a certificate of its own, which takes any server certificate
        let stranger = try TLSIdentity()
        let received = Received()
        let ch = try ClientBootstrap(group: group).connectTimeout(.seconds(5)).channelInitializer { ch in
            ch.eventLoop.makeCompletedFuture {
                try ch.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: stranger.clientContext, serverHostname: nil) { _, p in
                    p.succeed(.certificateVerified)
                })
                try ch.pipeline.syncOperations.addHandler(received)
            }
        }.connect(host: "127.0.0.1", port: port).wait()
        // the worker speaks first in the cookie handshake ("DIST", version, nonce): with the
        // certificate refused, nothing above TLS runs, so not even that arrives
        ch.writeAndFlush(ByteBuffer(bytes: [UInt8](repeating: 0x41, count: 64)), promise: nil)
        let deadline = Date().addingTimeInterval(15)
        while ch.isActive && Date() < deadline { usleep(20_000) }
        #expect(!ch.isActive, "the worker closes the connection")
        #expect(received.received.isEmpty, "the worker sent nothing above TLS: \(received.received)")
        d.expect("From worker 2:\\tProcess\\(2\\) - Invalid TLS certificate sent by remote\\.")

        // a plain client (the cookie handshake without TLS) gets no greeting and is closed
        let plain = try NetworkTests.Client(port: port)
        plain.send(Array("GET / HTTP/1.1\r\n\r\n".utf8))
        #expect(plain.read(4) == nil, "no DIST greeting over plain TCP")

        d.send("println(\"still \", remotecall_fetch(x -> x + 1, 2, 41))")
        d.expect("^still 42$")
        let r = d.finish()
        #expect(r.status == 0)
    }

    @Test func aWorkerWhoseCertificateIsNotTheOneAnnouncedIsRefused() throws {
        // an "ssh" that runs the worker here but changes the fingerprint it announces, as a
        // man in the middle of the launch channel would
        let dir = try Scratch()
        defer { dir.cleanup() }
        let zeros = String(repeating: "0", count: 64)
        let ssh = try dir.write("fake-ssh", """
            #!/bin/sh
            for last; do :; done
            sh -c "$last" | sed -u 's/sha256:[0-9a-f]*/sha256:\(zeros)/'
            """)
        chmod(ssh, 0o755)
        let r = try runDist([], input: """
            try addprocs(["localhost"]; ssh = "\(ssh)", tls = true) catch e; showerror(stdout, e); println() end
            println("workers ", workers())
            """, timeout: 60)
        #expect(r.stdout.contains("its TLS certificate is not the one it announced"), "\(r.all)")
        #expect(r.stdout.contains("workers [1]\n"), "\(r.all)")
    }
}
