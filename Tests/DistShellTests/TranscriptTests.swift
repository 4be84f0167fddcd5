import Foundation
import Testing

/// REPL sessions written the way the manual shows them (`Transcripts/*.transcript`), fed to
/// the real `dist` on standard input, its output and errors compared with the transcript.
///
/// Format: `# args: -p 2` (command-line arguments) and other `#` lines at the top; then
/// each input line starts with `dist> ` (an input may span several such lines; `dist`
/// itself decides where inputs end), and the lines that follow are its expected output.
/// An output line starting with `~ ` is a regular expression for the whole line. Lines
/// starting with `      From worker` may come in any order relative to each other (workers
/// run in parallel), but every one must appear exactly once.
struct Transcript: CustomTestStringConvertible, Sendable {
    let name: String
    let args: [String]
    let input: String
    let expected: [String]
    var testDescription: String { name }

    static func all() -> [Transcript] {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Transcripts")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return files.filter { $0.hasSuffix(".transcript") }.sorted().compactMap { f in
            guard let text = try? String(contentsOfFile: dir.appendingPathComponent(f).path, encoding: .utf8) else { return nil }
            return parse(name: f, text)
        }
    }

    static func parse(name: String, _ text: String) -> Transcript {
        var args: [String] = []
        var input: [String] = []
        var expected: [String] = []
        var header = true
        for line in text.components(separatedBy: "\n") {
            if header, line.hasPrefix("#") {
                if line.hasPrefix("# args:") {
                    args = line.dropFirst(7).split(separator: " ").map(String.init)
                }
                continue
            }
            header = false
            if line.hasPrefix("dist> ") {
                input.append(String(line.dropFirst(6)))
            } else if line == "dist>" {
                input.append("")
            } else {
                expected.append(line)
            }
        }
        while expected.last == "" { expected.removeLast() }
        return Transcript(name: name, args: args, input: input.joined(separator: "\n"), expected: expected)
    }
}

@Suite(.timeLimit(.minutes(2)))
struct TranscriptTests {
    @Test("transcript", arguments: Transcript.all())
    func transcript(_ t: Transcript) throws {
        let d = try LiveDist(t.args, mergeStderr: true)
        d.send(t.input)
        let r = d.finish(within: 60)
        #expect(!r.timedOut, "\(t.name) timed out")
        var actual = r.stdout.components(separatedBy: "\n")
        while actual.last == "" { actual.removeLast() }
        let isWorker = { (l: String) in l.hasPrefix("      From worker ") }
        let report = "\(t.name)\n--- output ---\n\(r.stdout)"
        // worker lines: the same multiset
        var wantWorker = t.expected.filter(isWorker)
        for l in actual where isWorker(l) {
            if let i = wantWorker.firstIndex(of: l) {
                wantWorker.remove(at: i)
            } else {
                Issue.record("unexpected worker line: \(l)\n\(report)")
                return
            }
        }
        #expect(wantWorker.isEmpty, "missing worker lines: \(wantWorker)\n\(report)")
        // everything else: in order
        let want = t.expected.filter { !isWorker($0) }
        let got = actual.filter { !isWorker($0) }
        for (i, w) in want.enumerated() {
            guard i < got.count else {
                Issue.record("output ends before expected line \(i + 1): \(w)\n\(report)")
                return
            }
            let ok: Bool
            if w.hasPrefix("~ ") {
                ok = got[i].range(of: "^(" + w.dropFirst(2) + ")$", options: .regularExpression) != nil
            } else {
                ok = got[i] == w
            }
            if !ok {
                Issue.record("line \(i + 1): expected \(w.debugDescription), got \(got[i].debugDescription)\n\(report)")
                return
            }
        }
        #expect(got.count == want.count, "\(got.count) lines printed, \(want.count) expected\n\(report)")
    }
}
