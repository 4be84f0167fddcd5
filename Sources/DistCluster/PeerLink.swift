import CDistSupport
import DistLang
import DistWire
import NIOCore

/// An authenticated connection to another process of the cluster.
final class PeerLink {
    /// The process at the other end.
    var pid: Int
    let channel: Channel
    /// Globals and closures' code already sent over this connection.
    let sentGlobals = SentGlobals()
    /// Messages sent so far (their numbers join a trace's send and receive slices).
    var sentCount = 0
    /// Messages received so far from the peer (a heartbeat monitor watches it move).
    var heard = 0
    /// Large arrays through shared memory when the peer shares this host's `/dev/shm`.
    let transfers = MemoryTransfers()
    unowned(unsafe) let cluster: Cluster
    /// The message handler's place in the pipeline while the connection is up: a message
    /// written there goes straight to the handlers below it (TLS, if any) and the socket,
    /// without entering the pipeline from its far end.
    var context: ChannelHandlerContext?

    init(pid: Int, channel: Channel, cluster: Cluster) {
        self.pid = pid
        self.channel = channel
        self.cluster = cluster
    }

    /// Encodes and writes a message (on the event loop, so it goes out at once).
    func send(_ m: WireMessage) throws {
        let rt: Runtime = cluster.runtime
        let buf = try MessageCodec.encode(m, allocator: channel.allocator, runtime: rt, destination: pid,
                                          sentGlobals: sentGlobals, transfers: transfers,
                                          onReference: { [unowned(unsafe) cluster] r in cluster.referenceSent(r, to: self.pid) })
        sentCount += 1
        if let tr = rt.pgrp.tracer, let (kind, detail) = m.traceDescription(rt) {
            tr.sent(to: pid, kind: kind, detail: detail, bytes: buf.readableBytes, seq: sentCount)
        }
        if let context {
            context.writeAndFlush(NIOAny(buf), promise: nil)
        } else {
            channel.writeAndFlush(buf, promise: nil)
        }
        cluster.sent()
        // a large array went through the socket: find out whether the next can skip it
        if transfers.wantsProbe, let (name, token) = transfers.startProbe() {
            try send(.memoryProbe(name: name, token: token))
        }
    }
}

/// Receives one peer's bytes, cuts them into frames and hands each to the cluster (the
/// framing is done here, not by a pipeline stage of its own: a message costs one handler).
final class MessageHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    unowned(unsafe) let cluster: Cluster
    var link: PeerLink? {
        didSet { link?.context = context }
    }
    /// This handler's context once it is in the pipeline, until the connection closes.
    private var context: ChannelHandlerContext?
    private var frames = FrameAssembler()
    /// Messages received so far on this connection (see `PeerLink.sentCount`).
    var receivedCount = 0
    /// Closures' code the peer sent on this connection to be kept (see `SentGlobals`).
    let receivedCode = ReceivedCode()
    /// The fingerprint of the certificate the peer presented (an accepted connection in an
    /// encrypted cluster): the pid it identifies as must be the one with this certificate.
    var certificateFingerprint: [UInt8]?

    init(cluster: Cluster) { self.cluster = cluster }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        link?.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        link?.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        do {
            try frames.feed(unwrapInboundIn(data)) { frame in cluster.received(frame, on: self, context: context) }
        } catch {
            // a frame too long to be ours: this connection is unusable
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.context = nil
        link?.context = nil
        cluster.connectionClosed(self)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        // a frame too long to be ours, or a socket error: this connection is unusable
        context.close(promise: nil)
    }
}
