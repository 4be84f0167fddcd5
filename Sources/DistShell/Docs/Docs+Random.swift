/// Random numbers (xoshiro256++, seeded per process).
extension Docs {
    static let random: [String: String] = [
        "rand": #"""
                rand([T=Float64,] [dims...])
                rand(collection, [dims...])

            A random number (uniform in [0, 1) for floats, over all values for integer types), a
            random element of a collection or range, or an array of them. Each process has its
            own generator (see `Random.seed!`).

            # Examples
            ```julia
            dist> rand()
            0.8116121588818848

            dist> rand(1:6, 3)
            3-element Array{Int64,1}:
             4
             1
             6
            ```
            ```jldoctest
            dist> rand(1:6) in 1:6, size(rand(3, 2))
            (true, (3, 2))
            ```
            """#,
        "rand!": #"""
                rand!(A, [collection])

            Fill `A` with random values (of its element type, or from the collection).

            # Examples
            ```jldoctest
            dist> a = zeros(3); rand!(a); all(0 .<= a .< 1)
            true
            ```
            """#,
        "randn": #"""
                randn([dims...])

            Normally distributed random numbers (mean 0, standard deviation 1).

            # Examples
            ```jldoctest
            dist> typeof(randn()), length(randn(4))
            (Float64, 4)
            ```
            """#,
        "randperm": #"""
                randperm(n)

            A random permutation of `1:n`.

            # Examples
            ```jldoctest
            dist> sort(randperm(4)) == 1:4
            true
            ```
            """#,
        "shuffle": #"""
                shuffle(v)

            A copy of `v` in random order.

            # Examples
            ```jldoctest
            dist> sort(shuffle([3, 1, 2]))
            3-element Array{Int64,1}:
             1
             2
             3
            ```
            """#,
        "bitrand": #"""
                bitrand(dims...)

            A `BitArray` of random `Bool`s.

            # Examples
            ```jldoctest
            dist> typeof(bitrand(3))
            BitArray{1}
            ```
            """#,
        "seed!": #"""
                Random.seed!(seed)

            Restart this process's random number generator from `seed`, to repeat a sequence.
            (Each worker has its own generator: seed them with `@everywhere`.)

            # Examples
            ```jldoctest
            dist> Random.seed!(42); a = rand(1:100, 3);

            dist> Random.seed!(42); b = rand(1:100, 3);

            dist> a == b
            true
            ```
            """#,
        "AbstractRNG": #"""
                AbstractRNG

            The supertype of random number generators. A generator given as the first argument
            of `rand`, `randn`, `rand!`, `randn!`, `randstring`, `shuffle`, `randperm` or `bitrand`
            is drawn from instead of the process's own; dist has one kind, `RandomDevice`.

            # Examples
            ```jldoctest
            dist> RandomDevice() isa AbstractRNG
            true
            ```
            """#,
        "RandomDevice": #"""
                RandomDevice()

            A generator from the operating system's entropy: each call drawing from it starts
            from 256 fresh bits of it, so its numbers cannot be repeated by `Random.seed!`, and the
            process's own sequence is neither used nor changed.

            # Examples
            ```julia
            dist> rand(RandomDevice(), 1:100)
            37
            ```
            ```jldoctest
            dist> Random.seed!(1); a = rand(RandomDevice()); Random.seed!(1); a == rand()
            false
            ```
            """#,
        "randn!": #"""
                randn!([rng,] A)

            Fill the array `A` with normally distributed random numbers (mean 0, standard
            deviation 1), and return it.

            # Examples
            ```julia
            dist> randn!(zeros(2))
            2-element Array{Float64,1}:
             -0.3216542017221349
              1.0712393858451117
            ```
            ```jldoctest
            dist> a = zeros(3); randn!(a) === a
            true
            ```
            """#,
        "randstring": #"""
                randstring([rng,] [chars,] [len = 8])

            A random string of `len` characters drawn from `chars` (the ASCII letters and digits
            by default).

            # Examples
            ```julia
            dist> randstring()
            "mYb0Ojq2"

            dist> randstring("ACGT", 10)
            "GTTACGACCA"
            ```
            ```jldoctest
            dist> s = randstring('a':'c', 5); length(s), all(c -> c in "abc", s)
            (5, true)
            ```
            """#,
    ]
}
