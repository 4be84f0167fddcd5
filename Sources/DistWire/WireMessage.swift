import DistLang
import NIOCore

/// Where a worker listens, as the master tells the others, and — in a cluster with encrypted
/// transport — the SHA-256 fingerprint of its TLS certificate (empty without).
public struct PeerAddress: Equatable {
    public let pid: Int
    public let host: String
    public let port: Int
    public let fingerprint: [UInt8]
    /// The abstract Unix-domain socket the process also listens on (its name without the
    /// leading NUL), empty if none: a process in the same network namespace connects there,
    /// which costs the kernel a fraction of a TCP connection's work per message.
    public let local: String

    public init(pid: Int, host: String, port: Int, fingerprint: [UInt8] = [], local: String = "") {
        self.pid = pid
        self.host = host
        self.port = port
        self.fingerprint = fingerprint
        self.local = local
    }
}

/// A message between processes (see `WireFormat` for the bytes).
public enum WireMessage {
    case call(f: Value, args: [Value], kw: [(JSym, Value)], rrid: RRID?, notify: RRID?)
    case result(RRID, Value)
    /// Process 1 admits a worker: its pid, the workers it knows, the ones it must connect to
    /// now (`lazy = false`, or a `:custom` topology), and whether worker-to-worker
    /// connections are forbidden (`:master_worker`).
    case join(pid: Int, peers: [PeerAddress], connect: [Int], masterOnly: Bool)
    case joinAck(ospid: Int)
    case identify(pid: Int)
    case addClients([(RRID, Int)])
    case delClients([(RRID, Int)])
    case peers([PeerAddress])
    case connectTo(pid: Int)
    case error(RRID?, String)
    /// A worker is alive (sent only when process 1 asked for heartbeats); carries nothing.
    case heartbeat
    /// Whether the peer shares this process's `/dev/shm`: the segment `name` holds `token`
    /// (see `MemoryTransfers`), and the answer.
    case memoryProbe(name: String, token: [UInt8])
    case memoryProbeAck(Bool)

    /// The message a remote operation sends.
    public init(_ m: RemoteMessage) {
        switch m {
        case .call(let f, let args, let kw, let rrid, let notify): self = .call(f: f, args: args, kw: kw, rrid: rrid, notify: notify)
        case .result(let r, let v): self = .result(r, v)
        case .addClients(let l): self = .addClients(l)
        case .delClients(let l): self = .delClients(l)
        }
    }
}

/// The outcome of decoding one frame.
public enum DecodedFrame {
    case message(WireMessage)
    /// A call or result whose body could not be decoded: who to tell, and why.
    case failedBody(rrid: RRID?, notify: RRID?, kind: MessageKind, error: Error)
    /// A frame that is not a message at all.
    case garbage(Error)
}

/// Encodes and decodes messages.
public enum MessageCodec {
    /// Encodes a message as a frame (length prefix included).
    public static func encode(_ m: WireMessage, allocator: ByteBufferAllocator, runtime: Runtime, destination: Int,
                              sentGlobals: SentGlobals?, transfers: MemoryTransfers? = nil,
                              onReference: ((RemoteRef) -> Void)?) throws -> ByteBuffer {
        var vw = ValueWriter(WireWriter(), runtime: runtime, destination: destination, sentGlobals: sentGlobals,
                             transfers: transfers, onReference: onReference)
        vw.w.u32(0)
        vw.defersCode = true
        func rrid(_ r: RRID) { vw.w.int(r.whence); vw.w.int(r.id) }
        func peers(_ ps: [PeerAddress]) {
            vw.w.u32(ps.count)
            for p in ps {
                vw.w.int(p.pid); vw.w.string(p.host); vw.w.u16(UInt16(truncatingIfNeeded: p.port))
                vw.w.u8(UInt8(truncatingIfNeeded: p.fingerprint.count))
                p.fingerprint.withUnsafeBytes { vw.w.bytes($0) }
                vw.w.string(p.local)
            }
        }
        switch m {
        case .call(let f, let args, let kw, let r, let n):
            vw.w.u8(MessageKind.call.rawValue)
            vw.w.u8((r != nil ? 1 : 0) | (n != nil ? 2 : 0))
            if let r = r { rrid(r) }
            if let n = n { rrid(n) }
            try vw.value(f)
            vw.w.u32(args.count)
            for a in args { try vw.value(a) }
            vw.w.u32(kw.count)
            for (k, v) in kw { vw.w.string(k.name); try vw.value(v) }
        case .result(let r, let v):
            vw.w.u8(MessageKind.result.rawValue)
            rrid(r)
            try vw.value(v)
        case .join(let pid, let ps, let connect, let masterOnly):
            vw.w.u8(MessageKind.join.rawValue)
            vw.w.int(pid)
            peers(ps)
            vw.w.bool(masterOnly)
            vw.w.u32(connect.count)
            for p in connect { vw.w.int(p) }
        case .joinAck(let ospid):
            vw.w.u8(MessageKind.joinAck.rawValue)
            vw.w.int(ospid)
        case .identify(let pid):
            vw.w.u8(MessageKind.identify.rawValue)
            vw.w.int(pid)
        case .addClients(let l), .delClients(let l):
            if case .addClients = m { vw.w.u8(MessageKind.addClients.rawValue) } else { vw.w.u8(MessageKind.delClients.rawValue) }
            vw.w.u32(l.count)
            for (r, p) in l { rrid(r); vw.w.int(p) }
        case .peers(let ps):
            vw.w.u8(MessageKind.peers.rawValue)
            peers(ps)
        case .connectTo(let pid):
            vw.w.u8(MessageKind.connectTo.rawValue)
            vw.w.int(pid)
        case .error(let r, let text):
            vw.w.u8(MessageKind.error.rawValue)
            rrid(r ?? RRID(whence: 0, id: 0))
            vw.w.string(text)
        case .heartbeat:
            vw.w.u8(MessageKind.heartbeat.rawValue)
        case .memoryProbe(let name, let token):
            vw.w.u8(MessageKind.memoryProbe.rawValue)
            vw.w.string(name)
            token.withUnsafeBytes { vw.w.bytes($0) }
        case .memoryProbeAck(let ok):
            vw.w.u8(MessageKind.memoryProbeAck.rawValue)
            vw.w.bool(ok)
        }
        try sealFrame(&vw.w)
        guard let sent = sentGlobals else { return vw.w.byteBuffer(allocator) }
        let frame = vw.newCode.isEmpty ? vw.w.byteBuffer(allocator)
            : try withCode(vw.newCode, before: vw.w, allocator: allocator, runtime: runtime, destination: destination,
                           onReference: onReference)
        sent.commit(globals: vw.newGlobals, code: vw.newCode)
        return frame
    }

    /// A `code` frame: the closures' code a message uses for the first time on its
    /// connection, then the message (`frame`, with its length prefix).
    static func withCode(_ code: [SentCode], before frame: WireWriter, allocator: ByteBufferAllocator, runtime: Runtime,
                         destination: Int, onReference: ((RemoteRef) -> Void)?) throws -> ByteBuffer {
        var cw = ValueWriter(WireWriter(capacity: 1024 + frame.count), runtime: runtime, destination: destination,
                             sentGlobals: nil, onReference: onReference)
        cw.w.u32(0)
        cw.w.u8(MessageKind.code.rawValue)
        for c in code {
            cw.w.u8(1)
            cw.w.u32(c.number)
            let at = cw.w.count
            cw.w.u32(0)
            // each piece is read on its own: back-references do not cross pieces
            cw.objects = [:]
            try cw.closureCode(c.lambda, c.methods)
            cw.w.setU32(cw.w.count - at - 4, at: at)
        }
        cw.w.u8(0)
        frame.withBytes { cw.w.bytes(UnsafeRawBufferPointer(rebasing: $0.dropFirst(4))) }
        try sealFrame(&cw.w)
        return cw.w.byteBuffer(allocator)
    }

    /// Sets a frame's length prefix (its first four bytes), refusing a frame too long to send.
    static func sealFrame(_ w: inout WireWriter) throws {
        let len = w.count - 4
        if len > WireFormat.maxFrame { throw WireError.unsendable("a message of \(len) bytes (the limit is 1 GiB)") }
        w.setU32(len, at: 0)
    }

    /// Decodes one frame's payload (without its length prefix).
    public static func decode(_ payload: ByteBuffer, runtime: Runtime, source: Int, transfers: MemoryTransfers? = nil,
                              receivedCode: ReceivedCode? = nil) -> DecodedFrame {
        var vr = ValueReader(payload, runtime: runtime, source: source, transfers: transfers, receivedCode: receivedCode)
        func rrid() throws -> RRID { RRID(whence: try vr.r.int(), id: try vr.r.int()) }
        // a process id is positive and far from Int's end: the cluster counts on from it
        func processID() throws -> Int {
            let p = try vr.r.int()
            guard p >= 1 && p <= WireFormat.maxPid else { throw WireError.malformed("bad process id \(p)") }
            return p
        }
        func peers() throws -> [PeerAddress] {
            let n = try vr.r.count()
            var out: [PeerAddress] = []
            for _ in 0..<n {
                let pid = try processID(), host = try vr.r.string(), port = Int(try vr.r.u16())
                let n = Int(try vr.r.u8())
                guard n == 0 || n == WireFormat.fingerprintLength else { throw WireError.malformed("a fingerprint of \(n) bytes") }
                var fingerprint = [UInt8](repeating: 0, count: n)
                try fingerprint.withUnsafeMutableBytes { p in if let b = p.baseAddress { try vr.r.bytes(into: b, count: n) } }
                out.append(PeerAddress(pid: pid, host: host, port: port, fingerprint: fingerprint, local: try vr.r.string()))
            }
            return out
        }
        var kindByte: UInt8
        do {
            kindByte = try vr.r.u8()
            if kindByte == MessageKind.code.rawValue {
                try vr.codeSection()
                kindByte = try vr.r.u8()
            }
        } catch {
            return .garbage(error)
        }
        guard let kind = MessageKind(rawValue: kindByte) else { return .garbage(WireError.badTag("message", kindByte)) }
        var r: RRID?, n: RRID?
        do {
            switch kind {
            case .call:
                let flags = try vr.r.u8()
                if flags & 1 != 0 { r = try rrid() }
                if flags & 2 != 0 { n = try rrid() }
            case .result:
                r = try rrid()
            default: break
            }
        } catch {
            return .garbage(error)
        }
        do {
            let m: WireMessage
            switch kind {
            case .call:
                let f = try vr.value()
                let na = try vr.r.count()
                var args: [Value] = []
                for _ in 0..<na { args.append(try vr.value()) }
                let nk = try vr.r.count()
                var kw: [(JSym, Value)] = []
                for _ in 0..<nk { kw.append((JSym.intern(try vr.r.string()), try vr.value())) }
                m = .call(f: f, args: args, kw: kw, rrid: r, notify: n)
            case .result:
                m = .result(r ?? RRID(whence: 0, id: 0), try vr.value())
            case .join:
                let pid = try processID()
                let ps = try peers()
                let masterOnly = try vr.r.bool()
                let n = try vr.r.count()
                var connect: [Int] = []
                for _ in 0..<n { connect.append(try processID()) }
                m = .join(pid: pid, peers: ps, connect: connect, masterOnly: masterOnly)
            case .joinAck: m = .joinAck(ospid: try vr.r.int())
            case .identify: m = .identify(pid: try processID())
            case .addClients, .delClients:
                let c = try vr.r.count()
                var l: [(RRID, Int)] = []
                for _ in 0..<c { l.append((try rrid(), try vr.r.int())) }
                m = kind == .addClients ? .addClients(l) : .delClients(l)
            case .peers: m = .peers(try peers())
            case .connectTo: m = .connectTo(pid: try processID())
            case .error:
                let e = try rrid()
                m = .error(e.whence == 0 && e.id == 0 ? nil : e, try vr.r.string())
            case .heartbeat: m = .heartbeat
            case .memoryProbe:
                let name = try vr.r.string()
                var token = [UInt8](repeating: 0, count: 16)
                try token.withUnsafeMutableBytes { try vr.r.bytes(into: $0.baseAddress!, count: 16) }
                m = .memoryProbe(name: name, token: token)
            case .memoryProbeAck: m = .memoryProbeAck(try vr.r.bool())
            case .code: throw WireError.malformed("a code section inside a code section")
            }
            if vr.r.remaining != 0 { throw WireError.malformed("\(vr.r.remaining) bytes left after the message") }
            return .message(m)
        } catch {
            // a result holding an exception that cannot be decoded here: name its type
            if kind == .result, case WireError.undefined(let why) = error, let t = vr.exceptionTypes.first {
                return .failedBody(rrid: r, notify: n, kind: kind, error: WireError.undecodableException(t, why))
            }
            if kind == .call || kind == .result { return .failedBody(rrid: r, notify: n, kind: kind, error: error) }
            return .garbage(error)
        }
    }
}
