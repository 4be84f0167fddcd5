import Crypto
import DistWire
import Foundation
import NIOCore

/// Authenticates a new connection with the cluster cookie before any message is read.
///
/// Both sides prove they know the cookie with HMAC-SHA256 over the other side's fresh nonce
/// (see `WireFormat`); the cookie never crosses the socket. On success the handler replaces
/// itself with the frame decoder and the message handler, and reports the pid the connecting
/// side claimed. Anything else — a wrong MAC, a wrong magic, too much or too little data
/// within the deadline — closes the connection without running anything. In an encrypted
/// cluster it runs inside the TLS session: the TLS handler comes first in the pipeline, so
/// nothing of this reaches a peer whose certificate is refused (see `TLSIdentity`).
final class HandshakeHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    enum Role { case accepting, connecting(claimedPid: Int) }

    let role: Role
    let key: SymmetricKey
    /// Called on success with the pipeline's context and the peer's claimed pid (accepting
    /// side) or 0 (connecting side); it installs the message handlers.
    let onSuccess: (ChannelHandlerContext, Int) -> Void
    let onFailure: (String) -> Void
    private var buffer: ByteBuffer?
    private var nonce = [UInt8](repeating: 0, count: WireFormat.nonceLength)
    private var peerNonce: [UInt8] = []
    private var stage = 0
    private var finished = false

    init(role: Role, cookie: String, onSuccess: @escaping (ChannelHandlerContext, Int) -> Void, onFailure: @escaping (String) -> Void) {
        self.role = role
        key = SymmetricKey(data: Data(cookie.utf8))
        self.onSuccess = onSuccess
        self.onFailure = onFailure
        var g = SystemRandomNumberGenerator()
        for i in 0..<nonce.count { nonce[i] = UInt8.random(in: 0...255, using: &g) }
    }

    static let timeout: TimeAmount = .seconds(10)

    func handlerAdded(context: ChannelHandlerContext) {
        let ctx = context
        context.eventLoop.assumeIsolated().scheduleTask(in: HandshakeHandler.timeout) { [weak self] in
            guard let self = self, !self.finished else { return }
            self.fail(ctx, "handshake timed out")
        }
        if context.channel.isActive { start(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context)
        context.fireChannelActive()
    }

    private func start(_ context: ChannelHandlerContext) {
        guard stage == 0 else { return }
        stage = 1
        if case .accepting = role {
            var out = context.channel.allocator.buffer(capacity: 22)
            out.writeBytes(WireFormat.magic)
            out.writeInteger(WireFormat.version, endianness: .little)
            out.writeBytes(nonce)
            context.writeAndFlush(wrapOutboundOut(out), promise: nil)
        }
    }

    func mac(_ label: String, _ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        var data = Data(label.utf8)
        data.append(contentsOf: a)
        data.append(contentsOf: b)
        return Array(HMAC<SHA256>.authenticationCode(for: data, using: key))
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        if buffer == nil { buffer = incoming } else { buffer!.writeBuffer(&incoming) }
        guard var buf = buffer else { return }
        switch role {
        case .accepting:
            // expect MAC, nonce C, claimed pid
            let need = WireFormat.macLength + WireFormat.nonceLength + 8
            guard buf.readableBytes >= need else { return }
            guard let theirMac = buf.readBytes(length: WireFormat.macLength),
                  let nc = buf.readBytes(length: WireFormat.nonceLength),
                  let pid = buf.readInteger(endianness: .little, as: Int64.self) else { return fail(context, "short handshake") }
            guard constantTimeEqual(theirMac, mac("connect", nonce, nc)) else {
                return fail(context, "Invalid connection credentials sent by remote.")
            }
            var out = context.channel.allocator.buffer(capacity: WireFormat.macLength)
            out.writeBytes(mac("accept", nc, nonce))
            context.writeAndFlush(wrapOutboundOut(out), promise: nil)
            succeed(context, Int(pid), leftover: buf)
        case .connecting(let claimed):
            if stage == 1 {
                guard buf.readableBytes >= 4 + 2 + WireFormat.nonceLength else { buffer = buf; return }
                guard let magic = buf.readBytes(length: 4), magic == WireFormat.magic,
                      let version = buf.readInteger(endianness: .little, as: UInt16.self), version == WireFormat.version,
                      let na = buf.readBytes(length: WireFormat.nonceLength) else {
                    return fail(context, "the peer does not speak the dist protocol")
                }
                peerNonce = na
                var out = context.channel.allocator.buffer(capacity: 64)
                out.writeBytes(mac("connect", na, nonce))
                out.writeBytes(nonce)
                out.writeInteger(Int64(claimed), endianness: .little)
                context.writeAndFlush(wrapOutboundOut(out), promise: nil)
                stage = 2
            }
            if stage == 2 {
                guard buf.readableBytes >= WireFormat.macLength else { buffer = buf; return }
                guard let theirMac = buf.readBytes(length: WireFormat.macLength),
                      constantTimeEqual(theirMac, mac("accept", nonce, peerNonce)) else {
                    return fail(context, "the peer failed to authenticate")
                }
                succeed(context, 0, leftover: buf)
            }
        }
        if !finished { buffer = buf }
    }

    private func succeed(_ context: ChannelHandlerContext, _ pid: Int, leftover: ByteBuffer) {
        finished = true
        buffer = nil
        onSuccess(context, pid)
        if leftover.readableBytes > 0 { context.fireChannelRead(NIOAny(leftover)) }
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    private func fail(_ context: ChannelHandlerContext, _ why: String) {
        if finished { return }
        finished = true
        buffer = nil
        onFailure(why)
        context.close(promise: nil)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        fail(context, "\(error)")
    }

    private func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var d: UInt8 = 0
        for i in 0..<a.count { d |= a[i] ^ b[i] }
        return d == 0
    }
}
