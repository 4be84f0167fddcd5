import Foundation
import Testing

/// `@showprogress` (ProgressMeter.jl's convention): an updating line on a terminal, a single
/// summary line on standard error otherwise, on for loops, comprehensions, map-like calls,
/// pmap and @distributed.
@Suite(.timeLimit(.minutes(3)))
struct ProgressTests {
    /// The summary lines `dist` wrote on standard error.
    static func summaries(_ r: RunResult) -> [String] {
        r.stderr.components(separatedBy: "\n").filter { $0.contains("%|") || $0.contains(" done ") }
    }

    @Test func withoutATerminalEachBarIsOneSummaryLine() throws {
        let r = try runDist(["-p", "2"], input: """
            s = 0
            @showprogress for i in 1:50
                i == 3 && continue
                global s += i
            end
            println("s=", s)
            r = @showprogress "Squares" pmap(x -> x^2, 1:40)
            println("pmap=", sum(r))
            t = @showprogress @distributed (+) for i in 1:1000
                i
            end
            println("distributed=", t)
            println("map=", sum(@showprogress map(x -> 2x, 1:20)))
            println("comprehension=", @showprogress [i^2 for i in 1:5])
            @showprogress desc="Channel" for x in Channel(c -> foreach(i -> put!(c, i), 1:3)) end
            """, timeout: 60)
        #expect(r.status == 0, "\(r.all)")
        for line in ["s=1272", "pmap=22140", "distributed=500500", "map=420", "comprehension=[1, 4, 9, 16, 25]"] {
            #expect(r.lines.contains(line), "\(line) in \(r.stdout)")
        }
        let lines = Self.summaries(r)
        #expect(lines.count == 6, "\(lines)")
        guard lines.count == 6 else { return }
        // a continue still counts its iteration
        #expect(lines[0].hasPrefix("Progress: 100%|") && lines[0].contains("| Time: 0:00:") && lines[0].contains("(50/50, "), "\(lines[0])")
        // pmap and @distributed name the workers that did the elements
        #expect(lines[1].hasPrefix("Squares 100%|") && lines[1].contains("(40/40, "), "\(lines[1])")
        // "…; 2: 22, 3: 18)": every element counted, each by the worker that ran it
        let perWorker = String((lines[1].components(separatedBy: "; ").last ?? "").dropLast()).components(separatedBy: ", ")
        let counts = perWorker.map { Int($0.components(separatedBy: ": ").last ?? "") ?? 0 }
        #expect(perWorker.map { String($0.prefix(3)) } == ["2: ", "3: "] && counts.reduce(0, +) == 40, "\(lines[1])")
        #expect(lines[2].contains("(1000/1000, ") && lines[2].hasSuffix("; 2: 500, 3: 500)"), "\(lines[2])")
        #expect(lines[3].contains("(20/20, "), "\(lines[3])")
        #expect(lines[4].contains("(5/5, "), "\(lines[4])")
        // an iterable without a length gets a count
        #expect(lines[5].hasPrefix("Channel 3 done  Time: "), "\(lines[5])")
        for l in lines { #expect(l.count <= 79, "wider than the terminal: \(l)") }
    }

    @Test func anErrorLeavesThePartialLineAndIsThrown() throws {
        let r = try runDist([], input: """
            try
                @showprogress for i in 1:10
                    i == 5 && error("boom")
                end
            catch e
                println("caught ", e)
            end
            """, timeout: 30)
        #expect(r.lines.contains("caught ErrorException(\"boom\")"), "\(r.all)")
        let lines = Self.summaries(r)
        #expect(lines.count == 1 && lines[0].hasPrefix("Progress:  40%|") && lines[0].contains("(4/10, "), "\(lines)")
    }

    @Test func optionsAreProgressMetersOrAnError() throws {
        let r = try runDist([], input: """
            @showprogress enabled=false for i in 1:3 end
            @showprogress 0.5 "Named" for i in 1:3 end
            @showprogress nonsense=1 for i in 1:3 end
            @showprogress sort([3, 1])
            """, timeout: 30)
        let lines = Self.summaries(r)
        #expect(lines.count == 1 && lines[0].hasPrefix("Named 100%|"), "\(lines)")
        #expect(r.all.contains("@showprogress: unknown option nonsense = 1"), "\(r.all)")
        #expect(r.all.contains("@showprogress does not know how to count sort(…)"), "\(r.all)")
    }

    @Test func onATerminalTheLineUpdatesInPlaceBelowTheOutput() throws {
        let t = try PseudoTerminal(["-q", "--history-file=no", "-p", "2"], rows: 24, columns: 90)
        t.waitForPrompt()
        t.type("@showprogress pmap(x -> (sleep(0.1); x == 20 && println(\"twenty\"); x), 1:40);\r")
        // part-way: one bar line, with the time left and what each worker did
        t.waitForScreen("the bar part-way") { s in
            s.lines.contains { $0.hasPrefix("Progress: ") && $0.contains("ETA: ") && $0.contains("; 2: ") && !$0.contains("100%") }
        }
        t.waitForPrompt()
        let s = t.screen
        let bars = s.lines.filter { $0.hasPrefix("Progress:") }
        #expect(bars.count == 1, "the bar is redrawn in place, not repeated: \(s.lines)")
        #expect(bars.first?.hasPrefix("Progress: 100%|") == true && bars.first?.contains("Time: ") == true, "\(bars)")
        #expect(bars.first.map { $0.count <= 89 } == true)
        // worker output went above the bar, on a line of its own
        let twenty = s.lines.firstIndex { $0.hasSuffix("twenty") }
        let bar = s.lines.firstIndex { $0.hasPrefix("Progress:") }
        #expect(twenty != nil && bar != nil && twenty! < bar!, "\(s.lines)")
        #expect(s.lines.contains { $0 == "      From worker 2:\ttwenty" || $0 == "      From worker 3:\ttwenty" || $0.hasPrefix("      From worker") && $0.hasSuffix("twenty") })
        t.finish()
    }
}
