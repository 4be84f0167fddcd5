/// Arrays: construction, shape, indexing, changing vectors, sorting, searching, reducing.
extension Docs {
    static let arrays: [String: String] = [
        "zeros": #"""
                zeros([T=Float64,] dims...)

            An array of zeros of type `T` and size `dims` (integers or a tuple).

            # Examples
            ```jldoctest
            dist> zeros(Int, 2, 3)
            2×3 Array{Int64,2}:
             0  0  0
             0  0  0
            ```
            """#,
        "ones": #"""
                ones([T=Float64,] dims...)

            An array of ones.

            # Examples
            ```jldoctest
            dist> ones(2)
            2-element Array{Float64,1}:
             1.0
             1.0
            ```
            """#,
        "fill": #"""
                fill(x, dims...)

            An array of size `dims` with every element `x` (the same object, for a mutable `x`).

            # Examples
            ```jldoctest
            dist> fill(7, 2, 2)
            2×2 Array{Int64,2}:
             7  7
             7  7
            ```
            """#,
        "fill!": #"""
                fill!(A, x)

            Set every element of `A` to `x`; returns `A`.

            # Examples
            ```jldoctest
            dist> fill!(zeros(3), 2)
            3-element Array{Float64,1}:
             2.0
             2.0
             2.0
            ```
            """#,
        "trues": #"""
                trues(dims...)

            A `BitArray` of `true`s.

            # Examples
            ```jldoctest
            dist> trues(2)
            2-element BitArray{1}:
             1
             1
            ```
            """#,
        "falses": #"""
                falses(dims...)

            A `BitArray` of `false`s.

            # Examples
            ```jldoctest
            dist> count(falses(5))
            0
            ```
            """#,
        "similar": #"""
                similar(A, [T, dims...])

            A new array like `A` (its element type and size, unless given), elements not set.

            # Examples
            ```jldoctest
            dist> size(similar([1 2; 3 4]))
            (2, 2)
            ```
            """#,
        "reshape": #"""
                reshape(A, dims...)

            The elements of `A`, in column-major order, as an array of size `dims` (one of them
            may be `:` to be computed).

            # Examples
            ```jldoctest
            dist> reshape(1:6, 2, 3)
            2×3 Array{Int64,2}:
             1  3  5
             2  4  6
            ```
            """#,
        "vec": #"""
                vec(A)

            The elements of `A` as a vector, in column-major order.

            # Examples
            ```jldoctest
            dist> vec([1 2; 3 4])
            4-element Array{Int64,1}:
             1
             3
             2
             4
            ```
            """#,
        "copyto!": #"""
                copyto!(dest, src)

            Copy the elements of `src` into `dest` (of the same length); returns `dest`.

            # Examples
            ```jldoctest
            dist> copyto!(zeros(2), [1, 2])
            2-element Array{Float64,1}:
             1.0
             2.0
            ```
            """#,
        "cat": #"""
                cat(A...; dims)

            Concatenate arrays along dimension `dims` (`1` as `vcat`, `2` as `hcat`).

            # Examples
            ```jldoctest
            dist> cat([1 2], [3 4]; dims=1)
            2×2 Array{Int64,2}:
             1  2
             3  4
            ```
            """#,
        "vcat": #"""
                vcat(A...)
                [a; b]

            Concatenate vertically (along the first dimension).

            # Examples
            ```jldoctest
            dist> vcat([1, 2], 3)
            3-element Array{Int64,1}:
             1
             2
             3
            ```
            """#,
        "hcat": #"""
                hcat(A...)
                [a b]

            Concatenate horizontally (along the second dimension).

            # Examples
            ```jldoctest
            dist> hcat([1, 2], [3, 4])
            2×2 Array{Int64,2}:
             1  3
             2  4
            ```
            """#,
        "permutedims": #"""
                permutedims(A)

            A matrix with rows and columns swapped (a vector becomes a row).

            # Examples
            ```jldoctest
            dist> permutedims([1, 2])
            1×2 Array{Int64,2}:
             1  2
            ```
            """#,
        "transpose": #"""
                transpose(A)

            The transpose of a matrix.

            # Examples
            ```jldoctest
            dist> transpose([1 2; 3 4])
            2×2 Array{Int64,2}:
             1  3
             2  4
            ```
            """#,
        "adjoint": #"""
                adjoint(A)
                A'

            The conjugate transpose; for real matrices the transpose.

            # Examples
            ```jldoctest
            dist> [1 2; 3 4]'
            2×2 Array{Int64,2}:
             1  3
             2  4
            ```
            """#,
        "size": #"""
                size(A) -> Tuple
                size(A, d) -> Int

            The dimensions of `A`, or its size along dimension `d`.

            # Examples
            ```jldoctest
            dist> A = ones(2, 3); size(A), size(A, 2)
            ((2, 3), 3)
            ```
            """#,
        "length": #"""
                length(collection) -> Int

            The number of elements: of an array (all dimensions), a string (characters), a
            dictionary, a set, a range, a tuple.

            # Examples
            ```jldoctest
            dist> length([1 2; 3 4]), length("héllo"), length(1:10)
            (4, 5, 10)
            ```
            """#,
        "ndims": #"""
                ndims(A) -> Int

            The number of dimensions of `A`.

            # Examples
            ```jldoctest
            dist> ndims(ones(2, 3, 4))
            3
            ```
            """#,
        "axes": #"""
                axes(A)
                axes(A, d)

            The valid indices of `A` along each dimension, as ranges.

            # Examples
            ```jldoctest
            dist> axes([1 2 3; 4 5 6])
            (1:2, 1:3)
            ```
            """#,
        "eachindex": #"""
                eachindex(A)

            The indices of `A`, to iterate over them.

            # Examples
            ```jldoctest
            dist> eachindex([10, 20, 30])
            1:3
            ```
            """#,
        "firstindex": #"""
                firstindex(A)

            The first index of `A` (what `begin` means in `A[begin]`).

            # Examples
            ```jldoctest
            dist> firstindex([7, 8])
            1
            ```
            """#,
        "lastindex": #"""
                lastindex(A)

            The last index of `A` (what `end` means in `A[end]`); for strings, the start of the
            last character.

            # Examples
            ```jldoctest
            dist> lastindex([7, 8, 9]), lastindex("héllo")
            (3, 6)
            ```
            """#,
        "getindex": #"""
                getindex(A, inds...)
                A[inds...]

            Index an array, a string, a tuple or a dictionary. Indices may be integers, ranges,
            vectors, `:` or `Bool` masks; a linear index reads a matrix in column-major order.

            # Examples
            ```jldoctest
            dist> A = [1 2; 3 4];

            dist> A[2, 1], A[3], A[:, 2]
            (3, 2, [2, 4])
            ```
            """#,
        "setindex!": #"""
                setindex!(A, x, inds...)
                A[inds...] = x

            Assign into an array or a dictionary (`x` converted to the element type).

            # Examples
            ```jldoctest
            dist> a = [1, 2, 3]; a[2:3] = [20, 30]; a
            3-element Array{Int64,1}:
              1
             20
             30
            ```
            """#,
        "view": #"""
                view(A, inds...)

            Part of an array, as `A[inds...]` gives it. (Julia shares memory with `A`; dist
            copies.)

            # Examples
            ```jldoctest
            dist> view([1, 2, 3, 4], 2:3)
            2-element Array{Int64,1}:
             2
             3
            ```
            """#,
        "push!": #"""
                push!(collection, items...)

            Insert items at the end of a vector (or into a set or dictionary); returns the
            collection.

            # Examples
            ```jldoctest
            dist> push!([1], 2, 3)
            3-element Array{Int64,1}:
             1
             2
             3
            ```
            """#,
        "pop!": #"""
                pop!(v)
                pop!(d, key[, default])

            Remove and return the last element of a vector (or a dictionary's value for `key`).

            # Examples
            ```jldoctest
            dist> v = [1, 2, 3]; pop!(v), v
            (3, [1, 2])
            ```
            """#,
        "pushfirst!": #"""
                pushfirst!(v, items...)

            Insert items at the start of a vector.

            # Examples
            ```jldoctest
            dist> pushfirst!([2, 3], 1)
            3-element Array{Int64,1}:
             1
             2
             3
            ```
            """#,
        "popfirst!": #"""
                popfirst!(v)

            Remove and return the first element of a vector.

            # Examples
            ```jldoctest
            dist> v = [1, 2]; popfirst!(v), v
            (1, [2])
            ```
            """#,
        "insert!": #"""
                insert!(v, i, x)

            Insert `x` at index `i`, moving the rest along.

            # Examples
            ```jldoctest
            dist> insert!([1, 3], 2, 2)
            3-element Array{Int64,1}:
             1
             2
             3
            ```
            """#,
        "deleteat!": #"""
                deleteat!(v, i)
                deleteat!(v, inds)

            Remove the elements at the given indices.

            # Examples
            ```jldoctest
            dist> deleteat!([1, 2, 3, 4], 2:3)
            2-element Array{Int64,1}:
             1
             4
            ```
            """#,
        "append!": #"""
                append!(v, items)

            Add the elements of `items` at the end of `v`.

            # Examples
            ```jldoctest
            dist> append!([1], [2, 3])
            3-element Array{Int64,1}:
             1
             2
             3
            ```
            """#,
        "prepend!": #"""
                prepend!(v, items)

            Add the elements of `items` at the start of `v`.

            # Examples
            ```jldoctest
            dist> prepend!([3], [1, 2])
            3-element Array{Int64,1}:
             1
             2
             3
            ```
            """#,
        "resize!": #"""
                resize!(v, n)

            Make `v` have `n` elements: cut the end, or add (zero or `nothing`) elements.

            # Examples
            ```jldoctest
            dist> resize!([1, 2, 3], 2)
            2-element Array{Int64,1}:
             1
             2
            ```
            """#,
        "empty!": #"""
                empty!(collection)

            Remove every element.

            # Examples
            ```jldoctest
            dist> empty!([1, 2])
            0-element Array{Int64,1}
            ```
            """#,
        "reverse": #"""
                reverse(v)

            A reversed copy of a vector (or string, or range).

            # Examples
            ```jldoctest
            dist> reverse([1, 2, 3]), reverse("abc")
            ([3, 2, 1], "cba")
            ```
            """#,
        "reverse!": #"""
                reverse!(v)

            Reverse `v` in place.

            # Examples
            ```jldoctest
            dist> v = [1, 2]; reverse!(v); v
            2-element Array{Int64,1}:
             2
             1
            ```
            """#,
        "sort": #"""
                sort(v; rev=false, by=identity, lt=isless)

            A sorted copy of `v` (a stable sort).

            # Keywords
            - `rev`: largest first.
            - `by`: sort by `by(x)` instead of `x`.
            - `lt`: the "less than" to use.

            # Examples
            ```jldoctest
            dist> sort([3, 1, 2]; rev=true)
            3-element Array{Int64,1}:
             3
             2
             1

            dist> sort(["bb", "a", "ccc"]; by=length)
            3-element Array{String,1}:
             "a"
             "bb"
             "ccc"
            ```
            """#,
        "sort!": #"""
                sort!(v; rev=false, by=identity, lt=isless)

            Sort `v` in place (keywords as for `sort`).

            # Examples
            ```jldoctest
            dist> v = [3, 1, 2]; sort!(v); v
            3-element Array{Int64,1}:
             1
             2
             3
            ```
            """#,
        "sortperm": #"""
                sortperm(v; rev=false, by=identity)

            The permutation that sorts `v`: `v[sortperm(v)] == sort(v)`.

            # Examples
            ```jldoctest
            dist> sortperm([30, 10, 20])
            3-element Array{Int64,1}:
             2
             3
             1
            ```
            """#,
        "issorted": #"""
                issorted(v; rev=false, by=identity) -> Bool

            Whether `v` is in order.

            # Examples
            ```jldoctest
            dist> issorted([1, 2, 2, 5])
            true
            ```
            """#,
        "repeat": #"""
                repeat(A, counts...)
                repeat(s::String, n)

            `A` repeated `counts` times along each dimension, or a string repeated `n` times.

            # Examples
            ```jldoctest
            dist> repeat([1, 2], 2)
            4-element Array{Int64,1}:
             1
             2
             1
             2

            dist> repeat("ab", 3)
            "ababab"
            ```
            """#,
        "range": #"""
                range(start, stop; length, step)
                range(start; length, step)

            A range from `start`, with the given `stop`, `length` or `step`.

            # Examples
            ```jldoctest
            dist> range(1, 10, length=4)
            1.0:3.0:10.0

            dist> range(0, step=5, length=3)
            0:5:10
            ```
            """#,
        ":": #"""
                (:)(start, [step,] stop)
                start:stop, start:step:stop

            A range; in indexing, `:` alone means every index.

            # Examples
            ```jldoctest
            dist> 1:3, 10:-5:0
            (1:3, 10:-5:0)
            ```
            """#,
        "collect": #"""
                collect(itr)

            The elements of an iterable (range, generator, string, set, dictionary, channel) as
            an array.

            # Examples
            ```jldoctest
            dist> collect(1:3)
            3-element Array{Int64,1}:
             1
             2
             3

            dist> collect(x^2 for x in 1:3 if isodd(x))
            2-element Array{Int64,1}:
             1
             9
            ```
            """#,
        "first": #"""
                first(coll)
                first(s::String, n)

            The first element (or the first `n` characters of a string).

            # Examples
            ```jldoctest
            dist> first([5, 6]), first("hello", 2)
            (5, "he")
            ```
            """#,
        "last": #"""
                last(coll)
                last(s::String, n)

            The last element (or the last `n` characters of a string).

            # Examples
            ```jldoctest
            dist> last(1:10), last("hello", 3)
            (10, "llo")
            ```
            """#,
        "diff": #"""
                diff(v)

            The differences between consecutive elements.

            # Examples
            ```jldoctest
            dist> diff([1, 4, 9, 16])
            3-element Array{Int64,1}:
             3
             5
             7
            ```
            """#,
        "cumsum": #"""
                cumsum(v)

            The running sums.

            # Examples
            ```jldoctest
            dist> cumsum([1, 2, 3])
            3-element Array{Int64,1}:
             1
             3
             6
            ```
            """#,
        "cumprod": #"""
                cumprod(v)

            The running products.

            # Examples
            ```jldoctest
            dist> cumprod([1, 2, 3, 4])
            4-element Array{Int64,1}:
              1
              2
              6
             24
            ```
            """#,
        "accumulate": #"""
                accumulate(op, v)

            The running results of `op` (`cumsum` is `accumulate(+, v)`).

            # Examples
            ```jldoctest
            dist> accumulate(max, [1, 3, 2, 5])
            4-element Array{Int64,1}:
             1
             3
             3
             5
            ```
            """#,
        "findall": #"""
                findall(f, A)
                findall(A::AbstractArray{Bool})

            The indices where `f` is true (or where `A` is true).

            # Examples
            ```jldoctest
            dist> findall(iseven, [1, 2, 3, 4])
            2-element Array{Int64,1}:
             2
             4
            ```
            """#,
        "findfirst": #"""
                findfirst(f, A)
                findfirst(pattern::String, s::String)

            The first index where `f` is true, or `nothing`; for strings, the range where
            `pattern` first occurs.

            # Examples
            ```jldoctest
            dist> findfirst(==(3), [1, 3, 3]), findfirst(x -> x > 5, [1, 2])
            (2, nothing)
            ```
            """#,
        "findlast": #"""
                findlast(f, A)

            The last index where `f` is true, or `nothing`.

            # Examples
            ```jldoctest
            dist> findlast(==(3), [1, 3, 3])
            3
            ```
            """#,
        "findmax": #"""
                findmax(A) -> (value, index)

            The largest element and its index (the first, on ties).

            # Examples
            ```jldoctest
            dist> findmax([3, 7, 2])
            (7, 2)
            ```
            """#,
        "findmin": #"""
                findmin(A) -> (value, index)

            The smallest element and its index.

            # Examples
            ```jldoctest
            dist> findmin([3, 7, 2])
            (2, 3)
            ```
            """#,
        "argmax": #"""
                argmax(A)

            The index of the largest element.

            # Examples
            ```jldoctest
            dist> argmax([3, 7, 2])
            2
            ```
            """#,
        "argmin": #"""
                argmin(A)

            The index of the smallest element.

            # Examples
            ```jldoctest
            dist> argmin([3, 7, 2])
            3
            ```
            """#,
        "extrema": #"""
                extrema(A) -> (min, max)

            The smallest and the largest element, in one pass.

            # Examples
            ```jldoctest
            dist> extrema([3, 7, 2])
            (2, 7)
            ```
            """#,
        "maximum": #"""
                maximum(A)
                maximum(f, A)

            The largest element (or largest `f(x)`).

            # Examples
            ```jldoctest
            dist> maximum([3, 7, 2]), maximum(abs, [-9, 4])
            (7, 9)
            ```
            """#,
        "minimum": #"""
                minimum(A)
                minimum(f, A)

            The smallest element (or smallest `f(x)`).

            # Examples
            ```jldoctest
            dist> minimum(x -> x^2, [-3, 2])
            4
            ```
            """#,
        "sum": #"""
                sum(itr)
                sum(f, itr)
                sum(A; dims)

            The sum of the elements (of `f` applied to them); with `dims`, along those dimensions.

            # Examples
            ```jldoctest
            dist> sum(1:100), sum(abs, [-1, 2])
            (5050, 3)

            dist> sum([1 2; 3 4]; dims=1)
            1×2 Array{Int64,2}:
             4  6
            ```
            """#,
        "prod": #"""
                prod(itr)
                prod(f, itr)

            The product of the elements.

            # Examples
            ```jldoctest
            dist> prod(1:5)
            120
            ```
            """#,
        "count": #"""
                count(f, itr)
                count(itr)

            How many elements `f` is true for (or how many are `true`).

            # Examples
            ```jldoctest
            dist> count(iseven, 1:10)
            5
            ```
            """#,
        "any": #"""
                any(f, itr)
                any(itr)

            Whether `f` is true for some element (stops at the first).

            # Examples
            ```jldoctest
            dist> any(iseven, [1, 3, 4])
            true
            ```
            """#,
        "all": #"""
                all(f, itr)
                all(itr)

            Whether `f` is true for every element (stops at the first false).

            # Examples
            ```jldoctest
            dist> all(x -> x > 0, [1, 2]), all([true, false])
            (true, false)
            ```
            """#,
        "unique": #"""
                unique(itr)

            The distinct elements, in the order they first appear.

            # Examples
            ```jldoctest
            dist> unique([3, 1, 3, 2, 1])
            3-element Array{Int64,1}:
             3
             1
             2
            ```
            """#,
        "allunique": #"""
                allunique(itr) -> Bool

            Whether no element appears twice.

            # Examples
            ```jldoctest
            dist> allunique([1, 2, 3]), allunique("hello")
            (true, false)
            ```
            """#,
        "map": #"""
                map(f, c...)

            Apply `f` to each element of `c` (elementwise over several collections) and collect
            the results, keeping the shape. See `pmap` to use the workers.

            # Examples
            ```jldoctest
            dist> map(x -> x^2, [1, 2, 3])
            3-element Array{Int64,1}:
             1
             4
             9

            dist> map(+, [1, 2], [10, 20])
            2-element Array{Int64,1}:
             11
             22
            ```
            """#,
        "map!": #"""
                map!(f, dest, c...)

            Like `map`, storing the results in `dest`.

            # Examples
            ```jldoctest
            dist> d = zeros(2); map!(x -> 2x, d, [1, 2]); d
            2-element Array{Float64,1}:
             2.0
             4.0
            ```
            """#,
        "foreach": #"""
                foreach(f, c...)

            Call `f` on each element, for its effects; returns `nothing`.

            # Examples
            ```jldoctest
            dist> foreach(println, ["a", "b"])
            a
            b
            ```
            """#,
        "filter": #"""
                filter(f, collection)

            The elements for which `f` is true (for a dictionary, `f` gets the pairs).

            # Examples
            ```jldoctest
            dist> filter(isodd, 1:6)
            3-element Array{Int64,1}:
             1
             3
             5
            ```
            """#,
        "filter!": #"""
                filter!(f, v)

            Keep only the elements of `v` for which `f` is true.

            # Examples
            ```jldoctest
            dist> v = [1, 2, 3, 4]; filter!(iseven, v); v
            2-element Array{Int64,1}:
             2
             4
            ```
            """#,
        "reduce": #"""
                reduce(op, itr; init)

            Combine the elements with the binary operation `op` (which should be associative);
            `init` is the starting value, required for an empty collection.

            # Examples
            ```jldoctest
            dist> reduce(*, 1:5), reduce(+, Int[]; init=0)
            (120, 0)
            ```
            """#,
        "mapreduce": #"""
                mapreduce(f, op, itr; init)

            `reduce(op, map(f, itr))` without the intermediate array.

            # Examples
            ```jldoctest
            dist> mapreduce(x -> x^2, +, 1:3)
            14
            ```
            """#,
        "foldl": #"""
                foldl(op, itr; init)

            Like `reduce`, combining from the left: `op(op(a, b), c)`.

            # Examples
            ```jldoctest
            dist> foldl(-, [1, 2, 3])
            -4
            ```
            """#,
        "foldr": #"""
                foldr(op, itr; init)

            Like `reduce`, combining from the right: `op(a, op(b, c))`.

            # Examples
            ```jldoctest
            dist> foldr(-, [1, 2, 3])
            2
            ```
            """#,
        "eltype": #"""
                eltype(x)

            The type of the elements of a collection.

            # Examples
            ```jldoctest
            dist> eltype([1.0, 2.0]), eltype(Dict("a" => 1))
            (Float64, Pair{String,Int64})
            ```
            """#,
        "isempty": #"""
                isempty(collection) -> Bool

            Whether the collection has no elements.

            # Examples
            ```jldoctest
            dist> isempty([]), isempty("a")
            (true, false)
            ```
            """#,
        "zip": #"""
                zip(iters...)

            Iterate several collections together, as tuples, up to the shortest.

            # Examples
            ```jldoctest
            dist> collect(zip([1, 2], ["a", "b"]))
            2-element Array{Tuple{Int64,String},1}:
             (1, "a")
             (2, "b")
            ```
            """#,
        "enumerate": #"""
                enumerate(itr)

            Iterate `(i, x)`: each element with its position, from 1.

            # Examples
            ```jldoctest
            dist> for (i, x) in enumerate(["a", "b"])
                      println(i, ": ", x)
                  end
            1: a
            2: b
            ```
            """#,
        "∈": #"""
                ∈(item, collection)

            `in(item, collection)` (type `\in` then Tab).

            # Examples
            ```jldoctest
            dist> 3 ∈ 1:5
            true
            ```
            """#,
        "∉": #"""
                ∉(item, collection)

            `!(item in collection)` (type `\notin` then Tab).

            # Examples
            ```jldoctest
            dist> 7 ∉ 1:5
            true
            ```
            """#,
    ]
}
