import Foundation

/// Turns syntax back into text (for `@show` and messages) and walks or rewrites syntax trees.
public enum Unparser {
    /// The canonical text of `e`, as Julia's `show` of an expression prints it.
    public static func text(_ e: Syn) -> String {
        switch e.kind {
        case .int(let v): return String(v)
        case .float(let v): return formatFloat(v)
        case .string(let s): return quoteString(s)
        case .char(let c): return "'" + String(Character(Unicode.Scalar(c) ?? "?")) + "'"
        case .bool(let b): return b ? "true" : "false"
        case .interpolated(let parts):
            var s = "\""
            for p in parts {
                if case .string(let t) = p.kind { s += String(quoteString(t).dropFirst().dropLast()) } else { s += "$(" + text(p) + ")" }
            }
            return s + "\""
        case .symbol(let s): return ":" + s
        case .ident(let n): return n
        case .endMarker: return "end"
        case .colonAll: return ":"
        case .call(let f, let args, let kws):
            var parts = args.map(text)
            if !kws.isEmpty { parts.append("; " + kws.map { "\($0.name)=\(text($0.value))" }.joined(separator: ", ")) }
            return text(f) + "(" + parts.joined(separator: ", ").replacingOccurrences(of: ", ; ", with: "; ") + ")"
        case .dotCall(let f, let args):
            return text(f) + ".(" + args.map(text).joined(separator: ", ") + ")"
        case .op(let o, let args):
            if args.count == 1 { return o == "'" ? text(args[0]) + "'" : o + text(args[0]) }
            if o == ":" { return args.map(text).joined(separator: ":") }
            return args.map(text).joined(separator: " \(o) ")
        case .comparison(let args, let ops):
            var s = text(args[0])
            for (i, o) in ops.enumerated() { s += " \(o) " + text(args[i + 1]) }
            return s
        case .and(let a, let b): return text(a) + " && " + text(b)
        case .or(let a, let b): return text(a) + " || " + text(b)
        case .ternary(let c, let a, let b): return text(c) + " ? " + text(a) + " : " + text(b)
        case .assign(let a, let b): return text(a) + " = " + text(b)
        case .opAssign(let o, let a, let b): return text(a) + " \(o)= " + text(b)
        case .dotAssign(let a, let b): return text(a) + " .= " + text(b)
        case .tuple(let items):
            return items.count == 1 ? "(" + text(items[0]) + ",)" : "(" + items.map(text).joined(separator: ", ") + ")"
        case .namedTuple(let names, let values):
            return "(" + zip(names, values).map { "\($0) = \(text($1))" }.joined(separator: ", ") + ")"
        case .vect(let items): return "[" + items.map(text).joined(separator: ", ") + "]"
        case .hcat(let items): return "[" + items.map(text).joined(separator: " ") + "]"
        case .vcat(let items): return "[" + items.map(text).joined(separator: "; ") + "]"
        case .hvcat(let rows): return "[" + rows.map { $0.map(text).joined(separator: " ") }.joined(separator: "; ") + "]"
        case .comprehension(let b, let iters, let f, _):
            return "[" + generatorText(b, iters, f) + "]"
        case .generator(let b, let iters, let f, _):
            return "(" + generatorText(b, iters, f) + ")"
        case .ref(let o, let idx): return text(o) + "[" + idx.map(text).joined(separator: ", ") + "]"
        case .typed(let t, let l): return text(t) + text(l)
        case .curly(let t, let ps): return text(t) + "{" + ps.map(text).joined(separator: ", ") + "}"
        case .field(let o, let n): return text(o) + "." + n
        case .splat(let x): return text(x) + "..."
        case .typeAssert(let x, let t): return text(x) + "::" + text(t)
        case .lambda(let ps, _, let body):
            let params = ps.count == 1 ? ps[0].name : "(" + ps.map { $0.name }.joined(separator: ", ") + ")"
            return params + " -> " + text(body)
        case .function(let name, _, _, _, _): return "function " + text(name)
        case .block(let items):
            return items.count == 1 ? text(items[0]) : "begin " + items.map(text).joined(separator: "; ") + " end"
        case .ifElse(let c, let a, _): return "if " + text(c) + " " + text(a) + " end"
        case .whileLoop(let c, _): return "while " + text(c) + " … end"
        case .forLoop(let iters, _): return "for " + iters.map { text($0.target) + " = " + text($0.iterable) }.joined(separator: ", ") + " … end"
        case .breakStmt: return "break"
        case .continueStmt: return "continue"
        case .returnStmt(let v): return "return" + (v.map { " " + text($0) } ?? "")
        case .letBlock: return "let … end"
        case .tryCatch: return "try … end"
        case .global(let items): return "global " + items.map(text).joined(separator: ", ")
        case .local(let items): return "local " + items.map(text).joined(separator: ", ")
        case .const(let x): return "const " + text(x)
        case .structDef(let n, _, _, _, _, _): return "struct " + n + " … end"
        case .abstractDef(let n, _): return "abstract type " + n + " end"
        case .moduleDef(let n, _): return "module " + n + " … end"
        case .using(let ps): return "using " + ps.map { $0.joined(separator: ".") }.joined(separator: ", ")
        case .importStmt(let p, let ns): return "import " + p.joined(separator: ".") + (ns.isEmpty ? "" : ": " + ns.joined(separator: ", "))
        case .export(let ns): return "export " + ns.joined(separator: ", ")
        case .macroCall(let n, let args): return "@" + n + " " + args.map(text).joined(separator: " ")
        case .dollar(let x): return "$" + text(x)
        case .quote(let x): return ":(" + text(x) + ")"
        }
    }

    static func generatorText(_ b: Syn, _ iters: [Iteration], _ f: Syn?) -> String {
        var s = text(b) + " for " + iters.map { text($0.target) + " = " + text($0.iterable) }.joined(separator: ", ")
        if let f = f { s += " if " + text(f) }
        return s
    }

    static func quoteString(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "$": out += "\\$"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out + "\""
    }

    static func formatFloat(_ v: Double) -> String {
        var s = "\(v)"
        if s.hasSuffix(".0") || s.contains("e") || s.contains("inf") || s.contains("nan") { s = s.replacingOccurrences(of: "e+", with: "e") }
        return s
    }

    /// The direct children of a node.
    public static func children(_ e: Syn) -> [Syn] {
        switch e.kind {
        case .int, .float, .string, .char, .bool, .symbol, .ident, .endMarker, .colonAll, .breakStmt, .continueStmt,
             .using, .importStmt, .export, .abstractDef:
            return []
        case .interpolated(let xs), .tuple(let xs), .vect(let xs), .hcat(let xs), .vcat(let xs), .block(let xs),
             .global(let xs), .local(let xs), .comparison(let xs, _), .macroCall(_, let xs), .namedTuple(_, let xs):
            return xs
        case .hvcat(let rows): return rows.flatMap { $0 }
        case .call(let f, let args, let kws): return [f] + args + kws.map { $0.value }
        case .dotCall(let f, let args): return [f] + args
        case .op(_, let args): return args
        case .and(let a, let b), .or(let a, let b), .assign(let a, let b), .opAssign(_, let a, let b),
             .dotAssign(let a, let b), .typeAssert(let a, let b), .whileLoop(let a, let b), .typed(let a, let b):
            return [a, b]
        case .ternary(let a, let b, let c): return [a, b, c]
        case .comprehension(let b, let iters, let f, _), .generator(let b, let iters, let f, _):
            return [b] + iters.flatMap { [$0.target, $0.iterable] } + (f.map { [$0] } ?? [])
        case .ref(let o, let idx): return [o] + idx
        case .curly(let t, let ps): return [t] + ps
        case .field(let o, _), .splat(let o), .dollar(let o), .quote(let o), .const(let o), .moduleDef(_, let o):
            return [o]
        case .lambda(let ps, let ks, let body):
            return (ps + ks).flatMap { p in [p.type, p.defaultValue].compactMap { $0 } } + [body]
        case .function(let name, let ps, let ks, let body, _):
            return [name] + (ps + ks).flatMap { p in [p.type, p.defaultValue].compactMap { $0 } } + [body]
        case .ifElse(let c, let a, let b): return [c, a] + (b.map { [$0] } ?? [])
        case .forLoop(let iters, let body): return iters.flatMap { [$0.target, $0.iterable] } + [body]
        case .returnStmt(let v): return v.map { [$0] } ?? []
        case .letBlock(let bs, let body): return bs + [body]
        case .tryCatch(let b, _, let h, let f): return [b] + [h, f].compactMap { $0 }
        case .structDef(_, _, _, let s, let fields, let ctors):
            return (s.map { [$0] } ?? []) + fields.compactMap { $0.type } + ctors
        }
    }

    /// Rebuilds `e`, replacing every node for which `f` returns a value (not descending into it).
    public static func map(_ e: Syn, _ f: (Syn) -> Syn?) -> Syn {
        if let r = f(e) { return r }
        func m(_ x: Syn) -> Syn { map(x, f) }
        func mp(_ p: Param) -> Param {
            Param(name: p.name, type: p.type.map(m), defaultValue: p.defaultValue.map(m), isVararg: p.isVararg, pattern: p.pattern.map(m))
        }
        func mi(_ i: Iteration) -> Iteration { Iteration(target: m(i.target), iterable: m(i.iterable)) }
        let k: SynKind
        switch e.kind {
        case .int, .float, .string, .char, .bool, .symbol, .ident, .endMarker, .colonAll, .breakStmt, .continueStmt,
             .using, .importStmt, .export:
            return e
        case .interpolated(let xs): k = .interpolated(xs.map(m))
        case .call(let fn, let args, let kws): k = .call(m(fn), args.map(m), kws.map { KeywordArg(name: $0.name, value: m($0.value)) })
        case .dotCall(let fn, let args): k = .dotCall(m(fn), args.map(m))
        case .op(let o, let args): k = .op(o, args.map(m))
        case .comparison(let args, let ops): k = .comparison(args.map(m), ops)
        case .and(let a, let b): k = .and(m(a), m(b))
        case .or(let a, let b): k = .or(m(a), m(b))
        case .ternary(let a, let b, let c): k = .ternary(m(a), m(b), m(c))
        case .assign(let a, let b): k = .assign(m(a), m(b))
        case .opAssign(let o, let a, let b): k = .opAssign(o, m(a), m(b))
        case .dotAssign(let a, let b): k = .dotAssign(m(a), m(b))
        case .tuple(let xs): k = .tuple(xs.map(m))
        case .namedTuple(let ns, let xs): k = .namedTuple(ns, xs.map(m))
        case .vect(let xs): k = .vect(xs.map(m))
        case .hcat(let xs): k = .hcat(xs.map(m))
        case .vcat(let xs): k = .vcat(xs.map(m))
        case .hvcat(let rows): k = .hvcat(rows.map { $0.map(m) })
        case .comprehension(let b, let iters, let fl, let n): k = .comprehension(m(b), iters.map(mi), fl.map(m), nested: n)
        case .generator(let b, let iters, let fl, let n): k = .generator(m(b), iters.map(mi), fl.map(m), nested: n)
        case .ref(let o, let idx): k = .ref(m(o), idx.map(m))
        case .typed(let t, let l): k = .typed(m(t), m(l))
        case .curly(let t, let ps): k = .curly(m(t), ps.map(m))
        case .field(let o, let n): k = .field(m(o), n)
        case .splat(let x): k = .splat(m(x))
        case .typeAssert(let x, let t): k = .typeAssert(m(x), m(t))
        case .lambda(let ps, let ks, let b): k = .lambda(ps.map(mp), ks.map(mp), m(b))
        case .function(let n, let ps, let ks, let b, let w): k = .function(name: m(n), params: ps.map(mp), kwparams: ks.map(mp), body: m(b), whereNames: w)
        case .block(let xs): k = .block(xs.map(m))
        case .ifElse(let c, let a, let b): k = .ifElse(m(c), m(a), b.map(m))
        case .whileLoop(let c, let b): k = .whileLoop(m(c), m(b))
        case .forLoop(let iters, let b): k = .forLoop(iters.map(mi), m(b))
        case .returnStmt(let v): k = .returnStmt(v.map(m))
        case .letBlock(let bs, let b): k = .letBlock(bs.map(m), m(b))
        case .tryCatch(let b, let v, let h, let fl): k = .tryCatch(body: m(b), variable: v, handler: h.map(m), finally: fl.map(m))
        case .global(let xs): k = .global(xs.map(m))
        case .local(let xs): k = .local(xs.map(m))
        case .const(let x): k = .const(m(x))
        case .structDef(let n, let ps, let mu, let s, let fs, let cs): k = .structDef(name: n, params: ps.map(m), mutable: mu, supertype: s.map(m), fields: fs.map(mp), constructors: cs.map(m))
        case .abstractDef(let n, let s): k = .abstractDef(n, s.map(m))
        case .moduleDef(let n, let b): k = .moduleDef(n, m(b))
        case .macroCall(let n, let args): k = .macroCall(n, args.map(m))
        case .dollar(let x): k = .dollar(m(x))
        case .quote(let x): k = .quote(m(x))
        }
        return Syn(k, e.loc)
    }

    /// `@. expr`: every call and operator becomes a broadcast.
    public static func dotify(_ e: Syn) -> Syn {
        map(e) { s in
            switch s.kind {
            case .call(let f, let args, let kws) where kws.isEmpty:
                if f.identName == nil { return nil }
                return Syn(.dotCall(f, args.map(dotify)), s.loc)
            case .op(let o, let args) where !o.hasPrefix(".") && o != ":" && o != "=>":
                return Syn(.op("." + o, args.map(dotify)), s.loc)
            case .assign(let a, let b):
                return Syn(.dotAssign(a, dotify(b)), s.loc)
            case .opAssign(let o, let a, let b) where !o.hasPrefix("."):
                return Syn(.opAssign("." + o, a, dotify(b)), s.loc)
            default: return nil
            }
        }
    }
}
