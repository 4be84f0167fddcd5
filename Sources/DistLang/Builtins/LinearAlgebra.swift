import CBLAS

/// Dense linear algebra through OpenBLAS and LAPACKE: products, solves, norms, SVD.
enum LinearAlgebra {
    /// A Float64 copy of a numeric array (column-major), or the array itself when it is one.
    static func doubles(_ a: JArray, _ rt: Runtime) throws -> JArray {
        if a.kind == .float64 { return a }
        let r = JArray(eltype: .float64, dims: a.dims)
        for i in 0..<a.count {
            switch a.get(i) {
            case .int(let x): r.floats[i] = Double(x)
            case .float(let x): r.floats[i] = x
            case .bool(let b): r.floats[i] = b ? 1 : 0
            default: throw JuliaError.method("*", [.arr(a)])
            }
        }
        return r
    }

    static func rows(_ a: JArray) -> Int { a.dims[0] }
    static func cols(_ a: JArray) -> Int { a.ndims == 1 ? 1 : a.dims[1] }

    /// `A * B` for matrices and vectors.
    static func multiply(_ a: JArray, _ b: JArray, _ rt: Runtime) throws -> Value {
        // vectors and matrices only (a 0-dimensional array has no rows: `fill(1.0) * A` is a
        // MethodError in Julia too)
        guard (1...2).contains(a.ndims) && (1...2).contains(b.ndims) else { throw JuliaError.method("*", [.arr(a), .arr(b)]) }
        let m = rows(a), k = cols(a)
        let k2 = rows(b), n = cols(b)
        if a.ndims == 1 && b.ndims == 1 { throw JuliaError.method("*", [.arr(a), .arr(b)]) }
        if a.ndims == 1 {
            // a column vector times a one-row matrix: an outer product
            guard k2 == 1 else { throw JuliaError.dimensionMismatch("A has dimensions (\(m),1) but B has dimensions (\(k2),\(n))") }
            return try multiplyMatrices(a, m, 1, b, 1, n, rt, resultDims: [m, n])
        }
        guard k == k2 else {
            throw JuliaError.dimensionMismatch("A has dimensions (\(m),\(k)) but B has dimensions (\(k2),\(n))")
        }
        let dims = b.ndims == 1 ? [m] : [m, n]
        let r = try multiplyMatrices(a, m, k, b, k2, n, rt, resultDims: dims)
        if a.isRowAdjoint && b.ndims == 1, case .arr(let v) = r, v.count == 1 { return v.get(0) }
        // `x' * A` is still an adjoint vector, so `x' * A * x` is a number as in Julia
        if a.isRowAdjoint && b.ndims == 2, case .arr(let v) = r { v.isRowAdjoint = true }
        return r
    }

    static func multiplyMatrices(_ a: JArray, _ m: Int, _ k: Int, _ b: JArray, _ k2: Int, _ n: Int, _ rt: Runtime, resultDims: [Int]) throws -> Value {
        if a.kind == .int64 && b.kind == .int64 {
            let r = JArray(eltype: .int64, dims: resultDims)
            for j in 0..<n {
                for p in 0..<k {
                    let bv = b.ints[p + j * k]
                    if bv == 0 { continue }
                    for i in 0..<m { r.ints[i + j * m] = r.ints[i + j * m] &+ a.ints[i + p * m] &* bv }
                }
            }
            return .arr(r)
        }
        if a.kind == .any || b.kind == .any {
            // general element types: a plain triple loop through the interpreter's arithmetic
            throw JuliaError.method("*", [.arr(a), .arr(b)])
        }
        let da = try doubles(a, rt), db = try doubles(b, rt)
        let r = JArray(eltype: .float64, dims: resultDims)
        if m == 0 || n == 0 { return .arr(r) }
        if k == 0 { return .arr(r) }
        if n == 1 {
            cblas_dgemv(CblasColMajor, CblasNoTrans, Int32(m), Int32(k), 1.0, da.floats, Int32(max(m, 1)), db.floats, 1, 0.0, r.floats, 1)
        } else {
            cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k), 1.0,
                        da.floats, Int32(max(m, 1)), db.floats, Int32(max(k, 1)), 0.0, r.floats, Int32(max(m, 1)))
        }
        return .arr(r)
    }

    /// `A \ B`: solves `A X = B` (LU with partial pivoting; least squares when not square).
    static func solve(_ a: JArray, _ b: JArray, _ rt: Runtime) throws -> Value {
        guard a.ndims == 2, (1...2).contains(b.ndims) else { throw JuliaError.method("\\", [.arr(a), .arr(b)]) }
        let n = a.dims[0], ncols = a.dims[1]
        guard rows(b) == n else { throw JuliaError.dimensionMismatch("B has leading dimension \(rows(b)), but needs \(n)") }
        let nrhs = cols(b)
        let lu = try doubles(a, rt).copy()
        if n == ncols {
            let x = try doubles(b, rt).copy()
            var piv = [Int32](repeating: 0, count: n)
            let info = LAPACKE_dgesv(LAPACK_COL_MAJOR, Int32(n), Int32(nrhs), lu.floats, Int32(max(n, 1)), &piv, x.floats, Int32(max(n, 1)))
            if info > 0 { throw JuliaError.make(JType.singularException, [.int(Int64(info))]) }
            x.dims = b.dims
            return .arr(x)
        }
        // least squares
        let ldb = max(n, ncols)
        let x = JArray(eltype: .float64, dims: Dims(ldb * nrhs))
        let db = try doubles(b, rt)
        for j in 0..<nrhs { for i in 0..<n { x.floats[i + j * ldb] = db.floats[i + j * n] } }
        _ = LAPACKE_dgels(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "N")), Int32(n), Int32(ncols), Int32(nrhs), lu.floats, Int32(max(n, 1)), x.floats, Int32(ldb))
        let r = JArray(eltype: .float64, dims: b.ndims == 1 ? [ncols] : [ncols, nrhs])
        for j in 0..<nrhs { for i in 0..<ncols { r.floats[i + j * ncols] = x.floats[i + j * ldb] } }
        return .arr(r)
    }

    /// `A / B` = `(B' \ A')'`.
    static func rightDivide(_ a: JArray, _ b: JArray, _ rt: Runtime) throws -> Value {
        let at = try rt.transpose(try doubles(a, rt)), bt = try rt.transpose(try doubles(b, rt))
        at.isRowAdjoint = false
        bt.isRowAdjoint = false
        guard case .arr(let x) = try solve(bt, at, rt) else { throw JuliaError.method("/", [.arr(a), .arr(b)]) }
        let r = try rt.transpose(x.ndims == 1 ? x.sharingReshapeCopy([x.count, 1]) : x)
        r.isRowAdjoint = false
        return .arr(r)
    }

    /// `A^n` for a square matrix and an integer.
    static func power(_ a: JArray, _ n: Int64, _ rt: Runtime) throws -> Value {
        guard a.ndims == 2, a.dims[0] == a.dims[1] else {
            throw JuliaError.dimensionMismatch("matrix is not square: dimensions are \(rt.dimsText(Array(a.dims)))")
        }
        let m = a.dims[0]
        if n < 0 { return try power(try inverse(a, rt), -n, rt) }
        var result: JArray = {
            let r = JArray(eltype: a.kind == .int64 ? .int64 : .float64, dims: Dims(m, m))
            for i in 0..<m { r.setRaw(i + i * m, a.kind == .int64 ? .int(1) : .float(1)) }
            return r
        }()
        var base = a.kind == .int64 ? a : try doubles(a, rt)
        var e = n
        while e > 0 {
            if e & 1 == 1, case .arr(let p) = try multiplyMatrices(result, m, m, base, m, m, rt, resultDims: [m, m]) { result = p }
            e >>= 1
            if e > 0, case .arr(let sq) = try multiplyMatrices(base, m, m, base, m, m, rt, resultDims: [m, m]) { base = sq }
        }
        return .arr(result)
    }

    /// `inv(A)`.
    static func inverse(_ a: JArray, _ rt: Runtime) throws -> JArray {
        guard a.ndims == 2, a.dims[0] == a.dims[1] else { throw JuliaError.dimensionMismatch("matrix is not square") }
        let n = a.dims[0]
        let r = try doubles(a, rt).copy()
        var piv = [Int32](repeating: 0, count: n)
        let info = LAPACKE_dgetrf(LAPACK_COL_MAJOR, Int32(n), Int32(n), r.floats, Int32(max(n, 1)), &piv)
        if info > 0 { throw JuliaError.make(JType.singularException, [.int(Int64(info))]) }
        _ = LAPACKE_dgetri(LAPACK_COL_MAJOR, Int32(n), r.floats, Int32(max(n, 1)), &piv)
        return r
    }

    /// `det(A)`.
    static func determinant(_ a: JArray, _ rt: Runtime) throws -> Double {
        guard a.ndims == 2, a.dims[0] == a.dims[1] else { throw JuliaError.dimensionMismatch("matrix is not square") }
        let n = a.dims[0]
        let r = try doubles(a, rt).copy()
        var piv = [Int32](repeating: 0, count: n)
        let info = LAPACKE_dgetrf(LAPACK_COL_MAJOR, Int32(n), Int32(n), r.floats, Int32(max(n, 1)), &piv)
        if info > 0 { return 0 }
        var d = 1.0
        for i in 0..<n {
            d *= r.floats[i + i * n]
            if piv[i] != Int32(i + 1) { d = -d }
        }
        return d
    }

    /// `norm(v)` (2-norm of all elements) and `norm(v, p)`.
    static func norm(_ a: JArray, _ p: Double, _ rt: Runtime) throws -> Double {
        let d = try doubles(a, rt)
        if p == 2 { return cblas_dnrm2(Int32(d.count), d.floats, 1) }
        if p == 1 { return cblas_dasum(Int32(d.count), d.floats, 1) }
        if p.isInfinite { return (0..<d.count).reduce(0.0) { max($0, abs(d.floats[$1])) } }
        var s = 0.0
        for i in 0..<d.count { s += Foundation.pow(abs(d.floats[i]), p) }
        return Foundation.pow(s, 1 / p)
    }

    /// `dot(a, b)`.
    static func dot(_ a: JArray, _ b: JArray, _ rt: Runtime) throws -> Value {
        guard a.count == b.count else {
            throw JuliaError.dimensionMismatch("dot product arguments have lengths \(a.count) and \(b.count)")
        }
        if a.kind == .int64 && b.kind == .int64 {
            var s: Int64 = 0
            for i in 0..<a.count { s = s &+ a.ints[i] &* b.ints[i] }
            return .int(s)
        }
        let x = try doubles(a, rt), y = try doubles(b, rt)
        return .float(cblas_ddot(Int32(x.count), x.floats, 1, y.floats, 1))
    }

    /// `svd(A; full)`: `U`, `S` (largest first) and `Vt` with `A ≈ U * Diagonal(S) * Vt`;
    /// the thin factorization unless `full`.
    static func svd(_ a: JArray, full: Bool, _ rt: Runtime) throws -> Value {
        guard (1...2).contains(a.ndims) else { throw JuliaError.method("svd", [.arr(a)]) }
        let m = rows(a), n = cols(a)
        let work = try doubles(a, rt).copy()
        let k = min(m, n)
        let ucols = full ? m : k, vtrows = full ? n : k
        let u = JArray(eltype: .float64, dims: Dims(m, ucols))
        let s = JArray(eltype: .float64, dims: Dims(k))
        let vt = JArray(eltype: .float64, dims: Dims(vtrows, n))
        if k > 0 {
            let job = Int8(UInt8(ascii: full ? "A" : "S"))
            let info = LAPACKE_dgesdd(LAPACK_COL_MAJOR, job, Int32(m), Int32(n), work.floats, Int32(max(m, 1)),
                                      s.floats, u.floats, Int32(max(m, 1)), vt.floats, Int32(max(vtrows, 1)))
            if info != 0 { throw JuliaError.error("LAPACKException(\(info))") }
        }
        return .obj(JStruct(JType.svdType, [.arr(u), .arr(s), .arr(vt)]))
    }

    /// The transpose of a matrix of floats (`F.V` from `F.Vt`).
    static func transposed(_ a: JArray) -> JArray {
        let m = rows(a), n = cols(a)
        let r = JArray(eltype: .float64, dims: Dims(n, m))
        for j in 0..<n { for i in 0..<m { r.floats[j + i * n] = a.floats[i + j * m] } }
        return r
    }

    /// `svdvals(A)`: singular values, largest first.
    static func singularValues(_ a: JArray, _ rt: Runtime) throws -> JArray {
        guard (1...2).contains(a.ndims) else { throw JuliaError.method("svdvals", [.arr(a)]) }
        let m = rows(a), n = cols(a)
        let work = try doubles(a, rt).copy()
        let k = min(m, n)
        let s = JArray(eltype: .float64, dims: Dims(k))
        if k == 0 { return s }
        var u = [Double](repeating: 0, count: 1)
        var vt = [Double](repeating: 0, count: 1)
        let info = LAPACKE_dgesdd(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "N")), Int32(m), Int32(n), work.floats, Int32(max(m, 1)),
                                  s.floats, &u, 1, &vt, 1)
        if info != 0 { throw JuliaError.error("LAPACKException(\(info))") }
        return s
    }
}

import Foundation


/// OpenBLAS's thread count (`BLAS.get_num_threads()`).
public func blasThreadCount() -> Int { Int(openblas_get_num_threads()) }

/// Sets OpenBLAS's thread count (`BLAS.set_num_threads(n)`).
public func setBLASThreadCount(_ n: Int) { openblas_set_num_threads(Int32(clamping: max(1, n))) }

/// Stops OpenBLAS's idle helper threads (they restart at the next threaded BLAS call).
public func quietBLASThreads() {
    _ = blas_thread_shutdown_()
}

extension JType {
    /// `LinearAlgebra.SVD`: a singular value decomposition (`U`, `S`, `Vt`; `V` computed).
    public static let svdType = makeStruct(name: "SVD", modulePath: [], super: any, mutable: false,
                                           fields: ["U", "S", "Vt"].map { JSym.intern($0) },
                                           types: [apply(arrayFamily, [.type(float64), .int(2)]), apply(arrayFamily, [.type(float64), .int(1)]),
                                                   apply(arrayFamily, [.type(float64), .int(2)])])
}
