import NIOCore

/// Splits the byte stream into frames: a little-endian u32 length, then that many bytes.
///
/// Partial input is normal (`.needMoreData`); a length beyond `WireFormat.maxFrame` means
/// the peer does not speak this protocol, and the channel is closed.
public struct FrameDecoder: ByteToMessageDecoder {
    public typealias InboundOut = ByteBuffer

    public init() {}

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let len = buffer.getInteger(at: buffer.readerIndex, endianness: .little, as: UInt32.self) else {
            return .needMoreData
        }
        let n = Int(len)
        if n > WireFormat.maxFrame { throw WireError.malformed("frame of \(n) bytes") }
        guard buffer.readableBytes >= 4 + n else {
            // a large frame: make room for all of it now, so the rest is not copied by regrowth
            // (up to 64 MiB at once: a header alone must not make the receiver reserve gigabytes)
            if n > 65536 { buffer.reserveCapacity(minimumWritableBytes: min(4 + n - buffer.readableBytes, 64 << 20)) }
            return .needMoreData
        }
        buffer.moveReaderIndex(forwardBy: 4)
        guard let payload = buffer.readSlice(length: n) else { return .needMoreData }
        context.fireChannelRead(wrapInboundOut(payload))
        return .continue
    }

    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}
