/// Julia's `hash(x)` and `hash(x, h)`: the same number in every process and every run, so
/// that work split by `hash(key) % n` goes to the same worker whichever process computes it.
/// (`hash` used Swift's `Hasher`, seeded afresh in each process.) Dictionaries use it too for
/// keys `KeyHash` has no quicker hash for (structs, arrays, long tuples, sets).
///
/// Consistent with `isequal`, as `ValueKey.keysEqual`: an `Int` and an equal `Float64` hash
/// alike, and so do sets and dictionaries with the same contents in another order.
/// Symbols, types and functions hash by name; other mutable objects by identity, as Julia's
/// `objectid` (which differs between processes there too).
enum StableHash {
    /// `hash(v, h)`.
    static func of(_ v: Value, _ h: UInt64 = 0) -> UInt64 {
        var budget = 100_000
        return combine(h, value(v, depth: 0, &budget))
    }

    @inline(__always) private static func combine(_ h: UInt64, _ x: UInt64) -> UInt64 {
        UInt64(bitPattern: Int64(KeyHash.mix((h ^ x) &* 0x100_0000_01b3 ^ (h >> 29))))
    }

    private static func text(_ s: String, _ kind: UInt64) -> UInt64 {
        combine(kind, UInt64(bitPattern: Int64(KeyHash.bytes(s))))
    }

    /// `budget` bounds the values looked at: a container that holds itself (twice) would
    /// otherwise take time exponential in the depth limit; past it, values hash as a constant.
    private static func value(_ v: Value, depth: Int, _ budget: inout Int) -> UInt64 {
        budget -= 1
        if depth > ValueKey.maxDepth || budget < 0 { return 0x43 }
        switch v {
        case .int(let i): return combine(0x6e75_6d, UInt64(bitPattern: i))
        case .float(let f):
            if let i = Int64(exactly: f) { return combine(0x6e75_6d, UInt64(bitPattern: i)) }
            return combine(0x6e75_6d, f.isNaN ? 0x7ff8_0000_0000_0000 : f.bitPattern)
        case .bool(let b): return combine(0x6e75_6d, b ? 1 : 0)
        case .char(let c): return combine(0x6368_6172, UInt64(c))
        case .nothing: return 0x4e4f_5448_494e_47
        case .undef: return 0x5544
        case .str(let s): return text(s.value, 0x7374_72)
        case .sym(let s): return text(s.name, 0x7379_6d)
        case .type(let t): return text(t.name, 0x7479_7065)
        case .fn(let f): return text(f.name, 0x666e)
        case .tuple(let t):
            var h: UInt64 = 0x7475_706c_65
            for x in t.buffer { h = combine(h, value(x, depth: depth + 1, &budget)) }
            return h
        case .range(let r):
            let h = combine(combine(0x7261_6e67_65 ^ UInt64(r.kind.rawValue), UInt64(bitPattern: r.start)), UInt64(bitPattern: r.step))
            return combine(h, UInt64(bitPattern: r.stop))
        case .arr(let a):
            var h = combine(0x6172_72, UInt64(a.count))
            for i in 0..<a.count { h = combine(h, value(a.get(i), depth: depth + 1, &budget)) }
            return h
        case .obj(let o):
            if let s = o as? JStruct, !s.type.isMutable {
                var h = text(s.type.name, 0x7374_7275_6374)
                for i in 0..<s.count { h = combine(h, value(s[i], depth: depth + 1, &budget)) }
                return h
            }
            if let n = o as? JNamedTuple {
                var h: UInt64 = 0x6e74
                for (k, x) in zip(n.names, n.values) { h = combine(combine(h, text(k.name, 0x6b)), value(x, depth: depth + 1, &budget)) }
                return h
            }
            // in any order: the elements' hashes added up
            if let set = o as? JSet {
                return combine(0x5345_54, set.values.reduce(0) { $0 &+ value($1, depth: depth + 1, &budget) })
            }
            if let d = o as? JDict, !d.environment {
                return combine(0x4449_4354, d.entries.reduce(0) { acc, e in
                    acc &+ combine(value(e.0, depth: depth + 1, &budget), value(e.1, depth: depth + 1, &budget))
                })
            }
            if let r = o as? JRegex { return text(r.pattern + "/" + String(Set(r.flags).sorted()), 0x7265) }
            return combine(0x6f62_6a, UInt64(UInt(bitPattern: ObjectIdentifier(o).hashValue)))
        }
    }
}
