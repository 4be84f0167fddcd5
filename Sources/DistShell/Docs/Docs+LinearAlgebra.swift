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
    ]
}
