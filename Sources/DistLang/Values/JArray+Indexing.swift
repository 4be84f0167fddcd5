/// Element positions for Int indices, and stores that need no conversion: what the indexing
/// nodes use before they fall back to `Runtime.getIndex`/`setIndex` (ranges, `:`, Bool
/// masks, conversions, errors).
///
/// Positions are zero-based and -1 means "out of bounds" (the caller then takes the general
/// path, which raises Julia's `BoundsError` with the indices as written). Unsigned compares
/// check both ends of a range at once.
extension JArray {
    /// The position of `a[i]` (linear indexing, any number of dimensions).
    @inline(__always) func offset(_ i: Int64) -> Int {
        let k = Int(truncatingIfNeeded: i) &- 1
        return UInt(bitPattern: k) < UInt(bitPattern: count) ? k : -1
    }

    /// The position of `a[i, j]`.
    @inline(__always) func offset(_ i: Int64, _ j: Int64) -> Int {
        matrixOffset(i, j) ?? foldedOffset(2) { $0 == 0 ? i : j }
    }

    /// The position of `a[i, j]` (-1 out of bounds) when the array is a matrix; nil otherwise.
    @inline(__always) func matrixOffset(_ i: Int64, _ j: Int64) -> Int? {
        guard dims.count == 2 else { return nil }
        let m = dims[0], n = dims[1]
        let r = Int(truncatingIfNeeded: i) &- 1, c = Int(truncatingIfNeeded: j) &- 1
        return UInt(bitPattern: r) < UInt(bitPattern: m) && UInt(bitPattern: c) < UInt(bitPattern: n) ? r &+ c &* m : -1
    }

    /// Element `p` of an array of `Float64` or `Int`; nil for other arrays and for -1.
    @inline(__always) func number(at p: Int) -> Value? {
        if p < 0 { return nil }
        switch kind {
        case .float64: return .float(floats[p])
        case .int64: return .int(ints[p])
        default: return nil
        }
    }

    /// The position of `a[i, j, k]`.
    @inline(__always) func offset(_ i: Int64, _ j: Int64, _ k: Int64) -> Int {
        if dims.count == 3 { return cubeOffset(i, j, k) }
        return foldedOffset(3) { $0 == 0 ? i : $0 == 1 ? j : k }
    }

    /// The position of `a[i, j, k]` (-1 out of bounds) when the array has three dimensions;
    /// -1 for any other array too (the caller's general path handles those).
    @inline(__always) func cubeOffset(_ i: Int64, _ j: Int64, _ k: Int64) -> Int {
        guard dims.count == 3 else { return -1 }
        let m = dims[0], n = dims[1]
        let x = Int(truncatingIfNeeded: i) &- 1, y = Int(truncatingIfNeeded: j) &- 1, z = Int(truncatingIfNeeded: k) &- 1
        if UInt(bitPattern: x) < UInt(bitPattern: m) && UInt(bitPattern: y) < UInt(bitPattern: n)
            && UInt(bitPattern: z) < UInt(bitPattern: dims[2]) {
            return x &+ m &* (y &+ n &* z)
        }
        return -1
    }

    /// The position of the `n` Int indices `index(0)…index(n-1)`, with Julia's rules when `n`
    /// is not the number of dimensions: the last index runs over the trailing dimensions
    /// together, and indices past the last dimension must be 1.
    func foldedOffset(_ n: Int, _ index: (Int) -> Int64) -> Int {
        let nd = dims.count
        var off = 0
        var stride = 1
        for m in 0..<n {
            var len = 1
            if m < n - 1 {
                if m < nd { len = dims[m] }
            } else {
                var l = m
                while l < nd { len &*= dims[l]; l += 1 }
            }
            let k = Int(truncatingIfNeeded: index(m)) &- 1
            if UInt(bitPattern: k) >= UInt(bitPattern: len) { return -1 }
            off &+= k &* stride
            stride &*= len
        }
        return off
    }

    /// The position of the indices at `idx[0..<n]` when all are Ints; -1 otherwise.
    func offset(_ idx: UnsafePointer<Value>, _ n: Int) -> Int {
        for m in 0..<n {
            guard case .int = idx[m] else { return -1 }
        }
        return foldedOffset(n) { m in
            if case .int(let k) = idx[m] { return k }
            return 0
        }
    }

    /// Stores `v` at position `i` when it already has the element type (no conversion);
    /// false when it needs `convert` (or is an error).
    @inline(__always) func storeExact(_ i: Int, _ v: Value) -> Bool {
        switch kind {
        case .float64:
            if case .float(let x) = v { floats[i] = x; return true }
        case .int64:
            if case .int(let x) = v { ints[i] = x; return true }
        case .bool:
            if case .bool(let x) = v { bools[i] = x; return true }
        case .char:
            if case .char(let x) = v { chars[i] = x; return true }
        case .uint8:
            break
        case .any:
            if holdsAnything { values[i] = v; return true }
        case .complexF64, .complexI64:
            if case .obj(let o as JStruct) = v, o.type === eltype { setRaw(i, v); return true }
        }
        return false
    }
}
