/// Printing, showing, and files.
extension Docs {
    static let io: [String: String] = [
        "print": #"""
                print([io,] xs...)

            Write the values to `io` (standard output by default) as text: strings and characters
            as they are, other values as `show` writes them. On a worker, what it prints reaches
            process 1 as `From worker N:` lines.

            # Examples
            ```jldoctest
            dist> print("a", 1, [2, 3]); println()
            a1[2, 3]
            ```
            """#,
        "println": #"""
                println([io,] xs...)

            `print` the values, then a newline.

            # Examples
            ```jldoctest
            dist> println("x = ", 1.5)
            x = 1.5
            ```
            """#,
        "show": #"""
                show([io,] x)
                show(io, MIME("text/plain"), x)

            Write the compact form of `x` (as `repr` gives it); with the MIME type, the REPL's
            multi-line form.

            # Examples
            ```jldoctest
            dist> show("a"); println()
            "a"
            ```
            """#,
        "display": #"""
                display(x)

            Show `x` as the REPL shows a value (the multi-line form, fitted to `displaysize()`).

            # Examples
            ```jldoctest
            dist> display([1, 2])
            2-element Array{Int64,1}:
             1
             2
            ```
            """#,
        "displaysize": #"""
                displaysize([io]) -> (rows, columns)

            The size of the screen values are displayed in: the terminal's (following it when
            the window is resized), else the `LINES` and `COLUMNS` environment variables, else
            24×80. Long arrays and wide matrices are cut to it with `⋮` and `…`.

            # Examples
            ```julia
            dist> displaysize()
            (24, 80)
            ```
            """#,
        "summary": #"""
                summary(x) -> String

            A short description of `x`: its type and, for collections, its size.

            # Examples
            ```jldoctest
            dist> summary([1, 2]), summary(1.0)
            ("2-element Array{Int64,1}", "Float64")
            ```
            """#,
        "sprint": #"""
                sprint(f, args...)

            Call `f(io, args...)` with an `IOBuffer` and return what it wrote, as a string.

            # Examples
            ```jldoctest
            dist> sprint(show, [1, 2])
            "[1, 2]"
            ```
            """#,
        "stdout": #"""
                stdout

            The standard output stream (what `print` writes to by default).

            # Examples
            ```jldoctest
            dist> println(stdout, "to stdout")
            to stdout
            ```
            """#,
        "stderr": #"""
                stderr

            The standard error stream: warnings and errors go there.

            # Examples
            ```julia
            dist> println(stderr, "to stderr")
            to stderr
            ```
            """#,
        "write": #"""
                write(io, x) -> Int
                write(filename::String, content) -> Int

            Write `x` to a stream (strings as their bytes), or `content` to a file (replacing
            it); returns the number of bytes written.

            # Examples
            ```jldoctest
            dist> io = IOBuffer(); write(io, "héllo")
            6
            ```
            """#,
        "read": #"""
                read(filename::String, String)
                read(io, String)

            The whole contents of a file (or stream) as a string.

            # Examples
            ```julia
            dist> write("notes.txt", "one\ntwo\n");

            dist> read("notes.txt", String)
            "one\ntwo\n"
            ```
            """#,
        "readlines": #"""
                readlines(filename::String; keep=false)

            The lines of a file, without their newlines (unless `keep`).

            # Examples
            ```julia
            dist> readlines("notes.txt")
            2-element Array{String,1}:
             "one"
             "two"
            ```
            """#,
        "flush": #"""
                flush(io)

            Write out what a stream has buffered (dist writes standard output at once).

            # Examples
            ```jldoctest
            dist> flush(stdout)
            ```
            """#,
        "pwd": #"""
                pwd() -> String

            The current working directory.

            # Examples
            ```julia
            dist> pwd()
            "/home/user"
            ```
            """#,
        "basename": #"""
                basename(path)

            The last part of a path.

            # Examples
            ```jldoctest
            dist> basename("/data/run/out.txt")
            "out.txt"
            ```
            """#,
        "dirname": #"""
                dirname(path)

            The path without its last part.

            # Examples
            ```jldoctest
            dist> dirname("/data/run/out.txt")
            "/data/run"
            ```
            """#,
        "joinpath": #"""
                joinpath(parts...)

            The parts joined into a path with `/`.

            # Examples
            ```jldoctest
            dist> joinpath("data", "run", "out.txt")
            "data/run/out.txt"
            ```
            """#,
        "isfile": #"""
                isfile(path) -> Bool

            Whether `path` is an existing regular file.

            # Examples
            ```jldoctest
            dist> isfile("/no/such/file")
            false
            ```
            """#,
        "isdir": #"""
                isdir(path) -> Bool

            Whether `path` is an existing directory.

            # Examples
            ```jldoctest
            dist> isdir("/")
            true
            ```
            """#,
    ]
}
