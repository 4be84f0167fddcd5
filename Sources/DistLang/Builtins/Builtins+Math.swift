import Foundation
import Glibc

/// Operators as functions, and the numeric functions.
extension Builtins {
    static func installMath(_ rt: Runtime) {
        // operator functions, indexed by `Op` so the interpreter can find user methods on them
        rt.operatorFunctions = Op.allCases.map { op in
            JFunction(name: op.functionName, module: [JSym.intern("Base")])
        }
        for op in Op.allCases {
            let f = rt.operatorFunctions[Int(op.rawValue)]
            if f.builtin != nil { continue }
            let unaryOp: Op? = op == .sub ? .neg : op == .add ? .plus : (op == .not || op == .bitNot || op == .adjoint) ? op : nil
            f.builtin = Builtin(op.functionName) { t, a in
                if a.count == 1, let u = unaryOp { return try t.runtime.unary(u, a[0], t) }
                // `==(x)`, `<(x)`…: a function of `y` that compares `y` with `x` (Base.Fix2)
                if a.count == 1, [.eq, .ne, .lt, .le, .gt, .ge, .approx].contains(op) { return t.runtime.fixSecond(.fn(f), a[0]) }
                guard a.count >= 2 else { throw JuliaError.method(.fn(f), a.array) }
                if op == .colon && a.count == 3 { return try t.runtime.makeRange(a[0], a[1], a[2]) }
                var acc = try t.runtime.binary(op, a[0], a[1], t)
                if a.count > 2 {
                    guard op == .add || op == .mul || op == .bitAnd || op == .bitOr else { throw JuliaError.method(.fn(f), a.array) }
                    for i in 2..<a.count { acc = try t.runtime.binary(op, acc, a[i], t) }
                }
                return acc
            }
            rt.operatorByFunction[ObjectIdentifier(f)] = op
            f.makeImmortal()
            let existing = rt.base.bindings[JSym.intern(op.functionName)]
            if existing == nil || op == .sub || op == .add {
                rt.setGlobal(op.functionName, .fn(f), in: rt.base, const: true)
            }
        }
        // unary-only operators share the functions above
        rt.operatorFunctions[Int(Op.neg.rawValue)] = rt.operatorFunctions[Int(Op.sub.rawValue)]
        rt.operatorFunctions[Int(Op.plus.rawValue)] = rt.operatorFunctions[Int(Op.add.rawValue)]
        rt.alias("≠", "!=")
        rt.alias("≤", "<=")
        rt.alias("≥", ">=")
        rt.alias("∈", "in")
        rt.alias("≡", "===")
        rt.def("isapprox") { t, a in
            try a.expect(2, "isapprox")
            func tolerance(_ name: String) throws -> Double? {
                guard let v = a.keyword(name) else { return nil }
                guard let n = numeric(v) else { throw JuliaError.method("isapprox", a.array) }
                return t.runtime.toDouble(n)
            }
            return .bool(try t.runtime.isApprox(a[0], a[1], t, atol: try tolerance("atol") ?? 0, rtol: try tolerance("rtol")))
        }
        rt.alias("xor", "⊻")
        rt.alias("transpose", "adjoint")
        rt.alias("isless", "<")
        rt.def("cmp", arity: 2...2) { t, a in
            // numbers in Julia's total order (`isless` for floats: NaN after every number,
            // -0.0 before 0.0); strings by their bytes; anything else by `isless`
            func order(_ x: Double, _ y: Double) -> Int64 {
                if x.isNaN { return y.isNaN ? 0 : 1 }
                if y.isNaN { return -1 }
                if x != y { return x < y ? -1 : 1 }
                return x.sign == y.sign ? 0 : (x.sign == .minus ? -1 : 1)
            }
            switch (a[0], a[1]) {
            case (.float(let x), .float(let y)): return .int(order(x, y))
            // an Int against a Float64: NaN last, and the sign of a zero decides between 0 (as
            // +0.0) and -0.0; otherwise the exact comparison (`isless`)
            case (.float(let x), .int(let y)) where x.isNaN || x == 0 && y == 0: return .int(order(x, 0))
            case (.int(let x), .float(let y)) where y.isNaN || x == 0 && y == 0: return .int(order(0, y))
            default:
                if try t.runtime.isLess(a[0], a[1], t) { return .int(-1) }
                return .int(try t.runtime.isLess(a[1], a[0], t) ? 1 : 0)
            }
        }

        func unaryFloat(_ name: String, _ f: @escaping (Double) -> Double, domain: ((Double) -> Bool)? = nil, message: String = "") {
            rt.def(name, arity: 1...1, signature: [.real]) { t, a in
                try a.expect(1, name)
                if t.runtime.isArrayLike(a[0]) { throw JuliaError.method(name, a.array) }
                let x = try a.double(0, name)
                // Julia converts an integer argument to Float64 before checking the domain
                if let ok = domain, !ok(x) { throw JuliaError.domain(.float(x), message) }
                return .float(f(x))
            }
        }
        unaryFloat("sqrt", { $0.squareRoot() }, domain: { $0 >= 0 || $0.isNaN },
                   message: "sqrt was called with a negative real argument but will only return a complex result if called with a complex argument. Try sqrt(Complex(x)).")
        rt.alias("√", "sqrt") // `√(x)` as a call, as `√x` is the prefix operator
        unaryFloat("cbrt", { x in
            // glibc's cbrt can be off by an ulp (27.0 gives 3.0000000000000004); one Newton
            // step brings it to the correctly rounded root Julia's libm returns
            let r = Glibc.cbrt(x)
            guard r.isFinite, r != 0 else { return r }
            return r - (r * r * r - x) / (3 * r * r)
        })
        rt.alias("∛", "cbrt")
        unaryFloat("exp", { Foundation.exp($0) })
        unaryFloat("exp2", { Foundation.exp2($0) })
        unaryFloat("expm1", { Foundation.expm1($0) })
        unaryFloat("log2", { Foundation.log2($0) }, domain: { $0 >= 0 || $0.isNaN },
                   message: "log2 was called with a negative real argument but will only return a complex result if called with a complex argument. Try log2(Complex(x)).")
        unaryFloat("log10", { Foundation.log10($0) }, domain: { $0 >= 0 || $0.isNaN },
                   message: "log10 was called with a negative real argument but will only return a complex result if called with a complex argument. Try log10(Complex(x)).")
        unaryFloat("log1p", { Foundation.log1p($0) })
        unaryFloat("sin", { Foundation.sin($0) })
        unaryFloat("cos", { Foundation.cos($0) })
        unaryFloat("tan", { Foundation.tan($0) })
        unaryFloat("asin", { Foundation.asin($0) })
        unaryFloat("acos", { Foundation.acos($0) })
        unaryFloat("sinh", { Foundation.sinh($0) })
        unaryFloat("cosh", { Foundation.cosh($0) })
        unaryFloat("tanh", { Foundation.tanh($0) })
        unaryFloat("sinpi", sinPi)
        unaryFloat("cospi", cosPi)
        rt.def("log") { t, a in
            try a.expect(1...2, "log")
            if a.count == 2 {
                let b = try a.double(0, "log"), x = try a.double(1, "log")
                return .float(Foundation.log(x) / Foundation.log(b))
            }
            let x = try a.double(0, "log")
            if x < 0 { throw JuliaError.domain(.float(x), "log was called with a negative real argument but will only return a complex result if called with a complex argument. Try log(Complex(x)).") }
            return .float(Foundation.log(x))
        }
        rt.def("atan") { t, a in
            try a.expect(1...2, "atan")
            if a.count == 2 { return .float(Foundation.atan2(try a.double(0, "atan"), try a.double(1, "atan"))) }
            return .float(Foundation.atan(try a.double(0, "atan")))
        }
        rt.def("hypot", arity: 2...2) { t, a in .float(Foundation.hypot(try a.double(0, "hypot"), try a.double(1, "hypot"))) }
        rt.def("abs") { t, a in
            try a.expect(1, "abs")
            switch a[0] {
            case .int(let i): return .int(i < 0 ? 0 &- i : i)
            case .float(let f): return .float(Swift.abs(f))
            case .bool: return a[0]
            default:
                if Runtime.isComplex(a[0]), let (re, im) = Runtime.complexParts(a[0]) {
                    return .float(hypot(t.runtime.toDouble(re), t.runtime.toDouble(im)))
                }
                throw JuliaError.method("abs", a.array)
            }
        }
        rt.def("abs2", arity: 1...1) { t, a in
            switch a[0] {
            case .int(let i): return .int(i &* i)
            case .float(let f): return .float(f * f)
            default: throw JuliaError.method("abs2", a.array)
            }
        }
        rt.def("sign", arity: 1...1) { t, a in
            switch a[0] {
            case .int(let i): return .int(i > 0 ? 1 : i < 0 ? -1 : 0)
            case .float(let f): return .float(f > 0 ? 1 : f < 0 ? -1 : f)
            default: throw JuliaError.method("sign", a.array)
            }
        }
        rt.def("signbit", arity: 1...1) { t, a in .bool(try a.double(0, "signbit").sign == .minus) }
        for (name, rule) in [("floor", FloatingPointRoundingRule.down), ("ceil", .up), ("trunc", .towardZero)] {
            rt.def(name) { t, a in try roundValue(t, a, name, rule) }
        }
        rt.def("round") { t, a in try roundValue(t, a, "round", .toNearestOrEven) }
        rt.def("div") { t, a in
            try a.expect(2, "div")
            return try t.runtime.binary(.idiv, a[0], a[1], t)
        }
        rt.def("rem") { t, a in
            try a.expect(2, "rem")
            return try t.runtime.binary(.rem, a[0], a[1], t)
        }
        rt.def("mod") { t, a in
            try a.expect(2, "mod")
            switch (a[0], a[1]) {
            case (.int(let x), .int(let y)):
                if y == 0 { throw JuliaError.divide }
                if y == -1 { return .int(0) }
                let r = x % y
                return .int(r != 0 && (r < 0) != (y < 0) ? r &+ y : r)
            default:
                let x = try a.double(0, "mod"), y = try a.double(1, "mod")
                let r = x.truncatingRemainder(dividingBy: y)
                return .float(r != 0 && (r < 0) != (y < 0) ? r + y : r)
            }
        }
        rt.def("mod1", arity: 2...2) { t, a in
            try a.expect(2, "mod1")
            let x = try a.int(0, "mod1"), y = try a.int(1, "mod1")
            if y == 0 { throw JuliaError.divide }
            var r = y == -1 ? 0 : x % y
            if r != 0 && (r < 0) != (y < 0) { r += y }
            return .int(Int64(r == 0 ? y : r))
        }
        rt.def("fld", arity: 2...2) { t, a in
            try a.expect(2, "fld")
            let x = try a.int(0, "fld"), y = try a.int(1, "fld")
            // typemin(Int) ÷ -1 overflows: Julia's div raises DivideError for both
            if y == 0 || (y == -1 && x == Int.min) { throw JuliaError.divide }
            var q = x / y
            if (x % y != 0) && ((x < 0) != (y < 0)) { q -= 1 }
            return .int(Int64(q))
        }
        rt.def("cld", arity: 2...2) { t, a in
            try a.expect(2, "cld")
            let x = try a.int(0, "cld"), y = try a.int(1, "cld")
            if y == 0 || (y == -1 && x == Int.min) { throw JuliaError.divide }
            var q = x / y
            if (x % y != 0) && ((x < 0) == (y < 0)) { q += 1 }
            return .int(Int64(q))
        }
        rt.def("divrem", arity: 2...2) { t, a in
            .tuple(JTuple.of([try t.runtime.binary(.idiv, a[0], a[1], t), try t.runtime.binary(.rem, a[0], a[1], t)]))
        }
        // in magnitudes, so typemin(Int) cannot trap; a result beyond Int is Julia's OverflowError
        rt.def("gcd", arity: 1...Int.max) { t, a in
            let xs = try (0..<a.count).map { try a.int($0, "gcd") }
            var g: UInt = 0
            for x0 in xs { var x = x0.magnitude; var y = g; while y != 0 { (x, y) = (y, x % y) }; g = x }
            guard let r = Int64(exactly: g) else { throw JuliaError.overflow("gcd(\(xs.map(String.init).joined(separator: ", "))) overflows") }
            return .int(r)
        }
        rt.def("lcm", arity: 1...Int.max) { t, a in
            let xs = try (0..<a.count).map { try a.int($0, "lcm") }
            var l: UInt = 1
            for x0 in xs {
                let x = x0.magnitude
                if x == 0 { return .int(0) }
                var g = l, y = x
                while y != 0 { (g, y) = (y, g % y) }
                let (p, overflow) = (l / g).multipliedReportingOverflow(by: x)
                guard !overflow, Int64(exactly: p) != nil else {
                    throw JuliaError.overflow("lcm(\(xs.map(String.init).joined(separator: ", "))) overflows")
                }
                l = p
            }
            return .int(Int64(l))
        }
        rt.def("factorial", arity: 1...1) { t, a in
            let n = try a.int(0, "factorial")
            if n < 0 { throw JuliaError.domain(a[0], "`n` must not be negative.") }
            if n > 20 { throw JuliaError.overflow("\(n) is too large to look up in the table; consider using `factorial(big(\(n)))` instead") }
            return .int(Int64((1...max(1, n)).reduce(1, *)))
        }
        rt.def("binomial", arity: 2...2) { t, a in
            let n = try a.int(0, "binomial"), k = try a.int(1, "binomial")
            if k < 0 || k > n { return .int(0) }
            // r·(n−i) is divisible by i+1 at every step; its overflow is Julia's OverflowError
            var r: Int64 = 1
            for i in 0..<min(k, n - k) {
                let (p, overflow) = r.multipliedReportingOverflow(by: Int64(n - i))
                if overflow { throw JuliaError.overflow("binomial(\(n), \(k)) overflows") }
                r = p / Int64(i + 1)
            }
            return .int(r)
        }
        rt.def("isodd", arity: 1...1) { t, a in .bool(try a.int(0, "isodd") & 1 == 1) }
        rt.def("iseven", arity: 1...1) { t, a in .bool(try a.int(0, "iseven") & 1 == 0) }
        rt.def("iszero", arity: 1...1) { t, a in
            guard let n = numeric(a[0]) else { throw JuliaError.method("iszero", a.array) }
            return .bool(t.runtime.toDouble(n) == 0)
        }
        rt.def("isone", arity: 1...1) { t, a in
            guard let n = numeric(a[0]) else { throw JuliaError.method("isone", a.array) }
            return .bool(t.runtime.toDouble(n) == 1)
        }
        rt.def("isnan", arity: 1...1) { t, a in .bool(try a.double(0, "isnan").isNaN) }
        rt.def("isinf", arity: 1...1) { t, a in .bool(try a.double(0, "isinf").isInfinite) }
        rt.def("isfinite", arity: 1...1) { t, a in .bool(try a.double(0, "isfinite").isFinite) }
        rt.def("isinteger", arity: 1...1) { t, a in
            if case .int = a[0] { return .bool(true) }
            let x = try a.double(0, "isinteger")
            return .bool(x == x.rounded())
        }
        rt.def("float") { t, a in
            try a.expect(1, "float")
            if t.runtime.isArrayLike(a[0]) { return try t.runtime.convert(JType.array(.float64, try t.runtime.arrayDims(a[0]).count), .arr(try t.runtime.asArray(a[0], t))) }
            return .float(try a.double(0, "float"))
        }
        rt.def("zero", arity: 1...1) { t, a in
            switch a[0] {
            case .int: return .int(0)
            case .float: return .float(0)
            case .bool: return .bool(false)
            case .type(let ty): return ty.isSubtype(of: .abstractFloat) ? .float(0) : ty === JType.bool ? .bool(false) : .int(0)
            case .arr(let arr): return .arr(JArray(eltype: arr.eltype, dims: arr.dims))
            default: throw JuliaError.method("zero", a.array)
            }
        }
        rt.def("one", arity: 1...1) { t, a in
            switch a[0] {
            case .int: return .int(1)
            case .float: return .float(1)
            case .bool: return .bool(true)
            case .type(let ty): return ty.isSubtype(of: .abstractFloat) ? .float(1) : ty === JType.bool ? .bool(true) : .int(1)
            default: throw JuliaError.method("one", a.array)
            }
        }
        rt.def("eps") { t, a in
            if a.count == 0 { return .float(Double.ulpOfOne) }
            if case .type = a[0] { return .float(Double.ulpOfOne) }
            return .float(try a.double(0, "eps").ulp)
        }
        rt.def("clamp", arity: 3...3) { t, a in
            try a.expect(3, "clamp")
            if try t.runtime.isLess(a[0], a[1], t) { return a[1] }
            if try t.runtime.isLess(a[2], a[0], t) { return a[2] }
            return a[0]
        }
        rt.def("min") { t, a in try extremum(t, a, "min", wantMax: false) }
        rt.def("max") { t, a in try extremum(t, a, "max", wantMax: true) }
        rt.def("minmax", arity: 2...2) { t, a in
            try a.expect(2, "minmax")
            return try t.runtime.isLess(a[1], a[0], t) ? .tuple(JTuple.of([a[1], a[0]])) : .tuple(JTuple.of([a[0], a[1]]))
        }
        rt.def("muladd", arity: 3...3) { t, a in
            try t.runtime.binary(.add, try t.runtime.binary(.mul, a[0], a[1], t), a[2], t)
        }
        rt.def("big", arity: 1...1) { _, a in a[0] }
    }

    static func extremum(_ t: Ctx, _ a: Args, _ name: String, wantMax: Bool) throws -> Value {
        guard a.count >= 1 else { throw JuliaError.method(name, []) }
        if a.count == 1 { throw JuliaError.method(name, a.array) }
        // two numbers of one type, the usual call (`max(L[i, j+1], L[i+1, j])`), as Julia:
        // a NaN wins, and max(-0.0, 0.0) is 0.0, min(0.0, -0.0) is -0.0
        if a.count == 2 {
            switch (a[0], a[1]) {
            case (.int(let x), .int(let y)): return .int(wantMax ? Swift.max(x, y) : Swift.min(x, y))
            case (.float(let x), .float(let y)):
                if x.isNaN || y.isNaN { return .float(x.isNaN ? x : y) }
                if x == y { return .float(wantMax == (x.sign == .minus) ? y : x) }
                return .float(wantMax ? (x > y ? x : y) : (x < y ? x : y))
            default: break
            }
        }
        var best = a[0]
        for i in 1..<a.count {
            let x = a[i]
            if case .float(let f) = x, f.isNaN { return x }
            if case .float(let f) = best, f.isNaN { return best }
            let better = wantMax ? try t.runtime.isLess(best, x, t) : try t.runtime.isLess(x, best, t)
            if better { best = x }
        }
        // promote like Julia: max(1, 2.5) is 2.5, max(3, 2.5) is 3.0
        if a.array.contains(where: { if case .float = $0 { return true } else { return false } }), case .int(let i) = best {
            return .float(Double(i))
        }
        return best
    }

    /// `round(x)`, `round(x; digits=2)`, `round(Int, x)`, and floor/ceil/trunc alike.
    static func roundValue(_ t: Ctx, _ a: Args, _ name: String, _ rule: FloatingPointRoundingRule) throws -> Value {
        var target: JType?
        var xi = 0
        if a.count == 2, case .type(let ty) = a[0] { target = ty; xi = 1 } else { try a.expect(1, name) }
        let v = a[xi]
        if case .int = v { return target === JType.float64 ? .float(try a.double(xi, name)) : v }
        if t.runtime.isArrayLike(v) { throw JuliaError.method(name, a.array) }
        var x = try a.double(xi, name)
        if let digits = a.keywordInt("digits") {
            let p = Foundation.pow(10.0, Double(Swift.abs(digits)))
            x = digits >= 0 ? (x * p).rounded(rule) / p : (x / p).rounded(rule) * p
        } else if let sig = a.keywordInt("sigdigits"), x != 0 {
            let e = Foundation.floor(Foundation.log10(Swift.abs(x)))
            let p = Foundation.pow(10.0, Double(sig) - 1 - e)
            x = (x * p).rounded(rule) / p
        } else {
            x = x.rounded(rule)
        }
        if let ty = target, ty !== JType.float64 {
            guard x.isFinite, Swift.abs(x) < 9.2e18 else { throw JuliaError.inexact(ty.name, ty, .float(x)) }
            return try t.runtime.convert(ty, .int(Int64(x)))
        }
        return .float(x)
    }
}

/// `sinpi(x)`, exact at integers and half-integers as Julia's is (`sinpi(1) == 0`): the
/// argument is reduced to [-1/4, 1/4] around a multiple of 1/2 before π multiplies it.
func sinPi(_ x: Double) -> Double {
    guard x.isFinite else { return .nan }
    let n = (2 * x).rounded()
    let r = (x - n / 2) * Double.pi
    let sign: Double = x < 0 && x == x.rounded() ? -0.0 : 0.0
    switch Int((n.truncatingRemainder(dividingBy: 4) + 4).truncatingRemainder(dividingBy: 4)) {
    case 0: return r == 0 ? sign : Foundation.sin(r)
    case 1: return Foundation.cos(r)
    case 2: return r == 0 ? sign : -Foundation.sin(r)
    default: return -Foundation.cos(r)
    }
}

/// `cospi(x)`, exact at integers and half-integers (`cospi(1/2) == 0`).
func cosPi(_ x: Double) -> Double {
    guard x.isFinite else { return .nan }
    let n = (2 * x).rounded()
    let r = (x - n / 2) * Double.pi
    switch Int((n.truncatingRemainder(dividingBy: 4) + 4).truncatingRemainder(dividingBy: 4)) {
    case 0: return Foundation.cos(r)
    case 1: return r == 0 ? 0 : -Foundation.sin(r)
    case 2: return -Foundation.cos(r)
    default: return r == 0 ? 0 : Foundation.sin(r)
    }
}
