import Foundation
import CPCRE2
import Synchronization

/// `Regex` and `r"…"`: regular expressions through PCRE2, the library Julia's `Regex` uses,
/// with Julia's options (UTF-8, Unicode character properties, `\u` escapes), for `occursin`,
/// `match`, `eachmatch`, `replace`, `split`, `findfirst`, `startswith` and `@test_logs`.
///
/// Subjects are matched as their UTF-8 bytes, where they lie, and positions are Julia's:
/// 1-based byte indices. (Foundation's `NSRegularExpression` converted every subject to
/// UTF-16 and its positions back: ~16,000 instructions a `match`.)
public final class JRegex: JObject, CustomShow {
    public let pattern: String
    /// The flags after the literal (`r"…"imsx`): `i` caseless, `m` multiline, `s` `.` matches
    /// newlines, `x` extended (spaces and comments ignored).
    public let flags: String
    let compiled: Compiled

    public init(_ pattern: String, flags: String = "") throws {
        self.pattern = pattern
        self.flags = flags
        compiled = try JRegex.compile(pattern, flags)
    }

    /// A compiled pattern (JIT-compiled where PCRE2 can), immutable and shared by every
    /// `Regex` of the same text and flags.
    final class Compiled: @unchecked Sendable {
        let code: OpaquePointer
        /// The number of capture groups.
        let groups: Int
        init(_ code: OpaquePointer) {
            self.code = code
            var n: UInt32 = 0
            pcre2_pattern_info_8(code, dist_pcre2_info_capturecount, &n)
            groups = Int(n)
        }
        deinit {
            if let md = OpaquePointer(bitPattern: spare.load(ordering: .acquiring)) { pcre2_match_data_free_8(md) }
            pcre2_code_free_8(code)
        }

        /// Match data kept for the next match (made and freed per match, it cost two
        /// allocations), as its address; 0 while one is in use (a nested match, or one on
        /// another thread, makes its own). Taken and put back by atomic exchange: a lock
        /// around it cost ~150 instructions a match.
        private let spare = Atomic<UInt>(0)

        /// Calls `body` with match data for this pattern; nil when PCRE2 cannot make any.
        @inline(__always) func withMatchData<R>(_ body: (OpaquePointer) -> R) -> R? {
            let kept = OpaquePointer(bitPattern: spare.exchange(0, ordering: .acquiring))
            guard let md = kept ?? pcre2_match_data_create_from_pattern_8(code, nil) else { return nil }
            let r = body(md)
            let address = UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(md)))
            if !spare.compareExchange(expected: 0, desired: address, ordering: .releasing).exchanged {
                pcre2_match_data_free_8(md)
            }
            return r
        }
    }

    /// Compiled patterns by their text: a regex literal in a loop (`match(r"(\w+)=(\d+)",
    /// line)`) is made each time the line runs, as a `Regex` call. The cache keeps the last 64.
    private static func compile(_ pattern: String, _ flags: String) throws -> Compiled {
        let key = flags.isEmpty ? pattern : flags + "\u{0}" + pattern
        cacheLock.lock()
        let known = cache[key]
        cacheLock.unlock()
        if let r = known { return r }
        // Julia's DEFAULT_COMPILER_OPTS
        var options = dist_pcre2_utf | dist_pcre2_match_invalid_utf | dist_pcre2_alt_bsux | dist_pcre2_ucp
        for f in flags.unicodeScalars {
            switch f {
            case "i": options |= dist_pcre2_caseless
            case "m": options |= dist_pcre2_multiline
            case "s": options |= dist_pcre2_dotall
            case "x": options |= dist_pcre2_extended
            case "a": options &= ~dist_pcre2_ucp
            default: throw JuliaError.argument("invalid regex flag: \(f)")
            }
        }
        var error: Int32 = 0
        var offset = 0
        var text = pattern
        let code = text.withUTF8 { p in
            pcre2_compile_8(p.baseAddress ?? UnsafePointer(JRegex.emptyBytes), p.count, options, &error, &offset, nil)
        }
        guard let code else {
            var buf = [UInt8](repeating: 0, count: 256)
            let n = pcre2_get_error_message_8(error, &buf, buf.count)
            let message = String(decoding: buf.prefix(max(0, Int(n))), as: UTF8.self)
            throw JuliaError.error("PCRE compilation error: \(message) at offset \(offset)")
        }
        _ = pcre2_jit_compile_8(code, dist_pcre2_jit_complete)
        let r = Compiled(code)
        cacheLock.lock()
        if cache.count >= 64 { cache.removeAll(keepingCapacity: true) }
        cache[key] = r
        cacheLock.unlock()
        return r
    }
    nonisolated(unsafe) private static var cache: [String: Compiled] = [:]
    private static let cacheLock = NSLock()
    nonisolated(unsafe) private static let emptyBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)

    public override var jtype: JType { JType.regex }

    /// Julia's `==` on regular expressions: the same pattern with the same options.
    static func == (a: JRegex, b: JRegex) -> Bool {
        a.pattern == b.pattern && Set(a.flags) == Set(b.flags)
    }

    /// Runs the pattern on `b` from byte `start` (0-based) and calls `body` with the match's
    /// bounds: per group, the whole match first, its first byte and the byte after its last
    /// (-1, -1 for a group that took no part); nil when nothing matches.
    private func exec<R>(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ options: UInt32,
                         _ body: (_ bounds: UnsafePointer<Int>, _ groups: Int) -> R) -> R? {
        let c = compiled
        return c.withMatchData { md -> R? in
            let rc = pcre2_match_8(c.code, b.baseAddress ?? UnsafePointer(JRegex.emptyBytes), b.count, start,
                                   options | dist_pcre2_no_utf_check, md, nil)
            guard rc > 0 else { return nil }
            let ov = pcre2_get_ovector_pointer_8(md)!
            // groups past the last one that matched are unset, as are groups not taking part
            // (PCRE2_UNSET, all bits set: size_t's largest value, Swift's -1)
            for g in stride(from: Int(rc), through: c.groups, by: 1) {
                ov[2 * g] = -1
                ov[2 * g + 1] = -1
            }
            for g in 0..<Int(rc) where ov[2 * g] != -1 && ov[2 * g + 1] < ov[2 * g] {
                ov[2 * g + 1] = ov[2 * g]   // \K can end a match before its start
            }
            return body(UnsafePointer(ov), c.groups + 1)
        } ?? nil
    }

    /// The byte ranges of the whole match and of each group (nil: a group that took no
    /// part) of the first match in `b` at or after byte `start` (0-based), or nil.
    private func exec(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ options: UInt32) -> [Range<Int>?]? {
        exec(b, start, options) { ov, n in
            (0..<n).map { g in ov[2 * g] == -1 ? nil : ov[2 * g]..<ov[2 * g + 1] }
        }
    }

    /// Calls `body` with the bytes of `s`, where they lie.
    @inline(__always) private func bytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let r = try s.utf8.withContiguousStorageIfAvailable(body) { return r }
        var copy = s
        return try copy.withUTF8(body)
    }

    func matches(_ s: String) -> Bool {
        bytes(s) { exec($0, 0, 0) { _, _ in () } != nil }
    }

    /// The first match in `s` at or after byte index `from` (1-based); with `anchored`, only
    /// one that starts there.
    func firstMatch(in s: String, from: Int = 1, anchored: Bool = false) -> JRegexMatch? {
        bytes(s) { b in
            guard from >= 1, from <= b.count + 1 else { return nil }
            return exec(b, from - 1, anchored ? dist_pcre2_anchored : 0) { ov, n in
                JRegexMatch(self, subject: s, bounds: Dims(UnsafeBufferPointer(start: ov, count: 2 * n)))
            }
        }
    }

    /// The byte ranges of every match in `b` (whole match and groups), left to right, none
    /// overlapping, as Julia's `eachmatch` finds them: after an empty match the next must be
    /// non-empty there, or start one character further on.
    private func allRanges(_ b: UnsafeBufferPointer<UInt8>) -> [[Range<Int>?]] {
        var out: [[Range<Int>?]] = []
        var offset = 0
        var previousEmpty = false
        while offset <= b.count {
            let options = previousEmpty ? dist_pcre2_anchored | dist_pcre2_notempty_atstart : 0
            guard let m = exec(b, offset, options), let whole = m[0] else {
                guard previousEmpty && offset < b.count else { break }
                // one character on (a lead byte and its continuation bytes)
                offset += 1
                while offset < b.count && b[offset] & 0xC0 == 0x80 { offset += 1 }
                previousEmpty = false
                continue
            }
            out.append(m)
            offset = whole.upperBound
            previousEmpty = whole.isEmpty
        }
        return out
    }

    /// Every match in `s`, left to right, none overlapping.
    func allMatches(in s: String) -> [JRegexMatch] {
        bytes(s) { b in
            allRanges(b).map { m in
                JRegexMatch(self, subject: s, bounds: Dims(m.flatMap { r in r.map { [$0.lowerBound, $0.upperBound] } ?? [-1, -1] }))
            }
        }
    }

    /// `replace(s, r => with)`: `with` a string (put in as it is) or a function of the
    /// matched text; at most `count` matches when given.
    func replace(in s: String, with: Value, count: Int?, _ t: Ctx) throws -> String {
        // the matches are found first: `with` may use this same pattern
        let (pieces, matched) = bytes(s) { b -> ([String], [String]) in
            var pieces: [String] = [], matched: [String] = []
            var last = 0
            for (k, m) in allRanges(b).enumerated() {
                if let n = count, k >= n { break }
                let r = m[0]!
                // as Julia's replace: an empty match where the one before ended is left alone
                // (`replace("abc", r"b*" => "-")` is "-a-c-")
                if r.isEmpty && k > 0 && r.lowerBound == last { continue }
                pieces.append(String(decoding: UnsafeBufferPointer(rebasing: b[last..<r.lowerBound]), as: UTF8.self))
                matched.append(String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self))
                last = r.upperBound
            }
            pieces.append(String(decoding: UnsafeBufferPointer(rebasing: b[last...]), as: UTF8.self))
            return (pieces, matched)
        }
        var out = pieces[0]
        for (k, m) in matched.enumerated() {
            switch with {
            case .str(let x): out += x.value
            default: out += try t.runtime.printString(try t.call1(with, .str(JStr(m))), t)
            }
            out += pieces[k + 1]
        }
        return out
    }

    /// `split(s, r)`: the text between matches (empty pieces kept).
    func split(_ s: String) -> [String] {
        bytes(s) { b in
            var parts: [String] = []
            var last = 0
            for m in allRanges(b) {
                let r = m[0]!
                guard !r.isEmpty || r.lowerBound > last else { continue }
                parts.append(String(decoding: UnsafeBufferPointer(rebasing: b[last..<r.lowerBound]), as: UTF8.self))
                last = r.upperBound
            }
            parts.append(String(decoding: UnsafeBufferPointer(rebasing: b[last...]), as: UTF8.self))
            return parts
        }
    }

    public func showText(_ rt: Runtime, _ t: Ctx?) throws -> String { "r\"" + pattern + "\"" + flags }
}

/// `RegexMatch`: the text matched, the capture groups' texts (`nothing` for a group that
/// took no part), and where they start in the string (byte indices, 0 for none).
public final class JRegexMatch: JObject, CustomShow, FieldAccessible {
    public let regex: JRegex
    /// The string searched, and per group (the whole match first) the byte range it matched:
    /// first byte, byte after the last; -1, -1 for a group that took no part. The texts are
    /// made when asked for (Julia's are substrings of the subject).
    private let subject: String
    /// (Held as a `Dims`: a pattern of one group has its four numbers inline, no array.)
    private let bounds: Dims
    /// Where the match starts (a byte index, from 1).
    public let offset: Int
    public private(set) lazy var match: String = text(0) ?? ""
    public private(set) lazy var captures: [String?] = bounds.count < 4 ? [] : (1..<bounds.count / 2).map { text($0) }
    public private(set) lazy var offsets: [Int] = bounds.count < 4 ? [] : (1..<bounds.count / 2).map { bounds[2 * $0] + 1 }

    /// A match as another process found it (see `ValueReader`).
    public init(regex: JRegex, match: String, offset: Int, captures: [String?], offsets: [Int]) {
        self.regex = regex
        subject = ""
        bounds = []
        self.offset = offset
        super.init()
        self.match = match
        self.captures = captures
        self.offsets = offsets
    }

    /// A match found in `subject`, with each group's bounds.
    init(_ regex: JRegex, subject: String, bounds: Dims) {
        self.regex = regex
        self.subject = subject
        self.bounds = bounds
        offset = bounds[0] + 1
    }

    /// The text group `g` matched (0: the whole match), or nil.
    private func text(_ g: Int) -> String? {
        let lo = bounds[2 * g], hi = bounds[2 * g + 1]
        guard lo >= 0 else { return nil }
        func cut(_ b: UnsafeBufferPointer<UInt8>) -> String {
            // cut where characters start (always, but for `\C`), the bytes of a valid string
            // are valid: copied as they are, without `String(decoding:)`'s validating pass
            guard let src = b.baseAddress, hi > lo, b[lo] & 0xC0 != 0x80, hi == b.count || b[hi] & 0xC0 != 0x80 else {
                return String(decoding: UnsafeBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self)
            }
            return StrBuild.make(hi &- lo) { out in
                out.update(from: src + lo, count: hi &- lo)
                return hi &- lo
            }
        }
        if let r = subject.utf8.withContiguousStorageIfAvailable(cut) { return r }
        var copy = subject
        return copy.withUTF8(cut)
    }

    public override var jtype: JType { JType.regexMatch }

    /// `Union{Nothing, String}`, the element type of `captures` (found once: a union is
    /// interned by its members' names).
    static let captureType = JType.union([.nothingType, .string])

    var captureValues: [Value] { captures.map { $0.map { .str(JStr($0)) } ?? .nothing } }

    /// The `captures` field: one array, made when first read (as Julia's is one array, made
    /// with the match), so that `m.captures[1]` in a loop makes one string, not all of them.
    private lazy var captureArray: JArray = {
        let n = max(0, bounds.count / 2 - 1)
        let a = JArray(eltype: JRegexMatch.captureType, dims: Dims(bounds.isEmpty ? captures.count : n))
        if bounds.isEmpty {
            // a match another process found: its texts came with it
            for (i, v) in captureValues.enumerated() { a.setRaw(i, v) }
        } else {
            for g in 0..<n { a.setRaw(g, text(g + 1).map { .str(JStr($0)) } ?? .nothing) }
        }
        return a
    }()
    private lazy var offsetArray: JArray = {
        let a = JArray(eltype: .int64, dims: Dims(offsets.count))
        for (i, o) in offsets.enumerated() { a.setRaw(i, .int(Int64(o))) }
        return a
    }()

    private static let names = (match: JSym.intern("match"), captures: JSym.intern("captures"), offset: JSym.intern("offset"),
                                offsets: JSym.intern("offsets"), regex: JSym.intern("regex"))

    public func field(_ name: JSym, _ t: Ctx) throws -> Value? {
        // symbols are interned: compared by identity
        let n = JRegexMatch.names
        if name === n.captures { return .arr(captureArray) }
        if name === n.match { return .str(JStr(match)) }
        if name === n.offset { return .int(Int64(offset)) }
        if name === n.offsets { return .arr(offsetArray) }
        if name === n.regex { return .obj(regex) }
        return nil
    }

    /// `m[i]`: the text of capture group `i` (`m.captures[i]`, as Julia's).
    func capture(_ i: Value) throws -> Value {
        guard case .int(let k) = i, k >= 1, Int(k) <= captures.count else { throw JuliaError.bounds(.obj(self), [i]) }
        return captureArray.get(Int(k) - 1)
    }

    public func showText(_ rt: Runtime, _ t: Ctx?) throws -> String {
        var parts = [try rt.repr(.str(JStr(match)), t)]
        for (i, c) in captureValues.enumerated() { parts.append("\(i + 1)=" + (try rt.repr(c, t))) }
        return "RegexMatch(" + parts.joined(separator: ", ") + ")"
    }
}

extension JType {
    public static let regex = JType(name: "Regex", super: any)
    public static let regexMatch = JType(name: "RegexMatch", super: any)
}

extension Builtins {
    static func installRegex(_ rt: Runtime) {
        rt.defType("Regex", .regex)
        rt.defType("RegexMatch", .regexMatch)
        rt.constructors[ObjectIdentifier(JType.regex)] = { _, _, a in
            try a.expect(1...2, "Regex")
            return .obj(try JRegex(try a.string(0, "Regex"), flags: a.count == 2 ? try a.string(1, "Regex") : ""))
        }
        func regex(_ a: Args, _ name: String) throws -> JRegex {
            guard case .obj(let o) = a[0], let r = o as? JRegex else { throw JuliaError.method(name, a.array) }
            return r
        }
        rt.def("match") { _, a in
            try a.expect(2...3, "match")
            let r = try regex(a, "match"), s = try a.string(1, "match")
            var from = 1
            if a.count == 3 {
                guard case .int(let i) = a[2] else { throw JuliaError.method("match", a.array) }
                from = Int(i)
            }
            return r.firstMatch(in: s, from: from).map { .obj($0) } ?? .nothing
        }
        rt.def("eachmatch") { _, a in
            try a.expect(2, "eachmatch")
            let ms = try regex(a, "eachmatch").allMatches(in: try a.string(1, "eachmatch"))
            let out = JArray(eltype: .regexMatch, dims: Dims(ms.count))
            for (i, m) in ms.enumerated() { out.setRaw(i, .obj(m)) }
            return .arr(out)
        }
    }

    /// `f(x)` for the one-argument forms Julia gives predicates (`startswith("a")`,
    /// `in(s)`…): the function of `y` that calls `f(y, x)` (Base.Fix2).
    static func curried(_ t: Ctx, _ name: String, _ x: Value) throws -> Value {
        guard let f = t.runtime.base.bindings[JSym.intern(name)]?.value else { throw JuliaError.error("\(name) is not defined") }
        return t.runtime.fixSecond(f, x)
    }
}
