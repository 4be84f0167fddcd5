/// Iteration, collecting, and building arrays from literals and element lists.

/// A running iteration over a collection.
public protocol ValueIterator: AnyObject {
    func next(_ t: Ctx) throws -> Value?
}

/// Iterates a list of values already gathered.
final class ListIterator: ValueIterator {
    let items: [Value]
    var i = 0
    init(_ items: [Value]) { self.items = items }
    func next(_ t: Ctx) throws -> Value? {
        guard i < items.count else { return nil }
        i += 1
        return items[i - 1]
    }
}

/// Iterates through Julia's protocol: `iterate(x)`, then `iterate(x, state)`.
final class ProtocolIterator: ValueIterator {
    let f: Value, x: Value
    var state: Value?
    var done = false
    init(_ f: Value, _ x: Value) { self.f = f; self.x = x }
    func next(_ t: Ctx) throws -> Value? {
        if done { return nil }
        let r: Value
        if let s = state { r = try t.call2(f, x, s) } else { r = try t.call1(f, x) }
        guard case .tuple(let tp) = r, tp.count == 2 else {
            done = true
            return nil
        }
        state = tp[1]
        return tp[0]
    }
}

/// An object that knows how to iterate itself (lazy iterators, channels, generators).
public protocol IterableObject: AnyObject {
    func makeIterator(_ t: Ctx) throws -> ValueIterator
    /// The number of elements, when known without iterating.
    var knownCount: Int? { get }
}

extension Runtime {
    /// An iterator over `v`.
    public func makeIterator(_ v: Value, _ t: Ctx) throws -> ValueIterator {
        switch v {
        case .obj(let o):
            if let it = o as? IterableObject { return try it.makeIterator(t) }
            if let d = o as? JDict { return ListIterator(dictPairs(d)) }
            if let s = o as? JSet { return ListIterator(s.values) }
            if let k = o as? JKeySet { return ListIterator(k.dict.entries.map { $0.0 }) }
            if let n = o as? JNamedTuple { return ListIterator(n.isKeywordPairs ? keywordPairs(n) : n.values) }
            if let s = o as? JStruct, s.type.root === JType.pairFamily { return ListIterator(s.fields) }
            if let s = o as? JStruct, s.type === JType.compositeException { return ListIterator(try collectValues(s[0], t)) }
            if let f = lookupBinding(main, JSym.intern("iterate"))?.value, case .fn(let fn) = f, !fn.methods.isEmpty {
                return ProtocolIterator(f, v)
            }
            throw JuliaError.method("iterate", [v])
        case .nothing:
            throw JuliaError.method("iterate", [v])
        default:
            return ListIterator(try collectValues(v, t))
        }
    }

    /// The elements of a collection, in iteration order.
    public func collectValues(_ v: Value, _ t: Ctx?) throws -> [Value] {
        switch v {
        case .arr(let a):
            var out: [Value] = []
            out.reserveCapacity(a.count)
            for i in 0..<a.count { out.append(a.get(i)) }
            return out
        case .range(let r):
            try requireValues(r.count)
            return (0..<r.count).map { r.element($0) }
        case .tuple(let tp): return tp.items
        case .str(let s): return s.value.unicodeScalars.map { .char($0.value) }
        case .int, .float, .bool, .char: return [v]
        case .obj(let o):
            if let d = o as? JDict { return dictPairs(d) }
            if let s = o as? JSet { return s.values }
            if let k = o as? JKeySet { return k.dict.entries.map { $0.0 } }
            if let n = o as? JNamedTuple { return n.isKeywordPairs ? keywordPairs(n) : n.values }
            if let s = o as? JStruct, s.type.root === JType.pairFamily { return s.fields }
            if let s = o as? JStruct, s.type === JType.compositeException { return try collectValues(s[0], t) }
            guard let t = t else { throw JuliaError.method("iterate", [v]) }
            let it = try makeIterator(v, t)
            var out: [Value] = []
            while let x = try it.next(t) { out.append(x) }
            return out
        default:
            throw JuliaError.method("iterate", [v])
        }
    }

    /// A dictionary's entries as `Pair{K, V}`s with its key and value types, as Julia's
    /// iteration gives them.
    func dictPairs(_ d: JDict) -> [Value] {
        let pt = d.pairType
        return d.entries.map { .obj(JStruct(pt, [$0.0, $0.1])) }
    }

    /// The shape a comprehension over `v` takes (a matrix keeps its dimensions).
    func iterationShape(_ v: Value, _ t: Ctx) throws -> [Int]? {
        if case .arr(let a) = v { return Array(a.dims) }
        return nil
    }

    /// Keyword arguments from `kws...` (a named tuple, pairs, or a dictionary).
    func keywordPairs(_ v: Value, _ t: Ctx) throws -> [(JSym, Value)] {
        if case .obj(let o) = v, let n = o as? JNamedTuple { return Array(zip(n.names, n.values)) }
        var out: [(JSym, Value)] = []
        for x in try collectValues(v, t) {
            // `(:a, 1)` pairs a name and a value as `:a => 1` does
            if case .tuple(let tp) = x, tp.count == 2, case .sym(let k) = tp[0] {
                out.append((k, tp[1]))
                continue
            }
            guard case .obj(let o) = x, let p = o as? JStruct, p.count == 2, case .sym(let k) = p[0] else {
                throw JuliaError.argument("keyword arguments must be Symbol => value pairs")
            }
            out.append((k, p[1]))
        }
        return out
    }

    /// True for arrays, ranges and shared arrays.
    @inline(__always) func isArrayLike(_ v: Value) -> Bool {
        switch v {
        case .arr, .range: return true
        default: return false
        }
    }

    func arrayDims(_ v: Value) throws -> [Int] {
        switch v {
        case .arr(let a): return Array(a.dims)
        case .range(let r): return [r.count]
        case .tuple(let t): return [t.count]
        default: return []
        }
    }

    /// The elements of a numeric array as doubles.
    func floatsOf(_ v: Value, _ t: Ctx?) throws -> [Double] {
        if case .arr(let a) = v, a.kind == .float64 { return Array(UnsafeBufferPointer(start: a.floats, count: a.count)) }
        return try collectValues(v, t).map { x -> Double in
            guard let n = numeric(x) else { throw JuliaError.method("float", [x]) }
            return toDouble(n)
        }
    }

    func rangeToArray(_ r: JRange) throws -> JArray {
        let a = try JArray(eltype: r.kind == .float ? .float64 : .int64, checkedDims: [r.count])
        for i in 0..<r.count { a.setRaw(i, r.element(i)) }
        return a
    }

    /// `v` as an array (ranges and tuples are collected).
    func asArray(_ v: Value, _ t: Ctx?) throws -> JArray {
        switch v {
        case .arr(let a): return a
        case .range(let r): return try rangeToArray(r)
        default:
            let xs = try collectValues(v, t)
            return collectedArray(xs, dims: Dims(xs.count))
        }
    }

    // MARK: Element types

    /// Julia's `promote_type` for the element type of a vector literal.
    func promoteType(_ a: JType, _ b: JType) -> JType {
        if a === b { return a }
        let numeric: Set<ObjectIdentifier> = [ObjectIdentifier(JType.int64), ObjectIdentifier(JType.float64), ObjectIdentifier(JType.bool)]
        if numeric.contains(ObjectIdentifier(a)) && numeric.contains(ObjectIdentifier(b)) {
            if a === JType.float64 || b === JType.float64 { return .float64 }
            return .int64
        }
        return typeJoin(a, b)
    }

    /// Julia's `typejoin`: the closest common supertype (for `map`, comprehensions, `collect`).
    func typeJoin(_ a: JType, _ b: JType) -> JType {
        if a === b { return a }
        if a.isSubtype(of: b) { return b }
        if b.isSubtype(of: a) { return a }
        if a.root === b.root, a.family != nil, a.root !== JType.tupleFamily {
            // Array{Int64,1} and Array{Float64,1} join to Array{T,1} where T … shown as Array
            if a.root === JType.arrayFamily, a.paramInt(1) == b.paramInt(1), let n = a.paramInt(1) {
                return JType.apply(JType.arrayFamily, [.free, .int(n)])
            }
            return a.root
        }
        if a.root === JType.tupleFamily && b.root === JType.tupleFamily && a.params.count == b.params.count {
            return JType.tuple(zip(a.params, b.params).map { pa, pb in
                if case .type(let x) = pa, case .type(let y) = pb { return typeJoin(x, y) }
                return .any
            })
        }
        var chain: [JType] = []
        var cur: JType? = a
        while let c = cur { chain.append(c); cur = c.supertype }
        cur = b
        while let c = cur {
            if chain.contains(where: { $0 === c }) { return c }
            cur = c.supertype
        }
        return .any
    }

    /// The same, with the sizes in a Swift array.
    @_disfavoredOverload public func collectedArray(_ xs: [Value], dims: [Int]) -> JArray {
        collectedArray(xs, dims: Dims(dims))
    }

    /// An array of the given shape from values, with the element type their `typejoin`.
    public func collectedArray(_ xs: [Value], dims: Dims) -> JArray {
        if let a = uniformArray(xs, dims: dims) { return a }
        var et: JType?
        for x in xs {
            let t = typeOf(x)
            et = et.map { typeJoin($0, t) } ?? t
            if et === JType.any { break }
        }
        let a = JArray(eltype: xs.isEmpty ? .any : (et ?? .any), dims: dims)
        for (i, x) in xs.enumerated() where i < a.count { a.setRaw(i, x) }
        return a
    }

    /// `collectedArray` when every element is an `Int`, every one a `Float64`, or every one a
    /// `String` (the usual results of `map` and comprehensions): no type computed per element.
    private func uniformArray(_ xs: [Value], dims: Dims) -> JArray? {
        guard let first = xs.first, ((try? JArray.elementCount(dims)) ?? -1) == xs.count else { return nil }
        switch first {
        case .int:
            for x in xs { guard case .int = x else { return nil } }
            let a = JArray(eltype: .int64, dims: dims)
            let p = a.ints
            for (i, x) in xs.enumerated() { if case .int(let v) = x { p[i] = v } }
            return a
        case .float:
            for x in xs { guard case .float = x else { return nil } }
            let a = JArray(eltype: .float64, dims: dims)
            let p = a.floats
            for (i, x) in xs.enumerated() { if case .float(let v) = x { p[i] = v } }
            return a
        case .str:
            for x in xs { guard case .str = x else { return nil } }
            let a = JArray(eltype: .string, dims: dims)
            let p = a.values
            for (i, x) in xs.enumerated() { p[i] = x }
            return a
        default:
            return nil
        }
    }

    /// `[a, b, c]`: the element type is the promotion of the elements' types.
    public func vectorLiteral(_ xs: [Value]) throws -> JArray {
        // elements of one type (the usual literal) neither promote nor convert
        var et: JType?
        var mixed = false
        for x in xs {
            let t = typeOf(x)
            if let e = et {
                if e !== t { et = promoteType(e, t); mixed = true }
            } else {
                et = t
            }
        }
        let t = xs.isEmpty ? JType.any : (et ?? .any)
        let a = JArray(eltype: t, dims: Dims(xs.count))
        for (i, x) in xs.enumerated() { a.setRaw(i, mixed ? try convert(t, x) : x) }
        return a
    }

    /// `T[...]`: a literal's elements converted to `T`.
    func convertArrayLiteral(_ v: Value, to t: JType) throws -> Value {
        guard case .arr(let a) = v else { return v }
        let r = JArray(eltype: t, dims: a.dims)
        for i in 0..<a.count { r.setRaw(i, try convert(t, a.get(i))) }
        return .arr(r)
    }

    // MARK: Concatenation

    /// `[a b c]`: side by side.
    public func hcat(_ xs: [Value], _ t: Ctx) throws -> Value {
        if xs.allSatisfy({ !isArrayLike($0) }) {
            let v = try vectorLiteral(xs)
            return .arr(v.sharingReshapeCopy([1, xs.count]))
        }
        var cols: [JArray] = []
        for x in xs {
            switch x {
            // a 0-dimensional array counts as one element (it indexed dims[0] and trapped)
            case .arr(let a) where a.ndims == 0: cols.append(a.sharingReshapeCopy([1]))
            case .arr(let a): cols.append(a)
            case .range(let r): cols.append(try rangeToArray(r))
            default: cols.append(try vectorLiteral([x]))
            }
        }
        if cols.contains(where: { $0.ndims > 2 }) {
            return .arr(try concatenate(cols, along: 1, cols.dropFirst().reduce(cols[0].eltype) { promoteType($0, $1.eltype) }))
        }
        let rows = cols[0].dims[0]
        var et = cols[0].eltype
        var total = 0
        for c in cols {
            guard c.dims[0] == rows else { throw JuliaError.dimensionMismatch("vectors must have same lengths") }
            et = promoteType(et, c.eltype)
            let (sum, overflow) = total.addingReportingOverflow(c.ndims == 1 ? 1 : c.dims[1])
            if overflow { throw JuliaError.argument("invalid Array dimensions") }
            total = sum
        }
        let r = try JArray(eltype: et, checkedDims: [rows, total])
        var k = 0
        for c in cols {
            for i in 0..<c.count { r.setRaw(k, try convert(et, c.get(i))); k += 1 }
        }
        return .arr(r)
    }

    /// `[a; b; c]`: one above the other.
    public func vcat(_ xs: [Value], _ t: Ctx) throws -> Value {
        if xs.allSatisfy({ !isArrayLike($0) }) { return .arr(try vectorLiteral(xs)) }
        let parts = try xs.map { x -> JArray in
            switch x {
            case .arr(let a) where a.ndims == 0: return a.sharingReshapeCopy([1])
            case .arr(let a): return a
            case .range(let r): return try rangeToArray(r)
            default: return try vectorLiteral([x])
            }
        }
        var et = parts[0].eltype
        for p in parts.dropFirst() { et = promoteType(et, p.eltype) }
        if parts.contains(where: { $0.ndims > 2 }) { return .arr(try concatenate(parts, along: 0, et)) }
        if parts.allSatisfy({ $0.ndims == 1 }) {
            let total = parts.reduce(0) { $0 + $1.count }
            let r = try JArray(eltype: et, checkedDims: [total])
            var k = 0
            for p in parts { for i in 0..<p.count { r.setRaw(k, try convert(et, p.get(i))); k += 1 } }
            return .arr(r)
        }
        let cols = parts[0].ndims == 1 ? 1 : parts[0].dims[1]
        var rows = 0
        for p in parts {
            let pc = p.ndims == 1 ? 1 : p.dims[1]
            guard pc == cols else { throw JuliaError.dimensionMismatch("vertical dimensions mismatch") }
            let (sum, overflow) = rows.addingReportingOverflow(p.dims[0])
            if overflow { throw JuliaError.argument("invalid Array dimensions") }
            rows = sum
        }
        let r = try JArray(eltype: et, checkedDims: [rows, cols])
        var offset = 0
        for p in parts {
            // element by element, so an empty part with a huge dimension costs nothing
            let pr = p.dims[0]
            for e in 0..<p.count {
                let (i, j) = (e % pr, e / pr)
                r.setRaw(offset + i + j * rows, try convert(et, p.get(e)))
            }
            offset += pr
        }
        return .arr(r)
    }

    /// Julia's `cat` of arrays along dimension `d` (0-based: 0 for vcat, 1 for hcat) when one
    /// of them has more than two dimensions: every other dimension must agree (missing
    /// trailing ones count as 1), and the result's dimension `d` is the sum of theirs.
    func concatenate(_ parts: [JArray], along d: Int, _ et: JType) throws -> JArray {
        let n = max(d + 1, parts.map { $0.ndims }.max() ?? 1)
        func padded(_ a: JArray) -> [Int] { a.dims + Array(repeating: 1, count: n - a.ndims) }
        var out = padded(parts[0])
        out[d] = 0
        for p in parts {
            let pd = padded(p)
            for k in 0..<n where k != d && pd[k] != out[k] {
                throw JuliaError.dimensionMismatch("mismatch in dimension \(k + 1) (expected \(out[k]) got \(pd[k]))")
            }
            let (sum, overflow) = out[d].addingReportingOverflow(pd[d])
            if overflow { throw JuliaError.argument("invalid Array dimensions") }
            out[d] = sum
        }
        let r = try JArray(eltype: et, checkedDims: out)
        if r.count == 0 { return r }
        // the dimensions before d make one contiguous run per position along d; those after
        // it repeat the pattern (their product fits: the result's element count does)
        let inner = out[..<d].reduce(1, *), outer = out[(d + 1)...].reduce(1, *)
        var offset = 0
        for p in parts {
            let block = inner * padded(p)[d]
            for o in 0..<outer {
                let src = o * block, dst = (o * out[d] + offset) * inner
                for e in 0..<block { r.setRaw(dst + e, try convert(et, p.get(src + e))) }
            }
            offset += padded(p)[d]
        }
        return r
    }

    /// `[a b; c d]`: rows of the given lengths.
    public func hvcat(_ rowLengths: [Int], _ xs: [Value], _ t: Ctx) throws -> Value {
        if let first = rowLengths.first, xs.allSatisfy({ !isArrayLike($0) }) {
            // scalars fill a matrix of `rows × first-row-length` (Julia's words for a ragged one)
            let expected = rowLengths.count * first
            if xs.count != expected {
                throw JuliaError.argument("argument count does not match specified shape (expected \(expected), got \(xs.count))")
            }
            if let (i, n) = rowLengths.enumerated().first(where: { $0.element != first }) {
                throw JuliaError.argument("row \(i + 1) has mismatched number of columns (expected \(first), got \(n))")
            }
        }
        var rows: [Value] = []
        var k = 0
        for n in rowLengths {
            rows.append(try hcat(Array(xs[k..<(k + n)]), t))
            k += n
        }
        return try vcat(rows, t)
    }

    // MARK: Types

    /// `T{P...}`.
    public func applyType(_ tv: Value, _ ps: [Value]) throws -> Value {
        guard case .type(let t) = tv else { throw JuliaError.type("Type{...} expression", "", expected: .unionAllType, got: tv) }
        // `NamedTuple{(:a, :b), Tuple{Int64, String}}`: the names are a tuple of symbols
        if t === JType.namedTuple, ps.count == 2, case .tuple(let names) = ps[0], case .type(let tt) = ps[1],
           tt.root === JType.tupleFamily {
            let syms = try names.items.map { v -> JSym in
                guard case .sym(let s) = v else { throw JuliaError.type("NamedTuple", "names", expected: .symbol, got: v) }
                return s
            }
            let types = tt.params.compactMap { p -> JType? in if case .type(let x) = p { return x } else { return nil } }
            guard types.count == tt.params.count, types.count == syms.count else {
                throw JuliaError.argument("NamedTuple names and field types must have matching lengths")
            }
            return .type(JType.namedTuple(names: syms, types: types))
        }
        var params: [TypeParam] = []
        for p in ps {
            switch p {
            case .type(let x): params.append(.type(x))
            case .int(let n): params.append(.int(Int(n)))
            case .obj(let o) where o is JTypeVar: params.append(.free)
            default: throw JuliaError.type("Type", "parameter", expected: .typeType, got: p)
            }
        }
        if t === JType.typeType, ps.count == 1 {
            // `Type{X}`: X itself is its only instance; `Type{T}` with T free is any type
            guard case .type(let x) = ps[0] else { return .type(JType.typeType) }
            if let cached = typeSingletons[ObjectIdentifier(x)] { return .type(cached) }
            let st = JType(name: "Type{\(x)}", super: JType.typeType, abstract: true)
            st.singletonOf = x
            typeSingletons[ObjectIdentifier(x)] = st
            return .type(st)
        }
        if t === JType.unionFamily {
            return .type(JType.union(params.compactMap { if case .type(let x) = $0 { return x } else { return nil } }))
        }
        // Vector{T} and Matrix{T} are Array{T,1} and Array{T,2}
        if t.family === JType.arrayFamily, t.params.count == 2, case .free = t.params[0], params.count == 1 {
            return .type(JType.apply(JType.arrayFamily, [params[0], t.params[1]]))
        }
        if t.family === JType.abstractArrayFamily, t.params.count == 2, case .free = t.params[0], params.count == 1 {
            return .type(JType.apply(JType.abstractArrayFamily, [params[0], t.params[1]]))
        }
        if t.family === JType.sharedArrayFamily, t.params.count == 2, case .free = t.params[0], params.count == 1 {
            return .type(JType.apply(JType.sharedArrayFamily, [params[0], t.params[1]]))
        }
        guard t.family == nil, t.arity != 0 else {
            throw JuliaError.type("Type{...} expression", "", expected: .unionAllType, got: .type(t))
        }
        if t.arity > 0 && params.count > t.arity { throw JuliaError.error("too many parameters for type \(t.name)") }
        if t.root === JType.arrayFamily || t.root === JType.sharedArrayFamily || t.root === JType.abstractArrayFamily {
            while params.count < 2 { params.append(.free) }
        }
        return .type(JType.apply(t, params))
    }
}

extension JArray {
    /// A copy with new dimensions (same number of elements).
    func sharingReshapeCopy(_ newDims: [Int]) -> JArray {
        let r = copy()
        r.dims = Dims(newDims)
        return r
    }
}

extension Runtime {
    /// The `name => value` pairs of a function's keyword arguments.
    func keywordPairs(_ n: JNamedTuple) -> [Value] {
        zip(n.names, n.values).map { makePair(.sym($0.0), $0.1) }
    }
}
