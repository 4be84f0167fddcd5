import Foundation
/// A value as a dictionary key: hashing and equality follow Julia's `isequal` (`1` and `1.0`
/// are the same key; mutable objects are keys by identity, arrays by content).
public struct ValueKey: Hashable {
    public let value: Value

    public init(_ v: Value) { value = v }

    public static func == (a: ValueKey, b: ValueKey) -> Bool { keysEqual(a.value, b.value) }

    public func hash(into h: inout Hasher) { ValueKey.hashInto(value, &h) }

    /// How deep key comparison and hashing descend into nested containers: a cyclic array
    /// (`v = Any[1]; v[1] = v`) would otherwise recurse until the stack ends. Below it,
    /// containers compare by identity and hash as one constant.
    static let maxDepth = 64

    /// `keysEqual` for an entry of a table (nil: removed), with strings and numbers compared
    /// inline.
    @inline(__always) static func sameKey(_ stored: Value?, _ k: Value) -> Bool {
        switch (stored, k) {
        case (.some(.str(let a)), .str(let b)): return a.sameText(b)
        case (.some(.int(let a)), .int(let b)): return a == b
        case (.some(let x), _): return keysEqual(x, k)
        case (.none, _): return false
        }
    }

    /// `keysEqual` for a stored entry's key (`#undef`: removed), read in place.
    @inline(__always) static func sameKey(_ stored: UnsafeMutablePointer<Value>, _ k: Value) -> Bool {
        switch (stored.pointee, k) {
        case (.str(let a), .str(let b)): return a.sameText(b)
        case (.int(let a), .int(let b)): return a == b
        case (.undef, _): return false
        case (let x, _): return keysEqual(x, k)
        }
    }

    /// `keysEqual` for two tuples: item by item, Int items (a grid's `(x, y)` keys) compared
    /// inline where they lie.
    static func tuplesEqual(_ a: JTuple, _ b: JTuple, depth: Int = 0) -> Bool {
        if a === b { return true }
        let xs = a.buffer, ys = b.buffer
        guard xs.count == ys.count else { return false }
        for i in 0..<xs.count {
            let p = xs.baseAddress! + i, q = ys.baseAddress! + i
            if Value.tag(at: p) == Value.intTag && Value.tag(at: q) == Value.intTag {
                if Value.intPayload(at: p) != Value.intPayload(at: q) { return false }
            } else if !keysEqual(xs[i], ys[i], depth: depth + 1) {
                return false
            }
        }
        return true
    }

    /// `sameKey` for a stored entry's key and a tuple key, both read in place (a copy of
    /// either retains and releases its tuple).
    @inline(__always) static func sameKey(_ stored: UnsafeMutablePointer<Value>, tuple k: JTuple) -> Bool {
        if Value.tag(at: stored) == Value.tupleTag {
            return Value.unretainedTuple(at: stored)._withUnsafeGuaranteedRef { tuplesEqual($0, k) }
        }
        return sameKey(stored, .tuple(k))
    }

    static func keysEqual(_ x: Value, _ y: Value, depth: Int = 0) -> Bool {
        if depth > maxDepth { return valuesIdentical(x, y) }
        switch (x, y) {
        case (.int(let a), .int(let b)): return a == b
        case (.float(let a), .float(let b)): return a == b || a.isNaN && b.isNaN
        case (.int(let a), .float(let b)), (.float(let b), .int(let a)): return Double(a) == b && b == b.rounded() && Int64(exactly: b) == a
        case (.bool(let a), .bool(let b)): return a == b
        case (.str(let a), .str(let b)): return a.sameText(b)
        case (.tuple(let a), .tuple(let b)): return tuplesEqual(a, b, depth: depth)
        case (.arr(let a), .arr(let b)):
            if a === b { return true }
            guard a.dims == b.dims else { return false }
            for i in 0..<a.count where !keysEqual(a.get(i), b.get(i), depth: depth + 1) { return false }
            return true
        case (.obj(let a), .obj(let b)):
            if a === b { return true }
            if let sa = a as? JStruct, let sb = b as? JStruct, sa.type === sb.type, !sa.type.isMutable {
                return sa.count == sb.count && (0..<sa.count).allSatisfy { keysEqual(sa[$0], sb[$0], depth: depth + 1) }
            }
            if let ra = a as? JRegex, let rb = b as? JRegex { return ra == rb }
            // named tuples, sets and dictionaries by their contents, as Julia's `isequal`
            if let na = a as? JNamedTuple, let nb = b as? JNamedTuple {
                return na.names == nb.names && na.values.count == nb.values.count
                    && zip(na.values, nb.values).allSatisfy { keysEqual($0, $1, depth: depth + 1) }
            }
            if let sa = a as? JSet, let sb = b as? JSet {
                return sa.count == sb.count && sa.values.allSatisfy { sb.contains($0) }
            }
            if let da = a as? JDict, let db = b as? JDict, !da.environment, !db.environment {
                guard da.count == db.count else { return false }
                for (k, v) in da.entries {
                    guard let w = db.get(k), keysEqual(v, w, depth: depth + 1) else { return false }
                }
                return true
            }
            return false
        default:
            return valuesIdentical(x, y)
        }
    }

    /// Swift's hashing of a key: its `StableHash`, the hash `hash` gives, which agrees with
    /// `keysEqual` (one structural hash for tables and for programs).
    static func hashInto(_ v: Value, _ h: inout Hasher) {
        h.combine(StableHash.of(v))
    }
}

/// `Dict{K,V}`: keeps insertion order, which makes its display and iteration predictable.
///
/// The entries are raw memory, key and value side by side (a look-up that finds its key has
/// the value in the same cache line, and reading them retains no Swift array); a removed
/// entry's key is `#undef`, which no key can be.
public final class JDict: JObject {
    public let keyType: JType
    /// A constant, as `keyType`: a stored `var` was retained and released around each read
    /// (every store of a value checks it).
    public let valueType: JType
    /// Entry `e` is `ents[2e]` (key) and `ents[2e + 1]` (value); `used` entries (live and
    /// removed) are initialized, room for `capacity`.
    private var ents: UnsafeMutablePointer<Value>
    private var used = 0
    private var capacity = 0
    private var table = KeyTable()
    public private(set) var count = 0

    public init(keyType: JType, valueType: JType) {
        self.keyType = keyType
        self.valueType = valueType
        ents = .allocate(capacity: 2)
        Allocations.record(64)
    }

    deinit {
        if used > 0 { DeferredRelease.release(ents, count: 2 * used) }
        ents.deallocate()
    }

    /// Set on `ENV`'s dictionary (`Base.EnvDict`): a store also sets the process's variable,
    /// with the value as `string(v)` makes it (Julia's `setindex!(::EnvDict, v, k)`), and a
    /// removal unsets it, so that programs started afterwards see the change.
    public var environment = false

    public override var jtype: JType { environment ? JType.envDict : JType.dict(keyType, valueType) }

    @inline(__always) private func isLive(_ e: Int) -> Bool {
        if case .undef = ents[2 &* e] { return false }
        return true
    }

    /// The value for `k`, or nil.
    public func get(_ k: Value, _ rt: Runtime, _ t: Ctx?) throws -> Value? {
        guard let i = position(k) else { return nil }
        return ents[2 &* i &+ 1]
    }

    /// The value for a key given exactly as stored (a symbol, a string), or nil.
    public func get(_ k: Value) -> Value? {
        guard let i = position(k) else { return nil }
        return ents[2 &* i &+ 1]
    }

    /// The value for the key at `k`, read where it lies (a string key is neither retained nor
    /// released on the way), or nil.
    func get(at k: UnsafeMutablePointer<Value>) -> Value? {
        guard Value.tag(at: k) == Value.stringTag else { return get(k.pointee) }
        guard let i = position(ofStringAt: k) else { return nil }
        return ents[2 &* i &+ 1]
    }

    /// Whether the key at `k` is there, read where it lies (nothing retained for a string
    /// key or a number).
    func has(at k: UnsafeMutablePointer<Value>) -> Bool {
        if Value.tag(at: k) == Value.stringTag { return position(ofStringAt: k) != nil }
        return position(k.pointee) != nil
    }

    /// The entry position of the string key at `k` (a `.str` value), read where it lies.
    @inline(__always) private func position(ofStringAt k: UnsafeMutablePointer<Value>) -> Int? {
        let ks = ents
        return Value.unretainedString(at: k)._withUnsafeGuaranteedRef { s in
            table.find(s.keyHash) { e in
                // a key of another type is never equal to a string
                guard Value.tag(at: ks + 2 &* e) == Value.stringTag else { return false }
                return Value.unretainedString(at: ks + 2 &* e)._withUnsafeGuaranteedRef { a in a.sameText(s) }
            }
        }
    }

    /// Sets `d[k] = v` for the string key at `k` (a `.str` value), read where it lies: the
    /// key is copied (retained) only when it is new.
    func set(at k: UnsafeMutablePointer<Value>, _ v: Value, _ rt: Runtime) throws {
        guard !environment && (keyType.tag == .any || keyType.tag == .string) else { return try set(k.pointee, v, rt) }
        if let i = position(ofStringAt: k) {
            try store(i, v, rt)
            return
        }
        try append(k.pointee, KeyHash.of(k.pointee), v, rt)
    }

    /// The first half of `d[k] = f(d[k])` with one look-up of the key at `k`: its entry
    /// position (-1 when it is not there) and hash; nil when the key would need converting
    /// to the key type (or the dictionary is `ENV`). `finishUpdate` stores the new value.
    @inline(__always) func find(at k: UnsafeMutablePointer<Value>) -> (position: Int, hash: Int)? {
        guard !environment, JDict.fits(keyType, at: k) else { return nil }
        if Value.tag(at: k) == Value.tupleTag {
            // a tuple key hashed and compared where it lies
            return Value.unretainedTuple(at: k)._withUnsafeGuaranteedRef { key in
                let h = key.count <= 8 ? KeyHash.tuple(key) : KeyHash.of(.tuple(key))
                let ks = ents
                return (table.find(h) { e in ValueKey.sameKey(ks + 2 &* e, tuple: key) } ?? -1, h)
            }
        }
        // one copy of the key for hashing and comparing (each `k.pointee` passed retains it)
        let key = k.pointee
        let h = KeyHash.of(key)
        return (position(key, h) ?? -1, h)
    }

    /// What an insertion or removal changes: a position `find` gave is valid while it is
    /// the same.
    @inline(__always) var shape: (Int, Int) { (used, count) }

    /// The value of entry `i`.
    @inline(__always) func value(_ i: Int) -> Value { ents[2 &* i &+ 1] }

    /// Stores `v` for the key at `k`, found by `find` at `position` (-1: not there) with
    /// hash `h` when the dictionary had `shape`; looked up again if it has changed since
    /// (working out `v` may have run a method of the program's that changed it).
    @inline(__always) func finishUpdate(at k: UnsafeMutablePointer<Value>, _ position: Int, _ h: Int, _ v: Value,
                                        shape before: (Int, Int), _ rt: Runtime) throws {
        guard before == shape else { return try put(k.pointee, v, rt) }
        if position >= 0 { try store(position, v, rt) } else { try append(k.pointee, h, v, rt) }
    }

    /// The entry position of key `k`, or nil.
    @inline(__always) private func position(_ k: Value) -> Int? {
        position(k, KeyHash.of(k))
    }

    /// The entry position of key `k` with hash `h`, or nil.
    @inline(__always) private func position(_ k: Value, _ h: Int) -> Int? {
        let ks = ents
        return table.find(h) { e in ValueKey.sameKey(ks + 2 &* e, k) }
    }

    /// Sets `d[k] = v`, converting to the key and value types.
    public func set(_ k: Value, _ v: Value, _ rt: Runtime) throws {
        if environment { return try setVariable(k, v, rt) }
        try put(k, v, rt)
    }

    /// `ENV[k] = v`.
    private func setVariable(_ k: Value, _ v: Value, _ rt: Runtime) throws {
        guard case .str(let key) = k else { throw JuliaError.method("setindex!", [.obj(self), v, k]) }
        let value: String
        if case .str(let x) = v { value = x.value } else { value = try rt.printString(v, nil) }
        if key.value.isEmpty || key.value.contains("=") || setenv(key.value, value, 1) != 0 {
            throw JuliaError.system("setenv", errno == 0 ? EINVAL : errno)
        }
        try put(k, .str(JStr(value)), rt)
    }

    private func put(_ k: Value, _ v: Value, _ rt: Runtime) throws {
        if JDict.fits(keyType, k) {
            let h = KeyHash.of(k)
            if let i = position(k, h) {
                try store(i, v, rt)
                return
            }
            try append(k, h, v, rt)
            return
        }
        let ck = try rt.convert(keyType, k)
        let h = KeyHash.of(ck)
        if let i = position(ck, h) {
            try store(i, v, rt)
            return
        }
        try append(ck, h, v, rt)
    }

    @inline(__always) private func store(_ i: Int, _ v: Value, _ rt: Runtime) throws {
        let p = ents + (2 &* i &+ 1)
        if JDict.fits(valueType, v) { p.overwrite(with: v) } else { p.overwrite(with: try rt.convert(valueType, v)) }
    }

    private func append(_ k: Value, _ h: Int, _ v: Value, _ rt: Runtime) throws {
        let cv = JDict.fits(valueType, v) ? v : try rt.convert(valueType, v)
        table.append(h) { isLive($0) }
        RawBuffer.makeRoom(&ents, count: used, capacity: &capacity, per: 2)
        (ents + 2 &* used).initialize(to: k)
        (ents + (2 &* used &+ 1)).initialize(to: cv)
        used += 1
        count += 1
    }

    /// True when `v` is already of type `t` (no conversion needed), for the common types.
    @inline(__always) static func fits(_ t: JType, _ v: Value) -> Bool {
        // the value's case against the type's tag, with no copy of the value made (a switch
        // over the pair of them copied it: ~45 instructions for an Int into `Dict{Int,Int}`)
        let tag = t.tag
        if tag == .any { return true }
        switch v {
        case .int: return tag == .int64
        case .float: return tag == .float64
        case .str: return tag == .string
        default: break
        }
        return fitsSlow(t, v)
    }

    /// `fits` for the value at `p`, read in place: numbers, strings and a struct of exactly
    /// the type (a `Vec2` field given a `Vec2`) with nothing retained.
    @inline(__always) static func fits(_ t: JType, at p: UnsafePointer<Value>) -> Bool {
        let tag = t.tag
        if tag == .any { return true }
        switch Value.tag(at: p) {
        case Value.intTag: return tag == .int64
        case Value.floatTag: return tag == .float64
        case Value.stringTag: return tag == .string
        case Value.objTag:
            return Value.unretainedObject(at: p)._withUnsafeGuaranteedRef { o in
                type(of: o) == JStruct.self && unsafeDowncast(o, to: JStruct.self).typeAddress == Unmanaged.passUnretained(t).toOpaque()
            }
        case Value.tupleTag:
            // a tuple key of a `Dict{Tuple{Int,Int},Int}`: its items' cases against the codes
            let codes = t.tupleCodes
            if codes != 0 { return Value.unretainedTuple(at: p)._withUnsafeGuaranteedRef { TupleCodes.match(codes, $0.buffer) } }
            return fitsSlow(t, p.pointee)
        default: return fitsSlow(t, p.pointee)
        }
    }

    @inline(never) private static func fitsSlow(_ t: JType, _ v: Value) -> Bool {
        switch (t.tag, v) {
        case (.any, _), (.string, .str), (.int64, .int), (.float64, .float), (.bool, .bool), (.symbol, .sym), (.char, .char):
            return true
        case (_, .obj(let o)):
            // an instance of exactly the struct type (a field `center::Vec2` given a Vec2)
            return type(of: o) == JStruct.self && unsafeDowncast(o, to: JStruct.self).typeAddress == Unmanaged.passUnretained(t).toOpaque()
        case (_, .tuple(let tp)):
            // a tuple whose items each fit (a `Dict{Tuple{Int,Int},Int}`'s keys)
            let codes = t.tupleCodes
            if codes != 0 { return TupleCodes.match(codes, tp.buffer) }
            guard t.family === JType.tupleFamily, tp.count == t.params.count else { return false }
            let xs = tp.buffer
            return t.params.withUnsafeBufferPointer { ps in
                for i in 0..<xs.count {
                    guard case .type(let pt) = ps[i] else { return false }
                    if pt.tag == .int64, case .int = xs[i] { continue }
                    guard fits(pt, xs[i]) else { return false }
                }
                return true
            }
        default:
            return false
        }
    }

    /// Removes `k`; returns its value.
    @discardableResult
    public func remove(_ k: Value) -> Value? {
        if environment, case .str(let key) = k { unsetenv(key.value) }
        guard let i = position(k) else { return nil }
        table.remove(i)
        let v = ents[2 * i + 1]
        (ents + 2 * i).overwrite(with: .undef)
        (ents + 2 * i + 1).overwrite(with: .nothing)
        count -= 1
        if used > 32 && count < used / 2 && iterations == 0 { compact() }
        return v
    }

    private func compact() {
        table.compact { isLive($0) }
        var n = 0
        for e in 0..<used {
            if isLive(e) {
                if n != e {
                    (ents + 2 * n).moveInitialize(from: ents + 2 * e, count: 2)
                }
                n += 1
            } else {
                (ents + 2 * e).deinitialize(count: 2)
            }
        }
        used = n
    }

    /// Removes everything.
    public func removeAll() {
        let n = used
        used = 0
        count = 0
        table.removeAll()
        if n > 0 { DeferredRelease.release(ents, count: 2 * n) }
    }

    /// Loops running over the entries in place (`for (k, v) in d`): while one runs, a removal
    /// leaves its entry's position empty instead of compacting them, so that deleting the
    /// entry just given (`delete!(d, k)` in the loop, as Julia allows) skips no other.
    var iterations = 0

    /// The number of entry positions, live and removed: `entry(e)` for `e` below it.
    var entrySlots: Int { used }

    /// The key and value at entry position `e`, or nil when that entry was removed
    /// (iteration in insertion order with no array of the entries made first).
    @inline(__always) func entry(_ e: Int) -> (key: Value, value: Value)? {
        let k = ents[2 &* e]
        if case .undef = k { return nil }
        return (k, ents[2 &* e &+ 1])
    }

    /// `Pair{K, V}` for this dictionary's key and value types: the type of each element its
    /// iteration gives, as in Julia (`Dict{Any,Int}` gives `Pair{Any,Int64}` pairs).
    var pairType: JType { Runtime.pairType(keyType, valueType) }

    /// Key–value pairs in insertion order.
    public var entries: [(Value, Value)] {
        var out: [(Value, Value)] = []
        out.reserveCapacity(count)
        for e in 0..<used where isLive(e) { out.append((ents[2 * e], ents[2 * e + 1])) }
        return out
    }

    func isEqual(to o: JDict, _ rt: Runtime, _ t: Ctx?) throws -> Bool {
        guard count == o.count else { return false }
        for (k, v) in entries {
            guard let w = try o.get(k, rt, t), try rt.isEqual(v, w, t) else { return false }
        }
        return true
    }
}

/// `Set{T}`.
///
/// A `BitSet` is one whose elements are integers, iterated in ascending order.
public final class JSet: JObject {
    public let elType: JType
    public let isBitSet: Bool
    /// The elements in insertion order, `#undef` where one was removed: raw memory, as
    /// `JDict`'s entries (a Swift array here was retained and released around every `in`).
    private var elems: UnsafeMutablePointer<Value> = .allocate(capacity: 1)
    /// Positions used in `elems` (live and removed), and room for how many.
    private var slots = 0
    private var capacity = 1
    private var table = KeyTable()
    public private(set) var count = 0

    public init(elType: JType) { self.elType = elType; isBitSet = false }

    /// An empty `BitSet`.
    public init(bitSet: ()) { elType = .int64; isBitSet = true }

    deinit {
        if slots > 0 { DeferredRelease.release(elems, count: slots) }
        elems.deallocate()
    }

    /// An empty set of the same kind and element type.
    public func emptyCopy() -> JSet { isBitSet ? JSet(bitSet: ()) : JSet(elType: elType) }

    public override var jtype: JType { isBitSet ? JType.bitSet : JType.apply(JType.setFamily, [.type(elType)]) }

    public func contains(_ v: Value, _ rt: Runtime, _ t: Ctx?) throws -> Bool { position(v) != nil }

    /// `v in s`.
    func contains(_ v: Value) -> Bool { position(v) != nil }

    /// The entry position of element `v`, or nil.
    @inline(__always) private func position(_ v: Value) -> Int? { position(v, KeyHash.of(v)) }

    /// The entry position of element `v` whose hash is `h`, or nil: the stored elements
    /// compared where they lie (a grid's `(x, y)` tuples item by item).
    @inline(__always) private func position(_ v: Value, _ h: Int) -> Int? {
        let vs = elems
        if case .tuple(let k) = v { return table.find(h) { e in ValueKey.sameKey(vs + e, tuple: k) } }
        return table.find(h) { e in ValueKey.sameKey(vs + e, v) }
    }

    public func insert(_ v: Value, _ rt: Runtime) throws {
        let c = JDict.fits(elType, v) ? v : try rt.convert(elType, v)
        let h = KeyHash.of(c)
        if position(c, h) != nil { return }
        table.append(h) { e in isLive(e) }
        RawBuffer.makeRoom(&elems, count: slots, capacity: &capacity)
        (elems + slots).initialize(to: c)
        slots += 1
        count += 1
    }

    @discardableResult
    public func remove(_ v: Value) -> Bool {
        guard let i = position(v) else { return false }
        table.remove(i)
        (elems + i).overwrite(with: .undef)
        count -= 1
        return true
    }

    /// The number of element positions, live and removed: `element(e)` for `e` below it.
    var elementSlots: Int { slots }

    @inline(__always) private func isLive(_ e: Int) -> Bool {
        if case .undef = elems[e] { return false }
        return true
    }

    /// The element at position `e` in insertion order, or nil when it was removed.
    @inline(__always) func element(_ e: Int) -> Value? { isLive(e) ? elems[e] : nil }

    public var values: [Value] {
        var vs: [Value] = []
        vs.reserveCapacity(count)
        for e in 0..<slots where isLive(e) { vs.append(elems[e]) }
        guard isBitSet else { return vs }
        return vs.sorted { a, b in
            if case .int(let x) = a, case .int(let y) = b { return x < y }
            return false
        }
    }
}

/// `keys(d)`: a live view of a dictionary's keys.
public final class JKeySet: JObject {
    public let dict: JDict
    public init(_ d: JDict) { dict = d }
    public override var jtype: JType { JType.apply(JType.abstractSetFamily, [.type(dict.keyType)]) }
}
