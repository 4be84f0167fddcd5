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
        "eachline": #"""
                eachline(io::IO=stdin; keep=false)
                eachline(filename::String; keep=false)

            An iterator over the lines of a stream or a file, read one by one as the loop asks
            for them (without their newline unless `keep`). A file named is opened for the
            iteration and closed when it ends.

            # Examples
            ```julia
            dist> for line in eachline("notes.txt")
                       println(length(line))
                   end
            3
            3
            ```
            """#,
        "position": #"""
                position(io) -> Int

            The offset from the start, in bytes, at which a file or buffer is read or written next.

            # Examples
            ```julia
            dist> io = IOBuffer("one\ntwo\n"); readline(io); position(io)
            4
            ```
            """#,
        "seek": #"""
                seek(io, pos)

            Moves a file or buffer to byte offset `pos` from its start; returns the stream.

            # Examples
            ```julia
            dist> io = IOBuffer("one\ntwo\n"); seek(io, 4); readline(io)
            "two"
            ```
            """#,
        "seekstart": #"""
                seekstart(io)

            Moves a file or buffer to its start; returns the stream.

            # Examples
            ```julia
            dist> io = IOBuffer("one\ntwo\n"); readline(io); seekstart(io); readline(io)
            "one"
            ```
            """#,
        "seekend": #"""
                seekend(io)

            Moves a file or buffer to its end (where `"r+"` writes append); returns the stream.

            # Examples
            ```julia
            dist> io = IOBuffer("one\n"); seekend(io); eof(io)
            true
            ```
            """#,
        "skip": #"""
                skip(io, offset)

            Moves a file or buffer `offset` bytes on from where it is (back when negative);
            returns the stream.

            # Examples
            ```julia
            dist> io = IOBuffer("one\ntwo\n"); skip(io, 4); readline(io)
            "two"
            ```
            """#,
        "flush": #"""
                flush(io)

            Write out what a stream has buffered: a file's unwritten bytes (dist writes standard
            output at once).

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
                basename(path) -> String

            The last part of a path: what follows its last `/` (empty when the path ends in
            one, since it then names a folder's contents).

            # Examples
            ```jldoctest
            dist> basename("/data/run/out.txt")
            "out.txt"

            dist> basename("/data/run/")
            ""
            ```
            """#,
        "dirname": #"""
                dirname(path) -> String

            The path without its last part (and the slashes before it).

            # Examples
            ```jldoctest
            dist> dirname("/data/run/out.txt")
            "/data/run"

            dist> dirname("/data/run/")
            "/data/run"
            ```
            """#,
        "splitdir": #"""
                splitdir(path) -> (String, String)

            `(dirname(path), basename(path))`.

            # Examples
            ```jldoctest
            dist> splitdir("/home/myuser")
            ("/home", "myuser")

            dist> splitdir("notes.txt")
            ("", "notes.txt")
            ```
            """#,
        "splitext": #"""
                splitext(path) -> (String, String)

            The path without its extension, and the extension: the last `.` of the last part and
            what follows it. A part that only begins with a `.` has none.

            # Examples
            ```jldoctest
            dist> splitext("/home/myuser/example.jl")
            ("/home/myuser/example", ".jl")

            dist> splitext("data.tar.gz"), splitext(".bashrc")
            (("data.tar", ".gz"), (".bashrc", ""))
            ```
            """#,
        "isabspath": #"""
                isabspath(path) -> Bool

            Whether `path` is absolute (begins at the root, `/`).

            # Examples
            ```jldoctest
            dist> isabspath("/home"), isabspath("home")
            (true, false)
            ```
            """#,
        "isdirpath": #"""
                isdirpath(path) -> Bool

            Whether `path` names a folder by its form: it ends in `/`, or its last part is `.`
            or `..`. The file system is not looked at.

            # Examples
            ```jldoctest
            dist> isdirpath("/home/"), isdirpath("/home"), isdirpath("a/..")
            (true, false, true)
            ```
            """#,
        "normpath": #"""
                normpath(path, paths...) -> String

            The path (the parts joined as `joinpath` joins them) with `.` parts and repeated
            slashes removed and each `..` taken together with the part before it. The file
            system is not looked at.

            # Examples
            ```jldoctest
            dist> normpath("/home/myuser/../example.jl")
            "/home/example.jl"

            dist> normpath("a//b/./c/..")
            "a/b/"

            dist> normpath("Documents/Julia") == joinpath("Documents", "Julia")
            true
            ```
            """#,
        "abspath": #"""
                abspath(path, paths...) -> String

            The absolute path: a relative one taken from the current folder (`pwd()`), then
            `normpath`.

            # Examples
            ```jldoctest
            dist> abspath("/tmp/../etc/hosts")
            "/etc/hosts"

            dist> abspath("x") == joinpath(pwd(), "x")
            true
            ```
            """#,
        "realpath": #"""
                realpath(path) -> String

            The absolute path of an existing file or folder with every symbolic link followed
            and every `.` and `..` resolved. A path that does not exist is an error.

            # Examples
            ```jldoctest
            dist> realpath("/usr/../etc")
            "/etc"
            ```
            """#,
        "homedir": #"""
                homedir() -> String

            The current user's home folder: `HOME` when it is set.

            # Examples
            ```jldoctest
            dist> homedir() == ENV["HOME"]
            true
            ```
            """#,
        "readdir": #"""
                readdir(dir = pwd(); join = false, sort = true) -> Vector{String}

            The names in the folder `dir` (not `.` and `..`), sorted unless `sort = false`; with
            `join = true`, each joined to `dir`.

            # Examples
            ```jldoctest
            dist> d = mktempdir(); touch(joinpath(d, "b.txt")); mkdir(joinpath(d, "a")); readdir(d)
            2-element Array{String,1}:
             "a"
             "b.txt"

            dist> readdir(d; join = true) == [joinpath(d, "a"), joinpath(d, "b.txt")]
            true
            ```
            """#,
        "mtime": #"""
                mtime(path) -> Float64

            When the file's contents last changed, in seconds since 1970 (as `time()` counts);
            0.0 when there is no such file.

            # Examples
            ```jldoctest
            dist> p = tempname(); mtime(p)
            0.0

            dist> touch(p); abs(mtime(p) - time()) < 60
            true
            ```
            """#,
        "islink": #"""
                islink(path) -> Bool

            Whether `path` is a symbolic link.

            # Examples
            ```jldoctest
            dist> islink(tempdir())
            false
            ```
            """#,
        "readlink": #"""
                readlink(path) -> String

            What the symbolic link `path` points to, as written in the link. A path that is not
            a link is an error.

            # Examples
            ```jldoctest
            dist> d = mktempdir(); run(`ln -s target $(joinpath(d, "l"))`); readlink(joinpath(d, "l"))
            "target"
            ```
            """#,
        "touch": #"""
                touch(path)

            Makes an empty file at `path`, or sets the times of the file there to now. Returns
            `path`.

            # Examples
            ```jldoctest
            dist> p = tempname(); touch(p) == p, isfile(p), filesize(p)
            (true, true, 0)
            ```
            """#,
        "cp": #"""
                cp(src, dst; force = false)

            Copies the file or folder (with everything in it) `src` to `dst`, and returns `dst`.
            A `dst` that exists is an error unless `force = true`, which removes it first.

            # Examples
            ```jldoctest
            dist> write("notes.txt", "hi"); cp("notes.txt", "copy.txt"); read("copy.txt", String)
            "hi"

            dist> cp("notes.txt", "copy.txt")
            ERROR: ArgumentError: 'copy.txt' exists. `force=true` is required to remove 'copy.txt' before copying.
            ```
            """#,
        "mv": #"""
                mv(src, dst; force = false)

            Moves (renames) the file or folder `src` to `dst`, and returns `dst`. A `dst` that
            exists is an error unless `force = true`, which removes it first.

            # Examples
            ```jldoctest
            dist> a = tempname(); write(a, "hi"); b = tempname(); mv(a, b); isfile(a), read(b, String)
            (false, "hi")
            ```
            """#,
        "ENV": #"""
                ENV

            The process's environment variables, as a dictionary from names to values (both
            `String`s). Setting an entry sets the variable (the value as `string` makes it), and
            `delete!` unsets it, for this process and the programs it starts from then on. Each
            process of a cluster has its own.

            # Examples
            ```jldoctest
            dist> ENV["GREETING"] = "hello"; ENV["GREETING"]
            "hello"

            dist> ENV["COUNT"] = 3; ENV["COUNT"], haskey(ENV, "NOT_SET"), get(ENV, "NOT_SET", "none")
            ("3", false, "none")

            dist> read(`printenv GREETING`, String)
            "hello\n"

            dist> delete!(ENV, "GREETING"); haskey(ENV, "GREETING")
            false
            ```
            """#,
        "EnvDict": #"""
                Base.EnvDict <: AbstractDict{String,String}

            The type of `ENV`.

            # Examples
            ```jldoctest
            dist> typeof(ENV), ENV isa AbstractDict{String,String}
            (Base.EnvDict, true)
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
        "stdin": #"""
                stdin

            The standard input of this process, for `readline`, `readlines`, `read` and `eof`.
            At the `dist>` prompt it is the terminal; when a script is piped into `dist`, the
            lines after the one being run.

            # Examples
            ```julia
            dist> name = readline(stdin)
            Ada
            "Ada"
            ```
            ```jldoctest
            dist> isreadable(stdin), iswritable(stdin)
            (true, false)
            ```
            """#,
        "redirect_stdout": #"""
                redirect_stdout() -> (rd, wr)
                redirect_stdout(stream)

            Send what this process prints to standard output elsewhere. With a stream (`devnull`,
            the write end of a pipe, or an earlier value of `stdout`), to that stream; with no
            argument, to a new pipe, whose read and write ends come back (close the write end to
            read what was printed to its end). `stdout` names the new target afterwards, so keep
            the old one to restore it.

            # Examples
            ```jldoctest
            dist> old = stdout; redirect_stdout(devnull); println("hidden"); redirect_stdout(old);

            dist> begin
                      old = stdout; rd, wr = redirect_stdout(); println("caught")
                      redirect_stdout(old); close(wr); read(rd, String)
                  end
            "caught\n"
            ```
            """#,
        "redirect_stderr": #"""
                redirect_stderr() -> (rd, wr)
                redirect_stderr(stream)

            As `redirect_stdout`, for standard error (where warnings and errors go); `stderr`
            names the new target afterwards.

            # Examples
            ```jldoctest
            dist> old = stderr; redirect_stderr(stdout); println(stderr, "to stdout"); redirect_stderr(old);
            to stdout
            ```
            """#,
        "SZ_UNBUFFERED_IO": #"""
                SZ_UNBUFFERED_IO

            65536: Julia's size above which a stream writes an array directly rather than through
            its buffer. Programs use it to build messages that are sure to be large (dist's
            streams do not depend on it).

            # Examples
            ```jldoctest
            dist> SZ_UNBUFFERED_IO
            65536
            ```
            """#,
        "read!": #"""
                read!(io_or_file, A)

            Fill the array `A` (of a bits element type, such as `UInt8`, `Int64` or `Float64`)
            with the bytes read from a stream or a file, and return it; an `EOFError` if there
            are fewer bytes than `A` holds.

            # Examples
            ```jldoctest
            dist> v = zeros(UInt8, 3); read!(IOBuffer("abc"), v); String(v)
            "abc"
            ```
            """#,
        "isreadable": #"""
                isreadable(io) -> Bool

            Whether the stream can be read: `stdin`, an `IOBuffer`, an open socket, a pipe's read
            end before its end; not `devnull`.

            # Examples
            ```jldoctest
            dist> isreadable(IOBuffer("x")), isreadable(devnull)
            (true, false)
            ```
            """#,
        "iswritable": #"""
                iswritable(io) -> Bool

            Whether the stream can be written: an `IOBuffer`, `devnull`, an open socket, a
            process's input; not `stdin` nor a pipe's read end.

            # Examples
            ```jldoctest
            dist> iswritable(IOBuffer()), iswritable(stdin)
            (true, false)
            ```
            """#,
        "TCPSocket": #"""
                TCPSocket

            A TCP connection (an `IO`), as `connect` makes it: `write`, `print`, `readline`,
            `read`, `eof` and `close` work on it, waiting without blocking other tasks.

            # Examples
            ```jldoctest
            dist> supertype(TCPSocket)
            IO
            ```
            """#,
        "connect": #"""
                connect([host,] port) -> TCPSocket

            Open a TCP connection to `port` on `host` (a name or an address; `127.0.0.1` by
            default). An `IOError` if nothing listens there; an `ArgumentError` if `port` is not
            in 0:65535.

            # Examples
            ```julia
            dist> s = connect("example.com", 80); print(s, "HEAD / HTTP/1.0\r\n\r\n"); readline(s)
            "HTTP/1.0 200 OK"

            dist> connect(1)
            ERROR: IOError: connect: connection refused (ECONNREFUSED)
            ```
            """#,
        "tempdir": #"""
                tempdir() -> String

            The folder for temporary files: `TMPDIR` if it is set, else `/tmp`, without a trailing
            slash.

            # Examples
            ```julia
            dist> tempdir()
            "/tmp"
            ```
            """#,
        "tempname": #"""
                tempname([parent]) -> String

            A path in `parent` (`tempdir()` by default) that no file has yet; nothing is created.

            # Examples
            ```julia
            dist> tempname()
            "/tmp/jl_Xq2bL0aZc1"
            ```
            ```jldoctest
            dist> p = tempname(); startswith(p, tempdir()), ispath(p)
            (true, false)
            ```
            """#,
        "mktempdir": #"""
                mktempdir([parent]; prefix = "jl_") -> String
                mktempdir(f, [parent]; prefix = "jl_")

            Make a new folder in `parent` (`tempdir()` by default) whose name starts with
            `prefix`, and return its path. With `f`, call `f(path)` and remove the folder and
            what is in it afterwards, whatever `f` did.

            # Keywords
            - `prefix`: the start of the folder's name.

            # Examples
            ```julia
            dist> mktempdir()
            "/tmp/jl_Ymm3tTA7zc"
            ```
            ```jldoctest
            dist> d = mktempdir() do dir
                      write(joinpath(dir, "a.txt"), "hi"); dir
                  end;

            dist> ispath(d)
            false
            ```
            """#,
        "mkdir": #"""
                mkdir(path; mode = 0o777) -> String

            Make the folder `path` and return it; a `SystemError` if it exists or its parent does
            not (see `mkpath`).

            # Keywords
            - `mode`: the permissions (less the process's umask).

            # Examples
            ```jldoctest
            dist> d = mktempdir(); p = mkdir(joinpath(d, "a")); isdir(p)
            true

            dist> rm(d; recursive = true)
            ```
            """#,
        "mkpath": #"""
                mkpath(path) -> String

            Make the folder `path` and the folders above it that are missing, and return it; a
            folder that exists already is no error.

            # Examples
            ```jldoctest
            dist> d = mktempdir(); isdir(mkpath(joinpath(d, "a", "b", "c")))
            true

            dist> rm(d; recursive = true)
            ```
            """#,
        "rm": #"""
                rm(path; force = false, recursive = false)

            Delete a file or an empty folder. A missing path is a `SystemError` unless `force`; a
            folder that has things in it, unless `recursive`.

            # Keywords
            - `force`: a missing path is no error.
            - `recursive`: delete a folder with all it holds.

            # Examples
            ```jldoctest
            dist> d = mktempdir(); write(joinpath(d, "f"), "x"); rm(joinpath(d, "f")); ispath(joinpath(d, "f"))
            false

            dist> rm(joinpath(d, "f"); force = true)

            dist> rm(d; recursive = true); ispath(d)
            false
            ```
            """#,
        "ispath": #"""
                ispath(path) -> Bool

            Whether something (a file, a folder, …) is at `path`.

            # Examples
            ```jldoctest
            dist> ispath(tempdir()), ispath(tempname())
            (true, false)
            ```
            """#,
        "filesize": #"""
                filesize(path) -> Int

            The size of the file at `path` in bytes (0 if there is none).

            # Examples
            ```jldoctest
            dist> p = tempname(); write(p, "hello"); filesize(p)
            5

            dist> rm(p); filesize(p)
            0
            ```
            """#,
        "cd": #"""
                cd([dir])
                cd(f, [dir])

            Change the current working directory (what `pwd()` shows, and where commands run) to
            `dir` (the home folder by default). With `f`, call `f()` there and come back
            afterwards. Unlike Julia, relative paths given to `isfile`, `read`, `mkdir`, … in dist
            are still taken from the folder of the code being loaded (where `dist` started, at the
            prompt), not from the new directory: join them to `pwd()`.

            # Examples
            ```jldoctest
            dist> d = mktempdir(); cd(() -> basename(pwd()), d) == basename(d)
            true
            ```
            """#,
    ]
}
