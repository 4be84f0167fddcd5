import Foundation

/// Ordering, search, reductions and higher-order functions over collections: `sort`,
/// `unique`, `findfirst`, `sum`, `maximum`, `map`, `filter`, `reduce` and their kin.
extension Builtins {
    static func installOrderingAndReductions(_ rt: Runtime) {
        rt.def("reverse", arity: 1...3) { t, a in
            if a.count == 1 {
                switch a[0] {
                case .str(let s): return .str(JStr(String(s.value.reversed())))
                case .tuple(let tp): return .tuple(JTuple.of(tp.items.reversed()))
                case .range(let r) where r.kind != .float:
                    if r.count == 0 { return a[0] }
                    return .range(JRange(start: r.stop, step: -r.step, stop: r.start))
                default: break
                }
            }
            // `reverse(v, start, stop)`: a copy with that part reversed
            let src = try t.runtime.asArray(a[0], t)
            let part = try reversedPart(a, src, "reverse")
            let r = JArray(eltype: src.eltype, dims: src.dims)
            for i in 0..<src.count { r.setRaw(i, src.get(part.contains(i) ? part.lowerBound + part.upperBound - 1 - i : i)) }
            return .arr(r)
        }
        rt.def("reverse!", arity: 1...3) { t, a in
            let arr = try a.array(0, "reverse!")
            let part = try reversedPart(a, arr, "reverse!")
            var lo = part.lowerBound, hi = part.upperBound - 1
            while lo < hi {
                let x = arr.get(lo)
                arr.setRaw(lo, arr.get(hi))
                arr.setRaw(hi, x)
                lo += 1; hi -= 1
            }
            return a[0]
        }
        rt.def("sort") { t, a in
            try a.expect(1, "sort")
            if case .tuple(let tp) = a[0] { return .tuple(JTuple.of(try sortValues(tp.items, a, t))) }
            let src = try t.runtime.asArray(a[0], t)
            let sorted = try sortValues((0..<src.count).map { src.get($0) }, a, t)
            let r = JArray(eltype: src.eltype, dims: Dims(sorted.count))
            for (i, x) in sorted.enumerated() { r.setRaw(i, x) }
            return .arr(r)
        }
        rt.def("sort!") { t, a in
            let arr = try a.array(0, "sort!")
            let sorted = try sortValues((0..<arr.count).map { arr.get($0) }, a, t)
            for (i, x) in sorted.enumerated() { arr.setRaw(i, x) }
            return a[0]
        }
        rt.def("sortperm", arity: 1...1) { t, a in
            let xs = try t.runtime.collectValues(a[0], t)
            let idx = try sortIndices(xs, a, t)
            let r = JArray(eltype: .int64, dims: Dims(idx.count))
            for (i, k) in idx.enumerated() { r.ints[i] = Int64(k + 1) }
            return .arr(r)
        }
        rt.def("issorted", arity: 1...1) { t, a in
            let xs = try t.runtime.collectValues(a[0], t)
            for i in 1..<max(1, xs.count) where try t.runtime.isLess(xs[i], xs[i - 1], t) { return .bool(false) }
            return .bool(true)
        }
        rt.def("unique", arity: 1...1) { t, a in
            let xs = try t.runtime.collectValues(a[0], t)
            var seen = Set<ValueKey>()
            var out: [Value] = []
            for x in xs where !seen.contains(ValueKey(x)) {
                seen.insert(ValueKey(x))
                out.append(x)
            }
            if case .arr(let src) = a[0] {
                let r = JArray(eltype: src.eltype, dims: Dims(out.count))
                for (i, x) in out.enumerated() { r.setRaw(i, x) }
                return .arr(r)
            }
            return .arr(t.runtime.collectedArray(out, dims: Dims(out.count)))
        }
        rt.def("allunique", arity: 1...1) { t, a in
            let xs = try t.runtime.collectValues(a[0], t)
            return .bool(Set(xs.map { ValueKey($0) }).count == xs.count)
        }
        rt.def("findfirst") { t, a in try find(t, a, "findfirst", first: true) }
        rt.def("findlast") { t, a in try find(t, a, "findlast", first: false) }
        rt.def("findall", arity: 1...2) { t, a in
            let xs: [Value]
            var pred: Value?
            if a.count == 2 { pred = a[0]; xs = try t.runtime.collectValues(a[1], t) } else { xs = try t.runtime.collectValues(a[0], t) }
            var out: [Value] = []
            for (i, x) in xs.enumerated() {
                let hit = try pred.map { try truthy(try t.call1($0, x)) } ?? { if case .bool(let b) = x { return b } else { return false } }()
                if hit { out.append(.int(Int64(i + 1))) }
            }
            let r = JArray(eltype: .int64, dims: Dims(out.count))
            for (i, x) in out.enumerated() { r.setRaw(i, x) }
            return .arr(r)
        }
        rt.def("findmax") { t, a in try findExtreme(t, a, "findmax", wantMax: true) }
        rt.def("findmin") { t, a in try findExtreme(t, a, "findmin", wantMax: false) }
        rt.def("argmax") { t, a in
            guard case .tuple(let tp) = try findExtreme(t, a, "argmax", wantMax: true) else { return .nothing }
            return tp[1]
        }
        rt.def("argmin") { t, a in
            guard case .tuple(let tp) = try findExtreme(t, a, "argmin", wantMax: false) else { return .nothing }
            return tp[1]
        }
        rt.def("count", arity: 1...2) { t, a in
            var n = 0
            if a.count == 2, case .str(let s) = a[1] {
                // the characters one by one, without an array of them
                try t.repeatedly(a[0]) { call in
                    for c in s.value.unicodeScalars where try truthy(try call(.char(c.value))) { n += 1 }
                }
            } else if a.count == 2 {
                let xs = try t.runtime.collectValues(a[1], t)
                try t.repeatedly(a[0]) { call in
                    for x in xs where try truthy(try call(x)) { n += 1 }
                }
            } else {
                for x in try t.runtime.collectValues(a[0], t) { if case .bool(true) = x { n += 1 } }
            }
            return .int(Int64(n))
        }
        rt.def("sum") { t, a in try reduction(t, a, "sum", .add) }
        rt.def("prod") { t, a in try reduction(t, a, "prod", .mul) }
        rt.def("maximum") { t, a in try minMaxReduce(t, a, "maximum", wantMax: true) }
        rt.def("minimum") { t, a in try minMaxReduce(t, a, "minimum", wantMax: false) }
        rt.def("extrema") { t, a in
            .tuple(JTuple.of([try minMaxReduce(t, a, "extrema", wantMax: false), try minMaxReduce(t, a, "extrema", wantMax: true)]))
        }
        rt.def("mean", arity: 1...2) { t, a in
            let xs = a.count == 2 ? try t.callEach(a[0], try t.runtime.collectValues(a[1], t)) : try t.runtime.collectValues(a[0], t)
            guard !xs.isEmpty else { throw JuliaError.argument("mean of empty collection undefined") }
            var s = xs[0]
            for x in xs.dropFirst() { s = try t.runtime.binary(.add, s, x, t) }
            return try t.runtime.binary(.div, s, .int(Int64(xs.count)), t)
        }
        rt.def("cumsum", arity: 1...1) { t, a in try accumulate(t, a, .add) }
        rt.def("cumprod", arity: 1...1) { t, a in try accumulate(t, a, .mul) }
        rt.def("diff", arity: 1...1) { t, a in
            let xs = try t.runtime.collectValues(a[0], t)
            var out: [Value] = []
            for i in 1..<max(1, xs.count) { out.append(try t.runtime.binary(.sub, xs[i], xs[i - 1], t)) }
            return .arr(t.runtime.collectedArray(out, dims: Dims(out.count)))
        }
        rt.def("map") { t, a in
            guard a.count >= 2 else { throw JuliaError.method("map", a.array) }
            let f = a[0]
            if a.count == 2 {
                if case .obj(let o) = a[1], let d = o as? JDict {
                    _ = d
                    throw JuliaError.error("map is not defined on dictionaries")
                }
                if case .tuple(let tp) = a[1] { return .tuple(JTuple.of(try tp.items.map { try t.call1(f, $0) })) }
                if case .str(let s) = a[1] {
                    var out = ""
                    for c in s.value.unicodeScalars {
                        let r = try t.call1(f, .char(c.value))
                        out += try t.runtime.printString(r, t)
                    }
                    return .str(JStr(out))
                }
                let xs = try t.runtime.collectValues(a[1], t)
                let dims = (try? t.runtime.arrayDims(a[1])).flatMap { $0.isEmpty ? nil : $0 } ?? [xs.count]
                var out: [Value] = []
                out.reserveCapacity(xs.count)
                if let op = t.runtime.opOf(f) {
                    for x in xs { out.append(try t.runtime.unaryForBroadcast(op, x, t)) }
                } else {
                    try t.repeatedly(f) { call in
                        for x in xs { out.append(try call(x)) }
                    }
                }
                return .arr(t.runtime.collectedArray(out, dims: ((try? JArray.elementCount(dims)) ?? -1) == out.count ? dims : [out.count]))
            }
            let lists = try (1..<a.count).map { try t.runtime.collectValues(a[$0], t) }
            let n = lists.map { $0.count }.min() ?? 0
            var out: [Value] = []
            for i in 0..<n { out.append(try t.call(f, lists.map { $0[i] })) }
            return .arr(t.runtime.collectedArray(out, dims: Dims(n)))
        }
        rt.def("map!") { t, a in
            try a.expect(3...10, "map!")
            let dest = try a.array(1, "map!")
            let lists = try (2..<a.count).map { try t.runtime.collectValues(a[$0], t) }
            // as Julia's zip of the indices: as far as the shortest of them all, the destination too
            let n = lists.map { $0.count }.reduce(dest.count, min)
            for i in 0..<n { try t.runtime.storeElement(dest, i, try t.call(a[0], lists.map { $0[i] })) }
            return a[1]
        }
        rt.def("foreach") { t, a in
            guard a.count >= 2 else { throw JuliaError.method("foreach", a.array) }
            let lists = try (1..<a.count).map { try t.runtime.collectValues(a[$0], t) }
            let n = lists.map { $0.count }.min() ?? 0
            for i in 0..<n { _ = try t.call(a[0], lists.map { $0[i] }) }
            return .nothing
        }
        rt.def("filter") { t, a in
            try a.expect(2, "filter")
            if case .obj(let o) = a[1], let d = o as? JDict {
                let r = JDict(keyType: d.keyType, valueType: d.valueType)
                for (k, v) in d.entries where try truthy(try t.call1(a[0], t.runtime.makePair(k, v))) { try r.set(k, v, t.runtime) }
                return .obj(r)
            }
            if case .str(let s) = a[1] {
                var out = ""
                for c in s.value.unicodeScalars where try truthy(try t.call1(a[0], .char(c.value))) { out.unicodeScalars.append(c) }
                return .str(JStr(out))
            }
            var out: [Value] = []
            try t.repeatedly(a[0]) { call in
                try eachElement(a[1], t) { x in
                    if try truthy(try call(x)) { out.append(x) }
                    return true
                }
            }
            if case .arr(let src) = a[1] {
                let r = JArray(eltype: src.eltype, dims: Dims(out.count))
                for (i, x) in out.enumerated() { r.setRaw(i, x) }
                return .arr(r)
            }
            if case .range(let r) = a[1] {
                let res = JArray(eltype: r.kind == .float ? .float64 : .int64, dims: Dims(out.count))
                for (i, x) in out.enumerated() { res.setRaw(i, x) }
                return .arr(res)
            }
            return .arr(t.runtime.collectedArray(out, dims: Dims(out.count)))
        }
        rt.def("filter!") { t, a in
            let arr = try a.resizableVector(1, "filter!")
            let xs = (0..<arr.count).map { arr.get($0) }
            let kept = try t.repeatedly(a[0]) { call in try xs.filter { try truthy(try call($0)) } }
            try arr.resize(kept.count)
            for (i, x) in kept.enumerated() { arr.setRaw(i, x) }
            return a[1]
        }
        rt.def("reduce") { t, a in
            try a.expect(2, "reduce")
            let xs = try t.runtime.collectValues(a[1], t)
            return try fold(t, a[0], xs, a.keyword("init"), "reduce")
        }
        rt.alias("foldl", "reduce")
        rt.def("foldr") { t, a in
            try a.expect(2, "foldr")
            let xs = try t.runtime.collectValues(a[1], t)
            guard var acc = a.keyword("init") ?? xs.last else { throw JuliaError.argument("reducing over an empty collection is not allowed") }
            let rest = a.keyword("init") == nil ? xs.dropLast() : xs[...]
            for x in rest.reversed() { acc = try t.call2(a[0], x, acc) }
            return acc
        }
        rt.def("mapreduce") { t, a in
            try a.expect(3, "mapreduce")
            let xs = try t.callEach(a[0], try t.runtime.collectValues(a[2], t))
            return try fold(t, a[1], xs, a.keyword("init"), "mapreduce")
        }
        rt.def("accumulate") { t, a in
            try a.expect(2, "accumulate")
            let xs = try t.runtime.collectValues(a[1], t)
            var out: [Value] = []
            var acc: Value?
            for x in xs {
                acc = try acc.map { try t.call2(a[0], $0, x) } ?? x
                out.append(acc!)
            }
            return .arr(t.runtime.collectedArray(out, dims: Dims(out.count)))
        }
        rt.def("any") { t, a in
            if a.count == 2 {
                var found = false
                try t.repeatedly(a[0]) { call in
                    try eachElement(a[1], t) { x in
                        found = try truthy(try call(x))
                        return !found
                    }
                }
                return .bool(found)
            }
            for x in try t.runtime.collectValues(a[0], t) { if try truthy(x) { return .bool(true) } }
            return .bool(false)
        }
        rt.def("all") { t, a in
            if a.count == 2 {
                var holds = true
                try t.repeatedly(a[0]) { call in
                    try eachElement(a[1], t) { x in
                        holds = try truthy(try call(x))
                        return holds
                    }
                }
                return .bool(holds)
            }
            if case .arr(let arr) = a[0], arr.kind == .bool {
                for i in 0..<arr.count where !arr.bools[i] { return .bool(false) }
                return .bool(true)
            }
            for x in try t.runtime.collectValues(a[0], t) { if !(try truthy(x)) { return .bool(false) } }
            return .bool(true)
        }
        rt.def("in") { t, a in
            // `in(collection)`: a function of `x` that asks whether `x` is in it (Base.Fix2)
            if a.count == 1 { return try curried(t, "in", a[0]) }
            try a.expect(2, "in")
            return .bool(try t.runtime.contains(a[1], a[0], t))
        }
        rt.def("enumerate") { _, a in
            try a.expect(1, "enumerate")
            return .obj(JEnumerate(a[0]))
        }
        rt.def("zip") { _, a in .obj(JZip(a.array)) }
        rt.def("permutedims", arity: 1...2) { t, a in
            let src = try t.runtime.asArray(a[0], t)
            guard a.count == 2 else {
                let r = try t.runtime.transpose(src)
                r.isRowAdjoint = false
                return .arr(r)
            }
            return .arr(try permuted(src, try t.runtime.collectValues(a[1], t), t))
        }
        rt.def("getindex") { t, a in
            guard a.count >= 1 else { throw JuliaError.method("getindex", []) }
            return try t.runtime.getIndex(a[0], Array(a.array.dropFirst()), t)
        }
        rt.def("setindex!") { t, a in
            guard a.count >= 2 else { throw JuliaError.method("setindex!", a.array) }
            try t.runtime.setIndex(a[0], a[1], Array(a.array.dropFirst(2)), t)
            return a[0]
        }
        rt.def("copyto!") { t, a in
            try a.expect(2, "copyto!")
            // the source's elements go to the destination's first positions, as in Julia;
            // a longer destination keeps the rest
            guard case .arr(let dest) = a[0] else { throw JuliaError.method("copyto!", a.array) }
            // an array of the same element type and bits: its bytes copied at once (element by
            // element through `Value`s this took ~25 ns per Float64)
            if case .arr(let from) = a[1], from.kind == dest.kind, from.kind != .any, from.eltype === dest.eltype,
               from.count <= dest.count {
                dest.data.copyMemory(from: from.data, byteCount: from.count * from.kind.stride)
                return a[0]
            }
            let src = try t.runtime.collectValues(a[1], t)
            guard src.count <= dest.count else { throw JuliaError.bounds(a[0], [.int(Int64(src.count))]) }
            for (i, v) in src.enumerated() { try t.runtime.storeElement(dest, i, v) }
            return a[0]
        }
        rt.def("range") { t, a in try makeRangeCall(t, a) }
        rt.def("LinRange") { t, a in
            try a.expect(3, "LinRange")
            return .range(JRange(fstart: try a.double(0, "LinRange"), fstop: try a.double(1, "LinRange"), length: try a.int(2, "LinRange")))
        }
    }

    /// `permutedims(A, perm)`: dimension `i` of the result is dimension `perm[i]` of `A`;
    /// `perm` must be a permutation of `1:ndims(A)`, as Julia checks.
    static func permuted(_ src: JArray, _ perm: [Value], _ t: Ctx) throws -> JArray {
        let n = src.ndims
        let p = perm.compactMap { v -> Int? in if case .int(let k) = v { return Int(k) - 1 }; return nil }
        guard p.count == n, p.count == perm.count, Set(p) == Set(0..<n) else {
            throw JuliaError.argument("no valid permutation of dimensions")
        }
        let dims = p.map { src.dims[$0] }
        let r = JArray(eltype: src.eltype, dims: dims)
        var strides = [Int](repeating: 1, count: n)
        for k in 1..<max(n, 1) { strides[k] = strides[k - 1] * src.dims[k - 1] }
        var index = [Int](repeating: 0, count: n)
        for out in 0..<r.count {
            var from = 0
            for k in 0..<n { from += index[k] * strides[p[k]] }
            r.setRaw(out, src.get(from))
            var k = 0
            while k < n {
                index[k] += 1
                if index[k] < dims[k] { break }
                index[k] = 0
                k += 1
            }
        }
        return r
    }

    /// Sorted copy honouring `rev`, `by` and `lt`.
    static func sortValues(_ xs: [Value], _ a: Args, _ t: Ctx) throws -> [Value] {
        try sortIndices(xs, a, t).map { xs[$0] }
    }

    static func sortIndices(_ xs: [Value], _ a: Args, _ t: Ctx) throws -> [Int] {
        let rev: Bool = { if case .bool(true)? = a.keyword("rev") { return true } else { return false } }()
        let by = a.keyword("by")
        let lt = a.keyword("lt")
        // the keys found once each, through the closure's fast call when it has one
        let keys = try by.map { f in try t.repeatedly(f) { call in try xs.map { try call($0) } } } ?? xs
        // numeric fast path
        if lt == nil, keys.allSatisfy({ if case .float = $0 { return true }; if case .int = $0 { return true }; return false }) {
            let ds = keys.map { v -> Double in if case .int(let i) = v { return Double(i) }; if case .float(let f) = v { return f }; return 0 }
            let allInt = keys.allSatisfy { if case .int = $0 { return true } else { return false } }
            if allInt {
                return positionsInOrder(keys.map { v -> Int64 in if case .int(let i) = v { return i }; return 0 }, rev: rev)
            }
            // Julia's `isless` on numbers that are not NaN: -0.0 before 0.0, as the bits'
            // total order has it (sign set: all bits flipped; else the sign bit set)
            if !ds.contains(where: { $0.isNaN }) {
                return positionsInOrder(ds.map { d -> UInt64 in
                    let b = d.bitPattern
                    return b >> 63 == 1 ? ~b : b | (1 << 63)
                }, rev: rev)
            }
            return Array(0..<xs.count).sorted { i, j in
                let x = ds[i], y = ds[j]
                if x.isNaN || y.isNaN { return !x.isNaN && y.isNaN ? !rev : (x.isNaN && !y.isNaN ? rev : i < j) }
                return rev ? (x > y || x == y && i < j) : (x < y || x == y && i < j)
            }
        }
        var failure: Error?
        let idx = Array(0..<xs.count)
        // a stable merge sort through the interpreter's comparison
        func less(_ i: Int, _ j: Int) -> Bool {
            if failure != nil { return false }
            do {
                if let f = lt {
                    return try truthy(rev ? try t.call2(f, keys[j], keys[i]) : try t.call2(f, keys[i], keys[j]))
                }
                return rev ? try t.runtime.isLess(keys[j], keys[i], t) : try t.runtime.isLess(keys[i], keys[j], t)
            } catch {
                failure = error
                return false
            }
        }
        let sorted = mergeSort(idx, less)
        if let f = failure { throw f }
        return sorted
    }

    /// The positions of `keys` in ascending order (descending with `rev`), equal keys in
    /// their order: the keys sorted beside their positions, so that each comparison reads
    /// two adjacent pairs rather than the keys at two indices.
    static func positionsInOrder<K: Comparable>(_ keys: [K], rev: Bool) -> [Int] {
        var pairs: [(K, Int)] = []
        pairs.reserveCapacity(keys.count)
        for (i, k) in keys.enumerated() { pairs.append((k, i)) }
        if rev {
            pairs.sort { $0.0 > $1.0 || $0.0 == $1.0 && $0.1 < $1.1 }
        } else {
            pairs.sort { $0.0 < $1.0 || $0.0 == $1.0 && $0.1 < $1.1 }
        }
        return pairs.map { $0.1 }
    }

    static func mergeSort(_ xs: [Int], _ less: (Int, Int) -> Bool) -> [Int] {
        if xs.count <= 1 { return xs }
        let mid = xs.count / 2
        let l = mergeSort(Array(xs[..<mid]), less), r = mergeSort(Array(xs[mid...]), less)
        var out: [Int] = []
        out.reserveCapacity(xs.count)
        var i = 0, j = 0
        while i < l.count && j < r.count {
            if less(r[j], l[i]) { out.append(r[j]); j += 1 } else { out.append(l[i]); i += 1 }
        }
        out += l[i...]
        out += r[j...]
        return out
    }

    /// Calls `body` with each element of `v` in order until it returns false. An array's
    /// elements are read from the array as the loop reaches them, as Julia's iteration does
    /// (collecting them all first retained each one an extra time and made an array, for
    /// `any` that may stop at the first); anything else is collected first.
    static func eachElement(_ v: Value, _ t: Ctx, _ body: (Value) throws -> Bool) throws {
        if case .arr(let arr) = v {
            var k: Int64 = 1
            while true {
                // the bound read each time: the function called may change the array
                let p = arr.offset(k)
                if p < 0 { return }
                if try !body(arr.get(p)) { return }
                k += 1
            }
        }
        for x in try t.runtime.collectValues(v, t) where try !body(x) { return }
    }

    static func find(_ t: Ctx, _ a: Args, _ name: String, first: Bool) throws -> Value {
        try a.expect(1...2, name)
        if a.count == 2, case .str(let hay) = a[1], case .obj(let o) = a[0], let r = o as? JRegex {
            // findfirst(r"…", s): the byte range of the first (or last) match
            let ms = first ? [r.firstMatch(in: hay.value)].compactMap { $0 } : r.allMatches(in: hay.value)
            guard let m = ms.last else { return .nothing }
            return .range(JRange(start: Int64(m.offset), stop: Int64(m.offset + m.match.utf8.count - 1)))
        }
        if a.count == 2, case .str(let hay) = a[1] {
            // findfirst("ab", "xaby") → range; findfirst(pred, str) → index
            if case .str(let needle) = a[0] {
                guard let r = first ? hay.value.range(of: needle.value) : hay.value.range(of: needle.value, options: .backwards) else { return .nothing }
                let lo = hay.value.utf8.distance(from: hay.value.startIndex, to: r.lowerBound) + 1
                let n = needle.value.utf8.count
                return .range(JRange(start: Int64(lo), stop: Int64(lo + n - 1)))
            }
        }
        if first, a.count == 2, case .fn = a[0], case .arr = a[1] {
            // findfirst(pred, v): the elements read from the array as it goes
            var k = 0, found = false
            try t.repeatedly(a[0]) { call in
                try eachElement(a[1], t) { x in
                    k += 1
                    found = try truthy(try call(x))
                    return !found
                }
            }
            return found ? .int(Int64(k)) : .nothing
        }
        let xs: [Value]
        var pred: Value?
        if a.count == 2 { pred = a[0]; xs = try t.runtime.collectValues(a[1], t) } else { xs = try t.runtime.collectValues(a[0], t) }
        let order = first ? Array(xs.indices) : Array(xs.indices.reversed())
        for i in order {
            let x = xs[i]
            let hit: Bool
            if let p = pred {
                if case .fn = p { hit = try truthy(try t.call1(p, x)) } else { hit = try t.runtime.isEqual(p, x, t) }
            } else {
                hit = { if case .bool(let b) = x { return b } else { return false } }()
            }
            if hit { return .int(Int64(i + 1)) }
        }
        return .nothing
    }

    static func findExtreme(_ t: Ctx, _ a: Args, _ name: String, wantMax: Bool) throws -> Value {
        let xs = try t.runtime.collectValues(a[a.count - 1], t)
        let vals = a.count == 2 ? try t.callEach(a[0], xs) : xs
        guard !vals.isEmpty else { throw JuliaError.argument("collection must be non-empty") }
        var bi = 0
        for i in 1..<vals.count {
            let better = wantMax ? try t.runtime.isLess(vals[bi], vals[i], t) : try t.runtime.isLess(vals[i], vals[bi], t)
            if better { bi = i }
        }
        return .tuple(JTuple.of([vals[bi], .int(Int64(bi + 1))]))
    }

    static func fold(_ t: Ctx, _ f: Value, _ xs: [Value], _ initial: Value?, _ name: String) throws -> Value {
        guard var acc = initial ?? xs.first else {
            throw JuliaError.argument("reducing over an empty collection is not allowed")
        }
        let op = t.runtime.opOf(f)
        for x in (initial == nil ? xs.dropFirst() : xs[...]) {
            acc = op != nil ? try t.runtime.binary(op!, acc, x, t) : try t.call2(f, acc, x)
        }
        return acc
    }

    /// `sum`/`prod`, with `sum(f, v)` and `dims=`; float arrays are summed pairwise as Julia does.
    static func reduction(_ t: Ctx, _ a: Args, _ name: String, _ op: Op) throws -> Value {
        try a.expect(1...2, name)
        if a.count == 1, let d = a.keywordInt("dims"), case .arr(let arr) = a[0], arr.ndims == 2 {
            let m = arr.dims[0], n = arr.dims[1]
            let outDims = d == 1 ? [1, n] : [m, 1]
            var out: [Value] = []
            if d == 1 { for j in 0..<n { out.append(try fold(t, .fn(t.runtime.operatorFunctions[Int(op.rawValue)]), (0..<m).map { arr.get($0 + j * m) }, nil, name)) } }
            else { for i in 0..<m { out.append(try fold(t, .fn(t.runtime.operatorFunctions[Int(op.rawValue)]), (0..<n).map { arr.get(i + $0 * m) }, nil, name)) } }
            return .arr(t.runtime.collectedArray(out, dims: outDims))
        }
        if a.count == 1, case .arr(let arr) = a[0] {
            if arr.kind == .float64 {
                if op == .add { return .float(pairwiseSum(arr.floats, arr.count)) }
                var p = 1.0
                for i in 0..<arr.count { p *= arr.floats[i] }
                return .float(p)
            }
            if arr.kind == .int64 {
                var s: Int64 = op == .add ? 0 : 1
                for i in 0..<arr.count { s = op == .add ? s &+ arr.ints[i] : s &* arr.ints[i] }
                return .int(s)
            }
            if arr.kind == .bool && op == .add {
                var s: Int64 = 0
                for i in 0..<arr.count where arr.bools[i] { s += 1 }
                return .int(s)
            }
        }
        if a.count == 1, case .range(let r) = a[0], r.kind != .float, op == .add {
            if r.count == 0 { return .int(0) }
            return .int((r.start &+ r.stop) &* Int64(r.count) / 2)
        }
        var xs = try t.runtime.collectValues(a[a.count - 1], t)
        if a.count == 2 { xs = try t.callEach(a[0], xs) }
        if xs.isEmpty {
            if case .arr(let arr) = a[a.count - 1], arr.eltype === JType.float64 { return .float(op == .add ? 0 : 1) }
            return .int(op == .add ? 0 : 1)
        }
        var acc = xs[0]
        if case .bool(let b) = acc { acc = .int(b ? 1 : 0) }
        for x in xs.dropFirst() { acc = try t.runtime.binary(op, acc, x, t) }
        return acc
    }

    static func pairwiseSum(_ p: UnsafeMutablePointer<Double>, _ n: Int) -> Double {
        if n <= 1024 {
            var s = 0.0
            for i in 0..<n { s += p[i] }
            return s
        }
        let h = n / 2
        return pairwiseSum(p, h) + pairwiseSum(p + h, n - h)
    }

    static func minMaxReduce(_ t: Ctx, _ a: Args, _ name: String, wantMax: Bool) throws -> Value {
        try a.expect(1...2, name)
        if a.count == 1, case .arr(let arr) = a[0], arr.kind == .float64, arr.count > 0 {
            var best = arr.floats[0]
            for i in 1..<arr.count {
                let x = arr.floats[i]
                if x.isNaN { return .float(x) }
                if wantMax ? x > best : x < best { best = x }
            }
            return .float(best)
        }
        if a.count == 1, case .range(let r) = a[0], r.kind != .float, r.count > 0 {
            return (wantMax == (r.step > 0)) ? r.element(r.count - 1) : r.element(0)
        }
        var xs = try t.runtime.collectValues(a[a.count - 1], t)
        if a.count == 2 { xs = try t.callEach(a[0], xs) }
        guard var best = xs.first else {
            throw JuliaError.argument("reducing over an empty collection is not allowed")
        }
        for x in xs.dropFirst() {
            if case .float(let f) = x, f.isNaN { return x }
            if wantMax ? try t.runtime.isLess(best, x, t) : try t.runtime.isLess(x, best, t) { best = x }
        }
        return best
    }

    static func accumulate(_ t: Ctx, _ a: Args, _ op: Op) throws -> Value {
        let xs = try t.runtime.collectValues(a[0], t)
        var out: [Value] = []
        var acc: Value?
        for x in xs {
            acc = try acc.map { try t.runtime.binary(op, $0, x, t) } ?? x
            out.append(acc!)
        }
        if case .arr(let src) = a[0], src.kind != .any {
            let r = JArray(eltype: src.eltype, dims: Dims(out.count))
            for (i, x) in out.enumerated() { r.setRaw(i, try t.runtime.convert(src.eltype, x)) }
            return .arr(r)
        }
        return .arr(t.runtime.collectedArray(out, dims: Dims(out.count)))
    }

    /// `range(start, stop; length)`, `range(start; stop, length, step)`.
    static func makeRangeCall(_ t: Ctx, _ a: Args) throws -> Value {
        let start = a.count >= 1 ? a[0] : a.keyword("start")
        let stop = a.count >= 2 ? a[1] : a.keyword("stop")
        let length = a.count >= 3 ? a[2] : a.keyword("length")
        let step = a.keyword("step")
        guard let s = start else { throw JuliaError.argument("range: start is required") }
        if let n = length, let e = stop {
            // start, stop and length give a Float64 range even for integers, as in Julia
            guard case .int(let len) = n else { throw JuliaError.argument("range: length must be an integer") }
            guard let a0 = numeric(s), let b0 = numeric(e) else { throw JuliaError.method("range", a.array) }
            return .range(JRange(fstart: t.runtime.toDouble(a0), fstop: t.runtime.toDouble(b0), length: Int(len)))
        }
        if let st = step, let e = stop { return try t.runtime.makeRange(s, st, e) }
        if let st = step, let n = length, case .int(let len) = n {
            let e = try t.runtime.binary(.add, s, try t.runtime.binary(.mul, st, .int(len - 1), t), t)
            return try t.runtime.makeRange(s, st, e)
        }
        if let e = stop { return try t.runtime.makeRange(s, e) }
        if let n = length, case .int(let len) = n { return try t.runtime.makeRange(s, try t.runtime.binary(.add, s, .int(len - 1), t)) }
        throw JuliaError.argument("range: too few arguments")
    }

    /// The elements `reverse(v, start, stop)` and `reverse!` turn round, as 0-based
    /// positions: all of `v` without `start`/`stop`, none when `stop <= start`; a `start` or
    /// `stop` outside `v` (when there is something to turn) is a `BoundsError`, as in Julia.
    static func reversedPart(_ a: Args, _ v: JArray, _ name: String) throws -> Range<Int> {
        let n = v.count
        guard a.count > 1 else { return 0..<n }
        let start = try a.int(1, name), stop = a.count > 2 ? try a.int(2, name) : n
        guard stop > start else { return 0..<0 }
        for i in [start, stop] where i < 1 || i > n { throw JuliaError.bounds(a[0], [.int(Int64(i))]) }
        return (start - 1)..<stop
    }
}
