import DistSyntax
import Foundation

/// The types of quoted code: `Expr`, `QuoteNode` and `LineNumberNode`.
///
/// They are built-in struct types, so their values travel between processes as structs do.
/// `Expr` is immutable here (its `args` vector is not): two expressions are `==` when their
/// heads and arguments are, as in Julia.
extension JType {
    public static let expr = makeStruct(name: "Expr", modulePath: [], super: any, mutable: false,
                                        fields: [JSym.intern("head"), JSym.intern("args")], types: [symbol, array(any, 1)])
    public static let quoteNode = makeStruct(name: "QuoteNode", modulePath: [], super: any, mutable: false,
                                             fields: [JSym.intern("value")], types: [any])
    public static let lineNumberNode = makeStruct(name: "LineNumberNode", modulePath: [], super: any, mutable: false,
                                                  fields: [JSym.intern("line"), JSym.intern("file")], types: [int64, any])
}

extension Runtime {
    /// `Expr(head, args...)`.
    public func makeExpr(_ head: String, _ args: [Value]) -> Value {
        let a = JArray(eltype: .any, dims: Dims(args.count))
        for (i, x) in args.enumerated() { a.setRaw(i, x) }
        return .obj(JStruct(JType.expr, [.sym(JSym.intern(head)), .arr(a)]))
    }

    /// The value of an expression tree that has no interpolation (`Meta.parse`).
    func exprValue(_ tree: ExprTree, file: String) throws -> Value {
        switch tree {
        case .leaf(let v): return v
        case .expr(let head, let args): return makeExpr(head, try args.map { try exprValue($0, file: file) })
        case .quoteNode(let x): return .obj(JStruct(JType.quoteNode, [try exprValue(x, file: file)]))
        case .line(let n): return .obj(JStruct(JType.lineNumberNode, [.int(Int64(n)), .sym(JSym.intern(file))]))
        case .interpolation(let s), .splice(let s):
            throw JuliaError.syntax(SyntaxError("\"$\" expression outside quote", at: s.loc), file: file)
        }
    }

    /// `eval(m, x)`: an expression, a symbol or a value, evaluated at the top level of `m`.
    public func evalExpr(_ x: Value, in m: JModule, _ t: Ctx) throws -> Value {
        switch x {
        case .sym, .obj(is JStruct):
            if case .obj(let o as JStruct) = x, o.type !== JType.expr && o.type !== JType.quoteNode && o.type !== JType.lineNumberNode {
                return x
            }
            var conv = ExprSyntax()
            let syn: Syn
            do {
                syn = try conv.syntax(x)
            } catch let e as SyntaxError {
                throw JuliaError.syntax(e, file: logLocation)
            }
            let thunk = try resolveStatement(syn, in: m, interpolations: conv.values)
            return try runThunk(thunk, t)
        default:
            return x
        }
    }

    /// The module a `@eval`, `@__MODULE__` or `eval` names by its path.
    func moduleArgument(_ v: Value, _ name: String) throws -> JModule {
        if case .obj(let o as JModule) = v { return o }
        throw JuliaError.method(name, [v])
    }
}

extension Builtins {
    static func installExpr(_ rt: Runtime) {
        rt.defType("Expr", .expr)
        rt.defType("QuoteNode", .quoteNode)
        rt.defType("LineNumberNode", .lineNumberNode)
        rt.constructors[ObjectIdentifier(JType.expr)] = { t, _, a in
            guard a.count >= 1, case .sym(let head) = a[0] else { throw JuliaError.method(.type(.expr), a.array) }
            return t.runtime.makeExpr(head.name, Array(a.array.dropFirst()))
        }
        rt.constructors[ObjectIdentifier(JType.lineNumberNode)] = { _, _, a in
            try a.expect(1...2, "LineNumberNode")
            guard case .int = a[0] else { throw JuliaError.method(.type(.lineNumberNode), a.array) }
            return .obj(JStruct(JType.lineNumberNode, [a[0], a.count > 1 ? a[1] : .nothing]))
        }

        rt.def("eval") { t, a in
            // `eval(x)` in the current module; `eval(m, x)` and `Core.eval(m, x)` in `m`
            try a.expect(1...2, "eval")
            let rt = t.runtime
            let m = a.count == 2 ? try rt.moduleArgument(a[0], "eval") : (t.task.module ?? rt.main)
            return try rt.evalExpr(a[a.count - 1], in: m, t)
        }
        rt.def("__line") { t, a in
            // the line number node of a quoted statement: where the running code comes from
            .obj(JStruct(JType.lineNumberNode, [a[0], .sym(JSym.intern(t.runtime.logLocation))]))
        }
        rt.def("__module") { t, a in
            // `@__MODULE__`: the module a path from Main names
            let path = a.array.compactMap { v -> JSym? in if case .sym(let s) = v { return s } else { return nil } }
            return .obj(t.runtime.module(at: path) ?? t.runtime.main)
        }
        rt.def("dump") { t, a in
            try a.expect(1, "dump")
            var out = ""
            var maxdepth = 8
            if let d = a.keyword("maxdepth") {
                guard case .int(let n) = d else { throw JuliaError.type("dump", "maxdepth", expected: .int64, got: d) }
                maxdepth = Int(n)
            }
            var visiting: [ObjectIdentifier] = []
            try t.runtime.dumpValue(a[0], indent: 0, depth: maxdepth, visiting: &visiting, into: &out, t)
            t.runtime.output.write(out + "\n")
            return .nothing
        }

        // Distributed.extract_imports(ex): the `using`/`import` statements of an expression,
        // found as @everywhere finds them (at its top level, in blocks and in `let` bodies)
        rt.def("extract_imports") { t, a in
            try a.expect(1, "extract_imports")
            var found: [Value] = []
            func walk(_ x: Value) {
                guard case .obj(let o as JStruct) = x, o.type === JType.expr,
                      case .sym(let head) = o[0], case .arr(let args) = o[1] else { return }
                switch head.name {
                case "import", "using": found.append(x)
                case "let": if args.count > 1 { walk(args.get(1)) }
                case "toplevel", "block": for i in 0..<args.count { walk(args.get(i)) }
                default: break
                }
            }
            walk(a[0])
            let r = JArray(eltype: .any, dims: Dims(found.count))
            for (i, x) in found.enumerated() { r.setRaw(i, x) }
            return .arr(r)
        }

        let meta = JModule(name: JSym.intern("Meta"), path: [JSym.intern("Base"), JSym.intern("Meta")], parent: rt.base)
        rt.setGlobal("Meta", .obj(meta), in: rt.base, const: true)
        func metaDef(_ name: String, _ body: @escaping Builtin.Body) {
            let f = JFunction(name: name, module: [JSym.intern("Base")], builtin: Builtin(name, body))
            f.makeImmortal()
            rt.setGlobal(name, .fn(f), in: meta, const: true)
        }
        metaDef("parse") { t, a in
            // workers never parse source text: expressions reach them as values
            try a.expect(1, "parse")
            let rt = t.runtime
            if rt.pgrp.isWorker { throw JuliaError.error("Meta.parse: workers do not parse source text; parse on process 1 and send the expression") }
            let src = try a.string(0, "parse")
            let stmts: [Syn]
            do {
                stmts = try Parser.parseProgram(src)
            } catch let e as SyntaxError {
                if e.incomplete { return rt.makeExpr("incomplete", [.str(JStr(e.message))]) }
                throw JuliaError.parse(e, source: src, file: "none")
            }
            if stmts.isEmpty { return .nothing }
            if stmts.count > 1 {
                throw JuliaError.parse(SyntaxError("extra tokens after end of expression", at: stmts[1].loc), source: src, file: "none")
            }
            return try rt.exprValue(ExprTree.of(stmts[0], depth: 1), file: "none")
        }
        metaDef("isexpr") { t, a in
            try a.expect(2...3, "isexpr")
            guard case .obj(let o as JStruct) = a[0], o.type === JType.expr else { return .bool(false) }
            let (head, args) = ExprSyntax.parts(o)
            if a.count == 3 { guard args.count == (try a.int(2, "isexpr")) else { return .bool(false) } }
            switch a[1] {
            case .sym(let s): return .bool(s.name == head)
            default:
                let heads = try t.runtime.collectValues(a[1], t)
                return .bool(heads.contains { if case .sym(let s) = $0 { return s.name == head } else { return false } })
            }
        }
        metaDef("quot") { _, a in
            try a.expect(1, "quot")
            return rt.makeExpr("quote", [a[0]])
        }
    }
}

extension Runtime {
    /// `dump(x; maxdepth = 8)`: the value's type and its parts, one per line, as Julia prints
    /// them: parts `depth` levels down at most, and a container met again inside itself as
    /// `#= circular reference @-k =#` (it recursed until the stack ran out).
    func dumpValue(_ v: Value, indent: Int, depth: Int, visiting: inout [ObjectIdentifier], into out: inout String, _ t: Ctx) throws {
        let pad = String(repeating: " ", count: indent + 2)
        func circular(_ id: ObjectIdentifier) -> Bool {
            guard let k = visiting.lastIndex(of: id) else { return false }
            out += "#= circular reference @-\(visiting.count - k) =#"
            return true
        }
        switch v {
        case .sym(let s): out += "Symbol " + s.name
        case .str: out += "String " + (try repr(v, t))
        case .int, .float, .bool, .char: out += typeOf(v).description + " " + (try repr(v, t))
        case .nothing: out += "Nothing nothing"
        case .arr(let a) where a.ndims == 1:
            out += "Array{\(a.eltype)}((\(a.count),))"
            guard depth > 0, !circular(ObjectIdentifier(a)) else { return }
            visiting.append(ObjectIdentifier(a))
            defer { visiting.removeLast() }
            for i in 0..<a.count {
                out += "\n" + pad + "\(i + 1): "
                try dumpValue(a.get(i), indent: indent + 2, depth: depth - 1, visiting: &visiting, into: &out, t)
            }
        case .obj(let o as JStruct):
            out += o.type.description
            if o.count == 0 { out += "()"; return }
            guard depth > 0, !circular(ObjectIdentifier(o)) else { return }
            visiting.append(ObjectIdentifier(o))
            defer { visiting.removeLast() }
            for (n, f) in zip(o.type.fieldNames, o.fields) {
                out += "\n" + pad + n.name + ": "
                try dumpValue(f, indent: indent + 2, depth: depth - 1, visiting: &visiting, into: &out, t)
            }
        default: out += try repr(v, t)
        }
    }

    /// How `show` and `print` write the built-in structs of quoted code (nil for others).
    func quotedCodeText(_ s: JStruct, print: Bool, _ t: Ctx?) throws -> String? {
        guard s.type === JType.expr || s.type === JType.quoteNode || s.type === JType.lineNumberNode else { return nil }
        let p = ExprPrinter(rt: self, t: t)
        return print ? try p.print(.obj(s)) : try p.show(.obj(s))
    }
}
