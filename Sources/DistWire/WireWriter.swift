import NIOCore

/// Appends wire-format primitives to a buffer.
public struct WireWriter {
    public var buffer: ByteBuffer

    public init(_ buffer: ByteBuffer) { self.buffer = buffer }

    @inline(__always) public mutating func u8(_ v: UInt8) { buffer.writeInteger(v) }
    @inline(__always) public mutating func u16(_ v: UInt16) { buffer.writeInteger(v, endianness: .little) }
    @inline(__always) public mutating func u32(_ v: Int) { buffer.writeInteger(UInt32(truncatingIfNeeded: v), endianness: .little) }
    @inline(__always) public mutating func i64(_ v: Int64) { buffer.writeInteger(v, endianness: .little) }
    @inline(__always) public mutating func int(_ v: Int) { buffer.writeInteger(Int64(v), endianness: .little) }
    @inline(__always) public mutating func f64(_ v: Double) { buffer.writeInteger(v.bitPattern, endianness: .little) }
    @inline(__always) public mutating func bool(_ v: Bool) { u8(v ? 1 : 0) }

    public mutating func string(_ s: String) {
        let n = s.utf8.count
        u32(n)
        buffer.writeString(s)
    }

    public mutating func bytes(_ p: UnsafeRawBufferPointer) {
        // grow once to the exact size rather than by doubling (each doubling copies)
        if p.count > 4096 { buffer.reserveCapacity(minimumWritableBytes: p.count) }
        buffer.writeBytes(p)
    }

    public mutating func path(_ p: [String]) {
        u32(p.count)
        for s in p { string(s) }
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
