import Foundation
import Testing

/// The message flow made visible: `dist --trace FILE` and `trace_start`/`trace_stop` write a
/// Chrome trace with every process's messages and remote runs; `@trace expr` prints the
/// messages of one expression.
@Suite(.timeLimit(.minutes(3)))
struct TracingTests {
    /// The trace file's events, parsed as any trace viewer parses them.
    static func events(_ path: String) throws -> [[String: Any]] {
        let data = try #require(FileManager.default.contents(atPath: path), "no trace written at \(path)")
        let top = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "the trace is no JSON object")
        return try #require(top["traceEvents"] as? [[String: Any]], "the trace has no traceEvents")
    }

    @Test func traceOptionWritesEveryProcessesMessagesAndRuns() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        let file = scratch.path + "/run.json"
        let r = try runDist(["-p", "2", "--trace", file, "-e", "pmap(x -> x + 1, 1:6); remotecall_fetch(myid, 3)"],
                            cwd: scratch.path, timeout: 60)
        #expect(r.status == 0, "\(r.all)")
        let events = try Self.events(file)
        // every process is named and has events of its own
        let named = Set(events.filter { $0["ph"] as? String == "M" }.compactMap { $0["pid"] as? Int })
        #expect(named == [1, 2, 3])
        let slices = events.filter { $0["ph"] as? String == "X" }
        for p in [1, 2, 3] {
            #expect(slices.contains { $0["pid"] as? Int == p }, "no slices from process \(p)")
        }
        for e in slices {
            #expect(e["ts"] is Double && e["dur"] is Double && e["name"] is String, "\(e)")
        }
        // runs of remote calls, named for what they do
        let runs = Set(slices.compactMap { $0["name"] as? String }.filter { !$0.hasPrefix("send ") && !$0.hasPrefix("receive ") })
        #expect(runs.contains("pmap element") && runs.contains("myid"), "\(runs)")
        // each send's flow arrow ends at a receipt with the same id
        let starts = Set(events.filter { $0["ph"] as? String == "s" }.compactMap { $0["id"] as? String })
        let ends = Set(events.filter { $0["ph"] as? String == "f" }.compactMap { $0["id"] as? String })
        #expect(!starts.isEmpty)
        #expect(starts == ends, "unmatched flows: \(starts.symmetricDifference(ends))")
    }

    @Test func traceStartAndStopCoverWorkersAddedBetween() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        let script = """
            trace_start("t.json")
            addprocs(1)
            remotecall_fetch(myid, 2)
            println(trace_stop() > 0)
            trace_start("u.json")
            exit(0)
            """
        let r = try runDist([], input: script, cwd: scratch.path, timeout: 60)
        #expect(r.stdout.contains("true"), "\(r.all)")
        let pids = Set(try Self.events(scratch.path + "/t.json").compactMap { $0["pid"] as? Int })
        #expect(pids == [1, 2], "\(pids)")
        // exit writes a trace under way
        #expect(FileManager.default.fileExists(atPath: scratch.path + "/u.json"))
    }

    @Test func traceMacroPrintsTheMessagesOfOneExpression() throws {
        let r = try runDist(["-p", "2"], input: """
            @trace remotecall_fetch(+, 2, 1, 2)
            @trace remote_do(println, 3, "hi")
            @trace 1 + 1
            """, timeout: 60)
        let lines = r.stdout.components(separatedBy: "\n")
        let call = try #require(lines.firstIndex(of: "1 → 2  call    +(1, 2) → reply"), "\(r.all)")
        #expect(lines[call + 1].hasPrefix("2 → 1  result  (1, ") && lines[call + 1].hasSuffix(") = 3"), "\(lines[call + 1])")
        #expect(lines[call + 2] == "3")
        #expect(lines.contains("1 → 3  call    println(\"hi\") (no reply)"), "\(r.all)")
        #expect(lines.contains("(no messages)"), "\(r.all)")
    }

    @Test func traceAtThePromptOfATerminal() throws {
        let t = try PseudoTerminal(["-q", "--history-file=no", "-p", "2"])
        t.waitForPrompt()
        t.type("@trace fetch(@spawnat 2 6 * 7)\r")
        t.waitForScreen("the messages, then the value") { s in
            guard let call = s.lines.firstIndex(where: { $0.hasPrefix("1 → 2  call    anonymous function() → Future(1, ") }) else { return false }
            return s.lines[(call + 1)...].contains { $0.hasPrefix("1 → 2  fetch   Future(1, ") }
                && s.lines[(call + 1)...].contains { $0.hasPrefix("2 → 1  result  (1, ") && $0.hasSuffix(") = 42") }
                && s.lines.contains("42")
        }
        t.waitForPrompt()
        t.finish()
    }
}
