import NIOCore

/// Appends wire-format primitives to memory of its own, growing it as needed; the bytes
/// become a `ByteBuffer` once, when the message is complete.
///
/// A `ByteBuffer` write checks its storage's uniqueness and capacity and moves its indices
/// through several calls (some 150 instructions for one integer); a store here is a bounds
/// check and a move. A large piece (an array's elements) goes instead straight into the
/// `ByteBuffer` that will be sent, with what was written before it, so that its bytes are
/// copied once. Copies of a writer share one store of bytes, so a writer handed to a helper
/// (`IRWriter`) and taken back sees what the helper wrote.
public struct WireWriter {
    @usableFromInline let store: WireBytes

    /// Pieces at least this long go straight into the buffer to be sent.
    static let largePiece = 1 << 16

    public init(capacity: Int = 256) { store = WireBytes(capacity: capacity) }

    /// A writer that starts with `buffer`'s readable bytes.
    public init(_ buffer: ByteBuffer) {
        store = WireBytes(capacity: max(256, buffer.readableBytes))
        buffer.withUnsafeReadableBytes { bytes($0) }
    }

    /// How many bytes are written so far (where the next goes).
    @inline(__always) public var count: Int { store.headCount &+ store.count }

    @inline(__always) public mutating func u8(_ v: UInt8) { store.put(v) }
    @inline(__always) public mutating func u16(_ v: UInt16) { store.put(v.littleEndian) }
    @inline(__always) public mutating func u32(_ v: Int) { store.put(UInt32(truncatingIfNeeded: v).littleEndian) }
    @inline(__always) public mutating func i64(_ v: Int64) { store.put(v.littleEndian) }
    @inline(__always) public mutating func int(_ v: Int) { store.put(Int64(v).littleEndian) }
    @inline(__always) public mutating func f64(_ v: Double) { store.put(v.bitPattern.littleEndian) }
    @inline(__always) public mutating func bool(_ v: Bool) { u8(v ? 1 : 0) }

    public mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { u in
            u32(u.count)
            bytes(UnsafeRawBufferPointer(u))
        }
    }

    public mutating func bytes(_ p: UnsafeRawBufferPointer) {
        guard let src = p.baseAddress, p.count > 0 else { return }
        if p.count >= WireWriter.largePiece {
            store.moveToHead(extra: p.count)
            store.head!.writeBytes(p)
            store.headCount += p.count
            return
        }
        store.reserve(p.count)
        (store.base + store.count).copyMemory(from: src, byteCount: p.count)
        store.count += p.count
    }

    public mutating func path(_ p: [String]) {
        u32(p.count)
        for s in p { string(s) }
    }

    /// Overwrites four bytes written before (a length known only afterwards). Bytes written
    /// before a large piece moved with it into the buffer, all four together.
    public mutating func setU32(_ v: Int, at offset: Int) {
        precondition(offset >= 0 && offset + 4 <= count)
        let x = UInt32(truncatingIfNeeded: v)
        if offset >= store.headCount {
            store.base.storeBytes(of: x.littleEndian, toByteOffset: offset - store.headCount, as: UInt32.self)
        } else {
            // no copy of the buffer may be held while it is written: the write would copy it
            let at = store.head!.readerIndex + offset
            store.head!.setInteger(x, at: at, endianness: .little)
        }
    }

    /// A copy of the bytes from `start` to the end.
    public func bytes(from start: Int) -> [UInt8] {
        if start >= store.headCount {
            return Array(UnsafeRawBufferPointer(start: store.base + (start - store.headCount), count: store.count - (start - store.headCount)))
        }
        return withBytes { Array($0[start...]) }
    }

    /// Lends the bytes written (in one piece: those in the buffer are copied out for it).
    public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        guard let h = store.head else { return try body(UnsafeRawBufferPointer(start: store.base, count: store.count)) }
        var all = h
        all.writeBytes(UnsafeRawBufferPointer(start: store.base, count: store.count))
        return try all.withUnsafeReadableBytes(body)
    }

    /// The bytes written, in a buffer of their own.
    public func byteBuffer(_ allocator: ByteBufferAllocator = ByteBufferAllocator()) -> ByteBuffer {
        if store.head != nil {
            store.moveToHead(extra: 0)
            return store.head!
        }
        var b = allocator.buffer(capacity: store.count)
        b.writeBytes(UnsafeRawBufferPointer(start: store.base, count: store.count))
        return b
    }

    /// The bytes written (a copy; see `byteBuffer`).
    public var buffer: ByteBuffer { byteBuffer() }
}

/// The memory a `WireWriter` fills.
public final class WireBytes {
    @usableFromInline var base: UnsafeMutableRawPointer
    @usableFromInline var capacity: Int
    @usableFromInline var count = 0
    /// The bytes before `base`'s, once a large piece was written: in the buffer to be sent.
    var head: ByteBuffer?
    @usableFromInline var headCount = 0

    init(capacity: Int) {
        self.capacity = max(16, capacity)
        base = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 16)
    }

    deinit { base.deallocate() }

    /// Room for `n` more bytes.
    @inline(__always) @usableFromInline func reserve(_ n: Int) {
        if count + n > capacity { grow(n) }
    }

    @usableFromInline func grow(_ n: Int) {
        let newCapacity = max(capacity * 2, count + n)
        let m = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        m.copyMemory(from: base, byteCount: count)
        base.deallocate()
        base = m
        capacity = newCapacity
    }

    /// Moves the bytes written here to the end of `head` (made if need be), with room for
    /// `extra` more.
    func moveToHead(extra: Int) {
        if head == nil { head = ByteBufferAllocator().buffer(capacity: count + extra + 256) }
        head!.reserveCapacity(minimumWritableBytes: count + extra)
        head!.writeBytes(UnsafeRawBufferPointer(start: base, count: count))
        headCount += count
        count = 0
    }

    @inline(__always) @usableFromInline func put<T: FixedWidthInteger>(_ v: T) {
        reserve(MemoryLayout<T>.size)
        base.storeBytes(of: v, toByteOffset: count, as: T.self)
        count += MemoryLayout<T>.size
    }
}

/// Reads wire-format primitives, throwing `WireError.truncated` at the end of the data.
public struct WireReader {
    public var buffer: ByteBuffer

    public init(_ buffer: ByteBuffer) { self.buffer = buffer }

    public var remaining: Int { buffer.readableBytes }

    @inline(__always) public mutating func u8() throws -> UInt8 {
        guard let v = buffer.readInteger(as: UInt8.self) else { throw WireError.truncated }
        return v
    }
    @inline(__always) public mutating func u16() throws -> UInt16 {
        guard let v = buffer.readInteger(endianness: .little, as: UInt16.self) else { throw WireError.truncated }
        return v
    }
    /// A count: bounded by what is left (each counted item takes at least one byte).
    @inline(__always) public mutating func count() throws -> Int {
        guard let v = buffer.readInteger(endianness: .little, as: UInt32.self) else { throw WireError.truncated }
        let n = Int(v)
        if n > buffer.readableBytes { throw WireError.malformed("count \(n) exceeds the message") }
        return n
    }
    @inline(__always) public mutating func u32() throws -> Int {
        guard let v = buffer.readInteger(endianness: .little, as: UInt32.self) else { throw WireError.truncated }
        return Int(v)
    }
    @inline(__always) public mutating func i64() throws -> Int64 {
        guard let v = buffer.readInteger(endianness: .little, as: Int64.self) else { throw WireError.truncated }
        return v
    }
    @inline(__always) public mutating func int() throws -> Int { Int(try i64()) }
    @inline(__always) public mutating func f64() throws -> Double {
        guard let v = buffer.readInteger(endianness: .little, as: UInt64.self) else { throw WireError.truncated }
        return Double(bitPattern: v)
    }
    @inline(__always) public mutating func bool() throws -> Bool { try u8() != 0 }

    public mutating func string() throws -> String {
        let n = try count()
        guard let s = buffer.readString(length: n) else { throw WireError.truncated }
        return s
    }

    /// Copies `n` bytes into `dest`.
    public mutating func bytes(into dest: UnsafeMutableRawPointer, count n: Int) throws {
        guard n <= buffer.readableBytes else { throw WireError.truncated }
        if n == 0 { return }
        buffer.withUnsafeReadableBytes { src in
            if let base = src.baseAddress { dest.copyMemory(from: base, byteCount: n) }
        }
        buffer.moveReaderIndex(forwardBy: n)
    }

    public mutating func path() throws -> [String] {
        let n = try count()
        var out: [String] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try string()) }
        return out
    }
}
