/// A value of the language: scalars inline, everything else a reference.
///
/// The layout is the key to the interpreter's speed: scalars carry no reference count, and
/// the enum has a 16-byte stride (a test asserts it). `.int` is the first case so that
/// zero-filled memory reads as `.int(0)`, which lets task value stacks be lazily committed
/// anonymous memory. Mutable containers are classes because Julia's arrays alias.
public enum Value {
    /// `Int64`, wrapping on overflow like Julia's.
    case int(Int64)
    /// `Float64`.
    case float(Double)
    /// `Bool`.
    case bool(Bool)
    /// `Char`, a Unicode scalar value.
    case char(UInt32)
    /// `nothing`, the value of statements and of functions that return nothing.
    case nothing
    /// An unassigned slot or array element (`#undef`); reading it is an error.
    case undef
    /// `String`.
    case str(JStr)
    /// `Symbol`, interned.
    case sym(JSym)
    /// `Array{T,N}` and `SharedArray{T,N}`.
    case arr(JArray)
    /// `Tuple{...}`.
    case tuple(JTuple)
    /// `UnitRange`, `StepRange` and `StepRangeLen`.
    case range(JRange)
    /// A generic function, a closure or a builtin.
    case fn(JFunction)
    /// A type, such as `Int64` or `Array{Float64,2}`.
    case type(JType)
    /// Any other object: struct instances, dictionaries, channels, futures, tasks, modules.
    case obj(JObject)
}

extension Value {
    /// `true` for `nothing`.
    @inline(__always) public var isNothing: Bool {
        if case .nothing = self { return true }
        return false
    }

    /// True when the value holds a reference: copying it retains, destroying it releases.
    @inline(__always) public var holdsReference: Bool {
        switch self {
        case .int, .float, .bool, .char, .nothing, .undef: return false
        default: return true
        }
    }

    /// `holdsReference` of the value at `p`, from its tag byte, without copying the value out
    /// (a copy retains and releases a reference, through an outlined switch over the cases).
    /// Swift numbers a multi-payload enum's payload cases in order (`.int` 0 … `.char` 3,
    /// `.str` 4 … `.obj` 11) and gives the cases without payload the next tag (12); the tag is
    /// the byte after the 8-byte payload. `ValueTests` checks this against `holdsReference`
    /// for every case, so a toolchain that lays the enum out otherwise fails the suite.
    @inline(__always) public static func holdsReference(at p: UnsafePointer<Value>) -> Bool {
        UnsafeRawPointer(p).load(fromByteOffset: 8, as: UInt8.self) &- 4 < 8
    }

    /// The tag byte of the value at `p` (see `holdsReference`): `intTag` for `.int`,
    /// `stringTag` for `.str`. With `intPayload` and `unretainedString`, code that scans
    /// values in place (string building) reads them without copying one out, which would
    /// retain and release each string. `ValueTests` checks the three against the enum.
    @inline(__always) public static func tag(at p: UnsafePointer<Value>) -> UInt8 {
        UnsafeRawPointer(p).load(fromByteOffset: 8, as: UInt8.self)
    }
    public static let intTag: UInt8 = 0
    public static let stringTag: UInt8 = 4
    public static let arrayTag: UInt8 = 6
    public static let floatTag: UInt8 = 1
    public static let objTag: UInt8 = 11
    public static let tupleTag: UInt8 = 7

    /// The object of the `.obj` value at `p`, not retained (only for a value whose tag is
    /// `objTag`; the value keeps it alive while the caller uses it).
    @inline(__always) public static func unretainedObject(at p: UnsafePointer<Value>) -> Unmanaged<JObject> {
        Unmanaged.fromOpaque(UnsafeRawPointer(p).load(as: UnsafeRawPointer.self))
    }

    /// The `Int64` of the `.int` value at `p` (only for a value whose tag is `intTag`).
    @inline(__always) public static func intPayload(at p: UnsafePointer<Value>) -> Int64 {
        UnsafeRawPointer(p).load(as: Int64.self)
    }

    /// The string of the `.str` value at `p`, not retained (only for a value whose tag is
    /// `stringTag`; the value keeps it alive while the caller uses it).
    @inline(__always) public static func unretainedString(at p: UnsafePointer<Value>) -> Unmanaged<JStr> {
        Unmanaged.fromOpaque(UnsafeRawPointer(p).load(as: UnsafeRawPointer.self))
    }

    /// The array of the `.arr` value at `p`, not retained (only for a value whose tag is
    /// `arrayTag`; the value keeps it alive while the caller uses it).
    @inline(__always) public static func unretainedArray(at p: UnsafePointer<Value>) -> Unmanaged<JArray> {
        Unmanaged.fromOpaque(UnsafeRawPointer(p).load(as: UnsafeRawPointer.self))
    }

    /// The tuple of the `.tuple` value at `p`, not retained (only for a value whose tag is
    /// `tupleTag`; the value keeps it alive while the caller uses it).
    @inline(__always) public static func unretainedTuple(at p: UnsafePointer<Value>) -> Unmanaged<JTuple> {
        Unmanaged.fromOpaque(UnsafeRawPointer(p).load(as: UnsafeRawPointer.self))
    }

    /// The Swift string of a `String` value, or nil.
    public var stringValue: String? {
        if case .str(let s) = self { return s.value }
        return nil
    }

    /// Makes a `String` value.
    @inline(__always) public static func string(_ s: String) -> Value { .str(JStr(s)) }

    /// Makes a `Symbol` value.
    @inline(__always) public static func symbol(_ s: String) -> Value { .sym(JSym.intern(s)) }

    /// Makes a `Tuple` value.
    @inline(__always) public static func tuple(_ items: [Value]) -> Value { .tuple(JTuple.of(items)) }
}

/// Swift's `===` for values: identity for mutable objects, equality of bits for the rest.
public func valuesIdentical(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.int(let x), .int(let y)): return x == y
    case (.float(let x), .float(let y)): return x.bitPattern == y.bitPattern
    case (.bool(let x), .bool(let y)): return x == y
    case (.char(let x), .char(let y)): return x == y
    case (.nothing, .nothing), (.undef, .undef): return true
    case (.str(let x), .str(let y)): return x.sameText(y)
    case (.sym(let x), .sym(let y)): return x === y
    case (.arr(let x), .arr(let y)): return x === y
    case (.tuple(let x), .tuple(let y)):
        if x === y { return true }
        guard x.count == y.count else { return false }
        for i in 0..<x.count where !valuesIdentical(x[i], y[i]) { return false }
        return true
    case (.range(let x), .range(let y)): return x == y
    case (.fn(let x), .fn(let y)): return x === y
    case (.type(let x), .type(let y)): return x === y
    case (.obj(let x), .obj(let y)):
        if x === y { return true }
        if let sx = x as? JStruct, let sy = y as? JStruct, !sx.type.isMutable, sx.type === sy.type {
            for i in 0..<sx.count where !valuesIdentical(sx[i], sy[i]) { return false }
            return true
        }
        return false
    default: return false
    }
}

extension UnsafeMutablePointer where Pointee == Value {
    /// Stores `v` over the value here, releasing the old one only when it holds a reference
    /// (an assignment always calls the outlined destroy, a switch over every case).
    @inline(__always) func overwrite(with v: Value) {
        if pointee.holdsReference { pointee = v } else { initialize(to: v) }
    }
}
