/// Assignment targets, compiled: a local slot, a box, a captured cell, a global, an element,
/// a field, or a tuple to destructure.
class Assigner {
    func assign(_ t: Ctx, _ v: Value) throws {}
}

final class LocalAssigner: Assigner {
    let slot: Int
    init(_ slot: Int) { self.slot = slot }
    override func assign(_ t: Ctx, _ v: Value) throws { t.fp[slot] = v }
}

/// A local with a declared type (`c::Int`): the value is converted on every assignment.
final class TypedLocalAssigner: Assigner {
    let slot: Int, boxed: Bool, type: Node
    init(_ slot: Int, boxed: Bool, type: Node) { self.slot = slot; self.boxed = boxed; self.type = type }
    override func assign(_ t: Ctx, _ v: Value) throws {
        let tv = try type.eval(t)
        guard case .type(let ty) = tv else { throw JuliaError.type("typeassert", "", expected: .typeType, got: tv) }
        let c: Value
        switch (ty.tag, v) {
        case (.int64, .int), (.float64, .float): c = v
        default: c = try t.runtime.convert(ty, v)
        }
        if boxed { try BoxedAssigner.box(t, slot).value = c } else { t.fp[slot] = c }
    }
}

/// A local declared with a constant type (`c::Int`).
final class ConstTypedLocalAssigner: Assigner {
    let slot: Int, boxed: Bool
    unowned(unsafe) let type: JType
    let tag: TypeTag
    init(_ slot: Int, boxed: Bool, type: JType) { self.slot = slot; self.boxed = boxed; self.type = type; tag = type.tag }
    override func assign(_ t: Ctx, _ v: Value) throws {
        let c: Value
        switch (tag, v) {
        case (.int64, .int), (.float64, .float): c = v
        case (.int64, .bool(let b)): c = .int(b ? 1 : 0)
        case (.float64, .int(let i)): c = .float(Double(i))
        default: c = try t.runtime.convert(type, v)
        }
        if boxed { try BoxedAssigner.box(t, slot).value = c } else { t.fp[slot] = c }
    }
}

final class BoxedAssigner: Assigner {
    let slot: Int
    init(_ slot: Int) { self.slot = slot }
    static func box(_ t: Ctx, _ slot: Int) throws -> Box {
        if case .obj(let o) = t.fp[slot], let b = o as? Box { return b }
        let b = Box()
        t.fp[slot] = .obj(b)
        return b
    }
    override func assign(_ t: Ctx, _ v: Value) throws { try BoxedAssigner.box(t, slot).value = v }
}

final class CapturedAssigner: Assigner {
    let index: Int
    init(_ i: Int) { index = i }
    override func assign(_ t: Ctx, _ v: Value) throws {
        let i = index
        let done: Bool = t.closure?._withUnsafeGuaranteedRef { f in
            guard i < f.env.count else { return false }
            f.env[i].value = v
            return true
        } ?? false
        if !done { throw JuliaError.error("closure has no captured variable \(index)") }
    }
}

final class GlobalAssigner: Assigner {
    let ref: GlobalRef
    unowned(unsafe) let rt: Runtime
    init(_ ref: GlobalRef, _ rt: Runtime) { self.ref = ref; self.rt = rt }
    override func assign(_ t: Ctx, _ v: Value) throws {
        let b = try rt.assignableBinding(ref)
        if b.isConst, !b.value.isUndef {
            if valuesIdentical(b.value, v) { return }
            if case .type = b.value { throw JuliaError.error("invalid redefinition of constant \(ref.name.name)") }
            if rt.typeOf(b.value) !== rt.typeOf(v) { throw JuliaError.error("invalid redefinition of constant \(ref.name.name)") }
            rt.output.writeError("WARNING: redefinition of constant \(ref.name.name). This may fail, cause incorrect answers, or produce other errors.\n")
        }
        b.value = v
    }
}

final class IndexAssigner: Assigner {
    let object: Node, indices: [Node], endSlot: Int?
    init(_ o: Node, _ i: [Node], endSlot: Int?) { object = o; indices = i; self.endSlot = endSlot }
    override func assign(_ t: Ctx, _ v: Value) throws {
        let o = try object.eval(t)
        if let s = endSlot { t.fp[s] = o }
        var idx: [Value] = []
        idx.reserveCapacity(indices.count)
        for i in indices { idx.append(try i.eval(t)) }
        try t.runtime.setIndex(o, v, idx, t)
    }
}

final class TupleAssigner: Assigner {
    let items: [Assigner]
    init(_ items: [Assigner]) { self.items = items }
    override func assign(_ t: Ctx, _ v: Value) throws {
        switch v {
        case .tuple(let tp):
            guard tp.count >= items.count else { throw JuliaError.bounds(v, [.int(Int64(tp.count + 1))]) }
            for (i, a) in items.enumerated() { try a.assign(t, tp.base[i]) }
        case .arr(let arr):
            guard arr.count >= items.count else { throw JuliaError.bounds(v, [.int(Int64(arr.count + 1))]) }
            for (i, a) in items.enumerated() { try a.assign(t, arr.get(i)) }
        case .obj(let o) where items.count <= 2 && type(of: o) == JStruct.self
                               && unsafeDowncast(o, to: JStruct.self).type.family === JType.pairFamily:
            // `(k, v) = p` for a Pair (each entry of `for (k, v) in d`): its two fields, as
            // iterating it would give them, with no iterator made
            let pair = unsafeDowncast(o, to: JStruct.self)
            for (i, a) in items.enumerated() { try a.assign(t, pair[i]) }
        default:
            let iter = try t.runtime.makeIterator(v, t)
            for (i, a) in items.enumerated() {
                guard let x = try iter.next(t) else { throw JuliaError.bounds(v, [.int(Int64(i + 1))]) }
                try a.assign(t, x)
            }
        }
    }
}

/// `a, b = x, y` with as many values as targets and no splat: the values go on the value
/// stack and are assigned in order, with no tuple made unless the statement's value is used.
final class MultiAssignNode: Node {
    let targets: [Assigner], values: [Node]
    let targetRefs: Refs<Assigner>, valueRefs: NodeRefs
    init(_ targets: [Assigner], _ values: [Node]) {
        self.targets = targets; self.values = values
        targetRefs = Refs(targets); valueRefs = NodeRefs(values)
        super.init(unwinds: values.contains { $0.unwinds })
    }
    deinit { targetRefs.deallocate(); valueRefs.deallocate() }

    override func exec(_ t: Ctx) throws {
        let base = t.sp
        defer { t.popTo(base) }
        try run(t, base)
    }

    override func eval(_ t: Ctx) throws -> Value {
        let base = t.sp
        defer { t.popTo(base) }
        try run(t, base)
        if unwinds && t.unwind != .none { return .nothing }
        return .tuple(JTuple.of(Array(UnsafeBufferPointer(start: base, count: valueRefs.count))))
    }

    @inline(__always) private func run(_ t: Ctx, _ base: UnsafeMutablePointer<Value>) throws {
        let n = valueRefs.count
        for k in 0..<n { try t.push(try valueRefs.eval(k, t)) }
        if unwinds && t.unwind != .none { return }
        for k in 0..<n { try targetRefs.assign(k, t, base[k]) }
    }
}

/// `a[i], a[j] = a[j], a[i]` with `a` an unboxed local and the indices locals (plus or
/// minus a constant or another local): the two elements' bytes are exchanged where they lie.
/// Each came from the array, so neither needs converting, and no reference is counted.
/// Anything else (an index out of bounds, a dictionary, a non-`Int` index) runs the general
/// statement, which also gives the statement's value when it is used.
final class SwapNode: Node {
    let general: MultiAssignNode
    let slot: Int, i: LocalIndex, j: LocalIndex

    init?(_ m: MultiAssignNode) {
        guard m.targets.count == 2, let t0 = m.targets[0] as? Index1Assigner, let t1 = m.targets[1] as? Index1Assigner,
              let v0 = m.values[0] as? Index1Node, let v1 = m.values[1] as? Index1Node,
              t0.slot >= 0, t1.slot == t0.slot, v0.slot == t0.slot, v1.slot == t0.slot,
              t0.index.sameLocals(v1.index), t1.index.sameLocals(v0.index) else { return nil }
        general = m; slot = t0.slot; i = t0.index.local; j = t1.index.local
        super.init()
    }

    override func exec(_ t: Ctx) throws {
        if let x = i.int(t), let y = j.int(t), Value.tag(at: t.fp + slot) == Value.arrayTag {
            let done = Value.unretainedArray(at: t.fp + slot)._withUnsafeGuaranteedRef { a -> Bool in
                let p = a.offset(x), q = a.offset(y)
                guard p >= 0 && q >= 0 else { return false }
                let w = a.kind.stride
                let u = a.data + p * w, v = a.data + q * w
                withUnsafeTemporaryAllocation(byteCount: w, alignment: 16) { tmp in
                    let s = tmp.baseAddress!
                    s.copyMemory(from: u, byteCount: w)
                    u.copyMemory(from: v, byteCount: w)
                    v.copyMemory(from: s, byteCount: w)
                }
                return true
            }
            if done { return }
        }
        try general.exec(t)
    }

    override func eval(_ t: Ctx) throws -> Value { try general.eval(t) }
}

final class DiscardAssigner: Assigner {
    override func assign(_ t: Ctx, _ v: Value) throws {}
}
