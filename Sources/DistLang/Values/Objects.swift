import Foundation

/// An immutable string value. Wrapping Swift's 16-byte `String` in a class keeps `Value` at
/// a 16-byte stride.
public final class JStr {
    /// The text.
    public let value: String
    /// The hash as a dictionary key, computed on first use (0 until then).
    private var cachedKeyHash = 0
    @inline(__always) public init(_ v: String) {
        value = v
        Allocations.record(32 + v.utf8.count)
    }

    /// A string whose key hash is known (`KeyHash.bytes` of its bytes, computed while they
    /// were in hand): `split`'s words are counted in dictionaries more often than not.
    @inline(__always) init(_ v: String, keyHash h: Int) {
        value = v
        cachedKeyHash = h == 0 ? 1 : h
        Allocations.record(32 + v.utf8.count)
    }

    /// Where `value` lies in the object: right after its header (checked when a runtime
    /// is made, by `SmallString.checkLayout`).
    static let textOffset = 16

    /// Calls `body` with the UTF-8 bytes, read where they lie, without the retain and
    /// release of the string's storage that copying `value` to call `withUTF8` costs (the
    /// object keeps its text alive while `body` runs). A small string's bytes are copied to
    /// the stack first.
    @inline(__always) func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if SmallString.available {
            var raw = UnsafeRawPointer(Unmanaged.passUnretained(self).toOpaque()).load(fromByteOffset: JStr.textOffset, as: (UInt64, UInt64).self)
            let top = raw.1 >> 56
            if top & 0x20 != 0 {
                let n = Int(truncatingIfNeeded: top & 0xF)
                return try withUnsafeBytes(of: &raw) { try body(UnsafeBufferPointer(start: $0.baseAddress!.assumingMemoryBound(to: UInt8.self), count: n)) }
            }
            if let (start, n) = SmallString.fastBytes(raw) {
                return try withExtendedLifetime(self) { try body(UnsafeBufferPointer(start: start, count: n)) }
            }
        }
        var v = value
        return try v.withUTF8(body)
    }

    /// Whether the two strings have the same bytes, as Julia's `==` compares strings (Swift's
    /// `==` takes canonically equivalent texts for equal: "\u{e9}" and "e\u{301}"). Two
    /// small strings are equal when their 16 bytes are (the bytes past the text are zero).
    @inline(__always) func sameText(_ other: JStr) -> Bool {
        if self === other { return true }
        if SmallString.available {
            let a = UnsafeRawPointer(Unmanaged.passUnretained(self).toOpaque()).load(fromByteOffset: JStr.textOffset, as: (UInt64, UInt64).self)
            let b = UnsafeRawPointer(Unmanaged.passUnretained(other).toOpaque()).load(fromByteOffset: JStr.textOffset, as: (UInt64, UInt64).self)
            if a == b { return true }
            if (a.1 & b.1) >> 61 & 1 != 0 { return false }
        }
        return withBytes { x in
            other.withBytes { y in x.count == y.count && (x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) }
        }
    }

    /// Whether this string sorts before `other`: by code points, which for UTF-8 is by bytes,
    /// a prefix first (Julia's `isless` for strings).
    func precedes(_ other: JStr) -> Bool {
        withBytes { x in
            other.withBytes { y in
                let n = min(x.count, y.count)
                let c = n == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, n)
                return c < 0 || c == 0 && x.count < y.count
            }
        }
    }

    /// The hash as a dictionary key (see `KeyHash`): a string made once and looked up twice
    /// (`d[w] = get(d, w, 0) + 1`) hashes its bytes once.
    var keyHash: Int {
        if cachedKeyHash != 0 { return cachedKeyHash }
        let h = KeyHash.bytes(self)
        cachedKeyHash = h == 0 ? 1 : h
        return cachedKeyHash
    }
}

/// An interned symbol: equal names give the same object, so symbols compare by identity.
public final class JSym: Hashable, CustomStringConvertible {
    /// The symbol's name, without the colon.
    public let name: String

    private init(_ n: String) {
        name = n
        Immortal.make(self)
    }

    nonisolated(unsafe) private static var table: [String: JSym] = [:]
    private static let lock = NSLock()

    /// The symbol named `name`.
    public static func intern(_ name: String) -> JSym {
        lock.lock()
        defer { lock.unlock() }
        if let s = table[name] { return s }
        let s = JSym(name)
        table[name] = s
        return s
    }

    public static func == (a: JSym, b: JSym) -> Bool { a === b }
    public func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(self)) }
    public var description: String { name }
}

/// An immutable tuple: its items lie in the object itself, after the count (one
/// allocation, as a Swift array inside would make two, and a free that releases only the
/// items that hold references).
public final class JTuple: ManagedBuffer<Int, Value> {
    /// A tuple of `n` items, each written by `fill` (which initialises all `n`, or throws
    /// having initialised none).
    @inline(__always) public static func make(_ n: Int, _ fill: (UnsafeMutablePointer<Value>) throws -> Void) rethrows -> JTuple {
        let t = unsafeDowncast(JTuple.create(minimumCapacity: n) { _ in 0 }, to: JTuple.self)
        try t.withUnsafeMutablePointerToElements { try fill($0) }
        t.header = n
        return t
    }

    /// A tuple of copies of `items`.
    public static func of(_ items: [Value]) -> JTuple {
        items.withUnsafeBufferPointer { of($0) }
    }

    /// A tuple of copies of the values in `b`.
    public static func of(_ b: UnsafeBufferPointer<Value>) -> JTuple {
        make(b.count) { p in if let from = b.baseAddress { p.initialize(from: from, count: b.count) } }
    }

    /// The number of items.
    @inline(__always) public var count: Int { header }
    @inline(__always) public var isEmpty: Bool { header == 0 }
    /// Where the items lie (valid while the tuple is alive).
    @inline(__always) public var base: UnsafePointer<Value> { UnsafePointer(withUnsafeMutablePointerToElements { $0 }) }
    /// The items in place (valid while the tuple is alive).
    @inline(__always) public var buffer: UnsafeBufferPointer<Value> { UnsafeBufferPointer(start: base, count: count) }
    /// Item `i` (from 0; the caller checks bounds).
    @inline(__always) public subscript(i: Int) -> Value { base[i] }
    public var first: Value? { header > 0 ? base[0] : nil }
    /// The items, copied into an array.
    public var items: [Value] { Array(buffer) }

    deinit {
        withUnsafeMutablePointerToElements { p in
            let n = header
            if DeferredRelease.mayChain(p, count: n) { return DeferredRelease.release(p, count: n) }
            // items that hold no reference (numbers) need no deinitialising
            DeferredRelease.releaseReferences(p, count: n)
        }
    }
}

/// A range: `a:b` (`UnitRange`), `a:s:b` (`StepRange`) or a range of floats (`StepRangeLen`).
///
/// Integer ranges keep their stop normalised to the last element, as Julia does (`1:2:10`
/// is `1:2:9`). Float ranges store their first and last value and a length, and compute
/// elements by interpolation, which rounds `0:0.1:1` to the same values Julia shows.
public final class JRange: Equatable {
    /// Which kind of range this is.
    public enum Kind: UInt8 { case unit, step, float }
    public let kind: Kind
    public let start: Int64
    public let step: Int64
    public let stop: Int64
    public let fstart: Double
    public let fstep: Double
    public let fstop: Double
    /// The number of elements.
    public let count: Int

    /// `start:stop`.
    public init(start: Int64, stop: Int64) {
        kind = .unit
        self.start = start
        self.step = 1
        let st = stop < start ? start &- 1 : stop
        self.stop = st
        // `typemin(Int):typemax(Int)` has more elements than an Int counts: the count is
        // clamped (iteration goes on, allocation fails) and `length` raises OverflowError
        let (span, overflow) = st.subtractingReportingOverflow(start)
        count = st < start ? 0 : overflow || span == .max ? Int.max : Int(span + 1)
        fstart = 0; fstep = 0; fstop = 0
    }

    /// `start:step:stop`; the caller has checked that `step` is not zero.
    public init(start: Int64, step: Int64, stop: Int64) {
        kind = .step
        self.start = start
        self.step = step
        // in unsigned magnitudes, so extreme bounds and steps (typemin(Int)) cannot overflow
        var n: UInt64 = 0
        if step > 0 && stop >= start { n = UInt64(bitPattern: stop &- start) / step.magnitude &+ 1 }
        if step < 0 && stop <= start { n = UInt64(bitPattern: start &- stop) / step.magnitude &+ 1 }
        count = Int(clamping: n)
        let last = Int64(truncatingIfNeeded: n &- 1)
        self.stop = n > 0 ? start &+ last &* step : start &- step
        fstart = 0; fstep = 0; fstop = 0
    }

    /// A range of `length` floats from `start` to `stop`.
    public init(fstart: Double, fstop: Double, length: Int) {
        kind = .float
        start = 0; step = 0; stop = 0
        self.fstart = fstart
        self.fstop = fstop
        count = max(0, length)
        fstep = length > 1 ? (fstop - fstart) / Double(length - 1) : 0
    }

    /// A float range with an explicit step (used for `0:0.5:2`).
    public init(fstart: Double, fstep: Double, length: Int) {
        kind = .float
        start = 0; step = 0; stop = 0
        self.fstart = fstart
        self.fstep = fstep
        count = max(0, length)
        fstop = fstart + fstep * Double(max(0, length - 1))
    }

    /// `length(r)`: the count, or Julia's `OverflowError` when it is beyond `Int`.
    public func checkedLength() throws -> Int {
        guard kind != .float, count == Int.max else { return count }
        if kind == .unit {
            let (span, overflow) = stop.subtractingReportingOverflow(start)
            if overflow { throw JuliaError.overflow("\(stop) - \(start) overflowed for type Int64") }
            if span == .max { throw JuliaError.overflow("\(span) + 1 overflowed for type Int64") }
            return count
        }
        let span = UInt64(bitPattern: step > 0 ? stop &- start : start &- stop) / step.magnitude
        if span >= UInt64(Int.max) { throw JuliaError.overflow("the length of \(start):\(step):\(stop) overflowed for type Int64") }
        return count
    }

    /// Element `i` (zero-based); the caller checks bounds.
    @inline(__always) public func element(_ i: Int) -> Value {
        switch kind {
        case .unit: return .int(start &+ Int64(i))
        case .step: return .int(start &+ Int64(i) &* step)
        case .float: return .float(floatElement(i))
        }
    }

    /// Element `i` of a float range.
    public func floatElement(_ i: Int) -> Double {
        if count <= 1 { return fstart }
        if i == count - 1 { return fstop }
        let n = Double(count - 1)
        let x = Double(i)
        return (fstart * (n - x) + fstop * x) / n
    }

    /// True for ranges of integers.
    public var isInteger: Bool { kind != .float }

    public static func == (a: JRange, b: JRange) -> Bool {
        if a.count == 0 && b.count == 0 { return true }
        switch (a.kind, b.kind) {
        case (.float, .float): return a.count == b.count && a.fstart == b.fstart && a.fstop == b.fstop
        case (.float, _), (_, .float): return false
        default: return a.count == b.count && a.start == b.start && (a.count <= 1 || a.step == b.step)
        }
    }

    /// The range's type: `UnitRange{Int64}`, `StepRange{Int64,Int64}` or `StepRangeLen{Float64}`.
    public var jtype: JType {
        switch kind {
        case .unit: return JType.apply(JType.unitRangeFamily, [.type(.int64)])
        case .step: return JType.apply(JType.stepRangeFamily, [.type(.int64), .type(.int64)])
        case .float: return JType.apply(JType.stepRangeLenFamily, [.type(.float64)])
        }
    }
}

/// The base class of every object that has no dedicated `Value` case.
open class JObject {
    public init() {}
    /// The object's Julia type.
    open var jtype: JType { JType.any }
}

/// An instance of a struct type (user-defined, `Pair`, or a built-in exception).
public final class JStruct: JObject {
    /// The struct's type, held with no count: types are immortal, so making and freeing a
    /// struct does not retain and release it.
    private let typeRef: Unmanaged<JType>
    /// The struct's type.
    public var type: JType { typeRef.takeUnretainedValue() }
    /// The type's identity (its address), read with no count: for the caches that compare it.
    @inline(__always) public var typeAddress: UnsafeMutableRawPointer { typeRef.toOpaque() }
    /// The number of fields.
    public private(set) var count: Int
    /// The field values, in the type's field order, in memory of their own: a struct is made
    /// with one copy of its arguments (no array header, no generic copy) and a field is stored
    /// with no copy-on-write check.
    private(set) var base: UnsafeMutablePointer<Value>

    public init(_ type: JType, _ fields: [Value]) {
        typeRef = Unmanaged.passUnretained(type)
        count = fields.count
        base = JStruct.copyFields(fields)
        // immutable structs are values in Julia, not heap objects
        if type.isMutable { Allocations.record(32 + 16 * fields.count) }
    }

    /// A struct whose fields are copies of the `count` values at `values`.
    public init(_ type: JType, copying values: UnsafePointer<Value>, count: Int) {
        typeRef = Unmanaged.passUnretained(type)
        self.count = count
        base = JStruct.copyFields(values, count)
        if type.isMutable { Allocations.record(32 + 16 * count) }
    }

    deinit {
        if DeferredRelease.mayChain(base, count: count) {
            DeferredRelease.release(base, count: count)
        } else {
            // fields without a reference (numbers, a struct of Float64s) need no destroying:
            // the runtime's generic loop over them cost more than the struct's allocation
            for i in 0..<count where Value.holdsReference(at: base + i) { (base + i).deinitialize(count: 1) }
        }
        free(base)
    }

    /// Memory of their own for copies of the `n` values at `values`, from `malloc`
    /// (`allocate(capacity:)` asks for aligned memory, a slower path of the allocator).
    private static func copyFields(_ values: UnsafePointer<Value>?, _ n: Int) -> UnsafeMutablePointer<Value> {
        guard let m = malloc(Swift.max(n, 1) * MemoryLayout<Value>.stride) else { fatalError("out of memory") }
        let p = m.bindMemory(to: Value.self, capacity: Swift.max(n, 1))
        // the bits copied at once and the references among them retained (`initialize(from:
        // count:)` is a runtime call per struct, and a copy per element goes through Swift's
        // outlined copy, a switch over the cases)
        if let values {
            UnsafeMutableRawPointer(p).copyMemory(from: values, byteCount: n * MemoryLayout<Value>.stride)
            for i in 0..<n where Value.holdsReference(at: p + i) {
                Unmanaged<AnyObject>.fromOpaque(UnsafeRawPointer(p + i).load(as: UnsafeRawPointer.self)).retain()
            }
        }
        return p
    }

    private static func copyFields(_ fields: [Value]) -> UnsafeMutablePointer<Value> {
        fields.withUnsafeBufferPointer { copyFields($0.baseAddress, $0.count) }
    }

    /// Field `i` (from 0).
    @inline(__always) public subscript(i: Int) -> Value {
        get {
            precondition(i >= 0 && i < count, "field index out of range")
            return base[i]
        }
        set {
            precondition(i >= 0 && i < count, "field index out of range")
            (base + i).overwrite(with: newValue)
        }
    }

    /// Where field `i` (from 0, in range) is held: valid while the struct is alive and its
    /// fields are not replaced as a whole.
    @inline(__always) func fieldAddress(_ i: Int) -> UnsafeMutablePointer<Value> { base + i }

    /// The field values as an array (a copy; setting it replaces them all).
    public var fields: [Value] {
        get { Array(UnsafeBufferPointer(start: base, count: count)) }
        set {
            let old = base, oldCount = count
            base = JStruct.copyFields(newValue)
            count = newValue.count
            old.deinitialize(count: oldCount)
            free(old)
        }
    }

    public override var jtype: JType { type }

    /// The value of the field named `name`, or nil.
    public func field(_ name: String) -> Value? {
        let s = JSym.intern(name)
        guard let i = type.fieldNames.firstIndex(of: s), i < count else { return nil }
        return base[i]
    }
}

/// A mutable cell holding a variable captured by a closure (Julia's `Core.Box`).
public final class Box: JObject {
    /// The variable's current value (`.undef` until assigned).
    public var value: Value
    @inline(__always) public init(_ v: Value = .undef) {
        value = v
        Allocations.record(32)
    }
    public override var jtype: JType { JType.box }
}

/// `Ref{T}`: a mutable cell the program can see.
public final class JRef: JObject {
    public var value: Value
    public let elType: JType
    public init(_ v: Value, _ t: JType) {
        value = v
        elType = t
        Allocations.record(32)
    }
    public override var jtype: JType { JType.apply(JType.refFamily, [.type(elType)]) }
}

/// A named tuple such as `(a = 1, b = 2)`.
public final class JNamedTuple: JObject {
    public let names: [JSym]
    public let values: [Value]
    /// A function's `kw...`: Julia's `pairs(::NamedTuple)`, which iterates as `name => value`.
    public var isKeywordPairs = false
    public init(names: [JSym], values: [Value]) { self.names = names; self.values = values }
    public override var jtype: JType {
        JType.namedTuple(names: names, values: values)
    }
}

/// A value with a `MIME` type, for `show(io, MIME"text/plain"(), x)`.
public final class JMime: JObject {
    public let mime: String
    public init(_ m: String) { mime = m }
    public override var jtype: JType { JType.mime }
}

/// `undef`, the marker for uninitialised array constructors.
public final class JUndefInitializer: JObject {
    public static let shared = JUndefInitializer()
    public override var jtype: JType { JType.undefInitializer }
}

/// `:` used as an index (Julia's `Colon()`), selecting a whole dimension.
public final class JColon: JObject {
    public static let shared = JColon()
    public override var jtype: JType { JType.colonType }
}

/// A type variable of a `where` clause, standing for a free parameter (`Vector{T} where T`).
public final class JTypeVar: JObject {
    public static let shared = JTypeVar()
    public override var jtype: JType { JType.typeVarType }
}
