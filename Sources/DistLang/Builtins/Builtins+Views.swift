/// `view(A, inds...)`, `parent`, `parentindices`: views that share their parent's memory.
///
/// A selection that is contiguous in column-major memory — any leading `:`s, then one range
/// (or `:`), then integers (`A[2:5]`, `A[:, j]`, `A[:, 2:3]`, `A[:, :, k]`) — is a true view:
/// writes through it change the parent, as `fill!(S.loc_subarr_1d, v)` relies on. Other
/// selections are copied (they would need strided access, which arrays here do not have).
extension Builtins {
    static func installViews(_ rt: Runtime) {
        rt.def("view") { t, a in
            guard a.count >= 1 else { throw JuliaError.method("view", a.array) }
            let idx = Array(a.array.dropFirst())
            guard case .arr(let arr) = a[0], let v = try contiguousView(arr, idx, t) else {
                return try t.runtime.getIndex(a[0], idx, t)
            }
            return .arr(v)
        }
        rt.def("parent") { t, a in
            try a.expect(1, "parent")
            if case .arr(let arr) = a[0], let v = arr.memoryOwner as? ArrayView { return .arr(v.parent) }
            return a[0]
        }
        rt.def("parentindices") { t, a in
            try a.expect(1, "parentindices")
            guard case .arr(let arr) = a[0] else { throw JuliaError.method("parentindices", a.array) }
            if let v = arr.memoryOwner as? ArrayView { return .tuple(JTuple.of(v.indices)) }
            return .tuple(JTuple.of(arr.dims.map { .range(JRange(start: 1, stop: Int64($0))) }))
        }
    }

    /// The view of `arr[idx...]` when the selection is contiguous in memory, else nil.
    static func contiguousView(_ arr: JArray, _ idx: [Value], _ t: Ctx) throws -> JArray? {
        if idx.isEmpty { return arr.alias(dims: [], from: 0, owner: ArrayView(parent: arr, indices: [])) }
        let dims: [Int] = idx.count == 1 ? [arr.count] : arr.dims + Array(repeating: 1, count: max(0, idx.count - arr.dims.count))
        guard idx.count == 1 || idx.count >= arr.dims.count else { return nil }
        // per index: (first, length, keeps its dimension)
        var parts: [(lo: Int, len: Int, keep: Bool)] = []
        var shown: [Value] = []
        for (k, x) in idx.enumerated() {
            let n = dims[k]
            switch x {
            case .int(let i):
                guard i >= 1, Int(i) <= n else { throw boundsError(arr, idx, t) }
                parts.append((Int(i) - 1, 1, false))
                shown.append(x)
            case .range(let r) where r.isInteger && (r.step == 1 || r.count <= 1):
                if r.count > 0 {
                    // (r.count - 1 <= n - start: 1:typemax(Int) has Int.max elements)
                    guard r.start >= 1, r.start <= n, r.count - 1 <= n - Int(r.start) else { throw boundsError(arr, idx, t) }
                }
                parts.append((r.count > 0 ? Int(r.start) - 1 : 0, r.count, true))
                // an empty range shows as start:start-1 (1:0 when start is typemin(Int))
                let start = r.count == 0 && r.start == .min ? 1 : r.start
                shown.append(.range(JRange(start: start, stop: start + Int64(r.count) - 1)))
            case .obj(let o) where o is JColon:
                parts.append((0, n, true))
                shown.append(.range(JRange(start: 1, stop: Int64(n))))
            default:
                return nil
            }
        }
        // contiguous: full extents, then one partial, then single positions
        var k = 0
        while k < parts.count && parts[k].lo == 0 && parts[k].len == dims[k] && parts[k].keep { k += 1 }
        if k < parts.count { k += 1 }
        for j in k..<parts.count where parts[j].len != 1 { return nil }
        var first = 0, stride = 1
        for (j, p) in parts.enumerated() {
            first += p.lo * stride
            stride *= dims[j]
        }
        let viewDims = parts.filter { $0.keep }.map { $0.len }
        return arr.alias(dims: viewDims, from: first, owner: ArrayView(parent: arr, indices: shown))
    }

    static func boundsError(_ arr: JArray, _ idx: [Value], _ t: Ctx) -> JuliaError {
        JuliaError.make(.boundsError, [.arr(arr), .tuple(JTuple.of(idx))])
    }
}
