/// SharedArrays: arrays in POSIX shared memory, mapped by every process on the host.
extension Docs {
    static let sharedArrays: [String: String] = [
        "SharedArrays": #"""
                SharedArrays

            Arrays in shared memory that several processes on one host read and write without
            copying: `SharedArray`, `sdata`, `localindices`, `indexpids`. Part of Base in dist;
            `using SharedArrays` is accepted.
            """#,
        "SharedArray": #"""
                SharedArray{T}(dims::NTuple; init=false, pids=Int[])
                SharedArray{T,N}(dims...; init=false, pids=Int[])

            An array of bits type `T` (`Int64`, `Float64`, `Bool`) and size `dims`, in POSIX shared
            memory mapped by the processes `pids` (by default every process on this host). Each
            process reads and writes the same memory; `S[i] = x` on a worker is seen everywhere.

            The array is split among the participating workers by columns (`localindices`), so a
            loop over `localindices(S)` on each worker touches each element once. `init`, a
            function of the array, runs on every participating worker when it is made.

            # Keywords
            - `init`: `S -> ...`, run on each participating worker to fill its part.
            - `pids`: the processes that map the array (all on the same host).

            # Examples
            ```jldoctest
            dist> S = SharedArray{Int,2}((2, 4), init = S -> S[localindices(S)] .= myid())
            2×4 SharedArray{Int64,2}:
             2  2  3  3
             2  2  3  3

            dist> @sync for p in workers()
                      @async remotecall_wait(S -> S[1] = 10 * myid(), p, S)
                  end

            dist> S[1] in (20, 30)
            true
            ```
            """#,
        "SharedVector": #"""
                SharedVector{T}(n; init=false, pids=Int[])

            A one-dimensional `SharedArray{T,1}`.

            # Examples
            ```jldoctest
            dist> SharedVector{Int}(3)
            3-element SharedArray{Int64,1}:
             0
             0
             0
            ```
            """#,
        "SharedMatrix": #"""
                SharedMatrix{T}(m, n; init=false, pids=Int[])

            A two-dimensional `SharedArray{T,2}`.

            # Examples
            ```jldoctest
            dist> SharedMatrix{Float64}(2, 2)
            2×2 SharedArray{Float64,2}:
             0.0  0.0
             0.0  0.0
            ```
            """#,
        "sdata": #"""
                sdata(S::SharedArray) -> Array

            The array backing `S` as a plain `Array` on this process (the same memory, not a copy
            in dist's sense of what is shared: writes through it are seen by the other
            processes). For any other array, the array itself.

            # Examples
            ```jldoctest
            dist> S = SharedArray{Int}(3); S[2] = 5;

            dist> sdata(S)
            3-element Array{Int64,1}:
             0
             5
             0
            ```
            """#,
        "localindices": #"""
                localindices(S::SharedArray) -> UnitRange

            The linear indices of `S` that this process is responsible for: a contiguous slice
            for each participating worker, empty on processes that do not take part (such as
            process 1 when it has workers).

            # Examples
            ```jldoctest
            dist> S = SharedArray{Int}(10);

            dist> remotecall_fetch(localindices, 2, S), remotecall_fetch(localindices, 3, S)
            (1:5, 6:10)

            dist> localindices(S)
            1:0
            ```
            """#,
        "indexpids": #"""
                indexpids(S::SharedArray) -> Int

            This process's position among the processes that map `S` (1 for the first of
            `procs(S)`), or 0 if it does not take part.

            # Examples
            ```jldoctest
            dist> S = SharedArray{Int}(4);

            dist> indexpids(S), remotecall_fetch(indexpids, 3, S)
            (0, 2)
            ```
            """#,
    ]
}
