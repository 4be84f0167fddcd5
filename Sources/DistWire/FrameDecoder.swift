import NIOCore

/// Splits the byte stream into frames: a little-endian u32 length, then that many bytes.
///
/// Whole frames are slices of the bytes as they were read, handed on at once; only the
/// start of a frame whose rest has not arrived is kept (in a buffer of its own, so the
/// read buffer goes back to NIO, and sized for the whole frame once its length is known,
/// so the rest is not copied again as it grows). A length beyond `WireFormat.maxFrame`
/// means the peer does not speak this protocol: `WireError.malformed`, and the connection
/// is unusable. The cluster's `MessageHandler` calls it directly (no pipeline stage between
/// the socket and the decoding of messages); `FrameDecoder` is the same as a stage.
public struct FrameAssembler {
    /// The start of an incomplete frame.
    private var pending: ByteBuffer?

    public init() {}

    /// Hands each whole frame in `bytes` (after what was kept from earlier reads) to `frame`,
    /// in order, and keeps the rest.
    public mutating func feed(_ bytes: ByteBuffer, _ frame: (ByteBuffer) -> Void) throws {
        var buf: ByteBuffer
        let kept = pending != nil
        if var p = pending {
            pending = nil
            var b = bytes
            p.writeBuffer(&b)
            buf = p
        } else {
            buf = bytes
        }
        var needed = 0
        while let len = buf.getInteger(at: buf.readerIndex, endianness: .little, as: UInt32.self) {
            let n = Int(len)
            if n > WireFormat.maxFrame { throw WireError.malformed("frame of \(n) bytes") }
            guard buf.readableBytes >= 4 + n else {
                needed = 4 + n
                break
            }
            buf.moveReaderIndex(forwardBy: 4)
            frame(buf.readSlice(length: n)!)
        }
        guard buf.readableBytes > 0 else { return }
        // room for the whole frame, up to 64 MiB at a time (a header alone must not make the
        // receiver reserve gigabytes)
        let missing = min(max(0, needed - buf.readableBytes), 64 << 20)
        if kept {
            // already this assembler's buffer: it grows in place, at least doubling (a frame
            // beyond 64 MiB must not be copied again at every read)
            if buf.readerIndex > buf.readableBytes { buf.discardReadBytes() }
            if buf.writableBytes < missing { buf.reserveCapacity(minimumWritableBytes: max(missing, buf.capacity)) }
            pending = buf
        } else {
            var own = ByteBufferAllocator().buffer(capacity: max(buf.readableBytes + missing, 64))
            own.writeBuffer(&buf)
            pending = own
        }
    }
}

/// `FrameAssembler` as a pipeline stage: frames in, frames out (a framing error is passed on
/// as an error, and nothing is read after it).
public final class FrameDecoder: ChannelInboundHandler {
    public typealias InboundIn = ByteBuffer
    public typealias InboundOut = ByteBuffer

    private var assembler = FrameAssembler()
    private var failed = false

    public init() {}

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !failed else { return }
        do {
            try assembler.feed(unwrapInboundIn(data)) { context.fireChannelRead(wrapInboundOut($0)) }
        } catch {
            failed = true
            context.fireErrorCaught(error)
        }
    }
}
