/// Types: the hierarchy of numbers, strings, collections, and the errors.
extension Docs {
    static let types: [String: String] = [
        "Any": #"""
                Any

            The type every value has: the top of the type hierarchy.

            # Examples
            ```jldoctest
            dist> "x" isa Any
            true
            ```
            """#,
        "Number": #"""
                Number

            The supertype of all numbers.

            # Examples
            ```jldoctest
            dist> 1.5 isa Number
            true
            ```
            """#,
        "Real": #"""
                Real <: Number

            The supertype of the real numbers: integers, floats and `Bool`.

            # Examples
            ```jldoctest
            dist> Int <: Real
            true
            ```
            """#,
        "Integer": #"""
                Integer <: Real

            The supertype of the integers (`Signed`, `Unsigned`, `Bool`).

            # Examples
            ```jldoctest
            dist> 3 isa Integer, 3.0 isa Integer
            (true, false)
            ```
            """#,
        "Signed": #"""
                Signed <: Integer

            The supertype of the signed integers.

            # Examples
            ```jldoctest
            dist> supertype(Int64)
            Signed
            ```
            """#,
        "Unsigned": #"""
                Unsigned <: Integer

            The supertype of the unsigned integers (`UInt8`).
            """#,
        "AbstractFloat": #"""
                AbstractFloat <: Real

            The supertype of the floating-point numbers.

            # Examples
            ```jldoctest
            dist> Float64 <: AbstractFloat
            true
            ```
            """#,
        "Float64": #"""
                Float64(x)

            The 64-bit IEEE floating-point type, and the conversion to it. Literals with a point
            or an exponent (`1.0`, `2e3`) are `Float64`.

            # Examples
            ```jldoctest
            dist> Float64(1), typeof(2e3)
            (1.0, Float64)
            ```
            """#,
        "Float32": #"""
                Float32(x)

            Julia's 32-bit float; dist computes in `Float64`, so `Float32(x)` gives a `Float64`.
            """#,
        "Int64": #"""
                Int64(x)

            The 64-bit signed integer type (what integer literals are), and the exact conversion
            to it: an `InexactError` if `x` is not a whole number. Arithmetic wraps on overflow.

            # Examples
            ```jldoctest
            dist> Int64(3.0)
            3

            dist> typemax(Int64) + 1 == typemin(Int64)
            true
            ```
            """#,
        "Int": #"""
                Int

            The default integer type: `Int64`.

            # Examples
            ```jldoctest
            dist> Int === Int64
            true
            ```
            """#,
        "Int32": #"""
                Int32(x)

            Julia's 32-bit integer; dist computes in `Int64`, so `Int32(x)` gives an `Int64`.
            """#,
        "UInt8": #"""
                UInt8(x)

            Julia's byte type; dist computes in `Int64`, so `UInt8(x)` gives an `Int64` (bytes
            from `codeunits` and `take!` are `Int64`s from 0 to 255).
            """#,
        "Bool": #"""
                Bool(x)

            The type of `true` and `false` (an `Integer`: `true + true == 2`), and the conversion
            of 0 or 1 to it.

            # Examples
            ```jldoctest
            dist> Bool(1), true + true
            (true, 2)
            ```
            """#,
        "Char": #"""
                Char(code)

            A Unicode character (`'a'`), and the character with the given code point.

            # Examples
            ```jldoctest
            dist> Char(65)
            'A': ASCII/Unicode U+0041 (category Lu: Letter, uppercase)

            dist> 'a' + 1
            'b': ASCII/Unicode U+0062 (category Ll: Letter, lowercase)
            ```
            """#,
        "AbstractChar": #"""
                AbstractChar

            The supertype of characters.

            # Examples
            ```jldoctest
            dist> 'x' isa AbstractChar
            true
            ```
            """#,
        "String": #"""
                String(x)

            The type of text: an immutable sequence of Unicode characters stored as UTF-8,
            indexed by byte (see `nextind`). `String(chars)` joins a vector of characters;
            `String(take!(io))` reads an `IOBuffer`.

            # Examples
            ```jldoctest
            dist> String(['d', 'i', 's', 't'])
            "dist"

            dist> s = "é!"; length(s), ncodeunits(s)
            (2, 3)
            ```
            """#,
        "AbstractString": #"""
                AbstractString

            The supertype of strings.

            # Examples
            ```jldoctest
            dist> "a" isa AbstractString
            true
            ```
            """#,
        "Symbol": #"""
                Symbol(x...)

            An interned name (`:name`), as used for field names, keywords and `clear!`; made from
            the concatenation of the arguments' strings.

            # Examples
            ```jldoctest
            dist> Symbol("var", 1)
            :var1

            dist> :a === Symbol("a")
            true
            ```
            """#,
        "Nothing": #"""
                Nothing

            The type of `nothing`.

            # Examples
            ```jldoctest
            dist> typeof(nothing)
            Nothing
            ```
            """#,
        "Function": #"""
                Function

            The supertype of functions, named or anonymous.

            # Examples
            ```jldoctest
            dist> sum isa Function, (x -> x) isa Function
            (true, true)
            ```
            """#,
        "DataType": #"""
                DataType

            The type of types such as `Int64` or a `struct`.

            # Examples
            ```jldoctest
            dist> typeof(Int64)
            DataType
            ```
            """#,
        "Type": #"""
                Type{T}

            The type whose only value is the type `T`: `Int isa Type{Int}`. Methods written for
            `::Type{T}` dispatch on a type argument.

            # Examples
            ```jldoctest
            dist> Int isa Type{Int}
            true
            ```
            """#,
        "Union": #"""
                Union{T, S, ...}

            The type whose values are those of any of the types given.

            # Examples
            ```jldoctest
            dist> nothing isa Union{Int, Nothing}
            true
            ```
            """#,
        "UnionAll": #"""
                UnionAll

            The type of a parametric type with its parameters left open, such as
            `Array{T,1} where T` (`Vector`).

            # Examples
            ```jldoctest
            dist> Vector
            Array{T,1} where T
            ```
            """#,
        "Module": #"""
                Module

            The type of modules (`Main`, `Base`, those made with `module`).

            # Examples
            ```jldoctest
            dist> Base isa Module
            true
            ```
            """#,
        "Tuple": #"""
                Tuple{Types...}
                Tuple(itr)

            An immutable, fixed-length sequence of values, `(1, "a")`; `Tuple(itr)` makes one from
            an iterable.

            # Examples
            ```jldoctest
            dist> t = (1, "a", 2.5); t[2]
            "a"

            dist> Tuple([1, 2])
            (1, 2)
            ```
            """#,
        "NamedTuple": #"""
                NamedTuple

            A tuple whose elements have names, `(a = 1, b = 2)`; fields read as `t.a`.

            # Examples
            ```jldoctest
            dist> t = (x = 1, y = "two"); t.y
            "two"

            dist> keys(t)
            (:x, :y)
            ```
            """#,
        "Pair": #"""
                Pair(x, y)
                x => y

            Two values, `first` and `second`: what dictionaries are made of.

            # Examples
            ```jldoctest
            dist> p = "a" => 1; p.first, p.second
            ("a", 1)
            ```
            """#,
        "Ref": #"""
                Ref(x)

            A mutable box holding `x`; read and write it with `r[]`.

            # Examples
            ```jldoctest
            dist> r = Ref(1); r[] += 1; r[]
            2
            ```
            """#,
        "Array": #"""
                Array{T}(undef, dims...)
                Array{T,N}

            An N-dimensional dense array with elements of type `T`, stored in column-major order.
            `Array{T}(undef, dims...)` makes one with unset elements (zeros in dist). Arrays are
            references: `b = a` makes `b` the same array.

            # Examples
            ```jldoctest
            dist> A = Array{Int}(undef, 2, 3); size(A)
            (2, 3)

            dist> [1 2; 3 4]
            2×2 Array{Int64,2}:
             1  2
             3  4
            ```
            """#,
        "Vector": #"""
                Vector{T}(undef, n)
                Vector{T}()

            A one-dimensional array, `Array{T,1}`.

            # Examples
            ```jldoctest
            dist> v = Vector{Int}(); push!(v, 3)
            1-element Array{Int64,1}:
             3
            ```
            """#,
        "Matrix": #"""
                Matrix{T}(undef, m, n)

            A two-dimensional array, `Array{T,2}`.

            # Examples
            ```jldoctest
            dist> size(Matrix{Float64}(undef, 2, 3))
            (2, 3)
            ```
            """#,
        "AbstractArray": #"""
                AbstractArray{T,N}

            The supertype of N-dimensional arrays (including ranges and `SharedArray`s).

            # Examples
            ```jldoctest
            dist> 1:3 isa AbstractArray
            true
            ```
            """#,
        "AbstractVector": #"""
                AbstractVector{T}

            One-dimensional `AbstractArray`s: vectors and ranges.

            # Examples
            ```jldoctest
            dist> [1, 2] isa AbstractVector
            true
            ```
            """#,
        "AbstractMatrix": #"""
                AbstractMatrix{T}

            Two-dimensional `AbstractArray`s.

            # Examples
            ```jldoctest
            dist> zeros(2, 2) isa AbstractMatrix
            true
            ```
            """#,
        "DenseArray": #"""
                DenseArray{T,N}

            Arrays whose elements are stored contiguously (`Array`).
            """#,
        "BitArray": #"""
                BitArray{N}

            An array of `Bool`s, as `trues`, `falses` and comparisons of arrays make them.

            # Examples
            ```jldoctest
            dist> trues(2)
            2-element BitArray{1}:
             1
             1
            ```
            """#,
        "AbstractRange": #"""
                AbstractRange{T}

            The supertype of ranges (`1:3`, `0:0.5:1`): vectors stored as their ends and step.

            # Examples
            ```jldoctest
            dist> (1:2:9) isa AbstractRange
            true
            ```
            """#,
        "UnitRange": #"""
                UnitRange(start, stop)
                start:stop

            The integers from `start` to `stop` by steps of 1.

            # Examples
            ```jldoctest
            dist> UnitRange(2, 5)
            2:5

            dist> collect(2:4)
            3-element Array{Int64,1}:
             2
             3
             4
            ```
            """#,
        "StepRange": #"""
                StepRange(start, step, stop)
                start:step:stop

            The integers from `start` by `step` up to (at most) `stop`.

            # Examples
            ```jldoctest
            dist> StepRange(1, 3, 10)
            1:3:10

            dist> length(10:-2:1)
            5
            ```
            """#,
        "StepRangeLen": #"""
                StepRangeLen

            A range of floating-point numbers, as `range(a, b, length=n)` and `0:0.1:1` make
            (computed without accumulating rounding errors).

            # Examples
            ```jldoctest
            dist> range(0, 1, length=5)
            0.0:0.25:1.0
            ```
            """#,
        "LinRange": #"""
                LinRange(start, stop, n)

            `n` numbers evenly spaced from `start` to `stop`.

            # Examples
            ```jldoctest
            dist> collect(LinRange(0, 1, 3))
            3-element Array{Float64,1}:
             0.0
             0.5
             1.0
            ```
            """#,
        "Colon": #"""
                Colon

            The type of `:` in indexing, meaning "every index of this dimension".

            # Examples
            ```jldoctest
            dist> A = [1 2; 3 4]; A[:, 2]
            2-element Array{Int64,1}:
             2
             4
            ```
            """#,
        "Dict": #"""
                Dict{K,V}()
                Dict(k1 => v1, k2 => v2, ...)

            A hash table from keys of type `K` to values of type `V`. `d[k]` reads (a `KeyError`
            if absent), `d[k] = v` writes; `get`, `haskey`, `keys`, `values`, `pairs`, `delete!`
            do the rest. Iterating gives `key => value` pairs.

            # Examples
            ```jldoctest
            dist> d = Dict("a" => 1, "b" => 2)
            Dict{String,Int64} with 2 entries:
              "a" => 1
              "b" => 2

            dist> d["c"] = 3; length(d)
            3
            ```
            """#,
        "AbstractDict": #"""
                AbstractDict{K,V}

            The supertype of dictionaries.

            # Examples
            ```jldoctest
            dist> Dict() isa AbstractDict
            true
            ```
            """#,
        "Set": #"""
                Set{T}()
                Set(itr)

            A collection of distinct values (by `isequal`), with fast `in`, `push!`, `delete!`,
            `union`, `intersect` and `setdiff`.

            # Examples
            ```jldoctest
            dist> s = Set([1, 2, 2, 3]); length(s)
            3

            dist> 2 in s
            true
            ```
            """#,
        "AbstractSet": #"""
                AbstractSet{T}

            The supertype of sets.

            # Examples
            ```jldoctest
            dist> Set([1]) isa AbstractSet
            true
            ```
            """#,
        "IO": #"""
                IO

            The supertype of streams: `stdout`, `stderr`, `IOBuffer`, files.

            # Examples
            ```jldoctest
            dist> stdout isa IO
            true
            ```
            """#,
        "IOBuffer": #"""
                IOBuffer()
                IOBuffer(s::String)

            An in-memory stream: write to it with `print`, `write`, `show`; get the bytes with
            `take!` (or read a string given to it with `read`).

            # Examples
            ```jldoctest
            dist> io = IOBuffer(); print(io, "a", 1); String(take!(io))
            "a1"
            ```
            """#,
        "IOStream": #"""
                IOStream

            The type of `stdout`, `stderr` and open files.
            """#,
        "MIME": #"""
                MIME(mime::String)

            A media type, as `show(io, MIME("text/plain"), x)` takes it to print the REPL's form.

            # Examples
            ```jldoctest
            dist> show(stdout, MIME("text/plain"), [1, 2]); println()
            2-element Array{Int64,1}:
             1
             2
            ```
            """#,
        "UndefInitializer": #"""
                UndefInitializer

            The type of `undef`.
            """#,
        "undef": #"""
                undef

            The argument that asks array constructors for an array whose elements are not set
            (`Array{Int}(undef, 3)`); dist fills it with zeros (or `nothing` for `Any`).

            # Examples
            ```jldoctest
            dist> length(Vector{Float64}(undef, 4))
            4
            ```
            """#,
        "<:": #"""
                <:(T1, T2) -> Bool
                T1 <: T2

            Whether type `T1` is a subtype of `T2`. In declarations, `struct A <: B` makes `A` a
            subtype, and `T <: Real` bounds a type parameter.

            # Examples
            ```jldoctest
            dist> Float64 <: Real, String <: Real
            (true, false)
            ```
            """#,
        ">:": #"""
                >:(T1, T2) -> Bool
                T1 >: T2

            Whether type `T1` is a supertype of `T2`.

            # Examples
            ```jldoctest
            dist> Real >: Int
            true
            ```
            """#,
        "Exception": #"""
                Exception

            The supertype of errors; `struct MyError <: Exception` defines one to `throw`.

            # Examples
            ```jldoctest
            dist> ArgumentError("x") isa Exception
            true
            ```
            """#,
        "ArgumentError": #"""
                ArgumentError(msg)

            The arguments of a call are not valid.

            # Examples
            ```jldoctest
            dist> throw(ArgumentError("n must be positive"))
            ERROR: ArgumentError: n must be positive
            ```
            """#,
        "AssertionError": #"""
                AssertionError(msg)

            An `@assert` failed.

            # Examples
            ```jldoctest
            dist> @assert 2 + 2 == 5
            ERROR: AssertionError: 2 + 2 == 5
            ```
            """#,
        "BoundsError": #"""
                BoundsError(a, i)

            An index outside the array (or string, or tuple) `a`.

            # Examples
            ```jldoctest
            dist> [1, 2, 3][5]
            ERROR: BoundsError: attempt to access 3-element Array{Int64,1} at index [5]
            ```
            """#,
        "DimensionMismatch": #"""
                DimensionMismatch(msg)

            Arrays of sizes that do not fit the operation.

            # Examples
            ```jldoctest
            dist> [1, 2] .+ [1, 2, 3]
            ERROR: DimensionMismatch("arrays could not be broadcast to a common size")
            ```
            """#,
        "DivideError": #"""
                DivideError()

            An integer division by zero.

            # Examples
            ```jldoctest
            dist> div(1, 0)
            ERROR: DivideError: integer division error
            ```
            """#,
        "DomainError": #"""
                DomainError(val, msg)

            An argument outside the function's domain.

            # Examples
            ```jldoctest
            dist> sqrt(-1)
            ERROR: DomainError with -1.0:
            sqrt was called with a negative real argument but will only return a complex result if called with a complex argument. Try sqrt(Complex(x)).
            ```
            """#,
        "EOFError": #"""
                EOFError()

            No more data to read from a stream.
            """#,
        "ErrorException": #"""
                ErrorException(msg)

            A general error, as `error(msg)` throws; `e.msg` is the message.

            # Examples
            ```jldoctest
            dist> try error("oops") catch e; e end
            ErrorException("oops")
            ```
            """#,
        "InexactError": #"""
                InexactError(name, T, val)

            `val` cannot be converted to `T` exactly.

            # Examples
            ```jldoctest
            dist> Int(2.5)
            ERROR: InexactError: Int64(2.5)
            ```
            """#,
        "KeyError": #"""
                KeyError(key)

            A dictionary (or a named tuple) has no such key.

            # Examples
            ```jldoctest
            dist> Dict("a" => 1)["b"]
            ERROR: KeyError: key "b" not found
            ```
            """#,
        "LoadError": #"""
                LoadError(file, line, error)

            An error while `include`-ing a file, with where it happened.
            """#,
        "MethodError": #"""
                MethodError(f, args)

            The function has no method for these argument types.

            # Examples
            ```jldoctest
            dist> sin("a")
            ERROR: MethodError: no method matching sin(::String)
            ```
            """#,
        "OutOfMemoryError": #"""
                OutOfMemoryError()

            The system refused memory for an allocation that the program asked for (an array, a
            string or a collection of a size given by the program): the session goes on.

            # Examples
            ```jldoctest
            dist> try zeros(10^12) catch e; e end
            OutOfMemoryError()
            ```
            """#,
        "OverflowError": #"""
                OverflowError(msg)

            A result too large for its type, where the operation checks (`factorial(21)`).

            # Examples
            ```jldoctest
            dist> factorial(21)
            ERROR: OverflowError: 21 is too large to look up in the table; consider using `factorial(big(21))` instead
            ```
            """#,
        "ParseError": #"""
                ParseError(msg)

            Text that does not parse: what `parse` throws for a bad number.

            # Examples
            ```jldoctest
            dist> parse(Int, "x1")
            ERROR: ArgumentError: invalid base 10 digit 'x' in "x1"
            ```
            """#,
        "StackOverflowError": #"""
                StackOverflowError()

            The recursion went too deep.

            # Examples
            ```jldoctest
            dist> deep(n) = deep(n + 1); deep(1)
            ERROR: StackOverflowError:
            ```
            """#,
        "StringIndexError": #"""
                StringIndexError(str, i)

            Byte index `i` is inside a character of `str`, not at its start.

            # Examples
            ```jldoctest
            dist> "é"[2]
            ERROR: StringIndexError: invalid index [2]
            ```
            """#,
        "SystemError": #"""
                SystemError(prefix, errno)

            A call to the operating system failed (opening a file that does not exist).

            # Examples
            ```jldoctest
            dist> read("/no/such/file", String)
            ERROR: SystemError: opening file "/no/such/file": No such file or directory
            ```
            """#,
        "TypeError": #"""
                TypeError

            A value of the wrong type where a specific one is needed (a non-`Bool` condition).

            # Examples
            ```jldoctest
            dist> if 1 end
            ERROR: TypeError: non-boolean (Int64) used in boolean context
            ```
            """#,
        "UndefKeywordError": #"""
                UndefKeywordError(name)

            A required keyword argument was not given.

            # Examples
            ```jldoctest
            dist> needs(; k) = k; needs()
            ERROR: UndefKeywordError: keyword argument k not assigned
            ```
            """#,
        "UndefRefError": #"""
                UndefRefError()

            A field or element that was never set.
            """#,
        "UndefVarError": #"""
                UndefVarError(name)

            A variable that is not defined here. On a worker, a function defined only on process
            1 gives this error: define it with `@everywhere`.

            # Examples
            ```jldoctest
            dist> not_a_variable
            ERROR: UndefVarError: not_a_variable not defined
            ```
            """#,
        "SingularException": #"""
                SingularException(info)

            A matrix is singular where an invertible one is needed (`inv`, `\`).

            # Examples
            ```jldoctest
            dist> inv([1.0 2.0; 2.0 4.0])
            ERROR: SingularException(2)
            ```
            """#,
        "Int8": #"""
                Int8(x)

            Julia's 8-bit signed integer. In dist it is a stopgap: `Int8(x)` checks that `x` fits
            in -128:127 (an `InexactError` if not) but gives an `Int64`, so `typeof(Int8(3))` is
            `Int64`, arithmetic on it does not wrap at 8 bits, and `Int8(3) isa Int8` is false.

            # Examples
            ```jldoctest
            dist> Int8(3), typeof(Int8(3))
            (3, Int64)

            dist> Int8(300)
            ERROR: InexactError: Int8(300)
            ```
            """#,
        "Int16": #"""
                Int16(x)

            Julia's 16-bit signed integer. In dist it is a stopgap: `Int16(x)` checks that `x`
            fits in -32768:32767 (an `InexactError` if not) but gives an `Int64`, which does not
            wrap at 16 bits.

            # Examples
            ```jldoctest
            dist> Int16(-2), typeof(Int16(-2))
            (-2, Int64)
            ```
            """#,
        "Int128": #"""
                Int128(x)

            Julia's 128-bit signed integer. In dist it is a stopgap: `Int128(x)` gives an `Int64`,
            so values beyond `typemax(Int64)` wrap around as `Int64`s do (use `big` for large
            integers).

            # Examples
            ```jldoctest
            dist> typeof(Int128(2)), Int128(2)^64
            (Int64, 0)
            ```
            """#,
        "UInt": #"""
                UInt(x)

            Julia's unsigned machine integer (`UInt64`). In dist it is a stopgap: `UInt(x)` checks
            that `x` is not negative (an `InexactError` if it is) but gives an `Int64`.

            # Examples
            ```jldoctest
            dist> UInt(7), typeof(UInt(7))
            (7, Int64)
            ```
            """#,
        "UInt16": #"""
                UInt16(x)

            Julia's 16-bit unsigned integer. In dist it is a stopgap: `UInt16(x)` checks that `x`
            fits in 0:65535 (an `InexactError` if not) but gives an `Int64`, which does not wrap
            at 16 bits.

            # Examples
            ```jldoctest
            dist> UInt16(7), typeof(UInt16(7))
            (7, Int64)
            ```
            """#,
        "UInt32": #"""
                UInt32(x)

            Julia's 32-bit unsigned integer. In dist it is a stopgap: `UInt32(x)` checks that `x`
            fits in 0:4294967295 (an `InexactError` if not) but gives an `Int64`.

            # Examples
            ```jldoctest
            dist> UInt32(9), typeof(UInt32(9))
            (9, Int64)
            ```
            """#,
        "UInt64": #"""
                UInt64(x)

            Julia's 64-bit unsigned integer. In dist it is a stopgap: `UInt64(x)` checks that `x`
            is not negative (an `InexactError` if it is) but gives an `Int64`, so values from
            2^63 on wrap around to negative numbers, and values print in decimal, not as Julia's
            `0x…` hexadecimal.

            # Examples
            ```jldoctest
            dist> UInt64(5), typeof(UInt64(5))
            (5, Int64)

            dist> UInt64(-1)
            ERROR: InexactError: UInt64(-1)
            ```
            """#,
        "UInt128": #"""
                UInt128(x)

            Julia's 128-bit unsigned integer. In dist it is a stopgap: `UInt128(x)` checks that `x`
            is not negative but gives an `Int64`, with its range and its wrapping around.

            # Examples
            ```jldoctest
            dist> typeof(UInt128(1))
            Int64
            ```
            """#,
        "Float16": #"""
                Float16(x)

            Julia's 16-bit float. In dist it is a stopgap: `Float16(x)` rounds `x` to the nearest
            half-precision value but gives it as a `Float64`, and arithmetic on it is done in
            `Float64`.

            # Examples
            ```jldoctest
            dist> Float16(0.1), typeof(Float16(0.1))
            (0.0999755859375, Float64)
            ```
            """#,
        "BitSet": #"""
                BitSet([itr])

            A set of `Int`s (the integers of `itr`), iterated in increasing order; otherwise used
            as a `Set`. Elements other than integers are a `MethodError`.

            # Examples
            ```jldoctest
            dist> s = BitSet([3, 1, 3])
            BitSet([1, 3])

            dist> 3 in s, length(s)
            (true, 2)
            ```
            """#,
        "OneTo": #"""
                Base.OneTo(n)

            The range `1:n` (empty when `n < 1`), the axes of arrays in Julia. In dist it is a
            `UnitRange{Int64}` rather than a type of its own.

            # Examples
            ```jldoctest
            dist> collect(Base.OneTo(3))
            3-element Array{Int64,1}:
             1
             2
             3

            dist> Base.OneTo(3) == 1:3, length(Base.OneTo(-2))
            (true, 0)
            ```
            """#,
        "Ptr": #"""
                Ptr{T}

            A memory address of a `T` (as C sees it). dist calls no C code, so the only pointer is
            `C_NULL`; the type is there for code that names it.

            # Examples
            ```jldoctest
            dist> typeof(C_NULL)
            Ptr{Nothing}
            ```
            """#,
        "Cvoid": #"""
                Cvoid

            C's `void`: the same type as `Nothing`, as in Julia.

            # Examples
            ```jldoctest
            dist> Cvoid === Nothing
            true
            ```
            """#,
        "C_NULL": #"""
                C_NULL

            The null pointer, a `Ptr{Cvoid}` with address 0.

            # Examples
            ```jldoctest
            dist> C_NULL
            Ptr{Nothing} @0x0000000000000000
            ```
            """#,
    ]
}
