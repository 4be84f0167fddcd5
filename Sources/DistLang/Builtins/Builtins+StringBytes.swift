import Glibc

/// Byte-level string work for the common cases: numbers parsed and strings split by scanning
/// UTF-8 bytes, with no Foundation, `Character` or `CharacterSet` on the way.
///
/// Each function returns nil when its input needs the general path (other whitespace,
/// non-ASCII text where Unicode rules apply, overflow, anything unusual), which then also
/// produces the error messages.
extension Builtins {
    /// `parse(Int, s)` for `[+-]digits`, with spaces or tabs around; nil otherwise.
    static func parseIntBytes(_ s: JStr) -> Int64? {
        s.withBytes { b -> Int64? in
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
    static func parseFloatBytes(_ s: JStr) -> Double? {
        s.withBytes { b in
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
            guard digits else { return nil }
            let text = UnsafeBufferPointer(rebasing: b[i..<n])
            return quickDecimal(text) ?? Double(String(decoding: text, as: UTF8.self))
        }
    }

    /// Exact powers of ten (each a Double with no rounding).
    private static let powersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { x, _ in x * 10 } }

    /// `[+-]digits[.digits][e[+-]digits]` whose digits make an integer below 2^53 and whose
    /// power of ten is at most 22 either way: then the integer and the power are exact
    /// Doubles and one multiplication or division rounds correctly (Clinger's fast path;
    /// `strtod` took ~1,200 instructions for `12.345`). Nil for anything else.
    static func quickDecimal(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = 0, n = b.count
        guard n > 0 else { return nil }
        let negative = b[0] == 45
        if b[0] == 45 || b[0] == 43 { i = 1 }
        var m: UInt64 = 0, digits = 0, scale = 0
        var seenPoint = false
        while i < n {
            let c = b[i]
            if c >= 48 && c <= 57 {
                m = m &* 10 &+ UInt64(c &- 48)
                digits += 1
                if m >= 1 << 53 || digits > 16 { return nil }
                if seenPoint { scale -= 1 }
            } else if c == 46 && !seenPoint {
                seenPoint = true
            } else {
                break
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        if i < n {
            guard b[i] == 101 || b[i] == 69 else { return nil }
            i += 1
            var expNegative = false
            if i < n && (b[i] == 45 || b[i] == 43) { expNegative = b[i] == 45; i += 1 }
            var e = 0, expDigits = 0
            while i < n, b[i] >= 48 && b[i] <= 57 {
                e = e * 10 + Int(b[i] - 48)
                expDigits += 1
                if e > 400 { return nil }
                i += 1
            }
            guard expDigits > 0, i == n else { return nil }
            scale += expNegative ? -e : e
        }
        guard scale >= -22 && scale <= 22 else { return nil }
        let x = Double(m)
        let r = scale < 0 ? x / powersOfTen[-scale] : x * powersOfTen[scale]
        return negative ? -r : r
    }

    /// `split(s, sep)`: the pieces between occurrences of `sep`, compared byte by byte (as
    /// Julia does), empty pieces kept.
    static func splitBytes(_ s: JStr, _ p: UnsafeBufferPointer<UInt8>) -> JArray? {
        guard !p.isEmpty else { return nil }
        return s.withBytes { b in
            guard b.count > 0, b.baseAddress != nil else {
                let a = JArray(eltype: .string, dims: Dims(1))
                a.values.overwrite(with: .str(JStr("")))
                return a
            }
            if p.count == 1, let a = splitByte(b, p[0]) { return a }
            // the separators counted first, so that each piece is made once, straight
            // into the array; the next one found as `replace` finds it (memchr on its
            // first byte, vectorised)
            let n = b.count, m = p.count
            /// The position of the next separator at or after `i`, or `n`.
            func next(_ i: Int) -> Int { StrBuild.find(p, in: b, from: i) ?? n }
            var pieces = 1
            var i = next(0)
            while i < n {
                pieces += 1
                i = next(i + m)
            }
            let a = JArray(eltype: .string, dims: Dims(pieces))
            let out = a.values
            var w = 0, start = 0
            i = next(0)
            while i < n {
                (out + w).overwrite(with: piece(b, start, i))
                w += 1
                start = i + m
                i = next(start)
            }
            (out + w).overwrite(with: piece(b, start, n))
            return a
        }
    }

    /// `split(s, c)` for a one-byte separator (`' '`, `','`, `'\t'`) and at most 64 of them
    /// in `b` (nil beyond: the general path then counts them): one pass, eight bytes at a time,
    /// notes where they are, then each piece is made straight into the array (a line of a log
    /// made two memchr calls per piece, each costlier than the piece's bytes).
    private static func splitByte(_ b: UnsafeBufferPointer<UInt8>, _ sep: UInt8) -> JArray? {
        guard let src = b.baseAddress else { return nil }
        let n = b.count
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 64) { at -> JArray? in
            guard let ends = at.baseAddress else { return nil }
            var k = 0, i = 0
            let pattern = UInt64(sep) &* 0x0101_0101_0101_0101
            while i &+ 8 <= n {
                let w = UInt64(littleEndian: UnsafeRawPointer(src + i).loadUnaligned(as: UInt64.self)) ^ pattern
                // bit 7 of each byte that is zero in w (a separator); exact per byte, as no sum
                // carries into the next byte
                var hits = ~(((w & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | w) & 0x8080_8080_8080_8080
                while hits != 0 {
                    if k == 64 { return nil }
                    ends[k] = i &+ hits.trailingZeroBitCount >> 3
                    k &+= 1
                    hits &= hits &- 1
                }
                i &+= 8
            }
            while i < n {
                if src[i] == sep {
                    if k == 64 { return nil }
                    ends[k] = i
                    k &+= 1
                }
                i &+= 1
            }
            let a = JArray(eltype: .string, dims: Dims(k &+ 1))
            let out = a.values
            var start = 0
            for j in 0..<k {
                (out + j).overwrite(with: piece(b, start, ends[j]))
                start = ends[j] &+ 1
            }
            (out + k).overwrite(with: piece(b, start, n))
            return a
        }
    }

    /// `split(s)`: the words between runs of whitespace, for ASCII text; nil when `s` has other
    /// bytes (Unicode whitespace then needs the general path).
    ///
    /// Eight bytes at a time: each block of eight gives a byte of a bitmap (a bit per byte,
    /// set for whitespace and past the end), then the words are counted from the bitmap (a
    /// word starts at a clear bit after a set one) and made, each straight into the array,
    /// with their ends found by counting zeros, not by looking at every byte twice.
    static func splitWhitespaceBytes(_ s: JStr) -> JArray? {
        s.withBytes { b -> JArray? in
            let n = b.count
            guard let src = b.baseAddress, n > 0 else { return JArray(eltype: .string, dims: Dims(0)) }
            // at least one bit past the end, which ends the last word
            let nwords = n >> 6 + 1
            let bits = UnsafeMutablePointer<UInt64>.allocate(capacity: nwords)
            defer { bits.deallocate() }
            bits.initialize(repeating: ~0, count: nwords)
            let bitmap = UnsafeMutableRawPointer(bits)
            var high: UInt64 = 0
            var i = 0, q = 0
            while i + 8 <= n {
                let w = UInt64(littleEndian: UnsafeRawPointer(src + i).loadUnaligned(as: UInt64.self))
                high |= w
                bitmap.storeBytes(of: spaceBits(w), toByteOffset: q, as: UInt8.self)
                i += 8; q += 1
            }
            if i < n {
                var w: UInt64 = 0
                for k in 0..<(n - i) { w |= UInt64(src[i + k]) << (8 * k) }
                high |= w
                let past = UInt8(truncatingIfNeeded: 0xFF << (n - i))
                bitmap.storeBytes(of: spaceBits(w) | past, toByteOffset: q, as: UInt8.self)
            }
            if high & 0x8080_8080_8080_8080 != 0 { return nil }
            // a word starts at a clear bit whose previous bit is set (or that is the first)
            var words = 0
            var carry: UInt64 = 1
            for k in 0..<nwords {
                let ws = bits[k]
                words += (~ws & (ws << 1 | carry)).nonzeroBitCount
                carry = ws >> 63
            }
            let a = JArray(eltype: .string, dims: Dims(words))
            let out = a.values
            var made = 0
            carry = 1
            for k in 0..<nwords {
                let ws = bits[k]
                var starts = ~ws & (ws << 1 | carry)
                carry = ws >> 63
                while starts != 0 {
                    let j = starts.trailingZeroBitCount
                    // its end: the next set bit (there is one past the end)
                    var e = k
                    var m = ws & (~0 << UInt64(j))
                    while m == 0 { e += 1; m = bits[e] }
                    (out + made).overwrite(with: piece(b, k << 6 | j, e << 6 | m.trailingZeroBitCount))
                    made += 1
                    starts &= starts &- 1
                }
            }
            return a
        }
    }

    /// A byte whose bit k is set when byte k of `w` is ASCII whitespace (9–13 or 32); for
    /// ASCII bytes only (each byte's comparisons are made with its high bit set, so that no
    /// subtraction borrows from the next byte).
    @inline(__always) private static func spaceBits(_ w: UInt64) -> UInt8 {
        let h: UInt64 = 0x8080_8080_8080_8080
        let y = w | h
        let atLeast9 = y &- 0x0909_0909_0909_0909, atLeast14 = y &- 0x0E0E_0E0E_0E0E_0E0E
        let atLeast32 = y &- 0x2020_2020_2020_2020, atLeast33 = y &- 0x2121_2121_2121_2121
        let m = ((atLeast9 & ~atLeast14) | (atLeast32 & ~atLeast33)) & h
        // the high bits gathered into one byte, byte k's at bit k
        return UInt8(truncatingIfNeeded: ((m >> 7) &* 0x0102_0408_1020_4080) >> 56)
    }

    /// The bytes `lo..<hi` of `b` as a string: copied straight into a string of that size
    /// (`String(decoding:as:)` went through its general repairing path, twice as long for
    /// a short word).
    @inline(__always) private static func piece(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Value {
        let n = hi &- lo
        guard n > 0, let src = b.baseAddress else { return .str(JStr("")) }
        let s = StrBuild.make(n) { out in
            out.update(from: src + lo, count: n)
            return n
        }
        // the bytes are at hand (and in the cache): hashing them now costs a few instructions,
        // against a second pass over the string when it is first used as a dictionary key.
        // They come from a String (valid UTF-8) cut at ASCII whitespace or at a whole
        // separator, so the copy keeps them as they are and the hash is the string's.
        return .str(JStr(s, keyHash: KeyHash.bytes(UnsafeRawPointer(src + lo), n)))
    }
}
