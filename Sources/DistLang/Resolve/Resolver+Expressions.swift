import DistSyntax

/// Resolving expressions: literals, names, calls, operators, indexing and literals of arrays.
extension Resolver {
    /// Resolves `e` in `scope`.
    mutating func resolve(_ e: Syn, _ scope: BlockScope) throws -> IR {
        // a tree as deep as a 40,000-term `1-1-…` chain: an error, not the stack's end
        if stackNearlyExhausted() { throw JuliaError.stackOverflow }
        switch e.kind {
        case .int(let v): return .literal(.int(v))
        case .float(let v): return .literal(.float(v))
        case .string(let s): return .literal(.str(JStr(s)))
        case .char(let c): return .literal(.char(c))
        case .bool(let b): return .literal(.bool(b))
        case .symbol(let s): return .literal(.sym(JSym.intern(s)))
        case .interpolated(let parts):
            return .interpolate(try parts.map { try resolve($0, scope) })
        case .ident(let n):
            if n == "nothing" && lookupIsGlobal(n, scope) { return .literal(.nothing) }
            return readName(n, scope)
        case .endMarker:
            guard let (v, dim, n) = endTargets.last else {
                throw SyntaxError("\"end\" outside of indexing", at: e.loc)
            }
            return .endOf(v, dim: dim, ndims: n)
        case .colonAll:
            return .literal(.obj(JColon.shared))
        case .call(let f, let args, let kws):
            // a string macro (`r"…"`, `MIME"…"`), parsed as a call of `@str_NAME`
            if let n = f.identName, n.hasPrefix("@str_"), kws.isEmpty {
                return try resolveMacro(String(n.dropFirst()), args, scope, e.loc)
            }
            return try resolveCall(f, args, kws, scope, e.loc)
        case .dotCall(let f, let args):
            return .broadcast(try resolve(f, scope), try args.map { try resolve($0, scope) })
        case .op(let o, let args):
            return try resolveOperator(o, args, scope, e.loc)
        case .comparison(let args, let ops):
            return try resolveComparison(args, ops, scope)
        case .and(let a, let b):
            return .and(try resolve(a, scope), try resolve(b, scope))
        case .or(let a, let b):
            return .or(try resolve(a, scope), try resolve(b, scope))
        case .ternary(let c, let a, let b):
            return .ifElse(try resolve(c, scope), try resolve(a, scope), try resolve(b, scope))
        case .assign(let lhs, let rhs):
            if case .ref(let obj, let idx) = lhs.kind, Resolver.hasSplat(idx) {
                // `a[is...] = v` is `setindex!(a, v, is...)`, and its value is `v`
                let v = scope.fn.newLocal("#val")
                let o = try resolve(obj, scope)
                let value = try resolve(rhs, scope)
                let items = try idx.map { try resolve($0, scope) }
                return .block([.assign(.local(v), value), .call(baseFunction("setindex!"), [o, .local(v)] + items, []), .local(v)])
            }
            let value = try resolve(rhs, scope)
            return .assign(try assignTarget(lhs, scope), value)
        case .opAssign(let o, let lhs, let rhs):
            return try resolveUpdate(o, lhs, rhs, scope, e.loc)
        case .dotAssign(let lhs, let rhs):
            let value = try resolve(rhs, scope)
            return .dotAssign(try assignTarget(lhs, scope), value)
        case .tuple(let items):
            return .tuple(try items.map { try resolve($0, scope) })
        case .namedTuple(let names, let values):
            return .namedTuple(names.map { JSym.intern($0) }, try values.map { try resolve($0, scope) })
        case .vect(let items):
            return .vect(try items.map { try resolve($0, scope) })
        case .hcat(let items):
            // with a splat, `[xs... ys...]` is Julia's `hcat(xs..., ys...)`
            if Resolver.hasSplat(items) { return .call(baseFunction("hcat"), try items.map { try resolve($0, scope) }, []) }
            return .hcat(try items.map { try resolve($0, scope) })
        case .vcat(let items):
            if Resolver.hasSplat(items) { return .call(baseFunction("vcat"), try items.map { try resolve($0, scope) }, []) }
            return .vcat(try items.map { try resolve($0, scope) })
        case .hvcat(let rows):
            if rows.contains(where: Resolver.hasSplat) {
                // each row is an `hcat`, the rows a `vcat`: `[a... b; c d...]`
                let rowIRs = try rows.map { row in
                    IR.call(baseFunction("hcat"), try row.map { try resolve($0, scope) }, [])
                }
                return .call(baseFunction("vcat"), rowIRs, [])
            }
            return .hvcat(rows.map { $0.count }, try rows.flatMap { try $0.map { try resolve($0, scope) } })
        case .comprehension(let body, let iters, let filter, let nested):
            return try resolveComprehension(body, iters, filter, scope, generator: false, nested: nested)
        case .generator(let body, let iters, let filter, let nested):
            return try resolveComprehension(body, iters, filter, scope, generator: true, nested: nested)
        case .ref(let obj, let idx):
            let o = try resolve(obj, scope)
            let (items, endVar) = try resolveIndices(idx, scope)
            // `T[xs...]` and `a[is...]` are Julia's `getindex(T, xs...)`, `getindex(a, is...)`
            if Resolver.hasSplat(idx) && endVar == nil { return .call(baseFunction("getindex"), [o] + items, []) }
            return .index(o, items, endVar: endVar)
        case .typed(let t, let literal):
            return .typedLiteral(try resolve(t, scope), try resolve(literal, scope))
        case .curly(let t, let params):
            return .curly(try resolve(t, scope), try params.map { try resolve($0, scope) })
        case .field(let obj, let name):
            return .field(try resolve(obj, scope), JSym.intern(name))
        case .splat(let x):
            return .splat(try resolve(x, scope))
        case .typeAssert(let x, let t):
            return .typeAssert(try resolve(x, scope), try resolve(t, scope))
        case .lambda(let params, let kwparams, let body):
            return .lambda(try resolveLambda(name: nil, params: params, kwparams: kwparams, body: body,
                                             scope: scope, whereNames: []))
        case .function(let name, let params, let kwparams, let body, let whereNames):
            return try resolveFunctionDefinition(name, params, kwparams, body, whereNames, scope, e.loc)
        case .block(let stmts):
            if stmts.isEmpty { return .literal(.nothing) }
            // each statement's line, for stack traces (read only when an error unwinds)
            if stmts.count == 1 { return .located(Int32(clamping: stmts[0].loc.line), try resolve(stmts[0], scope)) }
            return .block(try stmts.map { .located(Int32(clamping: $0.loc.line), try resolve($0, scope)) })
        case .ifElse(let c, let a, let b):
            return .ifElse(try resolve(c, scope), try resolve(a, scope), try b.map { try resolve($0, scope) } ?? .literal(.nothing))
        case .whileLoop(let c, let body):
            return try resolveWhile(c, body, scope)
        case .forLoop(let iters, let body):
            return try resolveFor(iters, body, scope)
        case .breakStmt:
            guard scope.fn.loopDepth > 0 else { throw SyntaxError("break or continue outside loop", at: e.loc) }
            return .breakLoop
        case .continueStmt:
            guard scope.fn.loopDepth > 0 else { throw SyntaxError("break or continue outside loop", at: e.loc) }
            return .continueLoop
        case .returnStmt(let v):
            return .returnValue(try v.map { try resolve($0, scope) } ?? .literal(.nothing))
        case .letBlock(let bindings, let body):
            return try resolveLet(bindings, body, scope)
        case .tryCatch(let body, let variable, let handler, let fin):
            return try resolveTry(body, variable, handler, fin, scope)
        case .global(let items):
            var out: [IR] = []
            for i in items {
                switch i.kind {
                case .ident(let n): scope.declaredGlobals.insert(n)
                case .assign(let lhs, _), .opAssign(_, let lhs, _):
                    if let n = lhs.identName { scope.declaredGlobals.insert(n) }
                    if case .tuple(let ts) = lhs.kind { for t in ts { if let n = t.identName { scope.declaredGlobals.insert(n) } } }
                    out.append(try resolve(i, scope))
                default: throw SyntaxError("invalid syntax in \"global\" declaration", at: i.loc)
                }
            }
            return out.isEmpty ? .literal(.nothing) : (out.count == 1 ? out[0] : .block(out))
        case .local(let items):
            var out: [IR] = []
            for i in items {
                switch i.kind {
                case .ident(let n): if scope.vars[n] == nil { scope.declare(n) }
                case .typeAssert(let x, let t):
                    if let n = x.identName {
                        let v = scope.vars[n] ?? scope.declare(n)
                        v.declaredType = try resolve(t, scope)
                    }
                case .assign, .opAssign: out.append(try resolve(i, scope))
                default: throw SyntaxError("invalid syntax in \"local\" declaration", at: i.loc)
                }
            }
            return out.isEmpty ? .literal(.nothing) : (out.count == 1 ? out[0] : .block(out))
        case .const(let inner):
            guard case .assign(let lhs, let rhs) = inner.kind else {
                throw SyntaxError("expected assignment after \"const\"", at: e.loc)
            }
            if scope.isGlobalScope, let n = lhs.identName {
                return .declareConst(globalRef(n, scope), try resolve(rhs, scope))
            }
            return try resolve(inner, scope)
        case .structDef(let name, let params, let mutable, let supertype, let fields, let constructors):
            return try resolveStruct(name, params, mutable, supertype, fields, constructors, scope, e.loc)
        case .abstractDef(let name, let supertype):
            return .defineAbstract(globalRef(name, scope), try supertype.map { try resolve($0, scope) })
        case .moduleDef(let name, let body):
            return try resolveModule(name, body, scope, e.loc)
        case .using(let paths):
            return .using(paths.map { $0.map { JSym.intern($0) } })
        case .importStmt(let path, let names):
            return .importNames(path.map { JSym.intern($0) }, names.map { JSym.intern($0) })
        case .export(let names):
            return .export(names.map { JSym.intern($0) })
        case .macroCall(let name, let args):
            return try resolveMacro(name, args, scope, e.loc)
        case .dollar:
            throw SyntaxError("\"$\" expression outside quote", at: e.loc)
        case .quote(let inner):
            if let n = inner.identName { return .literal(.sym(JSym.intern(n))) }
            return try resolveQuote(inner, scope)
        }
    }

    /// True when one of `items` is a splat (`xs...`).
    static func hasSplat(_ items: [Syn]) -> Bool {
        items.contains { if case .splat = $0.kind { return true } else { return false } }
    }

    /// A function of Base, named whatever the user's module binds.
    func baseFunction(_ name: String) -> IR {
        .global(GlobalRef(module: [JSym.intern("Base")], name: JSym.intern(name)))
    }

    func lookupIsGlobal(_ name: String, _ scope: BlockScope) -> Bool {
        if case .global = lookup(name, scope) { return true }
        return false
    }

    // MARK: Calls and operators

    mutating func resolveCall(_ f: Syn, _ args: [Syn], _ kws: [KeywordArg], _ scope: BlockScope, _ loc: SourceLocation) throws -> IR {
        if f.identName == "new", let sname = currentStruct, lookupIsGlobal("new", scope) {
            return .call(.global(globalRef("__new__", scope)), [.global(globalRef(sname, scope))] + (try args.map { try resolve($0, scope) }), [])
        }
        let callee = try resolve(f, scope)
        var a: [IR] = []
        var k: [KeywordIR] = []
        // `f(x, k = 1)`: an assignment among the arguments is a keyword argument
        for arg in args {
            if case .assign(let lhs, let rhs) = arg.kind, let n = lhs.identName {
                k.append(KeywordIR(name: JSym.intern(n), value: try resolve(rhs, scope)))
            } else {
                a.append(try resolve(arg, scope))
            }
        }
        for kw in kws {
            k.append(KeywordIR(name: kw.name == "..." ? nil : JSym.intern(kw.name), value: try resolve(kw.value, scope)))
        }
        return .call(callee, a, k)
    }

    /// Operator runs longer than this (`1 + 1 + …`, 40,000 terms) are resolved as one call.
    static let longOperatorRun = 64

    mutating func resolveOperator(_ o: String, _ args: [Syn], _ scope: BlockScope, _ loc: SourceLocation) throws -> IR {
        if args.count == 1 {
            let x = args[0]
            switch o {
            case "-":
                if case .int(let v) = x.kind { return .literal(.int(0 &- v)) }
                if case .float(let v) = x.kind { return .literal(.float(-v)) }
                return .op(.neg, [try resolve(x, scope)])
            case "+": return .op(.plus, [try resolve(x, scope)])
            case "!": return .op(.not, [try resolve(x, scope)])
            case "~": return .op(.bitNot, [try resolve(x, scope)])
            case "√": return .call(.global(globalRef("sqrt", scope)), [try resolve(x, scope)], [])
            case "∛": return .call(.global(globalRef("cbrt", scope)), [try resolve(x, scope)], [])
            case "'": return .op(.adjoint, [try resolve(x, scope)])
            case ".-": return .broadcast(.global(globalRef("-", scope)), [try resolve(x, scope)])
            case ".!": return .broadcast(.global(globalRef("!", scope)), [try resolve(x, scope)])
            case ".+": return .broadcast(.global(globalRef("+", scope)), [try resolve(x, scope)])
            default: throw SyntaxError("\"\(o)\" is not a unary operator", at: loc)
            }
        }
        let xs = try args.map { try resolve($0, scope) }
        if o.hasPrefix(".") && o.count > 1 {
            let base = String(o.dropFirst())
            return .broadcast(.global(globalRef(base, scope)), xs)
        }
        if o == ":" { return .op(.colon, xs) }
        guard let op = Op.binary(o) else {
            return .call(.global(globalRef(o, scope)), xs, [])
        }
        // `a + b + c` is one call in Julia; fold left into binary operations, except for a
        // long run, whose left-leaning tree would be as deep as it is long: one call of the
        // operator's function, which folds as it goes
        if xs.count > Resolver.longOperatorRun { return .call(.global(globalRef(o, scope)), xs, []) }
        // `a * b * c` stays one operation, as Julia's `*(a, b, c)`: every operand evaluated
        // first, then folded left (and strings joined into one new string, not one per `*`)
        if op == .mul && xs.count > 2 { return .op(op, xs) }
        var acc = IR.op(op, [xs[0], xs[1]])
        for x in xs.dropFirst(2) { acc = .op(op, [acc, x]) }
        return acc
    }

    /// `a < b <= c` evaluates each operand once: `(a < t) && (t <= c)` with `t = b`.
    mutating func resolveComparison(_ args: [Syn], _ ops: [String], _ scope: BlockScope) throws -> IR {
        var operands = try args.map { try resolve($0, scope) }
        var prelude: [IR] = []
        for i in 0..<(operands.count - 1) {
            let t = scope.fn.newLocal("#cmp")
            prelude.append(.assign(.local(t), operands[i]))
            operands[i] = .local(t)
        }
        var terms: [IR] = []
        var dotted = false
        for (i, o) in ops.enumerated() {
            let pair = [operands[i], operands[i + 1]]
            if o.hasPrefix(".") {
                dotted = true
                terms.append(.broadcast(.global(globalRef(String(o.dropFirst()), scope)), pair))
            } else if let op = Op.binary(o) {
                terms.append(.op(op, pair))
            } else {
                terms.append(.call(.global(globalRef(o, scope)), pair, []))
            }
        }
        var acc = terms[0]
        for t in terms.dropFirst() {
            acc = dotted ? .broadcast(.global(globalRef("&", scope)), [acc, t]) : .and(acc, t)
        }
        // operands but the last are evaluated once, in order, before the comparisons
        return .block(prelude + [acc])
    }

    /// `x op= v`, with the object and indices of `a[i] op= v` evaluated once.
    mutating func resolveUpdate(_ o: String, _ lhs: Syn, _ rhs: Syn, _ scope: BlockScope, _ loc: SourceLocation) throws -> IR {
        if o.hasPrefix(".") {
            let target = try assignTarget(lhs, scope)
            let current = try resolve(lhs, scope)
            let value = try resolve(rhs, scope)
            return .dotAssign(target, .broadcast(.global(globalRef(String(o.dropFirst()), scope)), [current, value]))
        }
        func combine(_ current: IR, _ value: IR) -> IR {
            if let op = Op.binary(o) { return .op(op, [current, value]) }
            return .call(.global(globalRef(o, scope)), [current, value], [])
        }
        switch lhs.kind {
        case .ident, .typeAssert:
            let current = try resolve(lhs.identName != nil ? lhs : stripType(lhs), scope)
            let value = try resolve(rhs, scope)
            return .assign(try assignTarget(lhs, scope), combine(current, value))
        case .ref(let obj, let idx):
            let ov = scope.fn.newLocal("#obj")
            var prelude: [IR] = [.assign(.local(ov), try resolve(obj, scope))]
            let (items, endVar) = try resolveIndicesOf(.local(ov), idx, scope)
            var temps: [IR] = []
            for it in items {
                let tv = scope.fn.newLocal("#idx")
                prelude.append(.assign(.local(tv), it))
                temps.append(.local(tv))
            }
            if let ev = endVar { prelude.insert(.assign(.local(ev), .local(ov)), at: 1) }
            let current = IR.index(.local(ov), temps, endVar: nil)
            let value = try resolve(rhs, scope)
            return .block(prelude + [.assign(.index(.local(ov), temps, endVar: nil), combine(current, value))])
        case .field(let obj, let name):
            let ov = scope.fn.newLocal("#obj")
            let s = JSym.intern(name)
            let value = try resolve(rhs, scope)
            return .block([.assign(.local(ov), try resolve(obj, scope)),
                           .assign(.field(.local(ov), s), combine(.field(.local(ov), s), value))])
        default:
            throw SyntaxError("invalid assignment location", at: loc)
        }
    }

    func stripType(_ e: Syn) -> Syn {
        if case .typeAssert(let x, _) = e.kind { return x }
        return e
    }

    /// The assignment target for the left side of `=`.
    mutating func assignTarget(_ lhs: Syn, _ scope: BlockScope) throws -> LValue {
        switch lhs.kind {
        case .ident(let n):
            return assignName(n, scope, at: lhs.loc)
        case .typeAssert(let x, let t):
            guard let n = x.identName else { throw SyntaxError("invalid assignment location", at: lhs.loc) }
            let target = assignName(n, scope, at: lhs.loc)
            if case .local(let v) = target, v.declaredType == nil { v.declaredType = try resolve(t, scope) }
            return target
        case .tuple(let items):
            return .tuple(try items.map { try assignTarget($0, scope) })
        case .ref(let obj, let idx):
            let o = try resolve(obj, scope)
            let (items, endVar) = try resolveIndices(idx, scope)
            return .index(o, items, endVar: endVar)
        case .field(let obj, let name):
            return .field(try resolve(obj, scope), JSym.intern(name))
        case .splat(let x):
            return try assignTarget(x, scope)
        default:
            throw SyntaxError("invalid assignment location \"\(Unparser.text(lhs))\"", at: lhs.loc)
        }
    }

    // MARK: Indexing

    /// True when `e` mentions `end` for the index being resolved (not a nested index's).
    func mentionsEnd(_ e: Syn) -> Bool {
        switch e.kind {
        case .endMarker: return true
        case .ref(let o, _): return mentionsEnd(o)
        case .typed(let o, _): return mentionsEnd(o)
        default: return Unparser.children(e).contains { mentionsEnd($0) }
        }
    }

    mutating func resolveIndices(_ idx: [Syn], _ scope: BlockScope) throws -> ([IR], LocalVar?) {
        let endVar = idx.contains(where: mentionsEnd) ? scope.fn.newLocal("#end") : nil
        var items: [IR] = []
        for (k, i) in idx.enumerated() {
            if let ev = endVar { endTargets.append((ev, k + 1, idx.count)) }
            defer { if endVar != nil { endTargets.removeLast() } }
            items.append(try resolve(i, scope))
        }
        return (items, endVar)
    }

    mutating func resolveIndicesOf(_ obj: IR, _ idx: [Syn], _ scope: BlockScope) throws -> ([IR], LocalVar?) {
        try resolveIndices(idx, scope)
    }
}
