/// Iteration as Julia programs see it: `iterate`, the traits `Base.IteratorSize` and
/// `Base.IteratorEltype`, `Base.Generator(f, iter)`, `Returns(x)`, and `BitVector`/`BitMatrix`.
///
/// The traits are built-in struct types (`Base.HasShape{2}()`), so they travel between
/// processes as structs do. A user's iterator is a type with `Base.iterate` methods (and,
/// when its length is unknown, an `IteratorSize` method returning `SizeUnknown()`); `collect`,
/// `map` and `for` drive it through `iterate`.
extension JType {
    public static let iteratorSize = JType(name: "Base.IteratorSize", super: any, abstract: true)
    public static let hasShapeFamily: JType = {
        let t = JType(name: "Base.HasShape", super: iteratorSize, arity: 1)
        t.isStructType = true
        return t
    }()
    public static let hasLength = makeStruct(name: "Base.HasLength", modulePath: [], super: iteratorSize, mutable: false, fields: [], types: [])
    public static let sizeUnknown = makeStruct(name: "Base.SizeUnknown", modulePath: [], super: iteratorSize, mutable: false, fields: [], types: [])
    public static let isInfinite = makeStruct(name: "Base.IsInfinite", modulePath: [], super: iteratorSize, mutable: false, fields: [], types: [])
    public static let iteratorEltype = JType(name: "Base.IteratorEltype", super: any, abstract: true)
    public static let hasEltype = makeStruct(name: "Base.HasEltype", modulePath: [], super: iteratorEltype, mutable: false, fields: [], types: [])
    public static let eltypeUnknown = makeStruct(name: "Base.EltypeUnknown", modulePath: [], super: iteratorEltype, mutable: false, fields: [], types: [])
    /// `Base.Generator{I,F}`: a lazy `f(x) for x in iter`.
    public static let generatorFamily = JType(name: "Base.Generator", super: any, arity: 2)
}

/// `Base.Generator(f, iter)`: applies `f` to each element of `iter` as it is iterated.
final class JGenerator: JObject, IterableObject, CustomShow {
    let f: Value
    let iter: Value
    init(_ f: Value, _ iter: Value) { self.f = f; self.iter = iter }

    override var jtype: JType {
        JType.apply(JType.generatorFamily, [.type(Runtime.staticTypeOf(iter)), .type(Runtime.staticTypeOf(f))])
    }

    func makeIterator(_ t: Ctx) throws -> ValueIterator {
        let it = try t.runtime.makeIterator(iter, t)
        let f = self.f
        return ClosureIterator { t in
            guard let x = try it.next(t) else { return nil }
            return try t.call(f, [x])
        }
    }

    var knownCount: Int? {
        switch iter {
        case .arr(let a): return a.count
        case .range(let r): return r.count
        case .tuple(let tp): return tp.count
        case .str(let s): return s.value.unicodeScalars.count
        case .obj(let o): return (o as? IterableObject)?.knownCount
        default: return nil
        }
    }

    func showText(_ rt: Runtime, _ t: Ctx?) throws -> String {
        jtype.description + "(" + (try rt.repr(f, t)) + ", " + (try rt.repr(iter, t)) + ")"
    }
}

/// The state `iterate` hands back for iterables that iterate themselves (generators, channels,
/// lazy iterators): the running iteration.
final class IterationState: JObject {
    let iterator: ValueIterator
    init(_ it: ValueIterator) { iterator = it }
}

extension Builtins {
    static func installIteration(_ rt: Runtime) {
        for (name, t) in [("IteratorSize", JType.iteratorSize), ("HasShape", JType.hasShapeFamily), ("HasLength", .hasLength),
                          ("SizeUnknown", .sizeUnknown), ("IsInfinite", .isInfinite), ("IteratorEltype", .iteratorEltype),
                          ("HasEltype", .hasEltype), ("EltypeUnknown", .eltypeUnknown), ("Generator", JType.generatorFamily),
                          ("BitVector", JType.bitArray(1)), ("BitMatrix", JType.bitArray(2))] {
            rt.defType(name, t)
            // not exported from Julia's Base, so they show as `Base.HasShape{2}()`; values
            // of them are decoded by that name
            if t.name.hasPrefix("Base.") { rt.registerType(t) }
        }
        rt.constructors[ObjectIdentifier(JType.hasShapeFamily)] = { _, called, a in
            guard called.family != nil, called.isFullySpecified, a.count == 0 else { throw JuliaError.method(.type(called), a.array) }
            return .obj(JStruct(called, []))
        }
        rt.constructors[ObjectIdentifier(JType.iteratorSize)] = { t, _, a in
            try a.expect(1, "IteratorSize")
            // `IteratorSize(x)` is `IteratorSize(typeof(x))`, so methods on `Type{…}` apply
            guard case .type(let ty) = a[0] else { return try t.call(.type(.iteratorSize), [.type(t.runtime.typeOf(a[0]))]) }
            return .obj(JStruct(Runtime.iteratorSize(of: ty), []))
        }
        rt.constructors[ObjectIdentifier(JType.iteratorEltype)] = { t, _, a in
            try a.expect(1, "IteratorEltype")
            guard case .type(let ty) = a[0] else { return try t.call(.type(.iteratorEltype), [.type(t.runtime.typeOf(a[0]))]) }
            let unknown = ty.root === JType.generatorFamily
            return .obj(JStruct(unknown ? JType.eltypeUnknown : JType.hasEltype, []))
        }
        rt.constructors[ObjectIdentifier(JType.generatorFamily)] = { _, called, a in
            guard called.family == nil, a.count == 2, a.kw.isEmpty else { throw JuliaError.method(.type(called), a.array) }
            return .obj(JGenerator(a[0], a[1]))
        }
        rt.constructors[ObjectIdentifier(JType.bitArrayFamily)] = { t, called, a in
            // `BitArray(undef, dims...)`, `BitVector(undef, n)`, `BitArray(bools)`
            if a.count >= 1, case .obj(let o) = a[0], o is JUndefInitializer {
                let dims = try dimsArgs(a, from: 1, "BitArray")
                if let n = called.paramInt(0), n != dims.count { throw JuliaError.method(.type(called), a.array) }
                let r = JArray(eltype: .bool, dims: dims)
                r.isBitArray = true
                return .arr(r)
            }
            try a.expect(1, "BitArray")
            let xs = try t.runtime.collectValues(a[0], t)
            let dims = (try? t.runtime.arrayDims(a[0])).flatMap { $0.isEmpty ? nil : $0 } ?? [xs.count]
            if let n = called.paramInt(0), n != dims.count { throw JuliaError.method(.type(called), a.array) }
            let r = JArray(eltype: .bool, dims: dims)
            for (i, x) in xs.enumerated() { r.setRaw(i, try t.runtime.convert(.bool, x)) }
            r.isBitArray = true
            return .arr(r)
        }
        rt.def("Returns") { t, a in
            try a.expect(1, "Returns")
            return .fn(t.runtime.returnsFunction(a[0], t))
        }
        rt.def("iterate") { t, a in
            try a.expect(1...2, "iterate")
            return try t.runtime.iterateBuiltin(a[0], a.count == 2 ? a[1] : nil, t)
        }
    }
}

extension Runtime {
    /// Julia's `IteratorSize` of a type: arrays and ranges have a shape, channels and
    /// generators of unknown-size iterators no known size, everything else a length.
    static func iteratorSize(of ty: JType) -> JType {
        if ty.root === JType.arrayFamily || ty.root === JType.sharedArrayFamily || ty.root === JType.bitArrayFamily {
            let n = ty.root === JType.bitArrayFamily ? ty.paramInt(0) : ty.paramInt(1)
            return JType.apply(JType.hasShapeFamily, [.int(n ?? 1)])
        }
        switch ty.root.tag {
        case .unitRange, .stepRange, .stepRangeLen: return JType.apply(JType.hasShapeFamily, [.int(1)])
        case .int64, .float64, .bool, .char, .int32, .float32, .uint8: return JType.apply(JType.hasShapeFamily, [.int(0)])
        case .channel, .remoteChannel: return .sizeUnknown
        default: break
        }
        if ty.root === JType.generatorFamily, let inner = ty.paramType(0) { return iteratorSize(of: inner) }
        return .hasLength
    }

    /// `Returns(x)`: a function of any arguments that gives `x`. It is a closure over `x`, so it
    /// travels to other processes as closures do.
    func returnsFunction(_ x: Value, _ t: Ctx) -> JFunction {
        let args = LocalVar(name: JSym.intern("args"), slot: 0)
        let kwargs = LocalVar(name: JSym.intern("kwargs"), slot: 1)
        let name = "Returns{\(typeOf(x))}(" + ((try? repr(x, t)) ?? "…") + ")"
        let l = Lambda(name: name, params: [ParamInfo(name: args.name, local: args, type: nil, defaultValue: nil)],
                       nRequired: 0, isVararg: true, kwParams: [], kwSplat: kwargs,
                       nslots: 2, locals: [args, kwargs], captures: [], captureNames: [], body: .literal(x), globalsUsed: [],
                       module: [], isToplevel: false)
        let ms = Runtime.methods(for: l, types: [.any])
        let f = JFunction(closure: ms[0], env: [])
        for m in ms.dropFirst() { f.addMethod(m) }
        return f
    }

    /// The built-in `iterate(x[, state])` for the built-in collections: the state of an indexed
    /// collection is the next index; other iterables keep their running iteration as the state.
    func iterateBuiltin(_ x: Value, _ state: Value?, _ t: Ctx) throws -> Value {
        switch x {
        case .int, .float, .bool, .char:
            // a number iterates once
            return state == nil ? .tuple([x, .nothing]) : .nothing
        case .obj(let o as JGenerator):
            // a generator's state is its iterable's
            let r = try t.call(.fn(iterateFunction()), state.map { [o.iter, $0] } ?? [o.iter])
            guard case .tuple(let tp) = r, tp.count == 2 else { return .nothing }
            return .tuple([try t.call(o.f, [tp[0]]), tp[1]])
        case .arr, .range, .tuple, .str:
            let i: Int
            if let s = state {
                guard case .int(let k) = s else { throw JuliaError.method("iterate", [x, s]) }
                // a state before the first element is out of bounds (it read before the
                // array's memory, or trapped)
                guard k >= 1 else { throw JuliaError.make(.boundsError, [x, s]) }
                i = Int(k)
            } else {
                i = 1
            }
            switch x {
            case .arr(let a): return i <= a.count ? .tuple([a.get(i - 1), .int(Int64(i + 1))]) : .nothing
            case .range(let r): return i <= r.count ? .tuple([r.element(i - 1), .int(Int64(i + 1))]) : .nothing
            case .tuple(let tp): return i <= tp.count ? .tuple([tp[i - 1], .int(Int64(i + 1))]) : .nothing
            default:
                let xs = try collectValues(x, t)
                return i <= xs.count ? .tuple([xs[i - 1], .int(Int64(i + 1))]) : .nothing
            }
        default:
            let it: ValueIterator
            if let s = state {
                guard case .obj(let o) = s, let st = o as? IterationState else { throw JuliaError.method("iterate", [x, s]) }
                it = st.iterator
            } else {
                if case .obj(let o) = x, o is JStruct, !isCollectionStruct(o) { throw JuliaError.method("iterate", [x]) }
                it = try makeIterator(x, t)
                // this built-in is what `iterate` falls back to when no method of the user's
                // applies: going through the protocol would call it again, without end
                if it is ProtocolIterator { throw JuliaError.method("iterate", [x]) }
            }
            guard let v = try it.next(t) else { return .nothing }
            return .tuple([v, .obj(IterationState(it))])
        }
    }

    /// The generic function `iterate` (with any methods users added).
    func iterateFunction() -> JFunction {
        if case .fn(let f)? = base.bindings[JSym.intern("iterate")]?.value { return f }
        return JFunction(name: "iterate", module: [JSym.intern("Base")])
    }

    /// Structs the runtime itself iterates (pairs).
    func isCollectionStruct(_ o: JObject) -> Bool {
        if let s = o as? JStruct { return s.type.root === JType.pairFamily }
        return false
    }
}
