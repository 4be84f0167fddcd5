import DistSyntax

/// Quoted code: `:(…)`, `quote … end`, `@eval` and `@__MODULE__`.
///
/// A quote resolves to IR that builds its `Expr` each time it runs, as Julia copies a quoted
/// expression on every evaluation, with each `$x` replaced by the value of `x` and each
/// `$(xs...)` by the values of `xs`. Only calls to `Expr`, `QuoteNode` and literals are
/// involved, so a quote inside a closure travels to other processes like any other code.
extension Resolver {
    mutating func resolveQuote(_ inner: Syn, _ scope: BlockScope) throws -> IR {
        try build(ExprTree.of(inner), scope)
    }

    mutating func build(_ tree: ExprTree, _ scope: BlockScope) throws -> IR {
        switch tree {
        case .leaf(let v):
            return .literal(v)
        case .expr(let head, let args):
            var items: [IR] = [.literal(.symbol(head))]
            for a in args {
                if case .splice(let s) = a { items.append(.splat(try resolve(s, scope))) } else { items.append(try build(a, scope)) }
            }
            return .call(baseFunction("Expr"), items, [])
        case .quoteNode(let x):
            return .call(baseFunction("QuoteNode"), [try build(x, scope)], [])
        case .line(let n):
            return .call(baseFunction("__line"), [.literal(.int(Int64(n)))], [])
        case .interpolation(let s):
            return try resolve(s, scope)
        case .splice(let s):
            throw SyntaxError("\"...\" expression outside call", at: s.loc)
        }
    }

    /// `@__MODULE__`: the module this code belongs to.
    func currentModuleIR() -> IR {
        .call(baseFunction("__module"), module.map { .literal(.sym($0)) }, [])
    }

    /// `@eval ex` and `@eval m ex`: `Core.eval(m, quote ex end)`, `m` being this module.
    mutating func resolveEval(_ args: [Syn], _ scope: BlockScope, _ loc: SourceLocation) throws -> IR {
        guard let ex = args.last, args.count <= 2 else { throw SyntaxError("@eval takes an expression and an optional module", at: loc) }
        let m = args.count == 2 ? try resolve(args[0], scope) : currentModuleIR()
        return .call(baseFunction("eval"), [m, try resolveQuote(ex, scope)], [])
    }
}
