import DistLang
import Foundation
import Testing

/// The language's behaviours, as small scripts with the output they must print
/// (`Tests/DistLangTests/Scripts/*.dist`, `# expect:` lines).
struct ScriptTests {
    @Test("script", arguments: ScriptCase.all())
    func script(_ c: ScriptCase) throws {
        let output = try runREPL(c.source)
        var lines = output.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        let expected = c.expectations
        for (i, e) in expected.enumerated() {
            guard i < lines.count else {
                Issue.record("\(c.name): missing output line \(i + 1): \(e)\n--- output ---\n\(output)")
                return
            }
            switch e {
            case .exact(let text):
                #expect(lines[i] == text, "\(c.name): line \(i + 1)\n--- output ---\n\(output)")
                if lines[i] != text { return }
            case .match(let pattern):
                let ok = lines[i].range(of: "^" + pattern + "$", options: .regularExpression) != nil
                #expect(ok, "\(c.name): line \(i + 1) \"\(lines[i])\" does not match /\(pattern)/\n--- output ---\n\(output)")
                if !ok { return }
            }
        }
        #expect(lines.count == expected.count, "\(c.name): \(lines.count) lines printed, \(expected.count) expected\n--- output ---\n\(output)")
    }
}
