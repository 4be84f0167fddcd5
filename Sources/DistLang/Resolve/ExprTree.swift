import DistSyntax

/// Julia's `Expr` form of a syntax tree: what `:(…)`, `quote … end` and `Meta.parse` produce.
///
/// The parser's `Syn` is shaped for resolution (keywords separated from arguments, operators
/// by name); Julia programs see the same code as nested `Expr(head, args...)` values whose
/// leaves are symbols and literals. `ExprTree` is that form before it becomes a value: a quote
/// turns it into IR that builds the `Expr` each time it runs (with `$x` spliced in), and
/// `Meta.parse` turns it into a value at once. `ExprSyntax` goes the other way for `eval`.
indirect enum ExprTree {
    /// A literal or a symbol.
    case leaf(Value)
    /// `Expr(head, args...)`.
    case expr(String, [ExprTree])
    /// `QuoteNode(x)`: how `:x` appears inside a quoted expression.
    case quoteNode(ExprTree)
    /// `LineNumberNode(line)`: where a statement of a block starts.
    case line(Int)
    /// `$x` at the outermost quote: the value of `x` when the quote runs.
    case interpolation(Syn)
    /// `$(xs...)`: the values of `xs`, spliced into the enclosing argument list.
    case splice(Syn)
}

extension ExprTree {
    /// The tree of `s`, quoted `depth` levels deep beyond the outermost quote (a `$` at depth 0
    /// interpolates; deeper, it stays as `Expr(:$, …)`).
    static func of(_ s: Syn, depth: Int = 0) -> ExprTree {
        QuoteBuilder(depth: depth).tree(s)
    }

    static func sym(_ s: String) -> ExprTree { .leaf(.sym(JSym.intern(s))) }
}

/// Converts syntax into `ExprTree`, one syntax kind at a time (Julia's `Expr` heads).
private struct QuoteBuilder {
    var depth: Int

    func tree(_ s: Syn) -> ExprTree {
        switch s.kind {
        case .int(let v): return .leaf(.int(v))
        case .float(let v): return .leaf(.float(v))
        case .string(let v): return .leaf(.str(JStr(v)))
        case .char(let c): return .leaf(.char(c))
        case .bool(let b): return .leaf(.bool(b))
        case .interpolated(let parts): return .expr("string", parts.map(tree))
        case .symbol(let n): return .quoteNode(.sym(n))
        case .ident(let n): return .sym(n)
        case .endMarker: return .sym("end")
        case .colonAll: return .sym(":")
        case .call(let f, let args, let kws):
            if let n = f.identName, n.hasPrefix("@str_"), args.count == 1 {
                // `MIME"text/plain"` is the macro `@MIME_str`
                return .expr("macrocall", [.sym("@" + n.dropFirst(5) + "_str"), .line(s.loc.line), tree(args[0])])
            }
            var items = [tree(f)]
            if !kws.isEmpty { items.append(parameters(kws)) }
            items += args.map(argument)
            return .expr("call", items)
        case .dotCall(let f, let args): return .expr(".", [tree(f), .expr("tuple", args.map(argument))])
        case .op(let o, let args): return op(o, args)
        case .comparison(let args, let ops):
            var items = [tree(args[0])]
            for (i, o) in ops.enumerated() { items += [.sym(o), tree(args[i + 1])] }
            return .expr("comparison", items)
        case .and(let a, let b): return .expr("&&", [tree(a), tree(b)])
        case .or(let a, let b): return .expr("||", [tree(a), tree(b)])
        case .ternary(let c, let a, let b): return .expr("if", [tree(c), tree(a), tree(b)])
        case .assign(let a, let b): return .expr("=", [tree(a), tree(b)])
        case .opAssign(let o, let a, let b): return .expr(o + "=", [tree(a), tree(b)])
        case .dotAssign(let a, let b): return .expr(".=", [tree(a), tree(b)])
        case .tuple(let items): return .expr("tuple", items.map(tree))
        case .namedTuple(let names, let values):
            return .expr("tuple", zip(names, values).map { .expr("=", [.sym($0), tree($1)]) })
        case .vect(let items): return .expr("vect", items.map(tree))
        case .hcat(let items): return .expr("hcat", items.map(tree))
        case .vcat(let items): return .expr("vcat", items.map(tree))
        case .hvcat(let rows): return .expr("vcat", rows.map(row))
        case .comprehension(let body, let iters, let filter, let nested):
            return .expr("comprehension", [generator(body, iters, filter, nested)])
        case .generator(let body, let iters, let filter, let nested):
            return generator(body, iters, filter, nested)
        case .ref(let o, let idx): return .expr("ref", [tree(o)] + idx.map(tree))
        case .typed(let t, let lit):
            switch lit.kind {
            case .hcat(let items): return .expr("typed_hcat", [tree(t)] + items.map(tree))
            case .vcat(let items): return .expr("typed_vcat", [tree(t)] + items.map(tree))
            case .hvcat(let rows): return .expr("typed_vcat", [tree(t)] + rows.map(row))
            case .comprehension(let body, let iters, let filter, let nested):
                return .expr("typed_comprehension", [tree(t), generator(body, iters, filter, nested)])
            default: return .expr("ref", [tree(t), tree(lit)])
            }
        case .curly(let t, let ps): return .expr("curly", [tree(t)] + ps.map(tree))
        case .field(let o, let n): return .expr(".", [tree(o), .quoteNode(.sym(n))])
        case .splat(let x): return .expr("...", [tree(x)])
        case .typeAssert(let x, let t): return .expr("::", [tree(x), tree(t)])
        case .lambda(let params, let kwparams, let body):
            let head: ExprTree
            if params.count == 1 && kwparams.isEmpty && params[0].type == nil && params[0].defaultValue == nil
                && !params[0].isVararg && params[0].pattern == nil {
                head = .sym(params[0].name)
            } else {
                head = .expr("tuple", (kwparams.isEmpty ? [] : [keywordParameters(kwparams)]) + params.map(parameter))
            }
            return .expr("->", [head, block(body, loc: s.loc)])
        case .function(let name, let params, let kwparams, let body, let whereNames):
            if whereNames == ["__nomethods__"] { return .expr("function", [tree(name)]) }
            var sig = ExprTree.expr("call", [tree(name)] + (kwparams.isEmpty ? [] : [keywordParameters(kwparams)]) + params.map(parameter))
            if !whereNames.isEmpty { sig = .expr("where", [sig] + whereNames.map { .sym($0) }) }
            return .expr("function", [sig, block(body, loc: s.loc)])
        case .block(let stmts):
            if let imports = importGroup(stmts, s.loc) { return imports }
            return block(s, loc: s.loc)
        case .ifElse(let c, let a, let b):
            var items = [tree(c), block(a, loc: a.loc)]
            if let b = b {
                if case .ifElse(let c2, let a2, let b2) = b.kind {
                    items.append(elseif(c2, a2, b2))
                } else {
                    items.append(block(b, loc: b.loc))
                }
            }
            return .expr("if", items)
        case .whileLoop(let c, let body): return .expr("while", [tree(c), block(body, loc: body.loc)])
        case .forLoop(let iters, let body):
            let specs = iters.map { ExprTree.expr("=", [tree($0.target), tree($0.iterable)]) }
            return .expr("for", [specs.count == 1 ? specs[0] : .expr("block", specs), block(body, loc: body.loc)])
        case .breakStmt: return .expr("break", [])
        case .continueStmt: return .expr("continue", [])
        case .returnStmt(let v): return .expr("return", [v.map(tree) ?? .leaf(.nothing)])
        case .letBlock(let bindings, let body):
            let b: ExprTree = bindings.count == 1 ? tree(bindings[0]) : .expr("block", bindings.map(tree))
            return .expr("let", [b, block(body, loc: body.loc)])
        case .tryCatch(let body, let variable, let handler, let fin):
            var items = [block(body, loc: body.loc), variable.map { .sym($0) } ?? .leaf(.bool(false)),
                         handler.map { block($0, loc: $0.loc) } ?? .leaf(.bool(false))]
            if let f = fin { items.append(block(f, loc: f.loc)) }
            return .expr("try", items)
        case .global(let items): return .expr("global", items.map(tree))
        case .local(let items): return .expr("local", items.map(tree))
        case .const(let x): return .expr("const", [tree(x)])
        case .structDef(let name, let params, let mutable, let supertype, let fields, let constructors):
            let plain: ExprTree = params.isEmpty ? .sym(name) : .expr("curly", [.sym(name)] + params.map(tree))
            let n: ExprTree = supertype.map { .expr("<:", [plain, tree($0)]) } ?? plain
            var body: [ExprTree] = []
            for f in fields {
                body.append(.line(s.loc.line))
                var field: ExprTree = .sym(f.name)
                if let t = f.type { field = .expr("::", [field, tree(t)]) }
                if let d = f.defaultValue { field = .expr("=", [field, tree(d)]) }
                body.append(field)
            }
            for c in constructors { body += [.line(c.loc.line), tree(c)] }
            return .expr("struct", [.leaf(.bool(mutable)), n, .expr("block", body)])
        case .abstractDef(let name, let supertype):
            return .expr("abstract", [supertype.map { .expr("<:", [.sym(name), tree($0)]) } ?? .sym(name)])
        case .moduleDef(let name, let body):
            return .expr("module", [.leaf(.bool(true)), .sym(name), block(body, loc: body.loc)])
        case .using(let paths): return .expr("using", paths.map(importPath))
        case .importStmt(let path, let names):
            if names.isEmpty { return .expr("import", [dotted(path)]) }
            return .expr("import", [.expr(":", [dotted(path)] + names.map { .expr(".", [.sym($0)]) })])
        case .export(let names): return .expr("export", names.map { .sym($0) })
        case .macroCall(let name, let args):
            return .expr("macrocall", [.sym("@" + name), .line(s.loc.line)] + args.map(tree))
        case .dollar(let x):
            if depth > 0 { return .expr("$", [QuoteBuilder(depth: depth - 1).tree(x)]) }
            if case .splat(let inner) = x.kind { return .splice(inner) }
            // `$(xs...)` parses as a one-element tuple of the splat
            if case .tuple(let items) = x.kind, items.count == 1, case .splat(let inner) = items[0].kind { return .splice(inner) }
            return .interpolation(x)
        case .quote(let x):
            if let n = x.identName { return .quoteNode(.sym(n)) }
            return .expr("quote", [QuoteBuilder(depth: depth + 1).tree(x)])
        }
    }

    /// A call argument: `k = v` among the arguments is a keyword (`Expr(:kw, …)`).
    func argument(_ a: Syn) -> ExprTree {
        if case .assign(let lhs, let rhs) = a.kind, lhs.identName != nil { return .expr("kw", [tree(lhs), tree(rhs)]) }
        return tree(a)
    }

    /// The keywords after `;` in a call: `Expr(:parameters, …)`.
    func parameters(_ kws: [KeywordArg]) -> ExprTree {
        .expr("parameters", kws.map { k in
            if k.name == "..." { return .expr("...", [tree(k.value)]) }
            if let raw = k.raw, raw.identName != nil { return tree(raw) }
            return .expr("kw", [.sym(k.name), tree(k.value)])
        })
    }

    /// A parameter of a definition: `x`, `x::T`, `x = 1`, `xs...`, `(a, b)`.
    func parameter(_ p: Param) -> ExprTree {
        var e: ExprTree
        if let pat = p.pattern {
            e = tree(pat)
            if let t = p.type { e = .expr("::", [e, tree(t)]) }
        } else if let t = p.type {
            e = p.name.isEmpty || p.name == "_" ? .expr("::", [tree(t)]) : .expr("::", [.sym(p.name), tree(t)])
        } else {
            e = .sym(p.name)
        }
        if p.isVararg { e = .expr("...", [e]) }
        if let d = p.defaultValue { e = .expr("kw", [e, tree(d)]) }
        return e
    }

    func keywordParameters(_ ps: [Param]) -> ExprTree { .expr("parameters", ps.map(parameter)) }

    /// A block with a line number before each statement (a single expression becomes one).
    func block(_ s: Syn, loc: SourceLocation) -> ExprTree {
        guard case .block(let stmts) = s.kind else { return .expr("block", [.line(s.loc.line), tree(s)]) }
        var items: [ExprTree] = []
        for st in stmts { items += [.line(st.loc.line), tree(st)] }
        return .expr("block", items)
    }

    func elseif(_ c: Syn, _ a: Syn, _ b: Syn?) -> ExprTree {
        var items: [ExprTree] = [.expr("block", [.line(c.loc.line), tree(c)]), block(a, loc: a.loc)]
        if let b = b {
            if case .ifElse(let c2, let a2, let b2) = b.kind { items.append(elseif(c2, a2, b2)) } else { items.append(block(b, loc: b.loc)) }
        }
        return .expr("elseif", items)
    }

    func row(_ items: [Syn]) -> ExprTree {
        items.count == 1 ? tree(items[0]) : .expr("row", items.map(tree))
    }

    /// `Expr(:generator, body, x = xs…)`, with `Expr(:filter, …)` for a condition and
    /// `Expr(:flatten, …)` for nested `for` clauses.
    func generator(_ body: Syn, _ iters: [Iteration], _ filter: Syn?, _ nested: Bool) -> ExprTree {
        let specs = iters.map { ExprTree.expr("=", [tree($0.target), tree($0.iterable)]) }
        if nested && specs.count > 1 {
            var inner = ExprTree.expr("generator", [tree(body)] + (filter.map { [.expr("filter", [tree($0), specs.last!])] } ?? [specs.last!]))
            for spec in specs.dropLast().reversed() { inner = .expr("generator", [inner, spec]) }
            return .expr("flatten", [inner])
        }
        if let f = filter { return .expr("generator", [tree(body), .expr("filter", [tree(f)] + specs)]) }
        return .expr("generator", [tree(body)] + specs)
    }

    /// Operators: calls, except the forms Julia gives a head of their own.
    func op(_ o: String, _ args: [Syn]) -> ExprTree {
        if args.count == 1 {
            let x = args[0]
            switch o {
            case "'": return .expr("'", [tree(x)])
            case "::": return .expr("::", [tree(x)])
            case "-":
                // `-1` is a literal
                if case .int(let v) = x.kind { return .leaf(.int(0 &- v)) }
                if case .float(let v) = x.kind { return .leaf(.float(-v)) }
            default: break
            }
        }
        if (o == "<:" || o == ">:") && args.count == 2 { return .expr(o, args.map(tree)) }
        return .expr("call", [.sym(o)] + args.map(tree))
    }

    /// `using A.B, .C` paths (`Expr(:., :A, :B)`), and `using A: x, y`.
    func importPath(_ path: [String]) -> ExprTree {
        if let colon = path.firstIndex(of: ":") {
            return .expr(":", [dotted(Array(path[..<colon]))] + path[(colon + 1)...].map { .expr(".", [.sym($0)]) })
        }
        return dotted(path)
    }

    func dotted(_ path: [String]) -> ExprTree {
        .expr(".", path.map { $0.isEmpty ? .sym(".") : .sym($0) })
    }

    /// `import Foo, Bar` parses as one import per name at the same place: one `Expr(:import)`.
    func importGroup(_ stmts: [Syn], _ loc: SourceLocation) -> ExprTree? {
        guard stmts.count > 1 else { return nil }
        var paths: [ExprTree] = []
        for st in stmts {
            guard case .importStmt(let path, let names) = st.kind, st.loc == loc else { return nil }
            paths.append(dotted(path + names))
        }
        return .expr("import", paths)
    }
}
