/// Indexing (`a[i, j]`, `a[i] = v`), `end`, and field access (`x.f`, `x.f = v`).

/// One index of an indexing expression, normalised: a single position, a list, or an evenly
/// spaced run (a range or `:`), kept unexpanded so that `q[:, 2:end]` on a `0×2^62` array
/// costs nothing, as in Julia.
enum IndexSpec {
    case scalar(Int)
    case list([Int])
    case run(first: Int, step: Int, count: Int)

    var count: Int {
        switch self {
        case .scalar: return 1
        case .list(let l): return l.count
        case .run(_, _, let n): return n
        }
    }

    var isScalar: Bool {
        if case .scalar = self { return true }
        return false
    }

    func at(_ k: Int) -> Int {
        switch self {
        case .scalar(let i): return i
        case .list(let l): return l[k]
        case .run(let first, let step, _): return first + k * step
        }
    }
}

extension Runtime {
    /// `o[idx...]`.
    public func getIndex(_ o: Value, _ idx: [Value], _ t: Ctx) throws -> Value {
        switch o {
        case .arr(let a): return try arrayGet(a, idx, o)
        case .range(let r):
            if idx.count == 1, case .int(let k) = idx[0] {
                guard k >= 1 && Int(k) <= r.count else { throw JuliaError.bounds(o, idx) }
                return r.element(Int(k) - 1)
            }
            if idx.count == 1, case .range(let s) = idx[0], r.kind != .float, s.kind != .float {
                if s.count == 0 { return .range(JRange(start: r.start, stop: r.start - 1)) }
                guard s.start >= 1 && Int(s.stop) <= r.count && s.stop >= 1 && Int(s.start) <= r.count else { throw JuliaError.bounds(o, idx) }
                let first = r.start &+ (s.start - 1) &* r.step
                let step = r.step &* s.step
                return step == 1 ? .range(JRange(start: first, stop: first &+ Int64(s.count - 1))) : .range(JRange(start: first, step: step, stop: first &+ step &* Int64(s.count - 1)))
            }
            return try arrayGet(try rangeToArray(r), idx, o)
        case .tuple(let tp):
            guard idx.count == 1 else { throw JuliaError.method("getindex", [o] + idx) }
            if case .int(let k) = idx[0] {
                guard k >= 1 && Int(k) <= tp.count else { throw JuliaError.bounds(o, idx) }
                return tp[Int(k) - 1]
            }
            let sel = try indexSpec(idx[0], tp.count, o, idx)
            return .tuple(JTuple.of((0..<sel.count).map { tp[sel.at($0)] }))
        case .str(let s): return try stringGet(s.value, idx, o)
        case .type(let ty):
            // `Int[1, 2]` and `Float64[]`
            let a = JArray(eltype: ty, dims: Dims(idx.count))
            for (i, v) in idx.enumerated() { a.setRaw(i, try convert(ty, v)) }
            return .arr(a)
        case .obj(let obj):
            if let d = obj as? JDict {
                guard idx.count == 1 else { throw JuliaError.method("getindex", [o] + idx) }
                guard let v = try d.get(idx[0], self, t) else { throw JuliaError.key(idx[0]) }
                return v
            }
            if let m = obj as? JRegexMatch, idx.count == 1 { return try m.capture(idx[0]) }
            if let n = obj as? JNamedTuple, idx.count == 1 {
                if case .sym(let s) = idx[0], let i = n.names.firstIndex(of: s) { return n.values[i] }
                if case .int(let k) = idx[0], k >= 1, Int(k) <= n.values.count { return n.values[Int(k) - 1] }
                throw JuliaError.bounds(o, idx)
            }
            if let s = obj as? JStruct, s.type.root === JType.pairFamily, idx.count == 1, case .int(let k) = idx[0] {
                guard k == 1 || k == 2 else { throw JuliaError.bounds(o, idx) }
                return s[Int(k) - 1]
            }
            if let r = obj as? JRef, idx.isEmpty { return r.value }
            // `r[]` on a remote reference is `fetch(r)`
            if let f = obj as? Future, idx.isEmpty { return try pgrp.fetch(f, t) }
            if let r = obj as? RemoteChannelRef, idx.isEmpty { return try pgrp.channelOperation(r, .fetch, nil, t) }
            if let ref = obj as? RemoteRef {
                return try getIndex(try ref.fetchValue(t), idx, t)
            }
            // a SharedArray this process does not map: its local part is empty, as in Julia
            if let u = obj as? UnmappedSharedArray { throw JuliaError.bounds(.arr(u.emptyLocal), idx) }
            if let f = userFunction("getindex") { return try t.call(.fn(f), [o] + idx) }
        default: break
        }
        throw JuliaError.method("getindex", [o] + idx)
    }

    /// A user-extended generic function of Base, if it has methods.
    func userFunction(_ name: String) -> JFunction? {
        guard let b = base.bindings[JSym.intern(name)], case .fn(let f) = b.value, !f.methods.isEmpty else { return nil }
        return f
    }

    /// Normalises one index against a dimension of length `len` (positions are zero-based).
    func indexSpec(_ v: Value, _ len: Int, _ o: Value, _ all: [Value]) throws -> IndexSpec {
        switch v {
        case .int(let k):
            guard k >= 1 && Int(k) <= len else { throw JuliaError.bounds(o, all) }
            return .scalar(Int(k) - 1)
        case .bool(let b):
            return .list(b && len >= 1 ? [0] : [])
        case .range(let r):
            guard r.kind != .float else { throw JuliaError.argument("invalid index: \(r) of type \(r.jtype)") }
            if r.count == 0 { return .run(first: 0, step: 1, count: 0) }
            // a range's elements lie between its ends: checking both checks them all
            let last = r.start &+ Int64(r.count - 1) &* r.step
            for k in [r.start, last] where !(k >= 1 && Int(k) <= len) { throw JuliaError.bounds(o, all) }
            return .run(first: Int(r.start) - 1, step: Int(r.step), count: r.count)
        case .obj(let c) where c is JColon:
            return .run(first: 0, step: 1, count: len)
        case .arr(let a):
            if a.kind == .bool {
                guard a.count == len else { throw JuliaError.bounds(o, all) }
                return .list((0..<a.count).filter { a.bools[$0] })
            }
            var l: [Int] = []
            for i in 0..<a.count {
                guard case .int(let k) = a.get(i) else { throw JuliaError.argument("invalid index: \(a.get(i))") }
                guard k >= 1 && Int(k) <= len else { throw JuliaError.bounds(o, all) }
                l.append(Int(k) - 1)
            }
            return .list(l)
        case .float(let f):
            throw JuliaError.argument("invalid index: \(formatFloatShortest(f)) of type Float64")
        default:
            throw JuliaError.argument("invalid index: \(typeOf(v))")
        }
    }

    /// The dimensions seen by `n` indices (trailing dimensions fold into the last index).
    func indexedDims(_ a: JArray, _ n: Int) -> [Int] {
        if n == a.ndims { return Array(a.dims) }
        if n <= 1 { return n == 1 ? [a.count] : [] }
        if n > a.ndims { return Array(a.dims) + Array(repeating: 1, count: n - a.ndims) }
        var d = Array(a.dims.prefix(n - 1))
        // saturating: an empty array may have trailing dimensions whose product overflows
        d.append(a.dims[(n - 1)...].reduce(1) { p, x in
            let (q, overflow) = p.multipliedReportingOverflow(by: x)
            return overflow ? Int.max : q
        })
        return d
    }

    func arrayGet(_ a: JArray, _ idx: [Value], _ o: Value) throws -> Value {
        if idx.isEmpty {
            guard a.count == 1 else { throw JuliaError.bounds(o, idx) }
            return a.get(0)
        }
        let dims = indexedDims(a, idx.count)
        var specs: [IndexSpec] = []
        specs.reserveCapacity(idx.count)
        var allScalar = true
        for (k, v) in idx.enumerated() {
            let s = try indexSpec(v, dims[k], o, idx)
            if !s.isScalar { allScalar = false }
            specs.append(s)
        }
        if allScalar {
            var lin = 0
            var stride = 1
            for (k, s) in specs.enumerated() {
                lin += s.at(0) * stride
                stride *= dims[k]
            }
            return a.get(lin)
        }
        // the result keeps one dimension per non-scalar index (a linear index keeps its shape)
        var outDims: [Int] = []
        for (k, s) in specs.enumerated() {
            if !s.isScalar {
                if idx.count == 1, case .arr(let ia) = idx[k], ia.kind != .bool { outDims += ia.dims } else { outDims.append(s.count) }
            }
        }
        // repeated positions (`a[ones(Int, n)]`) can make a result larger than the array
        let r = try JArray(eltype: a.eltype, checkedDims: outDims)
        var counter = [Int](repeating: 0, count: specs.count)
        var out = 0
        let total = r.count
        if total == 0 { return .arr(r) }
        while true {
            var lin = 0
            var stride = 1
            for k in 0..<specs.count {
                lin += specs[k].at(counter[k]) * stride
                stride *= dims[k]
            }
            r.setRaw(out, a.get(lin))
            out += 1
            var k = 0
            while k < specs.count {
                counter[k] += 1
                if counter[k] < specs[k].count { break }
                counter[k] = 0
                k += 1
            }
            if k == specs.count { break }
        }
        return .arr(r)
    }

    /// The linear positions `idx` selects in `a`.
    func selectedPositions(_ a: JArray, _ idx: [Value], _ o: Value) throws -> (positions: [Int], dims: [Int], scalar: Bool) {
        // `a[]` is the one element of a one-element array
        if idx.isEmpty {
            guard a.count == 1 else { throw JuliaError.bounds(o, idx) }
            return ([0], [], true)
        }
        let dims = indexedDims(a, idx.count)
        var specs: [IndexSpec] = []
        var scalar = true
        for (k, v) in idx.enumerated() {
            let s = try indexSpec(v, dims[k], o, idx)
            if !s.isScalar { scalar = false }
            specs.append(s)
        }
        var positions: [Int] = []
        var outDims: [Int] = []
        for s in specs where !s.isScalar { outDims.append(s.count) }
        let total = try JArray.elementCount(specs.map(\.count))
        try requireMemory(total, stride: MemoryLayout<Int>.stride)
        positions.reserveCapacity(total)
        if total > 0 {
            var counter = [Int](repeating: 0, count: specs.count)
            while true {
                var lin = 0
                var stride = 1
                for k in 0..<specs.count {
                    lin += specs[k].at(counter[k]) * stride
                    stride *= dims[k]
                }
                positions.append(lin)
                var k = 0
                while k < specs.count {
                    counter[k] += 1
                    if counter[k] < specs[k].count { break }
                    counter[k] = 0
                    k += 1
                }
                if k == specs.count { break }
            }
        }
        return (positions, outDims, scalar)
    }

    func stringGet(_ s: String, _ idx: [Value], _ o: Value) throws -> Value {
        guard idx.count == 1 else { throw JuliaError.method("getindex", [o] + idx) }
        if case .int(let k) = idx[0] { return try Runtime.character(of: s, at: k, o) }
        // the bytes read where they are (a copy of the string per `s[i:j]` made a scan of a
        // long text quadratic)
        var whole = s
        return try whole.withUTF8 { bytes in try stringGet(bytes, idx, o) }
    }

    private func stringGet(_ bytes: UnsafeBufferPointer<UInt8>, _ idx: [Value], _ o: Value) throws -> Value {
        switch idx[0] {
        case .range(let r) where r.kind == .step:
            // `s[3:-1:1]`, `s[1:2:end]`: the characters at those indices, one by one, as Julia's
            // getindex of a string by a vector of indices
            var out = String.UnicodeScalarView()
            var k = r.start
            for _ in 0..<r.count {
                guard k >= 1 && Int(k) <= bytes.count else { throw JuliaError.bounds(o, [.int(k)]) }
                let i = Int(k) - 1
                guard bytes[i] & 0xC0 != 0x80 else { throw JuliaError.make(.stringIndexError, [o, .int(k)]) }
                var it = bytes[i...].makeIterator()
                var decoder = UTF8()
                guard case .scalarValue(let c) = decoder.decode(&it) else { throw JuliaError.make(.stringIndexError, [o, .int(k)]) }
                out.append(c)
                k &+= r.step
            }
            return .str(JStr(String(out)))
        case .range(let r) where r.kind != .float:
            return try Runtime.substring(bytes, r.count == 0 ? 1 : r.start, r.count == 0 ? 0 : r.stop, o)
        default:
            throw JuliaError.method("getindex", [o] + idx)
        }
    }

    /// `s[i:j]` for the string `o` whose bytes are `bytes`: "" when `j < i`; else both ends
    /// must be in bounds and start characters, as in Julia, and the bytes from `i` to the end
    /// of the character at `j` are copied as they are (they are valid UTF-8).
    static func substring(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int64, _ j: Int64, _ o: Value) throws -> Value {
        if j < i { return .str(JStr("")) }
        guard i >= 1 && j <= bytes.count, let base = bytes.baseAddress else {
            throw JuliaError.bounds(o, [.range(JRange(start: i, stop: j))])
        }
        let first = Int(i) - 1
        if bytes[first] & 0xC0 == 0x80 { throw JuliaError.make(.stringIndexError, [o, .int(i)]) }
        if bytes[Int(j) - 1] & 0xC0 == 0x80 { throw JuliaError.make(.stringIndexError, [o, .int(j)]) }
        var lastEnd = Int(j)
        while lastEnd < bytes.count && bytes[lastEnd] & 0xC0 == 0x80 { lastEnd += 1 }
        return .str(JStr(StrBuild.make(lastEnd - first) { p in
            p.update(from: base + first, count: lastEnd - first)
            return lastEnd - first
        }))
    }

    /// `s[i:j]` for the string `s`, read where its bytes are.
    static func substring(_ s: JStr, _ i: Int64, _ j: Int64, _ o: Value) throws -> Value {
        try s.withBytes { try substring($0, i, j, o) }
    }

    /// `s[k]` for an `Int` `k`: the character whose first byte is byte `k`, read where the
    /// string's bytes are (a copy of them per index made `s[i]` in a loop quadratic); `o` is
    /// the string value, for errors.
    static func character(of s: String, at k: Int64, _ o: Value) throws -> Value {
        if let r = try s.utf8.withContiguousStorageIfAvailable({ try character(of: $0, at: k, o) }) { return r }
        var copy = s
        return try copy.withUTF8 { try character(of: $0, at: k, o) }
    }

    /// `character(of:at:_:)` for the value at `o` (not copied unless an error needs it).
    static func character(of s: String, at k: Int64, _ o: UnsafeMutablePointer<Value>) throws -> Value {
        if let r = s.utf8.withContiguousStorageIfAvailable({ b -> Value? in
            guard k >= 1 && Int(k) <= b.count, b[Int(k) &- 1] < 0x80 else { return nil }
            return .char(UInt32(b[Int(k) &- 1]))
        }), let v = r { return v }
        return try character(of: s, at: k, o.pointee)
    }

    @inline(__always)
    private static func character(of b: UnsafeBufferPointer<UInt8>, at k: Int64, _ o: Value) throws -> Value {
        guard k >= 1 && Int(k) <= b.count else { throw JuliaError.bounds(o, [.int(k)]) }
        let i = Int(k) &- 1
        let c0 = b[i]
        if c0 < 0x80 { return .char(UInt32(c0)) }
        guard c0 & 0xC0 != 0x80 else { throw JuliaError.make(.stringIndexError, [o, .int(k)]) }
        var it = b[i...].makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let c) = decoder.decode(&it) else { throw JuliaError.make(.stringIndexError, [o, .int(k)]) }
        return .char(c.value)
    }

    /// `o[idx...] = v`.
    public func setIndex(_ o: Value, _ v: Value, _ idx: [Value], _ t: Ctx) throws {
        switch o {
        case .arr(let a):
            if idx.count == 1, case .int(let k) = idx[0] {
                guard k >= 1 && Int(k) <= a.count else { throw JuliaError.bounds(o, idx) }
                try storeElement(a, Int(k) - 1, v)
                return
            }
            let (positions, _, scalar) = try selectedPositions(a, idx, o)
            if scalar {
                try storeElement(a, positions[0], v)
                return
            }
            if isArrayLike(v) || { if case .tuple = v { return true } else { return false } }() {
                let src = try collectValues(v, t)
                guard src.count == positions.count else {
                    throw JuliaError.dimensionMismatch("tried to assign \(src.count) elements to \(positions.count) destinations")
                }
                for (k, p) in positions.enumerated() { try storeElement(a, p, src[k]) }
                return
            }
            throw JuliaError.argument("indexed assignment with a single value to many locations is not supported; perhaps use broadcasting `.=` instead?")
        case .obj(let obj):
            if let d = obj as? JDict {
                guard idx.count == 1 else { throw JuliaError.method("setindex!", [o, v] + idx) }
                try d.set(idx[0], v, self)
                return
            }
            if let r = obj as? JRef, idx.isEmpty {
                r.value = try convert(r.elType, v)
                return
            }
            if let f = userFunction("setindex!") {
                _ = try t.call(.fn(f), [o, v] + idx)
                return
            }
        default: break
        }
        throw JuliaError.method("setindex!", [o, v] + idx)
    }

    /// Stores `v` at position `i`, converted to the array's element type.
    @inline(__always) func storeElement(_ a: JArray, _ i: Int, _ v: Value) throws {
        switch (a.kind, v) {
        case (.float64, .float(let x)): a.floats[i] = x
        case (.int64, .int(let x)): a.ints[i] = x
        case (.any, _) where a.holdsAnything: a.values[i] = v
        default: try storeConverted(a, i, v)
        }
    }

    /// `storeElement` for values that may need converting. A struct stored into an array of
    /// an abstract element type (`Vector{Shape}`) is checked once per struct type: the array
    /// remembers the last type that passed.
    @inline(never) func storeConverted(_ a: JArray, _ i: Int, _ v: Value) throws {
        var structType: UnsafeMutableRawPointer?
        if a.kind == .any, case .obj(let o) = v, ObjectIdentifier(type(of: o)) == ObjectIdentifier(JStruct.self) {
            structType = unsafeDowncast(o, to: JStruct.self).typeAddress
            if a.acceptedStructTypes.contains(structType!) {
                a.values[i] = v
                return
            }
        }
        // a tuple whose items are already of the element type's (a heap's `(d, node)`
        // stored into a `Vector{Tuple{Float64,Int}}`) goes in as it is
        if case .tuple = v, JDict.fits(a.eltype, v) {
            a.setRaw(i, v)
            return
        }
        let c = try convert(a.eltype, v)
        a.setRaw(i, c)
        if let st = structType, a.acceptedStructTypes.count < 4 { a.acceptedStructTypes.append(st) }
    }

    /// `lastindex(s)`: where the last character starts, back from the end over continuation
    /// bytes (a walk over the whole string made `s[i:end]` in a loop quadratic); 0 when empty.
    static func lastIndex(of s: JStr) -> Value {
        func last(_ b: UnsafeRawBufferPointer, _ n: Int) -> Value {
            var last = n
            while last > 1 && b[last &- 1] & 0xC0 == 0x80 { last &-= 1 }
            return .int(Int64(last))
        }
        return s.withBytes { last(UnsafeRawBufferPointer($0), $0.count) }
    }

    /// `end` in dimension `dim` of `n` indices.
    public func lastIndex(_ o: Value, dim: Int, ndims n: Int, _ t: Ctx) throws -> Value {
        switch o {
        case .arr(let a):
            // one index, or one per dimension: read from the array (`indexedDims` makes an array)
            if dim >= 1 && n == 1 { return .int(Int64(a.count)) }
            if dim >= 1 && n == a.ndims { return .int(Int64(dim <= n ? a.dims[dim - 1] : 1)) }
            let d = indexedDims(a, n)
            // lastindex(A, 0): Julia's axes(A, 0) is a BoundsError
            guard dim >= 1 else { throw JuliaError.bounds(.tuple(JTuple.of(d.map { .range(JRange(start: 1, stop: Int64($0))) })), [.int(Int64(dim))]) }
            return .int(Int64(dim <= d.count ? d[dim - 1] : 1))
        case .range(let r): return .int(Int64(r.count))
        case .tuple(let tp): return .int(Int64(tp.count))
        case .str(let s):
            return Runtime.lastIndex(of: s)
        case .obj(let obj):
            if let n = obj as? JNamedTuple { return .int(Int64(n.values.count)) }
            if let f = userFunction("lastindex") { return try t.call1(.fn(f), o) }
        default: break
        }
        throw JuliaError.method("lastindex", [o])
    }

    // MARK: Fields

    /// `o.name`.
    public func getField(_ o: Value, _ name: JSym, _ t: Ctx) throws -> Value {
        switch o {
        case .obj(let obj):
            // `m.captures` in a loop: the match's class tested first, by identity (a cast per
            // class tried cost more than the field)
            if ObjectIdentifier(type(of: obj)) == ObjectIdentifier(JRegexMatch.self),
               let v = try unsafeDowncast(obj, to: JRegexMatch.self).field(name, t) { return v }
            if let s = obj as? JStruct {
                if let i = s.type.fieldNames.firstIndex(of: name) { return s[i] }
                if let p = s.type.computedProperty, let v = try p(s, name, t) { return v }
                throw JuliaError.error("type \(s.type.name) has no field \(name.name)")
            }
            if let m = obj as? JModule {
                guard let b = lookupBinding(m, name), !b.value.isUndef else {
                    throw JuliaError.undefVar(name)
                }
                return b.value
            }
            if let n = obj as? JNamedTuple, let i = n.names.firstIndex(of: name) { return n.values[i] }
            if let f = obj as? FieldAccessible, let v = try f.field(name, t) { return v }
            throw JuliaError.error("type \(obj.jtype.name) has no field \(name.name)")
        case .type(let ty):
            switch name.name {
            case "name": return .sym(JSym.intern(ty.name))
            case "parameters": return .tuple(ty.params.map { p -> Value in
                switch p { case .type(let x): return .type(x); case .int(let n): return .int(Int64(n)); case .free: return .nothing }
            })
            case "types": return .tuple(ty.fieldTypes.map { .type($0) })
            case "mutable": return .bool(ty.isMutable)
            default: break
            }
        case .range(let r):
            switch name.name {
            case "start": return r.element(0)
            case "stop": return r.kind == .float ? .float(r.fstop) : .int(r.stop)
            case "step": return r.kind == .float ? .float(r.fstep) : .int(r.step)
            default: break
            }
        case .arr(let a) where a.shared != nil:
            if let v = try pgrp.sharedField(a, name, t) { return v }
        default: break
        }
        throw JuliaError.error("type \(typeOf(o).name) has no field \(name.name)")
    }

    /// `o.name = v`.
    public func setField(_ o: Value, _ name: JSym, _ v: Value, _ t: Ctx) throws {
        guard case .obj(let obj) = o else { throw JuliaError.error("type \(typeOf(o).name) is immutable") }
        if let s = obj as? JStruct {
            guard let i = s.type.fieldNames.firstIndex(of: name) else {
                throw JuliaError.error("type \(s.type.name) has no field \(name.name)")
            }
            guard s.type.isMutable else {
                throw JuliaError.error("type \(s.type.name) is immutable")
            }
            s[i] = try convert(s.type.fieldTypes[i], v)
            return
        }
        if let m = obj as? JModule {
            throw JuliaError.error("cannot assign variables in other modules (\(m.fullName).\(name.name))")
        }
        throw JuliaError.error("type \(obj.jtype.name) is immutable")
    }
}

/// Objects with fields computed in Swift (`Future.where`, `RemoteException.pid`…).
public protocol FieldAccessible: AnyObject {
    func field(_ name: JSym, _ t: Ctx) throws -> Value?
}
