/// The language's keywords (and the constants `true`, `false`, `nothing`).
extension Docs {
    static let keywords: [String: String] = [
        "function": #"""
                function name(args...; kwargs...)
                    body
                end

            Define a function (or add a method to it). Arguments may have types (`x::Int`),
            defaults (`y=1`), be varargs (`xs...`); keywords follow a `;`. The value is that of
            `return`, or of the last expression. `f(x) = expr` is the short form, `x -> expr` the
            anonymous one.

            # Examples
            ```jldoctest
            dist> function hyp(a, b=1; scale=1)
                      return scale * sqrt(a^2 + b^2)
                  end
            hyp (generic function with 2 methods)

            dist> hyp(3, 4), hyp(3, 4; scale=2)
            (5.0, 10.0)
            ```
            """#,
        "end": #"""
                end

            Closes a block (`function`, `if`, `for`, `while`, `begin`, `let`, `try`, `struct`,
            `module`, `do`); inside brackets it is the last index (`a[end]`).

            # Examples
            ```jldoctest
            dist> a = [1, 2, 3]; a[end]
            3
            ```
            """#,
        "if": #"""
                if cond
                    ...
                elseif cond2
                    ...
                else
                    ...
                end

            Run the first branch whose condition (a `Bool`) is true. `if` is an expression: its
            value is the branch's. `c ? a : b` is the short form.

            # Examples
            ```jldoctest
            dist> x = 5;

            dist> if x > 3
                      "big"
                  else
                      "small"
                  end
            "big"
            ```
            """#,
        "elseif": #"""
                elseif cond

            Another condition of an `if`, tried when the ones before were false.

            # Examples
            ```jldoctest
            dist> x = 0; if x > 0 "pos" elseif x < 0 "neg" else "zero" end
            "zero"
            ```
            """#,
        "else": #"""
                else

            The branch of an `if` (or `try`… `else`) taken when no condition held.

            # Examples
            ```jldoctest
            dist> if false 1 else 2 end
            2
            ```
            """#,
        "for": #"""
                for var in iterable
                    body
                end

            Run `body` for each value of `iterable` (`var = range` works too); several
            iterators (`for i in 1:2, j in 1:3`) nest, and `(a, b) in pairs` destructures. Each
            iteration has its own `var`. `break` and `continue` work as in C.

            # Examples
            ```jldoctest
            dist> for (i, c) in enumerate("ab")
                      println(i, " ", c)
                  end
            1 a
            2 b
            ```
            """#,
        "while": #"""
                while cond
                    body
                end

            Run `body` as long as `cond` is true.

            # Examples
            ```jldoctest
            dist> n = 1; while n < 100
                      n *= 2
                  end; n
            128
            ```
            """#,
        "begin": #"""
                begin
                    exprs...
                end

            Group expressions into one, whose value is the last one's (no new scope). Inside
            brackets, the first index (`a[begin]`).

            # Examples
            ```jldoctest
            dist> y = begin
                      a = 2
                      a * 21
                  end
            42
            ```
            """#,
        "let": #"""
                let var = value, ...
                    body
                end

            A new scope with its own variables. A closure made inside captures the values the
            variables have (as a fresh binding per `let`).

            # Examples
            ```jldoctest
            dist> let x = 2, y = 3
                      x * y
                  end
            6
            ```
            """#,
        "try": #"""
                try
                    body
                catch err
                    handler
                finally
                    cleanup
                end

            Run `body`; if it throws, run `handler` with the error as `err`; run `cleanup` in any
            case. The value is `body`'s or `handler`'s.

            # Examples
            ```jldoctest
            dist> try
                      sqrt(-1)
                  catch e
                      e isa DomainError
                  end
            true
            ```
            """#,
        "catch": #"""
                catch [err]

            The part of a `try` that runs when the body throws; `err` is the error.

            # Examples
            ```jldoctest
            dist> try error("bad") catch e; e.msg end
            "bad"
            ```
            """#,
        "finally": #"""
                finally

            The part of a `try` that always runs, whether the body threw or not.

            # Examples
            ```jldoctest
            dist> try
                      1
                  finally
                      println("cleaned up")
                  end
            cleaned up
            1
            ```
            """#,
        "return": #"""
                return [value]

            Leave the function now with `value` (or `nothing`).

            # Examples
            ```jldoctest
            dist> firstneg(v) = (for x in v; x < 0 && return x; end; nothing);

            dist> firstneg([3, -2, -5])
            -2
            ```
            """#,
        "break": #"""
                break

            Leave the innermost loop now.

            # Examples
            ```jldoctest
            dist> for i in 1:10
                      i > 2 && break
                      println(i)
                  end
            1
            2
            ```
            """#,
        "continue": #"""
                continue

            Skip the rest of this iteration of the innermost loop.

            # Examples
            ```jldoctest
            dist> for i in 1:4
                      iseven(i) && continue
                      println(i)
                  end
            1
            3
            ```
            """#,
        "struct": #"""
                struct Name
                    field::Type
                    ...
                end

            Define a composite type whose values cannot change after construction (`mutable
            struct` for ones that can). The default constructor takes the fields in order.

            # Examples
            ```jldoctest
            dist> struct Point
                      x::Float64
                      y::Float64
                  end

            dist> p = Point(1, 2)
            Point(1.0, 2.0)

            dist> p.y
            2.0
            ```
            """#,
        "mutable": #"""
                mutable struct Name ... end

            A composite type whose fields can be assigned after construction.

            # Examples
            ```jldoctest
            dist> mutable struct Counter
                      n::Int
                  end

            dist> c = Counter(0); c.n += 1; c.n
            1
            ```
            """#,
        "module": #"""
                module Name
                    ...
                end

            A module: a namespace of its own for globals. `export` lists the names `using Name`
            brings in; others are reached as `Name.x`.

            # Examples
            ```jldoctest
            dist> module Geometry
                      export area
                      area(r) = 3 * r^2
                      secret = 1
                  end;

            dist> using .Geometry

            dist> area(2), Geometry.secret
            (12, 1)
            ```
            """#,
        "using": #"""
                using Module
                using .Module: name

            Make a module's exported names (or the ones listed) available here. `using
            Distributed` and the other standard libraries are accepted (their names are in
            Base).

            # Examples
            ```jldoctest
            dist> using Distributed

            dist> nprocs() >= 1
            true
            ```
            """#,
        "import": #"""
                import Module
                import .Module: name

            Make a module (or some of its names) available here; imported functions can be given
            new methods.
            """#,
        "export": #"""
                export names...

            Inside a `module`: the names `using` the module brings in.
            """#,
        "const": #"""
                const name = value

            A global whose value is not going to change (assigning it again warns).

            # Examples
            ```jldoctest
            dist> const LIMIT = 10;

            dist> LIMIT * 2
            20
            ```
            """#,
        "global": #"""
                global name [= value]

            Inside a function or loop: `name` is the global variable, not a new local.

            # Examples
            ```jldoctest
            dist> count = 0;

            dist> bump() = (global count += 1);

            dist> bump(); bump()
            2
            ```
            """#,
        "local": #"""
                local name [= value]

            A new local variable in this scope, even if a global or outer one has the name.

            # Examples
            ```jldoctest
            dist> x = 1; let
                      local x = 2
                  end; x
            1
            ```
            """#,
        "true": #"""
                true

            The `Bool` true.

            # Examples
            ```jldoctest
            dist> true + true
            2
            ```
            """#,
        "false": #"""
                false

            The `Bool` false (a strong zero in arithmetic: `false * NaN == 0.0`).

            # Examples
            ```jldoctest
            dist> !false
            true
            ```
            """#,
        "nothing": #"""
                nothing

            The value of type `Nothing`: what a function returns when it returns no value. The
            REPL shows no value for it.

            # Examples
            ```jldoctest
            dist> println("x") === nothing
            x
            true

            dist> isnothing(nothing)
            true
            ```
            """#,
        "do": #"""
                f(args...) do x
                    body
                end

            Pass the anonymous function `x -> body` as the first argument of `f`.

            # Examples
            ```jldoctest
            dist> map([1, 2, 3]) do x
                      x * 10
                  end
            3-element Array{Int64,1}:
             10
             20
             30
            ```
            """#,
        "in": #"""
                in(item, collection) -> Bool
                item in collection
                item ∈ collection

            Whether `item` is in the collection (by `==`; for `Dict`s, `in` looks for a pair).
            In a `for` loop, `in` (or `=`, or `∈`) introduces the iterable.

            # Examples
            ```jldoctest
            dist> 2 in [1, 2, 3]
            true

            dist> "b" ∈ Set(["a", "c"])
            false

            dist> ("a" => 1) in Dict("a" => 1)
            true
            ```
            """#,
    ]
}
