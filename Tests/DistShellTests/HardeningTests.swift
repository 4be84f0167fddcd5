import Foundation
import Testing

/// Inputs that used to end the whole session (a trap, an abort, a segfault) are Julia errors
/// in the real program: each line below once killed process 1 (issue 13), and the session
/// must answer it and go on.
@Suite(.timeLimit(.minutes(2)))
struct HardeningTests {
    /// Runs the lines in one piped session and checks that each printed its error and that
    /// the session was still there at the end.
    func expectSurvives(_ cases: [(input: String, error: String)], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let input = cases.map(\.input).joined(separator: "\n") + "\nprintln(\"still here\")\n"
        let r = try runDist([], input: input, timeout: 60)
        #expect(!r.timedOut, "the session hung\n\(r.all)", sourceLocation: sourceLocation)
        #expect(r.status == 0, "the session ended with status \(r.status)\n\(r.all)", sourceLocation: sourceLocation)
        #expect(r.stdout.hasSuffix("still here\n"), "\(r.all)", sourceLocation: sourceLocation)
        let errors = r.lines.filter { $0.hasPrefix("ERROR: ") }
        for (i, c) in cases.enumerated() {
            let got = i < errors.count ? errors[i] : "(nothing)"
            #expect(got.hasPrefix("ERROR: " + c.error), "\(c.input): \(got)", sourceLocation: sourceLocation)
        }
    }

    @Test func integerAndSizeEdgesAreErrors() throws {
        try expectSurvives([
            ("1:1e300", "InexactError"),
            ("zeros(10^10, 10^10)", "ArgumentError"),
            ("A = zeros(2, 2); A[] = 1", "BoundsError"),
            ("fld(typemin(Int), -1)", "DivideError"),
            ("cld(typemin(Int), -1)", "DivideError"),
            ("binomial(100, 50)", "OverflowError"),
            ("gcd(typemin(Int), 0)", "OverflowError"),
            ("lcm(typemin(Int), 1)", "OverflowError"),
            ("throw(SystemError(\"x\", 2^40))", "SystemError"),
            ("string(1, base = 100)", "ArgumentError"),
            ("parse(Int, \"1\", base = 1)", "ArgumentError"),
            ("resize!([1], -1)", "ArgumentError"),
            ("splitrange(typemin(Int), typemax(Int), 2)", "OverflowError"),
            ("reshape([1, 2, 3, 4], 2^62, 4)", "DimensionMismatch"),
            ("rand(2^62)", "ArgumentError"),
        ])
    }

    @Test func allocationFailuresAreOutOfMemoryErrors() throws {
        try expectSurvives([
            ("zeros(10^12)", "OutOfMemoryError()"),
            ("rand(10^12)", "OutOfMemoryError()"),
            ("trues(10^12)", "OutOfMemoryError()"),
            ("repeat(\"ab\", 10^18)", "OutOfMemoryError()"),
            ("\"a\"^(10^18)", "OutOfMemoryError()"),
            ("[1, 2, 3][1:10^12]", "BoundsError"),
            ("randperm(10^12)", "OutOfMemoryError()"),
            ("map(x -> x, 1:typemax(Int))", "OutOfMemoryError()"),
            ("Tuple(1:typemax(Int))", "OutOfMemoryError()"),
            ("resize!([1], 2^62)", "OutOfMemoryError()"),
        ])
    }

    @Test func overflowedCountsNeverReachMemory() throws {
        try expectSurvives([
            ("q = zeros(0, 2^62); q[:, 2:end][1]", "BoundsError"),
            ("[x for x in 1:typemax(Int)]", "OutOfMemoryError()"),
            ("ones(3)[4:typemax(Int)]", "BoundsError"),
            ("randperm(typemax(Int))", "ArgumentError"),
        ])
    }

    @Test func unaryOperatorsAndCyclicArraysDoNotRecurseForever() throws {
        try expectSurvives([
            ("-Dict()", "MethodError"),
            ("!Dict()", "MethodError"),
            ("-(1 => 2)", "MethodError"),
            ("-Channel(1)", "MethodError"),
            ("v = Any[1]; v[1] = v; w = Any[1]; w[1] = w; v == w", "StackOverflowError"),
            ("hash(v); d = Dict(v => 1); haskey(d, w); error(\"done\")", "done"),
        ])
    }

    @Test func deeplyNestedInputIsParsedOrRefused() throws {
        let begins = String(repeating: "begin ", count: 740) + "1" + String(repeating: " end", count: 740)
        let ifs = String(repeating: "if true ", count: 700) + "2" + String(repeating: " end", count: 700)
        let functions = String(repeating: "function f()\n", count: 636) + String(repeating: "end\n", count: 636)
        let tooDeep = String(repeating: "begin ", count: 5000) + "1" + String(repeating: " end", count: 5000)
        let strings = "\"" + String(repeating: "$(\"", count: 10245) + "x" + String(repeating: "\")", count: 10245) + "\""
        let r = try runDist([], input: [begins, ifs, functions, tooDeep, strings, "println(\"still here\")"].joined(separator: "\n") + "\n", timeout: 60)
        #expect(r.status == 0, "\(r.all)")
        #expect(r.lines.prefix(3) == ["1", "2", "f (generic function with 1 method)"], "\(r.all)")
        #expect(r.lines.filter { $0.contains("expression too deeply nested") }.count == 2, "\(r.all)")
        #expect(r.stdout.hasSuffix("still here\n"), "\(r.all)")
    }

    @Test func longChainsAreEvaluatedAndFreed() throws {
        let plus = "1" + String(repeating: " + 1", count: 40000)
        let minus = "1" + String(repeating: "-1", count: 40000)
        let list = """
            mutable struct Link; next; end
            function chain(n); l = nothing; for i in 1:n; l = Link(l); end; l; end
            wait(@async begin; l = chain(100000); nothing; end)
            v = Any[]; for i in 1:100000; global v = Any[v]; end; v = nothing
            t = (); for i in 1:100000; global t = (t,); end; t = nothing
            """
        let r = try runDist([], input: [plus, minus, list, "println(\"still here\")"].joined(separator: "\n") + "\n", timeout: 90)
        #expect(r.status == 0, "\(r.all)")
        #expect(r.lines.first == "40001", "\(r.all)")
        #expect(r.stdout.hasSuffix("still here\n"), "\(r.all)")
    }

    @Test func pipedInputIsReadInLinearTime() throws {
        // each line used to re-parse the whole input so far: 2,000 lines took minutes
        var lines = ["function big(x)"]
        for i in 0..<4000 { lines.append("    x = x + \(i)") }
        lines += ["    x", "end", "big(0)"]
        let start = Date()
        let r = try runDist([], input: lines.joined(separator: "\n") + "\n", timeout: 60)
        #expect(r.lines.last == "7998000", "\(r.all)")
        #expect(Date().timeIntervalSince(start) < 30)
    }

    @Test func aSharedArrayBeingMadeWhenProcess1IsKilledLeavesNoSegment() throws {
        let d = try LiveDist(["-p", "1"])
        guard d.workerOSPid(2) != nil else { return }
        // the worker is busy, so process 1 waits for it to map the new segment
        d.send("remote_do(() -> (t = time(); while time() - t < 4; end), 2); S = SharedArray{Float64}(100)")
        let pid = String(d.pid % 1_000_000)
        let prefix = "jl" + String(repeating: "0", count: 6 - pid.count) + pid
        func segments() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: "/dev/shm")) ?? []).filter { $0.hasPrefix(prefix) } }
        var deadline = Date().addingTimeInterval(10)
        while segments().isEmpty && Date() < deadline { usleep(20_000) }
        #expect(!segments().isEmpty, "the segment was never made")
        kill(d.pid, SIGKILL)
        deadline = Date().addingTimeInterval(15)
        while !segments().isEmpty && Date() < deadline { usleep(50_000) }
        #expect(segments().isEmpty, "left in /dev/shm: \(segments())")
        _ = d.finish(within: 5)
    }

    @Test func aLongLineFromAWorkerIsForwardedInLinearTime() throws {
        // each chunk used to rescan the whole unfinished line: 80 MB took minutes
        let start = Date()
        let r = try runDist(["-p", "1"], input: """
            remotecall_fetch(() -> (for i in 1:1600; print(repeat("x", 10000)); end; println(); flush(stdout); 1), 2)
            sleep(0.5); println("done")
            """, timeout: 90)
        #expect(r.stdout.hasSuffix("done\n"), "\(r.stderr)")
        #expect(r.stdout.contains("From worker 2:\t" + String(repeating: "x", count: 100)))
        #expect(Date().timeIntervalSince(start) < 45)
    }
}
