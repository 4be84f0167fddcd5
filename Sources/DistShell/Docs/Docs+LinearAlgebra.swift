/// LinearAlgebra (by OpenBLAS and LAPACKE) and Statistics' `mean`.
extension Docs {
    static let linearAlgebra: [String: String] = [
        "LinearAlgebra": #"""
                LinearAlgebra

            Matrix products, solving, norms and decompositions, computed by OpenBLAS and LAPACKE:
            `*`, `\`, `dot`, `norm`, `det`, `inv`, `tr`, `diag`, `svdvals`, `kron`. Part of Base
            in dist; `using LinearAlgebra` is accepted.
            """#,
        "dot": #"""
                dot(x, y)
                x ⋅ y

            The dot product of two vectors of the same length.

            # Examples
            ```jldoctest
            dist> dot([1, 2], [3, 4])
            11
            ```
            """#,
        "⋅": #"""
                ⋅(x, y)

            `dot(x, y)` (type `\cdot` then Tab).

            # Examples
            ```jldoctest
            dist> [1, 2] ⋅ [3, 4]
            11
            ```
            """#,
        "norm": #"""
                norm(A, p=2)

            The `p`-norm of a vector (or of a matrix's elements as a vector): by default the
            Euclidean length.

            # Examples
            ```jldoctest
            dist> norm([3, 4]), norm([1, -1], 1)
            (5.0, 2.0)
            ```
            """#,
        "det": #"""
                det(A)

            The determinant of a square matrix (by LU factorization).

            # Examples
            ```jldoctest
            dist> det([2.0 0.0; 0.0 3.0])
            6.0
            ```
            """#,
        "tr": #"""
                tr(A)

            The trace: the sum of the diagonal.

            # Examples
            ```jldoctest
            dist> tr([1 2; 3 4])
            5
            ```
            """#,
        "diag": #"""
                diag(A)

            The diagonal of a matrix, as a vector.

            # Examples
            ```jldoctest
            dist> diag([1 2; 3 4])
            2-element Array{Int64,1}:
             1
             4
            ```
            """#,
        "svdvals": #"""
                svdvals(A)

            The singular values of `A`, largest first.

            # Examples
            ```jldoctest
            dist> svdvals([3.0 0.0; 0.0 4.0])
            2-element Array{Float64,1}:
             4.0
             3.0
            ```
            """#,
        "kron": #"""
                kron(A, B)

            The Kronecker product.

            # Examples
            ```jldoctest
            dist> kron([1 2], [1; 1])
            2×2 Array{Int64,2}:
             1  2
             1  2
            ```
            """#,
        "mean": #"""
                mean(itr)
                mean(f, itr)

            The arithmetic mean (of `f` applied to the elements).

            # Examples
            ```jldoctest
            dist> mean([1, 2, 3, 4]), mean(x -> x^2, [1, 2])
            (2.5, 2.5)
            ```
            """#,
        "svd": #"""
                svd(A; full = false) -> SVD

            The singular value decomposition of the matrix `A` (by LAPACK): `F.U`, `F.S` (the
            singular values, largest first) and `F.Vt` (and `F.V`), with `A ≈ F.U * D * F.Vt`
            where `D` is the diagonal matrix of `F.S`.

            # Keywords
            - `full`: square `U` and `Vt` rather than the thin factors.

            # Examples
            ```jldoctest
            dist> F = svd([3.0 0.0; 0.0 4.0]); F.S
            2-element Array{Float64,1}:
             4.0
             3.0

            dist> F.U * [4.0 0.0; 0.0 3.0] * F.Vt
            2×2 Array{Float64,2}:
             3.0  0.0
             0.0  4.0

            dist> size(svd(ones(3, 2)).U), size(svd(ones(3, 2); full = true).U)
            ((3, 2), (3, 3))
            ```
            """#,
        "SVD": #"""
                SVD

            The result of `svd`: the fields `U`, `S` and `Vt`, and the property `V`
            (`transpose(Vt)`). Unlike Julia's, it cannot be destructured as `U, S, V = svd(A)`
            yet.

            # Examples
            ```jldoctest
            dist> F = svd([2.0 0.0; 0.0 1.0]); typeof(F), F.V == transpose(F.Vt)
            (SVD, true)
            ```
            """#,
    ]
}
