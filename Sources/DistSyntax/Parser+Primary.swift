/// Primary expressions: literals, names, brackets, macro calls and the keyword forms.
extension Parser {
    /// primary -> literal | identifier | '(' … ')' | '[' … ']' | ':' name | '@' macro | keyword-form
    mutating func parsePrimary() throws -> Syn {
        let t = peek()
        let loc = t.location
        switch t.kind {
        case .int(let v): next(); return Syn(.int(v), loc)
        case .float(let v): next(); return Syn(.float(v), loc)
        case .char(let c): next(); return Syn(.char(c), loc)
        case .string(let pieces): next(); return try stringLiteral(pieces, loc)
        case .command(let words): next(); return try commandLiteral(words, loc)
        case .lparen: next(); return try parseParenthesized(loc)
        case .lbracket: next(); return try parseArrayLiteral(loc)
        case .lbrace:
            throw unexpected("unexpected \"{\"")
        case .macroName(let name):
            next()
            return try parseMacroCall(name, loc, spaceBefore: t.spaceBefore)
        case .op(":"):
            return try parseColonPrimary(loc)
        case .op("$"):
            // `$` binds tighter than calls and indexing, as in Julia: `$f(x)` is `($f)(x)`,
            // `$a[i]` is `($a)[i]`; the caller's postfix loop applies them
            next()
            return Syn(.dollar(try parsePrimary()), loc)
        case .op(let o) where Parser.binaryOperatorNames.contains(o):
            // an operator used as a value: `map(+, a, b)`, `(*)`
            let after = toks[min(p + 1, toks.count - 1)]
            switch after.kind {
            case .rparen, .comma, .semicolon, .rbracket:
                next()
                return Syn(.ident(o), loc)
            case .lparen where !after.spaceBefore:
                next()
                return Syn(.ident(o), loc)
            default:
                if case .eof = after.kind { throw unexpected() }
                throw SyntaxError("\"\(o)\" is not a unary operator", at: loc)
            }
        case .ident(let name):
            return try parseIdentifierOrKeyword(name, loc)
        case .eof:
            throw unexpected()
        default:
            throw unexpected()
        }
    }

    static let binaryOperatorNames: Set<String> = [
        "+", "-", "*", "/", "\\", "^", "%", "÷", "&", "|", "⊻", "<", ">", "<=", ">=", "==", "!=", "===", "!==",
        "≈", "≠", "≤", "≥", "∈", "∉", "=>", ":", "∘", "×", "⋅", "//", "<<", ">>", ">>>", "!", "'", "∪", "∩", "⊆",
        ".+", ".-", ".*", "./", ".^", "<:", ">:", "|>",
    ]

    static let reservedWords: Set<String> = [
        "end", "else", "elseif", "catch", "finally", "do", "in", "isa",
    ]

    mutating func parseColonPrimary(_ loc: SourceLocation) throws -> Syn {
        next() // ':'
        let t = peek()
        switch t.kind {
        case .ident(let n) where !t.spaceBefore:
            next()
            return Syn(.symbol(n), loc)
        case .op(let o) where !t.spaceBefore && o != ":" && o != "=" :
            next()
            return Syn(.symbol(o), loc)
        case .lparen where !t.spaceBefore:
            next()
            let inner = try parseParenthesized(t.location)
            return Syn(.quote(inner), loc)
        default:
            return Syn(.colonAll, loc)
        }
    }

    /// A string literal, with interpolated pieces parsed as expressions.
    mutating func stringLiteral(_ pieces: [StringPiece], _ loc: SourceLocation) throws -> Syn {
        if pieces.count == 1, case .text(let s) = pieces[0] { return Syn(.string(s), loc) }
        var parts: [Syn] = []
        for piece in pieces {
            switch piece {
            case .text(let s): parts.append(Syn(.string(s), loc))
            case .code(let code, let at):
                var sub = try Parser(code, startLine: at.line, startColumn: at.column)
                sub.depth = depth + 1
                let stmts = try sub.withNewlines(skipping: true) { try $0.parseExpr() }
                guard sub.atEOF() else { throw sub.unexpected() }
                parts.append(stmts)
            }
        }
        return Syn(.interpolated(parts), loc)
    }

    /// A command literal: a call of `Base.__cmd` with one tuple per word, holding the word's
    /// literal text and interpolated values in order (the builtin joins or splices them).
    mutating func commandLiteral(_ words: [[StringPiece]], _ loc: SourceLocation) throws -> Syn {
        var args: [Syn] = []
        for w in words {
            var parts: [Syn] = []
            for piece in w {
                switch piece {
                case .text(let s): parts.append(Syn(.string(s), loc))
                case .code(let code, let at):
                    var sub = try Parser(code, startLine: at.line, startColumn: at.column)
                    sub.depth = depth + 1
                    let e = try sub.withNewlines(skipping: true) { try $0.parseExpr() }
                    guard sub.atEOF() else { throw sub.unexpected() }
                    parts.append(e)
                }
            }
            args.append(Syn(.tuple(parts), loc))
        }
        return Syn(.call(Syn(.ident("__cmd"), loc), args, []), loc)
    }

    // MARK: Parentheses

    /// parens -> '(' ')' | '(' expr ')' | '(' expr ',' … ')' | '(' expr ';' … ')' | '(' generator ')'
    mutating func parseParenthesized(_ loc: SourceLocation) throws -> Syn {
        try withNewlines(skipping: true) { ps in
            let savedSpace = ps.spaceSensitive
            let savedTernary = ps.ternaryDepth
            ps.spaceSensitive = false
            ps.ternaryDepth = 0
            ps.generatorContext += 1
            defer { ps.spaceSensitive = savedSpace; ps.ternaryDepth = savedTernary; ps.generatorContext -= 1 }
            if case .rparen = ps.peek().kind { ps.next(); return Syn(.tuple([]), loc) }
            if case .semicolon = ps.peek().kind {
                // `(; a = 1)` named tuple (the `;` starts the keywords)
                let (_, kws) = try ps.parseCallArguments(closing: .rparen)
                return Syn(.namedTuple(kws.map { $0.name }, kws.map { $0.value }), loc)
            }
            let first = try ps.parseExpr()
            if ps.isKeyword("for") {
                let g = try ps.parseGeneratorTail(first, bracket: false)
                try ps.expect(.rparen, "\")\"")
                return g
            }
            switch ps.peek().kind {
            case .rparen:
                ps.next()
                if case .splat = first.kind { return Syn(.tuple([first]), loc) }
                if case .assign(let l, let r) = first.kind, let n = l.identName, false {
                    return Syn(.namedTuple([n], [r]), loc)
                }
                return first
            case .comma:
                var items = [first]
                while case .comma = ps.peek().kind {
                    ps.next()
                    if case .rparen = ps.peek().kind { break }
                    items.append(try ps.parseExpr())
                }
                if case .semicolon = ps.peek().kind {
                    // `(a, b; k = 1) -> …` parameter list (the `;` starts the keywords)
                    let (_, kws) = try ps.parseCallArguments(closing: .rparen)
                    return Syn(.call(Syn(.ident("__paramtuple__"), loc), items, kws), loc)
                }
                try ps.expect(.rparen, "\")\"")
                if items.allSatisfy({ if case .assign(let l, _) = $0.kind { return l.identName != nil } else { return false } }) {
                    var names: [String] = []
                    var values: [Syn] = []
                    for it in items { if case .assign(let l, let r) = it.kind { names.append(l.identName ?? ""); values.append(r) } }
                    return Syn(.namedTuple(names, values), loc)
                }
                return Syn(.tuple(items), loc)
            case .semicolon:
                // `(a; b)` is a block; newlines inside it separate statements too
                var stmts = [first]
                while case .semicolon = ps.peek().kind {
                    ps.next()
                    if case .rparen = ps.peek().kind { break }
                    stmts.append(try ps.parseExpr())
                }
                try ps.expect(.rparen, "\")\"")
                return Syn(.block(stmts), loc)
            default:
                throw ps.unexpected("expected \")\", got \(ps.describe(ps.peek()))")
            }
        }
    }

    /// generator -> expr 'for' iteration { ',' iteration } [ 'if' expr ] { 'for' … }
    mutating func parseGeneratorTail(_ body: Syn, bracket: Bool) throws -> Syn {
        var iterations: [Iteration] = []
        var filter: Syn?
        var nestedFors: [[Iteration]] = []
        while isKeyword("for") {
            next()
            var group: [Iteration] = []
            repeat {
                if case .comma = peek().kind { next() }
                group.append(try parseIteration())
            } while isKind(.comma)
            nestedFors.append(group)
            if isKeyword("if") {
                next()
                filter = try parseExpr()
            }
        }
        iterations = nestedFors.flatMap { $0 }
        let nested = nestedFors.count > 1
        if bracket { return Syn(.comprehension(body, iterations, filter, nested: nested), body.loc) }
        return Syn(.generator(body, iterations, filter, nested: nested), body.loc)
    }

    /// iteration -> target ('=' | 'in' | '∈') expr
    mutating func parseIteration() throws -> Syn.IterationResult {
        let savedSpace = spaceSensitive
        spaceSensitive = false
        defer { spaceSensitive = savedSpace }
        var target = try parsePostfix(try parsePrimary())
        if isKeyword("outer") { target = try parsePostfix(try parsePrimary()) }
        let t = peek()
        switch t.kind {
        case .op("="), .op("∈"), .ident("in"): next()
        default: throw unexpected("expected \"=\" or \"in\" in for loop, got \(describe(t))")
        }
        continueAfterOperator()
        let iterable = try parseRangeLevelForIteration()
        return Iteration(target: target, iterable: iterable)
    }

    /// The iterable of a `for` clause: a full expression without `=`.
    mutating func parseRangeLevelForIteration() throws -> Syn {
        try parseTernary()
    }

    // MARK: Macros

    /// macrocall -> '@' name '(' args ')' | '@' name { space-separated-arg }
    mutating func parseMacroCall(_ name: String, _ loc: SourceLocation, spaceBefore: Bool) throws -> Syn {
        let t = toks[p]
        if case .lparen = t.kind, !t.spaceBefore {
            next()
            let (args, kws) = try parseCallArguments(closing: .rparen)
            let all = args + kws.map { Syn(.assign(Syn(.ident($0.name), $0.value.loc), $0.value), $0.value.loc) }
            return Syn(.macroCall(name, all), loc)
        }
        var args: [Syn] = []
        let savedSpace = spaceSensitive
        spaceSensitive = true
        defer { spaceSensitive = savedSpace }
        while true {
            let n = toks[p]
            switch n.kind {
            case .newline, .semicolon, .eof, .rparen, .rbracket, .rbrace, .comma: break
            case .ident(let w) where (Parser.reservedWords.contains(w) || w == "end") && !Parser.isCallOfInfixWord(toks, p): break
            case .ident("for") where !args.isEmpty && generatorContext > 0: break
            case .op(let o) where o == "=" || o == "->" || Parser.assignmentOps.contains(o) && n.spaceBefore:
                if args.isEmpty && !(o == "=" || o == "->") { args.append(try parseExpr()); continue }
                if o == "=" || o == "->" {
                    // `@m x = 1`: the assignment is the argument
                    if let last = args.popLast() {
                        next()
                        continueAfterOperator()
                        spaceSensitive = false
                        let rhs = try parseExpr()
                        spaceSensitive = true
                        if o == "->" {
                            let ps = try lambdaParams(from: last)
                            args.append(Syn(.lambda(ps.0, ps.1, rhs), last.loc))
                        } else if let def = try shortFunctionDefinition(last, rhs) {
                            args.append(def)
                        } else {
                            args.append(Syn(.assign(last, rhs), last.loc))
                        }
                        continue
                    }
                }
                break
            default:
                // keyword forms and macros take the rest without space sensitivity
                if case .ident(let w) = n.kind, Parser.blockKeywords.contains(w) {
                    spaceSensitive = false
                    args.append(try parseExpr())
                    spaceSensitive = true
                    continue
                }
                if case .macroName = n.kind {
                    spaceSensitive = false
                    args.append(try parseExpr())
                    spaceSensitive = true
                    continue
                }
                args.append(try parseExpr())
                continue
            }
            break
        }
        return Syn(.macroCall(name, args), loc)
    }

    /// True at `isa(` or `in(`: the infix words called as functions (`@test isa(x, Int)`).
    static func isCallOfInfixWord(_ toks: [Token], _ p: Int) -> Bool {
        guard case .ident(let w) = toks[p].kind, w == "isa" || w == "in", p + 1 < toks.count else { return false }
        if case .lparen = toks[p + 1].kind, !toks[p + 1].spaceBefore { return true }
        return false
    }

    static let blockKeywords: Set<String> = [
        "function", "for", "while", "if", "let", "begin", "try", "struct", "mutable", "module", "using", "import",
        "export", "const", "global", "local", "abstract", "quote", "macro", "return",
    ]
}

extension Syn {
    public typealias IterationResult = Iteration
}
