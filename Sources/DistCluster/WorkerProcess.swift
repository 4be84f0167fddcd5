import CDistSupport
import DistLang
import DistWire
import Foundation
import NIOCore
import NIOPosix

/// A worker process (`dist --worker`): reads the cluster cookie from standard input (never
/// the command line), listens on a free port, announces it on standard output, and serves
/// its master until its standard input ends — which happens when the master goes away,
/// however it goes, so no worker outlives its master.
public enum WorkerProcess {
    static let announcementPrefix = "dist_worker:"
    /// This worker's cluster. Unchecked: set and read on the event loop only (the start-up's
    /// timeout thread reads it through `loop.submit`).
    nonisolated(unsafe) static var cluster: Cluster?

    /// Parses `dist_worker:<port>#<host>`, then the fields that may follow: the
    /// ` sha256:<64 hex digits>` of its TLS certificate in an encrypted cluster, and
    /// ` local:<name>`, the abstract Unix-domain socket it also listens on.
    static func parseAnnouncement(_ line: String, pid: Int) -> PeerAddress? {
        let rest = line.dropFirst(announcementPrefix.count)
        guard let hash = rest.firstIndex(of: "#"), let port = Int(rest[..<hash]) else { return nil }
        let fields = rest[rest.index(after: hash)...].split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
        let host = fields.first.map(String.init) ?? ""
        var fingerprint: [UInt8] = []
        var local = ""
        for field in fields.dropFirst() {
            if field.hasPrefix("sha256:") {
                guard let fp = TLSIdentity.parseHex(String(field.dropFirst("sha256:".count))) else { return nil }
                fingerprint = fp
            } else if field.hasPrefix("local:") {
                local = String(field.dropFirst("local:".count))
            }
        }
        return PeerAddress(pid: pid, host: host.isEmpty ? "127.0.0.1" : host, port: port, fingerprint: fingerprint, local: local)
    }

    /// Reads one line from standard input (the cookie), byte by byte so nothing else is consumed.
    static func readCookie() -> String? {
        var bytes: [UInt8] = []
        var b: UInt8 = 0
        while bytes.count < 256 {
            let n = read(0, &b, 1)
            if n <= 0 { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if b == 0x0A { break }
            bytes.append(b)
        }
        return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)
    }

    /// The address to listen on: `--bind-to addr[:port]`, else the first non-loopback IPv4
    /// address, else loopback.
    static func bindAddress(_ arg: String?) -> (String, Int) {
        if let a = arg, let (host, port) = try? MachineAddress.parse(a) {
            return (host, port ?? 0)
        }
        if let addrs = try? System.enumerateDevices() {
            for d in addrs {
                if case .v4(let a)? = d.address, let ip = a.host.split(separator: "%").first.map(String.init), ip != "127.0.0.1" {
                    return (ip, 0)
                }
            }
        }
        return ("127.0.0.1", 0)
    }

    /// `cookie` given on the command line (`--worker=COOKIE`) is not read from standard input;
    /// `closeStdin` (Julia's `start_worker(…; close_stdin)`) gives standard input up after the
    /// cookie, so the connection to process 1 alone is the lifeline; `stderrToStdout` sends
    /// what the worker writes on stderr to stdout. `tlsMaster` (`--worker-tls HEX`): the
    /// cluster's connections are encrypted, and process 1's certificate has this fingerprint;
    /// the worker makes its own key and announces its certificate's fingerprint (see
    /// `TLSIdentity`).
    public static func main(bindTo: String?, cookie given: String? = nil, closeStdin: Bool = false, stderrToStdout: Bool = false,
                            tlsMaster: String? = nil) {
        guard let cookie = given ?? readCookie(), given != nil || !cookie.isEmpty else {
            FileHandle.standardError.write("dist --worker: no cookie on standard input\n".data(using: .utf8)!)
            exit(1)
        }
        let tls: (TLSIdentity, [UInt8])?
        if let hex = tlsMaster {
            guard let master = TLSIdentity.parseHex(hex) else {
                FileHandle.standardError.write("dist --worker: --worker-tls needs a SHA-256 fingerprint (64 hex digits)\n".data(using: .utf8)!)
                exit(1)
            }
            do { tls = (try TLSIdentity(), master) } catch {
                FileHandle.standardError.write("dist --worker: could not make a TLS certificate: \(error)\n".data(using: .utf8)!)
                exit(1)
            }
        } else {
            tls = nil
        }
        if stderrToStdout { dup2(1, 2) }
        if closeStdin {
            let null = open("/dev/null", O_RDONLY)
            if null >= 0 { dup2(null, 0); close(null) }
        }
        dist_install_sigint_handler()
        // the process that started this worker, when it is another dist (process 1 on this
        // host): its unfinished SharedArray segments are removed when it is gone
        let starter = getppid()
        let starterIsDist = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(starter)/exe"))
            == (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        let starterGone: @Sendable () -> Void = { if starterIsDist { SharedSegments.unlinkOrphans(creator: starter) } }
        let group = NIOEventDriver.makeLoopGroup()
        let loop = group.next()
        let driver = NIOEventDriver(loop: loop)
        let (host, port) = bindAddress(bindTo)
        let bound: EventLoopFuture<Int> = loop.flatSubmit { () -> EventLoopFuture<Int> in
            let rt = Runtime(driver: driver, output: StandardOutput())
            rt.pgrp.isWorker = true
            rt.redirectStandardStreams(closeStdin: closeStdin, stderrToStdout: stderrToStdout)
            rt.interactive = false
            let cluster = Cluster(role: .worker, runtime: rt, loop: loop, cookie: cookie)
            cluster.bindHost = host
            if let (identity, master) = tls {
                cluster.tls = identity
                cluster.masterFingerprint = master
            }
            rt.exitHandler = { code in MemoryTransfers.unlinkAll(); _exit(code) }
            cluster.onMasterGone = { starterGone(); MemoryTransfers.unlinkAll(); _exit(0) }
            WorkerProcess.cluster = cluster
            return cluster.listen(host: host, port: port)
        }
        let started: Result<Int, Error>
        do { started = .success(try bound.wait()) } catch { started = .failure(error) }
        switch started {
        case .success(let p):
            let certificate = tls.map { " sha256:" + TLSIdentity.hex($0.0.fingerprint) } ?? ""
            let local = (try? loop.submit { WorkerProcess.cluster?.localName }.wait()).flatMap { $0 }.map { " local:" + $0 } ?? ""
            let line = "\(announcementPrefix)\(p)#\(host)\(certificate)\(local)\n"
            _ = line.utf8CString.withUnsafeBufferPointer { write(1, $0.baseAddress, line.utf8.count) }
        case .failure(let e):
            FileHandle.standardError.write("dist --worker: could not listen on \(host): \(e)\n".data(using: .utf8)!)
            exit(1)
        }
        // the master must connect within a minute
        let timeoutSeconds = Double(ProcessInfo.processInfo.environment["DIST_WORKER_TIMEOUT"] ?? "") ?? 60
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: timeoutSeconds)
            let joined = (try? loop.submit { () -> Bool in (WorkerProcess.cluster?.myid ?? 0) != 0 }.wait()) ?? true
            if !joined {
                let msg = "Master process (id 1) could not connect within \(timeoutSeconds) seconds.\nexiting.\n"
                _ = msg.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, msg.utf8.count) }
                _exit(1)
            }
        }
        // standard input is the lifeline: 0x03 interrupts, end of input ends the worker. A
        // worker another worker started for process 1 (DIST_LIFELINE=master) outlives its
        // starter once it has joined: from then on its connection to process 1 is its lifeline.
        if closeStdin { while true { pause() } }
        let masterLifeline = ProcessInfo.processInfo.environment["DIST_LIFELINE"] == "master"
        var buf = [UInt8](repeating: 0, count: 64)
        while true {
            let n = read(0, &buf, buf.count)
            if n <= 0 && n < 0 && errno == EINTR { continue }
            if n <= 0 {
                let joined = (try? loop.submit { () -> Bool in (WorkerProcess.cluster?.myid ?? 0) != 0 }.wait()) ?? false
                if masterLifeline && joined {
                    while true { pause() }
                }
                starterGone()
                MemoryTransfers.unlinkAll()
                _exit(0)
            }
            if buf[..<n].contains(0x03) {
                dist_interrupt_raise()
                // if no task is running to notice the flag, the blocked calls take it
                driver.post { WorkerProcess.cluster?.runtime.interruptIdle() }
            }
        }
    }
}
