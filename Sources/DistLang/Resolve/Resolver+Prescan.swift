import DistSyntax

/// Collecting the names a scope assigns, before resolving its body.
extension Resolver {
    /// Macros whose argument runs in the caller's scope (they do not make a closure).
    static let transparentMacros: Set<String> = [
        "time", "elapsed", "allocated", "timed", "show", "inbounds", "simd", "views", "inline", "noinline",
        "fastmath", "sync", "assert", "static", "polly", "nospecialize",
    ]

    /// Names assigned directly in `stmts` (not inside nested scopes), with declared types.
    func assignedNames(_ stmts: [Syn]) -> (names: [String], types: [String: Syn], globals: [String], locals: [String]) {
        var names: [String] = []
        var seen: Set<String> = []
        var types: [String: Syn] = [:]
        var globals: [String] = []
        var locals: [String] = []

        func addTarget(_ e: Syn) {
            switch e.kind {
            case .ident(let n):
                if !seen.contains(n) { seen.insert(n); names.append(n) }
            case .typeAssert(let x, let t):
                if let n = x.identName {
                    types[n] = t
                    addTarget(x)
                }
            case .tuple(let items):
                for i in items { addTarget(i) }
            case .splat(let x):
                addTarget(x)
            default: break
            }
        }

        func visit(_ e: Syn) {
            switch e.kind {
            case .assign(let lhs, let rhs):
                addTarget(lhs)
                visit(rhs)
                if case .ref(let o, let idx) = lhs.kind { visit(o); idx.forEach(visit) }
            case .opAssign(_, let lhs, let rhs):
                addTarget(lhs)
                visit(rhs)
            case .dotAssign(_, let rhs):
                visit(rhs)
            case .function(let name, _, _, _, _):
                if let n = name.identName { addTarget(Syn(.ident(n), e.loc)) }
            case .global(let items):
                for i in items {
                    switch i.kind {
                    case .ident(let n): globals.append(n)
                    case .assign(let lhs, let rhs), .opAssign(_, let lhs, let rhs):
                        if let n = lhs.identName { globals.append(n) }
                        if case .tuple(let ts) = lhs.kind { for t in ts { if let n = t.identName { globals.append(n) } } }
                        visit(rhs)
                    default: break
                    }
                }
            case .local(let items):
                for i in items {
                    switch i.kind {
                    case .ident(let n): locals.append(n)
                    case .typeAssert(let x, let t): if let n = x.identName { locals.append(n); types[n] = t }
                    case .assign(let lhs, let rhs):
                        switch lhs.kind {
                        case .ident(let n): locals.append(n)
                        case .typeAssert(let x, let t): if let n = x.identName { locals.append(n); types[n] = t }
                        case .tuple(let ts): for t in ts { if let n = t.identName { locals.append(n) } }
                        default: break
                        }
                        visit(rhs)
                    default: break
                    }
                }
            case .const(let inner):
                visit(inner)
            case .block(let items):
                items.forEach(visit)
            case .ifElse(let c, let a, let b):
                visit(c); visit(a); if let b = b { visit(b) }
            case .and(let a, let b), .or(let a, let b):
                visit(a); visit(b)
            case .ternary(let c, let a, let b):
                visit(c); visit(a); visit(b)
            case .call(let f, let args, let kws):
                visit(f); args.forEach(visit); kws.forEach { visit($0.value) }
            case .op(_, let args):
                args.forEach(visit)
            case .comparison(let args, _):
                args.forEach(visit)
            case .tuple(let items), .vect(let items), .hcat(let items), .vcat(let items):
                items.forEach(visit)
            case .hvcat(let rows):
                rows.forEach { $0.forEach(visit) }
            case .ref(let o, let idx):
                visit(o); idx.forEach(visit)
            case .field(let o, _):
                visit(o)
            case .returnStmt(let v):
                if let v = v { visit(v) }
            case .typeAssert(let x, _):
                visit(x)
            case .interpolated(let parts):
                parts.forEach(visit)
            case .macroCall(let name, let args) where Resolver.transparentMacros.contains(name):
                args.forEach(visit)
            case .forLoop(let iters, _):
                iters.forEach { visit($0.iterable) }
            default:
                break
            }
        }
        stmts.forEach(visit)
        return (names, types, globals, locals)
    }

    /// Declares in `scope` the locals that `stmts` introduce, applying Julia's scope rules.
    mutating func declareLocals(_ stmts: [Syn], in scope: BlockScope) throws {
        let (names, types, globals, locals) = assignedNames(stmts)
        for g in globals { scope.declaredGlobals.insert(g) }
        for l in locals where scope.vars[l] == nil {
            let v = scope.declare(l)
            if let t = types[l] { v.declaredType = try resolve(t, scope) }
        }
        for n in names {
            if n == "_" || scope.declaredGlobals.contains(n) || scope.vars[n] != nil { continue }
            if isDeclaredGlobal(n, scope) { continue }
            if let p = scope.parent, isLocalInFunction(n, p) { continue }
            if isLocalOfEnclosingFunction(n, scope) { continue }
            if scope.fn.isToplevel {
                if scope.isGlobalScope { continue }
                if scope.kind == .soft && isOnlySoftScopesToTop(scope) {
                    let exists = globalExists(JSym.intern(n))
                    if exists && interactive {
                        // the soft-scope rule: the loop body assigns the existing global
                        scope.declaredGlobals.insert(n)
                        continue
                    }
                    if exists {
                        warnings.append("Assignment to `\(n)` in soft scope is ambiguous because a global variable by the same name exists: `\(n)` will be treated as a new local. Disambiguate by using `local \(n)` to suppress this warning or `global \(n)` to assign to the existing global variable.")
                    }
                }
            }
            let v = scope.declare(n)
            if let t = types[n] { v.declaredType = try resolve(t, scope) }
        }
        for (n, t) in types {
            if let v = scope.vars[n], v.declaredType == nil { v.declaredType = try resolve(t, scope) }
        }
    }

    /// True when every scope between `scope` and the global scope is a soft scope.
    func isOnlySoftScopesToTop(_ scope: BlockScope) -> Bool {
        var s: BlockScope? = scope
        while let cur = s, !cur.isGlobalScope {
            if cur.kind != .soft { return false }
            s = cur.parent
        }
        return true
    }
}
