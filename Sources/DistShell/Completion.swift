import DistLang
import Foundation

/// Tab completion: names (globals, built-ins, keywords, fields after `x.`), file paths inside
/// string literals, and LaTeX names (`\alpha` → `α`, `x\_1` → `x₁`) anywhere, as in Julia.
enum Completion {
    /// What Tab does with the text before the cursor.
    struct Result: Equatable {
        /// The text before the cursor being completed.
        var word: String
        /// Candidates that start with `word`: the line is extended as far as they agree.
        var candidates: [String]
        /// When set, `word` is replaced by this (a LaTeX name by its symbol).
        var replacement: String? = nil
    }

    static let keywords = [
        "function", "end", "if", "elseif", "else", "for", "while", "begin", "let", "try", "catch", "finally",
        "return", "break", "continue", "struct", "mutable", "module", "using", "import", "export", "const",
        "global", "local", "true", "false", "nothing", "do", "in",
    ]

    /// The macros the language defines (the resolver expands them; they are no globals).
    static let macros = [
        "@async", "@sync", "@spawnat", "@spawn", "@fetch", "@fetchfrom", "@everywhere", "@distributed", "@parallel",
        "@task", "@time", "@elapsed", "@allocated", "@timed", "@show", "@assert", "@isdefined", "@printf", "@sprintf",
        "@info", "@warn", "@error", "@debug", "@inbounds", "@simd", "@views", "@inline", "@noinline", "@fastmath",
        "@doc", "@test", "@test_throws", "@test_broken", "@test_skip", "@test_nowarn", "@testset", "@inferred", "@trace", "@showprogress",
    ]

    /// The word before the cursor and its completions.
    static func complete(_ before: String, session: Session) -> Result {
        if let latex = completeLatex(before) { return latex }
        let (word, candidates) = completeName(before, session: session)
        return Result(word: word, candidates: candidates)
    }

    /// A LaTeX name before the cursor: its symbol when the name is whole (`\pi` → `π`, even
    /// though `\pitchfork` exists), else the names it begins. Nil when the text before the
    /// cursor is no beginning of a LaTeX name (`A\b` is left division, then).
    static func completeLatex(_ before: String) -> Result? {
        guard let slash = before.lastIndex(of: "\\") else { return nil }
        let word = String(before[slash...])
        guard word.dropFirst().allSatisfy({ LatexSymbols.nameCharacters.contains($0) }) else { return nil }
        if let symbol = LatexSymbols.table[word] { return Result(word: word, candidates: [symbol], replacement: symbol) }
        let names = LatexSymbols.names(startingWith: word)
        return names.isEmpty ? nil : Result(word: word, candidates: names)
    }

    static func completeName(_ before: String, session: Session) -> (word: String, candidates: [String]) {
        // inside a string: complete a path
        if before.filter({ $0 == "\"" }).count % 2 == 1, let q = before.lastIndex(of: "\"") {
            let partial = String(before[before.index(after: q)...])
            var paths = completePath(partial)
            // a single file completes the string too, as Julia's REPL does
            if paths.count == 1, !paths[0].hasSuffix("/") { paths[0] += "\"" }
            return (partial, paths)
        }
        var start = before.endIndex
        while start > before.startIndex {
            let c = before[before.index(before: start)]
            if c.isLetter || c.isNumber || c == "_" || c == "!" || c == "@" || c == "." { start = before.index(before: start) } else { break }
        }
        let token = String(before[start...])
        if let dot = token.lastIndex(of: "."), dot != token.startIndex {
            let objectName = String(token[..<dot])
            let partial = String(token[token.index(after: dot)...])
            let fields = (try? session.onLoop { rt -> [String] in fieldNames(objectName, rt) }) ?? []
            let matches = fields.filter { $0.hasPrefix(partial) }.sorted()
            return (partial, matches)
        }
        if token.isEmpty { return ("", []) }
        let names = (try? session.onLoop { rt -> [String] in
            var all = Set(rt.main.bindings.keys.map { $0.name })
            all.formUnion(rt.base.bindings.keys.map { $0.name }.filter { !$0.hasPrefix("__") })
            return Array(all)
        }) ?? []
        let pool = token.hasPrefix("@") ? macros : names + keywords
        return (token, Array(Set(pool.filter { $0.hasPrefix(token) })).sorted())
    }

    static func fieldNames(_ name: String, _ rt: Runtime?) -> [String] {
        guard let rt = rt, let b = rt.lookupBinding(rt.main, JSym.intern(name)) else { return [] }
        switch b.value {
        case .obj(let o):
            if let s = o as? JStruct { return s.type.fieldNames.map { $0.name } }
            if let m = o as? JModule { return m.bindings.keys.map { $0.name } }
        case .type(let t): return t.fieldNames.map { $0.name }
        default: break
        }
        return []
    }

    static func completePath(_ partial: String) -> [String] {
        let fm = FileManager.default
        let dir: String
        let base: String
        if let slash = partial.lastIndex(of: "/") {
            dir = String(partial[...slash])
            base = String(partial[partial.index(after: slash)...])
        } else {
            dir = ""
            base = partial
        }
        let expanded = dir.hasPrefix("~") ? (dir as NSString).expandingTildeInPath + "/" : dir
        guard let entries = try? fm.contentsOfDirectory(atPath: expanded.isEmpty ? "." : expanded) else { return [] }
        return entries.filter { $0.hasPrefix(base) && (!$0.hasPrefix(".") || base.hasPrefix(".")) }.sorted().map { e in
            var isDir: ObjCBool = false
            fm.fileExists(atPath: (expanded.isEmpty ? "" : expanded) + e, isDirectory: &isDir)
            return dir + e + (isDir.boolValue ? "/" : "")
        }
    }
}
