import DistLang
import DistWire
import NIOCore

/// An authenticated connection to another process of the cluster.
final class PeerLink {
    /// The process at the other end.
    var pid: Int
    let channel: Channel
    /// Globals already sent with closures over this connection.
    let sentGlobals = SentGlobals()
    /// Messages sent so far (their numbers join a trace's send and receive slices).
    var sentCount = 0
    /// Messages received so far from the peer (a heartbeat monitor watches it move).
    var heard = 0
    /// Large arrays through shared memory when the peer shares this host's `/dev/shm`.
    let transfers = MemoryTransfers()
    unowned(unsafe) let cluster: Cluster

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
        channel.writeAndFlush(buf, promise: nil)
        // a large array went through the socket: find out whether the next can skip it
        if transfers.wantsProbe, let (name, token) = transfers.startProbe() {
            try send(.memoryProbe(name: name, token: token))
        }
    }
}

/// Receives frames from one peer and hands them to the cluster.
final class MessageHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    unowned(unsafe) let cluster: Cluster
    var link: PeerLink?
    /// Messages received so far on this connection (see `PeerLink.sentCount`).
    var receivedCount = 0
    /// The fingerprint of the certificate the peer presented (an accepted connection in an
    /// encrypted cluster): the pid it identifies as must be the one with this certificate.
    var certificateFingerprint: [UInt8]?

    init(cluster: Cluster) { self.cluster = cluster }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        cluster.received(frame, on: self, context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        cluster.connectionClosed(self)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        // a frame too long to be ours, or a socket error: this connection is unusable
        context.close(promise: nil)
    }
}
