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
    public var methods: [Method] = [] { didSet { updateFastMethod(); dispatchCache.removeAll(); methodsVersion &+= 1 } }
    /// Counts the changes to `methods`: a call site's cached method is good while it is the same.
    public private(set) var methodsVersion = 0
    /// Methods chosen before for argument types (`Ctx.select`'s cache), emptied whenever the
    /// methods change.
    var dispatchCache: [DispatchEntry] = []
    private var nextCacheSlot = 0
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
        Allocations.record(32 + 8 * env.count)
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
        Immortal.make(self)
        if let b = builtin { Immortal.make(b) }
    }

    /// Remembers that arguments with type keys `keys` select `m`.
    func remember(_ keys: DispatchKeys, _ m: Method) {
        let e = DispatchEntry(keys: keys, method: Unmanaged.passUnretained(m))
        if dispatchCache.count < 8 {
            dispatchCache.append(e)
        } else {
            dispatchCache[nextCacheSlot] = e
            nextCacheSlot = (nextCacheSlot + 1) % 8
        }
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
    /// The argument counts the body handles: a call with another count is a `MethodError`
    /// raised before the body runs (which reads its arguments without checking the count).
    public let minArgs: Int
    public let maxArgs: Int
    /// The argument types of the one method the body implements, when declared (`sin(::Real)`):
    /// `applicable` answers from it.
    public let signature: [JType]?

    public init(_ name: String, arity: ClosedRange<Int> = 0...Int.max, signature: [JType]? = nil, _ body: @escaping Body) {
        self.name = name
        self.body = body
        minArgs = arity.lowerBound
        maxArgs = arity.upperBound
        self.signature = signature
    }

    /// Whether the body takes `n` arguments.
    @inline(__always) public func accepts(_ n: Int) -> Bool { n >= minArgs && n <= maxArgs }
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

    /// Calls `body` with argument `i`'s string, not retained (the argument keeps it alive
    /// while the built-in runs), or returns nil when the argument is not a string.
    @inline(__always) public func withString<R>(_ i: Int, _ body: (JStr) throws -> R) rethrows -> R? {
        guard Value.tag(at: base + i) == Value.stringTag else { return nil }
        return try Value.unretainedString(at: base + i)._withUnsafeGuaranteedRef(body)
    }

    /// The keyword argument `name`, if given.
    public func keyword(_ name: String) -> Value? {
        for (k, v) in kw where k.name == name { return v }
        return nil
    }

    /// The arguments as an array.
    public var array: [Value] { (0..<count).map { base[$0] } }
}

/// What dispatch needs to know of an argument's type, as two words that are cheap to compare:
/// a scalar's kind, a struct's type, an array's element type and shape. Arguments whose type
/// has no key (types, functions, tuples, other objects) are not cached.
struct TypeKey: Equatable {
    let kind: UInt
    let id: UInt

    @inline(__always) static func of(_ v: Value) -> TypeKey? {
        switch v {
        case .int: return TypeKey(kind: 1, id: 0)
        case .float: return TypeKey(kind: 2, id: 0)
        case .bool: return TypeKey(kind: 3, id: 0)
        case .char: return TypeKey(kind: 4, id: 0)
        case .str: return TypeKey(kind: 5, id: 0)
        case .nothing: return TypeKey(kind: 6, id: 0)
        case .sym: return TypeKey(kind: 7, id: 0)
        case .obj(let o):
            guard ObjectIdentifier(type(of: o)) == ObjectIdentifier(JStruct.self) else { return nil }
            return TypeKey(kind: 8, id: UInt(bitPattern: unsafeDowncast(o, to: JStruct.self).typeAddress))
        case .arr(let a):
            let flags: UInt = (a.shared != nil ? 1 : 0) | (a.isBitArray ? 2 : 0)
            return TypeKey(kind: 16 &+ UInt(a.dims.count) << 2 | flags, id: UInt(bitPattern: ObjectIdentifier(a.eltype)))
        default: return nil
        }
    }

    /// `of` the value at `p`, read in place: a struct's or an array's key without copying the
    /// value out (a copy retains and releases the object).
    @inline(__always) static func of(at p: UnsafeMutablePointer<Value>) -> TypeKey? {
        if let u = peekObject(p) {
            return u._withUnsafeGuaranteedRef { o in
                guard ObjectIdentifier(type(of: o)) == ObjectIdentifier(JStruct.self) else { return nil }
                return TypeKey(kind: 8, id: UInt(bitPattern: unsafeDowncast(o, to: JStruct.self).typeAddress))
            }
        }
        if Value.tag(at: p) == Value.arrayTag {
            return Value.unretainedArray(at: p)._withUnsafeGuaranteedRef { a in
                let flags: UInt = (a.shared != nil ? 1 : 0) | (a.isBitArray ? 2 : 0)
                return TypeKey(kind: 16 &+ UInt(a.dims.count) << 2 | flags, id: UInt(bitPattern: ObjectIdentifier(a.eltype)))
            }
        }
        switch Value.tag(at: p) {
        case Value.stringTag: return TypeKey(kind: 5, id: 0)
        case Value.stringTag &+ 1: return TypeKey(kind: 7, id: 0)  // `.sym` (see `Value.tag(at:)`)
        default:
            // the other values with a reference have no key; the rest are copied with no count
            return Value.holdsReference(at: p) ? nil : of(p.pointee)
        }
    }
}

/// The type keys of up to three arguments.
struct DispatchKeys: Equatable {
    let count: Int
    let k0: TypeKey, k1: TypeKey, k2: TypeKey

    /// The keys of the `n` arguments at `base`, when `n` ≤ 3 and each has one.
    @inline(__always) static func of(_ base: UnsafeMutablePointer<Value>, _ n: Int) -> DispatchKeys? {
        let none = TypeKey(kind: 0, id: 0)
        guard n <= 3 else { return nil }
        var k = (none, none, none)
        if n > 0 { guard let x = TypeKey.of(at: base) else { return nil }; k.0 = x }
        if n > 1 { guard let x = TypeKey.of(at: base + 1) else { return nil }; k.1 = x }
        if n > 2 { guard let x = TypeKey.of(at: base + 2) else { return nil }; k.2 = x }
        return DispatchKeys(count: n, k0: k.0, k1: k.1, k2: k.2)
    }
}

/// A remembered dispatch: argument type keys and the method they select (kept alive by the
/// function's `methods`; the cache is emptied when those change).
struct DispatchEntry {
    let keys: DispatchKeys
    let method: Unmanaged<Method>
}
