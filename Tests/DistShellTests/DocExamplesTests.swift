import DistLang
import DistSyntax
import Foundation
import Testing
@testable import DistShell

/// The examples in the docstrings (```` ```jldoctest ```` blocks) run in the real `dist`, a
/// process per topic (with workers where the topic needs them), and print what they show —
/// as Julia's doctests keep its manual honest.
@Suite(.timeLimit(.minutes(5)))
struct DocExamplesTests {
    struct Example {
        let name: String
        let input: String
        let expected: String
    }

    /// The checked examples of a docstring: each `dist> ` input (with its continuation lines,
    /// indented by six spaces, while the parser says the input is incomplete) and the lines
    /// after it up to the next input.
    static func examples(_ name: String, _ doc: String) -> [Example] {
        var result: [Example] = []
        var inBlock = false
        var input: [String] = []
        var output: [String] = []
        var continuing = false
        func flush() {
            if !input.isEmpty {
                while output.last?.trimmingCharacters(in: .whitespaces) == "" { output.removeLast() }
                result.append(Example(name: name, input: input.joined(separator: "\n"), expected: output.joined(separator: "\n")))
            }
            input = []
            output = []
            continuing = false
        }
        for line in doc.components(separatedBy: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if !inBlock {
                if trimmed == "```jldoctest" { inBlock = true }
                continue
            }
            if trimmed == "```" {
                flush()
                inBlock = false
                continue
            }
            if line.hasPrefix("dist> ") {
                flush()
                input = [String(line.dropFirst(6))]
                continuing = !Parser.isComplete(input[0])
            } else if continuing && line.hasPrefix("      ") {
                input.append(String(line.dropFirst(6)))
                continuing = !Parser.isComplete(input.joined(separator: "\n"))
            } else if !input.isEmpty {
                continuing = false
                output.append(line)
            }
        }
        return result
    }

    static let marker = "#EXAMPLE#"

    @Test(arguments: Docs.topics.map(\.name))
    func examplesPrintWhatTheyShow(_ topicName: String) throws {
        let topic = try #require(Docs.topics.first { $0.name == topicName })
        let all = topic.table.keys.sorted().flatMap { Self.examples($0, topic.table[$0] ?? "") }
        if all.isEmpty { return }
        var script = ""
        for (i, e) in all.enumerated() {
            script += "println(\"\(Self.marker) \(i)\")\n" + e.input + "\n"
        }
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        let args = topic.workers > 0 ? ["-p", String(topic.workers)] : []
        let r = try runDist(args, input: script, cwd: scratch.path, timeout: 120)
        #expect(!r.timedOut, "the examples did not finish: \(r.all.suffix(2000))")
        var outputs: [Int: [String]] = [:]
        var current: Int? = nil
        for line in r.stdout.components(separatedBy: "\n") {
            if line.hasPrefix(Self.marker + " "), let i = Int(line.dropFirst(Self.marker.count + 1)) {
                current = i
                outputs[i] = []
            } else if let c = current {
                outputs[c, default: []].append(line)
            }
        }
        for (i, e) in all.enumerated() {
            var got = outputs[i] ?? []
            // as Documenter's doctests: an error is compared up to its stack trace
            if let e = got.firstIndex(where: { $0.hasPrefix("ERROR: ") }), let s = got[e...].firstIndex(of: "Stacktrace:") {
                got = Array(got[..<s])
            }
            got.removeAll { $0.hasPrefix("in expression starting at ") }
            while got.last?.trimmingCharacters(in: .whitespaces) == "" { got.removeLast() }
            let shown = got.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }.joined(separator: "\n")
            let want = e.expected.components(separatedBy: "\n").map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }.joined(separator: "\n")
            #expect(shown == want, "?\(e.name): dist> \(e.input)\n--- the docstring shows ---\n\(want)\n--- dist printed ---\n\(shown)")
        }
    }

    @Test func examplesAreFoundInDocstrings() {
        let doc = "    f(x)\n\nText.\n\n# Examples\n```jldoctest\ndist> f(1)\n2\n\ndist> function g(x)\n          x\n      end\ng (generic function with 1 method)\n```\n"
        let found = Self.examples("f", doc)
        #expect(found.count == 2)
        #expect(found.first?.expected == "2")
        #expect(found.last?.input == "function g(x)\n    x\nend")
    }
}
