import DistSyntax

/// The macros of Julia's `Test` library: `@test`, `@test_broken`, `@test_skip`,
/// `@test_throws`, `@test_nowarn`, `@testset` (with `begin`, `for` and `let`) and `@inferred`.
///
/// Each expands, as in Julia, to code that evaluates the test expression inside
/// `try … catch` — so it stays in the scope where it is written — and hands the outcome to a
/// built-in (`Builtins+Test`) that judges and records it:
///
///     @test a == b   →   __test(false, "a == b", line,
///                               try t1 = a; t2 = b; (t1 == t2, (t1, t2)) catch e; (e,) end,
///                               (:comparison, ("==",), false))
///
/// A comparison, or a call of one of the functions Julia's `Test` lists as showing their
/// arguments (`isequal`, `occursin`…), keeps its evaluated operands for the `Evaluated:`
/// line of a failure. A `@testset` body becomes a closure (Julia wraps it in `let`), called by
/// the built-in between opening and finishing the set.
extension Resolver {
    /// Functions whose evaluated arguments a failing `@test` shows (Julia's `DISPLAY_FAILED`).
    static let testDisplayedCalls: Set<String> = [
        "isequal", "isapprox", "≈", "occursin", "startswith", "endswith", "isempty", "contains",
    ]

    /// Expands a macro of the `Test` library, or returns nil for any other name.
    mutating func resolveTestMacro(_ name: String, _ args: [Syn], _ scope: BlockScope, _ loc: SourceLocation) throws -> IR? {
        switch name {
        case "test": return try resolveTest(args, brokenDefault: false, scope, loc)
        case "test_broken": return try resolveTest(args, brokenDefault: true, scope, loc)
        case "test_skip":
            guard let ex = args.first else { throw SyntaxError("@test_skip needs an expression", at: loc) }
            let (test, _) = try testExpression(ex, Array(args.dropFirst()), "@test_skip", loc)
            return .call(testBuiltin("__test_skip"), [.literal(.string(testText(test)))], [])
        case "test_throws":
            guard args.count == 2 else { throw SyntaxError("@test_throws expects an exception type and an expression", at: loc) }
            let outcome = tryCapture([], args[1], nil, loc)
            return .call(testBuiltin("__test_throws"), [
                try resolve(args[0], scope), .literal(.string(testText(args[1]))), .literal(.int(Int64(loc.line))),
                try resolve(outcome, scope),
            ], [])
        case "test_nowarn":
            // the expression runs in a closure (Julia's expansion wraps it in `let`)
            guard let ex = args.last else { throw SyntaxError("@test_nowarn needs an expression", at: loc) }
            let body = try resolveLambda(name: nil, params: [], kwparams: [], body: ex, scope: scope, whereNames: [])
            return .call(testBuiltin("__test_nowarn"), [
                .literal(.string(testText(ex))), .literal(.int(Int64(loc.line))), .lambda(body),
            ], [])
        case "test_logs":
            // @test_logs (level, message)… [match_mode=:any] body
            guard let ex = args.last else { throw SyntaxError("@test_logs needs an expression", at: loc) }
            var patterns: [IR] = [], options: [KeywordIR] = []
            for p in args.dropLast() {
                if case .assign(let k, let v) = p.kind, let n = k.identName {
                    options.append(KeywordIR(name: JSym.intern(n), value: try resolve(v, scope)))
                } else {
                    patterns.append(try resolve(p, scope))
                }
            }
            let body = try resolveLambda(name: nil, params: [], kwparams: [], body: ex, scope: scope, whereNames: [])
            return .call(testBuiltin("__test_logs"), [
                .literal(.string(testText(ex))), .literal(.int(Int64(loc.line))), .lambda(body),
            ] + patterns, options)
        case "testset": return try resolveTestset(args, scope, loc)
        case "inferred":
            // no type inference here: the value is what a correct inference would give
            guard let ex = args.last else { throw SyntaxError("@inferred needs an expression", at: loc) }
            return try resolve(ex, scope)
        default: return nil
        }
    }

    func testBuiltin(_ n: String) -> IR { .global(GlobalRef(module: [JSym.intern("Base")], name: JSym.intern(n))) }

    /// `@test ex [broken=c] [skip=c] [key=value…]`.
    mutating func resolveTest(_ args: [Syn], brokenDefault: Bool, _ scope: BlockScope, _ loc: SourceLocation) throws -> IR {
        guard let first = args.first else { throw SyntaxError("@test needs an expression", at: loc) }
        var broken: Syn?, skip: Syn?, rest: [Syn] = []
        for a in args.dropFirst() {
            if case .assign(let k, let v) = a.kind, let n = k.identName, n == "broken" || n == "skip" {
                if n == "broken" { broken = v } else { skip = v }
            } else {
                rest.append(a)
            }
        }
        if broken != nil && skip != nil { throw SyntaxError("invalid test macro call: cannot set both skip and broken keywords", at: loc) }
        let (ex, display) = try testExpression(first, rest, "@test", loc)
        let text = testText(ex)
        let outcome = testOutcome(ex, loc)
        let brokenIR: IR = try broken.map { try resolve($0, scope) } ?? .literal(.bool(brokenDefault))
        let test = IR.call(testBuiltin("__test"), [
            brokenIR, .literal(.string(text)), .literal(.int(Int64(loc.line))), try resolve(outcome, scope), .literal(display),
        ], [])
        guard let s = skip else { return test }
        return .ifElse(try resolve(s, scope), .call(testBuiltin("__test_skip"), [.literal(.string(text))], []), test)
    }

    /// The test expression with trailing `key=value` arguments folded into its call
    /// (`@test a ≈ b atol=1` is `≈(a, b; atol=1)`), and how a failure shows it.
    func testExpression(_ ex: Syn, _ keywords: [Syn], _ macro: String, _ loc: SourceLocation) throws -> (Syn, Value) {
        var e = ex
        if case .call(let f, let a, let k) = ex.kind, f.identName == "!", a.count == 1, k.isEmpty {
            e = Syn(.op("!", a), ex.loc)  // `!(x)` as `!x`
        }
        if !keywords.isEmpty {
            var kws: [KeywordArg] = []
            for k in keywords {
                guard case .assign(let lhs, let v) = k.kind, let n = lhs.identName else {
                    throw SyntaxError("invalid test macro call: \(macro) \(Unparser.text(ex)) \(Unparser.text(k))", at: loc)
                }
                kws.append(KeywordArg(name: n, value: v))
            }
            switch e.kind {
            case .call(let f, let a, let k): e = Syn(.call(f, a, k + kws), ex.loc)
            case .op(let o, let a) where a.count == 2: e = Syn(.call(Syn(.ident(o), ex.loc), a, kws), ex.loc)
            default: throw SyntaxError("invalid test macro call: \(macro) \(Unparser.text(ex))", at: loc)
            }
        }
        return (e, testDisplay(e))
    }

    /// `(:comparison, ops, negated)`, `(:call, name, negated)`, or `nothing`.
    func testDisplay(_ ex: Syn) -> Value {
        var inner = ex, negated = false
        if case .op("!", let a) = ex.kind, a.count == 1 { inner = a[0]; negated = true }
        switch inner.kind {
        case .op(let o, let a) where a.count == 2 && !o.hasPrefix(".") && (Parser.comparisonOps.contains(o) || o == "in" || o == "isa") && !a.contains(where: isSplat):
            return .tuple([.symbol("comparison"), .tuple([.string(o)]), .bool(negated)])
        case .comparison(let a, let ops) where !ops.contains(where: { $0.hasPrefix(".") }) && !a.contains(where: isSplat):
            return .tuple([.symbol("comparison"), .tuple(ops.map { .string($0) }), .bool(negated)])
        case .call(let f, let a, _) where !a.contains(where: isSplat):
            if let n = f.identName, Resolver.testDisplayedCalls.contains(n) {
                return .tuple([.symbol("call"), .string(n), .bool(negated)])
            }
            return .nothing
        default:
            return .nothing
        }
    }

    func isSplat(_ s: Syn) -> Bool {
        if case .splat = s.kind { return true }
        return false
    }

    /// `try …; (value, terms) catch e; (e,) end` for a test expression; comparisons and
    /// displayed calls evaluate their operands into temporaries first.
    func testOutcome(_ ex: Syn, _ loc: SourceLocation) -> Syn {
        if case .nothing = testDisplay(ex) { return tryCapture([], ex, Syn(.ident("nothing"), loc), loc) }
        var inner = ex, negated = false
        if case .op("!", let a) = ex.kind, a.count == 1 { inner = a[0]; negated = true }
        var assigns: [Syn] = [], temps: [Syn] = []
        func temp(_ term: Syn) -> Syn {
            let name = Syn(.ident("#test\(temps.count + 1)"), term.loc)
            assigns.append(Syn(.assign(name, term), term.loc))
            temps.append(name)
            return name
        }
        var value: Syn
        switch inner.kind {
        case .op(let o, let a): value = Syn(.op(o, a.map(temp)), inner.loc)
        case .comparison(let a, let ops): value = Syn(.comparison(a.map(temp), ops), inner.loc)
        case .call(let f, let a, let k):
            // keyword arguments written among the positional ones stay as they are
            value = Syn(.call(f, a.map { if case .assign = $0.kind { return $0 }; return temp($0) }, k), inner.loc)
        default: value = inner
        }
        if negated { value = Syn(.op("!", [value]), inner.loc) }
        return tryCapture(assigns, value, Syn(.tuple(temps), loc), loc)
    }

    /// `try stmts; (value, extra) catch e; (e,) end`; with `extra` nil, `(value, nothing)` too.
    func tryCapture(_ stmts: [Syn], _ value: Syn, _ extra: Syn?, _ loc: SourceLocation) -> Syn {
        let e = "#test_exception"
        let ok = Syn(.tuple([value, extra ?? Syn(.ident("nothing"), loc)]), loc)
        let body = Syn(.block(stmts + [ok]), loc)
        return Syn(.tryCatch(body: body, variable: e, handler: Syn(.tuple([Syn(.ident(e), loc)]), loc), finally: nil), loc)
    }

    /// The expression as a failure prints it.
    func testText(_ ex: Syn) -> String {
        if case .op("!", let a) = ex.kind, a.count == 1 {
            switch a[0].kind {
            case .ident, .call, .ref, .field, .int, .bool: return "!" + Unparser.text(a[0])
            default: return "!(" + Unparser.text(a[0]) + ")"
            }
        }
        return Unparser.text(ex)
    }

    /// `@testset [options] ["description"] begin … end`, `… for x in xs … end`, `@testset let … end`.
    mutating func resolveTestset(_ args: [Syn], _ scope: BlockScope, _ loc: SourceLocation) throws -> IR {
        guard let body = args.last else { throw SyntaxError("No arguments to @testset", at: loc) }
        var description: Syn?
        for a in args.dropLast() {
            switch a.kind {
            case .assign: continue  // options such as verbose=true
            case .string, .interpolated: description = a
            default: throw SyntaxError("unexpected argument to @testset: \(Unparser.text(a))", at: loc)
            }
        }
        switch body.kind {
        case .forLoop(let iters, let inner):
            let desc = description ?? Syn(.interpolated(iters.enumerated().flatMap { i, it -> [Syn] in
                [Syn(.string((i > 0 ? ", " : "") + Unparser.text(it.target) + " = "), loc), it.target]
            }), loc)
            let each = Syn(.macroCall("testset", [desc, inner]), loc)
            return try resolve(Syn(.forLoop(iters, Syn(.block([each]), loc)), loc), scope)
        case .letBlock(let bindings, let inner):
            if description != nil { throw SyntaxError("@testset with a `let` argument cannot be customized", at: loc) }
            var names: [Syn] = [], values: [Syn] = []
            for b in bindings {
                let target: Syn
                if case .assign(let lhs, _) = b.kind { target = lhs } else { target = b }
                names.append(Syn(.string(Unparser.text(target)), b.loc))
                values.append(target)
            }
            let call = Syn(.call(Syn(.field(Syn(.ident("Base"), loc), "__testset_context"), loc), [
                Syn(.tuple(names), loc), Syn(.tuple(values), loc), Syn(.lambda([], [], inner), loc),
            ], []), loc)
            return try resolve(Syn(.letBlock(bindings, Syn(.block([call]), loc)), loc), scope)
        default:
            var desc: IR = .literal(.string("test set"))
            if let d = description {
                desc = try resolve(d, scope)
            } else if case .call(let f, _, _) = body.kind {
                desc = .literal(.string(Unparser.text(f)))
            }
            let thunk = try resolveLambda(name: nil, params: [], kwparams: [], body: body, scope: scope, whereNames: [])
            return .call(testBuiltin("__testset"), [desc, .literal(.int(Int64(loc.line))), .lambda(thunk)], [])
        }
    }
}
