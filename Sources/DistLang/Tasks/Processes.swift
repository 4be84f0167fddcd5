import CDistSupport
import Foundation

/// External programs, as Julia's `Cmd` and `Process`: a command literal `` `prog args` ``
/// makes a `JCmd`; `run`, `open`, `read`, `success` start it as a `JProcess`.
///
/// A process's output pipes are read by a thread each, which hands what it reads to the
/// interpreter's thread (`EventDriver.post`); tasks waiting in `readline` or `read` block
/// like any other task, so the REPL and incoming remote calls go on meanwhile. Its exit is
/// awaited the same way. Cluster managers written in the language start `dist --worker`
/// this way, and the cluster reads the worker's announcement from the pipe (`PipeReader`),
/// then forwards what else it prints (`takeOver`).
public final class JCmd: JObject, CustomShow {
    /// The program and its arguments.
    public var exec: [String]
    /// The environment (`KEY=value`), or nil to inherit this process's.
    public var env: [String]?
    /// The working directory, or nil for this process's.
    public var dir: String?
    /// `detach(cmd)`: a session of its own, so signals to this process's group miss it.
    public var detach = false
    /// `ignorestatus(cmd)`: a failure is not an error.
    public var ignoreStatus = false
    /// `pipeline(cmd; stdin, stdout, stderr)`: files (paths) or `devnull` (nil: inherited).
    public var stdinPath: String?, stdoutPath: String?, stderrPath: String?
    public var appendOutput = false

    public init(_ exec: [String]) { self.exec = exec }

    public func copy() -> JCmd {
        let c = JCmd(exec)
        c.env = env
        c.dir = dir
        c.detach = detach
        c.ignoreStatus = ignoreStatus
        c.stdinPath = stdinPath
        c.stdoutPath = stdoutPath
        c.stderrPath = stderrPath
        c.appendOutput = appendOutput
        return c
    }

    public override var jtype: JType { JType.cmd }

    public func showText(_ rt: Runtime, _ t: Ctx?) throws -> String {
        "`" + exec.map(JCmd.quoteWord).joined(separator: " ") + "`"
    }

    /// A word as Julia shows it inside backticks: quoted when it holds blanks or quotes.
    static func quoteWord(_ w: String) -> String {
        if w.isEmpty { return "''" }
        if w.contains(where: { " \t\n'\"\\$`".contains($0) }) {
            return "'" + w.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }
        return w
    }
}

/// The read end of a pipe from a child process, filled by a reader thread.
public final class PipeReader: JObject {
    private var buffer: [UInt8] = []
    private var readPos = 0
    /// Bytes from `readPos` up to here hold no newline: a long line arriving in many chunks
    /// is scanned once, not once per chunk (80 MB without a newline took 13 s).
    private var scanned = 0
    public private(set) var atEOF = false
    let waiters = WaitQueue()
    unowned(unsafe) let scheduler: Scheduler
    /// Once set (by the cluster, after a worker's announcement), every line goes here instead.
    private var lineHandler: ((String) -> Void)?
    private var closeHandler: (() -> Void)?

    init(fd: Int32, scheduler: Scheduler) {
        self.scheduler = scheduler
        super.init()
        let driver = scheduler.driver
        // the thread holds the reader until end of file
        Thread.detachNewThread { [self] in
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 {
                    close(fd)
                    driver.post { self.finish() }
                    return
                }
                let data = Array(chunk[..<n])
                driver.post { self.append(data) }
            }
        }
    }

    public override var jtype: JType { JType.pipeEndpoint }

    private func append(_ data: [UInt8]) {
        buffer.append(contentsOf: data)
        deliverLines()
        waiters.notifyAll(scheduler)
    }

    private func finish() {
        atEOF = true
        deliverLines(final: true)
        closeHandler?()
        closeHandler = nil
        waiters.notifyAll(scheduler)
    }

    private func deliverLines(final: Bool = false) {
        guard let handler = lineHandler else { return }
        while let line = takeLine(final: final) { handler(line) }
    }

    /// The next whole line (without its newline), or at end of file what is left.
    func takeLine(final: Bool) -> String? {
        if let nl = buffer[max(readPos, scanned)...].firstIndex(of: 0x0A) {
            let line = String(decoding: buffer[readPos..<nl], as: UTF8.self)
            readPos = nl + 1
            scanned = readPos
            compact()
            return line
        }
        scanned = buffer.count
        if final && readPos < buffer.count {
            let line = String(decoding: buffer[readPos...], as: UTF8.self)
            readPos = buffer.count
            compact()
            return line
        }
        return nil
    }

    private func compact() {
        if readPos > 65536 || readPos == buffer.count {
            buffer.removeFirst(readPos)
            scanned = max(0, scanned - readPos)
            readPos = 0
        }
    }

    /// The next line, waiting until `deadline` (monotonic seconds); nil at the end of file.
    public func readLine(_ t: Ctx, deadline: Double, timeoutMessage: String) throws -> String? {
        while true {
            if let line = takeLine(final: atEOF) { return line }
            if atEOF { return nil }
            let left = deadline - monotonicSeconds()
            if left <= 0 { throw JuliaError.error(timeoutMessage) }
            scheduler.driver.schedule(after: left) { [weak self] in
                guard let self else { return }
                self.waiters.notifyAll(self.scheduler)
            }
            try waiters.wait(scheduler)
        }
    }

    /// `readline(io)`: waits for a whole line (or the end); "" at the end.
    public func readLine(_ t: Ctx, keep: Bool = false) throws -> String {
        while true {
            if let line = takeLine(final: atEOF) { return keep ? line + "\n" : line }
            if atEOF { return "" }
            try waiters.wait(scheduler)
        }
    }

    /// `read(io)`: everything until the end.
    public func readAll(_ t: Ctx) throws -> [UInt8] {
        while !atEOF { try waiters.wait(scheduler) }
        let rest = Array(buffer[readPos...])
        buffer = []
        readPos = 0
        scanned = 0
        return rest
    }

    /// `readavailable(io)`: what is there now (waiting for something, or the end).
    public func readAvailable(_ t: Ctx) throws -> [UInt8] {
        while readPos == buffer.count && !atEOF { try waiters.wait(scheduler) }
        let rest = Array(buffer[readPos...])
        buffer = []
        readPos = 0
        scanned = 0
        return rest
    }

    /// `eof(io)`: waits until there is data or the end.
    public func isAtEnd(_ t: Ctx) throws -> Bool {
        while readPos == buffer.count && !atEOF { try waiters.wait(scheduler) }
        return readPos == buffer.count && atEOF
    }

    /// Hands every line from now on (those already read but not taken first) to `handler`,
    /// and `closed` at the end — how a worker's output is forwarded after its announcement.
    public func takeOver(lines handler: @escaping (String) -> Void, closed: @escaping () -> Void) {
        lineHandler = handler
        deliverLines(final: atEOF)
        if atEOF { closed() } else { closeHandler = closed }
    }
}

/// A started program (`Process`): its os pid, its input pipe, its output pipe, and how it ended.
public final class JProcess: JObject, CustomShow, FieldAccessible {
    public let cmd: JCmd
    public let ospid: pid_t
    /// The write end of its standard input, if it is a pipe.
    private var inputFD: Int32
    /// Its standard output, if it is a pipe.
    public let out: PipeReader?
    /// Whether its standard input is a pipe still open for writing.
    public var hasInput: Bool { inputFD >= 0 }
    public private(set) var exitCode: Int32?
    public private(set) var termSignal: Int32?
    let exitWaiters = WaitQueue()
    /// Guards the input descriptor and `reaped` (the shell's thread may close the input of a
    /// worker's process at exit while the interpreter's thread writes to it).
    private let lock = NSLock()
    private var reaped = false
    unowned(unsafe) let scheduler: Scheduler

    init(cmd: JCmd, ospid: pid_t, inputFD: Int32, out: PipeReader?, scheduler: Scheduler) {
        self.cmd = cmd
        self.ospid = ospid
        self.inputFD = inputFD
        self.out = out
        self.scheduler = scheduler
        super.init()
        let driver = scheduler.driver
        Thread.detachNewThread { [self] in
            var status: Int32 = 0
            while waitpid(ospid, &status, 0) < 0 && errno == EINTR {}
            self.lock.lock()
            self.reaped = true
            self.lock.unlock()
            var code: Int32 = 0
            let exited = dist_wait_status_exited(status, &code) != 0
            let sig = exited ? nil : Int32(status & 0x7f)
            driver.post { self.ended(exited ? code : nil, sig) }
        }
    }

    public override var jtype: JType { JType.process }

    private func ended(_ code: Int32?, _ sig: Int32?) {
        exitCode = code ?? 128 + (sig ?? 0)
        termSignal = sig
        exitWaiters.notifyAll(scheduler)
    }

    public var isRunning: Bool { exitCode == nil }
    public var succeeded: Bool { exitCode == 0 && termSignal == nil }

    /// `wait(p)`.
    public func wait(_ t: Ctx) throws {
        while exitCode == nil { try exitWaiters.wait(scheduler) }
    }

    /// True once the process has ended (safe from any thread).
    public var hasExited: Bool {
        lock.lock()
        defer { lock.unlock() }
        return reaped
    }

    /// Waits (from any thread, polling) until it has ended or the deadline passes; then kills it.
    public func waitForExit(until deadline: Double) {
        while !hasExited && monotonicSeconds() < deadline { usleep(5000) }
        if !hasExited { _ = Glibc.kill(ospid, SIGKILL) }
    }

    /// `write(p, bytes)`: to its standard input.
    public func write(_ bytes: [UInt8]) throws {
        lock.lock()
        defer { lock.unlock() }
        guard inputFD >= 0 else { throw JuliaError.argument("stream is closed or unusable") }
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(inputFD, $0.baseAddress! + off, $0.count - off) }
            if n < 0 {
                if errno == EINTR { continue }
                throw JuliaError.system("write", errno)
            }
            off += n
        }
    }

    /// `close(p.in)`: its input ends.
    public func closeInput() {
        lock.lock()
        defer { lock.unlock() }
        if inputFD >= 0 { close(inputFD); inputFD = -1 }
    }

    public func field(_ name: JSym, _ t: Ctx) throws -> Value? {
        switch name.name {
        case "out": return out.map { .obj($0) } ?? .nothing
        case "in": return .obj(ProcessInput(self))
        case "cmd": return .obj(cmd)
        case "exitcode": return .int(exitCode.map { Int64($0) } ?? Int64.min)
        case "termsignal": return .int(Int64(termSignal ?? 0))
        default: return nil
        }
    }

    public func showText(_ rt: Runtime, _ t: Ctx?) throws -> String {
        let state = isRunning ? "ProcessRunning" : termSignal != nil ? "ProcessSignaled(\(termSignal!))" : "ProcessExited(\(exitCode!))"
        return "Process(\(try cmd.showText(rt, t)), \(state))"
    }
}

/// `p.in`: what `write` and `close` reach a process's standard input through.
public final class ProcessInput: JObject {
    public let process: JProcess
    init(_ p: JProcess) { process = p }
    public override var jtype: JType { JType.pipeEndpoint }
}

extension JType {
    public static let cmd = JType(name: "Cmd", super: any)
    public static let process = JType(name: "Process", super: any)
    public static let pipeEndpoint = JType(name: "PipeEndpoint", super: ioType)
    public static let processFailedException = exceptionType("ProcessFailedException", ["procs"])
    public static let ioError = exceptionType("IOError", ["msg", "code"])
}

extension Runtime {
    /// Starts `cmd`: stdin and stdout as pipes when asked, else inherited (or redirected by
    /// `pipeline`); stderr inherited unless redirected.
    public func spawn(_ cmd: JCmd, pipeIn: Bool, pipeOut: Bool, stderrToOut: Bool = false) throws -> JProcess {
        guard let prog = cmd.exec.first else { throw JuliaError.argument("cannot spawn empty command") }
        var opened: [Int32] = []
        defer { for fd in opened { close(fd) } }
        func file(_ path: String, write: Bool) throws -> Int32 {
            if path == "/dev/null" { return -3 }
            let flags = write ? (O_WRONLY | O_CREAT | (cmd.appendOutput ? O_APPEND : O_TRUNC)) : O_RDONLY
            let fd = Glibc.open(resolvePath(path), flags | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw JuliaError.system("opening file \"\(path)\"", errno) }
            opened.append(fd)
            return fd
        }
        var how: [Int32] = [-1, -1, -1]
        if pipeIn { how[0] = -2 } else if let p = cmd.stdinPath { how[0] = try file(p, write: false) }
        if pipeOut { how[1] = -2 } else if let p = cmd.stdoutPath { how[1] = try file(p, write: true) }
        if stderrToOut { how[2] = 1 } else if let p = cmd.stderrPath { how[2] = try file(p, write: true) }
        var ends: [Int32] = [-1, -1, -1]
        let argv = cmd.exec.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?]? = cmd.env.map { $0.map { strdup($0) } + [nil] }
        defer {
            for a in argv { free(a) }
            for e in envp ?? [] { free(e) }
        }
        let pid: pid_t = argv.withUnsafeBufferPointer { ap in
            how.withUnsafeBufferPointer { hp in
                ends.withUnsafeMutableBufferPointer { ep in
                    if let envp {
                        return envp.withUnsafeBufferPointer { vp in
                            dist_spawn_io(prog, ap.baseAddress, vp.baseAddress, cmd.dir, hp.baseAddress, ep.baseAddress, cmd.detach ? 1 : 0)
                        }
                    }
                    return dist_spawn_io(prog, ap.baseAddress, nil, cmd.dir, hp.baseAddress, ep.baseAddress, cmd.detach ? 1 : 0)
                }
            }
        }
        guard pid > 0 else {
            let e = errno
            let names: [Int32: String] = [ENOENT: "ENOENT", EACCES: "EACCES", ENOEXEC: "ENOEXEC", ENOTDIR: "ENOTDIR"]
            let why = String(cString: strerror(e)).lowercased()
            let text = "could not spawn \(try cmd.showText(self, nil)): \(why) (\(names[e] ?? "errno \(e)"))"
            throw JuliaError.make(.ioError, [.str(JStr(text)), .int(Int64(-e))])
        }
        let out = ends[1] >= 0 ? PipeReader(fd: ends[1], scheduler: scheduler) : nil
        return JProcess(cmd: cmd, ospid: pid, inputFD: ends[0], out: out, scheduler: scheduler)
    }
}
