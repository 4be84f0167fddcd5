import Foundation
import Testing

/// The command line and the three non-interactive modes, run as a user runs them.
@Suite(.timeLimit(.minutes(2)))
struct CommandLineTests {
    @Test func helpAndVersion() throws {
        let h = try runDist(["--help"])
        #expect(h.status == 0)
        #expect(h.stdout.contains("USAGE"))
        #expect(h.stdout.contains("-p"))
        #expect(h.stdout.contains("--machine-file"))
        #expect(h.stdout.contains("--worker"), "the worker's flags are documented for managers written in the language")
        #expect(h.stdout.contains("--tls") && h.stdout.contains("dist --tls -p 4"), "encrypted transport")
        #expect(!h.stdout.contains("--worker-tls"), "process 1's fingerprint is for workers process 1 starts")
        #expect(h.stdout.contains("EXAMPLES:"))
        let v = try runDist(["--version"])
        #expect(v.status == 0)
        #expect(v.stdout.hasPrefix("dist "))
    }

    @Test func evaluateWithoutAndWithDisplay() throws {
        let e = try runDist(["-e", "x = 1 + 2"])
        #expect(e.status == 0)
        #expect(e.stdout == "")
        let p = try runDist(["-e", "println(6 * 7)"])
        #expect(p.stdout == "42\n")
        let s = try runDist(["-E", "[1, 2] .+ 1"])
        #expect(s.status == 0)
        #expect(s.stdout == "[2, 3]\n", "-E prints repr, as julia -E does")
        let bad = try runDist(["-e", "error(\"nope\")"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("ERROR: nope"))
    }

    @Test func pipedInputIsARepl() throws {
        let r = try runDist([], input: """
            x = 2
            x + 1;
            y = [1 2; 3 4]
            undefined_thing
            function f(a)
                a * 10
            end
            f(x)
            "done"
            """)
        #expect(r.status == 0)
        // errors go where values go, as in Julia's REPL
        #expect(r.stdout.components(separatedBy: "\n") == [
            "2",
            "2×2 Array{Int64,2}:", " 1  2", " 3  4",
            "ERROR: UndefVarError: undefined_thing not defined",
            // the line counts from the start of the input
            "Stacktrace:", " [1] top-level scope", "   @ stdin:4",
            "in expression starting at stdin:4",
            "f (generic function with 1 method)",
            "20",
            "\"done\"",
            "",
        ])
        #expect(!r.stdout.contains("dist>"), "no prompt when input is not a terminal")
    }

    @Test func scriptStopsAtFirstErrorWithStatusOne() throws {
        let dir = try Scratch()
        defer { dir.cleanup() }
        let script = try dir.write("s.dist", """
            println("before")
            1 + 1
            error("stop here")
            println("after")
            """)
        let r = try runDist([script])
        #expect(r.status == 1)
        #expect(r.stdout == "before\n", "a script displays no values")
        // as `julia file.jl`: a LoadError, where it happened and which expression failed
        #expect(r.stderr == """
            ERROR: LoadError: stop here
            Stacktrace:
             [1] top-level scope
               @ \(script):3
            in expression starting at \(script):3

            """, "\(r.stderr)")
        #expect(!r.all.contains("after"))
    }

    @Test func scriptArgumentsAndExitCode() throws {
        let dir = try Scratch()
        defer { dir.cleanup() }
        let script = try dir.write("args.dist", """
            println(ARGS)
            exit(length(ARGS))
            """)
        let r = try runDist([script, "a", "b c", "-p"])
        #expect(r.stdout == "[\"a\", \"b c\", \"-p\"]\n")
        #expect(r.status == 3)
    }

    @Test func missingScript() throws {
        let r = try runDist(["/nonexistent/x.dist"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("ERROR"))
    }

    @Test func includeIsRelativeToTheScript() throws {
        let dir = try Scratch()
        defer { dir.cleanup() }
        _ = try dir.write("lib.dist", "libvalue() = 41\n")
        let main = try dir.write("main.dist", "include(\"lib.dist\")\nprintln(libvalue() + 1)\n")
        let r = try runDist([main], cwd: "/")
        #expect(r.stdout == "42\n", "\(r.stderr)")
    }

    @Test func preloadOnEveryProcessThenDriver() throws {
        let dir = try Scratch()
        defer { dir.cleanup() }
        let defs = try dir.write("defs.dist", "double(x) = 2x\nloaded_on = myid()\n")
        let driver = try dir.write("driver.dist", """
            println(nworkers())
            println(remotecall_fetch(double, 2, 21))
            println(sort([remotecall_fetch(() -> Main.loaded_on, p) for p in workers()]))
            # a closure using process 1's global defines it on the worker, as in Julia
            println(remotecall_fetch(() -> loaded_on, 3))
            println(remotecall_fetch(() -> Main.loaded_on, 3))
            """)
        let r = try runDist(["-p", "2", "-L", defs, driver], timeout: 30)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "2\n42\n[2, 3]\n1\n1\n")
    }

    @Test func badOption() throws {
        let r = try runDist(["--no-such-option"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("no-such-option"))
    }
}
