import CDistSupport
import Foundation

/// A worker process this one started: its os pid and the write end of its standard input.
///
/// The input stays open for the worker's life: closing it (or this process ending, however
/// it ends) makes the worker exit, and a byte 0x03 on it interrupts the worker's running
/// call. The methods are safe to call from any thread.
final class WorkerProcessHandle {
    let pid: Int
    let ospid: pid_t
    private var inputFD: Int32
    private let lock = NSLock()
    private var exited = false

    init(pid: Int, ospid: pid_t, inputFD: Int32) {
        self.pid = pid
        self.ospid = ospid
        self.inputFD = inputFD
    }

    /// Sends the cookie line.
    func writeCookie(_ cookie: String) {
        write(Array((cookie + "\n").utf8))
    }

    /// Interrupts the worker's running call (`interrupt()`).
    func interrupt() {
        write([0x03])
    }

    private func write(_ bytes: [UInt8]) {
        lock.lock()
        defer { lock.unlock() }
        guard inputFD >= 0 else { return }
        _ = bytes.withUnsafeBytes { Glibc.write(inputFD, $0.baseAddress, $0.count) }
    }

    /// Closes the worker's input: it exits.
    func closeInput() {
        lock.lock()
        defer { lock.unlock() }
        if inputFD >= 0 {
            close(inputFD)
            inputFD = -1
        }
    }

    /// Waits (polling) until the process has exited or the deadline passes; then kills it.
    func waitForExit(until deadline: Double) {
        if reap() { return }
        while monotonicSecondsC() < deadline {
            if reap() { return }
            usleep(5000)
        }
        kill(ospid, SIGKILL)
        _ = reapBlocking()
    }

    /// True once the process has exited (and been reaped).
    @discardableResult
    func reap() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if exited { return true }
        var status: Int32 = 0
        let r = waitpid(ospid, &status, WNOHANG)
        if r == ospid || r < 0 { exited = true }
        return exited
    }

    private func reapBlocking() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if exited { return true }
        var status: Int32 = 0
        _ = waitpid(ospid, &status, 0)
        exited = true
        return true
    }
}

func monotonicSecondsC() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}
