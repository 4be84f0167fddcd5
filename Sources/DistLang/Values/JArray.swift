import Glibc
import CDistSupport

/// How an array's elements are stored: packed machine values or boxed `Value`s.
public enum ElementKind: UInt8 {
    case float64, int64, bool, uint8, char, any
    /// `Complex{Float64}` and `Complex{Int64}`: the real part, then the imaginary part.
    case complexF64, complexI64

    /// Bytes per element.
    public var stride: Int {
        switch self {
        case .complexF64, .complexI64: return 16
        case .float64, .int64: return 8
        case .bool, .uint8: return 1
        case .char: return 4
        case .any: return MemoryLayout<Value>.stride
        }
    }

    /// The storage used for arrays with element type `t`.
    public static func of(_ t: JType) -> ElementKind {
        switch t.tag {
        case .float64: return .float64
        case .int64: return .int64
        case .bool: return .bool
        case .uint8: return .uint8
        case .char: return .char
        default:
            // (the static is read only for instantiations: its one-time check costs a call)
            if let f = t.family, f === JType.complexFamily {
                if t.paramType(0) === JType.float64 { return .complexF64 }
                if t.paramType(0) === JType.int64 { return .complexI64 }
            }
            return .any
        }
    }
}

/// Keeps external memory (a shared-memory mapping) alive while an array uses it.
public protocol ArrayMemoryOwner: AnyObject {}

/// Memory an array uses only until it needs memory of its own: a received array left in the
/// segment it came in (see DistWire's `MemoryTransfers`). Unlike a mapping that other arrays
/// share, the array may grow and shrink: it first copies its elements out
/// (`takeOwnMemory`).
public protocol BorrowedArrayMemory: ArrayMemoryOwner {}

/// An N-dimensional, column-major array (Julia's `Array{T,N}`, and the local view of a
/// `SharedArray`).
///
/// Elements of bits types are packed in raw memory, so the array can be handed to BLAS,
/// written to the wire as bytes, or placed in shared memory; other element types are stored
/// as `Value`s. `push!` grows the buffer geometrically. The memory belongs to the array
/// unless `memoryOwner` is set.
public final class JArray {
    /// The declared element type (`Float64`, `String`, `Any`, `MyType`…): a constant, as a
    /// stored `var` of class type is retained and released around every read (each `push!`
    /// and store checks the value against it).
    public let eltype: JType
    /// True when the element type is `Any`: any value is stored as it is.
    public let holdsAnything: Bool
    /// Struct types whose instances were stored after an `isa` check of the element type (so
    /// the next ones of those types need no check): up to four, as a `Vector{Shape}` holds a
    /// few concrete types in turn.
    var acceptedStructTypes: [UnsafeMutableRawPointer] = []
    /// The storage kind derived from `eltype`.
    public let kind: ElementKind
    /// The size in each dimension.
    public var dims: Dims
    /// The number of elements (the product of `dims`).
    public private(set) var count: Int
    /// Allocated capacity, in elements.
    public private(set) var capacity: Int
    /// The element storage.
    public private(set) var data: UnsafeMutableRawPointer
    /// Set when the memory is not the array's own (a shared-memory mapping, or the parent of
    /// a view or reshape).
    public private(set) var memoryOwner: ArrayMemoryOwner?
    /// Arrays that use part of this one's memory (views, reshapes), moved along when it grows.
    private var aliases: [Alias] = []
    /// Shared-array description when this array is a `SharedArray`.
    public var shared: SharedArrayInfo?
    /// Set on the one-row matrix made by `v'`, so that `v' * w` is a number as in Julia.
    public var isRowAdjoint = false
    /// Set on `Bool` arrays that Julia would make a `BitArray` (broadcast results, `trues`):
    /// the same storage, another type name.
    public var isBitArray = false

    /// A new array of the given element type and dimensions, filled with zero bits
    /// (`0`, `0.0`, `false`) or `#undef` for boxed element types.
    ///
    /// For sizes bounded by data that already exists (a copy, a result no larger than its
    /// operands); sizes that come from the program go through `init(eltype:checkedDims:)`.
    public convenience init(eltype: JType, dims: Dims) {
        self.init(eltype: eltype, dims: dims, zeroed: true)
    }

    /// The same, with the sizes in a Swift array (a literal `[n]` makes a `Dims` directly).
    @_disfavoredOverload public convenience init(eltype: JType, dims: [Int]) {
        self.init(eltype: eltype, dims: Dims(dims), zeroed: true)
    }

    /// A new array whose bits elements are left unset, for a caller that writes every
    /// element at once (a decoder filling it from a buffer).
    public convenience init(eltype: JType, dims: Dims, uninitialized: ()) {
        self.init(eltype: eltype, dims: dims, zeroed: false)
    }

    /// A new array whose dimensions come from the program (`zeros(n, m)`, `Array{T}(undef,
    /// n)`): negative or overflowing dimensions raise `ArgumentError`, and memory the system
    /// refuses raises `OutOfMemoryError`, as in Julia, instead of ending the process.
    public convenience init(eltype: JType, checkedDims dims: Dims) throws {
        let kind = ElementKind.of(eltype)
        let n = try JArray.elementCount(dims)
        guard n.multipliedReportingOverflow(by: kind.stride).overflow == false else {
            throw JuliaError.argument("invalid Array size")
        }
        guard let data = JArray.allocate(kind, max(n, 1), zeroed: true, header: 48) else { throw JuliaError.outOfMemory }
        self.init(eltype: eltype, kind: kind, dims: dims, count: n, data: data)
    }

    /// The same, with the sizes in a Swift array.
    @_disfavoredOverload public convenience init(eltype: JType, checkedDims dims: [Int]) throws {
        try self.init(eltype: eltype, checkedDims: Dims(dims))
    }

    /// The number of elements of an array with dimensions `dims`: Julia's check that each is
    /// non-negative and that their product fits in an `Int`.
    public static func elementCount<S: Sequence>(_ dims: S) throws -> Int where S.Element == Int {
        var n = 1
        for d in dims {
            let (p, overflow) = n.multipliedReportingOverflow(by: d)
            if d < 0 || overflow { throw JuliaError.argument("invalid Array dimensions") }
            n = p
        }
        return n
    }

    private convenience init(eltype: JType, dims: Dims, zeroed: Bool) {
        let kind = ElementKind.of(eltype)
        let n = dims.product
        guard let data = JArray.allocate(kind, max(n, 1), zeroed: zeroed, header: 48) else {
            fatalError("out of memory for an array of \(n) elements")
        }
        self.init(eltype: eltype, kind: kind, dims: dims, count: n, data: data)
    }

    private init(eltype: JType, kind: ElementKind, dims: Dims, count n: Int, data: UnsafeMutableRawPointer) {
        self.eltype = eltype
        holdsAnything = eltype.tag == .any
        self.kind = kind
        self.dims = dims
        count = n
        capacity = max(n, 1)
        self.data = data
        memoryOwner = nil
        if kind == .any {
            data.bindMemory(to: Value.self, capacity: capacity).initialize(repeating: .undef, count: capacity)
        }
    }

    /// The same, with the sizes in a Swift array.
    @_disfavoredOverload public convenience init(eltype: JType, dims: [Int], memory: UnsafeMutableRawPointer, owner: ArrayMemoryOwner) {
        self.init(eltype: eltype, dims: Dims(dims), memory: memory, owner: owner)
    }

    /// An array over memory that belongs to `owner` (shared memory); bits element types only.
    public init(eltype: JType, dims: Dims, memory: UnsafeMutableRawPointer, owner: ArrayMemoryOwner) {
        self.eltype = eltype
        holdsAnything = eltype.tag == .any
        kind = ElementKind.of(eltype)
        self.dims = dims
        count = dims.product
        capacity = count
        data = memory
        memoryOwner = owner
    }

    deinit {
        guard memoryOwner == nil else { return }
        if kind == .any {
            let v = values
            // elements that cannot start a chain of deinits (numbers, strings) are released
            // here, with none of the bookkeeping that chains need
            if DeferredRelease.mayChain(v, count: capacity) {
                DeferredRelease.release(v, count: capacity)
            } else {
                DeferredRelease.releaseReferences(v, count: capacity)
            }
        }
        free(data)
    }

    /// Memory for `n` elements from the C allocator (16-byte aligned, as `malloc` gives on
    /// 64-bit Linux), or nil when the system refuses it: Swift's own allocator ends the
    /// process instead. Zeroed memory comes from `calloc`, whose large blocks are fresh pages
    /// that need no clearing. `header` is the array object's own size when the storage is a
    /// new array's (counted as one allocation, as Julia's arrays are).
    private static func allocate(_ kind: ElementKind, _ n: Int, zeroed: Bool = true, header: Int = 0) -> UnsafeMutableRawPointer? {
        let (bytes, overflow) = max(1, n).multipliedReportingOverflow(by: kind.stride)
        // with the header, typemax(Int) one-byte elements overflow too
        if overflow || bytes > Int.max - header { return nil }
        // a block larger than the host's memory is refused as glibc's malloc would (the
        // shell's allocator, mimalloc, maps it without reserving; see memory.c)
        if bytes >= 1 << 26 && dist_fits_in_memory(bytes) == 0 { return nil }
        Allocations.record(header + bytes)
        return zeroed && kind != .any ? calloc(1, bytes) : malloc(bytes)
    }

    // MARK: Typed views

    /// The elements of a `Float64` array.
    @inline(__always) public var floats: UnsafeMutablePointer<Double> { data.assumingMemoryBound(to: Double.self) }
    /// The elements of an `Int64` array.
    @inline(__always) public var ints: UnsafeMutablePointer<Int64> { data.assumingMemoryBound(to: Int64.self) }
    /// The elements of a `Bool` array.
    @inline(__always) public var bools: UnsafeMutablePointer<Bool> { data.assumingMemoryBound(to: Bool.self) }
    /// The elements of a `UInt8` array.
    @inline(__always) public var bytes: UnsafeMutablePointer<UInt8> { data.assumingMemoryBound(to: UInt8.self) }
    /// The elements of a `Char` array.
    @inline(__always) public var chars: UnsafeMutablePointer<UInt32> { data.assumingMemoryBound(to: UInt32.self) }
    /// The elements of an array with boxed storage.
    @inline(__always) public var values: UnsafeMutablePointer<Value> { data.assumingMemoryBound(to: Value.self) }

    /// Number of dimensions.
    @inline(__always) public var ndims: Int { dims.count }

    /// Element `i` (zero-based, linear) as `get` gives it, with only the commonest kinds in
    /// line: a complex element makes a struct, whose code in line would give every indexing
    /// node a large frame (spills and a stack check on each read). The caller checks bounds.
    @inline(__always) func element(_ i: Int) -> Value {
        switch kind {
        case .float64: return .float(floats[i])
        case .int64: return .int(ints[i])
        case .any: return values[i]
        default: return elementOutOfLine(i)
        }
    }

    @inline(never) private func elementOutOfLine(_ i: Int) -> Value { get(i) }

    /// Element `i` (zero-based, linear); the caller checks bounds.
    @inline(__always) public func get(_ i: Int) -> Value {
        switch kind {
        case .float64: return .float(floats[i])
        case .int64: return .int(ints[i])
        case .bool: return .bool(bools[i])
        case .uint8: return .int(Int64(bytes[i]))
        case .char: return .char(chars[i])
        case .any: return values[i]
        case .complexF64: return .obj(JStruct(eltype, [.float(floats[2 * i]), .float(floats[2 * i + 1])]))
        case .complexI64: return .obj(JStruct(eltype, [.int(ints[2 * i]), .int(ints[2 * i + 1])]))
        }
    }

    /// Stores an element that already has the array's element type (see `Convert` for the
    /// checked version); the caller checks bounds.
    @inline(__always) public func setRaw(_ i: Int, _ v: Value) {
        switch (kind, v) {
        case (.float64, .float(let x)): floats[i] = x
        case (.int64, .int(let x)): ints[i] = x
        case (.bool, .bool(let x)): bools[i] = x
        case (.uint8, .int(let x)): bytes[i] = UInt8(truncatingIfNeeded: x)
        case (.char, .char(let x)): chars[i] = x
        case (.any, _): values[i] = v
        case (.complexF64, .obj(let o as JStruct)):
            if case .float(let re) = o[0], case .float(let im) = o[1] { floats[2 * i] = re; floats[2 * i + 1] = im }
        case (.complexI64, .obj(let o as JStruct)):
            if case .int(let re) = o[0], case .int(let im) = o[1] { ints[2 * i] = re; ints[2 * i + 1] = im }
        default: break
        }
    }

    // MARK: Growth

    /// Makes room for at least `n` elements; `OutOfMemoryError` when the system has none.
    public func reserve(_ n: Int) throws {
        guard n > capacity else { return }
        try takeOwnMemory()
        // memory that is not the array's own (a mapping, a parent's) is never reallocated
        guard memoryOwner == nil else { throw JuliaError.error("cannot resize array with shared data") }
        var newCap = max(capacity * 2, 4)
        while newCap < n {
            let (doubled, overflow) = newCap.multipliedReportingOverflow(by: 2)
            newCap = overflow ? n : doubled
        }
        guard let nd = JArray.allocate(kind, newCap, zeroed: false) else { throw JuliaError.outOfMemory }
        if kind == .any {
            let dst = nd.bindMemory(to: Value.self, capacity: newCap)
            dst.moveInitialize(from: values, count: count)
            (dst + count).initialize(repeating: .undef, count: newCap - count)
            (values + count).deinitialize(count: capacity - count)
        } else {
            nd.copyMemory(from: data, byteCount: count * kind.stride)
        }
        free(data)
        data = nd
        capacity = newCap
        aliases.removeAll { $0.array == nil }
        for a in aliases { a.array?.data = nd + a.byteOffset }
    }

    /// Moves the elements out of borrowed memory (`BorrowedArrayMemory`) into memory of the
    /// array's own, which can then grow; arrays using part of this one follow. Nothing for
    /// other arrays.
    public func takeOwnMemory() throws {
        guard memoryOwner is BorrowedArrayMemory else { return }
        guard let nd = JArray.allocate(kind, capacity, zeroed: false) else { throw JuliaError.outOfMemory }
        nd.copyMemory(from: data, byteCount: capacity * kind.stride)
        data = nd
        memoryOwner = nil
        aliases.removeAll { $0.array == nil }
        for a in aliases { a.array?.data = nd + a.byteOffset }
    }

    /// Changes the length of a vector (new elements are zero or `#undef`).
    public func resize(_ n: Int) throws {
        if n < 0 { throw JuliaError.argument("new length must be ≥ 0") }
        if n > capacity { try reserve(n) }
        if n < count && kind == .any {
            for i in n..<count { values[i] = .undef }
        } else if n > count && kind != .any {
            (data + count * kind.stride).initializeMemory(as: UInt8.self, repeating: 0, count: (n - count) * kind.stride)
        }
        count = n
        dims = Dims(n)
    }

    /// A vector with memory of its own (not shared, not a view's or a segment's), which
    /// `push!` may grow.
    @inline(__always) public var isOwnVector: Bool { ndims == 1 && shared == nil && memoryOwner == nil }

    /// Counts one more element of a vector that has room for it and returns its address, for
    /// the caller to write the element's bits there (a bits element type); nil when the
    /// vector is full.
    @inline(__always) public func appendSpare() -> UnsafeMutableRawPointer? {
        guard count < capacity else { return nil }
        let p = data + count * kind.stride
        count += 1
        dims[0] = count
        return p
    }

    /// Appends an element that already has the element type.
    @inline(__always) public func appendRaw(_ v: Value) throws {
        if count == capacity { try reserve(count + 1) }
        count += 1
        dims[0] = count
        setRaw(count - 1, v)
    }

    /// Removes elements `lo..<hi` of a vector, shifting the rest down.
    public func removeRange(_ lo: Int, _ hi: Int) {
        guard hi > lo else { return }
        let k = hi - lo
        if kind == .any {
            for i in lo..<(count - k) { values[i] = values[i + k] }
            for i in (count - k)..<count { values[i] = .undef }
        } else {
            let s = kind.stride
            (data + lo * s).copyMemory(from: data + hi * s, byteCount: (count - hi) * s)
        }
        count -= k
        dims = Dims(count)
    }

    /// Inserts `v` at position `at` of a vector.
    public func insertRaw(_ at: Int, _ v: Value) throws {
        if count == capacity { try reserve(count + 1) }
        if kind == .any {
            var i = count
            while i > at { values[i] = values[i - 1]; i -= 1 }
        } else {
            let s = kind.stride
            (data + (at + 1) * s).copyMemory(from: data + at * s, byteCount: (count - at) * s)
        }
        count += 1
        dims = Dims(count)
        setRaw(at, v)
    }

    /// Reinterprets the array with new dimensions of the same total length (for `reshape`,
    /// which shares memory in Julia).
    public func sharingReshape(_ newDims: [Int]) -> JArray {
        let r = alias(dims: Dims(newDims), from: 0, owner: ReshapeOwner(self))
        r.shared = shared
        return r
    }

    /// An array over elements `first..<first + product(dims)` of this one's memory (a view of a
    /// contiguous part): writes through either show in both, and it follows this array's
    /// memory when this one grows. `owner` keeps this array (and what owns its memory) alive.
    @_disfavoredOverload public func alias(dims newDims: [Int], from first: Int, owner: ArrayMemoryOwner) -> JArray {
        alias(dims: Dims(newDims), from: first, owner: owner)
    }

    public func alias(dims newDims: Dims, from first: Int, owner: ArrayMemoryOwner) -> JArray {
        let offset = first * kind.stride
        let r = JArray(eltype: eltype, dims: newDims, memory: data + offset, owner: owner)
        r.isBitArray = isBitArray
        aliases.append(Alias(r, byteOffset: offset))
        return r
    }

    /// Gives up the memory (a finalized `SharedArray`): the array becomes empty, and its
    /// mapping is released when nothing else holds it.
    public func detachMemory() {
        guard memoryOwner != nil else { return }
        // one element's worth: a failure here is the system out of its last bytes
        guard let one = JArray.allocate(kind, 1) else { fatalError("out of memory") }
        data = one
        if kind == .any { data.bindMemory(to: Value.self, capacity: 1).initialize(to: .undef) }
        capacity = 1
        count = 0
        dims = Dims(dims.map { _ in 0 })
        memoryOwner = nil
        for a in aliases { a.array?.detachMemory() }
        aliases = []
    }

    /// A copy with its own memory.
    public func copy() -> JArray {
        if kind == .any {
            let r = JArray(eltype: eltype, dims: dims)
            for i in 0..<count { r.values[i] = values[i] }
            return r
        }
        // not cleared first: every byte is copied over
        let r = JArray(eltype: eltype, dims: dims, uninitialized: ())
        r.isBitArray = isBitArray
        r.data.copyMemory(from: data, byteCount: count * kind.stride)
        return r
    }

    /// The array's type: `Array{T,N}`, or `SharedArray{T,N}` for shared arrays.
    public var jtype: JType {
        if isBitArray { return JType.bitArray(dims.count) }
        return shared != nil ? JType.sharedArray(eltype, dims.count) : JType.array(eltype, dims.count)
    }
}

/// Keeps the parent array alive while a reshaped array uses its memory.
final class ReshapeOwner: ArrayMemoryOwner {
    let parent: JArray
    /// What owns the parent's memory (a mapping), held too: a finalized parent gives it up.
    let parentOwner: ArrayMemoryOwner?
    init(_ p: JArray) {
        parent = p
        parentOwner = p.memoryOwner
    }
}

/// A view of part of an array (`view(A, 2:5)`, `S.loc_subarr_1d`): its parent and the indices
/// it was made with (`parent(v)`, `parentindices(v)`).
public final class ArrayView: ArrayMemoryOwner {
    public let parent: JArray
    public let indices: [Value]
    let parentOwner: ArrayMemoryOwner?
    public init(parent: JArray, indices: [Value]) {
        self.parent = parent
        self.indices = indices
        parentOwner = parent.memoryOwner
    }
}

/// An array that uses another's memory, and where in it.
final class Alias {
    weak var array: JArray?
    let byteOffset: Int
    init(_ a: JArray, byteOffset: Int) {
        array = a
        self.byteOffset = byteOffset
    }
}

/// What makes an array a `SharedArray`: its memory, the processes that map it, and its
/// identity (see Remote/SharedArrays.swift).
public final class SharedArrayInfo {
    /// The processes that map the array, in order (`procs(S)`).
    public let pids: [Int]
    /// The shared-memory segment's name (`S.segname`), or the file's path.
    public let segment: String
    /// This SharedArray object's identity: every process's copy of it has the same id (a
    /// reshape of it is another SharedArray, with another id, over the same memory).
    public let id: String
    /// For an array over a file: where in the file it starts, and the mode it was opened with.
    public let file: (offset: Int, mode: String)?
    /// Keeps the mapping alive (unmaps when released).
    public let mapping: AnyObject?

    public init(pids: [Int], segment: String, id: String, file: (offset: Int, mode: String)? = nil, mapping: AnyObject?) {
        self.pids = pids
        self.segment = segment
        self.id = id
        self.file = file
        self.mapping = mapping
    }
}
