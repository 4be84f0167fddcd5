import DistLang
import Foundation

/// `?name` at the prompt (or `@doc name`): the docstring of a builtin, a macro, a type or a
/// keyword, rendered for the terminal as Julia's REPL renders Markdown; for a misspelt name,
/// the names it is close to.
///
/// The docstrings themselves are in `Docs/`, one file per topic, written as Julia's are: the
/// signature lines indented by four spaces, what the function does, `# Keywords`, and
/// `# Examples` with `dist>` sessions.
enum Help {
    /// Writes the help for `query` on standard output; `colour` for code in cyan and bold
    /// headers, as Julia's REPL shows them.
    static func show(_ query: String, session: Session, colour: Bool = false) {
        print(text(for: query, session: session, colour: colour, width: Terminal.displaySize().columns), terminator: "")
        fflush(nil)
    }

    /// The help text for `query` (ends with a blank line).
    static func text(for query: String, session: Session?, colour: Bool = false, width: Int = 80) -> String {
        var name = query.trimmingCharacters(in: .whitespaces)
        if name.isEmpty { return render(Docs.intro, colour: colour, width: width) + "\n" }
        for prefix in ["Base.", "Distributed.", "SharedArrays.", "LinearAlgebra.", "Main."] where name.hasPrefix(prefix) && name.count > prefix.count {
            name = String(name.dropFirst(prefix.count))
        }
        if let doc = Docs.entry(name) { return render(doc, colour: colour, width: width) + "\n" }
        if let described = describe(name, session: session) {
            return "  No documentation found.\n\n  " + described + "\n\n"
        }
        var out = "Couldn't find \(name)\n"
        let close = closeMatches(name, among: knownNames(session))
        if !close.isEmpty { out += "Perhaps you meant " + joinedList(close) + "\n" }
        out += "  No documentation found.\n\n  Binding `\(name)` does not exist.\n\n"
        return out
    }

    /// `@doc name` (or `@doc(name)`) as a whole input: the name asked about, else nil.
    static func docRequest(_ input: String) -> String? {
        var s = input.trimmingCharacters(in: .whitespacesAndNewlines)
        if s.hasSuffix(";") { s.removeLast() }
        guard s.hasPrefix("@doc") else { return nil }
        var rest = s.dropFirst(4)
        if rest.first == "(" && rest.last == ")" {
            rest = rest.dropFirst().dropLast()
        } else {
            guard rest.first == " " || rest.first == "\t" else { return nil }
        }
        let name = rest.trimmingCharacters(in: .whitespaces)
        return name.isEmpty || name.contains(" ") ? nil : name
    }

    /// What a name without a docstring is, from the runtime: a user's function, a type, or a
    /// variable and its type. Nil when the name is not defined.
    static func describe(_ name: String, session: Session?) -> String? {
        guard let session else { return nil }
        let what = (try? session.onLoop { rt -> String in
            guard let b = rt.lookupBinding(rt.main, JSym.intern(name)), !b.value.isUndef else { return "" }
            switch b.value {
            case .fn(let f):
                let n = f.methodCount
                return "\(f.name) is a function with \(n) method\(n == 1 ? "" : "s")."
            case .type(let t): return "`\(t)` is a type."
            default: return "`\(name)` is of type `\(rt.typeOf(b.value))`."
            }
        }) ?? ""
        return what.isEmpty ? nil : what
    }

    /// Every name help knows of: the documented ones, Base's, Main's globals.
    static func knownNames(_ session: Session?) -> [String] {
        var names = Set(Docs.names)
        if let session {
            let defined = (try? session.onLoop { rt -> [String] in
                return rt.main.bindings.keys.map { $0.name } + rt.base.bindings.keys.map { $0.name }
            }) ?? []
            names.formUnion(defined.filter { !$0.hasPrefix("_") && !$0.hasPrefix("#") })
        }
        return Array(names)
    }

    /// Names within a small edit distance of `name` (closest first), as Julia's "Perhaps you
    /// meant"; a name the query starts or ends with counts too.
    static func closeMatches(_ name: String, among names: [String], limit: Int = 6) -> [String] {
        let query = Array(name.lowercased())
        let allowed = query.count <= 3 ? 1 : query.count <= 6 ? 2 : 3
        var scored: [(Int, String)] = []
        for candidate in names where candidate != name {
            let c = Array(candidate.lowercased())
            if abs(c.count - query.count) > allowed { continue }
            let d = editDistance(query, c)
            if d <= allowed { scored.append((d, candidate)) }
        }
        return scored.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.prefix(limit).map { $0.1 }
    }

    /// Levenshtein distance.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// `a, b or c`.
    static func joinedList(_ xs: [String]) -> String {
        guard xs.count > 1 else { return xs.first ?? "" }
        return xs.dropLast().joined(separator: ", ") + " or " + xs[xs.count - 1]
    }
}
