@preconcurrency import CEditline
import CDistSupport
import Foundation

/// How libedit gets its characters: a `poll` on standard input and on the output's wake-up
/// pipe, so the prompt can make way for output without a key being pressed.
extension LineEditor {
    /// libedit's character reader (`EL_GETCFN`): 1 and a character, 0 at end of input, -1 on
    /// an error or an interrupt (errno EINTR, which makes `el_gets` return).
    func readCharacter(_ cp: UnsafeMutablePointer<wchar_t>) -> Int32 {
        while true {
            if let c = input.next() {
                escape.feed(c)
                cp.pointee = wchar_t(bitPattern: c.value)
                return 1
            }
            if LineEditor.windowChanged != 0 {
                LineEditor.windowChanged = 0
                el_resize(el)
                redrawForResize = true
                cp.pointee = LineEditor.showKey
                return 1
            }
            if let output, !escape.inSequence, output.hasShowable() {
                showOutputAtRedraw = true
                cp.pointee = LineEditor.showKey
                return 1
            }
            var timeout: Int32 = -1
            if escape.inSequence { timeout = 50 }
            if let due = output?.secondsUntilOpenLineDue() {
                let ms = Int32(min(due * 1000 + 1, 10_000))
                timeout = timeout < 0 ? ms : min(timeout, ms)
            }
            // a Ctrl-C that came before this poll, or went to another thread, is seen through
            // the handler's pipe (else it would wait for the next key)
            if dist_sigint_pending() != 0 {
                cp.pointee = 0
                errno = EINTR
                return -1
            }
            var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: output?.wakeFD ?? -1, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: dist_sigint_wake_fd(), events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 3, timeout)
            if fds[2].revents != 0 {
                dist_sigint_drain_wakeups()
                if dist_sigint_pending() != 0 {
                    cp.pointee = 0
                    errno = EINTR
                    return -1
                }
            }
            if ready < 0 {
                if errno == EINTR {
                    if dist_interrupt_pending() != 0 {
                        cp.pointee = 0
                        errno = EINTR
                        return -1
                    }
                    continue
                }
                cp.pointee = 0
                return -1
            }
            if ready == 0 {
                escape.reset() // a lone ESC: the sequence is not coming
                continue
            }
            if fds[1].revents != 0 { output?.drainWakeups() }
            if fds[0].revents != 0 {
                var buf = [UInt8](repeating: 0, count: 4096)
                let n = buf.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
                if n == 0 {
                    cp.pointee = 0
                    errno = 0
                    return 0
                }
                if n < 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    cp.pointee = 0
                    return -1
                }
                input.append(buf[..<n])
            }
        }
    }
}

/// Bytes from the terminal, decoded as UTF-8 one scalar at a time; a sequence cut between
/// two reads waits for its end.
struct UTF8Input {
    private var bytes: [UInt8] = []
    private var start = 0

    mutating func append(_ more: ArraySlice<UInt8>) {
        if start > 0 {
            bytes.removeFirst(start)
            start = 0
        }
        bytes.append(contentsOf: more)
    }

    /// The next scalar, or nil when none is complete. Invalid bytes are skipped.
    mutating func next() -> Unicode.Scalar? {
        while start < bytes.count {
            let b0 = bytes[start]
            let length = b0 < 0x80 ? 1 : b0 >> 5 == 0b110 ? 2 : b0 >> 4 == 0b1110 ? 3 : b0 >> 3 == 0b11110 ? 4 : 0
            if length == 0 {
                start += 1
                continue
            }
            if bytes.count - start < length { return nil }
            var value = length == 1 ? UInt32(b0) : UInt32(b0) & (0xFF >> (length + 1))
            var valid = true
            for i in 1..<length {
                let b = bytes[start + i]
                if b & 0xC0 != 0x80 { valid = false; break }
                value = value << 6 | UInt32(b & 0x3F)
            }
            guard valid, let s = Unicode.Scalar(value) else {
                start += 1
                continue
            }
            start += length
            return s
        }
        return nil
    }
}

/// Follows the characters handed to libedit through escape sequences (`ESC [ 1 ; 5 D`), so
/// that the show key is never put in the middle of one.
struct EscapeTracker {
    private enum State { case none, escape, csi }
    private var state = State.none

    var inSequence: Bool { state != .none }

    mutating func reset() { state = .none }

    mutating func feed(_ c: Unicode.Scalar) {
        switch state {
        case .none:
            if c == "\u{1B}" { state = .escape }
        case .escape:
            state = c == "[" || c == "O" ? .csi : .none
        case .csi:
            // parameters and intermediates (0x20–0x3F) continue it; a final byte ends it
            if !(0x20...0x3F).contains(c.value) { state = .none }
        }
    }
}
