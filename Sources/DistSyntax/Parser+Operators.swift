/// Operator expressions, from assignment (lowest) to postfix forms (highest), following
/// Julia's precedence table: assignment, `=>`, `?:`, `||`, `&&`, comparisons, `|>`, `:`,
/// `+`, `*`, `//`, bit shifts, unary operators, juxtaposition, `^`, `::`, then calls,
/// indexing and field access.
extension Parser {
    public static let assignmentOps: Set<String> = [
        "=", "+=", "-=", "*=", "/=", "^=", "%=", "|=", "&=", "\\=", "÷=", "⊻=", "//=", "<<=", ">>=", ">>>=",
        ".+=", ".-=", ".*=", "./=", ".^=", ".÷=", ".%=", ".//=",
    ]
    public static let comparisonOps: Set<String> = [
        "==", "!=", "<", "<=", ">", ">=", "===", "!==", "≈", "≠", "≤", "≥", "∈", "∉", "⊆", "⊂", "∋", "<:", ">:", "≡",
        ".==", ".!=", ".<", ".<=", ".>", ".>=", ".≈", ".≠", ".≤", ".≥",
    ]
    static let plusOps: Set<String> = ["+", "-", "|", "⊻", "∪", ".+", ".-", ".|"]
    static let timesOps: Set<String> = ["*", "/", "÷", "%", "&", "\\", "∘", "×", "⋅", "∩", ".*", "./", ".÷", ".%", ".\\", ".&"]
    static let unaryOps: Set<String> = ["-", "+", "!", "√", "∛", "~", ".-", ".!", ".+"]

    /// expr -> assignment
    mutating func parseExpr() throws -> Syn {
        try nested { try $0.parseAssignment() }
    }

    /// Skips newlines after a binary operator, where the expression must continue.
    mutating func continueAfterOperator() {
        while case .newline = toks[p].kind { p += 1 }
    }

    /// In a space-separated context, `a -b` starts a new element at `-b`.
    mutating func operatorStartsNewElement() -> Bool {
        guard spaceSensitive else { return false }
        let t = peek()
        guard t.spaceBefore else { return false }
        let after = toks[min(p + 1, toks.count - 1)]
        // an operator ending the line continues the expression on the next
        if case .newline = after.kind { return false }
        return !after.spaceBefore
    }

    /// assignment -> pair [ ('=' | 'op=' | '.=' | '->') assignment ]
    mutating func parseAssignment() throws -> Syn {
        let lhs = try parsePair()
        // `f(x::T) where T<:Number = body`
        if isKeyword("where"), Parser.isCallForm(lhs) {
            var wheres: [WhereVar] = []
            while isKeyword("where") {
                next()
                wheres += try parseWhereNames()
            }
            guard isOp("=") else { throw unexpected("expected \"=\" after a where clause") }
            next()
            continueAfterOperator()
            let rhs = try parseAssignment()
            guard let def = try shortFunctionDefinition(lhs, rhs, wheres: wheres) else {
                throw SyntaxError("invalid function definition", at: lhs.loc)
            }
            return def
        }
        let t = peek()
        guard case .op(let o) = t.kind else { return lhs }
        if o == "->" {
            next()
            continueAfterOperator()
            let params = try lambdaParams(from: lhs)
            let body = try parseAssignment()
            return Syn(.lambda(params.0, params.1, body), lhs.loc)
        }
        guard Parser.assignmentOps.contains(o) || o == ".=" else { return lhs }
        if spaceSensitive && t.spaceBefore && !toks[p + 1].spaceBefore { return lhs }
        next()
        continueAfterOperator()
        let rhs = try parseAssignment()
        if o == "=" {
            if let def = try shortFunctionDefinition(lhs, rhs) { return def }
            return Syn(.assign(lhs, rhs), lhs.loc)
        }
        if o == ".=" { return Syn(.dotAssign(lhs, rhs), lhs.loc) }
        return Syn(.opAssign(String(o.dropLast()), lhs, rhs), lhs.loc)
    }

    /// `f(x) = body` defines a function; so do `f(x)::T = body` and `f(x) where T = body`.
    static func isCallForm(_ s: Syn) -> Bool {
        if case .call = s.kind { return true }
        if case .typeAssert(let inner, _) = s.kind, case .call = inner.kind { return true }
        return false
    }

    mutating func shortFunctionDefinition(_ lhs: Syn, _ rhs: Syn, wheres: [WhereVar] = []) throws -> Syn? {
        var target = lhs
        var returnType: Syn?
        if case .typeAssert(let inner, let t) = lhs.kind, case .call = inner.kind { target = inner; returnType = t }
        guard case .call(let name, let args, let kws) = target.kind else { return nil }
        switch name.kind {
        case .ident, .field, .curly: break
        default: return nil
        }
        let (params, kwparams) = try functionParams(args, kws)
        var body = Syn(.block([rhs]), rhs.loc)
        if let rt = returnType { body = Parser.convertingReturns(body, to: rt) }
        let (ps, b) = Parser.applyWhere(wheres, params, body)
        return Syn(.function(name: name, params: ps, kwparams: kwparams, body: b, whereNames: wheres.map { $0.name }), lhs.loc)
    }

    /// Parameters of `x -> …`, `(a, b) -> …`, `(x::Int, y=2; k=1) -> …`.
    mutating func lambdaParams(from lhs: Syn) throws -> ([Param], [Param]) {
        switch lhs.kind {
        case .tuple(let items):
            return try functionParams(items, [])
        case .block(let items) where items.count == 2:
            // `(a; k=1) -> …` parses as a block
            let (ps, _) = try functionParams([items[0]], [])
            let (ks, _) = try functionParams([items[1]], [])
            return (ps, ks)
        case .call(let f, let args, let kws) where f.identName == "__paramtuple__":
            return try functionParams(args, kws)
        default:
            return try functionParams([lhs], [])
        }
    }

    /// Converts call arguments into parameters.
    public func functionParams(_ args: [Syn], _ kws: [KeywordArg]) throws -> ([Param], [Param]) {
        var params: [Param] = []
        for a in args {
            params.append(try param(a))
        }
        var kwparams: [Param] = []
        for k in kws {
            if k.name == "..." {
                kwparams.append(Param(name: k.value.identName ?? "kwargs", isVararg: true))
                continue
            }
            kwparams.append(try param(k.raw ?? Syn(.assign(Syn(.ident(k.name), k.value.loc), k.value), k.value.loc)))
        }
        return (params, kwparams)
    }

    func param(_ a: Syn) throws -> Param {
        switch a.kind {
        case .ident(let n): return Param(name: n)
        case .typeAssert(let x, let t):
            if let n = x.identName { return Param(name: n, type: t) }
            if case .tuple = x.kind { return Param(name: "", type: t, pattern: x) }
            throw SyntaxError("invalid function argument", at: a.loc)
        case .assign(let x, let d):
            var p = try param(x)
            p.defaultValue = d
            return p
        case .splat(let x):
            var p = try param(x)
            p.isVararg = true
            return p
        case .tuple:
            return Param(name: "", pattern: a)
        case .op("::", let xs) where xs.count == 1:
            return Param(name: "_", type: xs[0])
        default:
            throw SyntaxError("invalid function argument", at: a.loc)
        }
    }

    /// pair -> ternary [ '=>' pair ]
    mutating func parsePair() throws -> Syn {
        let lhs = try parseTernary()
        if (isOp("=>") || isOp(".=>")) && !operatorStartsNewElement() {
            let o = isOp("=>") ? "=>" : ".=>"
            next()
            continueAfterOperator()
            var rhs = try parsePair()
            // `r => s -> f(s)`: the arrow takes the pair's right side, as in Julia
            if isOp("->") {
                next()
                continueAfterOperator()
                let params = try lambdaParams(from: rhs)
                rhs = Syn(.lambda(params.0, params.1, try parseAssignment()), rhs.loc)
            }
            return Syn(.op(o, [lhs, rhs]), lhs.loc)
        }
        return lhs
    }

    /// ternary -> or [ '?' ternary ':' ternary ]
    mutating func parseTernary() throws -> Syn {
        let cond = try parseOr()
        guard isOp("?") else { return cond }
        let q = peek()
        if spaceSensitive && !q.spaceBefore { return cond }
        next()
        continueAfterOperator()
        ternaryDepth += 1
        let a = try nested { try $0.parseTernary() }
        ternaryDepth -= 1
        guard isOp(":") else { throw unexpected("colon expected in \"?\" expression") }
        next()
        continueAfterOperator()
        let b = try nested { try $0.parseTernary() }
        return Syn(.ternary(cond, a, b), cond.loc)
    }

    /// or -> and { '||' and }
    mutating func parseOr() throws -> Syn {
        var lhs = try parseAnd()
        while isOp("||") && !operatorStartsNewElement() {
            next()
            continueAfterOperator()
            let rhs = try parseAnd()
            lhs = Syn(.or(lhs, rhs), lhs.loc)
        }
        return lhs
    }

    /// and -> comparison { '&&' comparison }
    mutating func parseAnd() throws -> Syn {
        var lhs = try parseComparison()
        while isOp("&&") && !operatorStartsNewElement() {
            next()
            continueAfterOperator()
            let rhs = try parseComparison()
            lhs = Syn(.and(lhs, rhs), lhs.loc)
        }
        return lhs
    }

    mutating func comparisonOperator() -> String? {
        let t = peek()
        switch t.kind {
        case .op(let o) where Parser.comparisonOps.contains(o):
            return operatorStartsNewElement() ? nil : o
        case .ident(let n) where n == "in" || n == "isa":
            return n
        default: return nil
        }
    }

    /// comparison -> pipe { compop pipe }
    mutating func parseComparison() throws -> Syn {
        let first = try parsePipe()
        var operands = [first]
        var ops: [String] = []
        while let o = comparisonOperator() {
            next()
            continueAfterOperator()
            ops.append(o)
            operands.append(try parsePipe())
        }
        if ops.isEmpty { return first }
        if ops.count == 1 { return Syn(.op(ops[0], operands), first.loc) }
        return Syn(.comparison(operands, ops), first.loc)
    }

    /// pipe -> range { '|>' range }
    mutating func parsePipe() throws -> Syn {
        var lhs = try parseRange()
        while (isOp("|>") || isOp("<|")) && !operatorStartsNewElement() {
            let o = next()
            continueAfterOperator()
            let rhs = try parseRange()
            if case .op(let s) = o.kind, s == "<|" {
                lhs = Syn(.call(lhs, [rhs], []), lhs.loc)
            } else {
                lhs = Syn(.call(rhs, [lhs], []), lhs.loc)
            }
        }
        return lhs
    }

    /// range -> plus [ ':' plus [ ':' plus ] ] [ '...' ]
    ///
    /// A splat applies to the whole range, as in Julia: `[1:3...]` is `[(1:3)...]`.
    mutating func parseRange() throws -> Syn {
        var e = try parsePlus()
        if isRangeColon() {
            next()
            continueAfterOperator()
            let second = try parsePlus()
            if isRangeColon() {
                next()
                continueAfterOperator()
                let third = try parsePlus()
                e = Syn(.op(":", [e, second, third]), e.loc)
            } else {
                e = Syn(.op(":", [e, second]), e.loc)
            }
        }
        while isOp("...") {
            next()
            e = Syn(.splat(e), e.loc)
        }
        return e
    }

    mutating func isRangeColon() -> Bool {
        let t = peek()
        guard case .op(":") = t.kind else { return false }
        if ternaryDepth > 0 && t.spaceBefore { return false }
        if spaceSensitive && t.spaceBefore && !toks[p + 1].spaceBefore { return false }
        // `a :b` is not a range in a space-separated context
        return true
    }

    /// plus -> times { ('+' | '-' | '|' | …) times }
    mutating func parsePlus() throws -> Syn {
        var lhs = try parseTimes()
        while case .op(let o) = peek().kind, Parser.plusOps.contains(o), !operatorStartsNewElement() {
            next()
            continueAfterOperator()
            var operands = [lhs, try parseTimes()]
            // `a + b + c` is one call `+(a, b, c)`, as in Julia: the run is collected in one
            // array (appending to a copy per term made a 40,000-term chain quadratic)
            if o == "+" {
                while isOp(o) && !operatorStartsNewElement() {
                    next()
                    continueAfterOperator()
                    operands.append(try parseTimes())
                }
            }
            lhs = Syn(.op(o, operands), lhs.loc)
        }
        return lhs
    }

    /// times -> rational { ('*' | '/' | '÷' | '%' | …) rational }
    mutating func parseTimes() throws -> Syn {
        var lhs = try parseRational()
        while case .op(let o) = peek().kind, Parser.timesOps.contains(o), !operatorStartsNewElement() {
            next()
            continueAfterOperator()
            var operands = [lhs, try parseRational()]
            if o == "*" {
                while isOp(o) && !operatorStartsNewElement() {
                    next()
                    continueAfterOperator()
                    operands.append(try parseRational())
                }
            }
            lhs = Syn(.op(o, operands), lhs.loc)
        }
        return lhs
    }

    /// rational -> shift { '//' shift }
    mutating func parseRational() throws -> Syn {
        var lhs = try parseShift()
        while isOp("//") && !operatorStartsNewElement() {
            next()
            continueAfterOperator()
            lhs = Syn(.op("//", [lhs, try parseShift()]), lhs.loc)
        }
        return lhs
    }

    /// shift -> unary { ('<<' | '>>' | '>>>') unary }
    mutating func parseShift() throws -> Syn {
        var lhs = try parseUnary()
        while case .op(let o) = peek().kind, o == "<<" || o == ">>" || o == ">>>", !operatorStartsNewElement() {
            next()
            continueAfterOperator()
            lhs = Syn(.op(o, [lhs, try parseUnary()]), lhs.loc)
        }
        return lhs
    }

    /// unary -> ('-' | '+' | '!' | '√' | '~') unary | juxtaposition
    mutating func parseUnary() throws -> Syn {
        let t = peek()
        if case .op("::") = t.kind {
            // `::T` alone: an unnamed parameter of type T, as in `speak(::Dog) = "woof"`
            next()
            let ty = try parsePostfix(try parsePrimary())
            return Syn(.op("::", [ty]), t.location)
        }
        if case .op(let o) = t.kind, Parser.unaryOps.contains(o) {
            let after = toks[min(p + 1, toks.count - 1)]
            // An operator used as a value: `(+)`, `f(-, x)`, `reduce(+, v)`.
            switch after.kind {
            case .rparen, .comma, .semicolon, .eof, .rbracket:
                next()
                return Syn(.ident(o), t.location)
            case .lparen where !after.spaceBefore:
                // `-(1, 2)` and `+(a, b)` call the operator; `-(x)` is the same as unary minus.
                next()
                let callee = Syn(.ident(o), t.location)
                return try parsePostfix(callee)
            default: break
            }
            next()
            // `-2^2` is -(2^2) in Julia: the operand includes any power.
            let operand = try parseUnary()
            return Syn(.op(o, [operand]), t.location)
        }
        return try parseJuxtaposition()
    }

    /// juxtaposition -> number (identifier | '(' …) | power
    mutating func parseJuxtaposition() throws -> Syn {
        let t = peek()
        let base = try parsePower()
        switch t.kind {
        case .int, .float:
            let n = peek()
            if !n.spaceBefore, case .ident(let name) = n.kind, !["end", "for", "in", "if", "else", "elseif", "isa"].contains(name) {
                let rhs = try parsePower()
                return Syn(.op("*", [base, rhs]), base.loc)
            }
            if !n.spaceBefore, case .lparen = n.kind, case .int = base.kind {
                let rhs = try parsePower()
                return Syn(.op("*", [base, rhs]), base.loc)
            }
            if !n.spaceBefore, case .lparen = n.kind, case .float = base.kind {
                let rhs = try parsePower()
                return Syn(.op("*", [base, rhs]), base.loc)
            }
        default: break
        }
        return base
    }

    /// power -> postfix [ ('^' | '.^') unary ]
    mutating func parsePower() throws -> Syn {
        let primary = try parsePrimary()
        var base = primary
        switch primary.kind {
        case .int, .float:
            // `2(x+1)` is a product, not a call; only an adjoint or a type assertion may
            // follow a number (a splat is parsed with ranges).
            if isOp("'") || isOp("::") { base = try parsePostfix(primary) }
        default:
            base = try parsePostfix(primary)
        }
        if case .op(let o) = peek().kind, o == "^" || o == ".^", !operatorStartsNewElement() {
            next()
            continueAfterOperator()
            let t = peek()
            var exponent: Syn
            if case .op(let u) = t.kind, u == "-" || u == "+" {
                next()
                exponent = Syn(.op(u, [try parsePower()]), t.location)
            } else {
                exponent = try parsePower()
            }
            return Syn(.op(o, [base, exponent]), base.loc)
        }
        return base
    }

    /// postfix -> primary { '(' args ')' | '[' indices ']' | '{' params '}' | '.' name | '.(' args ')' | "'" | '::' type | do-block }
    mutating func parsePostfix(_ start: Syn) throws -> Syn {
        var e = start
        while true {
            let t = peek()
            switch t.kind {
            case .lparen where !t.spaceBefore:
                next()
                let (args, kws) = try parseCallArguments(closing: .rparen)
                e = Syn(.call(e, args, kws), e.loc)
                if isKeyword("do") { e = try parseDoBlock(e) }
            case .lbracket where !t.spaceBefore:
                next()
                e = try parseIndexOrTypedLiteral(e)
            case .lbrace where !t.spaceBefore:
                next()
                let (args, _) = try parseCallArguments(closing: .rbrace)
                e = Syn(.curly(e, args), e.loc)
            case .op(".") where !t.spaceBefore || !spaceSensitive:
                let after = toks[min(p + 1, toks.count - 1)]
                switch after.kind {
                case .lparen:
                    next(); next()
                    let (args, _) = try parseCallArguments(closing: .rparen)
                    e = Syn(.dotCall(e, args), e.loc)
                case .ident(let n):
                    next(); next()
                    e = Syn(.field(e, n), e.loc)
                case .macroName(let m):
                    // `Test.@test …`, `Base.Experimental.@sync …`: the macro, whatever module names it
                    next(); next()
                    return try parseMacroCall(m, e.loc, spaceBefore: after.spaceBefore)
                case .op(":"):
                    // `Base.:+`
                    next(); next()
                    guard case .op(let o) = peek().kind else { throw unexpected() }
                    next()
                    e = Syn(.field(e, o), e.loc)
                default:
                    throw unexpected("invalid syntax after \".\"")
                }
            case .op("'") where !t.spaceBefore:
                next()
                e = Syn(.op("'", [e]), e.loc)
            case .op("::") where !(spaceSensitive && t.spaceBefore):
                next()
                let ty = try parsePostfix(try parsePrimary())
                e = Syn(.typeAssert(e, ty), e.loc)
            case .string(let pieces) where !t.spaceBefore && e.identName != nil:
                // string macros such as MIME"text/plain"
                next()
                var text = ""
                for piece in pieces { if case .text(let s) = piece { text += s } }
                var args = [Syn(.string(text), t.location)]
                // a suffix right after the closing quote (`r"abc"i`) is the macro's second
                // argument, as Julia's `@r_str("abc", "i")`
                if case .ident(let suffix) = peek().kind, !peek().spaceBefore {
                    args.append(Syn(.string(suffix), peek().location))
                    next()
                }
                e = Syn(.call(Syn(.ident("@str_" + (e.identName ?? "")), e.loc), args, []), e.loc)
            default:
                return e
            }
        }
    }

    /// do-block -> 'do' params newline block 'end', passed as the call's first argument
    mutating func parseDoBlock(_ call: Syn) throws -> Syn {
        let loc = peek().location
        next()
        var params: [Param] = []
        try withNewlines(skipping: false) { ps in
            if case .newline = ps.toks[ps.p].kind {} else if case .semicolon = ps.peek().kind {} else {
                repeat {
                    if case .comma = ps.peek().kind { ps.next() }
                    let target = try ps.parsePostfix(try ps.parsePrimary())
                    params.append(try ps.param(target))
                } while ps.isKind(.comma)
            }
        }
        let body = try parseBlockBody()
        try expectKeyword("end")
        let lambda = Syn(.lambda(params, [], body), loc)
        guard case .call(let f, let args, let kws) = call.kind else { return call }
        return Syn(.call(f, [lambda] + args, kws), call.loc)
    }

    /// args -> [ arg { ',' arg } ] [ ';' kwarg { ',' kwarg } ]; a generator may stand alone.
    mutating func parseCallArguments(closing: Token.Kind) throws -> ([Syn], [KeywordArg]) {
        try withNewlines(skipping: true) { ps in
            let savedSpace = ps.spaceSensitive
            let savedIndex = ps.indexDepth
            let savedTernary = ps.ternaryDepth
            ps.spaceSensitive = false
            ps.ternaryDepth = 0
            if closing != .rbracket { ps.indexDepth = ps.indexDepth } // `end` still refers to an enclosing index
            defer { ps.spaceSensitive = savedSpace; ps.indexDepth = savedIndex; ps.ternaryDepth = savedTernary }
            var args: [Syn] = []
            var kws: [KeywordArg] = []
            var inKeywords = false
            while true {
                let t = ps.peek()
                if t.kind == closing { ps.next(); break }
                if case .semicolon = t.kind { ps.next(); inKeywords = true; continue }
                if case .eof = t.kind { throw ps.unexpected() }
                var a = try ps.parseExpr()
                if ps.isKeyword("for") {
                    a = try ps.parseGeneratorTail(a, bracket: false)
                }
                if inKeywords, case .assign(let lhs, let rhs) = a.kind {
                    var n = lhs.identName
                    if n == nil, case .typeAssert(let x, _) = lhs.kind { n = x.identName }
                    guard let name = n else { throw SyntaxError("invalid keyword argument", at: a.loc) }
                    kws.append(KeywordArg(name: name, value: rhs, raw: a))
                } else if inKeywords {
                    if case .splat(let inner) = a.kind {
                        kws.append(KeywordArg(name: "...", value: inner, raw: a))
                    } else if let n = a.identName {
                        kws.append(KeywordArg(name: n, value: a, raw: a))
                    } else if case .typeAssert(let x, _) = a.kind, let n = x.identName {
                        kws.append(KeywordArg(name: n, value: x, raw: a))
                    } else {
                        throw SyntaxError("invalid keyword argument", at: a.loc)
                    }
                } else {
                    args.append(a)
                }
                let n = ps.peek()
                if case .comma = n.kind { ps.next(); continue }
                if n.kind == closing { ps.next(); break }
                if case .semicolon = n.kind { continue }
                throw ps.unexpected("expected \",\" or \(ps.describe(Token(kind: closing, location: .unknown, spaceBefore: false, offset: 0, end: 0))), got \(ps.describe(n))")
            }
            return (args, kws)
        }
    }
}
