/// Byte-level string work for the common cases: numbers parsed and strings split by scanning
/// UTF-8 bytes, with no Foundation, `Character` or `CharacterSet` on the way.
///
/// Each function returns nil when its input needs the general path (other whitespace,
/// non-ASCII text where Unicode rules apply, overflow, anything unusual), which then also
/// produces the error messages.
extension Builtins {
    /// `parse(Int, s)` for `[+-]digits`, with spaces or tabs around; nil otherwise.
    static func parseIntBytes(_ s: String) -> Int64? {
        var s = s
        return s.withUTF8 { b -> Int64? in
            var i = 0, n = b.count
            while i < n && (b[i] == 32 || b[i] == 9) { i += 1 }
            while n > i && (b[n - 1] == 32 || b[n - 1] == 9) { n -= 1 }
            guard i < n else { return nil }
            var negative = false
            if b[i] == 45 { negative = true; i += 1 } else if b[i] == 43 { i += 1 }
            guard i < n else { return nil }
            // accumulated as a negative number, which reaches typemin(Int)
            var v: Int64 = 0
            while i < n {
                let d = b[i] &- 48
                guard d < 10 else { return nil }
                let (m, o1) = v.multipliedReportingOverflow(by: 10)
                let (r, o2) = m.subtractingReportingOverflow(Int64(d))
                if o1 || o2 { return nil }
                v = r
                i += 1
            }
            if negative { return v }
            return v == Int64.min ? nil : -v
        }
    }

    /// `parse(Float64, s)` for decimal text (digits, sign, point, exponent), with spaces or
    /// tabs around; nil otherwise (`Inf`, `NaN`, hexadecimal and errors take the general path).
    static func parseFloatBytes(_ s: String) -> Double? {
        var s = s
        let range: (Int, Int)? = s.withUTF8 { b in
            var i = 0, n = b.count
            while i < n && (b[i] == 32 || b[i] == 9) { i += 1 }
            while n > i && (b[n - 1] == 32 || b[n - 1] == 9) { n -= 1 }
            var digits = false
            for k in i..<n {
                switch b[k] {
                case 48...57: digits = true
                case 43, 45, 46, 69, 101: break  // + - . E e
                default: return nil
                }
            }
            return digits ? (i, n) : nil
        }
        guard let (i, n) = range else { return nil }
        if i == 0 && n == s.utf8.count { return Double(s) }
        return s.withUTF8 { b in Double(String(decoding: UnsafeBufferPointer(rebasing: b[i..<n]), as: UTF8.self)) }
    }

    /// `split(s, sep)`: the pieces between occurrences of `sep`, compared byte by byte (as
    /// Julia does), empty pieces kept.
    static func splitBytes(_ s: String, _ sep: String) -> JArray? {
        var s = s, sep = sep
        guard !sep.isEmpty else { return nil }
        return s.withUTF8 { b in
            sep.withUTF8 { p in
                // the separators counted first, so that each piece is made once, straight
                // into the array
                let n = b.count, m = p.count, first = p[0]
                var pieces = 1, i = 0
                while i + m <= n {
                    if b[i] == first && (m == 1 || matches(b, i, p)) {
                        pieces += 1
                        i += m
                    } else {
                        i += 1
                    }
                }
                let a = JArray(eltype: .string, dims: [pieces])
                let out = a.values
                var w = 0, start = 0
                i = 0
                while i + m <= n {
                    if b[i] == first && (m == 1 || matches(b, i, p)) {
                        (out + w).overwrite(with: piece(b, start, i))
                        w += 1
                        i += m
                        start = i
                    } else {
                        i += 1
                    }
                }
                (out + w).overwrite(with: piece(b, start, n))
                return a
            }
        }
    }

    /// `split(s)`: the words between runs of whitespace, for ASCII text; nil when `s` has other
    /// bytes (Unicode whitespace then needs the general path).
    static func splitWhitespaceBytes(_ s: String) -> JArray? {
        var s = s
        return s.withUTF8 { b -> JArray? in
            // the words counted first, so that each is made once, straight into the array
            let n = b.count
            var words = 0, i = 0
            while i < n {
                while i < n && isASCIISpace(b[i]) { i += 1 }
                if i < n { words += 1 }
                while i < n && !isASCIISpace(b[i]) {
                    if b[i] >= 0x80 { return nil }
                    i += 1
                }
            }
            let a = JArray(eltype: .string, dims: [words])
            let p = a.values
            var w = 0
            i = 0
            while i < n {
                while i < n && isASCIISpace(b[i]) { i += 1 }
                let start = i
                while i < n && !isASCIISpace(b[i]) { i += 1 }
                if i > start {
                    (p + w).overwrite(with: piece(b, start, i))
                    w += 1
                }
            }
            return a
        }
    }

    @inline(__always) private static func isASCIISpace(_ c: UInt8) -> Bool { c == 32 || (c >= 9 && c <= 13) }

    @inline(__always) private static func matches(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ p: UnsafeBufferPointer<UInt8>) -> Bool {
        for k in 1..<p.count where b[at + k] != p[k] { return false }
        return true
    }

    /// The bytes `lo..<hi` of `b` as a string: copied straight into a string of that size
    /// (`String(decoding:as:)` went through its general repairing path, twice as long for
    /// a short word).
    @inline(__always) private static func piece(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Value {
        let n = hi &- lo
        guard n > 0, let src = b.baseAddress else { return .str(JStr("")) }
        let s = String(unsafeUninitializedCapacity: n) { out in
            out.baseAddress!.update(from: src + lo, count: n)
            return n
        }
        // the bytes are at hand (and in the cache): hashing them now costs a few instructions,
        // against a second pass over the string when it is first used as a dictionary key.
        // They come from a String (valid UTF-8) cut at ASCII whitespace or at a whole
        // separator, so the copy keeps them as they are and the hash is the string's.
        return .str(JStr(s, keyHash: KeyHash.bytes(UnsafeRawPointer(src + lo), n)))
    }
}
