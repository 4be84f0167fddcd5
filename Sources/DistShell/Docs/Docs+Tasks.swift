/// Tasks and channels: cooperative tasks on one process, and the queues between them.
extension Docs {
    static let tasks: [String: String] = [
        "Task": #"""
                Task(func)

            A task (coroutine) that will run `func()` once scheduled (`schedule`). Tasks of one
            process take turns: a task runs until it blocks (`fetch`, `wait`, `take!`, `sleep`,
            `yield`, a remote call), then another runs. `@async` makes and schedules one.

            # Examples
            ```jldoctest
            dist> t = Task(() -> 6 * 7);

            dist> istaskstarted(t)
            false

            dist> schedule(t); fetch(t)
            42
            ```
            """#,
        "current_task": #"""
                current_task() -> Task

            The task running now.

            # Examples
            ```jldoctest
            dist> current_task() isa Task
            true
            ```
            """#,
        "schedule": #"""
                schedule(t::Task, [val]; error=false) -> Task

            Add task `t` to the queue of tasks to run; it starts at the next blocking point of
            the running task.

            # Examples
            ```jldoctest
            dist> t = Task(() -> "ran");

            dist> fetch(schedule(t))
            "ran"
            ```
            """#,
        "yield": #"""
                yield()

            Let the other tasks that are ready run, then continue.

            # Examples
            ```jldoctest
            dist> @async println("the task"); println("first"); yield(); println("last")
            first
            the task
            last
            ```
            """#,
        "sleep": #"""
                sleep(seconds)

            Block the current task for `seconds` (a real number; 0.001 is the finest); other tasks
            run meanwhile.

            # Examples
            ```jldoctest
            dist> @elapsed(sleep(0.1)) >= 0.1
            true
            ```
            """#,
        "wait": #"""
                wait(x)

            Block the current task until `x` is ready: a `Task` has finished (its error is
            thrown here), a `Future` has a value, a `Channel` or `RemoteChannel` has data, a
            `Condition` is notified.

            # Examples
            ```jldoctest
            dist> t = @async (sleep(0.1); 1);

            dist> wait(t); istaskdone(t)
            true
            ```
            """#,
        "istaskdone": #"""
                istaskdone(t::Task) -> Bool

            Whether task `t` has finished (normally or with an error).

            # Examples
            ```jldoctest
            dist> t = @async 1 + 1;

            dist> wait(t); istaskdone(t)
            true
            ```
            """#,
        "istaskstarted": #"""
                istaskstarted(t::Task) -> Bool

            Whether task `t` has started running.

            # Examples
            ```jldoctest
            dist> istaskstarted(Task(() -> 1))
            false
            ```
            """#,
        "istaskfailed": #"""
                istaskfailed(t::Task) -> Bool

            Whether task `t` finished with an error.

            # Examples
            ```jldoctest
            dist> t = @async error("oops");

            dist> yield(); istaskfailed(t)
            true
            ```
            """#,
        "TaskFailedException": #"""
                TaskFailedException(task::Task)

            The error `fetch` or `wait` throws for a task that failed; `task` holds the task,
            whose own error is shown.
            """#,
        "Channel": #"""
                Channel{T}(sz::Int=0)
                Channel(func::Function; ctype=Any, csize=0)

            A first-in first-out queue of values of type `T` holding up to `sz` of them, shared
            by the tasks of one process: `put!` blocks while it is full, `take!` while it is
            empty. With `sz = 0` each `put!` waits for a `take!`. `Channel(func)` makes a channel,
            runs `func(channel)` in a task bound to it, and closes it when the task is done.
            Iterating a channel takes values until it is closed and empty.

            # Examples
            ```jldoctest
            dist> c = Channel{Int}(3);

            dist> put!(c, 1); put!(c, 2);

            dist> take!(c), take!(c)
            (1, 2)

            dist> collect(Channel(c -> foreach(i -> put!(c, i^2), 1:3)))
            3-element Array{Int64,1}:
             1
             4
             9
            ```
            """#,
        "AbstractChannel": #"""
                AbstractChannel{T}

            The supertype of channels (`Channel`, `RemoteChannel`'s stores): what `put!`, `take!`,
            `fetch`, `isready`, `close` work on.

            # Examples
            ```jldoctest
            dist> Channel{Int}(1) isa AbstractChannel
            true
            ```
            """#,
        "put!": #"""
                put!(c::Channel, v)
                put!(rr::RemoteChannel, v)
                put!(f::Future, v)

            Put `v` into a channel (blocking while it is full; `v` is converted to its element
            type) or set the value of a `Future` (once only). Returns its first argument.

            # Examples
            ```jldoctest
            dist> c = Channel{Float64}(1);

            dist> put!(c, 1); take!(c)
            1.0
            ```
            """#,
        "take!": #"""
                take!(c::Channel)
                take!(rr::RemoteChannel)
                take!(b::IOBuffer)

            Remove and return the first value of a channel, blocking while it is empty; an error
            once it is closed and empty. For an `IOBuffer`, its contents as bytes, emptying it.

            # Examples
            ```jldoctest
            dist> c = Channel(2); put!(c, "a"); put!(c, "b");

            dist> take!(c)
            "a"
            ```
            """#,
        "isready": #"""
                isready(c)

            Whether a `take!` or `fetch` would return at once: a channel (or `RemoteChannel`) holds
            a value, a `Future` has its value.

            # Examples
            ```jldoctest
            dist> c = Channel(1);

            dist> isready(c)
            false

            dist> put!(c, 1); isready(c)
            true
            ```
            """#,
        "isopen": #"""
                isopen(c::Channel) -> Bool

            Whether a channel (or a stream) is still open.

            # Examples
            ```jldoctest
            dist> c = Channel(1); close(c); isopen(c)
            false
            ```
            """#,
        "close": #"""
                close(c::Channel)
                close(io)

            Close a channel: later `put!`s fail with `InvalidStateException`, `take!`s drain what
            is left and then fail. Or close a stream.

            # Examples
            ```jldoctest
            dist> c = Channel(2); put!(c, 1); close(c);

            dist> take!(c)
            1

            dist> put!(c, 2)
            ERROR: InvalidStateException: Channel is closed.
            ```
            """#,
        "bind": #"""
                bind(c::Channel, task::Task)

            Tie the channel's life to a task: when the task finishes the channel is closed, and
            an error of the task is thrown by the channel's later `take!`s and `put!`s.

            # Examples
            ```jldoctest
            dist> c = Channel(10);

            dist> t = @task foreach(i -> put!(c, i), 1:3);

            dist> bind(c, t); schedule(t); collect(c)
            3-element Array{Int64,1}:
             1
             2
             3
            ```
            """#,
        "Condition": #"""
                Condition()

            Something tasks can `wait` on until another task calls `notify`. It keeps no state: a
            `notify` with no task waiting is lost.

            # Examples
            ```jldoctest
            dist> cond = Condition();

            dist> t = @async (wait(cond); println("woken"));

            dist> yield(); notify(cond); yield();
            woken
            ```
            """#,
        "notify": #"""
                notify(cond::Condition, val=nothing; all=true, error=false)

            Wake the tasks waiting on `cond` (all of them, or the first with `all=false`), giving
            them `val` (or throwing it in them with `error=true`).

            # Examples
            ```jldoctest
            dist> c = Condition(); t = @async wait(c);

            dist> yield(); notify(c); yield(); istaskdone(t)
            true
            ```
            """#,
        "asyncmap": #"""
                asyncmap(f, c...; ntasks=0, batch_size=nothing)

            Map `f` over `c` with several tasks on this process at once (good when `f` waits,
            for example on remote calls). The result keeps the order of `c`.

            # Keywords
            - `ntasks`: how many tasks run at once (0: as many as elements, up to 100).

            # Examples
            ```jldoctest
            dist> asyncmap(p -> remotecall_fetch(myid, p), workers())
            2-element Array{Int64,1}:
             2
             3
            ```
            """#,
        "InvalidStateException": #"""
                InvalidStateException(msg, state::Symbol)

            An operation on an object in the wrong state, such as `put!` on a closed channel
            (`state` is `:closed`).

            # Examples
            ```jldoctest
            dist> c = Channel(1); close(c); put!(c, 1)
            ERROR: InvalidStateException: Channel is closed.
            ```
            """#,
        "CompositeException": #"""
                CompositeException

            Several errors at once: what `@sync` throws when more than one of the tasks it waited
            for failed (`e.exceptions` holds them).
            """#,
        "CapturedException": #"""
                CapturedException(ex, backtrace)

            An error captured with its backtrace, to be shown or thrown elsewhere: the `captured`
            field of a `RemoteException` (`e.captured.ex` is the original error).

            # Examples
            ```jldoctest
            dist> try remotecall_fetch(() -> error("far"), 2) catch e; e.captured.ex end
            ErrorException("far")
            ```
            """#,
        "InterruptException": #"""
                InterruptException()

            The error a Ctrl-C raises in the running evaluation, or `interrupt` in a worker's
            running call.

            # Examples
            ```jldoctest
            dist> InterruptException()
            InterruptException()
            ```
            """#,
        "AbstractLock": #"""
                AbstractLock

            The supertype of locks (`ReentrantLock`), which have `lock`, `unlock`, `trylock` and
            `islocked`.

            # Examples
            ```jldoctest
            dist> ReentrantLock() isa AbstractLock
            true
            ```
            """#,
        "ReentrantLock": #"""
                ReentrantLock()

            A lock for tasks: while one task holds it, another that calls `lock` waits until it
            is unlocked. The task that holds it may lock it again (it is reentrant); it is free
            when `unlock` has been called as many times as `lock`. Use `lock(f, l)` to hold it
            while `f` runs.

            # Examples
            ```jldoctest
            dist> l = ReentrantLock(); total = Ref(0);

            dist> @sync for i in 1:10
                      @async lock(l) do
                          t = total[]; yield(); total[] = t + i
                      end
                  end

            dist> total[]
            55
            ```
            """#,
        "lock": #"""
                lock(l)
                lock(f, l)

            Take the lock `l`, waiting while another task holds it. With `f`, call `f()` holding
            it and unlock it afterwards (also when `f` throws), returning what `f` returns.

            # Examples
            ```jldoctest
            dist> l = ReentrantLock(); lock(() -> 42, l), islocked(l)
            (42, false)
            ```
            """#,
        "unlock": #"""
                unlock(l)

            Release the lock `l` (once for each `lock`); unlocking a lock that is not held is an
            error.

            # Examples
            ```jldoctest
            dist> l = ReentrantLock(); lock(l); unlock(l); islocked(l)
            false

            dist> unlock(l)
            ERROR: unlock count must match lock count
            ```
            """#,
        "trylock": #"""
                trylock(l) -> Bool

            Take the lock `l` if it is free (or already held by this task), without waiting;
            `true` if it was taken.

            # Examples
            ```jldoctest
            dist> l = ReentrantLock(); trylock(l), islocked(l)
            (true, true)

            dist> t = @async trylock(l); fetch(t)
            false
            ```
            """#,
        "islocked": #"""
                islocked(l) -> Bool

            Whether some task holds the lock `l`.

            # Examples
            ```jldoctest
            dist> l = ReentrantLock(); islocked(l)
            false

            dist> lock(l); islocked(l)
            true
            ```
            """#,
    ]
}
