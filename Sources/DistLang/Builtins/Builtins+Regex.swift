import Foundation

/// `Regex` and `r"…"`: regular expressions (ICU syntax through Foundation, close to Julia's
/// PCRE for everyday patterns), for `occursin`, `match`, `eachmatch`, `replace`, `split`,
/// `findfirst`, `startswith` and `@test_logs`.
///
/// Positions are Julia's: 1-based byte (UTF-8 code unit) indices, while Foundation counts
/// UTF-16 units; each match is converted once, where it is made.
public final class JRegex: JObject, CustomShow {
    public let pattern: String
    let compiled: NSRegularExpression

    public init(_ pattern: String) throws {
        self.pattern = pattern
        compiled = try JRegex.compile(pattern)
    }

    /// Compiled patterns by their text: a regex literal in a loop (`match(r"(\w+)=(\d+)",
    /// line)`) is made each time the line runs, as a `Regex` call, and compiling it cost ~25,000
    /// instructions each time. An `NSRegularExpression` is immutable; the cache keeps the last
    /// 64 patterns.
    private static func compile(_ pattern: String) throws -> NSRegularExpression {
        cacheLock.lock()
        let known = cache[pattern]
        cacheLock.unlock()
        if let r = known { return r }
        let r: NSRegularExpression
        do {
            r = try NSRegularExpression(pattern: pattern)
        } catch {
            throw JuliaError.error("PCRE compilation error: invalid regular expression \(pattern)")
        }
        cacheLock.lock()
        if cache.count >= 64 { cache.removeAll(keepingCapacity: true) }
        cache[pattern] = r
        cacheLock.unlock()
        return r
    }
    nonisolated(unsafe) private static var cache: [String: NSRegularExpression] = [:]
    private static let cacheLock = NSLock()

    public override var jtype: JType { JType.regex }

    func matches(_ s: String) -> Bool {
        compiled.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
    }

    /// The first match in `s` at or after byte index `from` (1-based); with `anchored`, only
    /// one that starts there.
    func firstMatch(in s: String, from: Int = 1, anchored: Bool = false) -> JRegexMatch? {
        guard from >= 1, from <= s.utf8.count + 1 else { return nil }
        let start = s.utf8.index(s.startIndex, offsetBy: from - 1)
        let found = compiled.firstMatch(in: s, options: anchored ? .anchored : [], range: NSRange(start..., in: s))
        return found.map { JRegexMatch(self, $0, in: s) }
    }

    /// Every match in `s`, left to right, none overlapping.
    func allMatches(in s: String) -> [JRegexMatch] {
        compiled.matches(in: s, range: NSRange(s.startIndex..., in: s)).map { JRegexMatch(self, $0, in: s) }
    }

    /// `replace(s, r => with)`: `with` a string (put in as it is) or a function of the
    /// matched text; at most `count` matches when given.
    func replace(in s: String, with: Value, count: Int?, _ t: Ctx) throws -> String {
        var out = ""
        var last = s.startIndex
        for (k, m) in compiled.matches(in: s, range: NSRange(s.startIndex..., in: s)).enumerated() {
            if let n = count, k >= n { break }
            guard let r = Range(m.range, in: s) else { continue }
            out += s[last..<r.lowerBound]
            switch with {
            case .str(let x): out += x.value
            default: out += try t.runtime.printString(try t.call1(with, .str(JStr(String(s[r])))), t)
            }
            last = r.upperBound
        }
        out += s[last...]
        return out
    }

    /// `split(s, r)`: the text between matches (empty pieces kept).
    func split(_ s: String) -> [String] {
        var parts: [String] = []
        var last = s.startIndex
        for m in compiled.matches(in: s, range: NSRange(s.startIndex..., in: s)) {
            guard let r = Range(m.range, in: s), !r.isEmpty || r.lowerBound > last else { continue }
            parts.append(String(s[last..<r.lowerBound]))
            last = r.upperBound
        }
        parts.append(String(s[last...]))
        return parts
    }

    public func showText(_ rt: Runtime, _ t: Ctx?) throws -> String { "r\"" + pattern + "\"" }
}

/// `RegexMatch`: the text matched, the capture groups' texts (`nothing` for a group that
/// took no part), and where they start in the string (byte indices, 0 for none).
public final class JRegexMatch: JObject, CustomShow, FieldAccessible {
    public let regex: JRegex
    public let match: String
    public let offset: Int
    public let captures: [String?]
    public let offsets: [Int]

    /// A match as another process found it (see `ValueReader`).
    public init(regex: JRegex, match: String, offset: Int, captures: [String?], offsets: [Int]) {
        self.regex = regex
        self.match = match
        self.offset = offset
        self.captures = captures
        self.offsets = offsets
    }

    init(_ regex: JRegex, _ m: NSTextCheckingResult, in s: String) {
        self.regex = regex
        func text(_ r: NSRange) -> (String, Int)? {
            guard r.location != NSNotFound, let range = Range(r, in: s) else { return nil }
            return (String(s[range]), s.utf8.distance(from: s.startIndex, to: range.lowerBound) + 1)
        }
        let whole = text(m.range)
        match = whole?.0 ?? ""
        offset = whole?.1 ?? 0
        let groups = (1..<max(1, m.numberOfRanges)).map { text(m.range(at: $0)) }
        captures = groups.map { $0?.0 }
        offsets = groups.map { $0?.1 ?? 0 }
    }

    public override var jtype: JType { JType.regexMatch }

    var captureValues: [Value] { captures.map { $0.map { .str(JStr($0)) } ?? .nothing } }

    public func field(_ name: JSym, _ t: Ctx) throws -> Value? {
        switch name.name {
        case "match": return .str(JStr(match))
        case "captures":
            let a = JArray(eltype: JType.union([.nothingType, .string]), dims: [captures.count])
            for (i, v) in captureValues.enumerated() { a.setRaw(i, v) }
            return .arr(a)
        case "offset": return .int(Int64(offset))
        case "offsets":
            let a = JArray(eltype: .int64, dims: [offsets.count])
            for (i, o) in offsets.enumerated() { a.setRaw(i, .int(Int64(o))) }
            return .arr(a)
        case "regex": return .obj(regex)
        default: return nil
        }
    }

    /// `m[i]`: the text of capture group `i`.
    func capture(_ i: Value) throws -> Value {
        guard case .int(let k) = i, k >= 1, Int(k) <= captures.count else { throw JuliaError.bounds(.obj(self), [i]) }
        return captureValues[Int(k) - 1]
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
            try a.expect(1, "Regex")
            return .obj(try JRegex(try a.string(0, "Regex")))
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
            let out = JArray(eltype: .regexMatch, dims: [ms.count])
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
