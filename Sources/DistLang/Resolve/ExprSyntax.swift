import DistSyntax

/// Turns an `Expr` value back into syntax, so that `eval` resolves it as any statement.
///
/// This is the inverse of `ExprTree`: heads become syntax kinds, symbols names, and literal
/// leaves literals. Any other value inside an expression (a function, an array spliced in with
/// `$`) is kept as it is: it becomes `@__interp__ k`, which resolves to that value, as the
/// `$x` values of an `@everywhere` body do. No source text is parsed, so a worker may
/// evaluate an expression it received.
struct ExprSyntax {
    /// The values kept as they are, by index.
    var values: [Value] = []
    /// The location of the statement being converted (from the last line number seen).
    var loc = SourceLocation(line: 1, column: 1)

    /// The syntax of `v`.
    mutating func syntax(_ v: Value) throws -> Syn {
        switch v {
        case .int(let i): return Syn(.int(i), loc)
        case .float(let f): return Syn(.float(f), loc)
        case .bool(let b): return Syn(.bool(b), loc)
        case .char(let c): return Syn(.char(c), loc)
        case .str(let s): return Syn(.string(s.value), loc)
        case .nothing: return Syn(.ident("nothing"), loc)
        case .sym(let s):
            switch s.name {
            case "end": return Syn(.endMarker, loc)
            default: return Syn(.ident(s.name), loc)
            }
        case .obj(let o as JStruct) where o.type === JType.expr:
            return try expr(o)
        case .obj(let o as JStruct) where o.type === JType.quoteNode:
            if case .sym(let s) = o[0] { return Syn(.symbol(s.name), loc) }
            return keep(o[0])
        case .obj(let o as JStruct) where o.type === JType.lineNumberNode:
            if case .int(let n) = o[0] { loc = SourceLocation(line: Int(n), column: 1) }
            return Syn(.ident("nothing"), loc)
        default:
            return keep(v)
        }
    }

    /// A value that has no syntax of its own, spliced in as `@__interp__ k`.
    mutating func keep(_ v: Value) -> Syn {
        values.append(v)
        return Syn(.macroCall("__interp__", [Syn(.int(Int64(values.count - 1)), loc)]), loc)
    }

    static func parts(_ e: JStruct) -> (String, [Value]) {
        let head: String
        if case .sym(let s) = e[0] { head = s.name } else { head = "" }
        var args: [Value] = []
        if case .arr(let a) = e[1] { for i in 0..<a.count { args.append(a.get(i)) } }
        return (head, args)
    }

    static func isExpr(_ v: Value, _ head: String) -> Bool {
        guard case .obj(let o as JStruct) = v, o.type === JType.expr else { return false }
        return ExprSyntax.parts(o).0 == head
    }

    static func isLine(_ v: Value) -> Bool {
        if case .obj(let o as JStruct) = v { return o.type === JType.lineNumberNode }
        return false
    }

    func invalid(_ what: String) -> SyntaxError { SyntaxError(what, at: loc) }

    mutating func expr(_ e: JStruct) throws -> Syn {
        let (head, args) = ExprSyntax.parts(e)
        let at = loc
        func arg(_ i: Int) throws -> Value {
            guard i < args.count else { throw invalid("invalid syntax \(head) expression: too few arguments") }
            return args[i]
        }
        func all(_ xs: ArraySlice<Value>) throws -> [Syn] { try xs.map { try syntax($0) } }
        switch head {
        case "call": return try call(args)
        case ".":
            let o = try syntax(try arg(0))
            let b = try arg(1)
            if case .obj(let q as JStruct) = b, q.type === JType.quoteNode, case .sym(let n) = q[0] {
                return Syn(.field(o, n.name), at)
            }
            if case .sym(let n) = b { return Syn(.field(o, n.name), at) }
            if case .obj(let t as JStruct) = b, t.type === JType.expr, ExprSyntax.parts(t).0 == "tuple" {
                return Syn(.dotCall(o, try all(ExprSyntax.parts(t).1[...])), at)
            }
            throw invalid("invalid syntax in \".\" expression")
        case "=":
            let lhs = try arg(0)
            if ExprSyntax.isExpr(lhs, "call") || ExprSyntax.isExpr(lhs, "where")
                || ExprSyntax.isExpr(lhs, "::") && ExprSyntax.isCallSignature(lhs) {
                return try function(lhs, try arg(1))
            }
            return Syn(.assign(try syntax(lhs), try syntax(try arg(1))), at)
        case "kw": return Syn(.assign(try syntax(try arg(0)), try syntax(try arg(1))), at)
        case ".=": return Syn(.dotAssign(try syntax(try arg(0)), try syntax(try arg(1))), at)
        case "function":
            if args.count == 1 {
                return Syn(.function(name: try syntax(args[0]), params: [], kwparams: [], body: Syn(.block([]), at),
                                     whereNames: ["__nomethods__"]), at)
            }
            let sig = try arg(0)
            if ExprSyntax.isExpr(sig, "tuple") || { if case .sym = sig { return true } else { return false } }() {
                return try lambda(sig, try arg(1))
            }
            return try function(sig, try arg(1))
        case "->": return try lambda(try arg(0), try arg(1))
        case "block", "toplevel":
            var stmts: [Syn] = []
            for a in args {
                if ExprSyntax.isLine(a) { _ = try syntax(a); continue }
                stmts.append(try syntax(a))
            }
            return Syn(.block(stmts), at)
        case "if", "elseif":
            var cond = try syntax(try arg(0))
            if case .block(let items) = cond.kind, items.count == 1 { cond = items[0] }
            let then = try syntax(try arg(1))
            let otherwise = args.count > 2 ? try syntax(args[2]) : nil
            return Syn(.ifElse(cond, then, otherwise), at)
        case "while": return Syn(.whileLoop(try syntax(try arg(0)), try syntax(try arg(1))), at)
        case "for":
            let specs = try arg(0)
            var iters: [Iteration] = []
            let list: [Value] = ExprSyntax.isExpr(specs, "block") ? ExprSyntax.exprArgs(specs).filter { !ExprSyntax.isLine($0) } : [specs]
            for s in list { iters.append(try iteration(s)) }
            return Syn(.forLoop(iters, try syntax(try arg(1))), at)
        case "break": return Syn(.breakStmt, at)
        case "continue": return Syn(.continueStmt, at)
        case "return": return Syn(.returnStmt(args.isEmpty ? nil : try syntax(args[0])), at)
        case "let":
            let b = try arg(0)
            let bindings: [Syn]
            if ExprSyntax.isExpr(b, "block") { bindings = try all(ExprSyntax.exprArgs(b).filter { !ExprSyntax.isLine($0) }[...]) } else { bindings = [try syntax(b)] }
            return Syn(.letBlock(bindings, try syntax(try arg(1))), at)
        case "try":
            let body = try syntax(try arg(0))
            var variable: String?
            if case .sym(let s) = try arg(1) { variable = s.name }
            var handler: Syn?
            if args.count > 2, !ExprSyntax.isFalse(args[2]) { handler = try syntax(args[2]) }
            var fin: Syn?
            if args.count > 3, !ExprSyntax.isFalse(args[3]) { fin = try syntax(args[3]) }
            if handler == nil && fin == nil { handler = Syn(.block([]), at) }
            return Syn(.tryCatch(body: body, variable: variable, handler: handler, finally: fin), at)
        case "&&": return try chain(args, at) { Syn(.and($0, $1), at) }
        case "||": return try chain(args, at) { Syn(.or($0, $1), at) }
        case "comparison":
            var operands: [Syn] = []
            var ops: [String] = []
            for (i, a) in args.enumerated() {
                if i % 2 == 0 { operands.append(try syntax(a)) } else if case .sym(let s) = a { ops.append(s.name) } else { throw invalid("invalid comparison") }
            }
            guard operands.count == ops.count + 1, !ops.isEmpty else { throw invalid("invalid comparison") }
            return Syn(.comparison(operands, ops), at)
        case "tuple":
            if let first = args.first, ExprSyntax.isExpr(first, "parameters") {
                let kws = try keywords(ExprSyntax.exprArgs(first))
                return Syn(.namedTuple(kws.map { $0.name }, kws.map { $0.value }), at)
            }
            if !args.isEmpty, args.allSatisfy({ ExprSyntax.isExpr($0, "=") }) {
                var names: [String] = [], values: [Syn] = []
                for a in args {
                    let kv = ExprSyntax.exprArgs(a)
                    guard case .sym(let n) = kv[0] else { throw invalid("invalid named tuple element") }
                    names.append(n.name)
                    values.append(try syntax(kv[1]))
                }
                return Syn(.namedTuple(names, values), at)
            }
            return Syn(.tuple(try all(args[...])), at)
        case "vect": return Syn(.vect(try all(args[...])), at)
        case "hcat": return Syn(.hcat(try all(args[...])), at)
        case "vcat": return try vcat(args[...], at)
        case "row": return Syn(.hcat(try all(args[...])), at)
        case "ref": return Syn(.ref(try syntax(try arg(0)), try indices(args.dropFirst())), at)
        case "typed_hcat": return Syn(.typed(try syntax(try arg(0)), Syn(.hcat(try all(args.dropFirst())), at)), at)
        case "typed_vcat": return Syn(.typed(try syntax(try arg(0)), try vcat(args.dropFirst(), at)), at)
        case "curly": return Syn(.curly(try syntax(try arg(0)), try all(args.dropFirst())), at)
        case "comprehension":
            let g = try generator(try arg(0))
            guard case .generator(let b, let i, let f, let n) = g.kind else { return g }
            return Syn(.comprehension(b, i, f, nested: n), at)
        case "typed_comprehension":
            let g = try generator(try arg(1))
            guard case .generator(let b, let i, let f, let n) = g.kind else { throw invalid("invalid comprehension") }
            return Syn(.typed(try syntax(try arg(0)), Syn(.comprehension(b, i, f, nested: n), at)), at)
        case "generator", "flatten": return try generator(.obj(e))
        case "...": return Syn(.splat(try syntax(try arg(0))), at)
        case "::":
            if args.count == 1 { return Syn(.op("::", [try syntax(args[0])]), at) }
            return Syn(.typeAssert(try syntax(try arg(0)), try syntax(try arg(1))), at)
        case "<:", ">:": return Syn(.op(head, try all(args[...])), at)
        case "'": return Syn(.op("'", [try syntax(try arg(0))]), at)
        case "string":
            return Syn(.interpolated(try args.map { a in
                if case .str(let s) = a { return Syn(.string(s.value), at) }
                return try syntax(a)
            }), at)
        case "macrocall":
            guard case .sym(let m) = try arg(0) else { throw invalid("invalid macro call") }
            var name = String(m.name.dropFirst())
            let rest = try args.dropFirst().filter { !ExprSyntax.isLine($0) }.map { try syntax($0) }
            if name.hasSuffix("_str"), rest.count == 1 {
                name = String(name.dropLast(4))
                return Syn(.call(Syn(.ident("@str_" + name), at), rest, []), at)
            }
            if name == "__dot__" { name = "." }
            return Syn(.macroCall(name, rest), at)
        case "quote":
            return Syn(.quote(try syntax(try arg(0))), at)
        case "$": return Syn(.dollar(try syntax(try arg(0))), at)
        case "global": return Syn(.global(try all(args[...])), at)
        case "local": return Syn(.local(try all(args[...])), at)
        case "const": return Syn(.const(try syntax(try arg(0))), at)
        case "struct": return try structure(args, at)
        case "abstract":
            let (name, sup) = try typeName(try arg(0))
            return Syn(.abstractDef(name, sup), at)
        case "module":
            guard case .sym(let name) = try arg(1) else { throw invalid("invalid module name") }
            return Syn(.moduleDef(name.name, try syntax(try arg(2))), at)
        case "using":
            return Syn(.using(try args.map { try importPath($0) }), at)
        case "import":
            var stmts: [Syn] = []
            for a in args {
                let path = try importPath(a)
                if let colon = path.firstIndex(of: ":") {
                    stmts.append(Syn(.importStmt(Array(path[..<colon]), Array(path[(colon + 1)...])), at))
                } else if path.filter({ !$0.isEmpty }).count > 1 {
                    stmts.append(Syn(.importStmt(Array(path.dropLast()), [path.last ?? ""]), at))
                } else {
                    stmts.append(Syn(.importStmt(path, []), at))
                }
            }
            return stmts.count == 1 ? stmts[0] : Syn(.block(stmts), at)
        case "export":
            return Syn(.export(try args.map { a in
                guard case .sym(let s) = a else { throw invalid("invalid export") }
                return s.name
            }), at)
        case "meta", "line": return Syn(.ident("nothing"), at)
        default:
            if head.hasSuffix("="), head.count > 1, Parser.assignmentOps.contains(head) {
                let op = String(head.dropLast())
                return Syn(.opAssign(op, try syntax(try arg(0)), try syntax(try arg(1))), at)
            }
            throw invalid("invalid syntax (\(head))")
        }
    }

    static func exprArgs(_ v: Value) -> [Value] {
        guard case .obj(let o as JStruct) = v else { return [] }
        return parts(o).1
    }

    static func isFalse(_ v: Value) -> Bool {
        if case .bool(false) = v { return true }
        return false
    }

    /// `f(x::T)::R` as the left side of `=` is a definition.
    static func isCallSignature(_ v: Value) -> Bool {
        let a = exprArgs(v)
        return !a.isEmpty && (isExpr(a[0], "call") || isExpr(a[0], "where"))
    }

    mutating func chain(_ args: [Value], _ at: SourceLocation, _ make: (Syn, Syn) -> Syn) throws -> Syn {
        guard args.count >= 2 else { throw invalid("invalid syntax: too few arguments") }
        var acc = try syntax(args[0])
        for a in args.dropFirst() { acc = make(acc, try syntax(a)) }
        return acc
    }

    /// Operators a call may name that the syntax gives their own form (and the resolver an
    /// operator code): `Expr(:call, :+, a, b)` is `a + b`.
    static let operatorNames: Set<String> = [
        "+", "-", "*", "/", "%", "÷", "^", "\\", "==", "!=", "≠", "<", "<=", "≤", ">", ">=", "≥", "===", "≡", "!==", "≈",
        "&", "|", "⊻", "<<", ">>", ">>>", "in", "∈", "∉", "isa", ":", "=>", "//", "∘",
    ]

    mutating func call(_ args: [Value]) throws -> Syn {
        let at = loc
        guard let fv = args.first else { throw invalid("invalid call") }
        var rest = Array(args.dropFirst())
        var kws: [KeywordArg] = []
        if let p = rest.first, ExprSyntax.isExpr(p, "parameters") {
            kws = try keywords(ExprSyntax.exprArgs(p))
            rest.removeFirst()
        }
        let params = try rest.map { try syntax($0) }
        if case .sym(let s) = fv, kws.isEmpty, !params.contains(where: { if case .assign = $0.kind { return true } else { return false } }) {
            let n = s.name
            if params.count == 1 && ["-", "+", "!", "~", "√", "∛"].contains(n) { return Syn(.op(n, params), at) }
            if params.count >= 2 && (ExprSyntax.operatorNames.contains(n) || n.hasPrefix(".") && n.count > 1) {
                if params.count == 2 || n == "+" || n == "*" || n == ":" && params.count == 3 { return Syn(.op(n, params), at) }
            }
            if params.count == 1 && n.hasPrefix(".") && n.count > 1 { return Syn(.op(n, params), at) }
        }
        return Syn(.call(try syntax(fv), params, kws), at)
    }

    mutating func keywords(_ items: [Value]) throws -> [KeywordArg] {
        var kws: [KeywordArg] = []
        for k in items {
            if ExprSyntax.isExpr(k, "kw") || ExprSyntax.isExpr(k, "=") {
                let kv = ExprSyntax.exprArgs(k)
                let raw = Syn(.assign(try syntax(kv[0]), try syntax(kv[1])), loc)
                guard case .assign(let lhs, let value) = raw.kind else { continue }
                var n = lhs.identName
                if n == nil, case .typeAssert(let x, _) = lhs.kind { n = x.identName }
                guard let name = n else { throw invalid("invalid keyword argument") }
                kws.append(KeywordArg(name: name, value: value, raw: raw))
            } else if ExprSyntax.isExpr(k, "...") {
                kws.append(KeywordArg(name: "...", value: try syntax(ExprSyntax.exprArgs(k)[0])))
            } else {
                let s = try syntax(k)
                var n = s.identName
                if n == nil, case .typeAssert(let x, _) = s.kind { n = x.identName }
                guard let name = n else { throw invalid("invalid keyword argument") }
                kws.append(KeywordArg(name: name, value: s, raw: s))
            }
        }
        return kws
    }

    mutating func indices(_ xs: ArraySlice<Value>) throws -> [Syn] {
        try xs.map { x in
            if case .sym(let s) = x, s.name == ":" { return Syn(.colonAll, loc) }
            return try syntax(x)
        }
    }

    mutating func vcat(_ xs: ArraySlice<Value>, _ at: SourceLocation) throws -> Syn {
        if xs.contains(where: { ExprSyntax.isExpr($0, "row") }) {
            let rows = try xs.map { x -> [Syn] in
                if ExprSyntax.isExpr(x, "row") { return try ExprSyntax.exprArgs(x).map { try syntax($0) } }
                return [try syntax(x)]
            }
            return Syn(.hvcat(rows), at)
        }
        return Syn(.vcat(try xs.map { try syntax($0) }), at)
    }

    mutating func iteration(_ v: Value) throws -> Iteration {
        guard ExprSyntax.isExpr(v, "=") || ExprSyntax.isExpr(v, "in") || ExprSyntax.isExpr(v, "call") else { throw invalid("invalid iteration specification") }
        var a = ExprSyntax.exprArgs(v)
        if ExprSyntax.isExpr(v, "call") { a.removeFirst() }
        guard a.count == 2 else { throw invalid("invalid iteration specification") }
        return Iteration(target: try syntax(a[0]), iterable: try syntax(a[1]))
    }

    /// `Expr(:generator, body, specs…)`, with `:filter` and `:flatten`.
    mutating func generator(_ v: Value) throws -> Syn {
        let at = loc
        if ExprSyntax.isExpr(v, "flatten") {
            // nested: generator(generator(body, inner), outer)
            var levels: [[Iteration]] = []
            var cur = ExprSyntax.exprArgs(v)[0]
            var filter: Syn?
            var body: Syn?
            while ExprSyntax.isExpr(cur, "generator") {
                let a = ExprSyntax.exprArgs(cur)
                let (iters, f) = try specs(a.dropFirst())
                levels.insert(iters, at: 0)
                if f != nil { filter = f }
                if ExprSyntax.isExpr(a[0], "generator") { cur = a[0] } else { body = try syntax(a[0]); break }
            }
            guard let b = body else { throw invalid("invalid generator") }
            return Syn(.generator(b, levels.reversed().flatMap { $0 }, filter, nested: true), at)
        }
        let a = ExprSyntax.exprArgs(v)
        guard !a.isEmpty else { throw invalid("invalid generator") }
        let body = try syntax(a[0])
        let (iters, f) = try specs(a.dropFirst())
        return Syn(.generator(body, iters, f, nested: false), at)
    }

    mutating func specs(_ xs: ArraySlice<Value>) throws -> ([Iteration], Syn?) {
        var iters: [Iteration] = []
        var filter: Syn?
        for x in xs {
            if ExprSyntax.isExpr(x, "filter") {
                let fa = ExprSyntax.exprArgs(x)
                filter = try syntax(fa[0])
                for s in fa.dropFirst() { iters.append(try iteration(s)) }
            } else {
                iters.append(try iteration(x))
            }
        }
        return (iters, filter)
    }

    /// A parameter list (of a call signature or a tuple) as parameters.
    mutating func parameters(_ xs: [Value]) throws -> ([Param], [Param]) {
        var rest = xs
        var kws: [KeywordArg] = []
        if let p = rest.first, ExprSyntax.isExpr(p, "parameters") {
            kws = try keywords(ExprSyntax.exprArgs(p))
            rest.removeFirst()
        }
        let parser = try Parser("")
        return try parser.functionParams(try rest.map { try syntax($0) }, kws)
    }

    /// `f(x) = body`, `function f(x)::T where T … end`.
    mutating func function(_ sigValue: Value, _ bodyValue: Value) throws -> Syn {
        let at = loc
        var sig = sigValue
        var wheres: [Parser.WhereVar] = []
        var returnType: Syn?
        while true {
            if ExprSyntax.isExpr(sig, "where") {
                let a = ExprSyntax.exprArgs(sig)
                for w in a.dropFirst() {
                    if case .sym(let n) = w { wheres.append(Parser.WhereVar(name: n.name, bound: nil)); continue }
                    if ExprSyntax.isExpr(w, "<:"), case .sym(let n) = ExprSyntax.exprArgs(w)[0] {
                        wheres.append(Parser.WhereVar(name: n.name, bound: try syntax(ExprSyntax.exprArgs(w)[1])))
                        continue
                    }
                    throw invalid("invalid type parameter")
                }
                sig = a[0]
            } else if ExprSyntax.isExpr(sig, "::"), ExprSyntax.isCallSignature(sig) {
                let a = ExprSyntax.exprArgs(sig)
                returnType = try syntax(a[1])
                sig = a[0]
            } else {
                break
            }
        }
        guard ExprSyntax.isExpr(sig, "call") else { throw invalid("invalid function definition") }
        let a = ExprSyntax.exprArgs(sig)
        let name = try syntax(a[0])
        let (params, kwparams) = try parameters(Array(a.dropFirst()))
        var body = try syntax(bodyValue)
        if case .block = body.kind {} else { body = Syn(.block([body]), at) }
        if let rt = returnType { body = Parser.convertingReturns(body, to: rt) }
        let (ps, b) = Parser.applyWhere(wheres, params, body)
        return Syn(.function(name: name, params: ps, kwparams: kwparams, body: b, whereNames: wheres.map { $0.name }), at)
    }

    /// `x -> body`, `(x, y) -> body`, `function (x) … end`.
    mutating func lambda(_ head: Value, _ bodyValue: Value) throws -> Syn {
        let at = loc
        let list: [Value] = ExprSyntax.isExpr(head, "tuple") ? ExprSyntax.exprArgs(head) : [head]
        let (params, kwparams) = try parameters(list)
        return Syn(.lambda(params, kwparams, try syntax(bodyValue)), at)
    }

    mutating func typeName(_ v: Value) throws -> (String, Syn?) {
        if case .sym(let s) = v { return (s.name, nil) }
        if ExprSyntax.isExpr(v, "<:") {
            let a = ExprSyntax.exprArgs(v)
            let (n, _) = try typeName(a[0])
            return (n, try syntax(a[1]))
        }
        if ExprSyntax.isExpr(v, "curly") { return try typeName(ExprSyntax.exprArgs(v)[0]) }
        throw invalid("invalid type name")
    }

    mutating func structure(_ args: [Value], _ at: SourceLocation) throws -> Syn {
        guard args.count >= 3 else { throw invalid("invalid struct definition") }
        let mutable: Bool
        if case .bool(let m) = args[0] { mutable = m } else { mutable = false }
        let (name, sup) = try typeName(args[1])
        var params: [Syn] = []
        var plain = args[1]
        if ExprSyntax.isExpr(plain, "<:") { plain = ExprSyntax.exprArgs(plain)[0] }
        if ExprSyntax.isExpr(plain, "curly") { params = try ExprSyntax.exprArgs(plain).dropFirst().map { try syntax($0) } }
        var fields: [Param] = []
        var ctors: [Syn] = []
        for item in ExprSyntax.exprArgs(args[2]) {
            if ExprSyntax.isLine(item) { _ = try syntax(item); continue }
            let s = try syntax(item)
            switch s.kind {
            case .ident(let n): fields.append(Param(name: n))
            case .typeAssert(let x, let t):
                guard let n = x.identName else { throw invalid("invalid field declaration") }
                fields.append(Param(name: n, type: t))
            case .assign(let x, let d):
                if let n = x.identName { fields.append(Param(name: n, defaultValue: d)) }
                else if case .typeAssert(let y, let t) = x.kind, let n = y.identName { fields.append(Param(name: n, type: t, defaultValue: d)) }
                else { throw invalid("invalid field declaration") }
            case .function: ctors.append(s)
            default: throw invalid("invalid struct field declaration")
            }
        }
        return Syn(.structDef(name: name, params: params, mutable: mutable, supertype: sup, fields: fields, constructors: ctors), at)
    }

    /// `Expr(:., :A, :B)` as `["A", "B"]` (a leading `.` as an empty component), and
    /// `Expr(:(:), path, names…)` as `path + [":"] + names`.
    mutating func importPath(_ v: Value) throws -> [String] {
        if ExprSyntax.isExpr(v, ":") {
            let a = ExprSyntax.exprArgs(v)
            guard let first = a.first else { throw invalid("invalid import") }
            var path = try importPath(first)
            path.append(":")
            for n in a.dropFirst() { path += try importPath(n) }
            return path
        }
        if case .sym(let s) = v { return [s.name] }
        guard ExprSyntax.isExpr(v, ".") else { throw invalid("invalid import path") }
        return try ExprSyntax.exprArgs(v).map { x in
            guard case .sym(let s) = x else { throw invalid("invalid import path") }
            return s.name == "." ? "" : s.name
        }
    }
}
