/// Dictionaries, sets, pairs and named tuples.
extension Builtins {
    static func dict(_ a: Args, _ i: Int, _ name: String) throws -> JDict {
        if case .obj(let o) = a[i], let d = o as? JDict { return d }
        throw JuliaError.method(name, a.array)
    }

    static func installCollections(_ rt: Runtime) {
        // only(x): the one element of a collection; none or more is an ArgumentError
        rt.def("only") { t, a in
            try a.expect(1, "only")
            let it = try t.runtime.makeIterator(a[0], t)
            guard let x = try it.next(t) else { throw JuliaError.argument("Collection is empty, must contain exactly 1 element") }
            if try it.next(t) != nil { throw JuliaError.argument("Collection has multiple elements, must contain exactly 1 element") }
            return x
        }
        rt.def("haskey") { t, a in
            // a Dict first, read where it lies with the key (no reference counted)
            if a.count == 2, let d = peekDict(a.base) { return .bool(d._withUnsafeGuaranteedRef { $0.has(at: a.base + 1) }) }
            try a.expect(2, "haskey")
            if case .obj(let o) = a[0], let n = o as? JNamedTuple, case .sym(let s) = a[1] { return .bool(n.names.contains(s)) }
            return .bool(try dict(a, 0, "haskey").get(a[1], t.runtime, t) != nil)
        }
        rt.def("get") { t, a in
            // `get(d, k, default)` on a Dict first: the common case
            // (the dictionary read where it is: no reference counted)
            if a.count == 3, let d = peekDict(a.base) {
                return d._withUnsafeGuaranteedRef { $0.get(at: a.base + 1) } ?? a[2]
            }
            if a.count == 3, case .fn = a[0] {
                // get(f, d, k)
                let d = try dict(a, 1, "get")
                return try d.get(a[2], t.runtime, t) ?? (try t.call(a[0], []))
            }
            try a.expect(3, "get")
            switch a[0] {
            case .obj(let o):
                if let d = o as? JDict { return try d.get(a[1], t.runtime, t) ?? a[2] }
                if let n = o as? JNamedTuple, case .sym(let s) = a[1] {
                    if let i = n.names.firstIndex(of: s) { return n.values[i] }
                    return a[2]
                }
            case .arr(let arr):
                if case .int(let i) = a[1], i >= 1, Int(i) <= arr.count { return arr.get(Int(i) - 1) }
                return a[2]
            case .tuple(let tp):
                if case .int(let i) = a[1], i >= 1, Int(i) <= tp.count { return tp[Int(i) - 1] }
                return a[2]
            default: break
            }
            throw JuliaError.method("get", a.array)
        }
        rt.def("get!") { t, a in
            if a.count == 3, case .fn = a[0] {
                let d = try dict(a, 1, "get!")
                if let v = try d.get(a[2], t.runtime, t) { return v }
                let v = try t.call(a[0], [])
                try d.set(a[2], v, t.runtime)
                return v
            }
            try a.expect(3, "get!")
            let d = try dict(a, 0, "get!")
            if let v = try d.get(a[1], t.runtime, t) { return v }
            try d.set(a[1], a[2], t.runtime)
            return try d.get(a[1], t.runtime, t) ?? a[2]
        }
        rt.def("delete!") { t, a in
            try a.expect(2, "delete!")
            if case .obj(let o) = a[0], let s = o as? JSet { s.remove(a[1]); return a[0] }
            try dict(a, 0, "delete!").remove(a[1])
            return a[0]
        }
        rt.def("keys") { t, a in
            try a.expect(1, "keys")
            switch a[0] {
            case .obj(let o):
                if let d = o as? JDict { return .obj(JKeySet(d)) }
                if let n = o as? JNamedTuple { return .tuple(JTuple.of(n.names.map { .sym($0) })) }
            case .arr(let arr): return .range(JRange(start: 1, stop: Int64(arr.count)))
            case .tuple(let tp): return .range(JRange(start: 1, stop: Int64(tp.count)))
            case .range(let r): return .range(JRange(start: 1, stop: Int64(r.count)))
            default: break
            }
            throw JuliaError.method("keys", a.array)
        }
        rt.def("values") { t, a in
            try a.expect(1, "values")
            if case .obj(let o) = a[0] {
                if let d = o as? JDict {
                    let r = JArray(eltype: d.valueType, dims: Dims(d.count))
                    for (i, (_, v)) in d.entries.enumerated() { r.setRaw(i, v) }
                    return .arr(r)
                }
                if let n = o as? JNamedTuple { return .tuple(JTuple.of(n.values)) }
            }
            return a[0]
        }
        rt.def("pairs") { t, a in
            try a.expect(1, "pairs")
            if case .obj(let o) = a[0], o is JDict { return a[0] }
            if case .obj(let o) = a[0], let n = o as? JNamedTuple {
                return .arr(t.runtime.collectedArray(zip(n.names, n.values).map { t.runtime.makePair(.sym($0), $1) }, dims: Dims(n.names.count)))
            }
            let xs = try t.runtime.collectValues(a[0], t)
            let ps = xs.enumerated().map { t.runtime.makePair(.int(Int64($0.offset + 1)), $0.element) }
            return .arr(t.runtime.collectedArray(ps, dims: Dims(ps.count)))
        }
        rt.def("merge") { t, a in
            guard a.count >= 1 else { throw JuliaError.method("merge", []) }
            let d0 = try dict(a, 0, "merge")
            var kt = d0.keyType, vt = d0.valueType
            for i in 1..<a.count {
                let d = try dict(a, i, "merge")
                kt = t.runtime.promoteType(kt, d.keyType)
                vt = t.runtime.promoteType(vt, d.valueType)
            }
            let r = JDict(keyType: kt, valueType: vt)
            for i in 0..<a.count { for (k, v) in try dict(a, i, "merge").entries { try r.set(k, v, t.runtime) } }
            return .obj(r)
        }
        rt.def("merge!") { t, a in
            let d0 = try dict(a, 0, "merge!")
            for i in 1..<a.count { for (k, v) in try dict(a, i, "merge!").entries { try d0.set(k, v, t.runtime) } }
            return a[0]
        }
        rt.def("union", arity: 1...Int.max) { t, a in
            var items: [Value] = []
            for i in 0..<a.count { items += try t.runtime.collectValues(a[i], t) }
            var seen = Set<ValueKey>()
            let out = items.filter { seen.insert(ValueKey($0)).inserted }
            return try setOrArray(a[0], out, t)
        }
        rt.def("intersect") { t, a in
            guard a.count >= 1 else { throw JuliaError.method("intersect", []) }
            var out = try t.runtime.collectValues(a[0], t)
            for i in 1..<a.count {
                let other = Set(try t.runtime.collectValues(a[i], t).map { ValueKey($0) })
                out = out.filter { other.contains(ValueKey($0)) }
            }
            var seen = Set<ValueKey>()
            out = out.filter { seen.insert(ValueKey($0)).inserted }
            return try setOrArray(a[0], out, t)
        }
        rt.def("setdiff") { t, a in
            try a.expect(2, "setdiff")
            let other = Set(try t.runtime.collectValues(a[1], t).map { ValueKey($0) })
            var seen = Set<ValueKey>()
            let out = try t.runtime.collectValues(a[0], t).filter { !other.contains(ValueKey($0)) && seen.insert(ValueKey($0)).inserted }
            return try setOrArray(a[0], out, t)
        }
        rt.def("issubset", arity: 2...2) { t, a in
            let other = Set(try t.runtime.collectValues(a[1], t).map { ValueKey($0) })
            return .bool(try t.runtime.collectValues(a[0], t).allSatisfy { other.contains(ValueKey($0)) })
        }
        rt.alias("⊆", "issubset")
        rt.alias("∪", "union")
        rt.alias("∩", "intersect")
    }
}

extension Builtins {
    /// A set operation's result: a `Set` when the first operand is one (as in Julia), else an array.
    static func setOrArray(_ first: Value, _ items: [Value], _ t: Ctx) throws -> Value {
        if case .obj(let o) = first, let s = o as? JSet {
            let r = s.emptyCopy()
            for x in items { try r.insert(x, t.runtime) }
            return .obj(r)
        }
        return .arr(t.runtime.collectedArray(items, dims: Dims(items.count)))
    }
}
