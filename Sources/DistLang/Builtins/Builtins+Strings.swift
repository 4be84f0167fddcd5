import Foundation

/// String functions.
extension Builtins {
    static func installStrings(_ rt: Runtime) {
        rt.def("uppercase") { t, a in
            if case .char(let c) = a[0] { return .char(String(Character(Unicode.Scalar(c) ?? "?")).uppercased().unicodeScalars.first?.value ?? c) }
            if let r = a.withString(0, { StrBuild.asciiCase($0, upper: true) }), let r { return .str(r) }
            return .str(JStr(try a.string(0, "uppercase").uppercased()))
        }
        rt.def("lowercase") { t, a in
            if case .char(let c) = a[0] { return .char(String(Character(Unicode.Scalar(c) ?? "?")).lowercased().unicodeScalars.first?.value ?? c) }
            if let r = a.withString(0, { StrBuild.asciiCase($0, upper: false) }), let r { return .str(r) }
            return .str(JStr(try a.string(0, "lowercase").lowercased()))
        }
        rt.def("uppercasefirst") { t, a in
            let s = try a.string(0, "uppercasefirst")
            return .str(JStr(s.prefix(1).uppercased() + s.dropFirst()))
        }
        rt.def("lowercasefirst") { t, a in
            let s = try a.string(0, "lowercasefirst")
            return .str(JStr(s.prefix(1).lowercased() + s.dropFirst()))
        }
        rt.def("split") { t, a in
            try a.expect(1...2, "split")
            if a.kw.isEmpty, Value.tag(at: a.base) == Value.stringTag {
                // the text and the separator read where they lie
                let r = Value.unretainedString(at: a.base)._withUnsafeGuaranteedRef { s -> JArray? in
                    if a.count == 1 { return splitWhitespaceBytes(s) }
                    return withText(at: a.base + 1) { sep in splitBytes(s, sep) } ?? nil
                }
                if let r { return .arr(r) }
            }
            let s = try a.string(0, "split")
            var parts: [String]
            if a.count == 2, case .obj(let o) = a[1], let r = o as? JRegex {
                parts = r.split(s)
                if case .bool(false)? = a.keyword("keepempty") { parts = parts.filter { !$0.isEmpty } }
            } else if a.count == 2 {
                let sep: String
                switch a[1] {
                case .str(let x): sep = x.value
                case .char(let c): sep = String(Character(Unicode.Scalar(c) ?? " "))
                default: throw JuliaError.method("split", a.array)
                }
                parts = s.components(separatedBy: sep)
                if case .bool(false)? = a.keyword("keepempty") { parts = parts.filter { !$0.isEmpty } }
            } else {
                parts = s.split(whereSeparator: { $0.isWhitespace }).map(String.init)
            }
            if let lim = a.keywordInt("limit"), lim > 0, parts.count > lim {
                let sepText: String = { if a.count == 2, case .str(let x) = a[1] { return x.value }; return " " }()
                parts = Array(parts.prefix(lim - 1)) + [parts[(lim - 1)...].joined(separator: sepText)]
            }
            return .arr(Runtime.stringVector(parts))
        }
        rt.def("join") { t, a in
            try a.expect(1...3, "join")
            if a.count <= 2 {
                // a vector of strings or Ints joined by a string: one string of the right size
                if case .arr(let arr) = a[0], arr.kind == .any {
                    let sep: String?
                    if a.count == 1 { sep = "" } else if case .str(let x) = a[1] { sep = x.value } else { sep = nil }
                    if let sep = sep, let s = StrBuild.join(arr.values, arr.count, sep) { return .str(JStr(s)) }
                }
                // one string, appended to part by part
                let xs = try t.runtime.collectValues(a[0], t)
                let sep = a.count == 2 ? try t.runtime.printString(a[1], t) : ""
                var out = ""
                for (i, x) in xs.enumerated() {
                    if i > 0 { out += sep }
                    try t.runtime.appendPrint(x, to: &out, t)
                }
                return .str(JStr(out))
            }
            let xs = try t.runtime.collectValues(a[0], t).map { try t.runtime.printString($0, t) }
            let sep = try t.runtime.printString(a[1], t)
            if xs.count >= 2 {
                let last = try t.runtime.printString(a[2], t)
                return .str(JStr(xs.dropLast().joined(separator: sep) + last + xs[xs.count - 1]))
            }
            return .str(JStr(xs.joined(separator: sep)))
        }
        rt.def("replace") { t, a in
            // a string's pattern and replacement strings or characters, the common case
            if a.count == 2, a.kw.isEmpty, Value.tag(at: a.base) == Value.stringTag, let items = textPair(at: a.base + 1),
               let r = withText(at: items, { f in
                   f.isEmpty ? nil : withText(at: items + 1) { r in
                       Value.unretainedString(at: a.base)._withUnsafeGuaranteedRef { StrBuild.replacing($0, f, with: r, limit: nil) }
                   }
               }), let r {
                return .str(r)
            }
            try a.expect(2, "replace")
            let s = try a.string(0, "replace")
            guard case .obj(let po) = a[1], let p = po as? JStruct, p.type.root === JType.pairFamily else {
                throw JuliaError.method("replace", a.array)
            }
            if case .obj(let ro) = p[0], let r = ro as? JRegex {
                return .str(JStr(try r.replace(in: s, with: p[1], count: a.keywordInt("count"), t)))
            }
            let from: String
            switch p[0] {
            case .str(let x): from = x.value
            case .char(let c): from = String(Character(Unicode.Scalar(c) ?? " "))
            default: throw JuliaError.method("replace", a.array)
            }
            let to = try t.runtime.printString(p[1], t)
            if !from.isEmpty {
                // bytes searched with memchr (Foundation's search went through UTF-16: ~23,000
                // instructions for a short line)
                guard case .str(let js) = a[0] else { throw JuliaError.method("replace", a.array) }
                return .str(StrBuild.replacing(js, from, with: to, limit: a.keywordInt("count")))
            }
            // an empty pattern matches before each character and at the end, as in Julia
            // (`replace("abc", "" => "-")` is "-a-b-c-")
            let limit = a.keywordInt("count") ?? Int.max
            var out = String.UnicodeScalarView()
            var done = 0
            for c in s.unicodeScalars {
                if done < limit { out.append(contentsOf: to.unicodeScalars); done += 1 }
                out.append(c)
            }
            if done < limit { out.append(contentsOf: to.unicodeScalars) }
            return .str(JStr(String(out)))
        }
        rt.def("occursin") { t, a in
            if a.count == 1 { return try curried(t, "occursin", a[0]) }
            try a.expect(2, "occursin")
            if let r = a.withString(1, { h in a.withString(0) { StrBuild.contains(h, $0) } }), let r { return .bool(r) }
            let hay = try a.string(1, "occursin")
            switch a[0] {
            case .str(let n): return .bool(StrBuild.contains(hay, n.value))
            case .char(let c): return .bool(hay.unicodeScalars.contains(Unicode.Scalar(c) ?? " "))
            case .obj(let o as JRegex): return .bool(o.matches(hay))
            default: throw JuliaError.method("occursin", a.array)
            }
        }
        rt.def("contains") { t, a in
            if a.count == 1 { return try curried(t, "contains", a[0]) }
            try a.expect(2, "contains")
            let hay = try a.string(0, "contains")
            if case .obj(let o) = a[1], let r = o as? JRegex { return .bool(r.matches(hay)) }
            let n = try t.runtime.printString(a[1], t)
            return .bool(StrBuild.contains(hay, n))
        }
        rt.def("startswith") { t, a in
            if a.count == 1 { return try curried(t, "startswith", a[0]) }
            try a.expect(2, "startswith")
            if let r = a.withString(0, { s in a.withString(1) { StrBuild.hasPart(s, $0, atEnd: false) } }), let r { return .bool(r) }
            if case .obj(let o) = a[1], let r = o as? JRegex { return .bool(r.firstMatch(in: try a.string(0, "startswith"), anchored: true) != nil) }
            return .bool(try a.string(0, "startswith").hasPrefix(try t.runtime.printString(a[1], t)))
        }
        rt.def("endswith") { t, a in
            if a.count == 1 { return try curried(t, "endswith", a[0]) }
            try a.expect(2, "endswith")
            if let r = a.withString(0, { s in a.withString(1) { StrBuild.hasPart(s, $0, atEnd: true) } }), let r { return .bool(r) }
            return .bool(try a.string(0, "endswith").hasSuffix(try t.runtime.printString(a[1], t)))
        }
        for (name, leading, trailing) in [("strip", true, true), ("lstrip", true, false), ("rstrip", false, true)] {
            rt.def(name) { t, a in
                try a.expect(1...2, name)
                let s = try a.string(0, name)
                let strips = try stripTest(a, name, t)
                var scalars = Substring(s).unicodeScalars[...]
                if leading { while let c = scalars.first, try strips(c) { scalars.removeFirst() } }
                if trailing { while let c = scalars.last, try strips(c) { scalars.removeLast() } }
                return .str(JStr(String(String.UnicodeScalarView(scalars))))
            }
        }
        rt.def("chomp") { t, a in
            var s = try a.string(0, "chomp")
            if s.hasSuffix("\n") { s.removeLast() }
            return .str(JStr(s))
        }
        rt.def("chop") { t, a in
            let s = try a.string(0, "chop")
            let head = a.keywordInt("head") ?? 0, tail = a.keywordInt("tail") ?? 1
            return .str(JStr(String(s.dropFirst(head).dropLast(tail))))
        }
        rt.def("lpad") { t, a in
            try a.expect(2...3, "lpad")
            let s = try t.runtime.printString(a[0], t)
            let n = try a.int(1, "lpad")
            let p = a.count == 3 ? try t.runtime.printString(a[2], t) : " "
            if s.count >= n || p.isEmpty { return .str(JStr(s)) }
            let padding = try paddingText(p, n - s.count)
            return .str(JStr(padding + s))
        }
        rt.def("rpad") { t, a in
            try a.expect(2...3, "rpad")
            let s = try t.runtime.printString(a[0], t)
            let n = try a.int(1, "rpad")
            let p = a.count == 3 ? try t.runtime.printString(a[2], t) : " "
            if s.count >= n || p.isEmpty { return .str(JStr(s)) }
            let padding = try paddingText(p, n - s.count)
            return .str(JStr(s + padding))
        }
        rt.def("ncodeunits") { t, a in .int(Int64(try a.string(0, "ncodeunits").utf8.count)) }
        rt.def("codeunits") { t, a in .arr(bytesArray(Array(try a.string(0, "codeunits").utf8))) }
        rt.def("textwidth", arity: 1...1) { t, a in .int(Int64(try t.runtime.printString(a[0], t).count)) }
        rt.def("parse") { t, a in try parseNumber(t, a, "parse", throwing: true) }
        rt.def("tryparse") { t, a in try parseNumber(t, a, "tryparse", throwing: false) }
        for (name, test) in [("isdigit", { (c: Character) in c.isASCII && c.isNumber }), ("isletter", { (c: Character) in c.isLetter }),
                             ("isspace", { (c: Character) in c.isWhitespace }), ("isuppercase", { (c: Character) in c.isUppercase }),
                             ("islowercase", { (c: Character) in c.isLowercase }), ("isascii", { (c: Character) in c.isASCII }),
                             ("ispunct", { (c: Character) in c.isPunctuation }), ("isxdigit", { (c: Character) in c.isHexDigit })] {
            // the answers for the 128 ASCII characters as bits, worked out once by `test`
            // itself: a tokenizer asks for every character of its text
            var ascii: (UInt64, UInt64) = (0, 0)
            for b in 0..<128 where test(Character(Unicode.Scalar(UInt8(b)))) {
                if b < 64 { ascii.0 |= 1 << UInt64(b) } else { ascii.1 |= 1 << UInt64(b - 64) }
            }
            let bits = ascii
            rt.def(name) { t, a in
                switch a[0] {
                case .char(let c) where c < 128:
                    return .bool((c < 64 ? bits.0 >> UInt64(c) : bits.1 >> UInt64(c - 64)) & 1 != 0)
                case .char(let c): return .bool(test(Character(Unicode.Scalar(c) ?? " ")))
                case .str(let s): return .bool(s.value.allSatisfy(test))
                default: throw JuliaError.method(name, a.array)
                }
            }
        }
        rt.def("isnumeric") { t, a in
            guard case .char(let c) = a[0] else { throw JuliaError.method("isnumeric", a.array) }
            return .bool(Character(Unicode.Scalar(c) ?? " ").isNumber)
        }
        rt.def("codepoint") { t, a in
            guard case .char(let c) = a[0] else { throw JuliaError.method("codepoint", a.array) }
            return .int(Int64(c))
        }
        // Julia's bounds: nextind takes 0...n (0 gives 1), prevind 1...n+1, thisind 0...n+1;
        // past them a BoundsError. With a count k, that many characters on (or back); past
        // the end (or before the start) each step counts one code unit, as Julia's do.
        func isStart(_ bytes: [UInt8], _ i: Int) -> Bool { bytes[i - 1] & 0xC0 != 0x80 }
        func count(_ a: Args, _ name: String) throws -> Int {
            guard a.count >= 3 else { return 1 }
            let k = try a.int(2, name)
            guard k >= 0 else { throw JuliaError.argument("n cannot be negative: \(k)") }
            return k
        }
        rt.def("nextind", arity: 2...3) { t, a in
            let bytes = Array(try a.string(0, "nextind").utf8)
            var i = try a.int(1, "nextind"), k = try count(a, "nextind")
            guard i >= 0 && i <= bytes.count else { throw JuliaError.bounds(a[0], [a[1]]) }
            while k > 0 && i < bytes.count {
                i += 1
                if isStart(bytes, i) { k -= 1 }
            }
            return .int(Int64(i + k))
        }
        rt.def("prevind", arity: 2...3) { t, a in
            let bytes = Array(try a.string(0, "prevind").utf8)
            var i = try a.int(1, "prevind"), k = try count(a, "prevind")
            guard i >= 1 && i <= bytes.count + 1 else { throw JuliaError.bounds(a[0], [a[1]]) }
            while k > 0 && i > 1 {
                i -= 1
                if isStart(bytes, i) { k -= 1 }
            }
            return .int(Int64(i - k))
        }
        rt.def("thisind", arity: 2...2) { t, a in
            let bytes = Array(try a.string(0, "thisind").utf8)
            var i = try a.int(1, "thisind")
            if i == 0 || i == bytes.count + 1 { return .int(Int64(i)) }
            guard i >= 1 && i <= bytes.count else { throw JuliaError.bounds(a[0], [a[1]]) }
            while i > 1 && !isStart(bytes, i) { i -= 1 }
            return .int(Int64(i))
        }
        rt.def("string_length") { t, a in .int(Int64(try a.string(0, "length").unicodeScalars.count)) }
    }

    /// Which characters `strip(s, chars)` removes: whitespace by default, else a character,
    /// a collection of them, or a predicate.
    /// Where the two items of the `Pair` at `p` lie, when each is a `String` or a `Char`
    /// (`"/" => "_"`, `'-' => ' '`), or nil; read where it lies (the pair and its items are
    /// not retained: the pointer is valid while the value at `p` is).
    static func textPair(at p: UnsafeMutablePointer<Value>) -> UnsafeMutablePointer<Value>? {
        guard let u = peekObject(p) else { return nil }
        return u._withUnsafeGuaranteedRef { o -> UnsafeMutablePointer<Value>? in
            guard ObjectIdentifier(type(of: o)) == ObjectIdentifier(JStruct.self) else { return nil }
            let pair = unsafeDowncast(o, to: JStruct.self)
            // only `Pair` and its instances have the tag (read with no count taken on the type)
            guard Unmanaged<JType>.fromOpaque(pair.typeAddress)._withUnsafeGuaranteedRef({ $0.tag == .pair }), pair.count == 2, isText(at: pair.base), isText(at: pair.base + 1) else { return nil }
            return pair.base
        }
    }

    /// Whether the value at `p` is a `String` or a `Char` that is a Unicode scalar.
    @inline(__always) private static func isText(at p: UnsafeMutablePointer<Value>) -> Bool {
        if Value.tag(at: p) == Value.stringTag { return true }
        if Value.holdsReference(at: p) { return false }
        if case .char(let c) = p.pointee { return Unicode.Scalar(c) != nil }
        return false
    }

    /// Calls `body` with the UTF-8 bytes of the `String` or `Char` at `p` (a string's read
    /// where they lie, not retained), or returns nil for anything else.
    @inline(__always) static func withText<R>(at p: UnsafeMutablePointer<Value>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        if Value.tag(at: p) == Value.stringTag { return Value.unretainedString(at: p)._withUnsafeGuaranteedRef { $0.withBytes(body) } }
        if Value.holdsReference(at: p) { return nil }
        guard case .char(let c) = p.pointee, let u = Unicode.Scalar(c) else { return nil }
        var bytes: UInt32 = 0, n = 0
        UTF8.encode(u) { b in bytes |= UInt32(b) << (8 * n); n += 1 }
        return withUnsafeBytes(of: &bytes) { body(UnsafeBufferPointer(start: $0.baseAddress!.assumingMemoryBound(to: UInt8.self), count: n)) }
    }

    static func stripTest(_ a: Args, _ name: String, _ t: Ctx) throws -> (Unicode.Scalar) throws -> Bool {
        guard a.count == 2 else { return { $0.properties.isWhitespace } }
        if case .char(let c) = a[1] { return { $0.value == c } }
        if case .fn = a[1] {
            let f = a[1]
            return { c in
                let r = try t.call1(f, .char(c.value))
                guard case .bool(let b) = r else { throw JuliaError.type(name, "", expected: .bool, got: r) }
                return b
            }
        }
        let chars = try t.runtime.collectValues(a[1], t).compactMap { v -> UInt32? in
            if case .char(let c) = v { return c }
            return nil
        }
        return { chars.contains($0.value) }
    }

    /// `n` characters of `p` repeated, for `lpad` and `rpad` (a width beyond memory is an
    /// `OutOfMemoryError`).
    static func paddingText(_ p: String, _ n: Int) throws -> String {
        try requireMemory(n, stride: 4)
        let cs = Array(p)
        var out = ""
        for i in 0..<n { out.append(cs[i % cs.count]) }
        return out
    }

    static func parseNumber(_ t: Ctx, _ a: Args, _ name: String, throwing: Bool) throws -> Value {
        try a.expect(2, name)
        let ty = try a.type(0, name)
        if a.kw.isEmpty, ty.tag == .int64 || ty.tag == .float64, let v = a.withString(1, { text -> Value? in
            if ty.tag == .int64 { return parseIntBytes(text).map { .int($0) } }
            return parseFloatBytes(text).map { .float($0) }
        }), let v { return v }
        let s = try a.string(1, name).trimmingCharacters(in: .whitespaces)
        var result: Value?
        switch ty.tag {
        case .int64, .int32, .uint8:
            do {
                result = try t.runtime.convert(ty, .int(try parseInteger(s, base: a.keywordInt("base") ?? 10)))
            } catch let e as JuliaError {
                if throwing { throw e }
            }
        case .float64, .float32:
            let lower = s.lowercased()
            if lower == "inf" || lower == "+inf" { result = .float(.infinity) }
            else if lower == "-inf" { result = .float(-.infinity) }
            else if lower == "nan" { result = .float(.nan) }
            else if let v = Double(s) { result = .float(v) }
        case .bool:
            if s == "true" { result = .bool(true) } else if s == "false" { result = .bool(false) }
        default:
            throw JuliaError.method(name, a.array)
        }
        if let r = result { return r }
        if !throwing { return .nothing }
        if ty.tag == .float64 { throw JuliaError.argument("cannot parse \"\(s)\" as Float64") }
        throw JuliaError.argument("cannot parse \"\(s)\" as \(ty)")
    }

    /// An integer in base `base` (2…62), with Julia's errors: the first character that is no
    /// digit of the base is named, and a value beyond `Int64` is an `OverflowError`.
    static func parseInteger(_ text: String, base: Int) throws -> Int64 {
        guard (2...62).contains(base) else { throw JuliaError.argument("invalid base: base must be 2 ≤ base ≤ 62, got \(base)") }
        let s = text.trimmingCharacters(in: .whitespaces)
        guard !s.isEmpty else { throw JuliaError.argument("input string is empty or only contains whitespace") }
        var chars = Substring(s)
        let negative = chars.first == "-"
        if negative || chars.first == "+" { chars = chars.dropFirst() }
        guard !chars.isEmpty else { throw JuliaError.argument("premature end of integer: \"\(s)\"") }
        var value: Int64 = 0
        var overflowed = false
        for c in chars {
            let d: Int
            switch c {
            case "0"..."9": d = Int(c.asciiValue! - 48)
            case "a"..."z": d = Int(c.asciiValue! - 97) + (base <= 36 ? 10 : 36)
            case "A"..."Z": d = Int(c.asciiValue! - 65) + 10
            default: d = Int.max
            }
            guard d < base else { throw JuliaError.argument("invalid base \(base) digit '\(c)' in \"\(s)\"") }
            let (m, o1) = value.multipliedReportingOverflow(by: Int64(base))
            let (v, o2) = negative ? m.subtractingReportingOverflow(Int64(d)) : m.addingReportingOverflow(Int64(d))
            if o1 || o2 { overflowed = true }
            value = v
        }
        if overflowed { throw JuliaError.overflow("overflow parsing \"\(s)\"") }
        return value
    }
}
