/// Distributed: processes, remote calls, remote references, worker pools and `pmap`.
extension Docs {
    static let distributed: [String: String] = [
        "Distributed": #"""
                Distributed

            Tools for distributed parallel processing: worker processes (`addprocs`, `workers`),
            remote calls (`remotecall`, `remotecall_fetch`, `@spawnat`), remote references
            (`Future`, `RemoteChannel`), parallel maps and loops (`pmap`, `@distributed`) and
            code loading everywhere (`@everywhere`). Its names are part of Base in dist, so no
            `using Distributed` is needed (it is accepted).
            """#,
        "addprocs": #"""
                addprocs(n::Integer) -> Vector{Int}
                addprocs(machines::Vector) -> Vector{Int}

            Launch `n` worker processes on the local host (listening on 127.0.0.1), or workers on
            remote machines over ssh, and add them to the cluster. Returns the ids of the new
            workers, in order. Each machine is a string `"[user@]host[:port] [bind_addr[:port]]"`
            or a tuple `(machine, count)`; the ssh program is `$DIST_SSH` or `ssh`.

            Workers authenticate with the cluster cookie (see `cluster_cookie`) and exit when
            process 1 goes away. `dist -p n` and `dist --machine-file file` call `addprocs` at
            startup.

            # Keywords (every manager)
            - `topology`: `:all_to_all` (the default), `:master_worker` or `:custom`.
            - `lazy`: with `:all_to_all`, connect workers to each other on first use (`true`).
            - `exename`, `exeflags`, `dir`, `env`: how and where each worker is started.
            - `worker_timeout`: seconds a worker may take to start and join (default
              `$DIST_WORKER_TIMEOUT`, else 60), as Julia's `worker_timeout()`.
            - `heartbeat_timeout`: take a worker for dead when process 1 hears nothing from it
              for this many seconds (it was stopped, froze, or its host was cut off): it is
              reported, killed if started here, and its calls fail with
              `ProcessExitedException`. Off by default (`nothing`), as in Julia; a busy worker
              still answers. `dist --heartbeat-timeout s` or `$DIST_HEARTBEAT_TIMEOUT` set it
              for every `addprocs` of the session.
            - `tls = true` (the default under `dist --tls`): every connection between processes,
              process 1 to each worker and worker to worker, is encrypted with TLS 1.3. Each
              process makes its own P-256 key and a self-signed certificate when it starts and
              is trusted by the SHA-256 fingerprint of that certificate, which it announces
              where it is launched and process 1 passes on to the others; a peer with another
              certificate is refused. No private key leaves its process; the cookie handshake
              still runs, inside the encrypted connection. All the workers of a cluster share
              the setting. Works with the built-in managers (local, ssh, Slurm).

            # Examples
            ```julia
            dist> addprocs(2)
            2-element Array{Int64,1}:
             2
             3

            dist> addprocs([("node1", 2), "user@node2"])

            dist> addprocs(2; tls = true)
            ```
            """#,
        "rmprocs": #"""
                rmprocs(pids...; waitfor=typemax(Int))

            Remove the given workers: they are asked to exit, and later calls to them fail with
            `ProcessExitedException`. Process 1 cannot be removed. Returns a `Task` that is done
            when the workers have gone.

            # Keywords
            - `waitfor`: seconds to wait for the workers to exit.

            # Examples
            ```julia
            dist> rmprocs(2, 3)
            Task (done) @0x...

            dist> workers()
            1-element Array{Int64,1}:
             1
            ```
            """#,
        "workers": #"""
                workers() -> Vector{Int}

            The ids of the worker processes, sorted; `[1]` when process 1 has no workers (then it
            is its own worker, as in Julia).

            # Examples
            ```jldoctest
            dist> workers()
            2-element Array{Int64,1}:
             2
             3
            ```
            """#,
        "nworkers": #"""
                nworkers() -> Int

            The number of workers; 1 when process 1 is alone (`nprocs() - 1` otherwise).

            # Examples
            ```jldoctest
            dist> nworkers()
            2
            ```
            """#,
        "nprocs": #"""
                nprocs() -> Int

            The number of processes in the cluster, process 1 included.

            # Examples
            ```jldoctest
            dist> nprocs()
            3
            ```
            """#,
        "procs": #"""
                procs() -> Vector{Int}
                procs(pid::Integer) -> Vector{Int}
                procs(S::SharedArray) -> Vector{Int}

            The ids of all processes, 1 included. `procs(pid)` lists the processes on the same
            host as `pid`; `procs(S)` the processes that map the shared array `S`.

            # Examples
            ```jldoctest
            dist> procs()
            3-element Array{Int64,1}:
             1
             2
             3
            ```
            """#,
        "myid": #"""
                myid() -> Int

            The id of the current process: 1 for the REPL's process, 2 and up for workers.

            # Examples
            ```jldoctest
            dist> myid()
            1

            dist> remotecall_fetch(myid, 2)
            2
            ```
            """#,
        "nextproc": #"""
                nextproc() -> Int

            The next worker in round-robin order: the process `@spawnat :any` and `@spawn` run on.

            # Examples
            ```julia
            dist> nextproc()
            2
            ```
            """#,
        "remotecall": #"""
                remotecall(f, id::Integer, args...; kwargs...) -> Future
                remotecall(f, pool::AbstractWorkerPool, args...; kwargs...) -> Future

            Call `f(args...; kwargs...)` on process `id` without waiting, and return a `Future`
            for the result; `fetch` it to get the value (or the error, as a `RemoteException`).
            With a worker pool, the call runs on a free worker of the pool.

            `f` travels as a closure: the globals of process 1 it uses are sent with it. A named
            function must exist on the worker (define it with `@everywhere`).

            # Examples
            ```jldoctest
            dist> r = remotecall(+, 2, 1, 2);

            dist> fetch(r)
            3

            dist> fetch(remotecall(x -> 2x, 3, 21))
            42
            ```
            """#,
        "remotecall_fetch": #"""
                remotecall_fetch(f, id::Integer, args...; kwargs...)
                remotecall_fetch(f, pool::AbstractWorkerPool, args...; kwargs...)

            Call `f(args...; kwargs...)` on process `id` and wait for its value: the same as
            `fetch(remotecall(...))` with one round trip. An error on the worker is thrown here
            as a `RemoteException`.

            # Examples
            ```jldoctest
            dist> remotecall_fetch(myid, 2)
            2

            dist> remotecall_fetch(sqrt, 3, 16)
            4.0

            dist> remotecall_fetch(() -> error("boom"), 2)
            ERROR: On worker 2:
            boom
            ```
            """#,
        "remotecall_wait": #"""
                remotecall_wait(f, id::Integer, args...; kwargs...) -> Future

            Call `f(args...)` on process `id`, wait until it is done, and return its `Future`
            (the value stays on the worker until fetched).

            # Examples
            ```jldoctest
            dist> f = remotecall_wait(x -> x + 1, 2, 1);

            dist> isready(f)
            true

            dist> fetch(f)
            2
            ```
            """#,
        "remote_do": #"""
                remote_do(f, id::Integer, args...; kwargs...) -> nothing

            Run `f(args...)` on process `id` and do not wait: nothing comes back, not even an
            error, which the worker prints. Calls from one process to another run in the order
            they were made.

            # Examples
            ```julia
            dist> remote_do(println, 2, "hello")

                  From worker 2:	hello
            ```
            """#,
        "remote": #"""
                remote(f)
                remote(pool::AbstractWorkerPool, f)

            An anonymous function that calls `f` on a worker (the next one, or a free one of the
            pool) with `remotecall_fetch`.

            # Examples
            ```jldoctest
            dist> g = remote(x -> 10x);

            dist> g(4)
            40
            ```
            """#,
        "fetch": #"""
                fetch(x)

            Wait for and get a value: the value of a `Future` (cached after the first fetch, and
            released on its owner), the result of a `Task`, or the next value of a `Channel` or
            `RemoteChannel` without taking it. An error computed on a worker is thrown as a
            `RemoteException`; a task's error as a `TaskFailedException`.

            # Examples
            ```jldoctest
            dist> fetch(@spawnat 2 myid())
            2

            dist> c = Channel{Int}(1); put!(c, 7);

            dist> fetch(c), fetch(c)
            (7, 7)
            ```
            """#,
        "Future": #"""
                Future(pid::Integer=myid())

            A remote reference to a single value, computed on process `pid` (its owner): what
            `remotecall` and `@spawnat` return. `fetch` waits for the value and caches it;
            `put!` sets it once; `isready` says whether it is there. The owner keeps the value
            until every process holding the Future has fetched it or let it go (distributed
            garbage collection, see `stored_values`).

            # Examples
            ```jldoctest
            dist> f = Future();

            dist> put!(f, 42);

            dist> fetch(f)
            42
            ```
            """#,
        "RemoteChannel": #"""
                RemoteChannel(pid::Integer=myid())
                RemoteChannel(f::Function, pid::Integer=myid())

            A reference to a channel stored on process `pid`, which any process can `put!` to
            and `take!` from. `f()` makes the channel on `pid` (a `Channel{T}(n)`, so it can hold
            `n` values of type `T`); without it the channel holds one value of any type.

            # Examples
            ```jldoctest
            dist> jobs = RemoteChannel(() -> Channel{Int}(4), 2);

            dist> put!(jobs, 1); put!(jobs, 2);

            dist> remotecall_fetch(c -> take!(c) + take!(c), 3, jobs)
            3

            dist> isready(jobs)
            false
            ```
            """#,
        "AbstractRemoteRef": #"""
                AbstractRemoteRef

            The supertype of `Future` and `RemoteChannel`: references to values or channels held
            by one process (the owner) and usable from every process.

            # Examples
            ```jldoctest
            dist> Future <: AbstractRemoteRef
            true
            ```
            """#,
        "RemoteException": #"""
                RemoteException(pid, captured)

            An error raised on process `pid` while running a remote call, thrown where the result
            is fetched. It prints as `On worker pid:` and the original error; `e.pid` is the
            process and `e.captured` a `CapturedException` holding the error.

            # Examples
            ```jldoctest
            dist> try
                      remotecall_fetch(() -> error("boom"), 2)
                  catch e
                      (typeof(e), e.pid)
                  end
            (RemoteException, 2)
            ```
            """#,
        "ProcessExitedException": #"""
                ProcessExitedException(worker_id::Int)

            Thrown by a call to a worker that has exited (or exits while the call waits), and
            kept by every reference that waited on it. The shell goes on without the worker.

            # Examples
            ```jldoctest
            dist> ProcessExitedException(3)
            ProcessExitedException(3)
            ```
            """#,
        "WorkerPool": #"""
                WorkerPool(workers::Vector{Int})

            A pool of workers for `remotecall`, `remotecall_fetch`, `remote` and `pmap`: each
            call takes a free worker from the pool and gives it back when done, so a pool of
            `n` workers runs at most `n` calls at once.

            # Examples
            ```jldoctest
            dist> pool = WorkerPool([2, 3]);

            dist> remotecall_fetch(myid, pool) in [2, 3]
            true

            dist> pmap(x -> x + 1, pool, 1:3)
            3-element Array{Int64,1}:
             2
             3
             4
            ```
            """#,
        "CachingPool": #"""
                CachingPool(workers::Vector{Int})

            A `WorkerPool` that caches the functions sent to its workers: a closure with large
            captured data crosses the network once per worker instead of once per call. Release
            the cached copies with `clear!(pool)`.

            # Examples
            ```jldoctest
            dist> data = collect(1:1000);

            dist> pool = CachingPool(workers());

            dist> pmap(i -> data[i], pool, 1:3)
            3-element Array{Int64,1}:
             1
             2
             3
            ```
            """#,
        "default_worker_pool": #"""
                default_worker_pool() -> WorkerPool

            The pool of all workers, which `remote`, `pmap` and `remotecall(f, pool, ...)` use by
            default. Workers join it when added and leave it when removed.

            # Examples
            ```julia
            dist> default_worker_pool()
            WorkerPool(Channel{Int64}(sz_max:9223372036854775807,sz_curr:2), Set([2, 3]))
            ```
            """#,
        "pmap": #"""
                pmap(f, c...; batch_size=1, on_error=nothing, retry_delays=[], retry_check=nothing) -> collection
                pmap(f, pool::AbstractWorkerPool, c...; ...) -> collection

            Transform collection `c` by applying `f` to each element using the available workers
            and tasks; with several collections, apply `f` elementwise. The result has the
            input's order and shape. Workers take the next element as soon as they are free
            (dynamic scheduling), so `pmap` suits calls that take long and unevenly; for many
            tiny calls use `@distributed` or a `batch_size`.

            `f` must be defined on the workers (an anonymous function travels with the call).

            # Keywords
            - `batch_size`: how many elements each call takes at once.
            - `on_error`: a function that turns an error into a value for that element, instead
              of stopping the whole map with the error.
            - `retry_delays`: the delays (in seconds) between retries of a failed element; its
              length is the number of retries.
            - `retry_check`: `(state, error) -> Bool`, whether to retry after that error.

            # Examples
            ```jldoctest
            dist> pmap(x -> x^2, 1:5)
            5-element Array{Int64,1}:
              1
              4
              9
             16
             25

            dist> pmap(x -> iseven(x) ? error("no") : x, 1:4; on_error = e -> 0)
            4-element Array{Int64,1}:
             1
             0
             3
             0

            dist> pmap(+, [1, 2], [10, 20])
            2-element Array{Int64,1}:
             11
             22
            ```
            """#,
        "clear!": #"""
                clear!(syms, pids=workers(); mod=Main)
                clear!(pool::CachingPool)

            Set the global variables `syms` (a symbol or a vector of them) to `nothing` on the
            given processes, so the values they held can be collected; or drop the functions a
            `CachingPool` cached on its workers.

            # Examples
            ```jldoctest
            dist> @everywhere bigdata = collect(1:10^6);

            dist> @everywhere readbig() = bigdata;

            dist> clear!(:bigdata, workers())

            dist> remotecall_fetch(readbig, 2) === nothing
            true
            ```
            """#,
        "interrupt": #"""
                interrupt(pids::Integer...)
                interrupt(pids::AbstractVector=workers())

            Interrupt what the given workers are running (as Ctrl-C would): the running call
            fails with an `InterruptException`, which the caller gets as a `RemoteException`.

            # Examples
            ```julia
            dist> f = @spawnat 2 (while true; yield(); end);

            dist> interrupt(2)

            dist> fetch(f)
            ERROR: On worker 2:
            InterruptException:
            ```
            """#,
        "cluster_cookie": #"""
                cluster_cookie() -> String
                cluster_cookie(cookie) -> String

            The cookie that workers prove they know (with an HMAC challenge) when they connect;
            a random one per session. Workers read it on their standard input. With an argument,
            set it (before adding workers).

            # Examples
            ```jldoctest
            dist> length(cluster_cookie())
            16
            ```
            """#,
        "stored_values": #"""
                stored_values() -> Int

            How many values this process keeps for remote references: futures not yet fetched
            by every holder, and remote channels. The distributed garbage collector brings it
            back to 0 once every reference has been fetched, finalized or dropped; `GC.gc()`
            sends the pending "reference dropped" messages at once.

            # Examples
            ```julia
            dist> f = @spawnat 1 42;

            dist> stored_values()
            1

            dist> fetch(f); stored_values()
            0
            ```
            """#,
        "splitrange": #"""
                splitrange(first::Integer, last::Integer, n::Integer) -> Vector{UnitRange{Int}}

            Split the range `first:last` into `n` consecutive ranges of nearly equal length
            (the longer ones first): how `@distributed` divides its loop among the workers.

            # Examples
            ```jldoctest
            dist> splitrange(1, 10, 3)
            3-element Array{UnitRange{Int64},1}:
             1:4
             5:7
             8:10
            ```
            """#,
        "gethostname": #"""
                gethostname() -> String

            The name of the host this process runs on.

            # Examples
            ```jldoctest
            dist> gethostname() == remotecall_fetch(gethostname, 2)
            true
            ```
            """#,
        "getipaddr": #"""
                getipaddr() -> String

            An IP address of this host (not a loopback one when the host has another), as a
            string.

            # Examples
            ```julia
            dist> getipaddr()
            "192.0.2.2"
            ```
            """#,
        "getpid": #"""
                getpid() -> Int

            The operating system's id of this process (not its cluster id, see `myid`).

            # Examples
            ```jldoctest
            dist> getpid() != remotecall_fetch(getpid, 2)
            true
            ```
            """#,
        "init_worker": #"""
                init_worker()

            Set up this process as a worker: done by `dist --worker`, which cluster managers
            run; user code does not call it.
            """#,
        "extract_imports": #"""
                Distributed.extract_imports(ex) -> Vector

            The `using` and `import` statements of the expression `ex`, found where `@everywhere`
            looks for them: at its top level, in blocks and in `let` bodies. `@everywhere` runs
            these first on process 1, then everywhere.

            # Examples
            ```jldoctest
            dist> Distributed.extract_imports(quote
                      using Distributed
                      x = 1
                      import Random
                  end)
            2-element Array{Any,1}:
             :(using Distributed)
             :(import Random)
            ```
            """#,
    ]
}
