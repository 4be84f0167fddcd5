import Glibc

/// Strings built from pieces in one go: `a * b * c`, interpolation, `join` and `string(k)`.
///
/// Appending piece by piece to a Swift `String` (`out += s`, `String(i)`) goes through
/// `String`'s general append and growth paths for every piece, and `a * b * c` made a new
/// string (and a `JStr`) per `*`. Here the pieces' byte counts are added up first and the
/// bytes copied once into a string of exactly that size (no heap memory at all when it fits
/// in a small string), and integers are written as decimal digits straight into it.
enum StrBuild {
    /// The number of bytes of `i` in decimal (with its minus sign).
    @inline(__always) static func decimalCount(_ i: Int64) -> Int {
        var m = i.magnitude
        var n = i < 0 ? 2 : 1
        while m >= 10 { m /= 10; n &+= 1 }
        return n
    }

    /// Writes the `count` bytes of `i` in decimal at `p`.
    @inline(__always) static func writeDecimal(_ i: Int64, _ p: UnsafeMutablePointer<UInt8>, count: Int) {
        var m = i.magnitude
        var k = count
        repeat {
            k &-= 1
            p[k] = UInt8(truncatingIfNeeded: m % 10) &+ 48
            m /= 10
        } while m != 0
        if i < 0 { p[0] = 45 }
    }

    /// `string(i)` for an `Int`.
    static func decimal(_ i: Int64) -> String {
        let n = decimalCount(i)
        return make(n) { p in
            writeDecimal(i, p, count: n)
            return n
        }
    }

    /// A string of the at most `n` bytes that `fill` writes and counts: whole strings' bytes
    /// and digits, so valid UTF-8. One of at most 15 bytes is made as Swift's small string
    /// directly (`SmallString`), with no UTF-8 validation: Swift's own initialiser validates
    /// every string it is given, which cost more than the rest of making a short word.
    @inline(__always) static func make(_ n: Int, _ fill: (UnsafeMutablePointer<UInt8>) -> Int) -> String {
        if n <= SmallString.capacity && SmallString.available {
            var raw: (UInt64, UInt64) = (0, 0)
            let k = withUnsafeMutableBytes(of: &raw) { fill($0.baseAddress!.assumingMemoryBound(to: UInt8.self)) }
            return SmallString.make(raw, count: k)
        }
        return String(unsafeUninitializedCapacity: n) { buf in
            guard let p = buf.baseAddress else { return 0 }
            return fill(p)
        }
    }

    /// Copies the UTF-8 bytes of `s` to `p`; returns how many.
    @inline(__always) static func copyBytes(_ s: String, _ p: UnsafeMutablePointer<UInt8>) -> Int {
        if SmallString.available, let n = SmallString.count(of: s) {
            // a small string's bytes are in the string itself
            withUnsafeBytes(of: s) { p.update(from: $0.baseAddress!.assumingMemoryBound(to: UInt8.self), count: n) }
            return n
        }
        if let n = s.utf8.withContiguousStorageIfAvailable({ b -> Int in
            if let src = b.baseAddress { p.update(from: src, count: b.count) }
            return b.count
        }) { return n }
        var k = 0
        for c in s.utf8 { p[k] = c; k &+= 1 }
        return k
    }

    /// The concatenation of `n` values that are each a `String` or an `Int` (printed in
    /// decimal), or nil when another kind of value is among them.
    static func concat(_ values: UnsafeMutablePointer<Value>, _ n: Int) -> String? {
        join(values, n, "")
    }

    /// `join(values, sep)` for `n` values that are each a `String` or an `Int`, or nil when
    /// another kind of value is among them. The pieces are read where they are, by their tag
    /// (no value copied out, so no reference counted per piece).
    static func join(_ values: UnsafeMutablePointer<Value>, _ n: Int, _ sep: String) -> String? {
        let m = sep.utf8.count
        var total = n > 0 ? m &* (n &- 1) : 0
        for k in 0..<n {
            let v = values + k
            switch Value.tag(at: v) {
            case Value.stringTag: total &+= Value.unretainedString(at: v)._withUnsafeGuaranteedRef { $0.value.utf8.count }
            case Value.intTag: total &+= decimalCount(Value.intPayload(at: v))
            default: return nil
            }
        }
        return make(total) { p in
            var at = 0
            for k in 0..<n {
                if k > 0 && m > 0 { at &+= copyBytes(sep, p + at) }
                let v = values + k
                if Value.tag(at: v) == Value.stringTag {
                    at &+= Value.unretainedString(at: v)._withUnsafeGuaranteedRef { copyBytes($0.value, p + at) }
                } else {
                    let i = Value.intPayload(at: v)
                    let c = decimalCount(i)
                    writeDecimal(i, p + at, count: c)
                    at &+= c
                }
            }
            return at
        }
    }

    /// The byte offset of the first occurrence of `needle` in `hay` at or after byte `from`,
    /// or nil (a search of UTF-8 bytes, which for valid strings finds only whole
    /// characters, as Julia's byte-wise search does).
    static func find(_ needle: UnsafeBufferPointer<UInt8>, in hay: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        if needle.isEmpty { return from <= hay.count ? from : nil }
        guard from >= 0, from + needle.count <= hay.count, let h = hay.baseAddress, let n = needle.baseAddress else { return nil }
        if needle.count == 1 {
            // one byte (a separator, a path's "/"): memchr alone
            guard let hit = memchr(h + from, Int32(n[0]), hay.count - from) else { return nil }
            return h.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
        // the first byte with memchr, then the rest compared
        let last = hay.count - needle.count
        var at = from
        while at <= last {
            guard let hit = memchr(h + at, Int32(n[0]), last - at + 1) else { return nil }
            let k = h.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(h + k, n, needle.count) == 0 { return k }
            at = k + 1
        }
        return nil
    }

    /// True when `needle` occurs in `hay` (`occursin`).
    static func contains(_ hay: String, _ needle: String) -> Bool {
        var h = hay, n = needle
        return h.withUTF8 { hb in n.withUTF8 { nb in find(nb, in: hb, from: 0) != nil } }
    }

    /// `contains` for two strings' bytes read where they lie.
    static func contains(_ hay: JStr, _ needle: JStr) -> Bool {
        hay.withBytes { hb in needle.withBytes { nb in find(nb, in: hb, from: 0) != nil } }
    }

    /// `replace(s, from => to)`, at most `limit` times when given, `from` not empty: the
    /// matches found byte-wise, then one string of the result's size written; `s` itself
    /// when nothing matches (strings are immutable: no copy is needed).
    static func replacing(_ s: JStr, _ from: String, with to: String, limit: Int?) -> JStr {
        var fv = from, tv = to
        return fv.withUTF8 { f in tv.withUTF8 { r in replacing(s, f, with: r, limit: limit) } }
    }

    /// `replacing` with the pattern's and the replacement's bytes.
    static func replacing(_ s: JStr, _ f: UnsafeBufferPointer<UInt8>, with r: UnsafeBufferPointer<UInt8>, limit: Int?) -> JStr {
        s.withBytes { h in
            // the matches counted first, then found again while writing (finding is a
            // memchr; an array of them cost an allocation per call)
            if f.count == 1 && limit == nil, let hb = h.baseAddress {
                return replacingByte(s, hb, h.count, f[0], with: r)
            }
            let most = limit ?? Int.max
            var hits = 0, at = 0
            while hits < most, let k = find(f, in: h, from: at) {
                hits += 1
                at = k + f.count
            }
            if hits == 0 { return s }
            let total = h.count + hits * (r.count - f.count)
            return JStr(make(total) { p in
                var out = 0, done = 0
                for _ in 0..<hits {
                    guard let k = find(f, in: h, from: done) else { break }
                    if k > done, let b = h.baseAddress { (p + out).update(from: b + done, count: k - done) }
                    out += k - done
                    if let b = r.baseAddress { (p + out).update(from: b, count: r.count) }
                    out += r.count
                    done = k + f.count
                }
                if h.count > done, let b = h.baseAddress { (p + out).update(from: b + done, count: h.count - done) }
                return out + (h.count - done)
            })
        }
    }

    /// `replacing` for a pattern of one byte (an ASCII character, which in valid UTF-8 is
    /// never part of another character), every match: a pass to count, a pass to write
    /// (finding each of many matches with `memchr` cost more than looking at every byte).
    private static func replacingByte(_ s: JStr, _ h: UnsafePointer<UInt8>, _ n: Int, _ c: UInt8,
                                      with r: UnsafeBufferPointer<UInt8>) -> JStr {
        var hits = 0
        for i in 0..<n where h[i] == c { hits &+= 1 }
        if hits == 0 { return s }
        return JStr(make(n &+ hits &* (r.count &- 1)) { p in
            var out = 0
            for i in 0..<n {
                let b = h[i]
                if b != c {
                    p[out] = b
                    out &+= 1
                } else if r.count == 1 {
                    p[out] = r[0]
                    out &+= 1
                } else {
                    if let rb = r.baseAddress { (p + out).update(from: rb, count: r.count) }
                    out &+= r.count
                }
            }
            return out
        })
    }

    /// `uppercase(s)` (`upper`) or `lowercase(s)` of an ASCII string, byte by byte; `s` itself
    /// when no letter changes, nil when `s` has other bytes (Unicode's case rules then apply).
    static func asciiCase(_ s: JStr, upper: Bool) -> JStr? {
        s.withBytes { b -> JStr? in
            // a letter to change is a byte in 'a'...'z' (upper) or 'A'...'Z' (lower)
            let first: UInt8 = upper ? 97 : 65
            var high: UInt8 = 0, changes = false
            for c in b {
                high |= c
                if c &- first < 26 { changes = true }
            }
            if high >= 0x80 { return nil }
            if !changes { return s }
            return JStr(make(b.count) { p in
                for i in 0..<b.count {
                    let c = b[i]
                    p[i] = c &- first < 26 ? c ^ 0x20 : c
                }
                return b.count
            })
        }
    }

    /// Whether the bytes of `s` begin (`atEnd` false) or end with those of `part`: Julia
    /// compares code units, not canonically equivalent characters as Swift's `hasPrefix` does.
    static func hasPart(_ s: JStr, _ part: JStr, atEnd: Bool) -> Bool {
        s.withBytes { a in
            part.withBytes { b in
                guard b.count <= a.count else { return false }
                guard let pa = a.baseAddress, let pb = b.baseAddress else { return b.count == 0 }
                return memcmp(atEnd ? pa + (a.count - b.count) : pa, pb, b.count) == 0
            }
        }
    }

    /// `a * b` for two strings.
    /// `a * b` for the strings at `a` and `b`, read where they are (no reference counted).
    static func concat(at a: UnsafeMutablePointer<Value>, _ b: UnsafeMutablePointer<Value>) -> JStr {
        Value.unretainedString(at: a)._withUnsafeGuaranteedRef { x in
            Value.unretainedString(at: b)._withUnsafeGuaranteedRef { y in concat(x, y) }
        }
    }

    static func concat(_ a: JStr, _ b: JStr) -> JStr {
        let x = a.value, y = b.value
        // two small strings whose bytes fit in one: the bytes joined as one 128-bit number
        // (x's, then y's shifted past them), with no copy through memory
        if SmallString.available, let nx = SmallString.count(of: x), let ny = SmallString.count(of: y), nx &+ ny <= SmallString.capacity {
            if ny == 0 { return a }
            if nx == 0 { return b }
            let r = SmallString.bytes(x, nx) | SmallString.bytes(y, ny) << (8 &* nx)
            return JStr(SmallString.make((UInt64(truncatingIfNeeded: r), UInt64(truncatingIfNeeded: r >> 64)), count: nx &+ ny))
        }
        if y.isEmpty { return a }
        if x.isEmpty { return b }
        let total = x.utf8.count &+ y.utf8.count
        return JStr(make(total) { p in
            let k = copyBytes(x, p)
            return k &+ copyBytes(y, p + k)
        })
    }
}

/// Swift's small strings (at most 15 bytes of UTF-8, held in the `String` itself), made from
/// their bytes. On 64-bit platforms a small string is two words: the bytes in order, and in
/// the last byte its count with the discriminator bits, 0xE0 when every byte is ASCII and 0xA0
/// otherwise (the standard library's `_StringObject`). `available` checks that layout once
/// against strings Swift made itself; where it differs, strings are made the ordinary way.
enum SmallString {
    static let capacity = 15

    /// True when the layout is as expected on this platform and toolchain: false until
    /// `checkLayout()` (run when a runtime is made) has looked, which only takes the general
    /// paths. A stored `static let` would be read through `swift_once` by every string made.
    nonisolated(unsafe) private(set) static var available = false

    /// Looks at the layout once (further calls do nothing).
    static func checkLayout() { _ = checked }
    private static let checked: Void = { available = layoutIsAsExpected() }()

    private static func layoutIsAsExpected() -> Bool {
        guard MemoryLayout<String>.size == 16 else { return false }
        for s in ["", "a", "abc", "h\u{e9}llo", "123456789012345", "\u{3b1}\u{3b2}\u{3b3}\u{3b4}\u{3b5}\u{3b6}\u{3b7}"] {
            var raw: (UInt64, UInt64) = (0, 0)
            var copy = s
            let n = copy.withUTF8 { b in
                withUnsafeMutableBytes(of: &raw) { $0.copyMemory(from: UnsafeRawBufferPointer(b)) }
                return b.count
            }
            let made = make(raw, count: n)
            let want = unsafeBitCast(s, to: (UInt64, UInt64).self), got = unsafeBitCast(made, to: (UInt64, UInt64).self)
            guard want == got, made == s, made.count == s.count, Array(made.utf8) == Array(s.utf8), count(of: s) == n else { return false }
        }
        // strings too long to be small are not taken for small ones
        for s in ["1234567890123456", String(repeating: "ab", count: 20), "x" + String(repeating: "\u{e9}", count: 9)] where count(of: s) != nil {
            return false
        }
        // a JStr's text lies right after the object's header, and its bytes are found where
        // `JStr.withBytes` looks for them: small, literal (immortal) and made at run time
        let made = String(repeating: "ab", count: 20) + "\u{3b1}"
        for s in ["", "a", "h\u{e9}llo", "123456789012345", "1234567890123456", "a literal longer than fifteen bytes", made,
                  String(made.dropFirst(3)), String(decoding: Array(made.utf8), as: UTF8.self)] {
            let j = JStr(s)
            let at = UnsafeRawPointer(Unmanaged.passUnretained(j).toOpaque()).load(fromByteOffset: JStr.textOffset, as: (UInt64, UInt64).self)
            guard at == unsafeBitCast(s, to: (UInt64, UInt64).self) else { return false }
            if count(of: s) != nil { continue }
            guard let b = fastBytes(at), Array(UnsafeBufferPointer(start: b.start, count: b.count)) == Array(s.utf8) else { return false }
        }
        return true
    }

    /// Where the bytes of a large string with the raw bits `raw` lie and how many there
    /// are, when they are in memory of its own or in a literal (its count-and-flags word says
    /// "tail allocated", and its object word "fast UTF-8"); nil for a small string (its bytes
    /// are in the bits themselves) or one kept another way. Swift biases the address of
    /// both kinds by 32, the size of the storage object's header.
    @inline(__always) static func fastBytes(_ raw: (UInt64, UInt64)) -> (start: UnsafePointer<UInt8>, count: Int)? {
        let top = raw.1 >> 56
        guard top & 0x30 == 0, raw.0 & (1 << 60) != 0,
              let start = UnsafePointer<UInt8>(bitPattern: UInt(truncatingIfNeeded: raw.1 & 0x0FFF_FFFF_FFFF_FFFF) &+ 32) else { return nil }
        return (start, Int(truncatingIfNeeded: raw.0 & 0xFFFF_FFFF_FFFF))
    }

    /// The byte count of `s` when it is a small string (the discriminator's small bit, 0x20
    /// of its last byte, is set), or nil.
    @inline(__always) static func count(of s: String) -> Int? {
        let top = unsafeBitCast(s, to: (UInt64, UInt64).self).1 >> 56
        return top & 0x20 != 0 ? Int(truncatingIfNeeded: top & 0xF) : nil
    }

    /// The `count` bytes of the small string `s` as a number, the first byte lowest (the
    /// discriminator and anything past the bytes cleared).
    @inline(__always) static func bytes(_ s: String, _ count: Int) -> UInt128 {
        let raw = unsafeBitCast(s, to: (UInt64, UInt64).self)
        let all = UInt128(raw.1) << 64 | UInt128(raw.0)
        return all & ((1 as UInt128) << (8 &* count) &- 1)
    }

    /// The small string whose first `count` (≤ 15) bytes are in `raw` (the rest zero).
    @inline(__always) static func make(_ raw: (UInt64, UInt64), count: Int) -> String {
        let ascii = (raw.0 | raw.1) & 0x8080_8080_8080_8080 == 0
        let discriminator: UInt64 = (ascii ? 0xE0 : 0xA0) | UInt64(truncatingIfNeeded: count)
        return unsafeBitCast((raw.0, raw.1 | discriminator << 56), to: String.self)
    }
}

/// Bytes being written, in memory the caller gives (on its stack), moved to memory of their
/// own only when they outgrow it: text made piece by piece (`@sprintf`) with no array grown
/// per byte. `release` frees what was moved.
struct ByteOut {
    /// Where the bytes are.
    private(set) var base: UnsafeMutablePointer<UInt8>
    /// How many have been written.
    private(set) var count = 0
    private var capacity: Int
    /// True once the bytes are in memory of their own.
    private var owned = false

    init(_ memory: UnsafeMutableBufferPointer<UInt8>) {
        base = memory.baseAddress!
        capacity = memory.count
    }

    @inline(__always) mutating func append(_ c: UInt8) {
        if count == capacity { grow(1) }
        base[count] = c
        count += 1
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let from = bytes.baseAddress else { return }
        if count + bytes.count > capacity { grow(bytes.count) }
        UnsafeMutableRawPointer(base + count).copyMemory(from: from, byteCount: bytes.count)
        count += bytes.count
    }

    mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// Room for `n` more bytes: where to write them, then `commit` how many were written.
    mutating func reserve(_ n: Int) -> UnsafeMutablePointer<UInt8> {
        if count + n > capacity { grow(n) }
        return base + count
    }

    mutating func commit(_ n: Int) { count += n }

    private mutating func grow(_ n: Int) {
        let size = Swift.max(capacity * 2, count + n)
        guard let m = malloc(size) else { fatalError("out of memory") }
        let p = m.assumingMemoryBound(to: UInt8.self)
        p.update(from: base, count: count)
        if owned { free(base) }
        base = p
        capacity = size
        owned = true
    }

    func release() { if owned { free(base) } }
}
