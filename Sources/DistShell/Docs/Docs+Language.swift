/// Quoted code, iteration traits and the language's smaller types.
extension Docs {
    static let language: [String: String] = [
        "BitMatrix": #"""
                BitMatrix(undef, m, n)

            A matrix of `Bool`s.

            # Examples
            ```julia
            dist> falses(2, 2)
            ```
            """#,
        "BitVector": #"""
                BitVector(undef, n)

            A vector of `Bool`s, as `trues`, `falses` and comparisons broadcast make.

            # Examples
            ```julia
            dist> [1, 2, 3] .> 1
            3-element BitArray{1}:
             0
             1
             1
            ```
            """#,
        "EltypeUnknown": #"""
                Base.EltypeUnknown()

            The collection does not know its element type (see `Base.IteratorEltype`).

            # Examples
            ```julia
            dist> Base.EltypeUnknown()
            ```
            """#,
        "Expr": #"""
                Expr(head::Symbol, args...)

            A syntax tree, as `:(expr)` and `quote … end` make: `head` and `args`. `eval` runs it;
            it travels between processes like any value.

            # Examples
            ```julia
            dist> ex = :(1 + 2); ex.head, ex.args
            (:call, Any[:+, 1, 2])
            ```
            """#,
        "Generator": #"""
                Base.Generator(f, iter)

            A lazy `f` over `iter`, as `(f(x) for x in iter)` makes; `collect` it, iterate it, or
            `map` over it.

            # Examples
            ```julia
            dist> collect(Base.Generator(x -> x^2, 1:3))
            3-element Array{Int64,1}:
             1
             4
             9
            ```
            """#,
        "HasEltype": #"""
                Base.HasEltype()

            The collection knows its element type (see `Base.IteratorEltype`).

            # Examples
            ```julia
            dist> Base.HasEltype()
            ```
            """#,
        "HasLength": #"""
                Base.HasLength()

            The collection has a `length` but no shape (see `Base.IteratorSize`).

            # Examples
            ```julia
            dist> Base.IteratorSize(typeof("ab"))
            ```
            """#,
        "HasShape": #"""
                Base.HasShape{N}()

            The collection has `N` dimensions and a `size` (see `Base.IteratorSize`).

            # Examples
            ```julia
            dist> Base.IteratorSize(typeof(zeros(2, 2)))
            Base.HasShape{2}()
            ```
            """#,
        "IsInfinite": #"""
                Base.IsInfinite()

            The collection has no end (see `Base.IteratorSize`).

            # Examples
            ```julia
            dist> Base.IsInfinite()
            ```
            """#,
        "IteratorEltype": #"""
                Base.IteratorEltype(itertype)

            Whether a collection knows its element type: `Base.HasEltype()` or
            `Base.EltypeUnknown()`.

            # Examples
            ```julia
            dist> Base.IteratorEltype(typeof([1]))
            Base.HasEltype()
            ```
            """#,
        "IteratorSize": #"""
                Base.IteratorSize(itertype)

            What a collection knows of its length: `Base.HasShape{N}()`, `Base.HasLength()`,
            `Base.SizeUnknown()` or `Base.IsInfinite()`. Define a method on your iterator's type to
            say which.

            # Examples
            ```julia
            dist> Base.IteratorSize(typeof([1, 2]))
            Base.HasShape{1}()
            ```
            """#,
        "LineNumberNode": #"""
                LineNumberNode(line, file)

            Where a statement of a `quote` block comes from.

            # Examples
            ```julia
            dist> quote x end
            ```
            """#,
        "Meta": #"""
                Meta

            Parsing and inspecting code: `Meta.parse(str)`, `Meta.isexpr(ex, head)`,
            `Meta.quot(x)`. (`Meta.parse` runs on process 1 only: workers never parse source text.)

            # Examples
            ```julia
            dist> Meta.parse("1 + 2")
            :(1 + 2)
            ```
            """#,
        "QuoteNode": #"""
                QuoteNode(value)

            A quoted value inside an expression (`:(:a)`).

            # Examples
            ```julia
            dist> :(:a)
            :(:a)
            ```
            """#,
        "Returns": #"""
                Returns(value)

            A function that takes any arguments and returns `value`.

            # Examples
            ```julia
            dist> Returns(7)(1, 2)
            7
            ```
            """#,
        "SizeUnknown": #"""
                Base.SizeUnknown()

            The collection's length is known only by going through it (see `Base.IteratorSize`).

            # Examples
            ```julia
            dist> Base.IteratorSize(typeof(Iterators.filter(isodd, 1:3)))
            ```
            """#,
        "dump": #"""
                dump(x)

            Shows the structure of a value, an expression's head and arguments in particular.

            # Examples
            ```julia
            dist> dump(:(a + 1))
            ```
            """#,
        "eval": #"""
                eval(expr)
                Core.eval(m::Module, expr)

            Evaluates an expression (`Expr`, `Symbol` or value) at the top level of `Main` (or
            `m`).

            # Examples
            ```julia
            dist> eval(:(1 + 2))
            3
            ```
            """#,
        "iterate": #"""
                iterate(iter[, state]) -> Union{Nothing, Tuple{Any, Any}}

            The first (or next) element of a collection and the state to continue from, or
            `nothing` at the end. Define methods of it on your own types to make them iterable
            (`for`, `collect`, `map`).

            # Examples
            ```julia
            dist> iterate([10, 20])
            (10, 2)
            ```
            """#,
    ]
}
