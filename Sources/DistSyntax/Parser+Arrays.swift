/// Array literals, comprehensions and indexing, where whitespace separates elements.
extension Parser {
    /// array -> '[' ']' | '[' expr { ',' expr } ']' | '[' row { (';' | newline) row } ']' | '[' generator ']'
    mutating func parseArrayLiteral(_ loc: SourceLocation) throws -> Syn {
        try parseBracketContents(loc, indexing: false)
    }

    /// index -> e '[' indices ']' | e '[' row … ']' (typed literal) | e '[' generator ']'
    mutating func parseIndexOrTypedLiteral(_ base: Syn) throws -> Syn {
        indexDepth += 1
        defer { indexDepth -= 1 }
        let inner = try parseBracketContents(base.loc, indexing: true)
        switch inner.kind {
        case .vect(let items): return Syn(.ref(base, items), base.loc)
        default: return Syn(.typed(base, inner), base.loc)
        }
    }

    mutating func skipNewlinesRaw() {
        while case .newline = toks[p].kind { p += 1 }
    }

    mutating func parseBracketContents(_ loc: SourceLocation, indexing: Bool) throws -> Syn {
        newlineSkipping.append(false)
        let savedSpace = spaceSensitive
        let savedTernary = ternaryDepth
        spaceSensitive = true
        ternaryDepth = 0
        generatorContext += 1
        defer { newlineSkipping.removeLast(); spaceSensitive = savedSpace; ternaryDepth = savedTernary; generatorContext -= 1 }

        skipNewlinesRaw()
        if case .rbracket = toks[p].kind { next(); return Syn(.vect([]), loc) }
        let first = try parseExpr()
        if isKeyword("for") {
            spaceSensitive = false
            newlineSkipping.append(true)
            defer { newlineSkipping.removeLast() }
            let c = try parseGeneratorTail(first, bracket: true)
            try expect(.rbracket, "\"]\"")
            return c
        }
        if case .comma = toks[p].kind {
            // vector: comma-separated, newlines allowed after commas
            var items = [first]
            spaceSensitive = false
            newlineSkipping.append(true)
            defer { newlineSkipping.removeLast() }
            while case .comma = peek().kind {
                next()
                if case .rbracket = peek().kind { break }
                items.append(try parseExpr())
            }
            if case .semicolon = peek().kind {
                throw unexpected("unexpected semicolon in array expression")
            }
            try expect(.rbracket, "\"]\"")
            return Syn(.vect(items), loc)
        }
        // rows of space-separated elements
        var rows: [[Syn]] = [[first]]
        var sawSeparator = false
        var doubleSemicolon = false
        while true {
            let t = toks[p]
            switch t.kind {
            case .rbracket:
                next()
                if !sawSeparator && rows.count == 1 && rows[0].count == 1 {
                    return Syn(.vect([first]), loc)
                }
                if rows.count == 1 { return Syn(.hcat(rows[0]), loc) }
                if rows.allSatisfy({ $0.count == 1 }) { return Syn(.vcat(rows.map { $0[0] }), loc) }
                _ = doubleSemicolon
                return Syn(.hvcat(rows), loc)
            case .semicolon, .newline:
                next()
                if case .semicolon = t.kind, case .semicolon = toks[p].kind { next(); doubleSemicolon = true }
                skipNewlinesRaw()
                while case .semicolon = toks[p].kind { next(); skipNewlinesRaw() }
                if case .rbracket = toks[p].kind { continue }
                sawSeparator = true
                rows.append([try parseExpr()])
            case .eof:
                throw unexpected()
            case .comma:
                throw unexpected("unexpected comma in matrix expression")
            default:
                rows[rows.count - 1].append(try parseExpr())
            }
        }
    }
}
