import Foundation

/// Arithmetic and comparison with Julia's semantics: `Int` wraps, `/` gives `Float64`,
/// `÷` and `%` truncate, `Bool` promotes to `Int`, and arrays work elementwise (or as
/// matrices for `*`, `\` and `^`).
enum Num {
    case i(Int64)
    case f(Double)
}

@inline(__always) func numeric(_ v: Value) -> Num? {
    switch v {
    case .int(let i): return .i(i)
    case .float(let f): return .f(f)
    case .bool(let b): return .i(b ? 1 : 0)
    default: return nil
    }
}

extension Runtime {
    /// The generic function of an operator (where user methods live).
    func operatorFunction(_ op: Op) -> JFunction? {
        let i = Int(op.rawValue)
        return i < operatorFunctions.count ? operatorFunctions[i] : nil
    }

    /// `x op y`.
    public func binary(_ op: Op, _ x: Value, _ y: Value, _ t: Ctx) throws -> Value {
        // `a * b` on strings, unless the program added methods to `*`
        if op == .mul, case .str(let p) = x, case .str(let q) = y, operatorIsBuiltin(.mul) {
            return .str(StrBuild.concat(p, q))
        }
        if let f = operatorFunction(op), !f.methods.isEmpty {
            let base = t.sp
            defer { t.popTo(base) }
            try t.push(x)
            try t.push(y)
            if let m = t.select(f, base, 2) { return try t.invoke(f, m, base, 2, []) }
        }
        if let a = numeric(x), let b = numeric(y) {
            if case .bool(let p) = x, case .bool(let q) = y {
                switch op {
                case .bitAnd: return .bool(p && q)
                case .bitOr: return .bool(p || q)
                case .bitXor: return .bool(p != q)
                default: break
                }
            }
            return try numericBinary(op, a, b, x, y)
        }
        if Runtime.isComplex(x) || Runtime.isComplex(y), let r = try complexBinary(op, x, y, t) { return r }
        switch op {
        case .eq: return .bool(try isEqual(x, y, t))
        case .ne: return .bool(!(try isEqual(x, y, t)))
        case .identical: return .bool(valuesIdentical(x, y))
        case .notIdentical: return .bool(!valuesIdentical(x, y))
        case .lt: return .bool(try isLess(x, y, t))
        case .gt: return .bool(try isLess(y, x, t))
        case .le: return .bool(!(try isLess(y, x, t)))
        case .ge: return .bool(!(try isLess(x, y, t)))
        case .approx: return .bool(try isApprox(x, y, t))
        case .isIn: return .bool(try contains(y, x, t))
        case .notIn: return .bool(!(try contains(y, x, t)))
        case .isa:
            guard case .type(let ty) = y else { throw JuliaError.type("isa", "", expected: .typeType, got: y) }
            return .bool(isa(x, ty))
        case .subtype:
            guard case .type(let a) = x, case .type(let b) = y else { throw JuliaError.method("<:", [x, y]) }
            return .bool(a.isSubtype(of: b))
        case .supertype:
            guard case .type(let a) = x, case .type(let b) = y else { throw JuliaError.method(">:", [x, y]) }
            return .bool(b.isSubtype(of: a))
        case .pair:
            return makePair(x, y)
        case .colon:
            return try makeRange(x, y)
        case .compose:
            return composeFunctions(x, y)
        default: break
        }
        switch (x, y) {
        case (.char(let c), .int(let i)):
            if op == .add, let s = Unicode.Scalar(UInt32(truncatingIfNeeded: Int64(c) &+ i)) { return .char(s.value) }
            if op == .sub, let s = Unicode.Scalar(UInt32(truncatingIfNeeded: Int64(c) &- i)) { return .char(s.value) }
        case (.int(let i), .char(let c)):
            if op == .add, let s = Unicode.Scalar(UInt32(truncatingIfNeeded: Int64(c) &+ i)) { return .char(s.value) }
        case (.char(let a), .char(let b)):
            if op == .sub { return .int(Int64(a) - Int64(b)) }
        case (.str(let a), .str(let b)):
            if op == .mul { return .str(StrBuild.concat(a, b)) }
        case (.str(let a), .char(let c)):
            if op == .mul { var s = a.value; s.unicodeScalars.append(Unicode.Scalar(c) ?? "?"); return .str(JStr(s)) }
        case (.char(let c), .str(let b)):
            if op == .mul { var s = ""; s.unicodeScalars.append(Unicode.Scalar(c) ?? "?"); return .str(JStr(s + b.value)) }
        case (.char(let a), .char(let b)):
            if op == .mul {
                var s = ""
                s.unicodeScalars.append(Unicode.Scalar(a) ?? "?")
                s.unicodeScalars.append(Unicode.Scalar(b) ?? "?")
                return .str(JStr(s))
            }
        case (.str(let a), .int(let n)):
            if op == .pow {
                return .str(JStr(try repeated(a.value, Int(n))))
            }
        default: break
        }
        if isArrayLike(x) || isArrayLike(y) {
            return try arrayBinary(op, x, y, t)
        }
        throw JuliaError.method(.fn(try operatorFunctionValue(op)), [x, y])
    }

    func operatorFunctionValue(_ op: Op) throws -> JFunction {
        if let f = operatorFunction(op) { return f }
        return JFunction(name: op.functionName, module: [JSym.intern("Base")])
    }

    func numericBinary(_ op: Op, _ a: Num, _ b: Num, _ x: Value, _ y: Value) throws -> Value {
        switch (a, b) {
        case (.i(let i), .i(let j)):
            switch op {
            case .add: return .int(i &+ j)
            case .sub: return .int(i &- j)
            case .mul: return .int(i &* j)
            case .div: return .float(Double(i) / Double(j))
            case .ldiv: return .float(Double(j) / Double(i))
            case .rem:
                if j == 0 { throw JuliaError.divide }
                if j == -1 { return .int(0) }
                return .int(i % j)
            case .idiv:
                if j == 0 || (i == Int64.min && j == -1) { throw JuliaError.divide }
                return .int(i / j)
            case .pow: return .int(try intPower(i, j))
            case .eq: return .bool(i == j)
            case .ne: return .bool(i != j)
            case .lt: return .bool(i < j)
            case .le: return .bool(i <= j)
            case .gt: return .bool(i > j)
            case .ge: return .bool(i >= j)
            case .identical: return .bool(valuesIdentical(x, y))
            case .notIdentical: return .bool(!valuesIdentical(x, y))
            case .approx: return .bool(i == j)
            case .bitAnd: return .int(i & j)
            case .bitOr: return .int(i | j)
            case .bitXor: return .int(i ^ j)
            case .shl: return .int(Shift.left(i, j))
            case .shr: return .int(Shift.right(i, j))
            case .lshr: return .int(Shift.logicalRight(i, j))
            case .colon: return .range(JRange(start: i, stop: j))
            case .pair: return makePair(x, y)
            case .isIn, .notIn, .isa, .subtype, .supertype, .compose, .rational, .neg, .plus, .not, .bitNot, .adjoint:
                break
            }
        default:
            let p: Double, q: Double
            switch a { case .i(let i): p = Double(i); case .f(let f): p = f }
            switch b { case .i(let i): q = Double(i); case .f(let f): q = f }
            switch op {
            case .add: return .float(p + q)
            case .sub: return .float(p - q)
            case .mul: return .float(p * q)
            case .div: return .float(p / q)
            case .ldiv: return .float(q / p)
            case .rem: return .float(p.truncatingRemainder(dividingBy: q))
            case .idiv: return .float((p / q).rounded(.towardZero))
            case .pow:
                if case .f(let base) = a, case .i(let e) = b { return .float(floatPower(base, e)) }
                if p < 0 && q != q.rounded() {
                    throw JuliaError.domain(x, "Exponentiation yielding a complex result requires a complex argument.\nReplace x^y with (x+0im)^y, Complex(x)^y, or similar.")
                }
                return .float(Foundation.pow(p, q))
            case .eq: return .bool(numEqual(a, b))
            case .ne: return .bool(!numEqual(a, b))
            case .lt: return .bool(numLess(a, b))
            case .le: return .bool(numLess(a, b) || numEqual(a, b))
            case .gt: return .bool(numLess(b, a))
            case .ge: return .bool(numLess(b, a) || numEqual(a, b))
            case .identical: return .bool(valuesIdentical(x, y))
            case .notIdentical: return .bool(!valuesIdentical(x, y))
            case .approx: return .bool(approxEqual(p, q))
            case .colon: return try makeRange(x, y)
            case .pair: return makePair(x, y)
            default: break
            }
        }
        throw JuliaError.method(.fn(try operatorFunctionValue(op)), [x, y])
    }

    func numEqual(_ a: Num, _ b: Num) -> Bool {
        switch (a, b) {
        case (.i(let i), .i(let j)): return i == j
        case (.f(let p), .f(let q)): return p == q
        case (.i(let i), .f(let f)), (.f(let f), .i(let i)):
            // exact: f is a whole number in Int's range, and that number is i
            guard f == f.rounded(), f >= -9.223372036854775808e18, f < 9.223372036854775808e18 else { return false }
            return Int64(f) == i
        }
    }

    /// `<` as Julia's: exact between an `Int` and a `Float64` (the `Int` is not rounded).
    func numLess(_ a: Num, _ b: Num) -> Bool {
        let two63 = 9.223372036854775808e18
        switch (a, b) {
        case (.i(let i), .i(let j)): return i < j
        case (.f(let p), .f(let q)): return p < q
        case (.i(let i), .f(let f)):
            if f.isNaN { return false }
            if i.magnitude <= 1 << 53 { return Double(i) < f }
            if f >= two63 { return true }
            if f < -two63 { return false }
            // i < f exactly when i < ⌈f⌉, which is an Int here
            return i < Int64(f.rounded(.up))
        case (.f(let f), .i(let i)):
            if f.isNaN { return false }
            if i.magnitude <= 1 << 53 { return f < Double(i) }
            if f >= two63 { return false }
            if f < -two63 { return true }
            // f < i exactly when ⌊f⌋ < i
            return Int64(f.rounded(.down)) < i
        }
    }

    /// Julia's `isapprox(p, q; atol, rtol)`: the relative tolerance defaults to √eps, or to
    /// 0 when an absolute one is given.
    func approxEqual(_ p: Double, _ q: Double, atol: Double = 0, rtol: Double? = nil) -> Bool {
        if p == q { return true }
        if !p.isFinite || !q.isFinite { return false }
        let r = rtol ?? (atol > 0 ? 0 : 1.4901161193847656e-8)
        return abs(p - q) <= max(atol, r * max(abs(p), abs(q)))
    }

    /// `x^n` for integers, wrapping like Julia.
    func intPower(_ x: Int64, _ n: Int64) throws -> Int64 {
        if n < 0 {
            if x == 1 { return 1 }
            if x == -1 { return n % 2 == 0 ? 1 : -1 }
            throw JuliaError.domain(.int(n), "Cannot raise an integer x to a negative power \(n).\nConvert input to float.")
        }
        var result: Int64 = 1
        var base = x
        var e = n
        while e > 0 {
            if e & 1 == 1 { result = result &* base }
            base = base &* base
            e >>= 1
        }
        return result
    }

    /// `x^n` for a float and an integer, by squaring as Julia does for small powers.
    func floatPower(_ x: Double, _ n: Int64) -> Double {
        if n == 2 { return x * x }
        if n == 3 { return x * x * x }
        return Foundation.pow(x, Double(n))
    }

    /// Unary operators.
    public func unary(_ op: Op, _ x: Value, _ t: Ctx) throws -> Value {
        // a user method on the operator (`-(p::Point)`); only one that applies, as the
        // builtin behind the same function comes back here
        if let f = operatorFunction(op), !f.methods.isEmpty, case .obj = x {
            let base = t.sp
            defer { t.popTo(base) }
            try t.push(x)
            if let m = t.select(f, base, 1) { return try t.invoke(f, m, base, 1, []) }
        }
        switch (op, x) {
        case (.neg, .int(let i)): return .int(0 &- i)
        case (.neg, .float(let f)): return .float(-f)
        case (.neg, .bool(let b)): return .int(b ? -1 : 0)
        case (.plus, .int), (.plus, .float): return x
        case (.plus, .bool(let b)): return .int(b ? 1 : 0)
        case (.not, .bool(let b)): return .bool(!b)
        case (.bitNot, .int(let i)): return .int(~i)
        case (.bitNot, .bool(let b)): return .bool(!b)
        case (.adjoint, .int), (.adjoint, .float), (.adjoint, .bool): return x
        case (.adjoint, .arr(let a)): return .arr(try transpose(a))
        case (.adjoint, .range(let r)): return .arr(try transpose(try rangeToArray(r)))
        case (.neg, .obj(let o as JStruct)) where o.type.root === JType.complexFamily:
            return try makeComplex(try unary(.neg, o[0], t), try unary(.neg, o[1], t))
        case (.adjoint, .obj(let o as JStruct)) where o.type.root === JType.complexFamily:
            return try makeComplex(o[0], try unary(.neg, o[1], t))
        case (.neg, .arr), (.neg, .range):
            return try broadcast(.fn(try operatorFunctionValue(.sub)), [x], t)
        case (.not, .arr):
            return try broadcast(.fn(try operatorFunctionValue(.not)), [x], t)
        default:
            throw JuliaError.method(.fn(try operatorFunctionValue(op)), [x])
        }
    }

    /// `a => b`.
    public func makePair(_ a: Value, _ b: Value) -> Value {
        let type = Runtime.pairType(typeOf(a), typeOf(b))
        // the two fields copied from the stack, with no array made for them (memory of two
        // values' strides: a Swift pair of values is 7 bytes shorter, its last one unpadded)
        return withUnsafeTemporaryAllocation(of: Value.self, capacity: 2) { p in
            let fields = p.baseAddress!
            fields.initialize(to: a)
            (fields + 1).initialize(to: b)
            defer { fields.deinitialize(count: 2) }
            return .obj(JStruct(type, copying: fields, count: 2))
        }
    }

    /// `Pair{A, B}`. The last one made is kept: `for (k, v) in d` makes a pair per entry, all
    /// of one type, and finding a type application among the interned ones hashes its
    /// parameters (over a thousand instructions) where comparing two identities takes a few.
    static func pairType(_ a: JType, _ b: JType) -> JType {
        let c = lastPair
        c.lock.lock()
        if let t = c.type, c.first == ObjectIdentifier(a), c.second == ObjectIdentifier(b) {
            c.lock.unlock()
            return t
        }
        c.lock.unlock()
        let t = JType.apply(JType.pairFamily, [.type(a), .type(b)])
        c.lock.lock()
        defer { c.lock.unlock() }
        if t.fieldNames.isEmpty {
            t.fieldNames = [JSym.intern("first"), JSym.intern("second")]
            t.fieldTypes = [.any, .any]
            t.isStructType = true
        }
        // types are never freed, so their identities cannot be reused
        c.first = ObjectIdentifier(a); c.second = ObjectIdentifier(b); c.type = t
        return t
    }

    private final class PairTypeCache: @unchecked Sendable {
        let lock = NSLock()
        var first: ObjectIdentifier?, second: ObjectIdentifier?
        var type: JType?
    }
    /// Values are decoded on the event loop's threads too (a `Pair` received), hence the lock.
    private static let lastPair = PairTypeCache()

    /// `a:b`.
    public func makeRange(_ a: Value, _ b: Value) throws -> Value {
        switch (a, b) {
        case (.int(let i), .int(let j)): return .range(JRange(start: i, stop: j))
        case (.char(let c), .char(let d)):
            let r = JArray(eltype: .char, dims: Dims(0))
            if d >= c { for x in c...d { try r.appendRaw(.char(x)) } }
            return .arr(r)
        default:
            guard let p = numeric(a), let q = numeric(b) else { throw JuliaError.method(":", [a, b]) }
            let s = toDouble(p), e = toDouble(q)
            let n = e >= s ? try floatRangeLength((e - s + 1e-10).rounded(.down)) + 1 : 0
            return .range(JRange(fstart: s, fstep: 1.0, length: n))
        }
    }

    /// `a:s:b`.
    public func makeRange(_ a: Value, _ s: Value, _ b: Value) throws -> Value {
        switch (a, s, b) {
        case (.int(let i), .int(let st), .int(let j)):
            if st == 0 { throw JuliaError.argument("step cannot be zero") }
            return .range(JRange(start: i, step: st, stop: j))
        default:
            guard let p = numeric(a), let q = numeric(s), let r = numeric(b) else { throw JuliaError.method(":", [a, s, b]) }
            let start = toDouble(p), step = toDouble(q), stop = toDouble(r)
            if step == 0 { throw JuliaError.argument("range step cannot be zero") }
            let n = (stop - start) / step
            let len = n < -1e-10 ? 0 : try floatRangeLength((n + 1e-10).rounded(.down)) + 1
            return .range(JRange(fstart: start, fstep: step, length: len))
        }
    }

    /// The number of steps of a float range as an `Int`: a count beyond `Int` (`1:1e300`) or
    /// not a number is Julia's `InexactError` from `round(Int, …)`.
    func floatRangeLength(_ steps: Double) throws -> Int {
        guard steps.isFinite, steps < 9.2e18 else { throw JuliaError.inexact("round", .int64, .float(steps)) }
        return Int(steps)
    }

    @inline(__always) func toDouble(_ n: Num) -> Double {
        switch n { case .i(let i): return Double(i); case .f(let f): return f }
    }

    /// `isequal(x)`, `==(x)`: a function of one argument `y` that calls `f(y, x)` (`Base.Fix2`).
    func fixSecond(_ f: Value, _ x: Value) -> Value {
        let name = (try? printString(f, nil)) ?? "f"
        return .fn(JFunction(name: name, module: [JSym.intern("Base")], builtin: Builtin(name) { t, a in
            try a.expect(1, name)
            return try t.call2(f, a[0], x)
        }))
    }

    func composeFunctions(_ f: Value, _ g: Value) -> Value {
        let c = JFunction(name: "∘", module: [JSym.intern("Base")], builtin: Builtin("∘") { t, a in
            let inner = try t.call(g, a.array, kw: a.kw)
            return try t.call1(f, inner)
        })
        return .fn(c)
    }

    // MARK: Equality and order

    /// `==`.
    public func isEqual(_ x: Value, _ y: Value, _ t: Ctx?) throws -> Bool {
        if let f = operatorFunction(.eq), !f.methods.isEmpty, let t = t, case .obj = x {
            let base = t.sp
            defer { t.popTo(base) }
            try t.push(x)
            try t.push(y)
            if let m = t.select(f, base, 2) {
                if case .bool(let b) = try t.invoke(f, m, base, 2, []) { return b }
            }
        }
        if let a = numeric(x), let b = numeric(y) { return numEqual(a, b) }
        if Runtime.isComplex(x) || Runtime.isComplex(y) {
            guard let (a, b) = Runtime.complexParts(x), let (c, d) = Runtime.complexParts(y) else { return false }
            return numEqual(a, c) && numEqual(b, d)
        }
        // containers compare element by element: a cyclic one (`v = Any[1]; v[1] = v`)
        // recurses as in Julia, until StackOverflowError
        try t?.checkStack()
        switch (x, y) {
        case (.str(let a), .str(let b)): return a.sameText(b)
        case (.char(let a), .char(let b)): return a == b
        case (.sym(let a), .sym(let b)): return a === b
        case (.nothing, .nothing): return true
        case (.tuple(let a), .tuple(let b)):
            guard a.count == b.count else { return false }
            for i in 0..<a.count where !(try isEqual(a[i], b[i], t)) { return false }
            return true
        case (.range(let a), .range(let b)) where a.kind != .float && b.kind != .float:
            return a == b
        case (.type(let a), .type(let b)): return a === b
        case (.fn(let a), .fn(let b)): return a === b
        default: break
        }
        if isArrayLike(x) && isArrayLike(y) {
            let (ad, bd) = (try arrayDims(x), try arrayDims(y))
            guard ad == bd else { return false }
            if case .arr(let a) = x, case .arr(let b) = y {
                if a === b { return true }
                if a.kind == .float64 && b.kind == .float64 {
                    for i in 0..<a.count where a.floats[i] != b.floats[i] { return false }
                    return true
                }
                if a.kind == .int64 && b.kind == .int64 {
                    for i in 0..<a.count where a.ints[i] != b.ints[i] { return false }
                    return true
                }
            }
            let xs = try collectValues(x, t), ys = try collectValues(y, t)
            for i in 0..<xs.count where !(try isEqual(xs[i], ys[i], t)) { return false }
            return true
        }
        if case .obj(let a) = x, case .obj(let b) = y {
            if a === b { return true }
            if let da = a as? JDict, let db = b as? JDict { return try da.isEqual(to: db, self, t) }
            if let sa = a as? JStruct, let sb = b as? JStruct, sa.type === sb.type, !sa.type.isMutable {
                for i in 0..<sa.count where !(try isEqual(sa[i], sb[i], t)) { return false }
                return true
            }
            if let na = a as? JNamedTuple, let nb = b as? JNamedTuple {
                guard na.names == nb.names else { return false }
                for (p, q) in zip(na.values, nb.values) where !(try isEqual(p, q, t)) { return false }
                return true
            }
            if let ra = a as? RemoteRef, let rb = b as? RemoteRef { return ra.rrid == rb.rrid && ra.owner == rb.owner }
            if let ra = a as? JRegex, let rb = b as? JRegex { return ra == rb }
            if let sa = a as? JSet, let sb = b as? JSet {
                guard sa.count == sb.count else { return false }
                for x in sa.values where !(try sb.contains(x, self, t)) { return false }
                return true
            }
        }
        return valuesIdentical(x, y)
    }

    /// `isless`, used by `<`, `sort` and `max`.
    public func isLess(_ x: Value, _ y: Value, _ t: Ctx?) throws -> Bool {
        if case .tuple(let a) = x, case .tuple(let b) = y { return try isLess(a, b, t) }
        if let f = operatorFunction(.lt), !f.methods.isEmpty, let t = t, case .obj = x {
            if case .bool(let b) = try t.call2(.fn(f), x, y) { return b }
        }
        if let a = numeric(x), let b = numeric(y) { return numLess(a, b) }
        // containers compare their elements: one that holds itself recurses, and ends as
        // Julia's does, in StackOverflowError, as == does
        try t?.checkStack()
        switch (x, y) {
        case (.str(let a), .str(let b)): return a.precedes(b)
        case (.char(let a), .char(let b)): return a < b
        case (.sym(let a), .sym(let b)): return a.name.unicodeScalars.lexicographicallyPrecedes(b.name.unicodeScalars)
        case (.obj(let a as JStruct), .obj(let b as JStruct)) where a.type.root === JType.pairFamily && b.type.root === JType.pairFamily:
            // pairs order by their first elements, then their second
            if try !isEqual(a[0], b[0], t) { return try isLess(a[0], b[0], t) }
            return try isLess(a[1], b[1], t)
        default: break
        }
        if isArrayLike(x) && isArrayLike(y) {
            let xs = try collectValues(x, t), ys = try collectValues(y, t)
            for i in 0..<min(xs.count, ys.count) {
                if try isLess(xs[i], ys[i], t) { return true }
                if try isLess(ys[i], xs[i], t) { return false }
            }
            return xs.count < ys.count
        }
        throw JuliaError.method("isless", [x, y])
    }

    /// `a < b` for tuples: the first items that differ decide, compared with `<` (Int and
    /// Float64 items inline: a heap of `(distance, node)` compares them in its inner loop);
    /// a tuple that is a prefix of the other is less.
    func isLess(_ a: JTuple, _ b: JTuple, _ t: Ctx?) throws -> Bool {
        let n = min(a.count, b.count)
        for i in 0..<n {
            // Int and Float64 items read in place (no copy of either item)
            let p = a.base + i, q = b.base + i
            let tp = Value.tag(at: p), tq = Value.tag(at: q)
            if tp == Value.floatTag && tq == Value.floatTag {
                let x = UnsafeRawPointer(p).load(as: Double.self), y = UnsafeRawPointer(q).load(as: Double.self)
                if x != y { return x < y }
                if x.isNaN || y.isNaN { return false }
                continue
            }
            if tp == Value.intTag && tq == Value.intTag {
                let x = Value.intPayload(at: p), y = Value.intPayload(at: q)
                if x != y { return x < y }
                continue
            }
            switch (p.pointee, q.pointee) {
            case (.float(let p), .float(let q)):
                if p != q { return p < q }
                // equal, or NaN: Julia's `==` is false for NaN, and `<` then false
                if p.isNaN || q.isNaN { return false }
            case (.int(let p), .int(let q)):
                if p != q { return p < q }
            case (let p, let q):
                if try isLess(p, q, t) { return true }
                if try isLess(q, p, t) { return false }
            }
        }
        return a.count < b.count
    }

    /// `≈`.
    public func isApprox(_ x: Value, _ y: Value, _ t: Ctx?, atol: Double = 0, rtol: Double? = nil) throws -> Bool {
        if let a = numeric(x), let b = numeric(y) { return approxEqual(toDouble(a), toDouble(b), atol: atol, rtol: rtol) }
        if isArrayLike(x) && isArrayLike(y) {
            let xs = try floatsOf(x, t), ys = try floatsOf(y, t)
            guard xs.count == ys.count else { return false }
            var d = 0.0, nx = 0.0, ny = 0.0
            for i in 0..<xs.count {
                d += (xs[i] - ys[i]) * (xs[i] - ys[i])
                nx += xs[i] * xs[i]
                ny += ys[i] * ys[i]
            }
            let r = rtol ?? (atol > 0 ? 0 : 1.4901161193847656e-8)
            return d.squareRoot() <= max(atol, r * max(nx.squareRoot(), ny.squareRoot()))
        }
        return try isEqual(x, y, t)
    }

    /// `x in collection`.
    public func contains(_ coll: Value, _ x: Value, _ t: Ctx?) throws -> Bool {
        switch coll {
        case .range(let r):
            guard let n = numeric(x) else { return false }
            if r.kind == .float {
                for i in 0..<r.count where numEqual(.f(r.floatElement(i)), n) { return true }
                return false
            }
            guard case .i(let v) = n else {
                if case .f(let f) = n, f == f.rounded(), abs(f) < 9e18 { return try contains(coll, .int(Int64(f)), t) }
                return false
            }
            if r.count == 0 { return false }
            let lo = min(r.start, r.stop), hi = max(r.start, r.stop)
            return v >= lo && v <= hi && (v &- r.start) % r.step == 0
        case .str(let s):
            if case .char(let c) = x, let u = Unicode.Scalar(c) { return s.value.unicodeScalars.contains(u) }
            throw JuliaError.method("in", [x, coll])
        case .obj(let o):
            if let d = o as? JDict {
                guard case .obj(let po) = x, let p = po as? JStruct, p.type.root === JType.pairFamily else {
                    throw JuliaError.argument("AbstractDict collections only contain Pairs;\nEither look for e.g. A=>B instead, or use the `keys` or `values` function if you are looking for a key or value respectively.")
                }
                guard let v = try d.get(p[0], self, t) else { return false }
                return try isEqual(v, p[1], t)
            }
            if let s = o as? JSet { return try s.contains(x, self, t) }
            if let k = o as? JKeySet { return try k.dict.get(x, self, t) != nil }
        default: break
        }
        for v in try collectValues(coll, t) where try isEqual(v, x, t) { return true }
        return false
    }
}

/// Julia's shifts of an Int64 by any Int64 count: a negative count shifts the other way, and a
/// count of 64 or more (either way) leaves 0, or -1 for `>>` of a negative number.
enum Shift {
    @inline(__always) static func left(_ i: Int64, _ j: Int64) -> Int64 {
        if j >= 0 { return j >= 64 ? 0 : i << j }
        return j <= -64 ? (i < 0 ? -1 : 0) : i >> -j
    }

    @inline(__always) static func right(_ i: Int64, _ j: Int64) -> Int64 {
        if j >= 0 { return j >= 64 ? (i < 0 ? -1 : 0) : i >> j }
        return j <= -64 ? 0 : i << -j
    }

    @inline(__always) static func logicalRight(_ i: Int64, _ j: Int64) -> Int64 {
        if j >= 0 { return j >= 64 ? 0 : Int64(bitPattern: UInt64(bitPattern: i) >> UInt64(j)) }
        return j <= -64 ? 0 : i << -j
    }
}
