/// A lexical token and the whitespace around it, which Julia's grammar is sensitive to
/// (`[a -b]` has two elements, `[a - b]` one; `x'` is an adjoint, ` 'c'` a character).
public struct Token {
    /// What kind of token this is.
    public enum Kind: Equatable {
        case int(Int64)
        case float(Double)
        /// A string literal: literal pieces and interpolated expressions' source.
        case string([StringPiece])
        /// A command literal `` `cmd args` ``: its words, each made of pieces.
        case command([[StringPiece]])
        case char(UInt32)
        /// An identifier or keyword.
        case ident(String)
        /// An operator, including `=`, `->`, `::`, `.`, `?`, `:` and `$`.
        case op(String)
        /// `@name` (the name without `@`).
        case macroName(String)
        case lparen, rparen, lbracket, rbracket, lbrace, rbrace, comma, semicolon
        case newline
        case eof
    }

    public var kind: Kind
    public var location: SourceLocation
    /// Whitespace (not a newline) or a comment came right before the token.
    public var spaceBefore: Bool
    /// Byte offset of the token in the source (for `@show` and error context).
    public var offset: Int
    /// Byte offset just after the token.
    public var end: Int
}

/// A piece of a string literal: text, or the source of an interpolated expression.
public enum StringPiece: Equatable {
    case text(String)
    /// `$name` or `$(expr)`: the source text and where it starts.
    case code(String, SourceLocation)
}
