import DistLang
import Foundation

/// Runs source text the way the piped REPL does, in a fresh runtime on the calling thread,
/// and returns everything it printed.
func runREPL(_ source: String) throws -> String {
    let driver = LocalDriver()
    let out = BufferOutput()
    let rt = Runtime(driver: driver, output: out)
    rt.sourceDirectory = scriptsDirectory
    var inputs: [String] = []
    var splitter = ReplInput()
    for line in source.components(separatedBy: "\n") {
        if let complete = splitter.add(line) { inputs.append(complete) }
    }
    if let rest = splitter.finish() { inputs.append(rest) }
    _ = try rt.runToCompletion(driver) { t in
        for input in inputs { rt.evaluateInput(input, display: true, t) }
        return .nothing
    }
    return out.text
}

/// Evaluates source and returns the display of its value (for one-line expectations).
func eval(_ source: String) throws -> String {
    var text = try runREPL(source)
    if text.hasSuffix("\n") { text.removeLast() }
    return text
}

/// The folder of the script tests.
let scriptsDirectory: String = {
    let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    return here.appendingPathComponent("Scripts").path
}()

/// One script test: source with `# expect:` lines.
struct ScriptCase: CustomStringConvertible {
    let name: String
    let source: String

    var description: String { name }

    /// What the script should print, line by line: exact text or a regular expression.
    enum Expectation { case exact(String), match(String) }

    var expectations: [Expectation] {
        source.components(separatedBy: "\n").compactMap { line in
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("# expect: ") { return .exact(String(t.dropFirst(10))) }
            if t == "# expect:" { return .exact("") }
            if t.hasPrefix("# expect-error: ") { return .exact("ERROR: " + String(t.dropFirst(16))) }
            if t.hasPrefix("# expect-match: ") { return .match(String(t.dropFirst(16))) }
            return nil
        }
    }

    static func all() -> [ScriptCase] {
        let fm = FileManager.default
        guard let files = try? fm.contentsOfDirectory(atPath: scriptsDirectory) else { return [] }
        return files.filter { $0.hasSuffix(".dist") && !$0.hasPrefix("_") }.sorted().compactMap { f in
            guard let s = try? String(contentsOfFile: scriptsDirectory + "/" + f, encoding: .utf8) else { return nil }
            return ScriptCase(name: String(f.dropLast(5)), source: s)
        }
    }
}
