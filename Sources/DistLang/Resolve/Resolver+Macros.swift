import DistSyntax

/// The macros of the language, expanded during resolution.
///
/// Macros that run code elsewhere or later (`@spawnat`, `@async`, `@distributed`) wrap their
/// argument in a lambda and call a built-in; the others become dedicated IR forms.
extension Resolver {
    mutating func resolveMacro(_ name: String, _ args: [Syn], _ scope: BlockScope, _ loc: SourceLocation) throws -> IR {
        func arg(_ i: Int) throws -> Syn {
            guard i < args.count else { throw SyntaxError("too few arguments to @\(name)", at: loc) }
            return args[i]
        }
        func thunk(_ body: Syn) throws -> IR {
            .lambda(try resolveLambda(name: nil, params: [], kwparams: [], body: body, scope: scope, whereNames: []))
        }
        func builtin(_ n: String) -> IR { .global(GlobalRef(module: [JSym.intern("Base")], name: JSym.intern(n))) }

        if let test = try resolveTestMacro(name, args, scope, loc) { return test }
        switch name {
        case "time", "elapsed", "allocated", "timed":
            let kind: TimingKind = name == "time" ? .time : name == "elapsed" ? .elapsed : name == "allocated" ? .allocated : .timed
            return .timed(try resolve(try arg(0), scope), kind)
        case "show":
            if args.isEmpty { return .literal(.nothing) }
            var out: [IR] = []
            for a in args { out.append(.show(Unparser.text(a), try resolve(a, scope))) }
            return out.count == 1 ? out[0] : .block(out)
        case "assert":
            let cond = try arg(0)
            let msg: IR = args.count > 1 ? try resolve(args[1], scope) : .literal(.string(Unparser.text(cond)))
            let err = IR.call(builtin("AssertionError"), [msg], [])
            return .ifElse(try resolve(cond, scope), .literal(.nothing), .call(builtin("throw"), [err], []))
        case "async":
            return .call(builtin("__async"), [try thunk(try arg(0))], [])
        case "task":
            return .call(builtin("Task"), [try thunk(try arg(0))], [])
        case "sync":
            return .sync(try resolve(try arg(0), scope))
        case "showprogress":
            return try resolveShowProgress(args, scope, loc)
        case "trace":
            return .call(builtin("__trace"), [try thunk(try arg(0))], [])
        case "spawnat":
            return .call(builtin("__spawnat"), [try resolve(try arg(0), scope), try thunk(try arg(1))], [])
        case "spawn":
            return .call(builtin("__spawnat"), [.literal(.symbol("any")), try thunk(try arg(0))], [])
        case "fetch":
            return .call(builtin("__fetchany"), [try thunk(try arg(0))], [])
        case "fetchfrom":
            return .call(builtin("remotecall_fetch"), [try thunk(try arg(1)), try resolve(try arg(0), scope)], [])
        case "distributed", "parallel":
            return try resolveDistributed(args, scope, loc)
        case "everywhere":
            return try resolveEverywhere(args, scope, loc)
        case "isdefined":
            guard let n = try arg(0).identName else { throw SyntaxError("@isdefined expects a name", at: loc) }
            return .isDefined(readName(n, scope))
        case "eval":
            return try resolveEval(args, scope, loc)
        case "__MODULE__":
            return currentModuleIR()
        case "__DIR__":
            // the folder of the file this code was read from, fixed when it is resolved
            return .literal(.string(sourceDirectory))
        case "inbounds", "simd", "views", "inline", "noinline", "fastmath", "static", "polly", "nospecialize", "threads":
            return try resolve(try arg(args.count - 1), scope)
        case "printf":
            return .call(builtin("printf"), try args.map { try resolve($0, scope) }, [])
        case "sprintf":
            return .call(builtin("sprintf"), try args.map { try resolve($0, scope) }, [])
        case "info", "warn", "error", "debug":
            // `@warn "message" key=value …`: the pairs are the log record's fields, and so is
            // any other expression after the message, named by its text (`@info "m" x` shows
            // `x = 3`, as Julia's logging macros do)
            var positional: [IR] = [.literal(.symbol(name))]
            var fields: [KeywordIR] = [KeywordIR(name: JSym.intern("_line"), value: .literal(.int(Int64(loc.line))))]
            for a in args {
                if case .assign(let lhs, let rhs) = a.kind, let n = lhs.identName {
                    fields.append(KeywordIR(name: JSym.intern(n), value: try resolve(rhs, scope)))
                } else if positional.count > 1 {
                    fields.append(KeywordIR(name: JSym.intern(Unparser.text(a)), value: try resolve(a, scope)))
                } else {
                    positional.append(try resolve(a, scope))
                }
            }
            return .call(builtin("__log"), positional, fields)
        case "__interp__":
            guard case .int(let k) = try arg(0).kind, Int(k) < interpolationValues.count else {
                throw SyntaxError("bad interpolation", at: loc)
            }
            return .literal(interpolationValues[Int(k)])
        case "__typeparam__":
            // a struct parameter's stand-in in its field types (see `resolveStruct`)
            return .call(builtin("__typeparam"), try args.map { try resolve($0, scope) }, [])
        case "__dot__", ".":
            return try resolve(Unparser.dotify(try arg(0)), scope)
        case "macroexpand", "code_warntype", "code_llvm", "code_native", "btime", "benchmark", "goto", "label":
            throw SyntaxError("macro @\(name) is not supported", at: loc)
        default:
            if name == "str_r" {
                // r"…": a regular expression, compiled here as Julia's macro does (a loop that
                // matches it then makes nothing); a pattern PCRE rejects raises where it runs
                let texts = args.compactMap { a -> String? in if case .string(let s) = a.kind { return s }; return nil }
                if texts.count == args.count, (1...2).contains(texts.count),
                   let rx = try? JRegex(texts[0], flags: texts.count == 2 ? texts[1] : "") {
                    return .literal(.obj(rx))
                }
                return .call(builtin("Regex"), try args.map { try resolve($0, scope) }, [])
            }
            if name.hasPrefix("str_") {
                return .call(.global(globalRef(String(name.dropFirst(4)), scope)), try args.map { try resolve($0, scope) }, [])
            }
            return .call(builtin("throw"), [.call(builtin("UndefVarError"), [.literal(.symbol("@" + name))], [])], [])
        }
    }

    /// `@distributed [reducer] for v = range body end`.
    mutating func resolveDistributed(_ args: [Syn], _ scope: BlockScope, _ loc: SourceLocation) throws -> IR {
        guard let loop = args.last, case .forLoop(let iters, let body) = loop.kind, args.count <= 2 else {
            throw SyntaxError("malformed @distributed loop", at: loc)
        }
        guard iters.count == 1 else { throw SyntaxError("malformed @distributed loop", at: loc) }
        let it = iters[0]
        let param: Param
        if let n = it.target.identName { param = Param(name: n) } else { param = Param(name: "", pattern: it.target) }
        let lambda = try resolveLambda(name: nil, params: [param], kwparams: [], body: body, scope: scope, whereNames: [])
        let reducer: IR = args.count == 2 ? try resolve(args[0], scope) : .literal(.nothing)
        let builtin = IR.global(GlobalRef(module: [JSym.intern("Base")], name: JSym.intern("__distributed")))
        return .call(builtin, [reducer, try resolve(it.iterable, scope), .lambda(lambda)], [])
    }

    /// `@everywhere [procs] expr`: `$x` values are evaluated here; the body is kept as syntax.
    mutating func resolveEverywhere(_ args: [Syn], _ scope: BlockScope, _ loc: SourceLocation) throws -> IR {
        guard let bodySyn = args.last else { throw SyntaxError("@everywhere needs an expression", at: loc) }
        let procs: IR? = args.count >= 2 ? try resolve(args[0], scope) : nil
        var interpolations: [IR] = []
        var failure: Error?
        let body = Unparser.map(bodySyn) { s in
            guard case .dollar(let inner) = s.kind else { return nil }
            do {
                interpolations.append(try self.resolveCopy(inner, scope))
            } catch {
                failure = error
            }
            return Syn(.macroCall("__interp__", [Syn(.int(Int64(interpolations.count - 1)), s.loc)]), s.loc)
        }
        if let f = failure { throw f }
        let stmts: [Syn]
        if case .block(let items) = body.kind, args.count >= 1, isBeginBlock(bodySyn) { stmts = items } else { stmts = [body] }
        return .everywhere(Everywhere(procs: procs, body: stmts, interpolations: interpolations, module: module))
    }

    func isBeginBlock(_ s: Syn) -> Bool {
        if case .block = s.kind { return true }
        return false
    }

    /// Resolves `e` without mutating this resolver's end-target state (used from closures).
    func resolveCopy(_ e: Syn, _ scope: BlockScope) throws -> IR {
        var copy = self
        return try copy.resolve(e, scope)
    }
}
