/// The resolver's view of one lambda being resolved: its frame and what it captures.
final class FunctionContext {
    /// The enclosing function, for closures.
    let parent: FunctionContext?
    /// The scope in the enclosing function where this lambda is created.
    let parentScope: BlockScope?
    /// True for a top-level statement's thunk: its root scope is the global scope.
    let isToplevel: Bool
    var locals: [LocalVar] = []
    var captures: [CaptureSource] = []
    var captureNames: [JSym] = []
    private var captureIndex: [ObjectIdentifier: Int] = [:]
    private var capturedCaptureIndex: [Int: Int] = [:]
    var globals: [GlobalRef] = []
    private var globalIndex: [JSym: GlobalRef] = [:]
    var loopDepth = 0

    init(parent: FunctionContext?, parentScope: BlockScope?, isToplevel: Bool) {
        self.parent = parent
        self.parentScope = parentScope
        self.isToplevel = isToplevel
    }

    func newLocal(_ name: String) -> LocalVar {
        let v = LocalVar(name: JSym.intern(name), slot: locals.count)
        locals.append(v)
        return v
    }

    /// The index of the captured cell for `source`, adding it on first use.
    func capture(_ source: CaptureSource, name: JSym) -> Int {
        switch source {
        case .local(let v):
            if let i = captureIndex[ObjectIdentifier(v)] { return i }
            captures.append(source)
            captureNames.append(name)
            captureIndex[ObjectIdentifier(v)] = captures.count - 1
            return captures.count - 1
        case .captured(let j):
            if let i = capturedCaptureIndex[j] { return i }
            captures.append(source)
            captureNames.append(name)
            capturedCaptureIndex[j] = captures.count - 1
            return captures.count - 1
        }
    }

    /// The global reference for `name` in `module`, recorded as used by this lambda and
    /// every enclosing one (a shipped closure carries the globals of its nested lambdas).
    func global(_ name: JSym, module: [JSym]) -> GlobalRef {
        if let g = globalIndex[name] { return g }
        let g = parent?.global(name, module: module) ?? GlobalRef(module: module, name: name)
        globalIndex[name] = g
        globals.append(g)
        return g
    }
}

/// A scope inside a lambda: the function body, a loop body, a `let`, a `try`, a comprehension.
final class BlockScope {
    enum Kind { case function, toplevel, soft, hard, comprehension }

    let fn: FunctionContext
    let parent: BlockScope?
    let kind: Kind
    var vars: [String: LocalVar] = [:]
    var declaredGlobals: Set<String> = []
    /// Locals declared in this scope, in order (re-boxed when the scope is entered again).
    var declared: [LocalVar] = []

    init(fn: FunctionContext, parent: BlockScope?, kind: Kind) {
        self.fn = fn
        self.parent = parent
        self.kind = kind
    }

    /// Declares a new local in this scope.
    @discardableResult
    func declare(_ name: String) -> LocalVar {
        let v = fn.newLocal(name)
        vars[name] = v
        declared.append(v)
        return v
    }

    /// True when this is the root scope of a top-level thunk (the global scope).
    var isGlobalScope: Bool { kind == .toplevel && parent == nil }
}
