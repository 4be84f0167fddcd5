import Foundation

/// What the shell needs to know about the terminal: its size, whether it takes colour, and
/// whether it can be edited on at all.
enum Terminal {
    /// The terminal's (rows, columns) from standard output; nil when it is not a terminal or
    /// does not say.
    static func windowSize() -> (rows: Int, columns: Int)? {
        var ws = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0, ws.ws_row > 0 else { return nil }
        return (Int(ws.ws_row), Int(ws.ws_col))
    }

    /// The size values are displayed in, as Julia's `displaysize()` finds it: the terminal's,
    /// else `LINES` and `COLUMNS`, else 24×80.
    static func displaySize() -> (rows: Int, columns: Int) {
        if let size = windowSize() { return size }
        let env = ProcessInfo.processInfo.environment
        let rows = env["LINES"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil } ?? 24
        let columns = env["COLUMNS"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil } ?? 80
        return (rows, columns)
    }

    /// `TERM=dumb`: a terminal that cannot move the cursor, where the REPL reads plain lines
    /// (as Julia's basic REPL does) and writes no escape sequences.
    static var isDumb: Bool { ProcessInfo.processInfo.environment["TERM"] == "dumb" }

    /// Whether output on `fd` is coloured: as `--color` says (`forced`), or by default on a
    /// terminal unless `NO_COLOR` is set (no-color.org) or `TERM=dumb`.
    static func colour(forced: Bool?, fd: Int32) -> Bool {
        if let forced { return forced }
        let env = ProcessInfo.processInfo.environment
        if let noColour = env["NO_COLOR"], !noColour.isEmpty { return false }
        return !isDumb && isatty(fd) != 0
    }
}
