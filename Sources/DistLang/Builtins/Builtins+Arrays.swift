import Foundation

/// Arrays and collections in general: constructors, size, shape and mutation. Ordering,
/// search and reductions are in Builtins+Reductions.swift; random numbers in Builtins+Random.swift.
extension Builtins {
    /// Dimensions from `f(T, 2, 3)`, `f(2, 3)`, `f((2, 3))`.
    static func dimsArgs(_ a: Args, from: Int, _ name: String) throws -> [Int] {
        var dims: [Int] = []
        if a.count == from + 1, case .tuple(let tp) = a[from] {
            dims = try tp.items.map { x in
                guard case .int(let n) = x else { throw JuliaError.method(name, a.array) }
                return Int(n)
            }
        } else {
            for i in from..<a.count { dims.append(try a.int(i, name)) }
        }
        _ = try JArray.elementCount(dims)
        return dims
    }

    /// A new array of `dims` with every element `v`. Ctrl-C stops the filling of a huge one
    /// (two billion Bools take seconds).
    static func filled(_ t: JType, _ dims: [Int], _ v: Value, _ ctx: Ctx) throws -> JArray {
        let r = try JArray(eltype: t, checkedDims: dims)
        for i in 0..<r.count {
            if i & 0xffff == 0 { try ctx.checkInterrupt() }
            r.setRaw(i, v)
        }
        return r
    }

    /// Elements `lo ..< lo + k` of a range, as a range of the same kind (the positions are
    /// inside the range, so the values fit, and wrapping arithmetic gives them exactly).
    static func subrange(_ r: JRange, _ lo: Int, _ k: Int) -> JRange {
        switch r.kind {
        case .unit:
            let first = r.start &+ Int64(lo)
            return JRange(start: first, stop: k > 0 ? first &+ Int64(k - 1) : first &- 1)
        case .step:
            let first = r.start &+ Int64(lo) &* r.step
            return JRange(start: first, step: r.step, stop: k > 0 ? first &+ Int64(k - 1) &* r.step : first &- r.step)
        case .float:
            return JRange(fstart: r.fstart + Double(lo) * r.fstep, fstep: r.fstep, length: k)
        }
    }

    static func installArrays(_ rt: Runtime) {
        for (name, one) in [("zeros", false), ("ones", true)] {
            rt.def(name) { t, a in
                var ty = JType.float64
                var from = 0
                if a.count >= 1, case .type(let x) = a[0] { ty = x; from = 1 }
                let dims = try dimsArgs(a, from: from, name)
                let v = try t.runtime.convert(ty, one ? .int(1) : .int(0))
                return .arr(try filled(ty, dims, v, t))
            }
        }
        rt.def("fill") { t, a in
            guard a.count >= 1 else { throw JuliaError.method("fill", []) }
            let dims = try dimsArgs(a, from: 1, "fill")
            let r = try JArray(eltype: t.runtime.typeOf(a[0]), checkedDims: dims)
            for i in 0..<r.count {
                if i & 0xffff == 0 { try t.checkInterrupt() }
                r.setRaw(i, a[0])
            }
            return .arr(r)
        }
        rt.def("fill!") { t, a in
            try a.expect(2, "fill!")
            let arr = try a.array(0, "fill!")
            let v = try t.runtime.convert(arr.eltype, a[1])
            for i in 0..<arr.count { arr.setRaw(i, v) }
            return a[0]
        }
        rt.def("similar") { t, a in
            try a.expect(1...3, "similar")
            let src = try t.runtime.asArray(a[0], t)
            var ty = src.eltype
            var dims = Array(src.dims)
            if a.count >= 2 {
                if case .type(let x) = a[1] { ty = x; if a.count == 3 { dims = try dimsArgs(a, from: 2, "similar") } } else { dims = try dimsArgs(a, from: 1, "similar") }
            }
            let r = try JArray(eltype: ty, checkedDims: dims)
            r.isBitArray = src.isBitArray && ty === JType.bool
            return .arr(r)
        }
        for (name, value) in [("trues", true), ("falses", false)] {
            rt.def(name) { t, a in
                let r = try filled(.bool, try dimsArgs(a, from: 0, name), .bool(value), t)
                r.isBitArray = true
                return .arr(r)
            }
        }
        rt.def("copy") { t, a in
            try a.expect(1, "copy")
            switch a[0] {
            case .arr(let arr): return .arr(arr.copy())
            case .obj(let o):
                if let d = o as? JDict {
                    let r = JDict(keyType: d.keyType, valueType: d.valueType)
                    for (k, v) in d.entries { try r.set(k, v, t.runtime) }
                    return .obj(r)
                }
                if let s = o as? JStruct, s.type.isMutable { return .obj(JStruct(s.type, copying: s.base, count: s.count)) }
                if let s = o as? JSet { let r = s.emptyCopy(); for x in s.values { try r.insert(x, t.runtime) }; return .obj(r) }
                return a[0]
            case .range(let r): return .arr(try t.runtime.rangeToArray(r))
            default: return a[0]
            }
        }
        rt.def("deepcopy") { t, a in
            try a.expect(1, "deepcopy")
            if case .arr(let s) = a[0], let info = s.shared {
                // a new SharedArray over the same processes, with a copy of the data
                let r = try t.runtime.pgrp.makeShared(eltype: s.eltype, dims: Array(s.dims), pids: info.pids, initializer: nil, t)
                for i in 0..<s.count { r.setRaw(i, s.get(i)) }
                return .arr(r)
            }
            var seen: [ObjectIdentifier: Value] = [:]
            return try deepCopy(a[0], &seen, t.runtime)
        }
        rt.def("length") { t, a in
            try a.expect(1, "length")
            return .int(Int64(try lengthOf(a[0], t)))
        }
        rt.def("size") { t, a in
            try a.expect(1...2, "size")
            let dims: [Int]
            switch a[0] {
            case .arr(let arr): dims = Array(arr.dims)
            case .range(let r): dims = [r.count]
            case .tuple(let tp): dims = [tp.count]
            case .str(let s): dims = [s.value.unicodeScalars.count]
            case .int, .float, .bool: dims = []
            default: throw JuliaError.method("size", a.array)
            }
            if a.count == 2 {
                let d = try a.int(1, "size")
                if d < 1 { throw JuliaError.argument("dimension out of range") }
                return .int(Int64(d <= dims.count ? dims[d - 1] : 1))
            }
            return .tuple(JTuple.of(dims.map { .int(Int64($0)) }))
        }
        rt.def("ndims", arity: 1...1) { t, a in
            switch a[0] {
            case .arr(let arr): return .int(Int64(arr.ndims))
            case .range: return .int(1)
            case .type(let ty): return .int(Int64(ty.paramInt(1) ?? 0))
            default: return .int(0)
            }
        }
        rt.def("axes", arity: 1...2) { t, a in
            let dims = try t.runtime.arrayDims(a[0])
            let all = JTuple.of(dims.map { .range(JRange(start: 1, stop: Int64($0))) })
            guard a.count == 2 else { return .tuple(all) }
            // Julia's axes(A, d): axes(A)[d] up to ndims, then 1:1; below 1 a BoundsError
            let d = try a.int(1, "axes")
            guard d >= 1 else { throw JuliaError.bounds(.tuple(all), [a[1]]) }
            return .range(JRange(start: 1, stop: Int64(d <= dims.count ? dims[d - 1] : 1)))
        }
        rt.def("eachindex", arity: 1...Int.max) { t, a in .range(JRange(start: 1, stop: Int64(try lengthOf(a[0], t)))) }
        rt.def("firstindex", arity: 1...2) { t, a in .int(1) }
        rt.def("lastindex") { t, a in
            if a.count == 2 { return try t.runtime.lastIndex(a[0], dim: try a.int(1, "lastindex"), ndims: 2, t) }
            return try t.runtime.lastIndex(a[0], dim: 1, ndims: 1, t)
        }
        rt.def("reshape") { t, a in
            guard a.count >= 2 else { throw JuliaError.method("reshape", a.array) }
            let src = try t.runtime.asArray(a[0], t)
            // one dimension may be `:`, inferred from the others
            var given = Array(a.array.dropFirst())
            if given.count == 1, case .tuple(let tp) = given[0] { given = tp.items }
            var colon: Int?
            for (i, d) in given.enumerated() {
                if case .obj(let o) = d, o is JColon {
                    guard colon == nil else { throw JuliaError.method("reshape", a.array) }
                    colon = i
                    given[i] = .int(1)
                }
            }
            var dims = try given.map { d -> Int in
                guard case .int(let n) = d, n >= 0 else { throw JuliaError.method("reshape", a.array) }
                return Int(n)
            }
            if let c = colon {
                let known = ((try? JArray.elementCount(dims)) ?? -1)
                guard known > 0, src.count % known == 0 else {
                    throw JuliaError.dimensionMismatch("array size \(src.count) must be divisible by the product of the new dimensions \(t.runtime.dimsText(dims.enumerated().map { $0.offset == c ? 1 : $0.element }))")
                }
                dims[c] = src.count / known
            }
            guard ((try? JArray.elementCount(dims)) ?? -1) == src.count else {
                throw JuliaError.dimensionMismatch("new dimensions \(t.runtime.dimsText(dims)) must be consistent with array size \(src.count)")
            }
            if src.shared != nil { return .arr(t.runtime.pgrp.reshapeShared(src, dims)) }
            return .arr(src.sharingReshape(dims))
        }
        rt.def("vec", arity: 1...1) { t, a in
            let src = try t.runtime.asArray(a[0], t)
            return .arr(src.ndims == 1 ? src : src.sharingReshape([src.count]))
        }
        rt.def("collect") { t, a in
            try a.expect(1...2, "collect")
            if a.count == 2 {
                let ty = try a.type(0, "collect")
                let xs = try t.runtime.collectValues(a[1], t)
                let r = JArray(eltype: ty, dims: Dims(xs.count))
                for (i, x) in xs.enumerated() { r.setRaw(i, try t.runtime.convert(ty, x)) }
                return .arr(r)
            }
            switch a[0] {
            case .arr(let arr): return .arr(arr.copy())
            case .range(let r): return .arr(try t.runtime.rangeToArray(r))
            case .str(let s):
                let r = JArray(eltype: .char, dims: Dims(s.value.unicodeScalars.count))
                for (i, c) in s.value.unicodeScalars.enumerated() { r.chars[i] = c.value }
                return .arr(r)
            case .obj(let o):
                if let d = o as? JDict {
                    let r = JArray(eltype: d.pairType, dims: Dims(d.count))
                    for (i, p) in t.runtime.dictPairs(d).enumerated() { r.values[i] = p }
                    return .arr(r)
                }
                if let k = o as? JKeySet {
                    let r = JArray(eltype: k.dict.keyType, dims: Dims(k.dict.count))
                    for (i, (key, _)) in k.dict.entries.enumerated() { r.setRaw(i, key) }
                    return .arr(r)
                }
            default: break
            }
            let xs = try t.runtime.collectValues(a[0], t)
            return .arr(t.runtime.collectedArray(xs, dims: Dims(xs.count)))
        }
        rt.def("push!") { t, a in
            // one value of the element type onto a vector that can grow (the common case):
            // the vector is used where it is, not copied out of the arguments
            if a.count == 2, Value.tag(at: a.base) == Value.arrayTag {
                let done = try Value.unretainedArray(at: a.base)._withUnsafeGuaranteedRef { arr -> Bool in
                    guard arr.memoryOwner == nil, arr.shared == nil, arr.ndims == 1, JDict.fits(arr.eltype, a.base[1]) else { return false }
                    try arr.appendRaw(a.base[1])
                    return true
                }
                if done { return a.base[0] }
            }
            guard a.count >= 1 else { throw JuliaError.method("push!", []) }
            switch a[0] {
            case .arr:
                let arr = try a.resizableVector(0, "push!")
                for i in 1..<a.count { try arr.appendRaw(JDict.fits(arr.eltype, a[i]) ? a[i] : try t.runtime.convert(arr.eltype, a[i])) }
                return a[0]
            case .obj(let o):
                if let s = o as? JSet { for i in 1..<a.count { try s.insert(a[i], t.runtime) }; return a[0] }
                if let p = o as? WorkerPoolObject {
                    for i in 1..<a.count {
                        guard case .int(let w) = a[i] else { throw JuliaError.method("push!", a.array) }
                        _ = try t.runtime.pgrp.poolOperation(p, .push, Int(w), t)
                    }
                    return a[0]
                }
                if let d = o as? JDict {
                    for i in 1..<a.count {
                        guard case .obj(let po) = a[i], let p = po as? JStruct, p.type.root === JType.pairFamily else { throw JuliaError.method("push!", a.array) }
                        try d.set(p[0], p[1], t.runtime)
                    }
                    return a[0]
                }
                if let ch = o as? JChannel { try ch.put(a[1], t); return a[0] }
            default: break
            }
            throw JuliaError.method("push!", a.array)
        }
        rt.def("pushfirst!") { t, a in
            let arr = try a.resizableVector(0, "pushfirst!")
            for i in stride(from: a.count - 1, through: 1, by: -1) { try arr.insertRaw(0, try t.runtime.convert(arr.eltype, a[i])) }
            return a[0]
        }
        rt.def("insert!") { t, a in
            try a.expect(3, "insert!")
            let arr = try a.resizableVector(0, "insert!")
            let i = try a.int(1, "insert!")
            guard i >= 1 && i <= arr.count + 1 else { throw JuliaError.bounds(a[0], [a[1]]) }
            try arr.insertRaw(i - 1, try t.runtime.convert(arr.eltype, a[2]))
            return a[0]
        }
        rt.def("append!") { t, a in
            let arr = try a.resizableVector(0, "append!")
            for i in 1..<a.count {
                for x in try t.runtime.collectValues(a[i], t) { try arr.appendRaw(try t.runtime.convert(arr.eltype, x)) }
            }
            return a[0]
        }
        rt.def("prepend!") { t, a in
            let arr = try a.resizableVector(0, "prepend!")
            let xs = try t.runtime.collectValues(a[1], t)
            for x in xs.reversed() { try arr.insertRaw(0, try t.runtime.convert(arr.eltype, x)) }
            return a[0]
        }
        rt.def("pop!") { t, a in
            switch a[0] {
            case .arr:
                let arr = try a.resizableVector(0, "pop!")
                guard arr.count > 0 else { throw JuliaError.argument("array must be non-empty") }
                let v = arr.get(arr.count - 1)
                try arr.resize(arr.count - 1)
                return v
            case .obj(let o):
                if let d = o as? JDict, a.count >= 2 {
                    if let v = d.remove(a[1]) { return v }
                    if a.count == 3 { return a[2] }
                    throw JuliaError.key(a[1])
                }
                if let s = o as? JSet, let first = s.values.first { s.remove(first); return first }
            default: break
            }
            throw JuliaError.method("pop!", a.array)
        }
        rt.def("popfirst!") { t, a in
            let arr = try a.resizableVector(0, "popfirst!")
            guard arr.count > 0 else { throw JuliaError.argument("array must be non-empty") }
            let v = arr.get(0)
            arr.removeRange(0, 1)
            return v
        }
        rt.def("deleteat!") { t, a in
            try a.expect(2, "deleteat!")
            let arr = try a.resizableVector(0, "deleteat!")
            let positions = try t.runtime.indexSpec(a[1], arr.count, a[0], [a[1]])
            var idx: [Int] = []
            for k in 0..<positions.count { idx.append(positions.at(k)) }
            for i in idx.sorted(by: >) { arr.removeRange(i, i + 1) }
            return a[0]
        }
        rt.def("resize!") { t, a in
            let arr = try a.resizableVector(0, "resize!")
            try arr.resize(try a.int(1, "resize!"))
            return a[0]
        }
        rt.def("empty!") { t, a in
            switch a[0] {
            case .arr: try a.resizableVector(0, "empty!").resize(0)
            case .obj(let o):
                if let d = o as? JDict { d.removeAll() }
                else if let s = o as? JSet { for x in s.values { s.remove(x) } }
                else if let ch = o as? JChannel { while ch.isReady { _ = try ch.take(t) } }
            default: throw JuliaError.method("empty!", a.array)
            }
            return a[0]
        }
        rt.def("isempty") { t, a in
            try a.expect(1, "isempty")
            if case .obj(let o) = a[0] {
                if let ch = o as? JChannel { return .bool(!ch.isReady) }
                if let r = o as? RemoteChannelRef { return try t.runtime.pgrp.channelOperation(r, .isempty, nil, t) }
            }
            return .bool(try lengthOf(a[0], t) == 0)
        }
        rt.def("first", arity: 1...2) { t, a in
            if a.count == 2 {
                let n = try a.int(1, "first")
                guard n >= 0 else { throw JuliaError.argument("Number of elements must be non-negative") }
                if case .str(let s) = a[0] { return .str(JStr(String(s.value.prefix(n)))) }
                // a range gives a range of its first elements, as Julia's (never collected whole)
                if case .range(let r) = a[0] { return .range(subrange(r, 0, min(n, r.count))) }
                let xs = try t.runtime.collectValues(a[0], t)
                return .arr(t.runtime.collectedArray(Array(xs.prefix(n)), dims: Dims(min(n, xs.count))))
            }
            switch a[0] {
            case .arr(let arr):
                guard arr.count > 0 else { throw JuliaError.bounds(a[0], [.int(1)]) }
                return arr.get(0)
            case .range(let r):
                guard r.count > 0 else { throw JuliaError.bounds(a[0], [.int(1)]) }
                return r.element(0)
            case .obj(let o):
                if let s = o as? JStruct, s.type.root === JType.pairFamily { return s[0] }
            default: break
            }
            let it = try t.runtime.makeIterator(a[0], t)
            guard let x = try it.next(t) else { throw JuliaError.argument("collection must be non-empty") }
            return x
        }
        rt.def("last", arity: 1...2) { t, a in
            if a.count == 2 {
                let n = try a.int(1, "last")
                guard n >= 0 else { throw JuliaError.argument("Number of elements must be non-negative") }
                if case .str(let s) = a[0] { return .str(JStr(String(s.value.suffix(n)))) }
                if case .range(let r) = a[0] { return .range(subrange(r, r.count - min(n, r.count), min(n, r.count))) }
                let xs = try t.runtime.collectValues(a[0], t)
                return .arr(t.runtime.collectedArray(Array(xs.suffix(n)), dims: Dims(min(n, xs.count))))
            }
            switch a[0] {
            case .arr(let arr):
                guard arr.count > 0 else { throw JuliaError.bounds(a[0], [.int(0)]) }
                return arr.get(arr.count - 1)
            case .range(let r):
                guard r.count > 0 else { throw JuliaError.bounds(a[0], [.int(0)]) }
                return r.element(r.count - 1)
            case .obj(let o):
                if let s = o as? JStruct, s.type.root === JType.pairFamily { return s[1] }
            default: break
            }
            let xs = try t.runtime.collectValues(a[0], t)
            guard let x = xs.last else { throw JuliaError.argument("collection must be non-empty") }
            return x
        }
        rt.def("vcat") { t, a in try t.runtime.vcat(a.array, t) }
        rt.def("hcat") { t, a in try t.runtime.hcat(a.array, t) }
        rt.def("cat") { t, a in
            guard let d = a.keywordInt("dims") else { throw JuliaError.method("cat", a.array) }
            return d == 1 ? try t.runtime.vcat(a.array, t) : try t.runtime.hcat(a.array, t)
        }
        rt.def("repeat") { t, a in
            try a.expect(2...3, "repeat")
            if case .str(let s) = a[0] { return .str(JStr(try repeated(s.value, try a.int(1, "repeat")))) }
            let src = try t.runtime.asArray(a[0], t)
            let n = try a.int(1, "repeat")
            if n < 0 { throw JuliaError.argument("invalid Array dimensions") }
            if a.count == 3 || src.ndims == 2 {
                let m = a.count == 3 ? try a.int(2, "repeat") : 1
                if m < 0 { throw JuliaError.argument("invalid Array dimensions") }
                let rows = src.dims[0], cols = src.ndims == 2 ? src.dims[1] : 1
                let (rn, o1) = rows.multipliedReportingOverflow(by: n), (cm, o2) = cols.multipliedReportingOverflow(by: m)
                if o1 || o2 { throw JuliaError.argument("invalid Array dimensions") }
                let r = try JArray(eltype: src.eltype, checkedDims: [rn, cm])
                // element by element, so an empty result with a huge dimension costs nothing
                for e in 0..<r.count {
                    let (i, j) = (e % rn, e / rn)
                    r.setRaw(e, src.get(i % rows + (j % cols) * rows))
                }
                return .arr(r)
            }
            let (total, overflow) = src.count.multipliedReportingOverflow(by: n)
            if overflow { throw JuliaError.argument("invalid Array dimensions") }
            let r = try JArray(eltype: src.eltype, checkedDims: [total])
            // (an empty array repeated 10^18 times is empty at once)
            if src.count > 0 { for k in 0..<max(0, n) { for i in 0..<src.count { r.setRaw(k * src.count + i, src.get(i)) } } }
            return .arr(r)
        }
        installOrderingAndReductions(rt)
        installRandom(rt)
    }

    static func lengthOf(_ v: Value, _ t: Ctx) throws -> Int {
        switch v {
        case .arr(let a): return a.count
        case .range(let r): return try r.checkedLength()
        case .tuple(let tp): return tp.count
        case .str(let s): return s.characterCount
        case .int, .float, .bool, .char: return 1
        case .obj(let o):
            if let d = o as? JDict { return d.count }
            if let s = o as? JSet { return s.count }
            if let k = o as? JKeySet { return k.dict.count }
            if let n = o as? JNamedTuple { return n.values.count }
            if let s = o as? JStruct, s.type === JType.compositeException { return try lengthOf(s[0], t) }
            if let p = o as? WorkerPoolObject, case .int(let n) = try t.runtime.pgrp.poolOperation(p, .length, nil, t) { return Int(n) }
            if let i = o as? IterableObject, let c = i.knownCount { return c }
            if let ch = o as? JChannel { return ch.count }
            if let ms = o as? MethodList { return ms.count }
            if let f = t.runtime.userFunction("length") { if case .int(let n) = try t.call1(.fn(f), v) { return Int(n) } }
            return try t.runtime.collectValues(v, t).count
        default: throw JuliaError.method("length", [v])
        }
    }

    static func deepCopy(_ v: Value, _ seen: inout [ObjectIdentifier: Value], _ rt: Runtime) throws -> Value {
        switch v {
        case .arr(let a):
            if let c = seen[ObjectIdentifier(a)] { return c }
            let r = JArray(eltype: a.eltype, dims: a.dims)
            seen[ObjectIdentifier(a)] = .arr(r)
            for i in 0..<a.count { r.setRaw(i, try deepCopy(a.get(i), &seen, rt)) }
            return .arr(r)
        case .tuple(let tp): return .tuple(JTuple.of(try tp.items.map { try deepCopy($0, &seen, rt) }))
        case .obj(let o):
            if let c = seen[ObjectIdentifier(o)] { return c }
            if let s = o as? JStruct {
                let r = JStruct(s.type, [])
                seen[ObjectIdentifier(o)] = .obj(r)
                r.fields = try s.fields.map { try deepCopy($0, &seen, rt) }
                return .obj(r)
            }
            if let d = o as? JDict {
                let r = JDict(keyType: d.keyType, valueType: d.valueType)
                seen[ObjectIdentifier(o)] = .obj(r)
                for (k, x) in d.entries { try r.set(try deepCopy(k, &seen, rt), try deepCopy(x, &seen, rt), rt) }
                return .obj(r)
            }
            return v
        default: return v
        }
    }
}
