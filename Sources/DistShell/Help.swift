import DistLang

/// `?name` at the prompt: a short description of a built-in, or what a name is.
enum Help {
    static let docs: [String: String] = [
        "addprocs": "addprocs(n) -> Vector{Int}\n\n  Start n local worker processes and return their ids. addprocs([\"host\", ...]) starts workers on other hosts over ssh.",
        "rmprocs": "rmprocs(pids...)\n\n  Remove the given workers.",
        "workers": "workers()\n\n  The ids of the worker processes ([1] when there are none).",
        "nworkers": "nworkers()\n\n  The number of workers (1 when process 1 is alone).",
        "nprocs": "nprocs()\n\n  The number of processes, process 1 included.",
        "procs": "procs()\n\n  The ids of all processes, 1 included. procs(S) lists the processes that map a SharedArray.",
        "myid": "myid()\n\n  The id of the current process (1 for the shell).",
        "remotecall": "remotecall(f, pid, args...; kwargs...) -> Future\n\n  Call f(args...) on process pid without waiting; fetch the Future for the result.",
        "remotecall_fetch": "remotecall_fetch(f, pid, args...; kwargs...)\n\n  Call f(args...) on process pid and wait for its value (one round trip).",
        "remotecall_wait": "remotecall_wait(f, pid, args...)\n\n  Call f on pid, wait for it to finish, and return the Future.",
        "remote_do": "remote_do(f, pid, args...)\n\n  Run f(args...) on pid and do not wait; errors are printed by the worker.",
        "fetch": "fetch(x)\n\n  The value of a Future (cached after the first fetch), a Task, or the next value of a channel without removing it.",
        "wait": "wait(x)\n\n  Wait for a Future, Task or channel to be ready.",
        "isready": "isready(x)\n\n  Whether a Future has a value or a channel has data.",
        "put!": "put!(c, v)\n\n  Put v into a Channel or RemoteChannel (blocks while full), or set a Future.",
        "take!": "take!(c)\n\n  Remove and return the next value of a Channel or RemoteChannel (blocks while empty).",
        "Channel": "Channel{T}(n)\n\n  A local queue of up to n values of type T.",
        "RemoteChannel": "RemoteChannel(() -> Channel{T}(n), pid)\n\n  A channel stored on pid that any process can put! to and take! from.",
        "pmap": "pmap(f, c...; batch_size=1, on_error=nothing, retry_delays=[])\n\n  Apply f to each element on the workers, with dynamic load balancing; results keep the input order.",
        "@distributed": "@distributed [reducer] for x in range ... end\n\n  Split the range over the workers; with a reducer, combine each worker's result on the caller.",
        "@spawnat": "@spawnat pid expr\n\n  Run expr on pid (or :any for the next worker) and return a Future.",
        "@everywhere": "@everywhere [pids] expr\n\n  Evaluate expr on every process (definitions, include, using).",
        "@async": "@async expr\n\n  Run expr as a task on this process.",
        "@sync": "@sync block\n\n  Wait for the tasks and remote calls started inside the block.",
        "@time": "@time expr\n\n  Evaluate expr and print how long it took.",
        "@elapsed": "@elapsed expr\n\n  Evaluate expr and return the seconds it took.",
        "SharedArray": "SharedArray{T,N}(dims; init=f, pids=workers())\n\n  An array in shared memory mapped by every participating process on this host.",
        "println": "println(xs...)\n\n  Print the values and a newline.",
        "print": "print(xs...)\n\n  Print the values (strings without quotes).",
        "map": "map(f, c...)\n\n  Apply f to each element and collect the results.",
        "sum": "sum(itr), sum(f, itr)\n\n  The sum of the elements.",
        "rand": "rand(), rand(dims...), rand(T, dims...), rand(collection)\n\n  Random numbers (uniform in [0, 1) for floats).",
        "zeros": "zeros(T=Float64, dims...)\n\n  An array of zeros.",
        "fill": "fill(x, dims...)\n\n  An array filled with x.",
        "length": "length(x)\n\n  The number of elements.",
        "size": "size(A), size(A, d)\n\n  The dimensions of an array.",
        "push!": "push!(v, xs...)\n\n  Append elements to a vector (or a set or dictionary).",
        "sort": "sort(v; rev=false, by=identity)\n\n  A sorted copy.",
        "cluster_cookie": "cluster_cookie()\n\n  The cookie workers authenticate with.",
        "interrupt": "interrupt(pids=workers())\n\n  Interrupt the running calls on the workers.",
        "clear!": "clear!(syms, pids=workers())\n\n  Set the named globals to nothing on the workers.",
        "stored_values": "stored_values()\n\n  How many values this process keeps for remote references (distributed garbage collection).",
    ]

    static func show(_ name: String, session: Session) {
        if name.isEmpty {
            print("Type ?name for help on a function, a macro or a variable.")
            return
        }
        if let d = docs[name] {
            print("  " + d.replacingOccurrences(of: "\n", with: "\n  ") + "\n")
            return
        }
        let what = (try? session.onLoop { () -> String in
            let rt = session.runtime!
            guard let b = rt.lookupBinding(rt.main, JSym.intern(name)), !b.value.isUndef else { return "" }
            switch b.value {
            case .fn(let f): return "\(f.name) is a function with \(f.methodCount) method\(f.methodCount == 1 ? "" : "s")."
            case .type(let t): return "\(t) is a type."
            default: return "\(name) is a variable of type \(rt.typeOf(b.value))."
            }
        }) ?? ""
        print(what.isEmpty ? "No documentation found for `\(name)`.\n" : "No documentation found.\n\n\(what)\n")
    }
}
