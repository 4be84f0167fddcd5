/// Operators: integer and float fast paths inline, everything else through `Runtime.binary`.

/// Integer, float and Bool arithmetic and comparison, inline; nil for everything else.
@inline(__always) func fastBinary(_ op: Op, _ x: Value, _ y: Value) -> Value? {
    switch x {
    case .int(let i):
        switch y {
        case .int(let j): return fastInt(op, i, j)
        case .float(let q): return fastMixed(op, i, q)
        case .bool(let b): return fastInt(op, i, b ? 1 : 0)
        default: return nil
        }
    case .float(let p):
        switch y {
        case .float(let q): return fastFloat(op, p, q)
        case .int(let j): return fastMixed(op, p, j)
        default: return nil
        }
    case .bool(let b):
        if case .int(let j) = y { return fastInt(op, b ? 1 : 0, j) }
        if case .bool(let c) = y { return fastBool(op, b, c) }
        return nil
    case .char(let c):
        if case .char(let d) = y { return fastCompare(op, c, d) }
        return nil
    default:
        return nil
    }
}

/// `x === y` and `x !== y` (which no program can add methods to: `m !== nothing`), and
/// `x in s` for a `Set` or a dictionary's `keys` (an element type's own `==` does not take
/// part: the set hashes as `isequal`), before any method look-up.
@inline(__always) func identityOrMembership(_ op: Op, _ x: Value, _ y: Value) -> Value? {
    switch op {
    case .identical: return .bool(valuesIdentical(x, y))
    case .notIdentical: return .bool(!valuesIdentical(x, y))
    case .isIn, .notIn:
        guard case .obj(let o) = y else { return nil }
        let found: Bool
        if type(of: o) == JSet.self {
            found = unsafeDowncast(o, to: JSet.self).contains(x)
        } else if type(of: o) == JKeySet.self {
            found = unsafeDowncast(o, to: JKeySet.self).dict.get(x) != nil
        } else {
            return nil
        }
        return .bool(found == (op == .isIn))
    default: return nil
    }
}

/// `Bool op Bool` for comparisons and the bit operators (which keep `Bool`).
@inline(__always) func fastBool(_ op: Op, _ p: Bool, _ q: Bool) -> Value? {
    switch op {
    case .bitAnd: return .bool(p && q)
    case .bitOr: return .bool(p || q)
    case .bitXor: return .bool(p != q)
    case .eq: return .bool(p == q)
    case .ne: return .bool(p != q)
    default: return nil
    }
}

/// Comparisons of `Char`s (by code point, as Julia).
@inline(__always) func fastCompare(_ op: Op, _ c: UInt32, _ d: UInt32) -> Value? {
    switch op {
    case .eq: return .bool(c == d)
    case .ne: return .bool(c != d)
    case .lt: return .bool(c < d)
    case .le: return .bool(c <= d)
    case .gt: return .bool(c > d)
    case .ge: return .bool(c >= d)
    default: return nil
    }
}

@inline(__always) func fastInt(_ op: Op, _ i: Int64, _ j: Int64) -> Value? {
    switch op {
    case .add: return .int(i &+ j)
    case .sub: return .int(i &- j)
    case .mul: return .int(i &* j)
    case .lt: return .bool(i < j)
    case .le: return .bool(i <= j)
    case .gt: return .bool(i > j)
    case .ge: return .bool(i >= j)
    case .eq: return .bool(i == j)
    case .ne: return .bool(i != j)
    case .div: return .float(Double(i) / Double(j))
    // Julia's rem and div: the zero divisor (and typemin ÷ -1) take the slow path, which
    // raises DivideError; rem(typemin, -1) is 0
    case .rem: return j == 0 ? nil : .int(j == -1 ? 0 : i % j)
    case .idiv: return j == 0 || (j == -1 && i == Int64.min) ? nil : .int(i / j)
    case .bitAnd: return .int(i & j)
    case .bitOr: return .int(i | j)
    case .bitXor: return .int(i ^ j)
    case .shl: return .int(Shift.left(i, j))
    case .shr: return .int(Shift.right(i, j))
    default: return nil
    }
}

/// Int comparisons as a `Bool` (nil for other operators).
@inline(__always) func fastIntCompare(_ op: Op, _ i: Int64, _ j: Int64) -> Bool? {
    switch op {
    case .lt: return i < j
    case .le: return i <= j
    case .gt: return i > j
    case .ge: return i >= j
    case .eq: return i == j
    case .ne: return i != j
    default: return nil
    }
}

/// Float comparisons as a `Bool` (nil for other operators).
@inline(__always) func fastFloatCompare(_ op: Op, _ p: Double, _ q: Double) -> Bool? {
    switch op {
    case .lt: return p < q
    case .le: return p <= q
    case .gt: return p > q
    case .ge: return p >= q
    case .eq: return p == q
    case .ne: return p != q
    default: return nil
    }
}

/// An `Int` and a `Float64`: arithmetic on the `Int` converted, as Julia promotes; a
/// comparison only when the `Int` converts exactly (|i| ≤ 2⁵³), the others compared exactly
/// by `Runtime.binary` (`2^53 + 1 == 2.0^53` is false).
@inline(__always) func fastMixed(_ op: Op, _ i: Int64, _ q: Double) -> Value? {
    if i.magnitude > 1 << 53 && op.comparesNumbers { return nil }
    return fastFloat(op, Double(i), q)
}

@inline(__always) func fastMixed(_ op: Op, _ p: Double, _ j: Int64) -> Value? {
    if j.magnitude > 1 << 53 && op.comparesNumbers { return nil }
    return fastFloat(op, p, Double(j))
}

extension Op {
    /// `<`, `<=`, `>`, `>=`, `==`, `!=`.
    var comparesNumbers: Bool {
        switch self {
        case .lt, .le, .gt, .ge, .eq, .ne: return true
        default: return false
        }
    }
}

@inline(__always) func fastFloat(_ op: Op, _ p: Double, _ q: Double) -> Value? {
    switch op {
    case .add: return .float(p + q)
    case .sub: return .float(p - q)
    case .mul: return .float(p * q)
    case .div: return .float(p / q)
    case .rem: return .float(p.truncatingRemainder(dividingBy: q))
    case .lt: return .bool(p < q)
    case .le: return .bool(p <= q)
    case .gt: return .bool(p > q)
    case .ge: return .bool(p >= q)
    case .eq: return .bool(p == q)
    case .ne: return .bool(p != q)
    default: return nil
    }
}

@inline(__always) func conditionOf(_ v: Value, _ t: Ctx) throws -> Bool {
    if case .bool(let b) = v { return b }
    throw JuliaError.type("if", "", expected: .bool, got: v)
}

/// An operator node's memory of the method the program added to the operator that it called
/// last (`a + b` on two `Vec2`s, `s * v`): the operands' type keys and the function's
/// `methodsVersion` then. While they match, the method is called with no dispatch; the
/// function's `methods` keep it alive while the version holds. A class, so that no access to
/// the node's property lasts through the call (which may run the same node again).
final class OperatorMethodCache {
    var k0 = TypeKey(kind: 0, id: 0), k1 = TypeKey(kind: 0, id: 0)
    var version = -1
    var method: Unmanaged<Method>?

    /// `x op y` by a method of the program's, when one of the operands is an object (a
    /// struct: `Runtime.binary` tries the program's methods first for those too); nil when
    /// none applies, for `Runtime.binary`'s built-in meanings.
    @inline(__always) func call(_ op: Op, _ x: Value, _ y: Value, _ t: Ctx) throws -> Value? {
        switch (x, y) {
        case (.obj, _), (_, .obj): break
        default: return nil
        }
        guard let fu = t.runtime.operatorRef(op) else { return nil }
        return try fu._withUnsafeGuaranteedRef { f in
            guard !f.methods.isEmpty else { return nil }
            let base = t.sp
            defer { t.popTo(base) }
            try t.push(x)
            try t.push(y)
            let keys = TypeKey.of(at: base).flatMap { a in TypeKey.of(at: base + 1).map { (a, $0) } }
            if let (a, b) = keys, let m = method, version == f.methodsVersion, a == k0, b == k1 {
                return try m._withUnsafeGuaranteedRef { try t.invoke(f, $0, base, 2, t.noKw) }
            }
            guard let m = t.select(f, base, 2) else { return nil }
            if let (a, b) = keys {
                k0 = a; k1 = b
                version = f.methodsVersion
                method = Unmanaged.passUnretained(m)
            }
            return try t.invoke(f, m, base, 2, t.noKw)
        }
    }
}

final class BinaryOpNode: Node {
    let op: Op, a: Operand, b: Operand
    let methodCache = OperatorMethodCache()
    /// For `h[i] < h[j]` (or `>`): both operands' arrays and indices, read in place.
    let elements: ElementOperands?
    init(_ op: Op, _ a: Node, _ b: Node) {
        self.op = op; self.a = Operand(a); self.b = Operand(b)
        elements = op == .lt || op == .gt ? ElementOperands(a, b) : nil
        super.init(unwinds: a.unwinds || b.unwinds)
    }

    // Each operand is read once (an `Operand` read inlined in several branches made the
    // method too large for the compiler to inline them all); the numeric cases come first.
    override func eval(_ t: Ctx) throws -> Value {
        let x = try a.eval(t)
        let y = try b.eval(t)
        if case .float(let p) = x {
            if case .float(let q) = y, let r = fastFloat(op, p, q) { return r }
            if case .int(let j) = y, let r = fastMixed(op, p, j) { return r }
        } else if case .int(let i) = x {
            if case .int(let j) = y {
                // the commonest in line: the compiler calls `fastInt` here, out of line
                switch op {
                case .add: return .int(i &+ j)
                case .sub: return .int(i &- j)
                case .mul: return .int(i &* j)
                case .eq: return .bool(i == j)
                default: if let r = fastInt(op, i, j) { return r }
                }
            }
            if case .float(let q) = y, let r = fastMixed(op, i, q) { return r }
        } else if case .char(let c) = x, case .char(let d) = y, let r = fastCompare(op, c, d) {
            return r
        }
        return try slow(x, y, t)
    }

    @inline(never) private func slow(_ x: Value, _ y: Value, _ t: Ctx) throws -> Value {
        if let r = fastBinary(op, x, y) { return r }
        if let r = identityOrMembership(op, x, y) { return r }
        // `"a" => 1`, unless the program added methods to `=>`
        if op == .pair, t.operatorIsBuiltin(.pair) { return t.runtime.makePair(x, y) }
        // `a < b` on tuples (a heap of `(distance, node)`), unless the program added methods to `<`
        if op == .lt || op == .gt, case .tuple(let p) = x, case .tuple(let q) = y, t.operatorIsBuiltin(.lt) {
            return .bool(op == .lt ? try t.runtime.isLess(p, q, t) : try t.runtime.isLess(q, p, t))
        }
        if let r = try methodCache.call(op, x, y, t) { return r }
        return try t.runtime.binary(op, x, y, t)
    }

    override func evalCondition(_ t: Ctx) throws -> Bool {
        if let e = elements, let r = try e.tuplesLess(t, swapped: op == .gt) { return r }
        let x = try a.eval(t)
        let y = try b.eval(t)
        if case .int(let i) = x {
            if case .int(let j) = y, let c = fastIntCompare(op, i, j) { return c }
        } else if case .float(let p) = x, case .float(let q) = y, let c = fastFloatCompare(op, p, q) {
            return c
        }
        return try conditionOf(try slow(x, y, t), t)
    }
}

/// `"user=" => ""`: a pair of two immutable literals (the pattern of a `replace` in a loop),
/// made once and shared (a `Pair` of them is immutable too), unless the program has added
/// methods to `=>`.
final class ConstPairNode: Node {
    let pair: Value
    let general: BinaryOpNode
    init(_ pair: Value, _ general: BinaryOpNode) { self.pair = pair; self.general = general; super.init() }
    override func eval(_ t: Ctx) throws -> Value {
        if t.operatorIsBuiltin(.pair) { return pair }
        return try general.eval(t)
    }
}

/// Two elements of arrays in unboxed locals, at indices read from locals (`h[l]` and
/// `h[smallest]` in a heap's inner loop).
struct ElementOperands {
    let slotA: Int, i: LocalIndex, slotB: Int, j: LocalIndex

    init?(_ a: Node, _ b: Node) {
        guard let x = a as? Index1Node, let y = b as? Index1Node, x.slot >= 0, y.slot >= 0,
              x.index.slot >= 0, y.index.slot >= 0 else { return nil }
        slotA = x.slot; i = x.index.local; slotB = y.slot; j = y.index.local
    }

    /// `a[i] < b[j]` (`b[j] < a[i]` when `swapped`) when both elements are tuples and `<` has
    /// only its built-in methods, compared where they lie (no tuple retained); nil otherwise.
    @inline(__always) func tuplesLess(_ t: Ctx, swapped: Bool) throws -> Bool? {
        guard let x = i.int(t), let y = j.int(t), let p = element(t, slotA, x), let q = element(t, slotB, y),
              Value.tag(at: p) == Value.tupleTag, Value.tag(at: q) == Value.tupleTag,
              t.operatorIsBuiltin(.lt) else { return nil }
        return try Value.unretainedTuple(at: p)._withUnsafeGuaranteedRef { u in
            try Value.unretainedTuple(at: q)._withUnsafeGuaranteedRef { v in
                try t.runtimeRef._withUnsafeGuaranteedRef { rt in swapped ? try rt.isLess(v, u, t) : try rt.isLess(u, v, t) }
            }
        }
    }

    /// Where element `k` of the array in `slot` lies, when the slot holds an array that keeps
    /// `Value`s and `k` is in bounds.
    @inline(__always) private func element(_ t: Ctx, _ slot: Int, _ k: Int64) -> UnsafeMutablePointer<Value>? {
        guard Value.tag(at: t.fp + slot) == Value.arrayTag else { return nil }
        return Value.unretainedArray(at: t.fp + slot)._withUnsafeGuaranteedRef { a in
            let o = a.offset(k)
            return o >= 0 && a.kind == .any ? a.values + o : nil
        }
    }
}

/// `x op y` with both operands unboxed locals (`x * x`, `a + b`, `i < n`).
final class SlotSlotOpNode: Node {
    let op: Op, a: Int, aName: JSym, b: Int, bName: JSym
    let methodCache = OperatorMethodCache()
    init(_ op: Op, _ a: Int, _ aName: JSym, _ b: Int, _ bName: JSym) {
        self.op = op; self.a = a; self.aName = aName; self.b = b; self.bName = bName
        super.init()
    }

    override func eval(_ t: Ctx) throws -> Value {
        let p = t.fp + a, q = t.fp + b
        if case .float(let x) = p.pointee {
            if case .float(let y) = q.pointee, let r = fastFloat(op, x, y) { return r }
        } else if case .int(let i) = p.pointee {
            if case .int(let j) = q.pointee, let r = fastInt(op, i, j) { return r }
        }
        return try slow(t)
    }

    @inline(never) private func slow(_ t: Ctx) throws -> Value {
        // `a * b` on strings, unless the program added methods to `*`: read where they are
        let p = t.fp + a, q = t.fp + b
        if op == .mul, Value.tag(at: p) == Value.stringTag, Value.tag(at: q) == Value.stringTag, t.operatorIsBuiltin(.mul) {
            return .str(StrBuild.concat(at: p, q))
        }
        let x = p.pointee, y = q.pointee
        if let r = fastBinary(op, x, y) { return r }
        if case .undef = x { throw JuliaError.undefVar(aName) }
        if case .undef = y { throw JuliaError.undefVar(bName) }
        if let r = identityOrMembership(op, x, y) { return r }
        if let r = try methodCache.call(op, x, y, t) { return r }
        return try t.runtime.binary(op, x, y, t)
    }

    override func evalCondition(_ t: Ctx) throws -> Bool {
        if case .int(let i) = t.fp[a], case .int(let j) = t.fp[b], let c = fastIntCompare(op, i, j) { return c }
        if case .float(let p) = t.fp[a], case .float(let q) = t.fp[b], let c = fastFloatCompare(op, p, q) { return c }
        return try conditionOf(try slow(t), t)
    }
}

/// `x = x op e` (and `x op= e`) for an unboxed local, with an optional constant declared type.
final class UpdateLocalNode: Node {
    let slot: Int, name: JSym, op: Op, rhs: Operand
    unowned(unsafe) let type: JType?
    let tag: TypeTag
    let methodCache = OperatorMethodCache()
    init(slot: Int, name: JSym, op: Op, rhs: Node, type: JType?) {
        self.slot = slot; self.name = name; self.op = op; self.rhs = Operand(rhs); self.type = type
        tag = type?.tag ?? .any
        super.init(unwinds: rhs.unwinds)
    }

    override func eval(_ t: Ctx) throws -> Value { try run(t) }
    override func exec(_ t: Ctx) throws { _ = try run(t) }

    /// Numbers are matched in place: the slot holds an `Int` or a `Float64`, so it is
    /// overwritten without releasing anything.
    @inline(__always) private func run(_ t: Ctx) throws -> Value {
        let y = try rhs.eval(t)
        if unwinds && t.unwind != .none { return .nothing }
        let p = t.fp + slot
        // `+=` first: the compiler keeps `fastInt`/`fastFloat` out of line (a call and an
        // optional result per update)
        if case .float(let a) = p.pointee, tag != .int64 {
            if op == .add, case .float(let q) = y {
                p.initialize(to: .float(a + q))
                return .float(a + q)
            }
            var r: Value?
            if case .float(let q) = y { r = fastFloat(op, a, q) } else if case .int(let j) = y { r = fastMixed(op, a, j) }
            if let r = r, case .float = r {
                p.initialize(to: r)
                return r
            }
        } else if case .int(let i) = p.pointee, tag != .float64 {
            if op == .add, case .int(let j) = y {
                p.initialize(to: .int(i &+ j))
                return .int(i &+ j)
            }
            var r: Value?
            if case .int(let j) = y { r = fastInt(op, i, j) } else if case .bool(let c) = y { r = fastInt(op, i, c ? 1 : 0) }
            if let r = r, case .int = r {
                p.initialize(to: r)
                return r
            }
        }
        return try general(t, y)
    }

    @inline(never) private func general(_ t: Ctx, _ y: Value) throws -> Value {
        let x = t.fp[slot]
        var r: Value
        if let f = fastBinary(op, x, y) {
            r = f
        } else {
            if case .undef = x { throw JuliaError.undefVar(name) }
            r = try methodCache.call(op, x, y, t) ?? t.runtime.binary(op, x, y, t)
        }
        switch (tag, r) {
        case (.any, _), (.int64, .int), (.float64, .float): break
        case (.float64, .int(let i)): r = .float(Double(i))
        default: if let ty = type { r = try t.runtime.convert(ty, r) }
        }
        t.fp[slot] = r
        return r
    }
}

/// `x op c` with `x` a local slot and `c` an integer constant (`n - 1`, `i < n`, `k + 1`).
final class SlotConstOpNode: Node {
    let op: Op, slot: Int, name: JSym, c: Int64, constOnLeft: Bool
    init(_ op: Op, slot: Int, name: JSym, constant: Int64, constOnLeft: Bool) {
        self.op = op; self.slot = slot; self.name = name; c = constant; self.constOnLeft = constOnLeft
        super.init()
    }

    override func eval(_ t: Ctx) throws -> Value {
        if case .int(let i) = t.fp[slot] {
            // `i + 1`, `n - 1`, `3n`, `n % 2` and `n ÷ 2` without the out-of-line `fastInt` (a
            // positive divisor raises no error)
            if op == .add { return .int(i &+ c) }
            if op == .sub && !constOnLeft { return .int(i &- c) }
            switch op {
            case .mul: return .int(i &* c)
            case .rem where !constOnLeft && c > 0: return .int(i % c)
            case .idiv where !constOnLeft && c > 0: return .int(i / c)
            default: break
            }
            let (l, r) = constOnLeft ? (c, i) : (i, c)
            if let v = fastInt(op, l, r) { return v }
        }
        return try slow(t)
    }

    @inline(never) private func slow(_ t: Ctx) throws -> Value {
        let x = t.fp[slot]
        if case .undef = x { throw JuliaError.undefVar(name) }
        if case .float(let p) = x, let r = constOnLeft ? fastMixed(op, c, p) : fastMixed(op, p, c) { return r }
        return constOnLeft ? try t.runtime.binary(op, .int(c), x, t) : try t.runtime.binary(op, x, .int(c), t)
    }

    override func evalCondition(_ t: Ctx) throws -> Bool {
        if case .int(let i) = t.fp[slot], let r = constOnLeft ? fastIntCompare(op, c, i) : fastIntCompare(op, i, c) { return r }
        return try conditionOf(try eval(t), t)
    }
}

/// `c == 'x'` (any comparison) where `c` is a local slot and `'x'` a literal character.
final class SlotCharConstNode: Node {
    let op: Op, slot: Int, name: JSym, c: UInt32
    init(_ op: Op, slot: Int, name: JSym, constant: UInt32) {
        self.op = op; self.slot = slot; self.name = name; c = constant
        super.init()
    }

    override func eval(_ t: Ctx) throws -> Value {
        if case .char(let d) = t.fp[slot], let r = fastCompare(op, d, c) { return r }
        return try slow(t)
    }

    @inline(never) private func slow(_ t: Ctx) throws -> Value {
        let x = t.fp[slot]
        if case .undef = x { throw JuliaError.undefVar(name) }
        if let r = fastBinary(op, x, .char(c)) { return r }
        return try t.runtime.binary(op, x, .char(c), t)
    }

    override func evalCondition(_ t: Ctx) throws -> Bool {
        if case .char(let d) = t.fp[slot], let r = fastCompare(op, d, c), case .bool(let b) = r { return b }
        return try conditionOf(try eval(t), t)
    }
}

final class UnaryOpNode: Node {
    let op: Op, a: Node
    init(_ op: Op, _ a: Node) { self.op = op; self.a = a; super.init(unwinds: a.unwinds) }
    override func eval(_ t: Ctx) throws -> Value {
        let x = try a.eval(t)
        return try t.runtime.unary(op, x, t)
    }
}

/// Operators with other arities (`a:s:b`).
final class OpNode: Node {
    let op: Op, args: [Node], refs: NodeRefs
    /// For `*`: bit k set when operand k is a call `string(x)`, which gives its `Int`
    /// argument itself for the concatenation to write in place (see `evalStringPiece`).
    let stringPieces: UInt64
    init(_ op: Op, _ args: [Node]) {
        self.op = op; self.args = args; refs = NodeRefs(args)
        var pieces: UInt64 = 0
        if op == .mul && args.count <= 64 {
            for (k, a) in args.enumerated() {
                if let c = a as? GlobalCall1Node, c.callsString { pieces |= 1 << UInt64(k) }
            }
        }
        stringPieces = pieces
        super.init(unwinds: args.contains { $0.unwinds })
    }

    /// True when a run of `*` has a piece of text among its operands (a string or character
    /// literal, an interpolation, a `string(x)` call): it is kept as one operation, which
    /// joins strings into one new string.
    static func buildsText(_ args: [Node]) -> Bool {
        args.contains { a in
            if let l = a as? LiteralNode {
                switch l.value {
                case .str, .char: return true
                default: return false
                }
            }
            return a is InterpolateNode || ((a as? GlobalCall1Node)?.callsString ?? false)
        }
    }

    /// True when `a * b` should be an `OpNode` (a `string(x)` operand to build in place).
    static func buildsString(_ op: Op, _ args: [Node]) -> Bool {
        op == .mul && args.contains { ($0 as? GlobalCall1Node)?.callsString ?? false }
    }
    deinit { refs.deallocate() }

    override func eval(_ t: Ctx) throws -> Value {
        let base = t.sp
        defer { t.popTo(base) }
        let n = refs.count
        // numbers folded as they come (`dx * m * mag`), with no operand put on the stack:
        // folding numbers has no effect, so this is as if every operand came first
        if op != .colon && stringPieces == 0 {
            var acc = try refs.eval(0, t)
            if unwinds && t.unwind != .none { return .nothing }
            var next = 1
            while next < n, OpNode.isNumber(acc) {
                let y = try refs.eval(next, t)
                if unwinds && t.unwind != .none { return .nothing }
                next += 1
                guard let r = fastBinary(op, acc, y) else {
                    // the rest the general way, `acc` standing for the operands before `y`
                    try t.push(acc)
                    try t.push(y)
                    return try general(t, base, next, pushed: 2)
                }
                acc = r
            }
            if next == n { return acc }
            try t.push(acc)
            return try general(t, base, next, pushed: 1)
        }
        return try general(t, base, 0, pushed: 0)
    }

    @inline(__always) private static func isNumber(_ v: Value) -> Bool {
        switch v {
        case .int, .float: return true
        default: return false
        }
    }

    /// The operands from `first` on pushed after the `pushed` values at `base` (which stand
    /// for the operands before `first`), then the operation on them all: on the value stack,
    /// not in an array, all evaluated before the first operation, as Julia calls `*(a, b, c)`
    /// with all three.
    private func general(_ t: Ctx, _ base: UnsafeMutablePointer<Value>, _ first: Int, pushed: Int) throws -> Value {
        let n = refs.count
        var allStrings = true
        for k in 0..<pushed { if case .str = base[k] {} else { allStrings = false } }
        // the stack positions of `string(k)` pieces given as Ints
        var inPlace: UInt64 = 0
        for k in first..<n {
            if stringPieces & (1 << UInt64(k)) != 0 {
                let v = try refs.base[k]._withUnsafeGuaranteedRef {
                    try unsafeDowncast($0, to: GlobalCall1Node.self).evalStringPiece(t)
                }
                switch v {
                case .str: break
                case .int: inPlace |= 1 << UInt64(pushed + k - first)
                default: allStrings = false
                }
                try t.push(v)
                continue
            }
            let v = try refs.eval(k, t)
            if case .str = v {} else { allStrings = false }
            try t.push(v)
        }
        if unwinds && t.unwind != .none { return .nothing }
        let m = pushed + n - first
        if op == .colon && m == 3 { return try t.runtime.makeRange(base[0], base[1], base[2]) }
        // `a * b * c…` on strings: one new string, not one per `*` (unless the program added
        // methods to `*`)
        if op == .mul && allStrings, t.operatorIsBuiltin(.mul), let s = StrBuild.concat(base, m) {
            return .str(JStr(s))
        }
        // the `string(k)` pieces left as Ints become the strings they stand for
        if inPlace != 0 {
            for k in 0..<m where inPlace & (1 << UInt64(k)) != 0 {
                if case .int(let i) = base[k] { base[k] = .str(JStr(StrBuild.decimal(i))) }
            }
        }
        var acc = base[0]
        for k in 1..<m {
            if let r = fastBinary(op, acc, base[k]) { acc = r } else { acc = try t.runtime.binary(op, acc, base[k], t) }
        }
        return acc
    }
}

/// `f.(args)` and dotted operators.
final class BroadcastNode: Node {
    let f: Node, args: [Node]
    init(_ f: Node, _ args: [Node]) { self.f = f; self.args = args; super.init(unwinds: args.contains { $0.unwinds }) }
    override func eval(_ t: Ctx) throws -> Value {
        let fv = try f.eval(t)
        var vs: [Value] = []
        vs.reserveCapacity(args.count)
        for a in args { vs.append(try a.eval(t)) }
        return try t.runtime.broadcast(fv, vs, t)
    }
}

/// `x .= v` into an existing array.
final class DotAssignNode: Node {
    let target: Node, value: Node
    init(_ target: Node, _ value: Node) { self.target = target; self.value = value; super.init() }
    override func eval(_ t: Ctx) throws -> Value {
        let dest = try target.eval(t)
        let v = try value.eval(t)
        try t.runtime.broadcastAssign(dest, nil, v, t)
        return dest
    }
}

/// `a[i, j] .= v`: assigns into the selected elements.
final class DotAssignIndexNode: Node {
    let object: Node, indices: [Node], endSlot: Int?, value: Node
    init(_ o: Node, _ i: [Node], endSlot: Int?, _ v: Node) {
        object = o; indices = i; self.endSlot = endSlot; value = v
        super.init()
    }
    override func eval(_ t: Ctx) throws -> Value {
        let o = try object.eval(t)
        if let s = endSlot { t.fp[s] = o }
        let idx = try indices.map { try $0.eval(t) }
        let v = try value.eval(t)
        try t.runtime.broadcastAssign(o, idx, v, t)
        return v
    }
}
