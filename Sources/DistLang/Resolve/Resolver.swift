import DistSyntax

/// Maps names to slots, captured cells and globals, and turns syntax into `IR`.
///
/// Julia decides scope from assignments: a name assigned anywhere in a scope is local to the
/// outermost scope of the function where it is assigned, unless an enclosing scope of the same
/// function already has it, it is declared `global`, or the scope is the global scope. So each
/// new scope first collects the names assigned directly in it (`Resolver+Prescan`). At the top
/// level of an interactive session, loops and `try` blocks assign existing globals (Julia's
/// "soft scope" rule); a file run as a script makes them local, as `julia file.jl` does.
public struct Resolver {
    /// The module the code belongs to, as a path from Main.
    let module: [JSym]
    /// Whether the soft-scope rule for interactive sessions applies.
    let interactive: Bool
    /// Whether a global of the code's module exists (for the soft-scope rule).
    let globalExists: (JSym) -> Bool
    /// Values of `$x` in an `@everywhere` body, substituted as literals.
    var interpolationValues: [Value] = []
    /// The folder of the file being loaded (`@__DIR__`).
    var sourceDirectory = ""
    /// Counter for anonymous function names (`#1`, `#2`…), shared with the runtime.
    let nextAnonymousName: () -> String
    /// Warnings (ambiguous soft-scope assignments in scripts).
    var warnings: [String] = []
    /// The file the code came from, recorded in its lambdas for stack traces.
    public var file = "none"

    /// Stack of `end` targets for index expressions: the variable holding the indexed object,
    /// the index position and the number of indices.
    var endTargets: [(LocalVar, Int, Int)] = []
    /// The struct whose inner constructors are being resolved (where `new` is allowed).
    var currentStruct: String?

    public init(module: [JSym], interactive: Bool, globalExists: @escaping (JSym) -> Bool,
                nextAnonymousName: @escaping () -> String) {
        self.module = module
        self.interactive = interactive
        self.globalExists = globalExists
        self.nextAnonymousName = nextAnonymousName
    }

    /// Resolves one top-level statement into a thunk with no parameters.
    public mutating func resolveToplevel(_ stmt: Syn) throws -> Lambda {
        let fn = FunctionContext(parent: nil, parentScope: nil, isToplevel: true)
        let scope = BlockScope(fn: fn, parent: nil, kind: .toplevel)
        let body = try resolve(stmt, scope)
        let l = Lambda(name: "top-level scope", params: [], nRequired: 0, isVararg: false, kwParams: [], kwSplat: nil,
                       nslots: fn.locals.count, locals: fn.locals, captures: [], captureNames: [], body: body,
                       globalsUsed: fn.globals, module: module, isToplevel: true)
        locate(l, stmt)
        return l
    }

    /// Records where a lambda's code is: the file, and the line of its body's first statement.
    func locate(_ l: Lambda, _ body: Syn) {
        l.file = file
        var first = body
        if case .block(let stmts) = body.kind, let s = stmts.first { first = s }
        l.line = Int32(clamping: first.loc.line)
    }

    /// Resolves a top-level thunk whose body is several statements (`@everywhere` bodies).
    public mutating func resolveToplevel(block stmts: [Syn], at loc: SourceLocation) throws -> Lambda {
        try resolveToplevel(Syn(.block(stmts), loc))
    }

    // MARK: Names

    enum Resolution {
        case local(LocalVar)
        case captured(Int)
        case global
    }

    /// Finds what `name` refers to when read in `scope`.
    func lookup(_ name: String, _ scope: BlockScope) -> Resolution {
        var s: BlockScope? = scope
        while let cur = s {
            if cur.declaredGlobals.contains(name) { return .global }
            if let v = cur.vars[name] { return .local(v) }
            s = cur.parent
        }
        let fn = scope.fn
        guard !fn.isToplevel, let outer = fn.parentScope else { return .global }
        switch lookup(name, outer) {
        case .local(let v):
            v.boxed = true
            return .captured(fn.capture(.local(v), name: v.name))
        case .captured(let j):
            return .captured(fn.capture(.captured(j), name: JSym.intern(name)))
        case .global:
            return .global
        }
    }

    /// True when `name` is a local of this scope chain within the same function.
    func isLocalInFunction(_ name: String, _ scope: BlockScope) -> Bool {
        var s: BlockScope? = scope
        while let cur = s {
            if cur.declaredGlobals.contains(name) { return false }
            if cur.vars[name] != nil { return true }
            s = cur.parent
        }
        return false
    }

    /// True when `name` is declared `global` in this scope chain.
    func isDeclaredGlobal(_ name: String, _ scope: BlockScope) -> Bool {
        var s: BlockScope? = scope
        while let cur = s {
            if cur.declaredGlobals.contains(name) { return true }
            if cur.vars[name] != nil { return false }
            s = cur.parent
        }
        return false
    }

    /// True when `name` is a local of an enclosing function (so a closure assigns it).
    func isLocalOfEnclosingFunction(_ name: String, _ scope: BlockScope) -> Bool {
        guard let outer = scope.fn.parentScope, !scope.fn.isToplevel else { return false }
        if isLocalInFunction(name, outer) { return true }
        if isDeclaredGlobal(name, outer) { return false }
        return isLocalOfEnclosingFunction(name, outer)
    }

    func globalRef(_ name: String, _ scope: BlockScope) -> GlobalRef {
        scope.fn.global(JSym.intern(name), module: module)
    }

    /// The IR that reads `name` in `scope`.
    func readName(_ name: String, _ scope: BlockScope) -> IR {
        switch lookup(name, scope) {
        case .local(let v): return .local(v)
        case .captured(let i): return .captured(i, JSym.intern(name))
        case .global: return .global(globalRef(name, scope))
        }
    }

    /// The assignment target for `name` in `scope`.
    mutating func assignName(_ name: String, _ scope: BlockScope, at loc: SourceLocation) -> LValue {
        if name == "_" { return .discard }
        if isDeclaredGlobal(name, scope) { return .global(globalRef(name, scope)) }
        switch lookup(name, scope) {
        case .local(let v): return .local(v)
        case .captured(let i) where isLocalOfEnclosingFunction(name, scope): return .captured(i, JSym.intern(name))
        default: break
        }
        if scope.fn.isToplevel && scope.isGlobalScope { return .global(globalRef(name, scope)) }
        // not found by the prescan (an assignment inside an expression): a new local here
        return .local(scope.declare(name))
    }
}
