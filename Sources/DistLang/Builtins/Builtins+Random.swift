import Foundation

/// Random numbers: `rand`, `randn`, `rand!`, `randn!`, `randstring`, `Random.seed!`, `bitrand`,
/// and choosing from collections; each may take a generator first (`RandomDevice()`).
extension Builtins {
    static func installRandom(_ rt: Runtime) {
        defRandom(rt, "rand") { t, a in
            if a.count == 1, case .type(let ty) = a.base.pointee {
                switch ty.tag {
                case .bool: return .bool(t.runtime.rng.next() & 1 == 1)
                case .float64: return .float(t.runtime.rng.nextDouble())
                case .int64: return .int(Int64(bitPattern: t.runtime.rng.next()))
                default: break
                }
            }
            let rt = t.runtime
            if a.count == 0 { return .float(rt.rng.nextDouble()) }
            // the first argument may say what to draw: a type, a range or a collection
            var what: Value?
            var from = 0
            switch a[0] {
            case .type, .range, .arr, .tuple, .str: what = a[0]; from = 1
            default: break
            }
            if case .type(let ty)? = what, ty.tag == .int64 || ty.tag == .float64 || ty.tag == .bool, a.count == 1 {
                return randomValue(rt, what!)
            }
            if from == 1 && a.count == 1 { return try randomElement(t, what!) }
            let dims = try dimsArgs(a, from: from, "rand")
            let sample = what ?? .type(.float64)
            var et = JType.float64
            switch sample {
            case .type(let ty): et = ty
            case .range(let r): et = r.kind == .float ? .float64 : .int64
            case .arr(let arr): et = arr.eltype
            default: et = .any
            }
            let r = try JArray(eltype: et, checkedDims: dims)
            if et === JType.float64, case .type = sample {
                for i in 0..<r.count {
                    if i & 0xffff == 0 { try t.checkInterrupt() }
                    r.floats[i] = rt.rng.nextDouble()
                }
                return .arr(r)
            }
            for i in 0..<r.count {
                if i & 0xffff == 0 { try t.checkInterrupt() }
                r.setRaw(i, try randomElement(t, sample))
            }
            return .arr(r)
        }
        defRandom(rt, "randn") { t, a in
            if a.count == 0 { return .float(t.runtime.rng.nextNormal()) }
            var from = 0
            if case .type = a[0] { from = 1 }
            if from == 1 && a.count == 1 { return .float(t.runtime.rng.nextNormal()) }
            let r = try JArray(eltype: .float64, checkedDims: try dimsArgs(a, from: from, "randn"))
            for i in 0..<r.count {
                if i & 0xffff == 0 { try t.checkInterrupt() }
                r.floats[i] = t.runtime.rng.nextNormal()
            }
            return .arr(r)
        }
        defRandom(rt, "rand!") { t, a in
            let arr = try a.array(0, "rand!")
            for i in 0..<arr.count {
                arr.setRaw(i, try t.runtime.convert(arr.eltype, a.count > 1 ? try randomElement(t, a[1]) : .float(t.runtime.rng.nextDouble())))
            }
            return a[0]
        }
        defRandom(rt, "randperm") { t, a in
            try a.expect(1, "randperm")
            let n = try a.int(0, "randperm")
            // Julia: a negative length is an error of the array it makes
            let r = try JArray(eltype: .int64, checkedDims: [n])
            for i in 0..<n { r.ints[i] = Int64(i + 1) }
            for i in stride(from: n - 1, to: 0, by: -1) {
                let j = Int(t.runtime.rng.nextBelow(UInt64(i + 1)))
                (r.ints[i], r.ints[j]) = (r.ints[j], r.ints[i])
            }
            return .arr(r)
        }
        defRandom(rt, "shuffle") { t, a in
            try a.expect(1, "shuffle")
            let src = try t.runtime.asArray(a[0], t).copy()
            for i in stride(from: src.count - 1, to: 0, by: -1) {
                let j = Int(t.runtime.rng.nextBelow(UInt64(i + 1)))
                let x = src.get(i)
                src.setRaw(i, src.get(j))
                src.setRaw(j, x)
            }
            return .arr(src)
        }
        defRandom(rt, "randn!") { t, a in
            try a.expect(1, "randn!")
            let arr = try a.array(0, "randn!")
            for i in 0..<arr.count { arr.setRaw(i, try t.runtime.convert(arr.eltype, .float(t.runtime.rng.nextNormal()))) }
            return a[0]
        }
        // randstring([chars], [len]): len (8) characters drawn from chars (letters and digits)
        defRandom(rt, "randstring") { t, a in
            try a.expect(0...2, "randstring")
            var chars = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".unicodeScalars)
            var len = 8
            if a.count > 0, isInt(a[a.count - 1]) { len = try a.int(a.count - 1, "randstring") }
            if a.count == 2 || (a.count == 1 && !isInt(a[0])) {
                chars = try t.runtime.collectValues(a[0], t).map { v -> Unicode.Scalar in
                    guard case .char(let c) = v, let u = Unicode.Scalar(c) else { throw JuliaError.method("randstring", a.array) }
                    return u
                }
            }
            guard len >= 0 else { throw JuliaError.argument("length must be non-negative") }
            guard !chars.isEmpty || len == 0 else { throw JuliaError.argument("collection must be non-empty") }
            // a length larger than memory fails at once, as Julia's OutOfMemoryError (the
            // characters were appended until the host's memory ran out)
            try requireMemory(len, stride: chars.map { $0.utf8.count }.max() ?? 1)
            var out = String.UnicodeScalarView()
            out.reserveCapacity(len)
            for _ in 0..<len { out.append(chars[Int(t.runtime.rng.nextBelow(UInt64(chars.count)))]) }
            return .str(JStr(String(out)))
        }
        rt.defType("AbstractRNG", .abstractRNG)
        rt.defType("RandomDevice", .randomDevice)
        rt.constructors[ObjectIdentifier(JType.randomDevice)] = { _, _, a in
            try a.expect(0, "RandomDevice")
            return .obj(JStruct(JType.randomDevice, []))
        }
        rt.def("seed!") { t, a in
            let s = a.count > 0 ? try a.int(a.count - 1, "seed!") : Int(monotonicSeconds() * 1e9)
            t.runtime.rng = Xoshiro256(seed: UInt64(bitPattern: Int64(s)))
            return .nothing
        }
        defRandom(rt, "bitrand") { t, a in
            let r = try JArray(eltype: .bool, checkedDims: try dimsArgs(a, from: 0, "bitrand"))
            // 64 bits from each draw, as Julia's BitArray fill does; Ctrl-C stops a huge one
            var bits: UInt64 = 0
            for i in 0..<r.count {
                if i & 63 == 0 {
                    if i & 0xffff == 0 { try t.checkInterrupt() }
                    bits = t.runtime.rng.next()
                }
                r.bools[i] = bits & 1 == 1
                bits >>= 1
            }
            r.isBitArray = true
            return .arr(r)
        }
    }

    static func isInt(_ v: Value) -> Bool { if case .int = v { return true }; return false }

    /// Defines a random function that may take a generator as its first argument. With
    /// `RandomDevice()`, the draws of that call come from a generator seeded with 256 bits of
    /// the system's entropy (`getrandom`), so nothing of the task-local stream is used or
    /// changed and no two calls repeat.
    static func defRandom(_ rt: Runtime, _ name: String, _ body: @escaping Builtin.Body) {
        rt.def(name) { t, a in
            guard a.count > 0, case .obj(let o as JStruct) = a[0], o.type.isSubtype(of: .abstractRNG) else { return try body(t, a) }
            let rest = Args(base: a.base + 1, count: a.count - 1, kw: a.kw)
            let saved = t.runtime.rng
            var system = SystemRandomNumberGenerator()
            t.runtime.rng = Xoshiro256(state: (system.next(), system.next(), system.next(), system.next()))
            defer { t.runtime.rng = saved }
            return try body(t, rest)
        }
    }

    @inline(__always) static func randomValue(_ rt: Runtime, _ what: Value) -> Value {
        guard case .type(let ty) = what else { return .nothing }
        switch ty.tag {
        case .bool: return .bool(rt.rng.next() & 1 == 1)
        case .int64: return .int(Int64(bitPattern: rt.rng.next()))
        default: return .float(rt.rng.nextDouble())
        }
    }

    static func randomElement(_ t: Ctx, _ what: Value) throws -> Value {
        let rt = t.runtime
        switch what {
        case .type(let ty):
            switch ty.tag {
            case .bool, .int64, .float64: return randomValue(rt, what)
            case .char: return .char(UInt32(rt.rng.nextBelow(128)))
            default: throw JuliaError.argument("Sampler for this object is not defined")
            }
        case .range(let r):
            guard r.count > 0 else { throw JuliaError.argument("collection must be non-empty") }
            return r.element(Int(rt.rng.nextBelow(UInt64(r.count))))
        case .arr(let a):
            guard a.count > 0 else { throw JuliaError.argument("collection must be non-empty") }
            return a.get(Int(rt.rng.nextBelow(UInt64(a.count))))
        case .tuple(let tp):
            guard !tp.isEmpty else { throw JuliaError.argument("collection must be non-empty") }
            return tp[Int(rt.rng.nextBelow(UInt64(tp.count)))]
        case .str(let s):
            let cs = Array(s.value.unicodeScalars)
            guard !cs.isEmpty else { throw JuliaError.argument("collection must be non-empty") }
            return .char(cs[Int(rt.rng.nextBelow(UInt64(cs.count)))].value)
        default:
            let xs = try rt.collectValues(what, t)
            guard !xs.isEmpty else { throw JuliaError.argument("collection must be non-empty") }
            return xs[Int(rt.rng.nextBelow(UInt64(xs.count)))]
        }
    }
}

extension JType {
    /// `Random.AbstractRNG` and `RandomDevice` (the system's entropy; no state to send, so it
    /// travels to workers as a field-less struct).
    public static let abstractRNG = JType(name: "AbstractRNG", super: any, abstract: true)
    public static let randomDevice = makeStruct(name: "RandomDevice", modulePath: [], super: abstractRNG, mutable: false,
                                                fields: [], types: [])
}
