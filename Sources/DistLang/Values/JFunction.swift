import CDistSupport

/// A callable: a generic function with methods, a closure, or a built-in.
///
/// A generic function's methods are kept sorted from most to least specific, so dispatch
/// takes the first applicable one. A closure has a single method and its captured cells.
/// A built-in is Swift code; user methods added to a built-in (`Base.show(io, x::T) = …`)
/// are tried before it.
public final class JFunction {
    /// The name (`f`, `#3` for anonymous functions).
    public let name: String
    /// The module that defines the function (path from Main; `["Base"]` for built-ins).
    public let module: [JSym]
    /// Methods, most specific first.
    public var methods: [Method] = [] { didSet { updateFastMethod() } }
    /// The only method, when there is one and it takes any arguments: the call fast path,
    /// without reference counting (`methods` keeps it alive).
    public private(set) var fastMethod: Unmanaged<Method>?
    /// The Swift implementation, for built-ins.
    public var builtin: Builtin? { didSet { updateFastMethod() } }
    /// The built-in, when it has no user methods: called directly.
    public private(set) var builtinOnly: Unmanaged<Builtin>?
    /// Captured cells, for closures.
    public let env: [Box]
    /// True for anonymous functions and closures, which travel whole to other processes.
    public let isClosure: Bool
    private var cachedType: JType?

    public init(name: String, module: [JSym], builtin: Builtin? = nil) {
        self.name = name
        self.module = module
        self.builtin = builtin
        self.env = []
        self.isClosure = false
        updateFastMethod()
    }

    /// A closure over `env` with the single method `method`.
    public init(closure method: Method, env: [Box]) {
        self.name = method.lambda.name
        self.module = method.lambda.module
        self.env = env
        self.isClosure = true
        self.methods = [method]
        updateFastMethod()
    }

    private func updateFastMethod() {
        if methods.isEmpty, let b = builtin { builtinOnly = Unmanaged.passUnretained(b) } else { builtinOnly = nil }
        if methods.count == 1 && methods[0].isUntyped && !methods[0].isVararg {
            fastMethod = Unmanaged.passUnretained(methods[0])
        } else {
            fastMethod = nil
        }
    }

    /// The function's singleton type, shown as `typeof(f)`.
    public var jtype: JType {
        if let t = cachedType { return t }
        let t = JType(name: "typeof(\(name))", super: JType.function)
        cachedType = t
        return t
    }

    /// Adds a method, replacing one with the same signature, keeping specificity order.
    public func addMethod(_ m: Method) {
        if let i = methods.firstIndex(where: { $0.sameSignature(as: m) }) {
            methods[i] = m
            return
        }
        if let i = methods.firstIndex(where: { m.isMoreSpecific(than: $0) }) {
            methods.insert(m, at: i)
        } else {
            methods.append(m)
        }
    }

    /// Built-in functions live as long as the process: stop counting references to them.
    func makeImmortal() {
        dist_make_immortal(Unmanaged.passUnretained(self).toOpaque())
        if let b = builtin { dist_make_immortal(Unmanaged.passUnretained(b).toOpaque()) }
    }

    /// The number of methods, as `f (generic function with N methods)` reports it.
    public var methodCount: Int { max(methods.count, builtin != nil ? 1 : 0) }
}

/// One method: a lambda and the argument types it accepts.
public final class Method {
    public let lambda: Lambda
    /// Types of the positional parameters this method takes (fixed ones; see `varargType`).
    public let sig: [JType]
    /// How many positional arguments are bound to parameters (the rest come from defaults).
    public let nargs: Int
    /// Accepts any number of further arguments of `varargType`.
    public let isVararg: Bool
    public let varargType: JType
    /// No declared types: any argument matches.
    public let isUntyped: Bool
    /// The compiled body, made on first call.
    public var code: AnyObject? { didSet { fastCode = code.map { Unmanaged.passUnretained(unsafeDowncast($0, to: CompiledLambda.self)) } } }
    /// The same, without reference counting on the call path (`code` keeps it alive).
    var fastCode: Unmanaged<CompiledLambda>?

    public init(lambda: Lambda, sig: [JType], nargs: Int, isVararg: Bool, varargType: JType) {
        self.lambda = lambda
        self.sig = sig
        self.nargs = nargs
        self.isVararg = isVararg
        self.varargType = varargType
        isUntyped = sig.allSatisfy { $0 === JType.any } && varargType === JType.any
    }

    func sameSignature(as o: Method) -> Bool {
        sig.count == o.sig.count && isVararg == o.isVararg && varargType === o.varargType
            && zip(sig, o.sig).allSatisfy { $0 === $1 }
    }

    /// True when every parameter type is a subtype of the other's, and one is strictly so.
    func isMoreSpecific(than o: Method) -> Bool {
        if sig.count != o.sig.count {
            if isVararg != o.isVararg { return !isVararg }
            return false
        }
        var strict = false
        for (a, b) in zip(sig, o.sig) {
            if a === b { continue }
            if !a.isSubtype(of: b) { return false }
            strict = true
        }
        if isVararg && o.isVararg && varargType !== o.varargType {
            if !varargType.isSubtype(of: o.varargType) { return false }
            strict = true
        }
        if !isVararg && o.isVararg { return true }
        return strict
    }
}

/// A function implemented in Swift.
public final class Builtin {
    public typealias Body = (Ctx, Args) throws -> Value
    public let name: String
    public let body: Body

    public init(_ name: String, _ body: @escaping Body) {
        self.name = name
        self.body = body
    }
}

/// The arguments of a built-in call: a view of the caller's value stack, plus keywords.
public struct Args {
    public let base: UnsafeMutablePointer<Value>
    public let count: Int
    public let kw: [(JSym, Value)]

    public init(base: UnsafeMutablePointer<Value>, count: Int, kw: [(JSym, Value)]) {
        self.base = base
        self.count = count
        self.kw = kw
    }

    @inline(__always) public subscript(i: Int) -> Value { base[i] }

    /// The keyword argument `name`, if given.
    public func keyword(_ name: String) -> Value? {
        for (k, v) in kw where k.name == name { return v }
        return nil
    }

    /// The arguments as an array.
    public var array: [Value] { (0..<count).map { base[$0] } }
}
