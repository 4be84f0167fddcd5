/// Field access with inline caches: `x.f`, `x.f = v` and `x.f op= v`.
///
/// Each node remembers the struct type it last met and the field's position in it; while the
/// object is a struct of that type the access is a type compare and a load (no cast through
/// the class hierarchy, no search of the field names). Any other object, or another struct
/// type, takes `Runtime.getField`/`setField` and refills the cache. A struct type's fields
/// never change once it exists, so a cached position stays right. As for indexing, an object
/// that is an unboxed local is read in place.

/// The struct in `o`, when `o` is exactly a `JStruct` (a compare of the class, not a cast).
@inline(__always) func exactStruct(_ o: JObject) -> JStruct? {
    ObjectIdentifier(type(of: o)) == ObjectIdentifier(JStruct.self) ? unsafeDowncast(o, to: JStruct.self) : nil
}

/// A struct type and a field position, remembered by a node.
struct FieldCache {
    unowned(unsafe) var type: JType? = nil
    var index = 0
    /// The declared type's tag, for stores: values of that type (or any value for `Any`)
    /// are stored without `convert`.
    var tag: TypeTag = .other

    /// Fills the cache from `s`; the field's position, or nil if it has none named `name`.
    mutating func fill(_ s: JStruct, _ name: JSym) -> Int? {
        guard let i = s.type.fieldNames.firstIndex(of: name) else { return nil }
        type = s.type
        index = i
        tag = i < s.type.fieldTypes.count ? s.type.fieldTypes[i].tag : .any
        return i
    }

    /// True when `v` can be stored into the cached field as it is.
    @inline(__always) func storesExactly(_ v: Value) -> Bool {
        switch (tag, v) {
        case (.any, _), (.float64, .float), (.int64, .int), (.bool, .bool), (.string, .str), (.char, .char): return true
        default: return false
        }
    }
}

/// `x.f`.
final class FieldNode: Node {
    let object: Node, name: JSym
    /// The object's slot when it is an unboxed local (read in place), or -1.
    let slot: Int
    var cache = FieldCache()
    init(_ o: Node, slot: Int, _ n: JSym) { object = o; self.slot = slot; name = n; super.init(unwinds: o.unwinds) }

    override func eval(_ t: Ctx) throws -> Value {
        if slot >= 0 {
            if case .obj(let o) = t.fp[slot], let s = exactStruct(o), s.type === cache.type { return s.fields[cache.index] }
            return try miss(try object.eval(t), t)
        }
        let v = try object.eval(t)
        if case .obj(let o) = v, let s = exactStruct(o), s.type === cache.type { return s.fields[cache.index] }
        return try miss(v, t)
    }

    private func miss(_ v: Value, _ t: Ctx) throws -> Value {
        if case .obj(let o) = v, let s = exactStruct(o), let i = cache.fill(s, name) { return s.fields[i] }
        return try t.runtime.getField(v, name, t)
    }
}

/// `x.f = v`.
final class FieldAssigner: Assigner {
    let object: Node, name: JSym
    let slot: Int
    var cache = FieldCache()
    init(_ o: Node, slot: Int, _ n: JSym) { object = o; self.slot = slot; name = n }

    override func assign(_ t: Ctx, _ v: Value) throws {
        if slot >= 0 {
            if case .obj(let o) = t.fp[slot], let s = exactStruct(o), s.type === cache.type, cache.storesExactly(v) {
                s.fields[cache.index] = v
                return
            }
            return try miss(try object.eval(t), v, t)
        }
        let x = try object.eval(t)
        if case .obj(let o) = x, let s = exactStruct(o), s.type === cache.type, cache.storesExactly(v) {
            s.fields[cache.index] = v
            return
        }
        try miss(x, v, t)
    }

    private func miss(_ x: Value, _ v: Value, _ t: Ctx) throws {
        try t.runtime.setField(x, name, v, t)
        // only mutable structs get here without an error
        if case .obj(let o) = x, let s = exactStruct(o), s.type !== cache.type { _ = cache.fill(s, name) }
    }
}

/// `x.f op= v` with `x` an unboxed local that `v` does not assign: read, combine and store
/// in place, with one look-up of the field (the resolver's `#obj` temporary is not needed).
final class FieldUpdateNode: Node {
    let object: Node, name: JSym, op: Op, rhs: Node
    let slot: Int
    var cache = FieldCache()
    init(_ o: Node, slot: Int, _ n: JSym, _ op: Op, _ rhs: Node) {
        object = o; self.slot = slot; name = n; self.op = op; self.rhs = rhs
        super.init(unwinds: rhs.unwinds)
    }

    override func eval(_ t: Ctx) throws -> Value {
        var current: Value
        if case .obj(let o) = t.fp[slot], let s = exactStruct(o), s.type === cache.type {
            current = s.fields[cache.index]
        } else {
            current = try t.runtime.getField(try object.eval(t), name, t)
        }
        let y = try rhs.eval(t)
        if unwinds && t.unwind != .none { return .nothing }
        let r = try fastBinary(op, current, y) ?? t.runtime.binary(op, current, y, t)
        // `v` cannot have rebound the local (the compiler checked), so the object is the same
        if case .obj(let o) = t.fp[slot], let s = exactStruct(o), s.type === cache.type, cache.storesExactly(r) {
            s.fields[cache.index] = r
            return r
        }
        let x = try object.eval(t)
        try t.runtime.setField(x, name, r, t)
        if case .obj(let o) = x, let s = exactStruct(o), s.type !== cache.type { _ = cache.fill(s, name) }
        return r
    }
}
