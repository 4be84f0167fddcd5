import Foundation

/// `@everywhere [procs] expr`.
///
/// Process 1 evaluates the `$x` values, reads and parses the files named by `include` and
/// `include_string`, resolves the statements, starts them on the other processes, runs them
/// here, and waits for all — workers never see source text.
final class EverywhereNode: Node {
    let spec: Everywhere, procs: Node?, interpolations: [Node]
    init(_ e: Everywhere, _ p: Node?, _ i: [Node]) { spec = e; procs = p; interpolations = i; super.init() }

    override func eval(_ t: Ctx) throws -> Value {
        let rt = t.runtime
        let values = try interpolations.map { try $0.eval(t) }
        var pids = rt.pgrp.backend.procs()
        if let p = procs {
            let v = try p.eval(t)
            pids = try rt.collectValues(v, t).map { x -> Int in
                guard case .int(let i) = x else { throw JuliaError.argument("@everywhere: process ids must be integers") }
                return Int(i)
            }
        }
        guard let module = rt.module(at: spec.module) else { throw JuliaError.error("@everywhere: module not found") }
        let stmts = try rt.expandIncludes(spec.body, interpolations: values, module: module, t)
        var thunks: [Value] = []
        for s in stmts {
            let l = try rt.resolveStatement(s, in: module, interpolations: values)
            thunks.append(.fn(JFunction(closure: Method(lambda: l, sig: [], nargs: 0, isVararg: false, varargType: .any), env: [])))
        }
        // `using` runs here first, as Julia's @everywhere does, then the remote calls start,
        // then the local evaluation.
        let runner = Value.fn(try rt.baseFunction("__run_thunks"))
        var futures: [Future] = []
        for p in pids where p != rt.pgrp.myid {
            futures.append(try rt.pgrp.remotecall(runner, p, thunks, [], t))
        }
        var failures: [Value] = []
        if pids.contains(rt.pgrp.myid) {
            do {
                try t.runtime.scheduler.yield()
                for th in thunks { _ = try t.call(th, []) }
            } catch let e as JuliaError {
                failures.append(e.value)
            }
        }
        for f in futures {
            do {
                _ = try rt.pgrp.fetch(f, t)
            } catch let e as JuliaError {
                failures.append(e.value)
            }
        }
        if failures.count == 1 { throw JuliaError(failures[0]) }
        if failures.count > 1 {
            let arr = JArray(eltype: .any, dims: [failures.count])
            for (k, f) in failures.enumerated() { arr.values[k] = f }
            throw JuliaError.make(.compositeException, [.arr(arr)])
        }
        return .nothing
    }
}

extension Runtime {
    /// Replaces top-level `include(path)` and `include_string(…, code, …)` calls by the
    /// statements they would run, read and parsed here.
    func expandIncludes(_ stmts: [Syn], interpolations: [Value], module: JModule, _ t: Ctx, depth: Int = 0) throws -> [Syn] {
        if depth > 32 { throw JuliaError.error("include: nesting too deep") }
        var out: [Syn] = []
        for s in stmts {
            guard case .call(let f, let args, _) = s.kind, let name = f.identName,
                  name == "include" || name == "include_string", !args.isEmpty else {
                out.append(s)
                continue
            }
            // evaluate the argument that names the file or holds the code
            let arg = name == "include" ? args[args.count - 1] : (args.count >= 2 ? args[1] : args[0])
            let thunk = try resolveStatement(arg, in: module, interpolations: interpolations)
            let v = try runThunk(thunk, t)
            guard case .str(let text) = v else { throw JuliaError.method(name, [v]) }
            let source: String
            var dir = sourceDirectory
            if name == "include" {
                let path = resolvePath(text.value)
                guard let data = FileManager.default.contents(atPath: path), let str = String(data: data, encoding: .utf8) else {
                    throw JuliaError.system("opening file \"\(path)\"", ENOENT)
                }
                source = str
                dir = (path as NSString).deletingLastPathComponent
            } else {
                source = text.value
            }
            let parsed: [Syn]
            do {
                parsed = try Parser.parseProgram(source)
            } catch let e as SyntaxError {
                throw JuliaError.syntax(e)
            }
            let saved = sourceDirectory
            sourceDirectory = dir
            defer { sourceDirectory = saved }
            out += try expandIncludes(parsed, interpolations: interpolations, module: module, t, depth: depth + 1)
        }
        return out
    }

    /// A path relative to the directory of the code being loaded.
    public func resolvePath(_ p: String) -> String {
        if p.hasPrefix("/") { return p }
        return (sourceDirectory as NSString).appendingPathComponent(p)
    }
}
