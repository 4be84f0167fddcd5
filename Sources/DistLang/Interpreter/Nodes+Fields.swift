/// Field access with inline caches: `x.f`, `x.f = v` and `x.f op= v`.
///
/// Each node remembers the struct type it last met and the field's position in it; while the
/// object is a struct of that type the access is a type compare and a load (no cast through
/// the class hierarchy, no search of the field names). Any other object, or another struct
/// type, takes `Runtime.getField`/`setField` and refills the cache. A struct type's fields
/// never change once it exists, so a cached position stays right. As for indexing, an object
/// that is an unboxed local is read in place.

/// The object that the `.obj` value at `p` refers to, without copying the value (no reference
/// counting): for a read or write of the object that ends before anything can overwrite `p`.
/// `Value` keeps its payload in the first word (a test asserts it).
@inline(__always) func peekObject(_ p: UnsafeMutablePointer<Value>) -> Unmanaged<JObject>? {
    if case .obj = p.pointee {
        return Unmanaged.fromOpaque(UnsafeRawPointer(p).load(as: UnsafeRawPointer.self))
    }
    return nil
}

/// The `Dict` a value at `p` holds, not retained, or nil (`peekObject` for the dictionary
/// fast paths: `get(d, k, x)`, `d[k] = v`).
@inline(__always) func peekDict(_ p: UnsafeMutablePointer<Value>) -> Unmanaged<JDict>? {
    guard let o = peekObject(p), o._withUnsafeGuaranteedRef({ type(of: $0) == JDict.self }) else { return nil }
    return Unmanaged<JDict>.fromOpaque(o.toOpaque())
}

/// A struct type and a field position, remembered by a node.
struct FieldCache {
    /// `JStruct`'s class, to tell structs from other objects by one compare.
    let structClass = ObjectIdentifier(JStruct.self)
    /// The struct type seen last (compared by identity).
    var structType: UnsafeMutableRawPointer?
    var index = 0
    /// The declared type's tag, for stores: values of that type (or any value for `Any`)
    /// are stored without `convert`.
    var tag: TypeTag = .other

    /// The struct in `o` when it is a struct of the cached type.
    @inline(__always) func hit(_ o: JObject) -> JStruct? {
        guard ObjectIdentifier(type(of: o)) == structClass else { return nil }
        let s = unsafeDowncast(o, to: JStruct.self)
        return s.typeAddress == structType ? s : nil
    }

    /// The struct in `o`, when `o` is one.
    @inline(__always) func asStruct(_ o: JObject) -> JStruct? {
        ObjectIdentifier(type(of: o)) == structClass ? unsafeDowncast(o, to: JStruct.self) : nil
    }

    /// Fills the cache from `s`; the field's position, or nil if it has none named `name`.
    mutating func fill(_ s: JStruct, _ name: JSym) -> Int? {
        guard let i = s.type.fieldNames.firstIndex(of: name), i < s.count else { return nil }
        structType = s.typeAddress
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

    /// Where the cached field of the object at `p` is held, if it is a struct of the cached
    /// type: valid until anything else runs.
    @inline(__always) func address(_ p: UnsafeMutablePointer<Value>) -> UnsafeMutablePointer<Value>? {
        guard let u = peekObject(p) else { return nil }
        return u._withUnsafeGuaranteedRef { o in hit(o)?.fieldAddress(index) }
    }

    /// The cached field of the object at `p` when it is a struct of the cached type and the
    /// field holds an `Int` or a `Float64` (nothing to count).
    @inline(__always) func number(_ p: UnsafeMutablePointer<Value>) -> Value? {
        guard let u = peekObject(p) else { return nil }
        return u._withUnsafeGuaranteedRef { o in
            guard let f = hit(o)?.fieldAddress(index) else { return nil }
            if case .float(let x) = f.pointee { return .float(x) }
            if case .int(let i) = f.pointee { return .int(i) }
            return nil
        }
    }

    /// Reads the cached field of the object at `p`, if it is a struct of the cached type.
    @inline(__always) func read(_ p: UnsafeMutablePointer<Value>) -> Value? {
        guard let u = peekObject(p) else { return nil }
        return u._withUnsafeGuaranteedRef { o in
            guard let s = hit(o) else { return nil }
            return s[index]
        }
    }

    /// Writes `v` into the cached field of the object at `p`; false when it is not a struct of
    /// the cached type or `v` needs converting.
    @inline(__always) func write(_ p: UnsafeMutablePointer<Value>, _ v: Value) -> Bool {
        guard let u = peekObject(p), storesExactly(v) else { return false }
        return u._withUnsafeGuaranteedRef { o in
            guard let s = hit(o) else { return false }
            s[index] = v
            return true
        }
    }
}

/// `x.f`.
final class FieldNode: Node {
    let object: Node, name: JSym
    /// The object's slot when it is an unboxed local (read in place), or -1.
    let slot: Int
    var cache = FieldCache()
    /// The position of the field in the named tuple read last.
    private var tupleIndex = 0
    /// The object when it is itself a field of an unboxed local (`t.a` in `t.a.x`): read
    /// where it is held, with no count taken for the struct in between.
    private let inner: FieldNode?
    init(_ o: Node, slot: Int, _ n: JSym) {
        object = o; self.slot = slot; name = n
        inner = (o as? FieldNode).flatMap { $0.slot >= 0 ? $0 : nil }
        super.init(unwinds: o.unwinds)
    }

    override func eval(_ t: Ctx) throws -> Value {
        if slot >= 0 {
            if let v = cache.read(t.fp + slot) { return v }
            return try miss(try object.eval(t), t)
        }
        if let inner, let p = inner.heldAddress(t), let v = cache.read(p) { return v }
        let v = try object.eval(t)
        if case .obj(let o) = v, let s = cache.hit(o) { return s[cache.index] }
        return try miss(v, t)
    }

    /// Where the field this node reads is held, when the object is an unboxed local holding a
    /// struct of the cached type: valid until anything else runs.
    @inline(__always) fileprivate func heldAddress(_ t: Ctx) -> UnsafeMutablePointer<Value>? {
        cache.address(t.fp + slot)
    }

    @inline(never) private func miss(_ v: Value, _ t: Ctx) throws -> Value {
        if case .obj(let o) = v, let s = cache.asStruct(o), let i = cache.fill(s, name) { return s[i] }
        // a named tuple (`r.score` over a vector of records): the position found last, checked
        // by the name there, as records from one literal share their names
        if case .obj(let o) = v, ObjectIdentifier(type(of: o)) == ObjectIdentifier(JNamedTuple.self) {
            let nt = unsafeDowncast(o, to: JNamedTuple.self)
            let names = nt.names
            let k = tupleIndex
            if k < names.count && names[k] === name && k < nt.values.count { return nt.values[k] }
            if let i = names.firstIndex(where: { $0 === name }), i < nt.values.count {
                tupleIndex = i
                return nt.values[i]
            }
        }
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
            if cache.write(t.fp + slot, v) { return }
            return try miss(try object.eval(t), v, t)
        }
        let x = try object.eval(t)
        if case .obj(let o) = x, let s = cache.hit(o), cache.storesExactly(v) {
            s[cache.index] = v
            return
        }
        try miss(x, v, t)
    }

    @inline(never) private func miss(_ x: Value, _ v: Value, _ t: Ctx) throws {
        try t.runtime.setField(x, name, v, t)
        // only mutable structs get here without an error
        if case .obj(let o) = x, let s = cache.asStruct(o) { _ = cache.fill(s, name) }
    }
}

/// `x.f op= v` with `x` an unboxed local that `v` does not assign: read, combine and store
/// in place, with one look-up of the field (the resolver's `#obj` temporary is not needed).
final class FieldUpdateNode: Node {
    let object: Node, name: JSym, op: Op, rhs: Operand
    let slot: Int
    var cache = FieldCache()
    init(_ o: Node, slot: Int, _ n: JSym, _ op: Op, _ rhs: Node) {
        object = o; self.slot = slot; name = n; self.op = op; self.rhs = Operand(rhs)
        super.init(unwinds: rhs.unwinds)
    }

    override func eval(_ t: Ctx) throws -> Value { try run(t) }
    override func exec(_ t: Ctx) throws { _ = try run(t) }

    @inline(__always) private func run(_ t: Ctx) throws -> Value {
        let p = t.fp + slot
        // the cache is filled by a successful store, so it only ever names a mutable type
        if let f = cache.address(p), case .float(let x) = f.pointee {
            let y = try rhs.eval(t)
            if unwinds && t.unwind != .none { return .nothing }
            var r: Value?
            if case .float(let q) = y { r = fastFloat(op, x, q) } else if case .int(let j) = y { r = fastFloat(op, x, Double(j)) }
            // `v` cannot have rebound the local (the compiler checked), so the object is the
            // same; the field's place is found again, as `v` may have stored into it. A
            // `Float64` replaced by one needs no release.
            if let r = r, cache.storesExactly(r), let g = cache.address(p) {
                if Value.tag(at: g) == Value.floatTag { g.initialize(to: r) } else { g.pointee = r }
                return r
            }
            return try store(t, r ?? (try combine(.float(x), y, t)))
        }
        let current = try cache.read(p) ?? t.runtime.getField(try object.eval(t), name, t)
        let y = try rhs.eval(t)
        if unwinds && t.unwind != .none { return .nothing }
        return try store(t, try combine(current, y, t))
    }

    @inline(never) private func combine(_ x: Value, _ y: Value, _ t: Ctx) throws -> Value {
        if let r = fastBinary(op, x, y) { return r }
        return try t.runtime.binary(op, x, y, t)
    }

    @inline(never) private func store(_ t: Ctx, _ r: Value) throws -> Value {
        if cache.write(t.fp + slot, r) { return r }
        let x = try object.eval(t)
        try t.runtime.setField(x, name, r, t)
        if case .obj(let o) = x, let s = cache.asStruct(o) { _ = cache.fill(s, name) }
        return r
    }
}
