import Foundation

/// Type names, constants, and the constructors of built-in types.
extension Builtins {
    static func installTypes(_ rt: Runtime) {
        let named: [(String, JType)] = [
            ("Any", .any), ("Number", .number), ("Real", .real), ("Integer", .integer), ("Signed", .signed),
            ("Unsigned", .unsigned), ("AbstractFloat", .abstractFloat), ("Int64", .int64), ("Int", .int64),
            ("Int32", .int32), ("UInt8", .uint8), ("Int8", .int8), ("Int16", .int16), ("UInt16", .uint16),
            ("UInt32", .uint32), ("UInt64", .uint64), ("UInt", .uint64), ("Int128", .int128), ("UInt128", .uint128),
            ("Float16", .float16), ("Float64", .float64), ("Float32", .float32), ("Bool", .bool),
            ("Char", .char), ("AbstractChar", .abstractChar), ("String", .string), ("AbstractString", .abstractString),
            ("Symbol", .symbol), ("Nothing", .nothingType), ("Function", .function), ("Type", .typeType),
            ("DataType", .dataType), ("UnionAll", .unionAllType), ("Module", .module), ("Exception", .exception),
            ("Array", JType.arrayFamily), ("AbstractArray", JType.abstractArrayFamily), ("DenseArray", JType.denseArrayFamily),
            ("SharedArray", JType.sharedArrayFamily), ("BitArray", JType.bitArrayFamily), ("AbstractRange", JType.abstractRangeFamily),
            ("UnitRange", JType.unitRangeFamily), ("StepRange", JType.stepRangeFamily), ("StepRangeLen", JType.stepRangeLenFamily),
            ("Tuple", JType.tupleFamily), ("NamedTuple", .namedTuple), ("Dict", JType.dictFamily),
            ("AbstractDict", JType.abstractDictFamily), ("Set", JType.setFamily), ("BitSet", JType.bitSet), ("AbstractSet", JType.abstractSetFamily),
            ("Pair", JType.pairFamily), ("Channel", JType.channelFamily), ("AbstractChannel", JType.abstractChannelFamily),
            ("RemoteChannel", JType.remoteChannelFamily), ("Future", .future), ("Task", .task), ("Union", JType.unionFamily),
            ("IO", .ioType), ("IOBuffer", .ioBuffer), ("IOStream", .ioStream), ("Ref", JType.refFamily), ("Colon", .colonType),
            ("UndefInitializer", .undefInitializer), ("MIME", .mime), ("AbstractRemoteRef", .abstractRemoteRef),
            ("Condition", .condition), ("WorkerPool", .workerPool), ("CachingPool", .cachingPool),
            ("AbstractWorkerPool", .abstractWorkerPool),
        ]
        for (n, t) in named { rt.defType(n, t) }
        rt.defType("Vector", JType.apply(JType.arrayFamily, [.free, .int(1)]))
        rt.defType("Matrix", JType.apply(JType.arrayFamily, [.free, .int(2)]))
        rt.defType("AbstractVector", JType.apply(JType.abstractArrayFamily, [.free, .int(1)]))
        rt.defType("AbstractMatrix", JType.apply(JType.abstractArrayFamily, [.free, .int(2)]))
        rt.defType("SharedVector", JType.apply(JType.sharedArrayFamily, [.free, .int(1)]))
        rt.defType("SharedMatrix", JType.apply(JType.sharedArrayFamily, [.free, .int(2)]))
        for e in JType.builtinExceptions { rt.defType(e.name, e) }

        rt.setGlobal("π", .float(Double.pi), in: rt.base, const: true)
        rt.setGlobal("pi", .float(Double.pi), in: rt.base, const: true)
        rt.setGlobal("ℯ", .float(M_E), in: rt.base, const: true)
        rt.setGlobal("Inf", .float(.infinity), in: rt.base, const: true)
        rt.setGlobal("Inf64", .float(.infinity), in: rt.base, const: true)
        rt.setGlobal("NaN", .float(.nan), in: rt.base, const: true)
        rt.setGlobal("NaN64", .float(.nan), in: rt.base, const: true)
        rt.setGlobal("nothing", .nothing, in: rt.base, const: true)
        // Julia's size above which a stream writes an array directly rather than through its
        // buffer; programs use it to make messages that are sure to be large
        rt.setGlobal("SZ_UNBUFFERED_IO", .int(65536), in: rt.base, const: true)
        rt.defType("Ptr", .ptrFamily)
        rt.defType("Cvoid", .nothingType)
        rt.setGlobal("C_NULL", .obj(JStruct(JType.apply(.ptrFamily, [.type(.nothingType)]), [.int(0)])), in: rt.base, const: true)
        rt.setGlobal("undef", .obj(JUndefInitializer.shared), in: rt.base, const: true)
        rt.setGlobal("stdout", .obj(JIO(.stdout)), in: rt.base, const: true)
        rt.setGlobal("stderr", .obj(JIO(.stderr)), in: rt.base, const: true)
        rt.setGlobal("__typevar__", .obj(JTypeVar.shared), in: rt.base, const: true)
        rt.setGlobal("VERSION", .str(JStr("1.0.0-dist")), in: rt.base, const: true)

        installConstructors(rt)
    }

    static func installConstructors(_ rt: Runtime) {
        func ctor(_ t: JType, _ body: @escaping (Ctx, JType, Args) throws -> Value) {
            rt.constructors[ObjectIdentifier(t)] = body
        }
        for t in [JType.int64, .float64, .bool, .char, .uint8, .int32, .float32] {
            ctor(t) { _, ty, a in
                try a.expect(1, ty.name)
                if ty.tag == .float64, case .str = a[0] { throw JuliaError.method(ty.name, a.array) }
                if ty.tag == .float32 { return .float(try a.double(0, ty.name)) }
                if ty.tag == .int32 { return try rt.convert(ty, .int(Int64(try a.int(0, ty.name)))) }
                if ty.tag == .int64, case .float(let f) = a[0], !(f == f.rounded() && abs(f) < 9.2e18) {
                    throw JuliaError.inexact(ty.name, ty, a[0])
                }
                return try rt.convert(ty, a[0])
            }
        }
        // Integer(x), Signed(x), Unsigned(x): x as an integer (an integral float converts;
        // Unsigned of a negative number is an InexactError)
        for t in [JType.integer, .signed, .unsigned, .float16] {
            ctor(t) { _, ty, a in
                try a.expect(1, ty.name)
                if ty === JType.float16 { return try rt.convert(ty, a[0]) }
                let v = try rt.convert(.int64, a[0])
                if ty === JType.unsigned, case .int(let i) = v, i < 0 { throw JuliaError.inexact(ty.name, ty, a[0]) }
                if ty === JType.integer, case .bool = a[0] { return a[0] }
                return v
            }
        }
        for t in [JType.int8, .int16, .uint16, .uint32, .uint64, .int128, .uint128] {
            ctor(t) { _, ty, a in
                try a.expect(1, ty.name)
                return try rt.convert(ty, a[0])
            }
        }
        // Base.OneTo(n): the range 1:n (empty for n < 1)
        rt.def("OneTo") { t, a in
            try a.expect(1, "OneTo")
            return try t.runtime.makeRange(.int(1), .int(Int64(max(0, try a.int(0, "OneTo")))))
        }
        ctor(.string) { t, _, a in
            if a.count == 1 {
                switch a[0] {
                case .str: return a[0]
                case .sym(let s): return .str(JStr(s.name))
                case .arr(let arr) where arr.kind == .uint8:
                    return .str(JStr(String(decoding: UnsafeBufferPointer(start: arr.bytes, count: arr.count), as: UTF8.self)))
                case .arr(let arr) where arr.kind == .char:
                    var s = ""
                    for i in 0..<arr.count { s.unicodeScalars.append(Unicode.Scalar(arr.chars[i]) ?? "?") }
                    return .str(JStr(s))
                default: break
                }
            }
            return .str(JStr(try a.array.map { try t.runtime.printString($0, t) }.joined()))
        }
        ctor(.symbol) { t, _, a in
            .sym(JSym.intern(try a.array.map { try t.runtime.printString($0, t) }.joined()))
        }
        ctor(JType.arrayFamily) { t, ty, a in try makeArray(t, ty, a) }
        ctor(JType.tupleFamily) { t, _, a in
            try a.expect(1, "Tuple")
            return .tuple(JTuple.of(try t.runtime.collectValues(a[0], t)))
        }
        ctor(JType.pairFamily) { t, _, a in
            try a.expect(2, "Pair")
            return t.runtime.makePair(a[0], a[1])
        }
        ctor(JType.dictFamily) { t, ty, a in try makeDict(t, ty, a) }
        ctor(JType.bitSet) { t, _, a in
            try a.expect(0...1, "BitSet")
            let s = JSet(bitSet: ())
            for x in a.count == 0 ? [] : try t.runtime.collectValues(a[0], t) {
                guard case .int = x else { throw JuliaError.method("BitSet", [x]) }
                try s.insert(x, t.runtime)
            }
            return .obj(s)
        }
        ctor(JType.setFamily) { t, ty, a in
            let given = ty.paramType(0)
            let items = a.count == 0 ? [] : try t.runtime.collectValues(a[0], t)
            var et = given
            if et == nil {
                var joined: JType?
                for x in items {
                    let xt = t.runtime.typeOf(x)
                    joined = joined.map { t.runtime.typeJoin($0, xt) } ?? xt
                }
                et = joined ?? .any
            }
            let s = JSet(elType: et ?? .any)
            for x in items { try s.insert(x, t.runtime) }
            return .obj(s)
        }
        ctor(JType.channelFamily) { t, ty, a in
            let et = ty.paramType(0) ?? .any
            var size = 0
            if a.count >= 1 {
                if case .float(let f) = a[0], f.isInfinite { size = Int.max } else {
                    if case .fn = a[0] {
                        return try channelWithTask(t, a[0], et, a.keyword("csize"), a.keyword("ctype"))
                    }
                    size = try a.int(0, "Channel")
                }
            }
            if size < 0 { throw JuliaError.argument("Channel size must be either 0, a positive integer or Inf") }
            return .obj(JChannel(elType: et, capacity: size))
        }
        ctor(JType.refFamily) { t, ty, a in
            try a.expect(0...1, "Ref")
            let v = a.count == 1 ? a[0] : .undef
            let et = ty.paramType(0) ?? (a.count == 1 ? t.runtime.typeOf(v) : .any)
            return .obj(JRef(try a.count == 1 ? t.runtime.convert(et, v) : v, et))
        }
        ctor(JType.unitRangeFamily) { t, _, a in
            try a.expect(2, "UnitRange")
            return .range(JRange(start: Int64(try a.int(0, "UnitRange")), stop: Int64(try a.int(1, "UnitRange"))))
        }
        ctor(JType.stepRangeFamily) { t, _, a in
            try a.expect(3, "StepRange")
            return try t.runtime.makeRange(a[0], a[1], a[2])
        }
        ctor(.task) { t, _, a in
            try a.expect(1, "Task")
            let f = a[0]
            return .obj(JTask { ctx in try ctx.call(f, []) })
        }
        ctor(.mime) { t, _, a in .obj(JMime(a.count > 0 ? (try a.string(0, "MIME")) : "text/plain")) }
        ctor(.ioBuffer) { _, _, a in
            let io = JIO(.buffer)
            if a.count == 1, case .str(let s) = a[0] { io.buffer = Array(s.value.utf8) }
            return .obj(io)
        }
        // exceptions with optional fields
        ctor(.boundsError) { _, _, a in
            .obj(JStruct(.boundsError, [a.count > 0 ? a[0] : .nothing, a.count > 1 ? .tuple(Array(a.array.dropFirst())) : .nothing]))
        }
        ctor(.domainError) { t, _, a in
            try a.expect(1...2, "DomainError")
            return .obj(JStruct(.domainError, [a[0], a.count > 1 ? a[1] : .str(JStr(""))]))
        }
        ctor(.assertionError) { t, _, a in
            .obj(JStruct(.assertionError, [a.count > 0 ? .str(JStr(try t.runtime.printString(a[0], t))) : .str(JStr(""))]))
        }
        ctor(.dimensionMismatch) { t, _, a in
            .obj(JStruct(.dimensionMismatch, [a.count > 0 ? a[0] : .str(JStr(""))]))
        }
        ctor(.processExitedException) { t, _, a in
            .obj(JStruct(.processExitedException, [a.count > 0 ? .int(Int64(try a.int(0, "ProcessExitedException"))) : .int(-1)]))
        }
        ctor(.compositeException) { t, _, a in
            .obj(JStruct(.compositeException, [a.count > 0 ? a[0] : .arr(JArray(eltype: .any, dims: Dims(0)))]))
        }
        ctor(.errorException) { t, _, a in
            try a.expect(1, "ErrorException")
            return .obj(JStruct(.errorException, [.str(JStr(try t.runtime.printString(a[0], t)))]))
        }
        ctor(.argumentError) { t, _, a in
            try a.expect(1, "ArgumentError")
            return .obj(JStruct(.argumentError, [.str(JStr(try t.runtime.printString(a[0], t)))]))
        }
        ctor(.remoteException) { t, _, a in
            try a.expect(1...2, "RemoteException")
            if a.count == 1 { return JuliaError.remote(pid: t.runtime.pgrp.myid, a[0]).value }
            return JuliaError.remote(pid: try a.int(0, "RemoteException"), a[1]).value
        }
        ctor(.capturedException) { t, _, a in
            try a.expect(1...2, "CapturedException")
            return .obj(JStruct(.capturedException, [a[0], .arr(JArray(eltype: .any, dims: Dims(0)))]))
        }
    }

    /// `Array{T}(undef, dims...)`, `Vector{T}()`, `Array(x)`, `Matrix(x)`.
    static func makeArray(_ t: Ctx, _ ty: JType, _ a: Args) throws -> Value {
        let rt = t.runtime
        let et = ty.paramType(0)
        let fixedN = ty.paramInt(1)
        if a.count >= 1, case .obj(let o) = a[0], o is JUndefInitializer {
            var dims: [Int] = []
            if a.count == 2, case .tuple(let tp) = a[1] {
                dims = try tp.items.map { x -> Int in
                    guard case .int(let v) = x else { throw JuliaError.method("Array", a.array) }
                    return Int(v)
                }
            } else {
                for i in 1..<a.count { dims.append(try a.int(i, "Array")) }
            }
            if let n = fixedN, n != dims.count { throw JuliaError.method(ty.description, a.array) }
            guard let elt = et else { throw JuliaError.method(ty.description, a.array) }
            return .arr(try JArray(eltype: elt, checkedDims: dims))
        }
        if a.count == 0 {
            guard let elt = et else { throw JuliaError.method(ty.description, []) }
            if let n = fixedN, n != 1 { throw JuliaError.method(ty.description, []) }
            return .arr(JArray(eltype: elt, dims: Dims(0)))
        }
        if a.count == 1 {
            let src = try rt.asArray(a[0], t)
            var dims = src.dims
            if fixedN == 2 && dims.count == 1 { dims = [dims[0], 1] }
            if fixedN == 1 && dims.count != 1 { dims = [src.count] }
            let elt = et ?? src.eltype
            let r = JArray(eltype: elt, dims: dims)
            for i in 0..<src.count { r.setRaw(i, try rt.convert(elt, src.get(i))) }
            return .arr(r)
        }
        throw JuliaError.method(ty.description, a.array)
    }

    /// `Dict(pairs...)`, `Dict{K,V}()`, `Dict(iterable)`.
    static func makeDict(_ t: Ctx, _ ty: JType, _ a: Args) throws -> Value {
        let rt = t.runtime
        var pairs: [(Value, Value)] = []
        func addPair(_ p: Value) throws {
            switch p {
            case .obj(let o):
                if let s = o as? JStruct, s.type.root === JType.pairFamily { pairs.append((s[0], s[1])); return }
            case .tuple(let tp) where tp.count == 2:
                pairs.append((tp[0], tp[1]))
                return
            default: break
            }
            throw JuliaError.argument("Dict(kv): kv needs to be an iterator of tuples or pairs")
        }
        if a.count == 1, !(isPair(a[0])) {
            for p in try rt.collectValues(a[0], t) { try addPair(p) }
        } else {
            for p in a.array { try addPair(p) }
        }
        var kt = ty.paramType(0), vt = ty.paramType(1)
        if kt == nil || vt == nil {
            var kj: JType?, vj: JType?
            for (k, v) in pairs {
                let tk = rt.typeOf(k), tv = rt.typeOf(v)
                kj = kj.map { rt.promoteType($0, tk) } ?? tk
                vj = vj.map { rt.promoteType($0, tv) } ?? tv
            }
            kt = kt ?? kj ?? .any
            vt = vt ?? vj ?? .any
        }
        let d = JDict(keyType: kt ?? .any, valueType: vt ?? .any)
        for (k, v) in pairs { try d.set(k, v, rt) }
        return .obj(d)
    }

    static func isPair(_ v: Value) -> Bool {
        if case .obj(let o) = v, let s = o as? JStruct, s.type.root === JType.pairFamily { return true }
        return false
    }

    /// `Channel(f; ctype, csize)`: a channel fed by a task running `f(ch)`.
    static func channelWithTask(_ t: Ctx, _ f: Value, _ et: JType, _ csize: Value?, _ ctype: Value?) throws -> Value {
        var size = 0
        if case .int(let n)? = csize { size = Int(n) }
        var elt = et
        if case .type(let ty)? = ctype { elt = ty }
        let ch = JChannel(elType: elt, capacity: size)
        let task = JTask { ctx in
            // the channel is bound to the task: it closes when the task ends, with the task's
            // exception if it failed (a `take!` then rethrows it)
            do {
                let r = try ctx.call(f, [.obj(ch)])
                ch.close(ctx.runtime.scheduler)
                return r
            } catch let e as JuliaError {
                ch.close(ctx.runtime.scheduler, error: e)
                throw e
            }
        }
        t.runtime.scheduler.schedule(task)
        return .obj(ch)
    }
}
