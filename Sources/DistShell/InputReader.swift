import Foundation
import CDistSupport

/// Reads standard input line by line without a terminal (pipes and files).
final class PlainLineReader {
    private var buffer: [UInt8] = []
    private var eof = false
    /// Set when a Ctrl-C (SIGINT) ended the reading: `readLine` then returns nil.
    private(set) var interrupted = false

    /// The number of SIGINTs that end the reading once exceeded: those received before the
    /// reader existed count too (a Ctrl-C while the session was starting must not be lost).
    private var signals: Int32

    init(signalsBefore: Int32 = 0) { signals = signalsBefore }

    /// The next line without its newline, or nil at end of input. `freshSignals`: only a
    /// SIGINT from now on ends the reading (an interactive REPL, where an earlier Ctrl-C
    /// interrupted an evaluation and is spent).
    func readLine(freshSignals: Bool = false) -> String? {
        if freshSignals { signals = dist_sigints_received() }
        while true {
            if let nl = buffer.firstIndex(of: 0x0A) {
                let line = Array(buffer[..<nl])
                buffer.removeSubrange(...nl)
                return String(decoding: line, as: UTF8.self)
            }
            if eof {
                if buffer.isEmpty { return nil }
                let line = buffer
                buffer = []
                return String(decoding: line, as: UTF8.self)
            }
            // Julia's non-interactive mode ends on SIGINT, idle or not; the signal may be taken
            // by any thread (and its flag cleared by the idle runtime), so waiting for input
            // counts the signals rather than waiting for EINTR
            if dist_sigints_received() != signals {
                interrupted = true
                return nil
            }
            var fds = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            if poll(&fds, 1, 100) <= 0 { continue } // nothing yet, or a signal (EINTR)
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                eof = true
            } else if n == 0 {
                eof = true
            } else {
                buffer.append(contentsOf: chunk[..<n])
            }
        }
    }
}
