/// Parses Julia source into a syntax tree.
///
/// Recursive descent for statements, precedence climbing for operators. Each parse function
/// carries its grammar production. Newlines end statements, except inside parentheses and
/// braces (a context stack says which). Running out of input inside an open construct throws
/// an `incomplete` error, which the REPL uses to ask for a continuation line.
public struct Parser {
    var toks: [Token]
    var p = 0
    /// For each open bracket or block: whether newlines are skipped inside it.
    var newlineSkipping: [Bool] = [false]
    /// Inside `[ ]` literals and macro arguments, whitespace separates elements.
    var spaceSensitive = false
    /// Depth of index brackets, where `end` means the last index.
    var indexDepth = 0
    /// Inside the middle of `a ? b : c`, a spaced `:` ends the expression.
    var ternaryDepth = 0
    /// Inside `[ ]` or `( )`, where `for` after an expression starts a generator (so it ends
    /// a macro call's arguments: `[@async f(i) for i = 1:3]`).
    var generatorContext = 0
    /// Nesting depth, bounded so that hostile input cannot exhaust the stack.
    var depth = 0
    static let maxDepth = 800
    let source: String

    public init(_ source: String, startLine: Int = 1, startColumn: Int = 1) throws {
        self.source = source
        toks = try Lexer.tokenize(source, startLine: startLine, startColumn: startColumn)
    }

    /// Parses a whole program (a file, or one REPL input) into its top-level statements.
    public static func parseProgram(_ source: String) throws -> [Syn] {
        var parser = try Parser(source)
        return try parser.parseToplevel()
    }

    /// Parses as many top-level statements as it can: the statements before the first error,
    /// and that error. (A script runs the statements that precede a syntax error, as Julia does.)
    public static func parseProgramPartial(_ source: String, startLine: Int = 1) -> ([Syn], SyntaxError?) {
        var parser: Parser
        do {
            parser = try Parser(source, startLine: startLine)
        } catch let e as SyntaxError {
            return ([], e)
        } catch {
            return ([], SyntaxError("\(error)", at: .unknown))
        }
        var out: [Syn] = []
        do {
            try parser.parseToplevel(into: &out)
            return (out, nil)
        } catch let e as SyntaxError {
            return (out, e)
        } catch {
            return (out, SyntaxError("\(error)", at: .unknown))
        }
    }

    /// Whether `source` is a complete input: false when it ends inside an open construct.
    public static func isComplete(_ source: String) -> Bool {
        do {
            _ = try parseProgram(source)
            return true
        } catch let e as SyntaxError {
            return !e.incomplete
        } catch {
            return true
        }
    }

    // MARK: Tokens

    var skipsNewlines: Bool { newlineSkipping.last ?? false }

    /// The current token (newlines skipped where they do not matter).
    mutating func peek() -> Token {
        if skipsNewlines {
            while case .newline = toks[p].kind { p += 1 }
        }
        return toks[p]
    }

    /// The token after the current one.
    mutating func peekNext() -> Token {
        _ = peek()
        var q = p + 1
        if skipsNewlines { while q < toks.count - 1, case .newline = toks[q].kind { q += 1 } }
        return toks[min(q, toks.count - 1)]
    }

    @discardableResult
    mutating func next() -> Token {
        let t = peek()
        if p < toks.count - 1 { p += 1 }
        return t
    }

    mutating func atEOF() -> Bool {
        if case .eof = peek().kind { return true }
        return false
    }

    mutating func isOp(_ s: String) -> Bool {
        if case .op(let o) = peek().kind { return o == s }
        return false
    }

    mutating func isKeyword(_ s: String) -> Bool {
        if case .ident(let n) = peek().kind { return n == s }
        return false
    }

    mutating func isKind(_ k: Token.Kind) -> Bool { peek().kind == k }

    func describe(_ t: Token) -> String {
        switch t.kind {
        case .int(let v): return "\"\(v)\""
        case .float(let v): return "\"\(v)\""
        case .string: return "string"
        case .command: return "command"
        case .char: return "character"
        case .ident(let n): return "\"\(n)\""
        case .op(let o): return "\"\(o)\""
        case .macroName(let m): return "\"@\(m)\""
        case .lparen: return "\"(\""
        case .rparen: return "\")\""
        case .lbracket: return "\"[\""
        case .rbracket: return "\"]\""
        case .lbrace: return "\"{\""
        case .rbrace: return "\"}\""
        case .comma: return "\",\""
        case .semicolon: return "\";\""
        case .newline: return "newline"
        case .eof: return "end of input"
        }
    }

    /// An error at the current token; at end of input it is an incomplete-input error.
    mutating func unexpected(_ what: String? = nil) -> SyntaxError {
        let t = peek()
        if case .eof = t.kind {
            return SyntaxError("incomplete: premature end of input", at: t.location, incomplete: true)
        }
        return SyntaxError(what ?? "unexpected \(describe(t))", at: t.location)
    }

    mutating func expect(_ k: Token.Kind, _ what: String) throws {
        guard peek().kind == k else { throw unexpected("expected \(what), got \(describe(peek()))") }
        next()
    }

    mutating func expectKeyword(_ k: String) throws {
        guard isKeyword(k) else { throw unexpected("expected \"\(k)\", got \(describe(peek()))") }
        next()
    }

    mutating func withNewlines<T>(skipping: Bool, _ body: (inout Parser) throws -> T) rethrows -> T {
        newlineSkipping.append(skipping)
        let savedSpace = spaceSensitive
        if !skipping { spaceSensitive = false }
        defer { newlineSkipping.removeLast(); spaceSensitive = savedSpace }
        return try body(&self)
    }

    mutating func nested<T>(_ body: (inout Parser) throws -> T) throws -> T {
        depth += 1
        defer { depth -= 1 }
        if depth > Parser.maxDepth || stackNearlyExhausted() {
            throw SyntaxError("expression too deeply nested", at: peek().location)
        }
        return try body(&self)
    }

    // MARK: Statements

    static let blockEnders: Set<String> = ["end", "else", "elseif", "catch", "finally"]

    /// toplevel -> { statement (newline | ';') }
    mutating func parseToplevel() throws -> [Syn] {
        var out: [Syn] = []
        try parseToplevel(into: &out)
        return out
    }

    mutating func parseToplevel(into out: inout [Syn]) throws {
        while true {
            skipSeparators()
            if atEOF() { break }
            out.append(try parseStatement())
            let t = peek()
            switch t.kind {
            case .newline, .semicolon, .eof: continue
            default: throw unexpected("extra token \(describe(t)) after end of expression")
            }
        }
    }

    mutating func skipSeparators() {
        while true {
            switch toks[p].kind {
            case .newline, .semicolon: p += 1
            default: return
            }
        }
    }

    /// block -> { statement separator } until a block-ending keyword (not consumed)
    mutating func parseBlockBody(until enders: Set<String> = Parser.blockEnders) throws -> Syn {
        let loc = peek().location
        return try withNewlines(skipping: false) { ps in
            var stmts: [Syn] = []
            while true {
                ps.skipSeparators()
                let t = ps.peek()
                if case .ident(let n) = t.kind, enders.contains(n) { break }
                if case .eof = t.kind { throw ps.unexpected() }
                if case .rparen = t.kind { throw ps.unexpected() }
                stmts.append(try ps.parseStatement())
                switch ps.peek().kind {
                case .newline, .semicolon: continue
                case .ident(let n) where enders.contains(n): continue
                default: throw ps.unexpected("extra token \(ps.describe(ps.peek())) after end of expression")
                }
            }
            return Syn(.block(stmts), loc)
        }
    }

    /// statement -> expression { ',' expression }  (a bare comma list is a tuple; `a, b = t`
    ///              destructures)
    mutating func parseStatement() throws -> Syn {
        var start = p
        let first = try parseExpr()
        guard case .comma = toks[p].kind else { return first }
        var items = [first]
        // items written in parentheses: `x, (y = 5)` is a tuple whose second item assigns
        var enclosed = [parenthesized(start, p)]
        while case .comma = toks[p].kind {
            next()
            continueAfterOperator()
            start = p
            items.append(try parseExpr())
            enclosed.append(parenthesized(start, p))
        }
        return Parser.tupleStatement(items, first.loc, enclosed: enclosed)
    }

    /// Whether the tokens from `start` up to `end` are one parenthesised expression.
    private func parenthesized(_ start: Int, _ end: Int) -> Bool {
        guard end - start >= 2, case .lparen = toks[start].kind, case .rparen = toks[end - 1].kind else { return false }
        var depth = 0
        for i in start..<end {
            switch toks[i].kind {
            case .lparen, .lbracket, .lbrace: depth += 1
            case .rparen, .rbracket, .rbrace:
                depth -= 1
                if depth == 0 && i < end - 1 { return false }
            default: break
            }
        }
        return true
    }

    /// Builds `a, b = x, y` from the comma-separated items `a`, `b = x`, `y` (an item in
    /// parentheses is an item, whatever it is).
    static func tupleStatement(_ items: [Syn], _ loc: SourceLocation, enclosed: [Bool]? = nil) -> Syn {
        guard let k = items.indices.first(where: { i in
                  if case .assign = items[i].kind { return !(enclosed?[i] ?? false) } else { return false }
              }),
              case .assign(let lhsLast, let rhsFirst) = items[k].kind else {
            return Syn(.tuple(items), loc)
        }
        let lhs = Syn(.tuple(Array(items[..<k]) + [lhsLast]), loc)
        let rest = Array(items[(k + 1)...])
        let rhs = rest.isEmpty ? rhsFirst : Syn(.tuple([rhsFirst] + rest), rhsFirst.loc)
        return Syn(.assign(lhs, rhs), loc)
    }
}
