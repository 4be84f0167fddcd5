import DistSyntax

/// Resolving definitions, loops, scopes and modules.
extension Resolver {
    // MARK: Functions

    /// Resolves a lambda: parameters become the first slots of a new frame.
    mutating func resolveLambda(name: String?, params: [Param], kwparams: [Param], body: Syn,
                                scope: BlockScope, whereNames: [String]) throws -> Lambda {
        let fn = FunctionContext(parent: scope.fn, parentScope: scope, isToplevel: false)
        let root = BlockScope(fn: fn, parent: nil, kind: .function)
        var infos: [ParamInfo] = []
        var prologue: [IR] = []
        var destructure: [(LocalVar, Syn)] = []
        for (i, p) in params.enumerated() {
            let pname = p.name.isEmpty || p.pattern != nil ? "#arg\(i + 1)" : p.name
            let v = root.declare(pname)
            let t = try p.type.map { try resolveType($0, scope, whereNames) }
            infos.append(ParamInfo(name: JSym.intern(pname), local: v, type: t, defaultValue: nil))
            if let pat = p.pattern { destructure.append((v, pat)) }
        }
        // defaults may mention earlier parameters, so they resolve in the callee's scope
        for (i, p) in params.enumerated() where p.defaultValue != nil {
            let d = try resolve(p.defaultValue!, root)
            let info = infos[i]
            infos[i] = ParamInfo(name: info.name, local: info.local, type: info.type, defaultValue: d)
        }
        var kwinfos: [KeywordParamInfo] = []
        var kwSplat: LocalVar?
        for p in kwparams {
            if p.isVararg { kwSplat = root.declare(p.name); continue }
            let v = root.declare(p.name)
            let t = try p.type.map { try resolveType($0, scope, whereNames) }
            kwinfos.append(KeywordParamInfo(name: JSym.intern(p.name), local: v, type: t, defaultValue: nil))
        }
        for (i, p) in kwparams.filter({ !$0.isVararg }).enumerated() {
            let d = try p.defaultValue.map { try resolve($0, root) }
            let info = kwinfos[i]
            kwinfos[i] = KeywordParamInfo(name: info.name, local: info.local, type: info.type, defaultValue: d)
        }
        for (v, pat) in destructure {
            try declareLocals([Syn(.assign(pat, Syn(.ident(v.name.name), pat.loc)), pat.loc)], in: root)
            prologue.append(.assign(try assignTarget(pat, root), .local(v)))
        }
        try declareLocals([body], in: root)
        let savedEnd = endTargets
        endTargets = []
        defer { endTargets = savedEnd }
        var b = try resolve(body, root)
        if !prologue.isEmpty { b = .block(prologue + [b]) }
        let nRequired = params.filter { $0.defaultValue == nil && !$0.isVararg }.count
        let l = Lambda(name: name ?? nextAnonymousName(), params: infos, nRequired: nRequired,
                       isVararg: params.last?.isVararg ?? false, kwParams: kwinfos, kwSplat: kwSplat,
                       nslots: fn.locals.count, locals: fn.locals, captures: fn.captures,
                       captureNames: fn.captureNames, body: b, globalsUsed: fn.globals, module: module,
                       isToplevel: false)
        locate(l, body)
        return l
    }

    /// A parameter type, with `where` variables standing for free parameters.
    mutating func resolveType(_ t: Syn, _ scope: BlockScope, _ whereNames: [String]) throws -> IR {
        if let n = t.identName, whereNames.contains(n) { return .literal(.type(JType.any)) }
        if !whereNames.isEmpty {
            let substituted = Unparser.map(t) { s in
                if let n = s.identName, whereNames.contains(n) { return Syn(.ident("__typevar__"), s.loc) }
                return nil
            }
            return try resolve(substituted, scope)
        }
        return try resolve(t, scope)
    }

    /// `function f(x) … end`, `f(x) = …`, `Base.show(io, x) = …`.
    mutating func resolveFunctionDefinition(_ name: Syn, _ params: [Param], _ kwparams: [Param], _ body: Syn,
                                            _ whereNames: [String], _ scope: BlockScope, _ loc: SourceLocation) throws -> IR {
        var ref: GlobalRef
        var displayName: String
        switch name.kind {
        case .ident(let n):
            displayName = n
            // inside a function, `g(x) = …` defines a local closure; so it does in a `let` or
            // loop body at the top level, where the name is a local of that scope
            if (!scope.fn.isToplevel || isLocalInFunction(n, scope)) && !isDeclaredGlobal(n, scope) {
                let lambda = try resolveLambda(name: n, params: params, kwparams: kwparams, body: body, scope: scope, whereNames: whereNames)
                let target = assignName(n, scope, at: loc)
                return .assign(target, .lambda(lambda))
            }
            ref = globalRef(n, scope)
        case .field(let m, let n):
            displayName = n
            let path = modulePath(of: m)
            guard let path = path else { throw SyntaxError("invalid function name", at: loc) }
            ref = GlobalRef(module: path, name: JSym.intern(n))
        case .curly(let inner, _):
            return try resolveFunctionDefinition(inner, params, kwparams, body, whereNames, scope, loc)
        default:
            throw SyntaxError("invalid function name", at: loc)
        }
        if whereNames == ["__nomethods__"] {
            return .defineMethod(ref, try resolveLambda(name: displayName, params: [], kwparams: [], body: body, scope: scope, whereNames: []), [nil, nil])
        }
        let lambda = try resolveLambda(name: displayName, params: params, kwparams: kwparams, body: body, scope: scope, whereNames: whereNames)
        return .defineMethod(ref, lambda, lambda.params.map { $0.type })
    }

    /// The absolute module path named by `Base`, `Main.M`, or `M` (relative to this module).
    func modulePath(of e: Syn) -> [JSym]? {
        switch e.kind {
        case .ident(let n):
            if n == "Base" || n == "Core" || n == "Distributed" || n == "LinearAlgebra" || n == "SharedArrays"
                || n == "Random" || n == "InteractiveUtils" || n == "Statistics" || n == "Printf" || n == "Serialization" {
                return [JSym.intern("Base")]
            }
            if n == "Main" { return [] }
            return module + [JSym.intern(n)]
        case .field(let m, let n):
            guard let p = modulePath(of: m) else { return nil }
            return p + [JSym.intern(n)]
        default:
            return nil
        }
    }

    // MARK: Loops and scopes

    mutating func resolveWhile(_ cond: Syn, _ body: Syn, _ scope: BlockScope) throws -> IR {
        let c = try resolve(cond, scope)
        let s = BlockScope(fn: scope.fn, parent: scope, kind: scope.isGlobalScope || scope.kind == .soft ? .soft : .hard)
        try declareLocals([body], in: s)
        scope.fn.loopDepth += 1
        defer { scope.fn.loopDepth -= 1 }
        let b = try resolve(body, s)
        return .whileLoop(c, .block([.freshBoxes(s.declared), b]))
    }

    mutating func resolveFor(_ iters: [Iteration], _ body: Syn, _ scope: BlockScope) throws -> IR {
        let s = BlockScope(fn: scope.fn, parent: scope, kind: scope.isGlobalScope || scope.kind == .soft ? .soft : .hard)
        var targets: [LValue] = []
        var iterables: [IR] = []
        for (k, it) in iters.enumerated() {
            // the first iterable is evaluated outside the loop; later ones see earlier variables
            iterables.append(try resolve(it.iterable, k == 0 ? scope : s))
            try declareLoopTargets(it.target, in: s)
            targets.append(try assignTarget(it.target, s))
        }
        try declareLocals([body], in: s)
        scope.fn.loopDepth += 1
        defer { scope.fn.loopDepth -= 1 }
        var b = try resolve(body, s)
        for k in stride(from: iters.count - 1, through: 0, by: -1) {
            b = .forLoop(targets[k], iterables[k], b, fresh: k == iters.count - 1 ? s.declared : [], breaksOuter: k > 0)
        }
        return b
    }

    /// Loop variables are always new locals of the loop's scope.
    func declareLoopTargets(_ target: Syn, in s: BlockScope) throws {
        switch target.kind {
        case .ident(let n): if n != "_" && s.vars[n] == nil { s.declare(n) }
        case .tuple(let items): for i in items { try declareLoopTargets(i, in: s) }
        case .typeAssert(let x, _): try declareLoopTargets(x, in: s)
        default: throw SyntaxError("invalid iteration variable", at: target.loc)
        }
    }

    mutating func resolveLet(_ bindings: [Syn], _ body: Syn, _ scope: BlockScope) throws -> IR {
        let s = BlockScope(fn: scope.fn, parent: scope, kind: .hard)
        var stmts: [IR] = []
        var declaredHere: [LocalVar] = []
        for b in bindings {
            switch b.kind {
            case .ident(let n):
                let v = s.declare(n)
                declaredHere.append(v)
            case .assign(let lhs, let rhs):
                // `let x = x`: the right side sees the outer x
                let value = try resolve(rhs, s)
                var names: [String] = []
                collectNames(lhs, &names)
                for n in names { declaredHere.append(s.declare(n)) }
                stmts.append(.assign(try assignTarget(lhs, s), value))
            case .typeAssert(let x, let t):
                guard let n = x.identName else { throw SyntaxError("invalid let syntax", at: b.loc) }
                let v = s.declare(n)
                v.declaredType = try resolve(t, scope)
                declaredHere.append(v)
            default:
                throw SyntaxError("invalid let syntax", at: b.loc)
            }
        }
        try declareLocals([body], in: s)
        let bodyIR = try resolve(body, s)
        return .block([.freshBoxes(s.declared)] + stmts + [bodyIR])
    }

    func collectNames(_ e: Syn, _ out: inout [String]) {
        switch e.kind {
        case .ident(let n): out.append(n)
        case .typeAssert(let x, _): collectNames(x, &out)
        case .tuple(let items): for i in items { collectNames(i, &out) }
        default: break
        }
    }

    mutating func resolveTry(_ body: Syn, _ variable: String?, _ handler: Syn?, _ fin: Syn?, _ scope: BlockScope) throws -> IR {
        let kind: BlockScope.Kind = scope.isGlobalScope || scope.kind == .soft ? .soft : .hard
        let bs = BlockScope(fn: scope.fn, parent: scope, kind: kind)
        try declareLocals([body], in: bs)
        let b = try resolve(body, bs)
        var errVar: LocalVar?
        var h: IR?
        if let handler = handler {
            let hs = BlockScope(fn: scope.fn, parent: scope, kind: kind)
            var prefix: [IR] = []
            if let v = variable {
                // `catch e` assigns `e` as `e = exception` would: an existing local of the
                // function (or a captured one, or a global in the REPL's soft scope) is assigned
                let softGlobal = scope.fn.isToplevel && interactive && isOnlySoftScopesToTop(hs) && globalExists(JSym.intern(v))
                if isLocalInFunction(v, scope) || isLocalOfEnclosingFunction(v, scope) || isDeclaredGlobal(v, scope) || softGlobal {
                    let tmp = hs.declare("#exception")
                    errVar = tmp
                    let target: LValue = softGlobal && !isLocalInFunction(v, scope) ? .global(globalRef(v, scope)) : try assignTarget(Syn(.ident(v), handler.loc), hs)
                    prefix.append(.assign(target, .local(tmp)))
                } else {
                    errVar = hs.declare(v)
                }
            }
            try declareLocals([handler], in: hs)
            let hb = try resolve(handler, hs)
            h = .block([.freshBoxes(hs.declared)] + prefix + [hb])
        }
        var f: IR?
        if let fin = fin {
            let fs = BlockScope(fn: scope.fn, parent: scope, kind: kind)
            try declareLocals([fin], in: fs)
            f = try resolve(fin, fs)
        }
        return .tryCatch(.block([.freshBoxes(bs.declared), b]), errVar, h, f)
    }

    mutating func resolveComprehension(_ body: Syn, _ iters: [Iteration], _ filter: Syn?, _ scope: BlockScope,
                                       generator: Bool, nested: Bool) throws -> IR {
        let s = BlockScope(fn: scope.fn, parent: scope, kind: .comprehension)
        var targets: [LValue] = []
        var iterables: [IR] = []
        for (k, it) in iters.enumerated() {
            iterables.append(try resolve(it.iterable, nested && k > 0 ? s : scope))
            try declareLoopTargets(it.target, in: s)
            targets.append(try assignTarget(it.target, s))
        }
        try declareLocals([body], in: s)
        let f = try filter.map { try resolve($0, s) }
        let b = try resolve(body, s)
        return .comprehension(Comprehension(targets: targets, iterables: iterables, filter: f, body: b,
                                            fresh: s.declared, isGenerator: generator, nested: nested))
    }

    // MARK: Types and modules

    /// `struct P{T, N <: Integer} … end`: the struct is defined with each parameter's stand-in
    /// (`Base.__typeparam`) in its field types, then made a family of that many parameters
    /// (`Base.__parametric`), whose instantiations substitute them.
    mutating func resolveStruct(_ name: String, _ typeParams: [Syn], _ mutable: Bool, _ supertype: Syn?, _ fields: [Param],
                                _ constructors: [Syn], _ scope: BlockScope, _ loc: SourceLocation) throws -> IR {
        let ref = globalRef(name, scope)
        var names: [String] = []
        var bounds: [IR] = []
        for p in typeParams {
            if let n = p.identName {
                names.append(n)
                bounds.append(.literal(.type(.any)))
            } else if case .op("<:", let xs) = p.kind, xs.count == 2, let n = xs[0].identName {
                names.append(n)
                bounds.append(try resolve(xs[1], scope))
            } else {
                throw SyntaxError("invalid type parameter name in struct definition", at: p.loc)
            }
        }
        func standIns(_ t: Syn) -> Syn {
            Unparser.map(t) { e in
                guard let n = e.identName, let k = names.firstIndex(of: n) else { return nil }
                return Syn(.macroCall("__typeparam__", [Syn(.symbol(n), e.loc), Syn(.int(Int64(k)), e.loc)]), e.loc)
            }
        }
        let s = try supertype.map { try resolve(standIns($0), scope) }
        let types = try fields.map { f in try f.type.map { try resolve(standIns($0), scope) } }
        let saved = currentStruct
        currentStruct = name
        defer { currentStruct = saved }
        var ctors: [Lambda] = []
        for c in constructors {
            guard case .function(let fname, let params, let kwparams, let body, let whereNames) = c.kind else { continue }
            let n: String
            switch fname.kind {
            case .ident(let x): n = x
            case .curly(let inner, _): n = inner.identName ?? name
            default: n = name
            }
            ctors.append(try resolveLambda(name: n, params: params, kwparams: kwparams, body: body, scope: scope, whereNames: whereNames))
        }
        let definition = IR.defineStruct(StructDefinition(name: ref, isMutable: mutable, supertype: s,
                                                          fieldNames: fields.map { JSym.intern($0.name) },
                                                          fieldTypes: types, constructors: ctors))
        if names.isEmpty { return definition }
        return .block([definition, .call(baseFunction("__parametric"),
                                         [.global(ref), .literal(.tuple(names.map { .symbol($0) })), .tuple(bounds)], [])])
    }

    mutating func resolveModule(_ name: String, _ body: Syn, _ scope: BlockScope, _ loc: SourceLocation) throws -> IR {
        guard scope.isGlobalScope else { throw SyntaxError("\"module\" expression not at top level", at: loc) }
        var inner = Resolver(module: module + [JSym.intern(name)], interactive: false, globalExists: { _ in false },
                             nextAnonymousName: nextAnonymousName)
        let thunk = try inner.resolveToplevel(body)
        warnings += inner.warnings
        return .defineModule(JSym.intern(name), thunk)
    }
}
