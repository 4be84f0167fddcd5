/// The keyword forms: definitions, control flow, scoping and modules.
extension Parser {
    mutating func parseIdentifierOrKeyword(_ name: String, _ loc: SourceLocation) throws -> Syn {
        switch name {
        case "true": next(); return Syn(.bool(true), loc)
        case "false": next(); return Syn(.bool(false), loc)
        case "end":
            if indexDepth > 0 { next(); return Syn(.endMarker, loc) }
            throw unexpected("unexpected \"end\"")
        case "function": return try parseFunction(loc)
        case "macro": throw SyntaxError("macro definitions are not supported", at: loc)
        case "if": return try parseIf(loc)
        case "for": return try parseFor(loc)
        case "while": return try parseWhile(loc)
        case "let": return try parseLet(loc)
        case "begin":
            next()
            if indexDepth > 0, isKind(.rbracket) { return Syn(.int(1), loc) }
            let body = try parseBlockBody(until: ["end"])
            try expectKeyword("end")
            return body
        case "quote":
            next()
            let body = try parseBlockBody(until: ["end"])
            try expectKeyword("end")
            return Syn(.quote(body), loc)
        case "try": return try parseTry(loc)
        case "return":
            next()
            if atStatementEnd() { return Syn(.returnStmt(nil), loc) }
            let v = try parseExpr()
            if case .comma = toks[p].kind, !skipsNewlines {
                var items = [v]
                while case .comma = toks[p].kind {
                    next()
                    items.append(try parseExpr())
                }
                return Syn(.returnStmt(Syn(.tuple(items), v.loc)), loc)
            }
            return Syn(.returnStmt(v), loc)
        case "break": next(); return Syn(.breakStmt, loc)
        case "continue": next(); return Syn(.continueStmt, loc)
        case "struct": next(); return try parseStruct(loc, mutable: false)
        case "mutable":
            if case .ident("struct") = peekNext().kind {
                next(); next()
                return try parseStruct(loc, mutable: true)
            }
        case "abstract":
            if case .ident("type") = peekNext().kind {
                next(); next()
                return try parseAbstractType(loc)
            }
        case "primitive":
            if case .ident("type") = peekNext().kind {
                throw SyntaxError("primitive types are not supported", at: loc)
            }
        case "module", "baremodule": return try parseModule(loc)
        case "using": next(); return Syn(.using(try parseImportPaths()), loc)
        case "import": return try parseImport(loc)
        case "export":
            next()
            var names: [String] = []
            repeat {
                if case .comma = peek().kind { next() }
                guard case .ident(let n) = peek().kind else {
                    if case .op(let o) = peek().kind { next(); names.append(o); continue }
                    throw unexpected()
                }
                next()
                names.append(n)
            } while isKind(.comma)
            return Syn(.export(names), loc)
        case "const":
            next()
            return Syn(.const(try parseExpr()), loc)
        case "global", "local":
            next()
            var items: [Syn] = []
            repeat {
                if case .comma = peek().kind { next() }
                items.append(try parseAssignmentNoTuple())
            } while isKind(.comma)
            return Syn(name == "global" ? .global(items) : .local(items), loc)
        case "else", "elseif", "catch", "finally", "do":
            throw unexpected("unexpected \"\(name)\"")
        default: break
        }
        next()
        return Syn(.ident(name), loc)
    }

    /// The right side of `global x = 1, y` stops at commas.
    mutating func parseAssignmentNoTuple() throws -> Syn { try parseExpr() }

    mutating func atStatementEnd() -> Bool {
        switch toks[p].kind {
        case .newline, .semicolon, .eof, .rparen, .rbracket, .comma: return true
        case .ident(let n): return Parser.blockEnders.contains(n)
        default: return false
        }
    }

    /// function -> 'function' name '(' params ')' ['::' type] ['where' …] block 'end'
    ///           | 'function' '(' params ')' block 'end'       (anonymous)
    mutating func parseFunction(_ loc: SourceLocation) throws -> Syn {
        next()
        if case .lparen = peek().kind {
            // anonymous: function (x, y) … end
            next()
            let (args, kws) = try parseCallArguments(closing: .rparen)
            let (params, kwparams) = try functionParams(args, kws)
            let body = try parseBlockBody()
            try expectKeyword("end")
            return Syn(.lambda(params, kwparams, body), loc)
        }
        var name: Syn
        let t = peek()
        switch t.kind {
        case .ident(let n):
            next()
            name = Syn(.ident(n), t.location)
            while case .op(".") = toks[p].kind {
                next()
                if case .ident(let f) = peek().kind { next(); name = Syn(.field(name, f), t.location) }
                else if case .op(":") = peek().kind {
                    next()
                    guard case .op(let o) = peek().kind else { throw unexpected() }
                    next()
                    name = Syn(.field(name, o), t.location)
                } else { throw unexpected() }
            }
        case .op(let o):
            next()
            name = Syn(.ident(o), t.location)
        default:
            throw unexpected("expected function name")
        }
        if case .lbrace = toks[p].kind {
            // parametric constructor name `Foo{T}(…)`: the parameters are ignored
            next()
            _ = try parseCallArguments(closing: .rbrace)
        }
        if !isKind(.lparen) {
            // `function f end` declares a function with no methods
            if isKeyword("end") {
                next()
                return Syn(.function(name: name, params: [], kwparams: [], body: Syn(.block([]), loc), whereNames: ["__nomethods__"]), loc)
            }
            throw unexpected("expected \"(\" in function definition")
        }
        next()
        let (args, kws) = try parseCallArguments(closing: .rparen)
        let (params, kwparams) = try functionParams(args, kws)
        var returnType: Syn?
        if isOp("::") {
            next()
            returnType = try parsePostfix(try parsePrimary())
        }
        var wheres: [WhereVar] = []
        while isKeyword("where") {
            next()
            wheres += try parseWhereNames()
        }
        var body = try parseBlockBody()
        try expectKeyword("end")
        if let rt = returnType { body = Parser.convertingReturns(body, to: rt) }
        let (ps, b) = Parser.applyWhere(wheres, params, body)
        return Syn(.function(name: name, params: ps, kwparams: kwparams, body: b, whereNames: wheres.map { $0.name }), loc)
    }

    /// A type variable of a `where` clause and its upper bound (`T<:Number`).
    public struct WhereVar {
        public let name: String
        public let bound: Syn?

        public init(name: String, bound: Syn?) {
            self.name = name
            self.bound = bound
        }
    }

    mutating func parseWhereNames() throws -> [WhereVar] {
        func one(_ a: Syn) -> WhereVar? {
            if let n = a.identName { return WhereVar(name: n, bound: nil) }
            if case .op("<:", let xs) = a.kind, xs.count == 2, let n = xs[0].identName { return WhereVar(name: n, bound: xs[1]) }
            return nil
        }
        if case .lbrace = peek().kind {
            next()
            let (args, _) = try parseCallArguments(closing: .rbrace)
            return args.compactMap(one)
        }
        return [try parseComparison()].compactMap(one)
    }

    /// Makes a method's `where` variables usable: a parameter declared `x::T` dispatches on
    /// T's bound, and the body starts by binding `T = typeof(x)` (or `T = eltype(v)` for
    /// `v::Vector{T}` and the like), so `one(T)` or `Vector{T}()` work inside it.
    public static func applyWhere(_ wheres: [WhereVar], _ params: [Param], _ body: Syn) -> ([Param], Syn) {
        guard !wheres.isEmpty else { return (params, body) }
        var ps = params
        var prelude: [Syn] = []
        let containers: Set<String> = ["Vector", "AbstractVector", "Array", "AbstractArray", "Matrix", "AbstractMatrix",
                                       "DenseArray", "SharedArray", "Set", "Channel"]
        for w in wheres {
            for (i, p) in ps.enumerated() where !p.isVararg && p.pattern == nil {
                guard let t = p.type else { continue }
                var binder: String?
                var position: Int?
                if case .curly(let head, let args) = t.kind, head.identName == "Type", args.count == 1, args[0].identName == w.name {
                    // `::Type{T}`: T is the argument itself
                    binder = "identity"
                    if p.name.isEmpty { ps[i].name = "#type\(i)" }
                } else if case .curly(let head, let args) = t.kind, head.identName == "Type", args.count == 1,
                          case .curly(_, let inner) = args[0].kind, let k = inner.firstIndex(where: { $0.identName == w.name }) {
                    // `::Type{P{N}}`: N is a parameter of the argument
                    binder = "__type_parameter"
                    position = k + 1
                    if p.name.isEmpty { ps[i].name = "#type\(i)" }
                } else if p.name.isEmpty, case .curly(_, let args) = t.kind, args.contains(where: { $0.identName == w.name }) {
                    // `::P{N}` without a name: named here so that N can be read from it
                    ps[i].name = "#arg\(i + 1)"
                } else if p.name.isEmpty {
                    continue
                }
                if binder != nil {
                } else if t.identName == w.name {
                    binder = "typeof"
                    if let b = w.bound { ps[i].type = b }
                } else if case .curly(let head, let args) = t.kind, let h = head.identName, containers.contains(h),
                          args.first?.identName == w.name {
                    binder = "eltype"
                } else if case .curly(_, let args) = t.kind, let k = args.firstIndex(where: { $0.identName == w.name }) {
                    // `x::P{T}`: T is a parameter of the argument's type
                    binder = "__type_parameter"
                    position = k + 1
                }
                if let f = binder {
                    var subject = Syn(.ident(ps[i].name), t.loc)
                    if let k = position {
                        if case .curly(let head, _) = t.kind, head.identName != "Type" {
                            subject = Syn(.call(Syn(.ident("typeof"), t.loc), [subject], []), t.loc)
                        }
                        let call = Syn(.call(Syn(.ident(f), t.loc), [subject, Syn(.int(Int64(k)), t.loc)], []), t.loc)
                        prelude.append(Syn(.assign(Syn(.ident(w.name), t.loc), call), t.loc))
                        break
                    }
                    let call = Syn(.call(Syn(.ident(f), t.loc), [subject], []), t.loc)
                    prelude.append(Syn(.assign(Syn(.ident(w.name), t.loc), call), t.loc))
                    break
                }
            }
        }
        if prelude.isEmpty { return (ps, body) }
        // a default value may use the variables (`i = N`): it binds the ones it mentions first
        for (i, p) in ps.enumerated() {
            guard let d = p.defaultValue else { continue }
            let used = prelude.filter { st in
                guard case .assign(let lhs, _) = st.kind, let n = lhs.identName else { return false }
                return Parser.mentions(d, n)
            }
            if !used.isEmpty { ps[i].defaultValue = Syn(.block(used + [d]), d.loc) }
        }
        if case .block(let items) = body.kind { return (ps, Syn(.block(prelude + items), body.loc)) }
        return (ps, Syn(.block(prelude + [body]), body.loc))
    }

    /// True when `e` mentions the name `n`.
    static func mentions(_ e: Syn, _ n: String) -> Bool {
        if e.identName == n { return true }
        return Unparser.children(e).contains { mentions($0, n) }
    }

    /// if -> 'if' expr block { 'elseif' expr block } [ 'else' block ] 'end'
    mutating func parseIf(_ loc: SourceLocation) throws -> Syn {
        next()
        let cond = try withNewlines(skipping: false) { try $0.parseExpr() }
        let then = try parseBlockBody()
        if isKeyword("elseif") {
            let eloc = peek().location
            let rest = try parseIf(eloc)
            return Syn(.ifElse(cond, then, rest), loc)
        }
        var otherwise: Syn?
        if isKeyword("else") {
            next()
            otherwise = try parseBlockBody()
        }
        try expectKeyword("end")
        return Syn(.ifElse(cond, then, otherwise), loc)
    }

    /// for -> 'for' iteration { ',' iteration } block 'end'
    mutating func parseFor(_ loc: SourceLocation) throws -> Syn {
        next()
        var iterations: [Iteration] = []
        try withNewlines(skipping: false) { ps in
            repeat {
                // a newline may follow the comma: `for i in a,\n    j in b`
                if case .comma = ps.peek().kind { ps.next(); ps.continueAfterOperator() }
                iterations.append(try ps.parseIteration())
            } while ps.isKind(.comma)
        }
        let body = try parseBlockBody()
        try expectKeyword("end")
        return Syn(.forLoop(iterations, body), loc)
    }

    /// while -> 'while' expr block 'end'
    mutating func parseWhile(_ loc: SourceLocation) throws -> Syn {
        next()
        let cond = try withNewlines(skipping: false) { try $0.parseExpr() }
        let body = try parseBlockBody()
        try expectKeyword("end")
        return Syn(.whileLoop(cond, body), loc)
    }

    /// let -> 'let' [ binding { ',' binding } ] block 'end'
    mutating func parseLet(_ loc: SourceLocation) throws -> Syn {
        next()
        var bindings: [Syn] = []
        try withNewlines(skipping: false) { ps in
            if case .newline = ps.toks[ps.p].kind { return }
            if case .semicolon = ps.peek().kind { return }
            repeat {
                // a newline may follow the comma: `let a = 1,\n    b = 2`
                if case .comma = ps.peek().kind { ps.next(); ps.continueAfterOperator() }
                bindings.append(try ps.parseExpr())
            } while ps.isKind(.comma)
        }
        let body = try parseBlockBody(until: ["end"])
        try expectKeyword("end")
        return Syn(.letBlock(bindings, body), loc)
    }

    /// try -> 'try' block [ 'catch' [name] block ] [ 'finally' block ] 'end'
    mutating func parseTry(_ loc: SourceLocation) throws -> Syn {
        next()
        let body = try parseBlockBody()
        var variable: String?
        var handler: Syn?
        var fin: Syn?
        if isKeyword("catch") {
            next()
            if case .ident(let n) = toks[p].kind, !Parser.blockEnders.contains(n) {
                variable = n
                next()
            }
            handler = try parseBlockBody()
        }
        if isKeyword("finally") {
            next()
            fin = try parseBlockBody()
        }
        try expectKeyword("end")
        if handler == nil && fin == nil { handler = Syn(.block([]), loc) }
        return Syn(.tryCatch(body: body, variable: variable, handler: handler, finally: fin), loc)
    }

    /// struct -> ['mutable'] 'struct' name ['{' params '}'] ['<:' super] { field | constructor } 'end'
    mutating func parseStruct(_ loc: SourceLocation, mutable: Bool) throws -> Syn {
        guard case .ident(let name) = peek().kind else { throw unexpected("expected struct name") }
        next()
        var params: [Syn] = []
        if case .lbrace = toks[p].kind {
            next()
            (params, _) = try parseCallArguments(closing: .rbrace)
        }
        var supertype: Syn?
        if isOp("<:") {
            next()
            supertype = try parsePostfix(try parsePrimary())
        }
        var fields: [Param] = []
        var constructors: [Syn] = []
        try withNewlines(skipping: false) { ps in
            while true {
                ps.skipSeparators()
                if ps.isKeyword("end") { ps.next(); break }
                if case .eof = ps.peek().kind { throw ps.unexpected() }
                let item = try ps.parseExpr()
                switch item.kind {
                case .ident(let n): fields.append(Param(name: n))
                case .typeAssert(let x, let t):
                    guard let n = x.identName else { throw SyntaxError("invalid field declaration", at: item.loc) }
                    fields.append(Param(name: n, type: t))
                case .assign(let x, let d):
                    // a field with a default (@kwdef style) is kept as a plain field
                    if let n = x.identName { fields.append(Param(name: n, defaultValue: d)) }
                    else if case .typeAssert(let y, let t) = x.kind, let n = y.identName { fields.append(Param(name: n, type: t, defaultValue: d)) }
                    else { throw SyntaxError("invalid field declaration", at: item.loc) }
                case .function: constructors.append(item)
                default: throw SyntaxError("invalid struct field declaration", at: item.loc)
                }
            }
        }
        return Syn(.structDef(name: name, params: params, mutable: mutable, supertype: supertype, fields: fields, constructors: constructors), loc)
    }

    /// abstract -> 'abstract' 'type' name ['<:' super] 'end'
    mutating func parseAbstractType(_ loc: SourceLocation) throws -> Syn {
        guard case .ident(let name) = peek().kind else { throw unexpected("expected type name") }
        next()
        if case .lbrace = toks[p].kind {
            next()
            _ = try parseCallArguments(closing: .rbrace)
        }
        var supertype: Syn?
        if isOp("<:") {
            next()
            supertype = try parsePostfix(try parsePrimary())
        }
        try withNewlines(skipping: false) { ps in ps.skipSeparators() }
        try expectKeyword("end")
        return Syn(.abstractDef(name, supertype), loc)
    }

    /// module -> 'module' name block 'end'
    mutating func parseModule(_ loc: SourceLocation) throws -> Syn {
        next()
        guard case .ident(let name) = peek().kind else { throw unexpected("expected module name") }
        next()
        let body = try parseBlockBody(until: ["end"])
        try expectKeyword("end")
        return Syn(.moduleDef(name, body), loc)
    }

    /// paths -> path { ',' path };  path -> { '.' } name { '.' name } [ ':' names ]
    mutating func parseImportPaths() throws -> [[String]] {
        var paths: [[String]] = []
        repeat {
            if case .comma = peek().kind { next() }
            var path: [String] = []
            while case .op(let o) = peek().kind, o == "." || o == ".." {
                next()
                path.append("")
                if o == ".." { path.append("") }
            }
            guard case .ident(let n) = peek().kind else { throw unexpected("expected module name") }
            next()
            path.append(n)
            while case .op(".") = toks[p].kind {
                next()
                guard case .ident(let m) = peek().kind else { throw unexpected() }
                next()
                path.append(m)
            }
            if isOp(":") {
                // `using A: x, y` brings only those names
                next()
                var names: [String] = []
                repeat {
                    if case .comma = peek().kind { next() }
                    switch peek().kind {
                    case .ident(let m): next(); names.append(m)
                    case .op(let o): next(); names.append(o)
                    default: throw unexpected()
                    }
                } while isKind(.comma)
                paths.append(path + [":"] + names)
                return paths
            }
            paths.append(path)
        } while isKind(.comma)
        return paths
    }

    /// import -> 'import' paths
    mutating func parseImport(_ loc: SourceLocation) throws -> Syn {
        next()
        let paths = try parseImportPaths()
        if paths.count == 1, let colon = paths[0].firstIndex(of: ":") {
            return Syn(.importStmt(Array(paths[0][..<colon]), Array(paths[0][(colon + 1)...])), loc)
        }
        // `import A.b` imports the name b from A; `import A` imports the module
        var stmts: [Syn] = []
        for path in paths {
            if path.count > 1 && !path[0].isEmpty || path.filter({ !$0.isEmpty }).count > 1 {
                stmts.append(Syn(.importStmt(Array(path.dropLast()), [path.last ?? ""]), loc))
            } else {
                stmts.append(Syn(.importStmt(path, []), loc))
            }
        }
        return stmts.count == 1 ? stmts[0] : Syn(.block(stmts), loc)
    }

    /// The body of a function declared `f(…)::T`: every value it returns goes through
    /// `convert(T, value)::T`, as Julia does (nested functions keep their own returns).
    public static func convertingReturns(_ body: Syn, to type: Syn) -> Syn {
        func converted(_ v: Syn) -> Syn {
            let call = Syn(.call(Syn(.ident("convert"), v.loc), [type, v], []), v.loc)
            return Syn(.typeAssert(call, type), v.loc)
        }
        let rewritten = Unparser.map(body) { e in
            switch e.kind {
            case .lambda, .function: return e
            case .returnStmt(let v):
                return Syn(.returnStmt(converted(v ?? Syn(.ident("nothing"), e.loc))), e.loc)
            default: return nil
            }
        }
        return Syn(.block([converted(rewritten)]), body.loc)
    }
}
