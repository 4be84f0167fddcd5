/// Indexing with Int indices on arrays of any element kind and dimension, without allocation:
/// `a[i]`, `a[i, j]`, `a[i, j, k]` and `a[i₁, …, iₙ]`, read and written.
///
/// The nodes evaluate the indices into locals (one to three) or onto the value stack (more),
/// compute the element's position from `dims` with Julia's rules, and load or store by the
/// array's element kind; anything else (ranges, `:`, masks, dictionaries, user `getindex`,
/// conversions, out-of-bounds) goes to `Runtime.getIndex`/`setIndex` with the values already
/// evaluated, which also raises the errors. When the indexed object is an unboxed local, the
/// node reads the slot in place after the indices instead of copying the reference out first
/// (Julia too evaluates a variable used as the object when the call happens): no reference
/// counting of the array per access.

/// An index expression, read without a virtual call when it is an unboxed local, or a local
/// plus or minus a constant or another local (`i`, `t + 1`, `i + di`): the forms loops index
/// with. Anything else, or a local that does not hold an Int, evaluates the node (reading
/// locals twice is harmless: it has no effect).
struct IntOperand {
    let node: Node
    /// How to read the index in place, when the node is a local or such a sum.
    let local: LocalIndex
    /// The local read in place, or -1.
    @inline(__always) var slot: Int { local.slot }

    init(_ n: Node) {
        node = n
        var s = -1, s2 = -1, neg = false, c: Int64 = 0
        if let l = n as? LocalNode {
            s = l.slot
        } else if let p = n as? ParamNode {
            s = p.slot
        } else if let o = n as? SlotConstOpNode {
            if o.op == .add { s = o.slot; c = o.c } else if o.op == .sub && !o.constOnLeft { s = o.slot; c = 0 &- o.c }
        } else if let o = n as? SlotSlotOpNode {
            if o.op == .add || o.op == .sub { s = o.a; s2 = o.b; neg = o.op == .sub }
        }
        local = LocalIndex(slot: s, slot2: s2, negate: neg, add: c)
    }

    /// Whether both operands read the same locals with the same constant (so give the same
    /// index when neither is assigned in between); false unless both read locals.
    func sameLocals(_ o: IntOperand) -> Bool { local.slot >= 0 && local == o.local }

    /// The index as an `Int` when it is read in place and the locals hold `Int`s.
    @inline(__always) func int(_ t: Ctx) -> Int64? { local.int(t) }

    @inline(__always) func eval(_ t: Ctx) throws -> Value {
        if let i = local.int(t) { return .int(i) }
        return try node.eval(t)
    }
}

/// An index read from locals: `slot`, plus `add`, plus or minus (`negate`) `slot2` when that
/// is not -1. Plain data (no node), so that a node may copy it freely.
struct LocalIndex: Equatable {
    /// The local read in place, or -1.
    let slot: Int
    /// A second local added (or subtracted, with `negate`), or -1.
    let slot2: Int
    let negate: Bool
    /// A constant added.
    let add: Int64

    /// The index as an `Int` when it is read in place and the locals hold `Int`s, with no
    /// `Value` made (whose end the compiler would leave to the outlined consume of `Value`).
    @inline(__always) func int(_ t: Ctx) -> Int64? {
        if slot >= 0, case .int(let i) = t.fp[slot] {
            if slot2 < 0 { return i &+ add }
            if case .int(let j) = t.fp[slot2] { return negate ? i &- j : i &+ j }
        }
        return nil
    }
}

/// `a[i, j]` or `a[i, j, k]` where the array is an unboxed local and each index a local plus
/// a constant (`q[i, j, t+1]`, the form stencil loops use): the element's position with one
/// check per index and no `Value` made, or nil for anything else (the node's general path).
struct LocalElement {
    /// Whether the array and every index are read this way.
    let simple: Bool
    let array: Int, s0: Int, s1: Int, s2: Int
    let c0: Int64, c1: Int64, c2: Int64

    init(array: Int, _ i: IntOperand, _ j: IntOperand, _ k: IntOperand? = nil) {
        let parts = [i, j] + (k.map { [$0] } ?? [])
        simple = array >= 0 && parts.allSatisfy { $0.local.slot >= 0 && $0.local.slot2 < 0 }
        self.array = array
        s0 = i.local.slot; s1 = j.local.slot; s2 = k?.local.slot ?? -1
        c0 = i.local.add; c1 = j.local.add; c2 = k?.local.add ?? 0
    }

    /// The matrix in its slot and the position of `a[i, j]` in it.
    @inline(__always) func locate2(_ fp: UnsafeMutablePointer<Value>) -> (Unmanaged<JArray>, Int)? {
        guard simple, case .int(let i) = fp[s0], case .int(let j) = fp[s1], Value.tag(at: fp + array) == Value.arrayTag else { return nil }
        let u = Value.unretainedArray(at: fp + array)
        let p = u._withUnsafeGuaranteedRef { $0.matrixOffset(i &+ c0, j &+ c1) ?? -1 }
        return p >= 0 ? (u, p) : nil
    }

    /// The three-dimensional array in its slot and the position of `a[i, j, k]` in it.
    @inline(__always) func locate3(_ fp: UnsafeMutablePointer<Value>) -> (Unmanaged<JArray>, Int)? {
        guard simple, case .int(let i) = fp[s0], case .int(let j) = fp[s1], case .int(let k) = fp[s2],
              Value.tag(at: fp + array) == Value.arrayTag else { return nil }
        let u = Value.unretainedArray(at: fp + array)
        let p = u._withUnsafeGuaranteedRef { $0.cubeOffset(i &+ c0, j &+ c1, k &+ c2) }
        return p >= 0 ? (u, p) : nil
    }

    // store2 and store3 repeat locate2's and locate3's checks on purpose: written as a
    // locate plus a closure around `storeExact`, the compiler called the closure out of line
    // and passed its answer through memory (measured: 113 instructions per `q[i, j, k] = x`
    // against 81).

    /// Stores `v` as `a[i, j] = v` when it needs no conversion; false for anything else.
    @inline(__always) func store2(_ fp: UnsafeMutablePointer<Value>, _ v: Value) -> Bool {
        guard simple, case .int(let i) = fp[s0], case .int(let j) = fp[s1], Value.tag(at: fp + array) == Value.arrayTag else { return false }
        return Value.unretainedArray(at: fp + array)._withUnsafeGuaranteedRef { a in
            let p = a.matrixOffset(i &+ c0, j &+ c1) ?? -1
            return p >= 0 && a.storeExact(p, v)
        }
    }

    /// Stores `v` as `a[i, j, k] = v` when it needs no conversion; false for anything else.
    @inline(__always) func store3(_ fp: UnsafeMutablePointer<Value>, _ v: Value) -> Bool {
        guard simple, case .int(let i) = fp[s0], case .int(let j) = fp[s1], case .int(let k) = fp[s2],
              Value.tag(at: fp + array) == Value.arrayTag else { return false }
        return Value.unretainedArray(at: fp + array)._withUnsafeGuaranteedRef { a in
            let p = a.cubeOffset(i &+ c0, j &+ c1, k &+ c2)
            return p >= 0 && a.storeExact(p, v)
        }
    }
}

/// The dictionary `o` is, if it is one: `d[k]` and `d[k] = v` go to it directly instead of
/// through `Runtime.getIndex`/`setIndex` and an array of one index (which would do the same).
@inline(__always) func dictionary(_ o: Value) -> JDict? {
    if case .obj(let x) = o, type(of: x) == JDict.self { return unsafeDowncast(x, to: JDict.self) }
    return nil
}

/// `d[k]` on a dictionary.
@inline(__always) func dictionaryGet(_ d: JDict, _ k: Value) throws -> Value {
    if let v = d.get(k) { return v }
    throw JuliaError.key(k)
}

/// `a[i]`.
final class Index1Node: Node {
    let object: Node, index: IntOperand
    /// The object's slot when it is an unboxed local (read in place), or -1.
    let slot: Int
    /// The slot `end` reads the object from, or -1 (then `slot` is -1 too).
    let endSlot: Int
    init(_ o: Node, slot: Int, end: Int, _ i: Node) {
        object = o; self.slot = slot; endSlot = end; index = IntOperand(i)
        super.init(unwinds: o.unwinds || i.unwinds)
    }

    // As `Index3Node.eval`: the fast path alone in line.
    override func eval(_ t: Ctx) throws -> Value {
        if slot >= 0, let k = index.int(t), case .arr(let a) = t.fp[slot] {
            let p = a.offset(k)
            if p >= 0 { return a.element(p) }
        }
        return try evalSlow(t)
    }

    @inline(never) private func evalSlow(_ t: Ctx) throws -> Value {
        if slot >= 0 {
            let i = try index.eval(t)
            if case .int(let k) = i, case .arr(let a) = t.fp[slot] {
                let p = a.offset(k)
                if p >= 0 { return a.get(p) }
            }
            if case .int(let k) = i, Value.tag(at: t.fp + slot) == Value.stringTag {
                // a string local read where it is (no count for the copy)
                let o = t.fp + slot
                return try Value.unretainedString(at: o)._withUnsafeGuaranteedRef { s in
                    try Runtime.character(of: s.value, at: k, o)
                }
            }
            let o = try object.eval(t)
            if let d = dictionary(o) { return try dictionaryGet(d, i) }
            return try t.runtime.getIndex(o, [i], t)
        }
        let o = try object.eval(t)
        if endSlot >= 0 { t.fp[endSlot] = o }
        let i = try index.eval(t)
        if case .arr(let a) = o, case .int(let k) = i {
            let p = a.offset(k)
            if p >= 0 { return a.get(p) }
        }
        if case .str(let s) = o, case .int(let k) = i { return try Runtime.character(of: s.value, at: k, o) }
        if let d = dictionary(o) { return try dictionaryGet(d, i) }
        return try t.runtime.getIndex(o, [i], t)
    }
}

/// `a[i:j]`: the bounds read without making the range when `:` is Base's (a string's slice
/// then copies the bytes straight from the string); anything else indexes by the range.
final class IndexRangeNode: Node {
    let object: Node, low: Operand, high: Operand
    /// The slot `end` reads the object from, or -1.
    let endSlot: Int
    init(_ o: Node, end: Int, _ range: BinaryOpNode) {
        object = o; endSlot = end; low = range.a; high = range.b
        super.init(unwinds: o.unwinds || range.unwinds)
    }

    override func eval(_ t: Ctx) throws -> Value {
        let o = try object.eval(t)
        if endSlot >= 0 { t.fp[endSlot] = o }
        let x = try low.eval(t), y = try high.eval(t)
        if case .str(let s) = o, case .int(let i) = x, case .int(let j) = y, t.operatorIsBuiltin(.colon) {
            return try Runtime.substring(s, i, j, o)
        }
        let r = try t.runtime.binary(.colon, x, y, t)
        if let d = dictionary(o) { return try dictionaryGet(d, r) }
        return try t.runtime.getIndex(o, [r], t)
    }
}

/// `a[i, j]`.
final class Index2Node: Node {
    let object: Node, i0: IntOperand, i1: IntOperand
    let slot: Int, endSlot: Int
    init(_ o: Node, slot: Int, end: Int, _ i0: Node, _ i1: Node) {
        object = o; self.slot = slot; endSlot = end; self.i0 = IntOperand(i0); self.i1 = IntOperand(i1)
        local = LocalElement(array: slot, self.i0, self.i1)
        super.init(unwinds: o.unwinds || i0.unwinds || i1.unwinds)
    }
    let local: LocalElement

    // As `Index3Node.eval`.
    override func eval(_ t: Ctx) throws -> Value {
        if let (a, p) = local.locate2(t.fp) { return a._withUnsafeGuaranteedRef { $0.element(p) } }
        return try evalSlow(t)
    }

    @inline(never) private func evalSlow(_ t: Ctx) throws -> Value {
        if slot >= 0 {
            let x = try i0.eval(t), y = try i1.eval(t)
            if case .int(let i) = x, case .int(let j) = y, case .arr(let a) = t.fp[slot] {
                let p = a.offset(i, j)
                if p >= 0 { return a.get(p) }
            }
            return try t.runtime.getIndex(try object.eval(t), [x, y], t)
        }
        let o = try object.eval(t)
        if endSlot >= 0 { t.fp[endSlot] = o }
        let x = try i0.eval(t), y = try i1.eval(t)
        if case .arr(let a) = o, case .int(let i) = x, case .int(let j) = y {
            let p = a.offset(i, j)
            if p >= 0 { return a.get(p) }
        }
        return try t.runtime.getIndex(o, [x, y], t)
    }
}

/// `a[i, j, k]`.
final class Index3Node: Node {
    let object: Node, i0: IntOperand, i1: IntOperand, i2: IntOperand
    let slot: Int, endSlot: Int
    init(_ o: Node, slot: Int, end: Int, _ i0: Node, _ i1: Node, _ i2: Node) {
        object = o; self.slot = slot; endSlot = end; self.i0 = IntOperand(i0); self.i1 = IntOperand(i1); self.i2 = IntOperand(i2)
        local = LocalElement(array: slot, self.i0, self.i1, self.i2)
        super.init(unwinds: o.unwinds || i0.unwinds || i1.unwinds || i2.unwinds)
    }
    let local: LocalElement

    // The fast path alone here, the rest out of line: with it in line the frame grew large
    // enough for spills and a stack check on every read.
    override func eval(_ t: Ctx) throws -> Value {
        if let (a, p) = local.locate3(t.fp) { return a._withUnsafeGuaranteedRef { $0.element(p) } }
        return try evalSlow(t)
    }

    @inline(never) private func evalSlow(_ t: Ctx) throws -> Value {
        if slot >= 0 {
            let x = try i0.eval(t), y = try i1.eval(t), z = try i2.eval(t)
            if case .int(let i) = x, case .int(let j) = y, case .int(let k) = z, case .arr(let a) = t.fp[slot] {
                let p = a.offset(i, j, k)
                if p >= 0 { return a.get(p) }
            }
            return try t.runtime.getIndex(try object.eval(t), [x, y, z], t)
        }
        let o = try object.eval(t)
        if endSlot >= 0 { t.fp[endSlot] = o }
        let x = try i0.eval(t), y = try i1.eval(t), z = try i2.eval(t)
        if case .arr(let a) = o, case .int(let i) = x, case .int(let j) = y, case .int(let k) = z {
            let p = a.offset(i, j, k)
            if p >= 0 { return a.get(p) }
        }
        return try t.runtime.getIndex(o, [x, y, z], t)
    }
}

/// `a[i₁, …, iₙ]` for any other number of indices: the indices go on the value stack.
final class IndexNNode: Node {
    let object: Node, indices: [Node], refs: NodeRefs
    let slot: Int, endSlot: Int
    init(_ o: Node, slot: Int, end: Int, _ idx: [Node]) {
        object = o; self.slot = slot; endSlot = end; indices = idx; refs = NodeRefs(idx)
        super.init(unwinds: o.unwinds || idx.contains { $0.unwinds })
    }
    deinit { refs.deallocate() }

    override func eval(_ t: Ctx) throws -> Value {
        let base = t.sp
        defer { t.popTo(base) }
        var o: Value = .nothing
        if slot < 0 {
            o = try object.eval(t)
            if endSlot >= 0 { t.fp[endSlot] = o }
        }
        let n = refs.count
        for k in 0..<n { try t.push(try refs.eval(k, t)) }
        if slot >= 0 {
            if case .arr(let a) = t.fp[slot] {
                let p = a.offset(base, n)
                if p >= 0 { return a.get(p) }
            }
            o = try object.eval(t)
        } else if case .arr(let a) = o {
            let p = a.offset(base, n)
            if p >= 0 { return a.get(p) }
        }
        return try t.runtime.getIndex(o, Array(UnsafeBufferPointer(start: base, count: n)), t)
    }
}

// MARK: Assignment

/// `a[i] = v`.
final class Index1Assigner: Assigner {
    let object: Node, index: IntOperand
    let slot: Int, endSlot: Int
    /// The slot of the index when it is a local or parameter read as it is, or -1.
    let keySlot: Int
    init(_ o: Node, slot: Int, end: Int, _ i: Node) {
        object = o; self.slot = slot; endSlot = end; index = IntOperand(i)
        keySlot = (i as? LocalNode)?.slot ?? (i as? ParamNode)?.slot ?? -1
    }

    @inline(__always) override func assign(_ t: Ctx, _ v: Value) throws {
        // the array read where it is, not copied out of its slot (which retains and releases
        // it); a store that needs a conversion, or anything else, goes the slow way
        if slot >= 0, let k = index.int(t), Value.tag(at: t.fp + slot) == Value.arrayTag {
            let stored = Value.unretainedArray(at: t.fp + slot)._withUnsafeGuaranteedRef { a in
                let p = a.offset(k)
                return p >= 0 && a.storeExact(p, v)
            }
            if stored { return }
        }
        try assignSlow(t, v)
    }

    @inline(never) func assignSlow(_ t: Ctx, _ v: Value) throws {
        // `d[w] = v` with a dictionary and a string key in locals: both read where they are
        // (no reference counted), and a key already there is found and stored in one look-up
        if slot >= 0 && keySlot >= 0, Value.tag(at: t.fp + keySlot) == Value.stringTag, let d = peekDict(t.fp + slot) {
            return try d._withUnsafeGuaranteedRef { try $0.set(at: t.fp + keySlot, v, t.runtime) }
        }
        if slot >= 0 {
            let i = try index.eval(t)
            if case .int(let k) = i, case .arr(let a) = t.fp[slot] {
                let p = a.offset(k)
                if p >= 0 {
                    if a.storeExact(p, v) { return }
                    return try t.runtime.storeElement(a, p, v)
                }
            }
            // a dictionary in the slot, used where it is (neither it nor the runtime retained)
            if let d = peekDict(t.fp + slot) {
                return try d._withUnsafeGuaranteedRef { d in try t.runtimeRef._withUnsafeGuaranteedRef { try d.set(i, v, $0) } }
            }
            let o = try object.eval(t)
            if let d = dictionary(o) { return try d.set(i, v, t.runtime) }
            return try t.runtime.setIndex(o, v, [i], t)
        }
        let o = try object.eval(t)
        if endSlot >= 0 { t.fp[endSlot] = o }
        let i = try index.eval(t)
        if case .arr(let a) = o, case .int(let k) = i {
            let p = a.offset(k)
            if p >= 0 {
                if a.storeExact(p, v) { return }
                return try t.runtime.storeElement(a, p, v)
            }
        }
        if let d = dictionary(o) { return try d.set(i, v, t.runtime) }
        try t.runtime.setIndex(o, v, [i], t)
    }
}

/// A `Float64`, `Int` or `Bool` written into an array's memory as its bits, at an address
/// the caller found for that element kind (`Index1StoreNode`, `PushNode`).
enum NumberBits {
    /// The element kind an array must have to take `v` as it is, and the log₂ of its
    /// stride; `.any` for every other value.
    @inline(__always) static func kind(of v: Value) -> (ElementKind, Int) {
        switch v {
        case .float: return (.float64, 3)
        case .int: return (.int64, 3)
        case .bool: return (.bool, 0)
        default: return (.any, 0)
        }
    }

    /// Writes `v`'s bits at `e` (nothing for other values).
    @inline(__always) static func store(_ v: Value, at e: UnsafeMutableRawPointer) {
        switch v {
        case .float(let x): e.storeBytes(of: x, as: Double.self)
        case .int(let n): e.storeBytes(of: n, as: Int64.self)
        case .bool(let b): e.storeBytes(of: b, as: Bool.self)
        default: break
        }
    }
}

/// `a[i] = v` where `a` is an unboxed local and `i` is read from locals: a `Float64`, an
/// `Int` or a `Bool` stored from here into an array of that element type, with no call (`AssignNode`
/// reaches its `Index1Assigner` through a closure the compiler leaves out of line, and
/// releases `v` through another). Anything else (other element types, a conversion, a
/// dictionary, an index out of bounds) goes through the general node's assigner.
final class Index1StoreNode: Node {
    let general: AssignNode
    /// `general`'s target.
    let assigner: Index1Assigner
    let value: Operand
    let slot: Int, index: LocalIndex

    init?(_ g: AssignNode) {
        guard let a = g.target as? Index1Assigner, a.slot >= 0, a.index.slot >= 0 else { return nil }
        general = g; assigner = a; value = g.value; slot = a.slot; index = a.index.local
        super.init(unwinds: g.unwinds)
    }

    override func exec(_ t: Ctx) throws {
        let v = try value.eval(t)
        if value.unwinds && t.unwind != .none { return }
        // written out here: as a helper method, the compiler called it out of line; and the
        // closure returns only the element's address (one returning whether it stored was
        // called out of line, its answer passed through memory)
        let (want, shift) = NumberBits.kind(of: v)
        if want != .any, let k = index.int(t), Value.tag(at: t.fp + slot) == Value.arrayTag {
            let element = Value.unretainedArray(at: t.fp + slot)._withUnsafeGuaranteedRef { a -> UnsafeMutableRawPointer? in
                let p = a.offset(k)
                return p >= 0 && a.kind == want ? a.data + (p << shift) : nil
            }
            if let e = element {
                NumberBits.store(v, at: e)
                return
            }
        }
        // (not the assigner's `assign`, whose fast path would look again)
        try assigner.assignSlow(t, v)
    }

    override func eval(_ t: Ctx) throws -> Value { try general.eval(t) }
}

/// `d[k] = get(d, k, z) op y`, the counting idiom (`counts[w] = get(counts, w, 0) + 1`), when
/// `d` holds a `Dict`, `get` is Base's, and the key needs no converting: the key is hashed
/// and looked for once, and the new value stored where the old one was (or appended).
/// Anything else runs the statement as written.
final class DictUpdateNode: Node {
    let general: AssignNode
    let dictSlot: Int, keySlot: Int, op: Op
    /// `z` and `y`: literals or locals (reading them cannot change the dictionary).
    let absent: Node, operand: Node
    let getRef: GlobalRef
    /// The runtime, held with no count taken (an `unowned(unsafe)` reference was still
    /// retained and released around each call it was passed to).
    let runtime: Unmanaged<Runtime>
    @inline(__always) private var rt: Runtime { runtime.takeUnretainedValue() }
    var cache = GlobalFunctionCache()
    /// Base's `get` (functions of Base live as long as the process).
    let baseGet: Unmanaged<JFunction>

    init(_ general: AssignNode, dict: Int, key: Int, op: Op, absent: Node, operand: Node, get: GlobalRef, baseGet: JFunction, _ rt: Runtime) {
        self.general = general; dictSlot = dict; keySlot = key; self.op = op
        self.absent = absent; self.operand = operand; getRef = get
        self.baseGet = Unmanaged.passUnretained(baseGet)
        runtime = Unmanaged.passUnretained(rt)
        super.init()
    }

    override func exec(_ t: Ctx) throws {
        if let d = peekDict(t.fp + dictSlot), isBaseGet(), try d._withUnsafeGuaranteedRef({ try update($0, t) }) { return }
        try general.exec(t)
    }

    override func eval(_ t: Ctx) throws -> Value { try general.eval(t) }

    /// Whether `get` still names Base's built-in `get` (no methods added, no other binding).
    @inline(__always) private func isBaseGet() -> Bool {
        if cache.binding == nil { _ = try? cache.lookup(getRef, rt) }
        guard let (f, _) = cache.currentBuiltin() else { return false }
        return f.toOpaque() == baseGet.toOpaque()
    }

    @inline(__always) private func update(_ d: JDict, _ t: Ctx) throws -> Bool {
        let k = t.fp + keySlot
        if case .undef = k.pointee { return false }
        guard let (i, h) = d.find(at: k) else { return false }
        let shape = d.shape
        let x = i >= 0 ? d.value(i) : try absent.eval(t)
        let y = try operand.eval(t)
        let r: Value
        // a count (`get(d, k, 0) + 1`) in line; `fastBinary` is called out of line
        if op == .add, case .int(let a) = x, case .int(let b) = y {
            r = .int(a &+ b)
        } else {
            r = try fastBinary(op, x, y) ?? rt.binary(op, x, y, t)
        }
        try runtime._withUnsafeGuaranteedRef { try d.finishUpdate(at: k, i, h, r, shape: shape, $0) }
        return true
    }
}

/// `a[i, j] = v`.
final class Index2Assigner: Assigner {
    let object: Node, i0: IntOperand, i1: IntOperand
    let slot: Int, endSlot: Int
    let local: LocalElement
    init(_ o: Node, slot: Int, end: Int, _ i0: Node, _ i1: Node) {
        object = o; self.slot = slot; endSlot = end; self.i0 = IntOperand(i0); self.i1 = IntOperand(i1)
        local = LocalElement(array: slot, self.i0, self.i1)
    }

    // As `Index3Assigner.assign`.
    override func assign(_ t: Ctx, _ v: Value) throws {
        if local.store2(t.fp, v) { return }
        try assignSlow(t, v)
    }

    @inline(never) private func assignSlow(_ t: Ctx, _ v: Value) throws {
        if slot >= 0 {
            let x = try i0.eval(t), y = try i1.eval(t)
            if case .int(let i) = x, case .int(let j) = y, case .arr(let a) = t.fp[slot] {
                let p = a.offset(i, j)
                if p >= 0 {
                    if a.storeExact(p, v) { return }
                    return try t.runtime.storeElement(a, p, v)
                }
            }
            return try t.runtime.setIndex(try object.eval(t), v, [x, y], t)
        }
        let o = try object.eval(t)
        if endSlot >= 0 { t.fp[endSlot] = o }
        let x = try i0.eval(t), y = try i1.eval(t)
        if case .arr(let a) = o, case .int(let i) = x, case .int(let j) = y {
            let p = a.offset(i, j)
            if p >= 0 {
                if a.storeExact(p, v) { return }
                return try t.runtime.storeElement(a, p, v)
            }
        }
        try t.runtime.setIndex(o, v, [x, y], t)
    }
}

/// `a[i, j, k] = v`.
final class Index3Assigner: Assigner {
    let object: Node, i0: IntOperand, i1: IntOperand, i2: IntOperand
    let slot: Int, endSlot: Int
    let local: LocalElement
    init(_ o: Node, slot: Int, end: Int, _ i0: Node, _ i1: Node, _ i2: Node) {
        object = o; self.slot = slot; endSlot = end; self.i0 = IntOperand(i0); self.i1 = IntOperand(i1); self.i2 = IntOperand(i2)
        local = LocalElement(array: slot, self.i0, self.i1, self.i2)
    }

    // As `Index3Node.eval`: the store that needs nothing more in line, the rest out of line.
    override func assign(_ t: Ctx, _ v: Value) throws {
        if local.store3(t.fp, v) { return }
        try assignSlow(t, v)
    }

    @inline(never) private func assignSlow(_ t: Ctx, _ v: Value) throws {
        if slot >= 0 {
            let x = try i0.eval(t), y = try i1.eval(t), z = try i2.eval(t)
            if case .int(let i) = x, case .int(let j) = y, case .int(let k) = z, case .arr(let a) = t.fp[slot] {
                let p = a.offset(i, j, k)
                if p >= 0 {
                    if a.storeExact(p, v) { return }
                    return try t.runtime.storeElement(a, p, v)
                }
            }
            return try t.runtime.setIndex(try object.eval(t), v, [x, y, z], t)
        }
        let o = try object.eval(t)
        if endSlot >= 0 { t.fp[endSlot] = o }
        let x = try i0.eval(t), y = try i1.eval(t), z = try i2.eval(t)
        if case .arr(let a) = o, case .int(let i) = x, case .int(let j) = y, case .int(let k) = z {
            let p = a.offset(i, j, k)
            if p >= 0 {
                if a.storeExact(p, v) { return }
                return try t.runtime.storeElement(a, p, v)
            }
        }
        try t.runtime.setIndex(o, v, [x, y, z], t)
    }
}

/// `a[i₁, …, iₙ] = v` for any other number of indices.
final class IndexNAssigner: Assigner {
    let object: Node, indices: [Node], refs: NodeRefs
    let slot: Int, endSlot: Int
    init(_ o: Node, slot: Int, end: Int, _ idx: [Node]) { object = o; self.slot = slot; endSlot = end; indices = idx; refs = NodeRefs(idx) }
    deinit { refs.deallocate() }

    override func assign(_ t: Ctx, _ v: Value) throws {
        let base = t.sp
        defer { t.popTo(base) }
        var o: Value = .nothing
        if slot < 0 {
            o = try object.eval(t)
            if endSlot >= 0 { t.fp[endSlot] = o }
        }
        let n = refs.count
        for k in 0..<n { try t.push(try refs.eval(k, t)) }
        if slot >= 0 {
            if case .arr(let a) = t.fp[slot] {
                let p = a.offset(base, n)
                if p >= 0 {
                    if a.storeExact(p, v) { return }
                    return try t.runtime.storeElement(a, p, v)
                }
            }
            o = try object.eval(t)
        } else if case .arr(let a) = o {
            let p = a.offset(base, n)
            if p >= 0 {
                if a.storeExact(p, v) { return }
                return try t.runtime.storeElement(a, p, v)
            }
        }
        try t.runtime.setIndex(o, v, Array(UnsafeBufferPointer(start: base, count: n)), t)
    }
}
