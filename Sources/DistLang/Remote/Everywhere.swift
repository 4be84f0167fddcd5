import DistSyntax
import Foundation

/// `@everywhere [procs] expr`.
///
/// Process 1 evaluates the `$x` values, reads and parses the files named by `include` and
/// `include_string`, resolves the statements, starts them on the other processes, runs them
/// here, and waits for all — workers never see source text.
final class EverywhereNode: Node {
    let spec: Everywhere, procs: Node?, interpolations: [Node]
    init(_ e: Everywhere, _ p: Node?, _ i: [Node]) { spec = e; procs = p; interpolations = i; super.init() }

    /// As Julia's `remotecall_eval`: with one pid (an integer), the statements run there as
    /// `remotecall_fetch` runs them and their value comes back (an error is a
    /// `RemoteException`, also for this process). With a list of pids (or none: every
    /// process), they run once per occurrence: remotely first, then here as tasks, and the
    /// failures come back together as a `CompositeException` (`RemoteException`s, then
    /// `TaskFailedException`s). The statements always run in `Main`, wherever the macro is
    /// written.
    override func eval(_ t: Ctx) throws -> Value {
        let rt = t.runtime
        let pg = rt.pgrp!
        let values = try interpolations.map { try $0.eval(t) }
        var pids = pg.backend.procs()
        var single: Int?
        if let p = procs {
            let v = try p.eval(t)
            if case .int(let i) = v {
                single = Int(i)
            } else {
                pids = try rt.collectValues(v, t).map { x -> Int in
                    guard case .int(let i) = x else { throw JuliaError.argument("@everywhere: process ids must be integers") }
                    return Int(i)
                }
            }
        }
        let module = rt.main
        let stmts = try rt.expandIncludes(spec.body, interpolations: values, module: module, t)
        var thunks: [Value] = []
        let here = rt.logLocation
        defer { rt.logLocation = here }
        for (s, file) in stmts {
            // the code's lambdas name the file it came from, for stack traces on every process
            rt.logLocation = file ?? here
            let l = try rt.resolveStatement(s, in: module, interpolations: values)
            thunks.append(.fn(JFunction(closure: Method(lambda: l, sig: [], nargs: 0, isVararg: false, varargType: .any), env: [])))
        }
        let runner = Value.fn(try rt.baseFunction("__run_thunks"))
        if let p = single {
            return try pg.remotecallFetch(runner, p, thunks, [], t)
        }
        var futures: [Future] = []
        for p in pids where p != pg.myid {
            futures.append(try pg.remotecall(runner, p, thunks, [], t))
        }
        // the local runs start after the remote calls are on their way
        try rt.scheduler.yield()
        var local: [JTask] = []
        for p in pids where p == pg.myid {
            let task = JTask { ctx in try ctx.call(runner, thunks) }
            task.module = module
            rt.scheduler.schedule(task)
            local.append(task)
        }
        var failures: [Value] = []
        for f in futures {
            do {
                try pg.wait(f, t)
            } catch let e as JuliaError where !e.isa(.interruptException) {
                failures.append(e.value)
            }
        }
        for task in local {
            try rt.scheduler.wait(for: task)
            if task.error != nil { failures.append(JuliaError.make(.taskFailedException, [.obj(task)]).value) }
        }
        if !failures.isEmpty {
            throw JuliaError.make(.compositeException, [.arr(rt.collectedArray(failures, dims: Dims(failures.count)))])
        }
        return .nothing
    }
}

extension Runtime {
    /// Replaces top-level `include(path)` and `include_string(…, code, …)` calls by the
    /// statements they would run, read and parsed here, each with the file it came from (nil:
    /// the `@everywhere` itself).
    func expandIncludes(_ stmts: [Syn], interpolations: [Value], module: JModule, _ t: Ctx, depth: Int = 0,
                        file current: String? = nil) throws -> [(Syn, String?)] {
        if depth > 32 { throw JuliaError.error("include: nesting too deep") }
        var out: [(Syn, String?)] = []
        for s in stmts {
            guard case .call(let f, let args, _) = s.kind, let name = f.identName,
                  name == "include" || name == "include_string", !args.isEmpty else {
                out.append((s, current))
                continue
            }
            // evaluate the argument that names the file or holds the code
            let arg = name == "include" ? args[args.count - 1] : (args.count >= 2 ? args[1] : args[0])
            let thunk = try resolveStatement(arg, in: module, interpolations: interpolations)
            let v = try runThunk(thunk, t)
            guard case .str(let text) = v else { throw JuliaError.method(name, [v]) }
            let source: String
            var dir = sourceDirectory
            var file = "string"
            if name == "include" {
                let path = resolvePath(text.value)
                file = path
                source = String(decoding: try Runtime.readWholeFile(path), as: UTF8.self)
                dir = (path as NSString).deletingLastPathComponent
            } else {
                source = text.value
            }
            let parsed: [Syn]
            do {
                parsed = try Parser.parseProgram(source)
            } catch let e as SyntaxError {
                throw JuliaError.parse(e, source: source, file: file)
            }
            let saved = sourceDirectory
            sourceDirectory = dir
            defer { sourceDirectory = saved }
            out += try expandIncludes(parsed, interpolations: interpolations, module: module, t, depth: depth + 1, file: file)
        }
        return out
    }

    /// A path relative to the directory of the code being loaded.
    public func resolvePath(_ p: String) -> String {
        if p.hasPrefix("/") { return p }
        return (sourceDirectory as NSString).appendingPathComponent(p)
    }
}

extension Runtime {
    /// `dist -L file`: loads `file` on every process, as `@everywhere include(file)` does,
    /// without going through source text of its own (so errors name the file, not a
    /// generated line).
    public func loadEverywhere(_ path: String, _ t: Ctx) throws {
        let at = SourceLocation(line: 1, column: 1)
        let call = Syn(.call(Syn(.ident("include"), at), [Syn(.string(path), at)], []), at)
        let spec = Everywhere(procs: nil, body: [call], interpolations: [], module: main.path)
        _ = try EverywhereNode(spec, nil, []).eval(t)
    }
}
