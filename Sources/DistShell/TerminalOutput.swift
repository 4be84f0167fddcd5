import DistLang
import Foundation

/// Process 1's output on a terminal: written straight through while code runs, held while the
/// prompt is up, and shown above the prompt as whole lines (IPython's `patch_stdout`).
///
/// Everything process 1 prints — its own `println`s, `@async` tasks, "From worker N:" lines,
/// `Worker N terminated.`, late remote errors — reaches this sink from the event-loop thread,
/// while the main thread may be inside libedit's `el_gets`. Writing to the terminal then
/// would land in the middle of the prompt line, so while `holding` the sink only queues the
/// text and writes a byte to a wake-up pipe. The line editor polls that pipe next to standard
/// input; when it wakes, it clears the edited lines, calls `takeShowable` and writes what it
/// returns, and redraws the prompt with the half-typed input (see `LineEditor`).
///
/// A line still open (`print` without a newline) is held back for `partialGrace` in case its
/// end follows; after that it is shown as a line of its own rather than lost.
///
/// With colour on, `ERROR:` at the start of a line is written in bold red, as Julia's REPL
/// writes it.
///
/// A status line (a progress bar) stays at the bottom while code runs: it is erased before
/// anything else is written and drawn again after each whole line, so output scrolls above it
/// and never mixes with it. It is written to standard error, as ProgressMeter writes.
///
/// Unchecked `Sendable`: the runtime writes from the loop's thread while the line editor on
/// the main thread holds and releases output around the prompt; every piece of state is read
/// and written under `lock`.
final class TerminalOutput: OutputSink, @unchecked Sendable {
    /// How long an unfinished line waits for its newline before it is shown anyway.
    static let partialGrace = 0.1

    /// Whether `ERROR:` is coloured on standard output and on standard error.
    let colourOut: Bool
    let colourErr: Bool
    /// The end of the wake-up pipe the line editor polls.
    let wakeFD: Int32
    private let wakeWriteFD: Int32

    private let lock = NSLock()
    private var holding = false
    /// Output waiting while the prompt is up, in arrival order: (file descriptor, text).
    private var pending: [(fd: Int32, text: String)] = []
    /// When the oldest text without its newline arrived.
    private var openSince: Double?
    /// Whether the last byte written (or queued) on each descriptor ended a line.
    private var atLineStart: [Int32: Bool] = [1: true, 2: true]
    /// The status line to keep at the bottom, and whether it is on the screen now.
    private var status: String?
    private var statusShown = false
    /// Whether standard error is a terminal that takes a status line, and whether that
    /// terminal knows the erase-line escape (TERM=dumb does not).
    private let statusCapable = isatty(2) != 0
    private let eraseKnown = ProcessInfo.processInfo.environment["TERM"] != "dumb"

    init(colourOut: Bool, colourErr: Bool) {
        self.colourOut = colourOut
        self.colourErr = colourErr
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC) // workers must not inherit it
            }
        }
        wakeFD = fds[0]
        wakeWriteFD = fds[1]
    }

    func write(_ s: String) { emit(1, s) }
    func writeError(_ s: String) { emit(2, s) }

    private func emit(_ fd: Int32, _ s: String) {
        guard !s.isEmpty else { return }
        lock.lock()
        defer { lock.unlock() }
        let text = coloured(fd, s)
        atLineStart[fd] = s.hasSuffix("\n")
        if !holding {
            // Under the lock, so that the prompt is never drawn while this is half written.
            if statusShown { eraseStatus() }
            TerminalOutput.writeAll(fd, text)
            drawStatusIfAtLineStart()
            return
        }
        if let last = pending.last, last.fd == fd {
            pending[pending.count - 1].text += text
        } else {
            pending.append((fd, text))
        }
        if text.hasSuffix("\n") {
            openSince = nil
        } else if openSince == nil {
            openSince = monotonicSeconds()
        }
        var byte: UInt8 = 1
        _ = Glibc.write(wakeWriteFD, &byte, 1)
    }

    func setStatusLine(_ line: String?) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard statusCapable else { return false }
        if statusShown { eraseStatus() }
        status = line
        // while the prompt is up the line editor owns the bottom line: the bar waits
        if !holding { drawStatusIfAtLineStart() }
        return true
    }

    /// Erases the status line (under the lock).
    private func eraseStatus() {
        if eraseKnown {
            TerminalOutput.writeAll(2, "\r\u{1B}[K")
        } else {
            TerminalOutput.writeAll(2, "\r" + String(repeating: " ", count: status?.count ?? 0) + "\r")
        }
        statusShown = false
    }

    /// Draws the status line when no line is open on either stream (under the lock).
    private func drawStatusIfAtLineStart() {
        guard let line = status, atLineStart[1] == true, atLineStart[2] == true else { return }
        TerminalOutput.writeAll(2, "\r" + line)
        statusShown = true
    }

    /// `ERROR:` at the start of a line in bold red (Julia's `error_color`, light red).
    private func coloured(_ fd: Int32, _ s: String) -> String {
        guard fd == 1 ? colourOut : colourErr, atLineStart[fd] ?? true, s.hasPrefix("ERROR: ") else { return s }
        return TerminalStyle.errorLabel + s.dropFirst(7)
    }

    /// From now on output is queued (the prompt is about to be drawn).
    func beginHolding() {
        lock.lock()
        if statusShown { eraseStatus() }
        holding = true
        lock.unlock()
    }

    /// Output goes straight through again; what was queued is written now (after the line the
    /// user entered).
    func endHolding() {
        lock.lock()
        holding = false
        let rest = pending
        pending = []
        openSince = nil
        for chunk in rest { TerminalOutput.writeAll(chunk.fd, chunk.text) }
        lock.unlock()
    }

    /// Empties the wake-up pipe.
    func drainWakeups() {
        var buf = [UInt8](repeating: 0, count: 256)
        while buf.withUnsafeMutableBytes({ Glibc.read(wakeFD, $0.baseAddress, $0.count) }) > 0 {}
    }

    /// Whether something should be shown above the prompt now: whole lines, or a line left
    /// open for longer than the grace period.
    func hasShowable(now: Double = monotonicSeconds()) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if pending.contains(where: { $0.text.contains("\n") }) { return true }
        if let since = openSince, now - since >= TerminalOutput.partialGrace { return true }
        return false
    }

    /// Seconds until an open line's grace period ends, or nil when none is waiting.
    func secondsUntilOpenLineDue(now: Double = monotonicSeconds()) -> Double? {
        lock.lock()
        defer { lock.unlock() }
        guard let since = openSince else { return nil }
        return max(0, since + TerminalOutput.partialGrace - now)
    }

    /// Takes what is ready to be shown above the prompt: every whole line, and an open line
    /// whose grace period is over (ended with a newline, so the prompt starts on a line of
    /// its own). An open line still within its grace period stays queued.
    func takeShowable(now: Double = monotonicSeconds()) -> [(fd: Int32, text: String)] {
        lock.lock()
        defer { lock.unlock() }
        if let since = openSince, now - since >= TerminalOutput.partialGrace {
            var all = pending
            pending = []
            openSince = nil
            if let last = all.last, !last.text.hasSuffix("\n") {
                all[all.count - 1].text += "\n"
                atLineStart[last.fd] = true
            }
            return all
        }
        guard let lastWhole = pending.lastIndex(where: { $0.text.contains("\n") }) else { return [] }
        var taken = Array(pending[...lastWhole])
        var rest = Array(pending[(lastWhole + 1)...])
        let split = taken[lastWhole].text
        if let nl = split.lastIndex(of: "\n"), split.index(after: nl) != split.endIndex {
            taken[lastWhole].text = String(split[...nl])
            rest.insert((taken[lastWhole].fd, String(split[split.index(after: nl)...])), at: 0)
        }
        pending = rest
        if pending.isEmpty { openSince = nil }
        return taken
    }

    /// Writes all of `s` to `fd`, retrying after interruptions.
    static func writeAll(_ fd: Int32, _ s: String) {
        var bytes = Array(s.utf8)
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + off, $0.count - off) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return
            }
            off += n
        }
        bytes.removeAll()
    }
}

/// The escape sequences the REPL colours with (Julia's choices).
enum TerminalStyle {
    /// `ERROR: ` in bold light red, as Julia prints it.
    static let errorLabel = "\u{1B}[91m\u{1B}[1mERROR: \u{1B}[22m\u{1B}[39m"
    /// The `dist> ` prompt: bold green.
    static let promptColour = "\u{1B}[32m\u{1B}[1m"
    /// The `help?> ` prompt: bold yellow.
    static let helpColour = "\u{1B}[33m\u{1B}[1m"
    static let reset = "\u{1B}[0m"
}
