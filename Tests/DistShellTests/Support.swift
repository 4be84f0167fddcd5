import Foundation
import Testing

/// The `dist` executable these tests run: `$DIST_EXECUTABLE` (Scripts/test sets it to the
/// release build) or `$DIST_BINARY`, else the one built next to the test bundle.
func distBinary() throws -> String {
    for key in ["DIST_EXECUTABLE", "DIST_BINARY"] {
        if let p = ProcessInfo.processInfo.environment[key], FileManager.default.isExecutableFile(atPath: p) { return p }
    }
    var candidates: [String] = []
    let bundleDir = URL(fileURLWithPath: Bundle.main.bundlePath).deletingLastPathComponent()
    candidates.append(bundleDir.appendingPathComponent("dist").path)
    candidates.append(URL(fileURLWithPath: Bundle.main.bundlePath).appendingPathComponent("dist").path)
    if let arg0 = CommandLine.arguments.first {
        candidates.append(URL(fileURLWithPath: arg0).deletingLastPathComponent().appendingPathComponent("dist").path)
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    candidates.append(root.appendingPathComponent(".build/debug/dist").path)
    for c in candidates where FileManager.default.isExecutableFile(atPath: c) { return c }
    throw TestFailure("the dist executable was not found (build it with `swift build`, or set DIST_BINARY); looked in \(candidates)")
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// What a finished run printed.
struct RunResult {
    var stdout: String
    var stderr: String
    var status: Int32
    var timedOut: Bool
    /// Both streams, stdout first.
    var all: String { stdout + stderr }
    var lines: [String] {
        var l = stdout.components(separatedBy: "\n")
        if l.last == "" { l.removeLast() }
        return l
    }
}

/// A folder of its own for one test, removed by `cleanup()`.
final class Scratch {
    let path: String
    init() throws {
        let base = NSTemporaryDirectory() + "dist-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        path = base
    }
    func write(_ name: String, _ text: String) throws -> String {
        let p = path + "/" + name
        try text.write(toFile: p, atomically: true, encoding: .utf8)
        return p
    }
    func cleanup() { try? FileManager.default.removeItem(atPath: path) }
}

/// Reads a file descriptor to its end on a thread of its own.
final class StreamCollector: @unchecked Sendable {
    private let lock = NSCondition()
    private var data = Data()
    private var ended = false

    init(_ handle: FileHandle) {
        let t = Thread { [self] in
            while true {
                let chunk = handle.availableData
                lock.lock()
                if chunk.isEmpty { ended = true } else { data.append(chunk) }
                lock.broadcast()
                lock.unlock()
                if chunk.isEmpty { return }
            }
        }
        t.start()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }

    /// Waits until the stream ends; false on timeout.
    func waitForEnd(until deadline: Date) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        while !ended {
            if !lock.wait(until: deadline) { return ended }
        }
        return true
    }

    /// Waits until the text so far matches `pattern`; returns the first match's groups.
    func waitFor(_ pattern: String, until deadline: Date) -> [String]? {
        let rx = try! NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines])
        lock.lock()
        defer { lock.unlock() }
        while true {
            let s = String(decoding: data, as: UTF8.self)
            if let m = rx.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) {
                return (0..<m.numberOfRanges).map { i in
                    Range(m.range(at: i), in: s).map { String(s[$0]) } ?? ""
                }
            }
            if ended { return nil }
            if !lock.wait(until: deadline) {
                let s2 = String(decoding: data, as: UTF8.self)
                if let m = rx.firstMatch(in: s2, range: NSRange(s2.startIndex..., in: s2)) {
                    return (0..<m.numberOfRanges).map { i in Range(m.range(at: i), in: s2).map { String(s2[$0]) } ?? "" }
                }
                return nil
            }
        }
    }
}

/// A running `dist` with its standard streams on pipes.
final class LiveDist {
    let process = Process()
    let input = Pipe()
    let out: StreamCollector
    let err: StreamCollector

    /// With `mergeStderr`, standard error goes to the same pipe as standard output (so their
    /// order is kept) and `err` stays empty.
    init(_ args: [String], cwd: String? = nil, env: [String: String] = [:], mergeStderr: Bool = false) throws {
        process.executableURL = URL(fileURLWithPath: try distBinary())
        process.arguments = args
        var e = ProcessInfo.processInfo.environment
        e["NO_COLOR"] = "1"
        for (k, v) in env { e[k] = v }
        process.environment = e
        if let cwd = cwd { process.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        let o = Pipe(), r = Pipe()
        process.standardInput = input
        process.standardOutput = o
        process.standardError = mergeStderr ? o : r
        try process.run()
        out = StreamCollector(o.fileHandleForReading)
        if mergeStderr { try? r.fileHandleForWriting.close() }
        err = StreamCollector(r.fileHandleForReading)
    }

    var pid: Int32 { process.processIdentifier }

    func send(_ text: String) {
        input.fileHandleForWriting.write((text.hasSuffix("\n") ? text : text + "\n").data(using: .utf8)!)
    }

    func closeInput() { try? input.fileHandleForWriting.close() }

    /// Waits for `pattern` on standard output or error; fails the test with what was printed.
    @discardableResult
    func expect(_ pattern: String, within seconds: Double = 10, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        let deadline = Date().addingTimeInterval(seconds)
        if let g = out.waitFor(pattern, until: deadline) { return g }
        if let g = err.waitFor(pattern, until: Date()) { return g }
        Issue.record("no /\(pattern)/ within \(seconds) s\n--- stdout ---\n\(out.text)\n--- stderr ---\n\(err.text)", sourceLocation: sourceLocation)
        return []
    }

    /// The operating-system pid of worker `pid` (asked through `remotecall_fetch(getpid, pid)`).
    func workerOSPid(_ pid: Int, sourceLocation: SourceLocation = #_sourceLocation) -> Int32? {
        send("println(\"OSPID\(pid)=\", remotecall_fetch(getpid, \(pid)))")
        let g = expect("^OSPID\(pid)=(\\d+)$", sourceLocation: sourceLocation)
        return g.count == 2 ? Int32(g[1]) : nil
    }

    func expectOnStderr(_ pattern: String, within seconds: Double = 10, sourceLocation: SourceLocation = #_sourceLocation) {
        if err.waitFor(pattern, until: Date().addingTimeInterval(seconds)) == nil {
            Issue.record("no /\(pattern)/ on stderr within \(seconds) s\n--- stdout ---\n\(out.text)\n--- stderr ---\n\(err.text)", sourceLocation: sourceLocation)
        }
    }

    /// Waits for the process to exit (killing it after `seconds`); returns its status.
    @discardableResult
    func finish(within seconds: Double = 20) -> RunResult {
        closeInput()
        let deadline = Date().addingTimeInterval(seconds)
        var timedOut = false
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        _ = out.waitForEnd(until: Date().addingTimeInterval(5))
        _ = err.waitForEnd(until: Date().addingTimeInterval(5))
        return RunResult(stdout: out.text, stderr: err.text, status: process.terminationStatus, timedOut: timedOut)
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

/// Runs `dist args` with `input` on standard input and waits (bounded) for it to end.
func runDist(_ args: [String], input: String = "", cwd: String? = nil, timeout: Double = 30, env: [String: String] = [:]) throws -> RunResult {
    let d = try LiveDist(args, cwd: cwd, env: env)
    if !input.isEmpty { d.send(input) }
    return d.finish(within: timeout)
}

/// Whether a process exists (and is not a zombie).
func processAlive(_ pid: Int32) -> Bool {
    guard kill(pid, 0) == 0 else { return false }
    if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
       let close = stat.lastIndex(of: ")") {
        let state = stat[stat.index(close, offsetBy: 2)]
        return state != "Z" && state != "X"
    }
    return true
}

/// Waits until none of `pids` is alive; false on timeout.
func waitGone(_ pids: [Int32], seconds: Double) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if !pids.contains(where: processAlive) { return true }
        usleep(20_000)
    }
    return !pids.contains(where: processAlive)
}

/// Whether every thread of process `pid` has stopped (state `T` in /proc), within `seconds`.
/// `kill(pid, SIGSTOP)` returns before the process stops: the thread the signal picked must
/// run to stop the others, and until then another thread (the event loop) can still answer.
func waitStopped(_ pid: Int32, seconds: Double) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    func allStopped() -> Bool {
        guard let tids = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task"), !tids.isEmpty else { return false }
        return tids.allSatisfy { tid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/task/\(tid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            let state = stat[stat.index(after: close)...].drop(while: { $0 == " " }).first
            return state == "T" || state == "t"
        }
    }
    while Date() < deadline {
        if allStopped() { return true }
        usleep(5_000)
    }
    return allStopped()
}

/// The TCP ports process `pid` listens on (from /proc).
func listeningPorts(of pid: Int32) -> [Int] {
    var inodes: Set<String> = []
    if let fds = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd") {
        for fd in fds {
            if let dest = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(fd)"),
               dest.hasPrefix("socket:[") {
                inodes.insert(String(dest.dropFirst(8).dropLast()))
            }
        }
    }
    var ports: [Int] = []
    for table in ["/proc/\(pid)/net/tcp", "/proc/\(pid)/net/tcp6"] {
        guard let text = try? String(contentsOfFile: table, encoding: .utf8) else { continue }
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            guard f.count > 9, f[3] == "0A", inodes.contains(String(f[9])) else { continue }
            if let colon = f[1].lastIndex(of: ":"), let port = Int(f[1][f[1].index(after: colon)...], radix: 16) {
                ports.append(port)
            }
        }
    }
    return ports
}

/// A TCP connection to `port` on 127.0.0.1: the socket, or nil when it could not connect.
func connectLoopback(_ port: Int) -> Int32? {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return nil }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = in_port_t(UInt16(port).bigEndian)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    let rc = withUnsafePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard rc == 0 else { close(fd); return nil }
    return fd
}
