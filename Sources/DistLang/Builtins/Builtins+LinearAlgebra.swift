/// `LinearAlgebra`: norms, products, solves and decompositions through BLAS/LAPACK.
extension Builtins {
    static func installLinearAlgebra(_ rt: Runtime) {
        rt.def("norm") { t, a in
            try a.expect(1...2, "norm")
            if let x = numeric(a[0]) { return .float(abs(t.runtime.toDouble(x))) }
            let p = a.count == 2 ? try a.double(1, "norm") : 2
            return .float(try LinearAlgebra.norm(try t.runtime.asArray(a[0], t), p, t.runtime))
        }
        rt.def("dot") { t, a in
            try a.expect(2, "dot")
            return try LinearAlgebra.dot(try t.runtime.asArray(a[0], t), try t.runtime.asArray(a[1], t), t.runtime)
        }
        rt.alias("⋅", "dot")
        rt.defType("SVD", .svdType)
        JType.svdType.computedProperty = { s, name, _ in
            guard name.name == "V", case .arr(let vt) = s[2] else { return nil }
            return .arr(LinearAlgebra.transposed(vt))
        }
        rt.def("svd") { t, a in
            try a.expect(1, "svd")
            let full = a.keyword("full").map { isTrue($0) } ?? false
            return try LinearAlgebra.svd(try t.runtime.asArray(a[0], t), full: full, t.runtime)
        }
        rt.def("svdvals") { t, a in
            try a.expect(1, "svdvals")
            return .arr(try LinearAlgebra.singularValues(try t.runtime.asArray(a[0], t), t.runtime))
        }
        rt.def("det") { t, a in
            try a.expect(1, "det")
            return .float(try LinearAlgebra.determinant(try t.runtime.asArray(a[0], t), t.runtime))
        }
        rt.def("inv") { t, a in
            try a.expect(1, "inv")
            if let x = numeric(a[0]) { return .float(1 / t.runtime.toDouble(x)) }
            return .arr(try LinearAlgebra.inverse(try t.runtime.asArray(a[0], t), t.runtime))
        }
        rt.def("tr") { t, a in
            let m = try t.runtime.asArray(a[0], t)
            guard m.ndims == 2, m.dims[0] == m.dims[1] else { throw JuliaError.dimensionMismatch("matrix is not square") }
            var s = Value.int(0)
            for i in 0..<m.dims[0] { s = try t.runtime.binary(.add, s, m.get(i + i * m.dims[0]), t) }
            return s
        }
        rt.def("diag") { t, a in
            let m = try t.runtime.asArray(a[0], t)
            guard m.ndims == 2 else { throw JuliaError.method("diag", a.array) }
            let k = min(m.dims[0], m.dims[1])
            let r = JArray(eltype: m.eltype, dims: Dims(k))
            for i in 0..<k { r.setRaw(i, m.get(i + i * m.dims[0])) }
            return .arr(r)
        }
        rt.def("kron", arity: 2...2) { t, a in
            let x = try t.runtime.asArray(a[0], t), y = try t.runtime.asArray(a[1], t)
            // vectors and matrices, as Julia's kron(::AbstractVecOrMat, ::AbstractVecOrMat)
            guard (1...2).contains(x.ndims) && (1...2).contains(y.ndims) else { throw JuliaError.method("kron", a.array) }
            let (m, n) = (x.dims[0], x.ndims == 2 ? x.dims[1] : 1)
            let (p, q) = (y.dims[0], y.ndims == 2 ? y.dims[1] : 1)
            let (mp, o1) = m.multipliedReportingOverflow(by: p), (nq, o2) = n.multipliedReportingOverflow(by: q)
            if o1 || o2 { throw JuliaError.argument("invalid Array dimensions") }
            let total = try JArray.elementCount([mp, nq])
            try requireValues(total)
            var out: [Value] = []
            out.reserveCapacity(total)
            // element by element, so an empty result with a huge dimension costs nothing
            for e in 0..<total {
                let i = e % mp, j = e / mp
                out.append(try t.runtime.binary(.mul, x.get(i / p + (j / q) * m), y.get(i % p + (j % q) * p), t))
            }
            return .arr(t.runtime.collectedArray(out, dims: Dims(mp, nq)))
        }
    }
}
