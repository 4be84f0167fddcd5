import Foundation

/// Reads standard input line by line without a terminal (pipes and files).
final class PlainLineReader {
    private var buffer: [UInt8] = []
    private var eof = false

    /// The next line without its newline, or nil at end of input.
    func readLine() -> String? {
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
