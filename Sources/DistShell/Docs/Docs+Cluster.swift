/// Cluster managers, processes and commands, and Distributed's internals.
extension Docs {
    static let cluster: [String: String] = [
        "AbstractWorkerPool": #"""
                AbstractWorkerPool

            The supertype of worker pools (`WorkerPool`, `CachingPool`): `take!` a free worker,
            `put!` it back, `push!` a new one, `length`, `isready`, `wait`, `workers`.

            # Examples
            ```julia
            dist> WorkerPool([2]) isa AbstractWorkerPool
            true
            ```
            """#,
        "BLAS": #"""
                BLAS

            LinearAlgebra's BLAS: `BLAS.get_num_threads()`, `BLAS.set_num_threads(n)`.

            # Examples
            ```julia
            dist> BLAS.get_num_threads()
            ```
            """#,
        "BatchProcessingError": #"""
                Distributed.BatchProcessingError(data, ex)

            An element of a `pmap` batch that failed: its arguments and the error. `pmap` processes
            such elements again one by one with its error handlers.

            # Examples
            ```julia
            dist> Distributed.BatchProcessingError((1,), ErrorException("x"))
            ```
            """#,
        "ClusterManager": #"""
                abstract type ClusterManager

            The supertype of cluster managers: what `addprocs(manager)` drives. A manager
            implements `launch(manager, params::Dict, launched::Array, c::Condition)`, which starts
            workers and pushes a `WorkerConfig` for each onto `launched` (notifying `c`), and
            `manage(manager, id::Integer, config::WorkerConfig, op::Symbol)`, called with
            `:register`, `:interrupt`, `:deregister` and `:finalize`. `LocalManager`, `SSHManager`
            and `SlurmManager` are built in.

            # Examples
            ```julia
            struct FooManager <: ClusterManager
                np::Int
            end
            function Distributed.launch(m::FooManager, params::Dict, launched::Array, c::Condition)
                for i in 1:m.np
                    io = open(`$(params[:exename]) --worker`, "r+")
                    Distributed.write_cookie(io)
                    config = WorkerConfig()
                    config.io = io.out
                    config.process = io
                    push!(launched, config)
                    notify(c)
                end
            end
            Distributed.manage(::FooManager, ::Integer, ::WorkerConfig, ::Symbol) = nothing
            dist> addprocs(FooManager(2))
            ```
            """#,
        "ClusterSerializer": #"""
                Distributed.ClusterSerializer

            What a connection remembers of what it sent
            (`Distributed.worker_from_id(p).w_serializer`).

            # Examples
            ```julia
            dist> Distributed.worker_from_id(2).w_serializer
            ```
            """#,
        "Cmd": #"""
                Cmd(args::Vector{String}; dir, detach, ignorestatus)
                `prog args...`

            An external command, not yet run: a command literal splits its words as a shell would
            (quotes keep blanks, `$x` interpolates, a collection or `Cmd` standing alone becomes
            several words). Run it with `run`, `read`, `success` or `open`.

            # Examples
            ```julia
            dist> words = ["-n", "1"]; `head $words file.txt`
            `head -n 1 file.txt`
            ```
            """#,
        "IOError": #"""
                IOError(msg, code)

            An input/output operation failed (a program could not be started, a pipe closed).

            # Examples
            ```julia
            dist> run(`no_such_program`)
            ERROR: IOError: could not spawn `no_such_program`: no such file or directory (ENOENT)
            ```
            """#,
        "LPROC": #"""
                Distributed.LPROC

            This process: its `id`, the address and port it listens on (`bind_addr`, `bind_port`)
            and the cluster `cookie`.

            # Examples
            ```julia
            dist> Distributed.LPROC.bind_addr
            ```
            """#,
        "LocalManager": #"""
                LocalManager(np::Integer, restrict::Bool)

            The manager of `addprocs(n)`: `np` workers on this host, listening on 127.0.0.1 when
            `restrict` (the default) or on the host's address otherwise. Workers get
            single-threaded BLAS unless `enable_threaded_blas=true`.

            # Examples
            ```julia
            dist> addprocs(LocalManager(2, true))
            ```
            """#,
        "LocalProcess": #"""
                Distributed.LocalProcess

            This process as `Distributed.LPROC` shows it: `id`, `bind_addr`, `bind_port`, `cookie`.

            # Examples
            ```julia
            dist> Distributed.LPROC.id
            1
            ```
            """#,
        "PGRP": #"""
                Distributed.PGRP

            This process's process group: `PGRP.workers` (a `LocalProcess` for this process and a
            `Worker` for each other one it knows; `r_stream` is defined while a connection is up),
            `PGRP.refs` (the values it stores for remote references, by `RRID`), `PGRP.topology`
            and `PGRP.lazy`. Read live.

            # Examples
            ```julia
            dist> length(Distributed.PGRP.refs)
            0
            ```
            """#,
        "Process": #"""
                Process

            A running or finished program (`run(cmd; wait=false)`, `open(cmd)`): `p.out` its
            output, `p.in` its input, `p.exitcode`; `wait(p)`, `kill(p)`, `success(p)`,
            `getpid(p)`, `process_running(p)`.

            # Examples
            ```julia
            dist> p = open(`cat`, "r+"); write(p, "hi\n"); close(p.in); readline(p)
            "hi"
            ```
            """#,
        "ProcessFailedException": #"""
                ProcessFailedException

            A command run with `run`, `read` or `open`'s do-form failed: `procs` holds the process.

            # Examples
            ```julia
            dist> run(`false`)
            ERROR: failed process: Process(`false`, ProcessExited(1)) [1]
            ```
            """#,
        "ProcessGroup": #"""
                Distributed.ProcessGroup

            The type of `Distributed.PGRP`.

            # Examples
            ```julia
            dist> typeof(Distributed.PGRP)
            ProcessGroup
            ```
            """#,
        "RRID": #"""
                Distributed.RRID(whence, id)

            A remote reference's identity: the pid that made it and a number unique there
            (`remoteref_id(r)`).

            # Examples
            ```julia
            dist> Distributed.RRID(1, 5)
            RRID(1, 5)
            ```
            """#,
        "RemoteValue": #"""
                Distributed.RemoteValue

            What the owner of a remote reference stores: the channel `c` holding the value and the
            `clientset`, the processes that hold the reference (`Distributed.PGRP.refs[rrid]`).

            # Examples
            ```julia
            dist> Distributed.lookup_ref(remoteref_id(f)).clientset
            ```
            """#,
        "SSHManager": #"""
                SSHManager(machines)

            The manager of `addprocs(["host1", ("host2", 4)])`: workers on other hosts over ssh
            (passwordless). One ssh login per host; the first worker there starts the others
            (`count`), at most `max_parallel` logins at once. Keywords: `tunnel`, `multiplex`,
            `ssh`, `sshflags`, `shell` (`:posix`, `:csh`), `dir`, `exename`, `exeflags`, `env`,
            `max_parallel`, `topology`, `lazy`, `enable_threaded_blas`.

            # Examples
            ```julia
            dist> addprocs(["node1", ("node2", :auto)]; sshflags=`-i ~/.ssh/cluster`)
            ```
            """#,
        "SlurmManager": #"""
                SlurmManager()
                SlurmManager(np; partition, time, nodes, ntasks_per_node, cpus_per_task, mem, account, qos, job_name, srunflags)

            Workers through Slurm, as ClusterManagers.jl and SlurmClusterManager.jl: one `srun`
            step with a worker per task. Inside an allocation (`salloc`, `sbatch`),
            `SlurmManager()` starts one worker per task of it; elsewhere `SlurmManager(np; ...)`
            asks Slurm for `np` tasks. The cookie reaches the tasks on their standard input, never
            a command line; `scancel` of the job ends the workers.

            # Examples
            ```julia
            \$ salloc -N2 -n4 dist
            dist> addprocs(SlurmManager())
            ```
            """#,
        "Some": #"""
                Some(x)

            A value that may itself be `nothing` (a `Future`'s cached value `f.v`);
            `something(Some(x))` is `x`.

            # Examples
            ```julia
            dist> something(Some(1))
            1
            ```
            """#,
        "Worker": #"""
                Distributed.Worker

            Another process as this one knows it (an element of `Distributed.PGRP.workers`): `id`,
            `state`, `config` (its `WorkerConfig`), and `r_stream`/`w_stream`, defined while a
            connection to it is up.

            # Examples
            ```julia
            dist> [w.id for w in Distributed.PGRP.workers if w isa Distributed.Worker]
            ```
            """#,
        "WorkerConfig": #"""
                WorkerConfig()

            How one worker is started and reached: a cluster manager's `launch` fills one per
            worker. `io` (the worker's output, where it announces its address) or `host`/`port` say
            where to connect; `process` is its process; `count`, `exename`, `exeflags` ask the
            first worker on a host to start more; `tunnel`, `bind_addr`, `sshflags`,
            `max_parallel`, `connect_at`, `ospid`, `environ`, `ident`, `connect_idents`,
            `enable_threaded_blas`, `userdata` are the other fields, `nothing` until set.

            # Examples
            ```julia
            dist> c = WorkerConfig(); c.host = "10.0.0.2"; c.port = 9000;
            ```
            """#,
        "ClusterManagers": #"""
                ClusterManagers

            The package of cluster managers for schedulers; in dist part of Base, so
            `using ClusterManagers` is accepted and `addprocs_slurm` and `SlurmManager` are there.

            # Examples
            ```julia
            dist> using ClusterManagers

            dist> addprocs_slurm(4)
            ```
            """#,
        "SlurmClusterManager": #"""
                SlurmClusterManager

            The package whose `SlurmManager()` starts one worker per task of the Slurm allocation
            it runs in; in dist part of Base, so `using SlurmClusterManager` is accepted.

            # Examples
            ```julia
            \$ sbatch -n 8 --wrap 'dist -e "using SlurmClusterManager; addprocs(SlurmManager()); …"'
            ```
            """#,
        "trace_start": #"""
                trace_start([file])

            Start recording, on every process (and on workers added later), each message between
            processes and each remote call's run. `trace_stop()` gathers the records; with a
            `file`, it writes them there in the Chrome Trace Event format, which Perfetto
            (ui.perfetto.dev) and chrome://tracing open: a row per process, a slice per message
            sent and received, an arrow from each send to its receipt, a slice per remote call's
            run. `dist --trace FILE` traces a whole session.

            # Examples
            ```jldoctest
            dist> trace_start(); remotecall_fetch(myid, 2); trace_stop() > 0
            true
            ```
            ```julia
            dist> trace_start("run.json")

            dist> pmap(x -> x^2, 1:100);

            dist> trace_stop()
            ```
            """#,
        "trace_stop": #"""
                trace_stop() -> Int

            Stop the recording `trace_start` began, on every process; write the records to the
            file `trace_start` named, if any; return how many events were recorded.

            # Examples
            ```jldoctest
            dist> trace_start(); fetch(@spawnat 2 1 + 1); trace_stop() >= 4
            true
            ```
            """#,
        "@trace": #"""
                @trace expr

            Run `expr` and print, before its value, each message it makes processes send, in the
            order sent: `source → destination  kind  detail`. A way to see what `remotecall`,
            `fetch`, `@spawnat :any` or `pmap` actually send. Kinds: `call` (run a function; `→
            reply` when the caller waits for the value, `→ Future(…)` for the reference that will
            hold it, `(no reply)` for `remote_do`), `fetch` (wait for a reference's value),
            `result`,
            `holders+`/`holders-` (a reference gained or lost a holder), and the cluster's own
            messages (`join`, `identify`, `peers`).

            # Examples
            ```julia
            dist> @trace remotecall_fetch(+, 2, 1, 2)
            1 → 2  call    +(1, 2) → reply
            2 → 1  result  (1, 4) = 3
            3
            ```
            """#,
        "addenv": #"""
                addenv(cmd, env...)

            `cmd` to run with this process's environment plus `env`.

            # Examples
            ```julia
            dist> readchomp(addenv(`sh -c 'echo \$X'`, "X" => "2"))
            "2"
            ```
            """#,
        "addprocs_slurm": #"""
                addprocs_slurm(np::Integer; kwargs...) -> Vector{Int}

            ClusterManagers.jl's spelling of `addprocs(SlurmManager(np); kwargs...)`.

            # Examples
            ```julia
            dist> addprocs_slurm(4; partition="debug", time="00:10:00")
            ```
            """#,
        "default_addprocs_params": #"""
                default_addprocs_params(manager::ClusterManager) -> Dict{Symbol,Any}

            The keywords `addprocs(manager)` starts from: `:topology`, `:dir`, `:exename`,
            `:exeflags`, `:env`, `:enable_threaded_blas`, `:lazy`, and for `SSHManager` `:ssh`,
            `:sshflags`, `:shell`, `:tunnel`, `:multiplex`, `:max_parallel`.

            # Examples
            ```julia
            dist> default_addprocs_params()[:topology]
            :all_to_all
            ```
            """#,
        "default_worker_pool!": #"""
                default_worker_pool!(pool::AbstractWorkerPool)

            Makes `pool` the one `remote`, `pmap` and `remotecall(f, default_worker_pool())` use.

            # Examples
            ```julia
            dist> default_worker_pool!(WorkerPool([2]))
            ```
            """#,
        "detach": #"""
                detach(cmd)

            `cmd` to run in a session of its own, so signals sent to this process's group (a
            Ctrl-C) do not reach it.

            # Examples
            ```julia
            dist> run(detach(`sleep 1`); wait=false);
            ```
            """#,
        "devnull": #"""
                devnull

            Output thrown away, input at its end (`pipeline(cmd, stdout=devnull)`).

            # Examples
            ```julia
            dist> run(pipeline(`echo x`, stdout=devnull));
            ```
            """#,
        "elsize": #"""
                Base.elsize(A or typeof(A)) -> Int

            Bytes per element of an array (type).

            # Examples
            ```julia
            dist> Base.elsize(Vector{Int})
            8
            ```
            """#,
        "eof": #"""
                eof(io) -> Bool

            Whether a process's output or a pipe has ended, waiting until there is data or the end.

            # Examples
            ```julia
            dist> eof(open(`true`))
            true
            ```
            """#,
        "get_num_threads": #"""
                BLAS.get_num_threads() -> Int

            The number of threads BLAS uses. Workers run single-threaded BLAS unless added with
            `enable_threaded_blas=true`.

            # Examples
            ```julia
            dist> remotecall_fetch(BLAS.get_num_threads, 2)
            1
            ```
            """#,
        "head_and_tail": #"""
                Distributed.head_and_tail(c, n) -> (head, tail)

            The first `n` elements of `c` as a vector, and the rest.

            # Examples
            ```julia
            dist> Distributed.head_and_tail(1:5, 2)
            ([1, 2], [3, 4, 5])
            ```
            """#,
        "ignorestatus": #"""
                ignorestatus(cmd)

            `cmd` whose failure is not an error for `run`.

            # Examples
            ```julia
            dist> run(ignorestatus(`false`)).exitcode
            1
            ```
            """#,
        "isconst": #"""
                isconst(m::Module, s::Symbol) -> Bool

            Whether the global `s` of `m` is a constant.

            # Examples
            ```julia
            dist> const c1 = 1;

            dist> isconst(Main, :c1)
            true
            ```
            """#,
        "kill": #"""
                kill(p::Process, signum=SIGTERM)
                kill(manager::ClusterManager, pid::Int, config::WorkerConfig)

            Sends a signal to a process started with `run`/`open`; for a worker of a cluster
            manager, stops it (by default by asking it to exit).

            # Examples
            ```julia
            dist> p = run(`sleep 60`; wait=false);

            dist> kill(p)
            ```
            """#,
        "launch": #"""
                launch(manager::ClusterManager, params::Dict, launched::Array, c::Condition)

            Starts a manager's workers: called by `addprocs(manager)` in a task of its own, it
            pushes a `WorkerConfig` per worker onto `launched` and notifies `c`; its end means
            every worker has been launched. `params` holds `addprocs`' keywords merged into the
            defaults (`default_addprocs_params`).

            # Examples
            ```julia
            function Distributed.launch(m::FooManager, params::Dict, launched::Array, c::Condition)
                # start workers, push! their WorkerConfigs, notify(c)
            end
            ```
            """#,
        "lookup_ref": #"""
                Distributed.lookup_ref(rrid) -> RemoteValue

            The value this process stores for a reference it owns (made empty if it does not exist
            yet).

            # Examples
            ```julia
            dist> Distributed.lookup_ref(remoteref_id(Future())).clientset
            ```
            """#,
        "manage": #"""
                manage(manager::ClusterManager, id::Integer, config::WorkerConfig, op::Symbol)

            Hears about a worker's life: `op` is `:register` once it has joined, `:interrupt` when
            `interrupt` is called, `:deregister` when it leaves, `:finalize` at the end.

            # Examples
            ```julia
            Distributed.manage(::FooManager, id::Integer, ::WorkerConfig, op::Symbol) = println("worker ", id, ": ", op)
            ```
            """#,
        "myrole": #"""
                Distributed.myrole() -> Symbol

            `:master` on process 1, `:worker` elsewhere.

            # Examples
            ```julia
            dist> Distributed.myrole()
            :master
            ```
            """#,
        "open": #"""
                open(filename::String, mode="r") -> IOStream
                open(filename::String; read, write, create, truncate, append) -> IOStream
                open(f, filename::String, mode="r")
                open(cmd, mode="r") -> Process
                open(f, cmd, mode="r")

            Opens a file as a stream. The mode is `"r"` (read), `"w"` (write, creating or
            emptying the file), `"a"` (append, creating it), or `"r+"`, `"w+"`, `"a+"` (also
            read); the keywords say the same one by one. Print, `write` and `@printf` to the
            stream, read it with `readline`, `eachline`, `readlines` or `read`, and `close` it
            (what is still unwritten goes out then, or when dist exits). The form with a
            function — a `do` block — calls `f(io)`, closes the file however `f` ends, and
            returns what `f` returns.

            With a command, starts it with pipes: `"r"` to read its output, `"w"` to write its
            input, `"r+"` both. The do-block form runs `f(p)`, closes the input, and waits for
            the command (its failure is an error).

            # Examples
            ```julia
            dist> open("notes.txt", "w") do io
                       println(io, "one")
                       println(io, "two")
                   end

            dist> io = open("notes.txt"); readline(io)
            "one"

            dist> open(`sort`, "r+") do p
                       write(p, "b\na\n"); close(p.in); read(p, String)
                   end
            "a\nb\n"
            ```
            """#,
        "parent": #"""
                parent(v)

            The array a view (`view`, `S.loc_subarr_1d`) is a part of; an array itself otherwise.

            # Examples
            ```julia
            dist> a = [1, 2, 3]; parent(view(a, 2:3)) === a
            true
            ```
            """#,
        "parentindices": #"""
                parentindices(v) -> Tuple

            The indices of the parent that a view was made with.

            # Examples
            ```julia
            dist> parentindices(view([1, 2, 3], 2:3))
            (2:3,)
            ```
            """#,
        "parse_machine": #"""
                Distributed.parse_machine(s::AbstractString) -> (host, port)

            Splits a machine specification `host`, `host:port`, `[ipv6]` or `[ipv6]:port`; `port`
            is `nothing` when absent. A port outside 1–65535 is an `ArgumentError`.

            # Examples
            ```julia
            dist> Distributed.parse_machine("[2001:db8::1]:443")
            ("2001:db8::1", 443)
            ```
            """#,
        "pgenerate": #"""
                Distributed.pgenerate([pool], f, c...)

            `f` over `c` in parallel on the pool's workers, as `pmap`; the results, in order.

            # Examples
            ```julia
            dist> collect(Distributed.pgenerate(x -> 2x, 1:3))
            3-element Array{Int64,1}:
             2
             4
             6
            ```
            """#,
        "pipeline": #"""
                pipeline(cmd; stdin=nothing, stdout=nothing, stderr=nothing, append=false)

            `cmd` with its standard streams sent to or taken from files (names), or `devnull`.

            # Examples
            ```julia
            dist> run(pipeline(`echo hidden`, stdout=devnull));
            ```
            """#,
        "process_exited": #"""
                process_exited(p::Process) -> Bool

            Whether the process has ended.

            # Examples
            ```julia
            dist> p = run(`true`); process_exited(p)
            true
            ```
            """#,
        "process_running": #"""
                process_running(p::Process) -> Bool

            Whether the process has not ended yet.

            # Examples
            ```julia
            dist> process_running(run(`sleep 1`; wait=false))
            true
            ```
            """#,
        "readavailable": #"""
                readavailable(io) -> Vector{UInt8}

            The bytes a process's output has now, waiting for some.

            # Examples
            ```julia
            dist> String(readavailable(open(`echo hi`)))
            "hi\n"
            ```
            """#,
        "readchomp": #"""
                readchomp(cmd) -> String

            The command's output, without a last newline.

            # Examples
            ```julia
            dist> readchomp(`echo hi`)
            "hi"
            ```
            """#,
        "readline": #"""
                readline(io; keep=false) -> String

            The next line of a process's output or a pipe (waiting for it), without its newline
            unless `keep`; `""` at the end.

            # Examples
            ```julia
            dist> readline(open(`printf 'a\nb'`))
            "a"
            ```
            """#,
        "remoteref_id": #"""
                remoteref_id(r::AbstractRemoteRef) -> RRID

            The identity of a `Future` or `RemoteChannel`.

            # Examples
            ```julia
            dist> remoteref_id(Future())
            ```
            """#,
        "run": #"""
                run(cmd; wait=true) -> Process

            Runs `cmd` with this process's standard streams, waiting for it; a failure is a
            `ProcessFailedException` (unless `ignorestatus(cmd)`). With `wait=false` it returns at
            once.

            # Examples
            ```julia
            dist> run(`echo hello`);
            hello
            ```
            """#,
        "sa_refs": #"""
                SharedArrays.sa_refs

            The ids of the `SharedArray`s this process made and still maps.

            # Examples
            ```julia
            dist> S = SharedArray{Int}(3); haskey(SharedArrays.sa_refs, S.id)
            true
            ```
            """#,
        "set_num_threads": #"""
                BLAS.set_num_threads(n)

            Sets the number of threads BLAS uses.

            # Examples
            ```julia
            dist> BLAS.set_num_threads(1)
            ```
            """#,
        "setenv": #"""
                setenv(cmd, env; dir)

            `cmd` to run with exactly the environment `env` (pairs, a `Dict`, or `"K=V"` strings),
            and in `dir`.

            # Examples
            ```julia
            dist> readchomp(setenv(`sh -c 'echo \$X'`, "X" => "1"))
            "1"
            ```
            """#,
        "shmem_fill": #"""
                SharedArrays.shmem_fill(v, dims; kwargs...)

            A `SharedArray` of `dims` filled with `v`.

            # Examples
            ```julia
            dist> SharedArrays.shmem_fill(1.0, (2, 2))
            ```
            """#,
        "shmem_rand": #"""
                SharedArrays.shmem_rand([T or range,] dims; kwargs...)

            A `SharedArray` of `dims` filled with random numbers of type `T` (`Float64`) or from a
            range.

            # Examples
            ```julia
            dist> SharedArrays.shmem_rand(1:10, 5)
            ```
            """#,
        "shmem_randn": #"""
                SharedArrays.shmem_randn(dims; kwargs...)

            A `SharedArray` of `dims` filled with normally distributed random numbers.

            # Examples
            ```julia
            dist> SharedArrays.shmem_randn(3)
            ```
            """#,
        "showerror": #"""
                showerror(io, e)

            Writes the message of exception `e`, as the REPL shows it after `ERROR: `.

            # Examples
            ```julia
            dist> showerror(stdout, ErrorException("boom"))
            boom
            ```
            """#,
        "start_worker": #"""
                start_worker([cookie]; close_stdin=true, stderr_to_stdout=true)

            Turns this process into a worker: it listens (on its `--bind-to` address), prints its
            `dist_worker:PORT#ADDR` line and waits for process 1. For cluster managers that start a
            program which then joins; `dist --worker` is the usual way.

            # Examples
            ```julia
            \$ dist --bind-to 10.0.0.2 -e 'start_worker("cookie")'
            ```
            """#,
        "success": #"""
                success(cmd or process) -> Bool

            Runs `cmd` (or waits for the process) and tells whether it exited with status 0.

            # Examples
            ```julia
            dist> success(`true`)
            true
            ```
            """#,
        "timedwait": #"""
                timedwait(testcb, timeout::Real; pollint::Real=0.1) -> Symbol

            Calls `testcb()` every `pollint` seconds until it returns `true` (`:ok`) or `timeout`
            seconds have passed (`:timed_out`). Other tasks run meanwhile.

            # Examples
            ```julia
            dist> timedwait(() -> true, 1.0)
            :ok
            ```
            """#,
        "worker_from_id": #"""
                Distributed.worker_from_id(pid) -> Worker

            The `Worker` (or, for this process, the `LocalProcess`) with id `pid`.

            # Examples
            ```julia
            dist> Distributed.worker_from_id(2).config.host
            "127.0.0.1"
            ```
            """#,
        "write_cookie": #"""
                Distributed.write_cookie(io)

            Writes the cluster cookie, and a newline, to `io` — a worker's standard input, which is
            where `dist --worker` reads it. For cluster managers.

            # Examples
            ```julia
            io = open(`dist --worker`, "r+")
            Distributed.write_cookie(io)
            ```
            """#,
    ]
}
