/// Dictionaries, sets and pairs.
extension Docs {
    static let collections: [String: String] = [
        "=>": #"""
                =>(key, value)
                key => value

            A `Pair`: how dictionaries are written, and what iterating one gives.

            # Examples
            ```jldoctest
            dist> p = :x => 1; p.first
            :x
            ```
            """#,
        "get": #"""
                get(collection, key, default)
                get(f, collection, key)

            The value for `key`, or `default` (or `f()`) when there is none. Works on
            dictionaries, arrays (by index) and named tuples.

            # Examples
            ```jldoctest
            dist> d = Dict("a" => 1);

            dist> get(d, "a", 0), get(d, "b", 0)
            (1, 0)
            ```
            """#,
        "get!": #"""
                get!(d, key, default)
                get!(f, d, key)

            The value for `key`; when there is none, store `default` (or `f()`) first.

            # Examples
            ```jldoctest
            dist> counts = Dict{String,Int}();

            dist> get!(counts, "x", 0); counts["x"] += 1; counts
            Dict{String,Int64} with 1 entry:
              "x" => 1
            ```
            """#,
        "haskey": #"""
                haskey(d, key) -> Bool

            Whether the dictionary (or named tuple) has `key`.

            # Examples
            ```jldoctest
            dist> haskey(Dict("a" => 1), "a")
            true
            ```
            """#,
        "keys": #"""
                keys(collection)

            The keys of a dictionary (or the indices of an array, the names of a named tuple).

            # Examples
            ```jldoctest
            dist> sort(collect(keys(Dict("b" => 2, "a" => 1))))
            2-element Array{String,1}:
             "a"
             "b"
            ```
            """#,
        "values": #"""
                values(collection)

            The values of a dictionary (or the elements of a collection).

            # Examples
            ```jldoctest
            dist> sum(values(Dict("a" => 1, "b" => 2)))
            3
            ```
            """#,
        "pairs": #"""
                pairs(collection)

            The `key => value` pairs of a dictionary, a named tuple, or an array (index =>
            element).

            # Examples
            ```jldoctest
            dist> collect(pairs(["x", "y"]))
            2-element Array{Pair{Int64,String},1}:
             1 => "x"
             2 => "y"
            ```
            """#,
        "delete!": #"""
                delete!(collection, key)

            Remove `key` (and its value) from a dictionary, or an element from a set; returns the
            collection.

            # Examples
            ```jldoctest
            dist> delete!(Dict("a" => 1, "b" => 2), "a")
            Dict{String,Int64} with 1 entry:
              "b" => 2
            ```
            """#,
        "merge": #"""
                merge(d, others...)

            A new dictionary with the entries of all; later ones win on equal keys.

            # Examples
            ```jldoctest
            dist> merge(Dict(1 => "a"), Dict(2 => "b"))
            Dict{Int64,String} with 2 entries:
              1 => "a"
              2 => "b"
            ```
            """#,
        "merge!": #"""
                merge!(d, others...)

            Add the entries of `others` to `d`.

            # Examples
            ```jldoctest
            dist> merge!(Dict(1 => 2), Dict(1 => 5))
            Dict{Int64,Int64} with 1 entry:
              1 => 5
            ```
            """#,
        "union": #"""
                union(s, itrs...)
                s ∪ t

            The elements in any of the collections, each once.

            # Examples
            ```jldoctest
            dist> union([1, 2], [2, 3])
            3-element Array{Int64,1}:
             1
             2
             3
            ```
            """#,
        "∪": #"""
                ∪(s, t)

            `union(s, t)` (type `\cup` then Tab).

            # Examples
            ```jldoctest
            dist> Set([1]) ∪ Set([2]) == Set([1, 2])
            true
            ```
            """#,
        "intersect": #"""
                intersect(s, itrs...)
                s ∩ t

            The elements in all the collections.

            # Examples
            ```jldoctest
            dist> intersect([1, 2, 3], [2, 3, 4])
            2-element Array{Int64,1}:
             2
             3
            ```
            """#,
        "∩": #"""
                ∩(s, t)

            `intersect(s, t)` (type `\cap` then Tab).

            # Examples
            ```jldoctest
            dist> Set([1, 2]) ∩ Set([2])
            Set([2])
            ```
            """#,
        "setdiff": #"""
                setdiff(s, itrs...)

            The elements of `s` in none of the others.

            # Examples
            ```jldoctest
            dist> setdiff([1, 2, 3], [2])
            2-element Array{Int64,1}:
             1
             3
            ```
            """#,
        "issubset": #"""
                issubset(a, b) -> Bool
                a ⊆ b

            Whether every element of `a` is in `b`.

            # Examples
            ```jldoctest
            dist> issubset([1], [1, 2])
            true
            ```
            """#,
        "⊆": #"""
                ⊆(a, b) -> Bool

            `issubset(a, b)` (type `\subseteq` then Tab).

            # Examples
            ```jldoctest
            dist> [3] ⊆ [1, 2]
            false
            ```
            """#,
        "only": #"""
                only(x)

            The one element of the collection `x`; an `ArgumentError` if it has none or more than
            one.

            # Examples
            ```jldoctest
            dist> only([5]), only((7,))
            (5, 7)

            dist> only([1, 2])
            ERROR: ArgumentError: Collection has multiple elements, must contain exactly 1 element
            ```
            """#,
    ]
}
