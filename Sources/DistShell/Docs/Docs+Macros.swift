/// The macros of the language (the resolver expands them; they are no functions).
extension Docs {
    static let macros: [String: String] = [
        "@spawnat": #"""
                @spawnat p expr

            Run `expr` on process `p` as a closure and return a `Future` for its value; `p` may
            be `:any` for the next worker in turn. The globals of process 1 that `expr` uses are
            sent with it (`$x` interpolates a value into the expression).

            # Examples
            ```jldoctest
            dist> f = @spawnat 2 myid() * 10;

            dist> fetch(f)
            20

            dist> fetch(@spawnat :any 1 + 1)
            2
            ```
            """#,
        "@spawn": #"""
                @spawn expr

            `@spawnat :any expr`: run `expr` on the next worker in turn and return a `Future`.

            # Examples
            ```jldoctest
            dist> fetch(@spawn myid()) in workers()
            true
            ```
            """#,
        "@fetch": #"""
                @fetch expr

            `fetch(@spawnat :any expr)`: run `expr` on the next worker and wait for its value.

            # Examples
            ```jldoctest
            dist> @fetch(myid()) in workers()
            true
            ```
            """#,
        "@fetchfrom": #"""
                @fetchfrom p expr

            `fetch(@spawnat p expr)`: run `expr` on process `p` and wait for its value.

            # Examples
            ```jldoctest
            dist> @fetchfrom 3 myid()
            3
            ```
            """#,
        "@everywhere": #"""
                @everywhere [procs()] expr

            Evaluate `expr` at the top level of `Main` on every process (or on the given ones),
            waiting until all are done: how definitions, `include`s and `using`s reach the
            workers. `$x` interpolates the value of a local `x` before the expression is sent.

            # Examples
            ```jldoctest
            dist> @everywhere square(x) = x^2

            dist> remotecall_fetch(square, 2, 7)
            49

            dist> n = 5; @everywhere [2, 3] m = $n + 1

            dist> remotecall_fetch(() -> m, 3)
            6
            ```
            """#,
        "@showprogress": #"""
                @showprogress [dt] [desc] [dt=0.1] [desc="Progress: "] [enabled=true] expr

            A progress bar for `expr`, as ProgressMeter.jl's: a `for` loop, a comprehension,
            `pmap(...)`, `@distributed [reducer] for ... end`, or `map`, `foreach`, `filter`,
            `asyncmap`, `map!`, `count`, `any`, `all`, `sum`, `prod`, `maximum`, `minimum` with
            a function first. On a terminal one line on standard error updates in place (at most
            every `dt` seconds) below what the work prints: the share done, the time left, done
            out of total, the rate, and, for `pmap` and `@distributed`, how many elements each
            worker did (left out when the terminal is too narrow); when it ends, the line stays with the time taken. When standard error is
            no terminal, a single summary line is written at the end. An iterable without a
            length gets a count instead of a bar. `@showprogress @distributed for` waits for the
            loop, as ProgressMeter's does. The value is `expr`'s.

            # Examples
            ```julia
            dist> @showprogress pmap(x -> (sleep(0.1); x^2), 1:40);
            Progress: 100%|████████████████████| Time: 0:00:02 (40/40, 19.5/s; 2: 20, 3: 20)

            dist> @showprogress "Summing " @distributed (+) for i in 1:10^6
                      i
                  end
            Summing 100%|███████████████████████| Time: 0:00:02 (1000000/1000000, 418585/s)
            500000500000
            ```
            """#,
        "@distributed": #"""
                @distributed [reducer] for var = range
                    body
                end

            A parallel for loop: the range is split among the workers (see `splitrange`), each
            runs its part, and with a `reducer` (such as `+`) the parts' last values are combined
            on the caller. Without a reducer, it returns at once (wrap it in `@sync` to wait).
            Variables of process 1 used in the body are copied to the workers: to gather results
            use a reducer or a `SharedArray`.

            # Examples
            ```jldoctest
            dist> @distributed (+) for i = 1:100
                      i
                  end
            5050

            dist> S = SharedArray{Int}(4);

            dist> @sync @distributed for i = 1:4
                      S[i] = myid()
                  end;

            dist> sort(unique(sdata(S)))
            2-element Array{Int64,1}:
             2
             3
            ```
            """#,
        "@parallel": #"""
                @parallel [reducer] for var = range ... end

            The old name of `@distributed` (Julia 0.6).

            # Examples
            ```jldoctest
            dist> @parallel (+) for i = 1:3
                      i
                  end
            6
            ```
            """#,
        "@async": #"""
                @async expr

            Wrap `expr` in a `Task` and schedule it on this process; returns the task. Inside
            `@sync` the enclosing block waits for it.

            # Examples
            ```jldoctest
            dist> t = @async (sleep(0.1); :done);

            dist> fetch(t)
            :done
            ```
            """#,
        "@sync": #"""
                @sync block

            Run `block` and wait until every `@async`, `@spawnat`, `@spawn` and `@distributed`
            started inside it has finished; their errors are thrown together.

            # Examples
            ```jldoctest
            dist> results = zeros(Int, 2);

            dist> @sync for (i, p) in enumerate(workers())
                      @async results[i] = remotecall_fetch(myid, p)
                  end;

            dist> results
            2-element Array{Int64,1}:
             2
             3
            ```
            """#,
        "@task": #"""
                @task expr

            A `Task` that will run `expr`, not yet scheduled (see `schedule`).

            # Examples
            ```jldoctest
            dist> t = @task 2 + 2;

            dist> schedule(t); fetch(t)
            4
            ```
            """#,
        "@time": #"""
                @time expr

            Evaluate `expr`, print how long it took and what it allocated (counted as
            `@allocated` counts), and return its value.

            # Examples
            ```julia
            dist> @time sum(1:10^6)
              0.001503 seconds
            500000500000

            dist> @time zeros(10^4);
              0.000045 seconds (1 allocation: 78.172 KiB)
            ```
            """#,
        "@elapsed": #"""
                @elapsed expr

            Evaluate `expr` and return the seconds it took (a `Float64`), not its value.

            # Examples
            ```jldoctest
            dist> @elapsed(sleep(0.2)) >= 0.2
            true
            ```
            """#,
        "@allocated": #"""
                @allocated expr

            Evaluate `expr` and return the bytes it allocated: the interpreter counts the arrays,
            strings, closures and their boxes, dictionaries and mutable structs it makes (an
            array's bytes are its elements' and its header's).

            # Examples
            ```jldoctest
            dist> @allocated zeros(10)
            128

            dist> @allocated 1 + 1
            0
            ```
            """#,
        "@timed": #"""
                @timed expr

            Evaluate `expr` and return a tuple: its value, the seconds it took, the bytes
            allocated (as `@allocated` counts them), the time spent collecting garbage, and a
            memory counter (the last two are 0.0 and `nothing` in dist).

            # Examples
            ```jldoctest
            dist> first(@timed 6 * 7)
            42
            ```
            """#,
        "@show": #"""
                @show exs...

            Print each expression and its value as `expr = value`, and return the last value.

            # Examples
            ```jldoctest
            dist> x = 3;

            dist> @show x + 1
            x + 1 = 4
            4
            ```
            """#,
        "@assert": #"""
                @assert cond [text]

            Throw an `AssertionError` if `cond` is false, with `text` (or the condition) as its
            message.

            # Examples
            ```jldoctest
            dist> @assert 1 + 1 == 2

            dist> @assert 1 == 2 "one is not two"
            ERROR: AssertionError: one is not two
            ```
            """#,
        "@isdefined": #"""
                @isdefined name

            Whether the variable `name` is defined here.

            # Examples
            ```jldoctest
            dist> @isdefined nosuchvariable
            false
            ```
            """#,
        "@printf": #"""
                @printf([io,] "format", args...)

            Print `args` formatted by C's `printf` rules: `%d`, `%5.2f`, `%e`, `%g`, `%s`, `%x`,
            `%c`, `%%`, with flags, widths and precisions.

            # Examples
            ```jldoctest
            dist> @printf("%d items at %.2f\n", 3, 2.5)
            3 items at 2.50
            ```
            """#,
        "@sprintf": #"""
                @sprintf("format", args...) -> String

            Format `args` as `@printf` does and return the string.

            # Examples
            ```jldoctest
            dist> @sprintf("%05d|%8.3e|%x", 42, 1234.5, 255)
            "00042|1.234e+03|ff"
            ```
            """#,
        "@info": #"""
                @info message [key=value ...] [expression ...]

            Log an informational message (on standard error), with the values given: an
            expression after the message shows as `expression = value`.

            # Examples
            ```julia
            dist> @info "starting" n = 3
            ┌ Info: starting
            └   n = 3
            ```
            """#,
        "@warn": #"""
                @warn message [key=value ...]

            Log a warning (on standard error), with where it was raised.

            # Examples
            ```julia
            dist> @warn "disk almost full"
            ┌ Warning: disk almost full
            └ @ Main REPL[1]:1
            ```
            """#,
        "@error": #"""
                @error message [key=value ...]

            Log an error message (on standard error); it does not throw.

            # Examples
            ```julia
            dist> @error "could not connect"
            ┌ Error: could not connect
            └ @ Main REPL[1]:1
            ```
            """#,
        "@debug": #"""
                @debug message [key=value ...]

            Log a debugging message; hidden unless debug logging is enabled (it never is in dist).

            # Examples
            ```jldoctest
            dist> @debug "not shown"
            ```
            """#,
        "@inbounds": #"""
                @inbounds expr

            Julia skips bounds checks in `expr`; dist accepts it and always checks.

            # Examples
            ```jldoctest
            dist> @inbounds [10, 20][2]
            20
            ```
            """#,
        "@simd": #"""
                @simd for ... end

            Julia lets the compiler vectorize the loop; dist accepts it and runs the loop as is.

            # Examples
            ```jldoctest
            dist> s = 0; @simd for i in 1:4
                      s += i
                  end; s
            10
            ```
            """#,
        "@views": #"""
                @views expr

            Julia makes the slices in `expr` views; dist accepts it and copies, as without it.

            # Examples
            ```jldoctest
            dist> @views sum([1, 2, 3][2:3])
            5
            ```
            """#,
        "@inline": #"""
                @inline function ... end

            A hint to inline the function; accepted and ignored by dist.

            # Examples
            ```jldoctest
            dist> @inline twice(x) = 2x;

            dist> twice(4)
            8
            ```
            """#,
        "@noinline": #"""
                @noinline function ... end

            A hint not to inline the function; accepted and ignored by dist.

            # Examples
            ```jldoctest
            dist> @noinline thrice(x) = 3x;

            dist> thrice(4)
            12
            ```
            """#,
        "@fastmath": #"""
                @fastmath expr

            Julia allows floating-point rewrites in `expr`; dist accepts it and computes exactly
            as without it.

            # Examples
            ```jldoctest
            dist> @fastmath 1.5 * 2
            3.0
            ```
            """#,
        "@doc": #"""
                @doc name

            Show the documentation of `name`, as `?name` does at the prompt.

            # Examples
            ```julia
            dist> @doc nworkers
              nworkers() -> Int

              The number of workers; 1 when process 1 is alone (nprocs() - 1 otherwise).
            ```
            """#,
    ]
}
