/// Indexing, fields, tuples, array literals, comprehensions, types and strings.

final class IndexNode: Node {
    let object: Node, indices: [Node], endSlot: Int?
    init(_ o: Node, _ i: [Node], endSlot: Int?) {
        object = o; indices = i; self.endSlot = endSlot
        super.init(unwinds: o.unwinds || i.contains { $0.unwinds })
    }
    override func eval(_ t: Ctx) throws -> Value {
        let o = try object.eval(t)
        if let s = endSlot { t.fp[s] = o }
        if indices.count == 1 {
            let i = try indices[0].eval(t)
            if case .arr(let a) = o, case .int(let k) = i {
                let j = Int(k) - 1
                if j >= 0 && j < a.count { return a.get(j) }
            }
            return try t.runtime.getIndex(o, [i], t)
        }
        if indices.count == 2, case .arr(let a) = o, a.dims.count == 2 {
            let i = try indices[0].eval(t)
            let j = try indices[1].eval(t)
            if case .int(let r) = i, case .int(let c) = j {
                let m = a.dims[0]
                if r >= 1 && Int(r) <= m && c >= 1 && Int(c) <= a.dims[1] { return a.get(Int(r) - 1 + (Int(c) - 1) * m) }
            }
            return try t.runtime.getIndex(o, [i, j], t)
        }
        var idx: [Value] = []
        idx.reserveCapacity(indices.count)
        for i in indices { idx.append(try i.eval(t)) }
        return try t.runtime.getIndex(o, idx, t)
    }
}

/// `end` inside an index: the last index of a dimension of the object being indexed.
final class EndNode: Node {
    let slot: Int, dim: Int, ndims: Int
    init(_ slot: Int, _ dim: Int, _ ndims: Int) { self.slot = slot; self.dim = dim; self.ndims = ndims; super.init() }
    override func eval(_ t: Ctx) throws -> Value {
        // a vector's length or a string's last character, read where the object lies (a
        // copy out of the slot retained and released it for each `v[end]`, `s[i:end]`)
        let p = t.fp + slot
        switch Value.tag(at: p) {
        case Value.arrayTag where ndims == 1 && dim == 1:
            return .int(Int64(Value.unretainedArray(at: p)._withUnsafeGuaranteedRef { $0.count }))
        case Value.stringTag:
            return Value.unretainedString(at: p)._withUnsafeGuaranteedRef { Runtime.lastIndex(of: $0) }
        default:
            return try t.runtime.lastIndex(p.pointee, dim: dim, ndims: ndims, t)
        }
    }
}

final class TupleNode: Node {
    let items: [Node]
    init(_ items: [Node]) { self.items = items; super.init(unwinds: items.contains { $0.unwinds }) }
    override func eval(_ t: Ctx) throws -> Value {
        // pairs and triples written straight into the new tuple
        switch items.count {
        case 2:
            let a = try items[0].eval(t), b = try items[1].eval(t)
            return .tuple(TupleNode.make(2, a, b, .nothing))
        case 3:
            let a = try items[0].eval(t), b = try items[1].eval(t), c = try items[2].eval(t)
            return .tuple(TupleNode.make(3, a, b, c))
        default:
            var vs: [Value] = []
            vs.reserveCapacity(items.count)
            for i in items { vs.append(try i.eval(t)) }
            return .tuple(JTuple.of(vs))
        }
    }
}

extension TupleNode {
    /// `(a, b)` (`n` 2) or `(a, b, c)` (`n` 3).
    @inline(__always) static func make(_ n: Int, _ a: Value, _ b: Value, _ c: Value) -> JTuple {
        JTuple.make(n) { q in
            q.initialize(to: a)
            (q + 1).initialize(to: b)
            if n == 3 { (q + 2).initialize(to: c) }
        }
    }
}

final class NamedTupleNode: Node {
    let names: [JSym], values: [Node]
    init(_ n: [JSym], _ v: [Node]) { names = n; values = v; super.init() }
    override func eval(_ t: Ctx) throws -> Value {
        .obj(JNamedTuple(names: names, values: try values.map { try $0.eval(t) }))
    }
}

final class VectNode: Node {
    let items: [Node]
    init(_ items: [Node]) { self.items = items; super.init(unwinds: items.contains { $0.unwinds }) }
    override func eval(_ t: Ctx) throws -> Value {
        // the elements go onto the value stack; when they are all strings (`[name, line]`) or
        // all Ints they are moved from there into the new vector, with no array of them in
        // between and no reference counted per element
        let n = items.count
        let base = t.sp
        defer { t.popTo(base) }
        for i in items { try t.push(try i.eval(t)) }
        if n > 0 {
            let tag = Value.tag(at: base)
            var same = true
            for k in 1..<n where Value.tag(at: base + k) != tag { same = false; break }
            if same && tag == Value.stringTag {
                let a = JArray(eltype: .string, dims: Dims(n))
                // the new vector's elements are `#undef`, which hold no reference
                UnsafeMutableRawPointer(a.values).copyMemory(from: base, byteCount: n * MemoryLayout<Value>.stride)
                for k in 0..<n { UnsafeMutableRawPointer(base + k).storeBytes(of: Value.intTag, toByteOffset: 8, as: UInt8.self) }
                return .arr(a)
            }
            if same && tag == Value.intTag {
                let a = JArray(eltype: .int64, dims: Dims(n), uninitialized: ())
                for k in 0..<n { a.ints[k] = Value.intPayload(at: base + k) }
                return .arr(a)
            }
        }
        return .arr(try t.runtime.vectorLiteral(Array(UnsafeBufferPointer(start: base, count: n))))
    }
}

/// A tuple or vector literal with `x...` elements.
final class SplatCollectNode: Node {
    enum Kind { case tuple, vector }
    let items: [Node], splats: [Bool], kind: Kind
    init(_ items: [Node], _ splats: [Bool], kind: Kind) { self.items = items; self.splats = splats; self.kind = kind; super.init() }
    override func eval(_ t: Ctx) throws -> Value {
        var vs: [Value] = []
        for (i, n) in items.enumerated() {
            let v = try n.eval(t)
            if splats[i] { vs += try t.runtime.collectValues(v, t) } else { vs.append(v) }
        }
        return kind == .tuple ? .tuple(JTuple.of(vs)) : .arr(try t.runtime.vectorLiteral(vs))
    }
}

/// `[a b]`, `[a; b]`, `[a b; c d]`.
final class ConcatNode: Node {
    enum Kind { case h, v, hv }
    let kind: Kind, rows: [Int], items: [Node]
    init(_ k: Kind, _ rows: [Int], _ items: [Node]) { kind = k; self.rows = rows; self.items = items; super.init() }
    override func eval(_ t: Ctx) throws -> Value {
        let vs = try items.map { try $0.eval(t) }
        switch kind {
        case .h: return try t.runtime.hcat(vs, t)
        case .v: return try t.runtime.vcat(vs, t)
        case .hv: return try t.runtime.hvcat(rows, vs, t)
        }
    }
}

/// `T[…]` with a matrix literal or comprehension inside.
final class TypedLiteralNode: Node {
    let type: Node, literal: Node
    init(_ t: Node, _ l: Node) { type = t; literal = l; super.init() }
    override func eval(_ t: Ctx) throws -> Value {
        let tv = try type.eval(t)
        guard case .type(let ty) = tv else {
            throw JuliaError.error("typed array literal needs a type, got \(t.runtime.typeOf(tv))")
        }
        let v = try literal.eval(t)
        return try t.runtime.convertArrayLiteral(v, to: ty)
    }
}

final class ComprehensionNode: Node {
    let spec: Comprehension
    let iterables: [Node], targets: [Assigner], filter: Node?, body: Node, fresh: [Int]

    init(_ c: Comprehension, _ iterables: [Node], _ targets: [Assigner], _ filter: Node?, _ body: Node, _ fresh: [Int]) {
        spec = c; self.iterables = iterables; self.targets = targets; self.filter = filter; self.body = body; self.fresh = fresh
        super.init()
    }

    override func eval(_ t: Ctx) throws -> Value {
        var out: [Value] = []
        if spec.nested {
            try nestedLoop(t, 0, &out)
            return .arr(t.runtime.collectedArray(out, dims: Dims(out.count)))
        }
        let sources = try iterables.map { try $0.eval(t) }
        let collections = try sources.map { try t.runtime.collectValues($0, t) }
        var shapes = try iterables.indices.map { i -> [Int] in [collections[i].count] }
        if iterables.count == 1 {
            shapes = [try t.runtime.iterationShape(sources[0], t) ?? [collections[0].count]]
        }
        let total = try JArray.elementCount(collections.map { $0.count })
        try requireValues(total)
        out.reserveCapacity(total)
        if total > 0 {
            var idx = [Int](repeating: 0, count: collections.count)
            outer: while true {
                for s in fresh { t.fp[s] = .obj(Box()) }
                for k in 0..<collections.count { try targets[k].assign(t, collections[k][idx[k]]) }
                if let f = filter {
                    if try truthy(try f.eval(t)) { out.append(try body.eval(t)) }
                } else {
                    out.append(try body.eval(t))
                }
                var k = 0
                while k < idx.count {
                    idx[k] += 1
                    if idx[k] < collections[k].count { continue outer }
                    idx[k] = 0
                    k += 1
                }
                break
            }
        }
        let dims = filter != nil ? [out.count] : collections.count == 1 ? shapes[0] : collections.map { $0.count }
        if out.isEmpty {
            let elementTypes = sources.map { Builtins.elementType(of: t.runtime.typeOf($0)) }
            return .arr(JArray(eltype: emptyEltype(elementTypes, t.runtime) ?? .any, dims: dims))
        }
        return .arr(t.runtime.collectedArray(out, dims: dims))
    }

    /// The element type Julia's inference gives an empty result, for bodies simple enough to
    /// see through here: a loop variable, a literal, arithmetic on those (`[x^2 for x in 1:0]`
    /// is an `Array{Int64,1}`).
    private func emptyEltype(_ elementTypes: [JType], _ rt: Runtime) -> JType? {
        func infer(_ e: IR) -> JType? {
            switch e {
            case .literal(let v): return rt.typeOf(v)
            case .local(let v):
                for (k, target) in spec.targets.enumerated() {
                    if case .local(let w) = target, w === v, k < elementTypes.count { return elementTypes[k] }
                }
                return nil
            case .op(let op, let args) where args.count == 2 || (op == .mul && args.count > 2):
                // `a * b * c` folds left, as two `*` would
                guard var a = infer(args[0]) else { return nil }
                for arg in args.dropFirst() {
                    guard let b = infer(arg) else { return nil }
                    let numbers: [JType] = [.int64, .float64, .bool]
                    guard numbers.contains(where: { $0 === a }), numbers.contains(where: { $0 === b }) else { return nil }
                    let float = a === JType.float64 || b === JType.float64
                    switch op {
                    case .add, .sub, .mul, .rem, .idiv: a = float ? .float64 : .int64
                    case .pow: a = a === JType.float64 ? .float64 : (b === JType.float64 ? .float64 : .int64)
                    case .div: a = .float64
                    default: return nil
                    }
                }
                return a
            default: return nil
            }
        }
        return infer(spec.body)
    }

    private func nestedLoop(_ t: Ctx, _ k: Int, _ out: inout [Value]) throws {
        let items = try t.runtime.collectValues(try iterables[k].eval(t), t)
        for x in items {
            if k == 0 { for s in fresh { t.fp[s] = .obj(Box()) } }
            try targets[k].assign(t, x)
            if k + 1 < iterables.count {
                try nestedLoop(t, k + 1, &out)
            } else if let f = filter {
                if try truthy(try f.eval(t)) { out.append(try body.eval(t)) }
            } else {
                out.append(try body.eval(t))
            }
        }
    }
}

final class TypeAssertNode: Node {
    let value: Node, type: Node
    init(_ v: Node, _ t: Node) { value = v; type = t; super.init() }
    override func eval(_ t: Ctx) throws -> Value {
        let v = try value.eval(t)
        let tv = try type.eval(t)
        guard case .type(let ty) = tv else { throw JuliaError.type("typeassert", "", expected: .typeType, got: tv) }
        guard t.runtime.isa(v, ty) else {
            throw JuliaError.type("typeassert", "", expected: ty, got: v)
        }
        return v
    }
}

/// `T{A, B}`: applies a parametric type (or a function to type parameters).
final class CurlyNode: Node {
    let type: Node, params: [Node], refs: NodeRefs
    /// The last application made of types and integers only, and the type it gave: what it
    /// was applied to, then per parameter its kind (0 a type, 1 an integer) and its bits.
    /// Types are interned and live as long as the program, so a type written in a loop
    /// (`Dict{String,Int}()`, `Vector{Float64}(undef, n)`) is found by comparing these, not
    /// by hashing its parameters into the table of instantiations each time.
    private var lastKey: [UInt] = []
    private var lastType: Unmanaged<JType>?

    init(_ t: Node, _ p: [Node]) { type = t; params = p; refs = NodeRefs(p); super.init() }
    deinit { refs.deallocate() }

    override func eval(_ t: Ctx) throws -> Value {
        let tv = try type.eval(t)
        let base = t.sp
        defer { t.popTo(base) }
        let n = refs.count
        for k in 0..<n { try t.push(try refs.eval(k, t)) }
        if case .type(let family) = tv, let known = lastType, lastKey.count == 2 * n + 1,
           lastKey.withUnsafeBufferPointer({ CurlyNode.matches($0, family, base, n) }) {
            return .type(known.takeUnretainedValue())
        }
        let r = try t.runtime.applyType(tv, Array(UnsafeBufferPointer(start: base, count: n)))
        if case .type(let family) = tv, case .type(let made) = r {
            var key = [UInt(bitPattern: ObjectIdentifier(family))]
            for k in 0..<n {
                switch base[k] {
                case .type(let p): key += [0, UInt(bitPattern: ObjectIdentifier(p))]
                case .int(let i): key += [1, UInt(bitPattern: Int(i))]
                default: return r
                }
            }
            lastKey = key
            lastType = Unmanaged.passUnretained(made)
        }
        return r
    }

    /// True when `family` and the `n` parameters at `base` are those of `key`.
    private static func matches(_ key: UnsafeBufferPointer<UInt>, _ family: JType, _ base: UnsafeMutablePointer<Value>,
                                _ n: Int) -> Bool {
        guard key[0] == UInt(bitPattern: ObjectIdentifier(family)) else { return false }
        for k in 0..<n {
            switch base[k] {
            case .type(let p): if key[1 + 2 * k] != 0 || key[2 + 2 * k] != UInt(bitPattern: ObjectIdentifier(p)) { return false }
            case .int(let i): if key[1 + 2 * k] != 1 || key[2 + 2 * k] != UInt(bitPattern: Int(i)) { return false }
            default: return false
            }
        }
        return true
    }
}

/// A string with interpolations: each piece printed as `print` would.
final class InterpolateNode: Node {
    let parts: [Node], refs: NodeRefs
    init(_ p: [Node]) { parts = p; refs = NodeRefs(p); super.init() }
    deinit { refs.deallocate() }
    override func eval(_ t: Ctx) throws -> Value {
        // the pieces on the value stack; when they are all strings and Ints, one string of
        // the right size is made from them, else they are printed one after the other
        let base = t.sp
        defer { t.popTo(base) }
        let n = refs.count
        var plain = true
        for k in 0..<n {
            let v = try refs.eval(k, t)
            switch v {
            case .str, .int: break
            default: plain = false
            }
            try t.push(v)
        }
        if plain, let s = StrBuild.concat(base, n) { return .str(JStr(s)) }
        var s = ""
        for k in 0..<n { try t.runtime.appendPrint(base[k], to: &s, t) }
        return .str(JStr(s))
    }
}
