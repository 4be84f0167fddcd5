import Foundation
import Testing

/// `dist` running on a pseudo-terminal, as a user at an xterm would run it: the tests type
/// keys and look at the screen (through `TerminalScreen`) or at the bytes written.
///
/// The program is started in a session of its own with the terminal as its controlling
/// terminal, so the terminal's size and Ctrl-C reach it as they would from a real one. Every
/// wait has a timeout; closing the terminal (or the deinit) hangs it up, which ends `dist`,
/// and `dist` going ends its workers.
final class PseudoTerminal: @unchecked Sendable {
    let master: Int32
    let pid: pid_t
    private let lock = NSCondition()
    private var received: [UInt8] = []
    private var screenState: TerminalScreen
    private var ended = false
    /// Where standard output went when it was not the terminal (`stdoutToPipe`).
    private let outputPipe: StreamCollector?

    /// Starts `dist args` on a terminal of `rows`×`columns` with `TERM=xterm`, `HOME` a new
    /// empty folder (no history from elsewhere) and `NO_COLOR` unset; `env` adds to or (with
    /// nil) removes from that environment. With `stdoutToPipe`, standard output and error go
    /// to a pipe instead (read with `pipedOutput`).
    init(_ args: [String], rows: Int = 24, columns: Int = 80, env: [String: String?] = [:], home: String? = nil,
         stdoutToPipe: Bool = false) throws {
        let binary = try distBinary()
        // posix_openpt, unlockpt and ptsname are hidden from Swift's Glibc module; on Linux
        // they are /dev/ptmx and two ioctls (TIOCSPTLCK, TIOCGPTN).
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard master >= 0, ioctl(master, 0x4004_5431, &unlock) == 0, ioctl(master, 0x8004_5430, &number) == 0 else {
            throw TestFailure("no pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        let slavePath = "/dev/pts/\(number)"
        var ws = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &ws)
        screenState = TerminalScreen(rows: rows, columns: columns)

        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = nil
        environment["TERM"] = "xterm"
        environment["LANG"] = "C.UTF-8"
        environment["LC_ALL"] = "C.UTF-8"
        environment["HOME"] = home ?? NSTemporaryDirectory() + "dist-pty-home-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: environment["HOME"]!, withIntermediateDirectories: true)
        for (k, v) in env { environment[k] = v }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // After setsid, opening the terminal makes it the controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        var pipeFDs: [Int32] = [-1, -1]
        if stdoutToPipe {
            guard pipe(&pipeFDs) == 0 else { throw TestFailure("pipe failed") }
            posix_spawn_file_actions_adddup2(&actions, pipeFDs[1], 1)
            posix_spawn_file_actions_adddup2(&actions, pipeFDs[1], 2)
            posix_spawn_file_actions_addclose(&actions, pipeFDs[0])
            posix_spawn_file_actions_addclose(&actions, pipeFDs[1])
        } else {
            posix_spawn_file_actions_adddup2(&actions, 0, 1)
            posix_spawn_file_actions_adddup2(&actions, 0, 2)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGINT, SIGQUIT, SIGPIPE, SIGWINCH, SIGHUP, SIGTERM] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(0x80 /* POSIX_SPAWN_SETSID */ | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = [binary] + args
        let envp = environment.map { "\($0.key)=\($0.value)" }
        var child: pid_t = 0
        let rc = withCStrings(argv) { cargv in
            withCStrings(envp) { cenv in posix_spawn(&child, binary, &actions, &attributes, cargv, cenv) }
        }
        guard rc == 0 else { throw TestFailure("posix_spawn \(binary): \(String(cString: strerror(rc)))") }
        pid = child
        if stdoutToPipe {
            close(pipeFDs[1])
            outputPipe = StreamCollector(FileHandle(fileDescriptor: pipeFDs[0], closeOnDealloc: true))
        } else {
            outputPipe = nil
        }
        let reader = Thread { [self] in readLoop() }
        reader.start()
    }

    deinit {
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == 0 {
            kill(pid, SIGKILL)
            _ = waitpid(pid, &status, 0)
        }
        close(master)
    }

    private func readLoop() {
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buf.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            lock.lock()
            if n <= 0 {
                ended = true
            } else {
                received.append(contentsOf: buf[..<n])
                screenState.feed(Array(buf[..<n]))
            }
            lock.broadcast()
            lock.unlock()
            if n <= 0 { return }
        }
    }

    // MARK: Typing

    /// Types `text` (as the terminal would send it), all at once or a character at a time
    /// with a pause between.
    func type(_ text: String, pause: Double = 0) {
        let bytes = Array(text.utf8)
        if pause == 0 {
            write(bytes)
            return
        }
        for scalar in text.unicodeScalars {
            write(Array(String(scalar).utf8))
            Thread.sleep(forTimeInterval: pause)
        }
    }

    /// Keys as an xterm sends them.
    enum Key: String {
        case enter = "\r", tab = "\t", backspace = "\u{7F}", ctrlC = "\u{3}", ctrlD = "\u{4}", ctrlA = "\u{1}"
        case ctrlE = "\u{5}", ctrlU = "\u{15}"
        case up = "\u{1B}[A", down = "\u{1B}[B", right = "\u{1B}[C", left = "\u{1B}[D"
        case ctrlLeft = "\u{1B}[1;5D", ctrlRight = "\u{1B}[1;5C", home = "\u{1B}[H", end = "\u{1B}[F"
    }

    func press(_ key: Key, times: Int = 1) {
        for _ in 0..<times { write(Array(key.rawValue.utf8)) }
    }

    private func write(_ bytes: [UInt8]) {
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(master, $0.baseAddress! + off, $0.count - off) }
            if n <= 0 { if errno == EINTR || errno == EAGAIN { continue } else { return } }
            off += n
        }
    }

    /// Changes the terminal's size (the program gets SIGWINCH).
    func resize(rows: Int, columns: Int) {
        lock.lock()
        screenState.resize(rows: rows, columns: columns)
        lock.unlock()
        var ws = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &ws)
    }

    // MARK: Looking

    /// The screen now.
    var screen: TerminalScreen {
        lock.lock()
        defer { lock.unlock() }
        return screenState
    }

    /// Everything written to the terminal so far, as text.
    var output: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: received, as: UTF8.self)
    }

    /// What went to the pipe (with `stdoutToPipe`).
    var pipedOutput: String { outputPipe?.text ?? "" }

    /// Waits until `condition` holds for the screen; records an issue (with the screen) and
    /// returns false after `seconds`.
    @discardableResult
    func waitForScreen(_ what: String, within seconds: Double = 15, sourceLocation: SourceLocation = #_sourceLocation,
                       _ condition: (TerminalScreen) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        lock.lock()
        defer { lock.unlock() }
        while true {
            if condition(screenState) { return true }
            if ended || !lock.wait(until: deadline) {
                if condition(screenState) { return true }
                Issue.record("\(what): not on the screen within \(seconds) s\n--- screen ---\n\(screenState.text)\n---", sourceLocation: sourceLocation)
                return false
            }
        }
    }

    /// Waits until the output written so far contains `text`.
    @discardableResult
    func waitForOutput(_ text: String, within seconds: Double = 15, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        lock.lock()
        defer { lock.unlock() }
        while true {
            if String(decoding: received, as: UTF8.self).contains(text) { return true }
            if ended || !lock.wait(until: deadline) {
                if String(decoding: received, as: UTF8.self).contains(text) { return true }
                Issue.record("\(text.debugDescription) not written within \(seconds) s\n--- output ---\n\(String(decoding: received, as: UTF8.self).debugDescription)", sourceLocation: sourceLocation)
                return false
            }
        }
    }

    /// Waits for the prompt on the cursor's row (the REPL is ready for input).
    @discardableResult
    func waitForPrompt(_ prompt: String = "dist> ", within seconds: Double = 30, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        waitForScreen("the prompt \(prompt.debugDescription)", within: seconds, sourceLocation: sourceLocation) {
            $0.cursorLine == prompt.trimmingCharacters(in: .whitespaces) || $0.cursorLine == prompt
        }
    }

    /// Ends the session: Ctrl-D on an emptied line (Ctrl-E, Ctrl-U: on a line with text,
    /// Ctrl-D deletes a character, as in Julia's REPL, and does not end it), then waits
    /// (bounded) for the program to exit; returns its status, or nil if it had to be killed.
    /// A Ctrl-D typed while the terminal is still in line mode between two prompts can be
    /// lost (the switch to libedit's mode turns it into a NUL), so the three keys are typed
    /// again every two seconds.
    @discardableResult
    func finish(within seconds: Double = 20) -> Int32? {
        let endOfInput: () -> Void = { [self] in
            press(.ctrlE)
            press(.ctrlU)
            press(.ctrlD)
        }
        endOfInput()
        let deadline = Date().addingTimeInterval(seconds)
        var again = Date().addingTimeInterval(2)
        var status: Int32 = 0
        while Date() < deadline {
            if waitpid(pid, &status, WNOHANG) == pid { return (status >> 8) & 0xFF }
            if Date() > again {
                // typed before the prompt, in the terminal's line mode, Ctrl-E stays in
                // the line as a character: this round's Ctrl-E and Ctrl-U remove it
                endOfInput()
                again = Date().addingTimeInterval(2)
            }
            usleep(20_000)
        }
        kill(pid, SIGKILL)
        _ = waitpid(pid, &status, 0)
        return nil
    }
}

/// Runs `body` with `strings` as a NULL-terminated C array.
func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { for p in pointers { free(p) } }
    return body(pointers)
}
