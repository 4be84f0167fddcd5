import Foundation

/// A small terminal emulator for the REPL tests: what the screen of an xterm shows after a
/// stream of bytes, with each cell's colour and boldness.
///
/// It follows xterm where line editors trip: automatic margins with the "pending wrap" of the
/// last column (a character written there leaves the cursor in place until the next one,
/// which wraps first), and a clear-to-end-of-line in that state erasing the last column.
/// It understands the sequences libedit and the shell write for `TERM=xterm`: cursor moves,
/// insert and delete of characters and lines, erasing, SGR colours; others are skipped.
struct TerminalScreen {
    /// One character cell.
    struct Cell: Equatable {
        var text = " "
        var bold = false
        /// The SGR foreground colour (31 red, 32 green, 91 light red…), nil for the default.
        var foreground: Int? = nil
    }

    let rows: Int
    let columns: Int
    private(set) var cells: [[Cell]]
    private(set) var row = 0
    private(set) var column = 0
    private var pendingWrap = false
    private var bold = false
    private var foreground: Int? = nil
    private var savedCursor = (0, 0)
    private var utf8: [UInt8] = []
    private var escape: [UInt8]? = nil

    init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        cells = Array(repeating: Array(repeating: Cell(), count: columns), count: rows)
    }

    /// The text of row `r`, without trailing blanks.
    func line(_ r: Int) -> String {
        var s = cells[r].map(\.text).joined()
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }

    /// Every row's text, without trailing blank rows.
    var lines: [String] {
        var ls = (0..<rows).map(line)
        while ls.last == "" { ls.removeLast() }
        return ls
    }

    /// The whole screen as text (for failure messages).
    var text: String { lines.joined(separator: "\n") }

    /// The row holding the cursor.
    var cursorLine: String { line(row) }

    /// Where `needle` starts on row `r`, as a column.
    func column(of needle: String, inRow r: Int) -> Int? {
        let l = line(r)
        guard let range = l.range(of: needle) else { return nil }
        return l.distance(from: l.startIndex, to: range.lowerBound)
    }

    mutating func resize(rows newRows: Int, columns newColumns: Int) {
        var fresh = TerminalScreen(rows: newRows, columns: newColumns)
        for r in 0..<min(rows, newRows) {
            for c in 0..<min(columns, newColumns) { fresh.cells[r][c] = cells[r][c] }
        }
        fresh.row = min(row, newRows - 1)
        fresh.column = min(column, newColumns - 1)
        self = fresh
    }

    mutating func feed(_ bytes: [UInt8]) {
        for b in bytes { feed(byte: b) }
    }

    private mutating func feed(byte b: UInt8) {
        if var e = escape {
            e.append(b)
            escape = e
            if let done = escapeComplete(e) {
                escape = nil
                if done { perform(e) }
            }
            return
        }
        if !utf8.isEmpty || b >= 0x80 {
            utf8.append(b)
            let need = utf8[0] >= 0xF0 ? 4 : utf8[0] >= 0xE0 ? 3 : utf8[0] >= 0xC0 ? 2 : 1
            if utf8.count >= need {
                let s = String(decoding: utf8, as: UTF8.self)
                utf8 = []
                for scalar in s.unicodeScalars { put(scalar) }
            }
            return
        }
        switch b {
        case 0x1B: escape = [b]
        case 0x0D: column = 0; pendingWrap = false
        case 0x0A, 0x0B, 0x0C: lineFeed(); pendingWrap = false
        case 0x08: column = max(0, column - 1); pendingWrap = false
        case 0x09: column = min(columns - 1, (column / 8 + 1) * 8); pendingWrap = false
        case 0x00..<0x20, 0x7F: break
        default: put(Unicode.Scalar(b))
        }
    }

    /// nil while the sequence goes on; true when it is complete, false to drop it.
    private func escapeComplete(_ e: [UInt8]) -> Bool? {
        guard e.count >= 2 else { return nil }
        switch e[1] {
        case UInt8(ascii: "["):
            guard e.count >= 3, let last = e.last else { return nil }
            return (0x40...0x7E).contains(last) ? true : nil
        case UInt8(ascii: "]"): // OSC, up to BEL or ESC \
            if e.last == 0x07 { return false }
            if e.count >= 4 && e[e.count - 2] == 0x1B && e.last == UInt8(ascii: "\\") { return false }
            return nil
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "#"):
            return e.count >= 3 ? false : nil
        default:
            return true
        }
    }

    private mutating func perform(_ e: [UInt8]) {
        if e[1] == UInt8(ascii: "7") { savedCursor = (row, column); return }
        if e[1] == UInt8(ascii: "8") { (row, column) = savedCursor; pendingWrap = false; return }
        if e[1] == UInt8(ascii: "M") { // reverse index
            if row == 0 { cells.insert(blankRow(), at: 0); cells.removeLast() } else { row -= 1 }
            return
        }
        guard e[1] == UInt8(ascii: "["), let final = e.last else { return }
        let body = String(decoding: e[2..<(e.count - 1)], as: UTF8.self)
        let isPrivate = body.hasPrefix("?") || body.hasPrefix(">")
        let params = body.trimmingCharacters(in: CharacterSet(charactersIn: "?>")).split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
        let n = max(1, params.first ?? 1)
        switch final {
        case UInt8(ascii: "A"): row = max(0, row - n); pendingWrap = false
        case UInt8(ascii: "B"), UInt8(ascii: "e"): row = min(rows - 1, row + n); pendingWrap = false
        case UInt8(ascii: "C"), UInt8(ascii: "a"): column = min(columns - 1, column + n); pendingWrap = false
        case UInt8(ascii: "D"): column = max(0, column - n); pendingWrap = false
        case UInt8(ascii: "E"): row = min(rows - 1, row + n); column = 0; pendingWrap = false
        case UInt8(ascii: "F"): row = max(0, row - n); column = 0; pendingWrap = false
        case UInt8(ascii: "G"), UInt8(ascii: "`"): column = min(columns - 1, n - 1); pendingWrap = false
        case UInt8(ascii: "d"): row = min(rows - 1, n - 1); pendingWrap = false
        case UInt8(ascii: "H"), UInt8(ascii: "f"):
            row = min(rows - 1, max(1, params.first ?? 1) - 1)
            column = min(columns - 1, max(1, params.count > 1 ? params[1] : 1) - 1)
            pendingWrap = false
        case UInt8(ascii: "J"):
            let mode = params.first ?? 0
            if mode == 0 {
                eraseLine(from: column, to: columns)
                for r in (row + 1)..<rows { cells[r] = blankRow() }
            } else if mode == 1 {
                for r in 0..<row { cells[r] = blankRow() }
                eraseLine(from: 0, to: column + 1)
            } else {
                for r in 0..<rows { cells[r] = blankRow() }
            }
        case UInt8(ascii: "K"):
            let mode = params.first ?? 0
            if mode == 0 { eraseLine(from: column, to: columns) }
            else if mode == 1 { eraseLine(from: 0, to: column + 1) }
            else { cells[row] = blankRow() }
        case UInt8(ascii: "X"): eraseLine(from: column, to: min(columns, column + n))
        case UInt8(ascii: "@"):
            for _ in 0..<min(n, columns - column) {
                cells[row].insert(Cell(), at: column)
                cells[row].removeLast()
            }
        case UInt8(ascii: "P"):
            for _ in 0..<min(n, columns - column) {
                cells[row].remove(at: column)
                cells[row].append(Cell())
            }
        case UInt8(ascii: "L"):
            for _ in 0..<min(n, rows - row) { cells.insert(blankRow(), at: row); cells.removeLast() }
        case UInt8(ascii: "M"):
            for _ in 0..<min(n, rows - row) { cells.remove(at: row); cells.append(blankRow()) }
        case UInt8(ascii: "m") where !isPrivate:
            sgr(params.isEmpty ? [0] : params)
        default:
            break // modes, scrolling regions, queries
        }
    }

    private mutating func sgr(_ params: [Int]) {
        var i = 0
        while i < params.count {
            let p = params[i]
            switch p {
            case 0: bold = false; foreground = nil
            case 1: bold = true
            case 22: bold = false
            case 30...37, 90...97: foreground = p
            case 39: foreground = nil
            case 38: i += params.count > i + 1 && params[i + 1] == 5 ? 2 : 4
            default: break
            }
            i += 1
        }
    }

    private func blankRow() -> [Cell] { Array(repeating: Cell(), count: columns) }

    private mutating func eraseLine(from: Int, to: Int) {
        guard from < to else { return }
        for c in from..<min(to, columns) { cells[row][c] = Cell() }
    }

    private mutating func lineFeed() {
        if row == rows - 1 {
            cells.removeFirst()
            cells.append(blankRow())
        } else {
            row += 1
        }
    }

    private mutating func put(_ s: Unicode.Scalar) {
        if s.properties.generalCategory == .nonspacingMark || s.properties.generalCategory == .enclosingMark {
            let c = pendingWrap ? column : max(0, column - 1)
            cells[row][c].text.unicodeScalars.append(s)
            return
        }
        if pendingWrap {
            column = 0
            lineFeed()
            pendingWrap = false
        }
        cells[row][column] = Cell(text: String(s), bold: bold, foreground: foreground)
        if column == columns - 1 { pendingWrap = true } else { column += 1 }
    }
}
