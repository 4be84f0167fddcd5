import DistSyntax

/// `@showprogress [dt] [desc] [dt=…] [desc=…] [enabled=…] expr`, as ProgressMeter.jl writes it,
/// expanded into syntax around a bar of Progress.swift:
///
/// - `for x in xs … end`: each iteration counts at its end (and before a `continue`);
/// - `[e for x in xs]`: each element counts once computed;
/// - `pmap(f, c…)`: pmap counts each element as its result arrives, with its worker;
/// - `map`, `foreach`, `filter`, `asyncmap`, … `(f, c…)`: each call of `f` counts;
/// - `@distributed [reducer] for …`: the workers count their chunks' iterations and report
///   now and then; like ProgressMeter's, the loop is waited for even without a reducer.
///
/// The bar is taken off (and its summary line written) in a `finally`, so an error or a
/// Ctrl-C never leaves it on the screen.
extension Resolver {
    mutating func resolveShowProgress(_ args: [Syn], _ scope: BlockScope, _ loc: SourceLocation) throws -> IR {
        guard let body = args.last else { throw SyntaxError("@showprogress needs an expression", at: loc) }
        var options: [KeywordArg] = []
        for a in args.dropLast() {
            switch a.kind {
            case .string, .interpolated: options.append(KeywordArg(name: "desc", value: a))
            case .int, .float: options.append(KeywordArg(name: "dt", value: a))
            case .assign(let lhs, let rhs):
                guard let n = lhs.identName, ["desc", "dt", "enabled", "barlen", "color", "showspeed", "barglyphs", "output"].contains(n) else {
                    throw SyntaxError("@showprogress: unknown option \(Unparser.text(a))", at: a.loc)
                }
                // options of ProgressMeter's look that dist draws its own way are accepted
                if ["desc", "dt", "enabled"].contains(n) { options.append(KeywordArg(name: n, value: rhs)) }
            default:
                throw SyntaxError("@showprogress: options are a description, an update interval or name=value", at: a.loc)
            }
        }
        let names = ProgressNames(loc)
        func id(_ n: String) -> Syn { Syn(.ident(n), loc) }
        func call(_ f: String, _ a: [Syn], _ k: [KeywordArg] = []) -> Syn { Syn(.call(id(f), a, k), loc) }
        func thunk(_ e: Syn) -> Syn { Syn(.lambda([], [], e), loc) }
        func start(_ total: Syn?) -> Syn {
            Syn(.assign(id(names.bar), call("__progress_start", [total.map(thunk) ?? id("nothing")], options)), loc)
        }
        let tick = call("__progress_next", [id(names.bar)])
        /// `pre…; ok = false; try value = work; ok = true finally finish(bar, ok) end; value`,
        /// resolved in the expression's own scope (a `try` written in the source would make
        /// `value` local to it).
        func guarded(_ pre: [Syn], _ work: Syn) throws -> IR {
            var out = try pre.map { try resolve($0, scope) }
            out.append(try resolve(Syn(.assign(id(names.ok), Syn(.bool(false), loc)), loc), scope))
            let body = IR.block([.assign(try assignTarget(id(names.value), scope), try resolve(work, scope)),
                                 .assign(try assignTarget(id(names.ok), scope), .literal(.bool(true)))])
            let finish = try resolve(call("__progress_finish", [id(names.bar), id(names.ok)]), scope)
            out.append(.tryCatch(body, nil, nil, finish))
            out.append(try resolve(id(names.value), scope))
            return .block(out)
        }

        switch body.kind {
        case .forLoop(let iters, let loopBody):
            // for one iteration spec the iterable is evaluated once; for several the total is
            // the product of their lengths, unknown when a later one depends on an earlier
            let total: Syn
            var pre: [Syn] = []
            var loopIters = iters
            if iters.count == 1 {
                pre.append(Syn(.assign(id(names.iterable), iters[0].iterable), loc))
                loopIters[0].iterable = id(names.iterable)
                total = call("length", [id(names.iterable)])
            } else {
                total = iters.map { call("length", [$0.iterable]) }.dropFirst().reduce(call("length", [iters[0].iterable])) {
                    Syn(.op("*", [$0, $1]), loc)
                }
            }
            let counted = Syn(.block([Resolver.countingContinues(loopBody, tick), tick]), loc)
            let loop = Syn(.forLoop(loopIters, counted), loc)
            return try guarded(pre + [start(total)], Syn(.block([loop, id("nothing")]), loc))

        case .comprehension(let e, let iters, let cond, let nested):
            let counted = call("__progress_pass", [id(names.bar), e])
            let total: Syn? = cond == nil && !nested && iters.count == 1 ? call("length", [iters[0].iterable]) : nil
            return try guarded([start(total)], Syn(.comprehension(counted, iters, cond, nested: nested), loc))

        case .macroCall(let m, let margs) where m == "distributed" || m == "parallel":
            let expanded = try resolveDistributed(margs, scope, loc)
            guard case .call(let f, var cargs, let kw) = expanded, cargs.count == 3 else {
                throw SyntaxError("malformed @showprogress @distributed loop", at: loc)
            }
            // the bar goes to __distributed, which waits (and tells the bar the total)
            var out = [try resolve(start(nil), scope),
                       try resolve(Syn(.assign(id(names.ok), Syn(.bool(false), loc)), loc), scope)]
            cargs.append(try resolve(id(names.bar), scope))
            let work = IR.block([.assign(try assignTarget(id(names.value), scope), .call(f, cargs, kw)),
                                 .assign(try assignTarget(id(names.ok), scope), .literal(.bool(true)))])
            out.append(.tryCatch(work, nil, nil, try resolve(call("__progress_finish", [id(names.bar), id(names.ok)]), scope)))
            out.append(try resolve(id(names.value), scope))
            return .block(out)

        case .call(let f, let cargs, let kw) where f.identName == "pmap":
            // pmap counts results as they arrive and knows the total
            let withBar = Syn(.call(f, cargs, kw + [KeywordArg(name: "__progress", value: id(names.bar))]), loc)
            return try guarded([start(nil)], withBar)

        case .call(let f, let cargs, let kw) where !cargs.isEmpty:
            // map-like: f counts each call; the total is the shortest collection's length
            guard let fname = f.identName, Resolver.progressMaps.contains(fname) else {
                throw SyntaxError("@showprogress does not know how to count \(Unparser.text(f))(…); it takes a for loop, a comprehension, pmap, @distributed or one of \(Resolver.progressMaps.sorted().joined(separator: ", "))", at: loc)
            }
            var pre: [Syn] = [Syn(.assign(id(names.function), cargs[0]), loc)]
            var rest: [Syn] = []
            for (i, c) in cargs.dropFirst().enumerated() {
                if case .splat = c.kind { rest.append(c); continue }
                let name = names.argument(i)
                pre.append(Syn(.assign(id(name), c), loc))
                rest.append(id(name))
            }
            let xs = "#progress_xs"
            let kws = "#progress_kws"
            let wrapped = Syn(.lambda([Param(name: xs, isVararg: true)], [Param(name: kws, isVararg: true)],
                                      call("__progress_pass", [id(names.bar),
                                                               Syn(.call(id(names.function), [Syn(.splat(id(xs)), loc)],
                                                                         [KeywordArg(name: "...", value: id(kws))]), loc)])), loc)
            let work = Syn(.call(f, [wrapped] + rest, kw), loc)
            return try guarded(pre + [start(call("__progress_total", rest))], work)

        default:
            throw SyntaxError("@showprogress takes a for loop, a comprehension, pmap, @distributed or one of \(Resolver.progressMaps.sorted().joined(separator: ", ")) (f, collections…)", at: loc)
        }
    }

    /// The calls whose function `@showprogress` counts, as ProgressMeter's `progress_map`.
    static let progressMaps: Set<String> = ["map", "foreach", "filter", "asyncmap", "map!", "count", "any", "all", "sum", "prod", "maximum", "minimum"]

    /// `body` with each `continue` of its own loop (not of loops or functions inside it)
    /// preceded by `tick`.
    static func countingContinues(_ body: Syn, _ tick: Syn) -> Syn {
        func walk(_ s: Syn) -> Syn {
            switch s.kind {
            case .continueStmt: return Syn(.block([tick, s]), s.loc)
            case .block(let items): return Syn(.block(items.map(walk)), s.loc)
            case .ifElse(let c, let a, let b): return Syn(.ifElse(c, walk(a), b.map(walk)), s.loc)
            case .tryCatch(let b, let v, let h, let f): return Syn(.tryCatch(body: walk(b), variable: v, handler: h.map(walk), finally: f.map(walk)), s.loc)
            case .letBlock(let bindings, let b): return Syn(.letBlock(bindings, walk(b)), s.loc)
            case .and(let a, let b): return Syn(.and(a, walk(b)), s.loc)
            case .or(let a, let b): return Syn(.or(a, walk(b)), s.loc)
            case .ternary(let c, let a, let b): return Syn(.ternary(c, walk(a), walk(b)), s.loc)
            default: return s
            }
        }
        return walk(body)
    }
}

/// The hidden names of one `@showprogress` expansion: unique to its place in the source, so
/// that nested bars never share them (names starting with `#` cannot be written by users).
struct ProgressNames {
    let suffix: String
    init(_ loc: SourceLocation) { suffix = "\(loc.line)_\(loc.column)" }
    var bar: String { "#progress_bar_" + suffix }
    var ok: String { "#progress_ok_" + suffix }
    var value: String { "#progress_value_" + suffix }
    var iterable: String { "#progress_iter_" + suffix }
    var function: String { "#progress_f_" + suffix }
    func argument(_ i: Int) -> String { "#progress_arg\(i)_" + suffix }
}
