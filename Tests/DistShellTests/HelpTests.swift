import DistLang
import Testing
@testable import DistShell

/// `?name`: every name of the language has a docstring, misspelt names get suggestions, and
/// Tab turns LaTeX names into symbols.
struct HelpTests {
    /// Base's names as a user sees them (internal helpers start with `_` or `#`).
    static func baseNames() -> [String] {
        let rt = Runtime(driver: LocalDriver())
        return rt.base.bindings.keys.map(\.name).filter { !$0.hasPrefix("_") && !$0.hasPrefix("#") }.sorted()
    }

    @Test func everyNameOfBaseHasADocstring() {
        let missing = Self.baseNames().filter { Docs.entry($0) == nil }
        #expect(missing.isEmpty, "\(missing.count) names without a docstring: \(missing.joined(separator: " "))")
    }

    @Test func everyMacroAndKeywordHasADocstring() {
        let missing = (Completion.macros + Completion.keywords).filter { Docs.entry($0) == nil }
        #expect(missing.isEmpty, "without a docstring: \(missing.joined(separator: " "))")
    }

    @Test func eachNameIsDocumentedInOneTopic() {
        var seen: [String: String] = [:]
        for topic in Docs.topics {
            for name in topic.table.keys {
                #expect(seen[name] == nil, "\(name) is in both \(seen[name] ?? "") and \(topic.name)")
                seen[name] = topic.name
            }
        }
    }

    @Test func docstringsAreInJuliasShape() {
        for name in Docs.names {
            guard let doc = Docs.entry(name) else { continue }
            #expect(doc.hasPrefix("    "), "\(name): the docstring starts with its signature, indented by four spaces")
            #expect(!doc.contains("julia>"), "\(name): examples are dist> sessions")
        }
    }

    @Test func helpShowsTheRenderedDocstring() {
        let text = Help.text(for: "pmap", session: nil)
        #expect(text.hasPrefix("  pmap(f, c...; "), "\(text)")
        #expect(text.contains("  Examples\n  ≡≡≡≡≡≡≡≡\n"), "\(text)")
        #expect(!text.contains("`"), "backticks are markup: \(text)")
    }

    @Test func addprocsDocumentsEncryptedTransport() {
        let text = Help.text(for: "addprocs", session: nil)
        #expect(text.contains("tls = true"), "\(text)")
        #expect(text.contains("TLS 1.3") && text.contains("SHA-256 fingerprint"), "\(text)")
        #expect(text.contains("dist --tls"), "\(text)")
    }

    @Test func aMisspeltNameGetsCloseMatches() {
        let text = Help.text(for: "pmapp", session: nil)
        #expect(text.hasPrefix("Couldn't find pmapp\nPerhaps you meant pmap"), "\(text)")
        #expect(Help.closeMatches("remotecal", among: Docs.names).first == "remotecall")
        #expect(Help.closeMatches("nwrokers", among: Docs.names).contains("nworkers"))
        #expect(Help.closeMatches("zzzzzzzz", among: Docs.names).isEmpty)
    }

    @Test func docRequests() {
        #expect(Help.docRequest("@doc pmap") == "pmap")
        #expect(Help.docRequest("  @doc(@spawnat);") == "@spawnat")
        #expect(Help.docRequest("@docs pmap") == nil)
        #expect(Help.docRequest("@doc f(x) = 1") == nil)
    }

    @Test func latexNamesComplete() {
        #expect(Completion.completeLatex("x = \\alpha")?.replacement == "α")
        #expect(Completion.completeLatex("x\\_1")?.replacement == "₁")
        #expect(Completion.completeLatex("\\sqrt")?.replacement == "√")
        #expect(Completion.completeLatex("y\\^2")?.replacement == "²")
        #expect(Completion.completeLatex("\\pi")?.replacement == "π", "a whole name wins over longer ones")
        let partial = Completion.completeLatex("\\alp")
        #expect(partial?.replacement == nil && partial?.candidates == ["\\alpha"])
        #expect(Completion.completeLatex("A\\b(") == nil, "left division is no LaTeX name")
        #expect(Completion.completeLatex("\\") == nil)
        #expect(LatexSymbols.table.count > 400)
    }
}
