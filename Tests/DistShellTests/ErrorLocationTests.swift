import Foundation
import Testing

/// Errors that say where, as Julia 1.10 prints them: the real `dist` on scripts, `include`d
/// files, `-e` and piped input.
@Suite(.timeLimit(.minutes(2)))
struct ErrorLocationTests {
    @Test func scriptRuntimeErrorHasStacktraceAndExpression() throws {
        let dir = try Scratch()
        defer { dir.cleanup() }
        let script = try dir.write("s.jl", """
            x = 1
            function f(x)
                y = x + 1
                error("boom $y")
            end
            g(x; scale = 2) = f(x) * scale
            for i in 1:2
                g(i)
            end
            """)
        let r = try runDist([script])
        #expect(r.status == 1)
        #expect(r.stderr == """
            ERROR: LoadError: boom 2
            Stacktrace:
             [1] f(x::Int64)
               @ Main \(script):4
             [2] g(x::Int64; scale::Int64)
               @ Main \(script):6
             [3] top-level scope
               @ \(script):8
            in expression starting at \(script):7

            """, "\(r.stderr)")
    }

    @Test func syntaxErrorInScriptNamesFileLineAndColumn() throws {
        let dir = try Scratch()
        defer { dir.cleanup() }
        let script = try dir.write("bad.jl", """
            println("runs")
            y = 1 +* 2
            """)
        let r = try runDist([script])
        #expect(r.status == 1)
        #expect(r.stdout == "runs\n", "the statements before the error run, as in Julia")
        #expect(r.stderr == """
            ERROR: LoadError: ParseError:
            # Error @ \(script):2:8
            println("runs")
            y = 1 +* 2
            #      ╙ ── "*" is not a unary operator
            in expression starting at \(script):2

            """, "\(r.stderr)")
    }

    @Test func includedFilesNestLoadErrors() throws {
        let dir = try Scratch()
        defer { dir.cleanup() }
        let inner = try dir.write("inner.jl", """
            h(x) = sqrt(x)

            h(-1.0)
            """)
        let outer = try dir.write("outer.jl", """
            include("inner.jl")
            """)
        let r = try runDist([outer])
        let lines = r.stderr.components(separatedBy: "\n")
        #expect(lines.first == "ERROR: LoadError: LoadError: DomainError with -1.0:", "\(r.stderr)")
        #expect(r.stderr.contains("""
            Stacktrace:
             [1] h(x::Float64)
               @ Main \(inner):1
             [2] top-level scope
               @ \(inner):3
             [3] top-level scope
               @ \(outer):1
            in expression starting at \(inner):3
            in expression starting at \(outer):1
            """), "\(r.stderr)")

        let bad = try dir.write("bad.jl", "a = 1\nb = (2,\n")
        let e = try runDist(["-e", "include(\"\(bad)\")"])
        // the input ends inside the tuple: the error is where the file ends
        #expect(e.stderr == """
            ERROR: LoadError: ParseError:
            # Error @ \(bad):3:1
            b = (2,

            └ ── incomplete: premature end of input
            Stacktrace:
             [1] top-level scope
               @ none:1
            in expression starting at \(bad):3

            """, "\(e.stderr)")
    }

    @Test func evalOptionIsNone() throws {
        let r = try runDist(["-e", "f(v) = v[5]\nf([1, 2])"])
        #expect(r.stderr == """
            ERROR: BoundsError: attempt to access 2-element Array{Int64,1} at index [5]
            Stacktrace:
             [1] f(v::Array{Int64,1})
               @ Main none:1
             [2] top-level scope
               @ none:2

            """, "\(r.stderr)")
        let s = try runDist(["-e", "1 +* 2"])
        #expect(s.stderr.hasPrefix("ERROR: ParseError:\n# Error @ none:1:4\n1 +* 2\n#  ╙ ── "), "\(s.stderr)")
    }

    @Test func pipedInputCountsLinesFromTheStart() throws {
        let r = try runDist([], input: """
            a = 1

            function k(n)
                n > 0 || error("negative")
                n
            end
            k(-1)
            b = (1 +
              * 2)
            a
            """)
        #expect(r.stdout == """
            1
            k (generic function with 1 method)
            ERROR: negative
            Stacktrace:
             [1] k(n::Int64)
               @ Main stdin:4
             [2] top-level scope
               @ stdin:7
            in expression starting at stdin:7
            ERROR: ParseError:
            # Error @ stdin:9:3
            b = (1 +
              * 2)
            # ╙ ── "*" is not a unary operator
            1

            """, "\(r.stdout)")
    }

    @Test func remoteErrorsShowEachHop() throws {
        let r = try runDist(["-p", "2"], input: """
            @everywhere function w(x)
                x > 1 || error("small $x")
                x
            end
            remotecall_fetch(w, 2, 0)
            @everywhere nest(x) = remotecall_fetch(w, 3, x)
            remotecall_fetch(nest, 2, 0)
            try; w(0); catch; st = stacktrace(catch_backtrace()); (length(st), st[1].func, st[1].file, st[1].line); end
            """, timeout: 60)
        #expect(r.stdout == """
            ERROR: On worker 2:
            small 0
            Stacktrace:
             [1] w
               @ stdin:2
            Stacktrace:
             [1] top-level scope
               @ stdin:5
            in expression starting at stdin:5
            ERROR: On worker 2:
            On worker 3:
            small 0
            Stacktrace:
             [1] w
               @ stdin:2
            Stacktrace:
             [1] nest
               @ stdin:6
            Stacktrace:
             [1] top-level scope
               @ stdin:7
            in expression starting at stdin:7
            (1, :w, :stdin, 2)

            """, "\(r.stdout)")
    }

    @Test func timeCountsAllocations() throws {
        let r = try runDist([], input: """
            @time zeros(100);
            @allocated zeros(100)
            @allocated 1 + 1
            v, t, bytes = @timed [i for i in 1:10]; bytes > 0
            """)
        let lines = r.lines
        #expect(lines.count == 4, "\(r.all)")
        #expect(lines.first?.range(of: #"^ +\d+\.\d{6} seconds \(1 allocation: 848 bytes\)$"#, options: .regularExpression) != nil, "\(r.all)")
        #expect(Array(lines.dropFirst()) == ["848", "0", "true"], "\(r.all)")
    }

    @Test func recursionIsOneFrameThatRepeats() throws {
        let r = try runDist([], input: """
            k(n) = n == 0 ? error("bottom") : k(n - 1)
            k(3)
            r(n) = r(n + 1) + 1
            r(1)
            """)
        let lines = r.lines
        #expect(Array(lines.prefix(7)) == [
            "k (generic function with 1 method)", "ERROR: bottom", "Stacktrace:",
            " [1] k(n::Int64) (repeats 4 times)", "   @ Main stdin:1", " [2] top-level scope", "   @ stdin:2",
        ], "\(r.stdout)")
        #expect(lines.contains { $0.range(of: #"^ \[1\] r\(n::Int64\) \(repeats \d+ times\)$"#, options: .regularExpression) != nil },
                "\(r.stdout)")
    }

    @Test func failedTaskShowsWhereItWasAwaitedThenItsOwnTrace() throws {
        let r = try runDist([], input: """
            h() = fetch(@async [1][2])
            h()
            """)
        #expect(r.stdout == """
            h (generic function with 1 method)
            ERROR: TaskFailedException
            Stacktrace:
             [1] h()
               @ Main stdin:1
             [2] top-level scope
               @ stdin:2

                nested task error: BoundsError: attempt to access 1-element Array{Int64,1} at index [2]
                Stacktrace:
                 [1] (::var"#1")()
                   @ Main stdin:1
            in expression starting at stdin:2

            """, "\(r.stdout)")
    }

    @Test func codeIncludedEverywhereNamesItsFileOnTheWorker() throws {
        let dir = try Scratch()
        defer { dir.cleanup() }
        let defs = try dir.write("defs.jl", """
            function work(x)
                x > 0 || error("bad $x")
                x
            end
            """)
        let r = try runDist(["-p", "1", "-L", defs, "-e", "remotecall_fetch(work, 2, -1)"], timeout: 60)
        #expect(r.stderr == """
            ERROR: On worker 2:
            bad -1
            Stacktrace:
             [1] work
               @ \(defs):2
            Stacktrace:
             [1] top-level scope
               @ none:1

            """, "\(r.stderr)")
    }

    /// At the prompt, inputs are `REPL[n]`, there is no `in expression starting at`, and a
    /// remote error shows the worker's frames, then the local ones.
    @Test func replLocationsAndRemoteStacktraceAtTheTerminal() throws {
        let t = try PseudoTerminal(["-q", "-p", "1", "--history-file=no"], rows: 50, columns: 100)
        t.waitForPrompt()
        t.type("f(x) = x[3]\r")
        t.waitForPrompt()
        t.type("f([1])\r")
        let local = ["ERROR: BoundsError: attempt to access 1-element Array{Int64,1} at index [3]",
                     "Stacktrace:", " [1] f(x::Array{Int64,1})", "   @ Main REPL[1]:1",
                     " [2] top-level scope", "   @ REPL[2]:1", "", "dist>"]
        t.waitForScreen("the local stack trace") { s in Self.contains(s, local) }
        t.type("1 +* 2\r")
        let parse = ["ERROR: ParseError:", "# Error @ REPL[3]:1:4", "1 +* 2", "#  ╙ ── \"*\" is not a unary operator"]
        t.waitForScreen("the parse error") { s in Self.contains(s, parse) }
        t.type("@everywhere g(x) = x > 0 ? x : error(\"neg\")\r")
        t.waitForPrompt()
        t.type("remotecall_fetch(g, 2, -1)\r")
        let remote = ["ERROR: On worker 2:", "neg", "Stacktrace:", " [1] g", "   @ REPL[4]:1",
                      "Stacktrace:", " [1] top-level scope", "   @ REPL[5]:1", "", "dist>"]
        t.waitForScreen("the remote stack trace") { s in Self.contains(s, remote) }
        t.finish()
    }

    /// Whether the screen shows `lines` one after another (trailing spaces ignored).
    static func contains(_ s: TerminalScreen, _ lines: [String]) -> Bool {
        let shown = s.lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }
        guard shown.count >= lines.count else { return false }
        return (0...(shown.count - lines.count)).contains { i in Array(shown[i..<(i + lines.count)]) == lines }
    }
}
