/// The core of the language: types of values, errors, fields, evaluation, the process.
extension Docs {
    static let core: [String: String] = [
        "Base": #"""
                Base

            The module of the built-in functions and types. In dist it also holds what Julia
            keeps in `Core`, `Distributed`, `SharedArrays`, `LinearAlgebra`, `Random`, `Test` and
            the other standard libraries named here, so `using` them is accepted and `Base.pmap`
            is `pmap`.
            """#,
        "Core": #"""
                Core

            Julia's core module; in dist a name for `Base`.
            """#,
        "Dates": #"""
                Dates

            Julia's date and time library; in dist a name for `Base` (use `time()` for seconds).
            """#,
        "GC": #"""
                GC

            The garbage collector's module: `GC.gc()` runs a collection and sends the pending
            "reference dropped" messages of remote references at once.

            # Examples
            ```jldoctest
            dist> GC.gc()
            ```
            """#,
        "InteractiveUtils": #"""
                InteractiveUtils

            Julia's REPL helpers; in dist a name for `Base` (`varinfo`, `methods` are there).
            """#,
        "Printf": #"""
                Printf

            The `@printf` and `@sprintf` macros; in dist part of Base, `using Printf` is accepted.
            """#,
        "Random": #"""
                Random

            Random numbers: `rand`, `randn`, `randperm`, `shuffle`, `Random.seed!`. Part of Base in
            dist; `using Random` is accepted.
            """#,
        "Serialization": #"""
                Serialization

            Julia's serializer; in dist a name for `Base` (values cross processes in dist's own
            binary format).
            """#,
        "Sockets": #"""
                Sockets

            Julia's networking library; in dist a name for `Base` (`gethostname`, `getipaddr`).
            """#,
        "Statistics": #"""
                Statistics

            Julia's statistics library; in dist a name for `Base` (`mean`).
            """#,
        "VERSION": #"""
                VERSION

            The version of the language dist implements, as a string.

            # Examples
            ```jldoctest
            dist> VERSION
            "1.0.0-dist"
            ```
            """#,
        "typeof": #"""
                typeof(x) -> Type

            The concrete type of `x`.

            # Examples
            ```jldoctest
            dist> typeof(1), typeof(1.0), typeof("a")
            (Int64, Float64, String)

            dist> typeof([1 2; 3 4])
            Array{Int64,2}
            ```
            """#,
        "isa": #"""
                isa(x, T) -> Bool
                x isa T

            Whether `x` is of type `T` (or of a subtype).

            # Examples
            ```jldoctest
            dist> 1 isa Integer, 1 isa AbstractFloat
            (true, false)
            ```
            """#,
        "convert": #"""
                convert(T, x)

            `x` as a value of type `T`, exactly: an `InexactError` if it cannot be (such as
            `convert(Int, 1.5)`). Assignments to typed variables and fields convert this way.

            # Examples
            ```jldoctest
            dist> convert(Float64, 3)
            3.0

            dist> convert(Int, 2.0)
            2

            dist> convert(Int, 2.5)
            ERROR: InexactError: Int64(2.5)
            ```
            """#,
        "identity": #"""
                identity(x)

            `x` itself.

            # Examples
            ```jldoctest
            dist> identity("same")
            "same"
            ```
            """#,
        "ifelse": #"""
                ifelse(cond::Bool, x, y)

            `x` if `cond` is true, else `y`; unlike `cond ? x : y` both are evaluated.

            # Examples
            ```jldoctest
            dist> ifelse(1 > 2, "yes", "no")
            "no"
            ```
            """#,
        "something": #"""
                something(x, y...)

            The first argument that is not `nothing` (an error if all are).

            # Examples
            ```jldoctest
            dist> something(nothing, 2, 3)
            2
            ```
            """#,
        "isnothing": #"""
                isnothing(x) -> Bool

            Whether `x === nothing`.

            # Examples
            ```jldoctest
            dist> isnothing(findfirst(==(5), [1, 2]))
            true
            ```
            """#,
        "error": #"""
                error(msg...)

            Throw an `ErrorException` with the message `string(msg...)`.

            # Examples
            ```jldoctest
            dist> error("x is ", 3)
            ERROR: x is 3
            ```
            """#,
        "throw": #"""
                throw(e)

            Throw `e` (any value, usually an exception) as an error.

            # Examples
            ```jldoctest
            dist> throw(ArgumentError("bad size"))
            ERROR: ArgumentError: bad size
            ```
            """#,
        "rethrow": #"""
                rethrow()
                rethrow(e)

            Inside a `catch` block: throw the error being handled again (or `e` in its place).

            # Examples
            ```jldoctest
            dist> try
                      error("inner")
                  catch e
                      println("logged")
                      rethrow()
                  end
            logged
            ERROR: inner
            ```
            """#,
        "backtrace": #"""
                backtrace() -> Vector

            The call stack here, for printing. dist keeps no native stack frames: an empty
            vector.

            # Examples
            ```jldoctest
            dist> backtrace() isa Vector
            true
            ```
            """#,
        "catch_backtrace": #"""
                catch_backtrace() -> Vector

            Inside a `catch` block: where the error was thrown, as `StackFrame`s (`func`, `file`,
            `line`), innermost first, from the frame that threw to the one that caught it
            (`stacktrace(catch_backtrace())` gives the same frames).

            # Examples
            ```jldoctest
            dist> positive(x) = x > 0 ? x : error("negative");

            dist> try positive(-1) catch; [s.func for s in stacktrace(catch_backtrace())] end
            1-element Array{Symbol,1}:
             :positive
            ```
            """#,
        "stacktrace": #"""
                stacktrace([trace]) -> Vector{StackFrame}

            The frames of `trace` (what `catch_backtrace()` returns) as `StackFrame`s, innermost
            first; each has `func`, `file` and `line`. Without an argument, inside a `catch`
            block: the frames of the error being handled (dist records frames as an error
            unwinds, so outside a `catch` block there are none).

            # Examples
            ```jldoctest
            dist> second(x) = x[2];

            dist> try second([1]) catch; st = stacktrace(catch_backtrace()); (st[1].func, st[1].line > 0) end
            (:second, true)
            ```
            """#,
        "StackTraces": #"""
                StackTraces

            The module of `StackFrame` (`Base.StackTraces.StackFrame`): one frame of a stack
            trace, with fields `func`, `file`, `line`, `linfo` (always `nothing` in dist),
            `from_c`, `inlined` and `pointer`. A `RemoteException` carries the worker's frames
            in `ex.captured.processed_bt` as `(frame, times)` pairs.

            # Examples
            ```jldoctest
            dist> fieldnames(Base.StackTraces.StackFrame)[1:3]
            (:func, :file, :line)
            ```
            """#,
        "current_exceptions": #"""
                current_exceptions() -> Vector

            The errors being handled by the enclosing `catch` blocks, innermost last.

            # Examples
            ```jldoctest
            dist> current_exceptions() isa Vector
            true
            ```
            """#,
        "exit": #"""
                exit(code=0)

            Stop the process with exit status `code` (on a worker: the worker exits and process 1
            is told it is gone). The REPL stops its workers first.

            # Examples
            ```julia
            dist> exit(3)
            $ echo $?
            3
            ```
            """#,
        "include": #"""
                include(path::AbstractString)

            Read, parse and evaluate the file at `path` (relative to the including file, or to
            the working directory), returning the last value. `@everywhere include("f.dist")`
            reads it on process 1 and sends the parsed code to every process.

            # Examples
            ```julia
            dist> write("defs.dist", "double(x) = 2x");

            dist> include("defs.dist"); double(4)
            8
            ```
            """#,
        "include_string": #"""
                include_string(m::Module, code::AbstractString)

            Parse and evaluate `code` in module `m`, returning the last value.

            # Examples
            ```jldoctest
            dist> include_string(Main, "x_from_string = 6 * 7")
            42
            ```
            """#,
        "invokelatest": #"""
                invokelatest(f, args...; kwargs...)

            Call `f(args...)` (in Julia, with the newest methods; dist always calls them).

            # Examples
            ```jldoctest
            dist> invokelatest(+, 1, 2)
            3
            ```
            """#,
        "applicable": #"""
                applicable(f, args...) -> Bool

            Whether `f` has a method for these arguments.

            # Examples
            ```jldoctest
            dist> g(x::Int) = x;

            dist> applicable(g, 1), applicable(g, "a")
            (true, false)
            ```
            """#,
        "methods": #"""
                methods(f)

            The methods of function `f`, one per line.

            # Examples
            ```jldoctest
            dist> h(x) = 1; h(x, y) = 2;

            dist> length(methods(h))
            2
            ```
            """#,
        "isdefined": #"""
                isdefined(m::Module, s::Symbol) -> Bool
                isdefined(object, field::Symbol) -> Bool

            Whether the global `s` is defined in module `m`, or the field of `object` is set.

            # Examples
            ```jldoctest
            dist> isdefined(Main, :nosuchthing)
            false
            ```
            """#,
        "getfield": #"""
                getfield(value, name::Symbol)
                getfield(value, i::Int)

            A field of a composite value, by name or position.

            # Examples
            ```jldoctest
            dist> getfield((a = 1, b = 2), :b)
            2
            ```
            """#,
        "setfield!": #"""
                setfield!(value, name::Symbol, x)

            Assign a field of a mutable composite value (`value.name = x`).

            # Examples
            ```jldoctest
            dist> mutable struct Box; v; end

            dist> b = Box(1); setfield!(b, :v, 5); b.v
            5
            ```
            """#,
        "getproperty": #"""
                getproperty(value, name::Symbol)

            `value.name`: a field, or a module's global.

            # Examples
            ```jldoctest
            dist> getproperty((x = 10,), :x)
            10
            ```
            """#,
        "setproperty!": #"""
                setproperty!(value, name::Symbol, x)

            `value.name = x`.

            # Examples
            ```jldoctest
            dist> mutable struct Cell; v; end

            dist> c = Cell(0); setproperty!(c, :v, 7); c.v
            7
            ```
            """#,
        "hasfield": #"""
                hasfield(T::Type, name::Symbol) -> Bool

            Whether type `T` has a field called `name`.

            # Examples
            ```jldoctest
            dist> struct Pt; x; y; end

            dist> hasfield(Pt, :y), hasfield(Pt, :z)
            (true, false)
            ```
            """#,
        "fieldnames": #"""
                fieldnames(T::Type) -> Tuple

            The names of the fields of type `T`, as symbols.

            # Examples
            ```jldoctest
            dist> struct Seg; a; b; end

            dist> fieldnames(Seg)
            (:a, :b)
            ```
            """#,
        "fieldcount": #"""
                fieldcount(T::Type) -> Int

            The number of fields of type `T`.

            # Examples
            ```jldoctest
            dist> struct Tri; a; b; c; end

            dist> fieldcount(Tri)
            3
            ```
            """#,
        "nameof": #"""
                nameof(f) -> Symbol

            The name of a function, type or module.

            # Examples
            ```jldoctest
            dist> nameof(sum)
            :sum
            ```
            """#,
        "objectid": #"""
                objectid(x) -> Int

            A number identifying `x` (equal for `===` values), as `===` and hashing use.

            # Examples
            ```jldoctest
            dist> v = [1]; objectid(v) == objectid(v)
            true
            ```
            """#,
        "hash": #"""
                hash(x) -> Integer

            A hash code of `x`: `isequal(x, y)` implies `hash(x) == hash(y)`.

            # Examples
            ```jldoctest
            dist> hash("a") == hash("a")
            true
            ```
            """#,
        "copy": #"""
                copy(x)

            A shallow copy: a new container with the same elements (which are not copied).

            # Examples
            ```jldoctest
            dist> a = [1, 2]; b = copy(a); b[1] = 10; a
            2-element Array{Int64,1}:
             1
             2
            ```
            """#,
        "deepcopy": #"""
                deepcopy(x)

            A copy of `x` and of everything it contains, recursively.

            # Examples
            ```jldoctest
            dist> a = [[1], [2]]; b = deepcopy(a); b[1][1] = 10; a[1]
            1-element Array{Int64,1}:
             1
            ```
            """#,
        "finalize": #"""
                finalize(x)

            Run the finalizer of `x` now. For a `Future` or `RemoteChannel`, tell its owner that
            this process no longer holds it (so the value can be released).

            # Examples
            ```jldoctest
            dist> f = remotecall(+, myid(), 1, 1); finalize(f)
            ```
            """#,
        "gc": #"""
                gc()

            Run the garbage collector (Julia 0.6's name for `GC.gc()`); sends the pending
            "reference dropped" messages of remote references.

            # Examples
            ```jldoctest
            dist> gc()
            ```
            """#,
        "time": #"""
                time() -> Float64

            The current time in seconds since the Unix epoch.

            # Examples
            ```jldoctest
            dist> time() > 1.5e9
            true
            ```
            """#,
        "time_ns": #"""
                time_ns() -> Int

            A clock in nanoseconds, for measuring intervals (not the time of day).

            # Examples
            ```jldoctest
            dist> t0 = time_ns(); time_ns() >= t0
            true
            ```
            """#,
        "varinfo": #"""
                varinfo()

            A table of the globals of `Main`: name, size in bytes, and summary.

            # Examples
            ```julia
            dist> varinfo()
            name     size summary
            –––– –––––––– ––––––––––––––––––––––––
            Base          Module
            x     8 bytes Float64
            ```
            """#,
        "summarysize": #"""
                Base.summarysize(x) -> Int

            The bytes `x` and what it refers to take in memory (approximately).

            # Examples
            ```jldoctest
            dist> Base.summarysize(zeros(100)) >= 800
            true
            ```
            """#,
        "sizeof": #"""
                sizeof(x) -> Int

            The size in bytes of a value of a bits type, of an array's elements, or of a string's
            UTF-8 encoding.

            # Examples
            ```jldoctest
            dist> sizeof(1), sizeof(1.0), sizeof("héllo")
            (8, 8, 6)
            ```
            """#,
        "supertype": #"""
                supertype(T::Type) -> Type

            The direct supertype of `T`.

            # Examples
            ```jldoctest
            dist> supertype(Int64), supertype(Float64)
            (Signed, AbstractFloat)
            ```
            """#,
        "Sys": #"""
                Sys

            What the program runs on: `Sys.islinux()`, `Sys.isapple()`, `Sys.isunix()`,
            `Sys.isbsd()`, `Sys.iswindows()`, `Sys.KERNEL` (`:Linux` or `:Darwin`), `Sys.BINDIR`
            (the folder of the `dist` executable) and `Sys.CPU_THREADS` (the processors it may
            use).

            # Examples
            ```julia
            dist> Sys.KERNEL, Sys.CPU_THREADS
            (:Linux, 8)
            ```
            ```jldoctest
            dist> Sys.isunix(), Sys.iswindows()
            (true, false)
            ```
            """#,
        "Docs": #"""
                Docs

            The module of documentation. `Docs.undocumented_names(m; private = false)` lists the
            names `m` exports (with `private`, all its names) that have no docstring; the
            docstrings themselves are what `?name` and `@doc name` show.

            # Examples
            ```jldoctest
            dist> isempty(Docs.undocumented_names(Base))
            true
            ```
            """#,
        "names": #"""
                names(m::Module; all = false) -> Vector{Symbol}

            The names module `m` exports, and its own name, sorted; with `all`, every global it
            defines too.

            # Keywords
            - `all`: also the names that are not exported.

            # Examples
            ```jldoctest
            dist> module Shapes
                      export area
                      area(r) = π * r^2
                      helper() = 1
                  end;

            dist> names(Shapes)
            2-element Array{Symbol,1}:
             :Shapes
             :area

            dist> :helper in names(Shapes; all = true)
            true
            ```
            """#,
        "withenv": #"""
                withenv(f, "NAME" => value, ...)

            Call `f()` with the environment variables set to the values (`nothing` unsets one),
            and put back the old values afterwards, also when `f` throws. Commands run by `f`
            see the new values.

            # Examples
            ```jldoctest
            dist> withenv("GREETING" => "hi") do
                      readchomp(`sh -c 'echo $GREETING'`)
                  end
            "hi"
            ```
            """#,
        "get_bool_env": #"""
                Base.get_bool_env(name, default) -> Union{Bool,Nothing}

            The environment variable `name` read as a switch: `true`, `t`, `yes`, `y`, `1` give
            `true`; `false`, `f`, `no`, `n`, `0` give `false` (in any case); unset or empty gives
            `default`; anything else `nothing`.

            # Examples
            ```jldoctest
            dist> withenv(() -> Base.get_bool_env("FLAG", false), "FLAG" => "yes")
            true

            dist> withenv(() -> Base.get_bool_env("FLAG", false), "FLAG" => nothing)
            false
            ```
            """#,
    ]
}
