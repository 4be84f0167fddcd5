import Foundation

/// A parameter of a parametric type: a type, an integer (the `N` of `Array{T,N}`), or free.
public enum TypeParam: Hashable {
    /// A type parameter, compared by identity (types are interned).
    case type(JType)
    /// An integer parameter such as an array's number of dimensions.
    case int(Int)
    /// An unspecified parameter: `Array{Float64}` leaves `N` free.
    case free

    public static func == (a: TypeParam, b: TypeParam) -> Bool {
        switch (a, b) {
        case (.type(let x), .type(let y)): return x === y
        case (.int(let x), .int(let y)): return x == y
        case (.free, .free): return true
        default: return false
        }
    }

    public func hash(into h: inout Hasher) {
        switch self {
        case .type(let t): h.combine(0); h.combine(ObjectIdentifier(t))
        case .int(let i): h.combine(1); h.combine(i)
        case .free: h.combine(2)
        }
    }
}

/// Identifies the built-in types the interpreter switches on without comparing names.
public enum TypeTag: UInt8 {
    case other, any, int64, float64, bool, char, string, symbol, nothing, uint8, int32, float32
    case array, sharedArray, tuple, unitRange, stepRange, stepRangeLen, dict, pair, set
    case channel, remoteChannel, future, task, module, dataType, function, namedTuple
}

/// A type: built-in or user-defined, plain, parametric, abstract or a union.
///
/// Types are objects compared by identity. A parametric family (`Array`) is a type with free
/// parameters; its instantiations (`Array{Float64,2}`) are interned so that `===` is type
/// equality. Struct types carry their fields. The supertype of an instantiation is computed
/// by the family's `superMap` (`Array{T,N}` → `AbstractArray{T,N}`).
public final class JType: CustomStringConvertible {
    /// The base name, such as `Array` or `Int64`.
    public let name: String
    /// Where the type was defined, for struct types (`["Main", "DummyModule"]`); empty for built-ins.
    public let modulePath: [String]
    /// The family this type instantiates, or nil for plain types and family roots.
    public let family: JType?
    /// The parameters of an instantiation (empty otherwise).
    public let params: [TypeParam]
    /// The number of parameters a family takes; -1 for variadic (`Tuple`). A struct becomes a
    /// family when its definition names parameters (`struct P{T}`).
    public internal(set) var arity: Int
    /// The parameters' names of a parametric struct family (`["T"]`).
    public internal(set) var parameterNames: [String] = []
    /// For the stand-in of a struct family's `k`-th parameter in its field types: `k`.
    public internal(set) var parameterIndex: Int?
    /// The declared supertype of a plain type or family root.
    public var superType: JType?
    /// For family roots: the supertype of an instantiation with the given parameters.
    public var superMap: (([TypeParam]) -> JType)?
    /// True for abstract types (`Number`, `AbstractArray`), which have no instances.
    public let isAbstract: Bool
    /// The built-in constructor found for this type, remembered after the first call.
    var cachedConstructor: ((Ctx, JType, Args) throws -> Value)?
    /// Set with `cachedConstructor` when that is the default constructor (one argument per
    /// field): a call of the type then goes straight to `newStruct` while no constructor
    /// method is defined.
    var takesDefaultConstructor = false
    /// For `Type{X}`: the one type whose value is an instance of it.
    public internal(set) var singletonOf: JType?
    /// True for `mutable struct` types.
    public var isMutable: Bool
    /// Field names of a struct type, in order.
    public var fieldNames: [JSym]
    /// Declared field types of a struct type (`Any` where undeclared).
    public var fieldTypes: [JType]
    /// Members of a `Union{...}` type; empty otherwise.
    public let unionMembers: [JType]
    /// Fast identification of built-in types.
    public let tag: TypeTag
    /// True when instances are plain bits (usable in a `SharedArray`).
    public let isBits: Bool
    /// For the narrower integer types (`Int8`, `UInt16`…): the values they hold. Like
    /// `UInt8`'s and `Int32`'s, their values are integers in that range kept as `Int64`.
    public var integerRange: ClosedRange<Int64>?
    /// A bits type with a single instance (`Nothing`, an immutable struct without fields).
    public var isSingleton: Bool {
        self === JType.nothingType || (isStructType && !isMutable && !isAbstract && fieldNames.isEmpty)
    }

    init(name: String, tag: TypeTag = .other, super superType: JType?, abstract: Bool = false,
         mutable: Bool = false, bits: Bool = false, arity: Int = 0, modulePath: [String] = [],
         family: JType? = nil, params: [TypeParam] = [], union: [JType] = []) {
        self.name = name
        self.tag = tag
        self.superType = superType
        self.isAbstract = abstract
        self.isMutable = mutable
        self.isBits = bits
        self.arity = arity
        self.modulePath = modulePath
        self.family = family
        self.params = params
        self.unionMembers = union
        self.fieldNames = []
        self.fieldTypes = []
        // types are never freed; not counting references to them keeps them cheap to pass
        Immortal.make(self)
    }

    /// A new struct type, as made by `struct` or `mutable struct`.
    public static func makeStruct(name: String, modulePath: [String], super s: JType?, mutable: Bool,
                                  fields: [JSym], types: [JType], abstract: Bool = false) -> JType {
        let bits = !mutable && !abstract && types.allSatisfy { $0.isBits }
        let t = JType(name: name, super: s ?? JType.any, abstract: abstract, mutable: mutable,
                      bits: bits && !fields.isEmpty, modulePath: modulePath)
        t.fieldNames = fields
        t.fieldTypes = types
        t.isStructType = !abstract
        return t
    }

    /// For `Tuple{…}` of at most 8 items each `Int64`, `Float64`, `Bool`, `Char` or `String`
    /// (a grid's `(x, y)` keys, a heap's `(distance, node)`): the item count in the low 4
    /// bits and a 4-bit code per item above them (`TupleCodes`); 0 for any other type. A
    /// tuple is checked against it item by item with no parameter read or retained.
    lazy var tupleCodes: UInt64 = {
        guard family === JType.tupleFamily, params.count <= 8 else { return 0 }
        var codes = UInt64(params.count)
        for (i, p) in params.enumerated() {
            guard case .type(let pt) = p, let c = TupleCodes.code(pt.tag) else { return 0 }
            codes |= c << (4 * UInt64(i) + 4)
        }
        return codes
    }()

    /// The root of this type's family (itself for plain types and roots).
    @inline(__always) public var root: JType { family ?? self }

    /// True for struct types (user-defined and built-in exception types), with or without fields.
    public var isStructType = false
    /// User-defined constructor methods (`MyType(x) = MyType(x, 0)` and inner constructors).
    public var constructor: JFunction?
    /// Properties a built-in struct type computes from its fields (`F.V` of an `SVD`), as
    /// Julia's `getproperty` methods do.
    public var computedProperty: ((JStruct, JSym, Ctx) throws -> Value?)?
    /// Inner constructors replace the default one.
    public var hasInnerConstructors = false

    /// The type's parameter `i` as a type, if it is one.
    public func paramType(_ i: Int) -> JType? {
        guard i < params.count, case .type(let t) = params[i] else { return nil }
        return t
    }

    /// The type's parameter `i` as an integer, if it is one.
    public func paramInt(_ i: Int) -> Int? {
        guard i < params.count, case .int(let n) = params[i] else { return nil }
        return n
    }

    /// True when every parameter is given (a concrete instantiation).
    public var isFullySpecified: Bool {
        guard let f = family else { return arity == 0 }
        if f.arity > 0 && params.count < f.arity { return false }
        return !params.contains(.free)
    }

    /// The supertype, computed through the family for instantiations.
    public var supertype: JType? {
        if let f = family {
            if let m = f.superMap { return m(params) }
            return f.superType
        }
        return superType
    }

    /// Julia's display of the type, in the older style: `Array{Float64,2}`.
    public var description: String {
        if !unionMembers.isEmpty {
            return "Union{" + unionMembers.map { $0.description }.joined(separator: ", ") + "}"
        }
        guard let f = family else { return name }
        if f === JType.arrayFamily, params.count == 2, case .free = params[0], case .int(let n) = params[1] {
            return "Array{T,\(n)} where T"
        }
        let ps = params.map { p -> String in
            switch p {
            case .type(let t): return t.description
            case .int(let n): return String(n)
            case .free: return "T"
            }
        }
        let text = f.name + "{" + ps.joined(separator: ",") + "}"
        return params.contains(.free) ? text + " where T" : text
    }

    // MARK: Interning of instantiations

    private struct Key: Hashable {
        let family: ObjectIdentifier
        let params: [TypeParam]
    }
    nonisolated(unsafe) private static var interned: [Key: JType] = [:]
    private static let internLock = NSLock()

    /// The instantiation of `family` with `params` (one object per distinct instantiation).
    ///
    /// An instantiation of a parametric struct family is a struct type whose field types are the
    /// family's with the parameters substituted (computed before the lock is taken, since
    /// substituting instantiates the types the fields mention).
    public static func apply(_ family: JType, _ params: [TypeParam]) -> JType {
        let key = Key(family: ObjectIdentifier(family), params: params)
        var fieldTypes: [JType]?
        if family.isStructType && family.arity > 0 {
            internLock.lock()
            let known = interned[key]
            internLock.unlock()
            if let t = known { return t }
            fieldTypes = family.fieldTypes.map { $0.substituting(params) }
        }
        internLock.lock()
        defer { internLock.unlock() }
        if let t = interned[key] { return t }
        var bits = family.tag == .tuple && params.allSatisfy { if case .type(let t) = $0 { return t.isBits } else { return false } }
        if let fts = fieldTypes { bits = !family.isMutable && !fts.isEmpty && fts.allSatisfy { $0.isBits } }
        let t = JType(name: family.name, tag: family.tag, super: nil, abstract: family.isAbstract,
                      mutable: family.isMutable, bits: bits, arity: 0, modulePath: family.modulePath,
                      family: family, params: params)
        if let fts = fieldTypes {
            t.fieldNames = family.fieldNames
            t.fieldTypes = fts
            t.isStructType = true
        }
        interned[key] = t
        return t
    }

    nonisolated(unsafe) private static var parameterStandIns: [String: JType] = [:]

    /// The stand-in for parameter `k` (named `name`) of a parametric struct family, as its
    /// field types mention it: `x::T` in `struct P{T}` has the type `T`, replaced by the
    /// actual parameter in each instantiation.
    public static func typeParameter(_ name: String, _ k: Int) -> JType {
        let key = "\(name)#\(k)"
        internLock.lock()
        defer { internLock.unlock() }
        if let t = parameterStandIns[key] { return t }
        let t = JType(name: name, super: any, abstract: true)
        t.parameterIndex = k
        parameterStandIns[key] = t
        return t
    }

    /// This type with the stand-ins of a family's parameters replaced by `params`.
    public func substituting(_ params: [TypeParam]) -> JType {
        if let k = parameterIndex {
            if k < params.count, case .type(let t) = params[k] { return t }
            return JType.any
        }
        if !unionMembers.isEmpty { return JType.union(unionMembers.map { $0.substituting(params) }) }
        guard let f = family, self.params.contains(where: { if case .type(let t) = $0 { return t.mentionsParameter } else { return false } }) else {
            return self
        }
        return JType.apply(f, self.params.map { p in
            if case .type(let t) = p {
                if let k = t.parameterIndex, k < params.count, case .int = params[k] { return params[k] }
                return .type(t.substituting(params))
            }
            return p
        })
    }

    /// True when the type is, or is built from, a family parameter's stand-in.
    var mentionsParameter: Bool {
        if parameterIndex != nil { return true }
        if !unionMembers.isEmpty { return unionMembers.contains { $0.mentionsParameter } }
        return params.contains { if case .type(let t) = $0 { return t.mentionsParameter } else { return false } }
    }

    /// A union of types; a single member is returned as itself.
    public static func union(_ members: [JType]) -> JType {
        var flat: [JType] = []
        for m in members {
            for x in (m.unionMembers.isEmpty ? [m] : m.unionMembers) where !flat.contains(where: { $0 === x }) {
                flat.append(x)
            }
        }
        if flat.count == 1 { return flat[0] }
        let key = Key(family: ObjectIdentifier(JType.unionFamily), params: flat.map { .type($0) })
        internLock.lock()
        defer { internLock.unlock() }
        if let t = interned[key] { return t }
        let t = JType(name: "Union", super: JType.any, abstract: true, union: flat)
        interned[key] = t
        return t
    }
}

extension JType: Hashable {
    public static func == (a: JType, b: JType) -> Bool { a === b }
    public func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(self)) }
}

// MARK: Subtyping

extension JType {
    /// `self <: other`, with invariant parameters except for tuples, which are covariant.
    public func isSubtype(of other: JType) -> Bool {
        if self === other || other === JType.any { return true }
        if !unionMembers.isEmpty { return unionMembers.allSatisfy { $0.isSubtype(of: other) } }
        if !other.unionMembers.isEmpty { return other.unionMembers.contains { self.isSubtype(of: $0) } }
        if other === JType.typeType { return tag == .dataType || self === JType.typeType }
        var t: JType? = self
        while let cur = t {
            if cur === other { return true }
            if cur.root === other.root {
                if other.family == nil { return true }
                return JType.paramsMatch(cur, other)
            }
            t = cur.supertype
        }
        return false
    }

    private static func paramsMatch(_ a: JType, _ b: JType) -> Bool {
        let tupleLike = a.root === JType.tupleFamily
        if tupleLike && a.family != nil && a.params.count != b.params.count { return false }
        for (i, pb) in b.params.enumerated() {
            if case .free = pb { continue }
            guard i < a.params.count else { return false }
            let pa = a.params[i]
            switch (pa, pb) {
            case (.type(let x), .type(let y)):
                if tupleLike || y.isAbstractLike && b.root === JType.tupleFamily {
                    if !x.isSubtype(of: y) { return false }
                } else if x !== y {
                    return false
                }
            case (.int(let x), .int(let y)): if x != y { return false }
            case (.free, _): return false
            default: return false
            }
        }
        return true
    }

    /// Abstract types and unions (used for covariant tuple parameters).
    var isAbstractLike: Bool { isAbstract || !unionMembers.isEmpty || family == nil && arity != 0 }

    /// Depth in the type hierarchy, used to rank method specificity.
    public var depth: Int {
        var d = 0
        var t = supertype
        while let cur = t { d += 1; t = cur.supertype }
        return d + (family != nil ? 1 : 0)
    }
}

/// The item codes of `JType.tupleCodes`.
enum TupleCodes {
    static func code(_ tag: TypeTag) -> UInt64? {
        switch tag {
        case .int64: return 1
        case .float64: return 2
        case .bool: return 3
        case .char: return 4
        case .string: return 5
        default: return nil
        }
    }

    /// True when each of `xs` is of the type its code names (`codes` non-zero).
    @inline(__always) static func match(_ codes: UInt64, _ xs: UnsafeBufferPointer<Value>) -> Bool {
        guard xs.count == Int(codes & 0xF) else { return false }
        var c = codes >> 4
        for x in xs {
            switch (c & 0xF, x) {
            case (1, .int), (2, .float), (3, .bool), (4, .char), (5, .str): break
            default: return false
            }
            c >>= 4
        }
        return true
    }
}
