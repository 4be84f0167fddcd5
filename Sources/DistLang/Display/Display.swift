/// `display`: the multi-line form the REPL prints (`show(io, MIME"text/plain"(), x)`).
///
/// Arrays print a summary line and their elements aligned in columns (integers to the right,
/// floats on the decimal point, other values to the left), limited to the screen's size
/// (`displaySize`) with `⋮` and `…` as Julia does.
extension Runtime {
    /// The text the REPL shows for `v`, or nil for `nothing`.
    public func displayString(_ v: Value, _ t: Ctx?) throws -> String? {
        switch v {
        case .nothing: return nil
        case .arr(let a): return try displayArray(a, t)
        case .fn(let f):
            let n = f.methodCount
            return "\(f.name) (generic function with \(n) method\(n == 1 ? "" : "s"))"
        case .char(let c):
            return quoteChar(c) + ": " + charDescription(c)
        case .obj(let o):
            if let u = try userShow(v, t, mime: true) { return u }
            if let d = o as? JDict { return try displayDict(d, t) }
            if let n = o as? JNamedTuple, n.isKeywordPairs {
                // Julia's `pairs(::NamedTuple) with 2 entries:` listing
                var out = "pairs(::NamedTuple) with \(n.names.count) entr\(n.names.count == 1 ? "y" : "ies")" + (n.names.isEmpty ? "" : ":")
                let width = n.names.map { $0.name.count + 1 }.max() ?? 0
                for (k, v) in zip(n.names, n.values) {
                    var ctx = ShowContext(compact: true, limit: true, typeinfo: nil)
                    var vs = ""
                    try show(v, &vs, &ctx, t)
                    let ks = ":" + k.name
                    out += "\n  " + ks + String(repeating: " ", count: width - ks.count) + " => " + vs
                }
                return out
            }
            var out = ""
            var ctx = ShowContext(compact: false, limit: true, typeinfo: nil)
            try show(v, &out, &ctx, t)
            return out
        default:
            var out = ""
            var ctx = ShowContext(compact: false, limit: true, typeinfo: nil)
            try show(v, &out, &ctx, t)
            return out
        }
    }

    func charDescription(_ c: UInt32) -> String {
        // Julia 1.0 prints the code point in lowercase hex, padded to 4 digits (6 beyond U+FFFF)
        let hex = String(c, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, (c <= 0xffff ? 4 : 6) - hex.count)) + hex
        let kind = c < 0x80 ? "ASCII/Unicode" : "Unicode"
        guard let s = Unicode.Scalar(c) else { return "\(kind) \(code)" }
        let (abbr, name) = categoryName(s.properties.generalCategory)
        return "\(kind) \(code) (category \(abbr): \(name))"
    }

    func categoryName(_ g: Unicode.GeneralCategory) -> (String, String) {
        switch g {
        case .uppercaseLetter: return ("Lu", "Letter, uppercase")
        case .lowercaseLetter: return ("Ll", "Letter, lowercase")
        case .titlecaseLetter: return ("Lt", "Letter, titlecase")
        case .modifierLetter: return ("Lm", "Letter, modifier")
        case .otherLetter: return ("Lo", "Letter, other")
        case .decimalNumber: return ("Nd", "Number, decimal digit")
        case .letterNumber: return ("Nl", "Number, letter")
        case .otherNumber: return ("No", "Number, other")
        case .spaceSeparator: return ("Zs", "Separator, space")
        case .control: return ("Cc", "Other, control")
        case .connectorPunctuation: return ("Pc", "Punctuation, connector")
        case .dashPunctuation: return ("Pd", "Punctuation, dash")
        case .openPunctuation: return ("Ps", "Punctuation, open")
        case .closePunctuation: return ("Pe", "Punctuation, close")
        case .otherPunctuation: return ("Po", "Punctuation, other")
        case .mathSymbol: return ("Sm", "Symbol, math")
        case .currencySymbol: return ("Sc", "Symbol, currency")
        case .modifierSymbol: return ("Sk", "Symbol, modifier")
        case .otherSymbol: return ("So", "Symbol, other")
        default: return ("Cn", "Other, not assigned")
        }
    }

    /// `3-element Array{Int64,1}`, `2×2 Array{Float64,2}`.
    public func arraySummary(_ a: JArray) -> String {
        let shape = a.ndims == 1 ? "\(a.count)-element" : a.dims.map(String.init).joined(separator: "×")
        return "\(shape) \(a.jtype)"
    }

    func displayArray(_ a: JArray, _ t: Ctx?) throws -> String {
        var out = arraySummary(a)
        if a.count == 0 { return out }
        out += ":\n"
        if a.ndims <= 2 {
            try printMatrix(a, 0, &out, t)
        } else {
            let m = a.dims[0], n = a.dims[1]
            let slices = a.count / max(1, m * n)
            let tail = Array(a.dims[2...])
            for k in 0..<slices {
                var idx: [Int] = []
                var rem = k
                for d in tail { idx.append(rem % d + 1); rem /= d }
                out += "[:, :, " + idx.map(String.init).joined(separator: ", ") + "] =\n"
                try printMatrix(a, k * m * n, &out, t, rows: m, cols: n)
                if k < slices - 1 { out += "\n\n" }
            }
        }
        return out
    }

    /// The (left, right) widths of an element, for alignment.
    func alignment(_ v: Value, _ text: String) -> (Int, Int) {
        switch v {
        case .int: return (text.count, 0)
        case .bool: return (text.count, 0)
        case .float:
            if let i = text.firstIndex(where: { $0 == "." || $0 == "e" || $0 == "E" || $0 == "f" || $0 == "F" }) {
                let l = text.distance(from: text.startIndex, to: i)
                return (l, text.count - l)
            }
            return (text.count, 0)
        case .undef: return (3, 3)
        default: return (0, text.count)
        }
    }

    func printMatrix(_ a: JArray, _ offset: Int, _ out: inout String, _ t: Ctx?, rows: Int? = nil, cols: Int? = nil) throws {
        let m = rows ?? a.dims[0]
        let n = cols ?? (a.ndims == 1 ? 1 : a.dims[1])
        var ctx = ShowContext(compact: true, limit: true, typeinfo: a.eltype)
        func text(_ i: Int, _ j: Int) throws -> (String, (Int, Int)) {
            let v = a.get(offset + i + j * m)
            if case .undef = v { return ("#undef", (3, 3)) }
            var s = ""
            try show(v, &s, &ctx, t)
            return (s, alignment(v, s))
        }
        let (screenRows, screenCols) = displaySize
        let screenheight = screenRows - 4
        let pre = " ", sep = "  ", hdots = "  …  ", vdots = "⋮", ddots = "  ⋱  "
        let screenwidth = screenCols - pre.count
        var rowsA = Array(0..<m)
        let halfheight = screenheight / 2
        if m > screenheight {
            rowsA = Array(0..<halfheight) + Array((m - (screenheight - 1) / 2)..<m)
        }
        let maxpossiblecols = screenwidth / (1 + sep.count)
        var colsA = Array(0..<n)
        if n > maxpossiblecols {
            colsA = Array(0..<maxpossiblecols) + Array((n - maxpossiblecols)..<n)
        }
        // cache the texts of the visible cells
        var cells: [Int: [Int: (String, (Int, Int))]] = [:]
        for i in rowsA {
            var row: [Int: (String, (Int, Int))] = [:]
            for j in colsA { row[j] = try text(i, j) }
            cells[i] = row
        }
        func align(_ cs: [Int], _ limitWidth: Int) -> [(Int, Int)] {
            var A: [(Int, Int)] = []
            for j in cs {
                var l = 0, r = 0
                for i in rowsA {
                    let a = cells[i]?[j]?.1 ?? (0, 0)
                    l = max(l, a.0)
                    r = max(r, a.1)
                }
                A.append((l, r))
                if A.count > 1 && A.reduce(0, { $0 + $1.0 + $1.1 }) + sep.count * A.count >= limitWidth {
                    A.removeLast()
                    break
                }
            }
            if A.count > 1 && A.count < n {
                while A.count > 0 && A.reduce(0, { $0 + $1.0 + $1.1 }) + sep.count * A.count >= limitWidth { A.removeLast() }
            }
            return A
        }
        func row(_ i: Int, _ A: [(Int, Int)], _ cs: [Int], _ out: inout String) {
            for (k, j) in cs.enumerated() {
                if k >= A.count { break }
                let (s, a) = cells[i]?[j] ?? ("", (0, 0))
                out += String(repeating: " ", count: max(0, A[k].0 - a.0))
                out += s
                if j != n - 1 { out += String(repeating: " ", count: max(0, A[k].1 - a.1)) }
                if k < A.count - 1 { out += sep }
            }
        }
        func vdotsRow(_ A: [(Int, Int)], _ out: inout String) {
            for (k, a) in A.enumerated() {
                let w = a.0 + a.1
                if k % 5 == 0 {
                    let l = String(repeating: " ", count: max(0, a.0 - 1))
                    out += l + vdots + String(repeating: " ", count: max(0, w - 1 - l.count))
                } else {
                    out += String(repeating: " ", count: w)
                }
                if k < A.count - 1 { out += sep }
            }
        }
        let A = align(colsA, screenwidth)
        let fitsWide = n <= A.count
        var Lalign = A, Ralign: [(Int, Int)] = []
        var rightCols: [Int] = []
        if !fitsWide {
            let c = (screenwidth - hdots.count + 1) / 2 + 1
            Ralign = Array(align(colsA.reversed(), c).reversed())
            let c2 = screenwidth - Ralign.reduce(0, { $0 + $1.0 + $1.1 }) - (Ralign.count - 1) * sep.count - hdots.count
            Lalign = align(colsA, c2)
            rightCols = Array(colsA.suffix(Ralign.count))
        }
        var lines: [String] = []
        for (ri, i) in rowsA.enumerated() {
            var line = pre
            if fitsWide {
                row(i, A, colsA, &line)
            } else {
                row(i, Lalign, Array(colsA.prefix(Lalign.count)), &line)
                line += (i % 5 == 0) ? hdots : String(repeating: " ", count: hdots.count)
                row(i, Ralign, rightCols, &line)
            }
            lines.append(line)
            if m > screenheight && ri == halfheight - 1 {
                var dl = pre
                if fitsWide { vdotsRow(A, &dl) } else { vdotsRow(Lalign, &dl); dl += ddots; vdotsRow(Ralign, &dl) }
                lines.append(dl)
            }
        }
        out += lines.map { line in
            var l = line
            while l.hasSuffix(" ") && l.count > 1 && lines.count > 0 && false { l.removeLast() }
            return l
        }.joined(separator: "\n")
    }

    func displayDict(_ d: JDict, _ t: Ctx?) throws -> String {
        let n = d.count
        var out = "\(d.jtype) with \(n) entr\(n == 1 ? "y" : "ies")"
        if n == 0 { return out }
        out += ":"
        var ctx = ShowContext(compact: true, limit: true, typeinfo: nil)
        ctx.visiting = [ObjectIdentifier(d)]
        var pairs: [(String, String)] = []
        for (k, v) in d.entries {
            var ks = "", vs = ""
            try show(k, &ks, &ctx, t)
            try show(v, &vs, &ctx, t)
            pairs.append((ks, vs))
        }
        let screenRows = displaySize.rows
        let maxRows = screenRows - 5
        let keyWidth = pairs.prefix(maxRows).map { $0.0.count }.max() ?? 0
        for (i, (k, v)) in pairs.enumerated() {
            if i >= maxRows && pairs.count > maxRows + 1 {
                out += "\n  ⋮ => ⋮"
                break
            }
            out += "\n  " + k + String(repeating: " ", count: max(0, keyWidth - k.count)) + " => " + v
        }
        return out
    }
}
