/// An array's size in each dimension.
///
/// Up to four dimensions lie in the value itself, so making an array allocates its object and
/// its elements only (a Swift `[Int]` was a third allocation, and a reference count taken
/// whenever the sizes were read); more dimensions, rare, are kept in an array.
public struct Dims: RandomAccessCollection, MutableCollection, Hashable, ExpressibleByArrayLiteral, CustomStringConvertible {
    /// The first four sizes (always: reading one needs no other test).
    private var inline: (Int, Int, Int, Int) = (0, 0, 0, 0)
    /// All the sizes, when there are more than four.
    private var more: [Int]?
    /// The number of dimensions.
    public private(set) var count: Int

    /// A zero-dimensional array's.
    @inline(__always) public init() { count = 0 }

    /// A vector's.
    @inline(__always) public init(_ n: Int) {
        inline.0 = n
        count = 1
    }

    /// A matrix's.
    @inline(__always) public init(_ m: Int, _ n: Int) {
        inline = (m, n, 0, 0)
        count = 2
    }

    /// The sizes in `sizes`.
    public init<S: Sequence>(_ sizes: S) where S.Element == Int {
        count = 0
        var all: [Int] = []
        for d in sizes {
            if count < 4 {
                withUnsafeMutableBytes(of: &inline) { $0.storeBytes(of: d, toByteOffset: count * 8, as: Int.self) }
            } else {
                if all.isEmpty { all = [inline.0, inline.1, inline.2, inline.3] }
                all.append(d)
            }
            count += 1
        }
        if count > 4 { more = all }
    }

    @inline(__always) public init(arrayLiteral sizes: Int...) {
        self.init(sizes)
    }

    @inline(__always) public var startIndex: Int { 0 }
    @inline(__always) public var endIndex: Int { count }

    /// The size in dimension `i` (from 0).
    @inline(__always) public subscript(i: Int) -> Int {
        get {
            precondition(i >= 0 && i < count, "dimension out of range")
            if i < 4 { return withUnsafeBytes(of: inline) { $0.load(fromByteOffset: i * 8, as: Int.self) } }
            return more![i]
        }
        set {
            precondition(i >= 0 && i < count, "dimension out of range")
            if i < 4 { withUnsafeMutableBytes(of: &inline) { $0.storeBytes(of: newValue, toByteOffset: i * 8, as: Int.self) } }
            if more != nil { more![i] = newValue }
        }
    }

    /// The product of the sizes (the element count), read in place for up to four
    /// dimensions (`reduce` copied the whole value, and counted `more`, per array made).
    @inline(__always) public var product: Int {
        switch count {
        case 0: return 1
        case 1: return inline.0
        case 2: return inline.0 * inline.1
        case 3: return inline.0 * inline.1 * inline.2
        case 4: return inline.0 * inline.1 * inline.2 * inline.3
        default: return more!.reduce(1, *)
        }
    }

    public static func == (a: Dims, b: Dims) -> Bool { a.elementsEqual(b) }
    public func hash(into h: inout Hasher) {
        h.combine(count)
        for d in self { h.combine(d) }
    }
    public var description: String { Array(self).description }
}
