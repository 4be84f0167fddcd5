import CDistSupport

/// Frees long chains of containers (a 100,000-node linked list of structs, arrays nested
/// 100,000 deep) without one native stack frame per link.
///
/// Releasing a container releases its elements from its `deinit`, so dropping a chain
/// recurses as deep as the chain and overflows the stack of the task that drops it. The
/// containers' deinits count how deep the chain of deinits is on this thread; past
/// `maxNesting`, a container puts its elements aside (retained) instead of letting them go,
/// and the outermost deinit releases what was put aside, one at a time, in a loop.
enum DeferredRelease {
    /// Deinits nested deeper than this put their elements aside.
    static let maxNesting: Int32 = 100

    /// True when releasing `elements` can start a chain of deinits: one of them is a container
    /// (a struct's fields or a tuple's items that are all numbers, strings or symbols are
    /// released by Swift as usual, with no bookkeeping).
    @inline(__always) static func mayChain(_ elements: [Value]) -> Bool {
        elements.withUnsafeBufferPointer { b in b.baseAddress.map { mayChain($0, count: b.count) } ?? false }
    }

    /// `mayChain` of the `count` values at `values` (a container's own memory).
    /// Read by tag byte (`.arr` 6, `.tuple` 7, `.fn` 9, `.obj` 11; see `Value.tag(at:)`):
    /// a switch over the values copied each one out through Swift's outlined copy.
    @inline(__always) static func mayChain(_ values: UnsafePointer<Value>, count: Int) -> Bool {
        for i in 0..<count where chainTags & (1 << UInt32(Value.tag(at: values + i) & 31)) != 0 { return true }
        return false
    }

    /// The tags of the values that `mayChain` looks for, as bits.
    static let chainTags: UInt32 = 1 << 6 | 1 << 7 | 1 << 9 | 1 << 11

    /// Releases the elements of a container's array, leaving it empty (from its deinit).
    static func release(_ elements: inout [Value]) {
        let nesting = dist_release_enter()
        defer { dist_release_leave() }
        var held: [Value] = []
        swap(&held, &elements)
        if nesting > maxNesting {
            for v in held { putAside(v) }
        }
        held = []
        if nesting == 1 { drain() }
    }

    /// Releases (deinitializes) the `count` values of a container's own memory.
    static func release(_ values: UnsafeMutablePointer<Value>, count: Int) {
        let nesting = dist_release_enter()
        defer { dist_release_leave() }
        if nesting > maxNesting {
            for i in 0..<count { putAside(values[i]) }
        }
        releaseReferences(values, count: count)
        if nesting == 1 { drain() }
    }

    /// Deinitializes the `count` values at `values`: releases the object each one that holds
    /// a reference holds (every such payload is a native Swift object), found by tag byte.
    /// `deinitialize(count:)` went through Swift's generic array destroy, a call through the
    /// enum's witness per element.
    @inline(__always) static func releaseReferences(_ values: UnsafeMutablePointer<Value>, count: Int) {
        for i in 0..<count where Value.holdsReference(at: values + i) {
            Unmanaged<AnyObject>.fromOpaque(UnsafeRawPointer(values + i).load(as: UnsafeRawPointer.self)).release()
        }
    }

    /// Keeps the object a value holds alive in the queue (its container then releases it
    /// without freeing it).
    private static func putAside(_ v: Value) {
        let object: AnyObject
        switch v {
        case .obj(let o): object = o
        case .arr(let a): object = a
        case .tuple(let t): object = t
        default: return
        }
        let p = Unmanaged.passRetained(object)
        if dist_release_defer(p.toOpaque()) == 0 { p.release() }
    }

    /// Releases what was put aside, including what those releases put aside in turn.
    private static func drain() {
        while let p = dist_release_next() {
            Unmanaged<AnyObject>.fromOpaque(p).release()
        }
    }
}
