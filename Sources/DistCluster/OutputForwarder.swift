import DistLang
import DistWire
import NIOCore

/// Reads a worker's standard output (its stderr goes there too): first the line announcing
/// where it listens, then everything it prints, which process 1 prints as
/// `      From worker N:\t<line>` — whole lines only.
final class OutputForwarder: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    let pid: Int
    unowned(unsafe) let cluster: Cluster
    let announced: EventLoopPromise<PeerAddress>
    private var pending: [UInt8] = []
    private var gotAnnouncement = false

    init(pid: Int, cluster: Cluster, announced: EventLoopPromise<PeerAddress>) {
        self.pid = pid
        self.cluster = cluster
        self.announced = announced
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buf = unwrapInboundIn(data)
        if let bytes = buf.readBytes(length: buf.readableBytes) { pending.append(contentsOf: bytes) }
        var start = 0
        var lines: [String] = []
        for (i, b) in pending.enumerated() where b == 0x0A {
            lines.append(String(decoding: pending[start..<i], as: UTF8.self))
            start = i + 1
        }
        if start > 0 { pending.removeFirst(start) }
        for l in lines { line(l) }
    }

    private func line(_ text: String) {
        if !gotAnnouncement {
            if text.hasPrefix(WorkerProcess.announcementPrefix), let addr = WorkerProcess.parseAnnouncement(text, pid: pid) {
                gotAnnouncement = true
                announced.succeed(addr)
                return
            }
            cluster.printLine("\tFrom worker startup:\t" + text)
            return
        }
        cluster.printLine(cluster.outputPrefix(pid) + text)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !pending.isEmpty {
            line(String(decoding: pending, as: UTF8.self))
            pending = []
        }
        if !gotAnnouncement {
            announced.fail(JuliaError.error("Unable to read host:port string from worker. Launch command exited with error?"))
        }
        cluster.outputClosed(pid)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}
