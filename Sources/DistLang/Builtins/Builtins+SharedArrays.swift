/// `SharedArrays`: the constructors (in memory and over a file), the fields Julia code reads
/// (`S.pids`, `S.segname`, `S.loc_subarr_1d`, `S.s`, `S.pidx`, `S.id`), `sdata`, `indexpids`,
/// `localindices`, `shmem_fill`/`shmem_rand`/`shmem_randn`, conversions, `sa_refs`, and the
/// participants' side of making and dropping one.
extension Builtins {
    static func installSharedArrays(_ rt: Runtime) {
        rt.constructors[ObjectIdentifier(JType.sharedArrayFamily)] = { t, ty, a in
            try makeSharedArray(t, ty, a)
        }
        rt.def("__keep_shared") { t, a in
            // receiving the array mapped it; the registry keeps the mapping
            try a.expect(1, "__keep_shared")
            return .nothing
        }
        rt.def("__init_shared") { t, a in
            try a.expect(2, "__init_shared")
            _ = try t.call(a[0], [a[1]])
            return .nothing
        }
        rt.def("__drop_shared") { t, a in
            try a.expect(1, "__drop_shared")
            t.runtime.pgrp.sharedMappings.removeValue(forKey: try a.string(0, "__drop_shared"))
            return .nothing
        }
        rt.def("sdata") { t, a in
            try a.expect(1, "sdata")
            if case .obj(let o) = a[0], let u = o as? UnmappedSharedArray {
                return .arr(JArray(eltype: u.spec.eltype, dims: u.spec.dims.map { _ in 0 }))
            }
            guard case .arr(let s) = a[0], s.shared != nil else { return a[0] }
            return .arr(t.runtime.pgrp.sharedData(s))
        }
        rt.def("indexpids") { t, a in
            try a.expect(1, "indexpids")
            if case .obj(let o) = a[0], o is UnmappedSharedArray { return .int(0) }
            guard case .arr(let s) = a[0], let info = s.shared else { throw JuliaError.method("indexpids", a.array) }
            return .int(Int64(t.runtime.pgrp.sharedIndex(info)))
        }
        rt.def("localindices") { t, a in
            try a.expect(1, "localindices")
            if case .obj(let o) = a[0], o is UnmappedSharedArray { return .range(JRange(start: 1, stop: 0)) }
            guard case .arr(let s) = a[0], let info = s.shared else { throw JuliaError.method("localindices", a.array) }
            let (lo, hi) = t.runtime.pgrp.sharedLocalRange(s, info)
            return .range(JRange(start: Int64(lo), stop: Int64(hi)))
        }
        rt.def("shmem_fill") { t, a in
            // shmem_fill(v, dims; kw...): filled by each participant on its part
            guard a.count >= 2 else { throw JuliaError.method("shmem_fill", a.array) }
            let dims = try dimsArgs(a, from: 1, "shmem_fill")
            let v = a[0]
            let S = try t.runtime.pgrp.makeShared(eltype: t.runtime.typeOf(v), dims: dims, pids: try pidsKeyword(a, t),
                                                  initializer: nil, t)
            let x = try t.runtime.convert(S.eltype, v)
            for i in 0..<S.count {
                // a huge array takes long to fill: Ctrl-C is noticed (as in `fill`)
                if i & 0xFFFF == 0 { try t.checkInterrupt() }
                S.setRaw(i, x)
            }
            return .arr(S)
        }
        rt.def("shmem_rand") { t, a in
            // shmem_rand([T or range], dims; kw...)
            guard a.count >= 1 else { throw JuliaError.method("shmem_rand", a.array) }
            var from = 0
            var source: Value = .type(.float64)
            switch a[0] {
            case .type, .range: source = a[0]; from = 1
            default: break
            }
            let dims = try dimsArgs(a, from: from, "shmem_rand")
            let et: JType
            if case .type(let ty) = source { et = ty } else { et = .int64 }
            let S = try t.runtime.pgrp.makeShared(eltype: et, dims: dims, pids: try pidsKeyword(a, t), initializer: nil, t)
            let rand = Value.fn(try t.runtime.baseFunction("rand"))
            for i in 0..<S.count {
                if i & 0xFFFF == 0 { try t.checkInterrupt() }
                S.setRaw(i, try t.runtime.convert(et, try t.call(rand, [source])))
            }
            return .arr(S)
        }
        rt.def("shmem_randn") { t, a in
            let dims = try dimsArgs(a, from: 0, "shmem_randn")
            let S = try t.runtime.pgrp.makeShared(eltype: .float64, dims: dims, pids: try pidsKeyword(a, t), initializer: nil, t)
            let randn = Value.fn(try t.runtime.baseFunction("randn"))
            for i in 0..<S.count { S.setRaw(i, try t.call(randn, [])) }
            return .arr(S)
        }
        rt.def("elsize") { t, a in
            // Base.elsize(A) or Base.elsize(typeof(A)): bytes per element
            try a.expect(1, "elsize")
            let et: JType
            switch a[0] {
            case .type(let ty): et = elementType(of: ty)
            case .arr(let arr): et = arr.eltype
            default: throw JuliaError.method("elsize", a.array)
            }
            let kind = ElementKind.of(et)
            return .int(Int64(et.isSingleton ? 0 : kind == .any ? 8 : kind.stride))
        }
        // Nothing(): the singleton, as Julia's
        rt.constructors[ObjectIdentifier(JType.nothingType)] = { _, _, a in
            try a.expect(0, "Nothing")
            return .nothing
        }
        let refs = JDict(keyType: .rridType, valueType: .any)
        rt.pgrp.sharedRefs = refs
        rt.setGlobal("sa_refs", .obj(refs), in: rt.base, const: true)
        rt.defType("SharedVector", JType.apply(JType.sharedArrayFamily, [.free, .int(1)]))
        rt.defType("SharedMatrix", JType.apply(JType.sharedArrayFamily, [.free, .int(2)]))
    }

    static func pidsKeyword(_ a: Args, _ t: Ctx) throws -> [Int]? {
        guard let p = a.keyword("pids") else { return nil }
        let list = try t.runtime.collectValues(p, t).map { v -> Int in
            guard case .int(let x) = v else { throw JuliaError.argument("pids must be process ids") }
            return Int(x)
        }
        return list.isEmpty ? nil : list
    }

    /// `SharedArray{T,N}(dims; init, pids)`, `SharedArray{T}(d1, d2...)`, `SharedArray(A)`,
    /// `SharedArray{T,N}(filename, dims, offset; mode, init, pids)`.
    static func makeSharedArray(_ t: Ctx, _ ty: JType, _ a: Args) throws -> Value {
        let rt = t.runtime
        var et = ty.paramType(0)
        let fixedN = ty.paramInt(1)
        var dims: [Int] = []
        var source: JArray?
        var file: (path: String, offset: Int, mode: String?)?
        var args = a.array
        if case .str(let path)? = args.first {
            // over a file: (filename, dims[, offset])
            guard args.count >= 2, case .tuple = args[1] else { throw JuliaError.method(ty.description, a.array) }
            var offset = 0
            if args.count >= 3 { offset = try a.int(2, "SharedArray") }
            var mode: String?
            if let m = a.keyword("mode"), !m.isNothing {
                guard case .str(let s) = m else { throw JuliaError.argument("mode must be a string") }
                mode = s.value
            }
            file = (path.value, offset, mode)
            args = [args[1]]
        }
        if args.count == 1, case .tuple(let tp) = args[0] {
            dims = try tp.items.map { x -> Int in
                guard case .int(let v) = x else { throw JuliaError.method(ty.description, a.array) }
                return Int(v)
            }
        } else if args.count == 1, case .arr(let src) = args[0] {
            source = src
            dims = Array(src.dims)
            if et == nil { et = src.eltype }
        } else {
            for x in args {
                guard case .int(let v) = x else { throw JuliaError.method(ty.description, a.array) }
                dims.append(Int(v))
            }
        }
        guard let elt = et else { throw JuliaError.method(ty.description, a.array) }
        if let n = fixedN, n != dims.count { throw JuliaError.method(ty.description, a.array) }
        if dims.contains(where: { $0 < 0 }) { throw JuliaError.argument("invalid SharedArray dimensions") }
        var initializer: Value?
        if let i = a.keyword("init") {
            if case .bool(false) = i {} else { initializer = i }
        }
        let S = try rt.pgrp.makeShared(eltype: elt, dims: dims, pids: try pidsKeyword(a, t), initializer: initializer,
                                       file: file, t)
        if let src = source {
            for i in 0..<src.count { S.setRaw(i, try rt.convert(elt, src.get(i))) }
        }
        return .arr(S)
    }
}

extension ProcessGroup {
    /// `sdata(S)`: the plain array over S's memory here.
    func sharedData(_ s: JArray) -> JArray {
        guard s.shared != nil, s.memoryOwner != nil else { return s.copy() }
        return s.alias(dims: s.dims, from: 0, owner: ArrayView(parent: s, indices: s.dims.map { .range(JRange(start: 1, stop: Int64($0))) }))
    }

    /// The fields of a SharedArray.
    func sharedField(_ a: JArray, _ name: JSym, _ t: Ctx) throws -> Value? {
        guard let info = a.shared else { return nil }
        switch name.name {
        case "pids": return Builtins.pidsValue(info.pids)
        case "segname": return .str(JStr(info.segment))
        case "dims": return .tuple(JTuple.of(a.dims.map { .int(Int64($0)) }))
        case "pidx": return .int(Int64(sharedIndex(info)))
        case "id": return sharedRRID(info)
        case "s": return .arr(sharedData(a))
        case "refs": return .arr(JArray(eltype: .any, dims: Dims(0)))
        case "loc_subarr_1d":
            // this process's part, as a view of the array seen as one dimension
            let (lo, hi) = sharedLocalRange(a, info)
            let flat = a.count > 0 && a.memoryOwner != nil
                ? a.alias(dims: [a.count], from: 0, owner: ArrayView(parent: a, indices: [.range(JRange(start: 1, stop: Int64(a.count)))]))
                : a
            let r = Value.range(JRange(start: Int64(lo), stop: Int64(hi)))
            if let v = try Builtins.contiguousView(flat, [r], t) { return .arr(v) }
            return .arr(JArray(eltype: a.eltype, dims: Dims(0)))
        default: return nil
        }
    }

    /// `S.id`: the creator's pid and its number for the array, as Julia's `RRID`.
    func sharedRRID(_ info: SharedArrayInfo) -> Value {
        let parts = info.id.split(separator: ".").compactMap { Int($0) }
        return rridValue(RRID(whence: parts.first ?? 0, id: parts.count > 1 ? parts[1] : 0))
    }

    /// `reshape(S, dims)`: another SharedArray over the same memory.
    public func reshapeShared(_ s: JArray, _ dims: [Int]) -> JArray {
        guard let info = s.shared else { return s.sharingReshape(dims) }
        let r = s.sharingReshape(dims)
        sharedCounter += 1
        r.shared = SharedArrayInfo(pids: info.pids, segment: info.segment, id: "\(myid).\(sharedCounter)", file: info.file,
                                   mapping: info.mapping)
        sharedObjects[r.shared!.id] = WeakArray(r)
        return r
    }
}
