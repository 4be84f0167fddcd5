import Foundation

/// Complex numbers: `Complex{T<:Real}` with fields `re` and `im` (`ComplexF64` is
/// `Complex{Float64}`), `im`, `complex`, `real`, `imag`, `conj`, `abs`, `abs2`, `angle`, and
/// arithmetic with each other and with real numbers. The components share one type, the
/// promotion of the parts (`Int64` or `Float64`; `Bool` for `im` itself).
///
/// They are built-in immutable structs, so they travel between processes as structs do.
extension JType {
    public static let complexFamily: JType = {
        let t = JType(name: "Complex", super: number, arity: 1)
        t.fieldNames = [JSym.intern("re"), JSym.intern("im")]
        t.fieldTypes = [typeParameter("T", 0), typeParameter("T", 0)]
        t.isStructType = true
        return t
    }()
}

extension Runtime {
    /// The parts of a complex number, or of a real one (with a zero imaginary part).
    static func complexParts(_ v: Value) -> (Num, Num)? {
        if let n = numeric(v) { return (n, .i(0)) }
        guard case .obj(let o as JStruct) = v, o.type.root === JType.complexFamily,
              let re = numeric(o[0]), let im = numeric(o[1]) else { return nil }
        return (re, im)
    }

    static func isComplex(_ v: Value) -> Bool {
        if case .obj(let o as JStruct) = v { return o.type.root === JType.complexFamily }
        return false
    }

    /// `Complex(re, im)` with both parts of one type: `Float64` if either is a float, else
    /// `Int64` (or `Bool` when both are, as `im` is).
    func makeComplex(_ re: Value, _ im: Value) throws -> Value {
        switch (re, im) {
        case (.bool, .bool):
            return .obj(JStruct(JType.apply(.complexFamily, [.type(.bool)]), [re, im]))
        case (.float, _), (_, .float):
            return .obj(JStruct(JType.apply(.complexFamily, [.type(.float64)]), [try convert(.float64, re), try convert(.float64, im)]))
        default:
            return .obj(JStruct(JType.apply(.complexFamily, [.type(.int64)]), [try convert(.int64, re), try convert(.int64, im)]))
        }
    }

    /// A complex number of the given component type.
    func makeComplex(_ re: Value, _ im: Value, of t: JType) throws -> Value {
        .obj(JStruct(JType.apply(.complexFamily, [.type(t)]), [try convert(t, re), try convert(t, im)]))
    }

    static func numValue(_ n: Num) -> Value {
        switch n { case .i(let i): return .int(i); case .f(let f): return .float(f) }
    }

    /// `x op y` where one operand is complex and the other complex or real.
    func complexBinary(_ op: Op, _ x: Value, _ y: Value, _ t: Ctx) throws -> Value? {
        guard let (a, b) = Runtime.complexParts(x), let (c, d) = Runtime.complexParts(y) else { return nil }
        let (ra, rb, rc, rd) = (Runtime.numValue(a), Runtime.numValue(b), Runtime.numValue(c), Runtime.numValue(d))
        func bin(_ o: Op, _ p: Value, _ q: Value) throws -> Value { try binary(o, p, q, t) }
        switch op {
        case .add: return try makeComplex(try bin(.add, ra, rc), try bin(.add, rb, rd))
        case .sub: return try makeComplex(try bin(.sub, ra, rc), try bin(.sub, rb, rd))
        case .mul:
            return try makeComplex(try bin(.sub, try bin(.mul, ra, rc), try bin(.mul, rb, rd)),
                                   try bin(.add, try bin(.mul, ra, rd), try bin(.mul, rb, rc)))
        case .div:
            let (p, q, r, s) = (toDouble(a), toDouble(b), toDouble(c), toDouble(d))
            let den = r * r + s * s
            return try makeComplex(.float((p * r + q * s) / den), .float((q * r - p * s) / den))
        case .pow:
            if case .int(let n) = y, n >= 0 {
                // by squaring, as Julia's power_by_squaring: log2(n) products, not n (z^(2^62)
                // looped for ever); z^0 is one of z's own type
                var isFloat = false
                if case .f = a { isFloat = true }
                var acc = try makeComplex(.int(1), .int(0), of: isFloat ? .float64 : .int64)
                var base = x, e = n
                while e > 0 {
                    if e & 1 == 1 { acc = try bin(.mul, acc, base) }
                    e >>= 1
                    if e > 0 { base = try bin(.mul, base, base) }
                }
                return acc
            }
            let z = pow(toDouble(a), toDouble(b), toDouble(c), toDouble(d))
            return try makeComplex(.float(z.0), .float(z.1))
        case .eq: return .bool(numEqual(a, c) && numEqual(b, d))
        case .ne: return .bool(!(numEqual(a, c) && numEqual(b, d)))
        case .approx:
            let dr = toDouble(a) - toDouble(c), di = toDouble(b) - toDouble(d)
            let nx = hypot(toDouble(a), toDouble(b)), ny = hypot(toDouble(c), toDouble(d))
            return .bool(hypot(dr, di) <= 1.4901161193847656e-8 * max(nx, ny))
        default: return nil
        }
    }

    /// (a+bi)^(c+di) through the logarithm.
    private func pow(_ a: Double, _ b: Double, _ c: Double, _ d: Double) -> (Double, Double) {
        if a == 0 && b == 0 { return c == 0 && d == 0 ? (1, 0) : (0, 0) }
        let logr = Foundation.log(hypot(a, b)), th = atan2(b, a)
        let mag = exp(c * logr - d * th), ang = d * logr + c * th
        return (mag * cos(ang), mag * sin(ang))
    }

    /// How a complex number prints: `1 + 2im`, `1.5 - 0.5im`, `true*im` for `im`.
    func complexText(_ s: JStruct, _ t: Ctx?) throws -> String {
        let re = try repr(s[0], t)
        if case .bool(let b) = s[1] { return re == "false" && b ? "im" : "Complex(\(re), \(b))" }
        var im = try repr(s[1], t)
        var sign = "+"
        if im.hasPrefix("-") { sign = "-"; im.removeFirst() }
        let needsStar = im.contains("e") || im == "Inf" || im == "NaN"
        return "\(re) \(sign) \(im)\(needsStar ? "*" : "")im"
    }
}

extension Builtins {
    static func installComplex(_ rt: Runtime) {
        rt.defType("Complex", .complexFamily)
        rt.defType("ComplexF64", JType.apply(.complexFamily, [.type(.float64)]))
        rt.setGlobal("im", .obj(JStruct(JType.apply(.complexFamily, [.type(.bool)]), [.bool(false), .bool(true)])), in: rt.base, const: true)
        rt.constructors[ObjectIdentifier(JType.complexFamily)] = { t, ty, a in
            try a.expect(1...2, "Complex")
            let rt = t.runtime
            if a.count == 1, let (re, im) = Runtime.complexParts(a[0]) {
                if let p = ty.paramType(0) { return try rt.makeComplex(Runtime.numValue(re), Runtime.numValue(im), of: p) }
                return Runtime.isComplex(a[0]) ? a[0] : try rt.makeComplex(a[0], .int(0))
            }
            guard a.count == 2, numeric(a[0]) != nil, numeric(a[1]) != nil else { throw JuliaError.method(.type(ty), a.array) }
            if let p = ty.paramType(0) { return try rt.makeComplex(a[0], a[1], of: p) }
            return try rt.makeComplex(a[0], a[1])
        }
        rt.def("complex") { t, a in
            try a.expect(1...2, "complex")
            if a.count == 1 {
                if Runtime.isComplex(a[0]) { return a[0] }
                guard numeric(a[0]) != nil else { throw JuliaError.method("complex", a.array) }
                return try t.runtime.makeComplex(a[0], .int(0))
            }
            guard numeric(a[0]) != nil, numeric(a[1]) != nil else { throw JuliaError.method("complex", a.array) }
            return try t.runtime.makeComplex(a[0], a[1])
        }
        func parts(_ a: Args, _ name: String) throws -> (Num, Num) {
            try a.expect(1, name)
            guard let p = Runtime.complexParts(a[0]) else { throw JuliaError.method(name, a.array) }
            return p
        }
        rt.def("real") { _, a in Runtime.numValue(try parts(a, "real").0) }
        rt.def("imag") { _, a in Runtime.numValue(try parts(a, "imag").1) }
        rt.def("conj") { t, a in
            let (re, im) = try parts(a, "conj")
            if !Runtime.isComplex(a[0]) { return a[0] }
            return try t.runtime.makeComplex(Runtime.numValue(re), try t.runtime.unary(.neg, Runtime.numValue(im), t))
        }
        rt.def("abs2") { t, a in
            let (re, im) = try parts(a, "abs2")
            let r = Runtime.numValue(re), i = Runtime.numValue(im)
            return try t.runtime.binary(.add, try t.runtime.binary(.mul, r, r, t), try t.runtime.binary(.mul, i, i, t), t)
        }
        rt.def("angle") { t, a in
            let (re, im) = try parts(a, "angle")
            return .float(atan2(t.runtime.toDouble(im), t.runtime.toDouble(re)))
        }
    }
}
