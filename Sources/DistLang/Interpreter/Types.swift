/// Types of values, `isa`, conversion, and calling a type (constructors).
extension Runtime {
    /// The type of a value (`typeof`).
    public func typeOf(_ v: Value) -> JType { Runtime.staticTypeOf(v) }

    /// The type of a value (needs no runtime state).
    public static func staticTypeOf(_ v: Value) -> JType {
        switch v {
        case .int: return .int64
        case .float: return .float64
        case .bool: return .bool
        case .char: return .char
        case .nothing: return .nothingType
        case .undef: return .any
        case .str: return .string
        case .sym: return .symbol
        case .arr(let a): return a.jtype
        case .tuple(let t): return JType.tuple(t.buffer.map { staticTypeOf($0) })
        case .range(let r): return r.jtype
        case .fn(let f): return f.jtype
        case .type(let t):
            if !t.unionMembers.isEmpty { return JType.unionFamily }
            if t.family == nil && t.arity != 0 || t.params.contains(.free) { return .unionAllType }
            return .dataType
        case .obj(let o): return o.jtype
        }
    }

    /// `isa(v, t)`, with fast paths for scalars and unparameterized families.
    @inline(__always) public func isa(_ v: Value, _ t: JType) -> Bool {
        switch (v, t.tag) {
        case (_, .any), (.int, .int64), (.float, .float64), (.str, .string), (.bool, .bool): return true
        case (.obj(let o), _):
            if ObjectIdentifier(type(of: o)) == ObjectIdentifier(JStruct.self), unsafeDowncast(o, to: JStruct.self).typeAddress == Unmanaged.passUnretained(t).toOpaque() { return true }
        default: break
        }
        return isaSlow(v, t)
    }

    func isaSlow(_ v: Value, _ t: JType) -> Bool {
        if !t.unionMembers.isEmpty { return t.unionMembers.contains { isa(v, $0) } }
        if t === JType.typeType {
            if case .type = v { return true }
            return false
        }
        if let only = t.singletonOf {
            // `Type{P{N}} where N` has every instantiation of P as an instance
            if case .type(let x) = v { return x === only || only.params.contains(.free) && x.isSubtype(of: only) }
            return false
        }
        switch v {
        case .int, .float, .bool, .char, .nothing, .str, .sym:
            return typeOf(v).isSubtype(of: t)
        default: break
        }
        if case .tuple(let tp) = v, t.family === JType.tupleFamily {
            // `(d, v) isa Tuple{Float64,Int64}` item by item (tuples are covariant), without
            // making the tuple's type: a store into a vector of tuples asks this every time
            guard tp.count == t.params.count else { return false }
            for (x, p) in zip(tp.buffer, t.params) {
                guard case .type(let pt) = p else { return typeOf(v).isSubtype(of: t) }
                if !isa(x, pt) { return false }
            }
            return true
        }
        if t.family == nil && t.arity != 0 {
            // an unparameterized family such as `AbstractArray` or `Array`
            var f: JType? = rootFamily(v)
            while let cur = f {
                if cur === t { return true }
                f = cur.superMap.map { $0([]).root } ?? cur.superType
            }
            if case .obj(let o) = v, let s = o as? JStruct, s.type.family === t { return true }
            return false
        }
        return typeOf(v).isSubtype(of: t)
    }

    /// The family of a value's type (`Array` for any array), without building the type.
    func rootFamily(_ v: Value) -> JType {
        switch v {
        case .arr(let a): return a.isBitArray ? JType.bitArrayFamily : a.shared != nil ? JType.sharedArrayFamily : JType.arrayFamily
        case .tuple: return JType.tupleFamily
        case .range(let r):
            switch r.kind {
            case .unit: return JType.unitRangeFamily
            case .step: return JType.stepRangeFamily
            case .float: return JType.stepRangeLenFamily
            }
        default: return typeOf(v).root
        }
    }

    // MARK: Conversion

    /// `convert(T, v)`: the value as type `T`, or an error.
    public func convert(_ t: JType, _ v: Value) throws -> Value {
        if t === JType.any { return v }
        switch (t.tag, v) {
        case (.int64, .int): return v
        case (.float64, .float): return v
        case (.int64, .bool(let b)): return .int(b ? 1 : 0)
        case (.int64, .float(let x)):
            guard x.isFinite, x == x.rounded(), x >= -9.223372036854775808e18, x < 9.223372036854775808e18 else {
                throw JuliaError.inexact("Int64", .int64, v)
            }
            return .int(Int64(x))
        case (.int64, .char(let c)): return .int(Int64(c))
        case (.float64, .int(let i)): return .float(Double(i))
        case (.float64, .bool(let b)): return .float(b ? 1 : 0)
        case (.bool, .int(let i)):
            guard i == 0 || i == 1 else { throw JuliaError.inexact("Bool", .bool, v) }
            return .bool(i == 1)
        case (.bool, .float(let x)):
            guard x == 0 || x == 1 else { throw JuliaError.inexact("Bool", .bool, v) }
            return .bool(x == 1)
        case (.char, .int(let i)):
            guard let c = UInt32(exactly: i), let s = Unicode.Scalar(c) else { throw JuliaError.inexact("Char", .char, v) }
            return .char(s.value)
        case (.int32, .int(let i)):
            guard Int32(exactly: i) != nil else { throw JuliaError.inexact("trunc", .int32, v) }
            return v
        case (.uint8, .int(let i)):
            guard i >= 0 && i <= 255 else { throw JuliaError.inexact("UInt8", .uint8, v) }
            return v
        case (.uint8, .bool(let b)): return .int(b ? 1 : 0)
        // Int32 values are integers in Int32's range, kept as Int64 as UInt8's are
        case (.int32, .int(let i)):
            guard i >= Int64(Int32.min) && i <= Int64(Int32.max) else { throw JuliaError.inexact("Int32", .int32, v) }
            return v
        case (.int32, .bool(let b)): return .int(b ? 1 : 0)
        case (.int32, .float(let x)):
            guard x.isFinite, x == x.rounded(), x >= Double(Int32.min), x <= Double(Int32.max) else {
                throw JuliaError.inexact("Int32", .int32, v)
            }
            return .int(Int64(x))
        default: break
        }
        if isa(v, t) { return v }
        if t === JType.float32 {
            // Float32 values are Float64 values rounded to single precision
            switch v {
            case .float(let x): return .float(Double(Float(x)))
            case .int(let x): return .float(Double(Float(x)))
            case .bool(let b): return .float(b ? 1 : 0)
            default: throw JuliaError.method("convert", [.type(t), v])
            }
        }
        if t === JType.float16 {
            switch v {
            case .float(let x): return .float(Double(Float16(x)))
            case .int(let x): return .float(Double(Float16(Double(x))))
            case .bool(let b): return .float(b ? 1 : 0)
            default: throw JuliaError.method("convert", [.type(t), v])
            }
        }
        if let r = t.integerRange {
            let i: Int64
            switch v {
            case .int(let x): i = x
            case .bool(let b): i = b ? 1 : 0
            case .float(let x) where x.isFinite && x == x.rounded() && abs(x) < 9.2e18: i = Int64(x)
            default: throw JuliaError.method("convert", [.type(t), v])
            }
            guard r.contains(i) else { throw JuliaError.inexact(t.name, t, v) }
            return .int(i)
        }
        if t.root === JType.complexFamily, let (re, im) = Runtime.complexParts(v) {
            let r = Runtime.numValue(re), i = Runtime.numValue(im)
            if let p = t.paramType(0) { return try makeComplex(r, i, of: p) }
            return try makeComplex(r, i)
        }
        if t.root === JType.arrayFamily, case .arr(let a) = v, let et = t.paramType(0) {
            let n = t.paramInt(1) ?? a.ndims
            if n == a.ndims {
                let r = JArray(eltype: et, dims: a.dims)
                for i in 0..<a.count { r.setRaw(i, try convert(et, a.get(i))) }
                return .arr(r)
            }
        }
        if t.family === JType.tupleFamily, case .tuple(let tp) = v, tp.count == t.params.count {
            // item by item (`(1, 2)` stored into a `Vector{Tuple{Float64,Int}}`)
            var items: [Value] = []
            items.reserveCapacity(tp.count)
            for (x, p) in zip(tp.buffer, t.params) {
                guard case .type(let pt) = p else { throw JuliaError.method("convert", [.type(t), v]) }
                items.append(try convert(pt, x))
            }
            return .tuple(JTuple.of(items))
        }
        if t === JType.float64 || t === JType.abstractFloat, case .int(let i) = v { return .float(Double(i)) }
        if !t.unionMembers.isEmpty {
            for m in t.unionMembers { if let r = try? convert(m, v) { return r } }
        }
        if t.isAbstract, t === JType.real || t === JType.number || t === JType.integer, isa(v, t) { return v }
        throw JuliaError.method("convert", [.type(t), v])
    }

    // MARK: Constructors

    /// Calls a type: a struct's constructor, or a built-in type's.
    public func construct(_ t: JType, _ args: Args, _ ctx: Ctx) throws -> Value {
        if let c = t.constructor, let m = ctx.select(c, args.base, args.count) {
            return try ctx.invoke(c, m, args.base, args.count, args.kw)
        }
        if let b = t.cachedConstructor { return try b(ctx, t, args) }
        if let b = constructors[ObjectIdentifier(t)] ?? constructors[ObjectIdentifier(t.root)] {
            t.cachedConstructor = b
            return try b(ctx, t, args)
        }
        if t.isStructType && !t.hasInnerConstructors && t.family == nil {
            // no built-in constructor: remember that this type takes the default one
            t.cachedConstructor = { ctx, ty, args in try ctx.runtime.newStruct(ty, args) }
            t.takesDefaultConstructor = true
            return try newStruct(t, args)
        }
        throw JuliaError.method(.type(t), args.array)
    }

    /// The default constructor: one argument per field, converted to the field's type.
    public func newStruct(_ t: JType, _ args: Args) throws -> Value {
        guard args.count == t.fieldNames.count, args.kw.isEmpty else {
            throw JuliaError.method(.type(t), args.array)
        }
        let n = args.count
        // usually every argument already has its field's type (checked in place): the fields
        // are copied into the struct's memory at once
        // the field types read without a count (types are immortal; a retain and a release of
        // each, and of the array, cost more than the checks)
        let fit = t.fieldTypes.withUnsafeBufferPointer { types in
            guard let p = UnsafeRawPointer(types.baseAddress) else { return true }
            for i in 0..<min(n, types.count) {
                let ft = Unmanaged<JType>.fromOpaque(p.load(fromByteOffset: i * MemoryLayout<JType>.stride, as: UnsafeRawPointer.self))
                if !ft._withUnsafeGuaranteedRef({ JDict.fits($0, at: args.base + i) }) { return false }
            }
            return true
        }
        if fit {
            return .obj(JStruct(t, copying: args.base, count: n))
        }
        var fields: [Value] = []
        fields.reserveCapacity(args.count)
        for i in 0..<args.count {
            // the constructor taking any arguments converts each to its field's type, and its
            // errors are the conversion's (`Cannot convert…`, `InexactError`)
            let v = args[i]
            if i < t.fieldTypes.count {
                let ft = t.fieldTypes[i]
                fields.append(JDict.fits(ft, v) ? v : try convert(ft, v))
            } else {
                fields.append(v)
            }
        }
        return .obj(JStruct(t, fields))
    }
}
