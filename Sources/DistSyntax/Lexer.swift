/// Turns source text into tokens.
///
/// Works on the UTF-8 bytes; identifiers and operators may be non-ASCII (`π`, `≈`, `÷`).
/// Whether whitespace precedes a token is recorded, because the parser needs it. An
/// unterminated string or block comment is an `incomplete` error, so the REPL can ask for
/// another line.
public struct Lexer {
    private let src: [UInt8]
    private var pos = 0
    private var line: Int
    private var col: Int
    private var tokens: [Token] = []
    private var parenDepth = 0
    /// Strings being lexed inside interpolations inside strings (`"$("$(…`).
    private var stringNesting = 0

    /// Operators by length, longest first, so that `===` wins over `==`.
    private static let operators: [[String]] = [
        [".//=", ">>>="],
        ["===", "!==", "...", ".==", ".!=", ".<=", ".>=", ">>>", "//=", "<<=", ">>=", ".+=", ".-=", ".*=",
         "./=", ".^=", ".÷=", ".%=", ".//", ".=>", ".≈", ".≠", ".≤", ".≥", ".÷", ".&&", ".||", "<--", "-->"],
        ["==", "!=", "<=", ">=", "&&", "||", "->", "=>", "::", "+=", "-=", "*=", "/=", "^=", "%=", "|=",
         "&=", ".=", ".+", ".-", ".*", "./", ".^", ".<", ".>", ".%", ".\\", "|>", "<|", "<:", ">:", "<<",
         ">>", "//", "..", "\\=", "÷=", "⊻=", ".!", ".'", ".&", ".|"],
        ["+", "-", "*", "/", "\\", "^", "%", "&", "|", "<", ">", "=", "!", "~", ":", ".", "?", "$", "'",
         "÷", "≈", "≠", "≤", "≥", "∈", "∉", "⊆", "√", "∛", "∘", "⊻", "≡", "×", "⋅", "∪", "∩", "→", "∋", "⊂"],
    ]

    public init(_ source: String, startLine: Int = 1, startColumn: Int = 1) {
        src = Array(source.utf8)
        line = startLine
        col = startColumn
    }

    /// All tokens, ending with `.eof`.
    public static func tokenize(_ source: String, startLine: Int = 1, startColumn: Int = 1) throws -> [Token] {
        var l = Lexer(source, startLine: startLine, startColumn: startColumn)
        return try l.run()
    }

    private var here: SourceLocation { SourceLocation(line: line, column: col) }

    @inline(__always) private func peek(_ k: Int = 0) -> UInt8 {
        pos + k < src.count ? src[pos + k] : 0
    }

    private mutating func advance() {
        let b = src[pos]
        pos += 1
        if b == 0x0A { line += 1; col = 1 } else if b & 0xC0 != 0x80 { col += 1 }
    }

    private mutating func advance(_ n: Int) { for _ in 0..<n { advance() } }

    /// The Unicode scalar starting at byte offset `at`, and its length in bytes.
    private func scalar(at p: Int) -> (Unicode.Scalar, Int)? {
        guard p < src.count else { return nil }
        let b0 = src[p]
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        var len = 0
        var v: UInt32 = 0
        if b0 & 0xE0 == 0xC0 { len = 2; v = UInt32(b0 & 0x1F) }
        else if b0 & 0xF0 == 0xE0 { len = 3; v = UInt32(b0 & 0x0F) }
        else if b0 & 0xF8 == 0xF0 { len = 4; v = UInt32(b0 & 0x07) }
        else { return nil }
        guard p + len <= src.count else { return nil }
        for i in 1..<len {
            let b = src[p + i]
            guard b & 0xC0 == 0x80 else { return nil }
            v = (v << 6) | UInt32(b & 0x3F)
        }
        guard let s = Unicode.Scalar(v) else { return nil }
        return (s, len)
    }

    /// Julia's identifier rules (`jl_id_start_char`): ASCII letters and `_`; beyond ASCII,
    /// letters, letter-like numbers, currency and other symbols (not arrows), the math
    /// symbols Julia allows as names (`∂`, `∇`, `∑`, `∞`, `∫`…), and the sub- and
    /// superscript signs.
    private static func isIdentStart(_ s: Unicode.Scalar) -> Bool {
        let c = s.value
        if s.isASCII { return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 }
        if c < 0xA1 || operatorScalars.contains(s) { return false }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .letterNumber,
             .currencySymbol:
            return true
        case .otherSymbol:
            return !(0x2190...0x21FF).contains(c) && c != 0xFFFC && c != 0xFFFD && c != 0x233F && c != 0xA6
        case .mathSymbol:
            return isMathIdentifier(c)
        default:
            return (0x207A...0x207E).contains(c) || (0x208A...0x208E).contains(c) // ⁺⁻⁼⁽⁾ ₊₋₌₍₎
                || (0x2220...0x2222).contains(c) || (0x299B...0x29AF).contains(c) // angles
                || c == 0x2118 || c == 0x212E || (0x309B...0x309C).contains(c) // ℘ ℮, kana marks
                || (0x1D7CE...0x1D7E1).contains(c) // bold and double-struck digits
        }
    }

    /// The math symbols (category Sm) Julia accepts in names.
    private static func isMathIdentifier(_ c: UInt32) -> Bool {
        switch c {
        case 0x2140...0x2144, 0x223F, 0x22BE, 0x22BF, 0x22A4, 0x22A5, // ⅀ ∿ ⊾ ⊿ ⊤ ⊥
             0x2202, 0x2205, 0x2206, 0x2207, 0x220E, 0x220F, 0x2210, 0x2211, 0x221E, 0x221F, // ∂ ∅ ∆ ∇ ∎ ∏ ∐ ∑ ∞ ∟
             0x222B...0x2233, // ∫ ∬ ∭ ∮ …
             0x22C0...0x22C3, 0x25F8...0x25FF, 0x266F, 0x27D8, 0x27D9, 0x27C0, 0x27C1, // ⋀ ⋁ ⋂ ⋃ ◸ ♯ ⟘ ⟀
             0x29B0...0x29B4, 0x2A00...0x2A06, 0x2A09...0x2A16, 0x2A1B, 0x2A1C, // ⦰ ⨀ ⨉ ⨛
             0x1D6C1, 0x1D6DB, 0x1D6FB, 0x1D715, 0x1D735, 0x1D74F, 0x1D76F, 0x1D789, 0x1D7A9, 0x1D7C3: // 𝛁 𝛛 …
            return true
        default:
            return false
        }
    }

    /// Julia's `jl_id_char`: what may follow the first character — digits, `!`, combining
    /// marks, connector punctuation, modifier symbols, other numbers (sub- and superscript
    /// digits: `x₁`, `x²`) and primes.
    private static func isIdentChar(_ s: Unicode.Scalar) -> Bool {
        if isIdentStart(s) { return true }
        let c = s.value
        if s.isASCII { return (c >= 48 && c <= 57) || c == 33 }
        if c < 0xA1 || operatorScalars.contains(s) { return false }
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation, .modifierSymbol,
             .otherNumber:
            return true
        default:
            return (0x2032...0x2037).contains(c) || c == 0x2057 // primes
        }
    }

    private static let operatorScalars: Set<Unicode.Scalar> = [
        "÷", "≈", "≠", "≤", "≥", "∈", "∉", "⊆", "√", "∛", "∘", "⊻", "≡", "×", "⋅", "∪", "∩", "→", "∋", "⊂",
    ]

    private mutating func emit(_ kind: Token.Kind, at loc: SourceLocation, start: Int, space: Bool) {
        tokens.append(Token(kind: kind, location: loc, spaceBefore: space, offset: start, end: pos))
    }

    /// Tokenizes the whole source.
    public mutating func run() throws -> [Token] {
        var space = false
        while pos < src.count {
            let b = peek()
            if b == 0x20 || b == 0x09 || b == 0x0D {
                advance()
                space = true
                continue
            }
            if b == 0x5C && peek(1) == 0x0A { // backslash-newline: a line continuation
                advance(2)
                space = true
                continue
            }
            if b == 0x23 { // '#'
                try skipComment()
                space = true
                continue
            }
            let start = pos
            let loc = here
            if b == 0x0A {
                advance()
                emit(.newline, at: loc, start: start, space: space)
                space = false
                continue
            }
            if b >= 0x30 && b <= 0x39 || b == 0x2E && peek(1) >= 0x30 && peek(1) <= 0x39 && !previousEndsValue(space) {
                let k = try number()
                emit(k, at: loc, start: start, space: space)
                space = false
                continue
            }
            switch b {
            case 0x28: advance(); parenDepth += 1; emit(.lparen, at: loc, start: start, space: space)
            case 0x29: advance(); parenDepth -= 1; emit(.rparen, at: loc, start: start, space: space)
            case 0x5B: advance(); parenDepth += 1; emit(.lbracket, at: loc, start: start, space: space)
            case 0x5D: advance(); parenDepth -= 1; emit(.rbracket, at: loc, start: start, space: space)
            case 0x7B: advance(); parenDepth += 1; emit(.lbrace, at: loc, start: start, space: space)
            case 0x7D: advance(); parenDepth -= 1; emit(.rbrace, at: loc, start: start, space: space)
            case 0x2C: advance(); emit(.comma, at: loc, start: start, space: space)
            case 0x3B: advance(); emit(.semicolon, at: loc, start: start, space: space)
            case 0x22: // '"'
                let k = try string()
                emit(k, at: loc, start: start, space: space)
            case 0x60: // '`'
                let k = try command()
                emit(k, at: loc, start: start, space: space)
            case 0x27 where !previousEndsValue(space): // "'" as a character literal
                let k = try character()
                emit(k, at: loc, start: start, space: space)
            case 0x40: // '@'
                advance()
                var name = ""
                if peek() == 0x2E { advance(); name = "." } // @.
                while let (s, n) = scalar(at: pos), Lexer.isIdentChar(s) || s == "." && !name.isEmpty && peekIdentAfterDot() {
                    name.unicodeScalars.append(s)
                    advance(n)
                }
                if name.isEmpty { throw SyntaxError("invalid macro name", at: loc) }
                emit(.macroName(name), at: loc, start: start, space: space)
            default:
                if let (s, n) = scalar(at: pos), Lexer.isIdentStart(s) {
                    var name = ""
                    name.unicodeScalars.append(s)
                    advance(n)
                    while let (s2, n2) = scalar(at: pos), Lexer.isIdentChar(s2) {
                        // `!=` after a name is an operator, not part of the name.
                        if s2 == "!" && peek(1) == 0x3D { break }
                        name.unicodeScalars.append(s2)
                        advance(n2)
                    }
                    if peek() == 0x22 && name == "raw" {
                        let k = try string(raw: true)
                        emit(k, at: loc, start: start, space: space)
                    } else if peek() == 0x22 && !Lexer.keywords.contains(name) {
                        // a string macro (`r"\d+"`, `MIME"text/plain"`): its text is taken as
                        // written, backslashes and dollar signs included, as Julia does
                        emit(.ident(name), at: loc, start: start, space: space)
                        let (textLoc, textStart) = (here, pos)
                        let k = try string(raw: true)
                        emit(k, at: textLoc, start: textStart, space: false)
                    } else {
                        emit(.ident(name), at: loc, start: start, space: space)
                    }
                } else if let op = matchOperator() {
                    advance(op.utf8.count)
                    emit(.op(op), at: loc, start: start, space: space)
                } else {
                    let bad = scalar(at: pos).map { String($0.0) } ?? "?"
                    throw SyntaxError("invalid character \"\(bad)\"", at: loc)
                }
            }
            space = false
        }
        tokens.append(Token(kind: .eof, location: here, spaceBefore: space, offset: pos, end: pos))
        return tokens
    }

    private func peekIdentAfterDot() -> Bool {
        guard let (s, _) = scalar(at: pos + 1) else { return false }
        return Lexer.isIdentStart(s)
    }

    /// Words a string right after which is not a string macro's text.
    static let keywords: Set<String> = ["return", "if", "elseif", "else", "while", "for", "in", "isa", "where", "end",
                                        "do", "begin", "let", "local", "global", "const", "function", "macro", "struct",
                                        "try", "catch", "finally", "quote", "module", "import", "using", "export",
                                        "break", "continue", "outer", "mutable", "abstract", "primitive", "baremodule"]

    /// True when the previous token ends a value, so that `'` is an adjoint and `.5` after
    /// a value is not a number.
    private func previousEndsValue(_ space: Bool) -> Bool {
        guard !space, let last = tokens.last else { return false }
        switch last.kind {
        case .ident(let n): return !["return", "else", "elseif", "in", "do", "begin", "if", "while", "for"].contains(n)
        case .int, .float, .rparen, .rbracket, .rbrace, .string, .char: return true
        case .op(let o): return o == "'"
        default: return false
        }
    }

    private func matchOperator() -> String? {
        for group in Lexer.operators {
            for op in group {
                let bytes = Array(op.utf8)
                if pos + bytes.count <= src.count && Array(src[pos..<(pos + bytes.count)]) == bytes {
                    return op
                }
            }
        }
        return nil
    }

    private mutating func skipComment() throws {
        let loc = here
        if peek(1) == 0x3D { // #= ... =#, nestable
            advance(2)
            var depth = 1
            while depth > 0 {
                guard pos < src.count else { throw SyntaxError("unterminated multi-line comment #= ... =#", at: loc, incomplete: true) }
                if peek() == 0x23 && peek(1) == 0x3D { advance(2); depth += 1 }
                else if peek() == 0x3D && peek(1) == 0x23 { advance(2); depth -= 1 }
                else { advance() }
            }
            return
        }
        while pos < src.count && peek() != 0x0A { advance() }
    }

    // MARK: Numbers

    private mutating func number() throws -> Token.Kind {
        let loc = here
        var text = ""
        if peek() == 0x30 && (peek(1) == 0x78 || peek(1) == 0x62 || peek(1) == 0x6F) { // 0x 0b 0o
            let radixChar = peek(1)
            advance(2)
            let radix = radixChar == 0x78 ? 16 : radixChar == 0x62 ? 2 : 8
            while pos < src.count, let d = hexDigit(peek()), d < radix || peek() == 0x5F {
                if peek() != 0x5F { text.append(Character(Unicode.Scalar(peek()))) }
                advance()
            }
            guard let v = UInt64(text, radix: radix) else { throw SyntaxError("invalid numeric constant", at: loc) }
            return .int(Int64(bitPattern: v))
        }
        var isFloat = false
        func digits(_ t: inout String) {
            while pos < src.count && (peek() >= 0x30 && peek() <= 0x39 || peek() == 0x5F && peek(1) >= 0x30 && peek(1) <= 0x39) {
                if peek() != 0x5F { t.append(Character(Unicode.Scalar(peek()))) }
                advance()
            }
        }
        digits(&text)
        if peek() == 0x2E && peek(1) != 0x2E && !isDottedOperatorAfterNumber() {
            isFloat = true
            text.append(".")
            advance()
            digits(&text)
        }
        if (peek() == 0x65 || peek() == 0x45) && (peek(1) >= 0x30 && peek(1) <= 0x39 || (peek(1) == 0x2B || peek(1) == 0x2D) && peek(2) >= 0x30 && peek(2) <= 0x39) {
            isFloat = true
            text.append("e")
            advance()
            if peek() == 0x2B || peek() == 0x2D { text.append(Character(Unicode.Scalar(peek()))); advance() }
            digits(&text)
        }
        if isFloat {
            if text.hasPrefix(".") { text = "0" + text }
            if text.hasSuffix(".") { text += "0" }
            guard let d = Double(text) else { throw SyntaxError("invalid numeric constant \"\(text)\"", at: loc) }
            return .float(d)
        }
        if let v = Int64(text) { return .int(v) }
        if let d = Double(text) { return .float(d) }
        throw SyntaxError("invalid numeric constant \"\(text)\"", at: loc)
    }

    /// `1.+x` reads as `1 .+ x`; `2.` followed by a space or bracket is a float.
    private func isDottedOperatorAfterNumber() -> Bool {
        let c = peek(1)
        if c >= 0x30 && c <= 0x39 { return false }
        if c == 0x65 || c == 0x45 { return false }
        let opChars: [UInt8] = Array("+-*/^%=<>!\\&|".utf8)
        if opChars.contains(c) { return true }
        if let (s, _) = scalar(at: pos + 1), Lexer.isIdentStart(s) { return true } // 1.x is not a number
        return false
    }

    private func hexDigit(_ b: UInt8) -> Int? {
        switch b {
        case 0x30...0x39: return Int(b - 0x30)
        case 0x61...0x66: return Int(b - 0x61 + 10)
        case 0x41...0x46: return Int(b - 0x41 + 10)
        case 0x5F: return 0
        default: return nil
        }
    }

    // MARK: Strings and characters

    private mutating func escape(into out: inout String, at loc: SourceLocation) throws {
        advance() // backslash
        guard pos < src.count else { throw SyntaxError("incomplete escape sequence", at: loc, incomplete: true) }
        let c = peek()
        switch c {
        case 0x6E: out.append("\n"); advance()
        case 0x74: out.append("\t"); advance()
        case 0x72: out.append("\r"); advance()
        case 0x30: out.append("\0"); advance()
        case 0x61: out.append("\u{07}"); advance()
        case 0x62: out.append("\u{08}"); advance()
        case 0x66: out.append("\u{0C}"); advance()
        case 0x76: out.append("\u{0B}"); advance()
        case 0x65: out.append("\u{1B}"); advance()
        case 0x5C, 0x22, 0x27, 0x24: out.append(Character(Unicode.Scalar(c))); advance()
        case 0x0A: advance() // escaped newline
        case 0x78, 0x75, 0x55: // \xHH \uHHHH \UHHHHHHHH
            let maxLen = c == 0x78 ? 2 : c == 0x75 ? 4 : 8
            advance()
            var v: UInt32 = 0
            var n = 0
            while n < maxLen, let d = hexDigit(peek()), peek() != 0x5F {
                v = v * 16 + UInt32(d)
                advance()
                n += 1
            }
            guard n > 0, let s = Unicode.Scalar(v) else { throw SyntaxError("invalid escape sequence", at: loc) }
            out.unicodeScalars.append(s)
        default:
            throw SyntaxError("invalid escape sequence \"\\\(Character(Unicode.Scalar(c)))\"", at: loc)
        }
    }

    private mutating func string(raw: Bool = false) throws -> Token.Kind {
        let loc = here
        // `"$("$("…` nests strings in interpolations, each level a frame deeper and each
        // level's code lexed again when it is parsed: bounded as the parser's nesting is
        stringNesting += 1
        defer { stringNesting -= 1 }
        if stringNesting > Parser.maxDepth || stackNearlyExhausted() {
            throw SyntaxError("expression too deeply nested", at: loc)
        }
        let triple = peek(1) == 0x22 && peek(2) == 0x22
        advance(triple ? 3 : 1)
        var pieces: [StringPiece] = []
        var text = ""
        while true {
            guard pos < src.count else {
                throw SyntaxError("incomplete: unterminated string literal", at: loc, incomplete: true)
            }
            let c = peek()
            if c == 0x22 {
                if !triple { advance(); break }
                if peek(1) == 0x22 && peek(2) == 0x22 { advance(3); break }
                text.append("\""); advance(); continue
            }
            if c == 0x5C {
                if raw {
                    if peek(1) == 0x22 { text.append("\""); advance(2) } else { text.append("\\"); advance() }
                    continue
                }
                try escape(into: &text, at: here)
                continue
            }
            if c == 0x24 && !raw { // $
                let dl = here
                advance()
                if peek() == 0x28 {
                    let codeStart = pos + 1
                    let codeLoc = SourceLocation(line: line, column: col + 1)
                    try skipBalancedParens(from: dl)
                    let code = String(decoding: src[codeStart..<(pos - 1)], as: UTF8.self)
                    if !text.isEmpty { pieces.append(.text(text)); text = "" }
                    pieces.append(.code(code, codeLoc))
                } else if let (s, _) = scalar(at: pos), Lexer.isIdentStart(s) {
                    let codeLoc = here
                    var name = ""
                    while let (s2, n2) = scalar(at: pos), Lexer.isIdentChar(s2) && s2 != "!" {
                        name.unicodeScalars.append(s2)
                        advance(n2)
                    }
                    if !text.isEmpty { pieces.append(.text(text)); text = "" }
                    pieces.append(.code(name, codeLoc))
                } else {
                    throw SyntaxError("invalid interpolation syntax: \"$\(scalar(at: pos).map { String($0.0) } ?? "")\"", at: dl)
                }
                continue
            }
            if let (s, n) = scalar(at: pos) {
                text.unicodeScalars.append(s)
                advance(n)
            } else {
                throw SyntaxError("invalid UTF-8 in string", at: here)
            }
        }
        if triple { text = text.hasPrefix("\n") ? String(text.dropFirst()) : text }
        if !text.isEmpty || pieces.isEmpty { pieces.append(.text(text)) }
        if triple { pieces = Lexer.dedent(pieces) }
        return .string(pieces)
    }

    /// command -> '`' word* '`': words split at unquoted blanks, as a shell would; `"…"` keeps
    /// blanks and interpolates, `'…'` is literal, `\` escapes the next character, and `$name`
    /// or `$(expr)` interpolates (a value that is a whole word and a collection or a `Cmd`
    /// becomes several words when the command is built).
    private mutating func command() throws -> Token.Kind {
        let loc = here
        advance()
        var words: [[StringPiece]] = []
        var word: [StringPiece] = []
        var text = ""
        var inWord = false
        var quote: UInt8 = 0
        func endWord() {
            if !text.isEmpty { word.append(.text(text)); text = "" }
            if inWord { words.append(word) }
            word = []
            inWord = false
        }
        while true {
            guard pos < src.count else {
                throw SyntaxError("incomplete: unterminated command literal", at: loc, incomplete: true)
            }
            let c = peek()
            if c == 0x60 && quote == 0 { advance(); break }
            if quote == 0x27 {
                if c == 0x27 { quote = 0; advance(); continue }
                if let (s, n) = scalar(at: pos) { text.unicodeScalars.append(s); advance(n) } else { throw SyntaxError("invalid UTF-8 in command", at: here) }
                continue
            }
            if quote == 0 && (c == 0x20 || c == 0x09 || c == 0x0A) {
                endWord()
                advance()
                continue
            }
            inWord = true
            if c == 0x22 { quote = quote == 0x22 ? 0 : 0x22; advance(); continue }
            if c == 0x27 && quote == 0 { quote = 0x27; advance(); continue }
            if c == 0x5C {
                // outside quotes `\` escapes any character; inside "…" only \ " $ and `
                advance()
                if quote == 0x22, let (s, _) = scalar(at: pos), !"\\\"$`".unicodeScalars.contains(s) {
                    text.append("\\")
                    continue
                }
                if let (s, n) = scalar(at: pos) { text.unicodeScalars.append(s); advance(n) }
                continue
            }
            if c == 0x24 {
                let dl = here
                advance()
                if peek() == 0x28 {
                    let codeStart = pos + 1
                    let codeLoc = SourceLocation(line: line, column: col + 1)
                    try skipBalancedParens(from: dl)
                    if !text.isEmpty { word.append(.text(text)); text = "" }
                    word.append(.code(String(decoding: src[codeStart..<(pos - 1)], as: UTF8.self), codeLoc))
                } else if let (s, _) = scalar(at: pos), Lexer.isIdentStart(s) {
                    let codeLoc = here
                    var name = ""
                    while let (s2, n2) = scalar(at: pos), Lexer.isIdentChar(s2) && s2 != "!" {
                        name.unicodeScalars.append(s2)
                        advance(n2)
                    }
                    if !text.isEmpty { word.append(.text(text)); text = "" }
                    word.append(.code(name, codeLoc))
                } else {
                    throw SyntaxError("invalid interpolation syntax in command", at: dl)
                }
                continue
            }
            if let (s, n) = scalar(at: pos) { text.unicodeScalars.append(s); advance(n) } else { throw SyntaxError("invalid UTF-8 in command", at: here) }
        }
        if quote != 0 { throw SyntaxError("unterminated quote in command literal", at: loc) }
        endWord()
        return .command(words)
    }

    /// Removes the indentation common to every line of a triple-quoted string.
    private static func dedent(_ pieces: [StringPiece]) -> [StringPiece] {
        var whole = ""
        for p in pieces { if case .text(let t) = p { whole += t } else { whole += "x" } }
        let lines = whole.split(separator: "\n", omittingEmptySubsequences: false)
        var common = Int.max
        for l in lines where !l.allSatisfy({ $0 == " " || $0 == "\t" }) {
            common = min(common, l.prefix { $0 == " " || $0 == "\t" }.count)
        }
        if let last = lines.last, last.allSatisfy({ $0 == " " || $0 == "\t" }) { common = min(common, last.count) }
        guard common > 0 && common != Int.max else { return pieces }
        var out: [StringPiece] = []
        var atLineStart = true
        for p in pieces {
            guard case .text(let t) = p else { out.append(p); atLineStart = false; continue }
            var r = ""
            var i = t.startIndex
            while i < t.endIndex {
                if atLineStart {
                    var k = 0
                    while k < common && i < t.endIndex && (t[i] == " " || t[i] == "\t") { i = t.index(after: i); k += 1 }
                    atLineStart = false
                    continue
                }
                let ch = t[i]
                r.append(ch)
                if ch == "\n" { atLineStart = true }
                i = t.index(after: i)
            }
            out.append(.text(r))
        }
        return out
    }

    private mutating func skipBalancedParens(from loc: SourceLocation) throws {
        var depth = 0
        repeat {
            guard pos < src.count else { throw SyntaxError("incomplete: unterminated string interpolation", at: loc, incomplete: true) }
            let c = peek()
            if c == 0x28 { depth += 1; advance() }
            else if c == 0x29 { depth -= 1; advance() }
            else if c == 0x22 { _ = try string() }
            else { advance() }
        } while depth > 0
    }

    private mutating func character() throws -> Token.Kind {
        let loc = here
        advance()
        var text = ""
        guard pos < src.count else { throw SyntaxError("incomplete: unterminated character literal", at: loc, incomplete: true) }
        if peek() == 0x5C {
            try escape(into: &text, at: loc)
        } else if let (s, n) = scalar(at: pos) {
            text.unicodeScalars.append(s)
            advance(n)
        }
        guard peek() == 0x27, let s = text.unicodeScalars.first, text.unicodeScalars.count == 1 else {
            throw SyntaxError("invalid character literal", at: loc)
        }
        advance()
        return .char(s.value)
    }
}
