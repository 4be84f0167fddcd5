import DistSyntax

/// A running count of the brackets and blocks an input has opened, kept line by line, so
/// that the REPL asks the parser whether an input is complete only when it may be.
///
/// Asking the parser at every line re-parses the growing input: an 8,000-line function
/// piped in took minutes. While a bracket or a block (`function`, `begin`, … up to its
/// `end`) is open the input cannot be complete, and each new line is lexed alone to update
/// the counts, so the work is linear. A line that does not lex alone (it opens a
/// multi-line string or comment) makes the counts unknown until the input is complete;
/// the parser is then asked at every line, as before. The first `parserLines` lines of an
/// input are always given to the parser, which sees errors the counts cannot (`for = 3`).
struct OpenConstructs {
    /// Lines of an input the parser judges before the counts do.
    static let parserLines = 100
    /// Lines added so far.
    private(set) var lines = 0
    /// Brackets `( [ {` not yet closed.
    private(set) var brackets = 0
    /// Keywords that open a block closed by `end`, outside brackets, not yet closed.
    private(set) var blocks = 0
    /// False once a line could not be lexed alone.
    private(set) var known = true

    /// The keywords whose construct ends with `end` (`abstract type … end`, `mutable struct`
    /// counts once, by `struct`). Inside brackets `for` and `if` also make generators, and
    /// `begin`/`end` are indices, so keywords count only outside brackets.
    static let openers: Set<String> = [
        "function", "macro", "begin", "quote", "let", "if", "for", "while", "try", "struct",
        "module", "baremodule", "do", "abstract", "primitive",
    ]

    /// True while the counts show an open construct: the input is certainly incomplete.
    var certainlyOpen: Bool { known && (brackets > 0 || blocks > 0) }

    /// Counts the constructs one more line opens and closes.
    mutating func add(_ line: String) {
        lines += 1
        guard known else { return }
        guard let tokens = try? Lexer.tokenize(line) else {
            known = false
            return
        }
        for t in tokens {
            switch t.kind {
            case .lparen, .lbracket, .lbrace: brackets += 1
            case .rparen, .rbracket, .rbrace: brackets -= 1
            case .ident(let word) where brackets <= 0:
                if word == "end" { blocks -= 1 } else if OpenConstructs.openers.contains(word) { blocks += 1 }
            default: break
            }
        }
    }
}
